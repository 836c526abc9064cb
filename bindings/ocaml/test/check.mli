(** A minimal test runner: named cases, assertions that say what differed,
    and a summary with a non-zero exit status when anything failed. *)

exception Failed of string
(** Raised by the assertions below; caught and reported by {!case}. *)

val case : string -> (unit -> unit) -> unit
(** [case name f] runs [f], counting it as passed unless it raises. *)

val fail : ('a, unit, string, 'b) format4 -> 'a
(** [fail fmt ...] fails the current case with a formatted message. *)

val equal : show:('a -> string) -> string -> 'a -> 'a -> unit
(** [equal ~show what expected actual] fails unless [expected = actual]
    (structural equality), printing both with [show]. *)

val is_true : string -> bool -> unit
(** [is_true what b] fails unless [b]. *)

val finish : unit -> 'a
(** Prints the summary and exits (status 1 when any case failed). *)
