/*
 * common.h: what the C examples share: options, a TCP socket with TLS
 * (OpenSSL), and the loop that moves bytes between the socket and a libimap
 * connection.
 *
 * libimap never touches the socket: imap_run() says what it needs
 * (AWAIT_SRC: bytes from the server, AWAIT_DST: bytes to send) or what it
 * found (a response, the end of a command, an error). ex_step() below does
 * the I/O and returns the first step that is not an I/O request.
 */
#ifndef IMAP_EXAMPLES_COMMON_H
#define IMAP_EXAMPLES_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <openssl/ssl.h>

#include "imap.h"

/* How long to wait for the server while a command (other than IDLE) runs,
 * unless --io-timeout says otherwise. */
#define EX_IO_TIMEOUT_MS (60 * 1000)

/* Command-line options shared by the examples. */
struct ex_options {
    const char *host;
    const char *port;
    const char *user;
    const char *password;
    const char *mailbox; /* default "INBOX" */
    bool starttls;       /* --starttls: plain connection, then STARTTLS */
    bool insecure;       /* --insecure: do not verify the certificate */
    const char *cafile;  /* --cafile FILE: trust this certificate (PEM) */
    bool sasl_plain;     /* --sasl-plain: AUTHENTICATE PLAIN instead of LOGIN */
    bool debug;          /* --debug: print the exchange on stderr */
    int timeout_ms;      /* --io-timeout SECONDS (default EX_IO_TIMEOUT_MS) */
};

/*
 * Parses "[options] host port user password [mailbox]". The program's own
 * options are handed to `extra` (which returns 1 if it used `arg` too, 0 if
 * not, -1 for an unknown option). Prints the usage and returns -1 on error.
 */
int ex_parse_args(int argc, char **argv, struct ex_options *o, const char *usage,
                  int (*extra)(const char *opt, const char *arg, void *ud), void *ud);

/* A connection to an IMAP server. */
struct ex_session {
    const struct ex_options *opt;
    int fd;
    SSL_CTX *ctx;
    SSL *ssl;           /* NULL while the connection is in cleartext */
    imap_connection *c;
    bool greeted;       /* the greeting arrived */
    bool dead;          /* after a fatal error or EOF: no LOGOUT */
    bool timed_out;     /* the last ex_step() gave up waiting (see below) */
    int timeout_ms;     /* read timeout of ex_step(); -1 waits forever */
    uint8_t in[16384];
};

/*
 * Connects to the server (TLS unless --starttls), waits for the greeting,
 * runs STARTTLS if asked and logs in. Returns 0, or -1 after printing why
 * (the session must still be given to ex_close()).
 */
int ex_open(struct ex_session *s, const struct ex_options *o);

/* Logs out (unless the connection is dead), closes and frees everything. */
void ex_close(struct ex_session *s);

/*
 * Runs imap_run(s->c, cmd) and does the I/O it asks for until a step that
 * is not AWAIT_SRC / AWAIT_DST. Returns that step (it borrows from the
 * connection: valid until the next call that takes s->c), or NULL when the
 * socket failed (printed) or, with s->timed_out set, when no byte arrived
 * within s->timeout_ms; the caller may then call ex_step(s, NULL) again.
 */
const imap_step *ex_step(struct ex_session *s, const imap_command *cmd);

/*
 * Runs `cmd` to its end; `on_untagged` (may be NULL) sees each untagged
 * response. Takes `cmd` over (frees it; NULL means a constructor failed).
 * Returns 0 for a tagged OK, -1 otherwise (NO, BAD, errors: printed with
 * `what` naming the command).
 */
int ex_command(struct ex_session *s, imap_command *cmd, const char *what,
               void (*on_untagged)(const imap_untagged *u, void *ud), void *ud);

/* Prints a byte string with non-printable bytes escaped; NIL prints `nil`. */
void ex_put_bytes(FILE *f, imap_bytes b, const char *nil);

/* Prints an address as "Name" <mailbox@host> (or <mailbox@host>). */
void ex_put_address(FILE *f, const imap_address *a);

/* Prints the text of a NO/BAD/BYE with its code, e.g. "[ALERT] text". */
void ex_put_resp_text(FILE *f, const imap_resp_text *t);

#endif
