//! Reading dates out of strings: ISO 8601 from metadata, and the many ways page text
//! writes a day (`05.03.2024`, `5. März 2024`, `March 5, 2024`, `2024年3月5日`).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::{Day, PublishedDate, TimeOfDay};

/// Month names, from `data/months.tsv`.
static MONTHS: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for line in include_str!("../../data/months.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cells = line.split('\t');
        let (Some(num), Some(names)) = (cells.next(), cells.next()) else {
            continue;
        };
        let Ok(num) = num.trim().parse::<u32>() else {
            continue;
        };
        for name in names.split('|').map(str::trim).filter(|n| !n.is_empty()) {
            map.insert(name.to_lowercase(), num);
        }
    }
    map
});

static MONTH_ALT: LazyLock<String> = LazyLock::new(|| {
    let mut names: Vec<&String> = MONTHS.keys().collect();
    // Longest first, so `march` wins over `mar`.
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names
        .iter()
        .map(|n| regex::escape(n))
        .collect::<Vec<_>>()
        .join("|")
});

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?-u:\b)(\d{4})-(\d{1,2})-(\d{1,2})
        (?:[T\x20](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?
          \s*(Z|[+-]\d{2}(?::?\d{2})?)?
        )?",
    )
    .expect("valid regex")
});

/// The patterns of free text, each with the order of its day, month and year groups.
static TEXT_PATTERNS: LazyLock<Vec<(Regex, Order)>> = LazyLock::new(|| {
    let m = MONTH_ALT.as_str();
    let time = r"(?:,?\s*(?:um\s+|à\s+|at\s+|-\s*)?(\d{1,2})[:.h](\d{2})(?::(\d{2}))?(?:\s?([AaPp])\.?[Mm](?:\.|(?-u:\b)))?)?";
    let p = |s: String| Regex::new(&s).expect("valid regex");
    vec![
        // 2024-03-05, 2024/03/05, 2024.03.05
        (
            p(format!(
                r"(?-u:\b)(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}})(?-u:\b){time}"
            )),
            Order::Ymd,
        ),
        // 05.03.2024, 5.3.2024, 05/03/2024, 05-03-2024 (day first; see `Order::Dmy`)
        (
            p(format!(
                r"(?-u:\b)(\d{{1,2}})\.\s?(\d{{1,2}})\.\s?(\d{{4}})(?-u:\b){time}"
            )),
            Order::Dmy,
        ),
        (
            p(format!(
                r"(?-u:\b)(\d{{1,2}})[/-](\d{{1,2}})[/-](\d{{4}})(?-u:\b){time}"
            )),
            Order::Ambiguous,
        ),
        // 5. März 2024, 5 March 2024, 5th of March, 2024, 5 de marzo de 2024
        (
            p(format!(
                r"(?i)(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th|er|e|\.|º)?\s*(?:of\s+|de\s+)?({m})\.?,?\s+(?:de\s+|del\s+)?(\d{{4}})(?-u:\b){time}"
            )),
            Order::DNameY,
        ),
        // March 5, 2024; March 5th 2024
        (
            p(format!(
                r"(?i)(?-u:\b)({m})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?-u:\b){time}"
            )),
            Order::NameDY,
        ),
        // 2024年3月5日, 2024. 3. 5.
        (
            p(format!(
                r"(\d{{4}})\s*年\s*(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*日{time}"
            )),
            Order::Ymd,
        ),
        (
            p(format!(
                r"(?-u:\b)(\d{{4}})\.\s(\d{{1,2}})\.\s(\d{{1,2}})\.{time}"
            )),
            Order::Ymd,
        ),
        // 05.03.24 (German short form; not part of a longer dotted number)
        (
            p(format!(
                r"(?:^|[^\d.])(\d{{1,2}})\.(\d{{1,2}})\.(\d{{2}})(?:$|[^\d.]|\.(?:$|\D)){time}"
            )),
            Order::DmyShort,
        ),
    ]
});

#[derive(Debug, Clone, Copy)]
enum Order {
    Ymd,
    Dmy,
    /// `a/b/yyyy`: day first unless that is impossible or the hint says month first.
    Ambiguous,
    /// `dd.mm.yy`, years 2000 to 2069 (or 1970 to 1999).
    DmyShort,
    DNameY,
    NameDY,
}

/// Parses a machine-readable date (`2024-03-05`, `2024-03-05T10:00:00+01:00`, also with a
/// space for `T`), anywhere in `s`.
pub(crate) fn parse_iso(s: &str) -> Option<PublishedDate> {
    let c = ISO.captures(s)?;
    let day = Day::new(num(&c, 1)? as i32, num(&c, 2)?, num(&c, 3)?)?;
    let time = time_of(&c, 4, false);
    let offset_minutes = if time.is_some() {
        c.get(7).and_then(|m| parse_offset(m.as_str()))
    } else {
        None
    };
    Some(PublishedDate {
        day,
        time,
        offset_minutes,
    })
}

/// Parses the first date written in any of the common human forms in `s`, or ISO.
/// `month_first` resolves `03/05/2024` as March 5 (US usage) instead of 3 May.
pub(crate) fn parse_loose(s: &str, month_first: bool) -> Option<PublishedDate> {
    all_loose(s, month_first, 1)
        .into_iter()
        .next()
        .map(|(_, d)| d)
}

/// Every date written in `s` (at most `limit`), with its byte offset, in text order.
pub(crate) fn all_loose(s: &str, month_first: bool, limit: usize) -> Vec<(usize, PublishedDate)> {
    let mut found: Vec<(usize, usize, PublishedDate)> = Vec::new();
    for (re, order) in TEXT_PATTERNS.iter() {
        for c in re.captures_iter(s) {
            let whole = c.get(0).expect("group 0");
            if found
                .iter()
                .any(|(start, end, _)| whole.start() < *end && *start < whole.end())
            {
                continue;
            }
            if let Some(d) = date_of(&c, *order, month_first) {
                found.push((whole.start(), whole.end(), d));
            }
        }
    }
    found.sort_by_key(|(start, _, _)| *start);
    found
        .into_iter()
        .take(limit)
        .map(|(s, _, d)| (s, d))
        .collect()
}

fn date_of(c: &Captures, order: Order, month_first: bool) -> Option<PublishedDate> {
    let (y, m, d) = match order {
        Order::Ymd => (num(c, 1)?, num(c, 2)?, num(c, 3)?),
        Order::Dmy => (num(c, 3)?, num(c, 2)?, num(c, 1)?),
        Order::Ambiguous => {
            let (a, b, y) = (num(c, 1)?, num(c, 2)?, num(c, 3)?);
            if a > 12 || (!month_first && b <= 12) {
                (y, b, a)
            } else {
                (y, a, b)
            }
        }
        Order::DmyShort => {
            let yy = num(c, 3)?;
            let y = if yy < 70 { 2000 + yy } else { 1900 + yy };
            (y, num(c, 2)?, num(c, 1)?)
        }
        Order::DNameY => (num(c, 3)?, month_num(c.get(2)?.as_str())?, num(c, 1)?),
        Order::NameDY => (num(c, 3)?, month_num(c.get(1)?.as_str())?, num(c, 2)?),
    };
    let day = Day::new(y as i32, m, d)?;
    Some(PublishedDate {
        day,
        time: time_of(c, 4, true),
        offset_minutes: None,
    })
}

fn month_num(name: &str) -> Option<u32> {
    MONTHS.get(&name.to_lowercase()).copied()
}

fn num(c: &Captures, i: usize) -> Option<u32> {
    c.get(i)?.as_str().parse().ok()
}

/// The time in groups `first` (hour), `first + 1` (minute), `first + 2` (second) and, with
/// `meridiem`, `first + 3` (`a` or `p` of "10:35 PM").
fn time_of(c: &Captures, first: usize, meridiem: bool) -> Option<TimeOfDay> {
    let mut hour = num(c, first)?;
    if meridiem {
        match c.get(first + 3).map(|m| m.as_str().to_ascii_lowercase()) {
            Some(m) if m == "p" && (1..12).contains(&hour) => hour += 12,
            Some(m) if m == "a" && hour == 12 => hour = 0,
            Some(_) if hour > 12 || hour == 0 => return None,
            _ => {}
        }
    }
    let minute = num(c, first + 1)?;
    let second = num(c, first + 2).unwrap_or(0).min(59);
    (hour < 24 && minute < 60).then_some(TimeOfDay {
        hour: hour as u8,
        minute: minute as u8,
        second: second as u8,
    })
}

fn parse_offset(s: &str) -> Option<i16> {
    if s == "Z" {
        return Some(0);
    }
    let sign: i16 = if s.starts_with('-') { -1 } else { 1 };
    let digits: String = s[1..].chars().filter(char::is_ascii_digit).collect();
    let (h, m) = match digits.len() {
        2 => (digits.parse::<i16>().ok()?, 0),
        4 => (
            digits[..2].parse::<i16>().ok()?,
            digits[2..].parse::<i16>().ok()?,
        ),
        _ => return None,
    };
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loose(s: &str) -> String {
        parse_loose(s, false)
            .map(|d| d.day.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn iso_keeps_the_page_offset() {
        let d = parse_iso("2024-03-05T23:30:00-05:00").unwrap();
        assert_eq!(d.to_string(), "2024-03-05T23:30:00-05:00");
        assert_eq!(parse_iso("2024-03-05").unwrap().to_string(), "2024-03-05");
        assert_eq!(
            parse_iso("2024-03-05 10:00:00Z").unwrap().to_string(),
            "2024-03-05T10:00:00Z"
        );
        assert!(parse_iso("2024-02-30").is_none());
    }

    #[test]
    fn human_forms() {
        assert_eq!(
            loose("Veröffentlicht am 05.03.2024 um 10:15 Uhr"),
            "2024-03-05"
        );
        assert_eq!(loose("Berlin, 5. März 2024"), "2024-03-05");
        assert_eq!(loose("Posted March 5th, 2024"), "2024-03-05");
        assert_eq!(loose("le 5 mars 2024"), "2024-03-05");
        assert_eq!(loose("5 de marzo de 2024"), "2024-03-05");
        assert_eq!(loose("2024年3月5日"), "2024-03-05");
        assert_eq!(loose("13/03/2024"), "2024-03-13");
        assert_eq!(loose("von K. Muster, 8.5.12"), "2012-05-08");
        assert_eq!(loose("28.01.22 / 0 Kommentare"), "2022-01-28");
        assert_eq!(loose("Version 1.2.22.4"), "");
        let pm = parse_loose("Posted: Nov 8, 2023 10:35 PM PST", true).unwrap();
        assert_eq!(pm.to_string(), "2023-11-08T22:35:00");
        let am = parse_loose("March 5, 2024 at 12:10 a.m.", true).unwrap();
        assert_eq!(am.to_string(), "2024-03-05T00:10:00");
        assert_eq!(
            parse_loose("03/05/2024", true).unwrap().day.to_string(),
            "2024-03-05"
        );
    }
}
