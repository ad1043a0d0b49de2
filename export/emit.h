/* Inside export/: the exporter interface and the facts every exporter
 * needs, computed once per device (or once for the AWS side).
 *
 * An exporter is a struct export_ops: the driver (export.c) calls begin,
 * then tunnel for every VPN tunnel, dx for every DX connection, then bgp,
 * policy and end, all writing into the context's buffer.  A vendor is one
 * file defining its ops and one line in export.c's table.
 *
 * Every word an exporter writes outside a comment is a keyword, a number,
 * an address printed by libcidr, a validated design name (SPEC section 3:
 * [A-Za-z][A-Za-z0-9_.-]{0,31}) or a key that secrets_load() accepted.
 * Free text (the design's title, descriptions) only ever goes into comment
 * lines, through xcomment_text(). */
#ifndef HATOPO_EXPORT_EMIT_H
#define HATOPO_EXPORT_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/design.h"
#include "model/error.h"
#include "model/prefix.h"
#include "model/secrets.h"
#include "model/strbuf.h"
#include "export/export.h"

#define X_ADDR PREFIX_STRLEN
#define X_TOKEN 96          /* placeholders and derived names */
#define X_IFNAMSIZ 16       /* Linux interface names: 15 characters */

/* AWS's figures (reference/aws-facts.md 3.6-3.8). */
#define X_VPN_KEEPALIVE 10
#define X_VPN_HOLD 30
#define X_BFD_INTERVAL 300
#define X_BFD_MULTIPLIER 3
#define X_DPD_TIMEOUT 30
#define X_LAB_KEEPALIVE 1
#define X_LAB_HOLD 3

/* One VPN tunnel on the device (or, for the AWS side, in the design). */
struct xtunnel {
	const struct connection *c;
	const struct device *dev;
	int t;                      /* 1 or 2, as AWS numbers them */
	int ord;                    /* 1.. over the device's tunnels */
	int conn_ord;               /* 1.. over the device's VPN connections */
	char inside[X_ADDR];        /* 169.254.10.0/30 */
	char aws_in[X_ADDR];        /* 169.254.10.1 */
	char cust_in[X_ADDR];       /* 169.254.10.2 */
	char mask[X_ADDR];          /* 255.255.255.252 */
	int plen;
	char aws_out[X_TOKEN];      /* AWS's outside address or a placeholder */
	bool aws_out_known;
	char cust_out[X_TOKEN];     /* the device's public address or one */
	bool cust_out_known;
	char vti[X_IFNAMSIZ];       /* Linux route-based interface (FRR) */
	char swan[X_TOKEN];         /* strongSwan section name */
	uint32_t key;               /* VTI key and XFRM mark: 100, 200, ... */
	const char *psk;
	bool enabled;
	int mtu, mss;
};

/* One DX connection's private (or transit) virtual interface. */
struct xdx {
	const struct connection *c;
	const struct device *dev;
	int ord;                    /* 1.. over the device's DX connections */
	char peer[X_ADDR];          /* 169.254.100.0/30 */
	char aws[X_ADDR];           /* AWS's peering address */
	char cust[X_ADDR];          /* the customer's */
	char mask[X_ADDR];
	int plen;
	const char *md5;
	uint32_t aws_asn;           /* the VGW's or the DX gateway's ASN */
};

struct xplaceholder {
	char name[X_TOKEN];
	char what[160];
};

/* A group of advertisements of one connection that share their
 * attributes: one prefix-list and one route-map entry each. */
struct xgroup {
	int prepend;
	enum lp_community lp;
	bool has_med;
	uint32_t med;
	size_t first;               /* index of its first advertisement */
	int n;                      /* how many IPv4 advertisements */
};

struct xctx {
	const struct design *d;
	const struct device *dev;   /* NULL: the AWS side */
	const struct secrets *s;
	bool lab;                   /* the lab's twin (tests/lab) */
	struct xtunnel *tun;
	size_t ntun;
	struct xdx *dx;
	size_t ndx;
	const struct connection **conns;    /* on this device, file order */
	size_t nconns;
	char cust_out[X_TOKEN];     /* the device's public address or a name */
	bool cust_out_known;
	struct xplaceholder *ph;
	size_t nph, phcap;
	char file[DESIGN_NAME_MAX + 32];    /* the file being written */
	struct strbuf sb;
	struct error *err;
	int bad;                    /* problems added to err */
	void *vendor;               /* an exporter's own state */
};

struct export_ops {
	const char *name;           /* "cisco-ios", "frr", "strongswan", ... */
	int vendor;                 /* enum vendor, or -1: once, the AWS side */
	const char *suffix;         /* DEVICE + suffix, or the file name */
	bool secret;                /* the file holds keys */
	bool (*wanted)(const struct xctx *x);   /* NULL: always */
	void (*begin)(struct xctx *x);
	void (*tunnel)(struct xctx *x, const struct xtunnel *t);
	void (*dx)(struct xctx *x, const struct xdx *dx);
	void (*bgp)(struct xctx *x);
	void (*policy)(struct xctx *x);
	void (*end)(struct xctx *x);
};

extern const struct export_ops export_ops_ios;
extern const struct export_ops export_ops_junos;
extern const struct export_ops export_ops_frr;
extern const struct export_ops export_ops_strongswan;
extern const struct export_ops export_ops_terraform;
extern const struct export_ops export_ops_tfvars;

/* Review and lab files. */
char *export_dot(const struct design *d);
int export_lab(const struct design *d, const struct secrets *s,
    struct export_files *out, struct error *err);
/* One exporter over one device (NULL: the AWS side), lab twin or not;
 * the file is added to out. */
int export_run_ops(const struct export_ops *ops, const struct design *d,
    const struct device *dev, const struct secrets *s, bool lab,
    struct export_files *out, struct error *err);
void export_files_add(struct export_files *f, const char *name, char *text,
    bool secret);

/* Context life cycle: dev NULL gathers every tunnel and DX of the design
 * (the AWS side).  Missing keys and unusable values are added to err. */
void xctx_init(struct xctx *x, const struct design *d,
    const struct device *dev, const struct secrets *s, bool lab,
    struct error *err);
void xctx_free(struct xctx *x);
char *xctx_take(struct xctx *x);

/* Output. */
void xputs(struct xctx *x, const char *s);
void xprintf(struct xctx *x, const char *fmt, ...) XALLOC_PRINTF(2, 3);
void xfail(struct xctx *x, const char *fmt, ...) XALLOC_PRINTF(2, 3);
/* Free text made safe for one comment line: control characters become
 * '?', length is capped. */
void xcomment_text(const char *in, char *out, size_t len);
/* The common header: marker line, design, device, placeholders, in
 * comment lines starting with cmt. */
void xheader(struct xctx *x, const char *cmt, const char *what);
/* The comment above router bgp: the timers used, by connection type. */
void xbgp_comment(struct xctx *x, const char *cmt);
/* The ownership marker every file starts with (after cmt). */
#define X_MARKER "Written by hatopo export"

/* Devices and connections. */
bool xhas_vpn(const struct xctx *x);
bool xhas_bgp(const struct xctx *x);     /* a BGP VPN or a DX */
bool xhas_static(const struct xctx *x);
bool xhas_bfd(const struct xctx *x);
/* Advertisement groups of a connection (IPv4 only), in the order of their
 * first advertisement; free() the array. */
struct xgroup *xgroups(const struct connection *c, size_t *n);
bool xgroup_has(const struct xgroup *g, const struct advert *a);
/* Whether the connection has IPv6 advertisements, which need an IPv6
 * peering the design does not describe (each exporter says so). */
bool xconn_has_v6(const struct connection *c);
/* The IPv4 prefixes this device advertises over BGP, each once, in file
 * order; *n is set. */
const struct prefix **xanchors(const struct xctx *x, size_t *n);
/* AWS's ASN toward a connection: the VGW or TGW for a VPN, the DX gateway
 * for a DX (which differs from a TGW's: aws-facts 3.5). */
uint32_t xaws_asn(const struct design *d, const struct connection *c);
uint32_t export_dxgw_asn(const struct design *d);
/* The VPC CIDRs that are IPv4; free() the array. */
const struct prefix **xvpc_v4(const struct design *d, size_t *n);

/* Addresses. */
void xaddr(const struct prefix *p, char *buf);           /* 10.0.0.0 */
void xcidr(const struct prefix *p, char *buf);           /* 10.0.0.0/16 */
void xnetmask(const struct prefix *p, char *buf);        /* 255.255.0.0 */

/* Crypto: names in each dialect.  DH groups AWS accepts are 2, 5 and
 * 14-24; -1 / NULL where a dialect has no such group. */
bool xenc_gcm(int enc);
int xenc_bits(int enc);
const char *xdh_swan(int group);
/* The tunnel MTU and TCP MSS for a phase 2 proposal list (aws-facts 3.2,
 * NAT-T column, the least of the listed algorithms). */
void xmtu(const struct ike *ike, int *mtu, int *mss);

/* strongSwan proposals for phase 1 (IKE) or 2 (ESP), comma-separated,
 * appended to sb; empty when nothing is usable. */
void export_swan_proposals(const struct ike *ike, int phase,
    struct strbuf *sb);

/* Names. */
/* A Terraform identifier: '.' and '-' become '_'. */
void xtf_ident(const char *name, char *out, size_t len);

#endif
