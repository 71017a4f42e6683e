//! Matching output triples against gold and adding up the counts.
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::BufRead;

use crate::gold::{Gold, GoldEvent};

/// An output event reduced to what is scored.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Triple {
    /// Source root.
    pub source: String,
    /// Target root.
    pub target: String,
    /// CAMEO root code.
    pub root: String,
}

impl Triple {
    /// A triple.
    pub fn new(source: &str, target: &str, root: &str) -> Self {
        Triple {
            source: source.into(),
            target: target.into(),
            root: root.into(),
        }
    }
}

impl std::fmt::Display for Triple {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} -> {} {}", self.source, self.target, self.root)
    }
}

/// What happened to one document.
#[derive(Debug, Clone, Default)]
pub struct DocResult {
    /// Document identifier.
    pub doc_id: String,
    /// Expected events not found.
    pub missed: Vec<GoldEvent>,
    /// Output triples matching nothing expected or acceptable.
    pub false_alarms: Vec<Triple>,
    /// Output triples matching a forbidden event.
    pub forbidden_hits: Vec<Triple>,
}

/// Counts for one CAMEO root.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RootStats {
    /// Expected events with this root (first listed root).
    pub expected: usize,
    /// Of which found.
    pub found: usize,
    /// Output triples with this root.
    pub output: usize,
    /// Of which correct.
    pub correct: usize,
}

/// Totals over all documents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Documents scored.
    pub documents: usize,
    /// Expected events.
    pub expected: usize,
    /// Expected events found.
    pub found: usize,
    /// Distinct output triples.
    pub output: usize,
    /// Output triples matching an expected or acceptable event.
    pub correct: usize,
    /// Output triples matching a forbidden event.
    pub forbidden: usize,
    /// Per CAMEO root.
    pub by_root: BTreeMap<String, RootStats>,
}

impl Summary {
    /// correct / output (1 when there is no output).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.output)
    }
    /// found / expected (1 when nothing is expected).
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.expected)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

pub(crate) fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

pub(crate) fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Adds documents up.
#[derive(Debug, Default)]
pub struct Scorer {
    summary: Summary,
    docs: Vec<DocResult>,
}

impl Scorer {
    /// Scores one document's output against its gold.
    pub fn add(&mut self, gold: &Gold, output: &[Triple]) {
        let triples: BTreeSet<&Triple> = output.iter().collect();
        let s = &mut self.summary;
        s.documents += 1;
        let mut result = DocResult {
            doc_id: gold.doc_id.clone(),
            ..Default::default()
        };
        for e in &gold.expected {
            s.expected += 1;
            let key = e.root.first().cloned().unwrap_or_default();
            s.by_root.entry(key.clone()).or_default().expected += 1;
            if triples
                .iter()
                .any(|t| e.matches(&t.source, &t.target, &t.root))
            {
                s.found += 1;
                s.by_root.entry(key).or_default().found += 1;
            } else {
                result.missed.push(e.clone());
            }
        }
        for t in triples {
            s.output += 1;
            let stats = s.by_root.entry(t.root.clone()).or_default();
            stats.output += 1;
            let ok = gold
                .expected
                .iter()
                .chain(&gold.acceptable)
                .any(|e| e.matches(&t.source, &t.target, &t.root));
            if ok {
                s.correct += 1;
                stats.correct += 1;
            } else {
                result.false_alarms.push(t.clone());
            }
            if gold
                .forbidden
                .iter()
                .any(|e| e.matches(&t.source, &t.target, &t.root))
            {
                s.forbidden += 1;
                result.forbidden_hits.push(t.clone());
            }
        }
        self.docs.push(result);
    }

    /// The totals so far.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// Per-document results, in the order added.
    pub fn documents(&self) -> &[DocResult] {
        &self.docs
    }
}

/// Reads `dyad code` JSON lines and returns each document's scorable triples: events
/// whose source and target both have a root (country, else known group).
pub fn read_triples(
    reader: impl BufRead,
) -> Result<HashMap<String, Vec<Triple>>, serde_json::Error> {
    let mut out: HashMap<String, Vec<Triple>> = HashMap::new();
    for line in reader.lines() {
        let line = line.map_err(serde_json::Error::io)?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)?;
        let Some(doc) = v.get("doc_id").and_then(|d| d.as_str()) else {
            continue;
        };
        let root_of = |side: &str| {
            let a = v.get(side)?;
            a.get("country")
                .and_then(|c| c.as_str())
                .or_else(|| a.get("group").and_then(|g| g.as_str()))
                .map(str::to_string)
        };
        let root = v.get("root_code").and_then(|r| r.as_str());
        let entry = out.entry(doc.to_string()).or_default();
        if let (Some(s), Some(t), Some(r)) = (root_of("source"), root_of("target"), root) {
            entry.push(Triple::new(&s, &t, r));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_are_reduced_and_forbidden_counted() {
        let gold = Gold {
            doc_id: "d".into(),
            expected: vec![GoldEvent::new("RUS", "ARM", &["11"])],
            acceptable: vec![GoldEvent::new("ARM", "RUS", &["01"])],
            forbidden: vec![GoldEvent::new("RUS", "*", &["19"])],
        };
        let mut s = Scorer::default();
        s.add(
            &gold,
            &[
                Triple::new("RUS", "ARM", "11"),
                Triple::new("RUS", "ARM", "11"),
                Triple::new("ARM", "RUS", "01"),
                Triple::new("RUS", "UKR", "19"),
            ],
        );
        let sum = s.summary();
        assert_eq!(
            (sum.output, sum.correct, sum.found, sum.forbidden),
            (3, 2, 1, 1)
        );
        assert!((sum.precision() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(sum.recall(), 1.0);
        assert_eq!(
            s.documents()[0].false_alarms,
            vec![Triple::new("RUS", "UKR", "19")]
        );
    }

    #[test]
    fn reads_only_events_with_both_roots() {
        let text = r#"{"doc_id":"a","root_code":"11","source":{"country":"RUS","group":null},"target":{"country":null,"group":"NAT"}}
{"doc_id":"a","root_code":"04","source":{"country":null,"group":null},"target":{"country":"ARM"}}
"#;
        let t = read_triples(text.as_bytes()).unwrap();
        assert_eq!(t["a"], vec![Triple::new("RUS", "NAT", "11")]);
    }
}
