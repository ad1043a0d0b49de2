#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
error_add(struct error *err, const char *file, int line, const char *field,
    const char *fmt, ...)
{
	struct error_item *it;
	va_list ap;
	char *msg;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	if (msg == NULL)
		msg = xstrdup(fmt);
	err->items = xgrow(err->items, &err->cap, err->count + 1,
	    sizeof *err->items);
	it = &err->items[err->count++];
	it->file = file ? xstrdup(file) : NULL;
	it->line = line;
	it->field = field && *field ? xstrdup(field) : NULL;
	it->message = msg;
}

void
error_append(struct error *dst, const struct error *src)
{
	for (size_t i = 0; i < src->count; i++) {
		const struct error_item *it = &src->items[i];

		error_add(dst, it->file, it->line, it->field, "%s", it->message);
	}
}

void
error_clear(struct error *err)
{
	if (err == NULL)
		return;
	for (size_t i = 0; i < err->count; i++) {
		free(err->items[i].file);
		free(err->items[i].field);
		free(err->items[i].message);
	}
	free(err->items);
	err->items = NULL;
	err->count = err->cap = 0;
}

char *
error_item_string(const struct error_item *it)
{
	char *loc, *s;

	if (it->file && it->line > 0)
		loc = xasprintf("%s:%d: ", it->file, it->line);
	else if (it->file)
		loc = xasprintf("%s: ", it->file);
	else if (it->line > 0)
		loc = xasprintf("line %d: ", it->line);
	else
		loc = xstrdup("");
	if (it->field)
		s = xasprintf("%s%s: %s", loc, it->field, it->message);
	else
		s = xasprintf("%s%s", loc, it->message);
	free(loc);
	return s;
}

char *
error_string(const struct error *err)
{
	size_t len = 0, off = 0;
	char **lines = xcalloc(err->count ? err->count : 1, sizeof *lines);
	char *out;

	for (size_t i = 0; i < err->count; i++) {
		lines[i] = error_item_string(&err->items[i]);
		len += strlen(lines[i]) + 1;
	}
	out = xmalloc(len + 1);
	for (size_t i = 0; i < err->count; i++) {
		size_t n = strlen(lines[i]);

		memcpy(out + off, lines[i], n);
		out[off + n] = '\n';
		off += n + 1;
		free(lines[i]);
	}
	out[off] = '\0';
	free(lines);
	return out;
}
