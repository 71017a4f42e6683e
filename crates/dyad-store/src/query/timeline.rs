//! How relations between two actors evolve: events, mentions and Goldstein sums
//! per period, by direction and QuadClass.
use chrono::NaiveDate;
use rusqlite::params_from_iter;
use serde::{Deserialize, Serialize};

use super::{actor_selector, Conditions};
use crate::error::{AtPath, Result};
use crate::record::parse_day;
use crate::Store;

/// The period events are counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    /// Calendar day.
    #[default]
    Day,
    /// ISO week, starting on Monday.
    Week,
    /// Calendar month.
    Month,
}

impl Bucket {
    /// SQL giving the first day of the period holding `e.day`.
    fn period_start(self) -> &'static str {
        match self {
            Bucket::Day => "e.day",
            // Back six days, then forward to the next Monday: the Monday on or before.
            Bucket::Week => "date(e.day, '-6 days', 'weekday 1')",
            Bucket::Month => "strftime('%Y-%m-01', e.day)",
        }
    }
}

/// A pair's timeline: `a` acting on `b` (and `b` on `a` with `both_directions`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineQuery {
    /// First actor (root or code prefix).
    pub a: String,
    /// Second actor (root or code prefix).
    pub b: String,
    /// Also count `b` acting on `a`.
    #[serde(default)]
    pub both_directions: bool,
    /// Period.
    #[serde(default)]
    pub bucket: Bucket,
    /// Only event codes with this prefix.
    #[serde(default)]
    pub code: Option<String>,
    /// First day, inclusive.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Last day, inclusive.
    #[serde(default)]
    pub to: Option<NaiveDate>,
}

/// Events of one direction and QuadClass in one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineRow {
    /// First day of the period.
    pub period: NaiveDate,
    /// The acting side, as asked (`a` or `b` of the query).
    pub source: String,
    /// The side acted upon.
    pub target: String,
    /// QuadClass, 1 to 4.
    pub quad_class: u8,
    /// Distinct events.
    pub events: u64,
    /// Their mentions.
    pub mentions: u64,
    /// Sum of their Goldstein values (each event once).
    pub goldstein_sum: f64,
    /// Mean Goldstein value per event.
    pub goldstein_mean: f64,
}

impl Store {
    /// Counts and Goldstein sums per period for a pair, one row per (period,
    /// direction, QuadClass) that has events, in time order.
    pub fn timeline(&self, q: &TimelineQuery) -> Result<Vec<TimelineRow>> {
        let (a, b) = (actor_selector(&q.a)?, actor_selector(&q.b)?);
        let mut c = Conditions::default();
        let forward = format!(
            "({} AND {})",
            c.actor_match("source", &a),
            c.actor_match("target", &b)
        );
        if q.both_directions {
            let back = format!(
                "({} AND {})",
                c.actor_match("source", &b),
                c.actor_match("target", &a)
            );
            c.push(format!("({forward} OR {back})"));
        } else {
            c.push(forward.clone());
        }
        c.code(q.code.as_deref())?;
        c.days(q.from, q.to);
        let sql = format!(
            "SELECT {period} AS period, CASE WHEN {forward} THEN 0 ELSE 1 END AS backward,
                    e.quad_class, COUNT(*), SUM(e.num_mentions), SUM(e.goldstein)
             FROM events e{where_}
             GROUP BY period, backward, e.quad_class
             ORDER BY period, backward, e.quad_class",
            period = q.bucket.period_start(),
            where_ = c.where_clause(),
        );
        let mut stmt = self.conn.prepare(&sql).at(&self.path)?;
        let mut rows = stmt.query(params_from_iter(c.params)).at(&self.path)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().at(&self.path)? {
            let period: String = r.get(0).at(&self.path)?;
            let backward: bool = r.get(1).at(&self.path)?;
            let events = r.get::<_, i64>(3).at(&self.path)? as u64;
            let goldstein_sum: f64 = r.get(5).at(&self.path)?;
            let (source, target) = if backward { (&b, &a) } else { (&a, &b) };
            out.push(TimelineRow {
                period: parse_day(&period, &self.path, "events.day")?,
                source: source.clone(),
                target: target.clone(),
                quad_class: r.get(2).at(&self.path)?,
                events,
                mentions: r.get::<_, i64>(4).at(&self.path)? as u64,
                goldstein_sum,
                goldstein_mean: goldstein_sum / events.max(1) as f64,
            });
        }
        Ok(out)
    }
}
