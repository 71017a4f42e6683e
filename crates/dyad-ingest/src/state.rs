//! What ingest remembers between runs, in its own JSON file next to the database
//! (`dyad.db` → `dyad.db-ingest.json`): HTTP validators (ETag, Last-Modified) per URL
//! for conditional requests, and the feed items already ingested.
//!
//! Nothing is remembered until the caller says the document is stored
//! ([`crate::SourceReader::commit`]), and the file is replaced atomically, so a run
//! killed at any moment at worst fetches again what the store already has.
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::error::{IngestError, Result};

/// Validators of one fetched URL, sent back as If-None-Match / If-Modified-Since.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validators {
    /// The ETag header, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// The Last-Modified header, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// When they were recorded (Unix seconds), to drop the oldest first.
    #[serde(default)]
    pub recorded: i64,
}

impl Validators {
    /// True when there is something to send.
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// What to remember about a document once it is stored.
#[derive(Debug, Clone, Default)]
pub(crate) struct Receipt {
    /// The URL requested and the validators its response carried.
    pub validators: Option<(String, Validators)>,
    /// The feed and the item (link) this document came from.
    pub feed_item: Option<(String, String)>,
}

/// Most URLs whose validators are kept; the oldest go first.
const MAX_VALIDATORS: usize = 200_000;
/// Most items remembered per feed; the oldest go first.
const MAX_SEEN_PER_FEED: usize = 5_000;

/// The remembered state, as stored in the JSON file.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct IngestState {
    #[serde(default)]
    version: u32,
    /// URL → validators.
    #[serde(default)]
    validators: BTreeMap<String, Validators>,
    /// Feed URL → item link → when first ingested (Unix seconds).
    #[serde(default)]
    seen: BTreeMap<String, BTreeMap<String, i64>>,
    /// Feed URL → its validators, held back until the listed items are done.
    #[serde(skip)]
    pending_feeds: HashMap<String, (Validators, HashSet<String>)>,
    #[serde(skip)]
    dirty: bool,
}

impl IngestState {
    /// Reads the state file; a missing file is an empty state, and so is a damaged
    /// one (with a warning): losing it only costs refetching.
    pub fn load(path: &Path) -> IngestState {
        match std::fs::read(path) {
            Ok(bytes) => match serde_json::from_slice(&bytes) {
                Ok(state) => state,
                Err(e) => {
                    tracing::warn!(path = %path.display(), error = %e, "ingest state unreadable, starting afresh");
                    IngestState::default()
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => IngestState::default(),
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e, "ingest state unreadable, starting afresh");
                IngestState::default()
            }
        }
    }

    /// Writes to a temporary file and renames it over the old one.
    pub fn save(&mut self, path: &Path) -> Result<()> {
        if !self.dirty {
            return Ok(());
        }
        self.prune();
        self.version = 1;
        let err = |reason: String| IngestError::State {
            path: path.to_path_buf(),
            reason,
        };
        let tmp = tmp_path(path);
        let json = serde_json::to_vec(self).map_err(|e| err(e.to_string()))?;
        let mut file = std::fs::File::create(&tmp).map_err(|e| err(e.to_string()))?;
        file.write_all(&json).map_err(|e| err(e.to_string()))?;
        file.sync_all().map_err(|e| err(e.to_string()))?;
        std::fs::rename(&tmp, path).map_err(|e| err(e.to_string()))?;
        self.dirty = false;
        Ok(())
    }

    pub fn validators(&self, url: &str) -> Option<&Validators> {
        self.validators.get(url)
    }

    pub fn remember_validators(&mut self, url: &str, mut v: Validators) {
        if v.is_empty() {
            return;
        }
        v.recorded = Utc::now().timestamp();
        self.validators.insert(url.to_string(), v);
        self.dirty = true;
    }

    pub fn is_seen(&self, feed: &str, item: &str) -> bool {
        self.seen.get(feed).is_some_and(|m| m.contains_key(item))
    }

    pub fn mark_seen(&mut self, feed: &str, item: &str) {
        let now = Utc::now().timestamp();
        self.seen
            .entry(feed.to_string())
            .or_default()
            .entry(item.to_string())
            .or_insert(now);
        self.dirty = true;
        if let Some((_, items)) = self.pending_feeds.get_mut(feed) {
            items.remove(item);
            if items.is_empty() {
                if let Some((v, _)) = self.pending_feeds.remove(feed) {
                    self.remember_validators(feed, v);
                }
            }
        }
    }

    /// Keeps a feed's validators once all of `items` are seen (now or when the last
    /// is committed), so that a 304 next time cannot hide an item not yet stored.
    pub fn remember_feed_when_done<'a>(
        &mut self,
        feed: &str,
        v: Validators,
        items: impl IntoIterator<Item = &'a str>,
    ) {
        let outstanding: HashSet<String> = items
            .into_iter()
            .filter(|item| !self.is_seen(feed, item))
            .map(str::to_string)
            .collect();
        if outstanding.is_empty() {
            self.remember_validators(feed, v);
        } else {
            self.pending_feeds
                .insert(feed.to_string(), (v, outstanding));
        }
    }

    pub fn commit(&mut self, receipt: &Receipt) {
        if let Some((url, v)) = &receipt.validators {
            self.remember_validators(url, v.clone());
        }
        if let Some((feed, item)) = &receipt.feed_item {
            self.mark_seen(feed, item);
        }
    }

    fn prune(&mut self) {
        if self.validators.len() > MAX_VALIDATORS {
            let mut by_age: Vec<(i64, String)> = self
                .validators
                .iter()
                .map(|(k, v)| (v.recorded, k.clone()))
                .collect();
            by_age.sort();
            let excess = self.validators.len() - MAX_VALIDATORS;
            for (_, k) in by_age.into_iter().take(excess) {
                self.validators.remove(&k);
            }
        }
        for items in self.seen.values_mut() {
            if items.len() > MAX_SEEN_PER_FEED {
                let mut by_age: Vec<(i64, String)> =
                    items.iter().map(|(k, t)| (*t, k.clone())).collect();
                by_age.sort();
                let excess = items.len() - MAX_SEEN_PER_FEED;
                for (_, k) in by_age.into_iter().take(excess) {
                    items.remove(&k);
                }
            }
        }
    }
}

/// The state file that goes with a database file.
pub fn state_path_for(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-ingest.json");
    PathBuf::from(name)
}

fn tmp_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".tmp");
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = state_path_for(&dir.path().join("dyad.db"));
        assert!(path.ends_with("dyad.db-ingest.json"));
        let mut s = IngestState::load(&path);
        s.remember_validators(
            "http://a/x",
            Validators {
                etag: Some("\"v1\"".into()),
                ..Default::default()
            },
        );
        s.mark_seen("http://a/feed", "http://a/x");
        s.save(&path).unwrap();
        let s = IngestState::load(&path);
        assert_eq!(
            s.validators("http://a/x").unwrap().etag.as_deref(),
            Some("\"v1\"")
        );
        assert!(s.is_seen("http://a/feed", "http://a/x"));
        assert!(!s.is_seen("http://a/feed", "http://a/y"));
    }

    #[test]
    fn feed_validators_wait_for_their_items() {
        let mut s = IngestState::default();
        let v = Validators {
            etag: Some("\"f\"".into()),
            ..Default::default()
        };
        s.mark_seen("feed", "a");
        s.remember_feed_when_done("feed", v.clone(), ["a", "b", "c"]);
        assert!(s.validators("feed").is_none());
        s.mark_seen("feed", "b");
        assert!(s.validators("feed").is_none());
        s.mark_seen("feed", "c");
        assert_eq!(s.validators("feed").unwrap().etag, v.etag);
    }

    #[test]
    fn damaged_file_is_an_empty_state() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        std::fs::write(&path, b"{not json").unwrap();
        let s = IngestState::load(&path);
        assert!(s.validators.is_empty());
    }
}
