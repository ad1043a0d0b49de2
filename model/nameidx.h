/* Name -> index lookups for large designs: an open-addressing hash over
 * names the caller keeps alive.  Duplicates keep their first index. */
#ifndef HATOPO_NAMEIDX_H
#define HATOPO_NAMEIDX_H

#include <stddef.h>
#include <stdint.h>

struct nameidx {
	const char **names;     /* by slot */
	uint32_t *idx;          /* by slot */
	size_t mask;
};

/* names[i] for i < n; stride bytes between consecutive names, so a name
 * field inside an array of structs is indexed in place. */
void nameidx_build(struct nameidx *x, const void *first, size_t n,
    size_t stride);
/* The index of name, or -1. */
int nameidx_find(const struct nameidx *x, const char *name);
void nameidx_free(struct nameidx *x);

#endif
