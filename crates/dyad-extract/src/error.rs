//! Why a page could not be extracted.

/// The error of [`crate::extract`]: the page is not something an article can be read from.
///
/// Every variant is about the document itself, so a batch reports it for that document and
/// goes on with the next one.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExtractError {
    /// The input has no bytes, or only whitespace.
    #[error("empty document")]
    Empty,
    /// The input is binary data (an image, a PDF, an archive, ...), not text.
    #[error("binary content, not HTML ({0})")]
    Binary(&'static str),
    /// The input is text but holds no HTML markup.
    #[error("not an HTML page (no markup found)")]
    NotHtml,
    /// The input, or its gzip-decompressed form, is larger than
    /// [`crate::ExtractOptions::max_input_bytes`].
    #[error("document too large: more than {limit} bytes")]
    TooLarge {
        /// The limit that was passed.
        limit: usize,
    },
    /// The input starts like gzip but does not decompress.
    #[error("broken gzip stream: {0}")]
    Gzip(String),
    /// The page is HTML but no article text could be found in it.
    #[error("no article text found")]
    NoText,
}

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, ExtractError>;
