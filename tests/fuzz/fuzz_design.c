/* libFuzzer harness for the design loader: any text either loads or is
 * refused with at least one message and nothing returned; a design that
 * loads validates, saves to text that loads again into an equal design,
 * and saving that one gives the same text (the saver is a fixed point). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/design.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static _Noreturn void
fail(const char *what, const char *input, const char *saved,
    const struct error *e)
{
	fprintf(stderr, "fuzz_design: %s\n--- input ---\n%s\n", what, input);
	if (saved != NULL)
		fprintf(stderr, "--- saved ---\n%s\n", saved);
	if (e != NULL && e->count > 0) {
		char *s = error_string(e);

		fprintf(stderr, "--- errors ---\n%s", s);
		free(s);
	}
	abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct error e = ERROR_INIT, e2 = ERROR_INIT;
	struct design *d = NULL, *again = NULL, *sentinel;
	char *text, *saved, *resaved, *msg;

	if (size > DESIGN_FILE_MAX)
		return 0;
	text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	if (design_load_string(text, "fuzz.cfg", &d, &e) != 0) {
		if (e.count == 0)
			fail("refused without a message", text, NULL, NULL);
		if (d != NULL)
			fail("refused but returned a design", text, NULL, &e);
		/* Every item has a message, and each shows in the rendering. */
		msg = error_string(&e);
		for (size_t i = 0; i < e.count; i++)
			if (e.items[i].message == NULL ||
			    e.items[i].message[0] == '\0' ||
			    strstr(msg, e.items[i].message) == NULL)
				fail("an error item without a message", text, NULL, &e);
		free(msg);
		error_clear(&e);
		free(text);
		return 0;
	}
	if (d == NULL || e.count != 0)
		fail("loaded, but no design or with errors", text, NULL, &e);
	if (design_validate(d, "fuzz.cfg", &e) != 0)
		fail("a design that loads does not validate", text, NULL, &e);
	saved = design_to_string(d);
	if (design_load_string(saved, "saved.cfg", &again, &e2) != 0)
		fail("the saved design does not load", text, saved, &e2);
	if (!design_equal(d, again))
		fail("load, save, load gives a different design", text, saved,
		    NULL);
	resaved = design_to_string(again);
	if (strcmp(saved, resaved) != 0)
		fail("saving twice gives different text", text, saved, NULL);
	/* A failed load leaves *out alone. */
	sentinel = again;
	if (design_load_string("version = 0;", "bad.cfg", &again, &e2) == 0 ||
	    again != sentinel)
		fail("a failed load touched its output", text, saved, NULL);
	error_clear(&e2);
	free(resaved);
	free(saved);
	design_free(&again);
	design_free(&d);
	free(text);
	return 0;
}
