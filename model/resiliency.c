#include "resiliency.h"

#include <stdio.h>
#include <string.h>

void
resiliency_classify(const struct design *d, struct resiliency *out)
{
	size_t redundant = 0, off = 0;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < d->nconns; i++) {
		const struct connection *c = &d->conns[i];
		size_t here = 0;
		bool seen = false, devices = false;

		if (c->type != CONN_DX)
			continue;
		out->ndx++;
		for (size_t k = 0; k < i && !seen; k++)
			seen = d->conns[k].type == CONN_DX &&
			    strcmp(d->conns[k].location, c->location) == 0;
		if (seen)
			continue;
		out->nlocations++;
		/* A location counts as redundant with two connections there on
		 * separate devices. */
		for (size_t k = i; k < d->nconns; k++) {
			const struct connection *o = &d->conns[k];

			if (o->type != CONN_DX || strcmp(o->location, c->location) != 0)
				continue;
			here++;
			if (strcmp(o->device, c->device) != 0)
				devices = true;
		}
		if (here >= 2 && devices)
			redundant++;
		if (out->nlocations <= 6 && off < sizeof out->locations)
			off += (size_t)snprintf(out->locations + off,
			    sizeof out->locations - off, "%s%s",
			    out->nlocations > 1 ? ", " : "", c->location);
	}
	if (out->nlocations > 6 && off < sizeof out->locations)
		snprintf(out->locations + off, sizeof out->locations - off,
		    " and %zu more", out->nlocations - 6);
	/* Two redundant locations make the maximum model whatever else the
	 * design has: adding a connection never lowers resiliency. */
	if (out->ndx == 0) {
		out->tier = RESILIENCY_NONE_DX;
		out->name = "no Direct Connect";
		out->sla = "no DX SLA";
	} else if (redundant >= 2) {
		out->tier = RESILIENCY_MAXIMUM;
		out->name = "maximum resiliency";
		out->sla = "99.99%";
		out->sla_availability = 0.9999;
	} else if (out->nlocations >= 2) {
		out->tier = RESILIENCY_HIGH;
		out->name = "high resiliency";
		out->sla = "99.9%";
		out->sla_availability = 0.999;
	} else if (redundant == 1) {
		out->tier = RESILIENCY_DEV_TEST;
		out->name = "development and test";
		out->sla = "no SLA";
	} else {
		out->tier = RESILIENCY_NONE;
		out->name = "no resiliency model";
		out->sla = "no SLA beyond a single connection's (95%)";
	}
}
