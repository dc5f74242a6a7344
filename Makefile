# libvolume: build, test and install.  See README.md.
#
#   make            build/volume, build/libvolume.so*, build/libvolume.a
#   make check      unit tests, host loop-device tests, VM device-mapper tests
#   make unit       unit tests only (no root)
#   make host       host integration tests (root, loop devices)
#   make vm         device-mapper tests in a QEMU guest (root)
#   make lvm2-tests lvm2's own test suite against volume, in QEMU guests (root);
#                   LVM2_TESTS_CONTROL=1 also runs it under lvm2 alone
#   make asan       unit + host tiers under AddressSanitizer and UBSan
#   make fuzz       the libFuzzer target (clang)
#   make demo       the main job on sparse-file loop devices
#   make vmdemo     logical volumes on real device-mapper, in the VM of make vm
#   make bench      every benchmark against lvm2 (root; minutes; never part of check)
#   make bench-smoke the same at small sizes: do they still run?
#   make install    DESTDIR=... PREFIX=...

# The version lives in one place, the public header.
VERSION     := $(shell sed -n 's/^\#define VOL_VERSION "\(.*\)"/\1/p' libvolume/volume.h)
SOVERSION   := 0
PREFIX      ?= /usr/local
LIBDIR      ?= $(PREFIX)/lib
INCLUDEDIR  ?= $(PREFIX)/include
BINDIR      ?= $(PREFIX)/sbin
MANDIR      ?= $(PREFIX)/share/man
DESTDIR     ?=

BUILD       ?= build
CC          ?= gcc
CFLAGS      ?= -O2 -g
SAN         ?=

WARN := -Wall -Wextra -Werror -Wmissing-prototypes -Wstrict-prototypes -Wshadow \
	-Wformat=2 -Wvla -Wcast-qual -Wsign-compare -Wpointer-arith -Wwrite-strings
FORTIFY := $(if $(SAN),,-D_FORTIFY_SOURCE=2)
COMMON := -std=gnu11 $(WARN) $(FORTIFY) -D_GNU_SOURCE -fPIC -fvisibility=hidden -MMD -MP $(SAN)
BASE := $(COMMON) -Imetadata -Ilibvolume
# cmd/ sees the public header and nothing else: including a private header
# from it fails to compile.
CMD_BASE := $(COMMON) -I$(BUILD)/include

DEPS_OK := $(shell pkg-config --exists devmapper blkid uuid cmocka 2>/dev/null && echo y)
ifneq ($(DEPS_OK),y)
  $(info Build dependencies missing: running scripts/install-deps)
  $(shell scripts/install-deps >&2)
endif

# libdevmapper is dlopen()ed by libvolume/dm.c on first use (by its soname),
# so programs that never touch device-mapper do not load it and its
# dependencies; it is still a build dependency for its header.
LIB_PKGS := blkid uuid
DM_LIB := $(shell pkg-config --variable=libdir devmapper 2>/dev/null)/libdevmapper.so
DM_SONAME := $(shell objdump -p $(DM_LIB) 2>/dev/null | awk '/SONAME/ {print $$2}')
PKG_CFLAGS := $(shell pkg-config --cflags devmapper $(LIB_PKGS) 2>/dev/null) \
	$(if $(DM_SONAME),-DDM_SONAME='"$(DM_SONAME)"')
LIB_LIBS := $(shell pkg-config --libs $(LIB_PKGS) 2>/dev/null)
CLI_LIBS :=

MD_SRC  := $(sort $(wildcard metadata/*.c))
LIB_SRC := $(sort $(wildcard libvolume/*.c))
CMD_SRC := $(sort $(wildcard cmd/*.c))
MD_OBJ  := $(MD_SRC:%.c=$(BUILD)/obj/%.o)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CMD_OBJ := $(CMD_SRC:%.c=$(BUILD)/obj/%.o)

SONAME  := libvolume.so.$(SOVERSION)
SOLIB   := $(BUILD)/libvolume.so.$(VERSION)
ALIB    := $(BUILD)/libvolume.a
VOLUME  := $(BUILD)/volume

UNIT_SRC := $(sort $(wildcard tests/unit/test-*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

FIXTURES := $(shell find tests/fixtures -type f 2>/dev/null)
FIX_OUT  := $(BUILD)/fixtures/.stamp

.PHONY: all check unit host vm lvm2-tests asan fuzz demo vmdemo bench bench-smoke install clean deps FORCE
all: $(VOLUME) $(ALIB) $(BUILD)/libvolume.pc

deps:
	scripts/install-deps

V ?= 0
Q := $(if $(filter 1,$(V)),,@)

$(BUILD)/obj/metadata/%.o $(BUILD)/obj/libvolume/%.o: BASE_FLAGS = $(BASE)
$(BUILD)/obj/cmd/%.o: BASE_FLAGS = $(CMD_BASE)
$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(BASE_FLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ $<

$(CMD_OBJ): $(BUILD)/include/volume.h
$(BUILD)/include/volume.h: libvolume/volume.h
	@mkdir -p $(dir $@)
	cp $< $@

-include $(shell find $(BUILD)/obj $(BUILD)/tests -name '*.d' 2>/dev/null)

$(SOLIB): $(MD_OBJ) $(LIB_OBJ) libvolume/libvolume.sym
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--version-script,libvolume/libvolume.sym \
		-Wl,--no-undefined $(SAN) -o $@ $(MD_OBJ) $(LIB_OBJ) $(LIB_LIBS)
	ln -sf libvolume.so.$(VERSION) $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $(BUILD)/libvolume.so

$(ALIB): $(MD_OBJ) $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

# The CLI links against the shared library, so it can only reach exported symbols.
$(VOLUME): $(CMD_OBJ) $(SOLIB)
	$(CC) $(SAN) -o $@ $(CMD_OBJ) -L$(BUILD) -lvolume -Wl,-rpath,'$$ORIGIN' $(CLI_LIBS)

# The tests' build of the CLI: the same, plus the fault hook that crash tests
# arm with VOLUME_CRASH_AT (the installed binary has no such hook).
HOOK_OBJ := $(BUILD)/obj/cmd/main-hooks.o
$(HOOK_OBJ): cmd/main.c $(BUILD)/include/volume.h
	@mkdir -p $(dir $@)
	$(CC) $(CMD_BASE) -DVOLUME_FAULT_HOOKS $(PKG_CFLAGS) $(CFLAGS) -c -o $@ $<
$(BUILD)/tests/volume: $(filter-out %/main.o,$(CMD_OBJ)) $(HOOK_OBJ) $(SOLIB)
	@mkdir -p $(dir $@)
	$(CC) $(SAN) -o $@ $(filter-out %/main.o,$(CMD_OBJ)) $(HOOK_OBJ) -L$(BUILD) -lvolume \
		-Wl,-rpath,'$$ORIGIN/..' $(CLI_LIBS)

# Made once, from the prefix of this build; "make install" installs this file.
$(BUILD)/libvolume.pc: libvolume/libvolume.pc.in FORCE
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(LIBDIR)|; s|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@VERSION@|$(VERSION)|' $< > $@.tmp
	cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@

# ---------------------------------------------------------------- tests

$(FIX_OUT): $(FIXTURES)
	rm -rf $(BUILD)/fixtures
	mkdir -p $(BUILD)/fixtures
	cp -r tests/fixtures/. $(BUILD)/fixtures/
	find $(BUILD)/fixtures -name '*.gz' -exec gzip -df {} +
	touch $@

$(BUILD)/tests/test-%: tests/unit/test-%.c tests/unit/unit.h $(ALIB)
	@mkdir -p $(dir $@)
	$(CC) $(BASE) -fvisibility=default $(PKG_CFLAGS) $(CFLAGS) -Itests/unit -o $@ $< \
		$(ALIB) $(LIB_LIBS) -lcmocka

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
		-lcmocka -lm

$(BUILD)/tests/fuzz-replay: tests/fuzz/fuzz-decode.c tests/fuzz/replay.c $(ALIB)
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(CFLAGS) -o $@ tests/fuzz/fuzz-decode.c tests/fuzz/replay.c $(ALIB) $(LIB_LIBS)

unit: all $(UNIT_BIN) $(BUILD)/tests/fuzz-replay $(FIX_OUT)
	@tests/abi/check-symbols $(BUILD)
	@tests/unit/run $(BUILD) $(UNIT_BIN)

host: all $(BUILD)/tests/volume $(BUILD)/tests/handles $(FIX_OUT)
	tests/host/run $(BUILD)

vm: all
	scripts/vmtest $(BUILD)

lvm2-tests: all
	scripts/lvm2-testsuite $(BUILD)

check: deps
	$(MAKE) all
	$(MAKE) unit
	$(MAKE) host
	$(MAKE) vm
	$(MAKE) lvm2-tests
	@echo "make check: all four tiers passed (unit, host, vm, lvm2-tests)"

asan:
	$(MAKE) BUILD=build/asan SAN='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
		CFLAGS='-O1 -g' unit host

fuzz: $(BUILD)/fuzz/fuzz-decode
$(BUILD)/fuzz/fuzz-decode: tests/fuzz/fuzz-decode.c $(MD_SRC)
	@mkdir -p $(dir $@)
	clang -std=gnu11 -g -O1 -D_GNU_SOURCE -Imetadata -fsanitize=fuzzer,address,undefined \
		-o $@ tests/fuzz/fuzz-decode.c $(MD_SRC)

demo: deps all
	scripts/demo $(BUILD)

vmdemo: deps all
	scripts/vmdemo $(BUILD)

# Benchmarks need valgrind (instruction counts) besides the test tools.
bench: all
	scripts/install-deps --bench
	scripts/bench/run $(BUILD)

bench-smoke: all
	scripts/install-deps --bench
	SMOKE=1 scripts/bench/run $(BUILD)

# ---------------------------------------------------------------- install

MAN8 := $(sort $(wildcard man/*.8))
MAN3 := $(sort $(wildcard man/*.3))

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig \
		$(DESTDIR)$(INCLUDEDIR)/libvolume $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(MANDIR)/man3
	install -m 0755 $(VOLUME) $(DESTDIR)$(BINDIR)/volume
	install -m 0755 $(SOLIB) $(DESTDIR)$(LIBDIR)/
	ln -sf libvolume.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libvolume.so
	install -m 0644 $(ALIB) $(DESTDIR)$(LIBDIR)/
	install -m 0644 libvolume/volume.h $(DESTDIR)$(INCLUDEDIR)/libvolume/
	install -m 0644 $(BUILD)/libvolume.pc $(DESTDIR)$(LIBDIR)/pkgconfig/libvolume.pc
	$(if $(MAN8),install -m 0644 $(MAN8) $(DESTDIR)$(MANDIR)/man8/)
	$(if $(MAN3),install -m 0644 $(MAN3) $(DESTDIR)$(MANDIR)/man3/)

clean:
	rm -rf build

# The VM tests' driver of the activation layer (private headers, static library);
# scripts/vmtest copies it into the guest.
$(BUILD)/tests/activate-tool: tests/tools/activate-tool.c $(ALIB)
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(PKG_CFLAGS) $(CFLAGS) -o $@ $< $(ALIB) $(LIB_LIBS)
vm: $(BUILD)/tests/activate-tool $(BUILD)/tests/volume
