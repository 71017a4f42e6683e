//! What goes in (a [`Source`]: URL, OPML list, WARC file, folder, JSON lines, file)
//! and what comes out of it (an [`Item`]: a [`RawDocument`], a skip or an error).
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};

use crate::error::{IngestError, Result};
use crate::state::Receipt;

/// One input named on the command line, by kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// An http(s) URL: a feed (RSS, Atom, JSON Feed), an OPML list or a page; which one
    /// is decided by what the server sends.
    Url(String),
    /// An OPML file listing feed URLs.
    Opml(PathBuf),
    /// A WARC file, plain or gzipped (one gzip member per record, as CC-NEWS ships).
    Warc(PathBuf),
    /// A folder of `.html`, `.htm` and `.txt` files (each may be `.gz`), read recursively.
    Folder(PathBuf),
    /// A JSON lines file of `{"id","text"|"html","title"?,"date"?,"url"?}` objects.
    JsonLines(PathBuf),
    /// One `.html`, `.htm` or `.txt` file (may be `.gz`).
    File(PathBuf),
}

impl Source {
    /// Decides the kind of a command-line argument: `http://` and `https://` are URLs,
    /// a folder is a folder, and a file goes by its extension.
    pub fn detect(arg: &str) -> Result<Source> {
        let lower = arg.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            url::Url::parse(arg).map_err(|e| IngestError::BadUrl {
                url: arg.to_string(),
                reason: e.to_string(),
            })?;
            return Ok(Source::Url(arg.to_string()));
        }
        if lower.contains("://") {
            return Err(IngestError::BadSource {
                arg: arg.to_string(),
                reason: "only http and https URLs can be fetched".into(),
            });
        }
        let path = PathBuf::from(arg);
        let meta = std::fs::metadata(&path).map_err(|e| IngestError::BadSource {
            arg: arg.to_string(),
            reason: e.to_string(),
        })?;
        if meta.is_dir() {
            return Ok(Source::Folder(path));
        }
        let name = file_name_lower(&path);
        let stem = name.strip_suffix(".gz").unwrap_or(&name);
        let kind = match extension(stem) {
            "opml" => Source::Opml(path),
            "warc" | "arc" => Source::Warc(path),
            "jsonl" | "ndjson" => Source::JsonLines(path),
            "html" | "htm" | "txt" | "xhtml" => Source::File(path),
            _ => {
                return Err(IngestError::BadSource {
                    arg: arg.to_string(),
                    reason: "unknown kind of file (expected .opml, .warc[.gz], .jsonl, \
                             .html, .htm, .txt, or a folder or URL)"
                        .into(),
                })
            }
        };
        Ok(kind)
    }

    /// The source as the user would name it.
    pub fn name(&self) -> String {
        match self {
            Source::Url(u) => u.clone(),
            Source::Opml(p)
            | Source::Warc(p)
            | Source::Folder(p)
            | Source::JsonLines(p)
            | Source::File(p) => p.display().to_string(),
        }
    }
}

pub(crate) fn file_name_lower(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

pub(crate) fn extension(name: &str) -> &str {
    name.rsplit_once('.').map(|(_, e)| e).unwrap_or("")
}

/// The content of a document before extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// A web page, as bytes in whatever charset it came in: it goes through extraction.
    Html(Vec<u8>),
    /// Plain article text: it goes to the coder as is.
    Text(String),
}

impl Body {
    /// Size in bytes.
    pub fn len(&self) -> usize {
        match self {
            Body::Html(b) => b.len(),
            Body::Text(t) => t.len(),
        }
    }

    /// True when there is nothing in it.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One document read from a source, before extraction and coding.
#[derive(Debug, Clone)]
pub struct RawDocument {
    /// Stable identifier: the page URL, `file:` + absolute path, or the JSON line's id.
    pub key: String,
    /// Where the document lives on the web (after redirects), when it does.
    pub url: Option<String>,
    /// The content.
    pub body: Body,
    /// Headline the source gave (feed item title, JSON `title`); extraction may know better.
    pub title_hint: Option<String>,
    /// Publication day the source gave (feed item date, JSON `date`).
    pub date_hint: Option<NaiveDate>,
    /// The feed's title, or the host, or the file or folder name.
    pub source_name: String,
    /// When it was fetched or read (for WARC records, the capture time).
    pub fetched_at: DateTime<Utc>,
    /// What to remember once the document is stored (see `SourceReader::commit`).
    pub(crate) receipt: Receipt,
}

impl RawDocument {
    pub(crate) fn new(key: String, body: Body, source_name: String) -> Self {
        RawDocument {
            key,
            url: None,
            body,
            title_hint: None,
            date_hint: None,
            source_name,
            fetched_at: Utc::now(),
            receipt: Receipt::default(),
        }
    }
}

/// Why an input or an item was passed over without being an error.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SkipReason {
    /// The server answered 304 Not Modified to a conditional request.
    NotModified,
    /// A feed item already ingested by an earlier run.
    AlreadySeen,
    /// robots.txt forbids fetching it.
    RobotsDisallowed,
    /// A WARC record whose HTTP response is not HTML.
    NotHtml(String),
    /// A WARC record whose HTTP status is not 2xx.
    HttpStatus(u16),
    /// A WARC record larger than the cap.
    TooLarge(u64),
    /// A file in a folder that is not `.html`, `.htm` or `.txt`.
    UnsupportedFile,
    /// A document with no content.
    Empty,
    /// A feed item with no link to fetch.
    NoLink,
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::NotModified => f.write_str("not modified since last run"),
            SkipReason::AlreadySeen => f.write_str("feed item already ingested"),
            SkipReason::RobotsDisallowed => f.write_str("disallowed by robots.txt"),
            SkipReason::NotHtml(ct) => write!(f, "not HTML ({ct})"),
            SkipReason::HttpStatus(s) => write!(f, "archived HTTP status {s}"),
            SkipReason::TooLarge(n) => write!(f, "record of {n} bytes is over the cap"),
            SkipReason::UnsupportedFile => f.write_str("not an .html, .htm or .txt file"),
            SkipReason::Empty => f.write_str("empty"),
            SkipReason::NoLink => f.write_str("feed item has no link"),
        }
    }
}

impl SkipReason {
    /// A short fixed label for counting skips by reason (`not-modified`, `robots`, ...).
    pub fn label(&self) -> &'static str {
        match self {
            SkipReason::NotModified => "not modified",
            SkipReason::AlreadySeen => "already seen",
            SkipReason::RobotsDisallowed => "robots.txt",
            SkipReason::NotHtml(_) => "not HTML",
            SkipReason::HttpStatus(_) => "HTTP status",
            SkipReason::TooLarge(_) => "too large",
            SkipReason::UnsupportedFile => "unsupported file",
            SkipReason::Empty => "empty",
            SkipReason::NoLink => "no link",
        }
    }
}

/// What reading a source yields, one at a time.
// Documents are the common case, so boxing them would only add an allocation each.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Item {
    /// A document to extract, code and store.
    Document(RawDocument),
    /// Something passed over, and why.
    Skipped {
        /// The URL, file or record passed over.
        subject: String,
        /// Why.
        reason: SkipReason,
    },
    /// Something that failed; the rest of the source goes on where it can.
    Failed(IngestError),
}

impl Item {
    pub(crate) fn skipped(subject: impl Into<String>, reason: SkipReason) -> Item {
        Item::Skipped {
            subject: subject.into(),
            reason,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_kinds_by_scheme_folder_and_extension() {
        let dir = tempfile::tempdir().unwrap();
        let p = |n: &str| {
            let path = dir.path().join(n);
            std::fs::write(&path, b"x").unwrap();
            path.to_string_lossy().into_owned()
        };
        assert!(matches!(
            Source::detect("https://example.org/feed"),
            Ok(Source::Url(_))
        ));
        assert!(matches!(
            Source::detect(&dir.path().to_string_lossy()),
            Ok(Source::Folder(_))
        ));
        assert!(matches!(Source::detect(&p("a.opml")), Ok(Source::Opml(_))));
        assert!(matches!(
            Source::detect(&p("a.warc.gz")),
            Ok(Source::Warc(_))
        ));
        assert!(matches!(
            Source::detect(&p("a.jsonl")),
            Ok(Source::JsonLines(_))
        ));
        assert!(matches!(
            Source::detect(&p("a.HTML.gz")),
            Ok(Source::File(_))
        ));
        assert!(Source::detect(&p("a.pdf")).is_err());
        assert!(Source::detect("ftp://example.org/x").is_err());
        assert!(Source::detect("/no/such/file.html").is_err());
    }
}
