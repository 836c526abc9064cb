"""The examples of examples/python against Dovecot (and their error messages)."""

from __future__ import annotations

import subprocess
import sys
import time
import uuid

import imap

from test_servers import connect, message
from vectors import ROOT

EXAMPLES = ROOT / "examples" / "python"


def run_example(name, *args, timeout=60):
    return subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args], capture_output=True, text=True, timeout=timeout
    )


def test_fetch_summary(dovecot):
    subject = f"Summary {uuid.uuid4()}"
    with connect(dovecot) as c:
        c.append("Archive", message(subject, sender="Dora Example <dora@example.org>"))
    r = run_example(
        "fetch_summary.py", "--starttls", "--cafile", dovecot.cafile, dovecot.host, str(dovecot.plain_port),
        "alice", "alicepass", "Archive", "-n", "5",
    )
    assert r.returncode == 0, r.stderr
    assert subject in r.stdout and "Dora Example" in r.stdout


def test_wait_mail(dovecot):
    proc = subprocess.Popen(
        [sys.executable, str(EXAMPLES / "wait_mail.py"), "--insecure", dovecot.host, str(dovecot.tls_port),
         "alice", "alicepass", "Junk"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        time.sleep(2.0)  # let it log in and start IDLE
        with connect(dovecot, tls=True) as c:
            c.append("Junk", message("hello", sender="Erin Example <erin@example.org>"))
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert 'New mail from "Erin Example" <erin@example.org>' in out


def test_clear_errors(dovecot):
    r = run_example("fetch_summary.py", "--insecure", dovecot.host, str(dovecot.tls_port), "alice", "wrong")
    assert r.returncode == 1 and r.stderr.startswith("error: the server refused LOGIN"), r.stderr
    r = run_example("fetch_summary.py", dovecot.host, str(dovecot.tls_port), "alice", "alicepass")
    assert r.returncode == 1 and "cannot verify the certificate" in r.stderr and "--insecure" in r.stderr
    r = run_example("fetch_summary.py", "--insecure", dovecot.host, str(dovecot.tls_port), "alice", "alicepass", "Nope")
    assert r.returncode == 1 and "refused EXAMINE" in r.stderr
    r = run_example("wait_mail.py", "127.0.0.1", "1", "alice", "x")
    assert r.returncode == 1 and r.stderr.startswith("error: cannot talk to 127.0.0.1:1"), r.stderr
