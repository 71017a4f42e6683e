//! Title, language, canonical URL, byline and site name of a page.

use dom_query::Document;

use crate::paragraphs::normalize_space;

/// What the page says about itself.
pub(crate) struct PageMeta {
    pub title: Option<String>,
    pub lang: Option<String>,
    pub canonical_url: Option<String>,
    pub byline: Option<String>,
    pub site_name: Option<String>,
}

/// What must be read before the readability pass changes the tree.
pub(crate) struct PageHead {
    canonical_url: Option<String>,
    locale: Option<String>,
    headline: Option<String>,
}

/// Reads the canonical link, the locale and the first `<h1>`.
pub(crate) fn read_head(doc: &Document) -> PageHead {
    let meta_content = |sel: &str| {
        doc.select(sel)
            .nodes()
            .first()
            .and_then(|n| n.attr("content"))
            .map(|v| normalize_space(&v))
            .filter(|v| !v.is_empty())
    };
    let canonical_url = doc
        .select(r#"link[rel="canonical"]"#)
        .nodes()
        .first()
        .and_then(|n| n.attr("href"))
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .or_else(|| meta_content(r#"meta[property="og:url"]"#));
    let locale = meta_content(r#"meta[property="og:locale"]"#)
        .or_else(|| meta_content(r#"meta[http-equiv="content-language"]"#));
    let headline = doc
        .select("h1")
        .nodes()
        .first()
        .map(|h| normalize_space(&h.text()))
        .filter(|h| !h.is_empty());
    PageHead {
        canonical_url,
        locale,
        headline,
    }
}

/// Combines the head with what the readability pass found (`None` when it found nothing).
pub(crate) fn combine(head: PageHead, found: Option<&dom_smoothie::Article>) -> PageMeta {
    let mut title = found.map(|a| normalize_space(&a.title)).unwrap_or_default();
    // `<title>` often appends the site name ("Talks resume - Example News"); the page's
    // own headline, when it is part of it, is the cleaner form.
    if let Some(h1) = &head.headline {
        if title.is_empty() || (h1.len() < title.len() && title.starts_with(h1.as_str())) {
            title = h1.clone();
        }
    }
    let clean = |s: &Option<String>| s.as_deref().map(normalize_space).filter(|v| !v.is_empty());
    PageMeta {
        title: Some(title).filter(|t| !t.is_empty()),
        lang: found.and_then(|a| clean(&a.lang)).or(head.locale),
        canonical_url: head.canonical_url,
        byline: found
            .and_then(|a| clean(&a.byline))
            .filter(|b| b.len() < 200),
        site_name: found.and_then(|a| clean(&a.site_name)),
    }
}
