/* The add and edit forms: one field per line, each checked as it is typed
 * with the model's own validators (names, prefixes, numbers and their
 * ranges), and the whole edited copy checked with design_validate() so the
 * cross-field rules give the loader's messages.  A form hands back a new
 * design; the caller makes it the current snapshot.
 *
 * On screen a form is an ncurses formw form in its own panel, built on the
 * first form_draw; until then (and in tests, with no terminal) form_set,
 * form_problem and form_key's Enter, Esc and Tab work on the field list
 * alone. */
#ifndef HATOPO_TUI_FORM_H
#define HATOPO_TUI_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "model/design.h"

enum form_kind { FORM_VPC, FORM_DC, FORM_DEVICE, FORM_VPN, FORM_DX,
	FORM_WAN, FORM_PREFIX, FORM_ADVERT, FORM_TRAFFIC, FORM_RISK, FORM_AVAIL,
	FORM_RULES };

enum form_result { FORM_CONTINUE, FORM_CANCEL, FORM_DONE };

struct form;

/* A form to add (edit false) or edit the object index of its kind;
 * selkind and index name the selection (a canvas_kind), which gives the
 * defaults of a new object (the device of a new VPN, ...).  d must stay
 * alive and unchanged while the form is open. */
struct form *form_new(const struct design *d, const char *path,
    enum form_kind kind, bool edit, size_t index, int selkind);
/* A form to edit one prefix of data center owner (FORM_PREFIX) or one
 * advertisement of connection owner (FORM_ADVERT). */
struct form *form_edit_item(const struct design *d, const char *path,
    enum form_kind kind, size_t owner, size_t item);
void form_free(struct form **f);
/* A typed character beyond ASCII reaches form_key as FORM_WCHAR | its
 * code point: curses' key codes (KEY_DOWN is 0402) overlap the code
 * points of letters such as U+0102. */
#define FORM_WCHAR 0x40000000
/* Feed a key: FORM_DONE puts the edited design in *out and a description
 * of the edit in what. */
int form_key(struct form *f, int ch, struct design **out, char *what,
    size_t whatlen);
/* Build the form's window and panel on the first call (again when the
 * screen size has changed), show the panel and put the cursor in it.  Only
 * the panel's window is updated: the caller ends with update_panels() and
 * doupdate(). */
void form_draw(struct form *f, bool utf8, bool color);
/* Hide the form's panel (a screen too small for the designer); the next
 * form_draw shows it again. */
void form_hide(struct form *f);
/* The object the form added (a canvas_kind and index), to select it. */
bool form_result_object(const struct form *f, const struct design *nd,
    int *kind, size_t *index);
/* For tests: set a field's text by label, and the current problem text
 * ("" when the form would be accepted). */
int form_set(struct form *f, const char *label, const char *value);
const char *form_problem(const struct form *f);

#endif
