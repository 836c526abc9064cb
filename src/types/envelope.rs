//! ENVELOPE (RFC 9051 `envelope`, `address`).

use super::{Bytes, NString};

/// One address of an envelope address list.
///
/// RFC 5322 groups appear as a start marker (`host` is `None`, `mailbox`
/// holds the group name) and an end marker (`host` and `mailbox` are `None`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Address<'a> {
    /// The display name (RFC 5322 phrase).
    pub name: NString<'a>,
    /// The source route (obsolete).
    pub adl: NString<'a>,
    /// The local part, or a group name.
    pub mailbox: NString<'a>,
    /// The domain.
    pub host: NString<'a>,
    /// An address that did not parse, verbatim (its parentheses
    /// included); the four fields above are then `None`. Always `None`
    /// for an address that parsed: one bad address costs only itself,
    /// the rest of its list and of the envelope decode as usual.
    pub unparsed: Option<Bytes<'a>>,
}

/// The parsed header summary of a message.
///
/// An address list sent as `NIL` (or as the non-standard `()`) is empty.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Envelope<'a> {
    /// Date header, unparsed.
    pub date: NString<'a>,
    /// Subject header, unparsed (may hold RFC 2047 encoded words).
    pub subject: NString<'a>,
    /// From addresses.
    pub from: &'a [Address<'a>],
    /// Sender addresses.
    pub sender: &'a [Address<'a>],
    /// Reply-To addresses.
    pub reply_to: &'a [Address<'a>],
    /// To addresses.
    pub to: &'a [Address<'a>],
    /// Cc addresses.
    pub cc: &'a [Address<'a>],
    /// Bcc addresses.
    pub bcc: &'a [Address<'a>],
    /// In-Reply-To header.
    pub in_reply_to: NString<'a>,
    /// Message-ID header.
    pub message_id: NString<'a>,
}
