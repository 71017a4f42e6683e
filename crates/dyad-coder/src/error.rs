//! Errors of the coder crate.
use std::path::PathBuf;

/// A dictionary could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DictError {
    /// `--dict` does not name a directory.
    #[error("{0}: not a directory")]
    NotADirectory(PathBuf),
    /// The directory holds none of the dictionary files.
    #[error(
        "{0}: holds no dictionary file (expected e.g. actors/people.tsv or events/patterns.tsv)"
    )]
    NoFiles(PathBuf),
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A row is malformed.
    #[error("{origin}, line {line}: {message}")]
    BadRow {
        /// The file.
        origin: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}
