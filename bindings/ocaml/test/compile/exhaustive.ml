(* The compile test, part 2: an exhaustive match, without a wildcard, on
   every closed variant type of Imap, as programs written for imap 1.1.0
   have them. Built with warnings 4, 8, 9 and 11 as errors (see dune): a
   constructor missing from Imap is a type error here, an extra one is a
   non-exhaustive match (8), a record pattern missing a field is 9. *)

let flag : Imap.flag -> string = function
  | `Answered -> "answered"
  | `Flagged -> "flagged"
  | `Deleted -> "deleted"
  | `Seen -> "seen"
  | `Draft -> "draft"
  | `Keyword k -> k
  | `Extension e -> e

let fetch_flag : [ Imap.flag | `Recent ] -> string = function
  | #Imap.flag as f -> flag f
  | `Recent -> "recent"

let permanent_flag : [ Imap.flag | `All ] -> string = function
  | #Imap.flag as f -> flag f
  | `All -> "all"

let auth_mechanism : [ `Anonymous | `Login | `Plain ] -> string = function
  | `Anonymous -> "anonymous"
  | `Login -> "login"
  | `Plain -> "plain"

let capability : Imap.capability -> string = function
  | `Acl -> "acl"
  | `Binary -> "binary"
  | `Catenate -> "catenate"
  | `Children -> "children"
  | `Compress_deflate -> "compress"
  | `Condstore -> "condstore"
  | `Enable -> "enable"
  | `Idle -> "idle"
  | `Id -> "id"
  | `Literal_plus -> "literal+"
  | `Multi_append -> "multiappend"
  | `Namespace -> "namespace"
  | `Qresync -> "qresync"
  | `Quote -> "quote"
  | `Sort -> "sort"
  | `Start_tls -> "starttls"
  | `Uid_plus -> "uidplus"
  | `Unselect -> "unselect"
  | `Xlist -> "xlist"
  | `Auth m -> auth_mechanism m
  | `Xoauth2 -> "xoauth2"
  | `Gmail -> "gmail"
  | `Other s -> s

let mbx_flag : Imap.mbx_flag -> string = function
  | `Noselect -> "noselect"
  | `Marked -> "marked"
  | `Unmarked -> "unmarked"
  | `Noinferiors -> "noinferiors"
  | `HasChildren -> "haschildren"
  | `HasNoChildren -> "hasnochildren"
  | `All -> "all"
  | `Archive -> "archive"
  | `Drafts -> "drafts"
  | `Flagged -> "flagged"
  | `Junk -> "junk"
  | `Sent -> "sent"
  | `Trash -> "trash"
  | `Extension e -> e

let code : Imap.code -> string = function
  | `Alert -> "alert"
  | `Bad_charset l -> String.concat " " l
  | `Capability l -> String.concat " " (List.map capability l)
  | `Parse -> "parse"
  | `Permanent_flags l -> String.concat " " (List.map permanent_flag l)
  | `Read_only -> "read-only"
  | `Read_write -> "read-write"
  | `Try_create -> "trycreate"
  | `Uid_next n | `Uid_validity n | `Unseen n -> Uint32.to_string n
  | `Other (k, v) -> k ^ Option.value v ~default:""
  | `Closed -> "closed"
  | `Highest_modseq n -> Uint64.to_string n
  | `No_modseq -> "nomodseq"
  | `Modified s -> string_of_int (List.length s)
  | `Append_uid (a, b) -> Uint32.to_string a ^ Uint32.to_string b
  | `Copy_uid (v, a, b) -> Uint32.to_string v ^ string_of_int (List.length a + List.length b)
  | `Uid_not_sticky -> "uidnotsticky"
  | `Compression_active -> "compressionactive"
  | `Use_attr -> "useattr"
  | `None -> ""

let address { Imap.ad_name; ad_adl; ad_mailbox; ad_host } = ad_name ^ ad_adl ^ ad_mailbox ^ ad_host

let envelope
    { Imap.env_date; env_subject; env_from; env_sender; env_reply_to; env_to; env_cc; env_bcc; env_in_reply_to;
      env_message_id } =
  String.concat " "
    ((env_date :: env_subject :: env_in_reply_to :: [ env_message_id ])
     @ List.map address (List.concat [ env_from; env_sender; env_reply_to; env_to; env_cc; env_bcc ]))

let fields { Imap.fld_params; fld_id; fld_desc; fld_enc; fld_octets } =
  String.concat " " (List.map fst fld_params) ^ Option.value fld_id ~default:"" ^ Option.value fld_desc ~default:""
  ^ fld_enc ^ string_of_int fld_octets

let rec mime : Imap.mime -> string = function
  | `Text (sub, f, lines) -> sub ^ fields f ^ string_of_int lines
  | `Message (f, e, m, lines) -> fields f ^ envelope e ^ mime m ^ string_of_int lines
  | `Basic (t, sub, f) -> t ^ sub ^ fields f
  | `Multiple (parts, sub) -> String.concat " " (List.map mime parts) ^ sub

let rec section : Imap.section -> string = function
  | `Header -> "header"
  | `Header_fields l | `Header_fields_not l -> String.concat " " l
  | `Text -> "text"
  | `Mime -> "mime"
  | `Part (n, s) -> string_of_int n ^ section s
  | `All -> ""

let date { Imap.day; month; year } = day + month + year
let time { Imap.hours; minutes; seconds; zone } = hours + minutes + seconds + zone

let fetch_response : Imap.fetch_response -> string = function
  | `Flags l -> String.concat " " (List.map fetch_flag l)
  | `Envelope e -> envelope e
  | `Internal_date (d, t) -> string_of_int (date d + time t)
  | `Rfc822 s | `Rfc822_header s | `Rfc822_text s -> Option.value s ~default:""
  | `Rfc822_size n -> string_of_int n
  | `Body m | `Body_structure m -> mime m
  | `Body_section (s, origin, data) ->
    section s ^ string_of_int (Option.value origin ~default:0) ^ Option.value data ~default:""
  | `Uid n -> Uint32.to_string n
  | `Modseq n | `Gm_msgid n | `Gm_thrid n -> Uint64.to_string n
  | `Gm_labels l -> String.concat " " l

let status_response : Imap.status_response -> string = function
  | `Messages n | `Recent n -> string_of_int n
  | `Uid_next n | `Uid_validity n | `Unseen n -> Uint32.to_string n
  | `Highest_modseq n -> Uint64.to_string n

let state : Imap.state -> string = function
  | `Ok (c, t) | `No (c, t) | `Bad (c, t) -> code c ^ t

let untagged : Imap.untagged -> string = function
  | #Imap.state as s -> state s
  | `Bye (c, t) | `Preauth (c, t) -> code c ^ t
  | `Flags l -> String.concat " " (List.map flag l)
  | `List (l, d, m) | `Lsub (l, d, m) ->
    String.concat " " (List.map mbx_flag l) ^ Option.fold ~none:"" ~some:(String.make 1) d ^ m
  | `Search (l, m) -> String.concat " " (List.map Uint32.to_string l) ^ Option.fold ~none:"" ~some:Uint64.to_string m
  | `Status (m, l) -> m ^ String.concat " " (List.map status_response l)
  | `Exists n | `Recent n -> string_of_int n
  | `Expunge n -> Uint32.to_string n
  | `Fetch (n, l) -> Uint32.to_string n ^ String.concat " " (List.map fetch_response l)
  | `Capability l | `Enabled l -> String.concat " " (List.map capability l)
  | `Vanished s | `Vanished_earlier s -> string_of_int (List.length s)

let response : Imap.response -> string = function
  | #Imap.untagged as u -> untagged u
  | `Cont s -> s
  | `Tagged (t, s) -> t ^ state s

let decode_reason = function
  | `Expected_char c | `Unexpected_char c | `Illegal_char c -> String.make 1 c
  | `Expected_string s | `Unexpected_string s -> s
  | `Unexpected_eoi -> "eoi"

let error : Imap.error -> string = function
  | `Incorrect_tag (a, b) -> a ^ b
  | `Decode_error (reason, input, pos) -> decode_reason reason ^ input ^ string_of_int pos
  | `Unexpected_cont -> "cont"
  | `Bad_greeting -> "greeting"
  | `Auth_error s -> s
  | `Bad (c, t) | `No (c, t) -> code c ^ t

let run c v =
  match Imap.run c v with
  | `Untagged u -> untagged u
  | `Ok (c, t) -> code c ^ t
  | `Error e -> error e
  | `Await_src -> "src"
  | `Await_dst -> "dst"

let rec search_key : Imap.search_key -> string = function
  | `Seq s | `Uid s -> string_of_int (List.length s)
  | `All -> "all"
  | `Answered -> "answered"
  | `Bcc s | `Body s | `Cc s | `From s | `Keyword s | `Subject s | `Text s | `To s | `Unkeyword s | `Gm_raw s -> s
  | `Before d | `On d | `Sent_before d | `Sent_on d | `Sent_since d | `Since d -> string_of_int (date d)
  | `Deleted -> "deleted"
  | `Draft -> "draft"
  | `Flagged -> "flagged"
  | `Header (a, b) -> a ^ b
  | `Larger n | `Smaller n -> string_of_int n
  | `New -> "new"
  | `Not k -> search_key k
  | `Old -> "old"
  | `Or (a, b) | `And (a, b) -> search_key a ^ search_key b
  | `Recent -> "recent"
  | `Seen -> "seen"
  | `Unanswered -> "unanswered"
  | `Undeleted -> "undeleted"
  | `Undraft -> "undraft"
  | `Unflagged -> "unflagged"
  | `Unseen -> "unseen"
  | `Modseq n | `Gm_msgid n | `Gm_thrid n -> Uint64.to_string n
  | `Gm_labels l -> String.concat " " l

let fetch_query : Imap.fetch_query -> string = function
  | `Envelope -> "envelope"
  | `Internal_date -> "internaldate"
  | `Rfc822_header -> "header"
  | `Rfc822_text -> "text"
  | `Rfc822_size -> "size"
  | `Rfc822 -> "rfc822"
  | `Body -> "body"
  | `Body_section (`Peek, s, p) | `Body_section (`Look, s, p) ->
    section s ^ Option.fold ~none:"" ~some:(fun (a, b) -> string_of_int (a + b)) p
  | `Body_structure -> "bodystructure"
  | `Uid -> "uid"
  | `Flags -> "flags"

let status_query : Imap.status_query -> string = function
  | `Messages -> "messages"
  | `Recent -> "recent"
  | `Uid_next -> "uidnext"
  | `Uid_validity -> "uidvalidity"
  | `Unseen -> "unseen"
  | `Highest_modseq -> "highestmodseq"

let authenticator { Imap.name; step } =
  match step name with
  | `Ok s -> s
  | `Error s -> s
