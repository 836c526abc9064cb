/*
 * support.h: shared helpers of the C tests (tests/c).
 *
 * - a growable string buffer (sbuf);
 * - a reader of the language-neutral vector files of tests/vectors/
 *   (format: docs/sexp.md and docs/commands.md, "Test vector files");
 * - the canonical s-expression printer of docs/sexp.md for the C structs
 *   of include/imap.h, written from the spec and the header;
 * - a small s-expression parser for the `cmd` lines of the encode vectors
 *   (notation: docs/commands.md).
 */
#ifndef IMAP_TEST_SUPPORT_H
#define IMAP_TEST_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

#include "imap.h"

/* ---- string buffer -------------------------------------------------- */

typedef struct sbuf {
    char *data; /* NUL-terminated, or NULL while empty */
    size_t len;
    size_t cap;
} sbuf;

void sb_init(sbuf *b);
void sb_free(sbuf *b);
void sb_clear(sbuf *b);
void sb_putc(sbuf *b, char c);
void sb_putn(sbuf *b, const void *p, size_t n);
void sb_puts(sbuf *b, const char *s);
void sb_printf(sbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* The contents (never NULL). */
const char *sb_str(const sbuf *b);

/* Fatal allocation failure etc.: prints and exits 2. */
void die(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2), noreturn))
#endif
    ;
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrndup(const char *s, size_t n);

/* ---- vector files ---------------------------------------------------- */

/* One line of a case: its first word and the rest after one space. */
typedef struct vline {
    char *word;
    char *rest;
    size_t rest_len;
} vline;

/* One case: every line between `case` and `end`, and the decoded inputs. */
typedef struct vcase {
    char *name;
    char *origin; /* "file.txt:LINE" of the `case` line */
    vline *lines;
    size_t nlines;
    uint8_t *input; /* the `in` lines, unescaped and concatenated */
    size_t input_len;
} vcase;

typedef struct vset {
    vcase *cases;
    size_t n;
} vset;

/* Unescapes `\r \n \t \\ \" \xHH` of a vector byte line (or a quoted
 * s-expression string). Returns 0, or -1 with a message in `err`
 * (at least 64 bytes). `*out` is malloc'd (NUL-terminated for convenience). */
int vec_unescape(const char *s, size_t n, uint8_t **out, size_t *out_len, char *err);

/* Reads every case of every *.txt file in `dir`, sorted by file name.
 * Exits with a message on a malformed file or a duplicate case name. */
void vec_read_dir(const char *dir, vset *set);
void vec_free(vset *set);

/* ---- canonical printer (docs/sexp.md) -------------------------------- */

void print_string(sbuf *b, const uint8_t *p, size_t n);
void print_bytes(sbuf *b, imap_bytes s);   /* "..." or nil */
void print_seq_set(sbuf *b, imap_seq_set s);
void print_date_time(sbuf *b, imap_date_time d);
void print_flag(sbuf *b, const imap_flag *f);
void print_capability(sbuf *b, const imap_capability *c);
void print_code(sbuf *b, const imap_code *c);
/* `(name <code> "text")` */
void print_resp_text(sbuf *b, const char *name, const imap_resp_text *t);
void print_envelope(sbuf *b, const imap_envelope *e);
void print_body(sbuf *b, const imap_body *body);
void print_fetch_item(sbuf *b, const imap_fetch_item *it);
void print_untagged(sbuf *b, const imap_untagged *u);
void print_response(sbuf *b, const imap_response *r);
/* One decoder event; an ERROR event prints `(fatal <kind>)`. */
void print_event(sbuf *b, const imap_event *ev);

/* The docs/sexp.md kind name of a fatal framing error, or NULL. */
const char *fatal_kind_name(imap_error e);
/* The name of an error code (IMAP_ERROR_...), for messages. */
const char *error_name(uint32_t e);

/* One connection step in the form the connection tests record:
 * `(ok <code> "text")`, `(no ...)`, `(bad ...)`, `(preauth ...)`, an
 * untagged response's s-expression, `starttls`, `await-src`, `await-dst`,
 * `done`, `(literal-begin <seq>|nil "item" size)`, `(literal-data "bytes")`,
 * `(literal-end)`, `(malformed <offset>)`, `(error IMAP_ERROR_...)`. */
void print_step(sbuf *b, const imap_step *s);

/* ---- checks ------------------------------------------------------------ */

/* Number of failed CHECKs so far. */
extern int check_failures;
void check_fail(const char *file, int line, const char *what);
#define CHECK(cond)                                                                                                 \
    do {                                                                                                            \
        if (!(cond)) check_fail(__FILE__, __LINE__, #cond);                                                         \
    } while (0)
/* Compares two byte strings; prints both (escaped) when they differ. */
int check_bytes(const char *file, int line, const char *what, const void *got, size_t got_len, const void *want,
                size_t want_len);
#define CHECK_BYTES(got, got_len, want, want_len) check_bytes(__FILE__, __LINE__, #got, got, got_len, want, want_len)
#define CHECK_STR(got, want) check_bytes(__FILE__, __LINE__, #got, got, strlen(got), want, strlen(want))

/* ---- s-expression parser (docs/commands.md notation) ----------------- */

typedef enum sx_kind {
    SX_LIST = 0,   /* ( ... ) */
    SX_STRING = 1, /* "..." (bytes) */
    SX_ATOM = 2    /* anything else: keyword, number, set, date, nil */
} sx_kind;

typedef struct sx {
    sx_kind kind;
    char *text;  /* STRING: the bytes (NUL-terminated; may contain NUL);
                    ATOM: the token */
    size_t len;  /* STRING/ATOM: bytes in text */
    struct sx *items; /* LIST */
    size_t n;         /* LIST */
} sx;

/* Parses one form. Returns 0, or -1 with a message in err (>= 128 bytes). */
int sx_parse(const char *s, size_t n, sx *out, char *err);
void sx_free(sx *x);
/* Whether x is the atom `word`. */
int sx_is(const sx *x, const char *word);
/* Whether x is a list whose first element is the atom `word`. */
int sx_head(const sx *x, const char *word);

#endif
