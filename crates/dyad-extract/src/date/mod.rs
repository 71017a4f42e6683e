//! Publication dates: the types, and the search of a page for its date.
//!
//! A page gives its date in many places of unequal trust; [`find`] looks at them in order
//! (see `sources.rs`) and keeps the page's own clock: `2024-03-05T23:30:00-05:00` stays on
//! the 5th and is not shifted to UTC.

mod parse;
mod sources;

use std::fmt;

use serde::{Serialize, Serializer};

pub(crate) use sources::{find, find_explained};

/// A calendar day (proleptic Gregorian), always a valid date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    year: i32,
    month: u8,
    day: u8,
}

impl Day {
    /// The day, if `year-month-day` exists (years 1000 to 9999).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Day> {
        if !(1000..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        if day > days_in_month(year, month) {
            return None;
        }
        Some(Day {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    /// Today in UTC, from the system clock.
    pub fn today_utc() -> Day {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Day::from_days_since_epoch((secs / 86_400) as i64)
    }

    /// The day `days` days after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Day {
        // Howard Hinnant's civil-from-days algorithm.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
        Day {
            year: y,
            month: m,
            day: d,
        }
    }

    /// Days since 1970-01-01 (negative before).
    pub(crate) fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days-from-civil algorithm.
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }
    /// The month, 1 to 12.
    pub fn month(&self) -> u32 {
        u32::from(self.month)
    }
    /// The day of the month, 1 to 31.
    pub fn day(&self) -> u32 {
        u32::from(self.day)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Day {
    type Err = String;
    /// Parses `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Day, String> {
        let bad = || format!("not a YYYY-MM-DD day: {s:?}");
        let mut it = s.trim().splitn(3, '-');
        let mut num = || it.next().and_then(|p| p.parse::<u32>().ok());
        let (y, m, d) = (
            num().ok_or_else(bad)?,
            num().ok_or_else(bad)?,
            num().ok_or_else(bad)?,
        );
        Day::new(y as i32, m, d).ok_or_else(bad)
    }
}

pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// A time of day as the page wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    /// 0 to 23.
    pub hour: u8,
    /// 0 to 59.
    pub minute: u8,
    /// 0 to 59 (a leap second is clamped to 59).
    pub second: u8,
}

/// When an article was published, in the page's own clock: the day, and the time and UTC
/// offset when the page gives them. Never converted, so the day is the one the page shows.
///
/// Serialises as ISO 8601: `2024-03-05`, `2024-03-05T10:00:00` or `2024-03-05T10:00:00+01:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PublishedDate {
    /// The publication day.
    pub day: Day,
    /// The time of day, when the page gives one.
    pub time: Option<TimeOfDay>,
    /// The UTC offset of `time` in minutes (`+01:00` is 60), when the page gives one.
    pub offset_minutes: Option<i16>,
}

impl PublishedDate {
    /// A date with no time.
    pub fn from_day(day: Day) -> PublishedDate {
        PublishedDate {
            day,
            time: None,
            offset_minutes: None,
        }
    }
}

impl fmt::Display for PublishedDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.day)?;
        if let Some(t) = self.time {
            write!(f, "T{:02}:{:02}:{:02}", t.hour, t.minute, t.second)?;
            if let Some(off) = self.offset_minutes {
                if off == 0 {
                    f.write_str("Z")?;
                } else {
                    let sign = if off < 0 { '-' } else { '+' };
                    let a = off.unsigned_abs();
                    write!(f, "{sign}{:02}:{:02}", a / 60, a % 60)?;
                }
            }
        }
        Ok(())
    }
}

impl Serialize for PublishedDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_validates_calendar() {
        assert!(Day::new(2024, 2, 29).is_some());
        assert!(Day::new(2023, 2, 29).is_none());
        assert!(Day::new(2024, 4, 31).is_none());
        assert!(Day::new(2024, 13, 1).is_none());
    }

    #[test]
    fn civil_from_days() {
        assert_eq!(Day::from_days_since_epoch(0).to_string(), "1970-01-01");
        assert_eq!(Day::from_days_since_epoch(19_787).to_string(), "2024-03-05");
        for n in [-800_000, -1, 0, 59, 60, 11_016, 19_787, 2_000_000] {
            assert_eq!(Day::from_days_since_epoch(n).days_since_epoch(), n);
        }
    }

    #[test]
    fn iso_display_keeps_offset() {
        let d = PublishedDate {
            day: Day::new(2024, 3, 5).unwrap(),
            time: Some(TimeOfDay {
                hour: 23,
                minute: 30,
                second: 0,
            }),
            offset_minutes: Some(-300),
        };
        assert_eq!(d.to_string(), "2024-03-05T23:30:00-05:00");
        assert_eq!(PublishedDate::from_day(d.day).to_string(), "2024-03-05");
    }
}
