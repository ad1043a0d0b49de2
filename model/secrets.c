#include "secrets.h"

#include <errno.h>
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "fileio.h"
#include "strbuf.h"

/* 64 symbols: one random byte's low six bits pick one without bias. */
static const char psk_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";

struct secrets *
secrets_new(void)
{
	return xcalloc(1, sizeof(struct secrets));
}

void
secrets_free(struct secrets **sp)
{
	if (sp == NULL || *sp == NULL)
		return;
	/* explicit_bzero() wants a pointer even for 0 bytes. */
	if ((*sp)->psks != NULL)
		explicit_bzero((*sp)->psks, (*sp)->pskcap * sizeof *(*sp)->psks);
	if ((*sp)->md5s != NULL)
		explicit_bzero((*sp)->md5s, (*sp)->md5cap * sizeof *(*sp)->md5s);
	free((*sp)->psks);
	free((*sp)->md5s);
	free(*sp);
	*sp = NULL;
}

char *
secrets_path(const char *design_path)
{
	return xasprintf("%s.secrets", design_path);
}

static bool
in_set(char ch, bool dash)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
	    (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' ||
	    (dash && ch == '-');
}

const char *
secrets_psk_problem(const char *psk)
{
	size_t n = strlen(psk);

	for (size_t i = 0; i < n; i++)
		if (!in_set(psk[i], false))
			return "a pre-shared key holds only letters, digits, '.' and "
			    "'_'";
	if (n < SECRETS_PSK_MIN || n > SECRETS_PSK_MAX)
		return "a pre-shared key is 8-64 characters long";
	if (psk[0] == '0')
		return "a pre-shared key cannot start with 0";
	return NULL;
}

const char *
secrets_md5_problem(const char *key)
{
	size_t n = strlen(key);

	for (size_t i = 0; i < n; i++)
		if (!in_set(key[i], true))
			return "a BGP MD5 key holds only letters, digits, '.', '_' and "
			    "'-'";
	if (n < SECRETS_MD5_MIN || n > SECRETS_MD5_MAX)
		return "a BGP MD5 key is 6-80 characters long";
	return NULL;
}

/* Why a pre-shared key can never be exported safely (it could end a
 * quoted string or a config line, or does not fit), or NULL.  The key
 * itself is never shown. */
static const char *
psk_unexportable(const char *s)
{
	if (*s == '\0')
		return "the pre-shared key is empty";
	if (strlen(s) > SECRETS_PSK_MAX)
		return "the pre-shared key is longer than 64 characters";
	for (; *s; s++)
		if (*s <= ' ' || *s >= 0x7f || *s == '"' || *s == '\\' ||
		    *s == '\'' || *s == ';' || *s == '#' || *s == '!' ||
		    *s == '{' || *s == '}')
			return "the pre-shared key holds characters that cannot be "
			    "written into a router config safely";
	return NULL;
}

/* Fill buf from the kernel's random pool, retrying on interruption. */
static int
random_bytes(unsigned char *buf, size_t len, struct error *err)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = getrandom(buf + got, len - got, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			error_add(err, NULL, 0, NULL, "getrandom failed: %s",
			    strerror(errno));
			return -1;
		}
		got += (size_t)n;
	}
	return 0;
}

int
secrets_generate(char *out, struct error *err)
{
	unsigned char raw[SECRETS_PSK_GENERATED];
	int rc = 0;

	if (random_bytes(raw, sizeof raw, err) != 0)
		return -1;
	for (int i = 0; i < SECRETS_PSK_GENERATED; i++)
		out[i] = psk_alphabet[raw[i] & 63];
	/* AWS refuses a key that starts with 0: draw the first again. */
	while (out[0] == '0' && rc == 0) {
		unsigned char b;

		rc = random_bytes(&b, 1, err);
		out[0] = psk_alphabet[b & 63];
	}
	out[SECRETS_PSK_GENERATED] = '\0';
	explicit_bzero(raw, sizeof raw);
	return rc;
}

const char *
secrets_psk(const struct secrets *s, const char *conn, int tunnel)
{
	for (size_t i = 0; i < s->npsks; i++)
		if (s->psks[i].tunnel == tunnel && strcmp(s->psks[i].conn, conn) == 0)
			return s->psks[i].psk;
	return NULL;
}

const char *
secrets_md5(const struct secrets *s, const char *conn)
{
	for (size_t i = 0; i < s->nmd5s; i++)
		if (strcmp(s->md5s[i].conn, conn) == 0)
			return s->md5s[i].key;
	return NULL;
}

void
secrets_set_psk(struct secrets *s, const char *conn, int tunnel,
    const char *psk)
{
	struct secret_psk *p = NULL;

	for (size_t i = 0; i < s->npsks && p == NULL; i++)
		if (s->psks[i].tunnel == tunnel && strcmp(s->psks[i].conn, conn) == 0)
			p = &s->psks[i];
	if (p == NULL) {
		s->psks = xgrow(s->psks, &s->pskcap, s->npsks + 1, sizeof *s->psks);
		p = &s->psks[s->npsks++];
		memset(p, 0, sizeof *p);
		snprintf(p->conn, sizeof p->conn, "%s", conn);
		p->tunnel = tunnel;
	}
	snprintf(p->psk, sizeof p->psk, "%s", psk);
}

void
secrets_set_md5(struct secrets *s, const char *conn, const char *key)
{
	struct secret_md5 *m = NULL;

	for (size_t i = 0; i < s->nmd5s && m == NULL; i++)
		if (strcmp(s->md5s[i].conn, conn) == 0)
			m = &s->md5s[i];
	if (m == NULL) {
		s->md5s = xgrow(s->md5s, &s->md5cap, s->nmd5s + 1, sizeof *s->md5s);
		m = &s->md5s[s->nmd5s++];
		memset(m, 0, sizeof *m);
		snprintf(m->conn, sizeof m->conn, "%s", conn);
	}
	snprintf(m->key, sizeof m->key, "%s", key);
}

int
secrets_carry(struct secrets *s, const char *from, const char *to)
{
	char copy[SECRETS_MD5_MAX + SECRETS_PSK_MAX + 1];
	int n = 0;

	/* Through a buffer: setting a key may move the table the one copied
	 * lives in. */
	for (int t = 1; t <= DESIGN_MAX_TUNNELS; t++)
		if (secrets_psk(s, from, t) && secrets_psk(s, to, t) == NULL) {
			snprintf(copy, sizeof copy, "%s", secrets_psk(s, from, t));
			secrets_set_psk(s, to, t, copy);
			n++;
		}
	if (secrets_md5(s, from) && secrets_md5(s, to) == NULL) {
		snprintf(copy, sizeof copy, "%s", secrets_md5(s, from));
		secrets_set_md5(s, to, copy);
		n++;
	}
	explicit_bzero(copy, sizeof copy);
	return n;
}

int
secrets_fill(struct secrets *s, const struct design *d, int *added,
    struct error *err)
{
	char buf[SECRETS_PSK_GENERATED + 1];

	*added = 0;
	for (size_t i = 0; i < d->nconns; i++) {
		const struct connection *c = &d->conns[i];

		if (c->type == CONN_VPN) {
			for (int t = 1; t <= c->ntunnels; t++)
				if (secrets_psk(s, c->name, t) == NULL) {
					if (secrets_generate(buf, err) != 0)
						return -1;
					secrets_set_psk(s, c->name, t, buf);
					(*added)++;
				}
		} else if (secrets_md5(s, c->name) == NULL) {
			if (secrets_generate(buf, err) != 0)
				return -1;
			secrets_set_md5(s, c->name, buf);
			(*added)++;
		}
	}
	explicit_bzero(buf, sizeof buf);
	return 0;
}

static void
s_error(struct error *err, const char *file, const config_setting_t *s,
    const char *field, const char *msg)
{
	error_add(err, file, s ? (int)config_setting_source_line(s) : 0, field,
	    "%s", msg);
}

static const char *
get_str(const config_setting_t *g, const char *key, const char *file,
    const char *path, struct error *err)
{
	const config_setting_t *s = config_setting_get_member(g, key);
	char field[96];

	snprintf(field, sizeof field, "%s.%s", path, key);
	if (s == NULL) {
		s_error(err, file, g, field, "is missing");
		return NULL;
	}
	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		s_error(err, file, s, field, "must be a string");
		return NULL;
	}
	return config_setting_get_string(s);
}

static void
check_only(const config_setting_t *g, const char *const *keys,
    const char *file, const char *path, struct error *err)
{
	for (int i = 0; i < config_setting_length(g); i++) {
		const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
		bool ok = false;

		for (const char *const *k = keys; *k; k++)
			if (strcmp(*k, config_setting_name(s)) == 0)
				ok = true;
		if (!ok) {
			char field[96], known[96] = "";
			size_t o = 0;

			for (const char *const *k = keys; *k; k++)
				o += (size_t)snprintf(known + o, sizeof known - o, "%s%s",
				    k == keys ? "" : ", ", *k);
			snprintf(field, sizeof field, "%s%s%s", path, *path ? "." : "",
			    config_setting_name(s));
			error_add(err, file, (int)config_setting_source_line(s), field,
			    "unknown key (known here: %s)", known);
		}
	}
}

static void
load_entries(const config_setting_t *root, const char *key, bool psk,
    const char *file, struct secrets *out, struct error *err)
{
	static const char *const psk_keys[] = { "connection", "tunnel", "psk",
		NULL };
	static const char *const md5_keys[] = { "connection", "md5", NULL };
	const config_setting_t *seq = config_setting_get_member(root, key);

	if (seq == NULL)
		return;
	if (config_setting_type(seq) != CONFIG_TYPE_LIST) {
		s_error(err, file, seq, key, "must be a list ( { ... }, ... )");
		return;
	}
	for (int i = 0; i < config_setting_length(seq); i++) {
		const config_setting_t *g = config_setting_get_elem(seq, (unsigned)i);
		const config_setting_t *ts;
		char path[64], field[80];
		const char *conn, *value, *why;
		int tunnel = 0, first = 0;
		size_t before = err->count;

		snprintf(path, sizeof path, "%s[%d]", key, i);
		if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
			s_error(err, file, g, path, "must be a group { ... }");
			continue;
		}
		check_only(g, psk ? psk_keys : md5_keys, file, path, err);
		conn = get_str(g, "connection", file, path, err);
		snprintf(field, sizeof field, "%s.connection", path);
		if (conn != NULL && (why = design_name_problem(conn)) != NULL)
			error_add(err, file, (int)config_setting_source_line(
			    config_setting_get_member(g, "connection")), field,
			    "\"%.*s\": %s", DESIGN_NAME_MAX, conn, why);
		if (psk) {
			snprintf(field, sizeof field, "%s.tunnel", path);
			ts = config_setting_get_member(g, "tunnel");
			if (ts == NULL)
				s_error(err, file, g, field, "is missing (1 or 2)");
			else if (config_setting_type(ts) != CONFIG_TYPE_INT ||
			    (config_setting_get_int(ts) != 1 &&
			    config_setting_get_int(ts) != 2))
				s_error(err, file, ts, field, "must be 1 or 2 (the "
				    "tunnel's number in the VPN connection)");
			else
				tunnel = config_setting_get_int(ts);
		}
		value = get_str(g, psk ? "psk" : "md5", file, path, err);
		snprintf(field, sizeof field, "%s.%s", path, psk ? "psk" : "md5");
		if (value != NULL && psk && (why = psk_unexportable(value)) != NULL)
			s_error(err, file, config_setting_get_member(g, "psk"), field,
			    why);
		else if (value != NULL && !psk &&
		    (why = secrets_md5_problem(value)) != NULL)
			s_error(err, file, config_setting_get_member(g, "md5"), field,
			    why);
		if (err->count != before)
			continue;
		if (psk && secrets_psk(out, conn, tunnel) != NULL) {
			for (size_t j = 0; j < out->npsks; j++)
				if (out->psks[j].tunnel == tunnel &&
				    strcmp(out->psks[j].conn, conn) == 0)
					first = out->psks[j].line;
			error_add(err, file, (int)config_setting_source_line(g), path,
			    "tunnel %d of %s already has a key (line %d)", tunnel,
			    conn, first);
		} else if (!psk && secrets_md5(out, conn) != NULL) {
			for (size_t j = 0; j < out->nmd5s; j++)
				if (strcmp(out->md5s[j].conn, conn) == 0)
					first = out->md5s[j].line;
			error_add(err, file, (int)config_setting_source_line(g), path,
			    "%s already has a key (line %d)", conn, first);
		} else if (psk) {
			secrets_set_psk(out, conn, tunnel, value);
			out->psks[out->npsks - 1].line =
			    (int)config_setting_source_line(g);
		} else {
			secrets_set_md5(out, conn, value);
			out->md5s[out->nmd5s - 1].line =
			    (int)config_setting_source_line(g);
		}
	}
}

int
secrets_load_string(const char *text, const char *filename,
    struct secrets **out, struct error *err)
{
	static const char *const keys[] = { "version", "tunnels", "dx", NULL };
	const char *file = filename ? filename : "<secrets>";
	struct error mine = ERROR_INIT;
	struct secrets *s;
	const config_setting_t *root, *v;
	config_t cfg;
	int rc = -1;

	if (strstr(text, "@include") != NULL) {
		error_add(err, file, 0, NULL, "@include is not allowed");
		return -1;
	}
	config_init(&cfg);
	if (config_read_string(&cfg, text) != CONFIG_TRUE) {
		error_add(err, file, config_error_line(&cfg), NULL, "%s",
		    config_error_text(&cfg));
		config_destroy(&cfg);
		return -1;
	}
	s = secrets_new();
	root = config_root_setting(&cfg);
	check_only(root, keys, file, "", &mine);
	v = config_setting_get_member(root, "version");
	if (v == NULL || config_setting_type(v) != CONFIG_TYPE_INT ||
	    config_setting_get_int(v) != 1)
		s_error(&mine, file, v ? v : root, "version",
		    "must be 1 (this hatopo reads version 1 secrets files)");
	load_entries(root, "tunnels", true, file, s, &mine);
	load_entries(root, "dx", false, file, s, &mine);
	if (mine.count == 0) {
		*out = s;
		s = NULL;
		rc = 0;
	}
	error_append(err, &mine);
	error_clear(&mine);
	secrets_free(&s);
	config_destroy(&cfg);
	return rc;
}

int
secrets_load(const char *path, struct secrets **out, struct error *err)
{
	char *text = NULL;
	size_t len;
	mode_t mode;
	int rc;

	if (fileio_mode(path, &mode, err) != 0)
		return -1;
	if (mode & 077) {
		error_add(err, path, 0, NULL, "mode %04o lets others read the keys; "
		    "run: chmod 600 %s", (unsigned)mode, path);
		return -1;
	}
	if (fileio_read(path, SECRETS_FILE_MAX, &text, &len, err) != 0)
		return -1;
	rc = secrets_load_string(text, path, out, err);
	explicit_bzero(text, len);
	free(text);
	return rc;
}

char *
secrets_to_string(const struct secrets *s)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_puts(&sb, "# hatopo secrets: pre-shared and BGP MD5 keys.\n"
	    "# Keep this file private (mode 0600) and out of version control.\n"
	    "version = 1;\n");
	if (s->npsks > 0) {
		strbuf_puts(&sb, "\ntunnels = (\n");
		for (size_t i = 0; i < s->npsks; i++)
			strbuf_addf(&sb, "  { connection = \"%s\"; tunnel = %d; "
			    "psk = \"%s\"; }%s\n", s->psks[i].conn, s->psks[i].tunnel,
			    s->psks[i].psk, i + 1 < s->npsks ? "," : "");
		strbuf_puts(&sb, ");\n");
	}
	if (s->nmd5s > 0) {
		strbuf_puts(&sb, "\ndx = (\n");
		for (size_t i = 0; i < s->nmd5s; i++)
			strbuf_addf(&sb, "  { connection = \"%s\"; md5 = \"%s\"; }%s\n",
			    s->md5s[i].conn, s->md5s[i].key,
			    i + 1 < s->nmd5s ? "," : "");
		strbuf_puts(&sb, ");\n");
	}
	return strbuf_detach(&sb);
}

int
secrets_save(const struct secrets *s, const char *path, struct error *err)
{
	char *text = secrets_to_string(s);
	size_t len = strlen(text);
	int rc;

	rc = fileio_write_atomic(path, text, len, 0600, false, err);
	explicit_bzero(text, len);
	free(text);
	return rc;
}
