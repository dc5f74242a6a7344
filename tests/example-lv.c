/* lvnew: create a linear LV in a VG and activate it.
 * Usage: lvnew VG LV MIB [DEV...]   (DEV...: look at these devices only)
 * Backups and archives go where lvm2 keeps them: /etc/lvm, or $LVM_SYSTEM_DIR. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libvolume/volume.h>

static void log_msg(const struct vol_log_info *m, void *usrptr)
{
        (void)usrptr;
        if (m->level == VOL_LOG_NORMAL)
                printf("%s\n", m->msg);
        else if (m->level < VOL_LOG_NORMAL)
                fprintf(stderr, "lvnew: %s%s\n", m->level == VOL_LOG_WARN ? "warning: " : "",
                        m->msg);
}

/* A new LV holds nothing of value: old signatures on it may go. */
static bool confirm(const struct vol_confirm_info *q, void *usrptr)
{
        (void)usrptr;
        return q->kind == VOL_Q_WIPE_SIGNATURE;
}

static void show(struct vol_lv *lv, bool active)
{
        struct vol_seg_info seg;
        struct vol_area_info area;

        printf("%s/%s %s %llu extents %s\n", vol_vg_name(vol_lv_vg(lv)), vol_lv_name(lv),
               vol_lv_uuid(lv), (unsigned long long)vol_lv_extent_count(lv),
               active ? vol_lv_path(lv) : "inactive");
        for (size_t s = 0; !vol_lv_segment(lv, s, &seg); s++)
                for (uint32_t a = 0; !vol_lv_segment_area(lv, s, a, &area); a++)
                        printf("  %s %llu+%llu on %s:%llu\n", seg.type,
                               (unsigned long long)seg.start_extent,
                               (unsigned long long)seg.extent_count, area.pv_name,
                               (unsigned long long)area.start);
}

int main(int argc, char **argv)
{
        struct vol_ctx *ctx = NULL;
        struct vol_vg *vg = NULL;
        struct vol_lv *lv = NULL;
        struct vol_lv_params p;
        struct vol_lv_state st;
        struct vol_dm_info dm;
        const char *sysdir = getenv("LVM_SYSTEM_DIR");
        char dir[4096], *end;
        bool active;
        int r;

        if (argc < 4) {
                fprintf(stderr, "usage: lvnew VG LV MIB [DEV...]\n");
                return 2;
        }
        if ((r = vol_ctx_new(&ctx)))
                goto out;
        vol_ctx_set_log(ctx, log_msg, NULL);
        vol_ctx_set_confirm(ctx, confirm, NULL);
        if (argc > 4 &&
            (r = vol_ctx_set_devices(ctx, (const char *const *)argv + 4, (size_t)(argc - 4))))
                goto out;
        if ((r = vol_ctx_set_command(ctx, "lvnew")))
                goto out;
        if (sysdir && *sysdir) {
                snprintf(dir, sizeof(dir), "%s/backup", sysdir);
                if ((r = vol_ctx_set_dir(ctx, VOL_DIR_BACKUP, dir)))
                        goto out;
                snprintf(dir, sizeof(dir), "%s/archive", sysdir);
                if ((r = vol_ctx_set_dir(ctx, VOL_DIR_ARCHIVE, dir)))
                        goto out;
        }
        /* Without device-mapper the LV is made inactive, as lvm2 does with
         * global/activation = 0: activation then does nothing. */
        if ((r = vol_dm_info(ctx, &dm)))
                goto out;
        if (!dm.have_driver)
                vol_ctx_set_activation(ctx, false);

        vol_lv_params_init(&p);
        p.name = argv[2];
        p.size.unit = VOL_SIZE_BYTES;   /* rounded up to whole extents */
        p.size.value = strtoull(argv[3], &end, 10) * 1024 * 1024;
        if (*end || !p.size.value) {
                fprintf(stderr, "lvnew: bad size %s\n", argv[3]);
                r = -EINVAL;
                goto out;
        }
        if ((r = vol_vg_open(ctx, argv[1], VOL_OPEN_WRITE, &vg)))
                goto out;
        if ((r = vol_vg_create_lv(vg, &p, &lv)) || (r = vol_vg_commit(vg)))
                goto out;
        /* Once committed: map it, then clear its start as lvcreate does. */
        if ((r = vol_lv_activate(lv, VOL_ACTIVATE_COMPLETE)))
                goto out;
        active = !vol_lv_state(lv, &st) && st.active;
        if (active && (r = vol_lv_wipe(lv, VOL_WIPE_SIGNATURES | VOL_WIPE_ZERO_START)))
                goto out;
        show(lv, active);
out:
        vol_vg_close(vg);       /* before the context it came from */
        vol_ctx_free(ctx);
        if (r)
                fprintf(stderr, "lvnew: %s\n", strerror(-r));
        return r ? 1 : 0;
}
