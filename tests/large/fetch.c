/* tests/large/fetch.c: UID FETCH uid BODY.PEEK[] through the C API, the
 * literal streamed (64 KiB threshold) into a file (tests/large/run).
 *
 *   fetch HOST PORT USER PASSWORD UID OUTFILE
 *
 * Prints "baseline_kib peak_kib": VmRSS after logging in (before the
 * FETCH) and VmHWM at the end, from /proc/self/status. */

#include <imap.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static long status_kib(const char *field) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long v = -1;
    size_t n = strlen(field);
    while (f && fgets(line, sizeof line, f)) {
        if (strncmp(line, field, n) == 0 && line[n] == ':') {
            v = atol(line + n + 1);
        }
    }
    if (f) {
        fclose(f);
    }
    return v;
}

static void die(const char *what, struct imap_connection *c) {
    fprintf(stderr, "fetch.c: %s: %s\n", what, c ? imap_error_message(c) : "");
    exit(1);
}

/* Runs until the command ends (or the greeting arrives); streamed literal
 * data goes to `out`. Returns the final step's kind. */
static imap_step_kind run(struct imap_connection *c, int sock, struct imap_command *cmd, FILE *out,
                          unsigned long long *written, int *literals) {
    static unsigned char buf[64 * 1024];
    const struct imap_step *s = imap_run(c, cmd);
    for (;;) {
        size_t n;
        const uint8_t *o;
        ssize_t r;
        switch (s->kind) {
        case IMAP_STEP_KIND_AWAIT_DST:
            while ((o = imap_output(c, &n)) && n > 0) {
                r = write(sock, o, n);
                if (r <= 0) {
                    die("write", NULL);
                }
                imap_output_advance(c, (size_t)r);
            }
            break;
        case IMAP_STEP_KIND_AWAIT_SRC:
            r = read(sock, buf, sizeof buf);
            if (r < 0) {
                die("read", NULL);
            }
            imap_src(c, buf, (size_t)r);
            break;
        case IMAP_STEP_KIND_LITERAL_BEGIN:
            (*literals)++;
            break;
        case IMAP_STEP_KIND_LITERAL_DATA:
            if (fwrite(s->u.literal_data.ptr, 1, s->u.literal_data.len, out) != s->u.literal_data.len) {
                die("fwrite", NULL);
            }
            *written += s->u.literal_data.len;
            break;
        case IMAP_STEP_KIND_ERROR:
            die("imap_run", c);
            break;
        case IMAP_STEP_KIND_OK:
        case IMAP_STEP_KIND_NO:
        case IMAP_STEP_KIND_BAD:
        case IMAP_STEP_KIND_PREAUTH:
            return s->kind;
        default:
            break;
        }
        s = imap_run(c, NULL);
    }
}

int main(int argc, char **argv) {
    if (argc != 7) {
        fprintf(stderr, "usage: fetch HOST PORT USER PASSWORD UID OUTFILE\n");
        return 2;
    }
    int sock = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[2]))};
    if (sock < 0 || inet_pton(AF_INET, argv[1], &addr.sin_addr) != 1 ||
        connect(sock, (struct sockaddr *)&addr, sizeof addr) != 0) {
        die("connect", NULL);
    }
    struct imap_limits limits = imap_limits_default();
    limits.stream_threshold = 64 * 1024;
    limits.max_literal = UINT64_MAX;
    struct imap_connection *c = imap_connection_new_with(&limits, NULL);
    FILE *out = fopen(argv[6], "wb");
    if (!c || !out) {
        die("setup", c);
    }
    unsigned long long written = 0;
    int literals = 0;
    if (run(c, sock, NULL, out, &written, &literals) != IMAP_STEP_KIND_OK ||
        run(c, sock, imap_cmd_login(argv[3], argv[4]), out, &written, &literals) != IMAP_STEP_KIND_OK ||
        run(c, sock, imap_cmd_examine("INBOX", false), out, &written, &literals) != IMAP_STEP_KIND_OK) {
        die("greeting, LOGIN or EXAMINE", c);
    }
    long baseline = status_kib("VmRSS");
    struct imap_fetch_items *items = imap_fetch_items_new();
    if (!imap_fetch_items_add_body(items, "", true)) {
        die("FETCH items", c);
    }
    if (run(c, sock, imap_cmd_fetch(true, argv[5], items, NULL, false), out, &written, &literals) !=
        IMAP_STEP_KIND_OK) {
        die("FETCH", c);
    }
    if (literals != 1 || fclose(out) != 0) {
        fprintf(stderr, "fetch.c: %d streamed literals, %llu bytes\n", literals, written);
        return 1;
    }
    printf("%ld %ld\n", baseline, status_kib("VmHWM"));
    imap_connection_free(c);
    close(sock);
    return 0;
}
