/* libFuzzer harness for the secrets loader: any text either loads or is
 * refused with a message; every key that loads can be written into a
 * router config safely (no quote, backslash, separator or control
 * character); and what loads saves to text that loads again, equal. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/secrets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static _Noreturn void
fail(const char *what, const char *input, const char *saved)
{
	fprintf(stderr, "fuzz_secrets: %s\n--- input ---\n%s\n", what, input);
	if (saved != NULL)
		fprintf(stderr, "--- saved ---\n%s\n", saved);
	abort();
}

static bool
config_safe(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || (unsigned char)*s >= 0x7f ||
		    strchr("\"\\';#!{}", *s) != NULL)
			return false;
	return true;
}

static bool
secrets_same(const struct secrets *a, const struct secrets *b)
{
	if (a->npsks != b->npsks || a->nmd5s != b->nmd5s)
		return false;
	for (size_t i = 0; i < a->npsks; i++)
		if (strcmp(a->psks[i].conn, b->psks[i].conn) != 0 ||
		    a->psks[i].tunnel != b->psks[i].tunnel ||
		    strcmp(a->psks[i].psk, b->psks[i].psk) != 0)
			return false;
	for (size_t i = 0; i < a->nmd5s; i++)
		if (strcmp(a->md5s[i].conn, b->md5s[i].conn) != 0 ||
		    strcmp(a->md5s[i].key, b->md5s[i].key) != 0)
			return false;
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct error e = ERROR_INIT;
	struct secrets *s = NULL, *again = NULL;
	char *text, *saved;

	if (size > SECRETS_FILE_MAX)
		return 0;
	text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	if (secrets_load_string(text, "fuzz.secrets", &s, &e) != 0) {
		if (e.count == 0)
			fail("refused without a message", text, NULL);
		if (s != NULL)
			fail("refused but returned secrets", text, NULL);
		error_clear(&e);
		free(text);
		return 0;
	}
	if (s == NULL || e.count != 0)
		fail("loaded, but nothing returned or with errors", text, NULL);
	for (size_t i = 0; i < s->npsks; i++) {
		if (!config_safe(s->psks[i].psk) ||
		    !design_name_valid(s->psks[i].conn))
			fail("a loaded pre-shared key is not safe to export", text,
			    NULL);
		if (s->psks[i].tunnel != 1 && s->psks[i].tunnel != 2)
			fail("a loaded tunnel number is not 1 or 2", text, NULL);
	}
	for (size_t i = 0; i < s->nmd5s; i++)
		if (!config_safe(s->md5s[i].key) ||
		    secrets_md5_problem(s->md5s[i].key) != NULL ||
		    !design_name_valid(s->md5s[i].conn))
			fail("a loaded MD5 key is not safe to export", text, NULL);
	saved = secrets_to_string(s);
	if (secrets_load_string(saved, "saved.secrets", &again, &e) != 0)
		fail("the saved secrets do not load", text, saved);
	if (!secrets_same(s, again))
		fail("load, save, load gives different secrets", text, saved);
	free(saved);
	secrets_free(&again);
	secrets_free(&s);
	free(text);
	return 0;
}
