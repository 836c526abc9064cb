type t = int

let mask = 0xFFFF_FFFF
let zero = 0
let one = 1
let max_int = mask
let of_int n = n land mask
let to_int n = n
let of_int32 n = Int32.to_int n land mask
let to_int32 n = Int32.of_int n

let of_string_opt s =
  match int_of_string_opt s with
  | Some n when n >= 0 && n <= mask && s <> "" && s.[0] <> '-' -> Some n
  | _ -> None

let of_string s =
  match of_string_opt s with Some n -> n | None -> failwith "Uint32.of_string"

let to_string = string_of_int
let compare (a : t) b = Stdlib.compare a b
let equal (a : t) b = a = b
let add a b = (a + b) land mask
let sub a b = (a - b) land mask
let mul a b = a * b land mask
let div a b = a / b
let rem a b = a mod b
let succ a = add a 1
let pred a = sub a 1
let pp ppf n = Format.pp_print_int ppf n
