//! Title, language, canonical URL, byline and site name of a page.

use dom_query::{Document, NodeRef};

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

/// Reads the canonical link, the locale and the first `<h1>`, in one walk over the tree.
pub(crate) fn read_head(doc: &Document) -> PageHead {
    // The first element of each kind, as `select(...).first()` would give it.
    let mut canonical: Option<Option<String>> = None;
    let mut og_url: Option<Option<String>> = None;
    let mut og_locale: Option<Option<String>> = None;
    let mut content_language: Option<Option<String>> = None;
    let mut h1: Option<NodeRef> = None;
    let mut stack: Vec<NodeRef> = vec![doc.root()];
    while let Some(node) = stack.pop() {
        if let Some(el) = node.element_ref() {
            let attr = |n: &str| {
                el.attrs
                    .iter()
                    .find(|a| &*a.name.local == n)
                    .map(|a| &*a.value)
            };
            match &*el.name.local {
                "link" if canonical.is_none() && attr("rel") == Some("canonical") => {
                    canonical = Some(attr("href").map(|v| v.trim().to_string()));
                }
                "meta" => {
                    let content = || attr("content").map(normalize_space);
                    if og_url.is_none() && attr("property") == Some("og:url") {
                        og_url = Some(content());
                    }
                    if og_locale.is_none() && attr("property") == Some("og:locale") {
                        og_locale = Some(content());
                    }
                    if content_language.is_none() && attr("http-equiv") == Some("content-language")
                    {
                        content_language = Some(content());
                    }
                }
                "h1" if h1.is_none() => h1 = Some(node),
                _ => {}
            }
        } else if !node.is_document() {
            continue;
        }
        let first = stack.len();
        stack.extend(node.children_it(false).filter(|c| c.is_element()));
        stack[first..].reverse();
    }
    let found = |v: Option<Option<String>>| v.flatten().filter(|v| !v.is_empty());
    PageHead {
        canonical_url: found(canonical).or_else(|| found(og_url)),
        locale: found(og_locale).or_else(|| found(content_language)),
        headline: h1
            .map(|h| normalize_space(&h.text()))
            .filter(|h| !h.is_empty()),
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
