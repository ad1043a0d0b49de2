#include "design.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const vendor_names[VENDOR_COUNT] = {
	[VENDOR_CISCO_IOS] = "cisco-ios",
	[VENDOR_JUNOS] = "junos",
	[VENDOR_FRR] = "frr",
};

static const char *const encryption_names[IKE_ENCRYPTION_COUNT] = {
	[IKE_AES128] = "aes128",
	[IKE_AES256] = "aes256",
	[IKE_AES128_GCM16] = "aes128-gcm16",
	[IKE_AES256_GCM16] = "aes256-gcm16",
};

static const char *const integrity_names[IKE_INTEGRITY_COUNT] = {
	[IKE_SHA1] = "sha1",
	[IKE_SHA2_256] = "sha2-256",
	[IKE_SHA2_384] = "sha2-384",
	[IKE_SHA2_512] = "sha2-512",
};

static const struct {
	const char *name;
	double value;
} avail_classes[AVAIL_CLASS_COUNT] = {
	[AVAIL_TUNNEL] = { "tunnel", 0.999 },
	[AVAIL_DEVICE] = { "device", 0.9995 },
	[AVAIL_DX] = { "dx", 0.999 },
	[AVAIL_LOCATION] = { "location", 0.9999 },
	[AVAIL_PROVIDER] = { "provider", 0.9999 },
	[AVAIL_ISP] = { "isp", 0.9995 },
	[AVAIL_DATACENTER] = { "datacenter", 0.99995 },
	[AVAIL_WAN] = { "wan", 0.9999 },
	[AVAIL_AWS_ENDPOINT] = { "aws-endpoint", 0.9999 },
	[AVAIL_RISK] = { "risk", 0.9999 },
};

struct design *
design_new(void)
{
	struct design *d = xcalloc(1, sizeof *d);

	d->version = DESIGN_VERSION;
	d->name = xstrdup("");
	snprintf(d->vpc.name, sizeof d->vpc.name, "vpc");
	d->vpc.gateway = GATEWAY_VGW;
	d->vpc.asn = DESIGN_DEFAULT_AWS_ASN;
	for (int i = 0; i < AVAIL_CLASS_COUNT; i++)
		d->avail[i] = avail_classes[i].value;
	return d;
}

static void
design_free_conn(struct connection *c)
{
	free(c->adverts);
	free(c->description);
}

void
design_free(struct design **dp)
{
	struct design *d;

	if (dp == NULL || *dp == NULL)
		return;
	d = *dp;
	free(d->name);
	free(d->vpc.cidrs);
	for (size_t i = 0; i < d->ndcs; i++) {
		free(d->dcs[i].prefixes);
		free(d->dcs[i].description);
	}
	free(d->dcs);
	free(d->wans);
	for (size_t i = 0; i < d->ndevices; i++)
		free(d->devices[i].description);
	free(d->devices);
	for (size_t i = 0; i < d->nconns; i++)
		design_free_conn(&d->conns[i]);
	free(d->conns);
	free(d->traffic);
	for (size_t i = 0; i < d->nrisks; i++) {
		for (size_t j = 0; j < d->risks[i].nmembers; j++)
			free(d->risks[i].members[j]);
		free(d->risks[i].members);
	}
	free(d->risks);
	free(d->layout);
	free(d);
	*dp = NULL;
}

static void *
dup_array(const void *src, size_t n, size_t size)
{
	void *p;

	if (n == 0 || src == NULL)
		return NULL;
	p = xcalloc(n, size);
	memcpy(p, src, n * size);
	return p;
}

static char *
dup_text(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

struct design *
design_clone(const struct design *s)
{
	struct design *d = xcalloc(1, sizeof *d);

	*d = *s;
	d->name = xstrdup(s->name);
	d->vpc.cidrs = dup_array(s->vpc.cidrs, s->vpc.ncidrs,
	    sizeof *s->vpc.cidrs);
	d->vpc.cidrcap = s->vpc.ncidrs;
	d->dcs = dup_array(s->dcs, s->ndcs, sizeof *s->dcs);
	d->dccap = s->ndcs;
	for (size_t i = 0; i < s->ndcs; i++) {
		d->dcs[i].prefixes = dup_array(s->dcs[i].prefixes,
		    s->dcs[i].nprefixes, sizeof *s->dcs[i].prefixes);
		d->dcs[i].pfxcap = s->dcs[i].nprefixes;
		d->dcs[i].description = dup_text(s->dcs[i].description);
	}
	d->wans = dup_array(s->wans, s->nwans, sizeof *s->wans);
	d->wancap = s->nwans;
	d->devices = dup_array(s->devices, s->ndevices, sizeof *s->devices);
	d->devcap = s->ndevices;
	for (size_t i = 0; i < s->ndevices; i++)
		d->devices[i].description = dup_text(s->devices[i].description);
	d->conns = dup_array(s->conns, s->nconns, sizeof *s->conns);
	d->conncap = s->nconns;
	for (size_t i = 0; i < s->nconns; i++) {
		d->conns[i].adverts = dup_array(s->conns[i].adverts,
		    s->conns[i].nadverts, sizeof *s->conns[i].adverts);
		d->conns[i].advcap = s->conns[i].nadverts;
		d->conns[i].description = dup_text(s->conns[i].description);
	}
	d->traffic = dup_array(s->traffic, s->ntraffic, sizeof *s->traffic);
	d->trafcap = s->ntraffic;
	d->risks = dup_array(s->risks, s->nrisks, sizeof *s->risks);
	d->riskcap = s->nrisks;
	for (size_t i = 0; i < s->nrisks; i++) {
		d->risks[i].members = NULL;
		if (s->risks[i].nmembers > 0)
			d->risks[i].members = xcalloc(s->risks[i].nmembers,
			    sizeof *d->risks[i].members);
		for (size_t j = 0; j < s->risks[i].nmembers; j++)
			d->risks[i].members[j] = xstrdup(s->risks[i].members[j]);
	}
	d->layout = dup_array(s->layout, s->nlayout, sizeof *s->layout);
	d->laycap = s->nlayout;
	return d;
}

static bool
text_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool
ike_phase_eq(const struct ike_phase *a, const struct ike_phase *b)
{
	return a->nencryption == b->nencryption &&
	    memcmp(a->encryption, b->encryption, (size_t)a->nencryption) == 0 &&
	    a->nintegrity == b->nintegrity &&
	    memcmp(a->integrity, b->integrity, (size_t)a->nintegrity) == 0 &&
	    a->ndh == b->ndh && memcmp(a->dh, b->dh, (size_t)a->ndh) == 0 &&
	    a->lifetime == b->lifetime;
}

static bool
conn_eq(const struct connection *a, const struct connection *b)
{
	if (strcmp(a->name, b->name) != 0 || a->type != b->type ||
	    strcmp(a->device, b->device) != 0 || a->routing != b->routing ||
	    a->local_pref != b->local_pref || a->nadverts != b->nadverts ||
	    a->availability != b->availability ||
	    !text_eq(a->description, b->description))
		return false;
	for (size_t i = 0; i < a->nadverts; i++) {
		const struct advert *x = &a->adverts[i], *y = &b->adverts[i];

		if (!prefix_equal(&x->prefix, &y->prefix) ||
		    x->prepend != y->prepend || x->local_pref != y->local_pref ||
		    x->has_med != y->has_med || x->med != y->med)
			return false;
	}
	if (a->type == CONN_VPN) {
		if (a->ntunnels != b->ntunnels || a->ike.version != b->ike.version ||
		    a->ike.dpd != b->ike.dpd ||
		    !ike_phase_eq(&a->ike.phase1, &b->ike.phase1) ||
		    !ike_phase_eq(&a->ike.phase2, &b->ike.phase2))
			return false;
		for (int i = 0; i < a->ntunnels; i++) {
			const struct tunnel *x = &a->tunnels[i], *y = &b->tunnels[i];

			if (!prefix_equal(&x->inside, &y->inside) ||
			    x->has_outside != y->has_outside ||
			    (x->has_outside && !prefix_equal(&x->aws_outside_ip,
			    &y->aws_outside_ip)) || x->enabled != y->enabled ||
			    x->gbps != y->gbps)
				return false;
		}
		return true;
	}
	return strcmp(a->location, b->location) == 0 &&
	    strcmp(a->provider, b->provider) == 0 && a->gbps == b->gbps &&
	    a->vlan == b->vlan && prefix_equal(&a->peer, &b->peer) &&
	    a->bfd == b->bfd;
}

static bool
prefixes_eq(const struct prefix *a, size_t na, const struct prefix *b,
    size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (!prefix_equal(&a[i], &b[i]))
			return false;
	return true;
}

bool
design_equal(const struct design *a, const struct design *b)
{
	if (a->version != b->version || strcmp(a->name, b->name) != 0 ||
	    strcmp(a->vpc.name, b->vpc.name) != 0 ||
	    a->vpc.gateway != b->vpc.gateway || a->vpc.asn != b->vpc.asn ||
	    a->vpc.ecmp != b->vpc.ecmp ||
	    !prefixes_eq(a->vpc.cidrs, a->vpc.ncidrs, b->vpc.cidrs, b->vpc.ncidrs))
		return false;
	if (a->ndcs != b->ndcs || a->nwans != b->nwans ||
	    a->ndevices != b->ndevices || a->nconns != b->nconns ||
	    a->ntraffic != b->ntraffic || a->nrisks != b->nrisks ||
	    a->nlayout != b->nlayout)
		return false;
	for (size_t i = 0; i < a->ndcs; i++) {
		const struct datacenter *x = &a->dcs[i], *y = &b->dcs[i];

		if (strcmp(x->name, y->name) != 0 ||
		    x->availability != y->availability ||
		    !text_eq(x->description, y->description) ||
		    !prefixes_eq(x->prefixes, x->nprefixes, y->prefixes,
		    y->nprefixes))
			return false;
	}
	for (size_t i = 0; i < a->nwans; i++) {
		const struct wan_link *x = &a->wans[i], *y = &b->wans[i];

		if (strcmp(x->a, y->a) != 0 || strcmp(x->b, y->b) != 0 ||
		    x->gbps != y->gbps || x->availability != y->availability)
			return false;
	}
	for (size_t i = 0; i < a->ndevices; i++) {
		const struct device *x = &a->devices[i], *y = &b->devices[i];

		if (strcmp(x->name, y->name) != 0 || strcmp(x->dc, y->dc) != 0 ||
		    x->vendor != y->vendor || x->asn != y->asn ||
		    x->has_public_ip != y->has_public_ip ||
		    (x->has_public_ip && !prefix_equal(&x->public_ip,
		    &y->public_ip)) || strcmp(x->isp, y->isp) != 0 ||
		    x->availability != y->availability ||
		    !text_eq(x->description, y->description))
			return false;
	}
	for (size_t i = 0; i < a->nconns; i++)
		if (!conn_eq(&a->conns[i], &b->conns[i]))
			return false;
	for (size_t i = 0; i < a->ntraffic; i++) {
		const struct traffic *x = &a->traffic[i], *y = &b->traffic[i];

		if (!prefix_equal(&x->prefix, &y->prefix) ||
		    x->from_aws != y->from_aws || x->to_aws != y->to_aws)
			return false;
	}
	for (size_t i = 0; i < a->nrisks; i++) {
		const struct risk *x = &a->risks[i], *y = &b->risks[i];

		if (strcmp(x->name, y->name) != 0 || x->nmembers != y->nmembers ||
		    x->availability != y->availability)
			return false;
		for (size_t j = 0; j < x->nmembers; j++)
			if (strcmp(x->members[j], y->members[j]) != 0)
				return false;
	}
	for (int i = 0; i < AVAIL_CLASS_COUNT; i++)
		if (a->avail[i] != b->avail[i] || a->avail_set[i] != b->avail_set[i])
			return false;
	for (size_t i = 0; i < a->nlayout; i++)
		if (strcmp(a->layout[i].name, b->layout[i].name) != 0 ||
		    a->layout[i].x != b->layout[i].x ||
		    a->layout[i].y != b->layout[i].y)
			return false;
	return memcmp(a->rules, b->rules, sizeof a->rules) == 0;
}

int
design_find_dc(const struct design *d, const char *name)
{
	for (size_t i = 0; i < d->ndcs; i++)
		if (strcmp(d->dcs[i].name, name) == 0)
			return (int)i;
	return -1;
}

int
design_find_device(const struct design *d, const char *name)
{
	for (size_t i = 0; i < d->ndevices; i++)
		if (strcmp(d->devices[i].name, name) == 0)
			return (int)i;
	return -1;
}

int
design_find_conn(const struct design *d, const char *name)
{
	for (size_t i = 0; i < d->nconns; i++)
		if (strcmp(d->conns[i].name, name) == 0)
			return (int)i;
	return -1;
}

int
design_find_risk(const struct design *d, const char *name)
{
	for (size_t i = 0; i < d->nrisks; i++)
		if (strcmp(d->risks[i].name, name) == 0)
			return (int)i;
	return -1;
}

int
design_find_wan(const struct design *d, const char *a, const char *b)
{
	for (size_t i = 0; i < d->nwans; i++)
		if ((strcmp(d->wans[i].a, a) == 0 && strcmp(d->wans[i].b, b) == 0) ||
		    (strcmp(d->wans[i].a, b) == 0 && strcmp(d->wans[i].b, a) == 0))
			return (int)i;
	return -1;
}

int
design_conn_dc(const struct design *d, const struct connection *c)
{
	int dev = design_find_device(d, c->device);

	if (dev < 0)
		return -1;
	return design_find_dc(d, d->devices[dev].dc);
}

static bool
any_conn_field(const struct design *d, size_t off, const char *value,
    enum conn_type type)
{
	for (size_t i = 0; i < d->nconns; i++)
		if (d->conns[i].type == type &&
		    strcmp((const char *)&d->conns[i] + off, value) == 0)
			return true;
	return false;
}

bool
design_component_exists(const struct design *d, const char *id)
{
	const char *colon = strchr(id, ':');
	const char *rest;
	size_t kind;

	if (colon == NULL)
		return false;
	kind = (size_t)(colon - id);
	rest = colon + 1;
#define KIND(s) (kind == sizeof(s) - 1 && strncmp(id, s, kind) == 0)
	if (KIND("connection"))
		return design_find_conn(d, rest) >= 0;
	if (KIND("device"))
		return design_find_device(d, rest) >= 0;
	if (KIND("datacenter"))
		return design_find_dc(d, rest) >= 0;
	if (KIND("risk"))
		return design_find_risk(d, rest) >= 0;
	if (KIND("location"))
		return any_conn_field(d, offsetof(struct connection, location),
		    rest, CONN_DX);
	if (KIND("provider"))
		return any_conn_field(d, offsetof(struct connection, provider),
		    rest, CONN_DX);
	if (KIND("isp")) {
		for (size_t i = 0; i < d->ndevices; i++)
			if (d->devices[i].isp[0] && strcmp(d->devices[i].isp, rest) == 0)
				return true;
		return false;
	}
	if (KIND("aws-endpoint"))
		return strcmp(rest, "1") == 0 || strcmp(rest, "2") == 0;
	if (KIND("tunnel")) {
		const char *slash = strrchr(rest, '/');
		design_name name;
		int c, n;

		if (slash == NULL || (size_t)(slash - rest) > DESIGN_NAME_MAX ||
		    (strcmp(slash, "/1") != 0 && strcmp(slash, "/2") != 0))
			return false;
		memcpy(name, rest, (size_t)(slash - rest));
		name[slash - rest] = '\0';
		c = design_find_conn(d, name);
		n = slash[1] - '0';
		return c >= 0 && d->conns[c].type == CONN_VPN &&
		    n <= d->conns[c].ntunnels;
	}
	if (KIND("wan")) {
		/* "A-B" where names may themselves hold '-': try each split. */
		for (size_t i = 0; i < d->nwans; i++) {
			char buf[2 * DESIGN_NAME_MAX + 2];

			snprintf(buf, sizeof buf, "%s-%s", d->wans[i].a, d->wans[i].b);
			if (strcmp(buf, rest) == 0)
				return true;
		}
		return false;
	}
#undef KIND
	return false;
}

void
design_ike_defaults(struct ike *ike)
{
	memset(ike, 0, sizeof *ike);
	ike->version = 2;
	ike->phase1.nencryption = 1;
	ike->phase1.encryption[0] = IKE_AES256_GCM16;
	ike->phase1.nintegrity = 1;
	ike->phase1.integrity[0] = IKE_SHA2_256;
	ike->phase1.ndh = 2;
	ike->phase1.dh[0] = 20;
	ike->phase1.dh[1] = 14;
	ike->phase1.lifetime = 28800;
	ike->phase2 = ike->phase1;
	ike->phase2.lifetime = 3600;
	ike->dpd = 10;
}

void
design_connection_defaults(struct connection *c, enum conn_type type)
{
	c->type = type;
	c->routing = ROUTING_BGP;
	c->local_pref = type == CONN_DX ? DESIGN_DEFAULT_LOCAL_PREF_DX :
	    DESIGN_DEFAULT_LOCAL_PREF_VPN;
	design_ike_defaults(&c->ike);
	c->ntunnels = 0;
	for (int i = 0; i < DESIGN_MAX_TUNNELS; i++) {
		c->tunnels[i].enabled = true;
		c->tunnels[i].gbps = DESIGN_DEFAULT_TUNNEL_GBPS;
	}
	c->bfd = false;
}

double
design_default_availability(enum avail_class cls)
{
	return avail_classes[cls].value;
}

static void
copy_name(design_name dst, const char *src)
{
	snprintf(dst, sizeof(design_name), "%s", src ? src : "");
}

struct datacenter *
design_add_dc(struct design *d, const char *name)
{
	struct datacenter *dc;

	d->dcs = xgrow(d->dcs, &d->dccap, d->ndcs + 1, sizeof *d->dcs);
	dc = &d->dcs[d->ndcs++];
	memset(dc, 0, sizeof *dc);
	copy_name(dc->name, name);
	return dc;
}

struct wan_link *
design_add_wan(struct design *d, const char *a, const char *b, double gbps)
{
	struct wan_link *w;

	d->wans = xgrow(d->wans, &d->wancap, d->nwans + 1, sizeof *d->wans);
	w = &d->wans[d->nwans++];
	memset(w, 0, sizeof *w);
	copy_name(w->a, a);
	copy_name(w->b, b);
	w->gbps = gbps;
	return w;
}

struct device *
design_add_device(struct design *d, const char *name, const char *dc)
{
	struct device *dev;

	d->devices = xgrow(d->devices, &d->devcap, d->ndevices + 1,
	    sizeof *d->devices);
	dev = &d->devices[d->ndevices++];
	memset(dev, 0, sizeof *dev);
	copy_name(dev->name, name);
	copy_name(dev->dc, dc);
	dev->vendor = VENDOR_FRR;
	return dev;
}

struct connection *
design_add_conn(struct design *d, const char *name, enum conn_type type,
    const char *device)
{
	struct connection *c;

	d->conns = xgrow(d->conns, &d->conncap, d->nconns + 1, sizeof *d->conns);
	c = &d->conns[d->nconns++];
	memset(c, 0, sizeof *c);
	copy_name(c->name, name);
	copy_name(c->device, device);
	design_connection_defaults(c, type);
	return c;
}

struct advert *
design_conn_add_advert(struct connection *c, const struct prefix *p)
{
	struct advert *a;

	c->adverts = xgrow(c->adverts, &c->advcap, c->nadverts + 1,
	    sizeof *c->adverts);
	a = &c->adverts[c->nadverts++];
	memset(a, 0, sizeof *a);
	a->prefix = *p;
	return a;
}

void
design_dc_add_prefix(struct datacenter *dc, const struct prefix *p)
{
	dc->prefixes = xgrow(dc->prefixes, &dc->pfxcap, dc->nprefixes + 1,
	    sizeof *dc->prefixes);
	dc->prefixes[dc->nprefixes++] = *p;
}

void
design_vpc_add_cidr(struct vpc *vpc, const struct prefix *p)
{
	vpc->cidrs = xgrow(vpc->cidrs, &vpc->cidrcap, vpc->ncidrs + 1,
	    sizeof *vpc->cidrs);
	vpc->cidrs[vpc->ncidrs++] = *p;
}

struct traffic *
design_add_traffic(struct design *d, const struct prefix *p, double from_aws,
    double to_aws)
{
	struct traffic *t;

	d->traffic = xgrow(d->traffic, &d->trafcap, d->ntraffic + 1,
	    sizeof *d->traffic);
	t = &d->traffic[d->ntraffic++];
	memset(t, 0, sizeof *t);
	t->prefix = *p;
	t->from_aws = from_aws;
	t->to_aws = to_aws;
	return t;
}

struct risk *
design_add_risk(struct design *d, const char *name)
{
	struct risk *r;

	d->risks = xgrow(d->risks, &d->riskcap, d->nrisks + 1, sizeof *d->risks);
	r = &d->risks[d->nrisks++];
	memset(r, 0, sizeof *r);
	copy_name(r->name, name);
	return r;
}

void
design_risk_add_member(struct risk *r, const char *id)
{
	r->members = xrealloc(r->members, (r->nmembers + 1) * sizeof *r->members);
	r->members[r->nmembers++] = xstrdup(id);
}

void
design_set_layout(struct design *d, const char *name, int x, int y)
{
	struct layout_entry *e;

	for (size_t i = 0; i < d->nlayout; i++)
		if (strcmp(d->layout[i].name, name) == 0) {
			d->layout[i].x = x;
			d->layout[i].y = y;
			return;
		}
	d->layout = xgrow(d->layout, &d->laycap, d->nlayout + 1,
	    sizeof *d->layout);
	e = &d->layout[d->nlayout++];
	copy_name(e->name, name);
	e->x = x;
	e->y = y;
}

void
design_set_description(char **slot, const char *text)
{
	free(*slot);
	*slot = text && *text ? xstrdup(text) : NULL;
}

const char *
design_name_problem(const char *s)
{
	size_t n;

	if (s == NULL || *s == '\0')
		return "a name cannot be empty";
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
		return "a name starts with a letter";
	for (n = 0; s[n]; n++) {
		unsigned char ch = (unsigned char)s[n];

		if (n >= DESIGN_NAME_MAX)
			return "a name is at most 32 characters";
		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		    (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' || ch == '-'))
			return "a name holds only letters, digits, '_', '.' and '-'";
	}
	return NULL;
}

bool
design_name_valid(const char *s)
{
	return design_name_problem(s) == NULL;
}

const char *
design_text_problem(const char *s)
{
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)s;

	if (s == NULL)
		return NULL;
	while (*p) {
		unsigned char ch = *p;
		int extra;

		if (ch < 0x20 || ch == 0x7f)
			return "control characters are not allowed";
		if (ch < 0x80)
			extra = 0;
		else if ((ch & 0xe0) == 0xc0 && ch >= 0xc2)
			extra = 1;
		else if ((ch & 0xf0) == 0xe0)
			extra = 2;
		else if ((ch & 0xf8) == 0xf0 && ch <= 0xf4)
			extra = 3;
		else
			return "the text is not valid UTF-8";
		p++;
		for (int i = 0; i < extra; i++, p++)
			if ((*p & 0xc0) != 0x80)
				return "the text is not valid UTF-8";
		/* C1 control characters U+0080..U+009F. */
		if (extra == 1 && ch == 0xc2 && p[-1] < 0xa0)
			return "control characters are not allowed";
		if (++n > DESIGN_TEXT_MAX)
			return "the text is longer than 200 characters";
	}
	return NULL;
}

const char *
design_vendor_name(enum vendor v)
{
	return (unsigned)v < VENDOR_COUNT ? vendor_names[v] : "?";
}

int
design_vendor_parse(const char *s, enum vendor *out)
{
	for (int i = 0; i < VENDOR_COUNT; i++)
		if (strcmp(s, vendor_names[i]) == 0) {
			*out = (enum vendor)i;
			return 0;
		}
	return -1;
}

const char *
design_conn_type_name(enum conn_type t)
{
	return t == CONN_DX ? "dx" : "vpn";
}

const char *
design_routing_name(enum routing r)
{
	return r == ROUTING_STATIC ? "static" : "bgp";
}

const char *
design_gateway_name(enum gateway_kind g)
{
	return g == GATEWAY_TGW ? "tgw" : "vgw";
}

const char *
design_lp_name(enum lp_community lp)
{
	switch (lp) {
	case LP_LOW:
		return "low";
	case LP_MEDIUM:
		return "medium";
	case LP_HIGH:
		return "high";
	case LP_NONE:
		break;
	}
	return NULL;
}

int
design_lp_community(enum lp_community lp)
{
	switch (lp) {
	case LP_LOW:
		return 7100;
	case LP_HIGH:
		return 7300;
	case LP_MEDIUM:
	case LP_NONE:
		break;
	}
	return 7200;
}

const char *
design_ike_encryption_name(enum ike_encryption e)
{
	return (unsigned)e < IKE_ENCRYPTION_COUNT ? encryption_names[e] : "?";
}

const char *
design_ike_integrity_name(enum ike_integrity i)
{
	return (unsigned)i < IKE_INTEGRITY_COUNT ? integrity_names[i] : "?";
}

const char *
design_avail_class_name(enum avail_class c)
{
	return (unsigned)c < AVAIL_CLASS_COUNT ? avail_classes[c].name : "?";
}

const char *
design_rule_severity_name(enum rule_severity s)
{
	switch (s) {
	case RULE_SEVERITY_OFF:
		return "off";
	case RULE_SEVERITY_INFO:
		return "info";
	case RULE_SEVERITY_WARNING:
		return "warning";
	case RULE_SEVERITY_ERROR:
		return "error";
	case RULE_SEVERITY_DEFAULT:
		break;
	}
	return "default";
}

int
design_rule_index(const char *id)
{
	int n;

	if (id == NULL || strncmp(id, "HA", 2) != 0 || strlen(id) != 5)
		return -1;
	for (int i = 2; i < 5; i++)
		if (id[i] < '0' || id[i] > '9')
			return -1;
	n = atoi(id + 2);
	if (n < 1 || n > DESIGN_RULE_COUNT)
		return -1;
	return n - 1;
}

bool
design_dh_allowed(int phase, int group)
{
	if (group == 2 || (group >= 14 && group <= 24))
		return true;
	return phase == 2 && group == 5;
}

bool
design_inside_reserved(const struct prefix *p)
{
	static const char *const reserved[] = {
		"169.254.0.0/30", "169.254.1.0/30", "169.254.2.0/30",
		"169.254.3.0/30", "169.254.4.0/30", "169.254.5.0/30",
		"169.254.169.252/30",
	};
	static struct prefix parsed[sizeof reserved / sizeof reserved[0]];
	static bool ready;

	if (!ready) {
		for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
			if (prefix_parse(reserved[i], &parsed[i], NULL, 0) != 0)
				abort();
		ready = true;
	}
	for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
		if (prefix_equal(&parsed[i], p))
			return true;
	return false;
}

const char *
design_inside_problem(const struct prefix *p)
{
	static struct prefix ll;

	if (!prefix_is_v4(p) || prefix_length(p) != 30)
		return "a tunnel inside CIDR is a /30";
	if (ll.family == 0 && prefix_parse("169.254.0.0/16", &ll, NULL, 0) != 0)
		abort();
	if (!prefix_contains(&ll, p))
		return "a tunnel inside CIDR lies in 169.254.0.0/16";
	if (design_inside_reserved(p))
		return "AWS reserves this /30 (169.254.0.0/30 to 169.254.5.0/30 "
		    "and 169.254.169.252/30)";
	return NULL;
}
