//! SEARCH, SORT and THREAD: search keys, return options, sort criteria.

use std::borrow::Cow;

use super::writer::{flag_bytes, Writer};
use super::EncodeError;
use crate::types::{EntryType, Search, SearchKey, SearchReturn, SortCriterion, SortKey, ThreadAlgorithm};

/// RFC 8474 `objectid`: 1 to 255 of ALPHA, DIGIT, `_` and `-`.
fn is_object_id(b: &[u8]) -> bool {
    (1..=255).contains(&b.len()) && b.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
}

impl<'c> Writer<'c> {
    /// `[UID] SEARCH [RETURN (...)] [CHARSET x] key ...`
    pub(crate) fn search(&mut self, s: &'c Search<'_>) -> Result<(), EncodeError> {
        if s.uid {
            self.raw(b"UID ");
        }
        self.raw(b"SEARCH");
        if let Some(returns) = &s.returns {
            self.raw(b" RETURN (");
            for (i, r) in returns.iter().enumerate() {
                if i > 0 {
                    self.sp();
                }
                self.raw(match r {
                    SearchReturn::Min => b"MIN",
                    SearchReturn::Max => b"MAX",
                    SearchReturn::All => b"ALL",
                    SearchReturn::Count => b"COUNT",
                    SearchReturn::Save => b"SAVE",
                });
            }
            self.raw(b")");
        }
        if let Some(charset) = &s.charset {
            self.raw(b" CHARSET ");
            self.atom_or_quoted("CHARSET", charset)?;
        }
        self.search_keys(&s.keys)
    }

    /// ` key key ...`, each preceded by a space; at least one.
    pub(crate) fn search_keys(&mut self, keys: &'c [SearchKey<'_>]) -> Result<(), EncodeError> {
        if keys.is_empty() {
            return Err(EncodeError::EmptyList("search keys"));
        }
        for k in keys {
            self.sp();
            self.search_key(k)?;
        }
        Ok(())
    }

    /// ` (criterion ...) charset` for SORT.
    pub(crate) fn sort_criteria(&mut self, criteria: &[SortCriterion]) -> Result<(), EncodeError> {
        if criteria.is_empty() {
            return Err(EncodeError::EmptyList("SORT criteria"));
        }
        self.raw(b" (");
        for (i, c) in criteria.iter().enumerate() {
            if i > 0 {
                self.sp();
            }
            if c.reverse {
                self.raw(b"REVERSE ");
            }
            self.raw(match c.key {
                SortKey::Arrival => b"ARRIVAL",
                SortKey::Cc => b"CC",
                SortKey::Date => b"DATE",
                SortKey::From => b"FROM",
                SortKey::Size => b"SIZE",
                SortKey::Subject => b"SUBJECT",
                SortKey::To => b"TO",
                SortKey::DisplayFrom => b"DISPLAYFROM",
                SortKey::DisplayTo => b"DISPLAYTO",
            });
        }
        self.raw(b")");
        Ok(())
    }

    /// A THREAD algorithm name.
    pub(crate) fn thread_algorithm(&mut self, a: &ThreadAlgorithm<'_>) -> Result<(), EncodeError> {
        match a {
            ThreadAlgorithm::OrderedSubject => self.raw(b"ORDEREDSUBJECT"),
            ThreadAlgorithm::References => self.raw(b"REFERENCES"),
            ThreadAlgorithm::Other(name) => self.atom("THREAD algorithm", name)?,
        }
        Ok(())
    }

    fn search_string(&mut self, what: &'static str, b: &'c [u8]) -> Result<(), EncodeError> {
        self.astring(what, Cow::Borrowed(b))
    }

    fn search_key(&mut self, k: &'c SearchKey<'_>) -> Result<(), EncodeError> {
        use SearchKey as K;
        let (keyword, simple): (&[u8], bool) = match k {
            K::All => (b"ALL", true),
            K::Answered => (b"ANSWERED", true),
            K::Deleted => (b"DELETED", true),
            K::Draft => (b"DRAFT", true),
            K::Flagged => (b"FLAGGED", true),
            K::New => (b"NEW", true),
            K::Old => (b"OLD", true),
            K::Recent => (b"RECENT", true),
            K::Seen => (b"SEEN", true),
            K::Unanswered => (b"UNANSWERED", true),
            K::Undeleted => (b"UNDELETED", true),
            K::Undraft => (b"UNDRAFT", true),
            K::Unflagged => (b"UNFLAGGED", true),
            K::Unseen => (b"UNSEEN", true),
            K::SaveDateSupported => (b"SAVEDATESUPPORTED", true),
            K::Bcc(_) => (b"BCC", false),
            K::Before(_) => (b"BEFORE", false),
            K::Body(_) => (b"BODY", false),
            K::Cc(_) => (b"CC", false),
            K::From(_) => (b"FROM", false),
            K::Header(..) => (b"HEADER", false),
            K::Keyword(_) => (b"KEYWORD", false),
            K::Larger(_) => (b"LARGER", false),
            K::Not(_) => (b"NOT", false),
            K::On(_) => (b"ON", false),
            K::Or(..) => (b"OR", false),
            K::SentBefore(_) => (b"SENTBEFORE", false),
            K::SentOn(_) => (b"SENTON", false),
            K::SentSince(_) => (b"SENTSINCE", false),
            K::Since(_) => (b"SINCE", false),
            K::Smaller(_) => (b"SMALLER", false),
            K::Subject(_) => (b"SUBJECT", false),
            K::Text(_) => (b"TEXT", false),
            K::To(_) => (b"TO", false),
            K::Uid(_) => (b"UID", false),
            K::Unkeyword(_) => (b"UNKEYWORD", false),
            K::ModSeq { .. } => (b"MODSEQ", false),
            K::GmRaw(_) => (b"X-GM-RAW", false),
            K::GmMsgId(_) => (b"X-GM-MSGID", false),
            K::GmThrId(_) => (b"X-GM-THRID", false),
            K::GmLabels(_) => (b"X-GM-LABELS", false),
            K::Older(_) => (b"OLDER", false),
            K::Younger(_) => (b"YOUNGER", false),
            K::SavedBefore(_) => (b"SAVEDBEFORE", false),
            K::SavedOn(_) => (b"SAVEDON", false),
            K::SavedSince(_) => (b"SAVEDSINCE", false),
            K::EmailId(_) => (b"EMAILID", false),
            K::ThreadId(_) => (b"THREADID", false),
            K::SequenceSet(set) => return self.set("SEARCH sequence set", set),
            K::And(keys) => {
                if keys.is_empty() {
                    return Err(EncodeError::EmptyList("parenthesised search keys"));
                }
                self.raw(b"(");
                for (i, k) in keys.iter().enumerate() {
                    if i > 0 {
                        self.sp();
                    }
                    self.search_key(k)?;
                }
                self.raw(b")");
                return Ok(());
            }
        };
        self.raw(keyword);
        if simple {
            return Ok(());
        }
        self.sp();
        match k {
            K::Bcc(s) => self.search_string("BCC", s)?,
            K::Body(s) => self.search_string("BODY", s)?,
            K::Cc(s) => self.search_string("CC", s)?,
            K::From(s) => self.search_string("FROM", s)?,
            K::Subject(s) => self.search_string("SUBJECT", s)?,
            K::Text(s) => self.search_string("TEXT", s)?,
            K::To(s) => self.search_string("TO", s)?,
            K::GmRaw(s) => self.search_string("X-GM-RAW", s)?,
            K::Header(name, value) => {
                self.search_string("HEADER field name", name)?;
                self.sp();
                self.search_string("HEADER value", value)?;
            }
            K::Keyword(f) => self.atom("KEYWORD", f)?,
            K::Unkeyword(f) => self.atom("UNKEYWORD", f)?,
            K::GmLabels(l) => self.label(l)?,
            K::Before(d) => self.date("BEFORE", d)?,
            K::On(d) => self.date("ON", d)?,
            K::SentBefore(d) => self.date("SENTBEFORE", d)?,
            K::SentOn(d) => self.date("SENTON", d)?,
            K::SentSince(d) => self.date("SENTSINCE", d)?,
            K::Since(d) => self.date("SINCE", d)?,
            K::SavedBefore(d) => self.date("SAVEDBEFORE", d)?,
            K::SavedOn(d) => self.date("SAVEDON", d)?,
            K::SavedSince(d) => self.date("SAVEDSINCE", d)?,
            K::Larger(n) | K::Smaller(n) | K::GmMsgId(n) | K::GmThrId(n) => self.number(*n),
            K::Older(n) | K::Younger(n) => {
                if *n == 0 {
                    return Err(EncodeError::InvalidNumber("OLDER/YOUNGER interval"));
                }
                self.number(u64::from(*n));
            }
            K::Uid(set) => self.set("SEARCH UID", set)?,
            K::Not(k) => self.search_key(k)?,
            K::Or(a, b) => {
                self.search_key(a)?;
                self.sp();
                self.search_key(b)?;
            }
            K::ModSeq { entry, mod_seq } => {
                if let Some((flag, kind)) = entry {
                    let mut name = b"/flags/".to_vec();
                    name.extend_from_slice(&flag_bytes(flag)?);
                    self.string("MODSEQ entry name", Cow::Owned(name))?;
                    self.sp();
                    self.raw(match kind {
                        EntryType::Private => b"priv",
                        EntryType::Shared => b"shared",
                        EntryType::All => b"all",
                    });
                    self.sp();
                }
                self.mod_seq_valzer("MODSEQ", *mod_seq)?;
            }
            K::EmailId(id) | K::ThreadId(id) => {
                if id.contains(&0) {
                    return Err(EncodeError::Nul("object id"));
                }
                if !is_object_id(id) {
                    return Err(EncodeError::InvalidAtom("object id"));
                }
                self.raw(id);
            }
            _ => unreachable!("simple keys and lists returned above"),
        }
        Ok(())
    }
}
