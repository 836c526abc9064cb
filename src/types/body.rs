//! BODY and BODYSTRUCTURE (RFC 9051 `body` and its parts), with all
//! extension data kept.

use super::{Bytes, Envelope, NString};

/// A MIME body structure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodyStructure<'a> {
    /// A non-multipart part.
    Single {
        /// Media type specifics.
        kind: SinglePart<'a>,
        /// The fields common to all non-multipart parts.
        fields: BodyFields<'a>,
        /// Extension data; `None` for the non-extensible BODY form.
        ext: Option<&'a SinglePartExt<'a>>,
    },
    /// A multipart part.
    Multi {
        /// The parts (some servers send none).
        parts: &'a [BodyStructure<'a>],
        /// The multipart subtype, e.g. `MIXED`.
        subtype: Bytes<'a>,
        /// Extension data; `None` for the non-extensible BODY form.
        ext: Option<&'a MultiPartExt<'a>>,
    },
}

/// What distinguishes the three kinds of non-multipart part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SinglePart<'a> {
    /// Any type but TEXT and MESSAGE/RFC822 (or a MESSAGE/RFC822 part sent
    /// without its envelope, as Gmail sometimes does).
    Basic {
        /// Top-level media type, e.g. `APPLICATION`.
        media_type: Bytes<'a>,
        /// Subtype, e.g. `PDF`.
        subtype: Bytes<'a>,
    },
    /// TEXT/*.
    Text {
        /// Subtype, e.g. `PLAIN`.
        subtype: Bytes<'a>,
        /// Size in lines.
        lines: u64,
    },
    /// MESSAGE/RFC822 or MESSAGE/GLOBAL with its nested message.
    Message {
        /// `RFC822` or `GLOBAL`.
        subtype: Bytes<'a>,
        /// Envelope of the nested message.
        envelope: &'a Envelope<'a>,
        /// Body structure of the nested message.
        body: &'a BodyStructure<'a>,
        /// Size in lines.
        lines: u64,
    },
}

/// `body-fields`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct BodyFields<'a> {
    /// Content-Type parameters (attribute, value). A `NIL` value, which some
    /// servers send, is `None`.
    pub params: &'a [(Bytes<'a>, NString<'a>)],
    /// Content-ID.
    pub id: NString<'a>,
    /// Content-Description.
    pub description: NString<'a>,
    /// Content-Transfer-Encoding (empty when the server sent `NIL`).
    pub encoding: Bytes<'a>,
    /// Size in octets (a negative size, sent by some servers, becomes 0).
    pub octets: u32,
}

/// `body-fld-dsp`: Content-Disposition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disposition<'a> {
    /// e.g. `attachment`.
    pub kind: Bytes<'a>,
    /// Disposition parameters, e.g. `filename`.
    pub params: &'a [(Bytes<'a>, NString<'a>)],
}

/// A future `body-extension` value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodyExtension<'a> {
    /// A string or NIL.
    NString(NString<'a>),
    /// A number.
    Number(u64),
    /// A parenthesised list.
    List(&'a [BodyExtension<'a>]),
    /// Extension data that does not parse (e.g. a bare atom), verbatim:
    /// decoding went on after it. The extension data of a part that does
    /// not parse as a whole (a broken disposition, say) is one such value
    /// in `extensions`, the other fields empty.
    Unparsed(Bytes<'a>),
}

/// `body-ext-1part`: extension data of a non-multipart part. Fields the
/// server did not send are `None` / empty.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SinglePartExt<'a> {
    /// Content-MD5.
    pub md5: NString<'a>,
    /// Content-Disposition.
    pub disposition: Option<Disposition<'a>>,
    /// Content-Language tags.
    pub language: &'a [Bytes<'a>],
    /// Content-Location.
    pub location: NString<'a>,
    /// Further extension data.
    pub extensions: &'a [BodyExtension<'a>],
}

/// `body-ext-mpart`: extension data of a multipart part.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct MultiPartExt<'a> {
    /// Content-Type parameters, e.g. `boundary`.
    pub params: &'a [(Bytes<'a>, NString<'a>)],
    /// Content-Disposition.
    pub disposition: Option<Disposition<'a>>,
    /// Content-Language tags.
    pub language: &'a [Bytes<'a>],
    /// Content-Location.
    pub location: NString<'a>,
    /// Further extension data.
    pub extensions: &'a [BodyExtension<'a>],
}
