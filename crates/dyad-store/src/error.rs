//! The one error type of the store. Every variant names the database file, so a
//! message read in a log says which file is broken.
use std::path::{Path, PathBuf};

/// Shorthand for results of this crate.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// What can go wrong with an event database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file could not be opened or created (missing folder, no permission).
    #[error("cannot open event database {path}")]
    Open {
        /// The database file.
        path: PathBuf,
        /// SQLite's reason.
        #[source]
        source: rusqlite::Error,
    },
    /// A database opened for reading does not exist.
    #[error("event database {path} does not exist")]
    NotFound {
        /// The database file.
        path: PathBuf,
    },
    /// The file is not an SQLite database, or its pages are damaged.
    #[error("event database {path} is corrupt or not a database")]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// SQLite's reason.
        #[source]
        source: rusqlite::Error,
    },
    /// A schema migration failed; the database is left at the version before it.
    #[error("event database {path}: migration {file} (to version {version}) failed")]
    Migrate {
        /// The database file.
        path: PathBuf,
        /// The schema version the migration leads to.
        version: u32,
        /// The migration's file name (`0001_init.sql`).
        file: &'static str,
        /// SQLite's reason.
        #[source]
        source: rusqlite::Error,
    },
    /// The database was written by a newer dyad, whose schema this one does not know.
    #[error("event database {path} has schema version {found}, newer than this dyad knows ({known}); upgrade dyad")]
    TooNew {
        /// The database file.
        path: PathBuf,
        /// Version found in the file.
        found: u32,
        /// Highest version this build knows.
        known: u32,
    },
    /// A read-only open found a schema version other than this build's: open it
    /// once for writing to migrate it (or upgrade dyad if it is newer).
    #[error("event database {path} has schema version {found}, this dyad reads version {known}")]
    Version {
        /// The database file.
        path: PathBuf,
        /// Version found in the file.
        found: u32,
        /// The version this build reads.
        known: u32,
    },
    /// Another process holds the database locked for longer than the busy timeout.
    #[error("event database {path} is busy (locked by another process)")]
    Busy {
        /// The database file.
        path: PathBuf,
        /// SQLite's reason.
        #[source]
        source: rusqlite::Error,
    },
    /// Any other SQLite failure while reading or writing.
    #[error("error in event database {path}")]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// SQLite's reason.
        #[source]
        source: rusqlite::Error,
    },
    /// A query was given a value it cannot use (a malformed actor or event code).
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    /// A stored value does not parse back (a date column holding garbage).
    #[error("event database {path}: bad value in {what}: {value:?}")]
    BadValue {
        /// The database file.
        path: PathBuf,
        /// Table and column.
        what: &'static str,
        /// The value found.
        value: String,
    },
    /// Writing an export failed.
    #[error("cannot write export to {target}")]
    Write {
        /// Where the export was going (a file name or `stdout`).
        target: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

impl StoreError {
    /// Wraps a SQLite error raised while using `path`, sorting out corruption and
    /// lock contention, which the caller treats differently from other failures.
    pub(crate) fn sqlite(path: &Path, source: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        let path = path.to_path_buf();
        match source.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
                StoreError::Corrupt { path, source }
            }
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                StoreError::Busy { path, source }
            }
            _ => StoreError::Sqlite { path, source },
        }
    }
}

/// Adds the database path to a SQLite result.
pub(crate) trait AtPath<T> {
    /// Maps the error with [`StoreError::sqlite`].
    fn at(self, path: &Path) -> Result<T>;
}

impl<T> AtPath<T> for rusqlite::Result<T> {
    fn at(self, path: &Path) -> Result<T> {
        self.map_err(|e| StoreError::sqlite(path, e))
    }
}
