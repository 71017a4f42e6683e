//! [`SourceReader`]: reads any [`Source`] into [`Item`]s, fetching what must be
//! fetched, and remembers between runs what was stored.
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{IngestError, Result};
use crate::feed::{parse_feed, sniff, BodyKind, FeedEntry, ParsedFeed};
use crate::fetch::{host_of, FetchConfig, Fetched, FetchedBody, Fetcher, Want};
use crate::opml::{parse_opml, read_opml};
use crate::pool::run_pool;
use crate::source::{Body, Item, RawDocument, SkipReason, Source};
use crate::state::{IngestState, Validators};
use crate::warc::{parse_http_response, Block, WarcReader};

/// How to read sources.
#[derive(Debug, Clone)]
pub struct ReaderConfig {
    /// HTTP settings.
    pub fetch: FetchConfig,
    /// Where ETags and ingested feed items are remembered between runs; `None`
    /// remembers nothing (every run fetches everything).
    pub state_path: Option<PathBuf>,
    /// Largest file (or JSON line) read from disk, after decompression.
    pub max_file_bytes: u64,
    /// Largest WARC `response` record loaded.
    pub max_warc_record_bytes: u64,
}

impl Default for ReaderConfig {
    fn default() -> Self {
        ReaderConfig {
            fetch: FetchConfig::default(),
            state_path: None,
            max_file_bytes: 16 * 1024 * 1024,
            max_warc_record_bytes: 16 * 1024 * 1024,
        }
    }
}

/// Reads sources one at a time; pages of feeds are fetched on several threads, but
/// every [`Item`] is handed to the caller on the caller's thread.
pub struct SourceReader {
    fetcher: Fetcher,
    state: Mutex<IngestState>,
    config: ReaderConfig,
}

/// A feed fetched and parsed, with what is needed to finish it.
struct FeedJob {
    url: String,
    name: String,
    validators: Validators,
    entries: Vec<FeedEntry>,
}

impl SourceReader {
    /// A reader; loads the state file when there is one.
    pub fn new(config: ReaderConfig) -> SourceReader {
        let state = config
            .state_path
            .as_deref()
            .map(IngestState::load)
            .unwrap_or_default();
        SourceReader {
            fetcher: Fetcher::new(config.fetch.clone()),
            state: Mutex::new(state),
            config,
        }
    }

    /// Reads one source, handing each document, skip and failure to `emit`.
    pub fn read(&self, source: &Source, emit: &mut dyn FnMut(Item)) {
        match source {
            Source::Url(url) => self.read_url(url, emit),
            Source::Opml(path) => match read_opml(path) {
                Ok(feeds) => self.read_feeds(feeds.into_iter().map(|f| f.url).collect(), emit),
                Err(e) => emit(Item::Failed(e)),
            },
            Source::Warc(path) => self.read_warc(path, emit),
            Source::Folder(path) => {
                crate::folder::read_folder(path, self.config.max_file_bytes, emit)
            }
            Source::JsonLines(path) => {
                crate::jsonl::read_json_lines(path, self.config.max_file_bytes, emit)
            }
            Source::File(path) => {
                let name = path
                    .parent()
                    .and_then(|p| std::path::absolute(p).ok())
                    .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                    .unwrap_or_default();
                emit(crate::folder::read_document(
                    path,
                    &name,
                    self.config.max_file_bytes,
                ))
            }
        }
    }

    /// Records that `doc` is done with (stored, found a duplicate, or found to hold
    /// no usable article): its validators are sent next time and its feed item is
    /// not fetched again. Call it only after the store has committed. A document
    /// never committed is read again by the next run.
    pub fn commit(&self, doc: &RawDocument) {
        self.lock_state().commit(&doc.receipt);
    }

    /// Writes the state file (atomically), if anything changed.
    pub fn save_state(&self) -> Result<()> {
        match &self.config.state_path {
            Some(path) => self.lock_state().save(path),
            None => Ok(()),
        }
    }

    fn lock_state(&self) -> std::sync::MutexGuard<'_, IngestState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn validators(&self, url: &str) -> Option<Validators> {
        self.lock_state().validators(url).cloned()
    }

    fn read_url(&self, url: &str, emit: &mut dyn FnMut(Item)) {
        let validators = self.validators(url);
        let body = match self
            .fetcher
            .fetch(url, Want::PageOrFeed, validators.as_ref())
        {
            Ok(Fetched::Body(b)) => b,
            Ok(Fetched::NotModified) => return emit(Item::skipped(url, SkipReason::NotModified)),
            Ok(Fetched::Disallowed) => {
                return emit(Item::skipped(url, SkipReason::RobotsDisallowed))
            }
            Err(e) => return emit(Item::Failed(e)),
        };
        match sniff(&body.bytes, &body.content_type) {
            BodyKind::Page => emit(self.page_document(url, body, None)),
            BodyKind::Feed => match parse_feed(&body.bytes, &body.url) {
                Ok(feed) => {
                    let job = self.feed_job(url, &body, feed, emit);
                    self.read_feed_items(vec![job], emit);
                }
                Err(e) => emit(Item::Failed(e)),
            },
            BodyKind::Opml => match parse_opml(&body.bytes) {
                Ok(feeds) => self.read_feeds(feeds.into_iter().map(|f| f.url).collect(), emit),
                Err(reason) => emit(Item::Failed(IngestError::Feed {
                    url: url.to_string(),
                    reason: format!("bad OPML: {reason}"),
                })),
            },
        }
    }

    /// Fetches feeds (conditionally), then the pages of their new items.
    fn read_feeds(&self, urls: Vec<String>, emit: &mut dyn FnMut(Item)) {
        let mut jobs = Vec::new();
        let workers = self.config.fetch.workers;
        run_pool(
            urls,
            workers,
            |url| {
                let v = self.validators(&url);
                let got = self.fetcher.fetch(&url, Want::PageOrFeed, v.as_ref());
                (url, got)
            },
            |(url, got)| match got {
                Ok(Fetched::Body(body)) => match sniff(&body.bytes, &body.content_type) {
                    BodyKind::Feed => match parse_feed(&body.bytes, &body.url) {
                        Ok(feed) => jobs.push(self.feed_job(&url, &body, feed, emit)),
                        Err(e) => emit(Item::Failed(e)),
                    },
                    _ => emit(Item::Failed(IngestError::Feed {
                        url,
                        reason: "not RSS, Atom or JSON Feed".into(),
                    })),
                },
                Ok(Fetched::NotModified) => emit(Item::skipped(url, SkipReason::NotModified)),
                Ok(Fetched::Disallowed) => emit(Item::skipped(url, SkipReason::RobotsDisallowed)),
                Err(e) => emit(Item::Failed(e)),
            },
        );
        self.read_feed_items(jobs, emit);
    }

    fn feed_job(
        &self,
        url: &str,
        body: &FetchedBody,
        feed: ParsedFeed,
        emit: &mut dyn FnMut(Item),
    ) -> FeedJob {
        for _ in 0..feed.without_link {
            emit(Item::skipped(url, SkipReason::NoLink));
        }
        FeedJob {
            url: url.to_string(),
            name: feed
                .title
                .or_else(|| host_of(url))
                .unwrap_or_else(|| url.to_string()),
            validators: body.validators.clone(),
            entries: feed.entries,
        }
    }

    fn read_feed_items(&self, feeds: Vec<FeedJob>, emit: &mut dyn FnMut(Item)) {
        let mut pages = Vec::new();
        for (i, feed) in feeds.iter().enumerate() {
            let state = self.lock_state();
            for entry in &feed.entries {
                if state.is_seen(&feed.url, &entry.link) {
                    emit(Item::skipped(&entry.link, SkipReason::AlreadySeen));
                } else {
                    pages.push((i, entry));
                }
            }
        }
        run_pool(
            pages,
            self.config.fetch.workers,
            |(i, entry)| {
                let v = self.validators(&entry.link);
                (
                    i,
                    entry,
                    self.fetcher.fetch(&entry.link, Want::Page, v.as_ref()),
                )
            },
            |(i, entry, got)| {
                let feed = &feeds[i];
                let permanent = match got {
                    Ok(Fetched::Body(body)) => {
                        let mut item = self.page_document(&entry.link, body, Some(&feed.url));
                        if let Item::Document(doc) = &mut item {
                            doc.source_name = feed.name.clone();
                            doc.title_hint = entry.title.clone();
                            doc.date_hint = entry.date;
                        }
                        let failed = matches!(item, Item::Failed(_));
                        emit(item);
                        // A document is marked seen by its commit.
                        failed
                    }
                    Ok(Fetched::NotModified) => {
                        emit(Item::skipped(&entry.link, SkipReason::NotModified));
                        true
                    }
                    Ok(Fetched::Disallowed) => {
                        emit(Item::skipped(&entry.link, SkipReason::RobotsDisallowed));
                        true
                    }
                    Err(e) => {
                        let permanent = !e.is_transient();
                        emit(Item::Failed(e));
                        permanent
                    }
                };
                if permanent {
                    self.lock_state().mark_seen(&feed.url, &entry.link);
                }
            },
        );
        // The feed's own validators are kept only once every item is done with
        // (committed by the caller, perhaps later on another thread), so a 304 next
        // time cannot hide an item that still has to be fetched.
        let mut state = self.lock_state();
        for feed in feeds {
            let links = feed.entries.iter().map(|e| e.link.as_str());
            state.remember_feed_when_done(&feed.url, feed.validators, links);
        }
    }

    /// A fetched page as a document, or a failure if it turned out not to be HTML.
    fn page_document(&self, requested: &str, body: FetchedBody, feed: Option<&str>) -> Item {
        if !body.content_type.is_empty()
            && !matches!(
                body.content_type.as_str(),
                "text/html" | "application/xhtml+xml"
            )
            && sniff(&body.bytes, &body.content_type) != BodyKind::Page
        {
            return Item::Failed(IngestError::NotHtml {
                url: requested.to_string(),
                content_type: body.content_type,
            });
        }
        let mut doc = RawDocument::new(
            body.url.clone(),
            Body::Html(body.bytes),
            host_of(&body.url).unwrap_or_default(),
        );
        doc.url = Some(body.url);
        doc.receipt.validators = Some((requested.to_string(), body.validators));
        doc.receipt.feed_item = feed.map(|f| (f.to_string(), requested.to_string()));
        Item::Document(doc)
    }

    fn read_warc(&self, path: &Path, emit: &mut dyn FnMut(Item)) {
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) => return emit(Item::Failed(IngestError::io(path, e))),
        };
        let mut buffered = std::io::BufReader::with_capacity(256 * 1024, file);
        let gz = match std::io::BufRead::fill_buf(&mut buffered) {
            Ok(head) => head.starts_with(&[0x1f, 0x8b]),
            Err(e) => return emit(Item::Failed(IngestError::io(path, e))),
        };
        let stream: Box<dyn std::io::BufRead> = if gz {
            Box::new(std::io::BufReader::with_capacity(
                256 * 1024,
                flate2::read::MultiGzDecoder::new(buffered),
            ))
        } else {
            Box::new(buffered)
        };
        let cap = self.config.max_warc_record_bytes;
        let mut reader = WarcReader::new(stream, cap);
        let mut index = 0u64;
        loop {
            let offset = reader.offset();
            let warc_error = |reason: String| IngestError::Warc {
                path: path.to_path_buf(),
                record: index,
                offset,
                reason,
            };
            let record = match reader.next_record() {
                Ok(Some(r)) => r,
                Ok(None) => return,
                Err(reason) => return emit(Item::Failed(warc_error(reason))),
            };
            index += 1;
            let uri = record.header.target_uri.clone();
            let subject = uri
                .clone()
                .or_else(|| record.header.record_id.clone())
                .unwrap_or_else(|| format!("{}#record{}", path.display(), index - 1));
            let block = match record.block {
                Block::Skipped => continue,
                Block::TooLarge => {
                    emit(Item::skipped(
                        subject,
                        SkipReason::TooLarge(record.header.content_length),
                    ));
                    continue;
                }
                Block::Loaded(b) => b,
            };
            let http = match parse_http_response(&block, cap) {
                Ok(h) => h,
                Err(reason) => {
                    emit(Item::Failed(IngestError::Warc {
                        path: path.to_path_buf(),
                        record: index - 1,
                        offset: record.offset,
                        reason,
                    }));
                    continue;
                }
            };
            if !(200..300).contains(&http.status) {
                emit(Item::skipped(subject, SkipReason::HttpStatus(http.status)));
                continue;
            }
            if !http.content_type.is_empty()
                && !matches!(
                    http.content_type.as_str(),
                    "text/html" | "application/xhtml+xml"
                )
            {
                emit(Item::skipped(
                    subject,
                    SkipReason::NotHtml(http.content_type),
                ));
                continue;
            }
            if http.body.iter().all(|b| b.is_ascii_whitespace()) {
                emit(Item::skipped(subject, SkipReason::Empty));
                continue;
            }
            let source_name = uri.as_deref().and_then(host_of).unwrap_or_default();
            let mut doc = RawDocument::new(subject, Body::Html(http.body), source_name);
            doc.url = uri;
            if let Some(date) = record.header.date {
                doc.fetched_at = date;
            }
            emit(Item::Document(doc));
        }
    }
}
