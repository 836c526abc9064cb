(** Internal: the machinery shared by {!Imap} and {!Imap_ext}. Not a stable
    interface; programs use {!Imap} and {!Imap_ext}.

    It holds the C functions (ctypes, generated stubs) and struct layouts
    (from the C compiler), the readers that copy C data into OCaml values
    (each string once, with its length: IMAP data may hold NUL), the
    connection state kept on the OCaml side (the caller's [dst] buffer,
    the IDLE stop, what {!Imap.run} passed over) and command handles. *)

(** {1 The C ABI} *)

module C : module type of Imap_c_functions.Make (Imap_c_generated)
(** The functions of include/imap.h, through generated C stubs. *)

module T : module type of Imap_c_types.Make (Imap_c_types_generated)
(** The response structs, laid out by the C compiler. *)

module Size = Unsigned.Size_t

(** {1 Reading C data}

    Readers take the address of a C struct (an OCaml int, from {!step})
    valid until the next call that takes the connection. *)

external u8 : (int[@untagged]) -> (int[@untagged]) = "imap_ocaml_u8_byte" "imap_ocaml_u8" [@@noalloc]
(** The [uint8_t] at an address. *)

external u16 : (int[@untagged]) -> (int[@untagged]) = "imap_ocaml_u16_byte" "imap_ocaml_u16" [@@noalloc]
(** The [uint16_t] at an address. *)

external i16 : (int[@untagged]) -> (int[@untagged]) = "imap_ocaml_i16_byte" "imap_ocaml_i16" [@@noalloc]
(** The [int16_t] at an address. *)

external u32 : (int[@untagged]) -> (int[@untagged]) = "imap_ocaml_u32_byte" "imap_ocaml_u32" [@@noalloc]
(** The [uint32_t] at an address. *)

external word : (int[@untagged]) -> (int[@untagged]) = "imap_ocaml_word_byte" "imap_ocaml_word"
  [@@noalloc]
(** The pointer or [size_t] at an address. *)

val u64 : int -> Uint64.t
(** The [uint64_t] at an address. *)

val bool : int -> bool
(** The [bool] at an address. *)

val off : ('a, 'b Ctypes.structure) Ctypes.field -> int
(** The offset of a struct field. *)

val size : 'a Ctypes.typ -> int
(** The size of a struct (the stride of its arrays). *)

val bytes : int -> string
(** The [imap_bytes] at an address, copied; NIL is [""]. *)

val bytes_opt : int -> string option
(** The [imap_bytes] at an address, copied; NIL is [None]. *)

val list_at : int -> items:int -> len:int -> int -> (int -> 'a) -> 'a list
(** [list_at a ~items ~len stride f]: [f] of each element of the list
    struct at [a], whose pointer and count are at offsets [items] and
    [len]. *)

val bytes_list : int -> string list
(** An [imap_bytes_list]. *)

val u32_list : int -> int list
(** An [imap_u32_list]. *)

val seq_set : int -> (Uint32.t * Uint32.t) list
(** An [imap_seq_set]; [Uint32.zero] stands for [*]. *)

val seq_set_text : (Uint32.t * Uint32.t) list -> string
(** A set in IMAP syntax, e.g. [1:5,7,100:*]. *)

val pairs : int -> (string * string option) list
(** An [imap_pair_list]. *)

val section_origin : int -> int option
(** The [<origin>] of an [imap_fetch_section]. *)

(** {1 Names and modified UTF-7, from the core} *)

val name_of : (bytes Ctypes.ocaml -> Size.t -> Size.t) -> string
(** The name that a buffer-filling [imap_*_name] function writes. *)

val capability_kind_name : int -> string
(** The wire name of a capability kind without a value ([""] for others). *)

val code_kind_name : int -> string
(** The wire name of a response code kind. *)

val capability_name : int -> string
(** The wire name of the [imap_capability] at an address. *)

val mailbox_name : int -> string
(** The [imap_bytes] at an address, decoded from modified UTF-7. *)

val mutf7_encode : string -> string
(** A mailbox name encoded in modified UTF-7. *)

(** {1 Values shared by Imap and Imap_ext} *)

type flag = [ `Answered | `Flagged | `Deleted | `Seen | `Draft | `Keyword of string | `Extension of string ]
(** {!Imap.flag}. *)

type mbx_flag =
  [ `Noselect | `Marked | `Unmarked | `Noinferiors | `HasChildren | `HasNoChildren | `All
  | `Archive | `Drafts | `Flagged | `Junk | `Sent | `Trash | `Extension of string ]
(** {!Imap.mbx_flag}. *)

type ext_mbx_flag = [ mbx_flag | `Unparsed of string ]
(** A mailbox attribute, or the bytes of a unit of an attribute list that
    did not parse ([IMAP_MAILBOX_ATTR_KIND_UNPARSED]). *)

val flag_list :
  recent:([> flag ] as 'a) -> wildcard:'a -> int -> 'a list * string list
(** An [imap_flag_list]: its flags ([recent] and [wildcard] say what
    [\Recent] and [\*] become), then the bytes of its units that did not
    parse ([IMAP_FLAG_KIND_UNPARSED]), in order. *)

val list_data : int -> ext_mbx_flag list * char option * string
(** An [imap_list]: attributes, delimiter, decoded name. *)

val split_unparsed_attrs : ext_mbx_flag list -> mbx_flag list * string list
(** The attributes that parsed, then the bytes of those that did not. *)

val list_extended : int -> (string * string list) list
(** The LIST-EXTENDED items of an [imap_list]: tag and values. *)

type date_time = {
  year : int;
  month : int;  (** 1 to 12 *)
  day : int;
  hour : int;
  minute : int;
  second : int;
  zone_minutes : int;  (** minutes east of UTC *)
}
(** A date and time as the core gives it. *)

val date_time : int -> date_time
(** An [imap_date_time]. *)

type esearch_item =
  [ `Min of Uint64.t
  | `Max of Uint64.t
  | `All of (Uint32.t * Uint32.t) list
  | `Count of Uint64.t
  | `Modseq of Uint64.t
  | `Other of string * string ]
(** {!Imap_ext.esearch_item}. *)

type thread = Thread of Uint32.t list * thread list
(** {!Imap_ext.thread}. *)

type namespace = (string * char option) list option
(** {!Imap_ext.namespace}. *)

type ext_untagged =
  [ `Esearch of string option * bool * esearch_item list
  | `Sort of Uint32.t list * Uint64.t option
  | `Thread of thread list
  | `Namespace of namespace * namespace * namespace
  | `Id of (string * string option) list option
  | `Quota of string * (string * Uint64.t * Uint64.t) list
  | `Quota_root of string * string list
  | `Acl of string * (string * string) list
  | `List_rights of string * string list
  | `My_rights of string * string
  | `Metadata of string * (string * string option) list
  | `Metadata_changed of string * string list
  | `Xlist of ext_mbx_flag list * char option * string
  | `List_extended of string * (string * string list) list
  | `Other of Uint32.t option * string * string ]
(** {!Imap_ext.untagged}. *)

type body_extension_data =
  [ `String of string option | `Number of Uint64.t | `List of body_extension_data list | `Unparsed of string ]
(** {!Imap_ext.body_extension_data}. *)

type body_extension = {
  md5 : string option;
  disposition : (string * (string * string option) list) option;
  language : string list;
  location : string option;
  further : body_extension_data list;
}
(** {!Imap_ext.body_extension}. *)

type ext_fetch_item =
  [ `Binary of int list * int option * string option
  | `Binary_size of int list * Uint64.t
  | `Body_extensions of (int list * body_extension) list
  | `Email_id of string
  | `Thread_id of string option
  | `Save_date of date_time option
  | `Preview of string option
  | `Other of string * string ]
(** {!Imap_ext.fetch_item}. *)

type ext_status_item =
  [ `Deleted of Uint64.t
  | `Size of Uint64.t
  | `Append_limit of Uint64.t option
  | `Mailbox_id of string
  | `Deleted_storage of Uint64.t
  | `Other of string * string ]
(** {!Imap_ext.status_item}. *)

type malformed = { offset : int; raw : string; error_offset : int }
(** {!Imap_ext.malformed}. *)

type unparsed_place =
  [ `Fetch_flags of Uint32.t | `Flags | `Permanent_flags | `List of string | `Lsub of string ]
(** {!Imap_ext.unparsed_place}. *)

type passed_over =
  [ `Untagged of ext_untagged
  | `Unparsed of unparsed_place * string list
  | `Fetch_items of Uint32.t * ext_fetch_item list
  | `Status_items of string * ext_status_item list
  | `Malformed of malformed ]
(** {!Imap_ext.passed_over}. *)

val ext_untagged : int -> int -> ext_untagged
(** [ext_untagged kind data]: an untagged response of a kind 1.1.0 cannot
    carry, from its [imap_untagged_data]. *)

val ext_fetch_item : int -> int -> ext_fetch_item
(** [ext_fetch_item kind data]: a FETCH item 1.1.0 cannot carry. *)

val body_extensions : int -> (int list * body_extension) list
(** The extension data of an [imap_body] and its parts, by part number. *)

val ext_status_item : int -> ext_status_item
(** A STATUS item 1.1.0 cannot carry. *)

val malformed : int -> malformed
(** An [imap_malformed]. *)

(** {1 Commands} *)

type command = {
  handle : unit Ctypes.ptr;  (** the C command, freed with the value *)
  rebuild : (unit -> command) option;  (** a fresh copy, for commands used up by a run *)
  mutable used : bool;
  idle_stop : bool ref option;  (** the stop flag of an IDLE command *)
  auth_failure : string option ref;  (** set by an authenticator that gave up *)
}
(** A command. *)

val command :
  ?idle_stop:bool ref -> ?auth_failure:string option ref -> ?rebuild:(unit -> command) -> string ->
  unit Ctypes.ptr -> command
(** [command what handle] owns [handle].
    @raise Invalid_argument if [handle] is NULL (the core refused the
    arguments of [what]). *)

val cstring : string -> string -> char Ctypes.ptr
(** [cstring what s]: a C copy of [s].
    @raise Invalid_argument if [s] holds a NUL byte. *)

val with_cstrings : string -> string list -> (char Ctypes.ptr Ctypes.ptr -> Size.t -> 'a) -> 'a
(** Calls the function with a C array of C strings, alive during the call. *)

(** {1 Connections} *)

type limits = {
  max_line : int;
  max_literal : int;
  max_response : int;
  max_depth : int;
  max_auth_challenges : int;
}
(** {!Imap_ext.limits}. *)

val default_limits : limits
(** The C ABI's defaults ([imap_limits_default]). *)

type connection = {
  conn : unit Ctypes.ptr;  (** the C connection, freed with the value *)
  limits : limits;  (** what it was created with *)
  mutable dst_buf : Bytes.t;  (** the caller's output buffer *)
  mutable dst_pos : int;  (** next byte to write in it *)
  mutable dst_max : int;  (** end of the caller's range *)
  mutable dead : bool;  (** after a fatal error *)
  mutable running : command option;  (** kept alive while C may call back into it *)
  mutable idle_stop : bool ref option;  (** the stop flag of the last IDLE *)
  mutable idle_stop_sent : bool;
  mutable pending : exn list;  (** results (Imap's) to give before asking the core again *)
  mutable tag : string;  (** the tag of the last command sent *)
  mutable tag_unknown : bool;  (** a command started: its tag is the first word of the output *)
  mutable keep_body_extensions : bool;  (** pass BODYSTRUCTURE extension data over too *)
  passed_over : passed_over Queue.t;  (** what Imap.run passed over, newest last *)
  mutable last_error : int;  (** the [imap_error] of the last error step, 0 before any *)
}
(** A connection. *)

val passed_over_limit : int
(** How many passed-over values a connection keeps (the oldest go first). *)

val connection : ?limits:limits -> unit -> connection
(** A new connection awaiting the greeting, with [limits] (default
    {!default_limits}).
    @raise Invalid_argument if a limit is negative, or a depth or count
    does not fit in 32 bits. *)

val src : connection -> bytes -> int -> int -> unit
(** {!Imap.src}. *)

val dst : connection -> bytes -> int -> int -> unit
(** {!Imap.dst}. *)

val dst_rem : connection -> int
(** {!Imap.dst_rem}. *)

val flush_output : connection -> unit
(** Copies what fits of the pending output into the [dst] buffer (and
    learns the tag of a command that just started). *)

val record_passed_over : connection -> passed_over -> unit
(** Keeps a value for {!Imap_ext.passed_over}. *)

val keep_parsed : connection -> unparsed_place -> 'a list * string list -> 'a list
(** [keep_parsed c place (kept, unparsed)] is [kept], after recording the
    [unparsed] units found at [place] (if any) as [`Unparsed]. *)

val step : connection -> command option -> int
(** The address of the next [imap_step]; a command starts it. Sends
    [DONE] first when the running IDLE was asked to stop. *)

val error_message : connection -> string
(** The message of the last error step. *)

type error =
  [ `Null_argument | `Invalid_argument | `Internal | `Line_too_long | `Literal_too_large
  | `Response_too_large | `Unexpected_eof | `Eof | `Bye_greeting | `Bad_greeting | `Unknown_tag
  | `Unexpected_continuation | `Starttls_injection | `Compression | `Busy | `No_greeting
  | `Needs_authenticator | `Encode | `Auth | `Closed ]
(** {!Imap_ext.error}. *)

val error_kind : int -> error
(** The [imap_error] of a code ([`Internal] for a code the header does
    not have). *)

val last_error : connection -> (error * string) option
(** {!Imap_ext.last_error}. *)

val kinds : 'a -> (int * 'a) list -> 'a array
(** [kinds default pairs]: a table for {!lookup}: the value paired with
    each C kind number in [pairs] (constants of {!T}), [default] for any
    other number.
    @raise Invalid_argument if two pairs have one number. *)

val lookup : 'a array -> int -> 'a
(** The value of a C kind number (never negative) in a {!kinds} table. *)

val error_is_fatal : int -> bool
(** Whether an [imap_error] ends the connection. *)
