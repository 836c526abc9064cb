"""Private: loads libimap and mirrors the C ABI of include/imap.h with ctypes.

Nothing here is public API. Every symbol used by the binding has its
``argtypes`` and ``restype`` declared below; every C struct, union and enum
the binding reads is mirrored field by field, in the header's order.

The library is found, in order: the ``IMAP_LIBRARY`` environment variable
(a path, an override), the copy that ``pip install`` built into this package
directory, then the system library path (``ctypes.util.find_library("imap")``,
then plain ``libimap.so``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from ctypes import (
    CFUNCTYPE,
    POINTER,
    Structure,
    Union,
    c_bool,
    c_char_p,
    c_int16,
    c_int32,
    c_size_t,
    c_uint8,
    c_uint16,
    c_uint32,
    c_uint64,
    c_void_p,
)
from pathlib import Path
from typing import Any, List, Optional

# ---------------------------------------------------------------------------
# Loading


def _candidates() -> List[str]:
    env = os.environ.get("IMAP_LIBRARY")
    if env:
        return [env]
    # The copy built into the package by `pip install` (imap/libimap.abi3.so),
    # or a libimap.so / .dylib / .dll put there by hand.
    here = Path(__file__).resolve().parent
    out = sorted(str(p) for p in here.glob("libimap*") if p.suffix in (".so", ".dylib", ".dll", ".pyd"))
    found = ctypes.util.find_library("imap")
    if found:
        out.append(found)
    out.append("libimap.dylib" if sys.platform == "darwin" else "libimap.so")
    return out


def _load() -> ctypes.CDLL:
    errors = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            errors.append(f"{path}: {e}")
    hint = (
        "install the package with `pip install ./bindings/python` (it builds libimap with cargo "
        "and ships it inside the package), or set IMAP_LIBRARY to the path of a libimap.so"
    )
    raise ImportError("cannot load libimap: " + "; ".join(errors) + "; " + hint)


lib = _load()
LIBRARY_PATH: str = getattr(lib, "_name", "")

# ---------------------------------------------------------------------------
# Enums (all uint32_t in C). Values copied from include/imap.h.

c_enum = c_uint32

IMAP_ERROR = {
    "OK": 0,
    "NULL_ARGUMENT": 1,
    "INVALID_ARGUMENT": 2,
    "INTERNAL": 3,
    "LINE_TOO_LONG": 4,
    "LITERAL_TOO_LARGE": 5,
    "RESPONSE_TOO_LARGE": 6,
    "UNEXPECTED_EOF": 7,
    "EOF": 8,
    "BYE_GREETING": 9,
    "BAD_GREETING": 10,
    "UNKNOWN_TAG": 11,
    "UNEXPECTED_CONTINUATION": 12,
    "STARTTLS_INJECTION": 13,
    "COMPRESSION": 14,
    "BUSY": 15,
    "NO_GREETING": 16,
    "NEEDS_AUTHENTICATOR": 17,
    "ENCODE": 18,
    "AUTH": 19,
    "CLOSED": 20,
}

IMAP_STEP_KIND = {
    "AWAIT_SRC": 0,
    "AWAIT_DST": 1,
    "DONE": 2,
    "UNTAGGED": 3,
    "OK": 4,
    "PREAUTH": 5,
    "NO": 6,
    "BAD": 7,
    "STARTTLS": 8,
    "LITERAL_BEGIN": 9,
    "LITERAL_DATA": 10,
    "LITERAL_END": 11,
    "MALFORMED": 12,
    "ERROR": 13,
}

IMAP_UNTAGGED_KIND = {
    "OK": 0,
    "NO": 1,
    "BAD": 2,
    "BYE": 3,
    "PREAUTH": 4,
    "CAPABILITY": 5,
    "ENABLED": 6,
    "FLAGS": 7,
    "LIST": 8,
    "LSUB": 9,
    "XLIST": 10,
    "STATUS": 11,
    "SEARCH": 12,
    "ESEARCH": 13,
    "SORT": 14,
    "THREAD": 15,
    "NAMESPACE": 16,
    "ID": 17,
    "QUOTA": 18,
    "QUOTA_ROOT": 19,
    "ACL": 20,
    "LIST_RIGHTS": 21,
    "MY_RIGHTS": 22,
    "METADATA": 23,
    "EXISTS": 24,
    "RECENT": 25,
    "EXPUNGE": 26,
    "FETCH": 27,
    "VANISHED": 28,
    "OTHER": 29,
}

IMAP_CODE_KIND = {
    "ALERT": 0,
    "BAD_CHARSET": 1,
    "CAPABILITY": 2,
    "PARSE": 3,
    "PERMANENT_FLAGS": 4,
    "READ_ONLY": 5,
    "READ_WRITE": 6,
    "TRY_CREATE": 7,
    "UID_NEXT": 8,
    "UID_VALIDITY": 9,
    "UNSEEN": 10,
    "APPEND_UID": 11,
    "COPY_UID": 12,
    "UID_NOT_STICKY": 13,
    "HIGHEST_MOD_SEQ": 14,
    "NO_MOD_SEQ": 15,
    "MODIFIED": 16,
    "CLOSED": 17,
    "COMPRESSION_ACTIVE": 18,
    "USE_ATTR": 19,
    "UNAVAILABLE": 20,
    "AUTHENTICATION_FAILED": 21,
    "AUTHORIZATION_FAILED": 22,
    "EXPIRED": 23,
    "PRIVACY_REQUIRED": 24,
    "CONTACT_ADMIN": 25,
    "NO_PERM": 26,
    "IN_USE": 27,
    "EXPUNGE_ISSUED": 28,
    "CORRUPTION": 29,
    "SERVER_BUG": 30,
    "CLIENT_BUG": 31,
    "CANNOT": 32,
    "LIMIT": 33,
    "OVER_QUOTA": 34,
    "ALREADY_EXISTS": 35,
    "NON_EXISTENT": 36,
    "NOT_SAVED": 37,
    "HAS_CHILDREN": 38,
    "UNKNOWN_CTE": 39,
    "TOO_BIG": 40,
    "BAD_URL": 41,
    "NO_UPDATE": 42,
    "MAILBOX_ID": 43,
    "METADATA_LONG_ENTRIES": 44,
    "METADATA_MAX_SIZE": 45,
    "METADATA_TOO_MANY": 46,
    "METADATA_NO_PRIVATE": 47,
    "NOTIFICATION_OVERFLOW": 48,
    "REFERRAL": 49,
    "OTHER": 50,
}

IMAP_CAPABILITY_KIND = {
    "IMAP4": 0,
    "IMAP4REV1": 1,
    "IMAP4REV2": 2,
    "ACL": 3,
    "APPEND_LIMIT": 4,
    "AUTH": 5,
    "BINARY": 6,
    "CATENATE": 7,
    "CHILDREN": 8,
    "COMPRESS_DEFLATE": 9,
    "CONDSTORE": 10,
    "CONTEXT_SEARCH": 11,
    "CONTEXT_SORT": 12,
    "ENABLE": 13,
    "ESEARCH": 14,
    "ESORT": 15,
    "ID": 16,
    "IDLE": 17,
    "LIST_EXTENDED": 18,
    "LIST_STATUS": 19,
    "LITERAL_PLUS": 20,
    "LITERAL_MINUS": 21,
    "LOGIN_DISABLED": 22,
    "METADATA": 23,
    "METADATA_SERVER": 24,
    "MOVE": 25,
    "MULTI_APPEND": 26,
    "NAMESPACE": 27,
    "NOTIFY": 28,
    "OBJECT_ID": 29,
    "PARTIAL": 30,
    "PREVIEW": 31,
    "QRESYNC": 32,
    "QUOTA": 33,
    "QUOTA_RES": 34,
    "QUOTA_SET": 35,
    "QUOTE": 36,
    "SASL_IR": 37,
    "SAVE_DATE": 38,
    "SEARCH_RES": 39,
    "SORT": 40,
    "SORT_EXT": 41,
    "SPECIAL_USE": 42,
    "CREATE_SPECIAL_USE": 43,
    "STARTTLS": 44,
    "STATUS_SIZE": 45,
    "THREAD": 46,
    "UID_PLUS": 47,
    "UNAUTHENTICATE": 48,
    "UNSELECT": 49,
    "UTF8_ACCEPT": 50,
    "UTF8_ONLY": 51,
    "WITHIN": 52,
    "XLIST": 53,
    "XOAUTH2": 54,
    "GMAIL": 55,
    "OTHER": 56,
}

IMAP_FLAG_KIND = {
    "ANSWERED": 0,
    "FLAGGED": 1,
    "DELETED": 2,
    "SEEN": 3,
    "DRAFT": 4,
    "RECENT": 5,
    "WILDCARD": 6,
    "KEYWORD": 7,
    "EXTENSION": 8,
    "UNPARSED": 9,
}

IMAP_MAILBOX_ATTR_KIND = {
    "NOINFERIORS": 0,
    "NOSELECT": 1,
    "MARKED": 2,
    "UNMARKED": 3,
    "NON_EXISTENT": 4,
    "SUBSCRIBED": 5,
    "REMOTE": 6,
    "HAS_CHILDREN": 7,
    "HAS_NO_CHILDREN": 8,
    "ALL": 9,
    "ARCHIVE": 10,
    "DRAFTS": 11,
    "FLAGGED": 12,
    "JUNK": 13,
    "SENT": 14,
    "TRASH": 15,
    "IMPORTANT": 16,
    "EXTENSION": 17,
    "UNPARSED": 18,
}

IMAP_LIST_EXTENDED_KIND = {"CHILD_INFO": 0, "OLD_NAME": 1, "OTHER": 2}

IMAP_STATUS_KIND = {
    "MESSAGES": 0,
    "RECENT": 1,
    "UID_NEXT": 2,
    "UID_VALIDITY": 3,
    "UNSEEN": 4,
    "DELETED": 5,
    "SIZE": 6,
    "HIGHEST_MOD_SEQ": 7,
    "APPEND_LIMIT": 8,
    "MAILBOX_ID": 9,
    "DELETED_STORAGE": 10,
    "OTHER": 11,
}

IMAP_ESEARCH_KIND = {"MIN": 0, "MAX": 1, "ALL": 2, "COUNT": 3, "MOD_SEQ": 4, "OTHER": 5}

IMAP_FETCH_KIND = {
    "FLAGS": 0,
    "ENVELOPE": 1,
    "INTERNAL_DATE": 2,
    "RFC822_SIZE": 3,
    "RFC822": 4,
    "RFC822_HEADER": 5,
    "RFC822_TEXT": 6,
    "BODY": 7,
    "BODY_STRUCTURE": 8,
    "BODY_SECTION": 9,
    "BINARY": 10,
    "BINARY_SIZE": 11,
    "UID": 12,
    "MOD_SEQ": 13,
    "EMAIL_ID": 14,
    "THREAD_ID": 15,
    "SAVE_DATE": 16,
    "PREVIEW": 17,
    "GM_MSG_ID": 18,
    "GM_THR_ID": 19,
    "GM_LABELS": 20,
    "OTHER": 21,
}

IMAP_BODY_KIND = {"BASIC": 0, "TEXT": 1, "MESSAGE": 2, "MULTIPART": 3}

IMAP_BODY_EXTENSION_KIND = {"STRING": 0, "NUMBER": 1, "LIST": 2, "UNPARSED": 3}

IMAP_SECTION_KIND = {
    "ALL": 0,
    "HEADER": 1,
    "HEADER_FIELDS": 2,
    "HEADER_FIELDS_NOT": 3,
    "TEXT": 4,
    "MIME": 5,
}

IMAP_EVENT_KIND = {
    "NONE": 0,
    "RESPONSE": 1,
    "MALFORMED": 2,
    "LITERAL_BEGIN": 3,
    "LITERAL_DATA": 4,
    "LITERAL_END": 5,
    "ERROR": 6,
}

IMAP_RESPONSE_KIND = {"UNTAGGED": 0, "CONTINUE": 1, "TAGGED": 2}

IMAP_STATUS_WORD = {"OK": 0, "NO": 1, "BAD": 2}

#: Every enum, by its C name, with the prefix of its constants (for the
#: layout test, which checks each value against the C compiler).
ENUMS = {
    "imap_error": ("IMAP_ERROR_", IMAP_ERROR),
    "imap_step_kind": ("IMAP_STEP_KIND_", IMAP_STEP_KIND),
    "imap_untagged_kind": ("IMAP_UNTAGGED_KIND_", IMAP_UNTAGGED_KIND),
    "imap_code_kind": ("IMAP_CODE_KIND_", IMAP_CODE_KIND),
    "imap_capability_kind": ("IMAP_CAPABILITY_KIND_", IMAP_CAPABILITY_KIND),
    "imap_flag_kind": ("IMAP_FLAG_KIND_", IMAP_FLAG_KIND),
    "imap_mailbox_attr_kind": ("IMAP_MAILBOX_ATTR_KIND_", IMAP_MAILBOX_ATTR_KIND),
    "imap_list_extended_kind": ("IMAP_LIST_EXTENDED_KIND_", IMAP_LIST_EXTENDED_KIND),
    "imap_status_kind": ("IMAP_STATUS_KIND_", IMAP_STATUS_KIND),
    "imap_esearch_kind": ("IMAP_ESEARCH_KIND_", IMAP_ESEARCH_KIND),
    "imap_fetch_kind": ("IMAP_FETCH_KIND_", IMAP_FETCH_KIND),
    "imap_body_kind": ("IMAP_BODY_KIND_", IMAP_BODY_KIND),
    "imap_body_extension_kind": ("IMAP_BODY_EXTENSION_KIND_", IMAP_BODY_EXTENSION_KIND),
    "imap_section_kind": ("IMAP_SECTION_KIND_", IMAP_SECTION_KIND),
    "imap_event_kind": ("IMAP_EVENT_KIND_", IMAP_EVENT_KIND),
    "imap_response_kind": ("IMAP_RESPONSE_KIND_", IMAP_RESPONSE_KIND),
    "imap_status_word": ("IMAP_STATUS_WORD_", IMAP_STATUS_WORD),
}

# ---------------------------------------------------------------------------
# Structs and unions, in the order of include/imap.h.


class imap_limits(Structure):
    _fields_ = [
        ("max_line", c_uint64),
        ("max_literal", c_uint64),
        ("max_response", c_uint64),
        ("max_depth", c_uint32),
        ("stream_threshold", c_uint64),
        ("max_auth_challenges", c_uint32),
    ]


class imap_seq_range(Structure):
    _fields_ = [("start", c_uint32), ("end", c_uint32)]


class imap_seq_set(Structure):
    _fields_ = [("items", POINTER(imap_seq_range)), ("len", c_size_t)]


class imap_bytes(Structure):
    # `ptr` is `const uint8_t *`; c_void_p reads it as an int (None for NIL).
    _fields_ = [("ptr", c_void_p), ("len", c_size_t)]


class imap_bytes_list(Structure):
    _fields_ = [("items", POINTER(imap_bytes)), ("len", c_size_t)]


class imap_capability(Structure):
    _fields_ = [
        ("kind", c_enum),
        ("value", imap_bytes),
        ("has_number", c_bool),
        ("number", c_uint64),
    ]


class imap_capability_list(Structure):
    _fields_ = [("items", POINTER(imap_capability)), ("len", c_size_t)]


class imap_flag(Structure):
    _fields_ = [("kind", c_enum), ("name", imap_bytes)]


class imap_flag_list(Structure):
    _fields_ = [("items", POINTER(imap_flag)), ("len", c_size_t)]


class imap_code_append_uid(Structure):
    _fields_ = [("uid_validity", c_uint32), ("uids", imap_seq_set)]


class imap_code_copy_uid(Structure):
    _fields_ = [("uid_validity", c_uint32), ("source", imap_seq_set), ("dest", imap_seq_set)]


class imap_code_other(Structure):
    _fields_ = [("name", imap_bytes), ("text", imap_bytes)]


class imap_code_data(Union):
    _fields_ = [
        ("number", c_uint32),
        ("number64", c_uint64),
        ("set", imap_seq_set),
        ("text", imap_bytes),
        ("strings", imap_bytes_list),
        ("capabilities", imap_capability_list),
        ("flags", imap_flag_list),
        ("append_uid", imap_code_append_uid),
        ("copy_uid", imap_code_copy_uid),
        ("other", imap_code_other),
    ]


class imap_code(Structure):
    _fields_ = [("kind", c_enum), ("u", imap_code_data)]


class imap_resp_text(Structure):
    _fields_ = [("code", POINTER(imap_code)), ("text", imap_bytes)]


class imap_mailbox_attr(Structure):
    _fields_ = [("kind", c_enum), ("name", imap_bytes)]


class imap_list_extended(Structure):
    _fields_ = [("kind", c_enum), ("tag", imap_bytes), ("values", imap_bytes_list)]


class imap_list(Structure):
    _fields_ = [
        ("attributes", POINTER(imap_mailbox_attr)),
        ("attributes_len", c_size_t),
        ("has_delimiter", c_bool),
        ("delimiter", c_uint8),
        ("name", imap_bytes),
        ("extended", POINTER(imap_list_extended)),
        ("extended_len", c_size_t),
    ]


class imap_status_item(Structure):
    _fields_ = [
        ("kind", c_enum),
        ("has_number", c_bool),
        ("number", c_uint64),
        ("name", imap_bytes),
        ("text", imap_bytes),
    ]


class imap_status(Structure):
    _fields_ = [("mailbox", imap_bytes), ("items", POINTER(imap_status_item)), ("len", c_size_t)]


class imap_u32_list(Structure):
    _fields_ = [("items", POINTER(c_uint32)), ("len", c_size_t)]


class imap_search(Structure):
    _fields_ = [("ids", imap_u32_list), ("has_modseq", c_bool), ("modseq", c_uint64)]


class imap_esearch_item(Structure):
    _fields_ = [
        ("kind", c_enum),
        ("number", c_uint64),
        ("set", imap_seq_set),
        ("name", imap_bytes),
        ("value", imap_bytes),
    ]


class imap_esearch(Structure):
    _fields_ = [
        ("tag", imap_bytes),
        ("uid", c_bool),
        ("items", POINTER(imap_esearch_item)),
        ("len", c_size_t),
    ]


class imap_thread(Structure):
    pass


imap_thread._fields_ = [
    ("members", imap_u32_list),
    ("children", POINTER(imap_thread)),
    ("children_len", c_size_t),
]


class imap_thread_list(Structure):
    _fields_ = [("items", POINTER(imap_thread)), ("len", c_size_t)]


class imap_namespace_desc(Structure):
    _fields_ = [
        ("prefix", imap_bytes),
        ("has_delimiter", c_bool),
        ("delimiter", c_uint8),
        ("extensions", POINTER(imap_bytes_list)),
        ("extensions_len", c_size_t),
    ]


class imap_namespace_list(Structure):
    _fields_ = [("is_nil", c_bool), ("items", POINTER(imap_namespace_desc)), ("len", c_size_t)]


class imap_namespace(Structure):
    _fields_ = [
        ("personal", imap_namespace_list),
        ("other", imap_namespace_list),
        ("shared", imap_namespace_list),
    ]


class imap_pair(Structure):
    _fields_ = [("name", imap_bytes), ("value", imap_bytes)]


class imap_pair_list(Structure):
    _fields_ = [("items", POINTER(imap_pair)), ("len", c_size_t)]


class imap_id(Structure):
    _fields_ = [("is_nil", c_bool), ("fields", imap_pair_list)]


class imap_quota_resource(Structure):
    _fields_ = [("name", imap_bytes), ("usage", c_uint64), ("limit", c_uint64)]


class imap_quota(Structure):
    _fields_ = [("root", imap_bytes), ("items", POINTER(imap_quota_resource)), ("len", c_size_t)]


class imap_mailbox_data(Structure):
    _fields_ = [
        ("mailbox", imap_bytes),
        ("strings", imap_bytes_list),
        ("pairs", imap_pair_list),
        ("changed", c_bool),
    ]


class imap_address(Structure):
    _fields_ = [
        ("name", imap_bytes),
        ("adl", imap_bytes),
        ("mailbox", imap_bytes),
        ("host", imap_bytes),
        ("unparsed", imap_bytes),
    ]


class imap_address_list(Structure):
    _fields_ = [("items", POINTER(imap_address)), ("len", c_size_t)]


class imap_envelope(Structure):
    _fields_ = [
        ("date", imap_bytes),
        ("subject", imap_bytes),
        ("from", imap_address_list),
        ("sender", imap_address_list),
        ("reply_to", imap_address_list),
        ("to", imap_address_list),
        ("cc", imap_address_list),
        ("bcc", imap_address_list),
        ("in_reply_to", imap_bytes),
        ("message_id", imap_bytes),
    ]


class imap_date_time(Structure):
    _fields_ = [
        ("year", c_uint16),
        ("month", c_uint8),
        ("day", c_uint8),
        ("hour", c_uint8),
        ("minute", c_uint8),
        ("second", c_uint8),
        ("zone_minutes", c_int16),
    ]


class imap_disposition(Structure):
    _fields_ = [("kind", imap_bytes), ("params", imap_pair_list)]


class imap_body_extension(Structure):
    pass


imap_body_extension._fields_ = [
    ("kind", c_enum),
    ("string", imap_bytes),
    ("number", c_uint64),
    ("items", POINTER(imap_body_extension)),
    ("len", c_size_t),
]


class imap_body(Structure):
    pass


imap_body._fields_ = [
    ("kind", c_enum),
    ("media_type", imap_bytes),
    ("subtype", imap_bytes),
    ("params", imap_pair_list),
    ("id", imap_bytes),
    ("description", imap_bytes),
    ("encoding", imap_bytes),
    ("octets", c_uint32),
    ("lines", c_uint64),
    ("envelope", POINTER(imap_envelope)),
    ("body", POINTER(imap_body)),
    ("parts", POINTER(imap_body)),
    ("parts_len", c_size_t),
    ("has_extension", c_bool),
    ("md5", imap_bytes),
    ("disposition", POINTER(imap_disposition)),
    ("language", imap_bytes_list),
    ("location", imap_bytes),
    ("extensions", POINTER(imap_body_extension)),
    ("extensions_len", c_size_t),
]


class imap_section(Structure):
    _fields_ = [("part", imap_u32_list), ("kind", c_enum), ("fields", imap_bytes_list)]


class imap_fetch_section(Structure):
    _fields_ = [
        ("section", imap_section),
        ("has_origin", c_bool),
        ("origin", c_uint32),
        ("data", imap_bytes),
    ]


class imap_fetch_binary_size(Structure):
    _fields_ = [("part", imap_u32_list), ("size", c_uint64)]


class imap_fetch_save_date(Structure):
    _fields_ = [("present", c_bool), ("date_time", imap_date_time)]


class imap_fetch_data(Union):
    _fields_ = [
        ("flags", imap_flag_list),
        ("envelope", POINTER(imap_envelope)),
        ("date_time", imap_date_time),
        ("number", c_uint32),
        ("number64", c_uint64),
        ("data", imap_bytes),
        ("body", POINTER(imap_body)),
        ("section", imap_fetch_section),
        ("binary_size", imap_fetch_binary_size),
        ("save_date", imap_fetch_save_date),
        ("labels", imap_bytes_list),
        ("other", imap_pair),
    ]


class imap_fetch_item(Structure):
    _fields_ = [("kind", c_enum), ("u", imap_fetch_data)]


class imap_fetch(Structure):
    _fields_ = [("seq", c_uint32), ("items", POINTER(imap_fetch_item)), ("len", c_size_t)]


class imap_vanished(Structure):
    _fields_ = [("earlier", c_bool), ("uids", imap_seq_set)]


class imap_other(Structure):
    _fields_ = [
        ("has_number", c_bool),
        ("number", c_uint32),
        ("name", imap_bytes),
        ("rest", imap_bytes),
    ]


class imap_untagged_data(Union):
    _fields_ = [
        ("text", imap_resp_text),
        ("capabilities", imap_capability_list),
        ("flags", imap_flag_list),
        ("list", imap_list),
        ("status", imap_status),
        ("search", imap_search),
        ("esearch", imap_esearch),
        ("thread", imap_thread_list),
        ("namespace_", imap_namespace),
        ("id", imap_id),
        ("quota", imap_quota),
        ("mailbox_data", imap_mailbox_data),
        ("number", c_uint32),
        ("fetch", imap_fetch),
        ("vanished", imap_vanished),
        ("other", imap_other),
    ]


class imap_untagged(Structure):
    _fields_ = [("kind", c_enum), ("u", imap_untagged_data)]


class imap_literal_begin(Structure):
    _fields_ = [
        ("has_seq", c_bool),
        ("seq", c_uint32),
        ("item", imap_bytes),
        ("size", c_uint64),
        ("prefix", imap_bytes),
    ]


class imap_malformed(Structure):
    _fields_ = [("offset", c_uint64), ("raw", imap_bytes), ("error_offset", c_size_t)]


class imap_step_data(Union):
    _fields_ = [
        ("untagged", imap_untagged),
        ("text", imap_resp_text),
        ("literal_begin", imap_literal_begin),
        ("literal_data", imap_bytes),
        ("malformed", imap_malformed),
    ]


class imap_step(Structure):
    _fields_ = [("kind", c_enum), ("error", c_enum), ("u", imap_step_data)]


class imap_response(Structure):
    _fields_ = [
        ("kind", c_enum),
        ("tag", imap_bytes),
        ("status", c_enum),
        ("text", imap_resp_text),
        ("untagged", imap_untagged),
    ]


class imap_event_data(Union):
    _fields_ = [
        ("response", imap_response),
        ("malformed", imap_malformed),
        ("literal_begin", imap_literal_begin),
        ("literal_data", imap_bytes),
    ]


class imap_event(Structure):
    _fields_ = [("kind", c_enum), ("error", c_enum), ("u", imap_event_data)]


#: Every mirrored struct and union, by its C name (for the layout test).
STRUCTS = {
    cls.__name__: cls
    for cls in [
        imap_limits,
        imap_seq_range,
        imap_seq_set,
        imap_bytes,
        imap_bytes_list,
        imap_capability,
        imap_capability_list,
        imap_flag,
        imap_flag_list,
        imap_code_append_uid,
        imap_code_copy_uid,
        imap_code_other,
        imap_code_data,
        imap_code,
        imap_resp_text,
        imap_mailbox_attr,
        imap_list_extended,
        imap_list,
        imap_status_item,
        imap_status,
        imap_u32_list,
        imap_search,
        imap_esearch_item,
        imap_esearch,
        imap_thread,
        imap_thread_list,
        imap_namespace_desc,
        imap_namespace_list,
        imap_namespace,
        imap_pair,
        imap_pair_list,
        imap_id,
        imap_quota_resource,
        imap_quota,
        imap_mailbox_data,
        imap_address,
        imap_address_list,
        imap_envelope,
        imap_date_time,
        imap_disposition,
        imap_body_extension,
        imap_body,
        imap_section,
        imap_fetch_section,
        imap_fetch_binary_size,
        imap_fetch_save_date,
        imap_fetch_data,
        imap_fetch_item,
        imap_fetch,
        imap_vanished,
        imap_other,
        imap_untagged_data,
        imap_untagged,
        imap_literal_begin,
        imap_malformed,
        imap_step_data,
        imap_step,
        imap_response,
        imap_event_data,
        imap_event,
    ]
}

#: The authenticator callback, `imap_auth_fn`.
imap_auth_fn = CFUNCTYPE(c_int32, c_void_p, c_void_p, c_size_t, c_void_p)

# ---------------------------------------------------------------------------
# Functions. Opaque handles are c_void_p (an int, or None for NULL).


def _fn(name: str, restype: Any, argtypes: List[Any]) -> Any:
    """Declares `name`; returns None when the library lacks it."""
    f = getattr(lib, name, None)
    if f is None:
        return None
    f.restype = restype
    f.argtypes = argtypes
    return f


handle = c_void_p

imap_version = _fn("imap_version", c_char_p, [])
imap_strerror = _fn("imap_strerror", c_char_p, [c_uint32])
imap_error_is_fatal = _fn("imap_error_is_fatal", c_bool, [c_uint32])
imap_limits_default = _fn("imap_limits_default", imap_limits, [])

imap_command_free = _fn("imap_command_free", None, [handle])
imap_cmd_authenticate = _fn("imap_cmd_authenticate", handle, [handle])
imap_cmd_capability = _fn("imap_cmd_capability", handle, [])
imap_cmd_noop = _fn("imap_cmd_noop", handle, [])
imap_cmd_logout = _fn("imap_cmd_logout", handle, [])
imap_cmd_idle = _fn("imap_cmd_idle", handle, [])
imap_cmd_starttls = _fn("imap_cmd_starttls", handle, [])
imap_cmd_login = _fn("imap_cmd_login", handle, [c_char_p, c_char_p])
imap_cmd_select = _fn("imap_cmd_select", handle, [c_char_p, c_bool])
imap_cmd_examine = _fn("imap_cmd_examine", handle, [c_char_p, c_bool])

imap_auth_reply_set = _fn("imap_auth_reply_set", c_uint32, [handle, c_void_p, c_size_t])
imap_authenticator_new = _fn("imap_authenticator_new", handle, [c_char_p, imap_auth_fn, c_void_p])
imap_authenticator_plain = _fn("imap_authenticator_plain", handle, [c_char_p, c_char_p])
imap_authenticator_xoauth2 = _fn("imap_authenticator_xoauth2", handle, [c_char_p, c_char_p])
imap_authenticator_free = _fn("imap_authenticator_free", None, [handle])

imap_connection_new = _fn("imap_connection_new", handle, [])
imap_connection_new_with = _fn("imap_connection_new_with", handle, [POINTER(imap_limits), c_char_p])
imap_connection_free = _fn("imap_connection_free", None, [handle])
imap_src = _fn("imap_src", c_uint32, [handle, c_void_p, c_size_t])
imap_dst = _fn("imap_dst", c_uint32, [handle, c_void_p, c_size_t])
imap_dst_rem = _fn("imap_dst_rem", c_size_t, [handle])
imap_output = _fn("imap_output", c_void_p, [handle, POINTER(c_size_t)])
imap_output_advance = _fn("imap_output_advance", c_uint32, [handle, c_size_t])
imap_idle_stop = _fn("imap_idle_stop", c_uint32, [handle])
imap_is_busy = _fn("imap_is_busy", c_bool, [handle])
imap_error_message = _fn("imap_error_message", c_char_p, [handle])
imap_run = _fn("imap_run", POINTER(imap_step), [handle, handle])

imap_decoder_new = _fn("imap_decoder_new", handle, [POINTER(imap_limits)])
imap_decoder_free = _fn("imap_decoder_free", None, [handle])
imap_decoder_feed = _fn("imap_decoder_feed", c_uint32, [handle, c_void_p, c_size_t])
imap_decoder_next = _fn("imap_decoder_next", POINTER(imap_event), [handle])
imap_decoder_keep = _fn("imap_decoder_keep", handle, [handle])
imap_owned_response_get = _fn("imap_owned_response_get", c_void_p, [handle])
imap_owned_response_free = _fn("imap_owned_response_free", None, [handle])


def _by_address(name: str, argtypes: List[Any]) -> Any:
    """A second prototype of ``name`` returning the struct's address (an int)."""
    f = lib[name]
    f.restype = c_void_p
    f.argtypes = argtypes
    return f


# The same functions returning addresses, for the fast path (imap._fast).
imap_run_at = _by_address("imap_run", [handle, handle])
imap_decoder_next_at = _by_address("imap_decoder_next", [handle])

_REQUIRED = [
    "imap_version", "imap_strerror", "imap_error_is_fatal", "imap_limits_default",
    "imap_command_free", "imap_connection_new", "imap_connection_new_with",
    "imap_connection_free", "imap_src", "imap_dst", "imap_dst_rem", "imap_output",
    "imap_output_advance", "imap_idle_stop", "imap_is_busy", "imap_error_message",
    "imap_run", "imap_decoder_new", "imap_decoder_free", "imap_decoder_feed",
    "imap_decoder_next",
]
_missing = [n for n in _REQUIRED if globals()[n] is None]
if _missing:
    raise ImportError(f"{LIBRARY_PATH}: not a compatible libimap (missing {', '.join(_missing)})")


def version() -> str:
    """The library's version string, e.g. ``"0.1.0"``."""
    v = imap_version()
    return v.decode("ascii", "replace") if v else ""


def string_at(b: imap_bytes) -> Optional[bytes]:
    """The bytes of an ``imap_bytes`` (None for NIL)."""
    p = b.ptr
    if p is None:
        return None
    n = b.len
    return ctypes.string_at(p, n) if n else b""


# ---------------------------------------------------------------------------
# Command constructors (src/ffi/command*). Each is None when the library
# lacks it (an older libimap); the builders then raise NotImplementedError.

IMAP_FETCH_ATTR = {
    "ENVELOPE": 0, "FLAGS": 1, "INTERNAL_DATE": 2, "RFC822": 3, "RFC822_HEADER": 4,
    "RFC822_TEXT": 5, "RFC822_SIZE": 6, "BODY": 7, "BODYSTRUCTURE": 8, "UID": 9,
    "MODSEQ": 10, "GM_MSGID": 11, "GM_THRID": 12, "GM_LABELS": 13, "EMAIL_ID": 14,
    "THREAD_ID": 15, "SAVE_DATE": 16, "PREVIEW": 17, "PREVIEW_LAZY": 18,
}
IMAP_FETCH_MACRO = {"ALL": 0, "FAST": 1, "FULL": 2}
IMAP_STORE_MODE = {"SET": 0, "ADD": 1, "REMOVE": 2}
IMAP_LIST_SELECT = {"SUBSCRIBED": 0, "REMOTE": 1, "RECURSIVE_MATCH": 2, "SPECIAL_USE": 3}
IMAP_LIST_RETURN = {"SUBSCRIBED": 0, "CHILDREN": 1, "SPECIAL_USE": 2}
IMAP_ACL_MODE = {"SET": 0, "ADD": 1, "REMOVE": 2}
IMAP_METADATA_DEPTH = {"DEFAULT": 0, "0": 1, "1": 2, "INFINITY": 3}
IMAP_ENTRY_TYPE = {"PRIV": 0, "SHARED": 1, "ALL": 2}
IMAP_SEARCH_RETURN = {"MIN": 0, "MAX": 1, "ALL": 2, "COUNT": 3, "SAVE": 4}
IMAP_SORT = {
    "ARRIVAL": 0, "CC": 1, "DATE": 2, "FROM": 3, "SIZE": 4, "SUBJECT": 5, "TO": 6,
    "DISPLAY_FROM": 7, "DISPLAY_TO": 8, "REVERSE": 256,
}

#: The constants of the command API, by C type, with their prefix (for the layout test).
COMMAND_ENUMS = {
    "imap_fetch_attr": ("IMAP_FETCH_ATTR_", IMAP_FETCH_ATTR),
    "imap_fetch_macro": ("IMAP_FETCH_MACRO_", IMAP_FETCH_MACRO),
    "imap_store_mode": ("IMAP_STORE_MODE_", IMAP_STORE_MODE),
    "imap_list_select": ("IMAP_LIST_SELECT_", IMAP_LIST_SELECT),
    "imap_list_return": ("IMAP_LIST_RETURN_", IMAP_LIST_RETURN),
    "imap_acl_mode": ("IMAP_ACL_MODE_", IMAP_ACL_MODE),
    "imap_metadata_depth": ("IMAP_METADATA_DEPTH_", IMAP_METADATA_DEPTH),
    "imap_entry_type": ("IMAP_ENTRY_TYPE_", IMAP_ENTRY_TYPE),
    "imap_search_return": ("IMAP_SEARCH_RETURN_", IMAP_SEARCH_RETURN),
    "imap_sort_criterion": ("IMAP_SORT_", IMAP_SORT),
}


class imap_qresync(Structure):
    _fields_ = [
        ("uid_validity", c_uint32),
        ("mod_seq", c_uint64),
        ("known_uids", c_char_p),
        ("match_seqs", c_char_p),
        ("match_uids", c_char_p),
    ]


class imap_date(Structure):
    _fields_ = [("year", c_uint16), ("month", c_uint8), ("day", c_uint8)]


STRUCTS["imap_qresync"] = imap_qresync
STRUCTS["imap_date"] = imap_date

c_str_array = POINTER(c_char_p)
P_u64 = POINTER(c_uint64)
P_u32 = POINTER(c_uint32)
P_handle = POINTER(c_void_p)
P_date_time = POINTER(imap_date_time)

for _name in [
    "compress_deflate", "unauthenticate", "namespace", "check", "close", "unselect", "expunge",
]:
    globals()[f"imap_cmd_{_name}"] = _fn(f"imap_cmd_{_name}", handle, [])

imap_cmd_uid_expunge = _fn("imap_cmd_uid_expunge", handle, [c_char_p])
imap_cmd_id = _fn("imap_cmd_id", handle, [c_str_array, c_str_array, c_size_t])
imap_cmd_enable = _fn("imap_cmd_enable", handle, [c_str_array, c_size_t])

imap_fetch_items_new = _fn("imap_fetch_items_new", handle, [])
imap_fetch_items_macro = _fn("imap_fetch_items_macro", handle, [c_uint32])
imap_fetch_items_add = _fn("imap_fetch_items_add", c_bool, [handle, c_uint32])
imap_fetch_items_add_body = _fn("imap_fetch_items_add_body", c_bool, [handle, c_char_p, c_bool])
imap_fetch_items_add_body_partial = _fn(
    "imap_fetch_items_add_body_partial", c_bool, [handle, c_char_p, c_bool, c_uint32, c_uint32]
)
imap_fetch_items_add_binary = _fn("imap_fetch_items_add_binary", c_bool, [handle, c_char_p, c_bool])
imap_fetch_items_add_binary_partial = _fn(
    "imap_fetch_items_add_binary_partial", c_bool, [handle, c_char_p, c_bool, c_uint32, c_uint32]
)
imap_fetch_items_add_binary_size = _fn("imap_fetch_items_add_binary_size", c_bool, [handle, c_char_p])
imap_fetch_items_free = _fn("imap_fetch_items_free", None, [handle])
imap_cmd_fetch = _fn("imap_cmd_fetch", handle, [c_bool, c_char_p, handle, P_u64, c_bool])
imap_cmd_store = _fn(
    "imap_cmd_store", handle, [c_bool, c_char_p, c_uint32, c_bool, c_str_array, c_size_t, P_u64]
)
imap_cmd_store_labels = _fn(
    "imap_cmd_store_labels", handle, [c_bool, c_char_p, c_uint32, c_bool, c_str_array, c_size_t, P_u64]
)

for _name in ["select_qresync", "examine_qresync", "select_wire", "examine_wire"]:
    globals()[f"imap_cmd_{_name}"] = _fn(
        f"imap_cmd_{_name}", handle, [c_char_p, c_bool, POINTER(imap_qresync)]
    )
imap_cmd_create = _fn("imap_cmd_create", handle, [c_char_p, c_str_array, c_size_t])
imap_cmd_delete = _fn("imap_cmd_delete", handle, [c_char_p])
imap_cmd_rename = _fn("imap_cmd_rename", handle, [c_char_p, c_char_p])
imap_cmd_subscribe = _fn("imap_cmd_subscribe", handle, [c_char_p])
imap_cmd_unsubscribe = _fn("imap_cmd_unsubscribe", handle, [c_char_p])
imap_list_options_new = _fn("imap_list_options_new", handle, [])
imap_list_options_select = _fn("imap_list_options_select", c_bool, [handle, c_uint32])
imap_list_options_return = _fn("imap_list_options_return", c_bool, [handle, c_uint32])
imap_list_options_return_status = _fn("imap_list_options_return_status", c_bool, [handle, P_u32, c_size_t])
imap_list_options_free = _fn("imap_list_options_free", None, [handle])
imap_cmd_list = _fn("imap_cmd_list", handle, [c_char_p, c_char_p])
imap_cmd_list_extended = _fn("imap_cmd_list_extended", handle, [c_char_p, c_str_array, c_size_t, handle])
imap_cmd_lsub = _fn("imap_cmd_lsub", handle, [c_char_p, c_char_p])
imap_cmd_status = _fn("imap_cmd_status", handle, [c_char_p, P_u32, c_size_t])
imap_cmd_append = _fn(
    "imap_cmd_append", handle, [c_char_p, c_void_p, c_size_t, c_str_array, c_size_t, P_date_time, c_bool]
)
imap_append_new = _fn("imap_append_new", handle, [c_char_p])
imap_append_add = _fn(
    "imap_append_add", c_bool, [handle, c_void_p, c_size_t, c_str_array, c_size_t, P_date_time, c_bool]
)
imap_append_free = _fn("imap_append_free", None, [handle])
imap_cmd_append_multi = _fn("imap_cmd_append_multi", handle, [handle])
imap_cmd_copy = _fn("imap_cmd_copy", handle, [c_bool, c_char_p, c_char_p])
imap_cmd_move = _fn("imap_cmd_move", handle, [c_bool, c_char_p, c_char_p])
imap_cmd_get_quota = _fn("imap_cmd_get_quota", handle, [c_char_p])
imap_cmd_get_quota_root = _fn("imap_cmd_get_quota_root", handle, [c_char_p])
imap_cmd_set_quota = _fn("imap_cmd_set_quota", handle, [c_char_p, c_str_array, P_u64, c_size_t])
imap_cmd_get_acl = _fn("imap_cmd_get_acl", handle, [c_char_p])
imap_cmd_set_acl = _fn("imap_cmd_set_acl", handle, [c_char_p, c_char_p, c_uint32, c_char_p])
imap_cmd_delete_acl = _fn("imap_cmd_delete_acl", handle, [c_char_p, c_char_p])
imap_cmd_my_rights = _fn("imap_cmd_my_rights", handle, [c_char_p])
imap_cmd_list_rights = _fn("imap_cmd_list_rights", handle, [c_char_p, c_char_p])
imap_cmd_get_metadata = _fn("imap_cmd_get_metadata", handle, [c_char_p, P_u64, c_uint32, c_str_array, c_size_t])
imap_cmd_set_metadata = _fn("imap_cmd_set_metadata", handle, [c_char_p, c_str_array, c_str_array, c_size_t])

imap_raw_atom = _fn("imap_raw_atom", handle, [c_char_p])
imap_raw_string = _fn("imap_raw_string", handle, [c_char_p])
imap_raw_mailbox = _fn("imap_raw_mailbox", handle, [c_char_p])
imap_raw_mailbox_wire = _fn("imap_raw_mailbox_wire", handle, [c_char_p])
imap_raw_number = _fn("imap_raw_number", handle, [c_uint64])
imap_raw_set = _fn("imap_raw_set", handle, [c_char_p])
imap_raw_literal = _fn("imap_raw_literal", handle, [c_void_p, c_size_t])
imap_raw_list = _fn("imap_raw_list", handle, [P_handle, c_size_t])
imap_raw_arg_free = _fn("imap_raw_arg_free", None, [handle])
imap_cmd_raw = _fn("imap_cmd_raw", handle, [c_char_p, P_handle, c_size_t])

imap_search_key_free = _fn("imap_search_key_free", None, [handle])
for _name in [
    "all", "answered", "deleted", "draft", "flagged", "new", "old", "recent", "seen",
    "unanswered", "undeleted", "undraft", "unflagged", "unseen", "save_date_supported",
]:
    globals()[f"imap_key_{_name}"] = _fn(f"imap_key_{_name}", handle, [])
for _name in [
    "bcc", "body", "cc", "from", "subject", "text", "to", "keyword", "unkeyword", "uid", "seq",
    "gm_raw", "gm_labels", "email_id", "thread_id",
]:
    globals()[f"imap_key_{_name}"] = _fn(f"imap_key_{_name}", handle, [c_char_p])
imap_key_header = _fn("imap_key_header", handle, [c_char_p, c_char_p])
for _name in ["larger", "smaller", "modseq", "gm_msgid", "gm_thrid"]:
    globals()[f"imap_key_{_name}"] = _fn(f"imap_key_{_name}", handle, [c_uint64])
for _name in ["older", "younger"]:
    globals()[f"imap_key_{_name}"] = _fn(f"imap_key_{_name}", handle, [c_uint32])
for _name in [
    "before", "on", "since", "sent_before", "sent_on", "sent_since", "saved_before", "saved_on", "saved_since",
]:
    globals()[f"imap_key_{_name}"] = _fn(f"imap_key_{_name}", handle, [imap_date])
imap_key_not = _fn("imap_key_not", handle, [handle])
imap_key_or = _fn("imap_key_or", handle, [handle, handle])
imap_key_and = _fn("imap_key_and", handle, [P_handle, c_size_t])
imap_key_modseq_entry = _fn("imap_key_modseq_entry", handle, [c_char_p, c_uint32, c_uint64])
imap_cmd_search = _fn("imap_cmd_search", handle, [c_bool, c_char_p, P_handle, c_size_t])
imap_cmd_esearch = _fn("imap_cmd_esearch", handle, [c_bool, P_u32, c_size_t, c_char_p, P_handle, c_size_t])
imap_cmd_sort = _fn("imap_cmd_sort", handle, [c_bool, P_u32, c_size_t, c_char_p, P_handle, c_size_t])
imap_cmd_thread = _fn("imap_cmd_thread", handle, [c_bool, c_char_p, c_char_p, P_handle, c_size_t])


def sym(name: str) -> Any:
    """A declared function, or NotImplementedError if the library lacks it."""
    f = globals().get(name)
    if f is None:
        raise NotImplementedError(f"{name}: not in this libimap ({LIBRARY_PATH})")
    return f


# ---------------------------------------------------------------------------
# Core services the package calls instead of re-implementing them (issue 13):
# modified UTF-7 (src/ffi/names.rs), FETCH item syntax (src/ffi/command/fetch.rs)
# and the canonical printer (src/ffi/print.rs).

P_size = POINTER(c_size_t)
imap_mutf7_encode = _fn("imap_mutf7_encode", c_size_t, [c_void_p, c_size_t, c_void_p, c_size_t])
imap_mutf7_decode = _fn("imap_mutf7_decode", c_size_t, [c_void_p, c_size_t, c_void_p, c_size_t])
imap_mutf7_decode_strict = _fn(
    "imap_mutf7_decode_strict", c_bool, [c_void_p, c_size_t, c_void_p, c_size_t, P_size]
)


def into_buffer(call: Any, guess: int) -> bytes:
    """The bytes a ``(out, cap) -> full length`` C function writes, with a
    second call when ``guess`` bytes were too few."""
    buf = ctypes.create_string_buffer(max(guess, 1))
    n = call(buf, len(buf))
    if n > len(buf):
        buf = ctypes.create_string_buffer(n)
        n = call(buf, n)
    return buf.raw[:n]
imap_fetch_items_add_text = _fn("imap_fetch_items_add_text", c_bool, [handle, c_char_p])
IMAP_PRINT_FORMAT = {"SEXP": 0, "JSON": 1}
COMMAND_ENUMS["imap_print_format"] = ("IMAP_PRINT_", IMAP_PRINT_FORMAT)
imap_printer_new = _fn("imap_printer_new", handle, [c_uint32, POINTER(imap_limits)])
imap_printer_free = _fn("imap_printer_free", None, [handle])
imap_printer_feed = _fn("imap_printer_feed", c_uint32, [handle, c_void_p, c_size_t])
imap_printer_next = _fn("imap_printer_next", imap_bytes, [handle])
