//! Scoring extraction against a reference: the body metric of the public article-extraction
//! benchmark, and exact-day accuracy for publication dates.
//!
//! Both read a benchmark folder holding `pages.jsonl.gz` (`{"id", "url", "html"}` a line)
//! and `ground-truth.jsonl` (`{"id", "url", "text"}` or `{"id", "url", "date"}`).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use regex::Regex;
use serde::Deserialize;

use crate::{extract, Day, ExtractOptions};

/// One benchmark page.
#[derive(Debug, Clone, Deserialize)]
pub struct Page {
    /// The page's id, shared with the ground truth.
    pub id: String,
    /// The page's address.
    #[serde(default)]
    pub url: Option<String>,
    /// The page's HTML.
    pub html: String,
}

#[derive(Debug, Deserialize)]
struct Truth {
    id: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    date: Option<String>,
}

/// Per-page precision and recall of the body text, averaged.
#[derive(Debug, Clone, Default)]
pub struct BodyScore {
    /// Pages scored.
    pub pages: usize,
    /// Mean precision over pages.
    pub precision: f64,
    /// Mean recall over pages.
    pub recall: f64,
    /// Mean wall time of [`extract`] per page.
    pub mean_time: Duration,
    /// Mean CPU time of the process per page during the run (Linux only): unlike wall
    /// time, not inflated by other work on a busy machine.
    pub mean_cpu_time: Option<Duration>,
    /// `(id, precision, recall)` of each page, in input order.
    pub per_page: Vec<(String, f64, f64)>,
}

impl BodyScore {
    /// F1 of the mean precision and mean recall (the benchmark's way).
    pub fn f1(&self) -> f64 {
        if self.precision + self.recall == 0.0 {
            0.0
        } else {
            2.0 * self.precision * self.recall / (self.precision + self.recall)
        }
    }
}

/// Exact-day accuracy of publication dates.
#[derive(Debug, Clone, Default)]
pub struct DateScore {
    /// Pages scored.
    pub pages: usize,
    /// Pages whose extracted day equals the reference day.
    pub right: usize,
    /// Pages given another day.
    pub wrong: usize,
    /// Pages given no day.
    pub missed: usize,
    /// Mean wall time of [`extract`] per page.
    pub mean_time: Duration,
    /// `(id, expected, found, source of the found date)` of each page not right.
    pub failures: Vec<(String, String, Option<String>, &'static str)>,
}

/// Reads `pages.jsonl.gz` (or plain `pages.jsonl`).
pub fn load_pages(path: &Path) -> std::io::Result<Vec<Page>> {
    let file = std::fs::File::open(path)?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut pages = Vec::new();
    for line in BufReader::new(reader).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let page: Page = serde_json::from_str(&line).map_err(std::io::Error::other)?;
        pages.push(page);
    }
    Ok(pages)
}

fn load_truth(path: &Path) -> std::io::Result<HashMap<String, Truth>> {
    let text = std::fs::read_to_string(path)?;
    let mut out = HashMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let t: Truth = serde_json::from_str(line).map_err(std::io::Error::other)?;
        out.insert(t.id.clone(), t);
    }
    Ok(out)
}

/// Scores body text on a benchmark folder.
pub fn score_bodies(dir: &Path, opts: &ExtractOptions) -> std::io::Result<BodyScore> {
    let pages = load_pages(&dir.join("pages.jsonl.gz"))?;
    let truth = load_truth(&dir.join("ground-truth.jsonl"))?;
    let mut score = BodyScore::default();
    let mut total = Duration::ZERO;
    warm_up(&pages, opts);
    let cpu_start = process_cpu_time();
    for page in &pages {
        let Some(expected) = truth.get(&page.id).and_then(|t| t.text.as_deref()) else {
            continue;
        };
        let start = Instant::now();
        let got = extract(page.html.as_bytes(), page.url.as_deref(), opts)
            .map(|a| a.text)
            .unwrap_or_default();
        total += start.elapsed();
        let (p, r) = precision_recall(&got, expected);
        score.precision += p;
        score.recall += r;
        score.pages += 1;
        score.per_page.push((page.id.clone(), p, r));
    }
    if score.pages > 0 {
        score.precision /= score.pages as f64;
        score.recall /= score.pages as f64;
        score.mean_time = total / score.pages as u32;
        score.mean_cpu_time = cpu_start
            .zip(process_cpu_time())
            .map(|(a, b)| b.saturating_sub(a) / score.pages as u32);
    }
    Ok(score)
}

/// Extracts one page untimed, so the one-time set-up (compiling the rule and date
/// patterns) is not charged to the first timed page.
fn warm_up(pages: &[Page], opts: &ExtractOptions) {
    if let Some(page) = pages.first() {
        let _ = extract(page.html.as_bytes(), page.url.as_deref(), opts);
    }
}

/// User plus system CPU time of this process, from `/proc/self/stat` (100 ticks a second).
fn process_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(Duration::from_millis((utime + stime) * 10))
}

/// Scores publication days on a benchmark folder.
pub fn score_dates(dir: &Path, opts: &ExtractOptions) -> std::io::Result<DateScore> {
    let pages = load_pages(&dir.join("pages.jsonl.gz"))?;
    let truth = load_truth(&dir.join("ground-truth.jsonl"))?;
    let mut score = DateScore::default();
    let mut total = Duration::ZERO;
    warm_up(&pages, opts);
    for page in &pages {
        let Some(expected) = truth.get(&page.id).and_then(|t| t.date.as_deref()) else {
            continue;
        };
        let Ok(expected_day) = expected.parse::<Day>() else {
            continue;
        };
        let start = Instant::now();
        let explained = crate::find_date_explained(page.html.as_bytes(), page.url.as_deref(), opts);
        total += start.elapsed();
        let source = explained.map_or("-", |(_, s)| s);
        let found = explained.map(|(d, _)| d);
        score.pages += 1;
        match found {
            Some(d) if d.day == expected_day => score.right += 1,
            other => {
                if other.is_some() {
                    score.wrong += 1;
                } else {
                    score.missed += 1;
                }
                score.failures.push((
                    page.id.clone(),
                    expected.to_string(),
                    other.map(|d| d.to_string()),
                    source,
                ));
            }
        }
    }
    if score.pages > 0 {
        score.mean_time = total / score.pages as u32;
    }
    Ok(score)
}

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").expect("valid regex"));

/// Precision and recall of `got` against `expected` on multisets of 4-token shingles of
/// `\w+` tokens. An empty output scores precision 0.
pub fn precision_recall(got: &str, expected: &str) -> (f64, f64) {
    let got = shingles(got);
    let expected = shingles(expected);
    let mut remaining: HashMap<&[&str], usize> = HashMap::new();
    for s in &expected {
        *remaining.entry(s.as_slice()).or_default() += 1;
    }
    let mut tp = 0usize;
    for s in &got {
        if let Some(n) = remaining.get_mut(s.as_slice()) {
            if *n > 0 {
                *n -= 1;
                tp += 1;
            }
        }
    }
    let fp = got.len() - tp;
    let fn_ = expected.len() - tp;
    let precision = if tp + fp == 0 {
        0.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let recall = if tp + fn_ == 0 {
        1.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    (precision, recall)
}

fn shingles(text: &str) -> Vec<Vec<&str>> {
    let tokens: Vec<&str> = WORD.find_iter(text).map(|m| m.as_str()).collect();
    if tokens.is_empty() {
        return Vec::new();
    }
    if tokens.len() < 4 {
        return vec![tokens];
    }
    tokens.windows(4).map(<[&str]>::to_vec).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_text_scores_one() {
        assert_eq!(precision_recall("a b c d e", "a b c d e"), (1.0, 1.0));
    }

    #[test]
    fn extra_text_lowers_precision_only() {
        let (p, r) = precision_recall("a b c d e f g h", "a b c d e");
        assert_eq!(r, 1.0);
        assert!(p < 1.0);
        assert_eq!(precision_recall("", "a b c d").0, 0.0);
    }
}
