#include "render/availability.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/resiliency.h"
#include "model/strbuf.h"

/* Enough digits to show the nines that are there: 99.98984%. */
static void
percent(double u, char *buf, size_t len)
{
	double nines = avail_nines(u), up = ceil(nines);
	int digits = nines > 2 ? (int)up : 2;

	if (digits > 12)
		digits = 12;
	snprintf(buf, len, "%.*f%%", digits, 100.0 * (1.0 - u));
}

/* Downtime as people say it: "53 min/yr", "1.2 h/yr", "4 s/yr". */
static void
downtime(double u, char *buf, size_t len)
{
	double m = avail_downtime_minutes(u);

	if (m >= 120)
		snprintf(buf, len, "%.1f h/yr", m / 60);
	else if (m >= 1)
		snprintf(buf, len, "%.1f min/yr", m);
	else if (m * 60 >= 0.01)
		snprintf(buf, len, "%.2f s/yr", m * 60);
	else
		snprintf(buf, len, "< 0.01 s/yr");
}

char *
availability_line(const struct avail_item *it)
{
	char p[32], dt[32];

	percent(it->unavailability, p, sizeof p);
	downtime(it->unavailability, dt, sizeof dt);
	return xasprintf("%s  %.2f nines  %s", p,
	    avail_nines(it->unavailability), dt);
}

static void
cuts(struct strbuf *sb, const struct engine *e, const struct avail_item *it,
    const char *sep)
{
	for (size_t k = 0; k < it->ncuts; k++) {
		char dt[32];

		strbuf_puts(sb, k ? sep : "");
		for (size_t m = 0; m < it->cuts[k].n; m++)
			strbuf_addf(sb, "%s%s", m ? " + " : "",
			    engine_component_id(e, it->cuts[k].comps[m]));
		downtime(it->cuts[k].prob, dt, sizeof dt);
		strbuf_addf(sb, " (%s)", dt);
	}
}

static void
label(const struct engine *e, bool dc, size_t i, char *buf, size_t len)
{
	const struct design *d = engine_design(e);
	char pf[PREFIX_STRLEN];

	if (dc)
		snprintf(buf, len, "%s -> AWS", d->dcs[i].name);
	else
		snprintf(buf, len, "%s (%s)", prefix_format(engine_dest_prefix(e,
		    i), pf, sizeof pf), d->dcs[engine_dest_origin(e, i)].name);
}

static double
worst(const struct avail_report *r)
{
	double u = 0;

	for (size_t i = 0; i < r->ndests; i++)
		if (r->dests[i].unavailability > u)
			u = r->dests[i].unavailability;
	for (size_t j = 0; j < r->ndcs; j++)
		if (r->dcs[j].unavailability > u)
			u = r->dcs[j].unavailability;
	return u;
}

static void
model_line(struct strbuf *sb, const struct engine *e,
    const struct avail_report *r)
{
	struct resiliency rs;
	char p[32];

	resiliency_classify(engine_design(e), &rs);
	percent(worst(r), p, sizeof p);
	if (rs.tier == RESILIENCY_NONE_DX)
		strbuf_addf(sb, "Resiliency: no Direct Connect; hatopo's worst "
		    "figure is %s\n", p);
	else
		strbuf_addf(sb, "Resiliency: %s (%zu DX in %zu location%s: %s); "
		    "AWS's SLA for it: %s; hatopo's worst computed figure: %s\n",
		    rs.name, rs.ndx, rs.nlocations, rs.nlocations == 1 ? "" : "s",
		    rs.locations, rs.sla, p);
}

char *
availability_text(const struct engine *e, const struct avail_report *r)
{
	struct strbuf sb = STRBUF_INIT;
	const struct design *d = engine_design(e);
	size_t w = 0;
	char lab[96];

	for (int dc = 0; dc < 2; dc++)
		for (size_t i = 0; i < (dc ? r->ndcs : r->ndests); i++) {
			label(e, dc, i, lab, sizeof lab);
			if (strlen(lab) > w)
				w = strlen(lab);
		}
	strbuf_addf(&sb, "%s: availability, given the traffic's own data "
	    "center is up\n\n", d->name[0] ? d->name : "design");
	for (int dc = 0; dc < 2; dc++) {
		strbuf_puts(&sb, dc ? "\nOn premises to AWS\n" : "AWS to on "
		    "premises\n");
		for (size_t i = 0; i < (dc ? r->ndcs : r->ndests); i++) {
			const struct avail_item *it = dc ? &r->dcs[i] : &r->dests[i];
			char *line = availability_line(it);

			label(e, dc, i, lab, sizeof lab);
			strbuf_addf(&sb, "  %-*s  %s\n", (int)w, lab, line);
			free(line);
			if (it->ncuts > 0) {
				strbuf_addf(&sb, "  %-*s  worst: ", (int)w, "");
				cuts(&sb, e, it, "; ");
				strbuf_puts(&sb, "\n");
			}
		}
	}
	strbuf_puts(&sb, "\n");
	model_line(&sb, e, r);
	strbuf_puts(&sb, "Figures are exact to 1e-12 of unavailability over "
	    "independent component failures.\n");
	return strbuf_detach(&sb);
}

char *
availability_markdown(const struct engine *e, const struct avail_report *r)
{
	struct strbuf sb = STRBUF_INIT;
	const struct design *d = engine_design(e);
	char lab[96];

	strbuf_addf(&sb, "# Availability: %s\n\nGiven the traffic's own data "
	    "center is up; exact to 1e-12 of unavailability.\n\n",
	    d->name[0] ? d->name : "design");
	strbuf_puts(&sb, "| traffic | availability | nines | downtime | "
	    "costliest failures |\n|---|---|---|---|---|\n");
	for (int dc = 0; dc < 2; dc++)
		for (size_t i = 0; i < (dc ? r->ndcs : r->ndests); i++) {
			const struct avail_item *it = dc ? &r->dcs[i] : &r->dests[i];
			char p[32], dt[32];

			label(e, dc, i, lab, sizeof lab);
			percent(it->unavailability, p, sizeof p);
			downtime(it->unavailability, dt, sizeof dt);
			strbuf_addf(&sb, "| %s | %s | %.2f | %s | ", lab, p,
			    avail_nines(it->unavailability), dt);
			cuts(&sb, e, it, "<br>");
			strbuf_puts(&sb, " |\n");
		}
	strbuf_puts(&sb, "\n");
	model_line(&sb, e, r);
	return strbuf_detach(&sb);
}

/* The figures of one item, added to o after its identifying keys. */
static json_t *
json_item(json_t *o, const struct engine *e, const struct avail_item *it)
{
	json_t *w = json_array();

	json_object_set_new(o, "availability", json_real(1.0 -
	    it->unavailability));
	json_object_set_new(o, "unavailability", json_real(it->unavailability));
	json_object_set_new(o, "nines", json_real(avail_nines(
	    it->unavailability)));
	json_object_set_new(o, "downtime_minutes_per_year", json_real(
	    avail_downtime_minutes(it->unavailability)));
	json_object_set_new(o, "precision", json_real(AVAIL_PRECISION));
	for (size_t k = 0; k < it->ncuts; k++) {
		json_t *c = json_object(), *f = json_array();

		for (size_t m = 0; m < it->cuts[k].n; m++)
			json_array_append_new(f, json_string(engine_component_id(e,
			    it->cuts[k].comps[m])));
		json_object_set_new(c, "failed", f);
		json_object_set_new(c, "downtime_minutes_per_year", json_real(
		    avail_downtime_minutes(it->cuts[k].prob)));
		json_array_append_new(w, c);
	}
	json_object_set_new(o, "worst", w);
	return o;
}

char *
availability_json(const struct engine *e, const struct avail_report *r)
{
	const struct design *d = engine_design(e);
	json_t *root = json_object(), *dests = json_array(), *dcs = json_array(),
	    *res = json_object();
	struct resiliency rs;
	char pf[PREFIX_STRLEN], *s;

	json_object_set_new(root, "design", json_string(d->name));
	for (size_t i = 0; i < r->ndests; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "prefix", json_string(prefix_format(
		    engine_dest_prefix(e, i), pf, sizeof pf)));
		json_object_set_new(o, "origin", json_string(
		    d->dcs[engine_dest_origin(e, i)].name));
		json_array_append_new(dests, json_item(o, e, &r->dests[i]));
	}
	for (size_t j = 0; j < r->ndcs; j++) {
		json_t *o = json_object();

		json_object_set_new(o, "dc", json_string(d->dcs[j].name));
		json_array_append_new(dcs, json_item(o, e, &r->dcs[j]));
	}
	json_object_set_new(root, "destinations", dests);
	json_object_set_new(root, "datacenters", dcs);
	resiliency_classify(d, &rs);
	json_object_set_new(res, "model", json_string(rs.name));
	json_object_set_new(res, "aws_sla", json_string(rs.sla));
	json_object_set_new(res, "computed_worst", json_real(1.0 - worst(r)));
	json_object_set_new(root, "resiliency", res);
	s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(15));
	json_decref(root);
	if (s == NULL)
		abort();
	return s;
}
