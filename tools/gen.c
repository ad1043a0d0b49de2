#include "tools/gen.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rng {
	uint64_t s;
};

/* splitmix64: small, fast and the same everywhere. */
static uint64_t
rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int
rng_int(struct rng *r, int lo, int hi)
{
	return lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

static double
rng_real(struct rng *r, double lo, double hi)
{
	return lo + (hi - lo) * (double)(rng_next(r) >> 11) / 9007199254740992.0;
}

static bool
rng_chance(struct rng *r, int percent)
{
	return rng_int(r, 0, 99) < percent;
}

static struct prefix pfx(const char *fmt, ...) XALLOC_PRINTF(1, 2);

static struct prefix
pfx(const char *fmt, ...)
{
	char buf[64];
	struct prefix p;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (prefix_parse(buf, &p, NULL, 0) != 0 &&
	    prefix_parse_address(buf, &p, NULL, 0) != 0)
		abort();
	return p;
}

/* The n-th tunnel inside /30 after AWS's reserved ones. */
static struct prefix
inside(int n)
{
	int off = 6 * 256 + 4 * n;

	return pfx("169.254.%d.%d/30", off / 256, off % 256);
}

static struct prefix
dx_peer(int n)
{
	int off = 100 * 256 + 4 * n;

	return pfx("169.254.%d.%d/30", off / 256, off % 256);
}

static void name(design_name out, const char *fmt, ...) XALLOC_PRINTF(2, 3);

static void
name(design_name out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out, sizeof(design_name), fmt, ap);
	va_end(ap);
}

static void
add_vpn_tunnels(struct connection *c, int *ntun, int count)
{
	c->ntunnels = count;
	for (int t = 0; t < count; t++) {
		c->tunnels[t].inside = inside((*ntun)++);
		c->tunnels[t].enabled = true;
		c->tunnels[t].gbps = DESIGN_DEFAULT_TUNNEL_GBPS;
	}
}

struct design *
gen_scaled(uint64_t seed, struct gen_size sz)
{
	struct rng r = { seed };
	struct design *d = design_new();
	int per_dc = sz.nprefixes / sz.ndcs, ntun = 0, npeer = 0;
	design_name n, m;

	free(d->name);
	d->name = xasprintf("Synthetic %d data centers, %d connections",
	    sz.ndcs, sz.nconns);
	snprintf(d->vpc.name, sizeof d->vpc.name, "prod");
	design_vpc_add_cidr(&d->vpc, (struct prefix[]){ pfx("172.31.0.0/16") });
	d->vpc.gateway = GATEWAY_TGW;
	d->vpc.ecmp = true;
	for (int j = 0; j < sz.ndcs; j++) {
		struct datacenter *dc;

		name(n, "dc%03d", j);
		dc = design_add_dc(d, n);
		for (int p = 0; p < per_dc; p++) {
			struct prefix x = pfx("10.%d.%d.0/24", j, p);

			design_dc_add_prefix(dc, &x);
			design_add_traffic(d, &x, rng_real(&r, 0.02, 0.3),
			    rng_real(&r, 0.01, 0.15));
		}
	}
	for (int j = 0; j < sz.ndcs && sz.ndcs > 1; j++) {
		int k = (j + 1) % sz.ndcs;

		name(n, "dc%03d", j);
		name(m, "dc%03d", k);
		if (design_find_wan(d, n, m) < 0 && j != k)
			design_add_wan(d, n, m, 100.0);
		if (j % 4 == 0 && sz.ndcs > 8) {
			k = (j + sz.ndcs / 3) % sz.ndcs;
			name(m, "dc%03d", k);
			if (design_find_wan(d, n, m) < 0 && j != k)
				design_add_wan(d, n, m, 40.0);
		}
	}
	for (int v = 0; v < sz.ndevices; v++) {
		int j = v % sz.ndcs;
		struct device *dev;

		snprintf(n, sizeof n, "r%03d-%d", j, v / sz.ndcs);
		name(m, "dc%03d", j);
		dev = design_add_device(d, n, m);
		dev->vendor = (enum vendor)(v % VENDOR_COUNT);
		dev->asn = j % 10 == 9 ? 4200000000u + (uint32_t)j :
		    64600u + (uint32_t)j;
		dev->has_public_ip = true;
		dev->public_ip = pfx("198.18.%d.%d", v / 250, v % 250 + 1);
		snprintf(dev->isp, sizeof dev->isp, "isp-%d", v % 7);
	}
	for (int c = 0; c < sz.nconns; c++) {
		int v = c % sz.ndevices, j = v % sz.ndcs, nb = (j + 1) % sz.ndcs;
		/* The k-th connection of its data center: two DX, then VPNs. */
		int k = c / sz.ndcs;
		bool dx = k % 5 < 2;
		struct connection *cn;

		name(n, dx ? "dx%04d" : "vpn%04d", c);
		cn = design_add_conn(d, n, dx ? CONN_DX : CONN_VPN,
		    d->devices[v].name);
		if (dx) {
			snprintf(cn->location, sizeof cn->location, "loc%02d",
			    (c * 7) % 23);
			snprintf(cn->provider, sizeof cn->provider, "prov%d",
			    (c + k) % 5);
			cn->gbps = 10.0;
			cn->vlan = 100 + c % 3000;
			cn->peer = dx_peer(npeer++);
			cn->bfd = true;
		} else
			add_vpn_tunnels(cn, &ntun, 2);
		for (int p = 0; p < per_dc; p++) {
			struct prefix x = pfx("10.%d.%d.0/24", j, p);
			struct advert *a = design_conn_add_advert(cn, &x);

			(void)a;
		}
		/* Back up the neighbouring data center, less preferred. */
		for (int p = 0; p < per_dc && nb != j; p++) {
			struct prefix x = pfx("10.%d.%d.0/24", nb, p);

			design_conn_add_advert(cn, &x)->prepend = 3;
		}
	}
	for (int i = 0; i + 5 < sz.nconns && i / 50 < 10; i += 50) {
		struct risk *rk;
		char id[64];

		name(n, "conduit%d", i / 50);
		rk = design_add_risk(d, n);
		snprintf(id, sizeof id, "connection:%s", d->conns[i].name);
		design_risk_add_member(rk, id);
		snprintf(id, sizeof id, "connection:%s", d->conns[i + 5].name);
		design_risk_add_member(rk, id);
	}
	return d;
}

struct design *
gen_random(uint64_t seed)
{
	struct rng r = { seed };
	struct design *d = design_new();
	int ndcs = rng_int(&r, 1, 4), ndev = rng_int(&r, 1, 5);
	int nconn = rng_int(&r, 1, 7), ntun = 0, npeer = 0;
	bool tgw = rng_chance(&r, 50);
	design_name n, m;

	snprintf(d->vpc.name, sizeof d->vpc.name, "vpc");
	design_vpc_add_cidr(&d->vpc, (struct prefix[]){ pfx("172.31.0.0/16") });
	d->vpc.gateway = tgw ? GATEWAY_TGW : GATEWAY_VGW;
	d->vpc.ecmp = tgw && rng_chance(&r, 60);
	for (int j = 0; j < ndcs; j++) {
		struct datacenter *dc;
		int np = rng_int(&r, 1, 2);

		name(n, "dc%d", j);
		dc = design_add_dc(d, n);
		for (int p = 0; p < np; p++) {
			struct prefix x = pfx("10.%d.0.0/16", j + 50 * p);

			design_dc_add_prefix(dc, &x);
			if (rng_chance(&r, 80))
				design_add_traffic(d, &x, rng_real(&r, 0, 3),
				    rng_real(&r, 0, 2));
		}
	}
	for (int a = 0; a < ndcs; a++)
		for (int b = a + 1; b < ndcs; b++)
			if (rng_chance(&r, 55)) {
				name(n, "dc%d", a);
				name(m, "dc%d", b);
				design_add_wan(d, n, m, rng_real(&r, 0.5, 6));
			}
	for (int v = 0; v < ndev; v++) {
		struct device *dev;

		name(n, "cgw%d", v);
		name(m, "dc%d", rng_int(&r, 0, ndcs - 1));
		dev = design_add_device(d, n, m);
		int vendor = rng_int(&r, 0, VENDOR_COUNT - 1);

		dev->vendor = (enum vendor)vendor;
		dev->asn = 65000u + (uint32_t)rng_int(&r, 0, 3);
		dev->has_public_ip = true;
		dev->public_ip = pfx("203.0.113.%d", v + 1);
		if (rng_chance(&r, 80))
			snprintf(dev->isp, sizeof dev->isp, "isp-%c",
			    'a' + rng_int(&r, 0, 1));
	}
	for (int c = 0; c < nconn; c++) {
		bool dx = rng_chance(&r, 45);
		struct connection *cn;
		int nad = rng_int(&r, 1, 3);

		name(n, dx ? "dx%d" : "vpn%d", c);
		name(m, "cgw%d", rng_int(&r, 0, ndev - 1));
		cn = design_add_conn(d, n, dx ? CONN_DX : CONN_VPN, m);
		cn->local_pref = 100 * rng_int(&r, 1, 3);
		if (dx) {
			snprintf(cn->location, sizeof cn->location, "L%d",
			    rng_int(&r, 1, 2));
			snprintf(cn->provider, sizeof cn->provider, "P%d",
			    rng_int(&r, 1, 2));
			cn->gbps = rng_chance(&r, 50) ? 1.0 : 10.0;
			cn->vlan = 100 + c;
			cn->peer = dx_peer(npeer++);
		} else {
			add_vpn_tunnels(cn, &ntun, rng_int(&r, 1, 2));
			if (rng_chance(&r, 20))
				cn->tunnels[rng_int(&r, 0, cn->ntunnels - 1)].enabled =
				    false;
			if (tgw && rng_chance(&r, 30))
				cn->tunnels[0].gbps = 5.0;
			cn->routing = rng_chance(&r, 25) ? ROUTING_STATIC :
			    ROUTING_BGP;
		}
		for (int a = 0; a < nad; a++) {
			int kind = rng_int(&r, 0, 3);
			struct prefix x;
			struct advert *ad;
			bool dup = false;

			if (kind == 0)
				x = pfx("10.0.0.0/8");
			else if (kind == 1)
				x = pfx("10.0.0.0/14");
			else
				x = pfx("10.%d.0.0/16", rng_int(&r, 0, ndcs - 1));
			for (size_t q = 0; q < cn->nadverts; q++)
				dup |= prefix_equal(&cn->adverts[q].prefix, &x);
			if (dup)
				continue;
			ad = design_conn_add_advert(cn, &x);
			if (cn->type == CONN_VPN && cn->routing == ROUTING_STATIC)
				continue;
			ad->prepend = rng_chance(&r, 40) ? rng_int(&r, 1, 3) : 0;
			if (dx && rng_chance(&r, 40)) {
				int lp = rng_int(&r, 1, 3);

				ad->local_pref = (enum lp_community)lp;
			}
			if (!dx && rng_chance(&r, 30)) {
				ad->has_med = true;
				ad->med = (uint32_t)rng_int(&r, 0, 3) * 10;
			}
		}
	}
	for (int i = 0, nr = rng_int(&r, 0, 2); i < nr; i++) {
		struct risk *rk;
		int nm = rng_int(&r, 1, 3);

		name(n, "risk%d", i);
		rk = design_add_risk(d, n);
		for (int k = 0; k < nm; k++) {
			char id[80];
			int pick = rng_int(&r, 0, 2);
			bool dup = false;

			if (pick == 0 || (pick == 2 && d->nwans == 0))
				snprintf(id, sizeof id, "connection:%s",
				    d->conns[rng_int(&r, 0, nconn - 1)].name);
			else if (pick == 1)
				snprintf(id, sizeof id, "device:%s",
				    d->devices[rng_int(&r, 0, ndev - 1)].name);
			else {
				const struct wan_link *w =
				    &d->wans[rng_int(&r, 0, (int)d->nwans - 1)];

				snprintf(id, sizeof id, "wan:%s-%s", w->a, w->b);
			}
			for (size_t q = 0; q < rk->nmembers; q++)
				dup |= strcmp(rk->members[q], id) == 0;
			if (!dup)
				design_risk_add_member(rk, id);
		}
	}
	return d;
}
