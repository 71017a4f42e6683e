//! Article extraction for dyad: a web page in, its article out.
//!
//! [`extract`] reads the bytes of a fetched page (gzip-compressed or not, in any character
//! set), finds the main text with a readability pass (the `dom_smoothie` crate), removes what
//! readability lets through (share bars, related-story blocks, newsletter boxes, cookie
//! banners, captions, the repeated headline, and the lines matched by dyad's
//! `dict/text/boilerplate.tsv`), and finds the publication date the way htmldate does.
//!
//! ```
//! use dyad_extract::{extract, ExtractOptions};
//!
//! let page = br#"<html lang="en"><head><title>Talks resume - Example News</title>
//! <meta property="article:published_time" content="2024-03-05T10:00:00+01:00"></head>
//! <body><article><h1>Talks resume</h1>
//! <p>Armenian and Azerbaijani diplomats met in Berlin on Tuesday to resume the talks
//! on a peace treaty, the foreign ministries of both countries said in statements.</p>
//! <p>The two sides agreed to meet again next month, according to the statements, which
//! gave no further details of what had been discussed between the delegations.</p>
//! <div class="share-bar">Share on Facebook</div></article></body></html>"#;
//! let article = extract(page, Some("https://example.com/talks"), &ExtractOptions::default()).unwrap();
//! assert_eq!(article.title.as_deref(), Some("Talks resume"));
//! assert_eq!(article.date.unwrap().to_string(), "2024-03-05T10:00:00+01:00");
//! assert!(article.text.starts_with("Armenian and Azerbaijani diplomats"));
//! assert!(!article.text.contains("Facebook"));
//! ```
#![deny(missing_docs)]

mod article;
mod boilerplate;
mod charset;
mod clean;
mod date;
mod error;
pub mod eval;
mod limits;
mod metadata;
mod options;
mod paragraphs;

pub use article::Article;
pub use boilerplate::{builtin_rules, LineRules};
pub use date::{Day, PublishedDate, TimeOfDay};
pub use error::{ExtractError, Result};
pub use options::ExtractOptions;

use std::borrow::Cow;

use dom_query::Document;
use dom_smoothie::{Config, Readability};

/// Extracts the article from the bytes of a web page.
///
/// `html` may be gzip-compressed and in any character set (declared or sniffed). `url` is the
/// page's address, used for relative links, the date in the path, and the character-set
/// guess. Errors are about the document (empty, binary, not HTML, too large, no text); the
/// function never panics and its work is bounded by `opts`.
pub fn extract(html: &[u8], url: Option<&str>, opts: &ExtractOptions) -> Result<Article> {
    let mut page = charset::decode(html, url, opts)?;
    let prepared = limits::prepare_markup(&page.html, opts.max_depth);
    page.truncated |= prepared.flattened;
    if let Some(html) = prepared.html {
        page.html = html.into();
    }
    let doc = Document::from(&*page.html);
    let cut_deep = limits::drop_deep_nodes(&doc, opts.max_depth);
    let cut_many = limits::drop_excess_elements(&doc, opts.max_elements);
    let truncated = page.truncated || cut_deep || cut_many;

    let date = date::find(&doc, url, opts.reference_day);
    let head = metadata::read_head(&doc);
    clean::remove_furniture(&doc);
    // Readability is not given the page's address: it would only make the article's
    // links and image sources absolute (a search of the article for each kind), and dyad
    // keeps the text alone. Without an address this cannot fail.
    let Ok(mut readability) = Readability::with_document(doc, None, Some(Config::default())) else {
        return Err(ExtractError::NoText);
    };
    let found = readability.parse().ok();
    let mut blocks = match found {
        Some(_) => readability
            .doc
            .select("#readability-page-1")
            .nodes()
            .first()
            .map(paragraphs::collect)
            .unwrap_or_default(),
        None => Vec::new(),
    };
    if blocks.is_empty() {
        blocks = fallback_paragraphs(&page.html, opts);
    }
    let meta = metadata::combine(head, found.as_ref());
    let text = boilerplate::clean_paragraphs(blocks, meta.title.as_deref(), meta.byline.as_deref());
    if text.is_empty() {
        return Err(ExtractError::NoText);
    }
    Ok(Article {
        title: meta.title,
        date,
        text,
        lang: meta.lang,
        canonical_url: meta.canonical_url,
        byline: meta.byline,
        site_name: meta.site_name,
        truncated,
    })
}

/// Finds only the publication date of a page (no text extraction): cheaper than
/// [`extract`] when the date is all that is needed. `None` for pages that are not HTML
/// or give no date.
pub fn find_date(html: &[u8], url: Option<&str>, opts: &ExtractOptions) -> Option<PublishedDate> {
    find_date_explained(html, url, opts).map(|(d, _)| d)
}

/// [`find_date`], with the name of the source the date came from (for evaluation).
pub(crate) fn find_date_explained(
    html: &[u8],
    url: Option<&str>,
    opts: &ExtractOptions,
) -> Option<(PublishedDate, &'static str)> {
    let page = charset::decode(html, url, opts).ok()?;
    let prepared = limits::prepare_markup(&page.html, opts.max_depth);
    let html = prepared.html.map_or(page.html, Cow::Owned);
    let doc = Document::from(&*html);
    limits::drop_deep_nodes(&doc, opts.max_depth);
    limits::drop_excess_elements(&doc, opts.max_elements);
    date::find_explained(&doc, url, opts.reference_day)
}

/// When readability finds nothing: every `<p>` of the page, in order.
fn fallback_paragraphs(html: &str, opts: &ExtractOptions) -> Vec<String> {
    let doc = Document::from(html);
    limits::drop_deep_nodes(&doc, opts.max_depth);
    limits::drop_excess_elements(&doc, opts.max_elements);
    clean::remove_furniture(&doc);
    doc.select("body p")
        .iter()
        .map(|p| paragraphs::normalize_space(&p.text()))
        .filter(|t| !t.is_empty())
        .collect()
}
