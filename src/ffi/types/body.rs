//! Body structures and sections. C declarations and their conversion from the Rust types.

use super::*;

/// A Content-Disposition.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_disposition {
    /// e.g. `attachment`.
    pub kind: imap_bytes,
    /// Its parameters.
    pub params: imap_pair_list,
}

/// Kinds of [`imap_body_extension`].
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_body_extension_kind {
    /// A string or NIL: `string`.
    String = 0,
    /// A number: `number`.
    Number = 1,
    /// A list: `items`, `len`.
    List = 2,
    /// Extension data that did not parse, verbatim: `string`.
    Unparsed = 3,
}

/// Future extension data of a body part.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_body_extension {
    /// Which kind.
    pub kind: imap_body_extension_kind,
    /// The string (NIL for NIL).
    pub string: imap_bytes,
    /// The number.
    pub number: u64,
    /// The elements of a list.
    pub items: *const imap_body_extension,
    /// How many.
    pub len: usize,
}

/// Kinds of [`imap_body`].
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_body_kind {
    /// A non-text, non-message single part.
    Basic = 0,
    /// TEXT/*: `lines` is set.
    Text = 1,
    /// MESSAGE/RFC822 or GLOBAL: `envelope`, `body` and `lines` are set.
    Message = 2,
    /// A multipart: `parts`, `parts_len` are set.
    Multipart = 3,
}

/// A BODY or BODYSTRUCTURE. Fields that do not apply to the kind are
/// zero or NIL.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_body {
    /// Which kind.
    pub kind: imap_body_kind,
    /// Media type (e.g. `TEXT`; NIL for a multipart).
    pub media_type: imap_bytes,
    /// Subtype (e.g. `PLAIN`, or the multipart subtype `MIXED`).
    pub subtype: imap_bytes,
    /// Content-Type parameters (single parts; for a multipart, those of
    /// its extension data).
    pub params: imap_pair_list,
    /// Content-ID.
    pub id: imap_bytes,
    /// Content-Description.
    pub description: imap_bytes,
    /// Content-Transfer-Encoding.
    pub encoding: imap_bytes,
    /// Size in octets.
    pub octets: u32,
    /// Size in lines (TEXT, MESSAGE).
    pub lines: u64,
    /// Envelope of the nested message (MESSAGE), else NULL.
    pub envelope: *const imap_envelope,
    /// Body of the nested message (MESSAGE), else NULL.
    pub body: *const imap_body,
    /// Parts of a multipart.
    pub parts: *const imap_body,
    /// How many parts.
    pub parts_len: usize,
    /// Whether extension data was sent (the fields below).
    pub has_extension: bool,
    /// Content-MD5 (single parts).
    pub md5: imap_bytes,
    /// Content-Disposition, or NULL.
    pub disposition: *const imap_disposition,
    /// Content-Language.
    pub language: imap_bytes_list,
    /// Content-Location.
    pub location: imap_bytes,
    /// Further extension data.
    pub extensions: *const imap_body_extension,
    /// How many.
    pub extensions_len: usize,
}

/// Kinds of section text.
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_section_kind {
    /// The whole part (`BODY[]`, `BODY[1]`).
    All = 0,
    /// `HEADER`
    Header = 1,
    /// `HEADER.FIELDS (...)`; `fields`.
    HeaderFields = 2,
    /// `HEADER.FIELDS.NOT (...)`; `fields`.
    HeaderFieldsNot = 3,
    /// `TEXT`
    Text = 4,
    /// `MIME`
    Mime = 5,
}

/// A body section specifier.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_section {
    /// The part path (`1.2` is {1, 2}).
    pub part: imap_u32_list,
    /// What of the part.
    pub kind: imap_section_kind,
    /// Header field names.
    pub fields: imap_bytes_list,
}

pub(crate) fn body_extensions(a: &Arena, v: &[BodyExtension<'_>]) -> (*const imap_body_extension, usize) {
    a.slice(v.iter().map(|x| {
        let mut e = imap_body_extension {
            kind: imap_body_extension_kind::String,
            string: imap_bytes::NIL,
            number: 0,
            items: std::ptr::null(),
            len: 0,
        };
        match x {
            BodyExtension::NString(s) => e.string = nstring(a, s),
            BodyExtension::Number(n) => {
                e.kind = imap_body_extension_kind::Number;
                e.number = *n;
            }
            BodyExtension::List(l) => {
                e.kind = imap_body_extension_kind::List;
                (e.items, e.len) = body_extensions(a, l);
            }
            BodyExtension::Unparsed(r) => {
                e.kind = imap_body_extension_kind::Unparsed;
                e.string = bytes(a, r);
            }
        }
        e
    }))
}

pub(crate) fn disposition(a: &Arena, d: &Option<Disposition<'_>>) -> *const imap_disposition {
    match d {
        None => std::ptr::null(),
        Some(d) => {
            let v = imap_disposition { kind: bytes(a, &d.kind), params: pairs(a, d.params) };
            a.boxed(v)
        }
    }
}

pub(crate) fn body(a: &Arena, b: &BodyStructure<'_>) -> imap_body {
    let mut out = imap_body {
        kind: imap_body_kind::Basic,
        media_type: imap_bytes::NIL,
        subtype: imap_bytes::NIL,
        params: imap_pair_list { items: std::ptr::null(), len: 0 },
        id: imap_bytes::NIL,
        description: imap_bytes::NIL,
        encoding: imap_bytes::NIL,
        octets: 0,
        lines: 0,
        envelope: std::ptr::null(),
        body: std::ptr::null(),
        parts: std::ptr::null(),
        parts_len: 0,
        has_extension: false,
        md5: imap_bytes::NIL,
        disposition: std::ptr::null(),
        language: imap_bytes_list { items: std::ptr::null(), len: 0 },
        location: imap_bytes::NIL,
        extensions: std::ptr::null(),
        extensions_len: 0,
    };
    match b {
        BodyStructure::Single { kind, fields, ext } => {
            out.params = pairs(a, fields.params);
            out.id = nstring(a, &fields.id);
            out.description = nstring(a, &fields.description);
            out.encoding = bytes(a, &fields.encoding);
            out.octets = fields.octets;
            match kind {
                SinglePart::Basic { media_type, subtype } => {
                    out.media_type = bytes(a, media_type);
                    out.subtype = bytes(a, subtype);
                }
                SinglePart::Text { subtype, lines } => {
                    out.kind = imap_body_kind::Text;
                    out.media_type = imap_bytes::of(b"TEXT");
                    out.subtype = bytes(a, subtype);
                    out.lines = *lines;
                }
                SinglePart::Message { subtype, envelope: env, body: inner, lines } => {
                    out.kind = imap_body_kind::Message;
                    out.media_type = imap_bytes::of(b"MESSAGE");
                    out.subtype = bytes(a, subtype);
                    out.envelope = envelope(a, env);
                    let inner = body(a, inner);
                    out.body = a.boxed(inner);
                    out.lines = *lines;
                }
            }
            if let Some(e) = ext {
                out.has_extension = true;
                out.md5 = nstring(a, &e.md5);
                out.disposition = disposition(a, &e.disposition);
                out.language = bytes_list(a, e.language);
                out.location = nstring(a, &e.location);
                (out.extensions, out.extensions_len) = body_extensions(a, e.extensions);
            }
        }
        BodyStructure::Multi { parts, subtype, ext } => {
            out.kind = imap_body_kind::Multipart;
            out.subtype = bytes(a, subtype);
            (out.parts, out.parts_len) = a.slice(parts.iter().map(|p| body(a, p)));
            if let Some(e) = ext {
                out.has_extension = true;
                out.params = pairs(a, e.params);
                out.disposition = disposition(a, &e.disposition);
                out.language = bytes_list(a, e.language);
                out.location = nstring(a, &e.location);
                (out.extensions, out.extensions_len) = body_extensions(a, e.extensions);
            }
        }
    }
    out
}

pub(crate) fn section(a: &Arena, s: &Section<'_>) -> imap_section {
    let empty = imap_bytes_list { items: std::ptr::null(), len: 0 };
    let (kind, fields) = match &s.text {
        None => (imap_section_kind::All, empty),
        Some(SectionText::Header) => (imap_section_kind::Header, empty),
        Some(SectionText::Text) => (imap_section_kind::Text, empty),
        Some(SectionText::Mime) => (imap_section_kind::Mime, empty),
        Some(SectionText::HeaderFields(f)) => (imap_section_kind::HeaderFields, bytes_list(a, f)),
        Some(SectionText::HeaderFieldsNot(f)) => (imap_section_kind::HeaderFieldsNot, bytes_list(a, f)),
    };
    imap_section { part: u32_list(a, &s.part), kind, fields }
}
