/* Decode throughput through the C ABI (scripts/bench-bindings).
 *
 *   decode FILE RUNS
 *
 * Decodes the responses in FILE (written by `imap-bench-compare
 * --write-inputs`), handed over in one piece, RUNS times each way:
 *   decoder  imap_decoder_feed, then imap_decoder_next until it needs input;
 *   run      imap_src of a greeting and FILE on a connection, then imap_run
 *            until it needs input (every response is an untagged step).
 * Prints one line per way: "WAY responses median_rate min_rate max_rate"
 * (responses per second of process CPU time, steady while other jobs load
 * the machine). A malformed response or an error fails the run. */

#include <imap.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static unsigned char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc(n > 0 ? (size_t)n : 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        perror(path);
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* One pass through imap_decoder_*: the number of responses, -1 on error. */
static long via_decoder(const unsigned char *data, size_t len) {
    struct imap_decoder *d = imap_decoder_new(NULL);
    if (!d || imap_decoder_feed(d, data, len) != IMAP_ERROR_OK) {
        imap_decoder_free(d);
        return -1;
    }
    long responses = 0;
    for (;;) {
        const struct imap_event *e = imap_decoder_next(d);
        if (e->kind == IMAP_EVENT_KIND_NONE) {
            break;
        }
        if (e->kind != IMAP_EVENT_KIND_RESPONSE) {
            responses = -1;
            break;
        }
        responses++;
    }
    imap_decoder_free(d);
    return responses;
}

static const char GREETING[] = "* OK ready\r\n";

/* One pass through imap_src / imap_run: the number of untagged responses. */
static long via_run(const unsigned char *data, size_t len) {
    struct imap_connection *c = imap_connection_new();
    if (!c || imap_src(c, (const uint8_t *)GREETING, strlen(GREETING)) != IMAP_ERROR_OK ||
        imap_src(c, data, len) != IMAP_ERROR_OK) {
        imap_connection_free(c);
        return -1;
    }
    long responses = 0;
    for (;;) {
        const struct imap_step *s = imap_run(c, NULL);
        if (s->kind == IMAP_STEP_KIND_UNTAGGED) {
            responses++;
        } else if (s->kind == IMAP_STEP_KIND_AWAIT_SRC || s->kind == IMAP_STEP_KIND_DONE) {
            break;
        } else if (s->kind != IMAP_STEP_KIND_OK) { /* OK: the greeting */
            responses = -1;
            break;
        }
    }
    imap_connection_free(c);
    return responses;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int measure(const char *way, long (*pass)(const unsigned char *, size_t),
                   const unsigned char *data, size_t len, int runs) {
    double *rates = calloc((size_t)runs, sizeof *rates);
    long responses = pass(data, len); /* warm-up */
    if (!rates || responses < 0) {
        fprintf(stderr, "decode: %s: the input did not decode cleanly\n", way);
        free(rates);
        return 1;
    }
    for (int i = 0; i < runs; i++) {
        double t = now();
        long n = pass(data, len);
        double secs = now() - t;
        if (n != responses) {
            fprintf(stderr, "decode: %s: %ld responses, then %ld\n", way, responses, n);
            free(rates);
            return 1;
        }
        rates[i] = (double)n / secs;
    }
    qsort(rates, (size_t)runs, sizeof *rates, by_value);
    printf("%s %ld %.0f %.0f %.0f\n", way, responses, rates[runs / 2], rates[0], rates[runs - 1]);
    free(rates);
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 3 || atoi(argv[2]) < 1) {
        fprintf(stderr, "usage: decode FILE RUNS\n");
        return 2;
    }
    size_t len;
    unsigned char *data = read_file(argv[1], &len);
    if (!data) {
        return 1;
    }
    int runs = atoi(argv[2]);
    int rc = measure("decoder", via_decoder, data, len, runs) || measure("run", via_run, data, len, runs);
    free(data);
    return rc;
}
