//! Reading events and mentions, as lists or streamed one row at a time (for
//! exports of any size).
use rusqlite::params_from_iter;

use super::{actor_selector, Conditions, EventFilter};
use crate::error::{AtPath, Result, StoreError};
use crate::record::{EventRecord, MentionRecord, EVENT_COLUMNS, MENTION_COLUMNS, MENTION_FROM};
use crate::Store;

impl EventFilter {
    /// The WHERE conditions on `events e` for this filter.
    pub(crate) fn conditions(&self) -> Result<Conditions> {
        let mut c = Conditions::default();
        if let Some(a) = &self.actor {
            let a = actor_selector(a)?;
            let s = c.actor_match("source", &a);
            let t = c.actor_match("target", &a);
            c.push(format!("({s} OR {t})"));
        }
        match (&self.source, &self.target) {
            (Some(a), Some(b)) => {
                let (a, b) = (actor_selector(a)?, actor_selector(b)?);
                let forward = format!(
                    "({} AND {})",
                    c.actor_match("source", &a),
                    c.actor_match("target", &b)
                );
                if self.both_directions {
                    let back = format!(
                        "({} AND {})",
                        c.actor_match("source", &b),
                        c.actor_match("target", &a)
                    );
                    c.push(format!("({forward} OR {back})"));
                } else {
                    c.push(forward);
                }
            }
            (Some(a), None) => {
                let m = c.actor_match("source", &actor_selector(a)?);
                c.push(m);
            }
            (None, Some(b)) => {
                let m = c.actor_match("target", &actor_selector(b)?);
                c.push(m);
            }
            (None, None) => {}
        }
        c.code(self.code.as_deref())?;
        if let Some(q) = self.quad_class {
            if !(1..=4).contains(&q) {
                return Err(StoreError::InvalidQuery(format!(
                    "QuadClass {q} is not 1 to 4"
                )));
            }
            let p = c.param(i64::from(q));
            c.push(format!("e.quad_class = {p}"));
        }
        c.days(self.from, self.to);
        Ok(c)
    }

    fn limit_clause(&self) -> String {
        match (self.limit, self.offset) {
            (None, None) => String::new(),
            (l, o) => format!(
                " LIMIT {} OFFSET {}",
                l.map_or(-1, |l| l.min(i64::MAX as u64) as i64),
                o.unwrap_or(0)
            ),
        }
    }
}

impl Store {
    /// Events matching `filter`, by day then id.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<EventRecord>> {
        let mut out = Vec::new();
        self.for_each_event(filter, |e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }

    /// Calls `f` on each event matching `filter`, by day then id, without holding
    /// them all in memory. Stops at the first error `f` returns.
    pub fn for_each_event<F>(&self, filter: &EventFilter, mut f: F) -> Result<()>
    where
        F: FnMut(EventRecord) -> Result<()>,
    {
        let c = filter.conditions()?;
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e{} ORDER BY e.day, e.id{}",
            c.where_clause(),
            filter.limit_clause()
        );
        let mut stmt = self.conn.prepare(&sql).at(&self.path)?;
        let mut rows = stmt.query(params_from_iter(c.params)).at(&self.path)?;
        while let Some(row) = rows.next().at(&self.path)? {
            f(EventRecord::from_row(row, &self.path)?)?;
        }
        Ok(())
    }

    /// One event by id.
    pub fn event(&self, id: i64) -> Result<Option<EventRecord>> {
        let sql = format!("SELECT {EVENT_COLUMNS} FROM events e WHERE e.id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql).at(&self.path)?;
        let mut rows = stmt.query([id]).at(&self.path)?;
        match rows.next().at(&self.path)? {
            Some(row) => Ok(Some(EventRecord::from_row(row, &self.path)?)),
            None => Ok(None),
        }
    }

    /// Mentions of one event, first report first.
    pub fn mentions(&self, event_id: i64) -> Result<Vec<MentionRecord>> {
        let sql = format!(
            "SELECT {MENTION_COLUMNS} FROM {MENTION_FROM} WHERE m.event_id = ?1 ORDER BY m.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql).at(&self.path)?;
        let mut rows = stmt.query([event_id]).at(&self.path)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().at(&self.path)? {
            out.push(MentionRecord::from_row(row, &self.path)?);
        }
        Ok(out)
    }

    /// The first report of an event, whose evidence stands for the event in JSON
    /// lines exports.
    pub fn first_mention(&self, event_id: i64) -> Result<Option<MentionRecord>> {
        let sql = format!(
            "SELECT {MENTION_COLUMNS} FROM {MENTION_FROM} WHERE m.event_id = ?1 ORDER BY m.id LIMIT 1"
        );
        let mut stmt = self.conn.prepare_cached(&sql).at(&self.path)?;
        let mut rows = stmt.query([event_id]).at(&self.path)?;
        match rows.next().at(&self.path)? {
            Some(row) => Ok(Some(MentionRecord::from_row(row, &self.path)?)),
            None => Ok(None),
        }
    }

    /// Calls `f` on each mention of an event matching `filter` (limit and offset
    /// aside), by event day, event id, then mention id.
    pub fn for_each_mention<F>(&self, filter: &EventFilter, mut f: F) -> Result<()>
    where
        F: FnMut(MentionRecord) -> Result<()>,
    {
        let c = filter.conditions()?;
        let sql = format!(
            "SELECT {MENTION_COLUMNS} FROM {MENTION_FROM}{} ORDER BY e.day, e.id, m.id",
            c.where_clause()
        );
        let mut stmt = self.conn.prepare(&sql).at(&self.path)?;
        let mut rows = stmt.query(params_from_iter(c.params)).at(&self.path)?;
        while let Some(row) = rows.next().at(&self.path)? {
            f(MentionRecord::from_row(row, &self.path)?)?;
        }
        Ok(())
    }
}
