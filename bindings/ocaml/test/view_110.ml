open Sexp

type unparsed = Imap_ext.unparsed_place * string list
type verdict = Expect of Sexp.t * unparsed list | Passed_over | Skip of string

exception Inexpressible of string

let skip fmt = Printf.ksprintf (fun s -> raise (Inexpressible s)) fmt
let up = String.uppercase_ascii

(* nstrings that 1.1.0 turns into "" when NIL *)
let nstring = function Atom "nil" -> Str "" | Str _ as s -> s | t -> skip "not an nstring: %s" (to_string t)

let capability_keywords =
  [ ("imap4", "IMAP4"); ("imap4rev1", "IMAP4REV1"); ("imap4rev2", "IMAP4REV2"); ("acl", "ACL"); ("binary", "BINARY");
    ("catenate", "CATENATE"); ("children", "CHILDREN"); ("compress-deflate", "COMPRESS=DEFLATE");
    ("condstore", "CONDSTORE"); ("context-search", "CONTEXT=SEARCH"); ("context-sort", "CONTEXT=SORT");
    ("enable", "ENABLE"); ("esearch", "ESEARCH"); ("esort", "ESORT"); ("id", "ID"); ("idle", "IDLE");
    ("list-extended", "LIST-EXTENDED"); ("list-status", "LIST-STATUS"); ("literal+", "LITERAL+");
    ("literal-", "LITERAL-"); ("login-disabled", "LOGINDISABLED"); ("metadata", "METADATA");
    ("metadata-server", "METADATA-SERVER"); ("move", "MOVE"); ("multi-append", "MULTIAPPEND");
    ("namespace", "NAMESPACE"); ("notify", "NOTIFY"); ("object-id", "OBJECTID"); ("partial", "PARTIAL");
    ("preview", "PREVIEW"); ("qresync", "QRESYNC"); ("quota", "QUOTA"); ("quota-set", "QUOTASET");
    ("quote", "QUOTE"); ("sasl-ir", "SASL-IR"); ("save-date", "SAVEDATE"); ("search-res", "SEARCHRES");
    ("sort", "SORT"); ("special-use", "SPECIAL-USE"); ("create-special-use", "CREATE-SPECIAL-USE");
    ("start-tls", "STARTTLS"); ("status-size", "STATUS=SIZE"); ("uid-plus", "UIDPLUS");
    ("unauthenticate", "UNAUTHENTICATE"); ("unselect", "UNSELECT"); ("utf8-accept", "UTF8=ACCEPT");
    ("utf8-only", "UTF8=ONLY"); ("within", "WITHIN"); ("xlist", "XLIST"); ("xoauth2", "XOAUTH2");
    ("gmail", "X-GM-EXT-1"); ("append-limit", "APPENDLIMIT") ]

let capability = function
  | Atom k -> (
      match List.assoc_opt k capability_keywords with Some w -> Str w | None -> skip "capability %s" k)
  | List [ Atom "auth"; Str m ] -> Str ("AUTH=" ^ up m)
  | List [ Atom "quota-res"; Str r ] -> Str ("QUOTA=RES-" ^ up r)
  | List [ Atom "sort-ext"; Str s ] -> Str ("SORT=" ^ up s)
  | List [ Atom "thread"; Str s ] -> Str ("THREAD=" ^ up s)
  | List [ Atom "append-limit"; Atom n ] -> Str ("APPENDLIMIT=" ^ n)
  | List [ Atom "other"; Str s ] -> Str (up s)
  | t -> skip "capability %s" (to_string t)

(* Message flags; [`Recent] only in FETCH, [`All] (\* ) only in PERMANENTFLAGS. *)
let flag ~recent ~wildcard = function
  | Atom ("answered" | "flagged" | "deleted" | "seen" | "draft") as f -> f
  | Atom "recent" as f when recent -> f
  | Atom "wildcard" as f when wildcard -> f
  | List [ Atom ("keyword" | "extension"); Str _ ] as f -> f
  | t -> skip "flag %s here" (to_string t)

(* The units of a flag or attribute list that did not parse leave the list
   and are [note]d at [place]; [item] maps the others. *)
let without_unparsed ~note place item l =
  let kept, unparsed =
    List.partition_map (function List [ Atom "unparsed"; Str s ] -> Right s | t -> Left (item t)) l
  in
  if unparsed <> [] then note (place, unparsed);
  kept

(* Attributes 1.1.0 has no constructor for: `Extension, RFC spelling. *)
let extension_attributes =
  [ ("subscribed", "Subscribed"); ("non-existent", "NonExistent"); ("remote", "Remote"); ("important", "Important") ]

let mbx_flag = function
  | Atom
      ( "noinferiors" | "noselect" | "marked" | "unmarked" | "has-children" | "has-no-children" | "all" | "archive"
      | "drafts" | "flagged" | "junk" | "sent" | "trash" ) as f -> f
  | List [ Atom "extension"; Str _ ] as f -> f
  | Atom a when List.mem_assoc a extension_attributes -> List [ Atom "extension"; Str (List.assoc a extension_attributes) ]
  | t -> skip "mailbox attribute %s" (to_string t)

(* Codes of RFC 5530/9051 and others that 1.1.0 keeps as `Other (atom, None). *)
let other_codes =
  [ ("unavailable", "UNAVAILABLE"); ("authentication-failed", "AUTHENTICATIONFAILED");
    ("authorization-failed", "AUTHORIZATIONFAILED"); ("expired", "EXPIRED"); ("privacy-required", "PRIVACYREQUIRED");
    ("contact-admin", "CONTACTADMIN"); ("no-perm", "NOPERM"); ("in-use", "INUSE");
    ("expunge-issued", "EXPUNGEISSUED"); ("corruption", "CORRUPTION"); ("server-bug", "SERVERBUG");
    ("client-bug", "CLIENTBUG"); ("cannot", "CANNOT"); ("limit", "LIMIT"); ("over-quota", "OVERQUOTA");
    ("already-exists", "ALREADYEXISTS"); ("non-existent", "NONEXISTENT"); ("not-saved", "NOTSAVED");
    ("has-children", "HASCHILDREN"); ("unknown-cte", "UNKNOWN-CTE"); ("too-big", "TOOBIG");
    ("notification-overflow", "NOTIFICATIONOVERFLOW"); ("metadata-too-many", "METADATA TOOMANY");
    ("metadata-no-private", "METADATA NOPRIVATE") ]

let single_number s = String.length s > 0 && String.for_all (function '0' .. '9' -> true | _ -> false) s

let code ~note = function
  | Atom
      ( "none" | "alert" | "parse" | "read-only" | "read-write" | "try-create" | "closed" | "no-modseq"
      | "uid-not-sticky" | "compression-active" | "use-attr" ) as c -> c
  | Atom k when List.mem_assoc k other_codes ->
    let wire = List.assoc k other_codes in
    if String.contains wire ' ' then skip "code %s (its atom has an argument)" k
    else List [ Atom "other"; Str wire; Atom "nil" ]
  | List (Atom "badcharset" :: l) as c when List.for_all (function Str _ -> true | _ -> false) l -> c
  | List (Atom "capability" :: l) -> List (Atom "capability" :: List.map capability l)
  | List (Atom "permanent-flags" :: l) -> List (Atom "permanent-flags" :: without_unparsed ~note `Permanent_flags (flag ~recent:false ~wildcard:true) l)
  | List [ Atom ("uid-next" | "uid-validity" | "unseen" | "highest-modseq"); Atom _ ] as c -> c
  | List [ Atom "modified"; Atom set ] as c when not (String.contains set '*') -> c
  | List [ Atom "append-uid"; Atom _; Atom uid ] as c when single_number uid -> c
  | List [ Atom "copy-uid"; Atom _; Atom a; Atom b ] as c when not (String.contains (a ^ b) '*') -> c
  (* A UID set (MULTIAPPEND) or `*` in a set: 1.1.0's types hold neither, so
     the code stays unknown, with its arguments as text. *)
  | List (Atom ("append-uid" | "copy-uid" as k) :: args) ->
    let wire = if k = "append-uid" then "APPENDUID" else "COPYUID" in
    List [ Atom "other"; Str wire; Str (String.concat " " (List.map to_string args)) ]
  | List [ Atom "other"; Str _; (Str _ | Atom "nil") ] as c -> c
  | t -> skip "code %s" (to_string t)

let state ~note = function
  | [ c; Str _ as text ] -> [ code ~note c; text ]
  | l -> skip "state %s" (to_string (List l))

let address = function
  | List (Atom "address" :: fields) when List.length fields = 4 -> List (Atom "address" :: List.map nstring fields)
  | t -> skip "address %s" (to_string t)

let envelope = function
  | List
      [ Atom "envelope";
        List [ Atom "date"; date ];
        List [ Atom "subject"; subject ];
        List (Atom "from" :: from);
        List (Atom "sender" :: sender);
        List (Atom "reply-to" :: reply_to);
        List (Atom "to" :: to_);
        List (Atom "cc" :: cc);
        List (Atom "bcc" :: bcc);
        List [ Atom "in-reply-to"; in_reply_to ];
        List [ Atom "message-id"; message_id ] ] ->
    let addrs name l = List (Atom name :: List.map address l) in
    List
      [ Atom "envelope";
        List [ Atom "date"; nstring date ];
        List [ Atom "subject"; nstring subject ];
        addrs "from" from;
        addrs "sender" sender;
        addrs "reply-to" reply_to;
        addrs "to" to_;
        addrs "cc" cc;
        addrs "bcc" bcc;
        List [ Atom "in-reply-to"; nstring in_reply_to ];
        List [ Atom "message-id"; nstring message_id ] ]
  | t -> skip "envelope %s" (to_string t)

let fields = function
  | List [ Atom "fields"; List params; id; desc; enc; octets ] ->
    let param = function
      | List [ (Str _ as k); v ] -> List [ k; nstring v ]
      | t -> skip "body parameter %s" (to_string t)
    in
    List [ Atom "fields"; List (List.map param params); id; desc; nstring enc; octets ]
  | t -> skip "body fields %s" (to_string t)

(* Body structures without their extension data, which 1.1.0 discards. *)
let rec mime = function
  | List (Atom "text" :: (Str _ as sub) :: f :: lines :: _ext) -> List [ Atom "text"; sub; fields f; lines ]
  | List (Atom "message" :: Str _ :: f :: env :: body :: lines :: _ext) ->
    List [ Atom "message"; fields f; envelope env; mime body; lines ]
  | List (Atom "basic" :: (Str _ as t) :: (Str _ as sub) :: f :: _ext) -> List [ Atom "basic"; t; sub; fields f ]
  | List (Atom "multipart" :: rest) ->
    let rec split parts = function
      | (List _ as p) :: rest -> split (mime p :: parts) rest
      | (Str _ as sub) :: _ext -> List ((Atom "multipart" :: List.rev parts) @ [ sub ])
      | _ -> skip "multipart without subtype"
    in
    split [] rest
  | t -> skip "body structure %s" (to_string t)

(* FETCH items 1.1.0 has no constructor for: passed over. *)
let dropped_items = [ "binary"; "binary-size"; "email-id"; "thread-id"; "save-date"; "preview"; "other" ]

(* RFC822.SIZE beyond OCaml's int: not expressible, so passed over. *)
let fits_int n = match int_of_string_opt n with Some _ -> true | None -> false

let fetch_item ~note seq = function
  | List [ Atom "rfc822-size"; Atom n ] when not (fits_int n) -> None
  | List (Atom "flags" :: l) -> Some (List (Atom "flags" :: without_unparsed ~note (`Fetch_flags seq) (flag ~recent:true ~wildcard:false) l))
  | List (Atom "envelope" :: _) as e -> Some (envelope e)
  | List [ Atom ("body" | "bodystructure" as k); m ] -> Some (List [ Atom k; mime m ])
  | List
      (Atom
         ( "internal-date" | "rfc822-size" | "rfc822" | "rfc822-header" | "rfc822-text" | "body-section" | "uid"
         | "modseq" | "gm-msgid" | "gm-thrid" | "gm-labels" )
       :: _) as i -> Some i
  | List (Atom k :: _) when List.mem k dropped_items -> None
  | t -> skip "fetch item %s" (to_string t)

let status_item = function
  | List [ Atom ("messages" | "recent" | "uid-next" | "uid-validity" | "unseen" | "highest-modseq"); Atom _ ] as i ->
    Some i
  | _ -> None

(* Mailbox names: 1.1.0 returns them modified-UTF-7 decoded, the vectors as
   sent; names with an & are left to the bug tests. *)
let mailbox = function
  | Str s as m when not (String.contains s '&') -> m
  | Str _ -> skip "a modified UTF-7 mailbox name"
  | t -> skip "mailbox %s" (to_string t)

let untagged ~note = function
  | List (Atom ("ok" | "no" | "bad" | "bye" | "preauth" as k) :: rest) -> List (Atom k :: state ~note rest)
  | List (Atom ("capability" | "enabled" as k) :: caps) -> List (Atom k :: List.map capability caps)
  | List (Atom "flags" :: l) -> List (Atom "flags" :: without_unparsed ~note `Flags (flag ~recent:false ~wildcard:false) l)
  | List [ Atom ("list" | "lsub" as k); List attrs; delim; (Str n as name) ] ->
    let place = if k = "list" then `List n else `Lsub n in
    List [ Atom k; List (without_unparsed ~note place mbx_flag attrs); delim; mailbox name ]
  | List (Atom ("list" | "lsub") :: _) -> skip "LIST extended data"
  | List (Atom "status" :: name :: items) -> List (Atom "status" :: mailbox name :: List.filter_map status_item items)
  | List (Atom "search" :: _) as s -> s
  | List [ Atom ("exists" | "recent" | "expunge" | "vanished" | "vanished-earlier"); Atom _ ] as u -> u
  | List (Atom "fetch" :: (Atom seq as n) :: items) ->
    List (Atom "fetch" :: n :: List.filter_map (fetch_item ~note (Uint32.of_string seq)) items)
  | List (Atom k :: _) -> skip "untagged %s" k
  | t -> skip "event %s" (to_string t)

let event t =
  let noted = ref [] in
  let note u = noted := u :: !noted in
  let expect e = Expect (e, List.rev !noted) in
  try
    match t with
    | List [ Atom "tagged"; Str _; List (Atom ("ok" | "no" | "bad" as k) :: rest) ] ->
      expect (List (Atom k :: state ~note rest))
    | List [ Atom "malformed"; _ ] -> Passed_over
    | List (Atom "cont" :: _) -> Skip "continuation request outside a command waiting for one"
    | t -> expect (untagged ~note t)
  with Inexpressible reason -> Skip reason
