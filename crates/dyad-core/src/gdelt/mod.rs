//! GDELT 2.0 event rows: the 61 tab-separated columns of GDELT's Events table, in its
//! order, so tools built for GDELT read dyad's output unchanged.
//!
//! One builder, [`event_row`], serves both a freshly coded [`Event`] (`dyad code
//! --output gdelt`) and a stored event with its counters (the store's export): each
//! fills an [`EventRow`], a borrowed view of what a row needs. Where GDELT's codebook
//! and its published files disagree, the files win (FractionDate, Goldstein's one
//! decimal, upper-case names, Geo_Type 0 for no place).
//!
//! ```
//! use chrono::{NaiveDate, TimeZone, Utc};
//! use dyad_core::gdelt::{event_row, EventRow, RowActor, EVENT_COLUMNS};
//!
//! let row = EventRow {
//!     global_id: 1,
//!     day: NaiveDate::from_ymd_opt(2016, 9, 12),
//!     source: RowActor { code: "RUSGOV", name: "Russia", country: Some("RUS"), group: None },
//!     target: RowActor::default(),
//!     is_root_event: true,
//!     event_code: "112",
//!     base_code: "112",
//!     root_code: "11",
//!     quad_class: 3,
//!     goldstein: -2.0,
//!     num_mentions: 1,
//!     num_sources: 1,
//!     num_articles: 1,
//!     date_added: Utc.with_ymd_and_hms(2016, 9, 12, 8, 15, 0).unwrap(),
//!     source_url: "https://example.com/a",
//! };
//! let columns = event_row(&row);
//! assert_eq!(columns.len(), EVENT_COLUMNS);
//! assert_eq!((&*columns[4], &*columns[6], &*columns[12]), ("2016.6904", "RUSSIA", "GOV"));
//! ```
mod actor_code;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::actor::Actor;
use crate::event::Event;
use actor_code::split;

/// Number of columns in a GDELT 2.0 event row.
pub const EVENT_COLUMNS: usize = 61;

/// Columns 35 to 58 are three places (Actor1Geo_*, Actor2Geo_*, ActionGeo_*) of
/// eight columns each.
const GEO_PLACES: usize = 3;
const GEO_PLACE_COLUMNS: usize = 8;

/// An actor as a row needs it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowActor<'a> {
    /// Full CAMEO actor code (`RUSGOV`); empty when the event has no such actor.
    pub code: &'a str,
    /// Canonical name (`Russia`).
    pub name: &'a str,
    /// CAMEO country code, as the coder's dictionary decided it.
    pub country: Option<&'a str>,
    /// Known-group code (`NAT`), as the coder's dictionary decided it.
    pub group: Option<&'a str>,
}

impl<'a> From<&'a Actor> for RowActor<'a> {
    fn from(a: &'a Actor) -> Self {
        RowActor {
            code: &a.code,
            name: &a.name,
            country: a.country.as_deref(),
            group: a.group.as_deref(),
        }
    }
}

/// Everything one GDELT event row says, borrowed from whoever holds the event.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EventRow<'a> {
    /// GlobalEventID.
    pub global_id: u64,
    /// Day the event happened; its four date columns are empty when unknown.
    pub day: Option<NaiveDate>,
    /// Actor1.
    pub source: RowActor<'a>,
    /// Actor2.
    pub target: RowActor<'a>,
    /// IsRootEvent: reported in the lead of the first document.
    pub is_root_event: bool,
    /// Full CAMEO event code.
    pub event_code: &'a str,
    /// Three-digit base code.
    pub base_code: &'a str,
    /// Two-digit root code.
    pub root_code: &'a str,
    /// QuadClass, 1 to 4.
    pub quad_class: u8,
    /// Goldstein value of the event code.
    pub goldstein: f64,
    /// NumMentions.
    pub num_mentions: u64,
    /// NumSources.
    pub num_sources: u64,
    /// NumArticles.
    pub num_articles: u64,
    /// DATEADDED: when the event was first seen.
    pub date_added: DateTime<Utc>,
    /// SOURCEURL: the first report's URL, or its key when it has none.
    pub source_url: &'a str,
}

/// What the row of a freshly coded event needs beyond the event: the coder knows
/// no ids, counters or times.
#[derive(Debug, Clone, Copy)]
pub struct RowContext<'a> {
    /// GlobalEventID.
    pub global_id: u64,
    /// NumMentions, NumSources, NumArticles.
    pub counts: (u64, u64, u64),
    /// DATEADDED.
    pub date_added: DateTime<Utc>,
    /// SOURCEURL (or the document id when there is no URL).
    pub source_url: &'a str,
}

impl<'a> EventRow<'a> {
    /// The row of a coded event.
    pub fn coded(e: &'a Event, ctx: &RowContext<'a>) -> Self {
        let (num_mentions, num_sources, num_articles) = ctx.counts;
        EventRow {
            global_id: ctx.global_id,
            day: e.date,
            source: RowActor::from(&e.source),
            target: RowActor::from(&e.target),
            is_root_event: e.is_root_event,
            event_code: &e.event_code,
            base_code: &e.base_code,
            root_code: &e.root_code,
            quad_class: e.quad_class,
            goldstein: e.goldstein,
            num_mentions,
            num_sources,
            num_articles,
            date_added: ctx.date_added,
            source_url: ctx.source_url,
        }
    }
}

/// The 61 columns of one event, unescaped; [`write_row`] makes them a line.
/// dyad computes neither geography nor tone: AvgTone is 0 and each place is
/// written as GDELT writes a place it could not match.
pub fn event_row(e: &EventRow<'_>) -> Vec<String> {
    let mut f: Vec<String> = Vec::with_capacity(EVENT_COLUMNS);
    f.push(e.global_id.to_string());
    date_columns(&mut f, e.day);
    actor_columns(&mut f, &e.source);
    actor_columns(&mut f, &e.target);
    f.push(u8::from(e.is_root_event).to_string());
    f.push(e.event_code.to_string());
    f.push(e.base_code.to_string());
    f.push(e.root_code.to_string());
    f.push(e.quad_class.to_string());
    // GDELT always writes one decimal: `1.0`, `-2.0`, `2.8`.
    f.push(format!("{:.1}", e.goldstein));
    f.push(e.num_mentions.to_string());
    f.push(e.num_sources.to_string());
    f.push(e.num_articles.to_string());
    f.push("0".to_string()); // AvgTone
    for _ in 0..GEO_PLACES {
        unmatched_place_columns(&mut f);
    }
    f.push(gdelt_time(e.date_added));
    f.push(e.source_url.to_string());
    debug_assert_eq!(f.len(), EVENT_COLUMNS);
    f
}

/// Day, MonthYear, Year, FractionDate.
fn date_columns(f: &mut Vec<String>, day: Option<NaiveDate>) {
    match day {
        Some(d) => {
            f.push(d.format("%Y%m%d").to_string());
            f.push(d.format("%Y%m").to_string());
            f.push(d.year().to_string());
            f.push(format!("{:.4}", fraction_date(d)));
        }
        None => f.extend(std::iter::repeat_n(String::new(), 4)),
    }
}

/// Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1/2Code,
/// Type1/2/3Code.
fn actor_columns(f: &mut Vec<String>, a: &RowActor<'_>) {
    let parts = split(a);
    f.push(a.code.to_string());
    // GDELT's names are upper case (`UNITED STATES`, `THE POPE`).
    f.push(a.name.to_uppercase());
    f.push(parts.country);
    f.push(parts.known_group);
    f.push(parts.ethnic);
    f.extend(parts.religion);
    f.extend(parts.types);
}

/// GDELT writes Geo_Type 0 for a place it did not match and leaves the other
/// seven columns empty.
fn unmatched_place_columns(f: &mut Vec<String>) {
    f.push("0".to_string());
    f.extend(std::iter::repeat_n(String::new(), GEO_PLACE_COLUMNS - 1));
}

/// GDELT's FractionDate: year + ((month - 1) × 30 + day) / 365. The codebook
/// writes `month × 30`, but GDELT's rows count from January as month zero: its
/// first event day, 1979-01-01, has FractionDate 1979.0027.
pub fn fraction_date(d: NaiveDate) -> f64 {
    f64::from(d.year()) + f64::from(d.month0() * 30 + d.day()) / 365.0
}

/// `YYYYMMDDHHMMSS`, GDELT's DATEADDED and mention times.
pub fn gdelt_time(t: DateTime<Utc>) -> String {
    t.format("%Y%m%d%H%M%S").to_string()
}

/// Joins fields with tabs into `line`, ending it with `\n`. Tabs and line breaks
/// inside a field become spaces: GDELT files have no quoting.
pub fn write_row(line: &mut String, fields: &[String]) {
    line.clear();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            line.push('\t');
        }
        line.extend(f.chars().map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        }));
    }
    line.push('\n');
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::event::Evidence;

    fn nato_accused_by_russia() -> Event {
        Event {
            doc_id: "d".into(),
            event_code: "112".into(),
            root_code: "11".into(),
            base_code: "112".into(),
            quad_class: 3,
            goldstein: -2.0,
            date: NaiveDate::from_ymd_opt(2024, 3, 14),
            source: Actor {
                code: "RUSGOV".into(),
                country: Some("RUS".into()),
                group: None,
                role: Some("GOV".into()),
                name: "Russia".into(),
                text: "Lavrov".into(),
            },
            target: Actor {
                code: "IGOWSTNAT".into(),
                country: None,
                group: Some("NAT".into()),
                role: None,
                name: "NATO".into(),
                text: "NATO".into(),
            },
            evidence: Evidence {
                sentence: "s".into(),
                sentence_index: 0,
                start: 0,
                end: 1,
                trigger: "accused".into(),
                trigger_start: 0,
                trigger_end: 1,
            },
            confidence: 0.9,
            is_root_event: true,
        }
    }

    fn context(url: &str) -> RowContext<'_> {
        RowContext {
            global_id: 7,
            counts: (2, 1, 2),
            date_added: Utc.with_ymd_and_hms(2024, 3, 14, 12, 0, 0).unwrap(),
            source_url: url,
        }
    }

    #[test]
    fn row_has_61_columns_in_gdelt_order() {
        let e = nato_accused_by_russia();
        let mut line = String::new();
        write_row(
            &mut line,
            &event_row(&EventRow::coded(&e, &context("http://x/\ty"))),
        );
        let cols: Vec<&str> = line.trim_end_matches('\n').split('\t').collect();
        assert_eq!(cols.len(), EVENT_COLUMNS);
        assert_eq!(cols[..5], ["7", "20240314", "202403", "2024", "2024.2027"]);
        assert_eq!(
            (cols[5], cols[6], cols[7], cols[8]),
            ("RUSGOV", "RUSSIA", "RUS", "")
        );
        assert_eq!(cols[12..15], ["GOV", "", ""]);
        assert_eq!(
            (cols[15], cols[16], cols[17], cols[18]),
            ("IGOWSTNAT", "NATO", "", "NAT")
        );
        assert_eq!(cols[22..25], ["IGO", "", ""]);
        assert_eq!(
            cols[25..35],
            ["1", "112", "112", "11", "3", "-2.0", "2", "1", "2", "0"]
        );
        for place in cols[35..59].chunks(GEO_PLACE_COLUMNS) {
            assert_eq!(place, ["0", "", "", "", "", "", "", ""]);
        }
        assert_eq!((cols[59], cols[60]), ("20240314120000", "http://x/ y"));
    }

    #[test]
    fn an_undated_event_has_empty_date_columns() {
        let mut e = nato_accused_by_russia();
        e.date = None;
        let cols = event_row(&EventRow::coded(&e, &context("u")));
        assert_eq!(cols.len(), EVENT_COLUMNS);
        assert!(cols[1..5].iter().all(String::is_empty));
    }

    #[test]
    fn fraction_date_follows_gdelt() {
        // Days with their FractionDate in GDELT's published rows.
        for (y, m, d, fraction) in [
            (1979, 1, 1, "1979.0027"),
            (2013, 4, 1, "2013.2493"),
            (2011, 8, 1, "2011.5781"),
            (2016, 9, 12, "2016.6904"),
        ] {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(format!("{:.4}", fraction_date(day)), fraction);
        }
    }

    #[test]
    fn fields_lose_tabs_and_newlines() {
        let mut line = String::new();
        write_row(&mut line, &["a\tb".into(), "c\nd".into()]);
        assert_eq!(line, "a b\tc d\n");
    }
}
