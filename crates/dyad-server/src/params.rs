//! Query-string parsing in two stages: raw `name=value` pairs, then validated values.
//! Every failure names the parameter and says why, so the API can answer a 400 that
//! a person can act on.
use chrono::NaiveDate;

use crate::error::ApiError;

/// The query string of one request, checked against the names its route accepts.
#[derive(Debug, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Splits a raw query string. Unknown names and repeated names are refused: a
    /// typo (`form=` for `from=`) silently ignored would give a wrong answer.
    pub fn parse(raw: Option<&str>, allowed: &[&str]) -> Result<Self, ApiError> {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(raw.unwrap_or("")).map_err(|e| {
                ApiError::bad_parameter("query", format!("malformed query string: {e}"))
            })?;
        for (i, (name, _)) in pairs.iter().enumerate() {
            if !allowed.contains(&name.as_str()) {
                return Err(ApiError::bad_parameter(
                    name,
                    format!(
                        "unknown parameter; this route accepts: {}",
                        allowed.join(", ")
                    ),
                ));
            }
            if pairs[..i].iter().any(|(n, _)| n == name) {
                return Err(ApiError::bad_parameter(name, "given more than once"));
            }
        }
        Ok(Params { pairs })
    }

    /// The value of `name`, if given and not empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    /// An ISO day (`2024-03-05`).
    pub fn day(&self, name: &str) -> Result<Option<NaiveDate>, ApiError> {
        self.get(name).map(|v| parse_day(name, v)).transpose()
    }

    /// `from` and `to`, inclusive, checked to be in order.
    pub fn day_range(&self) -> Result<DayRange, ApiError> {
        let range = DayRange {
            from: self.day("from")?,
            to: self.day("to")?,
        };
        if let (Some(f), Some(t)) = (range.from, range.to) {
            if f > t {
                return Err(ApiError::bad_parameter(
                    "to",
                    format!("`to` ({t}) is before `from` ({f})"),
                ));
            }
        }
        Ok(range)
    }

    /// An integer within `min..=max`, else `default` when absent.
    pub fn int(&self, name: &str, min: u64, max: u64, default: u64) -> Result<u64, ApiError> {
        let Some(v) = self.get(name) else {
            return Ok(default);
        };
        let n: u64 = v
            .parse()
            .map_err(|_| ApiError::bad_parameter(name, format!("{v:?} is not a whole number")))?;
        if n < min || n > max {
            return Err(ApiError::bad_parameter(
                name,
                format!("{n} is out of range {min} to {max}"),
            ));
        }
        Ok(n)
    }
}

/// An inclusive range of days; either end may be open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayRange {
    /// First day, inclusive.
    pub from: Option<NaiveDate>,
    /// Last day, inclusive.
    pub to: Option<NaiveDate>,
}

impl DayRange {
    /// True when `day` lies in the range.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }
}

/// Parses an ISO day or says why not.
pub fn parse_day(name: &str, v: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .ok()
        .filter(|_| v.len() == 10)
        .ok_or_else(|| {
            ApiError::bad_parameter(name, format!("{v:?} is not an ISO day (YYYY-MM-DD)"))
        })
}

/// How an actor is named in a request: by its root (`RUS`, `NAT`), matched against
/// the events' `source_root`/`target_root`, or by a full CAMEO code (`RUSGOV`),
/// matched against `source_code`/`target_code`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ActorRef {
    /// A three-letter root: a country or a known group.
    Root(String),
    /// A full CAMEO actor code longer than three letters.
    Code(String),
}

impl ActorRef {
    /// Parses letters (case-insensitive): three for a root, more for a full code.
    pub fn parse(name: &str, v: &str) -> Result<Self, ApiError> {
        let v = v.trim();
        if v.len() < 3 || v.len() > 30 || !v.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(ApiError::bad_parameter(
                name,
                format!("{v:?} is not an actor: give a root (RUS, NAT) or a full CAMEO code (RUSGOV), 3 to 30 letters"),
            ));
        }
        let v = v.to_ascii_uppercase();
        Ok(if v.len() == 3 {
            ActorRef::Root(v)
        } else {
            ActorRef::Code(v)
        })
    }

    /// The code as given, upper-cased.
    pub fn as_str(&self) -> &str {
        match self {
            ActorRef::Root(s) | ActorRef::Code(s) => s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_and_repeated_names_are_refused() {
        let e = Params::parse(Some("form=2024-01-01"), &["from"]).unwrap_err();
        assert_eq!(e.parameter.as_deref(), Some("form"));
        let e = Params::parse(Some("from=a&from=b"), &["from"]).unwrap_err();
        assert_eq!(e.parameter.as_deref(), Some("from"));
    }

    #[test]
    fn days_and_ranges_are_checked() {
        let p = Params::parse(Some("from=2024-03-05&to=2024-03-01"), &["from", "to"]).unwrap();
        assert_eq!(p.day_range().unwrap_err().parameter.as_deref(), Some("to"));
        let p = Params::parse(Some("from=2024-3-5"), &["from"]).unwrap();
        assert!(p.day("from").is_err());
    }

    #[test]
    fn actors_are_roots_or_codes() {
        assert_eq!(
            ActorRef::parse("a", "rus").unwrap(),
            ActorRef::Root("RUS".into())
        );
        assert_eq!(
            ActorRef::parse("a", "RUSGOV").unwrap(),
            ActorRef::Code("RUSGOV".into())
        );
        assert!(ActorRef::parse("a", "R'; --").is_err());
    }

    #[test]
    fn ints_are_bounded() {
        let p = Params::parse(Some("limit=0"), &["limit"]).unwrap();
        assert!(p.int("limit", 1, 500, 50).is_err());
        let p = Params::parse(None, &["limit"]).unwrap();
        assert_eq!(p.int("limit", 1, 500, 50).unwrap(), 50);
    }
}
