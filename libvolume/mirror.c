/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lvm2's old-style mirror segments in the model (mirror.h). */
#include <errno.h>
#include <string.h>

#include "mirror.h"

bool mseg_is(const struct md_seg *s)
{
	return s->type == MD_SEG_OTHER && s->type_name && !strcmp(s->type_name, "mirror") && s->raw;
}

static int parse_images(const struct md_vg *vg, const struct md_cn *c, struct mseg *m)
{
	if (!c || !c->array)
		return -EINVAL;
	/* pairs: an image's name, then its first extent (0 in every mirror lvm2 makes) */
	for (const struct md_cv *v = c->v; v; v = v->next->next) {
		int32_t l;

		if (v->type != MD_CV_STRING || !v->next || v->next->type != MD_CV_INT || v->next->i)
			return -EINVAL;
		if (m->n == MSEG_MAX_IMAGES)
			return -EOPNOTSUPP;
		if ((l = md_vg_find_lv(vg, v->s)) < 0)
			return -EINVAL;
		m->images[m->n++] = l;
	}
	return m->n ? 0 : -EINVAL;
}

int mseg_parse(const struct md_vg *vg, const struct md_seg *s, struct mseg *m)
{
	const struct md_cn *items, *c;
	int r;

	memset(m, 0, sizeof(*m));
	m->log = -1;
	if (!mseg_is(s))
		return -EINVAL;
	items = s->raw->child;
	if ((r = parse_images(vg, md_cn_find(items, "mirrors"), m)))
		return r;
	c = md_cn_find(items, "mirror_log");
	if (c && (!c->v || c->v->type != MD_CV_STRING || (m->log = md_vg_find_lv(vg, c->v->s)) < 0))
		return -EINVAL;
	c = md_cn_find(items, "region_size");
	if (c && (!c->v || c->v->type != MD_CV_INT || c->v->i <= 0 || c->v->i > UINT32_MAX))
		return -EINVAL;
	m->region_size = c ? (uint64_t)c->v->i : 0;
	return 0;
}

bool mseg_lv_is_mirror(const struct md_vg *vg, uint32_t lv)
{
	return lv < vg->n_lvs && vg->lvs[lv].n_segs >= 1 && mseg_is(&vg->lvs[lv].segs[0]);
}

int32_t mseg_owner(const struct md_vg *vg, uint32_t lv, bool *is_log)
{
	struct mseg m;

	for (uint32_t l = 0; l < vg->n_lvs; l++)
		for (uint32_t s = 0; s < vg->lvs[l].n_segs; s++) {
			if (!mseg_is(&vg->lvs[l].segs[s]) || mseg_parse(vg, &vg->lvs[l].segs[s], &m))
				continue;
			for (uint32_t k = 0; k < m.n; k++)
				if (m.images[k] == (int32_t)lv) {
					*is_log = false;
					return (int32_t)l;
				}
			if (m.log == (int32_t)lv) {
				*is_log = true;
				return (int32_t)l;
			}
		}
	return -1;
}
