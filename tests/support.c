#include "tests/support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

struct design *
support_load_file(const char *path)
{
	struct error err = ERROR_INIT;
	struct design *d = NULL;

	if (design_load(path, &d, &err) != 0) {
		char *s = error_string(&err);

		fail_msg("%s does not load:\n%s", path, s);
	}
	return d;
}

struct design *
support_load_text(const char *text)
{
	struct error err = ERROR_INIT;
	struct design *d = NULL;

	if (design_load_string(text, "test.cfg", &d, &err) != 0) {
		char *s = error_string(&err);

		fail_msg("the design does not load:\n%s\n%s", s, text);
	}
	return d;
}

bool
support_valid(const struct design *d)
{
	struct error err = ERROR_INIT;
	int rc = design_validate(d, NULL, &err);

	if (rc != 0) {
		char *s = error_string(&err);

		fprintf(stderr, "%s", s);
		free(s);
	}
	error_clear(&err);
	return rc == 0;
}
