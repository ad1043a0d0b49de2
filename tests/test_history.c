/* The undo history: every snapshot comes back equal, whether it was kept
 * whole or as shared lines; invalid snapshots and the first one stay
 * whole; a commit after undo drops what redo could reach; and a long run
 * of small edits on a large design costs lines, not designs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/design.h"
#include "model/error.h"
#include "model/history.h"
#include "tests/support.h"
#include "tools/gen.h"

#define NSNAP 30

/* Thirty different valid designs committed in turn, then walked back and
 * forth: each equal to what was committed. */
static void
test_every_snapshot_comes_back(void **state)
{
	struct design *want[NSNAP];
	struct history *h;

	(void)state;
	for (int i = 0; i < NSNAP; i++) {
		want[i] = gen_random((uint64_t)i + 1);
		assert_true(support_valid(want[i]));
	}
	h = history_new(design_clone(want[0]));
	history_set_valid(h, true);
	for (int i = 1; i < NSNAP; i++) {
		history_commit(h, design_clone(want[i]));
		history_set_valid(h, true);
	}
	assert_int_equal(history_count(h), NSNAP);
	assert_int_equal(history_pos(h), NSNAP - 1);
	/* The first, and the current one with four on each side. */
	assert_int_equal(history_whole(h), 1 + 5);
	for (int i = NSNAP - 1; i >= 0; i--) {
		struct design *d = history_go(h, (size_t)i);

		assert_non_null(d);
		assert_ptr_equal(d, history_current(h));
		assert_true(design_equal(d, want[i]));
		assert_true(history_whole(h) <= 1 + 9);
	}
	for (int i = 0; i < NSNAP; i += 7)
		assert_true(design_equal(history_at(h, (size_t)i), want[i]));
	history_free(&h);
	assert_null(h);
	for (int i = 0; i < NSNAP; i++)
		design_free(&want[i]);
}

/* A snapshot that did not validate might not load again: it stays
 * whole however far away the current one goes. */
static void
test_invalid_stays_whole(void **state)
{
	struct design *bad = gen_random(7), *d;
	struct history *h = history_new(gen_random(1));

	(void)state;
	history_set_valid(h, true);
	snprintf(bad->devices[0].dc, sizeof bad->devices[0].dc, "%s",
	    "nowhere");
	{
		struct error err = ERROR_INIT;

		assert_int_equal(design_validate(bad, NULL, &err), -1);
		error_clear(&err);
	}
	d = design_clone(bad);
	history_commit(h, d);
	history_set_valid(h, false);
	for (int i = 0; i < 10; i++) {
		history_commit(h, gen_random((uint64_t)i + 100));
		history_set_valid(h, true);
	}
	assert_ptr_equal(history_at(h, 1), d);
	assert_true(design_equal(history_go(h, 1), bad));
	history_free(&h);
	design_free(&bad);
}

/* Undo twice, then commit: the two snapshots redo could reach go. */
static void
test_commit_drops_redo(void **state)
{
	struct history *h = history_new(gen_random(1));
	struct design *last = gen_random(9);

	(void)state;
	for (int i = 2; i <= 5; i++)
		history_commit(h, gen_random((uint64_t)i));
	assert_int_equal(history_count(h), 5);
	assert_non_null(history_go(h, 2));
	history_commit(h, design_clone(last));
	assert_int_equal(history_count(h), 4);
	assert_int_equal(history_pos(h), 3);
	assert_true(design_equal(history_current(h), last));
	assert_null(history_at(h, 4));
	history_free(&h);
	design_free(&last);
}

/* Fifty moves of a data center on the M design: the 45 snapshots kept as
 * text share nearly every line, so together they take less than five
 * copies of one design's text (each costs a line table: 4 bytes a line). */
static void
test_small_edits_share_lines(void **state)
{
	struct design *d = gen_scaled(42, GEN_SIZE_M);
	char *text = design_to_string(d);
	size_t one = strlen(text);
	struct history *h = history_new(d);

	(void)state;
	history_set_valid(h, true);
	for (int i = 0; i < 50; i++) {
		struct design *nd = design_clone(history_current(h));

		design_set_layout(nd, nd->dcs[i % nd->ndcs].name, 2 * i, i % 3);
		history_commit(h, nd);
		history_set_valid(h, true);
	}
	assert_int_equal(history_whole(h), 1 + 5);
	assert_true(history_text_bytes(h) < 5 * one);
	/* And the oldest text one is still the design it was. */
	{
		struct design *want = design_clone(history_at(h, 0));

		design_set_layout(want, want->dcs[0].name, 0, 0);
		assert_true(design_equal(history_at(h, 1), want));
		design_free(&want);
	}
	free(text);
	history_free(&h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_snapshot_comes_back),
		cmocka_unit_test(test_invalid_stays_whole),
		cmocka_unit_test(test_commit_drops_redo),
		cmocka_unit_test(test_small_edits_share_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
