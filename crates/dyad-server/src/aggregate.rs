//! An in-memory per-day aggregate of the events table, kept in the server's read
//! path so that a pair's timeline, the top lists and the actor type-ahead answer
//! in milliseconds over millions of events.
//!
//! Why in memory: a pair's timeline straight from SQLite walks the
//! `events_pair_day` index and then reads every event row for its QuadClass and
//! Goldstein value; over a million events the busiest pair (30k events) took
//! ~220 ms. The aggregate holds, per directed pair of full actor codes and day, a
//! count and a Goldstein sum per QuadClass, with an index from each pair of roots
//! to its code pairs, so both `RUS`–`USA` and `RUSGOV`–`USA` answer from memory.
//!
//! It is refreshed incrementally by event id: the store only appends event rows and
//! never changes an event's day, actors or code (they are its unique key), so
//! `id > last seen` is all that can be new. A refresh is checked at most once per
//! [`REFRESH_EVERY`].
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use crate::error::ApiError;
use crate::model::{round2, ActorMatch, Counts};
use crate::params::{ActorRef, DayRange};

/// How often the database is asked whether new events arrived.
pub const REFRESH_EVERY: Duration = Duration::from_millis(500);

/// Events of one QuadClass on one day.
#[derive(Debug, Clone, Copy, Default)]
struct Cell {
    n: u32,
    goldstein: f64,
}

type Days = BTreeMap<i32, [Cell; 4]>;

#[derive(Debug, Default)]
struct ActorEntry {
    root: String,
    name: String,
    events: u64,
}

#[derive(Debug, Default)]
struct State {
    max_id: i64,
    roots: Vec<String>,
    root_ids: HashMap<String, u32>,
    /// Full actor codes and their root ids.
    codes: Vec<(String, u32)>,
    code_ids: HashMap<String, u32>,
    /// (source code, target code) → day → cells.
    pairs: HashMap<(u32, u32), Days>,
    /// (source root, target root) → the code pairs under it.
    by_roots: HashMap<(u32, u32), Vec<(u32, u32)>>,
    /// (source root, target root) → all-time totals, so unbounded top lists need
    /// not walk every day.
    pair_totals: HashMap<(u32, u32), Counts>,
    events: u64,
    actors: HashMap<String, ActorEntry>,
    last_day: Option<i32>,
}

impl State {
    fn root_id(&mut self, root: &str) -> u32 {
        if let Some(&id) = self.root_ids.get(root) {
            return id;
        }
        let id = self.roots.len() as u32;
        self.roots.push(root.to_string());
        self.root_ids.insert(root.to_string(), id);
        id
    }

    fn code_id(&mut self, code: &str, root: u32) -> u32 {
        if let Some(&id) = self.code_ids.get(code) {
            return id;
        }
        let id = self.codes.len() as u32;
        self.codes.push((code.to_string(), root));
        self.code_ids.insert(code.to_string(), id);
        id
    }

    /// Which code ids an actor reference covers.
    fn matcher(&self, a: &ActorRef) -> Option<Matcher> {
        match a {
            ActorRef::Root(r) => self.root_ids.get(r).map(|&id| Matcher::Root(id)),
            ActorRef::Code(c) => self
                .code_ids
                .get(c)
                .map(|&id| Matcher::Code(id, self.codes[id as usize].1)),
        }
    }

    fn add_actor(&mut self, code: &str, name: &str, root: &str) {
        match self.actors.get_mut(code) {
            Some(a) => a.events += 1,
            None => {
                let entry = ActorEntry {
                    root: root.to_string(),
                    name: name.to_string(),
                    events: 1,
                };
                self.actors.insert(code.to_string(), entry);
            }
        }
    }
}

/// A root (all its codes) or one code (with its root).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Matcher {
    Root(u32),
    Code(u32, u32),
}

impl Matcher {
    fn root(self) -> u32 {
        match self {
            Matcher::Root(r) | Matcher::Code(_, r) => r,
        }
    }

    fn covers(self, code: u32) -> bool {
        match self {
            Matcher::Root(_) => true,
            Matcher::Code(c, _) => c == code,
        }
    }
}

/// The aggregate and the bookkeeping of its refreshes.
#[derive(Debug)]
pub struct Aggregate {
    state: RwLock<State>,
    checked: Mutex<Option<Instant>>,
}

/// A pair's day-level counts: `(day, a_is_source, quad, events, goldstein_sum)`.
pub type PairDay = (NaiveDate, bool, u8, u64, f64);

fn day_num(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

fn num_day(n: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(n).unwrap_or_default()
}

fn day_bounds(range: DayRange) -> (i32, i32) {
    (
        range.from.map_or(i32::MIN, day_num),
        range.to.map_or(i32::MAX, day_num),
    )
}

impl Default for Aggregate {
    fn default() -> Self {
        Self::new()
    }
}

impl Aggregate {
    /// An empty aggregate; [`Aggregate::refresh`] fills it.
    pub fn new() -> Self {
        Aggregate {
            state: RwLock::new(State::default()),
            checked: Mutex::new(None),
        }
    }

    /// Reads events newer than the last refresh, unless one ran within
    /// [`REFRESH_EVERY`] (or `force`). Returns how many events were added.
    pub fn refresh(&self, conn: &Connection, force: bool) -> Result<u64, ApiError> {
        let mut checked = self.checked.lock().expect("aggregate lock");
        if !force && checked.is_some_and(|t| t.elapsed() < REFRESH_EVERY) {
            return Ok(0);
        }
        let since = self.state.read().expect("aggregate lock").max_id;
        let max: Option<i64> = conn.query_row("SELECT max(id) FROM events", [], |r| r.get(0))?;
        *checked = Some(Instant::now());
        if max.is_none_or(|m| m <= since) {
            return Ok(0);
        }
        let mut stmt = conn.prepare_cached(
            "SELECT id, day, source_root, target_root, quad_class, goldstein, \
             source_code, source_name, target_code, target_name FROM events WHERE id > ?1",
        )?;
        let mut rows = stmt.query([since])?;
        let mut added = 0;
        // Readers wait while a batch is applied; batches after the first are small.
        let mut st = self.state.write().expect("aggregate lock");
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let day = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
            let Ok(day) = NaiveDate::parse_from_str(day, "%Y-%m-%d") else {
                continue;
            };
            let (sr, tr) = (
                r.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?,
                r.get_ref(3)?.as_str().map_err(rusqlite::Error::from)?,
            );
            let key = (st.root_id(sr), st.root_id(tr));
            let quad: u8 = r.get(4)?;
            let goldstein: f64 = r.get(5)?;
            let d = day_num(day);
            let sc = r.get_ref(6)?.as_str().map_err(rusqlite::Error::from)?;
            let tc = r.get_ref(8)?.as_str().map_err(rusqlite::Error::from)?;
            let codes = (st.code_id(sc, key.0), st.code_id(tc, key.1));
            if !st.pairs.contains_key(&codes) {
                st.by_roots.entry(key).or_default().push(codes);
            }
            let cell = &mut st.pairs.entry(codes).or_default().entry(d).or_default()
                [(quad.clamp(1, 4) - 1) as usize];
            cell.n += 1;
            cell.goldstein += goldstein;
            st.pair_totals
                .entry(key)
                .or_default()
                .add(quad.clamp(1, 4), 1, goldstein);
            st.events += 1;
            let sn = r.get_ref(7)?.as_str().map_err(rusqlite::Error::from)?;
            st.add_actor(sc, sn, sr);
            let tn = r.get_ref(9)?.as_str().map_err(rusqlite::Error::from)?;
            st.add_actor(tc, tn, tr);
            st.last_day = Some(st.last_day.map_or(d, |l| l.max(d)));
            st.max_id = st.max_id.max(id);
            added += 1;
        }
        Ok(added)
    }

    /// Day-level counts between two actors (roots or full codes), both directions.
    pub fn pair_days(&self, a: &ActorRef, b: &ActorRef, range: DayRange) -> Vec<PairDay> {
        let st = self.state.read().expect("aggregate lock");
        let (Some(ma), Some(mb)) = (st.matcher(a), st.matcher(b)) else {
            return Vec::new();
        };
        let (lo, hi) = day_bounds(range);
        let mut out = Vec::new();
        let directions = if ma == mb {
            vec![(ma, mb, true)]
        } else {
            vec![(ma, mb, true), (mb, ma, false)]
        };
        for (x, y, fwd) in directions {
            let Some(code_pairs) = st.by_roots.get(&(x.root(), y.root())) else {
                continue;
            };
            for &(cs, ct) in code_pairs
                .iter()
                .filter(|(cs, ct)| x.covers(*cs) && y.covers(*ct))
            {
                let Some(days) = st.pairs.get(&(cs, ct)) else {
                    continue;
                };
                for (&d, cells) in days.range(lo..=hi) {
                    for (q, c) in cells.iter().enumerate() {
                        if c.n > 0 {
                            out.push((num_day(d), fwd, q as u8 + 1, c.n as u64, c.goldstein));
                        }
                    }
                }
            }
        }
        out
    }

    /// Totals per directed pair of roots over a range of days.
    fn directed_totals(st: &State, range: DayRange) -> Vec<((u32, u32), Counts)> {
        if range == DayRange::default() {
            return st.pair_totals.iter().map(|(&k, &c)| (k, c)).collect();
        }
        let (lo, hi) = day_bounds(range);
        let mut by_root: HashMap<(u32, u32), Counts> = HashMap::new();
        for (&(cs, ct), days) in &st.pairs {
            let key = (st.codes[cs as usize].1, st.codes[ct as usize].1);
            for cells in days.range(lo..=hi).map(|(_, c)| c) {
                for (q, cell) in cells.iter().enumerate() {
                    if cell.n > 0 {
                        by_root.entry(key).or_default().add(
                            q as u8 + 1,
                            cell.n as u64,
                            cell.goldstein,
                        );
                    }
                }
            }
        }
        by_root.into_iter().collect()
    }

    /// The most active pairs of roots, undirected (`a` sorts before `b`).
    pub fn top_pairs(&self, range: DayRange, limit: usize) -> Vec<PairTotal> {
        let st = self.state.read().expect("aggregate lock");
        let mut undirected: HashMap<(u32, u32), Counts> = HashMap::new();
        for ((s, t), c) in Self::directed_totals(&st, range) {
            let key = if st.roots[s as usize] <= st.roots[t as usize] {
                (s, t)
            } else {
                (t, s)
            };
            undirected.entry(key).or_default().merge(&c);
        }
        // Rank on ids first; build names and strings for the kept pairs only.
        let mut ranked: Vec<((u32, u32), Counts)> = undirected.into_iter().collect();
        let name = |id: u32| st.roots[id as usize].as_str();
        ranked.sort_by(|(x, cx), (y, cy)| {
            cy.events
                .cmp(&cx.events)
                .then_with(|| (name(x.0), name(x.1)).cmp(&(name(y.0), name(y.1))))
        });
        ranked.truncate(limit);
        ranked
            .into_iter()
            .map(|((a, b), counts)| PairTotal {
                a: name(a).to_string(),
                b: name(b).to_string(),
                a_name: root_name(&st, name(a)),
                b_name: root_name(&st, name(b)),
                counts,
            })
            .collect()
    }

    /// The roots in the most events, as source or target.
    pub fn top_actors(&self, range: DayRange, limit: usize) -> Vec<ActorTotal> {
        let st = self.state.read().expect("aggregate lock");
        let mut by_root: HashMap<u32, (Counts, u64, u64)> = HashMap::new();
        for ((s, t), c) in Self::directed_totals(&st, range) {
            let e = by_root.entry(s).or_default();
            e.0.merge(&c);
            e.1 += c.events;
            if s != t {
                let e = by_root.entry(t).or_default();
                e.0.merge(&c);
            }
            by_root.entry(t).or_default().2 += c.events;
        }
        let mut v: Vec<ActorTotal> = by_root
            .into_iter()
            .map(|(r, (counts, as_source, as_target))| ActorTotal {
                root: st.roots[r as usize].clone(),
                name: root_name(&st, &st.roots[r as usize]),
                as_source,
                as_target,
                counts,
            })
            .collect();
        v.sort_by(|x, y| {
            y.counts
                .events
                .cmp(&x.counts.events)
                .then_with(|| x.root.cmp(&y.root))
        });
        v.truncate(limit);
        v
    }

    /// Pairs whose mean Goldstein value moved most between the month before
    /// `month` and `month`, among pairs with at least `min_events` in each.
    pub fn shifts(
        &self,
        month: Option<NaiveDate>,
        min_events: u64,
        limit: usize,
    ) -> (Option<NaiveDate>, Vec<Shift>) {
        let month = month.or_else(|| {
            let st = self.state.read().expect("aggregate lock");
            st.last_day.map(num_day)
        });
        let Some(month) = month else {
            return (None, Vec::new());
        };
        let cur_start = month.with_day(1).unwrap_or(month);
        let prev_start = cur_start
            .checked_sub_months(chrono::Months::new(1))
            .unwrap_or(cur_start);
        let cur_end = cur_start
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(cur_start)
            .pred_opt()
            .unwrap_or(cur_start);
        let prev_end = cur_start.pred_opt().unwrap_or(cur_start);
        let cur = self.top_pairs(
            DayRange {
                from: Some(cur_start),
                to: Some(cur_end),
            },
            usize::MAX,
        );
        let prev = self.top_pairs(
            DayRange {
                from: Some(prev_start),
                to: Some(prev_end),
            },
            usize::MAX,
        );
        let prev: HashMap<(String, String), Counts> =
            prev.into_iter().map(|p| ((p.a, p.b), p.counts)).collect();
        let mut v: Vec<Shift> = cur
            .into_iter()
            .filter_map(|p| {
                let before = *prev.get(&(p.a.clone(), p.b.clone()))?;
                if before.events < min_events || p.counts.events < min_events {
                    return None;
                }
                let change = round2(p.counts.goldstein_mean? - before.goldstein_mean?);
                Some(Shift {
                    a: p.a,
                    b: p.b,
                    a_name: p.a_name,
                    b_name: p.b_name,
                    previous: before,
                    current: p.counts,
                    change,
                })
            })
            .collect();
        v.sort_by(|x, y| {
            y.change
                .abs()
                .total_cmp(&x.change.abs())
                .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
        });
        v.truncate(limit);
        (Some(cur_start), v)
    }

    /// Actors whose code starts with `q` or whose name contains it, case-insensitive,
    /// most frequent first.
    pub fn search_actors(&self, q: &str, limit: usize) -> Vec<ActorMatch> {
        let q = q.to_lowercase();
        let st = self.state.read().expect("aggregate lock");
        let mut v: Vec<(u8, &String, &ActorEntry)> = st
            .actors
            .iter()
            .filter_map(|(code, a)| {
                let code_l = code.to_lowercase();
                let name_l = a.name.to_lowercase();
                let rank = if code_l == q {
                    0
                } else if code_l.starts_with(&q) {
                    1
                } else if name_l.starts_with(&q) {
                    2
                } else if name_l.contains(&q) {
                    3
                } else {
                    return None;
                };
                Some((rank, code, a))
            })
            .collect();
        v.sort_by(|x, y| {
            x.0.cmp(&y.0)
                .then(y.2.events.cmp(&x.2.events))
                .then(x.1.cmp(y.1))
        });
        v.into_iter()
            .take(limit)
            .map(|(_, code, a)| ActorMatch {
                code: code.clone(),
                name: a.name.clone(),
                root: a.root.clone(),
                events: a.events,
            })
            .collect()
    }

    /// The root of a full code, when an event names it.
    pub fn root_of(&self, code: &str) -> Option<String> {
        let st = self.state.read().expect("aggregate lock");
        st.actors.get(code).map(|a| a.root.clone())
    }

    /// Share of all events that name this actor (by root or full code), or
    /// this pair when `b` is given (either direction). Guides the query planner.
    pub fn share(&self, a: &str, b: Option<&str>) -> f64 {
        let st = self.state.read().expect("aggregate lock");
        if st.events == 0 {
            return 0.0;
        }
        let n = match b {
            None => match st.root_ids.get(a) {
                Some(&ia) => st
                    .pair_totals
                    .iter()
                    .filter(|((s, t), _)| *s == ia || *t == ia)
                    .map(|(_, c)| c.events)
                    .sum(),
                None => st.actors.get(a).map_or(0, |x| x.events),
            },
            Some(b) => match (st.root_ids.get(a), st.root_ids.get(b)) {
                (Some(&ia), Some(&ib)) => {
                    let one = |k| st.pair_totals.get(&k).map_or(0, |c: &Counts| c.events);
                    one((ia, ib)) + if ia == ib { 0 } else { one((ib, ia)) }
                }
                // Full codes: the smaller side bounds the pair.
                _ => {
                    let count = |x: &str| st.actors.get(x).map_or(0, |e| e.events);
                    count(a).min(count(b))
                }
            },
        };
        n as f64 / st.events as f64
    }

    /// The name of a root, or of a full code, when an event names it.
    pub fn name_of(&self, code: &str) -> Option<String> {
        let st = self.state.read().expect("aggregate lock");
        st.actors.get(code).map(|a| a.name.clone())
    }
}

fn root_name(st: &State, root: &str) -> String {
    st.actors
        .get(root)
        .map_or_else(|| root.to_string(), |a| a.name.clone())
}

/// Events between two roots, either direction.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PairTotal {
    /// First root (sorts first).
    pub a: String,
    /// Second root.
    pub b: String,
    /// Name of `a`.
    pub a_name: String,
    /// Name of `b`.
    pub b_name: String,
    /// Counts, both directions.
    #[serde(flatten)]
    pub counts: Counts,
}

/// Events naming one root.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ActorTotal {
    /// The root.
    pub root: String,
    /// Its name.
    pub name: String,
    /// Events it did.
    pub as_source: u64,
    /// Events done to it.
    pub as_target: u64,
    /// All its events.
    #[serde(flatten)]
    pub counts: Counts,
}

/// A change in a pair's mean Goldstein value from one month to the next.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Shift {
    /// First root.
    pub a: String,
    /// Second root.
    pub b: String,
    /// Name of `a`.
    pub a_name: String,
    /// Name of `b`.
    pub b_name: String,
    /// The month before.
    pub previous: Counts,
    /// The month.
    pub current: Counts,
    /// current − previous mean Goldstein.
    pub change: f64,
}
