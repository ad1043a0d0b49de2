/* The model's edits: what a deletion takes with it, deleting objects and
 * items, renaming with every reference (and refusing bad names), free
 * tunnel /30s.  Every edit of a valid design must leave it valid and
 * saving and loading it must give it back equal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/design.h"
#include "tests/support.h"

/* Every kind of reference a rename or a deletion must follow: risk
 * members of each component kind, a bare connection name, layout entries
 * of data centers, devices and locations, locations and providers shared
 * by two DX connections. */
static const char fixture[] =
    "version = 1;\n"
    "name = \"edits\";\n"
    "vpc = { name = \"prod\"; cidrs = [\"172.31.0.0/16\"]; gateway = \"vgw\"; asn = 64512; };\n"
    "datacenters = (\n"
    "  { name = \"dc1\"; prefixes = [\"10.0.0.0/16\"]; },\n"
    "  { name = \"dc2\"; prefixes = [\"10.1.0.0/16\"]; },\n"
    "  { name = \"dc3\"; prefixes = [\"10.2.0.0/16\"]; }\n"
    ");\n"
    "wan = ( { a = \"dc1\"; b = \"dc2\"; gbps = 10.0; },\n"
    "        { a = \"dc2\"; b = \"dc3\"; gbps = 10.0; } );\n"
    "devices = (\n"
    "  { name = \"cgw1\"; dc = \"dc1\"; vendor = \"frr\"; asn = 65001;\n"
    "    public_ip = \"203.0.113.10\"; isp = \"isp-a\"; },\n"
    "  { name = \"cgw2\"; dc = \"dc2\"; vendor = \"junos\"; asn = 65002; },\n"
    "  { name = \"cgw3\"; dc = \"dc3\"; vendor = \"cisco-ios\"; asn = 65003;\n"
    "    public_ip = \"198.51.100.20\"; isp = \"isp-b\"; }\n"
    ");\n"
    "connections = (\n"
    "  { name = \"vpn1\"; type = \"vpn\"; device = \"cgw1\";\n"
    "    tunnels = ( { inside = \"169.254.10.0/30\"; },\n"
    "                { inside = \"169.254.10.4/30\"; } );\n"
    "    advertise = ( { prefix = \"10.0.0.0/16\"; } ); },\n"
    "  { name = \"dx1\"; type = \"dx\"; device = \"cgw2\"; location = \"EqDC2\";\n"
    "    provider = \"Zayo\"; gbps = 10.0; vlan = 101; peer = \"169.254.100.0/30\";\n"
    "    advertise = ( { prefix = \"10.1.0.0/16\"; } ); },\n"
    "  { name = \"dx2\"; type = \"dx\"; device = \"cgw3\"; location = \"EqDC2\";\n"
    "    provider = \"Megaport\"; gbps = 10.0; vlan = 102; peer = \"169.254.100.4/30\";\n"
    "    advertise = ( { prefix = \"10.2.0.0/16\"; } ); },\n"
    "  { name = \"dx3\"; type = \"dx\"; device = \"cgw3\"; location = \"CoreSite\";\n"
    "    provider = \"Zayo\"; gbps = 10.0; vlan = 103; peer = \"169.254.100.8/30\";\n"
    "    advertise = ( { prefix = \"10.2.0.0/16\"; } ); }\n"
    ");\n"
    "traffic = (\n"
    "  { prefix = \"10.0.0.0/16\"; from_aws = 1.0; to_aws = 0.5; },\n"
    "  { prefix = \"10.2.0.0/16\"; from_aws = 2.0; to_aws = 1.0; }\n"
    ");\n"
    "risks = (\n"
    "  { name = \"r1\"; members = [\"vpn1\", \"tunnel:vpn1/1\", \"tunnel:vpn1/2\",\n"
    "      \"device:cgw1\", \"datacenter:dc1\", \"wan:dc1-dc2\", \"wan:dc2-dc3\",\n"
    "      \"location:EqDC2\", \"provider:Zayo\", \"isp:isp-a\"]; },\n"
    "  { name = \"r2\"; members = [\"dx1\"]; },\n"
    "  { name = \"r3\"; members = [\"location:CoreSite\", \"aws-endpoint:1\"]; }\n"
    ");\n"
    "layout = { dc1 = [0, 0]; cgw1 = [1, 1]; EqDC2 = [2, 2]; CoreSite = [3, 3];\n"
    "  dc2 = [4, 4]; };\n";

/* Saved and loaded back, the design is equal: nothing an edit left
 * behind (a duplicate layout key, say) stops the file from loading. */
static bool
round_trips(const struct design *d)
{
	char *text = design_to_string(d);
	struct error err = ERROR_INIT;
	struct design *back = NULL;
	bool ok;

	if (design_load_string(text, "saved.cfg", &back, &err) != 0) {
		char *s = error_string(&err);

		fprintf(stderr, "%s%s", text, s);
		free(s);
		error_clear(&err);
		free(text);
		return false;
	}
	ok = design_equal(d, back);
	design_free(&back);
	free(text);
	return ok;
}

static bool
has_member(const struct design *d, const char *id)
{
	for (size_t r = 0; r < d->nrisks; r++)
		for (size_t m = 0; m < d->risks[r].nmembers; m++)
			if (strcmp(d->risks[r].members[m], id) == 0)
				return true;
	return false;
}

static int
layout_count(const struct design *d, const char *name)
{
	int n = 0;

	for (size_t i = 0; i < d->nlayout; i++)
		n += strcmp(d->layout[i].name, name) == 0;
	return n;
}

/* IDs held outside the design (the designer's what-if failures) follow
 * a rename as risk members do. */
static void
test_rename_ids(void **state)
{
	struct design *d = support_load_file("samples/multi-dc.cfg");
	char *ids[] = { xstrdup("wan:dc2-dc1"), xstrdup("datacenter:dc1"),
		xstrdup("tunnel:vpn1/2"), xstrdup("connection:dx1"),
		xstrdup("location:EqDC2") };
	size_t n = sizeof ids / sizeof ids[0];

	(void)state;
	design_rename_ids(d, DESIGN_DC, 0, "ash", ids, n);
	design_rename_ids(d, DESIGN_CONN, 0, "vpnA", ids, n);
	design_rename_ids(d, DESIGN_LOCATION, 1, "Equinix", ids, n);
	assert_string_equal(ids[0], "wan:dc2-ash");
	assert_string_equal(ids[1], "datacenter:ash");
	assert_string_equal(ids[2], "tunnel:vpnA/2");
	assert_string_equal(ids[3], "connection:dx1");
	assert_string_equal(ids[4], "location:Equinix");
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	design_free(&d);
}

static void
test_dependents_and_delete(void **state)
{
	struct design *d = support_load_file("samples/multi-dc.cfg");
	char *s;

	(void)state;
	s = design_dependents(d, DESIGN_DC, 0, NULL);
	assert_string_equal(s, "cgw1, vpn1, wan:dc1-dc2, 1 traffic demand");
	free(s);
	s = design_dependents(d, DESIGN_DEVICE, 1, NULL);
	assert_string_equal(s, "dx1");
	free(s);
	assert_null(design_dependents(d, DESIGN_CONN, 0, NULL));
	s = design_dependents(d, DESIGN_LOCATION, 0, "EqDC2");
	assert_string_equal(s, "dx1");
	free(s);
	design_delete(d, DESIGN_DC, 0, NULL);
	assert_int_equal(d->ndcs, 1);
	assert_int_equal(d->ndevices, 1);
	assert_int_equal(d->nconns, 1);
	assert_int_equal(d->nwans, 0);
	assert_int_equal(d->ntraffic, 1);
	assert_string_equal(d->conns[0].name, "dx1");
	assert_true(support_valid(d));
	design_delete(d, DESIGN_LOCATION, 0, "EqDC2");
	assert_int_equal(d->nconns, 0);
	assert_true(support_valid(d));
	design_free(&d);
}

static void
test_dependents_texts(void **state)
{
	struct design *d = support_load_text(fixture);
	char *s;

	(void)state;
	s = design_dependents(d, DESIGN_DC, 2, NULL);
	assert_string_equal(s, "cgw3, dx2, dx3, wan:dc2-dc3, 1 traffic demand");
	free(s);
	s = design_dependents(d, DESIGN_DC, 1, NULL);
	/* r2 holds dx1 alone: the question says it goes too. */
	assert_string_equal(s, "cgw2, dx1, wan:dc1-dc2, wan:dc2-dc3, "
	    "risk group r2 (left empty)");
	free(s);
	s = design_dependents(d, DESIGN_DEVICE, 2, NULL);
	assert_string_equal(s, "dx2, dx3");
	free(s);
	s = design_dependents(d, DESIGN_LOCATION, 0, "EqDC2");
	assert_string_equal(s, "dx1, dx2, risk group r2 (left empty)");
	free(s);
	s = design_dependents(d, DESIGN_CONN, 1, NULL);
	assert_string_equal(s, "risk group r2 (left empty)");
	free(s);
	s = design_dependents(d, DESIGN_LOCATION, 0, "CoreSite");
	assert_string_equal(s, "dx3");
	free(s);
	assert_null(design_dependents(d, DESIGN_LOCATION, 0, "nowhere"));
	assert_null(design_dependents(d, DESIGN_VPC, 0, NULL));
	assert_null(design_dependents(d, DESIGN_CONN, 0, NULL));
	assert_null(design_dependents(d, DESIGN_WAN, 0, NULL));
	assert_null(design_dependents(d, DESIGN_DC, 9, NULL));
	assert_null(design_dependents(d, DESIGN_DEVICE, 9, NULL));
	design_free(&d);

	/* Six names at most, then "...". */
	d = design_new();
	design_add_dc(d, "dc1");
	design_add_device(d, "edge", "dc1");
	for (int i = 1; i <= 8; i++) {
		char name[8];

		snprintf(name, sizeof name, "c%d", i);
		design_add_conn(d, name, CONN_VPN, "edge");
	}
	s = design_dependents(d, DESIGN_DEVICE, 0, NULL);
	assert_string_equal(s, "c1, c2, c3, c4, c5, c6, ...");
	free(s);
	s = design_dependents(d, DESIGN_DC, 0, NULL);
	assert_string_equal(s, "edge, c1, c2, c3, c4, c5, ...");
	free(s);
	design_free(&d);
}

/* Delete every object of every kind in turn, each from a fresh copy: the
 * result validates and round-trips. */
static void
test_delete_each_kind_validates(void **state)
{
	struct design *d = support_load_text(fixture);
	static const char *const locations[] = { "EqDC2", "CoreSite" };

	(void)state;
	for (int kind = DESIGN_VPC; kind <= DESIGN_RISK; kind++) {
		size_t n = 1;

		switch ((enum design_object)kind) {
		case DESIGN_VPC: n = 1; break;
		case DESIGN_DC: n = d->ndcs; break;
		case DESIGN_DEVICE: n = d->ndevices; break;
		case DESIGN_LOCATION: n = 2; break;
		case DESIGN_CONN: n = d->nconns; break;
		case DESIGN_WAN: n = d->nwans; break;
		case DESIGN_RISK: n = d->nrisks; break;
		}
		for (size_t i = 0; i < n; i++) {
			struct design *c = design_clone(d);
			const char *loc = kind == DESIGN_LOCATION ? locations[i] : NULL;

			design_delete(c, (enum design_object)kind, i, loc);
			if (!support_valid(c) || !round_trips(c))
				fail_msg("deleting object %zu of kind %d", i, kind);
			if (kind == DESIGN_VPC)
				assert_true(design_equal(c, d));
			design_free(&c);
		}
	}
	design_free(&d);
}

/* What a deletion orphans beyond the object's own IDs goes too. */
static void
test_delete_orphans(void **state)
{
	struct design *d = support_load_text(fixture), *c;

	(void)state;
	/* The last DX at CoreSite: its location member and layout entry go;
	 * Zayo still has dx1. */
	c = design_clone(d);
	design_delete(c, DESIGN_CONN, 3, NULL);
	assert_false(has_member(c, "location:CoreSite"));
	assert_true(has_member(c, "aws-endpoint:1"));
	assert_true(has_member(c, "provider:Zayo"));
	assert_int_equal(layout_count(c, "CoreSite"), 0);
	assert_int_equal(c->nrisks, 3);
	assert_true(support_valid(c));
	/* Then dx1: r2 loses its one member and goes; Zayo has no DX left. */
	design_delete(c, DESIGN_CONN, 1, NULL);
	assert_int_equal(c->nrisks, 2);
	assert_string_equal(c->risks[1].name, "r3");
	assert_false(has_member(c, "provider:Zayo"));
	assert_true(has_member(c, "location:EqDC2"));
	assert_true(support_valid(c));
	design_free(&c);

	/* A device takes its ISP's member when it was the ISP's last. */
	c = design_clone(d);
	design_delete(c, DESIGN_DEVICE, 0, NULL);
	assert_false(has_member(c, "isp:isp-a"));
	assert_false(has_member(c, "device:cgw1"));
	assert_false(has_member(c, "connection:vpn1"));
	assert_false(has_member(c, "tunnel:vpn1/1"));
	assert_int_equal(layout_count(c, "cgw1"), 0);
	assert_true(support_valid(c));
	design_free(&c);

	/* A location takes its member; the other layout entries stay. */
	c = design_clone(d);
	design_delete(c, DESIGN_LOCATION, 0, "EqDC2");
	assert_int_equal(c->nconns, 2);
	assert_false(has_member(c, "location:EqDC2"));
	assert_int_equal(layout_count(c, "EqDC2"), 0);
	assert_int_equal(layout_count(c, "CoreSite"), 1);
	assert_true(support_valid(c));
	design_free(&c);

	/* A WAN link. */
	c = design_clone(d);
	design_delete(c, DESIGN_WAN, 1, NULL);
	assert_false(has_member(c, "wan:dc2-dc3"));
	assert_true(has_member(c, "wan:dc1-dc2"));
	assert_true(support_valid(c));
	design_free(&c);

	/* A data center: devices, connections, WAN links, traffic. */
	c = design_clone(d);
	design_delete(c, DESIGN_DC, 2, NULL);
	assert_int_equal(c->ndcs, 2);
	assert_int_equal(c->ndevices, 2);
	assert_int_equal(c->nconns, 2);
	assert_int_equal(c->nwans, 1);
	assert_int_equal(c->ntraffic, 1);
	assert_false(has_member(c, "location:CoreSite"));
	assert_true(support_valid(c));
	design_free(&c);

	/* Out of range, or the VPC: nothing changes. */
	c = design_clone(d);
	design_delete(c, DESIGN_DC, 3, NULL);
	design_delete(c, DESIGN_DEVICE, 3, NULL);
	design_delete(c, DESIGN_CONN, 4, NULL);
	design_delete(c, DESIGN_WAN, 2, NULL);
	design_delete(c, DESIGN_LOCATION, 0, "nowhere");
	design_delete(c, DESIGN_LOCATION, 0, NULL);
	design_delete(c, DESIGN_VPC, 0, NULL);
	assert_true(design_equal(c, d));
	design_free(&c);
	design_free(&d);
}

static void
test_delete_item(void **state)
{
	struct design *d = support_load_text(fixture), *c = design_clone(d);

	(void)state;
	design_delete_item(c, DESIGN_ITEM_PREFIX, 0, 1);
	design_delete_item(c, DESIGN_ITEM_PREFIX, 3, 0);
	design_delete_item(c, DESIGN_ITEM_ADVERT, 0, 1);
	design_delete_item(c, DESIGN_ITEM_ADVERT, 4, 0);
	design_delete_item(c, DESIGN_ITEM_TRAFFIC, 0, 2);
	design_delete_item(c, DESIGN_ITEM_RISK, 0, 3);
	assert_true(design_equal(c, d));
	design_delete_item(c, DESIGN_ITEM_RISK, 0, 1);
	assert_int_equal(c->nrisks, 2);
	assert_string_equal(c->risks[1].name, "r3");
	design_delete_item(c, DESIGN_ITEM_TRAFFIC, 0, 0);
	assert_int_equal(c->ntraffic, 1);
	assert_true(c->traffic[0].from_aws == 2.0);
	design_delete_item(c, DESIGN_ITEM_ADVERT, 2, 0);
	assert_int_equal(c->conns[2].nadverts, 0);
	design_dc_add_prefix(&c->dcs[0], &c->dcs[1].prefixes[0]);
	design_delete_item(c, DESIGN_ITEM_PREFIX, 0, 0);
	assert_int_equal(c->dcs[0].nprefixes, 1);
	assert_int_equal(c->dcs[0].prefixes[0].len, 16);
	design_free(&c);
	design_free(&d);
}

static void
test_rename(void **state)
{
	struct design *d = support_load_file("samples/multi-dc.cfg");
	struct error err = ERROR_INIT;
	struct risk *r;

	(void)state;
	r = design_add_risk(d, "conduit");
	design_risk_add_member(r, "connection:dx1");
	design_risk_add_member(r, "datacenter:dc1");
	design_set_layout(d, "dc1", 0, 0);
	assert_int_equal(design_rename(d, DESIGN_DC, 0, "ash", &err), 0);
	assert_int_equal(design_rename(d, DESIGN_CONN, 1, "dxA", &err), 0);
	assert_int_equal(design_rename(d, DESIGN_DEVICE, 0, "edge1", &err), 0);
	assert_int_equal(err.count, 0);
	assert_string_equal(d->devices[0].dc, "ash");
	assert_string_equal(d->wans[0].a, "ash");
	assert_string_equal(d->conns[0].device, "edge1");
	assert_string_equal(d->risks[0].members[0], "connection:dxA");
	assert_string_equal(d->risks[0].members[1], "datacenter:ash");
	assert_string_equal(d->layout[0].name, "ash");
	assert_true(support_valid(d));
	design_free(&d);
}

/* Refused renames say why and leave the design exactly as it was. */
static void
test_rename_refused(void **state)
{
	static const char *const bad[] = {
		"", "1dc", "a b", "dc\"1", "dc;1", "dc\n1",
		"a23456789012345678901234567890123",
	};
	static const struct {
		enum design_object kind;
		size_t index;
		const char *name;
		const char *message;
	} taken[] = {
		{ DESIGN_DC, 0, "dc2", "datacenters[0].name: a data center named "
		    "dc2 already exists" },
		{ DESIGN_DEVICE, 1, "cgw3", "devices[1].name: a device named cgw3 "
		    "already exists" },
		{ DESIGN_CONN, 0, "dx2", "connections[0].name: a connection named "
		    "dx2 already exists" },
		{ DESIGN_LOCATION, 1, "CoreSite", "connections[1].location: a DX "
		    "location named CoreSite already exists" },
		{ DESIGN_WAN, 0, "w1", "wan[0]: a WAN link has no name of its "
		    "own: it is named by the data centers it joins" },
		{ DESIGN_DC, 3, "dc4", "datacenters[3].name: no such object in "
		    "this design" },
		{ DESIGN_LOCATION, 0, "Equinix", "connections[0].location: no "
		    "such DX connection in this design" },
	};
	struct design *d = support_load_text(fixture), *orig = design_clone(d);
	struct error err = ERROR_INIT;
	char *s;

	(void)state;
	for (int kind = DESIGN_VPC; kind <= DESIGN_LOCATION; kind++)
		for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
			size_t index = kind == DESIGN_LOCATION ? 1 : 0;

			assert_int_equal(design_rename(d, (enum design_object)kind,
			    index, bad[i], &err), -1);
			assert_int_equal(err.count, 1);
			assert_true(design_equal(d, orig));
			error_clear(&err);
		}
	assert_int_equal(design_rename(d, DESIGN_CONN, 0, NULL, &err), -1);
	error_clear(&err);
	assert_int_equal(design_rename(d, DESIGN_DEVICE, 0, "dc\x01x", &err), -1);
	assert_int_equal(err.count, 1);
	s = error_item_string(&err.items[0]);
	assert_string_equal(s, "devices[0].name: \"dc?x\": a name holds only "
	    "letters, digits, '_', '.' and '-'");
	free(s);
	error_clear(&err);
	for (size_t i = 0; i < sizeof taken / sizeof *taken; i++) {
		assert_int_equal(design_rename(d, taken[i].kind, taken[i].index,
		    taken[i].name, &err), -1);
		assert_int_equal(err.count, 1);
		s = error_item_string(&err.items[0]);
		assert_string_equal(s, taken[i].message);
		free(s);
		error_clear(&err);
		assert_true(design_equal(d, orig));
	}
	/* A name of another kind is free; the object's own name is a no-op. */
	assert_int_equal(design_rename(d, DESIGN_CONN, 0, "vpn1", &err), 0);
	assert_int_equal(design_rename(d, DESIGN_LOCATION, 2, "EqDC2", &err), 0);
	assert_true(design_equal(d, orig));
	assert_int_equal(design_rename(d, DESIGN_CONN, 0, "cgw1", &err), 0);
	assert_int_equal(err.count, 0);
	assert_true(support_valid(d));
	design_free(&orig);
	design_free(&d);
}

static void
check_renamed(struct design *d)
{
	assert_true(support_valid(d));
	assert_true(round_trips(d));
}

/* Each kind renamed: every reference follows, the design validates and
 * round-trips. */
static void
test_rename_every_reference(void **state)
{
	struct design *d = support_load_text(fixture), *c;
	struct error err = ERROR_INIT;

	(void)state;
	/* A data center at both ends of WAN links. */
	c = design_clone(d);
	assert_int_equal(design_rename(c, DESIGN_DC, 1, "rst", &err), 0);
	assert_string_equal(c->dcs[1].name, "rst");
	assert_string_equal(c->devices[1].dc, "rst");
	assert_string_equal(c->wans[0].b, "rst");
	assert_string_equal(c->wans[1].a, "rst");
	assert_true(has_member(c, "wan:dc1-rst"));
	assert_true(has_member(c, "wan:rst-dc3"));
	assert_false(has_member(c, "wan:dc1-dc2"));
	assert_int_equal(layout_count(c, "rst"), 1);
	assert_int_equal(layout_count(c, "dc2"), 0);
	check_renamed(c);
	design_free(&c);

	c = design_clone(d);
	assert_int_equal(design_rename(c, DESIGN_DC, 0, "ash-1", &err), 0);
	assert_string_equal(c->devices[0].dc, "ash-1");
	assert_string_equal(c->wans[0].a, "ash-1");
	assert_true(has_member(c, "datacenter:ash-1"));
	assert_true(has_member(c, "wan:ash-1-dc2"));
	assert_true(has_member(c, "wan:dc2-dc3"));
	assert_string_equal(c->layout[0].name, "ash-1");
	check_renamed(c);
	design_free(&c);

	/* A device. */
	c = design_clone(d);
	assert_int_equal(design_rename(c, DESIGN_DEVICE, 0, "edge.1", &err), 0);
	assert_string_equal(c->conns[0].device, "edge.1");
	assert_true(has_member(c, "device:edge.1"));
	assert_false(has_member(c, "device:cgw1"));
	assert_string_equal(c->layout[1].name, "edge.1");
	check_renamed(c);
	design_free(&c);

	/* A VPN: its connection ID and both tunnels. */
	c = design_clone(d);
	assert_int_equal(design_rename(c, DESIGN_CONN, 0, "vpnA", &err), 0);
	assert_string_equal(c->risks[0].members[0], "connection:vpnA");
	assert_string_equal(c->risks[0].members[1], "tunnel:vpnA/1");
	assert_string_equal(c->risks[0].members[2], "tunnel:vpnA/2");
	check_renamed(c);
	design_free(&c);

	/* A DX; a connection named like a prefix of another keeps its own. */
	c = design_clone(d);
	assert_int_equal(design_rename(c, DESIGN_CONN, 1, "dx10", &err), 0);
	assert_string_equal(c->risks[1].members[0], "connection:dx10");
	assert_true(has_member(c, "tunnel:vpn1/1"));
	assert_int_equal(design_rename(c, DESIGN_CONN, 0, "vpn", &err), 0);
	assert_true(has_member(c, "tunnel:vpn/1"));
	assert_true(has_member(c, "connection:vpn"));
	check_renamed(c);
	design_free(&c);

	/* A DX location, named by one of its connections: every DX there,
	 * its member and its layout entry. */
	c = design_clone(d);
	assert_int_equal(design_rename(c, DESIGN_LOCATION, 2, "Equinix-DC2",
	    &err), 0);
	assert_string_equal(c->conns[1].location, "Equinix-DC2");
	assert_string_equal(c->conns[2].location, "Equinix-DC2");
	assert_string_equal(c->conns[3].location, "CoreSite");
	assert_true(has_member(c, "location:Equinix-DC2"));
	assert_false(has_member(c, "location:EqDC2"));
	assert_int_equal(layout_count(c, "Equinix-DC2"), 1);
	assert_int_equal(layout_count(c, "EqDC2"), 0);
	check_renamed(c);
	design_free(&c);

	/* The VPC. */
	c = design_clone(d);
	assert_int_equal(design_rename(c, DESIGN_VPC, 0, "shared", &err), 0);
	assert_string_equal(c->vpc.name, "shared");
	check_renamed(c);
	design_free(&c);

	/* A bare connection name in memory is renamed bare. */
	c = design_clone(d);
	design_risk_add_member(&c->risks[1], "dx1");
	assert_int_equal(design_rename(c, DESIGN_CONN, 1, "dxB", &err), 0);
	assert_string_equal(c->risks[1].members[0], "connection:dxB");
	assert_string_equal(c->risks[1].members[1], "dxB");
	design_free(&c);

	assert_int_equal(err.count, 0);
	design_free(&d);
}

/* Data centers, devices and locations share the file's one layout
 * group: a rename never leaves two entries of one name (the file would
 * not load) and never takes another object's entry. */
static void
test_rename_layout_shared(void **state)
{
	struct design *d = support_load_text(fixture), *c;
	struct error err = ERROR_INIT;

	(void)state;
	/* dc1 takes the name of device cgw1, which has an entry. */
	c = design_clone(d);
	assert_int_equal(design_rename(c, DESIGN_DC, 0, "cgw1", &err), 0);
	assert_int_equal(layout_count(c, "cgw1"), 1);
	assert_int_equal(layout_count(c, "dc1"), 0);
	check_renamed(c);

	/* Now a data center and a device share cgw1: renaming the device
	 * leaves the entry to the data center and gives the device a copy. */
	assert_int_equal(design_rename(c, DESIGN_DEVICE, 0, "edge", &err), 0);
	assert_int_equal(layout_count(c, "cgw1"), 1);
	assert_int_equal(layout_count(c, "edge"), 1);
	check_renamed(c);
	design_free(&c);

	/* A location renamed to a data center's name. */
	c = design_clone(d);
	assert_int_equal(design_rename(c, DESIGN_LOCATION, 3, "dc2", &err), 0);
	assert_int_equal(layout_count(c, "dc2"), 1);
	assert_int_equal(layout_count(c, "CoreSite"), 0);
	assert_true(has_member(c, "location:dc2"));
	check_renamed(c);
	design_free(&c);
	assert_int_equal(err.count, 0);
	design_free(&d);
}

static void
test_propose_inside(void **state)
{
	struct design *d = support_load_file("samples/multi-dc.cfg");
	struct prefix p[2];
	char a[PREFIX_STRLEN], b[PREFIX_STRLEN];

	(void)state;
	assert_int_equal(design_propose_inside(d, p, 2), 2);
	assert_string_equal(prefix_format(&p[0], a, sizeof a),
	    "169.254.10.8/30");
	assert_string_equal(prefix_format(&p[1], b, sizeof b),
	    "169.254.10.12/30");
	design_free(&d);
	d = design_new();
	assert_int_equal(design_propose_inside(d, p, 2), 2);
	assert_string_equal(prefix_format(&p[0], a, sizeof a),
	    "169.254.10.0/30");
	assert_null(design_inside_problem(&p[0]));
	design_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dependents_and_delete),
		cmocka_unit_test(test_dependents_texts),
		cmocka_unit_test(test_delete_each_kind_validates),
		cmocka_unit_test(test_delete_orphans),
		cmocka_unit_test(test_delete_item),
		cmocka_unit_test(test_rename),
		cmocka_unit_test(test_rename_refused),
		cmocka_unit_test(test_rename_every_reference),
		cmocka_unit_test(test_rename_ids),
		cmocka_unit_test(test_rename_layout_shared),
		cmocka_unit_test(test_propose_inside),
	};

	return cmocka_run_group_tests_name("design_edit", tests, NULL, NULL);
}
