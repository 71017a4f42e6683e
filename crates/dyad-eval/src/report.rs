//! The human-readable evaluation report.
use std::fmt::Write;

use crate::score::{f1, ratio, Scorer};

/// Renders totals, per-root figures, and (when `details`) each document's misses,
/// false alarms and forbidden events.
pub fn render(scorer: &Scorer, details: bool) -> String {
    let s = scorer.summary();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "documents {}  expected {}  found {}  output {}  correct {}  forbidden {}",
        s.documents, s.expected, s.found, s.output, s.correct, s.forbidden
    );
    let _ = writeln!(
        out,
        "precision {:.3}  recall {:.3}  F1 {:.3}",
        s.precision(),
        s.recall(),
        s.f1()
    );
    let _ = writeln!(
        out,
        "\nroot  expected found  output correct   P     R     F1"
    );
    for (root, r) in &s.by_root {
        let p = ratio(r.correct, r.output);
        let rc = ratio(r.found, r.expected);
        let _ = writeln!(
            out,
            "{root:>4}  {:>8} {:>5}  {:>6} {:>7}  {p:.2}  {rc:.2}  {:.2}",
            r.expected,
            r.found,
            r.output,
            r.correct,
            f1(p, rc)
        );
    }
    if details {
        for d in scorer.documents() {
            if d.missed.is_empty() && d.false_alarms.is_empty() && d.forbidden_hits.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{}", d.doc_id);
            for m in &d.missed {
                let _ = writeln!(
                    out,
                    "  MISS   {} -> {} {:?} {}",
                    m.source,
                    m.target,
                    m.root,
                    m.trigger.as_deref().unwrap_or("")
                );
            }
            for t in &d.false_alarms {
                let _ = writeln!(out, "  FALSE  {t}");
            }
            for t in &d.forbidden_hits {
                let _ = writeln!(out, "  FORBIDDEN  {t}");
            }
        }
    }
    out
}
