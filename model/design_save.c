/* Writing a design back as libconfig text: the inverse of design_load().
 * Values equal to their defaults are left out, so a saved file stays as
 * short as a hand-written one. */
#include "design.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileio.h"
#include "strbuf.h"

static void
put_string(struct strbuf *sb, const char *s)
{
	strbuf_puts(sb, "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			strbuf_add(sb, "\\", 1);
		strbuf_add(sb, s, 1);
	}
	strbuf_puts(sb, "\"");
}

static void
put_kv_string(struct strbuf *sb, const char *key, const char *s)
{
	strbuf_addf(sb, " %s = ", key);
	put_string(sb, s);
	strbuf_puts(sb, ";");
}

static void
put_kv_double(struct strbuf *sb, const char *key, double v)
{
	strbuf_addf(sb, " %s = ", key);
	strbuf_add_double(sb, v);
	strbuf_puts(sb, ";");
}

static void
put_asn(struct strbuf *sb, const char *key, uint32_t asn)
{
	/* libconfig wraps plain integers above 2^31-1. */
	strbuf_addf(sb, " %s = %lu%s;", key, (unsigned long)asn,
	    asn > 2147483647u ? "L" : "");
}

static void
put_prefix(struct strbuf *sb, const char *key, const struct prefix *p)
{
	char buf[PREFIX_STRLEN];

	put_kv_string(sb, key, prefix_format(p, buf, sizeof buf));
}

static void
put_address(struct strbuf *sb, const char *key, const struct prefix *p)
{
	char buf[PREFIX_STRLEN];

	put_kv_string(sb, key, prefix_format_address(p, buf, sizeof buf));
}

static void
put_prefix_array(struct strbuf *sb, const char *key, const struct prefix *p,
    size_t n)
{
	char buf[PREFIX_STRLEN];

	strbuf_addf(sb, " %s = [", key);
	for (size_t i = 0; i < n; i++) {
		strbuf_puts(sb, i ? ", " : " ");
		put_string(sb, prefix_format(&p[i], buf, sizeof buf));
	}
	strbuf_puts(sb, n ? " ];" : "];");
}

static void
put_common(struct strbuf *sb, const char *description, double availability)
{
	if (description != NULL)
		put_kv_string(sb, "description", description);
	if (availability != 0)
		put_kv_double(sb, "availability", availability);
}

static void
put_vpc(struct strbuf *sb, const struct vpc *vpc)
{
	strbuf_puts(sb, "vpc = {\n ");
	put_kv_string(sb, "name", vpc->name);
	strbuf_puts(sb, "\n ");
	put_prefix_array(sb, "cidrs", vpc->cidrs, vpc->ncidrs);
	strbuf_puts(sb, "\n ");
	put_kv_string(sb, "gateway", design_gateway_name(vpc->gateway));
	strbuf_puts(sb, "\n ");
	put_asn(sb, "asn", vpc->asn);
	if (vpc->ecmp)
		strbuf_puts(sb, "\n  ecmp = true;");
	strbuf_puts(sb, "\n};\n");
}

static void
put_words(struct strbuf *sb, const char *key, const uint8_t *v, int n,
    const char *(*name)(int))
{
	strbuf_addf(sb, " %s = [", key);
	for (int i = 0; i < n; i++) {
		strbuf_puts(sb, i ? ", " : " ");
		put_string(sb, name(v[i]));
	}
	strbuf_puts(sb, n ? " ];" : "];");
}

static const char *
encryption_word(int i)
{
	return design_ike_encryption_name((enum ike_encryption)i);
}

static const char *
integrity_word(int i)
{
	return design_ike_integrity_name((enum ike_integrity)i);
}

static void
put_phase(struct strbuf *sb, int phase, const struct ike_phase *ph)
{
	strbuf_addf(sb, "\n      phase%d = {", phase);
	put_words(sb, "encryption", ph->encryption, ph->nencryption,
	    encryption_word);
	put_words(sb, "integrity", ph->integrity, ph->nintegrity,
	    integrity_word);
	strbuf_addf(sb, " %s = [", phase == 1 ? "dh" : "pfs");
	for (int i = 0; i < ph->ndh; i++)
		strbuf_addf(sb, "%s%d", i ? ", " : " ", ph->dh[i]);
	strbuf_puts(sb, ph->ndh ? " ];" : "];");
	strbuf_addf(sb, " lifetime = %u; };", ph->lifetime);
}

static bool
ike_is_default(const struct ike *ike)
{
	struct connection a, b;

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	design_ike_defaults(&a.ike);
	b.ike = *ike;
	return memcmp(&a.ike, &b.ike, sizeof a.ike) == 0;
}

static void
put_vpn(struct strbuf *sb, const struct connection *c)
{
	strbuf_puts(sb, "\n   ");
	put_kv_string(sb, "routing", design_routing_name(c->routing));
	strbuf_puts(sb, "\n    tunnels = (");
	for (int t = 0; t < c->ntunnels; t++) {
		const struct tunnel *tu = &c->tunnels[t];

		strbuf_puts(sb, t ? ",\n                " : " ");
		strbuf_puts(sb, "{");
		put_prefix(sb, "inside", &tu->inside);
		if (tu->has_outside)
			put_address(sb, "aws_outside_ip", &tu->aws_outside_ip);
		if (!tu->enabled)
			strbuf_puts(sb, " enabled = false;");
		if (tu->gbps != DESIGN_DEFAULT_TUNNEL_GBPS)
			put_kv_double(sb, "gbps", tu->gbps);
		strbuf_puts(sb, " }");
	}
	strbuf_puts(sb, " );");
	if (!ike_is_default(&c->ike)) {
		strbuf_addf(sb, "\n    ike = { version = %d;", c->ike.version);
		put_phase(sb, 1, &c->ike.phase1);
		put_phase(sb, 2, &c->ike.phase2);
		strbuf_addf(sb, "\n      dpd = %u; };", c->ike.dpd);
	}
}

static void
put_dx(struct strbuf *sb, const struct connection *c)
{
	strbuf_puts(sb, "\n   ");
	put_kv_string(sb, "location", c->location);
	put_kv_string(sb, "provider", c->provider);
	strbuf_puts(sb, "\n   ");
	put_kv_double(sb, "gbps", c->gbps);
	strbuf_addf(sb, " vlan = %d;", c->vlan);
	put_prefix(sb, "peer", &c->peer);
	if (c->bfd)
		strbuf_puts(sb, " bfd = true;");
}

static void
put_connection(struct strbuf *sb, const struct connection *c)
{
	int def_lp = c->type == CONN_DX ? DESIGN_DEFAULT_LOCAL_PREF_DX :
	    DESIGN_DEFAULT_LOCAL_PREF_VPN;

	strbuf_puts(sb, "  {");
	put_kv_string(sb, "name", c->name);
	put_kv_string(sb, "type", design_conn_type_name(c->type));
	put_kv_string(sb, "device", c->device);
	if (c->type == CONN_VPN)
		put_vpn(sb, c);
	else
		put_dx(sb, c);
	if (c->local_pref != def_lp || c->description || c->availability) {
		strbuf_puts(sb, "\n   ");
		if (c->local_pref != def_lp)
			strbuf_addf(sb, " local_pref = %d;", c->local_pref);
		put_common(sb, c->description, c->availability);
	}
	if (c->nadverts > 0) {
		strbuf_puts(sb, "\n    advertise = (");
		for (size_t i = 0; i < c->nadverts; i++) {
			const struct advert *a = &c->adverts[i];

			strbuf_puts(sb, i ? ",\n                  " : " ");
			strbuf_puts(sb, "{");
			put_prefix(sb, "prefix", &a->prefix);
			if (a->prepend)
				strbuf_addf(sb, " prepend = %d;", a->prepend);
			if (a->local_pref != LP_NONE)
				put_kv_string(sb, "local_pref",
				    design_lp_name(a->local_pref));
			if (a->has_med)
				strbuf_addf(sb, " med = %luL;", (unsigned long)a->med);
			strbuf_puts(sb, " }");
		}
		strbuf_puts(sb, " );");
	}
	strbuf_puts(sb, " }");
}

/* The name of a risk member as written: a bare name for a connection. */
static const char *
member_text(const char *id)
{
	return strncmp(id, "connection:", 11) == 0 ? id + 11 : id;
}

char *
design_to_string(const struct design *d)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_puts(&sb, "# hatopo design (libconfig); see hatopo(1)\n");
	strbuf_addf(&sb, "version = %d;\n", d->version);
	strbuf_puts(&sb, "name = ");
	put_string(&sb, d->name);
	strbuf_puts(&sb, ";\n\n");
	put_vpc(&sb, &d->vpc);
	if (d->ndcs > 0) {
		strbuf_puts(&sb, "\ndatacenters = (\n");
		for (size_t i = 0; i < d->ndcs; i++) {
			const struct datacenter *dc = &d->dcs[i];

			strbuf_puts(&sb, "  {");
			put_kv_string(&sb, "name", dc->name);
			put_prefix_array(&sb, "prefixes", dc->prefixes, dc->nprefixes);
			put_common(&sb, dc->description, dc->availability);
			strbuf_puts(&sb, i + 1 < d->ndcs ? " },\n" : " }\n");
		}
		strbuf_puts(&sb, ");\n");
	}
	if (d->nwans > 0) {
		strbuf_puts(&sb, "\nwan = (\n");
		for (size_t i = 0; i < d->nwans; i++) {
			const struct wan_link *w = &d->wans[i];

			strbuf_puts(&sb, "  {");
			put_kv_string(&sb, "a", w->a);
			put_kv_string(&sb, "b", w->b);
			put_kv_double(&sb, "gbps", w->gbps);
			put_common(&sb, NULL, w->availability);
			strbuf_puts(&sb, i + 1 < d->nwans ? " },\n" : " }\n");
		}
		strbuf_puts(&sb, ");\n");
	}
	if (d->ndevices > 0) {
		strbuf_puts(&sb, "\ndevices = (\n");
		for (size_t i = 0; i < d->ndevices; i++) {
			const struct device *dev = &d->devices[i];

			strbuf_puts(&sb, "  {");
			put_kv_string(&sb, "name", dev->name);
			put_kv_string(&sb, "dc", dev->dc);
			put_kv_string(&sb, "vendor", design_vendor_name(dev->vendor));
			put_asn(&sb, "asn", dev->asn);
			if (dev->has_public_ip || dev->isp[0])
				strbuf_puts(&sb, "\n   ");
			if (dev->has_public_ip)
				put_address(&sb, "public_ip", &dev->public_ip);
			if (dev->isp[0])
				put_kv_string(&sb, "isp", dev->isp);
			put_common(&sb, dev->description, dev->availability);
			strbuf_puts(&sb, i + 1 < d->ndevices ? " },\n" : " }\n");
		}
		strbuf_puts(&sb, ");\n");
	}
	if (d->nconns > 0) {
		strbuf_puts(&sb, "\nconnections = (\n");
		for (size_t i = 0; i < d->nconns; i++) {
			put_connection(&sb, &d->conns[i]);
			strbuf_puts(&sb, i + 1 < d->nconns ? ",\n" : "\n");
		}
		strbuf_puts(&sb, ");\n");
	}
	if (d->ntraffic > 0) {
		strbuf_puts(&sb, "\ntraffic = (\n");
		for (size_t i = 0; i < d->ntraffic; i++) {
			strbuf_puts(&sb, "  {");
			put_prefix(&sb, "prefix", &d->traffic[i].prefix);
			put_kv_double(&sb, "from_aws", d->traffic[i].from_aws);
			put_kv_double(&sb, "to_aws", d->traffic[i].to_aws);
			strbuf_puts(&sb, i + 1 < d->ntraffic ? " },\n" : " }\n");
		}
		strbuf_puts(&sb, ");\n");
	}
	if (d->nrisks > 0) {
		strbuf_puts(&sb, "\nrisks = (\n");
		for (size_t i = 0; i < d->nrisks; i++) {
			const struct risk *r = &d->risks[i];

			strbuf_puts(&sb, "  {");
			put_kv_string(&sb, "name", r->name);
			strbuf_puts(&sb, " members = [");
			for (size_t m = 0; m < r->nmembers; m++) {
				strbuf_puts(&sb, m ? ", " : " ");
				put_string(&sb, member_text(r->members[m]));
			}
			strbuf_puts(&sb, r->nmembers ? " ];" : "];");
			put_common(&sb, NULL, r->availability);
			strbuf_puts(&sb, i + 1 < d->nrisks ? " },\n" : " }\n");
		}
		strbuf_puts(&sb, ");\n");
	}
	for (int i = 0, first = 1; i < AVAIL_CLASS_COUNT; i++) {
		if (!d->avail_set[i])
			continue;
		strbuf_puts(&sb, first ? "\navailability = {" : "");
		first = 0;
		put_kv_double(&sb, design_avail_class_name(i), d->avail[i]);
		for (int j = i + 1; j <= AVAIL_CLASS_COUNT; j++) {
			if (j == AVAIL_CLASS_COUNT) {
				strbuf_puts(&sb, " };\n");
				break;
			}
			if (d->avail_set[j])
				break;
		}
	}
	for (int i = 0, first = 1; i < DESIGN_RULE_COUNT; i++) {
		if (d->rules[i] == RULE_SEVERITY_DEFAULT)
			continue;
		strbuf_puts(&sb, first ? "\nrules = {" : "");
		first = 0;
		strbuf_addf(&sb, " HA%03d = \"%s\";", i + 1,
		    design_rule_severity_name(d->rules[i]));
		for (int j = i + 1; j <= DESIGN_RULE_COUNT; j++) {
			if (j == DESIGN_RULE_COUNT) {
				strbuf_puts(&sb, " };\n");
				break;
			}
			if (d->rules[j] != RULE_SEVERITY_DEFAULT)
				break;
		}
	}
	if (d->nlayout > 0) {
		strbuf_puts(&sb, "\n# positions on the TUI canvas\nlayout = {\n");
		for (size_t i = 0; i < d->nlayout; i++) {
			char key[DESIGN_NAME_MAX + 1];

			snprintf(key, sizeof key, "%s", d->layout[i].name);
			for (char *c = key; *c; c++)
				if (*c == '.')
					*c = '*';
			strbuf_addf(&sb, "  %s = [%d, %d];\n", key, d->layout[i].x,
			    d->layout[i].y);
		}
		strbuf_puts(&sb, "};\n");
	}
	return strbuf_detach(&sb);
}

int
design_save(const struct design *d, const char *path, struct error *err)
{
	char *text;
	struct stat st;
	mode_t mode;
	int rc;

	if (design_validate(d, path, err) != 0)
		return -1;
	if (stat(path, &st) == 0)
		mode = st.st_mode & 0777;
	else {
		mode_t mask = umask(022);

		umask(mask);
		mode = 0666 & ~mask;
	}
	text = design_to_string(d);
	rc = fileio_write_atomic(path, text, strlen(text), mode, true, err);
	free(text);
	return rc;
}
