/* The designer's edits that the model has no function for: deleting an
 * object with what depends on it, renaming with every reference, and
 * proposing free tunnel inside /30s.  Pure: no curses, tested without a
 * terminal. */
#ifndef HATOPO_TUI_EDIT_H
#define HATOPO_TUI_EDIT_H

#include <stddef.h>

#include "model/design.h"
#include "render/canvas.h"

/* What deleting the object takes with it ("2 connections: vpn1, dx1"),
 * or NULL when nothing depends on it. */
char *edit_dependents(const struct design *d, enum canvas_kind kind,
    size_t index, const char *location);
/* Delete the object and what depends on it (a data center its devices,
 * their connections and its WAN links; a device its connections; a DX
 * location its connections), with the risk members and layout entries
 * that name them.  The VPC is never deleted. */
void edit_delete(struct design *d, enum canvas_kind kind, size_t index,
    const char *location);
/* The objects without a box on the canvas. */
enum edit_item { EDIT_PREFIX, EDIT_ADVERT, EDIT_TRAFFIC, EDIT_RISK };
/* Delete one prefix of data center owner, one advertisement of
 * connection owner, or the traffic demand or risk group item (owner
 * unused). */
void edit_delete_item(struct design *d, enum edit_item kind, size_t owner,
    size_t item);
/* Rename a data center, device or connection and every reference to it. */
void edit_rename(struct design *d, enum canvas_kind kind, size_t index,
    const char *name);
/* The first n (at most 2) /30s in 169.254.0.0/16 that are neither
 * reserved nor used by a tunnel of the design; returns how many. */
int edit_propose_inside(const struct design *d, struct prefix *out, int n);

#endif
