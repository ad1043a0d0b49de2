/* Findings of the HA rules as text for people (grouped by severity,
 * optionally coloured), Markdown for review files, and JSON. */
#ifndef HATOPO_RENDER_FINDINGS_H
#define HATOPO_RENDER_FINDINGS_H

#include <stdbool.h>

#include "model/rules.h"

/* colour: ANSI colours for a terminal (the caller checks isatty and
 * NO_COLOR). */
char *findings_text(const struct design *d, const struct findings *f,
    bool colour);
char *findings_markdown(const struct design *d, const struct findings *f);
/* {"design", "findings": [{rule, severity, subject, message, fix}],
 *  "counts": {error, warning, info}} */
char *findings_json(const struct design *d, const struct findings *f);

#endif
