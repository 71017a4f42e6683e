//! Reading documents for `dyad code`: plain text, HTML pages and JSON lines, from files
//! or standard input, with every error naming the file and line.
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context};
use clap::ValueEnum;
use dyad_core::{parse_day, Document};
use serde::Deserialize;

/// Default size limit of one document: larger ones are refused, not truncated, so a
/// stray binary or a concatenated dump cannot stall a run.
pub const DEFAULT_MAX_DOC_BYTES: usize = 8 * 1024 * 1024;

/// What an input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputKind {
    /// By file extension: .jsonl/.ndjson, .html/.htm, else text.
    Auto,
    /// One article of plain text.
    Text,
    /// One web page.
    Html,
    /// One JSON document per line: {"id", "text" or "html", "title"?, "date"?, "url"?}.
    Jsonl,
}

#[derive(Deserialize)]
struct JsonDoc {
    id: Option<serde_json::Value>,
    text: Option<String>,
    html: Option<String>,
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
}

/// Documents from one input, one at a time.
pub struct DocumentReader {
    name: String,
    kind: InputKind,
    date: Option<chrono::NaiveDate>,
    max: usize,
    lines: Option<Box<dyn BufRead>>,
    whole: Option<Vec<u8>>,
    line_no: usize,
    path: PathBuf,
}

impl DocumentReader {
    /// Opens `path` (`-` for standard input).
    pub fn open(
        path: &Path,
        kind: InputKind,
        date: Option<chrono::NaiveDate>,
        max: usize,
    ) -> anyhow::Result<Self> {
        let stdin = path == Path::new("-");
        let name = if stdin {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        };
        let kind = match kind {
            InputKind::Auto => {
                let ext = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .unwrap_or("")
                    .to_ascii_lowercase();
                match ext.as_str() {
                    "jsonl" | "ndjson" => InputKind::Jsonl,
                    "html" | "htm" | "xhtml" => InputKind::Html,
                    _ => InputKind::Text,
                }
            }
            k => k,
        };
        let reader: Box<dyn BufRead> = if stdin {
            Box::new(BufReader::new(std::io::stdin()))
        } else {
            let f = File::open(path).with_context(|| format!("{name}: cannot open"))?;
            if f.metadata().map(|m| m.is_dir()).unwrap_or(false) {
                bail!("{name}: is a directory (dyad code reads files; dyad ingest reads folders)");
            }
            Box::new(BufReader::new(f))
        };
        let mut r = DocumentReader {
            name,
            kind,
            date,
            max,
            lines: None,
            whole: None,
            line_no: 0,
            path: path.to_path_buf(),
        };
        if kind == InputKind::Jsonl {
            r.lines = Some(reader);
        } else {
            let mut buf = Vec::new();
            reader
                .take(max as u64 + 1)
                .read_to_end(&mut buf)
                .with_context(|| format!("{}: cannot read", r.name))?;
            if buf.len() > max {
                bail!(
                    "{}: larger than the {} byte limit (--max-doc-bytes)",
                    r.name,
                    max
                );
            }
            r.whole = Some(buf);
        }
        Ok(r)
    }

    fn whole_document(&mut self, bytes: Vec<u8>) -> anyhow::Result<Document> {
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            bail!("{}: empty input, nothing to code", self.name);
        }
        let id = self
            .path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("stdin")
            .to_string();
        match self.kind {
            InputKind::Html => {
                let article = crate::cmd::html::article_from_html(&bytes, None)
                    .with_context(|| self.name.clone())?;
                Ok(Document {
                    id,
                    date: self.date.or(article.date),
                    title: article.title,
                    text: article.text,
                    url: article.url,
                })
            }
            _ => {
                let text = text_of(&bytes).map_err(|e| anyhow!("{}: {e}", self.name))?;
                Ok(Document {
                    id,
                    text,
                    date: self.date,
                    ..Default::default()
                })
            }
        }
    }

    /// Reads the next line, keeping at most `max` bytes of it (the rest is skipped),
    /// so one enormous line cannot exhaust memory. Returns (line, full length).
    fn next_line(&mut self) -> Option<std::io::Result<(Vec<u8>, usize)>> {
        let reader = self.lines.as_mut()?;
        let mut line = Vec::new();
        let mut total = 0usize;
        loop {
            let buf = match reader.fill_buf() {
                Ok(b) => b,
                Err(e) => return Some(Err(e)),
            };
            if buf.is_empty() {
                return if total == 0 {
                    None
                } else {
                    Some(Ok((line, total)))
                };
            }
            let (chunk, done) = match buf.iter().position(|&b| b == b'\n') {
                Some(i) => (&buf[..i], i + 1),
                None => (buf, buf.len()),
            };
            let keep = chunk.len().min((self.max + 1).saturating_sub(line.len()));
            line.extend_from_slice(&chunk[..keep]);
            total += chunk.len();
            let newline = done > chunk.len();
            reader.consume(done);
            if newline {
                return Some(Ok((line, total.max(1))));
            }
        }
    }

    fn json_document(&self, line: &[u8], len: usize) -> anyhow::Result<Option<Document>> {
        let at = format!("{}, line {}", self.name, self.line_no);
        if len > self.max {
            bail!("{at}: document of {len} bytes is over the {} byte limit (--max-doc-bytes); skipped", self.max);
        }
        let text = std::str::from_utf8(line).map_err(|e| {
            anyhow!(
                "{at}: not UTF-8 (invalid byte at offset {})",
                e.valid_up_to()
            )
        })?;
        if text.trim().is_empty() {
            return Ok(None);
        }
        let d: JsonDoc =
            serde_json::from_str(text).map_err(|e| anyhow!("{at}: not a JSON document: {e}"))?;
        let id = match d.id {
            Some(serde_json::Value::String(s)) => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            Some(_) => bail!("{at}: \"id\" must be a string or a number"),
            None => format!("{}:{}", self.name, self.line_no),
        };
        let date = match d.date.as_deref() {
            Some(s) if !s.trim().is_empty() => Some(
                parse_day(s)
                    .ok_or_else(|| anyhow!("{at}: \"date\" {s:?} is not a date (YYYY-MM-DD)"))?,
            ),
            _ => self.date,
        };
        let (text, title, url, date) = match (d.text, d.html) {
            (Some(t), _) => (t, d.title, d.url, date),
            (None, Some(h)) => {
                let a = crate::cmd::html::article_from_html(h.as_bytes(), d.url.as_deref())
                    .with_context(|| at.clone())?;
                (
                    a.text,
                    d.title.or(a.title),
                    d.url.or(a.url),
                    date.or(a.date),
                )
            }
            (None, None) => bail!("{at}: document {id:?} has neither \"text\" nor \"html\""),
        };
        if text.trim().is_empty() {
            bail!("{at}: document {id:?} has an empty text");
        }
        Ok(Some(Document {
            id,
            text,
            title,
            date,
            url,
        }))
    }
}

impl Iterator for DocumentReader {
    type Item = anyhow::Result<Document>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(bytes) = self.whole.take() {
            return Some(self.whole_document(bytes));
        }
        loop {
            let (line, len) = match self.next_line()? {
                Ok(l) => l,
                Err(e) => {
                    self.lines = None;
                    return Some(Err(anyhow!(
                        "{}: read error after line {}: {e}",
                        self.name,
                        self.line_no
                    )));
                }
            };
            self.line_no += 1;
            match self.json_document(&line, len) {
                Ok(Some(d)) => return Some(Ok(d)),
                Ok(None) => continue,
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// Plain text from bytes: UTF-8 (a BOM dropped), not binary.
pub fn text_of(bytes: &[u8]) -> Result<String, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(p) = bytes.iter().take(65536).position(|&b| b == 0) {
        return Err(format!("binary data, not text (NUL byte at offset {p})"));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(format!(
            "not UTF-8 text (invalid byte at offset {}); convert it to UTF-8 first",
            e.valid_up_to()
        )),
    }
}
