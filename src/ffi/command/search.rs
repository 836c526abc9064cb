//! Search keys (`imap_key_*`) and the commands that take them: SEARCH,
//! ESEARCH (SEARCH RETURN), SORT and THREAD.
//!
//! A key is a small tree built bottom-up: `imap_key_not`, `imap_key_or`
//! and `imap_key_and` take their operands over, and the commands take
//! their keys over. A NULL operand makes the result NULL (the other
//! operands are freed), so a failed inner constructor makes the whole
//! command NULL without leaks.

use std::ffi::c_char;

use super::{boxed, c_array, c_bytes, flag, message_set, owned, take, take_all, NULL};
use crate::ffi::guard;
use crate::types::{
    Bytes, Command, Date, EntryType, Search, SearchKey, SearchReturn, SortCriterion, SortKey, ThreadAlgorithm,
};

use super::imap_command;

/// A calendar date, as in a SEARCH `date` (`1-Feb-1994`). Out-of-range
/// fields are reported when the command is encoded.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct imap_date {
    /// The year, e.g. 1994.
    pub year: u16,
    /// The month, 1 (January) to 12 (December).
    pub month: u8,
    /// The day of the month, 1 to 31.
    pub day: u8,
}

impl From<imap_date> for Date {
    fn from(d: imap_date) -> Date {
        Date { year: d.year, month: d.month, day: d.day }
    }
}

/// A search key. Free with `imap_search_key_free` unless given to another
/// key or a command.
pub struct imap_search_key {
    pub(crate) key: SearchKey<'static>,
}

impl imap_search_key {
    /// The Rust search key this handle holds.
    pub fn key(&self) -> &SearchKey<'static> {
        &self.key
    }
}

type Key = *mut imap_search_key;
const NULL_KEY: Key = std::ptr::null_mut();

fn key(key: SearchKey<'static>) -> Key {
    Box::into_raw(Box::new(imap_search_key { key }))
}

/// A key with a string argument.
unsafe fn string_key(s: *const c_char, f: fn(Bytes<'static>) -> SearchKey<'static>) -> Key {
    guard(NULL_KEY, || owned(s).map_or(NULL_KEY, |b| key(f(b))))
}

/// Takes the keys of an array over; see [`take_all`].
unsafe fn keys(p: *const Key, n: usize) -> Option<Vec<SearchKey<'static>>> {
    take_all(p, n).map(|v| v.into_iter().map(|k| k.key).collect())
}

/// Frees a search key and its operands (NULL does nothing).
///
/// # Safety
/// `key` is NULL or a key not yet freed nor given away.
#[no_mangle]
pub unsafe extern "C" fn imap_search_key_free(key: *mut imap_search_key) {
    guard((), || drop(take(key)));
}

/// `ALL`
#[no_mangle]
pub extern "C" fn imap_key_all() -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::All))
}

/// `ANSWERED`
#[no_mangle]
pub extern "C" fn imap_key_answered() -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::Answered))
}

/// `DELETED`
#[no_mangle]
pub extern "C" fn imap_key_deleted() -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::Deleted))
}

/// `DRAFT`
#[no_mangle]
pub extern "C" fn imap_key_draft() -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::Draft))
}

/// `FLAGGED`
#[no_mangle]
pub extern "C" fn imap_key_flagged() -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::Flagged))
}

/// `NEW` (IMAP4rev1)
#[no_mangle]
pub extern "C" fn imap_key_new() -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::New))
}

/// `OLD` (IMAP4rev1)
#[no_mangle]
pub extern "C" fn imap_key_old() -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::Old))
}

/// `RECENT` (IMAP4rev1)
#[no_mangle]
pub extern "C" fn imap_key_recent() -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::Recent))
}

/// `SEEN`
#[no_mangle]
pub extern "C" fn imap_key_seen() -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::Seen))
}

/// `UNANSWERED`
#[no_mangle]
pub extern "C" fn imap_key_unanswered() -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::Unanswered))
}

/// `UNDELETED`
#[no_mangle]
pub extern "C" fn imap_key_undeleted() -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::Undeleted))
}

/// `UNDRAFT`
#[no_mangle]
pub extern "C" fn imap_key_undraft() -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::Undraft))
}

/// `UNFLAGGED`
#[no_mangle]
pub extern "C" fn imap_key_unflagged() -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::Unflagged))
}

/// `UNSEEN`
#[no_mangle]
pub extern "C" fn imap_key_unseen() -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::Unseen))
}

/// `SAVEDATESUPPORTED` (RFC 8514)
#[no_mangle]
pub extern "C" fn imap_key_save_date_supported() -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::SaveDateSupported))
}

/// `BCC string`
///
/// # Safety
/// `s` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_key_bcc(s: *const c_char) -> *mut imap_search_key {
    string_key(s, SearchKey::Bcc)
}

/// `BODY string`
///
/// # Safety
/// `s` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_key_body(s: *const c_char) -> *mut imap_search_key {
    string_key(s, SearchKey::Body)
}

/// `CC string`
///
/// # Safety
/// `s` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_key_cc(s: *const c_char) -> *mut imap_search_key {
    string_key(s, SearchKey::Cc)
}

/// `FROM string`
///
/// # Safety
/// `s` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_key_from(s: *const c_char) -> *mut imap_search_key {
    string_key(s, SearchKey::From)
}

/// `SUBJECT string`
///
/// # Safety
/// `s` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_key_subject(s: *const c_char) -> *mut imap_search_key {
    string_key(s, SearchKey::Subject)
}

/// `TEXT string`
///
/// # Safety
/// `s` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_key_text(s: *const c_char) -> *mut imap_search_key {
    string_key(s, SearchKey::Text)
}

/// `TO string`
///
/// # Safety
/// `s` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_key_to(s: *const c_char) -> *mut imap_search_key {
    string_key(s, SearchKey::To)
}

/// `HEADER field-name string`
///
/// # Safety
/// Both are NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn imap_key_header(field: *const c_char, s: *const c_char) -> *mut imap_search_key {
    guard(NULL_KEY, || match (owned(field), owned(s)) {
        (Some(f), Some(s)) => key(SearchKey::Header(f, s)),
        _ => NULL_KEY,
    })
}

/// `KEYWORD flag-keyword`, e.g. `"$Forwarded"`.
///
/// # Safety
/// `keyword` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_key_keyword(keyword: *const c_char) -> *mut imap_search_key {
    string_key(keyword, SearchKey::Keyword)
}

/// `UNKEYWORD flag-keyword`
///
/// # Safety
/// `keyword` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_key_unkeyword(keyword: *const c_char) -> *mut imap_search_key {
    string_key(keyword, SearchKey::Unkeyword)
}

/// `LARGER n`
#[no_mangle]
pub extern "C" fn imap_key_larger(n: u64) -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::Larger(n)))
}

/// `SMALLER n`
#[no_mangle]
pub extern "C" fn imap_key_smaller(n: u64) -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::Smaller(n)))
}

/// `OLDER seconds` (RFC 5032)
#[no_mangle]
pub extern "C" fn imap_key_older(seconds: u32) -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::Older(seconds)))
}

/// `YOUNGER seconds` (RFC 5032)
#[no_mangle]
pub extern "C" fn imap_key_younger(seconds: u32) -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::Younger(seconds)))
}

/// `BEFORE date`
#[no_mangle]
pub extern "C" fn imap_key_before(date: imap_date) -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::Before(date.into())))
}

/// `ON date`
#[no_mangle]
pub extern "C" fn imap_key_on(date: imap_date) -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::On(date.into())))
}

/// `SINCE date`
#[no_mangle]
pub extern "C" fn imap_key_since(date: imap_date) -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::Since(date.into())))
}

/// `SENTBEFORE date`
#[no_mangle]
pub extern "C" fn imap_key_sent_before(date: imap_date) -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::SentBefore(date.into())))
}

/// `SENTON date`
#[no_mangle]
pub extern "C" fn imap_key_sent_on(date: imap_date) -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::SentOn(date.into())))
}

/// `SENTSINCE date`
#[no_mangle]
pub extern "C" fn imap_key_sent_since(date: imap_date) -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::SentSince(date.into())))
}

/// `SAVEDBEFORE date` (RFC 8514)
#[no_mangle]
pub extern "C" fn imap_key_saved_before(date: imap_date) -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::SavedBefore(date.into())))
}

/// `SAVEDON date` (RFC 8514)
#[no_mangle]
pub extern "C" fn imap_key_saved_on(date: imap_date) -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::SavedOn(date.into())))
}

/// `SAVEDSINCE date` (RFC 8514)
#[no_mangle]
pub extern "C" fn imap_key_saved_since(date: imap_date) -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::SavedSince(date.into())))
}

/// `UID set`; `set` as in `"1:100,200:*"` or `"$"`.
///
/// # Safety
/// `set` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_key_uid(set: *const c_char) -> *mut imap_search_key {
    guard(NULL_KEY, || message_set(set).map_or(NULL_KEY, |s| key(SearchKey::Uid(s))))
}

/// A bare sequence set, e.g. `"1,3:5,*"` or `"$"`.
///
/// # Safety
/// `set` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_key_seq(set: *const c_char) -> *mut imap_search_key {
    guard(NULL_KEY, || message_set(set).map_or(NULL_KEY, |s| key(SearchKey::SequenceSet(s))))
}

/// `NOT key`. The new key takes `k` over; do not free it.
///
/// # Safety
/// `k` is NULL or a key not yet freed nor given away.
#[no_mangle]
pub unsafe extern "C" fn imap_key_not(k: *mut imap_search_key) -> *mut imap_search_key {
    guard(NULL_KEY, || take(k).map_or(NULL_KEY, |k| key(SearchKey::Not(Box::new(k.key)))))
}

/// `OR a b`. The new key takes `a` and `b` over; do not free them.
///
/// # Safety
/// `a` and `b` are NULL or distinct keys not yet freed nor given away.
#[no_mangle]
pub unsafe extern "C" fn imap_key_or(a: *mut imap_search_key, b: *mut imap_search_key) -> *mut imap_search_key {
    guard(NULL_KEY, || match (take(a), take(b)) {
        (Some(a), Some(b)) => key(SearchKey::Or(Box::new(a.key), Box::new(b.key))),
        _ => NULL_KEY,
    })
}

/// `(key key ...)`: the `n` keys at `keys`, all of which must match. The
/// new key takes the keys of `keys` over; do not free them.
///
/// # Safety
/// `keys` is NULL or points to `n` distinct keys (or NULLs), none yet
/// freed nor given away.
#[no_mangle]
pub unsafe extern "C" fn imap_key_and(keys: *const *mut imap_search_key, n: usize) -> *mut imap_search_key {
    guard(NULL_KEY, || self::keys(keys, n).map_or(NULL_KEY, |v| key(SearchKey::And(v))))
}

/// `MODSEQ n` (RFC 7162)
#[no_mangle]
pub extern "C" fn imap_key_modseq(mod_seq: u64) -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::ModSeq { entry: None, mod_seq }))
}

/// The entry type of a `MODSEQ` search key (RFC 7162): one of
/// `IMAP_ENTRY_TYPE_*`.
pub type imap_entry_type = u32;
/// `priv`
pub const IMAP_ENTRY_TYPE_PRIV: imap_entry_type = 0;
/// `shared`
pub const IMAP_ENTRY_TYPE_SHARED: imap_entry_type = 1;
/// `all`
pub const IMAP_ENTRY_TYPE_ALL: imap_entry_type = 2;

/// `MODSEQ "/flags/<flag>" priv|shared|all n` (RFC 7162): `flag` is a flag
/// string such as `"\\Draft"` or `"$Junk"`, `entry_type` an
/// `imap_entry_type`.
///
/// # Safety
/// `flag` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_key_modseq_entry(
    flag: *const c_char,
    entry_type: imap_entry_type,
    mod_seq: u64,
) -> *mut imap_search_key {
    guard(NULL_KEY, || {
        let kind = match entry_type {
            IMAP_ENTRY_TYPE_PRIV => EntryType::Private,
            IMAP_ENTRY_TYPE_SHARED => EntryType::Shared,
            IMAP_ENTRY_TYPE_ALL => EntryType::All,
            _ => return NULL_KEY,
        };
        match c_bytes(flag) {
            Some(f) => key(SearchKey::ModSeq { entry: Some((self::flag(f), kind)), mod_seq }),
            None => NULL_KEY,
        }
    })
}

/// `X-GM-RAW string` (Gmail search syntax)
///
/// # Safety
/// `s` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_key_gm_raw(s: *const c_char) -> *mut imap_search_key {
    string_key(s, SearchKey::GmRaw)
}

/// `X-GM-MSGID n`
#[no_mangle]
pub extern "C" fn imap_key_gm_msgid(id: u64) -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::GmMsgId(id)))
}

/// `X-GM-THRID n`
#[no_mangle]
pub extern "C" fn imap_key_gm_thrid(id: u64) -> *mut imap_search_key {
    guard(NULL_KEY, || key(SearchKey::GmThrId(id)))
}

/// `X-GM-LABELS label`: a label as text (`"\\Inbox"` or a name).
///
/// # Safety
/// `label` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_key_gm_labels(label: *const c_char) -> *mut imap_search_key {
    string_key(label, SearchKey::GmLabels)
}

/// `EMAILID objectid` (RFC 8474)
///
/// # Safety
/// `id` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_key_email_id(id: *const c_char) -> *mut imap_search_key {
    string_key(id, SearchKey::EmailId)
}

/// `THREADID objectid` (RFC 8474)
///
/// # Safety
/// `id` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_key_thread_id(id: *const c_char) -> *mut imap_search_key {
    string_key(id, SearchKey::ThreadId)
}

/// An ESEARCH return option (RFC 4731, 5182): one of `IMAP_SEARCH_RETURN_*`.
pub type imap_search_return = u32;
/// `MIN`
pub const IMAP_SEARCH_RETURN_MIN: imap_search_return = 0;
/// `MAX`
pub const IMAP_SEARCH_RETURN_MAX: imap_search_return = 1;
/// `ALL`
pub const IMAP_SEARCH_RETURN_ALL: imap_search_return = 2;
/// `COUNT`
pub const IMAP_SEARCH_RETURN_COUNT: imap_search_return = 3;
/// `SAVE` (RFC 5182)
pub const IMAP_SEARCH_RETURN_SAVE: imap_search_return = 4;

/// A SEARCH command; the keys are taken first, so that they are freed
/// whatever else fails.
unsafe fn search(
    uid: bool,
    returns: Option<(*const imap_search_return, usize)>,
    charset: *const c_char,
    keys: *const *mut imap_search_key,
    n: usize,
) -> *mut imap_command {
    let Some(keys) = self::keys(keys, n) else { return NULL };
    let charset = owned(charset);
    let returns = match returns {
        None => None,
        Some((p, n)) => {
            let r: Option<Vec<_>> = c_array(p, n).and_then(|codes| {
                codes
                    .iter()
                    .map(|&c| match c {
                        IMAP_SEARCH_RETURN_MIN => Some(SearchReturn::Min),
                        IMAP_SEARCH_RETURN_MAX => Some(SearchReturn::Max),
                        IMAP_SEARCH_RETURN_ALL => Some(SearchReturn::All),
                        IMAP_SEARCH_RETURN_COUNT => Some(SearchReturn::Count),
                        IMAP_SEARCH_RETURN_SAVE => Some(SearchReturn::Save),
                        _ => None,
                    })
                    .collect()
            });
            let Some(r) = r else { return NULL };
            Some(r)
        }
    };
    boxed(Command::Search(Search { uid, charset, returns, keys }))
}

/// `[UID] SEARCH [CHARSET charset] key ...`: the `n` keys at `keys`, all
/// of which must match; `charset` is NULL for none. The command takes the
/// keys of `keys` over; do not free them.
///
/// # Safety
/// `charset` is NULL or a NUL-terminated string; `keys` is NULL or points
/// to `n` distinct keys (or NULLs), none yet freed nor given away.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_search(
    uid: bool,
    charset: *const c_char,
    keys: *const *mut imap_search_key,
    n: usize,
) -> *mut imap_command {
    guard(NULL, || search(uid, None, charset, keys, n))
}

/// `[UID] SEARCH RETURN (option ...) [CHARSET charset] key ...` (ESEARCH,
/// RFC 4731): as `imap_cmd_search`, with `nreturns` return options
/// (`imap_search_return`); with `nreturns` 0 it sends `RETURN ()`. The
/// command takes the keys of `keys` over; do not free them.
///
/// # Safety
/// `returns` is NULL or points to `nreturns` values; the other arguments
/// are as for `imap_cmd_search`.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_esearch(
    uid: bool,
    returns: *const imap_search_return,
    nreturns: usize,
    charset: *const c_char,
    keys: *const *mut imap_search_key,
    n: usize,
) -> *mut imap_command {
    guard(NULL, || search(uid, Some((returns, nreturns)), charset, keys, n))
}

/// A SORT criterion (RFC 5256, 5957): one of the `IMAP_SORT_*` keys,
/// optionally or-ed with `IMAP_SORT_REVERSE`.
pub type imap_sort_criterion = u32;
/// `ARRIVAL`
pub const IMAP_SORT_ARRIVAL: imap_sort_criterion = 0;
/// `CC`
pub const IMAP_SORT_CC: imap_sort_criterion = 1;
/// `DATE`
pub const IMAP_SORT_DATE: imap_sort_criterion = 2;
/// `FROM`
pub const IMAP_SORT_FROM: imap_sort_criterion = 3;
/// `SIZE`
pub const IMAP_SORT_SIZE: imap_sort_criterion = 4;
/// `SUBJECT`
pub const IMAP_SORT_SUBJECT: imap_sort_criterion = 5;
/// `TO`
pub const IMAP_SORT_TO: imap_sort_criterion = 6;
/// `DISPLAYFROM` (RFC 5957)
pub const IMAP_SORT_DISPLAY_FROM: imap_sort_criterion = 7;
/// `DISPLAYTO` (RFC 5957)
pub const IMAP_SORT_DISPLAY_TO: imap_sort_criterion = 8;
/// Or-ed with a key: `REVERSE key`.
pub const IMAP_SORT_REVERSE: imap_sort_criterion = 0x100;

fn sort_criterion(c: imap_sort_criterion) -> Option<SortCriterion> {
    const KEYS: [SortKey; 9] = [
        SortKey::Arrival,
        SortKey::Cc,
        SortKey::Date,
        SortKey::From,
        SortKey::Size,
        SortKey::Subject,
        SortKey::To,
        SortKey::DisplayFrom,
        SortKey::DisplayTo,
    ];
    let key = *KEYS.get(usize::try_from(c & !IMAP_SORT_REVERSE).ok()?)?;
    Some(SortCriterion { reverse: c & IMAP_SORT_REVERSE != 0, key })
}

/// `[UID] SORT (criterion ...) charset key ...` (RFC 5256): `ncriteria`
/// criteria (`imap_sort_criterion`), the charset of the search strings
/// (e.g. `"UTF-8"`) and the `n` keys at `keys`. The command takes the keys
/// of `keys` over; do not free them.
///
/// # Safety
/// `criteria` is NULL or points to `ncriteria` values; `charset` is NULL
/// or a NUL-terminated string; `keys` is NULL or points to `n` distinct
/// keys (or NULLs), none yet freed nor given away.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_sort(
    uid: bool,
    criteria: *const imap_sort_criterion,
    ncriteria: usize,
    charset: *const c_char,
    keys: *const *mut imap_search_key,
    n: usize,
) -> *mut imap_command {
    guard(NULL, || {
        let Some(keys) = self::keys(keys, n) else { return NULL };
        let criteria: Option<Vec<_>> =
            c_array(criteria, ncriteria).and_then(|c| c.iter().map(|&c| sort_criterion(c)).collect());
        match (criteria, owned(charset)) {
            (Some(criteria), Some(charset)) => boxed(Command::Sort { uid, criteria, charset, keys }),
            _ => NULL,
        }
    })
}

/// `[UID] THREAD algorithm charset key ...` (RFC 5256): `algorithm` is
/// `"ORDEREDSUBJECT"`, `"REFERENCES"` or any other algorithm name; the
/// charset and keys are as for `imap_cmd_sort`. The command takes the keys
/// of `keys` over; do not free them.
///
/// # Safety
/// `algorithm` and `charset` are NULL or NUL-terminated strings; `keys` is
/// as for `imap_cmd_sort`.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_thread(
    uid: bool,
    algorithm: *const c_char,
    charset: *const c_char,
    keys: *const *mut imap_search_key,
    n: usize,
) -> *mut imap_command {
    guard(NULL, || {
        let Some(keys) = self::keys(keys, n) else { return NULL };
        let algorithm = owned(algorithm).map(|a| {
            if a.eq_ignore_ascii_case(b"ORDEREDSUBJECT") {
                ThreadAlgorithm::OrderedSubject
            } else if a.eq_ignore_ascii_case(b"REFERENCES") {
                ThreadAlgorithm::References
            } else {
                ThreadAlgorithm::Other(a)
            }
        });
        match (algorithm, owned(charset)) {
            (Some(algorithm), Some(charset)) => boxed(Command::Thread { uid, algorithm, charset, keys }),
            _ => NULL,
        }
    })
}
