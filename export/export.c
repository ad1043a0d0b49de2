#include "export/export.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export/emit.h"
#include "model/availability.h"
#include "model/engine.h"
#include "model/fileio.h"
#include "model/matrix.h"
#include "model/rules.h"
#include "render/availability.h"
#include "render/findings.h"
#include "render/matrix.h"

/* Every exporter; a new vendor is one file and one line here. */
static const struct export_ops *const exporters[] = {
	&export_ops_ios,
	&export_ops_junos,
	&export_ops_frr,
	&export_ops_strongswan,
	&export_ops_terraform,
	&export_ops_tfvars,
};

#define MANIFEST_HEAD "# hatopo export manifest v1"

void
export_files_add(struct export_files *f, const char *name, char *text,
    bool secret)
{
	f->v = xgrow(f->v, &f->cap, f->n + 1, sizeof *f->v);
	f->v[f->n].name = xstrdup(name);
	f->v[f->n].text = text;
	f->v[f->n].secret = secret;
	f->n++;
}

void
export_files_free(struct export_files *f)
{
	for (size_t i = 0; i < f->n; i++) {
		if (f->v[i].secret)
			explicit_bzero(f->v[i].text, strlen(f->v[i].text));
		free(f->v[i].name);
		free(f->v[i].text);
	}
	free(f->v);
	memset(f, 0, sizeof *f);
}

const struct export_file *
export_files_find(const struct export_files *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].name, name) == 0)
			return &f->v[i];
	return NULL;
}

void
export_report_free(struct export_report *r)
{
	for (size_t i = 0; i < r->nwritten; i++)
		free(r->written[i]);
	free(r->written);
	free(r->secrets_path);
	memset(r, 0, sizeof *r);
}

/* Does text hold one of the design's keys? */
static bool
holds_key(const char *text, const struct secrets *s)
{
	for (size_t i = 0; i < s->npsks; i++)
		if (s->psks[i].psk[0] != '\0' && strstr(text, s->psks[i].psk))
			return true;
	for (size_t i = 0; i < s->nmd5s; i++)
		if (s->md5s[i].key[0] != '\0' && strstr(text, s->md5s[i].key))
			return true;
	return false;
}

/* Run one exporter over one device (or the AWS side). */
static int
run_ops(const struct export_ops *ops, const struct design *d,
    const struct device *dev, const struct secrets *s, bool lab,
    struct export_files *out, struct error *err)
{
	struct xctx x;
	char *text;
	int rc = 0;

	xctx_init(&x, d, dev, s, lab, err);
	if (ops->wanted != NULL && !ops->wanted(&x)) {
		xctx_free(&x);
		return 0;
	}
	if (dev != NULL)
		snprintf(x.file, sizeof x.file, "%s%s%s", dev->name,
		    lab ? ".lab" : "", ops->suffix);
	else
		snprintf(x.file, sizeof x.file, "%s", ops->suffix);
	if (ops->begin)
		ops->begin(&x);
	for (size_t i = 0; i < x.ntun && ops->tunnel; i++)
		ops->tunnel(&x, &x.tun[i]);
	for (size_t i = 0; i < x.ndx && ops->dx; i++)
		ops->dx(&x, &x.dx[i]);
	if (ops->bgp)
		ops->bgp(&x);
	if (ops->policy)
		ops->policy(&x);
	if (ops->end)
		ops->end(&x);
	text = xctx_take(&x);
	if (x.bad > 0) {
		explicit_bzero(text, strlen(text));
		free(text);
		rc = -1;
	} else
		export_files_add(out, x.file, text, ops->secret && holds_key(text, s));
	xctx_free(&x);
	return rc;
}

struct matrix_sink {
	struct mtable *t;
	struct strbuf sb;
};

static int
matrix_collect(void *ctx, const struct matrix_scenario *sc,
    const struct engine_result *r)
{
	struct matrix_sink *m = ctx;
	char *chunk = mtable_add(m->t, sc, r);

	if (chunk != NULL) {
		strbuf_puts(&m->sb, chunk);
		free(chunk);
	}
	return 0;
}

/* The single-failure matrix in one format. */
static char *
matrix_text(struct engine *e, enum mtable_format fmt)
{
	struct matrix_opts o = { 1, NULL, 0, false };
	struct matrix_counts counts;
	struct matrix_sink m = { NULL, STRBUF_INIT };
	char *tail;

	m.t = mtable_new(e, fmt, 1, true);
	matrix_run(e, &o, matrix_collect, &m, &counts);
	tail = mtable_finish(m.t, &counts);
	strbuf_puts(&m.sb, tail);
	free(tail);
	mtable_free(&m.t);
	return strbuf_detach(&m.sb);
}

static void
review_files(const struct design *d, const struct secrets *s,
    struct export_files *out)
{
	struct engine *e = engine_new(d);
	struct avail_report av;
	struct findings f;
	struct strbuf sb = STRBUF_INIT;
	char title[DESIGN_TEXT_MAX + 1], *t;

	xcomment_text(d->name, title, sizeof title);
	strbuf_addf(&sb, "<!-- %s: failover.md -->\n\n", X_MARKER);
	strbuf_puts(&sb, "# Failover matrix\n\n");
	t = matrix_text(e, MTABLE_MD);
	strbuf_puts(&sb, t);
	free(t);
	export_files_add(out, "failover.md", strbuf_detach(&sb), false);
	export_files_add(out, "failover.csv", matrix_text(e, MTABLE_CSV), false);

	rule_run(d, e, s, NULL, &f);
	strbuf_addf(&sb, "<!-- %s: findings.md -->\n\n", X_MARKER);
	t = findings_markdown(d, &f);
	strbuf_puts(&sb, t);
	free(t);
	findings_free(&f);
	export_files_add(out, "findings.md", strbuf_detach(&sb), false);

	avail_compute(e, &av);
	strbuf_addf(&sb, "<!-- %s: availability.md -->\n\n", X_MARKER);
	t = availability_markdown(e, &av);
	strbuf_puts(&sb, t);
	free(t);
	avail_report_free(&av);
	export_files_add(out, "availability.md", strbuf_detach(&sb), false);
	export_files_add(out, "topology.dot", export_dot(d), false);
	engine_free(&e);
}

int
export_render(const struct design *d, const struct secrets *s,
    enum export_set set, struct export_files *out, struct error *err)
{
	int rc = 0;

	if (set == EXPORT_SET_LAB)
		return export_lab(d, s, out, err);
	for (size_t i = 0; i < d->ndevices; i++)
		for (size_t k = 0; k < sizeof exporters / sizeof exporters[0]; k++)
			if (exporters[k]->vendor == (int)d->devices[i].vendor &&
			    run_ops(exporters[k], d, &d->devices[i], s, false, out,
			    err) != 0)
				rc = -1;
	for (size_t k = 0; k < sizeof exporters / sizeof exporters[0]; k++)
		if (exporters[k]->vendor < 0 &&
		    run_ops(exporters[k], d, NULL, s, false, out, err) != 0)
			rc = -1;
	review_files(d, s, out);
	return rc;
}

int
export_run_ops(const struct export_ops *ops, const struct design *d,
    const struct device *dev, const struct secrets *s, bool lab,
    struct export_files *out, struct error *err)
{
	return run_ops(ops, d, dev, s, lab, out, err);
}

/* ---- Writing: the manifest of what hatopo wrote. ---- */

struct manifest_entry {
	char *name;
	uint64_t hash;
	size_t size;
};

struct manifest {
	struct manifest_entry *v;
	size_t n, cap;
	bool present;
	bool foreign;       /* a file of that name that is not ours */
};

static uint64_t
fnv1a(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ull;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

static void
manifest_add(struct manifest *m, const char *name, uint64_t hash,
    size_t size)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->v[i].name, name) == 0) {
			m->v[i].hash = hash;
			m->v[i].size = size;
			return;
		}
	m->v = xgrow(m->v, &m->cap, m->n + 1, sizeof *m->v);
	m->v[m->n].name = xstrdup(name);
	m->v[m->n].hash = hash;
	m->v[m->n].size = size;
	m->n++;
}

static void
manifest_free(struct manifest *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].name);
	free(m->v);
	memset(m, 0, sizeof *m);
}

static void
manifest_read(const char *dir, struct manifest *m)
{
	char *path = xasprintf("%s/%s", dir, EXPORT_MANIFEST);
	struct error e = ERROR_INIT;
	struct stat st;
	char *data, *line, *save = NULL;
	size_t len;

	memset(m, 0, sizeof *m);
	if (lstat(path, &st) != 0) {
		free(path);
		return;
	}
	m->present = true;
	if (!S_ISREG(st.st_mode) || fileio_read(path, 1u << 20, &data, &len,
	    &e) != 0) {
		m->foreign = true;
		error_clear(&e);
		free(path);
		return;
	}
	free(path);
	line = strtok_r(data, "\n", &save);
	if (line == NULL || strcmp(line, MANIFEST_HEAD) != 0)
		m->foreign = true;
	while (!m->foreign && (line = strtok_r(NULL, "\n", &save)) != NULL) {
		unsigned long long h, sz;
		char name[256];

		if (line[0] == '#')
			continue;
		if (sscanf(line, "%16llx %llu %255s", &h, &sz, name) != 3 ||
		    strchr(name, '/') != NULL) {
			m->foreign = true;
			break;
		}
		manifest_add(m, name, (uint64_t)h, (size_t)sz);
	}
	free(data);
}

/* Is the file at path the one the manifest recorded? */
static bool
manifest_owns(const struct manifest *m, const char *path, const char *name)
{
	struct error e = ERROR_INIT;
	char *data;
	size_t len;
	bool own = false;

	for (size_t i = 0; i < m->n; i++) {
		if (strcmp(m->v[i].name, name) != 0)
			continue;
		if (fileio_read(path, 64u << 20, &data, &len, &e) != 0) {
			error_clear(&e);
			return false;
		}
		own = len == m->v[i].size && fnv1a(data, len) == m->v[i].hash;
		explicit_bzero(data, len);
		free(data);
		break;
	}
	return own;
}

/* Which targets would be replaced although hatopo did not write them. */
static int
check_targets(const char *dir, const struct export_files *files, bool force,
    struct error *err)
{
	struct manifest m;
	struct stat st;
	int rc = 0;

	if (stat(dir, &st) != 0)
		return 0;
	if (!S_ISDIR(st.st_mode)) {
		error_add(err, dir, 0, NULL, "is not a folder");
		return -1;
	}
	if (force)
		return 0;
	manifest_read(dir, &m);
	if (m.foreign) {
		error_add(err, dir, 0, NULL, "%s is not a manifest hatopo wrote; "
		    "use --force to replace it", EXPORT_MANIFEST);
		rc = -1;
	}
	for (size_t i = 0; i < files->n; i++) {
		char *path = xasprintf("%s/%s", dir, files->v[i].name);

		if (lstat(path, &st) == 0) {
			if (!S_ISREG(st.st_mode)) {
				error_add(err, path, 0, NULL, "exists and is not a regular "
				    "file; use --force to replace it");
				rc = -1;
			} else if (m.foreign || !manifest_owns(&m, path,
			    files->v[i].name)) {
				error_add(err, path, 0, NULL, "exists and hatopo did not "
				    "write it (or it changed since); use --force to "
				    "replace it");
				rc = -1;
			}
		}
		free(path);
	}
	manifest_free(&m);
	return rc;
}

static void
report_add(struct export_report *rep, const char *path)
{
	if (rep == NULL)
		return;
	rep->written = xgrow(rep->written, &rep->cap, rep->nwritten + 1,
	    sizeof *rep->written);
	rep->written[rep->nwritten++] = xstrdup(path);
}

static int
write_files(const char *dir, const struct export_files *files,
    struct export_report *rep, struct error *err)
{
	struct manifest old, m = { NULL, 0, 0, false, false };
	struct strbuf sb = STRBUF_INIT;
	char *path;
	int rc = 0;

	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		error_add(err, dir, 0, NULL, "cannot create the folder: %s",
		    strerror(errno));
		return -1;
	}
	manifest_read(dir, &old);
	for (size_t i = 0; i < files->n; i++) {
		const struct export_file *f = &files->v[i];
		size_t len = strlen(f->text);

		path = xasprintf("%s/%s", dir, f->name);
		if (fileio_write_atomic(path, f->text, len, f->secret ? 0600 : 0644,
		    false, err) != 0)
			rc = -1;
		else {
			manifest_add(&m, f->name, fnv1a(f->text, len), len);
			report_add(rep, path);
		}
		free(path);
	}
	/* Keep what hatopo wrote before and still stands untouched. */
	if (!old.foreign)
		for (size_t i = 0; i < old.n; i++) {
			if (export_files_find(files, old.v[i].name) != NULL)
				continue;
			path = xasprintf("%s/%s", dir, old.v[i].name);
			if (manifest_owns(&old, path, old.v[i].name))
				manifest_add(&m, old.v[i].name, old.v[i].hash,
				    old.v[i].size);
			free(path);
		}
	strbuf_addf(&sb, "%s\n# Files hatopo export wrote here.  A file that "
	    "still matches its line is\n# replaced by the next export; any "
	    "other file only with --force.\n", MANIFEST_HEAD);
	for (size_t i = 0; i < m.n; i++)
		strbuf_addf(&sb, "%016llx %zu %s\n", (unsigned long long)m.v[i].hash,
		    m.v[i].size, m.v[i].name);
	path = xasprintf("%s/%s", dir, EXPORT_MANIFEST);
	if (fileio_write_atomic(path, sb.data, sb.len, 0644, false, err) != 0)
		rc = -1;
	free(path);
	strbuf_free(&sb);
	manifest_free(&m);
	manifest_free(&old);
	return rc;
}

int
export_write(const char *dir, const struct export_files *files, bool force,
    struct export_report *rep, struct error *err)
{
	if (check_targets(dir, files, force, err) != 0)
		return -1;
	return write_files(dir, files, rep, err);
}

int
export_run(const struct export_opts *o, struct export_report *rep,
    struct error *err)
{
	struct design *d = NULL;
	struct secrets *s = NULL;
	struct export_files out = { NULL, 0, 0 }, lab = { NULL, 0, 0 };
	char *spath;
	int added = 0, rc = -1;
	bool created = false;

	memset(rep, 0, sizeof *rep);
	if (design_load(o->design_path, &d, err) != 0)
		return -1;
	spath = secrets_path(o->design_path);
	rep->secrets_path = xstrdup(spath);
	if (access(spath, F_OK) == 0) {
		if (secrets_load(spath, &s, err) != 0)
			goto out;
	} else {
		s = secrets_new();
		created = true;
	}
	if (secrets_fill(s, d, &added, err) != 0)
		goto out;
	if (export_render(d, s, EXPORT_SET_OUT, &out, err) != 0)
		goto out;
	if (o->lab_dir != NULL && export_render(d, s, EXPORT_SET_LAB, &lab,
	    err) != 0)
		goto out;
	/* Refuse before anything is written, the secrets included. */
	if (check_targets(o->out_dir, &out, o->force, err) != 0 ||
	    (o->lab_dir != NULL && check_targets(o->lab_dir, &lab, o->force,
	    err) != 0))
		goto out;
	if ((created || added > 0) && secrets_save(s, spath, err) != 0)
		goto out;
	rep->secrets_created = created;
	rep->secrets_added = added;
	if (write_files(o->out_dir, &out, rep, err) != 0)
		goto out;
	if (o->lab_dir != NULL && write_files(o->lab_dir, &lab, rep, err) != 0)
		goto out;
	rc = 0;
out:
	export_files_free(&out);
	export_files_free(&lab);
	secrets_free(&s);
	design_free(&d);
	free(spath);
	return rc;
}
