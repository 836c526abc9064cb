/*
 * support.c: string buffer, vector file reader, canonical s-expression
 * printer (docs/sexp.md) and command s-expression parser for the C tests.
 * See support.h.
 */
#define _POSIX_C_SOURCE 200809L

#include "support.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- basics ------------------------------------------------------------ */

void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("fatal: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) die("out of memory");
    return p;
}

void *xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) die("out of memory");
    return q;
}

char *xstrndup(const char *s, size_t n) {
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* ---- sbuf --------------------------------------------------------------- */

void sb_init(sbuf *b) {
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void sb_free(sbuf *b) {
    free(b->data);
    sb_init(b);
}

void sb_clear(sbuf *b) {
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

static void sb_reserve(sbuf *b, size_t extra) {
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) cap *= 2;
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
}

void sb_putn(sbuf *b, const void *p, size_t n) {
    sb_reserve(b, n);
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void sb_putc(sbuf *b, char c) { sb_putn(b, &c, 1); }

void sb_puts(sbuf *b, const char *s) { sb_putn(b, s, strlen(s)); }

void sb_printf(sbuf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) die("vsnprintf");
    sb_reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    b->len += (size_t)n;
}

const char *sb_str(const sbuf *b) { return b->data ? b->data : ""; }

/* ---- vector files --------------------------------------------------------- */

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

int vec_unescape(const char *s, size_t n, uint8_t **out, size_t *out_len, char *err) {
    uint8_t *o = xmalloc(n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\') {
            o[k++] = (uint8_t)s[i];
            continue;
        }
        if (i + 1 >= n) {
            snprintf(err, 64, "backslash at the end");
            free(o);
            return -1;
        }
        char c = s[++i];
        switch (c) {
        case 'r': o[k++] = '\r'; break;
        case 'n': o[k++] = '\n'; break;
        case 't': o[k++] = '\t'; break;
        case '\\': o[k++] = '\\'; break;
        case '"': o[k++] = '"'; break;
        case 'x': {
            int h = i + 2 < n ? hexval(s[i + 1]) : -1;
            int l = i + 2 < n ? hexval(s[i + 2]) : -1;
            if (h < 0 || l < 0) {
                snprintf(err, 64, "bad \\x escape");
                free(o);
                return -1;
            }
            o[k++] = (uint8_t)(h * 16 + l);
            i += 2;
            break;
        }
        default:
            snprintf(err, 64, "unknown escape \\%c", c);
            free(o);
            return -1;
        }
    }
    o[k] = 0;
    *out = o;
    *out_len = k;
    return 0;
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) die("%s: %s", path, strerror(errno));
    sbuf b;
    sb_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) sb_putn(&b, chunk, n);
    if (ferror(f)) die("%s: read error", path);
    fclose(f);
    *len = b.len;
    if (!b.data) sb_putn(&b, "", 0);
    return b.data;
}

static void add_line(vcase *c, const char *word, size_t wlen, const char *rest, size_t rlen) {
    c->lines = xrealloc(c->lines, (c->nlines + 1) * sizeof *c->lines);
    vline *l = &c->lines[c->nlines++];
    l->word = xstrndup(word, wlen);
    l->rest = xstrndup(rest, rlen);
    l->rest_len = rlen;
}

static void read_one(const char *dir, const char *file, vset *set) {
    size_t plen = strlen(dir) + strlen(file) + 2;
    char *path = xmalloc(plen);
    snprintf(path, plen, "%s/%s", dir, file);
    size_t len;
    char *text = read_file(path, &len);
    vcase *cur = NULL;
    size_t lineno = 0;
    size_t pos = 0;
    while (pos < len) {
        size_t start = pos;
        while (pos < len && text[pos] != '\n') pos++;
        size_t end = pos;
        if (pos < len) pos++; /* skip \n */
        if (end > start && text[end - 1] == '\r') end--;
        lineno++;
        const char *line = text + start;
        size_t n = end - start;
        int blank = 1;
        for (size_t i = 0; i < n; i++)
            if (line[i] != ' ' && line[i] != '\t') blank = 0;
        if (blank || line[0] == '#') continue;
        size_t w = 0;
        while (w < n && line[w] != ' ') w++;
        const char *rest = w < n ? line + w + 1 : line + n;
        size_t rlen = w < n ? n - w - 1 : 0;
        if (w == 4 && memcmp(line, "case", 4) == 0) {
            if (cur) die("%s:%zu: case inside a case", file, lineno);
            set->cases = xrealloc(set->cases, (set->n + 1) * sizeof *set->cases);
            cur = &set->cases[set->n++];
            memset(cur, 0, sizeof *cur);
            cur->name = xstrndup(rest, rlen);
            size_t olen = strlen(file) + 24;
            cur->origin = xmalloc(olen);
            snprintf(cur->origin, olen, "%s:%zu", file, lineno);
            cur->input = xmalloc(1);
            continue;
        }
        if (!cur) die("%s:%zu: `%.*s` outside a case", file, lineno, (int)w, line);
        if (w == 3 && memcmp(line, "end", 3) == 0) {
            cur = NULL;
            continue;
        }
        add_line(cur, line, w, rest, rlen);
        if (w == 2 && memcmp(line, "in", 2) == 0) {
            uint8_t *bytes;
            size_t blen;
            char err[64];
            if (vec_unescape(rest, rlen, &bytes, &blen, err) != 0) die("%s:%zu: %s", file, lineno, err);
            cur->input = xrealloc(cur->input, cur->input_len + blen + 1);
            memcpy(cur->input + cur->input_len, bytes, blen);
            cur->input_len += blen;
            free(bytes);
        }
    }
    if (cur) die("%s: last case has no `end`", file);
    free(text);
    free(path);
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_case(const void *a, const void *b) {
    return strcmp(((const vcase *)a)->name, ((const vcase *)b)->name);
}

void vec_read_dir(const char *dir, vset *set) {
    set->cases = NULL;
    set->n = 0;
    DIR *d = opendir(dir);
    if (!d) die("%s: %s", dir, strerror(errno));
    char **names = NULL;
    size_t nn = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0) {
            names = xrealloc(names, (nn + 1) * sizeof *names);
            names[nn++] = xstrndup(e->d_name, l);
        }
    }
    closedir(d);
    qsort(names, nn, sizeof *names, cmp_str);
    for (size_t i = 0; i < nn; i++) {
        read_one(dir, names[i], set);
        free(names[i]);
    }
    free(names);
    /* Names are unique across all files. */
    if (set->n > 1) {
        vcase *sorted = xmalloc(set->n * sizeof *sorted);
        memcpy(sorted, set->cases, set->n * sizeof *sorted);
        qsort(sorted, set->n, sizeof *sorted, cmp_case);
        for (size_t i = 1; i < set->n; i++)
            if (strcmp(sorted[i - 1].name, sorted[i].name) == 0) die("duplicate case name %s", sorted[i].name);
        free(sorted);
    }
}

void vec_free(vset *set) {
    for (size_t i = 0; i < set->n; i++) {
        vcase *c = &set->cases[i];
        for (size_t j = 0; j < c->nlines; j++) {
            free(c->lines[j].word);
            free(c->lines[j].rest);
        }
        free(c->lines);
        free(c->name);
        free(c->origin);
        free(c->input);
    }
    free(set->cases);
    set->cases = NULL;
    set->n = 0;
}

/* ---- printer ----------------------------------------------------------- */

void print_string(sbuf *b, const uint8_t *p, size_t n) {
    sb_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        uint8_t c = p[i];
        if (c == '"')
            sb_puts(b, "\\\"");
        else if (c == '\\')
            sb_puts(b, "\\\\");
        else if (c >= 0x20 && c <= 0x7e)
            sb_putc(b, (char)c);
        else
            sb_printf(b, "\\x%02x", (unsigned)c);
    }
    sb_putc(b, '"');
}

void print_bytes(sbuf *b, imap_bytes s) {
    if (s.ptr == NULL)
        sb_puts(b, "nil");
    else
        print_string(b, s.ptr, s.len);
}

static void print_u32(sbuf *b, uint32_t n) { sb_printf(b, "%" PRIu32, n); }
static void print_u64(sbuf *b, uint64_t n) { sb_printf(b, "%" PRIu64, n); }

static void print_seq_number(sbuf *b, uint32_t n) {
    if (n == 0)
        sb_putc(b, '*');
    else
        print_u32(b, n);
}

void print_seq_set(sbuf *b, imap_seq_set s) {
    for (size_t i = 0; i < s.len; i++) {
        if (i) sb_putc(b, ',');
        print_seq_number(b, s.items[i].start);
        if (s.items[i].end != s.items[i].start) {
            sb_putc(b, ':');
            print_seq_number(b, s.items[i].end);
        }
    }
}

void print_date_time(sbuf *b, imap_date_time d) {
    int z = d.zone_minutes;
    char sign = z < 0 ? '-' : '+';
    unsigned az = (unsigned)(z < 0 ? -z : z);
    sb_printf(b, "%04u-%02u-%02uT%02u:%02u:%02u%c%02u:%02u", (unsigned)d.year, (unsigned)d.month, (unsigned)d.day,
              (unsigned)d.hour, (unsigned)d.minute, (unsigned)d.second, sign, az / 60, az % 60);
}

/* (name "s"...) */
static void print_string_form(sbuf *b, const char *name, imap_bytes_list l) {
    sb_printf(b, "(%s", name);
    for (size_t i = 0; i < l.len; i++) {
        sb_putc(b, ' ');
        print_bytes(b, l.items[i]);
    }
    sb_putc(b, ')');
}

/* ("a" "b"...) or () */
static void print_string_list(sbuf *b, imap_bytes_list l) {
    sb_putc(b, '(');
    for (size_t i = 0; i < l.len; i++) {
        if (i) sb_putc(b, ' ');
        print_bytes(b, l.items[i]);
    }
    sb_putc(b, ')');
}

/* ("name" value) */
static void print_pair(sbuf *b, const imap_pair *p) {
    sb_putc(b, '(');
    print_bytes(b, p->name);
    sb_putc(b, ' ');
    print_bytes(b, p->value);
    sb_putc(b, ')');
}

static void print_pair_items(sbuf *b, imap_pair_list l) {
    for (size_t i = 0; i < l.len; i++) {
        sb_putc(b, ' ');
        print_pair(b, &l.items[i]);
    }
}

/* (("N" "v")...) or () */
static void print_params(sbuf *b, imap_pair_list l) {
    sb_putc(b, '(');
    for (size_t i = 0; i < l.len; i++) {
        if (i) sb_putc(b, ' ');
        print_pair(b, &l.items[i]);
    }
    sb_putc(b, ')');
}

static void print_u32_list(sbuf *b, imap_u32_list l) {
    sb_putc(b, '(');
    for (size_t i = 0; i < l.len; i++) {
        if (i) sb_putc(b, ' ');
        print_u32(b, l.items[i]);
    }
    sb_putc(b, ')');
}

static const char *const flag_names[] = {"answered", "flagged", "deleted", "seen", "draft", "recent", "wildcard"};

void print_flag(sbuf *b, const imap_flag *f) {
    if (f->kind <= IMAP_FLAG_KIND_WILDCARD) {
        sb_puts(b, flag_names[f->kind]);
    } else if (f->kind == IMAP_FLAG_KIND_KEYWORD) {
        sb_puts(b, "(keyword ");
        print_bytes(b, f->name);
        sb_putc(b, ')');
    } else if (f->kind == IMAP_FLAG_KIND_EXTENSION) {
        sb_puts(b, "(extension ");
        print_bytes(b, f->name);
        sb_putc(b, ')');
    } else if (f->kind == IMAP_FLAG_KIND_UNPARSED) {
        sb_puts(b, "(unparsed ");
        print_bytes(b, f->name);
        sb_putc(b, ')');
    } else {
        sb_printf(b, "(bad-flag-kind %u)", (unsigned)f->kind);
    }
}

static void print_flag_items(sbuf *b, imap_flag_list l) {
    for (size_t i = 0; i < l.len; i++) {
        sb_putc(b, ' ');
        print_flag(b, &l.items[i]);
    }
}

static const char *const attr_names[] = {
    "noinferiors", "noselect", "marked", "unmarked", "non-existent", "subscribed",
    "remote", "has-children", "has-no-children", "all", "archive", "drafts",
    "flagged", "junk", "sent", "trash", "important",
};

static void print_attr(sbuf *b, const imap_mailbox_attr *a) {
    if (a->kind < IMAP_MAILBOX_ATTR_KIND_EXTENSION) {
        sb_puts(b, attr_names[a->kind]);
    } else if (a->kind == IMAP_MAILBOX_ATTR_KIND_EXTENSION) {
        sb_puts(b, "(extension ");
        print_bytes(b, a->name);
        sb_putc(b, ')');
    } else if (a->kind == IMAP_MAILBOX_ATTR_KIND_UNPARSED) {
        sb_puts(b, "(unparsed ");
        print_bytes(b, a->name);
        sb_putc(b, ')');
    } else {
        sb_printf(b, "(bad-attr-kind %u)", (unsigned)a->kind);
    }
}

/* Capabilities without a value, by kind; NULL for the valued ones. */
static const char *const cap_names[] = {
    [IMAP_CAPABILITY_KIND_IMAP4] = "imap4",
    [IMAP_CAPABILITY_KIND_IMAP4REV1] = "imap4rev1",
    [IMAP_CAPABILITY_KIND_IMAP4REV2] = "imap4rev2",
    [IMAP_CAPABILITY_KIND_ACL] = "acl",
    [IMAP_CAPABILITY_KIND_BINARY] = "binary",
    [IMAP_CAPABILITY_KIND_CATENATE] = "catenate",
    [IMAP_CAPABILITY_KIND_CHILDREN] = "children",
    [IMAP_CAPABILITY_KIND_COMPRESS_DEFLATE] = "compress-deflate",
    [IMAP_CAPABILITY_KIND_CONDSTORE] = "condstore",
    [IMAP_CAPABILITY_KIND_CONTEXT_SEARCH] = "context-search",
    [IMAP_CAPABILITY_KIND_CONTEXT_SORT] = "context-sort",
    [IMAP_CAPABILITY_KIND_ENABLE] = "enable",
    [IMAP_CAPABILITY_KIND_ESEARCH] = "esearch",
    [IMAP_CAPABILITY_KIND_ESORT] = "esort",
    [IMAP_CAPABILITY_KIND_ID] = "id",
    [IMAP_CAPABILITY_KIND_IDLE] = "idle",
    [IMAP_CAPABILITY_KIND_LIST_EXTENDED] = "list-extended",
    [IMAP_CAPABILITY_KIND_LIST_STATUS] = "list-status",
    [IMAP_CAPABILITY_KIND_LITERAL_PLUS] = "literal+",
    [IMAP_CAPABILITY_KIND_LITERAL_MINUS] = "literal-",
    [IMAP_CAPABILITY_KIND_LOGIN_DISABLED] = "login-disabled",
    [IMAP_CAPABILITY_KIND_METADATA] = "metadata",
    [IMAP_CAPABILITY_KIND_METADATA_SERVER] = "metadata-server",
    [IMAP_CAPABILITY_KIND_MOVE] = "move",
    [IMAP_CAPABILITY_KIND_MULTI_APPEND] = "multi-append",
    [IMAP_CAPABILITY_KIND_NAMESPACE] = "namespace",
    [IMAP_CAPABILITY_KIND_NOTIFY] = "notify",
    [IMAP_CAPABILITY_KIND_OBJECT_ID] = "object-id",
    [IMAP_CAPABILITY_KIND_PARTIAL] = "partial",
    [IMAP_CAPABILITY_KIND_PREVIEW] = "preview",
    [IMAP_CAPABILITY_KIND_QRESYNC] = "qresync",
    [IMAP_CAPABILITY_KIND_QUOTA] = "quota",
    [IMAP_CAPABILITY_KIND_QUOTA_SET] = "quota-set",
    [IMAP_CAPABILITY_KIND_QUOTE] = "quote",
    [IMAP_CAPABILITY_KIND_SASL_IR] = "sasl-ir",
    [IMAP_CAPABILITY_KIND_SAVE_DATE] = "save-date",
    [IMAP_CAPABILITY_KIND_SEARCH_RES] = "search-res",
    [IMAP_CAPABILITY_KIND_SORT] = "sort",
    [IMAP_CAPABILITY_KIND_SPECIAL_USE] = "special-use",
    [IMAP_CAPABILITY_KIND_CREATE_SPECIAL_USE] = "create-special-use",
    [IMAP_CAPABILITY_KIND_STARTTLS] = "start-tls",
    [IMAP_CAPABILITY_KIND_STATUS_SIZE] = "status-size",
    [IMAP_CAPABILITY_KIND_UID_PLUS] = "uid-plus",
    [IMAP_CAPABILITY_KIND_UNAUTHENTICATE] = "unauthenticate",
    [IMAP_CAPABILITY_KIND_UNSELECT] = "unselect",
    [IMAP_CAPABILITY_KIND_UTF8_ACCEPT] = "utf8-accept",
    [IMAP_CAPABILITY_KIND_UTF8_ONLY] = "utf8-only",
    [IMAP_CAPABILITY_KIND_WITHIN] = "within",
    [IMAP_CAPABILITY_KIND_XLIST] = "xlist",
    [IMAP_CAPABILITY_KIND_XOAUTH2] = "xoauth2",
    [IMAP_CAPABILITY_KIND_GMAIL] = "gmail",
    [IMAP_CAPABILITY_KIND_OTHER] = NULL,
};

static void print_valued(sbuf *b, const char *name, imap_bytes v) {
    sb_printf(b, "(%s ", name);
    print_bytes(b, v);
    sb_putc(b, ')');
}

void print_capability(sbuf *b, const imap_capability *c) {
    switch (c->kind) {
    case IMAP_CAPABILITY_KIND_APPEND_LIMIT:
        if (c->has_number) {
            sb_puts(b, "(append-limit ");
            print_u64(b, c->number);
            sb_putc(b, ')');
        } else {
            sb_puts(b, "append-limit");
        }
        return;
    case IMAP_CAPABILITY_KIND_AUTH: print_valued(b, "auth", c->value); return;
    case IMAP_CAPABILITY_KIND_QUOTA_RES: print_valued(b, "quota-res", c->value); return;
    case IMAP_CAPABILITY_KIND_SORT_EXT: print_valued(b, "sort-ext", c->value); return;
    case IMAP_CAPABILITY_KIND_THREAD: print_valued(b, "thread", c->value); return;
    case IMAP_CAPABILITY_KIND_OTHER: print_valued(b, "other", c->value); return;
    default: break;
    }
    if (c->kind < sizeof cap_names / sizeof cap_names[0] && cap_names[c->kind])
        sb_puts(b, cap_names[c->kind]);
    else
        sb_printf(b, "(bad-capability-kind %u)", (unsigned)c->kind);
}

static void print_capability_items(sbuf *b, imap_capability_list l) {
    for (size_t i = 0; i < l.len; i++) {
        sb_putc(b, ' ');
        print_capability(b, &l.items[i]);
    }
}

/* Codes without data, by kind; NULL for those with data. */
static const char *const code_names[] = {
    [IMAP_CODE_KIND_ALERT] = "alert",
    [IMAP_CODE_KIND_PARSE] = "parse",
    [IMAP_CODE_KIND_READ_ONLY] = "read-only",
    [IMAP_CODE_KIND_READ_WRITE] = "read-write",
    [IMAP_CODE_KIND_TRY_CREATE] = "try-create",
    [IMAP_CODE_KIND_UID_NOT_STICKY] = "uid-not-sticky",
    [IMAP_CODE_KIND_NO_MOD_SEQ] = "no-modseq",
    [IMAP_CODE_KIND_CLOSED] = "closed",
    [IMAP_CODE_KIND_COMPRESSION_ACTIVE] = "compression-active",
    [IMAP_CODE_KIND_USE_ATTR] = "use-attr",
    [IMAP_CODE_KIND_UNAVAILABLE] = "unavailable",
    [IMAP_CODE_KIND_AUTHENTICATION_FAILED] = "authentication-failed",
    [IMAP_CODE_KIND_AUTHORIZATION_FAILED] = "authorization-failed",
    [IMAP_CODE_KIND_EXPIRED] = "expired",
    [IMAP_CODE_KIND_PRIVACY_REQUIRED] = "privacy-required",
    [IMAP_CODE_KIND_CONTACT_ADMIN] = "contact-admin",
    [IMAP_CODE_KIND_NO_PERM] = "no-perm",
    [IMAP_CODE_KIND_IN_USE] = "in-use",
    [IMAP_CODE_KIND_EXPUNGE_ISSUED] = "expunge-issued",
    [IMAP_CODE_KIND_CORRUPTION] = "corruption",
    [IMAP_CODE_KIND_SERVER_BUG] = "server-bug",
    [IMAP_CODE_KIND_CLIENT_BUG] = "client-bug",
    [IMAP_CODE_KIND_CANNOT] = "cannot",
    [IMAP_CODE_KIND_LIMIT] = "limit",
    [IMAP_CODE_KIND_OVER_QUOTA] = "over-quota",
    [IMAP_CODE_KIND_ALREADY_EXISTS] = "already-exists",
    [IMAP_CODE_KIND_NON_EXISTENT] = "non-existent",
    [IMAP_CODE_KIND_NOT_SAVED] = "not-saved",
    [IMAP_CODE_KIND_HAS_CHILDREN] = "has-children",
    [IMAP_CODE_KIND_UNKNOWN_CTE] = "unknown-cte",
    [IMAP_CODE_KIND_TOO_BIG] = "too-big",
    [IMAP_CODE_KIND_METADATA_TOO_MANY] = "metadata-too-many",
    [IMAP_CODE_KIND_METADATA_NO_PRIVATE] = "metadata-no-private",
    [IMAP_CODE_KIND_NOTIFICATION_OVERFLOW] = "notification-overflow",
    [IMAP_CODE_KIND_OTHER] = NULL,
};

static void print_number_form(sbuf *b, const char *name, uint64_t n) {
    sb_printf(b, "(%s %" PRIu64 ")", name, n);
}

void print_code(sbuf *b, const imap_code *c) {
    switch (c->kind) {
    case IMAP_CODE_KIND_BAD_CHARSET: print_string_form(b, "badcharset", c->u.strings); return;
    case IMAP_CODE_KIND_CAPABILITY:
        sb_puts(b, "(capability");
        print_capability_items(b, c->u.capabilities);
        sb_putc(b, ')');
        return;
    case IMAP_CODE_KIND_PERMANENT_FLAGS:
        sb_puts(b, "(permanent-flags");
        print_flag_items(b, c->u.flags);
        sb_putc(b, ')');
        return;
    case IMAP_CODE_KIND_UID_NEXT: print_number_form(b, "uid-next", c->u.number); return;
    case IMAP_CODE_KIND_UID_VALIDITY: print_number_form(b, "uid-validity", c->u.number); return;
    case IMAP_CODE_KIND_UNSEEN: print_number_form(b, "unseen", c->u.number); return;
    case IMAP_CODE_KIND_APPEND_UID:
        sb_printf(b, "(append-uid %" PRIu32 " ", c->u.append_uid.uid_validity);
        print_seq_set(b, c->u.append_uid.uids);
        sb_putc(b, ')');
        return;
    case IMAP_CODE_KIND_COPY_UID:
        sb_printf(b, "(copy-uid %" PRIu32 " ", c->u.copy_uid.uid_validity);
        print_seq_set(b, c->u.copy_uid.source);
        sb_putc(b, ' ');
        print_seq_set(b, c->u.copy_uid.dest);
        sb_putc(b, ')');
        return;
    case IMAP_CODE_KIND_HIGHEST_MOD_SEQ: print_number_form(b, "highest-modseq", c->u.number64); return;
    case IMAP_CODE_KIND_MODIFIED:
        sb_puts(b, "(modified ");
        print_seq_set(b, c->u.set);
        sb_putc(b, ')');
        return;
    case IMAP_CODE_KIND_BAD_URL: print_valued(b, "bad-url", c->u.text); return;
    case IMAP_CODE_KIND_NO_UPDATE: print_valued(b, "no-update", c->u.text); return;
    case IMAP_CODE_KIND_MAILBOX_ID: print_valued(b, "mailbox-id", c->u.text); return;
    case IMAP_CODE_KIND_REFERRAL: print_valued(b, "referral", c->u.text); return;
    case IMAP_CODE_KIND_METADATA_LONG_ENTRIES: print_number_form(b, "metadata-long-entries", c->u.number64); return;
    case IMAP_CODE_KIND_METADATA_MAX_SIZE: print_number_form(b, "metadata-max-size", c->u.number64); return;
    case IMAP_CODE_KIND_OTHER:
        sb_puts(b, "(other ");
        print_bytes(b, c->u.other.name);
        sb_putc(b, ' ');
        print_bytes(b, c->u.other.text);
        sb_putc(b, ')');
        return;
    default: break;
    }
    if (c->kind < sizeof code_names / sizeof code_names[0] && code_names[c->kind])
        sb_puts(b, code_names[c->kind]);
    else
        sb_printf(b, "(bad-code-kind %u)", (unsigned)c->kind);
}

void print_resp_text(sbuf *b, const char *name, const imap_resp_text *t) {
    sb_printf(b, "(%s ", name);
    if (t->code)
        print_code(b, t->code);
    else
        sb_puts(b, "none");
    sb_putc(b, ' ');
    print_bytes(b, t->text);
    sb_putc(b, ')');
}

static void print_address_list(sbuf *b, const char *name, imap_address_list l) {
    sb_printf(b, "(%s", name);
    for (size_t i = 0; i < l.len; i++) {
        const imap_address *a = &l.items[i];
        if (a->unparsed.ptr) {
            sb_puts(b, " (unparsed ");
            print_bytes(b, a->unparsed);
            sb_putc(b, ')');
            continue;
        }
        sb_puts(b, " (address ");
        print_bytes(b, a->name);
        sb_putc(b, ' ');
        print_bytes(b, a->adl);
        sb_putc(b, ' ');
        print_bytes(b, a->mailbox);
        sb_putc(b, ' ');
        print_bytes(b, a->host);
        sb_putc(b, ')');
    }
    sb_putc(b, ')');
}

void print_envelope(sbuf *b, const imap_envelope *e) {
    if (!e) {
        sb_puts(b, "(bad-null-envelope)");
        return;
    }
    sb_puts(b, "(envelope (date ");
    print_bytes(b, e->date);
    sb_puts(b, ") (subject ");
    print_bytes(b, e->subject);
    sb_puts(b, ") ");
    print_address_list(b, "from", e->from);
    sb_putc(b, ' ');
    print_address_list(b, "sender", e->sender);
    sb_putc(b, ' ');
    print_address_list(b, "reply-to", e->reply_to);
    sb_putc(b, ' ');
    print_address_list(b, "to", e->to);
    sb_putc(b, ' ');
    print_address_list(b, "cc", e->cc);
    sb_putc(b, ' ');
    print_address_list(b, "bcc", e->bcc);
    sb_puts(b, " (in-reply-to ");
    print_bytes(b, e->in_reply_to);
    sb_puts(b, ") (message-id ");
    print_bytes(b, e->message_id);
    sb_puts(b, "))");
}

static void print_body_extension(sbuf *b, const imap_body_extension *x) {
    switch (x->kind) {
    case IMAP_BODY_EXTENSION_KIND_STRING: print_bytes(b, x->string); break;
    case IMAP_BODY_EXTENSION_KIND_NUMBER: print_u64(b, x->number); break;
    case IMAP_BODY_EXTENSION_KIND_LIST:
        sb_putc(b, '(');
        for (size_t i = 0; i < x->len; i++) {
            if (i) sb_putc(b, ' ');
            print_body_extension(b, &x->items[i]);
        }
        sb_putc(b, ')');
        break;
    case IMAP_BODY_EXTENSION_KIND_UNPARSED:
        sb_puts(b, "(unparsed ");
        print_bytes(b, x->string);
        sb_putc(b, ')');
        break;
    default: sb_printf(b, "(bad-extension-kind %u)", (unsigned)x->kind);
    }
}

/* The tail shared by <ext1> and <extm>: <dsp> <lang> <loc> <extension>...) */
static void print_ext_tail(sbuf *b, const imap_body *body) {
    sb_putc(b, ' ');
    if (body->disposition) {
        sb_putc(b, '(');
        print_bytes(b, body->disposition->kind);
        sb_putc(b, ' ');
        print_params(b, body->disposition->params);
        sb_putc(b, ')');
    } else {
        sb_puts(b, "nil");
    }
    sb_putc(b, ' ');
    print_string_list(b, body->language);
    sb_putc(b, ' ');
    print_bytes(b, body->location);
    for (size_t i = 0; i < body->extensions_len; i++) {
        sb_putc(b, ' ');
        print_body_extension(b, &body->extensions[i]);
    }
    sb_putc(b, ')');
}

static void print_fields(sbuf *b, const imap_body *body) {
    sb_puts(b, "(fields ");
    print_params(b, body->params);
    sb_putc(b, ' ');
    print_bytes(b, body->id);
    sb_putc(b, ' ');
    print_bytes(b, body->description);
    sb_putc(b, ' ');
    print_bytes(b, body->encoding);
    sb_printf(b, " %" PRIu32 ")", body->octets);
}

static void print_ext1(sbuf *b, const imap_body *body) {
    if (!body->has_extension) return;
    sb_puts(b, " (ext ");
    print_bytes(b, body->md5);
    print_ext_tail(b, body);
}

void print_body(sbuf *b, const imap_body *body) {
    if (!body) {
        sb_puts(b, "(bad-null-body)");
        return;
    }
    switch (body->kind) {
    case IMAP_BODY_KIND_TEXT:
        sb_puts(b, "(text ");
        print_bytes(b, body->subtype);
        sb_putc(b, ' ');
        print_fields(b, body);
        sb_putc(b, ' ');
        print_u64(b, body->lines);
        print_ext1(b, body);
        sb_putc(b, ')');
        break;
    case IMAP_BODY_KIND_MESSAGE:
        sb_puts(b, "(message ");
        print_bytes(b, body->subtype);
        sb_putc(b, ' ');
        print_fields(b, body);
        sb_putc(b, ' ');
        print_envelope(b, body->envelope);
        sb_putc(b, ' ');
        print_body(b, body->body);
        sb_putc(b, ' ');
        print_u64(b, body->lines);
        print_ext1(b, body);
        sb_putc(b, ')');
        break;
    case IMAP_BODY_KIND_BASIC:
        sb_puts(b, "(basic ");
        print_bytes(b, body->media_type);
        sb_putc(b, ' ');
        print_bytes(b, body->subtype);
        sb_putc(b, ' ');
        print_fields(b, body);
        print_ext1(b, body);
        sb_putc(b, ')');
        break;
    case IMAP_BODY_KIND_MULTIPART:
        sb_puts(b, "(multipart");
        for (size_t i = 0; i < body->parts_len; i++) {
            sb_putc(b, ' ');
            print_body(b, &body->parts[i]);
        }
        sb_putc(b, ' ');
        print_bytes(b, body->subtype);
        if (body->has_extension) {
            sb_puts(b, " (ext ");
            print_params(b, body->params);
            print_ext_tail(b, body);
        }
        sb_putc(b, ')');
        break;
    default: sb_printf(b, "(bad-body-kind %u)", (unsigned)body->kind);
    }
}

static void print_section_from(sbuf *b, const imap_section *s, size_t i) {
    if (i < s->part.len) {
        sb_printf(b, "(part %" PRIu32 " ", s->part.items[i]);
        print_section_from(b, s, i + 1);
        sb_putc(b, ')');
        return;
    }
    switch (s->kind) {
    case IMAP_SECTION_KIND_ALL: sb_puts(b, "all"); break;
    case IMAP_SECTION_KIND_HEADER: sb_puts(b, "header"); break;
    case IMAP_SECTION_KIND_HEADER_FIELDS: print_string_form(b, "header-fields", s->fields); break;
    case IMAP_SECTION_KIND_HEADER_FIELDS_NOT: print_string_form(b, "header-fields-not", s->fields); break;
    case IMAP_SECTION_KIND_TEXT: sb_puts(b, "text"); break;
    case IMAP_SECTION_KIND_MIME: sb_puts(b, "mime"); break;
    default: sb_printf(b, "(bad-section-kind %u)", (unsigned)s->kind);
    }
}

static void print_origin(sbuf *b, const imap_fetch_section *s) {
    if (s->has_origin)
        print_u32(b, s->origin);
    else
        sb_puts(b, "nil");
}

void print_fetch_item(sbuf *b, const imap_fetch_item *it) {
    const imap_fetch_data *u = &it->u;
    switch (it->kind) {
    case IMAP_FETCH_KIND_FLAGS:
        sb_puts(b, "(flags");
        print_flag_items(b, u->flags);
        sb_putc(b, ')');
        break;
    case IMAP_FETCH_KIND_ENVELOPE: print_envelope(b, u->envelope); break;
    case IMAP_FETCH_KIND_INTERNAL_DATE:
        sb_puts(b, "(internal-date ");
        print_date_time(b, u->date_time);
        sb_putc(b, ')');
        break;
    case IMAP_FETCH_KIND_RFC822_SIZE: print_number_form(b, "rfc822-size", u->number64); break;
    case IMAP_FETCH_KIND_RFC822: print_valued(b, "rfc822", u->data); break;
    case IMAP_FETCH_KIND_RFC822_HEADER: print_valued(b, "rfc822-header", u->data); break;
    case IMAP_FETCH_KIND_RFC822_TEXT: print_valued(b, "rfc822-text", u->data); break;
    case IMAP_FETCH_KIND_BODY:
        sb_puts(b, "(body ");
        print_body(b, u->body);
        sb_putc(b, ')');
        break;
    case IMAP_FETCH_KIND_BODY_STRUCTURE:
        sb_puts(b, "(bodystructure ");
        print_body(b, u->body);
        sb_putc(b, ')');
        break;
    case IMAP_FETCH_KIND_BODY_SECTION:
        sb_puts(b, "(body-section ");
        print_section_from(b, &u->section.section, 0);
        sb_putc(b, ' ');
        print_origin(b, &u->section);
        sb_putc(b, ' ');
        print_bytes(b, u->section.data);
        sb_putc(b, ')');
        break;
    case IMAP_FETCH_KIND_BINARY:
        sb_puts(b, "(binary ");
        print_u32_list(b, u->section.section.part);
        sb_putc(b, ' ');
        print_origin(b, &u->section);
        sb_putc(b, ' ');
        print_bytes(b, u->section.data);
        sb_putc(b, ')');
        break;
    case IMAP_FETCH_KIND_BINARY_SIZE:
        sb_puts(b, "(binary-size ");
        print_u32_list(b, u->binary_size.part);
        sb_printf(b, " %" PRIu64 ")", u->binary_size.size);
        break;
    case IMAP_FETCH_KIND_UID: print_number_form(b, "uid", u->number); break;
    case IMAP_FETCH_KIND_MOD_SEQ: print_number_form(b, "modseq", u->number64); break;
    case IMAP_FETCH_KIND_EMAIL_ID: print_valued(b, "email-id", u->data); break;
    case IMAP_FETCH_KIND_THREAD_ID: print_valued(b, "thread-id", u->data); break;
    case IMAP_FETCH_KIND_SAVE_DATE:
        sb_puts(b, "(save-date ");
        if (u->save_date.present)
            print_date_time(b, u->save_date.date_time);
        else
            sb_puts(b, "nil");
        sb_putc(b, ')');
        break;
    case IMAP_FETCH_KIND_PREVIEW: print_valued(b, "preview", u->data); break;
    case IMAP_FETCH_KIND_GM_MSG_ID: print_number_form(b, "gm-msgid", u->number64); break;
    case IMAP_FETCH_KIND_GM_THR_ID: print_number_form(b, "gm-thrid", u->number64); break;
    case IMAP_FETCH_KIND_GM_LABELS: print_string_form(b, "gm-labels", u->labels); break;
    case IMAP_FETCH_KIND_OTHER:
        sb_puts(b, "(other ");
        print_bytes(b, u->other.name);
        sb_putc(b, ' ');
        print_bytes(b, u->other.value);
        sb_putc(b, ')');
        break;
    default: sb_printf(b, "(bad-fetch-kind %u)", (unsigned)it->kind);
    }
}

static void print_delimiter(sbuf *b, int has, uint8_t d) {
    if (has)
        print_string(b, &d, 1);
    else
        sb_puts(b, "nil");
}

static void print_list(sbuf *b, const char *name, const imap_list *l) {
    sb_printf(b, "(%s (", name);
    for (size_t i = 0; i < l->attributes_len; i++) {
        if (i) sb_putc(b, ' ');
        print_attr(b, &l->attributes[i]);
    }
    sb_puts(b, ") ");
    print_delimiter(b, l->has_delimiter, l->delimiter);
    sb_putc(b, ' ');
    print_bytes(b, l->name);
    for (size_t i = 0; i < l->extended_len; i++) {
        const imap_list_extended *x = &l->extended[i];
        sb_putc(b, ' ');
        switch (x->kind) {
        case IMAP_LIST_EXTENDED_KIND_CHILD_INFO: print_string_form(b, "childinfo", x->values); break;
        case IMAP_LIST_EXTENDED_KIND_OLD_NAME: print_string_form(b, "oldname", x->values); break;
        case IMAP_LIST_EXTENDED_KIND_OTHER:
            sb_puts(b, "(ext ");
            print_bytes(b, x->tag);
            for (size_t j = 0; j < x->values.len; j++) {
                sb_putc(b, ' ');
                print_bytes(b, x->values.items[j]);
            }
            sb_putc(b, ')');
            break;
        default: sb_printf(b, "(bad-list-extended-kind %u)", (unsigned)x->kind);
        }
    }
    sb_putc(b, ')');
}

static const char *const status_names[] = {
    [IMAP_STATUS_KIND_MESSAGES] = "messages",
    [IMAP_STATUS_KIND_RECENT] = "recent",
    [IMAP_STATUS_KIND_UID_NEXT] = "uid-next",
    [IMAP_STATUS_KIND_UID_VALIDITY] = "uid-validity",
    [IMAP_STATUS_KIND_UNSEEN] = "unseen",
    [IMAP_STATUS_KIND_DELETED] = "deleted",
    [IMAP_STATUS_KIND_SIZE] = "size",
    [IMAP_STATUS_KIND_HIGHEST_MOD_SEQ] = "highest-modseq",
    [IMAP_STATUS_KIND_APPEND_LIMIT] = "append-limit",
    [IMAP_STATUS_KIND_MAILBOX_ID] = "mailbox-id",
    [IMAP_STATUS_KIND_DELETED_STORAGE] = "deleted-storage",
    [IMAP_STATUS_KIND_OTHER] = "other",
};

static void print_status_item(sbuf *b, const imap_status_item *s) {
    switch (s->kind) {
    case IMAP_STATUS_KIND_MAILBOX_ID: print_valued(b, "mailbox-id", s->text); return;
    case IMAP_STATUS_KIND_OTHER:
        sb_puts(b, "(other ");
        print_bytes(b, s->name);
        sb_putc(b, ' ');
        print_bytes(b, s->text);
        sb_putc(b, ')');
        return;
    case IMAP_STATUS_KIND_APPEND_LIMIT:
        if (!s->has_number) {
            sb_puts(b, "(append-limit nil)");
            return;
        }
        break;
    default: break;
    }
    if (s->kind < sizeof status_names / sizeof status_names[0])
        print_number_form(b, status_names[s->kind], s->number);
    else
        sb_printf(b, "(bad-status-kind %u)", (unsigned)s->kind);
}

static void print_esearch_item(sbuf *b, const imap_esearch_item *x) {
    switch (x->kind) {
    case IMAP_ESEARCH_KIND_MIN: print_number_form(b, "min", x->number); break;
    case IMAP_ESEARCH_KIND_MAX: print_number_form(b, "max", x->number); break;
    case IMAP_ESEARCH_KIND_COUNT: print_number_form(b, "count", x->number); break;
    case IMAP_ESEARCH_KIND_MOD_SEQ: print_number_form(b, "modseq", x->number); break;
    case IMAP_ESEARCH_KIND_ALL:
        sb_puts(b, "(all ");
        print_seq_set(b, x->set);
        sb_putc(b, ')');
        break;
    case IMAP_ESEARCH_KIND_OTHER:
        sb_puts(b, "(other ");
        print_bytes(b, x->name);
        sb_putc(b, ' ');
        print_bytes(b, x->value);
        sb_putc(b, ')');
        break;
    default: sb_printf(b, "(bad-esearch-kind %u)", (unsigned)x->kind);
    }
}

static void print_thread(sbuf *b, const imap_thread *t) {
    sb_putc(b, '(');
    int first = 1;
    for (size_t i = 0; i < t->members.len; i++) {
        if (!first) sb_putc(b, ' ');
        first = 0;
        print_u32(b, t->members.items[i]);
    }
    for (size_t i = 0; i < t->children_len; i++) {
        if (!first) sb_putc(b, ' ');
        first = 0;
        print_thread(b, &t->children[i]);
    }
    sb_putc(b, ')');
}

static void print_namespace_list(sbuf *b, const imap_namespace_list *n) {
    if (n->is_nil) {
        sb_puts(b, "nil");
        return;
    }
    sb_putc(b, '(');
    for (size_t i = 0; i < n->len; i++) {
        const imap_namespace_desc *d = &n->items[i];
        if (i) sb_putc(b, ' ');
        sb_putc(b, '(');
        print_bytes(b, d->prefix);
        sb_putc(b, ' ');
        print_delimiter(b, d->has_delimiter, d->delimiter);
        for (size_t j = 0; j < d->extensions_len; j++) {
            sb_putc(b, ' ');
            print_string_list(b, d->extensions[j]);
        }
        sb_putc(b, ')');
    }
    sb_putc(b, ')');
}

static void print_search(sbuf *b, const char *name, const imap_search *s) {
    sb_printf(b, "(%s", name);
    for (size_t i = 0; i < s->ids.len; i++) sb_printf(b, " %" PRIu32, s->ids.items[i]);
    if (s->has_modseq) sb_printf(b, " (modseq %" PRIu64 ")", s->modseq);
    sb_putc(b, ')');
}

void print_untagged(sbuf *b, const imap_untagged *u) {
    const imap_untagged_data *d = &u->u;
    switch (u->kind) {
    case IMAP_UNTAGGED_KIND_OK: print_resp_text(b, "ok", &d->text); break;
    case IMAP_UNTAGGED_KIND_NO: print_resp_text(b, "no", &d->text); break;
    case IMAP_UNTAGGED_KIND_BAD: print_resp_text(b, "bad", &d->text); break;
    case IMAP_UNTAGGED_KIND_BYE: print_resp_text(b, "bye", &d->text); break;
    case IMAP_UNTAGGED_KIND_PREAUTH: print_resp_text(b, "preauth", &d->text); break;
    case IMAP_UNTAGGED_KIND_CAPABILITY:
    case IMAP_UNTAGGED_KIND_ENABLED:
        sb_puts(b, u->kind == IMAP_UNTAGGED_KIND_CAPABILITY ? "(capability" : "(enabled");
        print_capability_items(b, d->capabilities);
        sb_putc(b, ')');
        break;
    case IMAP_UNTAGGED_KIND_FLAGS:
        sb_puts(b, "(flags");
        print_flag_items(b, d->flags);
        sb_putc(b, ')');
        break;
    case IMAP_UNTAGGED_KIND_LIST: print_list(b, "list", &d->list); break;
    case IMAP_UNTAGGED_KIND_LSUB: print_list(b, "lsub", &d->list); break;
    case IMAP_UNTAGGED_KIND_XLIST: print_list(b, "xlist", &d->list); break;
    case IMAP_UNTAGGED_KIND_STATUS:
        sb_puts(b, "(status ");
        print_bytes(b, d->status.mailbox);
        for (size_t i = 0; i < d->status.len; i++) {
            sb_putc(b, ' ');
            print_status_item(b, &d->status.items[i]);
        }
        sb_putc(b, ')');
        break;
    case IMAP_UNTAGGED_KIND_SEARCH: print_search(b, "search", &d->search); break;
    case IMAP_UNTAGGED_KIND_SORT: print_search(b, "sort", &d->search); break;
    case IMAP_UNTAGGED_KIND_ESEARCH:
        sb_puts(b, "(esearch");
        if (d->esearch.tag.ptr) {
            sb_puts(b, " (tag ");
            print_bytes(b, d->esearch.tag);
            sb_putc(b, ')');
        }
        if (d->esearch.uid) sb_puts(b, " uid");
        for (size_t i = 0; i < d->esearch.len; i++) {
            sb_putc(b, ' ');
            print_esearch_item(b, &d->esearch.items[i]);
        }
        sb_putc(b, ')');
        break;
    case IMAP_UNTAGGED_KIND_THREAD:
        sb_puts(b, "(thread");
        for (size_t i = 0; i < d->thread.len; i++) {
            sb_putc(b, ' ');
            print_thread(b, &d->thread.items[i]);
        }
        sb_putc(b, ')');
        break;
    case IMAP_UNTAGGED_KIND_NAMESPACE:
        sb_puts(b, "(namespace ");
        print_namespace_list(b, &d->namespace_.personal);
        sb_putc(b, ' ');
        print_namespace_list(b, &d->namespace_.other);
        sb_putc(b, ' ');
        print_namespace_list(b, &d->namespace_.shared);
        sb_putc(b, ')');
        break;
    case IMAP_UNTAGGED_KIND_ID:
        if (d->id.is_nil) {
            sb_puts(b, "(id nil)");
        } else {
            sb_puts(b, "(id");
            print_pair_items(b, d->id.fields);
            sb_putc(b, ')');
        }
        break;
    case IMAP_UNTAGGED_KIND_QUOTA:
        sb_puts(b, "(quota ");
        print_bytes(b, d->quota.root);
        for (size_t i = 0; i < d->quota.len; i++) {
            const imap_quota_resource *r = &d->quota.items[i];
            sb_puts(b, " (");
            print_bytes(b, r->name);
            sb_printf(b, " %" PRIu64 " %" PRIu64 ")", r->usage, r->limit);
        }
        sb_putc(b, ')');
        break;
    case IMAP_UNTAGGED_KIND_QUOTA_ROOT:
    case IMAP_UNTAGGED_KIND_LIST_RIGHTS:
    case IMAP_UNTAGGED_KIND_MY_RIGHTS:
        sb_puts(b, u->kind == IMAP_UNTAGGED_KIND_QUOTA_ROOT    ? "(quota-root "
                   : u->kind == IMAP_UNTAGGED_KIND_LIST_RIGHTS ? "(list-rights "
                                                                : "(my-rights ");
        print_bytes(b, d->mailbox_data.mailbox);
        for (size_t i = 0; i < d->mailbox_data.strings.len; i++) {
            sb_putc(b, ' ');
            print_bytes(b, d->mailbox_data.strings.items[i]);
        }
        sb_putc(b, ')');
        break;
    case IMAP_UNTAGGED_KIND_ACL:
        sb_puts(b, "(acl ");
        print_bytes(b, d->mailbox_data.mailbox);
        print_pair_items(b, d->mailbox_data.pairs);
        sb_putc(b, ')');
        break;
    case IMAP_UNTAGGED_KIND_METADATA:
        sb_puts(b, "(metadata ");
        print_bytes(b, d->mailbox_data.mailbox);
        if (d->mailbox_data.changed) {
            sb_putc(b, ' ');
            print_string_form(b, "changed", d->mailbox_data.strings);
        } else {
            sb_puts(b, " (values");
            print_pair_items(b, d->mailbox_data.pairs);
            sb_putc(b, ')');
        }
        sb_putc(b, ')');
        break;
    case IMAP_UNTAGGED_KIND_EXISTS: print_number_form(b, "exists", d->number); break;
    case IMAP_UNTAGGED_KIND_RECENT: print_number_form(b, "recent", d->number); break;
    case IMAP_UNTAGGED_KIND_EXPUNGE: print_number_form(b, "expunge", d->number); break;
    case IMAP_UNTAGGED_KIND_FETCH:
        sb_printf(b, "(fetch %" PRIu32, d->fetch.seq);
        for (size_t i = 0; i < d->fetch.len; i++) {
            sb_putc(b, ' ');
            print_fetch_item(b, &d->fetch.items[i]);
        }
        sb_putc(b, ')');
        break;
    case IMAP_UNTAGGED_KIND_VANISHED:
        sb_puts(b, d->vanished.earlier ? "(vanished-earlier " : "(vanished ");
        print_seq_set(b, d->vanished.uids);
        sb_putc(b, ')');
        break;
    case IMAP_UNTAGGED_KIND_OTHER:
        sb_puts(b, "(other ");
        if (d->other.has_number)
            print_u32(b, d->other.number);
        else
            sb_puts(b, "nil");
        sb_putc(b, ' ');
        print_bytes(b, d->other.name);
        sb_putc(b, ' ');
        print_bytes(b, d->other.rest);
        sb_putc(b, ')');
        break;
    default: sb_printf(b, "(bad-untagged-kind %u)", (unsigned)u->kind);
    }
}

void print_response(sbuf *b, const imap_response *r) {
    switch (r->kind) {
    case IMAP_RESPONSE_KIND_UNTAGGED: print_untagged(b, &r->untagged); break;
    case IMAP_RESPONSE_KIND_CONTINUE: print_resp_text(b, "cont", &r->text); break;
    case IMAP_RESPONSE_KIND_TAGGED: {
        const char *st = r->status == IMAP_STATUS_WORD_OK   ? "ok"
                         : r->status == IMAP_STATUS_WORD_NO ? "no"
                         : r->status == IMAP_STATUS_WORD_BAD ? "bad"
                                                             : "bad-status-word";
        sb_puts(b, "(tagged ");
        print_bytes(b, r->tag);
        sb_putc(b, ' ');
        print_resp_text(b, st, &r->text);
        sb_putc(b, ')');
        break;
    }
    default: sb_printf(b, "(bad-response-kind %u)", (unsigned)r->kind);
    }
}

const char *fatal_kind_name(imap_error e) {
    switch (e) {
    case IMAP_ERROR_LINE_TOO_LONG: return "line-too-long";
    case IMAP_ERROR_LITERAL_TOO_LARGE: return "literal-too-large";
    case IMAP_ERROR_RESPONSE_TOO_LARGE: return "response-too-large";
    case IMAP_ERROR_UNEXPECTED_EOF: return "unexpected-eof";
    default: return NULL;
    }
}

void print_event(sbuf *b, const imap_event *ev) {
    switch (ev->kind) {
    case IMAP_EVENT_KIND_NONE: sb_puts(b, "(none)"); break;
    case IMAP_EVENT_KIND_RESPONSE: print_response(b, &ev->u.response); break;
    case IMAP_EVENT_KIND_MALFORMED: sb_printf(b, "(malformed %" PRIu64 ")", ev->u.malformed.offset); break;
    case IMAP_EVENT_KIND_LITERAL_BEGIN:
        sb_puts(b, "(literal-begin ");
        print_bytes(b, ev->u.literal_begin.item);
        sb_printf(b, " %" PRIu64 ")", ev->u.literal_begin.size);
        break;
    case IMAP_EVENT_KIND_LITERAL_DATA: sb_printf(b, "(literal-data %zu)", ev->u.literal_data.len); break;
    case IMAP_EVENT_KIND_LITERAL_END: sb_puts(b, "(literal-end)"); break;
    case IMAP_EVENT_KIND_ERROR: {
        const char *k = fatal_kind_name(ev->error);
        if (k)
            sb_printf(b, "(fatal %s)", k);
        else
            sb_printf(b, "(fatal unmapped-error-%s)", error_name(ev->error));
        break;
    }
    default: sb_printf(b, "(bad-event-kind %u)", (unsigned)ev->kind);
    }
}

const char *error_name(uint32_t e) {
    static const char *const names[] = {
        "IMAP_ERROR_OK",
        "IMAP_ERROR_NULL_ARGUMENT",
        "IMAP_ERROR_INVALID_ARGUMENT",
        "IMAP_ERROR_INTERNAL",
        "IMAP_ERROR_LINE_TOO_LONG",
        "IMAP_ERROR_LITERAL_TOO_LARGE",
        "IMAP_ERROR_RESPONSE_TOO_LARGE",
        "IMAP_ERROR_UNEXPECTED_EOF",
        "IMAP_ERROR_EOF",
        "IMAP_ERROR_BYE_GREETING",
        "IMAP_ERROR_BAD_GREETING",
        "IMAP_ERROR_UNKNOWN_TAG",
        "IMAP_ERROR_UNEXPECTED_CONTINUATION",
        "IMAP_ERROR_STARTTLS_INJECTION",
        "IMAP_ERROR_COMPRESSION",
        "IMAP_ERROR_BUSY",
        "IMAP_ERROR_NO_GREETING",
        "IMAP_ERROR_NEEDS_AUTHENTICATOR",
        "IMAP_ERROR_ENCODE",
        "IMAP_ERROR_AUTH",
        "IMAP_ERROR_CLOSED",
    };
    return e < sizeof names / sizeof names[0] ? names[e] : "IMAP_ERROR_(unknown)";
}

/* ---- s-expression parser ------------------------------------------------- */

typedef struct sx_reader {
    const char *s;
    size_t n;
    size_t pos;
    char *err;
} sx_reader;

static void sx_skip_ws(sx_reader *r) {
    while (r->pos < r->n && (r->s[r->pos] == ' ' || r->s[r->pos] == '\t' || r->s[r->pos] == '\r' || r->s[r->pos] == '\n'))
        r->pos++;
}

static int sx_read(sx_reader *r, sx *out, int depth) {
    memset(out, 0, sizeof *out);
    if (depth > 200) {
        snprintf(r->err, 128, "nesting too deep");
        return -1;
    }
    sx_skip_ws(r);
    if (r->pos >= r->n) {
        snprintf(r->err, 128, "unexpected end at %zu", r->pos);
        return -1;
    }
    char c = r->s[r->pos];
    if (c == '(') {
        r->pos++;
        out->kind = SX_LIST;
        for (;;) {
            sx_skip_ws(r);
            if (r->pos >= r->n) {
                snprintf(r->err, 128, "unclosed list");
                sx_free(out);
                return -1;
            }
            if (r->s[r->pos] == ')') {
                r->pos++;
                return 0;
            }
            out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
            if (sx_read(r, &out->items[out->n], depth + 1) != 0) {
                sx_free(out);
                return -1;
            }
            out->n++;
        }
    }
    if (c == ')') {
        snprintf(r->err, 128, "unexpected ) at %zu", r->pos);
        return -1;
    }
    if (c == '"') {
        size_t start = ++r->pos;
        while (r->pos < r->n && r->s[r->pos] != '"') {
            if (r->s[r->pos] == '\\') r->pos++;
            r->pos++;
        }
        if (r->pos >= r->n) {
            snprintf(r->err, 128, "unclosed string at %zu", start - 1);
            return -1;
        }
        uint8_t *bytes;
        size_t len;
        char err[64];
        if (vec_unescape(r->s + start, r->pos - start, &bytes, &len, err) != 0) {
            snprintf(r->err, 128, "string at %zu: %s", start - 1, err);
            return -1;
        }
        r->pos++;
        out->kind = SX_STRING;
        out->text = (char *)bytes;
        out->len = len;
        return 0;
    }
    size_t start = r->pos;
    while (r->pos < r->n) {
        char d = r->s[r->pos];
        if (d == ' ' || d == '\t' || d == '(' || d == ')' || d == '"' || d == '\r' || d == '\n') break;
        r->pos++;
    }
    out->kind = SX_ATOM;
    out->text = xstrndup(r->s + start, r->pos - start);
    out->len = r->pos - start;
    return 0;
}

int sx_parse(const char *s, size_t n, sx *out, char *err) {
    sx_reader r = {s, n, 0, err};
    if (sx_read(&r, out, 0) != 0) return -1;
    sx_skip_ws(&r);
    if (r.pos != n) {
        snprintf(err, 128, "trailing text at %zu", r.pos);
        sx_free(out);
        return -1;
    }
    return 0;
}

void sx_free(sx *x) {
    for (size_t i = 0; i < x->n; i++) sx_free(&x->items[i]);
    free(x->items);
    free(x->text);
    memset(x, 0, sizeof *x);
}

int sx_is(const sx *x, const char *word) { return x->kind == SX_ATOM && strcmp(x->text, word) == 0; }

int sx_head(const sx *x, const char *word) { return x->kind == SX_LIST && x->n > 0 && sx_is(&x->items[0], word); }

/* ---- connection steps and checks ------------------------------------------- */

void print_step(sbuf *b, const imap_step *s) {
    switch (s->kind) {
    case IMAP_STEP_KIND_AWAIT_SRC: sb_puts(b, "await-src"); break;
    case IMAP_STEP_KIND_AWAIT_DST: sb_puts(b, "await-dst"); break;
    case IMAP_STEP_KIND_DONE: sb_puts(b, "done"); break;
    case IMAP_STEP_KIND_UNTAGGED: print_untagged(b, &s->u.untagged); break;
    case IMAP_STEP_KIND_OK: print_resp_text(b, "ok", &s->u.text); break;
    case IMAP_STEP_KIND_PREAUTH: print_resp_text(b, "preauth", &s->u.text); break;
    case IMAP_STEP_KIND_NO: print_resp_text(b, "no", &s->u.text); break;
    case IMAP_STEP_KIND_BAD: print_resp_text(b, "bad", &s->u.text); break;
    case IMAP_STEP_KIND_STARTTLS: sb_puts(b, "starttls"); break;
    case IMAP_STEP_KIND_LITERAL_BEGIN:
        sb_puts(b, "(literal-begin ");
        if (s->u.literal_begin.has_seq)
            print_u32(b, s->u.literal_begin.seq);
        else
            sb_puts(b, "nil");
        sb_putc(b, ' ');
        print_bytes(b, s->u.literal_begin.item);
        sb_printf(b, " %" PRIu64 ")", s->u.literal_begin.size);
        break;
    case IMAP_STEP_KIND_LITERAL_DATA:
        sb_puts(b, "(literal-data ");
        print_bytes(b, s->u.literal_data);
        sb_putc(b, ')');
        break;
    case IMAP_STEP_KIND_LITERAL_END: sb_puts(b, "(literal-end)"); break;
    case IMAP_STEP_KIND_MALFORMED: sb_printf(b, "(malformed %" PRIu64 ")", s->u.malformed.offset); break;
    case IMAP_STEP_KIND_ERROR: sb_printf(b, "(error %s)", error_name(s->error)); break;
    default: sb_printf(b, "(bad-step-kind %u)", (unsigned)s->kind);
    }
}

int check_failures = 0;

void check_fail(const char *file, int line, const char *what) {
    check_failures++;
    fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
}

int check_bytes(const char *file, int line, const char *what, const void *got, size_t got_len, const void *want,
                size_t want_len) {
    if (got_len == want_len && (want_len == 0 || memcmp(got, want, want_len) == 0)) return 1;
    sbuf g, w;
    sb_init(&g);
    sb_init(&w);
    print_string(&g, got, got_len);
    print_string(&w, want, want_len);
    check_failures++;
    fprintf(stderr, "%s:%d: %s:\n  got  %s\n  want %s\n", file, line, what, sb_str(&g), sb_str(&w));
    sb_free(&g);
    sb_free(&w);
    return 0;
}
