(* The compile test, part 1: Imap must match imap 1.1.0's interface exactly
   (API.md, "Complete public interface of imap 1.1.0"), with `src`/`dst` on
   bytes as decided there. Every type below is a manifest the binding's type
   must be equal to (same constructors, same record fields in the same
   order), and every value must have exactly the type, labels and optional
   arguments written here. Extra values in Imap are allowed. *)

module type IMAP_1_1_0 = sig
  type uint32 = Uint32.t
  type uint64 = Uint64.t
  type date = { day : int; month : int; year : int }
  type time = { hours : int; minutes : int; seconds : int; zone : int }
  type flag = [ `Answered | `Flagged | `Deleted | `Seen | `Draft | `Keyword of string | `Extension of string ]

  type capability =
    [ `Acl | `Binary | `Catenate | `Children | `Compress_deflate | `Condstore | `Enable | `Idle | `Id
    | `Literal_plus | `Multi_append | `Namespace | `Qresync | `Quote | `Sort | `Start_tls | `Uid_plus
    | `Unselect | `Xlist | `Auth of [ `Anonymous | `Login | `Plain ] | `Xoauth2 | `Gmail | `Other of string ]

  type set = (uint32 * uint32) list
  type address = { ad_name : string; ad_adl : string; ad_mailbox : string; ad_host : string }

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

  type fields = {
    fld_params : (string * string) list;
    fld_id : string option;
    fld_desc : string option;
    fld_enc : string;
    fld_octets : int;
  }

  type mime =
    [ `Text of string * fields * int
    | `Message of fields * envelope * mime * int
    | `Basic of string * string * fields
    | `Multiple of mime list * string ]

  type section =
    [ `Header | `Header_fields of string list | `Header_fields_not of string list | `Text | `Mime
    | `Part of int * section | `All ]

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
    | `Uid of uint32
    | `Modseq of uint64
    | `Gm_msgid of uint64
    | `Gm_thrid of uint64
    | `Gm_labels of string list ]

  type code =
    [ `Alert | `Bad_charset of string list | `Capability of capability list | `Parse
    | `Permanent_flags of [ flag | `All ] list
    | `Read_only | `Read_write | `Try_create | `Uid_next of uint32 | `Uid_validity of uint32
    | `Unseen of uint32 | `Other of string * string option | `Closed | `Highest_modseq of uint64
    | `No_modseq | `Modified of (uint32 * uint32) list | `Append_uid of uint32 * uint32
    | `Copy_uid of uint32 * (uint32 * uint32) list * (uint32 * uint32) list
    | `Uid_not_sticky | `Compression_active | `Use_attr | `None ]

  type mbx_flag =
    [ `Noselect | `Marked | `Unmarked | `Noinferiors | `HasChildren | `HasNoChildren | `All | `Archive
    | `Drafts | `Flagged | `Junk | `Sent | `Trash | `Extension of string ]

  type status_response =
    [ `Messages of int | `Recent of int | `Uid_next of uint32 | `Uid_validity of uint32 | `Unseen of uint32
    | `Highest_modseq of uint64 ]

  type state = [ `Ok of code * string | `No of code * string | `Bad of code * string ]

  type untagged =
    [ state
    | `Bye of code * string
    | `Preauth of code * string
    | `Flags of flag list
    | `List of mbx_flag list * char option * string
    | `Lsub of mbx_flag list * char option * string
    | `Search of uint32 list * uint64 option
    | `Status of string * status_response list
    | `Exists of int
    | `Recent of int
    | `Expunge of uint32
    | `Fetch of uint32 * fetch_response list
    | `Capability of capability list
    | `Vanished of (uint32 * uint32) list
    | `Vanished_earlier of (uint32 * uint32) list
    | `Enabled of capability list ]

  type response = [ untagged | `Cont of string | `Tagged of string * state ]

  val pp_response : Format.formatter -> [< response ] -> unit

  type eset = (uint32 * uint32 option) list

  type search_key =
    [ `Seq of eset | `All | `Answered | `Bcc of string | `Before of date | `Body of string | `Cc of string
    | `Deleted | `Draft | `Flagged | `From of string | `Header of string * string | `Keyword of string
    | `Larger of int | `New | `Not of search_key | `Old | `On of date | `Or of search_key * search_key
    | `Recent | `Seen | `Sent_before of date | `Sent_on of date | `Sent_since of date | `Since of date
    | `Smaller of int | `Subject of string | `Text of string | `To of string | `Uid of eset | `Unanswered
    | `Undeleted | `Undraft | `Unflagged | `Unkeyword of string | `Unseen | `And of search_key * search_key
    | `Modseq of uint64 | `Gm_raw of string | `Gm_msgid of uint64 | `Gm_thrid of uint64
    | `Gm_labels of string list ]

  type fetch_query =
    [ `Envelope | `Internal_date | `Rfc822_header | `Rfc822_text | `Rfc822_size | `Rfc822 | `Body
    | `Body_section of [ `Peek | `Look ] * section * (int * int) option
    | `Body_structure | `Uid | `Flags ]

  type status_query = [ `Messages | `Recent | `Uid_next | `Uid_validity | `Unseen | `Highest_modseq ]
  type authenticator = { name : string; step : string -> [ `Ok of string | `Error of string ] }

  val plain : string -> string -> authenticator
  val xoauth2 : string -> string -> authenticator

  type command

  val login : string -> string -> command
  val capability : command
  val create : string -> command
  val delete : string -> command
  val rename : string -> string -> command
  val logout : command
  val noop : command
  val subscribe : string -> command
  val unsubscribe : string -> command
  val list : ?ref:string -> string -> command
  val lsub : ?ref:string -> string -> command
  val status : string -> status_query list -> command
  val copy : ?uid:bool -> eset -> string -> command
  val check : command
  val close : command
  val expunge : command
  val search : ?uid:bool -> search_key -> command
  val select : ?condstore:bool -> string -> command
  val examine : ?condstore:bool -> string -> command
  val append : string -> ?flags:flag list -> string -> command
  val fetch : ?uid:bool -> ?changed:uint64 -> ?vanished:bool -> eset -> fetch_query list -> command
  val fetch_all : ?uid:bool -> ?changed:uint64 -> ?vanished:bool -> eset -> command
  val fetch_fast : ?uid:bool -> ?changed:uint64 -> ?vanished:bool -> eset -> command
  val fetch_full : ?uid:bool -> ?changed:uint64 -> ?vanished:bool -> eset -> command
  val store_add_flags : ?uid:bool -> ?silent:bool -> ?unchanged:uint64 -> eset -> flag list -> command
  val store_set_flags : ?uid:bool -> ?silent:bool -> ?unchanged:uint64 -> eset -> flag list -> command
  val store_remove_flags : ?uid:bool -> ?silent:bool -> ?unchanged:uint64 -> eset -> flag list -> command
  val store_add_labels : ?uid:bool -> ?silent:bool -> ?unchanged:uint64 -> eset -> string list -> command
  val store_set_labels : ?uid:bool -> ?silent:bool -> ?unchanged:uint64 -> eset -> string list -> command
  val store_remove_labels : ?uid:bool -> ?silent:bool -> ?unchanged:uint64 -> eset -> string list -> command
  val enable : capability list -> command
  val authenticate : authenticator -> command
  val idle : unit -> command * unit Lazy.t

  type error =
    [ `Incorrect_tag of string * string
    | `Decode_error of
      [ `Expected_char of char
      | `Expected_string of string
      | `Unexpected_char of char
      | `Unexpected_string of string
      | `Illegal_char of char
      | `Unexpected_eoi ]
      * string
      * int
    | `Unexpected_cont
    | `Bad_greeting
    | `Auth_error of string
    | `Bad of code * string
    | `No of code * string ]

  val pp_error : Format.formatter -> error -> unit

  type connection

  val connection : unit -> connection
  val src : connection -> bytes -> int -> int -> unit
  val dst : connection -> bytes -> int -> int -> unit
  val dst_rem : connection -> int

  val run :
    connection ->
    [ `Cmd of command | `Await ] ->
    [ `Untagged of untagged | `Ok of code * string | `Error of error | `Await_src | `Await_dst ]
end

module Imap_is_1_1_0 : IMAP_1_1_0 = Imap

(* Uint32/Uint64: the functions API.md requires. *)
module type UINT = sig
  type t

  val zero : t
  val one : t
  val max_int : t
  val of_int : int -> t
  val to_int : t -> int
  val of_string : string -> t
  val to_string : t -> string
  val compare : t -> t -> int
  val equal : t -> t -> bool
  val add : t -> t -> t
  val sub : t -> t -> t
  val succ : t -> t
  val pred : t -> t
end

module Uint32_is_complete : UINT with type t = Uint32.t = Uint32
module Uint64_is_complete : UINT with type t = Uint64.t = Uint64
