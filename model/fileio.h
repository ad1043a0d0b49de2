/* Reading input files defensively and writing output files atomically. */
#ifndef HATOPO_FILEIO_H
#define HATOPO_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "error.h"

/* Read a whole regular file of at most max bytes.  Refuses directories,
 * devices, oversized files and files holding NUL bytes, each with a clear
 * message.  *data is NUL-terminated and owned by the caller. */
int fileio_read(const char *path, size_t max, char **data, size_t *len,
    struct error *err);

/* Replace path with data atomically: a temporary file in the same folder
 * created with mode (0600 from the first byte when mode is 0600), written,
 * fsync'd and renamed over path, then the folder fsync'd.  With keep_backup
 * the previous file survives as "path~".  On failure path is untouched. */
int fileio_write_atomic(const char *path, const char *data, size_t len,
    mode_t mode, bool keep_backup, struct error *err);

/* The file's permission bits, or -1 with err filled. */
int fileio_mode(const char *path, mode_t *mode, struct error *err);

#endif
