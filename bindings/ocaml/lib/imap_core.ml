(* The machinery shared by Imap and Imap_ext: the C functions and structs,
   readers that copy C data into OCaml values, connections and commands. *)

open Ctypes
module C = Imap_c_functions.Make (Imap_c_generated)
module T = Imap_c_types.Make (Imap_c_types_generated)
module Size = Unsigned.Size_t

(* {1 Reading C data} *)

let u32 n = n land 0xFFFF_FFFF

let bytes_opt b =
  let p = getf b T.bytes_ptr in
  if is_null p then None else Some (string_from_ptr p ~length:(getf b T.bytes_len))

let bytes b =
  let p = getf b T.bytes_ptr in
  if is_null p then "" else string_from_ptr p ~length:(getf b T.bytes_len)

let list_map items len f =
  let rec go i acc = if i < 0 then acc else go (i - 1) (f !@(items +@ i) :: acc) in
  go (len - 1) []

let bytes_list l = list_map (getf l T.bytes_list_items) (getf l T.bytes_list_len) bytes

let u32_list l =
  let items = getf l T.u32_list_items in
  list_map items (getf l T.u32_list_len) u32

let seq_set s =
  list_map (getf s T.seq_set_items) (getf s T.seq_set_len) (fun r ->
      (Uint32.of_int (getf r T.seq_range_start), Uint32.of_int (getf r T.seq_range_end)))

let pairs l =
  list_map (getf l T.pair_list_items) (getf l T.pair_list_len) (fun p ->
      (bytes (getf p T.pair_name), bytes_opt (getf p T.pair_value)))

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
let mailbox_attr_kind_name = kind_names C.mailbox_attr_kind_name 18
let code_kind_name = kind_names C.code_kind_name 51

(* The wire name of a received capability. *)
let capability_name cap = name_of (C.capability_name (to_voidp (addr cap)))

(* A mailbox name from the server, decoded from modified UTF-7 by the core. *)
let mailbox_name b =
  let p = getf b T.bytes_ptr in
  if is_null p then ""
  else
    let len = Size.of_int (getf b T.bytes_len) in
    name_of (C.mutf7_decode p len)

let mutf7_encode s = name_of (C.mutf7_encode (ocaml_string_start s) (Size.of_int (String.length s)))

(* {1 Flags and attributes (the constructors shared by Imap and Imap_ext)} *)

type flag = [ `Answered | `Flagged | `Deleted | `Seen | `Draft | `Keyword of string | `Extension of string ]

type mbx_flag =
  [ `Noselect | `Marked | `Unmarked | `Noinferiors | `HasChildren | `HasNoChildren | `All
  | `Archive | `Drafts | `Flagged | `Junk | `Sent | `Trash | `Extension of string ]

(* A flag of the core; [recent] and [wildcard] say what \Recent and \* become. *)
let flag ~recent ~wildcard f =
  match getf f T.flag_kind with
  | 0 -> `Answered
  | 1 -> `Flagged
  | 2 -> `Deleted
  | 3 -> `Seen
  | 4 -> `Draft
  | 5 -> recent
  | 6 -> wildcard
  | 7 -> `Keyword (bytes (getf f T.flag_name))
  | _ -> `Extension (bytes (getf f T.flag_name))

let flag_list ~recent ~wildcard l =
  list_map (getf l T.flag_list_items) (getf l T.flag_list_len) (flag ~recent ~wildcard)

let mbx_flag a : mbx_flag =
  match getf a T.mailbox_attr_kind with
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
  | 17 -> `Extension (bytes (getf a T.mailbox_attr_name))
  | k -> `Extension (mailbox_attr_kind_name k)

let list_data l =
  let attrs = list_map (getf l T.list_attributes) (getf l T.list_attributes_len) mbx_flag in
  let delim =
    if getf l T.list_has_delimiter then Some (Char.chr (Unsigned.UInt8.to_int (getf l T.list_delimiter))) else None
  in
  (attrs, delim, mailbox_name (getf l T.list_name))

(* {1 Commands} *)

type command = {
  handle : unit ptr;
  rebuild : (unit -> command) option;  (** a fresh copy, for commands used up by a run *)
  mutable used : bool;
  idle_stop : bool ref option;  (** the stop flag of an IDLE command *)
  auth_failure : string option ref;  (** set by an authenticator that gave up *)
  keep : Obj.t;  (** what C calls back into (an authenticator's closure) *)
}

let no_keep = Obj.repr ()

let command ?idle_stop ?(auth_failure = ref None) ?(keep = no_keep) ?rebuild what handle =
  if is_null handle then invalid_arg ("Imap." ^ what ^ ": invalid argument");
  let cmd = { handle; rebuild; used = false; idle_stop; auth_failure; keep } in
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

let date_time d =
  {
    year = Unsigned.UInt16.to_int (getf d T.dt_year);
    month = Unsigned.UInt8.to_int (getf d T.dt_month);
    day = Unsigned.UInt8.to_int (getf d T.dt_day);
    hour = Unsigned.UInt8.to_int (getf d T.dt_hour);
    minute = Unsigned.UInt8.to_int (getf d T.dt_minute);
    second = Unsigned.UInt8.to_int (getf d T.dt_second);
    zone_minutes = getf d T.dt_zone;
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
  | `Xlist of mbx_flag list * char option * string
  | `Other of Uint32.t option * string * string ]

type ext_fetch_item =
  [ `Binary of int list * int option * string option
  | `Binary_size of int list * Uint64.t
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

type passed_over =
  [ `Untagged of ext_untagged
  | `Fetch_items of Uint32.t * ext_fetch_item list
  | `Status_items of string * ext_status_item list
  | `Malformed of malformed ]

let delimiter has d = if has then Some (Char.chr (Unsigned.UInt8.to_int d)) else None

let rec thread t =
  Thread
    ( List.map Uint32.of_int (u32_list (getf t T.thread_members)),
      list_map (getf t T.thread_children) (getf t T.thread_children_len) thread )

let namespace l : namespace =
  if getf l T.namespace_list_is_nil then None
  else
    Some
      (list_map (getf l T.namespace_list_items) (getf l T.namespace_list_len) (fun d ->
           ( mailbox_name (getf d T.namespace_desc_prefix),
             delimiter (getf d T.namespace_desc_has_delimiter) (getf d T.namespace_desc_delimiter) )))

let esearch_item i : esearch_item =
  let n = getf i T.esearch_item_number in
  match getf i T.esearch_item_kind with
  | 0 -> `Min n
  | 1 -> `Max n
  | 2 -> `All (seq_set (getf i T.esearch_item_set))
  | 3 -> `Count n
  | 4 -> `Modseq n
  | _ -> `Other (bytes (getf i T.esearch_item_name), bytes (getf i T.esearch_item_value))

(* The untagged responses that the 1.1.0 types cannot carry (kinds
   ESEARCH, SORT, THREAD, NAMESPACE, ID, QUOTA, QUOTAROOT, ACL,
   LISTRIGHTS, MYRIGHTS, METADATA, XLIST and OTHER). *)
let ext_untagged kind u : ext_untagged =
  let md () = getf u T.untagged_mailbox_data in
  let md_mailbox () = mailbox_name (getf (md ()) T.mailbox_data_mailbox) in
  let md_strings () = bytes_list (getf (md ()) T.mailbox_data_strings) in
  let md_pairs () = pairs (getf (md ()) T.mailbox_data_pairs) in
  match kind with
  | 13 ->
      let e = getf u T.untagged_esearch in
      `Esearch
        ( bytes_opt (getf e T.esearch_tag),
          getf e T.esearch_uid,
          list_map (getf e T.esearch_items) (getf e T.esearch_len) esearch_item )
  | 14 ->
      let s = getf u T.untagged_search in
      `Sort
        ( List.map Uint32.of_int (u32_list (getf s T.search_ids)),
          if getf s T.search_has_modseq then Some (getf s T.search_modseq) else None )
  | 15 ->
      let l = getf u T.untagged_thread in
      `Thread (list_map (getf l T.thread_list_items) (getf l T.thread_list_len) thread)
  | 16 ->
      let n = getf u T.untagged_namespace in
      `Namespace
        ( namespace (getf n T.namespace_personal),
          namespace (getf n T.namespace_other),
          namespace (getf n T.namespace_shared) )
  | 17 ->
      let i = getf u T.untagged_id in
      `Id (if getf i T.id_is_nil then None else Some (pairs (getf i T.id_fields)))
  | 18 ->
      let q = getf u T.untagged_quota in
      `Quota
        ( bytes (getf q T.quota_root),
          list_map (getf q T.quota_items) (getf q T.quota_len) (fun r ->
              ( bytes (getf r T.quota_resource_name),
                getf r T.quota_resource_usage,
                getf r T.quota_resource_limit )) )
  | 19 -> `Quota_root (md_mailbox (), md_strings ())
  | 20 -> `Acl (md_mailbox (), List.map (fun (k, v) -> (k, Option.value v ~default:"")) (md_pairs ()))
  | 21 -> `List_rights (md_mailbox (), md_strings ())
  | 22 -> `My_rights (md_mailbox (), String.concat "" (md_strings ()))
  | 23 ->
      if getf (md ()) T.mailbox_data_changed then `Metadata_changed (md_mailbox (), md_strings ())
      else `Metadata (md_mailbox (), md_pairs ())
  | 10 -> `Xlist (list_data (getf u T.untagged_list))
  | _ ->
      let o = getf u T.untagged_other in
      `Other
        ( (if getf o T.other_has_number then Some (Uint32.of_int (getf o T.other_number)) else None),
          bytes (getf o T.other_name),
          bytes (getf o T.other_rest) )

let section_origin s =
  if getf s T.fetch_section_has_origin then Some (u32 (getf s T.fetch_section_origin)) else None

(* A FETCH item that the 1.1.0 types cannot carry (kinds BINARY,
   BINARY.SIZE, EMAILID, THREADID, SAVEDATE, PREVIEW and OTHER). *)
let ext_fetch_item kind d : ext_fetch_item =
  match kind with
  | 10 ->
      let s = getf d T.fetch_section_ in
      `Binary
        ( u32_list (getf (getf s T.fetch_section_section) T.section_part),
          section_origin s,
          bytes_opt (getf s T.fetch_section_data) )
  | 11 ->
      let b = getf d T.fetch_binary_size in
      `Binary_size (u32_list (getf b T.binary_size_part), getf b T.binary_size_size)
  | 14 -> `Email_id (bytes (getf d T.fetch_data_))
  | 15 -> `Thread_id (bytes_opt (getf d T.fetch_data_))
  | 16 ->
      let s = getf d T.fetch_save_date in
      `Save_date
        (if getf s T.save_date_present then Some (date_time (getf s T.save_date_date_time)) else None)
  | 17 -> `Preview (bytes_opt (getf d T.fetch_data_))
  | _ ->
      let p = getf d T.fetch_other in
      `Other (bytes (getf p T.pair_name), bytes (getf p T.pair_value))

(* A STATUS item that the 1.1.0 types cannot carry. *)
let ext_status_item i : ext_status_item =
  let n = getf i T.status_item_number in
  match getf i T.status_item_kind with
  | 5 -> `Deleted n
  | 6 -> `Size n
  | 8 -> `Append_limit (if getf i T.status_item_has_number then Some n else None)
  | 9 -> `Mailbox_id (bytes (getf i T.status_item_text))
  | 10 -> `Deleted_storage n
  | _ -> `Other (bytes (getf i T.status_item_name), bytes (getf i T.status_item_text))

let malformed m =
  {
    offset = getf m T.malformed_offset;
    raw = bytes (getf m T.malformed_raw);
    error_offset = getf m T.malformed_error_offset;
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
  passed_over : passed_over Queue.t;
}

let connection () =
  let conn = C.connection_new () in
  if is_null conn then failwith "imap_connection_new";
  let c =
    {
      conn; dst_buf = Bytes.empty; dst_pos = 0; dst_max = 0; dead = false; running = None;
      idle_stop = None; idle_stop_sent = false; pending = []; passed_over = Queue.create ();
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

(* Copies what fits of the pending output into the caller's buffer. *)
let flush_output c =
  let room = dst_rem c in
  if room > 0 then begin
    let lenp = allocate size_t Size.zero in
    let out = C.output c.conn lenp in
    let n = min room (Size.to_int !@lenp) in
    if n > 0 then begin
      Bytes.blit_string (string_from_ptr out ~length:n) 0 c.dst_buf c.dst_pos n;
      c.dst_pos <- c.dst_pos + n;
      ignore (C.output_advance c.conn (Size.of_int n))
    end
  end

let record_passed_over c v =
  if Queue.length c.passed_over >= passed_over_limit then ignore (Queue.pop c.passed_over);
  Queue.push v c.passed_over

(* Asks the core for the next step: [cmd] starts a command. Sends DONE
   first when the running IDLE was asked to stop. *)
let step c cmd =
  (match c.idle_stop with
  | Some stop when !stop && not c.idle_stop_sent ->
      c.idle_stop_sent <- true;
      ignore (C.idle_stop c.conn)
  | _ -> ());
  let handle =
    match cmd with
    | None -> null
    | Some cmd -> cmd.handle
  in
  from_voidp T.step (C.run c.conn handle)

let error_message c = C.error_message c.conn
let error_is_fatal code = C.error_is_fatal (Unsigned.UInt32.of_int code)
