(* gen_stubs STUBS.c BINDINGS.ml: the C stubs of Imap_c_functions and
   their OCaml side. *)
let prefix = "imap_ocaml"

let with_formatter path f =
  let oc = open_out path in
  let fmt = Format.formatter_of_out_channel oc in
  f fmt;
  Format.pp_print_flush fmt ();
  close_out oc

let () =
  with_formatter Sys.argv.(1) (fun fmt ->
      Format.pp_print_string fmt "#include \"imap.h\"\n";
      Cstubs.write_c fmt ~prefix (module Imap_c_functions.Make));
  with_formatter Sys.argv.(2) (fun fmt ->
      Format.pp_print_string fmt "[@@@warning \"-a\"]\n";
      Cstubs.write_ml fmt ~prefix (module Imap_c_functions.Make))
