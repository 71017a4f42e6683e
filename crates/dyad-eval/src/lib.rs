//! Scores coded events against gold annotations, the way `../shared/eval/README.md`
//! describes: each document's output is reduced to distinct (source root, target root,
//! CAMEO root) triples; an expected event is found when a triple matches it (either
//! direction where it is symmetric); an output triple is correct when it matches an
//! expected or an acceptable event; forbidden events are counted apart.
//!
//! ```
//! use dyad_eval::{Gold, GoldEvent, Scorer, Triple};
//! let gold = Gold {
//!     doc_id: "d1".into(),
//!     expected: vec![GoldEvent::new("RUS", "ARM", &["11"])],
//!     ..Default::default()
//! };
//! let mut scorer = Scorer::default();
//! scorer.add(&gold, &[Triple::new("RUS", "ARM", "11"), Triple::new("ARM", "RUS", "04")]);
//! let s = scorer.summary();
//! assert_eq!(s.found, 1);
//! assert_eq!(s.correct, 1);
//! assert_eq!(s.output, 2);
//! ```
#![warn(missing_docs)]

mod gold;
mod report;
mod score;

pub use gold::{load_gold, Gold, GoldError, GoldEvent};
pub use report::render;
pub use score::{read_triples, DocResult, RootStats, Scorer, Summary, Triple};
