//! GDELT 2.0 Events and Mentions TSV: tab-separated, no header, columns in the
//! order of the GDELT codebook, so tools written for GDELT read dyad's events.
//!
//! The Events row is built by [`dyad_core::gdelt`], which `dyad code --output
//! gdelt` uses too, from a view of the stored event; the Mentions row is the
//! store's alone. What dyad does not know is left empty (geography) or zero
//! (tone), as GDELT leaves fields it could not fill.
use std::io::Write;

use dyad_core::gdelt::{event_row, gdelt_time, write_row, EventRow, RowActor};

use super::{write_error, EventWriter, MentionWriter};
use crate::error::Result;
use crate::record::{ActorRecord, EventRecord, MentionRecord};

/// Number of columns of a GDELT 2.0 Events row.
pub const GDELT_EVENT_COLUMNS: usize = dyad_core::gdelt::EVENT_COLUMNS;
/// Number of columns of a GDELT 2.0 Mentions row.
pub const GDELT_MENTION_COLUMNS: usize = 16;

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

/// The stored event as the row builder sees it: its counters, its first sighting
/// as DATEADDED and its first report's URL.
impl<'a> From<&'a EventRecord> for EventRow<'a> {
    fn from(e: &'a EventRecord) -> Self {
        EventRow {
            // SQLite row ids start at 1, so no stored id is negative.
            global_id: u64::try_from(e.id).unwrap_or_default(),
            day: Some(e.day),
            source: RowActor::from(&e.source),
            target: RowActor::from(&e.target),
            is_root_event: e.is_root_event,
            event_code: &e.event_code,
            base_code: &e.base_code,
            root_code: &e.root_code,
            quad_class: e.quad_class,
            goldstein: e.goldstein,
            num_mentions: e.num_mentions,
            num_sources: e.num_sources,
            num_articles: e.num_articles,
            date_added: e.first_seen,
            source_url: e.source_url.as_deref().unwrap_or_default(),
        }
    }
}

impl<'a> From<&'a ActorRecord> for RowActor<'a> {
    fn from(a: &'a ActorRecord) -> Self {
        RowActor {
            code: &a.code,
            name: &a.name,
            country: a.country.as_deref(),
            group: a.group.as_deref(),
        }
    }
}

impl EventWriter for GdeltEvents<'_> {
    fn event(&mut self, event: &EventRecord, _: Option<&MentionRecord>) -> Result<()> {
        write_row(&mut self.line, &event_row(&EventRow::from(event)));
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
