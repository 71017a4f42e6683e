//! dyad's event store: the documents read, the events coded from them
//! deduplicated the way GDELT's Events table is (one row per day, source actor,
//! target actor and event code), and every mention with its evidence (GDELT's
//! Mentions table), in one SQLite file.
//!
//! - [`Store`] opens (creating and migrating) the file; [`Store::add_document`] and
//!   [`Store::add_documents`] write, one transaction per call, so a killed ingest
//!   can simply be run again.
//! - [`query`] answers analysts' questions with typed rows.
//! - [`export`] writes GDELT 2.0 TSV, JSON lines and CSV.
//!
//! # What is counted, and how
//!
//! - An event is one row per (day, source actor code, target actor code, event
//!   code). The day is the coder's date for the event, else the document's
//!   publication day, else the day of ingest.
//! - `num_mentions` counts every mention (several in one document all count),
//!   `num_articles` the documents with at least one mention, `num_sources` the
//!   distinct outlets (`source_name`, else the URL's host; a document with
//!   neither counts as its own outlet). These are GDELT's definitions, but GDELT
//!   freezes them after the 15-minute update in which the event was first seen;
//!   dyad has no such updates and keeps them up to date with every report, with
//!   `first_seen` and `last_seen` bracketing the reports. The per-report detail
//!   is in the mentions.
//! - `is_root_event`, the actor names and the `source_url` of exports come from
//!   the first report, as in GDELT.
//! - A document whose key is stored, or whose normalised text (letters and
//!   digits, lowercased) is stored under another key, adds nothing.
//!
//! ```
//! use dyad_store::{AddOutcome, NewDocument, Store};
//! let dir = tempfile::tempdir()?;
//! let mut store = Store::open(dir.path().join("dyad.db"))?;
//! let doc = NewDocument {
//!     key: "https://example.org/a".into(),
//!     text: "Russia accused Ukraine.".into(),
//!     ..Default::default()
//! };
//! assert!(matches!(store.add_document(&doc, &[])?, AddOutcome::Inserted { .. }));
//! assert!(matches!(store.add_document(&doc, &[])?, AddOutcome::Duplicate { .. }));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod error;
pub mod export;
pub mod ingest;
pub mod query;
pub mod record;
mod schema;
mod store;

/// The SQLite binding [`Store::connection`] hands out, at the version the store uses.
pub use rusqlite;

pub use error::{Result, StoreError};
pub use ingest::{AddOutcome, DuplicateReason, NewDocument};
pub use query::EventFilter;
pub use record::{ActorRecord, EventRecord, MentionRecord};
pub use schema::SCHEMA_VERSION;
pub use store::{Clock, Counts, Store};
