//! A pair's timeline: day-level counts folded into days, ISO weeks or months, each
//! direction apart and both together, with empty periods filled in so a chart's
//! x axis is continuous.
use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate, Weekday};
use serde::Serialize;

use crate::aggregate::PairDay;
use crate::error::ApiError;
use crate::model::Counts;
use crate::params::DayRange;

/// The width of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    /// One day.
    Day,
    /// An ISO week, Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
}

impl Interval {
    /// Parses `day`, `week` or `month`.
    pub fn parse(v: Option<&str>) -> Result<Self, ApiError> {
        match v.unwrap_or("month") {
            "day" => Ok(Interval::Day),
            "week" => Ok(Interval::Week),
            "month" => Ok(Interval::Month),
            other => Err(ApiError::bad_parameter(
                "interval",
                format!("{other:?} is not one of day, week, month"),
            )),
        }
    }

    /// First day of the period holding `d`.
    pub fn start(self, d: NaiveDate) -> NaiveDate {
        match self {
            Interval::Day => d,
            Interval::Week => d.week(Weekday::Mon).first_day(),
            Interval::Month => d.with_day(1).unwrap_or(d),
        }
    }

    /// First day of the next period.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Interval::Day => start.succ_opt().unwrap_or(start),
            Interval::Week => start + chrono::Duration::days(7),
            Interval::Month => start.checked_add_months(Months::new(1)).unwrap_or(start),
        }
    }

    /// The period's label: `2024-03-05`, `2024-W10`, `2024-03`.
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Interval::Day => start.to_string(),
            Interval::Week => start.format("%G-W%V").to_string(),
            Interval::Month => start.format("%Y-%m").to_string(),
        }
    }
}

/// One period of a pair's timeline.
#[derive(Debug, Clone, Serialize)]
pub struct Period {
    /// Label (`2024-03`).
    pub period: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day, inclusive.
    pub end: NaiveDate,
    /// Events with `a` as source and `b` as target.
    pub a_to_b: Counts,
    /// Events with `b` as source and `a` as target.
    pub b_to_a: Counts,
    /// Both directions.
    pub combined: Counts,
}

/// Most periods one answer holds; ten years of days fit.
pub const MAX_PERIODS: usize = 5000;

/// Folds day-level counts into periods, filling gaps between the first and last
/// period (or the asked range, when both ends are given).
pub fn fold(
    days: &[PairDay],
    interval: Interval,
    range: DayRange,
) -> Result<Vec<Period>, ApiError> {
    let mut by_start: BTreeMap<NaiveDate, (Counts, Counts)> = BTreeMap::new();
    for &(day, fwd, q, n, g) in days {
        let e = by_start.entry(interval.start(day)).or_default();
        if fwd {
            e.0.add(q, n, g)
        } else {
            e.1.add(q, n, g)
        }
    }
    let first = range
        .from
        .map(|d| interval.start(d))
        .or_else(|| by_start.keys().next().copied());
    let last = range
        .to
        .map(|d| interval.start(d))
        .or_else(|| by_start.keys().next_back().copied());
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let mut start = first;
    while start <= last {
        if out.len() >= MAX_PERIODS {
            return Err(ApiError::bad_parameter(
                "interval",
                format!("more than {MAX_PERIODS} periods: use a wider interval or a shorter from/to range"),
            ));
        }
        let next = interval.next(start);
        let (a_to_b, b_to_a) = by_start.get(&start).copied().unwrap_or_default();
        let mut combined = a_to_b;
        combined.merge(&b_to_a);
        let end = next.pred_opt().unwrap_or(start);
        out.push(Period {
            period: interval.label(start),
            start,
            end,
            a_to_b,
            b_to_a,
            combined,
        });
        start = next;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn months_fold_both_directions_and_fill_gaps() {
        let days = vec![
            (d("2024-01-05"), true, 1, 2, 6.0),
            (d("2024-01-20"), false, 4, 1, -10.0),
            (d("2024-03-01"), true, 3, 1, -2.0),
        ];
        let p = fold(&days, Interval::Month, DayRange::default()).unwrap();
        assert_eq!(
            p.iter().map(|p| p.period.as_str()).collect::<Vec<_>>(),
            ["2024-01", "2024-02", "2024-03"]
        );
        assert_eq!(p[0].a_to_b.q1, 2);
        assert_eq!(p[0].b_to_a.q4, 1);
        assert_eq!(p[0].combined.events, 3);
        assert_eq!(p[0].end, d("2024-01-31"));
        assert_eq!(p[1].combined.events, 0);
        assert_eq!(p[1].combined.goldstein_mean, None);
    }

    #[test]
    fn weeks_start_on_monday_with_iso_labels() {
        let days = vec![(d("2024-03-10"), true, 1, 1, 1.0)]; // a Sunday
        let p = fold(&days, Interval::Week, DayRange::default()).unwrap();
        assert_eq!(p[0].start, d("2024-03-04"));
        assert_eq!(p[0].period, "2024-W10");
    }

    #[test]
    fn too_many_periods_is_a_bad_interval() {
        let r = DayRange {
            from: Some(d("1900-01-01")),
            to: Some(d("2024-01-01")),
        };
        assert_eq!(
            fold(&[], Interval::Day, r)
                .unwrap_err()
                .parameter
                .as_deref(),
            Some("interval")
        );
    }
}
