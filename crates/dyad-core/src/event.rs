//! Coded events and the evidence behind them.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::actor::Actor;

/// One event between two actors, as reported by one sentence of one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Identifier of the document that reports it.
    pub doc_id: String,
    /// Full CAMEO event code (`112`, `0234`).
    pub event_code: String,
    /// Two-digit CAMEO root (`11`).
    pub root_code: String,
    /// Three-digit base code (`112`), or the root for root-level codes.
    pub base_code: String,
    /// QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict.
    pub quad_class: u8,
    /// Goldstein scale value of the event code, -10 to +10.
    pub goldstein: f64,
    /// Day the event happened, when the text or the document's date tells.
    pub date: Option<NaiveDate>,
    /// Who acted.
    pub source: Actor,
    /// Who was acted upon.
    pub target: Actor,
    /// The sentence that reports it.
    pub evidence: Evidence,
    /// How sure the coder is, 0 to 1.
    pub confidence: f32,
    /// True when the event came from the document's first sentences (GDELT's
    /// IsRootEvent: the lead paragraph).
    #[serde(default)]
    pub is_root_event: bool,
}

/// The text that reports an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The sentence, as it stands in the cleaned text.
    pub sentence: String,
    /// Index of the sentence in the cleaned document (0-based).
    pub sentence_index: usize,
    /// Character offset of the sentence's start in the cleaned text.
    pub start: usize,
    /// Character offset of the sentence's end (exclusive) in the cleaned text.
    pub end: usize,
    /// The words that carry the event (`accused`, `canceled ... drills`).
    pub trigger: String,
    /// Character offset of the trigger's start in the cleaned text.
    pub trigger_start: usize,
    /// Character offset of the trigger's end (exclusive) in the cleaned text.
    pub trigger_end: usize,
}
