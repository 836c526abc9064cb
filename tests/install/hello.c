/* Built outside the tree against an installed libimap (tests/install/run):
 * prints the library version and decodes a FETCH response. */
#include <imap.h>
#include <stdio.h>
#include <string.h>

static void put(const char *label, imap_bytes b)
{
    printf("%s=%.*s\n", label, (int)b.len, b.ptr ? (const char *)b.ptr : "NIL");
}

int main(void)
{
    char expected[32];
    snprintf(expected, sizeof expected, "%d.%d.%d", IMAP_VERSION_MAJOR, IMAP_VERSION_MINOR, IMAP_VERSION_PATCH);
    printf("version=%s\n", imap_version());
    if (strcmp(imap_version(), expected) != 0) {
        fprintf(stderr, "imap.h says %s, the library %s\n", expected, imap_version());
        return 1;
    }

    static const char input[] =
        "* 12 FETCH (UID 1005 RFC822.SIZE 2048 ENVELOPE (\"Mon, 7 Feb 1994 21:52:25 -0800\" "
        "\"Hello\" ((\"Alice\" NIL \"alice\" \"example.org\")) NIL NIL NIL NIL NIL NIL \"<1@example.org>\"))\r\n";
    imap_decoder *d = imap_decoder_new(NULL);
    if (d == NULL || imap_decoder_feed(d, (const uint8_t *)input, strlen(input)) != IMAP_ERROR_OK)
        return 1;
    int found = 0;
    for (;;) {
        const imap_event *ev = imap_decoder_next(d);
        if (ev->kind == IMAP_EVENT_KIND_NONE)
            break;
        if (ev->kind != IMAP_EVENT_KIND_RESPONSE || ev->u.response.kind != IMAP_RESPONSE_KIND_UNTAGGED ||
            ev->u.response.untagged.kind != IMAP_UNTAGGED_KIND_FETCH) {
            fprintf(stderr, "unexpected event %u\n", (unsigned)ev->kind);
            imap_decoder_free(d);
            return 1;
        }
        const imap_fetch *f = &ev->u.response.untagged.u.fetch;
        printf("seq=%u\n", f->seq);
        for (size_t i = 0; i < f->len; i++) {
            const imap_fetch_item *it = &f->items[i];
            switch (it->kind) {
            case IMAP_FETCH_KIND_UID:
                printf("uid=%u\n", it->u.number);
                break;
            case IMAP_FETCH_KIND_RFC822_SIZE:
                printf("size=%llu\n", (unsigned long long)it->u.number64);
                break;
            case IMAP_FETCH_KIND_ENVELOPE:
                put("subject", it->u.envelope->subject);
                if (it->u.envelope->from.len > 0) {
                    put("from.name", it->u.envelope->from.items[0].name);
                    put("from.host", it->u.envelope->from.items[0].host);
                }
                break;
            default:
                break;
            }
        }
        found++;
    }
    imap_decoder_free(d);
    return found == 1 ? 0 : 1;
}
