/* The topology canvas rendered to text and compared with reviewed golden
 * files under tests/fixtures/canvas/.  HATOPO_UPDATE_GOLDEN=1 rewrites
 * them (then review the diff by eye). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/canvas.h"
#include "tools/gen.h"
#include "tests/support.h"

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = xmalloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void
golden(const char *name, const char *got)
{
	char path[256], *want;

	snprintf(path, sizeof path, "tests/fixtures/canvas/%s", name);
	if (getenv("HATOPO_UPDATE_GOLDEN")) {
		FILE *f = fopen(path, "wb");

		assert_non_null(f);
		fputs(got, f);
		fclose(f);
		return;
	}
	want = slurp(path);
	if (want == NULL)
		fail_msg("%s is missing (HATOPO_UPDATE_GOLDEN=1 writes it)", path);
	if (strcmp(want, got) != 0) {
		fprintf(stderr, "--- %s\n%s--- got\n%s", path, want, got);
		free(want);
		fail_msg("%s differs", path);
	}
	free(want);
}

static void
render_sample(const char *cfg, const char *name, int wrap)
{
	struct design *d = support_load_file(cfg);
	struct canvas c;
	char file[128], *s;

	memset(&c, 0, sizeof c);
	canvas_layout(d, wrap, &c);
	s = canvas_text(&c, true);
	snprintf(file, sizeof file, "%s.txt", name);
	golden(file, s);
	free(s);
	s = canvas_text(&c, false);
	snprintf(file, sizeof file, "%s.ascii", name);
	golden(file, s);
	for (const char *p = s; *p; p++)
		assert_true((unsigned char)*p < 0x80);
	free(s);
	canvas_free(&c);
	design_free(&d);
}

static void
test_samples(void **state)
{
	(void)state;
	render_sample("samples/multi-dc.cfg", "multi-dc", 100);
	render_sample("samples/dx-active-active.cfg", "dx-active-active", 100);
	render_sample("samples/vpn-active-active.cfg", "vpn-active-active",
	    100);
	/* Narrow: the data centers wrap and hang off a trunk. */
	render_sample("samples/dx-active-active.cfg", "dx-active-active-narrow",
	    40);
}

/* What-if roles: dx1 down, vpn1 overloaded, the VPC selected, the WAN on
 * the selected destination's path. */
static void
test_roles(void **state)
{
	struct design *d = support_load_file("samples/multi-dc.cfg");
	struct canvas c;
	struct canvas_view v;
	uint8_t *st;
	bool *path;
	char *s;
	int o;

	(void)state;
	memset(&c, 0, sizeof c);
	canvas_layout(d, 100, &c);
	st = calloc(c.nobjs, sizeof *st);
	path = calloc(c.nobjs, sizeof *path);
	assert_true((o = canvas_find(&c, CANVAS_CONN, 1)) >= 0);
	st[o] = CANVAS_DOWN;
	assert_true((o = canvas_find(&c, CANVAS_CONN, 0)) >= 0);
	st[o] = CANVAS_OVERLOADED;
	path[o] = false;
	assert_true((o = canvas_find(&c, CANVAS_WAN, 0)) >= 0);
	st[o] = CANVAS_CARRYING;
	path[o] = true;
	v.state = st;
	v.path = path;
	v.selected = canvas_find(&c, CANVAS_VPC, 0);
	s = canvas_roles_text(&c, &v);
	golden("multi-dc-dx1-failed.roles", s);
	free(s);
	free(st);
	free(path);
	canvas_free(&c);
	design_free(&d);
}

/* Where a word is drawn in text cells, or -1. */
static int
find_word(const struct canvas *c, const char *word, int *y)
{
	size_t n = strlen(word);

	for (*y = 0; *y < c->h; (*y)++)
		for (int x = 0; x + (int)n <= c->w; x++) {
			size_t i = 0;

			while (i < n && canvas_at(c, x + (int)i, *y)->part ==
			    CANVAS_PART_TEXT &&
			    canvas_at(c, x + (int)i, *y)->ch == (uint32_t)word[i])
				i++;
			if (i == n)
				return x;
		}
	return -1;
}

/* A link or a box that is down is crossed out just before its label, and
 * nowhere else; what is up is drawn as laid out. */
static void
test_down_marked(void **state)
{
	struct design *d = support_load_file("samples/multi-dc.cfg");
	struct canvas c;
	struct canvas_view v = { NULL, NULL, -1 };
	uint8_t *st;
	int crossed = 0, x, y, dx_x, dx_y, wan_x, wan_y, dev_x, dev_y;

	(void)state;
	memset(&c, 0, sizeof c);
	canvas_layout(d, 100, &c);
	st = calloc(c.nobjs, sizeof *st);
	v.state = st;
	assert_true((dx_x = find_word(&c, "dx1 10G", &dx_y)) >= 2);
	assert_true((wan_x = find_word(&c, "wan 10G", &wan_y)) >= 2);
	assert_true((dev_x = find_word(&c, "cgw1 cisco", &dev_y)) >= 2);
	assert_int_equal(canvas_view_glyph(&c, dx_x - 2, dx_y, &v, true),
	    0x2503);                                    /* ┃ */
	st[canvas_find(&c, CANVAS_CONN, 1)] = CANVAS_DOWN;
	st[canvas_find(&c, CANVAS_WAN, 0)] = CANVAS_DOWN;
	st[canvas_find(&c, CANVAS_DEVICE, 0)] = CANVAS_DOWN;
	for (y = 0; y < c.h; y++)
		for (x = 0; x < c.w; x++)
			if (canvas_view_glyph(&c, x, y, &v, true) == 0x2573)
				crossed++;
	assert_int_equal(crossed, 3);
	assert_int_equal(canvas_view_glyph(&c, dev_x - 1, dev_y, &v, true),
	    0x2573);
	assert_int_equal(canvas_view_glyph(&c, dev_x - 2, dev_y, &v, true),
	    0x2502);                                    /* │ */
	assert_int_equal(canvas_view_glyph(&c, dx_x - 2, dx_y, &v, true),
	    0x2573);
	assert_int_equal(canvas_view_glyph(&c, wan_x - 2, wan_y, &v, true),
	    0x2573);
	assert_int_equal(canvas_view_glyph(&c, wan_x - 2, wan_y, &v, false),
	    'x');
	/* The label itself and the rest of the track keep their glyphs. */
	assert_int_equal(canvas_view_glyph(&c, dx_x, dx_y, &v, false), 'd');
	assert_int_equal(canvas_view_glyph(&c, dx_x - 2, dx_y + 1, &v, true),
	    canvas_glyph(canvas_at(&c, dx_x - 2, dx_y + 1), true));
	free(st);
	canvas_free(&c);
	design_free(&d);
}

/* Every object can be reached from the VPC by the arrow keys' search, and
 * every object's box is hit where it is drawn. */
static void
test_navigation(void **state)
{
	struct design *d = support_load_file("samples/multi-dc.cfg");
	struct canvas c;
	int dc1, dev, conn;

	(void)state;
	memset(&c, 0, sizeof c);
	canvas_layout(d, 100, &c);
	dc1 = canvas_find(&c, CANVAS_DC, 0);
	dev = canvas_find(&c, CANVAS_DEVICE, 0);
	conn = canvas_find(&c, CANVAS_CONN, 0);
	assert_int_equal(canvas_hit(&c, c.objs[dc1].x, c.objs[dc1].y), dc1);
	assert_int_equal(canvas_hit(&c, c.objs[dev].x + 2, c.objs[dev].y + 1),
	    dev);
	assert_int_equal(canvas_hit(&c, c.objs[conn].x, c.objs[conn].y + 1),
	    conn);
	assert_int_equal(canvas_neighbour(&c, canvas_find(&c, CANVAS_VPC, 0),
	    0, -1), -1);
	assert_true(canvas_neighbour(&c, canvas_find(&c, CANVAS_VPC, 0), 0, 1)
	    >= 0);
	assert_int_equal(canvas_neighbour(&c, canvas_find(&c, CANVAS_DC, 1),
	    1, 0), -1);
	assert_true(canvas_neighbour(&c, dc1, 1, 0) >= 0);
	canvas_free(&c);
	design_free(&d);
}

/* The user's positions: dc2 placed first. */
static void
test_layout_honoured(void **state)
{
	struct design *d = support_load_file("samples/multi-dc.cfg");
	struct canvas c;

	(void)state;
	memset(&c, 0, sizeof c);
	canvas_layout(d, 100, &c);
	assert_true(c.objs[canvas_find(&c, CANVAS_DC, 0)].x <
	    c.objs[canvas_find(&c, CANVAS_DC, 1)].x);
	design_set_layout(d, "dc2", 0, 0);
	design_set_layout(d, "dc1", 1, 0);
	canvas_layout(d, 100, &c);
	assert_true(c.objs[canvas_find(&c, CANVAS_DC, 0)].x >
	    c.objs[canvas_find(&c, CANVAS_DC, 1)].x);
	/* A new row where the user put one. */
	design_set_layout(d, "dc1", 0, 1);
	canvas_layout(d, 100, &c);
	assert_true(c.objs[canvas_find(&c, CANVAS_DC, 0)].y >
	    c.objs[canvas_find(&c, CANVAS_DC, 1)].y);
	/* Devices placed by the user keep their order inside the data
	 * center: cd2 moved into dc1 and put before cgw1. */
	snprintf(d->devices[1].dc, sizeof d->devices[1].dc, "dc1");
	canvas_layout(d, 100, &c);
	assert_true(c.objs[canvas_find(&c, CANVAS_DEVICE, 0)].x <
	    c.objs[canvas_find(&c, CANVAS_DEVICE, 1)].x);
	design_set_layout(d, "cd2", 1, 0);
	design_set_layout(d, "cgw1", 2, 0);
	canvas_layout(d, 100, &c);
	assert_true(c.objs[canvas_find(&c, CANVAS_DEVICE, 0)].x >
	    c.objs[canvas_find(&c, CANVAS_DEVICE, 1)].x);
	assert_int_equal(c.objs[canvas_find(&c, CANVAS_DEVICE, 0)].y,
	    c.objs[canvas_find(&c, CANVAS_DEVICE, 1)].y);
	canvas_free(&c);
	design_free(&d);
}

/* The L design: deterministic, every object placed inside the canvas,
 * wider than high screens allow. */
static void
test_large(void **state)
{
	struct design *d = gen_scaled(1, GEN_SIZE_L);
	struct canvas a, b;
	char *sa, *sb;

	(void)state;
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	canvas_layout(d, 200, &a);
	canvas_layout(d, 200, &b);
	assert_int_equal(a.w, b.w);
	assert_int_equal(a.h, b.h);
	assert_true(a.h > 100);
	sa = canvas_text(&a, true);
	sb = canvas_text(&b, true);
	assert_string_equal(sa, sb);
	for (size_t i = 0; i < a.nobjs; i++) {
		assert_true(a.objs[i].x >= 0 && a.objs[i].y >= 0);
		assert_true(a.objs[i].x + a.objs[i].w <= a.w);
		assert_true(a.objs[i].y + a.objs[i].h <= a.h);
	}
	assert_int_equal(canvas_find(&a, CANVAS_DC, 199) >= 0, 1);
	assert_int_equal(canvas_find(&a, CANVAS_CONN, 999) >= 0, 1);
	free(sa);
	free(sb);
	canvas_free(&a);
	canvas_free(&b);
	design_free(&d);
}

static void
test_empty(void **state)
{
	struct design *d = design_new();
	struct canvas c;
	char *s;

	(void)state;
	memset(&c, 0, sizeof c);
	canvas_layout(d, 80, &c);
	s = canvas_text(&c, true);
	golden("empty.txt", s);
	free(s);
	canvas_free(&c);
	design_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_samples),
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_down_marked),
		cmocka_unit_test(test_navigation),
		cmocka_unit_test(test_layout_honoured),
		cmocka_unit_test(test_large),
		cmocka_unit_test(test_empty),
	};

	return cmocka_run_group_tests_name("canvas", tests, NULL, NULL);
}
