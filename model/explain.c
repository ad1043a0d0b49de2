#include "explain.h"

#include <stdio.h>
#include <string.h>

#include "strbuf.h"

void
explain_gbps(double v, char *buf, size_t len)
{
	size_t n;

	snprintf(buf, len, "%.2f", v);
	n = strlen(buf);
	/* 3.00 -> 3.0, 1.25 -> 1.25, 0.50 -> 0.5 */
	if (n > 3 && buf[n - 1] == '0')
		buf[n - 1] = '\0';
}

void
explain_route(const struct engine *e, const struct engine_result *r,
    size_t i, char *buf, size_t len)
{
	const struct design *d = engine_design(e);
	const struct engine_dest *x = &r->dests[i];
	const struct prefix *dest = engine_dest_prefix(e, i);

	buf[0] = '\0';
	for (uint32_t a = 0; a < x->nvia; a++) {
		const struct connection *c = &d->conns[r->pool[x->via_off + a]];

		for (size_t q = 0; q < c->nadverts; q++)
			if (prefix_length(&c->adverts[q].prefix) == x->plen &&
			    prefix_contains(&c->adverts[q].prefix, dest)) {
				prefix_format(&c->adverts[q].prefix, buf, len);
				return;
			}
	}
}

/* The chosen connection that lands in the data center where traffic is
 * lost. */
static uint32_t
blackhole_conn(const struct engine *e, const struct engine_result *r,
    const struct engine_dest *x)
{
	const struct design *d = engine_design(e);

	for (uint32_t a = 0; a < x->nvia; a++) {
		uint32_t c = r->pool[x->via_off + a];

		if (design_conn_dc(d, &d->conns[c]) == x->blackhole_dc)
			return c;
	}
	return r->pool[x->via_off];
}

char *
explain_dest(const struct engine *e, const struct engine_result *r,
    size_t i)
{
	const struct design *d = engine_design(e);
	const struct engine_dest *x = &r->dests[i];
	const char *origin = d->dcs[engine_dest_origin(e, i)].name;
	char pf[PREFIX_STRLEN], route[PREFIX_STRLEN];

	if (x->status != ENGINE_BLACKHOLED && x->status != ENGINE_UNREACHABLE)
		return NULL;
	prefix_format(engine_dest_prefix(e, i), pf, sizeof pf);
	if (x->status == ENGINE_BLACKHOLED) {
		const char *entry = d->dcs[x->blackhole_dc].name;

		explain_route(e, r, i, route, sizeof route);
		return xasprintf("blackholes %s: AWS still sends it to %s over %s "
		    "(%s), and %s has no path to %s", pf, entry,
		    d->conns[blackhole_conn(e, r, x)].name, route, entry, origin);
	}
	if (x->status == ENGINE_UNREACHABLE)
		return xasprintf("leaves %s (%s) unreachable: no working "
		    "connection advertises a route that covers it", pf, origin);
	return NULL;
}

char *
explain_dest_fix(const struct engine *e, const struct engine_result *r,
    size_t i)
{
	const struct design *d = engine_design(e);
	const struct engine_dest *x = &r->dests[i];
	const char *origin = d->dcs[engine_dest_origin(e, i)].name;
	char pf[PREFIX_STRLEN];

	if (x->status != ENGINE_BLACKHOLED && x->status != ENGINE_UNREACHABLE)
		return NULL;
	prefix_format(engine_dest_prefix(e, i), pf, sizeof pf);
	if (x->status == ENGINE_BLACKHOLED)
		return xasprintf("advertise %s from a device in %s too, or add a "
		    "second WAN link", pf, origin);
	if (x->status == ENGINE_UNREACHABLE)
		return xasprintf("add a connection that does not share this "
		    "failure and advertises %s (or a summary covering it)", pf);
	return NULL;
}

char *
explain_dc(const struct engine *e, const struct engine_result *r, size_t j)
{
	if (r->dcs[j].status != ENGINE_UNREACHABLE)
		return NULL;
	return xasprintf("leaves %s without a way to AWS",
	    engine_design(e)->dcs[j].name);
}

char *
explain_elem(const struct engine *e, const struct engine_result *r,
    size_t el)
{
	const struct design *d = engine_design(e);
	size_t nconns = engine_conn_count(e);
	char load[32], cap[32];

	if (r->load[el] <= r->capacity[el] + 1e-9)
		return NULL;
	explain_gbps(r->load[el], load, sizeof load);
	explain_gbps(r->capacity[el], cap, sizeof cap);
	if (el < 2 * nconns) {
		const struct connection *c = &d->conns[el % nconns];

		if (r->capacity[el] == 0)
			return xasprintf("puts %s Gbps %s on %s, which is down", load,
			    el < nconns ? "toward on premises" : "toward AWS", c->name);
		/* Under TGW ECMP the working tunnels share the load; otherwise
		 * one tunnel carries it all. */
		if (c->type == CONN_VPN && d->vpc.gateway == GATEWAY_TGW &&
		    d->vpc.ecmp && c->routing == ROUTING_BGP)
			return xasprintf("puts %s Gbps %s on %s, whose working tunnels "
			    "carry %s Gbps together", load, el < nconns ?
			    "toward on premises" : "toward AWS", c->name, cap);
		if (c->type == CONN_VPN)
			return xasprintf("puts %s Gbps %s on %s, whose tunnel carries "
			    "%s Gbps", load, el < nconns ? "toward on premises" :
			    "toward AWS", c->name, cap);
		return xasprintf("puts %s Gbps %s on %s, a %s Gbps port", load,
		    el < nconns ? "toward on premises" : "toward AWS", c->name, cap);
	} else {
		size_t k = (el - 2 * nconns) / 2;
		int dir = (int)((el - 2 * nconns) % 2);

		return xasprintf("puts %s Gbps on wan:%s-%s (%s to %s), a %s Gbps "
		    "link", load, d->wans[k].a, d->wans[k].b,
		    dir ? d->wans[k].b : d->wans[k].a,
		    dir ? d->wans[k].a : d->wans[k].b, cap);
	}
}
