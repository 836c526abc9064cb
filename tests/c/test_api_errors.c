/*
 * test_api_errors.c: every function of include/imap.h called with NULL and
 * invalid arguments, checking the documented error value (a NULL return,
 * IMAP_ERROR_NULL_ARGUMENT, an ERROR step...); freeing NULL; imap_strerror
 * of every code and of unknown codes; imap_error_is_fatal; imap_version
 * against the IMAP_VERSION_* macros; the default limits; the limits taking
 * effect; and misuse of a connection (a command before the greeting, a
 * command while another runs, a run after a fatal error: IMAP_ERROR_CLOSED,
 * an AUTHENTICATE command run twice).
 *
 * tests/c/run checks that every function declared in include/imap.h is
 * named in this file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imap.h"
#include "support.h"

static const uint8_t some[] = "* OK hi\r\n";

static const imap_step *run_until(imap_connection *c, const imap_command *cmd) {
    /* Runs, writing out any output, until a step other than AWAIT_DST. */
    const imap_step *s = imap_run(c, cmd);
    while (s->kind == IMAP_STEP_KIND_AWAIT_DST) {
        size_t len = 0;
        const uint8_t *p = imap_output(c, &len);
        CHECK(p != NULL && len > 0);
        CHECK(imap_output_advance(c, len) == IMAP_ERROR_OK);
        s = imap_run(c, NULL);
    }
    return s;
}

static imap_connection *greeted(void) {
    imap_connection *c = imap_connection_new();
    CHECK(c != NULL);
    CHECK(imap_src(c, (const uint8_t *)"* OK ready\r\n", 12) == IMAP_ERROR_OK);
    const imap_step *s = imap_run(c, NULL);
    CHECK(s->kind == IMAP_STEP_KIND_OK);
    return c;
}

static void test_version(void) {
    const char *v = imap_version();
    CHECK(v != NULL);
    char want[64];
    snprintf(want, sizeof want, "%d.%d.%d", IMAP_VERSION_MAJOR, IMAP_VERSION_MINOR, IMAP_VERSION_PATCH);
    CHECK_STR(v, want);
    CHECK(imap_version() == v); /* static storage */
}

static void test_errors(void) {
    /* Every code has its own non-empty description; unknown codes one more. */
    const char *unknown = imap_strerror(IMAP_ERROR_CLOSED + 1);
    CHECK(unknown != NULL && unknown[0] != '\0');
    CHECK(imap_strerror(0xffffffffu) != NULL);
    CHECK_STR(imap_strerror(0xffffffffu), unknown);
    CHECK_STR(imap_strerror(1000), unknown);
    for (uint32_t e = IMAP_ERROR_OK; e <= IMAP_ERROR_CLOSED; e++) {
        const char *s = imap_strerror(e);
        CHECK(s != NULL && s[0] != '\0');
        if (!s) continue;
        if (strcmp(s, unknown) == 0) fprintf(stderr, "imap_strerror(%s) is the unknown-code text\n", error_name(e));
        CHECK(strcmp(s, unknown) != 0);
        for (uint32_t f = IMAP_ERROR_OK; f < e; f++) CHECK(strcmp(imap_strerror(f), s) != 0);
    }
    /* Fatal: the framing errors and the connection-ending ones (4..14) and
     * CLOSED; not fatal: OK, the argument errors, INTERNAL, and the
     * command-level errors (BUSY, NO_GREETING, NEEDS_AUTHENTICATOR, ENCODE,
     * AUTH), nor unknown codes. */
    static const uint32_t fatal[] = {IMAP_ERROR_LINE_TOO_LONG,
                                     IMAP_ERROR_LITERAL_TOO_LARGE,
                                     IMAP_ERROR_RESPONSE_TOO_LARGE,
                                     IMAP_ERROR_UNEXPECTED_EOF,
                                     IMAP_ERROR_EOF,
                                     IMAP_ERROR_BYE_GREETING,
                                     IMAP_ERROR_BAD_GREETING,
                                     IMAP_ERROR_UNKNOWN_TAG,
                                     IMAP_ERROR_UNEXPECTED_CONTINUATION,
                                     IMAP_ERROR_STARTTLS_INJECTION,
                                     IMAP_ERROR_COMPRESSION,
                                     IMAP_ERROR_CLOSED};
    static const uint32_t not_fatal[] = {IMAP_ERROR_OK,
                                         IMAP_ERROR_NULL_ARGUMENT,
                                         IMAP_ERROR_INVALID_ARGUMENT,
                                         IMAP_ERROR_INTERNAL,
                                         IMAP_ERROR_BUSY,
                                         IMAP_ERROR_NO_GREETING,
                                         IMAP_ERROR_NEEDS_AUTHENTICATOR,
                                         IMAP_ERROR_ENCODE,
                                         IMAP_ERROR_AUTH,
                                         IMAP_ERROR_CLOSED + 1,
                                         0xffffffffu};
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
        if (!imap_error_is_fatal(fatal[i])) fprintf(stderr, "%s is not fatal\n", error_name(fatal[i]));
        CHECK(imap_error_is_fatal(fatal[i]));
    }
    for (size_t i = 0; i < sizeof not_fatal / sizeof not_fatal[0]; i++) {
        if (imap_error_is_fatal(not_fatal[i])) fprintf(stderr, "%s is fatal\n", error_name(not_fatal[i]));
        CHECK(!imap_error_is_fatal(not_fatal[i]));
    }
}

static void test_free_null(void) {
    imap_command_free(NULL);
    imap_authenticator_free(NULL);
    imap_connection_free(NULL);
    imap_decoder_free(NULL);
}

static int32_t never_called(void *userdata, const uint8_t *challenge, size_t challenge_len, imap_auth_reply *reply) {
    (void)userdata;
    (void)challenge;
    (void)challenge_len;
    (void)reply;
    CHECK(!"the callback of an authenticator never run was called");
    return -1;
}

/* Checks imap_auth_reply_set's argument errors from inside a callback (the
 * only place an imap_auth_reply exists), then answers "ok". */
static int32_t reply_checks(void *userdata, const uint8_t *challenge, size_t challenge_len, imap_auth_reply *reply) {
    int *calls = userdata;
    (*calls)++;
    (void)challenge;
    (void)challenge_len;
    CHECK(imap_auth_reply_set(NULL, (const uint8_t *)"x", 1) == IMAP_ERROR_NULL_ARGUMENT);
    CHECK(imap_auth_reply_set(reply, NULL, 3) == IMAP_ERROR_NULL_ARGUMENT);
    CHECK(imap_auth_reply_set(reply, NULL, 0) == IMAP_ERROR_OK);
    CHECK(imap_auth_reply_set(reply, (const uint8_t *)"first", 5) == IMAP_ERROR_OK);
    /* The last reply set wins. */
    CHECK(imap_auth_reply_set(reply, (const uint8_t *)"ok", 2) == IMAP_ERROR_OK);
    return 0;
}

static void test_constructors(void) {
    /* Commands: NULL arguments give NULL. */
    CHECK(imap_cmd_authenticate(NULL) == NULL);
    CHECK(imap_cmd_login(NULL, "p") == NULL);
    CHECK(imap_cmd_login("u", NULL) == NULL);
    CHECK(imap_cmd_login(NULL, NULL) == NULL);
    CHECK(imap_cmd_select(NULL, false) == NULL);
    CHECK(imap_cmd_select(NULL, true) == NULL);
    CHECK(imap_cmd_examine(NULL, false) == NULL);
    CHECK(imap_cmd_examine(NULL, true) == NULL);
    /* The argument-less ones always succeed; free them unused. */
    imap_command *plain[] = {imap_cmd_capability(), imap_cmd_noop(), imap_cmd_logout(), imap_cmd_idle(),
                             imap_cmd_starttls(), imap_cmd_login("u", "p"), imap_cmd_select("INBOX", true),
                             imap_cmd_examine("INBOX", false)};
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
        CHECK(plain[i] != NULL);
        imap_command_free(plain[i]);
    }

    /* Authenticators. */
    CHECK(imap_authenticator_new(NULL, never_called, NULL) == NULL);
    CHECK(imap_authenticator_new("X", NULL, NULL) == NULL);
    CHECK(imap_authenticator_new(NULL, NULL, NULL) == NULL);
    CHECK(imap_authenticator_plain(NULL, "p") == NULL);
    CHECK(imap_authenticator_plain("u", NULL) == NULL);
    CHECK(imap_authenticator_xoauth2(NULL, "t") == NULL);
    CHECK(imap_authenticator_xoauth2("u", NULL) == NULL);
    /* Made and freed unused (NULL userdata is fine). */
    imap_authenticator *a = imap_authenticator_new("X-TEST", never_called, NULL);
    CHECK(a != NULL);
    imap_authenticator_free(a);
    imap_authenticator_free(imap_authenticator_plain("u", "p"));
    imap_authenticator_free(imap_authenticator_xoauth2("u", "t"));
    /* Given to a command that is freed unused: the command frees it. */
    imap_command *auth = imap_cmd_authenticate(imap_authenticator_new("X-TEST", never_called, NULL));
    CHECK(auth != NULL);
    imap_command_free(auth);

    /* Connections: the tag prefix must start with a letter and hold only
     * letters and digits. */
    static const char *const bad_prefixes[] = {"", "1A", "A-B", "A B", "A\r\n", "\xc3\xa4", "A.", "*"};
    for (size_t i = 0; i < sizeof bad_prefixes / sizeof bad_prefixes[0]; i++) {
        imap_connection *c = imap_connection_new_with(NULL, bad_prefixes[i]);
        if (c) fprintf(stderr, "imap_connection_new_with accepted the tag prefix \"%s\"\n", bad_prefixes[i]);
        CHECK(c == NULL);
        imap_connection_free(c);
    }
    imap_connection *c = imap_connection_new_with(NULL, NULL);
    CHECK(c != NULL);
    imap_connection_free(c);
    imap_limits l = imap_limits_default();
    c = imap_connection_new_with(&l, "Tag9");
    CHECK(c != NULL);
    CHECK(imap_src(c, (const uint8_t *)"* OK hi\r\n", 9) == IMAP_ERROR_OK);
    CHECK(imap_run(c, NULL)->kind == IMAP_STEP_KIND_OK);
    imap_command *noop = imap_cmd_noop();
    CHECK(imap_run(c, noop)->kind == IMAP_STEP_KIND_AWAIT_DST);
    size_t len = 0;
    const uint8_t *p = imap_output(c, &len);
    CHECK(p != NULL);
    if (p) CHECK_BYTES(p, len, "Tag91 NOOP\r\n", 12);
    imap_command_free(noop);
    imap_connection_free(c);

    imap_decoder *d = imap_decoder_new(NULL);
    CHECK(d != NULL);
    imap_decoder_free(d);
    d = imap_decoder_new(&l);
    CHECK(d != NULL);
    imap_decoder_free(d);
}

static void test_limits(void) {
    imap_limits l = imap_limits_default();
    CHECK(l.max_line == 16u * 1024 * 1024);
    CHECK(l.max_literal == 256u * 1024 * 1024);
    CHECK(l.max_response == 256u * 1024 * 1024);
    CHECK(l.max_depth == 100);
    CHECK(l.stream_threshold == 0);
    CHECK(l.max_auth_challenges == 32);

    /* Each limit takes effect in a decoder. */
    struct {
        imap_limits limits;
        const char *input;
        uint32_t error;
    } cases[] = {
        {{16, 1000, 1000, 100, 0, 0}, "* OK a line longer than sixteen bytes\r\n", IMAP_ERROR_LINE_TOO_LONG},
        {{1000, 4, 1000, 100, 0, 0}, "* 1 FETCH (BODY[] {5}\r\nhello)\r\n", IMAP_ERROR_LITERAL_TOO_LARGE},
        {{1000, 1000, 24, 100, 0, 0}, "* 1 FETCH (BODY[] {10}\r\n0123456789)\r\n", IMAP_ERROR_RESPONSE_TOO_LARGE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        imap_decoder *d = imap_decoder_new(&cases[i].limits);
        CHECK(d != NULL);
        if (!d) continue;
        CHECK(imap_decoder_feed(d, (const uint8_t *)cases[i].input, strlen(cases[i].input)) == IMAP_ERROR_OK);
        const imap_event *ev = imap_decoder_next(d);
        if (ev->kind != IMAP_EVENT_KIND_ERROR || ev->error != cases[i].error)
            fprintf(stderr, "limits case %zu: event kind %u error %s\n", i, (unsigned)ev->kind, error_name(ev->error));
        CHECK(ev->kind == IMAP_EVENT_KIND_ERROR && ev->error == cases[i].error);
        imap_decoder_free(d);
    }

    /* Nesting deeper than max_depth is not a framing error: the response is
     * malformed and decoding goes on. */
    imap_limits shallow = {1000, 1000, 1000, 3, 0, 0};
    imap_decoder *d = imap_decoder_new(&shallow);
    const char *deep = "* 1 FETCH (BODYSTRUCTURE ((((\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1)))))\r\n* 2 EXISTS\r\n";
    CHECK(imap_decoder_feed(d, (const uint8_t *)deep, strlen(deep)) == IMAP_ERROR_OK);
    const imap_event *ev = imap_decoder_next(d);
    CHECK(ev->kind == IMAP_EVENT_KIND_MALFORMED);
    if (ev->kind == IMAP_EVENT_KIND_MALFORMED) {
        CHECK(ev->u.malformed.offset == 0);
        CHECK(ev->u.malformed.raw.ptr != NULL);
        CHECK(ev->u.malformed.raw.len == strlen(deep) - strlen("* 2 EXISTS\r\n"));
        CHECK(ev->u.malformed.error_offset <= ev->u.malformed.raw.len);
    }
    ev = imap_decoder_next(d);
    CHECK(ev->kind == IMAP_EVENT_KIND_RESPONSE && ev->u.response.untagged.kind == IMAP_UNTAGGED_KIND_EXISTS);
    imap_decoder_free(d);

    /* Streaming threshold: a literal above it comes in chunks. */
    imap_limits stream = {1000, 1000, 1000, 100, 2, 0};
    d = imap_decoder_new(&stream);
    const char *lit = "* 3 FETCH (BODY[1] {5}\r\nhello)\r\n";
    CHECK(imap_decoder_feed(d, (const uint8_t *)lit, strlen(lit)) == IMAP_ERROR_OK);
    ev = imap_decoder_next(d);
    CHECK(ev->kind == IMAP_EVENT_KIND_LITERAL_BEGIN);
    if (ev->kind == IMAP_EVENT_KIND_LITERAL_BEGIN) {
        CHECK(ev->u.literal_begin.has_seq && ev->u.literal_begin.seq == 3);
        CHECK(ev->u.literal_begin.size == 5);
        CHECK_BYTES(ev->u.literal_begin.item.ptr, ev->u.literal_begin.item.len, "BODY[1]", 7);
    }
    sbuf data;
    sb_init(&data);
    for (ev = imap_decoder_next(d); ev->kind == IMAP_EVENT_KIND_LITERAL_DATA; ev = imap_decoder_next(d))
        sb_putn(&data, ev->u.literal_data.ptr, ev->u.literal_data.len);
    CHECK_BYTES(sb_str(&data), data.len, "hello", 5);
    sb_free(&data);
    CHECK(ev->kind == IMAP_EVENT_KIND_LITERAL_END);
    ev = imap_decoder_next(d);
    CHECK(ev->kind == IMAP_EVENT_KIND_RESPONSE);
    ev = imap_decoder_next(d);
    CHECK(ev->kind == IMAP_EVENT_KIND_NONE);
    imap_decoder_free(d);
}

static void test_decoder_arguments(void) {
    CHECK(imap_decoder_feed(NULL, some, 3) == IMAP_ERROR_NULL_ARGUMENT);
    CHECK(imap_decoder_feed(NULL, NULL, 0) == IMAP_ERROR_NULL_ARGUMENT);
    const imap_event *ev = imap_decoder_next(NULL);
    CHECK(ev != NULL);
    if (ev) CHECK(ev->kind == IMAP_EVENT_KIND_ERROR && ev->error == IMAP_ERROR_NULL_ARGUMENT);

    imap_decoder *d = imap_decoder_new(NULL);
    CHECK(imap_decoder_feed(d, NULL, 5) == IMAP_ERROR_NULL_ARGUMENT);
    /* Nothing fed yet: NONE. */
    ev = imap_decoder_next(d);
    CHECK(ev->kind == IMAP_EVENT_KIND_NONE && ev->error == IMAP_ERROR_OK);
    CHECK(imap_decoder_feed(d, some, sizeof some - 1) == IMAP_ERROR_OK);
    ev = imap_decoder_next(d);
    CHECK(ev->kind == IMAP_EVENT_KIND_RESPONSE && ev->error == IMAP_ERROR_OK);
    ev = imap_decoder_next(d);
    CHECK(ev->kind == IMAP_EVENT_KIND_NONE);
    /* NULL with length 0 is the end of input, like any length 0. */
    CHECK(imap_decoder_feed(d, (const uint8_t *)"* 1 EX", 6) == IMAP_ERROR_OK);
    CHECK(imap_decoder_feed(d, NULL, 0) == IMAP_ERROR_OK);
    ev = imap_decoder_next(d);
    CHECK(ev->kind == IMAP_EVENT_KIND_ERROR && ev->error == IMAP_ERROR_UNEXPECTED_EOF);
    imap_decoder_free(d);
}

static void test_connection_arguments(void) {
    uint8_t buf[16];
    size_t len = 99;
    CHECK(imap_src(NULL, some, 3) == IMAP_ERROR_NULL_ARGUMENT);
    CHECK(imap_dst(NULL, buf, sizeof buf) == IMAP_ERROR_NULL_ARGUMENT);
    CHECK(imap_dst_rem(NULL) == 0);
    CHECK(imap_output(NULL, &len) == NULL);
    CHECK(len == 0);
    CHECK(imap_output_advance(NULL, 1) == IMAP_ERROR_NULL_ARGUMENT);
    CHECK(imap_idle_stop(NULL) == IMAP_ERROR_NULL_ARGUMENT);
    CHECK(imap_idle_stopper_new(NULL) == NULL);
    CHECK(imap_idle_stopper_stop(NULL) == IMAP_ERROR_NULL_ARGUMENT);
    imap_idle_stopper_free(NULL);
    CHECK(imap_is_busy(NULL) == false);
    const char *m = imap_error_message(NULL);
    CHECK(m != NULL && m[0] == '\0');
    const imap_step *s = imap_run(NULL, NULL);
    CHECK(s != NULL);
    if (s) CHECK(s->kind == IMAP_STEP_KIND_ERROR && s->error == IMAP_ERROR_NULL_ARGUMENT);
    imap_command *noop = imap_cmd_noop();
    s = imap_run(NULL, noop);
    CHECK(s != NULL && s->kind == IMAP_STEP_KIND_ERROR && s->error == IMAP_ERROR_NULL_ARGUMENT);

    imap_connection *c = imap_connection_new();
    CHECK(c != NULL);
    CHECK(imap_src(c, NULL, 4) == IMAP_ERROR_NULL_ARGUMENT);
    CHECK(imap_dst(c, NULL, 4) == IMAP_ERROR_NULL_ARGUMENT);
    CHECK(imap_dst(c, NULL, 0) == IMAP_ERROR_OK);
    CHECK(imap_dst_rem(c) == 0);
    CHECK(imap_output(c, NULL) == NULL);
    len = 99;
    CHECK(imap_output(c, &len) == NULL);
    CHECK(len == 0);
    CHECK(imap_output_advance(c, 0) == IMAP_ERROR_OK);
    CHECK(imap_output_advance(c, 1000) == IMAP_ERROR_INVALID_ARGUMENT); /* more than pending */
    CHECK(imap_idle_stop(c) == IMAP_ERROR_OK);            /* no IDLE running: nothing to do */
    imap_idle_stopper *stopper = imap_idle_stopper_new(c);
    CHECK(stopper != NULL);
    CHECK(imap_idle_stopper_stop(stopper) == IMAP_ERROR_OK); /* no IDLE running: nothing to do */
    CHECK(!imap_is_busy(c));
    m = imap_error_message(c); /* the refused advance says why */
    CHECK(m != NULL && strstr(m, "1000 bytes, but only 0 are pending") != NULL);

    /* Before the greeting: AWAIT_SRC; a command is refused, nothing sent. */
    s = imap_run(c, NULL);
    CHECK(s->kind == IMAP_STEP_KIND_AWAIT_SRC && s->error == IMAP_ERROR_OK);
    s = imap_run(c, noop);
    CHECK(s->kind == IMAP_STEP_KIND_ERROR && s->error == IMAP_ERROR_NO_GREETING);
    m = imap_error_message(c);
    CHECK(m != NULL && m[0] != '\0');
    CHECK(imap_output(c, &len) == NULL && len == 0);
    CHECK(!imap_is_busy(c));

    /* The greeting, then a command: the 16-byte buffer gets "A1 NOOP\r\n". */
    CHECK(imap_src(c, (const uint8_t *)"* OK ready\r\n", 12) == IMAP_ERROR_OK);
    s = imap_run(c, NULL);
    CHECK(s->kind == IMAP_STEP_KIND_OK);
    m = imap_error_message(c);
    CHECK(m != NULL && m[0] == '\0'); /* cleared by the next run */
    s = imap_run(c, NULL);
    CHECK(s->kind == IMAP_STEP_KIND_DONE);
    CHECK(imap_dst(c, buf, sizeof buf) == IMAP_ERROR_OK);
    CHECK(imap_dst_rem(c) == sizeof buf);
    s = imap_run(c, noop);
    CHECK(s->kind == IMAP_STEP_KIND_AWAIT_DST);
    CHECK(imap_dst_rem(c) == sizeof buf - 9);
    CHECK_BYTES(buf, sizeof buf - imap_dst_rem(c), "A1 NOOP\r\n", 9);
    CHECK(imap_is_busy(c));

    /* A command while another runs: BUSY, not fatal, nothing sent. */
    imap_command *cap = imap_cmd_capability();
    s = imap_run(c, cap);
    CHECK(s->kind == IMAP_STEP_KIND_ERROR && s->error == IMAP_ERROR_BUSY);
    CHECK(imap_output(c, &len) == NULL && len == 0);
    CHECK(imap_dst_rem(c) == sizeof buf - 9);
    CHECK(imap_is_busy(c));
    s = imap_run(c, NULL);
    CHECK(s->kind == IMAP_STEP_KIND_AWAIT_SRC);

    /* The same command object runs again after the first completes. */
    CHECK(imap_src(c, (const uint8_t *)"A1 OK\r\n", 7) == IMAP_ERROR_OK);
    s = imap_run(c, NULL);
    CHECK(s->kind == IMAP_STEP_KIND_OK);
    CHECK(imap_dst(c, buf, sizeof buf) == IMAP_ERROR_OK);
    s = imap_run(c, noop);
    CHECK(s->kind == IMAP_STEP_KIND_AWAIT_DST);
    CHECK_BYTES(buf, sizeof buf - imap_dst_rem(c), "A2 NOOP\r\n", 9);

    /* A fatal error (a tagged response with an unknown tag), then every run
     * fails with CLOSED, with or without a command. */
    CHECK(imap_src(c, (const uint8_t *)"Z1 OK\r\n", 7) == IMAP_ERROR_OK);
    s = imap_run(c, NULL);
    CHECK(s->kind == IMAP_STEP_KIND_ERROR && s->error == IMAP_ERROR_UNKNOWN_TAG);
    CHECK(imap_error_is_fatal(s->error));
    for (int i = 0; i < 3; i++) {
        s = imap_run(c, i == 1 ? cap : NULL);
        CHECK(s->kind == IMAP_STEP_KIND_ERROR && s->error == IMAP_ERROR_CLOSED);
        m = imap_error_message(c);
        CHECK(m != NULL && m[0] != '\0');
    }
    /* Input after the end is still accepted (and ignored). */
    CHECK(imap_src(c, some, sizeof some - 1) == IMAP_ERROR_OK);
    s = imap_run(c, NULL);
    CHECK(s->kind == IMAP_STEP_KIND_ERROR && s->error == IMAP_ERROR_CLOSED);
    imap_connection_free(c);
    CHECK(imap_idle_stopper_stop(stopper) == IMAP_ERROR_OK); /* outlives its connection */
    imap_idle_stopper_free(stopper);

    /* End of input with NULL and 0, after a greeting: EOF, then CLOSED. */
    c = greeted();
    CHECK(imap_src(c, NULL, 0) == IMAP_ERROR_OK);
    s = imap_run(c, NULL);
    CHECK(s->kind == IMAP_STEP_KIND_ERROR && s->error == IMAP_ERROR_EOF);
    s = imap_run(c, noop);
    CHECK(s->kind == IMAP_STEP_KIND_ERROR && s->error == IMAP_ERROR_CLOSED);
    imap_connection_free(c);

    /* An AUTHENTICATE command runs once: its authenticator is used up. */
    int calls = 0;
    c = greeted();
    imap_command *auth = imap_cmd_authenticate(imap_authenticator_new("X-TEST", reply_checks, &calls));
    CHECK(auth != NULL);
    s = run_until(c, auth);
    CHECK(s->kind == IMAP_STEP_KIND_AWAIT_SRC);
    CHECK(calls == 1); /* the initial-response call: its reply is "ok" */
    CHECK(imap_src(c, (const uint8_t *)"+ \r\n", 4) == IMAP_ERROR_OK);
    s = imap_run(c, NULL);
    CHECK(s->kind == IMAP_STEP_KIND_AWAIT_DST);
    len = 0;
    const uint8_t *out = imap_output(c, &len);
    CHECK(out != NULL);
    if (out) CHECK_BYTES(out, len, "b2s=\r\n", 6); /* sent at the first challenge */
    CHECK(imap_output_advance(c, len) == IMAP_ERROR_OK);
    s = imap_run(c, NULL);
    CHECK(s->kind == IMAP_STEP_KIND_AWAIT_SRC);
    CHECK(calls == 1);
    CHECK(imap_src(c, (const uint8_t *)"A1 OK\r\n", 7) == IMAP_ERROR_OK);
    s = imap_run(c, NULL);
    CHECK(s->kind == IMAP_STEP_KIND_OK);
    s = imap_run(c, auth);
    CHECK(s->kind == IMAP_STEP_KIND_ERROR && s->error == IMAP_ERROR_INVALID_ARGUMENT);
    CHECK(!imap_error_is_fatal(s->error));
    m = imap_error_message(c);
    CHECK(m != NULL && m[0] != '\0');
    CHECK(!imap_is_busy(c));
    s = imap_run(c, noop); /* the connection still works */
    CHECK(s->kind == IMAP_STEP_KIND_AWAIT_DST);
    imap_command_free(auth);
    imap_connection_free(c);

    imap_command_free(cap);
    imap_command_free(noop);
}

/* Advancing the output past what is pending, after a partial advance, is
 * an error that changes nothing: the bytes still pending are the same. */
static void test_output_overrun(void) {
    imap_connection *c = greeted();
    imap_command *noop = imap_cmd_noop();
    CHECK(imap_run(c, noop)->kind == IMAP_STEP_KIND_AWAIT_DST);
    size_t len = 0;
    const uint8_t *out = imap_output(c, &len);
    CHECK(out != NULL && len == 9);
    if (out) CHECK_BYTES(out, len, "A1 NOOP\r\n", 9);
    CHECK(imap_output_advance(c, 1) == IMAP_ERROR_OK);
    CHECK(imap_output_advance(c, SIZE_MAX) == IMAP_ERROR_INVALID_ARGUMENT);
    CHECK(imap_output_advance(c, 9) == IMAP_ERROR_INVALID_ARGUMENT);
    const char *m = imap_error_message(c);
    CHECK(m != NULL && strstr(m, "8 are pending") != NULL);
    out = imap_output(c, &len);
    CHECK(out != NULL && len == 8);
    if (out) CHECK_BYTES(out, len, "1 NOOP\r\n", 8);
    CHECK(imap_output_advance(c, 8) == IMAP_ERROR_OK);
    CHECK(imap_output(c, &len) == NULL && len == 0);
    imap_command_free(noop);
    imap_connection_free(c);
}

/* A command that is built but refused when run: IMAP_ERROR_ENCODE, nothing
 * sent, the connection not busy. */
static void encode_error(imap_command *cmd, const char *what) {
    CHECK(cmd != NULL);
    if (!cmd) return;
    imap_connection *c = greeted();
    const imap_step *s = imap_run(c, cmd);
    if (s->kind != IMAP_STEP_KIND_ERROR || s->error != IMAP_ERROR_ENCODE)
        fprintf(stderr, "%s: step %u error %s instead of IMAP_ERROR_ENCODE\n", what, (unsigned)s->kind,
                error_name(s->error));
    CHECK(s->kind == IMAP_STEP_KIND_ERROR && s->error == IMAP_ERROR_ENCODE);
    size_t len = 1;
    CHECK(imap_output(c, &len) == NULL && len == 0);
    CHECK(!imap_is_busy(c));
    imap_command_free(cmd);
    imap_connection_free(c);
}

/* Frees a command that must exist. */
static void ok_cmd(imap_command *c, const char *what) {
    if (!c) fprintf(stderr, "%s returned NULL\n", what);
    CHECK(c != NULL);
    imap_command_free(c);
}

/* A command that must be refused at construction. */
static void null_cmd(imap_command *c, const char *what) {
    if (c) fprintf(stderr, "%s did not return NULL\n", what);
    CHECK(c == NULL);
    imap_command_free(c);
}

#define OK_CMD(e) ok_cmd(e, #e)
#define NULL_CMD(e) null_cmd(e, #e)
#define NULL_KEY(e)                                                                                                 \
    do {                                                                                                            \
        imap_search_key *k_ = (e);                                                                                  \
        if (k_) fprintf(stderr, "%s did not return NULL\n", #e);                                                    \
        CHECK(k_ == NULL);                                                                                          \
        imap_search_key_free(k_);                                                                                   \
    } while (0)
#define NULL_ARG(e)                                                                                                 \
    do {                                                                                                            \
        imap_raw_arg *a_ = (e);                                                                                     \
        if (a_) fprintf(stderr, "%s did not return NULL\n", #e);                                                    \
        CHECK(a_ == NULL);                                                                                          \
        imap_raw_arg_free(a_);                                                                                      \
    } while (0)

/* The command constructors and their builders (docs/c-commands.md):
 * NULL for a NULL or invalid argument (false for the adders), freeing NULL
 * does nothing, and what a constructor takes over is freed with it even
 * when it returns NULL (ASan/valgrind would report a leak otherwise). */
static void test_command_builders(void) {
    const char *one[] = {"x"};
    const char *nul1[] = {NULL};
    const uint64_t lim[] = {1};
    const imap_status_kind st[] = {IMAP_STATUS_KIND_MESSAGES};
    const imap_status_kind bad_st[] = {IMAP_STATUS_KIND_OTHER};
    const imap_status_kind unknown_st[] = {999};
    imap_date_time dt = {2024, 1, 2, 3, 4, 5, 60};

    imap_command_free(NULL);
    imap_fetch_items_free(NULL);
    imap_list_options_free(NULL);
    imap_append_free(NULL);
    imap_raw_arg_free(NULL);
    imap_search_key_free(NULL);

    OK_CMD(imap_cmd_compress_deflate());
    OK_CMD(imap_cmd_unauthenticate());
    OK_CMD(imap_cmd_namespace());
    OK_CMD(imap_cmd_check());
    OK_CMD(imap_cmd_close());
    OK_CMD(imap_cmd_unselect());
    OK_CMD(imap_cmd_expunge());

    NULL_CMD(imap_cmd_uid_expunge(NULL));
    NULL_CMD(imap_cmd_uid_expunge(""));
    NULL_CMD(imap_cmd_uid_expunge("1:x"));
    OK_CMD(imap_cmd_uid_expunge("3000:3002"));

    NULL_CMD(imap_cmd_id(NULL, one, 1));
    NULL_CMD(imap_cmd_id(one, NULL, 1));
    NULL_CMD(imap_cmd_id(nul1, one, 1));
    OK_CMD(imap_cmd_id(one, nul1, 1)); /* a NULL value is NIL */
    OK_CMD(imap_cmd_id(NULL, NULL, 0));

    NULL_CMD(imap_cmd_enable(NULL, 1));
    NULL_CMD(imap_cmd_enable(nul1, 1));
    OK_CMD(imap_cmd_enable(one, 1));

    /* FETCH items. */
    imap_fetch_items *items = imap_fetch_items_new();
    CHECK(items != NULL);
    CHECK(imap_fetch_items_macro(3) == NULL);
    CHECK(imap_fetch_items_macro(0xffffffffu) == NULL);
    CHECK(!imap_fetch_items_add(NULL, IMAP_FETCH_ATTR_FLAGS));
    CHECK(!imap_fetch_items_add_body(NULL, "", false));
    CHECK(!imap_fetch_items_add_body_partial(NULL, "", false, 0, 1));
    CHECK(!imap_fetch_items_add_binary(NULL, "", false));
    CHECK(!imap_fetch_items_add_binary_partial(NULL, "", false, 0, 1));
    CHECK(!imap_fetch_items_add_binary_size(NULL, "1"));
    CHECK(imap_fetch_items_add(items, IMAP_FETCH_ATTR_FLAGS));
    CHECK(imap_fetch_items_add_body(items, "1.HEADER.FIELDS (From \"X Y\")", true));
    imap_fetch_items_free(items);
    /* A failed add spoils the items: the FETCH is refused. */
    static const struct {
        int kind; /* 0 attr, 1 body, 3 binary, 5 binary size */
        const char *arg;
        uint32_t n;
    } bad_adds[] = {
        {0, NULL, 999},          {0, NULL, 0xffffffffu}, {1, NULL, 0},        {1, "HEADER.FIELDS (", 0},
        {1, "1.", 0},            {1, "BOGUS", 0},        {3, NULL, 0},        {3, "1.x", 0},
        {5, NULL, 0},            {5, "a", 0},
    };
    for (size_t i = 0; i < sizeof bad_adds / sizeof bad_adds[0]; i++) {
        items = imap_fetch_items_new();
        bool added = true;
        switch (bad_adds[i].kind) {
        case 0: added = imap_fetch_items_add(items, bad_adds[i].n); break;
        case 1: added = imap_fetch_items_add_body(items, bad_adds[i].arg, false); break;
        case 3: added = imap_fetch_items_add_binary(items, bad_adds[i].arg, true); break;
        case 5: added = imap_fetch_items_add_binary_size(items, bad_adds[i].arg); break;
        }
        if (added) fprintf(stderr, "bad FETCH item %zu was added\n", i);
        CHECK(!added);
        NULL_CMD(imap_cmd_fetch(false, "1", items, NULL, false));
    }
    /* A partial range of length 0 is accepted by the adders and refused
     * when the command is encoded. */
    items = imap_fetch_items_new();
    CHECK(imap_fetch_items_add_body_partial(items, "", false, 0, 0));
    encode_error(imap_cmd_fetch(false, "1", items, NULL, false), "BODY[]<0.0>");
    items = imap_fetch_items_new();
    CHECK(imap_fetch_items_add_binary_partial(items, "1", false, 5, 0));
    encode_error(imap_cmd_fetch(false, "1", items, NULL, false), "BINARY[1]<5.0>");
    items = imap_fetch_items_macro(IMAP_FETCH_MACRO_FAST);
    CHECK(items != NULL);
    CHECK(!imap_fetch_items_add(items, IMAP_FETCH_ATTR_UID)); /* nothing can be added to a macro */
    imap_fetch_items_free(items);
    NULL_CMD(imap_cmd_fetch(false, "1", NULL, NULL, false));
    NULL_CMD(imap_cmd_fetch(false, NULL, imap_fetch_items_macro(IMAP_FETCH_MACRO_ALL), NULL, false));
    NULL_CMD(imap_cmd_fetch(false, "", imap_fetch_items_macro(IMAP_FETCH_MACRO_ALL), NULL, false));
    OK_CMD(imap_cmd_fetch(true, "1:*", imap_fetch_items_macro(IMAP_FETCH_MACRO_FULL), lim, true));

    /* STORE. */
    const char *flags[] = {"\\Seen", "$Junk"};
    NULL_CMD(imap_cmd_store(false, NULL, IMAP_STORE_MODE_ADD, false, flags, 2, NULL));
    NULL_CMD(imap_cmd_store(false, "", IMAP_STORE_MODE_ADD, false, flags, 2, NULL));
    NULL_CMD(imap_cmd_store(false, "1", 3, false, flags, 2, NULL));
    NULL_CMD(imap_cmd_store(false, "1", IMAP_STORE_MODE_ADD, false, NULL, 2, NULL));
    NULL_CMD(imap_cmd_store(false, "1", IMAP_STORE_MODE_ADD, false, nul1, 1, NULL));
    OK_CMD(imap_cmd_store(true, "1", IMAP_STORE_MODE_REMOVE, true, NULL, 0, lim));
    NULL_CMD(imap_cmd_store_labels(false, NULL, IMAP_STORE_MODE_ADD, false, one, 1, NULL));
    NULL_CMD(imap_cmd_store_labels(false, "1", 7, false, one, 1, NULL));
    NULL_CMD(imap_cmd_store_labels(false, "1", IMAP_STORE_MODE_ADD, false, nul1, 1, NULL));
    OK_CMD(imap_cmd_store_labels(false, "1", IMAP_STORE_MODE_SET, false, one, 1, NULL));

    /* SELECT / EXAMINE with QRESYNC, and in wire form. */
    imap_qresync q = {1, 2, "1:5", NULL, NULL};
    imap_qresync q_bad_set = {1, 2, "x", NULL, NULL};
    imap_qresync q_half_match = {1, 2, NULL, "1:3", NULL};
    NULL_CMD(imap_cmd_select_qresync(NULL, false, &q));
    NULL_CMD(imap_cmd_examine_qresync(NULL, true, NULL));
    NULL_CMD(imap_cmd_select_wire(NULL, false, NULL));
    NULL_CMD(imap_cmd_examine_wire(NULL, false, &q));
    NULL_CMD(imap_cmd_select_qresync("INBOX", false, &q_bad_set));
    NULL_CMD(imap_cmd_select_qresync("INBOX", false, &q_half_match));
    OK_CMD(imap_cmd_select_qresync("INBOX", true, &q));
    OK_CMD(imap_cmd_examine_qresync("INBOX", false, NULL));
    OK_CMD(imap_cmd_select_wire("Entw&APw-rfe", false, NULL));
    OK_CMD(imap_cmd_examine_wire("INBOX", true, &q));

    /* Mailboxes. */
    const char *use[] = {"\\Drafts"};
    const char *no_backslash[] = {"Drafts"};
    NULL_CMD(imap_cmd_create(NULL, NULL, 0));
    NULL_CMD(imap_cmd_create("X", NULL, 1));
    NULL_CMD(imap_cmd_create("X", nul1, 1));
    NULL_CMD(imap_cmd_create("X", no_backslash, 1));
    OK_CMD(imap_cmd_create("X", use, 1));
    NULL_CMD(imap_cmd_delete(NULL));
    NULL_CMD(imap_cmd_rename(NULL, "b"));
    NULL_CMD(imap_cmd_rename("a", NULL));
    NULL_CMD(imap_cmd_subscribe(NULL));
    NULL_CMD(imap_cmd_unsubscribe(NULL));
    OK_CMD(imap_cmd_delete("X"));
    OK_CMD(imap_cmd_rename("a", "b"));
    OK_CMD(imap_cmd_subscribe("X"));
    OK_CMD(imap_cmd_unsubscribe("X"));

    /* LIST, LSUB, STATUS. */
    imap_list_options *lo = imap_list_options_new();
    CHECK(lo != NULL);
    CHECK(!imap_list_options_select(NULL, IMAP_LIST_SELECT_SUBSCRIBED));
    CHECK(!imap_list_options_select(lo, 99));
    CHECK(!imap_list_options_return(NULL, IMAP_LIST_RETURN_CHILDREN));
    CHECK(!imap_list_options_return(lo, 99));
    CHECK(!imap_list_options_return_status(NULL, st, 1));
    CHECK(!imap_list_options_return_status(lo, NULL, 1));
    CHECK(!imap_list_options_return_status(lo, bad_st, 1));
    CHECK(!imap_list_options_return_status(lo, unknown_st, 1));
    imap_list_options_free(lo);
    lo = imap_list_options_new();
    CHECK(imap_list_options_select(lo, IMAP_LIST_SELECT_SUBSCRIBED));
    CHECK(imap_list_options_return(lo, IMAP_LIST_RETURN_CHILDREN));
    CHECK(imap_list_options_return_status(lo, st, 1));
    OK_CMD(imap_cmd_list_extended("", one, 1, lo));
    NULL_CMD(imap_cmd_list(NULL, "*"));
    NULL_CMD(imap_cmd_list("", NULL));
    OK_CMD(imap_cmd_list("", "*"));
    NULL_CMD(imap_cmd_list_extended(NULL, one, 1, NULL));
    NULL_CMD(imap_cmd_list_extended("", NULL, 1, imap_list_options_new()));
    NULL_CMD(imap_cmd_list_extended("", nul1, 1, NULL));
    NULL_CMD(imap_cmd_lsub(NULL, "*"));
    NULL_CMD(imap_cmd_lsub("", NULL));
    OK_CMD(imap_cmd_lsub("", "*"));
    NULL_CMD(imap_cmd_status(NULL, st, 1));
    NULL_CMD(imap_cmd_status("INBOX", NULL, 1));
    NULL_CMD(imap_cmd_status("INBOX", bad_st, 1));
    NULL_CMD(imap_cmd_status("INBOX", unknown_st, 1));
    OK_CMD(imap_cmd_status("INBOX", st, 1));

    /* APPEND. */
    NULL_CMD(imap_cmd_append(NULL, (const uint8_t *)"x", 1, NULL, 0, NULL, false));
    NULL_CMD(imap_cmd_append("INBOX", NULL, 1, NULL, 0, NULL, false));
    NULL_CMD(imap_cmd_append("INBOX", (const uint8_t *)"x", 1, NULL, 1, NULL, false));
    NULL_CMD(imap_cmd_append("INBOX", (const uint8_t *)"x", 1, nul1, 1, NULL, false));
    OK_CMD(imap_cmd_append("INBOX", NULL, 0, flags, 2, &dt, true));
    CHECK(imap_append_new(NULL) == NULL);
    CHECK(!imap_append_add(NULL, (const uint8_t *)"x", 1, NULL, 0, NULL, false));
    imap_append *ap = imap_append_new("INBOX");
    CHECK(ap != NULL);
    CHECK(!imap_append_add(ap, NULL, 1, NULL, 0, NULL, false));
    CHECK(!imap_append_add(ap, (const uint8_t *)"x", 1, nul1, 1, NULL, false));
    imap_append_free(ap);
    ap = imap_append_new("INBOX");
    CHECK(imap_append_add(ap, (const uint8_t *)"x", 1, flags, 2, &dt, false));
    CHECK(imap_append_add(ap, (const uint8_t *)"y", 1, NULL, 0, NULL, true));
    OK_CMD(imap_cmd_append_multi(ap));
    NULL_CMD(imap_cmd_append_multi(NULL));

    /* COPY, MOVE, quota, ACL, metadata. */
    NULL_CMD(imap_cmd_copy(false, NULL, "X"));
    NULL_CMD(imap_cmd_copy(false, "1", NULL));
    NULL_CMD(imap_cmd_copy(true, "", "X"));
    NULL_CMD(imap_cmd_move(false, NULL, "X"));
    NULL_CMD(imap_cmd_move(false, "1", NULL));
    OK_CMD(imap_cmd_copy(true, "1:*", "X"));
    OK_CMD(imap_cmd_move(false, "$", "X"));
    NULL_CMD(imap_cmd_get_quota(NULL));
    NULL_CMD(imap_cmd_get_quota_root(NULL));
    NULL_CMD(imap_cmd_set_quota(NULL, one, lim, 1));
    NULL_CMD(imap_cmd_set_quota("", NULL, lim, 1));
    NULL_CMD(imap_cmd_set_quota("", one, NULL, 1));
    NULL_CMD(imap_cmd_set_quota("", nul1, lim, 1));
    OK_CMD(imap_cmd_set_quota("", NULL, NULL, 0));
    OK_CMD(imap_cmd_get_quota(""));
    OK_CMD(imap_cmd_get_quota_root("INBOX"));
    NULL_CMD(imap_cmd_get_acl(NULL));
    NULL_CMD(imap_cmd_set_acl(NULL, "id", IMAP_ACL_MODE_SET, "lr"));
    NULL_CMD(imap_cmd_set_acl("INBOX", NULL, IMAP_ACL_MODE_SET, "lr"));
    NULL_CMD(imap_cmd_set_acl("INBOX", "id", IMAP_ACL_MODE_SET, NULL));
    NULL_CMD(imap_cmd_set_acl("INBOX", "id", 3, "lr"));
    NULL_CMD(imap_cmd_delete_acl(NULL, "id"));
    NULL_CMD(imap_cmd_delete_acl("INBOX", NULL));
    NULL_CMD(imap_cmd_my_rights(NULL));
    NULL_CMD(imap_cmd_list_rights(NULL, "id"));
    NULL_CMD(imap_cmd_list_rights("INBOX", NULL));
    OK_CMD(imap_cmd_get_acl("INBOX"));
    OK_CMD(imap_cmd_set_acl("INBOX", "id", IMAP_ACL_MODE_ADD, "lr"));
    OK_CMD(imap_cmd_delete_acl("INBOX", "id"));
    OK_CMD(imap_cmd_my_rights("INBOX"));
    OK_CMD(imap_cmd_list_rights("INBOX", "id"));
    NULL_CMD(imap_cmd_get_metadata(NULL, NULL, IMAP_METADATA_DEPTH_DEFAULT, one, 1));
    NULL_CMD(imap_cmd_get_metadata("", NULL, IMAP_METADATA_DEPTH_DEFAULT, NULL, 1));
    NULL_CMD(imap_cmd_get_metadata("", NULL, IMAP_METADATA_DEPTH_DEFAULT, nul1, 1));
    NULL_CMD(imap_cmd_get_metadata("", NULL, 4, one, 1));
    OK_CMD(imap_cmd_get_metadata("", lim, IMAP_METADATA_DEPTH_INFINITY, one, 1));
    NULL_CMD(imap_cmd_set_metadata(NULL, one, one, 1));
    NULL_CMD(imap_cmd_set_metadata("", NULL, one, 1));
    NULL_CMD(imap_cmd_set_metadata("", one, NULL, 1));
    NULL_CMD(imap_cmd_set_metadata("", nul1, one, 1));
    OK_CMD(imap_cmd_set_metadata("", one, nul1, 1)); /* a NULL value is NIL */

    /* RAW. */
    NULL_ARG(imap_raw_atom(NULL));
    NULL_ARG(imap_raw_string(NULL));
    NULL_ARG(imap_raw_mailbox(NULL));
    NULL_ARG(imap_raw_mailbox_wire(NULL));
    NULL_ARG(imap_raw_set(NULL));
    NULL_ARG(imap_raw_set(""));
    NULL_ARG(imap_raw_literal(NULL, 3));
    NULL_ARG(imap_raw_list(NULL, 2));
    imap_raw_arg *with_null[] = {imap_raw_number(1), NULL};
    NULL_ARG(imap_raw_list(with_null, 2)); /* takes (and frees) the non-NULL one */
    imap_raw_arg *args[] = {imap_raw_atom("A"), imap_raw_string("b c"), imap_raw_mailbox("Entw\xc3\xbcrfe"),
                            imap_raw_mailbox_wire("x"), imap_raw_number(42), imap_raw_set("1:*"),
                            imap_raw_literal(NULL, 0), imap_raw_list(NULL, 0)};
    for (size_t i = 0; i < sizeof args / sizeof args[0]; i++) CHECK(args[i] != NULL);
    imap_raw_arg *nested[] = {imap_raw_number(7)};
    imap_raw_arg *list = imap_raw_list(nested, 1);
    CHECK(list != NULL);
    imap_raw_arg_free(list);
    NULL_CMD(imap_cmd_raw(NULL, NULL, 0));
    imap_raw_arg *lone[] = {imap_raw_atom("Z")};
    NULL_CMD(imap_cmd_raw(NULL, lone, 1)); /* takes (and frees) the argument */
    NULL_CMD(imap_cmd_raw("X", NULL, 1));
    imap_raw_arg *with_null2[] = {imap_raw_number(1), NULL};
    NULL_CMD(imap_cmd_raw("X", with_null2, 2));
    OK_CMD(imap_cmd_raw("XAPPLY", args, sizeof args / sizeof args[0]));

    /* Search keys. */
    imap_date d = {2024, 2, 29};
    NULL_KEY(imap_key_bcc(NULL));
    NULL_KEY(imap_key_body(NULL));
    NULL_KEY(imap_key_cc(NULL));
    NULL_KEY(imap_key_from(NULL));
    NULL_KEY(imap_key_subject(NULL));
    NULL_KEY(imap_key_text(NULL));
    NULL_KEY(imap_key_to(NULL));
    NULL_KEY(imap_key_header(NULL, "x"));
    NULL_KEY(imap_key_header("Subject", NULL));
    NULL_KEY(imap_key_keyword(NULL));
    NULL_KEY(imap_key_unkeyword(NULL));
    NULL_KEY(imap_key_uid(NULL));
    NULL_KEY(imap_key_uid(""));
    NULL_KEY(imap_key_seq(NULL));
    NULL_KEY(imap_key_seq("1:"));
    NULL_KEY(imap_key_not(NULL));
    NULL_KEY(imap_key_or(NULL, NULL));
    NULL_KEY(imap_key_or(imap_key_all(), NULL)); /* takes (and frees) the first */
    NULL_KEY(imap_key_or(NULL, imap_key_seen()));
    NULL_KEY(imap_key_and(NULL, 1));
    imap_search_key *kn[] = {imap_key_all(), NULL};
    NULL_KEY(imap_key_and(kn, 2));
    NULL_KEY(imap_key_modseq_entry(NULL, IMAP_ENTRY_TYPE_ALL, 1));
    NULL_KEY(imap_key_modseq_entry("\\Seen", 3, 1));
    NULL_KEY(imap_key_gm_raw(NULL));
    NULL_KEY(imap_key_gm_labels(NULL));
    NULL_KEY(imap_key_email_id(NULL));
    NULL_KEY(imap_key_thread_id(NULL));
    imap_search_key *keys[] = {
        imap_key_all(), imap_key_answered(), imap_key_deleted(), imap_key_draft(), imap_key_flagged(),
        imap_key_new(), imap_key_old(), imap_key_recent(), imap_key_seen(), imap_key_unanswered(),
        imap_key_undeleted(), imap_key_undraft(), imap_key_unflagged(), imap_key_unseen(),
        imap_key_save_date_supported(), imap_key_bcc("a"), imap_key_body("b"), imap_key_cc("c"),
        imap_key_from("d"), imap_key_subject("e"), imap_key_text("f"), imap_key_to("g"),
        imap_key_header("X-H", "v"), imap_key_keyword("$k"), imap_key_unkeyword("$u"), imap_key_larger(1),
        imap_key_smaller(2), imap_key_older(3), imap_key_younger(4), imap_key_before(d), imap_key_on(d),
        imap_key_since(d), imap_key_sent_before(d), imap_key_sent_on(d), imap_key_sent_since(d),
        imap_key_saved_before(d), imap_key_saved_on(d), imap_key_saved_since(d), imap_key_uid("1:*"),
        imap_key_seq("$"), imap_key_not(imap_key_seen()), imap_key_or(imap_key_new(), imap_key_old()),
        imap_key_modseq(5), imap_key_modseq_entry("\\Draft", IMAP_ENTRY_TYPE_PRIV, 6), imap_key_gm_raw("has:x"),
        imap_key_gm_msgid(7), imap_key_gm_thrid(8), imap_key_gm_labels("\\Inbox"), imap_key_email_id("M1"),
        imap_key_thread_id("T1")};
    size_t nkeys = sizeof keys / sizeof keys[0];
    for (size_t i = 0; i < nkeys; i++) {
        if (!keys[i]) fprintf(stderr, "search key %zu is NULL\n", i);
        CHECK(keys[i] != NULL);
    }
    imap_search_key *and_keys[] = {imap_key_all(), imap_key_seen()};
    imap_search_key *and_key = imap_key_and(and_keys, 2);
    CHECK(and_key != NULL);
    imap_search_key_free(and_key);
    /* The commands: NULL arrays, NULL keys, unknown enum values. */
    imap_search_key *k1[] = {imap_key_all()};
    NULL_CMD(imap_cmd_search(false, NULL, NULL, 1));
    imap_search_key *k_null[] = {imap_key_all(), NULL};
    NULL_CMD(imap_cmd_search(false, NULL, k_null, 2));
    const imap_search_return rets[] = {IMAP_SEARCH_RETURN_MIN};
    const imap_search_return bad_rets[] = {99};
    imap_search_key *k2[] = {imap_key_all()};
    NULL_CMD(imap_cmd_esearch(false, NULL, 1, NULL, k2, 1));
    imap_search_key *k3[] = {imap_key_all()};
    NULL_CMD(imap_cmd_esearch(false, bad_rets, 1, NULL, k3, 1));
    const imap_sort_criterion crit[] = {IMAP_SORT_DATE | IMAP_SORT_REVERSE};
    const imap_sort_criterion bad_crit[] = {99};
    imap_search_key *k4[] = {imap_key_all()};
    NULL_CMD(imap_cmd_sort(false, NULL, 1, "UTF-8", k4, 1));
    imap_search_key *k5[] = {imap_key_all()};
    NULL_CMD(imap_cmd_sort(false, bad_crit, 1, "UTF-8", k5, 1));
    imap_search_key *k6[] = {imap_key_all()};
    NULL_CMD(imap_cmd_sort(false, crit, 1, NULL, k6, 1));
    imap_search_key *k7[] = {imap_key_all()};
    NULL_CMD(imap_cmd_thread(false, NULL, "UTF-8", k7, 1));
    imap_search_key *k8[] = {imap_key_all()};
    NULL_CMD(imap_cmd_thread(false, "REFERENCES", NULL, k8, 1));
    /* And built. */
    OK_CMD(imap_cmd_search(true, "UTF-8", keys, nkeys));
    OK_CMD(imap_cmd_search(false, NULL, k1, 1));
    imap_search_key *k9[] = {imap_key_all()};
    OK_CMD(imap_cmd_esearch(true, rets, 1, NULL, k9, 1));
    imap_search_key *k10[] = {imap_key_all()};
    OK_CMD(imap_cmd_sort(true, crit, 1, "UTF-8", k10, 1));
    imap_search_key *k11[] = {imap_key_all()};
    OK_CMD(imap_cmd_thread(true, "REFERENCES", "UTF-8", k11, 1));
}

static void test_names(void) {
    /* The name functions write at most `cap` bytes and return the full
     * length; NULL output with cap 0 asks for the length; unknown kinds and
     * NULL inputs give 0. */
    uint8_t buf[32];
    CHECK(imap_capability_kind_name(IMAP_CAPABILITY_KIND_IMAP4REV1, NULL, 0) == 9);
    CHECK(imap_capability_kind_name(IMAP_CAPABILITY_KIND_IMAP4REV1, buf, 4) == 9);
    CHECK(memcmp(buf, "IMAP", 4) == 0);
    CHECK(imap_capability_kind_name(IMAP_CAPABILITY_KIND_AUTH, buf, sizeof buf) == 0);
    CHECK(imap_capability_kind_name(0xffffffffu, buf, sizeof buf) == 0);
    CHECK(imap_capability_name(NULL, buf, sizeof buf) == 0);
    imap_capability cap = {IMAP_CAPABILITY_KIND_AUTH, {(const uint8_t *)"PLAIN", 5}, false, 0};
    CHECK(imap_capability_name(&cap, buf, sizeof buf) == 10);
    CHECK(memcmp(buf, "AUTH=PLAIN", 10) == 0);
    CHECK(imap_mailbox_attr_kind_name(IMAP_MAILBOX_ATTR_KIND_HAS_CHILDREN, buf, sizeof buf) == 11);
    CHECK(memcmp(buf, "HasChildren", 11) == 0);
    CHECK(imap_mailbox_attr_kind_name(IMAP_MAILBOX_ATTR_KIND_EXTENSION, buf, sizeof buf) == 0);
    CHECK(imap_code_kind_name(IMAP_CODE_KIND_TOO_BIG, buf, sizeof buf) == 6);
    CHECK(memcmp(buf, "TOOBIG", 6) == 0);
    CHECK(imap_code_kind_name(IMAP_CODE_KIND_OTHER, buf, sizeof buf) == 0);
    CHECK(imap_code_kind_name(0xffffffffu, NULL, 0) == 0);
    /* Modified UTF-7: NULL with a length is refused, NULL with 0 is empty. */
    CHECK(imap_mutf7_decode(NULL, 3, buf, sizeof buf) == 0);
    CHECK(imap_mutf7_decode(NULL, 0, buf, sizeof buf) == 0);
    CHECK(imap_mutf7_decode((const uint8_t *)"a&-b", 4, buf, sizeof buf) == 3);
    CHECK(memcmp(buf, "a&b", 3) == 0);
    CHECK(imap_mutf7_encode(NULL, 3, buf, sizeof buf) == 0);
    CHECK(imap_mutf7_encode((const uint8_t *)"a&b", 3, NULL, 0) == 4);
    /* Strict decoding: false and the offset of the fault for a bad name. */
    size_t n = 99;
    CHECK(imap_mutf7_decode_strict((const uint8_t *)"a&-b", 4, buf, sizeof buf, &n) && n == 3);
    CHECK(!imap_mutf7_decode_strict((const uint8_t *)"ab&Zz", 5, buf, sizeof buf, &n) && n == 2);
    CHECK(!imap_mutf7_decode_strict((const uint8_t *)"a", 1, buf, sizeof buf, NULL));
    CHECK(!imap_mutf7_decode_strict(NULL, 1, buf, sizeof buf, &n));
}

/* FETCH items as text: parsed by the core, refused when not an item, on a
 * macro, or with NULL. */
static void test_fetch_items_text(void) {
    imap_fetch_items *it = imap_fetch_items_new();
    CHECK(imap_fetch_items_add_text(it, "BODY.PEEK[HEADER.FIELDS (From)]<0.10>"));
    CHECK(imap_fetch_items_add_text(it, "uid"));
    CHECK(!imap_fetch_items_add_text(it, NULL));
    CHECK(!imap_fetch_items_add_text(NULL, "UID"));
    imap_fetch_items_free(it);
    it = imap_fetch_items_new();
    CHECK(!imap_fetch_items_add_text(it, "BODY[1"));
    CHECK(imap_cmd_fetch(false, "1", it, NULL, false) == NULL);
    it = imap_fetch_items_macro(IMAP_FETCH_MACRO_ALL);
    CHECK(!imap_fetch_items_add_text(it, "UID"));
    imap_fetch_items_free(it);
}

/* The printer: unknown formats and NULL are refused; lines come one at a
 * time, NIL when nothing complete is buffered; a cut ends with (fatal). */
static void test_printer(void) {
    CHECK(imap_printer_new(7, NULL) == NULL);
    CHECK(imap_printer_next(NULL).ptr == NULL);
    CHECK(imap_printer_feed(NULL, (const uint8_t *)"x", 1) == IMAP_ERROR_NULL_ARGUMENT);
    imap_printer *p = imap_printer_new(IMAP_PRINT_SEXP, NULL);
    CHECK(p != NULL);
    CHECK(imap_printer_feed(p, NULL, 1) == IMAP_ERROR_NULL_ARGUMENT);
    const char *in = "* 3 EXISTS\r\n* 1 FETCH (UID";
    CHECK(imap_printer_feed(p, (const uint8_t *)in, strlen(in)) == IMAP_ERROR_OK);
    imap_bytes line = imap_printer_next(p);
    CHECK(line.len == 10 && memcmp(line.ptr, "(exists 3)", 10) == 0);
    CHECK(imap_printer_next(p).ptr == NULL);
    CHECK(imap_printer_feed(p, NULL, 0) == IMAP_ERROR_OK);
    line = imap_printer_next(p);
    CHECK(line.len == 22 && memcmp(line.ptr, "(fatal unexpected-eof)", 22) == 0);
    CHECK(imap_printer_next(p).ptr == NULL);
    imap_printer_free(p);
    imap_printer_free(NULL);
}

/* imap_decoder_keep: a response outlives the decoder's next calls and the
 * decoder itself; NULL for no decoder, before any event, after a non-response
 * event; a kept response owns what it points to (valgrind and ASan see a
 * read after free or a leak). */
static void test_decoder_keep(void) {
    CHECK(imap_decoder_keep(NULL) == NULL);
    CHECK(imap_owned_response_get(NULL) == NULL);
    imap_owned_response_free(NULL);

    imap_decoder *d = imap_decoder_new(NULL);
    CHECK(imap_decoder_keep(d) == NULL);
    const char *in = "* 4 FETCH (UID 9 FLAGS (\\Seen $Junk) ENVELOPE (\"Mon\" \"a \\\"quoted\\\" subject\" "
                     "((\"Ada\" NIL \"ada\" \"example.org\")) NIL NIL NIL NIL NIL NIL \"<m@x>\"))\r\n"
                     "* 5 EXISTS\r\n* 1 FETCH (BODY[] {3}\r\nabc)\r\n";
    CHECK(imap_decoder_feed(d, (const uint8_t *)in, strlen(in)) == IMAP_ERROR_OK);
    const imap_event *ev = imap_decoder_next(d);
    CHECK(ev->kind == IMAP_EVENT_KIND_RESPONSE);
    imap_owned_response *fetch = imap_decoder_keep(d);
    CHECK(fetch != NULL);
    ev = imap_decoder_next(d);
    CHECK(ev->kind == IMAP_EVENT_KIND_RESPONSE);
    imap_owned_response *exists = imap_decoder_keep(d);
    imap_owned_response *again = imap_decoder_keep(d);
    CHECK(exists != NULL && again != NULL && again != exists);
    imap_owned_response_free(again);
    ev = imap_decoder_next(d);
    CHECK(ev->kind == IMAP_EVENT_KIND_RESPONSE);
    CHECK(ev->u.response.untagged.u.fetch.items[0].u.section.data.len == 3);
    imap_owned_response *literal = imap_decoder_keep(d);
    ev = imap_decoder_next(d);
    CHECK(ev->kind == IMAP_EVENT_KIND_NONE);
    CHECK(imap_decoder_keep(d) == NULL);
    /* More input overwrites the decoder's buffer, then the decoder goes. */
    CHECK(imap_decoder_feed(d, (const uint8_t *)"* 6 EXISTS\r\n", 12) == IMAP_ERROR_OK);
    imap_decoder_free(d);

    const imap_response *r = imap_owned_response_get(fetch);
    CHECK(r != NULL && r->kind == IMAP_RESPONSE_KIND_UNTAGGED && r->untagged.kind == IMAP_UNTAGGED_KIND_FETCH);
    if (r && r->untagged.kind == IMAP_UNTAGGED_KIND_FETCH) {
        const imap_fetch *f = &r->untagged.u.fetch;
        CHECK(f->seq == 4 && f->len == 3);
        CHECK(f->items[0].kind == IMAP_FETCH_KIND_UID && f->items[0].u.number == 9);
        CHECK(f->items[1].kind == IMAP_FETCH_KIND_FLAGS && f->items[1].u.flags.len == 2);
        CHECK(f->items[1].u.flags.items[1].kind == IMAP_FLAG_KIND_KEYWORD);
        CHECK_BYTES(f->items[1].u.flags.items[1].name.ptr, f->items[1].u.flags.items[1].name.len, "$Junk", 5);
        CHECK(f->items[2].kind == IMAP_FETCH_KIND_ENVELOPE);
        const imap_envelope *e = f->items[2].u.envelope;
        CHECK_BYTES(e->subject.ptr, e->subject.len, "a \"quoted\" subject", 18);
        CHECK(e->from.len == 1);
        CHECK_BYTES(e->from.items[0].host.ptr, e->from.items[0].host.len, "example.org", 11);
        CHECK_BYTES(e->message_id.ptr, e->message_id.len, "<m@x>", 5);
        CHECK(e->date.len == 3 && e->to.len == 0 && e->in_reply_to.ptr == NULL);
    }
    r = imap_owned_response_get(exists);
    CHECK(r != NULL && r->untagged.kind == IMAP_UNTAGGED_KIND_EXISTS && r->untagged.u.number == 5);
    r = imap_owned_response_get(literal);
    CHECK(r != NULL && r->untagged.kind == IMAP_UNTAGGED_KIND_FETCH);
    if (r && r->untagged.kind == IMAP_UNTAGGED_KIND_FETCH) {
        const imap_fetch_section *s = &r->untagged.u.fetch.items[0].u.section;
        CHECK_BYTES(s->data.ptr, s->data.len, "abc", 3);
    }
    imap_owned_response_free(fetch);
    imap_owned_response_free(exists);
    imap_owned_response_free(literal);

    /* A malformed response or a streamed literal's events are not kept. */
    imap_limits stream = {1000, 1000, 1000, 100, 2, 0};
    d = imap_decoder_new(&stream);
    const char *other = "* 1 FETCH (UID x)\r\n* 3 FETCH (BODY[1] {5}\r\nhello)\r\n";
    CHECK(imap_decoder_feed(d, (const uint8_t *)other, strlen(other)) == IMAP_ERROR_OK);
    for (ev = imap_decoder_next(d); ev->kind != IMAP_EVENT_KIND_NONE; ev = imap_decoder_next(d)) {
        CHECK(ev->kind != IMAP_EVENT_KIND_ERROR);
        imap_owned_response *k = imap_decoder_keep(d);
        CHECK((k != NULL) == (ev->kind == IMAP_EVENT_KIND_RESPONSE));
        imap_owned_response_free(k);
    }
    imap_decoder_free(d);
}

int main(void) {
    test_version();
    test_errors();
    test_free_null();
    test_constructors();
    test_limits();
    test_decoder_arguments();
    test_decoder_keep();
    test_connection_arguments();
    test_output_overrun();
    test_command_builders();
    test_names();
    test_fetch_items_text();
    test_printer();
    if (check_failures) {
        printf("test_api_errors: %d checks failed\n", check_failures);
        return 1;
    }
    printf("test_api_errors: all checks passed\n");
    return 0;
}
