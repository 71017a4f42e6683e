//! dyad-ingest reads news from where it lives into [`RawDocument`]s, ready for
//! extraction and coding: RSS and Atom feeds and OPML lists of them (fetching every
//! new item's page), single web pages, WARC and WARC.gz files (CC-NEWS), folders of
//! HTML or text files, and JSON lines.
//!
//! HTTP is done the polite way (see [`FetchConfig`]): a User-Agent naming dyad,
//! robots.txt, per-host concurrency and spacing, timeouts, retries with backoff,
//! bounded redirects, capped bodies, and conditional requests whose validators are
//! remembered in a JSON file next to the database.
//!
//! ```
//! use dyad_ingest::{Item, ReaderConfig, Source, SourceReader};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("docs.jsonl");
//! std::fs::write(&path, r#"{"id":"1","text":"Russia accused Armenia of distorting history."}"#).unwrap();
//!
//! let reader = SourceReader::new(ReaderConfig::default());
//! let source = Source::detect(path.to_str().unwrap()).unwrap();
//! let mut keys = Vec::new();
//! reader.read(&source, &mut |item| {
//!     if let Item::Document(doc) = item {
//!         keys.push(doc.key.clone());
//!         reader.commit(&doc); // once it is stored
//!     }
//! });
//! assert_eq!(keys, ["1"]);
//! ```
#![warn(missing_docs)]

mod error;
mod feed;
mod fetch;
mod folder;
mod hosts;
mod jsonl;
mod opml;
mod pool;
mod reader;
mod robots;
mod source;
mod state;
pub mod warc;

pub use error::{IngestError, Result};
pub use feed::{parse_feed, FeedEntry, ParsedFeed};
pub use fetch::{user_agent, FetchConfig, DEFAULT_CONTACT, ROBOTS_AGENT};
pub use opml::{parse_opml, read_opml, OpmlFeed};
pub use reader::{ReaderConfig, SourceReader};
pub use robots::Robots;
pub use source::{Body, Item, RawDocument, SkipReason, Source};
pub use state::{state_path_for, Validators};
