//! Writing stored events (or their mentions) for other tools: GDELT 2.0 TSV, JSON
//! lines and CSV. Each format is a writer behind [`EventWriter`] and
//! [`MentionWriter`]; [`export_events`] and [`export_mentions`] stream rows from
//! the store into one, so exports of any size run in constant memory.
pub mod csv;
pub mod gdelt;
pub mod jsonl;
#[cfg(feature = "parquet")]
pub mod parquet;

use std::io::Write;

use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::query::EventFilter;
use crate::record::{EventRecord, MentionRecord};
use crate::Store;

pub use self::csv::{write_record, CsvEvents, CsvMentions};
pub use gdelt::{GdeltEvents, GdeltMentions, GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS};
pub use jsonl::{JsonlEvents, JsonlMentions};

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// GDELT 2.0 Events (61 columns) or Mentions (16 columns) TSV, no header.
    Gdelt,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
    /// Apache Parquet; only in builds with the `parquet` feature.
    #[cfg(feature = "parquet")]
    Parquet,
}

/// A sink for events.
pub trait EventWriter {
    /// Whether [`EventWriter::event`] wants the event's first mention (it costs a
    /// lookup per event).
    fn needs_first_mention(&self) -> bool {
        false
    }
    /// Writes one event; `first` is its first report when asked for.
    fn event(&mut self, event: &EventRecord, first: Option<&MentionRecord>) -> Result<()>;
    /// Flushes what is buffered.
    fn finish(&mut self) -> Result<()>;
}

/// A sink for mentions.
pub trait MentionWriter {
    /// Writes one mention.
    fn mention(&mut self, mention: &MentionRecord) -> Result<()>;
    /// Flushes what is buffered.
    fn finish(&mut self) -> Result<()>;
}

/// Writes the events matching `filter` to `out` in `format`; returns how many.
/// `target` names the output in errors (`stdout`, a file name).
pub fn export_events(
    store: &Store,
    filter: &EventFilter,
    format: ExportFormat,
    out: &mut dyn Write,
    target: &str,
) -> Result<u64> {
    let mut writer: Box<dyn EventWriter + '_> = match format {
        ExportFormat::Gdelt => Box::new(GdeltEvents::new(out, target)),
        ExportFormat::Jsonl => Box::new(JsonlEvents::new(out, target)),
        ExportFormat::Csv => Box::new(CsvEvents::new(out, target)?),
        #[cfg(feature = "parquet")]
        ExportFormat::Parquet => Box::new(parquet::ParquetEvents::new(out, target)?),
    };
    let mut n = 0;
    let wants_first = writer.needs_first_mention();
    store.for_each_event(filter, |e| {
        let first = if wants_first {
            store.first_mention(e.id)?
        } else {
            None
        };
        writer.event(&e, first.as_ref())?;
        n += 1;
        Ok(())
    })?;
    writer.finish()?;
    Ok(n)
}

/// Writes the mentions of the events matching `filter` to `out` in `format`;
/// returns how many.
pub fn export_mentions(
    store: &Store,
    filter: &EventFilter,
    format: ExportFormat,
    out: &mut dyn Write,
    target: &str,
) -> Result<u64> {
    let mut writer: Box<dyn MentionWriter + '_> = match format {
        ExportFormat::Gdelt => Box::new(GdeltMentions::new(out, target)),
        ExportFormat::Jsonl => Box::new(JsonlMentions::new(out, target)),
        ExportFormat::Csv => Box::new(CsvMentions::new(out, target)?),
        #[cfg(feature = "parquet")]
        ExportFormat::Parquet => Box::new(parquet::ParquetMentions::new(out, target)?),
    };
    let mut n = 0;
    store.for_each_mention(filter, |m| {
        writer.mention(&m)?;
        n += 1;
        Ok(())
    })?;
    writer.finish()?;
    Ok(n)
}

/// Maps an I/O error on the export target.
pub(crate) fn write_error(target: &str) -> impl Fn(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Write {
        target: target.to_string(),
        source,
    }
}
