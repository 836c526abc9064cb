module U = Unsigned.UInt64

type t = U.t

let zero = U.zero
let one = U.one
let max_int = U.max_int
let of_int = U.of_int
let to_int = U.to_int
let of_int64 = U.of_int64
let to_int64 = U.to_int64

let of_string_opt s =
  let digits = String.length s > 0 && String.for_all (fun c -> c >= '0' && c <= '9') s in
  if not digits then None
  else
    (* Reject overflow: [U.of_string] wraps silently on some versions. *)
    match U.of_string s with
    | n when U.to_string n = (let i = ref 0 in
                               while !i < String.length s - 1 && s.[!i] = '0' do incr i done;
                               String.sub s !i (String.length s - !i)) -> Some n
    | _ -> None
    | exception Failure _ -> None

let of_string s =
  match of_string_opt s with Some n -> n | None -> failwith "Uint64.of_string"

let to_string = U.to_string
let compare = U.compare
let equal = U.equal
let add = U.add
let sub = U.sub
let mul = U.mul
let div = U.div
let rem = U.rem
let succ = U.succ
let pred = U.pred
let pp ppf n = Format.pp_print_string ppf (U.to_string n)
