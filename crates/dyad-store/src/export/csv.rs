//! CSV with a header row (RFC 4180 quoting), flat columns named as in the
//! database, for spreadsheets, pandas and R.
use std::io::Write;

use super::{write_error, EventWriter, MentionWriter};
use crate::error::Result;
use crate::record::{ActorRecord, EventRecord, MentionRecord};
use crate::store::timestamp;

/// Header of an events CSV.
pub const EVENT_HEADER: &[&str] = &[
    "event_id",
    "day",
    "source_code",
    "source_root",
    "source_country",
    "source_group",
    "source_role",
    "source_name",
    "target_code",
    "target_root",
    "target_country",
    "target_group",
    "target_role",
    "target_name",
    "event_code",
    "base_code",
    "root_code",
    "quad_class",
    "goldstein",
    "is_root_event",
    "num_mentions",
    "num_sources",
    "num_articles",
    "first_seen",
    "last_seen",
    "source_url",
];

/// Header of a mentions CSV.
pub const MENTION_HEADER: &[&str] = &[
    "mention_id",
    "event_id",
    "document_key",
    "url",
    "source_name",
    "ingested_at",
    "sentence_index",
    "sentence",
    "start",
    "end",
    "trigger",
    "trigger_start",
    "trigger_end",
    "source_text",
    "target_text",
    "confidence",
];

/// Writes events as CSV.
pub struct CsvEvents<'w> {
    out: &'w mut dyn Write,
    target: String,
    line: String,
}

impl<'w> CsvEvents<'w> {
    /// A writer to `out` that writes the header now; `target` names it in errors.
    pub fn new(out: &'w mut dyn Write, target: &str) -> Result<Self> {
        let mut w = CsvEvents {
            out,
            target: target.to_string(),
            line: String::new(),
        };
        write_record(&mut w.line, EVENT_HEADER);
        w.out
            .write_all(w.line.as_bytes())
            .map_err(write_error(target))?;
        Ok(w)
    }
}

fn actor_fields(f: &mut Vec<String>, a: &ActorRecord) {
    f.push(a.code.clone());
    f.push(a.root.clone());
    f.push(a.country.clone().unwrap_or_default());
    f.push(a.group.clone().unwrap_or_default());
    f.push(a.role.clone().unwrap_or_default());
    f.push(a.name.clone());
}

/// The fields of one event, in [`EVENT_HEADER`] order.
pub fn event_fields(e: &EventRecord) -> Vec<String> {
    let mut f = vec![e.id.to_string(), e.day.to_string()];
    actor_fields(&mut f, &e.source);
    actor_fields(&mut f, &e.target);
    f.extend([
        e.event_code.clone(),
        e.base_code.clone(),
        e.root_code.clone(),
        e.quad_class.to_string(),
        e.goldstein.to_string(),
        u8::from(e.is_root_event).to_string(),
        e.num_mentions.to_string(),
        e.num_sources.to_string(),
        e.num_articles.to_string(),
        timestamp(e.first_seen),
        timestamp(e.last_seen),
        e.source_url.clone().unwrap_or_default(),
    ]);
    f
}

impl EventWriter for CsvEvents<'_> {
    fn event(&mut self, event: &EventRecord, _: Option<&MentionRecord>) -> Result<()> {
        write_record(&mut self.line, &event_fields(event));
        self.out
            .write_all(self.line.as_bytes())
            .map_err(write_error(&self.target))
    }

    fn finish(&mut self) -> Result<()> {
        self.out.flush().map_err(write_error(&self.target))
    }
}

/// Writes mentions as CSV.
pub struct CsvMentions<'w> {
    out: &'w mut dyn Write,
    target: String,
    line: String,
}

impl<'w> CsvMentions<'w> {
    /// A writer to `out` that writes the header now; `target` names it in errors.
    pub fn new(out: &'w mut dyn Write, target: &str) -> Result<Self> {
        let mut w = CsvMentions {
            out,
            target: target.to_string(),
            line: String::new(),
        };
        write_record(&mut w.line, MENTION_HEADER);
        w.out
            .write_all(w.line.as_bytes())
            .map_err(write_error(target))?;
        Ok(w)
    }
}

impl MentionWriter for CsvMentions<'_> {
    fn mention(&mut self, m: &MentionRecord) -> Result<()> {
        let f = [
            m.id.to_string(),
            m.event_id.to_string(),
            m.document_key.clone(),
            m.url.clone().unwrap_or_default(),
            m.source_name.clone().unwrap_or_default(),
            timestamp(m.ingested_at),
            m.sentence_index.to_string(),
            m.sentence.clone(),
            m.start.to_string(),
            m.end.to_string(),
            m.trigger.clone(),
            m.trigger_start.to_string(),
            m.trigger_end.to_string(),
            m.source_text.clone(),
            m.target_text.clone(),
            m.confidence.to_string(),
        ];
        write_record(&mut self.line, &f);
        self.out
            .write_all(self.line.as_bytes())
            .map_err(write_error(&self.target))
    }

    fn finish(&mut self) -> Result<()> {
        self.out.flush().map_err(write_error(&self.target))
    }
}

/// One CSV record into `line`, ended by `\n` (which every reader accepts).
/// Fields holding a comma, quote or line break are quoted, quotes doubled.
pub fn write_record<S: AsRef<str>>(line: &mut String, fields: &[S]) {
    line.clear();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        let f = f.as_ref();
        if f.contains([',', '"', '\n', '\r']) {
            line.push('"');
            line.push_str(&f.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(f);
        }
    }
    line.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        let mut line = String::new();
        write_record(&mut line, &["a", "b,c", "say \"no\"", "x\ny"]);
        assert_eq!(line, "a,\"b,c\",\"say \"\"no\"\"\",\"x\ny\"\n");
    }
}
