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

(* [kinds default pairs]: the table of {!lookup}: the value paired with
   each C kind number in [pairs] (the header's constants, from {!T}),
   [default] for any other number (the last slot). *)
let kinds default pairs =
  let n = List.fold_left (fun m (k, _) -> max m (k + 1)) 0 pairs in
  let table = Array.make (n + 1) default and set = Array.make n false in
  List.iter
    (fun (k, v) ->
      if set.(k) then invalid_arg (Printf.sprintf "Imap_core.kinds: %d twice" k);
      set.(k) <- true;
      table.(k) <- v)
    pairs;
  table

(* The value of a C kind number (never negative) in a {!kinds} table. *)
let[@inline] lookup table k = Array.unsafe_get table (if k < Array.length table then k else Array.length table - 1)

(* Names by kind number, asked of the core once; [count] is one more than
   the last kind. *)
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

let capability_kind_name = kind_names C.capability_kind_name (T.Capability.other + 1)
let mailbox_attr_kind_name = kind_names C.mailbox_attr_kind_name (T.Mailbox_attr.unparsed + 1)
let code_kind_name = kind_names C.code_kind_name (T.Code.other + 1)

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

let o_flag_kind = off T.flag_kind
let o_flag_name = off T.flag_name

type flag_kind =
  | Answered | Flagged | Deleted | Seen | Draft | Recent | Wildcard | Keyword | Extension | Unparsed

let flag_kinds =
  T.Flag.(
    kinds Extension
      [
        (answered, Answered); (flagged, Flagged); (deleted, Deleted); (seen, Seen); (draft, Draft);
        (recent, Recent); (wildcard, Wildcard); (keyword, Keyword); (unparsed, Unparsed);
      ])

(* The flag of [kind] at [f]; [recent] and [wildcard] say what \Recent and
   \* become. *)
let flag ~recent ~wildcard kind f =
  match kind with
  | Answered -> `Answered
  | Flagged -> `Flagged
  | Deleted -> `Deleted
  | Seen -> `Seen
  | Draft -> `Draft
  | Recent -> recent
  | Wildcard -> wildcard
  | Keyword -> `Keyword (bytes (f + o_flag_name))
  | Extension | Unparsed -> `Extension (bytes (f + o_flag_name))

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
      match lookup flag_kinds (u32 (f + o_flag_kind)) with
      | Unparsed -> go (i - 1) kept (bytes (f + o_flag_name) :: unparsed)
      | kind -> go (i - 1) (flag ~recent ~wildcard kind f :: kept) unparsed
  in
  go (word (a + o_flag_list_len) - 1) [] []

type ext_mbx_flag = [ mbx_flag | `Unparsed of string ]

let o_attr_kind = off T.mailbox_attr_kind
let o_attr_name = off T.mailbox_attr_name

(* The attributes 1.1.0 names; [`Named]: another one the core names. *)
let mbx_flag_kinds =
  T.Mailbox_attr.(
    kinds `Named
      [
        (noinferiors, `Noinferiors); (noselect, `Noselect); (marked, `Marked); (unmarked, `Unmarked);
        (has_children, `HasChildren); (has_no_children, `HasNoChildren); (all, `All); (archive, `Archive);
        (drafts, `Drafts); (flagged, `Flagged); (junk, `Junk); (sent, `Sent); (trash, `Trash);
        (extension, `Extension); (unparsed, `Unparsed);
      ])

let mbx_flag a : ext_mbx_flag =
  let k = u32 (a + o_attr_kind) in
  match lookup mbx_flag_kinds k with
  | `Extension -> `Extension (bytes (a + o_attr_name))
  | `Unparsed -> `Unparsed (bytes (a + o_attr_name))
  | `Named -> `Extension (mailbox_attr_kind_name k)
  | ( `Noinferiors | `Noselect | `Marked | `Unmarked | `HasChildren | `HasNoChildren | `All | `Archive
    | `Drafts | `Flagged | `Junk | `Sent | `Trash ) as f ->
      f

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
      let kind = u32 (e + off T.list_extended_kind) in
      if kind = T.List_extended.child_info then ("CHILDINFO", bytes_list values)
      else if kind = T.List_extended.old_name then
        ( "OLDNAME",
          list_at values ~items:(off T.bytes_list_items) ~len:(off T.bytes_list_len) s_bytes mailbox_name )
      else (bytes (e + off T.list_extended_tag), bytes_list values))

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

let esearch_kinds =
  T.Esearch.(kinds `Other [ (min, `Min); (max, `Max); (all, `All); (count, `Count); (mod_seq, `Modseq) ])

let esearch_item i : esearch_item =
  let n = u64 (i + off T.esearch_item_number) in
  match lookup esearch_kinds (u32 (i + off T.esearch_item_kind)) with
  | `Min -> `Min n
  | `Max -> `Max n
  | `All -> `All (seq_set (i + off T.esearch_item_set))
  | `Count -> `Count n
  | `Modseq -> `Modseq n
  | `Other -> `Other (bytes (i + off T.esearch_item_name), bytes (i + off T.esearch_item_value))

(* The untagged responses at [u] (an imap_untagged_data) that the 1.1.0
   types cannot carry (kinds ESEARCH, SORT, THREAD, NAMESPACE, ID, QUOTA,
   QUOTAROOT, ACL, LISTRIGHTS, MYRIGHTS, METADATA, XLIST and OTHER). *)
let ext_untagged_kinds =
  T.Untagged.(
    kinds `Other
      [
        (esearch, `Esearch); (sort, `Sort); (thread, `Thread); (namespace, `Namespace); (id, `Id);
        (quota, `Quota); (quota_root, `Quota_root); (acl, `Acl); (list_rights, `List_rights);
        (my_rights, `My_rights); (metadata, `Metadata); (xlist, `Xlist);
      ])

let ext_untagged kind u : ext_untagged =
  let md_mailbox () = mailbox_name (u + off T.mailbox_data_mailbox) in
  let md_strings () = bytes_list (u + off T.mailbox_data_strings) in
  let md_pairs () = pairs (u + off T.mailbox_data_pairs) in
  match lookup ext_untagged_kinds kind with
  | `Esearch ->
      `Esearch
        ( bytes_opt (u + off T.esearch_tag),
          bool (u + off T.esearch_uid),
          list_at u ~items:(off T.esearch_items) ~len:(off T.esearch_len) (size T.esearch_item) esearch_item )
  | `Sort ->
      `Sort
        ( List.map Uint32.of_int (u32_list (u + off T.search_ids)),
          if bool (u + off T.search_has_modseq) then Some (u64 (u + off T.search_modseq)) else None )
  | `Thread -> `Thread (list_at u ~items:(off T.thread_list_items) ~len:(off T.thread_list_len) (size T.thread) thread)
  | `Namespace ->
      `Namespace
        ( namespace (u + off T.namespace_personal),
          namespace (u + off T.namespace_other),
          namespace (u + off T.namespace_shared) )
  | `Id -> `Id (if bool (u + off T.id_is_nil) then None else Some (pairs (u + off T.id_fields)))
  | `Quota ->
      `Quota
        ( bytes (u + off T.quota_root),
          list_at u ~items:(off T.quota_items) ~len:(off T.quota_len) (size T.quota_resource) (fun r ->
              ( bytes (r + off T.quota_resource_name),
                u64 (r + off T.quota_resource_usage),
                u64 (r + off T.quota_resource_limit) )) )
  | `Quota_root -> `Quota_root (md_mailbox (), md_strings ())
  | `Acl -> `Acl (md_mailbox (), List.map (fun (k, v) -> (k, Option.value v ~default:"")) (md_pairs ()))
  | `List_rights -> `List_rights (md_mailbox (), md_strings ())
  | `My_rights -> `My_rights (md_mailbox (), String.concat "" (md_strings ()))
  | `Metadata ->
      if bool (u + off T.mailbox_data_changed) then `Metadata_changed (md_mailbox (), md_strings ())
      else `Metadata (md_mailbox (), md_pairs ())
  | `Xlist -> `Xlist (list_data u)
  | `Other ->
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
let ext_fetch_kinds =
  T.Fetch.(
    kinds `Other
      [
        (binary, `Binary); (binary_size, `Binary_size); (email_id, `Email_id); (thread_id, `Thread_id);
        (save_date, `Save_date); (preview, `Preview);
      ])

let ext_fetch_item kind d : ext_fetch_item =
  match lookup ext_fetch_kinds kind with
  | `Binary ->
      `Binary
        ( u32_list (d + off T.fetch_section_section + off T.section_part),
          section_origin d,
          bytes_opt (d + off T.fetch_section_data) )
  | `Binary_size -> `Binary_size (u32_list (d + off T.binary_size_part), u64 (d + off T.binary_size_size))
  | `Email_id -> `Email_id (bytes d)
  | `Thread_id -> `Thread_id (bytes_opt d)
  | `Save_date ->
      `Save_date
        (if bool (d + off T.save_date_present) then Some (date_time (d + off T.save_date_date_time)) else None)
  | `Preview -> `Preview (bytes_opt d)
  | `Other -> `Other (bytes (d + o_pair_name), bytes (d + o_pair_value))

(* The imap_body_extension at [e]. *)
let body_extension_kinds =
  T.Body_extension.(kinds `String [ (number, `Number); (list, `List); (unparsed, `Unparsed) ])

let rec body_extension_data e : body_extension_data =
  match lookup body_extension_kinds (u32 (e + off T.body_extension_kind)) with
  | `Number -> `Number (u64 (e + off T.body_extension_number))
  | `List ->
      `List
        (list_at e ~items:(off T.body_extension_items) ~len:(off T.body_extension_len) (size T.body_extension)
           body_extension_data)
  | `Unparsed -> `Unparsed (bytes (e + off T.body_extension_string))
  | `String -> `String (bytes_opt (e + off T.body_extension_string))

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
    let kind = u32 (b + o_kind) in
    if kind = T.Body.multipart then
        let parts = word (b + o_parts) in
        let rec each i acc =
          if i >= word (b + o_len) then acc else each (i + 1) (walk (path @ [ i + 1 ]) (parts + (i * stride)) acc)
        in
        each 0 acc
    else if kind = T.Body.message then
        let inner = word (b + off T.body_body) in
        if inner = 0 then acc
        else walk (if u32 (inner + o_kind) = T.Body.multipart then path else path @ [ 1 ]) inner acc
    else acc
  in
  let top = if u32 (b + o_kind) = T.Body.multipart then [] else [ 1 ] in
  List.rev (walk top b [])

(* A STATUS item at [i] that the 1.1.0 types cannot carry. *)
let ext_status_kinds =
  T.Status.(
    kinds `Other
      [
        (deleted, `Deleted); (size, `Size); (append_limit, `Append_limit); (mailbox_id, `Mailbox_id);
        (deleted_storage, `Deleted_storage);
      ])

let ext_status_item i : ext_status_item =
  let n = u64 (i + off T.status_item_number) in
  match lookup ext_status_kinds (u32 (i + off T.status_item_kind)) with
  | `Deleted -> `Deleted n
  | `Size -> `Size n
  | `Append_limit -> `Append_limit (if bool (i + off T.status_item_has_number) then Some n else None)
  | `Mailbox_id -> `Mailbox_id (bytes (i + off T.status_item_text))
  | `Deleted_storage -> `Deleted_storage n
  | `Other -> `Other (bytes (i + off T.status_item_name), bytes (i + off T.status_item_text))

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

type limits = {
  max_line : int;
  max_literal : int;
  max_response : int;
  max_depth : int;
  max_auth_challenges : int;
}

(* A C limit as an OCaml int ([max_int] when it does not fit). *)
let int_of_limit n =
  let n = Unsigned.UInt64.to_int64 n in
  if Int64.compare n 0L < 0 || Int64.compare n (Int64.of_int max_int) > 0 then max_int else Int64.to_int n

let limits_of_c l =
  let u64 f = int_of_limit (getf l f) and u32 f = Unsigned.UInt32.to_int (getf l f) in
  {
    max_line = u64 Imap_c_limits.max_line;
    max_literal = u64 Imap_c_limits.max_literal;
    max_response = u64 Imap_c_limits.max_response;
    max_depth = u32 Imap_c_limits.max_depth;
    max_auth_challenges = u32 Imap_c_limits.max_auth_challenges;
  }

let default_limits = limits_of_c (C.limits_default ())

(* The C struct of [l] (no streaming: Imap.run buffers every literal). *)
let c_limits l =
  let u64 name n =
    if n < 0 then invalid_arg ("Imap_ext.connection: negative " ^ name);
    Unsigned.UInt64.of_int n
  and u32 name n =
    if n < 0 || n > 0xFFFF_FFFF then invalid_arg ("Imap_ext.connection: " ^ name ^ " out of range");
    Unsigned.UInt32.of_int n
  in
  let s = make Imap_c_limits.t in
  setf s Imap_c_limits.max_line (u64 "max_line" l.max_line);
  setf s Imap_c_limits.max_literal (u64 "max_literal" l.max_literal);
  setf s Imap_c_limits.max_response (u64 "max_response" l.max_response);
  setf s Imap_c_limits.max_depth (u32 "max_depth" l.max_depth);
  setf s Imap_c_limits.stream_threshold Unsigned.UInt64.zero;
  setf s Imap_c_limits.max_auth_challenges (u32 "max_auth_challenges" l.max_auth_challenges);
  s

type connection = {
  conn : unit ptr;
  limits : limits;
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
  mutable last_error : int;  (** the imap_error of the last error step, 0 before any *)
}

let connection ?(limits = default_limits) () =
  let conn = C.connection_new_with (addr (c_limits limits)) (from_voidp char null) in
  if is_null conn then failwith "imap_connection_new_with";
  let c =
    {
      conn; limits; last_error = 0; dst_buf = Bytes.empty; dst_pos = 0; dst_max = 0; dead = false; running = None;
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

type error =
  [ `Null_argument | `Invalid_argument | `Internal | `Line_too_long | `Literal_too_large
  | `Response_too_large | `Unexpected_eof | `Eof | `Bye_greeting | `Bad_greeting | `Unknown_tag
  | `Unexpected_continuation | `Starttls_injection | `Compression | `Busy | `No_greeting
  | `Needs_authenticator | `Encode | `Auth | `Closed ]

let error_kinds =
  T.Error.(
    kinds `Internal
      [
        (null_argument, `Null_argument); (invalid_argument, `Invalid_argument); (internal, `Internal);
        (line_too_long, `Line_too_long); (literal_too_large, `Literal_too_large);
        (response_too_large, `Response_too_large); (unexpected_eof, `Unexpected_eof); (eof, `Eof);
        (bye_greeting, `Bye_greeting); (bad_greeting, `Bad_greeting); (unknown_tag, `Unknown_tag);
        (unexpected_continuation, `Unexpected_continuation); (starttls_injection, `Starttls_injection);
        (compression, `Compression); (busy, `Busy); (no_greeting, `No_greeting);
        (needs_authenticator, `Needs_authenticator); (encode, `Encode); (auth, `Auth); (closed, `Closed);
      ])

let error_kind code : error = lookup error_kinds code

let last_error c = if c.last_error = T.Error.ok then None else Some (error_kind c.last_error, error_message c)
let error_is_fatal code = C.error_is_fatal (Unsigned.UInt32.of_int code)
