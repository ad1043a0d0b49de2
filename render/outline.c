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

void
outline_ike_list(char *buf, size_t len, const uint8_t *v, int n,
    enum outline_ike_list kind)
{
	size_t o = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && o < len; i++) {
		const char *sep = i ? " " : "";

		if (kind == OUTLINE_IKE_ENCRYPTION)
			o += (size_t)snprintf(buf + o, len - o, "%s%s", sep,
			    design_ike_encryption_name((enum ike_encryption)v[i]));
		else if (kind == OUTLINE_IKE_INTEGRITY)
			o += (size_t)snprintf(buf + o, len - o, "%s%s", sep,
			    design_ike_integrity_name((enum ike_integrity)v[i]));
		else
			o += (size_t)snprintf(buf + o, len - o, "%s%d", sep, v[i]);
	}
}

/* One IKE phase as the engineer compares it with the other side's
 * proposal: algorithms in proposal order, DH (PFS) groups, lifetime. */
static void
ike_phase_lines(struct strbuf *sb, const struct ike_phase *ph, int phase)
{
	char enc[96], integ[96], dh[64], buf[160];

	outline_ike_list(enc, sizeof enc, ph->encryption, ph->nencryption,
	    OUTLINE_IKE_ENCRYPTION);
	outline_ike_list(integ, sizeof integ, ph->integrity, ph->nintegrity,
	    OUTLINE_IKE_INTEGRITY);
	outline_ike_list(dh, sizeof dh, ph->dh, ph->ndh, OUTLINE_IKE_DH);
	snprintf(buf, sizeof buf, "%s / %s", enc, integ);
	line(sb, phase == 1 ? "phase 1" : "phase 2", buf);
	if (phase == 1)
		snprintf(buf, sizeof buf, "DH %s, %u s", dh, ph->lifetime);
	else if (ph->ndh == 0)
		snprintf(buf, sizeof buf, "no PFS, %u s", ph->lifetime);
	else
		snprintf(buf, sizeof buf, "PFS %s, %u s", dh, ph->lifetime);
	line(sb, "", buf);
}

/* An availability the design sets on the object itself (0: the class
 * default applies and nothing is shown). */
static void
override_line(struct strbuf *sb, double a)
{
	char buf[40];

	if (a <= 0)
		return;
	snprintf(buf, sizeof buf, "%.10g (set)", a);
	line(sb, "avail", buf);
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
			if (c->tunnels[t].has_outside)
				line(sb, "", prefix_format_address(
				    &c->tunnels[t].aws_outside_ip, pf, sizeof pf));
		}
		snprintf(buf, sizeof buf, "IKEv%d, DPD %us", c->ike.version,
		    c->ike.dpd);
		line(sb, "ike", buf);
		ike_phase_lines(sb, &c->ike.phase1, 1);
		ike_phase_lines(sb, &c->ike.phase2, 2);
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
	override_line(sb, c->availability);
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
		line(&sb, "design", d->name);
		break;
	case OUTLINE_DC: {
		const struct datacenter *dc = &d->dcs[row->index];

		strbuf_addf(&sb, "data center %s\n", dc->name);
		prefixes_text(buf, sizeof buf, dc->prefixes, dc->nprefixes);
		line(&sb, "prefixes", buf);
		override_line(&sb, dc->availability);
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
		override_line(&sb, dev->availability);
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
		override_line(&sb, w->availability);
		break;
	}
	case OUTLINE_RISK: {
		const struct risk *r = &d->risks[row->index];

		strbuf_addf(&sb, "risk group %s\n", r->name);
		for (size_t i = 0; i < r->nmembers; i++)
			line(&sb, i ? "" : "members", r->members[i]);
		override_line(&sb, r->availability);
		break;
	}
	}
	return strbuf_detach(&sb);
}
