//! Message flags (RFC 9051 `flag`, `flag-fetch`, `flag-perm`) and mailbox
//! attributes (`mbx-list-flags`, RFC 6154 special-use, RFC 3348 children).

use super::Bytes;

/// A message flag as found in FLAGS, PERMANENTFLAGS, FETCH FLAGS and STORE.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Flag<'a> {
    /// `\Answered`
    Answered,
    /// `\Flagged`
    Flagged,
    /// `\Deleted`
    Deleted,
    /// `\Seen`
    Seen,
    /// `\Draft`
    Draft,
    /// `\Recent` (IMAP4rev1 only; deprecated in IMAP4rev2).
    Recent,
    /// `\*` in PERMANENTFLAGS: new keywords may be created.
    Wildcard,
    /// A keyword without backslash, e.g. `$Forwarded` or `NonJunk`.
    Keyword(Bytes<'a>),
    /// Any other `\Name`; holds the name without the backslash.
    Extension(Bytes<'a>),
    /// Something in a server's flag list that is not a flag (e.g. a
    /// parenthesised group), verbatim: decoding went on after it. Never
    /// sent in a command.
    Unparsed(Bytes<'a>),
}

/// The flags written `\name` that have a variant of their own, by the
/// name after the backslash in the RFCs' spelling.
const SYSTEM_FLAGS: [(&[u8], Flag<'static>); 7] = [
    (b"Answered", Flag::Answered),
    (b"Flagged", Flag::Flagged),
    (b"Deleted", Flag::Deleted),
    (b"Seen", Flag::Seen),
    (b"Draft", Flag::Draft),
    (b"Recent", Flag::Recent),
    (b"*", Flag::Wildcard),
];

impl<'a> Flag<'a> {
    /// The flag written `\name`, for `name` without its backslash: a
    /// system flag (compared case-insensitively), [`Flag::Wildcard`] for
    /// `*`, or an [`Flag::Extension`].
    #[inline]
    pub fn from_name(name: &'a [u8]) -> Flag<'a> {
        let exact = SYSTEM_FLAGS.iter().find(|(n, _)| *n == name);
        match exact.or_else(|| SYSTEM_FLAGS.iter().find(|(n, _)| n.eq_ignore_ascii_case(name))) {
            Some((_, f)) => f.clone(),
            None => Flag::Extension(Bytes::borrowed(name)),
        }
    }

    /// The name of a flag written with a backslash, without the backslash,
    /// in the RFCs' spelling (`*` for [`Flag::Wildcard`]); None for
    /// keywords and unparsed bytes.
    pub fn name(&self) -> Option<&[u8]> {
        match self {
            Flag::Extension(b) => Some(b),
            Flag::Keyword(_) | Flag::Unparsed(_) => None,
            known => SYSTEM_FLAGS.iter().find(|(_, f)| f == known).map(|(n, _)| *n),
        }
    }
}

impl Flag<'_> {
    /// An owned copy that no longer borrows from the decoder.
    pub fn into_owned(self) -> Flag<'static> {
        match self {
            Flag::Answered => Flag::Answered,
            Flag::Flagged => Flag::Flagged,
            Flag::Deleted => Flag::Deleted,
            Flag::Seen => Flag::Seen,
            Flag::Draft => Flag::Draft,
            Flag::Recent => Flag::Recent,
            Flag::Wildcard => Flag::Wildcard,
            Flag::Keyword(b) => Flag::Keyword(b.into_owned()),
            Flag::Extension(b) => Flag::Extension(b.into_owned()),
            Flag::Unparsed(b) => Flag::Unparsed(b.into_owned()),
        }
    }
}

/// A mailbox attribute from LIST, LSUB or XLIST.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MailboxAttr<'a> {
    /// `\Noinferiors`
    Noinferiors,
    /// `\Noselect`
    Noselect,
    /// `\Marked`
    Marked,
    /// `\Unmarked`
    Unmarked,
    /// `\NonExistent` (RFC 5258, 9051)
    NonExistent,
    /// `\Subscribed` (RFC 5258, 9051)
    Subscribed,
    /// `\Remote` (RFC 5258, 9051)
    Remote,
    /// `\HasChildren` (RFC 3348)
    HasChildren,
    /// `\HasNoChildren` (RFC 3348)
    HasNoChildren,
    /// `\All` (RFC 6154)
    All,
    /// `\Archive` (RFC 6154)
    Archive,
    /// `\Drafts` (RFC 6154)
    Drafts,
    /// `\Flagged` (RFC 6154)
    Flagged,
    /// `\Junk` (RFC 6154)
    Junk,
    /// `\Sent` (RFC 6154)
    Sent,
    /// `\Trash` (RFC 6154)
    Trash,
    /// `\Important` (RFC 8457)
    Important,
    /// Any other attribute; holds the name without the backslash
    /// (e.g. Gmail's XLIST `Inbox`, `AllMail`, `Spam`, `Starred`).
    Extension(Bytes<'a>),
    /// Something in an attribute list that is not an attribute (e.g. a
    /// stray symbol), verbatim: decoding went on after it.
    Unparsed(Bytes<'a>),
}

/// The attributes with a name of their own, in the RFCs' spelling.
pub(crate) const KNOWN_ATTRS: [(&[u8], MailboxAttr<'static>); 17] = [
    (b"Noinferiors", MailboxAttr::Noinferiors),
    (b"Noselect", MailboxAttr::Noselect),
    (b"Marked", MailboxAttr::Marked),
    (b"Unmarked", MailboxAttr::Unmarked),
    (b"NonExistent", MailboxAttr::NonExistent),
    (b"Subscribed", MailboxAttr::Subscribed),
    (b"Remote", MailboxAttr::Remote),
    (b"HasChildren", MailboxAttr::HasChildren),
    (b"HasNoChildren", MailboxAttr::HasNoChildren),
    (b"All", MailboxAttr::All),
    (b"Archive", MailboxAttr::Archive),
    (b"Drafts", MailboxAttr::Drafts),
    (b"Flagged", MailboxAttr::Flagged),
    (b"Junk", MailboxAttr::Junk),
    (b"Sent", MailboxAttr::Sent),
    (b"Trash", MailboxAttr::Trash),
    (b"Important", MailboxAttr::Important),
];

impl<'a> MailboxAttr<'a> {
    /// The attribute for a name written without its backslash, compared
    /// case-insensitively.
    pub fn from_name(name: &'a [u8]) -> MailboxAttr<'a> {
        KNOWN_ATTRS
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| MailboxAttr::Extension(Bytes::borrowed(name)))
    }

    /// The name without backslash, in the RFC's spelling (the bytes as
    /// sent for [`MailboxAttr::Unparsed`]).
    pub fn name(&self) -> &[u8] {
        match self {
            MailboxAttr::Extension(b) | MailboxAttr::Unparsed(b) => b,
            known => known.known_name().unwrap_or_default(),
        }
    }

    /// The name of an attribute with a name of its own.
    fn known_name(&self) -> Option<&'static [u8]> {
        KNOWN_ATTRS.iter().find(|(_, a)| a == self).map(|(n, _)| *n)
    }

    /// An owned copy that no longer borrows from the decoder.
    pub fn into_owned(self) -> MailboxAttr<'static> {
        match self {
            MailboxAttr::Extension(b) => MailboxAttr::Extension(b.into_owned()),
            MailboxAttr::Unparsed(b) => MailboxAttr::Unparsed(b.into_owned()),
            known => MailboxAttr::from_name(known.known_name().unwrap_or_default()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_in_any_case() {
        for (name, flag) in &SYSTEM_FLAGS {
            assert_eq!(flag.name(), Some(*name));
            assert_eq!(&Flag::from_name(&name.to_ascii_lowercase()), flag);
        }
        assert_eq!(Flag::from_name(b"Custom"), Flag::Extension(Bytes::borrowed(b"Custom")));
        assert_eq!(Flag::Keyword(Bytes::borrowed(b"$Junk")).name(), None);
        for (name, attr) in &KNOWN_ATTRS {
            assert_eq!(attr.name(), *name);
            assert_eq!(&MailboxAttr::from_name(&name.to_ascii_uppercase()).into_owned(), attr);
        }
        assert_eq!(MailboxAttr::from_name(b"AllMail").into_owned(), MailboxAttr::Extension(Bytes::borrowed(b"AllMail")));
    }
}
