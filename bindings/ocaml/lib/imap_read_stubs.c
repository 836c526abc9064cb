/* Reading the response structs of libimap from OCaml: loads at an address
 * (the layouts come from ctypes' Cstubs_structs, i.e. from the C compiler)
 * and the one copy of a byte string into an OCaml string. The loads are
 * [@@noalloc] externals on untagged integers: a few instructions each,
 * where a ctypes field read allocates a pointer and calls into its
 * runtime. Addresses are OCaml ints (user-space addresses fit in 62 bits).
 * Each function has a bytecode twin taking and returning OCaml values. */

#include <stdint.h>
#include <string.h>
#include <caml/alloc.h>
#include <caml/mlvalues.h>

#define LOAD(name, type)                                                   \
  intnat imap_ocaml_##name(intnat a) { return (intnat) * (const type *)a; } \
  value imap_ocaml_##name##_byte(value a) { return Val_long(imap_ocaml_##name(Long_val(a))); }

LOAD(u8, uint8_t)
LOAD(u16, uint16_t)
LOAD(i16, int16_t)
LOAD(u32, uint32_t)
LOAD(word, intnat)

/* A uint64_t, as the bits of an int64. */
int64_t imap_ocaml_u64(intnat a) { return (int64_t) * (const uint64_t *)a; }
value imap_ocaml_u64_byte(value a) { return caml_copy_int64(imap_ocaml_u64(Long_val(a))); }

/* The `len` bytes at `a`, copied into a new OCaml string. */
value imap_ocaml_string(intnat a, intnat len)
{
  value s = caml_alloc_string(len);
  memcpy(Bytes_val(s), (const void *)a, len);
  return s;
}
value imap_ocaml_string_byte(value a, value len) { return imap_ocaml_string(Long_val(a), Long_val(len)); }
