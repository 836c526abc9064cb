(** Reader of the language-neutral decode vectors, tests/vectors/decode/*.txt
    (format: docs/sexp.md, "Test vector files"). *)

type case = {
  name : string;
  origin : string;  (** file:line of its [case] line *)
  input : string;  (** the concatenated, unescaped [in] lines *)
  out : string list;  (** the expected events, one per line *)
}

val unescape : string -> string
(** Decodes the escapes of an [in] line: backslash followed by r, n, t,
    a backslash, a double quote, or x and two hex digits. *)

val dir : unit -> string
(** The vectors' directory: [$IMAP_VECTORS], else [tests/vectors/decode]
    in the nearest parent of the current directory that has one. *)

val read_dir : string -> case list
(** Every case of every [*.txt] file of the directory, by file name. *)
