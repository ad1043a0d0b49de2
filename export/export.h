/* hatopo export (SPEC section 10): router configs per device and vendor,
 * the AWS side as Terraform, review files, and the lab's files.
 *
 * Rendering and writing are separate.  export_render() turns a design and
 * its secrets into a list of files in memory (router configs, aws.tf and
 * secrets.auto.tfvars, failover.md, failover.csv, findings.md,
 * availability.md, topology.dot), each marked when it holds a
 * pre-shared key or an MD5 key; export_write() puts them into a folder:
 * secret files 0600 from their first byte, nothing replaced that hatopo did
 * not write (the folder's manifest records what it wrote) unless forced.
 * export_run() is the whole command: load, secrets, render, write. */
#ifndef HATOPO_EXPORT_H
#define HATOPO_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/design.h"
#include "model/error.h"
#include "model/secrets.h"

/* The manifest in every folder hatopo exports into. */
#define EXPORT_MANIFEST ".hatopo-export"

struct export_file {
	char *name;             /* file name inside the folder, no '/' */
	char *text;
	bool secret;            /* holds a PSK or an MD5 key: mode 0600 */
};

struct export_files {
	struct export_file *v;
	size_t n, cap;
};

enum export_set {
	EXPORT_SET_OUT,         /* configs, Terraform, review files */
	EXPORT_SET_LAB          /* the lab's files (tests/lab) */
};

struct export_opts {
	const char *design_path;
	const char *out_dir;
	const char *lab_dir;    /* NULL: no lab files */
	bool force;             /* replace files hatopo did not write */
};

struct export_report {
	char **written;         /* paths, in the order written */
	size_t nwritten, cap;
	char *secrets_path;
	bool secrets_created;
	int secrets_added;      /* keys generated this time */
};

/* Render one set of files.  The secrets must hold every key the design
 * needs (secrets_fill).  Fails, with every reason, when the design asks
 * for something a vendor cannot express. */
int export_render(const struct design *d, const struct secrets *s,
    enum export_set set, struct export_files *out, struct error *err);

/* Write files into dir (created when missing).  Nothing is written when
 * one target is a file hatopo did not write (or changed since) and force
 * is false: err then names each such file. */
int export_write(const char *dir, const struct export_files *files,
    bool force, struct export_report *rep, struct error *err);

/* The command: load the design, load or create DESIGN.secrets (0600) and
 * fill in missing keys, render and write the configs and, with lab_dir,
 * the lab's files. */
int export_run(const struct export_opts *o, struct export_report *rep,
    struct error *err);

void export_files_free(struct export_files *f);
void export_report_free(struct export_report *r);
/* The file of that name, or NULL. */
const struct export_file *export_files_find(const struct export_files *f,
    const char *name);

#endif
