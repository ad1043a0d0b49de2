/* The meaning of a design: references, ranges, uniqueness and AWS's own
 * constraints.  Works on the in-memory design, so the loader and the TUI's
 * forms give the same messages.  Fields are named by their path in the
 * file ("connections[1].tunnels[0].inside"). */
#include "design.h"

#include "nameidx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct validator {
	const struct design *d;
	const char *file;
	struct error *err;
	int count;
	struct nameidx dcs, devices, conns, risks;
};

/* Index of a name in one of the validator's indexes, or -1. */
static int
find(const struct nameidx *x, size_t n, const char *name)
{
	return n == 0 ? -1 : nameidx_find(x, name);
}

struct pfx_ref {
	const struct prefix *p;
	size_t dc;
	size_t index;
};

static int
cmp_pfx_ref(const void *a, const void *b)
{
	const struct pfx_ref *x = a, *y = b;
	int c = prefix_compare(x->p, y->p);

	if (c != 0)
		return c;
	return x->dc < y->dc ? -1 : x->dc > y->dc;
}

static void
v_error(struct validator *v, int line, const char *fmt, ...)
    XALLOC_PRINTF(3, 4);

/* fmt starts with the field path, then ": ", then the message. */
static void
v_error(struct validator *v, int line, const char *fmt, ...)
{
	char buf[1024], *colon;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	colon = strstr(buf, ": ");
	if (colon != NULL) {
		*colon = '\0';
		error_add(v->err, v->file, line, buf, "%s", colon + 2);
	} else
		error_add(v->err, v->file, line, NULL, "%s", buf);
	v->count++;
}

/* " (line 12)" after a reference to another object, or nothing for a
 * design that was never read from a file. */
static const char *
at_line(char *buf, size_t len, int line)
{
	if (line > 0)
		snprintf(buf, len, " (line %d)", line);
	else if (len > 0)
		buf[0] = '\0';
	return buf;
}

/* The messages are the loader's, so the TUI's forms say the same. */
static void
check_name(struct validator *v, int line, const char *path, const char *name)
{
	const char *why = design_name_problem(name);
	char shown[DESIGN_NAME_MAX + 1];
	size_t i;

	if (why == NULL)
		return;
	for (i = 0; name[i] && i < DESIGN_NAME_MAX; i++)
		shown[i] = (unsigned char)name[i] < 0x20 || name[i] == 0x7f ?
		    '?' : name[i];
	shown[i] = '\0';
	v_error(v, line, "%s: \"%s\": %s", path, shown, why);
}

static void
check_availability(struct validator *v, int line, const char *path, double a)
{
	if (a != 0 && !(a > 0 && a <= 1))
		v_error(v, line, "%s.availability: %g is out of range (more than "
		    "0, at most 1)", path, a);
}

static void
check_text(struct validator *v, int line, const char *path, const char *s)
{
	const char *why = design_text_problem(s);

	if (why != NULL)
		v_error(v, line, "%s: %s", path, why);
}

static void
validate_vpc(struct validator *v)
{
	const struct vpc *vpc = &v->d->vpc;
	char a[PREFIX_STRLEN], b[PREFIX_STRLEN];

	check_name(v, vpc->line, "vpc.name", vpc->name);
	if (vpc->ncidrs == 0)
		v_error(v, vpc->line, "vpc.cidrs: a VPC has at least one CIDR");
	for (size_t i = 0; i < vpc->ncidrs; i++)
		for (size_t j = 0; j < i; j++)
			if (prefix_overlaps(&vpc->cidrs[i], &vpc->cidrs[j]))
				v_error(v, vpc->line, "vpc.cidrs[%zu]: %s overlaps %s",
				    i, prefix_format(&vpc->cidrs[i], a, sizeof a),
				    prefix_format(&vpc->cidrs[j], b, sizeof b));
	if (vpc->asn == 0)
		v_error(v, vpc->line, "vpc.asn: ASN 0 is reserved");
	else if (vpc->asn == DESIGN_ASN_MAX)
		v_error(v, vpc->line, "vpc.asn: ASN 4294967295 is reserved");
	if (vpc->ecmp && vpc->gateway == GATEWAY_VGW)
		v_error(v, vpc->line, "vpc.ecmp: a virtual private gateway uses "
		    "one tunnel at a time; ECMP across VPN tunnels needs "
		    "gateway = \"tgw\"");
}

/* Overlapping prefixes, in one pass over the sorted list: CIDR blocks are
 * nested or disjoint, so each one is checked against the innermost block
 * still open before it. */
static void
validate_dc_overlaps(struct validator *v)
{
	const struct design *d = v->d;
	struct pfx_ref *all;
	const struct pfx_ref **open;
	size_t n = 0, nopen = 0;
	char a[PREFIX_STRLEN], b[PREFIX_STRLEN];

	for (size_t i = 0; i < d->ndcs; i++)
		n += d->dcs[i].nprefixes;
	if (n == 0)
		return;
	all = xcalloc(n, sizeof *all);
	open = xcalloc(n, sizeof *open);
	n = 0;
	for (size_t i = 0; i < d->ndcs; i++)
		for (size_t p = 0; p < d->dcs[i].nprefixes; p++)
			all[n++] = (struct pfx_ref){ &d->dcs[i].prefixes[p], i, p };
	qsort(all, n, sizeof *all, cmp_pfx_ref);
	for (size_t k = 0; k < n; k++) {
		const struct pfx_ref *x = &all[k], *y, *first, *second;

		while (nopen > 0 && !prefix_contains(open[nopen - 1]->p, x->p))
			nopen--;
		if (nopen > 0) {
			y = open[nopen - 1];
			/* Report on the one that comes later in the file. */
			first = (y->dc < x->dc || (y->dc == x->dc &&
			    y->index < x->index)) ? y : x;
			second = first == x ? y : x;
			if (first->dc == second->dc)
				v_error(v, d->dcs[second->dc].line, "datacenters[%zu]"
				    ".prefixes[%zu]: %s overlaps %s of the same data center",
				    second->dc, second->index, prefix_format(second->p, a,
				    sizeof a), prefix_format(first->p, b, sizeof b));
			else
				v_error(v, d->dcs[second->dc].line, "datacenters[%zu]"
				    ".prefixes[%zu]: %s overlaps %s of data center %s: a "
				    "destination has one origin", second->dc, second->index,
				    prefix_format(second->p, a, sizeof a),
				    prefix_format(first->p, b, sizeof b),
				    d->dcs[first->dc].name);
		}
		open[nopen++] = x;
	}
	free(open);
	free(all);
}

static void
validate_dcs(struct validator *v)
{
	const struct design *d = v->d;

	for (size_t i = 0; i < d->ndcs; i++) {
		const struct datacenter *dc = &d->dcs[i];
		char path[64], fp[96], l[24];
		int first;

		snprintf(path, sizeof path, "datacenters[%zu]", i);
		snprintf(fp, sizeof fp, "%s.name", path);
		check_name(v, dc->line, fp, dc->name);
		first = find(&v->dcs, d->ndcs, dc->name);
		if (first >= 0 && (size_t)first != i && dc->name[0])
			v_error(v, dc->line, "%s.name: a data center named %s "
			    "already exists%s", path, dc->name,
			    at_line(l, sizeof l, d->dcs[first].line));
		if (dc->nprefixes == 0)
			v_error(v, dc->line, "%s.prefixes: a data center originates "
			    "at least one prefix", path);
		if (dc->description) {
			snprintf(fp, sizeof fp, "%s.description", path);
			check_text(v, dc->line, fp, dc->description);
		}
		check_availability(v, dc->line, path, dc->availability);
	}
	validate_dc_overlaps(v);
}

static void
validate_wans(struct validator *v)
{
	const struct design *d = v->d;

	for (size_t i = 0; i < d->nwans; i++) {
		const struct wan_link *w = &d->wans[i];
		char path[64], l[24];

		snprintf(path, sizeof path, "wan[%zu]", i);
		if (find(&v->dcs, d->ndcs, w->a) < 0)
			v_error(v, w->line, "%s.a: no data center named \"%s\"", path,
			    w->a);
		if (find(&v->dcs, d->ndcs, w->b) < 0)
			v_error(v, w->line, "%s.b: no data center named \"%s\"", path,
			    w->b);
		if (strcmp(w->a, w->b) == 0)
			v_error(v, w->line, "%s.b: the link joins %s to itself; a WAN "
			    "link joins two different data centers", path, w->a);
		for (size_t j = 0; j < i; j++)
			if ((strcmp(d->wans[j].a, w->a) == 0 &&
			    strcmp(d->wans[j].b, w->b) == 0) ||
			    (strcmp(d->wans[j].a, w->b) == 0 &&
			    strcmp(d->wans[j].b, w->a) == 0))
				v_error(v, w->line, "%s: %s and %s are already joined%s; "
				    "give that link the combined gbps, and put shared "
				    "paths in a risk group", path, w->a, w->b,
				    at_line(l, sizeof l, d->wans[j].line));
		if (!(w->gbps > 0 && w->gbps <= 1e6))
			v_error(v, w->line, "%s.gbps: %g is out of range (more than 0, "
			    "at most 1e+06)", path, w->gbps);
		check_availability(v, w->line, path, w->availability);
	}
}

static void
validate_devices(struct validator *v)
{
	const struct design *d = v->d;
	char a[PREFIX_STRLEN];

	for (size_t i = 0; i < d->ndevices; i++) {
		const struct device *dev = &d->devices[i];
		char path[64], fp[96], l[24];
		int first;

		snprintf(path, sizeof path, "devices[%zu]", i);
		snprintf(fp, sizeof fp, "%s.name", path);
		check_name(v, dev->line, fp, dev->name);
		first = find(&v->devices, d->ndevices, dev->name);
		if (first >= 0 && (size_t)first != i && dev->name[0])
			v_error(v, dev->line, "%s.name: a device named %s "
			    "already exists%s", path, dev->name,
			    at_line(l, sizeof l, d->devices[first].line));
		if (find(&v->dcs, d->ndcs, dev->dc) < 0)
			v_error(v, dev->line, "%s.dc: no data center named \"%s\"",
			    path, dev->dc);
		if (dev->asn == 0)
			v_error(v, dev->line, "%s.asn: ASN 0 is reserved", path);
		else if (dev->asn == DESIGN_ASN_MAX)
			v_error(v, dev->line, "%s.asn: ASN 4294967295 is reserved",
			    path);
		if (dev->has_public_ip) {
			if (prefix_is_v6(&dev->public_ip) &&
			    d->vpc.gateway != GATEWAY_TGW)
				v_error(v, dev->line, "%s.public_ip: a virtual private "
				    "gateway reaches customer gateways over IPv4 only",
				    path);
			for (size_t j = 0; j < i; j++)
				if (d->devices[j].has_public_ip &&
				    prefix_equal(&d->devices[j].public_ip,
				    &dev->public_ip))
					v_error(v, dev->line, "%s.public_ip: %s is already "
					    "the address of %s", path,
					    prefix_format_address(&dev->public_ip, a,
					    sizeof a), d->devices[j].name);
		}
		if (dev->isp[0]) {
			snprintf(fp, sizeof fp, "%s.isp", path);
			check_name(v, dev->line, fp, dev->isp);
		}
		if (dev->description) {
			snprintf(fp, sizeof fp, "%s.description", path);
			check_text(v, dev->line, fp, dev->description);
		}
		check_availability(v, dev->line, path, dev->availability);
	}
}

static void
validate_phase(struct validator *v, int line, const char *path, int phase,
    const struct ike_phase *ph)
{
	if (ph->nencryption == 0)
		v_error(v, line, "%s.phase%d.encryption: name at least one "
		    "algorithm", path, phase);
	if (ph->nintegrity == 0)
		v_error(v, line, "%s.phase%d.integrity: name at least one "
		    "algorithm", path, phase);
	if (phase == 1 && ph->ndh == 0)
		v_error(v, line, "%s.phase1.dh: name at least one DH group", path);
	for (int i = 0; i < ph->ndh; i++)
		if (!design_dh_allowed(phase, ph->dh[i]))
			v_error(v, line, "%s.phase%d.%s[%d]: DH group %d is not "
			    "accepted by AWS in phase %d (%s)", path, phase,
			    phase == 1 ? "dh" : "pfs", i, ph->dh[i], phase,
			    phase == 1 ? "2, 14-24" : "2, 5, 14-24");
}

static void
validate_ike(struct validator *v, int line, const char *path,
    const struct ike *ike)
{
	char ip[96];

	snprintf(ip, sizeof ip, "%s.ike", path);
	if (ike->version != 1 && ike->version != 2)
		v_error(v, line, "%s.version: %d is out of range (1-2)", ip,
		    ike->version);
	validate_phase(v, line, ip, 1, &ike->phase1);
	validate_phase(v, line, ip, 2, &ike->phase2);
	if (ike->phase1.lifetime < 900 || ike->phase1.lifetime > 28800)
		v_error(v, line, "%s.phase1.lifetime: %u is out of range "
		    "(900-28800)", ip, ike->phase1.lifetime);
	if (ike->phase2.lifetime < 900 || ike->phase2.lifetime > 3600)
		v_error(v, line, "%s.phase2.lifetime: %u is out of range "
		    "(900-3600)", ip, ike->phase2.lifetime);
	else if (ike->phase2.lifetime >= ike->phase1.lifetime)
		v_error(v, line, "%s.phase2.lifetime: %u s must be shorter than "
		    "phase 1's %u s", ip, ike->phase2.lifetime,
		    ike->phase1.lifetime);
	if (ike->dpd < 1 || ike->dpd > 3600)
		v_error(v, line, "%s.dpd: %u is out of range (1-3600)", ip,
		    ike->dpd);
}

static void
validate_vpn(struct validator *v, const struct connection *c,
    const char *path)
{
	const struct design *d = v->d;
	int dev = find(&v->devices, d->ndevices, c->device);
	double max_gbps = d->vpc.gateway == GATEWAY_TGW ? 5.0 :
	    DESIGN_DEFAULT_TUNNEL_GBPS;
	char a[PREFIX_STRLEN];

	if (c->ntunnels < 1 || c->ntunnels > DESIGN_MAX_TUNNELS)
		v_error(v, c->line, "%s.tunnels: a VPN connection has one or two "
		    "tunnels, not %d", path, c->ntunnels);
	for (int t = 0; t < c->ntunnels && t < DESIGN_MAX_TUNNELS; t++) {
		const struct tunnel *tu = &c->tunnels[t];
		const char *why = design_inside_problem(&tu->inside);

		if (why != NULL)
			v_error(v, tu->line, "%s.tunnels[%d].inside: %s is not usable: "
			    "%s", path, t, prefix_format(&tu->inside, a, sizeof a), why);
		if (t == 1 && prefix_equal(&tu->inside, &c->tunnels[0].inside))
			v_error(v, tu->line, "%s.tunnels[1].inside: both tunnels use "
			    "%s", path, prefix_format(&tu->inside, a, sizeof a));
		if (tu->has_outside) {
			if (!prefix_is_v4(&tu->aws_outside_ip))
				v_error(v, tu->line, "%s.tunnels[%d].aws_outside_ip: "
				    "AWS tunnel endpoints have IPv4 addresses", path, t);
			if (t == 1 && c->tunnels[0].has_outside &&
			    prefix_equal(&tu->aws_outside_ip,
			    &c->tunnels[0].aws_outside_ip))
				v_error(v, tu->line, "%s.tunnels[1].aws_outside_ip: both "
				    "tunnels use %s, but AWS ends each tunnel on its own "
				    "endpoint", path, prefix_format_address(
				    &tu->aws_outside_ip, a, sizeof a));
		}
		if (!(tu->gbps > 0) || tu->gbps > max_gbps)
			v_error(v, tu->line, "%s.tunnels[%d].gbps: %g is out of range "
			    "(more than 0, at most %g on a %s%s)", path, t, tu->gbps,
			    max_gbps, design_gateway_name(d->vpc.gateway),
			    d->vpc.gateway == GATEWAY_VGW ?
			    "; 5 Gbps tunnels need a transit gateway" : "");
	}
	if (dev >= 0 && !d->devices[dev].has_public_ip)
		v_error(v, c->line, "%s.device: %s has no public_ip, and a VPN "
		    "needs the customer gateway's address", path, c->device);
	validate_ike(v, c->line, path, &c->ike);
	for (size_t i = 0; i < c->nadverts; i++) {
		const struct advert *ad = &c->adverts[i];

		if (c->routing == ROUTING_STATIC && (ad->prepend || ad->has_med ||
		    ad->local_pref != LP_NONE))
			v_error(v, ad->line, "%s.advertise[%zu]: a static VPN route "
			    "has no prepend, med or local_pref (they are BGP "
			    "attributes)", path, i);
		else if (ad->local_pref != LP_NONE)
			v_error(v, ad->line, "%s.advertise[%zu].local_pref: AWS "
			    "honours the 7224:7x00 communities on Direct Connect only",
			    path, i);
	}
}

static void
validate_dx(struct validator *v, const struct connection *c,
    const char *path)
{
	const struct design *d = v->d;
	char fp[96], a[PREFIX_STRLEN];
	int len = prefix_length(&c->peer);

	snprintf(fp, sizeof fp, "%s.location", path);
	check_name(v, c->line, fp, c->location);
	snprintf(fp, sizeof fp, "%s.provider", path);
	check_name(v, c->line, fp, c->provider);
	if (!(c->gbps >= DESIGN_DX_GBPS_MIN && c->gbps <= DESIGN_DX_GBPS_MAX))
		v_error(v, c->line, "%s.gbps: %g is out of range (0.05 to 400)",
		    path, c->gbps);
	if (c->vlan < 1 || c->vlan > 4094)
		v_error(v, c->line, "%s.vlan: %d is out of range (1-4094)", path,
		    c->vlan);
	if (prefix_is_v4(&c->peer) ? (len != 30 && len != 31) :
	    (len < 125 || len > 127))
		v_error(v, c->line, "%s.peer: %s: the BGP peering is an IPv4 /30 "
		    "or /31 (or an IPv6 /125-/127)", path,
		    prefix_format(&c->peer, a, sizeof a));
	for (size_t j = 0; j < d->nconns; j++) {
		const struct connection *o = &d->conns[j];

		if (o == c)
			break;
		if (o->type == CONN_DX && prefix_equal(&o->peer, &c->peer))
			v_error(v, c->line, "%s.peer: %s is already the peering of %s",
			    path, prefix_format(&c->peer, a, sizeof a), o->name);
	}
	if (c->routing != ROUTING_BGP)
		v_error(v, c->line, "%s.routing: Direct Connect virtual interfaces "
		    "always use BGP", path);
	for (size_t i = 0; i < c->nadverts; i++)
		if (c->adverts[i].has_med)
			v_error(v, c->adverts[i].line, "%s.advertise[%zu].med: AWS "
			    "does not use MED from Direct Connect; steer with "
			    "local_pref or prepend", path, i);
}

static void
validate_conns(struct validator *v)
{
	const struct design *d = v->d;
	char a[PREFIX_STRLEN];

	for (size_t i = 0; i < d->nconns; i++) {
		const struct connection *c = &d->conns[i];
		char path[64], fp[96], l[24];
		int first;

		snprintf(path, sizeof path, "connections[%zu]", i);
		snprintf(fp, sizeof fp, "%s.name", path);
		check_name(v, c->line, fp, c->name);
		first = find(&v->conns, d->nconns, c->name);
		if (first >= 0 && (size_t)first != i && c->name[0])
			v_error(v, c->line, "%s.name: a connection named %s "
			    "already exists%s", path, c->name,
			    at_line(l, sizeof l, d->conns[first].line));
		if (find(&v->devices, d->ndevices, c->device) < 0)
			v_error(v, c->line, "%s.device: no device named \"%s\"", path,
			    c->device);
		if (c->local_pref < 0)
			v_error(v, c->line, "%s.local_pref: %d is out of range "
			    "(0-2147483647)", path, c->local_pref);
		for (size_t p = 0; p < c->nadverts; p++)
			for (size_t q = 0; q < p; q++)
				if (prefix_equal(&c->adverts[p].prefix,
				    &c->adverts[q].prefix))
					v_error(v, c->adverts[p].line, "%s.advertise[%zu]"
					    ".prefix: %s is already advertised%s",
					    path, p, prefix_format(&c->adverts[p].prefix,
					    a, sizeof a), at_line(l, sizeof l,
					    c->adverts[q].line));
		for (size_t p = 0; p < c->nadverts; p++)
			if (c->adverts[p].prepend < 0 ||
			    c->adverts[p].prepend > DESIGN_PREPEND_MAX)
				v_error(v, c->adverts[p].line, "%s.advertise[%zu].prepend:"
				    " %d is out of range (0-10)", path, p,
				    c->adverts[p].prepend);
		if (c->description) {
			snprintf(fp, sizeof fp, "%s.description", path);
			check_text(v, c->line, fp, c->description);
		}
		check_availability(v, c->line, path, c->availability);
		if (c->type == CONN_VPN)
			validate_vpn(v, c, path);
		else
			validate_dx(v, c, path);
	}
}

static int
cmp_prefix_ptr(const void *a, const void *b)
{
	return prefix_compare(*(const struct prefix *const *)a,
	    *(const struct prefix *const *)b);
}

static void
validate_traffic(struct validator *v)
{
	const struct design *d = v->d;
	const struct prefix **origins;
	size_t n = 0;
	char a[PREFIX_STRLEN];

	if (d->ntraffic == 0)
		return;
	for (size_t j = 0; j < d->ndcs; j++)
		n += d->dcs[j].nprefixes;
	origins = xcalloc(n + 1, sizeof *origins);
	n = 0;
	for (size_t j = 0; j < d->ndcs; j++)
		for (size_t p = 0; p < d->dcs[j].nprefixes; p++)
			origins[n++] = &d->dcs[j].prefixes[p];
	qsort(origins, n, sizeof *origins, cmp_prefix_ptr);
	for (size_t i = 0; i < d->ntraffic; i++) {
		const struct traffic *t = &d->traffic[i];
		const struct prefix *key = &t->prefix;

		if (n == 0 || bsearch(&key, origins, n, sizeof *origins,
		    cmp_prefix_ptr) == NULL)
			v_error(v, t->line, "traffic[%zu].prefix: %s is not a prefix "
			    "that a data center originates", i,
			    prefix_format(&t->prefix, a, sizeof a));
		/* The loader's range, so a design that validates loads back. */
		if (!(t->from_aws >= 0 && t->from_aws <= 1e6))
			v_error(v, t->line, "traffic[%zu].from_aws: %g is out of "
			    "range (0 to 1e+06)", i, t->from_aws);
		if (!(t->to_aws >= 0 && t->to_aws <= 1e6))
			v_error(v, t->line, "traffic[%zu].to_aws: %g is out of range "
			    "(0 to 1e+06)", i, t->to_aws);
	}
	free(origins);
	/* Two demands for one prefix: sort the demands and compare
	 * neighbours. */
	{
		struct pfx_ref *ts = xcalloc(d->ntraffic, sizeof *ts);

		for (size_t i = 0; i < d->ntraffic; i++)
			ts[i] = (struct pfx_ref){ &d->traffic[i].prefix, i, i };
		qsort(ts, d->ntraffic, sizeof *ts, cmp_pfx_ref);
		for (size_t k = 1; k < d->ntraffic; k++)
			if (prefix_equal(ts[k].p, ts[k - 1].p)) {
				size_t later = ts[k].index, earlier = ts[k - 1].index;
				char l[24];

				/* Equal prefixes sort by index: earlier first. */
				v_error(v, d->traffic[later].line, "traffic[%zu].prefix: "
				    "%s already has a demand%s", later,
				    prefix_format(&d->traffic[later].prefix, a, sizeof a),
				    at_line(l, sizeof l, d->traffic[earlier].line));
			}
		free(ts);
	}
}

static void
validate_risks(struct validator *v)
{
	const struct design *d = v->d;

	for (size_t i = 0; i < d->nrisks; i++) {
		const struct risk *r = &d->risks[i];
		char path[64], fp[96], l[24];
		int first;

		snprintf(path, sizeof path, "risks[%zu]", i);
		snprintf(fp, sizeof fp, "%s.name", path);
		check_name(v, r->line, fp, r->name);
		first = find(&v->risks, d->nrisks, r->name);
		if (first >= 0 && (size_t)first != i && r->name[0])
			v_error(v, r->line, "%s.name: a risk group named %s "
			    "already exists%s", path, r->name,
			    at_line(l, sizeof l, d->risks[first].line));
		if (r->nmembers == 0)
			v_error(v, r->line, "%s.members: a risk group has at least "
			    "one member", path);
		for (size_t m = 0; m < r->nmembers; m++) {
			const char *id = r->members[m];

			if (strncmp(id, "risk:", 5) == 0)
				v_error(v, r->line, "%s.members[%zu]: a risk group "
				    "cannot hold another risk group (%s)", path, m, id);
			else if (!design_component_exists(d, id))
				v_error(v, r->line, "%s.members[%zu]: no component %s in "
				    "this design", path, m, id);
			for (size_t q = 0; q < m; q++)
				if (strcmp(r->members[q], id) == 0)
					v_error(v, r->line, "%s.members[%zu]: %s is listed "
					    "twice", path, m, id);
		}
		check_availability(v, r->line, path, r->availability);
	}
}

static void
validate_layout(struct validator *v)
{
	const struct design *d = v->d;

	for (size_t i = 0; i < d->nlayout; i++) {
		const char *n = d->layout[i].name;
		char loc[DESIGN_NAME_MAX + 16];
		char key[DESIGN_NAME_MAX + 1];

		snprintf(loc, sizeof loc, "location:%s", n);
		snprintf(key, sizeof key, "%s", n);
		for (char *c = key; *c; c++)
			if (*c == '.')
				*c = '*';
		if (find(&v->dcs, d->ndcs, n) < 0 &&
		    find(&v->devices, d->ndevices, n) < 0 &&
		    !design_component_exists(d, loc))
			v_error(v, 0, "layout.%s: no data center, device or DX "
			    "location named %s", key, n);
		if (d->layout[i].x < 0 || d->layout[i].y < 0 ||
		    d->layout[i].x > 100000 || d->layout[i].y > 100000)
			v_error(v, 0, "layout.%s: a position is 0-100000", key);
	}
}

int
design_validate(const struct design *d, const char *file, struct error *err)
{
	struct validator v;
	const char *why;
	int rc;

	memset(&v, 0, sizeof v);
	v.d = d;
	v.file = file;
	v.err = err;
	if (d->ndcs)
		nameidx_build(&v.dcs, d->dcs[0].name, d->ndcs, sizeof *d->dcs);
	if (d->ndevices)
		nameidx_build(&v.devices, d->devices[0].name, d->ndevices,
		    sizeof *d->devices);
	if (d->nconns)
		nameidx_build(&v.conns, d->conns[0].name, d->nconns,
		    sizeof *d->conns);
	if (d->nrisks)
		nameidx_build(&v.risks, d->risks[0].name, d->nrisks,
		    sizeof *d->risks);

	if (d->version != DESIGN_VERSION)
		v_error(&v, 0, "version: this hatopo reads version %d designs",
		    DESIGN_VERSION);
	if ((why = design_text_problem(d->name)) != NULL)
		v_error(&v, 0, "name: %s", why);
	validate_vpc(&v);
	validate_dcs(&v);
	validate_wans(&v);
	validate_devices(&v);
	validate_conns(&v);
	validate_traffic(&v);
	validate_risks(&v);
	for (int i = 0; i < AVAIL_CLASS_COUNT; i++)
		if (!(d->avail[i] > 0 && d->avail[i] <= 1))
			v_error(&v, 0, "availability.%s: %g is out of range (more "
			    "than 0, at most 1)", design_avail_class_name(i),
			    d->avail[i]);
	validate_layout(&v);
	rc = v.count ? -1 : 0;
	nameidx_free(&v.dcs);
	nameidx_free(&v.devices);
	nameidx_free(&v.conns);
	nameidx_free(&v.risks);
	return rc;
}
