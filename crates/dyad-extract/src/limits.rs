//! Bounds on the markup and the parsed tree, so parsing and later walks stay bounded.

use std::sync::LazyLock;

use dom_query::{Document, NodeRef};
use memchr::memmem::Finder;

use crate::clean::Verdict;

/// True for elements that nest: not void (never holding content), and not one whose end
/// tag may be left out (an unclosed one does not nest deeper). `name` is lowercase.
fn nests(name: &str) -> bool {
    !matches!(
        name,
        // Void.
        "area" | "base" | "br" | "col" | "embed" | "hr" | "img" | "input" | "link" | "meta"
            | "param" | "source" | "track" | "wbr" | "keygen" | "frame"
            // Optional end tag.
            | "p" | "li" | "dt" | "dd" | "tr" | "td" | "th" | "option" | "optgroup" | "thead"
            | "tbody" | "tfoot" | "colgroup" | "rp" | "rt" | "html" | "head" | "body"
    )
}

/// Searchers built once: building one costs more than most of the searches.
static COMMENT_END: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"-->"));
static END_TAG_OPEN: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"</"));
/// The first two digits of a year from 1900 to 2099.
static YEAR_STARTS: LazyLock<[Finder<'static>; 2]> =
    LazyLock::new(|| [Finder::new(b"19"), Finder::new(b"20")]);
/// What the date and metadata readers look for in furniture.
static DATED: LazyLock<[Finder<'static>; 3]> = LazyLock::new(|| {
    [
        Finder::new(b"datePublished"),
        Finder::new(b"dateCreated"),
        Finder::new(b"ld+json"),
    ]
});

/// The markup to parse: `html` with the start tags that would nest deeper than
/// `max_depth` removed (and as many end tags after them, keeping their text), and with
/// what never reaches the article left out: scripts other than JSON-LD and style sheets
/// (whole elements), comments, the content of furniture elements (see [`prune_furniture`])
/// and some of them whole (see [`removed_whole`]), elements whose class, id or role makes
/// them furniture when the markup settles it (see `clean::judge_by`), links other than
/// the canonical one, `<meta>`s no reader needs, most of each `<a href>`, white space
/// alone between block-level tags, and repeated white space (each run of it becomes one
/// space). `html` is `None` when nothing was removed.
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
    let mut out = Rewrite {
        html,
        buf: None,
        copied_to: 0,
    };
    let mut flattened = false;
    let mut depth = 0usize;
    let mut dropped = 0usize;
    let mut in_article = 0usize;
    let mut headline: Option<usize> = None;
    let mut in_pre = 0usize;
    // Looking ahead for the ends of furniture reads at most twice the page.
    let mut scan_budget = 2 * b.len();
    // The attributes of the current tag to leave out (one buffer for all tags).
    let mut useless: Vec<(usize, usize)> = Vec::new();
    // The attributes of the current start tag that say whether it is furniture.
    let mut judged: Vec<(&[u8], (usize, usize))> = Vec::new();
    let mut in_head = false;
    let mut i = 0usize;
    // The last tag read is one of `block_level`: white space after it up to the next such
    // tag is not text.
    let mut after_block = false;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let start = i + off;
        // Runs of white space between words or tags count as one (outside `<pre>`); see
        // `gap` below for white space alone between block-level tags.
        let gap = (i, start);
        let rest = &b[start..];
        if rest.starts_with(b"<!--") {
            if in_pre == 0 {
                collapse_space(b, gap.0, gap.1, &mut out);
            }
            let end = if rest.starts_with(b"<!-->") {
                start + 5
            } else if rest.starts_with(b"<!--->") {
                start + 6
            } else {
                find(b, start + 4, &COMMENT_END).map_or(b.len(), |e| e + 3)
            };
            out.cut(start, end);
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
            if in_pre == 0 {
                collapse_space(b, gap.0, gap.1, &mut out);
            }
            after_block = false;
            i = start + 1;
            continue;
        }
        let name = &html[name_start..name_start + name_len];
        // Tag names are compared in lowercase (most are written so); longer ones are
        // none of those below.
        let mut lower_buf = [0u8; 16];
        let lower: &str = if !name.bytes().any(|c| c.is_ascii_uppercase()) {
            name
        } else if name_len <= lower_buf.len() {
            lower_buf[..name_len].copy_from_slice(name.as_bytes());
            lower_buf[..name_len].make_ascii_lowercase();
            std::str::from_utf8(&lower_buf[..name_len]).unwrap_or_default()
        } else {
            ""
        };
        // White space alone between two block-level tags is pretty-printing, not text:
        // left out, it spares the parser a text node and every later walk a visit.
        let block = block_level(lower);
        if in_pre == 0 {
            let blank = gap.0 < gap.1 && b[gap.0..gap.1].iter().all(|c| is_space(*c));
            if blank && after_block && block {
                out.cut(gap.0, gap.1);
            } else {
                collapse_space(b, gap.0, gap.1, &mut out);
            }
        }
        after_block = block;
        let nests = nests(lower);
        useless.clear();
        judged.clear();
        let end = if closing {
            tag_end(b, name_start + name_len)
        } else {
            let shorten: &[&[u8]] = match lower {
                "a" => &[b"href"],
                "img" | "source" => &[b"src", b"data-src"],
                _ => &[],
            };
            scan_attributes(b, name_start + name_len, shorten, &mut useless, &mut judged)
        };
        let self_closing = end >= 2 && b[end - 2] == b'/';
        // Scripts (other than JSON-LD) and style sheets go whole, tags and all: every
        // reader skips them (readability removes them first), and each tag costs the
        // parser as much as a paragraph of text.
        if !closing && is_code(lower, &b[start..end]) {
            let close = find_end_tag(b, end, name.as_bytes()).map_or(b.len(), |p| tag_end(b, p));
            out.cut(start, close);
            i = close;
            continue;
        }
        let mut drop_tag = false;
        if matches!(lower, "pre" | "listing" | "plaintext") {
            if closing {
                in_pre = in_pre.saturating_sub(1);
            } else {
                in_pre += 1;
            }
        }
        // Links to style sheets, icons, feeds, preloads: only the canonical one is read.
        // Nor are most `<meta>`s (see `is_useless_meta`).
        let useless_tag = match lower {
            "link" => !contains_ignore_case(&b[start..end], b"canonical"),
            "meta" => is_useless_meta(b, name_start + name_len),
            _ => false,
        };
        if !closing && useless_tag {
            out.cut(start, end);
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
        // Furniture: the content of the element goes (see `furniture_end`), and the element
        // itself when tree cleaning would remove it anyway (see `removed_whole`). The date
        // line may be furniture just after the headline: kept.
        let furniture = !closing
            && !self_closing
            && !drop_tag
            && headline.is_none_or(|h| start - h >= NEAR_HEADLINE)
            && prune_furniture(lower, in_article > 0);
        let furniture_close = if furniture {
            furniture_end(b, end, lower.as_bytes(), &mut scan_budget)
        } else {
            None
        };
        if let Some(close) = furniture_close.filter(|_| removed_whole(lower, &b[start..end])) {
            // Its start tag was counted above; its end tag goes too.
            depth -= 1;
            let after = tag_end(b, close);
            out.cut(start, after);
            i = after;
            continue;
        }
        match (closing, lower) {
            (false, "head") => in_head = true,
            (true, "head") | (false, "body") => in_head = false,
            _ => {}
        }
        // Furniture by class, id, role or `hidden` (see `clean::judge_by`) goes whole,
        // sparing the parser and every walk after it (on news pages it is half the
        // body's elements), when the markup settles it: an element with a required end
        // tag whose region holds nothing the date and head readers look at
        // (`furniture_end`) and shows no year, and, for words that remove only small
        // elements, little text (counted as `clean::is_small` counts it).
        // The rest is left to the tree walk of `clean::remove_furniture`.
        if !closing
            && !self_closing
            && !drop_tag
            && nests
            && !in_head
            && !judged.is_empty()
            && furniture_close.is_none()
        {
            let attr = |n: &str| {
                judged
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(n.as_bytes()))
                    .map(|(_, (from, to))| &html[*from..*to])
            };
            let verdict = crate::clean::judge_by(lower, &attr);
            let close = (verdict != Verdict::Keep)
                .then(|| furniture_end(b, end, lower.as_bytes(), &mut scan_budget))
                .flatten()
                .filter(|&close| {
                    let text = region_text(&b[end..close]);
                    !text.year
                        && (verdict == Verdict::Remove
                            || crate::clean::is_small_text(text.total, text.linked))
                });
            if let Some(close) = close {
                depth -= 1;
                let after = tag_end(b, close);
                out.cut(start, after);
                i = after;
                continue;
            }
        }
        if drop_tag {
            out.cut(start, end);
            flattened = true;
        } else {
            for &(from, to) in &useless {
                out.cut(from, to);
            }
        }
        if !closing && !self_closing && matches!(lower, "article" | "main") {
            in_article += 1;
        } else if closing && matches!(lower, "article" | "main") {
            in_article = in_article.saturating_sub(1);
        }
        i = end;
        if !closing && lower == "h1" && headline.is_none() {
            headline = Some(start);
        }
        if let Some(close) = furniture_close {
            if close > i {
                out.cut(i, close);
            }
            i = close;
            continue;
        }
        // Vector drawings hold no text, only long paths.
        if !closing && !self_closing && lower == "svg" {
            if let Some(close) = find_end_tag(b, i, b"svg") {
                if close > i {
                    out.cut(i, close);
                }
                i = close;
            }
            continue;
        }
        // The content of raw-text elements is not markup.
        if !closing && matches!(lower, "script" | "style" | "textarea" | "title" | "xmp") {
            i = find_end_tag(b, i, name.as_bytes()).unwrap_or(b.len());
        }
    }
    Prepared {
        html: out.finish(),
        flattened,
    }
}

/// `html` rewritten front to back: ranges left out or replaced, the rest copied.
struct Rewrite<'a> {
    html: &'a str,
    /// `None` until something is changed.
    buf: Option<String>,
    /// `html` is in `buf` up to here.
    copied_to: usize,
}

impl Rewrite<'_> {
    /// Leaves `html[from..to]` out.
    fn cut(&mut self, from: usize, to: usize) {
        self.replace(from, to, "");
    }

    /// Writes `with` in place of `html[from..to]`.
    fn replace(&mut self, from: usize, to: usize, with: &str) {
        let html = self.html;
        let buf = self
            .buf
            .get_or_insert_with(|| String::with_capacity(html.len()));
        buf.push_str(&html[self.copied_to..from]);
        buf.push_str(with);
        self.copied_to = to;
    }

    /// The rewritten markup, `None` if nothing changed.
    fn finish(self) -> Option<String> {
        self.buf.map(|mut buf| {
            buf.push_str(&self.html[self.copied_to..]);
            buf
        })
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

/// True when the furniture element whose start tag is `tag` can go whole once its content
/// has gone: [`crate::clean::remove_furniture`] removes every element so named (and
/// readability every `<noscript>`), and the readers that come before it (date, page
/// head) find nothing in it but its attributes, which are checked for a date.
fn removed_whole(name: &str, tag: &[u8]) -> bool {
    (crate::clean::FURNITURE_TAGS.contains(&name) || name == "noscript")
        && !DATED.iter().any(|f| f.find(tag).is_some())
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
                    let dated = DATED.iter().any(|f| f.find(region).is_some());
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
fn scan_attributes<'a>(
    b: &'a [u8],
    at: usize,
    shorten: &[&[u8]],
    useless: &mut Vec<(usize, usize)>,
    judged: &mut Vec<(&'a [u8], (usize, usize))>,
) -> usize {
    for_each_attribute(b, at, |attr| {
        if JUDGED.iter().any(|n| attr.name.eq_ignore_ascii_case(n)) {
            judged.push((attr.name, attr.value));
        }
        let value = attr.value;
        // Where a link or an image points is not read, only whether a link is a
        // `#fragment` or `javascript:`.
        if shorten.iter().any(|n| attr.name.eq_ignore_ascii_case(n))
            && value.1 - value.0 > HREF_KEPT
        {
            let mut keep = value.0 + HREF_KEPT;
            while keep < value.1 && (b[keep] & 0xC0) == 0x80 {
                keep += 1;
            }
            if keep < value.1 {
                useless.push((keep, value.1));
            }
        }
        // Only after a space: `<a/b=c>` must stay as the parser will read it.
        if attr.after_space && is_useless_attribute(attr.name) {
            useless.push((attr.start, attr.end));
        }
    })
}

/// The attributes `clean::judge_by` reads.
const JUDGED: &[&[u8]] = &[
    b"class",
    b"id",
    b"itemprop",
    b"style",
    b"role",
    b"hidden",
    b"aria-hidden",
];

/// True when `b` holds what may be a year (four digits from 1900 to 2099 on their own)
/// or a short dotted date (`05.03.24`): the date reader may need it.
fn has_year(b: &[u8]) -> bool {
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let year_at =
        |at: usize| digit(at + 2) && digit(at + 3) && !digit(at + 4) && (at == 0 || !digit(at - 1));
    // Most regions hold no digits at all: one vectorised search each settles them.
    YEAR_STARTS.iter().any(|f| f.find_iter(b).any(year_at))
        || memchr::memchr_iter(b'.', b).any(|dot| {
            // The dot after the month: two digits follow, then neither a digit nor a dot.
            digit(dot + 1)
                && digit(dot + 2)
                && !digit(dot + 3)
                && b.get(dot + 3) != Some(&b'.')
                && short_date_before(b, dot + 1)
        })
}

/// `d.m.` (day and month of one or two digits each) ends just before `at`.
fn short_date_before(b: &[u8], at: usize) -> bool {
    let mut k = at;
    for _ in 0..2 {
        if k == 0 || b[k - 1] != b'.' {
            return false;
        }
        k -= 1;
        let digits = b[..k]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if !(1..=2).contains(&digits) {
            return false;
        }
        k -= digits;
    }
    true
}

/// The text of a stretch of markup, as far as the furniture rules need it.
#[derive(Debug, PartialEq, Eq)]
struct RegionText {
    /// Characters (white space not counted, a character reference counted once).
    total: usize,
    /// Of those, the characters inside links.
    linked: usize,
    /// The text shows what may be a year (see [`has_year`]).
    year: bool,
}

/// The text of the markup `b`: tags, comments, scripts and style sheets hold none. The
/// count stops at the first year.
fn region_text(b: &[u8]) -> RegionText {
    let mut text = RegionText {
        total: 0,
        linked: 0,
        year: false,
    };
    let mut in_link = 0usize;
    let mut at = 0usize;
    while at < b.len() {
        let segment_end = memchr::memchr(b'<', &b[at..]).map_or(b.len(), |p| at + p);
        let segment = &b[at..segment_end];
        if has_year(segment) {
            // Whatever else it holds, the region stays for the date reader.
            text.year = true;
            return text;
        }
        let mut k = 0usize;
        while k < segment.len() {
            let c = segment[k];
            if c == b'&' {
                k += 1 + segment[k + 1..]
                    .iter()
                    .take(12)
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == b'#')
                    .count();
                if segment.get(k) == Some(&b';') {
                    k += 1;
                }
            } else {
                k += 1;
                if is_space(c) || (c & 0xC0) == 0x80 {
                    continue;
                }
            }
            text.total += 1;
            text.linked += usize::from(in_link > 0);
        }
        at = segment_end;
        if at >= b.len() {
            break;
        }
        let rest = &b[at..];
        if rest.starts_with(b"<!--") {
            at = find(b, at + 4, &COMMENT_END).map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_at = at + 1 + usize::from(closing);
        let name_len = b[name_at..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let name = &b[name_at..name_at + name_len];
        let end = tag_end(b, name_at + name_len);
        if name.eq_ignore_ascii_case(b"a") {
            in_link = if closing {
                in_link.saturating_sub(1)
            } else {
                in_link + 1
            };
        } else if !closing
            && (name.eq_ignore_ascii_case(b"script") || name.eq_ignore_ascii_case(b"style"))
        {
            at = find_end_tag(b, end, name).map_or(b.len(), |p| tag_end(b, p));
            continue;
        }
        at = end;
    }
    text
}

/// An attribute of a start tag.
struct Attribute<'a> {
    /// Where it starts, with the white space before it.
    start: usize,
    /// Just after its value.
    end: usize,
    /// White space comes before it (not `/`).
    after_space: bool,
    name: &'a [u8],
    /// The byte range of its value, without quotes (empty when it has none).
    value: (usize, usize),
}

/// Calls `f` on each attribute of the start tag read from `at` (just after its name), as
/// the HTML tokenizer reads them; returns the end of the tag (after the `>`).
fn for_each_attribute<'a>(b: &'a [u8], mut at: usize, mut f: impl FnMut(Attribute<'a>)) -> usize {
    loop {
        let before = at;
        while at < b.len() && (is_space(b[at]) || b[at] == b'/') {
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
        while at < b.len() && !is_space(b[at]) && !matches!(b[at], b'/' | b'>' | b'=') {
            at += 1;
        }
        let name = &b[name_start..at];
        while at < b.len() && is_space(b[at]) {
            at += 1;
        }
        let mut value = (at, at);
        if at < b.len() && b[at] == b'=' {
            at += 1;
            while at < b.len() && is_space(b[at]) {
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
                    while at < b.len() && !is_space(b[at]) && b[at] != b'>' {
                        at += 1;
                    }
                    value = (from, at);
                }
            }
        }
        f(Attribute {
            start: before,
            end: at,
            after_space: before < name_start && is_space(b[before]),
            name,
            value,
        });
    }
}

/// True for a `<meta>` that no reader needs: one naming only what the date, page head
/// and readability readers never look at (the viewport, social-network app ids, robots
/// rules, tags) or what dyad does not keep (the description, readability's excerpt),
/// with no date in its content (the date reader takes the page's time zone from any
/// timestamp). Attributes are read from `at`, just after the tag name.
fn is_useless_meta(b: &[u8], at: usize) -> bool {
    let mut keys = 0usize;
    let mut useless_keys = 0usize;
    let mut dated = false;
    for_each_attribute(b, at, |attr| {
        let value = &b[attr.value.0..attr.value.1];
        let is_key = ["name", "property", "itemprop", "http-equiv"]
            .iter()
            .any(|k| attr.name.eq_ignore_ascii_case(k.as_bytes()));
        if is_key {
            keys += 1;
            useless_keys += usize::from(is_useless_meta_key(value.trim_ascii()));
        } else if attr.name.eq_ignore_ascii_case(b"content") {
            dated = value
                .windows(5)
                .any(|w| w[..4].iter().all(u8::is_ascii_digit) && w[4] == b'-');
        } else {
            // `charset`, `scheme`, `lang`: not what this rule knows.
            keys += 1;
        }
    });
    keys > 0 && keys == useless_keys && !dated
}

/// Meta names (any case) that no reader looks at.
fn is_useless_meta_key(key: &[u8]) -> bool {
    const USELESS: &[&str] = &[
        "viewport",
        "fb:pages",
        "fb:app_id",
        "fb:admins",
        "article:tag",
        "article:section",
        "article:opinion",
        "twitter:card",
        "twitter:site",
        "x-ua-compatible",
        "og:type",
        "og:image:width",
        "og:image:height",
        "og:image:type",
        "generator",
        "robots",
        "googlebot",
        "keywords",
        "news_keywords",
        "theme-color",
        "google-site-verification",
        "msvalidate.01",
        "format-detection",
        "referrer",
        "application-name",
        "description",
        "og:description",
        "twitter:description",
        "dc:description",
        "dcterms:description",
        "twitter:creator",
        "article:publisher",
        "og:image:secure_url",
        "og:image:alt",
        "twitter:image:alt",
    ];
    const USELESS_PREFIXES: &[&str] = &["msapplication-", "apple-"];
    USELESS
        .iter()
        .any(|k| key.eq_ignore_ascii_case(k.as_bytes()))
        || USELESS_PREFIXES
            .iter()
            .any(|p| key.len() > p.len() && key[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
}

/// Bytes of a link's `href` kept (as many as `javascript:`).
const HREF_KEPT: usize = 11;

fn contains_ignore_case(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Elements around which white space is never rendered (`name` is lowercase): blocks
/// and the invisible elements of the head. Not `<br>`, `<td>` or inline elements, whose
/// neighbouring space separates words.
fn block_level(name: &str) -> bool {
    matches!(
        name,
        "html"
            | "head"
            | "body"
            | "title"
            | "meta"
            | "link"
            | "base"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "div"
            | "p"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "figure"
            | "figcaption"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "form"
            | "fieldset"
            | "hr"
    )
}

/// Makes each run of white space in `b[from..to]` one space. Not only shorter: the
/// tokenizer reads text in runs but each line break on its own, at the cost of a word.
fn collapse_space(b: &[u8], from: usize, to: usize, out: &mut Rewrite) {
    let mut at = from;
    while at < to {
        if !is_space(b[at]) {
            at += 1;
            continue;
        }
        let mut end = at + 1;
        while end < to && is_space(b[end]) {
            end += 1;
        }
        if end - at > 1 || b[at] != b' ' {
            out.replace(at, end, " ");
        }
        at = end;
    }
}

fn is_useless_attribute(name: &[u8]) -> bool {
    let lower = |n: &[u8], p: &[u8]| n.len() >= p.len() && n[..p.len()].eq_ignore_ascii_case(p);
    if lower(name, b"data-") {
        let rest = &name[5..];
        return !(rest.eq_ignore_ascii_case(b"src")
            || rest
                .windows(4)
                .any(|w| w.eq_ignore_ascii_case(b"date") || w.eq_ignore_ascii_case(b"time")));
    }
    name.eq_ignore_ascii_case(b"srcset")
        || name.eq_ignore_ascii_case(b"sizes")
        || (lower(name, b"on") && name.len() > 4)
}

/// A `<script>` start tag of JSON-LD (`type="application/ld+json"`), which the date and
/// metadata readers need.
/// A style sheet, or a script other than JSON-LD (`tag` is its start tag).
fn is_code(name: &str, tag: &[u8]) -> bool {
    name == "style" || (name == "script" && !is_json_ld(tag))
}

/// Just after the `>` that ends the tag read from `at`.
fn tag_end(b: &[u8], at: usize) -> usize {
    memchr::memchr(b'>', &b[at..]).map_or(b.len(), |e| at + e + 1)
}

fn is_json_ld(tag: &[u8]) -> bool {
    tag.windows(7).any(|w| w.eq_ignore_ascii_case(b"ld+json"))
}

fn find(hay: &[u8], from: usize, needle: &Finder) -> Option<usize> {
    needle.find(hay.get(from..)?).map(|p| p + from)
}

/// The start of the first `</name` (any case) at or after `from`.
fn find_end_tag(hay: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(p) = find(hay, at, &END_TAG_OPEN) {
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
        assert!(
            shallow.html.is_none() && !shallow.flattened,
            "{:?}",
            shallow.html
        );
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
            concat!(
                r#"<head><title>A <b> title</title>"#,
                r#"<script type="application/ld+json">{"datePublished":"2024-03-05"}</script>"#,
                r#"</head><body><p>Text</p> <img src="a.jpg" data-src="b.jpg"> "#,
                r#"<img src="https://cdn"> <svg viewBox="0 0 9 9"></svg><a title='a > b'>x</a></body>"#
            )
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
            "<footer",
        ] {
            assert!(!out.contains(gone), "{gone} left in: {out}");
        }
        for kept in [
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
    fn furniture_by_class_goes_before_parsing_unless_dated() {
        let story = "Diplomats met in Berlin on Tuesday to resume talks. ".repeat(20);
        let html = format!(
            r#"<html><head><title>Talks</title></head><body>
            <div class="share-bar"><a href="/fb">Share</a> <a href="/x">Post</a></div>
            <div class="article-content">{story}</div>
            <div class="related-stories"><div><a href="/2024/03/04/a">Other story</a></div></div>
            <div class="post-meta">Published 05.03.24 by Staff</div>
            <div id="cookie-notice" class="x">We use cookies</div>
            <div class="comments">A reader wrote on March 5, 2024: fine.</div>
            <div class="comments">{story}{story}</div>
            <div class="adults">Kept: not the word "ad".</div>
            <div class="no-share">Kept: says it has no share bar.</div>
            </body></html>"#
        );
        let out = prepare_markup(&html, 100).html.unwrap();
        for gone in ["Share", "Other story", "cookies"] {
            assert!(!out.contains(gone), "{gone} left in: {out}");
        }
        // A date shown that the date reader may need, a long comment section (left to
        // the tree walk, which judges its text), and near misses of furniture words stay.
        for kept in ["05.03.24", "March 5, 2024", "Kept: not", "Kept: says"] {
            assert!(out.contains(kept), "{kept} missing: {out}");
        }
        assert_eq!(out.matches("Diplomats met").count(), 60);
    }

    #[test]
    fn years_and_text_are_found_in_markup() {
        assert!(has_year(b"<time>March 5, 2024</time>"));
        assert!(has_year(b"x 1999"));
        assert!(has_year(b"am 5.3.24 um"));
        assert!(!has_year(
            b"<div class=\"col-12345\">1,200 readers 2100</div>"
        ));
        assert!(!has_year(b"version 1.2.3 and 10.20.300"));
        // Whitespace is not text; a character reference is one character; a year in
        // markup (a link's address) is not shown.
        let text = |total, linked, year| RegionText {
            total,
            linked,
            year,
        };
        let markup = b"<p>a b</p> <a href=/2024/03/x>cd &amp;</a><!-- e 2024 -->";
        assert_eq!(region_text(markup), text(5, 3, false));
        let code = b"<script>var 2024;</script><style>p{}</style>ok";
        assert_eq!(region_text(code), text(2, 0, false));
        assert!(region_text(b"<p>On 5 March 2024</p>").year);
    }

    #[test]
    fn metas_no_reader_needs_are_left_out() {
        let html = r#"<head><meta name="viewport" content="width=device-width">
            <meta property="fb:pages" content="123"><META NAME="Robots" CONTENT="index">
            <meta property="og:title" content="Talks resume"><meta charset="utf-8">
            <meta name="keywords" content="talks, 2024-03-05T10:00:00+01:00">
            <meta property="article:published_time" content="2024-03-05"></head>"#;
        let out = prepare_markup(html, 100).html.unwrap();
        for gone in ["viewport", "fb:pages", "Robots"] {
            assert!(!out.contains(gone), "{gone} left in: {out}");
        }
        for kept in ["og:title", "charset", "keywords", "published_time"] {
            assert!(out.contains(kept), "{kept} missing: {out}");
        }
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
