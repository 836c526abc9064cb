(* Every decode vector of tests/vectors/decode replayed through an
   Imap.connection, and each value run returns compared, printed by Canon,
   with what View_110 says 1.1.0's types can express of the vector's
   expected event. Inexpressible events are counted by reason and printed.

   How a vector goes through a connection: the connection is greeted, then
   a NOOP runs and the vector's responses are fed to it one at a time;
   untagged responses come back as `Untagged, a tagged response ends the
   NOOP (its tag is rewritten to the NOOP's, since run only accepts its own
   tags) and the next response starts a new NOOP. A malformed response must
   be passed over, or reported as one `Decode_error that does not end the
   connection (when the malformed line carries the NOOP's tag, the NOOP is
   over: the next `Await gives the idle `Ok (`None, "")). A continuation
   request is not fed (it would be an unexpected +). Cases whose input ends
   inside a response (a fatal framing event expected) are skipped. Every
   case is replayed twice: each response whole, and byte by byte. *)

open Check

(* The vector's input cut into responses: a line, and after a line ending
   in a literal header {n}, {n+} or ~{n}, n bytes and the rest of the line.
   None when the input ends inside a response. *)
let responses input =
  let n = String.length input in
  let literal_size line_end =
    (* the line without its line ending *)
    let e = if line_end > 0 && input.[line_end - 1] = '\r' then line_end - 1 else line_end in
    if e > 0 && input.[e - 1] = '}' then
      match String.rindex_from_opt input (e - 1) '{' with
      | Some o ->
        let digits = String.sub input (o + 1) (e - 2 - o) in
        let digits =
          if String.length digits > 0 && digits.[String.length digits - 1] = '+' then
            String.sub digits 0 (String.length digits - 1)
          else digits
        in
        int_of_string_opt digits
      | None -> None
    else None
  in
  let rec response start pos acc =
    match String.index_from_opt input pos '\n' with
    | None -> if start = n then Some (List.rev acc) else None
    | Some lf -> (
        match literal_size lf with
        | Some size when lf + 1 + size <= n -> response start (lf + 1 + size) acc
        | Some _ -> None
        | None -> response (lf + 1) (lf + 1) (String.sub input start (lf + 1 - start) :: acc))
  in
  if n = 0 then Some [] else response 0 0 []

let counts : (string, int) Hashtbl.t = Hashtbl.create 16
let count reason = Hashtbl.replace counts reason (1 + Option.value (Hashtbl.find_opt counts reason) ~default:0)

type conn = { c : Imap.connection; o : Bytes.t; mutable tag : string option }

let start_noop k =
  match Imap.run k.c (`Cmd Imap.noop) with
  | `Await_dst ->
    let line = Bytes.sub_string k.o 0 (Bytes.length k.o - Imap.dst_rem k.c) in
    Imap.dst k.c k.o 0 (Bytes.length k.o);
    k.tag <- Some (String.sub line 0 (String.index line ' '))
  | r -> fail "NOOP: %s" (Script.show (r :> Script.outcome))

(* Feeds one response, whole or byte by byte, and returns what run hands
   out until it wants more input (after the last byte) or the command ends. *)
let feed ?(bytewise = false) k bytes =
  let pieces = if bytewise then List.init (String.length bytes) (fun i -> String.make 1 bytes.[i]) else [ bytes ] in
  let pending = ref pieces in
  let next () =
    match !pending with
    | [] -> false
    | p :: rest ->
      pending := rest;
      Imap.src k.c (Bytes.of_string p) 0 (String.length p);
      true
  in
  ignore (next ());
  let rec go acc =
    match Imap.run k.c `Await with
    | `Await_src -> if next () then go acc else List.rev acc
    | `Await_dst -> fail "output while decoding"
    | (`Untagged _ | `Error (`Decode_error _)) as u -> go (u :: acc)
    | (`Ok _ | `Error _) as r ->
      k.tag <- None;
      List.rev (r :: acc)
    | exception e -> fail "run raised %s" (Printexc.to_string e)
  in
  go []

(* A tagged status response: a tag, then OK, NO or BAD. *)
let is_tagged r =
  let words = String.split_on_char ' ' (String.trim r) in
  match words with
  | tag :: status :: _ -> tag <> "*" && tag <> "+" && List.mem (String.uppercase_ascii status) [ "OK"; "NO"; "BAD" ]
  | _ -> false

let retag tag r =
  match String.index_opt r ' ' with
  | Some sp -> tag ^ String.sub r sp (String.length r - sp)
  | None -> tag

let show_unparsed l =
  let place : Imap_ext.unparsed_place -> string = function
    | `Fetch_flags n -> "FETCH " ^ Uint32.to_string n
    | `Flags -> "FLAGS"
    | `Permanent_flags -> "PERMANENTFLAGS"
    | `List m -> "LIST " ^ m
    | `Lsub m -> "LSUB " ^ m
  in
  String.concat "; " (List.map (fun (p, raw) -> place p ^ ": " ^ String.concat " " (List.map String.escaped raw)) l)

let show_results l = String.concat " " (List.map (fun r -> Script.show (r :> Script.outcome)) l)

let replay ~bytewise (case : Vectors.case) =
  let count reason = if not bytewise then count reason in
  if List.exists (fun o -> String.length o > 6 && String.sub o 0 6 = "(fatal") case.out then count "case: a fatal framing event"
  else
    match responses case.input with
    | None -> count "case: input ends inside a response"
    | Some rs when List.length rs <> List.length case.out -> count "case: not one event per response"
    | Some rs ->
      let k = { c = Imap.connection (); o = Bytes.create 4096; tag = None } in
      Imap.dst k.c k.o 0 4096;
      (match feed k "* OK ready\r\n" with
       | [ `Ok (`None, "ready") ] -> ()
       | l -> fail "greeting: %s" (show_results l));
      List.iter2
        (fun r out ->
           let verdict = View_110.event (Sexp.parse out) in
           if not bytewise then
             (match verdict with Skip reason -> count ("event: " ^ reason) | Expect _ | Passed_over -> count "event: checked");
           if r.[0] <> '+' then begin
             if k.tag = None then start_noop k;
             let tag = Option.get k.tag in
             (* what earlier responses passed over is not this one's *)
             ignore (Imap_ext.passed_over k.c);
             let results = feed ~bytewise k (if is_tagged r then retag tag r else r) in
             match (verdict, results) with
             | Skip _, _ -> ()
             | Passed_over, ([] | [ `Error (`Decode_error _) ]) -> ()
             (* a malformed line carrying the NOOP's tag ends the NOOP *)
             | Passed_over, [ `Error (`Decode_error _); `Ok (`None, "") ] when String.length r > String.length tag
                                                                          && String.sub r 0 (String.length tag + 1) = tag ^ " " ->
               k.tag <- None
             | Expect (e, unparsed), [ got ] when Sexp.to_string e = Canon.outcome got ->
               let got_unparsed =
                 List.filter_map (function `Unparsed u -> Some u | _ -> None) (Imap_ext.passed_over k.c)
               in
               if got_unparsed <> unparsed then
                 fail "%S\n  expected passed over: %s\n  got:                  %s" r (show_unparsed unparsed)
                   (show_unparsed got_unparsed)
             | Expect (e, _), _ -> fail "%S\n  expected: %s\n  got:      %s" r (Sexp.to_string e) (show_results results)
             | Passed_over, _ -> fail "%S\n  expected: passed over\n  got:      %s" r (show_results results)
           end)
        rs case.out;
      if k.tag <> None then
        match feed k (Option.get k.tag ^ " OK end\r\n") with
        | [ `Ok (`None, "end") ] -> ()
        | l -> fail "closing the NOOP: %s" (show_results l)

let () =
  let cases = Vectors.read_dir (Vectors.dir ()) in
  case "the vectors are found" (fun () -> is_true "more than 500 cases" (List.length cases > 500));
  List.iter
    (fun (c : Vectors.case) ->
       case (c.name ^ " (" ^ c.origin ^ ")") (fun () -> replay ~bytewise:false c);
       case (c.name ^ " (" ^ c.origin ^ "), byte by byte") (fun () -> replay ~bytewise:true c))
    cases;
  Printf.printf "%d vector cases; events and cases by what happened to them:\n" (List.length cases);
  Hashtbl.fold (fun k v acc -> (k, v) :: acc) counts []
  |> List.sort (fun (a, x) (b, y) -> compare (y, a) (x, b))
  |> List.iter (fun (k, v) -> Printf.printf "%6d  %s\n" v k);
  finish ()
