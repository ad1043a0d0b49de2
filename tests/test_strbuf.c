/* The text buffer, and numbers written as a design file shows them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "model/strbuf.h"

static void
expect_double(double v, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_add_double(&sb, v);
	if (strcmp(sb.data, want) != 0)
		fail_msg("%.17g written as \"%s\", want \"%s\"", v, sb.data, want);
	/* What is written reads back exactly. */
	assert_true(strtod(sb.data, NULL) == v);
	strbuf_free(&sb);
}

static void
test_doubles(void **state)
{
	(void)state;
	expect_double(10, "10.0");
	expect_double(40, "40.0");
	expect_double(400, "400.0");
	expect_double(1.25, "1.25");
	expect_double(0.9995, "0.9995");
	expect_double(0.05, "0.05");
	expect_double(3, "3.0");
	expect_double(123456.789, "123456.789");
	expect_double(1e6, "1000000.0");
	expect_double(1e20, "1e+20");
	expect_double(5e-05, "5e-05");
	expect_double(0.1 + 0.2, "0.30000000000000004");
}

static void
test_building(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	(void)state;
	strbuf_puts(&sb, "a");
	strbuf_addf(&sb, "%d-%s", 42, "x");
	strbuf_add(&sb, "bcdef", 2);
	assert_string_equal(sb.data, "a42-xbc");
	assert_int_equal(sb.len, 7);
	s = strbuf_detach(&sb);
	assert_string_equal(s, "a42-xbc");
	assert_null(sb.data);
	free(s);
	s = strbuf_detach(&sb);
	assert_string_equal(s, "");
	free(s);
	for (int i = 0; i < 10000; i++)
		strbuf_puts(&sb, "0123456789");
	assert_int_equal(strlen(sb.data), 100000);
	strbuf_free(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_doubles),
		cmocka_unit_test(test_building),
	};

	return cmocka_run_group_tests_name("strbuf", tests, NULL, NULL);
}
