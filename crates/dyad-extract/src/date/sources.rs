//! Where a page gives its publication date, searched from the most to the least trusted:
//! publication meta tags, JSON-LD, `itemprop` and `<time>` markup (a full date in the URL
//! overrides these when they disagree), then the URL path, elements named for dates,
//! generic `date` meta tags, modification dates, and finally the first date in the text.
//! Every candidate must lie between 1995 and the reference (crawl) day.

use std::sync::LazyLock;

use dom_query::{Document, NodeRef};
use regex::Regex;

use super::parse::{all_loose, parse_iso, parse_loose};
use super::{Day, PublishedDate};

/// `name`, `property` or `itemprop` of `<meta>` tags that give the publication date.
const META_PUBLISHED: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "published_time",
    "article.published",
    "article_date_original",
    "datepublished",
    "date_published",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "pub_date",
    "publication_date",
    "publication-date",
    "published-date",
    "published_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "citation_date",
    "originalpublicationdate",
    "cxenseparse:recs:publishtime",
    "release_date",
    "rnews:datepublished",
    "bt:pubdate",
    "og:pubdate",
    "article:post_date",
    "dc.created",
    "content_create_date",
    "creation_date",
    "created",
    "last-publish-date",
    "vr:published_time",
    "pdate",
    "displaydate",
    "article:published_date",
    "nv:date",
    "dateline",
];

/// Generic `<meta>` names: often the publication date, but some systems (TYPO3) put the
/// last change there, so they rank below the page's visible date.
const META_GENERIC: &[&str] = &["dc.date", "dcterms.date", "date"];

/// `<meta>` names that give a modification date: a last resort.
const META_MODIFIED: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "og:modified_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
    "modified",
    "article:modified",
];

static JSON_LD_PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""(?:datePublished|publishedDate)"\s*:\s*"([^"]{6,40})""#).expect("valid regex")
});
static JSON_LD_CREATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""(?:dateCreated|uploadDate)"\s*:\s*"([^"]{6,40})""#).expect("valid regex")
});
static JSON_LD_MODIFIED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#""dateModified"\s*:\s*"([^"]{6,40})""#).expect("valid regex"));
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[/_\-.])((?:19|20)\d{2})(?:[/_\-.]?(0[1-9]|1[0-2])[/_\-.]?(0[1-9]|[12]\d|3[01])|/([1-9])/([1-9]))(?:[/_\-.]|$|[^\d])")
        .expect("valid regex")
});
static DATE_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)date|time|publi|posted|byline|dateline|datum|fecha|data|meta|info|author|zeit|stamp",
    )
    .expect("valid regex")
});

/// The earliest plausible publication day.
fn min_day() -> Day {
    Day::new(1995, 1, 1).expect("valid day")
}

/// Finds the publication date of a page.
pub(crate) fn find(
    doc: &Document,
    url: Option<&str>,
    reference: Option<Day>,
) -> Option<PublishedDate> {
    let lang = page_lang(doc);
    let month_first = lang == "en" || lang.starts_with("en-us") || lang.starts_with("en_us");
    let ok = |d: &PublishedDate| d.day >= min_day() && reference.is_none_or(|r| d.day <= r);
    let from_url = url.and_then(url_date).filter(|d| ok(d));

    let metas = meta_pairs(doc);
    let meta = |names: &[&str]| {
        names.iter().find_map(|name| {
            metas.iter().filter(|(k, _)| k == name).find_map(|(_, v)| {
                parse_iso(v)
                    .or_else(|| parse_loose(v, month_first))
                    .filter(|d| ok(d))
            })
        })
    };
    let json_ld = |re: &Regex| {
        doc.select(r#"script[type*="ld+json"]"#)
            .iter()
            .find_map(|s| {
                let text = s.text();
                re.captures_iter(&text)
                    .find_map(|c| {
                        c.get(1).and_then(|m| {
                            parse_iso(m.as_str()).or_else(|| parse_loose(m.as_str(), month_first))
                        })
                    })
                    .filter(|d| ok(d))
            })
    };

    let found = meta(META_PUBLISHED)
        .or_else(|| json_ld(&JSON_LD_PUBLISHED))
        .or_else(|| markup_date(doc, month_first, &ok))
        .or_else(|| json_ld(&JSON_LD_CREATED));
    if let Some(found) = found {
        return Some(agree_with_url(found, from_url));
    }
    from_url
        .or_else(|| named_element_date(doc, month_first, &ok))
        .or_else(|| meta(META_GENERIC))
        .or_else(|| meta(META_MODIFIED))
        .or_else(|| json_ld(&JSON_LD_MODIFIED))
        .or_else(|| text_date(doc, month_first, &ok))
}

/// Metadata rarely disagrees with a full date in the URL; when it does, the URL is usually
/// right (the metadata is a modification or a feed time), unless only the zone shifted it.
fn agree_with_url(found: PublishedDate, from_url: Option<PublishedDate>) -> PublishedDate {
    match from_url {
        Some(u) if u.day != found.day => u,
        _ => found,
    }
}

/// `(key, content)` of every `<meta>`, the key lowercased from `property`, `name` or `itemprop`.
fn meta_pairs(doc: &Document) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for node in doc.select("meta").nodes() {
        let Some(content) = node.attr("content").or_else(|| node.attr("datetime")) else {
            continue;
        };
        for attr in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(key) = node.attr(attr) {
                out.push((key.trim().to_ascii_lowercase(), content.to_string()));
            }
        }
    }
    out
}

/// `itemprop="datePublished"` and `<time>` markup.
fn markup_date(
    doc: &Document,
    month_first: bool,
    ok: &dyn Fn(&PublishedDate) -> bool,
) -> Option<PublishedDate> {
    let from_node = |n: &NodeRef| -> Option<PublishedDate> {
        for attr in ["datetime", "content", "data-datetime", "data-date", "title"] {
            if let Some(v) = n.attr(attr) {
                if let Some(d) = parse_iso(&v)
                    .or_else(|| parse_loose(&v, month_first))
                    .filter(|d| ok(d))
                {
                    return Some(d);
                }
            }
        }
        let text = n.text();
        (text.len() < 200)
            .then(|| parse_loose(&text, month_first))
            .flatten()
            .filter(|d| ok(d))
    };
    let selectors = [
        r#"[itemprop="datePublished"]"#,
        "time[pubdate]",
        r#"time[class*="publish"], time[class*="entry-date"], time[class*="post-date"]"#,
        "article time[datetime], header time[datetime], main time[datetime]",
        "time[datetime]",
        r#"[itemprop="dateCreated"]"#,
    ];
    selectors
        .iter()
        .find_map(|sel| doc.select(sel).nodes().iter().find_map(&from_node))
}

/// Short elements whose class or id says they hold a date (`post-date`, `datum`, `meta`).
fn named_element_date(
    doc: &Document,
    month_first: bool,
    ok: &dyn Fn(&PublishedDate) -> bool,
) -> Option<PublishedDate> {
    let body = doc.body()?;
    for node in body.descendants_it() {
        if !node.is_element() {
            continue;
        }
        let class = node.attr("class").unwrap_or_default();
        let id = node.attr("id").unwrap_or_default();
        if !(DATE_NAMED.is_match(&class) || DATE_NAMED.is_match(&id)) {
            continue;
        }
        if in_skipped(&node) {
            continue;
        }
        let text = node.text();
        if text.len() > 300 {
            continue;
        }
        if let Some(d) = parse_loose(&text, month_first).filter(|d| ok(d)) {
            return Some(d);
        }
    }
    None
}

/// The first plausible date in the body text.
fn text_date(
    doc: &Document,
    month_first: bool,
    ok: &dyn Fn(&PublishedDate) -> bool,
) -> Option<PublishedDate> {
    let body = doc.body()?;
    let mut text = String::new();
    for node in body.descendants_it() {
        if node.is_text() && !in_skipped(&node) {
            text.push_str(&node.text());
            text.push(' ');
            if text.len() > 200_000 {
                break;
            }
        }
    }
    all_loose(&text, month_first, 50)
        .into_iter()
        .map(|(_, d)| d)
        .find(|d| ok(d))
}

fn in_skipped(node: &NodeRef) -> bool {
    node.ancestors_it(Some(8)).any(|a| {
        a.node_name()
            .is_some_and(|n| matches!(n.as_ref(), "script" | "style" | "noscript" | "template"))
    })
}

/// A full date in the URL path (`/2024/03/05/`, `/2024-03-05-`, `/20240305/`).
pub(crate) fn url_date(url: &str) -> Option<PublishedDate> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.find('/').map_or("", |i| &path[i..]);
    let c = URL_DATE.captures(path)?;
    let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let (m, d) = match (n(2), n(3)) {
        (Some(m), Some(d)) => (m, d),
        _ => (n(4)?, n(5)?),
    };
    Day::new(n(1)? as i32, m, d).map(PublishedDate::from_day)
}

/// The page's declared language, lowercased (`""` when none).
fn page_lang(doc: &Document) -> String {
    doc.select("html")
        .nodes()
        .first()
        .and_then(|n| n.attr("lang"))
        .map(|l| l.to_ascii_lowercase())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date_of(html: &str, url: Option<&str>) -> Option<String> {
        let doc = Document::from(html);
        find(&doc, url, Day::new(2025, 1, 1)).map(|d| d.to_string())
    }

    #[test]
    fn meta_then_json_ld_then_time() {
        let meta =
            r#"<meta property="article:published_time" content="2024-03-05T23:30:00-05:00">"#;
        assert_eq!(
            date_of(meta, None).as_deref(),
            Some("2024-03-05T23:30:00-05:00")
        );
        let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-11-02"}</script>"#;
        assert_eq!(date_of(ld, None).as_deref(), Some("2023-11-02"));
        let time = r#"<article><time datetime="2022-01-09T08:00">9 Jan</time></article>"#;
        assert_eq!(date_of(time, None).as_deref(), Some("2022-01-09T08:00:00"));
    }

    #[test]
    fn url_and_text() {
        assert_eq!(
            date_of("<p>x</p>", Some("https://a.com/2021/07/14/story")).as_deref(),
            Some("2021-07-14")
        );
        assert_eq!(
            date_of(
                r#"<div class="artikel-datum">Stand: 14.07.2021, 10:05 Uhr</div>"#,
                None
            )
            .as_deref(),
            Some("2021-07-14T10:05:00")
        );
    }

    #[test]
    fn never_after_the_reference_day() {
        let meta = r#"<meta name="date" content="2030-01-01"><p>Berlin, 3. Mai 2024</p>"#;
        assert_eq!(date_of(meta, None).as_deref(), Some("2024-05-03"));
    }
}
