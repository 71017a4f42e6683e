//! Limits and reference time of an extraction.

use crate::date::Day;

/// What [`crate::extract`] may spend on a page, and the time it runs at.
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    /// Input larger than this (raw, or after gzip decompression) is refused with
    /// [`crate::ExtractError::TooLarge`]. Guards against gzip bombs.
    pub max_input_bytes: usize,
    /// Decoded HTML longer than this is cut here before parsing, and the article is
    /// flagged [`crate::Article::truncated`].
    pub max_bytes: usize,
    /// Elements nested deeper than this are dropped (with their content), and the article
    /// is flagged truncated. Keeps every tree walk bounded.
    pub max_depth: usize,
    /// Pages with more elements than this are cut to their first `max_elements`
    /// elements' worth of markup; 0 means no limit.
    pub max_elements: usize,
    /// The day the page was fetched (or "today"): a publication date after it is never
    /// returned. `None` means no such check.
    pub reference_day: Option<Day>,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            max_input_bytes: 32 * 1024 * 1024,
            max_bytes: 8 * 1024 * 1024,
            max_depth: 256,
            max_elements: 200_000,
            reference_day: None,
        }
    }
}

impl ExtractOptions {
    /// Options whose reference day is today (UTC, from the system clock).
    pub fn now() -> Self {
        ExtractOptions {
            reference_day: Some(Day::today_utc()),
            ..Self::default()
        }
    }
}
