//! Ingest from a local folder: 10,000 generated news pages (our own invented
//! sentences), read, extracted, coded and stored by `dyad ingest`; prints documents
//! per second and the peak memory (VmHWM) the command reports, and asserts that
//! every page was stored and events were found, so a broken pipeline cannot look
//! fast. Then times the stages in this process, one thread, for the breakdown.
//!
//! `cargo bench -p dyad --bench ingest_folder` (`DYAD_BENCH_DOCS=N` for another size).
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use dyad_ingest::{Body, Item, ReaderConfig, Source, SourceReader};

const COUNTRIES: &[&str] = &[
    "Russia", "Armenia", "Japan", "Kenya", "France", "Mali", "Egypt", "Israel", "Turkey", "Greece",
    "Iran", "Iraq", "China", "India", "Cuba", "Spain", "Brazil", "Chile", "Peru", "Bolivia",
    "Germany", "Poland", "Ukraine", "Syria", "Jordan", "Nigeria", "Ghana", "Canada", "Mexico",
    "Pakistan",
];

const EVENTS: &[&str] = &[
    "{A} accused {B} of violating the ceasefire.",
    "{A} met with officials from {B} on Tuesday.",
    "{A} praised {B} for its cooperation on trade.",
    "{A} threatened {B} with new sanctions.",
    "{A} pledged aid to {B} after the floods.",
    "{A} condemned {B} over the attack on the border post.",
    "{A} signed a trade agreement with {B}.",
    "{A} expelled two diplomats from {B}.",
    "{A} hosted talks with {B} in the capital.",
    "{A} criticized {B} over the election.",
];

const FILLER: &[&str] = &[
    "The statement came after weeks of tension in the region.",
    "Officials declined to comment further on the matter.",
    "Analysts said the move could affect regional markets.",
    "The ministry published the full text on its website.",
    "Talks are expected to continue later this month.",
    "Local newspapers carried the story on their front pages.",
];

/// A small deterministic generator (no dependency needed for this).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn page(i: usize, rng: &mut Lcg) -> String {
    let mut paragraphs = Vec::new();
    for _ in 0..(3 + rng.next(3)) {
        let a = COUNTRIES[rng.next(COUNTRIES.len())];
        let mut b = COUNTRIES[rng.next(COUNTRIES.len())];
        if a == b {
            b = COUNTRIES[(COUNTRIES.iter().position(|c| *c == a).unwrap() + 1) % COUNTRIES.len()];
        }
        let event = EVENTS[rng.next(EVENTS.len())]
            .replace("{A}", a)
            .replace("{B}", b);
        let filler = FILLER[rng.next(FILLER.len())];
        paragraphs.push(format!("<p>{event} {filler}</p>"));
    }
    paragraphs.push(format!(
        "<p>This is report number {i} of the wire service.</p>"
    ));
    let day = 1 + i % 28;
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Report {i} | Test Wire</title>\
         <meta property=\"article:published_time\" content=\"2024-03-{day:02}T09:00:00Z\"></head><body>\
         <header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/sport\">Sport</a></nav></header>\
         <article><h1>Report {i}</h1>{}</article>\
         <aside><h2>Most read</h2><ul><li>Weather for the weekend</li><li>Cup final tickets</li></ul></aside>\
         <footer>Copyright Test Wire. All rights reserved.</footer></body></html>",
        paragraphs.concat()
    )
}

fn generate(dir: &Path, n: usize) -> u64 {
    let mut rng = Lcg(42);
    let mut bytes = 0;
    for i in 0..n {
        let sub = dir.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub).unwrap();
        }
        let html = page(i, &mut rng);
        bytes += html.len() as u64;
        std::fs::write(sub.join(format!("{i:05}.html")), html).unwrap();
    }
    bytes
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: then only a
    // quick check on a few documents.
    let benching = std::env::args().any(|a| a == "--bench");
    let n: usize = std::env::var("DYAD_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if benching { 10_000 } else { 50 });
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("news");
    let bytes = generate(&folder, n);
    println!(
        "ingest_folder: {n} generated pages, {:.1} MB",
        bytes as f64 / 1e6
    );

    // The whole pipeline, as users run it.
    let db = dir.path().join("bench.db");
    let t0 = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["ingest", "--log-format", "json", "--db"])
        .arg(&db)
        .arg(&folder)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    let wall = t0.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["read"], n, "{summary}");
    assert_eq!(summary["stored"], n, "{summary}");
    let events =
        summary["events_new"].as_u64().unwrap() + summary["events_merged"].as_u64().unwrap();
    assert!(
        events as usize >= n,
        "only {events} events from {n} documents"
    );
    let seconds = summary["seconds"].as_f64().unwrap();
    println!(
        "dyad ingest (read+extract+code+store, {} jobs): {:.0} docs/s ({n} docs in {seconds:.2} s; \
         {wall:.2} s with start-up), {events} events, {} mentions, peak memory {:.1} MiB",
        std::thread::available_parallelism().map_or(1, |p| p.get()),
        n as f64 / seconds,
        summary["mentions"],
        summary["peak_memory_kib"].as_f64().unwrap_or(0.0) / 1024.0
    );

    // Stage breakdown, one thread, in this process.
    let reader = SourceReader::new(ReaderConfig::default());
    let source = Source::Folder(folder.clone());
    let mut pages = Vec::with_capacity(n);
    let t = Instant::now();
    reader.read(&source, &mut |item| {
        if let Item::Document(d) = item {
            if let Body::Html(h) = d.body {
                pages.push(h);
            }
        }
    });
    let read_s = t.elapsed().as_secs_f64();
    assert_eq!(pages.len(), n);
    let opts = dyad_extract::ExtractOptions::default();
    let t = Instant::now();
    let texts: Vec<String> = pages
        .iter()
        .map(|h| dyad_extract::extract(h, None, &opts).unwrap().text)
        .collect();
    let extract_s = t.elapsed().as_secs_f64();
    let coder = dyad_coder::Coder::builtin();
    let t = Instant::now();
    let mut coded = Vec::with_capacity(n);
    for (i, text) in texts.into_iter().enumerate() {
        let doc = dyad_core::Document {
            id: i.to_string(),
            text,
            ..Default::default()
        };
        coded.push(coder.code(&doc));
    }
    let code_s = t.elapsed().as_secs_f64();
    let coded_events: usize = coded.iter().map(|c| c.events.len()).sum();
    assert!(coded_events >= n);
    let mut store = dyad_store::Store::open(dir.path().join("stage.db")).unwrap();
    let t = Instant::now();
    for (i, c) in coded.iter().enumerate() {
        let doc = dyad_store::NewDocument {
            key: format!("doc-{i}"),
            text: c.clean_text.clone(),
            ..Default::default()
        };
        store.add_document(&doc, &c.events).unwrap();
    }
    let store_s = t.elapsed().as_secs_f64();
    println!(
        "one thread: read {:.0} docs/s, extract {:.0} docs/s, code {:.0} docs/s, \
         store (one transaction each) {:.0} docs/s",
        n as f64 / read_s,
        n as f64 / extract_s,
        n as f64 / code_s,
        n as f64 / store_s
    );
}
