type date_time = Imap_core.date_time = {
  year : int;
  month : int;
  day : int;
  hour : int;
  minute : int;
  second : int;
  zone_minutes : int;
}

type esearch_item = Imap_core.esearch_item
type thread = Imap_core.thread = Thread of Uint32.t list * thread list
type namespace = Imap_core.namespace
type mbx_flag = Imap_core.ext_mbx_flag
type untagged = Imap_core.ext_untagged
type body_extension_data = Imap_core.body_extension_data
type body_extension = Imap_core.body_extension = {
  md5 : string option;
  disposition : (string * (string * string option) list) option;
  language : string list;
  location : string option;
  further : body_extension_data list;
}

type fetch_item = Imap_core.ext_fetch_item
type status_item = Imap_core.ext_status_item
type malformed = Imap_core.malformed = { offset : int; raw : string; error_offset : int }
type unparsed_place = Imap_core.unparsed_place
type passed_over = Imap_core.passed_over

let passed_over (c : Imap.connection) =
  let l = List.of_seq (Queue.to_seq c.Imap_core.passed_over) in
  Queue.clear c.Imap_core.passed_over;
  l

let passed_over_limit = Imap_core.passed_over_limit
let mutf7_encode = Imap_core.mutf7_encode

let mutf7_decode s =
  Imap_core.name_of
    (Imap_core.C.mutf7_decode
       (Ctypes.CArray.start (Ctypes.CArray.of_string s))
       (Imap_core.Size.of_int (String.length s)))

let keep_body_extensions (c : Imap.connection) keep = c.Imap_core.keep_body_extensions <- keep

type limits = Imap_core.limits = {
  max_line : int;
  max_literal : int;
  max_response : int;
  max_depth : int;
  max_auth_challenges : int;
}

let default_limits = Imap_core.default_limits
let connection ?limits () = Imap_core.connection ?limits ()
let limits (c : Imap.connection) = c.Imap_core.limits

type error = Imap_core.error

let last_error (c : Imap.connection) = Imap_core.last_error c
