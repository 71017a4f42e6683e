//! WARC files (ISO 28500; the format of Common Crawl's CC-NEWS), plain or gzipped
//! one member per record. A small streaming reader: record headers are parsed,
//! `response` records up to a size cap are loaded, everything else is skipped
//! without being buffered. The HTTP envelope of a response is read with httparse.
use std::io::{self, BufRead, Read};

use chrono::{DateTime, Utc};

/// Longest WARC header block accepted.
const MAX_HEADER_BYTES: usize = 64 * 1024;

/// One WARC record's named headers (the others are dropped).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WarcHeader {
    /// `WARC-Type`: `response`, `request`, `warcinfo`, ...
    pub warc_type: String,
    /// `WARC-Target-URI`.
    pub target_uri: Option<String>,
    /// `WARC-Date`.
    pub date: Option<DateTime<Utc>>,
    /// `WARC-Record-ID`.
    pub record_id: Option<String>,
    /// `Content-Type` of the block (`application/http; msgtype=response`).
    pub content_type: Option<String>,
    /// `Content-Length` of the block.
    pub content_length: u64,
}

/// A record's block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The block of a `response` record.
    Loaded(Vec<u8>),
    /// A `response` block over the cap, skipped.
    TooLarge,
    /// Another type of record, skipped.
    Skipped,
}

/// One record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcRecord {
    /// Its headers.
    pub header: WarcHeader,
    /// Its block.
    pub block: Block,
    /// Byte offset of the record in the (decompressed) stream.
    pub offset: u64,
}

/// Reads records one at a time.
pub struct WarcReader<R> {
    inner: R,
    max_record_bytes: u64,
    offset: u64,
}

impl<R: BufRead> WarcReader<R> {
    /// A reader that loads `response` blocks of at most `max_record_bytes`.
    pub fn new(inner: R, max_record_bytes: u64) -> Self {
        WarcReader {
            inner,
            max_record_bytes,
            offset: 0,
        }
    }

    /// Offset in the decompressed stream where the next record starts.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// The next record, `None` at the end; an error means the stream is broken and
    /// reading it stops.
    pub fn next_record(&mut self) -> Result<Option<WarcRecord>, String> {
        // Skip the blank lines that end the previous record.
        let mut line = Vec::new();
        loop {
            line.clear();
            let n = self.read_line(&mut line)?;
            if n == 0 {
                return Ok(None);
            }
            if !line.iter().all(|b| b.is_ascii_whitespace()) {
                break;
            }
        }
        let start = self.offset - line.len() as u64;
        if !line.starts_with(b"WARC/") {
            return Err(format!(
                "expected a WARC/1.x version line, found {:?}",
                String::from_utf8_lossy(&line[..line.len().min(40)])
            ));
        }
        let mut header = WarcHeader::default();
        let mut length = None;
        let mut header_bytes = line.len();
        loop {
            line.clear();
            let n = self.read_line(&mut line)?;
            if n == 0 {
                return Err("end of file inside a record header".into());
            }
            header_bytes += n;
            if header_bytes > MAX_HEADER_BYTES {
                return Err("record header too long".into());
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                break;
            }
            let Some((name, value)) = text.split_once(':') else {
                continue;
            };
            let value = value.trim().to_string();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => header.warc_type = value.to_ascii_lowercase(),
                "warc-target-uri" => {
                    header.target_uri = Some(value.trim_matches(['<', '>']).to_string())
                }
                "warc-date" => {
                    header.date = DateTime::parse_from_rfc3339(&value)
                        .ok()
                        .map(|d| d.with_timezone(&Utc))
                }
                "warc-record-id" => header.record_id = Some(value),
                "content-type" => header.content_type = Some(value),
                "content-length" => {
                    length = Some(
                        value
                            .parse::<u64>()
                            .map_err(|_| format!("bad Content-Length {value:?}"))?,
                    )
                }
                _ => {}
            }
        }
        let length = length.ok_or("record without Content-Length")?;
        header.content_length = length;
        let block = if header.warc_type != "response" {
            self.skip(length)?;
            Block::Skipped
        } else if length > self.max_record_bytes {
            self.skip(length)?;
            Block::TooLarge
        } else {
            let mut buf = Vec::with_capacity(length as usize);
            let got = (&mut self.inner)
                .take(length)
                .read_to_end(&mut buf)
                .map_err(|e| e.to_string())?;
            self.offset += got as u64;
            if (got as u64) < length {
                return Err("end of file inside a record block".into());
            }
            Block::Loaded(buf)
        };
        Ok(Some(WarcRecord {
            header,
            block,
            offset: start,
        }))
    }

    fn read_line(&mut self, line: &mut Vec<u8>) -> Result<usize, String> {
        let n = (&mut self.inner)
            .take(MAX_HEADER_BYTES as u64)
            .read_until(b'\n', line)
            .map_err(|e| e.to_string())?;
        self.offset += n as u64;
        Ok(n)
    }

    fn skip(&mut self, length: u64) -> Result<(), String> {
        let got = io::copy(&mut (&mut self.inner).take(length), &mut io::sink())
            .map_err(|e| e.to_string())?;
        self.offset += got;
        if got < length {
            return Err("end of file inside a record block".into());
        }
        Ok(())
    }
}

/// The archived HTTP response in a `response` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Content type, lowercased, without parameters ("" if none).
    pub content_type: String,
    /// The payload, de-chunked and decompressed when the headers say so.
    pub body: Vec<u8>,
}

/// Parses the HTTP envelope of a response block; `max_body` caps a decompressed body.
pub fn parse_http_response(block: &[u8], max_body: u64) -> Result<HttpResponse, String> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut headers);
    let header_len = match response.parse(block) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Err("truncated HTTP header".into()),
        Err(e) => return Err(format!("bad HTTP header: {e}")),
    };
    let status = response.code.unwrap_or(0);
    let header = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
    };
    let content_type = header("content-type")
        .map(|ct| ct.split(';').next().unwrap_or("").trim().to_string())
        .unwrap_or_default();
    let mut body = block[header_len..].to_vec();
    if header("transfer-encoding").is_some_and(|te| te.contains("chunked")) {
        if let Some(plain) = dechunk(&body) {
            body = plain;
        }
    }
    if header("content-encoding").is_some_and(|ce| ce.contains("gzip")) {
        body = crate::folder::read_capped(flate2::read::MultiGzDecoder::new(&body[..]), max_body)
            .map_err(|e| format!("bad gzip payload: {e}"))?
            .ok_or("payload over the size cap after decompression")?;
    }
    Ok(HttpResponse {
        status,
        content_type,
        body,
    })
}

/// Undoes chunked transfer encoding; `None` when the body is not validly chunked
/// (archives often keep the header but store the payload de-chunked).
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let eol = data.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..eol]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        data = &data[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        if data.len() < size {
            return None;
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size..];
        data = data.strip_prefix(b"\r\n").unwrap_or(data);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
             WARC-Date: 2024-03-05T10:00:00Z\r\nContent-Type: application/http; msgtype={kind}\r\n\
             Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    #[test]
    fn reads_records_and_skips_others() {
        let mut data =
            b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n".to_vec();
        data.extend(record("request", "http://a/", b"GET / HTTP/1.1\r\n\r\n"));
        data.extend(record(
            "response",
            "http://a/",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html>hi</html>",
        ));
        let mut r = WarcReader::new(&data[..], 1 << 20);
        let kinds: Vec<_> = std::iter::from_fn(|| r.next_record().unwrap())
            .map(|rec| (rec.header.warc_type.clone(), rec.block))
            .collect();
        assert_eq!(kinds.len(), 3);
        assert_eq!(kinds[0].1, Block::Skipped);
        let Block::Loaded(block) = &kinds[2].1 else {
            panic!("response not loaded")
        };
        let http = parse_http_response(block, 1 << 20).unwrap();
        assert_eq!(http.status, 200);
        assert_eq!(http.content_type, "text/html");
        assert_eq!(http.body, b"<html>hi</html>");
    }

    #[test]
    fn caps_record_size() {
        let data = record("response", "http://a/", &[b'x'; 100]);
        let mut r = WarcReader::new(&data[..], 50);
        assert_eq!(r.next_record().unwrap().unwrap().block, Block::TooLarge);
        assert!(r.next_record().unwrap().is_none());
    }

    #[test]
    fn truncated_and_garbage_are_errors() {
        let data = record("response", "http://a/", &[b'x'; 100]);
        let mut r = WarcReader::new(&data[..80], 1000);
        assert!(r.next_record().is_err());
        let mut r = WarcReader::new(&b"hello\r\n"[..], 1000);
        assert!(r.next_record().is_err());
    }

    #[test]
    fn dechunks_bodies() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").unwrap(),
            b"hello world"
        );
        assert!(dechunk(b"<html>").is_none());
    }
}
