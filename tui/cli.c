#include "tui/cli.h"

#include <stdlib.h>
#include <string.h>

#include "model/design.h"
#include "render/summary.h"
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
	static const char *const later[] = { "check", "matrix", "export",
		"availability", NULL };
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
