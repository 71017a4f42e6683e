//! Feeds (RSS 0.9x/1.0/2.0, Atom, JSON Feed, through feed-rs): the items to fetch,
//! and telling a feed from a page or an OPML list by what a server sent.
use chrono::NaiveDate;
use url::Url;

use crate::error::{IngestError, Result};
use crate::fetch::is_feed_type;

/// One feed item worth fetching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry {
    /// The item's page, absolute.
    pub link: String,
    /// The item's title.
    pub title: Option<String>,
    /// Publication (or else update) day.
    pub date: Option<NaiveDate>,
}

/// A parsed feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedFeed {
    /// The feed's title.
    pub title: Option<String>,
    /// Its items with a link, in feed order.
    pub entries: Vec<FeedEntry>,
    /// How many items had no link.
    pub without_link: usize,
}

/// Parses a feed fetched from `url` (relative links are resolved against it).
pub fn parse_feed(bytes: &[u8], url: &str) -> Result<ParsedFeed> {
    let parser = feed_rs::parser::Builder::new().base_uri(Some(url)).build();
    let feed = parser.parse(bytes).map_err(|e| IngestError::Feed {
        url: url.to_string(),
        reason: e.to_string(),
    })?;
    let base = Url::parse(url).ok();
    let mut entries = Vec::new();
    let mut without_link = 0;
    for entry in feed.entries {
        let link = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or_else(|| entry.links.first())
            .map(|l| l.href.trim().to_string())
            .filter(|h| !h.is_empty());
        let Some(link) = link else {
            without_link += 1;
            continue;
        };
        let link = match &base {
            Some(b) => b.join(&link).map(|u| u.to_string()).unwrap_or(link),
            None => link,
        };
        entries.push(FeedEntry {
            link,
            title: entry
                .title
                .map(|t| t.content.trim().to_string())
                .filter(|t| !t.is_empty()),
            date: entry.published.or(entry.updated).map(|d| d.date_naive()),
        });
    }
    Ok(ParsedFeed {
        title: feed
            .title
            .map(|t| t.content.trim().to_string())
            .filter(|t| !t.is_empty()),
        entries,
        without_link,
    })
}

/// What a response body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyKind {
    Page,
    Feed,
    Opml,
}

/// Tells a feed or OPML list from a page, by the first markup in the body (servers
/// often send feeds as `text/html` or `text/plain`, and pages as `application/xml`).
pub(crate) fn sniff(bytes: &[u8], content_type: &str) -> BodyKind {
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.contains("<opml") {
        return BodyKind::Opml;
    }
    if head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf") {
        return BodyKind::Feed;
    }
    if head.starts_with('{') && head.contains("jsonfeed.org") {
        return BodyKind::Feed;
    }
    if head.contains("<html") || head.starts_with("<!doctype html") {
        return BodyKind::Page;
    }
    if is_feed_type(content_type) {
        BodyKind::Feed
    } else {
        BodyKind::Page
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire</title><link>http://n.example/</link>
<item><title>Talks resume</title><link>/a/1.html</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
<item><title>No link here</title><description>x</description></item>
<item><title>Other</title><link>http://other.example/b.html</link></item>
</channel></rss>"#;

    #[test]
    fn reads_items_and_resolves_links() {
        let f = parse_feed(RSS.as_bytes(), "http://n.example/feed.xml").unwrap();
        assert_eq!(f.title.as_deref(), Some("Wire"));
        assert_eq!(f.entries.len(), 2);
        assert_eq!(f.without_link, 1);
        assert_eq!(f.entries[0].link, "http://n.example/a/1.html");
        assert_eq!(f.entries[0].title.as_deref(), Some("Talks resume"));
        assert_eq!(f.entries[0].date, NaiveDate::from_ymd_opt(2024, 3, 5));
    }

    #[test]
    fn atom_works_too() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id><updated>2024-03-05T00:00:00Z</updated>
<entry><title>E</title><id>urn:e</id><updated>2024-03-06T00:00:00Z</updated><link href="http://n.example/e.html"/></entry>
</feed>"#;
        let f = parse_feed(atom.as_bytes(), "http://n.example/atom").unwrap();
        assert_eq!(f.entries[0].link, "http://n.example/e.html");
        assert_eq!(f.entries[0].date, NaiveDate::from_ymd_opt(2024, 3, 6));
    }

    #[test]
    fn garbage_is_a_feed_error() {
        let e = parse_feed(b"<html><body>hi</body></html>", "http://x/").unwrap_err();
        assert!(e.to_string().starts_with("http://x/"));
    }

    #[test]
    fn sniffs_bodies() {
        assert_eq!(sniff(RSS.as_bytes(), "text/html"), BodyKind::Feed);
        assert_eq!(
            sniff(b"<!DOCTYPE html><html>", "application/xml"),
            BodyKind::Page
        );
        assert_eq!(
            sniff(b"<?xml version='1.0'?><opml>", "text/xml"),
            BodyKind::Opml
        );
        assert_eq!(sniff(b"hello", "text/html"), BodyKind::Page);
    }
}
