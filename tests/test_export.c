/* hatopo export: each vendor's output against reviewed golden files, the
 * structure of the Cisco and JunOS configs (no parser for them here),
 * file modes and ownership, determinism, and that nothing a user writes
 * can add a line to a config.  The real-software checks (vtysh, charon,
 * bgpd, dot) are tests/lab/run.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export/export.h"
#include "model/design.h"
#include "model/secrets.h"
#include "model/strbuf.h"
#include "model/xalloc.h"
#include "tui/cli.h"
#include "tui/cmd_export.h"
#include "tests/support.h"

#define GOLDEN_DIR "tests/fixtures/export"

/* Every file fileio.c writes is first a mkostemp() file, made secret or
 * not by fchmod(): both are seen here, with the file's name. */
struct created_file {
	char path[512];
	mode_t at_creation;
	int chmods;
	mode_t last_chmod;
};
static struct created_file created[256];
static int ncreated;

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
	if (fd >= 0 && fstat(fd, &st) == 0 && ncreated < 256) {
		snprintf(created[ncreated].path, sizeof created[ncreated].path,
		    "%s", tmpl);
		created[ncreated].at_creation = st.st_mode & 07777;
		created[ncreated].chmods = 0;
		ncreated++;
	}
	return fd;
}

int
fchmod(int fd, mode_t mode)
{
	int (*real)(int, mode_t);
	char link[64], path[512];
	ssize_t n;

	*(void **)&real = dlsym(RTLD_NEXT, "fchmod");
	if (real == NULL) {
		errno = ENOSYS;
		return -1;
	}
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof path - 1);
	if (n > 0) {
		path[n] = '\0';
		for (int i = 0; i < ncreated; i++)
			if (strcmp(created[i].path, path) == 0 ||
			    strstr(path, created[i].path) != NULL) {
				created[i].chmods++;
				created[i].last_chmod = mode & 07777;
			}
	}
	return real(fd, mode);
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	return strbuf_detach(&sb);
}

static void
spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* Fixed keys, so the golden files do not change from run to run. */
static struct secrets *
golden_secrets(const struct design *d)
{
	struct secrets *s = secrets_new();

	for (size_t i = 0; i < d->nconns; i++) {
		char key[64];

		if (d->conns[i].type == CONN_VPN)
			for (int t = 1; t <= d->conns[i].ntunnels; t++) {
				snprintf(key, sizeof key, "GoldenPsk%02zuT%dxxxxxxxxx", i, t);
				secrets_set_psk(s, d->conns[i].name, t, key);
			}
		else {
			snprintf(key, sizeof key, "GoldenMd5%02zuxxxxxxxxxx", i);
			secrets_set_md5(s, d->conns[i].name, key);
		}
	}
	return s;
}

static void
render(const char *path, struct export_files *out)
{
	struct design *d = support_load_file(path);
	struct secrets *s = golden_secrets(d);
	struct error err = ERROR_INIT;

	memset(out, 0, sizeof *out);
	if (export_render(d, s, EXPORT_SET_OUT, out, &err) != 0) {
		char *e = error_string(&err);

		fail_msg("%s: export_render failed:\n%s", path, e);
	}
	secrets_free(&s);
	design_free(&d);
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool
is_golden(const char *name)
{
	return ends_with(name, ".ios.cfg") || ends_with(name, ".junos.set") ||
	    ends_with(name, ".frr.conf") || ends_with(name, ".swanctl.conf") ||
	    strcmp(name, "aws.tf") == 0 ||
	    strcmp(name, "secrets.auto.tfvars") == 0 ||
	    strcmp(name, "topology.dot") == 0;
}

static const char *const designs[] = {
	"samples/vpn-active-active.cfg",
	"samples/multi-dc.cfg",
	"samples/dx-active-active.cfg",
	GOLDEN_DIR "/mix-ios.cfg",
	GOLDEN_DIR "/mix-junos.cfg",
};
#define NDESIGNS (sizeof designs / sizeof designs[0])

static void
golden_dir(const char *design, char *buf, size_t len)
{
	const char *base = strrchr(design, '/');
	size_t n;

	base = base ? base + 1 : design;
	n = strcspn(base, ".");
	snprintf(buf, len, "%s/%.*s", GOLDEN_DIR, (int)n, base);
}

/* Each vendor's output for each design against its golden file.
 * HATOPO_UPDATE_GOLDEN=1 rewrites them (then read every one by eye). */
static void
test_golden(void **state)
{
	bool update = getenv("HATOPO_UPDATE_GOLDEN") != NULL;
	int compared = 0;

	(void)state;
	for (size_t i = 0; i < NDESIGNS; i++) {
		struct export_files f;
		char dir[256];

		render(designs[i], &f);
		golden_dir(designs[i], dir, sizeof dir);
		if (update)
			mkdir(dir, 0755);
		for (size_t k = 0; k < f.n; k++) {
			char path[512];
			char *want;

			if (!is_golden(f.v[k].name))
				continue;
			snprintf(path, sizeof path, "%s/%s", dir, f.v[k].name);
			if (update)
				spit(path, f.v[k].text);
			want = slurp(path);
			if (want == NULL)
				fail_msg("no golden file %s (HATOPO_UPDATE_GOLDEN=1 makes "
				    "it)", path);
			if (strcmp(want, f.v[k].text) != 0)
				fail_msg("%s differs from its golden file; got:\n%s", path,
				    f.v[k].text);
			free(want);
			compared++;
		}
		export_files_free(&f);
	}
	/* The samples: 3, 2 and 2 device files, aws.tf, tfvars, dot each;
	 * the two mixes: 3 device files and the same three. */
	assert_int_equal(compared, 6 + 5 + 5 + 6 + 6);
}

/* What each design must produce, by name. */
static void
test_file_set(void **state)
{
	static const char *const vaa[] = { "cgw1.ios.cfg", "cgw2.frr.conf",
	    "cgw2.swanctl.conf", "aws.tf", "secrets.auto.tfvars", "failover.md",
	    "failover.csv", "findings.md", "availability.md", "topology.dot",
	    NULL };
	static const char *const dxaa[] = { "cd1.junos.set", "cd2.frr.conf",
	    "aws.tf", "secrets.auto.tfvars", "failover.md", "failover.csv",
	    "findings.md", "availability.md", "topology.dot", NULL };
	struct export_files f;
	size_t n = 0;

	(void)state;
	render("samples/vpn-active-active.cfg", &f);
	for (const char *const *p = vaa; *p; p++, n++)
		assert_non_null(export_files_find(&f, *p));
	assert_int_equal(f.n, n);
	assert_true(export_files_find(&f, "cgw2.swanctl.conf")->secret);
	assert_true(export_files_find(&f, "cgw1.ios.cfg")->secret);
	/* A VPN-only FRR config holds no key: BGP over VPN has none. */
	assert_false(export_files_find(&f, "cgw2.frr.conf")->secret);
	assert_true(export_files_find(&f, "secrets.auto.tfvars")->secret);
	assert_false(export_files_find(&f, "aws.tf")->secret);
	export_files_free(&f);

	n = 0;
	render("samples/dx-active-active.cfg", &f);
	for (const char *const *p = dxaa; *p; p++, n++)
		assert_non_null(export_files_find(&f, *p));
	assert_int_equal(f.n, n);
	/* The DX's MD5 key makes this FRR config secret. */
	assert_true(export_files_find(&f, "cd2.frr.conf")->secret);
	export_files_free(&f);
}

/* ---- structure of the configs no parser here can check ---------------- */

/* What the checks below found, so a test can also show that they bite. */
static int nproblems;
static struct strbuf problems = STRBUF_INIT;

static void problem(const char *fmt, ...) XALLOC_PRINTF(1, 2);

static void
problem(const char *fmt, ...)
{
	va_list ap;
	char buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	strbuf_addf(&problems, "%s\n", buf);
	nproblems++;
}

static void
problems_reset(void)
{
	strbuf_free(&problems);
	nproblems = 0;
}

static void
assert_no_problems(void)
{
	if (nproblems > 0)
		fail_msg("%d problems:\n%s", nproblems, problems.data);
}

static bool
is_comment(const char *line, char cmt)
{
	while (*line == ' ' || *line == '\t')
		line++;
	return *line == cmt || *line == '\0';
}

/* Lines of a text, without the newline. */
static char **
lines_of(const char *text, size_t *n)
{
	char **v = NULL;
	size_t cnt = 0;
	const char *p = text;

	while (*p) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		v = xrealloc(v, (cnt + 1) * sizeof *v);
		v[cnt++] = xstrndup(p, len);
		p += len + (e != NULL);
	}
	*n = cnt;
	return v;
}

static void
free_lines(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Is there a line starting with prefix followed by word and then a blank
 * or the end? */
static bool
has_line(char **v, size_t n, const char *prefix, const char *word)
{
	size_t lp = strlen(prefix), lw = strlen(word);

	for (size_t i = 0; i < n; i++)
		if (strncmp(v[i], prefix, lp) == 0 &&
		    strncmp(v[i] + lp, word, lw) == 0 &&
		    (v[i][lp + lw] == ' ' || v[i][lp + lw] == '\0'))
			return true;
	return false;
}

/* The word after prefix in line, or NULL. */
static char *
word_after(const char *line, const char *prefix)
{
	const char *p = strstr(line, prefix);
	size_t n;

	if (p == NULL)
		return NULL;
	p += strlen(prefix);
	n = strcspn(p, " ");
	return xstrndup(p, n);
}

/* The placeholders a header lists, and every one used outside comments. */
static void
check_placeholders(char **v, size_t n, char cmt, const char *file)
{
	char listed[32][96];
	int nlisted = 0;
	bool in_list = false;

	for (size_t i = 0; i < n; i++) {
		if (!is_comment(v[i], cmt)) {
			in_list = false;
			continue;
		}
		if (strstr(v[i], "Placeholders:") != NULL) {
			in_list = true;
			continue;
		}
		if (in_list && strncmp(v[i] + 1, "   ", 3) == 0 && nlisted < 32) {
			sscanf(v[i] + 4, "%95s", listed[nlisted]);
			nlisted++;
		} else
			in_list = false;
	}
	for (int k = 0; k < nlisted; k++) {
		bool used = false;

		for (size_t i = 0; i < n && !used; i++)
			used = !is_comment(v[i], cmt) && strstr(v[i], listed[k]);
		if (!used)
			problem("%s lists placeholder %s but never uses it", file,
			    listed[k]);
	}
	for (size_t i = 0; i < n; i++) {
		const char *p;

		if (is_comment(v[i], cmt))
			continue;
		for (p = v[i]; (p = strstr(p, "_OUTSIDE_IP_")) != NULL; p++) {
			const char *s = p;
			char tok[96];
			bool ok = false;

			while (s > v[i] && s[-1] != ' ')
				s--;
			sscanf(s, "%95s", tok);
			for (int k = 0; k < nlisted && !ok; k++)
				ok = strcmp(tok, listed[k]) == 0;
			if (!ok)
				problem("%s: placeholder %s is not listed at the top",
				    file, tok);
		}
	}
}

/* Outside comments, only words made of validated names, numbers,
 * addresses, keys and keywords: letters, digits and . _ - : / and, in
 * JunOS, quotes around a key or a prepend list and [ ] around lists. */
static void
check_charset(char **v, size_t n, char cmt, const char *file)
{
	for (size_t i = 0; i < n; i++) {
		int quotes = 0;

		if (is_comment(v[i], cmt))
			continue;
		for (const char *p = v[i]; *p; p++) {
			if (*p == '"')
				quotes++;
			else if (!isalnum((unsigned char)*p) && !strchr(" ._-:/[]", *p))
				problem("%s: line %zu holds '%c': %s", file, i + 1, *p,
				    v[i]);
		}
		if (quotes % 2 != 0)
			problem("%s: line %zu has unbalanced quotes: %s", file, i + 1,
			    v[i]);
	}
}

static void
check_ios(const char *file, const char *text)
{
	size_t n;
	char **v = lines_of(text, &n);

	check_charset(v, n, '!', file);
	check_placeholders(v, n, '!', file);
	for (size_t i = 0; i < n; i++) {
		char *w;

		if (is_comment(v[i], '!'))
			continue;
		/* Every neighbor has its remote-as. */
		if ((w = word_after(v[i], " neighbor ")) != NULL) {
			char pre[96];

			snprintf(pre, sizeof pre, " neighbor %s remote-as", w);
			if (!has_line(v, n, "", pre) && strstr(text, pre) == NULL)
				problem("%s: neighbor %s has no remote-as", file, w);
			free(w);
		}
		/* Every route-map and prefix-list referenced exists. */
		if (strstr(v[i], " route-map ") != NULL &&
		    strncmp(v[i], "route-map ", 10) != 0) {
			w = word_after(v[i], " route-map ");
			if (!has_line(v, n, "route-map ", w))
				problem("%s: route-map %s is used but not defined", file,
				    w);
			free(w);
		}
		if ((w = word_after(v[i], "match ip address prefix-list ")) != NULL) {
			if (!has_line(v, n, "ip prefix-list ", w))
				problem("%s: prefix-list %s is used but not defined",
				    file, w);
			free(w);
		}
		if ((w = word_after(v[i], "tunnel protection ipsec profile ")) !=
		    NULL) {
			if (!has_line(v, n, "crypto ipsec profile ", w))
				problem("%s: ipsec profile %s is not defined", file, w);
			free(w);
		}
		if (strncmp(v[i], " set transform-set ", 19) == 0) {
			char *copy = xstrdup(v[i] + 19), *save = NULL;

			for (char *t = strtok_r(copy, " ", &save); t;
			    t = strtok_r(NULL, " ", &save))
				if (!has_line(v, n, "crypto ipsec transform-set ", t))
					problem("%s: transform-set %s is not defined", file,
					    t);
			free(copy);
		}
		if ((w = word_after(v[i], " set ikev2-profile ")) != NULL) {
			if (!has_line(v, n, "crypto ikev2 profile ", w))
				problem("%s: ikev2 profile %s is not defined", file, w);
			free(w);
		}
		if ((w = word_after(v[i], " keyring local ")) != NULL) {
			if (!has_line(v, n, "crypto ikev2 keyring ", w))
				problem("%s: ikev2 keyring %s is not defined", file, w);
			free(w);
		}
		if (strncmp(v[i], " keyring ", 9) == 0 &&
		    strncmp(v[i], " keyring local ", 15) != 0) {
			w = word_after(v[i], " keyring ");
			if (!has_line(v, n, "crypto keyring ", w))
				problem("%s: keyring %s is not defined", file, w);
			free(w);
		}
		if (strncmp(v[i], " proposal ", 10) == 0) {
			w = word_after(v[i], " proposal ");
			if (!has_line(v, n, "crypto ikev2 proposal ", w))
				problem("%s: ikev2 proposal %s is not defined", file, w);
			free(w);
		}
		if ((w = word_after(v[i], " track ")) != NULL &&
		    strncmp(v[i], "ip route ", 9) == 0) {
			if (!has_line(v, n, "ip sla ", w) ||
			    !has_line(v, n, "track ", w))
				problem("%s: track %s has no ip sla", file, w);
			free(w);
		} else
			free(w);
	}
	free_lines(v, n);
}

static void
check_junos(const char *file, const char *text)
{
	size_t n;
	char **v = lines_of(text, &n);

	check_charset(v, n, '#', file);
	check_placeholders(v, n, '#', file);
	for (size_t i = 0; i < n; i++) {
		char *w, *g;

		if (is_comment(v[i], '#'))
			continue;
		if (strncmp(v[i], "set ", 4) != 0 &&
		    strncmp(v[i], "deactivate ", 11) != 0)
			problem("%s: not a set command: %s", file, v[i]);
		/* Every BGP group with neighbors has its peer-as. */
		if ((g = word_after(v[i], "protocols bgp group ")) != NULL) {
			char pre[128];

			snprintf(pre, sizeof pre, "set protocols bgp group %s peer-as ",
			    g);
			if (strstr(text, pre) == NULL)
				problem("%s: bgp group %s has no peer-as", file, g);
			free(g);
		}
		if (strstr(v[i], "protocols bgp group ") != NULL &&
		    ((w = word_after(v[i], " import ")) != NULL ||
		    (w = word_after(v[i], " export ")) != NULL)) {
			if (!has_line(v, n, "set policy-options policy-statement ", w))
				problem("%s: policy %s is not defined", file, w);
			free(w);
		}
		if ((w = word_after(v[i], "from prefix-list-filter ")) != NULL ||
		    (w = word_after(v[i], "from prefix-list ")) != NULL) {
			if (!has_line(v, n, "set policy-options prefix-list ", w))
				problem("%s: prefix-list %s is not defined", file, w);
			free(w);
		}
		if ((w = word_after(v[i], "then community add ")) != NULL) {
			if (!has_line(v, n, "set policy-options community ", w))
				problem("%s: community %s is not defined", file, w);
			free(w);
		}
		if ((w = word_after(v[i], " ike-policy ")) != NULL) {
			if (!has_line(v, n, "set security ike policy ", w))
				problem("%s: ike policy %s is not defined", file, w);
			free(w);
		}
		if ((w = word_after(v[i], " ike gateway ")) != NULL) {
			if (!has_line(v, n, "set security ike gateway ", w))
				problem("%s: ike gateway %s is not defined", file, w);
			free(w);
		}
		if ((w = word_after(v[i], " ike ipsec-policy ")) != NULL) {
			if (!has_line(v, n, "set security ipsec policy ", w))
				problem("%s: ipsec policy %s is not defined", file, w);
			free(w);
		}
		if ((w = word_after(v[i], " bind-interface ")) != NULL) {
			char pre[64];

			snprintf(pre, sizeof pre, "set interfaces %s family inet address ",
			    w);
			if (strstr(text, pre) == NULL)
				problem("%s: %s has no address", file, w);
			free(w);
		}
		if (strstr(v[i], " proposals ") != NULL) {
			const char *pfx = strstr(v[i], "ike policy") ?
			    "set security ike proposal " : "set security ipsec proposal ";
			char *copy = xstrdup(strstr(v[i], " proposals ") + 11);
			char *save = NULL;

			for (char *t = strtok_r(copy, " []", &save); t;
			    t = strtok_r(NULL, " []", &save))
				if (!has_line(v, n, pfx, t))
					problem("%s: proposal %s is not defined", file, t);
			free(copy);
		}
	}
	free_lines(v, n);
}

static void
test_structure(void **state)
{
	int ios = 0, junos = 0;

	(void)state;
	problems_reset();
	for (size_t i = 0; i < NDESIGNS; i++) {
		struct export_files f;

		render(designs[i], &f);
		for (size_t k = 0; k < f.n; k++) {
			if (ends_with(f.v[k].name, ".ios.cfg")) {
				check_ios(f.v[k].name, f.v[k].text);
				ios++;
			} else if (ends_with(f.v[k].name, ".junos.set")) {
				check_junos(f.v[k].name, f.v[k].text);
				junos++;
			}
		}
		export_files_free(&f);
	}
	assert_no_problems();
	assert_int_equal(ios, 1 + 1 + 3);
	assert_int_equal(junos, 1 + 1 + 3);
}

/* The checks themselves catch what they are for. */
static void
test_structure_checks_bite(void **state)
{
	static const struct {
		bool ios;
		const char *text;
	} bad[] = {
		{ true, "router bgp 1\n neighbor 10.0.0.1 description x\n" },
		{ true, " neighbor 10.0.0.1 remote-as 1\n neighbor 10.0.0.1 "
		    "route-map nope out\n" },
		{ true, " match ip address prefix-list nope\n" },
		{ true, "! Placeholders: replace each\n!   AWS_OUTSIDE_IP_a_T1  x\n"
		    "!\n tunnel destination AWS_OUTSIDE_IP_b_T1\n" },
		{ true, "! Placeholders: replace each\n!   AWS_OUTSIDE_IP_a_T1  x\n"
		    "!\n" },
		{ true, "interface Tunnel1\n description a ; b\n" },
		{ true, "ip route 10.0.0.0 255.0.0.0 Tunnel1 track 7\n" },
		{ false, "set protocols bgp group g neighbor 10.0.0.1\n" },
		{ false, "set a b; delete c\n" },
		{ false, "set a \"b\n" },
		{ false, "edit protocols\n" },
		{ false, "set protocols bgp group g peer-as 1\nset protocols bgp "
		    "group g export nope\n" },
		{ false, "set security ike policy p proposals [ a b ]\n" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		problems_reset();
		if (bad[i].ios)
			check_ios("x", bad[i].text);
		else
			check_junos("x", bad[i].text);
		if (nproblems == 0)
			fail_msg("no problem found in:\n%s", bad[i].text);
	}
	problems_reset();
}

/* Each tunnel's keys and options where AWS's templates put them. */
static void
test_vendor_content(void **state)
{
	struct export_files f;
	const char *t;

	(void)state;
	render("samples/vpn-active-active.cfg", &f);
	t = export_files_find(&f, "cgw1.ios.cfg")->text;
	assert_non_null(strstr(t, "crypto ikev2 keyring keyring-vpn-vpn1-0\n"));
	assert_non_null(strstr(t, "  pre-shared-key GoldenPsk00T1xxxxxxxxx\n"));
	assert_non_null(strstr(t, " encryption aes-gcm-256\n prf sha256\n "
	    "group 20 14\n"));
	assert_non_null(strstr(t, "interface Tunnel2\n"));
	assert_non_null(strstr(t, " ip address 169.254.10.6 255.255.255.252\n"));
	assert_non_null(strstr(t, " neighbor 169.254.10.1 timers 10 30 30\n"));
	assert_non_null(strstr(t, " set pfs group20\n"));
	t = export_files_find(&f, "cgw2.swanctl.conf")->text;
	assert_non_null(strstr(t, "proposals = aes256gcm16-prfsha256-ecp384-"
	    "modp2048\n"));
	assert_non_null(strstr(t, "secret = \"GoldenPsk01T2xxxxxxxxx\"\n"));
	t = export_files_find(&f, "aws.tf")->text;
	assert_non_null(strstr(t, "tunnel1_preshared_key                = "
	    "var.psk_vpn1_tunnel1\n"));
	assert_non_null(strstr(t, "tunnel2_phase1_dh_group_numbers      = "
	    "[20, 14]\n"));
	assert_null(strstr(t, "GoldenPsk"));
	t = export_files_find(&f, "secrets.auto.tfvars")->text;
	assert_non_null(strstr(t, "psk_vpn2_tunnel2 = \"GoldenPsk01T2xxxxxxxxx\""));
	export_files_free(&f);

	render("samples/dx-active-active.cfg", &f);
	t = export_files_find(&f, "cd1.junos.set")->text;
	assert_non_null(strstr(t, "set interfaces xe-0/0/1 unit 101 vlan-id "
	    "101\n"));
	assert_non_null(strstr(t, "bfd-liveness-detection minimum-interval "
	    "300\n"));
	assert_non_null(strstr(t, "authentication-key \"GoldenMd500"));
	/* A TGW's DX gateway has its own ASN. */
	assert_non_null(strstr(t, "set protocols bgp group aws-dx1 peer-as "
	    "64514\n"));
	assert_non_null(strstr(t, "then as-path-prepend \"65010 65010\"\n"));
	t = export_files_find(&f, "cd2.frr.conf")->text;
	assert_non_null(strstr(t, " neighbor 169.254.100.5 bfd profile "
	    "aws-dx\n"));
	assert_non_null(strstr(t, " set as-path prepend 4200000010 4200000010\n"));
	t = export_files_find(&f, "aws.tf")->text;
	assert_non_null(strstr(t, "resource \"aws_dx_transit_virtual_interface\" "
	    "\"dx2\""));
	assert_non_null(strstr(t, "amazon_side_asn = \"64514\"\n"));
	export_files_free(&f);

	render(GOLDEN_DIR "/mix-ios.cfg", &f);
	t = export_files_find(&f, "edge2.ios.cfg")->text;
	/* A /31 peering: AWS takes the first address. */
	assert_non_null(strstr(t, " ip address 169.254.200.1 255.255.255.254\n"));
	assert_non_null(strstr(t, " neighbor 169.254.200.0 fall-over bfd\n"));
	assert_non_null(strstr(t, " set community 7224:7300\n"));
	assert_non_null(strstr(t, " neighbor 169.254.21.5 shutdown\n"));
	assert_non_null(strstr(t, " set local-preference 250\n"));
	t = export_files_find(&f, "edge3.ios.cfg")->text;
	assert_non_null(strstr(t, "ip route 172.16.0.0 255.255.0.0 Tunnel1 "
	    "track 100\n"));
	assert_non_null(strstr(t, "track 200 ip sla 200 reachability\n"));
	assert_non_null(strstr(t, "route-map static-from-aws permit 10\n"));
	t = export_files_find(&f, "aws.tf")->text;
	assert_non_null(strstr(t, "resource \"aws_vpn_connection_route\" "
	    "\"static3_1\""));
	assert_non_null(strstr(t, "static_routes_only  = true\n"));
	export_files_free(&f);
}

/* What a vendor cannot express stops the export, with the reason. */
static void
test_vendor_limits(void **state)
{
	struct design *d = support_load_file("samples/vpn-active-active.cfg");
	struct secrets *s = golden_secrets(d);
	struct export_files f = { NULL, 0, 0 };
	struct error err = ERROR_INIT;
	char *msg;

	(void)state;
	/* JunOS pairs aes256-gcm16 with PRF SHA2-384 only. */
	d->devices[0].vendor = VENDOR_JUNOS;
	assert_int_equal(export_render(d, s, EXPORT_SET_OUT, &f, &err), -1);
	msg = error_string(&err);
	assert_non_null(strstr(msg, "vpn1: no phase 1 proposal JunOS can use"));
	free(msg);
	error_clear(&err);
	export_files_free(&f);
	d->conns[0].ike.phase1.integrity[1] = IKE_SHA2_384;
	d->conns[0].ike.phase1.nintegrity = 2;
	assert_int_equal(export_render(d, s, EXPORT_SET_OUT, &f, &err), 0);
	export_files_free(&f);

	/* IOS has no DH group 17 or 18. */
	d->devices[0].vendor = VENDOR_CISCO_IOS;
	d->conns[0].ike.phase1.dh[0] = 17;
	d->conns[0].ike.phase1.dh[1] = 18;
	assert_int_equal(export_render(d, s, EXPORT_SET_OUT, &f, &err), -1);
	msg = error_string(&err);
	assert_non_null(strstr(msg, "none of the phase 1 DH groups is one IOS "
	    "supports"));
	free(msg);
	error_clear(&err);
	export_files_free(&f);
	secrets_free(&s);
	design_free(&d);
}

static void
test_deterministic(void **state)
{
	(void)state;
	for (size_t i = 0; i < NDESIGNS; i++) {
		struct export_files a, b, la, lb;
		struct design *d = support_load_file(designs[i]);
		struct secrets *s = golden_secrets(d);
		struct error err = ERROR_INIT;

		render(designs[i], &a);
		render(designs[i], &b);
		assert_int_equal(a.n, b.n);
		for (size_t k = 0; k < a.n; k++) {
			assert_string_equal(a.v[k].name, b.v[k].name);
			assert_string_equal(a.v[k].text, b.v[k].text);
		}
		memset(&la, 0, sizeof la);
		memset(&lb, 0, sizeof lb);
		assert_int_equal(export_render(d, s, EXPORT_SET_LAB, &la, &err), 0);
		assert_int_equal(export_render(d, s, EXPORT_SET_LAB, &lb, &err), 0);
		assert_int_equal(la.n, lb.n);
		for (size_t k = 0; k < la.n; k++)
			assert_string_equal(la.v[k].text, lb.v[k].text);
		export_files_free(&a);
		export_files_free(&b);
		export_files_free(&la);
		export_files_free(&lb);
		secrets_free(&s);
		design_free(&d);
	}
}

/* ---- writing into folders ---------------------------------------------- */

static char tmpdir[] = "/tmp/hatopo-test-export.XXXXXX";

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int
setup_tmp(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/hatopo-test-export.XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown_tmp(void **state)
{
	(void)state;
	umask(022);
	return nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* A copy of a sample in the temporary folder: its secrets go there. */
static char *
copy_design(const char *sample)
{
	char *path = xasprintf("%s/design.cfg", tmpdir);
	char *text = slurp(sample);

	assert_non_null(text);
	spit(path, text);
	free(text);
	return path;
}

static int
run_export(const char *design, const char *out, const char *lab, bool force,
    char **msg)
{
	struct export_opts o = { design, out, lab, force };
	struct export_report rep;
	struct error err = ERROR_INIT;
	int rc = export_run(&o, &rep, &err);

	if (msg != NULL)
		*msg = error_string(&err);
	error_clear(&err);
	export_report_free(&rep);
	return rc;
}

static mode_t
mode_of(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		fail_msg("%s: %s", path, strerror(errno));
	return st.st_mode & 07777;
}

/* With umask 000, the keys' files are still 0600, from the first byte
 * (mkostemp, never widened), and the rest 0644. */
static void
test_modes(void **state)
{
	char *design = copy_design("samples/vpn-active-active.cfg");
	char *out = xasprintf("%s/out", tmpdir);
	char *lab = xasprintf("%s/lab", tmpdir);
	static const char *const secret[] = { "cgw1.ios.cfg",
	    "cgw2.swanctl.conf", "secrets.auto.tfvars", NULL };
	static const char *const open_[] = { "cgw2.frr.conf", "aws.tf",
	    "failover.md", "failover.csv", "findings.md", "availability.md",
	    "topology.dot", NULL };
	char *spath;

	(void)state;
	umask(0);
	ncreated = 0;
	assert_int_equal(run_export(design, out, lab, false, NULL), 0);
	for (const char *const *p = secret; *p; p++) {
		char *path = xasprintf("%s/%s", out, *p);
		bool seen = false;

		assert_int_equal(mode_of(path), 0600);
		for (int i = 0; i < ncreated; i++) {
			char *tmpl = xasprintf("/.%s.", *p);

			if (strstr(created[i].path, tmpl) != NULL) {
				seen = true;
				assert_int_equal(created[i].at_creation, 0600);
				assert_int_equal(created[i].chmods, 0);
			}
			free(tmpl);
		}
		assert_true(seen);
		free(path);
	}
	for (const char *const *p = open_; *p; p++) {
		char *path = xasprintf("%s/%s", out, *p);

		assert_int_equal(mode_of(path), 0644);
		free(path);
	}
	spath = xasprintf("%s.secrets", design);
	assert_int_equal(mode_of(spath), 0600);
	free(spath);
	spath = xasprintf("%s/aws.lab.swanctl.conf", lab);
	assert_int_equal(mode_of(spath), 0600);
	free(spath);
	free(design);
	free(out);
	free(lab);
}

/* No key in any file but the ones that must hold them. */
static void
test_no_secret_elsewhere(void **state)
{
	static const char *const samples[] = { "samples/vpn-active-active.cfg",
	    "samples/multi-dc.cfg", "samples/dx-active-active.cfg" };
	static const char *const clean[] = { "failover.md", "failover.csv",
	    "findings.md", "availability.md", "topology.dot", "aws.tf",
	    EXPORT_MANIFEST, NULL };

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		char *design = copy_design(samples[i]);
		char *out = xasprintf("%s/out%zu", tmpdir, i);
		struct secrets *s = NULL;
		struct error err = ERROR_INIT;
		char *spath = xasprintf("%s.secrets", design);

		assert_int_equal(run_export(design, out, NULL, false, NULL), 0);
		assert_int_equal(secrets_load(spath, &s, &err), 0);
		assert_true(s->npsks + s->nmd5s > 0);
		for (const char *const *p = clean; *p; p++) {
			char *path = xasprintf("%s/%s", out, *p);
			char *text = slurp(path);

			assert_non_null(text);
			for (size_t k = 0; k < s->npsks; k++)
				if (strstr(text, s->psks[k].psk) != NULL)
					fail_msg("%s holds a pre-shared key", path);
			for (size_t k = 0; k < s->nmd5s; k++)
				if (strstr(text, s->md5s[k].key) != NULL)
					fail_msg("%s holds an MD5 key", path);
			free(text);
			free(path);
		}
		secrets_free(&s);
		remove(spath);
		free(spath);
		free(design);
		free(out);
	}
}

/* The same design exported twice gives the same files: the keys are
 * reused from DESIGN.secrets. */
static void
test_export_twice_identical(void **state)
{
	char *design = copy_design("samples/multi-dc.cfg");
	char *a = xasprintf("%s/a", tmpdir), *b = xasprintf("%s/b", tmpdir);
	static const char *const names[] = { "cgw1.ios.cfg", "cd2.junos.set",
	    "aws.tf", "secrets.auto.tfvars", "failover.md", "failover.csv",
	    "findings.md", "availability.md", "topology.dot", EXPORT_MANIFEST,
	    NULL };

	(void)state;
	assert_int_equal(run_export(design, a, NULL, false, NULL), 0);
	assert_int_equal(run_export(design, b, NULL, false, NULL), 0);
	for (const char *const *p = names; *p; p++) {
		char *pa = xasprintf("%s/%s", a, *p), *pb = xasprintf("%s/%s", b, *p);
		char *ta = slurp(pa), *tb = slurp(pb);

		assert_non_null(ta);
		assert_non_null(tb);
		assert_string_equal(ta, tb);
		free(ta);
		free(tb);
		free(pa);
		free(pb);
	}
	free(design);
	free(a);
	free(b);
}

/* A file hatopo did not write is never replaced without --force, and
 * nothing at all is written then, not even the secrets file. */
static void
test_foreign_file(void **state)
{
	char *design = copy_design("samples/vpn-active-active.cfg");
	char *out = xasprintf("%s/out", tmpdir);
	char *tf = xasprintf("%s/aws.tf", out);
	char *ios = xasprintf("%s/cgw1.ios.cfg", out);
	char *spath = xasprintf("%s.secrets", design);
	char *msg, *text;

	(void)state;
	assert_int_equal(mkdir(out, 0755), 0);
	spit(tf, "# my own terraform\n");
	assert_int_equal(run_export(design, out, NULL, false, &msg), -1);
	assert_non_null(strstr(msg, "aws.tf: exists and hatopo did not write it"));
	free(msg);
	text = slurp(tf);
	assert_string_equal(text, "# my own terraform\n");
	free(text);
	assert_int_not_equal(access(ios, F_OK), 0);
	assert_int_not_equal(access(spath, F_OK), 0);

	assert_int_equal(run_export(design, out, NULL, true, NULL), 0);
	text = slurp(tf);
	assert_non_null(strstr(text, "Written by hatopo export: aws.tf"));
	free(text);
	free(design);
	free(out);
	free(tf);
	free(ios);
	free(spath);
}

/* hatopo replaces its own files, but not one changed since, nor a
 * manifest it did not write. */
static void
test_reexport_own_files(void **state)
{
	char *design = copy_design("samples/dx-active-active.cfg");
	char *out = xasprintf("%s/out", tmpdir);
	char *dot = xasprintf("%s/topology.dot", out);
	char *man = xasprintf("%s/%s", out, EXPORT_MANIFEST);
	char *msg, *before, *after;

	(void)state;
	assert_int_equal(run_export(design, out, NULL, false, NULL), 0);
	before = slurp(dot);
	assert_int_equal(run_export(design, out, NULL, false, NULL), 0);
	after = slurp(dot);
	assert_string_equal(before, after);
	free(after);

	/* An engineer's edit is kept until --force. */
	spit(dot, "graph edited {}\n");
	assert_int_equal(run_export(design, out, NULL, false, &msg), -1);
	assert_non_null(strstr(msg, "topology.dot: exists and hatopo did not "
	    "write it (or it changed since)"));
	free(msg);
	assert_int_equal(run_export(design, out, NULL, true, NULL), 0);
	after = slurp(dot);
	assert_string_equal(before, after);
	free(after);

	/* A manifest hatopo did not write vouches for nothing. */
	spit(man, "cgw1.ios.cfg\n");
	assert_int_equal(run_export(design, out, NULL, false, &msg), -1);
	assert_non_null(strstr(msg, "is not a manifest hatopo wrote"));
	free(msg);
	free(before);
	free(design);
	free(out);
	free(dot);
	free(man);
}

/* A secrets file others may read is refused, and nothing is written. */
static void
test_open_secrets_refused(void **state)
{
	char *design = copy_design("samples/vpn-active-active.cfg");
	char *out = xasprintf("%s/out", tmpdir);
	char *spath = xasprintf("%s.secrets", design);
	char *msg;

	(void)state;
	assert_int_equal(run_export(design, out, NULL, false, NULL), 0);
	assert_int_equal(chmod(spath, 0644), 0);
	assert_int_equal(run_export(design, out, NULL, true, &msg), -1);
	assert_non_null(strstr(msg, spath));
	free(msg);
	free(design);
	free(out);
	free(spath);
}

static int
cli(char *out, size_t outlen, char *err, size_t errlen, int argc, ...)
{
	char *argv[16];
	va_list ap;
	FILE *o = fmemopen(out, outlen, "w"), *e = fmemopen(err, errlen, "w");
	int rc;

	va_start(ap, argc);
	for (int i = 0; i < argc && i < 15; i++)
		argv[i] = va_arg(ap, char *);
	va_end(ap);
	argv[argc] = NULL;
	memset(out, 0, outlen);
	memset(err, 0, errlen);
	rc = cmd_export(argc, argv, o, e);
	fclose(o);
	fclose(e);
	return rc;
}

/* hatopo export on the command line: usage, what it reports. */
static void
test_cli(void **state)
{
	char *design = copy_design("samples/multi-dc.cfg");
	char *out = xasprintf("%s/out", tmpdir), *lab = xasprintf("%s/lab",
	    tmpdir);
	char *labopt = xasprintf("--lab=%s", lab);
	char o[8192], e[4096];

	(void)state;
	assert_int_equal(cli(o, sizeof o, e, sizeof e, 1, "export"),
	    CLI_EXIT_UNUSABLE);
	assert_non_null(strstr(e, "usage: hatopo export DESIGN --out DIR"));
	assert_string_equal(o, "");
	assert_int_equal(cli(o, sizeof o, e, sizeof e, 2, "export", design),
	    CLI_EXIT_UNUSABLE);
	assert_int_equal(cli(o, sizeof o, e, sizeof e, 5, "export", design,
	    "--out", out, "--bogus"), CLI_EXIT_UNUSABLE);
	assert_non_null(strstr(e, "unexpected argument --bogus"));
	assert_int_equal(cli(o, sizeof o, e, sizeof e, 3, "export",
	    "/nonexistent/x.cfg", "--out=/nonexistent/out"), CLI_EXIT_UNUSABLE);
	assert_non_null(strstr(e, "nothing written"));

	assert_int_equal(cli(o, sizeof o, e, sizeof e, 5, "export", design,
	    "--out", out, labopt), CLI_EXIT_OK);
	assert_non_null(strstr(o, "/out/cgw1.ios.cfg\n"));
	assert_non_null(strstr(o, "/lab/lab.map\n"));
	assert_non_null(strstr(o, "created "));
	assert_non_null(strstr(o, "with 3 keys"));
	assert_string_equal(e, "");
	/* Again: the same keys, nothing created. */
	assert_int_equal(cli(o, sizeof o, e, sizeof e, 6, "export", design,
	    "--out", out, "--lab", lab), CLI_EXIT_OK);
	assert_null(strstr(o, "created "));
	assert_null(strstr(o, "added "));
	free(design);
	free(out);
	free(lab);
	free(labopt);
}

/* ---- nothing a user writes becomes a statement ------------------------- */

static const char injection_design[] =
    "version = 1;\n"
    "name = \"Quote \\\" brace { } semicolon ; bang ! hash # \\\\ end\";\n"
    "vpc = { name = \"Vpc.name-32_characters_long.xxx\"; "
    "cidrs = [\"172.31.0.0/16\"]; gateway = \"vgw\"; asn = 64512; };\n"
    "datacenters = ( { name = \"D0123456789012345678901234567890\"; "
    "prefixes = [\"10.0.0.0/16\"]; description = \"%s\"; } );\n"
    "devices = ( { name = \"C.dev-name_at.the-limit-of-32ch\"; "
    "dc = \"D0123456789012345678901234567890\"; vendor = \"%s\"; "
    "asn = 65001; public_ip = \"203.0.113.10\"; description = \"%s\"; } );\n"
    "connections = (\n"
    " { name = \"V.conn-name_at.the-limit-of-32c\"; type = \"vpn\"; "
    "device = \"C.dev-name_at.the-limit-of-32ch\"; description = \"%s\"; "
    "tunnels = ( { inside = \"169.254.10.0/30\"; }, "
    "{ inside = \"169.254.10.4/30\"; } ); "
    "ike = { version = 2; phase1 = { encryption = [\"aes256-gcm16\"]; "
    "integrity = [\"sha2-384\"]; dh = [20]; }; phase2 = { "
    "encryption = [\"aes256-gcm16\"]; integrity = [\"sha2-384\"]; "
    "pfs = [20]; }; }; "
    "advertise = ( { prefix = \"10.0.0.0/16\"; } ); },\n"
    " { name = \"X.dx-name_at.the-limit-of-32chr\"; type = \"dx\"; "
    "device = \"C.dev-name_at.the-limit-of-32ch\"; "
    "location = \"L.location-name-at-the-limit-32\"; "
    "provider = \"P.provider-name-at-the-limit-32\"; gbps = 1.0; "
    "vlan = 4094; peer = \"169.254.100.0/30\"; bfd = true; "
    "advertise = ( { prefix = \"10.0.0.0/16\"; local_pref = \"high\"; } ); }\n"
    ");\n";

static struct design *
injection(const char *vendor, const char *desc)
{
	char *text = xasprintf(injection_design, desc, vendor, desc, desc);
	struct error err = ERROR_INIT;
	struct design *d = NULL;

	if (design_load_string(text, "inject.cfg", &d, &err) != 0) {
		char *s = error_string(&err);

		fail_msg("the injection design does not load:\n%s", s);
	}
	free(text);
	return d;
}

static size_t
statements(const char *text, char cmt)
{
	size_t n, cnt = 0;
	char **v = lines_of(text, &n);

	for (size_t i = 0; i < n; i++)
		if (!is_comment(v[i], cmt))
			cnt++;
	free_lines(v, n);
	return cnt;
}

static char
comment_char(const char *name)
{
	if (ends_with(name, ".ios.cfg") || ends_with(name, ".frr.conf"))
		return '!';
	if (ends_with(name, ".dot"))
		return '/';
	return '#';
}

static void
test_injection(void **state)
{
	static const char *const vendors[] = { "cisco-ios", "junos", "frr" };
	static const char *const hostile =
	    "\\\" } ; end exit { x = \\\"y\\\"; } ! # quit ${var} %{x} \\\\";

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct design *plain = injection(vendors[i], "plain");
		struct design *bad = injection(vendors[i], hostile);
		struct secrets *s = golden_secrets(plain);
		struct export_files a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
		struct error err = ERROR_INIT;

		assert_int_equal(export_render(plain, s, EXPORT_SET_OUT, &a, &err),
		    0);
		assert_int_equal(export_render(bad, s, EXPORT_SET_OUT, &b, &err), 0);
		assert_int_equal(a.n, b.n);
		for (size_t k = 0; k < a.n; k++) {
			const char *name = a.v[k].name;
			char cmt = comment_char(name);
			size_t n;
			char **v;

			if (!is_golden(name))
				continue;
			/* The same statements, line for line. */
			assert_int_equal(statements(a.v[k].text, cmt),
			    statements(b.v[k].text, cmt));
			v = lines_of(b.v[k].text, &n);
			for (size_t l = 0; l < n; l++)
				if (!is_comment(v[l], cmt) &&
				    strcmp(name, "topology.dot") != 0 &&
				    strstr(v[l], "quit") != NULL)
					fail_msg("%s: a description reached a statement: %s",
					    name, v[l]);
			free_lines(v, n);
			problems_reset();
			if (ends_with(name, ".ios.cfg"))
				check_ios(name, b.v[k].text);
			else if (ends_with(name, ".junos.set"))
				check_junos(name, b.v[k].text);
			assert_no_problems();
		}
		/* Long names stay within Linux's interface names. */
		if (i == 2) {
			const char *t = export_files_find(&b,
			    "C.dev-name_at.the-limit-of-32ch.frr.conf")->text;

			assert_non_null(strstr(t, "interface vti1\n"));
			assert_non_null(strstr(t, "interface eth1.4094\n"));
			t = export_files_find(&b,
			    "C.dev-name_at.the-limit-of-32ch.swanctl.conf")->text;
			assert_non_null(strstr(t, "\tV_conn-name_at_the-limit-of-32c-1 "
			    "{\n"));
		}
		/* The design's title is escaped in the graph's label. */
		assert_non_null(strstr(export_files_find(&b, "topology.dot")->text,
		    "label=\"Quote \\\" brace { } semicolon ; bang ! hash # \\\\ "
		    "end\""));
		export_files_free(&a);
		export_files_free(&b);
		secrets_free(&s);
		design_free(&plain);
		design_free(&bad);
	}
}

/* Terraform's identifiers: '.' and '-' become '_'; two names that meet
 * there are refused rather than merged. */
static void
test_terraform_names(void **state)
{
	struct design *d = support_load_file("samples/vpn-active-active.cfg");
	struct secrets *s = golden_secrets(d);
	struct export_files f = { NULL, 0, 0 };
	struct error err = ERROR_INIT;
	char *msg;

	(void)state;
	snprintf(d->conns[0].name, sizeof d->conns[0].name, "vpn.a");
	snprintf(d->conns[1].name, sizeof d->conns[1].name, "vpn-a");
	secrets_set_psk(s, "vpn.a", 1, "GoldenPskAAAAAAA1");
	secrets_set_psk(s, "vpn.a", 2, "GoldenPskAAAAAAA2");
	secrets_set_psk(s, "vpn-a", 1, "GoldenPskBBBBBBB1");
	secrets_set_psk(s, "vpn-a", 2, "GoldenPskBBBBBBB2");
	assert_int_equal(export_render(d, s, EXPORT_SET_OUT, &f, &err), -1);
	msg = error_string(&err);
	assert_non_null(strstr(msg, "connections vpn.a and vpn-a give the same "
	    "Terraform name vpn_a"));
	free(msg);
	error_clear(&err);
	export_files_free(&f);
	secrets_free(&s);
	design_free(&d);
}

/* The lab's map: every scenario of the matrix with what it fails. */
static void
test_lab_map(void **state)
{
	struct design *d = support_load_file("samples/multi-dc.cfg");
	struct secrets *s = golden_secrets(d);
	struct export_files f = { NULL, 0, 0 };
	struct error err = ERROR_INIT;
	const char *m;

	(void)state;
	assert_int_equal(export_render(d, s, EXPORT_SET_LAB, &f, &err), 0);
	m = export_files_find(&f, "lab.map")->text;
	assert_non_null(strstr(m, "\nlink 3 dx cd2 dx1 0 169.254.100.1 "
	    "169.254.100.2 30 bgp 1\n"));
	assert_non_null(strstr(m, "\ndest 1 10.0.0.0/16 dc1 10.0.0.0/15\n"));
	assert_non_null(strstr(m, "\nscenario 4 connection:dx1\nfail 4 link 3\n"
	    "expect 4 1 overloaded single vpn1\n"));
	assert_non_null(strstr(m, "\nscenario 7 datacenter:dc1\nfail 7 device "
	    "cgw1\nexpect 7 1 origin-down none -\n"));
	assert_non_null(export_files_find(&f, "cgw1.lab.frr.conf"));
	assert_non_null(export_files_find(&f, "cd2.lab.frr.conf"));
	assert_non_null(strstr(export_files_find(&f, "aws.lab.frr.conf")->text,
	    "route-map aws-in-dx permit 10\n match community aws-lp-high\n set "
	    "local-preference 330\n"));
	export_files_free(&f);
	secrets_free(&s);
	design_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden),
		cmocka_unit_test(test_file_set),
		cmocka_unit_test(test_structure),
		cmocka_unit_test(test_structure_checks_bite),
		cmocka_unit_test(test_vendor_content),
		cmocka_unit_test(test_vendor_limits),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test_setup_teardown(test_modes, setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_no_secret_elsewhere, setup_tmp,
		    teardown_tmp),
		cmocka_unit_test_setup_teardown(test_export_twice_identical,
		    setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_foreign_file, setup_tmp,
		    teardown_tmp),
		cmocka_unit_test_setup_teardown(test_reexport_own_files, setup_tmp,
		    teardown_tmp),
		cmocka_unit_test_setup_teardown(test_open_secrets_refused,
		    setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_cli, setup_tmp, teardown_tmp),
		cmocka_unit_test(test_injection),
		cmocka_unit_test(test_terraform_names),
		cmocka_unit_test(test_lab_map),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
