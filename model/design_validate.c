/* The meaning of a design: references, ranges, uniqueness and AWS's own
 * constraints.  Works on the in-memory design, so the loader and the TUI's
 * forms give the same messages.  Fields are named by their path in the
 * file ("connections[1].tunnels[0].inside"). */
#include "design.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct validator {
	const struct design *d;
	const char *file;
	struct error *err;
	int count;
};

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

static void
check_name(struct validator *v, int line, const char *path, const char *name)
{
	const char *why = design_name_problem(name);

	if (why != NULL)
		v_error(v, line, "%s: %s", path, why);
}

static void
check_availability(struct validator *v, int line, const char *path, double a)
{
	if (a != 0 && !(a > 0 && a <= 1))
		v_error(v, line, "%s.availability: %g is not a probability in "
		    "(0, 1]", path, a);
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
	if (vpc->ecmp && vpc->gateway == GATEWAY_VGW)
		v_error(v, vpc->line, "vpc.ecmp: a virtual private gateway uses "
		    "one tunnel at a time; ECMP across VPN tunnels needs "
		    "gateway = \"tgw\"");
}

static void
validate_dcs(struct validator *v)
{
	const struct design *d = v->d;
	char a[PREFIX_STRLEN], b[PREFIX_STRLEN];

	for (size_t i = 0; i < d->ndcs; i++) {
		const struct datacenter *dc = &d->dcs[i];
		char path[64], fp[96];

		snprintf(path, sizeof path, "datacenters[%zu]", i);
		snprintf(fp, sizeof fp, "%s.name", path);
		check_name(v, dc->line, fp, dc->name);
		for (size_t j = 0; j < i; j++)
			if (strcmp(d->dcs[j].name, dc->name) == 0 && dc->name[0])
				v_error(v, dc->line, "%s.name: a data center named %s "
				    "already exists (line %d)", path, dc->name,
				    d->dcs[j].line);
		if (dc->nprefixes == 0)
			v_error(v, dc->line, "%s.prefixes: a data center originates "
			    "at least one prefix", path);
		for (size_t p = 0; p < dc->nprefixes; p++) {
			for (size_t q = 0; q < p; q++)
				if (prefix_overlaps(&dc->prefixes[p], &dc->prefixes[q]))
					v_error(v, dc->line, "%s.prefixes[%zu]: %s overlaps "
					    "%s of the same data center", path, p,
					    prefix_format(&dc->prefixes[p], a, sizeof a),
					    prefix_format(&dc->prefixes[q], b, sizeof b));
			for (size_t j = 0; j < i; j++)
				for (size_t q = 0; q < d->dcs[j].nprefixes; q++)
					if (prefix_overlaps(&dc->prefixes[p],
					    &d->dcs[j].prefixes[q]))
						v_error(v, dc->line, "%s.prefixes[%zu]: %s "
						    "overlaps %s of data center %s: a destination "
						    "has one origin", path, p,
						    prefix_format(&dc->prefixes[p], a, sizeof a),
						    prefix_format(&d->dcs[j].prefixes[q], b,
						    sizeof b), d->dcs[j].name);
		}
		if (dc->description) {
			snprintf(fp, sizeof fp, "%s.description", path);
			check_text(v, dc->line, fp, dc->description);
		}
		check_availability(v, dc->line, path, dc->availability);
	}
}

static void
validate_wans(struct validator *v)
{
	const struct design *d = v->d;

	for (size_t i = 0; i < d->nwans; i++) {
		const struct wan_link *w = &d->wans[i];
		char path[64];

		snprintf(path, sizeof path, "wan[%zu]", i);
		if (design_find_dc(d, w->a) < 0)
			v_error(v, w->line, "%s.a: no data center named \"%s\"", path,
			    w->a);
		if (design_find_dc(d, w->b) < 0)
			v_error(v, w->line, "%s.b: no data center named \"%s\"", path,
			    w->b);
		if (strcmp(w->a, w->b) == 0)
			v_error(v, w->line, "%s.b: a WAN link joins two different "
			    "data centers", path);
		for (size_t j = 0; j < i; j++)
			if ((strcmp(d->wans[j].a, w->a) == 0 &&
			    strcmp(d->wans[j].b, w->b) == 0) ||
			    (strcmp(d->wans[j].a, w->b) == 0 &&
			    strcmp(d->wans[j].b, w->a) == 0))
				v_error(v, w->line, "%s: %s and %s are already joined "
				    "(line %d); give that link the combined gbps, and "
				    "put shared paths in a risk group", path, w->a, w->b,
				    d->wans[j].line);
		if (!(w->gbps > 0))
			v_error(v, w->line, "%s.gbps: a WAN link carries more than "
			    "0 Gbps", path);
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
		char path[64], fp[96];

		snprintf(path, sizeof path, "devices[%zu]", i);
		snprintf(fp, sizeof fp, "%s.name", path);
		check_name(v, dev->line, fp, dev->name);
		for (size_t j = 0; j < i; j++)
			if (strcmp(d->devices[j].name, dev->name) == 0 && dev->name[0])
				v_error(v, dev->line, "%s.name: a device named %s "
				    "already exists (line %d)", path, dev->name,
				    d->devices[j].line);
		if (design_find_dc(d, dev->dc) < 0)
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
			    "accepted by AWS", path, phase, phase == 1 ? "dh" : "pfs",
			    i, ph->dh[i]);
}

static void
validate_ike(struct validator *v, int line, const char *path,
    const struct ike *ike)
{
	char ip[96];

	snprintf(ip, sizeof ip, "%s.ike", path);
	if (ike->version != 1 && ike->version != 2)
		v_error(v, line, "%s.version: IKE version is 1 or 2", ip);
	validate_phase(v, line, ip, 1, &ike->phase1);
	validate_phase(v, line, ip, 2, &ike->phase2);
	if (ike->phase1.lifetime < 900 || ike->phase1.lifetime > 28800)
		v_error(v, line, "%s.phase1.lifetime: AWS accepts 900-28800 "
		    "seconds", ip);
	if (ike->phase2.lifetime < 900 || ike->phase2.lifetime > 3600)
		v_error(v, line, "%s.phase2.lifetime: AWS accepts 900-3600 "
		    "seconds", ip);
	else if (ike->phase2.lifetime >= ike->phase1.lifetime)
		v_error(v, line, "%s.phase2.lifetime: %u s must be shorter than "
		    "phase 1's %u s", ip, ike->phase2.lifetime,
		    ike->phase1.lifetime);
	if (ike->dpd < 1 || ike->dpd > 3600)
		v_error(v, line, "%s.dpd: the DPD interval is 1-3600 seconds", ip);
}

static void
validate_vpn(struct validator *v, const struct connection *c,
    const char *path)
{
	const struct design *d = v->d;
	int dev = design_find_device(d, c->device);
	double max_gbps = d->vpc.gateway == GATEWAY_TGW ? 5.0 :
	    DESIGN_DEFAULT_TUNNEL_GBPS;
	char a[PREFIX_STRLEN];

	if (c->ntunnels < 1 || c->ntunnels > DESIGN_MAX_TUNNELS)
		v_error(v, c->line, "%s.tunnels: a VPN connection has one or two "
		    "tunnels", path);
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
				v_error(v, tu->line, "%s.tunnels[1].aws_outside_ip: the "
				    "two tunnels end on two different AWS endpoints",
				    path);
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
		char path[64], fp[96];

		snprintf(path, sizeof path, "connections[%zu]", i);
		snprintf(fp, sizeof fp, "%s.name", path);
		check_name(v, c->line, fp, c->name);
		for (size_t j = 0; j < i; j++)
			if (strcmp(d->conns[j].name, c->name) == 0 && c->name[0])
				v_error(v, c->line, "%s.name: a connection named %s "
				    "already exists (line %d)", path, c->name,
				    d->conns[j].line);
		if (design_find_device(d, c->device) < 0)
			v_error(v, c->line, "%s.device: no device named \"%s\"", path,
			    c->device);
		if (c->local_pref < 0)
			v_error(v, c->line, "%s.local_pref: must not be negative",
			    path);
		for (size_t p = 0; p < c->nadverts; p++)
			for (size_t q = 0; q < p; q++)
				if (prefix_equal(&c->adverts[p].prefix,
				    &c->adverts[q].prefix))
					v_error(v, c->adverts[p].line, "%s.advertise[%zu]"
					    ".prefix: %s is already advertised (line %d)",
					    path, p, prefix_format(&c->adverts[p].prefix,
					    a, sizeof a), c->adverts[q].line);
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

static void
validate_traffic(struct validator *v)
{
	const struct design *d = v->d;
	char a[PREFIX_STRLEN];

	for (size_t i = 0; i < d->ntraffic; i++) {
		const struct traffic *t = &d->traffic[i];
		bool found = false;

		for (size_t j = 0; j < d->ndcs && !found; j++)
			for (size_t p = 0; p < d->dcs[j].nprefixes; p++)
				if (prefix_equal(&d->dcs[j].prefixes[p], &t->prefix))
					found = true;
		if (!found)
			v_error(v, t->line, "traffic[%zu].prefix: %s is not a prefix "
			    "that a data center originates", i,
			    prefix_format(&t->prefix, a, sizeof a));
		for (size_t j = 0; j < i; j++)
			if (prefix_equal(&d->traffic[j].prefix, &t->prefix))
				v_error(v, t->line, "traffic[%zu].prefix: %s already has "
				    "a demand (line %d)", i, prefix_format(&t->prefix, a,
				    sizeof a), d->traffic[j].line);
		if (!(t->from_aws >= 0) || !(t->to_aws >= 0))
			v_error(v, t->line, "traffic[%zu]: demands are not negative",
			    i);
	}
}

static void
validate_risks(struct validator *v)
{
	const struct design *d = v->d;

	for (size_t i = 0; i < d->nrisks; i++) {
		const struct risk *r = &d->risks[i];
		char path[64], fp[96];

		snprintf(path, sizeof path, "risks[%zu]", i);
		snprintf(fp, sizeof fp, "%s.name", path);
		check_name(v, r->line, fp, r->name);
		for (size_t j = 0; j < i; j++)
			if (strcmp(d->risks[j].name, r->name) == 0 && r->name[0])
				v_error(v, r->line, "%s.name: a risk group named %s "
				    "already exists (line %d)", path, r->name,
				    d->risks[j].line);
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
		if (design_find_dc(d, n) < 0 && design_find_device(d, n) < 0 &&
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
	struct validator v = { d, file, err, 0 };
	const char *why;

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
			v_error(&v, 0, "availability.%s: %g is not a probability in "
			    "(0, 1]", design_avail_class_name(i), d->avail[i]);
	validate_layout(&v);
	return v.count ? -1 : 0;
}
