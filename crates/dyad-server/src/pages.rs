//! Server-rendered HTML pages and the static files they use. Templates are askama
//! (`templates/`), which escapes every value by default: news text is shown as
//! text, never as markup. Scripts only use `textContent` for data.
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::aggregate::{PairTotal, Shift};
use crate::api::parse_id;
use crate::error::ApiError;
use crate::model::{DocumentJson, EventJson, MentionJson};
use crate::params::{ActorRef, DayRange, Params};
use crate::query;
use crate::timeline::Interval;
use crate::AppState;

/// The page routes and the static files.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(overview))
        .route("/pair", get(pair))
        .route("/events/{id}", get(event))
        .route("/documents/{id}", get(document))
        .route("/static/{*file}", get(asset))
}

/// Files embedded in the binary: (path under /static/, content type, bytes).
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/app.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../static/app.css"),
    ),
    (
        "vendor/uPlot.iife.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/vendor/uPlot.iife.min.js"),
    ),
    (
        "vendor/uPlot.min.css",
        "text/css; charset=utf-8",
        include_bytes!("../static/vendor/uPlot.min.css"),
    ),
    (
        "vendor/LICENSE",
        "text/plain; charset=utf-8",
        include_bytes!("../static/vendor/LICENSE"),
    ),
];

async fn asset(Path(file): Path<String>) -> Response {
    match ASSETS.iter().find(|(p, _, _)| *p == file) {
        Some((_, ct, bytes)) => (
            [
                (header::CONTENT_TYPE, *ct),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            *bytes,
        )
            .into_response(),
        None => page_error(StatusCode::NOT_FOUND, "No such file."),
    }
}

/// Only web links are shown as links: a `javascript:` URL from a feed must not
/// become clickable.
fn safe_url(url: Option<&str>) -> Option<String> {
    let url = url?.trim();
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then(|| url.to_string())
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    title: &'a str,
    message: &'a str,
}

fn page_error(status: StatusCode, message: &str) -> Response {
    let title = status.canonical_reason().unwrap_or("Error");
    (status, render(&ErrorPage { title, message })).into_response()
}

fn render(t: &impl Template) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "Template failed.");
            (StatusCode::INTERNAL_SERVER_ERROR, "template error").into_response()
        }
    }
}

fn api_error_page(e: ApiError) -> Response {
    let message = match &e.parameter {
        Some(p) => format!("{p}: {}", e.message),
        None => e.message.clone(),
    };
    page_error(e.status, &message)
}

/// 404 for anything unrouted: JSON under /api, a page elsewhere.
pub async fn not_found(uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        ApiError::not_found(format!("no route {}", uri.path())).into_response()
    } else {
        page_error(StatusCode::NOT_FOUND, "There is no such page.")
    }
}

#[derive(Template)]
#[template(path = "overview.html")]
struct OverviewPage {
    pairs: Vec<PairTotal>,
    month: String,
    shifts: Vec<Shift>,
    latest: Vec<EventJson>,
}

async fn overview(State(st): State<AppState>) -> Response {
    let out = st
        .fresh(|agg| {
            Ok((
                agg.top_pairs(DayRange::default(), 15),
                agg.shifts(None, 3, 10),
            ))
        })
        .await
        .map(|(pairs, (month, shifts))| (pairs, month, shifts));
    let (pairs, month, shifts) = match out {
        Ok(v) => v,
        Err(e) => return api_error_page(e),
    };
    let latest = match st.pool.run(|c| query::latest_events(c, 20)).await {
        Ok(v) => v,
        Err(e) => return api_error_page(e),
    };
    let month = month
        .map(|m| m.format("%Y-%m").to_string())
        .unwrap_or_default();
    render(&OverviewPage {
        pairs,
        month,
        shifts,
        latest,
    })
}

#[derive(Template)]
#[template(path = "pair.html")]
struct PairPage {
    a: String,
    b: String,
    a_name: String,
    b_name: String,
    interval: &'static str,
    chosen: bool,
}

async fn pair(State(st): State<AppState>, RawQuery(q): RawQuery) -> Response {
    let p = match Params::parse(q.as_deref(), &["a", "b", "interval"]) {
        Ok(p) => p,
        Err(e) => return api_error_page(e),
    };
    let interval = match Interval::parse(p.get("interval")) {
        Ok(Interval::Day) => "day",
        Ok(Interval::Week) => "week",
        Ok(Interval::Month) => "month",
        Err(e) => return api_error_page(e),
    };
    // A person may type a name ("Armenia") instead of a code: resolve it to the
    // best type-ahead match, else validate it as a code.
    let given: Vec<Option<String>> = ["a", "b"]
        .iter()
        .map(|n| p.get(n).map(|v| v.trim().to_string()))
        .collect();
    let resolved = {
        let given = given.clone();
        st.fresh(move |agg| {
            Ok(given
                .iter()
                .map(|v| {
                    let v = v.as_deref()?;
                    if agg.name_of(&v.to_ascii_uppercase()).is_some() {
                        return None;
                    }
                    agg.search_actors(v, 1).into_iter().next().map(|m| m.code)
                })
                .collect::<Vec<_>>())
        })
        .await
        .unwrap_or_default()
    };
    let mut codes = (None, None);
    for (i, name) in ["a", "b"].into_iter().enumerate() {
        let value = resolved
            .get(i)
            .cloned()
            .flatten()
            .or_else(|| given[i].clone());
        let parsed = match value.map(|v| ActorRef::parse(name, &v)).transpose() {
            Ok(r) => r.map(|r| r.as_str().to_string()),
            Err(e) => return api_error_page(e),
        };
        if i == 0 {
            codes.0 = parsed;
        } else {
            codes.1 = parsed;
        }
    }
    let names = {
        let codes = codes.clone();
        st.fresh(move |agg| {
            Ok((
                codes.0.as_deref().and_then(|c| agg.name_of(c)),
                codes.1.as_deref().and_then(|c| agg.name_of(c)),
            ))
        })
        .await
        .unwrap_or_default()
    };
    let (a, b) = (codes.0.unwrap_or_default(), codes.1.unwrap_or_default());
    render(&PairPage {
        chosen: !a.is_empty() && !b.is_empty(),
        a_name: names.0.unwrap_or_else(|| a.clone()),
        b_name: names.1.unwrap_or_else(|| b.clone()),
        a,
        b,
        interval,
    })
}

/// A mention prepared for display: the sentence split around the trigger.
struct MentionView {
    m: MentionJson,
    before: String,
    trigger: String,
    after: String,
    url: Option<String>,
    title: String,
}

impl MentionView {
    fn new(m: MentionJson) -> Self {
        let (before, trigger, after) = m.split_sentence();
        let url = safe_url(m.document.url.as_deref());
        let title = m
            .document
            .title
            .clone()
            .unwrap_or_else(|| m.document.doc_key.clone());
        MentionView {
            m,
            before,
            trigger,
            after,
            url,
            title,
        }
    }
}

#[derive(Template)]
#[template(path = "event.html")]
struct EventPage {
    e: EventJson,
    mentions: Vec<MentionView>,
}

async fn event(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    let id = match parse_id("id", &id) {
        Ok(id) => id,
        Err(e) => return api_error_page(e),
    };
    match st.pool.run(move |c| query::event(c, id)).await {
        Ok(Some((e, mentions))) => render(&EventPage {
            e,
            mentions: mentions.into_iter().map(MentionView::new).collect(),
        }),
        Ok(None) => page_error(StatusCode::NOT_FOUND, "There is no such event."),
        Err(e) => api_error_page(e),
    }
}

#[derive(Template)]
#[template(path = "document.html")]
struct DocumentPage {
    d: DocumentJson,
    url: Option<String>,
    mentions: Vec<MentionView>,
}

async fn document(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    let id = match parse_id("id", &id) {
        Ok(id) => id,
        Err(e) => return api_error_page(e),
    };
    match st.pool.run(move |c| query::document(c, id)).await {
        Ok(Some(mut d)) => {
            let url = safe_url(d.url.as_deref());
            let mentions = std::mem::take(&mut d.mentions)
                .into_iter()
                .map(MentionView::new)
                .collect();
            render(&DocumentPage { d, url, mentions })
        }
        Ok(None) => page_error(StatusCode::NOT_FOUND, "There is no such document."),
        Err(e) => api_error_page(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_links_are_links() {
        assert_eq!(
            safe_url(Some("https://a.org/x")),
            Some("https://a.org/x".into())
        );
        assert_eq!(safe_url(Some("javascript:alert(1)")), None);
        assert_eq!(safe_url(Some(" JaVaScRiPt:alert(1)")), None);
        assert_eq!(safe_url(None), None);
    }
}
