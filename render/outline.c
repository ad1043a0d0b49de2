#include "render/outline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/strbuf.h"

static struct outline_row *
add_row(struct outline *o, enum outline_kind kind, size_t index, int depth)
{
	struct outline_row *r;

	o->rows = xgrow(o->rows, &o->cap, o->count + 1, sizeof *o->rows);
	r = &o->rows[o->count++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->index = index;
	r->depth = depth;
	return r;
}

static void
prefixes_text(char *buf, size_t len, const struct prefix *p, size_t n)
{
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && off < len; i++) {
		char pf[PREFIX_STRLEN];

		off += (size_t)snprintf(buf + off, len - off, "%s%s", i ? " " : "",
		    prefix_format(&p[i], pf, sizeof pf));
	}
}

static void
conn_rows(const struct design *d, struct outline *o, const char *device)
{
	for (size_t k = 0; k < d->nconns; k++) {
		const struct connection *c = &d->conns[k];
		struct outline_row *r;

		if (strcmp(c->device, device) != 0)
			continue;
		r = add_row(o, OUTLINE_CONN, k, 2);
		if (c->type == CONN_VPN)
			snprintf(r->text, sizeof r->text, "%s  VPN %s, %d tunnel%s",
			    c->name, design_routing_name(c->routing), c->ntunnels,
			    c->ntunnels == 1 ? "" : "s");
		else
			snprintf(r->text, sizeof r->text, "%s  DX %s/%s %gG vlan %d",
			    c->name, c->location, c->provider, c->gbps, c->vlan);
	}
}

void
outline_build(const struct design *d, struct outline *o)
{
	struct outline_row *r;
	char buf[120];

	o->count = 0;
	r = add_row(o, OUTLINE_VPC, 0, 0);
	prefixes_text(buf, sizeof buf, d->vpc.cidrs, d->vpc.ncidrs);
	snprintf(r->text, sizeof r->text, "VPC %s  %s AS%lu  %s", d->vpc.name,
	    d->vpc.gateway == GATEWAY_TGW ? "TGW" : "VGW",
	    (unsigned long)d->vpc.asn, buf);
	for (size_t i = 0; i < d->ndcs; i++) {
		const struct datacenter *dc = &d->dcs[i];

		r = add_row(o, OUTLINE_DC, i, 0);
		prefixes_text(buf, sizeof buf, dc->prefixes, dc->nprefixes);
		snprintf(r->text, sizeof r->text, "%s  %s", dc->name, buf);
		for (size_t j = 0; j < d->ndevices; j++) {
			const struct device *dev = &d->devices[j];

			if (strcmp(dev->dc, dc->name) != 0)
				continue;
			r = add_row(o, OUTLINE_DEVICE, j, 1);
			snprintf(r->text, sizeof r->text, "%s  %s AS%lu", dev->name,
			    design_vendor_name(dev->vendor), (unsigned long)dev->asn);
			conn_rows(d, o, dev->name);
		}
	}
	for (size_t i = 0; i < d->nwans; i++) {
		r = add_row(o, OUTLINE_WAN, i, 0);
		snprintf(r->text, sizeof r->text, "WAN %s - %s  %g Gbps",
		    d->wans[i].a, d->wans[i].b, d->wans[i].gbps);
	}
	for (size_t i = 0; i < d->nrisks; i++) {
		r = add_row(o, OUTLINE_RISK, i, 0);
		snprintf(r->text, sizeof r->text, "risk %s  %zu member%s",
		    d->risks[i].name, d->risks[i].nmembers,
		    d->risks[i].nmembers == 1 ? "" : "s");
	}
}

void
outline_free(struct outline *o)
{
	free(o->rows);
	o->rows = NULL;
	o->count = o->cap = 0;
}

static void
line(struct strbuf *sb, const char *label, const char *value)
{
	strbuf_addf(sb, "%-11s %s\n", label, value);
}

static void
inspect_conn(struct strbuf *sb, const struct design *d,
    const struct connection *c)
{
	char buf[160], pf[PREFIX_STRLEN];
	int dc = design_conn_dc(d, c);

	snprintf(buf, sizeof buf, "%s (%s)", c->device,
	    dc >= 0 ? d->dcs[dc].name : "?");
	line(sb, "device", buf);
	snprintf(buf, sizeof buf, "%d", c->local_pref);
	line(sb, "local_pref", buf);
	if (c->type == CONN_VPN) {
		line(sb, "routing", design_routing_name(c->routing));
		for (int t = 0; t < c->ntunnels; t++) {
			char label[32];

			snprintf(label, sizeof label, "tunnel %d", t + 1);
			snprintf(buf, sizeof buf, "%s %g Gbps%s",
			    prefix_format(&c->tunnels[t].inside, pf, sizeof pf),
			    c->tunnels[t].gbps, c->tunnels[t].enabled ? "" :
			    " (disabled)");
			line(sb, label, buf);
		}
		snprintf(buf, sizeof buf, "IKEv%d, DPD %us, lifetimes %u/%u s",
		    c->ike.version, c->ike.dpd, c->ike.phase1.lifetime,
		    c->ike.phase2.lifetime);
		line(sb, "ike", buf);
	} else {
		snprintf(buf, sizeof buf, "%s via %s", c->location, c->provider);
		line(sb, "location", buf);
		snprintf(buf, sizeof buf, "%g Gbps, VLAN %d, BFD %s", c->gbps,
		    c->vlan, c->bfd ? "on" : "off");
		line(sb, "port", buf);
		line(sb, "peering", prefix_format(&c->peer, pf, sizeof pf));
	}
	for (size_t i = 0; i < c->nadverts; i++) {
		const struct advert *a = &c->adverts[i];
		size_t o = (size_t)snprintf(buf, sizeof buf, "%s",
		    prefix_format(&a->prefix, pf, sizeof pf));

		if (a->prepend)
			o += (size_t)snprintf(buf + o, sizeof buf - o, " prepend %d",
			    a->prepend);
		if (a->local_pref != LP_NONE)
			o += (size_t)snprintf(buf + o, sizeof buf - o, " 7224:%d",
			    design_lp_community(a->local_pref));
		if (a->has_med)
			snprintf(buf + o, sizeof buf - o, " med %lu",
			    (unsigned long)a->med);
		line(sb, i ? "" : (c->routing == ROUTING_STATIC ? "routes" :
		    "advertises"), buf);
	}
	if (c->description)
		line(sb, "note", c->description);
}

char *
outline_inspect(const struct design *d, const struct outline_row *row)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[160], pf[PREFIX_STRLEN];

	switch (row->kind) {
	case OUTLINE_VPC:
		strbuf_addf(&sb, "VPC %s\n", d->vpc.name);
		line(&sb, "gateway", d->vpc.gateway == GATEWAY_TGW ?
		    "transit gateway" : "virtual private gateway");
		snprintf(buf, sizeof buf, "%lu", (unsigned long)d->vpc.asn);
		line(&sb, "AWS ASN", buf);
		prefixes_text(buf, sizeof buf, d->vpc.cidrs, d->vpc.ncidrs);
		line(&sb, "cidrs", buf);
		if (d->vpc.gateway == GATEWAY_TGW)
			line(&sb, "ecmp", d->vpc.ecmp ? "on" : "off");
		break;
	case OUTLINE_DC: {
		const struct datacenter *dc = &d->dcs[row->index];

		strbuf_addf(&sb, "data center %s\n", dc->name);
		prefixes_text(buf, sizeof buf, dc->prefixes, dc->nprefixes);
		line(&sb, "prefixes", buf);
		if (dc->description)
			line(&sb, "note", dc->description);
		break;
	}
	case OUTLINE_DEVICE: {
		const struct device *dev = &d->devices[row->index];

		strbuf_addf(&sb, "device %s\n", dev->name);
		line(&sb, "dc", dev->dc);
		line(&sb, "vendor", design_vendor_name(dev->vendor));
		snprintf(buf, sizeof buf, "%lu", (unsigned long)dev->asn);
		line(&sb, "ASN", buf);
		if (dev->has_public_ip)
			line(&sb, "public_ip", prefix_format_address(&dev->public_ip,
			    pf, sizeof pf));
		if (dev->isp[0])
			line(&sb, "isp", dev->isp);
		if (dev->description)
			line(&sb, "note", dev->description);
		break;
	}
	case OUTLINE_CONN: {
		const struct connection *c = &d->conns[row->index];

		strbuf_addf(&sb, "%s · %s\n", c->name, c->type == CONN_VPN ?
		    "Site-to-Site VPN" : "Direct Connect");
		inspect_conn(&sb, d, c);
		break;
	}
	case OUTLINE_WAN: {
		const struct wan_link *w = &d->wans[row->index];

		strbuf_addf(&sb, "WAN link wan:%s-%s\n", w->a, w->b);
		snprintf(buf, sizeof buf, "%g Gbps", w->gbps);
		line(&sb, "capacity", buf);
		break;
	}
	case OUTLINE_RISK: {
		const struct risk *r = &d->risks[row->index];

		strbuf_addf(&sb, "risk group %s\n", r->name);
		for (size_t i = 0; i < r->nmembers; i++)
			line(&sb, i ? "" : "members", r->members[i]);
		break;
	}
	}
	return strbuf_detach(&sb);
}
