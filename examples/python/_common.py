"""Shared command-line handling of the Python examples."""

from __future__ import annotations

import argparse
import ssl
import sys
from typing import Callable

import imap


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("host", help="IMAP server host name")
    p.add_argument("port", type=int, help="port (usually 993, or 143 with --starttls)")
    p.add_argument("user", help="user name")
    p.add_argument("password", help="password")
    p.add_argument("mailbox", nargs="?", default="INBOX", help="mailbox (default INBOX)")
    tls = p.add_mutually_exclusive_group()
    tls.add_argument("--starttls", action="store_true", help="connect in cleartext, then STARTTLS")
    tls.add_argument("--no-tls", action="store_true", help="no TLS at all (for tests on loopback only)")
    p.add_argument("--insecure", action="store_true",
                   help="do not verify the server's certificate (self-signed test servers)")
    p.add_argument("--cafile", help="trust this CA certificate file (PEM)")
    p.add_argument("--timeout", type=float, default=60.0, help="network timeout in seconds (default 60)")
    return p




def context(args: argparse.Namespace) -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=args.cafile)
    if args.insecure:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    return ctx


def connect(args: argparse.Namespace) -> imap.Client:
    use_ssl = not (args.starttls or args.no_tls)
    return imap.Client(args.host, args.port, ssl=use_ssl, starttls=args.starttls, ssl_context=context(args),
                       timeout=args.timeout)


def run(main: Callable[[argparse.Namespace], None], args: argparse.Namespace) -> None:
    """Runs main(args), turning failures into one clear line and exit status 1."""
    where = f"{args.host}:{args.port}"
    try:
        main(args)
    except KeyboardInterrupt:
        sys.exit(130)
    except imap.NoResponse as e:
        sys.exit(f"error: the server refused {e.command or 'the command'}: {e.text}")
    except imap.BadResponse as e:
        sys.exit(f"error: the server rejected {e.command or 'the command'}: {e.text}")
    except imap.ConnectionClosed:
        sys.exit(f"error: {where} closed the connection")
    except imap.Error as e:
        sys.exit(f"error: IMAP: {e}")
    except ssl.SSLCertVerificationError as e:
        sys.exit(f"error: cannot verify the certificate of {where}: {e.verify_message} "
                 "(use --cafile FILE, or --insecure for a test server)")
    except ssl.SSLError as e:
        sys.exit(f"error: TLS with {where} failed: {e}")
    except TimeoutError:
        sys.exit(f"error: {where} did not answer in time")
    except OSError as e:
        sys.exit(f"error: cannot talk to {where}: {e.strerror or e}")
