/* topology.dot: the design as a Graphviz graph for review documents.  Data
 * centers are clusters holding their devices, DX locations sit between
 * them and the VPC; VPN links are dashed, DX links bold, WAN links grey,
 * each labelled with what an engineer checks (provider, location, speed,
 * VLAN, BFD, ISP).  Render with: dot -Tsvg topology.dot -o topology.svg */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/emit.h"

#define C_VPN "#2e8b57"
#define C_DX "#1f5fbf"
#define C_WAN "#777777"

/* Free text as a DOT string's content: quotes and backslashes escaped,
 * control characters gone (xcomment_text). */
static void
dot_text(struct strbuf *sb, const char *s)
{
	char clean[DESIGN_TEXT_MAX + 1];

	xcomment_text(s, clean, sizeof clean);
	for (const char *p = clean; *p; p++) {
		if (*p == '"' || *p == '\\')
			strbuf_add(sb, "\\", 1);
		strbuf_add(sb, p, 1);
	}
}

static void
dot_prefixes(struct strbuf *sb, const struct prefix *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char p[X_ADDR];

		xcidr(&v[i], p);
		strbuf_addf(sb, "%s%s", i ? ", " : "\\n", p);
	}
}

static bool
seen_location(const struct design *d, size_t upto, const char *loc)
{
	for (size_t i = 0; i < upto; i++)
		if (d->conns[i].type == CONN_DX &&
		    strcmp(d->conns[i].location, loc) == 0)
			return true;
	return false;
}

char *
export_dot(const struct design *d)
{
	struct strbuf sb = STRBUF_INIT;
	char title[DESIGN_TEXT_MAX + 1];
	bool locations = false;

	xcomment_text(d->name, title, sizeof title);
	strbuf_addf(&sb, "// %s: topology.dot\n// Design: %s\n// Render with: "
	    "dot -Tsvg topology.dot -o topology.svg\n", X_MARKER, title);
	strbuf_puts(&sb, "graph \"topology\" {\n");
	strbuf_puts(&sb, "  graph [fontname=\"Helvetica\", rankdir=TB, "
	    "labelloc=t, label=\"");
	dot_text(&sb, d->name);
	strbuf_puts(&sb, "\"];\n");
	strbuf_puts(&sb, "  node [fontname=\"Helvetica\", fontsize=10];\n");
	strbuf_puts(&sb, "  edge [fontname=\"Helvetica\", fontsize=9];\n\n");

	strbuf_addf(&sb, "  \"vpc:%s\" [shape=box3d, style=filled, "
	    "fillcolor=\"#ffe9b3\", label=\"VPC %s\\n%s, AS %u", d->vpc.name,
	    d->vpc.name, d->vpc.gateway == GATEWAY_TGW ? "transit gateway" :
	    "virtual private gateway", d->vpc.asn);
	if (d->vpc.gateway == GATEWAY_TGW && d->vpc.ecmp)
		strbuf_puts(&sb, ", VPN ECMP");
	dot_prefixes(&sb, d->vpc.cidrs, d->vpc.ncidrs);
	strbuf_puts(&sb, "\"];\n\n");

	for (size_t i = 0; i < d->nconns; i++) {
		const struct connection *c = &d->conns[i];

		if (c->type != CONN_DX || seen_location(d, i, c->location))
			continue;
		strbuf_addf(&sb, "  \"location:%s\" [shape=hexagon, label=\"DX "
		    "location\\n%s\"];\n", c->location, c->location);
		strbuf_addf(&sb, "  \"location:%s\" -- \"vpc:%s\" [style=bold, "
		    "color=\"%s\"];\n", c->location, d->vpc.name, C_DX);
		locations = true;
	}
	if (locations)
		strbuf_puts(&sb, "\n");

	for (size_t i = 0; i < d->ndcs; i++) {
		const struct datacenter *dc = &d->dcs[i];

		strbuf_addf(&sb, "  subgraph \"cluster_%s\" {\n", dc->name);
		strbuf_addf(&sb, "    label=\"data center %s\";\n", dc->name);
		strbuf_puts(&sb, "    style=rounded;\n    color=\"#555555\";\n");
		strbuf_addf(&sb, "    \"dc:%s\" [shape=folder, label=\"%s",
		    dc->name, dc->name);
		dot_prefixes(&sb, dc->prefixes, dc->nprefixes);
		strbuf_puts(&sb, "\"];\n");
		for (size_t k = 0; k < d->ndevices; k++) {
			const struct device *dv = &d->devices[k];

			if (strcmp(dv->dc, dc->name) != 0)
				continue;
			strbuf_addf(&sb, "    \"device:%s\" [shape=box, label=\"%s\\n%s, "
			    "AS %u", dv->name, dv->name, design_vendor_name(dv->vendor),
			    dv->asn);
			if (dv->has_public_ip) {
				char a[X_ADDR];

				xaddr(&dv->public_ip, a);
				strbuf_addf(&sb, "\\n%s", a);
			}
			if (dv->isp[0] != '\0')
				strbuf_addf(&sb, "%s%s", dv->has_public_ip ? ", " : "\\n",
				    dv->isp);
			strbuf_puts(&sb, "\"];\n");
			strbuf_addf(&sb, "    \"dc:%s\" -- \"device:%s\" "
			    "[style=dotted, color=\"#999999\"];\n", dc->name, dv->name);
		}
		strbuf_puts(&sb, "  }\n\n");
	}

	for (size_t i = 0; i < d->nconns; i++) {
		const struct connection *c = &d->conns[i];

		if (c->type == CONN_VPN) {
			int dv = design_find_device(d, c->device);
			int up = 0;
			double gbps = 0;

			for (int t = 0; t < c->ntunnels; t++) {
				if (c->tunnels[t].enabled)
					up++;
				gbps = c->tunnels[t].gbps;
			}
			strbuf_addf(&sb, "  \"device:%s\" -- \"vpc:%s\" [style=dashed, "
			    "color=\"%s\", label=\"%s: VPN, %s\\n", c->device,
			    d->vpc.name, C_VPN, c->name, c->routing == ROUTING_STATIC ?
			    "static" : "BGP");
			if (dv >= 0 && d->devices[dv].isp[0] != '\0')
				strbuf_addf(&sb, "%s, ", d->devices[dv].isp);
			strbuf_addf(&sb, "%d tunnel%s x %g Gbps", c->ntunnels,
			    c->ntunnels == 1 ? "" : "s", gbps);
			if (up < c->ntunnels)
				strbuf_addf(&sb, " (%d disabled)", c->ntunnels - up);
			strbuf_puts(&sb, "\"];\n");
		} else {
			strbuf_addf(&sb, "  \"device:%s\" -- \"location:%s\" "
			    "[style=bold, penwidth=2, color=\"%s\", label=\"%s: DX %g "
			    "Gbps\\n%s, %s\\nVLAN %d%s\"];\n", c->device, c->location,
			    C_DX, c->name, c->gbps, c->provider, c->location, c->vlan,
			    c->bfd ? ", BFD" : "");
		}
	}
	for (size_t i = 0; i < d->nwans; i++) {
		const struct wan_link *w = &d->wans[i];

		strbuf_addf(&sb, "  \"dc:%s\" -- \"dc:%s\" [penwidth=3, "
		    "color=\"%s\", label=\"WAN %g Gbps\"];\n", w->a, w->b, C_WAN,
		    w->gbps);
	}
	strbuf_puts(&sb, "}\n");
	return strbuf_detach(&sb);
}
