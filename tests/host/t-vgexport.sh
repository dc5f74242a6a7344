#!/usr/bin/env bash
# vgexport and vgimport against lvm2 2.03.16 on the same devices: the marks
# on disk each tool reads from the other, lvm2's messages and exit codes,
# refusals that change nothing, and the commands that skip an exported VG.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-alike.sh"

setup_loops 4 32M
A=${DEVS[0]} B=${DEVS[1]} C=${DEVS[2]} D=${DEVS[3]}
vg1=$(vgname 1) vg2=$(vgname 2)
run lvm vgcreate "$vg1" "$A" "$B"
run lvm lvcreate -an -Zn -L 8m -n lv1 "$vg1"
run lvm vgcreate "$vg2" "$C"
run lvm pvcreate "$D"

echo "== command-line forms: lvm2's words and exit code 3"
both vgexport
both vgimport
both vgexport -a "$vg1"
both vgimport -a "$vg1"
both vgimport "$vg1"	# not exported
both vgexport nosuchvg

echo "== lvm2 exports, we see it exported and import it"
run lvm vgexport "$vg1"
check vg_field "$vg1" vg_attr "wzx-n-" "our vg_attr after lvm2's vgexport"
check vg_field "$vg1" vg_exported exported
check pv_field "$A" pv_attr "ax-" "our pv_attr of an lvm2-exported PV"
check pv_field "$B" pv_exported exported
both vgs -o vg_name,vg_attr,pv_count "$vg1"
both pvs -o pv_name,vg_name,pv_attr "$A" "$B"
both vgexport "$vg1"	# already exported
echo "   (commands that skip an exported VG do so; named, it is refused)"
both lvs -o lv_name,vg_name "$vg1"
both lvs -o lv_name,vg_name "$vg1/lv1"
both lvs -o lv_name,vg_name
both lvs -o lv_name,vg_name @nosuchtag
both lvdisplay "$vg1"
both lvdisplay
both lvscan
both lvchange -p r "$vg1/lv1"
both lvremove -f "$vg1/lv1"
both vgdisplay "$vg1"
both vgck "$vg1"
both vgchange -x n "$vg1"
both lvcreate -an -Zn -L 4m -n nope "$vg1"
fp=$(fingerprint)
both vgremove -f "$vg1"
both vgextend "$vg1" "$D"
assert_eq "$(fingerprint)" "$fp" "devices after the refusals"
echo "   (vgrename and vgcfgbackup take an exported VG, as lvm2's do)"
run vol vgrename "$vg1" "${vg1}x"
check --lvm vg_field "${vg1}x" vg_attr "wzx-n-"
run lvm vgrename "${vg1}x" "$vg1"
both vgcfgbackup -f "$T/exported.vg" "$vg1"
run vol vgimport "$vg1"
assert_eq "$(out)" "  Volume group \"$vg1\" successfully imported" "our vgimport output"
check --lvm vg_field "$vg1" vg_attr "wz--n-" "lvm2's vg_attr after our vgimport"
check --lvm pv_field "$A" pv_attr "a--"
check --lvm vgck_clean "$vg1"

echo "== we export, lvm2 sees it exported and imports it"
run vol vgexport "$vg1"
assert_eq "$(out)" "  Volume group \"$vg1\" successfully exported" "our vgexport output"
check --lvm vg_field "$vg1" vg_attr "wzx-n-" "lvm2's vg_attr after our vgexport"
check --lvm pv_field "$B" pv_attr "ax-"
both vgs -o vg_name,vg_attr,vg_systemid "$vg1"
both pvdisplay "$A"
echo "   (pvscan: lvm2's line for an exported PV; column widths are issue 11's pvscan alignment)"
lvm_said pvscan
vol_said pvscan
assert_eq "$(grep exported "$T/v.out" | tr -s ' ' | sort)" "$(grep exported "$T/l.out" | tr -s ' ' | sort)" "pvscan: exported PVs"
assert_eq "$(grep -c exported "$T/v.out")" 2 "pvscan: exported PV lines"
assert_eq "$(tail -1 "$T/v.out")" "$(tail -1 "$T/l.out")" "pvscan: totals"
run lvm vgimport "$vg1"
check vg_field "$vg1" vg_attr "wz--n-"
check --lvm vgck_clean "$vg1"
echo "   (the metadata text is lvm2's: the same flags on the VG and each PV)"
run vol vgexport "$vg1"
run vol vgcfgbackup -f "$T/ours.vg" "$vg1"
run lvm vgimport "$vg1"
run lvm vgexport "$vg1"
run vol vgcfgbackup -f "$T/lvm.vg" "$vg1"
assert_eq "$(grep -n 'status\|flags' "$T/ours.vg")" "$(grep -n 'status\|flags' "$T/lvm.vg")" "status lines"
run vol vgimport "$vg1"

echo "== -a: every VG not exported yet, lvm2's order aside"
lvm_said vgexport -a
run lvm vgimport -a
vol_said vgexport -a
alike_sorted "vgexport -a"
both vgexport -a	# nothing left to export: nothing said
assert_eq "$(cat "$T/v.out" "$T/v.err")" "" "vgexport -a with every VG exported"
lvm_said vgimport -a
run lvm vgexport -a
vol_said vgimport -a
alike_sorted "vgimport -a"

echo "== -f on a VG that is not exported; a VG with one PV"
# (an active LV, which vgexport refuses, needs device-mapper: not on the host)
run vol vgexport "$vg2"
check --lvm pv_field "$C" pv_attr "ax-"
both vgimport -f "$vg1"
run vol vgimport "$vg2"
check --lvm vgck_clean "$vg2"

echo "== a missing PV: vgimport refuses, -f imports"
run vol vgexport "$vg1"
save_images before
detach_loop "$B"
fp=$(fingerprint_of "$A")
lvm_said vgimport "$vg1"
vol_said vgimport "$vg1"
alike "vgimport $vg1 with a PV missing"
assert_eq "$(fingerprint_of "$A")" "$fp" "A after the refusal"
run vol vgimport -f "$vg1"
assert_line "$(err)" "  WARNING: Volume groups with missing PVs will be imported with --force."
assert_line "$(out)" "  Volume group \"$vg1\" successfully imported"
check --lvm vg_field "$vg1" vg_attr "wz-pn-" "lvm2's vg_attr of the partial VG imported with -f"
check --lvm pv_field "$A" pv_attr "a--"
echo "   (a partial VG is not exported, as lvm2 refuses it)"
lvm_said vgexport "$vg1"
vol_said vgexport "$vg1"
alike "vgexport $vg1 with a PV missing"
check --lvm vg_field "$vg1" vg_attr "wz-pn-"
