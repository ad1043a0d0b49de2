/* libFuzzer harness for prefix and address parsing: what parses formats
 * to text that parses back to an equal value and formats the same; what
 * does not parse says why. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/prefix.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static _Noreturn void
fail(const char *what, const char *input, const char *text)
{
	fprintf(stderr, "fuzz_prefix: %s\ninput: \"%s\"\nformatted: \"%s\"\n",
	    what, input, text ? text : "");
	abort();
}

static void
round_trip(const char *in, bool address)
{
	struct prefix p, q;
	char why[160] = "", buf[PREFIX_STRLEN], buf2[PREFIX_STRLEN];
	int rc;

	rc = address ? prefix_parse_address(in, &p, why, sizeof why) :
	    prefix_parse(in, &p, why, sizeof why);
	if (rc != 0) {
		if (rc != -1 || why[0] == '\0' || strlen(why) >= sizeof why)
			fail("refused without a reason", in, NULL);
		return;
	}
	if (!prefix_is_v4(&p) && !prefix_is_v6(&p))
		fail("parsed to neither IPv4 nor IPv6", in, NULL);
	if (address && prefix_length(&p) != (prefix_is_v4(&p) ? 32 : 128))
		fail("an address is not a host prefix", in, NULL);
	if (address)
		prefix_format_address(&p, buf, sizeof buf);
	else
		prefix_format(&p, buf, sizeof buf);
	rc = address ? prefix_parse_address(buf, &q, why, sizeof why) :
	    prefix_parse(buf, &q, why, sizeof why);
	if (rc != 0)
		fail("the formatted text does not parse", in, buf);
	if (!prefix_equal(&p, &q) || prefix_compare(&p, &q) != 0 ||
	    !prefix_contains(&p, &q) || prefix_length(&p) != prefix_length(&q))
		fail("format and parse again gives another prefix", in, buf);
	if (address)
		prefix_format_address(&q, buf2, sizeof buf2);
	else
		prefix_format(&q, buf2, sizeof buf2);
	if (strcmp(buf, buf2) != 0)
		fail("formatting is not stable", in, buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in;

	if (size > 4 * PREFIX_INPUT_MAX)
		return 0;
	in = malloc(size + 1);
	if (in == NULL)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	round_trip(in, false);
	round_trip(in, true);
	free(in);
	return 0;
}
