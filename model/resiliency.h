/* AWS's Direct Connect resiliency models (reference/aws-facts.md 4) as a
 * design meets them: the tier and the SLA that AWS ties to it. */
#ifndef HATOPO_RESILIENCY_H
#define HATOPO_RESILIENCY_H

#include <stddef.h>

#include "design.h"

enum resiliency_tier {
	RESILIENCY_NONE_DX,         /* no Direct Connect at all */
	RESILIENCY_NONE,            /* DX, but no model's topology */
	RESILIENCY_DEV_TEST,        /* 2+ connections, separate devices, 1 location */
	RESILIENCY_HIGH,            /* a connection in each of 2+ locations */
	RESILIENCY_MAXIMUM          /* 2+ locations with 2+ on separate devices */
};

struct resiliency {
	enum resiliency_tier tier;
	size_t ndx;
	size_t nlocations;
	char locations[256];        /* "EqDC2, CSVA1" */
	const char *name;           /* "maximum resiliency", ... */
	const char *sla;            /* "99.99%", "99.9%", "no SLA" */
	double sla_availability;    /* 0.9999, 0.999, or 0 when none */
};

void resiliency_classify(const struct design *d, struct resiliency *out);

#endif
