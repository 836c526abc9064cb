(* fetch_summary: prints the sender, subject and size of the last messages
   of a mailbox, like examples/c/fetch_summary.c and
   examples/python/fetch_summary.py, with the imap 1.1.0 interface.

     fetch_summary [-n COUNT] [--insecure] [--cafile FILE] [--no-tls]
                   host port user password [mailbox]

   Logs in over TLS (or in cleartext with --no-tls, for loopback tests),
   EXAMINEs the mailbox (read-only), FETCHes UID, RFC822.SIZE and ENVELOPE
   of the last COUNT messages (default 10) by sequence range, prints one
   line per message and logs out. The server's certificate chain is checked
   against the system's CAs (or --cafile) unless --insecure; ocaml-ssl 0.5
   offers no host name check. Subjects and names are printed as sent. *)

type options = {
  mutable count : int;
  mutable insecure : bool;
  mutable cafile : string option;
  mutable tls : bool;
  mutable args : string list;
}

(* A connected socket: read and write as Unix.read/Unix.write. *)
type transport = { read : bytes -> int -> int -> int; write : bytes -> int -> int -> int }

let connect o host port =
  let fd = Unix.socket Unix.PF_INET Unix.SOCK_STREAM 0 in
  let he = Unix.gethostbyname host in
  Unix.connect fd (Unix.ADDR_INET (he.Unix.h_addr_list.(0), port));
  if not o.tls then { read = Unix.read fd; write = Unix.write fd }
  else begin
    Ssl.init ();
    let ctx = Ssl.create_context Ssl.SSLv23 Ssl.Client_context in
    if not o.insecure then begin
      (match o.cafile with
       | Some file -> Ssl.load_verify_locations ctx file ""
       | None -> ignore (Ssl.set_default_verify_paths ctx));
      Ssl.set_client_verify_callback_verbose false;
      Ssl.set_verify ctx [ Ssl.Verify_peer ] (Some Ssl.client_verify_callback)
    end;
    let sock = Ssl.embed_socket fd ctx in
    Ssl.connect sock;
    { read = Ssl.read sock; write = Ssl.write sock }
  end

exception Imap_failed of string

(* [command t c i o v on_untagged] runs [v] to its end, handing each untagged
   response to [on_untagged], and fails on anything but a tagged OK. *)
let command t c i o v on_untagged =
  let rec loop = function
    | `Await_src ->
      let n = t.read i 0 (Bytes.length i) in
      if n = 0 then raise (Imap_failed "the server closed the connection");
      Imap.src c i 0 n;
      loop (Imap.run c `Await)
    | `Await_dst ->
      let n = Bytes.length o - Imap.dst_rem c in
      let rec write off = if off < n then write (off + t.write o off (n - off)) in
      write 0;
      Imap.dst c o 0 (Bytes.length o);
      loop (Imap.run c `Await)
    | `Untagged u ->
      on_untagged u;
      loop (Imap.run c `Await)
    | `Ok _ -> ()
    | `Error e -> raise (Imap_failed (Format.asprintf "%a" Imap.pp_error e))
  in
  loop (Imap.run c v)

(* Control bytes and backslashes escaped, as the C example prints them. *)
let printable s =
  let b = Buffer.create (String.length s) in
  String.iter
    (function
      | '\\' -> Buffer.add_string b "\\\\"
      | c when Char.code c < 0x20 || c = '\x7f' -> Printf.bprintf b "\\x%02x" (Char.code c)
      | c -> Buffer.add_char b c)
    s;
  Buffer.contents b

let address (a : Imap.address) =
  (if a.ad_name <> "" then Printf.sprintf "\"%s\" " (printable a.ad_name) else "")
  ^ Printf.sprintf "<%s%s>" (printable a.ad_mailbox) (if a.ad_host = "" then "" else "@" ^ printable a.ad_host)

let print_message seq items =
  let uid = ref Uint32.zero and size = ref 0 and envelope = ref None in
  List.iter
    (function
      | `Uid u -> uid := u
      | `Rfc822_size n -> size := n
      | `Envelope e -> envelope := Some e
      | _ -> ())
    items;
  match !envelope with
  | None -> () (* e.g. an unsolicited FLAGS update *)
  | Some e ->
    Printf.printf "%5s  UID %-6s %8d bytes  From: %s  Subject: %s\n" (Uint32.to_string seq) (Uint32.to_string !uid)
      !size
      (match e.Imap.env_from with a :: _ -> address a | [] -> "(nobody)")
      (if e.env_subject = "" then "(none)" else printable e.env_subject)

let summary o host port user password mailbox =
  let t = connect o host port in
  let c = Imap.connection () in
  let i = Bytes.create 65536 and o' = Bytes.create 65536 in
  Imap.dst c o' 0 (Bytes.length o');
  let run v f = command t c i o' v f in
  run `Await ignore;
  run (`Cmd (Imap.login user password)) ignore;
  let exists = ref 0 in
  run (`Cmd (Imap.examine mailbox)) (function `Exists n -> exists := n | _ -> ());
  Printf.printf "%s: %d message%s\n%!" mailbox !exists (if !exists = 1 then "" else "s");
  if !exists > 0 then begin
    let first = max 1 (!exists - o.count + 1) in
    let set = [ (Uint32.of_int first, Some (Uint32.of_int !exists)) ] in
    run
      (`Cmd (Imap.fetch ~uid:false set [ `Uid; `Rfc822_size; `Envelope ]))
      (function `Fetch (seq, items) -> print_message seq items | _ -> ())
  end;
  run (`Cmd Imap.logout) ignore

let () =
  let o = { count = 10; insecure = false; cafile = None; tls = true; args = [] } in
  let usage = "fetch_summary [-n COUNT] [--insecure] [--cafile FILE] [--no-tls] host port user password [mailbox]" in
  Arg.parse
    [ ("-n", Arg.Int (fun n -> o.count <- n), "COUNT how many messages (default 10)");
      ("--insecure", Arg.Unit (fun () -> o.insecure <- true), " do not verify the server's certificate");
      ("--cafile", Arg.String (fun f -> o.cafile <- Some f), "FILE trust this CA certificate file (PEM)");
      ("--no-tls", Arg.Unit (fun () -> o.tls <- false), " cleartext (for tests on loopback only)") ]
    (fun a -> o.args <- o.args @ [ a ])
    usage;
  let host, port, user, password, mailbox =
    match o.args with
    | [ h; p; u; pw ] -> (h, p, u, pw, "INBOX")
    | [ h; p; u; pw; m ] -> (h, p, u, pw, m)
    | _ ->
      prerr_endline ("usage: " ^ usage);
      exit 2
  in
  match int_of_string_opt port with
  | None | Some 0 ->
    prerr_endline ("error: bad port " ^ port);
    exit 2
  | Some _ when o.count <= 0 ->
    prerr_endline "error: -n wants a positive count";
    exit 2
  | Some port -> (
      try summary o host port user password mailbox with
      | Imap_failed msg ->
        Printf.eprintf "error: IMAP: %s\n" msg;
        exit 1
      | Unix.Unix_error (e, _, _) ->
        Printf.eprintf "error: cannot talk to %s:%d: %s\n" host port (Unix.error_message e);
        exit 1
      | (Ssl.Connection_error _ | Ssl.Read_error _ | Ssl.Write_error _) as e ->
        Printf.eprintf "error: TLS with %s:%d failed: %s\n" host port (Printexc.to_string e);
        exit 1)
