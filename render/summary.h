/* One-line and multi-line text descriptions of a design. */
#ifndef HATOPO_SUMMARY_H
#define HATOPO_SUMMARY_H

#include "model/design.h"

/* "2 data centers, 1 WAN link, 2 devices, 2 connections (1 VPN, 1 DX),
 * 2 traffic demands" — counts with correct plurals. */
char *summary_counts(const struct design *d);

#endif
