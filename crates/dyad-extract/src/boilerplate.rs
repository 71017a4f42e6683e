//! Line rules applied to the extracted paragraphs: dyad's data-driven boilerplate
//! (`dict/text/boilerplate.tsv`, shared with the coder's text cleanup, so a scraped text and
//! an HTML page are cleaned alike), the extractor's own page lines (`data/page_lines.tsv`),
//! the headline repeated as the first paragraph, the byline, and repeated captions.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

/// dyad's shared boilerplate rules.
const SHARED_RULES: &str = include_str!("../../../dict/text/boilerplate.tsv");
/// The extractor's own rules, in the same format.
const PAGE_RULES: &str = include_str!("../data/page_lines.tsv");

/// The rules of one or more `boilerplate.tsv` files, compiled.
#[derive(Debug)]
pub struct LineRules {
    lines: HashSet<String>,
    prefixes: Vec<String>,
    /// Each regex with the longest line it can match, if bounded: most rules match
    /// only short lines, and a paragraph longer than that need not be searched.
    regexes: Vec<(Regex, Option<usize>)>,
}

impl LineRules {
    /// Parses rule files in the `boilerplate.tsv` format (header, `#` comments,
    /// `kind<TAB>pattern<TAB>comment`). Rows with an unknown kind or a bad regex are skipped.
    pub fn parse(files: &[&str]) -> LineRules {
        let mut lines = HashSet::new();
        let mut prefixes = Vec::new();
        let mut patterns = Vec::new();
        for file in files {
            for row in file.lines() {
                if row.starts_with('#') || row.trim().is_empty() {
                    continue;
                }
                let mut cells = row.split('\t');
                let (Some(kind), Some(pattern)) = (cells.next(), cells.next()) else {
                    continue;
                };
                let pattern = pattern.trim();
                if pattern.is_empty() {
                    continue;
                }
                match kind.trim() {
                    "line" => {
                        lines.insert(fold_line(pattern));
                    }
                    "prefix" => prefixes.push(fold(pattern)),
                    "regex" => {
                        // ASCII word boundaries keep the fast DFA engine usable on text with
                        // curly quotes and accents; a Unicode `\b` would force a slow fallback.
                        let pattern = pattern.replace(r"\b", r"(?-u:\b)");
                        let case_insensitive = format!("(?i){pattern}");
                        if let Ok(re) = Regex::new(&case_insensitive) {
                            // Only a rule anchored at both ends bounds the line.
                            let longest = regex_syntax::Parser::new()
                                .parse(&case_insensitive)
                                .ok()
                                .filter(|hir| {
                                    let p = hir.properties();
                                    p.look_set_prefix().contains(regex_syntax::hir::Look::Start)
                                        && p.look_set_suffix()
                                            .contains(regex_syntax::hir::Look::End)
                                })
                                .and_then(|hir| hir.properties().maximum_len());
                            patterns.push((re, longest));
                        }
                    }
                    _ => {}
                }
            }
        }
        LineRules {
            lines,
            prefixes,
            regexes: patterns,
        }
    }

    /// True when `line` is boilerplate.
    pub fn matches(&self, line: &str) -> bool {
        let line = line.trim();
        let folded = fold(line);
        self.lines.contains(&fold_line(&folded))
            || self.prefixes.iter().any(|p| folded.starts_with(p.as_str()))
            || self
                .regexes
                .iter()
                .any(|(re, longest)| longest.is_none_or(|n| line.len() <= n) && re.is_match(line))
    }
}

static RULES: LazyLock<LineRules> = LazyLock::new(|| LineRules::parse(&[SHARED_RULES, PAGE_RULES]));

/// The built-in rules (shared and extractor's own).
pub fn builtin_rules() -> &'static LineRules {
    &RULES
}

/// Lowercase, with typographic apostrophes made plain, for comparing lines.
fn fold(s: &str) -> String {
    s.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'")
}

/// A `line` rule ignores trailing punctuation ("Advertisement." is "Advertisement").
fn fold_line(s: &str) -> String {
    fold(s)
        .trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '…' || c.is_whitespace())
        .to_string()
}

/// Applies the line rules and joins the kept paragraphs with blank lines.
pub(crate) fn clean_paragraphs(
    paragraphs: Vec<String>,
    title: Option<&str>,
    byline: Option<&str>,
) -> String {
    let title = title.map(comparable);
    let byline = byline.map(comparable).filter(|b| !b.is_empty());
    let mut seen: HashSet<String> = HashSet::new();
    let mut kept: Vec<String> = Vec::with_capacity(paragraphs.len());
    for (i, para) in paragraphs.into_iter().enumerate() {
        let key = comparable(&para);
        if key.is_empty() {
            continue;
        }
        // The headline near the top of the text.
        if i < 4 && title.as_deref().is_some_and(|t| t == key) {
            continue;
        }
        if let Some(b) = &byline {
            if key == *b || key.strip_prefix("by ").is_some_and(|k| k == b) {
                continue;
            }
        }
        if RULES.matches(&para) {
            continue;
        }
        // A caption or teaser repeated further down (galleries repeat theirs).
        if key.split(' ').count() >= 6 && !seen.insert(key) {
            continue;
        }
        kept.push(para);
    }
    kept.join("\n\n")
}

/// Letters and digits only, lowercased: "Talks resume!" and "talks  resume" compare equal.
fn comparable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn rules_parse_all_kinds() {
        let rules = LineRules::parse(&["kind\tpattern\tcomment\nline\tAdvertisement\tad\nprefix\tRead more:\tteaser\nregex\t^image \\d+ of\tgallery\nregex\t(\tbroken\n"]);
        assert!(rules.matches("ADVERTISEMENT"));
        assert!(rules.matches("Advertisement."));
        assert!(rules.matches("Read More: another story"));
        assert!(rules.matches("Image 3 of 9"));
        assert!(!rules.matches("An advertisement campaign was launched."));
    }

    #[test]
    fn length_bounds_skip_only_anchored_rules() {
        let rules = LineRules::parse(&[
            "kind\tpattern\tcomment\nregex\t^(share|tweet)( (share|tweet)){0,3}$\tshare bar\nregex\tsponsored content\tunanchored\n",
        ]);
        assert!(rules.matches("Share Tweet"));
        assert!(!rules.matches(&"Share Tweet ".repeat(20)));
        // An unanchored rule matches inside a line of any length.
        let long = format!(
            "{} sponsored content {}",
            "word ".repeat(100),
            "word ".repeat(100)
        );
        assert!(rules.matches(&long));
    }

    #[test]
    fn comparable_keeps_letters_digits_and_single_spaces() {
        assert_eq!(comparable("  Talks  RESUME! (2024) "), "talks resume 2024");
        assert_eq!(comparable("a - b"), "a b");
        assert_eq!(comparable("e-mail"), "email");
    }

    #[test]
    fn headline_byline_and_repeats_go() {
        let text = clean_paragraphs(
            paras(&[
                "Talks resume",
                "By Jane Doe",
                "Body one has seven words in it.",
                "Share Tweet Email",
                "Body two.",
                "Body one has seven words in it.",
            ]),
            Some("Talks Resume!"),
            Some("Jane Doe"),
        );
        assert_eq!(text, "Body one has seven words in it.\n\nBody two.");
    }
}
