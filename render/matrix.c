#include "render/matrix.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/explain.h"
#include "model/strbuf.h"

struct mtable {
	const struct engine *e;
	const struct design *d;
	enum mtable_format fmt;
	int k;
	bool unicode;
	size_t ncols;           /* scenario + destinations + data centers */
	char **cells;           /* rows * ncols, for the table formats */
	size_t nrows, rowcap;
	struct strbuf spof;     /* single points of failure */
	struct strbuf capacity; /* overloads */
	size_t nspof, ncap;
	size_t csv_rows;
	bool first_json;
};

static const char *
arrow(bool unicode)
{
	return unicode ? " ⇒ " : " => ";
}

static void
add_gbps(struct strbuf *sb, double v)
{
	char buf[32];

	explain_gbps(v, buf, sizeof buf);
	strbuf_puts(sb, buf);
}

static const char *
conn_name(const struct engine *e, uint32_t c)
{
	return engine_design(e)->conns[c].name;
}

static const char *
dc_name(const struct engine *e, uint32_t j)
{
	return engine_design(e)->dcs[j].name;
}

static void
add_via(struct strbuf *sb, const struct engine *e,
    const struct engine_result *r, uint32_t off, uint32_t n)
{
	for (uint32_t a = 0; a < n; a++) {
		if (a)
			strbuf_puts(sb, "+");
		strbuf_puts(sb, conn_name(e, r->pool[off + a]));
	}
}

/* The data centers where a destination's traffic enters: "dc1+dc2". */
static void
add_entries(struct strbuf *sb, const struct engine *e,
    const struct engine_result *r, const struct engine_dest *x)
{
	for (uint32_t a = 0; a < x->nentry; a++) {
		if (a)
			strbuf_puts(sb, "+");
		strbuf_puts(sb, dc_name(e, r->pool[x->entry_off + a]));
	}
}

/* The element on a path that is most over its capacity. */
static int64_t
worst_elem(const struct engine_result *r, uint32_t off, uint32_t n)
{
	int64_t worst = -1;
	double ratio = 1.0;

	for (uint32_t a = 0; a < n; a++) {
		uint32_t el = r->pool[off + a];
		double cap = r->capacity[el], x;

		if (r->load[el] <= cap + 1e-9)
			continue;
		x = cap > 0 ? r->load[el] / cap : 1e300;
		if (worst < 0 || x > ratio) {
			worst = el;
			ratio = x;
		}
	}
	return worst;
}

static void
add_overload(struct strbuf *sb, const struct engine_result *r, uint32_t off,
    uint32_t n, bool unicode)
{
	int64_t el = worst_elem(r, off, n);

	strbuf_puts(sb, arrow(unicode));
	strbuf_puts(sb, "OVERLOADED");
	if (el >= 0) {
		strbuf_puts(sb, " ");
		add_gbps(sb, r->load[el]);
		strbuf_puts(sb, "/");
		add_gbps(sb, r->capacity[el]);
	}
}

char *
mtable_dest_cell(const struct engine *e, const struct engine_result *r,
    size_t i, bool unicode)
{
	const struct engine_dest *x = &r->dests[i];
	uint32_t origin = (uint32_t)engine_dest_origin(e, i);
	struct strbuf sb = STRBUF_INIT;
	bool wan = false;

	switch (x->status) {
	case ENGINE_ORIGIN_DOWN:
		return xstrdup("origin down");
	case ENGINE_UNREACHABLE:
		return xstrdup("UNREACHABLE");
	case ENGINE_BLACKHOLED:
		strbuf_addf(&sb, "BLACKHOLED at %s", dc_name(e, (uint32_t)
		    x->blackhole_dc));
		return strbuf_detach(&sb);
	default:
		break;
	}
	add_via(&sb, e, r, x->via_off, x->nvia);
	if (x->mode == ENGINE_MODE_ONE_OF)
		strbuf_puts(&sb, " (one-of)");
	for (uint32_t a = 0; a < x->nentry; a++)
		if (r->pool[x->entry_off + a] != origin) {
			strbuf_puts(&sb, wan ? "+" : arrow(unicode));
			strbuf_puts(&sb, dc_name(e, r->pool[x->entry_off + a]));
			wan = true;
		}
	if (wan) {
		strbuf_puts(&sb, arrow(unicode));
		strbuf_puts(&sb, "wan");
	}
	if (x->status == ENGINE_OVERLOADED)
		add_overload(&sb, r, x->elem_off, x->nelem, unicode);
	return strbuf_detach(&sb);
}

char *
mtable_dc_cell(const struct engine *e, const struct engine_result *r,
    size_t j, bool unicode)
{
	const struct engine_dc *x = &r->dcs[j];
	struct strbuf sb = STRBUF_INIT;

	switch (x->status) {
	case ENGINE_ORIGIN_DOWN:
		return xstrdup("origin down");
	case ENGINE_UNREACHABLE:
		return xstrdup("UNREACHABLE");
	default:
		break;
	}
	if (x->hops > 0) {
		strbuf_puts(&sb, "wan");
		strbuf_puts(&sb, arrow(unicode));
	}
	add_via(&sb, e, r, x->via_off, x->nvia);
	if (x->status == ENGINE_OVERLOADED)
		add_overload(&sb, r, x->elem_off, x->nelem, unicode);
	return strbuf_detach(&sb);
}

int
mtable_format_parse(const char *s, enum mtable_format *out)
{
	static const char *const names[] = { "text", "md", "csv", "json" };

	for (int i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum mtable_format)i;
			return 0;
		}
	return -1;
}

struct mtable *
mtable_new(const struct engine *e, enum mtable_format fmt, int k,
    bool unicode)
{
	struct mtable *t = xcalloc(1, sizeof *t);

	t->e = e;
	t->d = engine_design(e);
	t->fmt = fmt;
	t->k = k;
	t->unicode = unicode;
	t->ncols = 1 + engine_dest_count(e) + engine_dc_count(e);
	t->first_json = true;
	return t;
}

void
mtable_free(struct mtable **tp)
{
	struct mtable *t;

	if (tp == NULL || *tp == NULL)
		return;
	t = *tp;
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	strbuf_free(&t->spof);
	strbuf_free(&t->capacity);
	free(t);
	*tp = NULL;
}

/* The footnotes: every lost destination or data center and every
 * overload of the baseline and the single failures, one sentence each. */
static void
note_spof(struct mtable *t, const struct matrix_scenario *s,
    const struct engine_result *r)
{
	const char *who = s->nfailed == 0 ? "the baseline" : s->name;

	for (size_t i = 0; i < r->ndests; i++) {
		char *why = explain_dest(t->e, r, i), *fix;

		if (why == NULL)
			continue;
		fix = explain_dest_fix(t->e, r, i);
		strbuf_addf(&t->spof, "- %s %s. Fix: %s.\n", who, why, fix);
		free(why);
		free(fix);
		t->nspof++;
	}
	for (size_t j = 0; j < r->ndcs; j++) {
		char *why = explain_dc(t->e, r, j);

		if (why == NULL)
			continue;
		strbuf_addf(&t->spof, "- %s %s.\n", who, why);
		free(why);
		t->nspof++;
	}
	for (size_t el = 0; el < r->nelems; el++) {
		char *why = explain_elem(t->e, r, el);

		if (why == NULL)
			continue;
		strbuf_addf(&t->capacity, "- %s %s.\n", who, why);
		free(why);
		t->ncap++;
	}
}

static json_t *
json_via(const struct engine *e, const struct engine_result *r, uint32_t off,
    uint32_t n)
{
	json_t *a = json_array();

	for (uint32_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(conn_name(e, r->pool[off + i])));
	return a;
}

static json_t *
json_scenario(const struct mtable *t, const struct matrix_scenario *s,
    const struct engine_result *r)
{
	json_t *o = json_object(), *failed = json_array(), *to = json_array(),
	    *from = json_array(), *load = json_array();
	size_t nconns = engine_conn_count(t->e), nwans = engine_wan_count(t->e);
	char pf[PREFIX_STRLEN];

	json_object_set_new(o, "name", json_string(s->name));
	for (size_t i = 0; i < s->nfailed; i++)
		json_array_append_new(failed, json_string(engine_component_id(t->e,
		    s->failed[i])));
	json_object_set_new(o, "failed", failed);
	for (size_t i = 0; i < r->ndests; i++) {
		const struct engine_dest *x = &r->dests[i];
		json_t *d = json_object();
		struct strbuf entry = STRBUF_INIT;

		json_object_set_new(d, "prefix", json_string(prefix_format(
		    engine_dest_prefix(t->e, i), pf, sizeof pf)));
		json_object_set_new(d, "origin", json_string(dc_name(t->e,
		    (uint32_t)engine_dest_origin(t->e, i))));
		json_object_set_new(d, "status", json_string(engine_status_name(
		    x->status)));
		json_object_set_new(d, "via", json_via(t->e, r, x->via_off,
		    x->nvia));
		json_object_set_new(d, "mode", json_string(engine_mode_name(
		    x->mode)));
		add_entries(&entry, t->e, r, x);
		json_object_set_new(d, "entry", x->nentry ?
		    json_string(entry.data) : json_null());
		strbuf_free(&entry);
		if (x->status == ENGINE_BLACKHOLED)
			json_object_set_new(d, "blackholed_at", json_string(dc_name(
			    t->e, (uint32_t)x->blackhole_dc)));
		json_object_set_new(d, "gbps", json_real(x->gbps));
		json_array_append_new(to, d);
	}
	json_object_set_new(o, "to_onprem", to);
	for (size_t j = 0; j < r->ndcs; j++) {
		const struct engine_dc *x = &r->dcs[j];
		json_t *d = json_object();

		json_object_set_new(d, "dc", json_string(dc_name(t->e,
		    (uint32_t)j)));
		json_object_set_new(d, "status", json_string(engine_status_name(
		    x->status)));
		json_object_set_new(d, "via", json_via(t->e, r, x->via_off,
		    x->nvia));
		json_object_set_new(d, "mode", json_string(engine_mode_name(
		    x->mode)));
		json_object_set_new(d, "wan_hops", json_integer(x->hops));
		json_object_set_new(d, "gbps", json_real(x->gbps));
		json_array_append_new(from, d);
	}
	json_object_set_new(o, "to_aws", from);
	for (size_t c = 0; c < nconns; c++) {
		double in = r->load[c], out = r->load[nconns + c];
		json_t *l;

		if (in <= 0 && out <= 0)
			continue;
		l = json_object();
		json_object_set_new(l, "id", json_string(engine_elem_id(t->e, c)));
		json_object_set_new(l, "gbps", json_real(in > out ? in : out));
		json_object_set_new(l, "capacity", json_real(r->capacity[c]));
		json_object_set_new(l, "to_onprem", json_real(in));
		json_object_set_new(l, "to_aws", json_real(out));
		json_array_append_new(load, l);
	}
	for (size_t k = 0; k < nwans; k++) {
		size_t el = 2 * nconns + 2 * k;
		double ab = r->load[el], ba = r->load[el + 1];
		json_t *l;

		if (ab <= 0 && ba <= 0)
			continue;
		l = json_object();
		json_object_set_new(l, "id", json_string(engine_elem_id(t->e, el)));
		json_object_set_new(l, "gbps", json_real(ab > ba ? ab : ba));
		json_object_set_new(l, "capacity", json_real(r->capacity[el]));
		json_object_set_new(l, "a_to_b", json_real(ab));
		json_object_set_new(l, "b_to_a", json_real(ba));
		json_array_append_new(load, l);
	}
	json_object_set_new(o, "load", load);
	return o;
}

static char *
json_text(json_t *j, size_t flags)
{
	char *s = json_dumps(j, flags | JSON_REAL_PRECISION(10));

	if (s == NULL)
		abort();
	return s;
}

/* The streamed document's opening, up to the scenarios' "[". */
static void
json_head(struct mtable *t, struct strbuf *sb)
{
	json_t *name = json_string(t->d->name);
	char *n = json_text(name, JSON_ENCODE_ANY);

	strbuf_addf(sb, "{\"design\": %s, \"k\": %d, \"scenarios\": [", n,
	    t->k);
	free(n);
	json_decref(name);
	t->first_json = false;
}

static void
csv_field(struct strbuf *sb, const char *s)
{
	if (strpbrk(s, ",\"\n") == NULL) {
		strbuf_puts(sb, s);
		return;
	}
	strbuf_puts(sb, "\"");
	for (; *s; s++) {
		if (*s == '"')
			strbuf_puts(sb, "\"");
		strbuf_add(sb, s, 1);
	}
	strbuf_puts(sb, "\"");
}

static char *
csv_rows(const struct mtable *t, const struct matrix_scenario *s,
    const struct engine_result *r)
{
	struct strbuf sb = STRBUF_INIT;
	char pf[PREFIX_STRLEN];

	for (size_t i = 0; i < r->ndests; i++) {
		const struct engine_dest *x = &r->dests[i];

		csv_field(&sb, s->name);
		strbuf_puts(&sb, ",to_onprem,");
		strbuf_puts(&sb, prefix_format(engine_dest_prefix(t->e, i), pf,
		    sizeof pf));
		strbuf_addf(&sb, ",%s,%s,", dc_name(t->e,
		    (uint32_t)engine_dest_origin(t->e, i)),
		    engine_status_name(x->status));
		add_via(&sb, t->e, r, x->via_off, x->nvia);
		strbuf_addf(&sb, ",%s,", engine_mode_name(x->mode));
		add_entries(&sb, t->e, r, x);
		strbuf_puts(&sb, ",");
		add_gbps(&sb, x->gbps);
		strbuf_puts(&sb, "\n");
	}
	for (size_t j = 0; j < r->ndcs; j++) {
		const struct engine_dc *x = &r->dcs[j];

		csv_field(&sb, s->name);
		strbuf_addf(&sb, ",to_aws,%s,%s,%s,", dc_name(t->e, (uint32_t)j),
		    dc_name(t->e, (uint32_t)j), engine_status_name(x->status));
		add_via(&sb, t->e, r, x->via_off, x->nvia);
		strbuf_addf(&sb, ",%s,%s,", engine_mode_name(x->mode),
		    dc_name(t->e, (uint32_t)j));
		add_gbps(&sb, x->gbps);
		strbuf_puts(&sb, "\n");
	}
	return strbuf_detach(&sb);
}

char *
mtable_add(struct mtable *t, const struct matrix_scenario *s,
    const struct engine_result *r)
{
	char *out = NULL;

	if (s->nfailed <= 1)
		note_spof(t, s, r);
	switch (t->fmt) {
	case MTABLE_JSON: {
		json_t *j = json_scenario(t, s, r);
		char *body = json_text(j, JSON_COMPACT);
		struct strbuf sb = STRBUF_INIT;

		if (t->first_json) {
			json_head(t, &sb);
			strbuf_puts(&sb, "\n");
		} else
			strbuf_puts(&sb, ",\n");
		strbuf_puts(&sb, body);
		free(body);
		json_decref(j);
		return strbuf_detach(&sb);
	}
	case MTABLE_CSV: {
		struct strbuf sb = STRBUF_INIT;
		char *rows = csv_rows(t, s, r);

		if (t->csv_rows++ == 0)
			strbuf_puts(&sb, "scenario,direction,target,origin,status,via,"
			    "mode,entry,gbps\n");
		strbuf_puts(&sb, rows);
		free(rows);
		return strbuf_detach(&sb);
	}
	case MTABLE_TEXT:
	case MTABLE_MD:
		break;
	}
	t->cells = xgrow(t->cells, &t->rowcap, (t->nrows + 1) * t->ncols,
	    sizeof *t->cells);
	{
		char **row = t->cells + t->nrows * t->ncols;
		size_t c = 0;

		row[c++] = xstrdup(s->name);
		for (size_t i = 0; i < r->ndests; i++)
			row[c++] = mtable_dest_cell(t->e, r, i, t->unicode);
		for (size_t j = 0; j < r->ndcs; j++)
			row[c++] = mtable_dc_cell(t->e, r, j, t->unicode);
	}
	t->nrows++;
	return out;
}

/* Display width of UTF-8 text: one column per code point (the tables hold
 * no wide characters). */
static size_t
width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

static void
pad(struct strbuf *sb, const char *s, size_t w)
{
	strbuf_puts(sb, s);
	for (size_t n = width(s); n < w; n++)
		strbuf_puts(sb, " ");
}

static char *
header(const struct mtable *t, size_t col)
{
	char pf[PREFIX_STRLEN];
	size_t nd = engine_dest_count(t->e);

	if (col == 0)
		return xstrdup("scenario");
	if (col <= nd)
		return xasprintf("%s (%s)", prefix_format(engine_dest_prefix(t->e,
		    col - 1), pf, sizeof pf), dc_name(t->e,
		    (uint32_t)engine_dest_origin(t->e, col - 1)));
	return xasprintf("%s %s AWS", dc_name(t->e, (uint32_t)(col - nd - 1)),
	    t->unicode ? "→" : "->");
}

char *
mtable_finish(struct mtable *t, const struct matrix_counts *counts)
{
	struct strbuf sb = STRBUF_INIT;
	size_t *w;
	char **head;
	bool md = t->fmt == MTABLE_MD;

	if (t->fmt == MTABLE_JSON) {
		if (t->first_json)
			json_head(t, &sb);
		strbuf_addf(&sb, "\n], \"listed\": %zu, \"tried\": %zu}\n",
		    counts->listed, counts->tried);
		return strbuf_detach(&sb);
	}
	if (t->fmt == MTABLE_CSV)
		return xstrdup("");
	w = xcalloc(t->ncols, sizeof *w);
	head = xcalloc(t->ncols, sizeof *head);
	for (size_t c = 0; c < t->ncols; c++) {
		head[c] = header(t, c);
		w[c] = width(head[c]);
		for (size_t r = 0; r < t->nrows; r++) {
			size_t cw = width(t->cells[r * t->ncols + c]);

			if (cw > w[c])
				w[c] = cw;
		}
	}
	if (!md)
		strbuf_addf(&sb, "%s\n\n", t->d->name[0] ? t->d->name : "design");
	for (size_t c = 0; c < t->ncols; c++) {
		strbuf_puts(&sb, md ? "| " : (c ? "  " : ""));
		if (md || c + 1 < t->ncols)
			pad(&sb, head[c], w[c]);
		else
			strbuf_puts(&sb, head[c]);
		strbuf_puts(&sb, md ? " " : "");
	}
	strbuf_puts(&sb, md ? "|\n" : "\n");
	for (size_t c = 0; c < t->ncols; c++) {
		strbuf_puts(&sb, md ? "|" : (c ? "  " : ""));
		for (size_t n = 0; n < w[c] + (md ? 2 : 0); n++)
			strbuf_puts(&sb, "-");
	}
	strbuf_puts(&sb, md ? "|\n" : "\n");
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			strbuf_puts(&sb, md ? "| " : (c ? "  " : ""));
			if (md || c + 1 < t->ncols)
				pad(&sb, t->cells[r * t->ncols + c], w[c]);
			else
				strbuf_puts(&sb, t->cells[r * t->ncols + c]);
			strbuf_puts(&sb, md ? " " : "");
		}
		strbuf_puts(&sb, md ? "|\n" : "\n");
	}
	if (t->k >= 2)
		strbuf_addf(&sb, "\n%zu of %zu scenarios listed (the baseline and "
		    "those with a status other than ok or origin down).\n",
		    counts->listed, counts->tried);
	strbuf_addf(&sb, "\n%sSingle points of failure%s\n", md ? "### " : "",
	    t->nspof ? "" : ": none");
	strbuf_puts(&sb, t->spof.data ? t->spof.data : "");
	strbuf_addf(&sb, "\n%sCapacity%s\n", md ? "### " : "",
	    t->ncap ? "" : ": no connection or WAN link over capacity "
	    "after any single failure");
	strbuf_puts(&sb, t->capacity.data ? t->capacity.data : "");
	for (size_t c = 0; c < t->ncols; c++)
		free(head[c]);
	free(head);
	free(w);
	return strbuf_detach(&sb);
}
