#include "xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static _Noreturn void
xalloc_die(size_t size)
{
	char msg[96];
	int n = snprintf(msg, sizeof msg, "hatopo: out of memory (%zu bytes)\n", size);

	if (n > 0 && write(STDERR_FILENO, msg, (size_t)n) < 0)
		abort();
	abort();
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		xalloc_die(size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		xalloc_die(n * size);
	return p;
}

void *
xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (p == NULL)
		xalloc_die(size);
	return p;
}

void *
xgrow(void *ptr, size_t *cap, size_t want, size_t size)
{
	size_t ncap = *cap ? *cap : 4;

	if (want <= *cap)
		return ptr;
	while (ncap < want) {
		if (ncap > SIZE_MAX / 2)
			xalloc_die(SIZE_MAX);
		ncap *= 2;
	}
	if (ncap > SIZE_MAX / size)
		xalloc_die(SIZE_MAX);
	ptr = xrealloc(ptr, ncap * size);
	memset((char *)ptr + *cap * size, 0, (ncap - *cap) * size);
	*cap = ncap;
	return ptr;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	if (vasprintf(&p, fmt, ap) < 0)
		xalloc_die(strlen(fmt));
	va_end(ap);
	return p;
}
