//! Throughput of the coder alone: sentences per second on one core, on a corpus of
//! invented news sentences built here from templates (deterministic, so runs compare).
//! Also prints the peak memory after loading every dictionary.
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dyad_coder::Coder;
use dyad_core::Document;

const SUBJECTS: &[&str] = &[
    "Russia",
    "The Kremlin",
    "Armenian Prime Minister Nikol Pashinyan",
    "NATO",
    "The European Union",
    "Iran's foreign minister",
    "Chinese troops",
    "The United Nations",
    "Israeli forces",
    "Turkey",
];
const CLAUSES: &[&str] = &[
    "accused {T} of violating the ceasefire",
    "held talks with {T} on Tuesday",
    "imposed new sanctions on {T}",
    "called on {T} to release the prisoners",
    "did not send troops to {T}",
    "could attack {T} next year",
    "signed a trade agreement with {T} in Moscow",
    "criticised {T} over its human rights record",
    "promised to provide humanitarian aid to {T}",
    "expelled two diplomats from {T}",
    "said the economy grew by two percent last quarter",
    "warned {T} that it would respond to any provocation",
];
const TARGETS: &[&str] = &[
    "Armenia",
    "Azerbaijan",
    "the United States",
    "Ukraine",
    "Beijing",
    "the CSTO",
    "Syria",
    "France",
];

/// Builds `docs` articles of `per_doc` sentences each.
fn corpus(docs: usize, per_doc: usize) -> Vec<Document> {
    let mut k = 0usize;
    (0..docs)
        .map(|d| {
            let mut text = String::new();
            for _ in 0..per_doc {
                let s = SUBJECTS[k % SUBJECTS.len()];
                let c = CLAUSES[(k / 3) % CLAUSES.len()];
                let t = TARGETS[(k / 7) % TARGETS.len()];
                text.push_str(&format!("{s} {}. ", c.replace("{T}", t)));
                if k % 4 == 3 {
                    text.push('\n');
                }
                k += 1;
            }
            Document {
                id: format!("bench-{d}"),
                text,
                date: chrono::NaiveDate::from_ymd_opt(2024, 3, 14),
                ..Default::default()
            }
        })
        .collect()
}

fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn bench(c: &mut Criterion) {
    let coder = Coder::builtin();
    if let Some(kib) = peak_memory_kib() {
        eprintln!(
            "peak memory with all dictionaries loaded: {:.1} MB",
            kib as f64 / 1024.0
        );
    }
    let docs = corpus(50, 20);
    let sentences: usize = docs.iter().map(|d| coder.code(d).sentences).sum();
    let events: usize = docs.iter().map(|d| coder.code(d).events.len()).sum();
    // A broken coder must not look fast: the corpus reports events in most sentences.
    assert_eq!(sentences, 1000, "sentence splitting changed");
    assert!(
        events >= 500,
        "only {events} events in 1000 event sentences"
    );

    let mut group = c.benchmark_group("coder");
    group.throughput(Throughput::Elements(sentences as u64));
    group.bench_function("code 1000 sentences", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(coder.code(black_box(d)));
            }
        })
    });
    group.finish();
    c.bench_function("load dictionaries", |b| {
        b.iter(|| black_box(Coder::builtin()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
