(* One test per bug of imap 1.1.0 (API.md, "Quirks and bugs", Q1-Q16), each
   driven through Imap.connection/src/dst/run with scripted server bytes and
   asserting the exact values returned and the exact bytes sent. Every one
   of them fails on 1.1.0's behaviour, which the comment before it recalls. *)

open Check

let u32 = Uint32.of_int
let u64 = Uint64.of_int
let greeting = "* OK ready\r\n"
let greeted = `Ok (`None, "ready")
let session ?on_untagged server cmds = Script.converse ?on_untagged ~chunks:[ greeting ^ server ] cmds
let outcomes what expected (r : Script.result) = equal ~show:Script.show_all what expected r.outcomes
let sent what expected (r : Script.result) = equal ~show:String.escaped what expected r.sent

(* Runs NOOP (tag A1) over [server] and returns what came back. *)
let noop server = session server [ Imap.noop ]
let fetched n items = `Untagged (`Fetch (u32 n, items))
let done_ = `Ok (`None, "done")

let () =
  (* Q1: 1.1.0 reads item names as atoms, so any BODY[...] response was the
     fatal `Unexpected_string "BODY[". *)
  case "Q1: BODY[section]<origin> responses decode" (fun () ->
      let r =
        noop
          "* 1 FETCH (UID 7 BODY[HEADER.FIELDS (SUBJECT FROM)] {13}\r\n\
           Subject: hi\r\n\
          \ BODY[TEXT]<10> \"abc\" BODY[] NIL BODY[HEADER] \"\")\r\n\
           A1 OK done\r\n"
      in
      outcomes "outcomes"
        [ greeted;
          fetched 1
            [ `Uid (u32 7);
              `Body_section (`Header_fields [ "SUBJECT"; "FROM" ], None, Some "Subject: hi\r\n");
              `Body_section (`Text, Some 10, Some "abc");
              `Body_section (`All, None, None);
              `Body_section (`Header, None, Some "") ];
          done_ ]
        r;
      sent "sent" "A1 NOOP\r\n" r);
  (* Q2: even 1.1.1 fails on pure part numbers (`Expected_char '.'). *)
  case "Q2: BODY[1], BODY[1.2], BODY[1.2.MIME] decode" (fun () ->
      let r =
        noop
          "* 2 FETCH (BODY[1] {2}\r\nhi BODY[1.2] \"x\" BODY[1.2.MIME] \"m\" BODY[4.2.HEADER.FIELDS.NOT (TO)] \"h\")\r\n\
           A1 OK done\r\n"
      in
      outcomes "outcomes"
        [ greeted;
          fetched 2
            [ `Body_section (`Part (1, `All), None, Some "hi");
              `Body_section (`Part (1, `Part (2, `All)), None, Some "x");
              `Body_section (`Part (1, `Part (2, `Mime)), None, Some "m");
              `Body_section (`Part (4, `Part (2, `Header_fields_not [ "TO" ])), None, Some "h") ];
          done_ ]
        r);
  (* Q2, encoder side: `Part (1, `All) went out as BODY[1.]. *)
  case "Q2: `Part (n, `All) is sent as BODY[n]" (fun () ->
      let cmd =
        Imap.fetch [ (u32 3, Some (u32 3)) ]
          [ `Body_section (`Peek, `Part (1, `All), None);
            `Body_section (`Look, `Part (2, `Part (1, `Mime)), Some (0, 100));
            `Body_section (`Peek, `All, None) ]
      in
      let r = session "A1 OK done\r\n" [ cmd ] in
      sent "sent" "A1 UID FETCH 3 (BODY.PEEK[1] BODY[2.1.MIME]<0.100> BODY.PEEK[])\r\n" r;
      outcomes "outcomes" [ greeted; done_ ] r);
  (* Q3: two addresses without a space between them, as every server writes
     them, gave `Unexpected_char '('. *)
  case "Q3: envelope address lists ((..)(..))" (fun () ->
      let r =
        noop
          "* 1 FETCH (ENVELOPE (\"Mon, 7 Feb 1994 21:52:25 -0800\" \"Hi\" ((\"Fred Foobar\" NIL \"foobar\" \"example.org\")) \
           NIL NIL ((\"Ann\" NIL \"ann\" \"x.org\")(NIL \"@relay\" \"bob\" \"y.org\")(\"C\" NIL \"c\" \"z.org\")) NIL NIL \"<0@x>\" \"<1@x>\"))\r\n\
           A1 OK done\r\n"
      in
      let ad name adl mailbox host = { Imap.ad_name = name; ad_adl = adl; ad_mailbox = mailbox; ad_host = host } in
      outcomes "outcomes"
        [ greeted;
          fetched 1
            [ `Envelope
                { Imap.env_date = "Mon, 7 Feb 1994 21:52:25 -0800";
                  env_subject = "Hi";
                  env_from = [ ad "Fred Foobar" "" "foobar" "example.org" ];
                  env_sender = [];
                  env_reply_to = [];
                  env_to = [ ad "Ann" "" "ann" "x.org"; ad "" "@relay" "bob" "y.org"; ad "C" "" "c" "z.org" ];
                  env_cc = [];
                  env_bcc = [];
                  env_in_reply_to = "<0@x>";
                  env_message_id = "<1@x>" } ];
          done_ ]
        r);
  (* Q4: the 26-byte scanf failed on a space-padded day, which RFC 3501 allows. *)
  case "Q4: space-padded INTERNALDATE" (fun () ->
      let r =
        noop
          "* 1 FETCH (INTERNALDATE \" 7-Jul-1996 02:44:25 +0530\")\r\n\
           * 2 FETCH (INTERNALDATE \"17-Dec-1996 23:04:05 -0700\")\r\n\
           A1 OK done\r\n"
      in
      outcomes "outcomes"
        [ greeted;
          fetched 1
            [ `Internal_date
                ({ Imap.day = 7; month = 6; year = 1996 }, { Imap.hours = 2; minutes = 44; seconds = 25; zone = 530 }) ];
          fetched 2
            [ `Internal_date
                ({ Imap.day = 17; month = 11; year = 1996 }, { Imap.hours = 23; minutes = 4; seconds = 5; zone = -700 }) ];
          done_ ]
        r);
  (* Q8, decoding: escaped quote and backslash inside quoted strings (1.1.0
     handled these; kept, together with the mailbox name decoding). *)
  case "Q8: escaped quoted strings decode" (fun () ->
      let r =
        noop "* LIST () \"\\\\\" \"a \\\"b\\\" \\\\c\"\r\n* SEARCH 2\r\nA1 OK done\r\n"
      in
      outcomes "outcomes"
        [ greeted; `Untagged (`List ([], Some '\\', "a \"b\" \\c")); `Untagged (`Search ([ u32 2 ], None)); done_ ]
        r);
  (* Q8, encoding: 1.1.0 sent quoted strings without escaping the quote and
     backslash inside them, a malformed command. *)
  case "Q8: quoted strings are sent escaped (or as a literal)" (fun () ->
      let r = session "A1 OK done\r\n" [ Imap.login "us er" "pa ss\"w\\x" ] in
      outcomes "outcomes" [ greeted; done_ ] r;
      let escaped = "A1 LOGIN \"us er\" \"pa ss\\\"w\\\\x\"\r\n" in
      is_true
        (Printf.sprintf "LOGIN sent escaped, got %S" r.sent)
        (r.sent = escaped));
  case "Q8: CR, LF and 8-bit bytes are sent as literals" (fun () ->
      let r = session "+ go\r\nA1 OK done\r\n" [ Imap.login "user" "p\xc3\xa4ss" ] in
      sent "sent" "A1 LOGIN user {5}\r\np\xc3\xa4ss\r\n" r;
      outcomes "outcomes" [ greeted; done_ ] r);
  (* Q9: `Sent_on went out as SENT_ON, dates with a space-padded year. *)
  case "Q9: SENTON and four-digit years" (fun () ->
      let d1 = { Imap.day = 7; month = 0; year = 2015 } and d2 = { Imap.day = 17; month = 11; year = 999 } in
      let r = session "A1 OK done\r\nA2 OK done\r\n" [ Imap.search (`Sent_on d1); Imap.search ~uid:false (`Since d2) ] in
      sent "sent" "A1 UID SEARCH SENTON 7-Jan-2015\r\nA2 SEARCH SINCE 17-Dec-0999\r\n" r);
  (* Q5: unknown untagged responses, FETCH items and STATUS items were fatal. *)
  case "Q5: unknown responses, FETCH items and STATUS items are passed over" (fun () ->
      let r =
        noop
          "* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n\
           * ID (\"name\" \"Dovecot\")\r\n\
           * XYZZY 1 (2 3)\r\n\
           * 3 EXISTS\r\n\
           * 1 FETCH (UID 5 EMAILID (M6d4) SAVEDATE \"17-Jul-1996 02:44:25 -0700\" X-UNKNOWN (a (b)) FLAGS (\\Seen))\r\n\
           * STATUS INBOX (MESSAGES 3 SIZE 1234 APPENDLIMIT 10 UIDNEXT 4)\r\n\
           A1 OK [XFOO bar baz] done\r\n"
      in
      (* Responses 1.1.0's types cannot hold may come back as some value or
         not at all; everything else must be there, exactly. *)
      let known =
        List.filter
          (function
            | `Untagged (`Exists _ | `Fetch _ | `Status _) | `Ok _ -> true
            | `Untagged _ -> false
            | _ -> true)
          r.outcomes
      in
      equal ~show:Script.show_all "known outcomes"
        [ greeted;
          `Untagged (`Exists 3);
          fetched 1 [ `Uid (u32 5); `Flags [ `Seen ] ];
          `Untagged (`Status ("INBOX", [ `Messages 3; `Uid_next (u32 4) ]));
          `Ok (`Other ("XFOO", Some "bar baz"), "done") ]
        known);
  (* Q11: 1.1.0 dropped every response that came before the `+` of a literal. *)
  case "Q11: responses before a literal's + are delivered" (fun () ->
      let r = session "* 5 EXISTS\r\n* 1 EXPUNGE\r\n+ go ahead\r\nA1 OK [APPENDUID 9 12] done\r\n" [ Imap.append "INBOX" "hello" ] in
      sent "sent" "A1 APPEND INBOX {5}\r\nhello\r\n" r;
      outcomes "outcomes"
        [ greeted; `Untagged (`Exists 5); `Untagged (`Expunge (u32 1)); `Ok (`Append_uid (u32 9, u32 12), "done") ]
        r);
  (* Q11: a tagged NO instead of the `+` was swallowed and the connection hung. *)
  case "Q11: a tagged NO instead of + ends the command" (fun () ->
      let r =
        session "* 5 EXISTS\r\nA1 NO [TOOBIG] too big\r\nA2 OK noop done\r\n"
          [ Imap.append "INBOX" ~flags:[ `Seen ] "hello"; Imap.noop ]
      in
      sent "sent" "A1 APPEND INBOX (\\Seen) {5}\r\nA2 NOOP\r\n" r;
      match r.outcomes with
      | [ g; `Untagged (`Exists 5); `Error (`No (_, "too big")); `Ok (`None, "noop done") ] when g = greeted -> ()
      | l -> fail "outcomes %s" (Script.show_all l));
  (* Q12: a PREAUTH greeting was `Bad_greeting, fatal. *)
  case "Q12: PREAUTH greeting" (fun () ->
      let r =
        Script.converse ~chunks:[ "* PREAUTH [CAPABILITY IMAP4rev1 IDLE] welcome back\r\nA1 OK done\r\n" ] [ Imap.noop ]
      in
      sent "sent" "A1 NOOP\r\n" r;
      let caps = `Capability [ `Other "IMAP4rev1"; `Idle ] in
      match r.outcomes with
      | [ `Ok (c, "welcome back"); d ] when c = caps && d = done_ -> ()
      | [ `Untagged (`Preauth (c, "welcome back")); `Ok _; d ] when c = caps && d = done_ -> ()
      | l -> fail "outcomes %s" (Script.show_all l));
  (* Q13: `&-` decoded to nothing, so `a&-b` came back as `ab`. *)
  case "Q13: &- in mailbox names decodes to &" (fun () ->
      let r =
        noop
          "* LIST (\\HasNoChildren) \"/\" \"a&-b\"\r\n\
           * LSUB () \"/\" \"Sent &AOQ-&- Mail\"\r\n\
           * STATUS \"R&-D\" (MESSAGES 1)\r\n\
           A1 OK done\r\n"
      in
      outcomes "outcomes"
        [ greeted;
          `Untagged (`List ([ `HasNoChildren ], Some '/', "a&b"));
          `Untagged (`Lsub ([], Some '/', "Sent \xc3\xa4& Mail"));
          `Untagged (`Status ("R&D", [ `Messages 1 ]));
          done_ ]
        r);
  case "Q13: & in mailbox arguments is sent as &-" (fun () ->
      let r = session "A1 OK done\r\nA2 OK done\r\n" [ Imap.create "R&D"; Imap.select "Entw\xc3\xbcrfe & Co" ] in
      sent "sent" "A1 CREATE R&-D\r\nA2 SELECT \"Entw&APw-rfe &- Co\"\r\n" r);
  (* Q14: only 15 capability names were recognised. *)
  case "Q14: every capability with a constructor is recognised" (fun () ->
      let r =
        noop
          "* CAPABILITY IMAP4rev1 ACL BINARY CATENATE CHILDREN COMPRESS=DEFLATE CONDSTORE ENABLE IDLE ID LITERAL+ \
           MULTIAPPEND NAMESPACE QRESYNC QUOTE SORT STARTTLS UIDPLUS UNSELECT XLIST AUTH=ANONYMOUS AUTH=LOGIN \
           AUTH=PLAIN XOAUTH2 X-GM-EXT-1 AUTH=GSSAPI\r\nA1 OK done\r\n"
      in
      outcomes "outcomes"
        [ greeted;
          `Untagged
            (`Capability
               [ `Other "IMAP4rev1"; `Acl; `Binary; `Catenate; `Children; `Compress_deflate; `Condstore; `Enable;
                 `Idle; `Id; `Literal_plus; `Multi_append; `Namespace; `Qresync; `Quote; `Sort; `Start_tls;
                 `Uid_plus; `Unselect; `Xlist; `Auth `Anonymous; `Auth `Login; `Auth `Plain; `Xoauth2; `Gmail;
                 `Other "AUTH=GSSAPI" ]);
          done_ ]
        r);
  (* Q6: 8-bit bytes in resp-text and quoted strings were fatal. *)
  case "Q6: 8-bit text and quoted strings" (fun () ->
      let r =
        noop
          "* OK fertig \xc3\xa4\r\n\
           * 1 FETCH (ENVELOPE (NIL \"Gr\xc3\xbc\xc3\x9fe\" NIL NIL NIL NIL NIL NIL NIL NIL))\r\n\
           A1 OK done\r\n"
      in
      let empty =
        { Imap.env_date = ""; env_subject = "Gr\xc3\xbc\xc3\x9fe"; env_from = []; env_sender = []; env_reply_to = [];
          env_to = []; env_cc = []; env_bcc = []; env_in_reply_to = ""; env_message_id = "" }
      in
      outcomes "outcomes"
        [ greeted; `Untagged (`Ok (`None, "fertig \xc3\xa4")); fetched 1 [ `Envelope empty ]; done_ ]
        r);
  (* Q7: Gmail's unquoted \Inbox labels were fatal. *)
  case "Q7: unquoted \\Inbox labels" (fun () ->
      let r = noop "* 1 FETCH (X-GM-LABELS (\\Inbox \"\\\\Important\" work \"a b\") UID 3)\r\nA1 OK done\r\n" in
      outcomes "outcomes"
        [ greeted; fetched 1 [ `Gm_labels [ "\\Inbox"; "\\Important"; "work"; "a b" ]; `Uid (u32 3) ]; done_ ]
        r);
  (* Q10: fetch ... [] sent `()`, enable [] a trailing space, an empty eset
     a double space: malformed commands. Now they are refused before
     anything is sent (Invalid_argument when the command is built, or an
     error from run), and the connection goes on. *)
  let refused name build =
    case ("Q10: " ^ name ^ " is refused, nothing malformed is sent") (fun () ->
        match build () with
        | exception Invalid_argument _ -> ()
        | cmd -> (
            let c = Imap.connection () in
            let o = Bytes.create 1024 in
            Imap.dst c o 0 1024;
            let g = Bytes.of_string (greeting ^ "A1 OK done\r\n") in
            Imap.src c g 0 (Bytes.length g);
            (match Imap.run c `Await with
             | `Ok _ -> ()
             | r -> fail "greeting: %s" (Script.show (r :> Script.outcome)));
            let rec until_end v out =
              match Imap.run c v with
              | `Await_dst ->
                let out = out ^ Bytes.sub_string o 0 (1024 - Imap.dst_rem c) in
                Imap.dst c o 0 1024;
                until_end `Await out
              | `Await_src -> fail "wants input after sending %S" out
              | (`Ok _ | `Error _ | `Untagged _) as r -> (r, out)
            in
            match until_end (`Cmd cmd) "" with
            | exception e -> fail "run raised %s" (Printexc.to_string e)
            | `Error _, "" -> (
                match until_end (`Cmd Imap.noop) "" with
                | `Ok (`None, "done"), "A1 NOOP\r\n" -> ()
                | r, out -> fail "NOOP after the refusal: %s, sent %S" (Script.show (r :> Script.outcome)) out)
            | r, out -> fail "not refused: %s, sent %S" (Script.show (r :> Script.outcome)) out))
  in
  refused "fetch ... []" (fun () -> Imap.fetch [ (u32 1, Some (u32 1)) ] []);
  refused "enable []" (fun () -> Imap.enable []);
  refused "fetch on an empty eset" (fun () -> Imap.fetch [] [ `Uid ]);
  refused "search on an empty eset" (fun () -> Imap.search (`Uid []));
  (* Q15: run `Await without src re-read the old buffer, so a blocking client
     could not stop IDLE before the server sent something. *)
  case "Q15: IDLE stops without new input" (fun () ->
      let m = Script.manual () in
      let step = Script.step m and feed = Script.feed m and out () = Script.output m in
      step "before the greeting" `Await_src `Await;
      feed greeting;
      step "greeting" greeted `Await;
      let cmd, stop = Imap.idle () in
      step "IDLE" `Await_dst (`Cmd cmd);
      equal ~show:String.escaped "IDLE line" "A1 IDLE\r\n" (out ());
      step "waiting for +" `Await_src `Await;
      feed "+ idling\r\n";
      step "after +" `Await_src `Await;
      Lazy.force stop;
      step "stop without new input" `Await_dst `Await;
      equal ~show:String.escaped "DONE" "DONE\r\n" (out ());
      step "after DONE" `Await_src `Await;
      feed "* 4 EXISTS\r\nA1 OK IDLE terminated\r\n";
      step "EXISTS after DONE" (`Untagged (`Exists 4)) `Await;
      step "tagged OK" (`Ok (`None, "IDLE terminated")) `Await);
  (* Q16: base64 errors in AUTHENTICATE escaped from run as exceptions. *)
  case "Q16: an undecodable AUTHENTICATE challenge is an Auth_error, then the tagged answer" (fun () ->
      let r = session "+ !!not base64!!\r\nA1 BAD cancelled\r\nA2 OK done\r\n" [ Imap.authenticate (Imap.plain "u" "p"); Imap.noop ] in
      sent "sent" "A1 AUTHENTICATE PLAIN\r\n*\r\nA2 NOOP\r\n" r;
      match r.outcomes with
      | [ g; `Error (`Auth_error _); `Error (`Bad (`None, "cancelled")); d ] when g = greeted && d = done_ -> ()
      | l -> fail "outcomes %s" (Script.show_all l));
  (* Q16: numbers that overflow were int_of_string/Uint32 exceptions. *)
  case "Q16: number overflow is not an exception" (fun () ->
      let r =
        noop
          "* 4294967296 EXPUNGE\r\n\
           * 1 FETCH (UID 4294967296 FLAGS (\\Seen))\r\n\
           * 2 FETCH (MODSEQ (18446744073709551616))\r\n\
           * 2 EXISTS\r\n\
           * 3 FETCH (MODSEQ (18446744073709551615))\r\n\
           A1 OK done\r\n"
      in
      (* The EXPUNGE is malformed: passed over, or reported as one non-fatal
         `Decode_error; an item whose number overflows is left out of its
         FETCH, like any item 1.1.0 cannot hold. *)
      let decode_errors, rest = List.partition (function `Error (`Decode_error _) -> true | _ -> false) r.outcomes in
      (match decode_errors with
       | [] -> ()
       | [ `Error (`Decode_error (_, input, _)) ] ->
         (* Q19: the payload is a copy, intact after the calls that followed *)
         equal ~show:String.escaped "Decode_error input" "* 4294967296 EXPUNGE\r\n" input
       | l -> fail "more than one Decode_error: %s" (Script.show_all l));
      equal ~show:Script.show_all "outcomes"
        [ greeted;
          fetched 1 [ `Flags [ `Seen ] ];
          fetched 2 [];
          `Untagged (`Exists 2);
          fetched 3 [ `Modseq (Uint64.of_string "18446744073709551615") ];
          done_ ]
        rest);
  (* The default of ?silent is false (the doc said true, Q17): +FLAGS, not
     +FLAGS.SILENT; Gmail labels go through modified UTF-7 and quoting. *)
  case "store defaults and labels" (fun () ->
      let r =
        session "A1 OK done\r\nA2 OK done\r\nA3 OK done\r\n"
          [ Imap.store_add_flags [ (u32 1, Some (u32 3)) ] [ `Seen; `Keyword "$Work" ];
            Imap.store_remove_flags ~uid:false ~silent:true ~unchanged:(u64 7) [ (u32 4, None) ] [ `Extension "Draft" ];
            Imap.store_set_labels [ (u32 2, Some (u32 2)) ] [ "\\Inbox"; "a b" ] ]
      in
      sent "sent"
        "A1 UID STORE 1:3 +FLAGS (\\Seen $Work)\r\n\
         A2 STORE 4:* (UNCHANGEDSINCE 7) -FLAGS.SILENT (\\Draft)\r\n\
         A3 UID STORE 2 X-GM-LABELS (\\Inbox \"a b\")\r\n"
        r);
  finish ()
