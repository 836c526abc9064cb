(** [struct imap_limits] (returned by value by [imap_limits_default]),
    laid out by ctypes itself with C's natural alignment; the library's
    tests check it against the C compiler's layout ([Imap_c_types]). *)

open Ctypes

type t

let t : t structure typ = structure "imap_limits"
let max_line = field t "max_line" uint64_t
let max_literal = field t "max_literal" uint64_t
let max_response = field t "max_response" uint64_t
let max_depth = field t "max_depth" uint32_t
let stream_threshold = field t "stream_threshold" uint64_t
let max_auth_challenges = field t "max_auth_challenges" uint32_t
let () = seal t
