(* Writes to stdout the C program that prints Imap_c_types' layouts. *)
let () =
  print_string "#include \"imap.h\"\n";
  Cstubs_structs.write_c Format.std_formatter (module Imap_c_types.Make)
