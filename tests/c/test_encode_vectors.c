/*
 * test_encode_vectors.c: every case of the command vectors (the *.txt files
 * of tests/vectors/encode, notation docs/commands.md) built with the C
 * constructors (imap_cmd_*, imap_key_*, imap_fetch_items_*, ...; the
 * mapping is docs/c-commands.md) and encoded by running it on a connection
 * through the public C API only:
 *
 *   - the connection is fed the greeting
 *     `* OK [CAPABILITY IMAP4rev1 SASL-IR ...] ready`, with LITERAL+ for
 *     `opt literal+`, LITERAL- for `opt literal-`, and then
 *     `* ENABLED UTF8=ACCEPT` for `opt utf8-accept` (the connection learns
 *     UTF8=ACCEPT from it, and the command still gets the tag A1);
 *   - the command is run and its output collected with imap_output /
 *     imap_output_advance until the connection waits for input; at each
 *     `wait` of the vector `+ go` is fed; every segment must equal the
 *     expected bytes, nothing more may be sent, and `A1 OK` must then
 *     complete the command;
 *   - an `error KIND` case must be rejected as docs/c-commands.md says:
 *     `empty-set` (a `()` set) by a NULL constructor (sets are parsed when
 *     the command is built; a NULL from a builder it needs, such as a
 *     search key or a RAW argument, propagates), every other kind by
 *     imap_run giving an ERROR step with IMAP_ERROR_ENCODE, nothing sent
 *     and the connection not busy. The run prints how many cases took each
 *     way; `-v` lists them with the library's message.
 *
 * Single-message APPEND vectors run a second time through
 * imap_append_new / imap_append_add / imap_cmd_append_multi, with the same
 * outcome required.
 *
 * Cases whose input the C API cannot express are counted as "not
 * expressible", never as passed, and must be exactly the list of
 * docs/c-commands.md ("Not expressible"): a NUL byte inside an argument
 * that the C API takes as a NUL-terminated string, and a keyword flag
 * spelled with a backslash (flags are strings, so `(keyword "\\Seen")` is
 * `\Seen`). (A `(wire ...)` mailbox where the C function has no wire
 * variant, or a number that does not fit the C parameter, would be too;
 * no vector has one.)
 *
 * The AUTHENTICATE vectors use a callback authenticator
 * (imap_authenticator_new) that gives the vector's initial response; the
 * greeting offers SASL-IR so that it is sent inline.
 *
 * usage: test_encode_vectors [-v] [VECTOR_DIR]
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imap.h"
#include "support.h"

/* ---- building commands ------------------------------------------------------ */

typedef enum bstatus { B_OK = 0, B_REJECTED, B_INEXPRESSIBLE, B_BAD } bstatus;

typedef struct bctx {
    bstatus st;
    char why[256];
    /* AUTHENTICATE: the initial response of the vector, if any. */
    int has_initial;
    uint8_t *initial;
    size_t initial_len;
} bctx;

static void setst(bctx *b, bstatus st, const char *why, const char *detail) {
    if (b->st != B_OK) return; /* keep the first reason */
    b->st = st;
    snprintf(b->why, sizeof b->why, "%s%s%s", why, detail ? ": " : "", detail ? detail : "");
}
#define BAD(b, why, d) setst(b, B_BAD, why, d)
#define REJECTED(b, why) setst(b, B_REJECTED, why, NULL)
#define INEXPRESSIBLE(b, why) setst(b, B_INEXPRESSIBLE, why, NULL)

/* The text of a string; NULL (and a status) if it is not a string or holds
 * a NUL byte. */
static const char *str(bctx *b, const sx *x) {
    if (x->kind != SX_STRING) {
        BAD(b, "expected a string", x->text);
        return NULL;
    }
    if (memchr(x->text, 0, x->len)) {
        INEXPRESSIBLE(b, "a NUL byte in a NUL-terminated string argument");
        return NULL;
    }
    return x->text;
}

/* A string or nil (NULL); *ok is cleared on error. */
static const char *nstr(bctx *b, const sx *x, int *ok) {
    if (sx_is(x, "nil")) return NULL;
    const char *s = str(b, x);
    if (!s) *ok = 0;
    return s;
}

/* A <mailbox>: "name" or (wire "bytes"). */
static const char *mailbox(bctx *b, const sx *x, int *wire) {
    *wire = 0;
    if (sx_head(x, "wire") && x->n == 2) {
        *wire = 1;
        return str(b, &x->items[1]);
    }
    return str(b, x);
}

/* A <mailbox> for a function without a wire variant. */
static const char *plain_mailbox(bctx *b, const sx *x) {
    int wire;
    const char *m = mailbox(b, x, &wire);
    if (m && wire) {
        INEXPRESSIBLE(b, "a (wire ...) mailbox where the C function takes a UTF-8 name");
        return NULL;
    }
    return m;
}

/* A <set>: bare IMAP syntax, or () for the empty set (sent as ""). */
static const char *set(bctx *b, const sx *x) {
    if (x->kind == SX_LIST && x->n == 0) return "";
    if (x->kind != SX_ATOM) {
        BAD(b, "expected a sequence set", NULL);
        return NULL;
    }
    return x->text;
}

static int number(bctx *b, const sx *x, uint64_t max, uint64_t *out) {
    if (x->kind != SX_ATOM || x->len == 0 || x->text[0] < '0' || x->text[0] > '9') {
        BAD(b, "expected a number", x->text);
        return 0;
    }
    errno = 0;
    char *end;
    unsigned long long v = strtoull(x->text, &end, 10);
    if (*end) {
        BAD(b, "expected a number", x->text);
        return 0;
    }
    if (errno == ERANGE || v > max) {
        INEXPRESSIBLE(b, "a number that does not fit the C parameter");
        return 0;
    }
    *out = v;
    return 1;
}

static int parse_date(bctx *b, const sx *x, imap_date *d) {
    unsigned y, m, day;
    char tail;
    if (x->kind != SX_ATOM || sscanf(x->text, "%4u-%2u-%2u%c", &y, &m, &day, &tail) != 3) {
        BAD(b, "expected a date", x->kind == SX_ATOM ? x->text : NULL);
        return 0;
    }
    d->year = (uint16_t)y;
    d->month = (uint8_t)m;
    d->day = (uint8_t)day;
    return 1;
}

static int parse_date_time(const sx *x, imap_date_time *d) {
    unsigned y, mo, day, h, mi, s, zh, zm;
    char sign, tail;
    if (x->kind != SX_ATOM) return 0;
    if (sscanf(x->text, "%4u-%2u-%2uT%2u:%2u:%2u%c%2u:%2u%c", &y, &mo, &day, &h, &mi, &s, &sign, &zh, &zm,
               &tail) != 9)
        return 0;
    if (sign != '+' && sign != '-') return 0;
    d->year = (uint16_t)y;
    d->month = (uint8_t)mo;
    d->day = (uint8_t)day;
    d->hour = (uint8_t)h;
    d->minute = (uint8_t)mi;
    d->second = (uint8_t)s;
    int z = (int)(zh * 60 + zm);
    d->zone_minutes = (int16_t)(sign == '-' ? -z : z);
    return 1;
}

/* A <flag> as the C API spells it: "\\Seen", "$Forwarded", "\\Name". */
static char *flag(bctx *b, const sx *x) {
    static const char *const sys[][2] = {{"answered", "\\Answered"}, {"flagged", "\\Flagged"},
                                         {"deleted", "\\Deleted"},   {"seen", "\\Seen"},
                                         {"draft", "\\Draft"},       {"recent", "\\Recent"},
                                         {"wildcard", "\\*"}};
    for (size_t i = 0; i < sizeof sys / sizeof sys[0]; i++)
        if (sx_is(x, sys[i][0])) return xstrndup(sys[i][1], strlen(sys[i][1]));
    if ((sx_head(x, "keyword") || sx_head(x, "extension")) && x->n == 2) {
        const char *s = str(b, &x->items[1]);
        if (!s) return NULL;
        if (sx_head(x, "keyword")) {
            if (s[0] == '\\') {
                INEXPRESSIBLE(b, "a keyword spelled with a backslash (flags are strings in the C API)");
                return NULL;
            }
            return xstrndup(s, strlen(s));
        }
        size_t n = strlen(s);
        char *out = xmalloc(n + 2);
        out[0] = '\\';
        memcpy(out + 1, s, n + 1);
        return out;
    }
    BAD(b, "unknown flag", x->kind == SX_ATOM ? x->text : NULL);
    return NULL;
}

/* A list of C strings under construction. */
typedef struct strv {
    char **v;
    size_t n;
} strv;

static void strv_push(strv *s, char *p) {
    s->v = xrealloc(s->v, (s->n + 1) * sizeof *s->v);
    s->v[s->n++] = p;
}

static void strv_free(strv *s) {
    for (size_t i = 0; i < s->n; i++) free(s->v[i]);
    free(s->v);
    s->v = NULL;
    s->n = 0;
}

static char *dup(const char *s) { return s ? xstrndup(s, strlen(s)) : NULL; }

/* Capability names of sexp.md as the wire spells them. */
static char *capability_name(bctx *b, const sx *x) {
    static const char *const caps[][2] = {
        {"imap4", "IMAP4"},
        {"imap4rev1", "IMAP4rev1"},
        {"imap4rev2", "IMAP4rev2"},
        {"acl", "ACL"},
        {"binary", "BINARY"},
        {"catenate", "CATENATE"},
        {"children", "CHILDREN"},
        {"compress-deflate", "COMPRESS=DEFLATE"},
        {"condstore", "CONDSTORE"},
        {"context-search", "CONTEXT=SEARCH"},
        {"context-sort", "CONTEXT=SORT"},
        {"enable", "ENABLE"},
        {"esearch", "ESEARCH"},
        {"esort", "ESORT"},
        {"id", "ID"},
        {"idle", "IDLE"},
        {"list-extended", "LIST-EXTENDED"},
        {"list-status", "LIST-STATUS"},
        {"literal+", "LITERAL+"},
        {"literal-", "LITERAL-"},
        {"login-disabled", "LOGINDISABLED"},
        {"metadata", "METADATA"},
        {"metadata-server", "METADATA-SERVER"},
        {"move", "MOVE"},
        {"multi-append", "MULTIAPPEND"},
        {"namespace", "NAMESPACE"},
        {"notify", "NOTIFY"},
        {"object-id", "OBJECTID"},
        {"partial", "PARTIAL"},
        {"preview", "PREVIEW"},
        {"qresync", "QRESYNC"},
        {"quota", "QUOTA"},
        {"quota-set", "QUOTASET"},
        {"quote", "QUOTE"},
        {"sasl-ir", "SASL-IR"},
        {"save-date", "SAVEDATE"},
        {"search-res", "SEARCHRES"},
        {"sort", "SORT"},
        {"special-use", "SPECIAL-USE"},
        {"create-special-use", "CREATE-SPECIAL-USE"},
        {"start-tls", "STARTTLS"},
        {"status-size", "STATUS=SIZE"},
        {"uid-plus", "UIDPLUS"},
        {"unauthenticate", "UNAUTHENTICATE"},
        {"unselect", "UNSELECT"},
        {"utf8-accept", "UTF8=ACCEPT"},
        {"utf8-only", "UTF8=ONLY"},
        {"within", "WITHIN"},
        {"xlist", "XLIST"},
        {"xoauth2", "XOAUTH2"},
        {"gmail", "X-GM-EXT-1"},
        {"append-limit", "APPENDLIMIT"},
    };
    if (sx_head(x, "append-limit") && x->n == 2 && x->items[1].kind == SX_ATOM) {
        size_t n = strlen(x->items[1].text) + 13;
        char *out = xmalloc(n);
        snprintf(out, n, "APPENDLIMIT=%s", x->items[1].text);
        return out;
    }
    for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++)
        if (sx_is(x, caps[i][0])) return dup(caps[i][1]);
    static const char *const valued[][2] = {
        {"auth", "AUTH="}, {"quota-res", "QUOTA=RES-"}, {"sort-ext", "SORT="}, {"thread", "THREAD="}, {"other", ""}};
    for (size_t i = 0; i < sizeof valued / sizeof valued[0]; i++) {
        if (sx_head(x, valued[i][0]) && x->n == 2) {
            const char *v = str(b, &x->items[1]);
            if (!v) return NULL;
            size_t n = strlen(valued[i][1]) + strlen(v) + 1;
            char *out = xmalloc(n);
            snprintf(out, n, "%s%s", valued[i][1], v);
            return out;
        }
    }
    BAD(b, "unknown capability", x->kind == SX_ATOM ? x->text : NULL);
    return NULL;
}

static int status_item(bctx *b, const sx *x, imap_status_kind *k) {
    static const struct {
        const char *name;
        imap_status_kind kind;
    } items[] = {
        {"messages", IMAP_STATUS_KIND_MESSAGES},
        {"recent", IMAP_STATUS_KIND_RECENT},
        {"uid-next", IMAP_STATUS_KIND_UID_NEXT},
        {"uid-validity", IMAP_STATUS_KIND_UID_VALIDITY},
        {"unseen", IMAP_STATUS_KIND_UNSEEN},
        {"deleted", IMAP_STATUS_KIND_DELETED},
        {"size", IMAP_STATUS_KIND_SIZE},
        {"highest-modseq", IMAP_STATUS_KIND_HIGHEST_MOD_SEQ},
        {"append-limit", IMAP_STATUS_KIND_APPEND_LIMIT},
        {"mailbox-id", IMAP_STATUS_KIND_MAILBOX_ID},
        {"deleted-storage", IMAP_STATUS_KIND_DELETED_STORAGE},
    };
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
        if (sx_is(x, items[i].name)) {
            *k = items[i].kind;
            return 1;
        }
    }
    BAD(b, "unknown status item", x->kind == SX_ATOM ? x->text : NULL);
    return 0;
}

/* ---- search keys ---- */

static imap_search_key *search_key(bctx *b, const sx *x);

/* Builds keys[0..n) from x->items[from..]; on failure frees them and
 * returns 0. */
static int search_keys(bctx *b, const sx *x, size_t from, imap_search_key ***out, size_t *n) {
    *n = x->n > from ? x->n - from : 0;
    *out = xmalloc((*n ? *n : 1) * sizeof **out);
    for (size_t i = 0; i < *n; i++) {
        (*out)[i] = search_key(b, &x->items[from + i]);
        if (!(*out)[i]) {
            for (size_t j = 0; j < i; j++) imap_search_key_free((*out)[j]);
            free(*out);
            *out = NULL;
            return 0;
        }
    }
    return 1;
}

static imap_search_key *checked_key(bctx *b, imap_search_key *k, const char *what) {
    if (!k) REJECTED(b, what);
    return k;
}

static imap_search_key *search_key(bctx *b, const sx *x) {
    static const struct {
        const char *name;
        imap_search_key *(*make)(void);
    } plain[] = {
        {"all", imap_key_all},
        {"answered", imap_key_answered},
        {"deleted", imap_key_deleted},
        {"draft", imap_key_draft},
        {"flagged", imap_key_flagged},
        {"new", imap_key_new},
        {"old", imap_key_old},
        {"recent", imap_key_recent},
        {"seen", imap_key_seen},
        {"unanswered", imap_key_unanswered},
        {"undeleted", imap_key_undeleted},
        {"undraft", imap_key_undraft},
        {"unflagged", imap_key_unflagged},
        {"unseen", imap_key_unseen},
        {"save-date-supported", imap_key_save_date_supported},
    };
    static const struct {
        const char *name;
        imap_search_key *(*make)(const char *);
    } strings[] = {
        {"bcc", imap_key_bcc},
        {"body", imap_key_body},
        {"cc", imap_key_cc},
        {"from", imap_key_from},
        {"subject", imap_key_subject},
        {"text", imap_key_text},
        {"to", imap_key_to},
        {"keyword", imap_key_keyword},
        {"unkeyword", imap_key_unkeyword},
        {"gm-raw", imap_key_gm_raw},
        {"gm-labels", imap_key_gm_labels},
        {"email-id", imap_key_email_id},
        {"thread-id", imap_key_thread_id},
    };
    static const struct {
        const char *name;
        imap_search_key *(*make)(imap_date);
    } dates[] = {
        {"before", imap_key_before},
        {"on", imap_key_on},
        {"since", imap_key_since},
        {"sent-before", imap_key_sent_before},
        {"sent-on", imap_key_sent_on},
        {"sent-since", imap_key_sent_since},
        {"saved-before", imap_key_saved_before},
        {"saved-on", imap_key_saved_on},
        {"saved-since", imap_key_saved_since},
    };
    static const struct {
        const char *name;
        imap_search_key *(*make)(uint64_t);
    } numbers64[] = {
        {"larger", imap_key_larger},
        {"smaller", imap_key_smaller},
        {"gm-msgid", imap_key_gm_msgid},
        {"gm-thrid", imap_key_gm_thrid},
    };
    static const struct {
        const char *name;
        imap_search_key *(*make)(uint32_t);
    } numbers32[] = {
        {"older", imap_key_older},
        {"younger", imap_key_younger},
    };
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
        if (sx_is(x, plain[i].name)) return checked_key(b, plain[i].make(), plain[i].name);
    if (x->kind != SX_LIST || x->n == 0 || x->items[0].kind != SX_ATOM) {
        BAD(b, "unknown search key", x->kind == SX_ATOM ? x->text : NULL);
        return NULL;
    }
    const char *head = x->items[0].text;
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
        if (strcmp(head, strings[i].name) == 0 && x->n == 2) {
            const char *s = str(b, &x->items[1]);
            return s ? checked_key(b, strings[i].make(s), head) : NULL;
        }
    }
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        if (strcmp(head, dates[i].name) == 0 && x->n == 2) {
            imap_date d;
            return parse_date(b, &x->items[1], &d) ? checked_key(b, dates[i].make(d), head) : NULL;
        }
    }
    for (size_t i = 0; i < sizeof numbers64 / sizeof numbers64[0]; i++) {
        if (strcmp(head, numbers64[i].name) == 0 && x->n == 2) {
            uint64_t n;
            return number(b, &x->items[1], UINT64_MAX, &n) ? checked_key(b, numbers64[i].make(n), head) : NULL;
        }
    }
    for (size_t i = 0; i < sizeof numbers32 / sizeof numbers32[0]; i++) {
        if (strcmp(head, numbers32[i].name) == 0 && x->n == 2) {
            uint64_t n;
            return number(b, &x->items[1], UINT32_MAX, &n) ? checked_key(b, numbers32[i].make((uint32_t)n), head)
                                                          : NULL;
        }
    }
    if (strcmp(head, "header") == 0 && x->n == 3) {
        const char *f = str(b, &x->items[1]);
        const char *s = f ? str(b, &x->items[2]) : NULL;
        return s ? checked_key(b, imap_key_header(f, s), head) : NULL;
    }
    if ((strcmp(head, "uid") == 0 || strcmp(head, "seq") == 0) && x->n == 2) {
        const char *s = set(b, &x->items[1]);
        if (!s) return NULL;
        return checked_key(b, head[0] == 'u' ? imap_key_uid(s) : imap_key_seq(s), head);
    }
    if (strcmp(head, "not") == 0 && x->n == 2) {
        imap_search_key *k = search_key(b, &x->items[1]);
        return k ? checked_key(b, imap_key_not(k), head) : NULL;
    }
    if (strcmp(head, "or") == 0 && x->n == 3) {
        imap_search_key *k1 = search_key(b, &x->items[1]);
        if (!k1) return NULL;
        imap_search_key *k2 = search_key(b, &x->items[2]);
        if (!k2) {
            imap_search_key_free(k1);
            return NULL;
        }
        return checked_key(b, imap_key_or(k1, k2), head);
    }
    if (strcmp(head, "and") == 0) {
        imap_search_key **keys;
        size_t n;
        if (!search_keys(b, x, 1, &keys, &n)) return NULL;
        imap_search_key *k = checked_key(b, imap_key_and(keys, n), head);
        free(keys);
        return k;
    }
    if (strcmp(head, "modseq") == 0 && x->n == 2) {
        uint64_t n;
        return number(b, &x->items[1], UINT64_MAX, &n) ? checked_key(b, imap_key_modseq(n), head) : NULL;
    }
    if (strcmp(head, "modseq") == 0 && x->n == 4) {
        imap_entry_type t;
        if (sx_is(&x->items[2], "priv"))
            t = IMAP_ENTRY_TYPE_PRIV;
        else if (sx_is(&x->items[2], "shared"))
            t = IMAP_ENTRY_TYPE_SHARED;
        else if (sx_is(&x->items[2], "all"))
            t = IMAP_ENTRY_TYPE_ALL;
        else {
            BAD(b, "bad MODSEQ entry type", NULL);
            return NULL;
        }
        uint64_t n;
        if (!number(b, &x->items[3], UINT64_MAX, &n)) return NULL;
        char *f = flag(b, &x->items[1]);
        if (!f) return NULL;
        imap_search_key *k = checked_key(b, imap_key_modseq_entry(f, t, n), head);
        free(f);
        return k;
    }
    BAD(b, "unknown search key", head);
    return NULL;
}

/* ---- FETCH items ---- */

/* Appends a header field name as docs/c-commands.md writes it: bare, or,
 * when it is empty or holds a space, `(`, `)`, `"` or `\`, in double
 * quotes with `"` and `\` preceded by `\`. */
static void section_name(sbuf *o, const char *s) {
    if (s[0] != '\0' && !strpbrk(s, " ()\"\\")) {
        sb_puts(o, s);
        return;
    }
    sb_putc(o, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"' || *p == '\\') sb_putc(o, '\\');
        sb_putc(o, *p);
    }
    sb_putc(o, '"');
}

/* A <section> as the text between the brackets. */
static int section_text(bctx *b, const sx *x, sbuf *o) {
    if (sx_is(x, "all")) return 1;
    if (sx_is(x, "header")) {
        sb_puts(o, "HEADER");
        return 1;
    }
    if (sx_is(x, "text")) {
        sb_puts(o, "TEXT");
        return 1;
    }
    if (sx_is(x, "mime")) {
        sb_puts(o, "MIME");
        return 1;
    }
    if ((sx_head(x, "header-fields") || sx_head(x, "header-fields-not"))) {
        sb_puts(o, sx_head(x, "header-fields") ? "HEADER.FIELDS (" : "HEADER.FIELDS.NOT (");
        for (size_t i = 1; i < x->n; i++) {
            const char *s = str(b, &x->items[i]);
            if (!s) return 0;
            if (i > 1) sb_putc(o, ' ');
            section_name(o, s);
        }
        sb_putc(o, ')');
        return 1;
    }
    if (sx_head(x, "part") && x->n == 3 && x->items[1].kind == SX_ATOM) {
        sb_puts(o, x->items[1].text);
        if (sx_is(&x->items[2], "all")) return 1;
        sb_putc(o, '.');
        return section_text(b, &x->items[2], o);
    }
    BAD(b, "unknown section", x->kind == SX_ATOM ? x->text : NULL);
    return 0;
}

/* (n...) as "1.2" ("" for ()). */
static int part_text(bctx *b, const sx *x, sbuf *o) {
    if (x->kind != SX_LIST) {
        BAD(b, "expected a part list", NULL);
        return 0;
    }
    for (size_t i = 0; i < x->n; i++) {
        if (x->items[i].kind != SX_ATOM) {
            BAD(b, "expected a part number", NULL);
            return 0;
        }
        if (i) sb_putc(o, '.');
        sb_puts(o, x->items[i].text);
    }
    return 1;
}

static int partial(bctx *b, const sx *x, uint32_t *offset, uint32_t *length) {
    uint64_t o, l;
    if (x->kind != SX_LIST || x->n != 2) {
        BAD(b, "expected (offset length)", NULL);
        return 0;
    }
    if (!number(b, &x->items[0], UINT32_MAX, &o) || !number(b, &x->items[1], UINT32_MAX, &l)) return 0;
    *offset = (uint32_t)o;
    *length = (uint32_t)l;
    return 1;
}

static int fetch_item(bctx *b, imap_fetch_items *items, const sx *x) {
    static const struct {
        const char *name;
        imap_fetch_attr attr;
    } attrs[] = {
        {"envelope", IMAP_FETCH_ATTR_ENVELOPE},
        {"flags", IMAP_FETCH_ATTR_FLAGS},
        {"internal-date", IMAP_FETCH_ATTR_INTERNAL_DATE},
        {"rfc822", IMAP_FETCH_ATTR_RFC822},
        {"rfc822-header", IMAP_FETCH_ATTR_RFC822_HEADER},
        {"rfc822-text", IMAP_FETCH_ATTR_RFC822_TEXT},
        {"rfc822-size", IMAP_FETCH_ATTR_RFC822_SIZE},
        {"body", IMAP_FETCH_ATTR_BODY},
        {"bodystructure", IMAP_FETCH_ATTR_BODYSTRUCTURE},
        {"uid", IMAP_FETCH_ATTR_UID},
        {"modseq", IMAP_FETCH_ATTR_MODSEQ},
        {"gm-msgid", IMAP_FETCH_ATTR_GM_MSGID},
        {"gm-thrid", IMAP_FETCH_ATTR_GM_THRID},
        {"gm-labels", IMAP_FETCH_ATTR_GM_LABELS},
        {"email-id", IMAP_FETCH_ATTR_EMAIL_ID},
        {"thread-id", IMAP_FETCH_ATTR_THREAD_ID},
        {"save-date", IMAP_FETCH_ATTR_SAVE_DATE},
        {"preview", IMAP_FETCH_ATTR_PREVIEW},
    };
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
        if (sx_is(x, attrs[i].name)) {
            if (!imap_fetch_items_add(items, attrs[i].attr)) REJECTED(b, "imap_fetch_items_add returned false");
            return b->st == B_OK;
        }
    }
    if (sx_head(x, "preview") && x->n == 2 && sx_is(&x->items[1], "lazy")) {
        if (!imap_fetch_items_add(items, IMAP_FETCH_ATTR_PREVIEW_LAZY)) REJECTED(b, "PREVIEW (LAZY) refused");
        return b->st == B_OK;
    }
    int body = sx_head(x, "body-section") || sx_head(x, "body-peek");
    int binary = sx_head(x, "binary") || sx_head(x, "binary-peek");
    if ((body || binary) && (x->n == 2 || x->n == 3)) {
        int peek = sx_head(x, "body-peek") || sx_head(x, "binary-peek");
        sbuf s;
        sb_init(&s);
        int ok = body ? section_text(b, &x->items[1], &s) : part_text(b, &x->items[1], &s);
        uint32_t o = 0, l = 0;
        if (ok && x->n == 3) ok = partial(b, &x->items[2], &o, &l);
        if (ok) {
            bool added;
            if (body)
                added = x->n == 3 ? imap_fetch_items_add_body_partial(items, sb_str(&s), peek, o, l)
                                  : imap_fetch_items_add_body(items, sb_str(&s), peek);
            else
                added = x->n == 3 ? imap_fetch_items_add_binary_partial(items, sb_str(&s), peek, o, l)
                                  : imap_fetch_items_add_binary(items, sb_str(&s), peek);
            if (!added) REJECTED(b, "adding the section item returned false");
        }
        sb_free(&s);
        return b->st == B_OK;
    }
    if (sx_head(x, "binary-size") && x->n == 2) {
        sbuf s;
        sb_init(&s);
        if (part_text(b, &x->items[1], &s) && !imap_fetch_items_add_binary_size(items, sb_str(&s)))
            REJECTED(b, "imap_fetch_items_add_binary_size returned false");
        sb_free(&s);
        return b->st == B_OK;
    }
    BAD(b, "unknown fetch item", x->kind == SX_ATOM ? x->text : NULL);
    return 0;
}

/* ---- RAW arguments ---- */

static imap_raw_arg *raw_arg(bctx *b, const sx *x) {
    if (x->kind != SX_LIST || x->n == 0 || x->items[0].kind != SX_ATOM) {
        BAD(b, "bad raw argument", NULL);
        return NULL;
    }
    const char *head = x->items[0].text;
    imap_raw_arg *a = NULL;
    if (strcmp(head, "list") == 0) {
        size_t n = x->n - 1;
        imap_raw_arg **args = xmalloc((n ? n : 1) * sizeof *args);
        for (size_t i = 0; i < n; i++) {
            args[i] = raw_arg(b, &x->items[i + 1]);
            if (!args[i]) {
                for (size_t j = 0; j < i; j++) imap_raw_arg_free(args[j]);
                free(args);
                return NULL;
            }
        }
        a = imap_raw_list(args, n);
        free(args);
    } else if (x->n != 2) {
        BAD(b, "bad raw argument", head);
        return NULL;
    } else if (strcmp(head, "atom") == 0 || strcmp(head, "string") == 0) {
        const char *s = str(b, &x->items[1]);
        if (!s) return NULL;
        a = head[0] == 'a' ? imap_raw_atom(s) : imap_raw_string(s);
    } else if (strcmp(head, "mailbox") == 0) {
        int wire;
        const char *m = mailbox(b, &x->items[1], &wire);
        if (!m) return NULL;
        a = wire ? imap_raw_mailbox_wire(m) : imap_raw_mailbox(m);
    } else if (strcmp(head, "number") == 0) {
        uint64_t n;
        if (!number(b, &x->items[1], UINT64_MAX, &n)) return NULL;
        a = imap_raw_number(n);
    } else if (strcmp(head, "set") == 0) {
        const char *s = set(b, &x->items[1]);
        if (!s) return NULL;
        a = imap_raw_set(s);
    } else if (strcmp(head, "literal") == 0) {
        if (x->items[1].kind != SX_STRING) {
            BAD(b, "literal needs a string", NULL);
            return NULL;
        }
        a = imap_raw_literal((const uint8_t *)x->items[1].text, x->items[1].len);
    } else {
        BAD(b, "unknown raw argument", head);
        return NULL;
    }
    if (!a) REJECTED(b, "a RAW argument constructor returned NULL");
    return a;
}

/* ---- AUTHENTICATE ---- */

static int32_t initial_response(void *userdata, const uint8_t *challenge, size_t len, imap_auth_reply *reply) {
    bctx *b = userdata;
    (void)len;
    if (challenge || !b->has_initial) return challenge ? -1 : 1;
    return imap_auth_reply_set(reply, b->initial, b->initial_len) == IMAP_ERROR_OK ? 0 : -1;
}

/* ---- commands ---- */

/* Position after the optional leading `uid`. */
static size_t uid_flag(const sx *x, bool *uid) {
    *uid = x->n > 1 && sx_is(&x->items[1], "uid");
    return *uid ? 2 : 1;
}

static imap_command *checked(bctx *b, imap_command *c, const char *what) {
    if (!c && b->st == B_OK) REJECTED(b, what);
    return c;
}

static imap_command *build_search(bctx *b, const sx *x) {
    bool uid;
    size_t i = uid_flag(x, &uid);
    int esearch = 0;
    imap_search_return rets[8];
    size_t nrets = 0;
    const char *charset = NULL;
    if (i < x->n && sx_head(&x->items[i], "return")) {
        esearch = 1;
        const sx *r = &x->items[i++];
        static const struct {
            const char *name;
            imap_search_return v;
        } names[] = {{"min", IMAP_SEARCH_RETURN_MIN},
                     {"max", IMAP_SEARCH_RETURN_MAX},
                     {"all", IMAP_SEARCH_RETURN_ALL},
                     {"count", IMAP_SEARCH_RETURN_COUNT},
                     {"save", IMAP_SEARCH_RETURN_SAVE}};
        for (size_t j = 1; j < r->n; j++) {
            size_t k = 0;
            while (k < sizeof names / sizeof names[0] && !sx_is(&r->items[j], names[k].name)) k++;
            if (k == sizeof names / sizeof names[0] || nrets == 8) {
                BAD(b, "unknown search return option", NULL);
                return NULL;
            }
            rets[nrets++] = names[k].v;
        }
    }
    if (i < x->n && sx_head(&x->items[i], "charset") && x->items[i].n == 2) {
        charset = str(b, &x->items[i].items[1]);
        if (!charset) return NULL;
        i++;
    }
    imap_search_key **keys;
    size_t n;
    if (!search_keys(b, x, i, &keys, &n)) return NULL;
    imap_command *c = esearch ? imap_cmd_esearch(uid, rets, nrets, charset, keys, n)
                              : imap_cmd_search(uid, charset, keys, n);
    free(keys);
    return checked(b, c, esearch ? "imap_cmd_esearch returned NULL" : "imap_cmd_search returned NULL");
}

static imap_command *build_sort(bctx *b, const sx *x) {
    bool uid;
    size_t i = uid_flag(x, &uid);
    if (i + 1 >= x->n || x->items[i].kind != SX_LIST) {
        BAD(b, "bad SORT", NULL);
        return NULL;
    }
    const sx *cr = &x->items[i];
    static const struct {
        const char *name;
        imap_sort_criterion v;
    } names[] = {{"arrival", IMAP_SORT_ARRIVAL},     {"cc", IMAP_SORT_CC},
                 {"date", IMAP_SORT_DATE},           {"from", IMAP_SORT_FROM},
                 {"size", IMAP_SORT_SIZE},           {"subject", IMAP_SORT_SUBJECT},
                 {"to", IMAP_SORT_TO},               {"display-from", IMAP_SORT_DISPLAY_FROM},
                 {"display-to", IMAP_SORT_DISPLAY_TO}};
    imap_sort_criterion *crit = xmalloc((cr->n ? cr->n : 1) * sizeof *crit);
    for (size_t j = 0; j < cr->n; j++) {
        const sx *c = &cr->items[j];
        imap_sort_criterion rev = 0;
        if (sx_head(c, "reverse") && c->n == 2) {
            rev = IMAP_SORT_REVERSE;
            c = &c->items[1];
        }
        size_t k = 0;
        while (k < sizeof names / sizeof names[0] && !sx_is(c, names[k].name)) k++;
        if (k == sizeof names / sizeof names[0]) {
            BAD(b, "unknown sort criterion", NULL);
            free(crit);
            return NULL;
        }
        crit[j] = names[k].v | rev;
    }
    const char *charset = str(b, &x->items[i + 1]);
    imap_search_key **keys = NULL;
    size_t n = 0;
    imap_command *c = NULL;
    if (charset && search_keys(b, x, i + 2, &keys, &n)) {
        c = checked(b, imap_cmd_sort(uid, crit, cr->n, charset, keys, n), "imap_cmd_sort returned NULL");
        free(keys);
    }
    free(crit);
    return c;
}

static imap_command *build_thread(bctx *b, const sx *x) {
    bool uid;
    size_t i = uid_flag(x, &uid);
    if (i + 1 >= x->n) {
        BAD(b, "bad THREAD", NULL);
        return NULL;
    }
    const sx *alg = &x->items[i];
    const char *algorithm;
    if (sx_is(alg, "ordered-subject"))
        algorithm = "ORDEREDSUBJECT";
    else if (sx_is(alg, "references"))
        algorithm = "REFERENCES";
    else if (sx_head(alg, "other") && alg->n == 2)
        algorithm = str(b, &alg->items[1]);
    else {
        BAD(b, "unknown thread algorithm", NULL);
        return NULL;
    }
    if (!algorithm) return NULL;
    const char *charset = str(b, &x->items[i + 1]);
    imap_search_key **keys;
    size_t n;
    if (!charset || !search_keys(b, x, i + 2, &keys, &n)) return NULL;
    imap_command *c = checked(b, imap_cmd_thread(uid, algorithm, charset, keys, n), "imap_cmd_thread returned NULL");
    free(keys);
    return c;
}

static imap_command *build_fetch(bctx *b, const sx *x) {
    bool uid;
    size_t i = uid_flag(x, &uid);
    if (i + 1 >= x->n) {
        BAD(b, "bad FETCH", NULL);
        return NULL;
    }
    const char *s = set(b, &x->items[i]);
    if (!s) return NULL;
    const sx *it = &x->items[i + 1];
    imap_fetch_items *items = NULL;
    if (sx_is(it, "all"))
        items = imap_fetch_items_macro(IMAP_FETCH_MACRO_ALL);
    else if (sx_is(it, "fast"))
        items = imap_fetch_items_macro(IMAP_FETCH_MACRO_FAST);
    else if (sx_is(it, "full"))
        items = imap_fetch_items_macro(IMAP_FETCH_MACRO_FULL);
    else if (it->kind == SX_LIST) {
        items = imap_fetch_items_new();
        for (size_t j = 0; items && j < it->n; j++) {
            if (!fetch_item(b, items, &it->items[j])) {
                imap_fetch_items_free(items);
                return NULL;
            }
        }
    } else {
        BAD(b, "bad FETCH items", NULL);
        return NULL;
    }
    if (!items) {
        REJECTED(b, "no FETCH items");
        return NULL;
    }
    uint64_t changed = 0;
    const uint64_t *changed_since = NULL;
    bool vanished = false;
    if (i + 2 < x->n) {
        const sx *m = &x->items[i + 2];
        if (sx_head(m, "changedsince") && (m->n == 2 || m->n == 3)) {
            if (!number(b, &m->items[1], UINT64_MAX, &changed)) {
                imap_fetch_items_free(items);
                return NULL;
            }
            changed_since = &changed;
            vanished = m->n == 3 && sx_is(&m->items[2], "vanished");
        } else if (sx_head(m, "vanished") && m->n == 1) {
            vanished = true;
        } else {
            BAD(b, "bad FETCH modifier", NULL);
            imap_fetch_items_free(items);
            return NULL;
        }
    }
    return checked(b, imap_cmd_fetch(uid, s, items, changed_since, vanished), "imap_cmd_fetch returned NULL");
}

static imap_command *build_store(bctx *b, const sx *x) {
    bool uid;
    size_t i = uid_flag(x, &uid);
    if (i + 2 >= x->n) {
        BAD(b, "bad STORE", NULL);
        return NULL;
    }
    const char *s = set(b, &x->items[i++]);
    if (!s) return NULL;
    imap_store_mode mode;
    if (sx_is(&x->items[i], "add"))
        mode = IMAP_STORE_MODE_ADD;
    else if (sx_is(&x->items[i], "set"))
        mode = IMAP_STORE_MODE_SET;
    else if (sx_is(&x->items[i], "remove"))
        mode = IMAP_STORE_MODE_REMOVE;
    else {
        BAD(b, "bad STORE mode", NULL);
        return NULL;
    }
    i++;
    bool silent = i < x->n && sx_is(&x->items[i], "silent");
    if (silent) i++;
    if (i >= x->n) {
        BAD(b, "bad STORE", NULL);
        return NULL;
    }
    const sx *what = &x->items[i++];
    uint64_t unchanged = 0;
    const uint64_t *unchanged_since = NULL;
    if (i < x->n) {
        if (!sx_head(&x->items[i], "unchangedsince") || x->items[i].n != 2) {
            BAD(b, "bad STORE modifier", NULL);
            return NULL;
        }
        if (!number(b, &x->items[i].items[1], UINT64_MAX, &unchanged)) return NULL;
        unchanged_since = &unchanged;
    }
    strv v = {NULL, 0};
    int labels = sx_head(what, "labels");
    if (!labels && !sx_head(what, "flags")) {
        BAD(b, "bad STORE items", NULL);
        return NULL;
    }
    for (size_t j = 1; j < what->n; j++) {
        char *f = labels ? dup(str(b, &what->items[j])) : flag(b, &what->items[j]);
        if (!f) {
            strv_free(&v);
            return NULL;
        }
        strv_push(&v, f);
    }
    imap_command *c =
        labels ? imap_cmd_store_labels(uid, s, mode, silent, (const char *const *)v.v, v.n, unchanged_since)
               : imap_cmd_store(uid, s, mode, silent, (const char *const *)v.v, v.n, unchanged_since);
    strv_free(&v);
    return checked(b, c, "imap_cmd_store returned NULL");
}

static imap_command *build_select(bctx *b, const sx *x, int examine) {
    if (x->n < 2) {
        BAD(b, "bad SELECT", NULL);
        return NULL;
    }
    int wire;
    const char *m = mailbox(b, &x->items[1], &wire);
    if (!m) return NULL;
    bool condstore = false;
    imap_qresync q;
    const imap_qresync *qp = NULL;
    for (size_t i = 2; i < x->n; i++) {
        const sx *o = &x->items[i];
        if (sx_is(o, "condstore")) {
            condstore = true;
        } else if (sx_head(o, "qresync") && o->n >= 3 && o->n <= 5) {
            uint64_t v, ms;
            if (!number(b, &o->items[1], UINT32_MAX, &v) || !number(b, &o->items[2], UINT64_MAX, &ms)) return NULL;
            memset(&q, 0, sizeof q);
            q.uid_validity = (uint32_t)v;
            q.mod_seq = ms;
            for (size_t j = 3; j < o->n; j++) {
                const sx *p = &o->items[j];
                if (p->kind == SX_LIST && p->n == 2) {
                    q.match_seqs = set(b, &p->items[0]);
                    q.match_uids = set(b, &p->items[1]);
                } else {
                    q.known_uids = set(b, p);
                }
            }
            if (b->st != B_OK) return NULL;
            qp = &q;
        } else {
            BAD(b, "bad SELECT option", NULL);
            return NULL;
        }
    }
    imap_command *c;
    if (wire)
        c = examine ? imap_cmd_examine_wire(m, condstore, qp) : imap_cmd_select_wire(m, condstore, qp);
    else if (qp)
        c = examine ? imap_cmd_examine_qresync(m, condstore, qp) : imap_cmd_select_qresync(m, condstore, qp);
    else
        c = examine ? imap_cmd_examine(m, condstore) : imap_cmd_select(m, condstore);
    return checked(b, c, "the SELECT/EXAMINE constructor returned NULL");
}

static imap_command *build_list(bctx *b, const sx *x) {
    if (x->n < 3) {
        BAD(b, "bad LIST", NULL);
        return NULL;
    }
    const char *ref = plain_mailbox(b, &x->items[1]);
    if (!ref) return NULL;
    const sx *pats = &x->items[2];
    if (x->n == 3 && pats->kind == SX_STRING) {
        const char *p = plain_mailbox(b, pats);
        return p ? checked(b, imap_cmd_list(ref, p), "imap_cmd_list returned NULL") : NULL;
    }
    strv v = {NULL, 0};
    if (pats->kind == SX_LIST) {
        for (size_t i = 0; i < pats->n; i++) {
            const char *p = plain_mailbox(b, &pats->items[i]);
            if (!p) {
                strv_free(&v);
                return NULL;
            }
            strv_push(&v, dup(p));
        }
    } else {
        const char *p = plain_mailbox(b, pats);
        if (!p) return NULL;
        strv_push(&v, dup(p));
    }
    imap_list_options *opts = NULL;
    for (size_t i = 3; i < x->n; i++) {
        const sx *o = &x->items[i];
        if (!opts) opts = imap_list_options_new();
        if (sx_head(o, "select")) {
            static const struct {
                const char *name;
                imap_list_select v;
            } sel[] = {{"subscribed", IMAP_LIST_SELECT_SUBSCRIBED},
                       {"remote", IMAP_LIST_SELECT_REMOTE},
                       {"recursive-match", IMAP_LIST_SELECT_RECURSIVE_MATCH},
                       {"special-use", IMAP_LIST_SELECT_SPECIAL_USE}};
            for (size_t j = 1; j < o->n && b->st == B_OK; j++) {
                size_t k = 0;
                while (k < 4 && !sx_is(&o->items[j], sel[k].name)) k++;
                if (k == 4)
                    BAD(b, "unknown LIST selection option", NULL);
                else if (!imap_list_options_select(opts, sel[k].v))
                    REJECTED(b, "imap_list_options_select returned false");
            }
        } else if (sx_head(o, "return")) {
            static const struct {
                const char *name;
                imap_list_return v;
            } ret[] = {{"subscribed", IMAP_LIST_RETURN_SUBSCRIBED},
                       {"children", IMAP_LIST_RETURN_CHILDREN},
                       {"special-use", IMAP_LIST_RETURN_SPECIAL_USE}};
            for (size_t j = 1; j < o->n && b->st == B_OK; j++) {
                const sx *r = &o->items[j];
                if (sx_head(r, "status")) {
                    imap_status_kind items[16];
                    size_t n = 0;
                    for (size_t k = 1; k < r->n && n < 16; k++)
                        if (status_item(b, &r->items[k], &items[n])) n++;
                    if (b->st == B_OK && !imap_list_options_return_status(opts, items, n))
                        REJECTED(b, "imap_list_options_return_status returned false");
                    continue;
                }
                size_t k = 0;
                while (k < 3 && !sx_is(r, ret[k].name)) k++;
                if (k == 3)
                    BAD(b, "unknown LIST return option", NULL);
                else if (!imap_list_options_return(opts, ret[k].v))
                    REJECTED(b, "imap_list_options_return returned false");
            }
        } else {
            BAD(b, "bad LIST option", NULL);
        }
        if (b->st != B_OK) break;
    }
    imap_command *c = NULL;
    if (b->st == B_OK)
        c = checked(b, imap_cmd_list_extended(ref, (const char *const *)v.v, v.n, opts),
                    "imap_cmd_list_extended returned NULL");
    else
        imap_list_options_free(opts);
    strv_free(&v);
    return c;
}

/* One <message> of APPEND: fills the arguments of imap_cmd_append. */
typedef struct message {
    const uint8_t *data;
    size_t len;
    strv flags;
    imap_date_time date;
    int has_date;
    bool binary;
} message;

static int parse_message(bctx *b, const sx *x, message *m) {
    memset(m, 0, sizeof *m);
    if (!sx_head(x, "message") || x->n < 2) {
        BAD(b, "bad APPEND message", NULL);
        return 0;
    }
    for (size_t i = 1; i + 1 < x->n; i++) {
        const sx *o = &x->items[i];
        if (sx_is(o, "binary")) {
            m->binary = true;
        } else if (sx_head(o, "flags")) {
            for (size_t j = 1; j < o->n; j++) {
                char *f = flag(b, &o->items[j]);
                if (!f) return 0;
                strv_push(&m->flags, f);
            }
        } else if (parse_date_time(o, &m->date)) {
            m->has_date = 1;
        } else {
            BAD(b, "bad APPEND message option", NULL);
            return 0;
        }
    }
    const sx *d = &x->items[x->n - 1];
    if (d->kind != SX_STRING) {
        BAD(b, "APPEND message data is not a string", NULL);
        return 0;
    }
    m->data = (const uint8_t *)d->text;
    m->len = d->len;
    return 1;
}

/* Build single-message APPENDs with imap_append_new/add/imap_cmd_append_multi
 * instead of imap_cmd_append (each such vector runs both ways). */
static int append_multi_always = 0;

static imap_command *build_append(bctx *b, const sx *x) {
    if (x->n < 2) {
        BAD(b, "bad APPEND", NULL);
        return NULL;
    }
    const char *mb = plain_mailbox(b, &x->items[1]);
    if (!mb) return NULL;
    size_t n = x->n - 2;
    if (n == 1 && !append_multi_always) {
        message m;
        imap_command *c = NULL;
        if (parse_message(b, &x->items[2], &m))
            c = checked(b,
                        imap_cmd_append(mb, m.data, m.len, (const char *const *)m.flags.v, m.flags.n,
                                        m.has_date ? &m.date : NULL, m.binary),
                        "imap_cmd_append returned NULL");
        strv_free(&m.flags);
        return c;
    }
    imap_append *a = imap_append_new(mb);
    if (!a) {
        REJECTED(b, "imap_append_new returned NULL");
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        message m;
        int ok = parse_message(b, &x->items[2 + i], &m);
        if (ok && !imap_append_add(a, m.data, m.len, (const char *const *)m.flags.v, m.flags.n,
                                   m.has_date ? &m.date : NULL, m.binary)) {
            REJECTED(b, "imap_append_add returned false");
            ok = 0;
        }
        strv_free(&m.flags);
        if (!ok) {
            imap_append_free(a);
            return NULL;
        }
    }
    return checked(b, imap_cmd_append_multi(a), "imap_cmd_append_multi returned NULL");
}

static imap_command *build(bctx *b, const sx *x) {
    if (x->kind != SX_LIST || x->n == 0 || x->items[0].kind != SX_ATOM) {
        BAD(b, "not a command form", NULL);
        return NULL;
    }
    const char *h = x->items[0].text;
    static const struct {
        const char *name;
        imap_command *(*make)(void);
    } bare[] = {
        {"capability", imap_cmd_capability}, {"noop", imap_cmd_noop},
        {"logout", imap_cmd_logout},         {"starttls", imap_cmd_starttls},
        {"unauthenticate", imap_cmd_unauthenticate}, {"namespace", imap_cmd_namespace},
        {"idle", imap_cmd_idle},             {"check", imap_cmd_check},
        {"close", imap_cmd_close},           {"unselect", imap_cmd_unselect},
        {"expunge", imap_cmd_expunge},       {"compress-deflate", imap_cmd_compress_deflate},
    };
    for (size_t i = 0; i < sizeof bare / sizeof bare[0]; i++)
        if (strcmp(h, bare[i].name) == 0 && x->n == 1) return checked(b, bare[i].make(), h);
    /* One-mailbox commands. */
    static const struct {
        const char *name;
        imap_command *(*make)(const char *);
    } one[] = {
        {"delete", imap_cmd_delete},       {"subscribe", imap_cmd_subscribe},
        {"unsubscribe", imap_cmd_unsubscribe}, {"get-quota-root", imap_cmd_get_quota_root},
        {"get-acl", imap_cmd_get_acl},     {"my-rights", imap_cmd_my_rights},
    };
    for (size_t i = 0; i < sizeof one / sizeof one[0]; i++) {
        if (strcmp(h, one[i].name) == 0 && x->n == 2) {
            const char *m = plain_mailbox(b, &x->items[1]);
            return m ? checked(b, one[i].make(m), h) : NULL;
        }
    }
    if (strcmp(h, "get-quota") == 0 && x->n == 2) {
        const char *r = str(b, &x->items[1]);
        return r ? checked(b, imap_cmd_get_quota(r), h) : NULL;
    }
    if (strcmp(h, "uid-expunge") == 0 && x->n == 2) {
        const char *s = set(b, &x->items[1]);
        return s ? checked(b, imap_cmd_uid_expunge(s), h) : NULL;
    }
    if (strcmp(h, "login") == 0 && x->n == 3) {
        const char *u = str(b, &x->items[1]);
        const char *p = u ? str(b, &x->items[2]) : NULL;
        return p ? checked(b, imap_cmd_login(u, p), h) : NULL;
    }
    if (strcmp(h, "rename") == 0 && x->n == 3) {
        const char *f = plain_mailbox(b, &x->items[1]);
        const char *t = f ? plain_mailbox(b, &x->items[2]) : NULL;
        return t ? checked(b, imap_cmd_rename(f, t), h) : NULL;
    }
    if ((strcmp(h, "delete-acl") == 0 || strcmp(h, "list-rights") == 0) && x->n == 3) {
        const char *m = plain_mailbox(b, &x->items[1]);
        const char *id = m ? str(b, &x->items[2]) : NULL;
        if (!id) return NULL;
        return checked(b, h[0] == 'd' ? imap_cmd_delete_acl(m, id) : imap_cmd_list_rights(m, id), h);
    }
    if (strcmp(h, "set-acl") == 0 && (x->n == 4 || x->n == 5)) {
        const char *m = plain_mailbox(b, &x->items[1]);
        const char *id = m ? str(b, &x->items[2]) : NULL;
        imap_acl_mode mode = IMAP_ACL_MODE_SET;
        if (x->n == 5) {
            if (sx_is(&x->items[3], "add"))
                mode = IMAP_ACL_MODE_ADD;
            else if (sx_is(&x->items[3], "remove"))
                mode = IMAP_ACL_MODE_REMOVE;
            else {
                BAD(b, "bad SETACL mode", NULL);
                return NULL;
            }
        }
        const char *rights = id ? str(b, &x->items[x->n - 1]) : NULL;
        return rights ? checked(b, imap_cmd_set_acl(m, id, mode, rights), h) : NULL;
    }
    if ((strcmp(h, "copy") == 0 || strcmp(h, "move") == 0)) {
        bool uid;
        size_t i = uid_flag(x, &uid);
        if (i + 2 != x->n) {
            BAD(b, "bad COPY/MOVE", NULL);
            return NULL;
        }
        const char *s = set(b, &x->items[i]);
        const char *m = s ? plain_mailbox(b, &x->items[i + 1]) : NULL;
        if (!m) return NULL;
        return checked(b, h[0] == 'c' ? imap_cmd_copy(uid, s, m) : imap_cmd_move(uid, s, m), h);
    }
    if (strcmp(h, "id") == 0) {
        if (x->n == 2 && sx_is(&x->items[1], "nil")) return checked(b, imap_cmd_id(NULL, NULL, 0), h);
        size_t n = x->n - 1;
        const char **f = xmalloc((n ? n : 1) * sizeof *f);
        const char **v = xmalloc((n ? n : 1) * sizeof *v);
        int ok = 1;
        for (size_t i = 0; i < n && ok; i++) {
            const sx *p = &x->items[i + 1];
            if (p->kind != SX_LIST || p->n != 2) {
                BAD(b, "bad ID pair", NULL);
                ok = 0;
                break;
            }
            f[i] = str(b, &p->items[0]);
            ok = f[i] != NULL;
            if (ok) v[i] = nstr(b, &p->items[1], &ok);
        }
        imap_command *c = ok ? checked(b, imap_cmd_id(f, v, n), h) : NULL;
        free(f);
        free(v);
        return c;
    }
    if (strcmp(h, "enable") == 0) {
        strv v = {NULL, 0};
        for (size_t i = 1; i < x->n; i++) {
            char *c = capability_name(b, &x->items[i]);
            if (!c) {
                strv_free(&v);
                return NULL;
            }
            strv_push(&v, c);
        }
        imap_command *c = checked(b, imap_cmd_enable((const char *const *)v.v, v.n), h);
        strv_free(&v);
        return c;
    }
    if (strcmp(h, "authenticate") == 0 && (x->n == 2 || x->n == 3)) {
        const char *mech = str(b, &x->items[1]);
        if (!mech) return NULL;
        if (x->n == 3) {
            if (x->items[2].kind != SX_STRING) {
                BAD(b, "bad initial response", NULL);
                return NULL;
            }
            b->has_initial = 1;
            b->initial = (uint8_t *)x->items[2].text;
            b->initial_len = x->items[2].len;
        }
        imap_authenticator *a = imap_authenticator_new(mech, initial_response, b);
        if (!a) {
            REJECTED(b, "imap_authenticator_new returned NULL");
            return NULL;
        }
        return checked(b, imap_cmd_authenticate(a), h);
    }
    if (strcmp(h, "select") == 0 || strcmp(h, "examine") == 0) return build_select(b, x, h[0] == 'e');
    if (strcmp(h, "create") == 0 && (x->n == 2 || x->n == 3)) {
        const char *m = plain_mailbox(b, &x->items[1]);
        if (!m) return NULL;
        strv v = {NULL, 0};
        if (x->n == 3) {
            const sx *u = &x->items[2];
            if (!sx_head(u, "use")) {
                BAD(b, "bad CREATE option", NULL);
                return NULL;
            }
            static const char *const attrs[][2] = {{"all", "\\All"},         {"archive", "\\Archive"},
                                                   {"drafts", "\\Drafts"},   {"flagged", "\\Flagged"},
                                                   {"junk", "\\Junk"},       {"sent", "\\Sent"},
                                                   {"trash", "\\Trash"},     {"important", "\\Important"},
                                                   {"noinferiors", "\\Noinferiors"},
                                                   {"noselect", "\\Noselect"},
                                                   {"marked", "\\Marked"},
                                                   {"unmarked", "\\Unmarked"},
                                                   {"non-existent", "\\NonExistent"},
                                                   {"subscribed", "\\Subscribed"},
                                                   {"remote", "\\Remote"},
                                                   {"has-children", "\\HasChildren"},
                                                   {"has-no-children", "\\HasNoChildren"}};
            for (size_t i = 1; i < u->n; i++) {
                const sx *a = &u->items[i];
                char *s = NULL;
                for (size_t k = 0; k < sizeof attrs / sizeof attrs[0] && !s; k++)
                    if (sx_is(a, attrs[k][0])) s = dup(attrs[k][1]);
                if (!s && sx_head(a, "extension") && a->n == 2) {
                    const char *e = str(b, &a->items[1]);
                    if (e) {
                        size_t l = strlen(e);
                        s = xmalloc(l + 2);
                        s[0] = '\\';
                        memcpy(s + 1, e, l + 1);
                    }
                }
                if (!s) {
                    BAD(b, "unknown attribute", NULL);
                    strv_free(&v);
                    return NULL;
                }
                strv_push(&v, s);
            }
        }
        imap_command *c = checked(b, imap_cmd_create(m, (const char *const *)v.v, v.n), h);
        strv_free(&v);
        return c;
    }
    if (strcmp(h, "list") == 0) return build_list(b, x);
    if (strcmp(h, "lsub") == 0 && x->n == 3) {
        const char *r = plain_mailbox(b, &x->items[1]);
        const char *p = r ? plain_mailbox(b, &x->items[2]) : NULL;
        return p ? checked(b, imap_cmd_lsub(r, p), h) : NULL;
    }
    if (strcmp(h, "status") == 0 && x->n >= 2) {
        const char *m = plain_mailbox(b, &x->items[1]);
        if (!m) return NULL;
        imap_status_kind items[32];
        size_t n = 0;
        for (size_t i = 2; i < x->n && n < 32; i++)
            if (status_item(b, &x->items[i], &items[n])) n++;
        return b->st == B_OK ? checked(b, imap_cmd_status(m, items, n), h) : NULL;
    }
    if (strcmp(h, "append") == 0) return build_append(b, x);
    if (strcmp(h, "set-quota") == 0 && x->n >= 2) {
        const char *root = str(b, &x->items[1]);
        if (!root) return NULL;
        size_t n = x->n - 2;
        const char **res = xmalloc((n ? n : 1) * sizeof *res);
        uint64_t *lim = xmalloc((n ? n : 1) * sizeof *lim);
        int ok = 1;
        for (size_t i = 0; i < n && ok; i++) {
            const sx *p = &x->items[i + 2];
            if (p->kind != SX_LIST || p->n != 2) {
                BAD(b, "bad SETQUOTA resource", NULL);
                ok = 0;
                break;
            }
            res[i] = str(b, &p->items[0]);
            ok = res[i] && number(b, &p->items[1], UINT64_MAX, &lim[i]);
        }
        imap_command *c = ok ? checked(b, imap_cmd_set_quota(root, res, lim, n), h) : NULL;
        free(res);
        free(lim);
        return c;
    }
    if (strcmp(h, "get-metadata") == 0 && x->n >= 2) {
        const char *m = plain_mailbox(b, &x->items[1]);
        if (!m) return NULL;
        uint64_t max = 0;
        const uint64_t *maxp = NULL;
        imap_metadata_depth depth = IMAP_METADATA_DEPTH_DEFAULT;
        size_t i = 2;
        for (; i < x->n && x->items[i].kind == SX_LIST; i++) {
            const sx *o = &x->items[i];
            if (sx_head(o, "max-size") && o->n == 2) {
                if (!number(b, &o->items[1], UINT64_MAX, &max)) return NULL;
                maxp = &max;
            } else if (sx_head(o, "depth") && o->n == 2) {
                if (sx_is(&o->items[1], "0"))
                    depth = IMAP_METADATA_DEPTH_0;
                else if (sx_is(&o->items[1], "1"))
                    depth = IMAP_METADATA_DEPTH_1;
                else if (sx_is(&o->items[1], "infinity"))
                    depth = IMAP_METADATA_DEPTH_INFINITY;
                else {
                    BAD(b, "bad depth", NULL);
                    return NULL;
                }
            } else {
                BAD(b, "bad GETMETADATA option", NULL);
                return NULL;
            }
        }
        size_t n = x->n - i;
        const char **e = xmalloc((n ? n : 1) * sizeof *e);
        int ok = 1;
        for (size_t j = 0; j < n && ok; j++) ok = (e[j] = str(b, &x->items[i + j])) != NULL;
        imap_command *c = ok ? checked(b, imap_cmd_get_metadata(m, maxp, depth, e, n), h) : NULL;
        free(e);
        return c;
    }
    if (strcmp(h, "set-metadata") == 0 && x->n >= 2) {
        const char *m = plain_mailbox(b, &x->items[1]);
        if (!m) return NULL;
        size_t n = x->n - 2;
        const char **e = xmalloc((n ? n : 1) * sizeof *e);
        const char **v = xmalloc((n ? n : 1) * sizeof *v);
        int ok = 1;
        for (size_t j = 0; j < n && ok; j++) {
            const sx *p = &x->items[j + 2];
            if (p->kind != SX_LIST || p->n != 2) {
                BAD(b, "bad SETMETADATA pair", NULL);
                ok = 0;
                break;
            }
            ok = (e[j] = str(b, &p->items[0])) != NULL;
            if (ok) v[j] = nstr(b, &p->items[1], &ok);
        }
        imap_command *c = ok ? checked(b, imap_cmd_set_metadata(m, e, v, n), h) : NULL;
        free(e);
        free(v);
        return c;
    }
    if (strcmp(h, "search") == 0) return build_search(b, x);
    if (strcmp(h, "fetch") == 0) return build_fetch(b, x);
    if (strcmp(h, "store") == 0) return build_store(b, x);
    if (strcmp(h, "sort") == 0) return build_sort(b, x);
    if (strcmp(h, "thread") == 0) return build_thread(b, x);
    if (strcmp(h, "raw") == 0 && x->n >= 2) {
        const char *name = str(b, &x->items[1]);
        if (!name) return NULL;
        size_t n = x->n - 2;
        imap_raw_arg **args = xmalloc((n ? n : 1) * sizeof *args);
        for (size_t i = 0; i < n; i++) {
            args[i] = raw_arg(b, &x->items[i + 2]);
            if (!args[i]) {
                for (size_t j = 0; j < i; j++) imap_raw_arg_free(args[j]);
                free(args);
                return NULL;
            }
        }
        imap_command *c = checked(b, imap_cmd_raw(name, args, n), h);
        free(args);
        return c;
    }
    BAD(b, "unknown command form", h);
    return NULL;
}

/* ---- running a case ------------------------------------------------------------ */

typedef struct expect {
    int is_error;
    char *error_kind;
    sbuf *segments; /* split at `wait` */
    size_t nseg;
    int literal_plus, literal_minus, utf8;
    const char *cmd;
    size_t cmd_len;
} expect;

static void expect_free(expect *e) {
    for (size_t i = 0; i < e->nseg; i++) sb_free(&e->segments[i]);
    free(e->segments);
    free(e->error_kind);
}

static int read_expect(const vcase *c, expect *e) {
    memset(e, 0, sizeof *e);
    e->segments = xmalloc(sizeof *e->segments);
    sb_init(&e->segments[0]);
    e->nseg = 1;
    for (size_t i = 0; i < c->nlines; i++) {
        const vline *l = &c->lines[i];
        if (strcmp(l->word, "cmd") == 0) {
            e->cmd = l->rest;
            e->cmd_len = l->rest_len;
        } else if (strcmp(l->word, "opt") == 0) {
            if (strcmp(l->rest, "literal+") == 0)
                e->literal_plus = 1;
            else if (strcmp(l->rest, "literal-") == 0)
                e->literal_minus = 1;
            else if (strcmp(l->rest, "utf8-accept") == 0)
                e->utf8 = 1;
            else
                die("%s: unknown option %s", c->origin, l->rest);
        } else if (strcmp(l->word, "out") == 0) {
            uint8_t *bytes;
            size_t n;
            char err[64];
            if (vec_unescape(l->rest, l->rest_len, &bytes, &n, err) != 0) die("%s: %s", c->origin, err);
            sb_putn(&e->segments[e->nseg - 1], bytes, n);
            free(bytes);
        } else if (strcmp(l->word, "wait") == 0) {
            e->segments = xrealloc(e->segments, (e->nseg + 1) * sizeof *e->segments);
            sb_init(&e->segments[e->nseg++]);
        } else if (strcmp(l->word, "error") == 0) {
            e->is_error = 1;
            e->error_kind = xstrndup(l->rest, l->rest_len);
        } else {
            die("%s: unknown line %s", c->origin, l->word);
        }
    }
    if (!e->cmd) die("%s: case without cmd", c->origin);
    return 1;
}

/* The vectors docs/c-commands.md lists under "Not expressible". */
static const char *const not_expressible[] = {
    "login-nul-in-user",   "login-nul-in-password", "login-nul-in-8bit-password", "select-name-nul",
    "select-wire-nul",     "list-pattern-nul",      "enable-other-nul",           "id-nul-in-value",
    "acl-identifier-nul",  "setmetadata-nul",       "search-charset-nul",         "search-nul-in-string",
    "fetch-header-field-nul", "store-keyword-nul",  "store-labels-nul",           "raw-atom-nul",
    "raw-string-nul",      "append-keyword-with-backslash",
};

typedef enum outcome { PASS_BYTES, PASS_ENCODE_ERROR, PASS_NULL, SKIP_INEXPRESSIBLE, FAIL } outcome;

/* Collects the output of the running command until it waits for input;
 * returns the last step kind. */
static const imap_step *collect(imap_connection *c, const imap_command *cmd, sbuf *got) {
    for (int guard = 0; guard < 1000000; guard++) {
        const imap_step *s = imap_run(c, cmd);
        cmd = NULL;
        if (s->kind != IMAP_STEP_KIND_AWAIT_DST) return s;
        size_t len = 0;
        const uint8_t *p = imap_output(c, &len);
        if (!p || !len) return s;
        sb_putn(got, p, len);
        imap_output_advance(c, len);
    }
    die("the connection does not progress");
}

static void show_bytes(const char *title, const void *p, size_t n) {
    sbuf b;
    sb_init(&b);
    print_string(&b, p, n > 600 ? 600 : n);
    fprintf(stderr, "  %s (%zu bytes): %s%s\n", title, n, sb_str(&b), n > 600 ? "..." : "");
    sb_free(&b);
}

static outcome run_case(const vcase *vc, char *why, size_t whylen) {
    expect e;
    read_expect(vc, &e);
    outcome result = FAIL;
    why[0] = '\0';
    sx x;
    char err[128];
    if (sx_parse(e.cmd, e.cmd_len, &x, err) != 0) {
        snprintf(why, whylen, "cannot parse cmd: %s", err);
        expect_free(&e);
        return FAIL;
    }
    bctx b;
    memset(&b, 0, sizeof b);
    imap_command *cmd = build(&b, &x);
    if (b.st == B_BAD || (b.st == B_OK && !cmd)) {
        snprintf(why, whylen, "test cannot build the command: %s", b.why);
        if (cmd) imap_command_free(cmd);
        goto out;
    }
    if (b.st == B_INEXPRESSIBLE) {
        snprintf(why, whylen, "%s", b.why);
        result = SKIP_INEXPRESSIBLE;
        goto out;
    }
    if (b.st == B_REJECTED) {
        if (e.is_error) {
            snprintf(why, whylen, "%s", b.why);
            result = PASS_NULL;
        } else {
            snprintf(why, whylen, "rejected at construction (%s), but the vector expects bytes", b.why);
        }
        goto out;
    }

    /* The connection, greeted with the capabilities the options need. */
    imap_connection *c = imap_connection_new();
    sbuf greet;
    sb_init(&greet);
    sb_printf(&greet, "* OK [CAPABILITY IMAP4rev1 SASL-IR%s%s] ready\r\n", e.literal_plus ? " LITERAL+" : "",
              e.literal_minus ? " LITERAL-" : "");
    if (e.utf8) sb_puts(&greet, "* ENABLED UTF8=ACCEPT\r\n");
    imap_src(c, (const uint8_t *)sb_str(&greet), greet.len);
    sb_free(&greet);
    const imap_step *s;
    while ((s = imap_run(c, NULL))->kind != IMAP_STEP_KIND_DONE) {
        if (s->kind != IMAP_STEP_KIND_OK && s->kind != IMAP_STEP_KIND_UNTAGGED) {
            snprintf(why, whylen, "unexpected step %u after the greeting", (unsigned)s->kind);
            goto done;
        }
    }

    sbuf got;
    sb_init(&got);
    s = collect(c, cmd, &got);
    if (s->kind == IMAP_STEP_KIND_ERROR) {
        uint32_t code = s->error;
        const char *msg = imap_error_message(c);
        if (!e.is_error) {
            snprintf(why, whylen, "imap_run gave %s (%s), but the vector expects bytes", error_name(code), msg);
        } else if (code != IMAP_ERROR_ENCODE) {
            snprintf(why, whylen, "imap_run gave %s (%s), expected IMAP_ERROR_ENCODE", error_name(code), msg);
        } else if (got.len != 0 || imap_is_busy(c)) {
            snprintf(why, whylen, "IMAP_ERROR_ENCODE, but something was sent or the connection is busy");
        } else {
            snprintf(why, whylen, "%s", msg);
            result = PASS_ENCODE_ERROR;
        }
        sb_free(&got);
        goto done;
    }
    if (e.is_error) {
        snprintf(why, whylen, "expected error %s, but the command was accepted (step %u)", e.error_kind,
                 (unsigned)s->kind);
        show_bytes("sent", got.data ? got.data : "", got.len);
        sb_free(&got);
        goto done;
    }
    for (size_t i = 0;; i++) {
        if (s->kind != IMAP_STEP_KIND_AWAIT_SRC) {
            snprintf(why, whylen, "segment %zu: step %u instead of waiting for the server", i, (unsigned)s->kind);
            break;
        }
        if (got.len != e.segments[i].len || memcmp(sb_str(&got), sb_str(&e.segments[i]), got.len) != 0) {
            snprintf(why, whylen, "segment %zu differs", i);
            show_bytes("expected", sb_str(&e.segments[i]), e.segments[i].len);
            show_bytes("got     ", sb_str(&got), got.len);
            break;
        }
        if (i + 1 == e.nseg) {
            /* All sent: the tagged OK ends the command. */
            imap_src(c, (const uint8_t *)"A1 OK done\r\n", 12);
            s = imap_run(c, NULL);
            /* (STARTTLS completes with the STARTTLS step.) */
            if (s->kind != IMAP_STEP_KIND_OK && s->kind != IMAP_STEP_KIND_STARTTLS)
                snprintf(why, whylen, "A1 OK did not complete the command (step %u)", (unsigned)s->kind);
            else if (imap_is_busy(c))
                snprintf(why, whylen, "still busy after A1 OK");
            else
                result = PASS_BYTES;
            break;
        }
        sb_clear(&got);
        imap_src(c, (const uint8_t *)"+ go\r\n", 6);
        s = collect(c, NULL, &got);
    }
    sb_free(&got);
done:
    imap_connection_free(c);
    imap_command_free(cmd);
out:
    sx_free(&x);
    /* The outcomes docs/c-commands.md prescribes. */
    if (result == PASS_NULL && strcmp(e.error_kind, "empty-set") != 0) {
        snprintf(why, whylen, "refused at construction, but docs/c-commands.md says only empty-set is: %s",
                 e.error_kind);
        result = FAIL;
    } else if (result == PASS_ENCODE_ERROR && strcmp(e.error_kind, "empty-set") == 0) {
        snprintf(why, whylen, "empty-set must be refused at construction (docs/c-commands.md), not when run");
        result = FAIL;
    }
    int listed = 0;
    for (size_t i = 0; i < sizeof not_expressible / sizeof not_expressible[0]; i++)
        if (strcmp(vc->name, not_expressible[i]) == 0) listed = 1;
    if (result == SKIP_INEXPRESSIBLE && !listed) {
        char tmp[400];
        snprintf(tmp, sizeof tmp, "%s", why);
        snprintf(why, whylen, "not expressible (%s), but docs/c-commands.md does not list it", tmp);
        result = FAIL;
    } else if (listed && result != SKIP_INEXPRESSIBLE && result != FAIL) {
        snprintf(why, whylen, "docs/c-commands.md lists it as not expressible, but it was built");
        result = FAIL;
    }
    expect_free(&e);
    return result;
}

/* Whether the case is an APPEND of exactly one message. */
static int single_append(const vcase *c) {
    for (size_t i = 0; i < c->nlines; i++) {
        if (strcmp(c->lines[i].word, "cmd") != 0) continue;
        sx x;
        char err[128];
        if (sx_parse(c->lines[i].rest, c->lines[i].rest_len, &x, err) != 0) return 0;
        int one = sx_head(&x, "append") && x.n == 3;
        sx_free(&x);
        return one;
    }
    return 0;
}

int main(int argc, char **argv) {
    const char *dir = "tests/vectors/encode";
    int verbose = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0)
            verbose = 1;
        else
            dir = argv[i];
    }
    vset set;
    vec_read_dir(dir, &set);
    if (set.n == 0) die("no vectors in %s", dir);
    size_t count[FAIL + 1] = {0};
    size_t multi_runs = 0;
    char why[512];
    for (size_t i = 0; i < set.n; i++) {
        const vcase *c = &set.cases[i];
        outcome o = run_case(c, why, sizeof why);
        if (o == FAIL) fprintf(stderr, "FAIL %s (%s): %s\n", c->name, c->origin, why);
        if (o != FAIL && single_append(c)) {
            /* Again through imap_append_new / imap_append_add / imap_cmd_append_multi. */
            append_multi_always = 1;
            outcome o2 = run_case(c, why, sizeof why);
            append_multi_always = 0;
            multi_runs++;
            if (o2 != o) {
                fprintf(stderr, "FAIL %s (%s): through imap_cmd_append_multi: %s\n", c->name, c->origin,
                        o2 == FAIL ? why : "another outcome than through imap_cmd_append");
                o = FAIL;
            }
        }
        count[o]++;
        if (verbose && o != FAIL && o != PASS_BYTES) {
            static const char *const names[] = {"bytes", "IMAP_ERROR_ENCODE", "rejected at construction",
                                                "not expressible", "FAIL"};
            printf("  %-26s %s: %s\n", names[o], c->name, why);
        }
    }
    printf("test_encode_vectors: %zu of %zu encode vectors passed (%zu bytes exact, %zu errors as "
           "IMAP_ERROR_ENCODE, %zu rejected at construction); %zu not expressible in the C API; %zu failed\n",
           count[PASS_BYTES] + count[PASS_ENCODE_ERROR] + count[PASS_NULL], set.n, count[PASS_BYTES],
           count[PASS_ENCODE_ERROR], count[PASS_NULL], count[SKIP_INEXPRESSIBLE], count[FAIL]);
    printf("test_encode_vectors: %zu single-message APPEND vectors also passed through imap_cmd_append_multi\n",
           multi_runs);
    vec_free(&set);
    return count[FAIL] ? 1 : 0;
}
