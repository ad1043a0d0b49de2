#include "tui/cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <langinfo.h>
#include <locale.h>

#include "model/design.h"
#include "model/engine.h"
#include "model/availability.h"
#include "model/matrix.h"
#include "model/rules.h"
#include "model/secrets.h"
#include "render/availability.h"
#include "render/findings.h"
#include "render/matrix.h"
#include "render/summary.h"
#include "tui/cmd_export.h"
#include "tui/tui.h"

static const char usage_text[] =
    "usage: hatopo [DESIGN]                 open the designer (TUI)\n"
    "       hatopo validate DESIGN          check the file against the format\n"
    "       hatopo check DESIGN [--format text|json] [--strict]\n"
    "       hatopo matrix DESIGN [--k 1|2] [--fail ID[,ID...]]\n"
    "                            [--format text|md|csv|json]\n"
    "       hatopo export DESIGN --out DIR [--lab DIR] [--force]\n"
    "       hatopo availability DESIGN [--format text|json]\n"
    "       hatopo --help | --version\n";

static const char help_text[] =
    "\n"
    "hatopo designs highly available connectivity between on-premises data\n"
    "centers and an AWS VPC: Site-to-Site VPN and Direct Connect.\n"
    "\n"
    "Exit status: 0 success; 1 check found an error-level finding;\n"
    "2 the design could not be loaded, or bad usage.\n"
    "See hatopo(1).\n";

static void
print_errors(FILE *err, const struct error *e)
{
	char *s = error_string(e);

	fputs(s, err);
	free(s);
}

static int
cmd_validate(int argc, char **argv, FILE *out, FILE *err)
{
	struct error e = ERROR_INIT;
	struct design *d = NULL;
	char *summary;

	if (argc != 2) {
		fprintf(err, "hatopo validate: expects one DESIGN file\n%s",
		    usage_text);
		return CLI_EXIT_UNUSABLE;
	}
	if (design_load(argv[1], &d, &e) != 0) {
		print_errors(err, &e);
		fprintf(err, "hatopo: %s: not valid (%zu problem%s)\n", argv[1],
		    e.count, e.count == 1 ? "" : "s");
		error_clear(&e);
		return CLI_EXIT_UNUSABLE;
	}
	summary = summary_counts(d);
	fprintf(out, "%s: valid: %s\n", argv[1], summary);
	free(summary);
	design_free(&d);
	return CLI_EXIT_OK;
}

/* Load a design for a subcommand, or report why not (exit 2). */
static struct design *
load_or_report(const char *cmd, const char *path, FILE *err)
{
	struct error e = ERROR_INIT;
	struct design *d = NULL;

	if (design_load(path, &d, &e) != 0) {
		print_errors(err, &e);
		fprintf(err, "hatopo %s: %s could not be loaded\n", cmd, path);
		error_clear(&e);
		return NULL;
	}
	return d;
}

/* Unicode arrows only where the terminal's locale can show them. */
static bool
utf8_locale(void)
{
	const char *cs;

	setlocale(LC_CTYPE, "");
	cs = nl_langinfo(CODESET);
	return cs != NULL && strcmp(cs, "UTF-8") == 0;
}

const char *
cli_opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 >= argc)
		return "";
	return argv[++*i];
}

struct matrix_out {
	struct mtable *t;
	FILE *out;
};

static int
matrix_emit(void *ctx, const struct matrix_scenario *s,
    const struct engine_result *r)
{
	struct matrix_out *mo = ctx;
	char *chunk = mtable_add(mo->t, s, r);

	if (chunk != NULL) {
		fputs(chunk, mo->out);
		free(chunk);
	}
	return ferror(mo->out) ? -1 : 0;
}

static int
cmd_matrix(int argc, char **argv, FILE *out, FILE *err)
{
	enum mtable_format fmt = MTABLE_TEXT;
	struct matrix_opts o = { 1, NULL, 0, false };
	struct matrix_counts counts;
	struct matrix_out mo;
	const char *path = NULL, *fail = NULL, *v;
	struct error e = ERROR_INIT;
	struct design *d;
	struct engine *eng;
	size_t *failed = NULL;
	char *tail;
	int rc = CLI_EXIT_OK;

	for (int i = 1; i < argc; i++) {
		if ((v = cli_opt_value(argc, argv, &i, "--format")) != NULL) {
			if (mtable_format_parse(v, &fmt) != 0) {
				fprintf(err, "hatopo matrix: --format is text, md, csv or "
				    "json, not \"%s\"\n", v);
				return CLI_EXIT_UNUSABLE;
			}
		} else if ((v = cli_opt_value(argc, argv, &i, "--k")) != NULL) {
			if (strcmp(v, "1") != 0 && strcmp(v, "2") != 0) {
				fprintf(err, "hatopo matrix: --k is 1 or 2, not \"%s\"\n",
				    v);
				return CLI_EXIT_UNUSABLE;
			}
			o.k = v[0] - '0';
		} else if ((v = cli_opt_value(argc, argv, &i, "--fail")) != NULL)
			fail = v;
		else if (argv[i][0] == '-' || path != NULL) {
			fprintf(err, "hatopo matrix: unexpected argument %s\n%s",
			    argv[i], usage_text);
			return CLI_EXIT_UNUSABLE;
		} else
			path = argv[i];
	}
	if (path == NULL) {
		fprintf(err, "hatopo matrix: expects a DESIGN file\n%s", usage_text);
		return CLI_EXIT_UNUSABLE;
	}
	if ((d = load_or_report("matrix", path, err)) == NULL)
		return CLI_EXIT_UNUSABLE;
	eng = engine_new(d);
	if (fail != NULL && engine_parse_failures(eng, fail, &failed, &o.nfail,
	    &e) != 0) {
		print_errors(err, &e);
		error_clear(&e);
		engine_free(&eng);
		design_free(&d);
		return CLI_EXIT_UNUSABLE;
	}
	o.fail = failed;
	mo.t = mtable_new(eng, fmt, o.k, fmt != MTABLE_JSON &&
	    fmt != MTABLE_CSV && utf8_locale());
	mo.out = out;
	if (matrix_run(eng, &o, matrix_emit, &mo, &counts) != 0)
		rc = CLI_EXIT_UNUSABLE;
	tail = mtable_finish(mo.t, &counts);
	fputs(tail, out);
	free(tail);
	if (fflush(out) != 0 || ferror(out)) {
		fprintf(err, "hatopo matrix: cannot write the output\n");
		rc = CLI_EXIT_UNUSABLE;
	}
	mtable_free(&mo.t);
	free(failed);
	engine_free(&eng);
	design_free(&d);
	return rc;
}

/* The design's secrets file, when there is one: its problems become an
 * HA019 finding rather than stopping the check. */
static struct secrets *
load_secrets(const char *design_path, struct error *serr)
{
	char *path = secrets_path(design_path);
	struct secrets *s = NULL;

	if (access(path, F_OK) == 0)
		secrets_load(path, &s, serr);
	free(path);
	return s;
}

static int
cmd_check(int argc, char **argv, FILE *out, FILE *err)
{
	const char *path = NULL, *v, *format = "text";
	struct error serr = ERROR_INIT;
	struct findings f;
	struct design *d;
	struct engine *eng;
	struct secrets *sec;
	bool strict = false;
	char *text;
	int rc;

	for (int i = 1; i < argc; i++) {
		if ((v = cli_opt_value(argc, argv, &i, "--format")) != NULL) {
			if (strcmp(v, "text") != 0 && strcmp(v, "json") != 0) {
				fprintf(err, "hatopo check: --format is text or json, not "
				    "\"%s\"\n", v);
				return CLI_EXIT_UNUSABLE;
			}
			format = v;
		} else if (strcmp(argv[i], "--strict") == 0)
			strict = true;
		else if (argv[i][0] == '-' || path != NULL) {
			fprintf(err, "hatopo check: unexpected argument %s\n%s",
			    argv[i], usage_text);
			return CLI_EXIT_UNUSABLE;
		} else
			path = argv[i];
	}
	if (path == NULL) {
		fprintf(err, "hatopo check: expects a DESIGN file\n%s", usage_text);
		return CLI_EXIT_UNUSABLE;
	}
	if ((d = load_or_report("check", path, err)) == NULL)
		return CLI_EXIT_UNUSABLE;
	eng = engine_new(d);
	sec = load_secrets(path, &serr);
	rule_run(d, eng, sec, &serr, &f);
	if (strcmp(format, "json") == 0)
		text = findings_json(d, &f);
	else
		text = findings_text(d, &f, isatty(fileno(out)) &&
		    getenv("NO_COLOR") == NULL);
	fputs(text, out);
	if (strcmp(format, "json") == 0)
		fputs("\n", out);
	free(text);
	rc = f.counts[0] > 0 || (strict && f.counts[1] > 0) ?
	    CLI_EXIT_FINDINGS : CLI_EXIT_OK;
	if (fflush(out) != 0 || ferror(out)) {
		fprintf(err, "hatopo check: cannot write the output\n");
		rc = CLI_EXIT_UNUSABLE;
	}
	findings_free(&f);
	secrets_free(&sec);
	error_clear(&serr);
	engine_free(&eng);
	design_free(&d);
	return rc;
}

static int
cmd_availability(int argc, char **argv, FILE *out, FILE *err)
{
	const char *path = NULL, *v, *format = "text";
	struct avail_report r;
	struct design *d;
	struct engine *eng;
	char *text;
	int rc = CLI_EXIT_OK;

	for (int i = 1; i < argc; i++) {
		if ((v = cli_opt_value(argc, argv, &i, "--format")) != NULL) {
			if (strcmp(v, "text") != 0 && strcmp(v, "json") != 0) {
				fprintf(err, "hatopo availability: --format is text or "
				    "json, not \"%s\"\n", v);
				return CLI_EXIT_UNUSABLE;
			}
			format = v;
		} else if (argv[i][0] == '-' || path != NULL) {
			fprintf(err, "hatopo availability: unexpected argument %s\n%s",
			    argv[i], usage_text);
			return CLI_EXIT_UNUSABLE;
		} else
			path = argv[i];
	}
	if (path == NULL) {
		fprintf(err, "hatopo availability: expects a DESIGN file\n%s",
		    usage_text);
		return CLI_EXIT_UNUSABLE;
	}
	if ((d = load_or_report("availability", path, err)) == NULL)
		return CLI_EXIT_UNUSABLE;
	eng = engine_new(d);
	avail_compute(eng, &r);
	text = strcmp(format, "json") == 0 ? availability_json(eng, &r) :
	    availability_text(eng, &r);
	fputs(text, out);
	if (strcmp(format, "json") == 0)
		fputs("\n", out);
	free(text);
	if (fflush(out) != 0 || ferror(out)) {
		fprintf(err, "hatopo availability: cannot write the output\n");
		rc = CLI_EXIT_UNUSABLE;
	}
	avail_report_free(&r);
	engine_free(&eng);
	design_free(&d);
	return rc;
}

/* Subcommands whose engine is not in this build: say so, never pretend. */
static int
cmd_not_built(const char *name, FILE *err)
{
	fprintf(err, "hatopo %s: not built yet in this version of hatopo\n",
	    name);
	return CLI_EXIT_UNUSABLE;
}

int
cli_run(int argc, char **argv, FILE *out, FILE *err)
{
	static const char *const later[] = { NULL };
	const char *cmd;

	if (argc < 2)
		return tui_run(NULL);
	cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "help") == 0) {
		fprintf(out, "%s%s", usage_text, help_text);
		return CLI_EXIT_OK;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
		fprintf(out, "hatopo %s\n", HATOPO_VERSION);
		return CLI_EXIT_OK;
	}
	if (strcmp(cmd, "validate") == 0)
		return cmd_validate(argc - 1, argv + 1, out, err);
	if (strcmp(cmd, "matrix") == 0)
		return cmd_matrix(argc - 1, argv + 1, out, err);
	if (strcmp(cmd, "check") == 0)
		return cmd_check(argc - 1, argv + 1, out, err);
	if (strcmp(cmd, "export") == 0)
		return cmd_export(argc - 1, argv + 1, out, err);
	if (strcmp(cmd, "availability") == 0)
		return cmd_availability(argc - 1, argv + 1, out, err);
	for (const char *const *l = later; *l; l++)
		if (strcmp(cmd, *l) == 0)
			return cmd_not_built(cmd, err);
	if (cmd[0] == '-' && strcmp(cmd, "-") != 0) {
		fprintf(err, "hatopo: unknown option %s\n%s", cmd, usage_text);
		return CLI_EXIT_UNUSABLE;
	}
	if (argc > 2) {
		fprintf(err, "hatopo: unknown command %s\n%s", cmd, usage_text);
		return CLI_EXIT_UNUSABLE;
	}
	return tui_run(cmd);
}
