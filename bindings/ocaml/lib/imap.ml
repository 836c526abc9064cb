(* Imap: the imap 1.1.0 interface over libimap. See imap.mli. *)

open Ctypes
module Core = Imap_core
module T = Core.T
module C = Core.C

type uint32 = Uint32.t
type uint64 = Uint64.t
type date = { day : int; month : int; year : int }
type time = { hours : int; minutes : int; seconds : int; zone : int }
type flag = Core.flag

type capability =
  [ `Acl | `Binary | `Catenate | `Children | `Compress_deflate | `Condstore | `Enable | `Idle
  | `Id | `Literal_plus | `Multi_append | `Namespace | `Qresync | `Quote | `Sort | `Start_tls
  | `Uid_plus | `Unselect | `Xlist | `Auth of [ `Anonymous | `Login | `Plain ] | `Xoauth2
  | `Gmail | `Other of string ]

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
  | `Permanent_flags of [ flag | `All ] list | `Read_only | `Read_write | `Try_create
  | `Uid_next of uint32 | `Uid_validity of uint32 | `Unseen of uint32
  | `Other of string * string option | `Closed | `Highest_modseq of uint64 | `No_modseq
  | `Modified of (uint32 * uint32) list | `Append_uid of uint32 * uint32
  | `Copy_uid of uint32 * (uint32 * uint32) list * (uint32 * uint32) list | `Uid_not_sticky
  | `Compression_active | `Use_attr | `None ]

type mbx_flag = Core.mbx_flag

type status_response =
  [ `Messages of int | `Recent of int | `Uid_next of uint32 | `Uid_validity of uint32
  | `Unseen of uint32 | `Highest_modseq of uint64 ]

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

(* {1 Printers (1.1.0's format; [fields] with its closing parenthesis)} *)

let pp = Format.fprintf
let pp_string ppf s = pp ppf "%S" s
let pp_list f ppf = function
  | [] -> pp ppf "nil"
  | l -> Format.pp_print_list ~pp_sep:(fun ppf () -> pp ppf "@ ") f ppf l

let pp_opt f ppf = function None -> pp ppf "nil" | Some x -> f ppf x
let pp_u32 ppf n = pp ppf "%s" (Uint32.to_string n)
let pp_u64 ppf n = pp ppf "%s" (Uint64.to_string n)
let pp_set ppf s = pp_list (fun ppf (a, b) -> pp ppf "%a-%a" pp_u32 a pp_u32 b) ppf s

let pp_flag ppf = function
  | `Answered -> pp ppf "answered"
  | `Flagged -> pp ppf "flagged"
  | `Deleted -> pp ppf "deleted"
  | `Seen -> pp ppf "seen"
  | `Draft -> pp ppf "draft"
  | `Keyword s -> pp ppf "(keyword %S)" s
  | `Extension s -> pp ppf "(extension %S)" s

let pp_flag_fetch ppf = function `Recent -> pp ppf "recent" | #flag as f -> pp_flag ppf f
let pp_flag_perm ppf = function `All -> pp ppf "all" | #flag as f -> pp_flag ppf f

let pp_capability ppf = function
  | `Acl -> pp ppf "acl"
  | `Binary -> pp ppf "binary"
  | `Catenate -> pp ppf "catenate"
  | `Children -> pp ppf "children"
  | `Compress_deflate -> pp ppf "compress-deflate"
  | `Condstore -> pp ppf "condstore"
  | `Enable -> pp ppf "enable"
  | `Idle -> pp ppf "idle"
  | `Id -> pp ppf "id"
  | `Literal_plus -> pp ppf "literal+"
  | `Multi_append -> pp ppf "multi-append"
  | `Namespace -> pp ppf "namespace"
  | `Qresync -> pp ppf "qresync"
  | `Quote -> pp ppf "quote"
  | `Sort -> pp ppf "sort"
  | `Start_tls -> pp ppf "start-tls"
  | `Uid_plus -> pp ppf "uid-plus"
  | `Unselect -> pp ppf "unselect"
  | `Xlist -> pp ppf "xlist"
  | `Auth `Anonymous -> pp ppf "auth-anonymous"
  | `Auth `Login -> pp ppf "auth-login"
  | `Auth `Plain -> pp ppf "auth-plain"
  | `Xoauth2 -> pp ppf "xoauth2"
  | `Gmail -> pp ppf "gmail"
  | `Other s -> pp ppf "(other %S)" s

let pp_code ppf : code -> unit = function
  | `Alert -> pp ppf "alert"
  | `Bad_charset l -> pp ppf "@[<2>(badcharset@ %a)@]" (pp_list Format.pp_print_string) l
  | `Capability l -> pp ppf "@[<2>(capability@ %a)@]" (pp_list pp_capability) l
  | `Parse -> pp ppf "parse"
  | `Permanent_flags l -> pp ppf "@[<2>(permanent-flags@ %a)@]" (pp_list pp_flag_perm) l
  | `Read_only -> pp ppf "read-only"
  | `Read_write -> pp ppf "read-write"
  | `Try_create -> pp ppf "try-create"
  | `Uid_next n -> pp ppf "(uid-next %a)" pp_u32 n
  | `Uid_validity n -> pp ppf "(uid-validity %a)" pp_u32 n
  | `Unseen n -> pp ppf "(unseen %a)" pp_u32 n
  | `Other (k, v) -> pp ppf "@[<2>(other@ %S@ %a)@]" k (pp_opt pp_string) v
  | `Closed -> pp ppf "closed"
  | `Highest_modseq n -> pp ppf "(highest-modseq %a)" pp_u64 n
  | `No_modseq -> pp ppf "no-modseq"
  | `Modified s -> pp ppf "@[<2>(modified@ %a)@]" pp_set s
  | `Append_uid (n, m) -> pp ppf "(append-uid %a %a)" pp_u32 n pp_u32 m
  | `Copy_uid (n, s1, s2) -> pp ppf "@[<2>(copy-uid %a@ %a@ %a)@]" pp_u32 n pp_set s1 pp_set s2
  | `Uid_not_sticky -> pp ppf "uid-not-sticky"
  | `Compression_active -> pp ppf "compression-active"
  | `Use_attr -> pp ppf "use-attr"
  | `None -> pp ppf "none"

let pp_state ppf : state -> unit = function
  | `Ok (c, t) -> pp ppf "@[<2>(ok@ %a@ %S)@]" pp_code c t
  | `No (c, t) -> pp ppf "@[<2>(no@ %a@ %S)@]" pp_code c t
  | `Bad (c, t) -> pp ppf "@[<2>(bad@ %a@ %S)@]" pp_code c t

let pp_mbx_flag ppf : mbx_flag -> unit = function
  | `Noselect -> pp ppf "noselect"
  | `Marked -> pp ppf "marked"
  | `Unmarked -> pp ppf "unmarked"
  | `Noinferiors -> pp ppf "noinferiors"
  | `HasChildren -> pp ppf "has-children"
  | `HasNoChildren -> pp ppf "has-no-children"
  | `All -> pp ppf "all"
  | `Archive -> pp ppf "archive"
  | `Drafts -> pp ppf "drafts"
  | `Flagged -> pp ppf "flagged"
  | `Junk -> pp ppf "junk"
  | `Sent -> pp ppf "sent"
  | `Trash -> pp ppf "trash"
  | `Extension s -> pp ppf "(extension %s)" s

let pp_address ppf a =
  pp ppf "@[<2>(address@ (name %S)@ (addr %S)@ (mailbox %S)@ (host %S))@]" a.ad_name a.ad_adl
    a.ad_mailbox a.ad_host

let pp_envelope ppf e =
  pp ppf
    "@[<2>(envelope@ (date %S)@ (subject %S)@ (from %a)@ (sender %a)@ (reply-to %a)@ (to %a)@ \
     (cc %a)@ (bcc %a)@ (in-reply-to %S)@ (message-id %S))@]"
    e.env_date e.env_subject (pp_list pp_address) e.env_from (pp_list pp_address) e.env_sender
    (pp_list pp_address) e.env_reply_to (pp_list pp_address) e.env_to (pp_list pp_address)
    e.env_cc (pp_list pp_address) e.env_bcc e.env_in_reply_to e.env_message_id

let pp_fields ppf f =
  pp ppf "@[<2>(fields@ @[<2>(params@ %a)@]@ (id %a)@ (desc %a)@ (enc %S)@ (octets %d))@]"
    (pp_list (fun ppf (k, v) -> pp ppf "(%S %S)" k v))
    f.fld_params
    (pp_opt Format.pp_print_string)
    f.fld_id
    (pp_opt Format.pp_print_string)
    f.fld_desc f.fld_enc f.fld_octets

let rec pp_mime ppf : mime -> unit = function
  | `Text (s, f, n) -> pp ppf "@[<2>(text@ %S@ %a@ %d)@]" s pp_fields f n
  | `Message (f, e, m, n) ->
      pp ppf "@[<2>(message@ %a@ %a@ %a@ %d)@]" pp_fields f pp_envelope e pp_mime m n
  | `Basic (t, s, f) -> pp ppf "@[<2>(basic@ %S@ %S@ %a)@]" t s pp_fields f
  | `Multiple (l, s) -> pp ppf "@[<2>(multiple@ %a@ %S)@]" (pp_list pp_mime) l s

let rec pp_section ppf : section -> unit = function
  | `Header -> pp ppf "header"
  | `Header_fields l -> pp ppf "@[<2>(header-fields@ %a)@]" (pp_list pp_string) l
  | `Header_fields_not l -> pp ppf "@[<2>(header-fields-not@ %a)@]" (pp_list pp_string) l
  | `Text -> pp ppf "text"
  | `Mime -> pp ppf "mime"
  | `Part (n, s) -> pp ppf "@[<2>(part@ %d@ %a)@]" n pp_section s
  | `All -> pp ppf "all"

let pp_date ppf d = pp ppf "(date %02d %02d %04d)" d.day (d.month + 1) d.year
let pp_time ppf t = pp ppf "(time %02d %02d %02d %d)" t.hours t.minutes t.seconds t.zone

let pp_fetch_response ppf : fetch_response -> unit = function
  | `Flags l -> pp ppf "@[<2>(flags@ %a)@]" (pp_list pp_flag_fetch) l
  | `Envelope e -> pp_envelope ppf e
  | `Internal_date (d, t) -> pp ppf "@[<2>(internal-date@ %a@ %a)@]" pp_date d pp_time t
  | `Rfc822 s -> pp ppf "@[<2>(rfc822@ %a)@]" (pp_opt pp_string) s
  | `Rfc822_header s -> pp ppf "@[<2>(rfc822-header@ %a)@]" (pp_opt pp_string) s
  | `Rfc822_text s -> pp ppf "@[<2>(rfc822-text@ %a)@]" (pp_opt pp_string) s
  | `Rfc822_size n -> pp ppf "(rfc822-size %d)" n
  | `Body m -> pp ppf "@[<2>(body@ %a)@]" pp_mime m
  | `Body_structure m -> pp ppf "@[<2>(bodystructure@ %a)@]" pp_mime m
  | `Body_section (s, n, x) ->
      pp ppf "@[<2>(body-section@ %a@ %a@ %a)@]" pp_section s (pp_opt Format.pp_print_int) n
        (pp_opt pp_string) x
  | `Uid n -> pp ppf "(uid %a)" pp_u32 n
  | `Modseq n -> pp ppf "(modseq %a)" pp_u64 n
  | `Gm_msgid n -> pp ppf "(gm-msgid %a)" pp_u64 n
  | `Gm_thrid n -> pp ppf "(gm-thrid %a)" pp_u64 n
  | `Gm_labels l -> pp ppf "@[<2>(gm-labels@ %a)@]" (pp_list pp_string) l

let pp_status_response ppf : status_response -> unit = function
  | `Messages n -> pp ppf "(messages %d)" n
  | `Recent n -> pp ppf "(recent %d)" n
  | `Uid_next n -> pp ppf "(uid-next %a)" pp_u32 n
  | `Uid_validity n -> pp ppf "(uid-validity %a)" pp_u32 n
  | `Unseen n -> pp ppf "(unseen %a)" pp_u32 n
  | `Highest_modseq n -> pp ppf "(highest-modseq %a)" pp_u64 n

let pp_delim ppf = function None -> pp ppf "nil" | Some c -> pp ppf "'%c'" c

let pp_response ppf (r : [< response ]) =
  match (r :> response) with
  | #state as s -> pp_state ppf s
  | `Bye (c, t) -> pp ppf "@[<2>(bye@ %a@ %S)@]" pp_code c t
  | `Preauth (c, t) -> pp ppf "@[<2>(preauth@ %a@ %S)@]" pp_code c t
  | `Flags l -> pp ppf "@[<2>(flags@ %a)@]" (pp_list pp_flag) l
  | `List (f, d, m) ->
      pp ppf "@[<2>(list@ @[<2>(flags@ %a)@]@ %a@ %S)@]" (pp_list pp_mbx_flag) f pp_delim d m
  | `Lsub (f, d, m) ->
      pp ppf "@[<2>(lsub@ @[<2>(flags@ %a)@]@ %a@ %S)@]" (pp_list pp_mbx_flag) f pp_delim d m
  | `Search (ns, m) -> pp ppf "@[<2>(search@ %a@ %a)@]" (pp_list pp_u32) ns (pp_opt pp_u64) m
  | `Status (m, l) -> pp ppf "@[<2>(status@ %S@ %a)@]" m (pp_list pp_status_response) l
  | `Exists n -> pp ppf "(exists %d)" n
  | `Recent n -> pp ppf "(recent %d)" n
  | `Expunge n -> pp ppf "(expunge %a)" pp_u32 n
  | `Fetch (n, l) -> pp ppf "@[<2>(fetch@ %a@ %a)@]" pp_u32 n (pp_list pp_fetch_response) l
  | `Capability l -> pp ppf "@[<2>(capability@ %a)@]" (pp_list pp_capability) l
  | `Vanished s -> pp ppf "@[<2>(vanished@ %a)@]" pp_set s
  | `Vanished_earlier s -> pp ppf "@[<2>(vanished-earlier@ %a)@]" pp_set s
  | `Enabled l -> pp ppf "@[<2>(enabled@ %a)@]" (pp_list pp_capability) l
  | `Cont s -> pp ppf "@[<2>(cont@ %S)@]" s
  | `Tagged (t, s) -> pp ppf "@[<2>(tagged@ %S@ %a)@]" t pp_state s

(* {1 Converting the core's responses (one copy, no pointer kept)}

   Each function takes the address of a C struct (see Imap_core). Union
   members are at offset 0 of their union. *)

let bytes = Core.bytes

(* {!Imap_core.lookup}, here so that it is inlined. *)
let[@inline] lookup table k = Array.unsafe_get table (if k < Array.length table then k else Array.length table - 1)
let bytes_opt = Core.bytes_opt
let u32 = Core.u32
let u64 = Core.u64
let word = Core.word
let off = Core.off
let list_at = Core.list_at
let o_cap_kind = off T.capability_kind
let o_cap_value = off T.capability_value

(* The capabilities 1.1.0 names without a value, by C kind. *)
let named_capabilities : (int * capability) list =
  T.Capability.
    [
      (acl, `Acl); (binary, `Binary); (catenate, `Catenate); (children, `Children);
      (compress_deflate, `Compress_deflate); (condstore, `Condstore); (enable, `Enable); (id, `Id);
      (idle, `Idle); (literal_plus, `Literal_plus); (multi_append, `Multi_append); (namespace, `Namespace);
      (qresync, `Qresync); (quote, `Quote); (sort, `Sort); (starttls, `Start_tls); (uid_plus, `Uid_plus);
      (unselect, `Unselect); (xlist, `Xlist); (xoauth2, `Xoauth2); (gmail, `Gmail);
    ]

let capability_kinds =
  Core.kinds `Unnamed
    ((T.Capability.auth, `Auth_kind) :: List.map (fun (k, cap) -> (k, `Named cap)) named_capabilities)

let capability c : capability =
  match lookup capability_kinds (u32 (c + o_cap_kind)) with
  | `Named cap -> cap
  | `Auth_kind -> (
      match String.uppercase_ascii (bytes (c + o_cap_value)) with
      | "PLAIN" -> `Auth `Plain
      | "LOGIN" -> `Auth `Login
      | "ANONYMOUS" -> `Auth `Anonymous
      | _ -> `Other (Core.capability_name c))
  | `Unnamed -> `Other (Core.capability_name c)

let s_capability = Core.size T.capability

let capabilities a =
  list_at a ~items:(off T.capability_list_items) ~len:(off T.capability_list_len) s_capability capability

(* "METADATA LONGENTRIES" as ("METADATA", "LONGENTRIES"). *)
let split_name name =
  match String.index_opt name ' ' with
  | Some i -> (String.sub name 0 i, Some (String.sub name (i + 1) (String.length name - i - 1)))
  | None -> (name, None)

(* [*] in a set from the server (0 in the core's sets): the 1.1.0 set type
   has no place for it. *)
let star n = Uint32.equal n Uint32.zero
let has_star set = List.exists (fun (a, b) -> star a || star b) set

(* Response codes by C kind: those 1.1.0 has; [`Text] and [`Number]
   carry a string or a number, [`Other_data] is OTHER, [`Unnamed] any
   code named by the core alone. *)
let code_kinds =
  T.Code.(
    Core.kinds `Unnamed
      [
        (alert, `Alert); (bad_charset, `Bad_charset); (capability, `Capability); (parse, `Parse);
        (permanent_flags, `Permanent_flags); (read_only, `Read_only); (read_write, `Read_write);
        (try_create, `Try_create); (uid_next, `Uid_next); (uid_validity, `Uid_validity); (unseen, `Unseen);
        (append_uid, `Append_uid); (copy_uid, `Copy_uid); (uid_not_sticky, `Uid_not_sticky);
        (highest_mod_seq, `Highest_modseq); (no_mod_seq, `No_modseq); (modified, `Modified);
        (closed, `Closed); (compression_active, `Compression_active); (use_attr, `Use_attr);
        (bad_url, `Text); (no_update, `Text); (mailbox_id, `Text); (referral, `Text);
        (metadata_long_entries, `Number); (metadata_max_size, `Number); (other, `Other_data);
      ])

(* The code of [kind] whose imap_code_data is at [u]. *)
let code_of_kind c kind u : code =
  match lookup code_kinds kind with
  | `Alert -> `Alert
  | `Bad_charset -> `Bad_charset (Core.bytes_list u)
  | `Capability -> `Capability (capabilities u)
  | `Parse -> `Parse
  | `Permanent_flags ->
      `Permanent_flags
        (Core.keep_parsed c `Permanent_flags (Core.flag_list ~recent:(`Extension "Recent") ~wildcard:`All u))
  | `Read_only -> `Read_only
  | `Read_write -> `Read_write
  | `Try_create -> `Try_create
  | `Uid_next -> `Uid_next (Uint32.of_int (u32 u))
  | `Uid_validity -> `Uid_validity (Uint32.of_int (u32 u))
  | `Unseen -> `Unseen (Uint32.of_int (u32 u))
  | `Append_uid -> (
      let validity = Uint32.of_int (u32 (u + off T.append_uid_validity)) in
      match Core.seq_set (u + off T.append_uid_uids) with
      | [ (uid, last) ] when uid = last && not (star uid) -> `Append_uid (validity, uid)
      | set ->
          (* MULTIAPPEND: several UIDs do not fit the 1.1.0 type. *)
          `Other ("APPENDUID", Some (Uint32.to_string validity ^ " " ^ Core.seq_set_text set)))
  | `Copy_uid ->
      let validity = Uint32.of_int (u32 (u + off T.copy_uid_validity)) in
      let source = Core.seq_set (u + off T.copy_uid_source)
      and dest = Core.seq_set (u + off T.copy_uid_dest) in
      if has_star source || has_star dest then
        `Other
          ( "COPYUID",
            Some (String.concat " " [ Uint32.to_string validity; Core.seq_set_text source; Core.seq_set_text dest ]) )
      else `Copy_uid (validity, source, dest)
  | `Uid_not_sticky -> `Uid_not_sticky
  | `Highest_modseq -> `Highest_modseq (u64 u)
  | `No_modseq -> `No_modseq
  | `Modified ->
      let set = Core.seq_set u in
      if has_star set then `Other ("MODIFIED", Some (Core.seq_set_text set)) else `Modified set
  | `Closed -> `Closed
  | `Compression_active -> `Compression_active
  | `Use_attr -> `Use_attr
  | `Text -> `Other (Core.code_kind_name kind, Some (bytes u))
  | `Number -> (
      match split_name (Core.code_kind_name kind) with
      | name, Some sub -> `Other (name, Some (sub ^ " " ^ Uint64.to_string (u64 u)))
      | name, None -> `Other (name, Some (Uint64.to_string (u64 u))))
  | `Other_data -> `Other (bytes (u + off T.code_other_name), bytes_opt (u + off T.code_other_text))
  | `Unnamed -> `Other (split_name (Core.code_kind_name kind))

let o_rt_code = off T.resp_text_code
let o_rt_text = off T.resp_text_text
let o_code_kind = off T.code_kind
let o_code_u = off T.code_u

(* The imap_resp_text at [r]. *)
let resp_text c r =
  let code = word (r + o_rt_code) in
  let code = if code = 0 then `None else code_of_kind c (u32 (code + o_code_kind)) (code + o_code_u) in
  (code, bytes (r + o_rt_text))

let o_ad_name = off T.address_name
let o_ad_adl = off T.address_adl
let o_ad_mailbox = off T.address_mailbox
let o_ad_host = off T.address_host
let s_address = Core.size T.address

let address a =
  {
    ad_name = bytes (a + o_ad_name);
    ad_adl = bytes (a + o_ad_adl);
    ad_mailbox = bytes (a + o_ad_mailbox);
    ad_host = bytes (a + o_ad_host);
  }

let o_al_items = off T.address_list_items
let o_al_len = off T.address_list_len
let addresses a = list_at a ~items:o_al_items ~len:o_al_len s_address address
let o_env_date = off T.env_date
let o_env_subject = off T.env_subject
let o_env_from = off T.env_from
let o_env_sender = off T.env_sender
let o_env_reply_to = off T.env_reply_to
let o_env_to = off T.env_to
let o_env_cc = off T.env_cc
let o_env_bcc = off T.env_bcc
let o_env_in_reply_to = off T.env_in_reply_to
let o_env_message_id = off T.env_message_id

let envelope e =
  {
    env_date = bytes (e + o_env_date);
    env_subject = bytes (e + o_env_subject);
    env_from = addresses (e + o_env_from);
    env_sender = addresses (e + o_env_sender);
    env_reply_to = addresses (e + o_env_reply_to);
    env_to = addresses (e + o_env_to);
    env_cc = addresses (e + o_env_cc);
    env_bcc = addresses (e + o_env_bcc);
    env_in_reply_to = bytes (e + o_env_in_reply_to);
    env_message_id = bytes (e + o_env_message_id);
  }

let empty_envelope =
  {
    env_date = ""; env_subject = ""; env_from = []; env_sender = []; env_reply_to = [];
    env_to = []; env_cc = []; env_bcc = []; env_in_reply_to = ""; env_message_id = "";
  }

let o_body_kind = off T.body_kind
let o_body_media_type = off T.body_media_type
let o_body_subtype = off T.body_subtype
let o_body_params = off T.body_params
let o_body_id = off T.body_id
let o_body_description = off T.body_description
let o_body_encoding = off T.body_encoding
let o_body_octets = off T.body_octets
let o_body_lines = off T.body_lines
let o_body_envelope = off T.body_envelope
let o_body_body = off T.body_body
let o_body_parts = off T.body_parts
let o_body_parts_len = off T.body_parts_len
let s_body = Core.size T.body

let fields b =
  {
    fld_params =
      List.map (fun (k, v) -> (k, Option.value v ~default:"")) (Core.pairs (b + o_body_params));
    fld_id = bytes_opt (b + o_body_id);
    fld_desc = bytes_opt (b + o_body_description);
    fld_enc = bytes (b + o_body_encoding);
    fld_octets = u32 (b + o_body_octets);
  }

let body_kinds = T.Body.(Core.kinds `Basic [ (text, `Text); (message, `Message); (multipart, `Multipart) ])

let rec mime b : mime =
  match lookup body_kinds (u32 (b + o_body_kind)) with
  | `Multipart ->
      `Multiple
        (list_at b ~items:o_body_parts ~len:o_body_parts_len s_body mime, bytes (b + o_body_subtype))
  | `Text -> `Text (bytes (b + o_body_subtype), fields b, word (b + o_body_lines))
  | `Message ->
      let e = word (b + o_body_envelope) and inner = word (b + o_body_body) in
      let env = if e = 0 then empty_envelope else envelope e in
      let body = if inner = 0 then `Basic ("", "", fields b) else mime inner in
      `Message (fields b, env, body, word (b + o_body_lines))
  | `Basic -> `Basic (bytes (b + o_body_media_type), bytes (b + o_body_subtype), fields b)

let section_kinds =
  T.Section.(
    Core.kinds `All
      [
        (header, `Header); (header_fields, `Header_fields); (header_fields_not, `Header_fields_not);
        (text, `Text); (mime, `Mime);
      ])

(* The imap_section at [s]. *)
let section s : section =
  let text =
    match lookup section_kinds (u32 (s + off T.section_kind)) with
    | `Header -> `Header
    | `Header_fields -> `Header_fields (Core.bytes_list (s + off T.section_fields))
    | `Header_fields_not -> `Header_fields_not (Core.bytes_list (s + off T.section_fields))
    | `Text -> `Text
    | `Mime -> `Mime
    | `All -> `All
  in
  List.fold_right (fun n acc -> `Part (n, acc)) (Core.u32_list (s + off T.section_part)) text

(* The imap_date_time at [d]: 0-based month, signed hhmm zone. *)
let date_time d =
  let d = Core.date_time d in
  let zone = d.zone_minutes in
  let hhmm = (abs zone / 60 * 100) + (abs zone mod 60) in
  ( { day = d.day; month = d.month - 1; year = d.year },
    { hours = d.hour; minutes = d.minute; seconds = d.second; zone = (if zone < 0 then -hhmm else hhmm) } )

let o_item_kind = off T.fetch_item_kind
let o_item_u = off T.fetch_item_u
let s_item = Core.size T.fetch_item
let o_fs_section = off T.fetch_section_section
let o_fs_data = off T.fetch_section_data
let o_fetch_items = off T.fetch_items
let o_fetch_len = off T.fetch_len
let o_fetch_seq = off T.fetch_seq
let recent_flags = Core.flag_list ~recent:`Recent ~wildcard:(`Extension "*")

(* A number of the core as an OCaml int, if it fits. *)
let int_of_u64 n = if Uint64.compare n (Uint64.of_int max_int) <= 0 then Some (Uint64.to_int n) else None

(* FETCH items by C kind: those 1.1.0 has; [Passed] for the others. *)
type fetch_kind =
  | Flags | Envelope | Internal_date | Rfc822_size | Rfc822 | Rfc822_header | Rfc822_text | Body
  | Body_structure | Body_section | Uid | Modseq | Gm_msgid | Gm_thrid | Gm_labels | Passed

let fetch_kinds =
  T.Fetch.(
    Core.kinds Passed
      [
        (flags, Flags); (envelope, Envelope); (internal_date, Internal_date); (rfc822_size, Rfc822_size);
        (rfc822, Rfc822); (rfc822_header, Rfc822_header); (rfc822_text, Rfc822_text); (body, Body);
        (body_structure, Body_structure); (body_section, Body_section); (uid, Uid); (mod_seq, Modseq);
        (gm_msg_id, Gm_msgid); (gm_thr_id, Gm_thrid); (gm_labels, Gm_labels);
      ])

(* The imap_fetch at [f]; the items 1.1.0 cannot carry are passed over. *)
let fetch_items c f =
  let items = word (f + o_fetch_items) and len = word (f + o_fetch_len) in
  let seq = Uint32.of_int (u32 (f + o_fetch_seq)) in
  let kept = ref [] and passed = ref [] in
  for i = len - 1 downto 0 do
    let item = items + (i * s_item) in
    let d = item + o_item_u in
    let kind = u32 (item + o_item_kind) in
    match lookup fetch_kinds kind with
    | Flags -> kept := `Flags (Core.keep_parsed c (`Fetch_flags seq) (recent_flags d)) :: !kept
    | Envelope -> kept := `Envelope (envelope (word d)) :: !kept
    | Internal_date -> kept := `Internal_date (date_time d) :: !kept
    | Rfc822_size -> (
        match int_of_u64 (u64 d) with
        | Some n -> kept := `Rfc822_size n :: !kept
        | None -> passed := `Other ("RFC822.SIZE", Uint64.to_string (u64 d)) :: !passed)
    | Rfc822 -> kept := `Rfc822 (bytes_opt d) :: !kept
    | Rfc822_header -> kept := `Rfc822_header (bytes_opt d) :: !kept
    | Rfc822_text -> kept := `Rfc822_text (bytes_opt d) :: !kept
    | Body -> kept := `Body (mime (word d)) :: !kept
    | Body_structure ->
        let b = word d in
        kept := `Body_structure (mime b) :: !kept;
        if c.Core.keep_body_extensions then begin
          match Core.body_extensions b with
          | [] -> ()
          | ext -> passed := `Body_extensions ext :: !passed
        end
    | Body_section ->
        kept :=
          `Body_section (section (d + o_fs_section), Core.section_origin d, bytes_opt (d + o_fs_data))
          :: !kept
    | Uid -> kept := `Uid (Uint32.of_int (u32 d)) :: !kept
    | Modseq -> kept := `Modseq (u64 d) :: !kept
    | Gm_msgid -> kept := `Gm_msgid (u64 d) :: !kept
    | Gm_thrid -> kept := `Gm_thrid (u64 d) :: !kept
    | Gm_labels -> kept := `Gm_labels (Core.bytes_list d) :: !kept
    | Passed -> passed := Core.ext_fetch_item kind d :: !passed
  done;
  if !passed <> [] then Core.record_passed_over c (`Fetch_items (seq, !passed));
  `Fetch (seq, !kept)

let status_kinds =
  T.Status.(
    Core.kinds `Passed
      [
        (messages, `Messages); (recent, `Recent); (uid_next, `Uid_next); (uid_validity, `Uid_validity);
        (unseen, `Unseen); (highest_mod_seq, `Highest_modseq);
      ])

(* The imap_status at [s]; the items 1.1.0 cannot carry are passed over. *)
let status_items c s =
  let mailbox = Core.mailbox_name (s + off T.status_mailbox) in
  let kept = ref [] and passed = ref [] in
  let items = word (s + off T.status_items) and stride = Core.size T.status_item in
  for i = word (s + off T.status_len) - 1 downto 0 do
    let item = items + (i * stride) in
    let n = u64 (item + off T.status_item_number) in
    match (lookup status_kinds (u32 (item + off T.status_item_kind)), int_of_u64 n) with
    | `Messages, Some n -> kept := `Messages n :: !kept
    | `Recent, Some n -> kept := `Recent n :: !kept
    | `Uid_next, Some n when n <= 0xFFFF_FFFF -> kept := `Uid_next (Uint32.of_int n) :: !kept
    | `Uid_validity, Some n when n <= 0xFFFF_FFFF -> kept := `Uid_validity (Uint32.of_int n) :: !kept
    | `Unseen, Some n when n <= 0xFFFF_FFFF -> kept := `Unseen (Uint32.of_int n) :: !kept
    | `Highest_modseq, _ -> kept := `Highest_modseq n :: !kept
    | _ -> passed := Core.ext_status_item item :: !passed
  done;
  if !passed <> [] then Core.record_passed_over c (`Status_items (mailbox, !passed));
  `Status (mailbox, !kept)

let o_untagged_kind = off T.untagged_kind
let o_untagged_u = off T.untagged_u

(* The LIST or LSUB data at [d]; attributes that did not parse are passed
   over at [place name]. *)
let list_data c place d =
  let attrs, delimiter, name = Core.list_data d in
  (Core.keep_parsed c (place name) (Core.split_unparsed_attrs attrs), delimiter, name)

(* Untagged responses by C kind: those 1.1.0 has; [U_passed] for the others. *)
type untagged_kind =
  | U_ok | U_no | U_bad | U_bye | U_preauth | U_capability | U_enabled | U_flags | U_list | U_lsub
  | U_status | U_search | U_exists | U_recent | U_expunge | U_fetch | U_vanished | U_passed

let untagged_kinds =
  T.Untagged.(
    Core.kinds U_passed
      [
        (ok, U_ok); (no, U_no); (bad, U_bad); (bye, U_bye); (preauth, U_preauth); (capability, U_capability);
        (enabled, U_enabled); (flags, U_flags); (list, U_list); (lsub, U_lsub); (status, U_status);
        (search, U_search); (exists, U_exists); (recent, U_recent); (expunge, U_expunge); (fetch, U_fetch);
        (vanished, U_vanished);
      ])

(* The imap_untagged at [u], or None when it was passed over to Imap_ext. *)
let untagged c u : untagged option =
  let d = u + o_untagged_u in
  let kind = u32 (u + o_untagged_kind) in
  match lookup untagged_kinds kind with
  | U_ok -> Some (`Ok (resp_text c d))
  | U_no -> Some (`No (resp_text c d))
  | U_bad -> Some (`Bad (resp_text c d))
  | U_bye -> Some (`Bye (resp_text c d))
  | U_preauth -> Some (`Preauth (resp_text c d))
  | U_capability -> Some (`Capability (capabilities d))
  | U_enabled -> Some (`Enabled (capabilities d))
  | U_flags ->
      Some (`Flags (Core.keep_parsed c `Flags (Core.flag_list ~recent:(`Extension "Recent") ~wildcard:(`Extension "*") d)))
  | U_list ->
      let attrs, delimiter, name = list_data c (fun name -> `List name) d in
      if Core.word (d + off T.list_extended_len) > 0 then
        Core.record_passed_over c (`Untagged (`List_extended (name, Core.list_extended d)));
      Some (`List (attrs, delimiter, name))
  | U_lsub -> Some (`Lsub (list_data c (fun name -> `Lsub name) d))
  | U_status -> Some (status_items c d)
  | U_search ->
      Some
        (`Search
          ( List.map Uint32.of_int (Core.u32_list (d + off T.search_ids)),
            if Core.bool (d + off T.search_has_modseq) then Some (u64 (d + off T.search_modseq)) else None ))
  | U_exists -> Some (`Exists (u32 d))
  | U_recent -> Some (`Recent (u32 d))
  | U_expunge -> Some (`Expunge (Uint32.of_int (u32 d)))
  | U_fetch -> Some (fetch_items c d)
  | U_vanished ->
      let set = Core.seq_set (d + off T.vanished_uids) in
      Some (if Core.bool (d + off T.vanished_earlier) then `Vanished_earlier set else `Vanished set)
  | U_passed ->
      Core.record_passed_over c (`Untagged (Core.ext_untagged kind d));
      None

(* {1 Commands} *)

type eset = (uint32 * uint32 option) list

type search_key =
  [ `Seq of eset | `All | `Answered | `Bcc of string | `Before of date | `Body of string
  | `Cc of string | `Deleted | `Draft | `Flagged | `From of string | `Header of string * string
  | `Keyword of string | `Larger of int | `New | `Not of search_key | `Old | `On of date
  | `Or of search_key * search_key | `Recent | `Seen | `Sent_before of date | `Sent_on of date
  | `Sent_since of date | `Since of date | `Smaller of int | `Subject of string | `Text of string
  | `To of string | `Uid of eset | `Unanswered | `Undeleted | `Undraft | `Unflagged
  | `Unkeyword of string | `Unseen | `And of search_key * search_key | `Modseq of uint64
  | `Gm_raw of string | `Gm_msgid of uint64 | `Gm_thrid of uint64 | `Gm_labels of string list ]

type fetch_query =
  [ `Envelope | `Internal_date | `Rfc822_header | `Rfc822_text | `Rfc822_size | `Rfc822 | `Body
  | `Body_section of [ `Peek | `Look ] * section * (int * int) option | `Body_structure | `Uid
  | `Flags ]

type status_query = [ `Messages | `Recent | `Uid_next | `Uid_validity | `Unseen | `Highest_modseq ]
type authenticator = { name : string; step : string -> [ `Ok of string | `Error of string ] }
type command = Core.command

let cstr = Core.cstring
let make = Core.command

let plain user pass = { name = "PLAIN"; step = (fun _ -> `Ok ("\000" ^ user ^ "\000" ^ pass)) }

let xoauth2 user token =
  let first = ref true in
  {
    name = "XOAUTH2";
    step =
      (fun _ ->
        if !first then begin
          first := false;
          `Ok ("user=" ^ user ^ "\001auth=Bearer " ^ token ^ "\001\001")
        end
        else `Ok "");
  }

(* "1:3,5,7:*"; an empty set cannot be sent. *)
let eset_string what (s : eset) =
  if s = [] then invalid_arg ("Imap." ^ what ^ ": empty set");
  String.concat ","
    (List.map
       (fun (a, b) ->
         match b with
         | None -> Uint32.to_string a ^ ":*"
         | Some b when Uint32.equal a b -> Uint32.to_string a
         | Some b -> Uint32.to_string a ^ ":" ^ Uint32.to_string b)
       s)

let flag_string : flag -> string = function
  | `Answered -> "\\Answered"
  | `Flagged -> "\\Flagged"
  | `Deleted -> "\\Deleted"
  | `Seen -> "\\Seen"
  | `Draft -> "\\Draft"
  | `Keyword s -> s
  | `Extension s -> "\\" ^ s

let login u p = make "login" (C.cmd_login (cstr "login" u) (cstr "login" p))
let capability = make "capability" (C.cmd_capability ())
let logout = make "logout" (C.cmd_logout ())
let noop = make "noop" (C.cmd_noop ())
let check = make "check" (C.cmd_check ())
let close = make "close" (C.cmd_close ())
let expunge = make "expunge" (C.cmd_expunge ())
let create m = make "create" (C.cmd_create (cstr "create" m) (from_voidp (ptr char) null) Core.Size.zero)
let delete m = make "delete" (C.cmd_delete (cstr "delete" m))
let rename a b = make "rename" (C.cmd_rename (cstr "rename" a) (cstr "rename" b))
let subscribe m = make "subscribe" (C.cmd_subscribe (cstr "subscribe" m))
let unsubscribe m = make "unsubscribe" (C.cmd_unsubscribe (cstr "unsubscribe" m))
let list ?(ref = "") p = make "list" (C.cmd_list (cstr "list" ref) (cstr "list" p))
let lsub ?(ref = "") p = make "lsub" (C.cmd_lsub (cstr "lsub" ref) (cstr "lsub" p))

let status m atts =
  let kind = function
    | `Messages -> T.Status.messages
    | `Recent -> T.Status.recent
    | `Uid_next -> T.Status.uid_next
    | `Uid_validity -> T.Status.uid_validity
    | `Unseen -> T.Status.unseen
    | `Highest_modseq -> T.Status.highest_mod_seq
  in
  let arr = CArray.of_list uint32_t (List.map (fun a -> Unsigned.UInt32.of_int (kind a)) atts) in
  make "status"
    (C.cmd_status (cstr "status" m) (CArray.start arr) (Core.Size.of_int (CArray.length arr)))

let copy ?(uid = true) set m =
  make "copy" (C.cmd_copy uid (cstr "copy" (eset_string "copy" set)) (cstr "copy" m))

let select ?(condstore = false) m = make "select" (C.cmd_select (cstr "select" m) condstore)
let examine ?(condstore = false) m = make "examine" (C.cmd_examine (cstr "examine" m) condstore)

let append m ?(flags = []) data =
  Core.with_cstrings "append" (List.map flag_string flags) (fun fl n ->
      make "append"
        (C.cmd_append (cstr "append" m) (ocaml_string_start data)
           (Core.Size.of_int (String.length data))
           fl n null false))

(* "1.2.HEADER.FIELDS (A B)", "1", "" *)
let rec section_string : section -> string = function
  | `Header -> "HEADER"
  | `Header_fields l -> "HEADER.FIELDS (" ^ String.concat " " l ^ ")"
  | `Header_fields_not l -> "HEADER.FIELDS.NOT (" ^ String.concat " " l ^ ")"
  | `Text -> "TEXT"
  | `Mime -> "MIME"
  | `All -> ""
  | `Part (n, `All) -> string_of_int n
  | `Part (n, s) -> string_of_int n ^ "." ^ section_string s

let u64_ptr = function None -> from_voidp uint64_t null | Some n -> allocate uint64_t n

(* Checked before the C items are made, so that nothing leaks. *)
let check_vanished ~vanished ~changed =
  if vanished && changed = None then invalid_arg "VANISHED requires CHANGEDSINCE"

(* The FETCH command; [items] is given to it, or freed if the set is bad. *)
let fetch_with what ~uid ~changed ~vanished set items =
  let set =
    match cstr what (eset_string what set) with
    | set -> set
    | exception e ->
        C.fetch_items_free items;
        raise e
  in
  make what (C.cmd_fetch uid set items (u64_ptr changed) vanished)

let fetch_macro what macro ?(uid = true) ?changed ?(vanished = false) set =
  check_vanished ~vanished ~changed;
  fetch_with what ~uid ~changed ~vanished set (C.fetch_items_macro (Unsigned.UInt32.of_int macro))

let fetch_all = fetch_macro "fetch_all" T.Fetch_macro.all
let fetch_fast = fetch_macro "fetch_fast" T.Fetch_macro.fast
let fetch_full = fetch_macro "fetch_full" T.Fetch_macro.full

let fetch ?(uid = true) ?changed ?(vanished = false) set (atts : fetch_query list) =
  check_vanished ~vanished ~changed;
  let items = C.fetch_items_new () in
  let attr n = ignore (C.fetch_items_add items (Unsigned.UInt32.of_int n)) in
  let add = function
    | `Envelope -> attr T.Fetch_attr.envelope
    | `Flags -> attr T.Fetch_attr.flags
    | `Internal_date -> attr T.Fetch_attr.internal_date
    | `Rfc822 -> attr T.Fetch_attr.rfc822
    | `Rfc822_header -> attr T.Fetch_attr.rfc822_header
    | `Rfc822_text -> attr T.Fetch_attr.rfc822_text
    | `Rfc822_size -> attr T.Fetch_attr.rfc822_size
    | `Body -> attr T.Fetch_attr.body
    | `Body_structure -> attr T.Fetch_attr.bodystructure
    | `Uid -> attr T.Fetch_attr.uid
    | `Body_section (peek, sec, partial) -> (
        let peek = peek = `Peek in
        let s = cstr "fetch" (section_string sec) in
        match partial with
        | None -> ignore (C.fetch_items_add_body items s peek)
        | Some (off, len) ->
            if off < 0 || len <= 0 then invalid_arg "Imap.fetch: bad <offset.length>";
            ignore
              (C.fetch_items_add_body_partial items s peek (Unsigned.UInt32.of_int off)
                 (Unsigned.UInt32.of_int len)))
  in
  (match List.iter add atts with
  | () -> ()
  | exception e ->
      C.fetch_items_free items;
      raise e);
  fetch_with "fetch" ~uid ~changed ~vanished set items

let store what ~mode ~labels ?(uid = true) ?(silent = false) ?unchanged set strings =
  let set = cstr what (eset_string what set) in
  Core.with_cstrings what strings (fun arr n ->
      let build = if labels then C.cmd_store_labels else C.cmd_store in
      make what (build uid set (Unsigned.UInt32.of_int mode) silent arr n (u64_ptr unchanged)))

let store_flags what mode ?uid ?silent ?unchanged set flags =
  store what ~mode ~labels:false ?uid ?silent ?unchanged set (List.map flag_string flags)

let store_labels what mode ?uid ?silent ?unchanged set labels =
  store what ~mode ~labels:true ?uid ?silent ?unchanged set labels

let store_set_flags = store_flags "store_set_flags" T.Store_mode.set
let store_add_flags = store_flags "store_add_flags" T.Store_mode.add
let store_remove_flags = store_flags "store_remove_flags" T.Store_mode.remove
let store_set_labels = store_labels "store_set_labels" T.Store_mode.set
let store_add_labels = store_labels "store_add_labels" T.Store_mode.add
let store_remove_labels = store_labels "store_remove_labels" T.Store_mode.remove

(* The wire name of a capability: the core's, by kind number. *)
let capability_string : capability -> string = function
  | `Auth `Plain -> "AUTH=PLAIN"
  | `Auth `Login -> "AUTH=LOGIN"
  | `Auth `Anonymous -> "AUTH=ANONYMOUS"
  | `Other s -> s
  | named -> (
      match List.find_opt (fun (_, cap) -> cap = named) named_capabilities with
      | Some (kind, _) -> Core.capability_kind_name kind
      | None -> invalid_arg "Imap.enable: a capability without a name")

let enable caps =
  Core.with_cstrings "enable" (List.map capability_string caps) (fun arr n ->
      make "enable" (C.cmd_enable arr n))

let date_struct what d =
  if d.month < 0 || d.month > 11 then invalid_arg ("Imap." ^ what ^ ": month out of range");
  let s = Ctypes.make Imap_c_date.t in
  if d.day < 1 || d.day > 31 || d.year < 0 || d.year > 65535 then
    invalid_arg ("Imap." ^ what ^ ": date out of range");
  setf s Imap_c_date.year (Unsigned.UInt16.of_int d.year);
  setf s Imap_c_date.month (Unsigned.UInt8.of_int (d.month + 1));
  setf s Imap_c_date.day (Unsigned.UInt8.of_int d.day);
  s

(* The C key for [k]; the keys made so far are freed if one fails. *)
let rec key (k : search_key) =
  let str f s = f (cstr "search" s) in
  let u64 f n = f n in
  let int f n =
    if n < 0 then invalid_arg "Imap.search: negative size";
    f (Unsigned.UInt64.of_int n)
  in
  let date f d = f (date_struct "search" d) in
  let two f a b =
    let ka = key a in
    match key b with
    | kb -> f ka kb
    | exception e ->
        C.key_free ka;
        raise e
  in
  let r =
    match k with
    | `Seq s -> str C.key_seq (eset_string "search" s)
    | `Uid s -> str C.key_uid (eset_string "search" s)
    | `All -> C.key_all ()
    | `Answered -> C.key_answered ()
    | `Deleted -> C.key_deleted ()
    | `Draft -> C.key_draft ()
    | `Flagged -> C.key_flagged ()
    | `New -> C.key_new ()
    | `Old -> C.key_old ()
    | `Recent -> C.key_recent ()
    | `Seen -> C.key_seen ()
    | `Unanswered -> C.key_unanswered ()
    | `Undeleted -> C.key_undeleted ()
    | `Undraft -> C.key_undraft ()
    | `Unflagged -> C.key_unflagged ()
    | `Unseen -> C.key_unseen ()
    | `Bcc s -> str C.key_bcc s
    | `Body s -> str C.key_body s
    | `Cc s -> str C.key_cc s
    | `From s -> str C.key_from s
    | `Subject s -> str C.key_subject s
    | `Text s -> str C.key_text s
    | `To s -> str C.key_to s
    | `Keyword s -> str C.key_keyword s
    | `Unkeyword s -> str C.key_unkeyword s
    | `Gm_raw s -> str C.key_gm_raw s
    | `Header (f, v) -> C.key_header (cstr "search" f) (cstr "search" v)
    | `Larger n -> int C.key_larger n
    | `Smaller n -> int C.key_smaller n
    | `Modseq n -> u64 C.key_modseq n
    | `Gm_msgid n -> u64 C.key_gm_msgid n
    | `Gm_thrid n -> u64 C.key_gm_thrid n
    | `Before d -> date C.key_before d
    | `On d -> date C.key_on d
    | `Since d -> date C.key_since d
    | `Sent_before d -> date C.key_sent_before d
    | `Sent_on d -> date C.key_sent_on d
    | `Sent_since d -> date C.key_sent_since d
    | `Not k -> C.key_not (key k)
    | `Or (a, b) -> two C.key_or a b
    | `And (a, b) -> two (fun ka kb -> keys_and [ ka; kb ]) a b
    | `Gm_labels [ l ] -> str C.key_gm_labels l
    | `Gm_labels l ->
        (* All checked before any C key is made. *)
        let labels = List.map (cstr "search") l in
        keys_and (List.map C.key_gm_labels labels)
  in
  if is_null r then invalid_arg "Imap.search: invalid argument";
  r

and keys_and l =
  let arr = CArray.of_list (ptr void) l in
  C.key_and (CArray.start arr) (Core.Size.of_int (CArray.length arr))

let search ?(uid = true) k =
  let k = key k in
  let arr = CArray.of_list (ptr void) [ k ] in
  make "search" (C.cmd_search uid (from_voidp char null) (CArray.start arr) Core.Size.one)

let idle () =
  let stop = ref false in
  (make ~idle_stop:stop "idle" (C.cmd_idle ()), lazy (stop := true))

external authenticator_new : string -> (string -> string option) -> nativeint * nativeint
  = "imap_ocaml_authenticator_new"

external auth_release : nativeint -> unit = "imap_ocaml_auth_release"

(* The step as libimap's callback sees it ([None] cancels); it records why
   it gave up in [failure] and never raises. *)
let auth_step a failure challenge =
  match a.step challenge with
  | `Ok s -> Some s
  | `Error e ->
      failure := Some e;
      None
  | exception e ->
      failure := Some (Printexc.to_string e);
      None

let rec authenticate a =
  let failure = ref None in
  if String.contains a.name '\000' then invalid_arg "Imap.authenticate: NUL byte in an argument";
  let auth, root = authenticator_new a.name (auth_step a failure) in
  if auth = 0n then begin
    auth_release root;
    invalid_arg "Imap.authenticate: invalid argument"
  end;
  let cmd =
    make ~auth_failure:failure ~rebuild:(fun () -> authenticate a) "authenticate"
      (C.cmd_authenticate (ptr_of_raw_address auth))
  in
  (* The root goes with the command, which owns the authenticator. *)
  Gc.finalise (fun _ -> auth_release root) cmd;
  cmd

(* {1 Errors} *)

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

let pp_error ppf : error -> unit = function
  | `Incorrect_tag (exp, got) -> pp ppf "Incorrect tag %S, should be %S" got exp
  | `Decode_error (e, _, _) -> (
      pp ppf "Decode error: ";
      match e with
      | `Expected_char c -> pp ppf "Expected character %C" c
      | `Expected_string s -> pp ppf "Expected string %S" s
      | `Unexpected_char c -> pp ppf "Unexpected character %C" c
      | `Unexpected_string s -> pp ppf "Unexpected string %S" s
      | `Illegal_char c -> pp ppf "Illegal character %C" c
      | `Unexpected_eoi -> pp ppf "Unexpected end of input")
  | `Unexpected_cont -> pp ppf "Unexpected continuation request"
  | `Bad_greeting -> pp ppf "Bad greeting"
  | `Auth_error s -> pp ppf "Authentication error: %s" s
  | `Bad (c, t) -> pp ppf "BAD: %a %S" pp_code c t
  | `No (c, t) -> pp ppf "NO: %a %S" pp_code c t

(* {1 Connections} *)

type connection = Core.connection

type result =
  [ `Untagged of untagged | `Ok of code * string | `Error of error | `Await_src | `Await_dst ]

(* A result to give at the next [run] (Core keeps them as exceptions, to
   know nothing of these types). *)
exception Pending of result

let connection () = Core.connection ()
let src = Core.src
let dst = Core.dst
let dst_rem = Core.dst_rem

(* The tag in the core's message [tagged response with unknown tag "B7"],
   or the whole message. *)
let received_tag msg =
  match (String.index_opt msg '"', String.rindex_opt msg '"') with
  | Some i, Some j when j > i + 1 -> String.sub msg (i + 1) (j - i - 1)
  | _ -> msg

(* An error of the core as a 1.1.0 error. *)
let core_error c code : error =
  let msg = Core.error_message c in
  let c : Core.connection = c in
  match Core.error_kind code with
  | `Unexpected_eof | `Eof -> `Decode_error (`Unexpected_eoi, msg, 0)
  | `Bye_greeting | `Bad_greeting -> `Bad_greeting
  | `Unknown_tag -> `Incorrect_tag (c.Core.tag, received_tag msg)
  | `Unexpected_continuation -> `Unexpected_cont
  | `Auth -> `Auth_error msg
  | `Encode | `Null_argument | `Invalid_argument | `Needs_authenticator -> `Bad (`None, msg)
  | `Internal | `Line_too_long | `Literal_too_large | `Response_too_large | `Starttls_injection | `Compression
  | `Busy | `No_greeting | `Closed ->
      `Decode_error (`Unexpected_string msg, msg, 0)

let malformed (m : Core.malformed) : error =
  let reason =
    if m.error_offset < String.length m.raw then `Unexpected_char m.raw.[m.error_offset]
    else `Unexpected_eoi
  in
  `Decode_error (reason, m.raw, m.error_offset)

let busy () = invalid_arg "can't send command now, try `Await"

let o_step_kind = off T.step_kind
let o_step_error = off T.step_error
let o_step_u = off T.step_u

(* Steps by C kind; [S_other]: STARTTLS and streamed literals, which
   Imap never starts. *)
type step_kind = S_await_src | S_await_dst | S_done | S_untagged | S_ok | S_preauth | S_no | S_bad | S_malformed | S_error | S_other

let step_kinds =
  T.Step.(
    Core.kinds S_other
      [
        (await_src, S_await_src); (await_dst, S_await_dst); (done_, S_done); (untagged, S_untagged); (ok, S_ok);
        (preauth, S_preauth); (no, S_no); (bad, S_bad); (malformed, S_malformed); (error, S_error);
      ])

(* The imap_step at [s] as a result; None for a response passed over. *)
let convert c s : result option =
  let u = s + o_step_u in
  match lookup step_kinds (u32 (s + o_step_kind)) with
  | S_await_src -> Some `Await_src
  | S_await_dst ->
      Core.flush_output c;
      Some `Await_dst
  | S_done -> Some (`Ok (`None, ""))
  | S_untagged -> untagged c u |> Option.map (fun u -> `Untagged u)
  | S_ok -> Some (`Ok (resp_text c u))
  | S_preauth ->
      (* PREAUTH greeting (1.1.0 refused it): the response, then [`Ok]. *)
      let code, text = resp_text c u in
      c.Core.pending <- [ Pending (`Ok (code, text)) ];
      Some (`Untagged (`Preauth (code, text)))
  | S_no -> Some (`Error (`No (resp_text c u)))
  | S_bad -> Some (`Error (`Bad (resp_text c u)))
  | S_malformed ->
      let m = Core.malformed u in
      Core.record_passed_over c (`Malformed m);
      Some (`Error (malformed m))
  | S_error ->
      let code = u32 (s + o_step_error) in
      c.Core.last_error <- code;
      (match Core.error_kind code with
      | `Busy | `No_greeting -> busy ()
      | `Closed -> invalid_arg "connection should not be used"
      | _ -> ());
      if Core.error_is_fatal code then c.Core.dead <- true;
      Some (`Error (core_error c code))
  | S_other -> None

(* After a step: an authenticator that gave up is reported first. *)
let rec next c cmd : result =
  let s = Core.step c cmd in
  let failure = match c.Core.running with Some r -> r.Core.auth_failure | None -> ref None in
  let r = convert c s in
  (match r with
  | Some (`Ok _ | `Error (`No _ | `Bad _)) -> (* the command ended: no IDLE to stop *) c.Core.idle_stop <- None
  | _ -> ());
  match (r, !failure) with
  | Some (`Error (`Auth_error _)), Some e ->
      failure := None;
      `Error (`Auth_error e)
  | r, Some e ->
      failure := None;
      (match r with
      | Some ((`Untagged _ | `Ok _ | `Error _) as r) -> c.Core.pending <- c.Core.pending @ [ Pending r ]
      | Some (`Await_src | `Await_dst) | None -> ());
      `Error (`Auth_error e)
  | Some r, None -> r
  | None, None -> next c None

let run c action =
  if c.Core.dead then invalid_arg "connection should not be used";
  match action with
  | `Cmd cmd ->
      if c.Core.pending <> [] then busy ();
      let cmd = if cmd.Core.used then match cmd.Core.rebuild with Some f -> f () | None -> cmd else cmd in
      let previous = (c.Core.running, c.Core.idle_stop, c.Core.idle_stop_sent) in
      c.Core.running <- Some cmd;
      c.Core.tag_unknown <- true;
      c.Core.idle_stop <- cmd.Core.idle_stop;
      c.Core.idle_stop_sent <- false;
      (match next c (Some cmd) with
      | r ->
          cmd.Core.used <- true;
          r
      | exception e ->
          let running, idle_stop, sent = previous in
          c.Core.running <- running;
          c.Core.idle_stop <- idle_stop;
          c.Core.idle_stop_sent <- sent;
          raise e)
  | `Await -> (
      match c.Core.pending with
      | Pending r :: rest ->
          c.Core.pending <- rest;
          r
      | _ :: rest ->
          c.Core.pending <- rest;
          next c None
      | [] -> next c None)
