//! The text of an article tree as paragraphs: one per block element, whitespace collapsed.

use dom_query::NodeRef;

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "figure",
    "figcaption",
    "hr",
    "br",
    "address",
    "center",
    "details",
    "summary",
    "form",
    "fieldset",
    "nav",
    "menu",
    "body",
    "html",
];

/// Elements whose text is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "button", "select", "option", "textarea", "iframe",
    "svg", "math", "head", "title", "object", "embed", "canvas", "input", "label",
];

/// A short paragraph that is nearly all link text is a teaser or a menu, not article text.
const TEASER_MAX_WORDS: usize = 20;

/// Collects the paragraphs under `root`, in document order, without recursion. Short
/// paragraphs made (almost) only of links are left out.
pub(crate) fn collect(root: &NodeRef) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = Paragraph::default();
    let mut in_link = 0usize;
    // (node, leaving): a block or link element is pushed again as "leaving" after its children.
    let mut stack: Vec<(NodeRef, bool)> = vec![(*root, false)];
    while let Some((node, leaving)) = stack.pop() {
        if leaving {
            if node.has_name("a") {
                in_link = in_link.saturating_sub(1);
            } else {
                current.flush(&mut out);
            }
            continue;
        }
        if node.is_text() {
            let text = node.text();
            if in_link > 0 {
                current.link_chars += text.chars().filter(|c| !c.is_whitespace()).count();
            }
            current.text.push_str(&text);
            continue;
        }
        if !node.is_element() && !node.is_document() && !node.is_fragment() {
            continue;
        }
        // Tag names of HTML elements are lowercase already; the document has none.
        let element = node.element_ref();
        let name = element.as_ref().map_or("", |el| &*el.name.local);
        if SKIPPED.contains(&name) {
            continue;
        }
        if BLOCKS.contains(&name) {
            current.flush(&mut out);
            stack.push((node, true));
        } else if name == "a" {
            in_link += 1;
            stack.push((node, true));
        }
        stack.extend(node.children_it(true).map(|c| (c, false)));
    }
    current.flush(&mut out);
    out
}

/// The paragraph being collected, with how much of its text sits inside links.
#[derive(Default)]
struct Paragraph {
    text: String,
    link_chars: usize,
}

impl Paragraph {
    fn flush(&mut self, out: &mut Vec<String>) {
        let text = normalize_space(&self.text);
        if !text.is_empty() && !self.is_teaser(&text) {
            out.push(text);
        }
        self.text.clear();
        self.link_chars = 0;
    }

    /// Short and (almost) all link text; `text` is the paragraph's text, normalized.
    fn is_teaser(&self, text: &str) -> bool {
        // Without link text (most paragraphs) there is nothing more to count.
        if self.link_chars == 0 {
            return false;
        }
        let chars = text.chars().filter(|c| !c.is_whitespace()).count();
        // A bare address written out is kept: it is what the author cited.
        let is_address = text.starts_with("http") || text.starts_with("www.");
        self.link_chars * 10 >= chars * 9
            && text.split(' ').count() <= TEASER_MAX_WORDS
            && !is_address
    }
}

/// Collapses runs of whitespace (including non-breaking and zero-width spaces) to one space
/// and trims the ends.
pub(crate) fn normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    // Runs of visible characters are copied whole; bytes are read one by one, and only
    // non-ASCII characters decoded.
    let mut run = 0;
    let mut at = 0;
    let copy = |out: &mut String, space: &mut bool, from: usize, to: usize| {
        if from < to {
            if *space && !out.is_empty() {
                out.push(' ');
            }
            *space = false;
            out.push_str(&s[from..to]);
        }
    };
    while let Some(&byte) = s.as_bytes().get(at) {
        if byte.is_ascii() {
            if matches!(byte, b'\t'..=b'\r' | b' ') {
                copy(&mut out, &mut space, run, at);
                space = true;
                run = at + 1;
            }
            at += 1;
            continue;
        }
        let c = s[at..].chars().next().unwrap_or_default();
        let next = at + c.len_utf8();
        if c.is_whitespace() || INVISIBLE.contains(&c) {
            copy(&mut out, &mut space, run, at);
            space |= c.is_whitespace();
            run = next;
        }
        at = next;
    }
    copy(&mut out, &mut space, run, at);
    out
}

/// Zero-width spaces, byte-order marks and soft hyphens: not shown, and no word break.
const INVISIBLE: [char; 3] = ['\u{200b}', '\u{feff}', '\u{00ad}'];

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    #[test]
    fn blocks_become_paragraphs() {
        let doc = Document::from(
            "<div><p>One <b>two</b>\n three.</p><p>Four<br>five</p><ul><li>a</li><li>b</li></ul><script>x</script>\
             <p><a href=/x>Another story entirely</a></p><p>See <a href=/y>this</a> report.</p></div>",
        );
        let root = doc.select("div");
        let paras = collect(&root.nodes()[0]);
        assert_eq!(
            paras,
            vec![
                "One two three.",
                "Four",
                "five",
                "a",
                "b",
                "See this report."
            ]
        );
    }

    #[test]
    fn spaces_are_collapsed() {
        assert_eq!(normalize_space(" a\u{a0}\u{a0} b\n\tc "), "a b c");
        // Invisible characters join what is around them.
        assert_eq!(
            normalize_space("co\u{ad}op \u{200b} next\u{feff}"),
            "coop next"
        );
        assert_eq!(
            normalize_space("\u{200b} ’quoted’\u{2003}end"),
            "’quoted’ end"
        );
        assert_eq!(normalize_space(" \u{3000} "), "");
    }
}
