/* make bench: the figures of SPEC section 11, one "BENCH name value unit"
 * line each.  Synthetic M and L designs from tools/gen.c (fixed seeds); the
 * live recompute is load + validate + the single-failure matrix, the naive
 * baseline evaluates every scenario from scratch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "model/availability.h"
#include "model/design.h"
#include "model/engine.h"
#include "model/matrix.h"
#include "model/rules.h"
#include "tools/gen.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

struct live {
	double total;   /* from the file's text: load + validate + matrix */
	double load;    /* parse and validate the text */
	double edit;    /* what an edit in the TUI costs: the design is in
			 * memory; validate, compile the engine, the matrix,
			 * the rules */
};

/* The work of SPEC 11's live recompute (load + validate + rules +
 * single-failure matrix), from the design's text. */
static struct live
live_once(const char *text, size_t *scenarios)
{
	struct error err = ERROR_INIT;
	struct design *d = NULL;
	struct engine *e;
	struct matrix_opts o = { 1, NULL, 0, false };
	struct matrix_counts counts;
	struct findings f;
	struct live l;
	double t0 = now(), t1, t2;

	if (design_load_string(text, "bench", &d, &err) != 0) {
		char *s = error_string(&err);

		fprintf(stderr, "bench: generated design does not load:\n%s", s);
		exit(1);
	}
	t1 = now();
	if (design_validate(d, NULL, &err) != 0)
		exit(1);
	e = engine_new(d);
	matrix_run(e, &o, NULL, NULL, &counts);
	rule_run(d, e, NULL, NULL, &f);
	t2 = now();
	findings_free(&f);
	/* The load above validated once already. */
	l.total = t2 - t0;
	l.load = t1 - t0;
	l.edit = t2 - t1;
	*scenarios = counts.tried;
	engine_free(&e);
	design_free(&d);
	return l;
}

static int
cmp_live(const void *a, const void *b)
{
	return cmp_double(&((const struct live *)a)->total,
	    &((const struct live *)b)->total);
}

static struct live
median_live(const char *text, int runs, size_t *scenarios)
{
	struct live *v = calloc((size_t)runs, sizeof *v), m;

	for (int i = 0; i < runs; i++)
		v[i] = live_once(text, scenarios);
	qsort(v, (size_t)runs, sizeof *v, cmp_live);
	m = v[runs / 2];
	free(v);
	return m;
}

static double
time_matrix(struct engine *e, int k, bool naive, size_t *tried,
    size_t *listed)
{
	struct matrix_opts o = { k, NULL, 0, naive };
	struct matrix_counts counts;
	double t0 = now();

	matrix_run(e, &o, NULL, NULL, &counts);
	*tried = counts.tried;
	*listed = counts.listed;
	return now() - t0;
}

static void
bench_size(const char *label, struct gen_size size, int runs, bool k2)
{
	struct design *d = gen_scaled(42, size);
	char *text = design_to_string(d);
	struct engine *e;
	size_t scen, tried, listed;
	double inc, naive;
	struct live live;

	live = median_live(text, runs, &scen);
	printf("BENCH %s.live_ms %.3f ms\n", label, live.total * 1e3);
	printf("BENCH %s.load_ms %.3f ms\n", label, live.load * 1e3);
	printf("BENCH %s.edit_ms %.3f ms\n", label, live.edit * 1e3);
	printf("BENCH %s.scenarios %zu count\n", label, scen);
	e = engine_new(d);
	inc = time_matrix(e, 1, false, &tried, &listed);
	naive = time_matrix(e, 1, true, &tried, &listed);
	printf("BENCH %s.k1_ms %.3f ms\n", label, inc * 1e3);
	printf("BENCH %s.naive_k1_ms %.3f ms\n", label, naive * 1e3);
	printf("BENCH %s.naive_ratio %.1f x\n", label, naive / inc);
	{
		struct avail_report ar;
		double t0 = now(), t;

		avail_compute(e, &ar);
		t = now() - t0;
		if (strcmp(label, "M") == 0)
			printf("BENCH M.avail_ms %.1f ms\n", t * 1e3);
		else
			printf("BENCH %s.avail_s %.3f s\n", label, t);
		avail_report_free(&ar);
	}
	if (k2) {
		double t = time_matrix(e, 2, false, &tried, &listed);

		printf("BENCH %s.k2_s %.3f s\n", label, t);
		printf("BENCH %s.k2_tried %zu count\n", label, tried);
		printf("BENCH %s.k2_listed %zu count\n", label, listed);
	}
	engine_free(&e);
	free(text);
	design_free(&d);
}

int
main(int argc, char **argv)
{
	struct rusage ru;
	bool quick = argc > 1 && strcmp(argv[1], "--quick") == 0;

	bench_size("M", GEN_SIZE_M, quick ? 5 : 51, true);
	bench_size("L", GEN_SIZE_L, quick ? 1 : 9, !quick);
	getrusage(RUSAGE_SELF, &ru);
	printf("BENCH L.rss_mib %.1f MiB\n", (double)ru.ru_maxrss / 1024.0);
	return 0;
}
