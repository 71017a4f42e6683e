//! Boilerplate removal for scraped article text: the lines a news page carries that
//! are not the article (share prompts, "READ ALSO" teasers, "Previous article"
//! links, repeated headlines, image alt text and captions).
//!
//! Line rules are data (`dict/text/boilerplate.tsv`); two structural rules are code:
//! a line repeated verbatim is dropped after its first appearance, and an image's
//! alt text followed by its caption (two lines opening with the same words, the first
//! not a sentence) is dropped.
use regex::RegexSet;

use crate::dict::Dictionaries;
use crate::error::DictError;

/// Compiled boilerplate rules.
#[derive(Debug, Clone)]
pub struct Cleaner {
    exact: Vec<String>,
    prefixes: Vec<String>,
    regexes: RegexSet,
}

impl Cleaner {
    /// Compiles the rules of `text/boilerplate.tsv`.
    pub fn new(dicts: &Dictionaries) -> Result<Self, DictError> {
        let mut exact = Vec::new();
        let mut prefixes = Vec::new();
        let mut patterns = Vec::new();
        for row in dicts.rows("text/boilerplate.tsv") {
            let pattern = row.cell(1);
            if pattern.is_empty() {
                return Err(row.error("empty pattern"));
            }
            match row.cell(0) {
                "line" => exact.push(fold(pattern)),
                "prefix" => prefixes.push(fold(pattern)),
                "regex" => {
                    regex::Regex::new(pattern).map_err(|e| row.error(format!("bad regex: {e}")))?;
                    patterns.push(format!("(?i){pattern}"));
                }
                other => {
                    return Err(row.error(format!("kind {other:?} is not line, prefix or regex")))
                }
            }
        }
        let regexes = RegexSet::new(&patterns).map_err(|e| DictError::BadRow {
            origin: "text/boilerplate.tsv".into(),
            line: 0,
            message: e.to_string(),
        })?;
        Ok(Cleaner {
            exact,
            prefixes,
            regexes,
        })
    }

    /// True when a rule marks the line as boilerplate.
    pub fn is_boilerplate(&self, line: &str) -> bool {
        let f = fold(line);
        if f.is_empty() {
            return false;
        }
        self.exact.contains(&f)
            || self.prefixes.iter().any(|p| f.starts_with(p.as_str()))
            || self.regexes.is_match(line.trim())
    }

    /// Returns the article text without boilerplate lines, one kept line per line.
    pub fn clean(&self, text: &str) -> String {
        let lines: Vec<&str> = text.lines().collect();
        let mut keep = vec![true; lines.len()];
        let mut seen = std::collections::HashSet::new();
        for (i, line) in lines.iter().enumerate() {
            let f = fold(line);
            if f.is_empty() {
                continue;
            }
            if self.is_boilerplate(line) || !seen.insert(f) {
                keep[i] = false;
            }
        }
        // Alt text and caption: a non-sentence line, then a line opening alike.
        for i in 0..lines.len() {
            if !keep[i] || i == 0 {
                continue;
            }
            let Some(j) = (i + 1..lines.len()).find(|&j| !lines[j].trim().is_empty()) else {
                continue;
            };
            if keep[j] && !is_sentence(lines[i]) && same_opening(lines[i], lines[j], 4) {
                keep[i] = false;
                keep[j] = false;
            }
        }
        let mut out = String::with_capacity(text.len());
        for (line, k) in lines.iter().zip(keep) {
            if k && !line.trim().is_empty() {
                out.push_str(line.trim_end());
                out.push('\n');
            } else if !out.ends_with("\n\n") && !out.is_empty() {
                out.push('\n');
            }
        }
        out.truncate(out.trim_end().len());
        out
    }
}

/// Lower case, curly quotes made straight, spaces folded.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in w.chars() {
            let c = match c {
                '\u{2018}' | '\u{2019}' => '\'',
                '\u{201C}' | '\u{201D}' => '"',
                _ => c,
            };
            out.extend(c.to_lowercase());
        }
    }
    out
}

fn is_sentence(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with(['.', '!', '?', '"', '\u{201D}', '\'', '\u{2019}', ':'])
}

fn same_opening(a: &str, b: &str, words: usize) -> bool {
    let wa: Vec<&str> = a.split_whitespace().take(words).collect();
    let wb: Vec<&str> = b.split_whitespace().take(words).collect();
    wa.len() == words && wa == wb
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaner(rules: &str) -> Cleaner {
        let dir =
            std::env::temp_dir().join(format!("dyad-clean-{}-{}", std::process::id(), rules.len()));
        std::fs::create_dir_all(dir.join("text")).unwrap();
        std::fs::write(dir.join("text/boilerplate.tsv"), rules).unwrap();
        let d = Dictionaries::builtin().with_dir(&dir).unwrap();
        Cleaner::new(&d).unwrap()
    }

    #[test]
    fn drops_rule_lines_repeats_and_captions() {
        let c = cleaner("#kind\tpattern\tcomment\nline\tshare this\t\nprefix\tsee also\t\nregex\t^photo: .*$\t\n");
        let text = "Ruritania Sues Neighbour\n\nRuritania Sues Neighbour\nShare this\n\
                    The minister of Ruritania shakes hands with a man in a hat\n\
                    The minister of Ruritania at a summit in 2020.\n\
                    Ruritania sued its neighbour on Monday.\n\
                    SEE ALSO Another story about something else\nPhoto: someone\n\
                    The court will hear the case.";
        let out = c.clean(text);
        assert_eq!(
            out,
            "Ruritania Sues Neighbour\n\nRuritania sued its neighbour on Monday.\n\nThe court will hear the case."
        );
    }

    #[test]
    fn bad_kind_names_the_line() {
        let dir = std::env::temp_dir().join(format!("dyad-clean-bad-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("text")).unwrap();
        std::fs::write(dir.join("text/boilerplate.tsv"), "#h\nlin\tx\t\n").unwrap();
        let d = Dictionaries::builtin().with_dir(&dir).unwrap();
        let e = Cleaner::new(&d).unwrap_err().to_string();
        assert!(e.contains("line 2") && e.contains("lin"), "{e}");
    }
}
