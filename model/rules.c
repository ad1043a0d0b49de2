/* The HA rule catalogue.  Each rule is a function of the design and the
 * engine that calls add() once per finding; the table at the bottom gives
 * its ID and default severity. */
#include "rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "matrix.h"
#include "resiliency.h"
#include "nameidx.h"
#include "strbuf.h"

/* Overloads of one connection or WAN link (either direction): in the
 * baseline, and the worst single failure. */
struct over {
	size_t count;               /* failure scenarios with an overload */
	size_t last;                /* the scenario last counted */
	double ratio, load, cap;
	char *scenario;
	char *sentence;
	double bratio, bload, bcap; /* the baseline's worst direction */
	char *bsentence;
};

/* An HA002 finding from the shared sweep, waiting for its rule to run. */
struct pending {
	char *subject;
	char *fix;
	char *message;
};

/* One advertisement (or static route), for lookups by prefix. */
struct aref {
	const struct prefix *p;
	uint32_t conn;
	uint32_t adv;
};

struct rule_ctx {
	const struct design *d;
	struct engine *e;
	const struct secrets *s;
	const struct error *serr;
	struct findings *out;
	const struct rule_def *rule;
	enum rule_severity sev;
	int *conn_dev;              /* each connection's device, or -1 */
	int *conn_dc;               /* each connection's data center, or -1 */
	struct aref *adverts;       /* every advertisement, by prefix */
	size_t nadverts;
	bool indexed;               /* adverts is built */
	/* The single-failure sweep that HA002 and HA007 share. */
	bool swept;
	size_t visit;               /* scenarios seen */
	struct pending *spofs;
	size_t nspofs, spofcap;
	struct over *by;            /* per connection, then per WAN link */
	size_t *seen;               /* per load element: the visit it was seen */
	uint32_t *elems;            /* over-capacity elements of one scenario */
};

static void add(struct rule_ctx *x, const char *subject, const char *fix,
    const char *fmt, ...) XALLOC_PRINTF(4, 5);

static void
add(struct rule_ctx *x, const char *subject, const char *fix,
    const char *fmt, ...)
{
	struct findings *f = x->out;
	struct finding *n;
	va_list ap;
	char msg[2048];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	f->v = xgrow(f->v, &f->cap, f->n + 1, sizeof *f->v);
	n = &f->v[f->n++];
	snprintf(n->rule, sizeof n->rule, "%s", x->rule->id);
	n->severity = x->sev;
	n->subject = xstrdup(subject);
	n->message = xstrdup(msg);
	n->fix = xstrdup(fix);
}

static char *
vpc_subject(const struct design *d)
{
	return xasprintf("vpc:%s", d->vpc.name);
}

/* "dx1, dx2 and dx3" */
static void
and_list(struct strbuf *sb, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			strbuf_puts(sb, i + 1 == n ? " and " : ", ");
		strbuf_puts(sb, names[i]);
	}
}

static int
cmp_aref(const void *pa, const void *pb)
{
	const struct aref *a = pa, *b = pb;
	int c = prefix_compare(a->p, b->p);

	if (c != 0)
		return c;
	if (a->conn != b->conn)
		return a->conn < b->conn ? -1 : 1;
	return a->adv < b->adv ? -1 : a->adv > b->adv;
}

/* Every advertisement sorted by prefix, then connection: the advertisers
 * of one prefix form a run, the first of them earliest in the file. */
static void
index_adverts(struct rule_ctx *x)
{
	const struct design *d = x->d;
	size_t n = 0;

	if (x->indexed)
		return;
	x->indexed = true;
	for (size_t i = 0; i < d->nconns; i++)
		n += d->conns[i].nadverts;
	x->adverts = xcalloc(n + 1, sizeof *x->adverts);
	for (size_t i = 0; i < d->nconns; i++)
		for (size_t a = 0; a < d->conns[i].nadverts; a++)
			x->adverts[x->nadverts++] = (struct aref){
			    &d->conns[i].adverts[a].prefix, (uint32_t)i,
			    (uint32_t)a };
	qsort(x->adverts, x->nadverts, sizeof *x->adverts, cmp_aref);
}

/* The run of advertisements of exactly prefix p: [*lo, *hi). */
static void
advert_run(struct rule_ctx *x, const struct prefix *p, size_t *lo,
    size_t *hi)
{
	size_t l = 0, h;

	index_adverts(x);
	h = x->nadverts;
	while (l < h) {
		size_t mid = l + (h - l) / 2;

		if (prefix_compare(x->adverts[mid].p, p) < 0)
			l = mid + 1;
		else
			h = mid;
	}
	*lo = l;
	while (l < x->nadverts && prefix_equal(x->adverts[l].p, p))
		l++;
	*hi = l;
}

/* ---- HA001 static routing ------------------------------------------- */

static void
ha001_static(struct rule_ctx *x)
{
	for (size_t i = 0; i < x->d->nconns; i++) {
		const struct connection *c = &x->d->conns[i];
		char id[64];

		if (c->type != CONN_VPN || c->routing != ROUTING_STATIC)
			continue;
		snprintf(id, sizeof id, "connection:%s", c->name);
		add(x, id, "use routing = \"bgp\" and advertise the prefixes; "
		    "BGP moves traffic to the other tunnel and connection by "
		    "itself", "%s uses static routing: nothing withdraws its "
		    "routes when the path behind it fails, so traffic does not "
		    "fail over to a redundant connection by itself (only IPsec "
		    "dead peer detection takes the tunnels down)", c->name);
	}
}

/* ---- HA002 single points of failure, HA007 capacity ------------------ */

/* Both rules look at the baseline and every single failure (components
 * and risk groups alike): one matrix run serves both, and a scenario in
 * which every status is ok costs nothing more. */

static bool
lost(uint8_t status)
{
	return status == ENGINE_UNREACHABLE || status == ENGINE_BLACKHOLED;
}

/* What a scenario loses that the baseline has: the first destination in
 * words, how many more, and every data center left without a way to AWS.
 * What the baseline already loses is reported once, on the baseline, not
 * again for every component. */
static void
spof_scan(struct rule_ctx *x, const struct matrix_scenario *s,
    const struct engine_result *r)
{
	const struct design *d = x->d;
	const struct engine_result *b = engine_baseline(x->e);
	bool base = s->nfailed == 0;
	char *first = NULL, *fix = NULL;
	const char *firstdc = NULL;
	const char **dcs;
	size_t more = 0, ndcs = 0;
	struct strbuf msg = STRBUF_INIT, cut = STRBUF_INIT;
	struct pending *p;

	for (size_t i = 0; i < r->ndests; i++) {
		if (!lost(r->dests[i].status) ||
		    (!base && lost(b->dests[i].status)))
			continue;
		if (first == NULL) {
			first = explain_dest(x->e, r, i);
			fix = explain_dest_fix(x->e, r, i);
			firstdc = d->dcs[engine_dest_origin(x->e, i)].name;
		} else
			more++;
	}
	dcs = xcalloc(r->ndcs + 1, sizeof *dcs);
	for (size_t j = 0; j < r->ndcs; j++) {
		if (r->dcs[j].status != ENGINE_UNREACHABLE ||
		    (!base && b->dcs[j].status == ENGINE_UNREACHABLE))
			continue;
		dcs[ndcs++] = d->dcs[j].name;
		if (firstdc == NULL)
			firstdc = d->dcs[j].name;
		if (fix == NULL)
			fix = xasprintf("give %s a connection of its own, or a second "
			    "WAN path to one", d->dcs[j].name);
	}
	if (first == NULL && ndcs == 0) {
		free(dcs);
		return;
	}
	if (ndcs > 0)
		and_list(&cut, dcs, ndcs);
	if (base)
		strbuf_puts(&msg, "even with nothing failed, the design ");
	else
		strbuf_addf(&msg, "single point of failure: %s ", s->name);
	if (first != NULL) {
		strbuf_puts(&msg, first);
		if (more)
			strbuf_addf(&msg, " (and %zu more destination%s)", more,
			    more == 1 ? "" : "s");
		if (ndcs > 0)
			strbuf_addf(&msg, "; it also leaves %s without a way to AWS",
			    cut.data);
	} else
		strbuf_addf(&msg, "leaves %s without a way to AWS", cut.data);
	x->spofs = xgrow(x->spofs, &x->spofcap, x->nspofs + 1, sizeof *x->spofs);
	p = &x->spofs[x->nspofs++];
	p->subject = base ? xasprintf("datacenter:%s", firstdc) :
	    xstrdup(s->name);
	p->fix = fix;
	p->message = strbuf_detach(&msg);
	strbuf_free(&cut);
	free(dcs);
	free(first);
}

static void
elem_mark(struct rule_ctx *x, const struct engine_result *r, uint32_t off,
    uint32_t n, size_t *count)
{
	for (uint32_t i = 0; i < n; i++) {
		uint32_t el = r->pool[off + i];

		if (x->seen[el] == x->visit)
			continue;
		x->seen[el] = x->visit;
		if (r->load[el] > r->capacity[el] + 1e-9 && r->capacity[el] > 0)
			x->elems[(*count)++] = el;
	}
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t p = *(const uint32_t *)a, q = *(const uint32_t *)b;

	return p < q ? -1 : p > q;
}

/* Elements over capacity lie on the path of a destination or data center
 * that is overloaded (or blackholed: its traffic still loads the
 * connection AWS sends it to). */
static void
cap_scan(struct rule_ctx *x, const struct matrix_scenario *s,
    const struct engine_result *r)
{
	size_t nconns = engine_conn_count(x->e), n = 0;

	for (size_t i = 0; i < r->ndests; i++)
		if (r->dests[i].status == ENGINE_OVERLOADED ||
		    r->dests[i].status == ENGINE_BLACKHOLED)
			elem_mark(x, r, r->dests[i].elem_off, r->dests[i].nelem, &n);
	for (size_t j = 0; j < r->ndcs; j++)
		if (r->dcs[j].status == ENGINE_OVERLOADED)
			elem_mark(x, r, r->dcs[j].elem_off, r->dcs[j].nelem, &n);
	if (n > 1)
		qsort(x->elems, n, sizeof *x->elems, cmp_u32);
	for (size_t k = 0; k < n; k++) {
		size_t el = x->elems[k];
		size_t who = el < 2 * nconns ? el % nconns :
		    nconns + (el - 2 * nconns) / 2;
		struct over *o = &x->by[who];
		double ratio = r->load[el] / r->capacity[el];

		if (s->nfailed == 0) {
			if (o->bsentence == NULL || ratio > o->bratio) {
				free(o->bsentence);
				o->bsentence = explain_elem(x->e, r, el);
				o->bratio = ratio;
				o->bload = r->load[el];
				o->bcap = r->capacity[el];
			}
			continue;
		}
		if (o->last != x->visit) {
			o->count++;
			o->last = x->visit;
		}
		if (o->scenario == NULL || ratio > o->ratio) {
			free(o->scenario);
			free(o->sentence);
			o->scenario = xstrdup(s->name);
			o->sentence = explain_elem(x->e, r, el);
			o->ratio = ratio;
			o->load = r->load[el];
			o->cap = r->capacity[el];
		}
	}
}

static int
sweep_visit(void *ctx, const struct matrix_scenario *s,
    const struct engine_result *r)
{
	struct rule_ctx *x = ctx;

	x->visit++;
	if (r->bad == 0)
		return 0;
	spof_scan(x, s, r);
	cap_scan(x, s, r);
	return 0;
}

static void
sweep(struct rule_ctx *x)
{
	struct matrix_opts o = { 1, NULL, 0, false };
	struct matrix_counts counts;
	size_t nelems = engine_elem_count(x->e);

	if (x->swept)
		return;
	x->swept = true;
	x->by = xcalloc(engine_conn_count(x->e) + x->d->nwans + 1,
	    sizeof *x->by);
	x->seen = xcalloc(nelems + 1, sizeof *x->seen);
	x->elems = xcalloc(nelems + 1, sizeof *x->elems);
	matrix_run(x->e, &o, sweep_visit, x, &counts);
}

static void
ha002_spof(struct rule_ctx *x)
{
	sweep(x);
	for (size_t i = 0; i < x->nspofs; i++)
		add(x, x->spofs[i].subject, x->spofs[i].fix, "%s",
		    x->spofs[i].message);
}

static void
ha007_capacity(struct rule_ctx *x)
{
	const struct design *d = x->d;
	size_t nconns = engine_conn_count(x->e), n = nconns + d->nwans;
	bool any_dx = false;

	sweep(x);
	for (size_t i = 0; i < d->nconns; i++)
		any_dx |= d->conns[i].type == CONN_DX;
	for (size_t i = 0; i < n; i++) {
		const struct over *v = &x->by[i];
		char subject[96], over[32], fix[512];

		if (v->count == 0 && v->bsentence == NULL)
			continue;
		if (i < nconns) {
			const struct connection *c = &d->conns[i];

			snprintf(subject, sizeof subject, "connection:%s", c->name);
			if (c->type == CONN_VPN)
				snprintf(fix, sizeof fix, "add capacity where this traffic "
				    "goes (%s, a transit gateway with ECMP across VPN "
				    "tunnels, or 5 Gbps tunnels), or keep the demand under "
				    "what %s carries%s", any_dx ? "another DX" :
				    "a Direct Connect", c->name, any_dx ? "; monitor DX "
				    "utilisation against it" : "");
			else
				snprintf(fix, sizeof fix, "add a DX or a faster port so one "
				    "failure does not overwhelm %s", c->name);
		} else {
			const struct wan_link *w = &d->wans[i - nconns];

			snprintf(subject, sizeof subject, "wan:%s-%s", w->a, w->b);
			snprintf(fix, sizeof fix, "raise the WAN link's capacity, or "
			    "advertise each data center's prefixes from its own devices "
			    "so AWS delivers traffic where it is going");
		}
		if (v->bsentence != NULL) {
			char worse[160] = "", load[32];

			explain_gbps(v->bload - v->bcap, over, sizeof over);
			if (v->count > 0 && v->ratio > v->bratio + 1e-9) {
				explain_gbps(v->load, load, sizeof load);
				snprintf(worse, sizeof worse, "; after %s it carries %s "
				    "Gbps", v->scenario, load);
			}
			add(x, subject, fix, "in the baseline the design %s (%s Gbps "
			    "over)%s", v->bsentence, over, worse);
		} else {
			char tail[80] = "";

			explain_gbps(v->load - v->cap, over, sizeof over);
			if (v->count > 1)
				snprintf(tail, sizeof tail, "; over capacity in %zu "
				    "scenarios, this is the worst", v->count);
			add(x, subject, fix, "%s %s (%s Gbps over%s)", v->scenario,
			    v->sentence, over, tail);
		}
	}
}

/* ---- HA003 / HA004 DX diversity -------------------------------------- */

static void
dx_all_same(struct rule_ctx *x, size_t off, const char *kind,
    const char *fix, const char *what)
{
	const struct design *d = x->d;
	const char **names = xcalloc(d->nconns + 1, sizeof *names);
	const char *value = NULL;
	size_t n = 0;
	bool same = true;

	for (size_t i = 0; i < d->nconns; i++) {
		const char *v = (const char *)&d->conns[i] + off;

		if (d->conns[i].type != CONN_DX)
			continue;
		names[n++] = d->conns[i].name;
		if (value == NULL)
			value = v;
		else if (strcmp(value, v) != 0)
			same = false;
	}
	if (n >= 2 && same) {
		struct strbuf sb = STRBUF_INIT;
		char subject[64];

		and_list(&sb, names, n);
		snprintf(subject, sizeof subject, "%s:%s", kind, value);
		add(x, subject, fix, "all %zu DX connections (%s) %s %s: one %s "
		    "failure takes every one of them down", n, sb.data, what, value,
		    kind);
		strbuf_free(&sb);
	}
	free(names);
}

static void
ha003_provider(struct rule_ctx *x)
{
	dx_all_same(x, offsetof(struct connection, provider), "provider",
	    "order at least one DX from a second provider (the brief's "
	    "dual-vendor approach)", "use provider");
}

static void
ha004_location(struct rule_ctx *x)
{
	dx_all_same(x, offsetof(struct connection, location), "location",
	    "put a DX in a second Direct Connect location, so a facility "
	    "outage leaves the other one up", "are in location");
}

/* ---- HA005 one device per data center -------------------------------- */

static void
ha005_one_device(struct rule_ctx *x)
{
	const struct design *d = x->d;
	int *dev = xcalloc(d->ndcs + 1, sizeof *dev);
	size_t *n = xcalloc(d->ndcs + 1, sizeof *n);
	bool *mixed = xcalloc(d->ndcs + 1, sizeof *mixed);

	for (size_t i = 0; i < d->nconns; i++) {
		int j = x->conn_dc[i];

		if (j < 0)
			continue;
		if (n[j]++ == 0)
			dev[j] = x->conn_dev[i];
		else if (dev[j] != x->conn_dev[i])
			mixed[j] = true;
	}
	for (size_t j = 0; j < d->ndcs; j++) {
		const char **names;
		struct strbuf sb = STRBUF_INIT;
		char subject[64];
		size_t k = 0;

		if (n[j] < 2 || mixed[j])
			continue;
		names = xcalloc(n[j] + 1, sizeof *names);
		for (size_t i = 0; i < d->nconns; i++)
			if (x->conn_dc[i] == (int)j)
				names[k++] = d->conns[i].name;
		and_list(&sb, names, k);
		snprintf(subject, sizeof subject, "device:%s",
		    d->devices[dev[j]].name);
		add(x, subject, "terminate one of them on a second device in the "
		    "same data center", "%s's %zu connections (%s) all end on %s: "
		    "one device failure or upgrade takes them all down",
		    d->dcs[j].name, k, sb.data, d->devices[dev[j]].name);
		strbuf_free(&sb);
		free(names);
	}
	free(dev);
	free(n);
	free(mixed);
}

/* ---- HA006 unsteered prefixes ---------------------------------------- */

static void
ha006_unsteered(struct rule_ctx *x)
{
	const struct engine_result *b = engine_baseline(x->e);
	const struct design *d = x->d;

	for (size_t i = 0; i < b->ndests; i++) {
		const struct engine_dest *r = &b->dests[i];
		size_t origin = engine_dest_origin(x->e, i);
		struct strbuf sb = STRBUF_INIT;
		char pf[PREFIX_STRLEN], subject[64], fix[256];

		if (r->nentry < 2)
			continue;
		for (uint32_t a = 0; a < r->nvia; a++) {
			const struct connection *c = &d->conns[b->pool[r->via_off + a]];

			strbuf_addf(&sb, "%s%s (%s)", a ? (a + 1 == r->nvia ? " and " :
			    ", ") : "", c->name,
			    d->dcs[x->conn_dc[b->pool[r->via_off + a]]].name);
		}
		prefix_format(engine_dest_prefix(x->e, i), pf, sizeof pf);
		snprintf(subject, sizeof subject, "datacenter:%s", d->dcs[origin].name);
		snprintf(fix, sizeof fix, "advertise %s only from %s's devices and a "
		    "summary from the others (more specific routes), or prepend "
		    "the AS path on the others", pf, d->dcs[origin].name);
		add(x, subject, fix, "AWS has equally preferred routes for %s (%s) "
		    "over %s: traffic may enter far from its origin and cross the "
		    "WAN", pf, d->dcs[origin].name, sb.data);
		strbuf_free(&sb);
	}
}

/* ---- HA008 summaries wider than what is originated ------------------- */

static int
cmp_prefix_ptr(const void *a, const void *b)
{
	return prefix_compare(*(const struct prefix *const *)a,
	    *(const struct prefix *const *)b);
}

/* The parts of block that no data center prefix covers.  in[lo..hi) are
 * the data center prefixes inside block, sorted (they never overlap one
 * another).  libcidr halves the block until a half is one of them or
 * holds none. */
static void
uncovered(const CIDR *block, const struct prefix *const *in, size_t lo,
    size_t hi, struct strbuf *sb, size_t *count)
{
	CIDR **halves;
	size_t mid = lo;

	if (lo == hi) {
		if (*count < 3) {
			char *t = cidr_to_str(block, CIDR_NOFLAGS);

			strbuf_addf(sb, "%s%s", *count ? ", " : "", t ? t : "?");
			free(t);
		}
		(*count)++;
		return;
	}
	if (in[lo]->len == cidr_get_pflen(block))
		return;         /* the one prefix inside is the whole block */
	if ((halves = cidr_net_subnets(block)) == NULL)
		return;
	while (mid < hi && cidr_contains(halves[0], &in[mid]->c) == 0)
		mid++;
	uncovered(halves[0], in, lo, mid, sb, count);
	uncovered(halves[1], in, mid, hi, sb, count);
	cidr_free(halves[0]);
	cidr_free(halves[1]);
	free(halves);
}

static void
ha008_summary(struct rule_ctx *x)
{
	const struct design *d = x->d;
	const struct prefix **dcp;
	size_t ndcp = 0;

	for (size_t j = 0; j < d->ndcs; j++)
		ndcp += d->dcs[j].nprefixes;
	dcp = xcalloc(ndcp + 1, sizeof *dcp);
	ndcp = 0;
	for (size_t j = 0; j < d->ndcs; j++)
		for (size_t q = 0; q < d->dcs[j].nprefixes; q++)
			dcp[ndcp++] = &d->dcs[j].prefixes[q];
	qsort(dcp, ndcp, sizeof *dcp, cmp_prefix_ptr);
	index_adverts(x);
	/* One finding per prefix, on its first advertiser. */
	for (size_t k = 0; k < x->nadverts; k++) {
		const struct prefix *p = x->adverts[k].p;
		const struct connection *c = &d->conns[x->adverts[k].conn];
		struct strbuf sb = STRBUF_INIT;
		size_t lo = 0, hi = ndcp, end, count = 0;
		char pf[PREFIX_STRLEN], subject[64], tail[64] = "";

		if (k > 0 && prefix_equal(x->adverts[k - 1].p, p))
			continue;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (prefix_compare(dcp[mid], p) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		/* Covered by the one prefix that can hold it: the last one
		 * before it in address order. */
		if (lo > 0 && prefix_contains(dcp[lo - 1], p))
			continue;
		for (end = lo; end < ndcp && prefix_contains(p, dcp[end]); end++)
			;
		uncovered(&p->c, dcp, lo, end, &sb, &count);
		if (count > 0) {
			if (count > 3)
				snprintf(tail, sizeof tail, " (and %zu more blocks)",
				    count - 3);
			prefix_format(p, pf, sizeof pf);
			snprintf(subject, sizeof subject, "connection:%s", c->name);
			add(x, subject, "advertise only what the data centers "
			    "originate, or add the missing prefixes to a data "
			    "center", "%s advertises %s, which covers %s%s that no "
			    "data center originates: AWS sends that traffic to you "
			    "and it is dropped on premises", c->name, pf, sb.data,
			    tail);
		}
		strbuf_free(&sb);
	}
	free(dcp);
}

/* ---- HA009 tunnels, HA010 ISP ----------------------------------------- */

static void
ha009_tunnels(struct rule_ctx *x)
{
	for (size_t i = 0; i < x->d->nconns; i++) {
		const struct connection *c = &x->d->conns[i];
		int enabled = 0;
		char id[64];

		if (c->type != CONN_VPN)
			continue;
		for (int t = 0; t < c->ntunnels; t++)
			enabled += c->tunnels[t].enabled;
		if (enabled >= 2)
			continue;
		snprintf(id, sizeof id, "connection:%s", c->name);
		add(x, id, "configure and enable both tunnels: AWS maintenance "
		    "takes one endpoint down at a time", "%s has %d enabled tunnel%s: "
		    "when AWS updates that endpoint the connection goes down",
		    c->name, enabled, enabled == 1 ? "" : "s");
	}
}

static void
ha010_isp(struct rule_ctx *x)
{
	const struct design *d = x->d;
	const char **names = xcalloc(d->nconns + 1, sizeof *names);
	const char *isp = NULL;
	size_t n = 0;
	bool same = true;

	for (size_t i = 0; i < d->nconns; i++) {
		int dev = x->conn_dev[i];

		if (d->conns[i].type != CONN_VPN)
			continue;
		names[n++] = d->conns[i].name;
		if (dev < 0 || d->devices[dev].isp[0] == '\0')
			same = false;       /* unknown: cannot say */
		else if (isp == NULL)
			isp = d->devices[dev].isp;
		else if (strcmp(isp, d->devices[dev].isp) != 0)
			same = false;
	}
	if (n >= 2 && same && isp != NULL) {
		struct strbuf sb = STRBUF_INIT;
		char subject[64];

		and_list(&sb, names, n);
		snprintf(subject, sizeof subject, "isp:%s", isp);
		add(x, subject, "connect a second customer gateway through another "
		    "ISP", "all %zu VPN connections (%s) reach AWS through %s: an "
		    "outage there takes every one of them down", n, sb.data, isp);
		strbuf_free(&sb);
	}
	free(names);
}

/* ---- HA011 prepending against DX --------------------------------------- */

/* The DX local-preference community as AWS ranks it (untagged = medium). */
static int
lp_rank(enum lp_community lp)
{
	return lp == LP_LOW ? 1 : lp == LP_HIGH ? 3 : 2;
}

static const struct advert *
aref_advert(const struct rule_ctx *x, size_t k)
{
	return &x->d->conns[x->adverts[k].conn].adverts[x->adverts[k].adv];
}

/* Does another DX advertise the same prefix at the same community with a
 * shorter AS path?  Then the prepend orders the DX connections, and that
 * works. */
static bool
prepend_orders_dx(const struct rule_ctx *x, size_t dx,
    const struct advert *ad, size_t lo, size_t hi)
{
	for (size_t k = lo; k < hi; k++) {
		const struct advert *o = aref_advert(x, k);

		if (x->adverts[k].conn != dx &&
		    x->d->conns[x->adverts[k].conn].type == CONN_DX &&
		    lp_rank(o->local_pref) == lp_rank(ad->local_pref) &&
		    o->prepend < ad->prepend)
			return true;
	}
	return false;
}

static void
ha011_prepend_vs_dx(struct rule_ctx *x)
{
	const struct design *d = x->d;
	bool tgw = d->vpc.gateway == GATEWAY_TGW;

	for (size_t i = 0; i < d->nconns; i++) {
		const struct connection *dx = &d->conns[i];

		if (dx->type != CONN_DX)
			continue;
		for (size_t a = 0; a < dx->nadverts; a++) {
			const struct advert *ad = &dx->adverts[a];
			const char *vpn = NULL;
			size_t lo, hi;

			if (ad->prepend == 0)
				continue;
			advert_run(x, &ad->prefix, &lo, &hi);
			if (prepend_orders_dx(x, i, ad, lo, hi))
				continue;
			/* At a VGW DX beats every VPN route of the same prefix; at a
			 * TGW it beats VPN BGP (a static VPN route beats DX there,
			 * which is HA018's case). */
			for (size_t k = lo; k < hi && vpn == NULL; k++) {
				const struct connection *v = &d->conns[x->adverts[k].conn];

				if (v->type != CONN_VPN ||
				    (tgw && v->routing == ROUTING_STATIC))
					continue;
				if (v->routing == ROUTING_STATIC ||
				    aref_advert(x, k)->prepend < ad->prepend)
					vpn = v->name;
			}
			if (vpn != NULL) {
				char pf[PREFIX_STRLEN], subject[64], fix[256];

				prefix_format(&ad->prefix, pf, sizeof pf);
				snprintf(subject, sizeof subject, "connection:%s",
				    dx->name);
				snprintf(fix, sizeof fix, "to use %s for %s, advertise a more "
				    "specific prefix over it; otherwise drop the prepend",
				    vpn, pf);
				add(x, subject, fix, "%s prepends its AS path %d time%s on "
				    "%s to prefer %s, which has no effect: AWS always prefers "
				    "Direct Connect over VPN for the same prefix", dx->name,
				    ad->prepend, ad->prepend == 1 ? "" : "s", pf, vpn);
			}
		}
	}
}

/* ---- HA012 prefix limits ------------------------------------------------ */

static void
ha012_limit(struct rule_ctx *x)
{
	const struct design *d = x->d;
	bool tgw = d->vpc.gateway == GATEWAY_TGW;

	for (size_t i = 0; i < d->nconns; i++) {
		const struct connection *c = &d->conns[i];
		size_t v4 = 0, v6 = 0, limit;
		char id[64];

		if (c->type == CONN_VPN && c->routing != ROUTING_BGP)
			continue;
		for (size_t a = 0; a < c->nadverts; a++) {
			if (prefix_is_v4(&c->adverts[a].prefix))
				v4++;
			else if (c->type == CONN_DX || tgw)
				v6++;       /* a VGW ignores IPv6 over VPN (HA023) */
		}
		limit = c->type == CONN_VPN && tgw ? 1000 : 100;
		if (v4 <= limit && v6 <= limit)
			continue;
		snprintf(id, sizeof id, "connection:%s", c->name);
		add(x, id, "summarise the advertisements", "%s advertises %zu %s "
		    "prefixes on one BGP session; over %zu AWS takes the session "
		    "down and the connection carries nothing", c->name,
		    v4 > limit ? v4 : v6, v4 > limit ? "IPv4" : "IPv6", limit);
	}
}

/* ---- HA013 tunnel inside CIDRs ----------------------------------------- */

/* A tunnel's inside CIDR, for finding the ones used twice. */
struct tref {
	const struct prefix *p;
	uint32_t conn;
	int tunnel;
};

static int
cmp_tref(const void *pa, const void *pb)
{
	const struct tref *a = pa, *b = pb;
	int c = prefix_compare(a->p, b->p);

	if (c != 0)
		return c;
	if (a->conn != b->conn)
		return a->conn < b->conn ? -1 : 1;
	return a->tunnel - b->tunnel;
}

static void
ha013_inside(struct rule_ctx *x)
{
	const struct design *d = x->d;
	bool tgw = d->vpc.gateway == GATEWAY_TGW;
	struct tref *all = xcalloc(2 * d->nconns + 1, sizeof *all);
	size_t n = 0;

	for (size_t i = 0; i < d->nconns; i++) {
		const struct connection *c = &d->conns[i];

		if (c->type != CONN_VPN)
			continue;
		for (int t = 0; t < c->ntunnels && t < DESIGN_MAX_TUNNELS; t++) {
			const struct prefix *p = &c->tunnels[t].inside;
			const char *why = design_inside_problem(p);
			char id[80], pf[PREFIX_STRLEN];

			if (why == NULL) {
				all[n++] = (struct tref){ p, (uint32_t)i, t + 1 };
				continue;
			}
			snprintf(id, sizeof id, "tunnel:%s/%d", c->name, t + 1);
			add(x, id, "pick a free /30 in 169.254.0.0/16 outside the "
			    "reserved ones", "%s: %s", prefix_format(p, pf, sizeof pf),
			    why);
		}
	}
	qsort(all, n, sizeof *all, cmp_tref);
	/* Each tunnel against the earlier ones with the same CIDR on the same
	 * gateway (at a TGW, only on the same customer gateway, where they
	 * conflict). */
	for (size_t k = 0, run = 0; k < n; k++) {
		const struct connection *c = &d->conns[all[k].conn];
		const struct tref *other = NULL;

		if (!prefix_equal(all[run].p, all[k].p))
			run = k;
		for (size_t q = run; q < k && other == NULL; q++)
			if (!tgw || x->conn_dev[all[q].conn] ==
			    x->conn_dev[all[k].conn])
				other = &all[q];
		if (other != NULL) {
			char id[80], pf[PREFIX_STRLEN];

			snprintf(id, sizeof id, "tunnel:%s/%d", c->name, all[k].tunnel);
			add(x, id, "give each tunnel its own /30", "%s is also the "
			    "inside CIDR of tunnel:%s/%d on the same %s",
			    prefix_format(all[k].p, pf, sizeof pf),
			    d->conns[other->conn].name, other->tunnel,
			    tgw ? "customer gateway" : "virtual private gateway");
		}
	}
	free(all);
}

/* ---- HA014 ASNs, HA015 overlap with the VPC ---------------------------- */

/* Private ranges on both gateways; the legacy defaults of VGWs created
 * before mid-2018 (7224, and 17493, 10124, 9059 in Singapore, Tokyo and
 * Ireland) on a VGW only (aws-facts 3.5). */
static bool
aws_asn_allowed(uint32_t asn, enum gateway_kind gw)
{
	if ((asn >= 64512 && asn <= 65534) ||
	    (asn >= 4200000000u && asn <= 4294967294u))
		return true;
	return gw == GATEWAY_VGW && (asn == 7224 || asn == 17493 ||
	    asn == 10124 || asn == 9059);
}

static void
ha014_asn(struct rule_ctx *x)
{
	const struct design *d = x->d;

	if (!aws_asn_allowed(d->vpc.asn, d->vpc.gateway)) {
		char *subject = vpc_subject(d);
		bool tgw = d->vpc.gateway == GATEWAY_TGW;

		add(x, subject, "use a private ASN: 64512-65534 or "
		    "4200000000-4294967294", "the AWS-side ASN %lu is outside what "
		    "a %s accepts (64512-65534 or 4200000000-4294967294%s)",
		    (unsigned long)d->vpc.asn, tgw ? "transit gateway" :
		    "virtual private gateway", tgw ? "" : ", or the legacy 7224 "
		    "of an older one");
		free(subject);
	}
	for (size_t i = 0; i < d->ndevices; i++) {
		char id[64];

		if (d->devices[i].asn != d->vpc.asn)
			continue;
		snprintf(id, sizeof id, "device:%s", d->devices[i].name);
		add(x, id, "give the customer side an ASN different from AWS's",
		    "%s uses ASN %lu, the same as the AWS side: BGP drops routes "
		    "carrying its own AS, so no session exchanges prefixes",
		    d->devices[i].name, (unsigned long)d->vpc.asn);
	}
}

static void
ha015_vpc_overlap(struct rule_ctx *x)
{
	const struct design *d = x->d;

	for (size_t j = 0; j < d->ndcs; j++)
		for (size_t p = 0; p < d->dcs[j].nprefixes; p++)
			for (size_t v = 0; v < d->vpc.ncidrs; v++) {
				char a[PREFIX_STRLEN], b[PREFIX_STRLEN], id[64];

				if (!prefix_overlaps(&d->dcs[j].prefixes[p],
				    &d->vpc.cidrs[v]))
					continue;
				snprintf(id, sizeof id, "datacenter:%s", d->dcs[j].name);
				add(x, id, "renumber one side; no route can reach an "
				    "address inside the VPC's own range", "%s of %s overlaps "
				    "the VPC CIDR %s: the VPC's local route wins, so that "
				    "traffic never leaves AWS",
				    prefix_format(&d->dcs[j].prefixes[p], a, sizeof a),
				    d->dcs[j].name, prefix_format(&d->vpc.cidrs[v], b,
				    sizeof b));
			}
}

/* ---- HA016 BFD --------------------------------------------------------- */

static void
ha016_bfd(struct rule_ctx *x)
{
	for (size_t i = 0; i < x->d->nconns; i++) {
		const struct connection *c = &x->d->conns[i];
		char id[64];

		if (c->type != CONN_DX || c->bfd)
			continue;
		snprintf(id, sizeof id, "connection:%s", c->name);
		add(x, id, "set bfd = true (AWS's minimum: 300 ms, multiplier 3)",
		    "%s runs without BFD: after a failure BGP waits for its 90 s "
		    "hold time before traffic moves", c->name);
	}
}

/* ---- HA017 asymmetry ----------------------------------------------------- */

static bool
same_set(const struct engine_result *r, uint32_t a_off, uint32_t na,
    uint32_t b_off, uint32_t nb)
{
	if (na != nb)
		return false;
	return memcmp(r->pool + a_off, r->pool + b_off, na * sizeof *r->pool) ==
	    0;
}

/* "dx1+dx2" when the load is shared, "vpn1 or vpn2" when AWS picks one. */
static void
via_text(const struct design *d, const struct engine_result *r, uint32_t off,
    uint32_t n, bool one_of, struct strbuf *sb)
{
	for (uint32_t a = 0; a < n; a++)
		strbuf_addf(sb, "%s%s", a == 0 ? "" : one_of ? " or " : "+",
		    d->conns[r->pool[off + a]].name);
}

static void
ha017_asymmetric(struct rule_ctx *x)
{
	const struct engine_result *b = engine_baseline(x->e);
	const struct design *d = x->d;
	size_t *first = xcalloc(b->ndcs + 1, sizeof *first);
	size_t *count = xcalloc(b->ndcs + 1, sizeof *count);

	/* One pass over the destinations, each against its origin's way out. */
	for (size_t i = 0; i < b->ndests; i++) {
		const struct engine_dest *in = &b->dests[i];
		size_t j = engine_dest_origin(x->e, i);
		const struct engine_dc *out = &b->dcs[j];

		if (out->status != ENGINE_OK && out->status != ENGINE_OVERLOADED)
			continue;
		if (in->nvia == 0 ||
		    (in->status != ENGINE_OK && in->status != ENGINE_OVERLOADED))
			continue;
		if (same_set(b, in->via_off, in->nvia, out->via_off, out->nvia))
			continue;
		if (count[j]++ == 0)
			first[j] = i;
	}
	for (size_t j = 0; j < b->ndcs; j++) {
		const struct engine_dc *out = &b->dcs[j];
		const struct engine_dest *in = &b->dests[first[j]];
		struct strbuf ins = STRBUF_INIT, outs = STRBUF_INIT;
		char pf[PREFIX_STRLEN], id[64], tail[64] = "";

		if (count[j] == 0)
			continue;
		via_text(d, b, in->via_off, in->nvia,
		    in->mode == ENGINE_MODE_ONE_OF, &ins);
		via_text(d, b, out->via_off, out->nvia, false, &outs);
		prefix_format(engine_dest_prefix(x->e, first[j]), pf, sizeof pf);
		if (count[j] > 1)
			snprintf(tail, sizeof tail, " (and %zu more of its prefixes)",
			    count[j] - 1);
		snprintf(id, sizeof id, "datacenter:%s", d->dcs[j].name);
		add(x, id, "match the two directions: steer AWS with more "
		    "specific routes or prepends toward the connection the data "
		    "center prefers, or change the connections' local_pref",
		    "%s comes in from AWS over %s but %s sends to AWS over %s%s: "
		    "stateful firewalls drop the return traffic", pf, ins.data,
		    d->dcs[j].name, outs.data, tail);
		strbuf_free(&ins);
		strbuf_free(&outs);
	}
	free(first);
	free(count);
}

/* ---- HA018 TGW static beats DX ------------------------------------------- */

static void
ha018_tgw_static(struct rule_ctx *x)
{
	const struct design *d = x->d;

	if (d->vpc.gateway != GATEWAY_TGW)
		return;
	for (size_t i = 0; i < d->nconns; i++) {
		const struct connection *v = &d->conns[i];

		if (v->type != CONN_VPN || v->routing != ROUTING_STATIC)
			continue;
		for (size_t a = 0; a < v->nadverts; a++) {
			const char *dx = NULL;
			size_t lo, hi;

			advert_run(x, &v->adverts[a].prefix, &lo, &hi);
			for (size_t k = lo; k < hi && dx == NULL; k++)
				if (d->conns[x->adverts[k].conn].type == CONN_DX)
					dx = d->conns[x->adverts[k].conn].name;
			if (dx != NULL) {
				char pf[PREFIX_STRLEN], id[64];

				prefix_format(&v->adverts[a].prefix, pf, sizeof pf);
				snprintf(id, sizeof id, "connection:%s", v->name);
				add(x, id, "make the static route less specific than the DX "
				    "route (e.g. a summary), or run the VPN with BGP",
				    "at a transit gateway a static route beats the Direct "
				    "Connect gateway's: %s's static %s makes the VPN primary "
				    "over %s", v->name, pf, dx);
			}
		}
	}
}

/* ---- HA019 pre-shared keys ------------------------------------------------ */

static void
ha019_psk(struct rule_ctx *x)
{
	const struct design *d = x->d;

	if (x->serr != NULL && x->serr->count > 0) {
		char *why = error_item_string(&x->serr->items[0]);
		char *subject = vpc_subject(d);
		char tail[64] = "";

		if (x->serr->count > 1)
			snprintf(tail, sizeof tail, " (and %zu more problem%s)",
			    x->serr->count - 1, x->serr->count == 2 ? "" : "s");
		add(x, subject, "fix or remove the secrets file; hatopo writes a "
		    "new one on export", "the secrets file cannot be used: %s%s",
		    why, tail);
		free(why);
		free(subject);
		return;
	}
	if (x->s == NULL)
		return;
	for (size_t i = 0; i < d->nconns; i++) {
		const struct connection *c = &d->conns[i];

		if (c->type != CONN_VPN)
			continue;
		for (int t = 1; t <= c->ntunnels; t++) {
			const char *psk = secrets_psk(x->s, c->name, t);
			const char *why = psk ? secrets_psk_problem(psk) : NULL;
			size_t len = psk ? strlen(psk) : 0;
			char id[80], tail[48] = "";

			if (why == NULL)
				continue;
			snprintf(id, sizeof id, "tunnel:%s/%d", c->name, t);
			if (len < SECRETS_PSK_MIN || len > SECRETS_PSK_MAX)
				snprintf(tail, sizeof tail, " (this one has %zu)", len);
			/* Never the key itself: messages end up in reviews. */
			add(x, id, "replace it with 8-64 characters of letters, digits, "
			    "'.' and '_', not starting with 0, or delete it and let the "
			    "next export generate one", "the pre-shared key of %s "
			    "tunnel %d breaks AWS's rules: %s%s", c->name, t, why, tail);
		}
	}
}

/* ---- HA020 resiliency model, HA021 VPN backup ------------------------------ */

static void
ha020_model(struct rule_ctx *x)
{
	const struct design *d = x->d;
	const struct connection *hosted = NULL;
	struct resiliency rs;
	const char *fix;
	char *subject, sla[96], note[160] = "";

	resiliency_classify(d, &rs);
	switch (rs.tier) {
	case RESILIENCY_NONE_DX:
		return;
	case RESILIENCY_MAXIMUM:
		fix = "nothing to change; keep the connections on separate AWS "
		    "devices";
		break;
	case RESILIENCY_HIGH:
		fix = "for maximum resiliency (99.99%) add a second connection on a "
		    "separate device in each location";
		break;
	case RESILIENCY_DEV_TEST:
		fix = "for production, add a connection in a second location "
		    "(high resiliency, 99.9%)";
		break;
	case RESILIENCY_NONE:
	default:
		fix = "add a second DX on a separate device, in a second location "
		    "for production";
		break;
	}
	if (rs.sla_availability > 0)
		snprintf(sla, sizeof sla, "AWS's %s SLA", rs.sla);
	else
		snprintf(sla, sizeof sla, "%s", rs.sla);
	/* Maximum and high resiliency come with an SLA, which covers
	 * dedicated connections only (1 Gbps and up): below 1 Gbps a
	 * connection can only be a hosted one. */
	for (size_t i = 0; i < d->nconns && hosted == NULL; i++)
		if (d->conns[i].type == CONN_DX && d->conns[i].gbps < 1.0)
			hosted = &d->conns[i];
	if (hosted != NULL && rs.nlocations >= 2) {
		char g[32];

		explain_gbps(hosted->gbps, g, sizeof g);
		snprintf(note, sizeof note, "; the SLA covers dedicated "
		    "connections only, and %s's %s Gbps is a hosted speed",
		    hosted->name, g);
	}
	subject = vpc_subject(d);
	add(x, subject, fix, "Direct Connect resiliency: %s (%zu DX connection%s "
	    "in %zu location%s: %s), with %s%s", rs.name, rs.ndx,
	    rs.ndx == 1 ? "" : "s", rs.nlocations, rs.nlocations == 1 ? "" : "s",
	    rs.locations, sla, note);
	free(subject);
}

static void
ha021_vpn_backup(struct rule_ctx *x)
{
	const struct design *d = x->d;
	size_t ndx = 0, nvpn = 0;
	char *subject;

	for (size_t i = 0; i < d->nconns; i++) {
		if (d->conns[i].type == CONN_DX)
			ndx++;
		else
			nvpn++;
	}
	if (ndx == 0 || nvpn > 0)
		return;
	subject = vpc_subject(d);
	add(x, subject, "add a Site-to-Site VPN over a different provider as a "
	    "backup, sized for the traffic it must carry", "the design has "
	    "%zu DX connection%s and no VPN backup; the brief's most available "
	    "option adds one", ndx, ndx == 1 ? "" : "s");
	free(subject);
}

/* ---- HA022 crypto, HA023 IPv6 over a VGW ---------------------------------- */

static void
ha022_crypto(struct rule_ctx *x)
{
	for (size_t i = 0; i < x->d->nconns; i++) {
		const struct connection *c = &x->d->conns[i];
		struct strbuf sb = STRBUF_INIT;
		bool sha1 = false, weak_dh = false;
		char id[64];

		if (c->type != CONN_VPN)
			continue;
		if (c->ike.version == 1)
			strbuf_puts(&sb, "IKEv1");
		for (int p = 0; p < 2; p++) {
			const struct ike_phase *ph = p ? &c->ike.phase2 : &c->ike.phase1;

			for (int k = 0; k < ph->nintegrity; k++)
				sha1 |= ph->integrity[k] == IKE_SHA1;
			for (int k = 0; k < ph->ndh; k++)
				weak_dh |= ph->dh[k] == 2 || ph->dh[k] == 5;
		}
		if (sha1)
			strbuf_addf(&sb, "%sSHA1", sb.len ? ", " : "");
		if (weak_dh)
			strbuf_addf(&sb, "%sDH group 2 or 5", sb.len ? ", " : "");
		if (c->ike.phase2.ndh == 0)
			strbuf_addf(&sb, "%sno PFS", sb.len ? ", " : "");
		if (sb.len > 0) {
			snprintf(id, sizeof id, "connection:%s", c->name);
			add(x, id, "use IKEv2, SHA2-256 or better, DH groups 14-24 and "
			    "PFS (the defaults do)", "%s allows weak crypto: %s",
			    c->name, sb.data);
		}
		strbuf_free(&sb);
	}
}

static void
ha023_ipv6_vgw(struct rule_ctx *x)
{
	const struct design *d = x->d;

	if (d->vpc.gateway != GATEWAY_VGW)
		return;
	for (size_t i = 0; i < d->nconns; i++) {
		const struct connection *c = &d->conns[i];
		const struct prefix *first = NULL;
		size_t n = 0;

		if (c->type != CONN_VPN)
			continue;
		for (size_t a = 0; a < c->nadverts; a++)
			if (prefix_is_v6(&c->adverts[a].prefix) && n++ == 0)
				first = &c->adverts[a].prefix;
		if (first != NULL) {
			char pf[PREFIX_STRLEN], id[64], tail[64] = "";

			prefix_format(first, pf, sizeof pf);
			snprintf(id, sizeof id, "connection:%s", c->name);
			if (n > 1)
				snprintf(tail, sizeof tail, " (and %zu more IPv6 "
				    "prefix%s)", n - 1, n == 2 ? "" : "es");
			add(x, id, "use a transit gateway for IPv6 over VPN", "%s carries "
			    "%s%s, but a virtual private gateway carries no IPv6: AWS "
			    "ignores it", c->name, pf, tail);
		}
	}
}

static const struct rule_def rules[] = {
	{ "HA001", RULE_SEVERITY_WARNING, "VPN with static routing",
	  ha001_static },
	{ "HA002", RULE_SEVERITY_ERROR, "single point of failure", ha002_spof },
	{ "HA003", RULE_SEVERITY_WARNING, "every DX with one provider",
	  ha003_provider },
	{ "HA004", RULE_SEVERITY_WARNING, "every DX in one location",
	  ha004_location },
	{ "HA005", RULE_SEVERITY_WARNING, "a data center's connections on one "
	  "device", ha005_one_device },
	{ "HA006", RULE_SEVERITY_WARNING, "unsteered prefix", ha006_unsteered },
	{ "HA007", RULE_SEVERITY_ERROR, "capacity", ha007_capacity },
	{ "HA008", RULE_SEVERITY_WARNING, "summary wider than what is "
	  "originated", ha008_summary },
	{ "HA009", RULE_SEVERITY_WARNING, "VPN with fewer than two tunnels",
	  ha009_tunnels },
	{ "HA010", RULE_SEVERITY_WARNING, "every VPN through one ISP",
	  ha010_isp },
	{ "HA011", RULE_SEVERITY_WARNING, "prepending to prefer VPN over DX",
	  ha011_prepend_vs_dx },
	{ "HA012", RULE_SEVERITY_ERROR, "too many prefixes on a BGP session",
	  ha012_limit },
	{ "HA013", RULE_SEVERITY_ERROR, "tunnel inside CIDR", ha013_inside },
	{ "HA014", RULE_SEVERITY_ERROR, "ASN", ha014_asn },
	{ "HA015", RULE_SEVERITY_ERROR, "prefix overlaps the VPC",
	  ha015_vpc_overlap },
	{ "HA016", RULE_SEVERITY_INFO, "DX without BFD", ha016_bfd },
	{ "HA017", RULE_SEVERITY_WARNING, "asymmetric routing",
	  ha017_asymmetric },
	{ "HA018", RULE_SEVERITY_WARNING, "TGW static route beats DX",
	  ha018_tgw_static },
	{ "HA019", RULE_SEVERITY_ERROR, "pre-shared key", ha019_psk },
	{ "HA020", RULE_SEVERITY_INFO, "DX resiliency model", ha020_model },
	{ "HA021", RULE_SEVERITY_INFO, "DX without VPN backup",
	  ha021_vpn_backup },
	{ "HA022", RULE_SEVERITY_WARNING, "weak VPN crypto", ha022_crypto },
	{ "HA023", RULE_SEVERITY_ERROR, "IPv6 over VPN to a VGW",
	  ha023_ipv6_vgw },
};

const struct rule_def *
rule_table(size_t *n)
{
	*n = sizeof rules / sizeof rules[0];
	return rules;
}

struct ordered {
	struct finding f;
	size_t seq;
};

/* By rule, then subject, then the order the rule found them. */
static int
cmp_ordered(const void *pa, const void *pb)
{
	const struct ordered *a = pa, *b = pb;
	int c = strcmp(a->f.rule, b->f.rule);

	if (c == 0)
		c = strcmp(a->f.subject, b->f.subject);
	if (c != 0)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Which connection lands on which device and in which data center, once
 * for every rule. */
static void
index_conns(struct rule_ctx *x)
{
	const struct design *d = x->d;
	struct nameidx devs, dcs;

	nameidx_build(&devs, d->ndevices ? d->devices[0].name : "", d->ndevices,
	    sizeof *d->devices);
	nameidx_build(&dcs, d->ndcs ? d->dcs[0].name : "", d->ndcs,
	    sizeof *d->dcs);
	x->conn_dev = xcalloc(d->nconns + 1, sizeof *x->conn_dev);
	x->conn_dc = xcalloc(d->nconns + 1, sizeof *x->conn_dc);
	for (size_t i = 0; i < d->nconns; i++) {
		int v = nameidx_find(&devs, d->conns[i].device);

		x->conn_dev[i] = v;
		x->conn_dc[i] = v < 0 ? -1 : nameidx_find(&dcs, d->devices[v].dc);
	}
	nameidx_free(&devs);
	nameidx_free(&dcs);
}

static void
ctx_free(struct rule_ctx *x)
{
	size_t n = x->d->nconns + x->d->nwans;

	for (size_t i = 0; i < x->nspofs; i++) {
		free(x->spofs[i].subject);
		free(x->spofs[i].fix);
		free(x->spofs[i].message);
	}
	free(x->spofs);
	for (size_t i = 0; x->by != NULL && i < n; i++) {
		free(x->by[i].scenario);
		free(x->by[i].sentence);
		free(x->by[i].bsentence);
	}
	free(x->by);
	free(x->seen);
	free(x->elems);
	free(x->adverts);
	free(x->conn_dev);
	free(x->conn_dc);
}

void
rule_run(const struct design *d, struct engine *e, const struct secrets *s,
    const struct error *secrets_err, struct findings *out)
{
	struct rule_ctx x;
	struct ordered *o;

	memset(&x, 0, sizeof x);
	x.d = d;
	x.e = e;
	x.s = s;
	x.serr = secrets_err;
	x.out = out;
	memset(out, 0, sizeof *out);
	index_conns(&x);
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		enum rule_severity over = d->rules[i];

		if (over == RULE_SEVERITY_OFF)
			continue;
		x.rule = &rules[i];
		x.sev = over == RULE_SEVERITY_DEFAULT ? rules[i].severity : over;
		rules[i].fn(&x);
	}
	ctx_free(&x);
	o = xcalloc(out->n + 1, sizeof *o);
	for (size_t i = 0; i < out->n; i++)
		o[i] = (struct ordered){ out->v[i], i };
	qsort(o, out->n, sizeof *o, cmp_ordered);
	for (size_t i = 0; i < out->n; i++)
		out->v[i] = o[i].f;
	free(o);
	for (size_t i = 0; i < out->n; i++)
		switch (out->v[i].severity) {
		case RULE_SEVERITY_ERROR:
			out->counts[0]++;
			break;
		case RULE_SEVERITY_WARNING:
			out->counts[1]++;
			break;
		default:
			out->counts[2]++;
			break;
		}
}

void
findings_free(struct findings *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].subject);
		free(f->v[i].message);
		free(f->v[i].fix);
	}
	free(f->v);
	memset(f, 0, sizeof *f);
}
