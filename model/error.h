/* The one error convention: a function returns 0 or -1 and, on -1, adds
 * one or more items to a caller-owned struct error.  A loader reports every
 * problem of a file, so an error holds a list. */
#ifndef HATOPO_ERROR_H
#define HATOPO_ERROR_H

#include <stddef.h>

#include "xalloc.h"

struct error_item {
	char *file;    /* may be NULL */
	int line;      /* 0 when unknown */
	char *field;   /* may be NULL: e.g. "connections[1].tunnels[0].inside" */
	char *message;
};

struct error {
	struct error_item *items;
	size_t count;
	size_t cap;
};

#define ERROR_INIT { NULL, 0, 0 }

void error_add(struct error *err, const char *file, int line,
    const char *field, const char *fmt, ...) XALLOC_PRINTF(5, 6);
/* Append every item of src to dst. */
void error_append(struct error *dst, const struct error *src);
void error_clear(struct error *err);
/* "FILE:LINE: field: message", leaving out what is unknown. */
char *error_item_string(const struct error_item *item);
/* All items, one per line. */
char *error_string(const struct error *err);

#endif
