#include "tui/edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/strbuf.h"

static void
list_add(struct strbuf *sb, int *n, const char *name)
{
	if (*n < 6)
		strbuf_addf(sb, "%s%s", *n ? ", " : "", name);
	else if (*n == 6)
		strbuf_puts(sb, ", ...");
	(*n)++;
}

char *
edit_dependents(const struct design *d, enum canvas_kind kind, size_t index,
    const char *location)
{
	struct strbuf sb = STRBUF_INIT;
	int n = 0;

	switch (kind) {
	case CANVAS_DC: {
		const char *dc = d->dcs[index].name;

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
				char buf[80];

				snprintf(buf, sizeof buf, "wan:%s-%s", d->wans[w].a,
				    d->wans[w].b);
				list_add(&sb, &n, buf);
			}
		break;
	}
	case CANVAS_DEVICE:
		for (size_t k = 0; k < d->nconns; k++)
			if (strcmp(d->conns[k].device, d->devices[index].name) == 0)
				list_add(&sb, &n, d->conns[k].name);
		break;
	case CANVAS_LOCATION:
		for (size_t k = 0; k < d->nconns; k++)
			if (d->conns[k].type == CONN_DX &&
			    strcmp(d->conns[k].location, location) == 0)
				list_add(&sb, &n, d->conns[k].name);
		break;
	default:
		break;
	}
	if (n == 0) {
		strbuf_free(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

/* Drop risk members equal to id (and, for a connection, its bare name
 * and its tunnels). */
static void
drop_members(struct design *d, const char *id, const char *conn)
{
	for (size_t r = 0; r < d->nrisks; r++) {
		struct risk *rk = &d->risks[r];

		for (size_t m = 0; m < rk->nmembers;) {
			const char *s = rk->members[m];
			size_t cl = conn ? strlen(conn) : 0;
			bool hit = strcmp(s, id) == 0 || (conn != NULL &&
			    (strcmp(s, conn) == 0 || (strncmp(s, "tunnel:", 7) == 0 &&
			    strncmp(s + 7, conn, cl) == 0 && s[7 + cl] == '/')));

			if (!hit) {
				m++;
				continue;
			}
			free(rk->members[m]);
			memmove(&rk->members[m], &rk->members[m + 1],
			    (rk->nmembers - m - 1) * sizeof *rk->members);
			rk->nmembers--;
		}
	}
}

static void
drop_layout(struct design *d, const char *name)
{
	for (size_t i = 0; i < d->nlayout;) {
		if (strcmp(d->layout[i].name, name) != 0) {
			i++;
			continue;
		}
		memmove(&d->layout[i], &d->layout[i + 1],
		    (d->nlayout - i - 1) * sizeof *d->layout);
		d->nlayout--;
	}
}

static void
delete_conn(struct design *d, size_t k)
{
	char id[80];

	snprintf(id, sizeof id, "connection:%s", d->conns[k].name);
	drop_members(d, id, d->conns[k].name);
	free(d->conns[k].adverts);
	free(d->conns[k].description);
	memmove(&d->conns[k], &d->conns[k + 1],
	    (d->nconns - k - 1) * sizeof *d->conns);
	d->nconns--;
}

static void
delete_wan(struct design *d, size_t w)
{
	char id[80];

	snprintf(id, sizeof id, "wan:%s-%s", d->wans[w].a, d->wans[w].b);
	drop_members(d, id, NULL);
	snprintf(id, sizeof id, "wan:%s-%s", d->wans[w].b, d->wans[w].a);
	drop_members(d, id, NULL);
	memmove(&d->wans[w], &d->wans[w + 1],
	    (d->nwans - w - 1) * sizeof *d->wans);
	d->nwans--;
}

static void
delete_device(struct design *d, size_t v)
{
	char id[80];

	for (size_t k = d->nconns; k-- > 0;)
		if (strcmp(d->conns[k].device, d->devices[v].name) == 0)
			delete_conn(d, k);
	snprintf(id, sizeof id, "device:%s", d->devices[v].name);
	drop_members(d, id, NULL);
	drop_layout(d, d->devices[v].name);
	free(d->devices[v].description);
	memmove(&d->devices[v], &d->devices[v + 1],
	    (d->ndevices - v - 1) * sizeof *d->devices);
	d->ndevices--;
}

static void
delete_dc(struct design *d, size_t i)
{
	struct datacenter *dc = &d->dcs[i];
	char id[80];

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
				memmove(&d->traffic[t], &d->traffic[t + 1],
				    (d->ntraffic - t - 1) * sizeof *d->traffic);
				d->ntraffic--;
				break;
			}
	snprintf(id, sizeof id, "datacenter:%s", dc->name);
	drop_members(d, id, NULL);
	drop_layout(d, dc->name);
	free(dc->prefixes);
	free(dc->description);
	memmove(&d->dcs[i], &d->dcs[i + 1], (d->ndcs - i - 1) * sizeof *d->dcs);
	d->ndcs--;
}

void
edit_delete(struct design *d, enum canvas_kind kind, size_t index,
    const char *location)
{
	switch (kind) {
	case CANVAS_DC:
		if (index < d->ndcs)
			delete_dc(d, index);
		break;
	case CANVAS_DEVICE:
		if (index < d->ndevices)
			delete_device(d, index);
		break;
	case CANVAS_CONN:
		if (index < d->nconns)
			delete_conn(d, index);
		break;
	case CANVAS_WAN:
		if (index < d->nwans)
			delete_wan(d, index);
		break;
	case CANVAS_LOCATION:
		for (size_t k = d->nconns; k-- > 0;)
			if (d->conns[k].type == CONN_DX &&
			    strcmp(d->conns[k].location, location) == 0)
				delete_conn(d, k);
		drop_layout(d, location);
		break;
	case CANVAS_VPC:
		break;
	}
}

void
edit_delete_item(struct design *d, enum edit_item kind, size_t owner,
    size_t item)
{
	switch (kind) {
	case EDIT_PREFIX:
		if (owner < d->ndcs && item < d->dcs[owner].nprefixes) {
			struct datacenter *dc = &d->dcs[owner];

			memmove(&dc->prefixes[item], &dc->prefixes[item + 1],
			    (dc->nprefixes - item - 1) * sizeof *dc->prefixes);
			dc->nprefixes--;
		}
		break;
	case EDIT_ADVERT:
		if (owner < d->nconns && item < d->conns[owner].nadverts) {
			struct connection *c = &d->conns[owner];

			memmove(&c->adverts[item], &c->adverts[item + 1],
			    (c->nadverts - item - 1) * sizeof *c->adverts);
			c->nadverts--;
		}
		break;
	case EDIT_TRAFFIC:
		if (item < d->ntraffic) {
			memmove(&d->traffic[item], &d->traffic[item + 1],
			    (d->ntraffic - item - 1) * sizeof *d->traffic);
			d->ntraffic--;
		}
		break;
	case EDIT_RISK:
		if (item < d->nrisks) {
			struct risk *r = &d->risks[item];

			for (size_t m = 0; m < r->nmembers; m++)
				free(r->members[m]);
			free(r->members);
			memmove(&d->risks[item], &d->risks[item + 1],
			    (d->nrisks - item - 1) * sizeof *d->risks);
			d->nrisks--;
		}
		break;
	}
}

static void
rename_member(struct design *d, const char *prefix, const char *old,
    const char *name)
{
	size_t pl = strlen(prefix), ol = strlen(old);

	for (size_t r = 0; r < d->nrisks; r++)
		for (size_t m = 0; m < d->risks[r].nmembers; m++) {
			char **s = &d->risks[r].members[m];
			const char *rest;

			if (pl == 0 ? strcmp(*s, old) == 0 :
			    strncmp(*s, prefix, pl) == 0 &&
			    strncmp(*s + pl, old, ol) == 0 &&
			    ((*s)[pl + ol] == '\0' || (*s)[pl + ol] == '/')) {
				rest = *s + pl + ol;
				char *n = xasprintf("%s%s%s", prefix, name, rest);

				free(*s);
				*s = n;
			}
		}
}

static void
rename_layout(struct design *d, const char *old, const char *name)
{
	for (size_t i = 0; i < d->nlayout; i++)
		if (strcmp(d->layout[i].name, old) == 0)
			snprintf(d->layout[i].name, sizeof d->layout[i].name, "%s",
			    name);
}

void
edit_rename(struct design *d, enum canvas_kind kind, size_t index,
    const char *name)
{
	design_name old;

	switch (kind) {
	case CANVAS_DC:
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
		rename_member(d, "datacenter:", old, name);
		rename_layout(d, old, name);
		break;
	case CANVAS_DEVICE:
		snprintf(old, sizeof old, "%s", d->devices[index].name);
		snprintf(d->devices[index].name, sizeof old, "%s", name);
		for (size_t k = 0; k < d->nconns; k++)
			if (strcmp(d->conns[k].device, old) == 0)
				snprintf(d->conns[k].device, sizeof old, "%s", name);
		rename_member(d, "device:", old, name);
		rename_layout(d, old, name);
		break;
	case CANVAS_CONN:
		snprintf(old, sizeof old, "%s", d->conns[index].name);
		snprintf(d->conns[index].name, sizeof old, "%s", name);
		rename_member(d, "connection:", old, name);
		rename_member(d, "tunnel:", old, name);
		rename_member(d, "", old, name);
		break;
	default:
		break;
	}
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
edit_propose_inside(const struct design *d, struct prefix *out, int n)
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
