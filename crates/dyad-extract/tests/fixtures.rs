//! Pages of our own making (`tests/data/*.html`) with the article text written by hand in
//! `*.expected.txt`: every kind of furniture the extractor must remove appears in one.
use std::path::PathBuf;

use dyad_extract::{extract, Day, ExtractOptions};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn opts() -> ExtractOptions {
    ExtractOptions {
        reference_day: Day::new(2025, 1, 1),
        ..ExtractOptions::default()
    }
}

/// Extracts `NAME.html` and compares its text with `NAME.expected.txt`.
fn check(name: &str) -> dyad_extract::Article {
    let html = std::fs::read(data(&format!("{name}.html"))).unwrap();
    let expected = std::fs::read_to_string(data(&format!("{name}.expected.txt"))).unwrap();
    let article = extract(
        &html,
        Some(&format!("https://news.example/{name}")),
        &opts(),
    )
    .unwrap();
    assert_eq!(article.text.trim(), expected.trim(), "text of {name}");
    article
}

#[test]
fn share_bar_related_block_newsletter_cookie_caption_and_prev_next_are_removed() {
    let a = check("share_and_related");
    assert_eq!(
        a.title.as_deref(),
        Some("Harbour reopens after storm repairs")
    );
    assert_eq!(a.date.unwrap().to_string(), "2024-02-11T07:45:00Z");
    assert_eq!(a.lang.as_deref(), Some("en-GB"));
    assert_eq!(
        a.canonical_url.as_deref(),
        Some("https://courier.example/news/harbour-reopens")
    );
    assert_eq!(a.site_name.as_deref(), Some("The Coastal Courier"));
    assert!(!a.truncated);
}

#[test]
fn german_dateline_gives_the_date_and_teasers_go() {
    let a = check("german_dateline");
    assert_eq!(a.date.unwrap().to_string(), "2023-03-14T16:20:00");
    assert_eq!(a.lang.as_deref(), Some("de"));
}

#[test]
fn json_ld_date_keeps_the_page_zone() {
    let a = check("json_ld_date");
    // 22:40 in New York is already the 17th in UTC: the page's own day is kept.
    assert_eq!(a.date.unwrap().to_string(), "2023-07-16T22:40:00-04:00");
    assert_eq!(a.byline.as_deref(), Some("Dana Whitfield"));
}

#[test]
fn undeclared_windows_1252_is_decoded() {
    let a = check("latin1_undeclared");
    assert!(a.text.contains("électricité"));
}

#[test]
fn gzip_compressed_page_is_read() {
    use std::io::Write;
    let html = std::fs::read(data("json_ld_date.html")).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&html).unwrap();
    let a = extract(&gz.finish().unwrap(), None, &opts()).unwrap();
    assert!(a.text.starts_with("Foreign ministers"));
}

#[test]
fn a_date_after_the_reference_day_is_never_given() {
    let html = br#"<html><head><meta property="article:published_time" content="2031-05-01"></head>
        <body><p>The committee met again to discuss the draft resolution, and members said a vote
        could come within the week if the remaining objections were settled.</p></body></html>"#;
    let a = extract(html, None, &opts()).unwrap();
    assert_eq!(a.date, None);
}

#[test]
fn errors_are_typed() {
    use dyad_extract::ExtractError;
    assert_eq!(extract(b"", None, &opts()), Err(ExtractError::Empty));
    assert_eq!(
        extract(b"\x89PNG\r\n\x1a\n....", None, &opts()),
        Err(ExtractError::Binary("PNG image"))
    );
    assert_eq!(
        extract(b"plain words only", None, &opts()),
        Err(ExtractError::NotHtml)
    );
    assert_eq!(
        extract(b"<html><body></body></html>", None, &opts()),
        Err(ExtractError::NoText)
    );
}
