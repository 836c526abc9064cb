(** [struct imap_date] (a SEARCH date, passed by value), laid out by ctypes
    itself: [{uint16_t; uint8_t; uint8_t}] has no padding to disagree on. *)

open Ctypes

type t

let t : t structure typ = structure "imap_date"
let year = field t "year" uint16_t
let month = field t "month" uint8_t
let day = field t "day" uint8_t
let () = seal t
