/* The HA rules of SPEC section 7: every rule on a small design where it
 * fires and on a close variant where it must not, the severity overrides
 * of a design's rules block, the order of the findings, the three samples
 * as an expert reads them, and the shapes of the text, Markdown and JSON
 * output (which never show a secret). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/engine.h"
#include "model/rules.h"
#include "model/strbuf.h"
#include "render/findings.h"
#include "tools/gen.h"
#include "tests/support.h"

/* ---- designs --------------------------------------------------------- */

/* The head of the small designs: a VPC, two data centers (prefix lists
 * p1 and p2) joined by one WAN link of wan Gbps. */
#define TOPX(gw, asn, vpcx, p1, p2, wan) \
	"version = 1; name = \"t\";\n" \
	"vpc = { name = \"v\"; cidrs = [\"172.31.0.0/16\"]; gateway = \"" gw \
	"\"; asn = " asn "; " vpcx " };\n" \
	"datacenters = ( { name = \"dc1\"; prefixes = [" p1 "]; },\n" \
	"  { name = \"dc2\"; prefixes = [" p2 "]; } );\n" \
	"wan = ( { a = \"dc1\"; b = \"dc2\"; gbps = " wan "; } );\n"
#define TOP(gw, vpcx) \
	TOPX(gw, "64512", vpcx, "\"10.0.0.0/16\"", "\"10.1.0.0/16\"", "10.0")

#define DEV(n, dc, asn, ip, isp) \
	"{ name = \"" n "\"; dc = \"" dc "\"; vendor = \"frr\"; asn = " asn \
	"; public_ip = \"" ip "\"; isp = \"" isp "\"; }"
#define R1 DEV("r1", "dc1", "65001", "203.0.113.1", "ia")
#define R2 DEV("r2", "dc2", "65002", "203.0.113.2", "ib")
/* Second devices in each data center, on their own ISPs. */
#define R1B DEV("r1b", "dc1", "65003", "203.0.113.3", "ic")
#define R2B DEV("r2b", "dc2", "65004", "203.0.113.4", "id")
#define DEVICES(list) "devices = ( " list " );\n"

/* A VGW or TGW, two data centers, r1 in dc1 and r2 in dc2. */
#define HEAD(gw, vpcx) TOP(gw, vpcx) DEVICES(R1 ", " R2)
#define CONNS(list) "connections = ( " list " );\n"
#define TRAFFIC(list) "traffic = ( " list " );\n"
#define T(p, from, to) \
	"{ prefix = \"" p "\"; from_aws = " from "; to_aws = " to "; }"

#define ADV(p) "{ prefix = \"" p "\"; }"
#define ADVP(p, n) "{ prefix = \"" p "\"; prepend = " n "; }"

/* A VPN with two tunnels 169.254.T.0/30 and 169.254.T.4/30. */
#define VPNO(n, dev, t, routing, opts, adv) \
	"{ name = \"" n "\"; type = \"vpn\"; device = \"" dev "\"; routing = \"" \
	routing "\"; " opts " tunnels = ( { inside = \"169.254." t ".0/30\"; }, " \
	"{ inside = \"169.254." t ".4/30\"; } ); advertise = ( " adv " ); }"
#define VPN(n, dev, t, routing, adv) VPNO(n, dev, t, routing, "", adv)
/* A VPN with the tunnels written out. */
#define VPNT(n, dev, tunnels, adv) \
	"{ name = \"" n "\"; type = \"vpn\"; device = \"" dev "\"; routing = " \
	"\"bgp\"; tunnels = ( " tunnels " ); advertise = ( " adv " ); }"
#define TUN(cidr) "{ inside = \"" cidr "\"; }"

/* A DX with BFD (so HA016 stays quiet unless a test wants it). */
#define DXO(n, dev, loc, prov, peer, gbps, opts, adv) \
	"{ name = \"" n "\"; type = \"dx\"; device = \"" dev "\"; location = \"" \
	loc "\"; provider = \"" prov "\"; gbps = " gbps "; vlan = 100; peer = " \
	"\"169.254.100." peer "/30\"; " opts " advertise = ( " adv " ); }"
#define DX(n, dev, loc, prov, peer, adv) \
	DXO(n, dev, loc, prov, peer, "10.0", "bfd = true;", adv)

/* The brief's active/active VPN with more specific routes: every rule
 * passes it. */
#define CLEAN_CONNS \
	VPN("vpn1", "r1", "10", "bgp", ADV("10.0.0.0/15") ", " \
	ADV("10.0.0.0/16")) ", " \
	VPN("vpn2", "r2", "11", "bgp", ADV("10.0.0.0/15") ", " \
	ADV("10.1.0.0/16"))
#define CLEAN HEAD("vgw", "") CONNS(CLEAN_CONNS)

/* ---- helpers --------------------------------------------------------- */

/* Every rule on a design, the way hatopo check runs them. */
static void
check_design(const struct design *d, const struct secrets *s,
    const struct error *serr, struct findings *f)
{
	struct engine *e = engine_new(d);

	rule_run(d, e, s, serr, f);
	engine_free(&e);
}

static void
check_text(const char *text, struct findings *f)
{
	struct design *d = support_load_text(text);

	check_design(d, NULL, NULL, f);
	design_free(&d);
}

/* The findings one per line, for failure messages. */
static char *
dump(const struct findings *f)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_puts(&sb, "");
	for (size_t i = 0; i < f->n; i++)
		strbuf_addf(&sb, "  %s %s %s: %s\n", f->v[i].rule,
		    design_rule_severity_name(f->v[i].severity), f->v[i].subject,
		    f->v[i].message);
	return strbuf_detach(&sb);
}

static size_t
count_rule(const struct findings *f, const char *rule)
{
	size_t n = 0;

	for (size_t i = 0; i < f->n; i++)
		n += strcmp(f->v[i].rule, rule) == 0;
	return n;
}

static const struct finding *
find(const struct findings *f, const char *rule, const char *subject)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].rule, rule) == 0 &&
		    strcmp(f->v[i].subject, subject) == 0)
			return &f->v[i];
	return NULL;
}

/* The finding of rule on subject, with this severity, a fix, and a
 * message holding each of the NULL-terminated strings. */
static const struct finding *expect(const struct findings *f,
    const char *rule, enum rule_severity sev, const char *subject, ...)
    __attribute__((sentinel));

static const struct finding *
expect(const struct findings *f, const char *rule, enum rule_severity sev,
    const char *subject, ...)
{
	const struct finding *x = find(f, rule, subject);
	const char *want;
	va_list ap;

	if (x == NULL)
		fail_msg("no %s on %s among:\n%s", rule, subject, dump(f));
	assert_int_equal(x->severity, sev);
	assert_true(x->fix != NULL && x->fix[0] != '\0');
	va_start(ap, subject);
	while ((want = va_arg(ap, const char *)) != NULL)
		if (strstr(x->message, want) == NULL)
			fail_msg("%s %s: \"%s\" is not in the message \"%s\"", rule,
			    subject, want, x->message);
	va_end(ap);
	return x;
}

static void
expect_none(const struct findings *f, const char *rule)
{
	if (count_rule(f, rule) != 0)
		fail_msg("%s should not fire:\n%s", rule, dump(f));
}

static struct prefix
pfx(const char *s)
{
	struct prefix p;

	if (prefix_parse(s, &p, NULL, 0) != 0)
		fail_msg("bad prefix %s", s);
	return p;
}

/* ---- the catalogue --------------------------------------------------- */

static void
test_catalogue(void **state)
{
	static const enum rule_severity want[] = {
		RULE_SEVERITY_WARNING, RULE_SEVERITY_ERROR, RULE_SEVERITY_WARNING,
		RULE_SEVERITY_WARNING, RULE_SEVERITY_WARNING, RULE_SEVERITY_WARNING,
		RULE_SEVERITY_ERROR, RULE_SEVERITY_WARNING, RULE_SEVERITY_WARNING,
		RULE_SEVERITY_WARNING, RULE_SEVERITY_WARNING, RULE_SEVERITY_ERROR,
		RULE_SEVERITY_ERROR, RULE_SEVERITY_ERROR, RULE_SEVERITY_ERROR,
		RULE_SEVERITY_INFO, RULE_SEVERITY_WARNING, RULE_SEVERITY_WARNING,
		RULE_SEVERITY_ERROR, RULE_SEVERITY_INFO, RULE_SEVERITY_INFO,
		RULE_SEVERITY_WARNING, RULE_SEVERITY_ERROR,
	};
	size_t n;
	const struct rule_def *t = rule_table(&n);

	(void)state;
	/* SPEC section 7's table: IDs in order, default severities. */
	assert_int_equal(n, DESIGN_RULE_COUNT);
	assert_int_equal(n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < n; i++) {
		char id[32];

		snprintf(id, sizeof id, "HA%03zu", i + 1);
		assert_string_equal(t[i].id, id);
		assert_int_equal(t[i].severity, want[i]);
		assert_int_equal(design_rule_index(id), (int)i);
		assert_non_null(t[i].fn);
		assert_true(t[i].title != NULL && t[i].title[0] != '\0');
	}
}

static void
test_clean_design_passes(void **state)
{
	struct findings f;

	(void)state;
	check_text(CLEAN TRAFFIC(T("10.0.0.0/16", "0.5", "0.2")), &f);
	if (f.n != 0)
		fail_msg("the clean design has findings:\n%s", dump(&f));
	assert_int_equal(f.counts[0] + f.counts[1] + f.counts[2], 0);
	findings_free(&f);
}

/* ---- HA001 static routing -------------------------------------------- */

static void
test_ha001_static_vpn(void **state)
{
	struct findings f;
	const struct finding *x;

	(void)state;
	check_text(HEAD("vgw", "") CONNS(
	    VPN("vpn1", "r1", "10", "static", ADV("10.0.0.0/15") ", "
	    ADV("10.0.0.0/16")) ", "
	    VPN("vpn2", "r2", "11", "bgp", ADV("10.0.0.0/15") ", "
	    ADV("10.1.0.0/16"))), &f);
	x = expect(&f, "HA001", RULE_SEVERITY_WARNING, "connection:vpn1",
	    "vpn1 uses static routing", NULL);
	assert_non_null(strstr(x->fix, "routing = \"bgp\""));
	/* vpn2 runs BGP. */
	assert_int_equal(count_rule(&f, "HA001"), 1);
	findings_free(&f);
}

static void
test_ha001_bgp_is_quiet(void **state)
{
	struct findings f;

	(void)state;
	check_text(CLEAN, &f);
	expect_none(&f, "HA001");
	findings_free(&f);
}

/* ---- HA002 single points of failure ---------------------------------- */

/* Each connection advertises only its own data center's prefix: losing
 * either one loses that prefix. */
#define NO_SUMMARY \
	HEAD("vgw", "") CONNS(VPN("vpn1", "r1", "10", "bgp", \
	ADV("10.0.0.0/16")) ", " VPN("vpn2", "r2", "11", "bgp", \
	ADV("10.1.0.0/16")))

static void
test_ha002_component(void **state)
{
	struct findings f;
	const struct finding *x;

	(void)state;
	check_text(NO_SUMMARY, &f);
	x = expect(&f, "HA002", RULE_SEVERITY_ERROR, "connection:vpn1", NULL);
	assert_string_equal(x->message, "single point of failure: "
	    "connection:vpn1 leaves 10.0.0.0/16 (dc1) unreachable: no working "
	    "connection advertises a route that covers it");
	assert_non_null(strstr(x->fix, "advertises 10.0.0.0/16"));
	expect(&f, "HA002", RULE_SEVERITY_ERROR, "device:r2",
	    "device:r2 leaves 10.1.0.0/16 (dc2) unreachable", NULL);
	expect(&f, "HA002", RULE_SEVERITY_ERROR, "isp:ia",
	    "10.0.0.0/16 (dc1)", NULL);
	/* Both tunnels are needed to lose a connection; one is not enough. */
	assert_null(find(&f, "HA002", "tunnel:vpn1/1"));
	assert_null(find(&f, "HA002", "aws-endpoint:1"));
	/* A data center's own failure is not a connectivity fault. */
	assert_null(find(&f, "HA002", "datacenter:dc1"));
	assert_null(find(&f, "HA002", "datacenter:dc2"));
	findings_free(&f);
}

static void
test_ha002_summary_fixes_it(void **state)
{
	struct findings f;

	(void)state;
	/* The brief's answer: both advertise the /15 as well. */
	check_text(CLEAN, &f);
	expect_none(&f, "HA002");
	findings_free(&f);
}

static void
test_ha002_risk_group(void **state)
{
	struct findings f;

	(void)state;
	/* A conduit holding both connections makes them one failure. */
	check_text(CLEAN "risks = ( { name = \"conduit\"; members = "
	    "[\"vpn1\", \"vpn2\"]; } );\n", &f);
	expect(&f, "HA002", RULE_SEVERITY_ERROR, "risk:conduit",
	    "single point of failure: risk:conduit leaves 10.0.0.0/16 (dc1) "
	    "unreachable", "(and 1 more destination)",
	    "it also leaves dc1 and dc2 without a way to AWS", NULL);
	assert_int_equal(count_rule(&f, "HA002"), 1);
	findings_free(&f);
}

static void
test_ha002_risk_group_of_one(void **state)
{
	struct findings f;

	(void)state;
	check_text(CLEAN "risks = ( { name = \"conduit\"; members = "
	    "[\"vpn1\", \"device:r1\"]; } );\n", &f);
	expect_none(&f, "HA002");
	findings_free(&f);
}

/* dc2 has no connection of its own: it reaches AWS, and AWS reaches it,
 * across the WAN. */
#define DC2_BEHIND_WAN(extra) \
	TOP("vgw", "") DEVICES(R1 ", " R1B ", " R2) CONNS( \
	VPN("vpn1", "r1", "10", "bgp", ADV("10.0.0.0/15")) ", " \
	VPN("vpn2", "r1b", "11", "bgp", ADV("10.0.0.0/15")) extra)

static void
test_ha002_datacenter_without_a_way(void **state)
{
	struct findings f;

	(void)state;
	check_text(DC2_BEHIND_WAN(""), &f);
	expect(&f, "HA002", RULE_SEVERITY_ERROR, "wan:dc1-dc2",
	    "single point of failure: wan:dc1-dc2 blackholes 10.1.0.0/16: AWS "
	    "still sends it to dc1 over vpn1 (10.0.0.0/15), and dc1 has no path "
	    "to dc2", "; it also leaves dc2 without a way to AWS", NULL);
	/* dc1's failure is dc2's problem too: only the failed data center's
	 * own prefixes are excepted. */
	expect(&f, "HA002", RULE_SEVERITY_ERROR, "datacenter:dc1",
	    "datacenter:dc1 leaves 10.1.0.0/16 (dc2) unreachable",
	    "it also leaves dc2 without a way to AWS", NULL);
	/* Two devices, two ISPs in dc1: no other single point. */
	assert_int_equal(count_rule(&f, "HA002"), 2);
	findings_free(&f);
}

static void
test_ha002_datacenter_with_its_own_connection(void **state)
{
	struct findings f;

	(void)state;
	check_text(DC2_BEHIND_WAN(", " VPN("vpn3", "r2", "12", "bgp",
	    ADV("10.1.0.0/16"))), &f);
	assert_null(find(&f, "HA002", "wan:dc1-dc2"));
	/* vpn3 on one device, one ISP: those are dc2's single points now,
	 * not the WAN. */
	assert_null(find(&f, "HA002", "datacenter:dc1"));
	findings_free(&f);
}

static void
test_ha002_baseline_reported_once(void **state)
{
	struct findings f;

	(void)state;
	/* Nobody advertises dc2's prefix: that is lost with nothing failed,
	 * and said once, not again for every component. */
	check_text(HEAD("vgw", "") CONNS(
	    VPN("vpn1", "r1", "10", "bgp", ADV("10.0.0.0/16")) ", "
	    VPN("vpn2", "r2", "11", "bgp", ADVP("10.0.0.0/16", "2"))), &f);
	expect(&f, "HA002", RULE_SEVERITY_ERROR, "datacenter:dc2",
	    "even with nothing failed, the design leaves 10.1.0.0/16 (dc2) "
	    "unreachable", NULL);
	if (count_rule(&f, "HA002") != 1)
		fail_msg("the baseline's loss is repeated:\n%s", dump(&f));
	findings_free(&f);
}

/* ---- HA003 / HA004 DX diversity -------------------------------------- */

#define TWO_DX(loc1, prov1, loc2, prov2) \
	HEAD("vgw", "") CONNS( \
	DX("dx1", "r1", loc1, prov1, "0", ADV("10.0.0.0/15") ", " \
	ADV("10.0.0.0/16")) ", " \
	DX("dx2", "r2", loc2, prov2, "4", ADV("10.0.0.0/15") ", " \
	ADV("10.1.0.0/16")) ", " \
	VPN("vpn1", "r1", "10", "bgp", ADV("10.0.0.0/15")))

static void
test_ha003_one_provider(void **state)
{
	struct findings f;

	(void)state;
	check_text(TWO_DX("EqDC2", "Zayo", "CSVA1", "Zayo"), &f);
	expect(&f, "HA003", RULE_SEVERITY_WARNING, "provider:Zayo",
	    "all 2 DX connections (dx1 and dx2) use provider Zayo", NULL);
	expect_none(&f, "HA004");
	findings_free(&f);
}

static void
test_ha003_two_providers(void **state)
{
	struct findings f;

	(void)state;
	check_text(TWO_DX("EqDC2", "Zayo", "CSVA1", "Lumen"), &f);
	expect_none(&f, "HA003");
	findings_free(&f);
}

static void
test_ha003_single_dx_is_quiet(void **state)
{
	struct findings f;

	(void)state;
	/* One DX is HA020's "no resiliency model", not a diversity problem. */
	check_text(HEAD("vgw", "") CONNS(
	    DX("dx1", "r1", "EqDC2", "Zayo", "0", ADV("10.0.0.0/15")) ", "
	    VPN("vpn1", "r2", "10", "bgp", ADV("10.0.0.0/15"))), &f);
	expect_none(&f, "HA003");
	expect_none(&f, "HA004");
	findings_free(&f);
}

static void
test_ha004_one_location(void **state)
{
	struct findings f;

	(void)state;
	check_text(TWO_DX("EqDC2", "Zayo", "EqDC2", "Lumen"), &f);
	expect(&f, "HA004", RULE_SEVERITY_WARNING, "location:EqDC2",
	    "all 2 DX connections (dx1 and dx2) are in location EqDC2", NULL);
	expect_none(&f, "HA003");
	findings_free(&f);
}

static void
test_ha004_two_locations(void **state)
{
	struct findings f;

	(void)state;
	check_text(TWO_DX("EqDC2", "Zayo", "CSVA1", "Lumen"), &f);
	expect_none(&f, "HA004");
	findings_free(&f);
}

/* ---- HA005 one device ------------------------------------------------ */

static void
test_ha005_one_device(void **state)
{
	struct findings f;

	(void)state;
	check_text(TOP("vgw", "") DEVICES(R1 ", " R1B ", " R2) CONNS(
	    VPN("vpn1", "r1", "10", "bgp", ADV("10.0.0.0/15")) ", "
	    DX("dx1", "r1", "EqDC2", "Zayo", "0", ADV("10.0.0.0/15")) ", "
	    VPN("vpn2", "r2", "11", "bgp", ADV("10.0.0.0/15"))), &f);
	expect(&f, "HA005", RULE_SEVERITY_WARNING, "device:r1",
	    "dc1's 2 connections (vpn1 and dx1) all end on r1", NULL);
	/* dc2 has a single connection: HA005 wants two or more. */
	assert_int_equal(count_rule(&f, "HA005"), 1);
	findings_free(&f);
}

static void
test_ha005_two_devices(void **state)
{
	struct findings f;

	(void)state;
	check_text(TOP("vgw", "") DEVICES(R1 ", " R1B ", " R2) CONNS(
	    VPN("vpn1", "r1", "10", "bgp", ADV("10.0.0.0/15")) ", "
	    DX("dx1", "r1b", "EqDC2", "Zayo", "0", ADV("10.0.0.0/15")) ", "
	    VPN("vpn2", "r2", "11", "bgp", ADV("10.0.0.0/15"))), &f);
	expect_none(&f, "HA005");
	findings_free(&f);
}

/* ---- HA006 unsteered prefixes ---------------------------------------- */

static void
test_ha006_unsteered_vpn(void **state)
{
	struct findings f;

	(void)state;
	/* Both gateways advertise both /16s alike: the VGW picks one tunnel
	 * across both connections for each. */
	check_text(HEAD("vgw", "") CONNS(
	    VPN("vpn1", "r1", "10", "bgp", ADV("10.0.0.0/16") ", "
	    ADV("10.1.0.0/16")) ", "
	    VPN("vpn2", "r2", "11", "bgp", ADV("10.0.0.0/16") ", "
	    ADV("10.1.0.0/16"))), &f);
	expect(&f, "HA006", RULE_SEVERITY_WARNING, "datacenter:dc1",
	    "AWS has equally preferred routes for 10.0.0.0/16 (dc1) over vpn1 "
	    "(dc1) and vpn2 (dc2)", NULL);
	expect(&f, "HA006", RULE_SEVERITY_WARNING, "datacenter:dc2",
	    "10.1.0.0/16 (dc2)", NULL);
	findings_free(&f);
}

static void
test_ha006_prepending_steers(void **state)
{
	struct findings f;

	(void)state;
	/* The brief's AS-path prepending approach. */
	check_text(HEAD("vgw", "") CONNS(
	    VPN("vpn1", "r1", "10", "bgp", ADV("10.0.0.0/16") ", "
	    ADVP("10.1.0.0/16", "2")) ", "
	    VPN("vpn2", "r2", "11", "bgp", ADVP("10.0.0.0/16", "2") ", "
	    ADV("10.1.0.0/16"))), &f);
	expect_none(&f, "HA006");
	findings_free(&f);
}

static void
test_ha006_dx_ecmp_across_data_centers(void **state)
{
	struct findings f;

	(void)state;
	check_text(HEAD("vgw", "") CONNS(
	    DX("dx1", "r1", "EqDC2", "Zayo", "0", ADV("10.0.0.0/16") ", "
	    ADV("10.1.0.0/16")) ", "
	    DX("dx2", "r2", "CSVA1", "Lumen", "4", ADV("10.0.0.0/16") ", "
	    ADV("10.1.0.0/16"))), &f);
	expect(&f, "HA006", RULE_SEVERITY_WARNING, "datacenter:dc2",
	    "10.1.0.0/16 (dc2) over dx1 (dc1) and dx2 (dc2)", NULL);
	findings_free(&f);
}

/* ---- HA007 capacity -------------------------------------------------- */

/* The brief's DX with a backup VPN: dx1 in dc2 and vpn1 in dc1 both
 * advertise the summary. */
#define DX_BACKUP(wan, traffic) \
	TOPX("vgw", "64512", "", "\"10.0.0.0/16\"", "\"10.1.0.0/16\"", wan) \
	DEVICES(R1 ", " R2) CONNS( \
	VPN("vpn1", "r1", "10", "bgp", ADV("10.0.0.0/15")) ", " \
	DX("dx1", "r2", "EqDC2", "Zayo", "0", ADV("10.0.0.0/15"))) \
	TRAFFIC(traffic)

static void
test_ha007_after_a_failure(void **state)
{
	struct findings f;
	const struct finding *x;

	(void)state;
	check_text(DX_BACKUP("10.0", T("10.0.0.0/16", "3.0", "1.0")), &f);
	x = expect(&f, "HA007", RULE_SEVERITY_ERROR, "connection:vpn1",
	    "connection:dx1 puts 3.0 Gbps toward on premises on vpn1, whose "
	    "tunnel carries 1.25 Gbps (1.75 Gbps over", NULL);
	/* dx1, its device, its data center, location and provider. */
	assert_non_null(strstr(x->message, "over capacity in 5 scenarios, "
	    "this is the worst"));
	assert_int_equal(count_rule(&f, "HA007"), 1);
	findings_free(&f);
}

static void
test_ha007_within_capacity(void **state)
{
	struct findings f;

	(void)state;
	check_text(DX_BACKUP("10.0", T("10.0.0.0/16", "1.0", "1.0")), &f);
	expect_none(&f, "HA007");
	findings_free(&f);
}

static void
test_ha007_baseline(void **state)
{
	struct findings f;
	const struct finding *x;

	(void)state;
	check_text(CLEAN TRAFFIC(T("10.0.0.0/16", "2.0", "0.5")), &f);
	x = expect(&f, "HA007", RULE_SEVERITY_ERROR, "connection:vpn1", NULL);
	assert_string_equal(x->message, "in the baseline the design puts 2.0 "
	    "Gbps toward on premises on vpn1, whose tunnel carries 1.25 Gbps "
	    "(0.75 Gbps over)");
	/* When vpn1 fails its traffic overloads vpn2. */
	expect(&f, "HA007", RULE_SEVERITY_ERROR, "connection:vpn2",
	    "puts 2.0 Gbps toward on premises on vpn2", "0.75 Gbps over", NULL);
	/* Without a DX the fix does not talk about one. */
	assert_null(strstr(x->fix, "DX utilisation"));
	findings_free(&f);
}

static void
test_ha007_baseline_and_worse_after_a_failure(void **state)
{
	struct findings f;

	(void)state;
	check_text(CLEAN TRAFFIC(T("10.0.0.0/16", "2.0", "0.5") ", "
	    T("10.1.0.0/16", "0.5", "0.1")), &f);
	expect(&f, "HA007", RULE_SEVERITY_ERROR, "connection:vpn1",
	    "in the baseline the design puts 2.0 Gbps toward on premises on "
	    "vpn1", "(0.75 Gbps over); after connection:vpn2 it carries 2.5 "
	    "Gbps", NULL);
	findings_free(&f);
}

static void
test_ha007_wan_link(void **state)
{
	struct findings f;

	(void)state;
	/* dc1's 3 Gbps enter at dc2 over dx1 and cross a 2 Gbps WAN. */
	check_text(DX_BACKUP("2.0", T("10.0.0.0/16", "3.0", "0.5")), &f);
	expect(&f, "HA007", RULE_SEVERITY_ERROR, "wan:dc1-dc2",
	    "in the baseline the design puts 3.0 Gbps on wan:dc1-dc2 (dc2 to "
	    "dc1), a 2.0 Gbps link (1.0 Gbps over)", NULL);
	findings_free(&f);
}

static void
test_ha007_tgw_ecmp_tunnels(void **state)
{
	struct findings f;

	(void)state;
	/* Under TGW ECMP both tunnels of vpn1 carry 2.5 Gbps together. */
	check_text(HEAD("tgw", "ecmp = true;") CONNS(CLEAN_CONNS)
	    TRAFFIC(T("10.0.0.0/16", "3.0", "0.5")), &f);
	expect(&f, "HA007", RULE_SEVERITY_ERROR, "connection:vpn1",
	    "in the baseline the design puts 3.0 Gbps toward on premises on "
	    "vpn1, whose working tunnels carry 2.5 Gbps together (0.5 Gbps "
	    "over)", NULL);
	findings_free(&f);
}

/* ---- HA008 summaries ------------------------------------------------- */

static void
test_ha008_summary_too_wide(void **state)
{
	struct findings f;
	const struct finding *x;

	(void)state;
	check_text(HEAD("vgw", "") CONNS(
	    VPN("vpn1", "r1", "10", "bgp", ADV("10.0.0.0/14") ", "
	    ADV("10.0.0.0/16")) ", "
	    VPN("vpn2", "r2", "11", "bgp", ADV("10.0.0.0/14") ", "
	    ADV("10.1.0.0/16"))), &f);
	x = expect(&f, "HA008", RULE_SEVERITY_WARNING, "connection:vpn1", NULL);
	assert_string_equal(x->message, "vpn1 advertises 10.0.0.0/14, which "
	    "covers 10.2.0.0/15 that no data center originates: AWS sends that "
	    "traffic to you and it is dropped on premises");
	/* One finding per prefix, on its first advertiser. */
	assert_int_equal(count_rule(&f, "HA008"), 1);
	findings_free(&f);
}

static void
test_ha008_gaps_between_data_centers(void **state)
{
	struct findings f;

	(void)state;
	check_text(TOPX("vgw", "64512", "", "\"10.0.0.0/16\"",
	    "\"10.3.0.0/16\"", "10.0") DEVICES(R1 ", " R2) CONNS(
	    VPN("vpn1", "r1", "10", "bgp", ADV("10.0.0.0/14") ", "
	    ADV("10.0.0.0/16")) ", "
	    VPN("vpn2", "r2", "11", "bgp", ADV("10.0.0.0/14") ", "
	    ADV("10.3.0.0/16"))), &f);
	expect(&f, "HA008", RULE_SEVERITY_WARNING, "connection:vpn1",
	    "covers 10.1.0.0/16, 10.2.0.0/16 that no data center", NULL);
	findings_free(&f);
}

static void
test_ha008_many_blocks(void **state)
{
	struct findings f;

	(void)state;
	check_text(HEAD("vgw", "") CONNS(
	    VPN("vpn1", "r1", "10", "bgp", ADV("10.0.0.0/8") ", "
	    ADV("10.0.0.0/16")) ", "
	    VPN("vpn2", "r2", "11", "bgp", ADV("10.0.0.0/15") ", "
	    ADV("10.1.0.0/16"))), &f);
	/* 10.2/15, 10.4/14, 10.8/13, 10.16/12, 10.32/11, 10.64/10 and
	 * 10.128/9. */
	expect(&f, "HA008", RULE_SEVERITY_WARNING, "connection:vpn1",
	    "vpn1 advertises 10.0.0.0/8, which covers 10.2.0.0/15, 10.4.0.0/14, "
	    "10.8.0.0/13 (and 4 more blocks)", NULL);
	assert_int_equal(count_rule(&f, "HA008"), 1);
	findings_free(&f);
}

static void
test_ha008_advert_nobody_originates(void **state)
{
	struct findings f;

	(void)state;
	check_text(HEAD("vgw", "") CONNS(CLEAN_CONNS ", "
	    VPN("vpn3", "r2", "12", "bgp", ADV("192.168.0.0/16"))), &f);
	expect(&f, "HA008", RULE_SEVERITY_WARNING, "connection:vpn3",
	    "vpn3 advertises 192.168.0.0/16, which covers 192.168.0.0/16 that "
	    "no data center originates", NULL);
	findings_free(&f);
}

static void
test_ha008_ipv6(void **state)
{
	struct findings f;

	(void)state;
	check_text(TOPX("tgw", "64512", "", "\"10.0.0.0/16\", "
	    "\"2001:db8:1::/48\"", "\"10.1.0.0/16\"", "10.0")
	    DEVICES(R1 ", " R2) CONNS(CLEAN_CONNS ", "
	    DX("dx1", "r1", "EqDC2", "Zayo", "0", ADV("2001:db8::/32"))), &f);
	/* One block per level from /33 down to /48. */
	expect(&f, "HA008", RULE_SEVERITY_WARNING, "connection:dx1",
	    "dx1 advertises 2001:db8::/32, which covers 2001:db8::/48, "
	    "2001:db8:2::/47, 2001:db8:4::/46 (and 13 more blocks)", NULL);
	findings_free(&f);
}

static void
test_ha008_exact_summary(void **state)
{
	struct findings f;

	(void)state;
	/* 10.0.0.0/15 is exactly the two adjacent /16s; a more specific
	 * advertisement lies inside one. */
	check_text(HEAD("vgw", "") CONNS(CLEAN_CONNS ", "
	    VPN("vpn3", "r2", "12", "bgp", ADV("10.1.4.0/24"))), &f);
	expect_none(&f, "HA008");
	findings_free(&f);
}

/* ---- HA009 tunnels, HA010 ISP ---------------------------------------- */

static void
test_ha009_one_tunnel(void **state)
{
	struct findings f;

	(void)state;
	check_text(HEAD("vgw", "") CONNS(
	    VPNT("vpn1", "r1", TUN("169.254.10.0/30"), ADV("10.0.0.0/15") ", "
	    ADV("10.0.0.0/16")) ", "
	    VPN("vpn2", "r2", "11", "bgp", ADV("10.0.0.0/15") ", "
	    ADV("10.1.0.0/16"))), &f);
	expect(&f, "HA009", RULE_SEVERITY_WARNING, "connection:vpn1",
	    "vpn1 has 1 enabled tunnel", NULL);
	assert_int_equal(count_rule(&f, "HA009"), 1);
	findings_free(&f);
}

static void
test_ha009_disabled_tunnel(void **state)
{
	struct findings f;

	(void)state;
	check_text(HEAD("vgw", "") CONNS(
	    VPNT("vpn1", "r1", TUN("169.254.10.0/30") ", { inside = "
	    "\"169.254.10.4/30\"; enabled = false; }", ADV("10.0.0.0/15") ", "
	    ADV("10.0.0.0/16")) ", "
	    VPN("vpn2", "r2", "11", "bgp", ADV("10.0.0.0/15") ", "
	    ADV("10.1.0.0/16"))), &f);
	expect(&f, "HA009", RULE_SEVERITY_WARNING, "connection:vpn1",
	    "vpn1 has 1 enabled tunnel", NULL);
	findings_free(&f);
}

static void
test_ha009_two_tunnels(void **state)
{
	struct findings f;

	(void)state;
	check_text(CLEAN, &f);
	expect_none(&f, "HA009");
	findings_free(&f);
}

static void
test_ha010_one_isp(void **state)
{
	struct findings f;

	(void)state;
	check_text(TOP("vgw", "") DEVICES(R1 ", "
	    DEV("r2", "dc2", "65002", "203.0.113.2", "ia")) CONNS(CLEAN_CONNS),
	    &f);
	expect(&f, "HA010", RULE_SEVERITY_WARNING, "isp:ia",
	    "all 2 VPN connections (vpn1 and vpn2) reach AWS through ia", NULL);
	/* And it is a single point of failure. */
	expect(&f, "HA002", RULE_SEVERITY_ERROR, "isp:ia", NULL);
	findings_free(&f);
}

static void
test_ha010_two_isps(void **state)
{
	struct findings f;

	(void)state;
	check_text(CLEAN, &f);
	expect_none(&f, "HA010");
	findings_free(&f);
}

/* ---- HA011 prepending against DX ------------------------------------- */

static void
test_ha011_prepend_to_prefer_vpn(void **state)
{
	struct findings f;
	const struct finding *x;

	(void)state;
	check_text(HEAD("vgw", "") CONNS(
	    VPN("vpn1", "r1", "10", "bgp", ADV("10.0.0.0/16")) ", "
	    DX("dx1", "r2", "EqDC2", "Zayo", "0", ADVP("10.0.0.0/16", "3") ", "
	    ADV("10.1.0.0/16"))), &f);
	x = expect(&f, "HA011", RULE_SEVERITY_WARNING, "connection:dx1", NULL);
	assert_string_equal(x->message, "dx1 prepends its AS path 3 times on "
	    "10.0.0.0/16 to prefer vpn1, which has no effect: AWS always "
	    "prefers Direct Connect over VPN for the same prefix");
	assert_non_null(strstr(x->fix, "advertise a more specific prefix"));
	findings_free(&f);
}

static void
test_ha011_more_specific_vpn(void **state)
{
	struct findings f;

	(void)state;
	/* The way that works: a more specific prefix over the VPN. */
	check_text(HEAD("vgw", "") CONNS(
	    VPN("vpn1", "r1", "10", "bgp", ADV("10.0.0.0/16")) ", "
	    DX("dx1", "r2", "EqDC2", "Zayo", "0", ADV("10.0.0.0/15"))), &f);
	expect_none(&f, "HA011");
	findings_free(&f);
}

static void
test_ha011_prepend_between_dx(void **state)
{
	struct findings f;

	(void)state;
	/* The brief's DX prepending, with a VPN backup advertising the same
	 * /16s: the prepends order dx1 and dx2, which works. */
	check_text(TOP("vgw", "") DEVICES(R1 ", " R1B ", " R2) CONNS(
	    DX("dx1", "r1", "EqDC2", "Zayo", "0", ADV("10.0.0.0/16") ", "
	    ADVP("10.1.0.0/16", "2")) ", "
	    DX("dx2", "r2", "CSVA1", "Lumen", "4", ADVP("10.0.0.0/16", "2") ", "
	    ADV("10.1.0.0/16")) ", "
	    VPN("vpn1", "r1b", "10", "bgp", ADV("10.0.0.0/16") ", "
	    ADV("10.1.0.0/16"))), &f);
	expect_none(&f, "HA011");
	findings_free(&f);
}

static void
test_ha011_static_vpn(void **state)
{
	struct findings f;

	(void)state;
	/* At a VGW DX beats a static VPN route too. */
	check_text(HEAD("vgw", "") CONNS(
	    VPN("vpn1", "r1", "10", "static", ADV("10.0.0.0/16")) ", "
	    DX("dx1", "r2", "EqDC2", "Zayo", "0", ADVP("10.0.0.0/16", "1") ", "
	    ADV("10.1.0.0/16"))), &f);
	expect(&f, "HA011", RULE_SEVERITY_WARNING, "connection:dx1",
	    "dx1 prepends its AS path 1 time on 10.0.0.0/16 to prefer vpn1",
	    NULL);
	expect_none(&f, "HA018");
	findings_free(&f);
}

static void
test_ha011_tgw_static_is_ha018(void **state)
{
	struct findings f;

	(void)state;
	/* At a TGW the static route wins anyway: HA018 says so, not HA011. */
	check_text(HEAD("tgw", "") CONNS(
	    VPN("vpn1", "r1", "10", "static", ADV("10.0.0.0/16")) ", "
	    DX("dx1", "r2", "EqDC2", "Zayo", "0", ADVP("10.0.0.0/16", "1") ", "
	    ADV("10.1.0.0/16"))), &f);
	expect_none(&f, "HA011");
	expect(&f, "HA018", RULE_SEVERITY_WARNING, "connection:vpn1", NULL);
	findings_free(&f);
}

/* ---- HA012 prefix limits --------------------------------------------- */

/* A design whose connection kind advertises n /24s of dc1's /16. */
static char *
many_prefixes(const char *gw, const char *kind, int n)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "version = 1; name = \"t\";\nvpc = { name = \"v\"; "
	    "cidrs = [\"172.31.0.0/16\"]; gateway = \"%s\"; asn = 64512; };\n"
	    "datacenters = ( { name = \"dc1\"; prefixes = [\"10.0.0.0/16\"]; } );"
	    "\ndevices = ( " R1 " );\nconnections = ( ", gw);
	if (strcmp(kind, "dx") == 0)
		strbuf_puts(&sb, "{ name = \"c1\"; type = \"dx\"; device = \"r1\"; "
		    "location = \"L1\"; provider = \"P1\"; gbps = 10.0; vlan = 100; "
		    "peer = \"169.254.100.0/30\"; bfd = true; advertise = ( ");
	else
		strbuf_addf(&sb, "{ name = \"c1\"; type = \"vpn\"; device = \"r1\"; "
		    "routing = \"%s\"; tunnels = ( { inside = \"169.254.10.0/30\"; },"
		    " { inside = \"169.254.10.4/30\"; } ); advertise = ( ", kind);
	for (int i = 0; i < n; i++)
		strbuf_addf(&sb, "%s{ prefix = \"10.0.%d.0/24\"; }", i ? ", " : "",
		    i);
	strbuf_puts(&sb, " ); } );\n");
	return strbuf_detach(&sb);
}

static void
check_many(const char *gw, const char *kind, int n, struct findings *f)
{
	char *text = many_prefixes(gw, kind, n);

	check_text(text, f);
	free(text);
}

static void
test_ha012_vgw_vpn(void **state)
{
	struct findings f;

	(void)state;
	check_many("vgw", "bgp", 101, &f);
	expect(&f, "HA012", RULE_SEVERITY_ERROR, "connection:c1",
	    "c1 advertises 101 IPv4 prefixes on one BGP session; over 100 AWS "
	    "takes the session down", NULL);
	findings_free(&f);
	check_many("vgw", "bgp", 100, &f);
	expect_none(&f, "HA012");
	findings_free(&f);
}

static void
test_ha012_tgw_vpn(void **state)
{
	struct findings f;

	(void)state;
	/* A TGW takes 1,000 routes over a VPN. */
	check_many("tgw", "bgp", 101, &f);
	expect_none(&f, "HA012");
	findings_free(&f);
}

static void
test_ha012_dx(void **state)
{
	struct findings f;

	(void)state;
	check_many("tgw", "dx", 101, &f);
	expect(&f, "HA012", RULE_SEVERITY_ERROR, "connection:c1",
	    "101 IPv4 prefixes", "over 100", NULL);
	/* The session is down: the engine loses the prefix too. */
	expect(&f, "HA002", RULE_SEVERITY_ERROR, "datacenter:dc1",
	    "even with nothing failed", NULL);
	findings_free(&f);
	check_many("tgw", "dx", 100, &f);
	expect_none(&f, "HA012");
	findings_free(&f);
}

#define V6HEAD(gw) \
	TOPX(gw, "64512", "", "\"10.0.0.0/16\", \"2001:db8::/48\"", \
	"\"10.1.0.0/16\"", "10.0") DEVICES(R1 ", " R2)

static void
test_ha012_ipv6(void **state)
{
	/* The connection's advertise list goes where the @ is. */
	static const char *const designs[] = {
		V6HEAD("tgw") CONNS(VPN("c1", "r1", "10", "bgp", "@")),
		V6HEAD("tgw") CONNS(DX("c1", "r1", "L1", "P1", "0", "@")),
		V6HEAD("vgw") CONNS(VPN("c1", "r1", "10", "bgp", "@")),
	};

	(void)state;
	/* 101 IPv6 prefixes: a TGW's VPN takes 1,000, a DX 100 per family,
	 * and a VGW ignores IPv6 over VPN (HA023 says so), which is then no
	 * problem of the BGP session. */
	for (size_t k = 0; k < 3; k++) {
		const char *at = strchr(designs[k], '@');
		struct strbuf sb = STRBUF_INIT;
		struct findings f;
		char *text;

		strbuf_addf(&sb, "%.*s", (int)(at - designs[k]), designs[k]);
		for (int i = 0; i < 101; i++)
			strbuf_addf(&sb, "%s{ prefix = \"2001:db8:0:%x::/64\"; }",
			    i ? ", " : "", i);
		strbuf_puts(&sb, at + 1);
		text = strbuf_detach(&sb);
		check_text(text, &f);
		if (k == 1)
			expect(&f, "HA012", RULE_SEVERITY_ERROR, "connection:c1",
			    "c1 advertises 101 IPv6 prefixes on one BGP session; over "
			    "100", NULL);
		else
			expect_none(&f, "HA012");
		if (k == 2)
			expect(&f, "HA023", RULE_SEVERITY_ERROR, "connection:c1",
			    "c1 carries 2001:db8::/64 (and 100 more IPv6 prefixes)",
			    NULL);
		findings_free(&f);
		free(text);
	}
}

static void
test_ha012_static_routes(void **state)
{
	struct findings f;

	(void)state;
	/* Static routes are no BGP session. */
	check_many("vgw", "static", 101, &f);
	expect_none(&f, "HA012");
	findings_free(&f);
}

/* ---- HA013 tunnel inside CIDRs --------------------------------------- */

#define DUP_INSIDE(gw, dev2) \
	HEAD(gw, "") CONNS( \
	VPNT("vpn1", "r1", TUN("169.254.10.0/30") ", " TUN("169.254.10.4/30"), \
	ADV("10.0.0.0/15") ", " ADV("10.0.0.0/16")) ", " \
	VPNT("vpn2", dev2, TUN("169.254.10.0/30") ", " TUN("169.254.11.4/30"), \
	ADV("10.0.0.0/15") ", " ADV("10.1.0.0/16")))

static void
test_ha013_duplicate_on_vgw(void **state)
{
	struct findings f;
	const struct finding *x;

	(void)state;
	check_text(DUP_INSIDE("vgw", "r2"), &f);
	x = expect(&f, "HA013", RULE_SEVERITY_ERROR, "tunnel:vpn2/1", NULL);
	assert_string_equal(x->message, "169.254.10.0/30 is also the inside "
	    "CIDR of tunnel:vpn1/1 on the same virtual private gateway");
	assert_int_equal(count_rule(&f, "HA013"), 1);
	findings_free(&f);
}

static void
test_ha013_duplicate_on_tgw_other_device(void **state)
{
	struct findings f;

	(void)state;
	/* A TGW needs no unique inside CIDRs across customer gateways. */
	check_text(DUP_INSIDE("tgw", "r2"), &f);
	expect_none(&f, "HA013");
	findings_free(&f);
}

static void
test_ha013_duplicate_on_tgw_same_device(void **state)
{
	struct findings f;

	(void)state;
	check_text(DUP_INSIDE("tgw", "r1"), &f);
	expect(&f, "HA013", RULE_SEVERITY_ERROR, "tunnel:vpn2/1",
	    "169.254.10.0/30 is also the inside CIDR of tunnel:vpn1/1 on the same "
	    "customer gateway", NULL);
	findings_free(&f);
}

static void
test_ha013_bad_inside_in_memory(void **state)
{
	struct error err = ERROR_INIT;
	struct design *d = NULL;
	struct findings f;

	(void)state;
	/* The loader refuses a reserved /30 ... */
	assert_int_equal(design_load_string(HEAD("vgw", "") CONNS(
	    VPNT("vpn1", "r1", TUN("169.254.1.0/30") ", " TUN("169.254.10.4/30"),
	    ADV("10.0.0.0/16"))), "test", &d, &err), -1);
	assert_non_null(strstr(err.items[0].message, "AWS reserves this /30"));
	error_clear(&err);
	/* ... so the rule sees one through an edit that bypassed it. */
	d = support_load_text(CLEAN);
	d->conns[0].tunnels[0].inside = pfx("169.254.1.0/30");
	d->conns[0].tunnels[1].inside = pfx("169.254.10.0/29");
	d->conns[1].tunnels[1].inside = pfx("10.9.9.0/30");
	check_design(d, NULL, NULL, &f);
	expect(&f, "HA013", RULE_SEVERITY_ERROR, "tunnel:vpn1/1",
	    "169.254.1.0/30: AWS reserves this /30", NULL);
	expect(&f, "HA013", RULE_SEVERITY_ERROR, "tunnel:vpn1/2",
	    "169.254.10.0/29: a tunnel inside CIDR is a /30", NULL);
	expect(&f, "HA013", RULE_SEVERITY_ERROR, "tunnel:vpn2/2",
	    "10.9.9.0/30: a tunnel inside CIDR lies in 169.254.0.0/16", NULL);
	assert_int_equal(count_rule(&f, "HA013"), 3);
	findings_free(&f);
	design_free(&d);
}

static void
test_ha013_unique(void **state)
{
	struct findings f;

	(void)state;
	check_text(CLEAN, &f);
	expect_none(&f, "HA013");
	findings_free(&f);
}

/* ---- HA014 ASNs ------------------------------------------------------ */

static void
test_ha014_aws_asn_out_of_range(void **state)
{
	struct findings f;

	(void)state;
	check_text(TOPX("vgw", "100", "", "\"10.0.0.0/16\"", "\"10.1.0.0/16\"",
	    "10.0") DEVICES(R1 ", " R2) CONNS(CLEAN_CONNS), &f);
	expect(&f, "HA014", RULE_SEVERITY_ERROR, "vpc:v",
	    "the AWS-side ASN 100 is outside what a virtual private gateway "
	    "accepts (64512-65534 or 4200000000-4294967294", NULL);
	findings_free(&f);
}

static void
test_ha014_legacy_asn(void **state)
{
	struct findings f;

	(void)state;
	/* 7224: the default of VGWs created before mid-2018 ... */
	check_text(TOPX("vgw", "7224", "", "\"10.0.0.0/16\"", "\"10.1.0.0/16\"",
	    "10.0") DEVICES(R1 ", " R2) CONNS(CLEAN_CONNS), &f);
	expect_none(&f, "HA014");
	findings_free(&f);
	/* ... never a transit gateway's. */
	check_text(TOPX("tgw", "7224", "", "\"10.0.0.0/16\"", "\"10.1.0.0/16\"",
	    "10.0") DEVICES(R1 ", " R2) CONNS(CLEAN_CONNS), &f);
	expect(&f, "HA014", RULE_SEVERITY_ERROR, "vpc:v",
	    "the AWS-side ASN 7224 is outside what a transit gateway accepts",
	    NULL);
	findings_free(&f);
}

static void
test_ha014_four_byte_asn(void **state)
{
	struct findings f;

	(void)state;
	check_text(TOPX("tgw", "4200000000L", "", "\"10.0.0.0/16\"",
	    "\"10.1.0.0/16\"", "10.0") DEVICES(R1 ", " R2) CONNS(CLEAN_CONNS),
	    &f);
	expect_none(&f, "HA014");
	findings_free(&f);
}

static void
test_ha014_customer_asn_equals_aws(void **state)
{
	struct findings f;

	(void)state;
	check_text(TOP("vgw", "") DEVICES(
	    DEV("r1", "dc1", "64512", "203.0.113.1", "ia") ", " R2)
	    CONNS(CLEAN_CONNS), &f);
	expect(&f, "HA014", RULE_SEVERITY_ERROR, "device:r1",
	    "r1 uses ASN 64512, the same as the AWS side", NULL);
	assert_int_equal(count_rule(&f, "HA014"), 1);
	findings_free(&f);
}

/* ---- HA015 overlap with the VPC -------------------------------------- */

static void
test_ha015_overlap(void **state)
{
	struct findings f;

	(void)state;
	check_text(TOPX("vgw", "64512", "", "\"10.0.0.0/16\"",
	    "\"172.31.128.0/20\"", "10.0") DEVICES(R1 ", " R2) CONNS(
	    VPN("vpn1", "r1", "10", "bgp", ADV("10.0.0.0/16")) ", "
	    VPN("vpn2", "r2", "11", "bgp", ADV("172.31.128.0/20"))), &f);
	expect(&f, "HA015", RULE_SEVERITY_ERROR, "datacenter:dc2",
	    "172.31.128.0/20 of dc2 overlaps the VPC CIDR 172.31.0.0/16", NULL);
	findings_free(&f);
}

static void
test_ha015_no_overlap(void **state)
{
	struct findings f;

	(void)state;
	check_text(TOPX("vgw", "64512", "", "\"10.0.0.0/16\"",
	    "\"172.32.0.0/16\"", "10.0") DEVICES(R1 ", " R2) CONNS(
	    VPN("vpn1", "r1", "10", "bgp", ADV("10.0.0.0/16")) ", "
	    VPN("vpn2", "r2", "11", "bgp", ADV("172.32.0.0/16"))), &f);
	expect_none(&f, "HA015");
	findings_free(&f);
}

/* ---- HA016 BFD ------------------------------------------------------- */

static void
test_ha016_no_bfd(void **state)
{
	struct findings f;

	(void)state;
	check_text(HEAD("vgw", "") CONNS(
	    DXO("dx1", "r1", "EqDC2", "Zayo", "0", "10.0", "",
	    ADV("10.0.0.0/15")) ", "
	    VPN("vpn1", "r2", "10", "bgp", ADV("10.0.0.0/15"))), &f);
	expect(&f, "HA016", RULE_SEVERITY_INFO, "connection:dx1",
	    "dx1 runs without BFD", "90 s hold time", NULL);
	findings_free(&f);
}

static void
test_ha016_bfd(void **state)
{
	struct findings f;

	(void)state;
	check_text(HEAD("vgw", "") CONNS(
	    DX("dx1", "r1", "EqDC2", "Zayo", "0", ADV("10.0.0.0/15")) ", "
	    VPN("vpn1", "r2", "10", "bgp", ADV("10.0.0.0/15"))), &f);
	expect_none(&f, "HA016");
	findings_free(&f);
}

/* ---- HA017 asymmetry ------------------------------------------------- */

/* AWS reaches dc1 over vpn1 and dc2 over dx1; the routers send to AWS
 * over the highest local_pref. */
#define ASYM(opts) \
	HEAD("vgw", "") CONNS( \
	VPNO("vpn1", "r1", "10", "bgp", opts, ADV("10.0.0.0/16")) ", " \
	DXO("dx1", "r2", "EqDC2", "Zayo", "0", "10.0", "bfd = true; " opts, \
	ADV("10.1.0.0/16")))

static void
test_ha017_asymmetric(void **state)
{
	struct findings f;
	const struct finding *x;

	(void)state;
	/* DX's default local_pref 200 beats the VPN's 100: dc1 sends over
	 * the WAN and dx1. */
	check_text(ASYM(""), &f);
	x = expect(&f, "HA017", RULE_SEVERITY_WARNING, "datacenter:dc1", NULL);
	assert_string_equal(x->message, "10.0.0.0/16 comes in from AWS over "
	    "vpn1 but dc1 sends to AWS over dx1: stateful firewalls drop the "
	    "return traffic");
	assert_null(find(&f, "HA017", "datacenter:dc2"));
	findings_free(&f);
}

static void
test_ha017_local_pref_matches(void **state)
{
	struct findings f;

	(void)state;
	/* Equal local_pref: each data center uses its own exit. */
	check_text(ASYM("local_pref = 300;"), &f);
	expect_none(&f, "HA017");
	findings_free(&f);
}

static void
test_ha017_one_of(void **state)
{
	struct findings f;

	(void)state;
	check_text(HEAD("vgw", "") CONNS(
	    VPN("vpn1", "r1", "10", "bgp", ADV("10.0.0.0/16") ", "
	    ADV("10.1.0.0/16")) ", "
	    VPN("vpn2", "r2", "11", "bgp", ADV("10.0.0.0/16") ", "
	    ADV("10.1.0.0/16"))), &f);
	/* The VGW picks one of the two: the reply may leave by the other. */
	expect(&f, "HA017", RULE_SEVERITY_WARNING, "datacenter:dc1",
	    "10.0.0.0/16 comes in from AWS over vpn1 or vpn2 but dc1 sends to "
	    "AWS over vpn1", NULL);
	findings_free(&f);
}

/* ---- HA018 TGW static beats DX --------------------------------------- */

#define STATIC_BACKUP(gw, route) \
	HEAD(gw, "") CONNS( \
	VPN("vpn1", "r1", "10", "static", ADV(route)) ", " \
	DX("dx1", "r2", "EqDC2", "Zayo", "0", ADV("10.0.0.0/16") ", " \
	ADV("10.1.0.0/16")))

static void
test_ha018_static_equal_to_dx(void **state)
{
	struct findings f;

	(void)state;
	check_text(STATIC_BACKUP("tgw", "10.0.0.0/16"), &f);
	expect(&f, "HA018", RULE_SEVERITY_WARNING, "connection:vpn1",
	    "vpn1's static 10.0.0.0/16 makes the VPN primary over dx1", NULL);
	findings_free(&f);
}

static void
test_ha018_static_less_specific(void **state)
{
	struct findings f;

	(void)state;
	/* The re:Post advice: the static backup less specific than DX. */
	check_text(STATIC_BACKUP("tgw", "10.0.0.0/15"), &f);
	expect_none(&f, "HA018");
	findings_free(&f);
}

static void
test_ha018_vgw(void **state)
{
	struct findings f;

	(void)state;
	/* At a VGW DX wins over the static route. */
	check_text(STATIC_BACKUP("vgw", "10.0.0.0/16"), &f);
	expect_none(&f, "HA018");
	findings_free(&f);
}

/* ---- HA019 pre-shared keys ------------------------------------------- */

static void
test_ha019_short_psk(void **state)
{
	struct design *d = support_load_text(CLEAN);
	struct secrets *s = secrets_new();
	struct findings f;
	const struct finding *x;

	(void)state;
	secrets_set_psk(s, "vpn1", 1, "Ab3.x");
	secrets_set_psk(s, "vpn1", 2, "0Abcdefghij");
	secrets_set_psk(s, "vpn2", 1, "Good_key.1234");
	check_design(d, s, NULL, &f);
	x = expect(&f, "HA019", RULE_SEVERITY_ERROR, "tunnel:vpn1/1", NULL);
	assert_string_equal(x->message, "the pre-shared key of vpn1 tunnel 1 "
	    "breaks AWS's rules: a pre-shared key is 8-64 characters long (this "
	    "one has 5)");
	expect(&f, "HA019", RULE_SEVERITY_ERROR, "tunnel:vpn1/2",
	    "a pre-shared key cannot start with 0", NULL);
	/* A good key, and a tunnel without one, pass. */
	assert_int_equal(count_rule(&f, "HA019"), 2);
	for (size_t i = 0; i < f.n; i++) {
		assert_null(strstr(f.v[i].message, "Ab3.x"));
		assert_null(strstr(f.v[i].message, "0Abcdefghij"));
		assert_null(strstr(f.v[i].fix, "Ab3.x"));
	}
	findings_free(&f);
	secrets_free(&s);
	design_free(&d);
}

static void
test_ha019_good_or_no_secrets(void **state)
{
	struct design *d = support_load_text(CLEAN);
	struct secrets *s = secrets_new();
	struct error none = ERROR_INIT;
	struct findings f;

	(void)state;
	secrets_set_psk(s, "vpn1", 1, "Good_key.1234");
	secrets_set_psk(s, "vpn1", 2, "another.Key_99");
	check_design(d, s, &none, &f);
	expect_none(&f, "HA019");
	findings_free(&f);
	check_design(d, NULL, NULL, &f);
	expect_none(&f, "HA019");
	findings_free(&f);
	secrets_free(&s);
	design_free(&d);
}

static void
test_ha019_secrets_load_error(void **state)
{
	struct design *d = support_load_text(CLEAN);
	struct secrets *s = NULL;
	struct error serr = ERROR_INIT;
	struct findings f;
	const struct finding *x;

	(void)state;
	assert_int_equal(secrets_load_string("version = 2;\ntunnels = ( { "
	    "connection = \"vpn1\"; tunnel = 1; psk = \"my;secret\"; } );\n",
	    "t.secrets", &s, &serr), -1);
	assert_null(s);
	check_design(d, NULL, &serr, &f);
	x = expect(&f, "HA019", RULE_SEVERITY_ERROR, "vpc:v", NULL);
	assert_string_equal(x->message, "the secrets file cannot be used: "
	    "t.secrets:1: version: must be 1 (this hatopo reads version 1 "
	    "secrets files) (and 1 more problem)");
	assert_int_equal(count_rule(&f, "HA019"), 1);
	for (size_t i = 0; i < f.n; i++)
		assert_null(strstr(f.v[i].message, "my;secret"));
	findings_free(&f);
	error_clear(&serr);
	design_free(&d);
}

/* ---- HA020 resiliency model, HA021 VPN backup ------------------------ */

#define DX_ADV ADV("10.0.0.0/15")
#define FOUR_DEVS DEVICES(R1 ", " R1B ", " R2 ", " R2B)

static void
test_ha020_maximum(void **state)
{
	struct findings f;
	const struct finding *x;

	(void)state;
	/* Two locations, each with two connections on separate devices. */
	check_text(TOP("vgw", "") FOUR_DEVS CONNS(
	    DX("dx1", "r1", "L1", "P1", "0", DX_ADV) ", "
	    DX("dx2", "r1b", "L1", "P2", "4", DX_ADV) ", "
	    DX("dx3", "r2", "L2", "P1", "8", DX_ADV) ", "
	    DX("dx4", "r2b", "L2", "P2", "12", DX_ADV)), &f);
	x = expect(&f, "HA020", RULE_SEVERITY_INFO, "vpc:v", NULL);
	assert_string_equal(x->message, "Direct Connect resiliency: maximum "
	    "resiliency (4 DX connections in 2 locations: L1, L2), with AWS's "
	    "99.99% SLA");
	findings_free(&f);
}

static void
test_ha020_maximum_with_a_third_location(void **state)
{
	struct findings f;

	(void)state;
	/* A single connection in a third location takes nothing away. */
	check_text(TOP("vgw", "") FOUR_DEVS CONNS(
	    DX("dx1", "r1", "L1", "P1", "0", DX_ADV) ", "
	    DX("dx2", "r1b", "L1", "P2", "4", DX_ADV) ", "
	    DX("dx3", "r2", "L2", "P1", "8", DX_ADV) ", "
	    DX("dx4", "r2b", "L2", "P2", "12", DX_ADV) ", "
	    DX("dx5", "r2", "L3", "P1", "16", DX_ADV)), &f);
	expect(&f, "HA020", RULE_SEVERITY_INFO, "vpc:v", "maximum resiliency "
	    "(5 DX connections in 3 locations: L1, L2, L3)", "99.99%", NULL);
	findings_free(&f);
}

static void
test_ha020_high(void **state)
{
	struct findings f;

	(void)state;
	check_text(HEAD("vgw", "") CONNS(
	    DX("dx1", "r1", "L1", "P1", "0", DX_ADV) ", "
	    DX("dx2", "r2", "L2", "P2", "4", DX_ADV)), &f);
	expect(&f, "HA020", RULE_SEVERITY_INFO, "vpc:v", "high resiliency (2 DX "
	    "connections in 2 locations: L1, L2), with AWS's 99.9% SLA", NULL);
	findings_free(&f);
}

static void
test_ha020_hosted_speed(void **state)
{
	struct findings f;

	(void)state;
	/* The SLA is for dedicated connections; 500 Mbps is hosted only. */
	check_text(HEAD("vgw", "") CONNS(
	    DX("dx1", "r1", "L1", "P1", "0", DX_ADV) ", "
	    DXO("dx2", "r2", "L2", "P2", "4", "0.5", "bfd = true;", DX_ADV)),
	    &f);
	expect(&f, "HA020", RULE_SEVERITY_INFO, "vpc:v", "high resiliency",
	    "with AWS's 99.9% SLA; the SLA covers dedicated connections only, "
	    "and dx2's 0.5 Gbps is a hosted speed", NULL);
	findings_free(&f);
	/* A 1 Gbps port may be dedicated: nothing to say. */
	check_text(HEAD("vgw", "") CONNS(
	    DX("dx1", "r1", "L1", "P1", "0", DX_ADV) ", "
	    DXO("dx2", "r2", "L2", "P2", "4", "1.0", "bfd = true;", DX_ADV)),
	    &f);
	assert_null(strstr(find(&f, "HA020", "vpc:v")->message, "hosted"));
	findings_free(&f);
}

static void
test_ha020_high_when_devices_are_shared(void **state)
{
	struct findings f;

	(void)state;
	/* Two connections per location, but each pair on one device. */
	check_text(HEAD("vgw", "") CONNS(
	    DX("dx1", "r1", "L1", "P1", "0", DX_ADV) ", "
	    DX("dx2", "r1", "L1", "P2", "4", DX_ADV) ", "
	    DX("dx3", "r2", "L2", "P1", "8", DX_ADV) ", "
	    DX("dx4", "r2", "L2", "P2", "12", DX_ADV)), &f);
	expect(&f, "HA020", RULE_SEVERITY_INFO, "vpc:v", "high resiliency",
	    "99.9% SLA", NULL);
	findings_free(&f);
}

static void
test_ha020_development_and_test(void **state)
{
	struct findings f;

	(void)state;
	check_text(HEAD("vgw", "") CONNS(
	    DX("dx1", "r1", "L1", "P1", "0", DX_ADV) ", "
	    DX("dx2", "r2", "L1", "P2", "4", DX_ADV)), &f);
	expect(&f, "HA020", RULE_SEVERITY_INFO, "vpc:v", "development and test "
	    "(2 DX connections in 1 location: L1), with no SLA", NULL);
	findings_free(&f);
}

static void
test_ha020_none(void **state)
{
	struct findings f;

	(void)state;
	check_text(HEAD("vgw", "") CONNS(
	    DX("dx1", "r1", "L1", "P1", "0", DX_ADV)), &f);
	expect(&f, "HA020", RULE_SEVERITY_INFO, "vpc:v", "no resiliency model "
	    "(1 DX connection in 1 location: L1), with no SLA beyond a single "
	    "connection's (95%)", NULL);
	findings_free(&f);
	/* Two connections on one device in one location: still none. */
	check_text(HEAD("vgw", "") CONNS(
	    DX("dx1", "r1", "L1", "P1", "0", DX_ADV) ", "
	    DX("dx2", "r1", "L1", "P2", "4", DX_ADV)), &f);
	expect(&f, "HA020", RULE_SEVERITY_INFO, "vpc:v", "no resiliency model "
	    "(2 DX connections in 1 location: L1)", NULL);
	findings_free(&f);
}

static void
test_ha020_no_dx(void **state)
{
	struct findings f;

	(void)state;
	check_text(CLEAN, &f);
	expect_none(&f, "HA020");
	expect_none(&f, "HA021");
	findings_free(&f);
}

static void
test_ha021_dx_without_vpn(void **state)
{
	struct findings f;

	(void)state;
	check_text(HEAD("vgw", "") CONNS(
	    DX("dx1", "r1", "L1", "P1", "0", DX_ADV) ", "
	    DX("dx2", "r2", "L2", "P2", "4", DX_ADV)), &f);
	expect(&f, "HA021", RULE_SEVERITY_INFO, "vpc:v",
	    "the design has 2 DX connections and no VPN backup", NULL);
	findings_free(&f);
}

static void
test_ha021_with_vpn_backup(void **state)
{
	struct findings f;

	(void)state;
	check_text(HEAD("vgw", "") CONNS(
	    DX("dx1", "r1", "L1", "P1", "0", DX_ADV) ", "
	    VPN("vpn1", "r2", "10", "bgp", DX_ADV)), &f);
	expect_none(&f, "HA021");
	findings_free(&f);
}

/* ---- HA022 crypto, HA023 IPv6 over a VGW ----------------------------- */

static void
test_ha022_ikev1(void **state)
{
	struct findings f;

	(void)state;
	check_text(HEAD("vgw", "") CONNS(
	    VPNO("vpn1", "r1", "10", "bgp", "ike = { version = 1; };",
	    ADV("10.0.0.0/15") ", " ADV("10.0.0.0/16")) ", "
	    VPN("vpn2", "r2", "11", "bgp", ADV("10.0.0.0/15") ", "
	    ADV("10.1.0.0/16"))), &f);
	expect(&f, "HA022", RULE_SEVERITY_WARNING, "connection:vpn1",
	    "vpn1 allows weak crypto: IKEv1", NULL);
	assert_int_equal(count_rule(&f, "HA022"), 1);
	findings_free(&f);
}

static void
test_ha022_sha1_dh2_no_pfs(void **state)
{
	struct findings f;

	(void)state;
	check_text(HEAD("vgw", "") CONNS(
	    VPNO("vpn1", "r1", "10", "bgp", "ike = { version = 2; phase1 = { "
	    "encryption = [\"aes128\"]; integrity = [\"sha1\"]; dh = [2]; }; "
	    "phase2 = { encryption = [\"aes128\"]; integrity = [\"sha2-256\"]; "
	    "pfs = []; }; };", ADV("10.0.0.0/15") ", " ADV("10.0.0.0/16")) ", "
	    VPN("vpn2", "r2", "11", "bgp", ADV("10.0.0.0/15") ", "
	    ADV("10.1.0.0/16"))), &f);
	expect(&f, "HA022", RULE_SEVERITY_WARNING, "connection:vpn1",
	    "vpn1 allows weak crypto: SHA1, DH group 2 or 5, no PFS", NULL);
	findings_free(&f);
}

static void
test_ha022_defaults_are_strong(void **state)
{
	struct findings f;

	(void)state;
	check_text(CLEAN, &f);
	expect_none(&f, "HA022");
	findings_free(&f);
}

#define V6(gw) \
	TOPX(gw, "64512", "", "\"10.0.0.0/16\", \"2001:db8:1::/48\"", \
	"\"10.1.0.0/16\"", "10.0") DEVICES(R1 ", " R2) CONNS( \
	VPN("vpn1", "r1", "10", "bgp", ADV("10.0.0.0/15") ", " \
	ADV("10.0.0.0/16") ", " ADV("2001:db8:1::/48")) ", " \
	VPN("vpn2", "r2", "11", "bgp", ADV("10.0.0.0/15") ", " \
	ADV("10.1.0.0/16") ", " ADVP("2001:db8:1::/48", "2")))

static void
test_ha023_ipv6_over_vgw(void **state)
{
	struct findings f;

	(void)state;
	check_text(V6("vgw"), &f);
	expect(&f, "HA023", RULE_SEVERITY_ERROR, "connection:vpn1",
	    "vpn1 carries 2001:db8:1::/48, but a virtual private gateway "
	    "carries no IPv6", NULL);
	expect(&f, "HA023", RULE_SEVERITY_ERROR, "connection:vpn2", NULL);
	/* AWS never learns the prefix: it is lost, and said once. */
	expect(&f, "HA002", RULE_SEVERITY_ERROR, "datacenter:dc1",
	    "even with nothing failed", "2001:db8:1::/48", NULL);
	findings_free(&f);
}

static void
test_ha023_ipv6_over_tgw(void **state)
{
	struct findings f;

	(void)state;
	check_text(V6("tgw"), &f);
	expect_none(&f, "HA023");
	expect_none(&f, "HA002");
	findings_free(&f);
}

/* ---- overrides ------------------------------------------------------- */

#define OVERRIDABLE \
	HEAD("vgw", "") CONNS( \
	VPN("vpn1", "r1", "10", "static", ADV("10.0.0.0/15")) ", " \
	DXO("dx1", "r2", "L1", "P1", "0", "10.0", "", ADV("10.0.0.0/15")))

static void
test_overrides_change_the_report(void **state)
{
	struct findings f;

	(void)state;
	check_text(OVERRIDABLE, &f);
	expect(&f, "HA001", RULE_SEVERITY_WARNING, "connection:vpn1", NULL);
	expect(&f, "HA016", RULE_SEVERITY_INFO, "connection:dx1", NULL);
	/* HA002 (the WAN link), HA001; HA016 and HA020. */
	assert_int_equal(f.counts[0], 1);
	assert_int_equal(f.counts[1], 1);
	assert_int_equal(f.counts[2], 2);
	findings_free(&f);
	check_text(OVERRIDABLE "rules = { HA016 = \"off\"; HA001 = \"error\"; "
	    "HA020 = \"warning\"; };\n", &f);
	expect_none(&f, "HA016");
	expect(&f, "HA001", RULE_SEVERITY_ERROR, "connection:vpn1", NULL);
	expect(&f, "HA020", RULE_SEVERITY_WARNING, "vpc:v", NULL);
	expect(&f, "HA002", RULE_SEVERITY_ERROR, "wan:dc1-dc2", NULL);
	assert_int_equal(f.counts[0], 2);
	assert_int_equal(f.counts[1], 1);
	assert_int_equal(f.counts[2], 0);
	findings_free(&f);
}

static void
test_overrides_every_rule_off(void **state)
{
	struct design *d = support_load_text(NO_SUMMARY);
	struct findings f;

	(void)state;
	for (size_t i = 0; i < DESIGN_RULE_COUNT; i++)
		d->rules[i] = RULE_SEVERITY_OFF;
	check_design(d, NULL, NULL, &f);
	assert_int_equal(f.n, 0);
	findings_free(&f);
	/* HA007 alone still runs the failure sweep HA002 shares. */
	d->rules[6] = RULE_SEVERITY_DEFAULT;
	check_design(d, NULL, NULL, &f);
	assert_int_equal(f.n, 0);
	findings_free(&f);
	d->rules[1] = RULE_SEVERITY_INFO;
	check_design(d, NULL, NULL, &f);
	assert_true(f.n > 0);
	assert_int_equal(f.counts[2], f.n);
	findings_free(&f);
	design_free(&d);
}

static void
test_overrides_unknown_rule(void **state)
{
	struct error err = ERROR_INIT;
	struct design *d = NULL;
	char *s;

	(void)state;
	assert_int_equal(design_load_string(CLEAN "rules = { HA099 = \"off\"; "
	    "HA001 = \"loud\"; };\n", "test", &d, &err), -1);
	assert_null(d);
	s = error_string(&err);
	assert_non_null(strstr(s, "rules.HA099: unknown rule (rules are HA001 "
	    "to HA023)"));
	assert_non_null(strstr(s, "rules.HA001: \"loud\" is not one of \"off\", "
	    "\"info\", \"warning\", \"error\""));
	/* FILE:LINE in front. */
	assert_int_equal(strncmp(s, "test:", 5), 0);
	free(s);
	error_clear(&err);
}

/* ---- order ----------------------------------------------------------- */

/* Many findings of several rules. */
#define BUSY \
	TOP("vgw", "") DEVICES(R1 ", " DEV("r2", "dc2", "65002", \
	"203.0.113.2", "ia")) CONNS( \
	VPN("vpn2", "r2", "11", "static", ADV("10.0.0.0/14")) ", " \
	VPN("vpn1", "r1", "10", "static", ADV("10.0.0.0/14")) ", " \
	DXO("dx1", "r1", "L1", "P1", "0", "1.0", "", ADV("10.0.0.0/16")) ", " \
	DXO("dx2", "r2", "L1", "P1", "4", "1.0", "", ADV("10.1.0.0/16"))) \
	TRAFFIC(T("10.0.0.0/16", "2.0", "1.0") ", " \
	T("10.1.0.0/16", "0.8", "0.5"))

static void
test_order_rule_then_subject(void **state)
{
	struct findings f;

	(void)state;
	check_text(BUSY, &f);
	assert_true(f.n >= 10);
	for (size_t i = 1; i < f.n; i++) {
		int c = strcmp(f.v[i - 1].rule, f.v[i].rule);

		if (c > 0 || (c == 0 && strcmp(f.v[i - 1].subject,
		    f.v[i].subject) > 0))
			fail_msg("out of order at %zu:\n%s", i, dump(&f));
	}
	/* HA001's two subjects sorted, though vpn2 comes first in the file. */
	assert_string_equal(f.v[0].rule, "HA001");
	assert_string_equal(f.v[0].subject, "connection:vpn1");
	assert_string_equal(f.v[1].subject, "connection:vpn2");
	findings_free(&f);
}

static void
test_order_is_stable(void **state)
{
	struct design *d = support_load_text(BUSY);
	struct findings a, b;
	char *ta, *tb, *ja, *jb;

	(void)state;
	check_design(d, NULL, NULL, &a);
	check_design(d, NULL, NULL, &b);
	ta = findings_text(d, &a, false);
	tb = findings_text(d, &b, false);
	ja = findings_json(d, &a);
	jb = findings_json(d, &b);
	assert_string_equal(ta, tb);
	assert_string_equal(ja, jb);
	free(ta);
	free(tb);
	free(ja);
	free(jb);
	findings_free(&a);
	findings_free(&b);
	design_free(&d);
}

static void
test_random_designs(void **state)
{
	size_t total = 0;

	(void)state;
	/* Every rule over designs with every feature: sorted, counted,
	 * repeatable, and every subject a component ID of the design. */
	for (uint64_t seed = 1; seed <= 150; seed++) {
		struct design *d = gen_random(seed);
		struct engine *e = engine_new(d);
		struct findings a, b;
		char *ta, *tb;
		int counts[3] = { 0, 0, 0 };

		rule_run(d, e, NULL, NULL, &a);
		rule_run(d, e, NULL, NULL, &b);
		ta = findings_text(d, &a, false);
		tb = findings_text(d, &b, false);
		assert_string_equal(ta, tb);
		for (size_t i = 0; i < a.n; i++) {
			const struct finding *x = &a.v[i];
			int r = design_rule_index(x->rule);

			assert_true(r >= 0);
			assert_true(x->message[0] != '\0' && x->fix[0] != '\0');
			assert_null(strchr(x->message, '\n'));
			if (strncmp(x->subject, "vpc:", 4) != 0 &&
			    !design_component_exists(d, x->subject))
				fail_msg("seed %llu: %s subject %s is no component",
				    (unsigned long long)seed, x->rule, x->subject);
			if (i > 0) {
				int c = strcmp(a.v[i - 1].rule, x->rule);

				assert_true(c < 0 || (c == 0 && strcmp(a.v[i - 1].subject,
				    x->subject) <= 0));
			}
			counts[x->severity == RULE_SEVERITY_ERROR ? 0 :
			    x->severity == RULE_SEVERITY_WARNING ? 1 : 2]++;
		}
		assert_memory_equal(counts, a.counts, sizeof counts);
		total += a.n;
		free(ta);
		free(tb);
		findings_free(&a);
		findings_free(&b);
		engine_free(&e);
		design_free(&d);
	}
	assert_true(total > 150);
}

/* ---- the samples ----------------------------------------------------- */

/* Exactly these rule/subject pairs, in this order. */
static void
expect_exactly(const struct findings *f, const char *const *pairs, size_t n)
{
	if (f->n != n)
		fail_msg("%zu findings, wanted %zu:\n%s", f->n, n, dump(f));
	for (size_t i = 0; i < n; i++)
		if (strcmp(f->v[i].rule, pairs[2 * i]) != 0 ||
		    strcmp(f->v[i].subject, pairs[2 * i + 1]) != 0)
			fail_msg("finding %zu is %s %s, wanted %s %s", i, f->v[i].rule,
			    f->v[i].subject, pairs[2 * i], pairs[2 * i + 1]);
}

static void
test_sample_multi_dc(void **state)
{
	static const char *const want[] = {
		"HA002", "wan:dc1-dc2",
		"HA007", "connection:vpn1",
		"HA020", "vpc:prod",
	};
	struct design *d = support_load_file("samples/multi-dc.cfg");
	struct findings f;

	(void)state;
	check_design(d, NULL, NULL, &f);
	expect_exactly(&f, want, 3);
	expect(&f, "HA002", RULE_SEVERITY_ERROR, "wan:dc1-dc2",
	    "single point of failure: wan:dc1-dc2 blackholes 10.0.0.0/16: AWS "
	    "still sends it to dc2 over dx1 (10.0.0.0/15), and dc2 has no path "
	    "to dc1", NULL);
	expect(&f, "HA007", RULE_SEVERITY_ERROR, "connection:vpn1",
	    "connection:dx1 puts 3.5 Gbps toward on premises on vpn1, whose "
	    "tunnel carries 1.25 Gbps (2.25 Gbps over", NULL);
	expect(&f, "HA020", RULE_SEVERITY_INFO, "vpc:prod",
	    "no resiliency model (1 DX connection in 1 location: EqDC2)", NULL);
	assert_int_equal(f.counts[0], 2);
	assert_int_equal(f.counts[1], 0);
	assert_int_equal(f.counts[2], 1);
	findings_free(&f);
	design_free(&d);
}

static void
test_sample_vpn_active_active(void **state)
{
	struct design *d = support_load_file("samples/vpn-active-active.cfg");
	struct findings f;

	(void)state;
	check_design(d, NULL, NULL, &f);
	expect_exactly(&f, NULL, 0);
	findings_free(&f);
	design_free(&d);
}

static void
test_sample_dx_active_active(void **state)
{
	static const char *const want[] = {
		"HA020", "vpc:prod",
		"HA021", "vpc:prod",
	};
	struct design *d = support_load_file("samples/dx-active-active.cfg");
	struct findings f;

	(void)state;
	check_design(d, NULL, NULL, &f);
	expect_exactly(&f, want, 2);
	expect(&f, "HA020", RULE_SEVERITY_INFO, "vpc:prod", "high resiliency "
	    "(2 DX connections in 2 locations: EqDC2, CSVA1), with AWS's 99.9% "
	    "SLA", NULL);
	expect(&f, "HA021", RULE_SEVERITY_INFO, "vpc:prod", "2 DX connections",
	    NULL);
	assert_int_equal(f.counts[0], 0);
	assert_int_equal(f.counts[1], 0);
	assert_int_equal(f.counts[2], 2);
	findings_free(&f);
	design_free(&d);
}

/* ---- output ---------------------------------------------------------- */

static void
test_json_shape(void **state)
{
	struct design *d = support_load_file("samples/multi-dc.cfg");
	struct findings f;
	json_error_t jerr;
	json_t *root, *arr, *counts;
	char *s;

	(void)state;
	d->rules[0] = RULE_SEVERITY_ERROR;  /* no effect: no static VPN */
	check_design(d, NULL, NULL, &f);
	s = findings_json(d, &f);
	root = json_loads(s, 0, &jerr);
	if (root == NULL)
		fail_msg("not JSON: %s\n%s", jerr.text, s);
	assert_string_equal(json_string_value(json_object_get(root, "design")),
	    d->name);
	arr = json_object_get(root, "findings");
	assert_true(json_is_array(arr));
	assert_int_equal(json_array_size(arr), f.n);
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *o = json_array_get(arr, i);
		static const char *const keys[] = { "rule", "severity", "subject",
			"message", "fix" };

		assert_int_equal(json_object_size(o), 5);
		for (size_t k = 0; k < 5; k++)
			assert_true(json_is_string(json_object_get(o, keys[k])));
		assert_string_equal(json_string_value(json_object_get(o, "rule")),
		    f.v[i].rule);
		assert_string_equal(json_string_value(json_object_get(o,
		    "subject")), f.v[i].subject);
		assert_string_equal(json_string_value(json_object_get(o,
		    "message")), f.v[i].message);
	}
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(arr, 0), "severity")), "error");
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(arr, 2), "severity")), "info");
	counts = json_object_get(root, "counts");
	assert_int_equal(json_integer_value(json_object_get(counts, "error")), 2);
	assert_int_equal(json_integer_value(json_object_get(counts, "warning")),
	    0);
	assert_int_equal(json_integer_value(json_object_get(counts, "info")), 1);
	json_decref(root);
	free(s);
	findings_free(&f);
	design_free(&d);
}

static void
test_json_empty(void **state)
{
	struct design *d = support_load_file("samples/vpn-active-active.cfg");
	struct findings f;
	json_error_t jerr;
	json_t *root;
	char *s;

	(void)state;
	check_design(d, NULL, NULL, &f);
	s = findings_json(d, &f);
	assert_non_null(root = json_loads(s, 0, &jerr));
	assert_int_equal(json_array_size(json_object_get(root, "findings")), 0);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(
	    root, "counts"), "error")), 0);
	json_decref(root);
	free(s);
	findings_free(&f);
	design_free(&d);
}

static void
test_text_and_markdown(void **state)
{
	struct design *d = support_load_file("samples/multi-dc.cfg");
	struct findings f;
	char *plain, *colour, *md;

	(void)state;
	check_design(d, NULL, NULL, &f);
	plain = findings_text(d, &f, false);
	colour = findings_text(d, &f, true);
	md = findings_markdown(d, &f);
	assert_non_null(strstr(plain, "Two data centers, DX primary with VPN "
	    "backup: 2 errors, 0 warnings, 1 info\n"));
	assert_non_null(strstr(plain, "\nErrors\n  HA002 wan:dc1-dc2\n"));
	assert_non_null(strstr(plain, "        Fix: "));
	assert_null(strchr(plain, '\033'));
	assert_non_null(strstr(colour, "\033[1;31mErrors\033[0m"));
	assert_non_null(strstr(md, "| HA007 | connection:vpn1 | "));
	assert_non_null(strstr(md, "## Information\n"));
	free(plain);
	free(colour);
	free(md);
	findings_free(&f);
	design_free(&d);
}

static void
test_no_secret_in_any_output(void **state)
{
	static const char *const keys[] = { "Known_PSK.2024xyz", "Other.key_77",
		"shrt1", "0Zeroes.first", "Md5Secret_123" };
	struct design *d = support_load_text(CLEAN);
	struct secrets *s = secrets_new();
	struct findings f;
	char *out[3];

	(void)state;
	secrets_set_psk(s, "vpn1", 1, keys[0]);
	secrets_set_psk(s, "vpn1", 2, keys[1]);
	secrets_set_psk(s, "vpn2", 1, keys[2]);
	secrets_set_psk(s, "vpn2", 2, keys[3]);
	secrets_set_md5(s, "vpn1", keys[4]);
	check_design(d, s, NULL, &f);
	/* The bad keys are reported, by tunnel. */
	expect(&f, "HA019", RULE_SEVERITY_ERROR, "tunnel:vpn2/1", NULL);
	expect(&f, "HA019", RULE_SEVERITY_ERROR, "tunnel:vpn2/2", NULL);
	out[0] = findings_text(d, &f, true);
	out[1] = findings_markdown(d, &f);
	out[2] = findings_json(d, &f);
	for (size_t i = 0; i < 3; i++) {
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
			if (strstr(out[i], keys[k]) != NULL)
				fail_msg("the key %s shows in:\n%s", keys[k], out[i]);
		free(out[i]);
	}
	findings_free(&f);
	secrets_free(&s);
	design_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalogue),
		cmocka_unit_test(test_clean_design_passes),
		cmocka_unit_test(test_ha001_static_vpn),
		cmocka_unit_test(test_ha001_bgp_is_quiet),
		cmocka_unit_test(test_ha002_component),
		cmocka_unit_test(test_ha002_summary_fixes_it),
		cmocka_unit_test(test_ha002_risk_group),
		cmocka_unit_test(test_ha002_risk_group_of_one),
		cmocka_unit_test(test_ha002_datacenter_without_a_way),
		cmocka_unit_test(test_ha002_datacenter_with_its_own_connection),
		cmocka_unit_test(test_ha002_baseline_reported_once),
		cmocka_unit_test(test_ha003_one_provider),
		cmocka_unit_test(test_ha003_two_providers),
		cmocka_unit_test(test_ha003_single_dx_is_quiet),
		cmocka_unit_test(test_ha004_one_location),
		cmocka_unit_test(test_ha004_two_locations),
		cmocka_unit_test(test_ha005_one_device),
		cmocka_unit_test(test_ha005_two_devices),
		cmocka_unit_test(test_ha006_unsteered_vpn),
		cmocka_unit_test(test_ha006_prepending_steers),
		cmocka_unit_test(test_ha006_dx_ecmp_across_data_centers),
		cmocka_unit_test(test_ha007_after_a_failure),
		cmocka_unit_test(test_ha007_within_capacity),
		cmocka_unit_test(test_ha007_baseline),
		cmocka_unit_test(test_ha007_baseline_and_worse_after_a_failure),
		cmocka_unit_test(test_ha007_wan_link),
		cmocka_unit_test(test_ha007_tgw_ecmp_tunnels),
		cmocka_unit_test(test_ha008_summary_too_wide),
		cmocka_unit_test(test_ha008_gaps_between_data_centers),
		cmocka_unit_test(test_ha008_many_blocks),
		cmocka_unit_test(test_ha008_advert_nobody_originates),
		cmocka_unit_test(test_ha008_ipv6),
		cmocka_unit_test(test_ha008_exact_summary),
		cmocka_unit_test(test_ha009_one_tunnel),
		cmocka_unit_test(test_ha009_disabled_tunnel),
		cmocka_unit_test(test_ha009_two_tunnels),
		cmocka_unit_test(test_ha010_one_isp),
		cmocka_unit_test(test_ha010_two_isps),
		cmocka_unit_test(test_ha011_prepend_to_prefer_vpn),
		cmocka_unit_test(test_ha011_more_specific_vpn),
		cmocka_unit_test(test_ha011_prepend_between_dx),
		cmocka_unit_test(test_ha011_static_vpn),
		cmocka_unit_test(test_ha011_tgw_static_is_ha018),
		cmocka_unit_test(test_ha012_vgw_vpn),
		cmocka_unit_test(test_ha012_tgw_vpn),
		cmocka_unit_test(test_ha012_dx),
		cmocka_unit_test(test_ha012_ipv6),
		cmocka_unit_test(test_ha012_static_routes),
		cmocka_unit_test(test_ha013_duplicate_on_vgw),
		cmocka_unit_test(test_ha013_duplicate_on_tgw_other_device),
		cmocka_unit_test(test_ha013_duplicate_on_tgw_same_device),
		cmocka_unit_test(test_ha013_bad_inside_in_memory),
		cmocka_unit_test(test_ha013_unique),
		cmocka_unit_test(test_ha014_aws_asn_out_of_range),
		cmocka_unit_test(test_ha014_legacy_asn),
		cmocka_unit_test(test_ha014_four_byte_asn),
		cmocka_unit_test(test_ha014_customer_asn_equals_aws),
		cmocka_unit_test(test_ha015_overlap),
		cmocka_unit_test(test_ha015_no_overlap),
		cmocka_unit_test(test_ha016_no_bfd),
		cmocka_unit_test(test_ha016_bfd),
		cmocka_unit_test(test_ha017_asymmetric),
		cmocka_unit_test(test_ha017_local_pref_matches),
		cmocka_unit_test(test_ha017_one_of),
		cmocka_unit_test(test_ha018_static_equal_to_dx),
		cmocka_unit_test(test_ha018_static_less_specific),
		cmocka_unit_test(test_ha018_vgw),
		cmocka_unit_test(test_ha019_short_psk),
		cmocka_unit_test(test_ha019_good_or_no_secrets),
		cmocka_unit_test(test_ha019_secrets_load_error),
		cmocka_unit_test(test_ha020_maximum),
		cmocka_unit_test(test_ha020_maximum_with_a_third_location),
		cmocka_unit_test(test_ha020_high),
		cmocka_unit_test(test_ha020_hosted_speed),
		cmocka_unit_test(test_ha020_high_when_devices_are_shared),
		cmocka_unit_test(test_ha020_development_and_test),
		cmocka_unit_test(test_ha020_none),
		cmocka_unit_test(test_ha020_no_dx),
		cmocka_unit_test(test_ha021_dx_without_vpn),
		cmocka_unit_test(test_ha021_with_vpn_backup),
		cmocka_unit_test(test_ha022_ikev1),
		cmocka_unit_test(test_ha022_sha1_dh2_no_pfs),
		cmocka_unit_test(test_ha022_defaults_are_strong),
		cmocka_unit_test(test_ha023_ipv6_over_vgw),
		cmocka_unit_test(test_ha023_ipv6_over_tgw),
		cmocka_unit_test(test_overrides_change_the_report),
		cmocka_unit_test(test_overrides_every_rule_off),
		cmocka_unit_test(test_overrides_unknown_rule),
		cmocka_unit_test(test_order_rule_then_subject),
		cmocka_unit_test(test_order_is_stable),
		cmocka_unit_test(test_random_designs),
		cmocka_unit_test(test_sample_multi_dc),
		cmocka_unit_test(test_sample_vpn_active_active),
		cmocka_unit_test(test_sample_dx_active_active),
		cmocka_unit_test(test_json_shape),
		cmocka_unit_test(test_json_empty),
		cmocka_unit_test(test_text_and_markdown),
		cmocka_unit_test(test_no_secret_in_any_output),
	};

	return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
