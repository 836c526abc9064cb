//! Modified UTF-7, the IMAP4rev1 mailbox name encoding (RFC 3501 section 5.1.3).
//!
//! Printable US-ASCII (0x20-0x7E) stands for itself, except `&`, which is
//! written `&-`. Every run of other characters is written as UTF-16BE in
//! base64 (with `,` in place of `/`, no padding) between `&` and `-`.
//!
//! [`encode`] always produces the canonical form; [`decode`] accepts only
//! the canonical form; [`decode_lenient`] is for displaying names that a
//! server may have sent in some other convention.

use std::borrow::Cow;

use base64::alphabet::IMAP_MUTF7;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;

/// Base64 with the modified alphabet (`+` and `,`), never padded, and
/// strict about unused trailing bits when decoding.
const ENGINE: GeneralPurpose = GeneralPurpose::new(
    &IMAP_MUTF7,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(false),
);

/// Why a byte string is not canonical modified UTF-7.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Mutf7Error {
    /// A byte outside printable US-ASCII appears outside a base64 section.
    #[error("byte 0x{byte:02x} at offset {offset} must be base64-encoded")]
    UnencodedByte {
        /// Offset of the byte in the input.
        offset: usize,
        /// The byte.
        byte: u8,
    },
    /// A base64 section is not closed by `-`.
    #[error("base64 section starting at offset {0} is not terminated by '-'")]
    Unterminated(usize),
    /// A base64 section is not valid modified base64 (bad character,
    /// impossible length, or non-zero unused bits).
    #[error("invalid modified base64 in the section starting at offset {0}")]
    BadBase64(usize),
    /// A base64 section does not hold whole UTF-16 code units, or holds an
    /// unpaired surrogate.
    #[error("invalid UTF-16 in the section starting at offset {0}")]
    BadUtf16(usize),
    /// A base64 section encodes a printable US-ASCII character, which must
    /// stand for itself (or `&`, which must be written `&-`).
    #[error("the section starting at offset {0} encodes printable US-ASCII")]
    UnnecessaryEncoding(usize),
    /// A base64 section starts right after another one ended (a null shift
    /// `-&`), instead of the two being one section.
    #[error("null shift: the section at offset {0} directly follows another")]
    NullShift(usize),
}

impl Mutf7Error {
    /// The offset in the input where the fault starts (the byte, or the
    /// `&` of the section).
    pub fn offset(&self) -> usize {
        match *self {
            Mutf7Error::UnencodedByte { offset, .. } => offset,
            Mutf7Error::Unterminated(o)
            | Mutf7Error::BadBase64(o)
            | Mutf7Error::BadUtf16(o)
            | Mutf7Error::UnnecessaryEncoding(o)
            | Mutf7Error::NullShift(o) => o,
        }
    }
}

fn is_printable(c: u32) -> bool {
    (0x20..=0x7e).contains(&c)
}

/// Encodes a mailbox name in modified UTF-7.
///
/// `&` becomes `&-`; each maximal run of characters outside printable
/// US-ASCII becomes one base64 section. The result is printable US-ASCII.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut run: Vec<u8> = Vec::new();
    let flush = |run: &mut Vec<u8>, out: &mut String| {
        if !run.is_empty() {
            out.push('&');
            ENGINE.encode_string(&run, out);
            out.push('-');
            run.clear();
        }
    };
    for c in s.chars() {
        if is_printable(u32::from(c)) {
            flush(&mut run, &mut out);
            out.push(c);
            if c == '&' {
                out.push('-');
            }
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                run.extend_from_slice(&unit.to_be_bytes());
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Decodes a modified UTF-7 mailbox name, strictly.
///
/// Rejects bytes outside printable US-ASCII, unterminated or invalid base64
/// sections, UTF-16 that is cut short or has unpaired surrogates, base64
/// sections that encode printable US-ASCII, and null shifts (`-&` inside
/// an encoded run). So `decode(x)` succeeds exactly when
/// `encode(&decode(x)?) == x`.
pub fn decode(input: &[u8]) -> Result<String, Mutf7Error> {
    let mut out = String::with_capacity(input.len());
    let mut i = 0;
    // End offset of the last base64 section, to detect null shifts.
    let mut last_section_end = None;
    while i < input.len() {
        let b = input[i];
        if b != b'&' {
            if !is_printable(u32::from(b)) {
                return Err(Mutf7Error::UnencodedByte { offset: i, byte: b });
            }
            out.push(char::from(b));
            i += 1;
            continue;
        }
        let start = i;
        let body_start = i + 1;
        let Some(len) = input[body_start..].iter().position(|&c| c == b'-') else {
            return Err(Mutf7Error::Unterminated(start));
        };
        let body = &input[body_start..body_start + len];
        i = body_start + len + 1;
        if body.is_empty() {
            out.push('&');
            continue;
        }
        if last_section_end == Some(start) {
            return Err(Mutf7Error::NullShift(start));
        }
        last_section_end = Some(i);
        let bytes = ENGINE.decode(body).map_err(|_| Mutf7Error::BadBase64(start))?;
        if bytes.len() % 2 != 0 {
            return Err(Mutf7Error::BadUtf16(start));
        }
        let units = bytes.chunks_exact(2).map(|p| u16::from_be_bytes([p[0], p[1]]));
        for c in char::decode_utf16(units) {
            let c = c.map_err(|_| Mutf7Error::BadUtf16(start))?;
            if is_printable(u32::from(c)) {
                return Err(Mutf7Error::UnnecessaryEncoding(start));
            }
            out.push(c);
        }
    }
    Ok(out)
}

/// Decodes a name if it is canonical modified UTF-7, and otherwise returns
/// the input unchanged.
///
/// For showing names from servers that do not follow the convention (for
/// example, ones that send raw UTF-8 or Latin-1). The result is borrowed
/// whenever decoding would not change the bytes.
pub fn decode_lenient(input: &[u8]) -> Cow<'_, [u8]> {
    match decode(input) {
        Ok(s) if s.as_bytes() != input => Cow::Owned(s.into_bytes()),
        _ => Cow::Borrowed(input),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3501_example() {
        let name = "~peter/mail/\u{53f0}\u{5317}/\u{65e5}\u{672c}\u{8a9e}";
        assert_eq!(encode(name), "~peter/mail/&U,BTFw-/&ZeVnLIqe-");
        assert_eq!(decode(b"~peter/mail/&U,BTFw-/&ZeVnLIqe-").unwrap(), name);
    }

    #[test]
    fn ampersand_round_trips() {
        assert_eq!(encode("&"), "&-");
        assert_eq!(decode(b"&-").unwrap(), "&");
        assert_eq!(decode(b"a&-b").unwrap(), "a&b");
        assert_eq!(decode(b"Sent &AOQ-&- Mail").unwrap(), "Sent \u{e4}& Mail");
        assert_eq!(encode("Sent \u{e4}& Mail"), "Sent &AOQ-&- Mail");
    }

    #[test]
    fn japanese() {
        assert_eq!(encode("日本語"), "&ZeVnLIqe-");
        assert_eq!(decode(b"&ZeVnLIqe-").unwrap(), "日本語");
    }

    #[test]
    fn german_with_ampersand() {
        assert_eq!(encode("Entwürfe & Co"), "Entw&APw-rfe &- Co");
        assert_eq!(decode(b"Entw&APw-rfe &- Co").unwrap(), "Entwürfe & Co");
        assert_eq!(encode("INBOX/Entwürfe & Co"), "INBOX/Entw&APw-rfe &- Co");
    }

    #[test]
    fn control_characters_are_encoded() {
        assert_eq!(encode("\t"), "&AAk-");
        assert_eq!(decode(b"&AAk-").unwrap(), "\t");
        assert_eq!(encode("a\u{7f}"), "a&AH8-");
    }

    #[test]
    fn surrogate_pairs() {
        // U+1F600 is D83D DE00 in UTF-16.
        assert_eq!(encode("\u{1f600}"), "&2D3eAA-");
        assert_eq!(decode(b"&2D3eAA-").unwrap(), "\u{1f600}");
        assert_eq!(encode("x\u{1f4e7}y\u{e9}"), "x&2D3c5w-y&AOk-");
        assert_eq!(decode(b"x&2D3c5w-y&AOk-").unwrap(), "x\u{1f4e7}y\u{e9}");
    }

    #[test]
    fn plain_ascii_is_unchanged() {
        assert_eq!(encode("INBOX.Sent Items"), "INBOX.Sent Items");
        assert_eq!(decode(b"INBOX.Sent Items").unwrap(), "INBOX.Sent Items");
        assert_eq!(encode(""), "");
        assert_eq!(decode(b"").unwrap(), "");
    }

    #[test]
    fn strict_rejections() {
        assert_eq!(decode(b"bad&Zz"), Err(Mutf7Error::Unterminated(3)));
        assert_eq!(decode(b"&ZeVnLIqe"), Err(Mutf7Error::Unterminated(0)));
        assert_eq!(decode(b"&Ze/nLIqe-"), Err(Mutf7Error::BadBase64(0)));
        assert_eq!(decode(b"&ZeVnLIqe=-"), Err(Mutf7Error::BadBase64(0)));
        // "AOR" has non-zero unused bits (the canonical form is "AOQ").
        assert_eq!(decode(b"&AOR-"), Err(Mutf7Error::BadBase64(0)));
        // One byte is not a UTF-16 code unit.
        assert_eq!(decode(b"&AA-"), Err(Mutf7Error::BadUtf16(0)));
        // A lone high surrogate, D83D.
        assert_eq!(decode(b"&2D0-"), Err(Mutf7Error::BadUtf16(0)));
        // A lone low surrogate, DE00.
        assert_eq!(decode(b"&3gA-"), Err(Mutf7Error::BadUtf16(0)));
        // "a" (0x0061) and "&" (0x0026) must not be encoded.
        assert_eq!(decode(b"&AGE-"), Err(Mutf7Error::UnnecessaryEncoding(0)));
        assert_eq!(decode(b"&ACY-"), Err(Mutf7Error::UnnecessaryEncoding(0)));
        // Raw 8-bit and control bytes.
        assert_eq!(decode("ü".as_bytes()), Err(Mutf7Error::UnencodedByte { offset: 0, byte: 0xc3 }));
        assert_eq!(decode(b"a\tb"), Err(Mutf7Error::UnencodedByte { offset: 1, byte: 9 }));
        // Two adjacent sections (a null shift).
        assert_eq!(decode(b"&AOQ-&APw-"), Err(Mutf7Error::NullShift(5)));
    }

    #[test]
    fn lenient() {
        assert_eq!(&*decode_lenient(b"bad&Zz"), b"bad&Zz");
        assert_eq!(&*decode_lenient("Entwürfe".as_bytes()), "Entwürfe".as_bytes());
        assert_eq!(&*decode_lenient(b"Entw&APw-rfe"), "Entwürfe".as_bytes());
        assert!(matches!(decode_lenient(b"INBOX"), Cow::Borrowed(_)));
    }

    proptest::proptest! {
        #[test]
        fn round_trip(s in "\\PC*") {
            let e = encode(&s);
            proptest::prop_assert!(e.bytes().all(|b| (0x20..=0x7e).contains(&b)));
            proptest::prop_assert_eq!(decode(e.as_bytes()).unwrap(), s);
        }

        #[test]
        fn round_trip_any_chars(s in proptest::collection::vec(proptest::char::any(), 0..40)) {
            let s: String = s.into_iter().collect();
            proptest::prop_assert_eq!(decode(encode(&s).as_bytes()).unwrap(), s);
        }

        #[test]
        fn decode_accepts_only_canonical(b in proptest::collection::vec(proptest::sample::select(
            b"&-AZaz09+,/ \x01\xc3".to_vec()), 0..16)) {
            if let Ok(s) = decode(&b) {
                let again = encode(&s);
                proptest::prop_assert_eq!(again.as_bytes(), &b[..]);
            }
        }
    }
}
