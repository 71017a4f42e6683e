//! Sentence splitting with byte offsets kept, so every event points at its span.
//!
//! Rules: a line break ends a sentence (scraped text puts headlines, bullets and
//! paragraphs on lines of their own, often without a full stop); within a line, `.`,
//! `!` or `?` (with any closing quotes) followed by a space and an upper-case letter,
//! a digit or an opening quote ends one, unless the word before is an abbreviation
//! ("Gen.", "Jan.", "U.S." before a name). Over-long runs are cut at a space so that
//! no sentence exceeds [`MAX_SENTENCE_BYTES`].

/// Longest sentence handed to the coder; longer runs are cut at a space.
pub const MAX_SENTENCE_BYTES: usize = 1200;

/// A sentence: byte offsets into the text it was split from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "gov",
    "sen", "rep", "rev", "st", "jr", "sr", "no", "vs", "etc", "inc", "corp", "co", "ltd", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft",
    "pres", "amb", "gens", "hon", "approx", "est", "dept", "univ",
];

/// Words that start a new sentence after "U.S." and the like.
const SENTENCE_STARTERS: &[&str] = &[
    "The", "It", "He", "She", "They", "We", "But", "In", "This", "That", "A", "An", "On", "As",
    "His", "Her", "Their", "Its", "I", "There",
];

/// Splits `text` into sentences.
pub fn split(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        split_line(text, line_start, line_end, &mut out);
        line_start = line_end;
    }
    out
}

fn split_line(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let line = &text[start..end];
    let bytes = line.as_bytes();
    let mut sent_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'.' || b == b'!' || b == b'?' {
            // Swallow closing quotes and brackets.
            let mut j = i + 1;
            while j < bytes.len() {
                let rest = &line[j..];
                let c = rest.chars().next().unwrap_or(' ');
                if matches!(c, '"' | '\'' | ')' | '\u{201D}' | '\u{2019}' | ']') {
                    j += c.len_utf8();
                } else {
                    break;
                }
            }
            let rest = &line[j..];
            let after_space = rest.trim_start_matches([' ', '\t']);
            let spaced = after_space.len() < rest.len()
                && starts_sentence(after_space)
                && !(b == b'.' && is_abbreviation(&line[sent_start..i], after_space));
            if spaced || run_together(&line[sent_start..i], rest) {
                push(start + sent_start, start + j, text, out);
                sent_start = j;
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    push(start + sent_start, end, text, out);
}

/// Scraped text often loses the space between paragraphs ("as a physician.Police
/// arrested", "on Wednesday.The", "of reason\".\"The"): a stop right after a lower-case word of three or
/// more letters (or a closing quote) and right before a capitalised word still ends
/// a sentence. Dotted acronyms ("U.S.A") and domains ("bbc.co.uk") do not match.
fn run_together(before: &str, rest: &str) -> bool {
    let rest = rest.trim_start_matches(['"', '\u{201C}']);
    let first: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    let mut letters = first.chars();
    let capitalised = letters.next().is_some_and(char::is_uppercase)
        && first.chars().count() >= 2
        && (first.chars().skip(1).all(char::is_lowercase) || first.chars().all(char::is_uppercase));
    if !capitalised {
        return false;
    }
    let before = before.trim_end_matches(['"', '\u{201D}']);
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect();
    word.chars().count() >= 3 && word.chars().skip(1).all(char::is_lowercase)
}

fn starts_sentence(s: &str) -> bool {
    s.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(c, '"' | '\u{201C}' | '\u{2018}' | '\'' | '(')
    })
}

fn is_abbreviation(before: &str, after: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // Initials ("J. Smith") and dotted acronyms ("U.S. President"): no break unless
    // what follows plainly opens a sentence.
    let is_initial = word.len() == 1 && word.chars().all(|c| c.is_uppercase());
    let is_acronym = word.contains('.') && word.chars().all(|c| c.is_uppercase() || c == '.');
    if is_initial || is_acronym {
        let next = after.split_whitespace().next().unwrap_or("");
        return !SENTENCE_STARTERS.contains(&next);
    }
    false
}

fn push(mut s: usize, mut e: usize, text: &str, out: &mut Vec<Span>) {
    // Trim white space and list bullets.
    let seg = &text[s..e];
    let lead = seg.len()
        - seg
            .trim_start_matches(|c: char| {
                c.is_whitespace()
                    || matches!(c, '\u{2022}' | '*' | '\u{2013}' | '\u{25CF}' | '\u{25AA}')
            })
            .len();
    s += lead;
    e = s + text[s..e].trim_end().len();
    while e > s {
        let mut cut = e;
        if e - s > MAX_SENTENCE_BYTES {
            let limit = floor_char(text, s + MAX_SENTENCE_BYTES);
            cut = text[s..limit]
                .rfind(char::is_whitespace)
                .map(|p| s + p)
                .filter(|&p| p > s)
                .unwrap_or(limit);
        }
        if text[s..cut].chars().any(char::is_alphanumeric) {
            out.push(Span { start: s, end: cut });
        }
        s = cut;
        s += text[s..e].len() - text[s..e].trim_start().len();
    }
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        split(t).into_iter().map(|s| &t[s.start..s.end]).collect()
    }

    #[test]
    fn splits_on_stops_and_lines_not_abbreviations() {
        let t = "Gen. Smith met U.S. President Jones in Jan. 2020. They talked.\n  \u{2022} A bullet without stop\n\"Quoted.\" He said.";
        assert_eq!(
            sents(t),
            vec![
                "Gen. Smith met U.S. President Jones in Jan. 2020.",
                "They talked.",
                "A bullet without stop",
                "\"Quoted.\"",
                "He said."
            ]
        );
        assert_eq!(
            sents("as a physician.Police arrested him. It was \"wrong\".\"The UN.UN staff left bbc.co.uk today"),
            vec!["as a physician.", "Police arrested him.", "It was \"wrong\".\"", "The UN.UN staff left bbc.co.uk today"]
        );
        assert_eq!(
            sents("It left the U.S. The end."),
            vec!["It left the U.S.", "The end."]
        );
    }

    #[test]
    fn long_runs_are_cut_at_spaces() {
        let t = "word ".repeat(1000);
        let s = split(&t);
        assert!(s.len() >= 4);
        assert!(s.iter().all(|s| s.end - s.start <= MAX_SENTENCE_BYTES));
    }

    proptest::proptest! {
        #[test]
        fn spans_are_ordered_within_bounds(t in "\\PC{0,300}") {
            let spans = split(&t);
            let mut last = 0;
            for s in spans {
                proptest::prop_assert!(s.start >= last && s.start < s.end && s.end <= t.len());
                proptest::prop_assert!(t.is_char_boundary(s.start) && t.is_char_boundary(s.end));
                last = s.end;
            }
        }
    }
}
