//! Line rules applied to the extracted paragraphs: dyad's data-driven boilerplate
//! (`dict/text/boilerplate.tsv`, shared with the coder's text cleanup, so a scraped text and
//! an HTML page are cleaned alike), the extractor's own page lines (`data/page_lines.tsv`),
//! the headline repeated as the first paragraph, the byline, and repeated captions.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use regex_syntax::hir::{Class, Hir, HirKind};

/// dyad's shared boilerplate rules.
const SHARED_RULES: &str = include_str!("../../../dict/text/boilerplate.tsv");
/// The extractor's own rules, in the same format.
const PAGE_RULES: &str = include_str!("../data/page_lines.tsv");

/// The rules of one or more `boilerplate.tsv` files, compiled.
#[derive(Debug)]
pub struct LineRules {
    lines: HashSet<String>,
    /// Characters in the longest of `lines`.
    longest_line: usize,
    /// The `prefix` rules (folded), by their first byte: a line is compared only with
    /// those that start as it does, not with all of them.
    prefixes: PrefixTable,
    /// Characters in the longest of `prefixes`.
    longest_prefix: usize,
    regexes: Vec<RegexRule>,
}

/// A regex rule, with what a line must be like for it to match: a search costs more
/// to start than to run on a short line, and most rules can be ruled out without one.
#[derive(Debug)]
struct RegexRule {
    re: Regex,
    /// The longest line it can match, if bounded: most rules match only short lines,
    /// and a paragraph longer than that need not be searched.
    longest: Option<usize>,
    /// The bytes a matching line can start with, if the rule is anchored at the start
    /// and cannot match an empty line (`^(share|tweet)`).
    first_bytes: Option<ByteSet>,
}

impl RegexRule {
    fn new(pattern: &str) -> Option<RegexRule> {
        let re = Regex::new(pattern).ok()?;
        let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
        let props = hir.properties();
        let at_start = props
            .look_set_prefix()
            .contains(regex_syntax::hir::Look::Start);
        let at_end = props
            .look_set_suffix()
            .contains(regex_syntax::hir::Look::End);
        // Only a rule anchored at both ends bounds the line.
        let longest = (at_start && at_end).then(|| props.maximum_len()).flatten();
        let first_bytes = at_start.then(|| ByteSet::of_first_bytes(&hir)).flatten();
        Some(RegexRule {
            re,
            longest,
            first_bytes,
        })
    }

    fn is_match(&self, line: &str) -> bool {
        let first = line.as_bytes().first().copied();
        self.longest.is_none_or(|n| line.len() <= n)
            && self
                .first_bytes
                .as_ref()
                .is_none_or(|set| first.is_some_and(|b| set.contains(b)))
            && self.re.is_match(line)
    }
}

/// A set of bytes.
#[derive(Debug, Default)]
struct ByteSet([u64; 4]);

impl ByteSet {
    /// The first bytes of every match of `hir`, unless it can match the empty string.
    fn of_first_bytes(hir: &Hir) -> Option<ByteSet> {
        let mut set = ByteSet::default();
        let nullable = set.add_first_bytes(hir);
        (!nullable).then_some(set)
    }

    /// Adds the bytes a match of `hir` can start with; true if it can match the empty
    /// string (then what follows it can start the match too).
    fn add_first_bytes(&mut self, hir: &Hir) -> bool {
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => true,
            HirKind::Literal(lit) => lit.0.first().is_none_or(|&b| {
                self.insert_range(b, b);
                false
            }),
            HirKind::Class(Class::Bytes(class)) => {
                for r in class.ranges() {
                    self.insert_range(r.start(), r.end());
                }
                false
            }
            // UTF-8 lead bytes grow with the code point: a range's leads lie between
            // those of its ends.
            HirKind::Class(Class::Unicode(class)) => {
                for r in class.ranges() {
                    self.insert_range(utf8_lead(r.start()), utf8_lead(r.end()));
                }
                false
            }
            HirKind::Repetition(rep) => self.add_first_bytes(&rep.sub) || rep.min == 0,
            HirKind::Capture(cap) => self.add_first_bytes(&cap.sub),
            HirKind::Concat(parts) => parts.iter().all(|part| self.add_first_bytes(part)),
            // Every alternative counts (no short cut).
            HirKind::Alternation(alts) => {
                let mut nullable = false;
                for alt in alts {
                    nullable |= self.add_first_bytes(alt);
                }
                nullable
            }
        }
    }

    fn insert_range(&mut self, from: u8, to: u8) {
        for b in from..=to {
            self.0[usize::from(b >> 6)] |= 1 << (b & 63);
        }
    }

    fn contains(&self, b: u8) -> bool {
        self.0[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }
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
                        patterns.extend(RegexRule::new(&case_insensitive));
                    }
                    _ => {}
                }
            }
        }
        let chars = |s: &String| s.chars().count();
        LineRules {
            longest_line: lines.iter().map(chars).max().unwrap_or(0),
            lines,
            longest_prefix: prefixes.iter().map(chars).max().unwrap_or(0),
            prefixes: PrefixTable::new(prefixes),
            regexes: patterns,
        }
    }

    /// True when `line` is boilerplate.
    pub fn matches(&self, line: &str) -> bool {
        let line = line.trim();
        self.matches_line(line)
            || self.matches_prefix(line)
            || self.regexes.iter().any(|rule| rule.is_match(line))
    }

    /// Folding costs more than the lookups (non-ASCII text is lowercased a character at a
    /// time), so a paragraph is folded only when it may be as short as a `line` rule.
    fn matches_line(&self, line: &str) -> bool {
        // Folding never shortens a line (in characters) nor turns its last letters into
        // punctuation (typographic apostrophes it makes plain): a line whose end-trimmed
        // form is longer than every `line` rule cannot match one.
        let core =
            line.trim_end_matches(|c: char| is_line_end(c) || matches!(c, '\u{2019}' | '\u{2018}'));
        core.chars().nth(self.longest_line).is_none()
            && self.lines.contains(trim_line_end(&fold(line)))
    }

    /// Only the start of the line is folded: as many characters as the longest prefix,
    /// and on to the end of the word, as the lowercase of a word (final sigma) depends on
    /// the word alone.
    fn matches_prefix(&self, line: &str) -> bool {
        // An ASCII first byte folds to its lowercase: with no rule starting so, nothing
        // need be folded.
        if let Some(&first) = line.as_bytes().first() {
            if first.is_ascii()
                && self
                    .prefixes
                    .starting_with(first.to_ascii_lowercase())
                    .is_empty()
            {
                return false;
            }
        }
        let head = match line.char_indices().nth(self.longest_prefix) {
            Some((at, _)) => line[at..]
                .find(char::is_whitespace)
                .map_or(line, |end| &line[..at + end]),
            None => line,
        };
        let folded = fold(head);
        let Some(&first) = folded.as_bytes().first() else {
            return false;
        };
        self.prefixes
            .starting_with(first)
            .iter()
            .any(|p| folded.starts_with(p.as_str()))
    }
}

/// Prefix rules grouped by their first byte (none is empty).
#[derive(Debug)]
struct PrefixTable(Vec<Vec<String>>);

impl PrefixTable {
    fn new(prefixes: Vec<String>) -> PrefixTable {
        let mut table = vec![Vec::new(); 256];
        for p in prefixes {
            if let Some(&first) = p.as_bytes().first() {
                table[usize::from(first)].push(p);
            }
        }
        PrefixTable(table)
    }

    /// The prefixes whose first byte is `first`.
    fn starting_with(&self, first: u8) -> &[String] {
        &self.0[usize::from(first)]
    }
}

static RULES: LazyLock<LineRules> = LazyLock::new(|| LineRules::parse(&[SHARED_RULES, PAGE_RULES]));

/// The built-in rules (shared and extractor's own).
pub fn builtin_rules() -> &'static LineRules {
    &RULES
}

/// The first byte of `c` in UTF-8.
fn utf8_lead(c: char) -> u8 {
    let mut buf = [0u8; 4];
    c.encode_utf8(&mut buf);
    buf[0]
}

/// Lowercase, with typographic apostrophes made plain, for comparing lines.
fn fold(s: &str) -> String {
    let lower = s.to_lowercase();
    if lower.contains(['\u{2019}', '\u{2018}']) {
        lower.replace(['\u{2019}', '\u{2018}'], "'")
    } else {
        lower
    }
}

/// A `line` rule ignores trailing punctuation ("Advertisement." is "Advertisement").
fn fold_line(s: &str) -> String {
    trim_line_end(&fold(s)).to_string()
}

/// `s` without its trailing punctuation and white space.
fn trim_line_end(s: &str) -> &str {
    s.trim_end_matches(is_line_end)
}

/// Trailing characters a `line` rule ignores.
fn is_line_end(c: char) -> bool {
    c.is_ascii_punctuation() || c == '…' || c.is_whitespace()
}

/// Applies the line rules and joins the kept paragraphs with blank lines.
pub(crate) fn clean_paragraphs(
    paragraphs: Vec<String>,
    title: Option<&str>,
    byline: Option<&str>,
) -> String {
    let title = title.map(comparable);
    let byline = byline.map(comparable).filter(|b| !b.is_empty());
    let words_of = |t: &String| t.split(' ').count();
    let (title_words, byline_words) = (title.as_ref().map(words_of), byline.as_ref().map(words_of));
    // Paragraphs seen, by the digest of their comparable form.
    let mut seen: HashSet<u64> = HashSet::new();
    let mut kept: Vec<String> = Vec::with_capacity(paragraphs.len());
    for (i, para) in paragraphs.into_iter().enumerate() {
        let (digest, words) = comparable_digest(&para);
        if words == 0 {
            continue;
        }
        // The headline near the top of the text, or the byline: compared only with a
        // paragraph of as many words.
        let may_be_title = i < 4 && title_words == Some(words);
        let may_be_byline = byline_words.is_some_and(|b| b == words || b + 1 == words);
        if may_be_title || may_be_byline {
            let key = comparable(&para);
            if may_be_title && title.as_deref().is_some_and(|t| t == key) {
                continue;
            }
            if let Some(b) = &byline {
                if key == *b || key.strip_prefix("by ").is_some_and(|k| k == b) {
                    continue;
                }
            }
        }
        if RULES.matches(&para) {
            continue;
        }
        // A caption or teaser repeated further down (galleries repeat theirs).
        if words >= 6 && !seen.insert(digest) {
            continue;
        }
        kept.push(para);
    }
    kept.join("\n\n")
}

/// A 64-bit digest of [`comparable`]`(s)` (FNV-1a over its bytes) and its number of
/// words, without building it.
fn comparable_digest(s: &str) -> (u64, usize) {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            hash = (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    let mut words = 0usize;
    let mut space = false;
    let mut buf = [0u8; 4];
    for c in s.chars() {
        if c.is_alphanumeric() {
            if words == 0 || space {
                if words > 0 {
                    feed(b" ");
                }
                words += 1;
            }
            space = false;
            if c.is_ascii() {
                feed(&[c.to_ascii_lowercase() as u8]);
            } else {
                for l in c.to_lowercase() {
                    feed(l.encode_utf8(&mut buf).as_bytes());
                }
            }
        } else if c.is_whitespace() {
            space = true;
        }
    }
    (hash, words)
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
            // Most text is ASCII, whose lowercase is one byte: no case-mapping iterator.
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
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
    fn credit_lines_go_and_sentences_naming_agencies_stay() {
        for credit in [
            "Alexander Nemenov/AFP via Getty Images",
            "The delegations met in Geneva. | © Jane Roe/Getty Images",
            "REUTERS/John Doe",
            "Jane Doe in Paris and John Roe in London contributed to this report.",
        ] {
            assert!(RULES.matches(credit), "{credit}");
        }
        for sentence in [
            "The ministry told Reuters on Monday that the talks had resumed.",
            "Reuters could not verify the footage.",
            "Analysts said the dispute contributed to this year's fall in trade.",
        ] {
            assert!(!RULES.matches(sentence), "{sentence}");
        }
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
    fn first_bytes_rule_out_lines_without_a_search() {
        let first = |pattern: &str| {
            let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
            ByteSet::of_first_bytes(&hir)
        };
        let share = first("(?i)^(share|tweet)( this)?$").unwrap();
        assert!(share.contains(b's') && share.contains(b'S') && share.contains(b'T'));
        assert!(!share.contains(b'x') && !share.contains(b' '));
        let digits = first(r"^[|\-\s]*\d+ min").unwrap();
        assert!(digits.contains(b'7') && digits.contains(b'|') && digits.contains(b'\n'));
        assert!(!digits.contains(b'a'));
        // A rule that can match an empty line cannot be ruled out by its first byte.
        assert!(first(r"^\d*$").is_none());
        let rules = LineRules::parse(&[
            "kind\tpattern\tcomment\nregex\t^(share|tweet)$\tx\nregex\t^é\\d$\ty\n",
        ]);
        assert!(rules.matches("TWEET") && rules.matches("É7") && !rules.matches("a tweet"));
    }

    #[test]
    fn only_the_start_of_a_long_line_is_folded() {
        let rules = LineRules::parse(&[
            "kind\tpattern\tcomment\nprefix\tRead more:\tteaser\nline\tWerbung\tad\n",
        ]);
        let long = format!("READ MORE: Ärger über {}", "Wörter ".repeat(200));
        assert!(rules.matches(&long));
        assert!(rules.matches("Read\u{2019}s") == rules.matches("read's"));
        assert!(rules.matches("WERBUNG…"));
        assert!(!rules.matches(&format!("Werbung {}", "x".repeat(50))));
    }

    #[test]
    fn comparable_keeps_letters_digits_and_single_spaces() {
        assert_eq!(comparable("  Talks  RESUME! (2024) "), "talks resume 2024");
        assert_eq!(comparable("a - b"), "a b");
        assert_eq!(comparable("e-mail"), "email");
    }

    #[test]
    fn digest_is_that_of_the_comparable_form() {
        for (a, b) in [
            ("Talks  RESUME! (2024)", "talks resume 2024"),
            ("e-mail Ünïcode", "email ünïcode"),
        ] {
            assert_eq!(comparable(a), b);
            assert_eq!(comparable_digest(a), comparable_digest(b));
        }
        assert_eq!(comparable_digest("  a - b ").1, 2);
        assert_eq!(comparable_digest(" - ").1, 0);
        assert_ne!(comparable_digest("a b").0, comparable_digest("ab").0);
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
