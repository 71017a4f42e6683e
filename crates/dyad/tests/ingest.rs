//! `dyad ingest` and `dyad watch` end to end: a feed served from 127.0.0.1 (with a
//! slow page, a 404, a redirect loop, a PDF, a huge page and a robots.txt-forbidden
//! page), a WARC.gz, a folder and JSON lines, into a database the test then reads.
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use dyad_store::{EventFilter, Store};

#[path = "../../dyad-ingest/tests/server.rs"]
#[allow(dead_code)]
mod server;

use server::{Request, Response, TestServer};

fn article(title: &str, text: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>{title}</title></head><body>\
         <nav>Home | World | Sport</nav><article><h1>{title}</h1><p>{text}</p></article>\
         <footer>Copyright Test Wire</footer></body></html>"
    )
}

fn news_site() -> TestServer {
    TestServer::start(|req: &Request| {
        let base = format!("http://{}", req.header("host").unwrap_or(""));
        let item = |path: &str, title: &str| {
            format!(
                "<item><title>{title}</title><link>{base}{path}</link>\
                 <pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>"
            )
        };
        match req.path.as_str() {
            "/robots.txt" => {
                Response::new(200, "text/plain", "User-agent: *\nDisallow: /private/\n")
            }
            "/feed.xml" => {
                let items: String = [
                    ("/news/accuse.html", "Russia accuses Armenia"),
                    ("/news/aid.html", "Japan pledges aid"),
                    ("/news/slow.html", "Slow"),
                    ("/news/gone.html", "Gone"),
                    ("/loop/a", "Loop"),
                    ("/files/report.pdf", "Report"),
                    ("/news/huge.html", "Huge"),
                    ("/private/secret.html", "Secret"),
                ]
                .iter()
                .map(|(p, t)| item(p, t))
                .collect();
                Response::new(
                    200,
                    "application/rss+xml",
                    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Test Wire</title><link>{base}/</link><description>d</description>{items}</channel></rss>"),
                )
            }
            "/news/accuse.html" => Response::html(article(
                "Russia accuses Armenia",
                "Russia accused Armenia of distorting history.",
            )),
            "/news/aid.html" => Response::html(article(
                "Japan pledges aid",
                "Japan pledged aid to Kenya after the floods.",
            )),
            "/news/slow.html" => {
                Response::html(article("Slow", "Too late.")).with_delay(Duration::from_secs(2))
            }
            "/loop/a" => Response::redirect("/loop/b"),
            "/loop/b" => Response::redirect("/loop/a"),
            "/files/report.pdf" => Response::new(200, "application/pdf", "%PDF-1.4"),
            "/news/huge.html" => Response::html(vec![b'x'; 600 * 1024]),
            "/private/secret.html" => Response::html(article("Secret", "China met India.")),
            _ => Response::not_found(),
        }
    })
}

fn dyad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .env_remove("RUST_LOG")
        .output()
        .unwrap()
}

const FAST: &[&str] = &[
    "--delay",
    "0ms",
    "--timeout",
    "400ms",
    "--retries",
    "1",
    "--backoff",
    "10ms",
    "--max-bytes",
    "262144",
    "--jobs",
    "2",
];

fn ingest(db: &Path, sources: &[&str], extra: &[&str]) -> Output {
    let mut args = vec!["ingest", "--db", db.to_str().unwrap()];
    args.extend_from_slice(FAST);
    args.extend_from_slice(extra);
    args.extend_from_slice(sources);
    dyad(&args)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn codes(store: &Store) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = store
        .events(&EventFilter::default())
        .unwrap()
        .into_iter()
        .map(|e| (e.source.root, e.event_code, e.target.root))
        .collect();
    v.sort();
    v
}

#[test]
fn feed_with_failures_is_stored_and_each_failure_reported_by_url() {
    let site = news_site();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dyad.db");
    let feed = site.url("/feed.xml");

    let out = ingest(&db, &[&feed], &[]);
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(stdout.contains("stored      2 documents"), "{stdout}");
    for path in [
        "/news/slow.html",
        "/news/gone.html",
        "/loop/a",
        "/files/report.pdf",
        "/news/huge.html",
    ] {
        let url = site.url(path);
        assert!(
            stdout.contains(&format!("    {url}: ")),
            "{url} not in\n{stdout}"
        );
        assert!(stderr.contains(&url), "{url} not logged in\n{stderr}");
    }
    assert!(stdout.contains("errors      5"), "{stdout}");
    assert!(stdout.contains("robots.txt 1"), "{stdout}");
    assert_eq!(site.hits("/private/secret.html"), 0);

    let store = Store::open(&db).unwrap();
    let counts = store.counts().unwrap();
    assert_eq!(counts.documents, 2);
    let found = codes(&store);
    assert!(
        found
            .iter()
            .any(|(s, c, t)| s == "RUS" && c.starts_with("11") && t == "ARM"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(s, c, t)| s == "JPN" && c.starts_with("0") && t == "KEN"),
        "{found:?}"
    );
    drop(store);

    // Again: the stored items are not fetched again and nothing is added.
    let fetched_before = site.hits("/news/accuse.html");
    let out = ingest(&db, &[&feed], &[]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("stored      0 documents"), "{stdout}");
    assert!(stdout.contains("already seen"), "{stdout}");
    assert_eq!(site.hits("/news/accuse.html"), fetched_before);
    let store = Store::open(&db).unwrap();
    assert_eq!(store.counts().unwrap(), counts);
}

fn gz_member(out: &mut Vec<u8>, record: &[u8]) {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(record).unwrap();
    out.extend(gz.finish().unwrap());
}

fn warc_response(uri: &str, html: &str) -> Vec<u8> {
    let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{html}");
    format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Date: 2024-03-05T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n\
         Content-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    )
    .into_bytes()
}

#[test]
fn warc_folder_and_json_lines_and_syndicated_copies() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dyad.db");
    let warc = dir.path().join("cc-news.warc.gz");
    let mut data = Vec::new();
    gz_member(
        &mut data,
        &warc_response(
            "http://wire.example/a",
            &article("Talks", "Egypt hosted talks with Israel on Monday."),
        ),
    );
    // The same story at another URL: a syndicated copy.
    gz_member(
        &mut data,
        &warc_response(
            "http://mirror.example/a",
            &article("Talks", "Egypt hosted talks with Israel on Monday."),
        ),
    );
    std::fs::write(&warc, data).unwrap();
    let folder = dir.path().join("news");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("b.txt"),
        "Turkey criticized Greece over the border.",
    )
    .unwrap();
    std::fs::write(
        folder.join("c.html"),
        article("Visit", "The French president visited Mali."),
    )
    .unwrap();
    let jsonl = dir.path().join("docs.jsonl");
    std::fs::write(
        &jsonl,
        "{\"id\":\"j1\",\"text\":\"Iran warned Iraq against the strikes.\",\"date\":\"2024-03-06\"}\n",
    )
    .unwrap();

    let sources = [
        warc.to_str().unwrap(),
        folder.to_str().unwrap(),
        jsonl.to_str().unwrap(),
    ];
    let out = ingest(&db, &sources, &["--log-format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["read"], 5);
    assert_eq!(summary["stored"], 4);
    assert_eq!(summary["duplicates"]["same text"], 1);
    // JSON log lines on stderr, one stored document each.
    let stored_lines = text(&out.stderr)
        .lines()
        .filter(|l| {
            serde_json::from_str::<serde_json::Value>(l).is_ok_and(|v| v["message"] == "stored")
        })
        .count();
    assert_eq!(stored_lines, 4);

    let counts = Store::open(&db).unwrap().counts().unwrap();
    // Again: everything is known by key.
    let out = ingest(&db, &sources, &["--quiet"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert_eq!(Store::open(&db).unwrap().counts().unwrap(), counts);
}

#[test]
fn watch_once_polls_and_remembers() {
    let site = TestServer::start(|req: &Request| {
        let base = format!("http://{}", req.header("host").unwrap_or(""));
        match req.path.as_str() {
            "/feed.xml" if req.header("if-none-match") == Some("\"feed-1\"") => {
                Response::new(304, "application/rss+xml", "")
            }
            "/feed.xml" => Response::new(
                200,
                "application/rss+xml",
                format!(
                    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>W</title><link>{base}/</link>\
                     <description>d</description><item><title>A</title><link>{base}/a.html</link></item></channel></rss>"
                ),
            )
            .with_header("ETag", "\"feed-1\""),
            "/a.html" => Response::html(article("A", "Cuba thanked Spain for its help.")),
            _ => Response::not_found(),
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dyad.db");
    let feed = site.url("/feed.xml");
    let mut args = vec![
        "watch",
        "--once",
        "--every",
        "1m",
        "--db",
        db.to_str().unwrap(),
    ];
    args.extend_from_slice(FAST);
    args.push(&feed);
    let out = dyad(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("stored      1 documents"));
    assert!(dir.path().join("dyad.db-ingest.json").exists());
    let out = dyad(&args);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).contains("not modified 1"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(site.hits("/a.html"), 1);
}

#[test]
fn unknown_source_fails_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dyad.db");
    let out = ingest(&db, &["/no/such/folder"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("/no/such/folder"));
    let out = dyad(&[
        "watch",
        "--once",
        "--db",
        db.to_str().unwrap(),
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// What must come out the same whether or not a run was interrupted: the counts and
/// every event with its counters (report times and root-event flags depend on
/// the order documents happen to be stored in, so they are left out).
fn snapshot(db: &Path) -> (dyad_store::Counts, Vec<String>) {
    let store = Store::open_read_only(db).unwrap();
    let mut events: Vec<String> = store
        .events(&EventFilter::default())
        .unwrap()
        .into_iter()
        .map(|e| {
            format!(
                "{} {} {} {} m{} s{} a{}",
                e.day,
                e.source.code,
                e.event_code,
                e.target.code,
                e.num_mentions,
                e.num_sources,
                e.num_articles
            )
        })
        .collect();
    events.sort();
    (store.counts().unwrap(), events)
}

#[test]
fn killed_ingest_run_again_builds_the_same_database() {
    const N: usize = 240;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("news");
    std::fs::create_dir(&folder).unwrap();
    let countries = [
        "Russia", "Armenia", "Japan", "Kenya", "Egypt", "Israel", "Turkey", "Greece",
    ];
    let verbs = ["accused", "praised", "threatened", "criticized"];
    for i in 0..N {
        // Every two files share a text: syndicated copies.
        let j = i / 2;
        let a = countries[j % countries.len()];
        let b = countries[(j / 3 + 1 + j) % countries.len()];
        let b = if a == b { "Iran" } else { b };
        let text = format!(
            "{a} {} {b} on Monday. Officials met again in report {j}.",
            verbs[j % verbs.len()],
        );
        std::fs::write(folder.join(format!("{i:04}.txt")), text).unwrap();
    }
    let src = folder.to_str().unwrap();

    let reference = dir.path().join("reference.db");
    let out = ingest(&reference, &[src], &["--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    let killed = dir.path().join("killed.db");
    let mut landed_mid_run = 0;
    for threshold in [N / 8, N / 3, N / 2] {
        let mut args = vec!["ingest", "--quiet", "--db", killed.to_str().unwrap()];
        args.extend_from_slice(FAST);
        args.push(src);
        let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
            .args(&args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        loop {
            if child.try_wait().unwrap().is_some() || std::time::Instant::now() > deadline {
                break;
            }
            let stored = Store::open_read_only(&killed)
                .and_then(|s| s.counts())
                .map_or(0, |c| c.documents as usize);
            if stored >= threshold {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        if status.code().is_none() {
            landed_mid_run += 1;
        }
    }
    assert!(landed_mid_run >= 1, "no kill landed during a run");
    let out = ingest(&killed, &[src], &["--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let (want_counts, want_events) = snapshot(&reference);
    let (got_counts, got_events) = snapshot(&killed);
    assert_eq!(want_counts.documents as usize, N / 2);
    assert_eq!(got_counts, want_counts);
    assert_eq!(got_events, want_events);
}
