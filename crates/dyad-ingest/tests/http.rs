//! Feeds and pages served from 127.0.0.1: the good, the slow, the missing, the
//! looping, the non-HTML, the huge; robots.txt; conditional requests; retries.
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use dyad_ingest::{
    Body, FetchConfig, IngestError, Item, RawDocument, ReaderConfig, SkipReason, Source,
    SourceReader,
};

use crate::server::{Request, Response, TestServer};

pub fn article(title: &str, text: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head><body>\
         <nav>Home | World</nav><article><h1>{title}</h1><p>{text}</p></article></body></html>"
    )
}

pub fn rss(base: &str, items: &[(&str, &str)]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Test Wire</title>\
         <link>http://wire.example/</link><description>d</description>",
    );
    for (path, title) in items {
        s.push_str(&format!(
            "<item><title>{title}</title><link>{base}{path}</link>\
             <pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>"
        ));
    }
    s.push_str("</channel></rss>");
    s
}

/// Short timeouts, no spacing between requests, small caps.
pub fn fast_config(state_path: Option<PathBuf>) -> ReaderConfig {
    ReaderConfig {
        fetch: FetchConfig {
            connect_timeout: Duration::from_millis(500),
            response_timeout: Duration::from_millis(400),
            body_timeout: Duration::from_millis(1000),
            max_retries: 1,
            backoff: Duration::from_millis(10),
            per_host_interval: Duration::ZERO,
            max_body_bytes: 256 * 1024,
            workers: 4,
            ..FetchConfig::default()
        },
        state_path,
        ..ReaderConfig::default()
    }
}

#[derive(Default)]
pub struct Outcome {
    pub docs: Vec<RawDocument>,
    pub skipped: Vec<(String, SkipReason)>,
    pub failed: Vec<IngestError>,
}

impl Outcome {
    pub fn doc_urls(&self) -> Vec<String> {
        let mut v: Vec<String> = self.docs.iter().filter_map(|d| d.url.clone()).collect();
        v.sort();
        v
    }

    pub fn failure(&self, url: &str) -> &IngestError {
        self.failed
            .iter()
            .find(|e| e.subject() == url)
            .unwrap_or_else(|| panic!("no failure for {url}: {:?}", self.failed))
    }
}

/// Reads a source, committing every document as a store would.
pub fn read_all(reader: &SourceReader, source: &str) -> Outcome {
    let mut out = Outcome::default();
    reader.read(&Source::detect(source).unwrap(), &mut |item| match item {
        Item::Document(d) => {
            reader.commit(&d);
            out.docs.push(d);
        }
        Item::Skipped { subject, reason } => out.skipped.push((subject, reason)),
        Item::Failed(e) => out.failed.push(e),
    });
    reader.save_state().unwrap();
    out
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(data).unwrap();
    gz.finish().unwrap()
}

/// The news site of the tests: a feed whose items cover every failure.
fn news_site() -> TestServer {
    let bomb = gzip(&vec![b' '; 4 * 1024 * 1024]);
    TestServer::start(move |req: &Request| {
        let base = format!("http://{}", req.header("host").unwrap_or(""));
        match req.path.as_str() {
            "/robots.txt" => {
                Response::new(200, "text/plain", "User-agent: *\nDisallow: /private/\n")
            }
            "/feed.xml" => Response::new(
                200,
                "application/rss+xml",
                rss(
                    &base,
                    &[
                        ("/news/talks.html", "Talks"),
                        ("/news/aid.html", "Aid"),
                        ("/news/moved.html", "Moved"),
                        ("/news/slow.html", "Slow"),
                        ("/news/gone.html", "Gone"),
                        ("/loop/a", "Loop"),
                        ("/files/report.pdf", "Report"),
                        ("/news/huge.html", "Huge"),
                        ("/news/bomb.html", "Bomb"),
                        ("/private/secret.html", "Secret"),
                    ],
                ),
            ),
            "/news/talks.html" => Response::html(article(
                "Talks resume",
                "Russia accused Armenia of distorting history.",
            )),
            "/news/aid.html" => Response::html(article(
                "Aid pledged",
                "Japan pledged aid to Kenya after the floods.",
            )),
            "/news/moved.html" => Response::redirect("/news/final.html"),
            "/news/final.html" => Response::html(article(
                "Envoy visits",
                "The French envoy visited Mali on Monday.",
            )),
            "/news/slow.html" => {
                Response::html(article("Slow", "Too late.")).with_delay(Duration::from_secs(2))
            }
            "/loop/a" => Response::redirect("/loop/b"),
            "/loop/b" => Response::redirect("/loop/a"),
            "/files/report.pdf" => Response::new(200, "application/pdf", "%PDF-1.4 ..."),
            "/news/huge.html" => Response::html(vec![b'x'; 1024 * 1024]),
            "/news/bomb.html" => {
                Response::html(bomb.clone()).with_header("Content-Encoding", "gzip")
            }
            "/private/secret.html" => Response::html(article("Secret", "Nobody.")),
            _ => Response::not_found(),
        }
    })
}

#[test]
fn feed_with_every_kind_of_failure_completes_and_names_each_url() {
    let site = news_site();
    let reader = SourceReader::new(fast_config(None));
    let t0 = Instant::now();
    let out = read_all(&reader, &site.url("/feed.xml"));
    assert!(
        t0.elapsed() < Duration::from_secs(15),
        "took {:?}",
        t0.elapsed()
    );

    assert_eq!(
        out.doc_urls(),
        vec![
            site.url("/news/aid.html"),
            site.url("/news/final.html"),
            site.url("/news/talks.html"),
        ]
    );
    let talks = out
        .docs
        .iter()
        .find(|d| d.key == site.url("/news/talks.html"))
        .unwrap();
    assert_eq!(talks.source_name, "Test Wire");
    assert_eq!(talks.title_hint.as_deref(), Some("Talks"));
    assert_eq!(talks.date_hint.unwrap().to_string(), "2024-03-05");
    let Body::Html(html) = &talks.body else {
        panic!()
    };
    assert!(String::from_utf8_lossy(html).contains("distorting history"));

    assert!(matches!(
        out.failure(&site.url("/news/slow.html")),
        IngestError::Timeout { .. }
    ));
    assert!(matches!(
        out.failure(&site.url("/news/gone.html")),
        IngestError::HttpStatus { status: 404, .. }
    ));
    assert!(matches!(
        out.failure(&site.url("/loop/a")),
        IngestError::RedirectLoop { .. }
    ));
    assert!(matches!(
        out.failure(&site.url("/files/report.pdf")),
        IngestError::NotHtml { content_type, .. } if content_type == "application/pdf"
    ));
    assert!(matches!(
        out.failure(&site.url("/news/huge.html")),
        IngestError::TooLarge { .. }
    ));
    assert!(matches!(
        out.failure(&site.url("/news/bomb.html")),
        IngestError::TooLarge { .. }
    ));
    assert_eq!(out.failed.len(), 6, "{:?}", out.failed);
    assert_eq!(
        out.skipped,
        vec![(
            site.url("/private/secret.html"),
            SkipReason::RobotsDisallowed
        )]
    );

    // robots.txt kept us out; a 404 is not retried; a timeout is (once).
    assert_eq!(site.hits("/private/secret.html"), 0);
    assert_eq!(site.hits("/news/gone.html"), 1);
    assert_eq!(site.hits("/news/slow.html"), 2);
    assert_eq!(site.hits("/robots.txt"), 1);
    for r in site.requests() {
        let ua = r.header("user-agent").unwrap();
        assert!(ua.starts_with("dyad/") && ua.contains('+'), "{ua}");
    }
}

#[test]
fn second_run_sends_validators_and_stores_nothing() {
    let site = TestServer::start(|req: &Request| {
        let base = format!("http://{}", req.header("host").unwrap_or(""));
        let etag = format!("\"{}-v1\"", req.path.len());
        if req.header("if-none-match") == Some(etag.as_str()) {
            return Response::new(304, "text/html", "");
        }
        let r = match req.path.as_str() {
            "/feed.xml" => Response::new(
                200,
                "application/atom+xml",
                rss(&base, &[("/a.html", "A"), ("/b.html", "B")]),
            ),
            "/a.html" => Response::html(article("A", "Egypt hosted talks with Israel.")),
            "/b.html" => Response::html(article("B", "Turkey criticized Greece.")),
            "/page.html" => Response::html(article("P", "Brazil thanked Chile for its help.")),
            _ => return Response::not_found(),
        };
        r.with_header("ETag", &etag)
    });
    let dir = tempfile::tempdir().unwrap();
    let state = dyad_ingest::state_path_for(&dir.path().join("dyad.db"));

    let first = read_all(
        &SourceReader::new(fast_config(Some(state.clone()))),
        &site.url("/feed.xml"),
    );
    assert_eq!(first.docs.len(), 2);
    let first_page = read_all(
        &SourceReader::new(fast_config(Some(state.clone()))),
        &site.url("/page.html"),
    );
    assert_eq!(first_page.docs.len(), 1);
    assert!(state.exists());

    let reader = SourceReader::new(fast_config(Some(state.clone())));
    let second = read_all(&reader, &site.url("/feed.xml"));
    assert!(second.docs.is_empty() && second.failed.is_empty());
    assert_eq!(
        second.skipped,
        vec![(site.url("/feed.xml"), SkipReason::NotModified)]
    );
    let second_page = read_all(&reader, &site.url("/page.html"));
    assert!(second_page.docs.is_empty());
    assert_eq!(
        second_page.skipped,
        vec![(site.url("/page.html"), SkipReason::NotModified)]
    );
    assert_eq!(site.hits("/a.html"), 1, "item pages are not fetched again");
    let conditional = site
        .requests()
        .iter()
        .filter(|r| r.header("if-none-match").is_some())
        .count();
    assert_eq!(conditional, 2);
}

#[test]
fn items_already_ingested_are_not_fetched_again() {
    // A feed without validators: the item memory alone must prevent refetching.
    let site = TestServer::start(|req: &Request| {
        let base = format!("http://{}", req.header("host").unwrap_or(""));
        match req.path.as_str() {
            "/feed.xml" => Response::new(200, "text/xml", rss(&base, &[("/a.html", "A")])),
            "/a.html" => Response::html(article("A", "Egypt hosted talks with Israel.")),
            _ => Response::not_found(),
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let first = read_all(
        &SourceReader::new(fast_config(Some(state.clone()))),
        &site.url("/feed.xml"),
    );
    assert_eq!(first.docs.len(), 1);
    let second = read_all(
        &SourceReader::new(fast_config(Some(state))),
        &site.url("/feed.xml"),
    );
    assert!(second.docs.is_empty());
    assert_eq!(second.skipped[0].1, SkipReason::AlreadySeen);
    assert_eq!(site.hits("/a.html"), 1);
}

#[test]
fn uncommitted_documents_are_fetched_again() {
    // A run killed before the store committed must not lose the item.
    let site = TestServer::start(|req: &Request| {
        let base = format!("http://{}", req.header("host").unwrap_or(""));
        match req.path.as_str() {
            "/feed.xml" => Response::new(200, "text/xml", rss(&base, &[("/a.html", "A")]))
                .with_header("ETag", "\"f1\""),
            "/a.html" => Response::html(article("A", "Egypt hosted talks with Israel."))
                .with_header("ETag", "\"a1\""),
            _ => Response::not_found(),
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let reader = SourceReader::new(fast_config(Some(state.clone())));
    let mut n = 0;
    reader.read(&Source::Url(site.url("/feed.xml")), &mut |item| {
        assert!(matches!(item, Item::Document(_)));
        n += 1; // no commit
    });
    reader.save_state().unwrap();
    assert_eq!(n, 1);
    let again = read_all(
        &SourceReader::new(fast_config(Some(state))),
        &site.url("/feed.xml"),
    );
    assert_eq!(again.docs.len(), 1);
    assert!(site
        .requests()
        .iter()
        .all(|r| r.header("if-none-match").is_none()));
}

#[test]
fn server_errors_are_retried_with_backoff() {
    let calls = Arc::new(AtomicUsize::new(0));
    let c = calls.clone();
    let site = TestServer::start(move |req: &Request| match req.path.as_str() {
        "/flaky.html" if c.fetch_add(1, Ordering::SeqCst) == 0 => {
            Response::new(503, "text/plain", "busy")
        }
        "/flaky.html" => Response::html(article("F", "Iran warned Iraq.")),
        "/down.html" => Response::new(500, "text/plain", "down"),
        _ => Response::not_found(),
    });
    let mut config = fast_config(None);
    config.fetch.max_retries = 2;
    let reader = SourceReader::new(config);
    let out = read_all(&reader, &site.url("/flaky.html"));
    assert_eq!(out.docs.len(), 1);
    assert_eq!(site.hits("/flaky.html"), 2);
    let out = read_all(&reader, &site.url("/down.html"));
    assert!(matches!(
        out.failure(&site.url("/down.html")),
        IngestError::HttpStatus { status: 500, .. }
    ));
    assert_eq!(site.hits("/down.html"), 3);
}

#[test]
fn requests_to_one_host_are_limited_and_spaced() {
    let site = TestServer::start(|req: &Request| {
        let base = format!("http://{}", req.header("host").unwrap_or(""));
        match req.path.as_str() {
            "/feed.xml" => Response::new(
                200,
                "application/rss+xml",
                rss(
                    &base,
                    &[
                        ("/1.html", "1"),
                        ("/2.html", "2"),
                        ("/3.html", "3"),
                        ("/4.html", "4"),
                        ("/5.html", "5"),
                    ],
                ),
            ),
            p if p.ends_with(".html") => Response::html(article("N", "Chad met Niger."))
                .with_delay(Duration::from_millis(150)),
            _ => Response::not_found(),
        }
    });
    let mut config = fast_config(None);
    config.fetch.per_host_concurrency = 2;
    config.fetch.workers = 5;
    let reader = SourceReader::new(config);
    let out = read_all(&reader, &site.url("/feed.xml"));
    assert_eq!(out.docs.len(), 5);
    assert!(site.peak_in_flight() <= 2, "peak {}", site.peak_in_flight());

    let mut config = fast_config(None);
    config.fetch.per_host_interval = Duration::from_millis(100);
    let reader = SourceReader::new(config);
    let t0 = Instant::now();
    let out = read_all(&reader, &site.url("/feed.xml"));
    assert!(out.docs.len() == 5);
    // robots.txt, the feed and five pages: six gaps of at least 100 ms.
    assert!(
        t0.elapsed() >= Duration::from_millis(600),
        "{:?}",
        t0.elapsed()
    );
}

#[test]
fn robots_crawl_delay_and_agent_group() {
    let site = TestServer::start(|req: &Request| match req.path.as_str() {
        "/robots.txt" => Response::new(
            200,
            "text/plain",
            "User-agent: *\nDisallow:\n\nUser-agent: dyad\nDisallow: /news/\n",
        ),
        _ => Response::html(article("X", "Peru protested to Bolivia.")),
    });
    let reader = SourceReader::new(fast_config(None));
    let out = read_all(&reader, &site.url("/news/x.html"));
    assert_eq!(out.skipped[0].1, SkipReason::RobotsDisallowed);
    let out = read_all(&reader, &site.url("/other/x.html"));
    assert_eq!(out.docs.len(), 1);
    assert_eq!(site.hits("/news/x.html"), 0);
}

#[test]
fn unreachable_robots_keeps_us_out_and_missing_robots_lets_us_in() {
    let site = TestServer::start(|req: &Request| match req.path.as_str() {
        "/robots.txt" => Response::new(503, "text/plain", "down"),
        _ => Response::html(article("X", "Peru protested to Bolivia.")),
    });
    let out = read_all(&SourceReader::new(fast_config(None)), &site.url("/x.html"));
    assert_eq!(out.skipped[0].1, SkipReason::RobotsDisallowed);
    let site = TestServer::start(|req: &Request| match req.path.as_str() {
        "/robots.txt" => Response::not_found(),
        _ => Response::html(article("X", "Peru protested to Bolivia.")),
    });
    let out = read_all(&SourceReader::new(fast_config(None)), &site.url("/x.html"));
    assert_eq!(out.docs.len(), 1);
}

#[test]
fn opml_lists_feeds_and_a_source_url_that_is_not_html_fails() {
    let site = news_site();
    let dir = tempfile::tempdir().unwrap();
    let opml = dir.path().join("subs.opml");
    std::fs::write(
        &opml,
        format!(
            "<?xml version=\"1.0\"?><opml version=\"2.0\"><body>\
             <outline text=\"w\" xmlUrl=\"{}\"/><outline text=\"gone\" xmlUrl=\"{}\"/></body></opml>",
            site.url("/feed.xml"),
            site.url("/nofeed.xml"),
        ),
    )
    .unwrap();
    let out = read_all(
        &SourceReader::new(fast_config(None)),
        opml.to_str().unwrap(),
    );
    assert_eq!(out.docs.len(), 3);
    assert!(matches!(
        out.failure(&site.url("/nofeed.xml")),
        IngestError::HttpStatus { status: 404, .. }
    ));
    let out = read_all(
        &SourceReader::new(fast_config(None)),
        &site.url("/files/report.pdf"),
    );
    assert!(matches!(out.failed[0], IngestError::NotHtml { .. }));
}

#[test]
fn connection_refused_is_reported_by_url() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}/x.html");
    // With robots.txt on, the unreachable robots.txt fails the page by its URL.
    let out = read_all(&SourceReader::new(fast_config(None)), &url);
    assert!(matches!(out.failure(&url), IngestError::Connection { .. }));
    let mut config = fast_config(None);
    config.fetch.respect_robots = false;
    let out = read_all(&SourceReader::new(config), &url);
    assert!(matches!(out.failure(&url), IngestError::Connection { .. }));
}
