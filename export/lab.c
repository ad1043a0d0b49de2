/* The lab's files (hatopo export --lab DIR), read by tests/lab/run.sh:
 *
 *   lab.map              the links, devices, IKE endpoints, destinations,
 *                        and every single-failure scenario of the matrix
 *                        with what it fails and what AWS must then choose
 *   DEVICE.lab.frr.conf  each device's policy as an FRR bgpd (whatever its
 *                        vendor): the same prefix-lists, prepends,
 *                        communities and local preferences
 *   aws.lab.frr.conf     a bgpd that selects as the AWS gateway does
 *                        (SPEC section 5) through local preference
 *   aws.lab.swanctl.conf AWS's side of every tunnel of the FRR devices,
 *                        configured as the Terraform file configures AWS
 *
 * lab.map is one record per line, fields separated by blanks, '#' starts
 * a comment:
 *   aws ASN DXGW-ASN vgw|tgw ECMP
 *   device IDX NAME ASN SWANCTL(0|1)
 *   link K tunnel|dx DEVICE CONN T AWS-ADDR CUSTOMER-ADDR PLEN ROUTING ENABLED
 *   ike DEVICE NAME CUSTOMER-TOKEN CUSTOMER-LAB AWS-TOKEN AWS-LAB
 *   dest I PREFIX ORIGIN CANDIDATE...     (AWS's routes that contain it,
 *                                          longest first)
 *   scenario J NAME
 *   fail J link K | fail J device NAME
 *   expect J I STATUS MODE VIA[,VIA...]|-
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/emit.h"
#include "model/engine.h"
#include "model/matrix.h"

/* Local preferences of the emulated gateway: DX by community above VPN
 * static above VPN BGP at a VGW; a TGW puts static VPN routes first. */
#define LP_AWS_DX_LOW 310
#define LP_AWS_DX_MEDIUM 320
#define LP_AWS_DX_HIGH 330
#define LP_AWS_STATIC_VGW 200
#define LP_AWS_STATIC_TGW 400
#define LP_AWS_VPN 100

struct lab_link {
	const struct connection *c;
	int dev;                    /* device index */
	int t;                      /* tunnel 1, 2; 0 for DX */
	char aws[X_ADDR], cust[X_ADDR];
	int plen;
};

struct lab {
	const struct design *d;
	struct lab_link *links;
	size_t nlinks;
	struct strbuf map;
	/* per scenario */
	bool *down;                 /* per link */
	bool *stopped;              /* per device */
};

static void
lab_links(struct lab *l)
{
	const struct design *d = l->d;
	struct error scratch = ERROR_INIT;
	struct xctx x;

	/* Addresses only: the missing keys it reports do not matter. */
	xctx_init(&x, d, NULL, NULL, true, &scratch);
	error_clear(&scratch);
	for (size_t i = 0; i < x.ntun; i++) {
		struct lab_link *k;

		l->links = xrealloc(l->links, (l->nlinks + 1) * sizeof *l->links);
		k = &l->links[l->nlinks++];
		k->c = x.tun[i].c;
		k->dev = design_find_device(d, x.tun[i].c->device);
		k->t = x.tun[i].t;
		snprintf(k->aws, sizeof k->aws, "%s", x.tun[i].aws_in);
		snprintf(k->cust, sizeof k->cust, "%s", x.tun[i].cust_in);
		k->plen = x.tun[i].plen;
	}
	for (size_t i = 0; i < x.ndx; i++) {
		struct lab_link *k;

		l->links = xrealloc(l->links, (l->nlinks + 1) * sizeof *l->links);
		k = &l->links[l->nlinks++];
		k->c = x.dx[i].c;
		k->dev = design_find_device(d, x.dx[i].c->device);
		k->t = 0;
		snprintf(k->aws, sizeof k->aws, "%s", x.dx[i].aws);
		snprintf(k->cust, sizeof k->cust, "%s", x.dx[i].cust);
		k->plen = x.dx[i].plen;
	}
	xctx_free(&x);
}

static void
lab_fail(struct lab *l, const char *id, int depth)
{
	const struct design *d = l->d;
	const char *colon = strchr(id, ':');
	char kind[32], name[2 * DESIGN_NAME_MAX + 8];

	if (depth > 4)
		return;
	if (colon == NULL) {
		snprintf(kind, sizeof kind, "connection");
		snprintf(name, sizeof name, "%s", id);
	} else {
		snprintf(kind, sizeof kind, "%.*s", (int)(colon - id), id);
		snprintf(name, sizeof name, "%s", colon + 1);
	}
	if (strcmp(kind, "device") == 0 || strcmp(kind, "datacenter") == 0) {
		for (size_t i = 0; i < d->ndevices; i++)
			if (strcmp(kind, "device") == 0 ?
			    strcmp(d->devices[i].name, name) == 0 :
			    strcmp(d->devices[i].dc, name) == 0)
				l->stopped[i] = true;
		return;
	}
	if (strcmp(kind, "risk") == 0) {
		int r = design_find_risk(d, name);

		for (size_t m = 0; r >= 0 && m < d->risks[r].nmembers; m++)
			lab_fail(l, d->risks[r].members[m], depth + 1);
		return;
	}
	for (size_t k = 0; k < l->nlinks; k++) {
		const struct lab_link *lk = &l->links[k];
		const struct device *dv = &d->devices[lk->dev];
		char tid[2 * DESIGN_NAME_MAX + 8];

		snprintf(tid, sizeof tid, "%s/%d", lk->c->name, lk->t);
		if ((strcmp(kind, "connection") == 0 &&
		    strcmp(lk->c->name, name) == 0) ||
		    (strcmp(kind, "tunnel") == 0 && lk->t > 0 &&
		    strcmp(tid, name) == 0) ||
		    (strcmp(kind, "location") == 0 && lk->t == 0 &&
		    strcmp(lk->c->location, name) == 0) ||
		    (strcmp(kind, "provider") == 0 && lk->t == 0 &&
		    strcmp(lk->c->provider, name) == 0) ||
		    (strcmp(kind, "isp") == 0 && lk->t > 0 &&
		    strcmp(dv->isp, name) == 0) ||
		    (strcmp(kind, "aws-endpoint") == 0 && lk->t > 0 &&
		    atoi(name) == lk->t))
			l->down[k] = true;
	}
	/* wan:A-B: the AWS side does not see the WAN; nothing to fail. */
}

struct lab_visit {
	struct lab *l;
	struct engine *e;
	int j;
};

static int
lab_scenario(void *ctx, const struct matrix_scenario *s,
    const struct engine_result *r)
{
	struct lab_visit *v = ctx;
	struct lab *l = v->l;
	const struct design *d = l->d;
	int j = v->j++;

	memset(l->down, 0, l->nlinks * sizeof *l->down);
	memset(l->stopped, 0, d->ndevices * sizeof *l->stopped);
	for (size_t i = 0; i < s->nfailed; i++)
		lab_fail(l, engine_component_id(v->e, s->failed[i]), 0);
	strbuf_addf(&l->map, "scenario %d %s\n", j, s->name);
	for (size_t k = 0; k < l->nlinks; k++)
		if (l->down[k])
			strbuf_addf(&l->map, "fail %d link %zu\n", j, k + 1);
	for (size_t i = 0; i < d->ndevices; i++)
		if (l->stopped[i])
			strbuf_addf(&l->map, "fail %d device %s\n", j,
			    d->devices[i].name);
	for (size_t i = 0; i < r->ndests; i++) {
		const struct engine_dest *x = &r->dests[i];

		strbuf_addf(&l->map, "expect %d %zu %s %s ", j, i + 1,
		    engine_status_name((enum engine_status)x->status),
		    engine_mode_name((enum engine_mode)x->mode));
		if (x->nvia == 0)
			strbuf_puts(&l->map, "-");
		for (uint32_t k = 0; k < x->nvia; k++)
			strbuf_addf(&l->map, "%s%s", k ? "," : "",
			    d->conns[r->pool[x->via_off + k]].name);
		strbuf_puts(&l->map, "\n");
	}
	return 0;
}

/* Every advertised IPv4 prefix that contains p, longest first. */
static void
lab_candidates(const struct design *d, const struct prefix *p,
    struct strbuf *sb)
{
	const struct prefix **v = NULL;
	size_t n = 0;

	for (size_t i = 0; i < d->nconns; i++)
		for (size_t k = 0; k < d->conns[i].nadverts; k++) {
			const struct prefix *a = &d->conns[i].adverts[k].prefix;
			bool seen = false;

			if (!prefix_is_v4(a) || !prefix_contains(a, p))
				continue;
			for (size_t j = 0; j < n && !seen; j++)
				seen = prefix_equal(v[j], a);
			if (!seen) {
				v = xrealloc(v, (n + 1) * sizeof *v);
				v[n++] = a;
			}
		}
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && prefix_length(v[j - 1]) <
		    prefix_length(v[j]); j--) {
			const struct prefix *t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	for (size_t i = 0; i < n; i++) {
		char a[X_ADDR];

		xcidr(v[i], a);
		strbuf_addf(sb, " %s", a);
	}
	free(v);
}

/* The emulated AWS gateway. */
static char *
lab_aws_frr(const struct lab *l, const struct secrets *s)
{
	const struct design *d = l->d;
	struct strbuf sb = STRBUF_INIT;
	size_t nv;
	const struct prefix **vpc = xvpc_v4(d, &nv);
	bool tgw = d->vpc.gateway == GATEWAY_TGW;

	strbuf_addf(&sb, "! %s: aws.lab.frr.conf\n", X_MARKER);
	strbuf_puts(&sb, "! The lab's AWS gateway: it selects as SPEC section 5 "
	    "says, through local\n! preference: DX by its community (high 330, "
	    "medium or none 320, low 310),\n");
	strbuf_addf(&sb, "! VPN static routes %d, VPN BGP %d; then the AS_PATH "
	    "as advertised and MED.\n", tgw ? LP_AWS_STATIC_TGW :
	    LP_AWS_STATIC_VGW, LP_AWS_VPN);
	strbuf_puts(&sb, "frr defaults traditional\nhostname aws\n!\n");
	strbuf_addf(&sb, "router bgp %u\n", d->vpc.asn);
	strbuf_puts(&sb, " bgp router-id 10.255.255.254\n");
	strbuf_puts(&sb, " bgp log-neighbor-changes\n");
	strbuf_puts(&sb, " no bgp ebgp-requires-policy\n");
	strbuf_puts(&sb, " no bgp network import-check\n");
	strbuf_puts(&sb, " bgp bestpath as-path multipath-relax\n");
	for (size_t k = 0; k < l->nlinks; k++) {
		const struct lab_link *lk = &l->links[k];
		const struct device *dv = &d->devices[lk->dev];

		strbuf_addf(&sb, " neighbor %s remote-as %u\n", lk->cust, dv->asn);
		strbuf_addf(&sb, " neighbor %s description %s", lk->cust,
		    lk->c->name);
		if (lk->t > 0)
			strbuf_addf(&sb, " tunnel %d", lk->t);
		strbuf_puts(&sb, "\n");
		strbuf_addf(&sb, " neighbor %s timers %d %d\n", lk->cust,
		    X_LAB_KEEPALIVE, X_LAB_HOLD);
		strbuf_addf(&sb, " neighbor %s timers connect 1\n", lk->cust);
		strbuf_addf(&sb, " neighbor %s disable-connected-check\n", lk->cust);
		/* AWS's end of a DX peering holds the same MD5 key. */
		if (lk->t == 0 && s && secrets_md5(s, lk->c->name))
			strbuf_addf(&sb, " neighbor %s password %s\n", lk->cust,
			    secrets_md5(s, lk->c->name));
		if (lk->t == 0 && export_dxgw_asn(d) != d->vpc.asn)
			strbuf_addf(&sb, " neighbor %s local-as %u no-prepend "
			    "replace-as\n", lk->cust, export_dxgw_asn(d));
	}
	strbuf_puts(&sb, " !\n address-family ipv4 unicast\n");
	for (size_t i = 0; i < nv; i++) {
		char a[X_ADDR];

		xcidr(vpc[i], a);
		strbuf_addf(&sb, "  network %s\n", a);
	}
	strbuf_puts(&sb, "  maximum-paths 16\n");
	for (size_t k = 0; k < l->nlinks; k++) {
		const struct lab_link *lk = &l->links[k];
		const char *rm = lk->t == 0 ? "aws-in-dx" :
		    lk->c->routing == ROUTING_STATIC ? "aws-in-static" : "aws-in-vpn";

		strbuf_addf(&sb, "  neighbor %s route-map %s in\n", lk->cust, rm);
		strbuf_addf(&sb, "  neighbor %s route-map aws-out out\n", lk->cust);
	}
	strbuf_puts(&sb, " exit-address-family\nexit\n!\n");
	strbuf_puts(&sb, "bgp community-list standard aws-lp-low seq 5 permit "
	    "7224:7100\n");
	strbuf_puts(&sb, "bgp community-list standard aws-lp-high seq 5 permit "
	    "7224:7300\n");
	strbuf_addf(&sb, "route-map aws-in-dx permit 10\n match community "
	    "aws-lp-high\n set local-preference %d\nexit\n", LP_AWS_DX_HIGH);
	strbuf_addf(&sb, "route-map aws-in-dx permit 20\n match community "
	    "aws-lp-low\n set local-preference %d\nexit\n", LP_AWS_DX_LOW);
	strbuf_addf(&sb, "route-map aws-in-dx permit 30\n set local-preference "
	    "%d\nexit\n", LP_AWS_DX_MEDIUM);
	strbuf_addf(&sb, "route-map aws-in-static permit 10\n set "
	    "local-preference %d\nexit\n", tgw ? LP_AWS_STATIC_TGW :
	    LP_AWS_STATIC_VGW);
	strbuf_addf(&sb, "route-map aws-in-vpn permit 10\n set local-preference "
	    "%d\nexit\n", LP_AWS_VPN);
	strbuf_puts(&sb, "route-map aws-out permit 10\nexit\n!\nend\n");
	free(vpc);
	return strbuf_detach(&sb);
}

/* Lab addresses for placeholders: the customer's in 198.18.0.0/16, AWS's
 * in 198.19.0.0/16 (RFC 2544's benchmark range). */
static void
lab_addr(char *buf, int net, size_t i)
{
	snprintf(buf, X_ADDR, "198.%d.%zu.%zu", net, i / 250, i % 250 + 1);
}

/* AWS's side of the FRR devices' tunnels, and their lab addresses. */
static char *
lab_aws_swan(struct lab *l, const struct secrets *s, struct error *err)
{
	const struct design *d = l->d;
	struct strbuf sb = STRBUF_INIT, sec = STRBUF_INIT;
	size_t nt = 0;

	strbuf_addf(&sb, "# %s: aws.lab.swanctl.conf\n", X_MARKER);
	strbuf_puts(&sb, "# AWS's end of every tunnel of the FRR devices, as "
	    "aws.tf configures it:\n# the design's proposals and lifetimes, the "
	    "PSKs, AWS as responder.\nconnections {\n");
	strbuf_puts(&sec, "secrets {\n");
	for (size_t i = 0; i < d->ndevices; i++) {
		const struct device *dv = &d->devices[i];
		struct xctx x;
		char cust[X_TOKEN];

		if (dv->vendor != VENDOR_FRR)
			continue;
		xctx_init(&x, d, dv, s, true, err);
		if (x.cust_out_known)
			snprintf(cust, sizeof cust, "%s", x.cust_out);
		else
			lab_addr(cust, 18, i + 1);
		for (size_t k = 0; k < x.ntun; k++) {
			const struct xtunnel *t = &x.tun[k];
			char aws[X_TOKEN];
			struct strbuf p = STRBUF_INIT;

			nt++;
			if (t->aws_out_known)
				snprintf(aws, sizeof aws, "%s", t->aws_out);
			else
				lab_addr(aws, 19, nt);
			strbuf_addf(&l->map, "ike %s %s %s %s %s %s\n", dv->name, t->swan,
			    x.cust_out, cust, t->aws_out, aws);
			strbuf_addf(&sb, "\t%s {\n\t\tversion = %d\n", t->swan,
			    t->c->ike.version);
			strbuf_addf(&sb, "\t\tlocal_addrs = %s\n\t\tremote_addrs = %s\n",
			    aws, cust);
			export_swan_proposals(&t->c->ike, 1, &p);
			strbuf_addf(&sb, "\t\tproposals = %s\n", p.data ? p.data : "");
			strbuf_free(&p);
			strbuf_addf(&sb, "\t\trekey_time = %us\n",
			    t->c->ike.phase1.lifetime);
			strbuf_addf(&sb, "\t\tlocal {\n\t\t\tauth = psk\n\t\t\tid = %s\n"
			    "\t\t}\n", aws);
			strbuf_addf(&sb, "\t\tremote {\n\t\t\tauth = psk\n\t\t\tid = %s\n"
			    "\t\t}\n", cust);
			strbuf_addf(&sb, "\t\tchildren {\n\t\t\t%s {\n", t->swan);
			strbuf_puts(&sb, "\t\t\t\tlocal_ts = 0.0.0.0/0\n\t\t\t\tremote_ts "
			    "= 0.0.0.0/0\n");
			export_swan_proposals(&t->c->ike, 2, &p);
			strbuf_addf(&sb, "\t\t\t\tesp_proposals = %s\n", p.data ?
			    p.data : "");
			strbuf_free(&p);
			strbuf_addf(&sb, "\t\t\t\tlife_time = %us\n",
			    t->c->ike.phase2.lifetime);
			strbuf_puts(&sb, "\t\t\t\tpolicies = no\n\t\t\t}\n\t\t}\n\t}\n");
			strbuf_addf(&sec, "\tike-%s {\n\t\tid-aws = %s\n\t\tid-cust = %s\n"
			    "\t\tsecret = \"%s\"\n\t}\n", t->swan, aws, cust,
			    t->psk ? t->psk : "");
		}
		xctx_free(&x);
	}
	strbuf_puts(&sb, "}\n\n");
	strbuf_puts(&sec, "}\n");
	strbuf_add(&sb, sec.data, sec.len);
	explicit_bzero(sec.data, sec.len);
	strbuf_free(&sec);
	return strbuf_detach(&sb);
}

int
export_lab(const struct design *d, const struct secrets *s,
    struct export_files *out, struct error *err)
{
	struct lab l;
	struct engine *e;
	struct matrix_opts o = { 1, NULL, 0, false };
	struct matrix_counts counts;
	struct lab_visit v;
	int rc = 0;

	memset(&l, 0, sizeof l);
	l.d = d;
	lab_links(&l);
	l.down = xcalloc(l.nlinks + 1, sizeof *l.down);
	l.stopped = xcalloc(d->ndevices + 1, sizeof *l.stopped);
	strbuf_addf(&l.map, "# %s: lab.map\n# Read by tests/lab/run.sh; the "
	    "format is in export/lab.c.\n", X_MARKER);
	strbuf_addf(&l.map, "aws %u %u %s %d\n", d->vpc.asn, export_dxgw_asn(d),
	    design_gateway_name(d->vpc.gateway), d->vpc.ecmp ? 1 : 0);
	for (size_t i = 0; i < d->ndevices; i++) {
		const struct device *dv = &d->devices[i];
		bool vpn = false;

		for (size_t k = 0; k < l.nlinks; k++)
			if (l.links[k].dev == (int)i && l.links[k].t > 0)
				vpn = true;
		strbuf_addf(&l.map, "device %zu %s %u %d\n", i + 1, dv->name, dv->asn,
		    vpn && dv->vendor == VENDOR_FRR ? 1 : 0);
		if (export_run_ops(&export_ops_frr, d, dv, s, true, out, err) != 0)
			rc = -1;
	}
	for (size_t k = 0; k < l.nlinks; k++) {
		const struct lab_link *lk = &l.links[k];

		strbuf_addf(&l.map, "link %zu %s %s %s %d %s %s %d %s %d\n", k + 1,
		    lk->t ? "tunnel" : "dx", d->devices[lk->dev].name, lk->c->name,
		    lk->t, lk->aws, lk->cust, lk->plen,
		    design_routing_name(lk->c->routing),
		    lk->t == 0 || lk->c->tunnels[lk->t - 1].enabled ? 1 : 0);
	}
	export_files_add(out, "aws.lab.swanctl.conf", lab_aws_swan(&l, s, err),
	    true);
	export_files_add(out, "aws.lab.frr.conf", lab_aws_frr(&l, s), true);

	e = engine_new(d);
	for (size_t i = 0; i < engine_dest_count(e); i++) {
		char p[X_ADDR];

		xcidr(engine_dest_prefix(e, i), p);
		strbuf_addf(&l.map, "dest %zu %s %s", i + 1, p,
		    d->dcs[engine_dest_origin(e, i)].name);
		lab_candidates(d, engine_dest_prefix(e, i), &l.map);
		strbuf_puts(&l.map, "\n");
	}
	v.l = &l;
	v.e = e;
	v.j = 0;
	matrix_run(e, &o, lab_scenario, &v, &counts);
	engine_free(&e);
	export_files_add(out, "lab.map", strbuf_detach(&l.map), false);
	free(l.links);
	free(l.down);
	free(l.stopped);
	return rc;
}
