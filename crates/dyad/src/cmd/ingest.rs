//! `dyad ingest` and `dyad watch`: sources in (feeds, OPML, pages, WARC, folders, JSON
//! lines), through extraction and the coder, into the event database.
//!
//! Reading runs on one thread, extraction and coding on `--jobs` threads, and the
//! store on this one: each document is stored in its own transaction, and only then
//! remembered as done (ETag, feed item) in the state file next to the database, so a
//! run killed at any moment can be run again to the same database.
mod progress;
mod summary;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use dyad_coder::Coder;
use dyad_core::{Document, Event};
use dyad_extract::{ExtractError, ExtractOptions};
use dyad_ingest::{Body, FetchConfig, Item, RawDocument, ReaderConfig, Source, SourceReader};
use dyad_store::{AddOutcome, DuplicateReason, NewDocument, Store};

use progress::{init_logging, progress_bar, show, LogFormat};
use summary::Summary;

/// Arguments of `dyad ingest`.
#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Feed, OPML or page URLs; .opml, .warc[.gz], .jsonl, .html, .htm or .txt files;
    /// folders of .html/.htm/.txt files.
    #[arg(required = true, value_name = "SOURCE")]
    pub sources: Vec<String>,
    /// The event database (created if missing).
    #[arg(long, default_value = "dyad.db")]
    pub db: PathBuf,
    #[command(flatten)]
    pub run: RunArgs,
}

/// Arguments of `dyad watch`.
#[derive(Debug, clap::Args)]
pub struct WatchArgs {
    /// Feed or OPML URLs, or OPML files.
    #[arg(required = true, value_name = "FEED")]
    pub feeds: Vec<String>,
    /// The event database (created if missing).
    #[arg(long, default_value = "dyad.db")]
    pub db: PathBuf,
    /// Time between polls (`90s`, `15m`, `1h`).
    #[arg(long, default_value = "15m", value_parser = parse_duration)]
    pub every: Duration,
    /// Poll once and stop (exit status as for `dyad ingest`).
    #[arg(long)]
    pub once: bool,
    #[command(flatten)]
    pub run: RunArgs,
}

/// Options shared by `ingest` and `watch`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// No progress bar and no summary; failures are still reported on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    /// Log lines (stderr) and summary (stdout) as text or JSON.
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// Who to contact about dyad's requests (URL or e-mail), shown in the User-Agent.
    #[arg(long, env = "DYAD_CONTACT", default_value = dyad_ingest::DEFAULT_CONTACT)]
    pub contact: String,
    /// Least time between two requests to one host (robots.txt Crawl-delay can raise it).
    #[arg(long, default_value = "1s", value_parser = parse_duration)]
    pub delay: Duration,
    /// Requests to one host at once (1 or 2 is polite).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..=4))]
    pub per_host: u16,
    /// Time allowed for a server to answer (and to connect), and 3x that for the body.
    #[arg(long, default_value = "20s", value_parser = parse_duration)]
    pub timeout: Duration,
    /// Retries after a 5xx, 429, timeout or failed connection (with exponential backoff).
    #[arg(long, default_value_t = 2)]
    pub retries: u32,
    /// Wait before the first retry; doubled at each next one.
    #[arg(long, default_value = "1s", value_parser = parse_duration)]
    pub backoff: Duration,
    /// Largest page, file or WARC record accepted, in bytes (after decompression).
    #[arg(long, default_value_t = 8 * 1024 * 1024)]
    pub max_bytes: u64,
    /// Threads extracting and coding documents (default: the number of cores).
    #[arg(long)]
    pub jobs: Option<usize>,
}

/// Parses `500ms`, `90s`, `15m`, `2h`, `1d`, or plain seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(s.len());
    let (number, unit) = s.split_at(split);
    let n: f64 = number
        .parse()
        .map_err(|_| format!("{s:?} is not a duration (like 500ms, 90s, 15m, 2h)"))?;
    let secs = match unit.trim() {
        "ms" => n / 1000.0,
        "" | "s" => n,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        "d" => n * 86_400.0,
        other => return Err(format!("unknown unit {other:?} in {s:?} (ms, s, m, h, d)")),
    };
    Duration::try_from_secs_f64(secs).map_err(|e| format!("{s:?}: {e}"))
}

impl RunArgs {
    fn reader_config(&self, db: &Path) -> ReaderConfig {
        ReaderConfig {
            fetch: FetchConfig {
                user_agent: dyad_ingest::user_agent(&self.contact),
                connect_timeout: self.timeout,
                response_timeout: self.timeout,
                body_timeout: self.timeout * 3,
                max_retries: self.retries,
                backoff: self.backoff,
                max_body_bytes: self.max_bytes,
                per_host_concurrency: self.per_host as usize,
                per_host_interval: self.delay,
                ..FetchConfig::default()
            },
            state_path: Some(dyad_ingest::state_path_for(db)),
            max_file_bytes: self.max_bytes,
            max_warc_record_bytes: self.max_bytes,
        }
    }

    fn jobs(&self) -> usize {
        self.jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
            .clamp(1, 16)
    }
}

/// Runs `dyad ingest`.
pub fn run(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let sources = args
        .sources
        .iter()
        .map(|s| Source::detect(s))
        .collect::<Result<Vec<_>, _>>()?;
    let bar = progress_bar(args.run.quiet, args.run.log_format);
    init_logging(args.run.log_format, &bar);
    let mut ingest = Ingest::open(&args.db, &args.run, bar)?;
    let summary = ingest.run(&sources, &AtomicBool::new(false))?;
    ingest.finish(&summary)?;
    Ok(exit_code(&summary))
}

/// Runs `dyad watch`: polls, sleeps, polls again, until Ctrl-C.
pub fn run_watch(args: WatchArgs) -> anyhow::Result<ExitCode> {
    let sources = args
        .feeds
        .iter()
        .map(|s| Source::detect(s))
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(s) = sources
        .iter()
        .find(|s| !matches!(s, Source::Url(_) | Source::Opml(_)))
    {
        anyhow::bail!(
            "{}: dyad watch polls feed URLs and OPML files only",
            s.name()
        );
    }
    let stop = Arc::new(AtomicBool::new(false));
    if !args.once {
        let flag = stop.clone();
        ctrlc::set_handler(move || {
            if flag.swap(true, Ordering::SeqCst) {
                // A second Ctrl-C: stop now; what is committed is safe.
                std::process::exit(130);
            }
            eprintln!("dyad watch: stopping after the current document (Ctrl-C again to quit now)");
        })
        .context("cannot install the Ctrl-C handler")?;
    }
    let bar = progress_bar(args.run.quiet || !args.once, args.run.log_format);
    init_logging(args.run.log_format, &bar);
    let mut ingest = Ingest::open(&args.db, &args.run, bar)?;
    let mut total = Summary::default();
    loop {
        let started = Instant::now();
        let summary = ingest.run(&sources, &stop)?;
        tracing::info!(
            read = summary.read,
            stored = summary.stored,
            events = summary.events(),
            errors = summary.errors.len(),
            "poll done"
        );
        if args.once {
            ingest.finish(&summary)?;
            return Ok(exit_code(&summary));
        }
        if !args.run.quiet && args.run.log_format == LogFormat::Text {
            eprintln!(
                "dyad watch: {} read, {} stored, {} events, {} errors; next poll in {:?}",
                summary.read,
                summary.stored,
                summary.events(),
                summary.errors.len(),
                args.every.saturating_sub(started.elapsed())
            );
        }
        total.absorb(summary);
        while started.elapsed() < args.every && !stop.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(200));
        }
        if stop.load(Ordering::SeqCst) {
            total.sources = sources.len();
            ingest.finish(&total)?;
            return Ok(ExitCode::SUCCESS);
        }
    }
}

fn exit_code(summary: &Summary) -> ExitCode {
    if summary.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The database, the coder and the reader of one run.
struct Ingest {
    store: Store,
    db: PathBuf,
    coder: Coder,
    reader: SourceReader,
    jobs: usize,
    quiet: bool,
    log_format: LogFormat,
    bar: indicatif::ProgressBar,
}

/// A document made ready for the store on a worker thread.
enum Prepared {
    /// Extracted and coded.
    Coded {
        raw: RawDocument,
        doc: NewDocument,
        events: Vec<Event>,
    },
    /// Already in the database under this key: not coded again.
    Known(RawDocument),
    /// Passed over by the reader or by extraction (then with the document, which
    /// is done with all the same).
    Skipped {
        subject: String,
        reason: String,
        raw: Option<RawDocument>,
    },
    /// Failed to read, fetch or extract (as above).
    Failed {
        subject: String,
        error: String,
        raw: Option<RawDocument>,
    },
}

impl Ingest {
    fn open(db: &Path, args: &RunArgs, bar: indicatif::ProgressBar) -> anyhow::Result<Ingest> {
        let store = Store::open(db).with_context(|| format!("cannot open {}", db.display()))?;
        Ok(Ingest {
            store,
            db: db.to_path_buf(),
            coder: Coder::builtin(),
            reader: SourceReader::new(args.reader_config(db)),
            jobs: args.jobs(),
            quiet: args.quiet,
            log_format: args.log_format,
            bar,
        })
    }

    /// Reads every source through extraction and coding into the store. An error
    /// is a failure of the whole run (the database cannot be written).
    fn run(&mut self, sources: &[Source], stop: &AtomicBool) -> anyhow::Result<Summary> {
        let started = Instant::now();
        self.bar.reset_elapsed();
        let mut summary = Summary {
            sources: sources.len(),
            ..Summary::default()
        };
        let (item_tx, item_rx) = sync_channel::<Item>(64);
        let item_rx = Mutex::new(item_rx);
        let (done_tx, done_rx) = sync_channel::<Prepared>(64);
        let Ingest {
            store,
            db,
            coder,
            reader,
            jobs,
            bar,
            ..
        } = self;
        let (reader, coder, db, jobs) = (&*reader, &*coder, db.as_path(), *jobs);
        let mut fatal = None;
        std::thread::scope(|s| {
            s.spawn(move || {
                for source in sources {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    tracing::debug!(source = %source.name(), "reading");
                    reader.read(source, &mut |item| {
                        // Once stopping, the rest of the source is read past, not used.
                        if !stop.load(Ordering::SeqCst) {
                            let _ = item_tx.send(item);
                        }
                    });
                }
            });
            for _ in 0..jobs {
                let done_tx = done_tx.clone();
                let item_rx = &item_rx;
                s.spawn(move || {
                    // Each worker asks the database, read-only, whether a key is known.
                    let known = Store::open_read_only(db).ok();
                    while let Some(item) = next_item(item_rx) {
                        if done_tx.send(prepare(item, coder, known.as_ref())).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(done_tx);
            let mut batch = Batch::default();
            loop {
                let next = done_rx.recv_timeout(BATCH_WAIT);
                let ended = matches!(next, Err(RecvTimeoutError::Disconnected));
                if fatal.is_none() {
                    let result = match next {
                        Ok(prepared) => match settle(reader, prepared, &mut summary) {
                            Some(coded) => {
                                batch.docs.push(coded);
                                if batch.docs.len() >= BATCH_DOCS {
                                    batch.store(store, reader, &mut summary)
                                } else {
                                    Ok(())
                                }
                            }
                            None => Ok(()),
                        },
                        // Quiet for a while, or done: store what is waiting.
                        Err(_) => batch.store(store, reader, &mut summary),
                    };
                    if let Err(e) = result {
                        stop.store(true, Ordering::SeqCst);
                        fatal = Some(e);
                    }
                    show(bar, &summary);
                }
                // Once failed, keep draining so that the other threads can finish.
                if ended {
                    break;
                }
            }
        });
        self.reader.save_state()?;
        if let Some(e) = fatal {
            return Err(e);
        }
        summary.set_elapsed(started.elapsed());
        Ok(summary)
    }
}

/// Documents per store transaction: one transaction each would make the store the
/// slowest stage; a batch is still all or nothing, and its documents are remembered
/// as done only after it commits, so a killed run loses at most the batch.
const BATCH_DOCS: usize = 64;
/// A batch is stored when no document came for this long (slow feeds).
const BATCH_WAIT: Duration = Duration::from_millis(200);

/// Coded documents waiting for the store.
#[derive(Default)]
struct Batch {
    docs: Vec<Coded>,
}

impl Batch {
    /// Stores the waiting documents in one transaction, then remembers them as done.
    fn store(
        &mut self,
        store: &mut Store,
        reader: &SourceReader,
        summary: &mut Summary,
    ) -> anyhow::Result<()> {
        if self.docs.is_empty() {
            return Ok(());
        }
        let docs = std::mem::take(&mut self.docs);
        let outcomes = store
            .add_documents(docs.iter().map(|(_, d, e)| (d, e.as_slice())))
            .with_context(|| {
                format!(
                    "cannot store {} documents ({} to {})",
                    docs.len(),
                    docs[0].1.key,
                    docs[docs.len() - 1].1.key
                )
            })?;
        for ((raw, doc, events), outcome) in docs.iter().zip(outcomes) {
            match outcome {
                AddOutcome::Inserted {
                    events_new,
                    events_merged,
                    mentions,
                } => {
                    summary.stored += 1;
                    summary.events_new += events_new;
                    summary.events_merged += events_merged;
                    summary.mentions += mentions;
                    tracing::info!(key = %doc.key, events = events.len(), mentions, "stored");
                }
                AddOutcome::Duplicate { reason } => {
                    let label = match reason {
                        DuplicateReason::SameKey => "same key",
                        DuplicateReason::SameContent { .. } => "same text",
                    };
                    summary.duplicate(label);
                    tracing::debug!(key = %doc.key, reason = label, "duplicate");
                }
            }
            reader.commit(raw);
        }
        reader.save_state()?;
        Ok(())
    }
}

/// A coded document, ready for the store.
type Coded = (RawDocument, NewDocument, Vec<Event>);

/// Counts a prepared document; hands back a coded one for the store, and settles
/// the rest here: a known document (remembered as done), a skip or a failure.
fn settle(reader: &SourceReader, prepared: Prepared, summary: &mut Summary) -> Option<Coded> {
    match prepared {
        Prepared::Coded { raw, doc, events } => {
            summary.read += 1;
            return Some((raw, doc, events));
        }
        Prepared::Known(raw) => {
            summary.read += 1;
            summary.duplicate("same key");
            reader.commit(&raw);
        }
        Prepared::Skipped {
            subject,
            reason,
            raw,
        } => {
            tracing::debug!(input = %subject, reason = %reason, "skipped");
            summary.skip(&reason);
            if let Some(raw) = raw {
                reader.commit(&raw);
            }
        }
        Prepared::Failed {
            subject,
            error,
            raw,
        } => {
            tracing::warn!(input = %subject, "{error}");
            summary.fail(subject, error);
            if let Some(raw) = raw {
                reader.commit(&raw);
            }
        }
    }
    None
}

impl Ingest {
    /// Clears the bar and prints the summary (stdout) unless quiet.
    fn finish(&self, summary: &Summary) -> anyhow::Result<()> {
        self.bar.finish_and_clear();
        if self.quiet {
            return Ok(());
        }
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        match self.log_format {
            LogFormat::Text => summary.write_text(&mut out)?,
            LogFormat::Json => {
                serde_json::to_writer(&mut out, summary)?;
                std::io::Write::write_all(&mut out, b"\n")?;
            }
        }
        Ok(())
    }
}

fn next_item(rx: &Mutex<Receiver<Item>>) -> Option<Item> {
    rx.lock().unwrap_or_else(|e| e.into_inner()).recv().ok()
}

/// Extraction (HTML) and coding, on a worker thread.
fn prepare(item: Item, coder: &Coder, known: Option<&Store>) -> Prepared {
    let mut raw = match item {
        Item::Document(d) => d,
        Item::Skipped { subject, reason } => {
            return Prepared::Skipped {
                subject,
                reason: reason.label().to_string(),
                raw: None,
            }
        }
        Item::Failed(e) => {
            return Prepared::Failed {
                subject: e.subject(),
                error: e.to_string(),
                raw: None,
            }
        }
    };
    if known.is_some_and(|s| s.contains_document(&raw.key).unwrap_or(false)) {
        raw.body = Body::Text(String::new());
        return Prepared::Known(raw);
    }
    let body = std::mem::replace(&mut raw.body, Body::Text(String::new()));
    let mut title = raw.title_hint.clone();
    let mut date = raw.date_hint;
    let mut canonical_url = None;
    let text = match body {
        Body::Text(t) => t,
        Body::Html(html) => {
            let opts = ExtractOptions {
                reference_day: dyad_extract::Day::new(
                    chrono::Datelike::year(&raw.fetched_at),
                    chrono::Datelike::month(&raw.fetched_at),
                    chrono::Datelike::day(&raw.fetched_at),
                ),
                ..ExtractOptions::default()
            };
            match dyad_extract::extract(&html, raw.url.as_deref(), &opts) {
                Ok(article) => {
                    // The page knows its headline and date better than a feed does.
                    title = article.title.or(title);
                    date = article
                        .date
                        .and_then(|d| {
                            chrono::NaiveDate::from_ymd_opt(
                                d.day.year(),
                                d.day.month(),
                                d.day.day(),
                            )
                        })
                        .or(date);
                    canonical_url = article.canonical_url;
                    article.text
                }
                Err(ExtractError::Empty | ExtractError::NoText) => {
                    return Prepared::Skipped {
                        subject: raw.key.clone(),
                        reason: "no article text".into(),
                        raw: Some(raw),
                    }
                }
                Err(e) => {
                    return Prepared::Failed {
                        subject: raw.key.clone(),
                        error: format!("extraction failed: {e}"),
                        raw: Some(raw),
                    }
                }
            }
        }
    };
    if text.trim().is_empty() {
        return Prepared::Skipped {
            subject: raw.key.clone(),
            reason: "no article text".into(),
            raw: Some(raw),
        };
    }
    let coded = coder.code(&Document {
        id: raw.key.clone(),
        text,
        title: title.clone(),
        date,
        url: raw.url.clone(),
    });
    let doc = NewDocument {
        key: raw.key.clone(),
        url: raw.url.clone(),
        canonical_url,
        title,
        published: date,
        source_name: Some(raw.source_name.clone()).filter(|s| !s.is_empty()),
        text: coded.clean_text,
    };
    Prepared::Coded {
        raw,
        doc,
        events: coded.events,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("2"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_duration("1.5h"), Ok(Duration::from_secs(5400)));
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("5y").is_err());
    }
}
