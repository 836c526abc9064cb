(** Unsigned 64-bit integers (mod-sequences, Gmail message and thread IDs).

    A replacement for the [Uint64] module of the [uint] package that imap
    1.1.0 used, over [Unsigned.UInt64] of the [integers] library: its
    custom comparison makes polymorphic equality and [compare] give the
    right answers. Arithmetic wraps modulo 2{^64}. *)

type t = Unsigned.UInt64.t
(** An integer in [0, 2{^64}-1]. *)

val zero : t
(** [0]. *)

val one : t
(** [1]. *)

val max_int : t
(** [2{^64}-1]. *)

val of_int : int -> t
(** The integer; a negative one wraps modulo 2{^64}. *)

val to_int : t -> int
(** The low bits as an OCaml integer (exact below 2{^62}). *)

val of_int64 : int64 -> t
(** The bits of an [int64], read as unsigned. *)

val to_int64 : t -> int64
(** The bits as an [int64]. *)

val of_string : string -> t
(** Parses a decimal number. @raise Failure ["Uint64.of_string"] if it is
    not a number in range. *)

val of_string_opt : string -> t option
(** [of_string], or [None]. *)

val to_string : t -> string
(** The decimal form. *)

val compare : t -> t -> int
(** The unsigned order. *)

val equal : t -> t -> bool
(** Equality. *)

val add : t -> t -> t
(** Sum modulo 2{^64}. *)

val sub : t -> t -> t
(** Difference modulo 2{^64}. *)

val mul : t -> t -> t
(** Product modulo 2{^64}. *)

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
