"""Helpers for header values found in ENVELOPE data."""

from __future__ import annotations

import email.header
from typing import Optional, Union


def decode_header(value: Optional[Union[bytes, str]]) -> str:
    """Decodes RFC 2047 encoded words (``=?UTF-8?Q?...?=``) of a header
    value into text; bytes that are not UTF-8 are read as Latin-1. Never
    raises; None gives ``""``."""
    if value is None:
        return ""
    if isinstance(value, (bytes, bytearray)):
        try:
            text = bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            text = bytes(value).decode("latin-1")
    else:
        text = value
    if "=?" not in text:
        return text
    try:
        return str(email.header.make_header(email.header.decode_header(text)))
    except Exception:  # malformed encoded words or unknown charsets: as sent
        return text
