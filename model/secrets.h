/* Pre-shared keys and BGP MD5 keys, kept out of the design in DESIGN.secrets
 * (libconfig, mode 0600).  A design file is committed and shared; this file
 * never is.
 *
 *   version = 1;
 *   tunnels = ( { connection = "vpn1"; tunnel = 1; psk = "..."; }, ... );
 *   dx = ( { connection = "dx1"; md5 = "..."; }, ... );
 */
#ifndef HATOPO_SECRETS_H
#define HATOPO_SECRETS_H

#include <stdbool.h>
#include <stddef.h>

#include "design.h"
#include "error.h"

#define SECRETS_PSK_MIN 8
#define SECRETS_PSK_MAX 64
#define SECRETS_PSK_GENERATED 32
#define SECRETS_MD5_MIN 6
#define SECRETS_MD5_MAX 80
#define SECRETS_FILE_MAX (4u * 1024 * 1024)

struct secret_psk {
	design_name conn;
	int tunnel;                 /* 1 or 2 */
	char psk[SECRETS_PSK_MAX + 1];
	int line;
};

struct secret_md5 {
	design_name conn;
	char key[SECRETS_MD5_MAX + 1];
	int line;
};

struct secrets {
	struct secret_psk *psks;
	size_t npsks, pskcap;
	struct secret_md5 *md5s;
	size_t nmd5s, md5cap;
};

struct secrets *secrets_new(void);
void secrets_free(struct secrets **s);

/* "DESIGN.secrets" beside the design. */
char *secrets_path(const char *design_path);
/* Load; refuses a file that others may read (mode beyond 0600).  A PSK that
 * is safe to export but breaks AWS's rules loads (rule HA019 reports it);
 * one that could break out of a config line does not. */
int secrets_load(const char *path, struct secrets **out, struct error *err);
int secrets_load_string(const char *text, const char *filename,
    struct secrets **out, struct error *err);
char *secrets_to_string(const struct secrets *s);
/* Atomic, and 0600 from the moment the file exists. */
int secrets_save(const struct secrets *s, const char *path,
    struct error *err);

/* Why psk breaks AWS's rules (8-64 of [A-Za-z0-9._], not starting with 0),
 * or NULL. */
const char *secrets_psk_problem(const char *psk);
/* Why an MD5 key is unusable (6-80 of [A-Za-z0-9._-]), or NULL. */
const char *secrets_md5_problem(const char *key);
/* 32 characters of [A-Za-z0-9._] from getrandom(), not starting with 0.
 * out holds SECRETS_PSK_GENERATED + 1 bytes.  -1 when the kernel gives no
 * randomness. */
int secrets_generate(char *out, struct error *err);

const char *secrets_psk(const struct secrets *s, const char *conn,
    int tunnel);
const char *secrets_md5(const struct secrets *s, const char *conn);
void secrets_set_psk(struct secrets *s, const char *conn, int tunnel,
    const char *psk);
void secrets_set_md5(struct secrets *s, const char *conn, const char *key);
/* Give connection to the keys of connection from that it lacks (from
 * keeps its own, so undoing a rename finds them); how many were copied. */
int secrets_carry(struct secrets *s, const char *from, const char *to);
/* Generate what the design needs and the file lacks: a PSK per tunnel, an
 * MD5 key per DX.  *added counts them. */
int secrets_fill(struct secrets *s, const struct design *d, int *added,
    struct error *err);

#endif
