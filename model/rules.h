/* The HA rules of SPEC section 7: one table row and one small function per
 * rule, each looking at the design and the route engine's results and
 * adding findings.  Output is sorted by rule, then subject, so it diffs
 * cleanly from one run to the next. */
#ifndef HATOPO_RULES_H
#define HATOPO_RULES_H

#include <stddef.h>

#include "design.h"
#include "engine.h"
#include "error.h"
#include "secrets.h"

struct finding {
	char rule[8];               /* "HA002" */
	enum rule_severity severity;    /* info, warning or error */
	char *subject;              /* a component ID, or vpc:NAME */
	char *message;
	char *fix;
};

struct findings {
	struct finding *v;
	size_t n, cap;
	int counts[3];              /* error, warning, info */
};

struct rule_ctx;
typedef void (*rule_fn)(struct rule_ctx *ctx);

struct rule_def {
	const char *id;
	enum rule_severity severity;
	const char *title;
	rule_fn fn;
};

/* The catalogue, in rule order. */
const struct rule_def *rule_table(size_t *n);

/* Run every rule not switched off in the design's rules block.  secrets
 * may be NULL (HA019 then checks nothing); secrets_err, when it holds the
 * reasons a secrets file could not be read, becomes an HA019 finding. */
void rule_run(const struct design *d, struct engine *e,
    const struct secrets *s, const struct error *secrets_err,
    struct findings *out);
void findings_free(struct findings *f);

#endif
