//! Who is most active: top actors and top pairs by number of events.
use chrono::NaiveDate;
use rusqlite::params_from_iter;
use serde::{Deserialize, Serialize};

use super::Conditions;
use crate::error::{AtPath, Result};
use crate::Store;

/// Whether actors are counted by root (`RUS`) or by full code (`RUSGOV`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorLevel {
    /// Country, else known group.
    #[default]
    Root,
    /// Full CAMEO actor code.
    Code,
}

impl ActorLevel {
    fn column(self, side: &str) -> String {
        match self {
            ActorLevel::Root => format!("e.{side}_root"),
            ActorLevel::Code => format!("e.{side}_code"),
        }
    }
}

/// What to rank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TopQuery {
    /// Count roots or full codes.
    pub level: ActorLevel,
    /// Pairs only: count `a → b` and `b → a` together.
    pub undirected: bool,
    /// Only event codes with this prefix.
    pub code: Option<String>,
    /// First day, inclusive.
    pub from: Option<NaiveDate>,
    /// Last day, inclusive.
    pub to: Option<NaiveDate>,
    /// How many rows.
    pub limit: u64,
}

impl Default for TopQuery {
    fn default() -> Self {
        TopQuery {
            level: ActorLevel::Root,
            undirected: false,
            code: None,
            from: None,
            to: None,
            limit: 20,
        }
    }
}

/// One actor's activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorCount {
    /// Root or code.
    pub actor: String,
    /// A name stored for it (for a root, the name of the actor whose code is the root).
    pub name: Option<String>,
    /// Events it takes part in (an event with the actor on both sides counts once).
    pub events: u64,
    /// Events where it acts.
    pub as_source: u64,
    /// Events where it is acted upon.
    pub as_target: u64,
    /// Mentions of those events.
    pub mentions: u64,
}

/// One pair's activity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairCount {
    /// The acting side (for undirected pairs, the first in alphabetical order).
    pub source: String,
    /// The side acted upon.
    pub target: String,
    /// Distinct events.
    pub events: u64,
    /// Their mentions.
    pub mentions: u64,
    /// Sum of their Goldstein values.
    pub goldstein_sum: f64,
    /// Mean Goldstein value per event.
    pub goldstein_mean: f64,
}

impl TopQuery {
    fn conditions(&self) -> Result<Conditions> {
        let mut c = Conditions::default();
        c.code(self.code.as_deref())?;
        c.days(self.from, self.to);
        Ok(c)
    }
}

impl Store {
    /// The actors in most events, most active first (ties by name of actor).
    /// Events whose actor is unknown on a side don't count for that side.
    pub fn top_actors(&self, q: &TopQuery) -> Result<Vec<ActorCount>> {
        let c = q.conditions()?;
        let (s, t) = (q.level.column("source"), q.level.column("target"));
        let name = |side: &str| match q.level {
            ActorLevel::Root => {
                format!("CASE WHEN e.{side}_code = e.{side}_root THEN e.{side}_name END")
            }
            ActorLevel::Code => format!("e.{side}_name"),
        };
        let where_ = c.where_clause();
        let sql = format!(
            "WITH sides AS (
                SELECT e.id, {s} AS actor, {sn} AS name, 1 AS src, 0 AS tgt, e.num_mentions AS m
                FROM events e{where_}
                UNION ALL
                SELECT e.id, {t}, {tn}, 0, 1, e.num_mentions FROM events e{where_}
             ), per_event AS (
                SELECT actor, MAX(name) AS name, MAX(src) AS src, MAX(tgt) AS tgt, MAX(m) AS m
                FROM sides WHERE actor <> '' GROUP BY actor, id
             )
             SELECT actor, MAX(name), COUNT(*), SUM(src), SUM(tgt), SUM(m)
             FROM per_event GROUP BY actor ORDER BY COUNT(*) DESC, actor LIMIT {limit}",
            sn = name("source"),
            tn = name("target"),
            limit = q.limit,
        );
        let mut stmt = self.conn.prepare(&sql).at(&self.path)?;
        let mut rows = stmt.query(params_from_iter(c.params)).at(&self.path)?;
        let mut out = Vec::new();
        let n = |v: i64| v.max(0) as u64;
        while let Some(r) = rows.next().at(&self.path)? {
            out.push(ActorCount {
                actor: r.get(0).at(&self.path)?,
                name: r.get(1).at(&self.path)?,
                events: n(r.get(2).at(&self.path)?),
                as_source: n(r.get(3).at(&self.path)?),
                as_target: n(r.get(4).at(&self.path)?),
                mentions: n(r.get(5).at(&self.path)?),
            });
        }
        Ok(out)
    }

    /// The pairs with most events, most active first. Events with an unknown actor
    /// are left out.
    pub fn top_pairs(&self, q: &TopQuery) -> Result<Vec<PairCount>> {
        let mut c = q.conditions()?;
        let (s, t) = (q.level.column("source"), q.level.column("target"));
        c.push(format!("{s} <> '' AND {t} <> ''"));
        let (a, b) = if q.undirected {
            (format!("MIN({s}, {t})"), format!("MAX({s}, {t})"))
        } else {
            (s, t)
        };
        let sql = format!(
            "SELECT {a} AS a, {b} AS b, COUNT(*), SUM(e.num_mentions), SUM(e.goldstein)
             FROM events e{where_} GROUP BY a, b ORDER BY COUNT(*) DESC, a, b LIMIT {limit}",
            where_ = c.where_clause(),
            limit = q.limit,
        );
        let mut stmt = self.conn.prepare(&sql).at(&self.path)?;
        let mut rows = stmt.query(params_from_iter(c.params)).at(&self.path)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().at(&self.path)? {
            let events = r.get::<_, i64>(2).at(&self.path)?.max(0) as u64;
            let goldstein_sum: f64 = r.get(4).at(&self.path)?;
            out.push(PairCount {
                source: r.get(0).at(&self.path)?,
                target: r.get(1).at(&self.path)?,
                events,
                mentions: r.get::<_, i64>(3).at(&self.path)?.max(0) as u64,
                goldstein_sum,
                goldstein_mean: goldstein_sum / events.max(1) as f64,
            });
        }
        Ok(out)
    }
}
