//! Publication dates of hand-made pages: which source wins, what is never a date, and the
//! page's own clock.
use dyad_extract::{find_date, Day, ExtractOptions};

fn opts() -> ExtractOptions {
    ExtractOptions {
        reference_day: Day::new(2025, 1, 1),
        ..ExtractOptions::default()
    }
}

fn day_of(html: &str, url: &str) -> Option<String> {
    find_date(html.as_bytes(), Some(url), &opts()).map(|d| d.day.to_string())
}

/// A page with a headline, `extra` after it, and some article text.
fn page(lang: &str, head: &str, extra: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html lang="{lang}"><head><title>Stadtrat beschließt Haushalt</title>{head}</head>
        <body><header><nav><a href="/">Start</a> <a href="/politik">Politik</a></nav></header>
        <main><article><h1>Stadtrat beschließt den Haushalt für das kommende Jahr</h1>{extra}
        <p>Der Stadtrat hat am Abend nach langer Debatte den Haushalt beschlossen. Die Opposition
        stimmte dagegen und kündigte an, die Pläne weiter zu bekämpfen.</p></article></main>
        <footer><p>© 2024 Musterstädter Zeitung</p></footer></body></html>"#
    )
}

#[test]
fn published_day_shown_under_the_headline_beats_a_later_modification() {
    let html = page(
        "de",
        r#"<meta property="article:modified_time" content="2019-03-20T09:00:00+01:00">
        <script type="application/ld+json">{"@type":"NewsArticle","dateModified":"2019-03-20"}</script>"#,
        "<p class=\"meta\">Veröffentlicht am 12.03.2019 um 10:15 Uhr</p>",
    );
    assert_eq!(
        day_of(&html, "https://zeitung.example/politik/haushalt").as_deref(),
        Some("2019-03-12")
    );
}

#[test]
fn a_copyright_year_is_not_a_date() {
    let html = page("de", "", "<p>Alle Rechte vorbehalten 2018–2024.</p>");
    assert_eq!(
        day_of(&html, "https://zeitung.example/politik/haushalt"),
        None
    );
}

#[test]
fn a_date_in_the_future_of_the_crawl_is_rejected() {
    let html = page(
        "en",
        r#"<meta property="article:published_time" content="2031-05-01T10:00:00Z">"#,
        "<p>Posted March 5, 2024 · Updated June 3, 2030</p>",
    );
    assert_eq!(
        day_of(&html, "https://news.example/story").as_deref(),
        Some("2024-03-05")
    );
    // Without a reference day, a date after tomorrow is impossible all the same.
    let future = page("en", "", "<p>Posted March 5, 2999</p>");
    let none = ExtractOptions::default();
    assert_eq!(find_date(future.as_bytes(), None, &none), None);
}

#[test]
fn the_capture_day_of_an_archived_copy_bounds_the_date() {
    let html = page(
        "de",
        "",
        "<p>Stand: 03.02.2016</p><p>Nächster Termin: 05.03.2016</p>",
    );
    let url = "https://web.archive.org/web/20160204101010/http://zeitung.example/haushalt";
    assert_eq!(day_of(&html, url).as_deref(), Some("2016-02-03"));
}

#[test]
fn a_utc_timestamp_is_read_in_the_sites_own_clock() {
    // 23:30 UTC is already the next day in Berlin (the site's country, from its domain).
    let html = page(
        "de",
        r#"<meta property="article:published_time" content="2021-11-04T23:30:00Z">"#,
        "",
    );
    let found = find_date(
        html.as_bytes(),
        Some("https://zeitung.example.de/politik/haushalt"),
        &opts(),
    )
    .unwrap();
    assert_eq!(found.to_string(), "2021-11-05T00:30:00+01:00");
    // The page's other timestamps name its zone: here UTC-5.
    let html = page(
        "en",
        r#"<meta property="article:published_time" content="2021-11-05T02:10:00+00:00">
        <meta property="article:modified_time" content="2021-11-04T22:40:00-05:00">"#,
        "",
    );
    assert_eq!(
        day_of(&html, "https://news.example/story").as_deref(),
        Some("2021-11-04")
    );
}

#[test]
fn the_day_under_the_headline_settles_a_one_day_disagreement() {
    let html = page(
        "en",
        r#"<meta property="article:published_time" content="2023-11-09T06:35:29+00:00">"#,
        "<p>By Jo Reporter · Posted: Nov 8, 2023 / 10:35 PM PST</p>",
    );
    assert_eq!(
        day_of(&html, "https://news.example/story").as_deref(),
        Some("2023-11-08")
    );
}

#[test]
fn teaser_and_comment_times_lose_to_the_headline_date() {
    let html = page(
        "de",
        "",
        r#"<p class="byline">von Redaktion · 31. Oktober 2023</p>
        <aside><ul><li><time class="published" datetime="2020-12-03T07:32:49">3. Dezember 2020</time> Älterer Artikel</li>
        <li><time class="published" datetime="2023-01-06T21:59:35">6. Januar 2023</time> Noch einer</li></ul></aside>"#,
    );
    assert_eq!(
        day_of(&html, "https://blog.example/intendanten-wechsel").as_deref(),
        Some("2023-10-31")
    );
    // Without metadata, the readers' comments are not read for the date.
    let html = r#"<html lang="de"><body><div class="content"><p>Ein Artikel ohne Datum, aber mit
        genug Text, um als Artikel zu gelten, und mit Kommentaren darunter.</p></div>
        <div id="comments"><div class="comment-meta">15. Dezember 2015 um 11:21</div></div>
        <p>Dieser Artikel wurde am 14. Dezember 2015 um 14:48 geschrieben.</p></body></html>"#;
    assert_eq!(
        day_of(html, "https://blog.example/artikel").as_deref(),
        Some("2015-12-14")
    );
}

#[test]
fn dates_in_urls() {
    let html = "<html><body><p>Kein Datum im Text.</p></body></html>";
    assert_eq!(
        day_of(html, "https://blog.example/home/2017/7/12/montauk").as_deref(),
        Some("2017-07-12")
    );
    assert_eq!(
        day_of(html, "https://verein.example/meldungen/29-10-2021").as_deref(),
        Some("2021-10-29")
    );
}

#[test]
fn short_german_dates_and_rdfa() {
    let html = page(
        "de",
        "",
        r#"<span class="post-created">28.01.22</span>
        <span property="schema:dateCreated" content="2022-01-28T12:45:46+00:00"></span>"#,
    );
    assert_eq!(
        day_of(&html, "https://wein.example/news/lvmh").as_deref(),
        Some("2022-01-28")
    );
    let html = page("de", "", "<p>von Klaus Muster, 8.5.12</p>");
    assert_eq!(
        day_of(&html, "https://blog.example/wahl").as_deref(),
        Some("2012-05-08")
    );
}
