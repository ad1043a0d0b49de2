/* The AWS side as Terraform (aws.tf) and its keys (secrets.auto.tfvars,
 * mode 0600): the VGW or TGW, customer gateways, VPN connections with the
 * design's tunnel options, the DX gateway and its virtual interfaces
 * (private to a VGW, transit to a TGW).  Formatted as terraform fmt
 * formats: two-space indent, '=' aligned within runs of one-line
 * attributes. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/emit.h"

/* A pending run of one-line attributes, written aligned. */
struct hcl {
	struct xctx *x;
	int depth;
	char *key[64];
	char *val[64];
	size_t n;
};

static void
hcl_flush(struct hcl *h)
{
	size_t w = 0;

	for (size_t i = 0; i < h->n; i++)
		if (strlen(h->key[i]) > w)
			w = strlen(h->key[i]);
	for (size_t i = 0; i < h->n; i++) {
		xprintf(h->x, "%*s%-*s = %s\n", h->depth * 2, "", (int)w, h->key[i],
		    h->val[i]);
		free(h->key[i]);
		free(h->val[i]);
	}
	h->n = 0;
}

static void
hcl_attr(struct hcl *h, const char *key, const char *fmt, ...)
    XALLOC_PRINTF(3, 4);

static void
hcl_attr(struct hcl *h, const char *key, const char *fmt, ...)
{
	va_list ap;
	char *buf;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	buf = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	va_start(ap, fmt);
	vsnprintf(buf, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
	va_end(ap);
	if (h->n == sizeof h->key / sizeof h->key[0])
		hcl_flush(h);
	h->key[h->n] = xstrdup(key);
	h->val[h->n] = buf;
	h->n++;
}

static void
hcl_open(struct hcl *h, const char *head)
{
	hcl_flush(h);
	xprintf(h->x, "%*s%s {\n", h->depth * 2, "", head);
	h->depth++;
}

static void
hcl_close(struct hcl *h)
{
	hcl_flush(h);
	h->depth--;
	xprintf(h->x, "%*s}\n", h->depth * 2, "");
	if (h->depth == 0)
		xputs(h->x, "\n");
}

static void
hcl_blank(struct hcl *h)
{
	hcl_flush(h);
	xputs(h->x, "\n");
}

static void
hcl_tags(struct hcl *h, const char *name)
{
	hcl_blank(h);
	hcl_open(h, "tags =");
	hcl_attr(h, "Name", "\"%s\"", name);
	hcl_close(h);
}

static void
hcl_variable(struct hcl *h, const char *name, const char *type,
    bool sensitive, const char *fmt, ...) XALLOC_PRINTF(5, 6);

static void
hcl_variable(struct hcl *h, const char *name, const char *type,
    bool sensitive, const char *fmt, ...)
{
	va_list ap;
	char head[128], desc[256];

	va_start(ap, fmt);
	vsnprintf(desc, sizeof desc, fmt, ap);
	va_end(ap);
	snprintf(head, sizeof head, "variable \"%s\"", name);
	hcl_open(h, head);
	hcl_attr(h, "description", "\"%s\"", desc);
	hcl_attr(h, "type", "%s", type);
	/* Route propagation is optional; the attachment's subnets are not. */
	if (strcmp(name, "route_table_ids") == 0)
		hcl_attr(h, "default", "[]");
	if (sensitive)
		hcl_attr(h, "sensitive", "true");
	hcl_close(h);
}

static const char *
tf_enc(int enc)
{
	static const char *const v[] = { "AES128", "AES256", "AES128-GCM-16",
	    "AES256-GCM-16" };

	return v[enc];
}

static const char *
tf_integ(int integ)
{
	static const char *const v[] = { "SHA1", "SHA2-256", "SHA2-384",
	    "SHA2-512" };

	return v[integ];
}

static void
tf_list_enc(char *buf, size_t len, const struct ike_phase *p)
{
	size_t o = (size_t)snprintf(buf, len, "[");

	for (int i = 0; i < p->nencryption && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s\"%s\"", i ? ", " : "",
		    tf_enc(p->encryption[i]));
	if (o < len)
		snprintf(buf + o, len - o, "]");
}

static void
tf_list_integ(char *buf, size_t len, const struct ike_phase *p)
{
	size_t o = (size_t)snprintf(buf, len, "[");

	for (int i = 0; i < p->nintegrity && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s\"%s\"", i ? ", " : "",
		    tf_integ(p->integrity[i]));
	if (o < len)
		snprintf(buf + o, len - o, "]");
}

static void
tf_list_dh(char *buf, size_t len, const struct ike_phase *p)
{
	size_t o = (size_t)snprintf(buf, len, "[");

	for (int i = 0; i < p->ndh && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%d", i ? ", " : "",
		    p->dh[i]);
	if (o < len)
		snprintf(buf + o, len - o, "]");
}

struct tf_state {
	struct hcl h;
	char vpc[X_TOKEN];
	char gw_ref[X_TOKEN + 40];      /* aws_vpn_gateway.prod.id */
};

static void
tf_name_clash(struct xctx *x)
{
	const struct design *d = x->d;

	for (size_t i = 0; i < d->nconns; i++)
		for (size_t j = i + 1; j < d->nconns; j++) {
			char a[X_TOKEN], b[X_TOKEN];

			xtf_ident(d->conns[i].name, a, sizeof a);
			xtf_ident(d->conns[j].name, b, sizeof b);
			if (strcmp(a, b) == 0)
				xfail(x, "connections %s and %s give the same Terraform "
				    "name %s; rename one", d->conns[i].name,
				    d->conns[j].name, a);
		}
	for (size_t i = 0; i < d->ndevices; i++)
		for (size_t j = i + 1; j < d->ndevices; j++) {
			char a[X_TOKEN], b[X_TOKEN];

			xtf_ident(d->devices[i].name, a, sizeof a);
			xtf_ident(d->devices[j].name, b, sizeof b);
			if (strcmp(a, b) == 0)
				xfail(x, "devices %s and %s give the same Terraform name "
				    "%s; rename one", d->devices[i].name,
				    d->devices[j].name, a);
		}
}

static bool
device_has_vpn(const struct design *d, const struct device *dv)
{
	for (size_t i = 0; i < d->nconns; i++)
		if (d->conns[i].type == CONN_VPN &&
		    strcmp(d->conns[i].device, dv->name) == 0)
			return true;
	return false;
}

static void
tf_begin(struct xctx *x)
{
	struct tf_state *st = xcalloc(1, sizeof *st);
	struct hcl *h = &st->h;
	const struct design *d = x->d;
	bool tgw = d->vpc.gateway == GATEWAY_TGW;

	x->vendor = st;
	h->x = x;
	tf_name_clash(x);
	xtf_ident(d->vpc.name, st->vpc, sizeof st->vpc);
	snprintf(st->gw_ref, sizeof st->gw_ref, "%s.%s.id",
	    tgw ? "aws_ec2_transit_gateway" : "aws_vpn_gateway", st->vpc);
	xheader(x, "#", "Terraform for the AWS side");
	xputs(x, "#\n# The gateway, customer gateways, Site-to-Site VPN "
	    "connections with their\n# tunnel options, the Direct Connect "
	    "gateway and virtual interfaces.  The keys\n# are in "
	    "secrets.auto.tfvars (mode 0600, never commit it); the VPC and the "
	    "Direct\n# Connect connection IDs are variables.  After apply, the "
	    "outputs give AWS's\n# tunnel outside addresses: they replace the "
	    "AWS_OUTSIDE_IP_* placeholders in\n# the router configs.\n");
	if (tgw && d->ndevices > 0)
		xprintf(x, "#\n# A transit gateway and its Direct Connect gateway "
		    "need different ASNs: the\n# DX gateway here is AS %u, which "
		    "the router configs peer with on DX.\n", export_dxgw_asn(d));
	xputs(x, "\n");
	hcl_open(h, "terraform");
	hcl_open(h, "required_providers");
	hcl_open(h, "aws =");
	hcl_attr(h, "source", "\"hashicorp/aws\"");
	hcl_attr(h, "version", "\">= 5.0\"");
	hcl_close(h);
	hcl_close(h);
	hcl_close(h);

	hcl_variable(h, "vpc_id", "string", false, "ID of the VPC %s",
	    d->vpc.name);
	if (tgw)
		hcl_variable(h, "subnet_ids", "list(string)", false, "Subnets of the "
		    "VPC %s for the transit gateway attachment", d->vpc.name);
	else
		hcl_variable(h, "route_table_ids", "list(string)", false, "Route "
		    "tables of the VPC %s that receive the gateway's routes",
		    d->vpc.name);
	for (size_t i = 0; i < d->ndevices; i++) {
		const struct device *dv = &d->devices[i];
		char id[X_TOKEN + 16], t[X_TOKEN];

		if (dv->has_public_ip || !device_has_vpn(d, dv))
			continue;
		xtf_ident(dv->name, t, sizeof t);
		snprintf(id, sizeof id, "cgw_ip_%s", t);
		hcl_variable(h, id, "string", false, "Outside address of the "
		    "customer gateway %s", dv->name);
	}
	for (size_t i = 0; i < x->ndx; i++) {
		const struct connection *c = x->dx[i].c;
		char id[X_TOKEN + 24], t[X_TOKEN];

		xtf_ident(c->name, t, sizeof t);
		snprintf(id, sizeof id, "dx_connection_id_%s", t);
		hcl_variable(h, id, "string", false, "Direct Connect connection ID "
		    "(dxcon-...) of %s: %s, %s, %g Gbps", c->name, c->location,
		    c->provider, c->gbps);
	}
	for (size_t i = 0; i < x->ntun; i++) {
		char id[X_TOKEN + 24], t[X_TOKEN];

		xtf_ident(x->tun[i].c->name, t, sizeof t);
		snprintf(id, sizeof id, "psk_%s_tunnel%d", t, x->tun[i].t);
		hcl_variable(h, id, "string", true, "Pre-shared key of %s tunnel %d",
		    x->tun[i].c->name, x->tun[i].t);
	}
	for (size_t i = 0; i < x->ndx; i++) {
		char id[X_TOKEN + 24], t[X_TOKEN];

		xtf_ident(x->dx[i].c->name, t, sizeof t);
		snprintf(id, sizeof id, "bgp_auth_key_%s", t);
		hcl_variable(h, id, "string", true, "BGP MD5 key of %s",
		    x->dx[i].c->name);
	}

	if (tgw) {
		char head[X_TOKEN + 64];

		snprintf(head, sizeof head, "resource \"aws_ec2_transit_gateway\" "
		    "\"%s\"", st->vpc);
		hcl_open(h, head);
		hcl_attr(h, "amazon_side_asn", "%u", d->vpc.asn);
		hcl_attr(h, "vpn_ecmp_support", "\"%s\"",
		    d->vpc.ecmp ? "enable" : "disable");
		hcl_tags(h, d->vpc.name);
		hcl_close(h);
		snprintf(head, sizeof head, "resource "
		    "\"aws_ec2_transit_gateway_vpc_attachment\" \"%s\"", st->vpc);
		hcl_open(h, head);
		hcl_attr(h, "transit_gateway_id", "%s", st->gw_ref);
		hcl_attr(h, "vpc_id", "var.vpc_id");
		hcl_attr(h, "subnet_ids", "var.subnet_ids");
		hcl_close(h);
	} else {
		char head[X_TOKEN + 64];

		snprintf(head, sizeof head, "resource \"aws_vpn_gateway\" \"%s\"",
		    st->vpc);
		hcl_open(h, head);
		hcl_attr(h, "vpc_id", "var.vpc_id");
		hcl_attr(h, "amazon_side_asn", "\"%u\"", d->vpc.asn);
		hcl_tags(h, d->vpc.name);
		hcl_close(h);
		snprintf(head, sizeof head, "resource "
		    "\"aws_vpn_gateway_route_propagation\" \"%s\"", st->vpc);
		hcl_open(h, head);
		hcl_attr(h, "for_each", "toset(var.route_table_ids)");
		hcl_attr(h, "vpn_gateway_id", "%s", st->gw_ref);
		hcl_attr(h, "route_table_id", "each.value");
		hcl_close(h);
	}
	for (size_t i = 0; i < d->ndevices; i++) {
		const struct device *dv = &d->devices[i];
		char head[X_TOKEN + 64], t[X_TOKEN];

		if (!device_has_vpn(d, dv))
			continue;
		xtf_ident(dv->name, t, sizeof t);
		snprintf(head, sizeof head, "resource \"aws_customer_gateway\" "
		    "\"%s\"", t);
		hcl_open(h, head);
		if (dv->asn > 2147483647u)
			hcl_attr(h, "bgp_asn_extended", "%u", dv->asn);
		else
			hcl_attr(h, "bgp_asn", "%u", dv->asn);
		if (dv->has_public_ip) {
			char a[X_ADDR];

			xaddr(&dv->public_ip, a);
			hcl_attr(h, "ip_address", "\"%s\"", a);
		} else
			hcl_attr(h, "ip_address", "var.cgw_ip_%s", t);
		hcl_attr(h, "type", "\"ipsec.1\"");
		hcl_tags(h, dv->name);
		hcl_close(h);
	}
}

static void
tf_tunnel_opts(struct hcl *h, const struct xtunnel *t)
{
	const struct ike *ike = &t->c->ike;
	char k[64], v[256], id[X_TOKEN];
	int n = t->t;

	xtf_ident(t->c->name, id, sizeof id);
	hcl_blank(h);
	snprintf(k, sizeof k, "tunnel%d_inside_cidr", n);
	hcl_attr(h, k, "\"%s\"", t->inside);
	snprintf(k, sizeof k, "tunnel%d_preshared_key", n);
	hcl_attr(h, k, "var.psk_%s_tunnel%d", id, n);
	snprintf(k, sizeof k, "tunnel%d_ike_versions", n);
	hcl_attr(h, k, "[\"ikev%d\"]", ike->version);
	for (int ph = 1; ph <= 2; ph++) {
		const struct ike_phase *p = ph == 1 ? &ike->phase1 : &ike->phase2;

		snprintf(k, sizeof k, "tunnel%d_phase%d_encryption_algorithms", n,
		    ph);
		tf_list_enc(v, sizeof v, p);
		hcl_attr(h, k, "%s", v);
		snprintf(k, sizeof k, "tunnel%d_phase%d_integrity_algorithms", n,
		    ph);
		tf_list_integ(v, sizeof v, p);
		hcl_attr(h, k, "%s", v);
		if (p->ndh > 0) {
			snprintf(k, sizeof k, "tunnel%d_phase%d_dh_group_numbers", n,
			    ph);
			tf_list_dh(v, sizeof v, p);
			hcl_attr(h, k, "%s", v);
		}
		snprintf(k, sizeof k, "tunnel%d_phase%d_lifetime_seconds", n, ph);
		hcl_attr(h, k, "%u", p->lifetime);
	}
}

static void
tf_vpn(struct xctx *x, const struct connection *c)
{
	struct tf_state *st = x->vendor;
	struct hcl *h = &st->h;
	const struct design *d = x->d;
	bool tgw = d->vpc.gateway == GATEWAY_TGW;
	char head[X_TOKEN + 64], id[X_TOKEN], dev[X_TOKEN];

	xtf_ident(c->name, id, sizeof id);
	xtf_ident(c->device, dev, sizeof dev);
	for (size_t i = 0; i < x->ntun; i++)
		if (x->tun[i].c == c && !x->tun[i].enabled)
			xprintf(x, "# %s tunnel %d is disabled in the design: AWS keeps "
			    "it; the router leaves it down.\n", c->name, x->tun[i].t);
	if (c->ntunnels < 2)
		xprintf(x, "# %s has one tunnel in the design: AWS's tunnel 2 "
		    "keeps its default options.\n", c->name);
	snprintf(head, sizeof head, "resource \"aws_vpn_connection\" \"%s\"", id);
	hcl_open(h, head);
	hcl_attr(h, "customer_gateway_id", "aws_customer_gateway.%s.id", dev);
	hcl_attr(h, tgw ? "transit_gateway_id" : "vpn_gateway_id", "%s",
	    st->gw_ref);
	hcl_attr(h, "type", "\"ipsec.1\"");
	hcl_attr(h, "static_routes_only", "%s",
	    c->routing == ROUTING_STATIC ? "true" : "false");
	for (size_t i = 0; i < x->ntun; i++)
		if (x->tun[i].c == c)
			tf_tunnel_opts(h, &x->tun[i]);
	hcl_tags(h, c->name);
	hcl_close(h);
	if (c->routing != ROUTING_STATIC)
		return;
	for (size_t k = 0, n = 0; k < c->nadverts; k++) {
		char p[X_ADDR];

		xcidr(&c->adverts[k].prefix, p);
		n++;
		if (tgw) {
			snprintf(head, sizeof head, "resource "
			    "\"aws_ec2_transit_gateway_route\" \"%s_%zu\"", id, n);
			hcl_open(h, head);
			hcl_attr(h, "destination_cidr_block", "\"%s\"", p);
			hcl_attr(h, "transit_gateway_attachment_id",
			    "aws_vpn_connection.%s.transit_gateway_attachment_id", id);
			hcl_attr(h, "transit_gateway_route_table_id",
			    "aws_ec2_transit_gateway.%s."
			    "association_default_route_table_id", st->vpc);
		} else {
			snprintf(head, sizeof head, "resource "
			    "\"aws_vpn_connection_route\" \"%s_%zu\"", id, n);
			hcl_open(h, head);
			hcl_attr(h, "destination_cidr_block", "\"%s\"", p);
			hcl_attr(h, "vpn_connection_id", "aws_vpn_connection.%s.id", id);
		}
		hcl_close(h);
	}
}

static void
tf_tunnel(struct xctx *x, const struct xtunnel *t)
{
	/* A connection's resource holds both tunnels: write it at its
	 * first tunnel. */
	if (t->t == 1)
		tf_vpn(x, t->c);
}

static void
tf_dx(struct xctx *x, const struct xdx *dx)
{
	struct tf_state *st = x->vendor;
	struct hcl *h = &st->h;
	const struct design *d = x->d;
	bool tgw = d->vpc.gateway == GATEWAY_TGW;
	char head[X_TOKEN + 64], id[X_TOKEN];

	if (dx->ord == 1) {
		size_t nv;
		const struct prefix **vpc = xvpc_v4(d, &nv);

		snprintf(head, sizeof head, "resource \"aws_dx_gateway\" \"%s\"",
		    st->vpc);
		hcl_open(h, head);
		hcl_attr(h, "name", "\"%s-dxgw\"", d->vpc.name);
		hcl_attr(h, "amazon_side_asn", "\"%u\"", export_dxgw_asn(d));
		hcl_close(h);
		snprintf(head, sizeof head, "resource \"aws_dx_gateway_association\" "
		    "\"%s\"", st->vpc);
		hcl_open(h, head);
		hcl_attr(h, "dx_gateway_id", "aws_dx_gateway.%s.id", st->vpc);
		hcl_attr(h, "associated_gateway_id", "%s", st->gw_ref);
		if (tgw) {
			struct strbuf sb = STRBUF_INIT;

			for (size_t i = 0; i < nv; i++) {
				char p[X_ADDR];

				xcidr(vpc[i], p);
				strbuf_addf(&sb, "%s\"%s\"", i ? ", " : "", p);
			}
			hcl_attr(h, "allowed_prefixes", "[%s]", sb.data ? sb.data : "");
			strbuf_free(&sb);
		}
		hcl_close(h);
		free(vpc);
	}
	xtf_ident(dx->c->name, id, sizeof id);
	xprintf(x, "# %s: %s, %s, %g Gbps, VLAN %d%s\n", dx->c->name,
	    dx->c->location, dx->c->provider, dx->c->gbps, dx->c->vlan,
	    dx->c->bfd ? "; BFD is configured on the router" : "");
	snprintf(head, sizeof head, "resource \"aws_dx_%s_virtual_interface\" "
	    "\"%s\"", tgw ? "transit" : "private", id);
	hcl_open(h, head);
	hcl_attr(h, "connection_id", "var.dx_connection_id_%s", id);
	hcl_attr(h, "name", "\"%s\"", dx->c->name);
	hcl_attr(h, "vlan", "%d", dx->c->vlan);
	hcl_attr(h, "address_family", "\"ipv4\"");
	hcl_attr(h, "bgp_asn", "%u", dx->dev->asn);
	hcl_attr(h, "amazon_address", "\"%s/%d\"", dx->aws, dx->plen);
	hcl_attr(h, "customer_address", "\"%s/%d\"", dx->cust, dx->plen);
	hcl_attr(h, "bgp_auth_key", "var.bgp_auth_key_%s", id);
	hcl_attr(h, "dx_gateway_id", "aws_dx_gateway.%s.id", st->vpc);
	hcl_tags(h, dx->c->name);
	hcl_close(h);
}

static void
tf_end(struct xctx *x)
{
	struct tf_state *st = x->vendor;
	struct hcl *h = &st->h;

	for (size_t i = 0; i < x->ntun; i++) {
		const struct xtunnel *t = &x->tun[i];
		char head[X_TOKEN + 40], id[X_TOKEN];

		xtf_ident(t->c->name, id, sizeof id);
		snprintf(head, sizeof head, "output \"%s_tunnel%d_address\"", id,
		    t->t);
		hcl_open(h, head);
		if (t->aws_out_known)
			hcl_attr(h, "description", "\"AWS's outside address of %s "
			    "tunnel %d: the design has %s\"", t->c->name, t->t,
			    t->aws_out);
		else
			hcl_attr(h, "description", "\"%s in the router configs\"",
			    t->aws_out);
		hcl_attr(h, "value", "aws_vpn_connection.%s.tunnel%d_address", id,
		    t->t);
		hcl_close(h);
	}
	hcl_flush(h);
	/* No blank line at the end of the file. */
	if (x->sb.len >= 2 && x->sb.data[x->sb.len - 1] == '\n' &&
	    x->sb.data[x->sb.len - 2] == '\n')
		x->sb.data[--x->sb.len] = '\0';
	free(st);
	x->vendor = NULL;
}

const struct export_ops export_ops_terraform = {
	"terraform", -1, "aws.tf", false, NULL,
	tf_begin, tf_tunnel, tf_dx, NULL, NULL, tf_end,
};

/* secrets.auto.tfvars: the values of the sensitive variables. */
static void
tfvars_begin(struct xctx *x)
{
	struct hcl h = { x, 0, { NULL }, { NULL }, 0 };

	xheader(x, "#", "Terraform keys (mode 0600)");
	xputs(x, "#\n# The keys of aws.tf; the routers' configs hold the same "
	    "ones.  Never commit\n# this file.\n\n");
	for (size_t i = 0; i < x->ntun; i++) {
		char id[X_TOKEN + 24], t[X_TOKEN];

		xtf_ident(x->tun[i].c->name, t, sizeof t);
		snprintf(id, sizeof id, "psk_%s_tunnel%d", t, x->tun[i].t);
		hcl_attr(&h, id, "\"%s\"", x->tun[i].psk ? x->tun[i].psk : "");
	}
	for (size_t i = 0; i < x->ndx; i++) {
		char id[X_TOKEN + 24], t[X_TOKEN];

		xtf_ident(x->dx[i].c->name, t, sizeof t);
		snprintf(id, sizeof id, "bgp_auth_key_%s", t);
		hcl_attr(&h, id, "\"%s\"", x->dx[i].md5 ? x->dx[i].md5 : "");
	}
	hcl_flush(&h);
}

const struct export_ops export_ops_tfvars = {
	"terraform-secrets", -1, "secrets.auto.tfvars", true, NULL,
	tfvars_begin, NULL, NULL, NULL, NULL, NULL,
};
