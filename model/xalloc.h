/* Allocation that never returns NULL: running out of memory is the one
 * failure the program does not try to survive. */
#ifndef HATOPO_XALLOC_H
#define HATOPO_XALLOC_H

#include <stddef.h>

#if defined(__GNUC__)
#define XALLOC_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define XALLOC_MALLOC __attribute__((malloc, returns_nonnull))
#else
#define XALLOC_PRINTF(a, b)
#define XALLOC_MALLOC
#endif

void *xmalloc(size_t size) XALLOC_MALLOC;
void *xcalloc(size_t n, size_t size) XALLOC_MALLOC;
void *xrealloc(void *ptr, size_t size);
/* Grow an array of n elements of size bytes to at least want elements. */
void *xgrow(void *ptr, size_t *cap, size_t want, size_t size);
char *xstrdup(const char *s) XALLOC_MALLOC;
char *xstrndup(const char *s, size_t n) XALLOC_MALLOC;
char *xasprintf(const char *fmt, ...) XALLOC_PRINTF(1, 2) XALLOC_MALLOC;

#endif
