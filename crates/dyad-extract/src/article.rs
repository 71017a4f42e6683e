//! What an extraction returns.

use serde::Serialize;

use crate::date::PublishedDate;

/// The article read from a web page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Article {
    /// The headline, without the site name that `<title>` often appends.
    pub title: Option<String>,
    /// The publication date, as the page gives it (day, and time and zone when known).
    pub date: Option<PublishedDate>,
    /// The main text: paragraphs separated by a blank line (`"\n\n"`), without the headline,
    /// bylines, captions, teasers and page furniture.
    pub text: String,
    /// The page's language (`<html lang>` or `og:locale`), as written, e.g. `en-US`.
    pub lang: Option<String>,
    /// The canonical URL (`<link rel=canonical>` or `og:url`).
    pub canonical_url: Option<String>,
    /// The author line, when the page names one.
    pub byline: Option<String>,
    /// The name of the site (`og:site_name`).
    pub site_name: Option<String>,
    /// True when a limit of [`crate::ExtractOptions`] cut the page.
    pub truncated: bool,
}
