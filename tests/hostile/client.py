#!/usr/bin/env python3
"""The Python side of the hostile-server soak: imap.Client against one case.

    client.py PORT [TIMES]

Runs TIMES sessions (default 1: LOGIN, SELECT, FETCH 1 BODY[], LOGOUT) on
127.0.0.1:PORT with a 2-second I/O timeout and prints one line per session:
"ok BODY-AS-HEX" or "error CLASS" (CLASS an imap.Error subclass) or
"foreign CLASS MESSAGE" (any other exception: a failure of the binding).
"""

import sys

import imap


def session(port: int) -> str:
    with imap.Client("127.0.0.1", port, ssl=False, timeout=2) as c:
        c.login("ann", "secret")
        c.select("INBOX")
        bodies = [b for m in c.fetch("1", ["BODY[]"], uid=False) for b in m.sections.values()]
        c.logout()
    return "ok " + b"".join(b or b"" for b in bodies).hex()


def main() -> None:
    port = int(sys.argv[1])
    for _ in range(int(sys.argv[2]) if len(sys.argv) > 2 else 1):
        try:
            line = session(port)
        except imap.Error as e:
            line = f"error {type(e).__name__}"
        except BaseException as e:  # noqa: BLE001 - reported as a failure
            line = f"foreign {type(e).__name__} {e}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
