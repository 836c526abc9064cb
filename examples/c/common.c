/*
 * common.c: sockets, TLS and the I/O loop of the C examples (see common.h).
 */
#define _POSIX_C_SOURCE 200809L

#include "common.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/x509v3.h>

/* ---- options --------------------------------------------------------- */

int ex_parse_args(int argc, char **argv, struct ex_options *o, const char *usage,
                  int (*extra)(const char *opt, const char *arg, void *ud), void *ud)
{
    const char *pos[5] = {NULL, NULL, NULL, NULL, NULL};
    int npos = 0;
    memset(o, 0, sizeof *o);
    o->timeout_ms = EX_IO_TIMEOUT_MS;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--starttls") == 0) {
            o->starttls = true;
        } else if (strcmp(a, "--insecure") == 0) {
            o->insecure = true;
        } else if (strcmp(a, "--sasl-plain") == 0) {
            o->sasl_plain = true;
        } else if (strcmp(a, "--debug") == 0) {
            o->debug = true;
        } else if (strcmp(a, "--cafile") == 0 && i + 1 < argc) {
            o->cafile = argv[++i];
        } else if (strcmp(a, "--io-timeout") == 0 && i + 1 < argc && atoi(argv[i + 1]) > 0) {
            o->timeout_ms = atoi(argv[++i]) * 1000;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fprintf(stdout, "usage: %s %s\n", argv[0], usage);
            exit(0);
        } else if (a[0] == '-' && a[1] != '\0') {
            int used = extra ? extra(a, i + 1 < argc ? argv[i + 1] : NULL, ud) : -1;
            if (used < 0) {
                fprintf(stderr, "%s: unknown or incomplete option %s\nusage: %s %s\n", argv[0], a, argv[0], usage);
                return -1;
            }
            i += used;
        } else if (npos < 5) {
            pos[npos++] = a;
        } else {
            fprintf(stderr, "%s: too many arguments\nusage: %s %s\n", argv[0], argv[0], usage);
            return -1;
        }
    }
    if (npos < 4) {
        fprintf(stderr, "usage: %s %s\n", argv[0], usage);
        return -1;
    }
    o->host = pos[0];
    o->port = pos[1];
    o->user = pos[2];
    o->password = pos[3];
    o->mailbox = npos > 4 ? pos[4] : "INBOX";
    return 0;
}

/* ---- printing -------------------------------------------------------- */

void ex_put_bytes(FILE *f, imap_bytes b, const char *nil)
{
    if (b.ptr == NULL) {
        fputs(nil, f);
        return;
    }
    for (size_t i = 0; i < b.len; i++) {
        unsigned char ch = b.ptr[i];
        /* Bytes >= 0x80 pass through: they are usually UTF-8. */
        if (ch == '\\')
            fputs("\\\\", f);
        else if (ch < 0x20 || ch == 0x7f)
            fprintf(f, "\\x%02x", ch);
        else
            fputc(ch, f);
    }
}

void ex_put_address(FILE *f, const imap_address *a)
{
    if (a->unparsed.ptr != NULL) {
        fputs("(unparsed) ", f);
        ex_put_bytes(f, a->unparsed, "");
        return;
    }
    if (a->name.ptr != NULL && a->name.len > 0) {
        fputc('"', f);
        ex_put_bytes(f, a->name, "");
        fputs("\" ", f);
    }
    fputc('<', f);
    ex_put_bytes(f, a->mailbox, "");
    if (a->host.ptr != NULL) {
        fputc('@', f);
        ex_put_bytes(f, a->host, "");
    }
    fputc('>', f);
}

void ex_put_resp_text(FILE *f, const imap_resp_text *t)
{
    if (t->code != NULL && t->code->kind == IMAP_CODE_KIND_OTHER) {
        fputc('[', f);
        ex_put_bytes(f, t->code->u.other.name, "");
        fputs("] ", f);
    } else if (t->code != NULL && t->code->kind == IMAP_CODE_KIND_ALERT) {
        fputs("[ALERT] ", f);
    } else if (t->code != NULL && t->code->kind == IMAP_CODE_KIND_AUTHENTICATION_FAILED) {
        fputs("[AUTHENTICATIONFAILED] ", f);
    }
    ex_put_bytes(f, t->text, "");
}

/* Prints OpenSSL's error queue after `what`. */
static void tls_error(const char *what)
{
    fprintf(stderr, "error: %s", what);
    unsigned long e;
    char buf[256];
    while ((e = ERR_get_error()) != 0) {
        ERR_error_string_n(e, buf, sizeof buf);
        fprintf(stderr, ": %s", buf);
    }
    fputc('\n', stderr);
}

/* Prints an imap_run ERROR step with the connection's detailed message. */
static void imap_failed(struct ex_session *s, const imap_step *st, const char *what)
{
    const char *detail = imap_error_message(s->c);
    fprintf(stderr, "error: %s: %s%s%s%s\n", what, imap_strerror(st->error), *detail ? " (" : "", detail,
            *detail ? ")" : "");
    if (imap_error_is_fatal(st->error))
        s->dead = true;
}

/* ---- sockets and TLS ------------------------------------------------- */

static int tcp_connect(const char *host, const char *port)
{
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int rc = getaddrinfo(host, port, &hints, &res);
    if (rc != 0) {
        fprintf(stderr, "error: cannot resolve %s port %s: %s\n", host, port, gai_strerror(rc));
        return -1;
    }
    int fd = -1, err = 0;
    for (struct addrinfo *ai = res; ai != NULL && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd < 0) {
            err = errno;
            continue;
        }
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
            err = errno;
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd < 0)
        fprintf(stderr, "error: cannot connect to %s port %s: %s\n", host, port, strerror(err));
    return fd;
}

/* Starts TLS on s->fd: at once (imaps) or after STARTTLS. */
static int tls_start(struct ex_session *s)
{
    const struct ex_options *o = s->opt;
    s->ctx = SSL_CTX_new(TLS_client_method());
    if (s->ctx == NULL) {
        tls_error("SSL_CTX_new");
        return -1;
    }
    SSL_CTX_set_min_proto_version(s->ctx, TLS1_2_VERSION);
    /* Some servers close without close_notify after LOGOUT; IMAP's framing
     * detects a truncated response by itself (IMAP_ERROR_UNEXPECTED_EOF). */
    SSL_CTX_set_options(s->ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
    if (!o->insecure) {
        int ok = o->cafile ? SSL_CTX_load_verify_locations(s->ctx, o->cafile, NULL)
                           : SSL_CTX_set_default_verify_paths(s->ctx);
        if (ok != 1) {
            tls_error(o->cafile ? "cannot load the --cafile certificates" : "cannot load the system CA certificates");
            return -1;
        }
        SSL_CTX_set_verify(s->ctx, SSL_VERIFY_PEER, NULL);
    }
    s->ssl = SSL_new(s->ctx);
    if (s->ssl == NULL || SSL_set_fd(s->ssl, s->fd) != 1) {
        tls_error("SSL_new");
        return -1;
    }
    unsigned char addr[16];
    bool is_ip = inet_pton(AF_INET, o->host, addr) == 1 || inet_pton(AF_INET6, o->host, addr) == 1;
    if (!is_ip)
        SSL_set_tlsext_host_name(s->ssl, o->host); /* SNI */
    if (!o->insecure) {
        /* Check that the certificate names the host (or IP address). */
        X509_VERIFY_PARAM *vp = SSL_get0_param(s->ssl);
        int ok = is_ip ? X509_VERIFY_PARAM_set1_ip_asc(vp, o->host) : X509_VERIFY_PARAM_set1_host(vp, o->host, 0);
        if (ok != 1) {
            tls_error("cannot set the expected host name");
            return -1;
        }
    }
    if (SSL_connect(s->ssl) != 1) {
        long v = SSL_get_verify_result(s->ssl);
        if (v != X509_V_OK) {
            fprintf(stderr, "error: TLS handshake with %s: certificate verification failed: %s%s\n", o->host,
                    X509_verify_cert_error_string(v), o->cafile ? "" : " (use --cafile FILE or --insecure)");
            ERR_clear_error();
        } else {
            tls_error(o->starttls ? "TLS handshake failed"
                                  : "TLS handshake failed (for a cleartext port such as 143, use --starttls)");
        }
        return -1;
    }
    if (o->debug)
        fprintf(stderr, "-- %s with %s\n", SSL_get_version(s->ssl), SSL_get_cipher(s->ssl));
    return 0;
}

/* Sends `len` bytes. Returns 0 or -1 (printed). */
static int send_all(struct ex_session *s, const uint8_t *p, size_t len)
{
    while (len > 0) {
        int chunk = len > 65536 ? 65536 : (int)len;
        int n;
        if (s->ssl != NULL) {
            n = SSL_write(s->ssl, p, chunk);
            if (n <= 0) {
                tls_error("cannot send to the server");
                return -1;
            }
        } else {
            ssize_t w = send(s->fd, p, (size_t)chunk, MSG_NOSIGNAL);
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0) {
                fprintf(stderr, "error: cannot send to the server: %s\n", strerror(errno));
                return -1;
            }
            n = (int)w;
        }
        if (s->opt->debug)
            fprintf(stderr, "C: %.*s", n, (const char *)p);
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Reads what the server sent into s->in. Returns the byte count, 0 at the
 * end of the stream, -1 on error (printed), -2 on timeout. */
static int receive(struct ex_session *s)
{
    if (s->ssl == NULL || SSL_pending(s->ssl) == 0) {
        struct pollfd p = {.fd = s->fd, .events = POLLIN};
        int rc;
        do
            rc = poll(&p, 1, s->timeout_ms);
        while (rc < 0 && errno == EINTR);
        if (rc == 0)
            return -2;
        if (rc < 0) {
            fprintf(stderr, "error: poll: %s\n", strerror(errno));
            return -1;
        }
    }
    int n;
    if (s->ssl != NULL) {
        n = SSL_read(s->ssl, s->in, sizeof s->in);
        if (n <= 0) {
            int e = SSL_get_error(s->ssl, n);
            if (e == SSL_ERROR_ZERO_RETURN)
                return 0;
            tls_error("cannot read from the server");
            return -1;
        }
    } else {
        ssize_t r;
        do
            r = recv(s->fd, s->in, sizeof s->in, 0);
        while (r < 0 && errno == EINTR);
        if (r < 0) {
            fprintf(stderr, "error: cannot read from the server: %s\n", strerror(errno));
            return -1;
        }
        n = (int)r;
    }
    if (s->opt->debug && n > 0)
        fprintf(stderr, "S: %.*s", n, (const char *)s->in);
    return n;
}

/* ---- the I/O loop ---------------------------------------------------- */

const imap_step *ex_step(struct ex_session *s, const imap_command *cmd)
{
    s->timed_out = false;
    const imap_step *st = imap_run(s->c, cmd);
    for (;;) {
        if (st->kind == IMAP_STEP_KIND_AWAIT_DST) {
            /* Send what is pending, then tell the connection it went out. */
            size_t len;
            const uint8_t *out;
            while ((out = imap_output(s->c, &len)) != NULL && len > 0) {
                if (send_all(s, out, len) != 0) {
                    s->dead = true;
                    return NULL;
                }
                imap_output_advance(s->c, len);
            }
        } else if (st->kind == IMAP_STEP_KIND_AWAIT_SRC) {
            int n = receive(s);
            if (n == -2) {
                s->timed_out = true;
                return NULL;
            }
            if (n < 0) {
                s->dead = true;
                return NULL;
            }
            /* n == 0 tells the connection that the server closed: the next
             * imap_run returns an ERROR step (EOF, or UNEXPECTED_EOF). */
            imap_src(s->c, s->in, (size_t)n);
        } else {
            return st;
        }
        st = imap_run(s->c, NULL);
    }
}

int ex_command(struct ex_session *s, imap_command *cmd, const char *what,
               void (*on_untagged)(const imap_untagged *u, void *ud), void *ud)
{
    if (cmd == NULL) {
        fprintf(stderr, "error: cannot build the %s command (bad argument)\n", what);
        return -1;
    }
    int saved_timeout = s->timeout_ms;
    s->timeout_ms = s->opt->timeout_ms;
    const imap_step *st = ex_step(s, cmd);
    /* imap_run copied the command: it can go now. */
    imap_command_free(cmd);
    int rc = -1;
    for (;;) {
        if (st == NULL) {
            if (s->timed_out) {
                fprintf(stderr, "error: %s: no answer from the server within %d s\n", what, s->opt->timeout_ms / 1000);
                s->dead = true;
            }
            break;
        }
        switch (st->kind) {
        case IMAP_STEP_KIND_UNTAGGED:
            if (on_untagged != NULL)
                on_untagged(&st->u.untagged, ud);
            break;
        case IMAP_STEP_KIND_OK:
            rc = 0;
            goto out;
        case IMAP_STEP_KIND_STARTTLS:
            /* The server is ready for the TLS handshake on the same socket;
             * the connection keeps going over the encrypted stream. */
            rc = tls_start(s);
            if (rc != 0)
                s->dead = true;
            goto out;
        case IMAP_STEP_KIND_NO:
        case IMAP_STEP_KIND_BAD:
            fprintf(stderr, "error: %s failed: %s ", what, st->kind == IMAP_STEP_KIND_NO ? "NO" : "BAD");
            ex_put_resp_text(stderr, &st->u.text);
            fputc('\n', stderr);
            goto out;
        case IMAP_STEP_KIND_MALFORMED:
            fprintf(stderr, "warning: skipped a response that does not parse: ");
            ex_put_bytes(stderr, st->u.malformed.raw, "");
            fputc('\n', stderr);
            if (!imap_is_busy(s->c)) {
                /* It was the command's own tagged response. */
                fprintf(stderr, "error: %s: the server's answer does not parse\n", what);
                goto out;
            }
            break;
        case IMAP_STEP_KIND_ERROR:
            imap_failed(s, st, what);
            goto out;
        case IMAP_STEP_KIND_DONE:
            fprintf(stderr, "error: %s: the command ended without a tagged answer\n", what);
            goto out;
        default:
            /* PREAUTH comes only as a greeting; literals are streamed only
             * when a stream_threshold is set (imap_connection_new_with). */
            break;
        }
        st = ex_step(s, NULL);
    }
out:
    s->timeout_ms = saved_timeout;
    return rc;
}

/* ---- session --------------------------------------------------------- */

int ex_open(struct ex_session *s, const struct ex_options *o)
{
    memset(s, 0, sizeof *s);
    s->opt = o;
    s->fd = -1;
    s->timeout_ms = o->timeout_ms;
    /* A write to a socket the server closed must fail, not kill us. */
    signal(SIGPIPE, SIG_IGN);
    s->c = imap_connection_new();
    if (s->c == NULL) {
        fprintf(stderr, "error: imap_connection_new failed\n");
        return -1;
    }
    s->fd = tcp_connect(o->host, o->port);
    if (s->fd < 0)
        return -1;
    if (!o->starttls && tls_start(s) != 0) {
        s->dead = true;
        return -1;
    }

    /* The greeting: the first imap_run needs input. */
    const imap_step *st = ex_step(s, NULL);
    if (st == NULL) {
        if (s->timed_out)
            fprintf(stderr, "error: no greeting from %s within %d s\n", o->host, o->timeout_ms / 1000);
        s->dead = true;
        return -1;
    }
    bool preauth = false;
    s->greeted = st->kind == IMAP_STEP_KIND_OK || st->kind == IMAP_STEP_KIND_PREAUTH;
    switch (st->kind) {
    case IMAP_STEP_KIND_OK:
        break;
    case IMAP_STEP_KIND_PREAUTH:
        preauth = true;
        break;
    case IMAP_STEP_KIND_ERROR:
        imap_failed(s, st, "greeting");
        return -1;
    default:
        fprintf(stderr, "error: unexpected step %u instead of the greeting\n", (unsigned)st->kind);
        s->dead = true;
        return -1;
    }

    if (o->starttls) {
        if (preauth) {
            fprintf(stderr, "error: the server pre-authenticated the cleartext connection: refusing to go on without TLS\n");
            return -1;
        }
        if (ex_command(s, imap_cmd_starttls(), "STARTTLS", NULL, NULL) != 0)
            return -1;
    }
    if (preauth)
        return 0;
    if (o->sasl_plain) {
        /* The command takes the authenticator over: no separate free. */
        imap_authenticator *a = imap_authenticator_plain(o->user, o->password);
        return ex_command(s, a ? imap_cmd_authenticate(a) : NULL, "AUTHENTICATE PLAIN", NULL, NULL);
    }
    return ex_command(s, imap_cmd_login(o->user, o->password), "LOGIN", NULL, NULL);
}

void ex_close(struct ex_session *s)
{
    if (s->c != NULL && s->greeted && !s->dead && !imap_is_busy(s->c)) {
        /* LOGOUT: the server answers * BYE, then the tagged OK. */
        ex_command(s, imap_cmd_logout(), "LOGOUT", NULL, NULL);
    }
    if (s->ssl != NULL) {
        if (!s->dead)
            SSL_shutdown(s->ssl); /* close_notify; the server may be gone */
        ERR_clear_error();
        SSL_free(s->ssl);
    }
    SSL_CTX_free(s->ctx);
    if (s->fd >= 0)
        close(s->fd);
    imap_connection_free(s->c);
    memset(s, 0, sizeof *s);
    s->fd = -1;
}
