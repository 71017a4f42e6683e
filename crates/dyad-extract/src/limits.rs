//! Bounds on the markup and the parsed tree, so parsing and later walks stay bounded.

use dom_query::{Document, NodeRef};

/// Elements that never hold content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame",
];
/// Elements whose end tag may be left out: an unclosed one does not nest deeper.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot",
    "colgroup", "rp", "rt", "html", "head", "body",
];

/// The markup to parse: `html` with the start tags that would nest deeper than
/// `max_depth` removed (and as many end tags after them, keeping their text), and with
/// what never reaches the article left out: the code of scripts other than JSON-LD, style
/// sheets, comments, the content of furniture elements (see [`prune_furniture`]), links
/// other than the canonical one, most of each `<a href>`, and repeated white space.
/// `html` is `None` when nothing was removed.
pub(crate) struct Prepared {
    pub html: Option<String>,
    /// Tags were removed for depth: the page is not whole.
    pub flattened: bool,
}

/// Prepares markup for parsing (see [`Prepared`]). Flattening happens before the page is
/// parsed because the HTML tree builder's work grows with the square of the nesting
/// depth, so a page of 100,000 nested `<div>`s would otherwise take minutes; depth is
/// counted on the tags as written. Leaving out scripts and styles (often half of a page's
/// bytes) spares the parser and every later walk.
pub(crate) fn prepare_markup(html: &str, max_depth: usize) -> Prepared {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied_to = 0usize;
    // Leaves `html[from..to]` out of the output.
    let mut cut = |from: usize, to: usize| {
        let buf = out.get_or_insert_with(|| String::with_capacity(html.len()));
        buf.push_str(&html[copied_to..from]);
        copied_to = to;
    };
    let mut flattened = false;
    let mut depth = 0usize;
    let mut dropped = 0usize;
    let mut in_article = 0usize;
    let mut headline: Option<usize> = None;
    let mut in_pre = 0usize;
    // Looking ahead for the ends of furniture reads at most twice the page.
    let mut scan_budget = 2 * b.len();
    let mut i = 0usize;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let start = i + off;
        // Runs of white space between words or tags count as one (outside `<pre>`).
        if in_pre == 0 {
            collapse_space(b, i, start, &mut cut);
        }
        let rest = &b[start..];
        if rest.starts_with(b"<!--") {
            let end = if rest.starts_with(b"<!-->") {
                start + 5
            } else if rest.starts_with(b"<!--->") {
                start + 6
            } else {
                find(b, start + 4, b"-->").map_or(b.len(), |e| e + 3)
            };
            cut(start, end);
            i = end;
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
            .count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let name = &html[name_start..name_start + name_len];
        // Tag names are compared in lowercase; longer ones are none of those below.
        let mut lower_buf = [0u8; 16];
        let lower: &str = if name_len <= lower_buf.len() {
            lower_buf[..name_len].copy_from_slice(name.as_bytes());
            lower_buf[..name_len].make_ascii_lowercase();
            std::str::from_utf8(&lower_buf[..name_len]).unwrap_or_default()
        } else {
            ""
        };
        let nests = !VOID.contains(&lower) && !OPTIONAL_END.contains(&lower);
        let mut useless: Vec<(usize, usize)> = Vec::new();
        let end = if closing {
            find(b, name_start + name_len, b">").map_or(b.len(), |e| e + 1)
        } else {
            let shorten: &[&[u8]] = match lower {
                "a" => &[b"href"],
                "img" | "source" => &[b"src", b"data-src"],
                _ => &[],
            };
            scan_attributes(b, name_start + name_len, shorten, &mut useless)
        };
        let self_closing = end >= 2 && b[end - 2] == b'/';
        let mut drop_tag = false;
        if matches!(lower, "pre" | "listing" | "plaintext") {
            if closing {
                in_pre = in_pre.saturating_sub(1);
            } else {
                in_pre += 1;
            }
        }
        // Links to style sheets, icons, feeds, preloads: only the canonical one is read.
        if !closing && lower == "link" && !contains_ignore_case(&b[start..end], b"canonical") {
            cut(start, end);
            i = end;
            continue;
        }
        if closing {
            if nests {
                if dropped > 0 {
                    dropped -= 1;
                    drop_tag = true;
                } else {
                    depth = depth.saturating_sub(1);
                }
            }
        } else if nests && !self_closing {
            if depth >= max_depth {
                dropped += 1;
                drop_tag = true;
            } else {
                depth += 1;
            }
        }
        if drop_tag {
            cut(start, end);
            flattened = true;
        } else {
            for (from, to) in useless {
                cut(from, to);
            }
        }
        if !closing && !self_closing && matches!(lower, "article" | "main") {
            in_article += 1;
        } else if closing && matches!(lower, "article" | "main") {
            in_article = in_article.saturating_sub(1);
        }
        i = end;
        // Furniture: the content of the element goes, its tags stay (see `furniture_end`).
        if !closing && lower == "h1" && headline.is_none() {
            headline = Some(start);
        }
        // The date line may be furniture just after the headline: kept.
        let near_headline = headline.is_some_and(|h| start - h < NEAR_HEADLINE);
        if !closing
            && !self_closing
            && !drop_tag
            && !near_headline
            && prune_furniture(lower, in_article > 0)
        {
            if let Some(close) = furniture_end(b, i, lower.as_bytes(), &mut scan_budget) {
                if close > i {
                    cut(i, close);
                }
                i = close;
                continue;
            }
        }
        // Vector drawings hold no text, only long paths.
        if !closing && !self_closing && lower == "svg" {
            if let Some(close) = find_end_tag(b, i, b"svg") {
                if close > i {
                    cut(i, close);
                }
                i = close;
            }
            continue;
        }
        // The content of raw-text elements is not markup.
        if !closing && matches!(lower, "script" | "style" | "textarea" | "title" | "xmp") {
            let close = find_end_tag(b, i, name.as_bytes()).unwrap_or(b.len());
            let code = lower == "style" || (lower == "script" && !is_json_ld(&b[start..end]));
            if code && close > i {
                cut(i, close);
            }
            i = close;
        }
    }
    Prepared {
        html: out.map(|mut buf| {
            buf.push_str(&html[copied_to..]);
            buf
        }),
        flattened,
    }
}

/// Bytes of markup after the first `<h1>` in which furniture is kept: the date
/// reader looks there for the date shown with the headline.
const NEAR_HEADLINE: usize = 3_000;

/// Elements whose content never reaches the article: `remove_furniture` removes them
/// from the tree anyway (or readability drops them), so the parser is spared their markup.
/// The page's own `<header>` (outside `<article>` and `<main>`) is its banner.
fn prune_furniture(name: &str, in_article: bool) -> bool {
    match name {
        "nav" | "aside" | "footer" | "noscript" | "template" | "iframe" | "select" | "button"
        | "dialog" | "menu" => true,
        "header" => !in_article,
        _ => false,
    }
}

/// The start of the end tag that closes the `name` element whose content starts at
/// `from` (same-name elements nested in it counted), if its content can go: `None` when
/// it is not closed, or when it holds what the date and metadata readers look at
/// (`<h1>`, `<time>`, `<meta>`, scripts, `datePublished` markup).
fn furniture_end(b: &[u8], from: usize, name: &[u8], budget: &mut usize) -> Option<usize> {
    let limit = b.len().min(from.saturating_add(*budget));
    let (end, read_to) = furniture_close(&b[..limit], from, name);
    *budget = budget.saturating_sub(read_to - from);
    end
}

/// [`furniture_end`] within `b`, with how far it read.
fn furniture_close(b: &[u8], from: usize, name: &[u8]) -> (Option<usize>, usize) {
    let mut depth = 1usize;
    let mut at = from;
    let tag_is = |at: usize, n: &[u8]| {
        b.get(at..at + n.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(n))
            && b.get(at + n.len())
                .is_some_and(|c| !c.is_ascii_alphanumeric() && *c != b'-')
    };
    while let Some(off) = memchr::memchr(b'<', &b[at..]) {
        let p = at + off;
        at = p + 1;
        if b.get(at) == Some(&b'/') {
            if tag_is(at + 1, name) {
                depth -= 1;
                if depth == 0 {
                    let region = &b[from..p];
                    let has = |n: &[u8]| memchr::memmem::find(region, n).is_some();
                    let dated = has(b"datePublished") || has(b"dateCreated") || has(b"ld+json");
                    return ((!dated).then_some(p), at);
                }
            }
        } else if tag_is(at, name) {
            depth += 1;
        } else if ["h1", "time", "meta"]
            .iter()
            .any(|n| tag_is(at, n.as_bytes()))
        {
            return (None, at);
        }
    }
    (None, b.len())
}

/// Reads the attributes of a start tag from `at` (just after its name) to the end of
/// the tag, which it returns (after the `>`). The byte ranges of attributes that no reader
/// needs (responsive-image lists, event handlers, and `data-` attributes other than
/// lazy-image sources and dates), with the space before them, go to `useless`.
fn scan_attributes(
    b: &[u8],
    mut at: usize,
    shorten: &[&[u8]],
    useless: &mut Vec<(usize, usize)>,
) -> usize {
    let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    loop {
        let before = at;
        while at < b.len() && (space(b[at]) || b[at] == b'/') {
            at += 1;
        }
        if at >= b.len() {
            return b.len();
        }
        if b[at] == b'>' {
            return at + 1;
        }
        let name_start = at;
        at += 1;
        while at < b.len() && !space(b[at]) && !matches!(b[at], b'/' | b'>' | b'=') {
            at += 1;
        }
        let name = &b[name_start..at];
        while at < b.len() && space(b[at]) {
            at += 1;
        }
        let mut value = (at, at);
        if at < b.len() && b[at] == b'=' {
            at += 1;
            while at < b.len() && space(b[at]) {
                at += 1;
            }
            match b.get(at) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let close = memchr::memchr(q, &b[at + 1..]).map(|p| at + 1 + p);
                    value = (at + 1, close.unwrap_or(b.len()));
                    at = close.map_or(b.len(), |c| c + 1);
                }
                _ => {
                    let from = at;
                    while at < b.len() && !space(b[at]) && b[at] != b'>' {
                        at += 1;
                    }
                    value = (from, at);
                }
            }
        }
        // Where a link or an image points is not read, only whether a link is a
        // `#fragment` or `javascript:`.
        if shorten.iter().any(|n| name.eq_ignore_ascii_case(n)) && value.1 - value.0 > HREF_KEPT {
            let mut keep = value.0 + HREF_KEPT;
            while keep < value.1 && (b[keep] & 0xC0) == 0x80 {
                keep += 1;
            }
            if keep < value.1 {
                useless.push((keep, value.1));
            }
        }
        // Only after a space: `<a/b=c>` must stay as the parser will read it.
        if before < name_start && space(b[before]) && is_useless_attribute(name) {
            useless.push((before, at));
        }
    }
}

/// Bytes of a link's `href` kept (as many as `javascript:`).
const HREF_KEPT: usize = 11;

fn contains_ignore_case(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Leaves out all but the first character of each run of white space in `b[from..to]`.
fn collapse_space(b: &[u8], from: usize, to: usize, cut: &mut impl FnMut(usize, usize)) {
    let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    let mut at = from;
    while at + 1 < to {
        if space(b[at]) && space(b[at + 1]) {
            let run = at + 1;
            let mut end = run + 1;
            while end < to && space(b[end]) {
                end += 1;
            }
            cut(run, end);
            at = end;
        } else {
            at += 1;
        }
    }
}

fn is_useless_attribute(name: &[u8]) -> bool {
    let lower = |n: &[u8], p: &[u8]| n.len() >= p.len() && n[..p.len()].eq_ignore_ascii_case(p);
    if lower(name, b"data-") {
        let rest = name[5..].to_ascii_lowercase();
        return !(rest == b"src" || rest.windows(4).any(|w| w == b"date" || w == b"time"));
    }
    name.eq_ignore_ascii_case(b"srcset")
        || name.eq_ignore_ascii_case(b"sizes")
        || (lower(name, b"on") && name.len() > 4)
}

/// A `<script>` start tag of JSON-LD (`type="application/ld+json"`), which the date and
/// metadata readers need.
fn is_json_ld(tag: &[u8]) -> bool {
    tag.windows(7).any(|w| w.eq_ignore_ascii_case(b"ld+json"))
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|p| p + from)
}

/// The start of the first `</name` (any case) at or after `from`.
fn find_end_tag(hay: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(p) = find(hay, at, b"</") {
        let after = p + 2;
        if hay
            .get(after..after + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
        {
            return Some(p);
        }
        at = after;
    }
    None
}

/// Removes every element nested deeper than `max_depth`; true if any was removed.
pub(crate) fn drop_deep_nodes(doc: &Document, max_depth: usize) -> bool {
    let mut too_deep: Vec<NodeRef> = Vec::new();
    let mut stack: Vec<(NodeRef, usize)> = vec![(doc.root(), 0)];
    while let Some((node, depth)) = stack.pop() {
        for child in node.children_it(false) {
            if !child.is_element() {
                continue;
            }
            if depth + 1 > max_depth {
                too_deep.push(child);
            } else {
                stack.push((child, depth + 1));
            }
        }
    }
    for node in &too_deep {
        node.remove_from_parent();
    }
    !too_deep.is_empty()
}

/// Keeps the first `max_elements` elements in document order and removes the rest
/// (0 means no limit); true if any was removed.
pub(crate) fn drop_excess_elements(doc: &Document, max_elements: usize) -> bool {
    // The tree holds no more nodes (of any kind) than that: nothing to count.
    if max_elements == 0 || doc.tree.len() <= max_elements {
        return false;
    }
    let mut seen = 0usize;
    let mut excess: Vec<NodeRef> = Vec::new();
    // Pre-order walk; an element past the limit is removed whole, with its subtree.
    let mut stack: Vec<NodeRef> = vec![doc.root()];
    while let Some(node) = stack.pop() {
        let children: Vec<NodeRef> = node.children_it(false).filter(|c| c.is_element()).collect();
        for child in children.into_iter().rev() {
            stack.push(child);
        }
        if node.is_element() {
            seen += 1;
            if seen > max_elements {
                excess.push(node);
                // Its descendants go with it: skip them.
                let len = stack.len();
                let kids = node.children_it(false).filter(|c| c.is_element()).count();
                stack.truncate(len - kids);
            }
        }
    }
    for node in &excess {
        node.remove_from_parent();
    }
    !excess.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_markup_is_flattened_before_parsing() {
        let html = format!(
            "<body>{}deep{}<p>after</p></body>",
            "<div>".repeat(1000),
            "</div>".repeat(1000)
        );
        let prepared = prepare_markup(&html, 100);
        assert!(prepared.flattened);
        let flat = prepared.html.unwrap();
        assert_eq!(flat.matches("<div>").count(), 100);
        assert_eq!(flat.matches("</div>").count(), 100);
        assert!(flat.contains("deep") && flat.contains("<p>after</p>"));
        let shallow = prepare_markup("<div><p>a<p>b<br><img src=x></div>", 2);
        assert!(shallow.html.is_none() && !shallow.flattened);
        let script = format!("<script>{}</script><p>x</p>", "<div>".repeat(50));
        assert!(!prepare_markup(&script, 5).flattened);
    }

    #[test]
    fn code_and_comments_are_left_out() {
        let html = r#"<head><title>A <b> title</title><style>p{color:red}</style>
            <script type="application/ld+json">{"datePublished":"2024-03-05"}</script>
            <SCRIPT>var s = "</div><p>not text</p>";</SCRIPT></head>
            <body><!-- a comment <p>hidden</p> --><p>Text</p><!-->
            <img src="a.jpg" srcset="a-2x.jpg 2x" data-lazy="x" data-src="b.jpg" onclick="go()">
            <img src="https://cdn.example.com/images/2024/03/05/photo.jpg">
            <svg viewBox="0 0 9 9"><path d="M0 0L9 9"/></svg><a title='a > b' data-x=1>x</a></body>"#;
        let out = prepare_markup(html, 100).html.unwrap();
        assert_eq!(
            out,
            r#"<head><title>A <b> title</title><style></style>
<script type="application/ld+json">{"datePublished":"2024-03-05"}</script>
<SCRIPT></SCRIPT></head>
<body><p>Text</p>
<img src="a.jpg" data-src="b.jpg">
<img src="https://cdn">
<svg viewBox="0 0 9 9"></svg><a title='a > b'>x</a></body>"#
        );
    }

    #[test]
    fn furniture_is_left_out_before_parsing() {
        // Furniture just after the headline may hold its date: only later furniture goes.
        let long = "<p>The talks went on for hours without a break.</p>".repeat(80);
        let html = format!(
            r##"<html><head><title>Talks resume</title>
            <link rel="stylesheet" href="/site.css"><link rel="canonical" href="https://a.com/x">
            </head><body><header class="masthead"><a href="/">Site logo</a>
            <nav><ul><li><a href="/politics">Politics menu</a><nav>Inner nav</nav></ul></nav></header>
            <aside class="promo">Subscribe to our newsletter</aside>
            <main><article><header><h1>Talks resume</h1></header>
            <aside class="byline"><time datetime="2024-03-05T10:00">5 March 2024</time></aside>
            <p>Diplomats    met in   Berlin on Tuesday.</p>
            <p><a href="https://example.com/a/very/long/path">link</a> and <a href="#fn1">note</a></p>
            <pre>keep   this</pre>{long}</article></main>
            <aside>Related: <time datetime="2023-01-01">old story</time></aside>
            <footer><p>Copyright footer text</p><form><button>Sign up</button></form></footer>
            </body></html>"##
        );
        let out = prepare_markup(&html, 100).html.unwrap();
        for gone in [
            "Site logo",
            "Politics menu",
            "Inner nav",
            "newsletter",
            "Copyright footer",
            "Sign up",
            "site.css",
            "very/long",
        ] {
            assert!(!out.contains(gone), "{gone} left in: {out}");
        }
        for kept in [
            "<footer></footer>",
            r#"href="https://a.com/x""#,
            "<h1>Talks resume</h1>",
            r#"<time datetime="2024-03-05T10:00">"#,
            r#"<time datetime="2023-01-01">"#,
            "Diplomats met in Berlin on Tuesday.",
            r##"href="#fn1""##,
            "keep   this",
        ] {
            assert!(out.contains(kept), "{kept} missing: {out}");
        }
        assert!(out.contains(r#"<header class="masthead"></header>"#));
        let page = crate::extract(html.as_bytes(), None, &crate::ExtractOptions::default());
        let article = page.unwrap();
        assert_eq!(article.date.unwrap().to_string(), "2024-03-05T10:00:00");
        assert!(article.text.contains("Diplomats met in Berlin"));
        for gone in ["Politics", "newsletter", "Copyright", "Sign up"] {
            assert!(!article.text.contains(gone), "{gone} in the text");
        }
        // An unclosed element keeps its content.
        let open = prepare_markup("<body><nav><a>Menu</a><p>Text", 100);
        assert!(open.html.is_none_or(|h| h.contains("Menu")));
    }

    #[test]
    fn deep_nesting_is_cut() {
        let html = format!(
            "<body>{}x{}</body>",
            "<div>".repeat(500),
            "</div>".repeat(500)
        );
        let doc = Document::from(html.as_str());
        assert!(drop_deep_nodes(&doc, 50));
        assert!(!drop_deep_nodes(&doc, 50));
    }

    #[test]
    fn element_count_is_capped() {
        let html = format!("<body>{}</body>", "<p>a</p>".repeat(100));
        let doc = Document::from(html.as_str());
        assert!(drop_excess_elements(&doc, 20));
        assert!(doc.select("p").length() <= 20);
    }
}
