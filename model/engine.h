/* The route engine: what AWS and the customer routers do with a design
 * under a set of failed components (SPEC sections 5 and 6).
 *
 * engine_new() compiles a valid design into flat arrays: the components
 * that can fail and what each takes down with it, every destination's
 * candidate routes sorted by AWS's preference, the WAN graph.  A scenario
 * is evaluated either from scratch (engine_eval_full, the reference) or
 * from the baseline, recomputing only the destinations and data centers
 * whose chosen paths touch what failed (engine_eval).  Both fill the same
 * struct engine_result, so tests compare them directly. */
#ifndef HATOPO_ENGINE_H
#define HATOPO_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "design.h"

enum engine_status {
	ENGINE_OK, ENGINE_OVERLOADED, ENGINE_UNREACHABLE, ENGINE_BLACKHOLED,
	ENGINE_ORIGIN_DOWN
};

enum engine_mode {
	ENGINE_MODE_NONE, ENGINE_MODE_SINGLE, ENGINE_MODE_ECMP,
	ENGINE_MODE_ONE_OF
};

/* Why AWS chose a route: the decisive step, for the tables' footnotes. */
enum engine_class { ENGINE_CLASS_NONE, ENGINE_CLASS_DX, ENGINE_CLASS_STATIC,
	ENGINE_CLASS_VPN_BGP };

enum comp_kind {
	COMP_CONNECTION, COMP_TUNNEL, COMP_DEVICE, COMP_DATACENTER,
	COMP_LOCATION, COMP_PROVIDER, COMP_ISP, COMP_AWS_ENDPOINT, COMP_WAN,
	COMP_RISK
};

/* One destination (AWS -> on premises) under one scenario.  The arrays
 * live in the result's pool: via = pool[via_off .. via_off + nvia). */
struct engine_dest {
	uint8_t status;             /* enum engine_status */
	uint8_t mode;               /* enum engine_mode */
	uint8_t cls;                /* enum engine_class of the chosen routes */
	uint8_t plen;               /* length of the chosen route's prefix */
	int32_t blackhole_dc;       /* entry with no WAN path to the origin */
	uint32_t via_off, nvia;     /* connection indexes, sorted by name */
	uint32_t entry_off, nentry; /* data centers where traffic enters */
	uint32_t elem_off, nelem;   /* load elements crossed (connections, WAN) */
	double gbps;                /* the demand */
};

/* One data center's traffic toward AWS under one scenario. */
struct engine_dc {
	uint8_t status;
	uint8_t mode;
	uint16_t hops;              /* WAN hops to the chosen exits */
	uint32_t via_off, nvia;
	uint32_t elem_off, nelem;
	double gbps;
};

/* Load elements: connection c toward on premises is c, toward AWS is
 * nconns + c; WAN link k in direction a->b is 2 nconns + 2k, b->a one
 * more. */
struct engine_result {
	size_t ndests, ndcs, nelems;
	struct engine_dest *dests;
	struct engine_dc *dcs;
	double *load;               /* Gbps per load element */
	double *capacity;           /* Gbps per load element (0 when down) */
	uint32_t *pool;             /* indexes for via, entry and elem lists */
	double *apool;              /* Gbps beside each elem entry of pool */
	size_t npool, poolcap;
	int bad;                    /* statuses other than ok and origin-down */
};

struct engine;

/* Compile a design that passed design_validate(). */
struct engine *engine_new(const struct design *d);
void engine_free(struct engine **e);

size_t engine_component_count(const struct engine *e);
/* "connection:vpn1", "tunnel:vpn1/2", "wan:dc1-dc2", ... */
const char *engine_component_id(const struct engine *e, size_t i);
enum comp_kind engine_component_kind(const struct engine *e, size_t i);
/* Index of a component ID (wan links in either order), or -1. */
int engine_component_find(const struct engine *e, const char *id);
/* Parse "ID[,ID...]" into indexes; on failure err names the bad ID. */
int engine_parse_failures(const struct engine *e, const char *list,
    size_t **out, size_t *n, struct error *err);

size_t engine_dest_count(const struct engine *e);
const struct prefix *engine_dest_prefix(const struct engine *e, size_t i);
size_t engine_dest_origin(const struct engine *e, size_t i);
size_t engine_dc_count(const struct engine *e);
size_t engine_conn_count(const struct engine *e);
size_t engine_wan_count(const struct engine *e);
size_t engine_elem_count(const struct engine *e);
/* "connection:vpn1" or "wan:dc1-dc2", and the direction in words. */
const char *engine_elem_id(const struct engine *e, size_t elem);
bool engine_elem_toward_aws(const struct engine *e, size_t elem);
const struct design *engine_design(const struct engine *e);

void engine_result_init(struct engine_result *r);
void engine_result_free(struct engine_result *r);

/* The baseline: nothing failed.  Owned by the engine. */
const struct engine_result *engine_baseline(const struct engine *e);
/* A scenario from scratch: every destination and data center. */
void engine_eval_full(struct engine *e, const size_t *failed, size_t n,
    struct engine_result *out);
/* The same result, recomputing only what the failures touch. */
void engine_eval(struct engine *e, const size_t *failed, size_t n,
    struct engine_result *out);
/* The same, into the engine's working result: valid until the next call,
 * and costing only what the failures touch (the matrix's path). */
const struct engine_result *engine_eval_view(struct engine *e,
    const size_t *failed, size_t n);
/* Only whether a scenario has a status other than ok and origin-down:
 * the fast path of the --k 2 matrix. */
bool engine_scenario_bad(struct engine *e, const size_t *failed, size_t n);
/* For the --k 2 shortcuts.  Base elements are what failures switch off
 * (connections, tunnels, data centers, WAN links), numbered 0 ..
 * engine_base_count() - 1. */
size_t engine_base_count(const struct engine *e);
/* The base elements a component takes down. */
const uint32_t *engine_component_effects(const struct engine *e, size_t c,
    size_t *n);
/* How many baseline results (destinations and data centers) depend on
 * what a component takes down: 0 means failing it alone changes nothing
 * but unused capacity. */
size_t engine_component_users(const struct engine *e, size_t c);
/* The base elements that the results recomputed by the last evaluation
 * depend on (appended to *out, *n, *cap as with xgrow). */
void engine_last_uses(const struct engine *e, uint32_t **out, size_t *n,
    size_t *cap);
/* For exact availability, which walks failure states one component at a
 * time.  The object behind a component: the connection of a connection or
 * tunnel, the device, data center, WAN link, risk group, or the endpoint
 * number - 1. */
size_t engine_component_object(const struct engine *e, size_t c);
/* The components that take a base element down. */
const uint32_t *engine_base_components(const struct engine *e, size_t b,
    size_t *n);
/* Fail (or restore) one component in the engine's current state. */
void engine_fail(struct engine *e, size_t c, bool failed);
/* One destination's or data center's status under the current state, and
 * the base elements its result depends on (appended to *uses). */
enum engine_status engine_probe_dest(struct engine *e, size_t dest,
    uint32_t **uses, size_t *n, size_t *cap);
enum engine_status engine_probe_dc(struct engine *e, size_t dc,
    uint32_t **uses, size_t *n, size_t *cap);
/* Destinations and data centers that engine_eval() recomputed last time
 * (for measuring how much work the incremental path saves). */
size_t engine_last_recomputed(const struct engine *e);

const char *engine_status_name(enum engine_status s);
const char *engine_mode_name(enum engine_mode m);

#endif
