//! Client commands (RFC 3501/9051 `command`, and the commands and arguments
//! of the extensions the codec supports).
//!
//! A [`Command`] is a plain value: building one never fails and never
//! checks anything. The encoder (`crate::codec::encode`) validates it and
//! turns it into bytes. Strings are [`Bytes`], so a command can borrow
//! everything it sends; APPEND message data is always borrowed.

use super::{Bytes, Capability, Date, DateTime, Flag, MailboxAttr, NString, Section, SequenceSet};

/// A mailbox name argument.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Mailbox<'a> {
    /// A name as text (UTF-8). The encoder writes it in modified UTF-7, or
    /// as UTF-8 when UTF8=ACCEPT is enabled. Any spelling of `INBOX` is sent
    /// as `INBOX`. Bytes that are not UTF-8 are an encoding error.
    Name(Bytes<'a>),
    /// A name exactly as it goes on the wire, e.g. one taken unchanged from
    /// a LIST response. Only string classification (atom, quoted or
    /// literal) is applied.
    Wire(Bytes<'a>),
}

impl<'a> From<&'a str> for Mailbox<'a> {
    fn from(s: &'a str) -> Self {
        Mailbox::Name(Bytes::from(s))
    }
}

impl From<String> for Mailbox<'static> {
    fn from(s: String) -> Self {
        Mailbox::Name(Bytes::from(s))
    }
}

/// A sequence set argument: explicit numbers, or `$`, the result saved by
/// the last `SEARCH RETURN (SAVE)` (RFC 5182).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MessageSet {
    /// A sequence set such as `1,3:5,9:*`; it must not be empty.
    Set(SequenceSet),
    /// `$`
    Saved,
}

impl From<SequenceSet> for MessageSet {
    fn from(s: SequenceSet) -> Self {
        MessageSet::Set(s)
    }
}

/// Every command the codec can send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command<'a> {
    // ---- any state ----
    /// `CAPABILITY`
    Capability,
    /// `NOOP`
    Noop,
    /// `LOGOUT`
    Logout,
    /// `ID (field value ...)` or `ID NIL` (RFC 2971). An empty list is
    /// sent as `NIL`. Fields are at most 30 octets, values at most 1024,
    /// and there are at most 30 pairs.
    Id(Vec<(Bytes<'a>, NString<'a>)>),
    /// `ENABLE cap ...` (RFC 5161); the list must not be empty.
    Enable(Vec<Capability<'a>>),
    /// `COMPRESS DEFLATE` (RFC 4978)
    CompressDeflate,

    // ---- not authenticated ----
    /// `STARTTLS`
    StartTls,
    /// `AUTHENTICATE mechanism [initial-response]`.
    ///
    /// The continuation exchange that follows is driven by the connection,
    /// with [`crate::codec::encode::authenticate_response`].
    Authenticate {
        /// The SASL mechanism name, an atom such as `PLAIN` or `XOAUTH2`.
        mechanism: Bytes<'a>,
        /// The SASL-IR initial response (RFC 4959), raw; the encoder sends
        /// it in base64, or `=` when it is empty.
        initial_response: Option<Bytes<'a>>,
    },
    /// `LOGIN user password`
    Login {
        /// The user name.
        username: Bytes<'a>,
        /// The password.
        password: Bytes<'a>,
    },
    /// `UNAUTHENTICATE` (RFC 8437)
    Unauthenticate,

    // ---- authenticated ----
    /// `SELECT mailbox [(CONDSTORE | QRESYNC ...)]`
    Select(Select<'a>),
    /// `EXAMINE mailbox [(CONDSTORE | QRESYNC ...)]`
    Examine(Select<'a>),
    /// `CREATE mailbox [(USE (\Sent ...))]`
    Create {
        /// The new mailbox.
        mailbox: Mailbox<'a>,
        /// Special-use attributes (RFC 6154); an empty list sends no `USE`.
        special_use: Vec<MailboxAttr<'a>>,
    },
    /// `DELETE mailbox`
    Delete(Mailbox<'a>),
    /// `RENAME from to`
    Rename {
        /// The existing name.
        from: Mailbox<'a>,
        /// The new name.
        to: Mailbox<'a>,
    },
    /// `SUBSCRIBE mailbox`
    Subscribe(Mailbox<'a>),
    /// `UNSUBSCRIBE mailbox`
    Unsubscribe(Mailbox<'a>),
    /// `LIST`, plain or extended (RFC 5258, 5819, 6154).
    List(List<'a>),
    /// `LSUB reference pattern` (IMAP4rev1)
    Lsub {
        /// The reference name.
        reference: Mailbox<'a>,
        /// The pattern, which may hold `*` and `%`.
        pattern: Mailbox<'a>,
    },
    /// `NAMESPACE` (RFC 2342)
    Namespace,
    /// `STATUS mailbox (item ...)`; the list must not be empty.
    Status {
        /// The mailbox.
        mailbox: Mailbox<'a>,
        /// What to report.
        items: Vec<StatusAttr>,
    },
    /// `APPEND mailbox message ...`; several messages use MULTIAPPEND
    /// (RFC 3502). The list must not be empty.
    Append {
        /// The destination mailbox.
        mailbox: Mailbox<'a>,
        /// The messages, each sent as a literal.
        messages: Vec<AppendMessage<'a>>,
    },
    /// `IDLE` (RFC 2177); the connection later sends
    /// [`crate::codec::encode::IDLE_DONE`].
    Idle,
    /// `GETQUOTA root` (RFC 9208)
    GetQuota(Bytes<'a>),
    /// `GETQUOTAROOT mailbox` (RFC 9208)
    GetQuotaRoot(Mailbox<'a>),
    /// `SETQUOTA root (resource limit ...)` (RFC 9208); an empty list
    /// removes every limit.
    SetQuota {
        /// The quota root.
        root: Bytes<'a>,
        /// Resource names (atoms such as `STORAGE`) and their limits.
        limits: Vec<(Bytes<'a>, u64)>,
    },
    /// `GETACL mailbox` (RFC 4314)
    GetAcl(Mailbox<'a>),
    /// `SETACL mailbox identifier [+|-]rights` (RFC 4314)
    SetAcl {
        /// The mailbox.
        mailbox: Mailbox<'a>,
        /// Whose rights.
        identifier: Bytes<'a>,
        /// Replace, add or remove.
        mode: AclMode,
        /// The rights characters, e.g. `lrswi`.
        rights: Bytes<'a>,
    },
    /// `DELETEACL mailbox identifier` (RFC 4314)
    DeleteAcl {
        /// The mailbox.
        mailbox: Mailbox<'a>,
        /// Whose rights.
        identifier: Bytes<'a>,
    },
    /// `MYRIGHTS mailbox` (RFC 4314)
    MyRights(Mailbox<'a>),
    /// `LISTRIGHTS mailbox identifier` (RFC 4314)
    ListRights {
        /// The mailbox.
        mailbox: Mailbox<'a>,
        /// Whose rights.
        identifier: Bytes<'a>,
    },
    /// `GETMETADATA [(options)] mailbox entries` (RFC 5464)
    GetMetadata {
        /// The mailbox; an empty name means server annotations.
        mailbox: Mailbox<'a>,
        /// `MAXSIZE n`
        max_size: Option<u64>,
        /// `DEPTH 0|1|infinity`
        depth: Option<MetadataDepth>,
        /// Entry names such as `/private/comment`; must not be empty.
        entries: Vec<Bytes<'a>>,
    },
    /// `SETMETADATA mailbox (entry value ...)` (RFC 5464); a `None` value
    /// (`NIL`) deletes the entry. The list must not be empty.
    SetMetadata {
        /// The mailbox; an empty name means server annotations.
        mailbox: Mailbox<'a>,
        /// Entry names and values.
        entries: Vec<(Bytes<'a>, NString<'a>)>,
    },

    // ---- selected ----
    /// `CHECK` (IMAP4rev1)
    Check,
    /// `CLOSE`
    Close,
    /// `UNSELECT` (RFC 3691)
    Unselect,
    /// `EXPUNGE`
    Expunge,
    /// `UID EXPUNGE set` (RFC 4315)
    UidExpunge(MessageSet),
    /// `[UID] SEARCH [RETURN (...)] [CHARSET x] key ...`
    Search(Search<'a>),
    /// `[UID] FETCH set items [(modifiers)]`
    Fetch(Fetch<'a>),
    /// `[UID] STORE set [(UNCHANGEDSINCE n)] [+|-]FLAGS|X-GM-LABELS[.SILENT] (...)`
    Store(Store<'a>),
    /// `[UID] COPY set mailbox`
    Copy {
        /// `UID COPY` rather than `COPY`.
        uid: bool,
        /// The messages.
        set: MessageSet,
        /// The destination.
        mailbox: Mailbox<'a>,
    },
    /// `[UID] MOVE set mailbox` (RFC 6851)
    Move {
        /// `UID MOVE` rather than `MOVE`.
        uid: bool,
        /// The messages.
        set: MessageSet,
        /// The destination.
        mailbox: Mailbox<'a>,
    },
    /// `[UID] SORT (criteria) charset key ...` (RFC 5256)
    Sort {
        /// `UID SORT` rather than `SORT`.
        uid: bool,
        /// Sort criteria; must not be empty.
        criteria: Vec<SortCriterion>,
        /// The charset of the search strings, e.g. `UTF-8`.
        charset: Bytes<'a>,
        /// Search keys; must not be empty.
        keys: Vec<SearchKey<'a>>,
    },
    /// `[UID] THREAD algorithm charset key ...` (RFC 5256)
    Thread {
        /// `UID THREAD` rather than `THREAD`.
        uid: bool,
        /// The threading algorithm.
        algorithm: ThreadAlgorithm<'a>,
        /// The charset of the search strings, e.g. `UTF-8`.
        charset: Bytes<'a>,
        /// Search keys; must not be empty.
        keys: Vec<SearchKey<'a>>,
    },

    /// Any other command, with typed arguments so that it stays as
    /// injection-safe as the others: `name arg arg ...`.
    Raw {
        /// The command name, an atom (validated).
        name: Bytes<'a>,
        /// The arguments, each preceded by one space.
        args: Vec<RawArg<'a>>,
    },
}

/// Arguments of SELECT and EXAMINE.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Select<'a> {
    /// The mailbox.
    pub mailbox: Mailbox<'a>,
    /// `CONDSTORE` (RFC 7162).
    pub condstore: bool,
    /// `QRESYNC (...)` (RFC 7162).
    pub qresync: Option<Qresync>,
}

impl<'a> Select<'a> {
    /// A plain SELECT or EXAMINE of `mailbox`.
    pub fn new(mailbox: impl Into<Mailbox<'a>>) -> Self {
        Select { mailbox: mailbox.into(), condstore: false, qresync: None }
    }
}

/// The QRESYNC select parameter:
/// `QRESYNC (uidvalidity modseq [known-uids] [(known-seqs known-uids)])`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Qresync {
    /// The last known UIDVALIDITY (non-zero).
    pub uid_validity: u32,
    /// The last known HIGHESTMODSEQ (non-zero).
    pub mod_seq: u64,
    /// The UIDs the client knows, if it sends them.
    pub known_uids: Option<SequenceSet>,
    /// Message sequence numbers and their matching UIDs
    /// (`known-sequence-set`, `known-uid-set`).
    pub seq_match: Option<(SequenceSet, SequenceSet)>,
}

/// A LIST command: `LIST [(select-opts)] reference patterns [RETURN (...)]`.
///
/// With one pattern and no options it is the plain RFC 3501 LIST.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct List<'a> {
    /// The reference name (often empty).
    pub reference: Mailbox<'a>,
    /// The patterns, which may hold `*` and `%`; must not be empty. More
    /// than one is sent as a parenthesised list (LIST-EXTENDED).
    pub patterns: Vec<Mailbox<'a>>,
    /// Selection options; an empty list sends none.
    pub selection: Vec<ListSelect>,
    /// Return options; an empty list sends no `RETURN`.
    pub returns: Vec<ListReturn>,
}

impl<'a> List<'a> {
    /// A plain `LIST reference pattern`.
    pub fn new(reference: impl Into<Mailbox<'a>>, pattern: impl Into<Mailbox<'a>>) -> Self {
        List { reference: reference.into(), patterns: vec![pattern.into()], selection: vec![], returns: vec![] }
    }
}

/// A LIST selection option (RFC 5258, 6154).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ListSelect {
    /// `SUBSCRIBED`
    Subscribed,
    /// `REMOTE`
    Remote,
    /// `RECURSIVEMATCH`; needs `SUBSCRIBED` or `SPECIAL-USE` beside it.
    RecursiveMatch,
    /// `SPECIAL-USE` (RFC 6154)
    SpecialUse,
}

/// A LIST return option (RFC 5258, 5819, 6154).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ListReturn {
    /// `SUBSCRIBED`
    Subscribed,
    /// `CHILDREN`
    Children,
    /// `SPECIAL-USE` (RFC 6154)
    SpecialUse,
    /// `STATUS (item ...)` (RFC 5819); the list must not be empty.
    Status(Vec<StatusAttr>),
}

/// A STATUS data item name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StatusAttr {
    /// `MESSAGES`
    Messages,
    /// `RECENT` (IMAP4rev1)
    Recent,
    /// `UIDNEXT`
    UidNext,
    /// `UIDVALIDITY`
    UidValidity,
    /// `UNSEEN`
    Unseen,
    /// `DELETED` (RFC 9051)
    Deleted,
    /// `SIZE` (RFC 8438)
    Size,
    /// `HIGHESTMODSEQ` (RFC 7162)
    HighestModSeq,
    /// `APPENDLIMIT` (RFC 7889)
    AppendLimit,
    /// `MAILBOXID` (RFC 8474)
    MailboxId,
    /// `DELETED-STORAGE` (RFC 9208)
    DeletedStorage,
}

/// The STATUS items by their names.
const STATUS_ATTRS: [(&[u8], StatusAttr); 11] = [
    (b"MESSAGES", StatusAttr::Messages),
    (b"RECENT", StatusAttr::Recent),
    (b"UIDNEXT", StatusAttr::UidNext),
    (b"UIDVALIDITY", StatusAttr::UidValidity),
    (b"UNSEEN", StatusAttr::Unseen),
    (b"DELETED", StatusAttr::Deleted),
    (b"SIZE", StatusAttr::Size),
    (b"HIGHESTMODSEQ", StatusAttr::HighestModSeq),
    (b"APPENDLIMIT", StatusAttr::AppendLimit),
    (b"MAILBOXID", StatusAttr::MailboxId),
    (b"DELETED-STORAGE", StatusAttr::DeletedStorage),
];

impl StatusAttr {
    /// The item called `name`, compared case-insensitively; None for
    /// items this crate does not know.
    #[inline]
    pub fn from_name(name: &[u8]) -> Option<StatusAttr> {
        let exact = STATUS_ATTRS.iter().find(|(n, _)| *n == name);
        exact.or_else(|| STATUS_ATTRS.iter().find(|(n, _)| n.eq_ignore_ascii_case(name))).map(|(_, a)| *a)
    }

    /// The item's name as sent, e.g. `UIDNEXT`.
    pub fn name(self) -> &'static [u8] {
        STATUS_ATTRS.iter().find(|(_, a)| *a == self).map_or(b"", |(n, _)| n)
    }
}

/// One message of an APPEND command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppendMessage<'a> {
    /// Flags to set; an empty list sends no flag list.
    pub flags: Vec<Flag<'a>>,
    /// The internal date to set, if any.
    pub internal_date: Option<DateTime>,
    /// The message; it is sent as a literal without being copied (owned
    /// data lets a connection keep the command until it is sent).
    pub data: Bytes<'a>,
    /// Send the data as a `literal8` (`~{n}`, RFC 3516 BINARY), which may
    /// contain NUL bytes. Otherwise NUL in the data is an encoding error.
    pub binary: bool,
}

impl<'a> AppendMessage<'a> {
    /// A message without flags or date, sent as an ordinary literal.
    pub fn new(data: impl Into<Bytes<'a>>) -> Self {
        AppendMessage { flags: vec![], internal_date: None, data: data.into(), binary: false }
    }
}

/// A SEARCH command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Search<'a> {
    /// `UID SEARCH` rather than `SEARCH`.
    pub uid: bool,
    /// `CHARSET x`, the charset of the search strings.
    pub charset: Option<Bytes<'a>>,
    /// ESEARCH return options (RFC 4731, 5182): `None` sends no `RETURN`;
    /// `Some(vec![])` sends `RETURN ()`.
    pub returns: Option<Vec<SearchReturn>>,
    /// The keys, all of which must match; must not be empty.
    pub keys: Vec<SearchKey<'a>>,
}

/// An ESEARCH return option.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SearchReturn {
    /// `MIN`
    Min,
    /// `MAX`
    Max,
    /// `ALL`
    All,
    /// `COUNT`
    Count,
    /// `SAVE` (RFC 5182)
    Save,
}

/// A search key (RFC 3501/9051 `search-key` and extensions).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SearchKey<'a> {
    /// `ALL`
    All,
    /// `ANSWERED`
    Answered,
    /// `BCC string`
    Bcc(Bytes<'a>),
    /// `BEFORE date`
    Before(Date),
    /// `BODY string`
    Body(Bytes<'a>),
    /// `CC string`
    Cc(Bytes<'a>),
    /// `DELETED`
    Deleted,
    /// `DRAFT`
    Draft,
    /// `FLAGGED`
    Flagged,
    /// `FROM string`
    From(Bytes<'a>),
    /// `HEADER field-name string`
    Header(Bytes<'a>, Bytes<'a>),
    /// `KEYWORD flag-keyword`
    Keyword(Bytes<'a>),
    /// `LARGER n`
    Larger(u64),
    /// `NEW` (IMAP4rev1)
    New,
    /// `NOT key`
    Not(Box<SearchKey<'a>>),
    /// `OLD` (IMAP4rev1)
    Old,
    /// `ON date`
    On(Date),
    /// `OR key key`
    Or(Box<SearchKey<'a>>, Box<SearchKey<'a>>),
    /// `RECENT` (IMAP4rev1)
    Recent,
    /// `SEEN`
    Seen,
    /// `SENTBEFORE date`
    SentBefore(Date),
    /// `SENTON date`
    SentOn(Date),
    /// `SENTSINCE date`
    SentSince(Date),
    /// `SINCE date`
    Since(Date),
    /// `SMALLER n`
    Smaller(u64),
    /// `SUBJECT string`
    Subject(Bytes<'a>),
    /// `TEXT string`
    Text(Bytes<'a>),
    /// `TO string`
    To(Bytes<'a>),
    /// `UID set`
    Uid(MessageSet),
    /// `UNANSWERED`
    Unanswered,
    /// `UNDELETED`
    Undeleted,
    /// `UNDRAFT`
    Undraft,
    /// `UNFLAGGED`
    Unflagged,
    /// `UNKEYWORD flag-keyword`
    Unkeyword(Bytes<'a>),
    /// `UNSEEN`
    Unseen,
    /// A bare sequence set.
    SequenceSet(MessageSet),
    /// `(key key ...)`: all must match; must not be empty.
    And(Vec<SearchKey<'a>>),
    /// `MODSEQ ["/flags/<flag>" priv|shared|all] n` (RFC 7162)
    ModSeq {
        /// The flag whose metadata item is meant, and its entry type.
        entry: Option<(Flag<'a>, EntryType)>,
        /// The modification sequence (zero is allowed).
        mod_seq: u64,
    },
    /// `X-GM-RAW string` (Gmail search syntax)
    GmRaw(Bytes<'a>),
    /// `X-GM-MSGID n`
    GmMsgId(u64),
    /// `X-GM-THRID n`
    GmThrId(u64),
    /// `X-GM-LABELS label`; written like a label in STORE.
    GmLabels(Bytes<'a>),
    /// `OLDER seconds` (RFC 5032)
    Older(u32),
    /// `YOUNGER seconds` (RFC 5032)
    Younger(u32),
    /// `SAVEDBEFORE date` (RFC 8514)
    SavedBefore(Date),
    /// `SAVEDON date` (RFC 8514)
    SavedOn(Date),
    /// `SAVEDSINCE date` (RFC 8514)
    SavedSince(Date),
    /// `SAVEDATESUPPORTED` (RFC 8514)
    SaveDateSupported,
    /// `EMAILID objectid` (RFC 8474)
    EmailId(Bytes<'a>),
    /// `THREADID objectid` (RFC 8474)
    ThreadId(Bytes<'a>),
}

/// The entry type of a `MODSEQ` search key (RFC 7162 `entry-type-req`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryType {
    /// `priv`
    Private,
    /// `shared`
    Shared,
    /// `all`
    All,
}

/// A FETCH command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetch<'a> {
    /// `UID FETCH` rather than `FETCH`.
    pub uid: bool,
    /// The messages.
    pub set: MessageSet,
    /// What to fetch.
    pub items: FetchItems<'a>,
    /// `CHANGEDSINCE n` (RFC 7162); the value must be non-zero.
    pub changed_since: Option<u64>,
    /// `VANISHED` (RFC 7162); needs `changed_since` and `uid`.
    pub vanished: bool,
}

/// The items of a FETCH command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchItems<'a> {
    /// `ALL`: `(FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)`
    All,
    /// `FAST`: `(FLAGS INTERNALDATE RFC822.SIZE)`
    Fast,
    /// `FULL`: `(FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY)`
    Full,
    /// Explicit items; must not be empty. One item is sent bare, several
    /// in parentheses.
    Items(Vec<FetchAttr<'a>>),
}

/// One FETCH data item name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchAttr<'a> {
    /// `ENVELOPE`
    Envelope,
    /// `FLAGS`
    Flags,
    /// `INTERNALDATE`
    InternalDate,
    /// `RFC822` (IMAP4rev1)
    Rfc822,
    /// `RFC822.HEADER` (IMAP4rev1)
    Rfc822Header,
    /// `RFC822.TEXT` (IMAP4rev1)
    Rfc822Text,
    /// `RFC822.SIZE`
    Rfc822Size,
    /// `BODY`
    Body,
    /// `BODYSTRUCTURE`
    BodyStructure,
    /// `BODY[section]<offset.length>` or `BODY.PEEK[...]`
    BodySection {
        /// `BODY.PEEK`, which does not set `\Seen`.
        peek: bool,
        /// Which section.
        section: Section<'a>,
        /// `<offset.length>`; the length must be non-zero.
        partial: Option<(u32, u32)>,
    },
    /// `BINARY[part]<offset.length>` or `BINARY.PEEK[...]` (RFC 3516)
    Binary {
        /// `BINARY.PEEK`, which does not set `\Seen`.
        peek: bool,
        /// The part path, e.g. `[1, 2]`; empty for the whole message.
        part: Vec<u32>,
        /// `<offset.length>`; the length must be non-zero.
        partial: Option<(u32, u32)>,
    },
    /// `BINARY.SIZE[part]` (RFC 3516)
    BinarySize {
        /// The part path.
        part: Vec<u32>,
    },
    /// `UID`
    Uid,
    /// `MODSEQ` (RFC 7162)
    ModSeq,
    /// `X-GM-MSGID`
    GmMsgId,
    /// `X-GM-THRID`
    GmThrId,
    /// `X-GM-LABELS`
    GmLabels,
    /// `EMAILID` (RFC 8474)
    EmailId,
    /// `THREADID` (RFC 8474)
    ThreadId,
    /// `SAVEDATE` (RFC 8514)
    SaveDate,
    /// `PREVIEW` or `PREVIEW (LAZY)` (RFC 8970)
    Preview {
        /// Ask for `LAZY`: the server may answer NIL rather than compute it.
        lazy: bool,
    },
}

/// A STORE command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Store<'a> {
    /// `UID STORE` rather than `STORE`.
    pub uid: bool,
    /// The messages.
    pub set: MessageSet,
    /// `UNCHANGEDSINCE n` (RFC 7162; zero is allowed).
    pub unchanged_since: Option<u64>,
    /// Add (`+`), replace, or remove (`-`).
    pub action: StoreAction,
    /// `.SILENT`: the server does not answer with the new values.
    pub silent: bool,
    /// Flags or Gmail labels.
    pub data: StoreData<'a>,
}

/// How STORE changes the values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StoreAction {
    /// `+FLAGS`: add.
    Add,
    /// `FLAGS`: replace.
    Set,
    /// `-FLAGS`: remove.
    Remove,
}

/// What STORE changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreData<'a> {
    /// `FLAGS (...)`; the list may be empty.
    Flags(Vec<Flag<'a>>),
    /// `X-GM-LABELS (...)`: Gmail labels as text. System labels such as
    /// `\Inbox` are sent as they are; other labels like mailbox names.
    Labels(Vec<Bytes<'a>>),
}

/// One SORT criterion (RFC 5256, 5957).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SortCriterion {
    /// `REVERSE`
    pub reverse: bool,
    /// The key.
    pub key: SortKey,
}

/// A SORT key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// `ARRIVAL`
    Arrival,
    /// `CC`
    Cc,
    /// `DATE`
    Date,
    /// `FROM`
    From,
    /// `SIZE`
    Size,
    /// `SUBJECT`
    Subject,
    /// `TO`
    To,
    /// `DISPLAYFROM` (RFC 5957)
    DisplayFrom,
    /// `DISPLAYTO` (RFC 5957)
    DisplayTo,
}

/// A THREAD algorithm (RFC 5256).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ThreadAlgorithm<'a> {
    /// `ORDEREDSUBJECT`
    OrderedSubject,
    /// `REFERENCES`
    References,
    /// Any other algorithm, an atom.
    Other(Bytes<'a>),
}

/// How SETACL changes the rights (RFC 4314 `mod-rights`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AclMode {
    /// Replace the rights.
    Set,
    /// `+rights`: add.
    Add,
    /// `-rights`: remove.
    Remove,
}

/// The GETMETADATA `DEPTH` option (RFC 5464).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MetadataDepth {
    /// `0`: only the entries named.
    Zero,
    /// `1`: and their children.
    One,
    /// `infinity`: and all their descendants.
    Infinity,
}

/// A typed argument of [`Command::Raw`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RawArg<'a> {
    /// An atom; it must be a valid atom (validated).
    Atom(Bytes<'a>),
    /// A string, sent as an atom, quoted string or literal as its bytes
    /// require.
    String(Bytes<'a>),
    /// A mailbox name, encoded like any mailbox argument.
    Mailbox(Mailbox<'a>),
    /// A number.
    Number(u64),
    /// A sequence set.
    Set(MessageSet),
    /// A parenthesised list of arguments (may be empty).
    List(Vec<RawArg<'a>>),
    /// A literal, whatever the bytes.
    Literal(Bytes<'a>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_names_round_trip_in_any_case() {
        for (name, attr) in &STATUS_ATTRS {
            assert_eq!(attr.name(), *name);
            assert_eq!(StatusAttr::from_name(&name.to_ascii_lowercase()), Some(*attr));
        }
        assert_eq!(StatusAttr::from_name(b"X-UNKNOWN"), None);
    }
}
