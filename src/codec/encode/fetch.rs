//! FETCH and STORE: fetch items, body sections, partial ranges, modifiers,
//! store actions.

use std::borrow::Cow;

use super::writer::Writer;
use super::EncodeError;
use crate::types::{Fetch, FetchAttr, FetchItemName as Item, FetchItems, Section, SectionText, Store, StoreAction, StoreData};

impl<'c> Writer<'c> {
    /// `[UID] FETCH set items [(CHANGEDSINCE n [VANISHED])]`
    pub(crate) fn fetch(&mut self, f: &'c Fetch<'_>) -> Result<(), EncodeError> {
        if f.vanished && f.changed_since.is_none() {
            return Err(EncodeError::VanishedWithoutChangedSince);
        }
        if f.vanished && !f.uid {
            return Err(EncodeError::VanishedWithoutUid);
        }
        if f.uid {
            self.raw(b"UID ");
        }
        self.raw(b"FETCH ");
        self.set("FETCH set", &f.set)?;
        self.sp();
        match &f.items {
            FetchItems::All => self.raw(b"ALL"),
            FetchItems::Fast => self.raw(b"FAST"),
            FetchItems::Full => self.raw(b"FULL"),
            FetchItems::Items(items) => match items.as_slice() {
                [] => return Err(EncodeError::EmptyList("FETCH items")),
                [one] => self.fetch_attr(one)?,
                many => {
                    self.raw(b"(");
                    for (i, a) in many.iter().enumerate() {
                        if i > 0 {
                            self.sp();
                        }
                        self.fetch_attr(a)?;
                    }
                    self.raw(b")");
                }
            },
        }
        if let Some(n) = f.changed_since {
            self.raw(b" (CHANGEDSINCE ");
            self.mod_seq("CHANGEDSINCE", n)?;
            if f.vanished {
                self.raw(b" VANISHED");
            }
            self.raw(b")");
        }
        Ok(())
    }

    fn fetch_attr(&mut self, a: &'c FetchAttr<'_>) -> Result<(), EncodeError> {
        match a {
            FetchAttr::Envelope => self.raw(Item::Envelope.name()),
            FetchAttr::Flags => self.raw(Item::Flags.name()),
            FetchAttr::InternalDate => self.raw(Item::InternalDate.name()),
            FetchAttr::Rfc822 => self.raw(Item::Rfc822.name()),
            FetchAttr::Rfc822Header => self.raw(Item::Rfc822Header.name()),
            FetchAttr::Rfc822Text => self.raw(Item::Rfc822Text.name()),
            FetchAttr::Rfc822Size => self.raw(Item::Rfc822Size.name()),
            FetchAttr::Body => self.raw(Item::Body.name()),
            FetchAttr::BodyStructure => self.raw(Item::BodyStructure.name()),
            FetchAttr::Uid => self.raw(Item::Uid.name()),
            FetchAttr::ModSeq => self.raw(Item::ModSeq.name()),
            FetchAttr::GmMsgId => self.raw(Item::GmMsgId.name()),
            FetchAttr::GmThrId => self.raw(Item::GmThrId.name()),
            FetchAttr::GmLabels => self.raw(Item::GmLabels.name()),
            FetchAttr::EmailId => self.raw(Item::EmailId.name()),
            FetchAttr::ThreadId => self.raw(Item::ThreadId.name()),
            FetchAttr::SaveDate => self.raw(Item::SaveDate.name()),
            FetchAttr::Preview { lazy } => {
                self.raw(Item::Preview.name());
                if *lazy {
                    self.raw(b" (LAZY)");
                }
            }
            FetchAttr::BodySection { peek, section, partial } => {
                self.item_with_section(Item::Body, *peek);
                self.section(section)?;
                self.raw(b"]");
                self.partial(*partial)?;
            }
            FetchAttr::Binary { peek, part, partial } => {
                self.item_with_section(Item::Binary, *peek);
                self.part_path(part)?;
                self.raw(b"]");
                self.partial(*partial)?;
            }
            FetchAttr::BinarySize { part } => {
                self.item_with_section(Item::BinarySize, false);
                self.part_path(part)?;
                self.raw(b"]");
            }
        }
        Ok(())
    }

    /// An item's name, `.PEEK` if `peek`, and the `[` of its section.
    fn item_with_section(&mut self, item: Item, peek: bool) {
        self.raw(item.name());
        if peek {
            self.raw(b".PEEK");
        }
        self.raw(b"[");
    }

    /// `1.2.3`: non-zero part numbers joined by dots.
    fn part_path(&mut self, part: &[u32]) -> Result<(), EncodeError> {
        for (i, &n) in part.iter().enumerate() {
            if n == 0 {
                return Err(EncodeError::InvalidSection("part number 0"));
            }
            if i > 0 {
                self.raw(b".");
            }
            self.number(u64::from(n));
        }
        Ok(())
    }

    /// The inside of `BODY[...]`: `[part[.]][text]`.
    fn section(&mut self, s: &'c Section<'_>) -> Result<(), EncodeError> {
        self.part_path(&s.part)?;
        let Some(text) = &s.text else { return Ok(()) };
        if !s.part.is_empty() {
            self.raw(b".");
        }
        let names = match text {
            SectionText::Header => {
                self.raw(b"HEADER");
                return Ok(());
            }
            SectionText::Text => {
                self.raw(b"TEXT");
                return Ok(());
            }
            SectionText::Mime => {
                if s.part.is_empty() {
                    return Err(EncodeError::InvalidSection("MIME needs a part number"));
                }
                self.raw(b"MIME");
                return Ok(());
            }
            SectionText::HeaderFields(names) => {
                self.raw(b"HEADER.FIELDS (");
                names
            }
            SectionText::HeaderFieldsNot(names) => {
                self.raw(b"HEADER.FIELDS.NOT (");
                names
            }
        };
        if names.is_empty() {
            return Err(EncodeError::EmptyList("header field names"));
        }
        for (i, n) in names.iter().enumerate() {
            if i > 0 {
                self.sp();
            }
            self.astring("header field name", Cow::Borrowed(n.as_bytes()))?;
        }
        self.raw(b")");
        Ok(())
    }

    /// `<offset.length>`, the length non-zero.
    fn partial(&mut self, p: Option<(u32, u32)>) -> Result<(), EncodeError> {
        if let Some((offset, length)) = p {
            if length == 0 {
                return Err(EncodeError::InvalidNumber("partial length"));
            }
            self.raw(b"<");
            self.number(u64::from(offset));
            self.raw(b".");
            self.number(u64::from(length));
            self.raw(b">");
        }
        Ok(())
    }

    /// `[UID] STORE set [(UNCHANGEDSINCE n)] [+|-]FLAGS[.SILENT] (...)`
    pub(crate) fn store(&mut self, s: &'c Store<'_>) -> Result<(), EncodeError> {
        if s.uid {
            self.raw(b"UID ");
        }
        self.raw(b"STORE ");
        self.set("STORE set", &s.set)?;
        if let Some(n) = s.unchanged_since {
            self.raw(b" (UNCHANGEDSINCE ");
            self.mod_seq_valzer("UNCHANGEDSINCE", n)?;
            self.raw(b")");
        }
        self.sp();
        match s.action {
            StoreAction::Add => self.raw(b"+"),
            StoreAction::Set => {}
            StoreAction::Remove => self.raw(b"-"),
        }
        match &s.data {
            StoreData::Flags(_) => self.raw(b"FLAGS"),
            StoreData::Labels(_) => self.raw(b"X-GM-LABELS"),
        }
        if s.silent {
            self.raw(b".SILENT");
        }
        self.sp();
        match &s.data {
            StoreData::Flags(flags) => self.flag_list(flags)?,
            StoreData::Labels(labels) => {
                self.raw(b"(");
                for (i, l) in labels.iter().enumerate() {
                    if i > 0 {
                        self.sp();
                    }
                    self.label(l)?;
                }
                self.raw(b")");
            }
        }
        Ok(())
    }
}
