/* The failover matrix as text for people (a review table with the single
 * points of failure underneath, in plain text or Markdown) and for
 * programs (CSV, JSON).  Rows arrive one scenario at a time; streaming
 * formats hand back their text at once, tables at the end. */
#ifndef HATOPO_RENDER_MATRIX_H
#define HATOPO_RENDER_MATRIX_H

#include <stdbool.h>
#include <stddef.h>

#include "model/engine.h"
#include "model/matrix.h"

enum mtable_format { MTABLE_TEXT, MTABLE_MD, MTABLE_CSV, MTABLE_JSON };

struct mtable;

/* unicode: arrows as "⇒" rather than "=>". */
struct mtable *mtable_new(const struct engine *e, enum mtable_format fmt,
    int k, bool unicode);
void mtable_free(struct mtable **t);
/* Text to emit now (CSV and JSON stream), or NULL. */
char *mtable_add(struct mtable *t, const struct matrix_scenario *s,
    const struct engine_result *r);
/* Everything still to emit: the table and its summary, or the tail. */
char *mtable_finish(struct mtable *t, const struct matrix_counts *counts);
/* Parse "text", "md", "csv", "json". */
int mtable_format_parse(const char *s, enum mtable_format *out);

/* One cell, as the tables show it: "dx1+dx2", "vpn2 (one-of)",
 * "BLACKHOLED at dc2", "origin down". */
char *mtable_dest_cell(const struct engine *e, const struct engine_result *r,
    size_t dest, bool unicode);
char *mtable_dc_cell(const struct engine *e, const struct engine_result *r,
    size_t dc, bool unicode);

#endif
