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

    /* Each limit takes effect in a decoder. */
    struct {
        imap_limits limits;
        const char *input;
        uint32_t error;
    } cases[] = {
        {{16, 1000, 1000, 100, 0}, "* OK a line longer than sixteen bytes\r\n", IMAP_ERROR_LINE_TOO_LONG},
        {{1000, 4, 1000, 100, 0}, "* 1 FETCH (BODY[] {5}\r\nhello)\r\n", IMAP_ERROR_LITERAL_TOO_LARGE},
        {{1000, 1000, 24, 100, 0}, "* 1 FETCH (BODY[] {10}\r\n0123456789)\r\n", IMAP_ERROR_RESPONSE_TOO_LARGE},
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
    imap_limits shallow = {1000, 1000, 1000, 3, 0};
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
    imap_limits stream = {1000, 1000, 1000, 100, 2};
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
    CHECK(imap_output_advance(NULL, 1) == IMAP_ERROR_NULL_ARGUMENT);
    CHECK(imap_idle_stop(NULL) == IMAP_ERROR_NULL_ARGUMENT);
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
    CHECK(imap_output_advance(c, 1000) == IMAP_ERROR_OK); /* more than pending: clamped */
    CHECK(imap_idle_stop(c) == IMAP_ERROR_OK);            /* no IDLE running: nothing to do */
    CHECK(!imap_is_busy(c));
    m = imap_error_message(c);
    CHECK(m != NULL && m[0] == '\0');

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

int main(void) {
    test_version();
    test_errors();
    test_free_null();
    test_constructors();
    test_limits();
    test_decoder_arguments();
    test_connection_arguments();
    if (check_failures) {
        printf("test_api_errors: %d checks failed\n", check_failures);
        return 1;
    }
    printf("test_api_errors: all checks passed\n");
    return 0;
}
