//! JSON lines: the event object `dyad code` prints (a [`dyad_core::Event`]) with
//! the store's counters added, so a consumer of one reads the other.
use std::io::Write;

use chrono::{DateTime, Utc};
use dyad_core::{Actor, Event, Evidence};
use serde::Serialize;

use super::{write_error, EventWriter, MentionWriter};
use crate::error::{Result, StoreError};
use crate::record::{ActorRecord, EventRecord, MentionRecord};

/// One line of an events export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsonlEvent {
    /// The event as `dyad code` prints it, with the first report's evidence.
    #[serde(flatten)]
    pub event: Event,
    /// The store's id (GDELT's GlobalEventID), to join with mentions.
    pub event_id: i64,
    /// Mentions in all documents.
    pub num_mentions: u64,
    /// Distinct outlets.
    pub num_sources: u64,
    /// Documents.
    pub num_articles: u64,
    /// When the first report was stored.
    pub first_seen: DateTime<Utc>,
    /// When the latest report was stored.
    pub last_seen: DateTime<Utc>,
}

impl JsonlEvent {
    /// Rebuilds the coder's event from a stored event and its first report.
    pub fn new(e: &EventRecord, first: Option<&MentionRecord>) -> Self {
        let actor = |a: &ActorRecord, text: Option<&String>| Actor {
            code: a.code.clone(),
            country: a.country.clone(),
            group: a.group.clone(),
            role: a.role.clone(),
            name: a.name.clone(),
            text: text.cloned().unwrap_or_default(),
        };
        let evidence = first.map_or_else(
            || Evidence {
                sentence: String::new(),
                sentence_index: 0,
                start: 0,
                end: 0,
                trigger: String::new(),
                trigger_start: 0,
                trigger_end: 0,
            },
            |m| Evidence {
                sentence: m.sentence.clone(),
                sentence_index: m.sentence_index as usize,
                start: m.start as usize,
                end: m.end as usize,
                trigger: m.trigger.clone(),
                trigger_start: m.trigger_start as usize,
                trigger_end: m.trigger_end as usize,
            },
        );
        JsonlEvent {
            event: Event {
                doc_id: first.map(|m| m.document_key.clone()).unwrap_or_default(),
                event_code: e.event_code.clone(),
                root_code: e.root_code.clone(),
                base_code: e.base_code.clone(),
                quad_class: e.quad_class,
                goldstein: e.goldstein,
                date: Some(e.day),
                source: actor(&e.source, first.map(|m| &m.source_text)),
                target: actor(&e.target, first.map(|m| &m.target_text)),
                evidence,
                confidence: first.map_or(0.0, |m| m.confidence as f32),
                is_root_event: e.is_root_event,
            },
            event_id: e.id,
            num_mentions: e.num_mentions,
            num_sources: e.num_sources,
            num_articles: e.num_articles,
            first_seen: e.first_seen,
            last_seen: e.last_seen,
        }
    }
}

/// Writes events as JSON lines.
pub struct JsonlEvents<'w> {
    out: &'w mut dyn Write,
    target: String,
}

impl<'w> JsonlEvents<'w> {
    /// A writer to `out`; `target` names it in errors.
    pub fn new(out: &'w mut dyn Write, target: &str) -> Self {
        JsonlEvents {
            out,
            target: target.to_string(),
        }
    }
}

fn write_line<T: Serialize>(out: &mut dyn Write, target: &str, value: &T) -> Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(|e| StoreError::Write {
        target: target.to_string(),
        source: e.into(),
    })?;
    out.write_all(b"\n").map_err(write_error(target))
}

impl EventWriter for JsonlEvents<'_> {
    fn needs_first_mention(&self) -> bool {
        true
    }

    fn event(&mut self, event: &EventRecord, first: Option<&MentionRecord>) -> Result<()> {
        write_line(self.out, &self.target, &JsonlEvent::new(event, first))
    }

    fn finish(&mut self) -> Result<()> {
        self.out.flush().map_err(write_error(&self.target))
    }
}

/// Writes mentions as JSON lines ([`MentionRecord`] objects).
pub struct JsonlMentions<'w> {
    out: &'w mut dyn Write,
    target: String,
}

impl<'w> JsonlMentions<'w> {
    /// A writer to `out`; `target` names it in errors.
    pub fn new(out: &'w mut dyn Write, target: &str) -> Self {
        JsonlMentions {
            out,
            target: target.to_string(),
        }
    }
}

impl MentionWriter for JsonlMentions<'_> {
    fn mention(&mut self, mention: &MentionRecord) -> Result<()> {
        write_line(self.out, &self.target, mention)
    }

    fn finish(&mut self) -> Result<()> {
        self.out.flush().map_err(write_error(&self.target))
    }
}
