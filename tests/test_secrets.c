/* Pre-shared and BGP MD5 keys: generation, AWS's rules, the secrets file
 * and its permissions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/design.h"
#include "model/secrets.h"
#include "model/xalloc.h"
#include "tests/support.h"

#define DRAWS 10000
#define ALPHABET \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._"

/* Every file fileio.c creates goes through mkostemp(); this program's
 * definition comes first in symbol lookup, so it sees the temporary file
 * the moment it exists and records its permission bits. */
static int created;             /* files created since the last reset */
static mode_t created_modes;    /* their permission bits, OR'ed */

int
mkostemp(char *tmpl, int flags)
{
	int (*real)(char *, int);
	struct stat st;
	int fd;

	*(void **)&real = dlsym(RTLD_NEXT, "mkostemp");
	if (real == NULL) {
		errno = ENOSYS;
		return -1;
	}
	fd = real(tmpl, flags);
	if (fd >= 0 && fstat(fd, &st) == 0) {
		created++;
		created_modes |= st.st_mode & 07777;
	}
	return fd;
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;

	if (f == NULL)
		return NULL;
	buf = xmalloc(1 << 20);
	n = fread(buf, 1, (1 << 20) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void
spew(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, mode), 0);
}

static bool
has_message(const struct error *e, const char *needle)
{
	for (size_t i = 0; i < e->count; i++) {
		char *s = error_item_string(&e->items[i]);
		bool hit = strstr(s, needle) != NULL;

		free(s);
		if (hit)
			return true;
	}
	return false;
}

static void
assert_message(const struct error *e, const char *needle)
{
	if (!has_message(e, needle)) {
		char *all = error_string(e);

		fprintf(stderr, "errors:\n%s", all);
		free(all);
		fail_msg("no message contains \"%s\"", needle);
	}
}

/* Load text that must fail; the messages are left in e. */
static void
load_bad(const char *text, struct error *e)
{
	struct secrets *s = NULL;

	assert_int_equal(secrets_load_string(text, "x.secrets", &s, e), -1);
	assert_null(s);
	assert_true(e->count > 0);
}

static struct secrets *
load_good(const char *text)
{
	struct error e = ERROR_INIT;
	struct secrets *s = NULL;

	if (secrets_load_string(text, "x.secrets", &s, &e) != 0) {
		char *all = error_string(&e);

		fprintf(stderr, "%s", all);
		free(all);
		fail_msg("a secrets file that should load did not");
	}
	error_clear(&e);
	return s;
}

static int
remove_entry(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int
setup_tmpdir(void **state)
{
	char *dir = xstrdup("/tmp/hatopo-test-secrets-XXXXXX");

	if (mkdtemp(dir) == NULL) {
		free(dir);
		return -1;
	}
	*state = dir;
	return 0;
}

static int
teardown_tmpdir(void **state)
{
	char *dir = *state;
	int rc = nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);

	free(dir);
	return rc;
}

static int
cmp_key(const void *a, const void *b)
{
	return memcmp(a, b, SECRETS_PSK_GENERATED + 1);
}

/* ---- generated keys ---- */

static void
test_generate_follows_aws_rules(void **state)
{
	char (*keys)[SECRETS_PSK_GENERATED + 1] = xcalloc(DRAWS, sizeof *keys);
	struct error e = ERROR_INIT;

	(void)state;
	for (int i = 0; i < DRAWS; i++) {
		char *k = keys[i];

		memset(k, 'X', sizeof keys[i]);
		assert_int_equal(secrets_generate(k, &e), 0);
		assert_int_equal(strlen(k), SECRETS_PSK_GENERATED);
		assert_int_equal(strspn(k, ALPHABET), SECRETS_PSK_GENERATED);
		assert_true(k[0] != '0');
		if (secrets_psk_problem(k) != NULL)
			fail_msg("\"%s\": %s", k, secrets_psk_problem(k));
		assert_null(secrets_md5_problem(k));
	}
	assert_int_equal(e.count, 0);
	qsort(keys, DRAWS, sizeof *keys, cmp_key);
	for (int i = 1; i < DRAWS; i++)
		if (strcmp(keys[i - 1], keys[i]) == 0)
			fail_msg("the key %s was drawn twice", keys[i]);
	free(keys);
}

/* Every symbol turns up about as often as the others.  310,000 symbols in
 * the last 31 places: about 4,844 each with a standard deviation of 69, so
 * the bounds below are more than 17 deviations wide and a fair generator
 * never crosses them, while a biased one (a modulo over a range that is not
 * a multiple of 64, a symbol never drawn) does. */
static void
test_generate_uniform(void **state)
{
	static const char alphabet[] = ALPHABET;
	long count[64] = { 0 }, first[64] = { 0 };
	struct error e = ERROR_INIT;
	char k[SECRETS_PSK_GENERATED + 1];

	(void)state;
	assert_int_equal(strlen(alphabet), 64);
	for (int i = 0; i < DRAWS; i++) {
		assert_int_equal(secrets_generate(k, &e), 0);
		for (int j = 0; j < SECRETS_PSK_GENERATED; j++) {
			int sym = (int)(strchr(alphabet, k[j]) - alphabet);

			if (j == 0)
				first[sym]++;
			else
				count[sym]++;
		}
	}
	for (int s = 0; s < 64; s++) {
		if (count[s] < 3600 || count[s] > 6100)
			fail_msg("'%c' drawn %ld times of %d", alphabet[s],
			    count[s], DRAWS * (SECRETS_PSK_GENERATED - 1));
		/* The first place: never '0', the others about 159 times
		 * (deviation 12.5). */
		if (alphabet[s] == '0')
			assert_int_equal(first[s], 0);
		else if (first[s] < 40 || first[s] > 320)
			fail_msg("'%c' first %ld times of %d", alphabet[s],
			    first[s], DRAWS);
	}
}

/* ---- AWS's rules ---- */

static void
test_psk_rules(void **state)
{
	char k[80];

	(void)state;
	assert_non_null(secrets_psk_problem("abcdefg"));
	assert_null(secrets_psk_problem("abcdefgh"));
	memset(k, 'a', 64);
	k[64] = '\0';
	assert_null(secrets_psk_problem(k));
	k[64] = 'a';
	k[65] = '\0';
	assert_string_equal(secrets_psk_problem(k), "a pre-shared key is 8-64 "
	    "characters long");
	assert_string_equal(secrets_psk_problem("0abcdefgh"), "a pre-shared "
	    "key cannot start with 0");
	assert_null(secrets_psk_problem("a0bcdefgh"));
	assert_null(secrets_psk_problem("A.b_c.d_9"));
	assert_non_null(secrets_psk_problem("abcd-efgh"));
	assert_non_null(secrets_psk_problem("abcd efgh"));
	assert_non_null(secrets_psk_problem("abcd\"efgh"));
	assert_non_null(secrets_psk_problem("abcd;efgh"));
	assert_non_null(secrets_psk_problem("abcd\xc3\xa9" "fgh"));
	assert_non_null(secrets_psk_problem(""));
}

static void
test_md5_rules(void **state)
{
	char k[90];

	(void)state;
	assert_non_null(secrets_md5_problem("abcde"));
	assert_null(secrets_md5_problem("abcdef"));
	assert_null(secrets_md5_problem("ab-cd.ef_9"));
	assert_null(secrets_md5_problem("0abcdef"));
	memset(k, 'z', 80);
	k[80] = '\0';
	assert_null(secrets_md5_problem(k));
	k[80] = 'z';
	k[81] = '\0';
	assert_non_null(secrets_md5_problem(k));
	assert_non_null(secrets_md5_problem("abc def"));
	assert_non_null(secrets_md5_problem("abc\"def"));
	assert_non_null(secrets_md5_problem("abc;def"));
	assert_non_null(secrets_md5_problem(""));
}

/* ---- filling from a design ---- */

static void
test_fill_multi_dc(void **state)
{
	struct design *d = support_load_file("samples/multi-dc.cfg");
	struct secrets *s = secrets_new();
	struct error e = ERROR_INIT;
	char psk1[SECRETS_PSK_MAX + 1], psk2[SECRETS_PSK_MAX + 1];
	char md5[SECRETS_MD5_MAX + 1];
	int added = -1;

	(void)state;
	assert_int_equal(secrets_fill(s, d, &added, &e), 0);
	assert_int_equal(added, 3);
	assert_int_equal(s->npsks, 2);
	assert_int_equal(s->nmd5s, 1);
	assert_non_null(secrets_psk(s, "vpn1", 1));
	assert_non_null(secrets_psk(s, "vpn1", 2));
	assert_null(secrets_psk(s, "vpn1", 3));
	assert_null(secrets_psk(s, "dx1", 1));
	assert_non_null(secrets_md5(s, "dx1"));
	assert_null(secrets_md5(s, "vpn1"));
	assert_null(secrets_psk_problem(secrets_psk(s, "vpn1", 1)));
	assert_null(secrets_md5_problem(secrets_md5(s, "dx1")));
	assert_string_not_equal(secrets_psk(s, "vpn1", 1),
	    secrets_psk(s, "vpn1", 2));
	snprintf(psk1, sizeof psk1, "%s", secrets_psk(s, "vpn1", 1));
	snprintf(psk2, sizeof psk2, "%s", secrets_psk(s, "vpn1", 2));
	snprintf(md5, sizeof md5, "%s", secrets_md5(s, "dx1"));
	/* Again: nothing is missing, nothing changes. */
	assert_int_equal(secrets_fill(s, d, &added, &e), 0);
	assert_int_equal(added, 0);
	assert_int_equal(s->npsks, 2);
	assert_int_equal(s->nmd5s, 1);
	assert_string_equal(secrets_psk(s, "vpn1", 1), psk1);
	assert_string_equal(secrets_psk(s, "vpn1", 2), psk2);
	assert_string_equal(secrets_md5(s, "dx1"), md5);
	assert_int_equal(e.count, 0);
	secrets_free(&s);
	assert_null(s);
	design_free(&d);
}

/* A key the user wrote is kept; only what is missing is generated. */
static void
test_fill_keeps_user_keys(void **state)
{
	struct design *d = support_load_file("samples/multi-dc.cfg");
	struct secrets *s = secrets_new();
	struct error e = ERROR_INIT;
	int added;

	(void)state;
	secrets_set_psk(s, "vpn1", 2, "myOwnKey.123");
	secrets_set_psk(s, "gone", 1, "leftOver.123");
	assert_int_equal(secrets_fill(s, d, &added, &e), 0);
	assert_int_equal(added, 2);
	assert_string_equal(secrets_psk(s, "vpn1", 2), "myOwnKey.123");
	assert_string_equal(secrets_psk(s, "gone", 1), "leftOver.123");
	assert_int_equal(strlen(secrets_psk(s, "vpn1", 1)),
	    SECRETS_PSK_GENERATED);
	secrets_set_psk(s, "vpn1", 2, "replaced.123");
	assert_int_equal(s->npsks, 3);
	assert_string_equal(secrets_psk(s, "vpn1", 2), "replaced.123");
	secrets_free(&s);
	design_free(&d);
}

/* ---- the file ---- */

static void
test_round_trip_string(void **state)
{
	struct secrets *s = secrets_new(), *back;
	char *t1, *t2;

	(void)state;
	secrets_set_psk(s, "vpn1", 1, "abcdefgh");
	secrets_set_psk(s, "vpn1", 2, "Z.y_x.w_v0123456789");
	secrets_set_psk(s, "vpn.2", 1, "shortkey");
	secrets_set_md5(s, "dx1", "md5-key_1.x");
	secrets_set_md5(s, "dx-2", "another");
	t1 = secrets_to_string(s);
	back = load_good(t1);
	assert_int_equal(back->npsks, 3);
	assert_int_equal(back->nmd5s, 2);
	assert_string_equal(secrets_psk(back, "vpn1", 2),
	    "Z.y_x.w_v0123456789");
	assert_string_equal(secrets_psk(back, "vpn.2", 1), "shortkey");
	assert_string_equal(secrets_md5(back, "dx-2"), "another");
	assert_int_equal(back->psks[0].line, 6);
	t2 = secrets_to_string(back);
	assert_string_equal(t1, t2);
	free(t1);
	free(t2);
	secrets_free(&s);
	secrets_free(&back);
}

static void
test_empty_round_trip(void **state)
{
	struct secrets *s = secrets_new(), *back;
	char *t = secrets_to_string(s);

	(void)state;
	back = load_good(t);
	assert_int_equal(back->npsks, 0);
	assert_int_equal(back->nmd5s, 0);
	free(t);
	secrets_free(&s);
	secrets_free(&back);
}

/* Saved with mode 0600 whatever the umask, and 0600 from the moment the
 * file exists: the temporary file is created so. */
static void
test_save_mode_0600(void **state)
{
	char *path = xasprintf("%s/d.cfg.secrets", (char *)*state);
	struct design *d = support_load_file("samples/multi-dc.cfg");
	struct secrets *s = secrets_new(), *back = NULL;
	struct error e = ERROR_INIT;
	struct stat st;
	char *text, *want;
	mode_t old;
	int added;

	assert_int_equal(secrets_fill(s, d, &added, &e), 0);
	old = umask(0);
	created = 0;
	created_modes = 0;
	assert_int_equal(secrets_save(s, path, &e), 0);
	assert_int_equal(created, 1);
	assert_int_equal(created_modes, 0600);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	text = slurp(path);
	want = secrets_to_string(s);
	assert_string_equal(text, want);
	free(text);
	free(want);
	/* Saving again over the file keeps it private, and keeps no backup
	 * copy of the old keys around. */
	secrets_set_md5(s, "dx1", "newkey1");
	assert_int_equal(secrets_save(s, path, &e), 0);
	assert_int_equal(created, 2);
	assert_int_equal(created_modes, 0600);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	umask(old);
	{
		char *b = xasprintf("%s~", path);

		assert_int_equal(stat(b, &st), -1);
		free(b);
	}
	assert_int_equal(secrets_load(path, &back, &e), 0);
	assert_int_equal(e.count, 0);
	assert_string_equal(secrets_md5(back, "dx1"), "newkey1");
	assert_string_equal(secrets_psk(back, "vpn1", 1),
	    secrets_psk(s, "vpn1", 1));
	secrets_free(&back);
	secrets_free(&s);
	design_free(&d);
	free(path);
}

/* The watch sees real modes: under a umask that takes the owner's write
 * bit, the file is created read-only (and stays private, so it loads). */
static void
test_watch_sees_real_modes(void **state)
{
	char *path = xasprintf("%s/d.cfg.secrets", (char *)*state);
	struct secrets *s = secrets_new(), *back = NULL;
	struct error e = ERROR_INIT;
	struct stat st;
	mode_t old;

	secrets_set_psk(s, "vpn1", 1, "abcdefgh");
	old = umask(0277);
	created = 0;
	created_modes = 0;
	assert_int_equal(secrets_save(s, path, &e), 0);
	umask(old);
	assert_int_equal(created, 1);
	assert_int_equal(created_modes, 0400);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0400);
	assert_int_equal(secrets_load(path, &back, &e), 0);
	secrets_free(&back);
	secrets_free(&s);
	free(path);
}

static void
test_load_refuses_open_mode(void **state)
{
	char *path = xasprintf("%s/d.cfg.secrets", (char *)*state);
	struct secrets *s = NULL;
	struct error e = ERROR_INIT;

	spew(path, "version = 1;\n", 0644);
	assert_int_equal(secrets_load(path, &s, &e), -1);
	assert_null(s);
	assert_int_equal(e.count, 1);
	assert_message(&e, "chmod 600");
	assert_message(&e, "0644");
	error_clear(&e);
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(secrets_load(path, &s, &e), -1);
	assert_message(&e, "chmod 600");
	error_clear(&e);
	assert_int_equal(chmod(path, 0400), 0);
	assert_int_equal(secrets_load(path, &s, &e), 0);
	secrets_free(&s);
	assert_int_equal(chmod(path, 0600), 0);
	assert_int_equal(secrets_load(path, &s, &e), 0);
	secrets_free(&s);
	error_clear(&e);
	free(path);
}

static void
test_load_missing_file(void **state)
{
	char *path = xasprintf("%s/none.secrets", (char *)*state);
	struct secrets *s = NULL;
	struct error e = ERROR_INIT;

	assert_int_equal(secrets_load(path, &s, &e), -1);
	assert_message(&e, "none.secrets: cannot stat");
	error_clear(&e);
	free(path);
}

/* What could break out of a quoted string in a router config never loads;
 * a key that is merely against AWS's rules does (rule HA019 reports it). */
static void
test_load_rejects_injection(void **state)
{
	static const char *const bad[] = {
		"abc\\\"defgh1", "abcdef;gh1", "abc def gh", "abc\\\\defgh",
		"abc'defgh1", "abc#defgh1", "abc!defgh1", "abc{defgh1",
		"abc}defgh1", "abc\\ndefgh",
	};
	struct error e = ERROR_INIT;
	struct secrets *s;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *text = xasprintf("version = 1;\ntunnels = (\n  { "
		    "connection = \"vpn1\"; tunnel = 1;\n    psk = \"%s\"; }\n);\n",
		    bad[i]);

		load_bad(text, &e);
		assert_int_equal(e.count, 1);
		assert_int_equal(e.items[0].line, 4);
		assert_string_equal(e.items[0].field, "tunnels[0].psk");
		assert_message(&e, "cannot be written into a router config "
		    "safely");
		/* The key itself is never shown. */
		assert_false(has_message(&e, "defgh"));
		error_clear(&e);
		free(text);
	}
	s = load_good("version = 1;\ntunnels = ( { connection = \"vpn1\"; "
	    "tunnel = 1; psk = \"short\"; },\n  { connection = \"vpn1\"; "
	    "tunnel = 2; psk = \"0-starts-with-zero\"; } );\n");
	assert_string_equal(secrets_psk(s, "vpn1", 1), "short");
	assert_non_null(secrets_psk_problem(secrets_psk(s, "vpn1", 1)));
	assert_non_null(secrets_psk_problem(secrets_psk(s, "vpn1", 2)));
	secrets_free(&s);
}

static void
test_load_psk_length(void **state)
{
	struct error e = ERROR_INIT;
	char k[70], *text;

	(void)state;
	memset(k, 'a', 65);
	k[65] = '\0';
	text = xasprintf("version = 1;\ntunnels = ( { connection = \"vpn1\"; "
	    "tunnel = 1; psk = \"%s\"; } );\n", k);
	load_bad(text, &e);
	assert_message(&e, "x.secrets:2: tunnels[0].psk: the pre-shared key is "
	    "longer than 64 characters");
	error_clear(&e);
	free(text);
	load_bad("version = 1;\ntunnels = ( { connection = \"vpn1\"; "
	    "tunnel = 1; psk = \"\"; } );\n", &e);
	assert_message(&e, "x.secrets:2: tunnels[0].psk: the pre-shared key is "
	    "empty");
	error_clear(&e);
}

static void
test_load_unknown_keys(void **state)
{
	struct error e = ERROR_INIT;

	(void)state;
	load_bad("version = 1;\ncolour = \"blue\";\n", &e);
	assert_int_equal(e.count, 1);
	assert_message(&e, "x.secrets:2: colour: unknown key (known here: "
	    "version, tunnels, dx)");
	error_clear(&e);
	load_bad("version = 1;\ntunnels = (\n  { connection = \"vpn1\"; "
	    "tunnel = 1; psk = \"abcdefgh\";\n    comment = \"x\"; }\n);\n"
	    "dx = ( { connection = \"dx1\"; md5 = \"abcdefgh\"; "
	    "psk = \"x\"; } );\n", &e);
	assert_int_equal(e.count, 2);
	assert_message(&e, "x.secrets:4: tunnels[0].comment: unknown key "
	    "(known here: connection, tunnel, psk)");
	assert_message(&e, "x.secrets:6: dx[0].psk: unknown key (known here: "
	    "connection, md5)");
	error_clear(&e);
}

static void
test_load_bad_types(void **state)
{
	struct error e = ERROR_INIT;

	(void)state;
	load_bad("version = 1;\ntunnels = (\n  { connection = 7; tunnel = 1; "
	    "psk = \"abcdefgh\"; },\n  { connection = \"vpn1\"; "
	    "tunnel = \"2\";\n"
	    "    psk = 12345678; },\n  \"vpn3\" );\ndx = { };\n", &e);
	assert_message(&e, "x.secrets:3: tunnels[0].connection: must be a "
	    "string");
	assert_message(&e, "x.secrets:4: tunnels[1].tunnel: must be 1 or 2");
	assert_message(&e, "x.secrets:5: tunnels[1].psk: must be a string");
	assert_message(&e, "x.secrets:6: tunnels[2]: must be a group");
	assert_message(&e, "x.secrets:7: dx: must be a list");
	assert_int_equal(e.count, 5);
	error_clear(&e);
	load_bad("version = \"1\";\n", &e);
	assert_message(&e, "x.secrets:1: version: must be 1");
	error_clear(&e);
	load_bad("tunnels = ( );\n", &e);
	assert_message(&e, "x.secrets: version: must be 1");
	error_clear(&e);
	load_bad("version = 2;\n", &e);
	assert_message(&e, "x.secrets:1: version: must be 1");
	error_clear(&e);
	load_bad("version = 1;\ntunnels = ( { connection = \"vpn1\"; \n", &e);
	assert_message(&e, "x.secrets:3:");
	error_clear(&e);
}

static void
test_load_tunnel_number(void **state)
{
	struct error e = ERROR_INIT;

	(void)state;
	load_bad("version = 1;\ntunnels = (\n  { connection = \"vpn1\"; "
	    "tunnel = 3; psk = \"abcdefgh\"; },\n  { connection = \"vpn1\"; "
	    "tunnel = 0; psk = \"abcdefgh\"; },\n  { connection = \"vpn1\"; "
	    "psk = \"abcdefgh\"; }\n);\n", &e);
	assert_int_equal(e.count, 3);
	assert_message(&e, "x.secrets:3: tunnels[0].tunnel: must be 1 or 2");
	assert_message(&e, "x.secrets:4: tunnels[1].tunnel: must be 1 or 2");
	assert_message(&e, "x.secrets:5: tunnels[2].tunnel: is missing");
	error_clear(&e);
}

static void
test_load_duplicates(void **state)
{
	struct error e = ERROR_INIT;

	(void)state;
	load_bad("version = 1;\ntunnels = (\n  { connection = \"vpn1\"; "
	    "tunnel = 1; psk = \"abcdefgh\"; },\n  { connection = \"vpn1\"; "
	    "tunnel = 2; psk = \"abcdefgh\"; },\n  { connection = \"vpn1\"; "
	    "tunnel = 1; psk = \"otherkey\"; }\n);\n"
	    "dx = (\n  { connection = \"dx1\"; md5 = \"abcdefgh\"; },\n"
	    "  { connection = \"dx1\"; md5 = \"abcdefgh\"; }\n);\n", &e);
	assert_int_equal(e.count, 2);
	assert_message(&e, "x.secrets:5: tunnels[2]: tunnel 1 of vpn1 already "
	    "has a key (line 3)");
	assert_message(&e, "x.secrets:9: dx[1]: dx1 already has a key "
	    "(line 8)");
	error_clear(&e);
}

static void
test_load_bad_values(void **state)
{
	struct error e = ERROR_INIT;

	(void)state;
	load_bad("version = 1;\ntunnels = (\n  { connection = \"9vpn\"; "
	    "tunnel = 1; psk = \"abcdefgh\"; }\n);\n"
	    "dx = ( { connection = \"dx1\"; md5 = \"abc\"; },\n"
	    "       { connection = \"dx2\"; md5 = \"abc def\"; } );\n", &e);
	assert_int_equal(e.count, 3);
	assert_message(&e, "x.secrets:3: tunnels[0].connection: \"9vpn\": a "
	    "name starts with a letter");
	assert_message(&e, "x.secrets:5: dx[0].md5: a BGP MD5 key is 6-80 "
	    "characters long");
	assert_message(&e, "x.secrets:6: dx[1].md5: a BGP MD5 key holds only");
	error_clear(&e);
	load_bad("version = 1;\n@include \"/etc/shadow\"\n", &e);
	assert_message(&e, "@include is not allowed");
	error_clear(&e);
}

static void
test_secrets_path(void **state)
{
	char *p = secrets_path("designs/prod.cfg");

	(void)state;
	assert_string_equal(p, "designs/prod.cfg.secrets");
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generate_follows_aws_rules),
		cmocka_unit_test(test_generate_uniform),
		cmocka_unit_test(test_psk_rules),
		cmocka_unit_test(test_md5_rules),
		cmocka_unit_test(test_fill_multi_dc),
		cmocka_unit_test(test_fill_keeps_user_keys),
		cmocka_unit_test(test_round_trip_string),
		cmocka_unit_test(test_empty_round_trip),
		cmocka_unit_test_setup_teardown(test_save_mode_0600,
		    setup_tmpdir, teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_watch_sees_real_modes,
		    setup_tmpdir, teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_load_refuses_open_mode,
		    setup_tmpdir, teardown_tmpdir),
		cmocka_unit_test_setup_teardown(test_load_missing_file,
		    setup_tmpdir, teardown_tmpdir),
		cmocka_unit_test(test_load_rejects_injection),
		cmocka_unit_test(test_load_psk_length),
		cmocka_unit_test(test_load_unknown_keys),
		cmocka_unit_test(test_load_bad_types),
		cmocka_unit_test(test_load_tunnel_number),
		cmocka_unit_test(test_load_duplicates),
		cmocka_unit_test(test_load_bad_values),
		cmocka_unit_test(test_secrets_path),
	};

	return cmocka_run_group_tests_name("secrets", tests, NULL, NULL);
}
