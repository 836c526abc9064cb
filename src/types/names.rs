//! The one way protocol names are declared: each concept's names (response
//! codes, FETCH items, and the decoder's grammar keywords) are written once,
//! in a [`names!`] enum, and every layer (decoder, encoder, FFI) converts
//! through its `from_name` and `name`.

/// Declares a `Copy` enum of protocol names, each variant with its wire
/// name, and gives it:
/// - `from_name(&[u8]) -> Option<Self>`, ignoring ASCII case: an exact
///   match first (servers send upper case; a `match` on constant slices
///   compiles to a length switch and word compares), then an upper-cased
///   one;
/// - `name(self) -> &'static [u8]`, the name as sent;
/// - `ALL`, every variant in declaration order.
macro_rules! names {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $word:literal),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        $vis enum $name {
            $($(#[$vmeta])* $variant),*
        }

        #[allow(dead_code)]
        impl $name {
            /// Every name, in declaration order.
            $vis const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The one called `word`, ignoring ASCII case; `None` for a
            /// name this crate does not know.
            #[inline]
            $vis fn from_name(word: &[u8]) -> Option<Self> {
                match word {
                    $($word => return Some(Self::$variant),)*
                    _ => {}
                }
                $(if word.eq_ignore_ascii_case($word) {
                    return Some(Self::$variant);
                })*
                None
            }

            /// The name as sent on the wire.
            $vis const fn name(self) -> &'static [u8] {
                match self {
                    $(Self::$variant => $word),*
                }
            }
        }
    };
}
pub(crate) use names;
