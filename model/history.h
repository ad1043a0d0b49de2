/* The designer's undo history: every snapshot of a session.  The current
 * snapshot and its neighbours are kept as designs; the others, when they
 * are valid, as the lines of their text, each distinct line stored once
 * for the whole history.  A long session on a large design then costs a
 * few bytes a line per edit instead of a whole design (L: about 0.1 MB
 * instead of 2 MB), and undoing into an old snapshot loads it again.
 *
 * The first snapshot (the file as it was opened) is always kept whole, so
 * that messages about it keep the file's own line numbers. */
#ifndef HATOPO_HISTORY_H
#define HATOPO_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "model/design.h"

struct history;

/* A history holding first (taken over) as its only snapshot. */
struct history *history_new(struct design *first);
void history_free(struct history **h);

/* Drop the snapshots after the current one (what redo could reach), then
 * append d (taken over) and make it current. */
void history_commit(struct history *h, struct design *d);
/* Make snapshot i current; NULL when it could not be loaded again
 * (the current snapshot is then unchanged). */
struct design *history_go(struct history *h, size_t i);
struct design *history_current(const struct history *h);
size_t history_pos(const struct history *h);
size_t history_count(const struct history *h);
/* Snapshot i as a design, loaded again if it was kept as text; owned by
 * the history.  NULL when it cannot be loaded. */
const struct design *history_at(struct history *h, size_t i);
/* Whether the current snapshot validates: only those are kept as text
 * (an invalid design would not load again). */
void history_set_valid(struct history *h, bool valid);
/* Snapshots kept whole, and the bytes the text ones take (for tests and
 * the bench). */
size_t history_whole(const struct history *h);
size_t history_text_bytes(const struct history *h);

#endif
