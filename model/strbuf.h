/* A growable text buffer for building files and messages. */
#ifndef HATOPO_STRBUF_H
#define HATOPO_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

#include "xalloc.h"

struct strbuf {
	char *data;     /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_add(struct strbuf *sb, const char *s, size_t n);
void strbuf_puts(struct strbuf *sb, const char *s);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) XALLOC_PRINTF(2, 3);
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
    XALLOC_PRINTF(2, 0);
/* The text, never NULL; the buffer is empty afterwards. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_free(struct strbuf *sb);
/* A double as the shortest text that reads back to the same value, with a
 * decimal point so libconfig reads it as a float ("10.0", "0.9995"). */
void strbuf_add_double(struct strbuf *sb, double v);

#endif
