/* Synthetic designs: the M and L designs of the benchmarks and small random
 * designs for the engine's property tests.  Deterministic for a seed. */
#ifndef HATOPO_GEN_H
#define HATOPO_GEN_H

#include <stdint.h>

#include "model/design.h"

struct gen_size {
	int ndcs;
	int ndevices;       /* spread evenly over the data centers */
	int nconns;         /* spread evenly over the devices */
	int nprefixes;      /* spread evenly over the data centers */
};

#define GEN_SIZE_M ((struct gen_size){ 20, 40, 80, 200 })
#define GEN_SIZE_L ((struct gen_size){ 200, 400, 1000, 2000 })

/* A design an engineer might draw at that size: two devices per data
 * center, DX and VPN mixed, each data center backed up by a neighbour's
 * connections (prepended), a WAN ring with chords, traffic demands and a
 * few shared-risk groups.  Valid by construction. */
struct design *gen_scaled(uint64_t seed, struct gen_size size);

/* A small design with every feature drawn at random (gateway kind, ECMP,
 * static and BGP VPNs, prepends, communities, MEDs, summaries, disabled
 * tunnels, sparse WAN, risk groups, tight capacities).  Valid by
 * construction. */
struct design *gen_random(uint64_t seed);

#endif
