(** The response structs of include/imap.h that the binding reads, as a
    ctypes functor. Instantiated with [Cstubs_structs] output, so the field
    offsets and sizes are the C compiler's: a struct lists only the fields
    the binding reads. Kinds ([uint32_t] enums) are read as C [int] and
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
end
