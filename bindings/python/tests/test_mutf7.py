"""imap.mutf7: modified UTF-7 (RFC 3501 5.1.3)."""

from __future__ import annotations

import random

import pytest

from imap import mutf7

PAIRS = [
    ("INBOX", "INBOX"),
    ("", ""),
    ("&", "&-"),
    ("a&b", "a&-b"),
    ("&&", "&-&-"),
    ("Entwürfe", "Entw&APw-rfe"),
    ("INBOX/Entwürfe & Co", "INBOX/Entw&APw-rfe &- Co"),
    ("\t", "&AAk-"),
    ("日本語", "&ZeVnLIqe-"),
    ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),
    ("Sent ä&", "Sent &AOQ-&-"),
    ("😀", "&2D3eAA-"),
    ("a\x7fb", "a&AH8-b"),
]


@pytest.mark.parametrize("text, wire", PAIRS)
def test_encode_decode(text, wire):
    assert mutf7.encode(text) == wire
    assert mutf7.decode(wire) == text
    assert mutf7.decode(wire.encode()) == text


@pytest.mark.parametrize(
    "bad",
    ["&", "a&Zz", "&AOQ", "&AOQ-\xe4", b"\xc3\xa4", "&AGEAYgBj-", "&Jjo!-", "&A-"],
)
def test_decode_rejects(bad):
    with pytest.raises(ValueError):
        mutf7.decode(bad)


def test_round_trip_random():
    rng = random.Random(7)
    pool = "abc &-/.~" + "äöüß€日本語" + chr(0x1F600) + "\t\x00"
    for _ in range(500):
        s = "".join(rng.choice(pool) for _ in range(rng.randint(0, 12)))
        assert mutf7.decode(mutf7.encode(s)) == s


def test_types():
    with pytest.raises(TypeError):
        mutf7.encode(b"x")
    with pytest.raises(TypeError):
        mutf7.decode(3)


def test_list_name_decoding():
    import imap

    d = imap.Decoder()
    d.feed(b'* LIST (\\HasNoChildren) "/" "Entw&APw-rfe &- Co"\r\n* LIST () "/" "bad&Zz"\r\n')
    a, b = list(d)
    assert a.raw_name == b"Entw&APw-rfe &- Co" and a.name == "Entwürfe & Co"
    assert b.name == "bad&Zz"  # not modified UTF-7: shown as sent
    assert a.has(imap.MailboxAttrKind.HAS_NO_CHILDREN) and a.delimiter == "/"
