//! Raw byte strings: IMAP data is bytes, not necessarily UTF-8.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

/// A byte string from the wire or for the wire.
///
/// Decoded values borrow from the decoder: from its input buffer, or, for
/// a quoted string that contained escapes, from its arena. Values built
/// for commands may own their bytes.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Bytes<'a>(pub Cow<'a, [u8]>);

impl<'a> Bytes<'a> {
    /// Borrows `b` without copying.
    pub const fn borrowed(b: &'a [u8]) -> Self {
        Bytes(Cow::Borrowed(b))
    }

    /// Takes ownership of `v`.
    pub fn owned(v: Vec<u8>) -> Bytes<'static> {
        Bytes(Cow::Owned(v))
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes as UTF-8 text, if they are valid UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.0).ok()
    }

    /// The bytes as text, with invalid UTF-8 replaced by U+FFFD.
    pub fn to_str_lossy(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.0)
    }

    /// Whether the bytes equal `other`, ignoring ASCII case. Inlined: the
    /// BODYSTRUCTURE parser calls it for every part (a call costs 100
    /// instructions per response of benchmark (b)).
    #[inline]
    pub fn eq_ignore_ascii_case(&self, other: &[u8]) -> bool {
        self.0.eq_ignore_ascii_case(other)
    }

    /// An owned copy that no longer borrows from the decoder.
    pub fn into_owned(self) -> Bytes<'static> {
        Bytes(Cow::Owned(self.0.into_owned()))
    }
}

impl Deref for Bytes<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl AsRef<[u8]> for Bytes<'_> {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl<'a> From<&'a [u8]> for Bytes<'a> {
    fn from(b: &'a [u8]) -> Self {
        Bytes::borrowed(b)
    }
}

impl<'a, const N: usize> From<&'a [u8; N]> for Bytes<'a> {
    fn from(b: &'a [u8; N]) -> Self {
        Bytes::borrowed(b)
    }
}

impl<'a> From<&'a str> for Bytes<'a> {
    fn from(s: &'a str) -> Self {
        Bytes::borrowed(s.as_bytes())
    }
}

impl From<Vec<u8>> for Bytes<'static> {
    fn from(v: Vec<u8>) -> Self {
        Bytes::owned(v)
    }
}

impl From<String> for Bytes<'static> {
    fn from(s: String) -> Self {
        Bytes::owned(s.into_bytes())
    }
}

impl fmt::Debug for Bytes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "b\"{}\"", self.0.escape_ascii())
    }
}

/// An IMAP `nstring`: a string or `NIL`.
pub type NString<'a> = Option<Bytes<'a>>;
