(* The parts of imap 1.1.0's behaviour that programs rely on and that the
   binding keeps (API.md, "Observed behaviour"): the run protocol and its
   exceptions, output in the caller's buffer, fatal and non-fatal errors,
   IDLE, SASL, the commands' wire forms, and the printers' words. *)

open Check

let u32 = Uint32.of_int
let u64 = Uint64.of_int
let greeted = `Ok (`None, "ready")

let fresh = Script.manual
let feed = Script.feed
let out = Script.output
let step = Script.step
let show r = Script.show (r :> Script.outcome)

let greet t =
  feed t "* OK ready\r\n";
  step t "greeting" greeted `Await

(* Runs [v] to the end, writing output and feeding nothing: the input must
   already be there. Returns what run returned (Await steps left out; a
   fatal error ends the list with what the next run did) and the bytes
   written. *)
let until_end (t : Script.manual) v =
  let written = Buffer.create 64 in
  let rec go acc v =
    match Imap.run t.c v with
    | `Await_dst ->
      Buffer.add_string written (out t);
      go acc `Await
    | `Await_src -> List.rev (`Stalled :: acc)
    | (`Ok _ | `Error (`No _ | `Bad _)) as r -> List.rev ((r :> Script.outcome) :: acc)
    | (`Untagged _ | `Error _) as r -> go ((r :> Script.outcome) :: acc) `Await
    | exception e -> List.rev (`Raised (Printexc.to_string e) :: acc)
  in
  let r = go [] v in
  (r, Buffer.contents written)

let raises_invalid what expected f =
  match f () with
  | exception Invalid_argument m when m = expected -> ()
  | exception e -> fail "%s: raised %s, not Invalid_argument %S" what (Printexc.to_string e) expected
  | _ -> fail "%s: no Invalid_argument %S" what expected

let sent_by ?(server = "A1 OK done\r\n") name cmd expected =
  case ("wire form: " ^ name) (fun () ->
      let r = Script.converse ~chunks:[ "* OK ready\r\n" ^ server ] [ cmd ] in
      equal ~show:String.escaped "sent" expected r.sent;
      equal ~show:Script.show_all "outcomes" [ greeted; `Ok (`None, "done") ] r.outcomes)

let () =
  case "greeting first; a command before it raises" (fun () ->
      let t = fresh () in
      raises_invalid "Cmd before the greeting" "can't send command now, try `Await" (fun () -> Imap.run t.c (`Cmd Imap.noop));
      step t "no input yet" `Await_src `Await;
      greet t;
      step t "nothing running" (`Ok (`None, "")) `Await);
  case "a command while another runs raises; a tagged NO leaves the connection usable" (fun () ->
      let t = fresh () in
      greet t;
      step t "NOOP" `Await_dst (`Cmd Imap.noop);
      equal ~show:String.escaped "NOOP line" "A1 NOOP\r\n" (out t);
      raises_invalid "Cmd while NOOP runs" "can't send command now, try `Await" (fun () -> Imap.run t.c (`Cmd Imap.noop));
      feed t "A1 NO [ALERT] not now\r\n";
      step t "tagged NO" (`Error (`No (`Alert, "not now"))) `Await;
      step t "idle again" (`Ok (`None, "")) `Await;
      step t "next command" `Await_dst (`Cmd Imap.check);
      equal ~show:String.escaped "CHECK line" "A2 CHECK\r\n" (out t));
  case "a 7-byte output buffer gets the command in 7-byte pieces" (fun () ->
      let t = fresh ~size:7 () in
      greet t;
      let rec pieces acc v =
        match Imap.run t.c v with
        | `Await_dst -> pieces (out t :: acc) `Await
        | `Await_src -> List.rev acc
        | r -> fail "unexpected %s" (show r)
      in
      equal ~show:(String.concat "|") "pieces" [ "A1 LOGI"; "N someo"; "ne secr"; "et\r\n" ]
        (pieces [] (`Cmd (Imap.login "someone" "secret"))));
  case "without an output buffer, the first step is `Await_dst with nothing written" (fun () ->
      let c = Imap.connection () in
      Imap.src c (Bytes.of_string "* OK ready\r\n") 0 12;
      step { Script.c; o = Bytes.empty } "greeting" greeted `Await;
      step { Script.c; o = Bytes.empty } "NOOP" `Await_dst (`Cmd Imap.noop);
      equal ~show:string_of_int "dst_rem" 0 (Imap.dst_rem c);
      let o = Bytes.create 64 in
      Imap.dst c o 0 64;
      step { Script.c; o } "NOOP written" `Await_dst `Await;
      equal ~show:String.escaped "NOOP line" "A1 NOOP\r\n" (Bytes.sub_string o 0 (64 - Imap.dst_rem c)));
  case "src and dst check their bounds" (fun () ->
      let t = fresh () in
      raises_invalid "src" "bounds" (fun () -> Imap.src t.c (Bytes.create 8) 5 10);
      raises_invalid "src, negative offset" "bounds" (fun () -> Imap.src t.c (Bytes.create 8) (-1) 2);
      raises_invalid "dst" "bounds" (fun () -> Imap.dst t.c (Bytes.create 8) 0 9));
  case "a BYE greeting is `Bad_greeting, and the connection is dead" (fun () ->
      let t = fresh () in
      feed t "* BYE too busy\r\n";
      step t "greeting" (`Error `Bad_greeting) `Await;
      raises_invalid "after the fatal error" "connection should not be used" (fun () -> Imap.run t.c `Await));
  case "a tagged response with another tag is `Incorrect_tag, fatal" (fun () ->
      let t = fresh () in
      greet t;
      feed t "X9 OK done\r\n";
      match until_end t (`Cmd Imap.noop) with
      | `Error (`Incorrect_tag ("A1", "X9")) :: _, "A1 NOOP\r\n" ->
        raises_invalid "after the fatal error" "connection should not be used" (fun () -> Imap.run t.c `Await)
      | l, sent -> fail "%s, sent %S" (Script.show_all l) sent);
  case "a + outside a literal, IDLE or AUTHENTICATE is `Unexpected_cont, fatal" (fun () ->
      let t = fresh () in
      greet t;
      feed t "+ go ahead\r\n";
      match until_end t (`Cmd Imap.noop) with
      | `Error `Unexpected_cont :: _, "A1 NOOP\r\n" ->
        raises_invalid "after the fatal error" "connection should not be used" (fun () -> Imap.run t.c `Await)
      | l, _ -> fail "%s" (Script.show_all l));
  case "the end of input is a fatal `Unexpected_eoi" (fun () ->
      let t = fresh () in
      greet t;
      step t "NOOP" `Await_dst (`Cmd Imap.noop);
      step t "waiting" `Await_src `Await;
      Imap.src t.c Bytes.empty 0 0;
      (match Imap.run t.c `Await with
       | `Error (`Decode_error (`Unexpected_eoi, _, _)) -> ()
       | r -> fail "after the end of input: %s" (show r));
      raises_invalid "after the fatal error" "connection should not be used" (fun () -> Imap.run t.c `Await));
  case "IDLE stopped before the +: DONE goes out once the + has come" (fun () ->
      let t = fresh () in
      greet t;
      let cmd, stop = Imap.idle () in
      step t "IDLE" `Await_dst (`Cmd cmd);
      equal ~show:String.escaped "IDLE" "A1 IDLE\r\n" (out t);
      Lazy.force stop;
      step t "no + yet" `Await_src `Await;
      feed t "+ idling\r\n";
      step t "DONE after the +" `Await_dst `Await;
      equal ~show:String.escaped "DONE" "DONE\r\n" (out t);
      step t "waiting for the OK" `Await_src `Await;
      feed t "A1 OK done\r\n";
      step t "OK" (`Ok (`None, "done")) `Await);
  case "IDLE ended by the server; forcing stop afterwards sends nothing" (fun () ->
      let t = fresh () in
      greet t;
      let cmd, stop = Imap.idle () in
      feed t "+ idling\r\n* 2 EXISTS\r\nA1 OK timeout\r\nA2 OK noop\r\n";
      (match until_end t (`Cmd cmd) with
       | [ `Untagged (`Exists 2); `Ok (`None, "timeout") ], "A1 IDLE\r\n" -> ()
       | l, sent -> fail "%s, sent %S" (Script.show_all l) sent);
      Lazy.force stop;
      match until_end t (`Cmd Imap.noop) with
      | [ `Ok (`None, "noop") ], "A2 NOOP\r\n" -> ()
      | l, sent -> fail "after the stop: %s, sent %S" (Script.show_all l) sent);
  case "SASL: the step gets the decoded challenge, its answer goes out in base64" (fun () ->
      let t = fresh () in
      greet t;
      let seen = ref [] in
      let auth = { Imap.name = "X-TEST"; step = (fun ch -> seen := ch :: !seen; `Ok ("re:" ^ ch)) } in
      feed t "+ aGVsbG8=\r\n+ \r\nA1 OK welcome\r\n";
      (match until_end t (`Cmd (Imap.authenticate auth)) with
       | [ `Ok (`None, "welcome") ], sent ->
         equal ~show:String.escaped "sent" "A1 AUTHENTICATE X-TEST\r\ncmU6aGVsbG8=\r\ncmU6\r\n" sent
       | l, sent -> fail "%s, sent %S" (Script.show_all l) sent);
      equal ~show:(String.concat "|") "challenges" [ "hello"; "" ] (List.rev !seen));
  case "SASL: a refusing step is `Auth_error, the exchange is cancelled with *" (fun () ->
      let t = fresh () in
      greet t;
      let auth = { Imap.name = "X-TEST"; step = (fun _ -> `Error "no way") } in
      feed t "+ \r\nA1 BAD cancelled\r\n";
      match until_end t (`Cmd (Imap.authenticate auth)) with
      | [ `Error (`Auth_error "no way"); `Error (`Bad (`None, "cancelled")) ], "A1 AUTHENTICATE X-TEST\r\n*\r\n" -> ()
      | l, sent -> fail "%s, sent %S" (Script.show_all l) sent);
  case "SASL: xoauth2's first answer" (fun () ->
      let t = fresh () in
      greet t;
      feed t "+ \r\nA1 OK done\r\n";
      match until_end t (`Cmd (Imap.authenticate (Imap.xoauth2 "u@example.org" "tok"))) with
      | [ `Ok (`None, "done") ], sent ->
        equal ~show:String.escaped "sent" "A1 AUTHENTICATE XOAUTH2\r\ndXNlcj11QGV4YW1wbGUub3JnAWF1dGg9QmVhcmVyIHRvawEB\r\n" sent
      | l, sent -> fail "%s, sent %S" (Script.show_all l) sent);
  case "fetch ~vanished:true without ~changed raises" (fun () ->
      raises_invalid "fetch" "VANISHED requires CHANGEDSINCE" (fun () -> Imap.fetch ~vanished:true [ (u32 1, None) ] [ `Flags ]));
  sent_by "LOGIN" (Imap.login "alice" "secret") "A1 LOGIN alice secret\r\n";
  sent_by "CAPABILITY" Imap.capability "A1 CAPABILITY\r\n";
  sent_by "CREATE" (Imap.create "Archive/2024") "A1 CREATE Archive/2024\r\n";
  sent_by "DELETE" (Imap.delete "Old") "A1 DELETE Old\r\n";
  sent_by "RENAME" (Imap.rename "a" "Entw\xc3\xbcrfe") "A1 RENAME a Entw&APw-rfe\r\n";
  sent_by "LOGOUT" Imap.logout "A1 LOGOUT\r\n";
  sent_by "SUBSCRIBE" (Imap.subscribe "Lists") "A1 SUBSCRIBE Lists\r\n";
  sent_by "UNSUBSCRIBE" (Imap.unsubscribe "Lists") "A1 UNSUBSCRIBE Lists\r\n";
  sent_by "LIST" (Imap.list "*") "A1 LIST \"\" *\r\n";
  sent_by "LSUB with a reference" (Imap.lsub ~ref:"Work" "%") "A1 LSUB Work %\r\n";
  sent_by "STATUS" (Imap.status "INBOX" [ `Messages; `Uid_next; `Highest_modseq ])
    "A1 STATUS INBOX (MESSAGES UIDNEXT HIGHESTMODSEQ)\r\n";
  sent_by "UID COPY" (Imap.copy [ (u32 1, Some (u32 3)); (u32 7, None) ] "Trash") "A1 UID COPY 1:3,7:* Trash\r\n";
  sent_by "COPY" (Imap.copy ~uid:false [ (u32 2, Some (u32 2)) ] "Trash") "A1 COPY 2 Trash\r\n";
  sent_by "CHECK" Imap.check "A1 CHECK\r\n";
  sent_by "CLOSE" Imap.close "A1 CLOSE\r\n";
  sent_by "EXPUNGE" Imap.expunge "A1 EXPUNGE\r\n";
  sent_by "SELECT (CONDSTORE)" (Imap.select ~condstore:true "INBOX") "A1 SELECT INBOX (CONDSTORE)\r\n";
  sent_by "EXAMINE" (Imap.examine "INBOX") "A1 EXAMINE INBOX\r\n";
  sent_by "FETCH one item" (Imap.fetch ~uid:false [ (u32 1, None) ] [ `Flags ]) "A1 FETCH 1:* FLAGS\r\n";
  sent_by "FETCH CHANGEDSINCE VANISHED"
    (Imap.fetch ~changed:(u64 12345) ~vanished:true [ (u32 1, None) ] [ `Uid; `Flags ])
    "A1 UID FETCH 1:* (UID FLAGS) (CHANGEDSINCE 12345 VANISHED)\r\n";
  sent_by "FETCH every item"
    (Imap.fetch [ (u32 5, Some (u32 5)) ]
       [ `Envelope; `Internal_date; `Rfc822_header; `Rfc822_text; `Rfc822_size; `Rfc822; `Body; `Body_structure;
         `Body_section (`Peek, `Header_fields [ "From"; "Subject" ], None);
         `Body_section (`Look, `Header_fields_not [ "X-Spam" ], None);
         `Body_section (`Peek, `Part (1, `Text), Some (0, 1024)) ])
    "A1 UID FETCH 5 (ENVELOPE INTERNALDATE RFC822.HEADER RFC822.TEXT RFC822.SIZE RFC822 BODY BODYSTRUCTURE \
     BODY.PEEK[HEADER.FIELDS (From Subject)] BODY[HEADER.FIELDS.NOT (X-Spam)] BODY.PEEK[1.TEXT]<0.1024>)\r\n";
  sent_by "FETCH FAST" (Imap.fetch_fast [ (u32 1, Some (u32 9)) ]) "A1 UID FETCH 1:9 FAST\r\n";
  sent_by "FETCH ALL" (Imap.fetch_all ~uid:false [ (u32 1, Some (u32 9)) ]) "A1 FETCH 1:9 ALL\r\n";
  sent_by "FETCH FULL" (Imap.fetch_full [ (u32 1, Some (u32 9)) ]) "A1 UID FETCH 1:9 FULL\r\n";
  sent_by "STORE labels"
    (Imap.store_add_labels ~silent:true [ (u32 3, Some (u32 3)) ] [ "Work"; "\\Important" ])
    "A1 UID STORE 3 +X-GM-LABELS.SILENT (Work \\Important)\r\n";
  sent_by "ENABLE" (Imap.enable [ `Condstore; `Qresync; `Other "UTF8=ACCEPT" ]) "A1 ENABLE CONDSTORE QRESYNC UTF8=ACCEPT\r\n";
  sent_by "SEARCH keys"
    (Imap.search ~uid:false
       (`And (`From "ada", `Or (`Larger 1000, `Not (`Header ("X-Mailer", "mutt"))))))
    "A1 SEARCH (FROM ada OR LARGER 1000 NOT HEADER X-Mailer mutt)\r\n";
  sent_by "APPEND with flags" ~server:"+ go\r\nA1 OK done\r\n"
    (Imap.append "Drafts" ~flags:[ `Draft; `Keyword "$Todo" ] "x")
    "A1 APPEND Drafts (\\Draft $Todo) {1}\r\nx\r\n";
  case "pp_error prints 1.1.0's words" (fun () ->
      let p e = Format.asprintf "%a" Imap.pp_error e in
      equal ~show:Fun.id "incorrect tag" "Incorrect tag \"7\", should be \"0\"" (p (`Incorrect_tag ("0", "7")));
      equal ~show:Fun.id "eoi" "Decode error: Unexpected end of input" (p (`Decode_error (`Unexpected_eoi, "", 0)));
      equal ~show:Fun.id "cont" "Unexpected continuation request" (p `Unexpected_cont);
      equal ~show:Fun.id "greeting" "Bad greeting" (p `Bad_greeting);
      equal ~show:Fun.id "auth" "Authentication error: nope" (p (`Auth_error "nope")));
  case "pp_response prints s-expressions" (fun () ->
      let p r = Format.asprintf "%a" Imap.pp_response r in
      equal ~show:Fun.id "exists" "(exists 3)" (p (`Exists 3));
      equal ~show:Fun.id "flags" "(flags answered (keyword \"$X\") (extension \"Y\"))"
        (p (`Flags [ `Answered; `Keyword "$X"; `Extension "Y" ])));
  finish ()
