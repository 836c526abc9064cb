type case = { name : string; origin : string; input : string; out : string list }

let unescape s =
  let b = Buffer.create (String.length s) in
  let n = String.length s in
  let rec go i =
    if i < n then
      if s.[i] <> '\\' || i + 1 >= n then (
        Buffer.add_char b s.[i];
        go (i + 1))
      else
        match s.[i + 1] with
        | 'r' -> Buffer.add_char b '\r'; go (i + 2)
        | 'n' -> Buffer.add_char b '\n'; go (i + 2)
        | 't' -> Buffer.add_char b '\t'; go (i + 2)
        | '\\' -> Buffer.add_char b '\\'; go (i + 2)
        | '"' -> Buffer.add_char b '"'; go (i + 2)
        | 'x' ->
          Buffer.add_char b (Char.chr (int_of_string ("0x" ^ String.sub s (i + 2) 2)));
          go (i + 4)
        | c -> failwith (Printf.sprintf "unknown escape \\%c in %S" c s)
  in
  go 0;
  Buffer.contents b

let rec dir_from d =
  let candidate = Filename.concat d (Filename.concat "tests" (Filename.concat "vectors" "decode")) in
  if Sys.file_exists candidate && Sys.is_directory candidate then candidate
  else
    let parent = Filename.dirname d in
    if parent = d then failwith "tests/vectors/decode not found above the current directory (set IMAP_VECTORS)"
    else dir_from parent

let dir () = match Sys.getenv_opt "IMAP_VECTORS" with Some d -> d | None -> dir_from (Sys.getcwd ())

let read_lines path =
  let ic = open_in_bin path in
  let rec go acc = match input_line ic with l -> go (l :: acc) | exception End_of_file -> List.rev acc in
  let lines = go [] in
  close_in ic;
  lines

let read_file path =
  let file = Filename.basename path in
  let cases = ref [] in
  let current = ref None in
  List.iteri
    (fun i line ->
       let at = Printf.sprintf "%s:%d" file (i + 1) in
       let word, rest =
         match String.index_opt line ' ' with
         | Some k -> (String.sub line 0 k, String.sub line (k + 1) (String.length line - k - 1))
         | None -> (line, "")
       in
       if String.trim line = "" || line.[0] = '#' then ()
       else
         match (word, !current) with
         | "case", None -> current := Some { name = rest; origin = at; input = ""; out = [] }
         | "end", Some c ->
           cases := { c with out = List.rev c.out } :: !cases;
           current := None
         | "in", Some c -> current := Some { c with input = c.input ^ unescape rest }
         | "out", Some c -> current := Some { c with out = rest :: c.out }
         | _, Some _ -> ()
         | _, None -> failwith (at ^ ": " ^ word ^ " outside a case"))
    (read_lines path);
  if !current <> None then failwith (file ^ ": last case has no end");
  List.rev !cases

let read_dir d =
  Sys.readdir d |> Array.to_list
  |> List.filter (fun f -> Filename.check_suffix f ".txt")
  |> List.sort compare
  |> List.concat_map (fun f -> read_file (Filename.concat d f))
