(* Limits from OCaml (Imap_ext.limits): the defaults are the C ABI's, each
   limit set on a connection is the one the core enforces, and a limit hit
   reaches the caller as the C ABI's error (Imap_ext.last_error). *)

open Check

let mib = 1 lsl 20
let greeting = "* OK ready\r\n"

(* A connection with [limits] that has read [input] (the greeting first);
   [run] results up to the end of [cmd] (Await steps left out), then what
   a further [run] does. *)
let session ?(limits = Imap_ext.default_limits) input cmd =
  let c = Imap_ext.connection ~limits () in
  let out = Bytes.create 4096 in
  Imap.dst c out 0 (Bytes.length out);
  Imap.src c (Bytes.of_string input) 0 (String.length input);
  let rec go acc v =
    match Imap.run c v with
    | `Await_dst ->
        Imap.dst c out 0 (Bytes.length out);
        go acc `Await
    | `Await_src -> List.rev (`Stalled :: acc)
    | (`Ok _ | `Error (`No _ | `Bad _ | `Auth_error _)) as r -> List.rev ((r :> Script.outcome) :: acc)
    | (`Untagged _ | `Error _) as r -> go ((r :> Script.outcome) :: acc) `Await
    | exception e -> List.rev (`Raised (Printexc.to_string e) :: acc)
  in
  (match Imap.run c `Await with
  | `Ok _ -> ()
  | r -> fail "greeting: %s" (Script.show (r :> Script.outcome)));
  let r = go [] (`Cmd cmd) in
  (c, r)

let show_error = function
  | None -> "none"
  | Some (e, msg) ->
      let name =
        match e with
        | `Line_too_long -> "Line_too_long"
        | `Literal_too_large -> "Literal_too_large"
        | `Response_too_large -> "Response_too_large"
        | `Auth -> "Auth"
        | `Unexpected_eof -> "Unexpected_eof"
        | `Eof -> "Eof"
        | _ -> "another error"
      in
      Printf.sprintf "%s %S" name msg

let contains s sub =
  let n = String.length sub in
  let rec at i = i + n <= String.length s && (String.sub s i n = sub || at (i + 1)) in
  at 0

let last_error_is c expected =
  match Imap_ext.last_error c with
  | Some (e, _) when e = expected -> ()
  | got -> fail "last_error: %s" (show_error got)

let fatal_decode_error what r =
  match r with
  | [ `Error (`Decode_error (`Unexpected_string _, _, _)); `Raised _ ] | [ `Error (`Decode_error (`Unexpected_string _, _, _)) ] -> ()
  | r -> fail "%s: %s" what (Script.show_all r)

(* NOOP whose reply carries [untagged] before the tagged OK. *)
let noop_with untagged = greeting ^ untagged ^ "A1 OK done\r\n"

let fetch_literal n = Printf.sprintf "* 1 FETCH (BODY[] {%d}\r\n%s)\r\n" n (String.make n 'x')

let () =
  case "the defaults are the C ABI's (imap_limits_default)" (fun () ->
      let d = Imap_ext.default_limits in
      equal ~show:string_of_int "max_line" (16 * mib) d.max_line;
      equal ~show:string_of_int "max_literal" (256 * mib) d.max_literal;
      equal ~show:string_of_int "max_response" (256 * mib) d.max_response;
      equal ~show:string_of_int "max_depth" 100 d.max_depth;
      equal ~show:string_of_int "max_auth_challenges" 32 d.max_auth_challenges;
      is_true "Imap.connection has them" (Imap_ext.limits (Imap.connection ()) = d));
  case "imap_limits: ctypes' layout is the C compiler's" (fun () ->
      let module T = Imap_core.T in
      let open Ctypes in
      equal ~show:string_of_int "size" (sizeof T.limits) (sizeof Imap_c_limits.t);
      equal ~show:string_of_int "alignment" (alignment T.limits) (alignment Imap_c_limits.t);
      equal
        ~show:(fun l -> String.concat "," (List.map string_of_int l))
        "offsets"
        [
          offsetof T.limits_max_line; offsetof T.limits_max_literal; offsetof T.limits_max_response;
          offsetof T.limits_max_depth; offsetof T.limits_stream_threshold; offsetof T.limits_max_auth_challenges;
        ]
        [
          offsetof Imap_c_limits.max_line; offsetof Imap_c_limits.max_literal; offsetof Imap_c_limits.max_response;
          offsetof Imap_c_limits.max_depth; offsetof Imap_c_limits.stream_threshold;
          offsetof Imap_c_limits.max_auth_challenges;
        ]);
  case "a connection keeps the limits it was made with; no error yet" (fun () ->
      let limits = { Imap_ext.default_limits with max_literal = 10; max_depth = 7 } in
      let c = Imap_ext.connection ~limits () in
      is_true "limits" (Imap_ext.limits c = limits);
      is_true "last_error" (Imap_ext.last_error c = None));
  case "max_literal: a literal one byte over is refused, fatal, as LITERAL_TOO_LARGE" (fun () ->
      let limits = { Imap_ext.default_limits with max_literal = 10 } in
      let c, r = session ~limits (noop_with (fetch_literal 11)) Imap.noop in
      fatal_decode_error "11 bytes" r;
      last_error_is c `Literal_too_large;
      (match Imap_ext.last_error c with
      | Some (_, msg) -> is_true ("message names the limit: " ^ msg) (contains msg "max_literal")
      | None -> ());
      (match Imap.run c `Await with
      | exception Invalid_argument _ -> ()
      | _ -> fail "the connection is still usable after a fatal error");
      let _, r = session ~limits (noop_with (fetch_literal 10)) Imap.noop in
      match r with
      | [ `Untagged (`Fetch (_, [ `Body_section (`All, None, Some body) ])); `Ok _ ] when body = String.make 10 'x' -> ()
      | r -> fail "10 bytes: %s" (Script.show_all r));
  case "max_line: a longer line is refused, fatal, as LINE_TOO_LONG" (fun () ->
      let limits = { Imap_ext.default_limits with max_line = 40 } in
      let line = "* OK " ^ String.make 60 'a' ^ "\r\n" in
      let c, r = session ~limits (noop_with line) Imap.noop in
      fatal_decode_error "long line" r;
      last_error_is c `Line_too_long;
      let _, r = session (noop_with line) Imap.noop in
      match r with
      | [ `Untagged (`Ok _); `Ok _ ] -> ()
      | r -> fail "default limits: %s" (Script.show_all r));
  case "max_response: a larger response is refused, fatal, as RESPONSE_TOO_LARGE" (fun () ->
      let limits = { Imap_ext.default_limits with max_response = 100 } in
      let c, r = session ~limits (noop_with (fetch_literal 200)) Imap.noop in
      fatal_decode_error "200-byte literal" r;
      last_error_is c `Response_too_large);
  case "max_depth: a deeper response is skipped as malformed, not fatal" (fun () ->
      let deep = "* 1 FETCH (UID 7 BODYSTRUCTURE (((((\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1) \"mixed\") \"mixed\") \"mixed\") \"mixed\"))\r\n" in
      let limits = { Imap_ext.default_limits with max_depth = 3 } in
      let _, r = session ~limits (noop_with deep) Imap.noop in
      (match r with
      | [ `Error (`Decode_error (`Unexpected_char _, raw, _)); `Ok _ ] when raw = deep -> ()
      | r -> fail "depth 3: %s" (Script.show_all r));
      let _, r = session (noop_with deep) Imap.noop in
      match r with
      | [ `Untagged (`Fetch (_, [ `Uid _; `Body_structure (`Multiple _) ])); `Ok _ ] -> ()
      | r -> fail "default depth: %s" (Script.show_all r));
  case "max_auth_challenges: one challenge too many cancels, as AUTH (not fatal)" (fun () ->
      let answering = { Imap.name = "X-TEST"; step = (fun _ -> `Ok "answer") } in
      let input = greeting ^ "+ \r\n+ \r\n+ \r\nA1 BAD cancelled\r\nA2 OK done\r\n" in
      let limits = { Imap_ext.default_limits with max_auth_challenges = 2 } in
      let c, r = session ~limits input (Imap.authenticate answering) in
      (match r with
      | [ `Error (`Auth_error _) ] -> ()
      | r -> fail "2 answers: %s" (Script.show_all r));
      last_error_is c `Auth;
      let c, r = session ~limits:{ limits with max_auth_challenges = 3 } input (Imap.authenticate answering) in
      (match r with
      | [ `Error (`Bad _) ] -> ()
      | r -> fail "3 answers: %s" (Script.show_all r));
      is_true "no core error" (Imap_ext.last_error c = None));
  case "limits out of range raise Invalid_argument" (fun () ->
      let bad l = match Imap_ext.connection ~limits:l () with exception Invalid_argument _ -> () | _ -> fail "accepted" in
      bad { Imap_ext.default_limits with max_line = -1 };
      bad { Imap_ext.default_limits with max_depth = 0x1_0000_0000 };
      bad { Imap_ext.default_limits with max_auth_challenges = -5 });
  finish ()
