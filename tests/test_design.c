/* The design loader, validator and saver.
 *
 * tests/fixtures/bad holds broken designs, one problem class each (line 1
 * of each says which).  NAME.expect holds exactly what "hatopo validate
 * NAME.cfg" writes to stderr, the file's path written as FILE, without the
 * closing "not valid" line.  After changing a message on purpose,
 * regenerate them and read every line that changed:
 *
 *   cd tests/fixtures/bad && for f in $(ls | sed -n 's/\.cfg$//p'); do
 *       ../../../hatopo validate $f.cfg 2>&1 >/dev/null |
 *       grep -v "^hatopo: " | sed "s|^$f.cfg|FILE|" >$f.expect; done
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <glob.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/design.h"
#include "model/xalloc.h"
#include "tests/support.h"

/* Tests run from the repository root (tests/run.sh). */
#define BAD_DIR "tests/fixtures/bad"

/* The design every fixture in tests/fixtures/bad breaks in one way (each
 * fixture has one comment line more at the top). */
static const char base_text[] =
    "version = 1;\n"
    "name = \"fixture base\";\n"
    "vpc = { name = \"prod\"; cidrs = [\"172.31.0.0/16\"]; gateway = \"vgw\"; asn = 64512; };\n"
    "datacenters = (\n"
    "  { name = \"dc1\"; prefixes = [\"10.0.0.0/16\"]; },\n"
    "  { name = \"dc2\"; prefixes = [\"10.1.0.0/16\"]; }\n"
    ");\n"
    "wan = ( { a = \"dc1\"; b = \"dc2\"; gbps = 10.0; } );\n"
    "devices = (\n"
    "  { name = \"cgw1\"; dc = \"dc1\"; vendor = \"frr\"; asn = 65001;\n"
    "    public_ip = \"203.0.113.10\"; isp = \"isp-a\"; },\n"
    "  { name = \"cgw2\"; dc = \"dc2\"; vendor = \"junos\"; asn = 65002; }\n"
    ");\n"
    "connections = (\n"
    "  { name = \"vpn1\"; type = \"vpn\"; device = \"cgw1\";\n"
    "    tunnels = ( { inside = \"169.254.10.0/30\"; },\n"
    "                { inside = \"169.254.10.4/30\"; } );\n"
    "    advertise = ( { prefix = \"10.0.0.0/16\"; } ); },\n"
    "  { name = \"dx1\"; type = \"dx\"; device = \"cgw2\"; location = \"EqDC2\";\n"
    "    provider = \"Zayo\"; gbps = 10.0; vlan = 101; peer = \"169.254.100.0/30\";\n"
    "    advertise = ( { prefix = \"10.1.0.0/16\"; } ); }\n"
    ");\n"
    "traffic = ( { prefix = \"10.0.0.0/16\"; from_aws = 1.0; to_aws = 0.5; } );\n"
    "risks = ( { name = \"conduit-7\"; members = [\"dx1\", \"device:cgw1\"]; } );\n";

/* Every optional feature of the format, at the edges of its ranges. */
static const char rich_text[] =
    "version = 1;\n"
    "name = \"Rich \\\"quoted\\\" design \\\\ at Z\xc3\xbcrich\";\n"
    "vpc = { name = \"prod.vpc\"; cidrs = [\"172.31.0.0/16\", \"2600:1f18::/56\"];\n"
    "  gateway = \"tgw\"; asn = 4200000000L; ecmp = true; };\n"
    "datacenters = (\n"
    "  { name = \"dc.east\"; prefixes = [\"10.0.0.0/16\", \"2001:db8:1::/48\"];\n"
    "    description = \"Ashburn \\\"A\\\", Z\xc3\xbcrich\"; availability = 0.99999; },\n"
    "  { name = \"dc-west\"; prefixes = [\"10.1.0.0/16\"]; }\n"
    ");\n"
    "wan = ( { a = \"dc.east\"; b = \"dc-west\"; gbps = 2.5; availability = 0.9998; } );\n"
    "devices = (\n"
    "  { name = \"cgw1\"; dc = \"dc.east\"; vendor = \"cisco-ios\"; asn = 65001;\n"
    "    public_ip = \"203.0.113.10\"; isp = \"isp-a\"; description = \"ISR 4451\";\n"
    "    availability = 0.9991; },\n"
    "  { name = \"cgw2\"; dc = \"dc-west\"; vendor = \"junos\"; asn = 2147483648L;\n"
    "    public_ip = \"2001:db8::10\"; isp = \"isp_b\"; },\n"
    "  { name = \"rtr3\"; dc = \"dc-west\"; vendor = \"frr\"; asn = 4294967294L; }\n"
    ");\n"
    "connections = (\n"
    "  { name = \"vpn1\"; type = \"vpn\"; device = \"cgw1\"; routing = \"bgp\";\n"
    "    tunnels = ( { inside = \"169.254.10.0/30\"; aws_outside_ip = \"52.1.1.1\"; gbps = 5.0; },\n"
    "                { inside = \"169.254.10.4/30\"; aws_outside_ip = \"52.1.1.2\"; enabled = false; } );\n"
    "    ike = { version = 1;\n"
    "      phase1 = { encryption = [\"aes128\", \"aes256\"]; integrity = [\"sha1\", \"sha2-512\"];\n"
    "                 dh = [2, 24]; lifetime = 14400; };\n"
    "      phase2 = { encryption = [\"aes128-gcm16\"]; integrity = [\"sha2-384\"]; pfs = [];\n"
    "                 lifetime = 1800; };\n"
    "      dpd = 30; };\n"
    "    local_pref = 150; description = \"primary VPN\"; availability = 0.9997;\n"
    "    advertise = ( { prefix = \"10.0.0.0/15\"; prepend = 3; med = 4000000000L; },\n"
    "                  { prefix = \"10.0.0.0/16\"; med = 0; } ); },\n"
    "  { name = \"vpn2\"; type = \"vpn\"; device = \"cgw2\"; routing = \"static\";\n"
    "    tunnels = ( { inside = \"169.254.11.0/30\"; } );\n"
    "    advertise = ( { prefix = \"10.1.0.0/16\"; } ); },\n"
    "  { name = \"dx1\"; type = \"dx\"; device = \"rtr3\"; location = \"EqDC2\";\n"
    "    provider = \"Zayo\"; gbps = 0.05; vlan = 4094; peer = \"169.254.100.0/31\";\n"
    "    bfd = true; local_pref = 0;\n"
    "    advertise = ( { prefix = \"10.1.0.0/16\"; local_pref = \"high\"; prepend = 10; },\n"
    "                  { prefix = \"10.0.0.0/16\"; local_pref = \"low\"; },\n"
    "                  { prefix = \"2001:db8:1::/48\"; local_pref = \"medium\"; } ); },\n"
    "  { name = \"dx2\"; type = \"dx\"; device = \"rtr3\"; location = \"CSVA1\";\n"
    "    provider = \"Lumen\"; gbps = 400.0; vlan = 1; peer = \"2001:db8:ff::/126\"; }\n"
    ");\n"
    "traffic = ( { prefix = \"10.0.0.0/16\"; from_aws = 0.0; to_aws = 1.125; },\n"
    "            { prefix = \"2001:db8:1::/48\"; from_aws = 1e-3; to_aws = 0.0; } );\n"
    "risks = ( { name = \"conduit-7\"; availability = 0.99;\n"
    "            members = [\"dx1\", \"vpn2\", \"device:cgw1\", \"tunnel:vpn1/2\",\n"
    "                       \"location:EqDC2\", \"provider:Zayo\", \"isp:isp-a\",\n"
    "                       \"aws-endpoint:1\", \"wan:dc.east-dc-west\",\n"
    "                       \"datacenter:dc-west\"]; } );\n"
    "availability = { tunnel = 0.9985; aws-endpoint = 0.99995; };\n"
    "rules = { HA001 = \"off\"; HA016 = \"error\"; HA023 = \"info\"; };\n"
    "layout = { dc*east = [0, 0]; dc-west = [100000, 7]; cgw1 = [3, 4];\n"
    "           EqDC2 = [5, 6]; };\n";

/* ---- helpers ---- */

static struct prefix
P(const char *s)
{
	struct prefix p;
	char why[160];

	if (prefix_parse(s, &p, why, sizeof why) != 0 &&
	    prefix_parse_address(s, &p, why, sizeof why) != 0)
		fail_msg("bad prefix in a test: %s: %s", s, why);
	return p;
}

/* A whole file, NUL bytes and all; NULL when it cannot be read. */
static char *
slurp(const char *path, size_t *lenp)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (f == NULL)
		return NULL;
	do {
		cap = cap ? 2 * cap : 4096;
		buf = xrealloc(buf, cap + 1);
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (len == cap);
	fclose(f);
	buf[len] = '\0';
	if (lenp != NULL)
		*lenp = len;
	return buf;
}

/* The messages as "hatopo validate" prints them, with path shown as FILE. */
static char *
errors_as_expect(const struct error *e, const char *path)
{
	size_t plen = strlen(path), len = 0;
	char *out = xstrdup("");

	for (size_t i = 0; i < e->count; i++) {
		char *s = error_item_string(&e->items[i]);
		const char *rest = s;
		char *line;

		if (path[0] != '\0' && strncmp(s, path, plen) == 0) {
			rest = s + plen;
			line = xasprintf("FILE%s\n", rest);
		} else
			line = xasprintf("%s\n", rest);
		out = xrealloc(out, len + strlen(line) + 1);
		memcpy(out + len, line, strlen(line) + 1);
		len += strlen(line);
		free(line);
		free(s);
	}
	return out;
}

static bool
has_message(const struct error *e, const char *needle)
{
	for (size_t i = 0; i < e->count; i++) {
		char *s = error_item_string(&e->items[i]);
		bool hit = strstr(s, needle) != NULL;

		free(s);
		if (hit)
			return true;
	}
	return false;
}

static void
assert_message(const struct error *e, const char *needle)
{
	if (!has_message(e, needle)) {
		char *all = error_string(e);

		fprintf(stderr, "errors:\n%s", all);
		free(all);
		fail_msg("no message contains \"%s\"", needle);
	}
}

/* load -> save -> load gives an equal design, and the second save gives
 * the same bytes as the first. */
static void
assert_round_trip(const struct design *d)
{
	char *t1 = design_to_string(d), *t2;
	struct design *d2 = support_load_text(t1);

	if (!design_equal(d, d2))
		fail_msg("the design changed on the round trip:\n%s", t1);
	t2 = design_to_string(d2);
	assert_string_equal(t1, t2);
	free(t1);
	free(t2);
	design_free(&d2);
}

/* The base design, built the way the TUI builds one. */
static struct design *
base_design(void)
{
	struct design *d = design_new();
	struct datacenter *dc;
	struct device *dev;
	struct connection *c;
	struct risk *r;
	struct prefix p;

	free(d->name);
	d->name = xstrdup("fixture base");
	snprintf(d->vpc.name, sizeof d->vpc.name, "prod");
	p = P("172.31.0.0/16");
	design_vpc_add_cidr(&d->vpc, &p);
	dc = design_add_dc(d, "dc1");
	p = P("10.0.0.0/16");
	design_dc_add_prefix(dc, &p);
	dc = design_add_dc(d, "dc2");
	p = P("10.1.0.0/16");
	design_dc_add_prefix(dc, &p);
	design_add_wan(d, "dc1", "dc2", 10.0);
	dev = design_add_device(d, "cgw1", "dc1");
	dev->vendor = VENDOR_FRR;
	dev->asn = 65001;
	dev->has_public_ip = true;
	dev->public_ip = P("203.0.113.10");
	snprintf(dev->isp, sizeof dev->isp, "isp-a");
	dev = design_add_device(d, "cgw2", "dc2");
	dev->vendor = VENDOR_JUNOS;
	dev->asn = 65002;
	c = design_add_conn(d, "vpn1", CONN_VPN, "cgw1");
	c->ntunnels = 2;
	c->tunnels[0].inside = P("169.254.10.0/30");
	c->tunnels[1].inside = P("169.254.10.4/30");
	p = P("10.0.0.0/16");
	design_conn_add_advert(c, &p);
	c = design_add_conn(d, "dx1", CONN_DX, "cgw2");
	snprintf(c->location, sizeof c->location, "EqDC2");
	snprintf(c->provider, sizeof c->provider, "Zayo");
	c->gbps = 10.0;
	c->vlan = 101;
	c->peer = P("169.254.100.0/30");
	p = P("10.1.0.0/16");
	design_conn_add_advert(c, &p);
	p = P("10.0.0.0/16");
	design_add_traffic(d, &p, 1.0, 0.5);
	r = design_add_risk(d, "conduit-7");
	design_risk_add_member(r, "connection:dx1");
	design_risk_add_member(r, "device:cgw1");
	return d;
}

/* ---- the corpus of broken designs ---- */

struct fixtures {
	glob_t cfg;
	glob_t expect;
};

static void
glob_fixtures(struct fixtures *f)
{
	memset(f, 0, sizeof *f);
	if (glob(BAD_DIR "/*.cfg", 0, NULL, &f->cfg) != 0)
		fail_msg("no fixtures in %s (run the tests from the repository "
		    "root)", BAD_DIR);
	if (glob(BAD_DIR "/*.expect", 0, NULL, &f->expect) != 0)
		fail_msg("no .expect files in %s", BAD_DIR);
}

static char *
expect_path(const char *cfg)
{
	size_t n = strlen(cfg);

	return xasprintf("%.*s.expect", (int)(n - 4), cfg);
}

/* Every fixture fails to load with exactly the messages of its .expect
 * file, and loading leaves the fixture as it was. */
static void
test_bad_fixtures_match_expect(void **state)
{
	struct fixtures f;
	int bad = 0;

	(void)state;
	glob_fixtures(&f);
	for (size_t i = 0; i < f.cfg.gl_pathc; i++) {
		const char *path = f.cfg.gl_pathv[i];
		char *ep = expect_path(path), *want, *got, *before, *after;
		struct error e = ERROR_INIT;
		struct design *d = NULL;
		struct stat st1, st2;
		size_t len1, len2;

		assert_int_equal(stat(path, &st1), 0);
		before = slurp(path, &len1);
		assert_non_null(before);
		want = slurp(ep, NULL);
		if (want == NULL) {
			fprintf(stderr, "%s: no .expect file\n", path);
			bad++;
		}
		if (design_load(path, &d, &e) == 0) {
			fprintf(stderr, "%s: loaded, but it is broken\n", path);
			design_free(&d);
			bad++;
		}
		assert_null(d);
		assert_true(e.count > 0);
		got = errors_as_expect(&e, path);
		if (want != NULL && strcmp(want, got) != 0) {
			fprintf(stderr, "%s: messages differ\n--- want\n%s"
			    "--- got\n%s", path, want, got);
			bad++;
		}
		assert_int_equal(stat(path, &st2), 0);
		after = slurp(path, &len2);
		assert_non_null(after);
		assert_int_equal(len1, len2);
		assert_memory_equal(before, after, len1);
		assert_int_equal(st1.st_size, st2.st_size);
		assert_int_equal(st1.st_mtim.tv_sec, st2.st_mtim.tv_sec);
		assert_int_equal(st1.st_mtim.tv_nsec, st2.st_mtim.tv_nsec);
		assert_int_equal(st1.st_mode, st2.st_mode);
		free(before);
		free(after);
		free(want);
		free(got);
		free(ep);
		error_clear(&e);
	}
	globfree(&f.cfg);
	globfree(&f.expect);
	if (bad)
		fail_msg("%d fixture problems (see above)", bad);
}

/* The corpus is complete: enough fixtures, one .expect per .cfg and no
 * stray .expect, none of them empty. */
static void
test_bad_fixtures_complete(void **state)
{
	struct fixtures f;

	(void)state;
	glob_fixtures(&f);
	assert_true(f.cfg.gl_pathc >= 45);
	assert_int_equal(f.cfg.gl_pathc, f.expect.gl_pathc);
	for (size_t i = 0; i < f.cfg.gl_pathc; i++) {
		char *ep = expect_path(f.cfg.gl_pathv[i]);
		struct stat st;

		assert_string_equal(ep, f.expect.gl_pathv[i]);
		assert_int_equal(stat(ep, &st), 0);
		if (st.st_size == 0)
			fail_msg("%s is empty", ep);
		free(ep);
	}
	globfree(&f.cfg);
	globfree(&f.expect);
}

/* The fixtures that exist for their bytes still have them. */
static void
test_bad_fixture_bytes(void **state)
{
	size_t len;
	char *s;

	(void)state;
	s = slurp(BAD_DIR "/crlf.cfg", &len);
	assert_non_null(s);
	assert_non_null(strstr(s, "\r\n"));
	free(s);
	s = slurp(BAD_DIR "/nul-byte.cfg", &len);
	assert_non_null(s);
	assert_non_null(memchr(s, '\0', len));
	assert_true(strlen(s) < len);
	free(s);
	s = slurp(BAD_DIR "/empty.cfg", &len);
	assert_non_null(s);
	assert_int_equal(len, 0);
	free(s);
}

/* Messages come in line order, every one names FILE, and the file with
 * many problems reports all of them. */
static void
test_bad_fixture_messages_sorted(void **state)
{
	struct fixtures f;
	char *many;
	int n = 0;

	(void)state;
	glob_fixtures(&f);
	for (size_t i = 0; i < f.expect.gl_pathc; i++) {
		char *text = slurp(f.expect.gl_pathv[i], NULL), *save = NULL;
		long last = 0;

		assert_non_null(text);
		for (char *l = strtok_r(text, "\n", &save); l != NULL;
		    l = strtok_r(NULL, "\n", &save)) {
			long line = 0;

			if (strncmp(l, "FILE", 4) != 0)
				fail_msg("%s: \"%s\" does not name the file",
				    f.expect.gl_pathv[i], l);
			if (l[4] == ':' && l[5] >= '0' && l[5] <= '9')
				line = strtol(l + 5, NULL, 10);
			if (line < last)
				fail_msg("%s: line %ld after line %ld",
				    f.expect.gl_pathv[i], line, last);
			last = line;
		}
		free(text);
	}
	globfree(&f.cfg);
	globfree(&f.expect);
	many = slurp(BAD_DIR "/many-errors.expect", NULL);
	assert_non_null(many);
	for (char *p = many; (p = strchr(p, '\n')) != NULL; p++)
		n++;
	assert_true(n >= 7);
	free(many);
}

/* tests/cli.sh relies on this one. */
static void
test_dangling_device_fixture(void **state)
{
	struct error e = ERROR_INIT;
	struct design *d = NULL;

	(void)state;
	assert_int_equal(design_load(BAD_DIR "/dangling-device.cfg", &d, &e),
	    -1);
	assert_int_equal(e.count, 1);
	assert_int_equal(e.items[0].line, 8);
	assert_string_equal(e.items[0].field, "connections[0].device");
	assert_non_null(strstr(e.items[0].message, "cgw9"));
	error_clear(&e);
}

/* ---- samples and round trips ---- */

static void
test_samples_load(void **state)
{
	glob_t g;

	(void)state;
	assert_int_equal(glob("samples/*.cfg", 0, NULL, &g), 0);
	assert_true(g.gl_pathc >= 3);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		struct error e = ERROR_INIT;
		struct design *d = NULL;

		if (design_load(g.gl_pathv[i], &d, &e) != 0) {
			char *all = error_string(&e);

			fprintf(stderr, "%s", all);
			free(all);
			fail_msg("%s does not load", g.gl_pathv[i]);
		}
		assert_int_equal(e.count, 0);
		assert_int_equal(design_validate(d, g.gl_pathv[i], &e), 0);
		assert_true(d->nconns > 0);
		design_free(&d);
	}
	globfree(&g);
}

static void
test_samples_round_trip(void **state)
{
	glob_t g;

	(void)state;
	assert_int_equal(glob("samples/*.cfg", 0, NULL, &g), 0);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		struct error e = ERROR_INIT;
		struct design *d = NULL;

		assert_int_equal(design_load(g.gl_pathv[i], &d, &e), 0);
		assert_round_trip(d);
		design_free(&d);
	}
	globfree(&g);
}

static void
test_rich_round_trip(void **state)
{
	struct design *d = support_load_text(rich_text);
	const struct connection *c;

	(void)state;
	assert_string_equal(d->name,
	    "Rich \"quoted\" design \\ at Z\xc3\xbcrich");
	assert_int_equal(d->vpc.asn, 4200000000u);
	assert_int_equal(d->devices[1].asn, 2147483648u);
	c = &d->conns[design_find_conn(d, "vpn1")];
	assert_false(c->tunnels[1].enabled);
	assert_int_equal(c->ike.phase2.ndh, 0);
	assert_int_equal(c->adverts[0].med, 4000000000u);
	assert_true(c->adverts[1].has_med);
	assert_int_equal(d->conns[design_find_conn(d, "dx1")].local_pref, 0);
	assert_true(d->avail_set[AVAIL_AWS_ENDPOINT]);
	assert_int_equal(d->rules[0], RULE_SEVERITY_OFF);
	assert_int_equal(d->risks[0].nmembers, 10);
	assert_string_equal(d->risks[0].members[0], "connection:dx1");
	assert_round_trip(d);
	design_free(&d);
}

static void
test_base_round_trip(void **state)
{
	struct design *d = support_load_text(base_text);

	(void)state;
	assert_round_trip(d);
	design_free(&d);
}

static void
test_load_string_matches_load(void **state)
{
	struct error e = ERROR_INIT;
	struct design *a = NULL, *b;
	char *text = slurp("samples/multi-dc.cfg", NULL);

	(void)state;
	assert_non_null(text);
	assert_int_equal(design_load("samples/multi-dc.cfg", &a, &e), 0);
	b = support_load_text(text);
	assert_true(design_equal(a, b));
	free(text);
	design_free(&a);
	design_free(&b);
}

/* Whatever the file leaves out holds its default after loading. */
static void
test_defaults_filled(void **state)
{
	struct design *d = support_load_text(base_text);
	const struct connection *vpn = &d->conns[0], *dx = &d->conns[1];
	struct ike def;

	(void)state;
	design_ike_defaults(&def);
	assert_int_equal(d->vpc.gateway, GATEWAY_VGW);
	assert_false(d->vpc.ecmp);
	assert_int_equal(vpn->local_pref, DESIGN_DEFAULT_LOCAL_PREF_VPN);
	assert_int_equal(dx->local_pref, DESIGN_DEFAULT_LOCAL_PREF_DX);
	assert_int_equal(vpn->routing, ROUTING_BGP);
	assert_true(vpn->tunnels[0].enabled);
	assert_true(vpn->tunnels[1].gbps == DESIGN_DEFAULT_TUNNEL_GBPS);
	assert_false(vpn->tunnels[0].has_outside);
	assert_int_equal(vpn->ike.version, 2);
	assert_int_equal(vpn->ike.phase1.lifetime, 28800);
	assert_int_equal(vpn->ike.phase2.lifetime, 3600);
	assert_int_equal(vpn->ike.dpd, def.dpd);
	assert_false(dx->bfd);
	assert_int_equal(vpn->adverts[0].prepend, 0);
	assert_int_equal(dx->adverts[0].local_pref, LP_NONE);
	assert_null(d->dcs[0].description);
	for (int i = 0; i < AVAIL_CLASS_COUNT; i++) {
		assert_true(d->avail[i] == design_default_availability(i));
		assert_false(d->avail_set[i]);
	}
	for (int i = 0; i < DESIGN_RULE_COUNT; i++)
		assert_int_equal(d->rules[i], RULE_SEVERITY_DEFAULT);
	design_free(&d);
}

/* ---- clone and equality ---- */

static void
test_clone_equal(void **state)
{
	struct design *d = support_load_text(rich_text), *c = design_clone(d);
	char *t1 = design_to_string(d), *t2 = design_to_string(c);

	(void)state;
	assert_true(design_equal(d, c));
	assert_true(design_equal(c, d));
	assert_string_equal(t1, t2);
	free(t1);
	free(t2);
	design_free(&c);
	design_free(&d);
}

/* Changing every kind of owned storage in a clone leaves the original. */
static void
test_clone_independent(void **state)
{
	struct design *d = support_load_text(rich_text), *c = design_clone(d);
	char *before = design_to_string(d), *after;
	struct prefix p = P("10.9.0.0/16");
	struct connection *vpn = &c->conns[0];

	(void)state;
	free(c->name);
	c->name = xstrdup("changed");
	c->vpc.cidrs[0] = P("192.168.0.0/16");
	design_vpc_add_cidr(&c->vpc, &p);
	c->dcs[0].prefixes[0] = P("10.8.0.0/16");
	design_dc_add_prefix(&c->dcs[1], &p);
	design_set_description(&c->dcs[0].description, "other");
	design_set_description(&c->devices[0].description, NULL);
	snprintf(vpn->name, sizeof vpn->name, "renamed");
	vpn->adverts[0].prefix = P("10.7.0.0/16");
	design_conn_add_advert(vpn, &p);
	design_set_description(&vpn->description, "other too");
	vpn->tunnels[0].inside = P("169.254.20.0/30");
	free(c->risks[0].members[0]);
	c->risks[0].members[0] = xstrdup("connection:vpn2");
	design_risk_add_member(&c->risks[0], "device:rtr3");
	design_set_layout(c, "cgw1", 99, 99);
	design_set_layout(c, "rtr3", 1, 1);
	design_add_dc(c, "dc3");
	design_add_traffic(c, &p, 1, 1);
	c->traffic[0].to_aws = 9;
	c->wans[0].gbps = 1;
	c->avail[AVAIL_DX] = 0.5;
	c->rules[4] = RULE_SEVERITY_OFF;
	after = design_to_string(d);
	assert_string_equal(before, after);
	assert_false(design_equal(d, c));
	assert_string_equal(d->conns[0].name, "vpn1");
	assert_string_equal(d->risks[0].members[0], "connection:dx1");
	assert_int_equal(d->risks[0].nmembers, 10);
	free(before);
	free(after);
	design_free(&c);
	design_free(&d);
}

/* Change one field that the file carries; false when there are no more. */
static bool
make_difference(struct design *d, int which)
{
	switch (which) {
	case 0:
		free(d->name);
		d->name = xstrdup("x");
		break;
	case 1:
		d->vpc.asn = 64513;
		break;
	case 2:
		d->vpc.ecmp = false;
		break;
	case 3:
		d->dcs[1].prefixes[0] = P("10.2.0.0/16");
		break;
	case 4:
		d->dcs[0].availability = 0.9;
		break;
	case 5:
		design_set_description(&d->dcs[0].description, "y");
		break;
	case 6:
		d->wans[0].gbps = 3;
		break;
	case 7:
		snprintf(d->devices[0].isp, sizeof d->devices[0].isp, "isp-z");
		break;
	case 8:
		d->devices[0].public_ip = P("203.0.113.11");
		break;
	case 9:
		d->devices[0].vendor = VENDOR_JUNOS;
		break;
	case 10:
		d->conns[0].tunnels[1].enabled = true;
		break;
	case 11:
		d->conns[0].tunnels[0].has_outside = false;
		break;
	case 12:
		d->conns[0].tunnels[0].gbps = 1.25;
		break;
	case 13:
		d->conns[0].ike.dpd = 10;
		break;
	case 14:
		d->conns[0].ike.phase1.dh[1] = 14;
		break;
	case 15:
		d->conns[0].ike.phase2.ndh = 1;
		d->conns[0].ike.phase2.dh[0] = 14;
		break;
	case 16:
		d->conns[0].adverts[1].has_med = false;
		break;
	case 17:
		d->conns[0].adverts[0].prepend = 2;
		break;
	case 18:
		d->conns[2].adverts[0].local_pref = LP_LOW;
		break;
	case 19:
		d->conns[2].local_pref = 200;
		break;
	case 20:
		d->conns[1].routing = ROUTING_BGP;
		break;
	case 21:
		d->conns[2].vlan = 4093;
		break;
	case 22:
		d->conns[2].bfd = false;
		break;
	case 23:
		d->conns[3].peer = P("2001:db8:ff::4/126");
		break;
	case 24:
		d->traffic[1].from_aws = 0.002;
		break;
	case 25:
		d->risks[0].members[9][0] = 'D';
		break;
	case 26:
		d->risks[0].availability = 0;
		break;
	case 27:
		d->avail_set[AVAIL_DX] = true;
		break;
	case 28:
		d->rules[15] = RULE_SEVERITY_WARNING;
		break;
	case 29:
		d->layout[1].y = 8;
		break;
	case 30:
		d->conns[0].ike.version = 2;
		break;
	case 31:
		d->conns[0].ike.phase1.encryption[1] = IKE_AES128_GCM16;
		break;
	case 32:
		d->conns[2].gbps = 0.1;
		break;
	case 33:
		snprintf(d->conns[3].provider, sizeof d->conns[3].provider,
		    "Zayo");
		break;
	default:
		return false;
	}
	return true;
}

/* design_equal sees every field the file carries, so a round trip that
 * loses one fails. */
static void
test_equal_detects_each_difference(void **state)
{
	struct design *d = support_load_text(rich_text), *c;
	int i;

	(void)state;
	for (i = 0;; i++) {
		char *t1, *t2;

		c = design_clone(d);
		assert_true(design_equal(d, c));
		if (!make_difference(c, i))
			break;
		if (design_equal(d, c))
			fail_msg("change %d went unnoticed by design_equal", i);
		/* ... and by the saver. */
		t1 = design_to_string(d);
		t2 = design_to_string(c);
		if (strcmp(t1, t2) == 0)
			fail_msg("change %d does not show in the saved text",
			    i);
		free(t1);
		free(t2);
		design_free(&c);
	}
	design_free(&c);
	assert_true(i >= 30);
	design_free(&d);
}

/* ---- validation of a design built in memory ---- */

static void
test_memory_base_equals_text(void **state)
{
	struct design *m = base_design(), *t = support_load_text(base_text);

	(void)state;
	assert_true(design_equal(m, t));
	design_free(&m);
	design_free(&t);
}

static void
test_memory_base_valid(void **state)
{
	struct design *d = base_design();
	struct error e = ERROR_INIT;

	(void)state;
	assert_int_equal(design_validate(d, NULL, &e), 0);
	assert_int_equal(e.count, 0);
	assert_round_trip(d);
	design_free(&d);
}

/* The fixture's one change, made in memory. */
static void
memory_edit(struct design *d, const char *fx)
{
	struct connection *vpn = &d->conns[0], *dx = &d->conns[1];
	struct prefix p;

	if (strcmp(fx, "dangling-device-dc") == 0)
		snprintf(d->devices[1].dc, sizeof d->devices[1].dc, "dc3");
	else if (strcmp(fx, "vlan-zero") == 0)
		dx->vlan = 0;
	else if (strcmp(fx, "vlan-4095") == 0)
		dx->vlan = 4095;
	else if (strcmp(fx, "dx-gbps-low") == 0)
		dx->gbps = 0.01;
	else if (strcmp(fx, "dx-gbps-high") == 0)
		dx->gbps = 401;
	else if (strcmp(fx, "prepend-11") == 0)
		dx->adverts[0].prepend = 11;
	else if (strcmp(fx, "prepend-negative") == 0)
		dx->adverts[0].prepend = -1;
	else if (strcmp(fx, "inside-same") == 0)
		vpn->tunnels[1].inside = P("169.254.10.0/30");
	else if (strcmp(fx, "inside-not-30") == 0)
		vpn->tunnels[1].inside = P("169.254.10.8/29");
	else if (strcmp(fx, "inside-not-link-local") == 0)
		vpn->tunnels[1].inside = P("10.255.0.0/30");
	else if (strcmp(fx, "tunnel-gbps-vgw") == 0)
		vpn->tunnels[1].gbps = 2.0;
	else if (strcmp(fx, "tunnels-zero") == 0)
		vpn->ntunnels = 0;
	else if (strcmp(fx, "tunnel-outside-same") == 0) {
		for (int i = 0; i < 2; i++) {
			vpn->tunnels[i].has_outside = true;
			vpn->tunnels[i].aws_outside_ip = P("52.1.1.1");
		}
	} else if (strcmp(fx, "ecmp-on-vgw") == 0)
		d->vpc.ecmp = true;
	else if (strcmp(fx, "vpn-device-no-public-ip") == 0)
		d->devices[0].has_public_ip = false;
	else if (strcmp(fx, "local-pref-on-vpn") == 0)
		vpn->adverts[0].local_pref = LP_HIGH;
	else if (strcmp(fx, "med-on-dx") == 0) {
		dx->adverts[0].has_med = true;
		dx->adverts[0].med = 50;
	} else if (strcmp(fx, "static-vpn-prepend") == 0) {
		vpn->routing = ROUTING_STATIC;
		vpn->adverts[0].prepend = 2;
	} else if (strcmp(fx, "dx-static") == 0)
		dx->routing = ROUTING_STATIC;
	else if (strcmp(fx, "dx-peer-24") == 0)
		dx->peer = P("169.254.100.0/24");
	else if (strcmp(fx, "ike-phase2-lifetime") == 0)
		vpn->ike.phase1.lifetime = 3600;
	else if (strcmp(fx, "ike-lifetime-range") == 0)
		vpn->ike.phase1.lifetime = 86400;
	else if (strcmp(fx, "ike-dh-1") == 0)
		vpn->ike.phase1.dh[0] = 1;
	else if (strcmp(fx, "ike-version-3") == 0)
		vpn->ike.version = 3;
	else if (strcmp(fx, "name-space") == 0)
		snprintf(dx->location, sizeof dx->location, "Eq DC2");
	else if (strcmp(fx, "name-unicode") == 0)
		snprintf(d->devices[0].isp, sizeof d->devices[0].isp,
		    "isp-\xc3\xa4");
	else if (strcmp(fx, "name-empty") == 0)
		d->vpc.name[0] = '\0';
	else if (strcmp(fx, "description-control-char") == 0)
		design_set_description(&d->dcs[0].description,
		    "Ashburn\001primary");
	else if (strcmp(fx, "title-too-long") == 0) {
		free(d->name);
		d->name = xmalloc(202);
		memset(d->name, 'x', 201);
		d->name[201] = '\0';
	} else if (strcmp(fx, "dangling-layout") == 0) {
		design_set_layout(d, "dc1", 10, 4);
		design_set_layout(d, "dc7", 40, 4);
	} else if (strcmp(fx, "dangling-risk-member") == 0) {
		free(d->risks[0].members[1]);
		d->risks[0].members[1] = xstrdup("connection:vpn2");
		design_risk_add_member(&d->risks[0], "device:cgw7");
	} else if (strcmp(fx, "dangling-traffic") == 0) {
		p = P("10.2.0.0/16");
		design_add_traffic(d, &p, 1.0, 0);
	} else if (strcmp(fx, "dangling-wan") == 0) {
		snprintf(d->wans[0].b, sizeof d->wans[0].b, "dc9");
		design_add_wan(d, "dc8", "dc2", 10);
	} else if (strcmp(fx, "wan-self") == 0)
		design_add_wan(d, "dc2", "dc2", 1);
	else if (strcmp(fx, "prefix-dc-overlap") == 0) {
		p = P("10.0.128.0/17");
		design_dc_add_prefix(&d->dcs[1], &p);
	} else if (strcmp(fx, "prefix-vpc-overlap") == 0) {
		p = P("172.31.128.0/20");
		design_vpc_add_cidr(&d->vpc, &p);
	} else if (strcmp(fx, "availability-1.5") == 0)
		d->devices[1].availability = 1.5;
	else if (strcmp(fx, "availability-zero") == 0) {
		d->avail[AVAIL_DX] = 0;
		d->avail_set[AVAIL_DX] = true;
	} else if (strcmp(fx, "duplicate-device") == 0) {
		d->devices[0].line = 11;
		design_add_device(d, "cgw1", "dc2")->asn = 65003;
	} else if (strcmp(fx, "advert-duplicate") == 0) {
		p = P("10.1.0.0/16");
		dx->adverts[0].line = 22;
		design_conn_add_advert(dx, &p)->prepend = 1;
	} else
		fail_msg("no in-memory edit for %s", fx);
}

/* The TUI's edits go through design_validate(): the same edit made in a
 * file and in memory gets the same message (the file adds FILE:LINE). */
static void
test_memory_edits_match_loader(void **state)
{
	static const char *const cases[] = {
		"dangling-device-dc", "vlan-zero", "vlan-4095", "dx-gbps-low",
		"dx-gbps-high", "prepend-11", "prepend-negative", "inside-same",
		"inside-not-30", "inside-not-link-local", "tunnel-gbps-vgw",
		"tunnels-zero", "tunnel-outside-same", "ecmp-on-vgw",
		"vpn-device-no-public-ip", "local-pref-on-vpn", "med-on-dx",
		"static-vpn-prepend", "dx-static", "dx-peer-24",
		"ike-phase2-lifetime", "ike-lifetime-range", "ike-dh-1",
		"ike-version-3", "name-space", "name-unicode", "name-empty",
		"description-control-char", "title-too-long", "dangling-layout",
		"dangling-risk-member", "dangling-traffic", "dangling-wan",
		"wan-self", "prefix-dc-overlap", "prefix-vpc-overlap",
		"availability-1.5", "availability-zero", "duplicate-device",
		"advert-duplicate",
	};
	int bad = 0;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *path = xasprintf(BAD_DIR "/%s.expect", cases[i]);
		char *want = slurp(path, NULL), *got, *w = xstrdup("");
		char *save = NULL;
		struct design *d = base_design();
		struct error e = ERROR_INIT;

		assert_non_null(want);
		/* "FILE:12: field: message" -> "field: message" */
		for (char *l = strtok_r(want, "\n", &save); l != NULL;
		    l = strtok_r(NULL, "\n", &save)) {
			char *rest = l + 4, *nw;

			if (*rest == ':')
				rest++;
			rest += strspn(rest, "0123456789");
			if (*rest == ':')
				rest++;
			if (*rest == ' ')
				rest++;
			nw = xasprintf("%s%s\n", w, rest);
			free(w);
			w = nw;
		}
		memory_edit(d, cases[i]);
		assert_int_equal(design_validate(d, NULL, &e), -1);
		got = errors_as_expect(&e, "");
		if (strcmp(w, got) != 0) {
			fprintf(stderr, "%s: in memory\n--- loader\n%s"
			    "--- memory\n%s", cases[i], w, got);
			bad++;
		}
		error_clear(&e);
		design_free(&d);
		free(got);
		free(w);
		free(want);
		free(path);
	}
	if (bad)
		fail_msg("%d in-memory edits disagree with the loader", bad);
}

/* A design that never saw a file has no lines to point to. */
static void
test_memory_messages_without_lines(void **state)
{
	struct design *d = base_design();
	struct error e = ERROR_INIT;
	struct prefix p = P("10.5.0.0/16");
	struct datacenter *dc = design_add_dc(d, "dc1");

	(void)state;
	design_dc_add_prefix(dc, &p);
	design_add_wan(d, "dc2", "dc1", 1.0);
	assert_int_equal(design_validate(d, NULL, &e), -1);
	assert_int_equal(e.count, 2);
	assert_message(&e, "datacenters[2].name: a data center named dc1 "
	    "already exists");
	assert_message(&e, "wan[1]: dc2 and dc1 are already joined; give");
	assert_false(has_message(&e, "line"));
	for (size_t i = 0; i < e.count; i++) {
		assert_null(e.items[i].file);
		assert_int_equal(e.items[i].line, 0);
	}
	error_clear(&e);
	design_free(&d);
}

static void
test_validate_names_file(void **state)
{
	struct design *d = base_design();
	struct error e = ERROR_INIT;
	char *s;

	(void)state;
	d->conns[1].vlan = 5000;
	assert_int_equal(design_validate(d, "my.cfg", &e), -1);
	assert_int_equal(e.count, 1);
	s = error_item_string(&e.items[0]);
	assert_string_equal(s, "my.cfg: connections[1].vlan: 5000 is out of "
	    "range (1-4094)");
	free(s);
	error_clear(&e);
	design_free(&d);
}

/* Values the loader would refuse are refused in memory too, so a design
 * that validates can always be saved and read back. */
static void
test_memory_values_the_file_cannot_hold(void **state)
{
	struct design *d = base_design();
	struct error e = ERROR_INIT;

	(void)state;
	d->wans[0].gbps = 1.0 / 0.0;
	d->traffic[0].from_aws = 2e6;
	d->conns[0].ike.dpd = 0;
	d->conns[1].local_pref = -5;
	d->version = 2;
	assert_int_equal(design_validate(d, NULL, &e), -1);
	assert_message(&e, "wan[0].gbps: inf is out of range");
	assert_message(&e, "traffic[0].from_aws: 2e+06 is out of range");
	assert_message(&e, "connections[0].ike.dpd: 0 is out of range "
	    "(1-3600)");
	assert_message(&e, "connections[1].local_pref: -5 is out of range");
	assert_message(&e, "version: this hatopo reads version 1 designs");
	error_clear(&e);
	design_free(&d);
}

/* ---- saving ---- */

static int
remove_entry(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int
setup_tmpdir(void **state)
{
	char *dir = xstrdup("/tmp/hatopo-test-design-XXXXXX");

	if (mkdtemp(dir) == NULL) {
		free(dir);
		return -1;
	}
	*state = dir;
	return 0;
}

static int
teardown_tmpdir(void **state)
{
	char *dir = *state;
	int rc;

	rc = nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
	return rc;
}

/* How many entries the folder holds (a failed save leaves no temporary
 * file behind). */
static int
count_entries(const char *dir)
{
	glob_t g;
	char *pat = xasprintf("%s/{*,.[!.]*}", dir);
	int n = 0;

	if (glob(pat, GLOB_BRACE, NULL, &g) == 0) {
		n = (int)g.gl_pathc;
		globfree(&g);
	}
	free(pat);
	return n;
}

static void
save_ok(const struct design *d, const char *path)
{
	struct error e = ERROR_INIT;

	if (design_save(d, path, &e) != 0) {
		char *all = error_string(&e);

		fprintf(stderr, "%s", all);
		free(all);
		fail_msg("design_save %s failed", path);
	}
	error_clear(&e);
}

static void
test_save_then_load(void **state)
{
	char *path = xasprintf("%s/d.cfg", (char *)*state);
	struct design *d = support_load_text(rich_text), *back = NULL;
	struct error e = ERROR_INIT;
	char *text = design_to_string(d), *disk;

	save_ok(d, path);
	disk = slurp(path, NULL);
	assert_string_equal(disk, text);
	assert_int_equal(design_load(path, &back, &e), 0);
	assert_true(design_equal(d, back));
	free(disk);
	free(text);
	free(path);
	design_free(&d);
	design_free(&back);
}

static void
test_save_keeps_backup(void **state)
{
	char *path = xasprintf("%s/d.cfg", (char *)*state);
	char *backup = xasprintf("%s~", path), *old, *cur, *t1, *t2;
	struct design *d = support_load_text(base_text);
	struct stat st;

	save_ok(d, path);
	/* The first save has nothing to keep. */
	assert_int_equal(stat(backup, &st), -1);
	assert_int_equal(errno, ENOENT);
	t1 = design_to_string(d);
	d->conns[1].vlan = 202;
	save_ok(d, path);
	t2 = design_to_string(d);
	old = slurp(backup, NULL);
	cur = slurp(path, NULL);
	assert_non_null(old);
	assert_string_equal(old, t1);
	assert_string_equal(cur, t2);
	free(old);
	free(cur);
	/* A third save replaces the backup with the second version. */
	d->conns[1].vlan = 303;
	save_ok(d, path);
	old = slurp(backup, NULL);
	assert_string_equal(old, t2);
	assert_int_equal(count_entries(*state), 2);
	free(old);
	free(t1);
	free(t2);
	free(backup);
	free(path);
	design_free(&d);
}

static void
test_save_modes(void **state)
{
	char *path = xasprintf("%s/d.cfg", (char *)*state);
	struct design *d = support_load_text(base_text);
	mode_t old = umask(022);
	struct stat st;

	save_ok(d, path);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	/* An existing file keeps the mode its owner gave it. */
	assert_int_equal(chmod(path, 0640), 0);
	save_ok(d, path);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	umask(old);
	free(path);
	design_free(&d);
}

static void
test_save_into_missing_folder(void **state)
{
	char *path = xasprintf("%s/no/such/folder/d.cfg", (char *)*state);
	struct design *d = support_load_text(base_text);
	struct error e = ERROR_INIT;

	assert_int_equal(design_save(d, path, &e), -1);
	assert_true(e.count >= 1);
	assert_message(&e, "cannot create a file in");
	assert_message(&e, "No such file or directory");
	assert_int_equal(count_entries(*state), 0);
	error_clear(&e);
	free(path);
	design_free(&d);
}

static void
test_save_over_folder(void **state)
{
	char *path = xasprintf("%s/d.cfg", (char *)*state);
	struct design *d = support_load_text(base_text);
	struct error e = ERROR_INIT;
	struct stat st;

	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_equal(design_save(d, path, &e), -1);
	assert_message(&e, "is a directory, not a file");
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(count_entries(*state), 1);
	error_clear(&e);
	free(path);
	design_free(&d);
}

/* The backup cannot be made (PATH~ is a folder, which even root cannot
 * unlink): the save fails and the old file stays as it was. */
static void
test_save_backup_blocked_keeps_old(void **state)
{
	char *path = xasprintf("%s/d.cfg", (char *)*state);
	char *backup = xasprintf("%s~", path), *before, *after;
	struct design *d = support_load_text(base_text);
	struct error e = ERROR_INIT;

	save_ok(d, path);
	before = slurp(path, NULL);
	assert_int_equal(mkdir(backup, 0755), 0);
	d->conns[1].vlan = 202;
	assert_int_equal(design_save(d, path, &e), -1);
	assert_message(&e, "d.cfg~: cannot replace");
	after = slurp(path, NULL);
	assert_string_equal(before, after);
	assert_int_equal(count_entries(*state), 2);
	error_clear(&e);
	free(before);
	free(after);
	free(backup);
	free(path);
	design_free(&d);
}

/* Writing fails half way (the file size limit binds root too): the old
 * file stays as it was and the temporary file is removed. */
static void
test_save_write_fails_keeps_old(void **state)
{
	char *path = xasprintf("%s/d.cfg", (char *)*state);
	char *before, *after;
	struct design *d = support_load_text(base_text);
	struct error e = ERROR_INIT;
	struct rlimit old, small;
	void (*sig)(int);
	int rc;

	save_ok(d, path);
	before = slurp(path, NULL);
	d->conns[1].vlan = 202;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = 256;
	fflush(stdout);
	fflush(stderr);
	sig = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	rc = design_save(d, path, &e);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, sig);
	assert_int_equal(rc, -1);
	assert_message(&e, "cannot write: File too large");
	after = slurp(path, NULL);
	assert_string_equal(before, after);
	assert_int_equal(count_entries(*state), 1);
	error_clear(&e);
	free(before);
	free(after);
	free(path);
	design_free(&d);
}

/* A design that fails validation is never written, not even over an
 * existing file. */
static void
test_save_invalid_not_written(void **state)
{
	char *path = xasprintf("%s/d.cfg", (char *)*state);
	char *other = xasprintf("%s/new.cfg", (char *)*state), *before, *after;
	struct design *d = support_load_text(base_text);
	struct error e = ERROR_INIT;
	struct stat st;

	save_ok(d, path);
	before = slurp(path, NULL);
	snprintf(d->conns[0].device, sizeof d->conns[0].device, "cgw9");
	assert_int_equal(design_save(d, path, &e), -1);
	assert_message(&e, "connections[0].device: no device named \"cgw9\"");
	assert_string_equal(e.items[0].file, path);
	after = slurp(path, NULL);
	assert_string_equal(before, after);
	error_clear(&e);
	assert_int_equal(design_save(d, other, &e), -1);
	assert_int_equal(stat(other, &st), -1);
	assert_int_equal(count_entries(*state), 1);
	error_clear(&e);
	free(before);
	free(after);
	free(other);
	free(path);
	design_free(&d);
}

/* ---- the file format's details ---- */

static void
test_asn_4byte_saved_with_suffix(void **state)
{
	struct design *d = base_design(), *back;
	char *text;

	(void)state;
	d->devices[0].asn = 4200000010u;
	d->vpc.asn = 4200000000u;
	text = design_to_string(d);
	assert_non_null(strstr(text, " asn = 4200000010L;"));
	assert_non_null(strstr(text, " asn = 4200000000L;"));
	assert_null(strstr(text, "-94967"));
	back = support_load_text(text);
	assert_int_equal(back->devices[0].asn, 4200000010u);
	assert_int_equal(back->vpc.asn, 4200000000u);
	assert_true(design_equal(d, back));
	free(text);
	design_free(&back);
	design_free(&d);
}

static void
test_asn_boundaries(void **state)
{
	struct design *d = base_design(), *back;
	char *text;

	(void)state;
	d->devices[0].asn = 2147483647u;
	d->devices[1].asn = 2147483648u;
	text = design_to_string(d);
	assert_non_null(strstr(text, " asn = 2147483647;"));
	assert_non_null(strstr(text, " asn = 2147483648L;"));
	back = support_load_text(text);
	assert_int_equal(back->devices[0].asn, 2147483647u);
	assert_int_equal(back->devices[1].asn, 2147483648u);
	free(text);
	design_free(&back);
	design_free(&d);
}

/* libconfig names cannot hold '.', so layout keys write it as '*'. */
static void
test_layout_name_with_dot(void **state)
{
	struct design *d = support_load_text(base_text), *back;
	struct error e = ERROR_INIT;
	char *text;

	(void)state;
	snprintf(d->dcs[0].name, sizeof d->dcs[0].name, "dc.east");
	snprintf(d->devices[0].dc, sizeof d->devices[0].dc, "dc.east");
	snprintf(d->wans[0].a, sizeof d->wans[0].a, "dc.east");
	design_set_layout(d, "dc.east", 12, 34);
	design_set_layout(d, "EqDC2", 56, 78);
	assert_int_equal(design_validate(d, NULL, &e), 0);
	text = design_to_string(d);
	assert_non_null(strstr(text, "  dc*east = [12, 34];\n"));
	assert_null(strstr(text, "dc.east = ["));
	back = support_load_text(text);
	assert_int_equal(back->nlayout, 2);
	assert_string_equal(back->layout[0].name, "dc.east");
	assert_int_equal(back->layout[0].x, 12);
	assert_int_equal(back->layout[0].y, 34);
	assert_true(design_equal(d, back));
	assert_round_trip(back);
	free(text);
	design_free(&back);
	design_free(&d);
}

/* Quotes and backslashes in free text survive; control characters never
 * get that far. */
static void
test_text_escaped(void **state)
{
	struct design *d = base_design(), *back;
	char *text;

	(void)state;
	free(d->name);
	d->name = xstrdup("a \"b\" \\c\\ ;# d");
	design_set_description(&d->conns[0].description, "\"\\\"");
	text = design_to_string(d);
	back = support_load_text(text);
	assert_string_equal(back->name, d->name);
	assert_string_equal(back->conns[0].description, "\"\\\"");
	assert_round_trip(back);
	free(text);
	design_free(&back);
	design_free(&d);
}

/* ---- component IDs (SPEC section 6) ---- */

static struct design *
component_design(void)
{
	struct design *d = support_load_text(base_text);
	struct connection *c;
	struct prefix p = P("10.0.0.0/16");

	/* A VPN with one tunnel, and a WAN link between names with '-'. */
	c = design_add_conn(d, "vpn-one", CONN_VPN, "cgw1");
	c->ntunnels = 1;
	c->tunnels[0].inside = P("169.254.12.0/30");
	design_conn_add_advert(c, &p);
	snprintf(d->dcs[1].name, sizeof d->dcs[1].name, "dc-2");
	snprintf(d->devices[1].dc, sizeof d->devices[1].dc, "dc-2");
	snprintf(d->wans[0].b, sizeof d->wans[0].b, "dc-2");
	return d;
}

static void
test_component_connection(void **state)
{
	struct design *d = component_design();

	(void)state;
	assert_true(design_component_exists(d, "connection:vpn1"));
	assert_true(design_component_exists(d, "connection:dx1"));
	assert_true(design_component_exists(d, "connection:vpn-one"));
	assert_false(design_component_exists(d, "connection:vpn9"));
	assert_false(design_component_exists(d, "connection:"));
	assert_false(design_component_exists(d, "connection:cgw1"));
	design_free(&d);
}

static void
test_component_tunnel(void **state)
{
	struct design *d = component_design();

	(void)state;
	assert_true(design_component_exists(d, "tunnel:vpn1/1"));
	assert_true(design_component_exists(d, "tunnel:vpn1/2"));
	assert_true(design_component_exists(d, "tunnel:vpn-one/1"));
	assert_false(design_component_exists(d, "tunnel:vpn-one/2"));
	assert_false(design_component_exists(d, "tunnel:vpn1/3"));
	assert_false(design_component_exists(d, "tunnel:vpn1/0"));
	assert_false(design_component_exists(d, "tunnel:vpn1/01"));
	assert_false(design_component_exists(d, "tunnel:vpn1"));
	assert_false(design_component_exists(d, "tunnel:dx1/1"));
	assert_false(design_component_exists(d, "tunnel:vpn9/1"));
	assert_false(design_component_exists(d, "tunnel:/1"));
	design_free(&d);
}

static void
test_component_device(void **state)
{
	struct design *d = component_design();

	(void)state;
	assert_true(design_component_exists(d, "device:cgw1"));
	assert_true(design_component_exists(d, "device:cgw2"));
	assert_false(design_component_exists(d, "device:cgw3"));
	assert_false(design_component_exists(d, "device:vpn1"));
	assert_false(design_component_exists(d, "device:"));
	design_free(&d);
}

static void
test_component_datacenter(void **state)
{
	struct design *d = component_design();

	(void)state;
	assert_true(design_component_exists(d, "datacenter:dc1"));
	assert_true(design_component_exists(d, "datacenter:dc-2"));
	assert_false(design_component_exists(d, "datacenter:dc2"));
	assert_false(design_component_exists(d, "datacenter:cgw1"));
	design_free(&d);
}

static void
test_component_location_provider(void **state)
{
	struct design *d = component_design();

	(void)state;
	assert_true(design_component_exists(d, "location:EqDC2"));
	assert_false(design_component_exists(d, "location:eqdc2"));
	assert_false(design_component_exists(d, "location:Zayo"));
	assert_false(design_component_exists(d, "location:"));
	assert_true(design_component_exists(d, "provider:Zayo"));
	assert_false(design_component_exists(d, "provider:EqDC2"));
	assert_false(design_component_exists(d, "provider:Lumen"));
	design_free(&d);
}

static void
test_component_isp(void **state)
{
	struct design *d = component_design();

	(void)state;
	assert_true(design_component_exists(d, "isp:isp-a"));
	assert_false(design_component_exists(d, "isp:isp-b"));
	/* cgw2 has no ISP: the empty name is not one. */
	assert_false(design_component_exists(d, "isp:"));
	design_free(&d);
}

static void
test_component_aws_endpoint(void **state)
{
	struct design *d = component_design();

	(void)state;
	assert_true(design_component_exists(d, "aws-endpoint:1"));
	assert_true(design_component_exists(d, "aws-endpoint:2"));
	assert_false(design_component_exists(d, "aws-endpoint:0"));
	assert_false(design_component_exists(d, "aws-endpoint:3"));
	assert_false(design_component_exists(d, "aws-endpoint:12"));
	assert_false(design_component_exists(d, "aws-endpoint:"));
	design_free(&d);
}

static void
test_component_wan(void **state)
{
	struct design *d = component_design();

	(void)state;
	assert_true(design_component_exists(d, "wan:dc1-dc-2"));
	/* A and B as written in the file. */
	assert_false(design_component_exists(d, "wan:dc-2-dc1"));
	assert_false(design_component_exists(d, "wan:dc1-dc2"));
	assert_false(design_component_exists(d, "wan:dc1"));
	assert_false(design_component_exists(d, "wan:"));
	design_free(&d);
}

static void
test_component_risk(void **state)
{
	struct design *d = component_design();

	(void)state;
	assert_true(design_component_exists(d, "risk:conduit-7"));
	assert_false(design_component_exists(d, "risk:conduit-8"));
	assert_false(design_component_exists(d, "risk:"));
	design_free(&d);
}

static void
test_component_malformed(void **state)
{
	struct design *d = component_design();

	(void)state;
	assert_false(design_component_exists(d, ""));
	assert_false(design_component_exists(d, "vpn1"));
	assert_false(design_component_exists(d, ":vpn1"));
	assert_false(design_component_exists(d, "router:cgw1"));
	assert_false(design_component_exists(d, "Connection:vpn1"));
	assert_false(design_component_exists(d, "connections:vpn1"));
	assert_false(design_component_exists(d, "connection :vpn1"));
	design_free(&d);
}

/* ---- loading: files and limits ---- */

static void
test_load_missing_file(void **state)
{
	char *path = xasprintf("%s/none.cfg", (char *)*state);
	struct error e = ERROR_INIT;
	struct design *d = NULL;

	assert_int_equal(design_load(path, &d, &e), -1);
	assert_null(d);
	assert_int_equal(e.count, 1);
	assert_message(&e, "none.cfg: cannot open: No such file or directory");
	error_clear(&e);
	assert_int_equal(design_load(*state, &d, &e), -1);
	assert_message(&e, "is a directory, not a file");
	error_clear(&e);
	free(path);
}

static void
test_load_too_big(void **state)
{
	char *path = xasprintf("%s/big.cfg", (char *)*state);
	struct error e = ERROR_INIT;
	struct design *d = NULL;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)DESIGN_FILE_MAX + 1), 0);
	close(fd);
	assert_int_equal(design_load(path, &d, &e), -1);
	assert_message(&e, "the limit is");
	error_clear(&e);
	free(path);
}

/* On failure the caller's pointer is left alone. */
static void
test_load_failure_leaves_out(void **state)
{
	struct error e = ERROR_INIT;
	struct design *d = (struct design *)&e;

	(void)state;
	assert_int_equal(design_load_string("version = 2;", "x.cfg", &d, &e),
	    -1);
	assert_ptr_equal(d, (struct design *)&e);
	error_clear(&e);
	assert_int_equal(design_load_string("version = ", "x.cfg", &d, &e), -1);
	assert_ptr_equal(d, (struct design *)&e);
	error_clear(&e);
}

/* A file with hundreds of problems lists the first hundred and counts
 * the rest. */
static void
test_error_limit(void **state)
{
	char *text = xstrdup(base_text), *t;
	struct error e = ERROR_INIT;
	struct design *d = NULL;

	(void)state;
	for (int i = 0; i < 150; i++) {
		t = xasprintf("%sbogus%d = 1;\n", text, i);
		free(text);
		text = t;
	}
	assert_int_equal(design_load_string(text, "x.cfg", &d, &e), -1);
	assert_int_equal(e.count, 101);
	assert_int_equal(e.items[0].line, 25);
	assert_string_equal(e.items[0].field, "bogus0");
	assert_int_equal(e.items[99].line, 124);
	assert_string_equal(e.items[100].message, "and 50 more problems");
	error_clear(&e);
	free(text);
}

static void
test_no_settings(void **state)
{
	struct error e = ERROR_INIT;
	struct design *d = NULL;

	(void)state;
	assert_int_equal(design_load_string("# only a comment\n\n", "c.cfg", &d,
	    &e), -1);
	assert_int_equal(e.count, 1);
	assert_message(&e, "c.cfg: holds no settings: a design file starts "
	    "with version = 1;");
	error_clear(&e);
	assert_int_equal(design_load_string("version = 1;\n", NULL, &d, &e),
	    -1);
	assert_message(&e, "<design>: vpc: is missing");
	error_clear(&e);
}

/* @include anywhere at the start of a line is refused before libconfig
 * could follow it. */
static void
test_include_refused(void **state)
{
	struct error e = ERROR_INIT;
	struct design *d = NULL;
	char *text = xasprintf("%s\t@include \"/etc/passwd\"\n", base_text);

	(void)state;
	assert_int_equal(design_load_string(text, "i.cfg", &d, &e), -1);
	assert_int_equal(e.count, 1);
	assert_int_equal(e.items[0].line, 25);
	assert_message(&e, "@include is not allowed");
	error_clear(&e);
	free(text);
}

/* ---- the words of the format ---- */

static void
test_name_rules(void **state)
{
	(void)state;
	assert_true(design_name_valid("a"));
	assert_true(design_name_valid("dc1.east-2_b"));
	assert_true(design_name_valid("abcdefghijklmnopqrstuvwxyz012345"));
	assert_false(design_name_valid("abcdefghijklmnopqrstuvwxyz0123456"));
	assert_false(design_name_valid(""));
	assert_false(design_name_valid("1dc"));
	assert_false(design_name_valid("-dc"));
	assert_false(design_name_valid(".dc"));
	assert_false(design_name_valid("dc 1"));
	assert_false(design_name_valid("dc\"1"));
	assert_false(design_name_valid("dc;1"));
	assert_false(design_name_valid("dc*1"));
	assert_false(design_name_valid("d\xc3\xa4"));
	assert_string_equal(design_name_problem("9"), "a name starts with a "
	    "letter");
	assert_null(design_name_problem("Z9"));
}

static void
test_text_rules(void **state)
{
	char t[202];

	(void)state;
	assert_null(design_text_problem("Z\xc3\xbcrich \xe2\x82\xac "
	    "\xf0\x9f\x98\x80"));
	assert_null(design_text_problem(""));
	assert_non_null(design_text_problem("a\tb"));
	assert_non_null(design_text_problem("a\nb"));
	assert_non_null(design_text_problem("a\x7f"));
	assert_non_null(design_text_problem("a\xc2\x85"));
	assert_non_null(design_text_problem("a\xc3"));
	assert_non_null(design_text_problem("\xff"));
	assert_non_null(design_text_problem("\xc0\xaf"));
	memset(t, 'x', 200);
	t[200] = '\0';
	assert_null(design_text_problem(t));
	t[200] = 'x';
	t[201] = '\0';
	assert_string_equal(design_text_problem(t), "the text is longer than "
	    "200 characters");
}

static void
test_rule_index(void **state)
{
	(void)state;
	assert_int_equal(design_rule_index("HA001"), 0);
	assert_int_equal(design_rule_index("HA023"), 22);
	assert_int_equal(design_rule_index("HA000"), -1);
	assert_int_equal(design_rule_index("HA024"), -1);
	assert_int_equal(design_rule_index("HA99"), -1);
	assert_int_equal(design_rule_index("ha001"), -1);
	assert_int_equal(design_rule_index("HA0011"), -1);
	assert_int_equal(design_rule_index(NULL), -1);
}

static void
test_inside_and_dh(void **state)
{
	static const char *const reserved[] = { "169.254.0.0/30",
		"169.254.1.0/30", "169.254.2.0/30", "169.254.3.0/30",
		"169.254.4.0/30", "169.254.5.0/30", "169.254.169.252/30" };
	struct prefix p;

	(void)state;
	for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++) {
		p = P(reserved[i]);
		assert_true(design_inside_reserved(&p));
		assert_non_null(design_inside_problem(&p));
	}
	p = P("169.254.6.0/30");
	assert_false(design_inside_reserved(&p));
	assert_null(design_inside_problem(&p));
	p = P("169.254.255.252/30");
	assert_null(design_inside_problem(&p));
	p = P("169.254.10.0/31");
	assert_non_null(design_inside_problem(&p));
	p = P("10.0.0.0/30");
	assert_non_null(design_inside_problem(&p));
	p = P("fd00::/126");
	assert_non_null(design_inside_problem(&p));
	assert_false(design_dh_allowed(1, 1));
	assert_true(design_dh_allowed(1, 2));
	assert_false(design_dh_allowed(1, 5));
	assert_true(design_dh_allowed(2, 5));
	assert_false(design_dh_allowed(1, 13));
	assert_true(design_dh_allowed(1, 14));
	assert_true(design_dh_allowed(2, 24));
	assert_false(design_dh_allowed(2, 25));
}

static void
test_find_functions(void **state)
{
	struct design *d = support_load_text(base_text);

	(void)state;
	assert_int_equal(design_find_dc(d, "dc2"), 1);
	assert_int_equal(design_find_dc(d, "dc3"), -1);
	assert_int_equal(design_find_device(d, "cgw2"), 1);
	assert_int_equal(design_find_conn(d, "dx1"), 1);
	assert_int_equal(design_find_risk(d, "conduit-7"), 0);
	assert_int_equal(design_find_wan(d, "dc1", "dc2"), 0);
	assert_int_equal(design_find_wan(d, "dc2", "dc1"), 0);
	assert_int_equal(design_find_wan(d, "dc1", "dc1"), -1);
	assert_int_equal(design_conn_dc(d, &d->conns[0]), 0);
	assert_int_equal(design_conn_dc(d, &d->conns[1]), 1);
	design_free(&d);
}

/* Inputs too large to commit as fixtures: made here, each must give one
 * clear message and no crash. */
static void
test_generated_monsters(void **state)
{
	struct error err = ERROR_INIT;
	struct design *d = NULL;
	size_t depth = 200000, big = 10u * 1024 * 1024;
	char *text = xmalloc(2 * depth + 64), *p = text;
	char *msg;

	(void)state;
	p += sprintf(p, "version = 1;\nx = ");
	memset(p, '(', depth);
	memset(p + depth, ')', depth);
	strcpy(p + 2 * depth, ";\n");
	assert_int_equal(design_load_string(text, "deep.cfg", &d, &err), -1);
	assert_null(d);
	msg = error_item_string(&err.items[0]);
	assert_string_equal(msg, "deep.cfg:2: lists or groups nested too deeply: "
	    "this is not a design file");
	free(msg);
	error_clear(&err);
	free(text);
	/* A 10 MB string in a name: rejected, and not echoed back whole. */
	text = xmalloc(big + 128);
	p = text + sprintf(text, "version = 1;\nname = \"");
	memset(p, 'a', big);
	strcpy(p + big, "\";\n");
	assert_int_equal(design_load_string(text, "big.cfg", &d, &err), -1);
	for (size_t i = 0; i < err.count; i++)
		assert_true(strlen(err.items[i].message) < 400);
	msg = error_string(&err);
	assert_non_null(strstr(msg, "big.cfg:2: name: the text is longer than "
	    "200 characters"));
	free(msg);
	error_clear(&err);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_fixtures_match_expect),
		cmocka_unit_test(test_bad_fixtures_complete),
		cmocka_unit_test(test_bad_fixture_bytes),
		cmocka_unit_test(test_bad_fixture_messages_sorted),
		cmocka_unit_test(test_dangling_device_fixture),
		cmocka_unit_test(test_samples_load),
		cmocka_unit_test(test_samples_round_trip),
		cmocka_unit_test(test_rich_round_trip),
		cmocka_unit_test(test_base_round_trip),
		cmocka_unit_test(test_load_string_matches_load),
		cmocka_unit_test(test_defaults_filled),
		cmocka_unit_test(test_clone_equal),
		cmocka_unit_test(test_clone_independent),
		cmocka_unit_test(test_equal_detects_each_difference),
		cmocka_unit_test(test_memory_base_equals_text),
		cmocka_unit_test(test_memory_base_valid),
		cmocka_unit_test(test_memory_edits_match_loader),
		cmocka_unit_test(test_memory_messages_without_lines),
		cmocka_unit_test(test_validate_names_file),
		cmocka_unit_test(test_memory_values_the_file_cannot_hold),
		cmocka_unit_test_setup_teardown(test_save_then_load,
		    setup_tmpdir, teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_save_keeps_backup,
		    setup_tmpdir, teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_save_modes,
		    setup_tmpdir, teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_save_into_missing_folder,
		    setup_tmpdir, teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_save_over_folder,
		    setup_tmpdir, teardown_tmpdir),
		cmocka_unit_test_setup_teardown(
		    test_save_backup_blocked_keeps_old, setup_tmpdir,
		    teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_save_write_fails_keeps_old,
		    setup_tmpdir, teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_save_invalid_not_written,
		    setup_tmpdir, teardown_tmpdir),
		cmocka_unit_test(test_asn_4byte_saved_with_suffix),
		cmocka_unit_test(test_asn_boundaries),
		cmocka_unit_test(test_layout_name_with_dot),
		cmocka_unit_test(test_text_escaped),
		cmocka_unit_test(test_component_connection),
		cmocka_unit_test(test_component_tunnel),
		cmocka_unit_test(test_component_device),
		cmocka_unit_test(test_component_datacenter),
		cmocka_unit_test(test_component_location_provider),
		cmocka_unit_test(test_component_isp),
		cmocka_unit_test(test_component_aws_endpoint),
		cmocka_unit_test(test_component_wan),
		cmocka_unit_test(test_component_risk),
		cmocka_unit_test(test_component_malformed),
		cmocka_unit_test_setup_teardown(test_load_missing_file,
		    setup_tmpdir, teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_load_too_big,
		    setup_tmpdir, teardown_tmpdir),
		cmocka_unit_test(test_load_failure_leaves_out),
		cmocka_unit_test(test_error_limit),
		cmocka_unit_test(test_no_settings),
		cmocka_unit_test(test_include_refused),
		cmocka_unit_test(test_name_rules),
		cmocka_unit_test(test_text_rules),
		cmocka_unit_test(test_rule_index),
		cmocka_unit_test(test_inside_and_dh),
		cmocka_unit_test(test_find_functions),
		cmocka_unit_test(test_generated_monsters),
	};

	return cmocka_run_group_tests_name("design", tests, NULL, NULL);
}
