//! A news document as it enters the coder.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One news document: the text to code and what is known about it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Caller's identifier, kept on every event coded from this document.
    pub id: String,
    /// The article text (after extraction, before boilerplate cleanup).
    pub text: String,
    /// Headline, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Publication day, when known; it anchors relative dates in the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Where the document came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Parses the date forms found in feeds and JSON lines (`2024-03-05`,
/// `2024-03-05T10:00:00Z`, `20240305`) to a day. Returns `None` for anything else.
pub fn parse_day(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() >= 10 {
        if let Ok(d) = NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d") {
            return Some(d);
        }
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_day_forms() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
        assert_eq!(parse_day("2024-03-05"), Some(d));
        assert_eq!(parse_day("2024-03-05T10:00:00Z"), Some(d));
        assert_eq!(parse_day("20240305"), Some(d));
        assert_eq!(parse_day("March 5"), None);
        assert_eq!(parse_day("2024-13-05"), None);
    }
}
