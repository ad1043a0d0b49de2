/* The kinds of bad input that are not one broken field: truncated files,
 * binary garbage, huge numbers, a directory where the design should be and
 * a file that cannot be read.  Each runs through the real binary ($HATOPO,
 * as tests/run.sh sets it) under a time limit, and must exit with the
 * expected code and message, never crash, never hang, never change the
 * file.
 *
 * The messages of the fixtures in tests/fixtures/bad are also checked in
 * process by tests/test_design.c; here it is the exit code and what the
 * user sees. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <grp.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "model/design.h"
#include "model/xalloc.h"

#define BAD_DIR "tests/fixtures/bad"
#define LIMIT_SECONDS 10
#define NOBODY 65534

/* The new kinds in tests/fixtures/bad, each with its .expect file. */
static const char *const kinds[] = {
	"truncated-mid-string", "truncated-mid-list", "truncated-first-lines",
	"binary-garbage", "binary-high-bytes", "binary-elf-header",
	"huge-asn-int64max", "huge-negative", "huge-gbps-inf",
	"huge-gbps-dbl-max", "huge-wan-gbps", "huge-vlan", "huge-version",
	"huge-asn-64bit", "huge-digits",
};

struct run {
	int status;             /* exit code, or 128 + signal, or -1 (hung) */
	char *out, *err;
};

static const char *
hatopo(void)
{
	const char *h = getenv("HATOPO");

	return h && *h ? h : "build/hatopo";
}

static char *
slurp_fd(int fd)
{
	size_t len = 0, cap = 0;
	char *s = NULL;
	ssize_t n;

	do {
		s = xgrow(s, &cap, len + 4097, 1);
		n = read(fd, s + len, 4096);
		if (n > 0)
			len += (size_t)n;
	} while (n > 0 || (n < 0 && errno == EINTR));
	s[len] = '\0';
	return s;
}

static char *
slurp(const char *path, size_t *lenp)
{
	int fd = open(path, O_RDONLY);
	size_t len = 0, cap = 0;
	char *s = NULL;
	ssize_t n;

	if (fd < 0)
		return NULL;
	do {
		s = xgrow(s, &cap, len + 4097, 1);
		n = read(fd, s + len, 4096);
		if (n > 0)
			len += (size_t)n;
	} while (n > 0);
	close(fd);
	s[len] = '\0';
	if (lenp)
		*lenp = len;
	return s;
}

/* In a child: become uid (nobody) for good; false when that fails. */
static int
drop_to(int uid)
{
	if (uid < 0)
		return 1;
	if (setgroups(0, NULL) != 0 || setgid((gid_t)uid) != 0 ||
	    setuid((uid_t)uid) != 0)
		return 0;
	return getuid() == (uid_t)uid && geteuid() == (uid_t)uid;
}

/* Run hatopo with args (as uid when uid >= 0), stdout and stderr to
 * temporary files, killed after LIMIT_SECONDS. */
static struct run
run_as(int uid, const char *a1, const char *a2, const char *a3)
{
	char outp[] = "/tmp/hatopo-bad-out.XXXXXX";
	char errp[] = "/tmp/hatopo-bad-err.XXXXXX";
	int ofd = mkstemp(outp), efd = mkstemp(errp), st;
	struct run r = { -1, NULL, NULL };
	struct timespec t0, now;
	pid_t pid, w;

	assert_true(ofd >= 0 && efd >= 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		const char *argv[] = { hatopo(), a1, a2, a3, NULL };

		dup2(ofd, 1);
		dup2(efd, 2);
		if (!drop_to(uid))
			_exit(97);
		execv(argv[0], (char *const *)argv);
		_exit(98);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		w = waitpid(pid, &st, WNOHANG);
		if (w == pid)
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - t0.tv_sec >= LIMIT_SECONDS) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			st = -1;
			break;
		}
		usleep(10000);
	}
	if (st == -1)
		r.status = -1;
	else if (WIFEXITED(st))
		r.status = WEXITSTATUS(st);
	else
		r.status = 128 + WTERMSIG(st);
	lseek(ofd, 0, SEEK_SET);
	lseek(efd, 0, SEEK_SET);
	r.out = slurp_fd(ofd);
	r.err = slurp_fd(efd);
	close(ofd);
	close(efd);
	unlink(outp);
	unlink(errp);
	return r;
}

static void
run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

/* .expect text with FILE replaced by path. */
static char *
expect_for(const char *name, const char *path)
{
	char *ep = xasprintf("%s/%s.expect", BAD_DIR, name);
	char *want = slurp(ep, NULL), *p;
	struct strbuf_like { char *s; size_t len, cap; } b = { NULL, 0, 0 };

	assert_non_null(want);
	for (p = want; *p; ) {
		if (strncmp(p, "FILE", 4) == 0 && (p == want || p[-1] == '\n')) {
			size_t n = strlen(path);

			b.s = xgrow(b.s, &b.cap, b.len + n + 1, 1);
			memcpy(b.s + b.len, path, n);
			b.len += n;
			p += 4;
		} else {
			b.s = xgrow(b.s, &b.cap, b.len + 2, 1);
			b.s[b.len++] = *p++;
		}
	}
	b.s = xgrow(b.s, &b.cap, b.len + 1, 1);
	b.s[b.len] = '\0';
	free(want);
	free(ep);
	return b.s;
}

static int
same_file(const char *path, const char *before, size_t len,
    const struct stat *st0)
{
	struct stat st;
	size_t len2;
	char *after = slurp(path, &len2);
	int same;

	if (after == NULL || stat(path, &st) != 0) {
		free(after);
		return 0;
	}
	same = len == len2 && memcmp(before, after, len) == 0 &&
	    st.st_mtim.tv_sec == st0->st_mtim.tv_sec &&
	    st.st_mtim.tv_nsec == st0->st_mtim.tv_nsec &&
	    st.st_mode == st0->st_mode;
	free(after);
	return same;
}

/* Every new kind: validate, check and matrix exit 2 with the fixture's
 * messages, within the time limit, and leave the file as it was. */
static void
test_new_kinds_exit_2_with_message(void **state)
{
	static const char *const cmds[] = { "validate", "check", "matrix" };
	int bad = 0;

	(void)state;
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		char *path = xasprintf("%s/%s.cfg", BAD_DIR, kinds[i]);
		char *want = expect_for(kinds[i], path), *before;
		struct stat st0;
		size_t len;

		assert_int_equal(stat(path, &st0), 0);
		before = slurp(path, &len);
		assert_non_null(before);
		for (size_t c = 0; c < 3; c++) {
			struct run r = run_as(-1, cmds[c], path, NULL);

			if (r.status != 2) {
				fprintf(stderr, "%s %s: exit %d, want 2%s\n%s",
				    cmds[c], path, r.status, r.status == -1 ?
				    " (hung: killed)" : r.status > 128 ?
				    " (crashed)" : "", r.err);
				bad++;
			}
			if (strncmp(r.err, want, strlen(want)) != 0) {
				fprintf(stderr, "%s %s: messages differ\n--- want\n"
				    "%s--- got\n%s", cmds[c], path, want, r.err);
				bad++;
			}
			if (r.out[0] != '\0') {
				fprintf(stderr, "%s %s: wrote to stdout:\n%s", cmds[c],
				    path, r.out);
				bad++;
			}
			if (!same_file(path, before, len, &st0)) {
				fprintf(stderr, "%s %s: the file changed\n", cmds[c],
				    path);
				bad++;
			}
			run_free(&r);
		}
		free(before);
		free(want);
		free(path);
	}
	if (bad)
		fail_msg("%d problems with the new bad-input kinds (see above)",
		    bad);
}

/* The binary and truncated fixtures still have the bytes they exist for. */
static void
test_new_kinds_bytes(void **state)
{
	size_t len;
	char *s;

	(void)state;
	s = slurp(BAD_DIR "/binary-garbage.cfg", &len);
	assert_non_null(s);
	assert_true(len > 2000);
	assert_non_null(memchr(s, '\0', len));
	free(s);
	s = slurp(BAD_DIR "/binary-high-bytes.cfg", &len);
	assert_non_null(s);
	assert_null(memchr(s, '\0', len));
	assert_true((unsigned char)s[len - 1] >= 128);
	free(s);
	s = slurp(BAD_DIR "/truncated-mid-string.cfg", &len);
	assert_non_null(s);
	assert_true(len > 0 && s[len - 1] != '\n');
	free(s);
	s = slurp(BAD_DIR "/truncated-first-lines.cfg", &len);
	assert_non_null(s);
	assert_true(len > 0 && s[len - 1] != '\n');
	free(s);
}

static char *
make_tmpdir(void)
{
	char *dir = xstrdup("/tmp/hatopo-bad-XXXXXX");

	assert_non_null(mkdtemp(dir));
	assert_int_equal(chmod(dir, 0755), 0);
	return dir;
}

/* A directory named like the design: every command says so, exit 2, and
 * the directory is left alone (still a directory, still empty). */
static void
test_directory_instead_of_file(void **state)
{
	static const char *const cmds[] = { "validate", "check", "matrix" };
	char *dir = make_tmpdir(), *path = xasprintf("%s/design.cfg", dir);
	char *want = xasprintf("%s: is a directory, not a file\n", path);
	struct error e = ERROR_INIT;
	struct design *d = NULL;
	struct stat st;

	(void)state;
	assert_int_equal(mkdir(path, 0755), 0);
	for (size_t c = 0; c < 3; c++) {
		struct run r = run_as(-1, cmds[c], path, NULL);

		if (r.status != 2 || strncmp(r.err, want, strlen(want)) != 0)
			fail_msg("%s on a directory: exit %d, stderr:\n%s",
			    cmds[c], r.status, r.err);
		run_free(&r);
	}
	assert_int_not_equal(design_load(path, &d, &e), 0);
	assert_null(d);
	assert_true(e.count > 0);
	error_clear(&e);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(rmdir(path), 0);       /* still empty */
	rmdir(dir);
	free(want);
	free(path);
	free(dir);
}

/* A design the user may not read: as root, the child drops to nobody
 * (65534) first, since root reads any file.  Both the binary and the
 * loader in process refuse it with "Permission denied"; the file is left
 * as it was. */
static void
test_no_read_permission(void **state)
{
	char *dir = make_tmpdir(), *path = xasprintf("%s/design.cfg", dir);
	char *want = xasprintf("%s: cannot open: Permission denied\n", path);
	int uid = getuid() == 0 ? NOBODY : -1;
	char *text = slurp("samples/multi-dc.cfg", NULL);
	struct run r;
	struct stat st0;
	size_t len = strlen(text);
	int fd, st;
	pid_t pid;

	(void)state;
	assert_non_null(text);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	close(fd);
	assert_int_equal(chmod(path, 0), 0);
	assert_int_equal(stat(path, &st0), 0);

	/* Can this process (or nobody) read it anyway?  Then there is
	 * nothing to test here. */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int refused;

		if (!drop_to(uid))
			_exit(3);
		refused = open(path, O_RDONLY) < 0 && errno == EACCES;
		/* Children free what they inherited: valgrind checks them. */
		free(text);
		free(want);
		free(path);
		free(dir);
		_exit(refused ? 0 : 4);
	}
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		chmod(path, 0600);
		unlink(path);
		rmdir(dir);
		free(text);
		free(want);
		free(path);
		free(dir);
		skip();         /* cmocka prints [  SKIPPED ] with the name */
	}

	r = run_as(uid, "validate", path, NULL);
	if (r.status != 2 || strncmp(r.err, want, strlen(want)) != 0)
		fail_msg("validate of an unreadable file: exit %d, stderr:\n%s",
		    r.status, r.err);
	run_free(&r);
	r = run_as(uid, "check", path, NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "Permission denied"));
	run_free(&r);

	/* The loader in process, as nobody. */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct error e = ERROR_INIT;
		struct design *d = NULL;
		char *s;
		int ok;

		if (!drop_to(uid))
			_exit(3);
		if (design_load(path, &d, &e) == 0 || d != NULL)
			_exit(5);       /* (a leak then is the least problem) */
		s = error_string(&e);
		ok = strstr(s, "Permission denied") != NULL &&
		    strstr(s, path) != NULL;
		free(s);
		error_clear(&e);
		free(text);
		free(want);
		free(path);
		free(dir);
		_exit(ok ? 0 : 6);
	}
	waitpid(pid, &st, 0);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);

	assert_int_equal(chmod(path, 0600), 0);
	{
		struct stat st1;
		size_t len2;
		char *after = slurp(path, &len2);

		assert_non_null(after);
		assert_int_equal(len2, len);
		assert_memory_equal(after, text, len);
		assert_int_equal(stat(path, &st1), 0);
		assert_int_equal(st1.st_mtim.tv_sec, st0.st_mtim.tv_sec);
		assert_int_equal(st1.st_mtim.tv_nsec, st0.st_mtim.tv_nsec);
		free(after);
	}
	unlink(path);
	rmdir(dir);
	free(text);
	free(want);
	free(path);
	free(dir);
}

/* Huge values are refused with the value the file holds: numbers beyond
 * 32 bits must not wrap into range (vlan 2^32+101 once loaded as 101,
 * version 2^32+1 as 1), and numbers beyond 64 bits must not be reported
 * as -1, a value the file does not hold. */
static void
test_huge_values_named_as_written(void **state)
{
	static const struct { const char *name, *digits; } huge[] = {
		{ "huge-vlan", "4294967397" },
		{ "huge-version", "4294967297" },
		{ "huge-asn-64bit", "99999999999999999999999" },
		{ "huge-digits", "99999999999999999999999999999999" },
	};
	int bad = 0;

	(void)state;
	for (size_t i = 0; i < sizeof huge / sizeof *huge; i++) {
		char *path = xasprintf("%s/%s.cfg", BAD_DIR, huge[i].name);
		struct run r = run_as(-1, "validate", path, NULL);

		if (r.status != 2) {
			fprintf(stderr, "%s: exit %d, want 2 (the huge value "
			    "was accepted)\n%s", path, r.status, r.out);
			bad++;
		} else if (strstr(r.err, ": -1 ") != NULL ||
		    strstr(r.err, huge[i].digits) == NULL) {
			fprintf(stderr, "%s: the message does not name the value "
			    "the file holds:\n%s", path, r.err);
			bad++;
		}
		run_free(&r);
		free(path);
	}
	if (bad)
		fail_msg("%d huge values mishandled (see above)", bad);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_kinds_exit_2_with_message),
		cmocka_unit_test(test_new_kinds_bytes),
		cmocka_unit_test(test_directory_instead_of_file),
		cmocka_unit_test(test_no_read_permission),
		cmocka_unit_test(test_huge_values_named_as_written),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
