#include "availability.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define MINUTES_PER_YEAR (365.25 * 24 * 60)
#define CUT_POOL 32

enum { UNDECIDED, DECIDED_UP, DECIDED_DOWN };

struct walker {
	struct engine *e;
	bool dc;
	size_t target;
	double *a;                  /* per component */
	uint8_t *decided;
	uint32_t *mark;             /* per component: hot-set dedupe */
	uint32_t token;
	size_t *failed;             /* the failures of the current state */
	size_t nfailed;
	double bad;                 /* mass of states that lose the traffic */
	double pruned;              /* mass not explored: below epsilon */
	double epsilon;
	double excluded;            /* mass where the home data center is down */
	size_t leaves;
	struct avail_cut pool[CUT_POOL];
	size_t npool;
	/* Scratch per depth of the walk, kept across states. */
	struct depth_buf {
		uint32_t *uses;
		size_t usecap;
		size_t *hot;
		size_t hotcap;
	} *bufs;
	size_t depth;
};

double
avail_component(const struct engine *e, size_t c)
{
	const struct design *d = engine_design(e);
	size_t obj = engine_component_object(e, c);
	double own = 0;
	enum avail_class cls;

	switch (engine_component_kind(e, c)) {
	case COMP_CONNECTION:
		own = d->conns[obj].availability;
		if (d->conns[obj].type == CONN_VPN)
			return own > 0 ? own : 1.0;
		cls = AVAIL_DX;
		break;
	case COMP_TUNNEL:
		cls = AVAIL_TUNNEL;
		break;
	case COMP_DEVICE:
		own = d->devices[obj].availability;
		cls = AVAIL_DEVICE;
		break;
	case COMP_DATACENTER:
		own = d->dcs[obj].availability;
		cls = AVAIL_DATACENTER;
		break;
	case COMP_LOCATION:
		cls = AVAIL_LOCATION;
		break;
	case COMP_PROVIDER:
		cls = AVAIL_PROVIDER;
		break;
	case COMP_ISP:
		cls = AVAIL_ISP;
		break;
	case COMP_AWS_ENDPOINT:
		cls = AVAIL_AWS_ENDPOINT;
		break;
	case COMP_WAN:
		own = d->wans[obj].availability;
		cls = AVAIL_WAN;
		break;
	case COMP_RISK:
	default:
		own = d->risks[obj].availability;
		cls = AVAIL_RISK;
		break;
	}
	return own > 0 ? own : d->avail[cls];
}

/* Keep the heaviest failure sets; sets seen again add their mass. */
static void
note_cut(struct walker *w, double prob)
{
	struct avail_cut *slot = NULL;
	size_t n = w->nfailed < AVAIL_CUT_MAX ? w->nfailed : AVAIL_CUT_MAX;

	for (size_t i = 0; i < w->npool && slot == NULL; i++) {
		struct avail_cut *c = &w->pool[i];

		if (c->n == n && memcmp(c->comps, w->failed, n * sizeof *w->failed)
		    == 0)
			slot = c;
	}
	if (slot == NULL) {
		if (w->npool < CUT_POOL)
			slot = &w->pool[w->npool++];
		else {
			/* Replace the lightest if this one weighs more. */
			slot = &w->pool[0];
			for (size_t i = 1; i < w->npool; i++)
				if (w->pool[i].prob < slot->prob)
					slot = &w->pool[i];
			if (slot->prob >= prob)
				return;
		}
		memset(slot, 0, sizeof *slot);
		slot->n = n;
		memcpy(slot->comps, w->failed, n * sizeof *w->failed);
	}
	slot->prob += prob;
}

static void walk(struct walker *w, double p);
static void walk_state(struct walker *w, double p);

static enum engine_status
probe(struct walker *w, uint32_t **uses, size_t *n, size_t *cap)
{
	return w->dc ? engine_probe_dc(w->e, w->target, uses, n, cap) :
	    engine_probe_dest(w->e, w->target, uses, n, cap);
}

static void
walk(struct walker *w, double p)
{
	if (p < w->epsilon) {
		w->pruned += p;
		w->leaves++;
		return;
	}
	walk_state(w, p);
}

static void
walk_state(struct walker *w, double p)
{
	struct depth_buf *b = &w->bufs[w->depth];
	size_t nuses = 0, nhot = 0;
	enum engine_status st = probe(w, &b->uses, &nuses, &b->usecap);
	double q = p;
	bool good;

	if (st == ENGINE_ORIGIN_DOWN) {
		/* A risk group holding the home data center: outside the
		 * condition, so its mass leaves the denominator. */
		w->excluded += p;
		w->leaves++;
		return;
	}
	if (st == ENGINE_UNREACHABLE) {
		/* No route left; more failures cannot bring one back. */
		w->bad += p;
		w->leaves++;
		note_cut(w, p);
		return;
	}
	good = st == ENGINE_OK || st == ENGINE_OVERLOADED;
	w->token++;
	for (size_t i = 0; i < nuses; i++) {
		size_t nc;
		const uint32_t *cs = engine_base_components(w->e, b->uses[i], &nc);

		for (size_t k = 0; k < nc; k++) {
			uint32_t c = cs[k];

			if (w->mark[c] == w->token || w->decided[c] != UNDECIDED ||
			    w->a[c] >= 1.0)
				continue;
			w->mark[c] = w->token;
			if (nhot == b->hotcap)
				b->hot = xgrow(b->hot, &b->hotcap, nhot + 1,
				    sizeof *b->hot);
			b->hot[nhot++] = c;
		}
	}
	/* h1 fails; h1 works and h2 fails; ...; all of them work. */
	w->depth++;
	for (size_t i = 0; i < nhot; i++) {
		size_t h = b->hot[i];

		w->decided[h] = DECIDED_DOWN;
		w->failed[w->nfailed++] = h;
		engine_fail(w->e, h, true);
		walk(w, q * (1.0 - w->a[h]));
		engine_fail(w->e, h, false);
		w->nfailed--;
		w->decided[h] = DECIDED_UP;
		q *= w->a[h];
	}
	w->depth--;
	w->leaves++;
	if (!good) {
		w->bad += q;
		note_cut(w, q);
	}
	for (size_t i = 0; i < nhot; i++)
		w->decided[b->hot[i]] = UNDECIDED;
}

static int
cmp_cut(const void *pa, const void *pb)
{
	const struct avail_cut *a = pa, *b = pb;

	if (a->prob != b->prob)
		return a->prob > b->prob ? -1 : 1;
	return a->n < b->n ? -1 : a->n > b->n;
}

/* One walk with a given cut-off for states too improbable to matter. */
static void
walk_once(struct engine *e, bool dc, size_t index, double epsilon,
    struct avail_item *out)
{
	size_t nc = engine_component_count(e);
	struct walker w;
	size_t home = dc ? index : engine_dest_origin(e, index);

	memset(&w, 0, sizeof w);
	w.e = e;
	w.dc = dc;
	w.target = index;
	w.epsilon = epsilon;
	w.a = xcalloc(nc + 1, sizeof *w.a);
	w.decided = xcalloc(nc + 1, sizeof *w.decided);
	w.mark = xcalloc(nc + 1, sizeof *w.mark);
	w.failed = xcalloc(nc + 1, sizeof *w.failed);
	w.bufs = xcalloc(nc + 2, sizeof *w.bufs);
	for (size_t c = 0; c < nc; c++) {
		w.a[c] = avail_component(e, c);
		/* The condition: the home data center itself is up. */
		if (engine_component_kind(e, c) == COMP_DATACENTER &&
		    engine_component_object(e, c) == home)
			w.decided[c] = DECIDED_UP;
	}
	walk(&w, 1.0);
	memset(out, 0, sizeof *out);
	out->unavailability = w.excluded < 1.0 ? w.bad / (1.0 - w.excluded) :
	    1.0;
	out->states = w.leaves;
	out->pruned = w.excluded < 1.0 ? w.pruned / (1.0 - w.excluded) :
	    w.pruned;
	qsort(w.pool, w.npool, sizeof *w.pool, cmp_cut);
	for (size_t i = 0; i < w.npool && i < AVAIL_TOP_CUTS; i++) {
		out->cuts[i] = w.pool[i];
		out->cuts[i].prob /= 1.0 - w.excluded;
	}
	out->ncuts = w.npool < AVAIL_TOP_CUTS ? w.npool : AVAIL_TOP_CUTS;
	free(w.a);
	free(w.decided);
	free(w.mark);
	free(w.failed);
	for (size_t i = 0; i < nc + 2; i++) {
		free(w.bufs[i].uses);
		free(w.bufs[i].hot);
	}
	free(w.bufs);
}

/* States below 1e-15 are left out at first; when what was left out could
 * move the answer by more than AVAIL_PRECISION, walk again deeper. */
void
avail_compute_one(struct engine *e, bool dc, size_t index,
    struct avail_item *out)
{
	double epsilon = 1e-15;

	walk_once(e, dc, index, epsilon, out);
	while (out->pruned > AVAIL_PRECISION && epsilon > 1e-30) {
		epsilon /= 10;
		walk_once(e, dc, index, epsilon, out);
	}
}

void
avail_compute(struct engine *e, struct avail_report *out)
{
	memset(out, 0, sizeof *out);
	out->ndests = engine_dest_count(e);
	out->ndcs = engine_dc_count(e);
	out->dests = xcalloc(out->ndests + 1, sizeof *out->dests);
	out->dcs = xcalloc(out->ndcs + 1, sizeof *out->dcs);
	for (size_t i = 0; i < out->ndests; i++)
		avail_compute_one(e, false, i, &out->dests[i]);
	for (size_t j = 0; j < out->ndcs; j++)
		avail_compute_one(e, true, j, &out->dcs[j]);
}

void
avail_report_free(struct avail_report *r)
{
	free(r->dests);
	free(r->dcs);
	memset(r, 0, sizeof *r);
}

double
avail_nines(double u)
{
	if (u <= 0)
		return 99.0;
	return -log10(u);
}

double
avail_downtime_minutes(double u)
{
	return u * MINUTES_PER_YEAR;
}
