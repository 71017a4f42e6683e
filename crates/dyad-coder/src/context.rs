//! What the coder remembers across a document: the actors named so far, so that
//! "he", "it", "they", "the country" and bare roles ("the government", "police")
//! resolve to the actor they stand for; and the dateline's country.
use std::collections::{HashMap, HashSet};

use dyad_core::Actor;

use crate::actors::{ActorIndex, Mention, MentionKind};
use crate::coder::STATE_LOOKBACK;
use crate::lexicon::{self, PronounKind};
use crate::tokens::Token;

/// What the coder remembers across sentences for pronouns.
#[derive(Debug, Default)]
pub(crate) struct Context {
    pub(crate) last_person: Option<(Actor, usize)>,
    /// States and organisations named so far, latest last.
    pub(crate) states: Vec<Named>,
    pub(crate) last_speaker: Option<(Actor, usize)>,
    /// The latest organisation named ("Hamas", "NATO"), for "the group" or "the
    /// alliance".
    pub(crate) last_org: Option<(Actor, usize)>,
    /// People named in full so far, by surname: "Joly" alone is the Mélanie Joly
    /// named before.
    pub(crate) surnames: HashMap<String, Actor>,
    /// The country of a dateline ("KABUL, Afghanistan -"): where bare roles
    /// ("police", "authorities") belong when nothing else says.
    pub(crate) dateline: Option<Actor>,
    /// How often each state or organisation (by root) has been named, with the
    /// actor that stands for it.
    pub(crate) named: HashMap<String, (usize, Actor)>,
    /// How many events each pair of roots has had (unordered).
    pub(crate) pair_events: HashMap<(String, String), usize>,
}

/// A state or organisation as named in the text.
#[derive(Debug, Clone)]
pub(crate) struct Named {
    pub(crate) actor: Actor,
    pub(crate) sentence: usize,
    /// Named as a subject (not after a preposition, not a possessor).
    pub(crate) subject: bool,
    /// Named as some of its people ("Italian aid workers", "Afghan militants"), not
    /// as the state or its organs.
    pub(crate) people: bool,
}

impl Context {
    /// Counts an event between two roots, for [`Context::counterpart`].
    pub(crate) fn record_event(&mut self, a: &str, b: &str) {
        if a != b {
            let key = if a < b { (a, b) } else { (b, a) };
            *self
                .pair_events
                .entry((key.0.to_string(), key.1.to_string()))
                .or_default() += 1;
        }
    }

    /// The actor a verbal event with no named target is most likely aimed at: the
    /// other party the source has dealt with most in this document so far, else the
    /// other state named most; `None` when two are equally likely.
    pub(crate) fn counterpart(&self, root: &str) -> Option<Actor> {
        self.counterpart_where(root, false)
    }

    /// Like [`Context::counterpart`], but only a party the source has already had
    /// an event with: weaker cues (a criticism naming no one) need that much.
    pub(crate) fn adversary(&self, root: &str) -> Option<Actor> {
        self.counterpart_where(root, true)
    }

    fn counterpart_where(&self, root: &str, dealt_with: bool) -> Option<Actor> {
        let events_with = |r: &str| {
            let key = if root < r { (root, r) } else { (r, root) };
            self.pair_events
                .get(&(key.0.to_string(), key.1.to_string()))
                .copied()
                .unwrap_or(0)
        };
        let score = |r: &str, n: usize| events_with(r) * 3 + n;
        let mut best: Vec<(usize, &Actor)> = self
            .named
            .iter()
            .filter(|(r, _)| r.as_str() != root && (!dealt_with || events_with(r) > 0))
            .map(|(r, (n, a))| (score(r, *n), a))
            .collect();
        best.sort_by_key(|b| std::cmp::Reverse(b.0));
        match best.as_slice() {
            [(s, a)] if *s >= 1 => Some((*a).clone()),
            [(s, a), (t, _), ..] if *s >= 1 && s > t => Some((*a).clone()),
            _ => None,
        }
    }

    /// The state or organisation an "it" (or, with `country_only`, "the country")
    /// most likely stands for: the latest named as a subject, else the latest.
    pub(crate) fn antecedents(&self, si: usize, country_only: bool) -> Vec<Actor> {
        self.antecedents_where(si, country_only, |_| true)
    }

    /// The states "the government" or "the army" may belong to: those named as
    /// states or by their organs, not only by some of their people ("militants
    /// holding Italian aid workers began talks with the government").
    pub(crate) fn governed_antecedents(&self, si: usize) -> Vec<Actor> {
        self.antecedents_where(si, true, |n| !n.people)
    }

    fn antecedents_where(
        &self,
        si: usize,
        country_only: bool,
        keep: impl Fn(&Named) -> bool,
    ) -> Vec<Actor> {
        let fits = |n: &&Named| {
            si - n.sentence <= STATE_LOOKBACK
                && keep(n)
                && (!country_only || n.actor.group.is_none() && n.actor.country.is_some())
        };
        let mut out: Vec<Actor> = Vec::new();
        // "With the White House demanding that it gets access…": an actor named
        // earlier in the same sentence comes first.
        if !country_only {
            for n in self.states.iter().rev().filter(|n| n.sentence == si) {
                if !out.iter().any(|a| a.root() == n.actor.root()) {
                    out.push(n.actor.clone());
                }
            }
        }
        for n in self.states.iter().rev().filter(fits).filter(|n| n.subject) {
            if !out.iter().any(|a| a.root() == n.actor.root()) {
                out.push(n.actor.clone());
            }
        }
        for n in self.states.iter().rev().filter(fits) {
            if !out.iter().any(|a| a.root() == n.actor.root()) {
                out.push(n.actor.clone());
            }
        }
        out
    }
}

/// Plural or collective role words ("police", "protesters", "the government"), which a
/// sentence naming one country places there; a lone "court" or "King" it does not.
pub(crate) fn is_collective(t: &Token) -> bool {
    (!t.is_capitalized()
        && (t.norm.ends_with('s')
            || matches!(
                t.norm.as_str(),
                "police"
                    | "military"
                    | "army"
                    | "government"
                    | "opposition"
                    | "parliament"
                    | "militia"
                    | "junta"
                    | "leadership"
                    | "authorities"
            )))
        // A country's institutions, capitalised as names ("the Senate").
        || matches!(
            t.norm.as_str(),
            "senate" | "congress" | "parliament" | "cabinet" | "legislature"
        )
}

pub(crate) fn recent(slot: &Option<(Actor, usize)>, si: usize, lookback: usize) -> Option<Actor> {
    slot.as_ref()
        .filter(|(_, s)| si - *s <= lookback)
        .map(|(a, _)| a.clone())
}

pub(crate) fn remember(ctx: &mut Context, m: &Mention, si: usize, subject: bool) {
    let a = &m.actor;
    if a.code.is_empty() || m.kind == MentionKind::Pronoun {
        return;
    }
    if m.personal || m.kind == MentionKind::Person {
        ctx.last_person = Some((a.clone(), si));
    }
    if m.kind == MentionKind::Person {
        if let Some(surname) = a
            .name
            .split_whitespace()
            .last()
            .filter(|_| a.name.contains(' '))
        {
            ctx.surnames.insert(surname.to_string(), a.clone());
        }
    }
    if m.kind == MentionKind::Org {
        ctx.last_org = Some((a.clone(), si));
    }
    // The state behind any actor, for "it" and "the country".
    // Groups filed under a country (Hamas) keep their own code: "it attacked" is
    // still the group.
    let keep_code = m.kind == MentionKind::Org;
    let state = Actor {
        code: if keep_code {
            a.code.clone()
        } else {
            a.country.clone().unwrap_or_else(|| a.code.clone())
        },
        country: a.country.clone(),
        group: if a.country.is_some() {
            None
        } else {
            a.group.clone()
        },
        role: None,
        name: a.name.clone(),
        text: a.text.clone(),
    };
    if let Some(r) = state.root() {
        let entry = ctx
            .named
            .entry(r.to_string())
            .or_insert_with(|| (0, state.clone()));
        entry.0 += 1;
    }
    let people = matches!(
        a.role.as_deref(),
        Some("CVL" | "REF" | "MED" | "BUS" | "EDU" | "REB" | "UAF" | "INS" | "CRM" | "LAB")
    );
    ctx.states.push(Named {
        actor: state,
        sentence: si,
        subject,
        people,
    });
    if ctx.states.len() > 32 {
        ctx.states.remove(0);
    }
}

/// A dateline opening the first sentence ("KABUL, Afghanistan -", "BAGHDAD
/// (Reuters) -"), perhaps after a credit ("Los Angeles Times - BAGHDAD —"): its place
/// names are where the story was filed, not actors.
pub(crate) fn dateline(
    actors: &ActorIndex,
    tokens: &[Token],
    mentions: &mut [Mention],
) -> Option<Actor> {
    let is_dash = |t: &Token| matches!(t.norm.as_str(), "-" | "--" | "—" | "–");
    let credit_ends = tokens
        .iter()
        .take(6)
        .position(is_dash)
        .map(|d| d + 1)
        .filter(|&d| d < tokens.len());
    std::iter::once(0)
        .chain(credit_ends)
        .find_map(|from| dateline_at(actors, tokens, mentions, from))
}

fn dateline_at(
    actors: &ActorIndex,
    tokens: &[Token],
    mentions: &mut [Mention],
    from: usize,
) -> Option<Actor> {
    let shouted = |t: &Token| {
        t.is_word
            && t.surface.chars().any(char::is_alphabetic)
            && !t.surface.chars().any(char::is_lowercase)
    };
    // "KABUL, Afghanistan -", "BAGHDAD (Reuters) -", "ISLAMABAD, Oct 5:", "GAZA CITY --".
    let rest = &tokens[from..];
    if !rest.first().is_some_and(shouted) {
        return None;
    }
    let end = rest
        .iter()
        .take(8)
        .position(|t| matches!(t.norm.as_str(), "-" | "--" | "—" | "–" | "(" | ":"))?;
    if end == 0
        || rest[..end]
            .iter()
            .any(|t| t.is_word && t.surface.chars().next().is_some_and(char::is_lowercase))
    {
        return None;
    }
    let place_len = rest[..end].iter().take_while(|t| shouted(t)).count();
    let place: Vec<&str> = rest[..place_len]
        .iter()
        .map(|t| t.surface.as_str())
        .collect();
    let end = from + end;
    // The country named after the place, else the place's own country.
    let country = mentions
        .iter()
        .filter(|m| m.start >= from && m.start < end)
        .find_map(|m| m.actor.country.clone())
        .or_else(|| actors.place_country(&place.join(" ")))?;
    let actor = Actor {
        code: country.clone(),
        name: actors
            .country_name(&country)
            .unwrap_or(&country)
            .to_string(),
        country: Some(country),
        text: place.join(" "),
        ..Default::default()
    };
    for m in mentions.iter_mut().filter(|m| m.start < end) {
        m.actor.code.clear();
        m.kind = MentionKind::Pronoun;
    }
    Some(actor)
}

/// A surname alone ("Joly told the BBC") of someone the document has named in full
/// before: the same person. Not inside a longer capitalised name, nor a month.
pub(crate) fn add_known_surnames(
    tokens: &[Token],
    mentions: &mut Vec<Mention>,
    known: &HashMap<String, Actor>,
) {
    let capitalised = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|t| t.is_word && t.is_capitalized())
    };
    // Most sentences name no one known: look the surnames up first.
    let candidates: Vec<usize> = (0..tokens.len())
        .filter(|&i| capitalised(i) && known.contains_key(&tokens[i].surface))
        .collect();
    if candidates.is_empty() {
        return;
    }
    for i in candidates {
        let t = &tokens[i];
        if mentions.iter().any(|m| m.start <= i && i < m.end)
            || (i > 0 && capitalised(i - 1))
            || capitalised(i + 1)
            || crate::dates::is_date_word(&t.norm)
        {
            continue;
        }
        let Some(a) = known.get(&t.surface) else {
            continue;
        };
        mentions.push(Mention {
            start: i,
            end: i + 1,
            actor: Actor {
                text: t.surface.clone(),
                ..a.clone()
            },
            kind: MentionKind::Person,
            role: a.role.clone(),
            personal: true,
        });
    }
    mentions.sort_by_key(|m| m.start);
}

pub(crate) fn add_pronouns(tokens: &[Token], mentions: &mut Vec<Mention>) {
    let covered: HashSet<usize> = mentions.iter().flat_map(|m| m.start..m.end).collect();
    for (i, t) in tokens.iter().enumerate() {
        if covered.contains(&i) {
            continue;
        }
        let pair = pair_reference(tokens, i);
        let described = described_country(tokens, i).or_else(|| organisation_reference(tokens, i));
        let is_np =
            pair.is_some() || lexicon::pronoun_kind(&t.norm).is_some() || described.is_some();
        if !is_np {
            continue;
        }
        // "It is my hope", "It was another night": "it" before a copula and a
        // determiner stands for nothing.
        let expletive = t.norm == "it"
            && tokens
                .get(i + 1)
                .is_some_and(|n| matches!(n.norm.as_str(), "is" | "was" | "'s"))
            && tokens.get(i + 2).is_some_and(|n| {
                lexicon::is_determiner(&n.norm)
                    || matches!(
                        n.norm.as_str(),
                        "my" | "our"
                            | "another"
                            | "time"
                            | "not"
                            | "clear"
                            | "unclear"
                            | "likely"
                            | "unlikely"
                            | "possible"
                            | "important"
                            | "hard"
                            | "difficult"
                            | "too"
                    )
            });
        if expletive {
            continue;
        }
        let end = pair.or(described).unwrap_or(i + 1);
        if (i..end).any(|k| covered.contains(&k)) {
            continue;
        }
        mentions.push(Mention {
            start: i,
            end,
            actor: Actor::default(),
            kind: MentionKind::Pronoun,
            role: None,
            personal: matches!(t.norm.as_str(), "he" | "she" | "him" | "his" | "her"),
        });
    }
    mentions.sort_by_key(|m| m.start);
}

/// "the country", "this hard-luck nation", "the island": a state referred to by a
/// common noun, with a few words of description; returns the end of the phrase.
fn described_country(tokens: &[Token], i: usize) -> Option<usize> {
    if !matches!(tokens[i].norm.as_str(), "the" | "this") {
        return None;
    }
    (i + 1..(i + 6).min(tokens.len()))
        .take_while(|&k| {
            k == i + 1
                || tokens[k - 1].norm == "-"
                || (tokens[k - 1].is_word && !tokens[k - 1].is_capitalized())
        })
        .find(|&k| {
            matches!(
                tokens[k].norm.as_str(),
                "country" | "nation" | "island" | "kingdom" | "republic" | "emirate"
            )
        })
        .filter(|&k| {
            // Only description between: "the country's", not "the rest of the country".
            tokens[i + 1..k].iter().all(|t| {
                t.norm == "-"
                    || (t.is_word
                        && !lexicon::is_preposition(&t.norm)
                        && !lexicon::is_determiner(&t.norm))
            })
        })
        .map(|k| k + 1)
}

/// "the group", "the militant movement", "the alliance": an organisation referred to
/// by a common noun; returns the end of the phrase. Not "the group of seven".
fn organisation_reference(tokens: &[Token], i: usize) -> Option<usize> {
    if tokens[i].norm != "the" {
        return None;
    }
    let noun = (i + 1..(i + 3).min(tokens.len())).find(|&k| {
        matches!(
            tokens[k].norm.as_str(),
            "group"
                | "movement"
                | "organisation"
                | "organization"
                | "alliance"
                | "bloc"
                | "council"
                | "commission"
                | "agency"
        )
    })?;
    let described = tokens[i + 1..noun]
        .iter()
        .all(|t| t.is_word && !t.is_capitalized() && !lexicon::is_preposition(&t.norm));
    let of_what = tokens.get(noun + 1).is_some_and(|t| t.norm == "of");
    (described && !of_what).then_some(noun + 1)
}

pub(crate) fn pronoun_kind_of(tokens: &[Token], m: &Mention) -> Option<PronounKind> {
    let w = tokens[m.start].norm.as_str();
    if pair_reference(tokens, m.start).is_some() {
        return Some(PronounKind::Pair);
    }
    if organisation_reference(tokens, m.start).is_some() {
        return Some(PronounKind::Organisation);
    }
    if w == "the" || w == "this" {
        return Some(PronounKind::Thing);
    }
    lexicon::pronoun_kind(w)
}

/// "both sides", "both countries", "the two nations": a reference to two states at
/// once; returns the end of the phrase.
fn pair_reference(tokens: &[Token], i: usize) -> Option<usize> {
    let noun_at = match tokens[i].norm.as_str() {
        "both" => i + 1,
        "the" if tokens.get(i + 1).is_some_and(|t| t.norm == "two") => i + 2,
        _ => return None,
    };
    let noun = tokens.get(noun_at)?.norm.as_str();
    matches!(
        noun,
        "sides" | "countries" | "nations" | "neighbours" | "neighbors" | "states" | "governments"
    )
    .then_some(noun_at + 1)
}
