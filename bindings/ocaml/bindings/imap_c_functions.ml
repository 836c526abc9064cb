(** The functions of include/imap.h that the binding calls, as a ctypes
    functor: applied to [Cstubs] output (generated C stubs, no libffi) in
    the library, and to the stub generator in gen/. Handles and the
    response structs are [void *] here; the library reads the structs
    through {!Imap_c_types}. *)

open Ctypes

module Make (F : Ctypes.FOREIGN) = struct
  open F

  let handle = ptr void

  (** A function without arguments returning a handle. *)
  let nullary name = foreign name (void @-> returning handle)
  let cstring = ptr char
  let cstrings = ptr (ptr char)

  (** {2 Connection} *)

  let connection_new = nullary "imap_connection_new"
  let limits_default = foreign "imap_limits_default" (void @-> returning Imap_c_limits.t)

  let connection_new_with =
    foreign "imap_connection_new_with" (ptr Imap_c_limits.t @-> cstring @-> returning handle)
  let connection_free = foreign "imap_connection_free" (handle @-> returning void)
  let src = foreign "imap_src" (handle @-> ocaml_bytes @-> size_t @-> returning int)
  let output = foreign "imap_output" (handle @-> ptr size_t @-> returning (ptr char))
  let output_advance = foreign "imap_output_advance" (handle @-> size_t @-> returning int)
  let run = foreign "imap_run" (handle @-> handle @-> returning handle)
  let error_message = foreign "imap_error_message" (handle @-> returning string)
  let error_is_fatal = foreign "imap_error_is_fatal" (uint32_t @-> returning bool)
  let idle_stop = foreign "imap_idle_stop" (handle @-> returning int)

  (** {2 Names and modified UTF-7} *)

  let capability_kind_name =
    foreign "imap_capability_kind_name" (uint32_t @-> ocaml_bytes @-> size_t @-> returning size_t)

  let capability_name =
    foreign "imap_capability_name" (handle @-> ocaml_bytes @-> size_t @-> returning size_t)

  let mailbox_attr_kind_name =
    foreign "imap_mailbox_attr_kind_name" (uint32_t @-> ocaml_bytes @-> size_t @-> returning size_t)

  let code_kind_name =
    foreign "imap_code_kind_name" (uint32_t @-> ocaml_bytes @-> size_t @-> returning size_t)

  let mutf7_decode =
    foreign "imap_mutf7_decode" (ptr char @-> size_t @-> ocaml_bytes @-> size_t @-> returning size_t)

  let mutf7_encode =
    foreign "imap_mutf7_encode"
      (ocaml_string @-> size_t @-> ocaml_bytes @-> size_t @-> returning size_t)

  (** {2 Commands} *)

  let command_free = foreign "imap_command_free" (handle @-> returning void)
  let cmd_capability = nullary "imap_cmd_capability"
  let cmd_noop = nullary "imap_cmd_noop"
  let cmd_logout = nullary "imap_cmd_logout"
  let cmd_idle = nullary "imap_cmd_idle"
  let cmd_check = nullary "imap_cmd_check"
  let cmd_close = nullary "imap_cmd_close"
  let cmd_expunge = nullary "imap_cmd_expunge"
  let cmd_login = foreign "imap_cmd_login" (cstring @-> cstring @-> returning handle)
  let cmd_enable = foreign "imap_cmd_enable" (cstrings @-> size_t @-> returning handle)
  let cmd_select = foreign "imap_cmd_select" (cstring @-> bool @-> returning handle)
  let cmd_examine = foreign "imap_cmd_examine" (cstring @-> bool @-> returning handle)
  let cmd_create = foreign "imap_cmd_create" (cstring @-> cstrings @-> size_t @-> returning handle)
  let cmd_delete = foreign "imap_cmd_delete" (cstring @-> returning handle)
  let cmd_rename = foreign "imap_cmd_rename" (cstring @-> cstring @-> returning handle)
  let cmd_subscribe = foreign "imap_cmd_subscribe" (cstring @-> returning handle)
  let cmd_unsubscribe = foreign "imap_cmd_unsubscribe" (cstring @-> returning handle)
  let cmd_list = foreign "imap_cmd_list" (cstring @-> cstring @-> returning handle)
  let cmd_lsub = foreign "imap_cmd_lsub" (cstring @-> cstring @-> returning handle)
  let cmd_status = foreign "imap_cmd_status" (cstring @-> ptr uint32_t @-> size_t @-> returning handle)
  let cmd_copy = foreign "imap_cmd_copy" (bool @-> cstring @-> cstring @-> returning handle)

  let cmd_append =
    foreign "imap_cmd_append"
      (cstring @-> ocaml_string @-> size_t @-> cstrings @-> size_t @-> handle @-> bool
     @-> returning handle)

  let fetch_items_new = nullary "imap_fetch_items_new"
  let fetch_items_macro = foreign "imap_fetch_items_macro" (uint32_t @-> returning handle)
  let fetch_items_add = foreign "imap_fetch_items_add" (handle @-> uint32_t @-> returning bool)

  let fetch_items_add_body =
    foreign "imap_fetch_items_add_body" (handle @-> cstring @-> bool @-> returning bool)

  let fetch_items_add_body_partial =
    foreign "imap_fetch_items_add_body_partial"
      (handle @-> cstring @-> bool @-> uint32_t @-> uint32_t @-> returning bool)

  let fetch_items_free = foreign "imap_fetch_items_free" (handle @-> returning void)

  let cmd_fetch =
    foreign "imap_cmd_fetch"
      (bool @-> cstring @-> handle @-> ptr uint64_t @-> bool @-> returning handle)

  let cmd_store =
    foreign "imap_cmd_store"
      (bool @-> cstring @-> uint32_t @-> bool @-> cstrings @-> size_t @-> ptr uint64_t
     @-> returning handle)

  let cmd_store_labels =
    foreign "imap_cmd_store_labels"
      (bool @-> cstring @-> uint32_t @-> bool @-> cstrings @-> size_t @-> ptr uint64_t
     @-> returning handle)

  let cmd_search =
    foreign "imap_cmd_search" (bool @-> cstring @-> ptr handle @-> size_t @-> returning handle)

  (** {2 Search keys} *)

  let key_free = foreign "imap_search_key_free" (handle @-> returning void)
  let key_string name = foreign name (cstring @-> returning handle)
  let key_date name = foreign name (Imap_c_date.t @-> returning handle)
  let key_u64 name = foreign name (uint64_t @-> returning handle)
  let key_all = nullary "imap_key_all"
  let key_answered = nullary "imap_key_answered"
  let key_deleted = nullary "imap_key_deleted"
  let key_draft = nullary "imap_key_draft"
  let key_flagged = nullary "imap_key_flagged"
  let key_new = nullary "imap_key_new"
  let key_old = nullary "imap_key_old"
  let key_recent = nullary "imap_key_recent"
  let key_seen = nullary "imap_key_seen"
  let key_unanswered = nullary "imap_key_unanswered"
  let key_undeleted = nullary "imap_key_undeleted"
  let key_undraft = nullary "imap_key_undraft"
  let key_unflagged = nullary "imap_key_unflagged"
  let key_unseen = nullary "imap_key_unseen"
  let key_bcc = key_string "imap_key_bcc"
  let key_body = key_string "imap_key_body"
  let key_cc = key_string "imap_key_cc"
  let key_from = key_string "imap_key_from"
  let key_subject = key_string "imap_key_subject"
  let key_text = key_string "imap_key_text"
  let key_to = key_string "imap_key_to"
  let key_keyword = key_string "imap_key_keyword"
  let key_unkeyword = key_string "imap_key_unkeyword"
  let key_uid = key_string "imap_key_uid"
  let key_seq = key_string "imap_key_seq"
  let key_gm_raw = key_string "imap_key_gm_raw"
  let key_gm_labels = key_string "imap_key_gm_labels"
  let key_header = foreign "imap_key_header" (cstring @-> cstring @-> returning handle)
  let key_larger = key_u64 "imap_key_larger"
  let key_smaller = key_u64 "imap_key_smaller"
  let key_modseq = key_u64 "imap_key_modseq"
  let key_gm_msgid = key_u64 "imap_key_gm_msgid"
  let key_gm_thrid = key_u64 "imap_key_gm_thrid"
  let key_before = key_date "imap_key_before"
  let key_on = key_date "imap_key_on"
  let key_since = key_date "imap_key_since"
  let key_sent_before = key_date "imap_key_sent_before"
  let key_sent_on = key_date "imap_key_sent_on"
  let key_sent_since = key_date "imap_key_sent_since"
  let key_not = foreign "imap_key_not" (handle @-> returning handle)
  let key_or = foreign "imap_key_or" (handle @-> handle @-> returning handle)
  let key_and = foreign "imap_key_and" (ptr handle @-> size_t @-> returning handle)

  (** {2 Authentication} (the authenticator itself is made in lib/imap_auth_stubs.c) *)

  let cmd_authenticate = foreign "imap_cmd_authenticate" (handle @-> returning handle)
end
