//! FETCH response items (RFC 9051 `msg-att`, plus CONDSTORE, OBJECTID,
//! SAVEDATE, PREVIEW and Gmail items) and body section specifiers.

use super::{BodyStructure, Bytes, DateTime, Envelope, Flag, NString, Slice};
use super::names::names;

names! {
    /// The name of a FETCH data item, in responses (`msg-att`) and
    /// commands: the one table of these names, used by the decoder, the
    /// encoder and the C ABI.
    pub enum FetchItemName {
        /// `UID`
        Uid = b"UID",
        /// `FLAGS`
        Flags = b"FLAGS",
        /// `MODSEQ` (RFC 7162)
        ModSeq = b"MODSEQ",
        /// `RFC822.SIZE`
        Rfc822Size = b"RFC822.SIZE",
        /// `INTERNALDATE`
        InternalDate = b"INTERNALDATE",
        /// `ENVELOPE`
        Envelope = b"ENVELOPE",
        /// `BODYSTRUCTURE`
        BodyStructure = b"BODYSTRUCTURE",
        /// `BODY`: the structure, or with a section, its data
        Body = b"BODY",
        /// `BINARY[...]` (RFC 3516)
        Binary = b"BINARY",
        /// `BINARY.SIZE[...]` (RFC 3516)
        BinarySize = b"BINARY.SIZE",
        /// `RFC822` (IMAP4rev1)
        Rfc822 = b"RFC822",
        /// `RFC822.HEADER` (IMAP4rev1)
        Rfc822Header = b"RFC822.HEADER",
        /// `RFC822.TEXT` (IMAP4rev1)
        Rfc822Text = b"RFC822.TEXT",
        /// `EMAILID` (RFC 8474)
        EmailId = b"EMAILID",
        /// `THREADID` (RFC 8474)
        ThreadId = b"THREADID",
        /// `SAVEDATE` (RFC 8514)
        SaveDate = b"SAVEDATE",
        /// `PREVIEW` (RFC 8970)
        Preview = b"PREVIEW",
        /// `X-GM-MSGID` (Gmail)
        GmMsgId = b"X-GM-MSGID",
        /// `X-GM-THRID` (Gmail)
        GmThrId = b"X-GM-THRID",
        /// `X-GM-LABELS` (Gmail)
        GmLabels = b"X-GM-LABELS",
    }
}

/// A body section specifier: the part of `BODY[1.2.HEADER]` in brackets.
///
/// `BODY[]` is `Section { part: [], text: None }`; `BODY[1]` is
/// `Section { part: [1], text: None }`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Section<'a> {
    /// The part path, e.g. `[1, 2]` for `1.2`.
    pub part: Slice<'a, u32>,
    /// What of that part, if not the whole part.
    pub text: Option<SectionText<'a>>,
}

/// The text specifier of a section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SectionText<'a> {
    /// `HEADER`
    Header,
    /// `HEADER.FIELDS (names...)`
    HeaderFields(Slice<'a, Bytes<'a>>),
    /// `HEADER.FIELDS.NOT (names...)`
    HeaderFieldsNot(Slice<'a, Bytes<'a>>),
    /// `TEXT`
    Text,
    /// `MIME` (only after a part number)
    Mime,
}

/// One item of a FETCH response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchItem<'a> {
    /// `FLAGS (...)`
    Flags(&'a [Flag<'a>]),
    /// `ENVELOPE (...)`
    Envelope(&'a Envelope<'a>),
    /// `INTERNALDATE "..."`
    InternalDate(DateTime),
    /// `RFC822.SIZE n`
    Rfc822Size(u64),
    /// `RFC822 data` (IMAP4rev1)
    Rfc822(NString<'a>),
    /// `RFC822.HEADER data` (IMAP4rev1)
    Rfc822Header(NString<'a>),
    /// `RFC822.TEXT data` (IMAP4rev1)
    Rfc822Text(NString<'a>),
    /// `BODY (...)`: the non-extensible structure.
    Body(&'a BodyStructure<'a>),
    /// `BODYSTRUCTURE (...)`
    BodyStructure(&'a BodyStructure<'a>),
    /// `BODY[section]<origin> data`
    BodySection {
        /// Which section.
        section: Section<'a>,
        /// The origin octet of a partial fetch, `<origin>`.
        origin: Option<u32>,
        /// The data; `None` for NIL.
        data: NString<'a>,
    },
    /// `BINARY[part] data` (RFC 3516)
    Binary {
        /// The part path.
        part: &'a [u32],
        /// The origin octet of a partial fetch.
        origin: Option<u32>,
        /// The decoded data; `None` for NIL.
        data: NString<'a>,
    },
    /// `BINARY.SIZE[part] n` (RFC 3516)
    BinarySize {
        /// The part path.
        part: &'a [u32],
        /// Decoded size in octets.
        size: u64,
    },
    /// `UID n`
    Uid(u32),
    /// `MODSEQ (n)` (RFC 7162)
    ModSeq(u64),
    /// `EMAILID (id)` (RFC 8474)
    EmailId(Bytes<'a>),
    /// `THREADID (id)` or `THREADID NIL` (RFC 8474)
    ThreadId(NString<'a>),
    /// `SAVEDATE "..."` or `SAVEDATE NIL` (RFC 8514)
    SaveDate(Option<DateTime>),
    /// `PREVIEW data` (RFC 8970)
    Preview(NString<'a>),
    /// `X-GM-MSGID n`
    GmMsgId(u64),
    /// `X-GM-THRID n`
    GmThrId(u64),
    /// `X-GM-LABELS (...)`; system labels keep their backslash (`\Inbox`).
    GmLabels(&'a [Bytes<'a>]),
    /// Any other item, or a known item whose value did not parse: its name
    /// and the raw bytes of its value.
    Other {
        /// The item name as sent, e.g. `X-CUSTOM` or `MODSEQ`.
        name: Bytes<'a>,
        /// The value, verbatim.
        value: Bytes<'a>,
    },
}
