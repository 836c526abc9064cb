/*
 * leak_canary.c: a program that forgets to free what the library gave it
 * (a connection, a decoder, a command, an authenticator). tests/c/run
 * builds it like the tests and requires that AddressSanitizer's leak
 * checker and valgrind both FAIL on it: proof that leaks of library
 * objects are caught although the Rust library itself is not instrumented.
 */
#include <stdio.h>

#include "imap.h"

int main(void) {
    imap_connection *c = imap_connection_new();
    imap_decoder *d = imap_decoder_new(NULL);
    imap_command *cmd = imap_cmd_login("fred", "secret");
    imap_authenticator *a = imap_authenticator_plain("u", "p");
    if (!c || !d || !cmd || !a) return 3;
    (void)imap_src(c, (const uint8_t *)"* OK hi\r\n", 9);
    (void)imap_run(c, NULL);
    (void)imap_run(c, cmd);
    /* Lose every pointer, so the blocks are "definitely lost". */
    c = NULL;
    d = NULL;
    cmd = NULL;
    a = NULL;
    printf("leak_canary: leaked a connection, a decoder, a command and an authenticator\n");
    return 0;
}
