//! The IMAP data model: every value the codec decodes or encodes.
//!
//! Types know nothing of parsing or connection state. Decoded values
//! (lifetime `'a`) borrow their strings from the decoder's buffer (see
//! [`Bytes`]) and their lists and nested values from its arena
//! ([`crate::codec::Arena`]): a decoded response owns no heap memory.

pub(crate) mod names;
mod body;
mod bytes;
mod capability;
mod code;
mod command;
mod datetime;
mod envelope;
mod fetch;
mod flag;
mod mailbox;
mod response;
mod sequence;
mod slice;

pub use body::{BodyExtension, BodyFields, BodyStructure, Disposition, MultiPartExt, SinglePart, SinglePartExt};
pub use bytes::{Bytes, NString};
pub use capability::{Capability, CapabilitySet};
pub(crate) use capability::SIMPLE as SIMPLE_CAPABILITIES;
pub use code::{Code, CodeName, RespText};
pub use command::{
    AclMode, AppendMessage, Command, EntryType, Fetch, FetchAttr, FetchItems, List, ListReturn, ListSelect, Mailbox,
    MessageSet, MetadataDepth, Qresync, RawArg, Search, SearchKey, SearchReturn, Select, SortCriterion, SortKey,
    StatusAttr, Store, StoreAction, StoreData, ThreadAlgorithm,
};
pub use datetime::{Date, DateTime, MONTHS};
pub use envelope::{Address, Envelope};
pub use fetch::{FetchItem, FetchItemName, Section, SectionText};
pub use flag::{Flag, MailboxAttr};
pub(crate) use flag::KNOWN_ATTRS;
pub use mailbox::{ListExtendedItem, ListMailbox, MetadataEntries, NamespaceDesc, QuotaResource, StatusItem};
pub use response::{Esearch, EsearchItem, Response, Status, Tagged, Thread, Untagged};
pub use sequence::{SeqRange, SequenceSet, STAR};
pub use slice::Slice;
