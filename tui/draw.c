/* The designer's screen, drawn from its state: the topology canvas, the
 * inspector, the findings, the status line, and the help, matrix and list
 * views.  curses sends only the cells that changed, so the screen is drawn
 * whole each time and costs little on the wire. */
#include "tui/state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "model/availability.h"
#include "model/matrix.h"
#include "model/strbuf.h"
#include "render/availability.h"
#include "render/matrix.h"
#include "render/outline.h"

/* One row of a finding as the panel draws it: a piece of its message, or
 * of its fix; cut ends the piece with "...". */
struct item_row {
	const char *s;
	size_t n;
	bool fix, cut;
};

static attr_t
role(const struct tui *t, enum tui_role r)
{
	switch (r) {
	case ROLE_TITLE:
		return A_BOLD | (t->color ? COLOR_PAIR(PAIR_TITLE) : 0);
	case ROLE_SELECTED:
		return A_REVERSE;
	case ROLE_STATUS:
		return t->color ? COLOR_PAIR(PAIR_STATUS) : A_REVERSE;
	case ROLE_DIM:
		return A_DIM;
	case ROLE_NOTICE:
		return A_BOLD;
	case ROLE_ERROR:
		return A_BOLD | (t->color ? COLOR_PAIR(PAIR_BAD) : 0);
	case ROLE_WARNING:
		return t->color ? COLOR_PAIR(PAIR_WARN) : A_BOLD;
	case ROLE_INFO:
		return t->color ? COLOR_PAIR(PAIR_TITLE) : A_NORMAL;
	case ROLE_FRAME:
		return t->color ? A_DIM : A_NORMAL;
	case ROLE_FOCUS:
		return A_REVERSE | A_BOLD;
	case ROLE_NORMAL:
		break;
	}
	return A_NORMAL;
}

static attr_t
canvas_attr(const struct tui *t, enum canvas_role r)
{
	switch (r) {
	case CANVAS_R_BUS:
		return A_DIM;
	case CANVAS_R_VPC:
		return A_BOLD | (t->color ? COLOR_PAIR(PAIR_TITLE) : 0);
	case CANVAS_R_BOX_TEXT:
		return A_NORMAL;
	case CANVAS_R_BOX_DOWN:
		return t->color ? COLOR_PAIR(PAIR_BAD) | A_DIM : A_DIM;
	case CANVAS_R_SELECTED:
		return A_REVERSE | A_BOLD;
	case CANVAS_R_LINK_CARRYING:
		return t->color ? COLOR_PAIR(PAIR_GOOD) | A_BOLD : A_BOLD;
	case CANVAS_R_LINK_OVERLOADED:
		return t->color ? COLOR_PAIR(PAIR_WARN) | A_BOLD :
		    A_BOLD | A_UNDERLINE;
	case CANVAS_R_LINK_DOWN:
		return t->color ? COLOR_PAIR(PAIR_BAD) : A_DIM;
	case CANVAS_R_PATH:
		return t->color ? COLOR_PAIR(PAIR_PATH) | A_BOLD :
		    A_BOLD | A_UNDERLINE;
	default:
		return A_NORMAL;
	}
}

/* Put UTF-8 text into at most width cells, padding with blanks; in an
 * ASCII locale a middle dot becomes '-' and anything else beyond ASCII
 * '?'. */
static void
put_text(const struct tui *t, int y, int x, int width, const char *s,
    attr_t attr)
{
	const unsigned char *p = (const unsigned char *)s;
	int col = 0;

	if (width <= 0 || y < 0 || y >= LINES)
		return;
	move(y, x);
	while (*p && col < width) {
		uint32_t ch = *p++;

		if (ch >= 0xc0) {
			int more = ch >= 0xf0 ? 3 : ch >= 0xe0 ? 2 : 1;

			ch &= 0x3fu >> more;
			while (more-- > 0 && (*p & 0xc0) == 0x80)
				ch = (ch << 6) | (*p++ & 0x3fu);
		} else if (ch >= 0x80)
			continue;
		if (ch == '\n' || ch == '\t')
			ch = ' ';
		if (ch < 0x80 || t->utf8) {
			cchar_t cc;
			wchar_t w[2] = { (wchar_t)ch, 0 };
			int cw = wcwidth((wchar_t)ch);

			/* A double-width character takes two cells, and is left
			 * out rather than cut in half at the edge. */
			if (cw < 1)
				continue;
			if (col + cw > width)
				break;
			setcchar(&cc, w, attr, 0, NULL);
			add_wch(&cc);
			col += cw;
		} else {
			addch((chtype)(ch == 0xb7 ? '-' : '?') | attr);
			col++;
		}
	}
	for (; col < width; col++)
		addch(' ' | attr);
}

/* A frame with its title in the top border.  Focus shows in the title
 * alone: redrawing a whole border when Tab moves the focus would send
 * every cell of two frames. */
static void
frame(const struct tui *t, int y, int x, int h, int w, const char *title,
    bool focus)
{
	attr_t a = role(t, ROLE_FRAME);
	char buf[256];
	int n = 0;

	attron(a);
	mvaddch(y, x, ACS_ULCORNER);
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
	attroff(a);
	snprintf(buf, sizeof buf, " %s ", title);
	for (const char *p = buf; *p; p++)      /* columns, not bytes */
		n += ((unsigned char)*p & 0xc0) != 0x80;
	put_text(t, y, x + 1, n < w - 2 ? n : w - 2, buf, focus ?
	    role(t, ROLE_FOCUS) : A_BOLD);
}

/* Geometry of the main screen. */

void
draw_geometry(struct geom *g)
{
	int body = LINES - 2;

	g->rw = COLS < 100 ? 34 : COLS < 140 ? 42 : 50;
	g->cw = COLS - g->rw;
	g->ch = body;
	g->rx = g->cw;
	g->ih = body / 2;
	g->fy = 1 + g->ih;
	g->fh = body - g->ih;
}

static void
scenario_text(const struct tui *t, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < t->nfailed && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? " + " : "",
		    t->failed[i]);
}

static void
draw_header(struct tui *t)
{
	char buf[512], sc[256];
	int n;

	snprintf(buf, sizeof buf, " hatopo  %s%s%s  %s", t->path ? t->path :
	    "(new design)", t->is_new && t->saved_pos ==
	    (long)history_pos(t->hist) ? " [new]" : "", t->saved_pos !=
	    (long)history_pos(t->hist) ? " +" : "",
	    t->d->name);
	put_text(t, 0, 0, COLS, buf, role(t, ROLE_TITLE));
	scenario_text(t, sc, sizeof sc);
	if (sc[0]) {
		snprintf(buf, sizeof buf, " what-if: %s ", sc);
		n = (int)strlen(buf);
		if (n > COLS / 2)
			n = COLS / 2;
		put_text(t, 0, COLS - n, n, buf, role(t, ROLE_WARNING) | A_BOLD);
	}
}

static void
draw_canvas(struct tui *t, const struct geom *g)
{
	struct canvas_view v = { t->objstate, t->objpath, t->sel };
	int iw = g->cw - 2, ih = g->ch - 2;

	frame(t, 1, 0, g->ch, g->cw, "topology", t->focus == FOCUS_CANVAS);
	for (int y = 0; y < ih; y++) {
		move(2 + y, 1);
		for (int x = 0; x < iw; x++) {
			const struct canvas_cell *k = canvas_at(&t->cv, t->sx + x,
			    t->sy + y);
			attr_t a;
			uint32_t ch;

			if (k == NULL) {
				addch(' ');
				continue;
			}
			ch = canvas_view_glyph(&t->cv, t->sx + x, t->sy + y, &v,
			    t->utf8);
			a = canvas_attr(t, canvas_role(&t->cv, k, &v));
			if (ch < 0x80)
				addch((chtype)ch | a);
			else {
				cchar_t cc;
				wchar_t w[2] = { (wchar_t)ch, 0 };

				setcchar(&cc, w, a, 0, NULL);
				add_wch(&cc);
			}
		}
	}
	if (t->cv.w > iw || t->cv.h > ih) {
		char buf[64];

		snprintf(buf, sizeof buf, " %d,%d of %dx%d ", t->sx, t->sy,
		    t->cv.w, t->cv.h);
		put_text(t, g->ch, g->cw - 2 - (int)strlen(buf), (int)strlen(buf),
		    buf, role(t, ROLE_FRAME));
	}
}

static struct outline_row
outline_of(const struct canvas_obj *o)
{
	struct outline_row r;

	memset(&r, 0, sizeof r);
	r.index = o->index;
	switch (o->kind) {
	case CANVAS_DC:
		r.kind = OUTLINE_DC;
		break;
	case CANVAS_DEVICE:
		r.kind = OUTLINE_DEVICE;
		break;
	case CANVAS_CONN:
		r.kind = OUTLINE_CONN;
		break;
	case CANVAS_WAN:
		r.kind = OUTLINE_WAN;
		break;
	default:
		r.kind = OUTLINE_VPC;
		break;
	}
	return r;
}

static void
load_text(struct strbuf *sb, const struct tui *t, size_t elem,
    const char *label)
{
	double load = t->res->load[elem], cap = t->res->capacity[elem];

	if (cap <= 0)
		strbuf_addf(sb, "%-11s down\n", label);
	else
		strbuf_addf(sb, "%-11s %.2f / %.2f Gbps %.0f%%%s\n", label, load,
		    cap, 100.0 * load / cap, load > cap + 1e-9 ? " OVER" : "");
}

/* Availability of what the selection carries, computed once per
 * selection and edit (it walks failure states). */
static void
selection_availability(struct tui *t, const struct canvas_obj *o)
{
	struct strbuf sb = STRBUF_INIT;
	bool any = false;

	if (t->avail_for == t->sel && t->avail_text)
		return;
	free(t->avail_text);
	t->avail_text = NULL;
	t->avail_for = t->sel;
	if (t->e == NULL || o->kind != CANVAS_DC)
		return;
	for (size_t i = 0; i < engine_dest_count(t->e); i++) {
		struct avail_item it;
		char pf[PREFIX_STRLEN], *line;

		if (engine_dest_origin(t->e, i) != o->index)
			continue;
		avail_compute_one(t->e, false, i, &it);
		line = availability_line(&it);
		strbuf_addf(&sb, "%s\n  %s\n", prefix_format(engine_dest_prefix(
		    t->e, i), pf, sizeof pf), line);
		free(line);
		any = true;
	}
	if (o->index < engine_dc_count(t->e)) {
		struct avail_item it;
		char *line;

		avail_compute_one(t->e, true, o->index, &it);
		line = availability_line(&it);
		strbuf_addf(&sb, "to AWS\n  %s\n", line);
		free(line);
		any = true;
	}
	t->avail_text = any ? strbuf_detach(&sb) : NULL;
	strbuf_free(&sb);
	/* Availability moves the engine's state: evaluate the view again. */
	tui_apply_failures(t);
}

static char *
inspect(struct tui *t)
{
	const struct canvas_obj *o;
	struct strbuf sb = STRBUF_INIT;
	char *s, *id;

	if (t->sel < 0 || (size_t)t->sel >= t->cv.nobjs)
		return xstrdup("nothing selected\n");
	o = &t->cv.objs[t->sel];
	if (o->kind == CANVAS_LOCATION) {
		const char *loc = canvas_location_name(&t->cv, o->index);

		strbuf_addf(&sb, "DX location %s\n", loc);
		for (size_t k = 0; k < t->d->nconns; k++) {
			const struct connection *c = &t->d->conns[k];

			if (c->type == CONN_DX && strcmp(c->location, loc) == 0)
				strbuf_addf(&sb, "%-11s %s via %s %gG\n", c->name,
				    c->device, c->provider, c->gbps);
		}
	} else {
		struct outline_row r = outline_of(o);

		s = outline_inspect(t->d, &r);
		strbuf_puts(&sb, s);
		free(s);
	}
	/* What f and p do here, and why it is down when a failure elsewhere
	 * took it. */
	id = tui_component_id(t, t->sel);
	if (id && tui_is_failed(t, id))
		strbuf_puts(&sb, "what-if     FAILED (f restores)\n");
	else if (id && t->objstate && t->objstate[t->sel] == CANVAS_DOWN)
		strbuf_addf(&sb, "what-if     down with %s (F clears)\n",
		    t->nfailed == 1 ? t->failed[0] : "the failures");
	else if (id)
		strbuf_puts(&sb, "what-if     up: f fails it, p a related one\n");
	else
		strbuf_puts(&sb, "what-if     p fails an AWS endpoint\n");
	free(id);
	if (t->res != NULL) {
		size_t nc = engine_conn_count(t->e);

		if (o->kind == CANVAS_CONN && o->index < nc) {
			load_text(&sb, t, o->index, "to on-prem");
			load_text(&sb, t, nc + o->index, "to AWS");
		} else if (o->kind == CANVAS_WAN &&
		    o->index < engine_wan_count(t->e)) {
			load_text(&sb, t, 2 * nc + 2 * o->index, "a -> b");
			load_text(&sb, t, 2 * nc + 2 * o->index + 1, "b -> a");
		} else if (o->kind == CANVAS_DC) {
			for (size_t i = 0; i < t->res->ndests; i++) {
				char pf[PREFIX_STRLEN], *cell;

				if (engine_dest_origin(t->e, i) != o->index)
					continue;
				cell = mtable_dest_cell(t->e, t->res, i, t->utf8);
				strbuf_addf(&sb, "%-11s %s\n", prefix_format(
				    engine_dest_prefix(t->e, i), pf, sizeof pf), cell);
				free(cell);
			}
			if (o->index < t->res->ndcs) {
				s = mtable_dc_cell(t->e, t->res, o->index, t->utf8);
				strbuf_addf(&sb, "%-11s %s\n", "to AWS", s);
				free(s);
			}
			selection_availability(t, o);
			if (t->avail_text) {
				strbuf_puts(&sb, "availability\n");
				strbuf_puts(&sb, t->avail_text);
			}
		}
	}
	return strbuf_detach(&sb);
}

/* The character at s: its length in bytes (a byte that starts none
 * counts as one character one column wide) and in *cw its columns. */
static size_t
char_at(const char *s, int *cw)
{
	mbstate_t st;
	wchar_t wc;
	size_t k;

	memset(&st, 0, sizeof st);
	k = mbrtowc(&wc, s, MB_CUR_MAX, &st);
	*cw = 1;
	if (k == (size_t)-1 || k == (size_t)-2 || k == 0)
		return 1;
	if (wcwidth(wc) >= 0)
		*cw = wcwidth(wc);
	return k;
}

/* Where to end the first row of a line w columns wide: after the last
 * blank that fits, else at the last whole character that does. */
static size_t
wrap_at(const char *s, int w)
{
	size_t i = 0, blank = 0;
	int col = 0;

	while (s[i] && col < w) {
		int cw;
		size_t k = char_at(s + i, &cw);

		if (col + cw > w)
			break;
		if (s[i] == ' ')
			blank = i;
		i += k;
		col += cw;
	}
	if (s[i] == '\0')
		return i;
	return blank > 0 ? blank : i;
}

/* What is above or below a panel's edge, in its bottom border (row y,
 * ending before column x). */
static void
more_mark(const struct tui *t, int y, int x, bool up, bool down)
{
	char more[48];

	if (!up && !down)
		return;
	snprintf(more, sizeof more, " %s%s%s ", up ? "^" : "",
	    up && down ? " " : "", down ? "more v" : "");
	put_text(t, y, x - (int)strlen(more), (int)strlen(more), more,
	    role(t, ROLE_DIM));
}

static void
draw_inspector(struct tui *t, const struct geom *g)
{
	char *text = inspect(t), *line, *save = NULL, title[128];
	int y = 2, w = g->rw - 3, row = 0, room = g->ih - 2;

	line = strtok_r(text, "\n", &save);
	snprintf(title, sizeof title, "%s", line ? line : "inspector");
	frame(t, 1, g->rx, g->ih, g->rw, title, t->focus == FOCUS_INSPECTOR);
	if (t->insp_top > 0 && t->insp_top > t->insp_rows - room)
		t->insp_top = t->insp_rows - room > 0 ? t->insp_rows - room : 0;
	/* Long values (IKE proposals, notes) wrap under their value column,
	 * 12 in from the label; rows above insp_top are scrolled off. */
	for (line = strtok_r(NULL, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		const char *rest = line;
		bool first = true;

		while (first || *rest) {
			int indent = first ? 0 : 12;
			size_t n = wrap_at(rest, w - indent);

			if (row >= t->insp_top && y < g->ih) {
				char out[512];

				snprintf(out, sizeof out, "%*s%.*s", indent, "", (int)n,
				    rest);
				put_text(t, y, g->rx + 1, 1, " ", A_NORMAL);
				put_text(t, y, g->rx + 2, w, out, A_NORMAL);
				y++;
			}
			row++;
			rest += n;
			while (*rest == ' ')
				rest++;
			first = false;
		}
	}
	t->insp_rows = row;
	for (; y < g->ih; y++)
		put_text(t, y, g->rx + 1, w + 1, "", A_NORMAL);
	more_mark(t, g->ih, g->rx + g->rw - 2, t->insp_top > 0,
	    row - t->insp_top > room);
	free(text);
}

/* The rows a finding takes, w columns for its text: the message wrapped,
 * at most 3 rows cut with "..." unless the finding is open (selected in
 * the focused list), then the whole message and its fix.  Fills up to
 * max rows; returns how many there are. */
static int
item_rows(const struct item *it, int w, bool open, struct item_row *rows,
    int max)
{
	const char *parts[2] = { it->text, open ? it->fix : NULL };
	int n = 0;

	if (w < 4)
		w = 4;
	for (int k = 0; k < 2; k++) {
		const char *p = parts[k];

		while (p != NULL && (*p != '\0' || (k == 0 && n == 0))) {
			size_t len = wrap_at(p, w);
			bool cut = false;

			if (!open && n == 2 && p[len] != '\0') {
				len = wrap_at(p, w - 3);
				cut = true;
			}
			if (n < max)
				rows[n] = (struct item_row){ p, len, k == 1, cut };
			n++;
			if (cut || len == 0)
				break;
			p += len;
			while (*p == ' ')
				p++;
		}
	}
	return n;
}

static void
draw_findings(struct tui *t, const struct geom *g)
{
	char title[96];
	int rows = g->fh - 2, w = g->rw - 3, y = 0;
	struct item_row lines[64];
	bool below = false;

	snprintf(title, sizeof title, "findings  %d E  %d W  %d I",
	    t->counts[0], t->counts[1], t->counts[2]);
	frame(t, g->fy, g->rx, g->fh, g->rw, title, t->focus == FOCUS_FINDINGS);
	t->imore = false;
	if (t->isel < t->itop || (t->ioff > 0 && t->focus == FOCUS_FINDINGS))
		t->itop = t->isel;
	/* Every finding takes a row at least. */
	if (rows > 0 && t->isel - t->itop >= (size_t)rows)
		t->itop = t->isel - (size_t)rows + 1;
	/* The selected finding stays on screen, the whole of it when it is
	 * open and fits. */
	for (;;) {
		int used = 1;

		if (t->focus == FOCUS_FINDINGS && t->isel < t->nitems) {
			used = item_rows(&t->items[t->isel], w - 10, true, NULL, 0);
			if (used > rows)
				used = rows;
		}
		for (size_t i = t->itop; i < t->isel && i < t->nitems; i++)
			used += item_rows(&t->items[i], w - 10, false, NULL, 0);
		if (used <= rows || t->itop >= t->isel)
			break;
		t->itop++;
	}
	if (rows > t->frowcap) {
		t->frow = xrealloc(t->frow, (size_t)rows * sizeof *t->frow);
		t->frowcap = rows;
	}
	for (size_t i = t->itop; i < t->nitems && y < rows; i++) {
		const struct item *it = &t->items[i];
		bool sel = t->focus == FOCUS_FINDINGS && i == t->isel;
		int n = item_rows(it, w - 10, sel, lines, 64), l, from = 0;
		char head[32];
		attr_t a;

		if (sel)
			a = role(t, ROLE_SELECTED);
		else if (it->sev == 'E')
			a = role(t, ROLE_ERROR);
		else if (it->sev == 'W')
			a = role(t, ROLE_WARNING);
		else
			a = role(t, ROLE_INFO);
		snprintf(head, sizeof head, "%c %-7s ", it->sev, it->rule);
		if (n > 64)
			n = 64;
		/* An open finding taller than the panel scrolls in it. */
		if (sel) {
			if (t->ioff >= n)
				t->ioff = n > 0 ? n - 1 : 0;
			from = t->ioff;
		}
		for (l = from; l < n && y < rows; l++, y++) {
			char buf[512];

			snprintf(buf, sizeof buf, "%.*s%s", (int)lines[l].n,
			    lines[l].s, lines[l].cut ? "..." : "");
			put_text(t, g->fy + 1 + y, g->rx + 1, 1, " ", A_NORMAL);
			put_text(t, g->fy + 1 + y, g->rx + 2, 10, l == from ? head :
			    "", l == from ? a : A_NORMAL);
			put_text(t, g->fy + 1 + y, g->rx + 12, w - 10, buf,
			    lines[l].fix ? A_NORMAL : l == 0 || sel ? a : A_NORMAL);
			t->frow[y] = i;
		}
		/* Rows of this finding or later ones left out. */
		if (y >= rows && (l < n || i + 1 < t->nitems))
			below = true;
		if (sel)
			t->imore = l < n;
	}
	if (t->nitems == 0 && rows > 0) {
		put_text(t, g->fy + 1, g->rx + 1, w + 1, " no findings",
		    role(t, ROLE_DIM));
		y = 1;
	}
	t->nfrow = t->nitems == 0 ? 0 : y;
	for (; y < rows; y++)
		put_text(t, g->fy + 1 + y, g->rx + 1, w + 1, "", A_NORMAL);
	more_mark(t, g->fy + g->fh - 1, g->rx + g->rw - 2, t->itop > 0 ||
	    t->ioff > 0, below);
}

/* The status line's key hints for where the keys go now, most useful
 * first: as many as fit, and always help and quit. */
static void
key_hints(const struct tui *t, char *buf, size_t len)
{
	static const char *const canvas[] = { "a add", "e edit", "d del",
		"f fail", "F clear", "m matrix", "u undo", "s save", "/ find",
		"x export", "Tab panels", NULL };
	static const char *const findings[] = { "Up/Down choose",
		"Enter select its subject", "Esc canvas", "Tab inspector",
		"f fail", "F clear", "m matrix", NULL };
	static const char *const inspector[] = { "Up/Down PgUp/PgDn scroll",
		"Esc canvas", "Tab canvas", "f fail", "F clear", NULL };
	static const char *const matrix[] = { "Up/Down choose",
		"Enter apply to the canvas", "< > columns", "PgUp/PgDn page",
		NULL };
	const char *const *h = t->mode == MODE_MATRIX ? matrix :
	    t->focus == FOCUS_FINDINGS ? findings :
	    t->focus == FOCUS_INSPECTOR ? inspector : canvas;
	const char *tail = t->mode == MODE_MATRIX ? "  Esc close" :
	    "  ? help  q quit";
	size_t room = (size_t)COLS > strlen(tail) ? (size_t)COLS - strlen(tail) :
	    0;

	for (; *h != NULL; h++) {
		size_t used = strlen(buf);

		if (used + 2 + strlen(*h) > room || used + 2 + strlen(*h) >= len)
			break;
		snprintf(buf + used, len - used, "  %s", *h);
	}
	snprintf(buf + strlen(buf), len - strlen(buf), "%s", tail);
}

static void
draw_status(struct tui *t)
{
	char buf[1024];

	if (t->mode == MODE_ASK || t->mode == MODE_PROMPT) {
		snprintf(buf, sizeof buf, " %s%s", t->question,
		    t->mode == MODE_PROMPT ? t->input : "");
		put_text(t, LINES - 1, 0, COLS, buf, role(t, ROLE_STATUS) | A_BOLD);
		if (t->mode == MODE_PROMPT) {
			curs_set(1);
			move(LINES - 1, (int)strlen(buf) < COLS ? (int)strlen(buf) :
			    COLS - 1);
		}
		return;
	}
	if (t->msg[0]) {
		snprintf(buf, sizeof buf, " %dE %dW %dI  %s", t->counts[0],
		    t->counts[1], t->counts[2], t->msg);
		put_text(t, LINES - 1, 0, COLS, buf, role(t, ROLE_STATUS) | A_BOLD);
		return;
	}
	snprintf(buf, sizeof buf, " %dE %dW %dI", t->counts[0], t->counts[1],
	    t->counts[2]);
	key_hints(t, buf, sizeof buf);
	put_text(t, LINES - 1, 0, COLS, buf, role(t, ROLE_STATUS));
}

static const char *const help_lines[] = {
	"hatopo keys",
	"",
	"  arrows, h j k l  move the selection on the canvas (nearest object)",
	"  H J K L          move the selected data center left, down, up, right;",
	"                   H L move a device, on into the next data center",
	"  Tab              focus the canvas, the findings (the chosen one",
	"                   shown whole with its fix), the inspector; Esc: canvas",
	"  Enter            findings: select the subject; canvas: edit",
	"  PgUp PgDn        scroll the canvas (or the findings) a page",
	"  < >              pan the canvas left and right",
	"  g G              first, last object",
	"  f                fail or restore the selected component (what-if)",
	"  p                fail or restore a related component: a DX's",
	"                   location or provider, a device's ISP, a tunnel, an",
	"                   AWS endpoint (first on the VPC), a risk group",
	"  F                clear every failure",
	"  m                failover matrix: Up/Down, PgUp/PgDn, g/G choose a",
	"                   scenario (shown under the table where it differs",
	"                   from the baseline), < > columns, Enter applies it",
	"  a                add: data center, device, VPN, DX, WAN link,",
	"                   prefix, advertisement, traffic demand, risk group",
	"  e, Enter         edit the selected object (a DX location: rename it)",
	"  o                other objects: the selection's prefixes or",
	"                   advertisements, traffic demands, risk groups, the",
	"                   VPC, availability, rules (Enter edits, d deletes)",
	"  x                export the saved design into a folder",
	"  d, Delete        delete the selected object (asks when others",
	"                   depend on it)",
	"  u, Ctrl-R        undo, redo (the whole session)",
	"  s, S             save, save as",
	"  n                new design from a template",
	"  /                find by name, a whole name first (again: the",
	"                   next match); WAN links as wan:A-B",
	"  ?, F1            this help (Space pages, any other key closes)",
	"  q                quit (asks when there are unsaved changes)",
	"  mouse            click selects, drag moves a data center or device,",
	"                   wheel scrolls; in a list a click chooses, outside closes",
};

int
draw_help_count(void)
{
	return (int)(sizeof help_lines / sizeof help_lines[0]);
}

static void
draw_help(struct tui *t)
{
	int n = (int)(sizeof help_lines / sizeof help_lines[0]);
	int rows = LINES - 2, top = t->help_top, more;

	for (int y = 1; y < LINES - 1; y++)
		put_text(t, y, 0, COLS, "", A_NORMAL);
	more = top + rows < n;
	if (more)
		rows--;
	for (int i = 0; top + i < n && i < rows; i++)
		put_text(t, i + 1, 2, COLS - 4, help_lines[top + i], top + i == 0 ?
		    role(t, ROLE_TITLE) : A_NORMAL);
	if (more)
		put_text(t, LINES - 2, 2, COLS - 4, "  -- Space: more, any other "
		    "key closes --", role(t, ROLE_TITLE));
}

void
draw_menu_close(struct tui *t)
{
	if (t->menu == NULL)
		return;
	unpost_menu(t->menu);
	free_menu(t->menu);
	for (size_t i = 0; i < t->nchoices && t->mitems[i]; i++) {
		free_item(t->mitems[i]);
		free(t->mnames[i]);
	}
	free(t->mitems);
	free(t->mnames);
	t->mnames = NULL;
	del_panel(t->mpanel);
	delwin(t->mwin);
	t->menu = NULL;
	t->mitems = NULL;
	t->mwin = NULL;
	t->mpanel = NULL;
}

/* The choice list as a menu in a framed panel over the canvas; long
 * lists (traffic demands of a large design) scroll inside the menu. */
static void
menu_open(struct tui *t)
{
	int w = 50, h = (int)t->nchoices + 2;

	/* Wide enough for the longest choice; menuw refuses to post a menu
	 * wider than its window, so longer ones are cut. */
	for (size_t i = 0; i < t->nchoices; i++) {
		int n = (int)strlen(t->choices[i]) + 2;

		if (n > w)
			w = n;
	}
	if (w > COLS - 4)
		w = COLS - 4;
	if (h > LINES - 4)
		h = LINES - 4;
	/* Each choice padded (or cut) to the width, so the highlight runs
	 * across the whole list. */
	t->mnames = xcalloc(t->nchoices + 1, sizeof *t->mnames);
	t->mitems = xcalloc(t->nchoices + 1, sizeof *t->mitems);
	for (size_t i = 0; i < t->nchoices; i++) {
		t->mnames[i] = xasprintf("%-*.*s", w - 2, w - 2, t->choices[i]);
		t->mitems[i] = new_item(t->mnames[i], "");
	}
	t->menu = new_menu(t->mitems);
	if (t->menu == NULL)
		abort();
	t->mwin = newwin(h, w, (LINES - h) / 2, (COLS - w) / 2);
	if (t->mwin == NULL)
		abort();
	t->mpanel = new_panel(t->mwin);
	keypad(t->mwin, TRUE);
	set_menu_win(t->menu, t->mwin);
	set_menu_sub(t->menu, derwin(t->mwin, h - 2, w - 2, 1, 1));
	set_menu_format(t->menu, h - 2, 1);
	set_menu_mark(t->menu, "");
	menu_opts_off(t->menu, O_SHOWDESC);
	set_menu_fore(t->menu, role(t, ROLE_SELECTED));
	set_menu_back(t->menu, A_NORMAL);
	wattron(t->mwin, role(t, ROLE_FRAME));
	box(t->mwin, 0, 0);
	wattroff(t->mwin, role(t, ROLE_FRAME));
	wattron(t->mwin, role(t, ROLE_TITLE));
	mvwprintw(t->mwin, 0, 2, " %.*s ", w - 6, t->question);
	wattroff(t->mwin, role(t, ROLE_TITLE));
	post_menu(t->menu);
	if (t->csel < t->nchoices)
		set_current_item(t->menu, t->mitems[t->csel]);
	t->mlines = LINES;
	t->mcols = COLS;
}

void
draw_choose(struct tui *t)
{
	if (t->menu && (t->mlines != LINES || t->mcols != COLS))
		draw_menu_close(t);
	if (t->menu == NULL)
		menu_open(t);
}

/* Columns a UTF-8 text takes on the screen. */
static int
text_cols(const char *s)
{
	int n = 0;

	while (*s) {
		int cw;

		s += char_at(s, &cw);
		n += cw;
	}
	return n;
}

/* A text in a column w wide with a blank after it: cut short with an
 * ellipsis when it does not fit. */
static void
put_cell(const struct tui *t, int y, int x, int w, const char *s, attr_t a)
{
	int room = w - 1 < COLS - x ? w - 1 : COLS - x;

	if (room <= 0)
		return;
	if (text_cols(s) <= room) {
		put_text(t, y, x, w < COLS - x ? w : COLS - x, s, a);
		return;
	}
	put_text(t, y, x, room - 1, s, a);
	put_text(t, y, x + room - 1, 1, t->utf8 ? "…" : "~", a);
	if (x + room < COLS)
		put_text(t, y, x + room, 1, "", A_NORMAL);
}

/* Rows the matrix view gives its table; what is left under it shows the
 * selected scenario's cells in full. */
int
draw_matrix_rows(const struct tui *t)
{
	int room = LINES - 4, detail = (int)t->ncols - t->mleft;

	if (detail > 8)
		detail = 8;
	detail += 2;
	if (room > 2 && t->nmrows + 2 < (size_t)room)
		return (int)t->nmrows;      /* all of it, the detail below */
	if (room - detail >= 5)
		return room - detail;
	return room;
}

/* The selected scenario under the table, from row y: the columns where
 * it differs from the baseline, in full and with what the baseline has
 * (the baseline itself: its columns from the leftmost shown). */
static void
draw_matrix_detail(struct tui *t, int y)
{
	const struct matrix_row *r = &t->mrows[t->msel], *base = &t->mrows[0];
	bool is_base = t->msel == 0 || strcmp(base->name, "baseline") != 0;
	size_t ndiff = 0, from = is_base ? (size_t)t->mleft : 0;
	int headw = 0;
	char buf[512];

	if (y >= LINES - 1 || r->cells == NULL || base->cells == NULL)
		return;
	for (size_t c = from; c < t->ncols; c++)
		if (is_base || strcmp(r->cells[c], base->cells[c]) != 0) {
			ndiff++;
			if (text_cols(t->mhead[c]) > headw)
				headw = text_cols(t->mhead[c]);
		}
	if (headw > 32)
		headw = 32;
	if (is_base)
		snprintf(buf, sizeof buf, " %s", r->name);
	else if (ndiff == 0)
		snprintf(buf, sizeof buf, " %s: every column as in the baseline",
		    r->name);
	else
		snprintf(buf, sizeof buf, " %s: %zu of %zu columns differ from "
		    "the baseline", r->name, ndiff, t->ncols);
	put_text(t, y++, 0, COLS, buf, role(t, ROLE_TITLE));
	for (size_t c = from, shown = 0; c < t->ncols && y < LINES - 1; c++) {
		int x = 5 + headw, w;

		if (!is_base && strcmp(r->cells[c], base->cells[c]) == 0)
			continue;
		if (y == LINES - 2 && ndiff - shown > 1) {
			snprintf(buf, sizeof buf, "   and %zu more", ndiff - shown);
			put_text(t, y, 0, COLS, buf, role(t, ROLE_DIM));
			break;
		}
		shown++;
		put_text(t, y, 0, 3, "", A_NORMAL);
		put_cell(t, y, 3, headw + 2, t->mhead[c], A_BOLD);
		w = text_cols(r->cells[c]);
		put_text(t, y, x, COLS - x, r->cells[c], A_NORMAL);
		if (!is_base && x + w < COLS) {
			snprintf(buf, sizeof buf, "  (baseline: %s)", base->cells[c]);
			put_text(t, y, x + w, COLS - x - w, buf, role(t, ROLE_DIM));
		}
		y++;
	}
}

static void
draw_matrix(struct tui *t)
{
	int rows = draw_matrix_rows(t), x;
	char buf[512];

	for (int y = 1; y < LINES - 1; y++)
		put_text(t, y, 0, COLS, "", A_NORMAL);
	snprintf(buf, sizeof buf, " failover matrix (k=1): %zu scenarios   "
	    "Enter applies  < > columns  Esc/m closes", t->nmrows);
	put_text(t, 1, 0, COLS, buf, role(t, ROLE_TITLE));
	if (t->msel < t->mtop)
		t->mtop = t->msel;
	if (t->msel >= t->mtop + (size_t)rows)
		t->mtop = t->msel - (size_t)rows + 1;
	/* Rows a page or more away from the screen give their cells back;
	 * the rows on screen widen their columns to fit (never narrower
	 * while the view is open, so columns do not jump as it scrolls). */
	for (size_t r = 0; r < t->nmrows; r++)
		if (t->mrows[r].cells && (r + (size_t)rows < t->mtop ||
		    r > t->mtop + 2 * (size_t)rows) && r != t->msel && r != 0)
			tui_matrix_cells_free(t, &t->mrows[r]);
	for (int y = 0; y < rows && t->mtop + (size_t)y < t->nmrows; y++) {
		struct matrix_row *row = &t->mrows[t->mtop + (size_t)y];

		tui_matrix_cells(t, row);
		/* Only the columns on screen: L has thousands. */
		x = t->mnamew;
		for (size_t c = (size_t)t->mleft; c < t->ncols && x < COLS; c++) {
			int w = text_cols(row->cells[c]) + 2;

			if (w > t->mwidth[c])
				t->mwidth[c] = w > 46 ? 46 : w;
			x += t->mwidth[c];
		}
	}
	if (t->nmrows > 0) {
		tui_matrix_cells(t, &t->mrows[0]);
		tui_matrix_cells(t, &t->mrows[t->msel]);
	}
	put_cell(t, 2, 0, t->mnamew, " scenario", A_BOLD | A_UNDERLINE);
	x = t->mnamew;
	for (size_t c = (size_t)t->mleft; c < t->ncols && x < COLS;
	    x += t->mwidth[c], c++)
		put_cell(t, 2, x, t->mwidth[c], t->mhead[c], A_BOLD | A_UNDERLINE);
	for (int y = 0; y < rows; y++) {
		size_t r = t->mtop + (size_t)y;
		attr_t a;

		if (r >= t->nmrows)
			break;
		a = r == t->msel ? role(t, ROLE_SELECTED) : A_NORMAL;
		snprintf(buf, sizeof buf, " %s", t->mrows[r].name);
		put_cell(t, 3 + y, 0, t->mnamew, buf, a);
		x = t->mnamew;
		for (size_t c = (size_t)t->mleft; c < t->ncols && x < COLS;
		    x += t->mwidth[c], c++) {
			const char *cell = t->mrows[r].cells[c];
			attr_t ca = a;

			if (r != t->msel && (strstr(cell, "BLACKHOLED") ||
			    strstr(cell, "UNREACHABLE")))
				ca = role(t, ROLE_ERROR);
			else if (r != t->msel && strstr(cell, "OVERLOADED"))
				ca = role(t, ROLE_WARNING);
			put_cell(t, 3 + y, x, t->mwidth[c], cell, ca);
		}
	}
	if (t->nmrows > 0)
		draw_matrix_detail(t, 3 + (rows < (int)t->nmrows ? rows :
		    (int)t->nmrows) + 1);
}

void
draw_screen(struct tui *t)
{
	struct geom g;
	char buf[256];

	curs_set(0);
	if (COLS < TUI_MIN_COLS || LINES < TUI_MIN_ROWS) {
		if (t->form)
			form_hide(t->form);
		erase();
		snprintf(buf, sizeof buf, "terminal too small: %dx%d, hatopo "
		    "needs %dx%d", COLS, LINES, TUI_MIN_COLS, TUI_MIN_ROWS);
		put_text(t, LINES / 2, 0, COLS, buf, role(t, ROLE_NOTICE));
		put_text(t, LINES / 2 + 1, 0, COLS,
		    "enlarge the window, or q to quit", A_NORMAL);
		refresh();
		return;
	}
	draw_header(t);
	if (t->mode == MODE_HELP)
		draw_help(t);
	else if (t->mode == MODE_MATRIX)
		draw_matrix(t);
	else {
		draw_geometry(&g);
		draw_canvas(t, &g);
		draw_inspector(t, &g);
		draw_findings(t, &g);
		if (t->mode == MODE_CHOOSE)
			draw_choose(t);
		else if (t->mode == MODE_FORM)
			form_draw(t->form, t->utf8, t->color);
	}
	draw_status(t);
	/* stdscr first, then the open list or form above it. */
	update_panels();
	doupdate();
}
