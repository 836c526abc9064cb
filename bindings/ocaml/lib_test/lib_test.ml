let () = print_endline "start"
let out = Buffer.create 256

(* Runs [c] with [action] until it returns something other than
   [`Await_dst]/[`Await_src]; input comes from [input] (consumed). *)
let rec until c input action =
  match Imap.run c action with
  | `Await_dst ->
      let buf = Bytes.create 65536 in
      Buffer.add_subbytes out buf 0 0;
      ignore buf;
      until c input `Await
  | `Await_src -> (
      match !input with
      | [] -> `Await_src
      | s :: rest ->
          input := rest;
          Imap.src c (Bytes.of_string s) 0 (String.length s);
          until c input `Await)
  | r -> r

let show = function
  | `Untagged u -> Format.asprintf "%a" Imap.pp_response u
  | `Ok (code, t) -> Format.asprintf "ok %a %S" Imap.pp_code code t
  | `Error e -> Format.asprintf "error %a" Imap.pp_error e
  | `Await_src -> "await_src"
  | `Await_dst -> "await_dst"

let () =
  let c = Imap.connection () in
  let buf = Bytes.create 65536 in
  Imap.dst c buf 0 (Bytes.length buf);
  let input = ref [ "* OK [CAPABILITY IMAP4rev1 IDLE] hi\r\n" ] in
  print_endline (show (until c input `Await));
  input := [ "* 1 FETCH (UID 5 FLAGS (\\Seen \\Recent) ENVELOPE (\"d\" \"s\" ((\"A\" NIL \"a\" \"x\")(\"B\" NIL \"b\" \"y\")) NIL NIL NIL NIL NIL NIL \"<m>\") BODY[1] {3}\r\nabc INTERNALDATE \" 7-Jul-1996 02:44:25 -0700\")\r\n* LIST (\\HasNoChildren) \"/\" \"a&-b\"\r\n* NAMESPACE ((\"\" \"/\")) NIL NIL\r\nA1 OK done\r\n" ];
  let r = Imap.run c (`Cmd (Imap.fetch [ (Uint32.one, None) ] [ `Uid ])) in
  print_endline (show r);
  Printf.printf "sent %S\n" (Bytes.sub_string buf 0 (Bytes.length buf - Imap.dst_rem c));
  let rec loop () =
    match until c input `Await with
    | `Ok _ as r -> print_endline (show r)
    | r -> print_endline (show r); loop ()
  in
  loop ();
  List.iter (fun p -> match p with
    | `Untagged (`Namespace _) -> print_endline "passed over: namespace"
    | _ -> print_endline "passed over: other") (Imap_ext.passed_over c)
