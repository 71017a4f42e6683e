//! Apache Parquet (cargo feature `parquet`): the CSV columns with their types
//! (dates as `date32`, times as UTC microsecond timestamps, counters as `int64`),
//! Snappy-compressed, one row group per 65,536 rows.
use std::io::Write;
use std::sync::Arc;

use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, Int32Array, Int64Array, RecordBatch,
    StringArray, TimestampMicrosecondArray,
};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use chrono::{DateTime, NaiveDate, Utc};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::{write_error, EventWriter, MentionWriter};
use crate::error::{Result, StoreError};
use crate::record::{ActorRecord, EventRecord, MentionRecord};

const ROWS_PER_GROUP: usize = 65_536;

fn utc() -> DataType {
    DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
}

fn event_schema() -> SchemaRef {
    let text = |name: &str, nullable| Field::new(name, DataType::Utf8, nullable);
    let mut fields = vec![
        Field::new("event_id", DataType::Int64, false),
        Field::new("day", DataType::Date32, false),
    ];
    for side in ["source", "target"] {
        fields.extend([
            text(&format!("{side}_code"), false),
            text(&format!("{side}_root"), false),
            text(&format!("{side}_country"), true),
            text(&format!("{side}_group"), true),
            text(&format!("{side}_role"), true),
            text(&format!("{side}_name"), false),
        ]);
    }
    fields.extend([
        text("event_code", false),
        text("base_code", false),
        text("root_code", false),
        Field::new("quad_class", DataType::Int32, false),
        Field::new("goldstein", DataType::Float64, false),
        Field::new("is_root_event", DataType::Boolean, false),
        Field::new("num_mentions", DataType::Int64, false),
        Field::new("num_sources", DataType::Int64, false),
        Field::new("num_articles", DataType::Int64, false),
        Field::new("first_seen", utc(), false),
        Field::new("last_seen", utc(), false),
        text("source_url", true),
    ]);
    Arc::new(Schema::new(fields))
}

fn mention_schema() -> SchemaRef {
    let int = |name: &str| Field::new(name, DataType::Int64, false);
    let text = |name: &str, nullable| Field::new(name, DataType::Utf8, nullable);
    Arc::new(Schema::new(vec![
        int("mention_id"),
        int("event_id"),
        text("document_key", false),
        text("url", true),
        text("source_name", true),
        Field::new("ingested_at", utc(), false),
        int("sentence_index"),
        text("sentence", false),
        int("start"),
        int("end"),
        text("trigger", false),
        int("trigger_start"),
        int("trigger_end"),
        text("source_text", false),
        text("target_text", false),
        Field::new("confidence", DataType::Float64, false),
    ]))
}

fn days(d: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date");
    (d - epoch).num_days() as i32
}

fn micros(t: DateTime<Utc>) -> i64 {
    t.timestamp_micros()
}

fn strings<'a, T: 'a>(rows: &'a [T], f: impl Fn(&'a T) -> &'a str) -> ArrayRef {
    Arc::new(StringArray::from_iter_values(rows.iter().map(f)))
}

fn opt_strings<'a, T: 'a>(rows: &'a [T], f: impl Fn(&'a T) -> Option<&'a str>) -> ArrayRef {
    Arc::new(StringArray::from_iter(rows.iter().map(f)))
}

fn ints<T>(rows: &[T], f: impl Fn(&T) -> i64) -> ArrayRef {
    Arc::new(Int64Array::from_iter_values(rows.iter().map(f)))
}

fn times<T>(rows: &[T], f: impl Fn(&T) -> DateTime<Utc>) -> ArrayRef {
    Arc::new(
        TimestampMicrosecondArray::from_iter_values(rows.iter().map(|r| micros(f(r))))
            .with_timezone("UTC"),
    )
}

fn event_batch(schema: &SchemaRef, rows: &[EventRecord]) -> RecordBatch {
    let mut columns: Vec<ArrayRef> = vec![
        ints(rows, |e| e.id),
        Arc::new(Date32Array::from_iter_values(
            rows.iter().map(|e| days(e.day)),
        )),
    ];
    fn source(e: &EventRecord) -> &ActorRecord {
        &e.source
    }
    fn target(e: &EventRecord) -> &ActorRecord {
        &e.target
    }
    for side in [source as fn(&EventRecord) -> &ActorRecord, target] {
        columns.extend([
            strings(rows, move |e| side(e).code.as_str()),
            strings(rows, move |e| side(e).root.as_str()),
            opt_strings(rows, move |e| side(e).country.as_deref()),
            opt_strings(rows, move |e| side(e).group.as_deref()),
            opt_strings(rows, move |e| side(e).role.as_deref()),
            strings(rows, move |e| side(e).name.as_str()),
        ]);
    }
    columns.extend([
        strings(rows, |e| e.event_code.as_str()),
        strings(rows, |e| e.base_code.as_str()),
        strings(rows, |e| e.root_code.as_str()),
        Arc::new(Int32Array::from_iter_values(
            rows.iter().map(|e| i32::from(e.quad_class)),
        )) as ArrayRef,
        Arc::new(Float64Array::from_iter_values(
            rows.iter().map(|e| e.goldstein),
        )),
        Arc::new(BooleanArray::from_iter(
            rows.iter().map(|e| Some(e.is_root_event)),
        )),
        ints(rows, |e| e.num_mentions as i64),
        ints(rows, |e| e.num_sources as i64),
        ints(rows, |e| e.num_articles as i64),
        times(rows, |e| e.first_seen),
        times(rows, |e| e.last_seen),
        opt_strings(rows, |e| e.source_url.as_deref()),
    ]);
    RecordBatch::try_new(schema.clone(), columns).expect("columns match the schema")
}

fn mention_batch(schema: &SchemaRef, rows: &[MentionRecord]) -> RecordBatch {
    let columns: Vec<ArrayRef> = vec![
        ints(rows, |m| m.id),
        ints(rows, |m| m.event_id),
        strings(rows, |m| m.document_key.as_str()),
        opt_strings(rows, |m| m.url.as_deref()),
        opt_strings(rows, |m| m.source_name.as_deref()),
        times(rows, |m| m.ingested_at),
        ints(rows, |m| m.sentence_index as i64),
        strings(rows, |m| m.sentence.as_str()),
        ints(rows, |m| m.start as i64),
        ints(rows, |m| m.end as i64),
        strings(rows, |m| m.trigger.as_str()),
        ints(rows, |m| m.trigger_start as i64),
        ints(rows, |m| m.trigger_end as i64),
        strings(rows, |m| m.source_text.as_str()),
        strings(rows, |m| m.target_text.as_str()),
        Arc::new(Float64Array::from_iter_values(
            rows.iter().map(|m| m.confidence),
        )),
    ];
    RecordBatch::try_new(schema.clone(), columns).expect("columns match the schema")
}

/// Buffers rows into row groups and streams the encoded file to `out`. The
/// Parquet writer writes into a byte buffer, drained to `out` after each row group,
/// since it needs a `Send` writer and `out` need not be one.
struct ParquetSink<'w, T> {
    out: &'w mut dyn Write,
    target: String,
    schema: SchemaRef,
    writer: Option<ArrowWriter<Vec<u8>>>,
    rows: Vec<T>,
    batch: fn(&SchemaRef, &[T]) -> RecordBatch,
}

impl<'w, T> ParquetSink<'w, T> {
    fn new(
        out: &'w mut dyn Write,
        target: &str,
        schema: SchemaRef,
        batch: fn(&SchemaRef, &[T]) -> RecordBatch,
    ) -> Result<Self> {
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROWS_PER_GROUP))
            .build();
        let writer = ArrowWriter::try_new(Vec::new(), schema.clone(), Some(props))
            .map_err(|e| parquet_error(target, e))?;
        Ok(ParquetSink {
            out,
            target: target.to_string(),
            schema,
            writer: Some(writer),
            rows: Vec::new(),
            batch,
        })
    }

    fn push(&mut self, row: T) -> Result<()> {
        self.rows.push(row);
        if self.rows.len() >= ROWS_PER_GROUP {
            self.flush_rows()?;
        }
        Ok(())
    }

    fn flush_rows(&mut self) -> Result<()> {
        let Some(writer) = self.writer.as_mut() else {
            return Ok(());
        };
        if !self.rows.is_empty() {
            let batch = (self.batch)(&self.schema, &self.rows);
            self.rows.clear();
            writer
                .write(&batch)
                .map_err(|e| parquet_error(&self.target, e))?;
            writer.flush().map_err(|e| parquet_error(&self.target, e))?;
        }
        let bytes = std::mem::take(writer.inner_mut());
        self.out
            .write_all(&bytes)
            .map_err(write_error(&self.target))
    }

    fn finish(&mut self) -> Result<()> {
        self.flush_rows()?;
        if let Some(writer) = self.writer.take() {
            let tail = writer
                .into_inner()
                .map_err(|e| parquet_error(&self.target, e))?;
            self.out
                .write_all(&tail)
                .map_err(write_error(&self.target))?;
        }
        self.out.flush().map_err(write_error(&self.target))
    }
}

fn parquet_error(target: &str, e: parquet::errors::ParquetError) -> StoreError {
    StoreError::Write {
        target: target.to_string(),
        source: std::io::Error::other(e),
    }
}

/// Writes events as Parquet.
pub struct ParquetEvents<'w>(ParquetSink<'w, EventRecord>);

impl<'w> ParquetEvents<'w> {
    /// A writer to `out`; `target` names it in errors.
    pub fn new(out: &'w mut dyn Write, target: &str) -> Result<Self> {
        ParquetSink::new(out, target, event_schema(), event_batch).map(ParquetEvents)
    }
}

impl EventWriter for ParquetEvents<'_> {
    fn event(&mut self, event: &EventRecord, _: Option<&MentionRecord>) -> Result<()> {
        self.0.push(event.clone())
    }

    fn finish(&mut self) -> Result<()> {
        self.0.finish()
    }
}

/// Writes mentions as Parquet.
pub struct ParquetMentions<'w>(ParquetSink<'w, MentionRecord>);

impl<'w> ParquetMentions<'w> {
    /// A writer to `out`; `target` names it in errors.
    pub fn new(out: &'w mut dyn Write, target: &str) -> Result<Self> {
        ParquetSink::new(out, target, mention_schema(), mention_batch).map(ParquetMentions)
    }
}

impl MentionWriter for ParquetMentions<'_> {
    fn mention(&mut self, mention: &MentionRecord) -> Result<()> {
        self.0.push(mention.clone())
    }

    fn finish(&mut self) -> Result<()> {
        self.0.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Date32Type, Int64Type};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    fn event(id: i64) -> EventRecord {
        let t = DateTime::parse_from_rfc3339("2024-06-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        EventRecord {
            id,
            day: NaiveDate::from_ymd_opt(2024, 3, 5).unwrap(),
            source: ActorRecord {
                code: "RUSGOV".into(),
                root: "RUS".into(),
                country: Some("RUS".into()),
                name: "Russia".into(),
                ..Default::default()
            },
            target: ActorRecord::default(),
            event_code: "112".into(),
            base_code: "112".into(),
            root_code: "11".into(),
            quad_class: 3,
            goldstein: -2.0,
            is_root_event: true,
            num_mentions: 3,
            num_sources: 2,
            num_articles: 2,
            first_seen: t,
            last_seen: t,
            source_url: None,
        }
    }

    #[test]
    fn events_read_back_with_their_types() {
        let file = tempfile::NamedTempFile::new().unwrap();
        {
            let mut out = file.reopen().unwrap();
            let mut w = ParquetEvents::new(&mut out, "test").unwrap();
            for id in 1..=3 {
                w.event(&event(id), None).unwrap();
            }
            w.finish().unwrap();
        }
        let reader = ParquetRecordBatchReaderBuilder::try_new(file.reopen().unwrap())
            .unwrap()
            .build()
            .unwrap();
        let batches: Vec<RecordBatch> = reader.map(|b| b.unwrap()).collect();
        let batch = &batches[0];
        assert_eq!(batch.num_rows(), 3);
        assert_eq!(batch.schema(), event_schema());
        let ids = batch.column(0).as_primitive::<Int64Type>();
        assert_eq!(ids.values(), &[1, 2, 3]);
        let day = batch.column(1).as_primitive::<Date32Type>().value(0);
        assert_eq!(day, days(NaiveDate::from_ymd_opt(2024, 3, 5).unwrap()));
        let code = batch.column(2).as_string::<i32>().value(0);
        assert_eq!(code, "RUSGOV");
        assert!(batch.column(25).is_null(0), "source_url");
    }
}
