#include "strbuf.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
strbuf_reserve(struct strbuf *sb, size_t extra)
{
	sb->data = xgrow(sb->data, &sb->cap, sb->len + extra + 1, 1);
}

void
strbuf_add(struct strbuf *sb, const char *s, size_t n)
{
	strbuf_reserve(sb, n);
	memcpy(sb->data + sb->len, s, n);
	sb->len += n;
	sb->data[sb->len] = '\0';
}

void
strbuf_puts(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void
strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	strbuf_reserve(sb, (size_t)n);
	vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void
strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

char *
strbuf_detach(struct strbuf *sb)
{
	char *s = sb->data ? sb->data : xstrdup("");

	sb->data = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void
strbuf_free(struct strbuf *sb)
{
	free(sb->data);
	sb->data = NULL;
	sb->len = sb->cap = 0;
}

void
strbuf_add_double(struct strbuf *sb, double v)
{
	char buf[64];

	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	/* %g writes 10 as 1e+01: plain digits read better in a design. */
	if (strpbrk(buf, "eE") != NULL && fabs(v) >= 1 && fabs(v) < 1e15) {
		for (int dec = 1; dec <= 17; dec++) {
			snprintf(buf, sizeof buf, "%.*f", dec, v);
			if (strtod(buf, NULL) == v)
				break;
		}
	}
	if (strpbrk(buf, ".eEn") == NULL)
		strcat(buf, ".0");
	strbuf_puts(sb, buf);
}
