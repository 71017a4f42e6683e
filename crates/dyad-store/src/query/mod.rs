//! Questions analysts ask of the store, answered with typed rows that serialise
//! with serde:
//!
//! - [`Store::events`]: events for an actor, a pair, a code, a date range;
//! - [`Store::mentions`]: the reports of events;
//! - [`Store::timeline`]: counts and Goldstein sums per day, week or month for a
//!   pair, by direction and QuadClass;
//! - [`Store::top_actors`] and [`Store::top_pairs`].
//!
//! Actors are matched by root (`RUS` matches every Russian actor, `NAT` NATO) or
//! by code prefix (`RUSGOV` matches `RUSGOV` and `RUSGOVFRM`); event codes by
//! prefix (`19` is the root, `190` the base and its children, `1951` one code).
//!
//! [`Store`]: crate::Store
//! [`Store::events`]: crate::Store::events
//! [`Store::mentions`]: crate::Store::mentions
//! [`Store::timeline`]: crate::Store::timeline
//! [`Store::top_actors`]: crate::Store::top_actors
//! [`Store::top_pairs`]: crate::Store::top_pairs
mod events;
mod timeline;
mod top;

use chrono::NaiveDate;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::error::{Result, StoreError};

pub use timeline::{Bucket, TimelineQuery, TimelineRow};
pub use top::{ActorCount, ActorLevel, PairCount, TopQuery};

/// Which events to read. Every field narrows the selection; the default selects
/// all events.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventFilter {
    /// An actor on either side (root or code prefix).
    pub actor: Option<String>,
    /// The acting side (root or code prefix).
    pub source: Option<String>,
    /// The side acted upon (root or code prefix).
    pub target: Option<String>,
    /// With `source` and `target`: also take events from target to source.
    pub both_directions: bool,
    /// Event code prefix: a root (`19`), a base (`190`) or a code (`1951`).
    pub code: Option<String>,
    /// QuadClass, 1 to 4.
    pub quad_class: Option<u8>,
    /// First day, inclusive.
    pub from: Option<NaiveDate>,
    /// Last day, inclusive.
    pub to: Option<NaiveDate>,
    /// At most this many rows.
    pub limit: Option<u64>,
    /// Rows to skip first (for paging).
    pub offset: Option<u64>,
}

/// A WHERE clause under construction with its positional parameters.
#[derive(Debug, Default)]
pub(crate) struct Conditions {
    clauses: Vec<String>,
    pub(crate) params: Vec<Value>,
}

impl Conditions {
    /// Adds a parameter; returns its placeholder (`?3`).
    pub(crate) fn param(&mut self, v: impl Into<Value>) -> String {
        self.params.push(v.into());
        format!("?{}", self.params.len())
    }

    /// Adds a clause, ANDed with the others.
    pub(crate) fn push(&mut self, clause: String) {
        self.clauses.push(clause);
    }

    /// ` WHERE a AND b`, or nothing.
    pub(crate) fn where_clause(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }

    /// Narrows to days in `from..=to`.
    pub(crate) fn days(&mut self, from: Option<NaiveDate>, to: Option<NaiveDate>) {
        if let Some(d) = from {
            let p = self.param(d.format("%Y-%m-%d").to_string());
            self.push(format!("e.day >= {p}"));
        }
        if let Some(d) = to {
            let p = self.param(d.format("%Y-%m-%d").to_string());
            self.push(format!("e.day <= {p}"));
        }
    }

    /// Narrows to event codes starting with `code`.
    pub(crate) fn code(&mut self, code: Option<&str>) -> Result<()> {
        if let Some(code) = code {
            let code = event_code_prefix(code)?;
            let n = code.len();
            let p = self.param(code);
            self.push(format!("substr(e.event_code, 1, {n}) = {p}"));
        }
        Ok(())
    }

    /// An SQL expression true when side `side` (`source` or `target`) of `e`
    /// matches `actor` (already checked with [`actor_selector`]).
    pub(crate) fn actor_match(&mut self, side: &str, actor: &str) -> String {
        let n = actor.len();
        let p = self.param(actor.to_string());
        format!("(e.{side}_root = {p} OR substr(e.{side}_code, 1, {n}) = {p})")
    }
}

/// Checks and normalises an actor given on the command line or in a URL: letters
/// and digits, in blocks of three, upper-cased.
pub fn actor_selector(s: &str) -> Result<String> {
    let s = s.trim().to_ascii_uppercase();
    if s.is_empty() || !s.len().is_multiple_of(3) || !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(StoreError::InvalidQuery(format!(
            "actor {s:?} is not a CAMEO code (blocks of three letters, like RUS or RUSGOV)"
        )));
    }
    Ok(s)
}

/// Checks an event code prefix: two to four digits.
pub fn event_code_prefix(s: &str) -> Result<String> {
    let s = s.trim();
    if !(2..=4).contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(StoreError::InvalidQuery(format!(
            "event code {s:?} is not a CAMEO code (two to four digits, like 19 or 190)"
        )));
    }
    Ok(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_are_checked() {
        assert_eq!(actor_selector(" rus ").unwrap(), "RUS");
        assert_eq!(actor_selector("IGOWSTNAT").unwrap(), "IGOWSTNAT");
        assert!(actor_selector("RU").is_err());
        assert!(actor_selector("RUS'; --").is_err());
        assert_eq!(event_code_prefix("0234").unwrap(), "0234");
        assert!(event_code_prefix("1").is_err());
        assert!(event_code_prefix("abc").is_err());
    }
}
