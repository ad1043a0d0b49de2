/* The outline and inspector texts the designer shows, and the summary
 * line of "hatopo validate". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "render/outline.h"
#include "render/summary.h"
#include "tests/support.h"

static void
test_outline_rows(void **state)
{
	struct design *d = support_load_file("samples/multi-dc.cfg");
	struct outline o = { NULL, 0, 0 };
	static const char *const want[] = {
		"VPC prod  VGW AS64512  172.31.0.0/16",
		"dc1  10.0.0.0/16",
		"cgw1  cisco-ios AS65001",
		"vpn1  VPN bgp, 2 tunnels",
		"dc2  10.1.0.0/16",
		"cd2  junos AS65001",
		"dx1  DX EqDC2/Zayo 10G vlan 101",
		"WAN dc1 - dc2  10 Gbps",
	};
	static const int depth[] = { 0, 0, 1, 2, 0, 1, 2, 0 };

	(void)state;
	outline_build(d, &o);
	assert_int_equal(o.count, 8);
	for (size_t i = 0; i < o.count; i++) {
		assert_string_equal(o.rows[i].text, want[i]);
		assert_int_equal(o.rows[i].depth, depth[i]);
	}
	assert_int_equal(o.rows[3].kind, OUTLINE_CONN);
	assert_int_equal(o.rows[3].index, 0);
	/* Building again replaces, never appends. */
	outline_build(d, &o);
	assert_int_equal(o.count, 8);
	outline_free(&o);
	design_free(&d);
}

static void
test_inspector_texts(void **state)
{
	struct design *d = support_load_file("samples/multi-dc.cfg");
	struct outline o = { NULL, 0, 0 };
	char *s;

	(void)state;
	outline_build(d, &o);
	s = outline_inspect(d, &o.rows[3]);
	assert_non_null(strstr(s, "vpn1 · Site-to-Site VPN\n"));
	assert_non_null(strstr(s, "device      cgw1 (dc1)\n"));
	assert_non_null(strstr(s, "tunnel 1    169.254.10.0/30 1.25 Gbps\n"));
	assert_non_null(strstr(s, "advertises  10.0.0.0/15\n"));
	assert_non_null(strstr(s, "IKEv2, DPD 10s"));
	assert_non_null(strstr(s, "phase 1     aes256-gcm16 / sha2-256\n"
	    "            DH 20 14, 28800 s\n"));
	assert_non_null(strstr(s, "phase 2     aes256-gcm16 / sha2-256\n"
	    "            PFS 20 14, 3600 s\n"));
	assert_null(strstr(s, "avail "));
	free(s);
	s = outline_inspect(d, &o.rows[6]);
	assert_non_null(strstr(s, "dx1 · Direct Connect\n"));
	assert_non_null(strstr(s, "location    EqDC2 via Zayo\n"));
	assert_non_null(strstr(s, "10 Gbps, VLAN 101, BFD on"));
	free(s);
	s = outline_inspect(d, &o.rows[2]);
	assert_non_null(strstr(s, "public_ip   203.0.113.10\n"));
	assert_non_null(strstr(s, "isp         isp-a\n"));
	free(s);
	s = outline_inspect(d, &o.rows[1]);
	assert_non_null(strstr(s, "note        Ashburn primary\n"));
	free(s);
	s = outline_inspect(d, &o.rows[7]);
	assert_non_null(strstr(s, "WAN link wan:dc1-dc2\n"));
	free(s);
	/* What the design sets on an object itself is shown; defaults not. */
	d->conns[0].availability = 0.9995;
	d->conns[0].tunnels[0].has_outside = true;
	assert_int_equal(prefix_parse_address("198.51.100.7",
	    &d->conns[0].tunnels[0].aws_outside_ip, NULL, 0), 0);
	d->conns[0].ike.phase2.ndh = 0;
	s = outline_inspect(d, &o.rows[3]);
	assert_non_null(strstr(s, "avail       0.9995 (set)\n"));
	assert_non_null(strstr(s, "1.25 Gbps\n            198.51.100.7\n"));
	assert_non_null(strstr(s, "no PFS, 3600 s\n"));
	free(s);
	outline_free(&o);
	design_free(&d);
}

static void
test_inspector_communities(void **state)
{
	struct design *d = support_load_file("samples/dx-active-active.cfg");
	struct outline o = { NULL, 0, 0 };
	char *s;

	(void)state;
	outline_build(d, &o);
	s = outline_inspect(d, &o.rows[3]);
	assert_non_null(strstr(s, "advertises  10.0.0.0/16\n"));
	assert_non_null(strstr(s, "            10.1.0.0/16 prepend 2\n"));
	free(s);
	s = outline_inspect(d, &o.rows[0]);
	assert_non_null(strstr(s, "transit gateway"));
	assert_non_null(strstr(s, "ecmp        off"));
	free(s);
	outline_free(&o);
	design_free(&d);
}

static void
test_summary_counts(void **state)
{
	struct design *d = support_load_file("samples/multi-dc.cfg");
	struct design *empty = design_new();
	char *s;

	(void)state;
	s = summary_counts(d);
	assert_string_equal(s, "2 data centers, 1 WAN link, 2 devices, 2 "
	    "connections (1 VPN, 1 DX), 2 traffic demands");
	free(s);
	s = summary_counts(empty);
	assert_string_equal(s, "an empty design");
	free(s);
	design_add_dc(empty, "dc1");
	s = summary_counts(empty);
	assert_string_equal(s, "1 data center");
	free(s);
	design_free(&empty);
	design_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outline_rows),
		cmocka_unit_test(test_inspector_texts),
		cmocka_unit_test(test_inspector_communities),
		cmocka_unit_test(test_summary_counts),
	};

	return cmocka_run_group_tests_name("outline", tests, NULL, NULL);
}
