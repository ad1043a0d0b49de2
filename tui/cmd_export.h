/* hatopo export DESIGN --out DIR [--lab DIR] [--force] */
#ifndef HATOPO_CMD_EXPORT_H
#define HATOPO_CMD_EXPORT_H

#include <stdio.h>

/* argv[0] is "export"; returns a CLI_EXIT_* code. */
int cmd_export(int argc, char **argv, FILE *out, FILE *err);

#endif
