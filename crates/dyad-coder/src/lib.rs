//! dyad's event coder: news text in, CAMEO events with evidence out.
//!
//! The pipeline, one module per stage: [`clean`] drops page boilerplate,
//! [`sentences`] splits, [`tokens`] tokenizes, [`actors`] finds who is named,
//! [`patterns`] finds the words that report events, and [`coder`] decides each
//! event's source and target, whether it happened ([`lexicon`] modality), and when
//! ([`dates`]). All knowledge is in the data files of `dict/` ([`dict`]).
//!
//! ```
//! use dyad_coder::Coder;
//! use dyad_core::Document;
//! let coder = Coder::builtin();
//! let doc = Document {
//!     id: "d1".into(),
//!     text: "Russia accused Armenia of distorting history.".into(),
//!     date: chrono::NaiveDate::from_ymd_opt(2024, 3, 14),
//!     ..Default::default()
//! };
//! let coded = coder.code(&doc);
//! let e = &coded.events[0];
//! assert_eq!((e.source.code.as_str(), e.event_code.as_str(), e.target.code.as_str()), ("RUS", "112", "ARM"));
//! ```
#![warn(missing_docs)]

pub mod actors;
mod arguments;
pub mod clean;
pub mod coder;
mod context;
pub mod dates;
pub mod dict;
pub mod error;
pub mod lexicon;
pub mod patterns;
mod reading;
pub mod sentences;
pub mod tokens;

pub use coder::{CodedDocument, Coder};
pub use dict::Dictionaries;
pub use error::DictError;
