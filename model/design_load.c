/* Reading a design file: libconfig syntax, then the types and shape of
 * every setting here, then the meaning (references, ranges, uniqueness) in
 * design_validate(), whose messages get the exact line of their setting. */
#include "design.h"

#include <ctype.h>
#include <errno.h>
#include <libconfig.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"

#define LOAD_MAX_ERRORS 100
#define SHOW_MAX 40             /* longest user value echoed in a message */

/* The loader leaves out what it has reported (a connection without a
 * type, a malformed prefix), so an object after it sits at a lower index
 * in the design than in the file.  design_validate() names the design's
 * index; this maps it back to the file's. */
struct moved {
	char *design;               /* "connections[0]" */
	char *file;                 /* "connections[1]" */
};

/* Prefixes repeat across a large design (each data center's prefixes are
 * advertised by many connections): parse each distinct text once. */
struct pfx_cache_slot {
	const char *text;       /* libconfig's string, alive during the load */
	bool address;
	struct prefix value;
};

struct pfx_cache {
	struct pfx_cache_slot *slots;
	size_t cap, used;
};

struct loader {
	const char *file;
	config_t cfg;
	struct error *err;          /* parse errors of this load */
	struct design *d;
	struct moved *moved;
	size_t nmoved, movedcap;
	struct pfx_cache cache;
	const char *text;           /* the file, for numbers as written */
	size_t *lines;              /* offset of each line, built when needed */
	size_t nlines;
};

static uint64_t
text_hash(const char *s, bool address)
{
	uint64_t h = address ? 0x9e3779b97f4a7c15ULL : 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static struct pfx_cache_slot *
cache_slot(struct pfx_cache *c, const char *text, bool address)
{
	size_t i;

	if (c->cap == 0)
		return NULL;
	i = (size_t)text_hash(text, address) & (c->cap - 1);
	while (c->slots[i].text != NULL) {
		if (c->slots[i].address == address &&
		    strcmp(c->slots[i].text, text) == 0)
			return &c->slots[i];
		i = (i + 1) & (c->cap - 1);
	}
	return &c->slots[i];
}

static void
cache_put(struct pfx_cache *c, const char *text, bool address,
    const struct prefix *p)
{
	struct pfx_cache_slot *slot;

	if (2 * (c->used + 1) > c->cap) {
		struct pfx_cache old = *c;

		c->cap = old.cap ? 2 * old.cap : 256;
		c->slots = xcalloc(c->cap, sizeof *c->slots);
		c->used = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.slots[i].text != NULL)
				cache_put(c, old.slots[i].text, old.slots[i].address,
				    &old.slots[i].value);
		free(old.slots);
	}
	slot = cache_slot(c, text, address);
	slot->text = text;
	slot->address = address;
	slot->value = *p;
	c->used++;
}

/* "connections.[1].tunnels.[0]" (libconfig's path) -> the path shown to
 * people: "connections[1].tunnels[0]". */
static char *
display_path(const char *path)
{
	char *out = xmalloc(strlen(path) + 1), *o = out;

	for (const char *p = path; *p; p++) {
		if (p[0] == '.' && p[1] == '[')
			continue;
		*o++ = *p;
	}
	*o = '\0';
	return out;
}

static char *
config_path(const char *display)
{
	char *out = xmalloc(2 * strlen(display) + 1), *o = out;

	for (const char *p = display; *p; p++) {
		if (*p == '[' && p != display)
			*o++ = '.';
		*o++ = *p;
	}
	*o = '\0';
	return out;
}

static void
ld_error(struct loader *ld, const config_setting_t *s, const char *path,
    const char *fmt, ...) XALLOC_PRINTF(4, 5);

static void
ld_error(struct loader *ld, const config_setting_t *s, const char *path,
    const char *fmt, ...)
{
	va_list ap;
	char msg[1024];
	char *shown = display_path(path);
	int line = s ? (int)config_setting_source_line(s) : 0;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	error_add(ld->err, ld->file, line, shown, "%s", msg);
	free(shown);
}

/* A user value quoted for a message, cut short and made printable. */
static const char *
show(const char *s, char *buf, size_t len)
{
	size_t o = 0;

	for (size_t i = 0; s[i] && o + 4 < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (i >= SHOW_MAX) {
			buf[o++] = '.';
			buf[o++] = '.';
			buf[o++] = '.';
			break;
		}
		buf[o++] = (ch < 0x20 || ch == 0x7f) ? '?' : (char)ch;
	}
	buf[o] = '\0';
	return buf;
}

static const char *
type_name(int type)
{
	switch (type) {
	case CONFIG_TYPE_GROUP:
		return "a group { }";
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		return "an integer";
	case CONFIG_TYPE_FLOAT:
		return "a number";
	case CONFIG_TYPE_STRING:
		return "a string";
	case CONFIG_TYPE_BOOL:
		return "true or false";
	case CONFIG_TYPE_ARRAY:
		return "an array [ ]";
	case CONFIG_TYPE_LIST:
		return "a list ( )";
	}
	return "nothing";
}

/* "parent.key" (or "key" at the root).  Called for every setting read,
 * so it copies rather than formats. */
static char *
child_path(const char *parent, const char *key)
{
	size_t np = parent ? strlen(parent) : 0, nk = strlen(key);
	char *p = xmalloc(np + nk + 2);

	if (np > 0) {
		memcpy(p, parent, np);
		p[np++] = '.';
	}
	memcpy(p + np, key, nk + 1);
	return p;
}

/* The object at design path dpath (display form) was read from the
 * setting at path (libconfig form). */
static void
note_moved(struct loader *ld, const char *path, const char *dpath)
{
	char *shown = display_path(path);
	struct moved *m;

	if (strcmp(shown, dpath) == 0) {
		free(shown);
		return;
	}
	ld->moved = xgrow(ld->moved, &ld->movedcap, ld->nmoved + 1,
	    sizeof *ld->moved);
	m = &ld->moved[ld->nmoved++];
	m->design = xstrdup(dpath);
	m->file = shown;
}

static void
note_index(struct loader *ld, const char *path, const char *list,
    size_t index)
{
	char *dp = xasprintf("%s[%zu]", list, index);

	note_moved(ld, path, dp);
	free(dp);
}

static int
compare_moved(const void *a, const void *b)
{
	const struct moved *x = a, *y = b;

	return strcmp(x->design, y->design);
}

/* A design path as it is in the file: the innermost moved object that
 * holds it decides.  ld->moved is sorted (finish_errors). */
static char *
file_field(const struct loader *ld, const char *field)
{
	char *buf, *out = NULL;

	if (ld->nmoved == 0)
		return xstrdup(field);
	buf = xstrdup(field);
	for (size_t n = strlen(field); n > 0 && out == NULL; n--) {
		struct moved key, *m;

		if (field[n] != '\0' && field[n] != '.' && field[n] != '[')
			continue;
		buf[n] = '\0';
		key.design = buf;
		m = bsearch(&key, ld->moved, ld->nmoved, sizeof *ld->moved,
		    compare_moved);
		if (m != NULL)
			out = xasprintf("%s%s", m->file, field + n);
	}
	free(buf);
	return out != NULL ? out : xstrdup(field);
}

/* Unknown keys are errors: a typo must not silently become a default. */
static void
check_keys(struct loader *ld, const config_setting_t *grp, const char *path,
    const char *const *allowed, const char *const *other_kind,
    const char *other_why)
{
	for (int i = 0; i < config_setting_length(grp); i++) {
		const config_setting_t *s = config_setting_get_elem(grp,
		    (unsigned)i);
		const char *name = config_setting_name(s);
		char *p = child_path(path, name);
		bool ok = false;

		for (const char *const *a = allowed; *a; a++)
			if (strcmp(*a, name) == 0)
				ok = true;
		if (!ok && other_kind != NULL)
			for (const char *const *a = other_kind; *a; a++)
				if (strcmp(*a, name) == 0) {
					ld_error(ld, s, p, "%s", other_why);
					ok = true;
				}
		if (!ok) {
			char list[512] = "";
			size_t o = 0;

			for (const char *const *a = allowed; *a && o < sizeof list; a++)
				o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
				    a == allowed ? "" : ", ", *a);
			ld_error(ld, s, p, "unknown key (known here: %s)", list);
		}
		free(p);
	}
}

static const config_setting_t *
member(const config_setting_t *grp, const char *key)
{
	return grp ? config_setting_get_member(grp, key) : NULL;
}

/* The start of line n (1-based) of the file, or NULL. */
static const char *
line_at(struct loader *ld, int n)
{
	if (ld->text == NULL || n < 1)
		return NULL;
	if (ld->lines == NULL) {
		size_t cap = 0;

		ld->lines = xgrow(NULL, &cap, 1, sizeof *ld->lines);
		ld->lines[ld->nlines++] = 0;
		for (const char *p = ld->text; *p; p++)
			if (*p == '\n') {
				ld->lines = xgrow(ld->lines, &cap, ld->nlines + 1,
				    sizeof *ld->lines);
				ld->lines[ld->nlines++] = (size_t)(p - ld->text) + 1;
			}
	}
	return (size_t)n <= ld->nlines ? ld->text + ld->lines[n - 1] : NULL;
}

/* libconfig silently wraps an integer that does not fit (4294967297
 * reads as 1).  Look at the numbers written after "key =" on the
 * setting's line: true, with the text in lit, when none of them is what
 * libconfig made of it. */
static bool
int_wrapped(struct loader *ld, const config_setting_t *s, const char *key,
    long long got, char *lit, size_t litlen)
{
	const char *line = line_at(ld, (int)config_setting_source_line(s));
	const char *end, *p;
	size_t klen = strlen(key);
	bool seen = false;

	if (line == NULL)
		return false;
	end = strchr(line, '\n');
	if (end == NULL)
		end = line + strlen(line);
	for (p = line; p + klen <= end; p++) {
		const char *q = p + klen, *num;
		char tok[64], *stop;
		size_t n = 0;
		long long v;

		if (strncmp(p, key, klen) != 0 || (p > line && (isalnum(
		    (unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '-')))
			continue;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q >= end || (*q != '=' && *q != ':'))
			continue;
		for (q++; q < end && (*q == ' ' || *q == '\t'); q++)
			;
		while (q < end && n + 1 < sizeof tok &&
		    (isxdigit((unsigned char)*q) || *q == 'x' || *q == 'X' ||
		    *q == '-' || *q == '+'))
			tok[n++] = *q++;
		tok[n] = '\0';
		if (n == 0)
			continue;
		num = tok + (tok[0] == '-' || tok[0] == '+');
		errno = 0;
		v = strtoll(tok, &stop, num[0] == '0' && (num[1] == 'x' ||
		    num[1] == 'X') ? 16 : 10);
		if (errno != ERANGE && *stop == '\0' && v == got)
			return false;
		if (!seen)
			snprintf(lit, litlen, "%s", tok);
		seen = true;
	}
	return seen;
}

/* Each getter returns 1 when the key was there and good, 0 when absent
 * (reported when required) and -1 when present but wrong (reported). */
static int
get_string(struct loader *ld, const config_setting_t *grp, const char *path,
    const char *key, bool required, const char **out)
{
	const config_setting_t *s = member(grp, key);
	char *p = child_path(path, key);
	int rc = 1;

	if (s == NULL) {
		if (required)
			ld_error(ld, grp, p, "is missing");
		rc = 0;
	} else if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		ld_error(ld, s, p, "must be a string, not %s",
		    type_name(config_setting_type(s)));
		rc = -1;
	} else {
		*out = config_setting_get_string(s);
	}
	free(p);
	return rc;
}

static int
get_name(struct loader *ld, const config_setting_t *grp, const char *path,
    const char *key, bool required, design_name out)
{
	const char *s = NULL, *why;
	int rc = get_string(ld, grp, path, key, required, &s);
	char buf[64];

	if (rc != 1)
		return rc;
	why = design_name_problem(s);
	if (why != NULL) {
		char *p = child_path(path, key);

		ld_error(ld, member(grp, key), p, "\"%s\": %s", show(s, buf,
		    sizeof buf), why);
		free(p);
		return -1;
	}
	memcpy(out, s, strlen(s) + 1);   /* design_name_problem bounded it */
	return 1;
}

static int
get_text(struct loader *ld, const config_setting_t *grp, const char *path,
    const char *key, char **out)
{
	const char *s = NULL, *why;
	int rc = get_string(ld, grp, path, key, false, &s);

	if (rc != 1)
		return rc;
	why = design_text_problem(s);
	if (why != NULL) {
		char *p = child_path(path, key);

		ld_error(ld, member(grp, key), p, "%s", why);
		free(p);
		return -1;
	}
	design_set_description(out, s);
	return 1;
}

static bool
is_integer(const config_setting_t *s)
{
	int t = config_setting_type(s);

	return t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64;
}

static int
get_int(struct loader *ld, const config_setting_t *grp, const char *path,
    const char *key, bool required, long long min, long long max,
    long long *out)
{
	const config_setting_t *s = member(grp, key);
	char *p = child_path(path, key);
	int rc = -1;

	if (s == NULL) {
		if (required)
			ld_error(ld, grp, p, "is missing");
		rc = 0;
	} else if (!is_integer(s)) {
		ld_error(ld, s, p, "must be an integer, not %s",
		    type_name(config_setting_type(s)));
	} else {
		long long v = config_setting_get_int64(s);
		char lit[64];

		if (config_setting_type(s) == CONFIG_TYPE_INT &&
		    int_wrapped(ld, s, key, v, lit, sizeof lit))
			ld_error(ld, s, p, "%s is out of range (%lld-%lld)", lit, min,
			    max);
		else if (v < min || v > max)
			ld_error(ld, s, p, "%lld is out of range (%lld-%lld)", v,
			    min, max);
		else {
			*out = v;
			rc = 1;
		}
	}
	free(p);
	return rc;
}

static int
get_number(struct loader *ld, const config_setting_t *grp, const char *path,
    const char *key, bool required, double min, double max, bool min_open,
    double *out)
{
	const config_setting_t *s = member(grp, key);
	char *p = child_path(path, key);
	int rc = -1;

	if (s == NULL) {
		if (required)
			ld_error(ld, grp, p, "is missing");
		rc = 0;
	} else if (!is_integer(s) && config_setting_type(s) != CONFIG_TYPE_FLOAT) {
		ld_error(ld, s, p, "must be a number, not %s",
		    type_name(config_setting_type(s)));
	} else {
		long long iv = config_setting_get_int64(s);
		double v = is_integer(s) ? (double)iv : config_setting_get_float(s);

		if (!(v >= min && v <= max) || (min_open && v <= min))
			ld_error(ld, s, p, min_open ? "%g is out of range (more than "
			    "%g, at most %g)" : "%g is out of range (%g to %g)", v, min,
			    max);
		else {
			*out = v;
			rc = 1;
		}
	}
	free(p);
	return rc;
}

static int
get_bool(struct loader *ld, const config_setting_t *grp, const char *path,
    const char *key, bool *out)
{
	const config_setting_t *s = member(grp, key);
	char *p;

	if (s == NULL)
		return 0;
	if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
		p = child_path(path, key);
		ld_error(ld, s, p, "must be true or false, not %s",
		    type_name(config_setting_type(s)));
		free(p);
		return -1;
	}
	*out = config_setting_get_bool(s) != 0;
	return 1;
}

/* ASNs: libconfig reads an integer above 2^31-1 written without the L
 * suffix as a wrapped 32-bit value, so a negative or zero value is shown
 * with the number the engineer most likely meant. */
static int
get_asn(struct loader *ld, const config_setting_t *grp, const char *path,
    const char *key, bool required, uint32_t *out)
{
	const config_setting_t *s = member(grp, key);
	char *p = child_path(path, key);
	int rc = -1;

	if (s == NULL) {
		if (required)
			ld_error(ld, grp, p, "is missing");
		rc = 0;
	} else if (!is_integer(s)) {
		ld_error(ld, s, p, "must be an integer, not %s",
		    type_name(config_setting_type(s)));
	} else {
		long long v = config_setting_get_int64(s);
		char lit[64];
		bool wrapped = config_setting_type(s) == CONFIG_TYPE_INT &&
		    int_wrapped(ld, s, key, v, lit, sizeof lit);
		char *stop;
		unsigned long long written = wrapped ? strtoull(lit, &stop, 0) : 0;

		if (wrapped && (written > DESIGN_ASN_MAX || written == 0 ||
		    lit[0] == '-'))
			ld_error(ld, s, p, "%s is not an ASN (1-4294967295; 4-byte "
			    "ASNs are written like %s = 4200000000L;)", lit, key);
		else if (config_setting_type(s) == CONFIG_TYPE_INT && v < 0)
			ld_error(ld, s, p, "%lld is negative: a 4-byte ASN needs "
			    "libconfig's 64-bit suffix, e.g. %s = %lldL;", v, key,
			    v + 4294967296LL);
		else if (config_setting_type(s) == CONFIG_TYPE_INT && v == 0)
			ld_error(ld, s, p, "ASN 0 is reserved (a 4-byte ASN is "
			    "written with the L suffix, e.g. %s = 4200000000L;)",
			    key);
		else if (v <= 0 || v > (long long)DESIGN_ASN_MAX)
			ld_error(ld, s, p, "%lld is not an ASN (1-4294967295; "
			    "4-byte ASNs are written like %s = 4200000000L;)", v,
			    key);
		else {
			*out = (uint32_t)v;
			rc = 1;
		}
	}
	free(p);
	return rc;
}

static int
parse_prefix_setting(struct loader *ld, const config_setting_t *s,
    const char *p, bool address, struct prefix *out)
{
	char why[160];
	int rc;

	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		ld_error(ld, s, p, "must be a string like \"%s\", not %s",
		    address ? "203.0.113.10" : "10.0.0.0/16",
		    type_name(config_setting_type(s)));
		return -1;
	}
	{
		const char *text = config_setting_get_string(s);
		struct pfx_cache_slot *hit = cache_slot(&ld->cache, text, address);

		if (hit != NULL && hit->text != NULL) {
			*out = hit->value;
			return 1;
		}
		rc = address ? prefix_parse_address(text, out, why, sizeof why) :
		    prefix_parse(text, out, why, sizeof why);
		if (rc == 0)
			cache_put(&ld->cache, text, address, out);
	}
	if (rc != 0) {
		char buf[64];
		const char *v = config_setting_get_string(s);

		/* why quotes the value itself when it is short enough. */
		if (strlen(v) > PREFIX_INPUT_MAX)
			ld_error(ld, s, p, "\"%s\" %s", show(v, buf, sizeof buf),
			    why);
		else
			ld_error(ld, s, p, "%s", why);
		return -1;
	}
	return 1;
}

static int
get_prefix(struct loader *ld, const config_setting_t *grp, const char *path,
    const char *key, bool required, bool address, struct prefix *out)
{
	const config_setting_t *s = member(grp, key);
	char *p = child_path(path, key);
	int rc;

	if (s == NULL) {
		if (required)
			ld_error(ld, grp, p, "is missing");
		rc = 0;
	} else
		rc = parse_prefix_setting(ld, s, p, address, out);
	free(p);
	return rc;
}

/* A list of scalars may be written as an array [ ] or a list ( ). */
static const config_setting_t *
get_seq(struct loader *ld, const config_setting_t *grp, const char *path,
    const char *key, bool required, bool groups)
{
	const config_setting_t *s = member(grp, key);
	char *p = child_path(path, key);
	int t;

	if (s == NULL) {
		if (required)
			ld_error(ld, grp, p, "is missing");
		free(p);
		return NULL;
	}
	t = config_setting_type(s);
	if (groups && t != CONFIG_TYPE_LIST) {
		ld_error(ld, s, p, "must be a list ( { ... }, ... ), not %s",
		    type_name(t));
		s = NULL;
	} else if (!groups && t != CONFIG_TYPE_LIST && t != CONFIG_TYPE_ARRAY) {
		ld_error(ld, s, p, "must be an array [ ... ], not %s",
		    type_name(t));
		s = NULL;
	}
	free(p);
	return s;
}

static const config_setting_t *
get_group(struct loader *ld, const config_setting_t *grp, const char *path,
    const char *key, bool required)
{
	const config_setting_t *s = member(grp, key);
	char *p = child_path(path, key);

	if (s == NULL) {
		if (required)
			ld_error(ld, grp, p, "is missing");
	} else if (config_setting_type(s) != CONFIG_TYPE_GROUP) {
		ld_error(ld, s, p, "must be a group { ... }, not %s",
		    type_name(config_setting_type(s)));
		s = NULL;
	}
	free(p);
	return s;
}

/* "path.[i]" without printf: this runs for every list element. */
static char *
elem_path_of(const char *path, int i)
{
	char digits[16];
	size_t np = strlen(path), nd = 0, o;
	unsigned v = (unsigned)i;
	char *p;

	do {
		digits[nd++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	p = xmalloc(np + nd + 4);
	memcpy(p, path, np);
	o = np;
	p[o++] = '.';
	p[o++] = '[';
	while (nd > 0)
		p[o++] = digits[--nd];
	p[o++] = ']';
	p[o] = '\0';
	return p;
}

/* Element i of a list of groups, or NULL (reported) when it is not one. */
static const config_setting_t *
seq_group(struct loader *ld, const config_setting_t *seq, const char *path,
    int i, char **elem_path)
{
	const config_setting_t *e = config_setting_get_elem(seq, (unsigned)i);

	*elem_path = elem_path_of(path, i);
	if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
		ld_error(ld, e, *elem_path, "must be a group { ... }, not %s",
		    type_name(config_setting_type(e)));
		free(*elem_path);
		*elem_path = NULL;
		return NULL;
	}
	return e;
}

static double
get_availability(struct loader *ld, const config_setting_t *grp,
    const char *path)
{
	double v = 0;

	if (get_number(ld, grp, path, "availability", false, 0.0, 1.0, true,
	    &v) != 1)
		return 0;
	return v;
}

static void
load_prefix_list(struct loader *ld, const config_setting_t *grp,
    const char *path, const char *dpath, const char *key, bool required,
    void (*add)(void *, const struct prefix *), void *obj)
{
	const config_setting_t *seq = get_seq(ld, grp, path, key, required, false);
	char *p;
	size_t n = 0;

	if (seq == NULL)
		return;
	p = child_path(path, key);
	for (int i = 0; i < config_setting_length(seq); i++) {
		const config_setting_t *e = config_setting_get_elem(seq, (unsigned)i);
		char *ep = elem_path_of(p, i);
		struct prefix pf;

		if (parse_prefix_setting(ld, e, ep, false, &pf) == 1) {
			char *dp = xasprintf("%s.%s[%zu]", dpath, key, n++);

			note_moved(ld, ep, dp);
			free(dp);
			add(obj, &pf);
		}
		free(ep);
	}
	free(p);
}

static void
add_dc_prefix(void *obj, const struct prefix *p)
{
	design_dc_add_prefix(obj, p);
}

static void
add_vpc_cidr(void *obj, const struct prefix *p)
{
	design_vpc_add_cidr(obj, p);
}

static int
lookup_word(const char *s, const char *const *words, int n)
{
	for (int i = 0; i < n; i++)
		if (words[i] && strcmp(s, words[i]) == 0)
			return i;
	return -1;
}

/* A string that must be one of a few words; returns the index or -1. */
static int
get_word(struct loader *ld, const config_setting_t *grp, const char *path,
    const char *key, bool required, const char *const *words, int n,
    int *out)
{
	const char *s = NULL;
	int rc = get_string(ld, grp, path, key, false, &s), i = -1;
	char list[256] = "", buf[64], *p;
	size_t o = 0;

	if (rc == 1 && (i = lookup_word(s, words, n)) >= 0) {
		*out = i;
		return 1;
	}
	if (rc == -1 || (rc == 0 && !required))
		return rc;
	for (int j = 0; j < n; j++)
		if (words[j])
			o += (size_t)snprintf(list + o, sizeof list - o, "%s\"%s\"",
			    o ? ", " : "", words[j]);
	p = child_path(path, key);
	if (rc == 0)
		ld_error(ld, grp, p, "is missing (one of %s)", list);
	else
		ld_error(ld, member(grp, key), p, "\"%s\" is not one of %s",
		    show(s, buf, sizeof buf), list);
	free(p);
	return rc == 0 ? 0 : -1;
}

static void
load_vpc(struct loader *ld, const config_setting_t *root)
{
	static const char *const keys[] = { "name", "cidrs", "gateway", "asn",
		"ecmp", NULL };
	static const char *const gateways[] = { "vgw", "tgw" };
	const config_setting_t *g = get_group(ld, root, "", "vpc", true);
	struct vpc *vpc = &ld->d->vpc;
	int gw;

	if (g == NULL)
		return;
	vpc->line = (int)config_setting_source_line(g);
	check_keys(ld, g, "vpc", keys, NULL, NULL);
	get_name(ld, g, "vpc", "name", true, vpc->name);
	load_prefix_list(ld, g, "vpc", "vpc", "cidrs", true, add_vpc_cidr, vpc);
	if (get_word(ld, g, "vpc", "gateway", true, gateways, 2, &gw) == 1)
		vpc->gateway = (enum gateway_kind)gw;
	get_asn(ld, g, "vpc", "asn", false, &vpc->asn);
	get_bool(ld, g, "vpc", "ecmp", &vpc->ecmp);
}

static void
load_datacenters(struct loader *ld, const config_setting_t *root)
{
	static const char *const keys[] = { "name", "prefixes", "description",
		"availability", NULL };
	const config_setting_t *seq = get_seq(ld, root, "", "datacenters", false,
	    true);

	for (int i = 0; seq && i < config_setting_length(seq); i++) {
		char *p, *dp;
		const config_setting_t *g = seq_group(ld, seq, "datacenters", i, &p);
		struct datacenter *dc;

		if (g == NULL)
			continue;
		dc = design_add_dc(ld->d, "");
		dc->line = (int)config_setting_source_line(g);
		dp = xasprintf("datacenters[%zu]", ld->d->ndcs - 1);
		note_moved(ld, p, dp);
		check_keys(ld, g, p, keys, NULL, NULL);
		get_name(ld, g, p, "name", true, dc->name);
		load_prefix_list(ld, g, p, dp, "prefixes", true, add_dc_prefix, dc);
		free(dp);
		get_text(ld, g, p, "description", &dc->description);
		dc->availability = get_availability(ld, g, p);
		free(p);
	}
}

static void
load_wan(struct loader *ld, const config_setting_t *root)
{
	static const char *const keys[] = { "a", "b", "gbps", "availability",
		NULL };
	const config_setting_t *seq = get_seq(ld, root, "", "wan", false, true);

	for (int i = 0; seq && i < config_setting_length(seq); i++) {
		char *p;
		const config_setting_t *g = seq_group(ld, seq, "wan", i, &p);
		struct wan_link *w;

		if (g == NULL)
			continue;
		w = design_add_wan(ld->d, "", "", 0);
		w->line = (int)config_setting_source_line(g);
		note_index(ld, p, "wan", ld->d->nwans - 1);
		check_keys(ld, g, p, keys, NULL, NULL);
		get_name(ld, g, p, "a", true, w->a);
		get_name(ld, g, p, "b", true, w->b);
		get_number(ld, g, p, "gbps", true, 0, 1e6, true, &w->gbps);
		w->availability = get_availability(ld, g, p);
		free(p);
	}
}

static void
load_devices(struct loader *ld, const config_setting_t *root)
{
	static const char *const keys[] = { "name", "dc", "vendor", "asn",
		"public_ip", "isp", "description", "availability", NULL };
	static const char *const vendors[] = { "cisco-ios", "junos", "frr" };
	const config_setting_t *seq = get_seq(ld, root, "", "devices", false,
	    true);

	for (int i = 0; seq && i < config_setting_length(seq); i++) {
		char *p;
		const config_setting_t *g = seq_group(ld, seq, "devices", i, &p);
		struct device *dev;
		int v;

		if (g == NULL)
			continue;
		dev = design_add_device(ld->d, "", "");
		dev->line = (int)config_setting_source_line(g);
		note_index(ld, p, "devices", ld->d->ndevices - 1);
		check_keys(ld, g, p, keys, NULL, NULL);
		get_name(ld, g, p, "name", true, dev->name);
		get_name(ld, g, p, "dc", true, dev->dc);
		if (get_word(ld, g, p, "vendor", true, vendors, 3, &v) == 1)
			dev->vendor = (enum vendor)v;
		get_asn(ld, g, p, "asn", true, &dev->asn);
		/* One that is written but unreadable is reported here; a VPN on
		 * the device must not also hear that it has none. */
		if (get_prefix(ld, g, p, "public_ip", false, true,
		    &dev->public_ip) != 0)
			dev->has_public_ip = true;
		get_name(ld, g, p, "isp", false, dev->isp);
		get_text(ld, g, p, "description", &dev->description);
		dev->availability = get_availability(ld, g, p);
		free(p);
	}
}

/* A list of algorithm words, in the order written, each at most once. */
static int
load_words(struct loader *ld, const config_setting_t *grp, const char *path,
    const char *key, const char *const *words, int nwords, uint8_t *out,
    int *count)
{
	const config_setting_t *seq = get_seq(ld, grp, path, key, false, false);
	char *p;
	int n = 0;

	if (seq == NULL)
		return 0;
	p = child_path(path, key);
	for (int i = 0; i < config_setting_length(seq); i++) {
		const config_setting_t *e = config_setting_get_elem(seq, (unsigned)i);
		char *ep = elem_path_of(p, i);
		const char *s;
		int w;

		if (config_setting_type(e) != CONFIG_TYPE_STRING) {
			ld_error(ld, e, ep, "must be a string, not %s",
			    type_name(config_setting_type(e)));
		} else if ((w = lookup_word(s = config_setting_get_string(e),
		    words, nwords)) < 0) {
			char list[256] = "", buf[64];
			size_t o = 0;

			for (int j = 0; j < nwords; j++)
				o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
				    j ? ", " : "", words[j]);
			ld_error(ld, e, ep, "\"%s\" is not accepted by AWS (use %s)",
			    show(s, buf, sizeof buf), list);
		} else if (memchr(out, w, (size_t)n) != NULL) {
			ld_error(ld, e, ep, "\"%s\" is listed twice", s);
		} else if (n < nwords) {
			out[n++] = (uint8_t)w;
		}
		free(ep);
	}
	free(p);
	*count = n;
	return 1;
}

static void
load_dh(struct loader *ld, const config_setting_t *grp, const char *path,
    const char *key, int phase, struct ike_phase *ph)
{
	const config_setting_t *seq = get_seq(ld, grp, path, key, false, false);
	char *p;
	int n = 0;

	if (seq == NULL)
		return;
	p = child_path(path, key);
	for (int i = 0; i < config_setting_length(seq); i++) {
		const config_setting_t *e = config_setting_get_elem(seq, (unsigned)i);
		char *ep = elem_path_of(p, i);
		long long v;

		if (!is_integer(e))
			ld_error(ld, e, ep, "must be a DH group number, not %s",
			    type_name(config_setting_type(e)));
		else if (v = config_setting_get_int64(e),
		    !design_dh_allowed(phase, (int)v) || v > 24)
			ld_error(ld, e, ep, "DH group %lld is not accepted by AWS "
			    "in phase %d (%s)", v, phase, phase == 1 ?
			    "2, 14-24" : "2, 5, 14-24");
		else if (memchr(ph->dh, (int)v, (size_t)n) != NULL)
			ld_error(ld, e, ep, "DH group %lld is listed twice", v);
		else if (n < IKE_DH_MAX)
			ph->dh[n++] = (uint8_t)v;
		free(ep);
	}
	free(p);
	ph->ndh = n;
}

static void
load_phase(struct loader *ld, const config_setting_t *ike, const char *path,
    int phase, struct ike_phase *ph)
{
	static const char *const keys1[] = { "encryption", "integrity", "dh",
		"lifetime", NULL };
	static const char *const keys2[] = { "encryption", "integrity", "pfs",
		"lifetime", NULL };
	static const char *const enc[] = { "aes128", "aes256", "aes128-gcm16",
		"aes256-gcm16" };
	static const char *const integ[] = { "sha1", "sha2-256", "sha2-384",
		"sha2-512" };
	const char *key = phase == 1 ? "phase1" : "phase2";
	const config_setting_t *g = get_group(ld, ike, path, key, false);
	char *p;
	long long v;

	if (g == NULL)
		return;
	p = child_path(path, key);
	check_keys(ld, g, p, phase == 1 ? keys1 : keys2, NULL, NULL);
	load_words(ld, g, p, "encryption", enc, IKE_ENCRYPTION_COUNT,
	    ph->encryption, &ph->nencryption);
	load_words(ld, g, p, "integrity", integ, IKE_INTEGRITY_COUNT,
	    ph->integrity, &ph->nintegrity);
	load_dh(ld, g, p, phase == 1 ? "dh" : "pfs", phase, ph);
	if (get_int(ld, g, p, "lifetime", false, 900, phase == 1 ? 28800 : 3600,
	    &v) == 1)
		ph->lifetime = (uint32_t)v;
	free(p);
}

static void
load_ike(struct loader *ld, const config_setting_t *g, const char *path,
    struct connection *c)
{
	static const char *const keys[] = { "version", "phase1", "phase2", "dpd",
		NULL };
	const config_setting_t *ike = get_group(ld, g, path, "ike", false);
	char *p;
	long long v;

	if (ike == NULL)
		return;
	p = child_path(path, "ike");
	check_keys(ld, ike, p, keys, NULL, NULL);
	if (get_int(ld, ike, p, "version", false, 1, 2, &v) == 1)
		c->ike.version = (int)v;
	load_phase(ld, ike, p, 1, &c->ike.phase1);
	load_phase(ld, ike, p, 2, &c->ike.phase2);
	if (get_int(ld, ike, p, "dpd", false, 1, 3600, &v) == 1)
		c->ike.dpd = (uint32_t)v;
	free(p);
}

static void
load_tunnels(struct loader *ld, const config_setting_t *g, const char *path,
    struct connection *c)
{
	static const char *const keys[] = { "inside", "aws_outside_ip",
		"enabled", "gbps", NULL };
	static const char *const secret_keys[] = { "psk", NULL };
	const config_setting_t *seq = get_seq(ld, g, path, "tunnels", true, true);
	char *tp;

	if (seq == NULL)
		return;
	tp = child_path(path, "tunnels");
	if (config_setting_length(seq) > DESIGN_MAX_TUNNELS ||
	    config_setting_length(seq) == 0)
		ld_error(ld, seq, tp, "a VPN connection has one or two tunnels, "
		    "not %d", config_setting_length(seq));
	for (int i = 0; i < config_setting_length(seq) &&
	    i < DESIGN_MAX_TUNNELS; i++) {
		char *p, *dp;
		const config_setting_t *e = seq_group(ld, seq, tp, i, &p);
		struct tunnel *t = &c->tunnels[c->ntunnels];

		if (e == NULL)
			continue;
		c->ntunnels++;
		t->line = (int)config_setting_source_line(e);
		dp = xasprintf("connections[%zu].tunnels[%d]",
		    (size_t)(c - ld->d->conns), c->ntunnels - 1);
		note_moved(ld, p, dp);
		free(dp);
		check_keys(ld, e, p, keys, secret_keys, "a pre-shared key never "
		    "lives in the design file, which is shared: hatopo keeps it in "
		    "DESIGN.secrets (mode 0600)");
		get_prefix(ld, e, p, "inside", true, false, &t->inside);
		if (get_prefix(ld, e, p, "aws_outside_ip", false, true,
		    &t->aws_outside_ip) == 1)
			t->has_outside = true;
		get_bool(ld, e, p, "enabled", &t->enabled);
		get_number(ld, e, p, "gbps", false, 0, 5.0, true, &t->gbps);
		free(p);
	}
	free(tp);
}

static void
load_adverts(struct loader *ld, const config_setting_t *g, const char *path,
    struct connection *c)
{
	static const char *const keys[] = { "prefix", "prepend", "local_pref",
		"med", NULL };
	static const char *const lps[] = { NULL, "low", "medium", "high" };
	const config_setting_t *seq = get_seq(ld, g, path, "advertise", false,
	    true);
	char *ap;

	if (seq == NULL)
		return;
	ap = child_path(path, "advertise");
	for (int i = 0; i < config_setting_length(seq); i++) {
		char *p, *dp;
		const config_setting_t *e = seq_group(ld, seq, ap, i, &p);
		struct prefix pf;
		struct advert *a;
		long long v;
		int lp;

		if (e == NULL)
			continue;
		check_keys(ld, e, p, keys, NULL, NULL);
		if (get_prefix(ld, e, p, "prefix", true, false, &pf) != 1) {
			free(p);
			continue;
		}
		a = design_conn_add_advert(c, &pf);
		a->line = (int)config_setting_source_line(e);
		dp = xasprintf("connections[%zu].advertise[%zu]",
		    (size_t)(c - ld->d->conns), c->nadverts - 1);
		note_moved(ld, p, dp);
		free(dp);
		if (get_int(ld, e, p, "prepend", false, 0, DESIGN_PREPEND_MAX,
		    &v) == 1)
			a->prepend = (int)v;
		if (get_word(ld, e, p, "local_pref", false, lps, 4, &lp) == 1)
			a->local_pref = (enum lp_community)lp;
		if (get_int(ld, e, p, "med", false, 0, 4294967295LL, &v) == 1) {
			a->has_med = true;
			a->med = (uint32_t)v;
		}
		free(p);
	}
	free(ap);
}

static void
load_connections(struct loader *ld, const config_setting_t *root)
{
	static const char *const vpn_keys[] = { "name", "type", "device",
		"routing", "tunnels", "advertise", "ike", "local_pref",
		"description", "availability", NULL };
	static const char *const dx_keys[] = { "name", "type", "device",
		"location", "provider", "gbps", "vlan", "peer", "bfd", "advertise",
		"local_pref", "routing", "description", "availability", NULL };
	static const char *const dx_only[] = { "location", "provider", "gbps",
		"vlan", "peer", "bfd", NULL };
	static const char *const vpn_only[] = { "tunnels", "ike", NULL };
	static const char *const types[] = { "vpn", "dx" };
	static const char *const routings[] = { "bgp", "static" };
	const config_setting_t *seq = get_seq(ld, root, "", "connections", false,
	    true);

	for (int i = 0; seq && i < config_setting_length(seq); i++) {
		char *p;
		const config_setting_t *g = seq_group(ld, seq, "connections", i, &p);
		struct connection *c;
		long long v;
		int w;

		if (g == NULL)
			continue;
		if (get_word(ld, g, p, "type", true, types, 2, &w) != 1) {
			free(p);
			continue;
		}
		c = design_add_conn(ld->d, "", (enum conn_type)w, "");
		c->line = (int)config_setting_source_line(g);
		note_index(ld, p, "connections", ld->d->nconns - 1);
		get_name(ld, g, p, "name", true, c->name);
		get_name(ld, g, p, "device", true, c->device);
		if (get_word(ld, g, p, "routing", false, routings, 2, &w) == 1)
			c->routing = (enum routing)w;
		if (get_int(ld, g, p, "local_pref", false, 0, 2147483647LL,
		    &v) == 1)
			c->local_pref = (int)v;
		get_text(ld, g, p, "description", &c->description);
		c->availability = get_availability(ld, g, p);
		load_adverts(ld, g, p, c);
		if (c->type == CONN_VPN) {
			check_keys(ld, g, p, vpn_keys, dx_only,
			    "belongs to dx connections, not to a vpn");
			load_tunnels(ld, g, p, c);
			load_ike(ld, g, p, c);
		} else {
			check_keys(ld, g, p, dx_keys, vpn_only,
			    "belongs to vpn connections, not to a dx");
			get_name(ld, g, p, "location", true, c->location);
			get_name(ld, g, p, "provider", true, c->provider);
			get_number(ld, g, p, "gbps", true, DESIGN_DX_GBPS_MIN,
			    DESIGN_DX_GBPS_MAX, false, &c->gbps);
			if (get_int(ld, g, p, "vlan", true, 1, 4094, &v) == 1)
				c->vlan = (int)v;
			get_prefix(ld, g, p, "peer", true, false, &c->peer);
			get_bool(ld, g, p, "bfd", &c->bfd);
		}
		free(p);
	}
}

static void
load_traffic(struct loader *ld, const config_setting_t *root)
{
	static const char *const keys[] = { "prefix", "from_aws", "to_aws",
		NULL };
	const config_setting_t *seq = get_seq(ld, root, "", "traffic", false,
	    true);

	for (int i = 0; seq && i < config_setting_length(seq); i++) {
		char *p;
		const config_setting_t *g = seq_group(ld, seq, "traffic", i, &p);
		struct prefix pf;
		struct traffic *t;

		if (g == NULL)
			continue;
		check_keys(ld, g, p, keys, NULL, NULL);
		if (get_prefix(ld, g, p, "prefix", true, false, &pf) != 1) {
			free(p);
			continue;
		}
		t = design_add_traffic(ld->d, &pf, 0, 0);
		t->line = (int)config_setting_source_line(g);
		note_index(ld, p, "traffic", ld->d->ntraffic - 1);
		get_number(ld, g, p, "from_aws", false, 0, 1e6, false, &t->from_aws);
		get_number(ld, g, p, "to_aws", false, 0, 1e6, false, &t->to_aws);
		if (member(g, "from_aws") == NULL && member(g, "to_aws") == NULL)
			ld_error(ld, g, p, "a demand names from_aws, to_aws or both "
			    "(Gbps)");
		free(p);
	}
}

static void
load_risks(struct loader *ld, const config_setting_t *root)
{
	static const char *const keys[] = { "name", "members", "availability",
		NULL };
	const config_setting_t *seq = get_seq(ld, root, "", "risks", false, true);

	for (int i = 0; seq && i < config_setting_length(seq); i++) {
		char *p, *mp;
		const config_setting_t *g = seq_group(ld, seq, "risks", i, &p);
		const config_setting_t *ms;
		struct risk *r;

		if (g == NULL)
			continue;
		r = design_add_risk(ld->d, "");
		r->line = (int)config_setting_source_line(g);
		note_index(ld, p, "risks", ld->d->nrisks - 1);
		check_keys(ld, g, p, keys, NULL, NULL);
		get_name(ld, g, p, "name", true, r->name);
		r->availability = get_availability(ld, g, p);
		ms = get_seq(ld, g, p, "members", true, false);
		mp = child_path(p, "members");
		for (int j = 0; ms && j < config_setting_length(ms); j++) {
			const config_setting_t *e = config_setting_get_elem(ms,
			    (unsigned)j);
			char *ep = elem_path_of(mp, j), buf[64];
			const char *s;

			if (config_setting_type(e) != CONFIG_TYPE_STRING) {
				ld_error(ld, e, ep, "must be a string (a connection name "
				    "or a component ID such as \"device:cgw1\"), not %s",
				    type_name(config_setting_type(e)));
			} else if (strlen(s = config_setting_get_string(e)) >
			    2 * DESIGN_NAME_MAX + 16 || design_text_problem(s)) {
				ld_error(ld, e, ep, "\"%s\" is not a component ID",
				    show(s, buf, sizeof buf));
			} else {
				char *id = strchr(s, ':') == NULL ?
				    xasprintf("connection:%s", s) : xstrdup(s);
				char *dp = xasprintf("risks[%zu].members[%zu]",
				    ld->d->nrisks - 1, r->nmembers);

				design_risk_add_member(r, id);
				note_moved(ld, ep, dp);
				free(dp);
				free(id);
			}
			free(ep);
		}
		free(mp);
		free(p);
	}
}

static void
load_availability(struct loader *ld, const config_setting_t *root)
{
	const config_setting_t *g = get_group(ld, root, "", "availability", false);

	for (int i = 0; g && i < config_setting_length(g); i++) {
		const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
		const char *name = config_setting_name(s);
		char *p = child_path("availability", name);
		int cls = -1;
		double v;

		for (int c = 0; c < AVAIL_CLASS_COUNT; c++)
			if (strcmp(name, design_avail_class_name(c)) == 0)
				cls = c;
		if (cls < 0) {
			char list[256] = "";
			size_t o = 0;

			for (int c = 0; c < AVAIL_CLASS_COUNT; c++)
				o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
				    c ? ", " : "", design_avail_class_name(c));
			ld_error(ld, s, p, "unknown class (known: %s)", list);
		} else if (get_number(ld, g, "availability", name, true, 0, 1, true,
		    &v) == 1) {
			ld->d->avail[cls] = v;
			ld->d->avail_set[cls] = true;
		}
		free(p);
	}
}

/* Layout keys are object names; libconfig names cannot hold '.', so the
 * saver writes '.' as '*', which no design name contains. */
static void
load_layout(struct loader *ld, const config_setting_t *root)
{
	const config_setting_t *g = get_group(ld, root, "", "layout", false);

	for (int i = 0; g && i < config_setting_length(g); i++) {
		const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
		char name[DESIGN_NAME_MAX + 1];
		const char *key = config_setting_name(s);
		char *p = child_path("layout", key);
		const config_setting_t *x, *y;

		snprintf(name, sizeof name, "%s", key);
		for (char *c = name; *c; c++)
			if (*c == '*')
				*c = '.';
		if (strlen(key) > DESIGN_NAME_MAX || !design_name_valid(name)) {
			ld_error(ld, s, p, "is not a name: %s (a '.' in a name is "
			    "written '*' here)", strlen(key) > DESIGN_NAME_MAX ?
			    "a name is at most 32 characters" :
			    design_name_problem(name));
		} else if ((config_setting_type(s) != CONFIG_TYPE_ARRAY &&
		    config_setting_type(s) != CONFIG_TYPE_LIST) ||
		    config_setting_length(s) != 2 ||
		    !is_integer(x = config_setting_get_elem(s, 0)) ||
		    !is_integer(y = config_setting_get_elem(s, 1)) ||
		    config_setting_get_int64(x) < 0 ||
		    config_setting_get_int64(x) > 100000 ||
		    config_setting_get_int64(y) < 0 ||
		    config_setting_get_int64(y) > 100000) {
			ld_error(ld, s, p, "must be a position [x, y] of two integers "
			    "0-100000");
		} else {
			design_set_layout(ld->d, name,
			    (int)config_setting_get_int64(x),
			    (int)config_setting_get_int64(y));
		}
		free(p);
	}
}

static void
load_rules(struct loader *ld, const config_setting_t *root)
{
	static const char *const sev[] = { NULL, "off", "info", "warning",
		"error" };
	const config_setting_t *g = get_group(ld, root, "", "rules", false);

	for (int i = 0; g && i < config_setting_length(g); i++) {
		const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
		const char *id = config_setting_name(s);
		int idx = design_rule_index(id), w;

		if (idx < 0) {
			char *p = child_path("rules", id);

			ld_error(ld, s, p, "unknown rule (rules are HA001 to HA%03d)",
			    DESIGN_RULE_COUNT);
			free(p);
		} else if (get_word(ld, g, "rules", id, true, sev, 5, &w) == 1)
			ld->d->rules[idx] = (enum rule_severity)w;
	}
}

/* libconfig would follow @include to any file on the machine; a design is
 * one self-contained file. */
static int
find_include(const char *text)
{
	int line = 1;
	const char *p = text;

	while (*p) {
		const char *q = p;

		while (*q == ' ' || *q == '\t')
			q++;
		if (strncmp(q, "@include", 8) == 0)
			return line;
		p = strchr(p, '\n');
		if (p == NULL)
			break;
		p++;
		line++;
	}
	return 0;
}

/* By line, and in the order found within a line (qsort is not stable:
 * the pointers, which all point into one array, keep that order). */
static int
compare_items(const void *a, const void *b)
{
	const struct error_item *x = *(const struct error_item *const *)a;
	const struct error_item *y = *(const struct error_item *const *)b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* A semantic error about a setting that already failed to parse would only
 * repeat it; so would one about a list whose elements failed (a list of
 * bad prefixes is not also "empty"). */
static bool
covered(const struct error *parse, const char *field)
{
	size_t m;

	if (field == NULL)
		return false;
	m = strlen(field);
	for (size_t i = 0; i < parse->count; i++) {
		const char *f = parse->items[i].field;
		size_t n;

		if (f == NULL)
			continue;
		n = strlen(f);
		if (strncmp(f, field, n) == 0 &&
		    (field[n] == '\0' || field[n] == '.' || field[n] == '['))
			return true;
		if (n > m && strncmp(f, field, m) == 0 && f[m] == '[')
			return true;
	}
	return false;
}

static void
finish_errors(struct loader *ld, struct error *sem, struct error *out)
{
	struct error all = ERROR_INIT, sorted = ERROR_INIT;
	const struct error_item **order;

	error_append(&all, ld->err);
	if (ld->nmoved > 0)
		qsort(ld->moved, ld->nmoved, sizeof *ld->moved, compare_moved);
	for (size_t i = 0; i < sem->count; i++) {
		struct error_item *it = &sem->items[i];
		int line = it->line;
		char *field = it->field ? file_field(ld, it->field) : NULL;

		if (covered(ld->err, field)) {
			free(field);
			continue;
		}
		if (field != NULL) {
			char *cp = config_path(field);
			config_setting_t *s = config_lookup(&ld->cfg, cp);

			/* Walk up to the nearest setting that exists. */
			while (s == NULL) {
				char *dot = strrchr(cp, '.');

				if (dot == NULL)
					break;
				*dot = '\0';
				s = config_lookup(&ld->cfg, cp);
			}
			if (s != NULL && config_setting_source_line(s) > 0)
				line = (int)config_setting_source_line(s);
			free(cp);
		}
		error_add(&all, ld->file, line, field, "%s", it->message);
		free(field);
	}
	order = xcalloc(all.count ? all.count : 1, sizeof *order);
	for (size_t i = 0; i < all.count; i++)
		order[i] = &all.items[i];
	qsort(order, all.count, sizeof *order, compare_items);
	for (size_t i = 0; i < all.count && i < LOAD_MAX_ERRORS; i++)
		error_add(&sorted, order[i]->file, order[i]->line, order[i]->field,
		    "%s", order[i]->message);
	if (all.count > LOAD_MAX_ERRORS)
		error_add(&sorted, ld->file, 0, NULL, "and %zu more problems",
		    all.count - LOAD_MAX_ERRORS);
	error_append(out, &sorted);
	error_clear(&sorted);
	error_clear(&all);
	free(order);
}

int
design_load_string(const char *text, const char *filename,
    struct design **out, struct error *err)
{
	static const char *const root_keys[] = { "version", "name", "vpc",
		"datacenters", "wan", "devices", "connections", "traffic", "risks",
		"availability", "layout", "rules", NULL };
	struct error parse = ERROR_INIT, sem = ERROR_INIT;
	struct loader ld;
	const config_setting_t *root;
	const char *title = NULL;
	long long version;
	int inc, rc = -1;

	memset(&ld, 0, sizeof ld);
	ld.file = filename ? filename : "<design>";
	ld.text = text;
	ld.err = &parse;
	if ((inc = find_include(text)) > 0) {
		error_add(err, ld.file, inc, NULL,
		    "@include is not allowed: a design is one self-contained file");
		return -1;
	}
	config_init(&ld.cfg);
	if (config_read_string(&ld.cfg, text) != CONFIG_TRUE) {
		const char *what = config_error_text(&ld.cfg);

		/* libconfig says no more than this; point at the usual causes. */
		if (what != NULL && strcmp(what, "memory exhausted") == 0)
			/* bison's words for its parse stack running out */
			error_add(err, ld.file, config_error_line(&ld.cfg), NULL,
			    "lists or groups nested too deeply: this is not a "
			    "design file");
		else
			error_add(err, ld.file, config_error_line(&ld.cfg), NULL,
			    "%s%s", what ? what : "unreadable",
			    what && strcmp(what, "syntax error") == 0 ? " (look for "
			    "a missing '=', quote or bracket on this line or above "
			    "it)" : "");
		config_destroy(&ld.cfg);
		return -1;
	}
	ld.d = design_new();
	root = config_root_setting(&ld.cfg);
	if (config_setting_length(root) == 0) {
		ld_error(&ld, NULL, "", "holds no settings: a design file starts "
		    "with version = 1;");
		goto done;
	}
	check_keys(&ld, root, "", root_keys, NULL, NULL);
	if (member(root, "version") == NULL) {
		ld_error(&ld, NULL, "version", "is missing: a design file starts "
		    "with version = 1;");
		goto done;
	}
	{
		const config_setting_t *vs = member(root, "version");
		char lit[64];

		if (vs != NULL && config_setting_type(vs) == CONFIG_TYPE_INT &&
		    int_wrapped(&ld, vs, "version", config_setting_get_int64(vs),
		    lit, sizeof lit)) {
			ld_error(&ld, vs, "version", "this hatopo reads version %d "
			    "designs, not %s", DESIGN_VERSION, lit);
			goto done;
		}
	}
	switch (get_int(&ld, root, "", "version", true, LLONG_MIN, LLONG_MAX,
	    &version)) {
	case 1:
		if (version != DESIGN_VERSION) {
			ld_error(&ld, member(root, "version"), "version",
			    "this hatopo reads version %d designs, not %lld",
			    DESIGN_VERSION, version);
			goto done;
		}
		break;
	default:
		goto done;
	}
	if (get_string(&ld, root, "", "name", false, &title) == 1) {
		const char *why = design_text_problem(title);

		if (why != NULL)
			ld_error(&ld, member(root, "name"), "name", "%s", why);
		else {
			free(ld.d->name);
			ld.d->name = xstrdup(title);
		}
	}
	load_vpc(&ld, root);
	load_datacenters(&ld, root);
	load_wan(&ld, root);
	load_devices(&ld, root);
	load_connections(&ld, root);
	load_traffic(&ld, root);
	load_risks(&ld, root);
	load_availability(&ld, root);
	load_layout(&ld, root);
	load_rules(&ld, root);
	design_validate(ld.d, NULL, &sem);
done:
	finish_errors(&ld, &sem, err);
	if (parse.count == 0 && sem.count == 0 && ld.d != NULL) {
		*out = ld.d;
		ld.d = NULL;
		rc = 0;
	} else if (parse.count + sem.count > 0 && err->count == 0) {
		/* Every semantic error was covered by a parse error and
		 * dropped; at least one is in err already, but be sure. */
		error_add(err, ld.file, 0, NULL, "the design is not valid");
	}
	design_free(&ld.d);
	error_clear(&parse);
	error_clear(&sem);
	for (size_t i = 0; i < ld.nmoved; i++) {
		free(ld.moved[i].design);
		free(ld.moved[i].file);
	}
	free(ld.moved);
	free(ld.cache.slots);
	free(ld.lines);
	config_destroy(&ld.cfg);
	return rc;
}

int
design_load(const char *path, struct design **out, struct error *err)
{
	char *text = NULL;
	size_t len;
	int rc;

	if (fileio_read(path, DESIGN_FILE_MAX, &text, &len, err) != 0)
		return -1;
	rc = design_load_string(text, path, out, err);
	free(text);
	return rc;
}
