(* Unit tests of the binding: scripted server input through Imap.run,
   checking the values and the bytes sent. *)

let failures = ref 0

let check name cond =
  if not cond then begin
    incr failures;
    Printf.printf "FAIL: %s\n%!" name
  end

let check_eq name pp expected got =
  if expected <> got then begin
    incr failures;
    Printf.printf "FAIL: %s\n  expected: %s\n  got:      %s\n%!" name (pp expected) (pp got)
  end

let str s = Printf.sprintf "%S" s

(* A connection with a [dst_size]-byte output buffer; [sent] collects what
   it wrote. *)
type session = { c : Imap.connection; buf : bytes; sent : Buffer.t; mutable input : string list }

let session ?(dst_size = 65536) input =
  let s = { c = Imap.connection (); buf = Bytes.create dst_size; sent = Buffer.create 64; input } in
  Imap.dst s.c s.buf 0 dst_size;
  s

(* [run] until a result other than [`Await_dst]/[`Await_src], writing out
   and feeding input; [`Await_src] when the input is used up. *)
let rec step s action =
  match Imap.run s.c action with
  | `Await_dst ->
      Buffer.add_subbytes s.sent s.buf 0 (Bytes.length s.buf - Imap.dst_rem s.c);
      Imap.dst s.c s.buf 0 (Bytes.length s.buf);
      step s `Await
  | `Await_src -> (
      match s.input with
      | [] -> `Await_src
      | x :: rest ->
          s.input <- rest;
          Imap.src s.c (Bytes.of_string x) 0 (String.length x);
          step s `Await)
  | r -> r

(* Every result up to the command's end ([`Ok] or [`Error]). *)
let command s cmd =
  let rec go acc r =
    match r with
    | `Ok _ | `Error _ | `Await_src -> List.rev (r :: acc)
    | r -> go (r :: acc) (step s `Await)
  in
  go [] (step s (`Cmd cmd))

let greet s = ignore (step s `Await)

(* The results after a non-fatal error, to the command's end. *)
let command_rest s =
  let rec go acc =
    match step s `Await with
    | (`Ok _ | `Error _ | `Await_src) as r -> List.rev (r :: acc)
    | r -> go (r :: acc)
  in
  go []

(* Printed on one line. *)
let asprintf fmt =
  let b = Buffer.create 80 in
  let ppf = Format.formatter_of_buffer b in
  Format.pp_set_margin ppf 100_000;
  Format.kfprintf (fun ppf -> Format.pp_print_flush ppf (); Buffer.contents b) ppf fmt

let show = function
  | `Untagged u -> asprintf "%a" Imap.pp_response u
  | `Ok (code, t) -> asprintf "ok %a %S" Imap.pp_code code t
  | `Error e -> asprintf "error %a" Imap.pp_error e
  | `Await_src -> "await_src"
  | `Await_dst -> "await_dst"

let shows l = String.concat "; " (List.map show l)
let greeting = "* OK ready\r\n"

let untagged_of input =
  let s = session [ greeting; input ^ "A1 OK done\r\n" ] in
  greet s;
  List.filter_map (function `Untagged u -> Some u | _ -> None) (command s Imap.noop)

let fetch_of input =
  match untagged_of input with
  | [ `Fetch (_, items) ] -> items
  | l -> failwith ("not one FETCH: " ^ shows (List.map (fun u -> `Untagged u) l))

(* {1 Greeting} *)

let () =
  let s = session [ "* OK [CAPABILITY IMAP4rev1 STARTTLS ACL AUTH=PLAIN AUTH=XOAUTH2 X-GM-EXT-1] hi\r\n" ] in
  check_eq "greeting with capabilities" str
    "ok (capability (other \"IMAP4rev1\") start-tls acl auth-plain (other \"AUTH=XOAUTH2\") gmail) \"hi\""
    (show (step s `Await));
  check_eq "idle connection: Await gives Ok None" str "ok none \"\"" (show (step s `Await))

(* Q12: PREAUTH greeting accepted. *)
let () =
  let s = session [ "* PREAUTH [CAPABILITY IMAP4rev1] logged in\r\n" ] in
  check_eq "PREAUTH greeting" str "(preauth (capability (other \"IMAP4rev1\")) \"logged in\")"
    (show (step s `Await));
  check_eq "then Ok" str "ok (capability (other \"IMAP4rev1\")) \"logged in\"" (show (step s `Await));
  check_eq "then a command runs" str "A1 NOOP\r\n"
    (ignore (step s (`Cmd Imap.noop)); Buffer.contents s.sent)

let () =
  let s = session [ "* BYE go away\r\n" ] in
  check_eq "BYE greeting" str "error Bad greeting" (show (step s `Await));
  check "dead after a fatal error"
    (match Imap.run s.c `Await with _ -> false | exception Invalid_argument m -> m = "connection should not be used")

(* {1 The run protocol and its exceptions} *)

let () =
  let s = session [] in
  check "Cmd before the greeting raises"
    (match Imap.run s.c (`Cmd Imap.noop) with
    | _ -> false
    | exception Invalid_argument m -> m = "can't send command now, try `Await");
  check "src bounds" (match Imap.src s.c (Bytes.create 4) 2 3 with _ -> false | exception Invalid_argument m -> m = "bounds");
  check "dst bounds" (match Imap.dst s.c (Bytes.create 4) (-1) 2 with _ -> false | exception Invalid_argument m -> m = "bounds");
  let s = session [ greeting ] in
  greet s;
  ignore (step s (`Cmd Imap.noop));
  check "Cmd while a command runs raises"
    (match Imap.run s.c (`Cmd Imap.noop) with
    | _ -> false
    | exception Invalid_argument m -> m = "can't send command now, try `Await")

(* Output through a 7-byte buffer: the same bytes, in chunks. *)
let () =
  let s = session ~dst_size:7 [ greeting; "A1 OK done\r\n" ] in
  greet s;
  check_eq "login result" str "ok none \"done\"" (shows (command s (Imap.login "someone" "secret")));
  check_eq "login through 7 bytes" str "A1 LOGIN someone secret\r\n" (Buffer.contents s.sent)

(* No dst buffer at all: Await_dst with nothing written, until one is given. *)
let () =
  let c = Imap.connection () in
  let g = Bytes.of_string greeting in
  Imap.src c g 0 (Bytes.length g);
  ignore (Imap.run c `Await);
  check "Await_dst without a buffer" (Imap.run c (`Cmd Imap.noop) = `Await_dst && Imap.dst_rem c = 0);
  let buf = Bytes.create 100 in
  Imap.dst c buf 0 100;
  check "then writes" (Imap.run c `Await = `Await_dst && Bytes.sub_string buf 0 (100 - Imap.dst_rem c) = "A1 NOOP\r\n")

(* Tagged NO is not fatal. *)
let () =
  let s = session [ greeting; "A1 NO [TRYCREATE] no such mailbox\r\nA2 OK fine\r\n" ] in
  greet s;
  check_eq "tagged NO" str "error NO: try-create \"no such mailbox\"" (shows (command s (Imap.select "x")));
  check_eq "next command" str "ok none \"fine\"" (shows (command s Imap.noop))

(* {1 Decoding: the 1.1.0 bugs} *)

(* Q1, Q2: BODY[...] and pure part numbers. *)
let () =
  match fetch_of "* 1 FETCH (BODY[1] {3}\r\nabc BODY[1.2.MIME] \"m\" BODY[HEADER.FIELDS (A B)]<10> NIL BODY[] \"\")\r\n" with
  | [ `Body_section (`Part (1, `All), None, Some "abc");
      `Body_section (`Part (1, `Part (2, `Mime)), None, Some "m");
      `Body_section (`Header_fields [ "A"; "B" ], Some 10, None);
      `Body_section (`All, None, Some "") ] -> ()
  | l -> check_eq "BODY sections" str "" (shows [ `Untagged (`Fetch (Uint32.one, l)) ])

(* Q3: envelope address lists without spaces; Q6: UTF-8 in quoted strings;
   escaped quoted strings. *)
let () =
  match
    fetch_of
      "* 2 FETCH (ENVELOPE (\"Mon, 7 Feb 1994\" \"Gr\xc3\xbc\xc3\x9fe \\\"q\\\" \\\\\" ((\"A\" NIL \"a\" \"x.org\")(NIL NIL \"b\" \"y.org\")) NIL NIL ((NIL NIL \"c\" \"z\")) NIL NIL NIL \"<id@x>\"))\r\n"
  with
  | [ `Envelope e ] ->
      check_eq "subject: UTF-8 and escapes" str "Gr\xc3\xbc\xc3\x9fe \"q\" \\" e.Imap.env_subject;
      check_eq "two from addresses" string_of_int 2 (List.length e.Imap.env_from);
      check_eq "second address" str "b@y.org"
        (let a = List.nth e.Imap.env_from 1 in a.Imap.ad_mailbox ^ "@" ^ a.Imap.ad_host);
      check_eq "NIL name is empty" str "" (List.nth e.Imap.env_from 1).Imap.ad_name;
      check_eq "NIL list is []" string_of_int 0 (List.length e.Imap.env_sender);
      check_eq "to" str "c" (List.hd e.Imap.env_to).Imap.ad_mailbox;
      check_eq "in-reply-to NIL" str "" e.Imap.env_in_reply_to;
      check_eq "message-id" str "<id@x>" e.Imap.env_message_id
  | l -> check_eq "envelope" str "" (shows [ `Untagged (`Fetch (Uint32.one, l)) ])

(* Q4: space-padded INTERNALDATE; 0-based month; signed hhmm zone. *)
let () =
  match fetch_of "* 3 FETCH (INTERNALDATE \" 7-Jul-1996 02:44:25 -0700\")\r\n* 4 FETCH (INTERNALDATE \"17-Dec-2020 23:05:00 +0530\")\r\n" with
  | exception Failure _ -> (
      match untagged_of "* 3 FETCH (INTERNALDATE \" 7-Jul-1996 02:44:25 -0700\")\r\n* 4 FETCH (INTERNALDATE \"17-Dec-2020 23:05:00 +0530\")\r\n" with
      | [ `Fetch (_, [ `Internal_date (d1, t1) ]); `Fetch (_, [ `Internal_date (d2, t2) ]) ] ->
          check "date 1" (d1 = { Imap.day = 7; month = 6; year = 1996 });
          check "time 1" (t1 = { Imap.hours = 2; minutes = 44; seconds = 25; zone = -700 });
          check "date 2" (d2 = { Imap.day = 17; month = 11; year = 2020 });
          check "time 2" (t2.Imap.zone = 530 && t2.Imap.hours = 23)
      | l -> check_eq "internal dates" str "" (shows (List.map (fun u -> `Untagged u) l)))
  | _ -> check "two FETCH responses" false

(* Q7: unquoted system labels. *)
let () =
  match fetch_of "* 5 FETCH (X-GM-LABELS (\\Inbox \\Important \"Work\" Home) X-GM-MSGID 1278455344230334865)\r\n" with
  | [ `Gm_labels l; `Gm_msgid id ] ->
      check_eq "labels" (String.concat ",") [ "\\Inbox"; "\\Important"; "Work"; "Home" ] l;
      check "gm msgid" (id = Uint64.of_string "1278455344230334865")
  | l -> check_eq "labels" str "" (shows [ `Untagged (`Fetch (Uint32.one, l)) ])

(* Q13: &- decodes to &; Q14: every capability with a constructor. *)
let () =
  match
    untagged_of
      "* LIST (\\HasNoChildren \\Sent \\NonExistent \\Foo) \"/\" \"Sent &AOQ-&- Mail\"\r\n* LSUB () NIL a&-b\r\n* CAPABILITY IMAP4rev1 ACL CHILDREN STARTTLS BINARY AUTH=ANONYMOUS AUTH=LOGIN QUOTE\r\n"
  with
  | [ `List (flags, Some '/', name); `Lsub ([], None, name2); `Capability caps ] ->
      check_eq "MUTF-7 name" str "Sent \xc3\xa4& Mail" name;
      check_eq "&- alone" str "a&b" name2;
      check "list flags" (flags = [ `HasNoChildren; `Sent; `Extension "NonExistent"; `Extension "Foo" ]);
      check "capabilities"
        (caps = [ `Other "IMAP4rev1"; `Acl; `Children; `Start_tls; `Binary; `Auth `Anonymous; `Auth `Login; `Quote ])
  | l -> check_eq "list" str "" (shows (List.map (fun u -> `Untagged u) l))

(* Q5: unknown responses, FETCH items and STATUS items are not fatal, and
   reach Imap_ext. *)
let () =
  let s =
    session
      [ greeting;
        "* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n* 1 FETCH (UID 7 EMAILID (M1) SAVEDATE NIL)\r\n* STATUS INBOX (MESSAGES 3 SIZE 1000 UIDNEXT 9)\r\n* ESEARCH (TAG \"A1\") UID COUNT 3\r\n* XYZZY foo bar\r\nA1 OK done\r\n" ]
  in
  greet s;
  check_eq "kept" str
    "(fetch 1 (uid 7)); (status \"INBOX\" (messages 3) (uid-next 9)); ok none \"done\""
    (shows (command s Imap.noop));
  (match Imap_ext.passed_over s.c with
  | [ `Untagged (`Namespace (Some [ ("", Some '/') ], None, None));
      `Fetch_items (seq, [ `Email_id "M1"; `Save_date None ]);
      `Status_items ("INBOX", [ `Size size ]);
      `Untagged (`Esearch (Some "A1", true, [ `Count n ]));
      `Untagged (`Other (None, "XYZZY", "foo bar")) ] ->
      check "fetch seq" (seq = Uint32.of_int 1);
      check "size" (size = Uint64.of_int 1000);
      check "count" (n = Uint64.of_int 3)
  | l -> check_eq "passed over" string_of_int 5 (List.length l));
  check "passed over is drained" (Imap_ext.passed_over s.c = [])

(* BODYSTRUCTURE extension data goes to Imap_ext, by part number. *)
let () =
  let s =
    session
      [ greeting;
        "* 1 FETCH (BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"UTF-8\") NIL NIL \"7BIT\" 10 1 NIL NIL (\"EN\") NIL)(\"APPLICATION\" \"PDF\" (\"NAME\" \"a.pdf\") NIL NIL \"BASE64\" 400 \"md5sum\" (\"ATTACHMENT\" (\"FILENAME\" \"a.pdf\")) NIL \"http://x\") \"MIXED\" (\"BOUNDARY\" \"b\") NIL NIL))\r\nA1 OK done\r\n" ]
  in
  greet s;
  Imap_ext.keep_body_extensions s.c true;
  (match command s Imap.noop with
  | [ `Untagged (`Fetch (_, [ `Body_structure (`Multiple ([ `Text ("PLAIN", _, 1); `Basic ("APPLICATION", "PDF", f) ], "MIXED")) ])); `Ok _ ] ->
      check "pdf fields" (f.Imap.fld_octets = 400 && f.Imap.fld_enc = "BASE64")
  | l -> check_eq "bodystructure" str "" (shows l));
  match Imap_ext.passed_over s.c with
  | [ `Fetch_items (_, [ `Body_extensions [ ([], top); ([ 1 ], text); ([ 2 ], pdf) ] ]) ] ->
      check "multipart: no disposition" (top.Imap_ext.disposition = None && top.Imap_ext.language = []);
      check "text: language" (text.Imap_ext.language = [ "EN" ]);
      check "pdf: disposition" (pdf.Imap_ext.disposition = Some ("ATTACHMENT", [ ("FILENAME", Some "a.pdf") ]));
      check "pdf: md5, location" (pdf.Imap_ext.md5 = Some "md5sum" && pdf.Imap_ext.location = Some "http://x")
  | l -> check_eq "body extensions" string_of_int 1 (List.length l)

(* Further body extension data, and extension data that does not parse
   (kept verbatim as [`Unparsed]), reach Imap_ext by part. *)
let () =
  let s =
    session
      [ greeting;
        "* 9 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 3 1 NIL NIL NIL NIL (\"a\" junk 7)))\r\n\
         * 10 FETCH (BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1 NIL (\"inline\" \"bad\") NIL)(\"TEXT\" \"HTML\" NIL NIL NIL \"7BIT\" 2 1 NIL (\"inline\" NIL) NIL) \"ALTERNATIVE\" (\"BOUNDARY\" \"b\") NIL NIL))\r\n\
         A1 OK done\r\n" ]
  in
  greet s;
  Imap_ext.keep_body_extensions s.c true;
  (match command s Imap.noop with
  | [ `Untagged (`Fetch (_, [ `Body_structure (`Text ("PLAIN", _, 1)) ]));
      `Untagged (`Fetch (_, [ `Body_structure (`Multiple ([ `Text ("PLAIN", _, 1); `Text ("HTML", _, 1) ], "ALTERNATIVE")) ]));
      `Ok _ ] -> ()
  | l -> check_eq "body structures" str "" (shows l));
  match Imap_ext.passed_over s.c with
  | [ `Fetch_items (_, [ `Body_extensions [ ([ 1 ], single) ] ]);
      `Fetch_items (_, [ `Body_extensions [ ([], top); ([ 1 ], plain); ([ 2 ], html) ] ]) ] ->
      check "a bare atom in a list" (single.Imap_ext.further = [ `List [ `String (Some "a"); `Unparsed "junk"; `Number (Uint64.of_int 7) ] ]);
      check "a part whose extension data does not parse"
        (plain.Imap_ext.further = [ `Unparsed "NIL (\"inline\" \"bad\") NIL" ] && plain.Imap_ext.disposition = None);
      check "the other part" (html.Imap_ext.disposition = Some ("inline", []) && html.Imap_ext.further = []);
      check "the multipart" (top.Imap_ext.further = [])
  | l -> check_eq "body extensions" string_of_int 2 (List.length l)

(* LIST-EXTENDED data goes to Imap_ext. *)
let () =
  let s = session [ greeting; "* LIST (\\Subscribed) \"/\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\") \"OLDNAME\" (\"&AOQ-\"))\r\nA1 OK done\r\n" ] in
  greet s;
  check_eq "list" str "(list (flags (extension Subscribed)) '/' \"Foo\"); ok none \"done\"" (shows (command s (Imap.list "*")));
  match Imap_ext.passed_over s.c with
  | [ `Untagged (`List_extended ("Foo", [ ("CHILDINFO", [ "SUBSCRIBED" ]); ("OLDNAME", [ "\xc3\xa4" ]) ])) ] -> ()
  | l -> check_eq "list extended" string_of_int 1 (List.length l)

(* Units of a flag list that do not parse are left out of the 1.1.0 list
   and reach Imap_ext verbatim, with where they were. *)
let () =
  let s =
    session
      [ greeting;
        "* 7 FETCH (UID 11 FLAGS (\\Seen (x y) $Junk \\Draft))\r\n\
         * FLAGS (\\Answered \\Seen(1) \"quoted\" \\Deleted)\r\n\
         * OK [PERMANENTFLAGS (\\Deleted \\ \\*)] Limited\r\n\
         A1 OK done\r\n" ]
  in
  greet s;
  (match command s Imap.noop with
  | [ `Untagged (`Fetch (_, [ `Uid _; `Flags fetched ]));
      `Untagged (`Flags flags);
      `Untagged (`Ok (`Permanent_flags permanent, "Limited"));
      `Ok _ ] ->
      check "fetch flags without the group" (fetched = [ `Seen; `Keyword "$Junk"; `Draft ]);
      check "FLAGS without the glued flag and the string" (flags = [ `Answered; `Deleted ]);
      check "PERMANENTFLAGS without the lone backslash" (permanent = [ `Deleted; `All ])
  | l -> check_eq "unparsed flags" str "" (shows l));
  let seven = Uint32.of_int 7 in
  check "unparsed flags passed over"
    (Imap_ext.passed_over s.c
    = [ `Unparsed (`Fetch_flags seven, [ "(x y)" ]);
        `Unparsed (`Flags, [ "\\Seen(1)"; "\"quoted\"" ]);
        `Unparsed (`Permanent_flags, [ "\\" ]) ])

(* Mailbox attributes that do not parse: left out of LIST and LSUB and
   passed over with the mailbox; kept as [`Unparsed] in Imap_ext's XLIST. *)
let () =
  let s =
    session
      [ greeting;
        "* LIST (\\HasNoChildren * \\Sent) \"/\" Sent\r\n\
         * LIST (\\HasChildren) \"/\" INBOX\r\n\
         * LSUB ((a) \\Marked) \"/\" Work\r\n\
         * XLIST (\"\\\\Junk\" (a) \\Noselect) \".\" Spam\r\n\
         A1 OK done\r\n" ]
  in
  greet s;
  check_eq "lists" str
    "(list (flags has-no-children sent) '/' \"Sent\"); (list (flags has-children) '/' \"INBOX\"); (lsub (flags \
     marked) '/' \"Work\"); ok none \"done\""
    (shows (command s (Imap.list "*")));
  check "unparsed attributes passed over"
    (Imap_ext.passed_over s.c
    = [ `Unparsed (`List "Sent", [ "*" ]);
        `Unparsed (`Lsub "Work", [ "(a)" ]);
        `Untagged (`Xlist ([ `Unparsed "\"\\\\Junk\""; `Unparsed "(a)"; `Noselect ], Some '.', "Spam")) ])

(* A malformed response: a non-fatal Decode_error, then the connection goes on. *)
let () =
  let s = session [ greeting; "* 1 FETCH (UID 7\r\n* 2 EXISTS\r\nA1 OK done\r\n" ] in
  greet s;
  let first = command s Imap.noop in
  match first @ command_rest s with
  | [ `Error (`Decode_error (_, raw, _)); `Untagged (`Exists 2); `Ok _ ] ->
      check_eq "malformed bytes" str "* 1 FETCH (UID 7\r\n" raw
  | l -> check_eq "malformed" str "" (shows l)

(* Q11: responses while waiting for the literal's "+" are delivered. *)
let () =
  let s = session [ greeting; "* 5 EXISTS\r\n+ go\r\n"; "A1 OK [APPENDUID 3 9] stored\r\n" ] in
  greet s;
  let results = command s (Imap.append "INBOX" ~flags:[ `Seen ] "msg\r\n") in
  check_eq "append results" str "(exists 5); ok (append-uid 3 9) \"stored\"" (shows results);
  check_eq "append bytes" str "A1 APPEND INBOX (\\Seen) {5}\r\nmsg\r\n\r\n" (Buffer.contents s.sent)

(* A tagged NO instead of "+" ends the command (1.1.0 hung). *)
let () =
  let s = session [ greeting; "A1 NO [TOOBIG] too big\r\n" ] in
  greet s;
  check_eq "append refused" str "error NO: (other \"TOOBIG\" nil) \"too big\""
    (shows (command s (Imap.append "INBOX" "x\r\n")))

(* {1 Commands} *)

let sent_by cmd =
  let s = session [ greeting ] in
  greet s;
  ignore (step s (`Cmd cmd));
  Buffer.contents s.sent

let () =
  let d = { Imap.day = 7; month = 0; year = 2015 } in
  check_eq "Q9: SENTON, 1-based month" str "A1 UID SEARCH (NOT SEEN OR SENTON 7-Jan-2015 SINCE 7-Jan-2015)\r\n"
    (sent_by (Imap.search (`And (`Not `Seen, `Or (`Sent_on d, `Since d)))));
  check_eq "Q8: quoted strings escaped" str "A1 LOGIN user \"pa ss\\\"w\\\\x\"\r\n"
    (sent_by (Imap.login "user" "pa ss\"w\\x"));
  check_eq "Q2: BODY[1]" str "A1 FETCH 1,2:4,7:* (BODY.PEEK[1] BODY[2.MIME]<0.100>)\r\n"
    (sent_by
       (Imap.fetch ~uid:false
          [ (Uint32.of_int 1, Some (Uint32.of_int 1)); (Uint32.of_int 2, Some (Uint32.of_int 4)); (Uint32.of_int 7, None) ]
          [ `Body_section (`Peek, `Part (1, `All), None); `Body_section (`Look, `Part (2, `Mime), Some (0, 100)) ]));
  check_eq "mailbox MUTF-7" str "A1 SELECT \"INBOX/Entw&APw-rfe &- Co\" (CONDSTORE)\r\n"
    (sent_by (Imap.select ~condstore:true "INBOX/Entw\xc3\xbcrfe & Co"));
  check_eq "store" str "A1 UID STORE 3 (UNCHANGEDSINCE 12) +FLAGS.SILENT (\\Deleted $Junk \\Foo)\r\n"
    (sent_by
       (Imap.store_add_flags ~silent:true ~unchanged:(Uint64.of_int 12)
          [ (Uint32.of_int 3, Some (Uint32.of_int 3)) ]
          [ `Deleted; `Keyword "$Junk"; `Extension "Foo" ]));
  check_eq "status" str "A1 STATUS INBOX (MESSAGES UIDNEXT HIGHESTMODSEQ)\r\n"
    (sent_by (Imap.status "INBOX" [ `Messages; `Uid_next; `Highest_modseq ]));
  check_eq "enable" str "A1 ENABLE CONDSTORE QRESYNC X-GM-EXT-1\r\n" (sent_by (Imap.enable [ `Condstore; `Qresync; `Gmail ]));
  check_eq "list default ref" str "A1 LIST \"\" *\r\n" (sent_by (Imap.list "*"));
  check "VANISHED requires CHANGEDSINCE"
    (match Imap.fetch_fast ~vanished:true [ (Uint32.one, None) ] with
    | _ -> false
    | exception Invalid_argument m -> m = "VANISHED requires CHANGEDSINCE");
  check "NUL refused"
    (match Imap.login "a\000b" "c" with _ -> false | exception Invalid_argument _ -> true)

(* Q10: commands that cannot be encoded are not sent: a non-fatal BAD. *)
let () =
  let s = session [ greeting; "A1 OK fine\r\n" ] in
  greet s;
  (match Imap.run s.c (`Cmd (Imap.fetch [ (Uint32.one, None) ] [])) with
  | `Error (`Bad (`None, _)) -> ()
  | r -> check_eq "fetch [] not sent" str "error BAD" (show r));
  (match Imap.run s.c (`Cmd (Imap.enable [])) with
  | `Error (`Bad (`None, _)) -> ()
  | r -> check_eq "enable [] not sent" str "error BAD" (show r));
  check_eq "nothing sent" str "" (Buffer.contents s.sent);
  check_eq "the connection goes on" str "ok none \"fine\"" (shows (command s Imap.noop));
  check "empty set refused" (match Imap.fetch [] [ `Uid ] with _ -> false | exception Invalid_argument _ -> true)

(* {1 IDLE (Q15: stops without new input)} *)

let () =
  let s = session [ greeting; "+ idling\r\n* 4 EXISTS\r\n" ] in
  greet s;
  let cmd, stop = Imap.idle () in
  (match step s (`Cmd cmd) with
  | `Untagged (`Exists 4) -> Lazy.force stop
  | r -> check_eq "idle exists" str "(exists 4)" (show r));
  check_eq "DONE sent without input" str "await_src" (show (step s `Await));
  check_eq "idle bytes" str "A1 IDLE\r\nDONE\r\n" (Buffer.contents s.sent);
  s.input <- [ "A1 OK idle done\r\n" ];
  check_eq "idle ends" str "ok none \"idle done\"" (show (step s `Await))

(* A stop forced after IDLE ended does not stop the next IDLE. *)
let () =
  let s = session [ greeting; "+ idling\r\n* 4 EXISTS\r\n"; "A1 OK done\r\n"; "+ idling\r\n* 5 EXISTS\r\n" ] in
  greet s;
  let cmd, stop = Imap.idle () in
  ignore (step s (`Cmd cmd));
  Lazy.force stop;
  check_eq "first idle ends" str "ok none \"done\"" (show (step s `Await));
  Lazy.force stop;
  let cmd2, _ = Imap.idle () in
  check_eq "second idle runs" str "(exists 5)" (show (step s (`Cmd cmd2)));
  check_eq "no DONE for the second" str "await_src" (show (step s `Await));
  check_eq "bytes" str "A1 IDLE\r\nDONE\r\nA2 IDLE\r\n" (Buffer.contents s.sent)

(* Stop forced before the server's "+": DONE as soon as it comes. *)
let () =
  let s = session [ greeting; "+ idling\r\n" ] in
  greet s;
  let cmd, stop = Imap.idle () in
  Lazy.force stop;
  ignore (step s (`Cmd cmd));
  check_eq "early stop" str "A1 IDLE\r\nDONE\r\n" (Buffer.contents s.sent)

(* {1 AUTHENTICATE: the core does the base64} *)

let () =
  let s = session [ greeting; "+ \r\n"; "A1 OK authenticated\r\n" ] in
  greet s;
  check_eq "plain" str "ok none \"authenticated\"" (shows (command s (Imap.authenticate (Imap.plain "user" "pass"))));
  check_eq "plain bytes" str "A1 AUTHENTICATE PLAIN\r\nAHVzZXIAcGFzcw==\r\n" (Buffer.contents s.sent)

let () =
  let challenges = ref [] in
  let a = { Imap.name = "X-TEST"; step = (fun ch -> challenges := ch :: !challenges; if ch = "bad" then `Error "no way" else `Ok "resp") } in
  let s = session [ greeting; "+ aGVsbG8=\r\n+ YmFk\r\n"; "A1 BAD cancelled\r\n" ] in
  greet s;
  check_eq "custom authenticator" str "error Authentication error: no way; error BAD: none \"cancelled\""
    (let first = command s (Imap.authenticate a) in
     let next = step s `Await in
     shows (first @ [ next ]));
  check_eq "challenges decoded" (String.concat ",") [ "bad"; "hello" ] !challenges;
  check_eq "auth bytes" str "A1 AUTHENTICATE X-TEST\r\ncmVzcA==\r\n*\r\n" (Buffer.contents s.sent)

let () =
  let a = { Imap.name = "X-RAISE"; step = (fun _ -> failwith "boom") } in
  let s = session [ greeting; "+ \r\n"; "A1 BAD cancelled\r\n" ] in
  greet s;
  match command s (Imap.authenticate a) with
  | `Error (`Auth_error _) :: _ -> ()
  | l -> check_eq "Q16: exception in step stays inside" str "auth error" (shows l)

(* Modified UTF-7 by the core. *)
let () =
  check_eq "mutf7_encode" str "INBOX/Entw&APw-rfe &- Co" (Imap_ext.mutf7_encode "INBOX/Entw\xc3\xbcrfe & Co");
  check_eq "mutf7_decode" str "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e" (Imap_ext.mutf7_decode "&ZeVnLIqe-");
  check_eq "mutf7_decode keeps invalid names" str "bad&Zz" (Imap_ext.mutf7_decode "bad&Zz")

(* Bad base64 in a challenge, an unknown tag: errors, never exceptions. *)
let () =
  let s = session [ greeting; "+ !!not base64!!\r\n"; "A1 BAD cancelled\r\n" ] in
  greet s;
  (match command s (Imap.authenticate (Imap.plain "u" "p")) with
  | exception e -> check_eq "bad base64 challenge" str "an error" (Printexc.to_string e)
  | [ `Error (`Auth_error _) ] -> check_eq "then the server's answer" str "error BAD: none \"cancelled\"" (show (step s `Await))
  | l -> check_eq "bad base64 challenge" str "" (shows l));
  let s = session [ greeting; "B7 OK what\r\n" ] in
  greet s;
  match command s Imap.noop with
  | [ `Error (`Incorrect_tag (expected, got)) ] ->
      check_eq "expected tag" str "A1" expected;
      check_eq "received tag" str "B7" got
  | l -> check_eq "unknown tag" str "" (shows l)

(* Numbers that overflow: the response is malformed (not fatal, no exception). *)
let () =
  let s = session [ greeting; "* 4294967296 EXISTS\r\n* 1 FETCH (UID 4294967296)\r\n* 3 EXISTS\r\nA1 OK done\r\n" ] in
  greet s;
  let first = command s Imap.noop in
  let rest = command_rest s in
  let rest2 = match rest with `Error _ :: _ -> rest @ command_rest s | _ -> rest in
  check_eq "overflow" str "error Decode error: Unexpected character ' '; (fetch 1 nil); (exists 3); ok none \"done\""
    (shows (first @ rest2));
  match Imap_ext.passed_over s.c with
  | [ `Malformed { Imap_ext.raw = "* 4294967296 EXISTS\r\n"; _ }; `Fetch_items (_, [ `Other ("UID", "4294967296") ]) ] -> ()
  | l -> check_eq "overflow passed over" string_of_int 2 (List.length l)

(* The same AUTHENTICATE command value, twice. *)
let () =
  let s = session [ greeting; "+ \r\n"; "A1 OK one\r\n"; "+ \r\n"; "A2 OK two\r\n" ] in
  greet s;
  let cmd = Imap.authenticate (Imap.plain "user" "pass") in
  check_eq "first" str "ok none \"one\"" (shows (command s cmd));
  check_eq "second" str "ok none \"two\"" (shows (command s cmd));
  check_eq "bytes" str "A1 AUTHENTICATE PLAIN\r\nAHVzZXIAcGFzcw==\r\nA2 AUTHENTICATE PLAIN\r\nAHVzZXIAcGFzcw==\r\n" (Buffer.contents s.sent)

(* struct imap_date is passed by value with the layout ctypes computes:
   the C compiler's must agree. *)
let () =
  let module T = Imap_core.T in
  check "imap_date size" (Ctypes.sizeof T.date = Ctypes.sizeof Imap_c_date.t);
  check "imap_date alignment" (Ctypes.alignment T.date = Ctypes.alignment Imap_c_date.t);
  check "imap_date fields"
    (Ctypes.
       ( [ offsetof T.date_year; offsetof T.date_month; offsetof T.date_day ]
       = [ offsetof Imap_c_date.year; offsetof Imap_c_date.month; offsetof Imap_c_date.day ] ))

(* {1 Numbers} *)

let () =
  check "Uint32 max" (Uint32.to_string Uint32.max_int = "4294967295");
  check "Uint32 of_string overflow" (match Uint32.of_string "4294967296" with _ -> false | exception Failure _ -> true);
  check "Uint32 wraps" (Uint32.succ Uint32.max_int = Uint32.zero);
  check "Uint32 compare" (compare (Uint32.of_int 3) (Uint32.of_int 10) < 0);
  check "Uint64 structural equality" (Uint64.of_string "18446744073709551615" = Uint64.max_int);
  check "Uint64 of_string overflow" (Uint64.of_string_opt "18446744073709551616" = None);
  check "big UID" (match untagged_of "* 1 FETCH (UID 4294967295)\r\n" with
    | [ `Fetch (_, [ `Uid u ]) ] -> u = Uint32.max_int | _ -> false)

let () =
  if !failures > 0 then begin
    Printf.printf "%d failures\n" !failures;
    exit 1
  end
  else print_endline "lib_test: all passed"
