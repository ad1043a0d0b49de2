#include "matrix.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct run {
	struct engine *e;
	const struct matrix_opts *o;
	matrix_visit visit;
	void *ctx;
	struct matrix_counts *counts;
	struct engine_result full;      /* for the naive path */
	int last_bad;                   /* of the last scenario evaluated */
};

static char *
scenario_name(const struct engine *e, const size_t *failed, size_t n)
{
	size_t len = 1;
	char *s;

	if (n == 0)
		return xstrdup("baseline");
	for (size_t i = 0; i < n; i++)
		len += strlen(engine_component_id(e, failed[i])) + 3;
	s = xmalloc(len);
	s[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(s, " + ");
		strcat(s, engine_component_id(e, failed[i]));
	}
	return s;
}

/* Evaluate one scenario; visit it when listed.  Returns the visitor's
 * verdict (nonzero stops). */
static int
one(struct run *r, const size_t *failed, size_t n, bool always)
{
	const struct engine_result *res;
	struct matrix_scenario s;
	char *name;
	int rc = 0;

	r->counts->tried++;
	if (r->o->naive) {
		engine_eval_full(r->e, failed, n, &r->full);
		res = &r->full;
	} else
		res = engine_eval_view(r->e, failed, n);
	r->last_bad = res->bad;
	if (!always && res->bad == 0)
		return 0;
	r->counts->listed++;
	if (r->visit == NULL)
		return 0;
	name = scenario_name(r->e, failed, n);
	s.name = name;
	s.failed = failed;
	s.nfailed = n;
	rc = r->visit(r->ctx, &s, res);
	free(name);
	return rc;
}

/* What the single failures left behind, for the pair shortcuts. */
struct singles {
	int *bad;               /* per component: statuses not ok */
	size_t *users;          /* per component: baseline results it touches */
	uint32_t *uses;         /* base elements the recomputed results use */
	size_t *uses_off;       /* per component, into uses; one more at end */
	size_t nuses, cap;
};

static void
singles_free(struct singles *s)
{
	free(s->bad);
	free(s->users);
	free(s->uses);
	free(s->uses_off);
}

/* Does a list of base elements hit anything stamped with mark? */
static bool
hits(const uint32_t *list, size_t n, const uint32_t *stamp, uint32_t mark)
{
	for (size_t i = 0; i < n; i++)
		if (stamp[list[i]] == mark)
			return true;
	return false;
}

/* Every pair, with two shortcuts that need no evaluation: when one
 * failure touches nothing that anyone uses, neither in the baseline nor
 * in the paths the other failure moved traffic to, the pair fares exactly
 * as the other failure alone. */
static int
pairs(struct run *r, const struct singles *s)
{
	struct engine *e = r->e;
	size_t nc = engine_component_count(e), nb = engine_base_count(e);
	uint32_t *eff_mark = xcalloc(nb + 1, sizeof *eff_mark);
	uint32_t *use_mark = xcalloc(nb + 1, sizeof *use_mark);
	int rc = 0;

	for (size_t a = 0; a < nc && rc == 0; a++) {
		size_t na;
		const uint32_t *ea = engine_component_effects(e, a, &na);
		uint32_t mark = (uint32_t)a + 1;

		for (size_t i = 0; i < na; i++)
			eff_mark[ea[i]] = mark;
		for (size_t i = s->uses_off[a]; i < s->uses_off[a + 1]; i++)
			use_mark[s->uses[i]] = mark;
		for (size_t b = a + 1; b < nc && rc == 0; b++) {
			size_t nbe, p[2] = { a, b };
			const uint32_t *eb = engine_component_effects(e, b, &nbe);
			int bad;

			if (r->o->naive)
				bad = -1;
			else if (s->users[b] == 0 && !hits(eb, nbe, use_mark, mark))
				bad = s->bad[a];
			else if (s->users[a] == 0 && !hits(s->uses + s->uses_off[b],
			    s->uses_off[b + 1] - s->uses_off[b], eff_mark, mark))
				bad = s->bad[b];
			else
				bad = -1;
			if (bad == 0) {
				r->counts->tried++;
				continue;
			}
			if (bad > 0 && r->visit == NULL) {
				r->counts->tried++;
				r->counts->listed++;
				continue;
			}
			rc = one(r, p, 2, false);
		}
	}
	free(eff_mark);
	free(use_mark);
	return rc;
}

int
matrix_run(struct engine *e, const struct matrix_opts *o, matrix_visit visit,
    void *ctx, struct matrix_counts *counts)
{
	struct run r = { e, o, visit, ctx, counts, { 0 }, 0 };
	size_t nc = engine_component_count(e);
	struct singles s;
	int rc;

	memset(&s, 0, sizeof s);
	counts->tried = counts->listed = 0;
	engine_result_init(&r.full);
	rc = one(&r, NULL, 0, true);
	if (o->nfail > 0) {
		if (rc == 0)
			rc = one(&r, o->fail, o->nfail, true);
		goto out;
	}
	if (o->k >= 2) {
		s.bad = xcalloc(nc + 1, sizeof *s.bad);
		s.users = xcalloc(nc + 1, sizeof *s.users);
		s.uses_off = xcalloc(nc + 1, sizeof *s.uses_off);
	}
	for (size_t i = 0; i < nc && rc == 0; i++) {
		rc = one(&r, &i, 1, o->k < 2);
		if (o->k >= 2) {
			/* one() left the scenario in the engine's working state
			 * (or, naive, recomputed it: then the shortcuts are off). */
			s.bad[i] = r.last_bad;
			s.users[i] = engine_component_users(e, i);
			s.uses_off[i] = s.nuses;
			engine_last_uses(e, &s.uses, &s.nuses, &s.cap);
			s.uses_off[i + 1] = s.nuses;
		}
	}
	if (o->k >= 2 && rc == 0)
		rc = pairs(&r, &s);
out:
	singles_free(&s);
	engine_result_free(&r.full);
	return rc;
}
