//! Lists that a value either borrows or owns.

use std::fmt;
use std::ops::Deref;

/// A list that a decoded value borrows (from the decoder's arena) and a
/// command may own: `Cow<'a, [T]>` without its invariance, so that a
/// `Section<'static>` is usable wherever a `Section<'a>` is.
#[derive(Clone)]
pub enum Slice<'a, T> {
    /// Borrowed elements.
    Borrowed(&'a [T]),
    /// Owned elements.
    Owned(Vec<T>),
}

impl<T> Slice<'_, T> {
    /// The elements.
    pub fn as_slice(&self) -> &[T] {
        match self {
            Slice::Borrowed(s) => s,
            Slice::Owned(v) => v,
        }
    }
}

impl<T> Default for Slice<'_, T> {
    fn default() -> Self {
        Slice::Borrowed(&[])
    }
}

impl<T> Deref for Slice<'_, T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<T: PartialEq> PartialEq for Slice<'_, T> {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: Eq> Eq for Slice<'_, T> {}

impl<T: fmt::Debug> fmt::Debug for Slice<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_slice().fmt(f)
    }
}

impl<'a, T> From<&'a [T]> for Slice<'a, T> {
    fn from(s: &'a [T]) -> Self {
        Slice::Borrowed(s)
    }
}

impl<T> From<Vec<T>> for Slice<'_, T> {
    fn from(v: Vec<T>) -> Self {
        Slice::Owned(v)
    }
}

#[cfg(test)]
mod tests {
    use super::Slice;

    #[test]
    fn borrowed_and_owned_compare_alike() {
        let s: Slice<'_, u32> = Slice::from(&[1, 2][..]);
        assert_eq!(s, Slice::from(vec![1, 2]));
        assert_ne!(s, Slice::from(vec![1, 2, 3]));
        assert_eq!(&*s, &[1, 2]);
        assert_eq!(format!("{:?}", Slice::<u8>::default()), "[]");
    }

    #[test]
    fn a_static_slice_shortens_to_any_lifetime() {
        fn shorten<'a>(s: Slice<'static, Slice<'static, u8>>) -> Slice<'a, Slice<'a, u8>> {
            s
        }
        assert_eq!(shorten(Slice::Owned(vec![Slice::Owned(vec![7])]))[0][0], 7);
    }
}
