/* The SASL callback of Imap.authenticate: libimap calls this C function,
 * which calls the OCaml step function held in a global root (its
 * userdata). Written by hand instead of with ctypes.foreign, because
 * libffi closures would make every program link the threads library. */

#include <stdint.h>
#include <caml/alloc.h>
#include <caml/callback.h>
#include <caml/memory.h>
#include <caml/mlvalues.h>
#include "imap.h"

/* imap_auth_fn: `userdata` is a root holding a closure
 * string -> string option (None: cancel), which never raises. */
static int32_t imap_ocaml_auth_step(void *userdata, const uint8_t *challenge, size_t len,
                                    struct imap_auth_reply *reply)
{
  CAMLparam0();
  CAMLlocal2(arg, res);
  if (challenge == NULL)
    CAMLreturnT(int32_t, 1); /* no initial response, as in imap 1.1.0 */
  arg = caml_alloc_initialized_string(len, (const char *)challenge);
  res = caml_callback_exn(*(value *)userdata, arg);
  if (Is_exception_result(res) || Is_long(res))
    CAMLreturnT(int32_t, -1);
  if (imap_auth_reply_set(reply, (const uint8_t *)String_val(Field(res, 0)),
                          caml_string_length(Field(res, 0))) != IMAP_ERROR_OK)
    CAMLreturnT(int32_t, -1);
  CAMLreturnT(int32_t, 0);
}

/* An authenticator for `mechanism` calling `step`; returns
 * (authenticator, root) as native integers (0 on failure), the root to be
 * released with imap_ocaml_auth_release once the authenticator is freed. */
value imap_ocaml_authenticator_new(value mechanism, value step)
{
  CAMLparam2(mechanism, step);
  CAMLlocal1(pair);
  value *root = caml_stat_alloc(sizeof(value));
  *root = step;
  caml_register_generational_global_root(root);
  struct imap_authenticator *a =
      imap_authenticator_new(String_val(mechanism), imap_ocaml_auth_step, root);
  if (a == NULL) {
    caml_remove_generational_global_root(root);
    caml_stat_free(root);
    root = NULL;
  }
  pair = caml_alloc_tuple(2);
  Store_field(pair, 0, caml_copy_nativeint((intnat)a));
  Store_field(pair, 1, caml_copy_nativeint((intnat)root));
  CAMLreturn(pair);
}

/* Releases a root of imap_ocaml_authenticator_new. */
value imap_ocaml_auth_release(value root)
{
  value *r = (value *)Nativeint_val(root);
  if (r != NULL) {
    caml_remove_generational_global_root(r);
    caml_stat_free(r);
  }
  return Val_unit;
}
