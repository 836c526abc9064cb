(* The machinery shared by Imap and Imap_ext: the C functions and structs,
   readers that copy C data into OCaml values, connections and commands. *)

open Ctypes
module C = Imap_c_functions.Make (Imap_c_generated)
module T = Imap_c_types.Make (Imap_c_types_generated)
module Size = Unsigned.Size_t

(* {1 Reading C data}

   Response structs are read at their addresses (OCaml ints), with field
   offsets and struct sizes from the ctypes descriptions (Imap_c_types,
   laid out by the C compiler), and the loads of imap_read_stubs.c. *)

external u8 : (int[@untagged]) -> (int[@untagged]) = "imap_ocaml_u8_byte" "imap_ocaml_u8" [@@noalloc]
external u16 : (int[@untagged]) -> (int[@untagged]) = "imap_ocaml_u16_byte" "imap_ocaml_u16" [@@noalloc]
external i16 : (int[@untagged]) -> (int[@untagged]) = "imap_ocaml_i16_byte" "imap_ocaml_i16" [@@noalloc]
external u32 : (int[@untagged]) -> (int[@untagged]) = "imap_ocaml_u32_byte" "imap_ocaml_u32" [@@noalloc]

external word : (int[@untagged]) -> (int[@untagged]) = "imap_ocaml_word_byte" "imap_ocaml_word"
  [@@noalloc]

external u64_bits : (int[@untagged]) -> (int64[@unboxed]) = "imap_ocaml_u64_byte" "imap_ocaml_u64"
  [@@noalloc]

external string_at : (int[@untagged]) -> (int[@untagged]) -> string = "imap_ocaml_string_byte" "imap_ocaml_string"

let off f = offsetof f
let size t = sizeof t
let bool a = u8 a <> 0
let u64 a = Unsigned.UInt64.of_int64 (u64_bits a)
let address p = Nativeint.to_int (raw_address_of_ptr p)
let pointer a = ptr_of_raw_address (Nativeint.of_int a)

(* imap_bytes *)
let o_bytes_ptr = off T.bytes_ptr
let o_bytes_len = off T.bytes_len

let bytes_opt a =
  let p = word (a + o_bytes_ptr) in
  if p = 0 then None else Some (string_at p (word (a + o_bytes_len)))

let bytes a =
  let p = word (a + o_bytes_ptr) in
  if p = 0 then "" else string_at p (word (a + o_bytes_len))

(* A list of [len] structs of [stride] bytes from [items]. *)
let list_map items len stride f =
  let rec go i acc = if i < 0 then acc else go (i - 1) (f (items + (i * stride)) :: acc) in
  go (len - 1) []

(* A list struct at [a]: items pointer and count at these offsets. *)
let list_at a ~items ~len stride f = list_map (word (a + items)) (word (a + len)) stride f

let s_bytes = size T.bytes_
let bytes_list a = list_at a ~items:(off T.bytes_list_items) ~len:(off T.bytes_list_len) s_bytes bytes
let u32_list a = list_at a ~items:(off T.u32_list_items) ~len:(off T.u32_list_len) 4 u32
let o_range_start = off T.seq_range_start
let o_range_end = off T.seq_range_end

let seq_set a =
  list_at a ~items:(off T.seq_set_items) ~len:(off T.seq_set_len) (size T.seq_range) (fun r ->
      (Uint32.of_int (u32 (r + o_range_start)), Uint32.of_int (u32 (r + o_range_end))))

let seq_set_text set =
  let n x = if Uint32.equal x Uint32.zero then "*" else Uint32.to_string x in
  String.concat "," (List.map (fun (a, b) -> if Uint32.equal a b then n a else n a ^ ":" ^ n b) set)

let o_pair_name = off T.pair_name
let o_pair_value = off T.pair_value

let pairs a =
  list_at a ~items:(off T.pair_list_items) ~len:(off T.pair_list_len) (size T.pair) (fun p ->
      (bytes (p + o_pair_name), bytes_opt (p + o_pair_value)))

(* A name written by one of the [imap_*_name] functions into a buffer. *)
let name_of f =
  let rec go cap =
    let buf = Bytes.create cap in
    let n = Size.to_int (f (ocaml_bytes_start buf) (Size.of_int cap)) in
    if n <= cap then Bytes.sub_string buf 0 n else go n
  in
  go 64

(* Names by kind number, asked of the core once. *)
let kind_names f count =
  let table = Array.make count None in
  fun kind ->
    if kind < 0 || kind >= count then ""
    else
      match table.(kind) with
      | Some s -> s
      | None ->
          let s = name_of (f (Unsigned.UInt32.of_int kind)) in
          table.(kind) <- Some s;
          s

let capability_kind_name = kind_names C.capability_kind_name 57
let mailbox_attr_kind_name = kind_names C.mailbox_attr_kind_name 19
let code_kind_name = kind_names C.code_kind_name 51

(* The wire name of the received capability at [a]. *)
let capability_name a = name_of (C.capability_name (pointer a))

(* The mailbox name (imap_bytes) at [a], decoded from modified UTF-7 by
   the core. *)
let mailbox_name a =
  let p = word (a + o_bytes_ptr) in
  if p = 0 then ""
  else name_of (C.mutf7_decode (from_voidp char (pointer p)) (Size.of_int (word (a + o_bytes_len))))

let mutf7_encode s = name_of (C.mutf7_encode (ocaml_string_start s) (Size.of_int (String.length s)))

(* {1 Flags and attributes (the constructors shared by Imap and Imap_ext)} *)

type flag = [ `Answered | `Flagged | `Deleted | `Seen | `Draft | `Keyword of string | `Extension of string ]

type mbx_flag =
  [ `Noselect | `Marked | `Unmarked | `Noinferiors | `HasChildren | `HasNoChildren | `All
  | `Archive | `Drafts | `Flagged | `Junk | `Sent | `Trash | `Extension of string ]

(* Kinds of the header's enums that the readers name (include/imap.h). *)
let flag_kind_keyword = 7 (* IMAP_FLAG_KIND_KEYWORD *)
let flag_kind_unparsed = 9 (* IMAP_FLAG_KIND_UNPARSED *)
let mailbox_attr_kind_other = 17 (* IMAP_MAILBOX_ATTR_KIND_OTHER *)
let mailbox_attr_kind_unparsed = 18 (* IMAP_MAILBOX_ATTR_KIND_UNPARSED *)
let body_extension_kind_number = 1 (* IMAP_BODY_EXTENSION_KIND_NUMBER *)
let body_extension_kind_list = 2 (* IMAP_BODY_EXTENSION_KIND_LIST *)
let body_extension_kind_unparsed = 3 (* IMAP_BODY_EXTENSION_KIND_UNPARSED *)

let o_flag_kind = off T.flag_kind
let o_flag_name = off T.flag_name

(* The flag at [f]; [recent] and [wildcard] say what \Recent and \* become. *)
let flag ~recent ~wildcard f =
  match u32 (f + o_flag_kind) with
  | 0 -> `Answered
  | 1 -> `Flagged
  | 2 -> `Deleted
  | 3 -> `Seen
  | 4 -> `Draft
  | 5 -> recent
  | 6 -> wildcard
  | k when k = flag_kind_keyword -> `Keyword (bytes (f + o_flag_name))
  | _ -> `Extension (bytes (f + o_flag_name))

(* The flags of the imap_flag_list at [a], then the bytes of the units
   that did not parse as flags, in order. *)
let o_flag_list_items = off T.flag_list_items
let o_flag_list_len = off T.flag_list_len
let s_flag = size T.flag

let flag_list ~recent ~wildcard a =
  let items = word (a + o_flag_list_items) in
  let rec go i kept unparsed =
    if i < 0 then (kept, unparsed)
    else
      let f = items + (i * s_flag) in
      if u32 (f + o_flag_kind) = flag_kind_unparsed then go (i - 1) kept (bytes (f + o_flag_name) :: unparsed)
      else go (i - 1) (flag ~recent ~wildcard f :: kept) unparsed
  in
  go (word (a + o_flag_list_len) - 1) [] []

type ext_mbx_flag = [ mbx_flag | `Unparsed of string ]

let o_attr_kind = off T.mailbox_attr_kind
let o_attr_name = off T.mailbox_attr_name

let mbx_flag a : ext_mbx_flag =
  match u32 (a + o_attr_kind) with
  | 0 -> `Noinferiors
  | 1 -> `Noselect
  | 2 -> `Marked
  | 3 -> `Unmarked
  | 7 -> `HasChildren
  | 8 -> `HasNoChildren
  | 9 -> `All
  | 10 -> `Archive
  | 11 -> `Drafts
  | 12 -> `Flagged
  | 13 -> `Junk
  | 14 -> `Sent
  | 15 -> `Trash
  | k when k = mailbox_attr_kind_other -> `Extension (bytes (a + o_attr_name))
  | k when k = mailbox_attr_kind_unparsed -> `Unparsed (bytes (a + o_attr_name))
  | k -> `Extension (mailbox_attr_kind_name k)

(* [attrs] without the units that did not parse, then their bytes. *)
let split_unparsed_attrs (attrs : ext_mbx_flag list) =
  List.partition_map (function `Unparsed s -> Either.Right s | #mbx_flag as a -> Either.Left a) attrs

let char_opt has d = if has then Some (Char.chr d) else None

(* The LIST-EXTENDED items of the imap_list at [l]: (tag, values); the
   OLDNAME value is a decoded mailbox name. *)
let list_extended l =
  list_at l ~items:(off T.list_extended_items) ~len:(off T.list_extended_len) (size T.list_extended)
    (fun e ->
      let values = e + off T.list_extended_values in
      match u32 (e + off T.list_extended_kind) with
      | 0 -> ("CHILDINFO", bytes_list values)
      | 1 ->
          ( "OLDNAME",
            list_at values ~items:(off T.bytes_list_items) ~len:(off T.bytes_list_len) s_bytes mailbox_name )
      | _ -> (bytes (e + off T.list_extended_tag), bytes_list values))

(* The attributes (with those that did not parse, as [`Unparsed]),
   delimiter and decoded name of the imap_list at [l]. *)
let list_data l =
  let attrs =
    list_at l ~items:(off T.list_attributes) ~len:(off T.list_attributes_len) (size T.mailbox_attr)
      mbx_flag
  in
  ( attrs,
    char_opt (bool (l + off T.list_has_delimiter)) (u8 (l + off T.list_delimiter)),
    mailbox_name (l + off T.list_name) )

(* {1 Commands} *)

type command = {
  handle : unit ptr;
  rebuild : (unit -> command) option;  (** a fresh copy, for commands used up by a run *)
  mutable used : bool;
  idle_stop : bool ref option;  (** the stop flag of an IDLE command *)
  auth_failure : string option ref;  (** set by an authenticator that gave up *)
}

let command ?idle_stop ?(auth_failure = ref None) ?rebuild what handle =
  if is_null handle then invalid_arg ("Imap." ^ what ^ ": invalid argument");
  let cmd = { handle; rebuild; used = false; idle_stop; auth_failure } in
  Gc.finalise (fun c -> C.command_free c.handle) cmd;
  cmd

(* A C string; NUL cannot be sent, and would cut the string short. *)
let cstring what s =
  if String.contains s '\000' then invalid_arg ("Imap." ^ what ^ ": NUL byte in an argument");
  CArray.start (CArray.of_string s)

(* [f arr n] with [arr] the C strings of [l], kept alive during the call. *)
let with_cstrings what l f =
  let strings = List.map (cstring what) l in
  let arr = CArray.of_list (ptr char) strings in
  let r = f (CArray.start arr) (Size.of_int (CArray.length arr)) in
  ignore (Sys.opaque_identity (strings, arr));
  r

(* {1 What the 1.1.0 types cannot carry (Imap_ext)} *)

type date_time = {
  year : int;
  month : int;
  day : int;
  hour : int;
  minute : int;
  second : int;
  zone_minutes : int;
}

(* The imap_date_time at [d]. *)
let date_time d =
  {
    year = u16 (d + off T.dt_year);
    month = u8 (d + off T.dt_month);
    day = u8 (d + off T.dt_day);
    hour = u8 (d + off T.dt_hour);
    minute = u8 (d + off T.dt_minute);
    second = u8 (d + off T.dt_second);
    zone_minutes = i16 (d + off T.dt_zone);
  }

type esearch_item =
  [ `Min of Uint64.t
  | `Max of Uint64.t
  | `All of (Uint32.t * Uint32.t) list
  | `Count of Uint64.t
  | `Modseq of Uint64.t
  | `Other of string * string ]

type thread = Thread of Uint32.t list * thread list

type namespace = (string * char option) list option

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

type body_extension_data =
  [ `String of string option | `Number of Uint64.t | `List of body_extension_data list | `Unparsed of string ]

type body_extension = {
  md5 : string option;
  disposition : (string * (string * string option) list) option;
  language : string list;
  location : string option;
  further : body_extension_data list;
}

type ext_fetch_item =
  [ `Binary of int list * int option * string option
  | `Binary_size of int list * Uint64.t
  | `Body_extensions of (int list * body_extension) list
  | `Email_id of string
  | `Thread_id of string option
  | `Save_date of date_time option
  | `Preview of string option
  | `Other of string * string ]

type ext_status_item =
  [ `Deleted of Uint64.t
  | `Size of Uint64.t
  | `Append_limit of Uint64.t option
  | `Mailbox_id of string
  | `Deleted_storage of Uint64.t
  | `Other of string * string ]

type malformed = { offset : int; raw : string; error_offset : int }

type unparsed_place =
  [ `Fetch_flags of Uint32.t | `Flags | `Permanent_flags | `List of string | `Lsub of string ]

type passed_over =
  [ `Untagged of ext_untagged
  | `Unparsed of unparsed_place * string list
  | `Fetch_items of Uint32.t * ext_fetch_item list
  | `Status_items of string * ext_status_item list
  | `Malformed of malformed ]

let rec thread t =
  Thread
    ( List.map Uint32.of_int (u32_list (t + off T.thread_members)),
      list_at t ~items:(off T.thread_children) ~len:(off T.thread_children_len) (size T.thread) thread
    )

let namespace l : namespace =
  if bool (l + off T.namespace_list_is_nil) then None
  else
    Some
      (list_at l ~items:(off T.namespace_list_items) ~len:(off T.namespace_list_len)
         (size T.namespace_desc) (fun d ->
           ( mailbox_name (d + off T.namespace_desc_prefix),
             char_opt (bool (d + off T.namespace_desc_has_delimiter)) (u8 (d + off T.namespace_desc_delimiter)) )))

let esearch_item i : esearch_item =
  let n = u64 (i + off T.esearch_item_number) in
  match u32 (i + off T.esearch_item_kind) with
  | 0 -> `Min n
  | 1 -> `Max n
  | 2 -> `All (seq_set (i + off T.esearch_item_set))
  | 3 -> `Count n
  | 4 -> `Modseq n
  | _ -> `Other (bytes (i + off T.esearch_item_name), bytes (i + off T.esearch_item_value))

(* The untagged responses at [u] (an imap_untagged_data) that the 1.1.0
   types cannot carry (kinds ESEARCH, SORT, THREAD, NAMESPACE, ID, QUOTA,
   QUOTAROOT, ACL, LISTRIGHTS, MYRIGHTS, METADATA, XLIST and OTHER). *)
let ext_untagged kind u : ext_untagged =
  let md_mailbox () = mailbox_name (u + off T.mailbox_data_mailbox) in
  let md_strings () = bytes_list (u + off T.mailbox_data_strings) in
  let md_pairs () = pairs (u + off T.mailbox_data_pairs) in
  match kind with
  | 13 ->
      `Esearch
        ( bytes_opt (u + off T.esearch_tag),
          bool (u + off T.esearch_uid),
          list_at u ~items:(off T.esearch_items) ~len:(off T.esearch_len) (size T.esearch_item) esearch_item )
  | 14 ->
      `Sort
        ( List.map Uint32.of_int (u32_list (u + off T.search_ids)),
          if bool (u + off T.search_has_modseq) then Some (u64 (u + off T.search_modseq)) else None )
  | 15 -> `Thread (list_at u ~items:(off T.thread_list_items) ~len:(off T.thread_list_len) (size T.thread) thread)
  | 16 ->
      `Namespace
        ( namespace (u + off T.namespace_personal),
          namespace (u + off T.namespace_other),
          namespace (u + off T.namespace_shared) )
  | 17 -> `Id (if bool (u + off T.id_is_nil) then None else Some (pairs (u + off T.id_fields)))
  | 18 ->
      `Quota
        ( bytes (u + off T.quota_root),
          list_at u ~items:(off T.quota_items) ~len:(off T.quota_len) (size T.quota_resource) (fun r ->
              ( bytes (r + off T.quota_resource_name),
                u64 (r + off T.quota_resource_usage),
                u64 (r + off T.quota_resource_limit) )) )
  | 19 -> `Quota_root (md_mailbox (), md_strings ())
  | 20 -> `Acl (md_mailbox (), List.map (fun (k, v) -> (k, Option.value v ~default:"")) (md_pairs ()))
  | 21 -> `List_rights (md_mailbox (), md_strings ())
  | 22 -> `My_rights (md_mailbox (), String.concat "" (md_strings ()))
  | 23 ->
      if bool (u + off T.mailbox_data_changed) then `Metadata_changed (md_mailbox (), md_strings ())
      else `Metadata (md_mailbox (), md_pairs ())
  | 10 -> `Xlist (list_data u)
  | _ ->
      `Other
        ( (if bool (u + off T.other_has_number) then Some (Uint32.of_int (u32 (u + off T.other_number))) else None),
          bytes (u + off T.other_name),
          bytes (u + off T.other_rest) )

(* The <origin> of the imap_fetch_section at [s]. *)
let section_origin s =
  if bool (s + off T.fetch_section_has_origin) then Some (u32 (s + off T.fetch_section_origin)) else None

(* A FETCH item at [d] (an imap_fetch_data) that the 1.1.0 types cannot
   carry (kinds BINARY, BINARY.SIZE, EMAILID, THREADID, SAVEDATE, PREVIEW
   and OTHER). *)
let ext_fetch_item kind d : ext_fetch_item =
  match kind with
  | 10 ->
      `Binary
        ( u32_list (d + off T.fetch_section_section + off T.section_part),
          section_origin d,
          bytes_opt (d + off T.fetch_section_data) )
  | 11 -> `Binary_size (u32_list (d + off T.binary_size_part), u64 (d + off T.binary_size_size))
  | 14 -> `Email_id (bytes d)
  | 15 -> `Thread_id (bytes_opt d)
  | 16 ->
      `Save_date
        (if bool (d + off T.save_date_present) then Some (date_time (d + off T.save_date_date_time)) else None)
  | 17 -> `Preview (bytes_opt d)
  | _ -> `Other (bytes (d + o_pair_name), bytes (d + o_pair_value))

(* The imap_body_extension at [e]. *)
let rec body_extension_data e : body_extension_data =
  match u32 (e + off T.body_extension_kind) with
  | k when k = body_extension_kind_number -> `Number (u64 (e + off T.body_extension_number))
  | k when k = body_extension_kind_list ->
      `List
        (list_at e ~items:(off T.body_extension_items) ~len:(off T.body_extension_len) (size T.body_extension)
           body_extension_data)
  | k when k = body_extension_kind_unparsed -> `Unparsed (bytes (e + off T.body_extension_string))
  | _ -> `String (bytes_opt (e + off T.body_extension_string))

(* The extension data of the imap_body at [b] and its parts, with their
   part numbers ([] for a multipart message itself): what 1.1.0's [mime]
   has no place for. *)
let body_extensions b =
  let o_kind = off T.body_kind and o_parts = off T.body_parts and o_len = off T.body_parts_len in
  let stride = size T.body in
  let rec walk path b acc =
    let acc =
      if not (bool (b + off T.body_has_extension)) then acc
      else
        let d = word (b + off T.body_disposition) in
        ( path,
          {
            md5 = bytes_opt (b + off T.body_md5);
            disposition =
              (if d = 0 then None
               else Some (bytes (d + off T.disposition_kind), pairs (d + off T.disposition_params)));
            language = bytes_list (b + off T.body_language);
            location = bytes_opt (b + off T.body_location);
            further =
              list_at b ~items:(off T.body_extensions) ~len:(off T.body_extensions_len) (size T.body_extension)
                body_extension_data;
          } )
        :: acc
    in
    match u32 (b + o_kind) with
    | 3 ->
        let parts = word (b + o_parts) in
        let rec each i acc =
          if i >= word (b + o_len) then acc else each (i + 1) (walk (path @ [ i + 1 ]) (parts + (i * stride)) acc)
        in
        each 0 acc
    | 2 ->
        let inner = word (b + off T.body_body) in
        if inner = 0 then acc
        else walk (if u32 (inner + o_kind) = 3 then path else path @ [ 1 ]) inner acc
    | _ -> acc
  in
  let top = if u32 (b + o_kind) = 3 then [] else [ 1 ] in
  List.rev (walk top b [])

(* A STATUS item at [i] that the 1.1.0 types cannot carry. *)
let ext_status_item i : ext_status_item =
  let n = u64 (i + off T.status_item_number) in
  match u32 (i + off T.status_item_kind) with
  | 5 -> `Deleted n
  | 6 -> `Size n
  | 8 -> `Append_limit (if bool (i + off T.status_item_has_number) then Some n else None)
  | 9 -> `Mailbox_id (bytes (i + off T.status_item_text))
  | 10 -> `Deleted_storage n
  | _ -> `Other (bytes (i + off T.status_item_name), bytes (i + off T.status_item_text))

(* The imap_malformed at [m]. *)
let malformed m =
  {
    offset = word (m + off T.malformed_offset);
    raw = bytes (m + off T.malformed_raw);
    error_offset = word (m + off T.malformed_error_offset);
  }

(* {1 Connections} *)

(* What Imap.run passed over, for Imap_ext: the most recent ones. *)
let passed_over_limit = 256

type connection = {
  conn : unit ptr;
  mutable dst_buf : Bytes.t;
  mutable dst_pos : int;  (** next byte to write *)
  mutable dst_max : int;  (** end of the caller's range *)
  mutable dead : bool;
  mutable running : command option;  (** kept alive while C may call back into it *)
  mutable idle_stop : bool ref option;
  mutable idle_stop_sent : bool;
  mutable pending : exn list;  (** results (as Imap's exceptions) to give before asking the core again *)
  mutable tag : string;  (** the tag of the last command sent *)
  mutable tag_unknown : bool;  (** a command started: its tag is the first word of the output *)
  mutable keep_body_extensions : bool;  (** pass BODYSTRUCTURE extension data over too *)
  passed_over : passed_over Queue.t;
}

let connection () =
  let conn = C.connection_new () in
  if is_null conn then failwith "imap_connection_new";
  let c =
    {
      conn; dst_buf = Bytes.empty; dst_pos = 0; dst_max = 0; dead = false; running = None;
      idle_stop = None; idle_stop_sent = false; pending = []; passed_over = Queue.create ();
      tag = ""; tag_unknown = false; keep_body_extensions = false;
    }
  in
  Gc.finalise (fun c -> C.connection_free c.conn) c;
  c

let check_bounds buf off len =
  if off < 0 || len < 0 || off > Bytes.length buf - len then invalid_arg "bounds"

let src c buf off len =
  check_bounds buf off len;
  if not c.dead then ignore (C.src c.conn (ocaml_bytes_start buf +@ off) (Size.of_int len))

let dst c buf off len =
  check_bounds buf off len;
  c.dst_buf <- buf;
  c.dst_pos <- off;
  c.dst_max <- off + len

let dst_rem c = c.dst_max - c.dst_pos

(* Copies what fits of the pending output into the caller's buffer. The
   output of a command that just started begins with its tag. *)
let flush_output c =
  let room = dst_rem c in
  if room > 0 || c.tag_unknown then begin
    let lenp = allocate size_t Size.zero in
    let out = address (to_voidp (C.output c.conn lenp)) in
    let pending = Size.to_int !@lenp in
    if c.tag_unknown && pending > 0 then begin
      let line = string_at out (min pending 64) in
      c.tag <- (match String.index_opt line ' ' with Some i -> String.sub line 0 i | None -> line);
      c.tag_unknown <- false
    end;
    let n = min room pending in
    if n > 0 then begin
      Bytes.blit_string (string_at out n) 0 c.dst_buf c.dst_pos n;
      c.dst_pos <- c.dst_pos + n;
      ignore (C.output_advance c.conn (Size.of_int n))
    end
  end

let record_passed_over c v =
  if Queue.length c.passed_over >= passed_over_limit then ignore (Queue.pop c.passed_over);
  Queue.push v c.passed_over

(* [kept], after recording the [unparsed] units found at [place]. *)
let keep_parsed c place (kept, unparsed) =
  if unparsed <> [] then record_passed_over c (`Unparsed (place, unparsed));
  kept

(* Asks the core for the next step: [cmd] starts a command. Sends DONE
   first when the running IDLE was asked to stop. *)
let step c cmd =
  (match c.idle_stop with
  | Some stop when !stop && (not c.idle_stop_sent) && cmd = None ->
      c.idle_stop_sent <- true;
      ignore (C.idle_stop c.conn)
  | _ -> ());
  let handle =
    match cmd with
    | None -> null
    | Some cmd -> cmd.handle
  in
  address (C.run c.conn handle)

let error_message c = C.error_message c.conn
let error_is_fatal code = C.error_is_fatal (Unsigned.UInt32.of_int code)
