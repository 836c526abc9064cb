(** Imap values printed in the project's canonical s-expression form
    (docs/sexp.md), for the subset that imap 1.1.0's types can express.
    Test-only: it is the oracle the decode vectors are compared against, so
    it is written from docs/sexp.md, not from the binding.

    Where 1.1.0's types lose information the form follows the loss, and
    {!Vector_view} maps the vectors' expectations the same way: capabilities
    print as their upper-case wire names in quotes (1.1.0 keeps unknown ones
    as [`Other] with the server's spelling), MESSAGE parts print without
    their subtype, and extension data of body structures is absent. *)

val str : string -> string
(** A byte string in quotes with the escapes of docs/sexp.md. *)

val set : (Uint32.t * Uint32.t) list -> string
(** A sequence set in IMAP syntax, [1,3:5]. *)

val date_time : Imap.date * Imap.time -> string
(** ISO 8601 with the zone, [1996-07-17T02:44:25-07:00]. *)

val capability_wire : Imap.capability -> string
(** The capability's wire name, upper-cased. *)

val flag : [ Imap.flag | `Recent | `All ] -> string
val mbx_flag : Imap.mbx_flag -> string
val code : Imap.code -> string
val section : Imap.section -> string
val mime : Imap.mime -> string
val envelope : Imap.envelope -> string
val fetch_response : Imap.fetch_response -> string
val untagged : Imap.untagged -> string

val error : Imap.error -> string
(** Not part of docs/sexp.md: [(error ...)] forms for test messages. *)

type result = [ `Untagged of Imap.untagged | `Ok of Imap.code * string | `Error of Imap.error ]
(** What [Imap.run] returns, other than the Await steps. *)

val outcome : result -> string
(** What [Imap.run] returned, other than the Await steps: an untagged
    response as {!untagged}, [`Ok] as [(ok ...)], a tagged NO/BAD as
    [(no ...)]/[(bad ...)], any other error as {!error}. *)
