//! The one error type of this crate: every variant names what failed (a URL, a file,
//! a line or a WARC record) so that a run's summary can list failures by input.
use std::path::PathBuf;

/// Results of this crate.
pub type Result<T, E = IngestError> = std::result::Result<T, E>;

/// Why one input, or one item of an input, could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    /// A command-line source that names no file, folder or http(s) URL we can read.
    #[error("{arg}: {reason}")]
    BadSource {
        /// The argument as given.
        arg: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A URL that does not parse or is not http(s).
    #[error("{url}: bad URL: {reason}")]
    BadUrl {
        /// The URL as found.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The server answered with an error status (after retries, for 5xx and 429).
    #[error("{url}: HTTP status {status}")]
    HttpStatus {
        /// The URL requested (the last hop of a redirect chain).
        url: String,
        /// The status code.
        status: u16,
    },
    /// The server did not answer in time (after retries).
    #[error("{url}: timed out ({what})")]
    Timeout {
        /// The URL requested.
        url: String,
        /// Which phase timed out (connect, response, body).
        what: String,
    },
    /// The connection failed: DNS, refused, reset, TLS (after retries).
    #[error("{url}: connection failed: {reason}")]
    Connection {
        /// The URL requested.
        url: String,
        /// The transport's message.
        reason: String,
    },
    /// A redirect led back to a URL already visited.
    #[error("{url}: redirect loop back to {target}")]
    RedirectLoop {
        /// The URL first requested.
        url: String,
        /// The URL the chain came back to.
        target: String,
    },
    /// More redirects than allowed.
    #[error("{url}: more than {limit} redirects")]
    TooManyRedirects {
        /// The URL first requested.
        url: String,
        /// The allowed number of hops.
        limit: u32,
    },
    /// A page whose content type is not HTML (or, for a source URL, not HTML nor a feed).
    #[error("{url}: not an HTML page (content type {content_type})")]
    NotHtml {
        /// The URL requested.
        url: String,
        /// The content type the server declared.
        content_type: String,
    },
    /// A response, file or record larger than the configured cap (after decompression).
    #[error("{what}: larger than the {limit}-byte limit")]
    TooLarge {
        /// The URL or file.
        what: String,
        /// The cap in bytes.
        limit: u64,
    },
    /// A feed that neither RSS, Atom nor JSON Feed parsers accept.
    #[error("{url}: not a readable feed: {reason}")]
    Feed {
        /// The feed's URL.
        url: String,
        /// The parser's message.
        reason: String,
    },
    /// An OPML file that does not parse.
    #[error("{}: bad OPML: {reason}", path.display())]
    Opml {
        /// The file.
        path: PathBuf,
        /// The parser's message.
        reason: String,
    },
    /// A WARC file that breaks the format; reading that file stops here.
    #[error("{}: WARC record {record} at byte {offset}: {reason}", path.display())]
    Warc {
        /// The file.
        path: PathBuf,
        /// Index of the record (0-based).
        record: u64,
        /// Offset of the record in the decompressed stream.
        offset: u64,
        /// What is wrong.
        reason: String,
    },
    /// A JSON line that does not parse or lacks what it needs; the other lines go on.
    #[error("{}:{line}: {reason}", path.display())]
    JsonLine {
        /// The file.
        path: PathBuf,
        /// Line number (1-based).
        line: u64,
        /// What is wrong.
        reason: String,
    },
    /// A file or folder that cannot be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The state file (remembered ETags and feed items) cannot be written.
    #[error("{}: cannot save ingest state: {reason}", path.display())]
    State {
        /// The state file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
}

impl IngestError {
    /// The URL, file (with line or record) that failed, for summaries grouped by input.
    pub fn subject(&self) -> String {
        match self {
            IngestError::BadSource { arg, .. } => arg.clone(),
            IngestError::BadUrl { url, .. }
            | IngestError::HttpStatus { url, .. }
            | IngestError::Timeout { url, .. }
            | IngestError::Connection { url, .. }
            | IngestError::RedirectLoop { url, .. }
            | IngestError::TooManyRedirects { url, .. }
            | IngestError::NotHtml { url, .. }
            | IngestError::Feed { url, .. } => url.clone(),
            IngestError::TooLarge { what, .. } => what.clone(),
            IngestError::Opml { path, .. }
            | IngestError::Io { path, .. }
            | IngestError::State { path, .. } => path.display().to_string(),
            IngestError::Warc { path, record, .. } => {
                format!("{}#record{record}", path.display())
            }
            IngestError::JsonLine { path, line, .. } => format!("{}:{line}", path.display()),
        }
    }

    /// True when trying again later may succeed (timeouts, connection failures, 5xx),
    /// so a feed item that failed this way is not marked as seen.
    pub fn is_transient(&self) -> bool {
        match self {
            IngestError::Timeout { .. } | IngestError::Connection { .. } => true,
            IngestError::HttpStatus { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        IngestError::Io {
            path: path.into(),
            source,
        }
    }
}
