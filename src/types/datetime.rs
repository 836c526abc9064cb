//! Dates and times (RFC 9051 `date-time` and `date`).

use std::fmt;

/// A month, day and year, as in a SEARCH `date` (e.g. `1-Feb-1994`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// The year, e.g. 1994.
    pub year: u16,
    /// The month, 1 (January) to 12 (December).
    pub month: u8,
    /// The day of the month, 1 to 31.
    pub day: u8,
}

/// A date and time with its zone, as in INTERNALDATE and SAVEDATE
/// (e.g. `17-Jul-1996 02:44:25 -0700`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateTime {
    /// The calendar date.
    pub date: Date,
    /// Hours, 0 to 23.
    pub hour: u8,
    /// Minutes, 0 to 59.
    pub minute: u8,
    /// Seconds, 0 to 60 (a leap second is allowed).
    pub second: u8,
    /// The zone: minutes east of UTC, e.g. -420 for `-0700`, 330 for `+0530`.
    pub zone_minutes: i16,
}

/// English three-letter month names as IMAP writes them.
pub const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

impl Date {
    /// A date, if the fields are in range (the day is checked against the month).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days).then_some(Date { year, month, day })
    }
}

/// Writes the IMAP form, `1-Feb-1994`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let month = MONTHS.get(usize::from(self.month).wrapping_sub(1)).unwrap_or(&"???");
        write!(f, "{}-{}-{:04}", self.day, month, self.year)
    }
}

impl DateTime {
    /// The ISO 8601 form, e.g. `1996-07-17T02:44:25-07:00`.
    pub fn to_iso8601(&self) -> String {
        let sign = if self.zone_minutes < 0 { '-' } else { '+' };
        let zone = self.zone_minutes.unsigned_abs();
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}",
            self.date.year,
            self.date.month,
            self.date.day,
            self.hour,
            self.minute,
            self.second,
            sign,
            zone / 60,
            zone % 60
        )
    }
}

/// Writes the IMAP form without quotes, `17-Jul-1996 02:44:25 -0700`.
impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let month = MONTHS.get(usize::from(self.date.month).wrapping_sub(1)).unwrap_or(&"???");
        let sign = if self.zone_minutes < 0 { '-' } else { '+' };
        let zone = self.zone_minutes.unsigned_abs();
        write!(
            f,
            "{:02}-{}-{:04} {:02}:{:02}:{:02} {}{:02}{:02}",
            self.date.day,
            month,
            self.date.year,
            self.hour,
            self.minute,
            self.second,
            sign,
            zone / 60,
            zone % 60
        )
    }
}
