/*
 * wait_mail: waits for a new message in a mailbox and prints its sender.
 *
 *   wait_mail [--starttls] [--insecure] [--cafile FILE] [--sasl-plain]
 *             [--timeout SECONDS] [--debug] host port user password [mailbox]
 *
 * The C version of the wait_mail example of the OCaml imap library: log in
 * (over TLS, or STARTTLS with --starttls), EXAMINE the mailbox and note its
 * UIDNEXT, IDLE until the server reports a new message (EXISTS), find the
 * new UIDs with UID SEARCH, FETCH the ENVELOPE of the first one, print
 * "New mail from ...", and log out.
 *
 * Exit status: 0 when a message arrived, 2 when --timeout expired first,
 * 1 on errors.
 */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common.h"

/* IDLE is restarted this often: servers may drop an IDLE after 30 minutes
 * of silence (RFC 2177). */
#define IDLE_REFRESH_MS (25 * 60 * 1000)

struct wait {
    long timeout_s;    /* --timeout: 0 waits forever */
    uint32_t uid_next; /* UIDNEXT when the mailbox was opened */
    uint32_t new_uid;  /* the first UID >= uid_next that SEARCH found */
    bool have_sender;
    bool have_envelope;
};

static int wait_option(const char *opt, const char *arg, void *ud)
{
    struct wait *w = ud;
    if (strcmp(opt, "--timeout") == 0 && arg != NULL) {
        char *end;
        w->timeout_s = strtol(arg, &end, 10);
        return (*end == '\0' && w->timeout_s >= 0) ? 1 : -1;
    }
    return -1;
}

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* EXAMINE: remember the UIDNEXT code of the untagged OK. */
static void on_examine(const imap_untagged *u, void *ud)
{
    struct wait *w = ud;
    if (u->kind == IMAP_UNTAGGED_KIND_OK && u->u.text.code != NULL &&
        u->u.text.code->kind == IMAP_CODE_KIND_UID_NEXT)
        w->uid_next = u->u.text.code->u.number;
}

/*
 * Runs IDLE until the server reports EXISTS (returns 1), the deadline
 * passes (returns 0) or something fails (returns -1). The IDLE is stopped
 * (DONE) and restarted every IDLE_REFRESH_MS.
 */
static int idle(struct ex_session *s, long deadline_ms)
{
    for (;;) {
        imap_command *cmd = imap_cmd_idle();
        if (cmd == NULL) {
            fprintf(stderr, "error: cannot build IDLE\n");
            return -1;
        }
        long left = deadline_ms ? deadline_ms - now_ms() : IDLE_REFRESH_MS;
        s->timeout_ms = (int)(left < IDLE_REFRESH_MS ? (left > 0 ? left : 0) : IDLE_REFRESH_MS);
        const imap_step *st = ex_step(s, cmd);
        imap_command_free(cmd);
        bool stopping = false, exists = false;
        for (;;) {
            if (st == NULL) {
                if (!s->timed_out)
                    return -1;
                if (stopping) {
                    fprintf(stderr, "error: the server did not end IDLE\n");
                    s->dead = true;
                    return -1;
                }
                /* Nothing for a while: end this IDLE (DONE is sent by the
                 * next imap_run). */
                stopping = true;
                imap_idle_stop(s->c);
                s->timeout_ms = s->opt->timeout_ms;
                st = ex_step(s, NULL);
                continue;
            }
            switch (st->kind) {
            case IMAP_STEP_KIND_UNTAGGED:
                if (st->u.untagged.kind == IMAP_UNTAGGED_KIND_EXISTS) {
                    exists = true;
                    if (!stopping) {
                        stopping = true;
                        /* `st` borrows from the connection: done with it. */
                        imap_idle_stop(s->c);
                        s->timeout_ms = s->opt->timeout_ms;
                    }
                } else if (st->u.untagged.kind == IMAP_UNTAGGED_KIND_BYE) {
                    fprintf(stderr, "server: BYE ");
                    ex_put_resp_text(stderr, &st->u.untagged.u.text);
                    fputc('\n', stderr);
                }
                break;
            case IMAP_STEP_KIND_OK: /* the tagged OK that ends IDLE */
                if (exists)
                    return 1;
                if (deadline_ms && now_ms() >= deadline_ms)
                    return 0;
                goto again;
            case IMAP_STEP_KIND_NO:
            case IMAP_STEP_KIND_BAD:
                fprintf(stderr, "error: IDLE failed: %s ", st->kind == IMAP_STEP_KIND_NO ? "NO" : "BAD");
                ex_put_resp_text(stderr, &st->u.text);
                fputc('\n', stderr);
                return -1;
            case IMAP_STEP_KIND_MALFORMED:
                fprintf(stderr, "warning: skipped a response that does not parse: ");
                ex_put_bytes(stderr, st->u.malformed.raw, "");
                fputc('\n', stderr);
                if (!imap_is_busy(s->c)) {
                    fprintf(stderr, "error: IDLE: the server's answer does not parse\n");
                    return -1;
                }
                break;
            case IMAP_STEP_KIND_DONE:
                fprintf(stderr, "error: IDLE ended without a tagged answer\n");
                return -1;
            case IMAP_STEP_KIND_ERROR: {
                const char *detail = imap_error_message(s->c);
                fprintf(stderr, "error: IDLE: %s%s%s%s\n", imap_strerror(st->error), *detail ? " (" : "", detail,
                        *detail ? ")" : "");
                s->dead = imap_error_is_fatal(st->error);
                return -1;
            }
            default:
                break;
            }
            st = ex_step(s, NULL);
        }
    again:;
    }
}

/* UID SEARCH UID <uid>:* */
static imap_command *search_from(uint32_t uid)
{
    char set[32];
    snprintf(set, sizeof set, "%" PRIu32 ":*", uid);
    imap_search_key *key = imap_key_uid(set);
    /* The command takes the keys over (even when it fails). */
    return imap_cmd_search(true, NULL, &key, 1);
}

/* UID FETCH <uid> ENVELOPE */
static imap_command *fetch_envelope(uint32_t uid)
{
    char set[16];
    snprintf(set, sizeof set, "%" PRIu32, uid);
    imap_fetch_items *items = imap_fetch_items_new();
    imap_fetch_items_add(items, IMAP_FETCH_ATTR_ENVELOPE);
    /* The command takes `items` over; a failed add makes it return NULL. */
    return imap_cmd_fetch(true, set, items, NULL, false);
}

/* UID SEARCH: keep the smallest UID >= uid_next. */
static void on_search(const imap_untagged *u, void *ud)
{
    struct wait *w = ud;
    if (u->kind != IMAP_UNTAGGED_KIND_SEARCH)
        return;
    for (size_t i = 0; i < u->u.search.ids.len; i++) {
        uint32_t uid = u->u.search.ids.items[i];
        /* "n:*" also matches the last message when its UID is below n. */
        if (uid >= w->uid_next && (w->new_uid == 0 || uid < w->new_uid))
            w->new_uid = uid;
    }
}

/* UID FETCH ... ENVELOPE: print the sender. */
static void on_fetch(const imap_untagged *u, void *ud)
{
    struct wait *w = ud;
    if (u->kind != IMAP_UNTAGGED_KIND_FETCH)
        return;
    const imap_fetch *f = &u->u.fetch;
    for (size_t i = 0; i < f->len; i++) {
        if (f->items[i].kind != IMAP_FETCH_KIND_ENVELOPE || w->have_envelope)
            continue;
        const imap_envelope *e = f->items[i].u.envelope;
        w->have_envelope = true;
        printf("New mail from ");
        if (e->from.len > 0) {
            ex_put_address(stdout, &e->from.items[0]);
            w->have_sender = true;
        } else {
            printf("<unnamed>");
        }
        printf(", better go and check it out!\n");
        fflush(stdout);
    }
}

int main(int argc, char **argv)
{
    struct ex_options o;
    struct wait w;
    memset(&w, 0, sizeof w);
    if (ex_parse_args(argc, argv, &o,
                      "[--starttls] [--insecure] [--cafile FILE] [--sasl-plain] [--timeout SECONDS] [--io-timeout SECONDS] [--debug] "
                      "host port user password [mailbox]",
                      wait_option, &w) != 0)
        return 1;
    long deadline = w.timeout_s > 0 ? now_ms() + w.timeout_s * 1000 : 0;

    struct ex_session s;
    int status = 1;
    if (ex_open(&s, &o) != 0)
        goto out;
    if (ex_command(&s, imap_cmd_examine(o.mailbox, false), "EXAMINE", on_examine, &w) != 0)
        goto out;
    if (w.uid_next == 0) {
        fprintf(stderr, "warning: no UIDNEXT from the server: every message counts as new\n");
        w.uid_next = 1;
    }
    fprintf(stderr, "Waiting for new mail in %s (UIDNEXT %u)...\n", o.mailbox, w.uid_next);

    while (w.new_uid == 0) {
        int rc = idle(&s, deadline);
        if (rc < 0)
            goto out;
        if (rc == 0) {
            fprintf(stderr, "No new mail within %ld s.\n", w.timeout_s);
            status = 2;
            goto out;
        }
        if (ex_command(&s, search_from(w.uid_next), "UID SEARCH", on_search, &w) != 0)
            goto out;
        /* Nothing new (an EXISTS without a new UID): IDLE again. */
    }
    if (ex_command(&s, fetch_envelope(w.new_uid), "UID FETCH", on_fetch, &w) != 0)
        goto out;
    if (!w.have_envelope) {
        fprintf(stderr, "error: the server sent no ENVELOPE for UID %u\n", w.new_uid);
        goto out;
    }
    status = 0;
out:
    ex_close(&s);
    return status;
}
