//! Insert throughput: documents per second, five events each, into a fresh
//! database on disk (WAL, `synchronous = NORMAL`), one transaction per document
//! and one per batch of 100. Each run checks what it stored, so a broken insert
//! cannot look fast.
use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use dyad_core::{Actor, Event, Evidence};
use dyad_store::{AddOutcome, NewDocument, Store};

const DOCUMENTS: usize = 1_000;
const EVENTS_PER_DOCUMENT: usize = 5;

/// Deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

fn actor(code: &str) -> Actor {
    Actor {
        code: code.into(),
        country: Some(code[..3].into()),
        group: None,
        role: code.get(3..6).map(Into::into),
        name: format!("Actor {code}"),
        text: code.to_lowercase(),
    }
}

/// Articles of about 2 kB over 30 actors, 20 codes and 90 days, so that events
/// merge as they do in news.
fn corpus() -> Vec<(NewDocument, Vec<Event>)> {
    let countries = [
        "RUS", "UKR", "USA", "CHN", "FRA", "DEU", "GBR", "IRN", "ISR", "TUR",
    ];
    let roles = ["", "GOV", "MIL"];
    let codes = [
        "010", "020", "036", "042", "043", "057", "061", "071", "111", "112", "120", "130", "138",
        "141", "163", "173", "180", "190", "193", "1951",
    ];
    let mut rng = Rng(7);
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    (0..DOCUMENTS)
        .map(|i| {
            let published = start + chrono::Duration::days(rng.below(90) as i64);
            let text = format!("Article {i}. ") + &"Lorem ipsum dolor sit amet. ".repeat(70);
            let events = (0..EVENTS_PER_DOCUMENT)
                .map(|s| {
                    let a = format!("{}{}", countries[rng.below(10)], roles[rng.below(3)]);
                    let b = format!("{}{}", countries[rng.below(10)], roles[rng.below(3)]);
                    let code = codes[rng.below(codes.len())];
                    Event {
                        doc_id: String::new(),
                        event_code: code.into(),
                        root_code: code[..2].into(),
                        base_code: code[..3].into(),
                        quad_class: 1 + rng.below(4) as u8,
                        goldstein: -5.0,
                        date: Some(published),
                        source: actor(&a),
                        target: actor(&b),
                        evidence: Evidence {
                            sentence: "Lorem ipsum dolor sit amet.".into(),
                            sentence_index: s,
                            start: s * 28,
                            end: s * 28 + 27,
                            trigger: "ipsum".into(),
                            trigger_start: s * 28 + 6,
                            trigger_end: s * 28 + 11,
                        },
                        confidence: 0.8,
                        is_root_event: s == 0,
                    }
                })
                .collect();
            let doc = NewDocument {
                key: format!("https://news{}.example/{i}", i % 20),
                url: Some(format!("https://news{}.example/{i}", i % 20)),
                published: Some(published),
                source_name: Some(format!("news{}.example", i % 20)),
                title: Some(format!("Article {i}")),
                text,
                ..Default::default()
            };
            (doc, events)
        })
        .collect()
}

fn fresh_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("bench.db")).unwrap();
    (dir, store)
}

fn check(store: &Store, outcomes: &[AddOutcome]) {
    let mentions: usize = outcomes
        .iter()
        .map(|o| match o {
            AddOutcome::Inserted { mentions, .. } => *mentions,
            AddOutcome::Duplicate { .. } => 0,
        })
        .sum();
    assert_eq!(mentions, DOCUMENTS * EVENTS_PER_DOCUMENT);
    let counts = store.counts().unwrap();
    assert_eq!(counts.documents as usize, DOCUMENTS);
    assert_eq!(counts.mentions as usize, DOCUMENTS * EVENTS_PER_DOCUMENT);
}

fn insert(c: &mut Criterion) {
    let docs = corpus();
    let mut group = c.benchmark_group("insert");
    group.throughput(Throughput::Elements(DOCUMENTS as u64));
    group.sample_size(10);
    group.bench_function("one_transaction_per_document", |b| {
        b.iter_batched(
            fresh_store,
            |(dir, mut store)| {
                let outcomes: Vec<AddOutcome> = docs
                    .iter()
                    .map(|(d, e)| store.add_document(black_box(d), e).unwrap())
                    .collect();
                check(&store, &outcomes);
                (dir, store)
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("batches_of_100", |b| {
        b.iter_batched(
            fresh_store,
            |(dir, mut store)| {
                let mut outcomes = Vec::new();
                for chunk in docs.chunks(100) {
                    let batch = chunk.iter().map(|(d, e)| (black_box(d), e.as_slice()));
                    outcomes.extend(store.add_documents(batch).unwrap());
                }
                check(&store, &outcomes);
                (dir, store)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, insert);
criterion_main!(benches);
