"""Reader of the language-neutral vector files in tests/vectors/
(format: docs/sexp.md and docs/commands.md, "Test vector files")."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Tuple

ROOT = Path(__file__).resolve().parents[3]
VECTORS = ROOT / "tests" / "vectors"


def unescape(text: str) -> bytes:
    """Decodes the escapes \\r \\n \\t \\\\ \\" \\xHH of a vector line."""
    b = text.encode("utf-8")
    out = bytearray()
    i = 0
    while i < len(b):
        c = b[i]
        if c != 0x5C:
            out.append(c)
            i += 1
            continue
        n = b[i + 1 : i + 2]
        if n == b"r":
            out += b"\r"
        elif n == b"n":
            out += b"\n"
        elif n == b"t":
            out += b"\t"
        elif n == b"\\":
            out += b"\\"
        elif n == b'"':
            out += b'"'
        elif n == b"x":
            out.append(int(b[i + 2 : i + 4], 16))
            i += 2
        else:
            raise ValueError(f"unknown escape \\{n!r}")
        i += 2
    return bytes(out)


@dataclass
class Case:
    name: str
    origin: str
    lines: List[Tuple[str, str]] = field(default_factory=list)

    def words(self, word: str) -> List[str]:
        return [rest for w, rest in self.lines if w == word]

    @property
    def input(self) -> bytes:
        return b"".join(unescape(r) for r in self.words("in"))

    @property
    def out(self) -> List[str]:
        return self.words("out")


def read_dir(kind: str) -> List[Case]:
    cases: List[Case] = []
    for path in sorted((VECTORS / kind).glob("*.txt")):
        cur = None
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            word, _, rest = line.partition(" ")
            if word == "case":
                assert cur is None, f"{path.name}:{n}: case inside a case"
                cur = Case(rest, f"{path.name}:{n}")
            elif word == "end":
                assert cur is not None, f"{path.name}:{n}: end outside a case"
                cases.append(cur)
                cur = None
            else:
                assert cur is not None, f"{path.name}:{n}: {word} outside a case"
                cur.lines.append((word, rest))
        assert cur is None, f"{path.name}: last case has no end"
    names = [c.name for c in cases]
    assert len(names) == len(set(names)), "duplicate case names"
    return cases
