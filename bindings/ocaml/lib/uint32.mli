(** Unsigned 32-bit integers (message sequence numbers and UIDs).

    A replacement for the [Uint32] module of the [uint] package that imap
    1.1.0 used. Values are unboxed OCaml integers in [0, 2{^32}-1], so
    polymorphic equality and [compare] give the right answers
    ([n = Uint32.zero] works). Arithmetic wraps modulo 2{^32}. *)

type t
(** An integer in [0, 2{^32}-1]. *)

val zero : t
(** [0]. *)

val one : t
(** [1]. *)

val max_int : t
(** [2{^32}-1]. *)

val of_int : int -> t
(** The integer modulo 2{^32} (so [of_int (-1) = max_int]). *)

val to_int : t -> int
(** The integer (always non-negative; OCaml integers are 63 bits wide). *)

val of_int32 : int32 -> t
(** The bits of an [int32], read as unsigned. *)

val to_int32 : t -> int32
(** The bits as an [int32] (values above [Int32.max_int] become negative). *)

val of_string : string -> t
(** Parses a decimal number (or [0x], [0o], [0b] prefixed as
    [int_of_string] does). @raise Failure ["Uint32.of_string"] if it is not
    a number in range. *)

val of_string_opt : string -> t option
(** [of_string], or [None]. *)

val to_string : t -> string
(** The decimal form. *)

val compare : t -> t -> int
(** The unsigned order. *)

val equal : t -> t -> bool
(** Equality. *)

val add : t -> t -> t
(** Sum modulo 2{^32}. *)

val sub : t -> t -> t
(** Difference modulo 2{^32}. *)

val mul : t -> t -> t
(** Product modulo 2{^32}. *)

val div : t -> t -> t
(** Quotient. @raise Division_by_zero *)

val rem : t -> t -> t
(** Remainder. @raise Division_by_zero *)

val succ : t -> t
(** [add x one]. *)

val pred : t -> t
(** [sub x one]. *)

val pp : Format.formatter -> t -> unit
(** Prints the decimal form. *)
