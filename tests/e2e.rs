//! End-to-end tests against real Dovecot and Cyrus servers on 127.0.0.1.
//!
//! Every test is `#[ignore]`d: run them with `scripts/e2e` (or `make
//! test-e2e`), which starts both servers, sets the `IMAP_E2E_*` variables
//! and runs `cargo test --release --test e2e -- --ignored`. Without those
//! variables each test fails with a message saying so.
//!
//! Each scenario runs against both servers (`dovecot::NAME`, `cyrus::NAME`)
//! on its own connections and its own mailboxes (`e2e-NAME...`), which it
//! removes first, so tests run in parallel and can be rerun against the
//! same server directory. Every response is checked by the driver
//! (`e2e_support`): a `Step::Malformed`, an untagged response, FETCH item
//! or known response code that decodes as raw `Other` fails the test.

mod e2e_support;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use e2e_support::*;
use imap::codec::mutf7;
use imap::conn::Options;
use imap::types::{
    AclMode, Address, AppendMessage, BodyStructure, Bytes, Capability, Code, Command, Date,
    DateTime, Envelope, EsearchItem, Fetch, FetchAttr, FetchItem, FetchItems, Flag, List,
    ListExtendedItem, ListReturn, ListSelect, MailboxAttr, MessageSet, MetadataDepth,
    MetadataEntries, Qresync, RawArg, Search, SearchKey, SearchReturn, Section, SectionText,
    Select, SinglePart, SortCriterion, SortKey, Status, StatusAttr, StatusItem, Store, StoreAction,
    StoreData, Thread, ThreadAlgorithm, Untagged,
};

// ---------------------------------------------------------------------------
// One test per scenario and server.

macro_rules! scenarios {
    ($($name:ident),* $(,)?) => {
        mod dovecot {
            $(
                #[test]
                #[ignore = "needs the servers started by scripts/e2e"]
                fn $name() {
                    super::$name(super::Server::Dovecot)
                }
            )*
        }
        mod cyrus {
            $(
                #[test]
                #[ignore = "needs the servers started by scripts/e2e"]
                fn $name() {
                    super::$name(super::Server::Cyrus)
                }
            )*
        }
    };
}

scenarios!(
    greeting_capability_login,
    tls_port_authenticate_sasl_ir,
    starttls_authenticate_without_sasl_ir,
    append_literals,
    compressed_session,
    fetch_store_search,
    condstore_qresync,
    idle,
    large_message,
);

// ---------------------------------------------------------------------------
// Helpers

fn has_cap(caps: &[String], name: &str) -> bool {
    caps.iter().any(|c| c.eq_ignore_ascii_case(name))
}

fn assert_caps(label: &str, caps: &[String], present: &[&str], absent: &[&str]) {
    for p in present {
        assert!(has_cap(caps, p), "{label}: {p} missing from {caps:?}");
    }
    for a in absent {
        assert!(!has_cap(caps, a), "{label}: {a} unexpectedly in {caps:?}");
    }
}

fn code_caps(code: &Option<Code<'static>>) -> Option<Vec<String>> {
    match code {
        Some(Code::Capability(c)) => Some(
            c.iter()
                .map(|c| String::from_utf8_lossy(&c.to_wire()).into_owned())
                .collect(),
        ),
        _ => None,
    }
}

fn flag_name(f: &Flag<'_>) -> String {
    match f {
        Flag::Answered => "\\Answered".into(),
        Flag::Flagged => "\\Flagged".into(),
        Flag::Deleted => "\\Deleted".into(),
        Flag::Seen => "\\Seen".into(),
        Flag::Draft => "\\Draft".into(),
        Flag::Recent => "\\Recent".into(),
        Flag::Wildcard => "\\*".into(),
        Flag::Keyword(k) => k.to_str_lossy().into_owned(),
        Flag::Extension(x) => format!("\\{}", x.to_str_lossy()),
        Flag::Unparsed(x) => x.to_str_lossy().into_owned(),
    }
}

/// Flags without `\Recent`, sorted.
fn flag_set(flags: &[Flag<'_>]) -> BTreeSet<String> {
    flags
        .iter()
        .filter(|f| **f != Flag::Recent)
        .map(flag_name)
        .collect()
}

fn names(v: &[&str]) -> BTreeSet<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn kw(k: &str) -> Flag<'static> {
    Flag::Keyword(Bytes::owned(k.as_bytes().to_vec()))
}

fn b(s: &str) -> Bytes<'static> {
    Bytes::owned(s.as_bytes().to_vec())
}

fn dt(
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    zone_minutes: i16,
) -> DateTime {
    DateTime {
        date: Date { year, month, day },
        hour,
        minute,
        second,
        zone_minutes,
    }
}

/// Seconds since the epoch.
fn unix(d: &DateTime) -> i64 {
    // Days from civil (Howard Hinnant's algorithm).
    let (y, m, day) = (
        i64::from(d.date.year),
        i64::from(d.date.month),
        i64::from(d.date.day),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146097 + doe - 719468;
    days * 86400 + i64::from(d.hour) * 3600 + i64::from(d.minute) * 60 + i64::from(d.second)
        - i64::from(d.zone_minutes) * 60
}

fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn append(mailbox: &str, messages: Vec<AppendMessage<'static>>) -> Command<'static> {
    Command::Append {
        mailbox: mbox(mailbox),
        messages,
    }
}

fn msg(data: Vec<u8>, flags: Vec<Flag<'static>>, date: Option<DateTime>) -> AppendMessage<'static> {
    AppendMessage {
        flags,
        internal_date: date,
        data: Bytes::owned(data),
        binary: false,
    }
}

/// The APPENDUID of a reply: (uidvalidity, uids).
fn appenduid(s: &Session, r: &Reply) -> (u32, Vec<u32>) {
    match &r.code {
        Some(Code::AppendUid { uid_validity, uids }) => (*uid_validity, numbers(uids, u32::MAX)),
        other => panic!(
            "{}: expected [APPENDUID], got {other:?} ({})\n{}",
            s.label,
            r.text,
            s.dump()
        ),
    }
}

fn select(name: &str) -> Command<'static> {
    Command::Select(Select::new(mbox(name)))
}

fn fetch(
    uid: bool,
    set: imap::types::SequenceSet,
    items: Vec<FetchAttr<'static>>,
) -> Command<'static> {
    Command::Fetch(Fetch {
        uid,
        set: MessageSet::Set(set),
        items: FetchItems::Items(items),
        changed_since: None,
        vanished: false,
    })
}

fn peek(
    part: &[u32],
    text: Option<SectionText<'static>>,
    partial: Option<(u32, u32)>,
) -> FetchAttr<'static> {
    FetchAttr::BodySection {
        peek: true,
        section: Section {
            part: part.to_vec().into(),
            text,
        },
        partial,
    }
}

fn search(
    uid: bool,
    returns: Option<Vec<SearchReturn>>,
    keys: Vec<SearchKey<'static>>,
) -> Command<'static> {
    Command::Search(Search {
        uid,
        charset: None,
        returns,
        keys,
    })
}

fn store(
    uid: bool,
    set: imap::types::SequenceSet,
    unchanged_since: Option<u64>,
    action: StoreAction,
    silent: bool,
    flags: Vec<Flag<'static>>,
) -> Command<'static> {
    Command::Store(Store {
        uid,
        set: MessageSet::Set(set),
        unchanged_since,
        action,
        silent,
        data: StoreData::Flags(flags),
    })
}

/// The text of a section specifier, e.g. `1.MIME` or `HEADER.FIELDS (SUBJECT)`.
fn section_name(s: &Section<'_>) -> String {
    let mut out: Vec<String> = s.part.iter().map(|p| p.to_string()).collect();
    let text = match &s.text {
        None => None,
        Some(SectionText::Header) => Some("HEADER".to_string()),
        Some(SectionText::Text) => Some("TEXT".to_string()),
        Some(SectionText::Mime) => Some("MIME".to_string()),
        Some(SectionText::HeaderFields(f)) => Some(format!(
            "HEADER.FIELDS ({})",
            f.iter()
                .map(|x| x.to_str_lossy().to_ascii_uppercase())
                .collect::<Vec<_>>()
                .join(" ")
        )),
        Some(SectionText::HeaderFieldsNot(f)) => Some(format!(
            "HEADER.FIELDS.NOT ({})",
            f.iter()
                .map(|x| x.to_str_lossy().to_ascii_uppercase())
                .collect::<Vec<_>>()
                .join(" ")
        )),
    };
    out.extend(text);
    out.join(".")
}

/// An owned FETCH item, for the items whose values are compared.
#[derive(Clone, Debug, PartialEq)]
enum It {
    Flags(BTreeSet<String>),
    InternalDate(DateTime),
    Size(u64),
    Rfc822(Option<Vec<u8>>),
    Rfc822Header(Option<Vec<u8>>),
    Rfc822Text(Option<Vec<u8>>),
    Section {
        name: String,
        origin: Option<u32>,
        data: Option<Vec<u8>>,
    },
    Binary {
        part: Vec<u32>,
        origin: Option<u32>,
        data: Option<Vec<u8>>,
    },
    BinarySize {
        part: Vec<u32>,
        size: u64,
    },
    Uid(u32),
    ModSeq(u64),
    EmailId(String),
    ThreadId(Option<String>),
    SaveDate(Option<DateTime>),
    Preview(Option<Vec<u8>>),
    /// ENVELOPE, BODY, BODYSTRUCTURE: their s-expression (checked where
    /// they are decoded).
    Structure(&'static str, String),
}

fn own_item(it: &FetchItem<'_>) -> It {
    let v = |d: &Option<Bytes<'_>>| d.as_ref().map(|b| b.to_vec());
    match it {
        FetchItem::Flags(f) => It::Flags(flag_set(f)),
        FetchItem::InternalDate(d) => It::InternalDate(*d),
        FetchItem::Rfc822Size(n) => It::Size(*n),
        FetchItem::Rfc822(d) => It::Rfc822(v(d)),
        FetchItem::Rfc822Header(d) => It::Rfc822Header(v(d)),
        FetchItem::Rfc822Text(d) => It::Rfc822Text(v(d)),
        FetchItem::BodySection {
            section,
            origin,
            data,
        } => It::Section {
            name: section_name(section),
            origin: *origin,
            data: v(data),
        },
        FetchItem::Binary { part, origin, data } => It::Binary {
            part: part.to_vec(),
            origin: *origin,
            data: v(data),
        },
        FetchItem::BinarySize { part, size } => It::BinarySize {
            part: part.to_vec(),
            size: *size,
        },
        FetchItem::Uid(u) => It::Uid(*u),
        FetchItem::ModSeq(m) => It::ModSeq(*m),
        FetchItem::EmailId(id) => It::EmailId(id.to_str_lossy().into_owned()),
        FetchItem::ThreadId(id) => It::ThreadId(id.as_ref().map(|b| b.to_str_lossy().into_owned())),
        FetchItem::SaveDate(d) => It::SaveDate(*d),
        FetchItem::Preview(p) => It::Preview(v(p)),
        FetchItem::Envelope(e) => It::Structure("ENVELOPE", imap::print::to_sexp(*e)),
        FetchItem::Body(bs) => It::Structure("BODY", imap::print::to_sexp(*bs)),
        FetchItem::BodyStructure(bs) => {
            It::Structure("BODYSTRUCTURE", imap::print::to_sexp(*bs))
        }
        other => It::Structure("OTHER", imap::print::to_sexp(other)),
    }
}

/// FETCH results by message sequence number (items of several FETCH
/// responses for one message are merged).
type Fetched = BTreeMap<u32, Vec<It>>;

fn collect_fetch(u: &Untagged<'_>, out: &mut Fetched) {
    if let Untagged::Fetch { seq, items } = u {
        out.entry(*seq)
            .or_default()
            .extend(items.iter().map(own_item));
    }
}

fn fetch_all(s: &mut Session, cmd: Command<'static>) -> Fetched {
    let mut out = Fetched::new();
    s.ok_with(cmd, &mut |u| collect_fetch(u, &mut out));
    out
}

fn get<'a, T>(items: &'a [It], f: impl Fn(&'a It) -> Option<T>) -> Option<T> {
    items.iter().rev().find_map(f)
}

fn uid_of(items: &[It]) -> Option<u32> {
    get(items, |i| if let It::Uid(u) = i { Some(*u) } else { None })
}

fn flags_of(items: &[It]) -> Option<BTreeSet<String>> {
    get(items, |i| {
        if let It::Flags(f) = i {
            Some(f.clone())
        } else {
            None
        }
    })
}

fn modseq_of(items: &[It]) -> Option<u64> {
    get(items, |i| {
        if let It::ModSeq(m) = i {
            Some(*m)
        } else {
            None
        }
    })
}

fn section_of(items: &[It], name: &str) -> Option<(Option<u32>, Option<Vec<u8>>)> {
    get(items, |i| match i {
        It::Section {
            name: n,
            origin: None,
            data,
        } if n == name => Some((None, data.clone())),
        _ => None,
    })
}

/// The messages by UID: seq -> items becomes uid -> items.
fn by_uid(f: &Fetched) -> BTreeMap<u32, Vec<It>> {
    f.values()
        .map(|items| (uid_of(items).expect("UID in FETCH"), items.clone()))
        .collect()
}

fn status_of(s: &mut Session, mailbox: &str, items: Vec<StatusAttr>) -> Vec<StatusItem<'static>> {
    let mut out = Vec::new();
    s.ok_with(
        Command::Status {
            mailbox: mbox(mailbox),
            items,
        },
        &mut |u| {
            if let Untagged::Status { items, .. } = u {
                out = items.iter().map(own_status).collect();
            }
        },
    );
    out
}

fn own_status(i: &StatusItem<'_>) -> StatusItem<'static> {
    match i.clone() {
        StatusItem::Messages(n) => StatusItem::Messages(n),
        StatusItem::Recent(n) => StatusItem::Recent(n),
        StatusItem::UidNext(n) => StatusItem::UidNext(n),
        StatusItem::UidValidity(n) => StatusItem::UidValidity(n),
        StatusItem::Unseen(n) => StatusItem::Unseen(n),
        StatusItem::Deleted(n) => StatusItem::Deleted(n),
        StatusItem::Size(n) => StatusItem::Size(n),
        StatusItem::HighestModSeq(n) => StatusItem::HighestModSeq(n),
        StatusItem::AppendLimit(n) => StatusItem::AppendLimit(n),
        StatusItem::MailboxId(b) => StatusItem::MailboxId(b.into_owned()),
        StatusItem::DeletedStorage(n) => StatusItem::DeletedStorage(n),
        StatusItem::Other { name, value } => StatusItem::Other {
            name: name.into_owned(),
            value: value.into_owned(),
        },
    }
}

/// What SELECT/EXAMINE reported.
#[derive(Debug, Default)]
struct Selected {
    exists: Option<u32>,
    recent: Option<u32>,
    flags: Option<BTreeSet<String>>,
    permanent: Option<BTreeSet<String>>,
    uid_validity: Option<u32>,
    uid_next: Option<u32>,
    highest_modseq: Option<u64>,
    mailbox_id: Option<String>,
    closed: bool,
    vanished_earlier: Vec<u32>,
    fetched: Fetched,
    read_only: Option<bool>,
}

fn do_select(s: &mut Session, cmd: Command<'static>) -> Selected {
    let mut sel = Selected::default();
    let r = s.ok_with(cmd, &mut |u| match u {
        Untagged::Exists(n) => sel.exists = Some(*n),
        Untagged::Recent(n) => sel.recent = Some(*n),
        Untagged::Flags(f) => sel.flags = Some(flag_set(f)),
        Untagged::Ok(t) => match &t.code {
            Some(Code::PermanentFlags(f)) => {
                sel.permanent = Some(f.iter().map(flag_name).collect())
            }
            Some(Code::UidValidity(v)) => sel.uid_validity = Some(*v),
            Some(Code::UidNext(v)) => sel.uid_next = Some(*v),
            Some(Code::HighestModSeq(v)) => sel.highest_modseq = Some(*v),
            Some(Code::MailboxId(id)) => sel.mailbox_id = Some(id.to_str_lossy().into_owned()),
            Some(Code::Closed) => sel.closed = true,
            _ => {}
        },
        Untagged::Vanished {
            earlier: true,
            uids,
        } => sel.vanished_earlier.extend(numbers(uids, u32::MAX)),
        Untagged::Vanished {
            earlier: false,
            uids,
        } => panic!("VANISHED without EARLIER during SELECT: {uids}"),
        Untagged::Fetch { .. } => collect_fetch(u, &mut sel.fetched),
        _ => {}
    });
    sel.read_only = match r.code {
        Some(Code::ReadOnly) => Some(true),
        Some(Code::ReadWrite) => Some(false),
        _ => None,
    };
    sel.vanished_earlier.sort_unstable();
    sel
}

/// LIST results: wire name -> (attributes, delimiter, extended items).
type Listed = BTreeMap<Vec<u8>, (Vec<MailboxAttr<'static>>, Option<u8>, Vec<String>)>;

trait CloneStatic {
    fn clone_static(&self) -> MailboxAttr<'static>;
}

impl CloneStatic for MailboxAttr<'_> {
    fn clone_static(&self) -> MailboxAttr<'static> {
        match self {
            MailboxAttr::Extension(x) => MailboxAttr::Extension(x.clone().into_owned()),
            MailboxAttr::Unparsed(x) => MailboxAttr::Unparsed(x.clone().into_owned()),
            MailboxAttr::Noinferiors => MailboxAttr::Noinferiors,
            MailboxAttr::Noselect => MailboxAttr::Noselect,
            MailboxAttr::Marked => MailboxAttr::Marked,
            MailboxAttr::Unmarked => MailboxAttr::Unmarked,
            MailboxAttr::NonExistent => MailboxAttr::NonExistent,
            MailboxAttr::Subscribed => MailboxAttr::Subscribed,
            MailboxAttr::Remote => MailboxAttr::Remote,
            MailboxAttr::HasChildren => MailboxAttr::HasChildren,
            MailboxAttr::HasNoChildren => MailboxAttr::HasNoChildren,
            MailboxAttr::All => MailboxAttr::All,
            MailboxAttr::Archive => MailboxAttr::Archive,
            MailboxAttr::Drafts => MailboxAttr::Drafts,
            MailboxAttr::Flagged => MailboxAttr::Flagged,
            MailboxAttr::Junk => MailboxAttr::Junk,
            MailboxAttr::Sent => MailboxAttr::Sent,
            MailboxAttr::Trash => MailboxAttr::Trash,
            MailboxAttr::Important => MailboxAttr::Important,
        }
    }
}

fn ext_item(x: &ListExtendedItem<'_>) -> String {
    match x {
        ListExtendedItem::ChildInfo(v) => {
            format!(
                "CHILDINFO ({})",
                v.iter()
                    .map(|b| b.to_str_lossy().to_ascii_uppercase())
                    .collect::<Vec<_>>()
                    .join(" ")
            )
        }
        ListExtendedItem::OldName(n) => format!("OLDNAME {}", n.to_str_lossy()),
        ListExtendedItem::Other { tag, value } => {
            format!("{} {}", tag.to_str_lossy(), value.to_str_lossy())
        }
    }
}

/// Runs a LIST command; returns the LIST responses and the STATUS responses
/// (by wire name) that came with it.
fn list(
    s: &mut Session,
    cmd: List<'static>,
) -> (Listed, BTreeMap<Vec<u8>, Vec<StatusItem<'static>>>) {
    let mut listed = Listed::new();
    let mut status = BTreeMap::new();
    s.ok_with(Command::List(cmd), &mut |u| match u {
        Untagged::List(l) => {
            listed.insert(
                l.name.to_vec(),
                (
                    l.attributes.iter().map(|a| a.clone_static()).collect(),
                    l.delimiter,
                    l.extended.iter().map(ext_item).collect(),
                ),
            );
        }
        Untagged::Status { mailbox, items } => {
            status.insert(mailbox.to_vec(), items.iter().map(own_status).collect());
        }
        _ => {}
    });
    (listed, status)
}

fn list_cmd(
    selection: Vec<ListSelect>,
    patterns: &[&str],
    returns: Vec<ListReturn>,
) -> List<'static> {
    List {
        reference: mbox(""),
        patterns: patterns.iter().map(|p| mbox(p)).collect(),
        selection,
        returns,
    }
}

fn has_attr(attrs: &[MailboxAttr<'_>], a: &MailboxAttr<'_>) -> bool {
    attrs
        .iter()
        .any(|x| x.name().eq_ignore_ascii_case(a.name()))
}

// ---------------------------------------------------------------------------
// Deterministic messages

const BOUNDARY: &str = "=_e2e_boundary_1";

/// The decoded text of part 1 of the rich message.
const PART1_TEXT: &str = "Grüße aus dem End-to-End-Test.\r\nZweite Zeile: naïve café.\r\n";

/// Quoted-printable for `PART1_TEXT` (every non-ASCII byte escaped; CRLF kept).
fn qp(text: &str) -> String {
    let mut out = String::new();
    for &byte in text.as_bytes() {
        match byte {
            b'\r' | b'\n' => out.push(byte as char),
            b'=' => out.push_str("=3D"),
            0x20..=0x7e => out.push(byte as char),
            _ => out.push_str(&format!("={byte:02X}")),
        }
    }
    out
}

fn attachment_bytes() -> Vec<u8> {
    (0u8..=255).collect()
}

fn base64_lines(data: &[u8]) -> String {
    let enc = STANDARD.encode(data);
    let mut out = String::new();
    for chunk in enc.as_bytes().chunks(76) {
        out.push_str(std::str::from_utf8(chunk).unwrap());
        out.push_str("\r\n");
    }
    out
}

/// The rich test message and its parts.
struct Rich {
    data: Vec<u8>,
    header: Vec<u8>,
    text: Vec<u8>,
    part1_mime: Vec<u8>,
    part1_body: Vec<u8>,
    part2_body: Vec<u8>,
    part3_header: Vec<u8>,
    part3_body: Vec<u8>,
}

const RICH_HEADER_LINES: &[&str] = &[
    "Date: Mon, 01 Jan 2024 10:00:00 +0000",
    "From: Alice Example <alice@example.org>",
    "To: Bob Example <bob@example.org>, \"Carol, C.\" <carol@example.org>",
    "Cc: Dave <dave@example.org>",
    "Subject: e2e thread start",
    "Message-ID: <e2e-1@example.org>",
    "MIME-Version: 1.0",
];

fn rich_message() -> Rich {
    let mut header = String::new();
    for l in RICH_HEADER_LINES {
        header.push_str(l);
        header.push_str("\r\n");
    }
    header.push_str(&format!(
        "Content-Type: multipart/mixed; boundary=\"{BOUNDARY}\"\r\n\r\n"
    ));
    let part1_mime = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n";
    let part1_body = qp(PART1_TEXT);
    let part2_mime = "Content-Type: application/octet-stream; name=\"bytes.bin\"\r\n\
                      Content-Disposition: attachment; filename=\"bytes.bin\"\r\n\
                      Content-Transfer-Encoding: base64\r\n\r\n";
    let part2_body = base64_lines(&attachment_bytes());
    let part3_mime = "Content-Type: message/rfc822\r\n\r\n";
    let part3_header = "Date: Sun, 31 Dec 2023 09:00:00 +0000\r\n\
                        From: Inner Sender <inner@example.org>\r\n\
                        To: Alice Example <alice@example.org>\r\n\
                        Subject: inner message\r\n\
                        Message-ID: <e2e-inner@example.org>\r\n\r\n";
    let part3_inner_body = "Inner body, line one.\r\nInner body, line two.\r\n";
    let part3_body = format!("{part3_header}{part3_inner_body}");
    let text = format!(
        "This is a multi-part message in MIME format.\r\n\
         --{BOUNDARY}\r\n{part1_mime}{part1_body}\r\n\
         --{BOUNDARY}\r\n{part2_mime}{part2_body}\r\n\
         --{BOUNDARY}\r\n{part3_mime}{part3_body}\r\n\
         --{BOUNDARY}--\r\n"
    );
    let data = format!("{header}{text}").into_bytes();
    Rich {
        data,
        header: header.into_bytes(),
        text: text.into_bytes(),
        part1_mime: part1_mime.as_bytes().to_vec(),
        part1_body: part1_body.into_bytes(),
        part2_body: part2_body.into_bytes(),
        part3_header: part3_header.as_bytes().to_vec(),
        part3_body: part3_body.into_bytes(),
    }
}

/// A small single-part message.
fn simple_message(
    id: &str,
    date: &str,
    from: &str,
    subject: &str,
    extra: &str,
    body: &str,
) -> Vec<u8> {
    format!(
        "Date: {date}\r\nFrom: {from}\r\nTo: Alice Example <alice@example.org>\r\nSubject: {subject}\r\n\
         Message-ID: <{id}@example.org>\r\n{extra}MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n{body}"
    )
    .into_bytes()
}

/// The reply to the rich message (same thread).
fn reply_message() -> Vec<u8> {
    simple_message(
        "e2e-2",
        "Tue, 02 Jan 2024 11:00:00 +0000",
        "Bob Example <bob@example.org>",
        "Re: e2e thread start",
        "In-Reply-To: <e2e-1@example.org>\r\nReferences: <e2e-1@example.org>\r\n",
        "A reply, quoting nothing.\r\n",
    )
}

/// An unrelated message.
fn other_message() -> Vec<u8> {
    simple_message(
        "e2e-3",
        "Wed, 03 Jan 2024 12:00:00 +0000",
        "Zed Other <zed@example.org>",
        "another topic",
        "Cc: Team: Ann <ann@example.org>, Ben <ben@example.org>;\r\nBcc: undisclosed-recipients:;\r\n\
         Reply-To: \"Zed \\\"Z\\\" O\\\\ther\" <zed+reply@example.org>\r\n",
        "Something else entirely, and a little longer than the reply.\r\n",
    )
}

// ---------------------------------------------------------------------------
// Scenarios

/// Greeting, CAPABILITY before and after LOGIN on the plain port, a refused
/// LOGIN, NOOP, LOGOUT.
fn greeting_capability_login(srv: Server) {
    let (mut s, greeting) = Session::connect(srv, Port::Plain, "login");
    assert_eq!(greeting.status, Status::Ok);
    let gcaps = code_caps(&greeting.code)
        .unwrap_or_else(|| panic!("{srv:?}: greeting without [CAPABILITY]: {greeting:?}"));
    report(srv, "greeting capabilities", &gcaps.join(" "));
    report(srv, "greeting text", &greeting.text);
    assert_caps(
        "greeting",
        &gcaps,
        &[
            "IMAP4rev1",
            "STARTTLS",
            "AUTH=PLAIN",
            "SASL-IR",
            "LITERAL+",
            "ID",
            "ENABLE",
        ],
        &["LOGINDISABLED"],
    );
    assert!(
        s.has(&Capability::SaslIr)
            && s.has(&Capability::StartTls)
            && s.has(&Capability::LiteralPlus)
    );
    assert!(s.has(&Capability::Auth(b("PLAIN"))));

    let pre = s.capability();
    report(srv, "CAPABILITY plain port, pre-login", &pre.join(" "));
    assert_caps(
        "pre-login",
        &pre,
        &[
            "IMAP4rev1",
            "STARTTLS",
            "AUTH=PLAIN",
            "AUTH=LOGIN",
            "SASL-IR",
            "ID",
            "ENABLE",
            "LITERAL+",
        ],
        &["LOGINDISABLED"],
    );
    let known: Vec<String> = s
        .conn
        .capabilities()
        .unwrap()
        .iter()
        .map(|c| String::from_utf8_lossy(&c.to_wire()).into_owned())
        .collect();
    assert_eq!(known, pre, "the connection keeps the last CAPABILITY list");

    let (user, _) = user();
    let r = s.exec(Command::Login {
        username: user.clone().into(),
        password: b("wrong password"),
    });
    assert_eq!(r.status, Status::No, "LOGIN with a wrong password: {r:?}");
    report(
        srv,
        "LOGIN with a wrong password",
        &format!("NO {:?} {}", r.code, r.text),
    );
    if srv == Server::Dovecot {
        assert_eq!(r.code, Some(Code::AuthenticationFailed), "{r:?}");
    }

    // Dovecot leaves [CAPABILITY] out of the LOGIN OK when the client has
    // already asked for CAPABILITY; Cyrus always sends it.
    let r = s.login();
    let post_code = code_caps(&r.code);
    report(
        srv,
        "LOGIN OK after a CAPABILITY command has [CAPABILITY]",
        &post_code.is_some().to_string(),
    );
    if srv == Server::Cyrus {
        assert!(post_code.is_some(), "{r:?}");
    }
    if post_code.is_some() {
        assert!(
            s.has(&Capability::Idle),
            "the connection learns the capabilities of the LOGIN OK"
        );
    }
    let post = s.capability();
    assert!(s.has(&Capability::Idle));
    report(srv, "CAPABILITY plain port, post-login", &post.join(" "));
    if let Some(code) = post_code {
        assert_eq!(
            BTreeSet::from_iter(code.iter()),
            BTreeSet::from_iter(post.iter()),
            "LOGIN OK [CAPABILITY] and CAPABILITY agree"
        );
    }
    let common = [
        "IMAP4rev1",
        "LITERAL+",
        "ID",
        "ENABLE",
        "IDLE",
        "SORT",
        "SORT=DISPLAY",
        "THREAD=REFERENCES",
        "THREAD=ORDEREDSUBJECT",
        "MULTIAPPEND",
        "CATENATE",
        "UNSELECT",
        "CHILDREN",
        "NAMESPACE",
        "UIDPLUS",
        "LIST-EXTENDED",
        "CONDSTORE",
        "QRESYNC",
        "ESEARCH",
        "ESORT",
        "WITHIN",
        "LIST-STATUS",
        "BINARY",
        "MOVE",
        "PREVIEW",
        "STATUS=SIZE",
        "SAVEDATE",
        "METADATA",
        "SPECIAL-USE",
        "COMPRESS=DEFLATE",
        "QUOTA",
        "ACL",
    ];
    assert_caps(
        "post-login",
        &post,
        &common,
        &["STARTTLS", "UTF8=ACCEPT", "UTF8=ONLY", "IMAP4rev2"],
    );
    match srv {
        Server::Dovecot => assert_caps(
            "post-login",
            &post,
            &["SEARCHRES", "CONTEXT=SEARCH", "NOTIFY", "RIGHTS=texk"],
            &["OBJECTID", "LOGINDISABLED", "CREATE-SPECIAL-USE"],
        ),
        Server::Cyrus => assert_caps(
            "post-login",
            &post,
            &[
                "OBJECTID",
                "CREATE-SPECIAL-USE",
                "LOGINDISABLED",
                "APPENDLIMIT=4294967295",
            ],
            &["SEARCHRES"],
        ),
    }
    assert!(
        s.has(&Capability::Thread(b("REFERENCES"))) && s.has(&Capability::SortExt(b("DISPLAY")))
    );
    if srv == Server::Cyrus {
        assert!(s.has(&Capability::AppendLimit(Some(4294967295))));
    }

    let r = s.ok(Command::Noop);
    assert!(
        r.code.is_none() || matches!(r.code, Some(Code::Other { .. })),
        "{r:?}"
    );
    let bye = s.logout();
    assert!(!bye.is_empty());
}

/// The implicit-TLS port: CAPABILITY (SASL-IR listed), AUTHENTICATE PLAIN
/// with the initial response on the command line.
fn tls_port_authenticate_sasl_ir(srv: Server) {
    let (mut s, greeting) = Session::connect(srv, Port::Tls, "tls-port");
    assert!(s.is_tls());
    let gcaps = code_caps(&greeting.code).expect("greeting [CAPABILITY]");
    assert_caps(
        "TLS greeting",
        &gcaps,
        &["IMAP4rev1", "AUTH=PLAIN", "SASL-IR"],
        &["STARTTLS"],
    );
    let pre = s.capability();
    report(srv, "CAPABILITY TLS port, pre-login", &pre.join(" "));
    assert_caps(
        "TLS pre-login",
        &pre,
        &["AUTH=PLAIN", "SASL-IR"],
        &["STARTTLS", "LOGINDISABLED"],
    );
    assert!(s.has(&Capability::SaslIr));

    let (u, p) = user();
    s.auth_plain();
    let ir = STANDARD.encode(format!("\0{u}\0{p}"));
    let t = s.transcript.clone();
    assert_eq!(
        t.len(),
        2,
        "one line out, the tagged OK back (no continuation):\n{}",
        s.transcript_text()
    );
    assert_eq!(t[0].0, Dir::C);
    let line = String::from_utf8_lossy(&t[0].1).into_owned();
    assert!(
        line.ends_with(&format!(" AUTHENTICATE PLAIN {ir}\r\n")),
        "{line:?}"
    );
    assert!(
        !t[1].1.starts_with(b"+"),
        "no continuation request with SASL-IR:\n{}",
        s.transcript_text()
    );

    let post = s.capability();
    report(srv, "CAPABILITY TLS port, post-login", &post.join(" "));
    assert_caps(
        "TLS post-login",
        &post,
        &["IMAP4rev1", "IDLE", "QRESYNC"],
        &["STARTTLS"],
    );
    s.logout();

    // AUTHENTICATE with a wrong password, then an authenticator that gives
    // up (the exchange is cancelled with '*'), then AUTHENTICATE LOGIN,
    // whose two challenges the connection decodes for the authenticator.
    let (mut s, _) = Session::connect(srv, Port::Tls, "tls-port-auth-variants");
    s.capability();
    let r = s.authenticate(Box::new(imap::conn::Plain::new(
        u.clone(),
        "wrong password",
    )));
    assert_eq!(r.status, Status::No, "{r:?}");
    report(
        srv,
        "AUTHENTICATE PLAIN with a wrong password",
        &format!("NO {:?} {}", r.code, r.text),
    );
    if srv == Server::Dovecot {
        assert_eq!(r.code, Some(Code::AuthenticationFailed));
    }
    let r = s.authenticate(Box::new(Refuser));
    assert_ne!(r.status, Status::Ok, "{r:?}");
    assert!(
        matches!(s.errors.as_slice(), [imap::conn::Error::Auth(_)]),
        "{:?}",
        s.errors
    );
    let out: Vec<u8> = s
        .transcript
        .iter()
        .filter(|(d, _)| *d == Dir::C)
        .flat_map(|(_, b)| b.clone())
        .collect();
    assert!(
        out.ends_with(b"\r\n*\r\n"),
        "cancelled with '*': {}",
        s.transcript_text()
    );
    report(
        srv,
        "AUTHENTICATE cancelled by the client",
        &format!("{:?} {:?} {}", r.status, r.code, r.text),
    );
    let challenges = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let r = s.authenticate(Box::new(LoginMech {
        user: u.clone(),
        pass: p.clone(),
        challenges: challenges.clone(),
    }));
    assert_eq!(r.status, Status::Ok, "AUTHENTICATE LOGIN: {r:?}");
    let ch = challenges.lock().unwrap().clone();
    assert_eq!(ch.len(), 2, "{ch:?}");
    assert!(
        ch[0].to_ascii_lowercase().starts_with(b"username"),
        "{:?}",
        String::from_utf8_lossy(&ch[0])
    );
    assert!(
        ch[1].to_ascii_lowercase().starts_with(b"password"),
        "{:?}",
        String::from_utf8_lossy(&ch[1])
    );
    s.ok(Command::Noop);
    s.logout();
}

/// An authenticator that refuses the server's challenge.
struct Refuser;

impl imap::conn::Authenticator for Refuser {
    fn mechanism(&self) -> &str {
        "PLAIN"
    }
    fn initial_response(&mut self) -> Result<Option<Vec<u8>>, String> {
        Ok(None)
    }
    fn step(&mut self, _challenge: &[u8]) -> Result<Vec<u8>, String> {
        Err("the test gives up".into())
    }
}

/// SASL LOGIN (draft-murchison-sasl-login): user name, then password.
struct LoginMech {
    user: String,
    pass: String,
    challenges: std::sync::Arc<std::sync::Mutex<Vec<Vec<u8>>>>,
}

impl imap::conn::Authenticator for LoginMech {
    fn mechanism(&self) -> &str {
        "LOGIN"
    }
    fn initial_response(&mut self) -> Result<Option<Vec<u8>>, String> {
        Ok(None)
    }
    fn step(&mut self, challenge: &[u8]) -> Result<Vec<u8>, String> {
        let mut c = self.challenges.lock().unwrap();
        c.push(challenge.to_vec());
        Ok(if c.len() == 1 {
            self.user.clone()
        } else {
            self.pass.clone()
        }
        .into_bytes())
    }
}

/// STARTTLS on the plain port, then AUTHENTICATE PLAIN without SASL-IR
/// (the connection forgot the capabilities at STARTTLS), a pre-login
/// CAPABILITY after STARTTLS, and LOGIN with synchronizing literals.
fn starttls_authenticate_without_sasl_ir(srv: Server) {
    // 1: STARTTLS, AUTHENTICATE without SASL-IR.
    let (mut s, _) = Session::connect(srv, Port::Plain, "starttls-auth");
    assert!(has_cap(&s.capability(), "STARTTLS"));
    s.starttls();
    assert!(s.is_tls());
    assert!(
        s.conn.capabilities().is_none(),
        "capabilities are forgotten at STARTTLS"
    );
    let (u, p) = user();
    let r = s.auth_plain();
    let t = s.transcript_text();
    let lines: Vec<&(Dir, Vec<u8>)> = s.transcript.iter().collect();
    assert!(lines.len() >= 4, "command, +, response, OK:\n{t}");
    assert!(
        lines[0].0 == Dir::C && lines[0].1.ends_with(b" AUTHENTICATE PLAIN\r\n"),
        "{t}"
    );
    assert!(lines[1].0 == Dir::S && lines[1].1.starts_with(b"+"), "{t}");
    assert_eq!(lines[2].0, Dir::C);
    assert_eq!(
        lines[2].1,
        format!("{}\r\n", STANDARD.encode(format!("\0{u}\0{p}"))).into_bytes(),
        "{t}"
    );
    report(
        srv,
        "AUTHENTICATE OK after STARTTLS carries",
        &format!(
            "{:?}",
            r.code.as_ref().map(|c| matches!(c, Code::Capability(_)))
        ),
    );
    let post = s.capability();
    report(
        srv,
        "CAPABILITY after STARTTLS, post-login",
        &post.join(" "),
    );
    assert_caps(
        "post-login over STARTTLS",
        &post,
        &["IMAP4rev1", "QRESYNC"],
        &["STARTTLS"],
    );
    s.logout();

    // 2: STARTTLS, CAPABILITY before login.
    let (mut s, _) = Session::connect(srv, Port::Plain, "starttls-capability");
    s.starttls();
    let pre = s.capability();
    report(srv, "CAPABILITY after STARTTLS, pre-login", &pre.join(" "));
    assert_caps(
        "pre-login after STARTTLS",
        &pre,
        &["AUTH=PLAIN", "SASL-IR"],
        &["STARTTLS", "LOGINDISABLED"],
    );
    s.login();
    s.logout();

    // 3: STARTTLS, then LOGIN with both arguments as synchronizing
    // literals (nothing is known about LITERAL+ after STARTTLS).
    let (mut s, _) = Session::connect(srv, Port::Plain, "starttls-sync-login");
    s.starttls();
    let r = s.exec(Command::Raw {
        name: b("LOGIN"),
        args: vec![
            RawArg::Literal(u.clone().into()),
            RawArg::Literal(p.clone().into()),
        ],
    });
    assert_eq!(r.status, Status::Ok, "{r:?}");
    let t = s.transcript_text();
    let tr = &s.transcript;
    assert!(
        tr[0].0 == Dir::C
            && tr[0]
                .1
                .ends_with(format!(" LOGIN {{{}}}\r\n", u.len()).as_bytes()),
        "{t}"
    );
    assert!(tr[1].0 == Dir::S && tr[1].1.starts_with(b"+"), "{t}");
    assert!(
        tr[2].0 == Dir::C && tr[2].1 == format!("{u} {{{}}}\r\n", p.len()).into_bytes(),
        "{t}"
    );
    assert!(tr[3].0 == Dir::S && tr[3].1.starts_with(b"+"), "{t}");
    assert!(
        tr[4].0 == Dir::C && tr[4].1 == format!("{p}\r\n").into_bytes(),
        "{t}"
    );
    s.logout();
}

/// APPEND with synchronizing literals (a connection that does not know
/// LITERAL+), with LITERAL+, MULTIAPPEND, flags and internal dates, and a
/// literal8 (`~{n}`); every message is fetched back byte for byte.
fn append_literals(srv: Server) {
    let prefix = "e2e-append";
    let (mut plus, _) = Session::connect(srv, Port::Plain, "append-literal+");
    plus.login();
    plus.reset_prefix(prefix);
    let mb = format!("{prefix}/box");
    plus.ok(Command::Create {
        mailbox: mbox(prefix),
        special_use: vec![],
    });
    plus.ok(Command::Create {
        mailbox: mbox(&mb),
        special_use: vec![],
    });

    // Synchronizing: the driver hides LITERAL+ from this connection.
    let (mut sync, _) = Session::connect(srv, Port::Plain, "append-sync");
    sync.hide_capability("LITERAL+");
    sync.login();
    assert!(!sync.has(&Capability::LiteralPlus), "LITERAL+ is hidden");
    let m1 = simple_message(
        "e2e-app-1",
        "Thu, 04 Jan 2024 08:00:00 +0000",
        "Alice <alice@example.org>",
        "sync literal",
        "",
        "Sent with a synchronizing literal.\r\n",
    );
    let d1 = dt(2024, 2, 1, 12, 34, 56, 60);
    let r = sync.ok(append(
        &mb,
        vec![msg(m1.clone(), vec![Flag::Flagged, kw("$E2E")], Some(d1))],
    ));
    let t = sync.transcript_text();
    let tr = sync.transcript.clone();
    let head = format!(
        " (\\Flagged $E2E) \"01-Feb-2024 12:34:56 +0100\" {{{}}}\r\n",
        m1.len()
    );
    assert!(
        tr[0].0 == Dir::C && tr[0].1.ends_with(head.as_bytes()),
        "APPEND line waits for '+':\n{t}"
    );
    assert!(tr[1].0 == Dir::S && tr[1].1.starts_with(b"+"), "{t}");
    assert!(
        tr[2].0 == Dir::C && tr[2].1 == [m1.as_slice(), b"\r\n"].concat(),
        "{t}"
    );
    let (validity, uids1) = appenduid(&sync, &r);
    assert_eq!(uids1.len(), 1);

    // Two messages in one APPEND (MULTIAPPEND), synchronizing: two waits.
    let m2 = simple_message(
        "e2e-app-2",
        "Thu, 04 Jan 2024 09:00:00 +0000",
        "Alice <alice@example.org>",
        "multiappend one",
        "",
        "First of two.\r\n",
    );
    let m3 = simple_message(
        "e2e-app-3",
        "Thu, 04 Jan 2024 10:00:00 +0000",
        "Alice <alice@example.org>",
        "multiappend two",
        "",
        "Second of two.\r\n",
    );
    let r = sync.ok(append(
        &mb,
        vec![
            msg(m2.clone(), vec![Flag::Seen], None),
            msg(m3.clone(), vec![], None),
        ],
    ));
    let pluses = sync
        .transcript
        .iter()
        .filter(|(d, b)| *d == Dir::S && b.starts_with(b"+"))
        .count();
    assert_eq!(
        pluses,
        2,
        "one '+' per synchronizing literal:\n{}",
        sync.transcript_text()
    );
    let (v2, uids23) = appenduid(&sync, &r);
    assert_eq!(v2, validity);
    assert_eq!(uids23.len(), 2, "MULTIAPPEND: APPENDUID lists both");
    assert!(uids23[0] > uids1[0] && uids23[1] == uids23[0] + 1);

    // LITERAL+: the whole command goes out without waiting.
    assert!(plus.has(&Capability::LiteralPlus));
    let m4 = simple_message(
        "e2e-app-4",
        "Thu, 04 Jan 2024 11:00:00 +0000",
        "Alice <alice@example.org>",
        "literal plus",
        "",
        "Sent with LITERAL+.\r\n",
    );
    let r = plus.ok(append(
        &mb,
        vec![msg(m4.clone(), vec![Flag::Answered, Flag::Draft], None)],
    ));
    let t = plus.transcript_text();
    let tr = plus.transcript.clone();
    let out: Vec<u8> = tr
        .iter()
        .filter(|(d, _)| *d == Dir::C)
        .flat_map(|(_, b)| b.clone())
        .collect();
    assert!(
        !tr.iter().any(|(d, b)| *d == Dir::S && b.starts_with(b"+")),
        "no '+' with LITERAL+:\n{t}"
    );
    let expect_head = format!(" (\\Answered \\Draft) {{{}+}}\r\n", m4.len());
    let pos = out
        .windows(expect_head.len())
        .position(|w| w == expect_head.as_bytes())
        .unwrap_or_else(|| panic!("{t}"));
    assert_eq!(
        &out[pos + expect_head.len()..],
        [m4.as_slice(), b"\r\n"].concat().as_slice(),
        "{t}"
    );
    let (_, uids4) = appenduid(&plus, &r);

    // literal8: BINARY APPEND of a message whose body holds a NUL... the
    // servers refuse NUL in a message, so send 8-bit text as literal8 instead.
    let m5 = simple_message(
        "e2e-app-5",
        "Thu, 04 Jan 2024 12:00:00 +0000",
        "Alice <alice@example.org>",
        "literal8",
        "",
        "8-bit body: Grüße\r\n",
    );
    let mut bin = msg(m5.clone(), vec![], None);
    bin.binary = true;
    let r = plus.exec(append(&mb, vec![bin]));
    let out: Vec<u8> = plus
        .transcript
        .iter()
        .filter(|(d, _)| *d == Dir::C)
        .flat_map(|(_, b)| b.clone())
        .collect();
    assert!(
        out.windows(2).any(|w| w == b"~{"),
        "literal8 sent as ~{{n+}}: {}",
        plus.transcript_text()
    );
    report(
        srv,
        "APPEND with a literal8 (~{n+})",
        &format!("{:?} {:?} {}", r.status, r.code, r.text),
    );
    let uids5 = if r.status == Status::Ok {
        appenduid(&plus, &r).1
    } else {
        vec![]
    };

    // Fetch everything back.
    let sel = do_select(&mut plus, select(&mb));
    assert_eq!(sel.uid_validity, Some(validity));
    let expected: Vec<(u32, &Vec<u8>, BTreeSet<String>)> = vec![
        (uids1[0], &m1, names(&["\\Flagged", "$E2E"])),
        (uids23[0], &m2, names(&["\\Seen"])),
        (uids23[1], &m3, names(&[])),
        (uids4[0], &m4, names(&["\\Answered", "\\Draft"])),
    ];
    let mut all_uids: Vec<u32> = expected.iter().map(|e| e.0).collect();
    all_uids.extend(&uids5);
    assert_eq!(sel.exists, Some(all_uids.len() as u32));
    let f = by_uid(&fetch_all(
        &mut plus,
        fetch(
            true,
            set(&all_uids),
            vec![
                FetchAttr::Uid,
                FetchAttr::Flags,
                FetchAttr::InternalDate,
                FetchAttr::Rfc822Size,
                peek(&[], None, None),
            ],
        ),
    ));
    for (uid, data, flags) in &expected {
        let items = &f[uid];
        assert_eq!(
            section_of(items, "").unwrap().1.as_deref(),
            Some(data.as_slice()),
            "BODY[] of UID {uid}"
        );
        assert_eq!(flags_of(items).unwrap(), *flags, "FLAGS of UID {uid}");
        assert_eq!(
            get(items, |i| if let It::Size(n) = i { Some(*n) } else { None }),
            Some(data.len() as u64)
        );
    }
    let date1 = get(&f[&uids1[0]], |i| {
        if let It::InternalDate(d) = i {
            Some(*d)
        } else {
            None
        }
    })
    .unwrap();
    assert_eq!(
        unix(&date1),
        unix(&d1),
        "INTERNALDATE {date1} is the instant appended ({d1})"
    );
    if let Some(u5) = uids5.first() {
        assert_eq!(
            section_of(&f[u5], "").unwrap().1.as_deref(),
            Some(m5.as_slice())
        );
    }

    plus.ok(Command::Unselect);
    plus.reset_prefix(prefix);
    sync.logout();
    plus.logout();
}

/// A whole session after COMPRESS=DEFLATE: ID, NAMESPACE, ENABLE, mailbox
/// management with non-ASCII names, LIST with selection and return options,
/// STATUS, QUOTA, ACL, METADATA, errors and LOGOUT.
fn compressed_session(srv: Server) {
    let prefix = "e2e-mbx";
    let (mut s, _) = Session::connect(srv, Port::Plain, "compressed");
    s.login();
    assert!(s.has(&Capability::CompressDeflate));
    s.ok(Command::CompressDeflate);
    // A second COMPRESS is refused: decoding that answer proves both
    // directions are compressed correctly.
    let r = s.exec(Command::CompressDeflate);
    assert_ne!(r.status, Status::Ok, "{r:?}");
    report(
        srv,
        "second COMPRESS",
        &format!("{:?} {:?} {}", r.status, r.code, r.text),
    );
    assert_eq!(r.code, Some(Code::CompressionActive), "{r:?}");

    // ID
    let mut id = None;
    s.ok_with(
        Command::Id(vec![
            (b("name"), Some(b("imap e2e"))),
            (b("version"), Some(b("0.1"))),
        ]),
        &mut |u| {
            if let Untagged::Id(Some(pairs)) = u {
                id = Some(
                    pairs
                        .iter()
                        .map(|(k, v)| {
                            (
                                k.to_str_lossy().to_ascii_lowercase(),
                                v.as_ref().map(|v| v.to_str_lossy().into_owned()),
                            )
                        })
                        .collect::<Vec<_>>(),
                );
            }
        },
    );
    let id = id.expect("* ID (...)");
    let name = id
        .iter()
        .find(|(k, _)| k == "name")
        .and_then(|(_, v)| v.clone())
        .unwrap_or_default();
    report(srv, "ID", &format!("{id:?}"));
    match srv {
        Server::Dovecot => assert_eq!(name, "Dovecot"),
        Server::Cyrus => assert_eq!(name, "Cyrus IMAPD"),
    }

    // NAMESPACE
    let mut ns = None;
    s.ok_with(Command::Namespace, &mut |u| {
        if let Untagged::Namespace {
            personal,
            other,
            shared,
        } = u
        {
            let one = |v: &Option<&[imap::types::NamespaceDesc<'_>]>| {
                v.as_ref().map(|v| {
                    v.iter()
                        .map(|d| (d.prefix.to_str_lossy().into_owned(), d.delimiter))
                        .collect::<Vec<_>>()
                })
            };
            ns = Some((one(personal), one(other), one(shared)));
        }
    });
    let ns = ns.expect("* NAMESPACE");
    let expected = match srv {
        Server::Dovecot => (
            Some(vec![("".into(), Some(b'/'))]),
            Some(vec![("shared/".into(), Some(b'/'))]),
            None,
        ),
        Server::Cyrus => (
            Some(vec![("".into(), Some(b'/'))]),
            Some(vec![("Other Users/".into(), Some(b'/'))]),
            Some(vec![("Shared Folders/".into(), Some(b'/'))]),
        ),
    };
    assert_eq!(ns, expected);

    // ENABLE: UTF8=ACCEPT is not offered by either server; CONDSTORE and
    // QRESYNC are.
    assert!(
        !s.has(&Capability::Utf8Accept),
        "neither server offers UTF8=ACCEPT"
    );
    let mut enabled: Option<Vec<String>> = None;
    s.ok_with(Command::Enable(vec![Capability::Utf8Accept]), &mut |u| {
        if let Untagged::Enabled(c) = u {
            enabled = Some(
                c.iter()
                    .map(|c| String::from_utf8_lossy(&c.to_wire()).into_owned())
                    .collect(),
            );
        }
    });
    report(
        srv,
        "ENABLE UTF8=ACCEPT (not offered)",
        &format!("{enabled:?}"),
    );
    assert!(enabled.unwrap_or_default().is_empty(), "nothing enabled");
    let mut enabled = Vec::new();
    s.ok_with(
        Command::Enable(vec![Capability::Condstore, Capability::Qresync]),
        &mut |u| {
            if let Untagged::Enabled(c) = u {
                enabled.extend(c.iter().map(|c| c.clone().into_owned()));
            }
        },
    );
    assert!(
        enabled.contains(&Capability::Condstore) && enabled.contains(&Capability::Qresync),
        "{enabled:?}"
    );

    // Mailboxes with non-ASCII names.
    s.reset_prefix(prefix);
    let parent = format!("{prefix}/Entwürfe & Co");
    let child = format!("{parent}/日本語");
    let plain = format!("{prefix}/plain");
    let mut created_ids = BTreeMap::new();
    for m in [prefix, &parent, &child, &plain] {
        let r = s.ok(Command::Create {
            mailbox: mbox(m),
            special_use: vec![],
        });
        if let Some(Code::MailboxId(id)) = &r.code {
            created_ids.insert(m.to_string(), id.to_str_lossy().into_owned());
        }
    }
    if srv == Server::Cyrus {
        // OBJECTID: CREATE answers with [MAILBOXID (...)], and STATUS agrees.
        assert_eq!(created_ids.len(), 4, "{created_ids:?}");
        let st = status_of(&mut s, &child, vec![StatusAttr::MailboxId]);
        assert_eq!(st, vec![StatusItem::MailboxId(b(&created_ids[&child]))]);
    } else {
        assert!(created_ids.is_empty());
    }
    // Creating it again fails.
    let r = s.exec(Command::Create {
        mailbox: mbox(&child),
        special_use: vec![],
    });
    assert_eq!(r.status, Status::No, "{r:?}");
    report(
        srv,
        "CREATE of an existing mailbox",
        &format!("NO {:?} {}", r.code, r.text),
    );

    let (l, _) = list(
        &mut s,
        list_cmd(
            vec![],
            &[&format!("{prefix}/*")],
            vec![ListReturn::Children],
        ),
    );
    let got: BTreeSet<String> = l.keys().map(|w| decode_name(w)).collect();
    assert_eq!(got, names(&[&parent, &child, &plain]));
    for (wire, (attrs, delim, _)) in &l {
        let name = decode_name(wire);
        assert_eq!(
            *wire,
            mutf7::encode(&name).into_bytes(),
            "the server's modified UTF-7 is the codec's"
        );
        assert_eq!(*delim, Some(b'/'));
        let kids = if name == parent {
            MailboxAttr::HasChildren
        } else {
            MailboxAttr::HasNoChildren
        };
        assert!(has_attr(attrs, &kids), "{name}: {attrs:?}");
    }
    assert_eq!(
        mutf7::encode(&child),
        "e2e-mbx/Entw&APw-rfe &- Co/&ZeVnLIqe-"
    );

    // SUBSCRIBE the child only.
    s.ok(Command::Subscribe(mbox(&child)));
    let (l, _) = list(
        &mut s,
        list_cmd(
            vec![ListSelect::Subscribed],
            &[&format!("{prefix}/*")],
            vec![],
        ),
    );
    assert_eq!(
        l.keys().map(|w| decode_name(w)).collect::<BTreeSet<_>>(),
        names(&[&child])
    );
    assert!(has_attr(
        &l.values().next().unwrap().0,
        &MailboxAttr::Subscribed
    ));
    let mut lsub = Vec::new();
    s.ok_with(
        Command::Lsub {
            reference: mbox(""),
            pattern: mbox(&format!("{prefix}/*")),
        },
        &mut |u| {
            if let Untagged::Lsub(l) = u {
                lsub.push(decode_name(&l.name));
            }
        },
    );
    assert_eq!(lsub, vec![child.clone()]);
    // RECURSIVEMATCH: the parent is not subscribed but has a subscribed child.
    let (l, _) = list(
        &mut s,
        list_cmd(
            vec![ListSelect::Subscribed, ListSelect::RecursiveMatch],
            &[&format!("{prefix}/%")],
            vec![],
        ),
    );
    let p = l
        .get(mutf7::encode(&parent).as_bytes())
        .unwrap_or_else(|| panic!("{parent} in {l:?}"));
    assert!(
        p.2.iter().any(|x| x == "CHILDINFO (SUBSCRIBED)"),
        "CHILDINFO: {p:?}"
    );
    assert!(!has_attr(&p.0, &MailboxAttr::Subscribed));
    assert_eq!(l.len(), 1, "{l:?}");

    // RETURN (SUBSCRIBED CHILDREN SPECIAL-USE STATUS (...)).
    // (Not MAILBOXID: Cyrus 3.6.1 sends garbage bytes for it in LIST-STATUS;
    // STATUS (MAILBOXID) is checked below.)
    let st = vec![
        StatusAttr::Messages,
        StatusAttr::UidNext,
        StatusAttr::UidValidity,
        StatusAttr::Unseen,
        StatusAttr::Size,
    ];
    let (l, status) = list(
        &mut s,
        list_cmd(
            vec![],
            &["*"],
            vec![
                ListReturn::Subscribed,
                ListReturn::Children,
                ListReturn::SpecialUse,
                ListReturn::Status(st.clone()),
            ],
        ),
    );
    for (name, attr) in [
        ("Drafts", MailboxAttr::Drafts),
        ("Sent", MailboxAttr::Sent),
        ("Trash", MailboxAttr::Trash),
        ("Junk", MailboxAttr::Junk),
        ("Archive", MailboxAttr::Archive),
    ] {
        let (attrs, _, _) = l
            .get(name.as_bytes())
            .unwrap_or_else(|| panic!("{name} listed"));
        assert!(
            has_attr(attrs, &attr) && has_attr(attrs, &MailboxAttr::Subscribed),
            "{name}: {attrs:?}"
        );
    }
    let c = &l[mutf7::encode(&child).as_bytes()];
    assert!(
        has_attr(&c.0, &MailboxAttr::Subscribed) && has_attr(&c.0, &MailboxAttr::HasNoChildren),
        "{c:?}"
    );
    let cs = status
        .get(mutf7::encode(&child).as_bytes())
        .unwrap_or_else(|| panic!("STATUS for {child}: {status:?}"));
    assert!(
        cs.contains(&StatusItem::Messages(0))
            && cs.contains(&StatusItem::UidNext(1))
            && cs.contains(&StatusItem::Unseen(0))
            && cs.contains(&StatusItem::Size(0)),
        "{cs:?}"
    );
    assert!(cs
        .iter()
        .any(|i| matches!(i, StatusItem::UidValidity(v) if *v > 0)));
    assert!(
        status.contains_key(b"INBOX".as_slice()),
        "STATUS for INBOX too"
    );

    // LIST (SPECIAL-USE): only special-use mailboxes.
    let (l, _) = list(
        &mut s,
        list_cmd(
            vec![ListSelect::SpecialUse],
            &["*"],
            vec![ListReturn::SpecialUse],
        ),
    );
    for n in ["Drafts", "Sent", "Trash", "Junk", "Archive"] {
        assert!(l.contains_key(n.as_bytes()), "{n} in {l:?}");
    }
    let special = [
        MailboxAttr::All,
        MailboxAttr::Archive,
        MailboxAttr::Drafts,
        MailboxAttr::Flagged,
        MailboxAttr::Junk,
        MailboxAttr::Sent,
        MailboxAttr::Trash,
        MailboxAttr::Important,
    ];
    for (w, (attrs, _, _)) in &l {
        assert!(
            special.iter().any(|a| has_attr(attrs, a)),
            "{}: {attrs:?}",
            w.escape_ascii()
        );
    }
    // Several patterns (LIST-EXTENDED).
    let (l, _) = list(&mut s, list_cmd(vec![], &[&plain, "INBOX"], vec![]));
    assert_eq!(
        l.keys().cloned().collect::<BTreeSet<_>>(),
        BTreeSet::from([plain.as_bytes().to_vec(), b"INBOX".to_vec()])
    );

    // CREATE with USE (CREATE-SPECIAL-USE): Cyrus only. (Cyrus refuses it
    // for a child mailbox, "SPECIAL-USE flag conflict", so it is a top-level
    // one; each flag may be on one mailbox only, and this test is the only
    // one that uses \Important.)
    if srv == Server::Cyrus {
        assert!(s.has(&Capability::CreateSpecialUse));
        let coll = format!("{prefix}-wichtig");
        let r = s.exec(Command::Create {
            mailbox: mbox(&coll),
            special_use: vec![MailboxAttr::Important],
        });
        assert_eq!(r.status, Status::Ok, "{r:?}");
        let (l, _) = list(
            &mut s,
            list_cmd(vec![], &[&coll], vec![ListReturn::SpecialUse]),
        );
        assert!(
            has_attr(&l[coll.as_bytes()].0, &MailboxAttr::Important),
            "{l:?}"
        );
        // The attribute is the /private/specialuse annotation.
        let mut md = Vec::new();
        s.ok_with(
            Command::GetMetadata {
                mailbox: mbox(&coll),
                max_size: None,
                depth: None,
                entries: vec![b("/private/specialuse")],
            },
            &mut |u| {
                if let Untagged::Metadata {
                    entries: MetadataEntries::Values(v),
                    ..
                } = u
                {
                    md.extend(
                        v.iter()
                            .map(|(k, v)| (k.to_vec(), v.as_ref().map(|v| v.to_vec()))),
                    );
                }
            },
        );
        assert_eq!(
            md,
            vec![(
                b"/private/specialuse".to_vec(),
                Some(b"\\Important".to_vec())
            )]
        );
        // A second mailbox with the same flag is refused with [USEATTR].
        let r = s.exec(Command::Create {
            mailbox: mbox(&format!("{coll}2")),
            special_use: vec![MailboxAttr::Important],
        });
        assert_eq!(
            (r.status, r.code.clone()),
            (Status::No, Some(Code::UseAttr)),
            "{r:?}"
        );
        // Cyrus refuses to DELETE a special-use mailbox until the flag is gone.
        let r = s.exec(Command::Delete(mbox(&coll)));
        assert_eq!(r.status, Status::No, "{r:?}");
        s.ok(Command::SetMetadata {
            mailbox: mbox(&coll),
            entries: vec![(b("/private/specialuse"), None)],
        });
        s.ok(Command::Delete(mbox(&coll)));
    } else {
        assert!(!s.has(&Capability::CreateSpecialUse));
    }

    // RENAME the parent: the child moves along.
    s.ok(Command::Unsubscribe(mbox(&child)));
    let renamed = format!("{prefix}/Переименовано ✓");
    let renamed_child = format!("{renamed}/日本語");
    s.ok(Command::Rename {
        from: mbox(&parent),
        to: mbox(&renamed),
    });
    let (l, _) = list(&mut s, list_cmd(vec![], &[&format!("{prefix}/*")], vec![]));
    assert_eq!(
        l.keys().map(|w| decode_name(w)).collect::<BTreeSet<_>>(),
        names(&[&renamed, &renamed_child, &plain])
    );
    for w in l.keys() {
        assert_eq!(mutf7::decode(w).unwrap(), decode_name(w));
        assert_eq!(mutf7::encode(&decode_name(w)).as_bytes(), w.as_slice());
    }
    let st = status_of(
        &mut s,
        &renamed_child,
        vec![
            StatusAttr::Messages,
            StatusAttr::UidNext,
            StatusAttr::HighestModSeq,
        ],
    );
    assert!(
        st.contains(&StatusItem::Messages(0)) && st.contains(&StatusItem::UidNext(1)),
        "{st:?}"
    );
    assert!(
        st.iter().any(|i| matches!(i, StatusItem::HighestModSeq(_))),
        "{st:?}"
    );
    if srv == Server::Cyrus {
        // Cyrus lists APPENDLIMIT=n but refuses STATUS (APPENDLIMIT).
        let r = s.exec(Command::Status {
            mailbox: mbox(&renamed_child),
            items: vec![StatusAttr::AppendLimit],
        });
        report(
            srv,
            "STATUS (APPENDLIMIT)",
            &format!("{:?} {:?} {}", r.status, r.code, r.text),
        );
    }

    // QUOTA
    assert!(s.has(&Capability::Quota));
    let mut roots = Vec::new();
    let mut quotas = Vec::new();
    s.ok_with(Command::GetQuotaRoot(mbox("INBOX")), &mut |u| match u {
        Untagged::QuotaRoot { mailbox, roots: r } => {
            assert_eq!(mailbox.as_bytes(), b"INBOX");
            roots = r.iter().map(|r| r.to_vec()).collect();
        }
        Untagged::Quota { root, resources } => quotas.push((
            root.to_vec(),
            resources
                .iter()
                .map(|q| (q.name.to_str_lossy().to_ascii_uppercase(), q.usage, q.limit))
                .collect::<Vec<_>>(),
        )),
        _ => {}
    });
    assert_eq!(roots.len(), 1, "{roots:?}");
    let root = roots[0].clone();
    match srv {
        Server::Dovecot => assert_eq!(root, b"User quota"),
        Server::Cyrus => assert_eq!(root, b"INBOX"),
    }
    assert_eq!(quotas.len(), 1);
    assert_eq!(quotas[0].0, root);
    let storage = quotas[0]
        .1
        .iter()
        .find(|q| q.0 == "STORAGE")
        .expect("STORAGE resource");
    assert_eq!(storage.2, 102400, "100 MiB in KiB");
    if srv == Server::Dovecot {
        assert!(
            quotas[0]
                .1
                .iter()
                .any(|q| q.0 == "MESSAGE" && q.2 == 100000),
            "{quotas:?}"
        );
    }
    let mut again = Vec::new();
    let r = s.exec_with(Command::GetQuota(Bytes::owned(root.clone())), &mut |u| {
        if let Untagged::Quota { root: r, resources } = u {
            again.push((
                r.to_vec(),
                resources
                    .iter()
                    .map(|q| (q.name.to_str_lossy().to_ascii_uppercase(), q.limit))
                    .collect::<Vec<_>>(),
            ));
        }
    });
    report(
        srv,
        "GETQUOTA of the user's root",
        &format!("{:?} {:?} {}", r.status, r.code, r.text),
    );
    if srv == Server::Dovecot {
        assert_eq!(r.status, Status::Ok);
        assert_eq!(again.len(), 1);
        assert_eq!(
            again[0].1.iter().find(|q| q.0 == "STORAGE").map(|q| q.1),
            Some(102400)
        );
    } else {
        // Cyrus lets only administrators use GETQUOTA.
        assert_eq!(r.status, Status::No, "{r:?}");
    }

    // ACL
    assert!(s.has(&Capability::Acl));
    let (user1, _) = user();
    let (user2, _) = user2();
    let mut my = String::new();
    s.ok_with(Command::MyRights(mbox(&plain)), &mut |u| {
        if let Untagged::MyRights { mailbox, rights } = u {
            assert_eq!(mailbox.as_bytes(), plain.as_bytes());
            my = rights.to_str_lossy().into_owned();
        }
    });
    for r in "lrswipkxtea".chars() {
        assert!(my.contains(r), "MYRIGHTS {my:?} lacks {r}");
    }
    let acl = |s: &mut Session| {
        let mut e = BTreeMap::new();
        s.ok_with(Command::GetAcl(mbox(&plain)), &mut |u| {
            if let Untagged::Acl { mailbox, entries } = u {
                assert_eq!(mailbox.as_bytes(), plain.as_bytes());
                for (id, rights) in entries.iter() {
                    e.insert(
                        id.to_str_lossy().into_owned(),
                        rights.to_str_lossy().chars().collect::<BTreeSet<char>>(),
                    );
                }
            }
        });
        e
    };
    let before = acl(&mut s);
    assert!(
        before.get(&user1).is_some_and(|r| r.contains(&'a')),
        "{before:?}"
    );
    assert!(!before.contains_key(&user2));
    // SETACL in each mode, and the rights user2 has after it.
    for (mode, rights, after) in [(AclMode::Set, "lrs", "lrs"), (AclMode::Add, "w", "lrsw"), (AclMode::Remove, "s", "lrw")] {
        s.ok(Command::SetAcl {
            mailbox: mbox(&plain),
            identifier: user2.clone().into(),
            mode,
            rights: b(rights),
        });
        assert_eq!(acl(&mut s).get(&user2), Some(&after.chars().collect()), "after SETACL {mode:?} {rights}");
    }
    let mut lr = None;
    s.ok_with(
        Command::ListRights {
            mailbox: mbox(&plain),
            identifier: user2.clone().into(),
        },
        &mut |u| {
            if let Untagged::ListRights {
                mailbox,
                identifier,
                required,
                optional,
            } = u
            {
                assert_eq!(mailbox.as_bytes(), plain.as_bytes());
                lr = Some((
                    identifier.to_str_lossy().into_owned(),
                    required.to_str_lossy().into_owned(),
                    optional
                        .iter()
                        .map(|o| o.to_str_lossy().into_owned())
                        .collect::<Vec<_>>(),
                ));
            }
        },
    );
    let (ident, required, optional) = lr.expect("* LISTRIGHTS");
    report(
        srv,
        "LISTRIGHTS",
        &format!("{ident} required={required:?} optional={optional:?}"),
    );
    assert_eq!(ident, user2);
    let all: String = optional.concat();
    for r in "lrswi".chars() {
        assert!(
            all.contains(r) || required.contains(r),
            "LISTRIGHTS lacks {r}"
        );
    }
    s.ok(Command::DeleteAcl {
        mailbox: mbox(&plain),
        identifier: user2.clone().into(),
    });
    assert!(!acl(&mut s).contains_key(&user2));

    // METADATA
    assert!(s.has(&Capability::Metadata));
    let value = "Grüße ✓ from the e2e test";
    s.ok(Command::SetMetadata {
        mailbox: mbox(&plain),
        entries: vec![(b("/private/comment"), Some(b(value)))],
    });
    let get_md =
        |s: &mut Session, max_size: Option<u64>, depth: Option<MetadataDepth>, entry: &str| {
            let mut got = Vec::new();
            let r = s.ok_with(
                Command::GetMetadata {
                    mailbox: mbox(&plain),
                    max_size,
                    depth,
                    entries: vec![b(entry)],
                },
                &mut |u| {
                    if let Untagged::Metadata { mailbox, entries } = u {
                        assert_eq!(mailbox.as_bytes(), plain.as_bytes());
                        match entries {
                            MetadataEntries::Values(v) => got.extend(v.iter().map(|(k, v)| {
                                (
                                    k.to_str_lossy().into_owned(),
                                    v.as_ref().map(|v| v.to_vec()),
                                )
                            })),
                            MetadataEntries::Changed(c) => panic!("unsolicited METADATA {c:?}"),
                        }
                    }
                },
            );
            (got, r)
        };
    let (got, _) = get_md(&mut s, None, None, "/private/comment");
    assert_eq!(
        got,
        vec![(
            "/private/comment".to_string(),
            Some(value.as_bytes().to_vec())
        )]
    );
    let (got, _) = get_md(&mut s, None, Some(MetadataDepth::Infinity), "/private");
    assert!(
        got.contains(&(
            "/private/comment".to_string(),
            Some(value.as_bytes().to_vec())
        )),
        "{got:?}"
    );
    let (got, r) = get_md(&mut s, Some(4), None, "/private/comment");
    report(
        srv,
        "GETMETADATA (MAXSIZE 4)",
        &format!("{got:?} {:?}", r.code),
    );
    assert!(got.is_empty(), "the entry is longer than MAXSIZE: {got:?}");
    assert_eq!(
        r.code,
        Some(Code::MetadataLongEntries(value.len() as u64)),
        "{r:?}"
    );
    s.ok(Command::SetMetadata {
        mailbox: mbox(&plain),
        entries: vec![(b("/private/comment"), None)],
    });
    let (got, _) = get_md(&mut s, None, None, "/private/comment");
    assert!(
        got.is_empty() || got == vec![("/private/comment".to_string(), None)],
        "{got:?}"
    );

    // Message data through the compressed streams: a 3 MiB message (many
    // deflate blocks each way) and the rich message, byte for byte.
    let big: Vec<u8> = {
        let mut m = simple_message(
            "e2e-deflate",
            "Mon, 08 Jan 2024 10:00:00 +0000",
            "Alice <alice@example.org>",
            "deflate",
            "",
            "",
        );
        let mut x: u32 = 7;
        while m.len() < 3 << 20 {
            for _ in 0..70 {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                m.push(b'!' + ((x >> 16) % 90) as u8);
            }
            m.extend_from_slice(b"\r\n");
        }
        m
    };
    let rich = rich_message();
    let r = s.ok(append(
        &plain,
        vec![
            msg(big.clone(), vec![], None),
            msg(rich.data.clone(), vec![], None),
        ],
    ));
    let (_, uids) = appenduid(&s, &r);
    do_select(&mut s, Command::Examine(Select::new(mbox(&plain))));
    let f = by_uid(&fetch_all(
        &mut s,
        fetch(
            true,
            set(&uids),
            vec![peek(&[], None, None), FetchAttr::Rfc822Size],
        ),
    ));
    assert!(
        section_of(&f[&uids[0]], "").unwrap().1.as_ref() == Some(&big),
        "3 MiB through COMPRESS differs"
    );
    assert_eq!(
        section_of(&f[&uids[1]], "").unwrap().1,
        Some(rich.data.clone())
    );
    s.ok(Command::Close);

    // Errors.
    let missing = format!("{prefix}/does-not-exist");
    let r = s.exec(select(&missing));
    assert_eq!(r.status, Status::No, "{r:?}");
    report(
        srv,
        "SELECT of a missing mailbox",
        &format!("NO {:?} {}", r.code, r.text),
    );
    assert!(
        matches!(
            r.code,
            None | Some(Code::TryCreate) | Some(Code::NonExistent)
        ),
        "{r:?}"
    );
    let r = s.exec(append(&missing, vec![msg(reply_message(), vec![], None)]));
    assert_eq!(
        (r.status, r.code.clone()),
        (Status::No, Some(Code::TryCreate)),
        "APPEND to a missing mailbox: {r:?}"
    );
    let r = s.exec(Command::Raw {
        name: b("XE2EBOGUS"),
        args: vec![RawArg::Atom(b("ARG"))],
    });
    assert_eq!(r.status, Status::Bad, "{r:?}");
    report(
        srv,
        "unknown command",
        &format!("BAD {:?} {}", r.code, r.text),
    );
    let r = s.exec(Command::Raw {
        name: b("FETCH"),
        args: vec![RawArg::Atom(b("1")), RawArg::Atom(b("FLAGS"))],
    });
    assert_eq!(
        r.status,
        Status::Bad,
        "FETCH without a selected mailbox: {r:?}"
    );
    let r = s.exec(Command::Delete(mbox(&missing)));
    assert_eq!(r.status, Status::No, "{r:?}");

    // DELETE, children first.
    for m in [&renamed_child, &renamed, &plain] {
        s.ok(Command::Delete(mbox(m)));
    }
    s.ok(Command::Delete(mbox(prefix)));
    let (l, _) = list(&mut s, list_cmd(vec![], &[&format!("{prefix}*")], vec![]));
    assert!(l.is_empty(), "{l:?}");
    s.logout();
}

/// FETCH of every item the codec models, STORE (with UNCHANGEDSINCE),
/// SEARCH and ESEARCH, SORT, THREAD, COPY and MOVE (COPYUID), EXPUNGE.
/// Runs on the implicit-TLS port.
fn fetch_store_search(srv: Server) {
    let prefix = "e2e-fetch";
    let (mut s, _) = Session::connect(srv, Port::Tls, "fetch");
    s.login();
    s.reset_prefix(prefix);
    let src = format!("{prefix}/src");
    let dst = format!("{prefix}/dst");
    let moved = format!("{prefix}/moved");
    for m in [prefix, &src, &dst, &moved] {
        s.ok(Command::Create {
            mailbox: mbox(m),
            special_use: vec![],
        });
    }
    s.ok(Command::Enable(vec![Capability::Condstore]));

    let rich = rich_message();
    let reply = reply_message();
    let other = other_message();
    let d1 = dt(2024, 1, 1, 10, 0, 5, 0);
    let d2 = dt(2024, 1, 2, 11, 0, 5, 60);
    let d3 = dt(2024, 1, 3, 12, 0, 5, -300);
    let r = s.ok(append(
        &src,
        vec![
            msg(rich.data.clone(), vec![Flag::Flagged, kw("$E2E")], Some(d1)),
            msg(reply.clone(), vec![Flag::Seen], Some(d2)),
            msg(other.clone(), vec![], Some(d3)),
        ],
    ));
    let (validity, uids) = appenduid(&s, &r);
    assert_eq!(uids.len(), 3);
    assert!(uids[1] == uids[0] + 1 && uids[2] == uids[1] + 1, "{uids:?}");

    let sel = do_select(
        &mut s,
        Command::Select(Select {
            mailbox: mbox(&src),
            condstore: true,
            qresync: None,
        }),
    );
    assert_eq!(sel.exists, Some(3));
    assert_eq!(sel.uid_validity, Some(validity));
    assert_eq!(sel.uid_next, Some(uids[2] + 1));
    assert_eq!(sel.read_only, Some(false));
    assert!(sel.highest_modseq.is_some_and(|m| m > 0), "{sel:?}");
    let flags = sel.flags.clone().expect("FLAGS");
    assert!(
        ["\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft"]
            .iter()
            .all(|f| flags.contains(*f)),
        "{flags:?}"
    );
    assert!(
        sel.permanent.as_ref().is_some_and(|p| p.contains("\\*")),
        "{sel:?}"
    );
    if srv == Server::Cyrus {
        assert!(
            sel.mailbox_id.as_ref().is_some_and(|id| !id.is_empty()),
            "Cyrus sends [MAILBOXID]"
        );
    }

    // Structures and simple items.
    let mut seen = BTreeSet::new();
    s.ok_with(
        fetch(
            false,
            set(&[1]),
            vec![
                FetchAttr::Flags,
                FetchAttr::Envelope,
                FetchAttr::InternalDate,
                FetchAttr::Rfc822Size,
                FetchAttr::Body,
                FetchAttr::BodyStructure,
                FetchAttr::Uid,
                FetchAttr::ModSeq,
            ],
        ),
        &mut |u| {
            let Untagged::Fetch { seq, items } = u else {
                return;
            };
            assert_eq!(*seq, 1);
            for it in items.iter() {
                match it {
                    FetchItem::Envelope(e) => {
                        check_rich_envelope(e);
                        seen.insert("ENVELOPE");
                    }
                    FetchItem::BodyStructure(bs) => {
                        check_rich_structure(bs, &rich, true);
                        seen.insert("BODYSTRUCTURE");
                    }
                    FetchItem::Body(bs) => {
                        check_rich_structure(bs, &rich, false);
                        seen.insert("BODY");
                    }
                    FetchItem::Flags(f) => {
                        assert_eq!(flag_set(f), names(&["\\Flagged", "$E2E"]));
                        seen.insert("FLAGS");
                    }
                    FetchItem::InternalDate(d) => {
                        assert_eq!(unix(d), unix(&d1), "{d}");
                        seen.insert("INTERNALDATE");
                    }
                    FetchItem::Rfc822Size(n) => {
                        assert_eq!(*n, rich.data.len() as u64);
                        seen.insert("RFC822.SIZE");
                    }
                    FetchItem::Uid(u) => {
                        assert_eq!(*u, uids[0]);
                        seen.insert("UID");
                    }
                    FetchItem::ModSeq(m) => {
                        assert!(*m > 0 && *m <= sel.highest_modseq.unwrap());
                        seen.insert("MODSEQ");
                    }
                    other => panic!("unexpected {other:?}"),
                }
            }
        },
    );
    assert_eq!(seen.len(), 8, "{seen:?}");

    // An envelope with groups and a display name with escaped quotes.
    let mut env = None;
    s.ok_with(
        fetch(false, set(&[3]), vec![FetchAttr::Envelope]),
        &mut |u| {
            if let Untagged::Fetch { items, .. } = u {
                for i in items.iter() {
                    if let FetchItem::Envelope(e) = i {
                        env = Some(imap::print::to_sexp(*e));
                        check_other_envelope(e);
                    }
                }
            }
        },
    );
    report(
        srv,
        "ENVELOPE with groups",
        &env.expect("ENVELOPE of message 3"),
    );

    // Body sections, byte for byte.
    let hf = SectionText::HeaderFields(vec![b("Subject"), b("Message-ID")].into());
    let hfn = SectionText::HeaderFieldsNot(vec![b("Subject"), b("Message-ID"), b("Content-Type")].into());
    let f = fetch_all(
        &mut s,
        fetch(
            false,
            set(&[1]),
            vec![
                peek(&[], None, None),
                peek(&[], Some(SectionText::Header), None),
                peek(&[], Some(SectionText::Text), None),
                peek(&[1], None, None),
                peek(&[1], Some(SectionText::Mime), None),
                peek(&[2], None, None),
                peek(&[3], None, None),
                peek(&[3], Some(SectionText::Header), None),
                peek(&[], Some(hf), None),
                peek(&[], Some(hfn), None),
                peek(&[], None, Some((0, 100))),
                peek(&[], Some(SectionText::Text), Some((10, 20))),
                peek(&[], None, Some((rich.data.len() as u32 - 5, 100))),
            ],
        ),
    );
    let items = &f[&1];
    let sec =
        |name: &str| section_of(items, name).unwrap_or_else(|| panic!("BODY[{name}] in {items:?}"));
    assert_eq!(sec(""), (None, Some(rich.data.clone())));
    assert_eq!(sec("HEADER"), (None, Some(rich.header.clone())));
    assert_eq!(sec("TEXT").1, Some(rich.text.clone()));
    assert_eq!(sec("1").1, Some(rich.part1_body.clone()));
    assert_eq!(sec("1.MIME").1, Some(rich.part1_mime.clone()));
    assert_eq!(sec("2").1, Some(rich.part2_body.clone()));
    assert_eq!(sec("3").1, Some(rich.part3_body.clone()));
    assert_eq!(sec("3.HEADER").1, Some(rich.part3_header.clone()));
    let fields = sec("HEADER.FIELDS (SUBJECT MESSAGE-ID)").1.unwrap();
    assert_eq!(
        fields,
        b"Subject: e2e thread start\r\nMessage-ID: <e2e-1@example.org>\r\n\r\n".to_vec()
    );
    let not = sec("HEADER.FIELDS.NOT (SUBJECT MESSAGE-ID CONTENT-TYPE)")
        .1
        .unwrap();
    let expected_not: String = RICH_HEADER_LINES
        .iter()
        .filter(|l| !l.starts_with("Subject:") && !l.starts_with("Message-ID:"))
        .map(|l| format!("{l}\r\n"))
        .collect::<String>()
        + "\r\n";
    assert_eq!(String::from_utf8_lossy(&not), expected_not);
    // Partial fetches: the origin comes back, with the bytes at that offset.
    let partials: Vec<(Option<u32>, Option<Vec<u8>>)> = items
        .iter()
        .filter_map(|i| match i {
            It::Section {
                name,
                origin: Some(o),
                data,
            } => Some((name.clone(), *o, data.clone())),
            _ => None,
        })
        .map(|(n, o, d)| {
            let whole = if n.is_empty() { &rich.data } else { &rich.text };
            let end = (o as usize + if o == 10 { 20 } else { 100 }).min(whole.len());
            assert_eq!(
                d.as_deref(),
                Some(&whole[o as usize..end]),
                "BODY[{n}]<{o}>"
            );
            (Some(o), d)
        })
        .collect();
    assert_eq!(partials.len(), 3, "three partial fetches: {items:?}");

    // BINARY: decoded content; part 2 holds NUL, so it comes as literal8.
    let f = fetch_all(
        &mut s,
        fetch(
            false,
            set(&[1]),
            vec![
                FetchAttr::Binary {
                    peek: true,
                    part: vec![1],
                    partial: None,
                },
                FetchAttr::Binary {
                    peek: true,
                    part: vec![2],
                    partial: None,
                },
                FetchAttr::Binary {
                    peek: true,
                    part: vec![2],
                    partial: Some((250, 100)),
                },
                FetchAttr::BinarySize { part: vec![1] },
                FetchAttr::BinarySize { part: vec![2] },
            ],
        ),
    );
    let items = &f[&1];
    let bin = |p: u32, origin: Option<u32>| {
        get(items, |i| match i {
            It::Binary {
                part,
                origin: o,
                data,
            } if part == &vec![p] && *o == origin => Some(data.clone()),
            _ => None,
        })
    };
    assert_eq!(
        bin(1, None),
        Some(Some(PART1_TEXT.as_bytes().to_vec())),
        "BINARY[1] is decoded quoted-printable"
    );
    assert_eq!(
        bin(2, None),
        Some(Some(attachment_bytes())),
        "BINARY[2] is the decoded base64 (with NUL)"
    );
    assert_eq!(
        bin(2, Some(250)),
        Some(Some(attachment_bytes()[250..].to_vec())),
        "BINARY[2]<250>"
    );
    let size = |p: u32| {
        get(items, |i| match i {
            It::BinarySize { part, size } if part == &vec![p] => Some(*size),
            _ => None,
        })
    };
    assert_eq!(size(1), Some(PART1_TEXT.len() as u64));
    assert_eq!(size(2), Some(256));

    // Extension items.
    assert!(s.has(&Capability::SaveDate) && s.has(&Capability::Preview));
    let mut attrs = vec![
        FetchAttr::Uid,
        FetchAttr::SaveDate,
        FetchAttr::Preview { lazy: false },
    ];
    if s.has(&Capability::ObjectId) {
        attrs.extend([FetchAttr::EmailId, FetchAttr::ThreadId]);
    } else {
        assert_eq!(srv, Server::Dovecot, "only Dovecot lacks OBJECTID");
    }
    let f = fetch_all(&mut s, fetch(false, all(), attrs));
    assert_eq!(f.len(), 3);
    let t0 = now_unix();
    for items in f.values() {
        let sd = get(items, |i| {
            if let It::SaveDate(d) = i {
                Some(*d)
            } else {
                None
            }
        })
        .expect("SAVEDATE");
        let sd = sd.expect("SAVEDATE is not NIL");
        assert!((unix(&sd) - t0).abs() < 600, "SAVEDATE {sd} is about now");
    }
    let preview = |seq: u32| {
        get(&f[&seq], |i| {
            if let It::Preview(p) = i {
                Some(p.clone())
            } else {
                None
            }
        })
        .expect("PREVIEW")
    };
    report(
        srv,
        "PREVIEW of the rich message",
        &format!(
            "{:?}",
            preview(1).map(|p| String::from_utf8_lossy(&p).into_owned())
        ),
    );
    if srv == Server::Dovecot {
        let p1 =
            String::from_utf8(preview(1).expect("PREVIEW of message 1")).expect("PREVIEW is UTF-8");
        assert!(p1.starts_with("Grüße aus dem End-to-End-Test."), "{p1:?}");
        let p2 = String::from_utf8(preview(2).expect("PREVIEW of message 2")).unwrap();
        assert!(p2.starts_with("A reply, quoting nothing."), "{p2:?}");
    } else {
        // Cyrus 3.6 answers PREVIEW NIL (it builds previews from its search
        // index, which this setup does not have).
        assert!((1..=3).all(|q| preview(q).is_none()));
    }
    if s.has(&Capability::ObjectId) {
        let email = |seq: u32| {
            get(&f[&seq], |i| {
                if let It::EmailId(e) = i {
                    Some(e.clone())
                } else {
                    None
                }
            })
            .expect("EMAILID")
        };
        let thread = |seq: u32| {
            get(&f[&seq], |i| {
                if let It::ThreadId(t) = i {
                    Some(t.clone())
                } else {
                    None
                }
            })
            .expect("THREADID")
        };
        let ids: BTreeSet<String> = [1, 2, 3].iter().map(|&q| email(q)).collect();
        assert_eq!(ids.len(), 3, "distinct EMAILIDs");
        report(
            srv,
            "THREADID 1/2/3",
            &format!("{:?} {:?} {:?}", thread(1), thread(2), thread(3)),
        );
        assert!(
            thread(1).is_some() && thread(1) == thread(2),
            "the reply is in the same thread"
        );
        assert_ne!(thread(1), thread(3));
        // The ids work as search keys.
        let mut found = None;
        s.ok_with(
            search(false, None, vec![SearchKey::EmailId(b(&email(2)))]),
            &mut |u| {
                if let Untagged::Search { ids, .. } = u {
                    found = Some(ids.to_vec());
                }
            },
        );
        assert_eq!(found, Some(vec![2]), "SEARCH EMAILID");
        let mut found = None;
        s.ok_with(
            search(
                false,
                None,
                vec![SearchKey::ThreadId(b(&thread(1).unwrap()))],
            ),
            &mut |u| {
                if let Untagged::Search { ids, .. } = u {
                    found = Some(ids.to_vec());
                }
            },
        );
        assert_eq!(found, Some(vec![1, 2]), "SEARCH THREADID");
    }

    // RFC822.*: RFC822.HEADER does not set \Seen; RFC822 does.
    let f = fetch_all(
        &mut s,
        fetch(false, set(&[1]), vec![FetchAttr::Rfc822Header]),
    );
    assert_eq!(
        get(&f[&1], |i| if let It::Rfc822Header(d) = i {
            Some(d.clone())
        } else {
            None
        }),
        Some(Some(rich.header.clone()))
    );
    assert!(
        !flags_of(&fetch_all(&mut s, fetch(false, set(&[1]), vec![FetchAttr::Flags]))[&1])
            .unwrap()
            .contains("\\Seen")
    );
    // RFC822.TEXT (not a peek) sets \Seen on message 3.
    let f = fetch_all(&mut s, fetch(false, set(&[3]), vec![FetchAttr::Rfc822Text]));
    let body_start = other.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    assert_eq!(
        get(&f[&3], |i| if let It::Rfc822Text(d) = i {
            Some(d.clone())
        } else {
            None
        }),
        Some(Some(other[body_start..].to_vec()))
    );
    let f = fetch_all(&mut s, fetch(false, set(&[1]), vec![FetchAttr::Rfc822]));
    assert_eq!(
        get(&f[&1], |i| if let It::Rfc822(d) = i {
            Some(d.clone())
        } else {
            None
        }),
        Some(Some(rich.data.clone()))
    );
    let flags1 =
        flags_of(&fetch_all(&mut s, fetch(false, set(&[1, 3]), vec![FetchAttr::Flags]))[&1])
            .unwrap();
    assert_eq!(
        flags1,
        names(&["\\Flagged", "$E2E", "\\Seen"]),
        "RFC822 set \\Seen"
    );
    let flags3 =
        flags_of(&fetch_all(&mut s, fetch(false, set(&[3]), vec![FetchAttr::Flags]))[&3]).unwrap();
    assert_eq!(flags3, names(&["\\Seen"]), "RFC822.TEXT set \\Seen");

    // CHANGEDSINCE: only what changed since.
    let ms = by_uid(&fetch_all(
        &mut s,
        fetch(true, all(), vec![FetchAttr::ModSeq]),
    ));
    let modseqs: Vec<u64> = uids.iter().map(|u| modseq_of(&ms[u]).unwrap()).collect();
    let newest = *modseqs.iter().max().unwrap();
    let f = fetch_all(
        &mut s,
        Command::Fetch(Fetch {
            uid: true,
            set: MessageSet::Set(all()),
            items: FetchItems::Items(vec![FetchAttr::Flags]),
            changed_since: Some(newest - 1),
            vanished: false,
        }),
    );
    let changed: BTreeSet<u32> = by_uid(&f).keys().copied().collect();
    let expected: BTreeSet<u32> = uids
        .iter()
        .zip(&modseqs)
        .filter(|(_, m)| **m > newest - 1)
        .map(|(u, _)| *u)
        .collect();
    assert_eq!(changed, expected);
    assert!(
        f.values().all(|i| modseq_of(i).is_some()),
        "CHANGEDSINCE implies MODSEQ: {f:?}"
    );

    // STORE
    let mut fetched = Fetched::new();
    s.ok_with(
        store(
            false,
            set(&[3]),
            None,
            StoreAction::Add,
            false,
            vec![Flag::Answered, kw("$Label1")],
        ),
        &mut |u| collect_fetch(u, &mut fetched),
    );
    assert_eq!(
        flags_of(&fetched[&3]),
        Some(names(&["\\Seen", "\\Answered", "$Label1"]))
    );
    assert!(
        modseq_of(&fetched[&3]).is_some_and(|m| m > newest),
        "{fetched:?}"
    );
    let mut fetched = Fetched::new();
    s.ok_with(
        store(
            true,
            set(&[uids[2]]),
            None,
            StoreAction::Remove,
            true,
            vec![kw("$Label1")],
        ),
        &mut |u| collect_fetch(u, &mut fetched),
    );
    // .SILENT: Dovecot sends only UID and MODSEQ; Cyrus sends FLAGS too.
    report(
        srv,
        "UID STORE -FLAGS.SILENT under CONDSTORE answers",
        &format!("{fetched:?}"),
    );
    for items in fetched.values() {
        assert!(modseq_of(items).is_some());
        if let Some(f) = flags_of(items) {
            assert_eq!(f, names(&["\\Seen", "\\Answered"]));
        }
    }
    assert_eq!(
        flags_of(&fetch_all(&mut s, fetch(false, set(&[3]), vec![FetchAttr::Flags]))[&3]),
        Some(names(&["\\Seen", "\\Answered"]))
    );
    let mut fetched = Fetched::new();
    s.ok_with(
        store(
            false,
            set(&[3]),
            None,
            StoreAction::Set,
            false,
            vec![Flag::Draft],
        ),
        &mut |u| collect_fetch(u, &mut fetched),
    );
    assert_eq!(flags_of(&fetched[&3]), Some(names(&["\\Draft"])));
    let m3 = modseq_of(&fetched[&3]).expect("MODSEQ after STORE");
    // UNCHANGEDSINCE the current modseq: applied.
    let mut fetched = Fetched::new();
    let r = s.ok_with(
        store(
            true,
            set(&[uids[2]]),
            Some(m3),
            StoreAction::Add,
            false,
            vec![kw("$Done")],
        ),
        &mut |u| collect_fetch(u, &mut fetched),
    );
    assert!(r.code.is_none(), "{r:?}");
    assert_eq!(flags_of(&fetched[&3]), Some(names(&["\\Draft", "$Done"])));
    assert!(modseq_of(&fetched[&3]).unwrap() > m3);
    // UNCHANGEDSINCE an older modseq: refused, [MODIFIED uid].
    let r = s.ok(store(
        true,
        set(&[uids[2]]),
        Some(m3),
        StoreAction::Add,
        false,
        vec![kw("$Fail")],
    ));
    match &r.code {
        Some(Code::Modified(m)) => assert_eq!(
            numbers(m, u32::MAX),
            vec![uids[2]],
            "UID STORE: MODIFIED lists UIDs"
        ),
        other => panic!("expected [MODIFIED], got {other:?}"),
    }
    let r = s.ok(store(
        false,
        set(&[2, 3]),
        Some(m3),
        StoreAction::Add,
        true,
        vec![kw("$Fail")],
    ));
    report(
        srv,
        "STORE 2,3 (UNCHANGEDSINCE m3)",
        &format!("{:?}", r.code),
    );
    match &r.code {
        Some(Code::Modified(m)) => assert_eq!(
            numbers(m, 3),
            vec![3],
            "STORE: MODIFIED lists sequence numbers: {m}"
        ),
        other => panic!("expected [MODIFIED], got {other:?}"),
    }
    // Message 2 was unchanged since m3, so it got the flag; 3 did not.
    let fl = fetch_all(&mut s, fetch(false, all(), vec![FetchAttr::Flags]));
    assert!(flags_of(&fl[&2]).unwrap().contains("$Fail"));
    assert!(!flags_of(&fl[&3]).unwrap().contains("$Fail"));

    // SEARCH
    let ids = |s: &mut Session, cmd: Command<'static>| {
        let mut out = None;
        s.ok_with(cmd, &mut |u| {
            if let Untagged::Search { ids, modseq } = u {
                out = Some((ids.to_vec(), *modseq));
            }
        });
        out.expect("* SEARCH")
    };
    assert_eq!(
        ids(&mut s, search(false, None, vec![SearchKey::All])).0,
        vec![1, 2, 3]
    );
    assert_eq!(
        ids(&mut s, search(false, None, vec![SearchKey::Flagged])).0,
        vec![1]
    );
    assert_eq!(
        ids(
            &mut s,
            search(false, None, vec![SearchKey::Keyword(b("$E2E"))])
        )
        .0,
        vec![1]
    );
    assert_eq!(
        ids(
            &mut s,
            search(true, None, vec![SearchKey::Subject(b("thread start"))])
        )
        .0,
        vec![uids[0], uids[1]]
    );
    assert_eq!(
        ids(
            &mut s,
            search(false, None, vec![SearchKey::From(b("zed@example.org"))])
        )
        .0,
        vec![3]
    );
    assert_eq!(
        ids(
            &mut s,
            search(
                false,
                None,
                vec![SearchKey::Header(b("In-Reply-To"), b("e2e-1"))]
            )
        )
        .0,
        vec![2]
    );
    assert_eq!(
        ids(
            &mut s,
            search(
                false,
                None,
                vec![SearchKey::Or(
                    Box::new(SearchKey::Answered),
                    Box::new(SearchKey::Draft)
                )]
            )
        )
        .0,
        vec![3]
    );
    assert_eq!(
        ids(
            &mut s,
            search(false, None, vec![SearchKey::Not(Box::new(SearchKey::Seen))])
        )
        .0,
        vec![3]
    );
    assert_eq!(
        ids(
            &mut s,
            search(
                false,
                None,
                vec![SearchKey::Larger(reply.len().max(other.len()) as u64)]
            )
        )
        .0,
        vec![1]
    );
    assert_eq!(
        ids(
            &mut s,
            search(
                false,
                None,
                vec![SearchKey::SentBefore(Date {
                    year: 2024,
                    month: 1,
                    day: 2
                })]
            )
        )
        .0,
        vec![1]
    );
    assert_eq!(
        ids(
            &mut s,
            search(
                false,
                None,
                vec![SearchKey::Before(Date {
                    year: 2024,
                    month: 1,
                    day: 3
                })]
            )
        )
        .0,
        vec![1, 2]
    );
    assert_eq!(
        ids(
            &mut s,
            search(
                true,
                None,
                vec![SearchKey::Uid(MessageSet::Set(set(&[uids[1]])))]
            )
        )
        .0,
        vec![uids[1]]
    );
    let (found, _) = ids(
        &mut s,
        Command::Search(Search {
            uid: false,
            charset: Some(b("UTF-8")),
            returns: None,
            keys: vec![SearchKey::Body(b("Grüße"))],
        }),
    );
    assert_eq!(
        found,
        vec![1],
        "BODY search in the decoded text (a UTF-8 literal)"
    );
    let (found, modseq) = ids(
        &mut s,
        search(
            false,
            None,
            vec![SearchKey::ModSeq {
                entry: None,
                mod_seq: m3,
            }],
        ),
    );
    assert_eq!(
        found,
        vec![2, 3],
        "changed after m3: 3 ($Done) and 2 ($Fail)"
    );
    assert!(
        modseq.is_some_and(|m| m > m3),
        "SEARCH MODSEQ returns (MODSEQ n): {modseq:?}"
    );
    assert_eq!(
        ids(
            &mut s,
            search(false, None, vec![SearchKey::Keyword(b("$Nothing"))])
        )
        .0,
        Vec::<u32>::new()
    );
    // WITHIN (against the internal dates d1 < d2 < d3, a day apart) and
    // the SAVEDATE keys (all three were saved just now).
    let within = (now_unix() - unix(&d2) + 600) as u32;
    assert_eq!(
        ids(
            &mut s,
            search(false, None, vec![SearchKey::Younger(within)])
        )
        .0,
        vec![2, 3]
    );
    assert_eq!(
        ids(&mut s, search(false, None, vec![SearchKey::Older(within)])).0,
        vec![1]
    );
    assert_eq!(
        ids(
            &mut s,
            search(false, None, vec![SearchKey::SaveDateSupported])
        )
        .0,
        vec![1, 2, 3]
    );
    assert_eq!(
        ids(
            &mut s,
            search(
                false,
                None,
                vec![SearchKey::SavedBefore(Date {
                    year: 2000,
                    month: 1,
                    day: 1
                })]
            )
        )
        .0,
        Vec::<u32>::new()
    );

    // ESEARCH
    let es = |s: &mut Session, cmd: Command<'static>| {
        let mut out = None;
        s.ok_with(cmd, &mut |u| {
            if let Untagged::Esearch(e) = u {
                out = Some((
                    e.tag.as_ref().map(|t| t.to_vec()),
                    e.uid,
                    e.items.iter().map(imap::print::to_sexp).collect::<Vec<_>>(),
                    e.items
                        .iter()
                        .filter_map(|i| match i {
                            EsearchItem::Min(n) => Some(("MIN", vec![*n])),
                            EsearchItem::Max(n) => Some(("MAX", vec![*n])),
                            EsearchItem::Count(n) => Some(("COUNT", vec![*n])),
                            EsearchItem::All(set) => Some(("ALL", numbers(set, u32::MAX))),
                            _ => None,
                        })
                        .collect::<BTreeMap<_, _>>(),
                ));
            }
        });
        out
    };
    let returns = Some(vec![
        SearchReturn::Min,
        SearchReturn::Max,
        SearchReturn::Count,
        SearchReturn::All,
    ]);
    let (tag, uid, _, items) =
        es(&mut s, search(false, returns.clone(), vec![SearchKey::All])).expect("* ESEARCH");
    assert!(
        tag.is_some_and(|t| t.starts_with(b"A")),
        "ESEARCH (TAG ...)"
    );
    assert!(!uid);
    assert_eq!(
        items,
        BTreeMap::from([
            ("MIN", vec![1]),
            ("MAX", vec![3]),
            ("COUNT", vec![3]),
            ("ALL", vec![1, 2, 3])
        ])
    );
    let (_, uid, _, items) = es(
        &mut s,
        search(
            true,
            returns.clone(),
            vec![SearchKey::Not(Box::new(SearchKey::Flagged))],
        ),
    )
    .expect("* ESEARCH");
    assert!(uid, "UID SEARCH: ESEARCH ... UID");
    assert_eq!(
        items,
        BTreeMap::from([
            ("MIN", vec![uids[1]]),
            ("MAX", vec![uids[2]]),
            ("COUNT", vec![2]),
            ("ALL", vec![uids[1], uids[2]])
        ])
    );
    let (_, _, _, items) = es(
        &mut s,
        search(false, Some(vec![]), vec![SearchKey::Flagged]),
    )
    .expect("* ESEARCH");
    assert_eq!(
        items,
        BTreeMap::from([("ALL", vec![1])]),
        "RETURN () means ALL"
    );
    let (_, _, raw, items) = es(
        &mut s,
        search(
            false,
            Some(vec![SearchReturn::Count, SearchReturn::Min]),
            vec![SearchKey::Keyword(b("$Nothing"))],
        ),
    )
    .expect("* ESEARCH");
    assert_eq!(items.get("COUNT"), Some(&vec![0]), "{raw:?}");
    assert!(!items.contains_key("MIN"));
    let (_, _, raw, _) = es(
        &mut s,
        search(
            false,
            returns.clone(),
            vec![SearchKey::ModSeq {
                entry: None,
                mod_seq: m3,
            }],
        ),
    )
    .expect("* ESEARCH");
    assert!(
        raw.iter().any(|r| r.contains("modseq")),
        "ESEARCH with MODSEQ: {raw:?}"
    );
    if s.has(&Capability::SearchRes) {
        let r = s.ok(search(
            false,
            Some(vec![SearchReturn::Save]),
            vec![SearchKey::Flagged],
        ));
        assert!(r.code.is_none());
        let f = fetch_all(
            &mut s,
            Command::Fetch(Fetch {
                uid: false,
                set: MessageSet::Saved,
                items: FetchItems::Items(vec![FetchAttr::Uid]),
                changed_since: None,
                vanished: false,
            }),
        );
        assert_eq!(
            f.keys().copied().collect::<Vec<_>>(),
            vec![1],
            "FETCH $ after SEARCH RETURN (SAVE)"
        );
    } else {
        assert_eq!(srv, Server::Cyrus, "only Cyrus lacks SEARCHRES");
    }

    // SORT
    assert!(s.has(&Capability::Sort));
    let sort = |s: &mut Session, uid: bool, criteria: Vec<SortCriterion>| {
        let mut out = None;
        s.ok_with(
            Command::Sort {
                uid,
                criteria,
                charset: b("UTF-8"),
                keys: vec![SearchKey::All],
            },
            &mut |u| {
                if let Untagged::Sort { ids, .. } = u {
                    out = Some(ids.to_vec());
                }
            },
        );
        out.expect("* SORT")
    };
    let c = |reverse, key| SortCriterion { reverse, key };
    assert_eq!(
        sort(
            &mut s,
            false,
            vec![c(false, SortKey::Subject), c(false, SortKey::Date)]
        ),
        vec![3, 1, 2],
        "'another topic' < 'e2e thread start' (Re: ignored), then by date"
    );
    assert_eq!(
        sort(&mut s, true, vec![c(true, SortKey::Date)]),
        vec![uids[2], uids[1], uids[0]]
    );
    assert_eq!(sort(&mut s, false, vec![c(false, SortKey::Size)]), {
        let mut v = vec![(rich.data.len(), 1), (reply.len(), 2), (other.len(), 3)];
        v.sort();
        v.into_iter().map(|(_, i)| i).collect::<Vec<u32>>()
    });
    assert_eq!(
        sort(&mut s, false, vec![c(false, SortKey::DisplayFrom)]),
        vec![1, 2, 3],
        "Alice, Bob, Zed"
    );
    assert_eq!(
        sort(&mut s, false, vec![c(false, SortKey::Arrival)]),
        vec![1, 2, 3]
    );

    // THREAD
    /// A thread tree owned by the test (a decoded one borrows the decoder).
    #[derive(Debug, PartialEq)]
    struct Tree {
        members: Vec<u32>,
        children: Vec<Tree>,
    }
    fn own(t: &[Thread<'_>]) -> Vec<Tree> {
        t.iter()
            .map(|x| Tree {
                members: x.members.to_vec(),
                children: own(x.children),
            })
            .collect()
    }
    let thread = |s: &mut Session, uid: bool, algorithm: ThreadAlgorithm<'static>| {
        let mut out = None;
        s.ok_with(
            Command::Thread {
                uid,
                algorithm,
                charset: b("UTF-8"),
                keys: vec![SearchKey::All],
            },
            &mut |u| {
                if let Untagged::Thread(t) = u {
                    out = Some(own(t));
                }
            },
        );
        out.expect("* THREAD")
    };
    let leaf = |m: Vec<u32>| Tree {
        members: m,
        children: vec![],
    };
    let refs = thread(&mut s, false, ThreadAlgorithm::References);
    assert_eq!(
        refs,
        vec![leaf(vec![1, 2]), leaf(vec![3])],
        "THREAD=REFERENCES: (1 2)(3)"
    );
    let refs = thread(&mut s, true, ThreadAlgorithm::References);
    assert_eq!(
        refs,
        vec![leaf(vec![uids[0], uids[1]]), leaf(vec![uids[2]])]
    );
    let subj = thread(&mut s, false, ThreadAlgorithm::OrderedSubject);
    assert_eq!(
        subj,
        vec![leaf(vec![1, 2]), leaf(vec![3])],
        "THREAD=ORDEREDSUBJECT: (1 2)(3)"
    );
    assert!(s.has(&Capability::Thread(b("REFS"))));
    let refs = thread(&mut s, false, ThreadAlgorithm::Other(b("REFS")));
    report(srv, "THREAD=REFS", &format!("{refs:?}"));
    let mut members: Vec<u32> = Vec::new();
    fn walk(t: &[Tree], out: &mut Vec<u32>) {
        for x in t {
            out.extend(&x.members);
            walk(&x.children, out);
        }
    }
    walk(&refs, &mut members);
    members.sort_unstable();
    assert_eq!(
        members,
        vec![1, 2, 3],
        "THREAD=REFS names every message once"
    );
    assert_eq!(refs.len(), 2, "two threads");

    // COPY with COPYUID.
    let dst_validity = status_of(&mut s, &dst, vec![StatusAttr::UidValidity])
        .iter()
        .find_map(|i| {
            if let StatusItem::UidValidity(v) = i {
                Some(*v)
            } else {
                None
            }
        })
        .unwrap();
    let r = s.ok(Command::Copy {
        uid: true,
        set: MessageSet::Set(range(uids[0], uids[1])),
        mailbox: mbox(&dst),
    });
    let (v, source, dest) = match &r.code {
        Some(Code::CopyUid {
            uid_validity,
            source,
            dest,
        }) => (
            *uid_validity,
            numbers(source, u32::MAX),
            numbers(dest, u32::MAX),
        ),
        other => panic!("expected [COPYUID], got {other:?}"),
    };
    assert_eq!(v, dst_validity);
    assert_eq!(source, vec![uids[0], uids[1]]);
    assert_eq!(dest.len(), 2);
    let r = s.exec(Command::Copy {
        uid: false,
        set: MessageSet::Set(set(&[1])),
        mailbox: mbox(&format!("{prefix}/missing")),
    });
    assert_eq!(
        (r.status, r.code.clone()),
        (Status::No, Some(Code::TryCreate)),
        "COPY to a missing mailbox: {r:?}"
    );

    // MOVE with COPYUID in an untagged OK, and EXPUNGE (no QRESYNC here).
    assert!(s.has(&Capability::Move));
    let mut copyuid = None;
    let mut expunged = Vec::new();
    s.ok_with(
        Command::Move {
            uid: true,
            set: MessageSet::Set(set(&[uids[2]])),
            mailbox: mbox(&moved),
        },
        &mut |u| match u {
            Untagged::Ok(t) => {
                if let Some(Code::CopyUid { source, dest, .. }) = &t.code {
                    copyuid = Some((numbers(source, u32::MAX), numbers(dest, u32::MAX)));
                }
            }
            Untagged::Expunge(n) => expunged.push(*n),
            _ => {}
        },
    );
    let (msrc, mdst) = copyuid.expect("MOVE: * OK [COPYUID ...]");
    assert_eq!(msrc, vec![uids[2]]);
    assert_eq!(mdst.len(), 1);
    assert_eq!(expunged, vec![3]);

    // EXPUNGE
    s.ok(store(
        false,
        set(&[1]),
        None,
        StoreAction::Add,
        true,
        vec![Flag::Deleted],
    ));
    let mut expunged = Vec::new();
    let r = s.ok_with(Command::Expunge, &mut |u| {
        if let Untagged::Expunge(n) = u {
            expunged.push(*n);
        }
    });
    assert_eq!(expunged, vec![1]);
    report(srv, "EXPUNGE OK code (CONDSTORE)", &format!("{:?}", r.code));
    assert_eq!(
        ids(&mut s, search(true, None, vec![SearchKey::All])).0,
        vec![uids[1]]
    );
    s.ok(Command::Unselect);

    // The copies are byte-identical; EXAMINE is read-only.
    let sel = do_select(
        &mut s,
        Command::Examine(Select {
            mailbox: mbox(&dst),
            condstore: true,
            qresync: None,
        }),
    );
    assert_eq!(sel.read_only, Some(true));
    assert_eq!(sel.exists, Some(2));
    assert!(sel.highest_modseq.is_some());
    let f = by_uid(&fetch_all(
        &mut s,
        fetch(true, set(&dest), vec![peek(&[], None, None)]),
    ));
    assert_eq!(
        section_of(&f[&dest[0]], "").unwrap().1,
        Some(rich.data.clone())
    );
    assert_eq!(section_of(&f[&dest[1]], "").unwrap().1, Some(reply.clone()));
    // STORE in a read-only mailbox: Cyrus says NO, Dovecot says OK and
    // ignores it. Either way nothing changes.
    let r = s.exec(store(
        false,
        set(&[2]),
        None,
        StoreAction::Add,
        false,
        vec![Flag::Flagged],
    ));
    report(
        srv,
        "STORE after EXAMINE",
        &format!("{:?} {:?} {}", r.status, r.code, r.text),
    );
    assert_eq!(
        r.status,
        if srv == Server::Dovecot {
            Status::Ok
        } else {
            Status::No
        },
        "{r:?}"
    );
    assert!(
        !flags_of(&fetch_all(&mut s, fetch(false, set(&[2]), vec![FetchAttr::Flags]))[&2])
            .unwrap()
            .contains("\\Flagged")
    );
    s.ok(Command::Close);
    let sel = do_select(&mut s, Command::Examine(Select::new(mbox(&moved))));
    assert_eq!(sel.exists, Some(1));
    let f = by_uid(&fetch_all(
        &mut s,
        fetch(
            true,
            set(&mdst),
            vec![peek(&[], None, None), FetchAttr::Flags],
        ),
    ));
    assert_eq!(section_of(&f[&mdst[0]], "").unwrap().1, Some(other.clone()));
    assert_eq!(
        flags_of(&f[&mdst[0]]),
        Some(names(&["\\Draft", "$Done"])),
        "MOVE keeps the flags"
    );
    s.ok(Command::Unselect);
    s.reset_prefix(prefix);
    s.logout();
}

fn check_addr(a: &Address<'_>, name: Option<&str>, mailbox: &str, host: &str) {
    assert_eq!(
        a.name
            .as_ref()
            .map(|n| n.to_str_lossy().into_owned())
            .as_deref(),
        name,
        "{a:?}"
    );
    assert_eq!(a.adl, None);
    assert_eq!(
        a.mailbox.as_ref().map(|m| m.to_vec()),
        Some(mailbox.as_bytes().to_vec())
    );
    assert_eq!(
        a.host.as_ref().map(|h| h.to_vec()),
        Some(host.as_bytes().to_vec())
    );
}

fn check_rich_envelope(e: &Envelope<'_>) {
    assert_eq!(
        e.date.as_deref(),
        Some(b"Mon, 01 Jan 2024 10:00:00 +0000".as_slice())
    );
    assert_eq!(e.subject.as_deref(), Some(b"e2e thread start".as_slice()));
    assert_eq!(e.from.len(), 1);
    check_addr(&e.from[0], Some("Alice Example"), "alice", "example.org");
    assert_eq!(e.sender, e.from, "sender defaults to from");
    assert_eq!(e.reply_to, e.from, "reply-to defaults to from");
    assert_eq!(e.to.len(), 2);
    check_addr(&e.to[0], Some("Bob Example"), "bob", "example.org");
    check_addr(&e.to[1], Some("Carol, C."), "carol", "example.org");
    assert_eq!(e.cc.len(), 1);
    check_addr(&e.cc[0], Some("Dave"), "dave", "example.org");
    assert!(e.bcc.is_empty());
    assert_eq!(e.in_reply_to, None);
    assert_eq!(
        e.message_id.as_deref(),
        Some(b"<e2e-1@example.org>".as_slice())
    );
}

fn check_other_envelope(e: &Envelope<'_>) {
    assert_eq!(e.subject.as_deref(), Some(b"another topic".as_slice()));
    check_addr(&e.from[0], Some("Zed Other"), "zed", "example.org");
    assert_eq!(e.sender, e.from);
    assert_eq!(e.reply_to.len(), 1);
    check_addr(
        &e.reply_to[0],
        Some("Zed \"Z\" O\\ther"),
        "zed+reply",
        "example.org",
    );
    // Groups: a start marker (mailbox = group name, no host), the members,
    // an end marker (no mailbox, no host).
    let group_start = |a: &Address<'_>, name: &str| {
        assert!(
            a.host.is_none() && a.mailbox.as_deref() == Some(name.as_bytes()),
            "group start {a:?}"
        );
    };
    let group_end =
        |a: &Address<'_>| assert!(a.host.is_none() && a.mailbox.is_none(), "group end {a:?}");
    assert_eq!(e.cc.len(), 4, "{:?}", e.cc);
    group_start(&e.cc[0], "Team");
    check_addr(&e.cc[1], Some("Ann"), "ann", "example.org");
    check_addr(&e.cc[2], Some("Ben"), "ben", "example.org");
    group_end(&e.cc[3]);
    assert_eq!(e.bcc.len(), 2, "{:?}", e.bcc);
    group_start(&e.bcc[0], "undisclosed-recipients");
    group_end(&e.bcc[1]);
    assert_eq!(
        e.message_id.as_deref(),
        Some(b"<e2e-3@example.org>".as_slice())
    );
}

fn ci(b: &[u8], s: &str) -> bool {
    b.eq_ignore_ascii_case(s.as_bytes())
}

fn param<'a>(params: &'a [(Bytes<'_>, Option<Bytes<'_>>)], name: &str) -> Option<&'a [u8]> {
    params
        .iter()
        .find(|(k, _)| ci(k, name))
        .and_then(|(_, v)| v.as_deref())
}

fn check_rich_structure(bs: &BodyStructure<'_>, rich: &Rich, extensible: bool) {
    let BodyStructure::Multi {
        parts,
        subtype,
        ext,
    } = bs
    else {
        panic!("multipart expected: {bs:?}")
    };
    assert!(ci(subtype, "MIXED"));
    assert_eq!(parts.len(), 3);
    if extensible {
        let ext = ext
            .as_ref()
            .expect("BODYSTRUCTURE has multipart extension data");
        assert_eq!(param(ext.params, "boundary"), Some(BOUNDARY.as_bytes()));
    } else {
        assert!(ext.is_none(), "BODY has no extension data");
    }
    // 1: text/plain, quoted-printable.
    let BodyStructure::Single {
        kind: SinglePart::Text { subtype, lines },
        fields,
        ext,
    } = &parts[0]
    else {
        panic!("{:?}", parts[0])
    };
    assert!(ci(subtype, "PLAIN"));
    assert_eq!(*lines, 2);
    assert_eq!(
        param(fields.params, "charset").map(|c| c.to_ascii_lowercase()),
        Some(b"utf-8".to_vec())
    );
    assert!(ci(&fields.encoding, "QUOTED-PRINTABLE"));
    assert_eq!(fields.octets as usize, rich.part1_body.len());
    assert_eq!(ext.is_some(), extensible);
    // 2: application/octet-stream, base64, attachment.
    let BodyStructure::Single {
        kind: SinglePart::Basic {
            media_type,
            subtype,
        },
        fields,
        ext,
    } = &parts[1]
    else {
        panic!("{:?}", parts[1])
    };
    assert!(ci(media_type, "APPLICATION") && ci(subtype, "OCTET-STREAM"));
    assert_eq!(param(fields.params, "name"), Some(b"bytes.bin".as_slice()));
    assert!(ci(&fields.encoding, "BASE64"));
    assert_eq!(fields.octets as usize, rich.part2_body.len());
    if extensible {
        let d = ext
            .as_ref()
            .and_then(|e| e.disposition.as_ref())
            .expect("Content-Disposition");
        assert!(ci(&d.kind, "ATTACHMENT"));
        assert_eq!(param(d.params, "filename"), Some(b"bytes.bin".as_slice()));
    }
    // 3: message/rfc822 with its envelope and structure.
    let BodyStructure::Single {
        kind:
            SinglePart::Message {
                subtype,
                envelope,
                body,
                lines,
            },
        fields,
        ..
    } = &parts[2]
    else {
        panic!("{:?}", parts[2])
    };
    assert!(ci(subtype, "RFC822"));
    assert_eq!(
        envelope.subject.as_deref(),
        Some(b"inner message".as_slice())
    );
    check_addr(
        &envelope.from[0],
        Some("Inner Sender"),
        "inner",
        "example.org",
    );
    assert_eq!(
        envelope.message_id.as_deref(),
        Some(b"<e2e-inner@example.org>".as_slice())
    );
    assert!(
        matches!(
            body,
            BodyStructure::Single {
                kind: SinglePart::Text { .. },
                ..
            }
        ),
        "{body:?}"
    );
    assert_eq!(fields.octets as usize, rich.part3_body.len());
    assert_eq!(
        *lines,
        rich.part3_body.iter().filter(|&&c| c == b'\n').count() as u64
    );
}

/// CONDSTORE and QRESYNC: SELECT/EXAMINE with both, HIGHESTMODSEQ,
/// EXPUNGE and UID EXPUNGE as VANISHED, VANISHED (EARLIER) on reselect and
/// on UID FETCH (CHANGEDSINCE n VANISHED), [CLOSED].
fn condstore_qresync(srv: Server) {
    let prefix = "e2e-qresync";
    let (mut s, _) = Session::connect(srv, Port::Plain, "qresync");
    s.login();
    s.reset_prefix(prefix);
    let mb = format!("{prefix}/box");
    let other = format!("{prefix}/other");
    for m in [prefix, &mb, &other] {
        s.ok(Command::Create {
            mailbox: mbox(m),
            special_use: vec![],
        });
    }
    let mut enabled = Vec::new();
    s.ok_with(Command::Enable(vec![Capability::Qresync]), &mut |u| {
        if let Untagged::Enabled(c) = u {
            enabled.extend(c.iter().map(|c| c.clone().into_owned()));
        }
    });
    assert!(enabled.contains(&Capability::Qresync), "{enabled:?}");
    let msgs: Vec<AppendMessage<'static>> = (1..=6)
        .map(|i| {
            msg(
                simple_message(
                    &format!("e2e-q{i}"),
                    "Fri, 05 Jan 2024 10:00:00 +0000",
                    "Alice <alice@example.org>",
                    &format!("qresync {i}"),
                    "",
                    &format!("Message {i}.\r\n"),
                ),
                vec![],
                None,
            )
        })
        .collect();
    let r = s.ok(append(&mb, msgs));
    let (validity, u) = appenduid(&s, &r);
    assert_eq!(u.len(), 6);

    // SELECT (CONDSTORE).
    let sel = do_select(
        &mut s,
        Command::Select(Select {
            mailbox: mbox(&mb),
            condstore: true,
            qresync: None,
        }),
    );
    assert_eq!(sel.exists, Some(6));
    assert_eq!(sel.uid_validity, Some(validity));
    let h0 = sel.highest_modseq.expect("HIGHESTMODSEQ");

    // UID EXPUNGE and EXPUNGE report VANISHED (QRESYNC is on).
    s.ok(store(
        true,
        set(&[u[1], u[3]]),
        None,
        StoreAction::Add,
        true,
        vec![Flag::Deleted],
    ));
    let mut vanished = Vec::new();
    let mut expunge = 0;
    let r = s.ok_with(
        Command::UidExpunge(MessageSet::Set(set(&[u[1]]))),
        &mut |x| match x {
            Untagged::Vanished { earlier, uids } => {
                assert!(!earlier);
                vanished.extend(numbers(uids, u32::MAX));
            }
            Untagged::Expunge(_) => expunge += 1,
            _ => {}
        },
    );
    assert_eq!(
        (vanished.clone(), expunge),
        (vec![u[1]], 0),
        "UID EXPUNGE: VANISHED, no EXPUNGE"
    );
    report(srv, "UID EXPUNGE OK code", &format!("{:?}", r.code));
    let mut vanished = Vec::new();
    let r = s.ok_with(Command::Expunge, &mut |x| match x {
        Untagged::Vanished { earlier, uids } => {
            assert!(!earlier);
            vanished.extend(numbers(uids, u32::MAX));
        }
        Untagged::Expunge(_) => expunge += 1,
        _ => {}
    });
    assert_eq!(
        (vanished, expunge),
        (vec![u[3]], 0),
        "EXPUNGE under QRESYNC: VANISHED"
    );
    let h1 = match r.code {
        Some(Code::HighestModSeq(h)) => h,
        _ => {
            report(
                srv,
                "EXPUNGE OK without [HIGHESTMODSEQ]",
                &format!("{:?}", r.code),
            );
            let st = status_of(&mut s, &other, vec![StatusAttr::HighestModSeq]);
            let _ = st;
            let mut h = 0;
            s.ok_with(fetch(true, all(), vec![FetchAttr::ModSeq]), &mut |x| {
                if let Untagged::Fetch { items, .. } = x {
                    for i in items.iter() {
                        if let FetchItem::ModSeq(m) = i {
                            h = h.max(*m);
                        }
                    }
                }
            });
            h
        }
    };
    assert!(h1 > h0);
    // More changes: a flag on u[0], u[5] expunged.
    let mut fetched = Fetched::new();
    s.ok_with(
        store(
            true,
            set(&[u[0]]),
            None,
            StoreAction::Add,
            false,
            vec![Flag::Seen],
        ),
        &mut |x| collect_fetch(x, &mut fetched),
    );
    let m_seen = modseq_of(&fetched[&1]).expect("MODSEQ");
    s.ok(store(
        true,
        set(&[u[5]]),
        None,
        StoreAction::Add,
        true,
        vec![Flag::Deleted],
    ));
    s.ok(Command::UidExpunge(MessageSet::Set(set(&[u[5]]))));

    // Selecting another mailbox closes this one: * OK [CLOSED].
    let sel = do_select(
        &mut s,
        Command::Select(Select {
            mailbox: mbox(&other),
            condstore: true,
            qresync: None,
        }),
    );
    assert!(
        sel.closed,
        "[CLOSED] when a mailbox is replaced under QRESYNC: {sel:?}"
    );
    assert_eq!(sel.exists, Some(0));

    // SELECT (QRESYNC) from h0: u[1], u[3], u[5] vanished; u[0] changed.
    let q = Qresync {
        uid_validity: validity,
        mod_seq: h0,
        known_uids: Some(range(u[0], u[5])),
        seq_match: None,
    };
    let sel = do_select(
        &mut s,
        Command::Select(Select {
            mailbox: mbox(&mb),
            condstore: false,
            qresync: Some(q),
        }),
    );
    assert!(sel.closed);
    assert_eq!(sel.exists, Some(3));
    assert_eq!(
        sel.vanished_earlier,
        vec![u[1], u[3], u[5]],
        "VANISHED (EARLIER)"
    );
    let changed = by_uid(&sel.fetched);
    assert_eq!(
        changed.keys().copied().collect::<Vec<_>>(),
        vec![u[0]],
        "only u[0] changed flags: {changed:?}"
    );
    assert!(flags_of(&changed[&u[0]]).unwrap().contains("\\Seen"));
    assert_eq!(modseq_of(&changed[&u[0]]), Some(m_seen));
    let h2 = sel.highest_modseq.unwrap();
    assert!(h2 >= m_seen && h2 > h1);

    // UID FETCH (CHANGEDSINCE h1 VANISHED).
    let mut vanished = Vec::new();
    let mut fetched = Fetched::new();
    s.ok_with(
        // u[0]:u[5], not 1:*: `*` is the highest UID that still exists.
        Command::Fetch(Fetch {
            uid: true,
            set: MessageSet::Set(range(u[0], u[5])),
            items: FetchItems::Items(vec![FetchAttr::Flags]),
            changed_since: Some(h1),
            vanished: true,
        }),
        &mut |x| match x {
            Untagged::Vanished { earlier, uids } => {
                assert!(*earlier, "VANISHED (EARLIER) in reply to FETCH");
                vanished.extend(numbers(uids, u32::MAX));
            }
            _ => collect_fetch(x, &mut fetched),
        },
    );
    assert_eq!(vanished, vec![u[5]], "only u[5] vanished after h1");
    assert_eq!(
        by_uid(&fetched).keys().copied().collect::<Vec<_>>(),
        vec![u[0]]
    );

    // EXAMINE (QRESYNC) from h2: nothing vanished or changed; read-only.
    let q = Qresync {
        uid_validity: validity,
        mod_seq: h2,
        known_uids: None,
        seq_match: None,
    };
    let sel = do_select(
        &mut s,
        Command::Examine(Select {
            mailbox: mbox(&mb),
            condstore: false,
            qresync: Some(q),
        }),
    );
    assert_eq!(sel.read_only, Some(true));
    assert!(
        sel.vanished_earlier.is_empty() && sel.fetched.is_empty(),
        "{sel:?}"
    );
    assert_eq!(sel.highest_modseq, Some(h2));
    // EXAMINE (CONDSTORE).
    let sel = do_select(
        &mut s,
        Command::Examine(Select {
            mailbox: mbox(&other),
            condstore: true,
            qresync: None,
        }),
    );
    assert_eq!(sel.read_only, Some(true));
    assert!(sel.highest_modseq.is_some());
    // A wrong UIDVALIDITY: a full resync, no VANISHED.
    let q = Qresync {
        uid_validity: validity.wrapping_add(1),
        mod_seq: h0,
        known_uids: None,
        seq_match: None,
    };
    let sel = do_select(
        &mut s,
        Command::Select(Select {
            mailbox: mbox(&mb),
            condstore: false,
            qresync: Some(q),
        }),
    );
    assert!(sel.vanished_earlier.is_empty() && sel.fetched.is_empty());
    assert_eq!(sel.uid_validity, Some(validity));

    // STORE UNCHANGEDSINCE 0 always fails (RFC 7162).
    let r = s.ok(store(
        true,
        set(&[u[2]]),
        Some(0),
        StoreAction::Add,
        false,
        vec![Flag::Flagged],
    ));
    match r.code {
        Some(Code::Modified(m)) => assert_eq!(numbers(&m, u32::MAX), vec![u[2]]),
        other => panic!("UNCHANGEDSINCE 0: expected [MODIFIED], got {other:?}"),
    }
    s.ok(Command::Unselect);
    s.reset_prefix(prefix);
    s.logout();
}

/// IDLE: an APPEND from a second connection arrives as EXISTS; IDLE is
/// stopped with idle_stop, with the IdleStop handle from another thread,
/// and before the server accepted it.
fn idle(srv: Server) {
    let prefix = "e2e-idle";
    let (mut a, _) = Session::connect(srv, Port::Plain, "idle");
    a.login();
    a.reset_prefix(prefix);
    a.ok(Command::Create {
        mailbox: mbox(prefix),
        special_use: vec![],
    });
    let sel = do_select(&mut a, select(prefix));
    assert_eq!(sel.exists, Some(0));
    assert!(a.has(&Capability::Idle));

    let (mut b2, _) = Session::connect(srv, Port::Plain, "idle-appender");
    b2.login();

    a.idle_start();
    let m = simple_message(
        "e2e-idle-1",
        "Sat, 06 Jan 2024 10:00:00 +0000",
        "Bob <bob@example.org>",
        "during IDLE",
        "",
        "Hello while idling.\r\n",
    );
    let r = b2.ok(append(prefix, vec![msg(m.clone(), vec![], None)]));
    let (_, uid) = appenduid(&b2, &r);
    let got = a.wait_untagged(Duration::from_secs(30), &mut |u| {
        matches!(u, Untagged::Exists(1))
    });
    assert!(
        got,
        "{}: no * 1 EXISTS during IDLE within 30 s\n{}",
        a.label,
        a.dump()
    );
    a.conn.idle_stop();
    let r = a.finish_command("IDLE (DONE)", &mut |_| {});
    assert_eq!(r.status, Status::Ok, "{r:?}");
    let f = fetch_all(
        &mut a,
        fetch(
            false,
            set(&[1]),
            vec![FetchAttr::Uid, peek(&[], None, None)],
        ),
    );
    assert_eq!(uid_of(&f[&1]), Some(uid[0]));
    assert_eq!(section_of(&f[&1], "").unwrap().1, Some(m));

    // Stopped from another thread through the handle.
    a.idle_start();
    let handle = a.conn.idle_stop_handle();
    let t = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        handle.stop();
    });
    let r = a.finish_command("IDLE (stopped by the handle)", &mut |_| {});
    t.join().unwrap();
    assert_eq!(r.status, Status::Ok, "{r:?}");

    // Stopped before the server's '+': DONE goes out once it arrives.
    a.begin(Command::Idle);
    a.conn.idle_stop();
    let r = a.finish_command("IDLE (stopped at once)", &mut |_| {});
    assert_eq!(r.status, Status::Ok, "{r:?}");
    let out: Vec<u8> = a
        .transcript
        .iter()
        .filter(|(d, _)| *d == Dir::C)
        .flat_map(|(_, b)| b.clone())
        .collect();
    assert!(out.ends_with(b"DONE\r\n"), "{}", a.transcript_text());

    // An expunge from the other connection shows up during IDLE.
    b2.ok(select(prefix));
    a.idle_start();
    b2.ok(store(
        false,
        set(&[1]),
        None,
        StoreAction::Add,
        true,
        vec![Flag::Deleted],
    ));
    b2.ok(Command::Expunge);
    let got = a.wait_untagged(Duration::from_secs(30), &mut |u| {
        matches!(u, Untagged::Expunge(1))
    });
    assert!(got, "no * 1 EXPUNGE during IDLE\n{}", a.dump());
    a.conn.idle_stop();
    assert_eq!(
        a.finish_command("IDLE (DONE)", &mut |_| {}).status,
        Status::Ok
    );
    a.ok(Command::Noop);
    b2.ok(Command::Close);
    b2.logout();
    a.ok(Command::Unselect);
    a.reset_prefix(prefix);
    a.logout();
}

/// Size of the large message.
const LARGE: usize = 50 << 20;

fn large_message_data() -> Vec<u8> {
    let header = "Date: Sun, 07 Jan 2024 10:00:00 +0000\r\nFrom: Alice <alice@example.org>\r\nTo: Bob <bob@example.org>\r\n\
                  Subject: 50 MiB\r\nMessage-ID: <e2e-large@example.org>\r\nMIME-Version: 1.0\r\n\
                  Content-Type: text/plain; charset=us-ascii\r\n\r\n";
    let mut data = Vec::with_capacity(LARGE);
    data.extend_from_slice(header.as_bytes());
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    while data.len() < LARGE {
        let line = (LARGE - data.len()).min(78) - 2;
        for _ in 0..line {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            data.push(ALPHABET[(x >> 58) as usize]);
        }
        data.extend_from_slice(b"\r\n");
    }
    assert_eq!(data.len(), LARGE);
    data
}

/// A 50 MiB APPEND, then FETCH BODY[] compared byte for byte, once
/// buffered and once streamed in chunks (Options.limits.stream_threshold).
fn large_message(srv: Server) {
    let prefix = "e2e-large";
    let data = large_message_data();
    let (mut s, _) = Session::connect(srv, Port::Plain, "large");
    s.login();
    s.reset_prefix(prefix);
    s.ok(Command::Create {
        mailbox: mbox(prefix),
        special_use: vec![],
    });
    let r = s.ok(append(prefix, vec![msg(data.clone(), vec![], None)]));
    let (_, uid) = appenduid(&s, &r);
    let sel = do_select(&mut s, Command::Examine(Select::new(mbox(prefix))));
    assert_eq!(sel.exists, Some(1));
    let f = fetch_all(
        &mut s,
        fetch(
            true,
            set(&uid),
            vec![FetchAttr::Rfc822Size, peek(&[], None, None)],
        ),
    );
    let items = &f[&1];
    assert_eq!(
        get(items, |i| if let It::Size(n) = i { Some(*n) } else { None }),
        Some(LARGE as u64)
    );
    let body = section_of(items, "").unwrap().1.expect("BODY[]");
    assert_eq!(body.len(), LARGE);
    assert!(body == data, "BODY[] differs from what was appended");
    drop(f);

    // Streamed: chunks that concatenate to the same bytes.
    let mut opts = Options::default();
    opts.limits.stream_threshold = Some(1 << 20);
    let (mut st, _) = Session::connect_with(srv, Port::Plain, "large-streamed", opts);
    st.login();
    do_select(&mut st, Command::Examine(Select::new(mbox(prefix))));
    let mut section_data = None;
    st.ok_with(
        fetch(true, set(&uid), vec![peek(&[], None, None), FetchAttr::Uid]),
        &mut |u| {
            if let Untagged::Fetch { items, .. } = u {
                for i in items.iter() {
                    if let FetchItem::BodySection { data, .. } = i {
                        section_data = Some(data.as_ref().map(|d| d.len()));
                    }
                }
            }
        },
    );
    assert_eq!(st.streamed.len(), 1, "one streamed literal");
    let lit = &st.streamed[0];
    assert!(lit.ended);
    assert_eq!(lit.seq, Some(1));
    assert_eq!(lit.item, "BODY[]");
    assert_eq!(lit.size, LARGE as u64);
    assert!(lit.chunks > 1, "{} chunks", lit.chunks);
    assert!(
        lit.data == data,
        "the streamed chunks differ from what was appended"
    );
    assert_eq!(
        section_data,
        Some(Some(0)),
        "the streamed literal appears as an empty string in the FETCH"
    );
    st.streamed.clear();
    // Small literals are still buffered on that connection.
    let f = fetch_all(
        &mut st,
        fetch(
            true,
            set(&uid),
            vec![peek(&[], Some(SectionText::Header), None)],
        ),
    );
    assert!(st.streamed.is_empty());
    assert!(data.starts_with(&section_of(&f[&1], "HEADER").unwrap().1.unwrap()));
    st.ok(Command::Unselect);
    st.logout();

    s.ok(Command::Unselect);
    s.reset_prefix(prefix);
    s.logout();
}
