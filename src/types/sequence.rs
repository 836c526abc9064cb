//! Sequence sets and UID sets (RFC 9051 `sequence-set`, RFC 4315 `uid-set`).

use std::fmt;

/// The value standing for `*` (the largest number in use) in a [`SeqRange`].
///
/// `0` is never a valid message number or UID, so it cannot be confused
/// with a real one.
pub const STAR: u32 = 0;

/// One element of a sequence set: `start` or `start:end`, as written.
///
/// A single number has `start == end`. [`STAR`] (`0`) stands for `*`.
/// The order is kept as sent: `4:2` is `SeqRange { start: 4, end: 2 }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SeqRange {
    /// The first number, or [`STAR`].
    pub start: u32,
    /// The last number, or [`STAR`]; equal to `start` for a single number.
    pub end: u32,
}

impl SeqRange {
    /// A single number (or [`STAR`]).
    pub const fn single(n: u32) -> Self {
        SeqRange { start: n, end: n }
    }

    /// The range `start:end`.
    pub const fn range(start: u32, end: u32) -> Self {
        SeqRange { start, end }
    }

    /// Whether `n` lies in this range, taking `*` as `largest`.
    pub fn contains(&self, n: u32, largest: u32) -> bool {
        let resolve = |v: u32| if v == STAR { largest } else { v };
        let (a, b) = (resolve(self.start), resolve(self.end));
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        (lo..=hi).contains(&n)
    }
}

/// A sequence set such as `1,3:5,9:*`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct SequenceSet(pub Vec<SeqRange>);

impl SequenceSet {
    /// The ranges, in the order they were written.
    pub fn ranges(&self) -> &[SeqRange] {
        &self.0
    }

    /// Whether the set has no element.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every number the set names, in order, with `*` taken as `largest`
    /// and each range expanded from its low to its high end.
    pub fn iter_numbers(&self, largest: u32) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().flat_map(move |r| {
            let resolve = |v: u32| if v == STAR { largest } else { v };
            let (a, b) = (resolve(r.start), resolve(r.end));
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            lo..=hi
        })
    }
}

impl From<Vec<SeqRange>> for SequenceSet {
    fn from(v: Vec<SeqRange>) -> Self {
        SequenceSet(v)
    }
}

impl fmt::Display for SeqRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let one = |f: &mut fmt::Formatter<'_>, v: u32| {
            if v == STAR {
                f.write_str("*")
            } else {
                write!(f, "{v}")
            }
        };
        one(f, self.start)?;
        if self.end != self.start {
            f.write_str(":")?;
            one(f, self.end)?;
        }
        Ok(())
    }
}

/// Writes the set in IMAP syntax, e.g. `1,3:5,9:*`.
impl fmt::Display for SequenceSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, r) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{r}")?;
        }
        Ok(())
    }
}
