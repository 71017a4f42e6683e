//! Gold annotation files: `dev/gold.jsonl` (`id`, `events`, `acceptable`), the seed's
//! `gold.json` and `docs-dev/gold.jsonl` (`doc_id`, `expected`, `acceptable`,
//! `forbidden`).
use std::path::Path;

use serde::Deserialize;

/// One annotated event: source and target roots, and the CAMEO roots that match it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct GoldEvent {
    /// Source root (`RUS`, `NAT`), or `*` for any in forbidden events.
    pub source: String,
    /// Target root.
    pub target: String,
    /// Accepted CAMEO root codes (`["11"]`), or `["*"]`.
    pub root: Vec<String>,
    /// Either direction matches.
    #[serde(default)]
    pub symmetric: bool,
    /// The annotator's identifier (`E3`), when given.
    #[serde(default)]
    pub id: Option<String>,
    /// Trigger words or evidence, for reports.
    #[serde(default, alias = "evidence")]
    pub trigger: Option<String>,
}

impl GoldEvent {
    /// An event with these roots.
    pub fn new(source: &str, target: &str, roots: &[&str]) -> Self {
        GoldEvent {
            source: source.into(),
            target: target.into(),
            root: roots.iter().map(|r| r.to_string()).collect(),
            ..Default::default()
        }
    }

    /// True when `triple` matches this event.
    pub fn matches(&self, source: &str, target: &str, root: &str) -> bool {
        let side = |gold: &str, out: &str| gold == "*" || gold == out;
        let root_ok = self.root.iter().any(|r| r == "*" || r == root);
        root_ok
            && ((side(&self.source, source) && side(&self.target, target))
                || (self.symmetric && side(&self.source, target) && side(&self.target, source)))
    }
}

/// The gold of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gold {
    /// Document identifier.
    pub doc_id: String,
    /// Events a coder must find.
    pub expected: Vec<GoldEvent>,
    /// Events that are not errors.
    pub acceptable: Vec<GoldEvent>,
    /// Events that must not appear.
    pub forbidden: Vec<GoldEvent>,
}

#[derive(Deserialize)]
struct RawGold {
    #[serde(alias = "id")]
    doc_id: String,
    #[serde(default, alias = "events")]
    expected: Vec<GoldEvent>,
    #[serde(default)]
    acceptable: Vec<GoldEvent>,
    #[serde(default)]
    forbidden: Vec<GoldEvent>,
}

/// Error reading a gold file.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A line is not a gold object.
    #[error("{path}, line {line}: {message}")]
    Parse {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// Reads a gold file: one JSON object (the seed's `gold.json`) or JSON lines.
pub fn load_gold(path: &Path) -> Result<Vec<Gold>, GoldError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| GoldError::Io {
        path: name.clone(),
        source,
    })?;
    let parse = |s: &str, line: usize| {
        serde_json::from_str::<RawGold>(s)
            .map(|r| Gold {
                doc_id: r.doc_id,
                expected: r.expected,
                acceptable: r.acceptable,
                forbidden: r.forbidden,
            })
            .map_err(|e| GoldError::Parse {
                path: name.clone(),
                line,
                message: e.to_string(),
            })
    };
    // A whole-file object first (pretty-printed gold.json), else one object a line.
    if let Ok(one) = parse(&text, 1) {
        return Ok(vec![one]);
    }
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| parse(l, i + 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symmetric_and_wildcards_match() {
        let mut e = GoldEvent::new("ARM", "AZE", &["19"]);
        assert!(e.matches("ARM", "AZE", "19"));
        assert!(!e.matches("AZE", "ARM", "19"));
        e.symmetric = true;
        assert!(e.matches("AZE", "ARM", "19"));
        assert!(!e.matches("AZE", "ARM", "18"));
        let any = GoldEvent::new("CHN", "*", &["*"]);
        assert!(any.matches("CHN", "USA", "04"));
        assert!(!any.matches("USA", "CHN", "04"));
    }

    #[test]
    fn reads_both_file_shapes() {
        let dir = std::env::temp_dir().join(format!("dyad-gold-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let lines = dir.join("g.jsonl");
        std::fs::write(
            &lines,
            "{\"id\":\"a\",\"events\":[{\"source\":\"RUS\",\"target\":\"ARM\",\"root\":[\"11\"]}],\"acceptable\":[]}\n{\"id\":\"b\",\"events\":[]}\n",
        )
        .unwrap();
        let g = load_gold(&lines).unwrap();
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].expected[0].target, "ARM");
        let obj = dir.join("g.json");
        std::fs::write(
            &obj,
            "{\n \"doc_id\": \"s\",\n \"expected\": [],\n \"forbidden\": [{\"source\":\"KEN\",\"target\":\"*\",\"root\":[\"*\"]}]\n}\n",
        )
        .unwrap();
        let g = load_gold(&obj).unwrap();
        assert_eq!(g[0].forbidden.len(), 1);
        std::fs::write(&lines, "{\"id\":\"a\"}\nnot json\n").unwrap();
        let err = load_gold(&lines).unwrap_err().to_string();
        assert!(err.contains("line 2"), "{err}");
    }
}
