/* The failover matrix as review tables, CSV and JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/strbuf.h"
#include "render/matrix.h"

struct out {
	struct mtable *t;
	struct strbuf sb;
};

static int
emit(void *ctx, const struct matrix_scenario *s, const struct engine_result *r)
{
	struct out *o = ctx;
	char *chunk = mtable_add(o->t, s, r);

	if (chunk != NULL) {
		strbuf_puts(&o->sb, chunk);
		free(chunk);
	}
	return 0;
}

/* The whole output of "hatopo matrix" for a sample. */
static char *
render(const char *path, enum mtable_format fmt, int k, const char *fail,
    bool unicode)
{
	struct error err = ERROR_INIT;
	struct design *d = NULL;
	struct engine *e;
	struct matrix_opts o = { k, NULL, 0, false };
	struct matrix_counts counts;
	struct out out = { NULL, STRBUF_INIT };
	size_t *failed = NULL;
	char *tail;

	if (design_load(path, &d, &err) != 0)
		fail_msg("%s does not load", path);
	e = engine_new(d);
	if (fail != NULL)
		assert_int_equal(engine_parse_failures(e, fail, &failed, &o.nfail,
		    &err), 0);
	o.fail = failed;
	out.t = mtable_new(e, fmt, k, unicode);
	assert_int_equal(matrix_run(e, &o, emit, &out, &counts), 0);
	tail = mtable_finish(out.t, &counts);
	strbuf_puts(&out.sb, tail);
	free(tail);
	mtable_free(&out.t);
	free(failed);
	engine_free(&e);
	design_free(&d);
	return strbuf_detach(&out.sb);
}

static void
expect_line(const char *text, const char *line)
{
	const char *p = text;
	size_t n = strlen(line);

	while ((p = strstr(p, line)) != NULL) {
		if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
			return;
		p++;
	}
	fail_msg("no line \"%s\" in:\n%s", line, text);
}

static void
test_text_table_multi_dc(void **state)
{
	char *t = render("samples/multi-dc.cfg", MTABLE_TEXT, 1, NULL, true);

	(void)state;
	expect_line(t, "scenario         10.0.0.0/16 (dc1)           "
	    "10.1.0.0/16 (dc2)                       dc1 → AWS    dc2 → AWS");
	expect_line(t, "baseline         dx1 ⇒ dc2 ⇒ wan             dx1"
	    "                                     wan ⇒ dx1    dx1");
	expect_line(t, "connection:dx1   vpn1 ⇒ OVERLOADED 3.5/1.25  "
	    "vpn1 ⇒ dc1 ⇒ wan ⇒ OVERLOADED 3.5/1.25  vpn1         wan ⇒ vpn1");
	expect_line(t, "wan:dc1-dc2      BLACKHOLED at dc2           dx1"
	    "                                     vpn1         dx1");
	expect_line(t, "datacenter:dc1   origin down                 dx1"
	    "                                     origin down  dx1");
	expect_line(t, "- wan:dc1-dc2 blackholes 10.0.0.0/16: AWS still sends it "
	    "to dc2 over dx1 (10.0.0.0/15), and dc2 has no path to dc1. Fix: "
	    "advertise 10.0.0.0/16 from a device in dc1 too, or add a second "
	    "WAN link.");
	expect_line(t, "- connection:dx1 puts 3.5 Gbps toward on premises on "
	    "vpn1, whose tunnel carries 1.25 Gbps.");
	/* No line ends in a space. */
	assert_null(strstr(t, " \n"));
	free(t);
}

static void
test_ascii_arrows(void **state)
{
	char *t = render("samples/multi-dc.cfg", MTABLE_TEXT, 1, NULL, false);

	(void)state;
	assert_non_null(strstr(t, "dx1 => dc2 => wan"));
	assert_non_null(strstr(t, "dc1 -> AWS"));
	assert_null(strstr(t, "⇒"));
	free(t);
}

static void
test_markdown(void **state)
{
	char *t = render("samples/vpn-active-active.cfg", MTABLE_MD, 1, NULL,
	    true);

	(void)state;
	expect_line(t, "| baseline        | vpn1              | vpn2              "
	    "| vpn1        | vpn2        |");
	expect_line(t, "| connection:vpn2 | vpn1              | vpn1 ⇒ dc1 ⇒ wan  "
	    "| vpn1        | wan ⇒ vpn1  |");
	assert_non_null(strstr(t, "|-----------------|"));
	expect_line(t, "### Single points of failure: none");
	expect_line(t, "### Capacity: no connection or WAN link over capacity "
	    "after any single failure");
	free(t);
}

static void
test_one_of_and_ecmp_cells(void **state)
{
	struct error err = ERROR_INIT;
	struct design *d = NULL;
	struct engine *e;
	char *cell;
	const char *text =
	    "version = 1;\n"
	    "vpc = { name = \"v\"; cidrs = [\"172.31.0.0/16\"]; gateway = \"vgw\"; };\n"
	    "datacenters = ( { name = \"dc1\"; prefixes = [\"10.0.0.0/16\"]; } );\n"
	    "devices = ( { name = \"r1\"; dc = \"dc1\"; vendor = \"frr\"; asn = 65001;"
	    " public_ip = \"203.0.113.1\"; } );\n"
	    "connections = (\n"
	    " { name = \"vpn1\"; type = \"vpn\"; device = \"r1\"; tunnels = ( { inside ="
	    " \"169.254.10.0/30\"; } ); advertise = ( { prefix = \"10.0.0.0/16\"; } ); },\n"
	    " { name = \"vpn2\"; type = \"vpn\"; device = \"r1\"; tunnels = ( { inside ="
	    " \"169.254.11.0/30\"; } ); advertise = ( { prefix = \"10.0.0.0/16\"; } ); },\n"
	    " { name = \"dx1\"; type = \"dx\"; device = \"r1\"; location = \"L\"; provider"
	    " = \"P\"; gbps = 1.0; vlan = 1; peer = \"169.254.100.0/30\"; advertise ="
	    " ( { prefix = \"10.0.0.0/8\"; } ); },\n"
	    " { name = \"dx2\"; type = \"dx\"; device = \"r1\"; location = \"L\"; provider"
	    " = \"P\"; gbps = 1.0; vlan = 2; peer = \"169.254.100.4/30\"; advertise ="
	    " ( { prefix = \"10.0.0.0/8\"; } ); } );\n";
	size_t fail[1];

	(void)state;
	assert_int_equal(design_load_string(text, "t", &d, &err), 0);
	e = engine_new(d);
	cell = mtable_dest_cell(e, engine_baseline(e), 0, true);
	assert_string_equal(cell, "vpn1+vpn2 (one-of)");
	free(cell);
	fail[0] = (size_t)engine_component_find(e, "connection:vpn1");
	cell = mtable_dest_cell(e, engine_eval_view(e, fail, 1), 0, true);
	assert_string_equal(cell, "vpn2");
	free(cell);
	fail[0] = (size_t)engine_component_find(e, "device:r1");
	cell = mtable_dest_cell(e, engine_eval_view(e, fail, 1), 0, true);
	assert_string_equal(cell, "UNREACHABLE");
	free(cell);
	cell = mtable_dc_cell(e, engine_eval_view(e, fail, 1), 0, true);
	assert_string_equal(cell, "UNREACHABLE");
	free(cell);
	cell = mtable_dc_cell(e, engine_baseline(e), 0, true);
	assert_string_equal(cell, "dx1+dx2");
	free(cell);
	engine_free(&e);
	design_free(&d);
}

static void
test_json_shape(void **state)
{
	char *t = render("samples/multi-dc.cfg", MTABLE_JSON, 1, NULL, false);
	json_error_t jerr;
	json_t *root = json_loads(t, 0, &jerr), *sc, *to, *from, *load;

	(void)state;
	if (root == NULL)
		fail_msg("not JSON (%s at line %d):\n%s", jerr.text, jerr.line, t);
	assert_string_equal(json_string_value(json_object_get(root, "design")),
	    "Two data centers, DX primary with VPN backup");
	assert_int_equal(json_integer_value(json_object_get(root, "k")), 1);
	assert_int_equal(json_integer_value(json_object_get(root, "listed")), 15);
	assert_int_equal(json_integer_value(json_object_get(root, "tried")), 15);
	sc = json_object_get(root, "scenarios");
	assert_int_equal(json_array_size(sc), 15);
	assert_string_equal(json_string_value(json_object_get(json_array_get(sc,
	    0), "name")), "baseline");
	assert_int_equal(json_array_size(json_object_get(json_array_get(sc, 0),
	    "failed")), 0);
	to = json_array_get(json_object_get(json_array_get(sc, 0), "to_onprem"),
	    0);
	assert_string_equal(json_string_value(json_object_get(to, "prefix")),
	    "10.0.0.0/16");
	assert_string_equal(json_string_value(json_object_get(to, "origin")),
	    "dc1");
	assert_string_equal(json_string_value(json_object_get(to, "status")),
	    "ok");
	assert_string_equal(json_string_value(json_array_get(json_object_get(to,
	    "via"), 0)), "dx1");
	assert_string_equal(json_string_value(json_object_get(to, "mode")),
	    "single");
	assert_string_equal(json_string_value(json_object_get(to, "entry")),
	    "dc2");
	assert_true(json_real_value(json_object_get(to, "gbps")) == 3.0);
	from = json_array_get(json_object_get(json_array_get(sc, 0), "to_aws"),
	    0);
	assert_string_equal(json_string_value(json_object_get(from, "dc")),
	    "dc1");
	assert_string_equal(json_string_value(json_object_get(from, "status")),
	    "ok");
	assert_string_equal(json_string_value(json_object_get(from, "mode")),
	    "single");
	/* connection:dx1 failed: vpn1 carries 3.5 of 1.25 Gbps. */
	sc = json_array_get(sc, 4);
	assert_string_equal(json_string_value(json_object_get(sc, "name")),
	    "connection:dx1");
	assert_string_equal(json_string_value(json_array_get(json_object_get(sc,
	    "failed"), 0)), "connection:dx1");
	load = json_array_get(json_object_get(sc, "load"), 0);
	assert_string_equal(json_string_value(json_object_get(load, "id")),
	    "connection:vpn1");
	assert_true(json_real_value(json_object_get(load, "gbps")) == 3.5);
	assert_true(json_real_value(json_object_get(load, "capacity")) == 1.25);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(sc, "to_onprem"), 0), "status")), "overloaded");
	json_decref(root);
	free(t);
}

static void
test_json_k2_counts(void **state)
{
	char *t = render("samples/multi-dc.cfg", MTABLE_JSON, 2, NULL, false);
	json_t *root = json_loads(t, 0, NULL);

	(void)state;
	assert_non_null(root);
	assert_int_equal(json_integer_value(json_object_get(root, "k")), 2);
	assert_int_equal(json_integer_value(json_object_get(root, "tried")),
	    1 + 14 + 14 * 13 / 2);
	assert_int_equal(json_integer_value(json_object_get(root, "listed")),
	    (json_int_t)json_array_size(json_object_get(root, "scenarios")));
	json_decref(root);
	free(t);
}

static void
test_json_chosen_scenario(void **state)
{
	char *t = render("samples/multi-dc.cfg", MTABLE_JSON, 1,
	    "wan:dc2-dc1,isp:isp-a", false);
	json_t *root = json_loads(t, 0, NULL), *sc;

	(void)state;
	assert_non_null(root);
	sc = json_object_get(root, "scenarios");
	assert_int_equal(json_array_size(sc), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(sc,
	    1), "name")), "wan:dc1-dc2 + isp:isp-a");
	json_decref(root);
	free(t);
}

static void
test_csv(void **state)
{
	char *t = render("samples/multi-dc.cfg", MTABLE_CSV, 1, NULL, false);
	size_t lines = 0;

	(void)state;
	for (const char *p = t; *p; p++)
		lines += *p == '\n';
	/* Header, then 15 scenarios of 2 destinations and 2 data centers. */
	assert_int_equal(lines, 1 + 15 * 4);
	expect_line(t, "scenario,direction,target,origin,status,via,mode,entry,"
	    "gbps");
	expect_line(t, "baseline,to_onprem,10.0.0.0/16,dc1,ok,dx1,single,dc2,3.0");
	expect_line(t, "wan:dc1-dc2,to_onprem,10.0.0.0/16,dc1,blackholed,dx1,"
	    "single,dc2,3.0");
	expect_line(t, "datacenter:dc1,to_aws,dc1,dc1,origin-down,,none,dc1,1.0");
	free(t);
}

/* The whole review table of each sample, against files reviewed by eye
 * (regenerate: LC_ALL=C.UTF-8 ./hatopo matrix samples/X.cfg). */
static void
test_golden_tables(void **state)
{
	static const char *const names[] = { "multi-dc", "vpn-active-active",
		"dx-active-active" };

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		char *path = xasprintf("samples/%s.cfg", names[i]);
		char *golden = xasprintf("tests/fixtures/matrix/%s.txt", names[i]);
		char *t = render(path, MTABLE_TEXT, 1, NULL, true), *want;
		FILE *f = fopen(golden, "r");
		long n;

		assert_non_null(f);
		fseek(f, 0, SEEK_END);
		n = ftell(f);
		fseek(f, 0, SEEK_SET);
		want = xcalloc((size_t)n + 1, 1);
		assert_int_equal(fread(want, 1, (size_t)n, f), (size_t)n);
		fclose(f);
		if (strcmp(t, want) != 0)
			fail_msg("%s differs from %s:\n%s", path, golden, t);
		free(want);
		free(t);
		free(golden);
		free(path);
	}
}

static void
test_format_parse(void **state)
{
	enum mtable_format f;

	(void)state;
	assert_int_equal(mtable_format_parse("md", &f), 0);
	assert_int_equal(f, MTABLE_MD);
	assert_int_equal(mtable_format_parse("json", &f), 0);
	assert_int_equal(f, MTABLE_JSON);
	assert_int_equal(mtable_format_parse("html", &f), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_table_multi_dc),
		cmocka_unit_test(test_ascii_arrows),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_one_of_and_ecmp_cells),
		cmocka_unit_test(test_json_shape),
		cmocka_unit_test(test_json_k2_counts),
		cmocka_unit_test(test_json_chosen_scenario),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_golden_tables),
		cmocka_unit_test(test_format_parse),
	};

	return cmocka_run_group_tests_name("render_matrix", tests, NULL, NULL);
}
