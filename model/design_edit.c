#include "design.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "xalloc.h"

/* A component ID of the longest kind: "wan:" and two names. */
#define ID_MAX (2 * DESIGN_NAME_MAX + 16)

/* Lists in a confirmation question stay short: six names, then "...". */
static void
list_add(struct strbuf *sb, int *n, const char *name)
{
	if (*n < 6)
		strbuf_addf(sb, "%s%s", *n ? ", " : "", name);
	else if (*n == 6)
		strbuf_puts(sb, ", ...");
	(*n)++;
}

/* What the delete takes beyond the objects themselves: traffic demands
 * for a deleted data center's prefixes and risk groups left empty.  Told
 * by deleting from a copy, so the question asked before a delete always
 * matches what the delete does. */
static void
side_effects(const struct design *d, enum design_object kind, size_t index,
    const char *location, struct strbuf *sb, int *n)
{
	struct design *c = design_clone(d);

	design_delete(c, kind, index, location);
	if (c->ntraffic < d->ntraffic) {
		char buf[64];

		snprintf(buf, sizeof buf, "%zu traffic demand%s",
		    d->ntraffic - c->ntraffic,
		    d->ntraffic - c->ntraffic == 1 ? "" : "s");
		list_add(sb, n, buf);
	}
	for (size_t r = 0; r < d->nrisks; r++)
		if (design_find_risk(c, d->risks[r].name) < 0) {
			char buf[ID_MAX];

			snprintf(buf, sizeof buf, "risk group %s (left empty)",
			    d->risks[r].name);
			list_add(sb, n, buf);
		}
	design_free(&c);
}

char *
design_dependents(const struct design *d, enum design_object kind,
    size_t index, const char *location)
{
	struct strbuf sb = STRBUF_INIT;
	int n = 0;

	switch (kind) {
	case DESIGN_DC: {
		const char *dc;

		if (index >= d->ndcs)
			break;
		dc = d->dcs[index].name;
		for (size_t v = 0; v < d->ndevices; v++) {
			if (strcmp(d->devices[v].dc, dc) != 0)
				continue;
			list_add(&sb, &n, d->devices[v].name);
			for (size_t k = 0; k < d->nconns; k++)
				if (strcmp(d->conns[k].device, d->devices[v].name) == 0)
					list_add(&sb, &n, d->conns[k].name);
		}
		for (size_t w = 0; w < d->nwans; w++)
			if (strcmp(d->wans[w].a, dc) == 0 ||
			    strcmp(d->wans[w].b, dc) == 0) {
				char buf[ID_MAX];

				snprintf(buf, sizeof buf, "wan:%s-%s", d->wans[w].a,
				    d->wans[w].b);
				list_add(&sb, &n, buf);
			}
		break;
	}
	case DESIGN_DEVICE:
		if (index >= d->ndevices)
			break;
		for (size_t k = 0; k < d->nconns; k++)
			if (strcmp(d->conns[k].device, d->devices[index].name) == 0)
				list_add(&sb, &n, d->conns[k].name);
		break;
	case DESIGN_LOCATION:
		if (location == NULL)
			break;
		for (size_t k = 0; k < d->nconns; k++)
			if (d->conns[k].type == CONN_DX &&
			    strcmp(d->conns[k].location, location) == 0)
				list_add(&sb, &n, d->conns[k].name);
		break;
	case DESIGN_VPC:
	case DESIGN_CONN:
	case DESIGN_WAN:
	case DESIGN_RISK:
		break;
	}
	if (kind != DESIGN_VPC)
		side_effects(d, kind, index, location, &sb, &n);
	if (n == 0) {
		strbuf_free(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

/* Remove element i of an array of *n elements of size bytes each. */
static void
remove_at(void *base, size_t *n, size_t i, size_t size)
{
	char *b = base;

	memmove(b + i * size, b + (i + 1) * size, (*n - i - 1) * size);
	(*n)--;
}

static void
remove_member(struct risk *rk, size_t m)
{
	free(rk->members[m]);
	remove_at(rk->members, &rk->nmembers, m, sizeof *rk->members);
}

/* Drop risk members equal to id (and, for a connection, its bare name
 * and its tunnels). */
static void
drop_members(struct design *d, const char *id, const char *conn)
{
	size_t cl = conn ? strlen(conn) : 0;

	for (size_t r = 0; r < d->nrisks; r++) {
		struct risk *rk = &d->risks[r];

		for (size_t m = 0; m < rk->nmembers;) {
			const char *s = rk->members[m];
			bool hit = strcmp(s, id) == 0 || (conn != NULL &&
			    (strcmp(s, conn) == 0 || (strncmp(s, "tunnel:", 7) == 0 &&
			    strncmp(s + 7, conn, cl) == 0 && s[7 + cl] == '/')));

			if (hit)
				remove_member(rk, m);
			else
				m++;
		}
	}
}

static void
remove_layout(struct design *d, size_t i)
{
	remove_at(d->layout, &d->nlayout, i, sizeof *d->layout);
}

static void
drop_layout(struct design *d, const char *name)
{
	for (size_t i = 0; i < d->nlayout;) {
		if (strcmp(d->layout[i].name, name) == 0)
			remove_layout(d, i);
		else
			i++;
	}
}

static bool
is_location(const struct design *d, const char *name)
{
	for (size_t k = 0; k < d->nconns; k++)
		if (d->conns[k].type == CONN_DX &&
		    strcmp(d->conns[k].location, name) == 0)
			return true;
	return false;
}

/* A layout entry belongs to whatever data center, device or DX location
 * bears its name; they share the one layout group of the file. */
static bool
layout_owned(const struct design *d, const char *name)
{
	return design_find_dc(d, name) >= 0 ||
	    design_find_device(d, name) >= 0 || is_location(d, name);
}

static void
delete_conn(struct design *d, size_t k)
{
	char id[ID_MAX];

	snprintf(id, sizeof id, "connection:%s", d->conns[k].name);
	drop_members(d, id, d->conns[k].name);
	free(d->conns[k].adverts);
	free(d->conns[k].description);
	remove_at(d->conns, &d->nconns, k, sizeof *d->conns);
}

static void
delete_wan(struct design *d, size_t w)
{
	char id[ID_MAX];

	snprintf(id, sizeof id, "wan:%s-%s", d->wans[w].a, d->wans[w].b);
	drop_members(d, id, NULL);
	snprintf(id, sizeof id, "wan:%s-%s", d->wans[w].b, d->wans[w].a);
	drop_members(d, id, NULL);
	remove_at(d->wans, &d->nwans, w, sizeof *d->wans);
}

static void
delete_device(struct design *d, size_t v)
{
	char id[ID_MAX];

	for (size_t k = d->nconns; k-- > 0;)
		if (strcmp(d->conns[k].device, d->devices[v].name) == 0)
			delete_conn(d, k);
	snprintf(id, sizeof id, "device:%s", d->devices[v].name);
	drop_members(d, id, NULL);
	drop_layout(d, d->devices[v].name);
	free(d->devices[v].description);
	remove_at(d->devices, &d->ndevices, v, sizeof *d->devices);
}

static void
delete_dc(struct design *d, size_t i)
{
	struct datacenter *dc = &d->dcs[i];
	char id[ID_MAX];

	for (size_t v = d->ndevices; v-- > 0;)
		if (strcmp(d->devices[v].dc, dc->name) == 0)
			delete_device(d, v);
	for (size_t w = d->nwans; w-- > 0;)
		if (strcmp(d->wans[w].a, dc->name) == 0 ||
		    strcmp(d->wans[w].b, dc->name) == 0)
			delete_wan(d, w);
	/* Traffic demands for its prefixes go with it. */
	for (size_t t = d->ntraffic; t-- > 0;)
		for (size_t p = 0; p < dc->nprefixes; p++)
			if (prefix_contains(&dc->prefixes[p],
			    &d->traffic[t].prefix)) {
				design_delete_item(d, DESIGN_ITEM_TRAFFIC, 0, t);
				break;
			}
	snprintf(id, sizeof id, "datacenter:%s", dc->name);
	drop_members(d, id, NULL);
	drop_layout(d, dc->name);
	free(dc->prefixes);
	free(dc->description);
	remove_at(d->dcs, &d->ndcs, i, sizeof *d->dcs);
}

/* What resolved before a deletion: the risk members that named a
 * component and the layout entries that named an object, sorted for
 * lookup, and which risk groups had members. */
struct resolved {
	char **members;
	size_t nmembers;
	char **layout;
	size_t nlayout;
	bool *had_members;
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
in_sorted(char **list, size_t n, const char *s)
{
	return n > 0 && bsearch(&s, list, n, sizeof *list, cmp_str) != NULL;
}

static void
resolved_take(struct resolved *rs, const struct design *d)
{
	size_t total = 0;

	memset(rs, 0, sizeof *rs);
	for (size_t r = 0; r < d->nrisks; r++)
		total += d->risks[r].nmembers;
	rs->members = xcalloc(total + 1, sizeof *rs->members);
	rs->had_members = xcalloc(d->nrisks + 1, sizeof *rs->had_members);
	for (size_t r = 0; r < d->nrisks; r++) {
		rs->had_members[r] = d->risks[r].nmembers > 0;
		for (size_t m = 0; m < d->risks[r].nmembers; m++)
			if (design_component_exists(d, d->risks[r].members[m]))
				rs->members[rs->nmembers++] = d->risks[r].members[m];
	}
	qsort(rs->members, rs->nmembers, sizeof *rs->members, cmp_str);
	for (size_t i = 0; i < rs->nmembers; i++)
		rs->members[i] = xstrdup(rs->members[i]);
	rs->layout = xcalloc(d->nlayout + 1, sizeof *rs->layout);
	for (size_t i = 0; i < d->nlayout; i++)
		if (layout_owned(d, d->layout[i].name))
			rs->layout[rs->nlayout++] = xstrdup(d->layout[i].name);
	qsort(rs->layout, rs->nlayout, sizeof *rs->layout, cmp_str);
}

/* After a deletion: drop what resolved before and names nothing now (a
 * location:, provider: or isp: member whose last connection or device
 * went, the layout entry of a location whose last DX went), then the risk
 * groups the deletion emptied, so a valid design stays valid. */
static void
resolved_prune(struct resolved *rs, struct design *d)
{
	for (size_t r = 0; r < d->nrisks; r++) {
		struct risk *rk = &d->risks[r];

		for (size_t m = 0; m < rk->nmembers;) {
			const char *s = rk->members[m];

			if (!design_component_exists(d, s) &&
			    in_sorted(rs->members, rs->nmembers, s))
				remove_member(rk, m);
			else
				m++;
		}
	}
	for (size_t i = 0; i < d->nlayout;) {
		const char *n = d->layout[i].name;

		if (!layout_owned(d, n) && in_sorted(rs->layout, rs->nlayout, n))
			remove_layout(d, i);
		else
			i++;
	}
	/* Risk groups are never reordered by a deletion: indices hold. */
	for (size_t r = d->nrisks; r-- > 0;)
		if (d->risks[r].nmembers == 0 && rs->had_members[r])
			design_delete_item(d, DESIGN_ITEM_RISK, 0, r);
	for (size_t i = 0; i < rs->nmembers; i++)
		free(rs->members[i]);
	for (size_t i = 0; i < rs->nlayout; i++)
		free(rs->layout[i]);
	free(rs->members);
	free(rs->layout);
	free(rs->had_members);
}

void
design_delete(struct design *d, enum design_object kind, size_t index,
    const char *location)
{
	struct resolved rs;

	resolved_take(&rs, d);
	switch (kind) {
	case DESIGN_DC:
		if (index < d->ndcs)
			delete_dc(d, index);
		break;
	case DESIGN_DEVICE:
		if (index < d->ndevices)
			delete_device(d, index);
		break;
	case DESIGN_CONN:
		if (index < d->nconns)
			delete_conn(d, index);
		break;
	case DESIGN_WAN:
		if (index < d->nwans)
			delete_wan(d, index);
		break;
	case DESIGN_LOCATION:
		if (location == NULL)
			break;
		for (size_t k = d->nconns; k-- > 0;)
			if (d->conns[k].type == CONN_DX &&
			    strcmp(d->conns[k].location, location) == 0)
				delete_conn(d, k);
		drop_layout(d, location);
		break;
	case DESIGN_RISK:
		design_delete_item(d, DESIGN_ITEM_RISK, 0, index);
		break;
	case DESIGN_VPC:
		break;
	}
	resolved_prune(&rs, d);
}

void
design_delete_item(struct design *d, enum design_item kind, size_t owner,
    size_t item)
{
	switch (kind) {
	case DESIGN_ITEM_PREFIX:
		if (owner < d->ndcs && item < d->dcs[owner].nprefixes)
			remove_at(d->dcs[owner].prefixes, &d->dcs[owner].nprefixes,
			    item, sizeof *d->dcs[owner].prefixes);
		break;
	case DESIGN_ITEM_ADVERT:
		if (owner < d->nconns && item < d->conns[owner].nadverts)
			remove_at(d->conns[owner].adverts, &d->conns[owner].nadverts,
			    item, sizeof *d->conns[owner].adverts);
		break;
	case DESIGN_ITEM_TRAFFIC:
		if (item < d->ntraffic)
			remove_at(d->traffic, &d->ntraffic, item, sizeof *d->traffic);
		break;
	case DESIGN_ITEM_RISK:
		if (item < d->nrisks) {
			struct risk *r = &d->risks[item];

			for (size_t m = 0; m < r->nmembers; m++)
				free(r->members[m]);
			free(r->members);
			remove_at(d->risks, &d->nrisks, item, sizeof *d->risks);
		}
		break;
	}
}

/* One rewrite of component IDs: from becomes to, or with prefix set,
 * every ID starting with from has that start replaced (tunnel:NAME/). */
struct id_map {
	char from[ID_MAX];
	char to[ID_MAX];
	bool prefix;
};

/* Each ID is rewritten by the first map that matches, once, so a rename
 * never chains (a -> b, then b -> c). */
static void
rewrite_ids(char **ids, size_t nids, const struct id_map *maps,
    size_t nmaps)
{
	for (size_t k = 0; k < nids; k++)
		for (size_t i = 0; i < nmaps; i++) {
			size_t fl = strlen(maps[i].from);

			if (maps[i].prefix ? strncmp(ids[k], maps[i].from, fl) == 0 :
			    strcmp(ids[k], maps[i].from) == 0) {
				char *n = xasprintf("%s%s", maps[i].to, ids[k] + fl);

				free(ids[k]);
				ids[k] = n;
				break;
			}
		}
}

static void
map_id(struct id_map *m, bool prefix, const char *kind, const char *old,
    const char *name, const char *tail)
{
	snprintf(m->from, sizeof m->from, "%s%s%s", kind, old, tail);
	snprintf(m->to, sizeof m->to, "%s%s%s", kind, name, tail);
	m->prefix = prefix;
}

/* The object's name, or NULL when index names none (a WAN link has no
 * name of its own; a DX location is named by any DX connection at it). */
static const char *
object_name(const struct design *d, enum design_object kind, size_t index)
{
	switch (kind) {
	case DESIGN_VPC:
		return d->vpc.name;
	case DESIGN_DC:
		return index < d->ndcs ? d->dcs[index].name : NULL;
	case DESIGN_DEVICE:
		return index < d->ndevices ? d->devices[index].name : NULL;
	case DESIGN_CONN:
		return index < d->nconns ? d->conns[index].name : NULL;
	case DESIGN_LOCATION:
		return index < d->nconns && d->conns[index].type == CONN_DX ?
		    d->conns[index].location : NULL;
	case DESIGN_RISK:
		return index < d->nrisks ? d->risks[index].name : NULL;
	case DESIGN_WAN:
		break;
	}
	return NULL;
}

/* How renaming old to name rewrites component IDs, with d as it is
 * before the rename: risk members and what-if failures follow by it. */
static struct id_map *
rename_maps(const struct design *d, enum design_object kind,
    const char *old, const char *name, size_t *n)
{
	struct id_map *m = xcalloc(2 * d->nwans + 3, sizeof *m);

	*n = 0;
	switch (kind) {
	case DESIGN_DC:
		map_id(&m[(*n)++], false, "datacenter:", old, name, "");
		/* wan:A-B in both orders, as deleting a link drops both. */
		for (size_t w = 0; w < d->nwans; w++) {
			const struct wan_link *l = &d->wans[w];
			const char *a = strcmp(l->a, old) == 0 ? name : l->a;
			const char *b = strcmp(l->b, old) == 0 ? name : l->b;

			if (a == l->a && b == l->b)
				continue;
			snprintf(m[*n].from, sizeof m[*n].from, "wan:%s-%s", l->a, l->b);
			snprintf(m[*n].to, sizeof m[*n].to, "wan:%s-%s", a, b);
			(*n)++;
			snprintf(m[*n].from, sizeof m[*n].from, "wan:%s-%s", l->b, l->a);
			snprintf(m[*n].to, sizeof m[*n].to, "wan:%s-%s", b, a);
			(*n)++;
		}
		break;
	case DESIGN_DEVICE:
		map_id(&m[(*n)++], false, "device:", old, name, "");
		break;
	case DESIGN_CONN:
		map_id(&m[(*n)++], false, "connection:", old, name, "");
		map_id(&m[(*n)++], true, "tunnel:", old, name, "/");
		map_id(&m[(*n)++], false, "", old, name, "");   /* a bare name */
		break;
	case DESIGN_LOCATION:
		map_id(&m[(*n)++], false, "location:", old, name, "");
		break;
	case DESIGN_RISK:
		map_id(&m[(*n)++], false, "risk:", old, name, "");
		break;
	case DESIGN_VPC:
	case DESIGN_WAN:
		break;
	}
	return m;
}

void
design_rename_ids(const struct design *d, enum design_object kind,
    size_t index, const char *name, char **ids, size_t n)
{
	const char *old = object_name(d, kind, index);
	struct id_map *maps;
	size_t nmaps;

	if (old == NULL || name == NULL)
		return;
	maps = rename_maps(d, kind, old, name, &nmaps);
	rewrite_ids(ids, n, maps, nmaps);
	free(maps);
}

/* Called once the object bears its new name.  One layout group serves
 * data centers, devices and locations, so a name can be shared: when
 * another object still bears the old name its entry is copied, not
 * moved, and when the new name has an entry already (another object's)
 * that one is kept, never duplicated (libconfig would refuse the file). */
static void
rename_layout(struct design *d, const char *old, const char *name)
{
	size_t i;

	for (i = 0; i < d->nlayout; i++)
		if (strcmp(d->layout[i].name, old) == 0)
			break;
	if (i == d->nlayout)
		return;
	for (size_t j = 0; j < d->nlayout; j++)
		if (strcmp(d->layout[j].name, name) == 0) {
			if (!layout_owned(d, old))
				remove_layout(d, i);
			return;
		}
	if (layout_owned(d, old))
		design_set_layout(d, name, d->layout[i].x, d->layout[i].y);
	else
		snprintf(d->layout[i].name, sizeof d->layout[i].name, "%s", name);
}

/* The fields that hold the names: called once the IDs are rewritten. */
static void
rename_dc(struct design *d, size_t index, const char *name)
{
	design_name old;

	snprintf(old, sizeof old, "%s", d->dcs[index].name);
	snprintf(d->dcs[index].name, sizeof old, "%s", name);
	for (size_t v = 0; v < d->ndevices; v++)
		if (strcmp(d->devices[v].dc, old) == 0)
			snprintf(d->devices[v].dc, sizeof old, "%s", name);
	for (size_t w = 0; w < d->nwans; w++) {
		if (strcmp(d->wans[w].a, old) == 0)
			snprintf(d->wans[w].a, sizeof old, "%s", name);
		if (strcmp(d->wans[w].b, old) == 0)
			snprintf(d->wans[w].b, sizeof old, "%s", name);
	}
	rename_layout(d, old, name);
}

static void
rename_device(struct design *d, size_t index, const char *name)
{
	design_name old;

	snprintf(old, sizeof old, "%s", d->devices[index].name);
	snprintf(d->devices[index].name, sizeof old, "%s", name);
	for (size_t k = 0; k < d->nconns; k++)
		if (strcmp(d->conns[k].device, old) == 0)
			snprintf(d->conns[k].device, sizeof old, "%s", name);
	rename_layout(d, old, name);
}

static void
rename_location(struct design *d, const char *location, const char *name)
{
	design_name old;

	snprintf(old, sizeof old, "%s", location);
	for (size_t k = 0; k < d->nconns; k++)
		if (d->conns[k].type == CONN_DX &&
		    strcmp(d->conns[k].location, old) == 0)
			snprintf(d->conns[k].location, sizeof old, "%s", name);
	rename_layout(d, old, name);
}

/* The name as a message may show it: cut to a name's length, control
 * characters as '?', as design_validate() shows it. */
static void
shown_name(char *buf, size_t len, const char *name)
{
	size_t i;

	for (i = 0; name[i] && i < DESIGN_NAME_MAX && i + 1 < len; i++)
		buf[i] = (unsigned char)name[i] < 0x20 || name[i] == 0x7f ?
		    '?' : name[i];
	buf[i] = '\0';
}

/* Whether another object of the kind already has the name. */
static bool
name_taken(const struct design *d, enum design_object kind,
    const char *name)
{
	switch (kind) {
	case DESIGN_DC:
		return design_find_dc(d, name) >= 0;
	case DESIGN_DEVICE:
		return design_find_device(d, name) >= 0;
	case DESIGN_CONN:
		return design_find_conn(d, name) >= 0;
	case DESIGN_LOCATION:
		return is_location(d, name);
	case DESIGN_RISK:
		return design_find_risk(d, name) >= 0;
	case DESIGN_VPC:
	case DESIGN_WAN:
		break;
	}
	return false;
}

int
design_rename(struct design *d, enum design_object kind, size_t index,
    const char *name, struct error *err)
{
	static const char *const what[] = {
		[DESIGN_VPC] = "the VPC", [DESIGN_DC] = "a data center",
		[DESIGN_DEVICE] = "a device", [DESIGN_LOCATION] = "a DX location",
		[DESIGN_CONN] = "a connection", [DESIGN_WAN] = "a WAN link",
		[DESIGN_RISK] = "a risk group",
	};
	static const char *const array[] = {
		[DESIGN_DC] = "datacenters", [DESIGN_DEVICE] = "devices",
		[DESIGN_LOCATION] = "connections", [DESIGN_CONN] = "connections",
		[DESIGN_WAN] = "wan", [DESIGN_RISK] = "risks",
	};
	char field[64], shown[DESIGN_NAME_MAX + 1];
	const char *current = object_name(d, kind, index), *why;
	struct id_map *maps;
	size_t nmaps;

	if (kind == DESIGN_VPC)
		snprintf(field, sizeof field, "vpc.name");
	else
		snprintf(field, sizeof field, "%s[%zu]%s", array[kind], index,
		    kind == DESIGN_LOCATION ? ".location" :
		    kind == DESIGN_WAN ? "" : ".name");
	if (kind == DESIGN_WAN) {
		error_add(err, NULL, 0, field, "a WAN link has no name of its own: "
		    "it is named by the data centers it joins");
		return -1;
	}
	if (current == NULL) {
		error_add(err, NULL, 0, field, "no such %s in this design",
		    kind == DESIGN_LOCATION ? "DX connection" : "object");
		return -1;
	}
	if ((why = design_name_problem(name)) != NULL) {
		shown_name(shown, sizeof shown, name ? name : "");
		error_add(err, NULL, 0, field, "\"%s\": %s", shown, why);
		return -1;
	}
	if (strcmp(current, name) == 0)
		return 0;
	if (name_taken(d, kind, name)) {
		error_add(err, NULL, 0, field, "%s named %s already exists",
		    what[kind], name);
		return -1;
	}
	maps = rename_maps(d, kind, current, name, &nmaps);
	for (size_t r = 0; r < d->nrisks; r++)
		rewrite_ids(d->risks[r].members, d->risks[r].nmembers, maps, nmaps);
	free(maps);
	switch (kind) {
	case DESIGN_VPC:
		snprintf(d->vpc.name, sizeof d->vpc.name, "%s", name);
		break;
	case DESIGN_DC:
		rename_dc(d, index, name);
		break;
	case DESIGN_DEVICE:
		rename_device(d, index, name);
		break;
	case DESIGN_CONN:
		snprintf(d->conns[index].name, sizeof d->conns[index].name, "%s",
		    name);
		break;
	case DESIGN_LOCATION:
		rename_location(d, current, name);
		break;
	case DESIGN_RISK:
		snprintf(d->risks[index].name, sizeof d->risks[index].name, "%s",
		    name);
		break;
	case DESIGN_WAN:
		break;
	}
	return 0;
}

static bool
inside_used(const struct design *d, const struct prefix *p,
    const struct prefix *taken, int ntaken)
{
	for (int i = 0; i < ntaken; i++)
		if (prefix_overlaps(&taken[i], p))
			return true;
	for (size_t k = 0; k < d->nconns; k++)
		for (int t = 0; t < d->conns[k].ntunnels; t++)
			if (d->conns[k].type == CONN_VPN &&
			    prefix_overlaps(&d->conns[k].tunnels[t].inside, p))
				return true;
	return false;
}

int
design_propose_inside(const struct design *d, struct prefix *out, int n)
{
	int got = 0;

	/* From 169.254.10.0: clear of the reserved blocks, easy to read. */
	for (int i = 10 * 64; i < 256 * 64 && got < n; i++) {
		char buf[32], why[128];
		struct prefix p;

		snprintf(buf, sizeof buf, "169.254.%d.%d/30", i / 64, (i % 64) * 4);
		if (prefix_parse(buf, &p, why, sizeof why) != 0 ||
		    design_inside_problem(&p) != NULL ||
		    inside_used(d, &p, out, got))
			continue;
		out[got++] = p;
	}
	return got;
}
