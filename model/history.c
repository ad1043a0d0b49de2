/* Undo history with old snapshots kept as shared lines of text (see
 * history.h). */
#include "model/history.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/error.h"
#include "model/strbuf.h"
#include "model/xalloc.h"

/* Snapshots this close to the current one stay whole: undo and redo a
 * few steps cost nothing, and the edit code may look one step back. */
#define HISTORY_NEAR 4

struct snap {
	struct design *d;           /* NULL while kept as text only */
	uint32_t *lines;            /* ids into the line table, or NULL */
	size_t nlines;
	bool valid;
};

struct history {
	struct snap *s;
	size_t n, cap, pos;
	/* Every distinct line of every snapshot kept as text, once. */
	char **text;
	size_t ntext, textcap, textbytes;
	uint32_t *slots;            /* open addressing: id + 1, 0 empty */
	size_t nslots;
};

static uint64_t
line_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

static void
slots_grow(struct history *h)
{
	size_t n = h->nslots ? 2 * h->nslots : 1024;
	uint32_t *slots = xcalloc(n, sizeof *slots);

	for (size_t i = 0; i < h->ntext; i++) {
		size_t k = line_hash(h->text[i], strlen(h->text[i])) & (n - 1);

		while (slots[k] != 0)
			k = (k + 1) & (n - 1);
		slots[k] = (uint32_t)i + 1;
	}
	free(h->slots);
	h->slots = slots;
	h->nslots = n;
}

/* The id of a line (s, n bytes), stored the first time it is seen. */
static uint32_t
line_id(struct history *h, const char *s, size_t n)
{
	size_t k;

	if (2 * (h->ntext + 1) > h->nslots)
		slots_grow(h);
	k = line_hash(s, n) & (h->nslots - 1);
	while (h->slots[k] != 0) {
		const char *t = h->text[h->slots[k] - 1];

		if (strncmp(t, s, n) == 0 && t[n] == '\0')
			return h->slots[k] - 1;
		k = (k + 1) & (h->nslots - 1);
	}
	h->text = xgrow(h->text, &h->textcap, h->ntext + 1, sizeof *h->text);
	h->text[h->ntext] = xmalloc(n + 1);
	memcpy(h->text[h->ntext], s, n);
	h->text[h->ntext][n] = '\0';
	h->textbytes += n + 1;
	h->slots[k] = (uint32_t)h->ntext + 1;
	return (uint32_t)h->ntext++;
}

static void
snap_to_lines(struct history *h, struct snap *p)
{
	char *text = design_to_string(p->d);
	size_t cap = 0;

	p->nlines = 0;
	for (const char *s = text; *s;) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);

		p->lines = xgrow(p->lines, &cap, p->nlines + 1, sizeof *p->lines);
		p->lines[p->nlines++] = line_id(h, s, n);
		s += n + (e != NULL);
	}
	free(text);
}

static void
snap_clear(struct snap *p)
{
	design_free(&p->d);
	free(p->lines);
	p->lines = NULL;
	p->nlines = 0;
}

/* Keep whole only the first snapshot and those near the current one. */
static void
compact(struct history *h)
{
	for (size_t i = 1; i < h->n; i++) {
		struct snap *p = &h->s[i];
		size_t dist = i > h->pos ? i - h->pos : h->pos - i;

		if (p->d == NULL || !p->valid || dist <= HISTORY_NEAR)
			continue;
		if (p->lines == NULL)
			snap_to_lines(h, p);
		design_free(&p->d);
	}
}

struct history *
history_new(struct design *first)
{
	struct history *h = xcalloc(1, sizeof *h);

	h->s = xgrow(NULL, &h->cap, 1, sizeof *h->s);
	h->s[0] = (struct snap){ first, NULL, 0, false };
	h->n = 1;
	return h;
}

void
history_free(struct history **hp)
{
	struct history *h = *hp;

	if (h == NULL)
		return;
	for (size_t i = 0; i < h->n; i++)
		snap_clear(&h->s[i]);
	free(h->s);
	for (size_t i = 0; i < h->ntext; i++)
		free(h->text[i]);
	free(h->text);
	free(h->slots);
	free(h);
	*hp = NULL;
}

void
history_commit(struct history *h, struct design *d)
{
	for (size_t i = h->pos + 1; i < h->n; i++)
		snap_clear(&h->s[i]);
	h->n = h->pos + 1;
	h->s = xgrow(h->s, &h->cap, h->n + 1, sizeof *h->s);
	h->s[h->n++] = (struct snap){ d, NULL, 0, false };
	h->pos = h->n - 1;
	compact(h);
}

const struct design *
history_at(struct history *h, size_t i)
{
	struct snap *p;
	struct strbuf sb = STRBUF_INIT;
	struct error err = ERROR_INIT;
	char *text;

	if (i >= h->n)
		return NULL;
	p = &h->s[i];
	if (p->d != NULL)
		return p->d;
	for (size_t k = 0; k < p->nlines; k++) {
		strbuf_puts(&sb, h->text[p->lines[k]]);
		strbuf_puts(&sb, "\n");
	}
	text = strbuf_detach(&sb);
	if (design_load_string(text, "history", &p->d, &err) != 0)
		p->d = NULL;
	error_clear(&err);
	free(text);
	return p->d;
}

struct design *
history_go(struct history *h, size_t i)
{
	if (history_at(h, i) == NULL)
		return NULL;
	h->pos = i;
	compact(h);
	return h->s[i].d;
}

struct design *
history_current(const struct history *h)
{
	return h->s[h->pos].d;
}

size_t
history_pos(const struct history *h)
{
	return h->pos;
}

size_t
history_count(const struct history *h)
{
	return h->n;
}

void
history_set_valid(struct history *h, bool valid)
{
	h->s[h->pos].valid = valid;
}

size_t
history_whole(const struct history *h)
{
	size_t n = 0;

	for (size_t i = 0; i < h->n; i++)
		n += h->s[i].d != NULL;
	return n;
}

size_t
history_text_bytes(const struct history *h)
{
	size_t n = h->textbytes + h->nslots * sizeof *h->slots;

	for (size_t i = 0; i < h->n; i++)
		n += h->s[i].nlines * sizeof *h->s[i].lines;
	return n;
}
