#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "model/prefix.h"

static struct prefix
P(const char *s)
{
	struct prefix p;
	char why[160];

	assert_int_equal(prefix_parse(s, &p, why, sizeof why), 0);
	return p;
}

static void
expect_bad(const char *s, const char *needle)
{
	struct prefix p;
	char why[160] = "";

	assert_int_equal(prefix_parse(s, &p, why, sizeof why), -1);
	if (strstr(why, needle) == NULL)
		fail_msg("\"%s\": message \"%s\" lacks \"%s\"", s, why, needle);
}

static void
test_parse_print_v4(void **state)
{
	char buf[PREFIX_STRLEN];
	struct prefix p = P("10.0.0.0/16");

	(void)state;
	assert_string_equal(prefix_format(&p, buf, sizeof buf), "10.0.0.0/16");
	assert_true(prefix_is_v4(&p));
	assert_false(prefix_is_v6(&p));
	assert_int_equal(prefix_length(&p), 16);
	p = P("0.0.0.0/0");
	assert_string_equal(prefix_format(&p, buf, sizeof buf), "0.0.0.0/0");
	p = P("203.0.113.7/32");
	assert_string_equal(prefix_format(&p, buf, sizeof buf), "203.0.113.7/32");
}

static void
test_parse_print_v6(void **state)
{
	char buf[PREFIX_STRLEN];
	struct prefix p = P("2001:DB8::/32");

	(void)state;
	assert_string_equal(prefix_format(&p, buf, sizeof buf), "2001:db8::/32");
	assert_true(prefix_is_v6(&p));
	assert_int_equal(prefix_length(&p), 32);
	p = P("::/0");
	assert_string_equal(prefix_format(&p, buf, sizeof buf), "::/0");
	p = P("fd00:1:2:3::/64");
	assert_string_equal(prefix_format(&p, buf, sizeof buf), "fd00:1:2:3::/64");
}

static void
test_host_bits_name_network(void **state)
{
	(void)state;
	expect_bad("10.0.0.1/16", "the network is 10.0.0.0/16");
	expect_bad("169.254.10.2/30", "the network is 169.254.10.0/30");
	expect_bad("2001:db8::1/32", "the network is 2001:db8::/32");
}

static void
test_rejects_loose_forms(void **state)
{
	(void)state;
	expect_bad("10.1/16", "not an IPv4 or IPv6 address");
	expect_bad("010.0.0.0/8", "not an IPv4 or IPv6 address");
	expect_bad("0x0a000000/8", "not an IPv4 or IPv6 address");
	expect_bad("10.0.0.0/255.255.0.0", "malformed prefix length");
	expect_bad("10.0.0.0/33", "0-32");
	expect_bad("2001:db8::/129", "0-128");
	expect_bad("10.0.0.0/016", "malformed prefix length");
	expect_bad("10.0.0.0/", "malformed prefix length");
	expect_bad("10.0.0.0", "no prefix length");
	expect_bad(" 10.0.0.0/8", "not an IPv4 or IPv6 address");
	expect_bad("fe80::1%eth0/64", "not an IPv4 or IPv6 address");
	expect_bad("", "empty");
	expect_bad("256.0.0.0/8", "not an IPv4 or IPv6 address");
}

static void
test_too_long_input(void **state)
{
	char big[300];

	(void)state;
	memset(big, '1', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	expect_bad(big, "too long");
}

static void
test_address(void **state)
{
	struct prefix p;
	char buf[PREFIX_STRLEN], why[160];

	(void)state;
	assert_int_equal(prefix_parse_address("203.0.113.10", &p, why,
	    sizeof why), 0);
	assert_string_equal(prefix_format_address(&p, buf, sizeof buf),
	    "203.0.113.10");
	assert_int_equal(prefix_length(&p), 32);
	assert_int_equal(prefix_parse_address("203.0.113.0/24", &p, why,
	    sizeof why), -1);
	assert_non_null(strstr(why, "an address is wanted"));
	assert_int_equal(prefix_parse_address("2001:db8::5", &p, why,
	    sizeof why), 0);
	assert_int_equal(prefix_length(&p), 128);
}

static void
test_containment(void **state)
{
	struct prefix a = P("10.0.0.0/15"), b = P("10.1.0.0/16"),
	    c = P("10.2.0.0/16"), v6 = P("::/0"), all = P("0.0.0.0/0");

	(void)state;
	assert_true(prefix_contains(&a, &b));
	assert_false(prefix_contains(&b, &a));
	assert_false(prefix_contains(&a, &c));
	assert_true(prefix_contains(&a, &a));
	assert_true(prefix_contains(&all, &c));
	assert_false(prefix_contains(&v6, &c));
	assert_false(prefix_contains(&all, &v6));
	assert_true(prefix_overlaps(&b, &a));
	assert_false(prefix_overlaps(&b, &c));
	assert_true(prefix_equal(&b, &b));
	assert_false(prefix_equal(&a, &b));
}

static void
test_compare_orders(void **state)
{
	struct prefix a = P("10.0.0.0/15"), b = P("10.0.0.0/16"),
	    c = P("10.1.0.0/16"), d = P("2001:db8::/32");

	(void)state;
	assert_true(prefix_compare(&a, &b) < 0);
	assert_true(prefix_compare(&b, &c) < 0);
	assert_true(prefix_compare(&c, &d) < 0);
	assert_true(prefix_compare(&d, &a) > 0);
	assert_int_equal(prefix_compare(&c, &c), 0);
}

static void
test_hosts_and_netmask(void **state)
{
	struct prefix t = P("169.254.10.4/30"), h;
	char buf[PREFIX_STRLEN];

	(void)state;
	assert_int_equal(prefix_host(&t, 1, &h), 0);
	assert_string_equal(prefix_format_address(&h, buf, sizeof buf),
	    "169.254.10.5");
	assert_int_equal(prefix_host(&t, 2, &h), 0);
	assert_string_equal(prefix_format_address(&h, buf, sizeof buf),
	    "169.254.10.6");
	assert_int_equal(prefix_host(&t, 4, &h), -1);
	assert_string_equal(prefix_format_netmask(&t, buf, sizeof buf),
	    "255.255.255.252");
	t = P("10.0.0.252/30");
	assert_int_equal(prefix_host(&t, 3, &h), 0);
	assert_string_equal(prefix_format_address(&h, buf, sizeof buf),
	    "10.0.0.255");
}

static void
test_bytes(void **state)
{
	struct prefix p = P("10.1.2.0/24");
	uint8_t b[16];

	(void)state;
	assert_int_equal(prefix_bytes(&p, b), 4);
	assert_int_equal(b[0], 10);
	assert_int_equal(b[2], 2);
	p = P("2001:db8::/32");
	assert_int_equal(prefix_bytes(&p, b), 16);
	assert_int_equal(b[0], 0x20);
	assert_int_equal(b[3], 0xb8);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_print_v4),
		cmocka_unit_test(test_parse_print_v6),
		cmocka_unit_test(test_host_bits_name_network),
		cmocka_unit_test(test_rejects_loose_forms),
		cmocka_unit_test(test_too_long_input),
		cmocka_unit_test(test_address),
		cmocka_unit_test(test_containment),
		cmocka_unit_test(test_compare_orders),
		cmocka_unit_test(test_hosts_and_netmask),
		cmocka_unit_test(test_bytes),
	};

	return cmocka_run_group_tests_name("prefix", tests, NULL, NULL);
}
