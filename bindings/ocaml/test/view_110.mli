(** What imap 1.1.0's types can say of a decode vector's expected event:
    the expected s-expression of docs/sexp.md mapped to the form {!Canon}
    prints from Imap values, following exactly the information 1.1.0's types
    lose (see {!Canon}), or the reason it cannot be expressed at all. *)

type unparsed = Imap_ext.unparsed_place * string list
(** Units of a flag or attribute list that did not parse, where they were:
    what {!Imap_ext.passed_over} must hold as [`Unparsed]. *)

type verdict =
  | Expect of Sexp.t * unparsed list
      (** the value [run] must return, printed by {!Canon}, without the
          units that did not parse; then those units, in order *)
  | Passed_over  (** a malformed response: [run] must go on without it *)
  | Skip of string  (** not expressible in 1.1.0's types; the reason *)

val event : Sexp.t -> verdict
(** One expected event. FETCH items and STATUS items that 1.1.0 cannot hold
    are left out of the expectation (they must be passed over), and so are
    units of flag and attribute lists that did not parse; untagged
    responses, codes and attributes it cannot hold give [Skip]. *)
