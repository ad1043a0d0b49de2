#include "render/canvas.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/strbuf.h"
#include "model/xalloc.h"

#define LANE_GAP 3          /* between a lane's line and the next lane */
#define DC_GAP 3            /* between data center boxes */
#define CHANNEL_H 6         /* bus, label, location box (3), lead */
#define MIN_WRAP 40
_Static_assert((int)CANVAS_VPC == (int)DESIGN_VPC &&
    (int)CANVAS_DC == (int)DESIGN_DC &&
    (int)CANVAS_DEVICE == (int)DESIGN_DEVICE &&
    (int)CANVAS_LOCATION == (int)DESIGN_LOCATION &&
    (int)CANVAS_CONN == (int)DESIGN_CONN && (int)CANVAS_WAN == (int)DESIGN_WAN,
    "enum canvas_kind casts to enum design_object");

/* One data center's place while laying out. */
struct dcpos {
	size_t dc;
	int row;
	int x, y, w, h;
	int nends;              /* WAN links ending here */
	int title;              /* cells of the title */
	int obj;
};

struct lay {
	const struct design *d;
	struct canvas *c;
	struct dcpos *dcs;      /* in display order */
	int *where;             /* design dc index -> dcs index */
	int *devdc;             /* device -> design dc index */
	int *conndev;           /* connection -> device */
	size_t *devorder;       /* devices in display order */
};

static int
utf8_cells(const char *s)
{
	int n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static struct canvas_cell *
cell(struct canvas *c, int x, int y)
{
	if (x < 0 || y < 0 || x >= c->w || y >= c->h)
		return NULL;
	return &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
}

const struct canvas_cell *
canvas_at(const struct canvas *c, int x, int y)
{
	if (x < 0 || y < 0 || x >= c->w || y >= c->h)
		return NULL;
	return &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
}

static int
add_obj(struct canvas *c, enum canvas_kind kind, size_t index, int x, int y,
    int w, int h)
{
	struct canvas_obj *o;

	c->objs = xgrow(c->objs, &c->objcap, c->nobjs + 1, sizeof *c->objs);
	o = &c->objs[c->nobjs];
	o->kind = kind;
	o->index = index;
	o->x = x;
	o->y = y;
	o->w = w;
	o->h = h;
	return (int)c->nobjs++;
}

/* Text: UTF-8 decoded into cells; it wins over lines. */
static void
put(struct canvas *c, int x, int y, const char *s, int obj)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		uint32_t ch = *p++;
		struct canvas_cell *k;

		if (ch >= 0xc0 && (*p & 0xc0) == 0x80) {
			int more = ch >= 0xf0 ? 3 : ch >= 0xe0 ? 2 : 1;

			ch &= 0x3fu >> more;
			while (more-- > 0 && (*p & 0xc0) == 0x80)
				ch = (ch << 6) | (*p++ & 0x3fu);
		}
		if ((k = cell(c, x++, y)) == NULL)
			continue;
		k->ch = ch;
		k->part = CANVAS_PART_TEXT;
		k->dirs = 0;
		k->obj = obj;
	}
}

/* Add direction bits to a cell; the first line or border keeps its style
 * and object, so a lane meeting a border makes a junction of the border. */
static void
join(struct canvas *c, int x, int y, uint8_t dirs, enum canvas_style st,
    int obj)
{
	struct canvas_cell *k = cell(c, x, y);

	if (k == NULL || k->part == CANVAS_PART_TEXT)
		return;
	if (k->part == CANVAS_PART_EMPTY) {
		k->part = CANVAS_PART_LINE;
		k->style = (uint8_t)st;
		k->obj = obj;
	} else if (k->part == CANVAS_PART_LINE && obj < 0) {
		/* The bus owns its junctions: mixed glyphs do not exist. */
		k->style = (uint8_t)st;
		k->obj = obj;
	}
	k->dirs |= dirs;
}

static void
hline(struct canvas *c, int y, int x1, int x2, enum canvas_style st, int obj)
{
	int lo = x1 < x2 ? x1 : x2, hi = x1 < x2 ? x2 : x1;

	for (int x = lo; x <= hi; x++)
		join(c, x, y, (uint8_t)((x > lo ? CANVAS_W : 0) |
		    (x < hi ? CANVAS_E : 0)), st, obj);
}

static void
vline(struct canvas *c, int x, int y1, int y2, enum canvas_style st, int obj)
{
	int lo = y1 < y2 ? y1 : y2, hi = y1 < y2 ? y2 : y1;

	for (int y = lo; y <= hi; y++)
		join(c, x, y, (uint8_t)((y > lo ? CANVAS_N : 0) |
		    (y < hi ? CANVAS_S : 0)), st, obj);
}

static void
box(struct canvas *c, int x, int y, int w, int h, enum canvas_style st,
    int obj)
{
	for (int j = y; j < y + h; j++)
		for (int i = x; i < x + w; i++) {
			struct canvas_cell *k = cell(c, i, j);
			uint8_t dirs = 0;

			if (k == NULL)
				continue;
			if (j == y || j == y + h - 1)
				dirs |= (uint8_t)((i > x ? CANVAS_W : 0) |
				    (i < x + w - 1 ? CANVAS_E : 0));
			if (i == x || i == x + w - 1)
				dirs |= (uint8_t)((j > y ? CANVAS_N : 0) |
				    (j < y + h - 1 ? CANVAS_S : 0));
			k->obj = obj;
			if (dirs == 0)
				continue;
			k->part = CANVAS_PART_BORDER;
			k->style = (uint8_t)st;
			k->dirs = dirs;
		}
}

static void
conn_label(const struct connection *cn, char *buf, size_t len)
{
	if (cn->type == CONN_DX)
		snprintf(buf, len, "%s %gG", cn->name, cn->gbps);
	else
		snprintf(buf, len, "%s", cn->name);
}

static void
loc_text(const struct connection *cn, char *buf, size_t len)
{
	snprintf(buf, len, "%s · %s", cn->location, cn->provider);
}

/* The width of a connection's lane: its label and location box. */
static int
lane_width(const struct connection *cn)
{
	char buf[128];
	int w;

	conn_label(cn, buf, sizeof buf);
	w = (int)strlen(buf) + LANE_GAP;
	if (cn->type == CONN_DX) {
		int lw;

		loc_text(cn, buf, sizeof buf);
		lw = utf8_cells(buf) + 5;
		if (lw > w)
			w = lw;
	}
	return w;
}

static void
device_text(const struct device *dev, char *buf, size_t len)
{
	snprintf(buf, len, "%s %s AS%lu", dev->name,
	    design_vendor_name(dev->vendor), (unsigned long)dev->asn);
}

static void
dc_title(const struct datacenter *dc, char *buf, size_t len)
{
	char pf[PREFIX_STRLEN];

	if (dc->nprefixes == 0)
		snprintf(buf, len, "%s", dc->name);
	else if (dc->nprefixes == 1)
		snprintf(buf, len, "%s · %s", dc->name,
		    prefix_format(&dc->prefixes[0], pf, sizeof pf));
	else
		snprintf(buf, len, "%s · %s +%zu", dc->name,
		    prefix_format(&dc->prefixes[0], pf, sizeof pf),
		    dc->nprefixes - 1);
}

/* Devices' widths: the text or the lanes above. */
static int
device_width(const struct lay *L, size_t dv)
{
	const struct design *d = L->d;
	char buf[128];
	int lanes = 2, w;

	device_text(&d->devices[dv], buf, sizeof buf);
	w = (int)strlen(buf) + 4;
	for (size_t k = 0; k < d->nconns; k++)
		if (L->conndev[k] == (int)dv)
			lanes += lane_width(&d->conns[k]);
	return lanes + 1 > w ? lanes + 1 : w;
}

static int
cmp_order(const void *a, const void *b)
{
	const long *x = a, *y = b;

	for (int i = 0; i < 3; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

/* Display order: data centers the user placed (layout [x, y]: row y,
 * position x) first, the others in file order. */
static size_t *
dc_order(const struct design *d, bool **explicit, int **rowkey)
{
	long *keys = xcalloc(d->ndcs + 1, 4 * sizeof *keys);
	size_t *order = xcalloc(d->ndcs + 1, sizeof *order);

	*explicit = xcalloc(d->ndcs + 1, sizeof **explicit);
	*rowkey = xcalloc(d->ndcs + 1, sizeof **rowkey);
	for (size_t i = 0; i < d->ndcs; i++) {
		long *k = &keys[4 * i];

		k[0] = 1;
		k[1] = 0;
		k[2] = (long)i;
		k[3] = (long)i;
		for (size_t j = 0; j < d->nlayout; j++)
			if (strcmp(d->layout[j].name, d->dcs[i].name) == 0) {
				k[0] = 0;
				k[1] = d->layout[j].y;
				k[2] = d->layout[j].x;
				break;
			}
	}
	qsort(keys, d->ndcs, 4 * sizeof *keys, cmp_order);
	for (size_t i = 0; i < d->ndcs; i++) {
		order[i] = (size_t)keys[4 * i + 3];
		(*explicit)[i] = keys[4 * i] == 0;
		(*rowkey)[i] = (int)keys[4 * i + 1];
	}
	free(keys);
	return order;
}

/* Display order of devices inside their data center: those the user
 * placed (layout x) first, the others in file order. */
static size_t *
dev_order(const struct design *d)
{
	long *keys = xcalloc(d->ndevices + 1, 4 * sizeof *keys);
	size_t *order = xcalloc(d->ndevices + 1, sizeof *order);

	for (size_t i = 0; i < d->ndevices; i++) {
		long *k = &keys[4 * i];

		k[0] = 1;
		k[1] = 0;
		k[2] = (long)i;
		k[3] = (long)i;
		for (size_t j = 0; j < d->nlayout; j++)
			if (strcmp(d->layout[j].name, d->devices[i].name) == 0) {
				k[0] = 0;
				k[1] = d->layout[j].x;
				break;
			}
	}
	qsort(keys, d->ndevices, 4 * sizeof *keys, cmp_order);
	for (size_t i = 0; i < d->ndevices; i++)
		order[i] = (size_t)keys[4 * i + 3];
	free(keys);
	return order;
}

static void
collect_locations(const struct design *d, struct canvas *c)
{
	for (size_t k = 0; k < d->nconns; k++) {
		const struct connection *cn = &d->conns[k];
		size_t i;

		if (cn->type != CONN_DX)
			continue;
		for (i = 0; i < c->nlocations; i++)
			if (strcmp(c->locations[i], cn->location) == 0)
				break;
		if (i < c->nlocations)
			continue;
		c->locations = xrealloc(c->locations, (c->nlocations + 1) *
		    sizeof *c->locations);
		snprintf(c->locations[c->nlocations++], DESIGN_NAME_MAX + 1, "%s",
		    cn->location);
	}
}

static size_t
location_index(const struct canvas *c, const char *name)
{
	for (size_t i = 0; i < c->nlocations; i++)
		if (strcmp(c->locations[i], name) == 0)
			return i;
	return 0;
}

void
canvas_free(struct canvas *c)
{
	free(c->cells);
	free(c->objs);
	free(c->locations);
	memset(c, 0, sizeof *c);
}

/* Row geometry computed in the first pass. */
struct rowinfo {
	int y0;                 /* the bus */
	int top;                /* data center boxes */
	int hmax;
	int band;               /* first track row */
	int ntracks;
	bool lanes;
	int xend;
};

struct wanpos {
	int ra, rb;             /* rows of a and b, ra <= rb */
	int ia, ib;             /* dcs indexes, a in row ra */
	int xa, xb;
	int ta, tb;             /* tracks */
	int gutter;             /* -1 when in one row */
};

void
canvas_layout(const struct design *d, int wrap, struct canvas *c)
{
	struct lay L;
	struct rowinfo *rows;
	struct wanpos *wp;
	size_t *order;
	bool *expl;
	int *rowkey, nrows = 0, ngutter = 0, left, x, y, vpcw, vpcx, tee;
	char buf[256], pf[PREFIX_STRLEN];
	int *endk;

	canvas_free(c);
	if (wrap < MIN_WRAP)
		wrap = MIN_WRAP;
	memset(&L, 0, sizeof L);
	L.d = d;
	L.c = c;
	L.dcs = xcalloc(d->ndcs + 1, sizeof *L.dcs);
	L.where = xcalloc(d->ndcs + 1, sizeof *L.where);
	L.devdc = xcalloc(d->ndevices + 1, sizeof *L.devdc);
	L.conndev = xcalloc(d->nconns + 1, sizeof *L.conndev);
	for (size_t i = 0; i < d->ndevices; i++)
		L.devdc[i] = design_find_dc(d, d->devices[i].dc);
	for (size_t k = 0; k < d->nconns; k++)
		L.conndev[k] = design_find_device(d, d->conns[k].device);
	L.devorder = dev_order(d);
	collect_locations(d, c);

	/* Sizes, and rows by wrapping at the width asked for. */
	order = dc_order(d, &expl, &rowkey);
	endk = xcalloc(d->ndcs + 1, sizeof *endk);
	for (size_t w = 0; w < d->nwans; w++) {
		int a = design_find_dc(d, d->wans[w].a);
		int b = design_find_dc(d, d->wans[w].b);

		if (a >= 0)
			endk[a]++;
		if (b >= 0 && b != a)
			endk[b]++;
	}
	x = 0;
	for (size_t i = 0; i < d->ndcs; i++) {
		struct dcpos *p = &L.dcs[i];
		int inner = 2, ndev = 0;

		p->dc = order[i];
		L.where[p->dc] = (int)i;
		dc_title(&d->dcs[p->dc], buf, sizeof buf);
		p->title = utf8_cells(buf);
		for (size_t vi = 0; vi < d->ndevices; vi++)
			if (L.devdc[L.devorder[vi]] == (int)p->dc) {
				size_t v = L.devorder[vi];

				inner += device_width(&L, v) + 1;
				ndev++;
			}
		p->nends = endk[p->dc];
		p->w = inner + 1;
		if (p->w < p->title + 6 + 2 * p->nends)
			p->w = p->title + 6 + 2 * p->nends;
		p->h = ndev > 0 ? 5 : 3;
		if (i > 0 && (x + p->w > wrap || (expl[i] && expl[i - 1] &&
		    rowkey[i] != rowkey[i - 1]))) {
			nrows++;
			x = 0;
		}
		p->row = nrows;
		p->x = x;
		x += p->w + DC_GAP;
	}
	if (d->ndcs > 0)
		nrows++;
	free(order);
	free(expl);
	free(rowkey);

	/* WAN tracks: one per link in the band under its upper row, and one
	 * in the lower row's band when it crosses rows (by a gutter on the
	 * left). */
	rows = xcalloc((size_t)nrows + 1, sizeof *rows);
	wp = xcalloc(d->nwans + 1, sizeof *wp);
	memset(endk, 0, (d->ndcs + 1) * sizeof *endk);
	for (size_t w = 0; w < d->nwans; w++) {
		struct wanpos *q = &wp[w];
		int a = design_find_dc(d, d->wans[w].a);
		int b = design_find_dc(d, d->wans[w].b);

		q->gutter = -1;
		if (a < 0 || b < 0) {
			q->ra = -1;
			continue;
		}
		q->ia = L.where[a];
		q->ib = L.where[b];
		if (L.dcs[q->ib].row < L.dcs[q->ia].row) {
			int t = q->ia;

			q->ia = q->ib;
			q->ib = t;
		}
		q->ra = L.dcs[q->ia].row;
		q->rb = L.dcs[q->ib].row;
		q->ta = rows[q->ra].ntracks++;
		if (q->rb != q->ra) {
			q->tb = rows[q->rb].ntracks++;
			q->gutter = ngutter++;
		}
	}
	for (size_t k = 0; k < d->nconns; k++)
		if (L.conndev[k] >= 0 && L.devdc[L.conndev[k]] >= 0)
			rows[L.dcs[L.where[L.devdc[L.conndev[k]]]].row].lanes =
			    true;
	left = ngutter + (nrows > 1 ? 3 : 1);
	for (size_t i = 0; i < d->ndcs; i++) {
		struct rowinfo *r = &rows[L.dcs[i].row];

		L.dcs[i].x += left;
		if (L.dcs[i].h > r->hmax)
			r->hmax = L.dcs[i].h;
		if (L.dcs[i].x + L.dcs[i].w > r->xend)
			r->xend = L.dcs[i].x + L.dcs[i].w;
	}
	y = 3;
	for (int r = 0; r < nrows; r++) {
		rows[r].y0 = y;
		rows[r].top = y + (rows[r].lanes ? CHANNEL_H : 1);
		rows[r].band = rows[r].top + rows[r].hmax + 1;
		y = rows[r].band + rows[r].ntracks + 1;
	}
	for (size_t i = 0; i < d->ndcs; i++)
		L.dcs[i].y = rows[L.dcs[i].row].top;

	/* The VPC, centred over the first row. */
	{
		size_t o = (size_t)snprintf(buf, sizeof buf, "VPC %s · %s · AS%lu",
		    d->vpc.name, d->vpc.gateway == GATEWAY_TGW ? "TGW" : "VGW",
		    (unsigned long)d->vpc.asn);

		for (size_t i = 0; i < d->vpc.ncidrs && o < sizeof buf; i++)
			o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s",
			    i ? " " : " · ",
			    prefix_format(&d->vpc.cidrs[i], pf, sizeof pf));
	}
	vpcw = utf8_cells(buf) + 4;
	vpcx = left;
	if (nrows > 0 && rows[0].xend - left > vpcw)
		vpcx = left + (rows[0].xend - left - vpcw) / 2;
	tee = vpcx + vpcw / 2;

	c->w = vpcx + vpcw + 1;
	for (int r = 0; r < nrows; r++)
		if (rows[r].xend + 1 > c->w)
			c->w = rows[r].xend + 1;
	for (size_t w = 0; w < d->nwans; w++) {
		/* Labels right of a track may reach past the boxes. */
		if (c->w < rows[0].xend + 16)
			c->w = rows[0].xend + 16;
		break;
	}
	c->h = nrows > 0 ? y : 4;
	c->cells = xcalloc((size_t)c->w * (size_t)c->h, sizeof *c->cells);
	for (size_t i = 0; i < (size_t)c->w * (size_t)c->h; i++) {
		c->cells[i].obj = -1;
		c->cells[i].ch = ' ';
	}

	/* Boxes first, so lines that meet them become junctions. */
	{
		int vo = add_obj(c, CANVAS_VPC, 0, vpcx, 0, vpcw, 3);

		box(c, vpcx, 0, vpcw, 3, CANVAS_DOUBLE, vo);
		put(c, vpcx + 2, 1, buf, vo);
	}
	for (size_t i = 0; i < d->ndcs; i++) {
		struct dcpos *p = &L.dcs[i];
		int dx = p->x + 2;

		p->obj = add_obj(c, CANVAS_DC, p->dc, p->x, p->y, p->w, p->h);
		box(c, p->x, p->y, p->w, p->h, CANVAS_LIGHT, p->obj);
		dc_title(&d->dcs[p->dc], buf, sizeof buf);
		put(c, p->x + 1, p->y + p->h - 1, " ", p->obj);
		put(c, p->x + 2, p->y + p->h - 1, buf, p->obj);
		put(c, p->x + 2 + p->title, p->y + p->h - 1, " ", p->obj);
		for (size_t vi = 0; vi < d->ndevices; vi++) {
			size_t v = L.devorder[vi];
			int dw, o;

			if (L.devdc[v] != (int)p->dc)
				continue;
			dw = device_width(&L, v);
			o = add_obj(c, CANVAS_DEVICE, v, dx, p->y + 1, dw, 3);
			box(c, dx, p->y + 1, dw, 3, CANVAS_LIGHT, o);
			device_text(&d->devices[v], buf, sizeof buf);
			put(c, dx + 2, p->y + 2, buf, o);
			dx += dw + 1;
		}
	}

	/* The bus of each row with lanes, fed from the VPC through a trunk on
	 * the left. */
	{
		int last = -1, trunk = ngutter + 1;

		for (int r = 0; r < nrows; r++)
			if (rows[r].lanes)
				last = r;
		if (last >= 0) {
			vline(c, tee, 2, rows[0].y0, CANVAS_LIGHT, -1);
			if (last > 0) {
				hline(c, rows[0].y0, trunk, tee, CANVAS_LIGHT, -1);
				vline(c, trunk, rows[0].y0, rows[last].y0,
				    CANVAS_LIGHT, -1);
			}
		}
		/* Each bus spans what its lanes need; computed with the lanes. */
		for (int r = 0; r <= last; r++)
			rows[r].xend = -1;
		for (size_t i = 0; i < d->ndcs; i++) {
			struct dcpos *p = &L.dcs[i];
			struct rowinfo *ri = &rows[p->row];
			int dx = p->x + 2;

			for (size_t vi = 0; vi < d->ndevices; vi++) {
				size_t v = L.devorder[vi];
				int lx;

				if (L.devdc[v] != (int)p->dc)
					continue;
				lx = dx + 2;
				for (size_t k = 0; k < d->nconns; k++) {
					const struct connection *cn = &d->conns[k];
					enum canvas_style st = cn->type == CONN_DX ?
					    CANVAS_HEAVY : CANVAS_DASHED;
					int o;

					if (L.conndev[k] != (int)v)
						continue;
					o = add_obj(c, CANVAS_CONN, k, lx, ri->y0, 1,
					    p->y + 1 - ri->y0 + 1);
					if (lx > ri->xend)
						ri->xend = lx;
					conn_label(cn, buf, sizeof buf);
					put(c, lx + 2, ri->y0 + 1, buf, o);
					if (cn->type == CONN_DX) {
						int lo2;

						loc_text(cn, buf, sizeof buf);
						lo2 = add_obj(c, CANVAS_LOCATION,
						    location_index(c, cn->location), lx - 1,
						    ri->y0 + 2, utf8_cells(buf) + 4, 3);
						box(c, lx - 1, ri->y0 + 2, utf8_cells(buf) + 4,
						    3, CANVAS_LIGHT, lo2);
						put(c, lx + 1, ri->y0 + 3, buf, lo2);
						vline(c, lx, ri->y0, ri->y0 + 2, st, o);
						vline(c, lx, ri->y0 + 4, p->y + 1, st, o);
					} else
						vline(c, lx, ri->y0, p->y + 1, st, o);
					lx += lane_width(cn);
				}
				dx += device_width(&L, v) + 1;
			}
		}
		for (int r = 0; r <= last; r++) {
			int lo = trunk, hi = rows[r].xend;

			if (r == 0) {
				lo = last > 0 ? trunk : tee;
				if (hi < tee)
					hi = tee;
				if (lo > hi) {
					int t = lo;

					lo = hi;
					hi = t;
				}
				if (last == 0 && rows[0].xend >= 0) {
					int minx = tee;

					for (size_t i = 0; i < c->nobjs; i++)
						if (c->objs[i].kind == CANVAS_CONN &&
						    c->objs[i].y == rows[0].y0 &&
						    c->objs[i].x < minx)
							minx = c->objs[i].x;
					lo = minx;
				}
			}
			if (hi >= 0)
				hline(c, rows[r].y0, lo, hi, CANVAS_LIGHT, -1);
		}
	}

	/* WAN links: exits on the bottom border after the title. */
	memset(endk, 0, (d->ndcs + 1) * sizeof *endk);
	for (size_t w = 0; w < d->nwans; w++) {
		struct wanpos *q = &wp[w];
		struct dcpos *a, *b;
		int ya, yb, o;

		if (q->ra < 0)
			continue;
		a = &L.dcs[q->ia];
		b = &L.dcs[q->ib];
		q->xa = a->x + a->title + 4 + 2 * endk[q->ia]++;
		q->xb = b->x + b->title + 4 + 2 * endk[q->ib]++;
		ya = rows[q->ra].band + q->ta;
		if (q->gutter < 0) {
			int lo = q->xa < q->xb ? q->xa : q->xb;
			int hi = q->xa < q->xb ? q->xb : q->xa;

			o = add_obj(c, CANVAS_WAN, w, lo, ya, hi - lo + 1, 1);
			vline(c, q->xa, a->y + a->h - 1, ya, CANVAS_DOUBLE, o);
			hline(c, ya, q->xa, q->xb, CANVAS_DOUBLE, o);
			vline(c, q->xb, b->y + b->h - 1, ya, CANVAS_DOUBLE, o);
		} else {
			int gx = q->gutter;

			yb = rows[q->rb].band + q->tb;
			o = add_obj(c, CANVAS_WAN, w, gx, ya, q->xa - gx + 1, 1);
			vline(c, q->xa, a->y + a->h - 1, ya, CANVAS_DOUBLE, o);
			hline(c, ya, q->xa, gx, CANVAS_DOUBLE, o);
			vline(c, gx, ya, yb, CANVAS_DOUBLE, o);
			hline(c, yb, gx, q->xb, CANVAS_DOUBLE, o);
			vline(c, q->xb, b->y + b->h - 1, yb, CANVAS_DOUBLE, o);
		}
	}
	/* Labels last: text wins over the lines it sits on. */
	for (size_t i = 0; i < c->nobjs; i++) {
		const struct canvas_obj *ob = &c->objs[i];
		const struct wan_link *wl;
		int lx, n;

		if (ob->kind != CANVAS_WAN)
			continue;
		wl = &d->wans[ob->index];
		n = snprintf(buf, sizeof buf, " wan %gG ", wl->gbps);
		if (wp[ob->index].gutter < 0 && ob->w > n + 2)
			lx = ob->x + (ob->w - n) / 2;
		else
			lx = ob->x + ob->w + 1;
		put(c, lx, ob->y, buf, (int)i);
	}
	free(endk);
	free(wp);
	free(rows);
	free(L.dcs);
	free(L.where);
	free(L.devdc);
	free(L.conndev);
	free(L.devorder);
}

static const char *const glyph_light[16] = {
	" ", "│", "─", "└", "│", "│", "┌", "├",
	"─", "┘", "─", "┴", "┐", "┤", "┬", "┼" };
static const char *const glyph_heavy[16] = {
	" ", "┃", "━", "┗", "┃", "┃", "┏", "┣",
	"━", "┛", "━", "┻", "┓", "┫", "┳", "╋" };
static const char *const glyph_double[16] = {
	" ", "║", "═", "╚", "║", "║", "╔", "╠",
	"═", "╝", "═", "╩", "╗", "╣", "╦", "╬" };

static uint32_t
decode(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (p[0] < 0x80)
		return p[0];
	return ((uint32_t)(p[0] & 0x0f) << 12) | ((uint32_t)(p[1] & 0x3f) << 6) |
	    (p[2] & 0x3fu);
}

uint32_t
canvas_glyph(const struct canvas_cell *k, bool utf8)
{
	unsigned dirs = k->dirs & 15u;
	bool straight_v = dirs == CANVAS_N || dirs == CANVAS_S ||
	    dirs == (CANVAS_N | CANVAS_S);
	bool straight_h = dirs == CANVAS_E || dirs == CANVAS_W ||
	    dirs == (CANVAS_E | CANVAS_W);

	if (k->part == CANVAS_PART_TEXT) {
		if (utf8 || k->ch < 0x80)
			return k->ch;
		return k->ch == 0xb7 ? '-' : '?';
	}
	if (k->part == CANVAS_PART_EMPTY || dirs == 0)
		return ' ';
	if (!utf8) {
		switch (k->style) {
		case CANVAS_HEAVY:
			return straight_v || straight_h ? '#' : '+';
		case CANVAS_DASHED:
			return straight_v ? ':' : straight_h ? '.' : '+';
		case CANVAS_DOUBLE:
			return straight_v ? (k->part == CANVAS_PART_LINE ? 'H' :
			    '|') : straight_h ? '=' : '+';
		default:
			return straight_v ? '|' : straight_h ? '-' : '+';
		}
	}
	switch (k->style) {
	case CANVAS_HEAVY:
		return decode(glyph_heavy[dirs]);
	case CANVAS_DOUBLE:
		return decode(glyph_double[dirs]);
	case CANVAS_DASHED:
		if (straight_v)
			return 0x2506;      /* ┆ */
		if (straight_h)
			return 0x2504;      /* ┄ */
		return decode(glyph_light[dirs]);
	default:
		return decode(glyph_light[dirs]);
	}
}

static bool
is_down(const struct canvas_view *v, int obj)
{
	return v != NULL && v->state != NULL && obj >= 0 &&
	    v->state[obj] == CANVAS_DOWN;
}

static bool
is_gap(const struct canvas_cell *k)
{
	return k != NULL && (k->part == CANVAS_PART_EMPTY ||
	    (k->part == CANVAS_PART_TEXT && k->ch == ' '));
}

uint32_t
canvas_view_glyph(const struct canvas *c, int x, int y,
    const struct canvas_view *v, bool utf8)
{
	const struct canvas_cell *k = canvas_at(c, x, y), *l, *r;
	uint32_t cross = utf8 ? 0x2573 : 'x';

	if (k == NULL)
		return ' ';
	/* A link: its line, a blank, then its label. */
	if (k->part == CANVAS_PART_LINE && is_down(v, k->obj) &&
	    (c->objs[k->obj].kind == CANVAS_CONN ||
	    c->objs[k->obj].kind == CANVAS_WAN) &&
	    is_gap(canvas_at(c, x + 1, y)) && (r = canvas_at(c, x + 2, y)) &&
	    r->part == CANVAS_PART_TEXT && r->obj == k->obj)
		return cross;
	/* A box: its border, the blank before its label, the label. */
	if (is_gap(k) && (l = canvas_at(c, x - 1, y)) &&
	    l->part == CANVAS_PART_BORDER && (r = canvas_at(c, x + 1, y)) &&
	    r->part == CANVAS_PART_TEXT && r->ch != ' ' && r->obj == l->obj &&
	    is_down(v, r->obj))
		return cross;
	return canvas_glyph(k, utf8);
}

static bool
same_obj(const struct canvas *c, int a, int b)
{
	return a >= 0 && b >= 0 && c->objs[a].kind == c->objs[b].kind &&
	    c->objs[a].index == c->objs[b].index;
}

enum canvas_role
canvas_role(const struct canvas *c, const struct canvas_cell *k,
    const struct canvas_view *v)
{
	const struct canvas_obj *o;
	uint8_t st;

	if (k->obj < 0)
		return k->part == CANVAS_PART_EMPTY ? CANVAS_R_NONE :
		    CANVAS_R_BUS;
	if (k->part == CANVAS_PART_EMPTY)
		return CANVAS_R_NONE;
	o = &c->objs[k->obj];
	st = v && v->state ? v->state[k->obj] : CANVAS_UP;
	/* A selected link is marked along its track; a selected box by its
	 * label alone, so that moving the selection over slow links sends
	 * a few cells rather than two whole borders. */
	if (v && same_obj(c, k->obj, v->selected) &&
	    (o->kind == CANVAS_CONN || o->kind == CANVAS_WAN ||
	    k->part == CANVAS_PART_TEXT))
		return CANVAS_R_SELECTED;
	switch (o->kind) {
	case CANVAS_CONN:
	case CANVAS_WAN:
		if (v && v->path && v->path[k->obj] && st != CANVAS_DOWN)
			return CANVAS_R_PATH;
		switch (st) {
		case CANVAS_CARRYING:
			return CANVAS_R_LINK_CARRYING;
		case CANVAS_OVERLOADED:
			return CANVAS_R_LINK_OVERLOADED;
		case CANVAS_DOWN:
			return CANVAS_R_LINK_DOWN;
		default:
			return CANVAS_R_LINK_UP;
		}
	case CANVAS_VPC:
		return CANVAS_R_VPC;
	default:
		if (st == CANVAS_DOWN)
			return CANVAS_R_BOX_DOWN;
		return k->part == CANVAS_PART_TEXT ? CANVAS_R_BOX_TEXT :
		    CANVAS_R_BOX;
	}
}

int
canvas_hit(const struct canvas *c, int x, int y)
{
	const struct canvas_cell *k = canvas_at(c, x, y);
	int best = -1;

	if (k != NULL && k->obj >= 0)
		return k->obj;
	/* Nothing under the pointer: the smallest box around it. */
	for (size_t i = 0; i < c->nobjs; i++) {
		const struct canvas_obj *o = &c->objs[i];

		if (x >= o->x && x < o->x + o->w && y >= o->y && y < o->y + o->h &&
		    (best < 0 || o->w * o->h < c->objs[best].w * c->objs[best].h))
			best = (int)i;
	}
	return best;
}

int
canvas_find(const struct canvas *c, enum canvas_kind kind, size_t index)
{
	for (size_t i = 0; i < c->nobjs; i++)
		if (c->objs[i].kind == kind && c->objs[i].index == index)
			return (int)i;
	return -1;
}

int
canvas_neighbour(const struct canvas *c, int obj, int dx, int dy)
{
	long best = LONG_MAX;
	int bi = -1, cx, cy;

	if (obj < 0 || (size_t)obj >= c->nobjs)
		return c->nobjs > 0 ? 0 : -1;
	cx = c->objs[obj].x + c->objs[obj].w / 2;
	cy = c->objs[obj].y + c->objs[obj].h / 2;
	for (size_t i = 0; i < c->nobjs; i++) {
		const struct canvas_obj *o = &c->objs[i];
		long ox = o->x + o->w / 2 - cx, oy = o->y + o->h / 2 - cy;
		long along, across, cost;

		if ((int)i == obj || same_obj(c, (int)i, obj))
			continue;
		along = dx ? ox * dx : oy * dy;
		across = dx ? labs(oy) : labs(ox);
		if (along <= 0)
			continue;
		cost = dx ? along + 4 * across : 4 * along + across;
		/* Ties go to the smaller object: the device inside its data
		 * center. */
		if (cost < best || (cost == best && bi >= 0 &&
		    o->w * o->h < c->objs[bi].w * c->objs[bi].h)) {
			best = cost;
			bi = (int)i;
		}
	}
	return bi;
}

const char *
canvas_location_name(const struct canvas *c, size_t index)
{
	return index < c->nlocations ? c->locations[index] : "";
}

static void
add_utf8(struct strbuf *sb, uint32_t ch)
{
	char b[4];

	if (ch < 0x80) {
		b[0] = (char)ch;
		strbuf_add(sb, b, 1);
	} else if (ch < 0x800) {
		b[0] = (char)(0xc0 | (ch >> 6));
		b[1] = (char)(0x80 | (ch & 0x3f));
		strbuf_add(sb, b, 2);
	} else {
		b[0] = (char)(0xe0 | (ch >> 12));
		b[1] = (char)(0x80 | ((ch >> 6) & 0x3f));
		b[2] = (char)(0x80 | (ch & 0x3f));
		strbuf_add(sb, b, 3);
	}
}

static char *
dump(const struct canvas *c, bool utf8, const struct canvas_view *v,
    bool roles)
{
	static const char letters[CANVAS_R_COUNT] = " -VbtXSucOxp";
	struct strbuf sb = STRBUF_INIT;

	for (int y = 0; y < c->h; y++) {
		int end = c->w;

		while (end > 0) {
			const struct canvas_cell *k = canvas_at(c, end - 1, y);

			if (roles ? canvas_role(c, k, v) != CANVAS_R_NONE &&
			    canvas_glyph(k, true) != ' ' : canvas_glyph(k, utf8) != ' ')
				break;
			end--;
		}
		for (int x = 0; x < end; x++) {
			const struct canvas_cell *k = canvas_at(c, x, y);

			if (roles)
				add_utf8(&sb, canvas_glyph(k, true) == ' ' ? ' ' :
				    (uint32_t)letters[canvas_role(c, k, v)]);
			else
				add_utf8(&sb, canvas_glyph(k, utf8));
		}
		strbuf_add(&sb, "\n", 1);
	}
	return strbuf_detach(&sb);
}

char *
canvas_text(const struct canvas *c, bool utf8)
{
	return dump(c, utf8, NULL, false);
}

char *
canvas_roles_text(const struct canvas *c, const struct canvas_view *v)
{
	return dump(c, true, v, true);
}
