"""Shared fixtures: loopback Dovecot and Cyrus servers (scripts/servers),
started once per test session in a temporary directory on free ports, and
always stopped at the end."""

from __future__ import annotations

import os
import socket
import ssl
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator

import pytest

from vectors import ROOT

SCRIPTS = ROOT / "scripts" / "servers"


@dataclass(frozen=True)
class Server:
    name: str
    host: str
    plain_port: int
    tls_port: int
    cafile: str

    def context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.cafile)


def _free_ports(n: int) -> list:
    socks, ports = [], []
    for _ in range(n):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        socks.append(s)
        ports.append(s.getsockname()[1])
    for s in socks:
        s.close()
    return ports


@pytest.fixture(scope="session")
def server_dir() -> Iterator[Path]:
    # Short path without whitespace: the scripts put Unix sockets in it.
    d = Path(tempfile.mkdtemp(prefix="imap-py-", dir="/tmp"))
    started = []
    yield d, started
    for name in started:
        subprocess.run([str(SCRIPTS / f"{name}-stop"), str(d)], capture_output=True, timeout=60)
    subprocess.run(["rm", "-rf", str(d)], check=False)


_servers: Dict[str, Server] = {}


def _start(name: str, server_dir) -> Server:
    if name in _servers:
        return _servers[name]
    if os.environ.get("IMAP_TEST_NO_SERVERS"):
        pytest.skip("IMAP_TEST_NO_SERVERS is set")
    d, started = server_dir
    last = None
    for _attempt in range(3):  # a free port may be taken between the probe and the start
        plain, tls = _free_ports(2)
        started.append(name)
        r = subprocess.run(
            [str(SCRIPTS / f"{name}-start"), str(d), str(plain), str(tls)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if r.returncode == 0:
            cafile = d / name / "tls" / "cert.pem"
            s = Server(name, "127.0.0.1", plain, tls, str(cafile))
            _servers[name] = s
            return s
        last = r
    pytest.fail(f"{name}-start failed:\n{last.stdout}\n{last.stderr}")


@pytest.fixture(scope="session", params=["dovecot", "cyrus"])
def server(request, server_dir) -> Server:
    return _start(request.param, server_dir)


@pytest.fixture(scope="session")
def dovecot(server_dir) -> Server:
    return _start("dovecot", server_dir)
