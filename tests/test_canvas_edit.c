/* The designer's add/edit forms without a terminal: their checks (the
 * model's validators and the loader's messages) and the designs they
 * make; then the forms on a screen that writes to /dev/null, edited key
 * by key.  The edits themselves are tested in tests/test_design_edit.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "render/canvas.h"
#include "tui/form.h"
#include "tests/support.h"

static void
test_forms(void **state)
{
	struct design *d = support_load_file("samples/multi-dc.cfg"), *nd = NULL;
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
	assert_true(support_valid(nd));
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
	assert_true(support_valid(nd));
	assert_int_equal(nd->conns[nd->nconns - 1].ntunnels, 2);
	form_free(&f);

	/* Editing renames with references. */
	f = form_new(nd, NULL, FORM_DEVICE, true, 0, 1);
	form_set(f, "name", "edge1");
	design_free(&d);
	assert_int_equal(form_key(f, '\r', &d, what, sizeof what), FORM_DONE);
	assert_string_equal(d->conns[0].device, "edge1");
	assert_true(support_valid(d));
	form_free(&f);
	design_free(&d);
	design_free(&nd);
}

/* Every field: IKE, tunnels, traffic, risk groups, availability classes,
 * rule severities, single prefixes and advertisements. */
/* A new name in an edit form renames every reference; one another
 * object has is refused with the model's message and nothing changes. */
static void
test_forms_rename(void **state)
{
	struct design *d = support_load_file("samples/multi-dc.cfg"), *nd = NULL;
	struct form *f;
	char what[128];

	(void)state;
	f = form_new(d, NULL, FORM_DC, true, 0, CANVAS_DC);
	form_set(f, "name", "dc2");
	assert_non_null(strstr(form_problem(f), "a data center named dc2 "
	    "already exists"));
	assert_int_equal(form_key(f, '\r', &nd, what, sizeof what),
	    FORM_CONTINUE);
	assert_null(nd);
	form_set(f, "name", "ashburn");
	assert_string_equal(form_problem(f), "");
	assert_int_equal(form_key(f, '\r', &nd, what, sizeof what), FORM_DONE);
	form_free(&f);
	assert_true(support_valid(nd));
	assert_string_equal(nd->dcs[0].name, "ashburn");
	assert_string_equal(nd->devices[0].dc, "ashburn");
	assert_int_equal(design_find_wan(nd, "ashburn", "dc2"), 0);
	design_free(&nd);

	/* A design that does not validate is not checked as a whole, but a
	 * refused rename still stops the edit. */
	d->devices[1].asn = 0;
	assert_false(support_valid(d));
	f = form_new(d, NULL, FORM_VPN, true, 0, CANVAS_CONN);
	form_set(f, "name", "dx1");
	assert_int_equal(form_key(f, '\r', &nd, what, sizeof what),
	    FORM_CONTINUE);
	assert_null(nd);
	assert_non_null(strstr(form_problem(f), "dx1 already exists"));
	form_free(&f);
	design_free(&d);
}

/* Long lists (a data center with 150 prefixes, a VPN with 90
 * advertisements) go through a form whole: nothing is cut or dropped. */
static void
test_forms_long_lists(void **state)
{
	struct design *d = support_load_file("samples/multi-dc.cfg"), *nd = NULL;
	struct form *f;
	char what[128], buf[32];
	struct prefix p;

	(void)state;
	/* NaN is not a capacity. */
	f = form_new(d, NULL, FORM_DX, true, 1, CANVAS_CONN);
	form_set(f, "gbps", "nan");
	assert_non_null(strstr(form_problem(f), "gbps: must be"));
	form_free(&f);
	for (int i = 0; i < 150; i++) {
		snprintf(buf, sizeof buf, "10.%d.%d.0/24", 50 + i / 100, i % 100);
		assert_int_equal(prefix_parse(buf, &p, NULL, 0), 0);
		design_dc_add_prefix(&d->dcs[0], &p);
		if (i < 90)
			design_conn_add_advert(&d->conns[0], &p)->prepend = 2;
	}
	assert_true(support_valid(d));
	f = form_new(d, NULL, FORM_DC, true, 0, CANVAS_DC);
	assert_string_equal(form_problem(f), "");
	assert_int_equal(form_key(f, '\r', &nd, what, sizeof what), FORM_DONE);
	form_free(&f);
	assert_int_equal(nd->dcs[0].nprefixes, 151);
	assert_true(design_equal(d, nd));
	design_free(&nd);
	f = form_new(d, NULL, FORM_VPN, true, 0, CANVAS_CONN);
	assert_string_equal(form_problem(f), "");
	assert_int_equal(form_key(f, '\r', &nd, what, sizeof what), FORM_DONE);
	form_free(&f);
	assert_int_equal(nd->conns[0].nadverts, 91);
	/* Each keeps its prepend: the list is matched, not rebuilt. */
	assert_int_equal(nd->conns[0].adverts[90].prepend, 2);
	assert_true(design_equal(d, nd));
	design_free(&nd);
	design_free(&d);
}

static void
test_forms_every_field(void **state)
{
	struct design *d = support_load_file("samples/multi-dc.cfg"), *nd = NULL;
	struct form *f;
	char what[128];

	(void)state;
	/* vpn1: IKE lifetimes checked as typed and across phases. */
	f = form_new(d, NULL, FORM_VPN, true, 0, CANVAS_CONN);
	assert_string_equal(form_problem(f), "");
	form_set(f, "p1 lifetime", "100");
	assert_non_null(strstr(form_problem(f), "p1 lifetime: must be 900"));
	form_set(f, "p1 lifetime", "3000");
	form_set(f, "p2 lifetime", "3600");
	assert_non_null(strstr(form_problem(f), "phase2.lifetime: 3600 s must "
	    "be shorter than phase 1's 3000 s"));
	form_set(f, "p2 lifetime", "1800");
	form_set(f, "p1 encryption", "aes256 des");
	assert_non_null(strstr(form_problem(f), "\"des\" is not"));
	form_set(f, "p1 encryption", "aes256 aes128");
	form_set(f, "p2 pfs", "1");
	assert_non_null(strstr(form_problem(f), "DH group 1 is not accepted"));
	form_set(f, "p2 pfs", "");
	form_set(f, "t2 enabled", "no");
	form_set(f, "t1 gbps", "1");
	form_set(f, "t1 outside", "52.1.2.3");
	form_set(f, "dpd", "30");
	form_set(f, "local_pref", "150");
	form_set(f, "description", "backup");
	form_set(f, "availability", "2");
	assert_non_null(strstr(form_problem(f), "availability: 2 is out of"));
	form_set(f, "availability", "0.999");
	assert_string_equal(form_problem(f), "");
	assert_int_equal(form_key(f, '\r', &nd, what, sizeof what), FORM_DONE);
	form_free(&f);
	assert_true(support_valid(nd));
	assert_int_equal(nd->conns[0].ike.phase1.lifetime, 3000);
	assert_int_equal(nd->conns[0].ike.phase2.lifetime, 1800);
	assert_int_equal(nd->conns[0].ike.phase1.nencryption, 2);
	assert_int_equal(nd->conns[0].ike.phase1.encryption[1], IKE_AES128);
	assert_int_equal(nd->conns[0].ike.phase2.ndh, 0);
	assert_false(nd->conns[0].tunnels[1].enabled);
	assert_true(nd->conns[0].tunnels[0].has_outside);
	assert_int_equal(nd->conns[0].ike.dpd, 30);
	assert_int_equal(nd->conns[0].local_pref, 150);
	assert_string_equal(nd->conns[0].description, "backup");
	assert_true(nd->conns[0].availability == 0.999);
	design_free(&d);
	d = nd;

	/* A traffic demand and a risk group. */
	f = form_new(d, NULL, FORM_TRAFFIC, false, 0, CANVAS_DC);
	form_set(f, "prefix", "10.0.1.0/24");
	assert_non_null(strstr(form_problem(f), "traffic[2].prefix: 10.0.1.0/24 "
	    "is not a prefix that a data center originates"));
	design_delete_item(d, DESIGN_ITEM_TRAFFIC, 0, 0);
	form_free(&f);
	f = form_new(d, NULL, FORM_TRAFFIC, false, 0, CANVAS_DC);
	assert_string_equal(form_problem(f), "");
	form_set(f, "from_aws", "-1");
	assert_non_null(strstr(form_problem(f), "from_aws"));
	form_set(f, "from_aws", "2");
	assert_string_equal(form_problem(f), "");
	assert_int_equal(form_key(f, '\r', &nd, what, sizeof what), FORM_DONE);
	form_free(&f);
	assert_int_equal(nd->ntraffic, 2);
	assert_true(nd->traffic[1].from_aws == 2);
	design_free(&d);
	d = nd;
	f = form_new(d, NULL, FORM_RISK, false, 0, -1);
	assert_non_null(strstr(form_problem(f), "at least one member"));
	form_set(f, "members", "vpn1 device:nosuch");
	assert_non_null(strstr(form_problem(f), "device:nosuch"));
	form_set(f, "members", "vpn1 device:cd2 wan:dc1-dc2");
	form_set(f, "availability", "0.9999");
	assert_string_equal(form_problem(f), "");
	assert_int_equal(form_key(f, '\r', &nd, what, sizeof what), FORM_DONE);
	form_free(&f);
	assert_true(support_valid(nd));
	assert_int_equal(nd->nrisks, 1);
	assert_string_equal(nd->risks[0].members[0], "connection:vpn1");
	assert_int_equal(nd->risks[0].nmembers, 3);
	design_free(&d);
	d = nd;

	/* Availability classes and rule severities. */
	f = form_new(d, NULL, FORM_AVAIL, true, 0, -1);
	form_set(f, "tunnel", "0.99");
	assert_int_equal(form_key(f, '\r', &nd, what, sizeof what), FORM_DONE);
	form_free(&f);
	assert_true(nd->avail_set[AVAIL_TUNNEL]);
	assert_false(nd->avail_set[AVAIL_DX]);
	design_free(&d);
	d = nd;
	f = form_new(d, NULL, FORM_RULES, true, 0, -1);
	form_set(f, "HA007", "off");
	assert_int_equal(form_key(f, '\r', &nd, what, sizeof what), FORM_DONE);
	form_free(&f);
	assert_int_equal(nd->rules[6], RULE_SEVERITY_OFF);
	design_free(&d);
	d = nd;

	/* One advertisement: prepend and MED; then deleted. */
	f = form_edit_item(d, NULL, FORM_ADVERT, 0, 0);
	form_set(f, "prepend", "11");
	assert_non_null(strstr(form_problem(f), "prepend"));
	form_set(f, "prepend", "2");
	/* Numbers beyond any integer type, and NaN, are refused, not cast. */
	form_set(f, "med", "3.5e38");
	assert_non_null(strstr(form_problem(f), "med: must be a whole number"));
	form_set(f, "med", "nan");
	assert_non_null(strstr(form_problem(f), "med: must be a whole number"));
	form_set(f, "prepend", "nan");
	assert_non_null(strstr(form_problem(f), "prepend: "));
	form_set(f, "prepend", "2");
	form_set(f, "med", "50");
	assert_string_equal(form_problem(f), "");
	assert_int_equal(form_key(f, '\r', &nd, what, sizeof what), FORM_DONE);
	form_free(&f);
	assert_int_equal(nd->conns[0].adverts[0].prepend, 2);
	assert_true(nd->conns[0].adverts[0].has_med);
	design_free(&d);
	d = nd;
	f = form_edit_item(d, NULL, FORM_PREFIX, 0, 0);
	form_set(f, "prefix", "10.0.0.0/17");
	assert_non_null(strstr(form_problem(f), "10.0.0.0/16"));
	form_set(f, "prefix", "10.0.0.0/16");
	assert_int_equal(form_key(f, '\r', &nd, what, sizeof what), FORM_DONE);
	form_free(&f);
	assert_int_equal(nd->dcs[0].prefixes[0].len, 16);
	design_delete_item(nd, DESIGN_ITEM_ADVERT, 0, 0);
	assert_int_equal(nd->conns[0].nadverts, 0);
	design_delete_item(nd, DESIGN_ITEM_RISK, 0, 0);
	assert_int_equal(nd->nrisks, 0);
	design_delete_item(nd, DESIGN_ITEM_TRAFFIC, 0, 1);
	assert_int_equal(nd->ntraffic, 1);
	design_free(&nd);
	design_free(&d);
}

/* Availability and descriptions of every object, the VPC and the
 * design's title. */
static void
test_forms_common_fields(void **state)
{
	struct design *d = support_load_file("samples/multi-dc.cfg"), *nd = NULL;
	struct form *f;
	char what[128];

	(void)state;
	f = form_new(d, NULL, FORM_DC, true, 0, CANVAS_DC);
	form_set(f, "description", "Ashburn\tprimary");
	assert_non_null(strstr(form_problem(f), "description"));
	form_set(f, "description", "Ashburn");
	form_set(f, "availability", "0.9995");
	assert_int_equal(form_key(f, '\r', &nd, what, sizeof what), FORM_DONE);
	form_free(&f);
	assert_string_equal(nd->dcs[0].description, "Ashburn");
	assert_true(nd->dcs[0].availability == 0.9995);
	design_free(&d);
	d = nd;
	f = form_new(d, NULL, FORM_DEVICE, true, 1, CANVAS_DEVICE);
	form_set(f, "description", "");
	form_set(f, "availability", "0.99");
	assert_int_equal(form_key(f, '\r', &nd, what, sizeof what), FORM_DONE);
	form_free(&f);
	assert_null(nd->devices[1].description);
	assert_true(nd->devices[1].availability == 0.99);
	design_free(&d);
	d = nd;
	f = form_new(d, NULL, FORM_WAN, true, 0, CANVAS_WAN);
	form_set(f, "availability", "0.999");
	assert_int_equal(form_key(f, '\r', &nd, what, sizeof what), FORM_DONE);
	form_free(&f);
	assert_true(nd->wans[0].availability == 0.999);
	design_free(&d);
	d = nd;
	f = form_new(d, NULL, FORM_DX, true, 1, CANVAS_CONN);
	form_set(f, "local_pref", "300");
	form_set(f, "description", "primary");
	assert_string_equal(form_problem(f), "");
	assert_int_equal(form_key(f, '\r', &nd, what, sizeof what), FORM_DONE);
	form_free(&f);
	assert_int_equal(nd->conns[1].local_pref, 300);
	assert_string_equal(nd->conns[1].description, "primary");
	design_free(&d);
	d = nd;
	f = form_new(d, NULL, FORM_VPC, true, 0, CANVAS_VPC);
	form_set(f, "cidrs", "172.31.0.0/16 172.30.0.0/16");
	form_set(f, "ecmp", "yes");
	assert_non_null(strstr(form_problem(f), "vpc.ecmp: "));
	form_set(f, "gateway", "tgw");
	form_set(f, "design title", "Two sites");
	assert_string_equal(form_problem(f), "");
	assert_int_equal(form_key(f, '\r', &nd, what, sizeof what), FORM_DONE);
	form_free(&f);
	assert_int_equal(nd->vpc.ncidrs, 2);
	assert_true(nd->vpc.ecmp);
	assert_string_equal(nd->name, "Two sites");
	assert_true(support_valid(nd));
	design_free(&nd);
	design_free(&d);
}

static void
keys(struct form *f, const char *s)
{
	struct design *nd = NULL;
	char what[128];

	for (; *s; s++)
		assert_int_equal(form_key(f, (unsigned char)*s, &nd, what,
		    sizeof what), FORM_CONTINUE);
}

/* The forms as the designer shows them: formw editing keys, problems as
 * typed, pages, choices, a resize, then Enter. */
static void
test_forms_on_screen(void **state)
{
	struct design *d = support_load_file("samples/multi-dc.cfg"), *nd = NULL;
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *scr;
	struct form *f;
	char what[128];

	(void)state;
	assert_non_null(out);
	assert_non_null(in);
	/* The linux console: xterm's set-up fills libtinfo's parameter
	 * cache, which make valgrind counts as possibly lost. */
	scr = newterm("linux", out, in);
	if (scr == NULL)
		skip();
	resize_term(24, 80);
	f = form_new(d, "x.cfg", FORM_DC, false, 0, -1);
	form_draw(f, true, false);
	/* Typing adds at the end; Ctrl-U clears; Backspace deletes. */
	keys(f, "\x15" "9");
	assert_string_equal(form_problem(f),
	    "name: a name starts with a letter");
	form_key(f, KEY_BACKSPACE, &nd, what, sizeof what);
	keys(f, "dc1");
	assert_non_null(strstr(form_problem(f), "datacenters[2].name"));
	/* Left, Home, End and Delete move and edit inside the text. */
	form_key(f, KEY_LEFT, &nd, what, sizeof what);
	keys(f, "x");
	form_key(f, KEY_HOME, &nd, what, sizeof what);
	form_key(f, KEY_DC, &nd, what, sizeof what);
	form_key(f, KEY_END, &nd, what, sizeof what);
	form_key(f, KEY_RIGHT, &nd, what, sizeof what);
	keys(f, "9");
	form_draw(f, true, false);
	/* A new screen size keeps the values and the field. */
	resize_term(40, 120);
	form_draw(f, true, false);
	keys(f, "\t" "\x15" "10.2.0.0/16");
	assert_string_equal(form_problem(f), "");
	form_set(f, "description", "set while on screen");
	form_draw(f, true, false);
	assert_int_equal(form_key(f, '\r', &nd, what, sizeof what), FORM_DONE);
	assert_string_equal(what, "added data center cx19");
	assert_string_equal(nd->dcs[2].description, "set while on screen");
	assert_int_equal(nd->dcs[2].nprefixes, 1);
	form_free(&f);
	design_free(&nd);

	/* A device: a choice changes with Space, Left and its first letter;
	 * other keys leave it alone. */
	resize_term(24, 80);
	f = form_new(d, "x.cfg", FORM_DEVICE, false, 0, CANVAS_DC);
	form_draw(f, true, false);
	keys(f, "\t\t" "j");
	form_key(f, KEY_LEFT, &nd, what, sizeof what);
	keys(f, " x");
	form_key(f, KEY_BACKSPACE, &nd, what, sizeof what);
	form_draw(f, true, false);
	assert_int_equal(form_key(f, '\r', &nd, what, sizeof what), FORM_DONE);
	assert_int_equal(nd->devices[nd->ndevices - 1].vendor, VENDOR_JUNOS);
	form_free(&f);
	design_free(&nd);

	/* A VPN has pages: Up from the first field goes to the last page's
	 * last field, Down from there back to the first. */
	f = form_new(d, "x.cfg", FORM_VPN, true, 0, CANVAS_CONN);
	form_draw(f, true, false);
	form_key(f, KEY_UP, &nd, what, sizeof what);
	form_draw(f, true, false);
	keys(f, "ends");
	form_key(f, KEY_DOWN, &nd, what, sizeof what);
	keys(f, "\x15" "vpn9");
	for (int i = 0; i < 17; i++)
		form_key(f, KEY_DOWN, &nd, what, sizeof what);
	form_draw(f, true, false);
	keys(f, "\x15" "100");
	assert_string_equal(form_problem(f), "p1 lifetime: must be 900 to 28800");
	keys(f, "00");
	assert_int_equal(form_key(f, '\r', &nd, what, sizeof what), FORM_DONE);
	assert_string_equal(nd->conns[0].name, "vpn9");
	assert_int_equal(nd->conns[0].ike.phase1.lifetime, 10000);
	assert_non_null(strstr(nd->conns[0].description, "ends"));
	assert_true(support_valid(nd));
	form_free(&f);
	design_free(&nd);

	/* Esc cancels. */
	f = form_new(d, "x.cfg", FORM_RISK, false, 0, -1);
	form_draw(f, true, true);
	assert_int_equal(form_key(f, 27, &nd, what, sizeof what), FORM_CANCEL);
	form_free(&f);
	/* The screen (and its files) stay until the process ends: panelw
	 * keeps a panel for stdscr that delscreen does not free. */
	endwin();
	design_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_forms_rename),
		cmocka_unit_test(test_forms_long_lists),
		cmocka_unit_test(test_forms_every_field),
		cmocka_unit_test(test_forms_common_fields),
		cmocka_unit_test(test_forms_on_screen),
	};

	return cmocka_run_group_tests_name("canvas_edit", tests, NULL, NULL);
}
