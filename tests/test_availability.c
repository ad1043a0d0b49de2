/* Exact availability: hand-computed series and parallel designs, shared
 * risks counted once, and agreement with brute-force enumeration. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/availability.h"
#include "tools/gen.h"
#include "tests/support.h"

static void
assert_close(double got, double want, double tol)
{
	if (fabs(got - want) > tol)
		fail_msg("got %.17g, want %.17g (diff %.3g)", got, want, got - want);
}

#define HEAD \
	"version = 1;\n" \
	"vpc = { name = \"v\"; cidrs = [\"172.31.0.0/16\"]; gateway = \"vgw\"; };\n" \
	"datacenters = ( { name = \"dc1\"; prefixes = [\"10.0.0.0/16\"]; } );\n"

#define DX(n, dev, loc, prov, peer) \
	"{ name = \"" n "\"; type = \"dx\"; device = \"" dev "\"; location = \"" \
	loc "\"; provider = \"" prov "\"; gbps = 10.0; vlan = 100; peer = " \
	"\"169.254.100." peer "/30\"; advertise = ( { prefix = \"10.0.0.0/16\"; " \
	"} ); }"

/* The availability of one DX path: connection, device, location and
 * provider in series (the data center is the condition). */
static const double dx_path = 0.999 * 0.9995 * 0.9999 * 0.9999;

static void
test_series_one_dx(void **state)
{
	struct design *d = support_load_text(HEAD
	    "devices = ( { name = \"r1\"; dc = \"dc1\"; vendor = \"frr\"; "
	    "asn = 65001; } );\n"
	    "connections = ( " DX("dx1", "r1", "L1", "P1", "0") " );");
	struct engine *e = engine_new(d);
	struct avail_item it;

	(void)state;
	avail_compute_one(e, false, 0, &it);
	assert_close(1.0 - it.unavailability, dx_path, 1e-15);
	assert_true(it.pruned <= AVAIL_PRECISION);
	/* Outbound takes the same path. */
	avail_compute_one(e, true, 0, &it);
	assert_close(1.0 - it.unavailability, dx_path, 1e-15);
	/* The heaviest cut: the DX connection itself (0.001). */
	assert_true(it.ncuts >= 1);
	assert_int_equal(it.cuts[0].n, 1);
	assert_string_equal(engine_component_id(e, it.cuts[0].comps[0]),
	    "connection:dx1");
	assert_close(it.cuts[0].prob, 0.001, 1e-15);
	engine_free(&e);
	design_free(&d);
}

static void
test_parallel_two_dx(void **state)
{
	struct design *d = support_load_text(HEAD
	    "devices = ( { name = \"r1\"; dc = \"dc1\"; vendor = \"frr\"; "
	    "asn = 65001; }, { name = \"r2\"; dc = \"dc1\"; vendor = \"frr\"; "
	    "asn = 65001; } );\n"
	    "connections = ( " DX("dx1", "r1", "L1", "P1", "0") ", "
	    DX("dx2", "r2", "L2", "P2", "4") " );");
	struct engine *e = engine_new(d);
	struct avail_item it;
	double u = (1 - dx_path) * (1 - dx_path);

	(void)state;
	avail_compute_one(e, false, 0, &it);
	assert_close(it.unavailability, u, 1e-15);
	engine_free(&e);
	design_free(&d);
}

static void
test_shared_provider_counted_once(void **state)
{
	struct design *d = support_load_text(HEAD
	    "devices = ( { name = \"r1\"; dc = \"dc1\"; vendor = \"frr\"; "
	    "asn = 65001; }, { name = \"r2\"; dc = \"dc1\"; vendor = \"frr\"; "
	    "asn = 65001; } );\n"
	    "connections = ( " DX("dx1", "r1", "L1", "P1", "0") ", "
	    DX("dx2", "r2", "L2", "P1", "4") " );");
	struct engine *e = engine_new(d);
	struct avail_item it;
	double own = 0.999 * 0.9995 * 0.9999;
	double want = 0.9999 * (1 - (1 - own) * (1 - own));

	(void)state;
	avail_compute_one(e, false, 0, &it);
	assert_close(1.0 - it.unavailability, want, 1e-15);
	/* The shared provider dominates the downtime. */
	assert_int_equal(it.cuts[0].n, 1);
	assert_string_equal(engine_component_id(e, it.cuts[0].comps[0]),
	    "provider:P1");
	engine_free(&e);
	design_free(&d);
}

static void
test_overrides(void **state)
{
	struct design *d = support_load_text(HEAD
	    "devices = ( { name = \"r1\"; dc = \"dc1\"; vendor = \"frr\"; "
	    "asn = 65001; availability = 0.99; } );\n"
	    "connections = ( { name = \"dx1\"; type = \"dx\"; device = \"r1\"; "
	    "location = \"L1\"; provider = \"P1\"; gbps = 10.0; vlan = 100; "
	    "peer = \"169.254.100.0/30\"; availability = 0.9; advertise = ( "
	    "{ prefix = \"10.0.0.0/16\"; } ); } );\n"
	    "availability = { location = 0.5; provider = 1.0; };");
	struct engine *e = engine_new(d);
	struct avail_item it;

	(void)state;
	avail_compute_one(e, false, 0, &it);
	assert_close(1.0 - it.unavailability, 0.9 * 0.99 * 0.5, 1e-15);
	engine_free(&e);
	design_free(&d);
}

static void
test_wan_blackhole_lowers_figure(void **state)
{
	struct error err = ERROR_INIT;
	struct design *d = NULL;
	struct engine *e;
	struct avail_item summary, specific;
	const char *more_specific;

	(void)state;
	assert_int_equal(design_load("samples/multi-dc.cfg", &d, &err), 0);
	e = engine_new(d);
	avail_compute_one(e, false, 0, &summary);
	/* The WAN link alone (0.0001) blackholes dc1's prefix. */
	assert_true(summary.unavailability > 1e-4);
	assert_string_equal(engine_component_id(e, summary.cuts[0].comps[0]),
	    "wan:dc1-dc2");
	engine_free(&e);
	design_free(&d);
	/* Advertising the /16 from dc1 too: a WAN failure is no longer fatal,
	 * AWS then ... still prefers DX: the blackhole stays, so instead move
	 * the more specific route to the VPN: it wins and enters at home. */
	more_specific =
	    "version = 1;\n"
	    "vpc = { name = \"p\"; cidrs = [\"172.31.0.0/16\"]; gateway = \"vgw\"; };\n"
	    "datacenters = ( { name = \"dc1\"; prefixes = [\"10.0.0.0/16\"]; },\n"
	    "  { name = \"dc2\"; prefixes = [\"10.1.0.0/16\"]; } );\n"
	    "wan = ( { a = \"dc1\"; b = \"dc2\"; gbps = 10.0; } );\n"
	    "devices = ( { name = \"cgw1\"; dc = \"dc1\"; vendor = \"cisco-ios\"; "
	    "asn = 65001; public_ip = \"203.0.113.10\"; isp = \"isp-a\"; },\n"
	    "  { name = \"cd2\"; dc = \"dc2\"; vendor = \"junos\"; asn = 65001; } );\n"
	    "connections = (\n"
	    " { name = \"vpn1\"; type = \"vpn\"; device = \"cgw1\"; tunnels = ( "
	    "{ inside = \"169.254.10.0/30\"; }, { inside = \"169.254.10.4/30\"; } ); "
	    "advertise = ( { prefix = \"10.0.0.0/15\"; }, "
	    "{ prefix = \"10.0.0.0/16\"; } ); },\n"
	    " { name = \"dx1\"; type = \"dx\"; device = \"cd2\"; location = \"EqDC2\"; "
	    "provider = \"Zayo\"; gbps = 10.0; vlan = 101; peer = "
	    "\"169.254.100.0/30\"; advertise = ( { prefix = \"10.0.0.0/15\"; } ); } );";
	d = support_load_text(more_specific);
	e = engine_new(d);
	avail_compute_one(e, false, 0, &specific);
	assert_true(specific.unavailability < summary.unavailability);
	engine_free(&e);
	design_free(&d);
}

static void
test_risk_on_home_is_conditioned_out(void **state)
{
	struct design *d = support_load_text(HEAD
	    "devices = ( { name = \"r1\"; dc = \"dc1\"; vendor = \"frr\"; "
	    "asn = 65001; } );\n"
	    "connections = ( " DX("dx1", "r1", "L1", "P1", "0") " );\n"
	    "risks = ( { name = \"flood\"; members = [\"datacenter:dc1\", "
	    "\"dx1\"]; availability = 0.99; } );");
	struct engine *e = engine_new(d);
	struct avail_item it;

	(void)state;
	avail_compute_one(e, false, 0, &it);
	/* Given dc1 up, the flood did not happen. */
	assert_close(1.0 - it.unavailability, dx_path, 1e-15);
	engine_free(&e);
	design_free(&d);
}

/* Every state of the failing components, evaluated from scratch. */
static double
brute_unavailability(struct engine *e, bool dc, size_t index)
{
	size_t nc = engine_component_count(e), home;
	size_t *comps = calloc(nc + 1, sizeof *comps), n = 0;
	size_t *failed = calloc(nc + 1, sizeof *failed);
	struct engine_result r;
	double bad = 0, excluded = 0;

	home = dc ? index : engine_dest_origin(e, index);
	for (size_t c = 0; c < nc; c++) {
		if (avail_component(e, c) >= 1.0)
			continue;
		if (engine_component_kind(e, c) == COMP_DATACENTER &&
		    engine_component_object(e, c) == home)
			continue;
		comps[n++] = c;
	}
	assert_true(n <= 20);
	engine_result_init(&r);
	for (uint64_t m = 0; m < ((uint64_t)1 << n); m++) {
		double p = 1;
		size_t nf = 0;
		uint8_t st;

		for (size_t k = 0; k < n; k++) {
			double a = avail_component(e, comps[k]);

			if (m & ((uint64_t)1 << k)) {
				p *= 1 - a;
				failed[nf++] = comps[k];
			} else
				p *= a;
		}
		engine_eval_full(e, failed, nf, &r);
		st = dc ? r.dcs[index].status : r.dests[index].status;
		if (st == ENGINE_ORIGIN_DOWN)
			excluded += p;
		else if (st != ENGINE_OK && st != ENGINE_OVERLOADED)
			bad += p;
	}
	engine_result_free(&r);
	free(comps);
	free(failed);
	return bad / (1 - excluded);
}

static size_t
failing_components(struct engine *e)
{
	size_t n = 0;

	for (size_t c = 0; c < engine_component_count(e); c++)
		n += avail_component(e, c) < 1.0;
	return n;
}

static void
test_agrees_with_brute_force(void **state)
{
	size_t compared = 0;

	(void)state;
	for (uint64_t seed = 1; seed <= 400 && compared < 120; seed++) {
		struct design *d = gen_random(seed);
		struct engine *e = engine_new(d);

		if (failing_components(e) <= 15) {
			for (size_t i = 0; i < engine_dest_count(e); i++) {
				struct avail_item it;
				double want = brute_unavailability(e, false, i);

				avail_compute_one(e, false, i, &it);
				if (fabs(it.unavailability - want) > 1e-12)
					fail_msg("seed %llu destination %zu: walk %.17g, brute "
					    "force %.17g", (unsigned long long)seed, i,
					    it.unavailability, want);
				compared++;
			}
			for (size_t j = 0; j < engine_dc_count(e); j++) {
				struct avail_item it;
				double want = brute_unavailability(e, true, j);

				avail_compute_one(e, true, j, &it);
				if (fabs(it.unavailability - want) > 1e-12)
					fail_msg("seed %llu data center %zu: walk %.17g, brute "
					    "force %.17g", (unsigned long long)seed, j,
					    it.unavailability, want);
				compared++;
			}
		}
		engine_free(&e);
		design_free(&d);
	}
	assert_true(compared >= 100);
}

static void
test_report_and_helpers(void **state)
{
	struct error err = ERROR_INIT;
	struct design *d = NULL;
	struct engine *e;
	struct avail_report r;

	(void)state;
	assert_int_equal(design_load("samples/dx-active-active.cfg", &d, &err), 0);
	e = engine_new(d);
	avail_compute(e, &r);
	assert_int_equal(r.ndests, 2);
	assert_int_equal(r.ndcs, 2);
	for (size_t i = 0; i < r.ndests; i++)
		assert_true(r.dests[i].unavailability > 0 &&
		    r.dests[i].unavailability < 1e-3);
	assert_close(avail_nines(1e-4), 4.0, 1e-12);
	assert_close(avail_downtime_minutes(1e-4), 52.596, 1e-9);
	avail_report_free(&r);
	engine_free(&e);
	design_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_series_one_dx),
		cmocka_unit_test(test_parallel_two_dx),
		cmocka_unit_test(test_shared_provider_counted_once),
		cmocka_unit_test(test_overrides),
		cmocka_unit_test(test_wan_blackhole_lowers_figure),
		cmocka_unit_test(test_risk_on_home_is_conditioned_out),
		cmocka_unit_test(test_agrees_with_brute_force),
		cmocka_unit_test(test_report_and_helpers),
	};

	return cmocka_run_group_tests_name("availability", tests, NULL, NULL);
}
