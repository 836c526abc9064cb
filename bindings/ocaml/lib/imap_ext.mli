(** What the imap 1.1.0 types cannot carry, on the same connection.

    {!Imap.run} keeps 1.1.0's closed types, so some data of modern servers
    has no place there: IMAP4rev2 and extension responses (ESEARCH, SORT,
    THREAD, NAMESPACE, ID, QUOTA, ACL, METADATA, XLIST, any unknown
    response), FETCH items (BINARY, EMAILID, THREADID, SAVEDATE, PREVIEW,
    unknown items as raw bytes), STATUS items (SIZE, DELETED, APPENDLIMIT,
    MAILBOXID...), units of a flag or attribute list that do not parse,
    and responses that do not parse. {!Imap.run} never fails on them and
    never drops them silently: it returns what fits (a FETCH with its other
    items, a STATUS with its other items, a flag list with its other flags;
    a malformed response as a non-fatal [`Error (`Decode_error _)]), and
    keeps the rest here, where {!passed_over} reads it.

    {[
      match Imap.run c `Await with
      | `Ok _ ->
          List.iter
            (function
              | `Untagged (`Namespace (personal, _, _)) -> ...
              | `Fetch_items (seq, items) -> ...
              | _ -> ())
            (Imap_ext.passed_over c)
      | ...
    ]} *)

type date_time = Imap_core.date_time = {
  year : int;
  month : int;  (** 1 (January) to 12 *)
  day : int;
  hour : int;
  minute : int;
  second : int;
  zone_minutes : int;  (** minutes east of UTC, e.g. [-420] for [-0700] *)
}
(** A date and time (SAVEDATE). Unlike {!Imap.date}, the month is 1-based. *)

type esearch_item =
  [ `Min of Uint64.t
  | `Max of Uint64.t
  | `All of (Uint32.t * Uint32.t) list
  | `Count of Uint64.t
  | `Modseq of Uint64.t
  | `Other of string * string  (** name, raw value *) ]
(** A result of ESEARCH (RFC 4731). *)

type thread = Imap_core.thread = Thread of Uint32.t list * thread list
(** A THREAD node: a chain of messages, then the sub-threads of its last
    message. *)

type namespace = (string * char option) list option
(** A namespace list of NAMESPACE: (prefix, delimiter) pairs; [None] for
    NIL. Prefixes are decoded from modified UTF-7. *)

type mbx_flag = [ Imap.mbx_flag | `Unparsed of string ]
(** A mailbox attribute, or [`Unparsed bytes] for a unit of an attribute
    list that did not parse (kept verbatim by the decoder's recovery). *)

type untagged =
  [ `Esearch of string option * bool * esearch_item list  (** correlator tag, UID, results *)
  | `Sort of Uint32.t list * Uint64.t option  (** numbers, [(MODSEQ n)] *)
  | `Thread of thread list
  | `Namespace of namespace * namespace * namespace  (** personal, other users', shared *)
  | `Id of (string * string option) list option  (** [None] for [ID NIL] *)
  | `Quota of string * (string * Uint64.t * Uint64.t) list  (** root, (resource, usage, limit) *)
  | `Quota_root of string * string list  (** mailbox, roots *)
  | `Acl of string * (string * string) list  (** mailbox, (identifier, rights) *)
  | `List_rights of string * string list  (** mailbox, identifier then rights *)
  | `My_rights of string * string  (** mailbox, rights *)
  | `Metadata of string * (string * string option) list  (** mailbox, (entry, value) *)
  | `Metadata_changed of string * string list  (** mailbox, entries that changed *)
  | `Xlist of mbx_flag list * char option * string
  | `List_extended of string * (string * string list) list
      (** the extended data of a LIST response (returned by {!Imap.run} as
          [`List]): mailbox, then (tag, values) such as
          [("CHILDINFO", ["SUBSCRIBED"])] or [("OLDNAME", [name])] *)
  | `Other of Uint32.t option * string * string
      (** an unknown response: leading number, keyword, the rest verbatim *) ]
(** Untagged responses that {!Imap.untagged} cannot carry. *)

type body_extension_data =
  [ `String of string option  (** a string, [None] for NIL *)
  | `Number of Uint64.t
  | `List of body_extension_data list
  | `Unparsed of string  (** extension data that did not parse, verbatim *) ]
(** Extension data after a body part's location (RFC 3501 [body-extension]). *)

type body_extension = Imap_core.body_extension = {
  md5 : string option;  (** Content-MD5 (single parts) *)
  disposition : (string * (string * string option) list) option;
      (** Content-Disposition and its parameters, e.g.
          [Some ("attachment", [ ("filename", Some "a.pdf") ])] *)
  language : string list;  (** Content-Language *)
  location : string option;  (** Content-Location *)
  further : body_extension_data list;
      (** any extension data after these; when a part's extension data does
          not parse, the fields above are empty and this is [[`Unparsed bytes]] *)
}
(** The extension data of a body part in BODYSTRUCTURE, which
    {!Imap.mime} has no place for. *)

type fetch_item =
  [ `Binary of int list * int option * string option  (** part, [<origin>], data *)
  | `Binary_size of int list * Uint64.t
  | `Body_extensions of (int list * body_extension) list
      (** the extension data of a BODYSTRUCTURE returned by {!Imap.run}, by
          part number ([[]] for a multipart message itself, [[1]] for a
          single-part message, [[2; 1]] for the first part of part 2); only
          after {!keep_body_extensions} *)
  | `Email_id of string
  | `Thread_id of string option
  | `Save_date of date_time option
  | `Preview of string option
  | `Other of string * string  (** an unknown item: name, raw value *) ]
(** FETCH items that {!Imap.fetch_response} cannot carry. *)

type status_item =
  [ `Deleted of Uint64.t
  | `Size of Uint64.t
  | `Append_limit of Uint64.t option
  | `Mailbox_id of string
  | `Deleted_storage of Uint64.t
  | `Other of string * string  (** an unknown item: name, raw value *) ]
(** STATUS items that {!Imap.status_response} cannot carry. *)

type malformed = Imap_core.malformed = {
  offset : int;  (** of its first byte in the input stream *)
  raw : string;  (** its bytes *)
  error_offset : int;  (** of the error within [raw] *)
}
(** A response that did not parse (skipped; the connection went on). *)

type unparsed_place =
  [ `Fetch_flags of Uint32.t  (** the FLAGS item of the FETCH of this sequence number *)
  | `Flags  (** an untagged FLAGS response *)
  | `Permanent_flags  (** a PERMANENTFLAGS response code *)
  | `List of string  (** the attributes of the LIST response for this mailbox *)
  | `Lsub of string  (** the attributes of the LSUB response for this mailbox *) ]
(** Where units that did not parse were found. *)

type passed_over =
  [ `Untagged of untagged
  | `Unparsed of unparsed_place * string list
      (** units of a flag or attribute list that did not parse (e.g. [(x y)]
          in [FLAGS (\Seen (x y))]), verbatim and in order: left out of the
          list that {!Imap.run} returned, which holds the others *)
  | `Fetch_items of Uint32.t * fetch_item list
      (** sequence number, the items left out of the [`Fetch] that {!Imap.run} returned *)
  | `Status_items of string * status_item list
      (** mailbox, the items left out of the [`Status] that {!Imap.run} returned *)
  | `Malformed of malformed
      (** also returned by {!Imap.run} as a non-fatal [`Decode_error] *) ]
(** What {!Imap.run} passed over. *)

val passed_over : Imap.connection -> passed_over list
(** What {!Imap.run} passed over on this connection since the last call,
    oldest first; the connection forgets it. At most {!passed_over_limit}
    are kept: call it after each command (or each [`Untagged]) so nothing
    is lost. *)

val keep_body_extensions : Imap.connection -> bool -> unit
(** Whether {!Imap.run} also keeps the extension data of each
    BODYSTRUCTURE (MD5, Content-Disposition with the attachment file name,
    language, location) for {!passed_over}. Off by default: 1.1.0's [mime]
    never had it, and collecting it costs about 10% of the decoding of a
    BODYSTRUCTURE. *)

val passed_over_limit : int
(** How many passed-over values a connection keeps (256); older ones are
    dropped first. *)

val mutf7_encode : string -> string
(** A UTF-8 mailbox name in modified UTF-7 (RFC 3501 5.1.3), as the
    command constructors send it (by the core). *)

val mutf7_decode : string -> string
(** A modified UTF-7 mailbox name in UTF-8 (by the core); a name that is
    not valid modified UTF-7 comes back unchanged. [&-] is [&]. *)

(** {1 Limits}

    The bounds on what a server can make a connection hold, as in the C
    ABI's [imap_limits] (README "Limits, fuzzing and hostile servers" says
    why each default): [{ Imap_ext.default_limits with max_literal = n }].
    Sizes are bytes.

    {[
      let c = Imap_ext.connection ~limits:{ Imap_ext.default_limits with max_literal = 50 lsl 20 } () in
      match Imap.run c `Await with
      | `Error _ when Imap_ext.last_error c = Some (`Literal_too_large, _) -> ...
    ]} *)

type limits = Imap_core.limits = {
  max_line : int;  (** longest line (default 16 MiB); over it: [`Line_too_long] (fatal) *)
  max_literal : int;  (** largest literal (256 MiB); over it: [`Literal_too_large] (fatal) *)
  max_response : int;
      (** largest response held at once, and the most memory its decoded
          form may take (256 MiB); over it: [`Response_too_large] (fatal),
          or for the decoded form a malformed response (skipped, not fatal) *)
  max_depth : int;  (** deepest nesting (100); deeper: a malformed response (skipped, not fatal) *)
  max_auth_challenges : int;
      (** most server challenges answered during one AUTHENTICATE (32; 0
          means the default); more: the exchange is cancelled, [`Auth_error]
          (not fatal) *)
}
(** Decoder and connection limits. A C limit that does not fit an OCaml
    [int] reads as [max_int]. Literals are always buffered whole (up to
    [max_literal]): {!Imap.run} has no way to hand out a literal in
    pieces, so the C ABI's [stream_threshold] stays 0. *)

val default_limits : limits
(** The C ABI's defaults ([imap_limits_default]), read at start-up. *)

val connection : ?limits:limits -> unit -> Imap.connection
(** {!Imap.connection} with [limits] (default {!default_limits}): a
    connection for {!Imap.run}, awaiting the greeting.
    @raise Invalid_argument if a limit is negative, or [max_depth] or
    [max_auth_challenges] is above [0xFFFF_FFFF]. *)

val limits : Imap.connection -> limits
(** The limits a connection was created with. *)

type error =
  [ `Null_argument | `Invalid_argument | `Internal
  | `Line_too_long  (** a line over [max_line] *)
  | `Literal_too_large  (** a literal over [max_literal] *)
  | `Response_too_large  (** a response over [max_response] *)
  | `Unexpected_eof  (** the input ended inside a response *)
  | `Eof  (** the server closed the connection *)
  | `Bye_greeting | `Bad_greeting
  | `Unknown_tag  (** a tagged response with a tag never sent *)
  | `Unexpected_continuation
  | `Starttls_injection  (** bytes after the tagged OK of STARTTLS, before TLS *)
  | `Compression  (** the compressed input stream is broken *)
  | `Busy | `No_greeting | `Needs_authenticator
  | `Encode  (** the command cannot be encoded *)
  | `Auth  (** authentication cancelled, e.g. over [max_auth_challenges] *)
  | `Closed ]
(** The C ABI's error codes ([imap_error]), one constructor each. *)

val last_error : Imap.connection -> (error * string) option
(** The core's error behind the last [`Error] that {!Imap.run} returned
    for something other than a tagged NO/BAD or a malformed response, with
    the core's message (e.g. [(`Literal_too_large, "literal larger than
    the max_literal limit")]); [None] before any. 1.1.0's {!Imap.error}
    has no constructor for a limit: there it is a [`Decode_error
    (`Unexpected_string message, _, _)]. *)
