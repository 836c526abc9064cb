/*
 * test_connection.c: scripted conversations through the C connection API:
 * imap_connection_new / imap_connection_new_with, imap_src, imap_run,
 * imap_dst / imap_dst_rem (a 7-byte and a 1-byte output buffer, as the
 * OCaml library allowed) and imap_output / imap_output_advance.
 *
 * A conversation is a list of acts (server bytes, a command to start, an
 * IDLE stop, end of input, a look at imap_is_busy). Each is replayed with
 * every output mode, and with the server's bytes handed over in one piece
 * and byte by byte; every replay must record the same list:
 *   - each step worth noting, printed by print_step (support.c), in order;
 *   - the bytes sent, as "> " and the raw bytes: what one act made the
 *     connection send, up to the next noted step, as one entry;
 *   - streamed literal data joined into one `(literal-data "...")` entry
 *     (the chunks depend on the reads);
 *   - `(busy 0|1)` for an imap_is_busy look.
 * The connection is freed at the end of each replay (leaks are caught by
 * ASan/valgrind in tests/c/run).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imap.h"
#include "support.h"

/* ---- the driver -------------------------------------------------------------- */

typedef enum act_kind { A_END = 0, A_SERVER, A_SEND, A_IDLE_STOP, A_EOF, A_BUSY } act_kind;

typedef imap_command *(*make_fn)(void *ctx);

typedef struct act {
    act_kind kind;
    const char *bytes; /* A_SERVER */
    make_fn make;      /* A_SEND */
} act;

#define SERVER(s) {A_SERVER, s, NULL}
#define SEND(f) {A_SEND, NULL, f}
#define IDLE_STOP {A_IDLE_STOP, NULL, NULL}
#define END_OF_INPUT {A_EOF, NULL, NULL}
#define BUSY {A_BUSY, NULL, NULL}
#define END {A_END, NULL, NULL}

typedef enum out_mode { OUT_DST7 = 0, OUT_DST1, OUT_OUTPUT3, OUT_OUTPUT_ALL, OUT_MODES } out_mode;
static const char *const out_names[] = {"imap_dst with 7 bytes", "imap_dst with 1 byte", "imap_output 3 at a time",
                                        "imap_output all at once"};

typedef struct conversation {
    const char *name;
    const act *acts;
    const char *const *expect; /* NULL-terminated */
    /* The connection: imap_connection_new unless `limits` or `prefix`. */
    const imap_limits *limits;
    const char *prefix;
    int whole_only; /* the script depends on how the input is split */
    void *ctx;      /* handed to the command makers */
    void (*reset)(void *ctx);
    void (*verify)(void *ctx, const char *how);
} conversation;

typedef struct driver {
    imap_connection *c;
    out_mode out;
    int bytewise;
    uint8_t buf[7];
    size_t buf_len;
    char **rec; /* the record */
    size_t nrec;
    int sent_open;  /* the last record entry is bytes sent, still growing */
    sbuf literal;   /* streamed literal data not yet recorded */
    int in_literal;
    sbuf tmp;
} driver;

static void rec_push(driver *d, const char *s, size_t n) {
    d->rec = xrealloc(d->rec, (d->nrec + 1) * sizeof *d->rec);
    d->rec[d->nrec++] = xstrndup(s, n);
}

static void flush_literal(driver *d) {
    if (!d->in_literal) return;
    sbuf b;
    sb_init(&b);
    sb_puts(&b, "(literal-data ");
    print_string(&b, (const uint8_t *)sb_str(&d->literal), d->literal.len);
    sb_putc(&b, ')');
    rec_push(d, sb_str(&b), b.len);
    sb_free(&b);
    sb_clear(&d->literal);
    d->in_literal = 0;
}

static void note(driver *d, const char *s) {
    flush_literal(d);
    rec_push(d, s, strlen(s));
    d->sent_open = 0;
}

static void sent(driver *d, const uint8_t *p, size_t n) {
    CHECK(n > 0);
    flush_literal(d);
    if (!d->sent_open) {
        rec_push(d, "> ", 2);
        d->sent_open = 1;
    }
    char **last = &d->rec[d->nrec - 1];
    size_t old = strlen(*last);
    *last = xrealloc(*last, old + n + 1);
    memcpy(*last + old, p, n);
    (*last)[old + n] = '\0';
    CHECK(memchr(p, 0, n) == NULL); /* NUL can never be sent */
}

/* Writes out what AWAIT_DST asked for. */
static void flush_output(driver *d) {
    switch (d->out) {
    case OUT_DST7:
    case OUT_DST1: {
        size_t rem = imap_dst_rem(d->c);
        CHECK(rem <= d->buf_len);
        size_t n = d->buf_len - rem;
        sent(d, d->buf, n);
        CHECK(imap_dst(d->c, d->buf, d->buf_len) == IMAP_ERROR_OK);
        CHECK(imap_dst_rem(d->c) == d->buf_len);
        break;
    }
    case OUT_OUTPUT3:
    case OUT_OUTPUT_ALL: {
        size_t len = 12345;
        const uint8_t *p = imap_output(d->c, &len);
        CHECK(p != NULL && len > 0);
        if (!p || len == 0) die("AWAIT_DST without output");
        size_t n = d->out == OUT_OUTPUT3 && len > 3 ? 3 : len;
        sent(d, p, n);
        CHECK(imap_output_advance(d->c, n) == IMAP_ERROR_OK);
        break;
    }
    default: die("bad mode");
    }
}

/* Runs the connection until it needs input that is not there. */
static void pump(driver *d, imap_command *cmd, const char *input) {
    size_t len = input ? strlen(input) : 0;
    size_t guard = 0;
    d->sent_open = 0;
    for (;;) {
        if (++guard > 1000000) die("the connection does not progress");
        const imap_step *s = imap_run(d->c, cmd);
        if (cmd) {
            /* imap_run copied the command: the caller may free it at once. */
            imap_command_free(cmd);
            cmd = NULL;
        }
        CHECK(s != NULL);
        if (!s) return;
        if (s->kind != IMAP_STEP_KIND_ERROR) CHECK(s->error == IMAP_ERROR_OK);
        switch (s->kind) {
        case IMAP_STEP_KIND_AWAIT_DST: flush_output(d); continue;
        case IMAP_STEP_KIND_AWAIT_SRC:
        case IMAP_STEP_KIND_DONE: {
            if (len == 0) return;
            size_t n = d->bytewise ? 1 : len;
            CHECK(imap_src(d->c, (const uint8_t *)input, n) == IMAP_ERROR_OK);
            input += n;
            len -= n;
            continue;
        }
        case IMAP_STEP_KIND_LITERAL_DATA:
            CHECK(s->u.literal_data.ptr != NULL);
            sb_putn(&d->literal, s->u.literal_data.ptr, s->u.literal_data.len);
            d->in_literal = 1;
            continue;
        case IMAP_STEP_KIND_ERROR: {
            const char *m = imap_error_message(d->c);
            CHECK(m != NULL && m[0] != '\0');
            CHECK(s->error != IMAP_ERROR_OK);
            sb_clear(&d->tmp);
            print_step(&d->tmp, s);
            note(d, sb_str(&d->tmp));
            if (imap_error_is_fatal(s->error)) return;
            continue;
        }
        default:
            sb_clear(&d->tmp);
            print_step(&d->tmp, s);
            note(d, sb_str(&d->tmp));
            continue;
        }
    }
}

static void replay(const conversation *cv, out_mode out, int bytewise, driver *d) {
    memset(d, 0, sizeof *d);
    sb_init(&d->literal);
    sb_init(&d->tmp);
    d->out = out;
    d->bytewise = bytewise;
    d->buf_len = out == OUT_DST1 ? 1 : sizeof d->buf;
    d->c = cv->limits || cv->prefix ? imap_connection_new_with(cv->limits, cv->prefix) : imap_connection_new();
    if (!d->c) die("%s: no connection", cv->name);
    if (out == OUT_DST7 || out == OUT_DST1) {
        CHECK(imap_dst(d->c, d->buf, d->buf_len) == IMAP_ERROR_OK);
    }
    if (cv->reset) cv->reset(cv->ctx);
    for (const act *a = cv->acts; a->kind != A_END; a++) {
        switch (a->kind) {
        case A_SERVER: pump(d, NULL, a->bytes); break;
        case A_SEND: {
            imap_command *cmd = a->make(cv->ctx);
            if (!cmd) die("%s: a command maker returned NULL", cv->name);
            pump(d, cmd, NULL);
            break;
        }
        case A_IDLE_STOP:
            CHECK(imap_idle_stop(d->c) == IMAP_ERROR_OK);
            pump(d, NULL, NULL);
            break;
        case A_EOF: {
            static const uint8_t none[1] = {0};
            CHECK(imap_src(d->c, none, 0) == IMAP_ERROR_OK);
            pump(d, NULL, NULL);
            break;
        }
        case A_BUSY: note(d, imap_is_busy(d->c) ? "(busy 1)" : "(busy 0)"); break;
        default: die("bad act");
        }
    }
    flush_literal(d);
    imap_connection_free(d->c);
    d->c = NULL;
    sb_free(&d->literal);
    sb_free(&d->tmp);
}

static void free_record(driver *d) {
    for (size_t i = 0; i < d->nrec; i++) free(d->rec[i]);
    free(d->rec);
    d->rec = NULL;
    d->nrec = 0;
}

static void show_entry(const char *s) {
    if (s[0] == '>' && s[1] == ' ') {
        sbuf b;
        sb_init(&b);
        print_string(&b, (const uint8_t *)s + 2, strlen(s) - 2);
        fprintf(stderr, "    > %s\n", sb_str(&b));
        sb_free(&b);
    } else {
        fprintf(stderr, "    %s\n", s);
    }
}

static int run_conversation(const conversation *cv) {
    int failed = 0;
    size_t nexp = 0;
    while (cv->expect[nexp]) nexp++;
    for (int bytewise = 0; bytewise <= 1; bytewise++) {
        if (bytewise && cv->whole_only) continue;
        for (int out = 0; out < OUT_MODES; out++) {
            int before = check_failures;
            driver d;
            replay(cv, (out_mode)out, bytewise, &d);
            char how[128];
            snprintf(how, sizeof how, "%s, input %s", out_names[out], bytewise ? "byte by byte" : "in one piece");
            if (cv->verify) cv->verify(cv->ctx, how);
            int same = d.nrec == nexp;
            for (size_t i = 0; same && i < nexp; i++) same = strcmp(d.rec[i], cv->expect[i]) == 0;
            if (!same || check_failures != before) {
                if (!failed) {
                    fprintf(stderr, "FAIL %s (%s)\n  expected:\n", cv->name, how);
                    for (size_t i = 0; i < nexp; i++) show_entry(cv->expect[i]);
                    fprintf(stderr, "  got:\n");
                    for (size_t i = 0; i < d.nrec; i++) show_entry(d.rec[i]);
                }
                failed = 1;
            }
            free_record(&d);
        }
    }
    return failed;
}

/* ---- command makers ---------------------------------------------------------- */

static imap_command *noop(void *ctx) {
    (void)ctx;
    return imap_cmd_noop();
}
static imap_command *capability(void *ctx) {
    (void)ctx;
    return imap_cmd_capability();
}
static imap_command *idle(void *ctx) {
    (void)ctx;
    return imap_cmd_idle();
}
static imap_command *starttls(void *ctx) {
    (void)ctx;
    return imap_cmd_starttls();
}
static imap_command *logout(void *ctx) {
    (void)ctx;
    return imap_cmd_logout();
}
static imap_command *login_atoms(void *ctx) {
    (void)ctx;
    return imap_cmd_login("fred", "secret");
}
static imap_command *login_8bit(void *ctx) {
    (void)ctx;
    return imap_cmd_login("fred", "p\xc3\xa4ss");
}
static imap_command *login_crlf(void *ctx) {
    (void)ctx;
    return imap_cmd_login("fred", "a\r\nb");
}
static imap_command *select_condstore(void *ctx) {
    (void)ctx;
    return imap_cmd_select("Entw\xc3\xbcrfe", true);
}
static imap_command *examine_inbox(void *ctx) {
    (void)ctx;
    return imap_cmd_examine("inbox", false);
}
static imap_command *auth_plain(void *ctx) {
    (void)ctx;
    return imap_cmd_authenticate(imap_authenticator_plain("user", "pass"));
}
static imap_command *auth_xoauth2(void *ctx) {
    (void)ctx;
    return imap_cmd_authenticate(imap_authenticator_xoauth2("u@example.com", "tok"));
}

/* A custom SASL mechanism driven by a C callback. The callback logs every
 * call (`null` for the initial-response call, else the challenge) and
 * answers: the initial call gives "init" when `initial` is set, else
 * returns 1 (no initial response); "hello" gets "world"; "empty" gets an
 * empty reply; anything else cancels (-1). With `cancel_all`, every call
 * cancels. */
typedef struct auth_ctx {
    int initial;
    int cancel_all;
    int calls;
    sbuf log;
    const char *want_log;
} auth_ctx;

static int32_t auth_callback(void *userdata, const uint8_t *challenge, size_t challenge_len, imap_auth_reply *reply) {
    auth_ctx *a = userdata;
    CHECK(reply != NULL);
    a->calls++;
    if (a->log.len) sb_putc(&a->log, ' ');
    if (!challenge) {
        CHECK(challenge_len == 0);
        sb_puts(&a->log, "null");
    } else {
        print_string(&a->log, challenge, challenge_len);
    }
    if (a->cancel_all) return -1;
    if (!challenge) {
        if (!a->initial) return 1;
        return imap_auth_reply_set(reply, (const uint8_t *)"init", 4) == IMAP_ERROR_OK ? 0 : -1;
    }
    if (challenge_len == 5 && memcmp(challenge, "hello", 5) == 0)
        return imap_auth_reply_set(reply, (const uint8_t *)"world", 5) == IMAP_ERROR_OK ? 0 : -1;
    if (challenge_len == 5 && memcmp(challenge, "empty", 5) == 0) {
        /* NULL with length 0 is an empty reply. */
        return imap_auth_reply_set(reply, NULL, 0) == IMAP_ERROR_OK ? 0 : -1;
    }
    return -1;
}

static imap_command *auth_custom(void *ctx) {
    auth_ctx *a = ctx;
    imap_authenticator *au = imap_authenticator_new(a->cancel_all ? "X-CANCEL" : "X-CHALLENGE", auth_callback, a);
    CHECK(au != NULL);
    return imap_cmd_authenticate(au);
}

static void auth_reset(void *ctx) {
    auth_ctx *a = ctx;
    a->calls = 0;
    sb_clear(&a->log);
}

static void auth_verify(void *ctx, const char *how) {
    auth_ctx *a = ctx;
    if (strcmp(sb_str(&a->log), a->want_log) != 0) {
        check_failures++;
        fprintf(stderr, "authenticator callback (%s): calls were [%s], expected [%s]\n", how, sb_str(&a->log),
                a->want_log);
    }
}

/* ---- the conversations ---------------------------------------------------------- */

#define GREETING "* OK IMAP4rev1 ready\r\n"
#define GREETED "(ok none \"IMAP4rev1 ready\")"

static const act login_acts[] = {
    BUSY, SERVER(GREETING), BUSY, SEND(login_atoms), BUSY, SERVER("A1 OK LOGIN completed\r\n"), BUSY, END};
static const char *const login_expect[] = {
    "(busy 0)", GREETED, "(busy 0)", "> A1 LOGIN fred secret\r\n", "(busy 1)", "(ok none \"LOGIN completed\")",
    "(busy 0)", NULL};

static const act literal_acts[] = {SERVER(GREETING), SEND(login_8bit), SERVER("* 1 EXISTS\r\n+ go ahead\r\n"),
                                   SERVER("A1 OK done\r\n"), END};
static const char *const literal_expect[] = {
    GREETED, "> A1 LOGIN fred {5}\r\n", "(exists 1)", "> p\xc3\xa4ss\r\n", "(ok none \"done\")", NULL};

static const act literal_refused_acts[] = {SERVER(GREETING), SEND(login_8bit),
                                           SERVER("* OK [ALERT] about to refuse\r\nA1 NO [TOOBIG] too big\r\n"),
                                           SEND(noop), SERVER("A2 OK NOOP done\r\n"), END};
static const char *const literal_refused_expect[] = {GREETED,
                                                     "> A1 LOGIN fred {5}\r\n",
                                                     "(ok alert \"about to refuse\")",
                                                     "(no too-big \"too big\")",
                                                     "> A2 NOOP\r\n",
                                                     "(ok none \"NOOP done\")",
                                                     NULL};

static const act literal_plus_acts[] = {SERVER("* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR] ready\r\n"),
                                        SEND(login_crlf), SERVER("A1 OK done\r\n"), END};
static const char *const literal_plus_expect[] = {"(ok (capability imap4rev1 literal+ sasl-ir) \"ready\")",
                                                  "> A1 LOGIN fred {4+}\r\na\r\nb\r\n", "(ok none \"done\")", NULL};

static const act mailbox_acts[] = {SERVER(GREETING),
                                   SEND(select_condstore),
                                   SERVER("* 172 EXISTS\r\n* OK [UIDVALIDITY 3857529045] UIDs valid\r\n"
                                          "* OK [HIGHESTMODSEQ 715194045007] Highest\r\n"
                                          "A1 OK [READ-WRITE] SELECT completed\r\n"),
                                   SEND(examine_inbox),
                                   SERVER("* FLAGS (\\Answered \\Seen $Forwarded)\r\nA2 OK [READ-ONLY] done\r\n"),
                                   SEND(logout),
                                   SERVER("* BYE logging out\r\nA3 OK LOGOUT completed\r\n"),
                                   END};
static const char *const mailbox_expect[] = {GREETED,
                                             "> A1 SELECT Entw&APw-rfe (CONDSTORE)\r\n",
                                             "(exists 172)",
                                             "(ok (uid-validity 3857529045) \"UIDs valid\")",
                                             "(ok (highest-modseq 715194045007) \"Highest\")",
                                             "(ok read-write \"SELECT completed\")",
                                             "> A2 EXAMINE INBOX\r\n",
                                             "(flags answered seen (keyword \"$Forwarded\"))",
                                             "(ok read-only \"done\")",
                                             "> A3 LOGOUT\r\n",
                                             "(bye none \"logging out\")",
                                             "(ok none \"LOGOUT completed\")",
                                             NULL};

static const act idle_acts[] = {SERVER(GREETING),
                                SEND(idle),
                                SERVER("* 11 FETCH (UID 10060 FLAGS (\\Seen))\r\n+ idling\r\n* 12 EXISTS\r\n"),
                                BUSY,
                                IDLE_STOP,
                                SERVER("* 13 EXISTS\r\nA1 OK IDLE terminated\r\n"),
                                BUSY,
                                END};
static const char *const idle_expect[] = {GREETED,
                                          "> A1 IDLE\r\n",
                                          "(fetch 11 (uid 10060) (flags seen))",
                                          "(exists 12)",
                                          "(busy 1)",
                                          "> DONE\r\n",
                                          "(exists 13)",
                                          "(ok none \"IDLE terminated\")",
                                          "(busy 0)",
                                          NULL};

static const act idle_early_stop_acts[] = {SERVER(GREETING), SEND(idle), IDLE_STOP, SERVER("+ idling\r\n"),
                                           SERVER("A1 OK done\r\n"), END};
static const char *const idle_early_stop_expect[] = {GREETED, "> A1 IDLE\r\n", "> DONE\r\n", "(ok none \"done\")",
                                                     NULL};

static const act auth_plain_acts[] = {SERVER(GREETING), SEND(auth_plain), SERVER("+ \r\n"),
                                      SERVER("A1 OK [CAPABILITY IMAP4rev1 IDLE] authenticated\r\n"), END};
static const char *const auth_plain_expect[] = {GREETED, "> A1 AUTHENTICATE PLAIN\r\n", "> AHVzZXIAcGFzcw==\r\n",
                                                "(ok (capability imap4rev1 idle) \"authenticated\")", NULL};

static const act auth_plain_ir_acts[] = {SERVER("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\r\n"),
                                         SEND(auth_plain), SERVER("A1 OK done\r\n"), END};
static const char *const auth_plain_ir_expect[] = {"(ok (capability imap4rev1 sasl-ir (auth \"PLAIN\")) \"ready\")",
                                                   "> A1 AUTHENTICATE PLAIN AHVzZXIAcGFzcw==\r\n",
                                                   "(ok none \"done\")", NULL};

/* XOAUTH2: the server's error challenge is answered with an empty line. */
static const act auth_xoauth2_acts[] = {SERVER("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2] ready\r\n"),
                                        SEND(auth_xoauth2), SERVER("+ eyJzdGF0dXMiOiI0MDEifQ==\r\n"),
                                        SERVER("A1 NO [AUTHENTICATIONFAILED] Invalid credentials\r\n"), END};
static const char *const auth_xoauth2_expect[] = {
    "(ok (capability imap4rev1 sasl-ir (auth \"XOAUTH2\")) \"ready\")",
    "> A1 AUTHENTICATE XOAUTH2 dXNlcj11QGV4YW1wbGUuY29tAWF1dGg9QmVhcmVyIHRvawEB\r\n",
    "> \r\n",
    "(no authentication-failed \"Invalid credentials\")",
    NULL};

static auth_ctx custom_ctx = {0, 0, 0, {NULL, 0, 0}, "null \"hello\" \"empty\" \"bye\""};
static const act auth_custom_acts[] = {SERVER(GREETING),
                                       SEND(auth_custom),
                                       SERVER("+ aGVsbG8=\r\n"),
                                       SERVER("+ ZW1wdHk=\r\n"),
                                       SERVER("+ Ynll\r\n"),
                                       SERVER("A1 BAD cancelled\r\n"),
                                       SEND(noop),
                                       SERVER("A2 OK\r\n"),
                                       END};
static const char *const auth_custom_expect[] = {GREETED,
                                                 "> A1 AUTHENTICATE X-CHALLENGE\r\n",
                                                 "> d29ybGQ=\r\n",
                                                 "> \r\n",
                                                 "(error IMAP_ERROR_AUTH)",
                                                 "> *\r\n",
                                                 "(bad none \"cancelled\")",
                                                 "> A2 NOOP\r\n",
                                                 "(ok none \"\")",
                                                 NULL};

static auth_ctx custom_ir_ctx = {1, 0, 0, {NULL, 0, 0}, "null"};
static const act auth_custom_ir_acts[] = {SERVER("* OK [CAPABILITY IMAP4rev1 SASL-IR] ready\r\n"), SEND(auth_custom),
                                          SERVER("A1 OK done\r\n"), END};
static const char *const auth_custom_ir_expect[] = {"(ok (capability imap4rev1 sasl-ir) \"ready\")",
                                                    "> A1 AUTHENTICATE X-CHALLENGE aW5pdA==\r\n",
                                                    "(ok none \"done\")", NULL};

/* An initial response without SASL-IR goes at the first (empty) challenge. */
static auth_ctx custom_initial_ctx = {1, 0, 0, {NULL, 0, 0}, "null \"hello\""};
static const act auth_custom_initial_acts[] = {SERVER(GREETING), SEND(auth_custom), SERVER("+ \r\n"),
                                               SERVER("+ aGVsbG8=\r\n"), SERVER("A1 OK done\r\n"), END};
static const char *const auth_custom_initial_expect[] = {
    GREETED, "> A1 AUTHENTICATE X-CHALLENGE\r\n", "> aW5pdA==\r\n", "> d29ybGQ=\r\n", "(ok none \"done\")", NULL};

/* A callback that cancels at once: a negative return at the initial
 * (NULL-challenge) call means nothing is sent at all; imap_run gives a
 * non-fatal IMAP_ERROR_AUTH and the next command gets the first tag. */
static auth_ctx cancel_ctx = {0, 1, 0, {NULL, 0, 0}, "null"};
static const act auth_cancel_acts[] = {SERVER(GREETING), SEND(auth_custom), SEND(noop), SERVER("A1 OK\r\n"), END};
static const char *const auth_cancel_expect[] = {GREETED, "(error IMAP_ERROR_AUTH)", "> A1 NOOP\r\n", "(ok none \"\")",
                                                 NULL};

/* A challenge that is not base64 cancels too. */
static auth_ctx badb64_ctx = {0, 0, 0, {NULL, 0, 0}, "null"};
static const act auth_bad_base64_acts[] = {SERVER(GREETING), SEND(auth_custom), SERVER("+ !!not base64!!\r\n"),
                                           SERVER("A1 BAD cancelled\r\n"), END};
static const char *const auth_bad_base64_expect[] = {
    GREETED, "> A1 AUTHENTICATE X-CHALLENGE\r\n", "(error IMAP_ERROR_AUTH)", "> *\r\n", "(bad none \"cancelled\")",
    NULL};

static const act starttls_acts[] = {SERVER("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n"),
                                    SEND(starttls),
                                    SERVER("A1 OK Begin TLS negotiation now\r\n"),
                                    SEND(capability),
                                    SERVER("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\nA2 OK done\r\n"),
                                    END};
static const char *const starttls_expect[] = {"(ok (capability imap4rev1 start-tls login-disabled) \"ready\")",
                                              "> A1 STARTTLS\r\n",
                                              "starttls",
                                              "> A2 CAPABILITY\r\n",
                                              "(capability imap4rev1 (auth \"PLAIN\"))",
                                              "(ok none \"done\")",
                                              NULL};

/* Bytes after the STARTTLS OK, in the same read: a response injection.
 * (Byte by byte, the OK is complete before the rest arrives, so this
 * script runs with the input in one piece only.) */
static const act starttls_injection_acts[] = {
    SERVER(GREETING), SEND(starttls),
    SERVER("A1 OK Begin TLS negotiation now\r\n* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected\r\n"), SEND(noop),
    END};
static const char *const starttls_injection_expect[] = {GREETED, "> A1 STARTTLS\r\n",
                                                        "(error IMAP_ERROR_STARTTLS_INJECTION)",
                                                        "(error IMAP_ERROR_CLOSED)", NULL};

static const imap_limits stream_limits = {1u << 20, 1u << 20, 1u << 20, 100, 4, 0};
static const act streamed_acts[] = {SERVER(GREETING), SEND(noop),
                                    SERVER("* 1 FETCH (UID 7 BODY[] {11}\r\nhello world)\r\nimap1 OK done\r\n"),
                                    SEND(noop), SERVER("* 2 FETCH (BODY[TEXT] {3}\r\nabc)\r\nimap2 OK\r\n"), END};
static const char *const streamed_expect[] = {GREETED,
                                              "> imap1 NOOP\r\n",
                                              "(literal-begin 1 \"BODY[]\" 11)",
                                              "(literal-data \"hello world\")",
                                              "(literal-end)",
                                              "(fetch 1 (uid 7) (body-section all nil \"\"))",
                                              "(ok none \"done\")",
                                              "> imap2 NOOP\r\n",
                                              "(fetch 2 (body-section text nil \"abc\"))",
                                              "(ok none \"\")",
                                              NULL};

static const imap_limits short_line_limits = {64, 1u << 20, 1u << 20, 100, 0, 0};
static const act line_too_long_acts[] = {
    SERVER(GREETING), SEND(noop),
    SERVER("* OK xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n"),
    SEND(noop), END};
static const char *const line_too_long_expect[] = {GREETED, "> A1 NOOP\r\n", "(error IMAP_ERROR_LINE_TOO_LONG)",
                                                   "(error IMAP_ERROR_CLOSED)", NULL};

static const act bye_acts[] = {SERVER("* BYE too many connections\r\n"), SEND(noop), END};
static const char *const bye_expect[] = {"(error IMAP_ERROR_BYE_GREETING)", "(error IMAP_ERROR_CLOSED)", NULL};

static const act bad_greeting_acts[] = {SERVER("A1 OK hello\r\n"), SEND(noop), END};
static const char *const bad_greeting_expect[] = {"(error IMAP_ERROR_BAD_GREETING)", "(error IMAP_ERROR_CLOSED)",
                                                  NULL};

static const act preauth_acts[] = {SERVER("* PREAUTH [CAPABILITY IMAP4rev2] welcome back\r\n"), SEND(noop),
                                   SERVER("A1 OK\r\n"), END};
static const char *const preauth_expect[] = {"(preauth (capability imap4rev2) \"welcome back\")", "> A1 NOOP\r\n",
                                             "(ok none \"\")", NULL};

static const act unknown_tag_acts[] = {SERVER(GREETING), SEND(noop), SERVER("X9 OK what\r\n"), SEND(noop), END};
static const char *const unknown_tag_expect[] = {GREETED, "> A1 NOOP\r\n", "(error IMAP_ERROR_UNKNOWN_TAG)",
                                                 "(error IMAP_ERROR_CLOSED)", NULL};

static const act unexpected_cont_acts[] = {SERVER(GREETING), SEND(noop), SERVER("+ huh\r\n"), END};
static const char *const unexpected_cont_expect[] = {GREETED, "> A1 NOOP\r\n",
                                                     "(error IMAP_ERROR_UNEXPECTED_CONTINUATION)", NULL};

static const act eof_inside_acts[] = {SERVER(GREETING), SEND(noop), SERVER("* 1 EXI"), END_OF_INPUT, SEND(noop),
                                      END};
static const char *const eof_inside_expect[] = {GREETED, "> A1 NOOP\r\n", "(error IMAP_ERROR_UNEXPECTED_EOF)",
                                                "(error IMAP_ERROR_CLOSED)", NULL};

static const act eof_acts[] = {SERVER(GREETING), END_OF_INPUT, END};
static const char *const eof_expect[] = {GREETED, "(error IMAP_ERROR_EOF)", NULL};

static const act malformed_acts[] = {SERVER(GREETING), SEND(noop), SERVER("* 2 FETCH (UID\r\nA1 MAYBE\r\n"),
                                     SEND(noop), SERVER("A2 OK\r\n"), END};
static const char *const malformed_expect[] = {
    GREETED, "> A1 NOOP\r\n", "(malformed 22)", "(malformed 38)", "> A2 NOOP\r\n", "(ok none \"\")", NULL};

/* Misuse that is not fatal: a command before the greeting, a command while
 * another runs. Nothing is sent for either. */
static const act misuse_acts[] = {SEND(noop), SERVER(GREETING), SEND(noop), SEND(capability), SERVER("A1 OK\r\n"),
                                  SEND(capability), SERVER("A2 OK\r\n"), END};
static const char *const misuse_expect[] = {"(error IMAP_ERROR_NO_GREETING)",
                                            GREETED,
                                            "> A1 NOOP\r\n",
                                            "(error IMAP_ERROR_BUSY)",
                                            "(ok none \"\")",
                                            "> A2 CAPABILITY\r\n",
                                            "(ok none \"\")",
                                            NULL};


int main(void) {
    sb_init(&custom_ctx.log);
    sb_init(&custom_ir_ctx.log);
    sb_init(&custom_initial_ctx.log);
    sb_init(&cancel_ctx.log);
    sb_init(&badb64_ctx.log);
    const conversation all[] = {
        {"login", login_acts, login_expect, NULL, NULL, 0, NULL, NULL, NULL},
        {"synchronizing-literal", literal_acts, literal_expect, NULL, NULL, 0, NULL, NULL, NULL},
        {"synchronizing-literal-refused", literal_refused_acts, literal_refused_expect, NULL, NULL, 0, NULL, NULL,
         NULL},
        {"literal-plus", literal_plus_acts, literal_plus_expect, NULL, NULL, 0, NULL, NULL, NULL},
        {"select-examine-logout", mailbox_acts, mailbox_expect, NULL, NULL, 0, NULL, NULL, NULL},
        {"idle", idle_acts, idle_expect, NULL, NULL, 0, NULL, NULL, NULL},
        {"idle-stop-before-continuation", idle_early_stop_acts, idle_early_stop_expect, NULL, NULL, 0, NULL, NULL,
         NULL},
        {"authenticate-plain", auth_plain_acts, auth_plain_expect, NULL, NULL, 0, NULL, NULL, NULL},
        {"authenticate-plain-sasl-ir", auth_plain_ir_acts, auth_plain_ir_expect, NULL, NULL, 0, NULL, NULL, NULL},
        {"authenticate-xoauth2", auth_xoauth2_acts, auth_xoauth2_expect, NULL, NULL, 0, NULL, NULL, NULL},
        {"authenticate-callback", auth_custom_acts, auth_custom_expect, NULL, NULL, 0, &custom_ctx, auth_reset,
         auth_verify},
        {"authenticate-callback-sasl-ir", auth_custom_ir_acts, auth_custom_ir_expect, NULL, NULL, 0, &custom_ir_ctx,
         auth_reset, auth_verify},
        {"authenticate-callback-initial", auth_custom_initial_acts, auth_custom_initial_expect, NULL, NULL, 0,
         &custom_initial_ctx, auth_reset, auth_verify},
        {"authenticate-callback-cancels", auth_cancel_acts, auth_cancel_expect, NULL, NULL, 0, &cancel_ctx,
         auth_reset, auth_verify},
        {"authenticate-bad-base64", auth_bad_base64_acts, auth_bad_base64_expect, NULL, NULL, 0, &badb64_ctx,
         auth_reset, auth_verify},
        {"starttls", starttls_acts, starttls_expect, NULL, NULL, 0, NULL, NULL, NULL},
        {"starttls-injection", starttls_injection_acts, starttls_injection_expect, NULL, NULL, 1, NULL, NULL, NULL},
        {"streamed-literal", streamed_acts, streamed_expect, &stream_limits, "imap", 0, NULL, NULL, NULL},
        {"line-too-long", line_too_long_acts, line_too_long_expect, &short_line_limits, NULL, 0, NULL, NULL, NULL},
        {"bye-greeting", bye_acts, bye_expect, NULL, NULL, 0, NULL, NULL, NULL},
        {"bad-greeting", bad_greeting_acts, bad_greeting_expect, NULL, NULL, 0, NULL, NULL, NULL},
        {"preauth-greeting", preauth_acts, preauth_expect, NULL, NULL, 0, NULL, NULL, NULL},
        {"unknown-tag", unknown_tag_acts, unknown_tag_expect, NULL, NULL, 0, NULL, NULL, NULL},
        {"unexpected-continuation", unexpected_cont_acts, unexpected_cont_expect, NULL, NULL, 0, NULL, NULL, NULL},
        {"eof-inside-a-response", eof_inside_acts, eof_inside_expect, NULL, NULL, 0, NULL, NULL, NULL},
        {"eof", eof_acts, eof_expect, NULL, NULL, 0, NULL, NULL, NULL},
        {"malformed-completion", malformed_acts, malformed_expect, NULL, NULL, 0, NULL, NULL, NULL},
        {"misuse", misuse_acts, misuse_expect, NULL, NULL, 0, NULL, NULL, NULL},
    };
    size_t n = sizeof all / sizeof all[0], failed = 0;
    for (size_t i = 0; i < n; i++) failed += (size_t)run_conversation(&all[i]);
    sb_free(&custom_ctx.log);
    sb_free(&custom_ir_ctx.log);
    sb_free(&custom_initial_ctx.log);
    sb_free(&cancel_ctx.log);
    sb_free(&badb64_ctx.log);
    printf("test_connection: %zu of %zu conversations passed (each replayed %d ways)\n", n - failed, n,
           2 * (int)OUT_MODES);
    return failed || check_failures ? 1 : 0;
}
