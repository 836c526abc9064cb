(** Drives an [Imap.connection] through [Imap.run] against scripted server
    bytes, the way a blocking client would: input is handed over only when
    [run] asks for it ([`Await_src]), output is collected whenever it asks
    for room ([`Await_dst]). *)

type outcome =
  [ `Untagged of Imap.untagged
  | `Ok of Imap.code * string
  | `Error of Imap.error
  | `Raised of string  (** [run] (or [src]/[dst]) raised this exception *)
  | `Stalled  (** [run] wanted input after the last scripted chunk *)
  | `Await_src
  | `Await_dst  (** never recorded by {!converse}; here so that any step of [run] can be shown *) ]

type result = {
  outcomes : outcome list;  (** everything [run] returned but the Await steps, greeting first *)
  sent : string;  (** every byte the client wrote, in order *)
}

val show : outcome -> string
(** One outcome in the canonical form of {!Canon.outcome}. *)

val show_all : outcome list -> string

val converse :
  ?dst_size:int -> ?on_untagged:(Imap.untagged -> unit) -> chunks:string list -> Imap.command list -> result
(** [converse ~chunks cmds] creates a connection with a [dst_size] output
    buffer (default 65536), reads the greeting, then runs each command of
    [cmds] in turn, starting the next one after the previous one's [`Ok] or
    tagged [`Error (`No _ | `Bad _)]; after [`Error (`Auth_error _)] and
    [`Error (`Decode_error _)] (one malformed response) it goes on with
    [`Await], so a binding that made them fatal shows as [`Raised]. Server bytes are handed over one chunk
    of [chunks] per [`Await_src]; an empty chunk is the end of input.
    [on_untagged] sees each untagged response before [run] is called again
    (e.g. to force an IDLE stop). It stops after the last command, after a
    fatal error, or when it runs out of chunks. *)

val splits : string -> string list list
(** Every way to cut a string in two non-empty chunks, plus the whole string
    as one chunk and byte by byte. *)

(** Stepping a connection by hand, one [run] at a time. *)

type manual = { c : Imap.connection; o : Bytes.t  (** its output buffer *) }

val manual : ?size:int -> unit -> manual
(** A new connection with a [size]-byte output buffer (default 4096). *)

val feed : manual -> string -> unit
(** Hands server bytes to the connection. *)

val output : manual -> string
(** What [run] wrote into the output buffer; the buffer is given back. *)

val step : manual -> string -> [< outcome ] -> [ `Cmd of Imap.command | `Await ] -> unit
(** [step m what expected v] fails (with {!Check.fail}) unless [run m.c v]
    returns [expected]. *)
