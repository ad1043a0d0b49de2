/* The route engine.  See engine.h for the shape; the rules are those of
 * reference/aws-facts.md sections 1-2 as SPEC section 5 states them. */
#include "engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nameidx.h"
#include "strbuf.h"

#define EPS 1e-9
#define NONE32 UINT32_MAX

/* AWS's prefix limits per BGP session (aws-facts 3.1, 3.7): over them the
 * session goes down and the connection carries nothing. */
#define LIMIT_VGW_VPN 100
#define LIMIT_TGW_VPN 1000
#define LIMIT_DX 100

struct cand {
	uint32_t conn;
	uint8_t plen;
	uint8_t rank;       /* route class rank at this gateway, 0 best */
	uint8_t cls;        /* enum engine_class */
	uint8_t lp;         /* DX community: 1 low, 2 medium/untagged, 3 high */
	uint32_t aslen;
	uint32_t first_as;
	uint32_t med;
};

struct dest_info {
	struct prefix prefix;
	uint32_t origin;
	double from_aws;
	uint32_t cand_off, ncand;
};

struct conn_info {
	uint32_t dc;
	uint32_t dev;
	uint32_t name_rank;
	uint8_t type;
	uint8_t routing;
	uint8_t ntun;
	bool enabled[DESIGN_MAX_TUNNELS];
	double tun_gbps[DESIGN_MAX_TUNNELS];
	double dx_gbps;
	int local_pref;
	bool dead;          /* over AWS's IPv4 prefix limit: never up */
	bool dead6;         /* over the IPv6 limit: its IPv6 routes are gone */
	bool ecmp;          /* TGW with ECMP and BGP: tunnels share load */
};

struct comp {
	char *id;
	enum comp_kind kind;
	uint32_t obj;             /* index in the design's array of its kind */
	bool touches_wan;         /* takes a WAN link down */
	uint32_t eff_off, neff;   /* base elements it takes down */
};

/* Compressed lists: for element i, items[off[i] .. off[i+1]). */
struct csr {
	uint32_t *off;
	uint32_t *items;
};

struct u32vec {
	uint32_t *v;
	size_t n, cap;
};

struct engine {
	const struct design *d;
	size_t nconns, ndcs, nwans, ndests, nelems, nbase, ncomps;
	struct conn_info *conns;
	uint32_t *dev_dc;           /* device -> data center */
	struct dest_info *dests;
	struct cand *cands;
	double *dc_to_aws;          /* outbound demand per data center */
	uint32_t *wan_a, *wan_b;
	double *wan_gbps;
	uint32_t *adj_off, *adj_dc, *adj_wan;   /* neighbours by WAN order */
	struct comp *comps;
	uint32_t *effects;
	char **elem_ids;
	/* State of the scenario being evaluated. */
	uint16_t *down;             /* per base element */
	/* AWS endpoint n takes tunnel n of every VPN down: one counter here
	 * rather than one per tunnel (its effects still index the tunnels). */
	int endpoint_down[DESIGN_MAX_TUNNELS];
	size_t wan_down;            /* WAN base elements down */
	/* Shortest-path trees: parent link and distance, per root, per node.
	 * base_* for the intact WAN; cur_* filled on demand when links fail. */
	int32_t *base_parent, *base_dist;
	int32_t *cur_parent, *cur_dist;
	uint32_t *base_order, *cur_order;   /* nodes in BFS order, per root */
	uint32_t *base_nreach, *cur_nreach;
	/* Exits toward AWS: local_pref levels, highest first, and per data
	 * center and level the connections there. */
	int *levels;
	size_t nlevels;
	uint32_t *exit_off, *exit_conn;
	uint32_t *cur_stamp;        /* per root */
	uint32_t stamp;
	uint32_t *bfs_queue;
	/* The baseline and the indexes of who uses what in it. */
	struct engine_result baseline;
	struct engine_result work;          /* baseline + the last scenario */
	struct u32vec undo_dests, undo_dcs, undo_elems;
	struct csr base_dest_users, base_dc_users;  /* base element -> users */
	struct csr base_comps;      /* base element -> components taking it down */
	struct engine_result probe; /* one destination at a time */
	struct csr elem_dest_users, elem_dc_users;  /* load element -> users */
	/* Scratch for incremental evaluation. */
	uint32_t *dest_mark, *dc_mark, *elem_mark;
	uint32_t mark;
	double *dload;
	struct u32vec aff_dests, aff_dcs, touched;
	size_t last_recomputed;
};

static void
vec_push(struct u32vec *v, uint32_t x)
{
	v->v = xgrow(v->v, &v->cap, v->n + 1, sizeof *v->v);
	v->v[v->n++] = x;
}

/* Base elements: what failures switch off. */
static size_t
base_conn(const struct engine *e, size_t c)
{
	(void)e;
	return c;
}

static size_t
base_tun(const struct engine *e, size_t c, int t)
{
	return e->nconns + 2 * c + (size_t)t;
}

static size_t
base_dc(const struct engine *e, size_t j)
{
	return 3 * e->nconns + j;
}

static size_t
base_wan(const struct engine *e, size_t k)
{
	return 3 * e->nconns + e->ndcs + k;
}

static size_t
elem_in(const struct engine *e, size_t c)
{
	(void)e;
	return c;
}

static size_t
elem_out(const struct engine *e, size_t c)
{
	return e->nconns + c;
}

static size_t
elem_wan(const struct engine *e, size_t k, int dir)
{
	return 2 * e->nconns + 2 * k + (size_t)dir;
}

const char *
engine_status_name(enum engine_status s)
{
	switch (s) {
	case ENGINE_OK:
		return "ok";
	case ENGINE_OVERLOADED:
		return "overloaded";
	case ENGINE_UNREACHABLE:
		return "unreachable";
	case ENGINE_BLACKHOLED:
		return "blackholed";
	case ENGINE_ORIGIN_DOWN:
		return "origin-down";
	}
	return "?";
}

const char *
engine_mode_name(enum engine_mode m)
{
	switch (m) {
	case ENGINE_MODE_SINGLE:
		return "single";
	case ENGINE_MODE_ECMP:
		return "ecmp";
	case ENGINE_MODE_ONE_OF:
		return "one-of";
	case ENGINE_MODE_NONE:
		break;
	}
	return "none";
}

/* ---- compiling a design ---------------------------------------------- */

static int
cmp_cand(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;

	if (a->plen != b->plen)
		return a->plen > b->plen ? -1 : 1;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->lp != b->lp)
		return a->lp > b->lp ? -1 : 1;
	if (a->aslen != b->aslen)
		return a->aslen < b->aslen ? -1 : 1;
	return a->conn < b->conn ? -1 : a->conn > b->conn;
}

/* Equal in every step before MED: the same tier of AWS's choice. */
static bool
same_tier(const struct cand *a, const struct cand *b)
{
	return a->plen == b->plen && a->rank == b->rank && a->lp == b->lp &&
	    a->aslen == b->aslen;
}

static uint8_t
class_rank(enum gateway_kind gw, enum engine_class cls)
{
	if (gw == GATEWAY_TGW) {
		/* Static VPN routes, then the DX gateway, then VPN BGP. */
		switch (cls) {
		case ENGINE_CLASS_STATIC:
			return 0;
		case ENGINE_CLASS_DX:
			return 1;
		default:
			return 2;
		}
	}
	switch (cls) {
	case ENGINE_CLASS_DX:
		return 0;
	case ENGINE_CLASS_STATIC:
		return 1;
	default:
		return 2;
	}
}

static uint8_t
lp_level(enum lp_community lp)
{
	switch (lp) {
	case LP_LOW:
		return 1;
	case LP_HIGH:
		return 3;
	case LP_MEDIUM:
	case LP_NONE:
		break;
	}
	return 2;
}

static int
cmp_name_index(const void *pa, const void *pb, void *arg)
{
	const struct design *d = arg;
	const uint32_t *a = pa, *b = pb;

	return strcmp(d->conns[*a].name, d->conns[*b].name);
}

static struct comp *
add_comp(struct engine *e, size_t *cap, enum comp_kind kind, char *id,
    const uint32_t *eff, size_t neff, struct u32vec *effects)
{
	struct comp *c;

	e->comps = xgrow(e->comps, cap, e->ncomps + 1, sizeof *e->comps);
	c = &e->comps[e->ncomps++];
	c->id = id;
	c->kind = kind;
	c->eff_off = (uint32_t)effects->n;
	for (size_t i = 0; i < neff; i++)
		vec_push(effects, eff[i]);
	c->neff = (uint32_t)neff;
	c->obj = 0;
	c->touches_wan = false;
	for (size_t i = 0; i < neff; i++)
		if (eff[i] >= base_wan(e, 0))
			c->touches_wan = true;
	return c;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Effects of a component given by ID, for risk groups (recursive only
 * one level: risk groups cannot hold risk groups). */
static void
effects_of_id(const struct engine *e, const struct u32vec *effects,
    const char *id, struct u32vec *out)
{
	for (size_t i = 0; i < e->ncomps; i++)
		if (strcmp(e->comps[i].id, id) == 0) {
			for (size_t k = 0; k < e->comps[i].neff; k++)
				vec_push(out, effects->v[e->comps[i].eff_off + k]);
			return;
		}
}

struct named {
	const char *name;
	size_t first;
};

static int
cmp_named_name(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->first < y->first ? -1 : x->first > y->first);
}

static int
cmp_named_first(const void *a, const void *b)
{
	const struct named *x = a, *y = b;

	return x->first < y->first ? -1 : x->first > y->first;
}

/* Distinct names of a per-connection attribute, in order of first use:
 * a DX's location or provider, a VPN's device's ISP. */
static size_t
distinct(const struct engine *e, size_t off, enum conn_type type,
    bool by_device_isp, const char ***out)
{
	const struct design *d = e->d;
	struct named *all = xcalloc(d->nconns + 1, sizeof *all);
	const char **names;
	size_t n = 0, u = 0;

	for (size_t i = 0; i < d->nconns; i++) {
		const char *v;

		if (d->conns[i].type != type)
			continue;
		v = by_device_isp ? d->devices[e->conns[i].dev].isp :
		    (const char *)&d->conns[i] + off;
		if (*v != '\0')
			all[n++] = (struct named){ v, i };
	}
	qsort(all, n, sizeof *all, cmp_named_name);
	for (size_t i = 0; i < n; i++)
		if (u == 0 || strcmp(all[u - 1].name, all[i].name) != 0)
			all[u++] = all[i];
	qsort(all, u, sizeof *all, cmp_named_first);
	names = xcalloc(u + 1, sizeof *names);
	for (size_t i = 0; i < u; i++)
		names[i] = all[i].name;
	free(all);
	*out = names;
	return u;
}

/* Connections grouped by a string attribute: off into struct connection,
 * or the device's ISP. */
static void
conns_with(const struct engine *e, size_t off, enum conn_type type,
    bool by_device_isp, const char *value, struct u32vec *out)
{
	const struct design *d = e->d;

	out->n = 0;
	for (size_t c = 0; c < e->nconns; c++) {
		const char *v;

		if (d->conns[c].type != type)
			continue;
		v = by_device_isp ? d->devices[e->conns[c].dev].isp :
		    (const char *)&d->conns[c] + off;
		if (strcmp(v, value) == 0)
			vec_push(out, (uint32_t)base_conn(e, c));
	}
}

static void
build_components(struct engine *e)
{
	const struct design *d = e->d;
	struct u32vec effects = { NULL, 0, 0 }, tmp = { NULL, 0, 0 };
	size_t cap = 0;
	const char **names;
	size_t n;

	for (size_t c = 0; c < e->nconns; c++) {
		uint32_t b = (uint32_t)base_conn(e, c);

		add_comp(e, &cap, COMP_CONNECTION,
		    xasprintf("connection:%s", d->conns[c].name), &b, 1,
		    &effects)->obj = (uint32_t)c;
		for (int t = 0; t < e->conns[c].ntun; t++) {
			b = (uint32_t)base_tun(e, c, t);
			add_comp(e, &cap, COMP_TUNNEL, xasprintf("tunnel:%s/%d",
			    d->conns[c].name, t + 1), &b, 1, &effects)->obj =
			    (uint32_t)c;
		}
	}
	{
		/* Connections by device, in one pass. */
		uint32_t *first = xcalloc(d->ndevices + 1, sizeof *first);
		uint32_t *fill = xcalloc(d->ndevices + 1, sizeof *fill);
		uint32_t *by_dev = xcalloc(e->nconns + 1, sizeof *by_dev);

		for (size_t c = 0; c < e->nconns; c++)
			first[e->conns[c].dev + 1]++;
		for (size_t v = 0; v < d->ndevices; v++)
			first[v + 1] += first[v];
		for (size_t c = 0; c < e->nconns; c++) {
			uint32_t v = e->conns[c].dev;

			by_dev[first[v] + fill[v]++] = (uint32_t)c;
		}
		free(fill);
		for (size_t v = 0; v < d->ndevices; v++) {
			tmp.n = 0;
			for (uint32_t k = first[v]; k < first[v + 1]; k++)
				vec_push(&tmp, (uint32_t)base_conn(e, by_dev[k]));
			add_comp(e, &cap, COMP_DEVICE, xasprintf("device:%s",
			    d->devices[v].name), tmp.v, tmp.n, &effects)->obj =
			    (uint32_t)v;
		}
		free(first);
		free(by_dev);
	}
	for (size_t j = 0; j < e->ndcs; j++) {
		tmp.n = 0;
		vec_push(&tmp, (uint32_t)base_dc(e, j));
		for (size_t c = 0; c < e->nconns; c++)
			if (e->conns[c].dc == j)
				vec_push(&tmp, (uint32_t)base_conn(e, c));
		for (size_t k = 0; k < e->nwans; k++)
			if (e->wan_a[k] == j || e->wan_b[k] == j)
				vec_push(&tmp, (uint32_t)base_wan(e, k));
		add_comp(e, &cap, COMP_DATACENTER, xasprintf("datacenter:%s",
		    d->dcs[j].name), tmp.v, tmp.n, &effects)->obj = (uint32_t)j;
	}
	for (size_t k = 0; k < e->nwans; k++) {
		uint32_t b = (uint32_t)base_wan(e, k);

		add_comp(e, &cap, COMP_WAN, xasprintf("wan:%s-%s", d->wans[k].a,
		    d->wans[k].b), &b, 1, &effects)->obj = (uint32_t)k;
	}
	n = distinct(e, offsetof(struct connection, location), CONN_DX, false,
	    &names);
	for (size_t i = 0; i < n; i++) {
		conns_with(e, offsetof(struct connection, location), CONN_DX, false,
		    names[i], &tmp);
		add_comp(e, &cap, COMP_LOCATION, xasprintf("location:%s",
		    names[i]), tmp.v, tmp.n, &effects);
	}
	free(names);
	n = distinct(e, offsetof(struct connection, provider), CONN_DX, false,
	    &names);
	for (size_t i = 0; i < n; i++) {
		conns_with(e, offsetof(struct connection, provider), CONN_DX, false,
		    names[i], &tmp);
		add_comp(e, &cap, COMP_PROVIDER, xasprintf("provider:%s",
		    names[i]), tmp.v, tmp.n, &effects);
	}
	free(names);
	n = distinct(e, 0, CONN_VPN, true, &names);
	for (size_t i = 0; i < n; i++) {
		conns_with(e, 0, CONN_VPN, true, names[i], &tmp);
		add_comp(e, &cap, COMP_ISP, xasprintf("isp:%s", names[i]), tmp.v,
		    tmp.n, &effects);
	}
	free(names);
	for (int t = 0; t < DESIGN_MAX_TUNNELS; t++) {
		tmp.n = 0;
		for (size_t c = 0; c < e->nconns; c++)
			if (e->conns[c].type == CONN_VPN && e->conns[c].ntun > t)
				vec_push(&tmp, (uint32_t)base_tun(e, c, t));
		add_comp(e, &cap, COMP_AWS_ENDPOINT, xasprintf("aws-endpoint:%d",
		    t + 1), tmp.v, tmp.n, &effects)->obj = (uint32_t)t;
	}
	for (size_t r = 0; r < d->nrisks; r++) {
		tmp.n = 0;
		for (size_t m = 0; m < d->risks[r].nmembers; m++)
			effects_of_id(e, &effects, d->risks[r].members[m], &tmp);
		if (tmp.n > 1)
			qsort(tmp.v, tmp.n, sizeof *tmp.v, cmp_u32);
		n = 0;
		for (size_t i = 0; i < tmp.n; i++)
			if (n == 0 || tmp.v[n - 1] != tmp.v[i])
				tmp.v[n++] = tmp.v[i];
		add_comp(e, &cap, COMP_RISK, xasprintf("risk:%s",
		    d->risks[r].name), tmp.v, n, &effects)->obj = (uint32_t)r;
	}
	e->effects = effects.v;
	free(tmp.v);
}

static void
build_conns(struct engine *e)
{
	const struct design *d = e->d;
	uint32_t *order = xcalloc(e->nconns ? e->nconns : 1, sizeof *order);
	bool tgw = d->vpc.gateway == GATEWAY_TGW;
	struct nameidx devs, dcs;

	nameidx_build(&devs, d->ndevices ? d->devices[0].name : "", d->ndevices,
	    sizeof *d->devices);
	nameidx_build(&dcs, d->ndcs ? d->dcs[0].name : "", d->ndcs,
	    sizeof *d->dcs);
	e->dev_dc = xcalloc(d->ndevices ? d->ndevices : 1, sizeof *e->dev_dc);
	for (size_t v = 0; v < d->ndevices; v++) {
		int j = nameidx_find(&dcs, d->devices[v].dc);

		e->dev_dc[v] = j < 0 ? 0 : (uint32_t)j;
	}
	e->conns = xcalloc(e->nconns ? e->nconns : 1, sizeof *e->conns);
	for (size_t c = 0; c < e->nconns; c++) {
		const struct connection *dc = &d->conns[c];
		struct conn_info *ci = &e->conns[c];
		size_t routes = 0, routes6 = 0;
		int v = nameidx_find(&devs, dc->device);

		order[c] = (uint32_t)c;
		ci->dev = v < 0 ? 0 : (uint32_t)v;
		ci->dc = e->dev_dc[ci->dev];
		ci->type = (uint8_t)dc->type;
		ci->routing = (uint8_t)dc->routing;
		ci->local_pref = dc->local_pref;
		ci->dx_gbps = dc->gbps;
		if (dc->type == CONN_VPN) {
			ci->ntun = (uint8_t)dc->ntunnels;
			for (int t = 0; t < dc->ntunnels; t++) {
				ci->enabled[t] = dc->tunnels[t].enabled;
				ci->tun_gbps[t] = dc->tunnels[t].gbps;
			}
			ci->ecmp = tgw && d->vpc.ecmp && dc->routing == ROUTING_BGP;
		}
		/* The limits are per BGP session, one per address family. */
		for (size_t a = 0; a < dc->nadverts; a++) {
			if (prefix_is_v4(&dc->adverts[a].prefix))
				routes++;
			else if (dc->type == CONN_DX || tgw)
				routes6++;
		}
		if (dc->type == CONN_DX || dc->routing == ROUTING_BGP) {
			size_t limit = dc->type == CONN_DX ? LIMIT_DX :
			    tgw ? LIMIT_TGW_VPN : LIMIT_VGW_VPN;

			/* Without its IPv4 session a connection carries nothing
			 * to the (IPv4) VPC; without the IPv6 one, no IPv6. */
			ci->dead = routes > limit;
			ci->dead6 = routes6 > limit;
		}
	}
	qsort_r(order, e->nconns, sizeof *order, cmp_name_index, (void *)d);
	for (size_t i = 0; i < e->nconns; i++)
		e->conns[order[i]].name_rank = (uint32_t)i;
	free(order);
	nameidx_free(&devs);
	nameidx_free(&dcs);
}

/* A destination's place in address order, for finding what an
 * advertisement covers by binary search rather than by trying them all. */
struct dest_key {
	uint8_t family;
	uint8_t len;
	uint8_t addr[16];
	uint32_t dest;
};

static int
cmp_dest_key(const void *pa, const void *pb)
{
	const struct dest_key *a = pa, *b = pb;
	int c;

	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	c = memcmp(a->addr, b->addr, 16);
	return c < 0 ? -1 : c > 0;
}

/* Last address of a prefix (network with host bits set). */
static void
prefix_last(const struct prefix *p, uint8_t out[16])
{
	for (int i = 0; i < 16; i++)
		out[i] = (uint8_t)(p->c.addr[i] | (uint8_t)~p->c.mask[i]);
}

struct hit {
	uint32_t dest;
	uint32_t conn;
	uint32_t advert;
};

static int
cmp_hit(const void *pa, const void *pb)
{
	const struct hit *a = pa, *b = pb;

	if (a->dest != b->dest)
		return a->dest < b->dest ? -1 : 1;
	if (a->conn != b->conn)
		return a->conn < b->conn ? -1 : 1;
	return a->advert < b->advert ? -1 : a->advert > b->advert;
}

static void
build_dests(struct engine *e)
{
	const struct design *d = e->d;
	size_t n = 0, ccap = 0, ncand = 0, nhits = 0, hitcap = 0;
	bool tgw = d->vpc.gateway == GATEWAY_TGW;
	struct dest_key *keys;
	struct hit *hits = NULL;

	for (size_t j = 0; j < d->ndcs; j++)
		n += d->dcs[j].nprefixes;
	e->ndests = n;
	e->dests = xcalloc(n ? n : 1, sizeof *e->dests);
	e->dc_to_aws = xcalloc(e->ndcs ? e->ndcs : 1, sizeof *e->dc_to_aws);
	keys = xcalloc(n ? n : 1, sizeof *keys);
	n = 0;
	for (size_t j = 0; j < d->ndcs; j++)
		for (size_t p = 0; p < d->dcs[j].nprefixes; p++) {
			struct dest_info *di = &e->dests[n];

			di->prefix = d->dcs[j].prefixes[p];
			di->origin = (uint32_t)j;
			keys[n].family = di->prefix.family;
			keys[n].len = di->prefix.len;
			memcpy(keys[n].addr, di->prefix.c.addr, 16);
			keys[n].dest = (uint32_t)n;
			n++;
		}
	qsort(keys, n, sizeof *keys, cmp_dest_key);
	/* Demands: destinations are exact data center prefixes. */
	for (size_t t = 0; t < d->ntraffic; t++) {
		struct dest_key k = { 0 }, *hit;

		k.family = d->traffic[t].prefix.family;
		memcpy(k.addr, d->traffic[t].prefix.c.addr, 16);
		hit = bsearch(&k, keys, n, sizeof *keys, cmp_dest_key);
		if (hit != NULL && prefix_equal(&e->dests[hit->dest].prefix,
		    &d->traffic[t].prefix)) {
			e->dests[hit->dest].from_aws += d->traffic[t].from_aws;
			e->dc_to_aws[e->dests[hit->dest].origin] +=
			    d->traffic[t].to_aws;
		}
	}
	/* Which destinations each advertisement covers: those whose address
	 * lies in its range (prefixes are nested or disjoint). */
	for (size_t c = 0; c < e->nconns; c++) {
		const struct connection *dc = &d->conns[c];

		for (size_t a = 0; a < dc->nadverts; a++) {
			const struct prefix *ap = &dc->adverts[a].prefix;
			struct dest_key lo = { 0 };
			uint8_t last[16];
			size_t l = 0, h = n;

			if (dc->type == CONN_VPN && !tgw && prefix_is_v6(ap))
				continue;   /* a VGW carries no IPv6 */
			if (prefix_is_v6(ap) && e->conns[c].dead6)
				continue;
			lo.family = ap->family;
			memcpy(lo.addr, ap->c.addr, 16);
			prefix_last(ap, last);
			while (l < h) {
				size_t mid = (l + h) / 2;

				if (cmp_dest_key(&keys[mid], &lo) < 0)
					l = mid + 1;
				else
					h = mid;
			}
			for (size_t k = l; k < n && keys[k].family == ap->family &&
			    memcmp(keys[k].addr, last, 16) <= 0; k++) {
				/* Blocks nest or are disjoint: a destination that
				 * starts inside the advertisement and is no shorter
				 * lies wholly inside it. */
				if (keys[k].len < ap->len)
					continue;
				hits = xgrow(hits, &hitcap, nhits + 1, sizeof *hits);
				hits[nhits++] = (struct hit){ keys[k].dest, (uint32_t)c,
				    (uint32_t)a };
			}
		}
	}
	if (nhits > 1)
		qsort(hits, nhits, sizeof *hits, cmp_hit);
	for (size_t i = 0, h = 0; i < e->ndests; i++) {
		struct dest_info *di = &e->dests[i];
		bool vpc_local = false;

		for (size_t v = 0; v < d->vpc.ncidrs; v++)
			if (prefix_overlaps(&d->vpc.cidrs[v], &di->prefix))
				vpc_local = true;
		di->cand_off = (uint32_t)ncand;
		while (h < nhits && hits[h].dest == i) {
			uint32_t c = hits[h].conn;
			const struct connection *dc = &d->conns[c];
			const struct advert *best = NULL;
			struct cand *k;

			/* One candidate per connection: its longest covering route. */
			for (; h < nhits && hits[h].dest == i && hits[h].conn == c; h++) {
				const struct advert *ad = &dc->adverts[hits[h].advert];

				if (best == NULL || ad->prefix.len > best->prefix.len)
					best = ad;
			}
			/* The VPC's local route wins over anything propagated. */
			if (vpc_local)
				continue;
			e->cands = xgrow(e->cands, &ccap, ncand + 1, sizeof *e->cands);
			k = &e->cands[ncand++];
			memset(k, 0, sizeof *k);
			k->conn = c;
			k->plen = best->prefix.len;
			if (dc->type == CONN_DX)
				k->cls = ENGINE_CLASS_DX;
			else if (dc->routing == ROUTING_STATIC)
				k->cls = ENGINE_CLASS_STATIC;
			else
				k->cls = ENGINE_CLASS_VPN_BGP;
			k->rank = class_rank(d->vpc.gateway, k->cls);
			k->lp = k->cls == ENGINE_CLASS_DX ? lp_level(best->local_pref) : 0;
			k->first_as = d->devices[e->conns[c].dev].asn;
			k->aslen = k->cls == ENGINE_CLASS_STATIC ? 0 :
			    1 + (uint32_t)best->prepend;
			k->med = best->has_med ? best->med : 0;
		}
		di->ncand = (uint32_t)ncand - di->cand_off;
		if (di->ncand > 1)
			qsort(e->cands + di->cand_off, di->ncand, sizeof *e->cands,
			    cmp_cand);
	}
	free(hits);
	free(keys);
}

static void
build_wan(struct engine *e)
{
	const struct design *d = e->d;
	size_t nn = e->ndcs * e->ndcs;
	uint32_t *deg = xcalloc(e->ndcs + 1, sizeof *deg);

	e->wan_a = xcalloc(e->nwans ? e->nwans : 1, sizeof *e->wan_a);
	e->wan_b = xcalloc(e->nwans ? e->nwans : 1, sizeof *e->wan_b);
	e->wan_gbps = xcalloc(e->nwans ? e->nwans : 1, sizeof *e->wan_gbps);
	struct nameidx dcs;

	nameidx_build(&dcs, d->ndcs ? d->dcs[0].name : "", d->ndcs,
	    sizeof *d->dcs);
	for (size_t k = 0; k < e->nwans; k++) {
		e->wan_a[k] = (uint32_t)nameidx_find(&dcs, d->wans[k].a);
		e->wan_b[k] = (uint32_t)nameidx_find(&dcs, d->wans[k].b);
		e->wan_gbps[k] = d->wans[k].gbps;
		deg[e->wan_a[k]]++;
		deg[e->wan_b[k]]++;
	}
	nameidx_free(&dcs);
	e->adj_off = xcalloc(e->ndcs + 1, sizeof *e->adj_off);
	for (size_t j = 0; j < e->ndcs; j++)
		e->adj_off[j + 1] = e->adj_off[j] + deg[j];
	e->adj_dc = xcalloc(2 * e->nwans + 1, sizeof *e->adj_dc);
	e->adj_wan = xcalloc(2 * e->nwans + 1, sizeof *e->adj_wan);
	memset(deg, 0, (e->ndcs + 1) * sizeof *deg);
	for (size_t k = 0; k < e->nwans; k++) {
		uint32_t a = e->wan_a[k], b = e->wan_b[k];

		e->adj_dc[e->adj_off[a] + deg[a]] = b;
		e->adj_wan[e->adj_off[a] + deg[a]++] = (uint32_t)k;
		e->adj_dc[e->adj_off[b] + deg[b]] = a;
		e->adj_wan[e->adj_off[b] + deg[b]++] = (uint32_t)k;
	}
	free(deg);
	e->base_parent = xcalloc(nn ? nn : 1, sizeof *e->base_parent);
	e->base_dist = xcalloc(nn ? nn : 1, sizeof *e->base_dist);
	e->cur_parent = xcalloc(nn ? nn : 1, sizeof *e->cur_parent);
	e->cur_dist = xcalloc(nn ? nn : 1, sizeof *e->cur_dist);
	e->cur_stamp = xcalloc(e->ndcs ? e->ndcs : 1, sizeof *e->cur_stamp);
	e->base_order = xcalloc(nn ? nn : 1, sizeof *e->base_order);
	e->cur_order = xcalloc(nn ? nn : 1, sizeof *e->cur_order);
	e->base_nreach = xcalloc(e->ndcs ? e->ndcs : 1, sizeof *e->base_nreach);
	e->cur_nreach = xcalloc(e->ndcs ? e->ndcs : 1, sizeof *e->cur_nreach);
	e->bfs_queue = xcalloc(e->ndcs ? e->ndcs : 1, sizeof *e->bfs_queue);
}

/* Breadth-first tree of working WAN links from root: fewest hops, ties
 * broken by the links' order in the file, so the choice is stable. */
static void
bfs(struct engine *e, uint32_t root, int32_t *parent, int32_t *dist,
    uint32_t *order, uint32_t *nreach)
{
	size_t head = 0, tail = 0;

	for (size_t j = 0; j < e->ndcs; j++) {
		parent[j] = -1;
		dist[j] = -1;
	}
	dist[root] = 0;
	e->bfs_queue[tail++] = root;
	while (head < tail) {
		uint32_t u = e->bfs_queue[head++];

		for (uint32_t i = e->adj_off[u]; i < e->adj_off[u + 1]; i++) {
			uint32_t v = e->adj_dc[i], k = e->adj_wan[i];

			if (dist[v] >= 0 || e->down[base_wan(e, k)])
				continue;
			dist[v] = dist[u] + 1;
			parent[v] = (int32_t)k;
			e->bfs_queue[tail++] = v;
		}
	}
	memcpy(order, e->bfs_queue, tail * sizeof *order);
	*nreach = (uint32_t)tail;
}

/* The tree rooted at a data center under the current failures, and the
 * data centers it reaches in order of distance. */
static void
tree(struct engine *e, uint32_t root, const int32_t **parent,
    const int32_t **dist, const uint32_t **order, uint32_t *nreach)
{
	size_t off = (size_t)root * e->ndcs;

	if (e->wan_down == 0) {
		*parent = e->base_parent + off;
		*dist = e->base_dist + off;
		*order = e->base_order + off;
		*nreach = e->base_nreach[root];
		return;
	}
	if (e->cur_stamp[root] != e->stamp) {
		bfs(e, root, e->cur_parent + off, e->cur_dist + off,
		    e->cur_order + off, &e->cur_nreach[root]);
		e->cur_stamp[root] = e->stamp;
	}
	*parent = e->cur_parent + off;
	*dist = e->cur_dist + off;
	*order = e->cur_order + off;
	*nreach = e->cur_nreach[root];
}

/* ---- state ----------------------------------------------------------- */

static void
apply(struct engine *e, const size_t *failed, size_t n, int sign)
{
	size_t wan0 = base_wan(e, 0);
	bool wan = false;

	for (size_t i = 0; i < n; i++) {
		const struct comp *c = &e->comps[failed[i]];
		const uint32_t *eff = e->effects + c->eff_off;

		if (c->kind == COMP_AWS_ENDPOINT) {
			e->endpoint_down[c->obj] += sign;
			continue;
		}
		for (size_t k = 0; k < c->neff; k++)
			e->down[eff[k]] = (uint16_t)(e->down[eff[k]] + sign);
		if (c->touches_wan) {
			for (size_t k = 0; k < c->neff; k++)
				if (eff[k] >= wan0)
					e->wan_down = (size_t)((long)e->wan_down + sign);
			wan = true;
		}
	}
	/* Trees computed under another WAN state are stale. */
	if (wan)
		e->stamp++;
}

static int
tunnels_up(const struct engine *e, size_t c)
{
	const struct conn_info *ci = &e->conns[c];
	int n = 0;

	for (int t = 0; t < ci->ntun; t++)
		if (ci->enabled[t] && e->down[base_tun(e, c, t)] == 0 &&
		    e->endpoint_down[t] == 0)
			n++;
	return n;
}

static bool
conn_up(const struct engine *e, size_t c)
{
	const struct conn_info *ci = &e->conns[c];

	if (ci->dead || e->down[base_conn(e, c)] || e->down[base_dc(e, ci->dc)])
		return false;
	return ci->type == CONN_DX || tunnels_up(e, c) > 0;
}

/* What a connection carries in each direction: a DX its port; a VPN one
 * tunnel (AWS and most customer gateways use one at a time; the worst
 * case when tunnels differ), or every working tunnel under TGW ECMP. */
static double
conn_capacity(const struct engine *e, size_t c)
{
	const struct conn_info *ci = &e->conns[c];
	double sum = 0, min = 0;

	if (!conn_up(e, c))
		return 0;
	if (ci->type == CONN_DX)
		return ci->dx_gbps;
	for (int t = 0; t < ci->ntun; t++)
		if (ci->enabled[t] && e->down[base_tun(e, c, t)] == 0 &&
		    e->endpoint_down[t] == 0) {
			sum += ci->tun_gbps[t];
			if (min == 0 || ci->tun_gbps[t] < min)
				min = ci->tun_gbps[t];
		}
	return ci->ecmp ? sum : min;
}

static double
elem_capacity(const struct engine *e, size_t elem)
{
	size_t k;

	if (elem < 2 * e->nconns)
		return conn_capacity(e, elem % e->nconns);
	k = (elem - 2 * e->nconns) / 2;
	return e->down[base_wan(e, k)] ? 0 : e->wan_gbps[k];
}

/* ---- results ---------------------------------------------------------- */

void
engine_result_init(struct engine_result *r)
{
	memset(r, 0, sizeof *r);
}

void
engine_result_free(struct engine_result *r)
{
	free(r->dests);
	free(r->dcs);
	free(r->load);
	free(r->capacity);
	free(r->pool);
	free(r->apool);
	memset(r, 0, sizeof *r);
}

static void
result_size(const struct engine *e, struct engine_result *r)
{
	if (r->ndests != e->ndests || r->dests == NULL) {
		free(r->dests);
		r->dests = xcalloc(e->ndests ? e->ndests : 1, sizeof *r->dests);
		r->ndests = e->ndests;
	}
	if (r->ndcs != e->ndcs || r->dcs == NULL) {
		free(r->dcs);
		r->dcs = xcalloc(e->ndcs ? e->ndcs : 1, sizeof *r->dcs);
		r->ndcs = e->ndcs;
	}
	if (r->nelems != e->nelems || r->load == NULL) {
		free(r->load);
		free(r->capacity);
		r->load = xcalloc(e->nelems ? e->nelems : 1, sizeof *r->load);
		r->capacity = xcalloc(e->nelems ? e->nelems : 1,
		    sizeof *r->capacity);
		r->nelems = e->nelems;
	}
	r->npool = 0;
	r->bad = 0;
}

static uint32_t
pool_push(struct engine_result *r, uint32_t v, double amount)
{
	if (r->npool + 1 > r->poolcap) {
		size_t cap = r->poolcap;

		r->pool = xgrow(r->pool, &cap, r->npool + 1, sizeof *r->pool);
		r->apool = xrealloc(r->apool, cap * sizeof *r->apool);
		r->poolcap = cap;
	}
	r->pool[r->npool] = v;
	r->apool[r->npool] = amount;
	return (uint32_t)r->npool++;
}

/* Add a load element to a result's current list, merging repeats. */
static void
add_elem(struct engine_result *r, uint32_t off, uint32_t *n, uint32_t elem,
    double amount)
{
	for (uint32_t i = 0; i < *n; i++)
		if (r->pool[off + i] == elem) {
			r->apool[off + i] += amount;
			return;
		}
	pool_push(r, elem, amount);
	(*n)++;
}

static int
cmp_rank(const void *pa, const void *pb, void *arg)
{
	const struct engine *e = arg;
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;

	return e->conns[a].name_rank < e->conns[b].name_rank ? -1 :
	    e->conns[a].name_rank > e->conns[b].name_rank;
}

/* Walk the tree rooted at root from node back to the root, adding each
 * link in the direction the traffic flows.  toward_root: traffic moves
 * from node to root (to on premises); else from root to node. */
static void
add_wan_path(struct engine *e, struct engine_result *r, uint32_t off,
    uint32_t *n, const int32_t *parent, uint32_t node, uint32_t root,
    bool toward_root, double amount)
{
	while (node != root) {
		uint32_t k = (uint32_t)parent[node];
		uint32_t next = e->wan_a[k] == node ? e->wan_b[k] : e->wan_a[k];
		uint32_t from = toward_root ? node : next;
		int dir = e->wan_a[k] == from ? 0 : 1;

		add_elem(r, off, n, (uint32_t)elem_wan(e, k, dir), amount);
		node = next;
	}
}

/* AWS -> on premises for one destination: the route AWS chooses, where
 * the traffic enters, and its way across the WAN.  Loads are not applied
 * here; status is ok, unreachable, blackholed or origin-down. */
static void
select_dest(struct engine *e, size_t i, struct engine_result *r)
{
	const struct dest_info *di = &e->dests[i];
	struct engine_dest *out = &r->dests[i];
	const struct cand *c = e->cands + di->cand_off, *best = NULL;
	uint32_t tier[64], *chosen = tier, nchosen = 0, cap = 64;
	const int32_t *parent, *dist;
	const uint32_t *order;
	uint32_t nreach;
	int total_tun = 0;
	bool mixed_as = false;

	memset(out, 0, sizeof *out);
	out->blackhole_dc = -1;
	out->gbps = di->from_aws;
	out->via_off = out->entry_off = out->elem_off = (uint32_t)r->npool;
	if (e->down[base_dc(e, di->origin)]) {
		out->status = ENGINE_ORIGIN_DOWN;
		return;
	}
	for (uint32_t k = 0; k < di->ncand; k++) {
		if (!conn_up(e, c[k].conn))
			continue;
		if (best == NULL)
			best = &c[k];
		else if (!same_tier(best, &c[k]))
			break;
		if (nchosen == cap) {
			uint32_t *bigger = xcalloc(2 * (size_t)cap, sizeof *bigger);

			memcpy(bigger, chosen, cap * sizeof *chosen);
			if (chosen != tier)
				free(chosen);
			chosen = bigger;
			cap *= 2;
		}
		chosen[nchosen++] = k;
	}
	if (best == NULL) {
		out->status = ENGINE_UNREACHABLE;
		return;
	}
	out->cls = best->cls;
	out->plen = best->plen;
	if (best->cls == ENGINE_CLASS_VPN_BGP && nchosen > 1) {
		/* Lowest MED among paths whose first AS is the same. */
		uint32_t kept = 0;

		for (uint32_t a = 0; a < nchosen; a++) {
			const struct cand *x = &c[chosen[a]];
			bool beaten = false;

			for (uint32_t b = 0; b < nchosen && !beaten; b++) {
				const struct cand *y = &c[chosen[b]];

				if (y->first_as == x->first_as && y->med < x->med)
					beaten = true;
			}
			if (!beaten)
				chosen[kept++] = chosen[a];
		}
		nchosen = kept;
	}
	for (uint32_t a = 0; a < nchosen; a++) {
		if (c[chosen[a]].first_as != c[chosen[0]].first_as)
			mixed_as = true;
		total_tun += e->conns[c[chosen[a]].conn].type == CONN_VPN ?
		    tunnels_up(e, c[chosen[a]].conn) : 1;
	}
	if (best->cls == ENGINE_CLASS_DX)
		out->mode = nchosen > 1 ? ENGINE_MODE_ECMP : ENGINE_MODE_SINGLE;
	else if (best->cls == ENGINE_CLASS_VPN_BGP && e->conns[best->conn].ecmp &&
	    !mixed_as)
		out->mode = total_tun > 1 ? ENGINE_MODE_ECMP : ENGINE_MODE_SINGLE;
	else
		out->mode = nchosen > 1 ? ENGINE_MODE_ONE_OF : ENGINE_MODE_SINGLE;
	/* via, sorted by connection name */
	out->via_off = (uint32_t)r->npool;
	for (uint32_t a = 0; a < nchosen; a++)
		pool_push(r, c[chosen[a]].conn, 0);
	out->nvia = nchosen;
	qsort_r(r->pool + out->via_off, nchosen, sizeof *r->pool, cmp_rank, e);
	/* entries: the data centers of the chosen connections */
	out->entry_off = (uint32_t)r->npool;
	for (uint32_t a = 0; a < nchosen; a++) {
		uint32_t dc = e->conns[r->pool[out->via_off + a]].dc;
		bool seen = false;

		for (uint32_t b = 0; b < out->nentry && !seen; b++)
			seen = r->pool[out->entry_off + b] == dc;
		if (!seen) {
			pool_push(r, dc, 0);
			out->nentry++;
		}
	}
	/* load elements: each connection's share, then the WAN paths */
	tree(e, di->origin, &parent, &dist, &order, &nreach);
	out->elem_off = (uint32_t)r->npool;
	for (uint32_t a = 0; a < nchosen; a++) {
		uint32_t conn = r->pool[out->via_off + a];
		uint32_t dc = e->conns[conn].dc;
		double share;

		if (out->mode == ENGINE_MODE_ECMP && e->conns[conn].type == CONN_VPN)
			share = di->from_aws * tunnels_up(e, conn) / total_tun;
		else if (out->mode == ENGINE_MODE_ECMP)
			share = di->from_aws / nchosen;
		else
			share = di->from_aws;   /* single, or one-of: worst case */
		add_elem(r, out->elem_off, &out->nelem, (uint32_t)elem_in(e, conn),
		    share);
		if (dist[dc] < 0) {
			if (out->blackhole_dc < 0)
				out->blackhole_dc = (int32_t)dc;
			continue;
		}
		add_wan_path(e, r, out->elem_off, &out->nelem, parent, dc,
		    di->origin, true, share);
	}
	out->status = out->blackhole_dc >= 0 ? ENGINE_BLACKHOLED : ENGINE_OK;
	if (chosen != tier)
		free(chosen);
}

/* On premises -> AWS for one data center: the highest local_pref, then
 * the fewest WAN hops, then every equal exit (ECMP).  Data centers are
 * visited nearest first, so the search stops at the first layer that has
 * a working exit of the best level. */
static void
select_dc(struct engine *e, size_t j, struct engine_result *r)
{
	struct engine_dc *out = &r->dcs[j];
	const int32_t *parent, *dist;
	const uint32_t *order;
	uint32_t nreach;
	int32_t best_hops = -1;
	double share;

	memset(out, 0, sizeof *out);
	out->gbps = e->dc_to_aws[j];
	out->via_off = out->elem_off = (uint32_t)r->npool;
	if (e->down[base_dc(e, j)]) {
		out->status = ENGINE_ORIGIN_DOWN;
		return;
	}
	tree(e, (uint32_t)j, &parent, &dist, &order, &nreach);
	for (size_t l = 0; l < e->nlevels && best_hops < 0; l++)
		for (uint32_t k = 0; k < nreach; k++) {
			uint32_t u = order[k];
			size_t cell = (size_t)u * e->nlevels + l;

			if (best_hops >= 0 && dist[u] > best_hops)
				break;
			for (uint32_t x = e->exit_off[cell]; x < e->exit_off[cell + 1];
			    x++)
				if (conn_up(e, e->exit_conn[x])) {
					pool_push(r, e->exit_conn[x], 0);
					out->nvia++;
					best_hops = dist[u];
				}
		}
	if (best_hops < 0) {
		out->status = ENGINE_UNREACHABLE;
		return;
	}
	qsort_r(r->pool + out->via_off, out->nvia, sizeof *r->pool, cmp_rank, e);
	out->hops = (uint16_t)best_hops;
	out->mode = out->nvia > 1 ? ENGINE_MODE_ECMP : ENGINE_MODE_SINGLE;
	share = out->gbps / out->nvia;
	out->elem_off = (uint32_t)r->npool;
	for (uint32_t a = 0; a < out->nvia; a++) {
		uint32_t conn = r->pool[out->via_off + a];

		add_elem(r, out->elem_off, &out->nelem,
		    (uint32_t)elem_out(e, conn), share);
		add_wan_path(e, r, out->elem_off, &out->nelem, parent,
		    e->conns[conn].dc, (uint32_t)j, false, share);
	}
	out->status = ENGINE_OK;
}

static int
cmp_int_desc(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x > y ? -1 : x < y;
}

static size_t
level_cell(const struct engine *e, size_t c)
{
	size_t l = 0;

	while (e->levels[l] != e->conns[c].local_pref)
		l++;
	return (size_t)e->conns[c].dc * e->nlevels + l;
}

/* Exits grouped by data center and local_pref level. */
static void
build_exits(struct engine *e)
{
	size_t ncell, *fill;

	e->levels = xcalloc(e->nconns + 1, sizeof *e->levels);
	for (size_t c = 0; c < e->nconns; c++)
		e->levels[c] = e->conns[c].local_pref;
	qsort(e->levels, e->nconns, sizeof *e->levels, cmp_int_desc);
	e->nlevels = 0;
	for (size_t c = 0; c < e->nconns; c++)
		if (e->nlevels == 0 || e->levels[e->nlevels - 1] != e->levels[c])
			e->levels[e->nlevels++] = e->levels[c];
	ncell = e->ndcs * e->nlevels;
	e->exit_off = xcalloc(ncell + 1, sizeof *e->exit_off);
	e->exit_conn = xcalloc(e->nconns + 1, sizeof *e->exit_conn);
	fill = xcalloc(ncell + 1, sizeof *fill);
	for (size_t c = 0; c < e->nconns; c++)
		e->exit_off[level_cell(e, c) + 1]++;
	for (size_t i = 0; i < ncell; i++)
		e->exit_off[i + 1] += e->exit_off[i];
	for (size_t c = 0; c < e->nconns; c++) {
		size_t cell = level_cell(e, c);

		e->exit_conn[e->exit_off[cell] + fill[cell]++] = (uint32_t)c;
	}
	free(fill);
}

static bool
is_bad(uint8_t status)
{
	return status != ENGINE_OK && status != ENGINE_ORIGIN_DOWN;
}

/* Does anything on this path carry more than it can? */
static bool
path_over(const struct engine_result *r, uint32_t off, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		uint32_t el = r->pool[off + i];

		if (r->load[el] > r->capacity[el] + EPS)
			return true;
	}
	return false;
}

/* A result that reached its destination is ok or overloaded by the loads
 * now in r; any other status stands. */
static uint8_t
load_verdict(const struct engine_result *r, uint8_t status, uint32_t off,
    uint32_t n)
{
	if (status != ENGINE_OK && status != ENGINE_OVERLOADED)
		return status;
	return path_over(r, off, n) ? ENGINE_OVERLOADED : ENGINE_OK;
}

static void
finish_statuses(struct engine_result *r)
{
	r->bad = 0;
	for (size_t i = 0; i < r->ndests; i++) {
		struct engine_dest *x = &r->dests[i];

		x->status = load_verdict(r, x->status, x->elem_off, x->nelem);
		r->bad += is_bad(x->status);
	}
	for (size_t j = 0; j < r->ndcs; j++) {
		struct engine_dc *x = &r->dcs[j];

		x->status = load_verdict(r, x->status, x->elem_off, x->nelem);
		r->bad += is_bad(x->status);
	}
}

static void
eval_all(struct engine *e, struct engine_result *r)
{
	result_size(e, r);
	memset(r->load, 0, e->nelems * sizeof *r->load);
	for (size_t el = 0; el < e->nelems; el++)
		r->capacity[el] = elem_capacity(e, el);
	for (size_t i = 0; i < e->ndests; i++) {
		select_dest(e, i, r);
		for (uint32_t k = 0; k < r->dests[i].nelem; k++)
			r->load[r->pool[r->dests[i].elem_off + k]] +=
			    r->apool[r->dests[i].elem_off + k];
	}
	for (size_t j = 0; j < e->ndcs; j++) {
		select_dc(e, j, r);
		for (uint32_t k = 0; k < r->dcs[j].nelem; k++)
			r->load[r->pool[r->dcs[j].elem_off + k]] +=
			    r->apool[r->dcs[j].elem_off + k];
	}
	finish_statuses(r);
}

void
engine_eval_full(struct engine *e, const size_t *failed, size_t n,
    struct engine_result *out)
{
	apply(e, failed, n, 1);
	eval_all(e, out);
	apply(e, failed, n, -1);
	e->last_recomputed = e->ndests + e->ndcs;
}

/* ---- the baseline's indexes ------------------------------------------ */

static void
csr_build(struct csr *m, size_t nkeys, const struct u32vec *keys,
    const struct u32vec *vals)
{
	uint32_t *fill;

	m->off = xcalloc(nkeys + 1, sizeof *m->off);
	m->items = xcalloc(vals->n ? vals->n : 1, sizeof *m->items);
	for (size_t i = 0; i < keys->n; i++)
		m->off[keys->v[i] + 1]++;
	for (size_t i = 0; i < nkeys; i++)
		m->off[i + 1] += m->off[i];
	fill = xcalloc(nkeys + 1, sizeof *fill);
	for (size_t i = 0; i < keys->n; i++) {
		uint32_t k = keys->v[i];

		m->items[m->off[k] + fill[k]++] = vals->v[i];
	}
	free(fill);
}

static void
csr_free(struct csr *m)
{
	free(m->off);
	free(m->items);
}

/* Base elements a result's via and path depend on. */
static void
uses(const struct engine *e, const struct engine_result *r, uint32_t via_off,
    uint32_t nvia, uint32_t elem_off, uint32_t nelem, uint32_t home,
    uint32_t who, struct u32vec *keys, struct u32vec *vals)
{
	vec_push(keys, (uint32_t)base_dc(e, home));
	vec_push(vals, who);
	for (uint32_t a = 0; a < nvia; a++) {
		uint32_t c = r->pool[via_off + a];

		vec_push(keys, (uint32_t)base_conn(e, c));
		vec_push(vals, who);
		for (int t = 0; t < e->conns[c].ntun; t++) {
			vec_push(keys, (uint32_t)base_tun(e, c, t));
			vec_push(vals, who);
		}
	}
	for (uint32_t a = 0; a < nelem; a++) {
		uint32_t el = r->pool[elem_off + a];

		if (el >= 2 * e->nconns) {
			vec_push(keys, (uint32_t)base_wan(e, (el - 2 * e->nconns) / 2));
			vec_push(vals, who);
		}
	}
}

static void
build_indexes(struct engine *e)
{
	const struct engine_result *r = &e->baseline;
	struct u32vec k1 = { 0 }, v1 = { 0 }, k2 = { 0 }, v2 = { 0 };

	for (size_t i = 0; i < e->ndests; i++) {
		const struct engine_dest *x = &r->dests[i];

		uses(e, r, x->via_off, x->nvia, x->elem_off, x->nelem,
		    e->dests[i].origin, (uint32_t)i, &k1, &v1);
		for (uint32_t a = 0; a < x->nelem; a++) {
			vec_push(&k2, r->pool[x->elem_off + a]);
			vec_push(&v2, (uint32_t)i);
		}
	}
	csr_build(&e->base_dest_users, e->nbase, &k1, &v1);
	csr_build(&e->elem_dest_users, e->nelems, &k2, &v2);
	k1.n = v1.n = k2.n = v2.n = 0;
	for (size_t j = 0; j < e->ndcs; j++) {
		const struct engine_dc *x = &r->dcs[j];

		uses(e, r, x->via_off, x->nvia, x->elem_off, x->nelem, (uint32_t)j,
		    (uint32_t)j, &k1, &v1);
		for (uint32_t a = 0; a < x->nelem; a++) {
			vec_push(&k2, r->pool[x->elem_off + a]);
			vec_push(&v2, (uint32_t)j);
		}
	}
	csr_build(&e->base_dc_users, e->nbase, &k1, &v1);
	csr_build(&e->elem_dc_users, e->nelems, &k2, &v2);
	free(k1.v);
	free(v1.v);
	free(k2.v);
	free(v2.v);
}

/* ---- incremental evaluation ----------------------------------------- */

static void
touch(struct engine *e, uint32_t el)
{
	if (e->elem_mark[el] != e->mark) {
		e->elem_mark[el] = e->mark;
		e->dload[el] = 0;
		vec_push(&e->touched, el);
	}
}

static void
collect_affected(struct engine *e, const size_t *failed, size_t n)
{
	e->mark++;
	e->aff_dests.n = e->aff_dcs.n = e->touched.n = 0;
	for (size_t f = 0; f < n; f++) {
		const struct comp *c = &e->comps[failed[f]];

		for (size_t k = 0; k < c->neff; k++) {
			uint32_t b = e->effects[c->eff_off + k];
			const struct csr *du = &e->base_dest_users;
			const struct csr *cu = &e->base_dc_users;

			for (uint32_t i = du->off[b]; i < du->off[b + 1]; i++) {
				uint32_t d = du->items[i];

				if (e->dest_mark[d] != e->mark) {
					e->dest_mark[d] = e->mark;
					vec_push(&e->aff_dests, d);
				}
			}
			for (uint32_t i = cu->off[b]; i < cu->off[b + 1]; i++) {
				uint32_t j = cu->items[i];

				if (e->dc_mark[j] != e->mark) {
					e->dc_mark[j] = e->mark;
					vec_push(&e->aff_dcs, j);
				}
			}
			/* A failed connection or tunnel changes capacity. */
			if (b < 3 * e->nconns) {
				uint32_t conn = b < e->nconns ? b : (b - e->nconns) / 2;

				touch(e, (uint32_t)elem_in(e, conn));
				touch(e, (uint32_t)elem_out(e, conn));
			} else if (b >= base_wan(e, 0)) {
				uint32_t w = (uint32_t)(b - base_wan(e, 0));

				touch(e, (uint32_t)elem_wan(e, w, 0));
				touch(e, (uint32_t)elem_wan(e, w, 1));
			}
		}
	}
}

static void
result_copy(struct engine_result *dst, const struct engine_result *src)
{
	dst->ndests = src->ndests;
	dst->ndcs = src->ndcs;
	dst->nelems = src->nelems;
	free(dst->dests);
	free(dst->dcs);
	free(dst->load);
	free(dst->capacity);
	dst->dests = xcalloc(src->ndests ? src->ndests : 1, sizeof *dst->dests);
	dst->dcs = xcalloc(src->ndcs ? src->ndcs : 1, sizeof *dst->dcs);
	dst->load = xcalloc(src->nelems ? src->nelems : 1, sizeof *dst->load);
	dst->capacity = xcalloc(src->nelems ? src->nelems : 1,
	    sizeof *dst->capacity);
	memcpy(dst->dests, src->dests, src->ndests * sizeof *dst->dests);
	memcpy(dst->dcs, src->dcs, src->ndcs * sizeof *dst->dcs);
	memcpy(dst->load, src->load, src->nelems * sizeof *dst->load);
	memcpy(dst->capacity, src->capacity, src->nelems * sizeof *dst->capacity);
	if (dst->poolcap < src->npool) {
		dst->pool = xrealloc(dst->pool, src->npool * sizeof *dst->pool);
		dst->apool = xrealloc(dst->apool, src->npool * sizeof *dst->apool);
		dst->poolcap = src->npool;
	}
	if (src->npool > 0) {
		memcpy(dst->pool, src->pool, src->npool * sizeof *dst->pool);
		memcpy(dst->apool, src->apool, src->npool * sizeof *dst->apool);
	}
	dst->npool = src->npool;
	dst->bad = src->bad;
}

/* Put the working result back to the baseline: only what the previous
 * scenario changed, so a scenario costs what it touches. */
static void
work_revert(struct engine *e)
{
	const struct engine_result *b = &e->baseline;
	struct engine_result *w = &e->work;

	for (size_t a = 0; a < e->undo_dests.n; a++)
		w->dests[e->undo_dests.v[a]] = b->dests[e->undo_dests.v[a]];
	for (size_t a = 0; a < e->undo_dcs.n; a++)
		w->dcs[e->undo_dcs.v[a]] = b->dcs[e->undo_dcs.v[a]];
	for (size_t a = 0; a < e->undo_elems.n; a++) {
		uint32_t el = e->undo_elems.v[a];

		w->load[el] = b->load[el];
		w->capacity[el] = b->capacity[el];
	}
	e->undo_dests.n = e->undo_dcs.n = e->undo_elems.n = 0;
	w->npool = b->npool;
	w->bad = b->bad;
}

/* Take a result's loads off (sign -1) or put them on (+1) the scenario's
 * load differences. */
static void
shift_load(struct engine *e, const struct engine_result *r, uint32_t off,
    uint32_t n, int sign)
{
	for (uint32_t k = 0; k < n; k++) {
		uint32_t el = r->pool[off + k];

		touch(e, el);
		e->dload[el] += sign * r->apool[off + k];
	}
}

/* Recompute what the failures touch in the working result, fix the loads
 * by difference and re-check overload wherever a load or capacity moved. */
static void
eval_incremental(struct engine *e)
{
	const struct engine_result *b = &e->baseline;
	struct engine_result *out = &e->work;

	work_revert(e);
	for (size_t a = 0; a < e->aff_dests.n; a++) {
		uint32_t i = e->aff_dests.v[a];
		const struct engine_dest *old = &b->dests[i];

		vec_push(&e->undo_dests, i);
		out->bad -= is_bad(old->status);
		shift_load(e, b, old->elem_off, old->nelem, -1);
		select_dest(e, i, out);
		shift_load(e, out, out->dests[i].elem_off, out->dests[i].nelem, 1);
	}
	for (size_t a = 0; a < e->aff_dcs.n; a++) {
		uint32_t j = e->aff_dcs.v[a];
		const struct engine_dc *old = &b->dcs[j];

		vec_push(&e->undo_dcs, j);
		out->bad -= is_bad(old->status);
		shift_load(e, b, old->elem_off, old->nelem, -1);
		select_dc(e, j, out);
		shift_load(e, out, out->dcs[j].elem_off, out->dcs[j].nelem, 1);
	}
	for (size_t t = 0; t < e->touched.n; t++) {
		uint32_t el = e->touched.v[t];

		vec_push(&e->undo_elems, el);
		out->load[el] = b->load[el] + e->dload[el];
		if (out->load[el] < EPS && out->load[el] > -EPS)
			out->load[el] = 0;
		out->capacity[el] = elem_capacity(e, el);
	}
	/* Recomputed results get their overload verdict... */
	for (size_t a = 0; a < e->aff_dests.n; a++) {
		struct engine_dest *x = &out->dests[e->aff_dests.v[a]];

		x->status = load_verdict(out, x->status, x->elem_off, x->nelem);
		out->bad += is_bad(x->status);
	}
	for (size_t a = 0; a < e->aff_dcs.n; a++) {
		struct engine_dc *x = &out->dcs[e->aff_dcs.v[a]];

		x->status = load_verdict(out, x->status, x->elem_off, x->nelem);
		out->bad += is_bad(x->status);
	}
	/* ...and so does everyone else crossing an element that moved. */
	for (size_t t = 0; t < e->touched.n; t++) {
		uint32_t el = e->touched.v[t];
		const struct csr *du = &e->elem_dest_users, *cu = &e->elem_dc_users;

		for (uint32_t k = du->off[el]; k < du->off[el + 1]; k++) {
			uint32_t i = du->items[k];
			struct engine_dest *x = &out->dests[i];
			uint8_t s;

			if (e->dest_mark[i] == e->mark)
				continue;
			s = load_verdict(out, x->status, x->elem_off, x->nelem);
			if (s != x->status) {
				vec_push(&e->undo_dests, i);
				out->bad += is_bad(s) - is_bad(x->status);
				x->status = s;
			}
		}
		for (uint32_t k = cu->off[el]; k < cu->off[el + 1]; k++) {
			uint32_t j = cu->items[k];
			struct engine_dc *x = &out->dcs[j];
			uint8_t s;

			if (e->dc_mark[j] == e->mark)
				continue;
			s = load_verdict(out, x->status, x->elem_off, x->nelem);
			if (s != x->status) {
				vec_push(&e->undo_dcs, j);
				out->bad += is_bad(s) - is_bad(x->status);
				x->status = s;
			}
		}
	}
	e->last_recomputed = e->aff_dests.n + e->aff_dcs.n;
}

const struct engine_result *
engine_eval_view(struct engine *e, const size_t *failed, size_t n)
{
	apply(e, failed, n, 1);
	collect_affected(e, failed, n);
	eval_incremental(e);
	apply(e, failed, n, -1);
	return &e->work;
}

void
engine_eval(struct engine *e, const size_t *failed, size_t n,
    struct engine_result *out)
{
	result_copy(out, engine_eval_view(e, failed, n));
}

bool
engine_scenario_bad(struct engine *e, const size_t *failed, size_t n)
{
	return engine_eval_view(e, failed, n)->bad > 0;
}

size_t
engine_base_count(const struct engine *e)
{
	return e->nbase;
}

const uint32_t *
engine_component_effects(const struct engine *e, size_t c, size_t *n)
{
	*n = e->comps[c].neff;
	return e->effects + e->comps[c].eff_off;
}

size_t
engine_component_users(const struct engine *e, size_t c)
{
	const struct comp *k = &e->comps[c];
	size_t users = 0;

	for (size_t i = 0; i < k->neff; i++) {
		uint32_t b = e->effects[k->eff_off + i];

		users += e->base_dest_users.off[b + 1] - e->base_dest_users.off[b];
		users += e->base_dc_users.off[b + 1] - e->base_dc_users.off[b];
	}
	return users;
}

static void
push_use(uint32_t **out, size_t *n, size_t *cap, uint32_t b)
{
	*out = xgrow(*out, cap, *n + 1, sizeof **out);
	(*out)[(*n)++] = b;
}

static void
push_uses(const struct engine *e, const struct engine_result *r,
    uint32_t via_off, uint32_t nvia, uint32_t elem_off, uint32_t nelem,
    uint32_t home, uint32_t **out, size_t *n, size_t *cap)
{
	push_use(out, n, cap, (uint32_t)base_dc(e, home));
	for (uint32_t a = 0; a < nvia; a++) {
		uint32_t c = r->pool[via_off + a];

		push_use(out, n, cap, (uint32_t)base_conn(e, c));
		for (int t = 0; t < e->conns[c].ntun; t++)
			push_use(out, n, cap, (uint32_t)base_tun(e, c, t));
	}
	for (uint32_t a = 0; a < nelem; a++) {
		uint32_t el = r->pool[elem_off + a];

		if (el >= 2 * e->nconns)
			push_use(out, n, cap, (uint32_t)base_wan(e,
			    (el - 2 * e->nconns) / 2));
	}
}

void
engine_last_uses(const struct engine *e, uint32_t **out, size_t *n,
    size_t *cap)
{
	const struct engine_result *w = &e->work;

	for (size_t a = 0; a < e->aff_dests.n; a++) {
		uint32_t i = e->aff_dests.v[a];
		const struct engine_dest *x = &w->dests[i];

		push_uses(e, w, x->via_off, x->nvia, x->elem_off, x->nelem,
		    e->dests[i].origin, out, n, cap);
	}
	for (size_t a = 0; a < e->aff_dcs.n; a++) {
		uint32_t j = e->aff_dcs.v[a];
		const struct engine_dc *x = &w->dcs[j];

		push_uses(e, w, x->via_off, x->nvia, x->elem_off, x->nelem, j,
		    out, n, cap);
	}
}

size_t
engine_component_object(const struct engine *e, size_t c)
{
	return e->comps[c].obj;
}

const uint32_t *
engine_base_components(const struct engine *e, size_t b, size_t *n)
{
	*n = e->base_comps.off[b + 1] - e->base_comps.off[b];
	return e->base_comps.items + e->base_comps.off[b];
}

void
engine_fail(struct engine *e, size_t c, bool failed)
{
	apply(e, &c, 1, failed ? 1 : -1);
}

enum engine_status
engine_probe_dest(struct engine *e, size_t i, uint32_t **uses, size_t *n,
    size_t *cap)
{
	struct engine_result *r = &e->probe;
	const struct engine_dest *x;

	r->npool = 0;
	select_dest(e, i, r);
	x = &r->dests[i];
	if (x->status != ENGINE_ORIGIN_DOWN && x->status != ENGINE_UNREACHABLE)
		push_uses(e, r, x->via_off, x->nvia, x->elem_off, x->nelem,
		    e->dests[i].origin, uses, n, cap);
	return (enum engine_status)x->status;
}

enum engine_status
engine_probe_dc(struct engine *e, size_t j, uint32_t **uses, size_t *n,
    size_t *cap)
{
	struct engine_result *r = &e->probe;
	const struct engine_dc *x;

	r->npool = 0;
	select_dc(e, j, r);
	x = &r->dcs[j];
	if (x->status != ENGINE_ORIGIN_DOWN && x->status != ENGINE_UNREACHABLE)
		push_uses(e, r, x->via_off, x->nvia, x->elem_off, x->nelem,
		    (uint32_t)j, uses, n, cap);
	return (enum engine_status)x->status;
}

size_t
engine_last_recomputed(const struct engine *e)
{
	return e->last_recomputed;
}

/* ---- construction ----------------------------------------------------- */

static void
build_elem_ids(struct engine *e)
{
	const struct design *d = e->d;

	e->elem_ids = xcalloc(e->nelems ? e->nelems : 1, sizeof *e->elem_ids);
	for (size_t c = 0; c < e->nconns; c++) {
		e->elem_ids[elem_in(e, c)] = xasprintf("connection:%s",
		    d->conns[c].name);
		e->elem_ids[elem_out(e, c)] = xasprintf("connection:%s",
		    d->conns[c].name);
	}
	for (size_t k = 0; k < e->nwans; k++) {
		e->elem_ids[elem_wan(e, k, 0)] = xasprintf("wan:%s-%s",
		    d->wans[k].a, d->wans[k].b);
		e->elem_ids[elem_wan(e, k, 1)] = xasprintf("wan:%s-%s",
		    d->wans[k].a, d->wans[k].b);
	}
}

struct engine *
engine_new(const struct design *d)
{
	struct engine *e = xcalloc(1, sizeof *e);

	e->d = d;
	e->nconns = d->nconns;
	e->ndcs = d->ndcs;
	e->nwans = d->nwans;
	e->nelems = 2 * e->nconns + 2 * e->nwans;
	e->nbase = 3 * e->nconns + e->ndcs + e->nwans;
	e->down = xcalloc(e->nbase ? e->nbase : 1, sizeof *e->down);
	build_conns(e);
	build_dests(e);
	build_wan(e);
	build_components(e);
	build_exits(e);
	build_elem_ids(e);
	for (size_t j = 0; j < e->ndcs; j++)
		bfs(e, (uint32_t)j, e->base_parent + j * e->ndcs,
		    e->base_dist + j * e->ndcs, e->base_order + j * e->ndcs,
		    &e->base_nreach[j]);
	e->stamp = 1;
	engine_result_init(&e->baseline);
	engine_result_init(&e->work);
	eval_all(e, &e->baseline);
	result_copy(&e->work, &e->baseline);
	build_indexes(e);
	{
		struct u32vec keys = { 0 }, vals = { 0 };

		for (size_t c = 0; c < e->ncomps; c++)
			for (size_t k = 0; k < e->comps[c].neff; k++) {
				vec_push(&keys, e->effects[e->comps[c].eff_off + k]);
				vec_push(&vals, (uint32_t)c);
			}
		csr_build(&e->base_comps, e->nbase, &keys, &vals);
		free(keys.v);
		free(vals.v);
	}
	engine_result_init(&e->probe);
	result_size(e, &e->probe);
	e->dest_mark = xcalloc(e->ndests ? e->ndests : 1, sizeof *e->dest_mark);
	e->dc_mark = xcalloc(e->ndcs ? e->ndcs : 1, sizeof *e->dc_mark);
	e->elem_mark = xcalloc(e->nelems ? e->nelems : 1, sizeof *e->elem_mark);
	e->dload = xcalloc(e->nelems ? e->nelems : 1, sizeof *e->dload);
	return e;
}

void
engine_free(struct engine **ep)
{
	struct engine *e;

	if (ep == NULL || *ep == NULL)
		return;
	e = *ep;
	for (size_t i = 0; i < e->ncomps; i++)
		free(e->comps[i].id);
	for (size_t i = 0; i < e->nelems; i++)
		free(e->elem_ids[i]);
	free(e->elem_ids);
	free(e->comps);
	free(e->effects);
	free(e->conns);
	free(e->dev_dc);
	free(e->dests);
	free(e->cands);
	free(e->dc_to_aws);
	free(e->wan_a);
	free(e->wan_b);
	free(e->wan_gbps);
	free(e->adj_off);
	free(e->adj_dc);
	free(e->adj_wan);
	free(e->down);
	free(e->base_parent);
	free(e->base_dist);
	free(e->cur_parent);
	free(e->cur_dist);
	free(e->cur_stamp);
	free(e->base_order);
	free(e->cur_order);
	free(e->base_nreach);
	free(e->cur_nreach);
	free(e->levels);
	free(e->exit_off);
	free(e->exit_conn);
	free(e->bfs_queue);
	engine_result_free(&e->baseline);
	engine_result_free(&e->work);
	free(e->undo_dests.v);
	free(e->undo_dcs.v);
	free(e->undo_elems.v);
	csr_free(&e->base_comps);
	engine_result_free(&e->probe);
	csr_free(&e->base_dest_users);
	csr_free(&e->base_dc_users);
	csr_free(&e->elem_dest_users);
	csr_free(&e->elem_dc_users);
	free(e->dest_mark);
	free(e->dc_mark);
	free(e->elem_mark);
	free(e->dload);
	free(e->aff_dests.v);
	free(e->aff_dcs.v);
	free(e->touched.v);
	free(e);
	*ep = NULL;
}

/* ---- accessors -------------------------------------------------------- */

size_t
engine_component_count(const struct engine *e)
{
	return e->ncomps;
}

const char *
engine_component_id(const struct engine *e, size_t i)
{
	return e->comps[i].id;
}

enum comp_kind
engine_component_kind(const struct engine *e, size_t i)
{
	return e->comps[i].kind;
}

int
engine_component_find(const struct engine *e, const char *id)
{
	for (size_t i = 0; i < e->ncomps; i++)
		if (strcmp(e->comps[i].id, id) == 0)
			return (int)i;
	/* wan:B-A names the same link as wan:A-B. */
	if (strncmp(id, "wan:", 4) == 0)
		for (size_t k = 0; k < e->nwans; k++) {
			char buf[2 * DESIGN_NAME_MAX + 8];

			snprintf(buf, sizeof buf, "wan:%s-%s", e->d->wans[k].b,
			    e->d->wans[k].a);
			if (strcmp(buf, id) == 0)
				return engine_component_find(e, e->elem_ids[elem_wan(e,
				    k, 0)]);
		}
	return -1;
}

int
engine_parse_failures(const struct engine *e, const char *list,
    size_t **out, size_t *n, struct error *err)
{
	char *copy = xstrdup(list), *save = NULL, *tok;
	size_t *v = NULL, cnt = 0;

	for (tok = strtok_r(copy, ",", &save); tok;
	    tok = strtok_r(NULL, ",", &save)) {
		int i;

		while (*tok == ' ')
			tok++;
		i = engine_component_find(e, tok);
		if (i < 0) {
			error_add(err, NULL, 0, "--fail", "no component %s in this "
			    "design (IDs look like connection:NAME, tunnel:NAME/1, "
			    "device:NAME, datacenter:NAME, location:NAME, "
			    "provider:NAME, isp:NAME, aws-endpoint:1, wan:A-B, "
			    "risk:NAME)", tok);
			free(v);
			free(copy);
			return -1;
		}
		v = xrealloc(v, (cnt + 1) * sizeof *v);
		v[cnt++] = (size_t)i;
	}
	free(copy);
	if (cnt == 0) {
		error_add(err, NULL, 0, "--fail", "names no component");
		free(v);
		return -1;
	}
	*out = v;
	*n = cnt;
	return 0;
}

size_t
engine_dest_count(const struct engine *e)
{
	return e->ndests;
}

const struct prefix *
engine_dest_prefix(const struct engine *e, size_t i)
{
	return &e->dests[i].prefix;
}

size_t
engine_dest_origin(const struct engine *e, size_t i)
{
	return e->dests[i].origin;
}

size_t
engine_dc_count(const struct engine *e)
{
	return e->ndcs;
}

size_t
engine_conn_count(const struct engine *e)
{
	return e->nconns;
}

size_t
engine_wan_count(const struct engine *e)
{
	return e->nwans;
}

size_t
engine_elem_count(const struct engine *e)
{
	return e->nelems;
}

const char *
engine_elem_id(const struct engine *e, size_t elem)
{
	return e->elem_ids[elem];
}

bool
engine_elem_toward_aws(const struct engine *e, size_t elem)
{
	return elem >= e->nconns && elem < 2 * e->nconns;
}

const struct design *
engine_design(const struct engine *e)
{
	return e->d;
}

const struct engine_result *
engine_baseline(const struct engine *e)
{
	return &e->baseline;
}
