/* The topology canvas: the design drawn as a grid of cells, with no
 * terminal behind it.  The VPC sits at the top; under it each row of data
 * centers has a channel where every connection drops from a bus in a lane
 * of its own, through its DX location, to its device; WAN links run in a
 * band of tracks under the row.  Data centers wrap into rows no wider than
 * the width asked for, so the largest designs give a canvas bigger than
 * any screen, and the caller pans.
 *
 * The layout is a pure function of the design and the width: the same
 * input gives the same cells.  What-if colouring is separate: a cell keeps
 * the object it belongs to, and canvas_role() turns an object's state
 * (up, carrying traffic, overloaded, down, on the selected path) into the
 * semantic role the caller maps to colours or attributes. */
#ifndef HATOPO_CANVAS_H
#define HATOPO_CANVAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/design.h"

enum canvas_kind {
	CANVAS_VPC, CANVAS_DC, CANVAS_DEVICE, CANVAS_LOCATION, CANVAS_CONN,
	CANVAS_WAN
};

/* Line styles: boxes and the bus are light, DX heavy, VPN dashed, WAN
 * double, the VPC box double. */
enum canvas_style {
	CANVAS_LIGHT, CANVAS_HEAVY, CANVAS_DASHED, CANVAS_DOUBLE
};

/* Direction bits of a line cell. */
#define CANVAS_N 1
#define CANVAS_E 2
#define CANVAS_S 4
#define CANVAS_W 8

enum canvas_part { CANVAS_PART_EMPTY, CANVAS_PART_LINE, CANVAS_PART_BORDER,
	CANVAS_PART_TEXT };

struct canvas_cell {
	uint32_t ch;                /* text cells: the character */
	uint8_t part;               /* enum canvas_part */
	uint8_t style;              /* enum canvas_style of line and border */
	uint8_t dirs;               /* CANVAS_N | ... */
	int32_t obj;                /* index into objs, -1 for the bus */
};

/* Something drawn that the user can select.  A location has one box per
 * DX that uses it: several objects with the same index. */
struct canvas_obj {
	enum canvas_kind kind;
	size_t index;               /* into the design's array (locations:
	                               canvas_location_name()) */
	int x, y, w, h;             /* the box, the lane or the track */
};

struct canvas {
	int w, h;
	struct canvas_cell *cells;  /* w * h, row by row */
	struct canvas_obj *objs;
	size_t nobjs, objcap;
	char (*locations)[DESIGN_NAME_MAX + 1];
	size_t nlocations;
};

/* Link and box states for what-if colouring. */
enum canvas_state {
	CANVAS_UP, CANVAS_CARRYING, CANVAS_OVERLOADED, CANVAS_DOWN
};

enum canvas_role {
	CANVAS_R_NONE, CANVAS_R_BUS, CANVAS_R_VPC, CANVAS_R_BOX,
	CANVAS_R_BOX_TEXT, CANVAS_R_BOX_DOWN, CANVAS_R_SELECTED,
	CANVAS_R_LINK_UP, CANVAS_R_LINK_CARRYING, CANVAS_R_LINK_OVERLOADED,
	CANVAS_R_LINK_DOWN, CANVAS_R_PATH, CANVAS_R_COUNT
};

/* What the caller knows about each object (indexes into objs); any array
 * may be NULL.  selected is an object index or -1: every object of the
 * same kind and index is shown selected. */
struct canvas_view {
	const uint8_t *state;       /* enum canvas_state per object */
	const bool *path;           /* on the selected destination's path */
	int selected;
};

/* Lay the design out for a screen about wrap columns wide (at least 40).
 * Replaces whatever c held; c starts zeroed. */
void canvas_layout(const struct design *d, int wrap, struct canvas *c);
void canvas_free(struct canvas *c);

const struct canvas_cell *canvas_at(const struct canvas *c, int x, int y);
/* The character to show for a cell: box drawing or ASCII. */
uint32_t canvas_glyph(const struct canvas_cell *cell, bool utf8);
/* The character for the cell at (x, y) as the view shows it: a link or a
 * box that is down is crossed out (╳, x in ASCII) just before its label,
 * so that a failure shows on a terminal without colours too. */
uint32_t canvas_view_glyph(const struct canvas *c, int x, int y,
    const struct canvas_view *v, bool utf8);
enum canvas_role canvas_role(const struct canvas *c,
    const struct canvas_cell *cell, const struct canvas_view *v);
/* The object under a cell (also near a box's edge), or -1. */
int canvas_hit(const struct canvas *c, int x, int y);
/* The first object of a kind and index, or -1. */
int canvas_find(const struct canvas *c, enum canvas_kind kind, size_t index);
/* The object nearest from obj in a direction (dx, dy one of -1, 0, 1), or
 * -1 when there is none. */
int canvas_neighbour(const struct canvas *c, int obj, int dx, int dy);
const char *canvas_location_name(const struct canvas *c, size_t index);

/* The canvas as text, one line per row with trailing blanks removed, in
 * UTF-8 (box drawing) or ASCII. */
char *canvas_text(const struct canvas *c, bool utf8);
/* One letter per cell for the roles (golden files of what-if states):
 * ' ' none, '-' bus, 'V' VPC, 'b' box, 't' box text, 'X' box down,
 * 'S' selected, 'u' up, 'c' carrying, 'O' overloaded, 'x' down,
 * 'p' path. */
char *canvas_roles_text(const struct canvas *c, const struct canvas_view *v);

#endif
