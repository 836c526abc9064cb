type t = Atom of string | Str of string | List of t list

let parse text =
  let n = String.length text in
  let pos = ref 0 in
  let peek () = if !pos < n then Some text.[!pos] else None in
  let rec form () =
    match peek () with
    | Some ' ' ->
      incr pos;
      form ()
    | Some '(' ->
      incr pos;
      List (items [])
    | Some '"' ->
      incr pos;
      Str (quoted (Buffer.create 16))
    | Some _ ->
      let start = !pos in
      while !pos < n && not (List.mem text.[!pos] [ ' '; '('; ')' ]) do
        incr pos
      done;
      Atom (String.sub text start (!pos - start))
    | None -> failwith ("sexp: unexpected end of " ^ text)
  and items acc =
    match peek () with
    | Some ' ' ->
      incr pos;
      items acc
    | Some ')' ->
      incr pos;
      List.rev acc
    | _ -> items (form () :: acc)
  and quoted b =
    if !pos >= n then failwith ("sexp: unterminated string in " ^ text);
    let c = text.[!pos] in
    incr pos;
    match c with
    | '"' -> Buffer.contents b
    | '\\' when !pos < n ->
      let e = text.[!pos] in
      incr pos;
      (match e with
       | 'x' ->
         Buffer.add_char b (Char.chr (int_of_string ("0x" ^ String.sub text !pos 2)));
         pos := !pos + 2
       | 'r' -> Buffer.add_char b '\r'
       | 'n' -> Buffer.add_char b '\n'
       | 't' -> Buffer.add_char b '\t'
       | e -> Buffer.add_char b e);
      quoted b
    | c ->
      Buffer.add_char b c;
      quoted b
  in
  let t = form () in
  while !pos < n && text.[!pos] = ' ' do
    incr pos
  done;
  if !pos <> n then failwith ("sexp: trailing text in " ^ text);
  t

let rec to_string = function
  | Atom a -> a
  | Str s -> Canon.str s
  | List l -> "(" ^ String.concat " " (List.map to_string l) ^ ")"
