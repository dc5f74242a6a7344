# libvolume: build, test and install.  See README.md.
#
#   make            build/volume, build/libvolume.so*, build/libvolume.a
#   make check      unit tests, host loop-device tests, VM device-mapper tests
#                   (installs what the tests need first: scripts/install-deps check)
#   make unit       unit tests only (no root)
#   make host       host integration tests (root, loop devices)
#   make vm         device-mapper tests in a QEMU guest (root)
#   make lvm2-tests lvm2's own test suite against volume, in QEMU guests (root);
#                   LVM2_TESTS_CONTROL=1 also runs it under lvm2 alone
#   make asan       unit + host tiers under AddressSanitizer and UBSan
#   make fuzz       the libFuzzer target (clang)
#   make demo       the main job on sparse-file loop devices
#   make vmdemo     LVs and a raid1 mirror (failed, repaired) on real device-mapper, in the VM
#   make bench      every benchmark against lvm2 (root; minutes; never part of check)
#   make bench-smoke the same at small sizes: do they still run?
#                   (installs what the demo needs first: scripts/install-deps demo)
#   make install    DESTDIR=... PREFIX=...; make uninstall
#
# Only "make check" and "make demo" install Debian packages; every other
# target stops with the list of what is missing.  CPPFLAGS, CFLAGS and
# LDFLAGS are honoured (e.g. those of dpkg-buildflags).  WERROR=1 turns
# warnings into errors: the default in a git checkout and in "make check",
# off in a release tarball (no .git).

# The version lives in one place, the public header.
VERSION     := $(shell sed -n 's/^\#define VOL_VERSION "\(.*\)"/\1/p' libvolume/volume.h)
SOVERSION   := 0
PREFIX      ?= /usr/local
# Debian's multiarch library folder (lib/x86_64-linux-gnu) when the
# toolchain has one, else lib.
ifeq ($(origin DEB_HOST_MULTIARCH),undefined)
DEB_HOST_MULTIARCH := $(shell dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || \
	$(CC) -print-multiarch 2>/dev/null)
endif
LIBDIR      ?= $(PREFIX)/lib$(if $(DEB_HOST_MULTIARCH),/$(DEB_HOST_MULTIARCH))
INCLUDEDIR  ?= $(PREFIX)/include
BINDIR      ?= $(PREFIX)/sbin
LIBEXECDIR  ?= $(PREFIX)/libexec
DATADIR     ?= $(PREFIX)/share
MANDIR      ?= $(DATADIR)/man
# The command-name links (pvcreate -> volume, ...): a folder of our own,
# never on PATH unless a user puts it there (lvm2 owns those names).
CMDDIR      ?= $(LIBEXECDIR)/volume
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
# The monitor's systemd unit (systemd looks in /usr/local/lib/systemd/system too).
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
DESTDIR     ?=
LDCONFIG    ?= ldconfig

BUILD       ?= build
CC          ?= gcc
CFLAGS      ?= -O2 -g
SAN         ?=
WERROR      ?= $(if $(wildcard .git),1,0)

WARN := -Wall -Wextra -Wmissing-prototypes -Wstrict-prototypes -Wshadow \
	-Wformat=2 -Wvla -Wcast-qual -Wsign-compare -Wpointer-arith -Wwrite-strings \
	$(if $(filter 1,$(WERROR)),-Werror)
# Ours unless the caller's flags already choose a level (dpkg-buildflags does).
FORTIFY := $(if $(SAN)$(findstring _FORTIFY_SOURCE,$(CPPFLAGS) $(CFLAGS)),,-D_FORTIFY_SOURCE=2)
COMMON := -std=gnu11 $(WARN) $(FORTIFY) -D_GNU_SOURCE -fPIC -fvisibility=hidden -MMD -MP $(SAN)
BASE := $(COMMON) -Imetadata -Ilibvolume
# cmd/ sees the public header and nothing else: including a private header
# from it fails to compile.
CMD_BASE := $(COMMON) -I$(BUILD)/include
# Full RELRO for what we install (lazy binding off), whatever LDFLAGS says.
HARDEN_LD := -Wl,-z,relro -Wl,-z,now

# Build dependencies: checked, never installed from here.  A goal that
# compiles stops at once, naming the Debian packages to install.
NO_BUILD_GOALS := clean uninstall deps check demo
BUILD_GOALS := $(filter-out $(NO_BUILD_GOALS),$(or $(MAKECMDGOALS),all))
ifneq ($(BUILD_GOALS),)
  PC_NEEDED := devmapper blkid $(if $(filter unit asan,$(BUILD_GOALS)),cmocka)
  PC_MISSING := $(if $(shell command -v pkg-config),$(foreach m,$(PC_NEEDED),\
	$(if $(shell pkg-config --exists $(m) && echo y),,$(m))),pkg-config $(PC_NEEDED))
  ifneq ($(strip $(PC_MISSING)),)
    DEB_OF = $(or $(word 2,$(subst :, ,$(filter $(1):%,\
	pkg-config:pkg-config devmapper:libdevmapper-dev blkid:libblkid-dev cmocka:libcmocka-dev))),$(1))
    $(error Missing build dependencies: $(foreach m,$(strip $(PC_MISSING)),$(call DEB_OF,$(m))). \
	Install them (as root: scripts/install-deps build, or check for the tests); \
	make never installs packages itself except in "make check" and "make demo")
  endif
endif

# libdevmapper is dlopen()ed by libvolume/dm.c on first use (by its soname),
# so programs that never touch device-mapper do not load it and its
# dependencies; it is still a build dependency for its header.  (A package
# of libvolume must depend on libdevmapper1.02.1 explicitly: no linker or
# dpkg-shlibdeps sees a dlopen.)  UUIDs come from getrandom(): no libuuid.
LIB_PKGS := blkid
DM_LIB := $(shell pkg-config --variable=libdir devmapper 2>/dev/null)/libdevmapper.so
DM_SONAME := $(shell objdump -p $(DM_LIB) 2>/dev/null | awk '/SONAME/ {print $$2}')
PKG_CFLAGS := $(shell pkg-config --cflags devmapper $(LIB_PKGS) 2>/dev/null) \
	$(if $(DM_SONAME),-DDM_SONAME='"$(DM_SONAME)"')
LIB_LIBS := $(shell pkg-config --libs $(LIB_PKGS) 2>/dev/null)

MD_SRC  := $(sort $(wildcard metadata/*.c))
LIB_SRC := $(sort $(wildcard libvolume/*.c))
CMD_SRC := $(sort $(wildcard cmd/*.c))
MD_OBJ  := $(MD_SRC:%.c=$(BUILD)/obj/%.o)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CMD_OBJ := $(CMD_SRC:%.c=$(BUILD)/obj/%.o)

SONAME  := libvolume.so.$(SOVERSION)
SOLIB   := $(BUILD)/libvolume.so.$(VERSION)
# The installed static library exports the API (vol_*) and nothing else;
# the tests' archive keeps every internal symbol global.
ALIB    := $(BUILD)/libvolume.a
ILIB    := $(BUILD)/obj/libvolume-internal.a
VOLUME  := $(BUILD)/volume
# The binary "make install" installs: VOLUME without the RUNPATH that lets
# the build tree's copy find build/libvolume.so.0.
DIST_VOLUME := $(BUILD)/dist/volume

# The commands, from the command table; each gets a link in CMDDIR
# ("version" is only "volume version").
COMMANDS := $(filter-out version,$(shell sed -n 's/^[[:space:]]*X.\([a-z0-9_]*\),.*/\1/p' cmd/commands.h))
# The man pages as installed: man/CMD.8 becomes volume-CMD.8 (scripts/manpages).
MAN8 := $(sort $(wildcard man/*.8))
MAN3 := $(sort $(wildcard man/*.3))
MAN8_INST := $(foreach p,$(notdir $(MAN8)),$(if $(filter volume.8,$(p)),$(p),volume-$(p)))
MAN_OUT := $(BUILD)/man/.stamp

UNIT_SRC := $(sort $(wildcard tests/unit/test-*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

FIXTURES := $(shell find tests/fixtures -type f 2>/dev/null)
FIX_OUT  := $(BUILD)/fixtures/.stamp

.PHONY: all check unit host vm lvm2-tests asan fuzz demo vmdemo bench bench-smoke install uninstall clean deps FORCE
all: $(VOLUME) $(DIST_VOLUME) $(ALIB) $(BUILD)/libvolume.pc $(MAN_OUT)

deps:
	scripts/install-deps check

V ?= 0
Q := $(if $(filter 1,$(V)),,@)

$(BUILD)/obj/metadata/%.o $(BUILD)/obj/libvolume/%.o: BASE_FLAGS = $(BASE)
$(BUILD)/obj/cmd/%.o: BASE_FLAGS = $(CMD_BASE)
$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(BASE_FLAGS) $(PKG_CFLAGS) -c -o $@ $<

$(CMD_OBJ): $(BUILD)/include/volume.h
$(BUILD)/include/volume.h: libvolume/volume.h
	@mkdir -p $(dir $@)
	cp $< $@

-include $(shell find $(BUILD)/obj $(BUILD)/tests -name '*.d' 2>/dev/null)

$(SOLIB): $(MD_OBJ) $(LIB_OBJ) libvolume/libvolume.sym
	$(CC) $(CFLAGS) $(LDFLAGS) $(HARDEN_LD) -shared -Wl,-soname,$(SONAME) \
		-Wl,--version-script,libvolume/libvolume.sym \
		-Wl,--no-undefined $(SAN) -o $@ $(MD_OBJ) $(LIB_OBJ) $(LIB_LIBS)
	ln -sf libvolume.so.$(VERSION) $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $(BUILD)/libvolume.so

$(ILIB): $(MD_OBJ) $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

# One relocatable object of the whole library in which only the symbols of
# libvolume.sym stay global: a program linking libvolume.a may have its own
# confirm() or io_open() (tests/host/t-staticlink.sh).
$(BUILD)/obj/libvolume.keep: libvolume/libvolume.sym
	@mkdir -p $(dir $@)
	grep -oE '^\s*vol_[a-z0-9_]+;' $< | tr -d ' \t;' > $@.tmp
	test -s $@.tmp
	mv $@.tmp $@
$(BUILD)/obj/libvolume-all.o: $(MD_OBJ) $(LIB_OBJ) $(BUILD)/obj/libvolume.keep
	$(CC) -r -nostdlib -o $@.tmp $(MD_OBJ) $(LIB_OBJ)
	objcopy --keep-global-symbols=$(BUILD)/obj/libvolume.keep $@.tmp $@
	rm -f $@.tmp
$(ALIB): $(BUILD)/obj/libvolume-all.o
	rm -f $@
	ar rcs $@ $^

# The CLI links against the shared library, so it can only reach exported symbols.
$(VOLUME): $(CMD_OBJ) $(SOLIB)
	$(CC) $(CFLAGS) $(LDFLAGS) $(HARDEN_LD) $(SAN) -o $@ $(CMD_OBJ) -L$(BUILD) -lvolume \
		-Wl,-rpath,'$$ORIGIN'
$(DIST_VOLUME): $(CMD_OBJ) $(SOLIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) $(HARDEN_LD) $(SAN) -o $@ $(CMD_OBJ) -L$(BUILD) -lvolume

# The tests' build of the CLI: the same, plus the fault hook that crash tests
# arm with VOLUME_CRASH_AT (the installed binary has no such hook).
HOOK_OBJ := $(BUILD)/obj/cmd/main-hooks.o
$(HOOK_OBJ): cmd/main.c $(BUILD)/include/volume.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(CMD_BASE) -DVOLUME_FAULT_HOOKS $(PKG_CFLAGS) -c -o $@ $<
$(BUILD)/tests/volume: $(filter-out %/main.o,$(CMD_OBJ)) $(HOOK_OBJ) $(SOLIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) $(SAN) -o $@ $(filter-out %/main.o,$(CMD_OBJ)) $(HOOK_OBJ) \
		-L$(BUILD) -lvolume -Wl,-rpath,'$$ORIGIN/..'

# Made once, from the prefix of this build; "make install" installs this file.
$(BUILD)/libvolume.pc: libvolume/libvolume.pc.in FORCE
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(LIBDIR)|; s|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@VERSION@|$(VERSION)|' $< > $@.tmp
	cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@

$(MAN_OUT): $(MAN8) $(MAN3) scripts/manpages
	rm -rf $(BUILD)/man
	scripts/manpages $(BUILD)/man $(MAN8) $(MAN3)
	touch $@

# ---------------------------------------------------------------- tests

$(FIX_OUT): $(FIXTURES)
	rm -rf $(BUILD)/fixtures
	mkdir -p $(BUILD)/fixtures
	cp -r tests/fixtures/. $(BUILD)/fixtures/
	find $(BUILD)/fixtures -name '*.gz' -exec gzip -df {} +
	touch $@

$(BUILD)/tests/test-%: tests/unit/test-%.c tests/unit/unit.h $(ILIB)
	@mkdir -p $(dir $@)
	$(CC) $(BASE) -fvisibility=default $(PKG_CFLAGS) $(CFLAGS) -Itests/unit -o $@ $< \
		$(ILIB) $(LIB_LIBS) -lcmocka

# Programs the host tests run against the shared library (ASan under make asan).
$(BUILD)/tests/handles: tests/handles.c $(SOLIB)
	@mkdir -p $(BUILD)/tests/include/libvolume
	cp libvolume/volume.h $(BUILD)/tests/include/libvolume/
	$(CC) $(COMMON) -I$(BUILD)/tests/include $(CFLAGS) -o $@ $< -L$(BUILD) -lvolume \
		-Wl,-rpath,'$$ORIGIN/..'

# Unit tests of cmd/ code: the pure cmd/ modules linked in, compiled as cmd/
# is (volume.h is the only library header in reach).
CMD_UNIT_OBJ := $(addprefix $(BUILD)/obj/cmd/,units.o field.o select.o)
CMD_UNIT_BIN := $(addprefix $(BUILD)/tests/,test-units test-select)
$(CMD_UNIT_BIN): $(BUILD)/tests/%: tests/unit/%.c $(CMD_UNIT_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CMD_BASE) -fvisibility=default $(CFLAGS) -Icmd -o $@ $< $(CMD_UNIT_OBJ) \
		-lcmocka

$(BUILD)/tests/fuzz-replay: tests/fuzz/fuzz-decode.c tests/fuzz/replay.c $(ILIB)
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(CFLAGS) -o $@ tests/fuzz/fuzz-decode.c tests/fuzz/replay.c $(ILIB) $(LIB_LIBS)

unit: all $(UNIT_BIN) $(BUILD)/tests/fuzz-replay $(FIX_OUT)
	@tests/abi/check-symbols $(BUILD)
	@tests/unit/run $(BUILD) $(UNIT_BIN)

host: all $(BUILD)/tests/volume $(BUILD)/tests/handles $(ILIB) $(FIX_OUT)
	tests/host/run $(BUILD)

vm: all
	scripts/vmtest $(BUILD)

lvm2-tests: all
	scripts/lvm2-testsuite $(BUILD)

# The development build: warnings are errors.
check:
	scripts/install-deps check
	$(MAKE) WERROR=1 all
	$(MAKE) WERROR=1 unit
	$(MAKE) WERROR=1 host
	$(MAKE) WERROR=1 vm
	$(MAKE) WERROR=1 lvm2-tests
	@echo "make check: all four tiers passed (unit, host, vm, lvm2-tests)"

asan:
	$(MAKE) BUILD=build/asan SAN='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
		CFLAGS='-O1 -g' unit host

fuzz: $(BUILD)/fuzz/fuzz-decode
$(BUILD)/fuzz/fuzz-decode: tests/fuzz/fuzz-decode.c $(MD_SRC)
	@mkdir -p $(dir $@)
	clang -std=gnu11 -g -O1 -D_GNU_SOURCE -Imetadata -fsanitize=fuzzer,address,undefined \
		-o $@ tests/fuzz/fuzz-decode.c $(MD_SRC)

# Only what the demo needs: the build tools, lvm2 and losetup.
demo:
	scripts/install-deps demo
	$(MAKE) all
	scripts/demo $(BUILD)

vmdemo: deps all
	scripts/vmdemo $(BUILD)

# Benchmarks need valgrind (instruction counts) besides the test tools.
bench: all
	scripts/install-deps bench
	scripts/bench/run $(BUILD)

bench-smoke: all
	scripts/install-deps bench
	SMOKE=1 scripts/bench/run $(BUILD)

# ---------------------------------------------------------------- install
#
# Nothing here has a name lvm2's packages use (tests/host/t-install.sh checks
# against dpkg): the binary is "volume", the pages volume-CMD.8, and the
# command-name links live in CMDDIR, which is on nobody's PATH until a user
# puts it there.  ldconfig runs after installing into the live system (no
# DESTDIR) as root.

INST_FILES = $(BINDIR)/volume \
	$(LIBDIR)/libvolume.so.$(VERSION) $(LIBDIR)/$(SONAME) $(LIBDIR)/libvolume.so \
	$(LIBDIR)/libvolume.a $(LIBDIR)/pkgconfig/libvolume.pc $(INCLUDEDIR)/libvolume/volume.h \
	$(addprefix $(MANDIR)/man8/,$(MAN8_INST)) $(addprefix $(MANDIR)/man3/,$(notdir $(MAN3))) \
	$(addprefix $(CMDDIR)/,$(COMMANDS)) $(BASHCOMPDIR)/volume \
	$(SYSTEMDUNITDIR)/volume-monitor.service

define run_ldconfig
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" -eq 0 ]; then \
		echo "$(LDCONFIG)"; $(LDCONFIG); \
	else \
		echo "(ldconfig not run: $(if $(DESTDIR),DESTDIR is set,not root))"; \
	fi
endef

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig \
		$(DESTDIR)$(INCLUDEDIR)/libvolume $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(MANDIR)/man3 \
		$(DESTDIR)$(CMDDIR) $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(SYSTEMDUNITDIR)
	install -m 0755 $(DIST_VOLUME) $(DESTDIR)$(BINDIR)/volume
	install -m 0755 $(SOLIB) $(DESTDIR)$(LIBDIR)/
	ln -sf libvolume.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libvolume.so
	install -m 0644 $(ALIB) $(DESTDIR)$(LIBDIR)/
	install -m 0644 libvolume/volume.h $(DESTDIR)$(INCLUDEDIR)/libvolume/
	install -m 0644 $(BUILD)/libvolume.pc $(DESTDIR)$(LIBDIR)/pkgconfig/libvolume.pc
	install -m 0644 $(addprefix $(BUILD)/man/,$(MAN8_INST)) $(DESTDIR)$(MANDIR)/man8/
	install -m 0644 $(addprefix $(BUILD)/man/,$(notdir $(MAN3))) $(DESTDIR)$(MANDIR)/man3/
	for c in $(COMMANDS); do \
		ln -sfr $(DESTDIR)$(BINDIR)/volume $(DESTDIR)$(CMDDIR)/$$c || exit 1; \
	done
	sed -e 's|@BINDIR@|$(BINDIR)|g' completion/volume > $(DESTDIR)$(BASHCOMPDIR)/volume.tmp
	chmod 0644 $(DESTDIR)$(BASHCOMPDIR)/volume.tmp
	mv $(DESTDIR)$(BASHCOMPDIR)/volume.tmp $(DESTDIR)$(BASHCOMPDIR)/volume
	sed -e 's|@BINDIR@|$(BINDIR)|g' scripts/volume-monitor.service \
		> $(DESTDIR)$(SYSTEMDUNITDIR)/volume-monitor.service.tmp
	chmod 0644 $(DESTDIR)$(SYSTEMDUNITDIR)/volume-monitor.service.tmp
	mv $(DESTDIR)$(SYSTEMDUNITDIR)/volume-monitor.service.tmp \
		$(DESTDIR)$(SYSTEMDUNITDIR)/volume-monitor.service
	$(run_ldconfig)
	@echo "Installed volume in $(BINDIR); the command names (pvcreate, vgs, ...) are links in"
	@echo "$(CMDDIR), which is not on PATH: put it first in PATH to run them by name."
	@if command -v lvm >/dev/null 2>&1 || [ -e /sbin/lvm ] || [ -e /usr/sbin/lvm ]; then \
		echo "WARNING: lvm2 is installed here.  With $(CMDDIR) first in PATH, pvcreate," \
			"vgs and the rest run volume instead of lvm2, for that shell and every" \
			"script it starts; leave it off PATH to keep lvm2's (\"volume pvcreate\"" \
			"always works)." | fmt -w 78 >&2; \
	fi

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INST_FILES))
	rmdir $(DESTDIR)$(CMDDIR) $(DESTDIR)$(INCLUDEDIR)/libvolume 2>/dev/null || true
	rmdir -p $(DESTDIR)$(SYSTEMDUNITDIR) 2>/dev/null || true
	$(run_ldconfig)

clean:
	rm -rf build

# The VM tests' driver of the activation layer (private headers, static library);
# scripts/vmtest copies it into the guest.
$(BUILD)/tests/activate-tool: tests/tools/activate-tool.c $(ILIB)
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(PKG_CFLAGS) $(CFLAGS) -o $@ $< $(ILIB) $(LIB_LIBS)
vm: $(BUILD)/tests/activate-tool $(BUILD)/tests/volume
