#!/usr/bin/env python3
"""The Python side of the hostile-server soak: imap.Client (or, with
--aio, imap.aio.Client) against one case.

    client.py [--aio] PORT [TIMES]

Runs TIMES sessions (default 1: LOGIN, SELECT, FETCH 1 BODY[], LOGOUT) on
127.0.0.1:PORT with a 2-second I/O timeout and prints one line per session:
"ok BODY-AS-HEX" or "error CLASS" (CLASS an imap.Error subclass) or
"foreign CLASS MESSAGE" (any other exception: a failure of the binding).
"""

import asyncio
import sys

import imap


def session(port: int) -> str:
    with imap.Client("127.0.0.1", port, ssl=False, timeout=2) as c:
        c.login("ann", "secret")
        c.select("INBOX")
        bodies = [b for m in c.fetch("1", ["BODY[]"], uid=False) for b in m.sections.values()]
        c.logout()
    return "ok " + b"".join(b or b"" for b in bodies).hex()


async def session_aio(port: int) -> str:
    async with await imap.aio.Client.connect("127.0.0.1", port, ssl=False, timeout=2) as c:
        await c.login("ann", "secret")
        await c.select("INBOX")
        bodies = [b async for m in c.fetch("1", ["BODY[]"], uid=False) for b in m.sections.values()]
        await c.logout()
    return "ok " + b"".join(b or b"" for b in bodies).hex()


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--aio"]
    use_aio = len(args) < len(sys.argv) - 1
    port = int(args[0])
    for _ in range(int(args[1]) if len(args) > 1 else 1):
        try:
            line = asyncio.run(session_aio(port)) if use_aio else session(port)
        except imap.Error as e:
            line = f"error {type(e).__name__}"
        except BaseException as e:  # noqa: BLE001 - reported as a failure
            line = f"foreign {type(e).__name__} {e}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
