//! Writing documents and their events: deduplication of documents (same key, same
//! content) and of events (one row per day, actor pair and code), with GDELT's
//! counters kept up to date.
//!
//! Each call is one SQLite transaction: a document is stored whole, with all its
//! events and mentions, or not at all. That is what makes an interrupted ingest
//! safe to re-run: whatever was committed is found again by key and skipped.
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use dyad_core::{Actor, Event};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{AtPath, Result};
use crate::store::{day_text, timestamp, Store};

/// A document to store, with the text its events' evidence offsets point into.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewDocument {
    /// Caller's identifier (usually the URL); storing the same key twice adds nothing.
    pub key: String,
    /// Where the document was fetched.
    pub url: Option<String>,
    /// The page's own canonical URL (`<link rel="canonical">`), when given.
    pub canonical_url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication day; the day of events whose date the coder did not find.
    pub published: Option<NaiveDate>,
    /// The outlet (feed name or host) that counts towards `num_sources`. When
    /// `None`, the host of `url` (else `canonical_url`) stands in.
    pub source_name: Option<String>,
    /// The cleaned text that evidence offsets point into.
    pub text: String,
}

/// What [`Store::add_document`] did with a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum AddOutcome {
    /// The document was stored.
    Inserted {
        /// Events seen for the first time.
        events_new: usize,
        /// Events already stored (from other documents) that this one reports again.
        events_merged: usize,
        /// Mentions stored (one per event per sentence and trigger).
        mentions: usize,
    },
    /// The document was already there; nothing was written.
    Duplicate {
        /// Why it counts as a duplicate.
        reason: DuplicateReason,
    },
}

/// Why a document was not stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum DuplicateReason {
    /// A document with the same key is stored.
    SameKey,
    /// A document with the same normalised text is stored under another key (a
    /// syndicated copy, or the same page at another URL).
    SameContent {
        /// The key of the stored document.
        existing_key: String,
    },
}

impl Store {
    /// Stores one document and the events coded from it, all or nothing.
    ///
    /// Events are merged with stored ones on (day, source code, target code, event
    /// code); the day is the event's date, else the document's publication day,
    /// else today. `events[i].doc_id` is ignored: the events belong to `doc`.
    pub fn add_document(&mut self, doc: &NewDocument, events: &[Event]) -> Result<AddOutcome> {
        let mut out = self.add_documents([(doc, events)])?;
        Ok(out.pop().expect("one outcome per document"))
    }

    /// Stores many documents in one transaction, all or nothing: much faster than
    /// one [`Store::add_document`] each, at the cost of redoing the whole batch if
    /// the process dies before the commit. Duplicates within the batch are found
    /// too. Returns one outcome per document, in order.
    pub fn add_documents<'a, I>(&mut self, docs: I) -> Result<Vec<AddOutcome>>
    where
        I: IntoIterator<Item = (&'a NewDocument, &'a [Event])>,
    {
        let now = self.clock.now();
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .at(&path)?;
        let mut outcomes = Vec::new();
        for (doc, events) in docs {
            outcomes.push(add_one(&tx, doc, events, now).at(&path)?);
        }
        tx.commit().at(&path)?;
        Ok(outcomes)
    }

    /// True when a document with this key is stored: lets an ingest skip fetching
    /// and coding what it already has.
    pub fn contains_document(&self, key: &str) -> Result<bool> {
        self.conn
            .prepare_cached("SELECT EXISTS(SELECT 1 FROM documents WHERE doc_key = ?1)")
            .and_then(|mut s| s.query_row([key], |r| r.get(0)))
            .at(&self.path)
    }
}

/// What one document did to one event, accumulated over its mentions.
struct Touch {
    is_new: bool,
    mentions_added: usize,
}

fn add_one(
    tx: &Connection,
    doc: &NewDocument,
    events: &[Event],
    now: DateTime<Utc>,
) -> rusqlite::Result<AddOutcome> {
    let known: Option<i64> = tx
        .prepare_cached("SELECT id FROM documents WHERE doc_key = ?1")?
        .query_row([&doc.key], |r| r.get(0))
        .optional()?;
    if known.is_some() {
        return Ok(AddOutcome::Duplicate {
            reason: DuplicateReason::SameKey,
        });
    }
    let normalised = normalise_text(&doc.text);
    let hash = content_hash(&normalised);
    // Empty text carries no content to compare: two empty pages are not copies.
    if !normalised.is_empty() {
        let existing: Option<String> = tx
            .prepare_cached("SELECT doc_key FROM documents WHERE content_hash = ?1 LIMIT 1")?
            .query_row([&hash], |r| r.get(0))
            .optional()?;
        if let Some(existing_key) = existing {
            return Ok(AddOutcome::Duplicate {
                reason: DuplicateReason::SameContent { existing_key },
            });
        }
    }

    let now_text = timestamp(now);
    let source_name = doc.source_name.clone().or_else(|| {
        doc.url
            .as_deref()
            .or(doc.canonical_url.as_deref())
            .and_then(host_of)
    });
    tx.prepare_cached(
        "INSERT INTO documents (doc_key, url, canonical_url, title, published, source_name,
                                content_hash, text, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        doc.key,
        doc.url,
        doc.canonical_url,
        doc.title,
        doc.published.map(day_text),
        source_name,
        hash,
        doc.text,
        now_text,
    ])?;
    let doc_id = tx.last_insert_rowid();

    let fallback_day = doc.published.unwrap_or_else(|| now.date_naive());
    // Insertion order is kept so that the counters are updated deterministically.
    let mut order: Vec<i64> = Vec::new();
    let mut touched: HashMap<i64, Touch> = HashMap::new();
    for ev in events {
        let day = day_text(ev.date.unwrap_or(fallback_day));
        let (event_id, is_new) = find_or_insert_event(tx, ev, &day, &now_text)?;
        let added = insert_mention(tx, event_id, doc_id, ev)?;
        let t = touched.entry(event_id).or_insert_with(|| {
            order.push(event_id);
            Touch {
                is_new,
                mentions_added: 0,
            }
        });
        t.mentions_added += added;
    }

    let mut outcome = (0, 0, 0);
    for event_id in order {
        let t = &touched[&event_id];
        if t.mentions_added == 0 {
            continue;
        }
        update_counters(tx, event_id, doc_id, source_name.as_deref(), t, &now_text)?;
        if t.is_new {
            outcome.0 += 1;
        } else {
            outcome.1 += 1;
        }
        outcome.2 += t.mentions_added;
    }
    Ok(AddOutcome::Inserted {
        events_new: outcome.0,
        events_merged: outcome.1,
        mentions: outcome.2,
    })
}

/// Returns the id of the event row for this event's key, inserting it when new.
fn find_or_insert_event(
    tx: &Connection,
    ev: &Event,
    day: &str,
    now: &str,
) -> rusqlite::Result<(i64, bool)> {
    let found: Option<i64> = tx
        .prepare_cached(
            "SELECT id FROM events
             WHERE day = ?1 AND source_code = ?2 AND target_code = ?3 AND event_code = ?4",
        )?
        .query_row(
            params![day, ev.source.code, ev.target.code, ev.event_code],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = found {
        return Ok((id, false));
    }
    let (base, root) = base_and_root(ev);
    let s = ActorColumns::of(&ev.source);
    let t = ActorColumns::of(&ev.target);
    tx.prepare_cached(
        "INSERT INTO events (day,
            source_code, source_root, source_country, source_group, source_role, source_name,
            target_code, target_root, target_country, target_group, target_role, target_name,
            event_code, base_code, root_code, quad_class, goldstein, is_root_event,
            first_seen, last_seen)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
                 ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20)",
    )?
    .execute(params![
        day,
        s.code,
        s.root,
        s.country,
        s.group,
        s.role,
        s.name,
        t.code,
        t.root,
        t.country,
        t.group,
        t.role,
        t.name,
        ev.event_code,
        base,
        root,
        ev.quad_class,
        ev.goldstein,
        ev.is_root_event,
        now,
    ])?;
    Ok((tx.last_insert_rowid(), true))
}

/// Stores one mention; returns 1, or 0 when the same mention (same sentence and
/// trigger) is already stored for this document.
fn insert_mention(
    tx: &Connection,
    event_id: i64,
    doc_id: i64,
    ev: &Event,
) -> rusqlite::Result<usize> {
    let e = &ev.evidence;
    tx.prepare_cached(
        "INSERT OR IGNORE INTO mentions (event_id, document_id, sentence_index, sentence,
            start, \"end\", trigger, trigger_start, trigger_end, source_text, target_text,
            confidence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        event_id,
        doc_id,
        e.sentence_index as i64,
        e.sentence,
        e.start as i64,
        e.end as i64,
        e.trigger,
        e.trigger_start as i64,
        e.trigger_end as i64,
        ev.source.text,
        ev.target.text,
        f64::from(ev.confidence),
    ])
}

/// Adds one document's mentions to an event's GDELT counters: every mention counts
/// (NumMentions), the document once (NumArticles), its outlet once unless another
/// document of that outlet already reported the event (NumSources).
fn update_counters(
    tx: &Connection,
    event_id: i64,
    doc_id: i64,
    source_name: Option<&str>,
    t: &Touch,
    now: &str,
) -> rusqlite::Result<()> {
    let source_seen: bool = match source_name {
        None => false,
        Some(name) => tx
            .prepare_cached(
                "SELECT EXISTS(SELECT 1 FROM mentions m JOIN documents d ON d.id = m.document_id
                 WHERE m.event_id = ?1 AND m.document_id <> ?2 AND d.source_name = ?3)",
            )?
            .query_row(params![event_id, doc_id, name], |r| r.get(0))?,
    };
    tx.prepare_cached(
        "UPDATE events SET num_mentions = num_mentions + ?2, num_articles = num_articles + 1,
             num_sources = num_sources + ?3, last_seen = ?4
         WHERE id = ?1",
    )?
    .execute(params![
        event_id,
        t.mentions_added as i64,
        i64::from(!source_seen),
        now
    ])?;
    Ok(())
}

/// The actor columns of the events table.
struct ActorColumns<'a> {
    code: &'a str,
    root: &'a str,
    country: Option<&'a str>,
    group: Option<&'a str>,
    role: Option<&'a str>,
    name: &'a str,
}

impl<'a> ActorColumns<'a> {
    fn of(a: &'a Actor) -> Self {
        ActorColumns {
            code: &a.code,
            root: a.root().unwrap_or(""),
            country: a.country.as_deref(),
            group: a.group.as_deref(),
            role: a.role.as_deref(),
            name: &a.name,
        }
    }
}

/// The event's base and root codes, derived from its code when the coder left
/// them empty.
fn base_and_root(ev: &Event) -> (String, String) {
    let code = ev.event_code.as_str();
    let base = if ev.base_code.is_empty() {
        code.get(..3).unwrap_or(code).to_string()
    } else {
        ev.base_code.clone()
    };
    let root = if ev.root_code.is_empty() {
        code.get(..2).unwrap_or(code).to_string()
    } else {
        ev.root_code.clone()
    };
    (base, root)
}

/// The text that two copies of one article share: letters and digits, lowercased,
/// words joined by single spaces. Punctuation, typographic quotes and layout
/// whitespace, which syndication often changes, are dropped.
pub fn normalise_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// SHA-256 of normalised text, as lowercase hex (the `content_hash` column).
pub fn content_hash(normalised: &str) -> String {
    let digest = Sha256::digest(normalised.as_bytes());
    let mut hex = String::with_capacity(64);
    for b in digest.iter() {
        hex.push(char::from_digit(u32::from(b >> 4), 16).expect("nibble"));
        hex.push(char::from_digit(u32::from(b & 15), 16).expect("nibble"));
    }
    hex
}

/// The host of a URL, lowercased and without `www.`: the stand-in outlet name.
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    let host = host.trim_start_matches("www.").to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_ignores_layout_and_punctuation() {
        let a = normalise_text("Russia  \u{201c}accused\u{201d}\nUkraine.");
        let b = normalise_text("russia \"accused\" ukraine");
        assert_eq!(a, b);
        assert_eq!(a, "russia accused ukraine");
        assert_eq!(content_hash(&a), content_hash(&b));
        assert_eq!(content_hash("").len(), 64);
        assert_eq!(
            content_hash(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn hosts_stand_in_for_outlets() {
        assert_eq!(
            host_of("https://www.Reuters.com/world/x?y=1").as_deref(),
            Some("reuters.com")
        );
        assert_eq!(
            host_of("http://user@example.org:8080").as_deref(),
            Some("example.org")
        );
        assert_eq!(host_of("").as_deref(), None);
    }
}
