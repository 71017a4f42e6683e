//! Read-only SQL against the store's schema (`dyad-store/migrations`): event lists,
//! one event with its mentions, one document.
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::ApiError;
use crate::model::{
    event_name, trigger_in_sentence, ActorJson, DocumentBrief, DocumentJson, EventJson, MentionJson,
};
use crate::params::{ActorRef, DayRange, Params};

const EVENT_COLUMNS: &str = "e.id, e.day, e.source_code, e.source_root, e.source_country, e.source_group, \
     e.source_role, e.source_name, e.target_code, e.target_root, e.target_country, e.target_group, \
     e.target_role, e.target_name, e.event_code, e.base_code, e.root_code, e.quad_class, e.goldstein, \
     e.is_root_event, e.num_mentions, e.num_sources, e.num_articles, e.first_seen, e.last_seen";

fn event_from_row(r: &Row<'_>) -> rusqlite::Result<EventJson> {
    let actor = |i: usize| -> rusqlite::Result<ActorJson> {
        Ok(ActorJson {
            code: r.get(i)?,
            root: r.get(i + 1)?,
            country: r.get(i + 2)?,
            group: r.get(i + 3)?,
            role: r.get(i + 4)?,
            name: r.get(i + 5)?,
        })
    };
    let event_code: String = r.get(14)?;
    Ok(EventJson {
        id: r.get(0)?,
        day: r.get(1)?,
        source: actor(2)?,
        target: actor(8)?,
        event_name: event_name(&event_code),
        event_code,
        base_code: r.get(15)?,
        root_code: r.get(16)?,
        quad_class: r.get(17)?,
        goldstein: r.get(18)?,
        is_root_event: r.get::<_, i64>(19)? != 0,
        num_mentions: r.get(20)?,
        num_sources: r.get(21)?,
        num_articles: r.get(22)?,
        first_seen: r.get(23)?,
        last_seen: r.get(24)?,
    })
}

/// How a page of events is reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// The newest events.
    First,
    /// Events older than this (day, id): keyset paging, stable under inserts.
    After(NaiveDate, i64),
    /// Skip this many.
    Offset(u64),
}

/// The filters of `GET /api/events`.
#[derive(Debug, Clone)]
pub struct EventFilter {
    /// Either side is this actor.
    pub actor: Option<ActorRef>,
    /// Between these two, either direction.
    pub pair: Option<(ActorRef, ActorRef)>,
    /// Exact event code.
    pub code: Option<String>,
    /// Two-digit root code.
    pub root: Option<String>,
    /// QuadClasses wanted (empty: all).
    pub quad: Vec<u8>,
    /// Days.
    pub range: DayRange,
    /// Page size.
    pub limit: u64,
    /// Which page.
    pub page: Page,
    /// Planner hints from the aggregate, set by [`EventFilter::plan`].
    pub hints: PlanHints,
}

/// What the aggregate knows that SQLite's planner does not.
#[derive(Debug, Clone, Default)]
pub struct PlanHints {
    /// The roots of the full codes asked for, so their rows are found through the
    /// root indexes instead of a full scan.
    pub roots: Vec<(String, String)>,
    /// The actor or pair is in so many events that walking the day index from the
    /// newest day finds a page sooner than collecting all its events and sorting.
    pub by_day: bool,
}

impl PlanHints {
    fn root_of(&self, a: &ActorRef) -> Option<&str> {
        match a {
            ActorRef::Code(c) => self
                .roots
                .iter()
                .find(|(k, _)| k == c)
                .map(|(_, r)| r.as_str()),
            ActorRef::Root(_) => None,
        }
    }
}

/// SQL condition: actor `a` (bound as `arg`) is on `side` (`e.source`, `e.target`).
fn on_side(a: &ActorRef, side: &str, arg: &str, root: Option<&str>, by_day: bool) -> String {
    // A unary `+` keeps SQLite off the root indexes so it walks `events_day`.
    let plus = if by_day { "+" } else { "" };
    match (a, root) {
        (ActorRef::Root(_), _) => format!("{plus}{side}_root = {arg}"),
        (ActorRef::Code(_), Some(r)) => format!(
            "({plus}{side}_root = '{}' AND {side}_code = {arg})",
            r.replace('\'', "")
        ),
        (ActorRef::Code(_), None) => format!("{side}_code = {arg}"),
    }
}

/// Share of all events above which a filter walks the day index.
const BY_DAY_SHARE: f64 = 0.005;

impl EventFilter {
    /// Fills the planner hints from the aggregate.
    pub fn plan(&mut self, agg: &crate::Aggregate) {
        let mut roots = Vec::new();
        for a in self
            .actor
            .iter()
            .chain(self.pair.iter().flat_map(|(a, b)| [a, b]))
        {
            if let ActorRef::Code(c) = a {
                if let Some(r) = agg.root_of(c) {
                    roots.push((c.clone(), r));
                }
            }
        }
        let share = match (&self.actor, &self.pair) {
            (_, Some((a, b))) => agg.share(a.as_str(), Some(b.as_str())),
            (Some(a), None) => agg.share(a.as_str(), None),
            (None, None) => 1.0,
        };
        self.hints = PlanHints {
            roots,
            by_day: share >= BY_DAY_SHARE,
        };
    }
}

/// Query parameters `GET /api/events` accepts.
pub const EVENT_PARAMS: &[&str] = &[
    "actor", "pair", "code", "root", "quad", "from", "to", "limit", "cursor", "offset",
];

impl EventFilter {
    /// Validates the query string of `GET /api/events`.
    pub fn from_params(p: &Params) -> Result<Self, ApiError> {
        let actor = p
            .get("actor")
            .map(|v| ActorRef::parse("actor", v))
            .transpose()?;
        let pair = match p.get("pair") {
            None => None,
            Some(v) => {
                let (a, b) = v.split_once(',').ok_or_else(|| {
                    ApiError::bad_parameter(
                        "pair",
                        format!("{v:?} is not two actors separated by a comma (RUS,ARM)"),
                    )
                })?;
                Some((ActorRef::parse("pair", a)?, ActorRef::parse("pair", b)?))
            }
        };
        let code = p.get("code").map(|v| {
            if (2..=4).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit()) {
                Ok(v.to_string())
            } else {
                Err(ApiError::bad_parameter(
                    "code",
                    format!("{v:?} is not a CAMEO event code (2 to 4 digits)"),
                ))
            }
        });
        let root = p.get("root").map(|v| match v.parse::<u8>() {
            Ok(n @ 1..=20) if v.len() == 2 => Ok(format!("{n:02}")),
            _ => Err(ApiError::bad_parameter(
                "root",
                format!("{v:?} is not a CAMEO root code (01 to 20)"),
            )),
        });
        let mut quad = Vec::new();
        if let Some(v) = p.get("quad") {
            for q in v.split(',') {
                match q.trim().parse::<u8>() {
                    Ok(n @ 1..=4) => quad.push(n),
                    _ => {
                        return Err(ApiError::bad_parameter(
                            "quad",
                            format!(
                                "{q:?} is not a QuadClass (1 to 4; several separated by commas)"
                            ),
                        ))
                    }
                }
            }
        }
        let page = match (p.get("cursor"), p.get("offset")) {
            (Some(_), Some(_)) => {
                return Err(ApiError::bad_parameter(
                    "offset",
                    "give either `cursor` or `offset`, not both",
                ))
            }
            (Some(c), None) => parse_cursor(c)?,
            (None, Some(_)) => Page::Offset(p.int("offset", 0, 10_000_000, 0)?),
            (None, None) => Page::First,
        };
        Ok(EventFilter {
            actor,
            pair,
            code: code.transpose()?,
            root: root.transpose()?,
            quad,
            range: p.day_range()?,
            limit: p.int("limit", 1, 500, 50)?,
            page,
            hints: PlanHints::default(),
        })
    }
}

fn parse_cursor(c: &str) -> Result<Page, ApiError> {
    let bad = || {
        ApiError::bad_parameter(
            "cursor",
            format!("{c:?} is not a cursor from a previous answer's `next_cursor`"),
        )
    };
    let (day, id) = c.split_once('_').ok_or_else(bad)?;
    let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| bad())?;
    let id = id.parse().map_err(|_| bad())?;
    Ok(Page::After(day, id))
}

/// A page of events, newest first.
#[derive(Debug, serde::Serialize)]
pub struct EventPage {
    /// The events.
    pub events: Vec<EventJson>,
    /// Page size asked for.
    pub limit: u64,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
    /// Pass as `offset` for the next page when paging by offset; null otherwise.
    pub next_offset: Option<u64>,
}

/// Lists events matching `f`, newest first.
pub fn list_events(conn: &Connection, f: &EventFilter) -> Result<EventPage, ApiError> {
    let mut sql = format!("SELECT {EVENT_COLUMNS} FROM events e WHERE 1=1");
    let mut args: Vec<Value> = Vec::new();
    let arg = |args: &mut Vec<Value>, v: Value| {
        args.push(v);
        format!("?{}", args.len())
    };
    let h = &f.hints;
    if let Some(a) = &f.actor {
        let n = arg(&mut args, a.as_str().to_string().into());
        let s = on_side(a, "e.source", &n, h.root_of(a), h.by_day);
        let t = on_side(a, "e.target", &n, h.root_of(a), h.by_day);
        sql += &format!(" AND ({s} OR {t})");
    }
    if let Some((a, b)) = &f.pair {
        let na = arg(&mut args, a.as_str().to_string().into());
        let nb = arg(&mut args, b.as_str().to_string().into());
        let sa = on_side(a, "e.source", &na, h.root_of(a), h.by_day);
        let ta = on_side(a, "e.target", &na, h.root_of(a), h.by_day);
        let sb = on_side(b, "e.source", &nb, h.root_of(b), h.by_day);
        let tb = on_side(b, "e.target", &nb, h.root_of(b), h.by_day);
        sql += &format!(" AND (({sa} AND {tb}) OR ({sb} AND {ta}))");
    }
    if let Some(c) = &f.code {
        sql += &format!(" AND e.event_code = {}", arg(&mut args, c.clone().into()));
    }
    if let Some(r) = &f.root {
        sql += &format!(" AND e.root_code = {}", arg(&mut args, r.clone().into()));
    }
    if !f.quad.is_empty() {
        let list: Vec<String> = f.quad.iter().map(|q| q.to_string()).collect();
        sql += &format!(" AND e.quad_class IN ({})", list.join(","));
    }
    if let Some(d) = f.range.from {
        sql += &format!(" AND e.day >= {}", arg(&mut args, d.to_string().into()));
    }
    if let Some(d) = f.range.to {
        sql += &format!(" AND e.day <= {}", arg(&mut args, d.to_string().into()));
    }
    if let Page::After(day, id) = &f.page {
        let nd = arg(&mut args, day.to_string().into());
        let ni = arg(&mut args, (*id).into());
        sql += &format!(" AND (e.day < {nd} OR (e.day = {nd} AND e.id < {ni}))");
    }
    sql += " ORDER BY e.day DESC, e.id DESC";
    sql += &format!(" LIMIT {}", f.limit + 1);
    if let Page::Offset(n) = f.page {
        sql += &format!(" OFFSET {n}");
    }
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut events = stmt
        .query_map(rusqlite::params_from_iter(args), event_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let more = events.len() as u64 > f.limit;
    events.truncate(f.limit as usize);
    let next_cursor = more
        .then(|| events.last().map(|e| format!("{}_{}", e.day, e.id)))
        .flatten();
    let next_offset = match f.page {
        Page::Offset(n) if more => Some(n + f.limit),
        _ => None,
    };
    Ok(EventPage {
        events,
        limit: f.limit,
        next_cursor,
        next_offset,
    })
}

/// One event with every mention, or `None`.
pub fn event(
    conn: &Connection,
    id: i64,
) -> Result<Option<(EventJson, Vec<MentionJson>)>, ApiError> {
    let sql = format!("SELECT {EVENT_COLUMNS} FROM events e WHERE e.id = ?1");
    let Some(ev) = conn
        .prepare_cached(&sql)?
        .query_row([id], event_from_row)
        .optional()?
    else {
        return Ok(None);
    };
    let mentions = mentions(conn, "m.event_id = ?1", id)?;
    Ok(Some((ev, mentions)))
}

fn mentions(conn: &Connection, cond: &str, id: i64) -> Result<Vec<MentionJson>, ApiError> {
    let sql = format!(
        "SELECT m.id, m.event_id, m.sentence_index, m.sentence, m.start, m.\"end\", m.trigger, m.trigger_start, \
         m.trigger_end, m.source_text, m.target_text, m.confidence, \
         d.id, d.doc_key, d.title, d.url, d.published, d.source_name \
         FROM mentions m JOIN documents d ON d.id = m.document_id WHERE {cond} \
         ORDER BY d.published DESC, m.document_id, m.sentence_index, m.trigger_start"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![id], |r| {
        let sentence: String = r.get(3)?;
        let (start, trigger, ts, te) = (r.get(4)?, r.get::<_, String>(6)?, r.get(7)?, r.get(8)?);
        Ok(MentionJson {
            id: r.get(0)?,
            event_id: r.get(1)?,
            sentence_index: r.get(2)?,
            trigger_in_sentence: trigger_in_sentence(&sentence, start, ts, te, &trigger),
            sentence,
            start,
            end: r.get(5)?,
            trigger,
            trigger_start: ts,
            trigger_end: te,
            source_text: r.get(9)?,
            target_text: r.get(10)?,
            confidence: crate::model::round2(r.get(11)?),
            document: DocumentBrief {
                id: r.get(12)?,
                doc_key: r.get(13)?,
                title: r.get(14)?,
                url: r.get(15)?,
                published: r.get(16)?,
                source_name: r.get(17)?,
            },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// One document with its mentions, or `None`.
pub fn document(conn: &Connection, id: i64) -> Result<Option<DocumentJson>, ApiError> {
    let doc = conn
        .prepare_cached(
            "SELECT id, doc_key, url, canonical_url, title, published, source_name, ingested_at, text \
             FROM documents WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(DocumentJson {
                id: r.get(0)?,
                doc_key: r.get(1)?,
                url: r.get(2)?,
                canonical_url: r.get(3)?,
                title: r.get(4)?,
                published: r.get(5)?,
                source_name: r.get(6)?,
                ingested_at: r.get(7)?,
                text: r.get(8)?,
                mentions: Vec::new(),
            })
        })
        .optional()?;
    let Some(mut doc) = doc else { return Ok(None) };
    doc.mentions = mentions(conn, "m.document_id = ?1", id)?;
    doc.mentions
        .sort_by_key(|m| (m.sentence_index, m.trigger_start));
    Ok(Some(doc))
}

/// The newest events, for the overview page.
pub fn latest_events(conn: &Connection, limit: u64) -> Result<Vec<EventJson>, ApiError> {
    let f = EventFilter {
        actor: None,
        pair: None,
        code: None,
        root: None,
        quad: Vec::new(),
        range: DayRange::default(),
        limit,
        page: Page::First,
        hints: PlanHints::default(),
    };
    Ok(list_events(conn, &f)?.events)
}
