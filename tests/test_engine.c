/* The route engine: AWS's route selection, failures, capacity, and the
 * incremental evaluation against the from-scratch one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/engine.h"
#include "model/matrix.h"
#include "tools/gen.h"
#include "tests/support.h"

/* Common head of the small designs below: a VPC, two data centers joined
 * by a WAN link, one device in each. */
#define HEAD(gw, extra) \
	"version = 1; name = \"t\";\n" \
	"vpc = { name = \"v\"; cidrs = [\"172.31.0.0/16\"]; gateway = \"" gw \
	"\"; asn = 64512; " extra " };\n" \
	"datacenters = ( { name = \"dc1\"; prefixes = [\"10.0.0.0/16\"]; },\n" \
	"  { name = \"dc2\"; prefixes = [\"10.1.0.0/16\"]; } );\n" \
	"wan = ( { a = \"dc1\"; b = \"dc2\"; gbps = 10.0; } );\n" \
	"devices = ( { name = \"r1\"; dc = \"dc1\"; vendor = \"frr\"; " \
	"asn = 65001; public_ip = \"203.0.113.1\"; isp = \"ia\"; },\n" \
	"  { name = \"r2\"; dc = \"dc2\"; vendor = \"junos\"; asn = 65002; " \
	"public_ip = \"203.0.113.2\"; isp = \"ib\"; } );\n"

#define VPN(n, dev, t, routing, adv) \
	"{ name = \"" n "\"; type = \"vpn\"; device = \"" dev "\"; routing = \"" \
	routing "\"; tunnels = ( { inside = \"169.254." t ".0/30\"; }, " \
	"{ inside = \"169.254." t ".4/30\"; } ); advertise = ( " adv " ); }"

#define DX(n, dev, loc, prov, peer, adv) \
	"{ name = \"" n "\"; type = \"dx\"; device = \"" dev "\"; location = \"" \
	loc "\"; provider = \"" prov "\"; gbps = 10.0; vlan = 100; peer = " \
	"\"169.254.100." peer "/30\"; advertise = ( " adv " ); }"

struct fixture {
	struct design *d;
	struct engine *e;
	struct engine_result r;
};

static void
open_design(struct fixture *f, struct design *d)
{
	f->d = d;
	f->e = engine_new(d);
	engine_result_init(&f->r);
}

static void
close_design(struct fixture *f)
{
	engine_result_free(&f->r);
	engine_free(&f->e);
	design_free(&f->d);
}

/* Evaluate a scenario given as "ID,ID" ("" for the baseline), both ways,
 * and check they agree before returning the incremental result. */
static void
run(struct fixture *f, const char *fail)
{
	size_t *failed = NULL, n = 0;
	struct engine_result full;
	struct error err = ERROR_INIT;

	if (*fail && engine_parse_failures(f->e, fail, &failed, &n, &err) != 0)
		fail_msg("bad scenario %s", fail);
	engine_result_init(&full);
	engine_eval_full(f->e, failed, n, &full);
	engine_eval(f->e, failed, n, &f->r);
	for (size_t i = 0; i < full.ndests; i++)
		assert_int_equal(full.dests[i].status, f->r.dests[i].status);
	assert_int_equal(full.bad, f->r.bad);
	engine_result_free(&full);
	free(failed);
}

static int
dest_index(struct fixture *f, const char *prefix)
{
	char buf[PREFIX_STRLEN];

	for (size_t i = 0; i < engine_dest_count(f->e); i++)
		if (strcmp(prefix_format(engine_dest_prefix(f->e, i), buf,
		    sizeof buf), prefix) == 0)
			return (int)i;
	fail_msg("no destination %s", prefix);
	return -1;
}

/* "vpn1+vpn2" */
static char *
via_text(struct fixture *f, uint32_t off, uint32_t n)
{
	static char buf[256];

	buf[0] = '\0';
	for (uint32_t a = 0; a < n; a++) {
		if (a)
			strcat(buf, "+");
		strcat(buf, f->d->conns[f->r.pool[off + a]].name);
	}
	return buf;
}

static void
expect_dest(struct fixture *f, const char *prefix, const char *status,
    const char *via, const char *mode)
{
	const struct engine_dest *x = &f->r.dests[dest_index(f, prefix)];

	assert_string_equal(engine_status_name(x->status), status);
	assert_string_equal(via_text(f, x->via_off, x->nvia), via);
	if (mode)
		assert_string_equal(engine_mode_name(x->mode), mode);
}

static void
expect_dc(struct fixture *f, const char *dc, const char *status,
    const char *via)
{
	const struct engine_dc *x = &f->r.dcs[design_find_dc(f->d, dc)];

	assert_string_equal(engine_status_name(x->status), status);
	assert_string_equal(via_text(f, x->via_off, x->nvia), via);
}

static double
load_of(struct fixture *f, const char *id, bool toward_aws)
{
	for (size_t el = 0; el < engine_elem_count(f->e); el++)
		if (strcmp(engine_elem_id(f->e, el), id) == 0 &&
		    engine_elem_toward_aws(f->e, el) == toward_aws)
			return f->r.load[el];
	fail_msg("no element %s", id);
	return -1;
}

/* A WAN link's load from a to b (dir 0) or b to a (dir 1). */
static double
wan_load(struct fixture *f, const char *id, int dir)
{
	for (size_t el = 0; el < engine_elem_count(f->e); el++)
		if (strcmp(engine_elem_id(f->e, el), id) == 0)
			return f->r.load[el + (size_t)dir];
	fail_msg("no element %s", id);
	return -1;
}

/* ---- the brief's three configurations --------------------------------- */

static void
test_multi_dc_baseline(void **state)
{
	struct fixture f;

	(void)state;
	open_design(&f, support_load_file("samples/multi-dc.cfg"));
	run(&f, "");
	/* DX always beats VPN: everything enters dc2, dc1's traffic crosses
	 * the WAN. */
	expect_dest(&f, "10.0.0.0/16", "ok", "dx1", "single");
	expect_dest(&f, "10.1.0.0/16", "ok", "dx1", "single");
	expect_dc(&f, "dc1", "ok", "dx1");
	expect_dc(&f, "dc2", "ok", "dx1");
	assert_int_equal(f.r.dests[0].nentry, 1);
	assert_int_equal(f.r.pool[f.r.dests[0].entry_off], 1);
	assert_true(load_of(&f, "connection:dx1", false) == 3.5);
	assert_true(load_of(&f, "connection:dx1", true) == 1.25);
	assert_int_equal(f.r.bad, 0);
	close_design(&f);
}

static void
test_multi_dc_failures(void **state)
{
	struct fixture f;

	(void)state;
	open_design(&f, support_load_file("samples/multi-dc.cfg"));
	run(&f, "connection:dx1");
	/* Backup VPN: one tunnel of 1.25 Gbps for 3.5 Gbps. */
	expect_dest(&f, "10.0.0.0/16", "overloaded", "vpn1", "single");
	expect_dest(&f, "10.1.0.0/16", "overloaded", "vpn1", "single");
	assert_true(load_of(&f, "connection:vpn1", false) == 3.5);
	run(&f, "wan:dc1-dc2");
	expect_dest(&f, "10.0.0.0/16", "blackholed", "dx1", NULL);
	assert_int_equal(f.r.dests[0].blackhole_dc, 1);
	expect_dest(&f, "10.1.0.0/16", "ok", "dx1", NULL);
	expect_dc(&f, "dc1", "ok", "vpn1");
	run(&f, "datacenter:dc1");
	expect_dest(&f, "10.0.0.0/16", "origin-down", "", NULL);
	expect_dc(&f, "dc1", "origin-down", "");
	expect_dest(&f, "10.1.0.0/16", "ok", "dx1", NULL);
	run(&f, "datacenter:dc2");
	/* dc2's demand is gone; dc1's 3 Gbps still overload vpn1. */
	expect_dest(&f, "10.0.0.0/16", "overloaded", "vpn1", NULL);
	assert_true(load_of(&f, "connection:vpn1", false) == 3.0);
	run(&f, "isp:isp-a");
	expect_dest(&f, "10.0.0.0/16", "ok", "dx1", NULL);
	run(&f, "location:EqDC2,isp:isp-a");
	expect_dest(&f, "10.0.0.0/16", "unreachable", "", NULL);
	expect_dc(&f, "dc2", "unreachable", "");
	close_design(&f);
}

static void
test_vpn_more_specific(void **state)
{
	struct fixture f;

	(void)state;
	open_design(&f, support_load_file("samples/vpn-active-active.cfg"));
	run(&f, "");
	/* Each /16 to its own data center. */
	expect_dest(&f, "10.0.0.0/16", "ok", "vpn1", "single");
	expect_dest(&f, "10.1.0.0/16", "ok", "vpn2", "single");
	run(&f, "connection:vpn1");
	/* Falls back over the summary to dc2 and across the WAN; the
	 * sample's 0.9 Gbps fit in one tunnel. */
	expect_dest(&f, "10.0.0.0/16", "ok", "vpn2", NULL);
	assert_int_equal(f.r.pool[f.r.dests[0].entry_off], 1);
	run(&f, "tunnel:vpn1/1");
	expect_dest(&f, "10.0.0.0/16", "ok", "vpn1", NULL);
	run(&f, "tunnel:vpn1/1,tunnel:vpn1/2");
	expect_dest(&f, "10.0.0.0/16", "ok", "vpn2", NULL);
	run(&f, "aws-endpoint:1,aws-endpoint:2");
	expect_dest(&f, "10.0.0.0/16", "unreachable", "", NULL);
	expect_dc(&f, "dc1", "unreachable", "");
	run(&f, "wan:dc1-dc2");
	expect_dest(&f, "10.0.0.0/16", "ok", "vpn1", NULL);
	close_design(&f);
}

static void
test_dx_prepending(void **state)
{
	struct fixture f;

	(void)state;
	open_design(&f, support_load_file("samples/dx-active-active.cfg"));
	run(&f, "");
	/* The shorter AS path wins; the prepended one is the backup. */
	expect_dest(&f, "10.0.0.0/16", "ok", "dx1", "single");
	expect_dest(&f, "10.1.0.0/16", "ok", "dx2", "single");
	run(&f, "location:EqDC2");
	expect_dest(&f, "10.0.0.0/16", "ok", "dx2", NULL);
	run(&f, "provider:Lumen");
	expect_dest(&f, "10.1.0.0/16", "ok", "dx1", NULL);
	run(&f, "device:cd1");
	expect_dc(&f, "dc1", "ok", "dx2");
	assert_int_equal(f.r.dcs[0].hops, 1);
	run(&f, "wan:dc1-dc2,connection:dx1");
	expect_dest(&f, "10.0.0.0/16", "blackholed", "dx2", NULL);
	expect_dc(&f, "dc1", "unreachable", "");
	close_design(&f);
}

/* The brief's VPN configuration steered by prepending instead: both
 * gateways advertise both /16s, each prepends the other's. */
static void
test_vpn_prepending(void **state)
{
	struct fixture f;

	(void)state;
	open_design(&f, support_load_text(HEAD("vgw", "") "connections = ( "
	    VPN("vpn1", "r1", "10", "bgp", "{ prefix = \"10.0.0.0/16\"; }, "
	    "{ prefix = \"10.1.0.0/16\"; prepend = 2; }") ", "
	    VPN("vpn2", "r2", "11", "bgp", "{ prefix = \"10.0.0.0/16\"; "
	    "prepend = 2; }, { prefix = \"10.1.0.0/16\"; }") ");"));
	run(&f, "");
	expect_dest(&f, "10.0.0.0/16", "ok", "vpn1", "single");
	expect_dest(&f, "10.1.0.0/16", "ok", "vpn2", "single");
	run(&f, "connection:vpn1");
	expect_dest(&f, "10.0.0.0/16", "ok", "vpn2", "single");
	assert_int_equal(f.r.pool[f.r.dests[0].entry_off], 1);
	run(&f, "isp:ib");
	expect_dest(&f, "10.1.0.0/16", "ok", "vpn1", NULL);
	run(&f, "wan:dc1-dc2");
	expect_dest(&f, "10.0.0.0/16", "ok", "vpn1", NULL);
	expect_dest(&f, "10.1.0.0/16", "ok", "vpn2", NULL);
	run(&f, "wan:dc1-dc2,connection:vpn2");
	expect_dest(&f, "10.1.0.0/16", "blackholed", "vpn1", NULL);
	close_design(&f);
}

/* The brief's DX configuration steered by more specific routes: both
 * devices advertise the /15 summary, each its own /16. */
static void
test_dx_more_specific(void **state)
{
	struct fixture f;

	(void)state;
	open_design(&f, support_load_text(HEAD("vgw", "") "connections = ( "
	    DX("dx1", "r1", "L1", "P1", "0", "{ prefix = \"10.0.0.0/15\"; }, "
	    "{ prefix = \"10.0.0.0/16\"; }") ", "
	    DX("dx2", "r2", "L2", "P2", "4", "{ prefix = \"10.0.0.0/15\"; }, "
	    "{ prefix = \"10.1.0.0/16\"; }") ");"));
	run(&f, "");
	expect_dest(&f, "10.0.0.0/16", "ok", "dx1", "single");
	expect_dest(&f, "10.1.0.0/16", "ok", "dx2", "single");
	assert_int_equal(f.r.dests[0].plen, 16);
	run(&f, "location:L1");
	/* Back over the summary, entering at dc2. */
	expect_dest(&f, "10.0.0.0/16", "ok", "dx2", NULL);
	assert_int_equal(f.r.dests[0].plen, 15);
	run(&f, "provider:P2");
	expect_dest(&f, "10.1.0.0/16", "ok", "dx1", NULL);
	run(&f, "device:r1,wan:dc1-dc2");
	expect_dest(&f, "10.0.0.0/16", "blackholed", "dx2", NULL);
	run(&f, "device:r1,device:r2");
	expect_dest(&f, "10.0.0.0/16", "unreachable", "", NULL);
	close_design(&f);
}

/* ---- selection rules -------------------------------------------------- */

static void
test_dx_beats_vpn_static_at_vgw(void **state)
{
	struct fixture f;

	(void)state;
	open_design(&f, support_load_text(HEAD("vgw", "") "connections = ( "
	    VPN("vpn1", "r1", "10", "static", "{ prefix = \"10.0.0.0/16\"; }")
	    ", " DX("dx1", "r2", "L1", "P1", "0",
	    "{ prefix = \"10.0.0.0/16\"; }") ");"));
	run(&f, "");
	expect_dest(&f, "10.0.0.0/16", "ok", "dx1", "single");
	assert_int_equal(f.r.dests[0].cls, ENGINE_CLASS_DX);
	close_design(&f);
}

static void
test_static_beats_dx_at_tgw(void **state)
{
	struct fixture f;

	(void)state;
	open_design(&f, support_load_text(HEAD("tgw", "") "connections = ( "
	    VPN("vpn1", "r1", "10", "static", "{ prefix = \"10.0.0.0/16\"; }")
	    ", " DX("dx1", "r2", "L1", "P1", "0",
	    "{ prefix = \"10.0.0.0/16\"; }") ");"));
	run(&f, "");
	/* HA018's case: the static VPN route becomes primary. */
	expect_dest(&f, "10.0.0.0/16", "ok", "vpn1", "single");
	assert_int_equal(f.r.dests[0].cls, ENGINE_CLASS_STATIC);
	run(&f, "connection:vpn1");
	expect_dest(&f, "10.0.0.0/16", "ok", "dx1", NULL);
	close_design(&f);
}

static void
test_vpn_static_beats_vpn_bgp(void **state)
{
	struct fixture f;

	(void)state;
	open_design(&f, support_load_text(HEAD("vgw", "") "connections = ( "
	    VPN("vpn1", "r1", "10", "bgp", "{ prefix = \"10.0.0.0/16\"; }")
	    ", " VPN("vpn2", "r2", "11", "static",
	    "{ prefix = \"10.0.0.0/16\"; }") ");"));
	run(&f, "");
	expect_dest(&f, "10.0.0.0/16", "ok", "vpn2", NULL);
	close_design(&f);
}

static void
test_one_of_at_vgw_ecmp_at_tgw(void **state)
{
	struct fixture f;
	const char *conns = "connections = ( "
	    VPN("vpn1", "r1", "10", "bgp", "{ prefix = \"10.0.0.0/15\"; }")
	    ", " VPN("vpn2", "r1", "11", "bgp", "{ prefix = \"10.0.0.0/15\"; }")
	    ");";
	char *text;

	(void)state;
	text = xasprintf("%s%s", HEAD("vgw", ""), conns);
	open_design(&f, support_load_text(text));
	free(text);
	run(&f, "");
	expect_dest(&f, "10.0.0.0/16", "ok", "vpn1+vpn2", "one-of");
	/* Worst case: the whole demand on whichever tunnel AWS picks. */
	close_design(&f);
	text = xasprintf("%s%s", HEAD("tgw", "ecmp = true;"), conns);
	open_design(&f, support_load_text(text));
	free(text);
	run(&f, "");
	expect_dest(&f, "10.0.0.0/16", "ok", "vpn1+vpn2", "ecmp");
	close_design(&f);
	text = xasprintf("%s%s", HEAD("tgw", "ecmp = false;"), conns);
	open_design(&f, support_load_text(text));
	free(text);
	run(&f, "");
	expect_dest(&f, "10.0.0.0/16", "ok", "vpn1+vpn2", "one-of");
	close_design(&f);
}

static void
test_ecmp_capacity_splits_tunnels(void **state)
{
	struct fixture f;

	(void)state;
	open_design(&f, support_load_text(HEAD("tgw", "ecmp = true;") "connections = ( "
	    VPN("vpn1", "r1", "10", "bgp", "{ prefix = \"10.0.0.0/16\"; }")
	    ", " VPN("vpn2", "r1", "11", "bgp", "{ prefix = \"10.0.0.0/16\"; }")
	    "); traffic = ( { prefix = \"10.0.0.0/16\"; from_aws = 4.0; } );"));
	run(&f, "");
	/* Four tunnels of 1.25 Gbps: 1.0 each, 2.0 per connection. */
	expect_dest(&f, "10.0.0.0/16", "ok", "vpn1+vpn2", "ecmp");
	assert_true(load_of(&f, "connection:vpn1", false) == 2.0);
	run(&f, "tunnel:vpn1/1");
	/* Three tunnels: vpn1 gets a third, 1.33 on its one tunnel: over. */
	expect_dest(&f, "10.0.0.0/16", "overloaded", "vpn1+vpn2", "ecmp");
	run(&f, "connection:vpn2");
	expect_dest(&f, "10.0.0.0/16", "overloaded", "vpn1", NULL);
	close_design(&f);
}

static void
test_lp_community_beats_as_path(void **state)
{
	struct fixture f;

	(void)state;
	open_design(&f, support_load_text(HEAD("vgw", "") "connections = ( "
	    DX("dx1", "r1", "L1", "P1", "0", "{ prefix = \"10.0.0.0/16\"; "
	    "prepend = 3; local_pref = \"high\"; }") ", "
	    DX("dx2", "r2", "L2", "P2", "4", "{ prefix = \"10.0.0.0/16\"; }")
	    ");"));
	run(&f, "");
	expect_dest(&f, "10.0.0.0/16", "ok", "dx1", "single");
	close_design(&f);
}

static void
test_dx_ecmp_when_tied(void **state)
{
	struct fixture f;

	(void)state;
	open_design(&f, support_load_text(HEAD("vgw", "") "connections = ( "
	    DX("dx1", "r1", "L1", "P1", "0", "{ prefix = \"10.0.0.0/16\"; }")
	    ", " DX("dx2", "r2", "L2", "P2", "4",
	    "{ prefix = \"10.0.0.0/16\"; local_pref = \"medium\"; }") ");"
	    "traffic = ( { prefix = \"10.0.0.0/16\"; from_aws = 6.0; } );"));
	run(&f, "");
	/* Untagged counts as medium: tied, load shared. */
	expect_dest(&f, "10.0.0.0/16", "ok", "dx1+dx2", "ecmp");
	assert_true(load_of(&f, "connection:dx1", false) == 3.0);
	/* dx2 lands in dc2: its half crosses the WAN from dc2 to dc1. */
	assert_true(wan_load(&f, "wan:dc1-dc2", 0) == 0.0);
	assert_true(wan_load(&f, "wan:dc1-dc2", 1) == 3.0);
	close_design(&f);
}

static void
test_more_specific_vpn_beats_dx(void **state)
{
	struct fixture f;

	(void)state;
	open_design(&f, support_load_text(HEAD("vgw", "") "connections = ( "
	    VPN("vpn1", "r1", "10", "bgp", "{ prefix = \"10.0.0.0/16\"; }")
	    ", " DX("dx1", "r2", "L1", "P1", "0",
	    "{ prefix = \"10.0.0.0/15\"; }") ");"));
	run(&f, "");
	expect_dest(&f, "10.0.0.0/16", "ok", "vpn1", NULL);
	expect_dest(&f, "10.1.0.0/16", "ok", "dx1", NULL);
	close_design(&f);
}

static void
test_prepend_cannot_beat_dx(void **state)
{
	struct fixture f;

	(void)state;
	open_design(&f, support_load_text(HEAD("vgw", "") "connections = ( "
	    VPN("vpn1", "r1", "10", "bgp", "{ prefix = \"10.0.0.0/16\"; }")
	    ", " DX("dx1", "r2", "L1", "P1", "0",
	    "{ prefix = \"10.0.0.0/16\"; prepend = 10; }") ");"));
	run(&f, "");
	/* HA011's case: DX wins whatever its AS path. */
	expect_dest(&f, "10.0.0.0/16", "ok", "dx1", NULL);
	close_design(&f);
}

static void
test_med_same_first_as(void **state)
{
	struct fixture f;

	(void)state;
	open_design(&f, support_load_text(HEAD("vgw", "") "connections = ( "
	    VPN("vpn1", "r1", "10", "bgp", "{ prefix = \"10.0.0.0/16\"; "
	    "med = 20; }") ", "
	    VPN("vpn2", "r1", "11", "bgp", "{ prefix = \"10.0.0.0/16\"; "
	    "med = 10; }") ", "
	    VPN("vpn3", "r2", "12", "bgp", "{ prefix = \"10.0.0.0/16\"; "
	    "med = 5; }") ");"));
	run(&f, "");
	/* vpn2 beats vpn1 (same first AS 65001); vpn3's AS differs, so its
	 * MED is not compared with theirs: AWS picks one of vpn2, vpn3. */
	expect_dest(&f, "10.0.0.0/16", "ok", "vpn2+vpn3", "one-of");
	run(&f, "connection:vpn3");
	expect_dest(&f, "10.0.0.0/16", "ok", "vpn2", "single");
	close_design(&f);
}

static void
test_as_path_between_vpns(void **state)
{
	struct fixture f;

	(void)state;
	open_design(&f, support_load_text(HEAD("vgw", "") "connections = ( "
	    VPN("vpn1", "r1", "10", "bgp", "{ prefix = \"10.1.0.0/16\"; "
	    "prepend = 2; }, { prefix = \"10.0.0.0/16\"; }") ", "
	    VPN("vpn2", "r2", "11", "bgp", "{ prefix = \"10.0.0.0/16\"; "
	    "prepend = 2; }, { prefix = \"10.1.0.0/16\"; }") ");"));
	run(&f, "");
	expect_dest(&f, "10.0.0.0/16", "ok", "vpn1", "single");
	expect_dest(&f, "10.1.0.0/16", "ok", "vpn2", "single");
	run(&f, "device:r1");
	expect_dest(&f, "10.0.0.0/16", "ok", "vpn2", NULL);
	close_design(&f);
}

static void
test_outbound_preference(void **state)
{
	struct fixture f;

	(void)state;
	open_design(&f, support_load_text(HEAD("vgw", "") "connections = ( "
	    VPN("vpn1", "r1", "10", "bgp", "{ prefix = \"10.0.0.0/16\"; }")
	    ", " VPN("vpn2", "r1", "11", "bgp", "{ prefix = \"10.0.0.0/16\"; }")
	    ", " DX("dx1", "r2", "L1", "P1", "0",
	    "{ prefix = \"10.1.0.0/16\"; }") ");"));
	run(&f, "");
	/* DX's local_pref 200 beats the local VPNs' 100, across the WAN. */
	expect_dc(&f, "dc1", "ok", "dx1");
	run(&f, "connection:dx1");
	/* Two equal local exits: ECMP. */
	expect_dc(&f, "dc1", "ok", "vpn1+vpn2");
	assert_int_equal(f.r.dcs[0].mode, ENGINE_MODE_ECMP);
	expect_dc(&f, "dc2", "ok", "vpn1+vpn2");
	assert_int_equal(f.r.dcs[1].hops, 1);
	run(&f, "connection:dx1,wan:dc1-dc2");
	expect_dc(&f, "dc2", "unreachable", "");
	close_design(&f);
}

static void
test_local_exit_preferred(void **state)
{
	struct fixture f;

	(void)state;
	open_design(&f, support_load_text(HEAD("vgw", "") "connections = ( "
	    DX("dx1", "r1", "L1", "P1", "0", "{ prefix = \"10.0.0.0/16\"; }")
	    ", " DX("dx2", "r2", "L2", "P2", "4",
	    "{ prefix = \"10.1.0.0/16\"; }") ");"));
	run(&f, "");
	expect_dc(&f, "dc1", "ok", "dx1");
	expect_dc(&f, "dc2", "ok", "dx2");
	close_design(&f);
}

static void
test_prefix_limit_takes_session_down(void **state)
{
	struct fixture f;
	char *text, *adv = xstrdup("");

	(void)state;
	for (int i = 0; i < 101; i++) {
		char *n = xasprintf("%s%s{ prefix = \"10.0.%d.0/24\"; }", adv,
		    i ? ", " : "", i);

		free(adv);
		adv = n;
	}
	text = xasprintf(HEAD("vgw", "") "connections = ( { name = \"vpn1\"; "
	    "type = \"vpn\"; device = \"r1\"; tunnels = ( { inside = "
	    "\"169.254.10.0/30\"; } ); advertise = ( %s, "
	    "{ prefix = \"10.0.0.0/16\"; } ); } );", adv);
	open_design(&f, support_load_text(text));
	run(&f, "");
	/* 102 prefixes on a VGW BGP session: AWS takes it down. */
	expect_dest(&f, "10.0.0.0/16", "unreachable", "", NULL);
	expect_dc(&f, "dc1", "unreachable", "");
	close_design(&f);
	free(text);
	free(adv);
}

#define V6(gw) \
	"version = 1;\n" \
	"vpc = { name = \"v\"; cidrs = [\"172.31.0.0/16\"]; gateway = \"" gw \
	"\"; asn = 64512; };\n" \
	"datacenters = ( { name = \"dc1\"; prefixes = [\"2001:db8::/32\"]; } );\n" \
	"devices = ( { name = \"r1\"; dc = \"dc1\"; vendor = \"frr\"; " \
	"asn = 65001; public_ip = \"203.0.113.1\"; } );\n" \
	"connections = ( " VPN("vpn1", "r1", "10", "bgp", \
	"{ prefix = \"2001:db8::/32\"; }") " );"

static void
test_ipv6_needs_tgw(void **state)
{
	struct fixture f;

	(void)state;
	open_design(&f, support_load_text(V6("vgw")));
	run(&f, "");
	expect_dest(&f, "2001:db8::/32", "unreachable", "", NULL);
	close_design(&f);
	open_design(&f, support_load_text(V6("tgw")));
	run(&f, "");
	expect_dest(&f, "2001:db8::/32", "ok", "vpn1", NULL);
	close_design(&f);
}

static void
test_vpc_overlap_is_unreachable(void **state)
{
	struct fixture f;

	(void)state;
	open_design(&f, support_load_text(
	    "version = 1;\n"
	    "vpc = { name = \"v\"; cidrs = [\"10.0.0.0/8\"]; gateway = \"vgw\"; };\n"
	    "datacenters = ( { name = \"dc1\"; prefixes = [\"10.0.0.0/16\"]; } );\n"
	    "devices = ( { name = \"r1\"; dc = \"dc1\"; vendor = \"frr\"; "
	    "asn = 65001; public_ip = \"203.0.113.1\"; } );\n"
	    "connections = ( " VPN("vpn1", "r1", "10", "bgp",
	    "{ prefix = \"10.0.0.0/16\"; }") " );"));
	run(&f, "");
	expect_dest(&f, "10.0.0.0/16", "unreachable", "", NULL);
	close_design(&f);
}

static void
test_disabled_tunnels(void **state)
{
	struct fixture f;

	(void)state;
	open_design(&f, support_load_text(HEAD("vgw", "") "connections = ( "
	    "{ name = \"vpn1\"; type = \"vpn\"; device = \"r1\"; tunnels = ( "
	    "{ inside = \"169.254.10.0/30\"; enabled = false; }, "
	    "{ inside = \"169.254.10.4/30\"; } ); advertise = ( "
	    "{ prefix = \"10.0.0.0/16\"; } ); } );"));
	run(&f, "");
	expect_dest(&f, "10.0.0.0/16", "ok", "vpn1", NULL);
	run(&f, "aws-endpoint:2");
	expect_dest(&f, "10.0.0.0/16", "unreachable", "", NULL);
	run(&f, "aws-endpoint:1");
	expect_dest(&f, "10.0.0.0/16", "ok", "vpn1", NULL);
	close_design(&f);
}

static void
test_risk_group_fails_together(void **state)
{
	struct fixture f;

	(void)state;
	open_design(&f, support_load_text(HEAD("vgw", "") "connections = ( "
	    DX("dx1", "r1", "L1", "P1", "0", "{ prefix = \"10.0.0.0/15\"; }")
	    ", " DX("dx2", "r2", "L2", "P2", "4",
	    "{ prefix = \"10.0.0.0/15\"; }") ");"
	    "risks = ( { name = \"conduit\"; members = [\"dx1\", "
	    "\"device:r2\"]; } );"));
	run(&f, "risk:conduit");
	expect_dest(&f, "10.0.0.0/16", "unreachable", "", NULL);
	run(&f, "connection:dx1");
	expect_dest(&f, "10.0.0.0/16", "ok", "dx2", NULL);
	close_design(&f);
}

static void
test_component_ids(void **state)
{
	struct fixture f;
	struct error err = ERROR_INIT;
	size_t *failed = NULL, n = 0;
	static const char *const want[] = {
		"connection:vpn1", "tunnel:vpn1/1", "tunnel:vpn1/2",
		"connection:dx1", "device:cgw1", "device:cd2", "datacenter:dc1",
		"datacenter:dc2", "wan:dc1-dc2", "location:EqDC2", "provider:Zayo",
		"isp:isp-a", "aws-endpoint:1", "aws-endpoint:2",
	};

	(void)state;
	open_design(&f, support_load_file("samples/multi-dc.cfg"));
	assert_int_equal(engine_component_count(f.e), 14);
	for (size_t i = 0; i < 14; i++) {
		assert_string_equal(engine_component_id(f.e, i), want[i]);
		assert_int_equal(engine_component_find(f.e, want[i]), (int)i);
	}
	assert_int_equal(engine_component_find(f.e, "wan:dc2-dc1"), 8);
	assert_int_equal(engine_component_find(f.e, "connection:nope"), -1);
	assert_int_equal(engine_parse_failures(f.e, "device:cgw1, wan:dc1-dc2",
	    &failed, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(failed[1], 8);
	free(failed);
	assert_int_equal(engine_parse_failures(f.e, "device:cgw1,bogus:x",
	    &failed, &n, &err), -1);
	assert_non_null(strstr(err.items[0].message, "bogus:x"));
	error_clear(&err);
	close_design(&f);
}

/* ---- the matrix ---------------------------------------------------------- */

static int
count_visit(void *ctx, const struct matrix_scenario *s,
    const struct engine_result *r)
{
	(void)s;
	(void)r;
	(*(size_t *)ctx)++;
	return 0;
}

/* --k 2 on a small design: the listed count equals a brute force over
 * every pair evaluated from scratch. */
static void
test_k2_counts_brute_force(void **state)
{
	struct fixture f;
	struct matrix_opts o = { 2, NULL, 0, false };
	struct matrix_counts counts;
	size_t visited = 0, nc, brute = 1, tried = 1;
	struct engine_result full;

	(void)state;
	open_design(&f, support_load_file("samples/multi-dc.cfg"));
	engine_result_init(&full);
	assert_int_equal(matrix_run(f.e, &o, count_visit, &visited, &counts), 0);
	nc = engine_component_count(f.e);
	for (size_t i = 0; i < nc; i++) {
		engine_eval_full(f.e, &i, 1, &full);
		brute += full.bad > 0;
		tried++;
		for (size_t j = i + 1; j < nc; j++) {
			size_t p[2] = { i, j };

			engine_eval_full(f.e, p, 2, &full);
			brute += full.bad > 0;
			tried++;
		}
	}
	assert_int_equal(counts.tried, tried);
	assert_int_equal(counts.tried, 1 + nc + nc * (nc - 1) / 2);
	assert_int_equal(counts.listed, brute);
	assert_int_equal(visited, brute);
	/* The naive path lists the same. */
	o.naive = true;
	visited = 0;
	assert_int_equal(matrix_run(f.e, &o, count_visit, &visited, &counts), 0);
	assert_int_equal(counts.listed, brute);
	engine_result_free(&full);
	close_design(&f);
}

struct names {
	char **v;
	size_t n;
};

static int
collect_visit(void *ctx, const struct matrix_scenario *s,
    const struct engine_result *r)
{
	struct names *nm = ctx;

	(void)r;
	nm->v = xrealloc(nm->v, (nm->n + 1) * sizeof *nm->v);
	nm->v[nm->n++] = xstrdup(s->name);
	return 0;
}

static void
names_free(struct names *nm)
{
	for (size_t i = 0; i < nm->n; i++)
		free(nm->v[i]);
	free(nm->v);
	nm->v = NULL;
	nm->n = 0;
}

/* The pair shortcuts of --k 2 against brute force on random designs: the
 * same scenarios listed, in the same order, with and without a visitor. */
static void
test_k2_shortcuts_random(void **state)
{
	struct engine_result full;
	size_t total_listed = 0;

	(void)state;
	engine_result_init(&full);
	for (uint64_t seed = 1; seed <= 200; seed++) {
		struct design *d = gen_random(seed);
		struct engine *e = engine_new(d);
		struct matrix_opts o = { 2, NULL, 0, false };
		struct matrix_counts counts, quiet;
		struct names got = { NULL, 0 }, want = { NULL, 0 };
		size_t nc = engine_component_count(e);
		struct matrix_scenario sc = { "baseline", NULL, 0 };

		assert_int_equal(matrix_run(e, &o, collect_visit, &got, &counts), 0);
		assert_int_equal(matrix_run(e, &o, NULL, NULL, &quiet), 0);
		collect_visit(&want, &sc, NULL);
		for (size_t i = 0; i < nc; i++) {
			engine_eval_full(e, &i, 1, &full);
			if (full.bad > 0) {
				sc.name = engine_component_id(e, i);
				collect_visit(&want, &sc, NULL);
			}
		}
		for (size_t i = 0; i < nc; i++)
			for (size_t j = i + 1; j < nc; j++) {
				size_t p[2] = { i, j };
				char *name;

				engine_eval_full(e, p, 2, &full);
				if (full.bad == 0)
					continue;
				name = xasprintf("%s + %s", engine_component_id(e, i),
				    engine_component_id(e, j));
				sc.name = name;
				collect_visit(&want, &sc, NULL);
				free(name);
			}
		if (got.n != want.n)
			fail_msg("seed %llu: %zu listed, brute force %zu",
			    (unsigned long long)seed, got.n, want.n);
		for (size_t i = 0; i < got.n; i++)
			assert_string_equal(got.v[i], want.v[i]);
		assert_int_equal(counts.listed, want.n);
		assert_int_equal(quiet.listed, want.n);
		assert_int_equal(counts.tried, 1 + nc + nc * (nc - 1) / 2);
		assert_int_equal(quiet.tried, counts.tried);
		total_listed += want.n;
		names_free(&got);
		names_free(&want);
		engine_free(&e);
		design_free(&d);
	}
	assert_true(total_listed > 1000);
	engine_result_free(&full);
}

static void
test_k1_lists_everything(void **state)
{
	struct fixture f;
	struct matrix_opts o = { 1, NULL, 0, false };
	struct matrix_counts counts;
	size_t visited = 0;

	(void)state;
	open_design(&f, support_load_file("samples/dx-active-active.cfg"));
	assert_int_equal(matrix_run(f.e, &o, count_visit, &visited, &counts), 0);
	assert_int_equal(counts.listed, 1 + engine_component_count(f.e));
	assert_int_equal(visited, counts.listed);
	close_design(&f);
}

/* Every field the tables and JSON show, compared between the incremental
 * and the from-scratch result. */
static void
assert_same(const struct engine_result *a, const struct engine_result *b,
    uint64_t seed, const char *scenario)
{
	if (a->bad != b->bad)
		fail_msg("seed %llu %s: bad %d vs %d", (unsigned long long)seed,
		    scenario, a->bad, b->bad);
	for (size_t i = 0; i < a->ndests; i++) {
		const struct engine_dest *x = &a->dests[i], *y = &b->dests[i];

		if (x->status != y->status || x->mode != y->mode ||
		    x->nvia != y->nvia || x->nentry != y->nentry ||
		    x->blackhole_dc != y->blackhole_dc ||
		    memcmp(a->pool + x->via_off, b->pool + y->via_off,
		    x->nvia * sizeof *a->pool) != 0 ||
		    memcmp(a->pool + x->entry_off, b->pool + y->entry_off,
		    x->nentry * sizeof *a->pool) != 0)
			fail_msg("seed %llu %s: destination %zu differs (status %d/%d)",
			    (unsigned long long)seed, scenario, i, x->status,
			    y->status);
	}
	for (size_t j = 0; j < a->ndcs; j++) {
		const struct engine_dc *x = &a->dcs[j], *y = &b->dcs[j];

		if (x->status != y->status || x->nvia != y->nvia ||
		    x->hops != y->hops || memcmp(a->pool + x->via_off,
		    b->pool + y->via_off, x->nvia * sizeof *a->pool) != 0)
			fail_msg("seed %llu %s: data center %zu differs",
			    (unsigned long long)seed, scenario, j);
	}
	for (size_t el = 0; el < a->nelems; el++) {
		double dl = a->load[el] - b->load[el];

		if (dl > 1e-6 || dl < -1e-6 || a->capacity[el] != b->capacity[el])
			fail_msg("seed %llu %s: element %zu load %g/%g capacity "
			    "%g/%g", (unsigned long long)seed, scenario, el,
			    a->load[el], b->load[el], a->capacity[el], b->capacity[el]);
	}
}

static void
test_incremental_equals_naive_random(void **state)
{
	struct engine_result inc, full;
	size_t scenarios = 0;

	(void)state;
	engine_result_init(&inc);
	engine_result_init(&full);
	for (uint64_t seed = 1; seed <= 400; seed++) {
		struct design *d = gen_random(seed);
		struct error err = ERROR_INIT;
		struct engine *e;
		size_t nc;

		if (design_validate(d, NULL, &err) != 0) {
			char *s = error_string(&err);

			fail_msg("seed %llu: generated design invalid:\n%s",
			    (unsigned long long)seed, s);
		}
		e = engine_new(d);
		nc = engine_component_count(e);
		for (size_t i = 0; i < nc; i++)
			for (size_t j = i; j < nc; j++) {
				size_t p[2] = { i, j };
				size_t n = i == j ? 1 : 2;

				engine_eval(e, p, n, &inc);
				engine_eval_full(e, p, n, &full);
				assert_same(&inc, &full, seed, engine_component_id(e, i));
				assert_int_equal(engine_scenario_bad(e, p, n),
				    full.bad > 0);
				scenarios++;
			}
		engine_free(&e);
		design_free(&d);
	}
	/* Enough ground covered to mean something. */
	assert_true(scenarios > 20000);
	engine_result_free(&inc);
	engine_result_free(&full);
}

static void
test_scaled_design_is_valid(void **state)
{
	struct design *d = gen_scaled(7, GEN_SIZE_M);
	struct error err = ERROR_INIT;
	struct engine *e;
	struct engine_result inc, full;
	size_t nc;

	(void)state;
	if (design_validate(d, NULL, &err) != 0) {
		char *s = error_string(&err);

		fail_msg("M design invalid:\n%s", s);
	}
	assert_int_equal(d->ndcs, 20);
	assert_int_equal(d->ndevices, 40);
	assert_int_equal(d->nconns, 80);
	e = engine_new(d);
	assert_int_equal(engine_dest_count(e), 200);
	engine_result_init(&inc);
	engine_result_init(&full);
	nc = engine_component_count(e);
	assert_int_equal(engine_baseline(e)->bad, 0);
	for (size_t i = 0; i < nc; i++) {
		engine_eval(e, &i, 1, &inc);
		engine_eval_full(e, &i, 1, &full);
		assert_same(&inc, &full, 7, engine_component_id(e, i));
	}
	engine_result_free(&inc);
	engine_result_free(&full);
	engine_free(&e);
	design_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_multi_dc_baseline),
		cmocka_unit_test(test_multi_dc_failures),
		cmocka_unit_test(test_vpn_more_specific),
		cmocka_unit_test(test_dx_prepending),
		cmocka_unit_test(test_vpn_prepending),
		cmocka_unit_test(test_dx_more_specific),
		cmocka_unit_test(test_dx_beats_vpn_static_at_vgw),
		cmocka_unit_test(test_static_beats_dx_at_tgw),
		cmocka_unit_test(test_vpn_static_beats_vpn_bgp),
		cmocka_unit_test(test_one_of_at_vgw_ecmp_at_tgw),
		cmocka_unit_test(test_ecmp_capacity_splits_tunnels),
		cmocka_unit_test(test_lp_community_beats_as_path),
		cmocka_unit_test(test_dx_ecmp_when_tied),
		cmocka_unit_test(test_more_specific_vpn_beats_dx),
		cmocka_unit_test(test_prepend_cannot_beat_dx),
		cmocka_unit_test(test_med_same_first_as),
		cmocka_unit_test(test_as_path_between_vpns),
		cmocka_unit_test(test_outbound_preference),
		cmocka_unit_test(test_local_exit_preferred),
		cmocka_unit_test(test_prefix_limit_takes_session_down),
		cmocka_unit_test(test_ipv6_needs_tgw),
		cmocka_unit_test(test_vpc_overlap_is_unreachable),
		cmocka_unit_test(test_disabled_tunnels),
		cmocka_unit_test(test_risk_group_fails_together),
		cmocka_unit_test(test_component_ids),
		cmocka_unit_test(test_k2_counts_brute_force),
		cmocka_unit_test(test_k2_shortcuts_random),
		cmocka_unit_test(test_k1_lists_everything),
		cmocka_unit_test(test_incremental_equals_naive_random),
		cmocka_unit_test(test_scaled_design_is_valid),
	};

	return cmocka_run_group_tests_name("engine", tests, NULL, NULL);
}
