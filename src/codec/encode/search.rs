//! SEARCH, SORT and THREAD: search keys, return options, sort criteria.

use std::borrow::Cow;

use super::writer::{flag_bytes, Writer};
use super::EncodeError;
use crate::types::{Date, EntryType, Search, SearchKey, SearchReturn, SortCriterion, SortKey, ThreadAlgorithm};

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

    fn search_key(&mut self, k: &'c SearchKey<'_>) -> Result<(), EncodeError> {
        use SearchKey as K;
        match k {
            K::All => self.raw(b"ALL"),
            K::Answered => self.raw(b"ANSWERED"),
            K::Deleted => self.raw(b"DELETED"),
            K::Draft => self.raw(b"DRAFT"),
            K::Flagged => self.raw(b"FLAGGED"),
            K::New => self.raw(b"NEW"),
            K::Old => self.raw(b"OLD"),
            K::Recent => self.raw(b"RECENT"),
            K::Seen => self.raw(b"SEEN"),
            K::Unanswered => self.raw(b"UNANSWERED"),
            K::Undeleted => self.raw(b"UNDELETED"),
            K::Undraft => self.raw(b"UNDRAFT"),
            K::Unflagged => self.raw(b"UNFLAGGED"),
            K::Unseen => self.raw(b"UNSEEN"),
            K::SaveDateSupported => self.raw(b"SAVEDATESUPPORTED"),
            K::Bcc(s) => self.keyword_string(b"BCC ", "BCC", s)?,
            K::Body(s) => self.keyword_string(b"BODY ", "BODY", s)?,
            K::Cc(s) => self.keyword_string(b"CC ", "CC", s)?,
            K::From(s) => self.keyword_string(b"FROM ", "FROM", s)?,
            K::Subject(s) => self.keyword_string(b"SUBJECT ", "SUBJECT", s)?,
            K::Text(s) => self.keyword_string(b"TEXT ", "TEXT", s)?,
            K::To(s) => self.keyword_string(b"TO ", "TO", s)?,
            K::GmRaw(s) => self.keyword_string(b"X-GM-RAW ", "X-GM-RAW", s)?,
            K::Header(name, value) => {
                self.keyword_string(b"HEADER ", "HEADER field name", name)?;
                self.sp();
                self.astring("HEADER value", Cow::Borrowed(value.as_bytes()))?;
            }
            K::Keyword(f) => {
                self.raw(b"KEYWORD ");
                self.atom("KEYWORD", f)?;
            }
            K::Unkeyword(f) => {
                self.raw(b"UNKEYWORD ");
                self.atom("UNKEYWORD", f)?;
            }
            K::GmLabels(l) => {
                self.raw(b"X-GM-LABELS ");
                self.label(l)?;
            }
            K::Before(d) => self.keyword_date(b"BEFORE ", "BEFORE", d)?,
            K::On(d) => self.keyword_date(b"ON ", "ON", d)?,
            K::Since(d) => self.keyword_date(b"SINCE ", "SINCE", d)?,
            K::SentBefore(d) => self.keyword_date(b"SENTBEFORE ", "SENTBEFORE", d)?,
            K::SentOn(d) => self.keyword_date(b"SENTON ", "SENTON", d)?,
            K::SentSince(d) => self.keyword_date(b"SENTSINCE ", "SENTSINCE", d)?,
            K::SavedBefore(d) => self.keyword_date(b"SAVEDBEFORE ", "SAVEDBEFORE", d)?,
            K::SavedOn(d) => self.keyword_date(b"SAVEDON ", "SAVEDON", d)?,
            K::SavedSince(d) => self.keyword_date(b"SAVEDSINCE ", "SAVEDSINCE", d)?,
            K::Larger(n) => self.keyword_number(b"LARGER ", *n),
            K::Smaller(n) => self.keyword_number(b"SMALLER ", *n),
            K::GmMsgId(n) => self.keyword_number(b"X-GM-MSGID ", *n),
            K::GmThrId(n) => self.keyword_number(b"X-GM-THRID ", *n),
            K::Older(n) | K::Younger(n) => {
                if *n == 0 {
                    return Err(EncodeError::InvalidNumber("OLDER/YOUNGER interval"));
                }
                let keyword: &[u8] = if matches!(k, K::Older(_)) { b"OLDER " } else { b"YOUNGER " };
                self.keyword_number(keyword, u64::from(*n));
            }
            K::Uid(set) => {
                self.raw(b"UID ");
                self.set("SEARCH UID", set)?;
            }
            K::SequenceSet(set) => self.set("SEARCH sequence set", set)?,
            K::Not(k) => {
                self.raw(b"NOT ");
                self.search_key(k)?;
            }
            K::Or(a, b) => {
                self.raw(b"OR ");
                self.search_key(a)?;
                self.sp();
                self.search_key(b)?;
            }
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
            }
            K::ModSeq { entry, mod_seq } => {
                self.raw(b"MODSEQ ");
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
                self.raw(if matches!(k, K::EmailId(_)) { b"EMAILID " } else { b"THREADID " });
                self.raw(id);
            }
        }
        Ok(())
    }

    /// `KEYWORD astring`
    fn keyword_string(&mut self, keyword: &[u8], what: &'static str, s: &'c [u8]) -> Result<(), EncodeError> {
        self.raw(keyword);
        self.astring(what, Cow::Borrowed(s))
    }

    /// `KEYWORD date`
    fn keyword_date(&mut self, keyword: &[u8], what: &'static str, d: &Date) -> Result<(), EncodeError> {
        self.raw(keyword);
        self.date(what, d)
    }

    /// `KEYWORD number`
    fn keyword_number(&mut self, keyword: &[u8], n: u64) {
        self.raw(keyword);
        self.number(n);
    }
}
