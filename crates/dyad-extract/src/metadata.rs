//! Title, language, canonical URL, byline and site name of a page.

use dom_smoothie::Readability;

use crate::paragraphs::normalize_space;

/// What the page says about itself, read before the readability pass changes the tree.
pub(crate) struct PageMeta {
    pub title: Option<String>,
    pub lang: Option<String>,
    pub canonical_url: Option<String>,
    pub byline: Option<String>,
    pub site_name: Option<String>,
}

pub(crate) fn read(readability: &Readability) -> PageMeta {
    let found = readability.get_article_metadata(readability.parse_json_ld());
    let doc = &readability.doc;
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
    let lang = found
        .lang
        .filter(|l| !l.trim().is_empty())
        .or_else(|| meta_content(r#"meta[property="og:locale"]"#))
        .or_else(|| meta_content(r#"meta[http-equiv="content-language"]"#))
        .map(|l| l.trim().to_string());
    let mut title = normalize_space(&found.title);
    // `<title>` often appends the site name ("Talks resume - Example News"); the page's
    // own headline, when it is part of it, is the cleaner form.
    if let Some(h1) = doc.select("h1").nodes().first().map(|h| normalize_space(&h.text())) {
        if !h1.is_empty() && h1.len() < title.len() && title.starts_with(&h1) {
            title = h1;
        }
    }
    PageMeta {
        title: Some(title).filter(|t| !t.is_empty()),
        lang,
        canonical_url,
        byline: found.byline.map(|b| normalize_space(&b)).filter(|b| !b.is_empty() && b.len() < 200),
        site_name: found.site_name.map(|s| normalize_space(&s)).filter(|s| !s.is_empty()),
    }
}
