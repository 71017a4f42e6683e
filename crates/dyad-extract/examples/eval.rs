//! Scores extraction on a benchmark folder.
//!
//! ```text
//! cargo run --release -p dyad-extract --example eval -- articles ../shared/bench/extraction/articles-dev
//! cargo run --release -p dyad-extract --example eval -- dates ../shared/bench/extraction/dates-dev
//! ```
//! Add `-v` to list the worst pages (articles) or every miss with the source of the date
//! found (dates). `eval speed DIR [N]` times each page's fastest of N extractions.
use std::path::PathBuf;
use std::process::ExitCode;

use dyad_extract::{eval, ExtractOptions};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let rest: Vec<&String> = args.iter().filter(|a| *a != "-v").collect();
    let (Some(mode), Some(dir)) = (rest.first(), rest.get(1)) else {
        eprintln!("usage: eval (articles|dates) DIR [-v]");
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    let opts = ExtractOptions::now();
    match mode.as_str() {
        "articles" => match eval::score_bodies(&dir, &opts) {
            Ok(s) => {
                if verbose {
                    let mut worst = s.per_page.clone();
                    worst.sort_by(|a, b| (a.1 + a.2).total_cmp(&(b.1 + b.2)));
                    for (id, p, r) in &worst {
                        println!("{id}\tP {p:.3}\tR {r:.3}");
                    }
                }
                println!(
                    "pages {}  F1 {:.4}  P {:.4}  R {:.4}  {:.2} ms/page wall, {} ms/page CPU",
                    s.pages,
                    s.f1(),
                    s.precision,
                    s.recall,
                    s.mean_time.as_secs_f64() * 1000.0,
                    s.mean_cpu_time.map_or("?".to_string(), |t| format!(
                        "{:.2}",
                        t.as_secs_f64() * 1000.0
                    ))
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("eval: {e}");
                ExitCode::from(2)
            }
        },
        "dates" => match eval::score_dates(&dir, &opts) {
            Ok(s) => {
                if verbose {
                    for (id, want, got, source) in &s.failures {
                        println!(
                            "{id}\twant {want}\tgot {}\tfrom {source}",
                            got.as_deref().unwrap_or("-")
                        );
                    }
                }
                println!(
                    "pages {}  right {} ({:.1} %)  wrong {}  missed {}  {:.2} ms/page",
                    s.pages,
                    s.right,
                    100.0 * s.right as f64 / s.pages.max(1) as f64,
                    s.wrong,
                    s.missed,
                    s.mean_time.as_secs_f64() * 1000.0
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("eval: {e}");
                ExitCode::from(2)
            }
        },
        "speed" => {
            // eval speed DIR [N]: each page extracted N times (default 7); the fastest run of
            // each page counts, so other work on a busy machine barely shows.
            let runs: usize = rest.get(2).and_then(|n| n.parse().ok()).unwrap_or(7);
            let pages = eval::load_pages(&dir.join("pages.jsonl.gz")).unwrap_or_default();
            // One untimed pass first: compiling patterns once is not a page's cost.
            for p in &pages {
                let _ = dyad_extract::extract(p.html.as_bytes(), p.url.as_deref(), &opts);
            }
            let mut total = std::time::Duration::ZERO;
            for p in &pages {
                let mut best = std::time::Duration::MAX;
                for _ in 0..runs.max(1) {
                    let start = std::time::Instant::now();
                    let _ = dyad_extract::extract(p.html.as_bytes(), p.url.as_deref(), &opts);
                    best = best.min(start.elapsed());
                }
                total += best;
            }
            println!(
                "pages {}  {:.3} ms/page (fastest of {runs} runs each)",
                pages.len(),
                total.as_secs_f64() * 1000.0 / pages.len().max(1) as f64
            );
            ExitCode::SUCCESS
        }
        "show" => {
            // eval show DIR ID: the extracted text of one page.
            let id = rest.get(2).map(|s| s.as_str()).unwrap_or_default();
            let pages = eval::load_pages(&dir.join("pages.jsonl.gz")).unwrap_or_default();
            for p in pages.iter().filter(|p| p.id == id) {
                match dyad_extract::extract(p.html.as_bytes(), p.url.as_deref(), &opts) {
                    Ok(a) => println!(
                        "TITLE {:?}\nDATE {:?}\n{}",
                        a.title,
                        a.date.map(|d| d.to_string()),
                        a.text
                    ),
                    Err(e) => println!("error: {e}"),
                }
            }
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: eval (articles|dates) DIR [-v]");
            ExitCode::from(2)
        }
    }
}
