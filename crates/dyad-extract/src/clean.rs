//! Removes page furniture from the tree before the readability pass: elements that are
//! never article text (by tag and ARIA role), hidden elements, and those whose class or id
//! names them as furniture (the words in `data/furniture.tsv`).

use std::sync::LazyLock;

use dom_query::{Document, NodeRef};

/// Tags whose content is never the article.
const FURNITURE_TAGS: &[&str] = &[
    "figcaption",
    "nav",
    "aside",
    "footer",
    "button",
    "select",
    "dialog",
    "iframe",
    "menu",
];

/// ARIA roles of furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "complementary",
    "contentinfo",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
];

/// Above this many characters of non-link text, a `small` match is kept: it may be the body.
const SMALL_TEXT: usize = 1_200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Removal {
    Always,
    Small,
}

struct FurnitureWords {
    parts: Vec<(String, Removal)>,
    within: Vec<(String, Removal)>,
}

static WORDS: LazyLock<FurnitureWords> = LazyLock::new(|| {
    let mut words = FurnitureWords {
        parts: Vec::new(),
        within: Vec::new(),
    };
    for line in include_str!("../data/furniture.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let [kind, word, removal, ..] = cells.as_slice() else {
            continue;
        };
        let removal = if *removal == "always" {
            Removal::Always
        } else {
            Removal::Small
        };
        let entry = (word.to_ascii_lowercase(), removal);
        match *kind {
            "part" => words.parts.push(entry),
            "within" => words.within.push(entry),
            _ => {}
        }
    }
    words
});

/// Removes the furniture of `doc` in place.
pub(crate) fn remove_furniture(doc: &Document) {
    let mut doomed: Vec<NodeRef> = Vec::new();
    let Some(body) = doc.body() else {
        return;
    };
    let mut stack: Vec<NodeRef> = body.element_children();
    while let Some(node) = stack.pop() {
        match furniture_kind(&node) {
            Some(Removal::Always) => {
                doomed.push(node);
                continue;
            }
            Some(Removal::Small) if is_small(&node) => {
                doomed.push(node);
                continue;
            }
            _ => {}
        }
        if is_furniture_element(&node) || is_hidden_by_style(&node) {
            doomed.push(node);
            continue;
        }
        stack.extend(node.element_children());
    }
    for node in doomed {
        node.remove_from_parent();
    }
}

/// The furniture word that the element's class or id carries, if any.
fn furniture_kind(node: &NodeRef) -> Option<Removal> {
    let name = node.node_name()?;
    if matches!(name.as_ref(), "html" | "body" | "main" | "article" | "h1") {
        return None;
    }
    if node
        .attr("itemprop")
        .is_some_and(|v| v.contains("articleBody"))
    {
        return None;
    }
    let class = node.attr("class").unwrap_or_default();
    let id = node.attr("id").unwrap_or_default();
    let mut best: Option<Removal> = None;
    for token in class
        .split_ascii_whitespace()
        .chain(std::iter::once(id.as_ref()))
    {
        if token.is_empty() {
            continue;
        }
        let lower = token.to_ascii_lowercase();
        // `withoutCaption`, `no-share`, `has-comments` say what the element lacks or holds.
        if ["without", "no-", "no_", "has-", "has_", "with-", "with_"]
            .iter()
            .any(|p| lower.starts_with(p))
        {
            continue;
        }
        if lower.contains("article-body")
            || lower.contains("articlebody")
            || lower.contains("content-body")
        {
            return None;
        }
        let mut hit = |r: Removal| {
            if best != Some(Removal::Always) {
                best = Some(r);
            }
        };
        for (word, removal) in &WORDS.within {
            if lower.contains(word.as_str()) {
                hit(*removal);
            }
        }
        for part in lower.split(|c: char| !c.is_ascii_alphabetic()) {
            for (word, removal) in &WORDS.parts {
                if part == word {
                    hit(*removal);
                }
            }
        }
    }
    best
}

/// Little text outside links, or text that is mostly links.
fn is_small(node: &NodeRef) -> bool {
    let total = node.text().chars().filter(|c| !c.is_whitespace()).count();
    if total <= SMALL_TEXT / 4 {
        return true;
    }
    let linked: usize = node
        .find(&["a"])
        .iter()
        .map(|a| a.text().chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    total.saturating_sub(linked) <= SMALL_TEXT || linked * 2 >= total
}

/// Furniture by tag, ARIA role or `hidden`.
fn is_furniture_element(node: &NodeRef) -> bool {
    let Some(name) = node.node_name() else {
        return false;
    };
    if FURNITURE_TAGS.contains(&name.as_ref()) {
        return true;
    }
    if node.has_attr("hidden")
        || node
            .attr("aria-hidden")
            .is_some_and(|v| v.as_ref() == "true")
    {
        return true;
    }
    node.attr("role")
        .is_some_and(|r| FURNITURE_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
}

fn is_hidden_by_style(node: &NodeRef) -> bool {
    node.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_goes_and_the_body_stays() {
        let body = "Long article text. ".repeat(100);
        let html = format!(
            r#"<body><div class="post-share-bar">Share Tweet</div>
            <div class="article-content has-social">{body}</div>
            <div id="cookie-notice">We use cookies</div>
            <div class="relatedStories"><a href="/a">Other story</a></div>
            <div style="display: none">hidden</div></body>"#
        );
        let doc = Document::from(html.as_str());
        remove_furniture(&doc);
        let text = doc.select("body").text();
        assert!(text.contains("Long article text."));
        for gone in ["Share Tweet", "cookies", "Other story", "hidden"] {
            assert!(!text.contains(gone), "{gone} left in");
        }
    }
}
