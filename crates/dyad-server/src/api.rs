//! The JSON API under `/api`. Each handler validates its parameters (a 400 names
//! the one at fault), then runs its read on a blocking thread.
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Json;
use serde_json::json;

use crate::error::ApiError;
use crate::params::{ActorRef, Params};
use crate::query::{self, EventFilter, EVENT_PARAMS};
use crate::timeline::{self, Interval};
use crate::{ingest, AppState};

/// The OpenAPI 3 description of this API.
pub const OPENAPI: &str = include_str!("openapi.json");

/// Every API route: method, path (axum syntax) and handler. The router is built
/// from this table and a test checks each entry is in `openapi.json`.
pub fn routes() -> Vec<(&'static str, &'static str, MethodRouter<AppState>)> {
    vec![
        ("get", "/api/openapi.json", get(openapi)),
        ("get", "/api/events", get(events)),
        ("get", "/api/events/{id}", get(event)),
        ("get", "/api/documents/{id}", get(document)),
        ("get", "/api/actors", get(actors)),
        ("get", "/api/actors/top", get(top_actors)),
        ("get", "/api/pairs/top", get(top_pairs)),
        ("get", "/api/pairs/shifts", get(shifts)),
        ("get", "/api/pairs/{a}/{b}/timeline", get(pair_timeline)),
        ("post", "/api/ingest", post(ingest_documents)),
    ]
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

async fn events(State(st): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), EVENT_PARAMS)?;
    let mut f = EventFilter::from_params(&p)?;
    let agg = st.agg.clone();
    let page = st
        .pool
        .run(move |c| {
            agg.refresh(c, false)?;
            f.plan(&agg);
            query::list_events(c, &f)
        })
        .await?;
    Ok(Json(page).into_response())
}

/// Parses a numeric id path segment.
pub fn parse_id(name: &str, v: &str) -> Result<i64, ApiError> {
    v.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
        ApiError::bad_parameter(
            name,
            format!("{v:?} is not an id (a positive whole number)"),
        )
    })
}

async fn event(
    State(st): State<AppState>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let id = parse_id("id", &id)?;
    let found = st.pool.run(move |c| query::event(c, id)).await?;
    let (event, mentions) = found.ok_or_else(|| ApiError::not_found(format!("no event {id}")))?;
    let mut v = serde_json::to_value(event)
        .map_err(|e| ApiError::status(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    v["mentions"] = json!(mentions);
    Ok(Json(v).into_response())
}

async fn document(
    State(st): State<AppState>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let id = parse_id("id", &id)?;
    let doc = st.pool.run(move |c| query::document(c, id)).await?;
    Ok(Json(doc.ok_or_else(|| ApiError::not_found(format!("no document {id}")))?).into_response())
}

async fn actors(State(st): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), &["q", "limit"])?;
    let text = p.get("q").map(str::trim).unwrap_or("");
    if text.is_empty() || text.chars().count() > 64 {
        return Err(ApiError::bad_parameter(
            "q",
            "give 1 to 64 characters of an actor's name or code",
        ));
    }
    let text = text.to_string();
    let limit = p.int("limit", 1, 100, 10)? as usize;
    let found = st
        .fresh(move |agg| Ok(agg.search_actors(&text, limit)))
        .await?;
    Ok(Json(json!({ "actors": found })).into_response())
}

async fn top_actors(
    State(st): State<AppState>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), &["from", "to", "limit"])?;
    let range = p.day_range()?;
    let limit = p.int("limit", 1, 200, 20)? as usize;
    let top = st
        .fresh(move |agg| Ok(agg.top_actors(range, limit)))
        .await?;
    Ok(Json(json!({ "actors": top })).into_response())
}

async fn top_pairs(
    State(st): State<AppState>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), &["from", "to", "limit"])?;
    let range = p.day_range()?;
    let limit = p.int("limit", 1, 200, 20)? as usize;
    let top = st.fresh(move |agg| Ok(agg.top_pairs(range, limit))).await?;
    Ok(Json(json!({ "pairs": top })).into_response())
}

async fn shifts(State(st): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let p = Params::parse(q.as_deref(), &["month", "min_events", "limit"])?;
    let month = match p.get("month") {
        None => None,
        Some(m) => Some(
            chrono::NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d")
                .ok()
                .filter(|_| m.len() == 7)
                .ok_or_else(|| {
                    ApiError::bad_parameter("month", format!("{m:?} is not a month (YYYY-MM)"))
                })?,
        ),
    };
    let min_events = p.int("min_events", 1, 1_000_000, 3)?;
    let limit = p.int("limit", 1, 200, 10)? as usize;
    let (month, shifts) = st
        .fresh(move |agg| Ok(agg.shifts(month, min_events, limit)))
        .await?;
    let month = month.map(|m| m.format("%Y-%m").to_string());
    Ok(Json(json!({ "month": month, "shifts": shifts })).into_response())
}

/// One side of a timeline.
#[derive(Debug, serde::Serialize)]
pub struct TimelineActor {
    /// Root or full code, upper-cased.
    pub code: String,
    /// Name, when an event names it.
    pub name: Option<String>,
}

/// A pair's timeline.
#[derive(Debug, serde::Serialize)]
pub struct Timeline {
    /// First actor.
    pub a: TimelineActor,
    /// Second actor.
    pub b: TimelineActor,
    /// Period width.
    pub interval: Interval,
    /// First day asked for.
    pub from: Option<chrono::NaiveDate>,
    /// Last day asked for.
    pub to: Option<chrono::NaiveDate>,
    /// The periods, oldest first.
    pub periods: Vec<timeline::Period>,
}

/// A pair's timeline.
pub async fn timeline(
    st: &AppState,
    a: &str,
    b: &str,
    q: Option<&str>,
) -> Result<Timeline, ApiError> {
    let p = Params::parse(q, &["interval", "from", "to"])?;
    let interval = Interval::parse(p.get("interval"))?;
    let range = p.day_range()?;
    let (a, b) = (ActorRef::parse("a", a)?, ActorRef::parse("b", b)?);
    let (a2, b2) = (a.clone(), b.clone());
    let (days, names) = st
        .fresh(move |agg| {
            let names = (agg.name_of(a2.as_str()), agg.name_of(b2.as_str()));
            Ok((agg.pair_days(&a2, &b2, range), names))
        })
        .await?;
    let periods = timeline::fold(&days, interval, range)?;
    Ok(Timeline {
        a: TimelineActor {
            code: a.as_str().to_string(),
            name: names.0,
        },
        b: TimelineActor {
            code: b.as_str().to_string(),
            name: names.1,
        },
        interval,
        from: range.from,
        to: range.to,
        periods,
    })
}

async fn pair_timeline(
    State(st): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    Ok(Json(timeline(&st, &a, &b, q.as_deref()).await?).into_response())
}

async fn ingest_documents(
    State(st): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    ingest::authorize(st.ingest_token.as_deref(), &headers)?;
    let Some(ingestor) = st.ingestor.clone() else {
        return Err(ApiError::status(
            StatusCode::NOT_IMPLEMENTED,
            "ingest over HTTP is not available in this build: no coder/store is wired to the server",
        ));
    };
    let text =
        std::str::from_utf8(&body).map_err(|_| ApiError::bad_parameter("body", "not UTF-8"))?;
    let docs = ingest::parse_body(text)?;
    let report = tokio::task::spawn_blocking(move || ingestor.ingest(&docs))
        .await
        .map_err(|e| {
            ApiError::status(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("ingest task failed: {e}"),
            )
        })?
        .map_err(|e| {
            ApiError::status(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("ingest failed: {e}"),
            )
        })?;
    st.pool
        .run({
            let agg = st.agg.clone();
            move |c| agg.refresh(c, true)
        })
        .await?;
    Ok((StatusCode::OK, Json(report)).into_response())
}
