(** The response structs and the constants of include/imap.h that the
    binding reads, as a ctypes functor. Instantiated with [Cstubs_structs]
    output, so the field offsets, sizes and constants are the C
    compiler's: a struct lists only the fields the binding reads. Kinds ([uint32_t] enums) are read as C [int] and
    [size_t] as [camlint] (both the same width), so reading them allocates
    nothing. *)

open Ctypes

(** Phantom types of the structs. *)

type bytes_ and bytes_list and seq_range and seq_set and u32_list
and capability and capability_list and flag and flag_list
and code and code_data and code_append_uid and code_copy_uid and code_other
and resp_text and mailbox_attr and list_ and status_item and status
and search and pair and pair_list and address and address_list and envelope
and body and body_extension and section and fetch_section and fetch_data and fetch_item and fetch
and vanished and other and untagged_data and untagged and malformed
and step_data and step and date_time and esearch_item and esearch and thread
and namespace_desc and namespace_list and namespace and id and quota_resource and quota
and mailbox_data and binary_size and save_date and thread_list and list_extended and date and disposition
and limits

module Make (T : Ctypes.TYPE) = struct
  open T

  let bytes_ : bytes_ structure typ = structure "imap_bytes"
  let bytes_ptr = field bytes_ "ptr" (ptr char)
  let bytes_len = field bytes_ "len" camlint
  let () = seal bytes_

  let bytes_list : bytes_list structure typ = structure "imap_bytes_list"
  let bytes_list_items = field bytes_list "items" (ptr bytes_)
  let bytes_list_len = field bytes_list "len" camlint
  let () = seal bytes_list

  let seq_range : seq_range structure typ = structure "imap_seq_range"
  let seq_range_start = field seq_range "start" int
  let seq_range_end = field seq_range "end" int
  let () = seal seq_range

  let seq_set : seq_set structure typ = structure "imap_seq_set"
  let seq_set_items = field seq_set "items" (ptr seq_range)
  let seq_set_len = field seq_set "len" camlint
  let () = seal seq_set

  let u32_list : u32_list structure typ = structure "imap_u32_list"
  let u32_list_items = field u32_list "items" (ptr int)
  let u32_list_len = field u32_list "len" camlint
  let () = seal u32_list

  let date_time : date_time structure typ = structure "imap_date_time"
  let dt_year = field date_time "year" uint16_t
  let dt_month = field date_time "month" uint8_t
  let dt_day = field date_time "day" uint8_t
  let dt_hour = field date_time "hour" uint8_t
  let dt_minute = field date_time "minute" uint8_t
  let dt_second = field date_time "second" uint8_t
  let dt_zone = field date_time "zone_minutes" int16_t
  let () = seal date_time

  (* struct imap_date as the C compiler lays it out, to check the ctypes
     layout of Imap_c_date (passed by value) against. *)
  let date : date structure typ = structure "imap_date"
  let date_year = field date "year" uint16_t
  let date_month = field date "month" uint8_t
  let date_day = field date "day" uint8_t
  let () = seal date

  (* struct imap_limits as the C compiler lays it out, to check the ctypes
     layout of Imap_c_limits (returned by value) against. *)
  let limits : limits structure typ = structure "imap_limits"
  let limits_max_line = field limits "max_line" uint64_t
  let limits_max_literal = field limits "max_literal" uint64_t
  let limits_max_response = field limits "max_response" uint64_t
  let limits_max_depth = field limits "max_depth" uint32_t
  let limits_stream_threshold = field limits "stream_threshold" uint64_t
  let limits_max_auth_challenges = field limits "max_auth_challenges" uint32_t
  let () = seal limits

  let capability : capability structure typ = structure "imap_capability"
  let capability_kind = field capability "kind" int
  let capability_value = field capability "value" bytes_
  let () = seal capability

  let capability_list : capability_list structure typ = structure "imap_capability_list"
  let capability_list_items = field capability_list "items" (ptr capability)
  let capability_list_len = field capability_list "len" camlint
  let () = seal capability_list

  let flag : flag structure typ = structure "imap_flag"
  let flag_kind = field flag "kind" int
  let flag_name = field flag "name" bytes_
  let () = seal flag

  let flag_list : flag_list structure typ = structure "imap_flag_list"
  let flag_list_items = field flag_list "items" (ptr flag)
  let flag_list_len = field flag_list "len" camlint
  let () = seal flag_list

  let code_append_uid : code_append_uid structure typ = structure "imap_code_append_uid"
  let append_uid_validity = field code_append_uid "uid_validity" int
  let append_uid_uids = field code_append_uid "uids" seq_set
  let () = seal code_append_uid

  let code_copy_uid : code_copy_uid structure typ = structure "imap_code_copy_uid"
  let copy_uid_validity = field code_copy_uid "uid_validity" int
  let copy_uid_source = field code_copy_uid "source" seq_set
  let copy_uid_dest = field code_copy_uid "dest" seq_set
  let () = seal code_copy_uid

  let code_other : code_other structure typ = structure "imap_code_other"
  let code_other_name = field code_other "name" bytes_
  let code_other_text = field code_other "text" bytes_
  let () = seal code_other

  let code_data : code_data union typ = union "imap_code_data"
  let code_number = field code_data "number" int
  let code_number64 = field code_data "number64" uint64_t
  let code_set = field code_data "set" seq_set
  let code_text = field code_data "text" bytes_
  let code_strings = field code_data "strings" bytes_list
  let code_capabilities = field code_data "capabilities" capability_list
  let code_flags = field code_data "flags" flag_list
  let code_append_uid_ = field code_data "append_uid" code_append_uid
  let code_copy_uid_ = field code_data "copy_uid" code_copy_uid
  let code_other_ = field code_data "other" code_other
  let () = seal code_data

  let code : code structure typ = structure "imap_code"
  let code_kind = field code "kind" int
  let code_u = field code "u" code_data
  let () = seal code

  let resp_text : resp_text structure typ = structure "imap_resp_text"
  let resp_text_code = field resp_text "code" (ptr_opt code)
  let resp_text_text = field resp_text "text" bytes_
  let () = seal resp_text

  let mailbox_attr : mailbox_attr structure typ = structure "imap_mailbox_attr"
  let mailbox_attr_kind = field mailbox_attr "kind" int
  let mailbox_attr_name = field mailbox_attr "name" bytes_
  let () = seal mailbox_attr

  let list_extended : list_extended structure typ = structure "imap_list_extended"
  let list_extended_kind = field list_extended "kind" int
  let list_extended_tag = field list_extended "tag" bytes_
  let list_extended_values = field list_extended "values" bytes_list
  let () = seal list_extended

  let list_ : list_ structure typ = structure "imap_list"
  let list_attributes = field list_ "attributes" (ptr mailbox_attr)
  let list_attributes_len = field list_ "attributes_len" camlint
  let list_has_delimiter = field list_ "has_delimiter" bool
  let list_delimiter = field list_ "delimiter" uint8_t
  let list_name = field list_ "name" bytes_
  let list_extended_items = field list_ "extended" (ptr list_extended)
  let list_extended_len = field list_ "extended_len" camlint
  let () = seal list_

  let status_item : status_item structure typ = structure "imap_status_item"
  let status_item_kind = field status_item "kind" int
  let status_item_has_number = field status_item "has_number" bool
  let status_item_number = field status_item "number" uint64_t
  let status_item_name = field status_item "name" bytes_
  let status_item_text = field status_item "text" bytes_
  let () = seal status_item

  let status : status structure typ = structure "imap_status"
  let status_mailbox = field status "mailbox" bytes_
  let status_items = field status "items" (ptr status_item)
  let status_len = field status "len" camlint
  let () = seal status

  let search : search structure typ = structure "imap_search"
  let search_ids = field search "ids" u32_list
  let search_has_modseq = field search "has_modseq" bool
  let search_modseq = field search "modseq" uint64_t
  let () = seal search

  let pair : pair structure typ = structure "imap_pair"
  let pair_name = field pair "name" bytes_
  let pair_value = field pair "value" bytes_
  let () = seal pair

  let pair_list : pair_list structure typ = structure "imap_pair_list"
  let pair_list_items = field pair_list "items" (ptr pair)
  let pair_list_len = field pair_list "len" camlint
  let () = seal pair_list

  let address : address structure typ = structure "imap_address"
  let address_name = field address "name" bytes_
  let address_adl = field address "adl" bytes_
  let address_mailbox = field address "mailbox" bytes_
  let address_host = field address "host" bytes_
  let () = seal address

  let address_list : address_list structure typ = structure "imap_address_list"
  let address_list_items = field address_list "items" (ptr address)
  let address_list_len = field address_list "len" camlint
  let () = seal address_list

  let envelope : envelope structure typ = structure "imap_envelope"
  let env_date = field envelope "date" bytes_
  let env_subject = field envelope "subject" bytes_
  let env_from = field envelope "from" address_list
  let env_sender = field envelope "sender" address_list
  let env_reply_to = field envelope "reply_to" address_list
  let env_to = field envelope "to" address_list
  let env_cc = field envelope "cc" address_list
  let env_bcc = field envelope "bcc" address_list
  let env_in_reply_to = field envelope "in_reply_to" bytes_
  let env_message_id = field envelope "message_id" bytes_
  let () = seal envelope

  let disposition : disposition structure typ = structure "imap_disposition"
  let disposition_kind = field disposition "kind" bytes_
  let disposition_params = field disposition "params" pair_list
  let () = seal disposition

  let body_extension : body_extension structure typ = structure "imap_body_extension"
  let body_extension_kind = field body_extension "kind" int
  let body_extension_string = field body_extension "string" bytes_
  let body_extension_number = field body_extension "number" uint64_t
  let body_extension_items = field body_extension "items" (ptr body_extension)
  let body_extension_len = field body_extension "len" camlint
  let () = seal body_extension

  let body : body structure typ = structure "imap_body"
  let body_kind = field body "kind" int
  let body_media_type = field body "media_type" bytes_
  let body_subtype = field body "subtype" bytes_
  let body_params = field body "params" pair_list
  let body_id = field body "id" bytes_
  let body_description = field body "description" bytes_
  let body_encoding = field body "encoding" bytes_
  let body_octets = field body "octets" int
  let body_lines = field body "lines" camlint
  let body_envelope = field body "envelope" (ptr_opt envelope)
  let body_body = field body "body" (ptr_opt body)
  let body_parts = field body "parts" (ptr body)
  let body_parts_len = field body "parts_len" camlint
  let body_has_extension = field body "has_extension" bool
  let body_md5 = field body "md5" bytes_
  let body_disposition = field body "disposition" (ptr_opt disposition)
  let body_language = field body "language" bytes_list
  let body_location = field body "location" bytes_
  let body_extensions = field body "extensions" (ptr body_extension)
  let body_extensions_len = field body "extensions_len" camlint
  let () = seal body

  let section : section structure typ = structure "imap_section"
  let section_part = field section "part" u32_list
  let section_kind = field section "kind" int
  let section_fields = field section "fields" bytes_list
  let () = seal section

  let fetch_section : fetch_section structure typ = structure "imap_fetch_section"
  let fetch_section_section = field fetch_section "section" section
  let fetch_section_has_origin = field fetch_section "has_origin" bool
  let fetch_section_origin = field fetch_section "origin" int
  let fetch_section_data = field fetch_section "data" bytes_
  let () = seal fetch_section

  let binary_size : binary_size structure typ = structure "imap_fetch_binary_size"
  let binary_size_part = field binary_size "part" u32_list
  let binary_size_size = field binary_size "size" uint64_t
  let () = seal binary_size

  let save_date : save_date structure typ = structure "imap_fetch_save_date"
  let save_date_present = field save_date "present" bool
  let save_date_date_time = field save_date "date_time" date_time
  let () = seal save_date

  let fetch_data : fetch_data union typ = union "imap_fetch_data"
  let fetch_flags = field fetch_data "flags" flag_list
  let fetch_envelope = field fetch_data "envelope" (ptr envelope)
  let fetch_date_time = field fetch_data "date_time" date_time
  let fetch_number = field fetch_data "number" int
  let fetch_number64 = field fetch_data "number64" uint64_t
  let fetch_data_ = field fetch_data "data" bytes_
  let fetch_body = field fetch_data "body" (ptr body)
  let fetch_section_ = field fetch_data "section" fetch_section
  let fetch_binary_size = field fetch_data "binary_size" binary_size
  let fetch_save_date = field fetch_data "save_date" save_date
  let fetch_labels = field fetch_data "labels" bytes_list
  let fetch_other = field fetch_data "other" pair
  let () = seal fetch_data

  let fetch_item : fetch_item structure typ = structure "imap_fetch_item"
  let fetch_item_kind = field fetch_item "kind" int
  let fetch_item_u = field fetch_item "u" fetch_data
  let () = seal fetch_item

  let fetch : fetch structure typ = structure "imap_fetch"
  let fetch_seq = field fetch "seq" int
  let fetch_items = field fetch "items" (ptr fetch_item)
  let fetch_len = field fetch "len" camlint
  let () = seal fetch

  let vanished : vanished structure typ = structure "imap_vanished"
  let vanished_earlier = field vanished "earlier" bool
  let vanished_uids = field vanished "uids" seq_set
  let () = seal vanished

  let other : other structure typ = structure "imap_other"
  let other_has_number = field other "has_number" bool
  let other_number = field other "number" int
  let other_name = field other "name" bytes_
  let other_rest = field other "rest" bytes_
  let () = seal other

  let esearch_item : esearch_item structure typ = structure "imap_esearch_item"
  let esearch_item_kind = field esearch_item "kind" int
  let esearch_item_number = field esearch_item "number" uint64_t
  let esearch_item_set = field esearch_item "set" seq_set
  let esearch_item_name = field esearch_item "name" bytes_
  let esearch_item_value = field esearch_item "value" bytes_
  let () = seal esearch_item

  let esearch : esearch structure typ = structure "imap_esearch"
  let esearch_tag = field esearch "tag" bytes_
  let esearch_uid = field esearch "uid" bool
  let esearch_items = field esearch "items" (ptr esearch_item)
  let esearch_len = field esearch "len" camlint
  let () = seal esearch

  let thread : thread structure typ = structure "imap_thread"
  let thread_members = field thread "members" u32_list
  let thread_children = field thread "children" (ptr thread)
  let thread_children_len = field thread "children_len" camlint
  let () = seal thread

  let thread_list : thread_list structure typ = structure "imap_thread_list"
  let thread_list_items = field thread_list "items" (ptr thread)
  let thread_list_len = field thread_list "len" camlint
  let () = seal thread_list

  let namespace_desc : namespace_desc structure typ = structure "imap_namespace_desc"
  let namespace_desc_prefix = field namespace_desc "prefix" bytes_
  let namespace_desc_has_delimiter = field namespace_desc "has_delimiter" bool
  let namespace_desc_delimiter = field namespace_desc "delimiter" uint8_t
  let () = seal namespace_desc

  let namespace_list : namespace_list structure typ = structure "imap_namespace_list"
  let namespace_list_is_nil = field namespace_list "is_nil" bool
  let namespace_list_items = field namespace_list "items" (ptr namespace_desc)
  let namespace_list_len = field namespace_list "len" camlint
  let () = seal namespace_list

  let namespace : namespace structure typ = structure "imap_namespace"
  let namespace_personal = field namespace "personal" namespace_list
  let namespace_other = field namespace "other" namespace_list
  let namespace_shared = field namespace "shared" namespace_list
  let () = seal namespace

  let id : id structure typ = structure "imap_id"
  let id_is_nil = field id "is_nil" bool
  let id_fields = field id "fields" pair_list
  let () = seal id

  let quota_resource : quota_resource structure typ = structure "imap_quota_resource"
  let quota_resource_name = field quota_resource "name" bytes_
  let quota_resource_usage = field quota_resource "usage" uint64_t
  let quota_resource_limit = field quota_resource "limit" uint64_t
  let () = seal quota_resource

  let quota : quota structure typ = structure "imap_quota"
  let quota_root = field quota "root" bytes_
  let quota_items = field quota "items" (ptr quota_resource)
  let quota_len = field quota "len" camlint
  let () = seal quota

  let mailbox_data : mailbox_data structure typ = structure "imap_mailbox_data"
  let mailbox_data_mailbox = field mailbox_data "mailbox" bytes_
  let mailbox_data_strings = field mailbox_data "strings" bytes_list
  let mailbox_data_pairs = field mailbox_data "pairs" pair_list
  let mailbox_data_changed = field mailbox_data "changed" bool
  let () = seal mailbox_data

  let untagged_data : untagged_data union typ = union "imap_untagged_data"
  let untagged_text = field untagged_data "text" resp_text
  let untagged_capabilities = field untagged_data "capabilities" capability_list
  let untagged_flags = field untagged_data "flags" flag_list
  let untagged_list = field untagged_data "list" list_
  let untagged_status = field untagged_data "status" status
  let untagged_search = field untagged_data "search" search
  let untagged_esearch = field untagged_data "esearch" esearch
  let untagged_thread = field untagged_data "thread" thread_list
  let untagged_namespace = field untagged_data "namespace_" namespace
  let untagged_id = field untagged_data "id" id
  let untagged_quota = field untagged_data "quota" quota
  let untagged_mailbox_data = field untagged_data "mailbox_data" mailbox_data
  let untagged_number = field untagged_data "number" int
  let untagged_fetch = field untagged_data "fetch" fetch
  let untagged_vanished = field untagged_data "vanished" vanished
  let untagged_other = field untagged_data "other" other
  let () = seal untagged_data

  let untagged : untagged structure typ = structure "imap_untagged"
  let untagged_kind = field untagged "kind" int
  let untagged_u = field untagged "u" untagged_data
  let () = seal untagged

  let malformed : malformed structure typ = structure "imap_malformed"
  let malformed_offset = field malformed "offset" camlint
  let malformed_raw = field malformed "raw" bytes_
  let malformed_error_offset = field malformed "error_offset" camlint
  let () = seal malformed

  let step_data : step_data union typ = union "imap_step_data"
  let step_untagged = field step_data "untagged" untagged
  let step_text = field step_data "text" resp_text
  let step_malformed = field step_data "malformed" malformed
  let () = seal step_data

  let step : step structure typ = structure "imap_step"
  let step_kind = field step "kind" int
  let step_error = field step "error" int
  let step_u = field step "u" step_data
  let () = seal step

  (** {2 The header's constants}

      Every kind number the binding reads or passes, by its name in the
      header and valued by the C compiler: a renumbering in C reaches the
      binding at its next build, and a renamed or removed constant stops
      the build. One module per enum (or [#define] family). *)

  let k name = constant name int

  module Error = struct
    let ok = k "IMAP_ERROR_OK"
    let null_argument = k "IMAP_ERROR_NULL_ARGUMENT"
    let invalid_argument = k "IMAP_ERROR_INVALID_ARGUMENT"
    let internal = k "IMAP_ERROR_INTERNAL"
    let line_too_long = k "IMAP_ERROR_LINE_TOO_LONG"
    let literal_too_large = k "IMAP_ERROR_LITERAL_TOO_LARGE"
    let response_too_large = k "IMAP_ERROR_RESPONSE_TOO_LARGE"
    let unexpected_eof = k "IMAP_ERROR_UNEXPECTED_EOF"
    let eof = k "IMAP_ERROR_EOF"
    let bye_greeting = k "IMAP_ERROR_BYE_GREETING"
    let bad_greeting = k "IMAP_ERROR_BAD_GREETING"
    let unknown_tag = k "IMAP_ERROR_UNKNOWN_TAG"
    let unexpected_continuation = k "IMAP_ERROR_UNEXPECTED_CONTINUATION"
    let starttls_injection = k "IMAP_ERROR_STARTTLS_INJECTION"
    let compression = k "IMAP_ERROR_COMPRESSION"
    let busy = k "IMAP_ERROR_BUSY"
    let no_greeting = k "IMAP_ERROR_NO_GREETING"
    let needs_authenticator = k "IMAP_ERROR_NEEDS_AUTHENTICATOR"
    let encode = k "IMAP_ERROR_ENCODE"
    let auth = k "IMAP_ERROR_AUTH"
    let closed = k "IMAP_ERROR_CLOSED"
  end

  module Step = struct
    let await_src = k "IMAP_STEP_KIND_AWAIT_SRC"
    let await_dst = k "IMAP_STEP_KIND_AWAIT_DST"
    let done_ = k "IMAP_STEP_KIND_DONE"
    let untagged = k "IMAP_STEP_KIND_UNTAGGED"
    let ok = k "IMAP_STEP_KIND_OK"
    let preauth = k "IMAP_STEP_KIND_PREAUTH"
    let no = k "IMAP_STEP_KIND_NO"
    let bad = k "IMAP_STEP_KIND_BAD"
    let starttls = k "IMAP_STEP_KIND_STARTTLS"
    let literal_begin = k "IMAP_STEP_KIND_LITERAL_BEGIN"
    let literal_data = k "IMAP_STEP_KIND_LITERAL_DATA"
    let literal_end = k "IMAP_STEP_KIND_LITERAL_END"
    let malformed = k "IMAP_STEP_KIND_MALFORMED"
    let error = k "IMAP_STEP_KIND_ERROR"
  end

  module Untagged = struct
    let ok = k "IMAP_UNTAGGED_KIND_OK"
    let no = k "IMAP_UNTAGGED_KIND_NO"
    let bad = k "IMAP_UNTAGGED_KIND_BAD"
    let bye = k "IMAP_UNTAGGED_KIND_BYE"
    let preauth = k "IMAP_UNTAGGED_KIND_PREAUTH"
    let capability = k "IMAP_UNTAGGED_KIND_CAPABILITY"
    let enabled = k "IMAP_UNTAGGED_KIND_ENABLED"
    let flags = k "IMAP_UNTAGGED_KIND_FLAGS"
    let list = k "IMAP_UNTAGGED_KIND_LIST"
    let lsub = k "IMAP_UNTAGGED_KIND_LSUB"
    let xlist = k "IMAP_UNTAGGED_KIND_XLIST"
    let status = k "IMAP_UNTAGGED_KIND_STATUS"
    let search = k "IMAP_UNTAGGED_KIND_SEARCH"
    let esearch = k "IMAP_UNTAGGED_KIND_ESEARCH"
    let sort = k "IMAP_UNTAGGED_KIND_SORT"
    let thread = k "IMAP_UNTAGGED_KIND_THREAD"
    let namespace = k "IMAP_UNTAGGED_KIND_NAMESPACE"
    let id = k "IMAP_UNTAGGED_KIND_ID"
    let quota = k "IMAP_UNTAGGED_KIND_QUOTA"
    let quota_root = k "IMAP_UNTAGGED_KIND_QUOTA_ROOT"
    let acl = k "IMAP_UNTAGGED_KIND_ACL"
    let list_rights = k "IMAP_UNTAGGED_KIND_LIST_RIGHTS"
    let my_rights = k "IMAP_UNTAGGED_KIND_MY_RIGHTS"
    let metadata = k "IMAP_UNTAGGED_KIND_METADATA"
    let exists = k "IMAP_UNTAGGED_KIND_EXISTS"
    let recent = k "IMAP_UNTAGGED_KIND_RECENT"
    let expunge = k "IMAP_UNTAGGED_KIND_EXPUNGE"
    let fetch = k "IMAP_UNTAGGED_KIND_FETCH"
    let vanished = k "IMAP_UNTAGGED_KIND_VANISHED"
    let other = k "IMAP_UNTAGGED_KIND_OTHER"
  end

  module Code = struct
    let alert = k "IMAP_CODE_KIND_ALERT"
    let bad_charset = k "IMAP_CODE_KIND_BAD_CHARSET"
    let capability = k "IMAP_CODE_KIND_CAPABILITY"
    let parse = k "IMAP_CODE_KIND_PARSE"
    let permanent_flags = k "IMAP_CODE_KIND_PERMANENT_FLAGS"
    let read_only = k "IMAP_CODE_KIND_READ_ONLY"
    let read_write = k "IMAP_CODE_KIND_READ_WRITE"
    let try_create = k "IMAP_CODE_KIND_TRY_CREATE"
    let uid_next = k "IMAP_CODE_KIND_UID_NEXT"
    let uid_validity = k "IMAP_CODE_KIND_UID_VALIDITY"
    let unseen = k "IMAP_CODE_KIND_UNSEEN"
    let append_uid = k "IMAP_CODE_KIND_APPEND_UID"
    let copy_uid = k "IMAP_CODE_KIND_COPY_UID"
    let uid_not_sticky = k "IMAP_CODE_KIND_UID_NOT_STICKY"
    let highest_mod_seq = k "IMAP_CODE_KIND_HIGHEST_MOD_SEQ"
    let no_mod_seq = k "IMAP_CODE_KIND_NO_MOD_SEQ"
    let modified = k "IMAP_CODE_KIND_MODIFIED"
    let closed = k "IMAP_CODE_KIND_CLOSED"
    let compression_active = k "IMAP_CODE_KIND_COMPRESSION_ACTIVE"
    let use_attr = k "IMAP_CODE_KIND_USE_ATTR"
    let unavailable = k "IMAP_CODE_KIND_UNAVAILABLE"
    let authentication_failed = k "IMAP_CODE_KIND_AUTHENTICATION_FAILED"
    let authorization_failed = k "IMAP_CODE_KIND_AUTHORIZATION_FAILED"
    let expired = k "IMAP_CODE_KIND_EXPIRED"
    let privacy_required = k "IMAP_CODE_KIND_PRIVACY_REQUIRED"
    let contact_admin = k "IMAP_CODE_KIND_CONTACT_ADMIN"
    let no_perm = k "IMAP_CODE_KIND_NO_PERM"
    let in_use = k "IMAP_CODE_KIND_IN_USE"
    let expunge_issued = k "IMAP_CODE_KIND_EXPUNGE_ISSUED"
    let corruption = k "IMAP_CODE_KIND_CORRUPTION"
    let server_bug = k "IMAP_CODE_KIND_SERVER_BUG"
    let client_bug = k "IMAP_CODE_KIND_CLIENT_BUG"
    let cannot = k "IMAP_CODE_KIND_CANNOT"
    let limit = k "IMAP_CODE_KIND_LIMIT"
    let over_quota = k "IMAP_CODE_KIND_OVER_QUOTA"
    let already_exists = k "IMAP_CODE_KIND_ALREADY_EXISTS"
    let non_existent = k "IMAP_CODE_KIND_NON_EXISTENT"
    let not_saved = k "IMAP_CODE_KIND_NOT_SAVED"
    let has_children = k "IMAP_CODE_KIND_HAS_CHILDREN"
    let unknown_cte = k "IMAP_CODE_KIND_UNKNOWN_CTE"
    let too_big = k "IMAP_CODE_KIND_TOO_BIG"
    let bad_url = k "IMAP_CODE_KIND_BAD_URL"
    let no_update = k "IMAP_CODE_KIND_NO_UPDATE"
    let mailbox_id = k "IMAP_CODE_KIND_MAILBOX_ID"
    let metadata_long_entries = k "IMAP_CODE_KIND_METADATA_LONG_ENTRIES"
    let metadata_max_size = k "IMAP_CODE_KIND_METADATA_MAX_SIZE"
    let metadata_too_many = k "IMAP_CODE_KIND_METADATA_TOO_MANY"
    let metadata_no_private = k "IMAP_CODE_KIND_METADATA_NO_PRIVATE"
    let notification_overflow = k "IMAP_CODE_KIND_NOTIFICATION_OVERFLOW"
    let referral = k "IMAP_CODE_KIND_REFERRAL"
    let other = k "IMAP_CODE_KIND_OTHER"
  end

  module Capability = struct
    let imap4 = k "IMAP_CAPABILITY_KIND_IMAP4"
    let imap4rev1 = k "IMAP_CAPABILITY_KIND_IMAP4REV1"
    let imap4rev2 = k "IMAP_CAPABILITY_KIND_IMAP4REV2"
    let acl = k "IMAP_CAPABILITY_KIND_ACL"
    let append_limit = k "IMAP_CAPABILITY_KIND_APPEND_LIMIT"
    let auth = k "IMAP_CAPABILITY_KIND_AUTH"
    let binary = k "IMAP_CAPABILITY_KIND_BINARY"
    let catenate = k "IMAP_CAPABILITY_KIND_CATENATE"
    let children = k "IMAP_CAPABILITY_KIND_CHILDREN"
    let compress_deflate = k "IMAP_CAPABILITY_KIND_COMPRESS_DEFLATE"
    let condstore = k "IMAP_CAPABILITY_KIND_CONDSTORE"
    let context_search = k "IMAP_CAPABILITY_KIND_CONTEXT_SEARCH"
    let context_sort = k "IMAP_CAPABILITY_KIND_CONTEXT_SORT"
    let enable = k "IMAP_CAPABILITY_KIND_ENABLE"
    let esearch = k "IMAP_CAPABILITY_KIND_ESEARCH"
    let esort = k "IMAP_CAPABILITY_KIND_ESORT"
    let id = k "IMAP_CAPABILITY_KIND_ID"
    let idle = k "IMAP_CAPABILITY_KIND_IDLE"
    let list_extended = k "IMAP_CAPABILITY_KIND_LIST_EXTENDED"
    let list_status = k "IMAP_CAPABILITY_KIND_LIST_STATUS"
    let literal_plus = k "IMAP_CAPABILITY_KIND_LITERAL_PLUS"
    let literal_minus = k "IMAP_CAPABILITY_KIND_LITERAL_MINUS"
    let login_disabled = k "IMAP_CAPABILITY_KIND_LOGIN_DISABLED"
    let metadata = k "IMAP_CAPABILITY_KIND_METADATA"
    let metadata_server = k "IMAP_CAPABILITY_KIND_METADATA_SERVER"
    let move = k "IMAP_CAPABILITY_KIND_MOVE"
    let multi_append = k "IMAP_CAPABILITY_KIND_MULTI_APPEND"
    let namespace = k "IMAP_CAPABILITY_KIND_NAMESPACE"
    let notify = k "IMAP_CAPABILITY_KIND_NOTIFY"
    let object_id = k "IMAP_CAPABILITY_KIND_OBJECT_ID"
    let partial = k "IMAP_CAPABILITY_KIND_PARTIAL"
    let preview = k "IMAP_CAPABILITY_KIND_PREVIEW"
    let qresync = k "IMAP_CAPABILITY_KIND_QRESYNC"
    let quota = k "IMAP_CAPABILITY_KIND_QUOTA"
    let quota_res = k "IMAP_CAPABILITY_KIND_QUOTA_RES"
    let quota_set = k "IMAP_CAPABILITY_KIND_QUOTA_SET"
    let quote = k "IMAP_CAPABILITY_KIND_QUOTE"
    let sasl_ir = k "IMAP_CAPABILITY_KIND_SASL_IR"
    let save_date = k "IMAP_CAPABILITY_KIND_SAVE_DATE"
    let search_res = k "IMAP_CAPABILITY_KIND_SEARCH_RES"
    let sort = k "IMAP_CAPABILITY_KIND_SORT"
    let sort_ext = k "IMAP_CAPABILITY_KIND_SORT_EXT"
    let special_use = k "IMAP_CAPABILITY_KIND_SPECIAL_USE"
    let create_special_use = k "IMAP_CAPABILITY_KIND_CREATE_SPECIAL_USE"
    let starttls = k "IMAP_CAPABILITY_KIND_STARTTLS"
    let status_size = k "IMAP_CAPABILITY_KIND_STATUS_SIZE"
    let thread = k "IMAP_CAPABILITY_KIND_THREAD"
    let uid_plus = k "IMAP_CAPABILITY_KIND_UID_PLUS"
    let unauthenticate = k "IMAP_CAPABILITY_KIND_UNAUTHENTICATE"
    let unselect = k "IMAP_CAPABILITY_KIND_UNSELECT"
    let utf8_accept = k "IMAP_CAPABILITY_KIND_UTF8_ACCEPT"
    let utf8_only = k "IMAP_CAPABILITY_KIND_UTF8_ONLY"
    let within = k "IMAP_CAPABILITY_KIND_WITHIN"
    let xlist = k "IMAP_CAPABILITY_KIND_XLIST"
    let xoauth2 = k "IMAP_CAPABILITY_KIND_XOAUTH2"
    let gmail = k "IMAP_CAPABILITY_KIND_GMAIL"
    let other = k "IMAP_CAPABILITY_KIND_OTHER"
  end

  module Flag = struct
    let answered = k "IMAP_FLAG_KIND_ANSWERED"
    let flagged = k "IMAP_FLAG_KIND_FLAGGED"
    let deleted = k "IMAP_FLAG_KIND_DELETED"
    let seen = k "IMAP_FLAG_KIND_SEEN"
    let draft = k "IMAP_FLAG_KIND_DRAFT"
    let recent = k "IMAP_FLAG_KIND_RECENT"
    let wildcard = k "IMAP_FLAG_KIND_WILDCARD"
    let keyword = k "IMAP_FLAG_KIND_KEYWORD"
    let extension = k "IMAP_FLAG_KIND_EXTENSION"
    let unparsed = k "IMAP_FLAG_KIND_UNPARSED"
  end

  module Mailbox_attr = struct
    let noinferiors = k "IMAP_MAILBOX_ATTR_KIND_NOINFERIORS"
    let noselect = k "IMAP_MAILBOX_ATTR_KIND_NOSELECT"
    let marked = k "IMAP_MAILBOX_ATTR_KIND_MARKED"
    let unmarked = k "IMAP_MAILBOX_ATTR_KIND_UNMARKED"
    let non_existent = k "IMAP_MAILBOX_ATTR_KIND_NON_EXISTENT"
    let subscribed = k "IMAP_MAILBOX_ATTR_KIND_SUBSCRIBED"
    let remote = k "IMAP_MAILBOX_ATTR_KIND_REMOTE"
    let has_children = k "IMAP_MAILBOX_ATTR_KIND_HAS_CHILDREN"
    let has_no_children = k "IMAP_MAILBOX_ATTR_KIND_HAS_NO_CHILDREN"
    let all = k "IMAP_MAILBOX_ATTR_KIND_ALL"
    let archive = k "IMAP_MAILBOX_ATTR_KIND_ARCHIVE"
    let drafts = k "IMAP_MAILBOX_ATTR_KIND_DRAFTS"
    let flagged = k "IMAP_MAILBOX_ATTR_KIND_FLAGGED"
    let junk = k "IMAP_MAILBOX_ATTR_KIND_JUNK"
    let sent = k "IMAP_MAILBOX_ATTR_KIND_SENT"
    let trash = k "IMAP_MAILBOX_ATTR_KIND_TRASH"
    let important = k "IMAP_MAILBOX_ATTR_KIND_IMPORTANT"
    let extension = k "IMAP_MAILBOX_ATTR_KIND_EXTENSION"
    let unparsed = k "IMAP_MAILBOX_ATTR_KIND_UNPARSED"
  end

  module List_extended = struct
    let child_info = k "IMAP_LIST_EXTENDED_KIND_CHILD_INFO"
    let old_name = k "IMAP_LIST_EXTENDED_KIND_OLD_NAME"
    let other = k "IMAP_LIST_EXTENDED_KIND_OTHER"
  end

  module Esearch = struct
    let min = k "IMAP_ESEARCH_KIND_MIN"
    let max = k "IMAP_ESEARCH_KIND_MAX"
    let all = k "IMAP_ESEARCH_KIND_ALL"
    let count = k "IMAP_ESEARCH_KIND_COUNT"
    let mod_seq = k "IMAP_ESEARCH_KIND_MOD_SEQ"
    let other = k "IMAP_ESEARCH_KIND_OTHER"
  end

  module Fetch = struct
    let flags = k "IMAP_FETCH_KIND_FLAGS"
    let envelope = k "IMAP_FETCH_KIND_ENVELOPE"
    let internal_date = k "IMAP_FETCH_KIND_INTERNAL_DATE"
    let rfc822_size = k "IMAP_FETCH_KIND_RFC822_SIZE"
    let rfc822 = k "IMAP_FETCH_KIND_RFC822"
    let rfc822_header = k "IMAP_FETCH_KIND_RFC822_HEADER"
    let rfc822_text = k "IMAP_FETCH_KIND_RFC822_TEXT"
    let body = k "IMAP_FETCH_KIND_BODY"
    let body_structure = k "IMAP_FETCH_KIND_BODY_STRUCTURE"
    let body_section = k "IMAP_FETCH_KIND_BODY_SECTION"
    let binary = k "IMAP_FETCH_KIND_BINARY"
    let binary_size = k "IMAP_FETCH_KIND_BINARY_SIZE"
    let uid = k "IMAP_FETCH_KIND_UID"
    let mod_seq = k "IMAP_FETCH_KIND_MOD_SEQ"
    let email_id = k "IMAP_FETCH_KIND_EMAIL_ID"
    let thread_id = k "IMAP_FETCH_KIND_THREAD_ID"
    let save_date = k "IMAP_FETCH_KIND_SAVE_DATE"
    let preview = k "IMAP_FETCH_KIND_PREVIEW"
    let gm_msg_id = k "IMAP_FETCH_KIND_GM_MSG_ID"
    let gm_thr_id = k "IMAP_FETCH_KIND_GM_THR_ID"
    let gm_labels = k "IMAP_FETCH_KIND_GM_LABELS"
    let other = k "IMAP_FETCH_KIND_OTHER"
  end

  module Body = struct
    let basic = k "IMAP_BODY_KIND_BASIC"
    let text = k "IMAP_BODY_KIND_TEXT"
    let message = k "IMAP_BODY_KIND_MESSAGE"
    let multipart = k "IMAP_BODY_KIND_MULTIPART"
  end

  module Body_extension = struct
    let string = k "IMAP_BODY_EXTENSION_KIND_STRING"
    let number = k "IMAP_BODY_EXTENSION_KIND_NUMBER"
    let list = k "IMAP_BODY_EXTENSION_KIND_LIST"
    let unparsed = k "IMAP_BODY_EXTENSION_KIND_UNPARSED"
  end

  module Section = struct
    let all = k "IMAP_SECTION_KIND_ALL"
    let header = k "IMAP_SECTION_KIND_HEADER"
    let header_fields = k "IMAP_SECTION_KIND_HEADER_FIELDS"
    let header_fields_not = k "IMAP_SECTION_KIND_HEADER_FIELDS_NOT"
    let text = k "IMAP_SECTION_KIND_TEXT"
    let mime = k "IMAP_SECTION_KIND_MIME"
  end

  module Status = struct
    let messages = k "IMAP_STATUS_KIND_MESSAGES"
    let recent = k "IMAP_STATUS_KIND_RECENT"
    let uid_next = k "IMAP_STATUS_KIND_UID_NEXT"
    let uid_validity = k "IMAP_STATUS_KIND_UID_VALIDITY"
    let unseen = k "IMAP_STATUS_KIND_UNSEEN"
    let deleted = k "IMAP_STATUS_KIND_DELETED"
    let size = k "IMAP_STATUS_KIND_SIZE"
    let highest_mod_seq = k "IMAP_STATUS_KIND_HIGHEST_MOD_SEQ"
    let append_limit = k "IMAP_STATUS_KIND_APPEND_LIMIT"
    let mailbox_id = k "IMAP_STATUS_KIND_MAILBOX_ID"
    let deleted_storage = k "IMAP_STATUS_KIND_DELETED_STORAGE"
    let other = k "IMAP_STATUS_KIND_OTHER"
  end

  module Fetch_attr = struct
    let envelope = k "IMAP_FETCH_ATTR_ENVELOPE"
    let flags = k "IMAP_FETCH_ATTR_FLAGS"
    let internal_date = k "IMAP_FETCH_ATTR_INTERNAL_DATE"
    let rfc822 = k "IMAP_FETCH_ATTR_RFC822"
    let rfc822_header = k "IMAP_FETCH_ATTR_RFC822_HEADER"
    let rfc822_text = k "IMAP_FETCH_ATTR_RFC822_TEXT"
    let rfc822_size = k "IMAP_FETCH_ATTR_RFC822_SIZE"
    let body = k "IMAP_FETCH_ATTR_BODY"
    let bodystructure = k "IMAP_FETCH_ATTR_BODYSTRUCTURE"
    let uid = k "IMAP_FETCH_ATTR_UID"
    let modseq = k "IMAP_FETCH_ATTR_MODSEQ"
    let gm_msgid = k "IMAP_FETCH_ATTR_GM_MSGID"
    let gm_thrid = k "IMAP_FETCH_ATTR_GM_THRID"
    let gm_labels = k "IMAP_FETCH_ATTR_GM_LABELS"
    let email_id = k "IMAP_FETCH_ATTR_EMAIL_ID"
    let thread_id = k "IMAP_FETCH_ATTR_THREAD_ID"
    let save_date = k "IMAP_FETCH_ATTR_SAVE_DATE"
    let preview = k "IMAP_FETCH_ATTR_PREVIEW"
    let preview_lazy = k "IMAP_FETCH_ATTR_PREVIEW_LAZY"
  end

  module Fetch_macro = struct
    let all = k "IMAP_FETCH_MACRO_ALL"
    let fast = k "IMAP_FETCH_MACRO_FAST"
    let full = k "IMAP_FETCH_MACRO_FULL"
  end

  module Store_mode = struct
    let set = k "IMAP_STORE_MODE_SET"
    let add = k "IMAP_STORE_MODE_ADD"
    let remove = k "IMAP_STORE_MODE_REMOVE"
  end
end
