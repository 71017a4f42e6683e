//! Core types shared by every stage of dyad: the [`Document`] that comes in, the
//! [`Actor`]s and [`Event`]s that come out, and the CAMEO event-code table
//! ([`cameo::EventCodes`]) that gives each code its Goldstein value and QuadClass.
//!
//! This crate depends on almost nothing so that every other crate can use it.
//!
//! ```
//! use dyad_core::cameo::EventCodes;
//! let codes = EventCodes::builtin();
//! let accuse = codes.get("112").unwrap();
//! assert_eq!(accuse.root, "11");
//! assert_eq!(accuse.quad_class, 3);
//! ```
#![warn(missing_docs)]

pub mod actor;
pub mod cameo;
pub mod document;
pub mod event;
pub mod gdelt;

pub use actor::Actor;
pub use document::{parse_day, Document};
pub use event::{Event, Evidence};
