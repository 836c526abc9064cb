let str s =
  let b = Buffer.create (String.length s + 2) in
  Buffer.add_char b '"';
  String.iter
    (fun c ->
       match c with
       | '"' -> Buffer.add_string b "\\\""
       | '\\' -> Buffer.add_string b "\\\\"
       | ' ' .. '~' -> Buffer.add_char b c
       | c -> Printf.bprintf b "\\x%02x" (Char.code c))
    s;
  Buffer.add_char b '"';
  Buffer.contents b

let form name items = "(" ^ String.concat " " (name :: items) ^ ")"
let u32 = Uint32.to_string
let u64 = Uint64.to_string
let opt f = function None -> "nil" | Some x -> f x

let set l =
  String.concat ","
    (List.map (fun (a, b) -> if Uint32.compare a b = 0 then u32 a else u32 a ^ ":" ^ u32 b) l)

let date_time ((d : Imap.date), (t : Imap.time)) =
  let z = abs t.zone in
  Printf.sprintf "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d" d.year (d.month + 1) d.day t.hours
    t.minutes t.seconds
    (if t.zone < 0 then '-' else '+')
    (z / 100) (z mod 100)

let capability_wire (c : Imap.capability) =
  match c with
  | `Acl -> "ACL"
  | `Binary -> "BINARY"
  | `Catenate -> "CATENATE"
  | `Children -> "CHILDREN"
  | `Compress_deflate -> "COMPRESS=DEFLATE"
  | `Condstore -> "CONDSTORE"
  | `Enable -> "ENABLE"
  | `Idle -> "IDLE"
  | `Id -> "ID"
  | `Literal_plus -> "LITERAL+"
  | `Multi_append -> "MULTIAPPEND"
  | `Namespace -> "NAMESPACE"
  | `Qresync -> "QRESYNC"
  | `Quote -> "QUOTE"
  | `Sort -> "SORT"
  | `Start_tls -> "STARTTLS"
  | `Uid_plus -> "UIDPLUS"
  | `Unselect -> "UNSELECT"
  | `Xlist -> "XLIST"
  | `Auth `Anonymous -> "AUTH=ANONYMOUS"
  | `Auth `Login -> "AUTH=LOGIN"
  | `Auth `Plain -> "AUTH=PLAIN"
  | `Xoauth2 -> "XOAUTH2"
  | `Gmail -> "X-GM-EXT-1"
  | `Other s -> String.uppercase_ascii s

let capability c = str (capability_wire c)

let flag = function
  | `Answered -> "answered"
  | `Flagged -> "flagged"
  | `Deleted -> "deleted"
  | `Seen -> "seen"
  | `Draft -> "draft"
  | `Recent -> "recent"
  | `All -> "wildcard"
  | `Keyword s -> form "keyword" [ str s ]
  | `Extension s -> form "extension" [ str s ]

let flags l = List.map (fun f -> flag (f :> [ Imap.flag | `Recent | `All ])) l

let mbx_flag = function
  | `Noselect -> "noselect"
  | `Marked -> "marked"
  | `Unmarked -> "unmarked"
  | `Noinferiors -> "noinferiors"
  | `HasChildren -> "has-children"
  | `HasNoChildren -> "has-no-children"
  | `All -> "all"
  | `Archive -> "archive"
  | `Drafts -> "drafts"
  | `Flagged -> "flagged"
  | `Junk -> "junk"
  | `Sent -> "sent"
  | `Trash -> "trash"
  | `Extension s -> form "extension" [ str s ]

let code (c : Imap.code) =
  match c with
  | `None -> "none"
  | `Alert -> "alert"
  | `Bad_charset l -> form "badcharset" (List.map str l)
  | `Capability l -> form "capability" (List.map capability l)
  | `Parse -> "parse"
  | `Permanent_flags l -> form "permanent-flags" (flags l)
  | `Read_only -> "read-only"
  | `Read_write -> "read-write"
  | `Try_create -> "try-create"
  | `Uid_next n -> form "uid-next" [ u32 n ]
  | `Uid_validity n -> form "uid-validity" [ u32 n ]
  | `Unseen n -> form "unseen" [ u32 n ]
  | `Other (k, v) -> form "other" [ str k; opt str v ]
  | `Closed -> "closed"
  | `Highest_modseq n -> form "highest-modseq" [ u64 n ]
  | `No_modseq -> "no-modseq"
  | `Modified s -> form "modified" [ set s ]
  | `Append_uid (v, n) -> form "append-uid" [ u32 v; u32 n ]
  | `Copy_uid (v, a, b) -> form "copy-uid" [ u32 v; set a; set b ]
  | `Uid_not_sticky -> "uid-not-sticky"
  | `Compression_active -> "compression-active"
  | `Use_attr -> "use-attr"

let address (a : Imap.address) =
  form "address" [ str a.ad_name; str a.ad_adl; str a.ad_mailbox; str a.ad_host ]

let envelope (e : Imap.envelope) =
  let addrs name l = form name (List.map address l) in
  form "envelope"
    [ form "date" [ str e.env_date ];
      form "subject" [ str e.env_subject ];
      addrs "from" e.env_from;
      addrs "sender" e.env_sender;
      addrs "reply-to" e.env_reply_to;
      addrs "to" e.env_to;
      addrs "cc" e.env_cc;
      addrs "bcc" e.env_bcc;
      form "in-reply-to" [ str e.env_in_reply_to ];
      form "message-id" [ str e.env_message_id ] ]

let fields (f : Imap.fields) =
  let params =
    "(" ^ String.concat " " (List.map (fun (k, v) -> "(" ^ str k ^ " " ^ str v ^ ")") f.fld_params) ^ ")"
  in
  form "fields" [ params; opt str f.fld_id; opt str f.fld_desc; str f.fld_enc; string_of_int f.fld_octets ]

let rec mime (m : Imap.mime) =
  match m with
  | `Text (sub, f, lines) -> form "text" [ str sub; fields f; string_of_int lines ]
  | `Message (f, e, body, lines) -> form "message" [ fields f; envelope e; mime body; string_of_int lines ]
  | `Basic (t, sub, f) -> form "basic" [ str t; str sub; fields f ]
  | `Multiple (parts, sub) -> form "multipart" (List.map mime parts @ [ str sub ])

let rec section (s : Imap.section) =
  match s with
  | `All -> "all"
  | `Header -> "header"
  | `Header_fields l -> form "header-fields" (List.map str l)
  | `Header_fields_not l -> form "header-fields-not" (List.map str l)
  | `Text -> "text"
  | `Mime -> "mime"
  | `Part (n, s) -> form "part" [ string_of_int n; section s ]

let fetch_response (r : Imap.fetch_response) =
  match r with
  | `Flags l -> form "flags" (flags l)
  | `Envelope e -> envelope e
  | `Internal_date dt -> form "internal-date" [ date_time dt ]
  | `Rfc822 d -> form "rfc822" [ opt str d ]
  | `Rfc822_header d -> form "rfc822-header" [ opt str d ]
  | `Rfc822_text d -> form "rfc822-text" [ opt str d ]
  | `Rfc822_size n -> form "rfc822-size" [ string_of_int n ]
  | `Body m -> form "body" [ mime m ]
  | `Body_structure m -> form "bodystructure" [ mime m ]
  | `Body_section (s, origin, d) -> form "body-section" [ section s; opt string_of_int origin; opt str d ]
  | `Uid n -> form "uid" [ u32 n ]
  | `Modseq n -> form "modseq" [ u64 n ]
  | `Gm_msgid n -> form "gm-msgid" [ u64 n ]
  | `Gm_thrid n -> form "gm-thrid" [ u64 n ]
  | `Gm_labels l -> form "gm-labels" (List.map str l)

let state name (c, text) = form name [ code c; str text ]

let status_response = function
  | `Messages n -> form "messages" [ string_of_int n ]
  | `Recent n -> form "recent" [ string_of_int n ]
  | `Uid_next n -> form "uid-next" [ u32 n ]
  | `Uid_validity n -> form "uid-validity" [ u32 n ]
  | `Unseen n -> form "unseen" [ u32 n ]
  | `Highest_modseq n -> form "highest-modseq" [ u64 n ]

let list_form name (flags, delim, mbox) =
  form name
    [ "(" ^ String.concat " " (List.map mbx_flag flags) ^ ")";
      opt (fun c -> str (String.make 1 c)) delim;
      str mbox ]

let untagged (u : Imap.untagged) =
  match u with
  | `Ok x -> state "ok" x
  | `No x -> state "no" x
  | `Bad x -> state "bad" x
  | `Bye x -> state "bye" x
  | `Preauth x -> state "preauth" x
  | `Flags l -> form "flags" (flags l)
  | `List x -> list_form "list" x
  | `Lsub x -> list_form "lsub" x
  | `Search (l, modseq) ->
    form "search" (List.map u32 l @ match modseq with None -> [] | Some m -> [ form "modseq" [ u64 m ] ])
  | `Status (m, items) -> form "status" (str m :: List.map status_response items)
  | `Exists n -> form "exists" [ string_of_int n ]
  | `Recent n -> form "recent" [ string_of_int n ]
  | `Expunge n -> form "expunge" [ u32 n ]
  | `Fetch (n, items) -> form "fetch" (u32 n :: List.map fetch_response items)
  | `Capability l -> form "capability" (List.map capability l)
  | `Vanished s -> form "vanished" [ set s ]
  | `Vanished_earlier s -> form "vanished-earlier" [ set s ]
  | `Enabled l -> form "enabled" (List.map capability l)

let decode_reason = function
  | `Expected_char c -> Printf.sprintf "(expected-char %C)" c
  | `Expected_string s -> form "expected-string" [ str s ]
  | `Unexpected_char c -> Printf.sprintf "(unexpected-char %C)" c
  | `Unexpected_string s -> form "unexpected-string" [ str s ]
  | `Illegal_char c -> Printf.sprintf "(illegal-char %C)" c
  | `Unexpected_eoi -> "unexpected-eoi"

let error (e : Imap.error) =
  match e with
  | `Incorrect_tag (expected, got) -> form "error" [ "incorrect-tag"; str expected; str got ]
  | `Decode_error (reason, input, pos) -> form "error" [ "decode"; decode_reason reason; str input; string_of_int pos ]
  | `Unexpected_cont -> form "error" [ "unexpected-cont" ]
  | `Bad_greeting -> form "error" [ "bad-greeting" ]
  | `Auth_error s -> form "error" [ "auth"; str s ]
  | `Bad x -> state "bad" x
  | `No x -> state "no" x

type result = [ `Untagged of Imap.untagged | `Ok of Imap.code * string | `Error of Imap.error ]

let outcome : result -> string = function
  | `Untagged u -> untagged u
  | `Ok x -> state "ok" x
  | `Error e -> error e
