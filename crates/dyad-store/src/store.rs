//! [`Store`]: one SQLite file holding documents, events and mentions.
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::error::{AtPath, Result, StoreError};
use crate::schema::{self, SCHEMA_VERSION};

/// How long a writer waits for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// WAL pages between automatic checkpoints (SQLite's default is 1,000). Each
/// checkpoint syncs the disk twice, which costs far more than the writes
/// themselves on small transactions; 8,192 pages (32 MiB of WAL) makes them rare.
const WAL_CHECKPOINT_PAGES: i64 = 8_192;

/// Where the store takes the time it records (`ingested_at`, `first_seen`,
/// `last_seen`, and the day of events that carry no date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    /// The system clock.
    #[default]
    System,
    /// A fixed instant: for tests and for replaying an ingest reproducibly.
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// The current instant by this clock.
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(t) => *t,
        }
    }
}

/// Formats an instant the way the store keeps it: `2024-03-05T10:00:00Z`, which
/// sorts as text in time order.
pub(crate) fn timestamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Formats a day the way the store keeps it: `2024-03-05`.
pub(crate) fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The event database: documents read, events deduplicated across reports, and
/// every mention with its evidence.
///
/// Writes go through [`Store::add_document`] and [`Store::add_documents`]
/// (see [`crate::ingest`]); reads through [`crate::query`] and [`crate::export`].
/// The file is in WAL mode, so readers (the web server) never block the writer.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    pub(crate) clock: Clock,
}

/// How much the database holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Documents stored (duplicates are not stored).
    pub documents: u64,
    /// Distinct events.
    pub events: u64,
    /// Mentions of events in documents.
    pub mentions: u64,
}

impl Store {
    /// Opens the database at `path`, creating the file if needed and bringing its
    /// schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let mut conn = Connection::open(&path).map_err(|source| StoreError::Open {
            path: path.clone(),
            source,
        })?;
        configure(&conn, &path, true)?;
        schema::migrate(&mut conn, &path)?;
        Ok(Store {
            conn,
            path,
            clock: Clock::System,
        })
    }

    /// Opens an existing database for reading only, as the web server and
    /// `dyad query` do. It must already be at this build's schema version.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        if !path.exists() {
            return Err(StoreError::NotFound { path });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(&path, flags).map_err(|source| StoreError::Open {
                path: path.clone(),
                source,
            })?;
        configure(&conn, &path, false)?;
        let found = schema::migrate::user_version(&conn, &path)?;
        if found != SCHEMA_VERSION {
            return Err(StoreError::Version {
                path,
                found,
                known: SCHEMA_VERSION,
            });
        }
        Ok(Store {
            conn,
            path,
            clock: Clock::System,
        })
    }

    /// Uses `clock` for the times recorded from now on.
    pub fn with_clock(mut self, clock: Clock) -> Store {
        self.clock = clock;
        self
    }

    /// Uses `clock` for the times recorded from now on.
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the file (always [`SCHEMA_VERSION`] once open).
    pub fn schema_version(&self) -> Result<u32> {
        schema::migrate::user_version(&self.conn, &self.path)
    }

    /// Number of documents, events and mentions stored.
    pub fn counts(&self) -> Result<Counts> {
        let count = |table: &str| -> Result<u64> {
            self.conn
                .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| {
                    r.get::<_, i64>(0)
                })
                .map(|n| n as u64)
                .at(&self.path)
        };
        Ok(Counts {
            documents: count("documents")?,
            events: count("events")?,
            mentions: count("mentions")?,
        })
    }

    /// The underlying SQLite connection, for reads this crate does not offer yet.
    /// Writing through it bypasses deduplication: don't.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// Sets the pragmas every connection needs.
///
/// WAL with `synchronous = NORMAL`: a killed process loses nothing committed; a
/// power cut may lose the last few commits but never leaves a half-written
/// document, and re-running the ingest restores them (ingest is idempotent).
fn configure(conn: &Connection, path: &Path, writable: bool) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT).at(path)?;
    if writable {
        // Reading the mode back also makes SQLite read the header now, so a file that
        // is not a database fails here, with its name, rather than on first use.
        let mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
            .at(path)?;
        if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
            return Err(StoreError::sqlite(
                path,
                rusqlite::Error::InvalidParameterName(format!("journal_mode {mode}")),
            ));
        }
        conn.pragma_update(None, "synchronous", "NORMAL").at(path)?;
        conn.pragma_update(None, "wal_autocheckpoint", WAL_CHECKPOINT_PAGES)
            .at(path)?;
    }
    conn.pragma_update(None, "foreign_keys", "ON").at(path)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_creates_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("e.db");
        let s = Store::open(&p).unwrap();
        assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(
            s.counts().unwrap(),
            Counts {
                documents: 0,
                events: 0,
                mentions: 0
            }
        );
        drop(s);
        let r = Store::open_read_only(&p).unwrap();
        assert_eq!(r.schema_version().unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("junk.db");
        std::fs::write(&p, vec![b'x'; 4096]).unwrap();
        let err = Store::open(&p).unwrap_err();
        assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
        assert!(err.to_string().contains("junk.db"), "{err}");

        let missing = dir.path().join("no/such/dir/e.db");
        let err = Store::open(&missing).unwrap_err();
        assert!(err.to_string().contains("no/such/dir"), "{err}");
    }

    #[test]
    fn timestamps_sort_as_text() {
        let a = DateTime::parse_from_rfc3339("2024-03-05T09:59:59Z").unwrap();
        let b = DateTime::parse_from_rfc3339("2024-03-05T10:00:00Z").unwrap();
        assert!(timestamp(a.into()) < timestamp(b.into()));
        assert_eq!(timestamp(b.into()), "2024-03-05T10:00:00Z");
    }
}
