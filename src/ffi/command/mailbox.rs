//! Mailbox commands: SELECT/EXAMINE with QRESYNC, CREATE, DELETE, RENAME,
//! (UN)SUBSCRIBE, LIST, LSUB, STATUS, APPEND, COPY, MOVE, and the QUOTA,
//! ACL and METADATA commands.

use std::ffi::c_char;

use super::{
    boxed, boxed_or_null, c_array, flags, mailbox, message_set, nstrings, opt_u64, owned, sequence_set, status_attrs,
    strings, take, wire_mailbox, NULL,
};
use crate::ffi::types::{imap_date_time, imap_status_kind};
use crate::ffi::{c_bytes, guard};
use crate::types::{
    AclMode, AppendMessage, Bytes, Command, Date, DateTime, List, ListReturn, ListSelect, Mailbox, MailboxAttr,
    MetadataDepth, Qresync, Select,
};

use super::imap_command;

/// The QRESYNC parameter of SELECT and EXAMINE (RFC 7162):
/// `QRESYNC (uid_validity mod_seq [known_uids] [(match_seqs match_uids)])`.
/// The sets are strings in IMAP syntax, NULL when absent; `match_seqs` and
/// `match_uids` go together.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct imap_qresync {
    /// The last known UIDVALIDITY.
    pub uid_validity: u32,
    /// The last known HIGHESTMODSEQ.
    pub mod_seq: u64,
    /// The known UIDs, or NULL.
    pub known_uids: *const c_char,
    /// Message sequence numbers of the sequence match data, or NULL.
    pub match_seqs: *const c_char,
    /// The UIDs matching `match_seqs`, or NULL.
    pub match_uids: *const c_char,
}

/// SELECT or EXAMINE arguments; None if one is invalid.
unsafe fn select(
    mailbox: Option<Mailbox<'static>>,
    condstore: bool,
    q: *const imap_qresync,
) -> Option<Select<'static>> {
    let mailbox = mailbox?;
    let qresync = match q.as_ref() {
        None => None,
        Some(q) => {
            let known_uids = if q.known_uids.is_null() { None } else { Some(sequence_set(q.known_uids)?) };
            let seq_match = match (q.match_seqs.is_null(), q.match_uids.is_null()) {
                (true, true) => None,
                (false, false) => Some((sequence_set(q.match_seqs)?, sequence_set(q.match_uids)?)),
                _ => return None,
            };
            Some(Qresync { uid_validity: q.uid_validity, mod_seq: q.mod_seq, known_uids, seq_match })
        }
    };
    Some(Select { mailbox, condstore, qresync })
}

/// `SELECT mailbox [(CONDSTORE | QRESYNC (...))]`: with `(CONDSTORE)` when
/// `condstore` is true, and `QRESYNC` when `qresync` is not NULL (both may
/// be given).
///
/// # Safety
/// `mailbox` is NULL or a NUL-terminated string; `qresync` is NULL or
/// points to an `imap_qresync` whose strings are NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_select_qresync(
    mailbox: *const c_char,
    condstore: bool,
    qresync: *const imap_qresync,
) -> *mut imap_command {
    guard(NULL, || boxed_or_null(select(self::mailbox(mailbox), condstore, qresync).map(Command::Select)))
}

/// `EXAMINE`, as `imap_cmd_select_qresync`.
///
/// # Safety
/// As for `imap_cmd_select_qresync`.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_examine_qresync(
    mailbox: *const c_char,
    condstore: bool,
    qresync: *const imap_qresync,
) -> *mut imap_command {
    guard(NULL, || boxed_or_null(select(self::mailbox(mailbox), condstore, qresync).map(Command::Examine)))
}

/// `SELECT`, as `imap_cmd_select_qresync`, of a mailbox name given exactly
/// as it goes on the wire (e.g. taken unchanged from a LIST response): it
/// is only quoted or sent as a literal as needed, never re-encoded.
///
/// # Safety
/// As for `imap_cmd_select_qresync`.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_select_wire(
    mailbox: *const c_char,
    condstore: bool,
    qresync: *const imap_qresync,
) -> *mut imap_command {
    guard(NULL, || boxed_or_null(select(wire_mailbox(mailbox), condstore, qresync).map(Command::Select)))
}

/// `EXAMINE` of a mailbox name in wire form, as `imap_cmd_select_wire`.
///
/// # Safety
/// As for `imap_cmd_select_qresync`.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_examine_wire(
    mailbox: *const c_char,
    condstore: bool,
    qresync: *const imap_qresync,
) -> *mut imap_command {
    guard(NULL, || boxed_or_null(select(wire_mailbox(mailbox), condstore, qresync).map(Command::Examine)))
}

/// A mailbox attribute written with its backslash, e.g. `\Drafts`.
fn mailbox_attr(s: &[u8]) -> Option<MailboxAttr<'static>> {
    Some(MailboxAttr::from_name(s.strip_prefix(b"\\")?).into_owned())
}

/// `CREATE mailbox [(USE (attr ...))]` (RFC 6154): `n` special-use
/// attributes written with their backslash, e.g. `"\\Drafts"`, `"\\Sent"`
/// or any `"\\Name"`; with `n` 0 (`special_use` may be NULL) no `USE` is
/// sent. An attribute without a leading backslash gives NULL.
///
/// # Safety
/// `mailbox` is NULL or a NUL-terminated string; `special_use` is NULL or
/// points to `n` pointers, each NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_create(
    mailbox: *const c_char,
    special_use: *const *const c_char,
    n: usize,
) -> *mut imap_command {
    guard(NULL, || {
        let attrs: Option<Vec<_>> =
            c_array(special_use, n).and_then(|a| a.iter().map(|&s| c_bytes(s).and_then(mailbox_attr)).collect());
        match (self::mailbox(mailbox), attrs) {
            (Some(mailbox), Some(special_use)) => boxed(Command::Create { mailbox, special_use }),
            _ => NULL,
        }
    })
}

/// `DELETE mailbox`
///
/// # Safety
/// `mailbox` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_delete(mailbox: *const c_char) -> *mut imap_command {
    guard(NULL, || boxed_or_null(self::mailbox(mailbox).map(Command::Delete)))
}

/// `RENAME from to`
///
/// # Safety
/// Both are NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_rename(from: *const c_char, to: *const c_char) -> *mut imap_command {
    guard(NULL, || match (mailbox(from), mailbox(to)) {
        (Some(from), Some(to)) => boxed(Command::Rename { from, to }),
        _ => NULL,
    })
}

/// `SUBSCRIBE mailbox`
///
/// # Safety
/// `mailbox` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_subscribe(mailbox: *const c_char) -> *mut imap_command {
    guard(NULL, || boxed_or_null(self::mailbox(mailbox).map(Command::Subscribe)))
}

/// `UNSUBSCRIBE mailbox`
///
/// # Safety
/// `mailbox` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_unsubscribe(mailbox: *const c_char) -> *mut imap_command {
    guard(NULL, || boxed_or_null(self::mailbox(mailbox).map(Command::Unsubscribe)))
}

/// A LIST selection option (RFC 5258, 6154): one of `IMAP_LIST_SELECT_*`.
pub type imap_list_select = u32;
/// `SUBSCRIBED`
pub const IMAP_LIST_SELECT_SUBSCRIBED: imap_list_select = 0;
/// `REMOTE`
pub const IMAP_LIST_SELECT_REMOTE: imap_list_select = 1;
/// `RECURSIVEMATCH` (needs `SUBSCRIBED` or `SPECIAL-USE` beside it)
pub const IMAP_LIST_SELECT_RECURSIVE_MATCH: imap_list_select = 2;
/// `SPECIAL-USE`
pub const IMAP_LIST_SELECT_SPECIAL_USE: imap_list_select = 3;

/// A LIST return option (RFC 5258, 6154): one of `IMAP_LIST_RETURN_*`;
/// `STATUS (...)` is added with `imap_list_options_return_status`.
pub type imap_list_return = u32;
/// `SUBSCRIBED`
pub const IMAP_LIST_RETURN_SUBSCRIBED: imap_list_return = 0;
/// `CHILDREN`
pub const IMAP_LIST_RETURN_CHILDREN: imap_list_return = 1;
/// `SPECIAL-USE`
pub const IMAP_LIST_RETURN_SPECIAL_USE: imap_list_return = 2;

/// The options of an extended LIST: selection and return options, sent
/// in the order they are added. Free with `imap_list_options_free` unless
/// given to `imap_cmd_list_extended`.
pub struct imap_list_options {
    selection: Vec<ListSelect>,
    returns: Vec<ListReturn>,
    failed: bool,
}

impl imap_list_options {
    /// Records the outcome of an add.
    fn added(&mut self, ok: bool) -> bool {
        self.failed |= !ok;
        ok
    }
}

/// New, empty LIST options.
#[no_mangle]
pub extern "C" fn imap_list_options_new() -> *mut imap_list_options {
    guard(std::ptr::null_mut(), || {
        Box::into_raw(Box::new(imap_list_options { selection: vec![], returns: vec![], failed: false }))
    })
}

/// Adds the selection option `option` (an `imap_list_select`). False if
/// `options` is NULL or `option` unknown.
///
/// # Safety
/// `options` is NULL or LIST options not yet freed nor given away.
#[no_mangle]
pub unsafe extern "C" fn imap_list_options_select(options: *mut imap_list_options, option: imap_list_select) -> bool {
    guard(false, || {
        let Some(o) = options.as_mut() else { return false };
        let sel = match option {
            IMAP_LIST_SELECT_SUBSCRIBED => Some(ListSelect::Subscribed),
            IMAP_LIST_SELECT_REMOTE => Some(ListSelect::Remote),
            IMAP_LIST_SELECT_RECURSIVE_MATCH => Some(ListSelect::RecursiveMatch),
            IMAP_LIST_SELECT_SPECIAL_USE => Some(ListSelect::SpecialUse),
            _ => None,
        };
        let ok = sel.map(|s| o.selection.push(s)).is_some();
        o.added(ok)
    })
}

/// Adds the return option `option` (an `imap_list_return`). False if
/// `options` is NULL or `option` unknown.
///
/// # Safety
/// `options` is NULL or LIST options not yet freed nor given away.
#[no_mangle]
pub unsafe extern "C" fn imap_list_options_return(options: *mut imap_list_options, option: imap_list_return) -> bool {
    guard(false, || {
        let Some(o) = options.as_mut() else { return false };
        let ret = match option {
            IMAP_LIST_RETURN_SUBSCRIBED => Some(ListReturn::Subscribed),
            IMAP_LIST_RETURN_CHILDREN => Some(ListReturn::Children),
            IMAP_LIST_RETURN_SPECIAL_USE => Some(ListReturn::SpecialUse),
            _ => None,
        };
        let ok = ret.map(|r| o.returns.push(r)).is_some();
        o.added(ok)
    })
}

/// Adds the return option `STATUS (item ...)` (RFC 5819) with `n` items
/// (`IMAP_STATUS_KIND_*` but not OTHER). False if an argument is NULL or
/// an item unknown.
///
/// # Safety
/// `options` is NULL or LIST options not yet freed nor given away; `items`
/// is NULL or points to `n` values.
#[no_mangle]
pub unsafe extern "C" fn imap_list_options_return_status(
    options: *mut imap_list_options,
    items: *const imap_status_kind,
    n: usize,
) -> bool {
    guard(false, || {
        let Some(o) = options.as_mut() else { return false };
        let ok = status_attrs(items, n).map(|v| o.returns.push(ListReturn::Status(v))).is_some();
        o.added(ok)
    })
}

/// Frees LIST options (NULL does nothing).
///
/// # Safety
/// `options` is NULL or LIST options not yet freed nor given away.
#[no_mangle]
pub unsafe extern "C" fn imap_list_options_free(options: *mut imap_list_options) {
    guard((), || drop(take(options)));
}

/// `LIST reference pattern`: the plain RFC 3501 LIST. The pattern may
/// hold the wildcards `*` and `%`.
///
/// # Safety
/// Both are NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_list(reference: *const c_char, pattern: *const c_char) -> *mut imap_command {
    guard(NULL, || match (mailbox(reference), mailbox(pattern)) {
        (Some(r), Some(p)) => boxed(Command::List(List::new(r, p))),
        _ => NULL,
    })
}

/// `LIST [(select-opts)] reference (pattern ...) [RETURN (...)]`
/// (RFC 5258): `n` patterns (one is sent bare, several in parentheses)
/// and `options` (NULL for none). The command takes `options` over; do
/// not free it.
///
/// # Safety
/// `reference` is NULL or a NUL-terminated string; `patterns` is NULL or
/// points to `n` pointers, each NULL or a NUL-terminated string; `options`
/// is NULL or LIST options not yet freed nor given away.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_list_extended(
    reference: *const c_char,
    patterns: *const *const c_char,
    n: usize,
    options: *mut imap_list_options,
) -> *mut imap_command {
    guard(NULL, || {
        let options = take(options);
        let patterns = strings(patterns, n).map(|v| v.into_iter().map(Mailbox::Name).collect());
        let (Some(reference), Some(patterns)) = (mailbox(reference), patterns) else { return NULL };
        let mut list = List { reference, patterns, selection: vec![], returns: vec![] };
        if let Some(o) = options {
            if o.failed {
                return NULL;
            }
            list.selection = o.selection;
            list.returns = o.returns;
        }
        boxed(Command::List(list))
    })
}

/// `LSUB reference pattern`
///
/// # Safety
/// Both are NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_lsub(reference: *const c_char, pattern: *const c_char) -> *mut imap_command {
    guard(NULL, || match (mailbox(reference), mailbox(pattern)) {
        (Some(reference), Some(pattern)) => boxed(Command::Lsub { reference, pattern }),
        _ => NULL,
    })
}

/// `STATUS mailbox (item ...)`: `n` items (`IMAP_STATUS_KIND_*` but not
/// OTHER), sent in the order given.
///
/// # Safety
/// `mailbox` is NULL or a NUL-terminated string; `items` is NULL or points
/// to `n` values.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_status(
    mailbox: *const c_char,
    items: *const imap_status_kind,
    n: usize,
) -> *mut imap_command {
    guard(NULL, || match (self::mailbox(mailbox), status_attrs(items, n)) {
        (Some(mailbox), Some(items)) => boxed(Command::Status { mailbox, items }),
        _ => NULL,
    })
}

/// One APPEND message; None if an argument is invalid.
unsafe fn message(
    data: *const u8,
    len: usize,
    flag_list: *const *const c_char,
    nflags: usize,
    date: *const imap_date_time,
    binary: bool,
) -> Option<AppendMessage<'static>> {
    let data = Bytes::owned(c_array(data, len)?.to_vec());
    let flags = flags(flag_list, nflags)?;
    let internal_date = date.as_ref().map(|d| DateTime {
        date: Date { year: d.year, month: d.month, day: d.day },
        hour: d.hour,
        minute: d.minute,
        second: d.second,
        zone_minutes: d.zone_minutes,
    });
    Some(AppendMessage { flags, internal_date, data, binary })
}

/// `APPEND mailbox [(flags)] [date-time] message`: the `len` bytes at
/// `data` (copied), `nflags` flags (strings such as `"\\Seen"`; none sends
/// no flag list), the internal date `date` (NULL for none) and, when
/// `binary` is true, the data as a `literal8` (`~{n}`, RFC 3516), which
/// may hold NUL bytes.
///
/// # Safety
/// `mailbox` is NULL or a NUL-terminated string; `data` is NULL (with
/// `len` 0) or points to `len` bytes; `flags` is NULL or points to
/// `nflags` pointers, each NULL or a NUL-terminated string; `date` is NULL
/// or points to an `imap_date_time`.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_append(
    mailbox: *const c_char,
    data: *const u8,
    len: usize,
    flags: *const *const c_char,
    nflags: usize,
    date: *const imap_date_time,
    binary: bool,
) -> *mut imap_command {
    guard(NULL, || match (self::mailbox(mailbox), message(data, len, flags, nflags, date, binary)) {
        (Some(mailbox), Some(m)) => boxed(Command::Append { mailbox, messages: vec![m] }),
        _ => NULL,
    })
}

/// An APPEND of several messages (MULTIAPPEND, RFC 3502) being built.
/// Free with `imap_append_free` unless given to `imap_cmd_append_multi`.
pub struct imap_append {
    mailbox: Mailbox<'static>,
    messages: Vec<AppendMessage<'static>>,
    failed: bool,
}

/// A new APPEND to `mailbox`, without messages yet; NULL if `mailbox` is
/// NULL.
///
/// # Safety
/// `mailbox` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_append_new(mailbox: *const c_char) -> *mut imap_append {
    guard(std::ptr::null_mut(), || match self::mailbox(mailbox) {
        Some(mailbox) => Box::into_raw(Box::new(imap_append { mailbox, messages: vec![], failed: false })),
        None => std::ptr::null_mut(),
    })
}

/// Adds a message to `append`, with the arguments of `imap_cmd_append`.
/// False if an argument is NULL or invalid.
///
/// # Safety
/// `append` is NULL or an APPEND builder not yet freed nor given away; the
/// other arguments are as for `imap_cmd_append`.
#[no_mangle]
pub unsafe extern "C" fn imap_append_add(
    append: *mut imap_append,
    data: *const u8,
    len: usize,
    flags: *const *const c_char,
    nflags: usize,
    date: *const imap_date_time,
    binary: bool,
) -> bool {
    guard(false, || {
        let Some(a) = append.as_mut() else { return false };
        let ok = message(data, len, flags, nflags, date, binary).map(|m| a.messages.push(m)).is_some();
        a.failed |= !ok;
        ok
    })
}

/// Frees an APPEND builder (NULL does nothing).
///
/// # Safety
/// `append` is NULL or an APPEND builder not yet freed nor given away.
#[no_mangle]
pub unsafe extern "C" fn imap_append_free(append: *mut imap_append) {
    guard((), || drop(take(append)));
}

/// `APPEND mailbox message ...` with the messages added to `append`, each
/// after its predecessor's data (MULTIAPPEND when there are several). The
/// command takes `append` over; do not free it.
///
/// # Safety
/// `append` is NULL or an APPEND builder not yet freed nor given away.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_append_multi(append: *mut imap_append) -> *mut imap_command {
    guard(NULL, || match take(append) {
        Some(a) if !a.failed => boxed(Command::Append { mailbox: a.mailbox, messages: a.messages }),
        _ => NULL,
    })
}

/// `[UID] COPY set mailbox`; `set` as in `"2:4"` or `"$"`.
///
/// # Safety
/// `set` and `mailbox` are NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_copy(uid: bool, set: *const c_char, mailbox: *const c_char) -> *mut imap_command {
    guard(NULL, || match (message_set(set), self::mailbox(mailbox)) {
        (Some(set), Some(mailbox)) => boxed(Command::Copy { uid, set, mailbox }),
        _ => NULL,
    })
}

/// `[UID] MOVE set mailbox` (RFC 6851); `set` as in `"42:69"` or `"$"`.
///
/// # Safety
/// `set` and `mailbox` are NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_move(uid: bool, set: *const c_char, mailbox: *const c_char) -> *mut imap_command {
    guard(NULL, || match (message_set(set), self::mailbox(mailbox)) {
        (Some(set), Some(mailbox)) => boxed(Command::Move { uid, set, mailbox }),
        _ => NULL,
    })
}

/// `GETQUOTA root` (RFC 9208)
///
/// # Safety
/// `root` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_get_quota(root: *const c_char) -> *mut imap_command {
    guard(NULL, || boxed_or_null(owned(root).map(Command::GetQuota)))
}

/// `GETQUOTAROOT mailbox` (RFC 9208)
///
/// # Safety
/// `mailbox` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_get_quota_root(mailbox: *const c_char) -> *mut imap_command {
    guard(NULL, || boxed_or_null(self::mailbox(mailbox).map(Command::GetQuotaRoot)))
}

/// `SETQUOTA root (resource limit ...)` (RFC 9208): `n` resources such as
/// `"STORAGE"` and their limits; with `n` 0 (both arrays may be NULL) it
/// sends `()`, which removes every limit.
///
/// # Safety
/// `root` is NULL or a NUL-terminated string; `resources` is NULL or
/// points to `n` pointers, each NULL or a NUL-terminated string; `limits`
/// is NULL or points to `n` numbers.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_set_quota(
    root: *const c_char,
    resources: *const *const c_char,
    limits: *const u64,
    n: usize,
) -> *mut imap_command {
    guard(NULL, || match (owned(root), strings(resources, n), c_array(limits, n)) {
        (Some(root), Some(r), Some(l)) => {
            boxed(Command::SetQuota { root, limits: r.into_iter().zip(l.iter().copied()).collect() })
        }
        _ => NULL,
    })
}

/// `GETACL mailbox` (RFC 4314)
///
/// # Safety
/// `mailbox` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_get_acl(mailbox: *const c_char) -> *mut imap_command {
    guard(NULL, || boxed_or_null(self::mailbox(mailbox).map(Command::GetAcl)))
}

/// How SETACL changes the rights: one of `IMAP_ACL_MODE_*`.
pub type imap_acl_mode = u32;
/// Replace the rights: `rights`.
pub const IMAP_ACL_MODE_SET: imap_acl_mode = 0;
/// Add the rights: `+rights`.
pub const IMAP_ACL_MODE_ADD: imap_acl_mode = 1;
/// Remove the rights: `-rights`.
pub const IMAP_ACL_MODE_REMOVE: imap_acl_mode = 2;

/// `SETACL mailbox identifier [+|-]rights` (RFC 4314); `mode` is an
/// `imap_acl_mode` and `rights` the rights characters, e.g. `"lrswi"`.
///
/// # Safety
/// The strings are NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_set_acl(
    mailbox: *const c_char,
    identifier: *const c_char,
    mode: imap_acl_mode,
    rights: *const c_char,
) -> *mut imap_command {
    guard(NULL, || {
        let mode = match mode {
            IMAP_ACL_MODE_SET => AclMode::Set,
            IMAP_ACL_MODE_ADD => AclMode::Add,
            IMAP_ACL_MODE_REMOVE => AclMode::Remove,
            _ => return NULL,
        };
        match (self::mailbox(mailbox), owned(identifier), owned(rights)) {
            (Some(mailbox), Some(identifier), Some(rights)) => {
                boxed(Command::SetAcl { mailbox, identifier, mode, rights })
            }
            _ => NULL,
        }
    })
}

/// `DELETEACL mailbox identifier` (RFC 4314)
///
/// # Safety
/// Both are NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_delete_acl(mailbox: *const c_char, identifier: *const c_char) -> *mut imap_command {
    guard(NULL, || match (self::mailbox(mailbox), owned(identifier)) {
        (Some(mailbox), Some(identifier)) => boxed(Command::DeleteAcl { mailbox, identifier }),
        _ => NULL,
    })
}

/// `MYRIGHTS mailbox` (RFC 4314)
///
/// # Safety
/// `mailbox` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_my_rights(mailbox: *const c_char) -> *mut imap_command {
    guard(NULL, || boxed_or_null(self::mailbox(mailbox).map(Command::MyRights)))
}

/// `LISTRIGHTS mailbox identifier` (RFC 4314)
///
/// # Safety
/// Both are NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_list_rights(mailbox: *const c_char, identifier: *const c_char) -> *mut imap_command {
    guard(NULL, || match (self::mailbox(mailbox), owned(identifier)) {
        (Some(mailbox), Some(identifier)) => boxed(Command::ListRights { mailbox, identifier }),
        _ => NULL,
    })
}

/// The GETMETADATA `DEPTH` option (RFC 5464): one of
/// `IMAP_METADATA_DEPTH_*`.
pub type imap_metadata_depth = u32;
/// No `DEPTH` option (the server's default, 0).
pub const IMAP_METADATA_DEPTH_DEFAULT: imap_metadata_depth = 0;
/// `DEPTH 0`: only the entries named.
pub const IMAP_METADATA_DEPTH_0: imap_metadata_depth = 1;
/// `DEPTH 1`: and their children.
pub const IMAP_METADATA_DEPTH_1: imap_metadata_depth = 2;
/// `DEPTH infinity`: and all their descendants.
pub const IMAP_METADATA_DEPTH_INFINITY: imap_metadata_depth = 3;

/// `GETMETADATA [(MAXSIZE n DEPTH d)] mailbox entries` (RFC 5464): `n`
/// entry names such as `"/shared/comment"` (one is sent bare, several in
/// parentheses), `max_size` (NULL for none) and `depth` (an
/// `imap_metadata_depth`). An empty mailbox name means the server.
///
/// # Safety
/// `mailbox` is NULL or a NUL-terminated string; `max_size` is NULL or
/// points to a number; `entries` is NULL or points to `n` pointers, each
/// NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_get_metadata(
    mailbox: *const c_char,
    max_size: *const u64,
    depth: imap_metadata_depth,
    entries: *const *const c_char,
    n: usize,
) -> *mut imap_command {
    guard(NULL, || {
        let depth = match depth {
            IMAP_METADATA_DEPTH_DEFAULT => None,
            IMAP_METADATA_DEPTH_0 => Some(MetadataDepth::Zero),
            IMAP_METADATA_DEPTH_1 => Some(MetadataDepth::One),
            IMAP_METADATA_DEPTH_INFINITY => Some(MetadataDepth::Infinity),
            _ => return NULL,
        };
        match (self::mailbox(mailbox), strings(entries, n)) {
            (Some(mailbox), Some(entries)) => {
                boxed(Command::GetMetadata { mailbox, max_size: opt_u64(max_size), depth, entries })
            }
            _ => NULL,
        }
    })
}

/// `SETMETADATA mailbox (entry value ...)` (RFC 5464): `n` pairs,
/// `entries[i]` and `values[i]`; a NULL value is sent as NIL, which
/// deletes the entry. An empty mailbox name means the server.
///
/// # Safety
/// `mailbox` is NULL or a NUL-terminated string; `entries` and `values`
/// are NULL or point to `n` pointers, each NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn imap_cmd_set_metadata(
    mailbox: *const c_char,
    entries: *const *const c_char,
    values: *const *const c_char,
    n: usize,
) -> *mut imap_command {
    guard(NULL, || match (self::mailbox(mailbox), strings(entries, n), nstrings(values, n)) {
        (Some(mailbox), Some(e), Some(v)) => {
            boxed(Command::SetMetadata { mailbox, entries: e.into_iter().zip(v).collect() })
        }
        _ => NULL,
    })
}
