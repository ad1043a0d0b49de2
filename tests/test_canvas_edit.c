/* The designer's edits without a terminal: deleting with dependents,
 * renaming with references, free tunnel /30s, and the add/edit forms'
 * checks (the model's validators and the loader's messages). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/edit.h"
#include "tui/form.h"

static struct design *
sample(const char *path)
{
	struct error err = ERROR_INIT;
	struct design *d = NULL;

	if (design_load(path, &d, &err) != 0)
		fail_msg("%s does not load", path);
	return d;
}

static bool
valid(const struct design *d)
{
	struct error err = ERROR_INIT;
	int rc = design_validate(d, NULL, &err);

	if (rc != 0) {
		char *s = error_string(&err);

		fprintf(stderr, "%s", s);
		free(s);
	}
	error_clear(&err);
	return rc == 0;
}

static void
test_dependents_and_delete(void **state)
{
	struct design *d = sample("samples/multi-dc.cfg");
	char *s;

	(void)state;
	s = edit_dependents(d, CANVAS_DC, 0, NULL);
	assert_string_equal(s, "cgw1, vpn1, wan:dc1-dc2");
	free(s);
	s = edit_dependents(d, CANVAS_DEVICE, 1, NULL);
	assert_string_equal(s, "dx1");
	free(s);
	assert_null(edit_dependents(d, CANVAS_CONN, 0, NULL));
	s = edit_dependents(d, CANVAS_LOCATION, 0, "EqDC2");
	assert_string_equal(s, "dx1");
	free(s);
	edit_delete(d, CANVAS_DC, 0, NULL);
	assert_int_equal(d->ndcs, 1);
	assert_int_equal(d->ndevices, 1);
	assert_int_equal(d->nconns, 1);
	assert_int_equal(d->nwans, 0);
	assert_int_equal(d->ntraffic, 1);
	assert_string_equal(d->conns[0].name, "dx1");
	assert_true(valid(d));
	edit_delete(d, CANVAS_LOCATION, 0, "EqDC2");
	assert_int_equal(d->nconns, 0);
	assert_true(valid(d));
	design_free(&d);
}

static void
test_rename(void **state)
{
	struct design *d = sample("samples/multi-dc.cfg");
	struct risk *r;

	(void)state;
	r = design_add_risk(d, "conduit");
	design_risk_add_member(r, "connection:dx1");
	design_risk_add_member(r, "datacenter:dc1");
	design_set_layout(d, "dc1", 0, 0);
	edit_rename(d, CANVAS_DC, 0, "ash");
	edit_rename(d, CANVAS_CONN, 1, "dxA");
	edit_rename(d, CANVAS_DEVICE, 0, "edge1");
	assert_string_equal(d->devices[0].dc, "ash");
	assert_string_equal(d->wans[0].a, "ash");
	assert_string_equal(d->conns[0].device, "edge1");
	assert_string_equal(d->risks[0].members[0], "connection:dxA");
	assert_string_equal(d->risks[0].members[1], "datacenter:ash");
	assert_string_equal(d->layout[0].name, "ash");
	assert_true(valid(d));
	design_free(&d);
}

static void
test_propose_inside(void **state)
{
	struct design *d = sample("samples/multi-dc.cfg");
	struct prefix p[2];
	char a[PREFIX_STRLEN], b[PREFIX_STRLEN];

	(void)state;
	assert_int_equal(edit_propose_inside(d, p, 2), 2);
	assert_string_equal(prefix_format(&p[0], a, sizeof a),
	    "169.254.10.8/30");
	assert_string_equal(prefix_format(&p[1], b, sizeof b),
	    "169.254.10.12/30");
	design_free(&d);
	d = design_new();
	assert_int_equal(edit_propose_inside(d, p, 2), 2);
	assert_string_equal(prefix_format(&p[0], a, sizeof a),
	    "169.254.10.0/30");
	assert_null(design_inside_problem(&p[0]));
	design_free(&d);
}

static void
test_forms(void **state)
{
	struct design *d = sample("samples/multi-dc.cfg"), *nd = NULL;
	struct form *f;
	char what[128];

	(void)state;
	f = form_new(d, "x.cfg", FORM_DC, false, 0, -1);
	assert_string_equal(form_problem(f), "");
	assert_int_equal(form_set(f, "name", "9x"), 0);
	assert_string_equal(form_problem(f),
	    "name: a name starts with a letter");
	form_set(f, "name", "dc1");
	/* The loader's own message for a duplicate. */
	assert_non_null(strstr(form_problem(f), "datacenters[2].name"));
	form_set(f, "name", "dc3");
	form_set(f, "prefixes", "10.2.0.1/16");
	assert_non_null(strstr(form_problem(f), "10.2.0.0/16"));
	form_set(f, "prefixes", "10.2.0.0/16");
	assert_string_equal(form_problem(f), "");
	assert_int_equal(form_key(f, '\r', &nd, what, sizeof what), FORM_DONE);
	assert_string_equal(what, "added data center dc3");
	assert_int_equal(nd->ndcs, 3);
	assert_true(valid(nd));
	form_free(&f);
	assert_null(f);

	/* A VPN on a device without a public IP: the cross-field rule. */
	f = form_new(nd, "x.cfg", FORM_DEVICE, false, 2, 1);
	form_set(f, "dc", "nosuch");
	assert_string_equal(form_problem(f), "dc: no data center named "
	    "\"nosuch\"");
	form_set(f, "dc", "dc3");
	form_set(f, "public_ip", "198.51.100.7");
	design_free(&d);
	assert_int_equal(form_key(f, '\r', &d, what, sizeof what), FORM_DONE);
	form_free(&f);
	f = form_new(d, "x.cfg", FORM_VPN, false, 2, 1);
	assert_string_equal(form_problem(f), "");
	design_free(&nd);
	assert_int_equal(form_key(f, '\r', &nd, what, sizeof what), FORM_DONE);
	assert_string_equal(what, "added VPN vpn2");
	assert_true(valid(nd));
	assert_int_equal(nd->conns[nd->nconns - 1].ntunnels, 2);
	form_free(&f);

	/* Editing renames with references. */
	f = form_new(nd, NULL, FORM_DEVICE, true, 0, 1);
	form_set(f, "name", "edge1");
	design_free(&d);
	assert_int_equal(form_key(f, '\r', &d, what, sizeof what), FORM_DONE);
	assert_string_equal(d->conns[0].device, "edge1");
	assert_true(valid(d));
	form_free(&f);
	design_free(&d);
	design_free(&nd);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dependents_and_delete),
		cmocka_unit_test(test_rename),
		cmocka_unit_test(test_propose_inside),
		cmocka_unit_test(test_forms),
	};

	return cmocka_run_group_tests_name("canvas_edit", tests, NULL, NULL);
}
