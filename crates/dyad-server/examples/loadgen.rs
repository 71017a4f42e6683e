//! A bounded load test of the pair timeline endpoint, on loopback only.
//!
//! ```text
//! cargo run --release -p dyad-server --example loadgen -- \
//!     [--db FILE] [--events 1000000] [--requests 1000] [--concurrency 4] [--seconds 120]
//! ```
//!
//! Makes (or reuses) a database of generated events, starts the real server on
//! 127.0.0.1:0 in-process, times one request of each shape alone (monthly, weekly
//! and daily periods over the busiest pair), then sends a fixed number of requests
//! of each shape over keep-alive connections, stopping early at the time limit.
//! Answers are checked: the event total must equal a COUNT(*) over the same pair,
//! so a broken fast path cannot look fast. Prints requests/s and latency
//! percentiles, and exits 1 if the monthly timeline's p99 is over 100 ms.
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use rusqlite::{params, Connection};

const BUDGET: Duration = Duration::from_millis(100);

struct Args {
    db: PathBuf,
    events: usize,
    requests: usize,
    concurrency: usize,
    seconds: u64,
}

fn parse_args() -> Args {
    let mut a = Args {
        db: std::env::temp_dir().join("dyad-loadgen-1m.db"),
        events: 1_000_000,
        requests: 1000,
        concurrency: 4,
        seconds: 120,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let v = it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--db" => a.db = v.into(),
            "--events" => a.events = v.parse().expect("--events N"),
            "--requests" => a.requests = v.parse().expect("--requests N"),
            "--concurrency" => {
                a.concurrency = v.parse::<usize>().expect("--concurrency N").clamp(1, 64)
            }
            "--seconds" => a.seconds = v.parse::<u64>().expect("--seconds N").clamp(1, 600),
            _ => panic!("unknown flag {flag}"),
        }
    }
    a
}

/// xorshift64*: deterministic, so every run loads the same data.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Roots with Zipf-like weights: a few pairs get tens of thousands of events,
/// most get a handful, as in real news.
fn roots() -> Vec<String> {
    let mut r: Vec<String> = [
        "USA", "RUS", "CHN", "UKR", "ARM", "AZE", "FRA", "DEU", "GBR", "IRN", "ISR", "PSE", "TUR",
        "IND", "PAK", "NAT", "EEC", "UNO",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    r.extend((0..130).map(|i| format!("X{i:02}")));
    r
}

fn generate(path: &Path, n: usize) {
    eprintln!("loadgen: generating {n} events into {}", path.display());
    let t = Instant::now();
    // The store creates the schema, so the file is what `dyad ingest` would make.
    drop(dyad_store::Store::open(path).expect("store opens"));
    let mut conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "synchronous", "OFF").unwrap();
    let roots = roots();
    let cum: Vec<f64> = roots
        .iter()
        .enumerate()
        .scan(0.0, |acc, (i, _)| {
            *acc += 1.0 / (i as f64 + 1.0);
            Some(*acc)
        })
        .collect();
    let total = *cum.last().unwrap();
    let codes = dyad_core::cameo::EventCodes::builtin();
    let picks = [
        "010", "043", "057", "070", "112", "130", "173", "190", "036", "042",
    ];
    let start = chrono::NaiveDate::from_ymd_opt(2016, 1, 1).unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let tx = conn.transaction().unwrap();
    {
        let mut stmt = tx
            .prepare(
                "INSERT OR IGNORE INTO events (day, source_code, source_root, source_country, source_name, \
                 target_code, target_root, target_country, target_name, event_code, base_code, root_code, \
                 quad_class, goldstein, is_root_event, num_mentions, num_sources, num_articles, first_seen, last_seen) \
                 VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 1, 1, 1, 1, ?13, ?13)",
            )
            .unwrap();
        let mut added = 0;
        while added < n {
            let pick = |rng: &mut Rng| {
                let x = rng.unit() * total;
                &roots[cum.partition_point(|c| *c < x).min(roots.len() - 1)]
            };
            let (s, t) = (pick(&mut rng).clone(), pick(&mut rng).clone());
            if s == t {
                continue;
            }
            let day = (start + chrono::Duration::days(rng.below(3900) as i64)).to_string();
            let info = codes.get(picks[rng.below(picks.len())]).unwrap();
            let role = ["", "GOV", "MIL"][rng.below(3)];
            let seen = format!("{day}T12:00:00Z");
            added += stmt
                .execute(params![
                    day,
                    format!("{s}{role}"),
                    s,
                    format!("Name of {s}"),
                    t,
                    t,
                    format!("Name of {t}"),
                    info.code,
                    info.base,
                    info.root,
                    info.quad_class,
                    info.goldstein,
                    seen
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    eprintln!("loadgen: generated in {:.1} s", t.elapsed().as_secs_f64());
}

/// Sum of `periods[].combined.events` of a timeline answer.
fn total_events(body: &[u8]) -> i64 {
    #[derive(serde::Deserialize)]
    struct Combined {
        events: i64,
    }
    #[derive(serde::Deserialize)]
    struct Period {
        combined: Combined,
    }
    #[derive(serde::Deserialize)]
    struct Timeline {
        periods: Vec<Period>,
    }
    let t: Timeline = serde_json::from_slice(body).expect("a timeline");
    t.periods.iter().map(|p| p.combined.events).sum()
}

/// Resident memory of this process (server and client), from /proc.
fn rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .map(|l| l["VmRSS:".len()..].trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn main() -> std::process::ExitCode {
    let args = parse_args();
    let have = Connection::open(&args.db)
        .and_then(|c| c.query_row("SELECT count(*) FROM events", [], |r| r.get::<_, i64>(0)))
        .unwrap_or(0) as usize;
    if have < args.events {
        let _ = std::fs::remove_file(&args.db);
        let _ = std::fs::remove_file(args.db.with_extension("db-wal"));
        generate(&args.db, args.events);
    }
    let conn = Connection::open(&args.db).unwrap();
    let total: i64 = conn
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .unwrap();
    // The busiest pair (either direction) is the worst case for a timeline.
    let (a, b, expected): (String, String, i64) = conn
        .query_row(
            "SELECT min(source_root, target_root), max(source_root, target_root), count(*) AS n FROM events \
             GROUP BY 1, 2 ORDER BY n DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let code = format!("{a}GOV");
    let expected_code: i64 = conn
        .query_row(
            "SELECT count(*) FROM events WHERE (source_code = ?1 AND target_root = ?2) \
             OR (source_root = ?2 AND target_code = ?1)",
            [&code, &b],
            |r| r.get(0),
        )
        .unwrap();
    drop(conn);
    println!("database: {total} events; busiest pair {a}-{b} with {expected} events ({code}: {expected_code})");

    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let t = Instant::now();
        let mut config = dyad_server::ServerConfig::new(args.db.clone());
        config.bind = "127.0.0.1:0".parse().unwrap();
        let server = dyad_server::Server::bind(config).await.expect("server starts");
        let addr = server.local_addr();
        assert!(addr.ip().is_loopback());
        println!("server: started on {addr} in {:.2} s (aggregate loaded); process RSS {}", t.elapsed().as_secs_f64(), rss());
        tokio::spawn(server.run(std::future::pending()));

        // Other endpoints once each, for the record (not under load).
        let x = &roots()[40];
        for path in [
            format!("/api/events?pair={a},{b}&limit=50"),
            format!("/api/events?pair={a},{x}&limit=50"),
            format!("/api/events?actor={a}&quad=4&from=2020-01-01&limit=50"),
            "/api/events?code=190&limit=50".to_string(),
            "/api/actors?q=name".to_string(),
            "/api/actors/top".to_string(),
            "/api/pairs/top".to_string(),
            "/api/pairs/shifts".to_string(),
            "/".to_string(),
        ] {
            let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
            let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.unwrap();
            tokio::spawn(conn);
            let req = hyper::Request::get(path.as_str()).header("host", addr.to_string()).body(Empty::<Bytes>::new()).unwrap();
            let t = Instant::now();
            let resp = sender.send_request(req).await.unwrap();
            let status = resp.status();
            let body = resp.into_body().collect().await.unwrap().to_bytes();
            println!("other: {path}: {status}, {:.1} ms, {} bytes", t.elapsed().as_secs_f64() * 1000.0, body.len());
        }

        // A full code against a root: answered from the same aggregate.
        {
            let path = format!("/api/pairs/{code}/{b}/timeline?interval=month");
            let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
            let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.unwrap();
            tokio::spawn(conn);
            let req = hyper::Request::get(path.as_str()).header("host", addr.to_string()).body(Empty::<Bytes>::new()).unwrap();
            let t = Instant::now();
            let body = sender.send_request(req).await.unwrap().into_body().collect().await.unwrap().to_bytes();
            println!("single: {path}: {:.1} ms, {} bytes", t.elapsed().as_secs_f64() * 1000.0, body.len());
            assert_eq!(total_events(&body), expected_code, "{path}: the timeline must count every event of the code");
        }

        let paths: Arc<Vec<String>> = Arc::new(vec![
            format!("/api/pairs/{a}/{b}/timeline?interval=month"),
            format!("/api/pairs/{b}/{a}/timeline?interval=week"),
            format!("/api/pairs/{a}/{b}/timeline?interval=day"),
        ]);
        // One request per path first, alone: the latency of each shape.
        for path in paths.iter() {
            let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
            let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.unwrap();
            tokio::spawn(conn);
            let req = hyper::Request::get(path.as_str()).header("host", addr.to_string()).body(Empty::<Bytes>::new()).unwrap();
            let t = Instant::now();
            let body = sender.send_request(req).await.unwrap().into_body().collect().await.unwrap().to_bytes();
            println!("single: {path}: {:.1} ms, {} bytes", t.elapsed().as_secs_f64() * 1000.0, body.len());
            assert_eq!(total_events(&body), expected, "{path}: the timeline must count every event of the pair");
        }
        // Then each interval in turn under load: a fixed number of requests over
        // `concurrency` keep-alive connections, stopping early at the time limit.
        let deadline = Instant::now() + Duration::from_secs(args.seconds);
        let mut worst_p99 = Duration::ZERO;
        for (k, path) in paths.iter().enumerate() {
            let sent = Arc::new(AtomicUsize::new(0));
            let started = Instant::now();
            let mut workers = Vec::new();
            for _ in 0..args.concurrency {
                let (sent, path) = (sent.clone(), path.clone());
                let requests = args.requests;
                workers.push(tokio::spawn(async move {
                    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
                    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.unwrap();
                    tokio::spawn(conn);
                    let mut lat = Vec::new();
                    loop {
                        let i = sent.fetch_add(1, Ordering::Relaxed);
                        if i >= requests || Instant::now() >= deadline {
                            return lat;
                        }
                        let req = hyper::Request::get(path.as_str())
                            .header("host", addr.to_string())
                            .body(Empty::<Bytes>::new())
                            .unwrap();
                        let t = Instant::now();
                        let resp = sender.send_request(req).await.unwrap();
                        let status = resp.status();
                        let body = resp.into_body().collect().await.unwrap().to_bytes();
                        lat.push(t.elapsed());
                        assert_eq!(status, 200, "{path}");
                        // Check one answer in ten in full (the checking shares the
                        // server's two cores): its total must be the pair's count.
                        if i % 10 == 0 {
                            assert_eq!(total_events(&body), expected, "{path}: the timeline must count every event of the pair");
                        }
                    }
                }));
            }
            let mut lat = Vec::new();
            for w in workers {
                lat.extend(w.await.unwrap());
            }
            let elapsed = started.elapsed();
            if lat.is_empty() {
                println!("load: {path}: no time left");
                continue;
            }
            lat.sort();
            let pct = |p: f64| lat[((lat.len() as f64 * p).ceil() as usize).clamp(1, lat.len()) - 1];
            let ms = |d: Duration| d.as_secs_f64() * 1000.0;
            println!(
                "load {}: {path}: {} requests over {} connections in {:.2} s = {:.0} requests/s; p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
                k + 1,
                lat.len(),
                args.concurrency,
                elapsed.as_secs_f64(),
                lat.len() as f64 / elapsed.as_secs_f64(),
                ms(pct(0.50)),
                ms(pct(0.99)),
                ms(*lat.last().unwrap()),
            );
            if k == 0 {
                worst_p99 = pct(0.99);
            }
        }
        // The budget applies to the dashboard's default shape (monthly periods).
        if worst_p99 < BUDGET {
            println!("PASS: monthly timeline p99 {:.1} ms, under {} ms", worst_p99.as_secs_f64() * 1000.0, BUDGET.as_millis());
            std::process::ExitCode::SUCCESS
        } else {
            println!("FAIL: monthly timeline p99 {:.1} ms, over {} ms", worst_p99.as_secs_f64() * 1000.0, BUDGET.as_millis());
            std::process::ExitCode::from(1)
        }
    })
}
