//! Rows read back from the store: an [`EventRecord`] per deduplicated event and a
//! [`MentionRecord`] per report of it. Both serialise with serde, for the JSON
//! API and for `dyad query --format json`.
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Row;
use serde::Serialize;

use crate::error::{Result, StoreError};

/// An actor as stored on an event row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ActorRecord {
    /// Full CAMEO actor code (`RUSGOV`); empty when the event has no such actor.
    pub code: String,
    /// Country, else known group (`RUS`, `NAT`); empty when unknown.
    pub root: String,
    /// CAMEO country code.
    pub country: Option<String>,
    /// Known-group code.
    pub group: Option<String>,
    /// Role code (`GOV`, `MIL`).
    pub role: Option<String>,
    /// Canonical name, from the first report.
    pub name: String,
}

/// One deduplicated event: a (day, source, target, event code) with its counters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRecord {
    /// Row id; GDELT's GlobalEventID in exports.
    pub id: i64,
    /// Day the event happened.
    pub day: NaiveDate,
    /// Who acted.
    pub source: ActorRecord,
    /// Who was acted upon.
    pub target: ActorRecord,
    /// Full CAMEO event code.
    pub event_code: String,
    /// Three-digit base code.
    pub base_code: String,
    /// Two-digit root code.
    pub root_code: String,
    /// QuadClass, 1 to 4.
    pub quad_class: u8,
    /// Goldstein value of the event code.
    pub goldstein: f64,
    /// Whether the first report had it in its lead sentences.
    pub is_root_event: bool,
    /// Mentions in all documents.
    pub num_mentions: u64,
    /// Distinct outlets reporting it.
    pub num_sources: u64,
    /// Documents reporting it.
    pub num_articles: u64,
    /// When the first report was stored.
    pub first_seen: DateTime<Utc>,
    /// When the latest report was stored.
    pub last_seen: DateTime<Utc>,
    /// URL of the first report (its key when it had no URL).
    pub source_url: Option<String>,
}

/// The columns [`EventRecord::from_row`] reads, in order, from `events e`.
pub(crate) const EVENT_COLUMNS: &str = "e.id, e.day,
    e.source_code, e.source_root, e.source_country, e.source_group, e.source_role, e.source_name,
    e.target_code, e.target_root, e.target_country, e.target_group, e.target_role, e.target_name,
    e.event_code, e.base_code, e.root_code, e.quad_class, e.goldstein, e.is_root_event,
    e.num_mentions, e.num_sources, e.num_articles, e.first_seen, e.last_seen,
    (SELECT COALESCE(d.url, d.canonical_url, d.doc_key) FROM mentions m
        JOIN documents d ON d.id = m.document_id
        WHERE m.event_id = e.id ORDER BY m.id LIMIT 1)";

impl EventRecord {
    /// Reads a row selected with [`EVENT_COLUMNS`].
    pub(crate) fn from_row(row: &Row, path: &Path) -> Result<Self> {
        let g = RowReader { row, path };
        Ok(EventRecord {
            id: g.get(0)?,
            day: parse_day(&g.get::<String>(1)?, path, "events.day")?,
            source: g.actor(2)?,
            target: g.actor(8)?,
            event_code: g.get(14)?,
            base_code: g.get(15)?,
            root_code: g.get(16)?,
            quad_class: g.get(17)?,
            goldstein: g.get(18)?,
            is_root_event: g.get(19)?,
            num_mentions: g.get::<i64>(20)? as u64,
            num_sources: g.get::<i64>(21)? as u64,
            num_articles: g.get::<i64>(22)? as u64,
            first_seen: parse_time(&g.get::<String>(23)?, path, "events.first_seen")?,
            last_seen: parse_time(&g.get::<String>(24)?, path, "events.last_seen")?,
            source_url: g.get(25)?,
        })
    }
}

/// One report of an event: where, in which sentence, by which words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionRecord {
    /// Row id.
    pub id: i64,
    /// The event mentioned.
    pub event_id: i64,
    /// When the event was first seen (GDELT's EventTimeDate).
    pub event_first_seen: DateTime<Utc>,
    /// Key of the reporting document.
    pub document_key: String,
    /// Its URL.
    pub url: Option<String>,
    /// Its outlet.
    pub source_name: Option<String>,
    /// When the document was stored (GDELT's MentionTimeDate).
    pub ingested_at: DateTime<Utc>,
    /// Length of the document's cleaned text in characters.
    pub document_chars: u64,
    /// 0-based sentence index.
    pub sentence_index: u64,
    /// The sentence.
    pub sentence: String,
    /// Character offset of the sentence in the document.
    pub start: u64,
    /// Character offset of the sentence's end (exclusive).
    pub end: u64,
    /// The words that carry the event.
    pub trigger: String,
    /// Character offset of the trigger.
    pub trigger_start: u64,
    /// Character offset of the trigger's end (exclusive).
    pub trigger_end: u64,
    /// The words naming the source actor.
    pub source_text: String,
    /// The words naming the target actor.
    pub target_text: String,
    /// Coder's confidence, 0 to 1.
    pub confidence: f64,
}

/// The columns [`MentionRecord::from_row`] reads, from `mentions m` joined with
/// `events e` and `documents d`.
pub(crate) const MENTION_COLUMNS: &str = "m.id, m.event_id, e.first_seen, d.doc_key, d.url,
    d.source_name, d.ingested_at, length(d.text), m.sentence_index, m.sentence, m.start,
    m.\"end\", m.trigger, m.trigger_start, m.trigger_end, m.source_text, m.target_text,
    m.confidence";

/// The joins [`MENTION_COLUMNS`] needs.
pub(crate) const MENTION_FROM: &str =
    "mentions m JOIN events e ON e.id = m.event_id JOIN documents d ON d.id = m.document_id";

impl MentionRecord {
    /// Reads a row selected with [`MENTION_COLUMNS`].
    pub(crate) fn from_row(row: &Row, path: &Path) -> Result<Self> {
        let g = RowReader { row, path };
        let n = |i| -> Result<u64> { Ok(g.get::<i64>(i)?.max(0) as u64) };
        Ok(MentionRecord {
            id: g.get(0)?,
            event_id: g.get(1)?,
            event_first_seen: parse_time(&g.get::<String>(2)?, path, "events.first_seen")?,
            document_key: g.get(3)?,
            url: g.get(4)?,
            source_name: g.get(5)?,
            ingested_at: parse_time(&g.get::<String>(6)?, path, "documents.ingested_at")?,
            document_chars: n(7)?,
            sentence_index: n(8)?,
            sentence: g.get(9)?,
            start: n(10)?,
            end: n(11)?,
            trigger: g.get(12)?,
            trigger_start: n(13)?,
            trigger_end: n(14)?,
            source_text: g.get(15)?,
            target_text: g.get(16)?,
            confidence: g.get(17)?,
        })
    }
}

/// Reads columns, naming the database file on failure.
struct RowReader<'a, 'r> {
    row: &'a Row<'r>,
    path: &'a Path,
}

impl RowReader<'_, '_> {
    fn get<T: rusqlite::types::FromSql>(&self, i: usize) -> Result<T> {
        self.row
            .get(i)
            .map_err(|e| StoreError::sqlite(self.path, e))
    }

    fn actor(&self, i: usize) -> Result<ActorRecord> {
        Ok(ActorRecord {
            code: self.get(i)?,
            root: self.get(i + 1)?,
            country: self.get(i + 2)?,
            group: self.get(i + 3)?,
            role: self.get(i + 4)?,
            name: self.get(i + 5)?,
        })
    }
}

pub(crate) fn parse_day(s: &str, path: &Path, what: &'static str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| StoreError::BadValue {
        path: path.to_path_buf(),
        what,
        value: s.to_string(),
    })
}

pub(crate) fn parse_time(s: &str, path: &Path, what: &'static str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StoreError::BadValue {
            path: path.to_path_buf(),
            what,
            value: s.to_string(),
        })
}
