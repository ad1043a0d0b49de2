/* Exact availability (SPEC section 8): for each destination and each data
 * center, the probability that traffic gets through (status ok or
 * overloaded) over independent failures of every component and risk
 * group, conditioned on its own data center being up.
 *
 * The state space is walked as NetDice does (SIGCOMM 2020): evaluate the
 * state, branch only on the components the chosen paths depend on ("hot"
 * components: the first fails; or it works and the second fails; ...; or
 * all of them work, in which case nothing else can change the outcome),
 * and stop where the outcome is settled (no route left).  Each leaf is an
 * exact event and shared risks are one component each, so counted once.
 * States rarer than a cut-off are not expanded; their total mass is kept
 * and bounded by AVAIL_PRECISION, so every figure is exact to that. */
#ifndef HATOPO_AVAILABILITY_H
#define HATOPO_AVAILABILITY_H

#include <stddef.h>

#include "engine.h"

#define AVAIL_TOP_CUTS 3
/* The walk stops at states whose probability cannot matter: what it leaves
 * out is measured, and kept below this much unavailability (1e-12 is 32
 * microseconds of downtime a year). */
#define AVAIL_PRECISION 1e-12
#define AVAIL_CUT_MAX 6

/* A set of failed components whose failure together loses the traffic,
 * with the probability of the states it stands for. */
struct avail_cut {
	size_t n;
	size_t comps[AVAIL_CUT_MAX];
	double prob;
};

struct avail_item {
	double unavailability;      /* conditioned on its data center up */
	size_t states;              /* leaves of the walk: the work it took */
	double pruned;              /* mass left unexplored: the error bound */
	size_t ncuts;
	struct avail_cut cuts[AVAIL_TOP_CUTS];  /* most downtime first */
};

struct avail_report {
	size_t ndests, ndcs;
	struct avail_item *dests;
	struct avail_item *dcs;
};

/* The availability of one component: its own override in the design, else
 * the design's class figure, else SPEC section 8's default.  1 for what
 * never fails on its own (a VPN connection without an override: its
 * tunnels, device and ISP fail instead). */
double avail_component(const struct engine *e, size_t c);
void avail_compute(struct engine *e, struct avail_report *out);
/* One destination (dc = false) or data center (dc = true). */
void avail_compute_one(struct engine *e, bool dc, size_t index,
    struct avail_item *out);
void avail_report_free(struct avail_report *r);

/* 0.999 -> 3.0 nines; 1 -> infinity shown as a large number. */
double avail_nines(double unavailability);
/* Minutes per year (365.25 days) of downtime. */
double avail_downtime_minutes(double unavailability);

#endif
