/* The designer's state, shared by tui/tui.c (keys, edits, the model
 * side) and tui/draw.c (the screen).  Private to tui/. */
#ifndef HATOPO_TUI_STATE_H
#define HATOPO_TUI_STATE_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <menu.h>
#include <panel.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/design.h"
#include "model/engine.h"
#include "model/error.h"
#include "model/history.h"
#include "model/rules.h"
#include "render/canvas.h"
#include "tui/form.h"

#define TUI_MIN_COLS 80
#define TUI_MIN_ROWS 24
#define KEY_CTRL(c) ((c) & 0x1f)

/* Colour pairs by semantic role. */
enum tui_pair { PAIR_TITLE = 1, PAIR_STATUS, PAIR_GOOD, PAIR_WARN, PAIR_BAD,
	PAIR_PATH };

enum tui_role { ROLE_NORMAL, ROLE_TITLE, ROLE_SELECTED, ROLE_STATUS,
	ROLE_DIM, ROLE_NOTICE, ROLE_ERROR, ROLE_WARNING, ROLE_INFO, ROLE_FRAME,
	ROLE_FOCUS };

enum tui_mode { MODE_NORMAL, MODE_HELP, MODE_MATRIX, MODE_ASK, MODE_PROMPT,
	MODE_CHOOSE, MODE_FORM };

/* Tab goes canvas, findings, inspector, canvas. */
enum tui_focus { FOCUS_CANVAS, FOCUS_FINDINGS, FOCUS_INSPECTOR };

/* What a question or a prompt leads to. */
enum tui_ask { ASK_NONE, ASK_QUIT, ASK_DELETE, ASK_RECOVER, ASK_SAVE_AS,
	ASK_FIND, ASK_ADD, ASK_FAIL, ASK_TEMPLATE, ASK_TEMPLATE_DISCARD,
	ASK_ITEMS, ASK_EXPORT, ASK_RENAME_LOCATION };

/* A line of the `o` list: objects without a box on the canvas. */
struct titem {
	int kind;                   /* enum form_kind */
	size_t owner, item;
};

/* One line of the findings panel. */
struct item {
	char sev;                   /* 'E', 'W', 'I' */
	char rule[12];
	char *text;
	char *fix;                  /* "fix: ...", or NULL */
	char *subject;              /* a component ID, or NULL */
};

struct matrix_row {
	char *name;
	char **failed;              /* component IDs */
	size_t nfailed;
	char **cells;               /* NULL until the row is on screen */
};

struct tui {
	char *path;
	bool is_new;
	bool utf8;
	bool color;
	/* History: every snapshot of the session; d is the current one. */
	struct history *hist;
	long saved_pos;             /* -1: the saved state is gone */
	struct design *d;
	/* Derived from d. */
	struct error verr;
	struct engine *e;
	struct findings f;
	struct canvas cv;
	int wrap;
	/* What-if: failed component IDs. */
	char **failed;
	size_t nfailed;
	const struct engine_result *res;
	uint8_t *objstate;
	bool *objpath;
	/* The findings panel. */
	struct item *items;
	size_t nitems, itemcap;
	size_t isel, itop;
	int ioff;                   /* rows of the open finding scrolled off */
	bool imore;                 /* the open finding goes on below */
	size_t *frow;               /* the item drawn on each panel row */
	int nfrow, frowcap;
	int counts[3];
	/* Selection and view. */
	int sel;
	enum canvas_kind sel_kind;
	size_t sel_index;
	int sx, sy;
	enum tui_focus focus;
	char *avail_text;
	int avail_for;
	int insp_top;               /* first inspector row shown */
	int insp_rows;              /* rows the inspector's text takes */
	/* Modes. */
	enum tui_mode mode;
	enum tui_ask ask;
	char question[512];
	char input[256];
	char find[64];
	char rename_from[DESIGN_NAME_MAX + 1];  /* the DX location renamed */
	char msg[256];
	/* The choice list (add, fail, templates). */
	char **choices;
	size_t nchoices, csel;
	/* The list on screen: a menuw menu in its own panel, built when
	 * the list is first drawn and dropped when it closes. */
	MENU *menu;
	ITEM **mitems;
	char **mnames;              /* the choices padded to the width */
	WINDOW *mwin;
	PANEL *mpanel;
	int mlines, mcols;          /* the screen size it was built for */
	struct titem *titems;       /* ASK_ITEMS: what each choice is */
	/* The matrix view. */
	struct matrix_row *mrows;
	size_t nmrows, mrowcap, msel, mtop;
	bool mstale;                /* rows evaluated: the engine's view moved */
	char **mhead;
	size_t ncols;
	int mleft;
	int *mwidth;                /* each column's width, grown to fit */
	int mnamew;                 /* the scenario column's width */
	struct form *form;
	int drag;                   /* data center or device dragged, or -1 */
	int help_top;               /* first help line shown */
	/* Timings. */
	double last_edit_ms;
};

/* Where the panels are on a screen of this size. */
struct geom {
	int cw, ch;                 /* canvas panel */
	int rx, rw;                 /* right column */
	int ih;                     /* inspector height */
	int fy, fh;                 /* findings panel */
};

/* --- tui/draw.c ---------------------------------------------------------- */

/* The whole screen, for the current mode; curses sends what changed. */
void draw_screen(struct tui *t);
void draw_geometry(struct geom *g);
/* The open choice list (a menu in its own panel), built when first drawn
 * and rebuilt on a resize. */
void draw_choose(struct tui *t);
void draw_menu_close(struct tui *t);
int draw_help_count(void);
int draw_matrix_rows(const struct tui *t);

/* --- tui/tui.c ------------------------------------------------------------ */

/* The component ID of a canvas object ("datacenter:dc1"), or NULL. */
char *tui_component_id(const struct tui *t, int obj);
bool tui_is_failed(const struct tui *t, const char *id);
/* The engine's view of the current failures, and what follows from it. */
void tui_apply_failures(struct tui *t);
/* A matrix row's cells, computed when the row comes on screen. */
void tui_matrix_cells(struct tui *t, struct matrix_row *row);
void tui_matrix_cells_free(struct tui *t, struct matrix_row *row);

#endif
