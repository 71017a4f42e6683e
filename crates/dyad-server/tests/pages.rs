//! HTML pages: they render, link up, and show news text as text.
use crate::fixture::{start, XSS_TITLE};
use crate::http::get;

#[test]
fn overview_lists_pairs_shifts_and_latest_events() {
    let s = start();
    let r = get(s.addr, "/");
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    let b = &r.body;
    assert!(b.contains("Most active pairs"));
    assert!(b.contains(r#"href="/pair?a=ARM&amp;b=RUS""#), "pair link");
    assert!(b.contains("Armenia – Russia"));
    assert!(b.contains("Latest events"));
    assert!(b.contains(r#"href="/events/"#));
    assert!(b.contains("Biggest shifts"));
    assert!(b.contains(r#"name="viewport""#));
    assert!(
        !b.contains("<script>") || b.matches("<script").count() == 1,
        "only our own script tag"
    );
}

#[test]
fn pair_page_has_pickers_and_a_chart_container() {
    let s = start();
    let r = get(s.addr, "/pair?a=rus&b=ARM&interval=week");
    assert_eq!(r.status, 200);
    let b = &r.body;
    assert!(b.contains("<h1>Russia and Armenia</h1>"), "{b}");
    assert!(b.contains(r#"id="chart" data-a="RUS" data-b="ARM" data-interval="week""#));
    assert!(b.contains(r#"data-typeahead="actors-a""#));
    assert!(b.contains("/static/vendor/uPlot.iife.min.js"));
    let empty = get(s.addr, "/pair");
    assert_eq!(empty.status, 200);
    assert!(!empty.body.contains(r#"id="chart""#));
    // Names resolve to codes through the type-ahead.
    let by_name = get(s.addr, "/pair?a=Russia&b=armenia");
    assert!(
        by_name
            .body
            .contains(r#"id="chart" data-a="RUS" data-b="ARM""#),
        "{}",
        by_name.body
    );
    let by_name = get(s.addr, "/pair?a=United+States&b=CHN");
    assert!(by_name.body.contains(r#"data-a="USA" data-b="CHN""#));
    let bad = get(s.addr, "/pair?a=%3Cb%3E&b=ARM");
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("a: "));
}

#[test]
fn event_page_highlights_the_trigger_and_links_the_source() {
    let s = start();
    let id = get(s.addr, "/api/events?code=112").json()["events"][0]["id"]
        .as_i64()
        .unwrap();
    let r = get(s.addr, &format!("/events/{id}"));
    assert_eq!(r.status, 200);
    assert!(
        r.body
            .contains("Armenia <mark>accused</mark> Russia of delays."),
        "{}",
        r.body
    );
    assert!(r
        .body
        .contains(r#"class="source-link" href="https://news.test/ru-am-1""#));
    assert!(r.body.contains("Accuse, not specified below"));
    assert_eq!(get(s.addr, "/events/999999").status, 404);
    assert_eq!(get(s.addr, "/events/nope").status, 400);
}

#[test]
fn xss_in_title_sentence_and_url_stays_text() {
    let s = start();
    let id = get(s.addr, "/api/events?code=040").json()["events"][0]["id"]
        .as_i64()
        .unwrap();
    let r = get(s.addr, &format!("/events/{id}"));
    assert_eq!(r.status, 200);
    let b = &r.body;
    // askama escapes with numeric character references.
    assert!(
        b.contains("&#60;script&#62;alert(&#34;title-xss&#34;)&#60;/script&#62;"),
        "{b}"
    );
    assert!(
        b.contains("&#60;img src=x onerror=alert(1)&#62; Russia <mark>met</mark> Armenia."),
        "{b}"
    );
    assert!(!b.contains(XSS_TITLE));
    assert!(!b.contains("<img"));
    assert!(
        !b.contains("javascript:"),
        "a javascript: URL is never a link"
    );
    assert!(r
        .header("content-security-policy")
        .unwrap()
        .contains("script-src 'self'"));

    let doc_id = get(s.addr, &format!("/api/events/{id}")).json()["mentions"][0]["document"]["id"]
        .as_i64()
        .unwrap();
    let d = get(s.addr, &format!("/documents/{doc_id}"));
    assert_eq!(d.status, 200);
    assert!(!d.body.contains(XSS_TITLE));
    assert!(!d.body.contains("<img"));
    assert!(!d.body.contains("javascript:"));
    assert!(d.body.contains("&#60;img src=x"));

    let o = get(s.addr, "/");
    assert!(!o.body.contains("<img"));
}

#[test]
fn static_files_are_embedded_with_their_types() {
    let s = start();
    for (path, ct) in [
        ("/static/app.js", "text/javascript"),
        ("/static/app.css", "text/css"),
        ("/static/vendor/uPlot.iife.min.js", "text/javascript"),
        ("/static/vendor/uPlot.min.css", "text/css"),
    ] {
        let r = get(s.addr, path);
        assert_eq!(r.status, 200, "{path}");
        assert!(r.header("content-type").unwrap().starts_with(ct), "{path}");
        assert!(r.body.len() > 100, "{path}");
    }
    assert_eq!(get(s.addr, "/static/../Cargo.toml").status, 404);
    assert_eq!(get(s.addr, "/static/nothing.js").status, 404);
    assert_eq!(get(s.addr, "/no/such/page").status, 404);
}
