/* The availability report as text, Markdown and JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/availability.h"

struct fix {
	struct design *d;
	struct engine *e;
	struct avail_report r;
};

static void
open_sample(struct fix *f, const char *path)
{
	struct error err = ERROR_INIT;

	f->d = NULL;
	if (design_load(path, &f->d, &err) != 0)
		fail_msg("%s does not load", path);
	f->e = engine_new(f->d);
	avail_compute(f->e, &f->r);
}

static void
close_sample(struct fix *f)
{
	avail_report_free(&f->r);
	engine_free(&f->e);
	design_free(&f->d);
}

static void
test_text(void **state)
{
	struct fix f;
	char *t;

	(void)state;
	open_sample(&f, "samples/multi-dc.cfg");
	t = availability_text(f.e, &f.r);
	assert_non_null(strstr(t, "AWS to on premises\n"));
	assert_non_null(strstr(t, "  10.0.0.0/16 (dc1)  99.9898%  3.99 nines  "
	    "53.4 min/yr\n"));
	assert_non_null(strstr(t, "worst: wan:dc1-dc2 (52.5 min/yr); "
	    "connection:dx1 + device:cgw1"));
	assert_non_null(strstr(t, "On premises to AWS\n"));
	assert_non_null(strstr(t, "  dc1 -> AWS         "));
	assert_non_null(strstr(t, "Resiliency: no resiliency model (1 DX in 1 "
	    "location: EqDC2); AWS's SLA for it: no SLA beyond a single "
	    "connection's (95%); hatopo's worst computed figure: 99.9898%"));
	free(t);
	close_sample(&f);
}

static void
test_markdown(void **state)
{
	struct fix f;
	char *t;

	(void)state;
	open_sample(&f, "samples/dx-active-active.cfg");
	t = availability_markdown(f.e, &f.r);
	assert_non_null(strstr(t, "# Availability: Two data centers, "
	    "active/active Direct Connect\n"));
	assert_non_null(strstr(t, "| traffic | availability | nines | downtime "
	    "| costliest failures |\n"));
	assert_non_null(strstr(t, "| 10.0.0.0/16 (dc1) | "));
	assert_non_null(strstr(t, "connection:dx1 + connection:dx2"));
	assert_non_null(strstr(t, "high resiliency"));
	assert_non_null(strstr(t, "AWS's SLA for it: 99.9%"));
	free(t);
	close_sample(&f);
}

static void
test_json(void **state)
{
	struct fix f;
	char *t;
	json_t *root, *dest, *dc;

	(void)state;
	open_sample(&f, "samples/multi-dc.cfg");
	t = availability_json(f.e, &f.r);
	root = json_loads(t, 0, NULL);
	assert_non_null(root);
	dest = json_array_get(json_object_get(root, "destinations"), 0);
	assert_string_equal(json_string_value(json_object_get(dest, "prefix")),
	    "10.0.0.0/16");
	assert_true(fabs(json_real_value(json_object_get(dest,
	    "availability")) - (1 - f.r.dests[0].unavailability)) < 1e-14);
	assert_string_equal(json_string_value(json_array_get(json_object_get(
	    json_array_get(json_object_get(dest, "worst"), 0), "failed"), 0)),
	    "wan:dc1-dc2");
	dc = json_array_get(json_object_get(root, "datacenters"), 1);
	assert_string_equal(json_string_value(json_object_get(dc, "dc")), "dc2");
	assert_true(json_real_value(json_object_get(dc, "availability")) > 0.999);
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    root, "resiliency"), "model")), "no resiliency model");
	json_decref(root);
	free(t);
	close_sample(&f);
}

static void
test_line(void **state)
{
	struct avail_item it;
	char *s;

	(void)state;
	memset(&it, 0, sizeof it);
	it.unavailability = 1e-4;
	s = availability_line(&it);
	assert_string_equal(s, "99.9900%  4.00 nines  52.6 min/yr");
	free(s);
	it.unavailability = 1e-7;
	s = availability_line(&it);
	assert_string_equal(s, "99.9999900%  7.00 nines  3.16 s/yr");
	free(s);
	it.unavailability = 0.05;
	s = availability_line(&it);
	assert_string_equal(s, "95.00%  1.30 nines  438.3 h/yr");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_line),
	};

	return cmocka_run_group_tests_name("render_availability", tests, NULL,
	    NULL);
}
