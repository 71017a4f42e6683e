//! GDELT 2.0 Events and Mentions TSV: tab-separated, no header, columns in the
//! order of the GDELT codebook, so tools written for GDELT read dyad's events.
//!
//! What dyad does not know is left empty (geography) or zero (tone), as GDELT
//! leaves fields it could not fill.
use std::io::Write;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::actor_code::split;
use super::{write_error, EventWriter, MentionWriter};
use crate::error::Result;
use crate::record::{ActorRecord, EventRecord, MentionRecord};

/// Number of columns of a GDELT 2.0 Events row.
pub const GDELT_EVENT_COLUMNS: usize = 61;
/// Number of columns of a GDELT 2.0 Mentions row.
pub const GDELT_MENTION_COLUMNS: usize = 16;

/// Columns 35 to 58: Actor1Geo_*, Actor2Geo_*, ActionGeo_* (8 each).
const GEO_COLUMNS: usize = 24;

/// Writes GDELT 2.0 Events rows.
pub struct GdeltEvents<'w> {
    out: &'w mut dyn Write,
    target: String,
    line: String,
}

impl<'w> GdeltEvents<'w> {
    /// A writer to `out`; `target` names it in errors.
    pub fn new(out: &'w mut dyn Write, target: &str) -> Self {
        GdeltEvents {
            out,
            target: target.to_string(),
            line: String::new(),
        }
    }
}

/// One GDELT Events row, without its line end.
pub fn event_row(e: &EventRecord) -> Vec<String> {
    let mut f: Vec<String> = Vec::with_capacity(GDELT_EVENT_COLUMNS);
    f.push(e.id.to_string());
    f.push(e.day.format("%Y%m%d").to_string());
    f.push(e.day.format("%Y%m").to_string());
    f.push(e.day.year().to_string());
    f.push(format!("{:.4}", fraction_date(e.day)));
    actor_columns(&mut f, &e.source);
    actor_columns(&mut f, &e.target);
    f.push(u8::from(e.is_root_event).to_string());
    f.push(e.event_code.clone());
    f.push(e.base_code.clone());
    f.push(e.root_code.clone());
    f.push(e.quad_class.to_string());
    f.push(e.goldstein.to_string());
    f.push(e.num_mentions.to_string());
    f.push(e.num_sources.to_string());
    f.push(e.num_articles.to_string());
    f.push("0".to_string()); // AvgTone: dyad does not measure tone.
    f.extend(std::iter::repeat_n(String::new(), GEO_COLUMNS));
    f.push(gdelt_time(e.first_seen));
    f.push(e.source_url.clone().unwrap_or_default());
    debug_assert_eq!(f.len(), GDELT_EVENT_COLUMNS);
    f
}

fn actor_columns(f: &mut Vec<String>, a: &ActorRecord) {
    let p = split(a);
    f.push(a.code.clone());
    f.push(a.name.clone());
    f.push(p.country);
    f.push(p.known_group);
    f.push(p.ethnic);
    f.extend(p.religion);
    f.extend(p.types);
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

impl EventWriter for GdeltEvents<'_> {
    fn event(&mut self, event: &EventRecord, _: Option<&MentionRecord>) -> Result<()> {
        write_row(&mut self.line, &event_row(event));
        self.out
            .write_all(self.line.as_bytes())
            .map_err(write_error(&self.target))
    }

    fn finish(&mut self) -> Result<()> {
        self.out.flush().map_err(write_error(&self.target))
    }
}

/// Writes GDELT 2.0 Mentions rows.
pub struct GdeltMentions<'w> {
    out: &'w mut dyn Write,
    target: String,
    line: String,
}

impl<'w> GdeltMentions<'w> {
    /// A writer to `out`; `target` names it in errors.
    pub fn new(out: &'w mut dyn Write, target: &str) -> Self {
        GdeltMentions {
            out,
            target: target.to_string(),
            line: String::new(),
        }
    }
}

/// One GDELT Mentions row.
pub fn mention_row(m: &MentionRecord) -> Vec<String> {
    let offset = |text: &str| actor_offset(m, text).map_or(-1, |o| o as i64);
    let confidence = (m.confidence * 100.0).round().clamp(0.0, 100.0) as u8;
    let f = vec![
        m.event_id.to_string(),
        gdelt_time(m.event_first_seen),
        gdelt_time(m.ingested_at),
        // 1 WEB when the document has a URL; else 2 CITATIONONLY with its key.
        if m.url.is_some() { "1" } else { "2" }.to_string(),
        m.source_name.clone().unwrap_or_default(),
        m.url.clone().unwrap_or_else(|| m.document_key.clone()),
        (m.sentence_index + 1).to_string(),
        offset(&m.source_text).to_string(),
        offset(&m.target_text).to_string(),
        m.trigger_start.to_string(),
        "1".to_string(), // InRawText: the coder reads the text as it stands.
        confidence.to_string(),
        m.document_chars.to_string(),
        "0".to_string(), // MentionDocTone: not measured.
        String::new(),
        String::new(),
    ];
    debug_assert_eq!(f.len(), GDELT_MENTION_COLUMNS);
    f
}

/// Character offset in the document of the actor's words: their first occurrence
/// in the sentence, which is where the coder found them.
fn actor_offset(m: &MentionRecord, text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    let byte = m.sentence.find(text)?;
    Some(m.start + m.sentence[..byte].chars().count() as u64)
}

impl MentionWriter for GdeltMentions<'_> {
    fn mention(&mut self, mention: &MentionRecord) -> Result<()> {
        write_row(&mut self.line, &mention_row(mention));
        self.out
            .write_all(self.line.as_bytes())
            .map_err(write_error(&self.target))
    }

    fn finish(&mut self) -> Result<()> {
        self.out.flush().map_err(write_error(&self.target))
    }
}

/// Joins fields with tabs into `line`, ending it with `\n`. Tabs and line breaks
/// inside a field become spaces: GDELT files have no quoting.
fn write_row(line: &mut String, fields: &[String]) {
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
    use super::*;

    #[test]
    fn fraction_date_follows_gdelt() {
        let d = NaiveDate::from_ymd_opt(1979, 1, 1).unwrap();
        assert_eq!(format!("{:.4}", fraction_date(d)), "1979.0027");
        let d = NaiveDate::from_ymd_opt(2013, 4, 1).unwrap();
        assert_eq!(format!("{:.4}", fraction_date(d)), "2013.2493");
    }

    #[test]
    fn fields_lose_tabs_and_newlines() {
        let mut line = String::new();
        write_row(&mut line, &["a\tb".into(), "c\nd".into()]);
        assert_eq!(line, "a b\tc d\n");
    }
}
