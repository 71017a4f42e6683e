//! JSON lines: one `{"id","text"|"html","title"?,"date"?,"url"?}` object per line.
//! A malformed line is an error naming the file and line; the other lines go on.
use std::io::BufRead;
use std::path::Path;

use serde::Deserialize;

use crate::error::IngestError;
use crate::fetch::host_of;
use crate::source::{Body, Item, RawDocument, SkipReason};

#[derive(Debug, Deserialize)]
struct JsonDocument {
    id: serde_json::Value,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

/// Reads a JSON lines file (gunzipped when it starts with the gzip magic); a line
/// longer than `cap` bytes is an error.
pub(crate) fn read_json_lines(path: &Path, cap: u64, emit: &mut dyn FnMut(Item)) {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return emit(Item::Failed(IngestError::io(path, e))),
    };
    let mut reader = std::io::BufReader::new(file);
    let gz = match reader.fill_buf() {
        Ok(head) => head.starts_with(&[0x1f, 0x8b]),
        Err(e) => return emit(Item::Failed(IngestError::io(path, e))),
    };
    let mut reader: Box<dyn BufRead + '_> = if gz {
        Box::new(std::io::BufReader::new(flate2::read::MultiGzDecoder::new(
            reader,
        )))
    } else {
        Box::new(reader)
    };
    let source_name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut line = Vec::new();
    let mut number = 0u64;
    loop {
        line.clear();
        number += 1;
        let n = match std::io::Read::take(&mut reader, cap + 1).read_until(b'\n', &mut line) {
            Ok(n) => n,
            Err(e) => return emit(Item::Failed(IngestError::io(path, e))),
        };
        if n == 0 {
            return;
        }
        if line.len() as u64 > cap && !line.ends_with(b"\n") {
            emit(Item::Failed(line_error(
                path,
                number,
                format!("line longer than {cap} bytes"),
            )));
            // Drop the rest of the line.
            loop {
                line.clear();
                match std::io::Read::take(&mut reader, 1 << 20).read_until(b'\n', &mut line) {
                    Ok(0) => return,
                    Ok(_) if line.ends_with(b"\n") => break,
                    Ok(_) => continue,
                    Err(e) => return emit(Item::Failed(IngestError::io(path, e))),
                }
            }
            continue;
        }
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        emit(parse_line(&line, path, number, &source_name));
    }
}

fn line_error(path: &Path, line: u64, reason: String) -> IngestError {
    IngestError::JsonLine {
        path: path.to_path_buf(),
        line,
        reason,
    }
}

fn parse_line(line: &[u8], path: &Path, number: u64, file_source: &str) -> Item {
    let doc: JsonDocument = match serde_json::from_slice(line) {
        Ok(d) => d,
        Err(e) => return Item::Failed(line_error(path, number, e.to_string())),
    };
    let id = match doc.id {
        serde_json::Value::String(s) if !s.trim().is_empty() => s,
        serde_json::Value::Number(n) => n.to_string(),
        _ => {
            return Item::Failed(line_error(
                path,
                number,
                "\"id\" must be a non-empty string or a number".into(),
            ))
        }
    };
    let body = match (doc.html, doc.text) {
        (Some(html), _) if !html.trim().is_empty() => Body::Html(html.into_bytes()),
        (_, Some(text)) if !text.trim().is_empty() => Body::Text(text),
        (None, None) => {
            return Item::Failed(line_error(
                path,
                number,
                "needs \"text\" or \"html\"".into(),
            ))
        }
        _ => return Item::skipped(format!("{}:{number}", path.display()), SkipReason::Empty),
    };
    let source_name = doc
        .url
        .as_deref()
        .and_then(host_of)
        .unwrap_or_else(|| file_source.to_string());
    let mut raw = RawDocument::new(id, body, source_name);
    raw.title_hint = doc.title.filter(|t| !t.trim().is_empty());
    raw.date_hint = doc.date.as_deref().and_then(dyad_core::document::parse_day);
    raw.url = doc.url;
    Item::Document(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_good_lines_and_names_bad_ones() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("docs.jsonl");
        std::fs::write(
            &path,
            concat!(
                r#"{"id":"a","text":"Russia accused Armenia of distorting history.","date":"2024-03-05","url":"https://www.n.example/a"}"#,
                "\n\n",
                "{not json\n",
                r#"{"id":7,"html":"<p>Talks resumed.</p>","title":"Talks"}"#,
                "\n",
                r#"{"id":"c"}"#,
                "\n",
                r#"{"id":"d","text":"  "}"#,
            ),
        )
        .unwrap();
        let mut items = Vec::new();
        read_json_lines(&path, 1 << 20, &mut |i| items.push(i));
        assert_eq!(items.len(), 5);
        let Item::Document(a) = &items[0] else {
            panic!()
        };
        assert_eq!(a.key, "a");
        assert_eq!(a.source_name, "n.example");
        assert_eq!(a.date_hint.unwrap().to_string(), "2024-03-05");
        let Item::Failed(e) = &items[1] else { panic!() };
        assert_eq!(e.subject(), format!("{}:3", path.display()));
        let Item::Document(b) = &items[2] else {
            panic!()
        };
        assert_eq!(b.key, "7");
        assert!(matches!(b.body, Body::Html(_)));
        assert_eq!(b.title_hint.as_deref(), Some("Talks"));
        assert!(matches!(
            &items[3],
            Item::Failed(IngestError::JsonLine { line: 5, .. })
        ));
        assert!(matches!(&items[4], Item::Skipped { .. }));
    }

    #[test]
    fn overlong_line_is_an_error_and_reading_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("docs.jsonl");
        let long = format!("{{\"id\":\"x\",\"text\":\"{}\"}}\n", "a".repeat(500));
        std::fs::write(&path, format!("{long}{{\"id\":\"y\",\"text\":\"ok\"}}\n")).unwrap();
        let mut items = Vec::new();
        read_json_lines(&path, 100, &mut |i| items.push(i));
        assert_eq!(items.len(), 2);
        assert!(matches!(
            &items[0],
            Item::Failed(IngestError::JsonLine { line: 1, .. })
        ));
        assert!(matches!(&items[1], Item::Document(d) if d.key == "y"));
    }
}
