//! ENVELOPE and addresses.

use super::parser::{PResult, Parser};
use crate::types::{Address, Bytes, Envelope};

/// `"(" date SP subject SP from SP sender SP reply-to SP to SP cc SP bcc SP
/// in-reply-to SP message-id ")"`, tolerating extra spaces.
pub(crate) fn envelope<'a>(p: &mut Parser<'a>) -> PResult<Envelope<'a>> {
    p.expect(b'(', "'('")?;
    p.enter()?;
    let date = p.nstring()?;
    p.sp()?;
    let subject = p.nstring()?;
    p.sp()?;
    let from = address_list(p)?;
    p.sp()?;
    let sender = address_list(p)?;
    p.sp()?;
    let reply_to = address_list(p)?;
    p.sp()?;
    let to = address_list(p)?;
    p.sp()?;
    let cc = address_list(p)?;
    p.sp()?;
    let bcc = address_list(p)?;
    p.sp()?;
    let in_reply_to = p.nstring()?;
    p.sp()?;
    let message_id = p.nstring()?;
    p.spaces();
    p.expect(b')', "')'")?;
    p.leave();
    Ok(Envelope { date, subject, from, sender, reply_to, to, cc, bcc, in_reply_to, message_id })
}

/// `"(" 1*address ")" / NIL`; `()` is accepted as empty. An address
/// that does not parse is kept as [`Address::unparsed`].
fn address_list<'a>(p: &mut Parser<'a>) -> PResult<&'a [Address<'a>]> {
    if p.nil() {
        return Ok(&[]);
    }
    p.paren_list(|p| p.recover(address, unparsed_address))
}

/// The address at the cursor that does not parse: its parenthesised group
/// (or, if it is no group, the unit up to the next space or `)`), verbatim.
#[cold]
fn unparsed_address<'a>(p: &mut Parser<'a>) -> PResult<Address<'a>> {
    let raw = if p.peek() == Some(b'(') { p.skip_group() } else { p.skip_unit(b')') };
    Ok(Address { unparsed: Some(Bytes::borrowed(raw)), ..Address::default() })
}

/// `"(" nstring SP nstring SP nstring SP nstring ")"`. Inlined into its
/// list's loop, so that the address is built in place (called, it was
/// moved once more per address: benchmark (b), 390 instructions per
/// response).
#[inline(always)]
fn address<'a>(p: &mut Parser<'a>) -> PResult<Address<'a>> {
    p.expect(b'(', "'('")?;
    let name = p.nstring()?;
    p.sp()?;
    let adl = p.nstring()?;
    p.sp()?;
    let mailbox = p.nstring()?;
    p.sp()?;
    let host = p.nstring()?;
    p.spaces();
    p.expect(b')', "')'")?;
    Ok(Address { name, adl, mailbox, host, unparsed: None })
}
