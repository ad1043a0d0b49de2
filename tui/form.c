#define NCURSES_WIDECHAR 1
#include "tui/form.h"

#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <form.h>
#include <math.h>
#include <panel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/strbuf.h"
#include "render/canvas.h"
#include "render/outline.h"

#define FORM_MAX_FIELDS 40
/* Short texts built for a field (numbers, names, a single prefix). */
#define FIELD_MAX 200

enum ftype { F_NAME, F_NAME_OPT, F_PREFIXES, F_PREFIX, F_ADDR_OPT, F_INT,
	F_DOUBLE, F_CHOICE, F_REF_DC, F_REF_DEVICE, F_TEXT, F_AVAIL, F_ENC,
	F_INTEG, F_DH, F_MEMBERS, F_UINT_OPT };

struct field {
	const char *label;
	enum ftype type;
	char *val;              /* any length: a TGW VPN may carry 1,000 prefixes */
	const char *const *choices;
	double lo, hi;
	char problem[200];
	/* On screen: the formw fields of its row, the choices as shown (a
	 * TYPE_ENUM list), and what the problem and note fields hold. */
	FIELD *flabel, *fvalue, *fnote, *fproblem;
	char **shown_choices;
	char shown_problem[200];   /* as big as problem */
	bool shown_note;
};

struct form {
	const struct design *d;
	const char *path;
	enum form_kind kind;
	bool edit;
	size_t index;
	size_t sub;             /* the prefix or advertisement edited */
	bool was_valid;
	struct field f[FORM_MAX_FIELDS];
	int n, cur;
	char problem[400];      /* the first field problem or validate's */
	char apply_problem[200];    /* a rename the model refused */
	/* The formw form and its panel, built by form_draw for a screen of
	 * lines x cols; form NULL until then. */
	FORM *form;
	FIELD **fields;
	WINDOW *win, *subwin;
	PANEL *panel;
	int lines, cols, w, h, vis;
	bool color;
	int shown_page;
	int pos;                /* the cursor, in characters of the text */
	char shown_foot[2][400];  /* the problem (as big) and the keys */
};

static const char *const yesno[] = { "no", "yes", NULL };
static const char *const vendors[] = { "cisco-ios", "junos", "frr", NULL };
static const char *const routings[] = { "bgp", "static", NULL };
static const char *const gateways[] = { "vgw", "tgw", NULL };
static const char *const lps[] = { "none", "low", "medium", "high", NULL };
static const char *const versions[] = { "1", "2", NULL };
static const char *const severities[] = { "default", "off", "info",
	"warning", "error", NULL };
static const char *const tunnel_labels[2][3] = {
	{ "t1 enabled", "t1 gbps", "t1 outside" },
	{ "t2 enabled", "t2 gbps", "t2 outside" },
};
static char rule_labels[DESIGN_RULE_COUNT][8];

static struct field *
add(struct form *fm, const char *label, enum ftype type, const char *val)
{
	struct field *f = &fm->f[fm->n++];

	memset(f, 0, sizeof *f);
	f->label = label;
	f->type = type;
	f->val = xstrdup(val ? val : "");
	return f;
}

static void
set_val(struct field *f, const char *s)
{
	char *n = xstrdup(s);

	free(f->val);
	f->val = n;
}

static struct field *
find(struct form *fm, const char *label)
{
	for (int i = 0; i < fm->n; i++)
		if (strcmp(fm->f[i].label, label) == 0)
			return &fm->f[i];
	return NULL;
}

static const char *
val(struct form *fm, const char *label)
{
	struct field *f = find(fm, label);

	return f ? f->val : "";
}

/* A list of prefixes as a field shows it, whatever its length. */
static char *
prefixes_text(const struct prefix *p, size_t n)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_puts(&sb, "");
	for (size_t i = 0; i < n; i++) {
		char pf[PREFIX_STRLEN];

		strbuf_addf(&sb, "%s%s", i ? " " : "", prefix_format(&p[i], pf,
		    sizeof pf));
	}
	return strbuf_detach(&sb);
}

static char *
adverts_text(const struct connection *c)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_puts(&sb, "");
	for (size_t i = 0; i < c->nadverts; i++) {
		char pf[PREFIX_STRLEN];

		strbuf_addf(&sb, "%s%s", i ? " " : "", prefix_format(
		    &c->adverts[i].prefix, pf, sizeof pf));
	}
	return strbuf_detach(&sb);
}

/* The field of a list of prefixes, filled from the list. */
static struct field *
add_prefixes(struct form *fm, const char *label, const struct prefix *p,
    size_t n)
{
	char *text = prefixes_text(p, n);
	struct field *f = add(fm, label, F_PREFIXES, text);

	free(text);
	return f;
}

static void
add_adverts(struct form *fm, const struct connection *c)
{
	char *text = adverts_text(c);

	add(fm, "advertise", F_PREFIXES, text);
	free(text);
}

static void
free_name(const struct design *d, const char *stem, char *out, size_t len,
    int kind)
{
	for (int i = 1; i < 100000; i++) {
		snprintf(out, len, "%s%d", stem, i);
		if ((kind == 0 && design_find_dc(d, out) < 0) ||
		    (kind == 1 && design_find_device(d, out) < 0) ||
		    (kind == 2 && design_find_conn(d, out) < 0))
			return;
	}
}

/* The data center and device the selection points at, for defaults. */
static void
selection_context(const struct design *d, int selkind, size_t index,
    int *dc, int *dev, int *conn)
{
	*dc = *dev = *conn = -1;
	if (selkind == CANVAS_DC && index < d->ndcs)
		*dc = (int)index;
	else if (selkind == CANVAS_DEVICE && index < d->ndevices) {
		*dev = (int)index;
		*dc = design_find_dc(d, d->devices[index].dc);
	} else if (selkind == CANVAS_CONN && index < d->nconns) {
		*conn = (int)index;
		*dev = design_find_device(d, d->conns[index].device);
		if (*dev >= 0)
			*dc = design_find_dc(d, d->devices[*dev].dc);
	}
	if (*dev < 0 && *dc >= 0)
		for (size_t v = 0; v < d->ndevices; v++)
			if (strcmp(d->devices[v].dc, d->dcs[*dc].name) == 0) {
				*dev = (int)v;
				break;
			}
	if (*dc < 0 && d->ndcs > 0)
		*dc = 0;
	if (*dev < 0 && d->ndevices > 0)
		*dev = 0;
}

static void
propose_dc_prefix(const struct design *d, char *buf, size_t len)
{
	for (int k = 0; k < 256; k++) {
		struct prefix p;
		char why[128];
		bool used = false;

		snprintf(buf, len, "10.%d.0.0/16", k);
		prefix_parse(buf, &p, why, sizeof why);
		for (size_t i = 0; i < d->ndcs && !used; i++)
			for (size_t j = 0; j < d->dcs[i].nprefixes; j++)
				if (prefix_overlaps(&d->dcs[i].prefixes[j], &p))
					used = true;
		for (size_t j = 0; j < d->vpc.ncidrs; j++)
			if (prefix_overlaps(&d->vpc.cidrs[j], &p))
				used = true;
		if (!used)
			return;
	}
}

static void
propose_peer(const struct design *d, char *buf, size_t len)
{
	for (int k = 0; k < 64 * 100; k++) {
		struct prefix p;
		char why[128];
		bool used = false;

		snprintf(buf, len, "169.254.%d.%d/30", 100 + k / 64, (k % 64) * 4);
		prefix_parse(buf, &p, why, sizeof why);
		for (size_t i = 0; i < d->nconns && !used; i++) {
			const struct connection *c = &d->conns[i];

			if (c->type == CONN_DX && prefix_overlaps(&c->peer, &p))
				used = true;
			for (int t = 0; c->type == CONN_VPN && t < c->ntunnels; t++)
				if (prefix_overlaps(&c->tunnels[t].inside, &p))
					used = true;
		}
		if (!used)
			return;
	}
}

static void
num(char *buf, size_t len, double v)
{
	snprintf(buf, len, "%g", v);
}

static void
avail_text(char *buf, size_t len, double a)
{
	if (a > 0)
		num(buf, len, a);
	else
		buf[0] = '\0';
}

/* Availability (empty: the class default) and description. */
static void
fill_common(struct form *fm, double a, const char *desc)
{
	char buf[FIELD_MAX];

	avail_text(buf, sizeof buf, a);
	add(fm, "availability", F_AVAIL, buf);
	add(fm, "description", F_TEXT, desc ? desc : "");
}

static struct field *
add_int(struct form *fm, const char *label, long long v, double lo,
    double hi)
{
	char buf[32];
	struct field *f;

	snprintf(buf, sizeof buf, "%lld", v);
	f = add(fm, label, F_INT, buf);
	f->lo = lo;
	f->hi = hi;
	return f;
}

/* What a connection has beyond its first form fields: local_pref, the
 * tunnels and IKE of a VPN, availability and description. */
static void
fill_conn_more(struct form *fm, const struct connection *c)
{
	char buf[FIELD_MAX];
	struct field *f;

	add_int(fm, "local_pref", c->local_pref, 0, 2147483647.0);
	if (c->type == CONN_VPN) {
		const struct ike *ike = &c->ike;

		for (int t = 0; t < 2; t++) {
			const struct tunnel *tu = &c->tunnels[t];

			add(fm, tunnel_labels[t][0], F_CHOICE, tu->enabled ? "yes" :
			    "no")->choices = yesno;
			num(buf, sizeof buf, tu->gbps);
			f = add(fm, tunnel_labels[t][1], F_DOUBLE, buf);
			f->lo = 0.001;
			f->hi = 100;
			buf[0] = '\0';
			if (tu->has_outside)
				prefix_format_address(&tu->aws_outside_ip, buf, sizeof buf);
			add(fm, tunnel_labels[t][2], F_ADDR_OPT, buf);
		}
		add(fm, "ike version", F_CHOICE, ike->version == 1 ? "1" : "2")->
		    choices = versions;
		outline_ike_list(buf, sizeof buf, ike->phase1.encryption,
		    ike->phase1.nencryption, OUTLINE_IKE_ENCRYPTION);
		add(fm, "p1 encryption", F_ENC, buf);
		outline_ike_list(buf, sizeof buf, ike->phase1.integrity,
		    ike->phase1.nintegrity, OUTLINE_IKE_INTEGRITY);
		add(fm, "p1 integrity", F_INTEG, buf);
		outline_ike_list(buf, sizeof buf, ike->phase1.dh, ike->phase1.ndh,
		    OUTLINE_IKE_DH);
		add(fm, "p1 dh", F_DH, buf);
		add_int(fm, "p1 lifetime", ike->phase1.lifetime, 900, 28800);
		outline_ike_list(buf, sizeof buf, ike->phase2.encryption,
		    ike->phase2.nencryption, OUTLINE_IKE_ENCRYPTION);
		add(fm, "p2 encryption", F_ENC, buf);
		outline_ike_list(buf, sizeof buf, ike->phase2.integrity,
		    ike->phase2.nintegrity, OUTLINE_IKE_INTEGRITY);
		add(fm, "p2 integrity", F_INTEG, buf);
		outline_ike_list(buf, sizeof buf, ike->phase2.dh, ike->phase2.ndh,
		    OUTLINE_IKE_DH);
		add(fm, "p2 pfs", F_DH, buf);
		add_int(fm, "p2 lifetime", ike->phase2.lifetime, 900, 3600);
		add_int(fm, "dpd", ike->dpd, 1, 3600);
	}
	fill_common(fm, c->availability, c->description);
}

static void
fill_vpn(struct form *fm, const struct connection *c, int dev)
{
	const struct design *d = fm->d;
	char name[64];
	struct prefix in[2];
	struct connection tmp;
	int dc;

	if (c) {
		add(fm, "name", F_NAME, c->name);
		add(fm, "device", F_REF_DEVICE, c->device);
		add(fm, "routing", F_CHOICE, design_routing_name(c->routing))->
		    choices = routings;
		for (int t = 0; t < 2; t++) {
			char pf[PREFIX_STRLEN];

			add(fm, t ? "tunnel 2" : "tunnel 1", F_PREFIX, t < c->ntunnels ?
			    prefix_format(&c->tunnels[t].inside, pf, sizeof pf) : "");
		}
		add_adverts(fm, c);
		fill_conn_more(fm, c);
		return;
	}
	free_name(d, "vpn", name, sizeof name, 2);
	add(fm, "name", F_NAME, name);
	add(fm, "device", F_REF_DEVICE, dev >= 0 ? d->devices[dev].name : "");
	add(fm, "routing", F_CHOICE, "bgp")->choices = routings;
	memset(in, 0, sizeof in);
	if (design_propose_inside(d, in, 2) == 2) {
		char pf[PREFIX_STRLEN];

		add(fm, "tunnel 1", F_PREFIX, prefix_format(&in[0], pf, sizeof pf));
		add(fm, "tunnel 2", F_PREFIX, prefix_format(&in[1], pf, sizeof pf));
	} else {
		add(fm, "tunnel 1", F_PREFIX, "");
		add(fm, "tunnel 2", F_PREFIX, "");
	}
	dc = dev >= 0 ? design_find_dc(d, d->devices[dev].dc) : -1;
	add_prefixes(fm, "advertise", dc >= 0 ? d->dcs[dc].prefixes : NULL,
	    dc >= 0 ? d->dcs[dc].nprefixes : 0);
	memset(&tmp, 0, sizeof tmp);
	design_connection_defaults(&tmp, CONN_VPN);
	fill_conn_more(fm, &tmp);
}

static void
fill_dx(struct form *fm, const struct connection *c, int dev)
{
	const struct design *d = fm->d;
	char buf[FIELD_MAX], name[64], pf[PREFIX_STRLEN];
	struct connection tmp;
	struct field *f;

	if (c) {
		add(fm, "name", F_NAME, c->name);
		add(fm, "device", F_REF_DEVICE, c->device);
		add(fm, "location", F_NAME, c->location);
		add(fm, "provider", F_NAME, c->provider);
		num(buf, sizeof buf, c->gbps);
		f = add(fm, "gbps", F_DOUBLE, buf);
		snprintf(buf, sizeof buf, "%d", c->vlan);
		add(fm, "vlan", F_INT, buf);
		add(fm, "peer", F_PREFIX, prefix_format(&c->peer, pf, sizeof pf));
		add(fm, "bfd", F_CHOICE, c->bfd ? "yes" : "no")->choices = yesno;
		add_adverts(fm, c);
		fill_conn_more(fm, c);
	} else {
		const char *loc = "location1", *prov = "provider1";
		int vlan = 100, dc;

		for (size_t i = 0; i < d->nconns; i++)
			if (d->conns[i].type == CONN_DX) {
				loc = d->conns[i].location;
				prov = d->conns[i].provider;
				if (d->conns[i].vlan > vlan)
					vlan = d->conns[i].vlan;
			}
		free_name(d, "dx", name, sizeof name, 2);
		add(fm, "name", F_NAME, name);
		add(fm, "device", F_REF_DEVICE, dev >= 0 ? d->devices[dev].name :
		    "");
		add(fm, "location", F_NAME, loc);
		add(fm, "provider", F_NAME, prov);
		f = add(fm, "gbps", F_DOUBLE, "10");
		snprintf(buf, sizeof buf, "%d", vlan + 1 > 4094 ? 4094 : vlan + 1);
		add(fm, "vlan", F_INT, buf);
		propose_peer(d, buf, sizeof buf);
		add(fm, "peer", F_PREFIX, buf);
		add(fm, "bfd", F_CHOICE, "yes")->choices = yesno;
		dc = dev >= 0 ? design_find_dc(d, d->devices[dev].dc) : -1;
		add_prefixes(fm, "advertise", dc >= 0 ? d->dcs[dc].prefixes :
		    NULL, dc >= 0 ? d->dcs[dc].nprefixes : 0);
		memset(&tmp, 0, sizeof tmp);
		design_connection_defaults(&tmp, CONN_DX);
		fill_conn_more(fm, &tmp);
	}
	f->lo = DESIGN_DX_GBPS_MIN;
	f->hi = DESIGN_DX_GBPS_MAX;
	f = find(fm, "vlan");
	f->lo = 1;
	f->hi = 4094;
}

/* A data center prefix with no traffic demand yet, the selected data
 * center's first. */
static void
free_demand(const struct design *d, int sel, char *buf, size_t len)
{
	buf[0] = '\0';
	for (size_t k = 0; k <= d->ndcs; k++) {
		size_t i = k == 0 ? (size_t)(sel >= 0 ? sel : 0) : k - 1;

		for (size_t j = 0; i < d->ndcs && j < d->dcs[i].nprefixes; j++) {
			const struct prefix *p = &d->dcs[i].prefixes[j];
			bool used = false;

			for (size_t t = 0; t < d->ntraffic && !used; t++)
				used = prefix_equal(&d->traffic[t].prefix, p);
			if (!used) {
				prefix_format(p, buf, len);
				return;
			}
		}
	}
}

static void check(struct form *fm);

/* Whether the design validates decides if the form checks the whole
 * edited copy (a broken design would blame every edit). */
static struct form *
form_alloc(const struct design *d, const char *path, enum form_kind kind,
    bool edit, size_t index)
{
	struct form *fm = xcalloc(1, sizeof *fm);
	struct error err = ERROR_INIT;

	fm->d = d;
	fm->path = path;
	fm->kind = kind;
	fm->edit = edit;
	fm->index = index;
	fm->was_valid = design_validate(d, path, &err) == 0;
	error_clear(&err);
	return fm;
}

struct form *
form_new(const struct design *d, const char *path, enum form_kind kind,
    bool edit, size_t index, int selkind)
{
	struct form *fm = form_alloc(d, path, kind, edit, index);
	char buf[FIELD_MAX], name[64];
	int dc, dev, conn;
	struct field *f;

	selection_context(d, selkind, index, &dc, &dev, &conn);
	switch (kind) {
	case FORM_VPC:
		add(fm, "name", F_NAME, d->vpc.name);
		add_prefixes(fm, "cidrs", d->vpc.cidrs, d->vpc.ncidrs);
		add(fm, "gateway", F_CHOICE, design_gateway_name(d->vpc.gateway))->
		    choices = gateways;
		snprintf(buf, sizeof buf, "%lu", (unsigned long)d->vpc.asn);
		f = add(fm, "AWS ASN", F_INT, buf);
		f->lo = 1;
		f->hi = 4294967294.0;
		add(fm, "ecmp", F_CHOICE, d->vpc.ecmp ? "yes" : "no")->choices =
		    yesno;
		add(fm, "design title", F_TEXT, d->name);
		break;
	case FORM_DC:
		if (edit) {
			add(fm, "name", F_NAME, d->dcs[index].name);
			add_prefixes(fm, "prefixes", d->dcs[index].prefixes,
			    d->dcs[index].nprefixes);
		} else {
			free_name(d, "dc", name, sizeof name, 0);
			add(fm, "name", F_NAME, name);
			propose_dc_prefix(d, buf, sizeof buf);
			add(fm, "prefixes", F_PREFIXES, buf);
		}
		fill_common(fm, edit ? d->dcs[index].availability : 0,
		    edit ? d->dcs[index].description : NULL);
		break;
	case FORM_DEVICE: {
		const struct device *v = edit ? &d->devices[index] : NULL;

		if (v == NULL)
			free_name(d, "cgw", name, sizeof name, 1);
		add(fm, "name", F_NAME, v ? v->name : name);
		add(fm, "dc", F_REF_DC, v ? v->dc : dc >= 0 ? d->dcs[dc].name : "");
		add(fm, "vendor", F_CHOICE, design_vendor_name(v ? v->vendor :
		    VENDOR_FRR))->choices = vendors;
		snprintf(buf, sizeof buf, "%lu", v ? (unsigned long)v->asn :
		    65000ul + (unsigned long)d->ndevices + 1);
		f = add(fm, "ASN", F_INT, buf);
		f->lo = 1;
		f->hi = 4294967295.0;
		buf[0] = '\0';
		if (v && v->has_public_ip)
			prefix_format_address(&v->public_ip, buf, sizeof buf);
		add(fm, "public_ip", F_ADDR_OPT, buf);
		add(fm, "isp", F_NAME_OPT, v ? v->isp : "");
		fill_common(fm, v ? v->availability : 0, v ? v->description : NULL);
		break;
	}
	case FORM_VPN:
		fill_vpn(fm, edit ? &d->conns[index] : NULL, dev);
		break;
	case FORM_DX:
		fill_dx(fm, edit ? &d->conns[index] : NULL, dev);
		break;
	case FORM_WAN:
		if (edit) {
			add(fm, "a", F_REF_DC, d->wans[index].a);
			add(fm, "b", F_REF_DC, d->wans[index].b);
			num(buf, sizeof buf, d->wans[index].gbps);
		} else {
			int other = dc >= 0 && (size_t)dc + 1 < d->ndcs ? dc + 1 :
			    d->ndcs > 1 && dc != 0 ? 0 : -1;

			add(fm, "a", F_REF_DC, dc >= 0 ? d->dcs[dc].name : "");
			add(fm, "b", F_REF_DC, other >= 0 ? d->dcs[other].name : "");
			snprintf(buf, sizeof buf, "10");
		}
		f = add(fm, "gbps", F_DOUBLE, buf);
		f->lo = 0.001;
		f->hi = 100000;
		avail_text(buf, sizeof buf, edit ? d->wans[index].availability : 0);
		add(fm, "availability", F_AVAIL, buf);
		break;
	case FORM_PREFIX:
		fm->index = (size_t)dc;
		propose_dc_prefix(d, buf, sizeof buf);
		add(fm, "prefix", F_PREFIX, buf);
		break;
	case FORM_ADVERT:
		fm->index = (size_t)conn;
		buf[0] = '\0';
		if (dc >= 0 && d->dcs[dc].nprefixes > 0)
			prefix_format(&d->dcs[dc].prefixes[0], buf, sizeof buf);
		add(fm, "prefix", F_PREFIX, buf);
		f = add(fm, "prepend", F_INT, "0");
		f->lo = 0;
		f->hi = DESIGN_PREPEND_MAX;
		if (conn >= 0 && d->conns[conn].type == CONN_DX)
			add(fm, "local_pref", F_CHOICE, "none")->choices = lps;
		else
			add(fm, "med", F_UINT_OPT, "");
		break;
	case FORM_TRAFFIC: {
		const struct traffic *tr = edit ? &d->traffic[index] : NULL;

		buf[0] = '\0';
		if (tr)
			prefix_format(&tr->prefix, buf, sizeof buf);
		else
			free_demand(d, dc, buf, sizeof buf);
		add(fm, "prefix", F_PREFIX, buf);
		num(buf, sizeof buf, tr ? tr->from_aws : 1);
		f = add(fm, "from_aws", F_DOUBLE, buf);
		f->lo = 0;
		f->hi = 1e6;
		num(buf, sizeof buf, tr ? tr->to_aws : 1);
		f = add(fm, "to_aws", F_DOUBLE, buf);
		f->lo = 0;
		f->hi = 1e6;
		break;
	}
	case FORM_RISK: {
		const struct risk *r = edit ? &d->risks[index] : NULL;
		struct strbuf sb = STRBUF_INIT;

		if (r == NULL) {
			for (int i = 1; i < 100000; i++) {
				snprintf(name, sizeof name, "risk%d", i);
				if (design_find_risk(d, name) < 0)
					break;
			}
		}
		add(fm, "name", F_NAME, r ? r->name : name);
		for (size_t i = 0; r && i < r->nmembers; i++)
			strbuf_addf(&sb, "%s%s", i ? " " : "", r->members[i]);
		strbuf_puts(&sb, "");
		add(fm, "members", F_MEMBERS, sb.data);
		strbuf_free(&sb);
		avail_text(buf, sizeof buf, r ? r->availability : 0);
		add(fm, "availability", F_AVAIL, buf);
		break;
	}
	case FORM_AVAIL:
		for (int i = 0; i < AVAIL_CLASS_COUNT; i++) {
			if (d->avail_set[i])
				num(buf, sizeof buf, d->avail[i]);
			else
				buf[0] = '\0';
			add(fm, design_avail_class_name((enum avail_class)i), F_AVAIL,
			    buf);
		}
		break;
	case FORM_RULES:
		for (int i = 0; i < DESIGN_RULE_COUNT; i++) {
			snprintf(rule_labels[i], sizeof rule_labels[i], "HA%03d", i + 1);
			add(fm, rule_labels[i], F_CHOICE, severities[d->rules[i]])->
			    choices = severities;
		}
		break;
	}
	check(fm);
	return fm;
}

struct form *
form_edit_item(const struct design *d, const char *path,
    enum form_kind kind, size_t owner, size_t item)
{
	struct form *fm = form_alloc(d, path, kind, true, owner);
	char buf[FIELD_MAX];
	struct field *f;

	fm->sub = item;
	if (kind == FORM_PREFIX) {
		prefix_format(&d->dcs[owner].prefixes[item], buf, sizeof buf);
		add(fm, "prefix", F_PREFIX, buf);
	} else {
		const struct connection *c = &d->conns[owner];
		const struct advert *a = &c->adverts[item];

		prefix_format(&a->prefix, buf, sizeof buf);
		add(fm, "prefix", F_PREFIX, buf);
		f = add_int(fm, "prepend", a->prepend, 0, DESIGN_PREPEND_MAX);
		(void)f;
		if (c->type == CONN_DX)
			add(fm, "local_pref", F_CHOICE, lps[a->local_pref])->choices =
			    lps;
		else {
			buf[0] = '\0';
			if (a->has_med)
				snprintf(buf, sizeof buf, "%lu", (unsigned long)a->med);
			add(fm, "med", F_UINT_OPT, buf);
		}
	}
	check(fm);
	return fm;
}

static void screen_free(struct form *fm);

void
form_free(struct form **fp)
{
	if (fp == NULL || *fp == NULL)
		return;
	screen_free(*fp);
	for (int i = 0; i < (*fp)->n; i++)
		free((*fp)->f[i].val);
	free(*fp);
	*fp = NULL;
}

/* The prefixes of a list, in *out (NULL: only checked); the count, or
 * -1 with why. */
static int
parse_prefixes(const char *s, struct prefix **out, char *why, size_t whylen)
{
	char *buf = xstrdup(s), *tok, *save = NULL;
	struct prefix *ps = NULL;
	size_t n = 0, cap = 0;

	for (tok = strtok_r(buf, " ,", &save); tok;
	    tok = strtok_r(NULL, " ,", &save)) {
		struct prefix p;

		if (prefix_parse(tok, &p, why, whylen) != 0) {
			free(buf);
			free(ps);
			return -1;
		}
		if (out) {
			ps = xgrow(ps, &cap, n + 1, sizeof *ps);
			ps[n] = p;
		}
		n++;
	}
	free(buf);
	if (out)
		*out = ps;
	return n > INT_MAX ? INT_MAX : (int)n;
}

/* A list of IKE algorithm names (kind 0 encryption, 1 integrity) or DH
 * groups (2); the count, or -1 with why. */
static int
parse_list(const char *s, int kind, uint8_t *out, int max, char *why,
    size_t whylen)
{
	char *buf = xstrdup(s), *tok, *save = NULL;
	int n = 0;

	for (tok = strtok_r(buf, " ,", &save); tok;
	    tok = strtok_r(NULL, " ,", &save)) {
		int v = -1;

		if (kind == 2) {
			char *end;
			long g = strtol(tok, &end, 10);

			if (*end == '\0' && g >= 1 && g <= 32)
				v = (int)g;
		} else
			for (int i = 0; i < (kind == 0 ? IKE_ENCRYPTION_COUNT :
			    IKE_INTEGRITY_COUNT); i++)
				if (strcmp(tok, kind == 0 ?
				    design_ike_encryption_name((enum ike_encryption)i) :
				    design_ike_integrity_name((enum ike_integrity)i)) == 0)
					v = i;
		if (v < 0) {
			snprintf(why, whylen, "\"%.40s\" is not %s", tok, kind == 2 ?
			    "a DH group number" : kind == 0 ? "an encryption "
			    "algorithm (aes128 aes256 aes128-gcm16 aes256-gcm16)" :
			    "an integrity algorithm (sha1 sha2-256 sha2-384 "
			    "sha2-512)");
			n = -1;
			break;
		}
		for (int i = 0; i < n && i < max; i++)
			if (out[i] == v) {
				snprintf(why, whylen, "%s is listed twice", tok);
				v = -2;
			}
		if (v == -2) {
			n = -1;
			break;
		}
		if (n >= max) {
			snprintf(why, whylen, "at most %d", max);
			n = -1;
			break;
		}
		out[n++] = (uint8_t)v;
	}
	free(buf);
	return n;
}

/* A risk member as the file would hold it ("connection:NAME" for a bare
 * name), or NULL when it names nothing. */
static const char *
member_problem(const struct design *d, const char *id)
{
	if (strncmp(id, "risk:", 5) == 0)
		return "a risk group cannot hold another risk group";
	if (strchr(id, ':') == NULL ? design_find_conn(d, id) >= 0 :
	    design_component_exists(d, id))
		return NULL;
	return "no such component in this design (Ctrl-N completes)";
}

/* One field alone: the model's validators. */
static void
check_field(struct form *fm, struct field *f)
{
	struct prefix ps[64];
	char why[160];
	const char *p;

	f->problem[0] = '\0';
	switch (f->type) {
	case F_NAME_OPT:
		if (f->val[0] == '\0')
			break;
		/* FALLTHROUGH */
	case F_NAME:
		if ((p = design_name_problem(f->val)) != NULL)
			snprintf(f->problem, sizeof f->problem, "%s", p);
		break;
	case F_PREFIXES:
		if (parse_prefixes(f->val, NULL, why, sizeof why) < 0)
			snprintf(f->problem, sizeof f->problem, "%s", why);
		break;
	case F_PREFIX:
		if (prefix_parse(f->val, ps, why, sizeof why) != 0)
			snprintf(f->problem, sizeof f->problem, "%s", why);
		break;
	case F_ADDR_OPT:
		if (f->val[0] && prefix_parse_address(f->val, ps, why,
		    sizeof why) != 0)
			snprintf(f->problem, sizeof f->problem, "%s", why);
		break;
	case F_INT:
	case F_DOUBLE: {
		char *end;
		double v;

		errno = 0;
		v = strtod(f->val, &end);
		if (f->val[0] == '\0' || *end != '\0' || errno != 0)
			snprintf(f->problem, sizeof f->problem, "not a number");
		else if (!(v >= f->lo && v <= f->hi))   /* NaN too */
			snprintf(f->problem, sizeof f->problem, "must be %g to %g",
			    f->lo, f->hi);
		/* Range first: only then does v fit a whole-number test. */
		else if (f->type == F_INT && v != trunc(v))
			snprintf(f->problem, sizeof f->problem, "not a whole number");
		break;
	}
	case F_REF_DC:
		if (design_find_dc(fm->d, f->val) < 0)
			snprintf(f->problem, sizeof f->problem, "no data center "
			    "named \"%.60s\"", f->val);
		break;
	case F_REF_DEVICE:
		if (design_find_device(fm->d, f->val) < 0)
			snprintf(f->problem, sizeof f->problem, "no device named "
			    "\"%.60s\"", f->val);
		break;
	case F_CHOICE:
		break;
	case F_TEXT:
		if (f->val[0] && (p = design_text_problem(f->val)) != NULL)
			snprintf(f->problem, sizeof f->problem, "%s", p);
		break;
	case F_AVAIL:
	case F_UINT_OPT: {
		char *end;
		double v;

		if (f->val[0] == '\0')
			break;
		errno = 0;
		v = strtod(f->val, &end);
		if (*end != '\0' || errno != 0)
			snprintf(f->problem, sizeof f->problem, "not a number");
		else if (f->type == F_AVAIL && !(v > 0 && v <= 1))
			snprintf(f->problem, sizeof f->problem, "%g is out of range "
			    "(more than 0, at most 1; empty: the default)", v);
		else if (f->type == F_UINT_OPT && (v < 0 || v > 4294967295.0 ||
		    v != floor(v)))
			snprintf(f->problem, sizeof f->problem, "must be a whole "
			    "number 0 to 4294967295, or empty");
		break;
	}
	case F_ENC:
	case F_INTEG:
	case F_DH: {
		uint8_t v[IKE_DH_MAX];

		if (parse_list(f->val, f->type == F_ENC ? 0 : f->type == F_INTEG ?
		    1 : 2, v, f->type == F_ENC ? IKE_ENCRYPTION_COUNT :
		    f->type == F_INTEG ? IKE_INTEGRITY_COUNT : IKE_DH_MAX, why,
		    sizeof why) < 0)
			snprintf(f->problem, sizeof f->problem, "%s", why);
		break;
	}
	case F_MEMBERS: {
		char *buf = xstrdup(f->val), *tok, *save = NULL;

		for (tok = strtok_r(buf, " ,", &save); tok;
		    tok = strtok_r(NULL, " ,", &save))
			if ((p = member_problem(fm->d, tok)) != NULL) {
				snprintf(f->problem, sizeof f->problem, "%.60s: %s", tok,
				    p);
				break;
			}
		free(buf);
		break;
	}
	}
}

static void
set_prefixes(const char *s, struct prefix **arr, size_t *n, size_t *cap)
{
	struct prefix *ps = NULL;
	char why[160];
	int k = parse_prefixes(s, &ps, why, sizeof why);

	*n = 0;
	for (int i = 0; i < k; i++) {
		*arr = xgrow(*arr, cap, *n + 1, sizeof **arr);
		(*arr)[(*n)++] = ps[i];
	}
	free(ps);
}

/* Adverts from a list of prefixes: those already there keep their
 * prepend, community and MED. */
static void
set_adverts(struct connection *c, const char *s)
{
	struct prefix *ps = NULL;
	struct advert *old = c->adverts;
	size_t nold = c->nadverts;
	char why[160];
	int k = parse_prefixes(s, &ps, why, sizeof why);

	c->adverts = NULL;
	c->nadverts = c->advcap = 0;
	for (int i = 0; i < k; i++) {
		struct advert *a = design_conn_add_advert(c, &ps[i]);

		for (size_t j = 0; j < nold; j++)
			if (prefix_equal(&old[j].prefix, &ps[i])) {
				*a = old[j];
				break;
			}
	}
	free(ps);
	free(old);
}

static int
choice_index(const char *const *choices, const char *v)
{
	for (int i = 0; choices[i]; i++)
		if (strcmp(choices[i], v) == 0)
			return i;
	return 0;
}

static double
avail_val(struct form *fm, const char *label)
{
	const char *v = val(fm, label);

	return v[0] ? strtod(v, NULL) : 0;
}

static void
apply_common(struct form *fm, double *avail, char **desc)
{
	*avail = avail_val(fm, "availability");
	if (desc)
		design_set_description(desc, val(fm, "description"));
}

static void
apply_phase(struct form *fm, struct ike_phase *ph, const char *enc,
    const char *integ, const char *dh, const char *life)
{
	char why[160];
	int n;

	if ((n = parse_list(val(fm, enc), 0, ph->encryption,
	    IKE_ENCRYPTION_COUNT, why, sizeof why)) >= 0)
		ph->nencryption = n;
	if ((n = parse_list(val(fm, integ), 1, ph->integrity,
	    IKE_INTEGRITY_COUNT, why, sizeof why)) >= 0)
		ph->nintegrity = n;
	if ((n = parse_list(val(fm, dh), 2, ph->dh, IKE_DH_MAX, why,
	    sizeof why)) >= 0)
		ph->ndh = n;
	ph->lifetime = (uint32_t)strtoul(val(fm, life), NULL, 10);
}

static void
apply_conn_more(struct form *fm, struct connection *c)
{
	char why[160];

	c->local_pref = (int)strtol(val(fm, "local_pref"), NULL, 10);
	if (c->type == CONN_VPN) {
		for (int t = 0; t < 2 && t < c->ntunnels; t++) {
			struct tunnel *tu = &c->tunnels[t];
			const char *out = val(fm, tunnel_labels[t][2]);

			tu->enabled = strcmp(val(fm, tunnel_labels[t][0]), "yes") == 0;
			tu->gbps = strtod(val(fm, tunnel_labels[t][1]), NULL);
			tu->has_outside = out[0] != '\0' && prefix_parse_address(out,
			    &tu->aws_outside_ip, why, sizeof why) == 0;
		}
		c->ike.version = strcmp(val(fm, "ike version"), "1") == 0 ? 1 : 2;
		apply_phase(fm, &c->ike.phase1, "p1 encryption", "p1 integrity",
		    "p1 dh", "p1 lifetime");
		apply_phase(fm, &c->ike.phase2, "p2 encryption", "p2 integrity",
		    "p2 pfs", "p2 lifetime");
		c->ike.dpd = (uint32_t)strtoul(val(fm, "dpd"), NULL, 10);
	}
	apply_common(fm, &c->availability, &c->description);
}

static void
apply_advert(struct form *fm, struct advert *a)
{
	a->prepend = (int)strtol(val(fm, "prepend"), NULL, 10);
	if (find(fm, "local_pref")) {
		int lp = choice_index(lps, val(fm, "local_pref"));

		a->local_pref = (enum lp_community)lp;
	}
	if (find(fm, "med")) {
		a->has_med = val(fm, "med")[0] != '\0';
		a->med = a->has_med ? (uint32_t)strtoul(val(fm, "med"), NULL, 10) :
		    0;
	}
}

/* The field's message for an error of the model, without the file's
 * line: the edited copy's lines are the old file's. */
static void
item_text(char *buf, size_t len, const struct error *err)
{
	struct error_item it = err->items[0];
	char *s;

	it.file = NULL;
	it.line = 0;
	s = error_item_string(&it);
	snprintf(buf, len, "%s", s);
	free(s);
}

/* A new name in an edit form renames the object and every reference;
 * a refusal (a name another object has) becomes the form's problem. */
static void
rename_object(struct form *fm, struct design *nd, enum design_object kind)
{
	struct error err = ERROR_INIT;

	if (design_rename(nd, kind, fm->index, val(fm, "name"), &err) != 0)
		item_text(fm->apply_problem, sizeof fm->apply_problem, &err);
	error_clear(&err);
}

static struct design *
apply(struct form *fm, char *what, size_t whatlen)
{
	struct design *nd = design_clone(fm->d);
	struct prefix p;
	char why[160];

	fm->apply_problem[0] = '\0';

	switch (fm->kind) {
	case FORM_VPC:
		snprintf(nd->vpc.name, sizeof nd->vpc.name, "%s", val(fm, "name"));
		set_prefixes(val(fm, "cidrs"), &nd->vpc.cidrs, &nd->vpc.ncidrs,
		    &nd->vpc.cidrcap);
		nd->vpc.gateway = strcmp(val(fm, "gateway"), "tgw") == 0 ?
		    GATEWAY_TGW : GATEWAY_VGW;
		nd->vpc.asn = (uint32_t)strtoul(val(fm, "AWS ASN"), NULL, 10);
		nd->vpc.ecmp = strcmp(val(fm, "ecmp"), "yes") == 0;
		free(nd->name);
		nd->name = xstrdup(val(fm, "design title"));
		snprintf(what, whatlen, "edited the VPC");
		break;
	case FORM_DC: {
		struct datacenter *dc;

		if (fm->edit) {
			rename_object(fm, nd, DESIGN_DC);
			dc = &nd->dcs[fm->index];
		} else
			dc = design_add_dc(nd, val(fm, "name"));
		set_prefixes(val(fm, "prefixes"), &dc->prefixes, &dc->nprefixes,
		    &dc->pfxcap);
		apply_common(fm, &dc->availability, &dc->description);
		snprintf(what, whatlen, "%s data center %s", fm->edit ? "edited" :
		    "added", dc->name);
		break;
	}
	case FORM_DEVICE: {
		struct device *v;

		if (fm->edit) {
			rename_object(fm, nd, DESIGN_DEVICE);
			v = &nd->devices[fm->index];
			snprintf(v->dc, sizeof v->dc, "%s", val(fm, "dc"));
		} else
			v = design_add_device(nd, val(fm, "name"), val(fm, "dc"));
		design_vendor_parse(val(fm, "vendor"), &v->vendor);
		v->asn = (uint32_t)strtoul(val(fm, "ASN"), NULL, 10);
		v->has_public_ip = val(fm, "public_ip")[0] != '\0' &&
		    prefix_parse_address(val(fm, "public_ip"), &v->public_ip, why,
		    sizeof why) == 0;
		snprintf(v->isp, sizeof v->isp, "%s", val(fm, "isp"));
		apply_common(fm, &v->availability, &v->description);
		snprintf(what, whatlen, "%s device %s", fm->edit ? "edited" :
		    "added", v->name);
		break;
	}
	case FORM_VPN:
	case FORM_DX: {
		struct connection *c;

		if (fm->edit) {
			rename_object(fm, nd, DESIGN_CONN);
			c = &nd->conns[fm->index];
			snprintf(c->device, sizeof c->device, "%s", val(fm, "device"));
		} else
			c = design_add_conn(nd, val(fm, "name"), fm->kind == FORM_VPN ?
			    CONN_VPN : CONN_DX, val(fm, "device"));
		if (fm->kind == FORM_VPN) {
			c->routing = strcmp(val(fm, "routing"), "static") == 0 ?
			    ROUTING_STATIC : ROUTING_BGP;
			if (!fm->edit || c->ntunnels < 2) {
				for (int t = c->ntunnels; t < 2; t++) {
					memset(&c->tunnels[t], 0, sizeof c->tunnels[t]);
					c->tunnels[t].enabled = true;
					c->tunnels[t].gbps = DESIGN_DEFAULT_TUNNEL_GBPS;
				}
				c->ntunnels = 2;
			}
			if (prefix_parse(val(fm, "tunnel 1"), &p, why, sizeof why) == 0)
				c->tunnels[0].inside = p;
			if (prefix_parse(val(fm, "tunnel 2"), &p, why, sizeof why) == 0)
				c->tunnels[1].inside = p;
		} else {
			snprintf(c->location, sizeof c->location, "%s",
			    val(fm, "location"));
			snprintf(c->provider, sizeof c->provider, "%s",
			    val(fm, "provider"));
			c->gbps = strtod(val(fm, "gbps"), NULL);
			c->vlan = (int)strtol(val(fm, "vlan"), NULL, 10);
			if (prefix_parse(val(fm, "peer"), &p, why, sizeof why) == 0)
				c->peer = p;
			c->bfd = strcmp(val(fm, "bfd"), "yes") == 0;
		}
		set_adverts(c, val(fm, "advertise"));
		apply_conn_more(fm, c);
		snprintf(what, whatlen, "%s %s %s", fm->edit ? "edited" : "added",
		    fm->kind == FORM_VPN ? "VPN" : "DX", c->name);
		break;
	}
	case FORM_WAN: {
		struct wan_link *w;

		if (fm->edit) {
			w = &nd->wans[fm->index];
			snprintf(w->a, sizeof w->a, "%s", val(fm, "a"));
			snprintf(w->b, sizeof w->b, "%s", val(fm, "b"));
		} else
			w = design_add_wan(nd, val(fm, "a"), val(fm, "b"), 0);
		w->gbps = strtod(val(fm, "gbps"), NULL);
		apply_common(fm, &w->availability, NULL);
		snprintf(what, whatlen, "%s WAN link %s-%s", fm->edit ? "edited" :
		    "added", w->a, w->b);
		break;
	}
	case FORM_PREFIX:
		if (prefix_parse(val(fm, "prefix"), &p, why, sizeof why) == 0 &&
		    fm->index < nd->ndcs) {
			if (fm->edit)
				nd->dcs[fm->index].prefixes[fm->sub] = p;
			else
				design_dc_add_prefix(&nd->dcs[fm->index], &p);
		}
		snprintf(what, whatlen, "%s prefix %s", fm->edit ? "edited" :
		    "added", val(fm, "prefix"));
		break;
	case FORM_ADVERT:
		if (prefix_parse(val(fm, "prefix"), &p, why, sizeof why) == 0 &&
		    fm->index < nd->nconns) {
			struct connection *c = &nd->conns[fm->index];
			struct advert *a;

			if (fm->edit) {
				a = &c->adverts[fm->sub];
				a->prefix = p;
			} else
				a = design_conn_add_advert(c, &p);
			apply_advert(fm, a);
		}
		snprintf(what, whatlen, "%s advertisement %s", fm->edit ? "edited" :
		    "added", val(fm, "prefix"));
		break;
	case FORM_TRAFFIC: {
		struct traffic *tr;

		memset(&p, 0, sizeof p);
		prefix_parse(val(fm, "prefix"), &p, why, sizeof why);
		if (fm->edit) {
			tr = &nd->traffic[fm->index];
			tr->prefix = p;
		} else
			tr = design_add_traffic(nd, &p, 0, 0);
		tr->from_aws = strtod(val(fm, "from_aws"), NULL);
		tr->to_aws = strtod(val(fm, "to_aws"), NULL);
		snprintf(what, whatlen, "%s traffic demand %s", fm->edit ?
		    "edited" : "added", val(fm, "prefix"));
		break;
	}
	case FORM_RISK: {
		char *buf, *tok, *save = NULL;
		struct risk *r;

		if (fm->edit) {
			rename_object(fm, nd, DESIGN_RISK);
			r = &nd->risks[fm->index];
			for (size_t i = 0; i < r->nmembers; i++)
				free(r->members[i]);
			r->nmembers = 0;
		} else
			r = design_add_risk(nd, val(fm, "name"));
		buf = xstrdup(val(fm, "members"));
		for (tok = strtok_r(buf, " ,", &save); tok;
		    tok = strtok_r(NULL, " ,", &save)) {
			if (strchr(tok, ':') == NULL) {
				char *id = xasprintf("connection:%s", tok);

				design_risk_add_member(r, id);
				free(id);
			} else
				design_risk_add_member(r, tok);
		}
		free(buf);
		r->availability = avail_val(fm, "availability");
		snprintf(what, whatlen, "%s risk group %s", fm->edit ? "edited" :
		    "added", r->name);
		break;
	}
	case FORM_AVAIL:
		for (int i = 0; i < AVAIL_CLASS_COUNT; i++) {
			double a = avail_val(fm, fm->f[i].label);

			nd->avail_set[i] = a > 0;
			nd->avail[i] = a > 0 ? a : design_default_availability(
			    (enum avail_class)i);
		}
		snprintf(what, whatlen, "edited the availability classes");
		break;
	case FORM_RULES:
		for (int i = 0; i < DESIGN_RULE_COUNT; i++) {
			int sv = choice_index(severities, fm->f[i].val);

			nd->rules[i] = (enum rule_severity)sv;
		}
		snprintf(what, whatlen, "edited the rule severities");
		break;
	}
	return nd;
}

/* Every field, then the edited copy as the loader would see it. */
static void
check(struct form *fm)
{
	struct error err = ERROR_INIT;
	struct design *nd;
	char what[128];

	fm->problem[0] = '\0';
	for (int i = 0; i < fm->n; i++) {
		check_field(fm, &fm->f[i]);
		if (fm->f[i].problem[0] && fm->problem[0] == '\0')
			snprintf(fm->problem, sizeof fm->problem, "%s: %s",
			    fm->f[i].label, fm->f[i].problem);
	}
	if (fm->problem[0] || !fm->was_valid)
		return;
	nd = apply(fm, what, sizeof what);
	if (fm->apply_problem[0])
		snprintf(fm->problem, sizeof fm->problem, "%s", fm->apply_problem);
	else if (design_validate(nd, fm->path, &err) != 0)
		item_text(fm->problem, sizeof fm->problem, &err);
	error_clear(&err);
	design_free(&nd);
}

static void show_value(struct form *fm, struct field *f);
static void show_problems(struct form *fm);

int
form_set(struct form *fm, const char *label, const char *value)
{
	struct field *f = find(fm, label);

	if (f == NULL)
		return -1;
	set_val(f, value);
	check(fm);
	if (fm->form) {
		show_value(fm, f);
		show_problems(fm);
	}
	return 0;
}

const char *
form_problem(const struct form *fm)
{
	return fm->problem;
}

/* Every component ID of the design a risk group can hold. */
static size_t
component_ids(const struct design *d, char (**out)[80])
{
	char (*v)[80] = NULL;
	size_t n = 0, cap = 0;

#define PUSH(...) do { \
	v = xgrow(v, &cap, n + 1, sizeof *v); \
	snprintf(v[n], sizeof v[n], __VA_ARGS__); \
	for (size_t q_ = 0; q_ < n; q_++) \
		if (strcmp(v[q_], v[n]) == 0) { n--; break; } \
	n++; \
} while (0)
	for (size_t i = 0; i < d->nconns; i++) {
		PUSH("connection:%s", d->conns[i].name);
		for (int t = 0; d->conns[i].type == CONN_VPN &&
		    t < d->conns[i].ntunnels; t++)
			PUSH("tunnel:%s/%d", d->conns[i].name, t + 1);
	}
	for (size_t i = 0; i < d->ndevices; i++)
		PUSH("device:%s", d->devices[i].name);
	for (size_t i = 0; i < d->ndcs; i++)
		PUSH("datacenter:%s", d->dcs[i].name);
	for (size_t i = 0; i < d->nwans; i++)
		PUSH("wan:%s-%s", d->wans[i].a, d->wans[i].b);
	for (size_t i = 0; i < d->nconns; i++)
		if (d->conns[i].type == CONN_DX) {
			PUSH("location:%s", d->conns[i].location);
			PUSH("provider:%s", d->conns[i].provider);
		}
	for (size_t i = 0; i < d->ndevices; i++)
		if (d->devices[i].isp[0])
			PUSH("isp:%s", d->devices[i].isp);
	PUSH("aws-endpoint:1");
	PUSH("aws-endpoint:2");
#undef PUSH
	*out = v;
	return n;
}

/* Replace the last word of a members field with the next (dir 1) or
 * previous component ID: the one after it when it is one, else the first
 * that starts with what was typed. */
static void
complete_member(struct form *fm, struct field *f, int dir)
{
	char (*ids)[80] = NULL;
	size_t n = component_ids(fm->d, &ids), at = n;
	char *w = strrchr(f->val, ' ');
	size_t wl;

	w = w ? w + 1 : f->val;
	wl = strlen(w);
	for (size_t i = 0; i < n && at == n; i++)
		if (strcmp(ids[i], w) == 0)
			at = (i + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
	for (size_t i = 0; i < n && at == n; i++)
		if (strncmp(ids[i], w, wl) == 0)
			at = i;
	if (at < n) {
		char *nv = xasprintf("%.*s%s", (int)(w - f->val), f->val, ids[at]);

		free(f->val);
		f->val = nv;
	}
	free(ids);
}

static bool sync_current(struct form *fm);
static void move_to(struct form *fm, int to, int dir);
static bool edit_key(struct form *fm, int ch);

int
form_key(struct form *fm, int ch, struct design **out, char *what,
    size_t whatlen)
{
	switch (ch) {
	case 27:
		return FORM_CANCEL;
	case '\t':
	case KEY_DOWN:
		move_to(fm, (fm->cur + 1) % fm->n, 1);
		return FORM_CONTINUE;
	case KEY_BTAB:
	case KEY_UP:
		move_to(fm, (fm->cur + fm->n - 1) % fm->n, -1);
		return FORM_CONTINUE;
	case '\n':
	case '\r':
	case KEY_ENTER:
		sync_current(fm);
		check(fm);
		show_problems(fm);
		if (fm->problem[0])
			return FORM_CONTINUE;
		*out = apply(fm, what, whatlen);
		/* A design that did not validate before is not checked as a
		 * whole, but a refused rename still stops the edit. */
		if (fm->apply_problem[0]) {
			design_free(out);
			snprintf(fm->problem, sizeof fm->problem, "%s",
			    fm->apply_problem);
			show_problems(fm);
			return FORM_CONTINUE;
		}
		return FORM_DONE;
	default:
		break;
	}
	/* Editing needs the form on screen; without it (tests, the fuzzer)
	 * fields change through form_set alone. */
	if (fm->form == NULL || !edit_key(fm, ch))
		return FORM_CONTINUE;
	if (sync_current(fm)) {
		check(fm);
		show_problems(fm);
	}
	return FORM_CONTINUE;
}

bool
form_result_object(const struct form *fm, const struct design *nd,
    int *kind, size_t *index)
{
	if (fm->edit)
		return false;
	switch (fm->kind) {
	case FORM_DC:
		*kind = CANVAS_DC;
		*index = nd->ndcs - 1;
		return true;
	case FORM_DEVICE:
		*kind = CANVAS_DEVICE;
		*index = nd->ndevices - 1;
		return true;
	case FORM_VPN:
	case FORM_DX:
		*kind = CANVAS_CONN;
		*index = nd->nconns - 1;
		return true;
	case FORM_WAN:
		*kind = CANVAS_WAN;
		*index = nd->nwans - 1;
		return true;
	default:
		return false;
	}
}

static const char *const titles[] = {
	[FORM_VPC] = "VPC", [FORM_DC] = "data center", [FORM_DEVICE] = "device",
	[FORM_VPN] = "VPN connection", [FORM_DX] = "DX connection",
	[FORM_WAN] = "WAN link", [FORM_PREFIX] = "prefix",
	[FORM_ADVERT] = "advertisement", [FORM_TRAFFIC] = "traffic demand",
	[FORM_RISK] = "risk group", [FORM_AVAIL] = "availability classes",
	[FORM_RULES] = "rule severities",
};

/* Every kind has its title: a new kind without one fails the build. */
_Static_assert(sizeof titles / sizeof titles[0] == FORM_RULES + 1,
    "a form kind without a title");

/* --- on screen: a formw form in its own panel ----------------------------- */

#define CTRL_KEY(c) ((c) & 0x1f)
#define LABEL_W 13              /* the label column; values start at 14 */
#define AVAIL_W 20              /* an availability's value, then its note */
/* Shown after a choice's value; part of the TYPE_ENUM keywords, so formw
 * cycles through the texts as they are shown. */
static const char choice_hint[] = "  (space: next)";

/* formw's and curses' constructors fail only when memory runs out or the
 * layout is wrong (a bug here): stop rather than draw a broken form. */
static void *
need(void *p)
{
	if (p == NULL)
		abort();
	return p;
}

static attr_t
bad_attr(const struct form *fm)
{
	return fm->color ? (attr_t)COLOR_PAIR(5) : A_BOLD;
}

static int
page_of(const struct form *fm, int i)
{
	return i / fm->vis;
}

/* The text of a field as formw holds it, less the blanks it pads with
 * (and a choice's hint). */
static char *
field_text(const struct field *f)
{
	const char *b = field_buffer(f->fvalue, 0);
	size_t n = b ? strlen(b) : 0, hl = strlen(choice_hint);
	char *buf = xmalloc(n + 1);

	memcpy(buf, b ? b : "", n);
	while (n > 0 && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
	if (f->type == F_CHOICE && n >= hl && strcmp(buf + n - hl,
	    choice_hint) == 0)
		buf[n - hl] = '\0';
	return buf;
}

/* Copy the current field's text from formw into its struct field: true
 * when it changed. */
static bool
sync_current(struct form *fm)
{
	struct field *f = &fm->f[fm->cur];
	char *buf;

	if (fm->form == NULL)
		return false;
	/* Validation moves what was typed from the field's window into its
	 * buffer. */
	form_driver(fm->form, REQ_VALIDATION);
	buf = field_text(f);
	if (strcmp(buf, f->val) == 0) {
		free(buf);
		return false;
	}
	free(f->val);
	f->val = buf;
	return true;
}

/* Characters (not bytes) of a UTF-8 text. */
static int
chars(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* The cursor after the current field's text, where typing adds. */
static void
to_end(struct form *fm)
{
	form_driver(fm->form, REQ_END_LINE);
	fm->pos = chars(fm->f[fm->cur].val);
}

/* Put a field's struct field text into formw (form_set on a form on
 * screen). */
static void
show_value(struct form *fm, struct field *f)
{
	if (fm->form == NULL)
		return;
	if (f->type == F_CHOICE) {
		int i = choice_index(f->choices, f->val);

		set_field_buffer(f->fvalue, 0, strcmp(f->choices[i], f->val) == 0 ?
		    f->shown_choices[i] : f->val);
	} else
		set_field_buffer(f->fvalue, 0, f->val);
	if (f == &fm->f[fm->cur])
		to_end(fm);
}

/* Each field's problem under it, and an availability's "(default)" when
 * it is empty; only what changed is set again. */
static void
show_problems(struct form *fm)
{
	if (fm->form == NULL)
		return;
	for (int i = 0; i < fm->n; i++) {
		struct field *f = &fm->f[i];

		if (strcmp(f->shown_problem, f->problem) != 0) {
			set_field_buffer(f->fproblem, 0, f->problem);
			memcpy(f->shown_problem, f->problem, sizeof f->shown_problem);
		}
		if (f->fnote && f->shown_note != (f->val[0] == '\0')) {
			f->shown_note = f->val[0] == '\0';
			set_field_buffer(f->fnote, 0, f->shown_note ? "(default)" : "");
		}
	}
}

/* The current field's value in reverse and its label in bold, the cursor
 * at its end. */
static void
highlight(struct form *fm, int from, int to)
{
	if (from != to) {
		set_field_back(fm->f[from].fvalue, A_UNDERLINE);
		set_field_fore(fm->f[from].flabel, A_NORMAL);
	}
	set_field_back(fm->f[to].fvalue, A_REVERSE);
	set_field_fore(fm->f[to].flabel, A_BOLD);
	to_end(fm);
}

/* To field to, the next (dir 1) or previous one: formw's field requests
 * within a page, its page requests across pages (both wrap). */
static void
move_to(struct form *fm, int to, int dir)
{
	int from = fm->cur;

	if (fm->form == NULL) {
		fm->cur = to;
		return;
	}
	if (sync_current(fm)) {
		check(fm);
		show_problems(fm);
	}
	if (page_of(fm, to) == page_of(fm, from))
		form_driver(fm->form, dir > 0 ? REQ_NEXT_FIELD : REQ_PREV_FIELD);
	else {
		form_driver(fm->form, dir > 0 ? REQ_NEXT_PAGE : REQ_PREV_PAGE);
		if (dir < 0)
			form_driver(fm->form, REQ_LAST_FIELD);
	}
	if (current_field(fm->form) != fm->f[to].fvalue)
		set_current_field(fm->form, fm->f[to].fvalue);
	if (current_field(fm->form) != fm->f[to].fvalue)
		return;                 /* formw refused to leave the field */
	fm->cur = to;
	highlight(fm, from, to);
}

/* A key that edits the current field, through form_driver; false when
 * the key means nothing here. */
static bool
edit_key(struct form *fm, int ch)
{
	struct field *f = &fm->f[fm->cur];
	int rq;

	if (f->type == F_CHOICE) {
		if (ch == ' ' || ch == KEY_RIGHT)
			form_driver(fm->form, REQ_NEXT_CHOICE);
		else if (ch == KEY_LEFT)
			form_driver(fm->form, REQ_PREV_CHOICE);
		else if (ch >= 32 && ch < 127) {
			/* The first choice starting with the letter typed. */
			for (int i = 0; f->choices[i]; i++)
				if (f->choices[i][0] == ch) {
					set_field_buffer(f->fvalue, 0, f->shown_choices[i]);
					break;
				}
		} else
			return false;
		return true;
	}
	if (f->type == F_MEMBERS && (ch == CTRL_KEY('n') ||
	    ch == CTRL_KEY('p'))) {
		sync_current(fm);
		complete_member(fm, f, ch == CTRL_KEY('n') ? 1 : -1);
		set_field_buffer(f->fvalue, 0, f->val);
		to_end(fm);
		return true;
	}
	/* fm->pos follows formw's cursor so that Right stops at the end of
	 * the text rather than open a gap of blanks. */
	switch (ch) {
	case KEY_LEFT:
		rq = REQ_PREV_CHAR;
		break;
	case KEY_RIGHT:
		if (fm->pos >= chars(f->val))
			return false;
		rq = REQ_NEXT_CHAR;
		break;
	case KEY_HOME:
	case CTRL_KEY('a'):
		rq = REQ_BEG_LINE;
		break;
	case KEY_END:
	case CTRL_KEY('e'):
		rq = REQ_END_LINE;
		break;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		rq = REQ_DEL_PREV;
		break;
	case KEY_DC:
		rq = REQ_DEL_CHAR;
		break;
	case CTRL_KEY('u'):
		rq = REQ_CLR_FIELD;
		break;
	default:
		if (ch & FORM_WCHAR) {
			wchar_t wc = (wchar_t)(ch & ~FORM_WCHAR);

			if (wc < 0xa0 || form_driver_w(fm->form, OK, wc) != E_OK)
				return false;
			fm->pos++;
			return true;
		}
		if (ch < 32 || ch >= 127)
			return false;
		rq = ch;
		break;
	}
	if (form_driver(fm->form, rq) != E_OK)
		return false;
	if (rq == REQ_BEG_LINE || rq == REQ_CLR_FIELD)
		fm->pos = 0;
	else if (rq == REQ_END_LINE)
		fm->pos = chars(f->val);
	else if (rq == REQ_PREV_CHAR || rq == REQ_DEL_PREV)
		fm->pos--;
	else if (rq == REQ_NEXT_CHAR || rq < MIN_FORM_COMMAND)
		fm->pos++;
	return true;
}

static void
screen_free(struct form *fm)
{
	if (fm->form) {
		unpost_form(fm->form);
		free_form(fm->form);
	}
	for (int i = 0; fm->fields && fm->fields[i]; i++)
		free_field(fm->fields[i]);
	free(fm->fields);
	for (int i = 0; i < fm->n; i++) {
		struct field *f = &fm->f[i];

		for (int k = 0; f->shown_choices && f->shown_choices[k]; k++)
			free(f->shown_choices[k]);
		free(f->shown_choices);
		f->shown_choices = NULL;
		f->flabel = f->fvalue = f->fnote = f->fproblem = NULL;
	}
	if (fm->panel)
		del_panel(fm->panel);
	if (fm->subwin)
		delwin(fm->subwin);
	if (fm->win)
		delwin(fm->win);
	fm->form = NULL;
	fm->fields = NULL;
	fm->panel = NULL;
	fm->subwin = fm->win = NULL;
}

/* A field that only shows text: skipped by the cursor. */
static FIELD *
text_field(int w, int row, int col, const char *s, attr_t a)
{
	FIELD *fd = need(new_field(1, w, row, col, 0, 0));

	field_opts_off(fd, O_ACTIVE | O_EDIT | O_AUTOSKIP);
	set_field_fore(fd, a);
	set_field_back(fd, A_NORMAL);
	set_field_buffer(fd, 0, s);
	return fd;
}

/* The formw fields of field i, on its row of its page. */
static void
build_row(struct form *fm, int i, int *nf)
{
	struct field *f = &fm->f[i];
	int row = 2 * (i % fm->vis), vw = fm->w - 18;
	FIELD *v;

	f->flabel = text_field(LABEL_W, row, 0, f->label, A_NORMAL);
	if (i > 0 && i % fm->vis == 0)
		set_new_page(f->flabel, TRUE);
	fm->fields[(*nf)++] = f->flabel;
	v = f->fvalue = need(new_field(1, f->type == F_AVAIL ? AVAIL_W : vw,
	    row, LABEL_W + 1, 0, 0));
	field_opts_off(v, O_BLANK | O_AUTOSKIP);
	set_field_fore(v, A_NORMAL);
	set_field_back(v, A_UNDERLINE);
	if (f->type == F_CHOICE) {
		int k = 0, at = choice_index(f->choices, f->val);

		while (f->choices[k])
			k++;
		f->shown_choices = xcalloc((size_t)k + 1, sizeof *f->shown_choices);
		for (int j = 0; j < k; j++) {
			size_t len = strlen(f->choices[j]) + sizeof choice_hint;

			f->shown_choices[j] = xcalloc(1, len);
			snprintf(f->shown_choices[j], len, "%s%s", f->choices[j],
			    choice_hint);
		}
		/* Case-sensitive, as the file is. */
		set_field_type(v, TYPE_ENUM, f->shown_choices, 1, 0);
		field_opts_off(v, O_EDIT);
		set_field_buffer(v, 0, f->shown_choices[at]);
	} else {
		/* One line that scrolls sideways up to the text's size. */
		field_opts_off(v, O_STATIC);
		set_max_field(v, 0);
		set_field_buffer(v, 0, f->val);
	}
	fm->fields[(*nf)++] = v;
	if (f->type == F_AVAIL) {
		f->shown_note = f->val[0] == '\0';
		f->fnote = text_field(vw - AVAIL_W - 2, row, LABEL_W + 1 + AVAIL_W +
		    2, f->shown_note ? "(default)" : "", A_NORMAL);
		fm->fields[(*nf)++] = f->fnote;
	}
	f->fproblem = text_field(vw, row + 1, LABEL_W + 1, f->problem,
	    bad_attr(fm));
	memcpy(f->shown_problem, f->problem, sizeof f->shown_problem);
	fm->fields[(*nf)++] = f->fproblem;
}

/* The form for the screen as it is: a bordered window centred over the
 * designer, as many fields a page as fit (two lines each, the value and
 * its problem), the overall problem and the keys below. */
static bool
screen_build(struct form *fm, bool color)
{
	int w = COLS - 8 < 76 ? COLS - 8 : 76, vis = (LINES - 8) / 2, h, y;
	int nf = 0, cur = fm->cur;

	if (w < 40 || vis < 1)
		return false;
	/* The fewest pages, as even as they can be. */
	vis = (fm->n + (fm->n + vis - 1) / vis - 1) / ((fm->n + vis - 1) / vis);
	h = vis * 2 + 6;
	y = (LINES - h) / 2;
	if (y < 1)
		y = 1;
	fm->w = w;
	fm->h = h;
	fm->vis = vis;
	fm->color = color;
	fm->lines = LINES;
	fm->cols = COLS;
	fm->fields = xcalloc((size_t)fm->n * 4 + 1, sizeof *fm->fields);
	for (int i = 0; i < fm->n; i++)
		build_row(fm, i, &nf);
	fm->form = need(new_form(fm->fields));
	/* Backspace at a field's start and Enter stay in the field. */
	form_opts_off(fm->form, O_BS_OVERLOAD | O_NL_OVERLOAD);
	fm->win = need(newwin(h, w, y, (COLS - w) / 2));
	fm->subwin = need(derwin(fm->win, vis * 2, w - 4, 1, 2));
	set_form_win(fm->form, fm->win);
	set_form_sub(fm->form, fm->subwin);
	fm->panel = need(new_panel(fm->win));
	wattron(fm->win, A_BOLD);
	box(fm->win, 0, 0);
	wattroff(fm->win, A_BOLD);
	set_current_field(fm->form, fm->f[cur].fvalue);
	if (post_form(fm->form) != E_OK) {
		screen_free(fm);
		return false;
	}
	highlight(fm, cur, cur);
	fm->shown_page = -1;
	return true;
}

/* Text in the window, cut or padded to w. */
static void
put(WINDOW *win, int y, int x, int w, const char *s, attr_t a)
{
	int i = 0;

	wmove(win, y, x);
	for (; s[i] && i < w; i++)
		waddch(win, (chtype)(unsigned char)s[i] | a);
	for (; i < w; i++)
		waddch(win, ' ' | a);
}

/* The title (with the page when there are several), the overall problem
 * or "ok" and the keys: drawn again only when they change. */
static void
draw_frame(struct form *fm)
{
	int w = fm->w, h = fm->h, page = form_page(fm->form);
	int pages = (fm->n + fm->vis - 1) / fm->vis;
	const struct field *cf = &fm->f[fm->cur];
	const char *keys = cf->type == F_MEMBERS ?
	    "Ctrl-N/Ctrl-P complete a component ID  Enter accept  Esc cancel" :
	    "Tab/Up/Down field  Enter accept  Esc cancel  Ctrl-U clear";
	char buf[256];

	if (page != fm->shown_page) {
		if (pages > 1)
			snprintf(buf, sizeof buf, " %s %s  %d/%d ", fm->edit ? "edit" :
			    "add", titles[fm->kind], page + 1, pages);
		else
			snprintf(buf, sizeof buf, " %s %s ", fm->edit ? "edit" : "add",
			    titles[fm->kind]);
		wattron(fm->win, A_BOLD);
		mvwhline(fm->win, 0, 1, ACS_HLINE, w - 2);
		wattroff(fm->win, A_BOLD);
		put(fm->win, 0, 2, (int)strlen(buf), buf, A_BOLD);
		fm->shown_page = page;
	}
	if (strcmp(fm->shown_foot[0], fm->problem) != 0) {
		const char *p = fm->problem;
		int n = (int)strlen(p), cut = n;
		char first[400];

		/* Two lines, broken between words. */
		if (n > w - 4) {
			cut = w - 4;
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = w - 4;
		}
		if (p[0]) {
			snprintf(first, sizeof first, "%.*s", cut, p);
			put(fm->win, h - 4, 2, w - 4, first, bad_attr(fm));
			put(fm->win, h - 3, 2, w - 4, p + cut + (p[cut] == ' '),
			    bad_attr(fm));
		} else {
			put(fm->win, h - 4, 2, w - 4, "ok: Enter saves the change",
			    A_NORMAL);
			put(fm->win, h - 3, 2, w - 4, "", A_NORMAL);
		}
		memcpy(fm->shown_foot[0], p, sizeof fm->shown_foot[0]);
	}
	if (strcmp(fm->shown_foot[1], keys) != 0) {
		put(fm->win, h - 2, 2, w - 4, keys, A_DIM);
		snprintf(fm->shown_foot[1], sizeof fm->shown_foot[1], "%s", keys);
	}
}

void
form_draw(struct form *fm, bool utf8, bool color)
{
	(void)utf8;             /* the frame's ACS lines work in both */
	if (fm->form && (fm->lines != LINES || fm->cols != COLS)) {
		/* A new screen size: a new window, the same values and field. */
		sync_current(fm);
		screen_free(fm);
	}
	if (fm->form == NULL) {
		if (!screen_build(fm, color))
			return;
		fm->shown_foot[0][0] = '\1';
		fm->shown_foot[1][0] = '\1';
	}
	if (panel_hidden(fm->panel))
		show_panel(fm->panel);
	draw_frame(fm);
	curs_set(fm->f[fm->cur].type == F_CHOICE ? 0 : 1);
	pos_form_cursor(fm->form);
}

void
form_hide(struct form *fm)
{
	if (fm && fm->panel)
		hide_panel(fm->panel);
}
