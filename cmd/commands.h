/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Every command: X(name, synopsis, summary). */
#ifndef VOLUME_COMMANDS_H
#define VOLUME_COMMANDS_H

#include "cli.h"

#define COMMAND_LIST \
	X(pvcreate, "[-f|-ff] [-y] [--uuid UUID --restorefile FILE] [--metadatasize SIZE] "     \
		    "[--pvmetadatacopies 0|1|2] [--dataalignment SIZE] [--dataalignmentoffset SIZE] " \
		    "[--bootloaderareasize SIZE] [--setphysicalvolumesize SIZE] PV...",           \
	  "Initialize a physical volume for use by the volume manager")                         \
	X(pvremove, "[-f|-ff] [-y] PV...", "Remove the volume manager's label from a physical volume") \
	X(pvresize, "[--setphysicalvolumesize SIZE] PV...", "Resize a physical volume")           \
	X(pvchange, "-x|--allocatable y|n | --addtag TAG | --deltag TAG | --metadataignore y|n | -u "  \
		    "... -a|--all | PV|@TAG...",                                                   \
	  "Change attributes of physical volumes")                                               \
	X(pvs, "[REPORT OPTIONS] [PV...]", "Report information about physical volumes")           \
	X(pvdisplay, "[-c|-s|-m] [--units UNIT] [PV...]", "Display physical volume attributes")                              \
	X(pvscan, "[-e|-n] [-s] [-u]", "List every physical volume")                                                \
	X(pvck, "[--dump headers|metadata|metadata_all|metadata_area|metadata_search] [-f FILE] "    \
		"[--settings S] DEV... | --repair -f FILE [--settings S] DEV | "                    \
		"--repairtype label_header|pv_header|metadata [-f FILE] [--settings S] DEV",        \
	  "Check, dump and repair PV metadata")                                                  \
	X(vgcreate, "[-s SIZE] [-l N] [-p N] [--addtag TAG] [--alloc POLICY] "                     \
		    "[--pvmetadatacopies 0|1|2] [--metadatasize SIZE] VG PV...",                   \
	  "Create a volume group")                                                                 \
	X(vgextend, "[-f] [-y] [PV OPTIONS] VG PV...", "Add physical volumes to a volume group")   \
	X(vgreduce, "[-a|--removemissing [-f]] VG [PV...]",                                        \
	  "Remove physical volumes from a volume group")                                           \
	X(vgremove, "[-f] VG...", "Remove volume groups")                                          \
	X(vgrename, "OLD NEW", "Rename a volume group")                                            \
	X(vgs, "[REPORT OPTIONS] [VG...]", "Report information about volume groups")               \
	X(vgdisplay, "[-c|-s] [--units UNIT] [VG|@TAG...]", "Display volume group information")                                \
	X(vgscan, "", "Search for all volume groups")                                              \
	X(vgchange, "[-a y|n [--sysinit] [--ignorelockingfailure]] [--refresh] [--addtag TAG] "  \
		    "[--deltag TAG] [-l N] [-p N] [-s SIZE] [--alloc POLICY] [-u] [-x y|n] "         \
		    "[--monitor y|n] [--ignoremonitoring] [VG...]",                                 \
	  "Change volume group attributes")                                                        \
	X(vgexport, "-a|--all | VG...", "Mark volume groups exported, to move their PVs to another host") \
	X(vgimport, "[-f] -a|--all | VG...", "Import exported volume groups on this host")           \
	X(vgimportclone, "[-n|--basevgname NAME] [-i|--import] [--importdevices] PV...",          \
	  "Import a volume group from cloned physical volumes under a new name")      \
	X(vgmknodes, "[--refresh] [VG|LV...]",                                                     \
	  "Make the device nodes and links of active logical volumes again")                       \
	X(vgcfgbackup, "[-f FILE] [VG...]", "Back up volume group metadata")                       \
	X(vgcfgrestore, "[-f FILE] [-l] VG", "Restore volume group metadata")                      \
	X(vgck, "[--updatemetadata] [VG...]", "Check the consistency of volume groups")            \
	X(lvcreate, "-L SIZE|-l N[%VG|%FREE|%PVS] [-n NAME] [-i STRIPES [-I SIZE]] [--alloc POLICY] "  \
		    "[-a y|n] [-Z y|n] [-W y|n] [-p r|rw] [--addtag TAG] "                              \
		    "[--type raid1] [-m N] [-R SIZE] [--nosync] [--minrecoveryrate RATE] "              \
		    "[--maxrecoveryrate RATE] [--wait] [--monitor y|n] [--ignoremonitoring] "         \
		    "VG [PV[:PE-PE]...]",                                       \
	  "Create a logical volume")                                                               \
	X(lvremove, "[-f] [-y] VG|LV...", "Remove logical volumes")                               \
	X(lvrename, "VG OLD NEW | VG/OLD VG/NEW", "Rename a logical volume")                        \
	X(lvextend, "-L|-l [+]SIZE [-r] [-i N] [-I SIZE] [--type TYPE] [-m N] LV [PV...]", "Add space to a logical volume") \
	X(lvreduce, "-L|-l [-]SIZE [-r] [-f] LV", "Reduce the size of a logical volume")             \
	X(lvresize, "-L|-l [+|-]SIZE [-r] LV [PV...]", "Resize a logical volume")                     \
	X(lvs, "[REPORT OPTIONS] [-a] [--segments] [VG|LV|@TAG...]",                              \
	  "Report information about logical volumes")                                             \
	X(lvdisplay, "[-a] [-m|-c] [--units UNIT] [VG|LV|@TAG...]", "Display logical volume attributes")          \
	X(lvscan, "[-a] [-b]", "List every logical volume")                                           \
	X(lvchange, "[-a y|n] [--refresh] [-p r|rw] [--addtag TAG] [--deltag TAG] "                \
		    "[--activationmode complete|degraded|partial|-P] [--syncaction check|repair] "        \
		    "[--resync] [--rebuild PV] [--wait] [--writemostly PV[:y|n|t]] [--writebehind N] "          \
		    "[--minrecoveryrate RATE] [--maxrecoveryrate RATE] [-C y|n] [-r auto|none|N] "      \
		    "[-M y --minor N [--major N] | -M n] [--monitor y|n] [--ignoremonitoring] "      \
		    "VG|LV...",                                                                    \
	  "Change the attributes of logical volumes")                                              \
	X(lvconvert, "[--wait] -m [+|-]N [--type raid1|linear] [-R SIZE] LV [PV...] | "             \
		     "--repair LV [PV...] | --replace PV LV [PV...]",                                                         \
	  "Change the layout of a logical volume (raid1 legs)")                                    \
	X(lvmdiskscan, "[-l|--lvmpartition]", "List the devices that may be used as physical volumes") \
	X(monitor, "[--policy warn|allocate] [--interval SECONDS] [--once] [VG...]",              \
	  "Watch raid1 logical volumes for leg failures (and repair them)")                          \
	X(version, "", "Show the versions of volume, libdevmapper and the kernel driver")          \

#define X(name, synopsis, summary) int cmd_##name(struct cli *c, int argc, char **argv);
COMMAND_LIST
#undef X

/* vgdisplay -v: lvdisplay's block of each visible LV of @vg (lvdisplay.c). */
void lvdisplay_vg(struct vol_vg *vg);

#endif
