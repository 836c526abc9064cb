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

/// Why a string is not a sequence set (see [`SequenceSet`]'s `FromStr`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ParseSequenceSetError;

impl fmt::Display for ParseSequenceSetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid sequence set")
    }
}

impl std::error::Error for ParseSequenceSetError {}

/// Parses a set in IMAP syntax, strictly: `1`, `3:5`, `1,3:5,9:*`, `*`.
///
/// The set must not be empty; each number is `1` to `4294967295` without
/// leading zeros, or `*` (stored as [`STAR`]); elements are separated by
/// `,` and ranges by `:`, without spaces. `$` is not a sequence set (see
/// `MessageSet::Saved`).
impl std::str::FromStr for SequenceSet {
    type Err = ParseSequenceSetError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        fn number(s: &str) -> Result<u32, ParseSequenceSetError> {
            if s == "*" {
                return Ok(STAR);
            }
            let b = s.as_bytes();
            if b.is_empty() || b[0] == b'0' || !b.iter().all(u8::is_ascii_digit) {
                return Err(ParseSequenceSetError);
            }
            s.parse().map_err(|_| ParseSequenceSetError)
        }
        s.split(',')
            .map(|item| match item.split_once(':') {
                Some((a, b)) => Ok(SeqRange::range(number(a)?, number(b)?)),
                None => number(item).map(SeqRange::single),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(SequenceSet)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_sets() {
        let p = |s: &str| s.parse::<SequenceSet>();
        assert_eq!(p("1"), Ok(SequenceSet(vec![SeqRange::single(1)])));
        assert_eq!(p("*"), Ok(SequenceSet(vec![SeqRange::single(STAR)])));
        assert_eq!(
            p("1,3:5,9:*,4:2,*:7"),
            Ok(SequenceSet(vec![
                SeqRange::single(1),
                SeqRange::range(3, 5),
                SeqRange::range(9, STAR),
                SeqRange::range(4, 2),
                SeqRange::range(STAR, 7),
            ]))
        );
        assert_eq!(p("4294967295"), Ok(SequenceSet(vec![SeqRange::single(u32::MAX)])));
        assert_eq!(p("1:5,7,9:*").map(|s| s.to_string()), Ok("1:5,7,9:*".to_string()));
        for bad in [
            "",
            "0",
            "01",
            "4294967296",
            "1,",
            ",1",
            "1,,2",
            "1:",
            ":1",
            "1:2:3",
            " 1",
            "1 ",
            "1, 2",
            "$",
            "a",
            "-1",
            "+1",
            "**",
        ] {
            assert_eq!(p(bad), Err(ParseSequenceSetError), "{bad:?}");
        }
    }
}
