#include "export/emit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
xputs(struct xctx *x, const char *s)
{
	strbuf_puts(&x->sb, s);
}

void
xprintf(struct xctx *x, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&x->sb, fmt, ap);
	va_end(ap);
}

void
xfail(struct xctx *x, const char *fmt, ...)
{
	va_list ap;
	char msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	error_add(x->err, NULL, 0, x->dev ? x->dev->name : "aws", "%s", msg);
	x->bad++;
}

void
xcomment_text(const char *in, char *out, size_t len)
{
	size_t o = 0;

	if (len == 0)
		return;
	for (const unsigned char *p = (const unsigned char *)in;
	    *p != '\0' && o + 1 < len; p++)
		out[o++] = *p < 0x20 || *p == 0x7f ? '?' : (char)*p;
	out[o] = '\0';
}

void
xaddr(const struct prefix *p, char *buf)
{
	prefix_format_address(p, buf, X_ADDR);
}

void
xcidr(const struct prefix *p, char *buf)
{
	prefix_format(p, buf, X_ADDR);
}

void
xnetmask(const struct prefix *p, char *buf)
{
	prefix_format_netmask(p, buf, X_ADDR);
}

void
xtf_ident(const char *name, char *out, size_t len)
{
	size_t i;

	for (i = 0; name[i] != '\0' && i + 1 < len; i++)
		out[i] = name[i] == '.' || name[i] == '-' ? '_' : name[i];
	out[i] = '\0';
}

bool
xenc_gcm(int enc)
{
	return enc == IKE_AES128_GCM16 || enc == IKE_AES256_GCM16;
}

int
xenc_bits(int enc)
{
	return enc == IKE_AES128 || enc == IKE_AES128_GCM16 ? 128 : 256;
}

const char *
xdh_swan(int group)
{
	switch (group) {
	case 2: return "modp1024";
	case 5: return "modp1536";
	case 14: return "modp2048";
	case 15: return "modp3072";
	case 16: return "modp4096";
	case 17: return "modp6144";
	case 18: return "modp8192";
	case 19: return "ecp256";
	case 20: return "ecp384";
	case 21: return "ecp521";
	case 22: return "modp1024s160";
	case 23: return "modp2048s224";
	case 24: return "modp2048s256";
	default: return NULL;
	}
}

void
xmtu(const struct ike *ike, int *mtu, int *mss)
{
	const struct ike_phase *p = &ike->phase2;
	int best = 1438;

	/* aws-facts 3.2, with NAT-T: GCM 1438; CBC with SHA1 or SHA2-256
	 * 1422, SHA2-384 1422, SHA2-512 1406.  NAT-T's figures hold whether
	 * or not a NAT sits in the path. */
	for (int e = 0; e < p->nencryption; e++) {
		if (xenc_gcm(p->encryption[e]))
			continue;
		for (int i = 0; i < p->nintegrity; i++) {
			int m = p->integrity[i] == IKE_SHA2_512 ? 1406 : 1422;

			if (m < best)
				best = m;
		}
		if (p->nintegrity == 0 && best > 1422)
			best = 1422;
	}
	*mtu = best;
	*mss = best - 40;
}

static void
add_placeholder(struct xctx *x, const char *name, const char *what)
{
	for (size_t i = 0; i < x->nph; i++)
		if (strcmp(x->ph[i].name, name) == 0)
			return;
	x->ph = xgrow(x->ph, &x->phcap, x->nph + 1, sizeof *x->ph);
	snprintf(x->ph[x->nph].name, sizeof x->ph[x->nph].name, "%s", name);
	snprintf(x->ph[x->nph].what, sizeof x->ph[x->nph].what, "%s", what);
	x->nph++;
}

uint32_t
export_dxgw_asn(const struct design *d)
{
	uint32_t a = d->vpc.asn;

	if (d->vpc.gateway != GATEWAY_TGW)
		return a;
	/* A TGW and its DX gateway need different ASNs: the next one in
	 * the same private range. */
	if (a == 65534 || a == 4294967294u)
		return a - 1;
	return a + 1;
}

uint32_t
xaws_asn(const struct design *d, const struct connection *c)
{
	return c->type == CONN_DX ? export_dxgw_asn(d) : d->vpc.asn;
}

const struct prefix **
xvpc_v4(const struct design *d, size_t *n)
{
	const struct prefix **v = xcalloc(d->vpc.ncidrs + 1, sizeof *v);

	*n = 0;
	for (size_t i = 0; i < d->vpc.ncidrs; i++)
		if (prefix_is_v4(&d->vpc.cidrs[i]))
			v[(*n)++] = &d->vpc.cidrs[i];
	return v;
}

static void
add_tunnel(struct xctx *x, const struct connection *c,
    const struct device *dev, int t, int conn_ord)
{
	const struct tunnel *tu = &c->tunnels[t - 1];
	struct xtunnel *xt;
	struct prefix h;
	char name[X_TOKEN];

	x->tun = xrealloc(x->tun, (x->ntun + 1) * sizeof *x->tun);
	xt = &x->tun[x->ntun++];
	memset(xt, 0, sizeof *xt);
	xt->c = c;
	xt->dev = dev;
	xt->t = t;
	xt->ord = (int)x->ntun;
	xt->conn_ord = conn_ord;
	xt->enabled = tu->enabled;
	xt->key = (uint32_t)xt->ord * 100;
	xcidr(&tu->inside, xt->inside);
	xnetmask(&tu->inside, xt->mask);
	xt->plen = prefix_length(&tu->inside);
	if (prefix_host(&tu->inside, 1, &h) == 0)
		xaddr(&h, xt->aws_in);
	if (prefix_host(&tu->inside, 2, &h) == 0)
		xaddr(&h, xt->cust_in);
	if (tu->has_outside) {
		xaddr(&tu->aws_outside_ip, xt->aws_out);
		xt->aws_out_known = true;
	} else {
		char what[160];

		snprintf(xt->aws_out, sizeof xt->aws_out,
		    "AWS_OUTSIDE_IP_%s_T%d", c->name, t);
		snprintf(what, sizeof what, "AWS's outside address of %s tunnel %d",
		    c->name, t);
		if (x->dev != NULL)
			add_placeholder(x, xt->aws_out, what);
	}
	if (dev->has_public_ip) {
		xaddr(&dev->public_ip, xt->cust_out);
		xt->cust_out_known = true;
	} else
		snprintf(xt->cust_out, sizeof xt->cust_out, "CGW_OUTSIDE_IP_%s",
		    dev->name);
	snprintf(name, sizeof name, "vti-%s-%d", c->name, t);
	if (strlen(name) < X_IFNAMSIZ)
		memcpy(xt->vti, name, strlen(name) + 1);
	else
		snprintf(xt->vti, sizeof xt->vti, "vti%d", xt->ord);
	snprintf(xt->swan, sizeof xt->swan, "%s-%d", c->name, t);
	for (char *p = xt->swan; *p; p++)
		if (*p == '.')
			*p = '_';
	xmtu(&c->ike, &xt->mtu, &xt->mss);
	xt->psk = x->s ? secrets_psk(x->s, c->name, t) : NULL;
	if (xt->psk == NULL)
		xfail(x, "%s tunnel %d: no pre-shared key in the secrets file",
		    c->name, t);
}

static void
add_dx(struct xctx *x, const struct connection *c, const struct device *dev)
{
	struct xdx *xd;
	struct prefix h;
	uint32_t first;

	x->dx = xrealloc(x->dx, (x->ndx + 1) * sizeof *x->dx);
	xd = &x->dx[x->ndx++];
	memset(xd, 0, sizeof *xd);
	xd->c = c;
	xd->dev = dev;
	xd->ord = (int)x->ndx;
	xcidr(&c->peer, xd->peer);
	xnetmask(&c->peer, xd->mask);
	xd->plen = prefix_length(&c->peer);
	/* AWS takes the first usable address, the customer the second: .1
	 * and .2 of a /30, .0 and .1 of a /31. */
	first = xd->plen == 31 ? 0 : 1;
	if (prefix_host(&c->peer, first, &h) == 0)
		xaddr(&h, xd->aws);
	if (prefix_host(&c->peer, first + 1, &h) == 0)
		xaddr(&h, xd->cust);
	xd->aws_asn = xaws_asn(x->d, c);
	xd->md5 = x->s ? secrets_md5(x->s, c->name) : NULL;
	if (xd->md5 == NULL)
		xfail(x, "%s: no BGP MD5 key in the secrets file", c->name);
	if (!prefix_is_v4(&c->peer))
		xfail(x, "%s: the peering %s is not IPv4", c->name, xd->peer);
}

void
xctx_init(struct xctx *x, const struct design *d, const struct device *dev,
    const struct secrets *s, bool lab, struct error *err)
{
	memset(x, 0, sizeof *x);
	x->d = d;
	x->dev = dev;
	x->s = s;
	x->lab = lab;
	x->err = err;
	if (dev != NULL && dev->has_public_ip) {
		xaddr(&dev->public_ip, x->cust_out);
		x->cust_out_known = true;
	} else if (dev != NULL)
		snprintf(x->cust_out, sizeof x->cust_out, "CGW_OUTSIDE_IP_%s",
		    dev->name);
	for (size_t i = 0; i < d->nconns; i++) {
		const struct connection *c = &d->conns[i];
		int dv = design_find_device(d, c->device);
		const struct device *cdev;
		int conn_ord = 0;

		if (dv < 0)
			continue;
		cdev = &d->devices[dv];
		if (dev != NULL && cdev != dev)
			continue;
		x->conns = xrealloc(x->conns, (x->nconns + 1) * sizeof *x->conns);
		x->conns[x->nconns++] = c;
		if (c->type == CONN_DX) {
			add_dx(x, c, cdev);
			continue;
		}
		for (size_t k = 0; k < x->nconns; k++)
			if (x->conns[k]->type == CONN_VPN)
				conn_ord++;
		if (dev != NULL && !dev->has_public_ip)
			add_placeholder(x, x->cust_out, "this device's outside "
			    "(Internet-facing) address, the customer gateway's IP");
		for (int t = 1; t <= c->ntunnels && t <= DESIGN_MAX_TUNNELS; t++)
			add_tunnel(x, c, cdev, t, conn_ord);
	}
	/* Section and interface names must stay distinct after '.' became
	 * '_' and long names were shortened. */
	for (size_t i = 0; i < x->ntun; i++)
		for (size_t j = i + 1; j < x->ntun; j++)
			if (strcmp(x->tun[i].swan, x->tun[j].swan) == 0 &&
			    x->tun[i].dev == x->tun[j].dev)
				xfail(x, "connections %s and %s give the same strongSwan "
				    "name %s; rename one", x->tun[i].c->name,
				    x->tun[j].c->name, x->tun[i].swan);
}

void
xctx_free(struct xctx *x)
{
	free(x->tun);
	free(x->dx);
	free(x->conns);
	free(x->ph);
	strbuf_free(&x->sb);
	memset(x, 0, sizeof *x);
}

char *
xctx_take(struct xctx *x)
{
	return strbuf_detach(&x->sb);
}

void
xbgp_comment(struct xctx *x, const char *cmt)
{
	bool vpn = false, dx = x->ndx > 0, bfd = xhas_bfd(x);

	for (size_t i = 0; i < x->ntun; i++)
		if (x->tun[i].c->routing == ROUTING_BGP)
			vpn = true;
	if (x->lab) {
		xprintf(x, "%s BGP toward the lab's AWS side: keepalive %d s, hold "
		    "%d s\n", cmt, X_LAB_KEEPALIVE, X_LAB_HOLD);
		return;
	}
	if (vpn)
		xprintf(x, "%s BGP over the VPN tunnels: keepalive %d s, hold %d s, "
		    "as AWS's templates set\n%s them\n", cmt, X_VPN_KEEPALIVE,
		    X_VPN_HOLD, cmt);
	if (dx)
		xprintf(x, "%s BGP over Direct Connect: AWS's default timers (30/90 "
		    "s)\n", cmt);
	if (bfd)
		xprintf(x, "%s BFD where the design asks for it, at AWS's minimums: "
		    "%d ms x %d\n", cmt, X_BFD_INTERVAL, X_BFD_MULTIPLIER);
}

void
xheader(struct xctx *x, const char *cmt, const char *what)
{
	char title[DESIGN_TEXT_MAX + 1];

	xcomment_text(x->d->name, title, sizeof title);
	xprintf(x, "%s %s: %s\n", cmt, X_MARKER, x->file);
	xprintf(x, "%s Re-running the export replaces this file.\n", cmt);
	xprintf(x, "%s\n", cmt);
	xprintf(x, "%s Design: %s\n", cmt, title);
	if (x->dev != NULL) {
		const struct device *dv = x->dev;
		int dc = design_find_dc(x->d, dv->dc);

		xprintf(x, "%s Device: %s in %s, AS %u, %s\n", cmt, dv->name,
		    dv->dc, dv->asn, what);
		if (dv->description != NULL) {
			char desc[DESIGN_TEXT_MAX + 1];

			xcomment_text(dv->description, desc, sizeof desc);
			xprintf(x, "%s   %s\n", cmt, desc);
		}
		if (dc >= 0 && x->d->dcs[dc].description != NULL) {
			char desc[DESIGN_TEXT_MAX + 1];

			xcomment_text(x->d->dcs[dc].description, desc, sizeof desc);
			xprintf(x, "%s   %s: %s\n", cmt, dv->dc, desc);
		}
	} else
		xprintf(x, "%s %s\n", cmt, what);
	xprintf(x, "%s AWS side: VPC %s, %s, AS %u\n", cmt, x->d->vpc.name,
	    x->d->vpc.gateway == GATEWAY_TGW ? "transit gateway" :
	    "virtual private gateway", x->d->vpc.asn);
	if (x->nph > 0) {
		size_t w = 0;

		for (size_t i = 0; i < x->nph; i++)
			if (strlen(x->ph[i].name) > w)
				w = strlen(x->ph[i].name);
		xprintf(x, "%s\n%s Placeholders: replace each before loading "
		    "this file.\n", cmt, cmt);
		for (size_t i = 0; i < x->nph; i++)
			xprintf(x, "%s   %-*s  %s\n", cmt, (int)w, x->ph[i].name,
			    x->ph[i].what);
	}
}

bool
xhas_vpn(const struct xctx *x)
{
	return x->ntun > 0;
}

bool
xhas_bgp(const struct xctx *x)
{
	for (size_t i = 0; i < x->nconns; i++)
		if (x->conns[i]->type == CONN_DX ||
		    x->conns[i]->routing == ROUTING_BGP)
			return true;
	return false;
}

bool
xhas_static(const struct xctx *x)
{
	for (size_t i = 0; i < x->nconns; i++)
		if (x->conns[i]->type == CONN_VPN &&
		    x->conns[i]->routing == ROUTING_STATIC)
			return true;
	return false;
}

bool
xhas_bfd(const struct xctx *x)
{
	for (size_t i = 0; i < x->ndx; i++)
		if (x->dx[i].c->bfd)
			return true;
	return false;
}

static bool
same_group(const struct xgroup *g, const struct advert *a)
{
	return g->prepend == a->prepend && g->lp == a->local_pref &&
	    g->has_med == a->has_med && (!g->has_med || g->med == a->med);
}

bool
xgroup_has(const struct xgroup *g, const struct advert *a)
{
	return prefix_is_v4(&a->prefix) && same_group(g, a);
}

struct xgroup *
xgroups(const struct connection *c, size_t *ngroups)
{
	struct xgroup *out = xcalloc(c->nadverts + 1, sizeof *out);
	size_t n = 0;

	for (size_t i = 0; i < c->nadverts; i++) {
		const struct advert *a = &c->adverts[i];
		size_t g;

		if (!prefix_is_v4(&a->prefix))
			continue;
		for (g = 0; g < n; g++)
			if (same_group(&out[g], a))
				break;
		if (g == n) {
			out[n].prepend = a->prepend;
			out[n].lp = a->local_pref;
			out[n].has_med = a->has_med;
			out[n].med = a->med;
			out[n].first = i;
			out[n].n = 0;
			n++;
		}
		out[g].n++;
	}
	*ngroups = n;
	return out;
}

bool
xconn_has_v6(const struct connection *c)
{
	for (size_t i = 0; i < c->nadverts; i++)
		if (!prefix_is_v4(&c->adverts[i].prefix))
			return true;
	return false;
}

const struct prefix **
xanchors(const struct xctx *x, size_t *n)
{
	const struct prefix **v = NULL;
	size_t cnt = 0;

	for (size_t i = 0; i < x->nconns; i++) {
		const struct connection *c = x->conns[i];

		if (c->type == CONN_VPN && c->routing == ROUTING_STATIC)
			continue;
		for (size_t k = 0; k < c->nadverts; k++) {
			const struct prefix *p = &c->adverts[k].prefix;
			bool seen = false;

			if (!prefix_is_v4(p))
				continue;
			for (size_t j = 0; j < cnt && !seen; j++)
				seen = prefix_equal(v[j], p);
			if (seen)
				continue;
			v = xrealloc(v, (cnt + 1) * sizeof *v);
			v[cnt++] = p;
		}
	}
	*n = cnt;
	return v;
}
