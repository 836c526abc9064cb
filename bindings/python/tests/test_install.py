"""The package under test is the installed one, with libimap inside it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import imap
from vectors import ROOT

PACKAGE = Path(imap.__file__).resolve().parent


def test_the_installed_package_is_imported_not_the_source_tree() -> None:
    assert ROOT / "bindings" / "python" / "imap" != PACKAGE
    assert "site-packages" in PACKAGE.parts


def test_libimap_is_loaded_from_inside_the_package() -> None:
    override = os.environ.get("IMAP_LIBRARY")
    if override:
        assert imap.library_path() == override
    else:
        assert Path(imap.library_path()).parent == PACKAGE
        assert Path(imap.library_path()).name.startswith("libimap")


def test_a_new_process_from_another_directory_needs_no_environment(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("IMAP_LIBRARY", "PYTHONPATH", "LD_LIBRARY_PATH")}
    code = "import imap; c = imap.Connection(); print(imap.library_path()); c.close()"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert Path(out.stdout.strip()).parent == PACKAGE


def test_imap_library_overrides_the_packaged_copy(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-libimap.so"
    env = dict(os.environ, IMAP_LIBRARY=str(missing))
    out = subprocess.run([sys.executable, "-c", "import imap"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert out.returncode != 0
    assert "cannot load libimap" in out.stderr and str(missing) in out.stderr
