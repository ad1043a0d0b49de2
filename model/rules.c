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
#include "strbuf.h"

struct rule_ctx {
	const struct design *d;
	struct engine *e;
	const struct secrets *s;
	const struct error *serr;
	struct findings *out;
	const struct rule_def *rule;
	enum rule_severity sev;
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
		    "itself", "%s uses static routing: AWS cannot tell when its "
		    "tunnels stop carrying traffic, so failover waits for tunnel "
		    "monitoring rather than routing", c->name);
	}
}

/* ---- HA002 single points of failure, HA007 capacity ------------------ */

struct spof_state {
	struct rule_ctx *x;
};

static int
spof_visit(void *ctx, const struct matrix_scenario *s,
    const struct engine_result *r)
{
	struct spof_state *st = ctx;
	struct rule_ctx *x = st->x;
	const struct design *d = x->d;
	char *first = NULL, *fix = NULL;
	size_t more = 0;
	const char *firstdc = NULL;

	for (size_t i = 0; i < r->ndests; i++) {
		char *why = explain_dest(x->e, r, i);

		if (why == NULL)
			continue;
		if (first == NULL) {
			first = why;
			fix = explain_dest_fix(x->e, r, i);
			firstdc = d->dcs[engine_dest_origin(x->e, i)].name;
		} else {
			more++;
			free(why);
		}
	}
	for (size_t j = 0; j < r->ndcs; j++) {
		char *why = explain_dc(x->e, r, j);

		if (why == NULL)
			continue;
		if (first == NULL) {
			first = why;
			fix = xasprintf("give %s a connection of its own, or a second "
			    "WAN path to one", d->dcs[j].name);
			firstdc = d->dcs[j].name;
		} else {
			more++;
			free(why);
		}
	}
	if (first == NULL)
		return 0;
	if (s->nfailed == 0) {
		char subject[64];

		snprintf(subject, sizeof subject, "datacenter:%s", firstdc);
		char tail[64] = "";

		if (more)
			snprintf(tail, sizeof tail, "; and %zu more", more);
		add(x, subject, fix, "even with nothing failed, the design %s%s",
		    first, tail);
	} else {
		char tail[64] = "";

		if (more)
			snprintf(tail, sizeof tail, " (and %zu more destination%s or "
			    "data center%s)", more, more == 1 ? "" : "s",
			    more == 1 ? "" : "s");
		add(x, s->name, fix, "single point of failure: %s %s%s", s->name,
		    first, tail);
	}
	free(first);
	free(fix);
	return 0;
}

static void
ha002_spof(struct rule_ctx *x)
{
	struct matrix_opts o = { 1, NULL, 0, false };
	struct matrix_counts counts;
	struct spof_state st = { x };

	matrix_run(x->e, &o, spof_visit, &st, &counts);
}

/* Worst overload of one connection or WAN link over all scenarios. */
struct over {
	size_t count;
	double ratio;
	double load, cap;
	size_t elem;
	char *scenario;
	char *sentence;
};

struct cap_state {
	struct rule_ctx *x;
	struct over *by;            /* per connection, then per WAN link */
};

static int
cap_visit(void *ctx, const struct matrix_scenario *s,
    const struct engine_result *r)
{
	struct cap_state *st = ctx;
	size_t nconns = engine_conn_count(st->x->e);

	for (size_t el = 0; el < r->nelems; el++) {
		size_t who = el < 2 * nconns ? el % nconns :
		    nconns + (el - 2 * nconns) / 2;
		struct over *o = &st->by[who];
		double ratio;

		if (r->load[el] <= r->capacity[el] + 1e-9 || r->capacity[el] <= 0)
			continue;
		ratio = r->load[el] / r->capacity[el];
		o->count++;
		if (o->scenario == NULL || ratio > o->ratio) {
			free(o->scenario);
			free(o->sentence);
			o->scenario = xstrdup(s->name);
			o->sentence = explain_elem(st->x->e, r, el);
			o->ratio = ratio;
			o->load = r->load[el];
			o->cap = r->capacity[el];
			o->elem = el;
		}
	}
	return 0;
}

static void
ha007_capacity(struct rule_ctx *x)
{
	const struct design *d = x->d;
	size_t nconns = engine_conn_count(x->e), n = nconns + d->nwans;
	struct matrix_opts o = { 1, NULL, 0, false };
	struct matrix_counts counts;
	struct cap_state st = { x, xcalloc(n + 1, sizeof(struct over)) };

	matrix_run(x->e, &o, cap_visit, &st, &counts);
	for (size_t i = 0; i < n; i++) {
		struct over *v = &st.by[i];
		char subject[96], over[32], fix[512];
		bool base;

		if (v->count == 0)
			continue;
		base = strcmp(v->scenario, "baseline") == 0;
		explain_gbps(v->load - v->cap, over, sizeof over);
		if (i < nconns) {
			const struct connection *c = &d->conns[i];

			snprintf(subject, sizeof subject, "connection:%s", c->name);
			if (c->type == CONN_VPN)
				snprintf(fix, sizeof fix, "add capacity where this traffic "
				    "fails over (another DX, a transit gateway with ECMP "
				    "across VPN tunnels, or 5 Gbps tunnels), or keep the "
				    "demand under what %s carries; monitor DX utilisation "
				    "against it", c->name);
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
		if (base)
			add(x, subject, fix, "in the baseline the design %s (%s Gbps "
			    "over)", v->sentence, over);
		else {
			char tail[80] = "";

			if (v->count > 1)
				snprintf(tail, sizeof tail, "; over capacity in %zu "
				    "scenarios, this is the worst", v->count);
			add(x, subject, fix, "%s %s (%s Gbps over%s)", v->scenario,
			    v->sentence, over, tail);
		}
		free(v->scenario);
		free(v->sentence);
	}
	free(st.by);
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

	for (size_t j = 0; j < d->ndcs; j++) {
		const char **names = xcalloc(d->nconns + 1, sizeof *names);
		const char *device = NULL;
		size_t n = 0;
		bool same = true;

		for (size_t i = 0; i < d->nconns; i++) {
			const struct connection *c = &d->conns[i];

			if (design_conn_dc(d, c) != (int)j)
				continue;
			names[n++] = c->name;
			if (device == NULL)
				device = c->device;
			else if (strcmp(device, c->device) != 0)
				same = false;
		}
		if (n >= 2 && same) {
			struct strbuf sb = STRBUF_INIT;
			char subject[64];

			and_list(&sb, names, n);
			snprintf(subject, sizeof subject, "device:%s", device);
			add(x, subject, "terminate one of them on a second device in "
			    "the same data center", "%s's %zu connections (%s) all end "
			    "on %s: one device failure or upgrade takes them all down",
			    d->dcs[j].name, n, sb.data, device);
			strbuf_free(&sb);
		}
		free(names);
	}
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
			    ", ") : "", c->name, d->dcs[design_conn_dc(d, c)].name);
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

/* Collect the blocks of p that no data center prefix covers, by halving
 * with libcidr until a block is covered or overlaps nothing. */
static void
uncovered(const struct design *d, const CIDR *block, struct strbuf *sb,
    size_t *count, int depth)
{
	bool overlap = false;
	CIDR **halves;

	for (size_t j = 0; j < d->ndcs; j++)
		for (size_t p = 0; p < d->dcs[j].nprefixes; p++) {
			const CIDR *dc = &d->dcs[j].prefixes[p].c;

			if (cidr_get_proto(dc) != cidr_get_proto(block))
				continue;
			if (cidr_contains(dc, block) == 0)
				return;     /* covered */
			if (cidr_contains(block, dc) == 0)
				overlap = true;
		}
	if (!overlap || depth > 64) {
		if (*count < 3) {
			char *s = cidr_to_str(block, CIDR_NOFLAGS);

			strbuf_addf(sb, "%s%s", *count ? ", " : "", s ? s : "?");
			free(s);
		}
		(*count)++;
		return;
	}
	halves = cidr_net_subnets(block);
	if (halves == NULL)
		return;
	uncovered(d, halves[0], sb, count, depth + 1);
	uncovered(d, halves[1], sb, count, depth + 1);
	cidr_free(halves[0]);
	cidr_free(halves[1]);
	free(halves);
}

static void
ha008_summary(struct rule_ctx *x)
{
	const struct design *d = x->d;

	for (size_t i = 0; i < d->nconns; i++)
		for (size_t a = 0; a < d->conns[i].nadverts; a++) {
			const struct prefix *p = &d->conns[i].adverts[a].prefix;
			struct strbuf sb = STRBUF_INIT;
			size_t count = 0;
			bool earlier = false;
			char pf[PREFIX_STRLEN], subject[64];

			/* One finding per prefix, on its first advertiser. */
			for (size_t k = 0; k < i && !earlier; k++)
				for (size_t q = 0; q < d->conns[k].nadverts; q++)
					earlier |= prefix_equal(&d->conns[k].adverts[q].prefix,
					    p);
			if (earlier)
				continue;
			uncovered(d, &p->c, &sb, &count, 0);
			if (count > 0) {
				char tail[64] = "";

				if (count > 3)
					snprintf(tail, sizeof tail, " (and %zu more blocks)",
					    count - 3);
				prefix_format(p, pf, sizeof pf);
				snprintf(subject, sizeof subject, "connection:%s",
				    d->conns[i].name);
				add(x, subject, "advertise only what the data centers "
				    "originate, or add the missing prefixes to a data "
				    "center", "%s advertises %s, which covers %s%s that no "
				    "data center originates: AWS sends that traffic to you "
				    "and it is dropped on premises", d->conns[i].name, pf,
				    sb.data, tail);
			}
			strbuf_free(&sb);
		}
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
		int dev;

		if (d->conns[i].type != CONN_VPN)
			continue;
		dev = design_find_device(d, d->conns[i].device);
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

static void
ha011_prepend_vs_dx(struct rule_ctx *x)
{
	const struct design *d = x->d;

	for (size_t i = 0; i < d->nconns; i++) {
		const struct connection *dx = &d->conns[i];

		if (dx->type != CONN_DX)
			continue;
		for (size_t a = 0; a < dx->nadverts; a++) {
			const struct advert *ad = &dx->adverts[a];
			const char *vpn = NULL;

			if (ad->prepend == 0)
				continue;
			for (size_t k = 0; k < d->nconns && vpn == NULL; k++) {
				const struct connection *v = &d->conns[k];

				if (v->type != CONN_VPN)
					continue;
				for (size_t q = 0; q < v->nadverts; q++)
					if (prefix_equal(&v->adverts[q].prefix, &ad->prefix) &&
					    (v->routing == ROUTING_STATIC ||
					    v->adverts[q].prepend < ad->prepend))
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
			else
				v6++;
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

static void
ha013_inside(struct rule_ctx *x)
{
	const struct design *d = x->d;
	bool tgw = d->vpc.gateway == GATEWAY_TGW;

	for (size_t i = 0; i < d->nconns; i++) {
		const struct connection *c = &d->conns[i];

		if (c->type != CONN_VPN)
			continue;
		for (int t = 0; t < c->ntunnels; t++) {
			const struct prefix *p = &c->tunnels[t].inside;
			const char *why = design_inside_problem(p);
			char id[80], pf[PREFIX_STRLEN];
			const char *other = NULL;

			snprintf(id, sizeof id, "tunnel:%s/%d", c->name, t + 1);
			prefix_format(p, pf, sizeof pf);
			if (why != NULL) {
				add(x, id, "pick a free /30 in 169.254.0.0/16 outside the "
				    "reserved ones", "%s: %s", pf, why);
				continue;
			}
			/* Earlier tunnels on the same gateway (at a TGW only on the
			 * same customer gateway, where they conflict). */
			for (size_t k = 0; k <= i && other == NULL; k++) {
				const struct connection *o = &d->conns[k];

				if (o->type != CONN_VPN ||
				    (tgw && strcmp(o->device, c->device) != 0))
					continue;
				for (int u = 0; u < o->ntunnels; u++) {
					if (k == i && u >= t)
						break;
					if (prefix_equal(&o->tunnels[u].inside, p))
						other = o->name;
				}
			}
			if (other != NULL)
				add(x, id, "give each tunnel its own /30", "%s is also the "
				    "inside CIDR of a tunnel of %s on the same %s", pf, other,
				    tgw ? "customer gateway" : "virtual private gateway");
		}
	}
}

/* ---- HA014 ASNs, HA015 overlap with the VPC ---------------------------- */

static bool
aws_asn_allowed(uint32_t asn)
{
	return (asn >= 64512 && asn <= 65534) ||
	    (asn >= 4200000000u && asn <= 4294967294u) || asn == 7224 ||
	    asn == 17493 || asn == 10124 || asn == 9059;
}

static void
ha014_asn(struct rule_ctx *x)
{
	const struct design *d = x->d;

	if (!aws_asn_allowed(d->vpc.asn)) {
		char *subject = vpc_subject(d);

		add(x, subject, "use a private ASN: 64512-65534 or "
		    "4200000000-4294967294", "the AWS-side ASN %lu is outside what "
		    "a %s accepts (64512-65534, 4200000000-4294967294, or the "
		    "legacy 7224)", (unsigned long)d->vpc.asn,
		    d->vpc.gateway == GATEWAY_TGW ? "transit gateway" :
		    "virtual private gateway");
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

static void
via_text(const struct design *d, const struct engine_result *r, uint32_t off,
    uint32_t n, struct strbuf *sb)
{
	for (uint32_t a = 0; a < n; a++)
		strbuf_addf(sb, "%s%s", a ? "+" : "", d->conns[r->pool[off + a]].name);
}

static void
ha017_asymmetric(struct rule_ctx *x)
{
	const struct engine_result *b = engine_baseline(x->e);
	const struct design *d = x->d;

	for (size_t j = 0; j < b->ndcs; j++) {
		const struct engine_dc *out = &b->dcs[j];
		size_t first = SIZE_MAX, count = 0;

		if (out->status != ENGINE_OK && out->status != ENGINE_OVERLOADED)
			continue;
		for (size_t i = 0; i < b->ndests; i++) {
			const struct engine_dest *in = &b->dests[i];

			if (engine_dest_origin(x->e, i) != j || in->nvia == 0 ||
			    (in->status != ENGINE_OK && in->status != ENGINE_OVERLOADED))
				continue;
			if (same_set(b, in->via_off, in->nvia, out->via_off, out->nvia))
				continue;
			if (first == SIZE_MAX)
				first = i;
			count++;
		}
		if (first != SIZE_MAX) {
			struct strbuf in = STRBUF_INIT, o = STRBUF_INIT;
			char pf[PREFIX_STRLEN], id[64], tail[64] = "";

			via_text(d, b, b->dests[first].via_off, b->dests[first].nvia, &in);
			via_text(d, b, out->via_off, out->nvia, &o);
			prefix_format(engine_dest_prefix(x->e, first), pf, sizeof pf);
			if (count > 1)
				snprintf(tail, sizeof tail, " (and %zu more of its prefixes)",
				    count - 1);
			snprintf(id, sizeof id, "datacenter:%s", d->dcs[j].name);
			add(x, id, "match the two directions: steer AWS with more "
			    "specific routes or prepends toward the connection the data "
			    "center prefers, or change the connections' local_pref",
			    "%s comes in from AWS over %s but %s sends to AWS over %s%s: "
			    "stateful firewalls drop the return traffic", pf, in.data,
			    d->dcs[j].name, o.data, tail);
			strbuf_free(&in);
			strbuf_free(&o);
		}
	}
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

			for (size_t k = 0; k < d->nconns && dx == NULL; k++)
				for (size_t q = 0; q < d->conns[k].nadverts; q++)
					if (d->conns[k].type == CONN_DX &&
					    prefix_equal(&d->conns[k].adverts[q].prefix,
					    &v->adverts[a].prefix))
						dx = d->conns[k].name;
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

		add(x, subject, "fix or remove the secrets file; hatopo writes a "
		    "new one on export", "the secrets file cannot be used: %s", why);
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
			char id[80];

			if (why == NULL)
				continue;
			snprintf(id, sizeof id, "tunnel:%s/%d", c->name, t);
			/* Never the key itself: messages end up in reviews. */
			add(x, id, "replace it with 8-64 characters of letters, digits, "
			    "'.' and '_', not starting with 0, or delete it and let the "
			    "next export generate one", "the pre-shared key of %s "
			    "tunnel %d breaks AWS's rules: %s", c->name, t, why);
		}
	}
}

/* ---- HA020 resiliency model, HA021 VPN backup ------------------------------ */

static void
ha020_model(struct rule_ctx *x)
{
	const struct design *d = x->d;
	struct strbuf locs = STRBUF_INIT;
	size_t ndx = 0, nloc = 0, loc_redundant = 0;
	const char *model, *sla, *fix;
	char *subject;

	for (size_t i = 0; i < d->nconns; i++) {
		const struct connection *c = &d->conns[i];
		size_t here = 0;
		bool seen = false, devices = false;

		if (c->type != CONN_DX)
			continue;
		ndx++;
		for (size_t k = 0; k < i && !seen; k++)
			seen = d->conns[k].type == CONN_DX &&
			    strcmp(d->conns[k].location, c->location) == 0;
		if (seen)
			continue;
		nloc++;
		for (size_t k = i; k < d->nconns; k++) {
			const struct connection *o = &d->conns[k];

			if (o->type != CONN_DX || strcmp(o->location, c->location) != 0)
				continue;
			here++;
			if (strcmp(o->device, c->device) != 0)
				devices = true;
		}
		if (here >= 2 && devices)
			loc_redundant++;
		strbuf_addf(&locs, "%s%s", nloc > 1 ? ", " : "", c->location);
	}
	if (ndx == 0) {
		strbuf_free(&locs);
		return;
	}
	if (nloc >= 2 && loc_redundant == nloc) {
		model = "maximum resiliency";
		sla = "AWS's 99.99% SLA";
		fix = "nothing to change; keep the connections on separate AWS "
		    "devices";
	} else if (nloc >= 2) {
		model = "high resiliency";
		sla = "AWS's 99.9% SLA";
		fix = "for maximum resiliency (99.99%) add a second connection on a "
		    "separate device in each location";
	} else if (loc_redundant == 1) {
		model = "development and test";
		sla = "no SLA";
		fix = "for production, add a connection in a second location "
		    "(high resiliency, 99.9%)";
	} else {
		model = "no resiliency model";
		sla = "no SLA beyond a single connection's";
		fix = "add a second DX on a separate device, in a second location "
		    "for production";
	}
	subject = vpc_subject(d);
	add(x, subject, fix, "Direct Connect resiliency: %s (%zu DX connection%s "
	    "in %zu location%s: %s), with %s", model, ndx, ndx == 1 ? "" : "s",
	    nloc, nloc == 1 ? "" : "s", locs.data, sla);
	free(subject);
	strbuf_free(&locs);
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

		if (c->type != CONN_VPN)
			continue;
		for (size_t a = 0; a < c->nadverts; a++) {
			char pf[PREFIX_STRLEN], id[64];

			if (!prefix_is_v6(&c->adverts[a].prefix))
				continue;
			prefix_format(&c->adverts[a].prefix, pf, sizeof pf);
			snprintf(id, sizeof id, "connection:%s", c->name);
			add(x, id, "use a transit gateway for IPv6 over VPN", "%s carries "
			    "%s, but a virtual private gateway carries no IPv6: AWS "
			    "ignores it", c->name, pf);
			break;
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

static int
cmp_finding(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	int c = strcmp(a->rule, b->rule);

	if (c != 0)
		return c;
	return strcmp(a->subject, b->subject);
}

void
rule_run(const struct design *d, struct engine *e, const struct secrets *s,
    const struct error *secrets_err, struct findings *out)
{
	struct rule_ctx x = { d, e, s, secrets_err, out, NULL, 0 };

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		enum rule_severity over = d->rules[i];

		if (over == RULE_SEVERITY_OFF)
			continue;
		x.rule = &rules[i];
		x.sev = over == RULE_SEVERITY_DEFAULT ? rules[i].severity : over;
		rules[i].fn(&x);
	}
	/* Stable: by rule, then subject, then the order the rule found them. */
	for (size_t i = 1; i < out->n; i++) {
		struct finding f = out->v[i];
		size_t j = i;

		while (j > 0 && cmp_finding(&out->v[j - 1], &f) > 0) {
			out->v[j] = out->v[j - 1];
			j--;
		}
		out->v[j] = f;
	}
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
