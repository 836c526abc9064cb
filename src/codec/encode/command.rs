//! One function per command: the command name and its arguments, after
//! the tag and its space.

use std::borrow::Cow;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use super::writer::{is_atom, Writer};
use super::EncodeError;
use crate::types::{AclMode, AppendMessage, Bytes, Command, MetadataDepth, NString, RawArg};

/// RFC 2971 limits.
const ID_MAX_PAIRS: usize = 30;
const ID_MAX_FIELD: usize = 30;
const ID_MAX_VALUE: usize = 1024;

fn borrowed<'c>(b: &'c Bytes<'_>) -> Cow<'c, [u8]> {
    Cow::Borrowed(b.as_bytes())
}

pub(crate) fn command<'c>(w: &mut Writer<'c>, cmd: &'c Command<'_>) -> Result<(), EncodeError> {
    use Command as C;
    match cmd {
        C::Capability => w.raw(b"CAPABILITY"),
        C::Noop => w.raw(b"NOOP"),
        C::Logout => w.raw(b"LOGOUT"),
        C::StartTls => w.raw(b"STARTTLS"),
        C::Unauthenticate => w.raw(b"UNAUTHENTICATE"),
        C::Namespace => w.raw(b"NAMESPACE"),
        C::Idle => w.raw(b"IDLE"),
        C::Check => w.raw(b"CHECK"),
        C::Close => w.raw(b"CLOSE"),
        C::Unselect => w.raw(b"UNSELECT"),
        C::Expunge => w.raw(b"EXPUNGE"),
        C::CompressDeflate => w.raw(b"COMPRESS DEFLATE"),
        C::Id(params) => id(w, params)?,
        C::Enable(caps) => {
            if caps.is_empty() {
                return Err(EncodeError::EmptyList("ENABLE capabilities"));
            }
            w.raw(b"ENABLE");
            for c in caps {
                w.sp();
                w.atom("ENABLE capability", &c.to_wire())?;
            }
        }
        C::Authenticate { mechanism, initial_response } => {
            w.raw(b"AUTHENTICATE ");
            w.atom("SASL mechanism", mechanism)?;
            if let Some(ir) = initial_response {
                w.sp();
                if ir.is_empty() {
                    w.raw(b"=");
                } else {
                    w.raw(STANDARD.encode(ir.as_bytes()).as_bytes());
                }
            }
        }
        C::Login { username, password } => {
            w.raw(b"LOGIN ");
            w.astring("LOGIN user name", borrowed(username))?;
            w.sp();
            w.astring("LOGIN password", borrowed(password))?;
        }
        C::Select(s) => {
            w.raw(b"SELECT ");
            w.select(s)?;
        }
        C::Examine(s) => {
            w.raw(b"EXAMINE ");
            w.select(s)?;
        }
        C::Create { mailbox, special_use } => {
            w.raw(b"CREATE ");
            w.mailbox("mailbox", mailbox)?;
            w.create_use(special_use)?;
        }
        C::Delete(m) => {
            w.raw(b"DELETE ");
            w.mailbox("mailbox", m)?;
        }
        C::Rename { from, to } => {
            w.raw(b"RENAME ");
            w.mailbox("mailbox", from)?;
            w.sp();
            w.mailbox("new mailbox name", to)?;
        }
        C::Subscribe(m) => {
            w.raw(b"SUBSCRIBE ");
            w.mailbox("mailbox", m)?;
        }
        C::Unsubscribe(m) => {
            w.raw(b"UNSUBSCRIBE ");
            w.mailbox("mailbox", m)?;
        }
        C::List(l) => w.list(l)?,
        C::Lsub { reference, pattern } => {
            w.raw(b"LSUB ");
            w.mailbox("LSUB reference", reference)?;
            w.sp();
            w.list_mailbox("LSUB pattern", pattern)?;
        }
        C::Status { mailbox, items } => {
            w.raw(b"STATUS ");
            w.mailbox("mailbox", mailbox)?;
            w.sp();
            w.status_atts("STATUS items", items)?;
        }
        C::Append { mailbox, messages } => {
            if messages.is_empty() {
                return Err(EncodeError::EmptyList("APPEND messages"));
            }
            w.raw(b"APPEND ");
            w.mailbox("mailbox", mailbox)?;
            for m in messages {
                append_message(w, m)?;
            }
        }
        C::GetQuota(root) => {
            w.raw(b"GETQUOTA ");
            w.astring("quota root", borrowed(root))?;
        }
        C::GetQuotaRoot(m) => {
            w.raw(b"GETQUOTAROOT ");
            w.mailbox("mailbox", m)?;
        }
        C::SetQuota { root, limits } => {
            w.raw(b"SETQUOTA ");
            w.astring("quota root", borrowed(root))?;
            w.raw(b" (");
            for (i, (name, limit)) in limits.iter().enumerate() {
                if i > 0 {
                    w.sp();
                }
                w.atom("quota resource name", name)?;
                w.sp();
                w.number(*limit);
            }
            w.raw(b")");
        }
        C::GetAcl(m) => {
            w.raw(b"GETACL ");
            w.mailbox("mailbox", m)?;
        }
        C::SetAcl { mailbox, identifier, mode, rights } => {
            w.raw(b"SETACL ");
            w.mailbox("mailbox", mailbox)?;
            w.sp();
            w.astring("ACL identifier", borrowed(identifier))?;
            w.sp();
            let rights = match mode {
                AclMode::Set => borrowed(rights),
                AclMode::Add => Cow::Owned([b"+", rights.as_bytes()].concat()),
                AclMode::Remove => Cow::Owned([b"-", rights.as_bytes()].concat()),
            };
            w.astring("ACL rights", rights)?;
        }
        C::DeleteAcl { mailbox, identifier } => {
            w.raw(b"DELETEACL ");
            w.mailbox("mailbox", mailbox)?;
            w.sp();
            w.astring("ACL identifier", borrowed(identifier))?;
        }
        C::MyRights(m) => {
            w.raw(b"MYRIGHTS ");
            w.mailbox("mailbox", m)?;
        }
        C::ListRights { mailbox, identifier } => {
            w.raw(b"LISTRIGHTS ");
            w.mailbox("mailbox", mailbox)?;
            w.sp();
            w.astring("ACL identifier", borrowed(identifier))?;
        }
        C::GetMetadata { mailbox, max_size, depth, entries } => {
            w.raw(b"GETMETADATA");
            if max_size.is_some() || depth.is_some() {
                w.raw(b" (");
                if let Some(n) = max_size {
                    w.raw(b"MAXSIZE ");
                    w.number(*n);
                    if depth.is_some() {
                        w.sp();
                    }
                }
                if let Some(d) = depth {
                    w.raw(b"DEPTH ");
                    w.raw(match d {
                        MetadataDepth::Zero => b"0",
                        MetadataDepth::One => b"1",
                        MetadataDepth::Infinity => b"infinity",
                    });
                }
                w.raw(b")");
            }
            w.sp();
            w.mailbox("mailbox", mailbox)?;
            w.sp();
            match entries.as_slice() {
                [] => return Err(EncodeError::EmptyList("GETMETADATA entries")),
                [one] => w.astring("metadata entry", borrowed(one))?,
                many => {
                    w.raw(b"(");
                    for (i, e) in many.iter().enumerate() {
                        if i > 0 {
                            w.sp();
                        }
                        w.astring("metadata entry", borrowed(e))?;
                    }
                    w.raw(b")");
                }
            }
        }
        C::SetMetadata { mailbox, entries } => {
            if entries.is_empty() {
                return Err(EncodeError::EmptyList("SETMETADATA entries"));
            }
            w.raw(b"SETMETADATA ");
            w.mailbox("mailbox", mailbox)?;
            w.raw(b" (");
            for (i, (entry, value)) in entries.iter().enumerate() {
                if i > 0 {
                    w.sp();
                }
                w.astring("metadata entry", borrowed(entry))?;
                w.sp();
                w.nstring("metadata value", value.as_ref().map(borrowed))?;
            }
            w.raw(b")");
        }
        C::UidExpunge(set) => {
            w.raw(b"UID EXPUNGE ");
            w.set("UID EXPUNGE set", set)?;
        }
        C::Search(s) => w.search(s)?,
        C::Fetch(f) => w.fetch(f)?,
        C::Store(s) => w.store(s)?,
        C::Copy { uid, set, mailbox } | C::Move { uid, set, mailbox } => {
            if *uid {
                w.raw(b"UID ");
            }
            w.raw(if matches!(cmd, C::Copy { .. }) { b"COPY " } else { b"MOVE " });
            w.set("set", set)?;
            w.sp();
            w.mailbox("mailbox", mailbox)?;
        }
        C::Sort { uid, criteria, charset, keys } => {
            if *uid {
                w.raw(b"UID ");
            }
            w.raw(b"SORT");
            w.sort_criteria(criteria)?;
            w.sp();
            w.atom_or_quoted("SORT charset", charset)?;
            w.search_keys(keys)?;
        }
        C::Thread { uid, algorithm, charset, keys } => {
            if *uid {
                w.raw(b"UID ");
            }
            w.raw(b"THREAD ");
            w.thread_algorithm(algorithm)?;
            w.sp();
            w.atom_or_quoted("THREAD charset", charset)?;
            w.search_keys(keys)?;
        }
        C::Raw { name, args } => {
            w.atom("command name", name)?;
            for a in args {
                w.sp();
                raw_arg(w, a)?;
            }
        }
    }
    Ok(())
}

/// `ID NIL` or `ID ("field" "value" ...)`.
fn id<'c>(w: &mut Writer<'c>, params: &'c [(Bytes<'_>, NString<'_>)]) -> Result<(), EncodeError> {
    w.raw(b"ID ");
    if params.is_empty() {
        w.raw(b"NIL");
        return Ok(());
    }
    if params.len() > ID_MAX_PAIRS {
        return Err(EncodeError::InvalidId("has more than 30 pairs"));
    }
    let has_nul = |b: &[u8]| b.contains(&0);
    if params.iter().any(|(f, v)| has_nul(f) || v.as_deref().is_some_and(has_nul)) {
        return Err(EncodeError::Nul("ID parameter"));
    }
    w.raw(b"(");
    for (i, (field, value)) in params.iter().enumerate() {
        if field.len() > ID_MAX_FIELD {
            return Err(EncodeError::InvalidId("field longer than 30 octets"));
        }
        if value.as_ref().is_some_and(|v| v.len() > ID_MAX_VALUE) {
            return Err(EncodeError::InvalidId("value longer than 1024 octets"));
        }
        if i > 0 {
            w.sp();
        }
        w.string("ID field", borrowed(field))?;
        w.sp();
        w.nstring("ID value", value.as_ref().map(borrowed))?;
    }
    w.raw(b")");
    Ok(())
}

/// ` [(flags)] ["date-time"] literal` for one APPEND message.
fn append_message<'c>(w: &mut Writer<'c>, m: &'c AppendMessage<'_>) -> Result<(), EncodeError> {
    if !m.flags.is_empty() {
        w.sp();
        w.flag_list(&m.flags)?;
    }
    if let Some(d) = &m.internal_date {
        w.sp();
        w.date_time("APPEND date-time", d)?;
    }
    w.sp();
    w.literal("APPEND message", Cow::Borrowed(m.data.as_bytes()), m.binary)
}

fn raw_arg<'c>(w: &mut Writer<'c>, a: &'c RawArg<'_>) -> Result<(), EncodeError> {
    match a {
        RawArg::Atom(b) => {
            if b.contains(&0) {
                return Err(EncodeError::Nul("raw atom"));
            }
            if !is_atom(b) {
                return Err(EncodeError::InvalidAtom("raw atom"));
            }
            w.raw(b);
        }
        RawArg::String(b) => w.astring("raw string", borrowed(b))?,
        RawArg::Mailbox(m) => w.mailbox("raw mailbox", m)?,
        RawArg::Number(n) => w.number(*n),
        RawArg::Set(s) => w.set("raw set", s)?,
        RawArg::Literal(b) => w.literal("raw literal", borrowed(b), false)?,
        RawArg::List(items) => {
            w.raw(b"(");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    w.sp();
                }
                raw_arg(w, item)?;
            }
            w.raw(b")");
        }
    }
    Ok(())
}
