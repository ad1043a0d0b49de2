#include "render/findings.h"

#include <jansson.h>
#include <stdlib.h>

#include "model/strbuf.h"

static const struct {
	enum rule_severity sev;
	const char *title;
	const char *colour;
} groups[] = {
	{ RULE_SEVERITY_ERROR, "Errors", "\033[1;31m" },
	{ RULE_SEVERITY_WARNING, "Warnings", "\033[1;33m" },
	{ RULE_SEVERITY_INFO, "Information", "\033[1;36m" },
};

static void
counts_line(struct strbuf *sb, const struct findings *f)
{
	strbuf_addf(sb, "%d error%s, %d warning%s, %d info", f->counts[0],
	    f->counts[0] == 1 ? "" : "s", f->counts[1],
	    f->counts[1] == 1 ? "" : "s", f->counts[2]);
}

char *
findings_text(const struct design *d, const struct findings *f, bool colour)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s: ", d->name[0] ? d->name : "design");
	counts_line(&sb, f);
	strbuf_puts(&sb, "\n");
	for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
		bool any = false;

		for (size_t i = 0; i < f->n; i++) {
			const struct finding *x = &f->v[i];

			if (x->severity != groups[g].sev)
				continue;
			if (!any)
				strbuf_addf(&sb, "\n%s%s%s\n", colour ? groups[g].colour :
				    "", groups[g].title, colour ? "\033[0m" : "");
			any = true;
			strbuf_addf(&sb, "  %s%s%s %s\n", colour ? groups[g].colour :
			    "", x->rule, colour ? "\033[0m" : "", x->subject);
			strbuf_addf(&sb, "        %s\n", x->message);
			strbuf_addf(&sb, "        Fix: %s\n", x->fix);
		}
	}
	return strbuf_detach(&sb);
}

char *
findings_markdown(const struct design *d, const struct findings *f)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "# Findings: %s\n\n", d->name[0] ? d->name : "design");
	counts_line(&sb, f);
	strbuf_puts(&sb, "\n");
	for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
		bool any = false;

		for (size_t i = 0; i < f->n; i++) {
			const struct finding *x = &f->v[i];

			if (x->severity != groups[g].sev)
				continue;
			if (!any)
				strbuf_addf(&sb, "\n## %s\n\n| rule | subject | finding "
				    "| fix |\n|---|---|---|---|\n", groups[g].title);
			any = true;
			/* Names and messages hold no '|': names are restricted,
			 * messages are ours. */
			strbuf_addf(&sb, "| %s | %s | %s | %s |\n", x->rule, x->subject,
			    x->message, x->fix);
		}
	}
	return strbuf_detach(&sb);
}

char *
findings_json(const struct design *d, const struct findings *f)
{
	json_t *root = json_object(), *arr = json_array(), *counts = json_object();
	char *s;

	json_object_set_new(root, "design", json_string(d->name));
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];
		json_t *o = json_object();

		json_object_set_new(o, "rule", json_string(x->rule));
		json_object_set_new(o, "severity", json_string(
		    design_rule_severity_name(x->severity)));
		json_object_set_new(o, "subject", json_string(x->subject));
		json_object_set_new(o, "message", json_string(x->message));
		json_object_set_new(o, "fix", json_string(x->fix));
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "findings", arr);
	json_object_set_new(counts, "error", json_integer(f->counts[0]));
	json_object_set_new(counts, "warning", json_integer(f->counts[1]));
	json_object_set_new(counts, "info", json_integer(f->counts[2]));
	json_object_set_new(root, "counts", counts);
	s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (s == NULL)
		abort();
	return s;
}
