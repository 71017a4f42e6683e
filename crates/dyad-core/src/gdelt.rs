//! GDELT 2.0 event rows: the 61 tab-separated columns of GDELT's Events table, in its
//! order, so tools built for GDELT read dyad's output unchanged.
use chrono::{Datelike, NaiveDate};

use crate::actor::Actor;
use crate::event::Event;

/// Number of columns in a GDELT 2.0 event row.
pub const EVENT_COLUMNS: usize = 61;

/// What a row needs beyond the event itself.
#[derive(Debug, Clone, Default)]
pub struct RowContext<'a> {
    /// GlobalEventID.
    pub global_id: u64,
    /// NumMentions, NumSources, NumArticles.
    pub counts: (u64, u64, u64),
    /// DATEADDED as YYYYMMDDHHMMSS.
    pub date_added: u64,
    /// SOURCEURL (or the document id when there is no URL).
    pub source_url: &'a str,
}

/// GDELT's FractionDate: the year plus the fraction of the year gone.
pub fn fraction_date(d: NaiveDate) -> f64 {
    d.year() as f64 + (d.ordinal() as f64 / 365.0)
}

/// Replaces tabs and line breaks, which GDELT's unquoted format cannot carry.
pub fn field(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn actor_fields(a: &Actor, out: &mut Vec<String>) {
    // Type codes are the three-letter blocks after the country or group prefix.
    let rest = match (&a.country, &a.group) {
        (Some(c), _) if a.code.starts_with(c.as_str()) => &a.code[c.len()..],
        (None, Some(_)) if a.code.len() > 3 && a.code.starts_with("IGO") => "",
        _ => &a.code[..0],
    };
    let mut types: Vec<&str> = (0..rest.len() / 3)
        .map(|i| &rest[i * 3..i * 3 + 3])
        .collect();
    if a.code.starts_with("IGO") || a.code.starts_with("NGO") || a.code.starts_with("IMG") {
        types = vec![&a.code[..3]];
    }
    let group = a.group.clone().unwrap_or_default();
    out.push(field(&a.code));
    out.push(field(&a.name.to_uppercase()));
    out.push(a.country.clone().unwrap_or_default());
    out.push(group);
    out.push(String::new()); // ethnic
    out.push(String::new()); // religion 1
    out.push(String::new()); // religion 2
    for i in 0..3 {
        out.push(types.get(i).map(|t| t.to_string()).unwrap_or_default());
    }
}

/// One event as a GDELT 2.0 event row (no line break). Geography and tone are not
/// computed by dyad: geo columns are empty and AvgTone is 0.
pub fn event_row(e: &Event, ctx: &RowContext<'_>) -> String {
    let mut f: Vec<String> = Vec::with_capacity(EVENT_COLUMNS);
    f.push(ctx.global_id.to_string());
    match e.date {
        Some(d) => {
            f.push(d.format("%Y%m%d").to_string());
            f.push(d.format("%Y%m").to_string());
            f.push(d.year().to_string());
            f.push(format!("{:.4}", fraction_date(d)));
        }
        None => f.extend(std::iter::repeat_n(String::new(), 4)),
    }
    actor_fields(&e.source, &mut f);
    actor_fields(&e.target, &mut f);
    f.push(u8::from(e.is_root_event).to_string());
    f.push(e.event_code.clone());
    f.push(e.base_code.clone());
    f.push(e.root_code.clone());
    f.push(e.quad_class.to_string());
    f.push(format!("{:.1}", e.goldstein));
    f.push(ctx.counts.0.to_string());
    f.push(ctx.counts.1.to_string());
    f.push(ctx.counts.2.to_string());
    f.push("0".into()); // AvgTone
    for _ in 0..3 {
        f.push("0".into()); // Geo_Type: no geography
        f.extend(std::iter::repeat_n(String::new(), 7));
    }
    f.push(ctx.date_added.to_string());
    f.push(field(ctx.source_url));
    debug_assert_eq!(f.len(), EVENT_COLUMNS);
    f.join("\t")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Evidence;

    #[test]
    fn row_has_61_columns_in_gdelt_order() {
        let e = Event {
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
        };
        let row = event_row(
            &e,
            &RowContext {
                global_id: 7,
                counts: (2, 1, 2),
                date_added: 20240314120000,
                source_url: "http://x/\ty",
            },
        );
        let cols: Vec<&str> = row.split('\t').collect();
        assert_eq!(cols.len(), EVENT_COLUMNS);
        assert_eq!(cols[0], "7");
        assert_eq!(cols[1], "20240314");
        assert_eq!(cols[5], "RUSGOV");
        assert_eq!(cols[7], "RUS");
        assert_eq!(cols[12], "GOV");
        assert_eq!(cols[15], "IGOWSTNAT");
        assert_eq!(cols[18], "NAT");
        assert_eq!(cols[22], "IGO");
        assert_eq!(
            (cols[25], cols[26], cols[28], cols[29], cols[30]),
            ("1", "112", "11", "3", "-2.0")
        );
        assert_eq!(cols[31], "2");
        assert_eq!(cols[60], "http://x/ y");
    }
}
