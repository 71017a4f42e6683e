//! Word forms: the inflections a pattern word matches, and the small word lists the
//! coder reasons with (modality from `dict/text/modality.tsv`; closed-class words).
use std::collections::{HashMap, HashSet};

use crate::dict::Dictionaries;
use crate::error::DictError;

/// Irregular forms by lemma, from `text/irregular_verbs.tsv`.
#[derive(Debug, Clone, Default)]
pub struct Inflector {
    irregular: HashMap<String, Vec<String>>,
}

impl Inflector {
    /// Reads the irregular-verb table.
    pub fn new(dicts: &Dictionaries) -> Self {
        let mut irregular: HashMap<String, Vec<String>> = HashMap::new();
        for row in dicts.rows("text/irregular_verbs.tsv") {
            let lemma = row.cell(0).to_lowercase();
            let forms = irregular.entry(lemma).or_default();
            forms.extend(row.list(1).map(str::to_lowercase));
        }
        Inflector { irregular }
    }

    /// Every form `word` may take: itself, regular -s/-ed/-ing (noun plural
    /// included), and its irregular forms.
    pub fn forms(&self, word: &str) -> Vec<String> {
        let w = word.to_lowercase();
        let mut out = vec![w.clone()];
        if let Some(irr) = self.irregular.get(&w) {
            out.extend(irr.iter().cloned());
        }
        if w.len() < 3 || !w.chars().all(|c| c.is_alphabetic()) {
            return out;
        }
        let last = w.chars().last().unwrap_or(' ');
        let stem_y = w
            .strip_suffix('y')
            .filter(|s| !s.ends_with(['a', 'e', 'i', 'o', 'u']));
        // -s
        if let Some(stem) = stem_y {
            out.push(format!("{stem}ies"));
        } else if w.ends_with(['s', 'x', 'z', 'o']) || w.ends_with("ch") || w.ends_with("sh") {
            out.push(format!("{w}es"));
        } else {
            out.push(format!("{w}s"));
        }
        // -ed and -ing
        if let Some(stem) = stem_y {
            out.push(format!("{stem}ied"));
            out.push(format!("{w}ing"));
        } else if last == 'e' {
            out.push(format!("{w}d"));
            let stem = &w[..w.len() - 1];
            out.push(if w.ends_with("ee") {
                format!("{w}ing")
            } else {
                format!("{stem}ing")
            });
        } else {
            out.push(format!("{w}ed"));
            out.push(format!("{w}ing"));
        }
        out.sort();
        out.dedup();
        out
    }
}

/// What a modality word does to an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modality {
    /// The event did not happen.
    Negation,
    /// The event may happen.
    Hypothetical,
    /// Someone fears the event.
    Fear,
    /// The event is announced for later.
    Future,
}

/// Modality phrases, as token sequences.
#[derive(Debug, Clone, Default)]
pub struct ModalityWords {
    phrases: Vec<(Vec<String>, Modality)>,
}

impl ModalityWords {
    /// Reads `text/modality.tsv`.
    pub fn new(dicts: &Dictionaries) -> Result<Self, DictError> {
        let mut phrases = Vec::new();
        for row in dicts.rows("text/modality.tsv") {
            let kind = match row.cell(1) {
                "negation" => Modality::Negation,
                "hypothetical" => Modality::Hypothetical,
                "fear" => Modality::Fear,
                "future" => Modality::Future,
                other => {
                    return Err(row.error(format!(
                        "kind {other:?} is not negation, hypothetical, fear or future"
                    )))
                }
            };
            let words: Vec<String> = crate::tokens::tokenize(row.cell(0), 0, row.cell(0).len())
                .into_iter()
                .map(|t| t.norm)
                .collect();
            if !words.is_empty() {
                phrases.push((words, kind));
            }
        }
        Ok(ModalityWords { phrases })
    }

    /// The modality whose phrase ends at token `i` of `norms`, if any.
    pub fn ending_at(&self, norms: &[&str], i: usize) -> Option<Modality> {
        self.phrases.iter().find_map(|(words, kind)| {
            let n = words.len();
            (i + 1 >= n && norms[i + 1 - n..=i].iter().zip(words).all(|(a, b)| *a == b))
                .then_some(*kind)
        })
    }
}

/// Evaluative phrases that make a statement a criticism, threat or praise
/// (`dict/text/appraisal.tsv`).
#[derive(Debug, Clone, Default)]
pub struct Appraisals {
    phrases: Vec<(Vec<String>, String)>,
}

impl Appraisals {
    /// Reads `text/appraisal.tsv`.
    pub fn new(dicts: &Dictionaries) -> Result<Self, DictError> {
        let mut phrases = Vec::new();
        for row in dicts.rows("text/appraisal.tsv") {
            let code = row.cell(1);
            if code.len() < 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(row.error(format!("code {code:?} is not a CAMEO event code")));
            }
            let words: Vec<String> = crate::tokens::tokenize(row.cell(0), 0, row.cell(0).len())
                .into_iter()
                .map(|t| t.norm)
                .collect();
            if !words.is_empty() {
                phrases.push((words, code.to_string()));
            }
        }
        // Longer phrases first: "not acceptable" before "acceptable".
        phrases.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        Ok(Appraisals { phrases })
    }

    /// The code of the first evaluative phrase in `norms[from..to]` said of something
    /// ("the resolution was unfair", "described the call as improper"), not one
    /// describing a noun ("illegal activities"), unless negated by a word just before
    /// it. Threats count wherever they stand ("there would be consequences", "action
    /// would be taken").
    pub fn find_predicate(&self, norms: &[&str], from: usize, to: usize) -> Option<&str> {
        // A quoted phrase is the speaker's own judgement ("a \"despicable\" ceremony").
        let quoted = |i: usize| {
            norms[i.saturating_sub(2)..i]
                .iter()
                .any(|w| matches!(*w, "\"" | "“" | "'" | "‘"))
        };
        self.find_where(norms, from, to, |i, code| {
            code.starts_with("13")
                || quoted(i)
                || norms[i.saturating_sub(3)..i].iter().any(|w| {
                    matches!(
                        *w,
                        "is" | "was"
                            | "are"
                            | "were"
                            | "be"
                            | "been"
                            | "being"
                            | "'s"
                            | "as"
                            | "seemed"
                            | "like"
                    )
                })
        })
    }

    fn find_where(
        &self,
        norms: &[&str],
        from: usize,
        to: usize,
        accept: impl Fn(usize, &str) -> bool,
    ) -> Option<&str> {
        let to = to.min(norms.len());
        for i in from..to {
            for (words, code) in &self.phrases {
                let n = words.len();
                if i + n > to
                    || !norms[i..i + n].iter().zip(words).all(|(a, b)| *a == b)
                    || !accept(i, code)
                {
                    continue;
                }
                let negated = norms[i.saturating_sub(2)..i]
                    .iter()
                    .any(|w| matches!(*w, "not" | "n't" | "no" | "never" | "without"))
                    && words[0] != "no"
                    && words[0] != "not";
                if !negated {
                    return Some(code);
                }
            }
        }
        None
    }
}

/// Words that open a prepositional phrase: an actor after one is not a subject.
pub fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "at"
            | "to"
            | "from"
            | "with"
            | "of"
            | "by"
            | "for"
            | "against"
            | "on"
            | "into"
            | "between"
            | "among"
            | "toward"
            | "towards"
            | "under"
            | "over"
            | "across"
            | "near"
            | "about"
            | "like"
            | "than"
            | "onto"
            | "upon"
            | "within"
            | "without"
            | "through"
            | "throughout"
            | "via"
            | "including"
            | "inside"
            | "outside"
            | "during"
            | "amid"
            | "despite"
            | "behind"
            | "beyond"
            | "around"
            | "alongside"
            | "unlike"
            | "per"
    )
}

/// Determiners and similar words skipped when looking at what precedes an actor.
pub fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "this"
            | "that"
            | "these"
            | "those"
            | "some"
            | "several"
            | "both"
            | "all"
            | "neighbouring"
            | "neighboring"
            | "fellow"
            | "rival"
            | "ally"
    )
}

/// Small number words ("three U.N. workers").
pub fn is_number_word(w: &str) -> bool {
    matches!(
        w,
        "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "dozens"
            | "hundreds"
            | "thousands"
            | "many"
            | "few"
            | "other"
            | "more"
            | "two-day"
    )
}

/// Forms of "to be" and "to get" that make a following participle passive.
pub fn is_passive_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "is" | "are" | "was" | "were" | "been" | "being" | "be" | "got" | "gets" | "get" | "'s"
    )
}

/// Words that end the clause an argument search runs in.
pub fn is_clause_boundary(w: &str) -> bool {
    matches!(
        w,
        ";" | ":"
            | "but"
            | "while"
            | "whereas"
            | "although"
            | "though"
            | "because"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "where"
            | "when"
            | "if"
            | "unless"
            | "after"
            | "before"
            | "since"
            | "as"
            | "amid"
            | "during"
            | "despite"
            | "following"
            | "so"
            | "yet"
            | "("
            | ")"
            | "\""
            | "until"
            | "whether"
    )
}

/// Prepositions of place: an actor after one is where something happened, not whom
/// it happened to ("talks in Moscow", "signed in Abuja").
pub fn is_locative(w: &str) -> bool {
    matches!(
        w,
        "in" | "at" | "near" | "inside" | "outside" | "around" | "throughout" | "within"
    )
}

/// Pronouns that may stand for an actor.
pub fn pronoun_kind(w: &str) -> Option<PronounKind> {
    match w {
        "he" | "she" | "him" | "his" | "her" => Some(PronounKind::Person),
        "it" | "its" => Some(PronounKind::Thing),
        "we" | "us" | "our" => Some(PronounKind::Speaker),
        "they" | "their" => Some(PronounKind::Group),
        _ => None,
    }
}

/// What a pronoun may refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PronounKind {
    /// he, she: the latest person.
    Person,
    /// it: the latest state or organisation.
    Thing,
    /// we: the speaker's state or organisation.
    Speaker,
    /// they: the latest plural actor or group in the sentence.
    Group,
    /// "both sides", "the two countries": the last two states named.
    Pair,
    /// "the group", "the alliance": the latest organisation named.
    Organisation,
}

/// A set of words, for quick membership tests.
pub fn word_set(words: &[&str]) -> HashSet<String> {
    words.iter().map(|w| w.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_inflections() {
        let i = Inflector::default();
        let f = i.forms("accuse");
        for w in ["accuse", "accuses", "accused", "accusing"] {
            assert!(f.contains(&w.to_string()), "{w} in {f:?}");
        }
        let f = i.forms("deny");
        for w in ["denies", "denied", "denying"] {
            assert!(f.contains(&w.to_string()), "{w} in {f:?}");
        }
        assert!(i.forms("clash").contains(&"clashes".to_string()));
        assert!(i.forms("agree").contains(&"agreeing".to_string()));
        assert!(i.forms("stay").contains(&"stayed".to_string()));
    }
}
