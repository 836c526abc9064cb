"""The ctypes mirrors of imap/_ffi.py against the C compiler's layout of
include/imap.h: tests/c/layout.expected (printed by tests/c/layout.c) when it
is committed, otherwise the output of tests/c/layout.c compiled here."""

from __future__ import annotations

import ctypes
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from imap import _ffi

from vectors import ROOT

EXPECTED = ROOT / "tests" / "c" / "layout.expected"
PRINTER = ROOT / "tests" / "c" / "layout.c"


def _layout_text(tmp_dir: Path) -> str:
    if EXPECTED.exists():
        return EXPECTED.read_text()
    cc = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if cc is None or not PRINTER.exists():
        pytest.skip("no tests/c/layout.expected, and no C compiler or tests/c/layout.c to produce it")
    exe = tmp_dir / "layout"
    subprocess.run([cc, "-std=c99", f"-I{ROOT / 'include'}", str(PRINTER), "-o", str(exe)], check=True)
    return subprocess.run([str(exe)], check=True, capture_output=True, text=True).stdout


class Layout:
    def __init__(self, text: str):
        self.records: Dict[str, Tuple[str, int, int]] = {}
        self.fields: Dict[str, List[Tuple[str, int, int]]] = {}
        self.typedefs: Dict[str, Tuple[int, int]] = {}
        self.consts: Dict[str, int] = {}
        self.arch = ""
        current = None
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            w = line.split()
            if w[0] == "arch":
                self.arch = " ".join(w[1:])
            elif w[0] in ("struct", "union"):
                current = w[1]
                self.records[current] = (w[0], int(w[3]), int(w[5]))
                self.fields[current] = []
            elif w[0] == "field":
                assert w[1] == current, line
                self.fields[current].append((w[2], int(w[3]), int(w[4])))
            elif w[0] == "typedef":
                self.typedefs[w[1]] = (int(w[3]), int(w[5]))
            elif w[0] == "const":
                self.consts[w[1]] = int(w[2])


@pytest.fixture(scope="module")
def layout(tmp_path_factory) -> Layout:
    return Layout(_layout_text(tmp_path_factory.mktemp("layout")))


def test_arch(layout):
    bits = ctypes.sizeof(ctypes.c_void_p) * 8
    assert layout.arch == f"{bits} {sys.byteorder}"


@pytest.mark.parametrize("name", sorted(_ffi.STRUCTS))
def test_record(layout, name):
    cls = _ffi.STRUCTS[name]
    assert name in layout.records, f"{name} is mirrored but not in the C header"
    kind, size, align = layout.records[name]
    assert kind == ("union" if issubclass(cls, ctypes.Union) else "struct")
    assert ctypes.sizeof(cls) == size, f"sizeof({name})"
    assert ctypes.alignment(cls) == align, f"alignment of {name}"
    mine = [(f[0], getattr(cls, f[0]).offset, getattr(cls, f[0]).size) for f in cls._fields_]
    assert mine == layout.fields[name], f"fields of {name} (name, offset, size)"


def test_every_record_the_binding_reads_is_mirrored(layout):
    # Records of the data model (everything imap_run/imap_decoder_next can
    # return) must all be mirrored; records added for command arguments only
    # are not read by the binding.
    data_model = {n for n in layout.records if n in _ffi.STRUCTS}
    assert data_model == set(_ffi.STRUCTS)


def test_enum_constants(layout):
    checked = 0
    for cname, (prefix, values) in _ffi.ENUMS.items():
        assert layout.typedefs.get(cname) == (4, 4), f"{cname} is a uint32_t"
        in_header = {k[len(prefix):]: v for k, v in layout.consts.items() if k.startswith(prefix)}
        assert in_header == values, f"constants of {cname}"
        checked += len(values)
    assert checked > 250


def test_callback_type(layout):
    size = ctypes.sizeof(ctypes.c_void_p)
    assert layout.typedefs["imap_auth_fn"] == (size, size)


def test_python_enums_match_the_c_constants():
    import imap

    pairs = [
        (imap.StepKind, _ffi.IMAP_STEP_KIND),
        (imap.UntaggedKind, _ffi.IMAP_UNTAGGED_KIND),
        (imap.CodeKind, _ffi.IMAP_CODE_KIND),
        (imap.CapabilityKind, _ffi.IMAP_CAPABILITY_KIND),
        (imap.FlagKind, _ffi.IMAP_FLAG_KIND),
        (imap.MailboxAttrKind, _ffi.IMAP_MAILBOX_ATTR_KIND),
        (imap.ListExtendedKind, _ffi.IMAP_LIST_EXTENDED_KIND),
        (imap.StatusKind, _ffi.IMAP_STATUS_KIND),
        (imap.EsearchKind, _ffi.IMAP_ESEARCH_KIND),
        (imap.FetchKind, _ffi.IMAP_FETCH_KIND),
        (imap.BodyKind, _ffi.IMAP_BODY_KIND),
        (imap.SectionKind, _ffi.IMAP_SECTION_KIND),
        (imap.Status, _ffi.IMAP_STATUS_WORD),
        (imap.ErrorCode, _ffi.IMAP_ERROR),
    ]
    for enum_cls, values in pairs:
        assert {m.name: m.value for m in enum_cls} == values, enum_cls.__name__


def test_version_macros(layout):
    import imap

    v = ".".join(str(layout.consts[f"IMAP_VERSION_{p}"]) for p in ("MAJOR", "MINOR", "PATCH"))
    assert imap.library_version() == v


@pytest.mark.parametrize("cname", sorted(_ffi.COMMAND_ENUMS))
def test_command_constants(layout, cname):
    prefix, values = _ffi.COMMAND_ENUMS[cname]
    if cname not in layout.typedefs:
        pytest.skip(f"{cname} is not in this header (an older libimap)")
    assert layout.typedefs[cname] == (4, 4), f"{cname} is a uint32_t"
    in_header = {k[len(prefix):]: v for k, v in layout.consts.items() if k.startswith(prefix)}
    assert in_header == values, f"constants of {cname}"


def test_every_declared_function_exists():
    """Every symbol _ffi declares is exported by the library under test."""
    declared_none = [n for n in dir(_ffi) if n.startswith(("imap_cmd_", "imap_key_", "imap_raw_", "imap_fetch_items",
                                                             "imap_list_options", "imap_append"))
                     and getattr(_ffi, n) is None]
    assert not declared_none, f"not exported by {_ffi.LIBRARY_PATH}: {declared_none}"
