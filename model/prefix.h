/* IPv4 and IPv6 prefixes and addresses as the user writes them.  Parsing,
 * printing and comparison go through libcidr; the value is kept inline so a
 * design holds no libcidr heap objects. */
#ifndef HATOPO_PREFIX_H
#define HATOPO_PREFIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libcidr.h>

/* Longest text of a prefix: a full IPv6 address, "/128" and NUL. */
#define PREFIX_STRLEN 48
/* Longest input accepted before parsing. */
#define PREFIX_INPUT_MAX 64

struct prefix {
	CIDR c;
	uint8_t len;        /* prefix length, kept beside libcidr's mask */
	uint8_t family;     /* 4 or 6 */
};

/* Parse "10.0.0.0/16" or "2001:db8::/32" strictly: dotted-quad or RFC 4291
 * text, a decimal length, no host bits.  On failure why gets a sentence
 * (naming the network when host bits were set) and -1 is returned. */
int prefix_parse(const char *s, struct prefix *out, char *why, size_t whylen);
/* Parse a single address ("203.0.113.10"): a /32 or /128. */
int prefix_parse_address(const char *s, struct prefix *out, char *why,
    size_t whylen);
/* "10.0.0.0/16"; buf holds at least PREFIX_STRLEN bytes. */
char *prefix_format(const struct prefix *p, char *buf, size_t len);
/* The address alone: "10.0.0.0". */
char *prefix_format_address(const struct prefix *p, char *buf, size_t len);
/* The netmask of an IPv4 prefix: "255.255.255.252". */
char *prefix_format_netmask(const struct prefix *p, char *buf, size_t len);

bool prefix_is_v4(const struct prefix *p);
bool prefix_is_v6(const struct prefix *p);
int prefix_length(const struct prefix *p);
/* True when little lies inside big (equal prefixes contain each other). */
bool prefix_contains(const struct prefix *big, const struct prefix *little);
bool prefix_equal(const struct prefix *a, const struct prefix *b);
bool prefix_overlaps(const struct prefix *a, const struct prefix *b);
/* Total order: IPv4 before IPv6, then address, then length.  Nested
 * prefixes sort container first, so a sorted list is checked for overlaps
 * in one pass. */
int prefix_compare(const struct prefix *a, const struct prefix *b);
/* The n-th address inside p as a host prefix (n = 1 is AWS's side of a
 * tunnel /30, n = 2 the customer's).  -1 when n is outside p. */
int prefix_host(const struct prefix *p, uint32_t n, struct prefix *out);
/* The address bytes: 4 for IPv4, 16 for IPv6; returns the count. */
int prefix_bytes(const struct prefix *p, uint8_t out[16]);

#endif
