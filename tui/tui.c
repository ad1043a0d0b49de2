/* The designer: keys and the mouse, edits, what-if failures and the
 * model side of the screen (tui/draw.c draws it).  Every edit makes a new
 * snapshot of the design (undo and redo walk them), re-validates it,
 * recompiles the route engine, re-runs the rules and writes the recovery
 * file; what-if failures re-evaluate the engine's view at once.
 *
 * Signals only set flags; tui_restore() is the one way back to a normal
 * terminal. */
#include "tui/tui.h"
#include "tui/state.h"

#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "export/export.h"
#include "model/availability.h"
#include "model/design.h"
#include "model/engine.h"
#include "model/matrix.h"
#include "model/rules.h"
#include "model/secrets.h"
#include "model/strbuf.h"
#include "render/availability.h"
#include "render/canvas.h"
#include "render/matrix.h"
#include "render/outline.h"
#include "tui/form.h"

static volatile sig_atomic_t tui_quit_signal;
static bool tui_started;
static struct termios tui_saved_termios;
static bool tui_have_termios;

static void recompute(struct tui *t);
static void drop_device(struct tui *t, int obj, int cx, int cy);

static void
tui_on_signal(int sig)
{
	tui_quit_signal = sig;
}

/* A crash cannot return to the main loop: put the tty back with
 * async-signal-safe calls only, then die of the same signal. */
static void
tui_on_crash(int sig)
{
	static const char reset[] = "\033[?1000l\033[?1002l\033[?1006l"
	    "\033[0m\033[?25h\033[?1049l\r\n";

	if (tui_have_termios)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &tui_saved_termios);
	if (write(STDOUT_FILENO, reset, sizeof reset - 1) < 0)
		_exit(128 + sig);
	signal(sig, SIG_DFL);
	raise(sig);
}

void
tui_restore(void)
{
	if (!tui_started)
		return;
	tui_started = false;
	mousemask(0, NULL);
	curs_set(1);
	attrset(A_NORMAL);
	endwin();
	if (tui_have_termios)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &tui_saved_termios);
	fflush(stdout);
}

static void
tui_install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tui_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = tui_on_crash;
	sa.sa_flags = (int)SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

char *
tui_component_id(const struct tui *t, int obj)
{
	const struct canvas_obj *o;
	const struct design *d = t->d;

	if (obj < 0 || (size_t)obj >= t->cv.nobjs)
		return NULL;
	o = &t->cv.objs[obj];
	switch (o->kind) {
	case CANVAS_DC:
		return xasprintf("datacenter:%s", d->dcs[o->index].name);
	case CANVAS_DEVICE:
		return xasprintf("device:%s", d->devices[o->index].name);
	case CANVAS_CONN:
		return xasprintf("connection:%s", d->conns[o->index].name);
	case CANVAS_WAN:
		return xasprintf("wan:%s-%s", d->wans[o->index].a,
		    d->wans[o->index].b);
	case CANVAS_LOCATION:
		return xasprintf("location:%s",
		    canvas_location_name(&t->cv, o->index));
	case CANVAS_VPC:
		break;
	}
	return NULL;
}

bool
tui_is_failed(const struct tui *t, const char *id)
{
	for (size_t i = 0; i < t->nfailed; i++)
		if (strcmp(t->failed[i], id) == 0)
			return true;
	return false;
}

/* --- the model side ------------------------------------------------------ */

static void
items_clear(struct tui *t)
{
	for (size_t i = 0; i < t->nitems; i++) {
		free(t->items[i].text);
		free(t->items[i].fix);
		free(t->items[i].subject);
	}
	t->nitems = 0;
	t->counts[0] = t->counts[1] = t->counts[2] = 0;
}

static void
item_add(struct tui *t, char sev, const char *rule, char *text,
    const char *fix, const char *subject)
{
	struct item *it;

	t->items = xgrow(t->items, &t->itemcap, t->nitems + 1, sizeof *t->items);
	it = &t->items[t->nitems++];
	it->sev = sev;
	snprintf(it->rule, sizeof it->rule, "%s", rule);
	it->text = text;
	it->fix = fix && *fix ? xasprintf("fix: %s", fix) : NULL;
	it->subject = subject ? xstrdup(subject) : NULL;
	t->counts[sev == 'E' ? 0 : sev == 'W' ? 1 : 2]++;
}

/* The findings panel: the loader's messages when the design is not valid,
 * what the current failures break, then the rules' findings. */
static void
build_items(struct tui *t)
{
	items_clear(t);
	for (size_t i = 0; i < t->verr.count; i++) {
		const struct error_item *e = &t->verr.items[i];

		item_add(t, 'E', "design", xasprintf("%s%s%s", e->field ?
		    e->field : "", e->field ? ": " : "", e->message), NULL, NULL);
	}
	if (t->res != NULL && t->nfailed > 0) {
		for (size_t i = 0; i < t->res->ndests; i++) {
			const struct engine_dest *dd = &t->res->dests[i];
			char pf[PREFIX_STRLEN], *cell;
			char sub[80];

			if (dd->status == ENGINE_OK || dd->status == ENGINE_ORIGIN_DOWN)
				continue;
			cell = mtable_dest_cell(t->e, t->res, i, t->utf8);
			snprintf(sub, sizeof sub, "datacenter:%s",
			    t->d->dcs[engine_dest_origin(t->e, i)].name);
			item_add(t, dd->status == ENGINE_OVERLOADED ? 'W' : 'E',
			    "what-if", xasprintf("%s %s", prefix_format(
			    engine_dest_prefix(t->e, i), pf, sizeof pf), cell), NULL, sub);
			free(cell);
		}
		for (size_t i = 0; i < t->res->ndcs; i++) {
			const struct engine_dc *dc = &t->res->dcs[i];
			char sub[80], *cell;

			if (dc->status == ENGINE_OK || dc->status == ENGINE_ORIGIN_DOWN)
				continue;
			cell = mtable_dc_cell(t->e, t->res, i, t->utf8);
			snprintf(sub, sizeof sub, "datacenter:%s", t->d->dcs[i].name);
			item_add(t, dc->status == ENGINE_OVERLOADED ? 'W' : 'E',
			    "what-if", xasprintf("%s to AWS %s", t->d->dcs[i].name,
			    cell), NULL, sub);
			free(cell);
		}
	}
	for (size_t i = 0; i < t->f.n; i++) {
		const struct finding *f = &t->f.v[i];
		char sev = f->severity == RULE_SEVERITY_ERROR ? 'E' :
		    f->severity == RULE_SEVERITY_WARNING ? 'W' : 'I';

		item_add(t, sev, f->rule, xstrdup(f->message), f->fix,
		    f->subject);
	}
	if (t->isel >= t->nitems)
		t->isel = t->nitems ? t->nitems - 1 : 0;
	t->ioff = 0;
}

/* Up and Down in the findings: on through an open finding taller than
 * the panel first, then to the next finding. */
static void
findings_step(struct tui *t, int dir)
{
	if (dir < 0 && t->ioff > 0)
		t->ioff--;
	else if (dir > 0 && t->imore)
		t->ioff++;
	else if (dir < 0 && t->isel > 0) {
		t->isel--;
		t->ioff = 0;
	} else if (dir > 0 && t->isel + 1 < t->nitems) {
		t->isel++;
		t->ioff = 0;
	}
}

/* Link and box states from the engine's view of the current scenario. */
static void
paint_states(struct tui *t)
{
	size_t nc;

	free(t->objstate);
	free(t->objpath);
	t->objstate = xcalloc(t->cv.nobjs + 1, sizeof *t->objstate);
	t->objpath = xcalloc(t->cv.nobjs + 1, sizeof *t->objpath);
	if (t->res == NULL)
		return;
	nc = engine_conn_count(t->e);
	for (size_t i = 0; i < t->cv.nobjs; i++) {
		const struct canvas_obj *o = &t->cv.objs[i];
		size_t e1, e2;
		char *id;

		if (o->kind == CANVAS_CONN && o->index < nc) {
			e1 = o->index;
			e2 = nc + o->index;
		} else if (o->kind == CANVAS_WAN &&
		    o->index < engine_wan_count(t->e)) {
			e1 = 2 * nc + 2 * o->index;
			e2 = e1 + 1;
		} else {
			id = tui_component_id(t, (int)i);
			if (id && tui_is_failed(t, id))
				t->objstate[i] = CANVAS_DOWN;
			free(id);
			continue;
		}
		if (t->res->capacity[e1] <= 0 && t->res->capacity[e2] <= 0)
			t->objstate[i] = CANVAS_DOWN;
		else if (t->res->load[e1] > t->res->capacity[e1] + 1e-9 ||
		    t->res->load[e2] > t->res->capacity[e2] + 1e-9)
			t->objstate[i] = CANVAS_OVERLOADED;
		else if (t->res->load[e1] > 0 || t->res->load[e2] > 0)
			t->objstate[i] = CANVAS_CARRYING;
	}
	/* The selected data center's traffic, both ways. */
	if (t->sel >= 0 && (size_t)t->sel < t->cv.nobjs &&
	    t->cv.objs[t->sel].kind == CANVAS_DC) {
		size_t dc = t->cv.objs[t->sel].index;

		for (size_t i = 0; i < t->res->ndests + 1; i++) {
			uint32_t off, n;

			if (i < t->res->ndests) {
				if (engine_dest_origin(t->e, i) != dc)
					continue;
				off = t->res->dests[i].elem_off;
				n = t->res->dests[i].nelem;
			} else if (dc < t->res->ndcs) {
				off = t->res->dcs[dc].elem_off;
				n = t->res->dcs[dc].nelem;
			} else
				break;
			for (uint32_t j = 0; j < n; j++) {
				size_t el = t->res->pool[off + j];
				int o;

				if (el < 2 * nc)
					o = canvas_find(&t->cv, CANVAS_CONN, el % nc);
				else
					o = canvas_find(&t->cv, CANVAS_WAN,
					    (el - 2 * nc) / 2);
				if (o >= 0)
					t->objpath[o] = true;
			}
		}
	}
}

void
tui_apply_failures(struct tui *t)
{
	size_t *idx, n = 0;

	t->res = NULL;
	if (t->e == NULL) {
		paint_states(t);
		return;
	}
	idx = xcalloc(t->nfailed + 1, sizeof *idx);
	for (size_t i = 0; i < t->nfailed; i++) {
		int c = engine_component_find(t->e, t->failed[i]);

		if (c >= 0)
			idx[n++] = (size_t)c;
	}
	t->res = engine_eval_view(t->e, idx, n);
	free(idx);
	paint_states(t);
}

static void
select_obj(struct tui *t, int obj)
{
	int iw, ih;
	struct geom g;
	const struct canvas_obj *o;

	if (obj < 0 || (size_t)obj >= t->cv.nobjs)
		return;
	if (obj != t->sel)
		t->insp_top = 0;
	t->sel = obj;
	t->sel_kind = t->cv.objs[obj].kind;
	t->sel_index = t->cv.objs[obj].index;
	draw_geometry(&g);
	iw = g.cw - 2;
	ih = g.ch - 2;
	o = &t->cv.objs[obj];
	/* Keep the selection in view.  When it leaves the view, centre it:
	 * the view then jumps seldom, and a jump is what costs bytes on the
	 * wire. */
	if (o->x < t->sx || o->y < t->sy || o->x + (o->w < iw ? o->w : 1) >
	    t->sx + iw || o->y + (o->h < ih ? o->h : 1) > t->sy + ih) {
		t->sx = o->x + o->w / 2 - iw / 2;
		t->sy = o->y + o->h / 2 - ih / 2;
		if (t->sx > t->cv.w - iw)
			t->sx = t->cv.w - iw;
		if (t->sy > t->cv.h - ih)
			t->sy = t->cv.h - ih;
	}
	if (t->sx < 0)
		t->sx = 0;
	if (t->sy < 0)
		t->sy = 0;
	paint_states(t);
}

/* The canvas for the current design and screen width, keeping the
 * selection on the same object where it still exists. */
static void
relayout(struct tui *t)
{
	struct geom g;
	int o;

	draw_geometry(&g);
	t->wrap = g.cw - 4;
	canvas_layout(t->d, t->wrap, &t->cv);
	o = canvas_find(&t->cv, t->sel_kind, t->sel_index);
	if (o < 0)
		o = 0;
	t->sel = -1;
	t->avail_for = -2;
	select_obj(t, o);
}

static void
recompute(struct tui *t)
{
	double t0 = now_ms();

	error_clear(&t->verr);
	findings_free(&t->f);
	engine_free(&t->e);
	t->res = NULL;
	if (design_validate(t->d, t->path, &t->verr) == 0) {
		t->e = engine_new(t->d);
		rule_run(t->d, t->e, NULL, NULL, &t->f);
	}
	/* Only a snapshot that validates can be kept as text and loaded
	 * again. */
	history_set_valid(t->hist, t->verr.count == 0);
	free(t->avail_text);
	t->avail_text = NULL;
	t->avail_for = -2;
	relayout(t);
	tui_apply_failures(t);
	build_items(t);
	t->last_edit_ms = now_ms() - t0;
}

static char *
recover_path(const struct tui *t)
{
	const char *state;

	if (t->path)
		return xasprintf("%s.recover", t->path);
	if ((state = getenv("XDG_STATE_HOME")) && state[0])
		return xasprintf("%s/hatopo-untitled.recover", state);
	if ((state = getenv("HOME")) && state[0])
		return xasprintf("%s/.hatopo-untitled.recover", state);
	return NULL;
}

/* The recovery file: the design as it is now, written after every edit
 * (a temporary file renamed into place, so it is whole or absent). */
static void
write_recovery(const struct tui *t)
{
	char *path = recover_path(t), *tmp, *text;
	FILE *f;

	if (path == NULL)
		return;
	tmp = xasprintf("%s.tmp", path);
	text = design_to_string(t->d);
	if ((f = fopen(tmp, "w")) != NULL) {
		bool ok = fputs(text, f) >= 0;

		if (fclose(f) != 0)
			ok = false;
		if (!ok || rename(tmp, path) != 0)
			unlink(tmp);
	}
	free(text);
	free(tmp);
	free(path);
}

static void
drop_recovery(const struct tui *t)
{
	char *path = recover_path(t);

	if (path)
		unlink(path);
	free(path);
}

static bool
dirty(const struct tui *t)
{
	return t->saved_pos != (long)history_pos(t->hist);
}

/* Make nd the current design: a new snapshot after the current one
 * (dropping what redo could reach). */
static void
commit(struct tui *t, struct design *nd, const char *what)
{
	if (t->saved_pos > (long)history_pos(t->hist))
		t->saved_pos = -1;
	history_commit(t->hist, nd);
	t->d = nd;
	recompute(t);
	write_recovery(t);
	snprintf(t->msg, sizeof t->msg, "%s (%.1f ms)", what, t->last_edit_ms);
}

static void
reset_history(struct tui *t, struct design *d)
{
	history_free(&t->hist);
	t->hist = history_new(d);
	t->saved_pos = 0;
	t->d = d;
}

static void
failed_clear(struct tui *t)
{
	for (size_t i = 0; i < t->nfailed; i++)
		free(t->failed[i]);
	free(t->failed);
	t->failed = NULL;
	t->nfailed = 0;
}

static void
toggle_failure(struct tui *t, const char *id)
{
	for (size_t i = 0; i < t->nfailed; i++)
		if (strcmp(t->failed[i], id) == 0) {
			free(t->failed[i]);
			memmove(&t->failed[i], &t->failed[i + 1],
			    (t->nfailed - i - 1) * sizeof *t->failed);
			t->nfailed--;
			snprintf(t->msg, sizeof t->msg, "restored %s", id);
			tui_apply_failures(t);
			build_items(t);
			return;
		}
	if (t->e == NULL || engine_component_find(t->e, id) < 0) {
		snprintf(t->msg, sizeof t->msg, "%s cannot fail in this design",
		    id);
		return;
	}
	t->failed = xrealloc(t->failed, (t->nfailed + 1) * sizeof *t->failed);
	t->failed[t->nfailed++] = xstrdup(id);
	snprintf(t->msg, sizeof t->msg, "failed %s", id);
	tui_apply_failures(t);
	build_items(t);
}

/* --- choices, questions and prompts -------------------------------------- */

static void
choices_clear(struct tui *t)
{
	draw_menu_close(t);
	for (size_t i = 0; i < t->nchoices; i++)
		free(t->choices[i]);
	free(t->choices);
	free(t->titems);
	t->choices = NULL;
	t->titems = NULL;
	t->nchoices = 0;
	t->csel = 0;
}

static void
choice_add(struct tui *t, const char *s)
{
	t->choices = xrealloc(t->choices, (t->nchoices + 1) *
	    sizeof *t->choices);
	t->choices[t->nchoices++] = xstrdup(s);
}

static void
ask(struct tui *t, enum tui_ask what, const char *question)
{
	t->mode = MODE_ASK;
	t->ask = what;
	snprintf(t->question, sizeof t->question, "%s", question);
}

static void
prompt(struct tui *t, enum tui_ask what, const char *question,
    const char *initial)
{
	t->mode = MODE_PROMPT;
	t->ask = what;
	snprintf(t->question, sizeof t->question, "%s", question);
	snprintf(t->input, sizeof t->input, "%s", initial ? initial : "");
}

static void
choose(struct tui *t, enum tui_ask what, const char *title)
{
	draw_menu_close(t);
	t->mode = MODE_CHOOSE;
	t->ask = what;
	t->csel = 0;
	snprintf(t->question, sizeof t->question, "%s", title);
}

static int
save_to(struct tui *t, const char *path)
{
	struct error err = ERROR_INIT;

	if (design_save(t->d, path, &err) != 0) {
		char *s = error_string(&err);

		snprintf(t->msg, sizeof t->msg, "not saved: %s", s);
		free(s);
		error_clear(&err);
		return -1;
	}
	if (t->path == NULL || strcmp(t->path, path) != 0) {
		drop_recovery(t);
		free(t->path);
		t->path = xstrdup(path);
	}
	t->saved_pos = (long)history_pos(t->hist);
	t->is_new = false;
	drop_recovery(t);
	snprintf(t->msg, sizeof t->msg, "saved %s", path);
	return 0;
}

static void
find_next(struct tui *t, const char *text)
{
	size_t n = t->cv.nobjs;

	if (text[0] == '\0' || n == 0)
		return;
	/* A name typed whole wins over one that only holds the text. */
	for (int exact = 1; exact >= 0; exact--)
		for (size_t k = 1; k <= n; k++) {
			size_t i = ((size_t)(t->sel < 0 ? 0 : t->sel) + k) % n;
			char *id = tui_component_id(t, (int)i);
			/* Names as in the component ID; a WAN link, which has
			 * none of its own, by the whole ID (wan:A-B). */
			const char *name = id == NULL ? t->d->vpc.name :
			    t->cv.objs[i].kind == CANVAS_WAN ? id :
			    strchr(id, ':') + 1;
			bool hit = exact ? strcmp(name, text) == 0 :
			    strstr(name, text) != NULL;

			if (hit) {
				select_obj(t, (int)i);
				snprintf(t->msg, sizeof t->msg, "found %s", name);
			}
			free(id);
			if (hit)
				return;
		}
	snprintf(t->msg, sizeof t->msg, "no object named like \"%s\"", text);
}

/* The subject of a finding ("connection:vpn1", "wan:dc1-dc2", ...) on
 * the canvas. */
static void
select_subject(struct tui *t, const char *subject)
{
	const char *name;
	int o = -1;

	if (subject == NULL || (name = strchr(subject, ':')) == NULL)
		return;
	name++;
	if (strncmp(subject, "connection:", 11) == 0 ||
	    strncmp(subject, "tunnel:", 7) == 0) {
		char buf[64];
		int k;

		snprintf(buf, sizeof buf, "%.*s", (int)strcspn(name, "/"), name);
		if ((k = design_find_conn(t->d, buf)) >= 0)
			o = canvas_find(&t->cv, CANVAS_CONN, (size_t)k);
	} else if (strncmp(subject, "device:", 7) == 0) {
		int k = design_find_device(t->d, name);

		if (k >= 0)
			o = canvas_find(&t->cv, CANVAS_DEVICE, (size_t)k);
	} else if (strncmp(subject, "datacenter:", 11) == 0) {
		int k = design_find_dc(t->d, name);

		if (k >= 0)
			o = canvas_find(&t->cv, CANVAS_DC, (size_t)k);
	} else if (strncmp(subject, "wan:", 4) == 0) {
		for (size_t w = 0; w < t->d->nwans; w++) {
			char buf[80];

			snprintf(buf, sizeof buf, "%s-%s", t->d->wans[w].a,
			    t->d->wans[w].b);
			if (strcmp(buf, name) == 0)
				o = canvas_find(&t->cv, CANVAS_WAN, w);
		}
	} else if (strncmp(subject, "location:", 9) == 0) {
		for (size_t l = 0; l < t->cv.nlocations; l++)
			if (strcmp(t->cv.locations[l], name) == 0)
				o = canvas_find(&t->cv, CANVAS_LOCATION, l);
	} else if (strncmp(subject, "vpc:", 4) == 0)
		o = canvas_find(&t->cv, CANVAS_VPC, 0);
	if (o >= 0) {
		select_obj(t, o);
		t->focus = FOCUS_CANVAS;
	}
}

/* --- the failover matrix ------------------------------------------------- */

void
tui_matrix_cells_free(struct tui *t, struct matrix_row *row)
{
	for (size_t c = 0; row->cells && c < t->ncols; c++)
		free(row->cells[c]);
	free(row->cells);
	row->cells = NULL;
}

/* A row's cells, computed when the row comes on screen: the L design's
 * 3,000 scenarios times 2,000 destinations would take 300 MB as text. */
void
tui_matrix_cells(struct tui *t, struct matrix_row *row)
{
	const struct engine_result *r;
	size_t *idx, n = 0, nd = engine_dest_count(t->e), c = 0;

	if (row->cells)
		return;
	idx = xcalloc(row->nfailed + 1, sizeof *idx);
	for (size_t i = 0; i < row->nfailed; i++) {
		int k = engine_component_find(t->e, row->failed[i]);

		if (k >= 0)
			idx[n++] = (size_t)k;
	}
	r = engine_eval_view(t->e, idx, n);
	free(idx);
	row->cells = xcalloc(t->ncols + 1, sizeof *row->cells);
	for (size_t i = 0; i < nd; i++)
		row->cells[c++] = mtable_dest_cell(t->e, r, i, t->utf8);
	for (size_t i = 0; i < engine_dc_count(t->e); i++)
		row->cells[c++] = mtable_dc_cell(t->e, r, i, t->utf8);
	t->mstale = true;
}

/* The engine's view is the what-if's again once the matrix closes. */
static void
matrix_close(struct tui *t)
{
	t->mode = MODE_NORMAL;
	if (t->mstale) {
		tui_apply_failures(t);
		t->mstale = false;
	}
}

static void
matrix_clear(struct tui *t)
{
	for (size_t r = 0; r < t->nmrows; r++) {
		tui_matrix_cells_free(t, &t->mrows[r]);
		for (size_t i = 0; i < t->mrows[r].nfailed; i++)
			free(t->mrows[r].failed[i]);
		free(t->mrows[r].failed);
		free(t->mrows[r].name);
	}
	free(t->mrows);
	t->mrows = NULL;
	t->nmrows = t->mrowcap = 0;
	for (size_t c = 0; c < t->ncols; c++)
		free(t->mhead[c]);
	free(t->mhead);
	t->mhead = NULL;
	free(t->mwidth);
	t->mwidth = NULL;
	t->ncols = 0;
}

static int
matrix_visit_row(void *ctx, const struct matrix_scenario *s,
    const struct engine_result *r)
{
	struct tui *t = ctx;
	struct matrix_row *row;

	(void)r;
	t->mrows = xgrow(t->mrows, &t->mrowcap, t->nmrows + 1, sizeof *t->mrows);
	row = &t->mrows[t->nmrows++];
	row->name = xstrdup(s->name);
	row->nfailed = s->nfailed;
	row->failed = xcalloc(s->nfailed + 1, sizeof *row->failed);
	for (size_t i = 0; i < s->nfailed; i++)
		row->failed[i] = xstrdup(engine_component_id(t->e, s->failed[i]));
	row->cells = NULL;
	return 0;
}

static void
open_matrix(struct tui *t)
{
	struct matrix_opts o = { 1, NULL, 0, false };
	struct matrix_counts counts;
	size_t nd, c = 0;

	if (t->e == NULL) {
		snprintf(t->msg, sizeof t->msg, "the design is not valid: fix the "
		    "findings marked design first");
		return;
	}
	matrix_clear(t);
	nd = engine_dest_count(t->e);
	t->ncols = nd + engine_dc_count(t->e);
	t->mhead = xcalloc(t->ncols + 1, sizeof *t->mhead);
	for (size_t i = 0; i < nd; i++) {
		char pf[PREFIX_STRLEN];

		t->mhead[c++] = xasprintf("%s (%s)", prefix_format(
		    engine_dest_prefix(t->e, i), pf, sizeof pf),
		    t->d->dcs[engine_dest_origin(t->e, i)].name);
	}
	for (size_t i = 0; i < engine_dc_count(t->e); i++)
		t->mhead[c++] = xasprintf("%s %s AWS", t->d->dcs[i].name,
		    t->utf8 ? "→" : "->");
	matrix_run(t->e, &o, matrix_visit_row, t, &counts);
	/* Columns start as wide as their heading and grow as rows come on
	 * screen; the scenario names are all known now. */
	t->mwidth = xcalloc(t->ncols + 1, sizeof *t->mwidth);
	for (size_t i = 0; i < t->ncols; i++)
		t->mwidth[i] = (int)strlen(t->mhead[i]) + 2;
	t->mnamew = 10;
	for (size_t r = 0; r < t->nmrows; r++)
		if ((int)strlen(t->mrows[r].name) + 3 > t->mnamew)
			t->mnamew = (int)strlen(t->mrows[r].name) + 3;
	if (t->mnamew > 40)
		t->mnamew = 40;
	tui_apply_failures(t);
	t->msel = t->mtop = 0;
	t->mleft = 0;
	t->mode = MODE_MATRIX;
}

/* --- editing --------------------------------------------------------------- */

static const char *const add_kinds[] = {
	"data center", "device", "VPN connection", "DX connection", "WAN link",
	"prefix (to the selected data center)",
	"advertisement (to the selected connection)",
	"traffic demand", "risk group",
};

static void
start_form(struct tui *t, enum form_kind kind, bool edit)
{
	const struct canvas_obj *o = t->sel >= 0 && (size_t)t->sel < t->cv.nobjs ?
	    &t->cv.objs[t->sel] : NULL;
	size_t index = o ? o->index : 0;

	form_free(&t->form);
	t->form = form_new(t->d, t->path, kind, edit, index, o ?
	    (int)o->kind : -1);
	if (t->form == NULL)
		return;
	t->mode = MODE_FORM;
}

static void
add_chosen(struct tui *t, size_t which)
{
	static const enum form_kind kinds[] = { FORM_DC, FORM_DEVICE, FORM_VPN,
		FORM_DX, FORM_WAN, FORM_PREFIX, FORM_ADVERT, FORM_TRAFFIC,
		FORM_RISK };
	const struct canvas_obj *o = t->sel >= 0 ? &t->cv.objs[t->sel] : NULL;

	if (kinds[which] == FORM_PREFIX && (o == NULL || o->kind != CANVAS_DC)) {
		snprintf(t->msg, sizeof t->msg, "select a data center first");
		return;
	}
	if (kinds[which] == FORM_ADVERT && (o == NULL || o->kind != CANVAS_CONN)) {
		snprintf(t->msg, sizeof t->msg, "select a connection first");
		return;
	}
	if (kinds[which] == FORM_DEVICE && t->d->ndcs == 0) {
		snprintf(t->msg, sizeof t->msg, "add a data center first");
		return;
	}
	if ((kinds[which] == FORM_VPN || kinds[which] == FORM_DX) &&
	    t->d->ndevices == 0) {
		snprintf(t->msg, sizeof t->msg, "add a device first");
		return;
	}
	if (kinds[which] == FORM_WAN && t->d->ndcs < 2) {
		snprintf(t->msg, sizeof t->msg, "a WAN link joins two data "
		    "centers: add %s first", t->d->ndcs == 0 ? "them" :
		    "a second one");
		return;
	}
	if (kinds[which] == FORM_TRAFFIC && t->d->ndcs == 0) {
		snprintf(t->msg, sizeof t->msg, "traffic goes to a data center's "
		    "prefix: add a data center first");
		return;
	}
	if (kinds[which] == FORM_RISK && t->d->ndcs == 0) {
		snprintf(t->msg, sizeof t->msg, "a risk group names components "
		    "that fail together: add some first");
		return;
	}
	start_form(t, kinds[which], false);
}

static void
edit_selected(struct tui *t)
{
	const struct canvas_obj *o;

	if (t->sel < 0)
		return;
	o = &t->cv.objs[t->sel];
	switch (o->kind) {
	case CANVAS_VPC:
		start_form(t, FORM_VPC, true);
		break;
	case CANVAS_DC:
		start_form(t, FORM_DC, true);
		break;
	case CANVAS_DEVICE:
		start_form(t, FORM_DEVICE, true);
		break;
	case CANVAS_CONN:
		start_form(t, t->d->conns[o->index].type == CONN_VPN ? FORM_VPN :
		    FORM_DX, true);
		break;
	case CANVAS_WAN:
		start_form(t, FORM_WAN, true);
		break;
	case CANVAS_LOCATION: {
		/* A location has no block of its own: its name is on each of
		 * its DX connections, and renaming changes them all. */
		char q[128];

		snprintf(t->rename_from, sizeof t->rename_from, "%s",
		    canvas_location_name(&t->cv, o->index));
		snprintf(q, sizeof q, "rename DX location %s to: ", t->rename_from);
		prompt(t, ASK_RENAME_LOCATION, q, t->rename_from);
		break;
	}
	}
}

/* Add to the status line's message. */
static void __attribute__((format(printf, 2, 3)))
msg_add(struct tui *t, const char *fmt, ...)
{
	size_t at = strlen(t->msg);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->msg + at, sizeof t->msg - at, fmt, ap);
	va_end(ap);
}

/* "what: " and err's first problem as the message (or after it, with
 * append): the status line has room for one. */
static void
msg_error(struct tui *t, bool append, const char *what,
    const struct error *err)
{
	char *e = error_string(err);

	e[strcspn(e, "\n")] = '\0';
	if (!append)
		t->msg[0] = '\0';
	msg_add(t, "%s%s: %s%s", append ? "; " : "", what, e,
	    err->count > 1 ? " (and more)" : "");
	free(e);
}

static void
rename_location(struct tui *t, const char *name)
{
	struct error err = ERROR_INIT;
	struct design *nd;
	char what[160];
	size_t k;

	for (k = 0; k < t->d->nconns; k++)
		if (t->d->conns[k].type == CONN_DX &&
		    strcmp(t->d->conns[k].location, t->rename_from) == 0)
			break;
	if (k == t->d->nconns || strcmp(name, t->rename_from) == 0)
		return;
	nd = design_clone(t->d);
	if (design_rename(nd, DESIGN_LOCATION, k, name, &err) != 0) {
		msg_error(t, false, "not renamed", &err);
		design_free(&nd);
	} else {
		snprintf(what, sizeof what, "renamed DX location %s to %s",
		    t->rename_from, name);
		design_rename_ids(t->d, DESIGN_LOCATION, k, name, t->failed,
		    t->nfailed);
		commit(t, nd, what);
		for (size_t i = 0; i < t->cv.nlocations; i++)
			if (strcmp(canvas_location_name(&t->cv, i), name) == 0) {
				int o = canvas_find(&t->cv, CANVAS_LOCATION, i);

				if (o >= 0)
					select_obj(t, o);
			}
	}
	error_clear(&err);
}

static void
titem_add(struct tui *t, int kind, size_t owner, size_t item,
    const char *text)
{
	t->titems = xrealloc(t->titems, (t->nchoices + 1) * sizeof *t->titems);
	t->titems[t->nchoices].kind = kind;
	t->titems[t->nchoices].owner = owner;
	t->titems[t->nchoices].item = item;
	choice_add(t, text);
}

/* `o`: what has no box of its own, to edit or delete. */
static void
start_items(struct tui *t)
{
	const struct canvas_obj *o = t->sel >= 0 && (size_t)t->sel < t->cv.nobjs ?
	    &t->cv.objs[t->sel] : NULL;
	const struct design *d = t->d;
	char buf[160], pf[PREFIX_STRLEN];

	choices_clear(t);
	if (o && o->kind == CANVAS_DC)
		for (size_t i = 0; i < d->dcs[o->index].nprefixes; i++) {
			snprintf(buf, sizeof buf, "prefix %s of %s",
			    prefix_format(&d->dcs[o->index].prefixes[i], pf, sizeof pf),
			    d->dcs[o->index].name);
			titem_add(t, FORM_PREFIX, o->index, i, buf);
		}
	if (o && o->kind == CANVAS_CONN)
		for (size_t i = 0; i < d->conns[o->index].nadverts; i++) {
			const struct advert *a = &d->conns[o->index].adverts[i];

			snprintf(buf, sizeof buf, "advertisement %s of %s%s",
			    prefix_format(&a->prefix, pf, sizeof pf),
			    d->conns[o->index].name, a->prepend ? " (prepend)" : "");
			titem_add(t, FORM_ADVERT, o->index, i, buf);
		}
	for (size_t i = 0; i < d->ntraffic; i++) {
		snprintf(buf, sizeof buf, "traffic %s  %g from AWS, %g to AWS",
		    prefix_format(&d->traffic[i].prefix, pf, sizeof pf),
		    d->traffic[i].from_aws, d->traffic[i].to_aws);
		titem_add(t, FORM_TRAFFIC, 0, i, buf);
	}
	for (size_t i = 0; i < d->nrisks; i++) {
		snprintf(buf, sizeof buf, "risk group %s (%zu members)",
		    d->risks[i].name, d->risks[i].nmembers);
		titem_add(t, FORM_RISK, 0, i, buf);
	}
	titem_add(t, FORM_AVAIL, 0, 0, "availability classes");
	titem_add(t, FORM_RULES, 0, 0, "rule severities");
	titem_add(t, FORM_VPC, 0, 0, "the VPC");
	choose(t, ASK_ITEMS, "other objects: Enter edits, d deletes");
}

static void
item_chosen(struct tui *t, size_t which, bool del)
{
	const struct titem *it = &t->titems[which];
	static const int kinds[] = { [FORM_PREFIX] = DESIGN_ITEM_PREFIX,
		[FORM_ADVERT] = DESIGN_ITEM_ADVERT,
		[FORM_TRAFFIC] = DESIGN_ITEM_TRAFFIC,
		[FORM_RISK] = DESIGN_ITEM_RISK };

	if (del) {
		struct design *nd;
		char what[300];

		if (it->kind != FORM_PREFIX && it->kind != FORM_ADVERT &&
		    it->kind != FORM_TRAFFIC && it->kind != FORM_RISK) {
			snprintf(t->msg, sizeof t->msg, "%s cannot be deleted",
			    t->choices[which]);
			return;
		}
		nd = design_clone(t->d);
		design_delete_item(nd, (enum design_item)kinds[it->kind], it->owner,
		    it->item);
		snprintf(what, sizeof what, "deleted %s", t->choices[which]);
		commit(t, nd, what);
		return;
	}
	form_free(&t->form);
	if (it->kind == FORM_PREFIX || it->kind == FORM_ADVERT)
		t->form = form_edit_item(t->d, t->path, (enum form_kind)it->kind,
		    it->owner, it->item);
	else
		t->form = form_new(t->d, t->path, (enum form_kind)it->kind,
		    it->kind != FORM_PREFIX && it->kind != FORM_ADVERT, it->item,
		    -1);
	if (t->form)
		t->mode = MODE_FORM;
}

/* "DESIGN-export/" beside the design: samples/a.cfg gives
 * samples/a-export/. */
static void
export_default(const struct tui *t, char *buf, size_t len)
{
	const char *p = t->path ? t->path : "hatopo";
	const char *slash = strrchr(p, '/'), *dot = strrchr(p, '.');
	int n = dot && (slash == NULL || dot > slash) ? (int)(dot - p) :
	    (int)strlen(p);

	snprintf(buf, len, "%.*s-export/", n, p);
}

static void
start_export(struct tui *t)
{
	char buf[256];

	if (t->path == NULL || t->is_new) {
		snprintf(t->msg, sizeof t->msg, "save the design first (s): "
		    "export works on the saved file");
		return;
	}
	export_default(t, buf, sizeof buf);
	prompt(t, ASK_EXPORT, dirty(t) ? "export the saved file (unsaved "
	    "changes are not in it) into: " : "export into: ", buf);
}

static void
run_export(struct tui *t, const char *dir)
{
	struct export_opts o = { .design_path = t->path, .out_dir = dir };
	struct export_report rep = { 0 };
	struct error err = ERROR_INIT;

	if (export_run(&o, &rep, &err) != 0)
		msg_error(t, false, "not exported", &err);
	else if (rep.secrets_added > 0)
		snprintf(t->msg, sizeof t->msg, "exported %zu files into %s; "
		    "%d new keys in %s", rep.nwritten, dir, rep.secrets_added,
		    rep.secrets_path ? rep.secrets_path : "the secrets file");
	else
		snprintf(t->msg, sizeof t->msg, "exported %zu files into %s",
		    rep.nwritten, dir);
	error_clear(&err);
	export_report_free(&rep);
}

/* A new VPN: its pre-shared keys go into DESIGN.secrets (0600), never on
 * the screen. */
/* The design's secrets file, loaded; with create, a new one when there
 * is none.  NULL (err filled when the file does not load) otherwise. */
static struct secrets *
design_secrets(const struct tui *t, bool create, char **sp,
    struct error *err)
{
	struct secrets *sec = NULL;

	*sp = secrets_path(t->path);
	if (access(*sp, F_OK) == 0) {
		if (secrets_load(*sp, &sec, err) != 0)
			sec = NULL;
	} else if (create)
		sec = secrets_new();
	return sec;
}

static void
propose_psks(struct tui *t)
{
	struct error err = ERROR_INIT;
	struct secrets *sec;
	char *sp;
	int added = 0;

	if (t->path == NULL) {
		msg_add(t, "; keys are proposed once the design is saved");
		return;
	}
	sec = design_secrets(t, true, &sp, &err);
	if (sec == NULL || secrets_fill(sec, t->d, &added, &err) != 0 ||
	    (added > 0 && secrets_save(sec, sp, &err) != 0))
		msg_error(t, true, "no keys written", &err);
	else if (added > 0)
		msg_add(t, "; %d keys proposed in %s", added, sp);
	secrets_free(&sec);
	error_clear(&err);
	free(sp);
}

static void
delete_selected(struct tui *t, bool confirmed)
{
	const struct canvas_obj *o;
	const char *loc = "";
	struct design *nd;
	char *deps, *id;

	if (t->sel < 0)
		return;
	o = &t->cv.objs[t->sel];
	if (o->kind == CANVAS_VPC) {
		snprintf(t->msg, sizeof t->msg, "the VPC cannot be deleted");
		return;
	}
	if (o->kind == CANVAS_LOCATION)
		loc = canvas_location_name(&t->cv, o->index);
	id = tui_component_id(t, t->sel);
	deps = design_dependents(t->d, (enum design_object)o->kind, o->index, loc);
	if (deps && !confirmed) {
		snprintf(t->question, sizeof t->question, "delete %s and what "
		    "depends on it (%s)? y/n ", id, deps);
		t->mode = MODE_ASK;
		t->ask = ASK_DELETE;
		free(deps);
		free(id);
		return;
	}
	nd = design_clone(t->d);
	design_delete(nd, (enum design_object)o->kind, o->index, loc);
	{
		char what[160];

		snprintf(what, sizeof what, "deleted %s", id);
		commit(t, nd, what);
	}
	free(deps);
	free(id);
}

/* Move the selected data center in the layout: every data center gets
 * its place ([position, row]) so the order is kept exactly. */
/* H and L move a device along its data center's devices, and past either
 * end into the neighbouring data center on the canvas: a drop (as by the
 * mouse) just past the device or data center on that side. */
static void
move_device(struct tui *t, int dx, int dy)
{
	const struct canvas_obj *me = &t->cv.objs[t->sel], *next = NULL;
	const char *dc = t->d->devices[me->index].dc;
	int here = -1, prev = -1, after = -1;

	if (dy != 0) {
		snprintf(t->msg, sizeof t->msg, "J and K move a data center; H "
		    "and L move a device, on into the next data center");
		return;
	}
	for (size_t i = 0; i < t->cv.nobjs; i++) {
		const struct canvas_obj *c = &t->cv.objs[i];

		if (c->kind == CANVAS_DEVICE && (int)i != t->sel &&
		    strcmp(t->d->devices[c->index].dc, dc) == 0 &&
		    (dx < 0 ? c->x < me->x : c->x > me->x) &&
		    (next == NULL || (dx < 0 ? c->x > next->x : c->x < next->x)))
			next = c;
		if (c->kind != CANVAS_DC)
			continue;
		if (here >= 0 && after < 0)
			after = (int)i;
		if (strcmp(t->d->dcs[c->index].name, dc) == 0)
			here = (int)i;
		else if (here < 0)
			prev = (int)i;
	}
	if (next != NULL) {
		drop_device(t, t->sel, dx < 0 ? next->x : next->x + next->w,
		    next->y + next->h / 2);
		return;
	}
	if ((dx < 0 ? prev : after) < 0) {
		snprintf(t->msg, sizeof t->msg, "%s is already the %s device on "
		    "the canvas", t->d->devices[me->index].name, dx < 0 ? "first" :
		    "last");
		return;
	}
	/* Last in the data center on the left, first in the one on the
	 * right. */
	next = &t->cv.objs[dx < 0 ? prev : after];
	drop_device(t, t->sel, dx < 0 ? next->x + next->w - 2 : next->x + 1,
	    next->y + next->h / 2);
}

static void
move_dc(struct tui *t, int dx, int dy)
{
	const struct canvas_obj *o;
	struct design *nd;
	size_t n = 0, me = 0;
	struct { size_t dc; int row, x; } *pl;
	int lasty = INT_MIN, row = -1, pos = 0;
	bool first, last;

	if (t->sel >= 0 && t->cv.objs[t->sel].kind == CANVAS_DEVICE) {
		move_device(t, dx, dy);
		return;
	}
	if (t->sel < 0 || t->cv.objs[t->sel].kind != CANVAS_DC) {
		snprintf(t->msg, sizeof t->msg, "H J K L move a data center or a "
		    "device: select one first");
		return;
	}
	o = &t->cv.objs[t->sel];
	pl = xcalloc(t->d->ndcs + 1, sizeof *pl);
	for (size_t i = 0; i < t->cv.nobjs; i++) {
		const struct canvas_obj *c = &t->cv.objs[i];

		if (c->kind != CANVAS_DC)
			continue;
		if (c->y != lasty) {
			row++;
			pos = 0;
			lasty = c->y;
		}
		pl[n].dc = c->index;
		pl[n].row = row;
		pl[n].x = 2 * pos++;
		if (c->index == o->index)
			me = n;
		n++;
	}
	/* At the end of its row (or in the top row) it has nowhere to go:
	 * say so rather than record an edit that changes nothing. */
	first = pl[me].x == 0;
	last = me + 1 == n || pl[me + 1].row != pl[me].row;
	if ((dx < 0 && first) || (dx > 0 && last) || (dy < 0 &&
	    pl[me].row == 0) || (dy > 0 && first && last &&
	    pl[n - 1].row == pl[me].row)) {
		snprintf(t->msg, sizeof t->msg, "%s is already %s",
		    t->d->dcs[o->index].name, dy < 0 ? "in the top row" :
		    dy > 0 ? "alone in the bottom row" : dx < 0 ?
		    "the first in its row" : "the last in its row");
		free(pl);
		return;
	}
	/* Places are 0, 2, 4 ... along a row: three to a side passes one
	 * neighbour.  Shift the row when that goes below 0, the least
	 * place the file allows. */
	pl[me].x += 3 * dx;
	pl[me].row += dy;
	if (pl[me].x < 0)
		for (size_t i = 0; i < n; i++)
			pl[i].x += 3;
	nd = design_clone(t->d);
	for (size_t i = 0; i < n; i++)
		design_set_layout(nd, nd->dcs[pl[i].dc].name, pl[i].x, pl[i].row);
	free(pl);
	commit(t, nd, "moved the data center");
}

/* A data center dragged with the mouse and dropped at canvas point
 * (cx, cy): it joins the row there, before the first box whose centre is
 * right of the point. */
static void
drop_dc(struct tui *t, int obj, int cx, int cy)
{
	struct { size_t dc; int row, x, cy; } *pl;
	size_t n = 0, me = 0;
	int lasty = INT_MIN, row = -1, pos = 0, target = 0, best = INT_MAX;
	int ins = 0;
	struct design *nd;

	pl = xcalloc(t->d->ndcs + 1, sizeof *pl);
	for (size_t i = 0; i < t->cv.nobjs; i++) {
		const struct canvas_obj *c = &t->cv.objs[i];
		int dist;

		if (c->kind != CANVAS_DC)
			continue;
		if (c->y != lasty) {
			row++;
			pos = 0;
			lasty = c->y;
		}
		pl[n].dc = c->index;
		pl[n].row = row;
		pl[n].x = 2 * pos++ + 2;
		pl[n].cy = c->y + c->h / 2;
		dist = cy < c->y ? c->y - cy : cy >= c->y + c->h ?
		    cy - (c->y + c->h - 1) : 0;
		if (dist < best) {
			best = dist;
			target = row;
		}
		if ((int)i == obj)
			me = n;
		n++;
	}
	for (size_t i = 0; i < n; i++) {
		const struct canvas_obj *c = &t->cv.objs[canvas_find(&t->cv,
		    CANVAS_DC, pl[i].dc)];

		if (i != me && pl[i].row == target && c->x + c->w / 2 < cx)
			ins = pl[i].x + 1;
	}
	pl[me].row = target;
	pl[me].x = ins > 0 ? ins : 1;
	nd = design_clone(t->d);
	for (size_t i = 0; i < n; i++)
		design_set_layout(nd, nd->dcs[pl[i].dc].name, pl[i].x, pl[i].row);
	free(pl);
	commit(t, nd, "moved the data center");
}

/* A device dragged and dropped at canvas point (cx, cy): inside its own
 * data center it changes places (before the first device whose centre is
 * right of the point, saved in the layout); dropped in another data center
 * it moves there. */
static void
drop_device(struct tui *t, int obj, int cx, int cy)
{
	const struct canvas_obj *me = &t->cv.objs[obj];
	size_t v = me->index, *order, n = 0;
	int target = -1, pos;
	struct design *nd;
	char what[160];

	for (size_t i = 0; i < t->cv.nobjs; i++) {
		const struct canvas_obj *c = &t->cv.objs[i];

		if (c->kind == CANVAS_DC && cx >= c->x && cx < c->x + c->w &&
		    cy >= c->y && cy < c->y + c->h)
			target = (int)c->index;
	}
	if (target < 0) {
		snprintf(t->msg, sizeof t->msg, "drop a device inside a data "
		    "center");
		return;
	}
	nd = design_clone(t->d);
	if (strcmp(nd->devices[v].dc, nd->dcs[target].name) != 0) {
		snprintf(nd->devices[v].dc, sizeof nd->devices[v].dc, "%s",
		    nd->dcs[target].name);
		snprintf(what, sizeof what, "moved device %s to %s",
		    nd->devices[v].name, nd->dcs[target].name);
	} else
		snprintf(what, sizeof what, "moved device %s", nd->devices[v].name);
	/* The devices of the target in their drawn order, v put back where it
	 * was dropped. */
	order = xcalloc(t->d->ndevices + 1, sizeof *order);
	pos = -1;
	for (size_t i = 0; i < t->cv.nobjs; i++) {
		const struct canvas_obj *c = &t->cv.objs[i];

		if (c->kind != CANVAS_DEVICE || c->index == v ||
		    strcmp(t->d->devices[c->index].dc, nd->dcs[target].name) != 0)
			continue;
		if (pos < 0 && c->x + c->w / 2 > cx)
			pos = (int)n;
		order[n++] = c->index;
	}
	if (pos < 0)
		pos = (int)n;
	memmove(&order[pos + 1], &order[pos], (n - (size_t)pos) * sizeof *order);
	order[pos] = v;
	n++;
	for (size_t i = 0; i < n; i++)
		design_set_layout(nd, nd->devices[order[i]].name, (int)i + 1, 0);
	free(order);
	commit(t, nd, what);
}

static void
undo(struct tui *t, int dir)
{
	size_t pos = history_pos(t->hist);
	struct design *d;

	if ((dir < 0 && pos == 0) || (dir > 0 &&
	    pos + 1 >= history_count(t->hist))) {
		snprintf(t->msg, sizeof t->msg, dir < 0 ? "nothing to undo" :
		    "nothing to redo");
		return;
	}
	d = history_go(t->hist, (size_t)((long)pos + dir));
	if (d == NULL) {
		snprintf(t->msg, sizeof t->msg, "that snapshot could not be "
		    "loaded again; the design is as it was");
		return;
	}
	t->d = d;
	recompute(t);
	/* Back at the saved state there is nothing to recover. */
	if (dirty(t))
		write_recovery(t);
	else
		drop_recovery(t);
	snprintf(t->msg, sizeof t->msg, "%s (%zu of %zu)", dir < 0 ? "undone" :
	    "redone", history_pos(t->hist), history_count(t->hist) - 1);
}

/* Templates: the three sample designs, beside the binary or in the
 * working directory. */
static char *
template_path(const char *name)
{
	char exe[PATH_MAX], *slash, *p;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	const char *dirs[3];

	dirs[0] = "samples";
	dirs[1] = NULL;
	dirs[2] = NULL;
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			dirs[1] = exe;
		}
	}
	for (int i = 0; i < 2; i++) {
		if (dirs[i] == NULL)
			continue;
		p = i == 0 ? xasprintf("samples/%s", name) :
		    xasprintf("%s/samples/%s", dirs[i], name);
		if (access(p, R_OK) == 0)
			return p;
		free(p);
		if (i == 1) {
			p = xasprintf("%s/../share/hatopo/samples/%s", dirs[i], name);
			if (access(p, R_OK) == 0)
				return p;
			free(p);
		}
	}
	return NULL;
}

static const char *const templates[] = {
	"vpn-active-active.cfg", "dx-active-active.cfg", "multi-dc.cfg",
};

static void
open_template(struct tui *t, size_t which)
{
	struct error err = ERROR_INIT;
	struct design *nd = NULL;
	char *p = template_path(templates[which]);

	if (p == NULL || design_load(p, &nd, &err) != 0) {
		snprintf(t->msg, sizeof t->msg, "template %s not found",
		    templates[which]);
		error_clear(&err);
		free(p);
		return;
	}
	free(p);
	drop_recovery(t);
	free(t->path);
	t->path = NULL;
	t->is_new = true;
	failed_clear(t);
	reset_history(t, design_new());
	commit(t, nd, "new design from a template: S saves it");
}

static void
start_templates(struct tui *t)
{
	choices_clear(t);
	choice_add(t, "VPN active/active (two data centers)");
	choice_add(t, "DX active/active (two locations)");
	choice_add(t, "DX primary with VPN backup (multi-DC)");
	choose(t, ASK_TEMPLATE, "new design from a template");
}

static void
add_unique(struct tui *t, const char *s)
{
	for (size_t i = 0; i < t->nchoices; i++)
		if (strcmp(t->choices[i], s) == 0)
			return;
	choice_add(t, s);
}

static void
start_fail(struct tui *t, bool picker)
{
	const struct canvas_obj *o;
	char *id;

	if (t->e == NULL) {
		snprintf(t->msg, sizeof t->msg, "the design is not valid: fix the "
		    "findings marked design first");
		return;
	}
	if (t->sel < 0)
		return;
	o = &t->cv.objs[t->sel];
	id = tui_component_id(t, t->sel);
	if (id == NULL && !picker) {
		snprintf(t->msg, sizeof t->msg, "the VPC does not fail: p picks "
		    "an AWS endpoint, provider, ISP or risk group; or select a "
		    "connection, device, data center, WAN link or location");
		return;
	}
	if (!picker) {
		toggle_failure(t, id);
		free(id);
		return;
	}
	choices_clear(t);
	if (id == NULL) {
		/* The VPC: AWS's side first. */
		choice_add(t, "aws-endpoint:1");
		choice_add(t, "aws-endpoint:2");
	} else if (o->kind == CANVAS_CONN) {
		const struct connection *c = &t->d->conns[o->index];
		char buf[96];

		choice_add(t, id);
		if (c->type == CONN_DX) {
			snprintf(buf, sizeof buf, "location:%s", c->location);
			choice_add(t, buf);
			snprintf(buf, sizeof buf, "provider:%s", c->provider);
			choice_add(t, buf);
		} else {
			for (int k = 1; k <= c->ntunnels; k++) {
				snprintf(buf, sizeof buf, "tunnel:%s/%d", c->name, k);
				choice_add(t, buf);
			}
		}
	} else if (o->kind == CANVAS_DEVICE &&
	    t->d->devices[o->index].isp[0]) {
		char buf[96];

		choice_add(t, id);
		snprintf(buf, sizeof buf, "isp:%s", t->d->devices[o->index].isp);
		choice_add(t, buf);
	} else if (o->kind == CANVAS_LOCATION) {
		const char *loc = canvas_location_name(&t->cv, o->index);

		choice_add(t, id);
		for (size_t k = 0; k < t->d->nconns; k++) {
			char buf[96];
			size_t j;

			if (t->d->conns[k].type != CONN_DX ||
			    strcmp(t->d->conns[k].location, loc) != 0)
				continue;
			snprintf(buf, sizeof buf, "provider:%s",
			    t->d->conns[k].provider);
			for (j = 0; j < t->nchoices; j++)
				if (strcmp(t->choices[j], buf) == 0)
					break;
			if (j == t->nchoices)
				choice_add(t, buf);
		}
	}
	else
		choice_add(t, id);
	/* Then every provider, ISP and risk group of the design. */
	for (size_t k = 0; k < t->d->nconns; k++) {
		char buf[96];

		if (t->d->conns[k].type == CONN_DX) {
			snprintf(buf, sizeof buf, "provider:%s", t->d->conns[k].provider);
			add_unique(t, buf);
		}
	}
	for (size_t v = 0; v < t->d->ndevices; v++) {
		char buf[96];

		if (t->d->devices[v].isp[0]) {
			snprintf(buf, sizeof buf, "isp:%s", t->d->devices[v].isp);
			add_unique(t, buf);
		}
	}
	for (size_t r = 0; r < t->d->nrisks; r++) {
		char buf[96];

		snprintf(buf, sizeof buf, "risk:%s", t->d->risks[r].name);
		add_unique(t, buf);
	}
	add_unique(t, "aws-endpoint:1");
	add_unique(t, "aws-endpoint:2");
	for (size_t i = 0; i < t->nchoices; i++)
		if (tui_is_failed(t, t->choices[i])) {
			char *c = xasprintf("%s (failed: restore)", t->choices[i]);

			free(t->choices[i]);
			t->choices[i] = c;
		}
	choose(t, ASK_FAIL, "fail or restore");
	free(id);
}

/* --- keys ----------------------------------------------------------------- */

static void
move_sel(struct tui *t, int dx, int dy)
{
	int o = canvas_neighbour(&t->cv, t->sel, dx, dy);

	if (o >= 0)
		select_obj(t, o);
}

static void
pan(struct tui *t, int dx, int dy)
{
	struct geom g;

	draw_geometry(&g);
	t->sx += dx;
	t->sy += dy;
	if (t->sx > t->cv.w - (g.cw - 2))
		t->sx = t->cv.w - (g.cw - 2);
	if (t->sy > t->cv.h - (g.ch - 2))
		t->sy = t->cv.h - (g.ch - 2);
	if (t->sx < 0)
		t->sx = 0;
	if (t->sy < 0)
		t->sy = 0;
}

/* Returns false when the loop should end. */
static bool
handle_ask(struct tui *t, int ch)
{
	enum tui_ask what = t->ask;

	t->mode = MODE_NORMAL;
	t->ask = ASK_NONE;
	switch (what) {
	case ASK_QUIT:
		if (ch == 's') {
			if (t->path == NULL) {
				prompt(t, ASK_SAVE_AS, "save as: ", "");
				return true;
			}
			return save_to(t, t->path) != 0;
		}
		if (ch == 'd' || ch == 'y') {
			drop_recovery(t);
			return false;
		}
		snprintf(t->msg, sizeof t->msg, "not quitting");
		break;
	case ASK_DELETE:
		if (ch == 'y')
			delete_selected(t, true);
		else
			snprintf(t->msg, sizeof t->msg, "nothing deleted");
		break;
	case ASK_RECOVER:
		if (ch == 'r') {
			struct error err = ERROR_INIT;
			struct design *nd = NULL;
			char *p = recover_path(t);

			if (p && design_load(p, &nd, &err) == 0)
				commit(t, nd, "recovered the unsaved session");
			else
				snprintf(t->msg, sizeof t->msg, "the recovery file "
				    "does not load; kept as it is");
			error_clear(&err);
			free(p);
		} else if (ch == 'd') {
			drop_recovery(t);
			snprintf(t->msg, sizeof t->msg, "recovery file discarded");
		}
		break;
	case ASK_TEMPLATE_DISCARD:
		if (ch == 'y')
			start_templates(t);
		break;
	default:
		break;
	}
	return true;
}

static void
handle_prompt(struct tui *t, int ch)
{
	size_t n = strlen(t->input);

	if (ch == 27) {
		t->mode = MODE_NORMAL;
		return;
	}
	if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		/* A whole character, however many bytes it takes. */
		while (n > 0 && ((unsigned char)t->input[n - 1] & 0xc0) == 0x80)
			n--;
		if (n > 0)
			n--;
		t->input[n] = '\0';
		return;
	}
	if (ch == KEY_CTRL('u')) {
		t->input[0] = '\0';
		return;
	}
	if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
		t->mode = MODE_NORMAL;
		if (t->ask == ASK_SAVE_AS && t->input[0]) {
			if (save_to(t, t->input) == 0 && t->ask == ASK_SAVE_AS)
				relayout(t);
		} else if (t->ask == ASK_EXPORT && t->input[0]) {
			run_export(t, t->input);
		} else if (t->ask == ASK_RENAME_LOCATION && t->input[0]) {
			rename_location(t, t->input);
		} else if (t->ask == ASK_FIND) {
			if (t->input[0])
				snprintf(t->find, sizeof t->find, "%.63s", t->input);
			find_next(t, t->find);
		}
		return;
	}
	if (ch >= 32 && ch < 127 && n + 1 < sizeof t->input) {
		t->input[n] = (char)ch;
		t->input[n + 1] = '\0';
	} else if (ch & FORM_WCHAR) {
		char mb[MB_LEN_MAX];
		mbstate_t st;
		size_t k;

		memset(&st, 0, sizeof st);
		k = wcrtomb(mb, (wchar_t)(ch & ~FORM_WCHAR), &st);
		if (k != (size_t)-1 && n + k < sizeof t->input) {
			memcpy(t->input + n, mb, k);
			t->input[n + k] = '\0';
		}
	}
}

static void
handle_choose(struct tui *t, int ch)
{
	if (t->menu == NULL)
		draw_choose(t);
	switch (ch) {
	case KEY_UP:
	case 'k':
		menu_driver(t->menu, REQ_UP_ITEM);
		break;
	case KEY_DOWN:
	case 'j':
		menu_driver(t->menu, REQ_DOWN_ITEM);
		break;
	case KEY_PPAGE:
		menu_driver(t->menu, REQ_SCR_UPAGE);
		break;
	case KEY_NPAGE:
		menu_driver(t->menu, REQ_SCR_DPAGE);
		break;
	case KEY_HOME:
		menu_driver(t->menu, REQ_FIRST_ITEM);
		break;
	case KEY_END:
		menu_driver(t->menu, REQ_LAST_ITEM);
		break;
	case KEY_MOUSE: {
		/* A press on an item chooses it; one outside the list closes
		 * it.  (menuw only takes clicks, and the designer reports
		 * presses so that drags work.) */
		MEVENT me;
		WINDOW *sub = menu_sub(t->menu);
		int y = 0, x = 0;

		if (getmouse(&me) != OK || !(me.bstate & (BUTTON1_PRESSED |
		    BUTTON1_CLICKED)))
			return;
		if (!wenclose(t->mwin, me.y, me.x)) {
			ch = 27;
			break;
		}
		getbegyx(sub, y, x);
		(void)x;
		if (me.y - y >= 0 && top_row(t->menu) + me.y - y < item_count(
		    t->menu)) {
			set_current_item(t->menu, t->mitems[top_row(t->menu) +
			    me.y - y]);
			ch = '\n';
		}
		break;
	}
	default:
		break;
	}
	t->csel = (size_t)item_index(current_item(t->menu));
	switch (ch) {
	case 27:
	case 'q':
		t->mode = MODE_NORMAL;
		draw_menu_close(t);
		return;
	case '\n':
	case '\r':
	case KEY_ENTER:
		break;
	case 'd':
	case KEY_DC:
		if (t->ask == ASK_ITEMS && t->csel < t->nchoices) {
			t->mode = MODE_NORMAL;
			draw_menu_close(t);
			item_chosen(t, t->csel, true);
		}
		return;
	default:
		if (ch >= '1' && ch <= '9' && (size_t)(ch - '1') < t->nchoices) {
			t->csel = (size_t)(ch - '1');
			break;
		}
		return;
	}
	draw_menu_close(t);
	t->mode = MODE_NORMAL;
	switch (t->ask) {
	case ASK_ADD:
		add_chosen(t, t->csel);
		break;
	case ASK_FAIL: {
		char *id = t->choices[t->csel];

		id[strcspn(id, " ")] = '\0';
		toggle_failure(t, id);
		break;
	}
	case ASK_TEMPLATE:
		open_template(t, t->csel);
		break;
	case ASK_ITEMS:
		item_chosen(t, t->csel, false);
		break;
	default:
		break;
	}
}

/* Move the chosen scenario by delta rows, stopping at either end. */
static void
matrix_move(struct tui *t, long delta)
{
	long last = t->nmrows ? (long)t->nmrows - 1 : 0, to = (long)t->msel +
	    delta;

	t->msel = (size_t)(to < 0 ? 0 : to > last ? last : to);
}

/* In the matrix view the wheel moves the chosen scenario and a click on
 * a row of the table chooses it. */
static void
matrix_mouse(struct tui *t, const MEVENT *me)
{
	int rows = draw_matrix_rows(t);

	if (me->bstate & BUTTON4_PRESSED)
		matrix_move(t, -3);
	else if (me->bstate & BUTTON5_PRESSED)
		matrix_move(t, 3);
	else if ((me->bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) &&
	    me->y >= 3 && me->y < 3 + rows &&
	    t->mtop + (size_t)(me->y - 3) < t->nmrows)
		t->msel = t->mtop + (size_t)(me->y - 3);
}

static void
handle_matrix(struct tui *t, int ch)
{
	int page = draw_matrix_rows(t) - 1;

	switch (ch) {
	case KEY_UP:
	case 'k':
		matrix_move(t, -1);
		break;
	case KEY_DOWN:
	case 'j':
		matrix_move(t, 1);
		break;
	case KEY_PPAGE:
		matrix_move(t, -page);
		break;
	case KEY_NPAGE:
		matrix_move(t, page);
		break;
	case KEY_HOME:
	case 'g':
		t->msel = 0;
		break;
	case KEY_END:
	case 'G':
		matrix_move(t, (long)t->nmrows);
		break;
	case KEY_LEFT:
	case 'h':
	case '<':
		if (t->mleft > 0)
			t->mleft--;
		break;
	case KEY_RIGHT:
	case 'l':
	case '>':
		if ((size_t)t->mleft + 1 < t->ncols)
			t->mleft++;
		break;
	case '\n':
	case '\r':
	case KEY_ENTER:
		if (t->msel < t->nmrows) {
			const struct matrix_row *r = &t->mrows[t->msel];

			failed_clear(t);
			for (size_t i = 0; i < r->nfailed; i++) {
				t->failed = xrealloc(t->failed, (t->nfailed + 1) *
				    sizeof *t->failed);
				t->failed[t->nfailed++] = xstrdup(r->failed[i]);
			}
			t->mstale = true;
			matrix_close(t);
			build_items(t);
			snprintf(t->msg, sizeof t->msg, "scenario %s", r->name);
		}
		matrix_close(t);
		break;
	case 27:
	case 'm':
	case 'q':
		matrix_close(t);
		break;
	default:
		break;
	}
}

/* Keys live in DESIGN.secrets by connection name: a renamed connection
 * keeps its PSKs and MD5 key (copied, so undo finds them under the old
 * name too). */
static void
carry_keys(struct tui *t, const char *old, const char *name)
{
	struct error err = ERROR_INIT;
	struct secrets *sec;
	char *sp, what[96];

	if (t->path == NULL)
		return;
	sec = design_secrets(t, false, &sp, &err);
	if (sec != NULL && secrets_carry(sec, old, name) > 0) {
		snprintf(what, sizeof what, "keys not carried to %s", name);
		if (secrets_save(sec, sp, &err) != 0)
			msg_error(t, true, what, &err);
		else
			msg_add(t, "; keys carried to %s", name);
	}
	secrets_free(&sec);
	error_clear(&err);
	free(sp);
}

/* An edit that renamed objects (same count, another name at the same
 * place): the what-if failures follow, rewritten as the model rewrites
 * risk members and before the edit's recompute uses them. */
static void
follow_failures(struct tui *t, const struct design *od,
    const struct design *nd)
{
	if (od->ndcs == nd->ndcs)
		for (size_t i = 0; i < nd->ndcs; i++)
			if (strcmp(od->dcs[i].name, nd->dcs[i].name) != 0)
				design_rename_ids(od, DESIGN_DC, i, nd->dcs[i].name,
				    t->failed, t->nfailed);
	if (od->ndevices == nd->ndevices)
		for (size_t i = 0; i < nd->ndevices; i++)
			if (strcmp(od->devices[i].name, nd->devices[i].name) != 0)
				design_rename_ids(od, DESIGN_DEVICE, i,
				    nd->devices[i].name, t->failed, t->nfailed);
	if (od->nrisks == nd->nrisks)
		for (size_t i = 0; i < nd->nrisks; i++)
			if (strcmp(od->risks[i].name, nd->risks[i].name) != 0)
				design_rename_ids(od, DESIGN_RISK, i, nd->risks[i].name,
				    t->failed, t->nfailed);
	if (od->nconns == nd->nconns)
		for (size_t i = 0; i < nd->nconns; i++)
			if (strcmp(od->conns[i].name, nd->conns[i].name) != 0)
				design_rename_ids(od, DESIGN_CONN, i, nd->conns[i].name,
				    t->failed, t->nfailed);
}

/* A renamed connection keeps its keys (said after the edit's message). */
static void
follow_keys(struct tui *t, const struct design *od, const struct design *nd)
{
	if (od->nconns == nd->nconns)
		for (size_t i = 0; i < nd->nconns; i++)
			if (strcmp(od->conns[i].name, nd->conns[i].name) != 0)
				carry_keys(t, od->conns[i].name, nd->conns[i].name);
}

static void
handle_form(struct tui *t, int ch)
{
	struct design *nd = NULL;
	char what[128];
	int r = form_key(t->form, ch, &nd, what, sizeof what);

	if (r == FORM_CANCEL) {
		form_free(&t->form);
		t->mode = MODE_NORMAL;
		snprintf(t->msg, sizeof t->msg, "cancelled");
	} else if (r == FORM_DONE) {
		int k;
		size_t idx;
		bool sel = form_result_object(t->form, nd, &k, &idx);
		bool newvpn = sel && k == CANVAS_CONN &&
		    nd->conns[idx].type == CONN_VPN;

		form_free(&t->form);
		t->mode = MODE_NORMAL;
		if (sel) {
			t->sel_kind = (enum canvas_kind)k;
			t->sel_index = idx;
		}
		follow_failures(t, t->d, nd);
		commit(t, nd, what);
		follow_keys(t, history_at(t->hist, history_pos(t->hist) - 1), nd);
		if (newvpn)
			propose_psks(t);
	}
}

static bool
handle_key(struct tui *t, int ch)
{
	struct geom g;

	draw_geometry(&g);
	t->msg[0] = '\0';
	switch (t->mode) {
	case MODE_HELP: {
		int n = draw_help_count();

		/* Space or PgDn pages a help taller than the screen; any other
		 * key closes it. */
		if ((ch == ' ' || ch == KEY_NPAGE) && t->help_top + LINES - 3 < n)
			t->help_top += LINES - 4;
		else {
			t->mode = MODE_NORMAL;
			t->help_top = 0;
		}
		return true;
	}
	case MODE_ASK:
		return handle_ask(t, ch);
	case MODE_PROMPT:
		handle_prompt(t, ch);
		return true;
	case MODE_CHOOSE:
		handle_choose(t, ch);
		return true;
	case MODE_MATRIX:
		handle_matrix(t, ch);
		return true;
	case MODE_FORM:
		handle_form(t, ch);
		return true;
	case MODE_NORMAL:
		break;
	}
	if (t->focus == FOCUS_INSPECTOR) {
		int page = g.ih - 3 > 1 ? g.ih - 3 : 1;

		switch (ch) {
		case KEY_UP:
		case 'k':
			if (t->insp_top > 0)
				t->insp_top--;
			return true;
		case KEY_DOWN:
		case 'j':
			if (t->insp_top + g.ih - 2 < t->insp_rows)
				t->insp_top++;
			return true;
		case KEY_PPAGE:
			t->insp_top = t->insp_top > page ? t->insp_top - page : 0;
			return true;
		case KEY_NPAGE:
			t->insp_top += page;    /* draw_inspector clamps it */
			return true;
		case 27:
			t->focus = FOCUS_CANVAS;
			return true;
		default:
			break;
		}
	}
	if (t->focus == FOCUS_FINDINGS) {
		switch (ch) {
		case KEY_UP:
		case 'k':
			findings_step(t, -1);
			return true;
		case KEY_DOWN:
		case 'j':
			findings_step(t, 1);
			return true;
		case KEY_PPAGE:
			t->isel = t->isel > (size_t)g.fh ? t->isel - (size_t)g.fh : 0;
			t->ioff = 0;
			return true;
		case KEY_NPAGE:
			t->isel += (size_t)g.fh;
			if (t->isel >= t->nitems)
				t->isel = t->nitems ? t->nitems - 1 : 0;
			t->ioff = 0;
			return true;
		case '\n':
		case '\r':
		case KEY_ENTER:
			if (t->isel < t->nitems)
				select_subject(t, t->items[t->isel].subject);
			return true;
		case 27:
			t->focus = FOCUS_CANVAS;
			return true;
		default:
			break;
		}
	}
	switch (ch) {
	case 'q':
		if (dirty(t)) {
			ask(t, ASK_QUIT, "unsaved changes: s save and quit, d discard "
			    "and quit, any other key stays ");
			return true;
		}
		return false;
	case '\t':
		t->focus = t->focus == FOCUS_CANVAS ? FOCUS_FINDINGS :
		    t->focus == FOCUS_FINDINGS ? FOCUS_INSPECTOR : FOCUS_CANVAS;
		break;
	case KEY_UP:
	case 'k':
		move_sel(t, 0, -1);
		break;
	case KEY_DOWN:
	case 'j':
		move_sel(t, 0, 1);
		break;
	case KEY_LEFT:
	case 'h':
		move_sel(t, -1, 0);
		break;
	case KEY_RIGHT:
	case 'l':
		move_sel(t, 1, 0);
		break;
	case 'H':
		move_dc(t, -1, 0);
		break;
	case 'L':
		move_dc(t, 1, 0);
		break;
	case 'K':
		move_dc(t, 0, -1);
		break;
	case 'J':
		move_dc(t, 0, 1);
		break;
	case KEY_PPAGE:
		pan(t, 0, -(g.ch - 3));
		break;
	case KEY_NPAGE:
		pan(t, 0, g.ch - 3);
		break;
	case '<':
		pan(t, -(g.cw / 2), 0);
		break;
	case '>':
		pan(t, g.cw / 2, 0);
		break;
	case KEY_HOME:
	case 'g':
		select_obj(t, 0);
		break;
	case KEY_END:
	case 'G':
		select_obj(t, (int)t->cv.nobjs - 1);
		break;
	case 'f':
		start_fail(t, false);
		break;
	case 'p':
		start_fail(t, true);
		break;
	case 'F':
		failed_clear(t);
		tui_apply_failures(t);
		build_items(t);
		snprintf(t->msg, sizeof t->msg, "every failure cleared");
		break;
	case 'm':
		open_matrix(t);
		break;
	case 'a':
		choices_clear(t);
		for (size_t i = 0; i < sizeof add_kinds / sizeof add_kinds[0]; i++)
			choice_add(t, add_kinds[i]);
		choose(t, ASK_ADD, "add");
		break;
	case 'e':
	case '\n':
	case '\r':
	case KEY_ENTER:
		edit_selected(t);
		break;
	case 'd':
	case KEY_DC:
		delete_selected(t, false);
		break;
	case 'u':
		undo(t, -1);
		break;
	case KEY_CTRL('r'):
		undo(t, 1);
		break;
	case 's':
		if (t->path == NULL)
			prompt(t, ASK_SAVE_AS, "save as: ", "");
		else
			save_to(t, t->path);
		break;
	case 'S':
		prompt(t, ASK_SAVE_AS, "save as: ", t->path);
		break;
	case '/':
		prompt(t, ASK_FIND, "find: ", "");
		break;
	case 'o':
		start_items(t);
		break;
	case 'x':
		start_export(t);
		break;
	case 'n':
		if (dirty(t))
			ask(t, ASK_TEMPLATE_DISCARD, "unsaved changes will be lost "
			    "(still in undo): y continue, any other key stays ");
		else
			start_templates(t);
		break;
	case '?':
	case KEY_F(1):
		t->mode = MODE_HELP;
		break;
	case KEY_CTRL('l'):
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
	return true;
}

static void
handle_mouse(struct tui *t)
{
	MEVENT me;
	struct geom g;

	if (getmouse(&me) != OK)
		return;
	if (t->mode == MODE_MATRIX) {
		matrix_mouse(t, &me);
		return;
	}
	if (t->mode != MODE_NORMAL)
		return;
	draw_geometry(&g);
	if ((me.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) &&
	    me.x >= g.rx && me.y < g.fy) {
		t->focus = FOCUS_INSPECTOR;
		if ((me.bstate & BUTTON4_PRESSED) && t->insp_top > 0)
			t->insp_top--;
		else if ((me.bstate & BUTTON5_PRESSED) &&
		    t->insp_top + g.ih - 2 < t->insp_rows)
			t->insp_top++;
		return;
	}
	if (me.bstate & BUTTON4_PRESSED) {
		if (me.x >= g.rx && me.y >= g.fy) {
			t->focus = FOCUS_FINDINGS;
			if (t->itop > 0)
				t->itop--;
			findings_step(t, -1);
		} else
			pan(t, 0, -3);
		return;
	}
	if (me.bstate & BUTTON5_PRESSED) {
		if (me.x >= g.rx && me.y >= g.fy) {
			t->focus = FOCUS_FINDINGS;
			findings_step(t, 1);
		} else
			pan(t, 0, 3);
		return;
	}
	if ((me.bstate & BUTTON1_RELEASED) && t->drag >= 0) {
		int from = t->drag;

		t->drag = -1;
		if (me.x > 0 && me.x < g.cw - 1 && me.y > 1 && me.y < g.ch &&
		    canvas_hit(&t->cv, t->sx + me.x - 1, t->sy + me.y - 2) != from) {
			if (t->cv.objs[from].kind == CANVAS_DEVICE)
				drop_device(t, from, t->sx + me.x - 1, t->sy + me.y - 2);
			else
				drop_dc(t, from, t->sx + me.x - 1, t->sy + me.y - 2);
		}
		return;
	}
	if (!(me.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return;
	if (me.x > 0 && me.x < g.cw - 1 && me.y > 1 && me.y < g.ch) {
		int o = canvas_hit(&t->cv, t->sx + me.x - 1, t->sy + me.y - 2);

		t->focus = FOCUS_CANVAS;
		if (o >= 0)
			select_obj(t, o);
		/* Pressing on a data center starts a drag. */
		t->drag = o >= 0 && (t->cv.objs[o].kind == CANVAS_DC ||
		    t->cv.objs[o].kind == CANVAS_DEVICE) &&
		    (me.bstate & BUTTON1_PRESSED) ? o : -1;
	} else if (me.x >= g.rx && me.y > g.fy && me.y < g.fy + g.fh - 1) {
		int row = me.y - g.fy - 1;

		/* Findings take one to many rows: the row drawn says which. */
		t->focus = FOCUS_FINDINGS;
		if (row < t->nfrow && t->frow[row] < t->nitems) {
			size_t i = t->frow[row];

			t->isel = i;
			t->ioff = 0;
			select_subject(t, t->items[i].subject);
			t->focus = FOCUS_FINDINGS;
		}
	}
}

/* --- start and end ----------------------------------------------------- */

static int
tui_open(struct tui *t, const char *path)
{
	struct error e = ERROR_INIT;
	struct stat st;
	struct design *d = NULL;

	memset(t, 0, sizeof *t);
	t->path = path ? xstrdup(path) : NULL;
	t->avail_for = -2;
	t->drag = -1;
	if (path == NULL || (stat(path, &st) != 0 && errno == ENOENT)) {
		d = design_new();
		t->is_new = path != NULL;
		reset_history(t, d);
		return 0;
	}
	if (design_load(path, &d, &e) != 0) {
		char *s = error_string(&e);

		fputs(s, stderr);
		fprintf(stderr, "hatopo: %s was not opened; fix it or run "
		    "'hatopo validate %s'\n", path, path);
		free(s);
		error_clear(&e);
		free(t->path);
		return -1;
	}
	reset_history(t, d);
	return 0;
}

static void
tui_close(struct tui *t)
{
	history_free(&t->hist);
	error_clear(&t->verr);
	findings_free(&t->f);
	engine_free(&t->e);
	canvas_free(&t->cv);
	failed_clear(t);
	free(t->objstate);
	free(t->objpath);
	items_clear(t);
	free(t->items);
	free(t->frow);
	free(t->avail_text);
	choices_clear(t);
	matrix_clear(t);
	form_free(&t->form);
	free(t->path);
}

static bool
utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && strcmp(cs, "UTF-8") == 0;
}

/* A recovery file left by a session that did not end cleanly. */
static void
offer_recovery(struct tui *t)
{
	char *p = recover_path(t);
	struct stat st;

	if (p && stat(p, &st) == 0) {
		char q[512];

		snprintf(q, sizeof q, "%s holds unsaved changes from an earlier "
		    "session: r recover, d discard, any other key keeps it ", p);
		ask(t, ASK_RECOVER, q);
	}
	free(p);
}

int
tui_run(const char *path)
{
	struct tui t;
	bool running = true;
	int lastw, lasth;

	if (tui_open(&t, path) != 0)
		return 2;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "hatopo: the designer needs a terminal; for "
		    "scripts use 'hatopo validate' and the other subcommands\n");
		tui_close(&t);
		return 2;
	}
	/* LC_CTYPE only: numbers in files stay in the C locale. */
	setlocale(LC_CTYPE, "");
	t.utf8 = utf8_locale();
	if (tcgetattr(STDIN_FILENO, &tui_saved_termios) == 0)
		tui_have_termios = true;
	tui_install_signals();
	if (initscr() == NULL) {
		fprintf(stderr, "hatopo: cannot initialise the terminal\n");
		tui_close(&t);
		return 2;
	}
	tui_started = true;
	atexit(tui_restore);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	timeout(250);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED |
	    BUTTON4_PRESSED |
	    BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	t.color = has_colors() && getenv("NO_COLOR") == NULL;
	if (t.color) {
		start_color();
		use_default_colors();
		init_pair(PAIR_TITLE, COLOR_CYAN, -1);
		init_pair(PAIR_STATUS, COLOR_BLACK, COLOR_CYAN);
		init_pair(PAIR_GOOD, COLOR_GREEN, -1);
		init_pair(PAIR_WARN, COLOR_YELLOW, -1);
		init_pair(PAIR_BAD, COLOR_RED, -1);
		init_pair(PAIR_PATH, COLOR_MAGENTA, -1);
	}
	recompute(&t);
	offer_recovery(&t);
	lastw = COLS;
	lasth = LINES;
	draw_screen(&t);
	while (running && !tui_quit_signal) {
		wint_t wc;
		int r = get_wch(&wc), ch;

		if (r == ERR)
			continue;
		/* Keys as curses codes, ASCII as itself, other characters
		 * (typed into a form or a prompt) flagged. */
		ch = r == KEY_CODE_YES || wc < 0x80 ? (int)wc :
		    FORM_WCHAR | (int)wc;
		if (ch == KEY_RESIZE || COLS != lastw || LINES != lasth) {
			lastw = COLS;
			lasth = LINES;
			erase();
			relayout(&t);
			if (ch == KEY_RESIZE) {
				draw_screen(&t);
				continue;
			}
		}
		if (COLS < TUI_MIN_COLS || LINES < TUI_MIN_ROWS) {
			running = ch != 'q';
			if (!running && dirty(&t))
				write_recovery(&t);
		} else if (ch == KEY_MOUSE && t.mode == MODE_CHOOSE)
			handle_choose(&t, ch);
		else if (ch == KEY_MOUSE)
			handle_mouse(&t);
		else if (ch == KEY_CTRL('c'))
			tui_quit_signal = SIGINT;
		else
			running = handle_key(&t, ch);
		if (running && !tui_quit_signal)
			draw_screen(&t);
	}
	tui_restore();
	if (tui_quit_signal && dirty(&t))
		write_recovery(&t);
	tui_close(&t);
	if (tui_quit_signal)
		return 128 + tui_quit_signal;
	return 0;
}
