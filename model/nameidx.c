#include "nameidx.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

void
nameidx_build(struct nameidx *x, const void *first, size_t n, size_t stride)
{
	size_t cap = 8;

	while (cap < 2 * n + 1)
		cap *= 2;
	x->names = xcalloc(cap, sizeof *x->names);
	x->idx = xcalloc(cap, sizeof *x->idx);
	x->mask = cap - 1;
	for (size_t i = 0; i < n; i++) {
		const char *name = (const char *)first + i * stride;
		size_t s = (size_t)hash(name) & x->mask;

		while (x->names[s] != NULL) {
			if (strcmp(x->names[s], name) == 0)
				break;
			s = (s + 1) & x->mask;
		}
		if (x->names[s] == NULL) {
			x->names[s] = name;
			x->idx[s] = (uint32_t)i;
		}
	}
}

int
nameidx_find(const struct nameidx *x, const char *name)
{
	size_t s = (size_t)hash(name) & x->mask;

	while (x->names[s] != NULL) {
		if (strcmp(x->names[s], name) == 0)
			return (int)x->idx[s];
		s = (s + 1) & x->mask;
	}
	return -1;
}

void
nameidx_free(struct nameidx *x)
{
	free(x->names);
	free(x->idx);
	x->names = NULL;
	x->idx = NULL;
}
