/*
 * test_decode_vectors.c: replays every case of the *.txt files of tests/vectors/decode
 * through imap_decoder_new / imap_decoder_feed / imap_decoder_next, prints
 * each event with the C printer (support.c, docs/sexp.md) and compares the
 * lines with the case's `out` lines. Each case runs twice: the input in one
 * piece, and byte by byte; then end of input is fed and the remaining
 * events are drained. An ERROR event prints `(fatal <kind>)` and ends the
 * case, as in the Rust runner.
 *
 * usage: test_decode_vectors [--whole-only] [VECTOR_DIR]
 *   --whole-only  skip the byte-by-byte pass (used under valgrind when a
 *                 quick run is wanted; the default runs both).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imap.h"
#include "support.h"

typedef struct outv {
    char **lines;
    size_t n;
} outv;

static void outv_push(outv *o, const char *s) {
    o->lines = xrealloc(o->lines, (o->n + 1) * sizeof *o->lines);
    o->lines[o->n++] = xstrndup(s, strlen(s));
}

static void outv_free(outv *o) {
    for (size_t i = 0; i < o->n; i++) free(o->lines[i]);
    free(o->lines);
    o->lines = NULL;
    o->n = 0;
}

/* Drains events into `out`; returns 0 when more input is needed, 1 after a
 * fatal ERROR event. */
static int drain(imap_decoder *d, outv *out, sbuf *b) {
    for (;;) {
        const imap_event *ev = imap_decoder_next(d);
        if (!ev) {
            outv_push(out, "(imap_decoder_next returned NULL)");
            return 1;
        }
        if (ev->kind == IMAP_EVENT_KIND_NONE) return 0;
        sb_clear(b);
        print_event(b, ev);
        outv_push(out, sb_str(b));
        if (ev->kind == IMAP_EVENT_KIND_ERROR) return 1;
    }
}

/* Decodes `input` fed in chunks of `step` bytes (0: in one piece). */
static void decode(const uint8_t *input, size_t len, size_t step, outv *out) {
    imap_decoder *d = imap_decoder_new(NULL);
    if (!d) die("imap_decoder_new returned NULL");
    sbuf b;
    sb_init(&b);
    int fatal = 0;
    if (step == 0) step = len ? len : 1;
    for (size_t at = 0; at < len && !fatal; at += step) {
        size_t n = len - at < step ? len - at : step;
        imap_error e = imap_decoder_feed(d, input + at, n);
        if (e != IMAP_ERROR_OK) die("imap_decoder_feed: %s", error_name(e));
        fatal = drain(d, out, &b);
    }
    if (!fatal) {
        static const uint8_t none[1] = {0};
        imap_error e = imap_decoder_feed(d, none, 0);
        if (e != IMAP_ERROR_OK) die("imap_decoder_feed(eof): %s", error_name(e));
        drain(d, out, &b);
    }
    sb_free(&b);
    imap_decoder_free(d);
}

static int same(const outv *a, const outv *b) {
    if (a->n != b->n) return 0;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->lines[i], b->lines[i]) != 0) return 0;
    return 1;
}

static void show(const char *title, const outv *o) {
    fprintf(stderr, "  %s:\n", title);
    for (size_t i = 0; i < o->n; i++) fprintf(stderr, "    %s\n", o->lines[i]);
}

int main(int argc, char **argv) {
    const char *dir = "tests/vectors/decode";
    int whole_only = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--whole-only") == 0)
            whole_only = 1;
        else
            dir = argv[i];
    }
    vset set;
    vec_read_dir(dir, &set);
    if (set.n == 0) die("no vectors in %s", dir);
    size_t passed = 0, failed = 0;
    for (size_t i = 0; i < set.n; i++) {
        const vcase *c = &set.cases[i];
        outv want = {NULL, 0};
        for (size_t j = 0; j < c->nlines; j++)
            if (strcmp(c->lines[j].word, "out") == 0) outv_push(&want, c->lines[j].rest);
        outv whole = {NULL, 0}, bytes = {NULL, 0};
        decode(c->input, c->input_len, 0, &whole);
        int ok = same(&whole, &want);
        if (!ok) {
            fprintf(stderr, "FAIL %s (%s): input in one piece\n", c->name, c->origin);
            show("expected", &want);
            show("got", &whole);
        }
        if (!whole_only) {
            decode(c->input, c->input_len, 1, &bytes);
            if (!same(&bytes, &want)) {
                if (ok) {
                    fprintf(stderr, "FAIL %s (%s): input byte by byte\n", c->name, c->origin);
                    show("expected", &want);
                    show("got", &bytes);
                }
                ok = 0;
            }
        }
        if (ok)
            passed++;
        else
            failed++;
        outv_free(&want);
        outv_free(&whole);
        outv_free(&bytes);
    }
    printf("test_decode_vectors: %zu of %zu decode vectors passed (%s)\n", passed, set.n,
           whole_only ? "in one piece" : "in one piece and byte by byte");
    vec_free(&set);
    return failed ? 1 : 0;
}
