/* Sentences about an engine result, for the review tables' footnotes and
 * the rules' messages: why a destination is lost, what is overloaded. */
#ifndef HATOPO_EXPLAIN_H
#define HATOPO_EXPLAIN_H

#include <stddef.h>

#include "engine.h"

/* Gbps as people write it: 3.0, 1.25, 0.5. */
void explain_gbps(double v, char *buf, size_t len);
/* The route AWS chose for a destination ("10.0.0.0/15"), or "". */
void explain_route(const struct engine *e, const struct engine_result *r,
    size_t dest, char *buf, size_t len);
/* "blackholes 10.0.0.0/16: AWS still sends it to dc2 over dx1
 * (10.0.0.0/15), and dc2 has no path to dc1" or "leaves 10.0.0.0/16 (dc1)
 * unreachable: ..."; NULL when the destination is fine. */
char *explain_dest(const struct engine *e, const struct engine_result *r,
    size_t dest);
/* What to do about it, or NULL. */
char *explain_dest_fix(const struct engine *e, const struct engine_result *r,
    size_t dest);
/* "leaves dc1 without a way to AWS", or NULL. */
char *explain_dc(const struct engine *e, const struct engine_result *r,
    size_t dc);
/* "puts 3.5 Gbps toward on premises on vpn1, whose tunnel carries 1.25
 * Gbps", or NULL when the element is within its capacity. */
char *explain_elem(const struct engine *e, const struct engine_result *r,
    size_t elem);

#endif
