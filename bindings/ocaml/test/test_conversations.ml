(* Whole scripted conversations through Imap.run: the server's bytes are fed
   whole, cut in two at every offset, and byte by byte, each time with
   output buffers of 1, 7 and 65536 bytes. Every run must give the same
   outcomes and send the same bytes, both written out below by hand. *)

open Check

let u32 = Uint32.of_int
let u64 = Uint64.of_int
let literal s = Printf.sprintf "{%d}\r\n%s" (String.length s) s
let ad name mailbox host = { Imap.ad_name = name; ad_adl = ""; ad_mailbox = mailbox; ad_host = host }

let envelope ~date ~subject ~from ~to_ ~message_id =
  { Imap.env_date = date; env_subject = subject; env_from = from; env_sender = from; env_reply_to = from;
    env_to = to_; env_cc = []; env_bcc = []; env_in_reply_to = ""; env_message_id = message_id }

let body1 = "Subject: Hello\r\n\r\nhi\r\n"
let body2 = "Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\n\r\nbye\r\n"
let appended = "From: alice@example.org\r\nSubject: draft\r\n\r\nnot yet\r\n"
let caps = `Capability [ `Other "IMAP4rev1"; `Idle; `Auth `Plain ]

(* login, select, fetch, search, store, append (a literal and its +), logout *)
let mailbox_session =
  let server =
    String.concat ""
      [ "* OK [CAPABILITY IMAP4rev1 IDLE AUTH=PLAIN] Dovecot ready.\r\n";
        "A1 OK [CAPABILITY IMAP4rev1 IDLE] Logged in\r\n";
        "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Work)\r\n";
        "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.\r\n";
        "* 2 EXISTS\r\n";
        "* 0 RECENT\r\n";
        "* OK [UIDVALIDITY 1700000000] UIDs valid\r\n";
        "* OK [UIDNEXT 3] Predicted next UID\r\n";
        "* OK [HIGHESTMODSEQ 41] Highest\r\n";
        "A2 OK [READ-WRITE] Select completed (0.001 + 0.000 secs).\r\n";
        "* 1 FETCH (UID 1 FLAGS (\\Seen) ENVELOPE (\"Mon, 7 Feb 1994 21:52:25 -0800\" \"Hello\" ((\"Ada\" NIL \"ada\" \
         \"example.org\")) ((\"Ada\" NIL \"ada\" \"example.org\")) ((\"Ada\" NIL \"ada\" \"example.org\")) ((NIL NIL \
         \"bob\" \"example.org\")(\"Carol\" NIL \"carol\" \"example.org\")) NIL NIL NIL \"<1@example.org>\") BODY[] ";
        literal body1;
        ")\r\n";
        "* 2 FETCH (UID 2 FLAGS () ENVELOPE (\"Tue, 8 Feb 1994 08:00:00 +0100\" {6}\r\nGr\xc3\xbc\xc3\x9f \
         ((\"Bob\" NIL \"bob\" \"example.org\")) ((\"Bob\" NIL \"bob\" \"example.org\")) ((\"Bob\" NIL \"bob\" \
         \"example.org\")) ((\"Ada\" NIL \"ada\" \"example.org\")) NIL NIL NIL \"<2@example.org>\") BODY[] ";
        literal body2;
        ")\r\n";
        "A3 OK Fetch completed (0.001 + 0.000 secs).\r\n";
        "* SEARCH 2\r\n";
        "A4 OK Search completed (0.001 + 0.000 secs).\r\n";
        "* 2 FETCH (UID 2 FLAGS (\\Seen \\Flagged))\r\n";
        "A5 OK Store completed (0.001 + 0.000 secs).\r\n";
        "+ OK\r\n";
        "A6 OK [APPENDUID 1700000000 3] Append completed (0.001 + 0.000 secs).\r\n";
        "* BYE Logging out\r\n";
        "A7 OK Logout completed (0.001 + 0.000 secs).\r\n" ]
  in
  let commands () =
    ( [ Imap.login "alice" "alicepass";
        Imap.select "INBOX";
        Imap.fetch [ (u32 1, Some (u32 2)) ] [ `Uid; `Flags; `Envelope; `Body_section (`Peek, `All, None) ];
        Imap.search `Unseen;
        Imap.store_add_flags [ (u32 2, Some (u32 2)) ] [ `Seen; `Flagged ];
        Imap.append "Sent" ~flags:[ `Seen ] appended;
        Imap.logout ],
      ignore )
  in
  let sent =
    String.concat ""
      [ "A1 LOGIN alice alicepass\r\n";
        "A2 SELECT INBOX\r\n";
        "A3 UID FETCH 1:2 (UID FLAGS ENVELOPE BODY.PEEK[])\r\n";
        "A4 UID SEARCH UNSEEN\r\n";
        "A5 UID STORE 2 +FLAGS (\\Seen \\Flagged)\r\n";
        "A6 APPEND Sent (\\Seen) " ^ literal appended ^ "\r\n";
        "A7 LOGOUT\r\n" ]
  in
  let outcomes =
    [ `Ok (caps, "Dovecot ready.");
      `Ok (`Capability [ `Other "IMAP4rev1"; `Idle ], "Logged in");
      `Untagged (`Flags [ `Answered; `Flagged; `Deleted; `Seen; `Draft; `Keyword "$Work" ]);
      `Untagged (`Ok (`Permanent_flags [ `Answered; `Flagged; `Deleted; `Seen; `Draft; `All ], "Flags permitted."));
      `Untagged (`Exists 2);
      `Untagged (`Recent 0);
      `Untagged (`Ok (`Uid_validity (u32 1700000000), "UIDs valid"));
      `Untagged (`Ok (`Uid_next (u32 3), "Predicted next UID"));
      `Untagged (`Ok (`Highest_modseq (u64 41), "Highest"));
      `Ok (`Read_write, "Select completed (0.001 + 0.000 secs).");
      `Untagged
        (`Fetch
           ( u32 1,
             [ `Uid (u32 1);
               `Flags [ `Seen ];
               `Envelope
                 (envelope ~date:"Mon, 7 Feb 1994 21:52:25 -0800" ~subject:"Hello"
                    ~from:[ ad "Ada" "ada" "example.org" ]
                    ~to_:[ ad "" "bob" "example.org"; ad "Carol" "carol" "example.org" ]
                    ~message_id:"<1@example.org>");
               `Body_section (`All, None, Some body1) ] ));
      `Untagged
        (`Fetch
           ( u32 2,
             [ `Uid (u32 2);
               `Flags [];
               `Envelope
                 (envelope ~date:"Tue, 8 Feb 1994 08:00:00 +0100" ~subject:"Gr\xc3\xbc\xc3\x9f"
                    ~from:[ ad "Bob" "bob" "example.org" ] ~to_:[ ad "Ada" "ada" "example.org" ]
                    ~message_id:"<2@example.org>");
               `Body_section (`All, None, Some body2) ] ));
      `Ok (`None, "Fetch completed (0.001 + 0.000 secs).");
      `Untagged (`Search ([ u32 2 ], None));
      `Ok (`None, "Search completed (0.001 + 0.000 secs).");
      `Untagged (`Fetch (u32 2, [ `Uid (u32 2); `Flags [ `Seen; `Flagged ] ]));
      `Ok (`None, "Store completed (0.001 + 0.000 secs).");
      `Ok (`Append_uid (u32 1700000000, u32 3), "Append completed (0.001 + 0.000 secs).");
      `Untagged (`Bye (`None, "Logging out"));
      `Ok (`None, "Logout completed (0.001 + 0.000 secs).") ]
  in
  ("mailbox session", server, commands, sent, outcomes)

(* authenticate plain (a + challenge answered), examine, idle stopped by
   forcing its stop after an EXISTS, logout *)
let idle_session =
  let server =
    String.concat ""
      [ "* OK [CAPABILITY IMAP4rev1 IDLE AUTH=PLAIN] ready\r\n";
        "+ \r\n";
        "A1 OK [CAPABILITY IMAP4rev1 IDLE] Authenticated\r\n";
        "* 2 EXISTS\r\n";
        "* OK [UIDNEXT 3] Predicted next UID\r\n";
        "A2 OK [READ-ONLY] Examine completed\r\n";
        "+ idling\r\n";
        "* 3 EXISTS\r\n";
        "* 1 RECENT\r\n";
        "A3 OK Idle completed\r\n";
        "* BYE Logging out\r\n";
        "A4 OK Logout completed\r\n" ]
  in
  let commands () =
    let idle, stop = Imap.idle () in
    let on_untagged = function `Exists 3 -> Lazy.force stop | _ -> () in
    ([ Imap.authenticate (Imap.plain "alice" "alicepass"); Imap.examine "INBOX"; idle; Imap.logout ], on_untagged)
  in
  let sent =
    "A1 AUTHENTICATE PLAIN\r\nAGFsaWNlAGFsaWNlcGFzcw==\r\nA2 EXAMINE INBOX\r\nA3 IDLE\r\nDONE\r\nA4 LOGOUT\r\n"
  in
  let outcomes =
    [ `Ok (caps, "ready");
      `Ok (`Capability [ `Other "IMAP4rev1"; `Idle ], "Authenticated");
      `Untagged (`Exists 2);
      `Untagged (`Ok (`Uid_next (u32 3), "Predicted next UID"));
      `Ok (`Read_only, "Examine completed");
      `Untagged (`Exists 3);
      `Untagged (`Recent 1);
      `Ok (`None, "Idle completed");
      `Untagged (`Bye (`None, "Logging out"));
      `Ok (`None, "Logout completed") ]
  in
  ("idle session", server, commands, sent, outcomes)

let () =
  List.iter
    (fun (name, server, commands, sent, outcomes) ->
       List.iter
         (fun dst_size ->
            case (Printf.sprintf "%s, %d-byte output buffer, every split of %d bytes" name dst_size (String.length server))
              (fun () ->
                 List.iter
                   (fun chunks ->
                      let cmds, on_untagged = commands () in
                      let r = Script.converse ~dst_size ~on_untagged ~chunks cmds in
                      let where =
                        match chunks with
                        | [ a; _ ] -> Printf.sprintf "cut after byte %d" (String.length a)
                        | [ _ ] -> "whole"
                        | _ -> "byte by byte"
                      in
                      equal ~show:Script.show_all (where ^ ": outcomes") outcomes r.outcomes;
                      equal ~show:String.escaped (where ^ ": bytes sent") sent r.sent)
                   (Script.splits server)))
         [ 1; 7; 65536 ])
    [ mailbox_session; idle_session ];
  finish ()
