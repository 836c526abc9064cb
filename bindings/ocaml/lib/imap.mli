(** Non-blocking IMAP4 client codec: the interface of the OCaml library
    imap 1.1.0, over libimap (the Rust core, through its C ABI).

    Programs written for imap 1.1.0 build unchanged (with [bytes] buffers
    for {!src} and {!dst}, as OCaml >= 4.06 requires). The behaviour is
    1.1.0's minus its bugs; every difference is listed in the README
    chapter "Using imap from OCaml". What these closed types cannot carry
    (IMAP4rev2, ESEARCH, NAMESPACE, QUOTA, ACL, METADATA, unknown FETCH
    items, malformed responses) is never fatal and never lost: {!run}
    passes it over and keeps it for {!Imap_ext}, which can also drive the
    same connection with richer types.

    The library does no I/O: the caller reads from the server into
    {!src}, writes what {!run} put into the {!dst} buffer, and calls {!run}
    until it returns what the caller waits for. *)

(** {1 Numbers} *)

type uint32 = Uint32.t
(** Message sequence numbers and UIDs. *)

type uint64 = Uint64.t
(** Mod-sequences, Gmail message and thread IDs. *)

(** {1 Responses} *)

type date = { day : int; month : int; year : int }
(** A date. [month] is 0-based, as in 1.1.0: [0] is January, [11]
    December. *)

type time = { hours : int; minutes : int; seconds : int; zone : int }
(** A time of day; [zone] is the signed [hhmm] offset from UTC, e.g.
    [-700] for [-0700] and [530] for [+0530]. *)

type flag =
  [ `Answered
  | `Flagged
  | `Deleted
  | `Seen
  | `Draft
  | `Keyword of string  (** a keyword, sent as is *)
  | `Extension of string  (** a system flag [\\s] other than the five above *) ]
(** Message flags. *)

type capability =
  [ `Acl
  | `Binary
  | `Catenate
  | `Children
  | `Compress_deflate
  | `Condstore
  | `Enable
  | `Idle
  | `Id
  | `Literal_plus
  | `Multi_append
  | `Namespace
  | `Qresync
  | `Quote
  | `Sort
  | `Start_tls
  | `Uid_plus
  | `Unselect
  | `Xlist
  | `Auth of [ `Anonymous | `Login | `Plain ]
  | `Xoauth2
  | `Gmail
  | `Other of string  (** any other capability, with its name as the core spells it *) ]
(** Capabilities, as listed by CAPABILITY and ENABLED and as sent by
    {!enable}. Unlike 1.1.0, every capability that has a constructor is
    recognised ([ACL], [STARTTLS], [CHILDREN]...). *)

type set = (uint32 * uint32) list
(** A set of numbers as closed intervals: [1,2:3] is [[(1, 1); (2, 3)]]. *)

type address = { ad_name : string; ad_adl : string; ad_mailbox : string; ad_host : string }
(** An address of an envelope; NIL parts are [""]. *)

type envelope = {
  env_date : string;
  env_subject : string;
  env_from : address list;
  env_sender : address list;
  env_reply_to : address list;
  env_to : address list;
  env_cc : address list;
  env_bcc : address list;
  env_in_reply_to : string;
  env_message_id : string;
}
(** The envelope of a message. NIL strings are [""]; NIL address lists
    are [[]]. *)

type fields = {
  fld_params : (string * string) list;
  fld_id : string option;
  fld_desc : string option;
  fld_enc : string;
  fld_octets : int;
}
(** The fields of a body part: Content-Type parameters, Content-ID,
    Content-Description, Content-Transfer-Encoding and size in octets. *)

type mime =
  [ `Text of string * fields * int  (** TEXT/subtype, fields, lines *)
  | `Message of fields * envelope * mime * int  (** MESSAGE/RFC822: fields, envelope, body, lines *)
  | `Basic of string * string * fields  (** type, subtype, fields *)
  | `Multiple of mime list * string  (** parts, multipart subtype *) ]
(** A body structure ([BODY] or [BODYSTRUCTURE]). *)

type section =
  [ `Header
  | `Header_fields of string list
  | `Header_fields_not of string list
  | `Text
  | `Mime
  | `Part of int * section
  | `All ]
(** A body section: [`Part (1, `Part (2, `Mime))] is [1.2.MIME];
    [`Part (1, `All)] is [1] (not [1.] as 1.1.0 sent). *)

type fetch_response =
  [ `Flags of [ flag | `Recent ] list
  | `Envelope of envelope
  | `Internal_date of date * time
  | `Rfc822 of string option
  | `Rfc822_header of string option
  | `Rfc822_text of string option
  | `Rfc822_size of int
  | `Body of mime
  | `Body_structure of mime
  | `Body_section of section * int option * string option
      (** section, [<origin>], data ([None] for NIL) *)
  | `Uid of uint32
  | `Modseq of uint64
  | `Gm_msgid of uint64
  | `Gm_thrid of uint64
  | `Gm_labels of string list ]
(** The items of a FETCH response. *)

type code =
  [ `Alert
  | `Bad_charset of string list
  | `Capability of capability list
  | `Parse
  | `Permanent_flags of [ flag | `All ] list
  | `Read_only
  | `Read_write
  | `Try_create
  | `Uid_next of uint32
  | `Uid_validity of uint32
  | `Unseen of uint32
  | `Other of string * string option
      (** any other code: its name and the text up to [\]], e.g.
          [`Other ("UNAVAILABLE", None)], [`Other ("REFERRAL", Some "imap://...")] *)
  | `Closed
  | `Highest_modseq of uint64
  | `No_modseq
  | `Modified of (uint32 * uint32) list
  | `Append_uid of uint32 * uint32
  | `Copy_uid of uint32 * (uint32 * uint32) list * (uint32 * uint32) list
  | `Uid_not_sticky
  | `Compression_active
  | `Use_attr
  | `None  (** no code *) ]
(** Response codes: the bracketed part of [OK [UIDNEXT 4] text]. *)

type mbx_flag =
  [ `Noselect
  | `Marked
  | `Unmarked
  | `Noinferiors
  | `HasChildren
  | `HasNoChildren
  | `All
  | `Archive
  | `Drafts
  | `Flagged
  | `Junk
  | `Sent
  | `Trash
  | `Extension of string  (** any other attribute, without its backslash *) ]
(** Mailbox attributes of LIST and LSUB. *)

type status_response =
  [ `Messages of int
  | `Recent of int
  | `Uid_next of uint32
  | `Uid_validity of uint32
  | `Unseen of uint32
  | `Highest_modseq of uint64 ]
(** The items of a STATUS response. *)

type state = [ `Ok of code * string | `No of code * string | `Bad of code * string ]
(** A status: code and text. *)

type untagged =
  [ state
  | `Bye of code * string
  | `Preauth of code * string
  | `Flags of flag list
  | `List of mbx_flag list * char option * string
      (** attributes, delimiter, mailbox name (decoded from modified UTF-7) *)
  | `Lsub of mbx_flag list * char option * string
  | `Search of uint32 list * uint64 option  (** numbers, [(MODSEQ n)] *)
  | `Status of string * status_response list
  | `Exists of int
  | `Recent of int
  | `Expunge of uint32
  | `Fetch of uint32 * fetch_response list
  | `Capability of capability list
  | `Vanished of (uint32 * uint32) list
  | `Vanished_earlier of (uint32 * uint32) list
  | `Enabled of capability list ]
(** Untagged responses, as {!run} returns them. *)

type response = [ untagged | `Cont of string | `Tagged of string * state ]
(** Every response (1.1.0 exports it for {!pp_response}; {!run} never
    returns [`Cont] or [`Tagged]). *)

(** {1 Printers}

    The output format of 1.1.0 (lower-case s-expressions), with the
    parentheses of [fields] balanced. *)

val pp_response : Format.formatter -> [< response ] -> unit
(** Prints a response. *)

val pp_set : Format.formatter -> set -> unit
(** Prints a set as [lo-hi] intervals. *)

val pp_address : Format.formatter -> address -> unit
(** Prints an address. *)

val pp_envelope : Format.formatter -> envelope -> unit
(** Prints an envelope. *)

val pp_fields : Format.formatter -> fields -> unit
(** Prints body fields. *)

val pp_mime : Format.formatter -> mime -> unit
(** Prints a body structure. *)

val pp_section : Format.formatter -> section -> unit
(** Prints a section. *)

val pp_fetch_response : Format.formatter -> fetch_response -> unit
(** Prints a FETCH item. *)

val pp_code : Format.formatter -> code -> unit
(** Prints a response code. *)

val pp_state : Format.formatter -> state -> unit
(** Prints a status. *)

(** {1 Commands}

    The core encodes every command: strings as atoms, quoted strings (with
    quotes and backslashes escaped) or literals, mailbox names in modified
    UTF-7.
    The constructors raise [Invalid_argument] for what cannot be sent: a
    NUL byte, an empty set or [0] in a set, a search date out of range.
    A command the server would reject as malformed (a FETCH without items,
    an ENABLE or STATUS of nothing) is not sent: {!run} returns
    [`Error (`Bad (`None, reason))], and the connection goes on. *)

type eset = (uint32 * uint32 option) list
(** A set for commands: [None] is [*]; [1,2:3,4:*] is
    [[(1, Some 1); (2, Some 3); (4, None)]]. *)

type search_key =
  [ `Seq of eset
  | `All
  | `Answered
  | `Bcc of string
  | `Before of date
  | `Body of string
  | `Cc of string
  | `Deleted
  | `Draft
  | `Flagged
  | `From of string
  | `Header of string * string
  | `Keyword of string
  | `Larger of int
  | `New
  | `Not of search_key
  | `Old
  | `On of date
  | `Or of search_key * search_key
  | `Recent
  | `Seen
  | `Sent_before of date
  | `Sent_on of date  (** sent as [SENTON] (1.1.0 sent [SENT_ON]) *)
  | `Sent_since of date
  | `Since of date
  | `Smaller of int
  | `Subject of string
  | `Text of string
  | `To of string
  | `Uid of eset
  | `Unanswered
  | `Undeleted
  | `Undraft
  | `Unflagged
  | `Unkeyword of string
  | `Unseen
  | `And of search_key * search_key
  | `Modseq of uint64
  | `Gm_raw of string
  | `Gm_msgid of uint64
  | `Gm_thrid of uint64
  | `Gm_labels of string list ]
(** Search keys. Dates use the 0-based month of {!date}. *)

type fetch_query =
  [ `Envelope
  | `Internal_date
  | `Rfc822_header
  | `Rfc822_text
  | `Rfc822_size
  | `Rfc822
  | `Body
  | `Body_section of [ `Peek | `Look ] * section * (int * int) option
      (** [BODY.PEEK[...]] or [BODY[...]], with [<offset.length>] *)
  | `Body_structure
  | `Uid
  | `Flags ]
(** The items to FETCH. *)

type status_query = [ `Messages | `Recent | `Uid_next | `Uid_validity | `Unseen | `Highest_modseq ]
(** The items to ask STATUS for. *)

type authenticator = { name : string; step : string -> [ `Ok of string | `Error of string ] }
(** A SASL mechanism: [name] (e.g. ["PLAIN"]) and [step], called with each
    server challenge (base64-decoded by the core) and answering the
    response (base64-encoded by the core) or an error (which cancels the
    exchange with [*]). An exception raised by [step] cancels it too. *)

val plain : string -> string -> authenticator
(** [plain user password]: SASL PLAIN, with an empty authorization
    identity. *)

val xoauth2 : string -> string -> authenticator
(** [xoauth2 user token]: Gmail's XOAUTH2. The first step answers the
    bearer token; any later step (the server's error challenge) answers
    [""], after which the server says NO. The value is stateful, as in
    1.1.0: use a fresh one for each AUTHENTICATE. *)

type command = Imap_core.command
(** A command, ready to be given to {!run}. Reusable, except the pair of
    {!idle} (its stop fires once). Abstract ([Imap_core] is internal). *)

val login : string -> string -> command
(** [login user password]. *)

val capability : command
(** [CAPABILITY]. *)

val create : string -> command
(** [CREATE mailbox]. Mailbox names are encoded in modified UTF-7 by the
    core, here and in every command below. *)

val delete : string -> command
(** [DELETE mailbox]. *)

val rename : string -> string -> command
(** [RENAME old new]. *)

val logout : command
(** [LOGOUT]. *)

val noop : command
(** [NOOP]. *)

val subscribe : string -> command
(** [SUBSCRIBE mailbox]. *)

val unsubscribe : string -> command
(** [UNSUBSCRIBE mailbox]. *)

val list : ?ref:string -> string -> command
(** [list ?ref pattern]: [LIST ref pattern], [ref] defaulting to [""]. *)

val lsub : ?ref:string -> string -> command
(** [lsub ?ref pattern]: [LSUB ref pattern], [ref] defaulting to [""]. *)

val status : string -> status_query list -> command
(** [STATUS mailbox (items)]. *)

val copy : ?uid:bool -> eset -> string -> command
(** [copy ?uid set mailbox]: [UID COPY] ([uid], the default) or [COPY]. *)

val check : command
(** [CHECK]. *)

val close : command
(** [CLOSE]. *)

val expunge : command
(** [EXPUNGE]. *)

val search : ?uid:bool -> search_key -> command
(** [search ?uid key]: [UID SEARCH] ([uid], the default) or [SEARCH]. *)

val select : ?condstore:bool -> string -> command
(** [SELECT mailbox], with [(CONDSTORE)] when [condstore] (default false). *)

val examine : ?condstore:bool -> string -> command
(** [EXAMINE mailbox], with [(CONDSTORE)] when [condstore] (default false). *)

val append : string -> ?flags:flag list -> string -> command
(** [append mailbox ?flags data]: [APPEND] of the message [data]. *)

val fetch :
  ?uid:bool -> ?changed:uint64 -> ?vanished:bool -> eset -> fetch_query list -> command
(** [fetch ?uid ?changed ?vanished set items]: [UID FETCH] ([uid], the
    default) or [FETCH], with [(CHANGEDSINCE changed)] and [VANISHED].
    @raise Invalid_argument ["VANISHED requires CHANGEDSINCE"] if
    [vanished] is true without [changed]. *)

val fetch_all : ?uid:bool -> ?changed:uint64 -> ?vanished:bool -> eset -> command
(** [fetch] of the macro [ALL]. *)

val fetch_fast : ?uid:bool -> ?changed:uint64 -> ?vanished:bool -> eset -> command
(** [fetch] of the macro [FAST]. *)

val fetch_full : ?uid:bool -> ?changed:uint64 -> ?vanished:bool -> eset -> command
(** [fetch] of the macro [FULL]. *)

val store_add_flags :
  ?uid:bool -> ?silent:bool -> ?unchanged:uint64 -> eset -> flag list -> command
(** [UID STORE set +FLAGS (flags)]: [uid] defaults to true, [silent]
    ([.SILENT]) to false, [unchanged] ([(UNCHANGEDSINCE n)]) to none. *)

val store_set_flags :
  ?uid:bool -> ?silent:bool -> ?unchanged:uint64 -> eset -> flag list -> command
(** As {!store_add_flags}, with [FLAGS]. *)

val store_remove_flags :
  ?uid:bool -> ?silent:bool -> ?unchanged:uint64 -> eset -> flag list -> command
(** As {!store_add_flags}, with [-FLAGS]. *)

val store_add_labels :
  ?uid:bool -> ?silent:bool -> ?unchanged:uint64 -> eset -> string list -> command
(** Gmail: [UID STORE set +X-GM-LABELS (labels)], defaults as
    {!store_add_flags}. *)

val store_set_labels :
  ?uid:bool -> ?silent:bool -> ?unchanged:uint64 -> eset -> string list -> command
(** As {!store_add_labels}, with [X-GM-LABELS]. *)

val store_remove_labels :
  ?uid:bool -> ?silent:bool -> ?unchanged:uint64 -> eset -> string list -> command
(** As {!store_add_labels}, with [-X-GM-LABELS]. *)

val enable : capability list -> command
(** [ENABLE capabilities]. *)

val authenticate : authenticator -> command
(** [AUTHENTICATE name], then the SASL exchange of the authenticator. *)

val idle : unit -> command * unit Lazy.t
(** [idle ()] is [(cmd, stop)]: run [cmd] to start IDLE; forcing [stop]
    makes the next {!run} send [DONE] without waiting for input (1.1.0
    needed new input first). Forcing it before the server accepted IDLE
    sends [DONE] as soon as it does. *)

(** {1 Errors} *)

type error =
  [ `Incorrect_tag of string * string  (** expected, received *)
  | `Decode_error of
    [ `Expected_char of char
    | `Expected_string of string
    | `Unexpected_char of char
    | `Unexpected_string of string
    | `Illegal_char of char
    | `Unexpected_eoi ]
    * string
    * int
      (** reason, the bytes concerned (a copy), position *)
  | `Unexpected_cont
  | `Bad_greeting
  | `Auth_error of string
  | `Bad of code * string
  | `No of code * string ]
(** What {!run} reports as [`Error]. [`No] and [`Bad] (a command's tagged
    NO/BAD, or a command that could not be encoded), [`Auth_error] and the
    [`Decode_error] of a malformed response ([`Unexpected_char] at the
    position where its bytes stopped parsing; the response was skipped)
    leave the connection usable. The others end it: [`Bad_greeting],
    [`Incorrect_tag], [`Unexpected_cont], and the [`Decode_error] of the end
    of input ([`Unexpected_eoi]) or of a limit exceeded ([`Unexpected_string]
    with the core's message). *)

val pp_error : Format.formatter -> error -> unit
(** Prints an error in 1.1.0's words. *)

(** {1 Connections} *)

type connection = Imap_core.connection
(** The state of one IMAP connection. Abstract ([Imap_core] is internal);
    {!Imap_ext} reads what {!run} passed over from it. *)

val connection : unit -> connection
(** A new connection, awaiting the server's greeting. *)

val src : connection -> bytes -> int -> int -> unit
(** [src c buf off len] hands [len] bytes read from the server to [c]
    (copied at once; [buf] may be reused). [len = 0] means the server
    closed the connection.
    @raise Invalid_argument ["bounds"] if [off] and [len] do not designate
    a valid range of [buf]. *)

val dst : connection -> bytes -> int -> int -> unit
(** [dst c buf off len] gives [c] the output space [len] bytes at [off] of
    [buf]: each {!run} that returns [`Await_dst] has written into it; send
    the bytes from [off] to [off + len - dst_rem c], then call [dst] again.
    @raise Invalid_argument ["bounds"] if the range is not valid. *)

val dst_rem : connection -> int
(** Free space left in the [dst] buffer. *)

val run :
  connection ->
  [ `Cmd of command | `Await ] ->
  [ `Untagged of untagged
  | `Ok of code * string
  | `Error of error
  | `Await_src
  | `Await_dst ]
(** Advances the protocol one step. Start with [`Await] to read the
    greeting ([`Ok], or [`Untagged (`Preauth _)] followed by [`Ok]); then
    [`Cmd cmd] starts a command, and [`Await] continues it, giving
    [`Await_dst] (write the output), [`Await_src] (read input), one
    [`Untagged] response at a time, and finally [`Ok] or [`Error]. With no
    command running, [`Await] gives [`Untagged] for each response the
    server sent meanwhile, then [`Ok (`None, "")].

    A response, FETCH item or STATUS item that these types cannot carry is
    passed over to {!Imap_ext.passed_over}; the rest of the response is
    returned. So is a unit of a flag or attribute list that did not parse
    (as [`Unparsed], with its bytes): it is left out of the list, not made
    an [`Extension]. A malformed response gives a non-fatal
    [`Error (`Decode_error _)].

    No exception escapes but these:
    @raise Invalid_argument ["can't send command now, try `Await"] for
    [`Cmd] before the greeting or while a command runs;
    @raise Invalid_argument ["connection should not be used"] after a
    fatal [`Error]. *)
