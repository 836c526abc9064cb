//! Mailbox arguments and the mailbox commands' arguments: LIST options,
//! STATUS items, SELECT parameters, CREATE parameters, Gmail labels.

use std::borrow::Cow;

use super::writer::{is_atom, Bare, Writer};
use super::EncodeError;
use crate::codec::mutf7;
use crate::types::{List, ListReturn, ListSelect, Mailbox, MailboxAttr, Select, StatusAttr};

/// The wire bytes of a mailbox name, before string classification.
fn mailbox_bytes<'c>(what: &'static str, m: &'c Mailbox<'_>, utf8_accept: bool) -> Result<Cow<'c, [u8]>, EncodeError> {
    match m {
        Mailbox::Wire(b) => Ok(Cow::Borrowed(b.as_bytes())),
        Mailbox::Name(b) => text_bytes(what, b.as_bytes(), utf8_accept),
    }
}

/// A name given as UTF-8 text, in its wire form: `INBOX` in any case as
/// `INBOX`; otherwise UTF-8 or modified UTF-7.
fn text_bytes<'c>(what: &'static str, b: &'c [u8], utf8_accept: bool) -> Result<Cow<'c, [u8]>, EncodeError> {
    if b.contains(&0) {
        return Err(EncodeError::Nul(what));
    }
    let s = std::str::from_utf8(b).map_err(|_| EncodeError::NotUtf8(what))?;
    if s.eq_ignore_ascii_case("INBOX") {
        return Ok(Cow::Borrowed(b"INBOX"));
    }
    if utf8_accept {
        return Ok(Cow::Borrowed(b));
    }
    let e = mutf7::encode(s);
    Ok(if e == s { Cow::Borrowed(b) } else { Cow::Owned(e.into_bytes()) })
}

impl<'c> Writer<'c> {
    /// A `mailbox` argument.
    pub(crate) fn mailbox(&mut self, what: &'static str, m: &'c Mailbox<'_>) -> Result<(), EncodeError> {
        let b = mailbox_bytes(what, m, self.opts().utf8_accept)?;
        self.astring(what, b)
    }

    /// A `list-mailbox` argument (a pattern, where `*` and `%` are bare).
    pub(crate) fn list_mailbox(&mut self, what: &'static str, m: &'c Mailbox<'_>) -> Result<(), EncodeError> {
        let b = mailbox_bytes(what, m, self.opts().utf8_accept)?;
        self.string_as(what, b, Bare::ListMailbox)
    }

    /// A Gmail label: a system label such as `\Inbox` bare, any other as a
    /// mailbox name (modified UTF-7 or UTF-8, then atom, quoted or literal).
    pub(crate) fn label(&mut self, b: &'c [u8]) -> Result<(), EncodeError> {
        if let Some(name) = b.strip_prefix(b"\\") {
            if is_atom(name) {
                self.raw(b);
                return Ok(());
            }
        }
        let b = text_bytes("label", b, self.opts().utf8_accept)?;
        self.astring("label", b)
    }

    /// `LIST [(select-opts)] reference patterns [RETURN (return-opts)]`
    pub(crate) fn list(&mut self, l: &'c List<'_>) -> Result<(), EncodeError> {
        self.raw(b"LIST");
        if !l.selection.is_empty() {
            let base = l.selection.iter().any(|s| matches!(s, ListSelect::Subscribed | ListSelect::SpecialUse));
            if l.selection.contains(&ListSelect::RecursiveMatch) && !base {
                return Err(EncodeError::InvalidListOptions);
            }
            self.raw(b" (");
            for (i, s) in l.selection.iter().enumerate() {
                if i > 0 {
                    self.sp();
                }
                self.raw(match s {
                    ListSelect::Subscribed => b"SUBSCRIBED",
                    ListSelect::Remote => b"REMOTE",
                    ListSelect::RecursiveMatch => b"RECURSIVEMATCH",
                    ListSelect::SpecialUse => b"SPECIAL-USE",
                });
            }
            self.raw(b")");
        }
        self.sp();
        self.mailbox("LIST reference", &l.reference)?;
        self.sp();
        match l.patterns.as_slice() {
            [] => return Err(EncodeError::EmptyList("LIST patterns")),
            [one] => self.list_mailbox("LIST pattern", one)?,
            many => {
                self.raw(b"(");
                for (i, p) in many.iter().enumerate() {
                    if i > 0 {
                        self.sp();
                    }
                    self.list_mailbox("LIST pattern", p)?;
                }
                self.raw(b")");
            }
        }
        if !l.returns.is_empty() {
            self.raw(b" RETURN (");
            for (i, r) in l.returns.iter().enumerate() {
                if i > 0 {
                    self.sp();
                }
                match r {
                    ListReturn::Subscribed => self.raw(b"SUBSCRIBED"),
                    ListReturn::Children => self.raw(b"CHILDREN"),
                    ListReturn::SpecialUse => self.raw(b"SPECIAL-USE"),
                    ListReturn::Status(items) => {
                        self.raw(b"STATUS ");
                        self.status_atts("LIST RETURN STATUS items", items)?;
                    }
                }
            }
            self.raw(b")");
        }
        Ok(())
    }

    /// `(status-att ...)`, non-empty.
    pub(crate) fn status_atts(&mut self, what: &'static str, items: &[StatusAttr]) -> Result<(), EncodeError> {
        if items.is_empty() {
            return Err(EncodeError::EmptyList(what));
        }
        self.raw(b"(");
        for (i, a) in items.iter().enumerate() {
            if i > 0 {
                self.sp();
            }
            self.raw(a.name());
        }
        self.raw(b")");
        Ok(())
    }

    /// `SELECT`/`EXAMINE` arguments: `mailbox [(CONDSTORE QRESYNC (...))]`.
    pub(crate) fn select(&mut self, s: &'c Select<'_>) -> Result<(), EncodeError> {
        self.mailbox("mailbox", &s.mailbox)?;
        if !s.condstore && s.qresync.is_none() {
            return Ok(());
        }
        self.raw(b" (");
        if s.condstore {
            self.raw(b"CONDSTORE");
        }
        if let Some(q) = &s.qresync {
            if s.condstore {
                self.sp();
            }
            if q.uid_validity == 0 {
                return Err(EncodeError::InvalidNumber("QRESYNC UIDVALIDITY"));
            }
            self.raw(b"QRESYNC (");
            self.number(u64::from(q.uid_validity));
            self.sp();
            self.mod_seq("QRESYNC mod-sequence", q.mod_seq)?;
            if let Some(known) = &q.known_uids {
                self.sp();
                self.seq_set("QRESYNC known UIDs", known)?;
            }
            if let Some((seqs, uids)) = &q.seq_match {
                self.raw(b" (");
                self.seq_set("QRESYNC known sequence set", seqs)?;
                self.sp();
                self.seq_set("QRESYNC known UID set", uids)?;
                self.raw(b")");
            }
            self.raw(b")");
        }
        self.raw(b")");
        Ok(())
    }

    /// A `mod-sequence-value`: 1 to 2^63-1.
    pub(crate) fn mod_seq(&mut self, what: &'static str, n: u64) -> Result<(), EncodeError> {
        if n == 0 {
            return Err(EncodeError::InvalidNumber(what));
        }
        self.mod_seq_valzer(what, n)
    }

    /// A `mod-sequence-valzer`: 0 to 2^63-1.
    pub(crate) fn mod_seq_valzer(&mut self, what: &'static str, n: u64) -> Result<(), EncodeError> {
        if n > i64::MAX as u64 {
            return Err(EncodeError::InvalidNumber(what));
        }
        self.number(n);
        Ok(())
    }

    /// The special-use attributes of CREATE: ` (USE (\Sent ...))`, or
    /// nothing for an empty list.
    pub(crate) fn create_use(&mut self, attrs: &[MailboxAttr<'_>]) -> Result<(), EncodeError> {
        if attrs.is_empty() {
            return Ok(());
        }
        self.raw(b" (USE (");
        for (i, a) in attrs.iter().enumerate() {
            if i > 0 {
                self.sp();
            }
            let name = a.name();
            if name.contains(&0) {
                return Err(EncodeError::Nul("special-use attribute"));
            }
            if !is_atom(name) {
                return Err(EncodeError::InvalidAtom("special-use attribute"));
            }
            self.raw(b"\\");
            self.raw(name);
        }
        self.raw(b"))");
        Ok(())
    }
}
