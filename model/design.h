/* The design: data centers, WAN links, devices, VPN and DX connections,
 * what each advertises to AWS, traffic demands, shared-risk groups,
 * availability overrides and the TUI layout.  It knows nothing of
 * terminals; the file format is libconfig (SPEC section 3).
 *
 * Objects refer to each other by name, as in the file: a connection names
 * its device, a device its data center.  design_validate() guarantees every
 * reference resolves; the design_find_*() functions turn a name into an
 * index.  Every value that has a default holds the default after loading,
 * so code reading a design never needs to know what was left out. */
#ifndef HATOPO_DESIGN_H
#define HATOPO_DESIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "prefix.h"

#define DESIGN_VERSION 1
#define DESIGN_NAME_MAX 32          /* [A-Za-z][A-Za-z0-9_.-]{0,31} */
#define DESIGN_TEXT_MAX 200         /* design title and descriptions */
#define DESIGN_MAX_OBJECTS 100000   /* per list: a sanity bound, not a limit */
#define DESIGN_MAX_TUNNELS 2
#define DESIGN_FILE_MAX (16u * 1024 * 1024)

/* Defaults (SPEC section 3 and reference/aws-facts.md). */
#define DESIGN_DEFAULT_AWS_ASN 64512
#define DESIGN_DEFAULT_TUNNEL_GBPS 1.25
#define DESIGN_DEFAULT_LOCAL_PREF_DX 200
#define DESIGN_DEFAULT_LOCAL_PREF_VPN 100
#define DESIGN_DX_GBPS_MIN 0.05
#define DESIGN_DX_GBPS_MAX 400.0
#define DESIGN_PREPEND_MAX 10
#define DESIGN_ASN_MAX 4294967295u

typedef char design_name[DESIGN_NAME_MAX + 1];

enum gateway_kind { GATEWAY_VGW, GATEWAY_TGW };
enum vendor { VENDOR_CISCO_IOS, VENDOR_JUNOS, VENDOR_FRR, VENDOR_COUNT };
enum conn_type { CONN_VPN, CONN_DX };
enum routing { ROUTING_BGP, ROUTING_STATIC };
/* DX local-preference communities 7224:7100/7200/7300; NONE is untagged,
 * which AWS treats as medium. */
enum lp_community { LP_NONE, LP_LOW, LP_MEDIUM, LP_HIGH };

enum ike_encryption {
	IKE_AES128, IKE_AES256, IKE_AES128_GCM16, IKE_AES256_GCM16,
	IKE_ENCRYPTION_COUNT
};
enum ike_integrity {
	IKE_SHA1, IKE_SHA2_256, IKE_SHA2_384, IKE_SHA2_512, IKE_INTEGRITY_COUNT
};
#define IKE_DH_MAX 16

/* One IKE phase: algorithms in the order the engineer wrote them (the order
 * of the proposals on the customer side). */
struct ike_phase {
	int nencryption;
	uint8_t encryption[IKE_ENCRYPTION_COUNT];
	int nintegrity;
	uint8_t integrity[IKE_INTEGRITY_COUNT];
	int ndh;                    /* phase 2: 0 means no PFS */
	uint8_t dh[IKE_DH_MAX];
	uint32_t lifetime;          /* seconds */
};

struct ike {
	int version;                /* 1 or 2 */
	struct ike_phase phase1;
	struct ike_phase phase2;    /* dh[] is the PFS group list */
	uint32_t dpd;               /* DPD interval, seconds */
};

struct tunnel {
	struct prefix inside;       /* a /30 in 169.254.0.0/16 */
	bool has_outside;
	struct prefix aws_outside_ip;   /* a /32 address when has_outside */
	bool enabled;
	double gbps;
	int line;
};

/* One advertisement to AWS (BGP), or one static route of a static VPN. */
struct advert {
	struct prefix prefix;
	int prepend;                /* 0..10 extra copies of the device ASN */
	enum lp_community local_pref;   /* DX only */
	bool has_med;
	uint32_t med;               /* VPN BGP only */
	int line;
};

struct connection {
	design_name name;
	enum conn_type type;
	design_name device;
	enum routing routing;       /* VPN: bgp or static; DX is always bgp */
	int local_pref;             /* customer side's preference toward AWS */
	struct advert *adverts;
	size_t nadverts;
	size_t advcap;
	double availability;        /* 0: use the class default */
	char *description;          /* NULL when none */
	/* VPN */
	int ntunnels;
	struct tunnel tunnels[DESIGN_MAX_TUNNELS];
	struct ike ike;
	/* DX */
	design_name location;
	design_name provider;
	double gbps;
	int vlan;
	struct prefix peer;         /* /30 or /31: AWS first address, customer second */
	bool bfd;
	int line;
};

struct datacenter {
	design_name name;
	struct prefix *prefixes;
	size_t nprefixes;
	size_t pfxcap;
	double availability;
	char *description;
	int line;
};

struct wan_link {
	design_name a;
	design_name b;
	double gbps;
	double availability;
	int line;
};

struct device {
	design_name name;
	design_name dc;
	enum vendor vendor;
	uint32_t asn;
	bool has_public_ip;
	struct prefix public_ip;
	design_name isp;            /* "" when none */
	double availability;
	char *description;
	int line;
};

struct traffic {
	struct prefix prefix;
	double from_aws;            /* Gbps, AWS -> on premises */
	double to_aws;              /* Gbps, on premises -> AWS */
	int line;
};

/* A shared-risk group: members are component IDs (SPEC section 6); a bare
 * name in the file means "connection:NAME". */
struct risk {
	design_name name;
	char **members;
	size_t nmembers;
	double availability;
	int line;
};

/* Availability classes of SPEC section 8, in this order. */
enum avail_class {
	AVAIL_TUNNEL, AVAIL_DEVICE, AVAIL_DX, AVAIL_LOCATION, AVAIL_PROVIDER,
	AVAIL_ISP, AVAIL_DATACENTER, AVAIL_WAN, AVAIL_AWS_ENDPOINT, AVAIL_RISK,
	AVAIL_CLASS_COUNT
};

struct layout_entry {
	design_name name;           /* a data center, device or DX location */
	int x;
	int y;
};

enum rule_severity {
	RULE_SEVERITY_DEFAULT, RULE_SEVERITY_OFF, RULE_SEVERITY_INFO,
	RULE_SEVERITY_WARNING, RULE_SEVERITY_ERROR
};
#define DESIGN_RULE_COUNT 23        /* HA001 .. HA023 */

struct vpc {
	design_name name;
	struct prefix *cidrs;
	size_t ncidrs;
	size_t cidrcap;
	enum gateway_kind gateway;
	uint32_t asn;
	bool ecmp;
	int line;
};

struct design {
	int version;
	char *name;                 /* the design's title; never NULL */
	struct vpc vpc;
	struct datacenter *dcs;
	size_t ndcs, dccap;
	struct wan_link *wans;
	size_t nwans, wancap;
	struct device *devices;
	size_t ndevices, devcap;
	struct connection *conns;
	size_t nconns, conncap;
	struct traffic *traffic;
	size_t ntraffic, trafcap;
	struct risk *risks;
	size_t nrisks, riskcap;
	double avail[AVAIL_CLASS_COUNT];
	bool avail_set[AVAIL_CLASS_COUNT];  /* written in the file's block */
	struct layout_entry *layout;
	size_t nlayout, laycap;
	enum rule_severity rules[DESIGN_RULE_COUNT];   /* index 0 is HA001 */
};

/* Life cycle. */
struct design *design_new(void);
void design_free(struct design **d);
struct design *design_clone(const struct design *d);
/* Deep equality of everything load and save carry (not source lines). */
bool design_equal(const struct design *a, const struct design *b);

/* Load a design file; on failure *out is untouched and err holds every
 * problem found, each "FILE:LINE: field: message". */
int design_load(const char *path, struct design **out, struct error *err);
/* The same from text; filename names it in messages. */
int design_load_string(const char *text, const char *filename,
    struct design **out, struct error *err);
/* Check every rule of SPEC section 3 on an in-memory design (the TUI's
 * edits go through here).  file may be NULL. */
int design_validate(const struct design *d, const char *file,
    struct error *err);
/* The design as libconfig text: the exact inverse of loading. */
char *design_to_string(const struct design *d);
/* Save atomically: temporary file in the same folder, fsync, rename, fsync
 * of the folder; the previous file is kept as PATH~. */
int design_save(const struct design *d, const char *path, struct error *err);

/* Lookups: index or -1. */
int design_find_dc(const struct design *d, const char *name);
int design_find_device(const struct design *d, const char *name);
int design_find_conn(const struct design *d, const char *name);
int design_find_risk(const struct design *d, const char *name);
int design_find_wan(const struct design *d, const char *a, const char *b);
/* The data center a connection lands in (through its device), or -1. */
int design_conn_dc(const struct design *d, const struct connection *c);
/* Does a component ID (SPEC section 6) name something in this design? */
bool design_component_exists(const struct design *d, const char *id);
/* Fill the defaults of a new connection of the given type. */
void design_connection_defaults(struct connection *c, enum conn_type type);
/* The IKE defaults: IKEv2, AES256-GCM16, SHA2-256, DH 20 and 14. */
void design_ike_defaults(struct ike *ike);
double design_default_availability(enum avail_class cls);

/* Append zeroed objects and return them (for the loader, the TUI, tests). */
struct datacenter *design_add_dc(struct design *d, const char *name);
struct wan_link *design_add_wan(struct design *d, const char *a,
    const char *b, double gbps);
struct device *design_add_device(struct design *d, const char *name,
    const char *dc);
struct connection *design_add_conn(struct design *d, const char *name,
    enum conn_type type, const char *device);
struct advert *design_conn_add_advert(struct connection *c,
    const struct prefix *p);
void design_dc_add_prefix(struct datacenter *dc, const struct prefix *p);
void design_vpc_add_cidr(struct vpc *vpc, const struct prefix *p);
struct traffic *design_add_traffic(struct design *d, const struct prefix *p,
    double from_aws, double to_aws);
struct risk *design_add_risk(struct design *d, const char *name);
void design_risk_add_member(struct risk *r, const char *id);
void design_set_layout(struct design *d, const char *name, int x, int y);
void design_set_description(char **slot, const char *text);

/* Names and the words of the file format. */
bool design_name_valid(const char *s);
/* Why s is not a valid name, or NULL when it is. */
const char *design_name_problem(const char *s);
/* Why a free-text field is not acceptable (control characters, length). */
const char *design_text_problem(const char *s);
const char *design_vendor_name(enum vendor v);
int design_vendor_parse(const char *s, enum vendor *out);
const char *design_conn_type_name(enum conn_type t);
const char *design_routing_name(enum routing r);
const char *design_gateway_name(enum gateway_kind g);
const char *design_lp_name(enum lp_community lp);   /* NULL for LP_NONE */
/* 7100, 7200 or 7300 (untagged counts as 7200). */
int design_lp_community(enum lp_community lp);
const char *design_ike_encryption_name(enum ike_encryption e);
const char *design_ike_integrity_name(enum ike_integrity i);
const char *design_avail_class_name(enum avail_class c);
const char *design_rule_severity_name(enum rule_severity s);
/* "HA001".."HA023" -> 0..22, or -1. */
int design_rule_index(const char *id);
/* Is this DH group accepted by AWS in phase 1 (phase = 1) or 2? */
bool design_dh_allowed(int phase, int group);
/* Reserved tunnel inside /30s (reference/aws-facts.md 3.3). */
bool design_inside_reserved(const struct prefix *p);
/* Why p is not a usable tunnel inside CIDR, or NULL. */
const char *design_inside_problem(const struct prefix *p);

/* Edits (model/design_edit.c): deleting an object with what depends on
 * it, renaming with every reference, proposing free tunnel inside /30s.
 * design_delete() and design_rename() leave a valid design valid. */

/* The objects that can be selected, deleted or renamed; up to
 * DESIGN_WAN the same order as render/canvas.h's enum canvas_kind, so one
 * casts to the other (a risk group has no box on the canvas). */
enum design_object {
	DESIGN_VPC, DESIGN_DC, DESIGN_DEVICE, DESIGN_LOCATION, DESIGN_CONN,
	DESIGN_WAN, DESIGN_RISK
};
/* The items inside objects or lists. */
enum design_item {
	DESIGN_ITEM_PREFIX, DESIGN_ITEM_ADVERT, DESIGN_ITEM_TRAFFIC,
	DESIGN_ITEM_RISK
};

/* What deleting the object takes with it ("cgw1, vpn1, wan:dc1-dc2"), or
 * NULL when nothing depends on it.  index is into the design's array of
 * that kind; a DX location is named by location instead (index unused). */
char *design_dependents(const struct design *d, enum design_object kind,
    size_t index, const char *location);
/* Delete the object and what depends on it (a data center its devices,
 * their connections, its WAN links and the traffic demands for its
 * prefixes; a device its connections; a DX location its connections),
 * with the risk members and layout entries left naming nothing: those of
 * what was deleted, and of a location, provider or ISP whose last user
 * went.  A risk group left without members goes too.  The VPC is never
 * deleted; an index out of range deletes nothing. */
void design_delete(struct design *d, enum design_object kind, size_t index,
    const char *location);
/* Delete one prefix of data center owner, one advertisement of connection
 * owner, or traffic demand or risk group item (owner unused).  Nothing
 * else changes: the caller validates. */
void design_delete_item(struct design *d, enum design_item kind,
    size_t owner, size_t item);
/* Rename the VPC, a data center, device, connection, DX location or risk
 * group and every reference to it: devices' dc, connections' device and
 * location, WAN ends, risk members (datacenter:, device:, connection: or a
 * bare connection name, tunnel:NAME/N, location:, wan:A-B) and layout
 * entries.
 * A DX location is named by index of any DX connection at it.  Refuses
 * (-1, design unchanged) an invalid name, one taken by another object of
 * the kind, a WAN link (it has no name of its own) or an index out of
 * range.  The same name is a no-op. */
int design_rename(struct design *d, enum design_object kind, size_t index,
    const char *name, struct error *err);
/* Rewrite component IDs held elsewhere (the designer's what-if failures)
 * as design_rename(d, kind, index, name) rewrites risk members; d is the
 * design before the rename. */
void design_rename_ids(const struct design *d, enum design_object kind,
    size_t index, const char *name, char **ids, size_t n);
/* The first n (at most 2 used by the designer) /30s in 169.254.0.0/16
 * that are neither reserved nor used by a tunnel of the design, from
 * 169.254.10.0 on; returns how many were found. */
int design_propose_inside(const struct design *d, struct prefix *out, int n);

#endif
