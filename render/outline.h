/* The design as an indented outline (VPC, data centers, their devices and
 * connections, WAN links, risk groups) and an inspector text per row.
 * Plain text, so it is tested as strings and drawn by the TUI. */
#ifndef HATOPO_OUTLINE_H
#define HATOPO_OUTLINE_H

#include <stddef.h>
#include <stdint.h>

#include "model/design.h"

enum outline_kind {
	OUTLINE_VPC, OUTLINE_DC, OUTLINE_DEVICE, OUTLINE_CONN, OUTLINE_WAN,
	OUTLINE_RISK
};

struct outline_row {
	enum outline_kind kind;
	size_t index;               /* into the design's array of that kind */
	int depth;
	char text[256];
};

struct outline {
	struct outline_row *rows;
	size_t count;
	size_t cap;
};

void outline_build(const struct design *d, struct outline *o);
void outline_free(struct outline *o);
/* An IKE algorithm or group list as the design file spells it
 * ("aes256-gcm16 aes128", "14 19 20"), in proposal order. */
enum outline_ike_list {
	OUTLINE_IKE_ENCRYPTION, OUTLINE_IKE_INTEGRITY, OUTLINE_IKE_DH
};
void outline_ike_list(char *buf, size_t len, const uint8_t *v, int n,
    enum outline_ike_list kind);

/* Title and "label  value" lines describing one row's object; no secret
 * ever appears here. */
char *outline_inspect(const struct design *d, const struct outline_row *row);

#endif
