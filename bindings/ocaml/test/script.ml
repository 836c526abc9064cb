type outcome =
  [ `Untagged of Imap.untagged
  | `Ok of Imap.code * string
  | `Error of Imap.error
  | `Raised of string
  | `Stalled
  | `Await_src
  | `Await_dst ]

type result = { outcomes : outcome list; sent : string }

let show = function
  | #Canon.result as r -> Canon.outcome r
  | `Raised e -> "(raised " ^ Canon.str e ^ ")"
  | `Stalled -> "(stalled)"
  | `Await_src -> "await-src"
  | `Await_dst -> "await-dst"

let show_all l = "[" ^ String.concat "; " (List.map show l) ^ "]"

let max_steps = 1_000_000

let converse ?(dst_size = 65536) ?(on_untagged = ignore) ~chunks cmds =
  let c = Imap.connection () in
  let o = Bytes.create dst_size in
  let sent = Buffer.create 256 in
  let outcomes = ref [] in
  let record r = outcomes := r :: !outcomes in
  let chunks = ref chunks in
  let steps = ref 0 in
  (* [go v cmds] calls [run c v] until the current phase ends, then starts the
     next command; [`Stop] ends the conversation. *)
  let rec go v cmds =
    incr steps;
    if !steps > max_steps then record (`Raised "no end after a million run steps")
    else
      match Imap.run c v with
      | exception e -> record (`Raised (Printexc.to_string e))
      | `Await_dst ->
        Buffer.add_subbytes sent o 0 (dst_size - Imap.dst_rem c);
        Imap.dst c o 0 dst_size;
        go `Await cmds
      | `Await_src -> (
          match !chunks with
          | [] -> record `Stalled
          | s :: rest ->
            chunks := rest;
            Imap.src c (Bytes.of_string s) 0 (String.length s);
            go `Await cmds)
      | `Untagged u ->
        record (`Untagged u);
        on_untagged u;
        go `Await cmds
      | `Error (`Auth_error _ | `Decode_error _) as r ->
        record r;
        go `Await cmds
      | (`Ok _ | `Error (`No _ | `Bad _)) as r -> (
          record r;
          match cmds with [] -> () | cmd :: rest -> go (`Cmd cmd) rest)
      | `Error _ as r -> record r
  in
  (try Imap.dst c o 0 dst_size with e -> record (`Raised (Printexc.to_string e)));
  go `Await cmds;
  { outcomes = List.rev !outcomes; sent = Buffer.contents sent }

let splits s =
  let n = String.length s in
  let halves = List.init (max 0 (n - 1)) (fun i -> [ String.sub s 0 (i + 1); String.sub s (i + 1) (n - i - 1) ]) in
  let bytes = List.init n (fun i -> String.make 1 s.[i]) in
  ([ s ] :: halves) @ [ bytes ]

type manual = { c : Imap.connection; o : Bytes.t }

let manual ?(size = 4096) () =
  let m = { c = Imap.connection (); o = Bytes.create size } in
  Imap.dst m.c m.o 0 size;
  m

let feed m s = Imap.src m.c (Bytes.of_string s) 0 (String.length s)

let output m =
  let s = Bytes.sub_string m.o 0 (Bytes.length m.o - Imap.dst_rem m.c) in
  Imap.dst m.c m.o 0 (Bytes.length m.o);
  s

let step m what expected v =
  let expected = (expected :> outcome) in
  match Imap.run m.c v with
  | r -> if (r :> outcome) <> expected then Check.fail "%s: expected %s, got %s" what (show expected) (show (r :> outcome))
  | exception e -> Check.fail "%s: run raised %s" what (Printexc.to_string e)
