exception Failed of string

let passed = ref 0
let failed = ref 0

let case name f =
  match f () with
  | () -> incr passed
  | exception Failed msg ->
    incr failed;
    Printf.printf "FAIL %s\n  %s\n%!" name msg
  | exception e ->
    incr failed;
    Printf.printf "FAIL %s\n  exception %s\n%!" name (Printexc.to_string e)

let fail fmt = Printf.ksprintf (fun s -> raise (Failed s)) fmt

let equal ~show what expected actual =
  if expected <> actual then
    fail "%s\n  expected: %s\n  actual:   %s" what (show expected) (show actual)

let is_true what b = if not b then fail "%s" what

let finish () =
  Printf.printf "%s: %d passed, %d failed\n%!" (Filename.basename Sys.executable_name) !passed !failed;
  exit (if !failed > 0 then 1 else 0)
