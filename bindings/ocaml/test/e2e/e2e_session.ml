(* e2e_session: a session through Imap.run against real servers on
   loopback, in cleartext (the test servers allow LOGIN there): login,
   select, append, search, fetch envelope and body, store, IDLE stopped by a
   message another connection delivers, logout. Servers come from the
   environment, as scripts/e2e exports them: IMAP_E2E_DOVECOT and
   IMAP_E2E_CYRUS (host:port of the plain port; either may be missing),
   IMAP_E2E_USER and IMAP_E2E_PASS. Run by bindings/ocaml/run-tests, which
   starts and stops the servers. Exits non-zero when any step failed. *)

let timeout = 30.0

exception Step_failed of string

let fail fmt = Printf.ksprintf (fun s -> raise (Step_failed s)) fmt

type client = { fd : Unix.file_descr; c : Imap.connection; i : Bytes.t; o : Bytes.t }

let show r = Format.asprintf "%a" Imap.pp_response r

(* Writes out what the connection has put in [o]. *)
let flush cl =
  let n = Bytes.length cl.o - Imap.dst_rem cl.c in
  let rec write off = if off < n then write (off + Unix.write cl.fd cl.o off (n - off)) in
  write 0;
  Imap.dst cl.c cl.o 0 (Bytes.length cl.o)

(* Reads once from the server into the connection; returns what was read. *)
let read cl =
  let n = Unix.read cl.fd cl.i 0 (Bytes.length cl.i) in
  if n = 0 then fail "the server closed the connection";
  Imap.src cl.c cl.i 0 n;
  Bytes.sub_string cl.i 0 n

(* Runs [v] until its end: the untagged responses and the tagged OK's
   code, or a failure on anything else. [on_read] sees every chunk read. *)
let run ?(on_untagged = ignore) ?(on_read = ignore) cl what v =
  let rec loop acc = function
    | `Await_dst ->
      flush cl;
      loop acc (Imap.run cl.c `Await)
    | `Await_src ->
      on_read (read cl);
      loop acc (Imap.run cl.c `Await)
    | `Untagged u ->
      on_untagged u;
      loop (u :: acc) (Imap.run cl.c `Await)
    | `Ok (code, _) -> (List.rev acc, code)
    | `Error e -> fail "%s: %s" what (Format.asprintf "%a" Imap.pp_error e)
  in
  loop [] (Imap.run cl.c v)

let connect addr =
  let host, port =
    match String.rindex_opt addr ':' with
    | Some k -> (String.sub addr 0 k, int_of_string (String.sub addr (k + 1) (String.length addr - k - 1)))
    | None -> fail "bad address %S (host:port)" addr
  in
  let fd = Unix.socket Unix.PF_INET Unix.SOCK_STREAM 0 in
  Unix.setsockopt_float fd Unix.SO_RCVTIMEO timeout;
  Unix.connect fd (Unix.ADDR_INET (Unix.inet_addr_of_string host, port));
  let cl = { fd; c = Imap.connection (); i = Bytes.create 65536; o = Bytes.create 65536 } in
  Imap.dst cl.c cl.o 0 (Bytes.length cl.o);
  ignore (run cl "greeting" `Await);
  cl

let message ~subject ~id =
  Printf.sprintf
    "From: Ada Lovelace <ada@example.org>\r\nTo: alice@example.org\r\nSubject: %s\r\nMessage-ID: <%s@example.org>\r\n\
     \r\nThe analytical engine weaves algebraic patterns.\r\n"
    subject id

let session server addr user pass =
  let step name f =
    f ();
    Printf.printf "ok %s: %s\n%!" server name
  in
  let stamp = Printf.sprintf "%d.%.0f" (Unix.getpid ()) (Unix.gettimeofday () *. 1000.) in
  let subject = "OCaml session " ^ stamp in
  let msg = message ~subject ~id:stamp in
  let a = connect addr in
  let exists = ref 0 and uid = ref Uint32.zero in
  step "login" (fun () -> ignore (run a "LOGIN" (`Cmd (Imap.login user pass))));
  step "select" (fun () ->
      let untagged, code = run a "SELECT" (`Cmd (Imap.select "INBOX")) in
      List.iter (function `Exists n -> exists := n | _ -> ()) untagged;
      if code <> `Read_write then fail "SELECT: code %s, not READ-WRITE" (show (`Ok (code, ""))));
  step "append" (fun () ->
      match run a "APPEND" (`Cmd (Imap.append "INBOX" ~flags:[ `Seen ] msg)) with
      | _, `Append_uid (_, u) -> uid := u
      | _, code -> fail "APPEND: no APPENDUID but %s" (show (`Ok (code, ""))));
  step "search" (fun () ->
      let untagged, _ = run a "SEARCH" (`Cmd (Imap.search (`Subject stamp))) in
      match List.filter_map (function `Search (l, _) -> Some l | _ -> None) untagged with
      | [ [ u ] ] when u = !uid -> ()
      | _ -> fail "SEARCH: %s, expected UID %s" (String.concat "; " (List.map show untagged)) (Uint32.to_string !uid));
  step "fetch envelope, body structure and body" (fun () ->
      let untagged, _ =
        run a "FETCH"
          (`Cmd
             (Imap.fetch [ (!uid, Some !uid) ] [ `Uid; `Flags; `Envelope; `Body_structure; `Body_section (`Peek, `All, None) ]))
      in
      let items = List.concat_map (function `Fetch (_, l) -> l | _ -> []) untagged in
      let envelope = List.find_map (function `Envelope e -> Some e | _ -> None) items in
      let from = { Imap.ad_name = "Ada Lovelace"; ad_adl = ""; ad_mailbox = "ada"; ad_host = "example.org" } in
      (match envelope with
       | Some e when e.Imap.env_subject = subject && e.env_from = [ from ] && e.env_message_id = "<" ^ stamp ^ "@example.org>" -> ()
       | _ -> fail "FETCH: envelope %s" (String.concat "; " (List.map show untagged)));
      if not (List.mem (`Body_section (`All, None, Some msg)) items) then fail "FETCH: BODY[] is not the message appended";
      (match List.find_map (function `Body_structure m -> Some m | _ -> None) items with
       | Some (`Text (sub, f, _)) when String.uppercase_ascii sub = "PLAIN" && f.Imap.fld_octets = 50 -> ()
       | _ -> fail "FETCH: BODYSTRUCTURE %s" (String.concat "; " (List.map show untagged)));
      if not (List.exists (function `Flags f -> List.mem `Seen f | _ -> false) items) then fail "FETCH: not \\Seen");
  step "store" (fun () ->
      let untagged, _ = run a "STORE" (`Cmd (Imap.store_add_flags [ (!uid, Some !uid) ] [ `Flagged ])) in
      let flagged = function
        | `Fetch (_, items) -> List.exists (function `Flags f -> List.mem `Flagged f && List.mem `Seen f | _ -> false) items
        | _ -> false
      in
      if not (List.exists flagged untagged) then fail "STORE: %s" (String.concat "; " (List.map show untagged)));
  step "idle stopped by a delivered message" (fun () ->
      let cmd, stop = Imap.idle () in
      let idling = ref false and delivered = ref false and seen = ref [] in
      (* The server's + has been read: deliver from a second connection. *)
      let on_read s =
        if (String.length s > 0 && s.[0] = '+') || Str.string_match (Str.regexp ".*\n\\+") s 0 then idling := true;
        if !idling && not !delivered then begin
          delivered := true;
          let b = connect addr in
          ignore (run b "LOGIN (second connection)" (`Cmd (Imap.login user pass)));
          ignore (run b "APPEND (second connection)" (`Cmd (Imap.append "INBOX" (message ~subject:("second " ^ stamp) ~id:("2." ^ stamp)))));
          ignore (run b "LOGOUT (second connection)" (`Cmd Imap.logout));
          Unix.close b.fd
        end
      in
      let on_untagged u =
        seen := u :: !seen;
        match u with `Exists n when n > !exists + 1 -> Lazy.force stop | _ -> ()
      in
      ignore (run a "IDLE" ~on_read ~on_untagged (`Cmd cmd));
      if not !delivered then fail "IDLE ended before the server's +";
      if not (List.exists (function `Exists n -> n = !exists + 2 | _ -> false) !seen) then
        fail "IDLE: no EXISTS %d in %s" (!exists + 2) (String.concat "; " (List.rev_map show !seen)));
  step "logout" (fun () ->
      let untagged, _ = run a "LOGOUT" (`Cmd Imap.logout) in
      if not (List.exists (function `Bye _ -> true | _ -> false) untagged) then fail "LOGOUT: no BYE");
  Unix.close a.fd

let () =
  let user = Option.value (Sys.getenv_opt "IMAP_E2E_USER") ~default:"alice" in
  let pass = Option.value (Sys.getenv_opt "IMAP_E2E_PASS") ~default:"alicepass" in
  let servers =
    List.filter_map
      (fun (name, var) -> Option.map (fun a -> (name, a)) (Sys.getenv_opt var))
      [ ("dovecot", "IMAP_E2E_DOVECOT"); ("cyrus", "IMAP_E2E_CYRUS") ]
  in
  if servers = [] then (prerr_endline "e2e_session: set IMAP_E2E_DOVECOT and/or IMAP_E2E_CYRUS (host:port)"; exit 2);
  let failures =
    List.filter
      (fun (name, addr) ->
         match session name addr user pass with
         | () -> false
         | exception (Step_failed msg) ->
           Printf.printf "FAIL %s: %s\n%!" name msg;
           true
         | exception e ->
           Printf.printf "FAIL %s: %s\n%!" name (Printexc.to_string e);
           true)
      servers
  in
  exit (if failures = [] then 0 else 1)
