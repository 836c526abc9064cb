/*
 * fetch_summary: prints the sender, subject and size of the last messages
 * of a mailbox.
 *
 *   fetch_summary [-n COUNT] [--starttls] [--insecure] [--cafile FILE] [--io-timeout S]
 *                 [--sasl-plain] [--debug] host port user password [mailbox]
 *
 * Logs in (over TLS, or STARTTLS with --starttls), EXAMINEs the mailbox
 * (read-only), FETCHes ENVELOPE, RFC822.SIZE and UID of the last COUNT
 * messages (default 10) by sequence range, prints one line per message and
 * logs out. Subjects and names are printed as sent (MIME encoded-words are
 * not decoded).
 */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

struct summary {
    long count;      /* -n */
    uint32_t exists; /* EXISTS after EXAMINE */
    unsigned printed;
};

static int summary_option(const char *opt, const char *arg, void *ud)
{
    struct summary *m = ud;
    if ((strcmp(opt, "-n") == 0 || strcmp(opt, "--count") == 0) && arg != NULL) {
        char *end;
        m->count = strtol(arg, &end, 10);
        return (*end == '\0' && m->count > 0) ? 1 : -1;
    }
    return -1;
}

/* EXAMINE: the number of messages. */
static void on_examine(const imap_untagged *u, void *ud)
{
    struct summary *m = ud;
    if (u->kind == IMAP_UNTAGGED_KIND_EXISTS)
        m->exists = u->u.number;
}

/* FETCH: one line per message that has an envelope. */
static void on_fetch(const imap_untagged *u, void *ud)
{
    struct summary *m = ud;
    if (u->kind != IMAP_UNTAGGED_KIND_FETCH)
        return;
    const imap_fetch *f = &u->u.fetch;
    const imap_envelope *env = NULL;
    uint64_t size = 0;
    uint32_t uid = 0;
    for (size_t i = 0; i < f->len; i++) {
        const imap_fetch_item *it = &f->items[i];
        if (it->kind == IMAP_FETCH_KIND_ENVELOPE)
            env = it->u.envelope;
        else if (it->kind == IMAP_FETCH_KIND_RFC822_SIZE)
            size = it->u.number64;
        else if (it->kind == IMAP_FETCH_KIND_UID)
            uid = it->u.number;
    }
    if (env == NULL)
        return; /* e.g. an unsolicited FLAGS update */
    printf("%5u  UID %-6" PRIu32 " %8" PRIu64 " bytes  From: ", f->seq, uid, size);
    if (env->from.len > 0)
        ex_put_address(stdout, &env->from.items[0]);
    else
        printf("(nobody)");
    printf("  Subject: ");
    ex_put_bytes(stdout, env->subject, "(none)");
    putchar('\n');
    m->printed++;
}

/* FETCH first:last (UID RFC822.SIZE ENVELOPE) */
static imap_command *fetch_summary(uint32_t first, uint32_t last)
{
    char set[32];
    snprintf(set, sizeof set, "%" PRIu32 ":%" PRIu32, first, last);
    imap_fetch_items *items = imap_fetch_items_new();
    imap_fetch_items_add(items, IMAP_FETCH_ATTR_UID);
    imap_fetch_items_add(items, IMAP_FETCH_ATTR_RFC822_SIZE);
    imap_fetch_items_add(items, IMAP_FETCH_ATTR_ENVELOPE);
    /* The command takes `items` over; a failed add makes it return NULL. */
    return imap_cmd_fetch(false, set, items, NULL, false);
}

int main(int argc, char **argv)
{
    struct ex_options o;
    struct summary m = {.count = 10};
    if (ex_parse_args(argc, argv, &o,
                      "[-n COUNT] [--starttls] [--insecure] [--cafile FILE] [--sasl-plain] [--io-timeout SECONDS] [--debug] "
                      "host port user password [mailbox]",
                      summary_option, &m) != 0)
        return 1;

    struct ex_session s;
    int status = 1;
    if (ex_open(&s, &o) != 0)
        goto out;
    if (ex_command(&s, imap_cmd_examine(o.mailbox, false), "EXAMINE", on_examine, &m) != 0)
        goto out;
    printf("%s: %" PRIu32 " message%s\n", o.mailbox, m.exists, m.exists == 1 ? "" : "s");
    if (m.exists > 0) {
        uint32_t first = m.exists > (uint32_t)m.count ? m.exists - (uint32_t)m.count + 1 : 1;
        if (ex_command(&s, fetch_summary(first, m.exists), "FETCH", on_fetch, &m) != 0)
            goto out;
    }
    status = 0;
out:
    ex_close(&s);
    return status;
}
