/* The design as an indented outline (VPC, data centers, their devices and
 * connections, WAN links, risk groups) and an inspector text per row.
 * Plain text, so it is tested as strings and drawn by the TUI. */
#ifndef HATOPO_OUTLINE_H
#define HATOPO_OUTLINE_H

#include <stddef.h>

#include "model/design.h"

enum outline_kind {
	OUTLINE_VPC, OUTLINE_DC, OUTLINE_DEVICE, OUTLINE_CONN, OUTLINE_WAN,
	OUTLINE_RISK
};

struct outline_row {
	enum outline_kind kind;
	size_t index;               /* into the design's array of that kind */
	int depth;
	char text[256];
};

struct outline {
	struct outline_row *rows;
	size_t count;
	size_t cap;
};

void outline_build(const struct design *d, struct outline *o);
void outline_free(struct outline *o);
/* Title and "label  value" lines describing one row's object; no secret
 * ever appears here. */
char *outline_inspect(const struct design *d, const struct outline_row *row);

#endif
