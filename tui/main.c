#include <stdio.h>

#include "tui/cli.h"

int
main(int argc, char **argv)
{
	return cli_run(argc, argv, stdout, stderr);
}
