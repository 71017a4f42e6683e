//! Event patterns (`dict/events/patterns.tsv`): compiled, indexed by their head word,
//! and matched against a sentence's tokens.
use std::collections::{HashMap, HashSet};

use crate::dict::Dictionaries;
use crate::error::DictError;
use crate::lexicon::Inflector;
use crate::tokens::Token;

/// Most words a `*` gap skips.
const GAP: usize = 3;

#[derive(Debug, Clone)]
enum Elem {
    Words(HashSet<String>),
    Gap,
    Target,
}

/// How a pattern's arguments are found and what its complement means.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    /// The head is a noun.
    pub noun: bool,
    /// The relation is mutual.
    pub sym: bool,
    /// A reporting verb: its complement is reported as fact.
    pub speech: bool,
    /// Its complement is not reported as fact.
    pub nofact: bool,
}

/// One compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// CAMEO code, or `None` for a blocking (`-`) pattern.
    pub code: Option<String>,
    /// Flags.
    pub flags: Flags,
    /// The pattern as written, for explanations.
    pub source: String,
    elems: Vec<Elem>,
    literals: usize,
}

/// A pattern matched in a sentence.
#[derive(Debug, Clone)]
pub struct Trigger {
    /// Index of the pattern in the set.
    pub pattern: usize,
    /// Token of the head word.
    pub head: usize,
    /// One past the last token the pattern matched.
    pub end: usize,
    /// Tokens of the literal words matched (for the trigger text).
    pub words: Vec<usize>,
    /// The actor that filled a `T` slot: index into the sentence's mentions.
    pub target: Option<usize>,
}

/// All patterns, indexed by every form of their head word.
#[derive(Debug, Clone, Default)]
pub struct PatternSet {
    patterns: Vec<Pattern>,
    by_head: HashMap<String, Vec<usize>>,
}

impl PatternSet {
    /// Compiles `events/patterns.tsv`, checking every code against the CAMEO table.
    pub fn new(
        dicts: &Dictionaries,
        inflector: &Inflector,
        codes: &dyad_core::cameo::EventCodes,
    ) -> Result<Self, DictError> {
        let mut set = PatternSet::default();
        for row in dicts.rows("events/patterns.tsv") {
            let code = match row.cell(0) {
                "-" => None,
                c if codes.get(c).is_some() => Some(c.to_string()),
                c => return Err(row.error(format!("event code {c:?} is not a CAMEO code"))),
            };
            let mut flags = Flags::default();
            for f in row
                .cell(2)
                .split(',')
                .map(str::trim)
                .filter(|f| !f.is_empty())
            {
                match f {
                    "noun" => flags.noun = true,
                    "sym" => flags.sym = true,
                    "speech" => flags.speech = true,
                    "nofact" => flags.nofact = true,
                    other => return Err(row.error(format!("unknown flag {other:?}"))),
                }
            }
            let source = row.cell(1).to_string();
            let mut elems = Vec::new();
            for part in source.split_whitespace() {
                let elem = match part {
                    "*" => Elem::Gap,
                    "T" => Elem::Target,
                    _ => {
                        let mut words = HashSet::new();
                        for alt in part.split('|').filter(|a| !a.is_empty()) {
                            if let Some(exact) = alt.strip_prefix('=') {
                                words.insert(exact.to_lowercase());
                            } else {
                                // A word written with a hyphen or apostrophe matches its
                                // tokens joined the same way ("cease-fire" → cease - fire).
                                words.extend(inflector.forms(alt));
                            }
                        }
                        Elem::Words(words)
                    }
                };
                elems.push(elem);
            }
            let Some(Elem::Words(heads)) = elems.first() else {
                return Err(row.error("a pattern must start with a word"));
            };
            let literals = elems.iter().filter(|e| matches!(e, Elem::Words(_))).count();
            let idx = set.patterns.len();
            for h in heads {
                set.by_head.entry(h.clone()).or_default().push(idx);
            }
            set.patterns.push(Pattern {
                code,
                flags,
                source,
                elems,
                literals,
            });
        }
        let pats = &set.patterns;
        for list in set.by_head.values_mut() {
            // Most specific first; among equals, later rows (a user's) first.
            // Most literal words first; then a named target slot over a gap; then
            // fewer gaps; among equals, later rows (a user's) first.
            let key = |p: usize| {
                let slots = pats[p]
                    .elems
                    .iter()
                    .filter(|e| matches!(e, Elem::Target))
                    .count();
                let gaps = pats[p]
                    .elems
                    .iter()
                    .filter(|e| matches!(e, Elem::Gap))
                    .count();
                (pats[p].literals, slots, usize::MAX - gaps, p)
            };
            list.sort_by_key(|&p| std::cmp::Reverse(key(p)));
        }
        Ok(set)
    }

    /// The pattern at `idx`.
    pub fn get(&self, idx: usize) -> &Pattern {
        &self.patterns[idx]
    }

    /// Number of patterns.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The best pattern whose head is token `h`, if any. `mention_at` maps a token to
    /// the mention starting there (index and end token). `nominal` says the context
    /// reads as a noun phrase, which decides between a verb and a noun pattern of
    /// equal length.
    pub fn match_at(
        &self,
        tokens: &[Token],
        h: usize,
        mention_at: &HashMap<usize, (usize, usize)>,
        nominal: bool,
    ) -> Option<Trigger> {
        let list = self.by_head.get(&tokens[h].norm)?;
        let mut best: Option<Trigger> = None;
        for &p in list {
            let pat = &self.patterns[p];
            if let Some(b) = &best {
                if self.patterns[b.pattern].literals > pat.literals {
                    break;
                }
            }
            let mut words = vec![h];
            let Some((end, target)) =
                match_elems(&pat.elems[1..], tokens, h + 1, mention_at, &mut words)
            else {
                continue;
            };
            // Equal length: keep the first unless this one fits the context better,
            // or fits as well over fewer words ("holding three workers hostage began
            // talks" holds hostages, not talks).
            let better = best.as_ref().is_none_or(|b| {
                let fits = |q: usize| self.patterns[q].flags.noun == nominal;
                (fits(p) && !fits(b.pattern)) || (fits(p) == fits(b.pattern) && end < b.end)
            });
            if better {
                best = Some(Trigger {
                    pattern: p,
                    head: h,
                    end,
                    words,
                    target,
                });
            }
        }
        best
    }
}

fn match_elems(
    elems: &[Elem],
    tokens: &[Token],
    pos: usize,
    mention_at: &HashMap<usize, (usize, usize)>,
    words: &mut Vec<usize>,
) -> Option<(usize, Option<usize>)> {
    let Some(first) = elems.first() else {
        return Some((pos, None));
    };
    match first {
        Elem::Words(set) => {
            if pos < tokens.len() && set.contains(&tokens[pos].norm) {
                words.push(pos);
                if let Some(r) = match_elems(&elems[1..], tokens, pos + 1, mention_at, words) {
                    return Some(r);
                }
                words.pop();
            }
            None
        }
        Elem::Target => {
            let mut p = pos;
            while p < tokens.len()
                && p < pos + 3
                && (crate::lexicon::is_determiner(&tokens[p].norm)
                    || tokens[p].norm.bytes().all(|b| b.is_ascii_digit())
                    || crate::lexicon::is_number_word(&tokens[p].norm))
            {
                p += 1;
            }
            let &(m, end) = mention_at.get(&p)?;
            let (e, t) = match_elems(&elems[1..], tokens, end, mention_at, words)?;
            Some((e, t.or(Some(m))))
        }
        Elem::Gap => {
            // A name in the gap counts as one word ("sought a symbolic General
            // Assembly resolution").
            let mut p = pos;
            for g in 0..=GAP {
                if g > 0 {
                    let t = tokens.get(p)?;
                    if matches!(t.norm.as_str(), "," | ";" | "." | ":" | "(" | ")") {
                        break;
                    }
                    let next = mention_at.get(&p).map_or(p + 1, |&(_, end)| end.max(p + 1));
                    // The head noun closing a name may be the pattern's next word
                    // ("holding three U.N. workers hostage").
                    if next > p + 1 {
                        let mark = words.len();
                        if let Some(r) =
                            match_elems(&elems[1..], tokens, next - 1, mention_at, words)
                        {
                            return Some(r);
                        }
                        words.truncate(mark);
                    }
                    p = next;
                }
                // Quotation marks are not words ("called the plan \"remarkable\"").
                while tokens
                    .get(p)
                    .is_some_and(|t| matches!(t.norm.as_str(), "\"" | "“" | "”" | "'" | "‘" | "’"))
                {
                    p += 1;
                }
                let mark = words.len();
                if let Some(r) = match_elems(&elems[1..], tokens, p, mention_at, words) {
                    return Some(r);
                }
                words.truncate(mark);
            }
            None
        }
    }
}
