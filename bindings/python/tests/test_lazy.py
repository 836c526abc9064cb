"""imap.Decoder converts a FETCH response's items when first read (the C
copy is kept by imap_decoder_keep meanwhile): the values must be those of an
eager conversion in every observable way, outlive the decoder, and be
converted once even when threads race to read them."""

from __future__ import annotations

import copy
import pickle
import threading
from typing import List

import imap
from imap import Address, Envelope, Fetch, FetchItem, FetchKind, Flag, StepKind

RESPONSES = (
    b'* 4 FETCH (UID 9 FLAGS (\\Seen $Junk) ENVELOPE ("Mon, 1 Jan 2024 10:00:00 +0000" "a \\"quoted\\" subject" '
    b'(("Ada" NIL "ada" "example.org")) NIL NIL NIL NIL NIL NIL "<m@x>"))\r\n'
    b"* 5 EXISTS\r\n"
    b"* 7 FETCH (UID 12 RFC822.SIZE 3 BODY[] {3}\r\nabc)\r\n"
)

ADA = Address(b"Ada", None, b"ada", b"example.org")
FIRST = Fetch(
    4,
    (
        FetchItem(FetchKind.UID, 9),
        FetchItem(FetchKind.FLAGS, (Flag.SEEN, Flag(imap.FlagKind.KEYWORD, "$Junk"))),
        FetchItem(
            FetchKind.ENVELOPE,
            Envelope(b"Mon, 1 Jan 2024 10:00:00 +0000", b'a "quoted" subject', (ADA,), (), (), (), (), (), None, b"<m@x>"),
        ),
    ),
)


def decoded() -> List[object]:
    with imap.Decoder() as d:
        return d.decode(RESPONSES)


def test_a_lazy_fetch_equals_the_eager_value():
    first, exists, third = decoded()
    assert isinstance(first, Fetch) and type(first) is Fetch
    assert "items" not in first.__dict__, "the items were converted before being read"
    assert first == FIRST and FIRST == first
    assert hash(first) == hash(FIRST)
    assert repr(first) == repr(FIRST)
    assert first.uid == 9 and first.envelope is not None and first.envelope.from_ == (ADA,)
    assert exists == imap.Exists(5)
    assert isinstance(third, Fetch) and third.seq == 7 and third.section("") == b"abc" and third.size == 3


def test_pickle_and_copy_of_an_unread_lazy_fetch():
    first = decoded()[0]
    again = pickle.loads(pickle.dumps(first))
    assert type(again) is Fetch and again == FIRST and again.__dict__ == {"seq": 4, "items": FIRST.items}
    assert copy.copy(decoded()[0]) == FIRST
    assert copy.deepcopy(decoded()[0]) == FIRST


def test_the_items_are_converted_once_and_the_c_copy_released():
    first = decoded()[0]
    items = first.items
    assert first.items is items
    assert set(first.__dict__) == {"seq", "items"}


def test_lazy_values_outlive_the_decoder_and_its_next_input():
    d = imap.Decoder()
    d.feed(RESPONSES)
    first = d.next()
    assert d.next() == imap.Exists(5)
    d.feed(b"* 8 FETCH (UID 1)\r\n" * 100)
    later = list(d)
    d.close()
    assert first == FIRST
    assert [f.uid for f in later[1:]] == [1] * 100


def test_threads_reading_the_items_at_once_get_one_conversion():
    for _ in range(20):
        first = decoded()[0]
        got: List[object] = []
        start = threading.Barrier(8)

        def read() -> None:
            start.wait()
            got.append(first.items)

        threads = [threading.Thread(target=read) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(got) == 8 and all(g is got[0] for g in got)
        assert first == FIRST


def test_unread_lazy_fetches_can_be_dropped():
    for _ in range(200):
        decoded()
    assert decoded()[0] == FIRST


def test_a_missing_attribute_is_still_an_attribute_error():
    first = decoded()[0]
    try:
        first.nope  # type: ignore[attr-defined]
    except AttributeError as e:
        assert "nope" in str(e)
    else:
        raise AssertionError("no AttributeError")
    assert getattr(first, "nope", 5) == 5


def test_the_connection_gives_the_same_values():
    c = imap.Connection()
    c.src(b"* OK ready\r\n")
    assert c.run().kind is StepKind.OK
    c.src(RESPONSES)
    steps = [c.run() for _ in range(3)]
    assert [s.kind for s in steps] == [StepKind.UNTAGGED] * 3
    assert [s.value for s in steps] == decoded()
