#include "tui/cmd_export.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "tui/cli.h"

static const char export_usage[] =
    "usage: hatopo export DESIGN --out DIR [--lab DIR] [--force]\n"
    "  --out DIR   router configs, aws.tf, secrets.auto.tfvars and the\n"
    "              review files (failover.md, failover.csv, findings.md,\n"
    "              availability.md, topology.dot)\n"
    "  --lab DIR   also the files of the FRR/strongSwan lab (tests/lab)\n"
    "  --force     replace files that hatopo did not write\n"
    "Keys are kept in DESIGN.secrets (mode 0600, created when missing).\n";

int
cmd_export(int argc, char **argv, FILE *out, FILE *err)
{
	struct export_opts o = { NULL, NULL, NULL, false };
	struct export_report rep;
	struct error e = ERROR_INIT;
	const char *v;
	int rc = CLI_EXIT_OK;

	for (int i = 1; i < argc; i++) {
		if ((v = cli_opt_value(argc, argv, &i, "--out")) != NULL)
			o.out_dir = v;
		else if ((v = cli_opt_value(argc, argv, &i, "--lab")) != NULL)
			o.lab_dir = v;
		else if (strcmp(argv[i], "--force") == 0)
			o.force = true;
		else if (argv[i][0] == '-' || o.design_path != NULL) {
			fprintf(err, "hatopo export: unexpected argument %s\n%s",
			    argv[i], export_usage);
			return CLI_EXIT_UNUSABLE;
		} else
			o.design_path = argv[i];
	}
	if (o.design_path == NULL || o.out_dir == NULL || o.out_dir[0] == '\0' ||
	    (o.lab_dir != NULL && o.lab_dir[0] == '\0')) {
		fprintf(err, "hatopo export: expects a DESIGN file and --out DIR\n%s",
		    export_usage);
		return CLI_EXIT_UNUSABLE;
	}
	if (export_run(&o, &rep, &e) != 0) {
		char *s = error_string(&e);

		fputs(s, err);
		free(s);
		fprintf(err, "hatopo export: nothing %s\n", rep.nwritten ?
		    "more written" : "written");
		error_clear(&e);
		rc = CLI_EXIT_UNUSABLE;
	}
	for (size_t i = 0; i < rep.nwritten; i++)
		fprintf(out, "wrote %s\n", rep.written[i]);
	if (rc == CLI_EXIT_OK && rep.secrets_created)
		fprintf(out, "created %s (mode 0600) with %d keys: keep it, never "
		    "commit it\n", rep.secrets_path, rep.secrets_added);
	else if (rc == CLI_EXIT_OK && rep.secrets_added > 0)
		fprintf(out, "added %d keys to %s\n", rep.secrets_added,
		    rep.secrets_path);
	if (fflush(out) != 0 || ferror(out)) {
		fprintf(err, "hatopo export: cannot write the output\n");
		rc = CLI_EXIT_UNUSABLE;
	}
	export_report_free(&rep);
	return rc;
}
