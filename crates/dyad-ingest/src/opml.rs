//! OPML subscription lists: the `xmlUrl` of every `<outline>`, at any depth.
use std::path::Path;

use quick_xml::events::Event;

use crate::error::{IngestError, Result};

/// One feed listed in an OPML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpmlFeed {
    /// The feed's URL.
    pub url: String,
    /// The outline's title or text.
    pub title: Option<String>,
}

/// Reads an OPML file.
pub fn read_opml(path: &Path) -> Result<Vec<OpmlFeed>> {
    let bytes = std::fs::read(path).map_err(|e| IngestError::io(path, e))?;
    parse_opml(&bytes).map_err(|reason| IngestError::Opml {
        path: path.to_path_buf(),
        reason,
    })
}

/// Parses OPML; the error is the parser's message.
pub fn parse_opml(bytes: &[u8]) -> std::result::Result<Vec<OpmlFeed>, String> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut feeds = Vec::new();
    let mut saw_opml = false;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if name.eq_ignore_ascii_case("opml") {
                    saw_opml = true;
                }
                if !name.eq_ignore_ascii_case("outline") {
                    buf.clear();
                    continue;
                }
                let mut url = None;
                let mut title = None;
                let mut text = None;
                for attr in e.attributes().flatten() {
                    let key = attr.key.local_name();
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|v| v.trim().to_string())
                        .unwrap_or_default();
                    if value.is_empty() {
                        continue;
                    }
                    match key.as_ref().to_ascii_lowercase().as_str() {
                        "xmlurl" => url = Some(value),
                        "title" => title = Some(value),
                        "text" => text = Some(value),
                        _ => {}
                    }
                }
                if let Some(url) = url {
                    feeds.push(OpmlFeed {
                        url,
                        title: title.or(text),
                    });
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !saw_opml {
        return Err("no <opml> element".into());
    }
    Ok(feeds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_outlines() {
        let opml = br#"<?xml version="1.0"?>
<opml version="2.0"><head><title>subs</title></head><body>
<outline text="World">
  <outline type="rss" text="Wire" xmlUrl="http://n.example/feed.xml"/>
  <outline type="rss" title="Other &amp; Co" xmlUrl="http://o.example/rss"/>
</outline>
<outline text="folder without url"/>
</body></opml>"#;
        let feeds = parse_opml(opml).unwrap();
        assert_eq!(feeds.len(), 2);
        assert_eq!(feeds[0].url, "http://n.example/feed.xml");
        assert_eq!(feeds[1].title.as_deref(), Some("Other & Co"));
    }

    #[test]
    fn rejects_non_opml() {
        assert!(parse_opml(b"<html><body/></html>").is_err());
        assert!(parse_opml(b"<opml><body></outline></body></opml>").is_err());
    }
}
