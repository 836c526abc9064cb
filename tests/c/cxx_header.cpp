// cxx_header.cpp: include/imap.h compiled as C++ (with -Werror): the
// enums get their fixed underlying type, the functions C linkage. Linked
// against libimap and run, so a missing extern "C" would show.
#include <cstdio>
#include <cstring>

#include "imap.h"

static_assert(sizeof(imap_error) == 4, "imap_error is 32 bits");
static_assert(sizeof(imap_step_kind) == 4, "imap_step_kind is 32 bits");
static_assert(IMAP_ERROR_CLOSED == 20, "error codes");

int main() {
    imap_connection *c = imap_connection_new();
    imap_command *cmd = imap_cmd_noop();
    imap_error e = imap_src(c, reinterpret_cast<const uint8_t *>("* OK hi\r\n"), 9);
    const imap_step *s = imap_run(c, nullptr);
    bool ok = c && cmd && e == IMAP_ERROR_OK && s->kind == IMAP_STEP_KIND_OK && !imap_error_is_fatal(e) &&
              std::strlen(imap_version()) > 0;
    imap_command_free(cmd);
    imap_connection_free(c);
    std::printf("cxx_header: %s\n", ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
