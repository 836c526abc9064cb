//! The data model as C structs, and its conversion from the Rust types.
//!
//! Every struct here is plain data. Strings point into the connection's (or
//! decoder's) input buffer, or into the decoder's arena for a quoted string
//! that held escapes; arrays live in an `Arena` owned by the connection.
//! All are valid until the next call that takes it.

use super::{imap_bytes, Arena};
use crate::codec::{LiteralBegin, Malformed};
use crate::types::*;

/// A list of byte strings.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_bytes_list {
    /// The strings.
    pub items: *const imap_bytes,
    /// How many.
    pub len: usize,
}

/// A list of 32-bit numbers.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_u32_list {
    /// The numbers.
    pub items: *const u32,
    /// How many.
    pub len: usize,
}

/// One element of a sequence set; 0 stands for `*`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_seq_range {
    /// First number (0 = `*`).
    pub start: u32,
    /// Last number (0 = `*`); equal to `start` for a single number.
    pub end: u32,
}

/// A sequence set.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_seq_set {
    /// The ranges, in the order sent.
    pub items: *const imap_seq_range,
    /// How many.
    pub len: usize,
}

/// A date and time. `month` is 1 to 12.
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct imap_date_time {
    /// Year, e.g. 1996.
    pub year: u16,
    /// Month, 1 (January) to 12.
    pub month: u8,
    /// Day of the month, 1 to 31.
    pub day: u8,
    /// Hour, 0 to 23.
    pub hour: u8,
    /// Minute, 0 to 59.
    pub minute: u8,
    /// Second, 0 to 60.
    pub second: u8,
    /// Zone: minutes east of UTC (e.g. -420 for -0700).
    pub zone_minutes: i16,
}

/// Kinds of [`imap_flag`].
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_flag_kind {
    /// `\Answered`
    Answered = 0,
    /// `\Flagged`
    Flagged = 1,
    /// `\Deleted`
    Deleted = 2,
    /// `\Seen`
    Seen = 3,
    /// `\Draft`
    Draft = 4,
    /// `\Recent`
    Recent = 5,
    /// `\*` (PERMANENTFLAGS)
    Wildcard = 6,
    /// A keyword; `name` holds it.
    Keyword = 7,
    /// Another `\Name`; `name` holds it without the backslash.
    Extension = 8,
    /// Something in a flag list that is not a flag; `name` holds its bytes
    /// as sent.
    Unparsed = 9,
}

/// A message flag.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_flag {
    /// Which flag.
    pub kind: imap_flag_kind,
    /// The keyword or extension name (NIL for the system flags).
    pub name: imap_bytes,
}

/// A list of flags.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_flag_list {
    /// The flags.
    pub items: *const imap_flag,
    /// How many.
    pub len: usize,
}

/// Kinds of [`imap_mailbox_attr`].
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_mailbox_attr_kind {
    /// `\Noinferiors`
    Noinferiors = 0,
    /// `\Noselect`
    Noselect = 1,
    /// `\Marked`
    Marked = 2,
    /// `\Unmarked`
    Unmarked = 3,
    /// `\NonExistent`
    NonExistent = 4,
    /// `\Subscribed`
    Subscribed = 5,
    /// `\Remote`
    Remote = 6,
    /// `\HasChildren`
    HasChildren = 7,
    /// `\HasNoChildren`
    HasNoChildren = 8,
    /// `\All`
    All = 9,
    /// `\Archive`
    Archive = 10,
    /// `\Drafts`
    Drafts = 11,
    /// `\Flagged`
    Flagged = 12,
    /// `\Junk`
    Junk = 13,
    /// `\Sent`
    Sent = 14,
    /// `\Trash`
    Trash = 15,
    /// `\Important`
    Important = 16,
    /// Another attribute; `name` holds it without the backslash.
    Extension = 17,
    /// Something in an attribute list that is not an attribute; `name`
    /// holds its bytes as sent.
    Unparsed = 18,
}

/// A mailbox attribute of LIST, LSUB or XLIST.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_mailbox_attr {
    /// Which attribute.
    pub kind: imap_mailbox_attr_kind,
    /// The name, for extensions (NIL otherwise).
    pub name: imap_bytes,
}

/// Kinds of [`imap_capability`].
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_capability_kind {
    /// `IMAP4`
    Imap4 = 0,
    /// `IMAP4rev1`
    Imap4rev1 = 1,
    /// `IMAP4rev2`
    Imap4rev2 = 2,
    /// `ACL`
    Acl = 3,
    /// `APPENDLIMIT[=n]`; `has_number`/`number` give the limit.
    AppendLimit = 4,
    /// `AUTH=<mechanism>`; `value` holds the mechanism.
    Auth = 5,
    /// `BINARY`
    Binary = 6,
    /// `CATENATE`
    Catenate = 7,
    /// `CHILDREN`
    Children = 8,
    /// `COMPRESS=DEFLATE`
    CompressDeflate = 9,
    /// `CONDSTORE`
    Condstore = 10,
    /// `CONTEXT=SEARCH`
    ContextSearch = 11,
    /// `CONTEXT=SORT`
    ContextSort = 12,
    /// `ENABLE`
    Enable = 13,
    /// `ESEARCH`
    Esearch = 14,
    /// `ESORT`
    Esort = 15,
    /// `ID`
    Id = 16,
    /// `IDLE`
    Idle = 17,
    /// `LIST-EXTENDED`
    ListExtended = 18,
    /// `LIST-STATUS`
    ListStatus = 19,
    /// `LITERAL+`
    LiteralPlus = 20,
    /// `LITERAL-`
    LiteralMinus = 21,
    /// `LOGINDISABLED`
    LoginDisabled = 22,
    /// `METADATA`
    Metadata = 23,
    /// `METADATA-SERVER`
    MetadataServer = 24,
    /// `MOVE`
    Move = 25,
    /// `MULTIAPPEND`
    MultiAppend = 26,
    /// `NAMESPACE`
    Namespace = 27,
    /// `NOTIFY`
    Notify = 28,
    /// `OBJECTID`
    ObjectId = 29,
    /// `PARTIAL`
    Partial = 30,
    /// `PREVIEW`
    Preview = 31,
    /// `QRESYNC`
    Qresync = 32,
    /// `QUOTA`
    Quota = 33,
    /// `QUOTA=RES-<name>`; `value` holds the resource.
    QuotaRes = 34,
    /// `QUOTASET`
    QuotaSet = 35,
    /// `QUOTE`
    Quote = 36,
    /// `SASL-IR`
    SaslIr = 37,
    /// `SAVEDATE`
    SaveDate = 38,
    /// `SEARCHRES`
    SearchRes = 39,
    /// `SORT`
    Sort = 40,
    /// `SORT=<ext>`; `value` holds the extension.
    SortExt = 41,
    /// `SPECIAL-USE`
    SpecialUse = 42,
    /// `CREATE-SPECIAL-USE`
    CreateSpecialUse = 43,
    /// `STARTTLS`
    Starttls = 44,
    /// `STATUS=SIZE`
    StatusSize = 45,
    /// `THREAD=<algorithm>`; `value` holds the algorithm.
    Thread = 46,
    /// `UIDPLUS`
    UidPlus = 47,
    /// `UNAUTHENTICATE`
    Unauthenticate = 48,
    /// `UNSELECT`
    Unselect = 49,
    /// `UTF8=ACCEPT`
    Utf8Accept = 50,
    /// `UTF8=ONLY`
    Utf8Only = 51,
    /// `WITHIN`
    Within = 52,
    /// `XLIST`
    Xlist = 53,
    /// `XOAUTH2`
    Xoauth2 = 54,
    /// `X-GM-EXT-1`
    Gmail = 55,
    /// Any other; `value` holds it verbatim.
    Other = 56,
}

/// A capability.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_capability {
    /// Which capability.
    pub kind: imap_capability_kind,
    /// Its value, for the kinds that have one (NIL otherwise).
    pub value: imap_bytes,
    /// Whether `number` is set (APPENDLIMIT=n).
    pub has_number: bool,
    /// The number of APPENDLIMIT=n.
    pub number: u64,
}

/// A list of capabilities.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_capability_list {
    /// The capabilities.
    pub items: *const imap_capability,
    /// How many.
    pub len: usize,
}

/// Kinds of [`imap_code`].
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_code_kind {
    /// `ALERT`
    Alert = 0,
    /// `BADCHARSET`; `u.strings` lists the charsets.
    BadCharset = 1,
    /// `CAPABILITY`; `u.capabilities`.
    Capability = 2,
    /// `PARSE`
    Parse = 3,
    /// `PERMANENTFLAGS`; `u.flags`.
    PermanentFlags = 4,
    /// `READ-ONLY`
    ReadOnly = 5,
    /// `READ-WRITE`
    ReadWrite = 6,
    /// `TRYCREATE`
    TryCreate = 7,
    /// `UIDNEXT`; `u.number`.
    UidNext = 8,
    /// `UIDVALIDITY`; `u.number`.
    UidValidity = 9,
    /// `UNSEEN`; `u.number`.
    Unseen = 10,
    /// `APPENDUID`; `u.append_uid`.
    AppendUid = 11,
    /// `COPYUID`; `u.copy_uid`.
    CopyUid = 12,
    /// `UIDNOTSTICKY`
    UidNotSticky = 13,
    /// `HIGHESTMODSEQ`; `u.number64`.
    HighestModSeq = 14,
    /// `NOMODSEQ`
    NoModSeq = 15,
    /// `MODIFIED`; `u.set`.
    Modified = 16,
    /// `CLOSED`
    Closed = 17,
    /// `COMPRESSIONACTIVE`
    CompressionActive = 18,
    /// `USEATTR`
    UseAttr = 19,
    /// `UNAVAILABLE`
    Unavailable = 20,
    /// `AUTHENTICATIONFAILED`
    AuthenticationFailed = 21,
    /// `AUTHORIZATIONFAILED`
    AuthorizationFailed = 22,
    /// `EXPIRED`
    Expired = 23,
    /// `PRIVACYREQUIRED`
    PrivacyRequired = 24,
    /// `CONTACTADMIN`
    ContactAdmin = 25,
    /// `NOPERM`
    NoPerm = 26,
    /// `INUSE`
    InUse = 27,
    /// `EXPUNGEISSUED`
    ExpungeIssued = 28,
    /// `CORRUPTION`
    Corruption = 29,
    /// `SERVERBUG`
    ServerBug = 30,
    /// `CLIENTBUG`
    ClientBug = 31,
    /// `CANNOT`
    Cannot = 32,
    /// `LIMIT`
    Limit = 33,
    /// `OVERQUOTA`
    OverQuota = 34,
    /// `ALREADYEXISTS`
    AlreadyExists = 35,
    /// `NONEXISTENT`
    NonExistent = 36,
    /// `NOTSAVED`
    NotSaved = 37,
    /// `HASCHILDREN`
    HasChildren = 38,
    /// `UNKNOWN-CTE`
    UnknownCte = 39,
    /// `TOOBIG`
    TooBig = 40,
    /// `BADURL`; `u.text`.
    BadUrl = 41,
    /// `NOUPDATE`; `u.text`.
    NoUpdate = 42,
    /// `MAILBOXID`; `u.text`.
    MailboxId = 43,
    /// `METADATA LONGENTRIES`; `u.number64`.
    MetadataLongEntries = 44,
    /// `METADATA MAXSIZE`; `u.number64`.
    MetadataMaxSize = 45,
    /// `METADATA TOOMANY`
    MetadataTooMany = 46,
    /// `METADATA NOPRIVATE`
    MetadataNoPrivate = 47,
    /// `NOTIFICATIONOVERFLOW`
    NotificationOverflow = 48,
    /// `REFERRAL`; `u.text`.
    Referral = 49,
    /// Any other code; `u.other`.
    Other = 50,
}

/// `APPENDUID` data.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_code_append_uid {
    /// UIDVALIDITY of the mailbox.
    pub uid_validity: u32,
    /// The assigned UIDs.
    pub uids: imap_seq_set,
}

/// `COPYUID` data.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_code_copy_uid {
    /// UIDVALIDITY of the destination.
    pub uid_validity: u32,
    /// Source UIDs.
    pub source: imap_seq_set,
    /// Destination UIDs.
    pub dest: imap_seq_set,
}

/// An unknown code: its name and raw text (NIL when absent).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_code_other {
    /// The atom.
    pub name: imap_bytes,
    /// The text up to `]`, or NIL.
    pub text: imap_bytes,
}

/// The data of an [`imap_code`].
#[repr(C)]
#[derive(Clone, Copy)]
pub union imap_code_data {
    /// UIDNEXT, UIDVALIDITY, UNSEEN.
    pub number: u32,
    /// HIGHESTMODSEQ, METADATA LONGENTRIES/MAXSIZE.
    pub number64: u64,
    /// MODIFIED.
    pub set: imap_seq_set,
    /// BADURL, NOUPDATE, MAILBOXID, REFERRAL.
    pub text: imap_bytes,
    /// BADCHARSET.
    pub strings: imap_bytes_list,
    /// CAPABILITY.
    pub capabilities: imap_capability_list,
    /// PERMANENTFLAGS.
    pub flags: imap_flag_list,
    /// APPENDUID.
    pub append_uid: imap_code_append_uid,
    /// COPYUID.
    pub copy_uid: imap_code_copy_uid,
    /// Other codes.
    pub other: imap_code_other,
}

/// A response code.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_code {
    /// Which code; says which member of `u` is set.
    pub kind: imap_code_kind,
    /// Its data.
    pub u: imap_code_data,
}

/// A response code (NULL when absent) and text.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_resp_text {
    /// The code, or NULL.
    pub code: *const imap_code,
    /// The text.
    pub text: imap_bytes,
}

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

/// A (name, value) pair: body parameters, ID fields, ACL entries, METADATA
/// entries. The value may be NIL.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_pair {
    /// The name.
    pub name: imap_bytes,
    /// The value, or NIL.
    pub value: imap_bytes,
}

/// A list of pairs.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_pair_list {
    /// The pairs.
    pub items: *const imap_pair,
    /// How many.
    pub len: usize,
}

/// A Content-Disposition.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_disposition {
    /// e.g. `attachment`.
    pub kind: imap_bytes,
    /// Its parameters.
    pub params: imap_pair_list,
}

/// Kinds of [`imap_body_extension`].
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_body_extension_kind {
    /// A string or NIL: `string`.
    String = 0,
    /// A number: `number`.
    Number = 1,
    /// A list: `items`, `len`.
    List = 2,
    /// Extension data that did not parse, verbatim: `string`.
    Unparsed = 3,
}

/// Future extension data of a body part.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_body_extension {
    /// Which kind.
    pub kind: imap_body_extension_kind,
    /// The string (NIL for NIL).
    pub string: imap_bytes,
    /// The number.
    pub number: u64,
    /// The elements of a list.
    pub items: *const imap_body_extension,
    /// How many.
    pub len: usize,
}

/// Kinds of [`imap_body`].
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_body_kind {
    /// A non-text, non-message single part.
    Basic = 0,
    /// TEXT/*: `lines` is set.
    Text = 1,
    /// MESSAGE/RFC822 or GLOBAL: `envelope`, `body` and `lines` are set.
    Message = 2,
    /// A multipart: `parts`, `parts_len` are set.
    Multipart = 3,
}

/// A BODY or BODYSTRUCTURE. Fields that do not apply to the kind are
/// zero or NIL.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_body {
    /// Which kind.
    pub kind: imap_body_kind,
    /// Media type (e.g. `TEXT`; NIL for a multipart).
    pub media_type: imap_bytes,
    /// Subtype (e.g. `PLAIN`, or the multipart subtype `MIXED`).
    pub subtype: imap_bytes,
    /// Content-Type parameters (single parts; for a multipart, those of
    /// its extension data).
    pub params: imap_pair_list,
    /// Content-ID.
    pub id: imap_bytes,
    /// Content-Description.
    pub description: imap_bytes,
    /// Content-Transfer-Encoding.
    pub encoding: imap_bytes,
    /// Size in octets.
    pub octets: u32,
    /// Size in lines (TEXT, MESSAGE).
    pub lines: u64,
    /// Envelope of the nested message (MESSAGE), else NULL.
    pub envelope: *const imap_envelope,
    /// Body of the nested message (MESSAGE), else NULL.
    pub body: *const imap_body,
    /// Parts of a multipart.
    pub parts: *const imap_body,
    /// How many parts.
    pub parts_len: usize,
    /// Whether extension data was sent (the fields below).
    pub has_extension: bool,
    /// Content-MD5 (single parts).
    pub md5: imap_bytes,
    /// Content-Disposition, or NULL.
    pub disposition: *const imap_disposition,
    /// Content-Language.
    pub language: imap_bytes_list,
    /// Content-Location.
    pub location: imap_bytes,
    /// Further extension data.
    pub extensions: *const imap_body_extension,
    /// How many.
    pub extensions_len: usize,
}

/// Kinds of section text.
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_section_kind {
    /// The whole part (`BODY[]`, `BODY[1]`).
    All = 0,
    /// `HEADER`
    Header = 1,
    /// `HEADER.FIELDS (...)`; `fields`.
    HeaderFields = 2,
    /// `HEADER.FIELDS.NOT (...)`; `fields`.
    HeaderFieldsNot = 3,
    /// `TEXT`
    Text = 4,
    /// `MIME`
    Mime = 5,
}

/// A body section specifier.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_section {
    /// The part path (`1.2` is {1, 2}).
    pub part: imap_u32_list,
    /// What of the part.
    pub kind: imap_section_kind,
    /// Header field names.
    pub fields: imap_bytes_list,
}

/// Kinds of [`imap_fetch_item`].
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_fetch_kind {
    /// `FLAGS`; `u.flags`.
    Flags = 0,
    /// `ENVELOPE`; `u.envelope`.
    Envelope = 1,
    /// `INTERNALDATE`; `u.date_time`.
    InternalDate = 2,
    /// `RFC822.SIZE`; `u.number64`.
    Rfc822Size = 3,
    /// `RFC822`; `u.data`.
    Rfc822 = 4,
    /// `RFC822.HEADER`; `u.data`.
    Rfc822Header = 5,
    /// `RFC822.TEXT`; `u.data`.
    Rfc822Text = 6,
    /// `BODY`; `u.body`.
    Body = 7,
    /// `BODYSTRUCTURE`; `u.body`.
    BodyStructure = 8,
    /// `BODY[section]<origin>`; `u.section`.
    BodySection = 9,
    /// `BINARY[part]<origin>`; `u.section` (kind All).
    Binary = 10,
    /// `BINARY.SIZE[part]`; `u.binary_size`.
    BinarySize = 11,
    /// `UID`; `u.number`.
    Uid = 12,
    /// `MODSEQ`; `u.number64`.
    ModSeq = 13,
    /// `EMAILID`; `u.data`.
    EmailId = 14,
    /// `THREADID`; `u.data` (NIL for NIL).
    ThreadId = 15,
    /// `SAVEDATE`; `u.save_date`.
    SaveDate = 16,
    /// `PREVIEW`; `u.data`.
    Preview = 17,
    /// `X-GM-MSGID`; `u.number64`.
    GmMsgId = 18,
    /// `X-GM-THRID`; `u.number64`.
    GmThrId = 19,
    /// `X-GM-LABELS`; `u.labels`.
    GmLabels = 20,
    /// Any other item; `u.other` (name, raw value).
    Other = 21,
}

/// `BODY[...]` or `BINARY[...]` data.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_fetch_section {
    /// The section.
    pub section: imap_section,
    /// Whether `origin` is set.
    pub has_origin: bool,
    /// The `<origin>` octet.
    pub origin: u32,
    /// The data (NIL for NIL; empty when the literal was streamed).
    pub data: imap_bytes,
}

/// `BINARY.SIZE` data.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_fetch_binary_size {
    /// The part path.
    pub part: imap_u32_list,
    /// The size.
    pub size: u64,
}

/// `SAVEDATE` data.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_fetch_save_date {
    /// False for `SAVEDATE NIL`.
    pub present: bool,
    /// The date.
    pub date_time: imap_date_time,
}

/// The data of an [`imap_fetch_item`].
#[repr(C)]
#[derive(Clone, Copy)]
pub union imap_fetch_data {
    /// FLAGS.
    pub flags: imap_flag_list,
    /// ENVELOPE.
    pub envelope: *const imap_envelope,
    /// INTERNALDATE.
    pub date_time: imap_date_time,
    /// UID.
    pub number: u32,
    /// RFC822.SIZE, MODSEQ, X-GM-MSGID, X-GM-THRID.
    pub number64: u64,
    /// RFC822*, EMAILID, THREADID, PREVIEW.
    pub data: imap_bytes,
    /// BODY, BODYSTRUCTURE.
    pub body: *const imap_body,
    /// BODY[...], BINARY[...].
    pub section: imap_fetch_section,
    /// BINARY.SIZE.
    pub binary_size: imap_fetch_binary_size,
    /// SAVEDATE.
    pub save_date: imap_fetch_save_date,
    /// X-GM-LABELS.
    pub labels: imap_bytes_list,
    /// Other items: name and raw value.
    pub other: imap_pair,
}

/// One item of a FETCH response.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_fetch_item {
    /// Which item; says which member of `u` is set.
    pub kind: imap_fetch_kind,
    /// Its data.
    pub u: imap_fetch_data,
}

/// Kinds of [`imap_status_item`].
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_status_kind {
    /// `MESSAGES`
    Messages = 0,
    /// `RECENT`
    Recent = 1,
    /// `UIDNEXT`
    UidNext = 2,
    /// `UIDVALIDITY`
    UidValidity = 3,
    /// `UNSEEN`
    Unseen = 4,
    /// `DELETED`
    Deleted = 5,
    /// `SIZE`
    Size = 6,
    /// `HIGHESTMODSEQ`
    HighestModSeq = 7,
    /// `APPENDLIMIT`; `has_number` false for NIL.
    AppendLimit = 8,
    /// `MAILBOXID`; `text`.
    MailboxId = 9,
    /// `DELETED-STORAGE`
    DeletedStorage = 10,
    /// Another item; `name` and raw `text`.
    Other = 11,
}

/// One item of a STATUS response.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_status_item {
    /// Which item.
    pub kind: imap_status_kind,
    /// Whether `number` is set.
    pub has_number: bool,
    /// The number.
    pub number: u64,
    /// The item name (for Other).
    pub name: imap_bytes,
    /// MAILBOXID, or the raw value of Other.
    pub text: imap_bytes,
}

/// Kinds of LIST extended items.
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_list_extended_kind {
    /// `CHILDINFO`; `values`.
    ChildInfo = 0,
    /// `OLDNAME`; `values` holds the one name.
    OldName = 1,
    /// Another item; `tag` and raw `values[0]`.
    Other = 2,
}

/// A LIST-EXTENDED data item.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_list_extended {
    /// Which item.
    pub kind: imap_list_extended_kind,
    /// The item tag (for Other).
    pub tag: imap_bytes,
    /// The values.
    pub values: imap_bytes_list,
}

/// A LIST, LSUB or XLIST response.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_list {
    /// Attributes.
    pub attributes: *const imap_mailbox_attr,
    /// How many.
    pub attributes_len: usize,
    /// Whether the delimiter is set (false for NIL).
    pub has_delimiter: bool,
    /// The hierarchy delimiter.
    pub delimiter: u8,
    /// The name as sent.
    pub name: imap_bytes,
    /// Extended items.
    pub extended: *const imap_list_extended,
    /// How many.
    pub extended_len: usize,
}

/// A STATUS response.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_status {
    /// The mailbox.
    pub mailbox: imap_bytes,
    /// The items.
    pub items: *const imap_status_item,
    /// How many.
    pub len: usize,
}

/// SEARCH or SORT.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_search {
    /// The numbers.
    pub ids: imap_u32_list,
    /// Whether `modseq` is set.
    pub has_modseq: bool,
    /// The `(MODSEQ n)` value.
    pub modseq: u64,
}

/// Kinds of ESEARCH items.
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_esearch_kind {
    /// `MIN`; `number`.
    Min = 0,
    /// `MAX`; `number`.
    Max = 1,
    /// `ALL`; `set`.
    All = 2,
    /// `COUNT`; `number`.
    Count = 3,
    /// `MODSEQ`; `number`.
    ModSeq = 4,
    /// Another; `name`, raw `value`.
    Other = 5,
}

/// One ESEARCH item.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_esearch_item {
    /// Which item.
    pub kind: imap_esearch_kind,
    /// The number.
    pub number: u64,
    /// The set (ALL).
    pub set: imap_seq_set,
    /// The name (Other).
    pub name: imap_bytes,
    /// The raw value (Other).
    pub value: imap_bytes,
}

/// An ESEARCH response.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_esearch {
    /// The correlator tag, or NIL.
    pub tag: imap_bytes,
    /// Whether the numbers are UIDs.
    pub uid: bool,
    /// The items.
    pub items: *const imap_esearch_item,
    /// How many.
    pub len: usize,
}

/// A THREAD node: a chain of members, then sub-threads.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_thread {
    /// The chain of messages.
    pub members: imap_u32_list,
    /// Sub-threads of the last member.
    pub children: *const imap_thread,
    /// How many.
    pub children_len: usize,
}

/// A list of THREAD nodes.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_thread_list {
    /// The nodes.
    pub items: *const imap_thread,
    /// How many.
    pub len: usize,
}

/// One namespace.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_namespace_desc {
    /// The prefix.
    pub prefix: imap_bytes,
    /// Whether the delimiter is set.
    pub has_delimiter: bool,
    /// The delimiter.
    pub delimiter: u8,
    /// Extensions: each a name then its values (`values.items[0]` is the name).
    pub extensions: *const imap_bytes_list,
    /// How many.
    pub extensions_len: usize,
}

/// A namespace list; `is_nil` for NIL.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_namespace_list {
    /// Whether the server sent NIL.
    pub is_nil: bool,
    /// The namespaces.
    pub items: *const imap_namespace_desc,
    /// How many.
    pub len: usize,
}

/// A NAMESPACE response.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_namespace {
    /// Personal namespaces.
    pub personal: imap_namespace_list,
    /// Other users' namespaces.
    pub other: imap_namespace_list,
    /// Shared namespaces.
    pub shared: imap_namespace_list,
}

/// A quota resource.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_quota_resource {
    /// The resource name.
    pub name: imap_bytes,
    /// Usage.
    pub usage: u64,
    /// Limit.
    pub limit: u64,
}

/// A QUOTA response.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_quota {
    /// The quota root.
    pub root: imap_bytes,
    /// Resources.
    pub items: *const imap_quota_resource,
    /// How many.
    pub len: usize,
}

/// QUOTAROOT, MYRIGHTS, LISTRIGHTS, ACL and METADATA: a mailbox and
/// strings or pairs.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_mailbox_data {
    /// The mailbox.
    pub mailbox: imap_bytes,
    /// QUOTAROOT: the roots. LISTRIGHTS: identifier, required, then the
    /// optional rights. MYRIGHTS: the rights. METADATA (changed): entries.
    pub strings: imap_bytes_list,
    /// ACL: (identifier, rights). METADATA (values): (entry, value).
    pub pairs: imap_pair_list,
    /// METADATA: true for the unsolicited list of changed entries.
    pub changed: bool,
}

/// A FETCH response.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_fetch {
    /// Message sequence number.
    pub seq: u32,
    /// The items.
    pub items: *const imap_fetch_item,
    /// How many.
    pub len: usize,
}

/// A VANISHED response.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_vanished {
    /// `(EARLIER)` was present.
    pub earlier: bool,
    /// The UIDs.
    pub uids: imap_seq_set,
}

/// An ID response; `is_nil` for `ID NIL`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_id {
    /// Whether the server sent NIL.
    pub is_nil: bool,
    /// The fields.
    pub fields: imap_pair_list,
}

/// An unknown untagged response.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_other {
    /// Whether `number` is set.
    pub has_number: bool,
    /// The leading number.
    pub number: u32,
    /// The keyword.
    pub name: imap_bytes,
    /// The rest, verbatim.
    pub rest: imap_bytes,
}

/// Kinds of [`imap_untagged`].
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_untagged_kind {
    /// `* OK`; `u.text`.
    Ok = 0,
    /// `* NO`; `u.text`.
    No = 1,
    /// `* BAD`; `u.text`.
    Bad = 2,
    /// `* BYE`; `u.text`.
    Bye = 3,
    /// `* PREAUTH`; `u.text`.
    Preauth = 4,
    /// `CAPABILITY`; `u.capabilities`.
    Capability = 5,
    /// `ENABLED`; `u.capabilities`.
    Enabled = 6,
    /// `FLAGS`; `u.flags`.
    Flags = 7,
    /// `LIST`; `u.list`.
    List = 8,
    /// `LSUB`; `u.list`.
    Lsub = 9,
    /// `XLIST`; `u.list`.
    Xlist = 10,
    /// `STATUS`; `u.status`.
    Status = 11,
    /// `SEARCH`; `u.search`.
    Search = 12,
    /// `ESEARCH`; `u.esearch`.
    Esearch = 13,
    /// `SORT`; `u.search`.
    Sort = 14,
    /// `THREAD`; `u.thread`.
    Thread = 15,
    /// `NAMESPACE`; `u.namespace_`.
    Namespace = 16,
    /// `ID`; `u.id`.
    Id = 17,
    /// `QUOTA`; `u.quota`.
    Quota = 18,
    /// `QUOTAROOT`; `u.mailbox_data` (strings: roots).
    QuotaRoot = 19,
    /// `ACL`; `u.mailbox_data` (pairs).
    Acl = 20,
    /// `LISTRIGHTS`; `u.mailbox_data` (strings).
    ListRights = 21,
    /// `MYRIGHTS`; `u.mailbox_data` (strings: one).
    MyRights = 22,
    /// `METADATA`; `u.mailbox_data`.
    Metadata = 23,
    /// `n EXISTS`; `u.number`.
    Exists = 24,
    /// `n RECENT`; `u.number`.
    Recent = 25,
    /// `n EXPUNGE`; `u.number`.
    Expunge = 26,
    /// `n FETCH`; `u.fetch`.
    Fetch = 27,
    /// `VANISHED`; `u.vanished`.
    Vanished = 28,
    /// Anything else; `u.other`.
    Other = 29,
}

/// The data of an [`imap_untagged`].
#[repr(C)]
#[derive(Clone, Copy)]
pub union imap_untagged_data {
    /// OK, NO, BAD, BYE, PREAUTH.
    pub text: imap_resp_text,
    /// CAPABILITY, ENABLED.
    pub capabilities: imap_capability_list,
    /// FLAGS.
    pub flags: imap_flag_list,
    /// LIST, LSUB, XLIST.
    pub list: imap_list,
    /// STATUS.
    pub status: imap_status,
    /// SEARCH, SORT.
    pub search: imap_search,
    /// ESEARCH.
    pub esearch: imap_esearch,
    /// THREAD.
    pub thread: imap_thread_list,
    /// NAMESPACE.
    pub namespace_: imap_namespace,
    /// ID.
    pub id: imap_id,
    /// QUOTA.
    pub quota: imap_quota,
    /// QUOTAROOT, ACL, LISTRIGHTS, MYRIGHTS, METADATA.
    pub mailbox_data: imap_mailbox_data,
    /// EXISTS, RECENT, EXPUNGE.
    pub number: u32,
    /// FETCH.
    pub fetch: imap_fetch,
    /// VANISHED.
    pub vanished: imap_vanished,
    /// Unknown responses.
    pub other: imap_other,
}

/// An untagged response.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_untagged {
    /// Which response; says which member of `u` is set.
    pub kind: imap_untagged_kind,
    /// Its data.
    pub u: imap_untagged_data,
}

/// Kinds of [`imap_response`].
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_response_kind {
    /// `* ...`: `untagged`.
    Untagged = 0,
    /// `+ ...`: `text`.
    Continue = 1,
    /// `tag OK|NO|BAD ...`: `tag`, `status`, `text`.
    Tagged = 2,
}

/// The status word of a tagged response.
#[repr(u32)]
#[derive(Clone, Copy)]
pub enum imap_status_word {
    /// OK
    Ok = 0,
    /// NO
    No = 1,
    /// BAD
    Bad = 2,
}

/// A complete response, as the plain decoder returns it.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_response {
    /// Which kind.
    pub kind: imap_response_kind,
    /// The tag (Tagged), else NIL.
    pub tag: imap_bytes,
    /// The status (Tagged).
    pub status: imap_status_word,
    /// Code and text (Tagged, Continue).
    pub text: imap_resp_text,
    /// The response (Untagged).
    pub untagged: imap_untagged,
}

/// The start of a streamed literal.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_literal_begin {
    /// Whether `seq` is set (a FETCH response).
    pub has_seq: bool,
    /// The message sequence number.
    pub seq: u32,
    /// The item the literal belongs to, e.g. `BODY[1.2]<0>`.
    pub item: imap_bytes,
    /// The announced size.
    pub size: u64,
    /// The response's bytes before the literal, e.g. `* 12 FETCH (UID 5 BODY[] `.
    pub prefix: imap_bytes,
}

/// A response that did not parse.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_malformed {
    /// Offset of its first byte in the input stream.
    pub offset: u64,
    /// Its bytes.
    pub raw: imap_bytes,
    /// Offset of the error within `raw`.
    pub error_offset: usize,
}

fn bytes(a: &Arena, b: &Bytes<'_>) -> imap_bytes {
    match &b.0 {
        std::borrow::Cow::Borrowed(s) => imap_bytes::of(s),
        std::borrow::Cow::Owned(v) => a.copy(v),
    }
}

fn nstring(a: &Arena, b: &NString<'_>) -> imap_bytes {
    b.as_ref().map_or(imap_bytes::NIL, |b| bytes(a, b))
}

fn bytes_list(a: &Arena, v: &[Bytes<'_>]) -> imap_bytes_list {
    let (items, len) = a.slice(v.iter().map(|b| bytes(a, b)));
    imap_bytes_list { items, len }
}

fn u32_list(a: &Arena, v: &[u32]) -> imap_u32_list {
    let (items, len) = a.slice(v.iter().copied());
    imap_u32_list { items, len }
}

fn seq_set(a: &Arena, s: &SequenceSet) -> imap_seq_set {
    let (items, len) = a.slice(s.0.iter().map(|r| imap_seq_range { start: r.start, end: r.end }));
    imap_seq_set { items, len }
}

fn pairs(a: &Arena, v: &[(Bytes<'_>, NString<'_>)]) -> imap_pair_list {
    let (items, len) = a.slice(v.iter().map(|(n, val)| imap_pair { name: bytes(a, n), value: nstring(a, val) }));
    imap_pair_list { items, len }
}

fn date_time(d: &DateTime) -> imap_date_time {
    imap_date_time {
        year: d.date.year,
        month: d.date.month,
        day: d.date.day,
        hour: d.hour,
        minute: d.minute,
        second: d.second,
        zone_minutes: d.zone_minutes,
    }
}

fn flag(a: &Arena, f: &Flag<'_>) -> imap_flag {
    let (kind, name) = match f {
        Flag::Answered => (imap_flag_kind::Answered, imap_bytes::NIL),
        Flag::Flagged => (imap_flag_kind::Flagged, imap_bytes::NIL),
        Flag::Deleted => (imap_flag_kind::Deleted, imap_bytes::NIL),
        Flag::Seen => (imap_flag_kind::Seen, imap_bytes::NIL),
        Flag::Draft => (imap_flag_kind::Draft, imap_bytes::NIL),
        Flag::Recent => (imap_flag_kind::Recent, imap_bytes::NIL),
        Flag::Wildcard => (imap_flag_kind::Wildcard, imap_bytes::NIL),
        Flag::Keyword(k) => (imap_flag_kind::Keyword, bytes(a, k)),
        Flag::Extension(e) => (imap_flag_kind::Extension, bytes(a, e)),
        Flag::Unparsed(r) => (imap_flag_kind::Unparsed, bytes(a, r)),
    };
    imap_flag { kind, name }
}

fn flags(a: &Arena, v: &[Flag<'_>]) -> imap_flag_list {
    let (items, len) = a.slice(v.iter().map(|f| flag(a, f)));
    imap_flag_list { items, len }
}

pub(crate) fn mailbox_attr(a: &Arena, m: &MailboxAttr<'_>) -> imap_mailbox_attr {
    use imap_mailbox_attr_kind as K;
    let kind = match m {
        MailboxAttr::Noinferiors => K::Noinferiors,
        MailboxAttr::Noselect => K::Noselect,
        MailboxAttr::Marked => K::Marked,
        MailboxAttr::Unmarked => K::Unmarked,
        MailboxAttr::NonExistent => K::NonExistent,
        MailboxAttr::Subscribed => K::Subscribed,
        MailboxAttr::Remote => K::Remote,
        MailboxAttr::HasChildren => K::HasChildren,
        MailboxAttr::HasNoChildren => K::HasNoChildren,
        MailboxAttr::All => K::All,
        MailboxAttr::Archive => K::Archive,
        MailboxAttr::Drafts => K::Drafts,
        MailboxAttr::Flagged => K::Flagged,
        MailboxAttr::Junk => K::Junk,
        MailboxAttr::Sent => K::Sent,
        MailboxAttr::Trash => K::Trash,
        MailboxAttr::Important => K::Important,
        MailboxAttr::Extension(e) => return imap_mailbox_attr { kind: K::Extension, name: bytes(a, e) },
        MailboxAttr::Unparsed(r) => return imap_mailbox_attr { kind: K::Unparsed, name: bytes(a, r) },
    };
    imap_mailbox_attr { kind, name: imap_bytes::NIL }
}

pub(crate) fn capability(a: &Arena, c: &Capability<'_>) -> imap_capability {
    use imap_capability_kind as K;
    let simple = |kind| imap_capability { kind, value: imap_bytes::NIL, has_number: false, number: 0 };
    let valued = |a: &Arena, kind, v: &Bytes<'_>| imap_capability { kind, value: bytes(a, v), has_number: false, number: 0 };
    match c {
        Capability::Imap4 => simple(K::Imap4),
        Capability::Imap4Rev1 => simple(K::Imap4rev1),
        Capability::Imap4Rev2 => simple(K::Imap4rev2),
        Capability::Acl => simple(K::Acl),
        Capability::AppendLimit(n) => {
            imap_capability { kind: K::AppendLimit, value: imap_bytes::NIL, has_number: n.is_some(), number: n.unwrap_or(0) }
        }
        Capability::Auth(m) => valued(a, K::Auth, m),
        Capability::Binary => simple(K::Binary),
        Capability::Catenate => simple(K::Catenate),
        Capability::Children => simple(K::Children),
        Capability::CompressDeflate => simple(K::CompressDeflate),
        Capability::Condstore => simple(K::Condstore),
        Capability::ContextSearch => simple(K::ContextSearch),
        Capability::ContextSort => simple(K::ContextSort),
        Capability::Enable => simple(K::Enable),
        Capability::Esearch => simple(K::Esearch),
        Capability::Esort => simple(K::Esort),
        Capability::Id => simple(K::Id),
        Capability::Idle => simple(K::Idle),
        Capability::ListExtended => simple(K::ListExtended),
        Capability::ListStatus => simple(K::ListStatus),
        Capability::LiteralPlus => simple(K::LiteralPlus),
        Capability::LiteralMinus => simple(K::LiteralMinus),
        Capability::LoginDisabled => simple(K::LoginDisabled),
        Capability::Metadata => simple(K::Metadata),
        Capability::MetadataServer => simple(K::MetadataServer),
        Capability::Move => simple(K::Move),
        Capability::MultiAppend => simple(K::MultiAppend),
        Capability::Namespace => simple(K::Namespace),
        Capability::Notify => simple(K::Notify),
        Capability::ObjectId => simple(K::ObjectId),
        Capability::Partial => simple(K::Partial),
        Capability::Preview => simple(K::Preview),
        Capability::Qresync => simple(K::Qresync),
        Capability::Quota => simple(K::Quota),
        Capability::QuotaRes(r) => valued(a, K::QuotaRes, r),
        Capability::QuotaSet => simple(K::QuotaSet),
        Capability::Quote => simple(K::Quote),
        Capability::SaslIr => simple(K::SaslIr),
        Capability::SaveDate => simple(K::SaveDate),
        Capability::SearchRes => simple(K::SearchRes),
        Capability::Sort => simple(K::Sort),
        Capability::SortExt(s) => valued(a, K::SortExt, s),
        Capability::SpecialUse => simple(K::SpecialUse),
        Capability::CreateSpecialUse => simple(K::CreateSpecialUse),
        Capability::StartTls => simple(K::Starttls),
        Capability::StatusSize => simple(K::StatusSize),
        Capability::Thread(t) => valued(a, K::Thread, t),
        Capability::UidPlus => simple(K::UidPlus),
        Capability::Unauthenticate => simple(K::Unauthenticate),
        Capability::Unselect => simple(K::Unselect),
        Capability::Utf8Accept => simple(K::Utf8Accept),
        Capability::Utf8Only => simple(K::Utf8Only),
        Capability::Within => simple(K::Within),
        Capability::Xlist => simple(K::Xlist),
        Capability::Xoauth2 => simple(K::Xoauth2),
        Capability::Gmail => simple(K::Gmail),
        Capability::Other(o) => valued(a, K::Other, o),
    }
}

fn capabilities(a: &Arena, v: &[Capability<'_>]) -> imap_capability_list {
    let (items, len) = a.slice(v.iter().map(|c| capability(a, c)));
    imap_capability_list { items, len }
}

pub(crate) fn code(a: &Arena, c: &Code<'_>) -> imap_code {
    use imap_code_kind as K;
    let plain = |kind| imap_code { kind, u: imap_code_data { number: 0 } };
    let number = |kind, n: u32| imap_code { kind, u: imap_code_data { number: n } };
    let number64 = |kind, n: u64| imap_code { kind, u: imap_code_data { number64: n } };
    let text = |a: &Arena, kind, t: &Bytes<'_>| imap_code { kind, u: imap_code_data { text: bytes(a, t) } };
    match c {
        Code::Alert => plain(K::Alert),
        Code::BadCharset(v) => imap_code { kind: K::BadCharset, u: imap_code_data { strings: bytes_list(a, v) } },
        Code::Capability(v) => imap_code { kind: K::Capability, u: imap_code_data { capabilities: capabilities(a, v) } },
        Code::Parse => plain(K::Parse),
        Code::PermanentFlags(v) => imap_code { kind: K::PermanentFlags, u: imap_code_data { flags: flags(a, v) } },
        Code::ReadOnly => plain(K::ReadOnly),
        Code::ReadWrite => plain(K::ReadWrite),
        Code::TryCreate => plain(K::TryCreate),
        Code::UidNext(n) => number(K::UidNext, *n),
        Code::UidValidity(n) => number(K::UidValidity, *n),
        Code::Unseen(n) => number(K::Unseen, *n),
        Code::AppendUid { uid_validity, uids } => imap_code {
            kind: K::AppendUid,
            u: imap_code_data { append_uid: imap_code_append_uid { uid_validity: *uid_validity, uids: seq_set(a, uids) } },
        },
        Code::CopyUid { uid_validity, source, dest } => imap_code {
            kind: K::CopyUid,
            u: imap_code_data {
                copy_uid: imap_code_copy_uid {
                    uid_validity: *uid_validity,
                    source: seq_set(a, source),
                    dest: seq_set(a, dest),
                },
            },
        },
        Code::UidNotSticky => plain(K::UidNotSticky),
        Code::HighestModSeq(n) => number64(K::HighestModSeq, *n),
        Code::NoModSeq => plain(K::NoModSeq),
        Code::Modified(s) => imap_code { kind: K::Modified, u: imap_code_data { set: seq_set(a, s) } },
        Code::Closed => plain(K::Closed),
        Code::CompressionActive => plain(K::CompressionActive),
        Code::UseAttr => plain(K::UseAttr),
        Code::Unavailable => plain(K::Unavailable),
        Code::AuthenticationFailed => plain(K::AuthenticationFailed),
        Code::AuthorizationFailed => plain(K::AuthorizationFailed),
        Code::Expired => plain(K::Expired),
        Code::PrivacyRequired => plain(K::PrivacyRequired),
        Code::ContactAdmin => plain(K::ContactAdmin),
        Code::NoPerm => plain(K::NoPerm),
        Code::InUse => plain(K::InUse),
        Code::ExpungeIssued => plain(K::ExpungeIssued),
        Code::Corruption => plain(K::Corruption),
        Code::ServerBug => plain(K::ServerBug),
        Code::ClientBug => plain(K::ClientBug),
        Code::Cannot => plain(K::Cannot),
        Code::Limit => plain(K::Limit),
        Code::OverQuota => plain(K::OverQuota),
        Code::AlreadyExists => plain(K::AlreadyExists),
        Code::NonExistent => plain(K::NonExistent),
        Code::NotSaved => plain(K::NotSaved),
        Code::HasChildren => plain(K::HasChildren),
        Code::UnknownCte => plain(K::UnknownCte),
        Code::TooBig => plain(K::TooBig),
        Code::BadUrl(t) => text(a, K::BadUrl, t),
        Code::NoUpdate(t) => text(a, K::NoUpdate, t),
        Code::MailboxId(t) => text(a, K::MailboxId, t),
        Code::MetadataLongEntries(n) => number64(K::MetadataLongEntries, *n),
        Code::MetadataMaxSize(n) => number64(K::MetadataMaxSize, *n),
        Code::MetadataTooMany => plain(K::MetadataTooMany),
        Code::MetadataNoPrivate => plain(K::MetadataNoPrivate),
        Code::NotificationOverflow => plain(K::NotificationOverflow),
        Code::Referral(t) => text(a, K::Referral, t),
        Code::Other { name, text: t } => imap_code {
            kind: K::Other,
            u: imap_code_data { other: imap_code_other { name: bytes(a, name), text: nstring(a, t) } },
        },
    }
}

pub(crate) fn resp_text(a: &Arena, t: &RespText<'_>) -> imap_resp_text {
    let code = match &t.code {
        Some(c) => {
            let c = code(a, c);
            a.boxed(c)
        }
        None => std::ptr::null(),
    };
    imap_resp_text { code, text: bytes(a, &t.text) }
}

fn addresses(a: &Arena, v: &[Address<'_>]) -> imap_address_list {
    let (items, len) = a.slice(v.iter().map(|x| imap_address {
        name: nstring(a, &x.name),
        adl: nstring(a, &x.adl),
        mailbox: nstring(a, &x.mailbox),
        host: nstring(a, &x.host),
    }));
    imap_address_list { items, len }
}

fn envelope(a: &Arena, e: &Envelope<'_>) -> *const imap_envelope {
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

fn body_extensions(a: &Arena, v: &[BodyExtension<'_>]) -> (*const imap_body_extension, usize) {
    let items: Vec<imap_body_extension> = v
        .iter()
        .map(|x| {
            let mut e = imap_body_extension {
                kind: imap_body_extension_kind::String,
                string: imap_bytes::NIL,
                number: 0,
                items: std::ptr::null(),
                len: 0,
            };
            match x {
                BodyExtension::NString(s) => e.string = nstring(a, s),
                BodyExtension::Number(n) => {
                    e.kind = imap_body_extension_kind::Number;
                    e.number = *n;
                }
                BodyExtension::List(l) => {
                    e.kind = imap_body_extension_kind::List;
                    (e.items, e.len) = body_extensions(a, l);
                }
                BodyExtension::Unparsed(r) => {
                    e.kind = imap_body_extension_kind::Unparsed;
                    e.string = bytes(a, r);
                }
            }
            e
        })
        .collect();
    a.slice(items)
}

fn disposition(a: &Arena, d: &Option<Disposition<'_>>) -> *const imap_disposition {
    match d {
        None => std::ptr::null(),
        Some(d) => {
            let v = imap_disposition { kind: bytes(a, &d.kind), params: pairs(a, d.params) };
            a.boxed(v)
        }
    }
}

fn body(a: &Arena, b: &BodyStructure<'_>) -> imap_body {
    let mut out = imap_body {
        kind: imap_body_kind::Basic,
        media_type: imap_bytes::NIL,
        subtype: imap_bytes::NIL,
        params: imap_pair_list { items: std::ptr::null(), len: 0 },
        id: imap_bytes::NIL,
        description: imap_bytes::NIL,
        encoding: imap_bytes::NIL,
        octets: 0,
        lines: 0,
        envelope: std::ptr::null(),
        body: std::ptr::null(),
        parts: std::ptr::null(),
        parts_len: 0,
        has_extension: false,
        md5: imap_bytes::NIL,
        disposition: std::ptr::null(),
        language: imap_bytes_list { items: std::ptr::null(), len: 0 },
        location: imap_bytes::NIL,
        extensions: std::ptr::null(),
        extensions_len: 0,
    };
    match b {
        BodyStructure::Single { kind, fields, ext } => {
            out.params = pairs(a, fields.params);
            out.id = nstring(a, &fields.id);
            out.description = nstring(a, &fields.description);
            out.encoding = bytes(a, &fields.encoding);
            out.octets = fields.octets;
            match kind {
                SinglePart::Basic { media_type, subtype } => {
                    out.media_type = bytes(a, media_type);
                    out.subtype = bytes(a, subtype);
                }
                SinglePart::Text { subtype, lines } => {
                    out.kind = imap_body_kind::Text;
                    out.media_type = imap_bytes::of(b"TEXT");
                    out.subtype = bytes(a, subtype);
                    out.lines = *lines;
                }
                SinglePart::Message { subtype, envelope: env, body: inner, lines } => {
                    out.kind = imap_body_kind::Message;
                    out.media_type = imap_bytes::of(b"MESSAGE");
                    out.subtype = bytes(a, subtype);
                    out.envelope = envelope(a, env);
                    let inner = body(a, inner);
                    out.body = a.boxed(inner);
                    out.lines = *lines;
                }
            }
            if let Some(e) = ext {
                out.has_extension = true;
                out.md5 = nstring(a, &e.md5);
                out.disposition = disposition(a, &e.disposition);
                out.language = bytes_list(a, e.language);
                out.location = nstring(a, &e.location);
                (out.extensions, out.extensions_len) = body_extensions(a, e.extensions);
            }
        }
        BodyStructure::Multi { parts, subtype, ext } => {
            out.kind = imap_body_kind::Multipart;
            out.subtype = bytes(a, subtype);
            (out.parts, out.parts_len) = a.slice(parts.iter().map(|p| body(a, p)));
            if let Some(e) = ext {
                out.has_extension = true;
                out.params = pairs(a, e.params);
                out.disposition = disposition(a, &e.disposition);
                out.language = bytes_list(a, e.language);
                out.location = nstring(a, &e.location);
                (out.extensions, out.extensions_len) = body_extensions(a, e.extensions);
            }
        }
    }
    out
}

fn section(a: &Arena, s: &Section<'_>) -> imap_section {
    let empty = imap_bytes_list { items: std::ptr::null(), len: 0 };
    let (kind, fields) = match &s.text {
        None => (imap_section_kind::All, empty),
        Some(SectionText::Header) => (imap_section_kind::Header, empty),
        Some(SectionText::Text) => (imap_section_kind::Text, empty),
        Some(SectionText::Mime) => (imap_section_kind::Mime, empty),
        Some(SectionText::HeaderFields(f)) => (imap_section_kind::HeaderFields, bytes_list(a, f)),
        Some(SectionText::HeaderFieldsNot(f)) => (imap_section_kind::HeaderFieldsNot, bytes_list(a, f)),
    };
    imap_section { part: u32_list(a, &s.part), kind, fields }
}

fn fetch_item(a: &Arena, f: &FetchItem<'_>) -> imap_fetch_item {
    use imap_fetch_kind as K;
    let data = |a: &Arena, kind, d: &NString<'_>| imap_fetch_item { kind, u: imap_fetch_data { data: nstring(a, d) } };
    let n64 = |kind, n: u64| imap_fetch_item { kind, u: imap_fetch_data { number64: n } };
    let sect = |a: &Arena, kind, s: imap_section, origin: &Option<u32>, d: &NString<'_>| imap_fetch_item {
        kind,
        u: imap_fetch_data {
            section: imap_fetch_section {
                section: s,
                has_origin: origin.is_some(),
                origin: origin.unwrap_or(0),
                data: nstring(a, d),
            },
        },
    };
    match f {
        FetchItem::Flags(v) => imap_fetch_item { kind: K::Flags, u: imap_fetch_data { flags: flags(a, v) } },
        FetchItem::Envelope(e) => imap_fetch_item { kind: K::Envelope, u: imap_fetch_data { envelope: envelope(a, e) } },
        FetchItem::InternalDate(d) => imap_fetch_item { kind: K::InternalDate, u: imap_fetch_data { date_time: date_time(d) } },
        FetchItem::Rfc822Size(n) => n64(K::Rfc822Size, *n),
        FetchItem::Rfc822(d) => data(a, K::Rfc822, d),
        FetchItem::Rfc822Header(d) => data(a, K::Rfc822Header, d),
        FetchItem::Rfc822Text(d) => data(a, K::Rfc822Text, d),
        FetchItem::Body(b) | FetchItem::BodyStructure(b) => {
            let kind = if matches!(f, FetchItem::Body(_)) { K::Body } else { K::BodyStructure };
            let b = body(a, b);
            imap_fetch_item { kind, u: imap_fetch_data { body: a.boxed(b) } }
        }
        FetchItem::BodySection { section: s, origin, data: d } => {
            let s = section(a, s);
            sect(a, K::BodySection, s, origin, d)
        }
        FetchItem::Binary { part, origin, data: d } => {
            let s = imap_section {
                part: u32_list(a, part),
                kind: imap_section_kind::All,
                fields: imap_bytes_list { items: std::ptr::null(), len: 0 },
            };
            sect(a, K::Binary, s, origin, d)
        }
        FetchItem::BinarySize { part, size } => imap_fetch_item {
            kind: K::BinarySize,
            u: imap_fetch_data { binary_size: imap_fetch_binary_size { part: u32_list(a, part), size: *size } },
        },
        FetchItem::Uid(n) => imap_fetch_item { kind: K::Uid, u: imap_fetch_data { number: *n } },
        FetchItem::ModSeq(n) => n64(K::ModSeq, *n),
        FetchItem::EmailId(id) => data(a, K::EmailId, &Some(id.clone())),
        FetchItem::ThreadId(id) => data(a, K::ThreadId, id),
        FetchItem::SaveDate(d) => imap_fetch_item {
            kind: K::SaveDate,
            u: imap_fetch_data {
                save_date: imap_fetch_save_date { present: d.is_some(), date_time: d.as_ref().map(date_time).unwrap_or_default() },
            },
        },
        FetchItem::Preview(p) => data(a, K::Preview, p),
        FetchItem::GmMsgId(n) => n64(K::GmMsgId, *n),
        FetchItem::GmThrId(n) => n64(K::GmThrId, *n),
        FetchItem::GmLabels(l) => imap_fetch_item { kind: K::GmLabels, u: imap_fetch_data { labels: bytes_list(a, l) } },
        FetchItem::Other { name, value } => imap_fetch_item {
            kind: K::Other,
            u: imap_fetch_data { other: imap_pair { name: bytes(a, name), value: bytes(a, value) } },
        },
    }
}

fn status_item(a: &Arena, s: &StatusItem<'_>) -> imap_status_item {
    use imap_status_kind as K;
    let num = |kind, n: u64| imap_status_item { kind, has_number: true, number: n, name: imap_bytes::NIL, text: imap_bytes::NIL };
    match s {
        StatusItem::Messages(n) => num(K::Messages, u64::from(*n)),
        StatusItem::Recent(n) => num(K::Recent, u64::from(*n)),
        StatusItem::UidNext(n) => num(K::UidNext, u64::from(*n)),
        StatusItem::UidValidity(n) => num(K::UidValidity, u64::from(*n)),
        StatusItem::Unseen(n) => num(K::Unseen, u64::from(*n)),
        StatusItem::Deleted(n) => num(K::Deleted, u64::from(*n)),
        StatusItem::Size(n) => num(K::Size, *n),
        StatusItem::HighestModSeq(n) => num(K::HighestModSeq, *n),
        StatusItem::DeletedStorage(n) => num(K::DeletedStorage, *n),
        StatusItem::AppendLimit(n) => imap_status_item { has_number: n.is_some(), ..num(K::AppendLimit, n.unwrap_or(0)) },
        StatusItem::MailboxId(id) => imap_status_item { has_number: false, text: bytes(a, id), ..num(K::MailboxId, 0) },
        StatusItem::Other { name, value } => {
            imap_status_item { has_number: false, name: bytes(a, name), text: bytes(a, value), ..num(K::Other, 0) }
        }
    }
}

fn list(a: &Arena, m: &ListMailbox<'_>) -> imap_list {
    let (attributes, attributes_len) = a.slice(m.attributes.iter().map(|x| mailbox_attr(a, x)));
    let ext: Vec<imap_list_extended> = m
        .extended
        .iter()
        .map(|x| match x {
            ListExtendedItem::ChildInfo(v) => {
                imap_list_extended { kind: imap_list_extended_kind::ChildInfo, tag: imap_bytes::NIL, values: bytes_list(a, v) }
            }
            ListExtendedItem::OldName(n) => imap_list_extended {
                kind: imap_list_extended_kind::OldName,
                tag: imap_bytes::NIL,
                values: bytes_list(a, std::slice::from_ref(n)),
            },
            ListExtendedItem::Other { tag, value } => imap_list_extended {
                kind: imap_list_extended_kind::Other,
                tag: bytes(a, tag),
                values: bytes_list(a, std::slice::from_ref(value)),
            },
        })
        .collect();
    let (extended, extended_len) = a.slice(ext);
    imap_list {
        attributes,
        attributes_len,
        has_delimiter: m.delimiter.is_some(),
        delimiter: m.delimiter.unwrap_or(0),
        name: bytes(a, &m.name),
        extended,
        extended_len,
    }
}

fn thread(a: &Arena, t: &Thread) -> imap_thread {
    let (children, children_len) = a.slice(t.children.iter().map(|c| thread(a, c)));
    imap_thread { members: u32_list(a, t.members), children, children_len }
}

fn namespace_list(a: &Arena, n: &Option<&[NamespaceDesc<'_>]>) -> imap_namespace_list {
    let Some(descs) = n else {
        return imap_namespace_list { is_nil: true, items: std::ptr::null(), len: 0 };
    };
    let items: Vec<imap_namespace_desc> = descs
        .iter()
        .map(|d| {
            let ext: Vec<imap_bytes_list> = d
                .extensions
                .iter()
                .map(|(name, values)| {
                    let all: Vec<Bytes<'_>> = std::iter::once(name.clone()).chain(values.iter().cloned()).collect();
                    bytes_list(a, &all)
                })
                .collect();
            let (extensions, extensions_len) = a.slice(ext);
            imap_namespace_desc {
                prefix: bytes(a, &d.prefix),
                has_delimiter: d.delimiter.is_some(),
                delimiter: d.delimiter.unwrap_or(0),
                extensions,
                extensions_len,
            }
        })
        .collect();
    let (items, len) = a.slice(items);
    imap_namespace_list { is_nil: false, items, len }
}

fn mailbox_data(a: &Arena, mailbox: &Bytes<'_>, strings: &[Bytes<'_>], pair_list: &[(Bytes<'_>, NString<'_>)], changed: bool) -> imap_mailbox_data {
    imap_mailbox_data { mailbox: bytes(a, mailbox), strings: bytes_list(a, strings), pairs: pairs(a, pair_list), changed }
}

pub(crate) fn untagged(a: &Arena, u: &Untagged<'_>) -> imap_untagged {
    use imap_untagged_data as D;
    use imap_untagged_kind as K;
    let text = |a: &Arena, kind, t: &RespText<'_>| imap_untagged { kind, u: D { text: resp_text(a, t) } };
    let search = |a: &Arena, kind, ids: &[u32], modseq: &Option<u64>| imap_untagged {
        kind,
        u: D { search: imap_search { ids: u32_list(a, ids), has_modseq: modseq.is_some(), modseq: modseq.unwrap_or(0) } },
    };
    match u {
        Untagged::Ok(t) => text(a, K::Ok, t),
        Untagged::No(t) => text(a, K::No, t),
        Untagged::Bad(t) => text(a, K::Bad, t),
        Untagged::Bye(t) => text(a, K::Bye, t),
        Untagged::Preauth(t) => text(a, K::Preauth, t),
        Untagged::Capability(c) => imap_untagged { kind: K::Capability, u: D { capabilities: capabilities(a, c) } },
        Untagged::Enabled(c) => imap_untagged { kind: K::Enabled, u: D { capabilities: capabilities(a, c) } },
        Untagged::Flags(f) => imap_untagged { kind: K::Flags, u: D { flags: flags(a, f) } },
        Untagged::List(m) => imap_untagged { kind: K::List, u: D { list: list(a, m) } },
        Untagged::Lsub(m) => imap_untagged { kind: K::Lsub, u: D { list: list(a, m) } },
        Untagged::Xlist(m) => imap_untagged { kind: K::Xlist, u: D { list: list(a, m) } },
        Untagged::Status { mailbox, items } => {
            let (items, len) = a.slice(items.iter().map(|s| status_item(a, s)));
            imap_untagged { kind: K::Status, u: D { status: imap_status { mailbox: bytes(a, mailbox), items, len } } }
        }
        Untagged::Search { ids, modseq } => search(a, K::Search, ids, modseq),
        Untagged::Sort { ids, modseq } => search(a, K::Sort, ids, modseq),
        Untagged::Esearch(e) => {
            let v: Vec<imap_esearch_item> = e
                .items
                .iter()
                .map(|x| {
                    let mut item = imap_esearch_item {
                        kind: imap_esearch_kind::Other,
                        number: 0,
                        set: imap_seq_set { items: std::ptr::null(), len: 0 },
                        name: imap_bytes::NIL,
                        value: imap_bytes::NIL,
                    };
                    match x {
                        EsearchItem::Min(n) => (item.kind, item.number) = (imap_esearch_kind::Min, u64::from(*n)),
                        EsearchItem::Max(n) => (item.kind, item.number) = (imap_esearch_kind::Max, u64::from(*n)),
                        EsearchItem::Count(n) => (item.kind, item.number) = (imap_esearch_kind::Count, u64::from(*n)),
                        EsearchItem::ModSeq(n) => (item.kind, item.number) = (imap_esearch_kind::ModSeq, *n),
                        EsearchItem::All(s) => (item.kind, item.set) = (imap_esearch_kind::All, seq_set(a, s)),
                        EsearchItem::Other { name, value } => {
                            (item.name, item.value) = (bytes(a, name), bytes(a, value));
                        }
                    }
                    item
                })
                .collect();
            let (items, len) = a.slice(v);
            imap_untagged { kind: K::Esearch, u: D { esearch: imap_esearch { tag: nstring(a, &e.tag), uid: e.uid, items, len } } }
        }
        Untagged::Thread(t) => {
            let (items, len) = a.slice(t.iter().map(|x| thread(a, x)));
            imap_untagged { kind: K::Thread, u: D { thread: imap_thread_list { items, len } } }
        }
        Untagged::Namespace { personal, other, shared } => imap_untagged {
            kind: K::Namespace,
            u: D {
                namespace_: imap_namespace {
                    personal: namespace_list(a, personal),
                    other: namespace_list(a, other),
                    shared: namespace_list(a, shared),
                },
            },
        },
        Untagged::Id(fields) => imap_untagged {
            kind: K::Id,
            u: D { id: imap_id { is_nil: fields.is_none(), fields: pairs(a, fields.as_deref().unwrap_or(&[])) } },
        },
        Untagged::Quota { root, resources } => {
            let v: Vec<imap_quota_resource> = resources
                .iter()
                .map(|r| imap_quota_resource { name: bytes(a, &r.name), usage: r.usage, limit: r.limit })
                .collect();
            let (items, len) = a.slice(v);
            imap_untagged { kind: K::Quota, u: D { quota: imap_quota { root: bytes(a, root), items, len } } }
        }
        Untagged::QuotaRoot { mailbox, roots } => {
            imap_untagged { kind: K::QuotaRoot, u: D { mailbox_data: mailbox_data(a, mailbox, roots, &[], false) } }
        }
        Untagged::Acl { mailbox, entries } => {
            let p: Vec<(Bytes<'_>, NString<'_>)> = entries.iter().map(|(i, r)| (i.clone(), Some(r.clone()))).collect();
            imap_untagged { kind: K::Acl, u: D { mailbox_data: mailbox_data(a, mailbox, &[], &p, false) } }
        }
        Untagged::ListRights { mailbox, identifier, required, optional } => {
            let s: Vec<Bytes<'_>> = [identifier.clone(), required.clone()].into_iter().chain(optional.iter().cloned()).collect();
            imap_untagged { kind: K::ListRights, u: D { mailbox_data: mailbox_data(a, mailbox, &s, &[], false) } }
        }
        Untagged::MyRights { mailbox, rights } => imap_untagged {
            kind: K::MyRights,
            u: D { mailbox_data: mailbox_data(a, mailbox, std::slice::from_ref(rights), &[], false) },
        },
        Untagged::Metadata { mailbox, entries } => {
            let data = match entries {
                MetadataEntries::Values(v) => mailbox_data(a, mailbox, &[], v, false),
                MetadataEntries::Changed(names) => mailbox_data(a, mailbox, names, &[], true),
            };
            imap_untagged { kind: K::Metadata, u: D { mailbox_data: data } }
        }
        Untagged::Exists(n) => imap_untagged { kind: K::Exists, u: D { number: *n } },
        Untagged::Recent(n) => imap_untagged { kind: K::Recent, u: D { number: *n } },
        Untagged::Expunge(n) => imap_untagged { kind: K::Expunge, u: D { number: *n } },
        Untagged::Fetch { seq, items } => {
            let (items, len) = a.slice(items.iter().map(|f| fetch_item(a, f)));
            imap_untagged { kind: K::Fetch, u: D { fetch: imap_fetch { seq: *seq, items, len } } }
        }
        Untagged::Vanished { earlier, uids } => {
            imap_untagged { kind: K::Vanished, u: D { vanished: imap_vanished { earlier: *earlier, uids: seq_set(a, uids) } } }
        }
        Untagged::Other { number, name, rest } => imap_untagged {
            kind: K::Other,
            u: D {
                other: imap_other {
                    has_number: number.is_some(),
                    number: number.unwrap_or(0),
                    name: bytes(a, name),
                    rest: bytes(a, rest),
                },
            },
        },
    }
}

/// An empty untagged value (for responses of another kind).
fn no_untagged() -> imap_untagged {
    imap_untagged { kind: imap_untagged_kind::Other, u: imap_untagged_data { number: 0 } }
}

pub(crate) fn response(a: &Arena, r: &Response<'_>) -> imap_response {
    let empty_text = imap_resp_text { code: std::ptr::null(), text: imap_bytes::NIL };
    match r {
        Response::Untagged(u) => imap_response {
            kind: imap_response_kind::Untagged,
            tag: imap_bytes::NIL,
            status: imap_status_word::Ok,
            text: empty_text,
            untagged: untagged(a, u),
        },
        Response::Continue(t) => imap_response {
            kind: imap_response_kind::Continue,
            tag: imap_bytes::NIL,
            status: imap_status_word::Ok,
            text: resp_text(a, t),
            untagged: no_untagged(),
        },
        Response::Tagged(t) => imap_response {
            kind: imap_response_kind::Tagged,
            tag: bytes(a, &t.tag),
            status: match t.status {
                Status::Ok => imap_status_word::Ok,
                Status::No => imap_status_word::No,
                Status::Bad => imap_status_word::Bad,
            },
            text: resp_text(a, &t.text),
            untagged: no_untagged(),
        },
    }
}

pub(crate) fn literal_begin(b: &LiteralBegin<'_>) -> imap_literal_begin {
    imap_literal_begin {
        has_seq: b.seq.is_some(),
        seq: b.seq.unwrap_or(0),
        item: imap_bytes::of(b.item),
        size: b.size,
        prefix: imap_bytes::of(b.prefix),
    }
}

pub(crate) fn malformed(m: &Malformed<'_>) -> imap_malformed {
    imap_malformed { offset: m.offset, raw: imap_bytes::of(m.raw), error_offset: m.error.offset }
}
