//! Envelopes and addresses. C declarations and their conversion from the Rust types.

use super::*;

/// An address of an envelope.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_address {
    /// Display name.
    pub name: imap_bytes,
    /// Source route.
    pub adl: imap_bytes,
    /// Local part or group name.
    pub mailbox: imap_bytes,
    /// Domain (NIL in group markers).
    pub host: imap_bytes,
    /// An address that did not parse, verbatim with its parentheses: the
    /// four fields above are then NULL. NULL for an address that parsed.
    pub unparsed: imap_bytes,
}

/// A list of addresses.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_address_list {
    /// The addresses.
    pub items: *const imap_address,
    /// How many.
    pub len: usize,
}

/// An ENVELOPE.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_envelope {
    /// Date header.
    pub date: imap_bytes,
    /// Subject header.
    pub subject: imap_bytes,
    /// From.
    pub from: imap_address_list,
    /// Sender.
    pub sender: imap_address_list,
    /// Reply-To.
    pub reply_to: imap_address_list,
    /// To.
    pub to: imap_address_list,
    /// Cc.
    pub cc: imap_address_list,
    /// Bcc.
    pub bcc: imap_address_list,
    /// In-Reply-To.
    pub in_reply_to: imap_bytes,
    /// Message-ID.
    pub message_id: imap_bytes,
}

pub(crate) fn addresses(a: &Arena, v: &[Address<'_>]) -> imap_address_list {
    let (items, len) = a.slice(v.iter().map(|x| imap_address {
        name: nstring(a, &x.name),
        adl: nstring(a, &x.adl),
        mailbox: nstring(a, &x.mailbox),
        host: nstring(a, &x.host),
        unparsed: nstring(a, &x.unparsed),
    }));
    imap_address_list { items, len }
}

pub(crate) fn envelope(a: &Arena, e: &Envelope<'_>) -> *const imap_envelope {
    let env = imap_envelope {
        date: nstring(a, &e.date),
        subject: nstring(a, &e.subject),
        from: addresses(a, e.from),
        sender: addresses(a, e.sender),
        reply_to: addresses(a, e.reply_to),
        to: addresses(a, e.to),
        cc: addresses(a, e.cc),
        bcc: addresses(a, e.bcc),
        in_reply_to: nstring(a, &e.in_reply_to),
        message_id: nstring(a, &e.message_id),
    };
    a.boxed(env)
}
