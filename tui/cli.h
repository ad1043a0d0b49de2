/* The command line: subcommands, their options and exit codes.  Exit codes
 * follow SPEC section 7: 0 fine, 1 findings at error level, 2 the input
 * could not be used (or the subcommand does not exist yet). */
#ifndef HATOPO_CLI_H
#define HATOPO_CLI_H

#include <stdio.h>

#define CLI_EXIT_OK 0
#define CLI_EXIT_FINDINGS 1
#define CLI_EXIT_UNUSABLE 2

/* "--opt value" or "--opt=value" at argv[*i]: the value ("" when it is
 * missing), advancing *i past what it used; NULL when argv[*i] is not
 * that option. */
const char *cli_opt_value(int argc, char **argv, int *i, const char *name);
/* Run hatopo with argv; output goes to out and err. */
int cli_run(int argc, char **argv, FILE *out, FILE *err);

#endif
