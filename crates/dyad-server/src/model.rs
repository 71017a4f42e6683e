//! What the JSON API returns. Field names are the API's contract (see
//! `openapi.json`); rows are read from SQLite by [`crate::query`].
use std::sync::LazyLock;

use dyad_core::cameo::EventCodes;
use serde::Serialize;

static EVENT_CODES: LazyLock<EventCodes> = LazyLock::new(EventCodes::builtin);

/// GDELT's label for an event code, if the table knows it.
pub fn event_name(code: &str) -> Option<String> {
    EVENT_CODES.get(code).map(|i| i.name.clone())
}

/// One side of an event.
#[derive(Debug, Clone, Serialize)]
pub struct ActorJson {
    /// Full CAMEO actor code (`RUSGOV`).
    pub code: String,
    /// Root used for aggregation (`RUS`, `NAT`).
    pub root: String,
    /// Country code, if any.
    pub country: Option<String>,
    /// Known-group code, if any.
    pub group: Option<String>,
    /// Role code, if any.
    pub role: Option<String>,
    /// Canonical name.
    pub name: String,
}

/// One deduplicated event (a row of `events`).
#[derive(Debug, Clone, Serialize)]
pub struct EventJson {
    /// Event id.
    pub id: i64,
    /// Day it happened.
    pub day: String,
    /// Who acted.
    pub source: ActorJson,
    /// Who was acted upon.
    pub target: ActorJson,
    /// Full CAMEO event code.
    pub event_code: String,
    /// Label of the event code.
    pub event_name: Option<String>,
    /// Three-digit base code.
    pub base_code: String,
    /// Two-digit root code.
    pub root_code: String,
    /// QuadClass 1 to 4.
    pub quad_class: u8,
    /// Goldstein value.
    pub goldstein: f64,
    /// Reported in a lead paragraph.
    pub is_root_event: bool,
    /// Reports of it.
    pub num_mentions: i64,
    /// Distinct sources reporting it.
    pub num_sources: i64,
    /// Distinct articles reporting it.
    pub num_articles: i64,
    /// Ingest time of the first report.
    pub first_seen: String,
    /// Ingest time of the latest report.
    pub last_seen: String,
}

/// The document a mention comes from, in brief.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentBrief {
    /// Document id.
    pub id: i64,
    /// Caller's key, else the URL.
    pub doc_key: String,
    /// Headline.
    pub title: Option<String>,
    /// Where it was read.
    pub url: Option<String>,
    /// Publication day.
    pub published: Option<String>,
    /// Host or feed.
    pub source_name: Option<String>,
}

/// One report of an event: a sentence of a document, with the trigger's offsets.
#[derive(Debug, Clone, Serialize)]
pub struct MentionJson {
    /// Mention id.
    pub id: i64,
    /// Event it reports.
    pub event_id: i64,
    /// Document it is in.
    pub document: DocumentBrief,
    /// Sentence index in the document.
    pub sentence_index: i64,
    /// The evidence sentence.
    pub sentence: String,
    /// Sentence start, characters into the document text.
    pub start: i64,
    /// Sentence end (exclusive), characters into the document text.
    pub end: i64,
    /// The trigger words.
    pub trigger: String,
    /// Trigger start, characters into the document text.
    pub trigger_start: i64,
    /// Trigger end (exclusive), characters into the document text.
    pub trigger_end: i64,
    /// The trigger's character offsets within `sentence`, when they fall inside it.
    pub trigger_in_sentence: Option<[usize; 2]>,
    /// Words naming the source.
    pub source_text: String,
    /// Words naming the target.
    pub target_text: String,
    /// Coder confidence.
    pub confidence: f64,
}

impl MentionJson {
    /// Splits the sentence around the trigger for highlighting: before, trigger,
    /// after. Without usable offsets the whole sentence is `before`.
    pub fn split_sentence(&self) -> (String, String, String) {
        match self.trigger_in_sentence {
            Some([s, e]) => {
                let chars: Vec<char> = self.sentence.chars().collect();
                (
                    chars[..s].iter().collect(),
                    chars[s..e].iter().collect(),
                    chars[e..].iter().collect(),
                )
            }
            None => (self.sentence.clone(), String::new(), String::new()),
        }
    }
}

/// Where the trigger sits inside the sentence, in characters. Offsets come from
/// the document text; when they do not fall inside the sentence (a coder bug, or
/// text cleaned differently), the trigger is searched for instead.
pub fn trigger_in_sentence(
    sentence: &str,
    start: i64,
    t_start: i64,
    t_end: i64,
    trigger: &str,
) -> Option<[usize; 2]> {
    let len = sentence.chars().count() as i64;
    let (s, e) = (t_start - start, t_end - start);
    if 0 <= s && s < e && e <= len {
        let (s, e) = (s as usize, e as usize);
        let inside: String = sentence.chars().skip(s).take(e - s).collect();
        if trigger.is_empty() || inside == trigger || trigger.contains("...") {
            return Some([s, e]);
        }
    }
    let first = trigger.split("...").next()?.trim();
    if first.is_empty() {
        return None;
    }
    let byte = sentence.find(first)?;
    let s = sentence[..byte].chars().count();
    Some([s, s + first.chars().count()])
}

/// One document with the mentions coded from it.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentJson {
    /// Document id.
    pub id: i64,
    /// Caller's key, else the URL.
    pub doc_key: String,
    /// Where it was read.
    pub url: Option<String>,
    /// Canonical URL, if the page gave one.
    pub canonical_url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication day.
    pub published: Option<String>,
    /// Host or feed.
    pub source_name: Option<String>,
    /// When it was stored.
    pub ingested_at: String,
    /// Cleaned text; mention offsets point into it.
    pub text: String,
    /// Every mention coded from it, in text order.
    pub mentions: Vec<MentionJson>,
}

/// An actor found by the type-ahead search.
#[derive(Debug, Clone, Serialize)]
pub struct ActorMatch {
    /// Full CAMEO code.
    pub code: String,
    /// Canonical name.
    pub name: String,
    /// Root for aggregation.
    pub root: String,
    /// Events naming it, as source or target.
    pub events: u64,
}

/// Counts of one direction (or both) in one period.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Counts {
    /// Verbal cooperation (QuadClass 1).
    pub q1: u64,
    /// Material cooperation (QuadClass 2).
    pub q2: u64,
    /// Verbal conflict (QuadClass 3).
    pub q3: u64,
    /// Material conflict (QuadClass 4).
    pub q4: u64,
    /// All events.
    pub events: u64,
    /// q1 + q2.
    pub cooperation: u64,
    /// q3 + q4.
    pub conflict: u64,
    /// Mean Goldstein value of the events, null when there are none.
    pub goldstein_mean: Option<f64>,
    #[serde(skip)]
    pub(crate) goldstein_sum: f64,
}

impl Counts {
    /// Adds `n` events of a QuadClass whose Goldstein values sum to `goldstein_sum`.
    pub fn add(&mut self, quad: u8, n: u64, goldstein_sum: f64) {
        match quad {
            1 => self.q1 += n,
            2 => self.q2 += n,
            3 => self.q3 += n,
            _ => self.q4 += n,
        }
        self.events += n;
        self.goldstein_sum += goldstein_sum;
        self.finish();
    }

    /// Adds another set of counts.
    pub fn merge(&mut self, o: &Counts) {
        self.q1 += o.q1;
        self.q2 += o.q2;
        self.q3 += o.q3;
        self.q4 += o.q4;
        self.events += o.events;
        self.goldstein_sum += o.goldstein_sum;
        self.finish();
    }

    fn finish(&mut self) {
        self.cooperation = self.q1 + self.q2;
        self.conflict = self.q3 + self.q4;
        self.goldstein_mean =
            (self.events > 0).then(|| round2(self.goldstein_sum / self.events as f64));
    }
}

/// Rounds to two decimals: means are for reading, not further arithmetic.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trigger_offsets_are_made_relative_to_the_sentence() {
        // "Russia accused Ukraine." starts at character 10 of the document.
        assert_eq!(
            trigger_in_sentence("Russia accused Ukraine.", 10, 17, 24, "accused"),
            Some([7, 14])
        );
        // Offsets outside the sentence: fall back to searching.
        assert_eq!(
            trigger_in_sentence("Russia accused Ukraine.", 10, 99, 120, "accused"),
            Some([7, 14])
        );
        assert_eq!(
            trigger_in_sentence("Żółć accused.", 0, 5, 12, "accused"),
            Some([5, 12])
        );
        assert_eq!(
            trigger_in_sentence("nothing here", 0, 50, 60, "accused"),
            None
        );
    }

    #[test]
    fn counts_keep_totals_and_mean() {
        let mut c = Counts::default();
        c.add(1, 2, 6.0);
        c.add(4, 1, -10.0);
        assert_eq!((c.cooperation, c.conflict, c.events), (2, 1, 3));
        assert_eq!(c.goldstein_mean, Some(-1.33));
    }
}
