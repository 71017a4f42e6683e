//! Where a page gives its publication date, and how the candidates are weighed.
//!
//! The machine-readable publication date comes first: publication meta tags, JSON-LD
//! `datePublished`, `itemprop`/RDFa and `<time>` markup (the article's before others),
//! JSON-LD `dateCreated`. It is then checked against what readers see: the date shown
//! with the headline (the first date just after the first substantial `<h1>`, captions
//! and comments left out) wins when it is one day off (the metadata is in another zone),
//! when it is another of the page's own publication dates, or when the `<time>` markup
//! disagrees with itself (teasers); else a full date in the URL wins a disagreement. With
//! no such metadata: the URL, the headline's date, a date in the preview image's path,
//! elements named for dates, generic `date` meta tags, modification dates, and finally
//! the first date in the text. A time given in UTC is moved to the page's own zone (that
//! of its other timestamps, or its country's). Every candidate must lie between 1995 and
//! the crawl: the reference day, the capture day of an archived copy, or tomorrow.

use std::sync::LazyLock;

use dom_query::{Document, Element, NodeRef};
use memchr::memmem::Finder;
use regex::Regex;

use super::parse::{all_loose, parse_iso, parse_loose};
use super::{Day, PublishedDate, TimeOfDay};

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
/// A timestamp with a UTC offset, in JSON-LD.
static JSON_LD_OFFSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?([+-]\d{2}:?\d{2})""#)
        .expect("valid regex")
});
/// `/2024/03/05/`, `-2024-03-05-`, `/20240305/`, `/2024/3/5/`.
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[/_\-.])((?:19|20)\d{2})(?:[/_\-.]?(0[1-9]|1[0-2])[/_\-.]?(0[1-9]|[12]\d|3[01])|/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01]))(?:[/_\-.]|$|[^\d])")
        .expect("valid regex")
});
/// `/05-03-2024`, `_05.03.2024` (day first, as Europe writes it).
static URL_DATE_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[/_\-])(0[1-9]|[12]\d|3[01])[\-_.](0[1-9]|1[0-2])[\-_.]((?:19|20)\d{2})(?:[/_\-.]|$|[^\d])")
        .expect("valid regex")
});
static DATE_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)date|time|publi|posted|byline|dateline|datum|fecha|data|meta|info|author|zeit|stamp",
    )
    .expect("valid regex")
});

/// How far after the headline (in characters of text) its date line may be.
const HEADER_AFTER: usize = 400;
/// How far before the headline a date may be (a kicker or a date above the title).
const HEADER_BEFORE: usize = 160;
/// Text read from the body for the text fallbacks.
const TEXT_LIMIT: usize = 200_000;

/// The earliest plausible publication day.
fn min_day() -> Day {
    Day::new(1995, 1, 1).expect("valid day")
}

type Found = (PublishedDate, &'static str);

/// Finds the publication date of a page.
pub(crate) fn find(
    doc: &Document,
    url: Option<&str>,
    reference: Option<Day>,
) -> Option<PublishedDate> {
    find_explained(doc, url, reference).map(|(d, _)| d)
}

/// [`find`], with the name of the source the date came from.
pub(crate) fn find_explained(
    doc: &Document,
    url: Option<&str>,
    reference: Option<Day>,
) -> Option<Found> {
    let scan = Scan::read(doc, false);
    let lang = scan.lang.as_str();
    let month_first = lang == "en" || lang.starts_with("en-us") || lang.starts_with("en_us");
    // Never after the crawl: the reference day, the capture day of an archived copy, or
    // (when no reference is given) tomorrow, the latest day anywhere on Earth.
    let latest = [reference, url.and_then(archive_day)]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or_else(|| Day::from_days_since_epoch(Day::today_utc().days_since_epoch() + 1));
    let ok = |d: &PublishedDate| d.day >= min_day() && d.day <= latest;

    let metas = &scan.metas;
    let ld_texts = &scan.ld_texts;
    let clock = Clock {
        page_offset: page_offset(&scan),
        region: url.and_then(region_of_url).or_else(|| region_of_lang(lang)),
    };
    // A machine-readable date, in the page's own clock, if plausible.
    let accept = |d: PublishedDate| Some(clock.localize(d)).filter(ok);
    let parse = |v: &str| parse_iso(v).or_else(|| parse_loose(v, month_first));
    let meta = |names: &[&str]| {
        names.iter().find_map(|name| {
            metas
                .iter()
                .filter(|(k, _)| k == name)
                .find_map(|(_, v)| parse(v).and_then(accept))
        })
    };
    let json_ld = |re: &Regex| {
        ld_texts.iter().find_map(|text| {
            re.captures_iter(text)
                .find_map(|c| c.get(1).and_then(|m| parse(m.as_str())))
                .and_then(accept)
        })
    };
    let from_url = url.and_then(url_date).filter(ok);
    let header = scan.text.header_date(month_first, &ok);
    let markup = markup_dates(&scan.markup, month_first, &accept);

    let tag = |s: &'static str| move |d: PublishedDate| (d, s);
    let primary = meta(META_PUBLISHED)
        .map(tag("meta-published"))
        .or_else(|| json_ld(&JSON_LD_PUBLISHED).map(tag("jsonld-published")))
        .or_else(|| markup.first().copied().map(tag("markup")))
        .or_else(|| json_ld(&JSON_LD_CREATED).map(tag("jsonld-created")));
    if let Some(primary) = primary {
        // Every other date the page gives as its publication date.
        let mut published: Vec<Day> = markup.iter().map(|d| d.day).collect();
        published.extend(from_url.map(|d| d.day));
        for names in [META_PUBLISHED, META_GENERIC] {
            published.extend(
                metas
                    .iter()
                    .filter(|(k, _)| names.contains(&k.as_str()))
                    .filter_map(|(_, v)| parse(v).and_then(accept))
                    .map(|d| d.day),
            );
        }
        published.extend(ld_texts.iter().flat_map(|t| {
            JSON_LD_PUBLISHED
                .captures_iter(t)
                .filter_map(|c| c.get(1).and_then(|m| parse(m.as_str())).and_then(accept))
                .map(|d| d.day)
                .collect::<Vec<_>>()
        }));
        return Some(settle(primary, header, from_url, &markup, &published));
    }
    from_url
        .map(tag("url"))
        .or_else(|| header.map(tag("header")))
        .or_else(|| image_date(metas).filter(ok).map(tag("image-url")))
        .or_else(|| named_element_date(doc, month_first, &ok).map(tag("named-element")))
        .or_else(|| meta(META_GENERIC).map(tag("meta-generic")))
        .or_else(|| meta(META_MODIFIED).map(tag("meta-modified")))
        .or_else(|| json_ld(&JSON_LD_MODIFIED).map(tag("jsonld-modified")))
        .or_else(|| {
            Scan::read(doc, true)
                .text
                .first_date(month_first, &ok)
                .map(tag("text"))
        })
}

/// Weighs the best machine-readable date against what the page shows under its headline
/// and the date in its URL.
fn settle(
    primary: Found,
    header: Option<PublishedDate>,
    from_url: Option<PublishedDate>,
    markup: &[PublishedDate],
    published: &[Day],
) -> Found {
    let (p, source) = primary;
    if let Some(h) = header {
        if h.day == p.day {
            return primary;
        }
        // One day apart: the metadata is in another zone (often UTC) than the page, whose
        // readers see the day under the headline.
        if h.day.days_since_epoch().abs_diff(p.day.days_since_epoch()) <= 1 {
            return (h, "header-local-day");
        }
        // Several `<time>` elements (the article's and those of teasers): the one shown
        // under the headline.
        if source == "markup" {
            if let Some(m) = markup.iter().find(|m| m.day == h.day) {
                return (*m, "markup-under-headline");
            }
            // `<time>` elements of several days are mostly those of teasers and comments.
            if markup.iter().any(|m| m.day != p.day) {
                return (h, "header-over-markup");
            }
        }
        // The page gives several publication dates: the one its readers see.
        if published.contains(&h.day) {
            return (h, "header-published");
        }
    }
    // Metadata rarely disagrees with a full date in the URL; when it does, the URL is
    // usually right (the metadata is a modification or a feed time).
    match from_url {
        Some(u) if u.day != p.day => (u, "url-override"),
        _ => primary,
    }
}

/// The page's clock: the UTC offset its own timestamps use, or the usual one of its
/// country. A time given in UTC is moved to it, so the day is the one readers saw.
struct Clock {
    page_offset: Option<i16>,
    region: Option<Region>,
}

#[derive(Debug, Clone, Copy)]
enum Region {
    /// A fixed offset in minutes.
    Fixed(i16),
    /// Standard-time offset in minutes, plus an hour of summer time on the EU's dates.
    Eu(i16),
}

impl Clock {
    fn localize(&self, d: PublishedDate) -> PublishedDate {
        let (Some(0), Some(time)) = (d.offset_minutes, d.time) else {
            return d;
        };
        let minute = i64::from(time.hour) * 60 + i64::from(time.minute);
        let offset = match (self.page_offset, self.region) {
            (Some(o), _) => o,
            (None, Some(Region::Fixed(o))) => o,
            (None, Some(Region::Eu(o))) => o + if eu_summer_time(d.day, minute) { 60 } else { 0 },
            (None, None) => return d,
        };
        if offset == 0 {
            return d;
        }
        let local = minute + i64::from(offset);
        let days = local.div_euclid(1440);
        let minute_of_day = local.rem_euclid(1440);
        PublishedDate {
            day: Day::from_days_since_epoch(d.day.days_since_epoch() + days),
            time: Some(TimeOfDay {
                hour: (minute_of_day / 60) as u8,
                minute: (minute_of_day % 60) as u8,
                second: time.second,
            }),
            offset_minutes: Some(offset),
        }
    }
}

/// EU summer time: from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
/// Sunday of October.
fn eu_summer_time(day: Day, utc_minute: i64) -> bool {
    let last_sunday = |month: u32| {
        let last = Day::new(day.year(), month, 31).expect("March and October have 31 days");
        let n = last.days_since_epoch();
        // 1970-01-01 was a Thursday: (n + 4) mod 7 is 0 on Sundays.
        n - (n + 4).rem_euclid(7)
    };
    let n = day.days_since_epoch();
    let (start, end) = (last_sunday(3), last_sunday(10));
    let after_start = n > start || (n == start && utc_minute >= 60);
    let before_end = n < end || (n == end && utc_minute < 60);
    after_start && before_end
}

/// The first non-zero UTC offset among the page's machine-readable timestamps: the zone
/// the site works in.
fn page_offset(scan: &Scan) -> Option<i16> {
    let nonzero = |d: PublishedDate| d.offset_minutes.filter(|o| *o != 0);
    scan.metas
        .iter()
        .filter(|(_, v)| v.len() < 64)
        .find_map(|(_, v)| parse_iso(v).and_then(nonzero))
        .or_else(|| {
            scan.ld_texts.iter().find_map(|t| {
                JSON_LD_OFFSET.captures_iter(t).find_map(|c| {
                    c.get(0)
                        .and_then(|m| parse_iso(m.as_str().trim_matches('"')))
                        .and_then(nonzero)
                })
            })
        })
        .or_else(|| {
            scan.markup.iter().find_map(|(_, n)| {
                n.attr("datetime")
                    .and_then(|v| parse_iso(&v))
                    .and_then(nonzero)
            })
        })
}

/// The usual clock of a site's country, from the country-code domain.
fn region_of_url(url: &str) -> Option<Region> {
    let host = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = host.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    let tld = host.rsplit('.').next()?.to_ascii_lowercase();
    Some(match tld.as_str() {
        "de" | "at" | "ch" | "it" | "fr" | "es" | "nl" | "be" | "lu" | "pl" | "cz" | "sk"
        | "hu" | "se" | "dk" | "no" | "hr" | "si" | "rs" | "ba" | "me" | "mk" | "al" => {
            Region::Eu(60)
        }
        "uk" | "ie" | "pt" => Region::Eu(0),
        "fi" | "ee" | "lv" | "lt" | "gr" | "ro" | "bg" | "ua" | "cy" => Region::Eu(120),
        "ru" | "by" | "tr" => Region::Fixed(180),
        "in" => Region::Fixed(330),
        "cn" | "hk" | "tw" | "sg" | "my" | "ph" => Region::Fixed(480),
        "jp" | "kr" => Region::Fixed(540),
        "br" | "ar" => Region::Fixed(-180),
        _ => return None,
    })
}

/// The usual clock of a language spoken in one zone (`de`, `it`, `pl`, ...).
fn region_of_lang(lang: &str) -> Option<Region> {
    let primary = lang.split(['-', '_']).next().unwrap_or_default();
    Some(match primary {
        "de" | "it" | "nl" | "pl" | "cs" | "sk" | "hu" | "sv" | "da" | "nb" | "nn" | "no"
        | "hr" | "sl" | "sr" | "bs" | "mk" => Region::Eu(60),
        "fi" | "et" | "lv" | "lt" | "el" | "ro" | "bg" | "uk" => Region::Eu(120),
        "ru" | "be" | "tr" => Region::Fixed(180),
        "ja" | "ko" => Region::Fixed(540),
        _ => return None,
    })
}

/// A full date in the path of the page's preview image (`/uploads/2024/03/05/x.jpg`): the
/// day the picture was put up for the article.
fn image_date(metas: &[(String, String)]) -> Option<PublishedDate> {
    metas
        .iter()
        .filter(|(k, _)| matches!(k.as_str(), "og:image" | "twitter:image" | "thumbnailurl"))
        .find_map(|(_, v)| url_date(v))
}

/// `itemprop="datePublished"` and `<time>` markup: every date found, the most trusted
/// markup first (see [`markup_rank`]).
fn markup_dates(
    nodes: &[(u8, NodeRef)],
    month_first: bool,
    accept: &dyn Fn(PublishedDate) -> Option<PublishedDate>,
) -> Vec<PublishedDate> {
    let from_node = |n: &NodeRef| -> Option<PublishedDate> {
        for attr in ["datetime", "content", "data-datetime", "data-date", "title"] {
            if let Some(v) = n.attr(attr) {
                if let Some(d) = parse_iso(&v)
                    .or_else(|| parse_loose(&v, month_first))
                    .and_then(accept)
                {
                    return Some(d);
                }
            }
        }
        let text = n.text();
        (text.len() < 200)
            .then(|| parse_loose(&text, month_first))
            .flatten()
            .and_then(accept)
    };
    let mut ranked: Vec<&(u8, NodeRef)> = nodes.iter().collect();
    ranked.sort_by_key(|(rank, _)| *rank);
    ranked
        .into_iter()
        .filter_map(|(_, n)| from_node(n))
        .take(32)
        .collect()
}

/// How much an element's markup is trusted to give the publication date, 0 most; `None`
/// for elements that give none: `itemprop="datePublished"` (or RDFa's
/// `schema:datePublished`), `<time pubdate>`, a `<time>` classed as the publication date,
/// a `<time datetime>` in the article or its header, any other, then `dateCreated`.
fn markup_rank(el: &Element, in_article: bool) -> Option<u8> {
    let attr = |name: &str| attr_of(el, name);
    let itemprop = attr("itemprop").map(str::trim);
    let property = attr("property").and_then(|v| v.trim().strip_prefix("schema:"));
    let prop = |value: &str| itemprop == Some(value) || property == Some(value);
    if prop("datePublished") {
        return Some(0);
    }
    if &*el.name.local == "time" {
        if attr("pubdate").is_some() {
            return Some(1);
        }
        if attr("class").is_some_and(|c| {
            c.contains("publish") || c.contains("entry-date") || c.contains("post-date")
        }) {
            return Some(2);
        }
        if attr("datetime").is_some() {
            return Some(if in_article { 3 } else { 4 });
        }
    }
    prop("dateCreated").then_some(5)
}

fn attr_of<'e>(el: &'e Element, name: &str) -> Option<&'e str> {
    el.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
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
        let text = node.text();
        if text.len() > 300 {
            continue;
        }
        if in_skipped(&node) {
            continue;
        }
        if let Some(d) = parse_loose(&text, month_first).filter(|d| ok(d)) {
            return Some(d);
        }
    }
    None
}

/// Elements never read for a date: not text.
fn is_skipped_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "select"
            | "option"
            | "button"
            | "textarea"
    )
}

/// The readers' comments (`id="comments"`, `class="comment-list"`): their dates are
/// later than the article's.
fn is_comment_section(el: &Element) -> bool {
    static OMMENT: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("omment"));
    let tokens = |attr: &str| {
        attr_of(el, attr)
            .filter(|v| OMMENT.find(v.as_bytes()).is_some())
            .map(str::to_ascii_lowercase)
    };
    let (class, id) = (tokens("class"), tokens("id"));
    class
        .iter()
        .flat_map(|c| c.split_ascii_whitespace())
        .chain(id.as_deref())
        .any(|t| {
            !["has-", "has_", "no-", "no_", "with-", "with_", "without"]
                .iter()
                .any(|p| t.starts_with(p))
                && (t.starts_with("comment") || t.contains("-comment") || t.contains("_comment"))
        })
}

/// A photo's caption or credit (`<figcaption>`, or `class="slide-caption"` beside an
/// image): the day the photo was taken, not the article's. A caption holding the
/// headline (some sites put it there) is not one.
fn is_caption(node: &NodeRef, el: &Element) -> bool {
    let caption = &*el.name.local == "figcaption"
        || attr_of(el, "class").is_some_and(|c| {
            // Most elements have a class, few a caption's: no lowercase copy of each.
            (contains_ignore_ascii_case(c, b"caption") || contains_ignore_ascii_case(c, b"credit"))
                && node.parent().is_some_and(|p| {
                    !p.find(&["img"]).is_empty() || !p.find(&["picture"]).is_empty()
                })
        });
    caption && node.find(&["h1"]).is_empty()
}

/// True when `hay` holds `needle` (ASCII lowercase) in any ASCII case.
fn contains_ignore_ascii_case(hay: &str, needle: &[u8]) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Inside a script, or in the readers' comments.
fn in_skipped(node: &NodeRef) -> bool {
    node.ancestors_it(None).any(|a| {
        a.element_ref().is_some_and(|el| {
            matches!(
                &*el.name.local,
                "script" | "style" | "noscript" | "template"
            ) || is_comment_section(&el)
        })
    })
}

/// What one walk over the document gathers for the date search.
struct Scan<'a> {
    /// The declared language of `<html>`, lowercased (`""` when none).
    lang: String,
    /// `(key, content)` of every `<meta>`, the key lowercased from `property`, `name`,
    /// `itemprop` or `http-equiv`.
    metas: Vec<(String, String)>,
    /// The JSON-LD scripts.
    ld_texts: Vec<String>,
    /// Elements whose markup may give the date, with their [`markup_rank`], in document order.
    markup: Vec<(u8, NodeRef<'a>)>,
    /// The visible text of the body.
    text: PageText,
}

impl<'a> Scan<'a> {
    /// Walks `doc` once; with `whole` false, the body text is read only to a little past
    /// the headline.
    fn read(doc: &'a Document, whole: bool) -> Scan<'a> {
        let mut scan = Scan {
            lang: String::new(),
            metas: Vec::new(),
            ld_texts: Vec::new(),
            markup: Vec::new(),
            text: PageText {
                text: String::new(),
                headline: None,
            },
        };
        #[derive(Clone, Copy)]
        struct Ctx {
            in_body: bool,
            in_article: bool,
            /// Not read for the text (scripts, comments, captions).
            no_text: bool,
        }
        enum Step<'a> {
            Enter(NodeRef<'a>, Ctx),
            LeaveHeadline(usize),
        }
        let mut text_full = false;
        let start = Ctx {
            in_body: false,
            in_article: false,
            no_text: false,
        };
        let mut stack = vec![Step::Enter(doc.root(), start)];
        while let Some(step) = stack.pop() {
            let (node, mut ctx) = match step {
                Step::Enter(node, ctx) => (node, ctx),
                Step::LeaveHeadline(start) => {
                    scan.text.headline = Some((start, scan.text.text.len()));
                    continue;
                }
            };
            if node.is_text() {
                if ctx.in_body && !ctx.no_text && !text_full {
                    let text = &mut scan.text;
                    push_collapsed(&mut text.text, &node.text());
                    // Text is counted in bytes, the window in characters (of up to 4 bytes).
                    text_full = text.text.len() > TEXT_LIMIT
                        || (!whole
                            && text
                                .headline
                                .is_some_and(|(_, end)| text.text.len() > end + 4 * HEADER_AFTER));
                }
                continue;
            }
            let mut headline = false;
            if let Some(el) = node.element_ref() {
                let name = &*el.name.local;
                match name {
                    "html" if scan.lang.is_empty() => {
                        scan.lang = attr_of(&el, "lang")
                            .unwrap_or_default()
                            .to_ascii_lowercase();
                    }
                    "body" => ctx.in_body = true,
                    "article" | "header" | "main" => ctx.in_article = true,
                    "meta" => {
                        if let Some(content) =
                            attr_of(&el, "content").or_else(|| attr_of(&el, "datetime"))
                        {
                            for attr in ["property", "name", "itemprop", "http-equiv"] {
                                if let Some(key) = attr_of(&el, attr) {
                                    scan.metas.push((
                                        key.trim().to_ascii_lowercase(),
                                        content.to_string(),
                                    ));
                                }
                            }
                        }
                    }
                    "script" => {
                        if attr_of(&el, "type").is_some_and(|t| t.contains("ld+json")) {
                            drop(el);
                            scan.ld_texts.push(node.text().to_string());
                        }
                        continue;
                    }
                    _ => {}
                }
                if is_skipped_tag(name) {
                    continue;
                }
                if let Some(rank) = markup_rank(&el, ctx.in_article) {
                    scan.markup.push((rank, node));
                }
                if ctx.in_body && !ctx.no_text && !text_full {
                    if is_comment_section(&el) || is_caption(&node, &el) {
                        ctx.no_text = true;
                    } else if name == "h1" && scan.text.headline.is_none() {
                        headline = true;
                    }
                }
            } else if !node.is_document() {
                continue;
            }
            if headline && node.text().chars().filter(|c| c.is_alphanumeric()).count() >= 8 {
                stack.push(Step::LeaveHeadline(scan.text.text.len()));
            }
            let first = stack.len();
            stack.extend(node.children_it(false).map(|c| Step::Enter(c, ctx)));
            stack[first..].reverse();
        }
        scan
    }
}

/// The visible text of the body in document order (whitespace collapsed), with where the
/// headline (the first substantial `<h1>`) lies in it.
struct PageText {
    text: String,
    headline: Option<(usize, usize)>,
}

impl PageText {
    /// The date shown with the headline: the first date in the lines after it, else the
    /// last one just above it.
    fn header_date(
        &self,
        month_first: bool,
        ok: &dyn Fn(&PublishedDate) -> bool,
    ) -> Option<PublishedDate> {
        let (start, end) = self.headline?;
        let after = &self.text[end..floor_boundary(&self.text, end + HEADER_AFTER)];
        if let Some(d) = all_loose(after, month_first, 8)
            .into_iter()
            .map(|(_, d)| d)
            .find(|d| ok(d))
        {
            return Some(d);
        }
        let before =
            &self.text[floor_boundary(&self.text, start.saturating_sub(HEADER_BEFORE))..start];
        all_loose(before, month_first, 16)
            .into_iter()
            .map(|(_, d)| d)
            .filter(|d| ok(d))
            .last()
    }

    /// The first plausible date in the text.
    fn first_date(
        &self,
        month_first: bool,
        ok: &dyn Fn(&PublishedDate) -> bool,
    ) -> Option<PublishedDate> {
        all_loose(&self.text, month_first, 50)
            .into_iter()
            .map(|(_, d)| d)
            .find(|d| ok(d))
    }
}

/// Appends `s` with runs of whitespace made one space, and a space after it.
fn push_collapsed(out: &mut String, s: &str) {
    for word in s.split_whitespace() {
        out.push_str(word);
        out.push(' ');
    }
}

/// The largest char boundary of `s` at or below `i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A full date in the URL path (`/2024/03/05/`, `/2024-03-05-`, `/20240305/`, `/05-03-2024`).
pub(crate) fn url_date(url: &str) -> Option<PublishedDate> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.find('/').map_or("", |i| &path[i..]);
    if let Some(c) = URL_DATE.captures(path) {
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let (m, d) = match (n(2), n(3)) {
            (Some(m), Some(d)) => (m, d),
            _ => (n(4)?, n(5)?),
        };
        return Day::new(n(1)? as i32, m, d).map(PublishedDate::from_day);
    }
    let c = URL_DATE_DMY.captures(path)?;
    let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    Day::new(n(3)? as i32, n(2)?, n(1)?).map(PublishedDate::from_day)
}

/// The capture day of a Wayback Machine copy (`web.archive.org/web/20120216182711/...`).
fn archive_day(url: &str) -> Option<Day> {
    let rest = url.split_once("web.archive.org/web/")?.1;
    let stamp = rest
        .get(..8)
        .filter(|s| s.bytes().all(|b| b.is_ascii_digit()))?;
    let n = |r: std::ops::Range<usize>| stamp[r].parse::<u32>().ok();
    Day::new(n(0..4)? as i32, n(4..6)?, n(6..8)?)
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
