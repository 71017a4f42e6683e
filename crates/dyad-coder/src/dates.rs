//! Dates in the text, resolved against the document's date: "on Tuesday", "last
//! month", "in June 2023", "March 5, 2024", "in 2022". The day an event happened is
//! the one its sentence names, else the document's date.
use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::tokens::Token;

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_of(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| {
            *m == w
                || (w.len() >= 3 && m.starts_with(w) && w != "mar" && w != "may")
                || (w == "mar" && *m == "march")
        })
        .map(|i| i as u32 + 1)
}

/// A month or weekday name ("Friday", "March"): words that say when.
pub(crate) fn is_date_word(w: &str) -> bool {
    month_of(w).is_some() || weekday_of(w).is_some()
}

fn weekday_of(w: &str) -> Option<Weekday> {
    Some(match w {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn year_of(t: &Token) -> Option<i32> {
    (t.norm.len() == 4 && t.norm.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.norm.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

/// The first date a sentence names, resolved against `anchor` (the document's date).
/// Month-level dates give the month's first day (or the anchor itself in the anchor's
/// month); year-level dates the year's first day (or the anchor in the anchor's year).
pub fn resolve(tokens: &[Token], anchor: Option<NaiveDate>) -> Option<NaiveDate> {
    resolve_all(tokens, anchor).first().map(|&(_, d)| d)
}

/// Every date a sentence names, with the token where it stands.
pub fn resolve_all(tokens: &[Token], anchor: Option<NaiveDate>) -> Vec<(usize, NaiveDate)> {
    let mut out = Vec::new();
    let mut from = 0;
    while from < tokens.len() {
        match resolve_from(tokens, from, anchor) {
            Some((i, d)) => {
                out.push((i, d));
                from = i + 1;
            }
            None => break,
        }
    }
    out
}

fn resolve_from(
    tokens: &[Token],
    from: usize,
    anchor: Option<NaiveDate>,
) -> Option<(usize, NaiveDate)> {
    let found = |i: usize, d: Option<NaiveDate>| d.map(|d| (i, d));
    for (i, t) in tokens.iter().enumerate().skip(from) {
        let w = t.norm.as_str();
        let next = tokens.get(i + 1);
        let prev = i.checked_sub(1).map(|p| tokens[p].norm.as_str());
        // Month names: "June 2023", "March 5, 2024", "5 March 2024", "in September".
        if let Some(m) = month_of(w) {
            if w == "may" && !t.is_capitalized() {
                continue;
            }
            if w == "march" && !t.is_capitalized() {
                continue;
            }
            let day_after = next
                .and_then(|n| n.norm.parse::<u32>().ok())
                .filter(|d| (1..=31).contains(d));
            let day_before = prev
                .and_then(|p| p.parse::<u32>().ok())
                .filter(|d| (1..=31).contains(d));
            let year = tokens[i + 1..tokens.len().min(i + 4)]
                .iter()
                .find_map(year_of);
            let day = day_after.or(day_before);
            let year = match year {
                Some(y) => Some(y),
                None => anchor.map(|a| {
                    // The latest such month not after the anchor.
                    if m > a.month() {
                        a.year() - 1
                    } else {
                        a.year()
                    }
                }),
            };
            if day.is_none() && year.is_none() {
                continue;
            }
            let Some(y) = year else { continue };
            return found(
                i,
                match day {
                    Some(d) => NaiveDate::from_ymd_opt(y, m, d),
                    None => month_start_or_anchor(y, m, anchor),
                },
            );
        }
        match (prev, w) {
            (_, "yesterday") => return found(i, anchor.and_then(|a| a.pred_opt())),
            (_, "today") | (_, "tonight") => return found(i, anchor),
            (Some("last"), "week") => return found(i, anchor.map(|a| a - Duration::days(7))),
            (Some("this"), "week") => return found(i, anchor),
            (Some("last"), "month") => {
                return found(
                    i,
                    anchor.and_then(|a| {
                        let (y, m) = if a.month() == 1 {
                            (a.year() - 1, 12)
                        } else {
                            (a.year(), a.month() - 1)
                        };
                        NaiveDate::from_ymd_opt(y, m, 1)
                    }),
                )
            }
            (Some("this"), "month") => return found(i, anchor),
            (Some("last"), "year") => {
                return found(
                    i,
                    anchor.and_then(|a| NaiveDate::from_ymd_opt(a.year() - 1, 1, 1)),
                )
            }
            _ => {}
        }
        if let (Some(day), Some(a)) = (weekday_of(w), anchor) {
            // The latest such weekday not after the anchor.
            let mut d = a;
            for _ in 0..7 {
                if d.weekday() == day {
                    return Some((i, d));
                }
                d = d.pred_opt()?;
            }
        }
        if matches!(
            prev,
            Some("in" | "since" | "during" | "early" | "late" | "mid")
        ) {
            if let Some(y) = year_of(t) {
                return found(
                    i,
                    match anchor {
                        Some(a) if a.year() == y => Some(a),
                        _ => NaiveDate::from_ymd_opt(y, 1, 1),
                    },
                );
            }
        }
    }
    None
}

fn month_start_or_anchor(y: i32, m: u32, anchor: Option<NaiveDate>) -> Option<NaiveDate> {
    match anchor {
        Some(a) if a.year() == y && a.month() == m => Some(a),
        _ => NaiveDate::from_ymd_opt(y, m, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn r(s: &str, anchor: &str) -> Option<String> {
        let a = NaiveDate::parse_from_str(anchor, "%Y-%m-%d").ok();
        resolve(&tokenize(s, 0, s.len()), a).map(|d| d.to_string())
    }

    #[test]
    fn resolves_relative_and_absolute_dates() {
        let a = "2024-03-14"; // a Thursday
        assert_eq!(
            r("It happened on Tuesday.", a).as_deref(),
            Some("2024-03-12")
        );
        assert_eq!(r("Last month, it left.", a).as_deref(), Some("2024-02-01"));
        assert_eq!(
            r("He said in June 2023 that", a).as_deref(),
            Some("2023-06-01")
        );
        assert_eq!(
            r("in September announced", a).as_deref(),
            Some("2023-09-01")
        );
        assert_eq!(
            r("on March 5, 2024, troops", a).as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(
            r("on 5 March 2024 troops", a).as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(r("apparent in 2022 when", a).as_deref(), Some("2022-01-01"));
        assert_eq!(r("They may meet.", a), None);
        assert_eq!(r("No date here.", a), None);
    }
}
