//! What an ingest run did, counted as it goes; the progress bar and the closing
//! summary read the same counters.
use std::collections::BTreeMap;
use std::io::Write;
use std::time::Duration;

use serde::Serialize;

/// Counters of one run (or of one poll of `dyad watch`).
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    /// Sources named.
    pub sources: usize,
    /// Documents read from the sources.
    pub read: usize,
    /// Documents stored.
    pub stored: usize,
    /// Events first seen in this run.
    pub events_new: usize,
    /// Events already known that stored documents reported again.
    pub events_merged: usize,
    /// Event mentions stored.
    pub mentions: usize,
    /// Documents already in the database, by reason.
    pub duplicates: BTreeMap<String, usize>,
    /// Items passed over, by reason.
    pub skipped: BTreeMap<String, usize>,
    /// Failures: the URL, file or line, and what went wrong.
    pub errors: Vec<Failure>,
    /// Wall time, in seconds.
    pub seconds: f64,
    /// Peak resident memory of the process (VmHWM), in KiB, where the system tells.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peak_memory_kib: Option<u64>,
}

/// One failure.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    /// The URL, file (with line or record) that failed.
    pub input: String,
    /// What went wrong.
    pub error: String,
}

impl Summary {
    pub fn skip(&mut self, reason: &str) {
        *self.skipped.entry(reason.to_string()).or_default() += 1;
    }

    pub fn duplicate(&mut self, reason: &str) {
        *self.duplicates.entry(reason.to_string()).or_default() += 1;
    }

    /// Records a failure; the input's name is dropped from the front of the message.
    pub fn fail(&mut self, input: String, error: String) {
        let error = match error.strip_prefix(&format!("{input}: ")) {
            Some(rest) => rest.to_string(),
            None => error,
        };
        self.errors.push(Failure { input, error });
    }

    pub fn events(&self) -> usize {
        self.events_new + self.events_merged
    }

    pub fn docs_per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.read as f64 / self.seconds
        } else {
            0.0
        }
    }

    pub fn set_elapsed(&mut self, elapsed: Duration) {
        self.seconds = elapsed.as_secs_f64();
        self.peak_memory_kib = peak_memory_kib();
    }

    /// Adds another poll's counters (for `dyad watch`).
    pub fn absorb(&mut self, other: Summary) {
        self.read += other.read;
        self.stored += other.stored;
        self.events_new += other.events_new;
        self.events_merged += other.events_merged;
        self.mentions += other.mentions;
        for (k, v) in other.duplicates {
            *self.duplicates.entry(k).or_default() += v;
        }
        for (k, v) in other.skipped {
            *self.skipped.entry(k).or_default() += v;
        }
        self.errors.extend(other.errors);
        self.seconds += other.seconds;
        self.peak_memory_kib = other.peak_memory_kib.max(self.peak_memory_kib);
    }

    /// The closing summary, for people.
    pub fn write_text(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let by_reason = |m: &BTreeMap<String, usize>| {
            let total: usize = m.values().sum();
            if total == 0 {
                return "0".to_string();
            }
            let parts: Vec<String> = m.iter().map(|(k, v)| format!("{k} {v}")).collect();
            format!("{total} ({})", parts.join(", "))
        };
        writeln!(
            out,
            "ingest: {} source{} in {:.1} s",
            self.sources,
            if self.sources == 1 { "" } else { "s" },
            self.seconds
        )?;
        writeln!(
            out,
            "  read        {} documents ({:.1}/s)",
            self.read,
            self.docs_per_second()
        )?;
        writeln!(
            out,
            "  stored      {} documents, {} events ({} new, {} merged into known events), {} mentions",
            self.stored,
            self.events(),
            self.events_new,
            self.events_merged,
            self.mentions
        )?;
        writeln!(out, "  duplicates  {}", by_reason(&self.duplicates))?;
        writeln!(out, "  skipped     {}", by_reason(&self.skipped))?;
        if let Some(kib) = self.peak_memory_kib {
            writeln!(out, "  memory      {:.1} MiB at peak", kib as f64 / 1024.0)?;
        }
        writeln!(out, "  errors      {}", self.errors.len())?;
        for f in &self.errors {
            writeln!(out, "    {}: {}", f.input, f.error)?;
        }
        Ok(())
    }
}

/// VmHWM from /proc/self/status (Linux).
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_summary_lists_reasons_and_errors() {
        let mut s = Summary {
            sources: 1,
            read: 3,
            stored: 1,
            events_new: 2,
            ..Default::default()
        };
        s.skip("robots.txt");
        s.skip("robots.txt");
        s.duplicate("same key");
        s.fail("http://x/a".into(), "http://x/a: HTTP status 404".into());
        s.fail("f.jsonl:2".into(), "bad line".into());
        let mut out = Vec::new();
        s.write_text(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("skipped     2 (robots.txt 2)"), "{text}");
        assert!(text.contains("duplicates  1 (same key 1)"));
        assert!(text.contains("    http://x/a: HTTP status 404\n    f.jsonl:2: bad line\n"));
    }
}
