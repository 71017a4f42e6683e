//! The CAMEO event-code table: name, Goldstein value, QuadClass and root of every
//! code GDELT uses. The table is a data file (`dict/cameo/event_codes.tsv`), compiled
//! in so the binary works anywhere.
use std::collections::HashMap;

/// What the table says about one event code.
#[derive(Debug, Clone, PartialEq)]
pub struct EventCodeInfo {
    /// The code itself (`112`).
    pub code: String,
    /// GDELT's label.
    pub name: String,
    /// Goldstein scale value, -10 to +10.
    pub goldstein: f64,
    /// QuadClass, 1 to 4.
    pub quad_class: u8,
    /// Two-digit root.
    pub root: String,
    /// Three-digit base code (the root itself for root-level codes).
    pub base: String,
}

/// Error reading an event-code table.
#[derive(Debug, thiserror::Error)]
#[error("event code table, line {line}: {message}")]
pub struct TableError {
    /// 1-based line number in the table.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// All CAMEO event codes, looked up by code.
#[derive(Debug, Clone)]
pub struct EventCodes {
    by_code: HashMap<String, EventCodeInfo>,
}

const BUILTIN: &str = include_str!("../../../dict/cameo/event_codes.tsv");

impl EventCodes {
    /// The table shipped with dyad.
    pub fn builtin() -> Self {
        Self::parse(BUILTIN).expect("the bundled event code table is valid")
    }

    /// Parses a table with the columns `code, name, goldstein, quad_class, root_code,
    /// base_code, ...` and one header row.
    pub fn parse(text: &str) -> Result<Self, TableError> {
        let mut by_code = HashMap::new();
        for (i, line) in text.lines().enumerate().skip(1) {
            if line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let err = |message: String| TableError {
                line: i + 1,
                message,
            };
            if f.len() < 6 {
                return Err(err(format!(
                    "expected at least 6 columns, found {}",
                    f.len()
                )));
            }
            let goldstein: f64 = f[2]
                .parse()
                .map_err(|_| err(format!("goldstein {:?} is not a number", f[2])))?;
            let quad_class: u8 = f[3]
                .parse()
                .ok()
                .filter(|q| (1..=4).contains(q))
                .ok_or_else(|| err(format!("quad_class {:?} is not 1 to 4", f[3])))?;
            by_code.insert(
                f[0].to_string(),
                EventCodeInfo {
                    code: f[0].to_string(),
                    name: f[1].to_string(),
                    goldstein,
                    quad_class,
                    root: f[4].to_string(),
                    base: f[5].to_string(),
                },
            );
        }
        Ok(Self { by_code })
    }

    /// Looks a code up. Codes unknown to GDELT fall back to their base or root code,
    /// so a dictionary may use a CAMEO-only sub-code without losing its score.
    pub fn get(&self, code: &str) -> Option<&EventCodeInfo> {
        self.by_code
            .get(code)
            .or_else(|| code.get(..3).and_then(|c| self.by_code.get(c)))
            .or_else(|| code.get(..2).and_then(|c| self.by_code.get(c)))
    }

    /// True when the code is in the table itself.
    pub fn contains(&self, code: &str) -> bool {
        self.by_code.contains_key(code)
    }

    /// Number of codes in the table.
    pub fn len(&self) -> usize {
        self.by_code.len()
    }

    /// True when the table is empty.
    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_has_every_root_with_its_quad_class() {
        let t = EventCodes::builtin();
        assert!(t.len() > 300);
        for root in 1..=20 {
            let code = format!("{root:02}");
            let info = t.get(&code).unwrap();
            let quad = match root {
                1..=5 => 1,
                6..=9 => 2,
                10..=14 => 3,
                _ => 4,
            };
            assert_eq!(info.quad_class, quad, "root {code}");
        }
        assert_eq!(t.get("195").unwrap().goldstein, -10.0);
    }

    #[test]
    fn unknown_subcode_falls_back_to_base() {
        let t = EventCodes::builtin();
        assert_eq!(t.get("1959").unwrap().code, "195");
        assert!(t.get("99").is_none());
    }

    #[test]
    fn bad_rows_name_their_line() {
        let e = EventCodes::parse("h\n01\tX\tzero\t1\t01\t01\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.to_string().contains("goldstein"));
    }
}
