//! Time per page of [`dyad_extract::extract`] on a checked-in corpus of our own generated
//! pages (`benches/corpus`, written by `corpus/generate.py`). Before timing, every page's
//! output is checked against its expected text, so a broken extractor cannot look fast.
//!
//! With `DYAD_ARTICLES_DEV` naming a folder that holds `pages.jsonl.gz` (such as
//! `shared/bench/extraction/articles-dev`), the real pages in it are timed too, per page.
//! They belong to their publishers, so they are read where they are, never copied here.
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dyad_extract::{eval, extract, ExtractOptions};

fn corpus() -> Vec<(Vec<u8>, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/corpus");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("benches/corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    pages
        .into_iter()
        .map(|p| {
            let html = std::fs::read(&p).expect("page");
            let expected =
                std::fs::read_to_string(p.with_extension("expected.txt")).expect("expected text");
            (html, expected)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let pages = corpus();
    assert!(!pages.is_empty(), "empty corpus");
    let opts = ExtractOptions::default();
    for (html, expected) in &pages {
        let article = extract(html, None, &opts).expect("extraction");
        let (p, r) = eval::precision_recall(&article.text, expected);
        assert!(p > 0.98 && r > 0.98, "corpus page scored P {p:.3} R {r:.3}");
        assert!(article.date.is_some(), "corpus page without a date");
    }
    let bytes: usize = pages.iter().map(|(h, _)| h.len()).sum();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("corpus", |b| {
        b.iter(|| {
            for (html, _) in &pages {
                std::hint::black_box(extract(html, None, &opts).ok());
            }
        })
    });
    group.finish();
}

/// Time per page on the real pages of the folder named by `DYAD_ARTICLES_DEV`; skipped
/// (with a note) when the variable is unset. Their scores are the eval example's business.
fn bench_articles_dev(c: &mut Criterion) {
    let Some(dir) = std::env::var_os("DYAD_ARTICLES_DEV") else {
        eprintln!(
            "extract/articles-dev skipped: set DYAD_ARTICLES_DEV to a folder holding pages.jsonl.gz"
        );
        return;
    };
    let path = PathBuf::from(dir).join("pages.jsonl.gz");
    let pages = eval::load_pages(&path)
        .unwrap_or_else(|e| panic!("DYAD_ARTICLES_DEV: cannot read {}: {e}", path.display()));
    assert!(!pages.is_empty(), "no pages in {}", path.display());
    let opts = ExtractOptions::default();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Elements(pages.len() as u64));
    // One iteration extracts every page (a tenth of a second or more): ten samples do.
    group.sample_size(10);
    group.bench_function("articles-dev", |b| {
        b.iter(|| {
            for page in &pages {
                std::hint::black_box(
                    extract(page.html.as_bytes(), page.url.as_deref(), &opts).ok(),
                );
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench, bench_articles_dev);
criterion_main!(benches);
