/* The failover matrix: the baseline and every failure scenario of SPEC
 * section 6, evaluated with the engine and handed one by one to a visitor
 * (so even the largest design never holds every scenario in memory). */
#ifndef HATOPO_MATRIX_H
#define HATOPO_MATRIX_H

#include <stdbool.h>
#include <stddef.h>

#include "engine.h"

struct matrix_scenario {
	const char *name;       /* "baseline", an ID, or "ID + ID" */
	const size_t *failed;   /* component indexes */
	size_t nfailed;
};

/* Return nonzero to stop the run. */
typedef int (*matrix_visit)(void *ctx, const struct matrix_scenario *s,
    const struct engine_result *r);

struct matrix_opts {
	int k;                  /* 1 or 2 */
	const size_t *fail;     /* with nfail > 0: just this scenario */
	size_t nfail;
	bool naive;             /* recompute every scenario from scratch */
};

struct matrix_counts {
	size_t tried;           /* scenarios evaluated, baseline included */
	size_t listed;          /* scenarios handed to the visitor */
};

/* k = 1: the baseline and every component and risk group alone, all
 * listed.  k = 2: also every pair; the baseline is always listed (it is
 * the reference row), any other scenario only when some status is neither
 * ok nor origin-down.  With fail: the baseline and that scenario. */
int matrix_run(struct engine *e, const struct matrix_opts *o,
    matrix_visit visit, void *ctx, struct matrix_counts *counts);

#endif
