/* The availability report for people (text, Markdown for availability.md)
 * and programs (JSON, SPEC section 8). */
#ifndef HATOPO_RENDER_AVAILABILITY_H
#define HATOPO_RENDER_AVAILABILITY_H

#include "model/availability.h"

char *availability_text(const struct engine *e, const struct avail_report *r);
char *availability_markdown(const struct engine *e,
    const struct avail_report *r);
char *availability_json(const struct engine *e, const struct avail_report *r);
/* "99.98984%  3.99 nines  53.4 min/yr" for one item, e.g. the TUI's
 * inspector. */
char *availability_line(const struct avail_item *it);

#endif
