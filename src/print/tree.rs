//! Conversion of the data model into printable trees, following docs/sexp.md.

use super::Node;
use crate::codec::Event;
use crate::codec::FrameError;
use crate::types::*;

/// A value that has a canonical printed form.
pub trait ToNode {
    /// The value as a printable tree.
    fn to_node(&self) -> Node<'_>;
}

fn form<'a>(name: &'static str, args: impl IntoIterator<Item = Node<'a>>) -> Node<'a> {
    let mut v = vec![Node::Keyword(name)];
    v.extend(args);
    Node::List(v)
}

fn string<'a>(b: &'a Bytes<'_>) -> Node<'a> {
    Node::Str(b.as_bytes())
}

fn nstring<'a>(b: &'a NString<'_>) -> Node<'a> {
    b.as_ref().map_or(Node::Nil, string)
}

fn list<'a, T: 'a>(items: &'a [T], f: impl Fn(&'a T) -> Node<'a>) -> Node<'a> {
    Node::List(items.iter().map(f).collect())
}

fn strings<'a>(items: &'a [Bytes<'_>]) -> impl Iterator<Item = Node<'a>> + 'a {
    items.iter().map(string)
}

fn set(s: &SequenceSet) -> Node<'static> {
    Node::Bare(s.to_string())
}

fn delimiter(d: Option<u8>) -> Node<'static> {
    d.map_or(Node::Nil, |c| Node::Bare({
        let mut out = String::new();
        super::write_sexp_string(&[c], &mut out);
        out
    }))
}

impl ToNode for Response<'_> {
    fn to_node(&self) -> Node<'_> {
        match self {
            Response::Untagged(u) => u.to_node(),
            Response::Continue(t) => resp_text("cont", t),
            Response::Tagged(t) => form("tagged", [string(&t.tag), state(t.status, &t.text)]),
        }
    }
}

fn state<'a>(status: Status, text: &'a RespText<'_>) -> Node<'a> {
    let name = match status {
        Status::Ok => "ok",
        Status::No => "no",
        Status::Bad => "bad",
    };
    resp_text(name, text)
}

fn resp_text<'a>(name: &'static str, t: &'a RespText<'_>) -> Node<'a> {
    let code = t.code.as_ref().map_or(Node::Keyword("none"), ToNode::to_node);
    form(name, [code, string(&t.text)])
}

impl ToNode for Untagged<'_> {
    fn to_node(&self) -> Node<'_> {
        match self {
            Untagged::Ok(t) => resp_text("ok", t),
            Untagged::No(t) => resp_text("no", t),
            Untagged::Bad(t) => resp_text("bad", t),
            Untagged::Bye(t) => resp_text("bye", t),
            Untagged::Preauth(t) => resp_text("preauth", t),
            Untagged::Capability(c) => form("capability", c.iter().map(ToNode::to_node)),
            Untagged::Enabled(c) => form("enabled", c.iter().map(ToNode::to_node)),
            Untagged::Flags(f) => form("flags", f.iter().map(ToNode::to_node)),
            Untagged::List(m) => list_mailbox("list", m),
            Untagged::Lsub(m) => list_mailbox("lsub", m),
            Untagged::Xlist(m) => list_mailbox("xlist", m),
            Untagged::Status { mailbox, items } => {
                form("status", std::iter::once(string(mailbox)).chain(items.iter().map(ToNode::to_node)))
            }
            Untagged::Search { ids, modseq } => id_list("search", ids, *modseq),
            Untagged::Sort { ids, modseq } => id_list("sort", ids, *modseq),
            Untagged::Esearch(e) => {
                let tag = e.tag.as_ref().map(|t| form("tag", [string(t)]));
                let uid = e.uid.then_some(Node::Keyword("uid"));
                form("esearch", tag.into_iter().chain(uid).chain(e.items.iter().map(ToNode::to_node)))
            }
            Untagged::Thread(t) => form("thread", t.iter().map(ToNode::to_node)),
            Untagged::Namespace { personal, other, shared } => {
                form("namespace", [personal, other, shared].into_iter().map(|n| namespace(n.as_deref())))
            }
            Untagged::Id(None) => form("id", [Node::Nil]),
            Untagged::Id(Some(fields)) => {
                form("id", fields.iter().map(|(k, v)| Node::List(vec![string(k), nstring(v)])))
            }
            Untagged::Quota { root, resources } => form(
                "quota",
                std::iter::once(string(root)).chain(resources.iter().map(|r| {
                    Node::List(vec![string(&r.name), Node::Num(r.usage), Node::Num(r.limit)])
                })),
            ),
            Untagged::QuotaRoot { mailbox, roots } => {
                form("quota-root", std::iter::once(string(mailbox)).chain(strings(roots)))
            }
            Untagged::Acl { mailbox, entries } => form(
                "acl",
                std::iter::once(string(mailbox))
                    .chain(entries.iter().map(|(id, r)| Node::List(vec![string(id), string(r)]))),
            ),
            Untagged::ListRights { mailbox, identifier, required, optional } => form(
                "list-rights",
                [string(mailbox), string(identifier), string(required)].into_iter().chain(strings(optional)),
            ),
            Untagged::MyRights { mailbox, rights } => form("my-rights", [string(mailbox), string(rights)]),
            Untagged::Metadata { mailbox, entries } => {
                let entries = match entries {
                    MetadataEntries::Values(v) => {
                        form("values", v.iter().map(|(k, v)| Node::List(vec![string(k), nstring(v)])))
                    }
                    MetadataEntries::Changed(names) => form("changed", strings(names)),
                };
                form("metadata", [string(mailbox), entries])
            }
            Untagged::Exists(n) => form("exists", [Node::Num(u64::from(*n))]),
            Untagged::Recent(n) => form("recent", [Node::Num(u64::from(*n))]),
            Untagged::Expunge(n) => form("expunge", [Node::Num(u64::from(*n))]),
            Untagged::Fetch { seq, items } => {
                form("fetch", std::iter::once(Node::Num(u64::from(*seq))).chain(items.iter().map(ToNode::to_node)))
            }
            Untagged::Vanished { earlier, uids } => {
                form(if *earlier { "vanished-earlier" } else { "vanished" }, [set(uids)])
            }
            Untagged::Other { number, name, rest } => form(
                "other",
                [number.map_or(Node::Nil, |n| Node::Num(u64::from(n))), string(name), string(rest)],
            ),
        }
    }
}

fn id_list(name: &'static str, ids: &[u32], modseq: Option<u64>) -> Node<'static> {
    let modseq = modseq.map(|m| form("modseq", [Node::Num(m)]));
    form(name, ids.iter().map(|&n| Node::Num(u64::from(n))).chain(modseq))
}

fn list_mailbox<'a>(name: &'static str, m: &'a ListMailbox<'_>) -> Node<'a> {
    let head = [list(m.attributes, ToNode::to_node), delimiter(m.delimiter), string(&m.name)];
    form(name, head.into_iter().chain(m.extended.iter().map(ToNode::to_node)))
}

fn namespace<'a>(n: Option<&'a [NamespaceDesc<'_>]>) -> Node<'a> {
    let Some(descs) = n else { return Node::Nil };
    list(descs, |d| {
        let ext = d.extensions.iter().map(|(k, v)| Node::List(std::iter::once(string(k)).chain(strings(v)).collect()));
        Node::List([string(&d.prefix), delimiter(d.delimiter)].into_iter().chain(ext).collect())
    })
}

impl ToNode for Thread<'_> {
    fn to_node(&self) -> Node<'_> {
        let members = self.members.iter().map(|&n| Node::Num(u64::from(n)));
        Node::List(members.chain(self.children.iter().map(ToNode::to_node)).collect())
    }
}

impl ToNode for EsearchItem<'_> {
    fn to_node(&self) -> Node<'_> {
        match self {
            EsearchItem::Min(n) => form("min", [Node::Num(u64::from(*n))]),
            EsearchItem::Max(n) => form("max", [Node::Num(u64::from(*n))]),
            EsearchItem::All(s) => form("all", [set(s)]),
            EsearchItem::Count(n) => form("count", [Node::Num(u64::from(*n))]),
            EsearchItem::ModSeq(n) => form("modseq", [Node::Num(*n)]),
            EsearchItem::Other { name, value } => form("other", [string(name), string(value)]),
        }
    }
}

impl ToNode for ListExtendedItem<'_> {
    fn to_node(&self) -> Node<'_> {
        match self {
            ListExtendedItem::ChildInfo(opts) => form("childinfo", strings(opts)),
            ListExtendedItem::OldName(n) => form("oldname", [string(n)]),
            ListExtendedItem::Other { tag, value } => form("ext", [string(tag), string(value)]),
        }
    }
}

impl ToNode for StatusItem<'_> {
    fn to_node(&self) -> Node<'_> {
        let n32 = |name, n: &u32| form(name, [Node::Num(u64::from(*n))]);
        match self {
            StatusItem::Messages(n) => n32("messages", n),
            StatusItem::Recent(n) => n32("recent", n),
            StatusItem::UidNext(n) => n32("uid-next", n),
            StatusItem::UidValidity(n) => n32("uid-validity", n),
            StatusItem::Unseen(n) => n32("unseen", n),
            StatusItem::Deleted(n) => n32("deleted", n),
            StatusItem::Size(n) => form("size", [Node::Num(*n)]),
            StatusItem::HighestModSeq(n) => form("highest-modseq", [Node::Num(*n)]),
            StatusItem::AppendLimit(n) => form("append-limit", [n.map_or(Node::Nil, Node::Num)]),
            StatusItem::MailboxId(id) => form("mailbox-id", [string(id)]),
            StatusItem::DeletedStorage(n) => form("deleted-storage", [Node::Num(*n)]),
            StatusItem::Other { name, value } => form("other", [string(name), string(value)]),
        }
    }
}

impl ToNode for Code<'_> {
    fn to_node(&self) -> Node<'_> {
        let kw = Node::Keyword;
        let n32 = |name, n: &u32| form(name, [Node::Num(u64::from(*n))]);
        match self {
            Code::Alert => kw("alert"),
            Code::BadCharset(c) => form("badcharset", strings(c)),
            Code::Capability(c) => form("capability", c.iter().map(ToNode::to_node)),
            Code::Parse => kw("parse"),
            Code::PermanentFlags(f) => form("permanent-flags", f.iter().map(ToNode::to_node)),
            Code::ReadOnly => kw("read-only"),
            Code::ReadWrite => kw("read-write"),
            Code::TryCreate => kw("try-create"),
            Code::UidNext(n) => n32("uid-next", n),
            Code::UidValidity(n) => n32("uid-validity", n),
            Code::Unseen(n) => n32("unseen", n),
            Code::AppendUid { uid_validity, uids } => {
                form("append-uid", [Node::Num(u64::from(*uid_validity)), set(uids)])
            }
            Code::CopyUid { uid_validity, source, dest } => {
                form("copy-uid", [Node::Num(u64::from(*uid_validity)), set(source), set(dest)])
            }
            Code::UidNotSticky => kw("uid-not-sticky"),
            Code::HighestModSeq(n) => form("highest-modseq", [Node::Num(*n)]),
            Code::NoModSeq => kw("no-modseq"),
            Code::Modified(s) => form("modified", [set(s)]),
            Code::Closed => kw("closed"),
            Code::CompressionActive => kw("compression-active"),
            Code::UseAttr => kw("use-attr"),
            Code::Unavailable => kw("unavailable"),
            Code::AuthenticationFailed => kw("authentication-failed"),
            Code::AuthorizationFailed => kw("authorization-failed"),
            Code::Expired => kw("expired"),
            Code::PrivacyRequired => kw("privacy-required"),
            Code::ContactAdmin => kw("contact-admin"),
            Code::NoPerm => kw("no-perm"),
            Code::InUse => kw("in-use"),
            Code::ExpungeIssued => kw("expunge-issued"),
            Code::Corruption => kw("corruption"),
            Code::ServerBug => kw("server-bug"),
            Code::ClientBug => kw("client-bug"),
            Code::Cannot => kw("cannot"),
            Code::Limit => kw("limit"),
            Code::OverQuota => kw("over-quota"),
            Code::AlreadyExists => kw("already-exists"),
            Code::NonExistent => kw("non-existent"),
            Code::NotSaved => kw("not-saved"),
            Code::HasChildren => kw("has-children"),
            Code::UnknownCte => kw("unknown-cte"),
            Code::TooBig => kw("too-big"),
            Code::BadUrl(u) => form("bad-url", [string(u)]),
            Code::NoUpdate(t) => form("no-update", [string(t)]),
            Code::MailboxId(id) => form("mailbox-id", [string(id)]),
            Code::MetadataLongEntries(n) => form("metadata-long-entries", [Node::Num(*n)]),
            Code::MetadataMaxSize(n) => form("metadata-max-size", [Node::Num(*n)]),
            Code::MetadataTooMany => kw("metadata-too-many"),
            Code::MetadataNoPrivate => kw("metadata-no-private"),
            Code::NotificationOverflow => kw("notification-overflow"),
            Code::Referral(u) => form("referral", [string(u)]),
            Code::Other { name, text } => form("other", [string(name), nstring(text)]),
        }
    }
}

impl ToNode for Capability<'_> {
    fn to_node(&self) -> Node<'_> {
        let kw = Node::Keyword;
        match self {
            Capability::Imap4 => kw("imap4"),
            Capability::Imap4Rev1 => kw("imap4rev1"),
            Capability::Imap4Rev2 => kw("imap4rev2"),
            Capability::Acl => kw("acl"),
            Capability::AppendLimit(None) => kw("append-limit"),
            Capability::AppendLimit(Some(n)) => form("append-limit", [Node::Num(*n)]),
            Capability::Auth(m) => form("auth", [string(m)]),
            Capability::Binary => kw("binary"),
            Capability::Catenate => kw("catenate"),
            Capability::Children => kw("children"),
            Capability::CompressDeflate => kw("compress-deflate"),
            Capability::Condstore => kw("condstore"),
            Capability::ContextSearch => kw("context-search"),
            Capability::ContextSort => kw("context-sort"),
            Capability::Enable => kw("enable"),
            Capability::Esearch => kw("esearch"),
            Capability::Esort => kw("esort"),
            Capability::Id => kw("id"),
            Capability::Idle => kw("idle"),
            Capability::ListExtended => kw("list-extended"),
            Capability::ListStatus => kw("list-status"),
            Capability::LiteralPlus => kw("literal+"),
            Capability::LiteralMinus => kw("literal-"),
            Capability::LoginDisabled => kw("login-disabled"),
            Capability::Metadata => kw("metadata"),
            Capability::MetadataServer => kw("metadata-server"),
            Capability::Move => kw("move"),
            Capability::MultiAppend => kw("multi-append"),
            Capability::Namespace => kw("namespace"),
            Capability::Notify => kw("notify"),
            Capability::ObjectId => kw("object-id"),
            Capability::Partial => kw("partial"),
            Capability::Preview => kw("preview"),
            Capability::Qresync => kw("qresync"),
            Capability::Quota => kw("quota"),
            Capability::QuotaRes(r) => form("quota-res", [string(r)]),
            Capability::QuotaSet => kw("quota-set"),
            Capability::Quote => kw("quote"),
            Capability::SaslIr => kw("sasl-ir"),
            Capability::SaveDate => kw("save-date"),
            Capability::SearchRes => kw("search-res"),
            Capability::Sort => kw("sort"),
            Capability::SortExt(s) => form("sort-ext", [string(s)]),
            Capability::SpecialUse => kw("special-use"),
            Capability::CreateSpecialUse => kw("create-special-use"),
            Capability::StartTls => kw("start-tls"),
            Capability::StatusSize => kw("status-size"),
            Capability::Thread(t) => form("thread", [string(t)]),
            Capability::UidPlus => kw("uid-plus"),
            Capability::Unauthenticate => kw("unauthenticate"),
            Capability::Unselect => kw("unselect"),
            Capability::Utf8Accept => kw("utf8-accept"),
            Capability::Utf8Only => kw("utf8-only"),
            Capability::Within => kw("within"),
            Capability::Xlist => kw("xlist"),
            Capability::Xoauth2 => kw("xoauth2"),
            Capability::Gmail => kw("gmail"),
            Capability::Other(o) => form("other", [string(o)]),
        }
    }
}

impl ToNode for Flag<'_> {
    fn to_node(&self) -> Node<'_> {
        match self {
            Flag::Answered => Node::Keyword("answered"),
            Flag::Flagged => Node::Keyword("flagged"),
            Flag::Deleted => Node::Keyword("deleted"),
            Flag::Seen => Node::Keyword("seen"),
            Flag::Draft => Node::Keyword("draft"),
            Flag::Recent => Node::Keyword("recent"),
            Flag::Wildcard => Node::Keyword("wildcard"),
            Flag::Keyword(k) => form("keyword", [string(k)]),
            Flag::Extension(e) => form("extension", [string(e)]),
            Flag::Unparsed(r) => form("unparsed", [string(r)]),
        }
    }
}

impl ToNode for MailboxAttr<'_> {
    fn to_node(&self) -> Node<'_> {
        let kw = Node::Keyword;
        match self {
            MailboxAttr::Noinferiors => kw("noinferiors"),
            MailboxAttr::Noselect => kw("noselect"),
            MailboxAttr::Marked => kw("marked"),
            MailboxAttr::Unmarked => kw("unmarked"),
            MailboxAttr::NonExistent => kw("non-existent"),
            MailboxAttr::Subscribed => kw("subscribed"),
            MailboxAttr::Remote => kw("remote"),
            MailboxAttr::HasChildren => kw("has-children"),
            MailboxAttr::HasNoChildren => kw("has-no-children"),
            MailboxAttr::All => kw("all"),
            MailboxAttr::Archive => kw("archive"),
            MailboxAttr::Drafts => kw("drafts"),
            MailboxAttr::Flagged => kw("flagged"),
            MailboxAttr::Junk => kw("junk"),
            MailboxAttr::Sent => kw("sent"),
            MailboxAttr::Trash => kw("trash"),
            MailboxAttr::Important => kw("important"),
            MailboxAttr::Extension(e) => form("extension", [string(e)]),
            MailboxAttr::Unparsed(r) => form("unparsed", [string(r)]),
        }
    }
}

impl ToNode for FetchItem<'_> {
    fn to_node(&self) -> Node<'_> {
        let part = |p: &[u32]| Node::List(p.iter().map(|&n| Node::Num(u64::from(n))).collect());
        let origin = |o: &Option<u32>| o.map_or(Node::Nil, |n| Node::Num(u64::from(n)));
        match self {
            FetchItem::Flags(f) => form("flags", f.iter().map(ToNode::to_node)),
            FetchItem::Envelope(e) => e.to_node(),
            FetchItem::InternalDate(d) => form("internal-date", [Node::Bare(d.to_iso8601())]),
            FetchItem::Rfc822Size(n) => form("rfc822-size", [Node::Num(*n)]),
            FetchItem::Rfc822(d) => form("rfc822", [nstring(d)]),
            FetchItem::Rfc822Header(d) => form("rfc822-header", [nstring(d)]),
            FetchItem::Rfc822Text(d) => form("rfc822-text", [nstring(d)]),
            FetchItem::Body(b) => form("body", [b.to_node()]),
            FetchItem::BodyStructure(b) => form("bodystructure", [b.to_node()]),
            FetchItem::BodySection { section, origin: o, data } => {
                form("body-section", [section.to_node(), origin(o), nstring(data)])
            }
            FetchItem::Binary { part: p, origin: o, data } => form("binary", [part(p), origin(o), nstring(data)]),
            FetchItem::BinarySize { part: p, size } => form("binary-size", [part(p), Node::Num(*size)]),
            FetchItem::Uid(n) => form("uid", [Node::Num(u64::from(*n))]),
            FetchItem::ModSeq(n) => form("modseq", [Node::Num(*n)]),
            FetchItem::EmailId(id) => form("email-id", [string(id)]),
            FetchItem::ThreadId(id) => form("thread-id", [nstring(id)]),
            FetchItem::SaveDate(d) => form("save-date", [d.map_or(Node::Nil, |d| Node::Bare(d.to_iso8601()))]),
            FetchItem::Preview(p) => form("preview", [nstring(p)]),
            FetchItem::GmMsgId(n) => form("gm-msgid", [Node::Num(*n)]),
            FetchItem::GmThrId(n) => form("gm-thrid", [Node::Num(*n)]),
            FetchItem::GmLabels(l) => form("gm-labels", strings(l)),
            FetchItem::Other { name, value } => form("other", [string(name), string(value)]),
        }
    }
}

impl ToNode for Section<'_> {
    fn to_node(&self) -> Node<'_> {
        let mut node = match &self.text {
            None => Node::Keyword("all"),
            Some(SectionText::Header) => Node::Keyword("header"),
            Some(SectionText::Text) => Node::Keyword("text"),
            Some(SectionText::Mime) => Node::Keyword("mime"),
            Some(SectionText::HeaderFields(f)) => form("header-fields", strings(f)),
            Some(SectionText::HeaderFieldsNot(f)) => form("header-fields-not", strings(f)),
        };
        for &n in self.part.iter().rev() {
            node = form("part", [Node::Num(u64::from(n)), node]);
        }
        node
    }
}

impl ToNode for Envelope<'_> {
    fn to_node(&self) -> Node<'_> {
        fn addrs<'a>(name: &'static str, a: &'a [Address<'_>]) -> Node<'a> {
            form(name, a.iter().map(ToNode::to_node))
        }
        form("envelope", [
            form("date", [nstring(&self.date)]),
            form("subject", [nstring(&self.subject)]),
            addrs("from", self.from),
            addrs("sender", self.sender),
            addrs("reply-to", self.reply_to),
            addrs("to", self.to),
            addrs("cc", self.cc),
            addrs("bcc", self.bcc),
            form("in-reply-to", [nstring(&self.in_reply_to)]),
            form("message-id", [nstring(&self.message_id)]),
        ])
    }
}

impl ToNode for Address<'_> {
    fn to_node(&self) -> Node<'_> {
        match &self.unparsed {
            Some(raw) => form("unparsed", [string(raw)]),
            None => form("address", [nstring(&self.name), nstring(&self.adl), nstring(&self.mailbox), nstring(&self.host)]),
        }
    }
}

fn params<'a>(p: &'a [(Bytes<'_>, NString<'_>)]) -> Node<'a> {
    list(p, |(k, v)| Node::List(vec![string(k), nstring(v)]))
}

fn disposition<'a>(d: &'a Option<Disposition<'_>>) -> Node<'a> {
    d.as_ref().map_or(Node::Nil, |d| Node::List(vec![string(&d.kind), params(d.params)]))
}

fn ext_tail<'a>(
    disposition_: &'a Option<Disposition<'_>>,
    language: &'a [Bytes<'_>],
    location: &'a NString<'_>,
    extensions: &'a [BodyExtension<'_>],
) -> impl Iterator<Item = Node<'a>> + 'a {
    [disposition(disposition_), Node::List(strings(language).collect()), nstring(location)]
        .into_iter()
        .chain(extensions.iter().map(ToNode::to_node))
}

impl ToNode for BodyExtension<'_> {
    fn to_node(&self) -> Node<'_> {
        match self {
            BodyExtension::NString(s) => nstring(s),
            BodyExtension::Number(n) => Node::Num(*n),
            BodyExtension::List(l) => list(l, ToNode::to_node),
            BodyExtension::Unparsed(r) => form("unparsed", [string(r)]),
        }
    }
}

impl ToNode for BodyStructure<'_> {
    fn to_node(&self) -> Node<'_> {
        match self {
            BodyStructure::Single { kind, fields, ext } => {
                let f = form(
                    "fields",
                    [
                        params(fields.params),
                        nstring(&fields.id),
                        nstring(&fields.description),
                        string(&fields.encoding),
                        Node::Num(u64::from(fields.octets)),
                    ],
                );
                let ext = ext.as_ref().map(|e| {
                    form("ext", std::iter::once(nstring(&e.md5)).chain(ext_tail(&e.disposition, e.language, &e.location, e.extensions)))
                });
                match kind {
                    SinglePart::Text { subtype, lines } => {
                        form("text", [string(subtype), f, Node::Num(*lines)].into_iter().chain(ext))
                    }
                    SinglePart::Message { subtype, envelope, body, lines } => form(
                        "message",
                        [string(subtype), f, envelope.to_node(), body.to_node(), Node::Num(*lines)].into_iter().chain(ext),
                    ),
                    SinglePart::Basic { media_type, subtype } => {
                        form("basic", [string(media_type), string(subtype), f].into_iter().chain(ext))
                    }
                }
            }
            BodyStructure::Multi { parts, subtype, ext } => {
                let ext = ext.as_ref().map(|e| {
                    form("ext", std::iter::once(params(e.params)).chain(ext_tail(&e.disposition, e.language, &e.location, e.extensions)))
                });
                form("multipart", parts.iter().map(ToNode::to_node).chain([string(subtype)]).chain(ext))
            }
        }
    }
}

impl ToNode for Event<'_> {
    fn to_node(&self) -> Node<'_> {
        match self {
            Event::Response(r) => r.to_node(),
            Event::Malformed(m) => form("malformed", [Node::Num(m.offset)]),
            Event::LiteralBegin(b) => form("literal-begin", [Node::Str(b.item), Node::Num(b.size)]),
            Event::LiteralData(d) => form("literal-data", [Node::Num(d.len() as u64)]),
            Event::LiteralEnd => form("literal-end", []),
        }
    }
}

impl ToNode for FrameError {
    fn to_node(&self) -> Node<'_> {
        form("fatal", [Node::Keyword(self.kind_name())])
    }
}
