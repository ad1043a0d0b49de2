/* libFuzzer harness for the designer's form fields: the add and edit
 * forms of tui/form.c, driven through their public, curses-free calls
 * (form_new, form_set, form_problem, form_key), so every text a user can
 * type into a field goes through the same validators the forms use
 * (names, free text, prefixes, addresses, numbers and their ranges,
 * references, lists), then through the form's whole-design check.
 *
 * Input: byte 0 picks a sample design, byte 1 the form, byte 2 add or
 * edit and the object, byte 3 the selection; then lines, each a field
 * (its first byte picks a label) and the text typed into it.
 *
 * Properties: no crash, leak or undefined behaviour; the form always has
 * a problem text (empty or not); a form that says it is fine and accepts
 * Enter hands back a design that validates, saves to text and loads
 * again into an equal design. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/design.h"
#include "render/canvas.h"
#include "tui/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static const char *const samples[] = {
	"samples/multi-dc.cfg", "samples/vpn-active-active.cfg",
	"samples/dx-active-active.cfg",
};
#define NSAMPLES (sizeof samples / sizeof *samples)
static struct design *designs[NSAMPLES];

/* Every label the forms use (form_set refuses the ones a form lacks). */
static const char *const labels[] = {
	"name", "prefixes", "dc", "vendor", "ASN", "public_ip", "isp",
	"description", "availability", "a", "b", "gbps", "prefix", "prepend",
	"local_pref", "med", "device", "routing", "tunnel 1", "tunnel 2",
	"advertise", "location", "provider", "vlan", "peer", "bfd",
	"ike version", "p1 encryption", "p1 integrity", "p1 dh",
	"p2 encryption", "p2 integrity", "p2 pfs", "cidrs", "gateway",
	"AWS ASN", "ecmp", "from_aws", "to_aws", "members",
};
#define NLABELS (sizeof labels / sizeof *labels)

static _Noreturn void
fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_fields: %s\n%s\n", what, detail ? detail : "");
	abort();
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	for (size_t i = 0; i < NSAMPLES; i++) {
		struct error e = ERROR_INIT;

		if (design_load(samples[i], &designs[i], &e) != 0) {
			char *s = error_string(&e);

			fprintf(stderr, "fuzz_fields: run from the repository root: "
			    "%s", s);
			exit(1);
		}
	}
	return 0;
}

static size_t
count(const struct design *d, enum form_kind kind)
{
	switch (kind) {
	case FORM_DC:
	case FORM_PREFIX:
		return d->ndcs;
	case FORM_DEVICE:
		return d->ndevices;
	case FORM_VPN:
	case FORM_DX:
	case FORM_ADVERT:
		return d->nconns;
	case FORM_WAN:
		return d->nwans;
	case FORM_TRAFFIC:
		return d->ntraffic;
	case FORM_RISK:
		return d->nrisks;
	default:
		return 1;
	}
}

/* The form's design must be one the loader accepts. */
static void
check_result(const struct design *nd)
{
	struct error e = ERROR_INIT;
	struct design *again = NULL;
	char *text, *msg;

	if (design_validate(nd, "form.cfg", &e) != 0) {
		msg = error_string(&e);
		fail("a form accepted a design that does not validate", msg);
	}
	text = design_to_string(nd);
	if (design_load_string(text, "form.cfg", &again, &e) != 0) {
		msg = error_string(&e);
		fprintf(stderr, "--- saved ---\n%s\n", text);
		fail("a form's design saves to text that does not load", msg);
	}
	if (!design_equal(nd, again))
		fail("a form's design does not load back equal", text);
	design_free(&again);
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct design *d;
	enum form_kind kind;
	struct form *f;
	const char *problem;
	size_t n, index, pos;
	bool edit;
	int selkind;

	if (size < 4 || size > 8192)
		return 0;
	d = designs[data[0] % NSAMPLES];
	kind = (enum form_kind)(data[1] % (FORM_RULES + 1));
	edit = (data[2] & 0x80) != 0;
	n = count(d, kind);
	index = n ? (size_t)(data[2] & 0x7f) % n : 0;
	if (edit && n == 0)
		return 0;
	selkind = data[3] % (CANVAS_WAN + 1);
	{
		/* The selection: an object of that kind that exists. */
		size_t m = selkind == CANVAS_DC ? d->ndcs : selkind ==
		    CANVAS_DEVICE ? d->ndevices : selkind == CANVAS_CONN ?
		    d->nconns : selkind == CANVAS_WAN ? d->nwans : 1;

		if (m == 0)
			selkind = CANVAS_VPC;
	}
	if ((kind == FORM_PREFIX || kind == FORM_ADVERT) && edit) {
		if (kind == FORM_PREFIX ? d->dcs[index].nprefixes == 0 :
		    d->conns[index].nadverts == 0)
			return 0;
		f = form_edit_item(d, "form.cfg", kind, index, 0);
	} else
		f = form_new(d, "form.cfg", kind, edit, index, selkind);
	if (f == NULL)
		return 0;
	for (pos = 4; pos < size; ) {
		const uint8_t *nl = memchr(data + pos, '\n', size - pos);
		size_t end = nl ? (size_t)(nl - data) : size;
		char value[512];
		size_t len;

		if (end > pos) {
			len = end - pos - 1;
			if (len >= sizeof value)
				len = sizeof value - 1;
			memcpy(value, data + pos + 1, len);
			value[len] = '\0';
			(void)form_set(f, labels[data[pos] % NLABELS], value);
		}
		pos = end + 1;
	}
	problem = form_problem(f);
	if (problem == NULL)
		fail("form_problem returned NULL", NULL);
	if (problem[0] == '\0') {
		struct design *out = NULL;
		char what[256];
		int rc = form_key(f, '\n', &out, what, sizeof what);

		if (rc == FORM_DONE) {
			if (out == NULL)
				fail("FORM_DONE without a design", NULL);
			check_result(out);
			design_free(&out);
		} else if (out != NULL)
			fail("a design handed back without FORM_DONE", NULL);
	}
	form_free(&f);
	return 0;
}
