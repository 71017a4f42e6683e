//! Integration tests of dyad-extract: hand-made pages with hand-written expected text,
//! and property tests of the limits.
mod dates;
mod fixtures;
mod properties;
