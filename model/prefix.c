#include "prefix.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* libcidr keeps IPv4 as an IPv4-mapped 16-byte value. */
#define V4_OFFSET 12

static int
prefix_fail(char *why, size_t whylen, const char *fmt, ...)
    XALLOC_PRINTF(3, 4);

static int
prefix_fail(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	if (why != NULL && whylen > 0) {
		va_start(ap, fmt);
		vsnprintf(why, whylen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* Reject what libcidr would accept but an engineer did not mean: octal
 * octets, short forms ("10.1/16"), hex integers, netmask forms, zones. */
static int
prefix_check_syntax(const char *s, bool want_len, int *family, char *why,
    size_t whylen)
{
	char addr[PREFIX_INPUT_MAX + 1];
	unsigned char buf[16];
	const char *slash = strchr(s, '/');
	size_t alen;

	if (strlen(s) > PREFIX_INPUT_MAX)
		return prefix_fail(why, whylen, "is too long to be a prefix");
	if (*s == '\0')
		return prefix_fail(why, whylen, "is empty");
	if (!want_len && slash != NULL)
		return prefix_fail(why, whylen,
		    "\"%s\" is a prefix; an address is wanted here", s);
	if (want_len && slash == NULL)
		return prefix_fail(why, whylen,
		    "\"%s\" has no prefix length (write it as ADDRESS/LENGTH)",
		    s);
	alen = slash ? (size_t)(slash - s) : strlen(s);
	memcpy(addr, s, alen);
	addr[alen] = '\0';
	if (inet_pton(AF_INET, addr, buf) == 1)
		*family = 4;
	else if (strchr(addr, ':') != NULL && inet_pton(AF_INET6, addr, buf) == 1)
		*family = 6;
	else
		return prefix_fail(why, whylen,
		    "\"%s\" is not an IPv4 or IPv6 address", addr);
	if (slash != NULL) {
		const char *d = slash + 1;
		long v = 0;
		int max = *family == 4 ? 32 : 128;

		if (*d == '\0' || (d[0] == '0' && d[1] != '\0'))
			return prefix_fail(why, whylen,
			    "\"%s\" has a malformed prefix length", s);
		for (; *d; d++) {
			if (*d < '0' || *d > '9' || v > 1000)
				return prefix_fail(why, whylen,
				    "\"%s\" has a malformed prefix length", s);
			v = v * 10 + (*d - '0');
		}
		if (v > max)
			return prefix_fail(why, whylen, "\"%s\": %s",
			    s, *family == 4 ? "an IPv4 prefix length is 0-32" :
			    "an IPv6 prefix length is 0-128");
	}
	return 0;
}

static int
prefix_from_text(const char *s, bool want_len, struct prefix *out, char *why,
    size_t whylen)
{
	CIDR *c, *net;
	int family = 0;

	if (s == NULL)
		return prefix_fail(why, whylen, "is missing");
	if (prefix_check_syntax(s, want_len, &family, why, whylen) != 0)
		return -1;
	{
		/* libcidr looks a few bytes before the start of some IPv6
		 * strings ("::/0"): hand it a copy with zeros in front. */
		char padded[16 + PREFIX_INPUT_MAX + 1];

		memset(padded, 0, 16);
		snprintf(padded + 16, sizeof padded - 16, "%s", s);
		c = cidr_from_str(padded + 16);
	}
	if (c == NULL)
		return prefix_fail(why, whylen,
		    "\"%s\" is not a valid prefix", s);
	if ((family == 4 && cidr_get_proto(c) != CIDR_IPV4) ||
	    (family == 6 && cidr_get_proto(c) != CIDR_IPV6)) {
		cidr_free(c);
		return prefix_fail(why, whylen,
		    "\"%s\" mixes IPv4 and IPv6 forms", s);
	}
	net = cidr_addr_network(c);
	if (net == NULL) {
		cidr_free(c);
		return prefix_fail(why, whylen, "\"%s\" has no network", s);
	}
	if (want_len && cidr_equals(c, net) != 0) {
		char *n = cidr_to_str(net, CIDR_NOFLAGS);
		char fixed[PREFIX_STRLEN];

		snprintf(fixed, sizeof fixed, "%s", n ? n : "?");
		free(n);
		cidr_free(net);
		cidr_free(c);
		return prefix_fail(why, whylen,
		    "\"%s\" has host bits set; the network is %s", s, fixed);
	}
	out->c = *c;
	out->len = (uint8_t)cidr_get_pflen(c);
	out->family = (uint8_t)family;
	cidr_free(net);
	cidr_free(c);
	return 0;
}

int
prefix_parse(const char *s, struct prefix *out, char *why, size_t whylen)
{
	return prefix_from_text(s, true, out, why, whylen);
}

int
prefix_parse_address(const char *s, struct prefix *out, char *why,
    size_t whylen)
{
	return prefix_from_text(s, false, out, why, whylen);
}

static char *
prefix_to_text(const struct prefix *p, int flags, char *buf, size_t len)
{
	char *s = cidr_to_str(&p->c, flags);

	snprintf(buf, len, "%s", s ? s : "?");
	free(s);
	return buf;
}

char *
prefix_format(const struct prefix *p, char *buf, size_t len)
{
	return prefix_to_text(p, CIDR_NOFLAGS, buf, len);
}

char *
prefix_format_address(const struct prefix *p, char *buf, size_t len)
{
	return prefix_to_text(p, CIDR_ONLYADDR, buf, len);
}

char *
prefix_format_netmask(const struct prefix *p, char *buf, size_t len)
{
	return prefix_to_text(p, CIDR_NETMASK | CIDR_ONLYPFLEN, buf, len);
}

bool
prefix_is_v4(const struct prefix *p)
{
	return p->family == 4;
}

bool
prefix_is_v6(const struct prefix *p)
{
	return p->family == 6;
}

int
prefix_length(const struct prefix *p)
{
	return p->len;
}

bool
prefix_contains(const struct prefix *big, const struct prefix *little)
{
	if (big->family != little->family || big->len > little->len)
		return false;
	return cidr_contains(&big->c, &little->c) == 0;
}

/* Same family, address and length: the value libcidr would call equal. */
bool
prefix_equal(const struct prefix *a, const struct prefix *b)
{
	return a->family == b->family && a->len == b->len &&
	    memcmp(a->c.addr, b->c.addr, sizeof a->c.addr) == 0;
}

bool
prefix_overlaps(const struct prefix *a, const struct prefix *b)
{
	return prefix_contains(a, b) || prefix_contains(b, a);
}

int
prefix_compare(const struct prefix *a, const struct prefix *b)
{
	int c;

	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	c = memcmp(a->c.addr, b->c.addr, sizeof a->c.addr);
	if (c != 0)
		return c < 0 ? -1 : 1;
	return a->len < b->len ? -1 : a->len > b->len;
}

int
prefix_host(const struct prefix *p, uint32_t n, struct prefix *out)
{
	int bits = (prefix_is_v4(p) ? 32 : 128) - prefix_length(p);
	CIDR c = p->c;
	uint32_t carry = n;

	if (bits < 32 && (uint64_t)n >= ((uint64_t)1 << bits))
		return -1;
	for (int i = 15; i >= 0 && carry; i--) {
		uint32_t v = c.addr[i] + (carry & 0xff);

		c.addr[i] = (uint8_t)v;
		carry = (carry >> 8) + (v >> 8);
	}
	memset(c.mask, 0xff, sizeof c.mask);
	out->c = c;
	out->len = p->family == 4 ? 32 : 128;
	out->family = p->family;
	return 0;
}

int
prefix_bytes(const struct prefix *p, uint8_t out[16])
{
	if (prefix_is_v4(p)) {
		memcpy(out, p->c.addr + V4_OFFSET, 4);
		return 4;
	}
	memcpy(out, p->c.addr, 16);
	return 16;
}
