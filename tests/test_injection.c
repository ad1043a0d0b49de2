/* Injection, as a property: many generated designs whose names sit at the
 * limits of the name rule ([A-Za-z][A-Za-z0-9_.-]{0,31}, with '.', '-' and
 * '_' wherever allowed) and whose title and descriptions are full of
 * quotes, braces, semicolons, '!', '#', '$', backslashes and the words of
 * router configs, rendered with export_render().  Each is compared with
 * the same design under plain names and plain text: every exported file
 * keeps its number of lines, and outside comment lines the same count of
 * '{', '}', unescaped '"' and ';', the same number of CSV fields per line,
 * and no Terraform interpolation.  The loader refuses control characters
 * in every free-text field (and in every name).
 *
 * tests/test_export.c holds the single hand-written injection design;
 * this one draws ITERATIONS designs from a fixed seed (a failure names the
 * iteration and shows both designs). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "model/design.h"
#include "model/secrets.h"
#include "model/strbuf.h"
#include "model/xalloc.h"

#define ITERATIONS 150
#define NNAMES 19
#define NTEXTS 12

/* @Nk@ is the k-th name, @Tk@ the k-th free text (already escaped for a
 * libconfig string).  Three vendors, a static VPN, three DX connections
 * (one per vendor) with their location, provider and MD5 keys, ISPs, a
 * risk group naming connections, WAN links and traffic. */
static const char template[] =
    "version = 1;\n"
    "name = \"@T0@\";\n"
    "vpc = { name = \"@N0@\"; cidrs = [\"172.31.0.0/16\"]; gateway = \"vgw\";"
    " asn = 64512; };\n"
    "datacenters = (\n"
    "  { name = \"@N1@\"; prefixes = [\"10.0.0.0/16\"]; description = \"@T1@\"; },\n"
    "  { name = \"@N2@\"; prefixes = [\"10.1.0.0/16\"]; description = \"@T2@\"; }\n"
    ");\n"
    "wan = ( { a = \"@N1@\"; b = \"@N2@\"; gbps = 10.0; } );\n"
    "devices = (\n"
    "  { name = \"@N3@\"; dc = \"@N1@\"; vendor = \"cisco-ios\"; asn = 65001;\n"
    "    public_ip = \"203.0.113.10\"; isp = \"@N13@\"; description = \"@T3@\"; },\n"
    "  { name = \"@N4@\"; dc = \"@N2@\"; vendor = \"junos\"; asn = 65002;\n"
    "    public_ip = \"198.51.100.20\"; isp = \"@N14@\"; description = \"@T4@\"; },\n"
    "  { name = \"@N5@\"; dc = \"@N2@\"; vendor = \"frr\"; asn = 4200000003L;\n"
    "    public_ip = \"198.51.100.30\"; isp = \"@N13@\"; description = \"@T5@\"; }\n"
    ");\n"
    "connections = (\n"
    "  { name = \"@N6@\"; type = \"vpn\"; device = \"@N3@\"; routing = \"bgp\";\n"
    "    description = \"@T6@\";\n"
    "    tunnels = ( { inside = \"169.254.10.0/30\"; },\n"
    "                { inside = \"169.254.10.4/30\"; } );\n"
    "    advertise = ( { prefix = \"10.0.0.0/16\"; med = 50; prepend = 1; } ); },\n"
    "  { name = \"@N7@\"; type = \"vpn\"; device = \"@N4@\"; routing = \"static\";\n"
    "    description = \"@T7@\";\n"
    "    ike = { version = 2; phase1 = { encryption = [\"aes256-gcm16\"];\n"
    "      integrity = [\"sha2-384\"]; dh = [20]; }; phase2 = {\n"
    "      encryption = [\"aes256-gcm16\"]; integrity = [\"sha2-384\"];\n"
    "      pfs = [20]; }; };\n"
    "    tunnels = ( { inside = \"169.254.11.0/30\"; },\n"
    "                { inside = \"169.254.11.4/30\"; } );\n"
    "    advertise = ( { prefix = \"10.1.0.0/16\"; } ); },\n"
    "  { name = \"@N8@\"; type = \"vpn\"; device = \"@N5@\"; routing = \"bgp\";\n"
    "    description = \"@T8@\";\n"
    "    tunnels = ( { inside = \"169.254.12.0/30\"; },\n"
    "                { inside = \"169.254.12.4/30\"; } );\n"
    "    advertise = ( { prefix = \"10.1.0.0/16\"; } ); },\n"
    "  { name = \"@N9@\"; type = \"dx\"; device = \"@N4@\"; location = \"@N11@\";\n"
    "    provider = \"@N12@\"; gbps = 10.0; vlan = 101; peer = \"169.254.100.0/30\";\n"
    "    bfd = true; description = \"@T9@\";\n"
    "    advertise = ( { prefix = \"10.1.0.0/16\"; local_pref = \"high\"; } ); },\n"
    "  { name = \"@N10@\"; type = \"dx\"; device = \"@N5@\"; location = \"@N16@\";\n"
    "    provider = \"@N17@\"; gbps = 1.0; vlan = 4094; peer = \"169.254.100.4/31\";\n"
    "    description = \"@T10@\";\n"
    "    advertise = ( { prefix = \"10.1.0.0/16\"; local_pref = \"low\"; } ); },\n"
    "  { name = \"@N18@\"; type = \"dx\"; device = \"@N3@\"; location = \"@N11@\";\n"
    "    provider = \"@N17@\"; gbps = 1.0; vlan = 202; peer = \"169.254.100.8/30\";\n"
    "    description = \"@T11@\";\n"
    "    advertise = ( { prefix = \"10.0.0.0/16\"; } ); }\n"
    ");\n"
    "traffic = ( { prefix = \"10.0.0.0/16\"; from_aws = 0.5; to_aws = 0.2; },\n"
    "            { prefix = \"10.1.0.0/16\"; from_aws = 0.5; to_aws = 0.2; } );\n"
    "risks = ( { name = \"@N15@\"; members = [\"@N6@\", \"connection:@N9@\"]; } );\n";

static const char *const plain_names[NNAMES] = {
	"vpc", "dc1", "dc2", "cgw1", "cgw2", "cgw3", "vpn1", "vpn2", "vpn3",
	"dx1", "dx2", "loc1", "prov1", "isp1", "isp2", "risk1", "loc2",
	"prov2", "dx3",
};

/* A small deterministic generator (xorshift), so failures repeat. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t
rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % n);
}

static const char first_chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
static const char name_chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-";

/* A name at the limits: half of them 32 characters long, the rest 1-32;
 * many made only of '.', '-' and '_' after the first letter. */
static void
gen_name(char *out, int k)
{
	int len = rnd(2) ? DESIGN_NAME_MAX : 1 + (int)rnd(DESIGN_NAME_MAX);
	int style = (int)rnd(4);

	out[0] = first_chars[rnd(sizeof first_chars - 1)];
	for (int i = 1; i < len; i++) {
		if (style == 0)
			out[i] = "._-"[rnd(3)];
		else
			out[i] = name_chars[rnd(sizeof name_chars - 1)];
	}
	out[len] = '\0';
	/* Names must differ: the last two characters carry k when there is
	 * room, and a 1-character name gets a second one. */
	if (len < 3) {
		out[0] = first_chars[k % 52];
		out[1] = (char)('0' + k / 10);
		out[2] = (char)('0' + k % 10);
		out[3] = '\0';
	} else {
		out[len - 2] = (char)('0' + k / 10);
		out[len - 1] = (char)('0' + k % 10);
	}
}

/* Hostile free text: what ends or starts a statement, a block, a string,
 * a comment or an interpolation in the four target syntaxes.  Written
 * escaped for a libconfig string; at most DESIGN_TEXT_MAX characters. */
static const char *const pieces[] = {
	"\"", "'", "`", "{", "}", "[", "]", "(", ")", ";", ";;", "!", "#", "//",
	"/*", "*/", "${var.x}", "%{ if true }", "$${", "\\", "\\n", "<<EOF",
	"EOF", "end", "exit", "quit", "commit", "!\nno router bgp", "delete",
	"set system root-authentication", "interface", "router bgp 1",
	"crypto", "}}}", "{{{", "\"\";", ",", ",\",\"", "|", "&", "$(reboot)",
	" ", " ", " ", "a", "Z", "0", "9", "=", "==", ":", "->", "--",
	"digraph", "label=\"x\"", "->", "\"]", "[\"",
};

static void
gen_text(struct strbuf *sb, size_t *rawlen)
{
	size_t target = 1 + rnd(DESIGN_TEXT_MAX);

	*rawlen = 0;
	while (*rawlen < target) {
		const char *p = pieces[rnd(sizeof pieces / sizeof *pieces)];

		if (strchr(p, '\n') != NULL)
			continue;       /* newlines are control characters */
		if (*rawlen + strlen(p) > DESIGN_TEXT_MAX)
			break;
		for (; *p; p++) {
			if (*p == '"' || *p == '\\')
				strbuf_add(sb, "\\", 1);
			strbuf_add(sb, p, 1);
			(*rawlen)++;
		}
	}
	if (*rawlen == 0) {
		strbuf_puts(sb, "#");
		*rawlen = 1;
	}
}

/* The template with its placeholders filled. */
static char *
fill(const char *const *names, const char *const *texts)
{
	struct strbuf sb = STRBUF_INIT;

	for (const char *p = template; *p; ) {
		int k;
		char kind;
		int used;

		if (*p == '@' && sscanf(p, "@%c%d@%n", &kind, &k, &used) == 2 &&
		    (kind == 'N' || kind == 'T')) {
			strbuf_puts(&sb, kind == 'N' ? names[k] : texts[k]);
			p += used;
		} else
			strbuf_add(&sb, p++, 1);
	}
	return strbuf_detach(&sb);
}

static struct design *
load_text(const char *text, int iter)
{
	struct error err = ERROR_INIT;
	struct design *d = NULL;

	if (design_load_string(text, "inject.cfg", &d, &err) != 0) {
		char *s = error_string(&err);

		fail_msg("iteration %d: the generated design does not load:\n%s"
		    "--- design ---\n%s", iter, s, text);
	}
	return d;
}

/* Fixed keys per connection index, the same for both designs. */
static struct secrets *
keys_for(const struct design *d)
{
	struct secrets *s = secrets_new();

	for (size_t i = 0; i < d->nconns; i++) {
		char key[64];

		if (d->conns[i].type == CONN_VPN) {
			for (int t = 1; t <= d->conns[i].ntunnels; t++) {
				snprintf(key, sizeof key, "InjectPsk%02zuT%dxxxxxxx",
				    i, t);
				secrets_set_psk(s, d->conns[i].name, t, key);
			}
		} else {
			snprintf(key, sizeof key, "InjectMd5%02zuxxxxxxx", i);
			secrets_set_md5(s, d->conns[i].name, key);
		}
	}
	return s;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Comment lines of each kind of file: their text is free. */
static bool
is_comment(const char *name, const char *line, size_t len)
{
	while (len > 0 && (*line == ' ' || *line == '\t')) {
		line++;
		len--;
	}
	if (len == 0)
		return false;
	if (ends_with(name, ".ios.cfg") || ends_with(name, ".frr.conf"))
		return *line == '!';
	if (ends_with(name, ".junos.set") || ends_with(name, ".swanctl.conf") ||
	    ends_with(name, ".tf") || ends_with(name, ".tfvars"))
		return *line == '#' || (len > 1 && line[0] == '/' &&
		    (line[1] == '/' || line[1] == '*'));
	if (ends_with(name, ".dot"))
		return len > 1 && line[0] == '/' && line[1] == '/';
	return false;
}

struct shape {
	size_t lines, statements;       /* all lines; lines not comments */
	size_t open, close, quote, semi;        /* outside comment lines */
	size_t pipes;           /* Markdown tables: unescaped '|' */
	size_t interp;          /* Terraform: "${" or "%{" in a string */
	size_t *csv_fields;     /* per line, CSV files only */
};

static size_t
csv_fields(const char *line, size_t len)
{
	size_t n = 1;
	bool quoted = false;

	for (size_t i = 0; i < len; i++) {
		if (line[i] == '"')
			quoted = !quoted;       /* "" inside a field toggles twice */
		else if (line[i] == ',' && !quoted)
			n++;
	}
	return quoted ? 0 : n;          /* 0: an unterminated quote */
}

/* Count what gives a line its structure.  Braces and semicolons count
 * outside double-quoted strings only (inside one they are text); every
 * unescaped quote counts, so a quote that ends a string early shows. */
static struct shape
shape_of(const char *name, const char *text)
{
	struct shape s;
	bool csv = ends_with(name, ".csv"), md = ends_with(name, ".md");
	bool tf = ends_with(name, ".tf") || ends_with(name, ".tfvars");
	size_t cap = 0;

	memset(&s, 0, sizeof s);
	for (const char *p = text; *p; ) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		bool in_str = false;

		if (csv) {
			s.csv_fields = xgrow(s.csv_fields, &cap, s.lines + 1,
			    sizeof *s.csv_fields);
			s.csv_fields[s.lines] = csv_fields(p, len);
		}
		s.lines++;
		if (md && len > 0 && p[0] == '|') {
			/* A table row: a '|' from the text would add a cell. */
			for (size_t i = 0; i < len; i++)
				if (p[i] == '\\')
					i++;
				else
					s.pipes += p[i] == '|';
		} else if (!md && !csv && !is_comment(name, p, len)) {
			s.statements++;
			for (size_t i = 0; i < len; i++) {
				char c = p[i];

				if (c == '\\' && i + 1 < len) {
					i++;    /* an escaped character is text */
					continue;
				}
				if (c == '"') {
					s.quote++;
					in_str = !in_str;
				} else if (!in_str) {
					s.open += c == '{';
					s.close += c == '}';
					s.semi += c == ';';
				} else if (tf && (c == '$' || c == '%') &&
				    i + 1 < len && p[i + 1] == '{' &&
				    (i == 0 || p[i - 1] != c))
					s.interp++;
			}
		}
		p += len + (e != NULL);
	}
	return s;
}

/* Compare the files of design b with those of design a.  all_lines: the
 * two differ in free text only, so even comment lines must match in
 * number; otherwise (different names) only the statements. */
static bool quiet;      /* the checker's self-test */

static int
compare(int iter, const char *what, const struct export_files *a,
    const struct export_files *b, bool all_lines)
{
	int bad = 0;

	if (a->n != b->n) {
		if (!quiet)
			fprintf(stderr, "iteration %d (%s): %zu files, against "
			    "%zu\n", iter, what, b->n, a->n);
		return 1;
	}
	for (size_t k = 0; k < a->n; k++) {
		const char *pn = a->v[k].name, *n = b->v[k].name;
		struct shape x = shape_of(pn, a->v[k].text);
		struct shape y = shape_of(n, b->v[k].text);
		int before = bad;

		if (all_lines ? x.lines != y.lines : x.statements != y.statements)
			bad++;
		if (x.open != y.open || x.close != y.close ||
		    x.quote != y.quote || x.semi != y.semi)
			bad++;
		if (y.interp != x.interp)
			bad++;
		if (all_lines && y.pipes != x.pipes)
			bad++;
		if (y.csv_fields != NULL && x.lines == y.lines)
			for (size_t l = 0; l < y.lines; l++)
				if (y.csv_fields[l] != x.csv_fields[l]) {
					if (!quiet)
						fprintf(stderr, "iteration %d (%s): %s "
						    "line %zu: %zu CSV fields, against "
						    "%zu\n", iter, what, n, l + 1,
						    y.csv_fields[l], x.csv_fields[l]);
					bad++;
					break;
				}
		if (bad > before && !quiet)
			fprintf(stderr, "iteration %d (%s): %s against %s: lines "
			    "%zu/%zu, statements %zu/%zu, { %zu/%zu, } %zu/%zu, "
			    "\" %zu/%zu, ; %zu/%zu, | %zu/%zu, ${ %zu/%zu\n", iter,
			    what, n, pn, y.lines, x.lines, y.statements,
			    x.statements, y.open, x.open, y.close, x.close, y.quote,
			    x.quote, y.semi, x.semi, y.pipes, x.pipes, y.interp,
			    x.interp);
		free(x.csv_fields);
		free(y.csv_fields);
		if (bad > 20)
			break;
	}
	return bad;
}

static int
render_pair(int iter, const char *what, const struct design *a,
    const struct design *b, bool all_lines)
{
	struct secrets *sa = keys_for(a), *sb = keys_for(b);
	int bad = 0;

	for (int set = 0; set < 2; set++) {
		enum export_set es = set ? EXPORT_SET_LAB : EXPORT_SET_OUT;
		struct export_files fa = { NULL, 0, 0 }, fb = { NULL, 0, 0 };
		struct error err = ERROR_INIT;

		if (export_render(a, sa, es, &fa, &err) != 0 ||
		    export_render(b, sb, es, &fb, &err) != 0) {
			char *s = error_string(&err);

			fprintf(stderr, "iteration %d (%s): export_render failed:\n"
			    "%s", iter, what, s);
			free(s);
			bad++;
		} else
			bad += compare(iter, what, &fa, &fb, all_lines);
		error_clear(&err);
		export_files_free(&fa);
		export_files_free(&fb);
	}
	secrets_free(&sa);
	secrets_free(&sb);
	return bad;
}

static void
test_generated_designs_export_without_injection(void **state)
{
	const char *plain_texts[NTEXTS];
	int bad = 0, shown = 0;

	(void)state;
	for (int t = 0; t < NTEXTS; t++)
		plain_texts[t] = t == 0 ? "Plain title" : "plain";
	for (int iter = 0; iter < ITERATIONS; iter++) {
		char namebuf[NNAMES][DESIGN_NAME_MAX + 1];
		const char *names[NNAMES], *texts[NTEXTS];
		struct strbuf tb[NTEXTS];
		struct design *pd, *nd, *hd;
		char *ptext, *ntext, *htext;
		int n;

		for (int k = 0; k < NNAMES; k++) {
			gen_name(namebuf[k], k);
			names[k] = namebuf[k];
		}
		for (int t = 0; t < NTEXTS; t++) {
			size_t raw;

			tb[t] = (struct strbuf)STRBUF_INIT;
			gen_text(&tb[t], &raw);
			texts[t] = tb[t].data;
		}
		/* P: plain names and text; N: generated names, plain text;
		 * H: generated names and hostile text. */
		ptext = fill(plain_names, plain_texts);
		ntext = fill(names, plain_texts);
		htext = fill(names, texts);
		pd = load_text(ptext, iter);
		nd = load_text(ntext, iter);
		hd = load_text(htext, iter);
		n = render_pair(iter, "hostile text", nd, hd, true);
		n += render_pair(iter, "names at the limits", pd, nd, false);
		n += render_pair(iter, "both", pd, hd, false);
		if (n > 0 && shown++ == 0)
			fprintf(stderr, "--- first failing design (iteration %d) ---"
			    "\n%s", iter, htext);
		bad += n;
		design_free(&pd);
		design_free(&nd);
		design_free(&hd);
		free(ntext);
		free(ptext);
		free(htext);
		for (int t = 0; t < NTEXTS; t++)
			strbuf_free(&tb[t]);
		if (bad > 40)
			break;
	}
	if (bad)
		fail_msg("%d injected changes in exported files (see above)", bad);
}

/* Every string field of the template, one at a time, with each control
 * character (written as libconfig's \xNN escape) in the middle: the
 * loader refuses it and names the field. */
static void
test_control_characters_refused_everywhere(void **state)
{
	int bad = 0, cases = 0;
	const char *texts[NTEXTS];

	(void)state;
	for (int t = 0; t < NTEXTS; t++)
		texts[t] = t == 0 ? "Plain title" : "plain";
	for (int field = 0; field < NNAMES + NTEXTS; field++) {
		for (int c = 1; c < 128; c++) {
			const char *names[NNAMES], *tx[NTEXTS];
			char esc[64];
			struct error err = ERROR_INIT;
			struct design *d = NULL;
			char *text;

			if (c >= 32 && c != 127)
				continue;
			memcpy(names, plain_names, sizeof names);
			memcpy(tx, texts, sizeof tx);
			if (field < NNAMES) {
				snprintf(esc, sizeof esc, "%.2s\\x%02x%s",
				    plain_names[field], c, plain_names[field] + 2);
				names[field] = esc;
			} else {
				snprintf(esc, sizeof esc, "plain\\x%02xtext", c);
				tx[field - NNAMES] = esc;
			}
			text = fill(names, tx);
			cases++;
			if (design_load_string(text, "ctl.cfg", &d, &err) == 0) {
				fprintf(stderr, "control character 0x%02x in %s %d "
				    "was accepted\n", c, field < NNAMES ? "name" :
				    "text", field < NNAMES ? field : field - NNAMES);
				design_free(&d);
				bad++;
			} else if (field >= NNAMES) {
				char *s = error_string(&err);

				if (strstr(s, "control characters are not allowed") ==
				    NULL || strstr(s, field == NNAMES ? "name" :
				    "description") == NULL) {
					fprintf(stderr, "control character 0x%02x in text "
					    "%d: unclear message:\n%s", c, field - NNAMES,
					    s);
					bad++;
				}
				free(s);
			}
			error_clear(&err);
			free(text);
		}
	}
	assert_true(cases >= (NNAMES + NTEXTS) * 32);
	if (bad)
		fail_msg("%d of %d control characters not refused (see above)",
		    bad, cases);
}

/* Raw control bytes (not escapes) in a description: refused too, and the
 * file's own line ends (CR) in a string as well. */
static void
test_raw_control_bytes_refused(void **state)
{
	int bad = 0;

	(void)state;
	for (int c = 1; c < 128; c++) {
		const char *tx[NTEXTS];
		char raw[16];
		struct error err = ERROR_INIT;
		struct design *d = NULL;
		char *text;

		if ((c >= 32 && c != 127) || c == '\n')
			continue;
		for (int t = 0; t < NTEXTS; t++)
			tx[t] = t == 0 ? "Plain title" : "plain";
		snprintf(raw, sizeof raw, "a%cb", c);
		tx[1] = raw;
		text = fill(plain_names, tx);
		if (design_load_string(text, "raw.cfg", &d, &err) == 0) {
			fprintf(stderr, "raw byte 0x%02x in a description was "
			    "accepted\n", c);
			design_free(&d);
			bad++;
		}
		error_clear(&err);
		free(text);
	}
	if (bad)
		fail_msg("%d raw control bytes accepted", bad);
}

/* The generator itself: names are valid, at the limits, and the plain
 * and hostile designs both load (a broken generator would test nothing). */
static void
test_generator_covers_the_limits(void **state)
{
	int len32 = 0, punct = 0;

	(void)state;
	for (int i = 0; i < 1000; i++) {
		char n[DESIGN_NAME_MAX + 1];

		gen_name(n, i % NNAMES);
		if (!design_name_valid(n))
			fail_msg("generated an invalid name: %s", n);
		len32 += strlen(n) == DESIGN_NAME_MAX;
		punct += strspn(n + 1, "._-") >= 20;
	}
	assert_true(len32 > 300);
	assert_true(punct > 50);
}

/* The checker itself sees each kind of injection it is meant to see. */
static void
test_checker_sees_injection(void **state)
{
	static const struct { const char *name, *plain, *bad; } cases[] = {
		{ "r.junos.set", "set a description \"x\"\n",
		    "set a description \"x\"; delete\"\n" },
		{ "r.junos.set", "set a b\n", "set a b\nset c d\n" },
		{ "r.ios.cfg", "! x\nhostname r\n", "! x\nhostname r\nexit\n" },
		{ "aws.tf", "tags = { Name = \"x\" }\n",
		    "tags = { Name = \"x${var.y}\" }\n" },
		{ "aws.tf", "a = \"x\"\n", "a = \"x\" }\n" },
		{ "topology.dot", "a [label=\"x\"];\n",
		    "a [label=\"x\"]; b;\n" },
		{ "failover.csv", "a,b\n", "a,b,c\n" },
		{ "findings.md", "| a | b |\n", "| a | b | c |\n" },
	};
	struct export_files a = { NULL, 0, 0 }, b = { NULL, 0, 0 };

	(void)state;
	a.v = xmalloc(sizeof *a.v);
	b.v = xmalloc(sizeof *b.v);
	a.n = b.n = 1;
	quiet = true;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		a.v[0].name = b.v[0].name = (char *)(uintptr_t)cases[i].name;
		a.v[0].text = (char *)(uintptr_t)cases[i].plain;
		b.v[0].text = (char *)(uintptr_t)cases[i].bad;
		if (compare(-1, "self-test", &a, &b, true) == 0)
			fail_msg("the checker missed case %zu (%s)", i,
			    cases[i].name);
		b.v[0].text = (char *)(uintptr_t)cases[i].plain;
		assert_int_equal(compare(-1, "self-test", &a, &b, true), 0);
	}
	quiet = false;
	free(a.v);
	free(b.v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checker_sees_injection),
		cmocka_unit_test(test_generator_covers_the_limits),
		cmocka_unit_test(test_generated_designs_export_without_injection),
		cmocka_unit_test(test_control_characters_refused_everywhere),
		cmocka_unit_test(test_raw_control_bytes_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
