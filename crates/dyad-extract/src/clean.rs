//! Removes page furniture from the tree before the readability pass: elements that are
//! never article text (by tag and ARIA role), hidden elements, and those whose class or id
//! names them as furniture (the words in `data/furniture.tsv`).

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use dom_query::{Document, Element, NodeRef};

/// Tags whose content is never the article.
pub(crate) const FURNITURE_TAGS: &[&str] = &[
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

/// How a word of `data/furniture.tsv` (or of [`BODY_WORDS`]) is found in a class or id.
#[derive(Debug, Clone, Copy)]
enum Word {
    /// As a whole part between non-letters.
    Part(Removal),
    /// Anywhere.
    Within(Removal),
    /// Anywhere, and then the element is never furniture.
    Body,
}

/// Every word, found in one pass over a class or id token in any case.
struct FurnitureWords {
    finder: AhoCorasick,
    /// What each of the finder's patterns is.
    words: Vec<Word>,
}

/// Names of the article's body: an element so named is never furniture.
const BODY_WORDS: &[&str] = &["article-body", "articlebody", "content-body"];

static WORDS: LazyLock<FurnitureWords> = LazyLock::new(|| {
    let mut parts: HashMap<String, Removal> = HashMap::new();
    let mut within: Vec<(String, Removal)> = Vec::new();
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
        let word = word.to_ascii_lowercase();
        match *kind {
            "part" => {
                // `always` wins over `small` for a word listed twice.
                let entry = parts.entry(word).or_insert(removal);
                if removal == Removal::Always {
                    *entry = Removal::Always;
                }
            }
            "within" => within.push((word, removal)),
            _ => {}
        }
    }
    let mut patterns: Vec<String> = Vec::new();
    let mut words: Vec<Word> = Vec::new();
    for (word, removal) in parts {
        patterns.push(word);
        words.push(Word::Part(removal));
    }
    for (word, removal) in within {
        patterns.push(word);
        words.push(Word::Within(removal));
    }
    for word in BODY_WORDS {
        patterns.push((*word).to_string());
        words.push(Word::Body);
    }
    let finder = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&patterns)
        .expect("furniture words");
    FurnitureWords { finder, words }
});

/// Removes the furniture of `doc` in place.
pub(crate) fn remove_furniture(doc: &Document) {
    let mut doomed: Vec<NodeRef> = Vec::new();
    let Some(body) = doc.body() else {
        return;
    };
    let mut stack: Vec<NodeRef> = body.element_children();
    while let Some(node) = stack.pop() {
        let verdict = match node.element_ref() {
            Some(el) => judge(&el),
            None => continue,
        };
        match verdict {
            Verdict::Remove => {
                doomed.push(node);
                continue;
            }
            Verdict::RemoveIfSmall if is_small(&node) => {
                doomed.push(node);
                continue;
            }
            _ => {}
        }
        stack.extend(node.element_children());
    }
    for node in doomed {
        node.remove_from_parent();
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    Keep,
    Remove,
    /// Removed when [`is_small_text`] says so of its text.
    RemoveIfSmall,
}

/// What to do with an element, from its tag and attributes alone.
fn judge(el: &Element) -> Verdict {
    let attr = |n: &str| {
        el.attrs
            .iter()
            .find(|a| &*a.name.local == n)
            .map(|a| &*a.value)
    };
    judge_by(&el.name.local, &attr)
}

/// What to do with an element named `name` (lowercase) whose attribute values `attr`
/// gives: the tree walk and the pre-parse pass over the markup judge alike.
pub(crate) fn judge_by<'a>(name: &str, attr: &dyn Fn(&str) -> Option<&'a str>) -> Verdict {
    let class = attr("class").unwrap_or_default();
    let id = attr("id").unwrap_or_default();
    let kind = furniture_kind(name, class, id, attr("itemprop"));
    if kind == Some(Removal::Always)
        || is_furniture_element(name, attr)
        || attr("style").is_some_and(is_hidden_by_style)
    {
        Verdict::Remove
    } else if kind == Some(Removal::Small) {
        Verdict::RemoveIfSmall
    } else {
        Verdict::Keep
    }
}

/// The furniture word that the element's class or id carries, if any.
fn furniture_kind(name: &str, class: &str, id: &str, itemprop: Option<&str>) -> Option<Removal> {
    if matches!(name, "html" | "body" | "main" | "article" | "h1") {
        return None;
    }
    if itemprop.is_some_and(|v| v.contains("articleBody")) {
        return None;
    }
    let mut best: Option<Removal> = None;
    for token in class.split_ascii_whitespace().chain(std::iter::once(id)) {
        // `withoutCaption`, `no-share`, `has-comments` say what the element lacks or holds.
        let says_lacks = ["without", "no-", "no_", "has-", "has_", "with-", "with_"]
            .iter()
            .any(|p| {
                token.len() >= p.len()
                    && token.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
            });
        if token.is_empty() || says_lacks {
            continue;
        }
        let t = token.as_bytes();
        for m in WORDS.finder.find_overlapping_iter(token) {
            let removal = match WORDS.words[m.pattern().as_usize()] {
                Word::Body => return None,
                Word::Within(removal) => removal,
                Word::Part(removal) => {
                    let letter = |i: usize| t.get(i).is_some_and(u8::is_ascii_alphabetic);
                    if (m.start() > 0 && letter(m.start() - 1)) || letter(m.end()) {
                        continue;
                    }
                    removal
                }
            };
            if best != Some(Removal::Always) {
                best = Some(removal);
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
    is_small_text(total, linked)
}

/// The test of [`Verdict::RemoveIfSmall`] on an element holding `total` characters of
/// text (white space not counted), `linked` of them in links.
pub(crate) fn is_small_text(total: usize, linked: usize) -> bool {
    total <= SMALL_TEXT / 4 || total.saturating_sub(linked) <= SMALL_TEXT || linked * 2 >= total
}

/// Furniture by tag, ARIA role or `hidden`.
fn is_furniture_element<'a>(name: &str, attr: &dyn Fn(&str) -> Option<&'a str>) -> bool {
    if FURNITURE_TAGS.contains(&name) {
        return true;
    }
    if attr("hidden").is_some() || attr("aria-hidden").is_some_and(|v| v == "true") {
        return true;
    }
    attr("role").is_some_and(|r| {
        let r = r.trim();
        FURNITURE_ROLES.iter().any(|f| f.eq_ignore_ascii_case(r))
    })
}

fn is_hidden_by_style(style: &str) -> bool {
    if !style.contains(':') {
        return false;
    }
    let s: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
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
