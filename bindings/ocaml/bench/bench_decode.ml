(* bench_decode FILE [-repeat N] [-chunk BYTES]: decoding throughput of the
   OCaml binding through Imap.run, in responses per second.

   FILE holds server responses (e.g. the inputs of make bench, written by
   imap-bench-compare --write-inputs DIR). A connection is greeted, a NOOP
   is started, and FILE's bytes are handed to it in CHUNK-byte pieces
   (default 65536) each time run asks for input, followed by the NOOP's
   tagged OK; every `Untagged is counted. The median of N runs (default 5)
   is reported, as make bench does for the Rust decoders, and the best
   beside it: conversion of every response into Imap's values is included,
   since that is what a program pays. *)

let read_file path =
  let ic = open_in_bin path in
  let s = really_input_string ic (in_channel_length ic) in
  close_in ic;
  s

let fail fmt = Printf.ksprintf failwith fmt

let show = function
  | `Ok _ -> "`Ok"
  | `Error e -> Format.asprintf "`Error %a" Imap.pp_error e
  | `Untagged _ -> "`Untagged"
  | `Await_src -> "`Await_src"
  | `Await_dst -> "`Await_dst"

(* One decoding of [input]; returns the number of untagged responses. *)
let decode ~chunk input =
  let c = Imap.connection () in
  let o = Bytes.create 4096 in
  Imap.dst c o 0 (Bytes.length o);
  let feed s = Imap.src c (Bytes.of_string s) 0 (String.length s) in
  (match Imap.run c `Await with
   | `Await_src -> feed "* OK bench\r\n"
   | r -> fail "before the greeting: %s" (show r));
  (match Imap.run c `Await with `Ok _ -> () | r -> fail "greeting: %s" (show r));
  let tag =
    match Imap.run c (`Cmd Imap.noop) with
    | `Await_dst ->
      let line = Bytes.sub_string o 0 (Bytes.length o - Imap.dst_rem c) in
      String.sub line 0 (String.index line ' ')
    | r -> fail "NOOP: %s" (show r)
  in
  let len = Bytes.length input in
  let rec go pos count =
    match Imap.run c `Await with
    | `Await_src when pos < len ->
      let n = min chunk (len - pos) in
      Imap.src c input pos n;
      go (pos + n) count
    | `Await_src when pos = len ->
      feed (tag ^ " OK done\r\n");
      go (pos + 1) count
    | `Await_src -> fail "no OK after the NOOP's tagged OK"
    | `Untagged _ -> go pos (count + 1)
    | `Ok _ -> count
    | r -> fail "decoding: %s" (show r)
  in
  go 0 0

let () =
  let repeat = ref 5 and chunk = ref 65536 and files = ref [] in
  Arg.parse
    [ ("-repeat", Arg.Set_int repeat, "N runs per file, the median is reported (default 5)");
      ("-chunk", Arg.Set_int chunk, "BYTES input handed over per `Await_src (default 65536)") ]
    (fun f -> files := !files @ [ f ])
    "bench_decode [-repeat N] [-chunk BYTES] FILE...";
  if !files = [] || !repeat < 1 || !chunk < 1 then (prerr_endline "bench_decode: give FILE..."; exit 2);
  List.iter
    (fun path ->
       let data = Bytes.of_string (read_file path) in
       let responses = ref 0 in
       let times =
         List.init !repeat (fun _ ->
             let t0 = Unix.gettimeofday () in
             responses := decode ~chunk:!chunk data;
             Unix.gettimeofday () -. t0)
         |> List.sort compare
       in
       let median = List.nth times (!repeat / 2) and best = List.hd times in
       let rate t = float !responses /. t in
       Printf.printf "%s: %d responses, %.1f MB; median of %d runs %.3f s: %.0f responses/s, %.1f MB/s (best %.0f responses/s)\n%!"
         (Filename.basename path) !responses
         (float (Bytes.length data) /. 1e6)
         !repeat median (rate median)
         (float (Bytes.length data) /. 1e6 /. median)
         (rate best))
    !files
