(** The s-expressions of docs/sexp.md as a tree, to read the vectors'
    expected events. *)

type t =
  | Atom of string  (** a keyword, a number, [nil], a set, a date-time *)
  | Str of string  (** a quoted string, unescaped *)
  | List of t list

val parse : string -> t
(** One form; raises [Failure] on malformed text. *)

val to_string : t -> string
(** The canonical one-line text ({!Canon.str} for strings). *)
