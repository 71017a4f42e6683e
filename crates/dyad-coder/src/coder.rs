//! The event coder: for each sentence, actor mentions and event triggers, then who
//! is the source and who the target of each trigger, whether it happened, and when.
use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use dyad_core::cameo::EventCodes;
use dyad_core::{Actor, Document, Event, Evidence};

use crate::actors::{ActorIndex, Mention, MentionKind};
use crate::arguments::*;
use crate::clean::Cleaner;
use crate::context::*;
use crate::dict::Dictionaries;
use crate::error::DictError;
use crate::lexicon::{self, Appraisals, Inflector, Modality, ModalityWords, PronounKind};
use crate::patterns::{PatternSet, Trigger};
use crate::reading::*;
use crate::sentences;
use crate::tokens::{tokenize, Token};

/// Sentences a "he" or "she" may look back for its person.
pub(crate) const PERSON_LOOKBACK: usize = 5;
/// Sentences an "it" or "the country" may look back for its state.
pub(crate) const STATE_LOOKBACK: usize = 2;
/// Farthest a target may stand after its trigger, in tokens.
pub(crate) const TARGET_REACH: usize = 14;
/// A statement's target is its addressee, right after the verb ("told Izvestia"):
/// what it is about is too loose a target to code.
const SPEECH_REACH: usize = 2;

/// The result of coding one document.
#[derive(Debug, Clone, Default)]
pub struct CodedDocument {
    /// The document's text after boilerplate removal; evidence offsets point into it.
    pub clean_text: String,
    /// Events found, in text order.
    pub events: Vec<Event>,
    /// Sentences read.
    pub sentences: usize,
}

/// Codes documents with a loaded set of dictionaries. Immutable once built, so one
/// coder serves many threads.
#[derive(Debug, Clone)]
pub struct Coder {
    cleaner: Cleaner,
    actors: ActorIndex,
    patterns: PatternSet,
    modality: ModalityWords,
    appraisals: Appraisals,
    codes: EventCodes,
    /// Print each sentence's mentions and triggers to stderr (`DYAD_TRACE=1`).
    trace: bool,
}

impl Coder {
    /// A coder with the built-in dictionaries.
    pub fn builtin() -> Self {
        Self::new(&Dictionaries::builtin()).expect("the built-in dictionaries are valid")
    }

    /// A coder with these dictionaries.
    pub fn new(dicts: &Dictionaries) -> Result<Self, DictError> {
        let inflector = Inflector::new(dicts);
        let codes = EventCodes::builtin();
        Ok(Coder {
            cleaner: Cleaner::new(dicts)?,
            actors: ActorIndex::new(dicts)?,
            patterns: PatternSet::new(dicts, &inflector, &codes)?,
            modality: ModalityWords::new(dicts)?,
            appraisals: Appraisals::new(dicts)?,
            codes,
            trace: std::env::var_os("DYAD_TRACE").is_some(),
        })
    }

    /// Number of event patterns loaded.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Removes boilerplate lines from a scraped text (as [`Coder::code`] does first).
    pub fn clean(&self, text: &str) -> String {
        self.cleaner.clean(text)
    }

    /// Codes one document.
    pub fn code(&self, doc: &Document) -> CodedDocument {
        let mut raw = String::new();
        if let Some(t) = doc.title.as_deref().filter(|t| !t.trim().is_empty()) {
            if !doc.text.trim_start().starts_with(t.trim()) {
                raw.push_str(t.trim());
                raw.push_str("\n\n");
            }
        }
        raw.push_str(&doc.text);
        let clean = self.cleaner.clean(&raw);
        let spans = sentences::split(&clean);
        let first_para_end = clean.find("\n\n").unwrap_or(clean.len());
        let mut ctx = Context::default();
        let mut events = Vec::new();
        let (mut byte_cursor, mut char_cursor) = (0usize, 0usize);
        for (si, span) in spans.iter().enumerate() {
            char_cursor += clean[byte_cursor..span.start].chars().count();
            byte_cursor = span.start;
            let tokens = tokenize(&clean, span.start, span.end);
            let found = self.code_sentence(&tokens, &clean, si, doc.date, &mut ctx);
            if found.is_empty() {
                continue;
            }
            let dates = crate::dates::resolve_all(&tokens, doc.date);
            let sentence = &clean[span.start..span.end];
            let sent_chars = sentence.chars().count();
            for f in found {
                let Some(info) = self.codes.get(&f.code) else {
                    continue;
                };
                let t_start = char_cursor + clean[span.start..f.trigger_start].chars().count();
                let t_end = t_start + clean[f.trigger_start..f.trigger_end].chars().count();
                events.push(Event {
                    doc_id: doc.id.clone(),
                    event_code: f.code.clone(),
                    root_code: info.root.clone(),
                    base_code: info.base.clone(),
                    quad_class: info.quad_class,
                    goldstein: info.goldstein,
                    // The date named nearest the trigger ("canceled drills in January
                    // and in September announced an exercise").
                    date: dates
                        .iter()
                        .min_by_key(|(pos, _)| pos.abs_diff(f.trigger_token))
                        .map(|(_, d)| *d)
                        .or(doc.date),
                    source: f.source,
                    target: f.target,
                    evidence: Evidence {
                        sentence: sentence.to_string(),
                        sentence_index: si,
                        start: char_cursor,
                        end: char_cursor + sent_chars,
                        trigger: f.trigger_text,
                        trigger_start: t_start,
                        trigger_end: t_end,
                    },
                    confidence: f.confidence,
                    is_root_event: span.start < first_para_end || si < 2,
                });
            }
        }
        CodedDocument {
            clean_text: clean,
            events,
            sentences: spans.len(),
        }
    }

    fn code_sentence(
        &self,
        tokens: &[Token],
        text: &str,
        si: usize,
        date: Option<NaiveDate>,
        ctx: &mut Context,
    ) -> Vec<Found> {
        let mut mentions = self.actors.mentions(tokens, text, date);
        add_known_surnames(tokens, &mut mentions, &ctx.surnames);
        add_pronouns(tokens, &mut mentions);
        let norms: Vec<&str> = tokens.iter().map(|t| t.norm.as_str()).collect();

        // Triggers, left to right; a token already used by a trigger or a name is not
        // a head again.
        let mut used: HashSet<usize> = mentions
            .iter()
            .filter(|m| m.kind != MentionKind::Pronoun)
            .flat_map(|m| m.start..m.end)
            .collect();
        let mention_at: HashMap<usize, (usize, usize)> = mentions
            .iter()
            .enumerate()
            .map(|(i, m)| (m.start, (i, m.end)))
            .collect();
        let mut triggers: Vec<Trigger> = Vec::new();
        for h in 0..tokens.len() {
            if used.contains(&h) || !tokens[h].is_word {
                continue;
            }
            // "Rwandan-backed rebels", "a US-brokered truce": a participle inside a
            // compound adjective describes; it reports no event.
            if h > 0 && tokens[h - 1].norm == "-" && tokens[h].norm.ends_with("ed") {
                continue;
            }
            let nominal = is_nominal(tokens, &mentions, h);
            if let Some(t) = self.patterns.match_at(tokens, h, &mention_at, nominal) {
                // The words a gap skips ("canceled military drills") belong to this
                // event too, except actors.
                used.extend(
                    (t.head..t.end)
                        .filter(|&i| !mention_at.contains_key(&i) || t.words.contains(&i)),
                );
                used.extend(t.words.iter().copied());
                triggers.push(t);
            }
        }

        // Resolve pronouns and bare roles in text order, remembering actors as we go.
        // The speaker of this sentence (for "we") is the source of its first speech verb.
        let speaker = triggers
            .iter()
            .find(|t| self.patterns.get(t.pattern).flags.speech)
            .and_then(|t| {
                let s = subject_left(tokens, &mentions, t.head, &[], 0)
                    .first()
                    .copied();
                s.or_else(|| inverted_speaker(tokens, &mentions, t.head, t.end))
            });
        if si == 0 {
            ctx.dateline = dateline(&self.actors, tokens, &mut mentions);
        }
        let mut alternatives: HashMap<usize, Vec<Actor>> = HashMap::new();
        // The second state of "both sides" and the like, by mention.
        let mut pair_second: HashMap<usize, Actor> = HashMap::new();
        // A bare role ("police", "authorities") in a sentence naming one country
        // belongs to it.
        let countries: HashSet<String> = mentions
            .iter()
            .filter(|m| m.kind != MentionKind::Pronoun)
            .filter_map(|m| m.actor.country.clone())
            .collect();
        let sole_country = (countries.len() == 1)
            .then(|| {
                mentions
                    .iter()
                    .find(|m| m.actor.country.is_some() && m.kind != MentionKind::Pronoun)
            })
            .flatten()
            .map(|m| Actor {
                code: m.actor.country.clone().unwrap_or_default(),
                country: m.actor.country.clone(),
                name: m.actor.name.clone(),
                ..Default::default()
            });
        for i in 0..mentions.len() {
            let m = &mentions[i];
            let resolved: Option<Actor> = match m.kind {
                MentionKind::Pronoun => match pronoun_kind_of(tokens, m) {
                    Some(PronounKind::Person) => recent(&ctx.last_person, si, PERSON_LOOKBACK),
                    Some(PronounKind::Organisation) => recent(&ctx.last_org, si, PERSON_LOOKBACK),
                    Some(PronounKind::Group) => mentions[..i]
                        .iter()
                        .rev()
                        .find(|p| {
                            !p.actor.code.is_empty()
                                && p.kind != MentionKind::Pronoun
                                && (tokens[p.end - 1].norm.ends_with('s')
                                    || p.kind == MentionKind::Org)
                        })
                        .map(|p| p.actor.clone()),
                    Some(PronounKind::Thing) => {
                        let mut cands = ctx.antecedents(
                            si,
                            matches!(tokens[m.start].norm.as_str(), "the" | "this"),
                        );
                        let first = (!cands.is_empty()).then(|| cands.remove(0));
                        alternatives.insert(i, cands);
                        first
                    }
                    Some(PronounKind::Pair) => {
                        let cands = ctx.antecedents(si, true);
                        match (cands.first(), cands.get(1)) {
                            (Some(a), Some(b)) => {
                                pair_second.insert(i, b.clone());
                                Some(a.clone())
                            }
                            _ => None,
                        }
                    }
                    Some(PronounKind::Speaker) => speaker
                        .filter(|&s| s != i && mentions[s].kind != MentionKind::Pronoun)
                        .map(|s| mentions[s].actor.clone())
                        .or_else(|| recent(&ctx.last_speaker, si, PERSON_LOOKBACK)),
                    None => None,
                },
                MentionKind::RoleOnly => {
                    // "the government", "the army": the state just named; but not a
                    // plural ("the jets" may be anyone's).
                    let definite = m.start > 0
                        && tokens[m.start - 1].norm == "the"
                        && !(tokens[m.end - 1].norm.ends_with('s')
                            && tokens[m.end - 1].norm != "authorities");
                    // "militants in the streets of Baghdad": a role placed in a
                    // town or country belongs to it (not troops, officials or
                    // reporters, often foreign to where they are).
                    let placed = (tokens
                        .get(m.end)
                        .is_some_and(|t| lexicon::is_locative(&t.norm))
                        && m.role.as_deref().is_some_and(crate::actors::is_placed_role))
                    .then(|| {
                        let stop = (m.end + 1..(m.end + 7).min(tokens.len()))
                            .find(|&k| !tokens[k].is_word)
                            .unwrap_or((m.end + 7).min(tokens.len()));
                        mentions.iter().find(|p| {
                            p.start > m.end
                                && p.start < stop
                                && p.actor.country.is_some()
                                && p.actor.role.as_deref().is_none_or(|r| r == "GOV")
                                && matches!(p.kind, MentionKind::State | MentionKind::Modifier)
                        })
                    })
                    .flatten()
                    .map(|p| Actor {
                        country: p.actor.country.clone(),
                        name: p.actor.name.clone(),
                        ..Default::default()
                    });
                    placed
                        .or_else(|| {
                            // (A state, not a group of its people: "militants holding
                            // Italian aid workers began talks with the government".)
                            // With none, the state the story was filed from.
                            definite
                                .then(|| {
                                    ctx.governed_antecedents(si)
                                        .into_iter()
                                        .next()
                                        .or_else(|| ctx.dateline.clone())
                                })
                                .flatten()
                        })
                        // A dateline's country only when the sentence names no other,
                        // or before any other ("BAGHDAD - Militants said they had
                        // beheaded an American").
                        .or_else(|| {
                            let first = mentions[..i].iter().all(|p| p.actor.code.is_empty());
                            // …but not when the sentence names a place elsewhere
                            // ("CAIRO — Gunmen opened fire at Tunisia's museum").
                            let elsewhere = |d: &Actor| {
                                mentions.iter().any(|p| {
                                    // (A demonym before a noun, "an American engineer",
                                    // names people, not a place.)
                                    let adjective = tokens.get(p.end).is_some_and(|t| {
                                        t.is_word && !t.is_capitalized() && t.norm != "'s"
                                    });
                                    p.kind != MentionKind::Pronoun
                                        && p.kind != MentionKind::Person
                                        && p.role.is_none()
                                        && !adjective
                                        && p.actor.country.is_some()
                                        && p.actor.country != d.country
                                })
                            };
                            ctx.dateline.clone().filter(|d| {
                                (si == 0 && first && !elsewhere(d))
                                    || countries.iter().all(|c| Some(c) == d.country.as_ref())
                            })
                        })
                        .or_else(|| {
                            // Hostages are rarely of the one country a sentence names
                            // ("Hamas is due to free 14 hostages").
                            let captive = matches!(
                                tokens[m.end - 1].norm.as_str(),
                                "hostages" | "hostage" | "captives" | "captive" | "abductees"
                            );
                            sole_country.clone().filter(|_| {
                                !captive && is_collective(&tokens[m.end - 1])
                                    || (m.end - m.start >= 2
                                        && tokens[m.start].is_capitalized()
                                        && tokens[m.end - 1].is_capitalized())
                            })
                        })
                        // "Police arrested a man": a sentence naming no country goes
                        // on in the country the story is about.
                        .or_else(|| {
                            countries
                                .is_empty()
                                .then(|| ctx.antecedents(si, true).into_iter().next())
                                .flatten()
                        })
                        .and_then(|s| {
                            let c = s.country.clone()?;
                            let role = m.role.clone().unwrap_or_default();
                            Some(Actor {
                                code: format!("{c}{role}"),
                                country: Some(c),
                                group: None,
                                role: m.role.clone(),
                                name: s.name.clone(),
                                text: m.actor.text.clone(),
                            })
                        })
                }
                _ => Some(m.actor.clone()),
            };
            match resolved {
                Some(mut a) => {
                    if matches!(m.kind, MentionKind::Pronoun | MentionKind::RoleOnly) {
                        a.text = text[tokens[m.start].start..tokens[m.end - 1].end].to_string();
                    }
                    let subject = !after_preposition(tokens, mentions[i].start)
                        && tokens.get(mentions[i].end).is_none_or(|t| t.norm != "'s");
                    let m = &mut mentions[i];
                    m.actor = a;
                    if m.kind != MentionKind::Modifier {
                        remember(ctx, m, si, subject);
                    }
                }
                None => mentions[i].actor.code.clear(),
            }
        }
        if let Some(s) = speaker.filter(|&s| !mentions[s].actor.code.is_empty()) {
            ctx.last_speaker = Some((mentions[s].actor.clone(), si));
        }

        if self.trace {
            let ms: Vec<String> = mentions
                .iter()
                .filter(|m| !m.actor.code.is_empty())
                .map(|m| {
                    format!(
                        "{}={}{:?}[{}..{}]",
                        m.actor.text, m.actor.code, m.kind, m.start, m.end
                    )
                })
                .collect();
            let ts: Vec<String> = triggers
                .iter()
                .map(|t| {
                    format!(
                        "{}:{}",
                        tokens[t.head].surface,
                        self.patterns.get(t.pattern).code.as_deref().unwrap_or("-")
                    )
                })
                .collect();
            eprintln!(
                "[{si}] {}\n    actors: {}\n    triggers: {}",
                text[tokens.first().map_or(0, |t| t.start)..tokens.last().map_or(0, |t| t.end)]
                    .chars()
                    .take(300)
                    .collect::<String>(),
                ms.join(", "),
                ts.join(", ")
            );
        }
        // Arguments, modality and scope of each trigger.
        let mut out = Vec::new();
        let mut targets_taken: Vec<usize> = Vec::new();
        let mut nofact_from: Option<usize> = None;
        // Subjects of the verbs read so far: (head, is a speech verb, subjects).
        let mut verb_subjects: Vec<(usize, bool, Vec<usize>)> = Vec::new();
        for tr in &triggers {
            let pat = self.patterns.get(tr.pattern);
            let in_nofact_scope =
                nofact_from.is_some_and(|from| !scope_ends(&norms[from.min(tr.head)..tr.head]));
            // "The invite comes…": a verb's pattern used as a noun opens no complement.
            // A noun's complement follows "that" or "of" ("allegations that Tehran
            // ordered", "accusations of shelling"); "the accusations, X said" has none.
            let opens_complement = if pat.flags.noun {
                norms
                    .get(tr.end)
                    .is_some_and(|w| matches!(*w, "that" | "of" | "about"))
            } else {
                !is_nominal(tokens, &mentions, tr.head)
            };
            if pat.flags.nofact && !in_nofact_scope && opens_complement {
                nofact_from = Some(tr.end);
            }
            let Some(code) = pat.code.clone() else {
                continue;
            };
            if in_nofact_scope {
                continue;
            }
            let mut modality = self.modality_before(&norms, &mentions, tr.head);
            // In reported speech "would" is the future of the past: "Iran said it
            // would reject the proposal" reports a stated intention.
            if modality == Some(Modality::Hypothetical)
                && speech_before(&norms, tr.head, &triggers, &self.patterns)
                && norms[tr.head.saturating_sub(4)..tr.head].contains(&"would")
            {
                modality = Some(Modality::Future);
            }
            let mut code = code;
            // What a speaker says its own side could do by force is a threat
            // ("Iran said it could strike back"); kept only if the source is the
            // speaker's side (checked below).
            let mut spoken_threat = false;
            let refusal_words = norms[tr.head.saturating_sub(4)..tr.head]
                .iter()
                .any(|w| matches!(*w, "will" | "would" | "wo" | "shall"));
            match modality {
                // A threat is about what may happen: "warned it could strike" stays 13.
                Some(Modality::Hypothetical | Modality::Fear) if code.starts_with("13") => {}
                Some(Modality::Hypothetical)
                    if is_forceful(&code)
                        && speech_before(&norms, tr.head, &triggers, &self.patterns) =>
                {
                    spoken_threat = true;
                    code = "138".into();
                }
                // "will not resume talks": refusing to cooperate is rejecting (12).
                Some(Modality::Negation)
                    if refusal_words
                        && matches!(&code[..2], "03" | "04" | "05" | "06" | "07" | "08") =>
                {
                    code = "120".into();
                }
                Some(Modality::Negation | Modality::Hypothetical | Modality::Fear) => continue,
                Some(Modality::Future) => match intention_of(&code) {
                    Some(c) => code = c,
                    None if matches!(
                        &code[..2],
                        "01" | "02" | "03" | "10" | "11" | "12" | "13"
                    ) => {}
                    None => continue,
                },
                None => {}
            }
            // "continued to bombard the city": the deed goes on; it happened.
            let continuing = tr.head >= 2
                && matches!(
                    norms[tr.head - 2],
                    "continue" | "continued" | "continues" | "continuing"
                );
            if is_infinitive(&norms, tr.head) && !pat.flags.speech && !continuing {
                // "ready to resume negotiations", "agreed to send aid": an intention to
                // cooperate (03); any other aim is not a deed.
                match intent_code(&norms, tr.head, &code) {
                    Some(c) => code = c,
                    None => continue,
                }
            }
            // "three US men accused of torture", "a video shot by militants": a
            // participle right after a noun, before "of" or "by", describes it.
            let reduced_relative = !pat.flags.noun
                && tr.head >= 1
                && tokens[tr.head - 1].is_word
                && !tokens[tr.head].is_capitalized()
                && (norms[tr.head].ends_with("ed")
                    || matches!(norms[tr.head], "shot" | "held" | "hit"))
                && matches!(norms.get(tr.head + 1), Some(&("of" | "by")))
                && (mentions
                    .iter()
                    .any(|m| m.end == tr.head && m.kind != MentionKind::Pronoun)
                    || is_nominal(tokens, &mentions, tr.head - 1));
            let passive = !pat.flags.noun
                && (is_passive(&norms, tr.head)
                    || continues_passive(&norms, tr.head)
                    || reduced_relative);
            let next_head = triggers
                .iter()
                .map(|t| t.head)
                .find(|&h| h > tr.end)
                .unwrap_or(tokens.len());
            if self.trace {
                eprintln!(
                    "    {} {code} ({}, {:?}): modality {modality:?}",
                    tokens[tr.head].surface, pat.source, pat.flags
                );
            }
            // The latest reporting verb before this trigger, if any: its subject
            // spoke, it did not act.
            let barrier = triggers
                .iter()
                .filter(|t| {
                    let f = self.patterns.get(t.pattern).flags;
                    // "announced a joint exercise": a noun after the verb is what the
                    // speaker did; only a clause after it has a subject of its own.
                    // "Responding to the accusations, Trudeau said": a participle
                    // opening the sentence reports nothing of its own.
                    let opening_participle = tokens[t.head].norm.ends_with("ing")
                        && (t.head == 0 || norms[t.head - 1] == ",");
                    t.head < tr.head
                        && t.end <= tr.head
                        && f.speech
                        && !f.noun
                        && !opening_participle
                        && !pat.flags.noun
                        && !is_nominal(tokens, &mentions, t.head)
                })
                .map(|t| t.end)
                .max()
                .unwrap_or(0);
            let object_of_verb = pat.flags.noun
                && tr.head >= 1
                && matches!(
                    norms[tr.head - 1],
                    "the" | "this" | "that" | "these" | "those"
                )
                && triggers.iter().any(|t| {
                    t.end + 1 == tr.head
                        && !self.patterns.get(t.pattern).flags.noun
                        && !is_light_verb(&tokens[t.head].norm)
                });
            let scope = Scope {
                passive,
                reduced_relative,
                taken: &targets_taken,
                next_head,
                barrier,
                object_of_verb,
            };
            let (mut sources, mut targets) =
                self.arguments(tokens, &mentions, tr, pat.flags, &scope);
            // "Lavrov said Armenia failed … and said Russia had protected it": a verb
            // right after "and" shares the subject of the last verb of its kind (else,
            // when it has none of its own, of the last verb).
            if !pat.flags.noun && !passive && follows_conjunction(&norms, tr.head) {
                let earlier = |same_kind: bool| {
                    verb_subjects.iter().rev().find(|(h, speech, s)| {
                        *h < tr.head && (!same_kind || *speech == pat.flags.speech) && !s.is_empty()
                    })
                };
                let found = earlier(true).or_else(|| earlier(false).filter(|_| sources.is_empty()));
                if let Some((_, _, subj)) = found {
                    sources = subj.clone();
                    targets.retain(|t| !sources.contains(t));
                }
            }
            // "Trump responded by calling Zelensky a dictator": a gerund after "by"
            // is done by the subject of the verb it tells the manner of.
            if !pat.flags.noun
                && !passive
                && tr.head >= 1
                && norms[tr.head - 1] == "by"
                && norms[tr.head].ends_with("ing")
            {
                if let Some((_, _, subj)) = verb_subjects.last().filter(|(_, _, s)| !s.is_empty()) {
                    sources = subj.clone();
                    targets.retain(|t| !sources.contains(t));
                }
            }
            if !pat.flags.noun && !passive {
                verb_subjects.push((tr.head, pat.flags.speech, sources.clone()));
            }
            // "offered to send a company of Gurkhas to help Indonesia": an intention's
            // other party is in what is intended.
            // "demanding that it gets access to Ukraine's minerals": an object on the
            // source's own side leaves the other party to be found.
            let own_side = |targets: &[usize]| {
                !targets.is_empty()
                    && targets.iter().all(|&t| {
                        sources
                            .iter()
                            .any(|&s| mentions[s].actor.root() == mentions[t].actor.root())
                    })
            };
            if (targets.is_empty() || own_side(&targets))
                && !sources.is_empty()
                && matches!(&code[..2], "02" | "03" | "10" | "13")
                && pat.flags.nofact
            {
                // It ends where a reporting or coordinated verb starts another clause.
                let clause_end = triggers
                    .iter()
                    .filter(|t| {
                        t.head > tr.end
                            && (self.patterns.get(t.pattern).flags.speech
                                || follows_conjunction(&norms, t.head))
                    })
                    .map(|t| t.head)
                    .min()
                    .unwrap_or(tokens.len());
                if let Some(t) = complement_target(
                    tokens,
                    &mentions,
                    tr.end,
                    clause_end,
                    &sources,
                    code.starts_with("03"),
                ) {
                    targets = vec![t];
                }
            }
            // "criticised the exclusion, saying Trump was…": a participle clause of
            // speech names who the criticism is about.
            if (targets.is_empty() || own_side(&targets))
                && !sources.is_empty()
                && !pat.flags.speech
                && matches!(&code[..2], "02" | "05" | "10" | "11" | "12" | "13")
            {
                let limit = (tr.end + 12).min(tokens.len());
                let saying = (tr.end..limit).find(|&i| {
                    i > 0
                        && norms[i - 1] == ","
                        && matches!(
                            norms[i],
                            "saying" | "adding" | "accusing" | "calling" | "describing" | "warning"
                        )
                });
                if let Some(at) = saying {
                    let next = triggers
                        .iter()
                        .filter(|t| t.head > at + 1 && self.patterns.get(t.pattern).flags.speech)
                        .map(|t| t.head)
                        .min()
                        .unwrap_or(tokens.len());
                    if let Some(t) =
                        complement_target(tokens, &mentions, at + 1, next, &sources, false)
                    {
                        targets = vec![t];
                    }
                }
            }
            // "A gunman was captured by police": whoever a state's police or courts
            // act on, with no country of their own named, is under their jurisdiction.
            let authority = |m: &Mention| {
                matches!(m.actor.role.as_deref(), Some("COP" | "JUD" | "GOV" | "SPY"))
                    && m.actor.group.is_none()
            };
            if targets.is_empty()
                && passive
                && (code.starts_with("17") || code.starts_with("116"))
                && sources.first().is_some_and(|&s| authority(&mentions[s]))
            {
                if let Some(c) = sources
                    .first()
                    .and_then(|&s| mentions[s].actor.country.clone())
                {
                    let (a, b) = passive_subject(tokens, tr.head);
                    let people = Actor {
                        code: format!("{c}CVL"),
                        country: Some(c),
                        role: Some("CVL".into()),
                        name: mentions[sources[0]].actor.name.clone(),
                        text: if a < b {
                            text[tokens[a].start..tokens[b - 1].end].to_string()
                        } else {
                            String::new()
                        },
                        ..Default::default()
                    };
                    targets.push(place_mention(&mut mentions, tr.head, people));
                }
            }
            // "Kagame has dismissed such threats", "Netanyahu said Israel would take
            // revenge", "three bodies were released by Hamas": a verbal conflict, an
            // intention or a concession with no target named concerns the party the
            // source has been dealing with in this story.
            if targets.is_empty()
                && !sources.is_empty()
                // (A denial answers someone too: "something Kigali denies".)
                && (matches!(&code[..2], "03" | "08" | "10" | "11" | "12" | "13")
                    || code.starts_with("016"))
                && !pat.flags.noun
                && !pair_second.contains_key(&sources[0])
            {
                targets.extend(counterpart_mention(ctx, &mut mentions, sources[0], tr.end));
            }
            // "Shortly after the three hostages were freed": a concession with no
            // one named as its author is the other party's.
            if sources.is_empty() && !targets.is_empty() && passive && code.starts_with("08") {
                sources.extend(counterpart_mention(ctx, &mut mentions, targets[0], tr.head));
            }
            // What a statement says runs from its verb to the next reporting verb (or
            // precedes its speaker).
            let next_speech = triggers
                .iter()
                .filter(|t| t.head > tr.end && self.patterns.get(t.pattern).flags.speech)
                .map(|t| t.head)
                .min()
                .unwrap_or(tokens.len());
            let speaker_start = sources
                .iter()
                .map(|&s| mentions[s].start)
                .min()
                .unwrap_or(0);
            let mut about_content = false;
            // The statement's target was read from what was said: the words there
            // keep their own roles for the events they report.
            let mut from_content = false;
            // "Hoon said history would judge the peace process between Pakistan and
            // India": a statement with no addressee is about what it names.
            if targets.is_empty()
                && !sources.is_empty()
                && code.starts_with("01")
                && (if pat.flags.noun {
                    // "Netanyahu's declaration that there would be no Palestinian state"
                    norms[tr.end - 1] == "that" || norms.get(tr.end) == Some(&"that")
                } else {
                    pat.flags.speech
                })
            {
                about_content = true;
                // What was said: after the verb up to the next reporting verb, or
                // before the speaker back to the previous one.
                let prev_speech = triggers
                    .iter()
                    .filter(|t| t.head < speaker_start && self.patterns.get(t.pattern).flags.speech)
                    .map(|t| t.end)
                    .max()
                    .unwrap_or(0);
                let content_event = triggers.iter().any(|t| {
                    let p = self.patterns.get(t.pattern);
                    ((t.head > tr.head && t.head < next_speech)
                        || (t.head < speaker_start && t.head >= prev_speech))
                        && p.code.is_some()
                        && !p.flags.noun
                        && !p.flags.speech
                        // "US says Iraqi forces are not ready to launch attacks": what
                        // did not happen leaves the statement about who was named.
                        && !matches!(
                            self.modality_before(&norms, &mentions, t.head),
                            Some(Modality::Negation | Modality::Hypothetical | Modality::Fear)
                        )
                });
                // "Sudan said the Council's resolution threatening sanctions was
                // unfair": an appraisal makes the statement an event of its own.
                let appraised = content_event
                    && self
                        .appraisals
                        .find_predicate(&norms, tr.end, next_speech)
                        .is_some_and(|c| !c.starts_with("13"));
                if appraised {
                    about_content = false;
                }
                // "Russian officials have commented, though, on events in
                // Washington": the topic of a statement.
                if !pat.flags.noun {
                    targets.extend(statement_topic(tokens, &mentions, tr.end, &sources));
                }
                if targets.is_empty() && (!content_event || appraised) {
                    from_content = true;
                    targets.extend(statement_subject(
                        tokens,
                        &mentions,
                        tr.end,
                        next_speech,
                        &sources,
                    ));
                    // "said Russia must withdraw", "said all parties should adhere":
                    // what the target is told it must or should do is a demand or
                    // an appeal.
                    if let Some(&t) = targets.first() {
                        if let Some(c) = obligation_after(tokens, mentions[t].end) {
                            code = c.to_string();
                            about_content = false;
                        }
                    }
                }
            }
            // "Trudeau said there was 'no justification' for the tariffs": what was
            // said makes the statement a criticism, threat or praise.
            if code == "010" && pat.flags.speech && !sources.is_empty() {
                // "…, Estonian officials said, and Moscow could retaliate": after a
                // comma or "and" the verb says nothing more; what was said came before.
                let says_after =
                    !matches!(norms.get(tr.end), None | Some(&("," | "." | ";" | "and")));
                let said = says_after
                    .then(|| self.appraisals.find_predicate(&norms, tr.end, next_speech))
                    .flatten()
                    .or_else(|| {
                        self.appraisals
                            .find_predicate(&norms, 0, speaker_start.min(tr.head))
                    });
                match said {
                    Some(c) if !targets.is_empty() => code = c.to_string(),
                    // "Netanyahu said action would be taken": a threat or criticism
                    // naming no one is aimed at the story's other party.
                    Some(c) if c.starts_with("13") || c.starts_with("11") => {
                        let other = if c.starts_with("13") {
                            counterpart_mention(ctx, &mut mentions, sources[0], tr.end)
                        } else {
                            let a = mentions[sources[0]]
                                .actor
                                .root()
                                .and_then(|r| ctx.adversary(r));
                            a.map(|a| place_mention(&mut mentions, tr.end, a))
                        };
                        if other.is_some() {
                            code = c.to_string();
                            about_content = false;
                        }
                        targets.extend(other);
                    }
                    _ => {}
                }
            }
            // "A Hong Kong carpenter was arrested in the Thai town": arrests and the
            // like with no agent named are the doing of the place's authorities.
            if sources.is_empty() && passive && code.starts_with("17") && !targets.is_empty() {
                let place = place_after(tokens, &mentions, tr.end, next_head)
                    .or_else(|| ctx.dateline.clone());
                if let Some(a) = place {
                    sources.push(place_mention(&mut mentions, tr.head, a));
                }
            }
            // Force used in a place with no one named as its target ("destroyed
            // buildings in a Gaza camp", "bombs around Madrid") is used against that
            // place's country.
            let mut place_target: Option<Actor> = None;
            // "France destroyed most of the country's air force": destroying arms
            // and forces is fighting, not damage to property.
            if code.starts_with("171") {
                let limit = (tr.end + 6).min(tokens.len());
                let military = tokens[tr.end..limit].iter().any(|t| {
                    matches!(
                        t.norm.as_str(),
                        "air"
                            | "army"
                            | "navy"
                            | "fleet"
                            | "tanks"
                            | "warplanes"
                            | "aircraft"
                            | "jets"
                            | "warships"
                            | "artillery"
                            | "positions"
                            | "troops"
                    )
                });
                if military {
                    code = "190".into();
                }
            }
            // "The Israeli army suspended a platoon commander", "police arrested a
            // man": people a state coerces with no country of their own named are
            // under its jurisdiction.
            if targets.is_empty() && !sources.is_empty() && code.starts_with("17") && !passive {
                let src = &mentions[sources[0]].actor;
                let limit = (tr.end + 5).min(next_head);
                let object = mentions.iter().find(|m| {
                    m.kind == MentionKind::RoleOnly
                        && m.actor.code.is_empty()
                        && m.start > tr.head
                        && m.start < limit
                        && tokens[tr.head + 1..m.start].iter().all(|t| {
                            t.is_word
                                && !lexicon::is_preposition(&t.norm)
                                && !lexicon::is_clause_boundary(&t.norm)
                        })
                });
                // "arresting nearly 30 outsiders", "tear gas to break up a
                // demonstration": people named by no role word.
                let people = if object.is_none() && matches!(&code[..3], "173" | "174" | "175") {
                    people_object(tokens, tr.end, tr.end + 9)
                } else {
                    None
                };
                let object = object
                    .map(|m| (m.role.clone(), m.actor.text.clone()))
                    .or_else(|| {
                        people.map(|(a, b)| {
                            (
                                Some("CVL".to_string()),
                                text[tokens[a].start..tokens[b - 1].end].to_string(),
                            )
                        })
                    });
                if let (Some((role, words)), Some(c)) = (object, src.country.clone()) {
                    place_target = Some(Actor {
                        code: format!("{c}{}", role.clone().unwrap_or_default()),
                        country: Some(c),
                        role,
                        name: src.name.clone(),
                        text: words,
                        ..Default::default()
                    });
                }
            }
            // Aid delivered to a place ("relief effort in Indonesia") goes to its country,
            // and so does money invested there ("will invest $570m in South Korea").
            // So is a visit ("arrived in Britain").
            let aid = code.starts_with("07")
                || code.starts_with("033")
                || code.starts_with("061")
                || code.starts_with("031");
            let visit = code == "042" && !pat.flags.noun;
            if targets.is_empty()
                && place_target.is_none()
                && !sources.is_empty()
                && (is_forceful(&code) || aid || visit)
                && !object_of_verb
            {
                // Not the agent itself ("surrounded by Hamas fighters").
                let agent_end = sources
                    .iter()
                    .map(|&s| mentions[s].end)
                    .filter(|&e| e > tr.end)
                    .max()
                    .unwrap_or(tr.end);
                place_target = place_after(tokens, &mentions, agent_end, next_head);
                // "deployed thousands of police officers in Caracas": a show of
                // force with the source's own police or troops placed at home.
                if place_target.is_none() && code.starts_with("15") {
                    let own = mentions[sources[0]].actor.country.clone();
                    place_target = mentions
                        .iter()
                        .find(|m| {
                            m.start > tr.head
                                && m.start < tr.end
                                && m.end > tr.end
                                && own.is_some()
                                && m.actor.country == own
                                && matches!(m.actor.role.as_deref(), Some("COP" | "MIL"))
                        })
                        .map(|m| Actor {
                            code: own.clone().unwrap_or_default(),
                            country: own.clone(),
                            name: m.actor.name.clone(),
                            text: m.actor.text.clone(),
                            ..Default::default()
                        });
                }
                // "US forces in Fallujah offer food": the place where the source is.
                if place_target.is_none() && (is_forceful(&code) || aid) {
                    let src = &mentions[sources[0]];
                    place_target = mentions
                        .iter()
                        .find(|m| {
                            norms.get(src.end) == Some(&"in")
                                && m.start == src.end + 1
                                && m.actor.country.is_some()
                                && m.actor.country != src.actor.country
                        })
                        .map(|m| Actor {
                            code: m.actor.country.clone().unwrap_or_default(),
                            country: m.actor.country.clone(),
                            name: m.actor.name.clone(),
                            text: m.actor.text.clone(),
                            ..Default::default()
                        });
                }
            }
            if self.trace {
                let names = |v: &[usize]| {
                    v.iter()
                        .map(|&i| mentions[i].actor.code.clone())
                        .collect::<Vec<_>>()
                        .join("+")
                };
                eprintln!(
                    "      sources {} targets {}",
                    names(&sources),
                    names(&targets)
                );
            }
            if let Some(a) = place_target {
                targets.push(place_mention(&mut mentions, tr.end, a));
            }
            // "Israel's army struck back", "in the fresh Iranian assault": force in
            // return, or a national offensive, with no target or place named is used
            // against the party the source is dealing with in this story.
            let in_return = norms[tr.head..(tr.end + 1).min(norms.len())].contains(&"back")
                || matches!(
                    norms[tr.head],
                    "retaliated" | "retaliation" | "reprisal" | "reprisals"
                );
            let national_offensive = pat.flags.noun
                && sources.first().is_some_and(|&s| {
                    mentions[s].kind == MentionKind::Modifier && mentions[s].end == tr.head
                });
            if targets.is_empty()
                && !sources.is_empty()
                && matches!(&code[..2], "18" | "19" | "20")
                && !pat.flags.sym
                && !object_of_verb
                && (in_return || national_offensive)
            {
                targets.extend(counterpart_mention(ctx, &mut mentions, sources[0], tr.end));
            }
            // The target of a passive stands as a subject ("Israel, backed by the
            // US, said…"): it may be the subject of the next verb too.
            if !passive && !from_content {
                targets_taken.extend(targets.iter().copied());
            }
            // Objects inside the pattern ("holding three U.N. workers hostage") are
            // not subjects of later verbs either.
            targets_taken.extend(
                mentions
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m.start > tr.head && m.end <= tr.end)
                    .map(|(i, _)| i),
            );
            // A threat's target on the speaker's own side is the place threatened.
            let own_side = targets.iter().all(|&t| {
                sources
                    .iter()
                    .any(|&s| mentions[s].actor.root() == mentions[t].actor.root())
            });
            if spoken_threat && own_side {
                targets.clear();
                if let Some(a) = place_after(tokens, &mentions, tr.end, tokens.len()) {
                    targets.push(place_mention(&mut mentions, tr.end, a));
                }
            }
            if spoken_threat {
                let speaker_root =
                    speaker.and_then(|sp| mentions[sp].actor.root().map(str::to_string));
                if sources
                    .iter()
                    .any(|&s| mentions[s].actor.root().map(str::to_string) != speaker_root)
                    || speaker_root.is_none()
                {
                    continue;
                }
                // "Israel said fighting would resume unless…": force the speaker
                // foresees with no one named is the speaker's, against the story's
                // other party.
                if sources.is_empty() {
                    sources.extend(speaker);
                }
                if targets.is_empty() && !sources.is_empty() {
                    targets.extend(counterpart_mention(ctx, &mut mentions, sources[0], tr.end));
                }
            }
            // Mutual relations ("met", "clashed", "signed a treaty") hold both ways;
            // but one state "strengthening ties with the West" is its own initiative.
            let one_sided = code.starts_with("05")
                && sources.len() == 1
                && targets.iter().all(|&t| mentions[t].start > tr.head);
            let mut pairs: Vec<(usize, usize)> = Vec::new();
            for &s in &sources {
                for &t in &targets {
                    if !pairs.contains(&(s, t)) {
                        pairs.push((s, t));
                    }
                    if pat.flags.sym && !one_sided && !pairs.contains(&(t, s)) {
                        pairs.push((t, s));
                    }
                }
                if targets.is_empty() && pair_second.contains_key(&s) {
                    pairs.push((s, s));
                }
            }
            for (s, t) in pairs {
                let source_actors: Vec<&Actor> = std::iter::once(&mentions[s].actor)
                    .chain(pair_second.get(&s))
                    .collect();
                let target_actors: Vec<&Actor> = std::iter::once(&mentions[t].actor)
                    .chain(pair_second.get(&t))
                    .collect();
                // "Both sides agreed to talks": each with the other.
                let mut combos: Vec<(&Actor, &Actor)> = Vec::new();
                if s == t && source_actors.len() == 2 {
                    combos.push((source_actors[0], source_actors[1]));
                    combos.push((source_actors[1], source_actors[0]));
                } else if s != t
                    // Two readings of the same words ("surrounded by Hamas fighters")
                    // are one actor.
                    && (mentions[s].end <= mentions[t].start || mentions[t].end <= mentions[s].start)
                {
                    for &a in &source_actors {
                        for &b in &target_actors {
                            combos.push((a, b));
                        }
                    }
                }
                for (sa, ta0) in combos {
                    let mut ta = ta0;
                    // "Washington invaded the country": a pronoun naming the source
                    // again stands for the next candidate.
                    if sa.root() == ta.root()
                        && !is_possessive_determiner(tokens, mentions[t].start)
                    {
                        if let Some(alt) = alternatives
                            .get(&t)
                            .and_then(|a| a.iter().find(|a| a.root() != sa.root()))
                        {
                            ta = alt;
                        }
                    }
                    let two_people = mentions[s].kind == MentionKind::Person
                        && matches!(mentions[t].kind, MentionKind::Person | MentionKind::Pronoun)
                        && sa.name != ta.name;
                    if sa.code.is_empty()
                        || ta.code.is_empty()
                        // (Someone the coder placed under the source's jurisdiction,
                        // "suspended a commander", is another person with that code.)
                        || (sa.code == ta.code && !two_people
                            && !(mentions[t].start == mentions[t].end && ta.role.is_some()))
                    {
                        continue;
                    }
                    // "called upon India and Russia to work together": the source's own
                    // country in a list of targets is a partner, not a target; and no
                    // state visits or hosts itself (but a leader visits a region of
                    // his own: "Putin made a visit to Chechnya").
                    let own_region = mentions[s].kind == MentionKind::Person
                        && mentions[t].kind == MentionKind::State
                        && ta.role.is_none()
                        && ta.text != ta.name;
                    // (Rebels in talks with "the government and the UN" are not its
                    // partners.)
                    let partner = ta.role.is_none() || ta.role == sa.role;
                    if sa.root() == ta.root()
                        && ((targets.len() > 1 && partner)
                            || (matches!(code.as_str(), "042" | "043" | "044" | "036")
                                && !own_region))
                    {
                        continue;
                    }
                    if sa.root().is_none() || ta.root().is_none() {
                        continue;
                    }
                    let first = tr.words.first().copied().unwrap_or(tr.head);
                    let last = tr.words.last().copied().unwrap_or(tr.head);
                    let trigger_text = tr
                        .words
                        .iter()
                        .map(|&w| tokens[w].surface.as_str())
                        .collect::<Vec<_>>()
                        .join(" ");
                    // Attacks by rebels, militants and armed groups are assaults (18);
                    // by states' forces, fighting (19), as CAMEO distinguishes them.
                    // (Clashes are fighting whoever takes part.)
                    let code = if code.starts_with("19") && is_irregular_force(sa) && !pat.flags.sym
                    {
                        "180".to_string()
                    } else {
                        code.clone()
                    };
                    let mut confidence: f32 = 0.9;
                    if matches!(
                        mentions[s].kind,
                        MentionKind::Pronoun | MentionKind::RoleOnly
                    ) {
                        confidence -= 0.2;
                    }
                    if matches!(
                        mentions[t].kind,
                        MentionKind::Pronoun | MentionKind::RoleOnly
                    ) {
                        confidence -= 0.2;
                    }
                    if mentions[t].start > tr.end + 6 {
                        confidence -= 0.1;
                    }
                    if let (Some(a), Some(b)) = (sa.root(), ta.root()) {
                        ctx.record_event(a, b);
                    }
                    out.push(Found {
                        code,
                        source: sa.clone(),
                        target: ta.clone(),
                        trigger_text,
                        trigger_start: tokens[first].start,
                        trigger_end: tokens[last].end,
                        trigger_token: tr.head,
                        confidence,
                        about: about_content,
                    });
                }
            }
        }
        // A statement coded by what it names gives way to an event it reports: one
        // before it ("Y attacked Z, X said") or in the same stretch after it ("X said
        // Y attacked Z"), not one told past a comma in an aside.
        let specific: Vec<usize> = out
            .iter()
            .filter(|f| !f.about)
            .map(|f| f.trigger_token)
            .collect();
        out.retain(|f| {
            !f.about
                || !specific.iter().any(|&t| {
                    t < f.trigger_token
                        || !norms[f.trigger_token..t.min(norms.len())].contains(&",")
                })
        });
        out
    }

    /// The modality word governing a head: looked for in the few words before it
    /// (a name counting as one word), within its clause. A clause opened by "if",
    /// "unless" or "whether" is hypothetical.
    fn modality_before(
        &self,
        norms: &[&str],
        mentions: &[Mention],
        head: usize,
    ) -> Option<Modality> {
        let mut lo = head;
        for _ in 0..6 {
            let Some(p) = lo.checked_sub(1) else { break };
            lo = mentions
                .iter()
                .find(|m| m.start < p && p < m.end && m.kind != MentionKind::Pronoun)
                .map_or(p, |m| m.start);
        }
        for i in (lo..head).rev() {
            if let Some(m) = self.modality.ending_at(norms, i) {
                // "not ready to launch", "never planned to visit": a denied plan or
                // wish is no event either.
                let denied = matches!(m, Modality::Future | Modality::Hypothetical)
                    && norms[i.saturating_sub(4)..i]
                        .iter()
                        .any(|w| matches!(*w, "not" | "n't" | "never"));
                return Some(if denied { Modality::Negation } else { m });
            }
            let w = norms[i];
            if matches!(w, "if" | "unless" | "whether") {
                return Some(Modality::Hypothetical);
            }
            // (A quote opening right after a name, `Putin "ends this war"`, quotes
            // the rest of that clause: it goes on.)
            let quoted_predicate = matches!(w, "\"" | "“")
                && mentions
                    .iter()
                    .any(|m| m.end == i && m.kind != MentionKind::Pronoun);
            if (lexicon::is_clause_boundary(w) && !quoted_predicate) || w == "," || w == "." {
                break;
            }
        }
        // "sent no troops"
        if norms.get(head + 1) == Some(&"no") {
            return Some(Modality::Negation);
        }
        // "fighting would resume", "talks will begin": an event noun before a modal.
        match norms.get(head + 1) {
            Some(&("would" | "could" | "might" | "may")) => return Some(Modality::Hypothetical),
            Some(&"will") => return Some(Modality::Future),
            _ => {}
        }
        None
    }

    fn arguments(
        &self,
        tokens: &[Token],
        mentions: &[Mention],
        tr: &Trigger,
        flags: crate::patterns::Flags,
        scope: &Scope<'_>,
    ) -> (Vec<usize>, Vec<usize>) {
        let valid = |i: usize| {
            !mentions[i].actor.code.is_empty() && mentions[i].kind != MentionKind::Modifier
        };
        let mut sources: Vec<usize>;
        let mut targets: Vec<usize> = Vec::new();
        if flags.noun {
            sources = possessor(tokens, mentions, tr.head).into_iter().collect();
            // "US-Russia talks": the second of two joined actors is the other party.
            if let Some(&first) = sources.first() {
                let joined = mentions.get(first + 1).filter(|n| {
                    n.start == mentions[first].end + 1
                        && tokens[mentions[first].end].norm == "-"
                        && n.end <= tr.head
                        && !n.actor.code.is_empty()
                });
                if joined.is_some() {
                    targets.push(first + 1);
                }
            }
            if let Some((a, b)) = between_pair(tokens, mentions, tr.end) {
                if sources.is_empty() {
                    sources = vec![a];
                    targets = vec![b];
                } else {
                    targets = vec![a, b];
                }
            }
            // An event noun inside a prepositional phrase ("offers by traders",
            // "in talks") has no clause subject of its own, unless mutual
            // ("during border clashes with Azerbaijan").
            // Nor does "the attack" that another verb acts on ("condemned the
            // attack"): it names an event told before, not one by that subject.
            if sources.is_empty()
                && !scope.object_of_verb
                && (!after_preposition(tokens, tr.head)
                    || (flags.sym
                        && tokens
                            .get(tr.end)
                            .is_some_and(|t| matches!(t.norm.as_str(), "with" | "between"))))
            {
                sources = subject_left(tokens, mentions, tr.head, scope.taken, scope.barrier);
                // "…struck back after a rocket attack": the main clause's subject does
                // not own an event noun in a subordinate clause.
                if let Some(&first) = sources.first() {
                    let subordinate = tokens[mentions[first].end..tr.head].iter().any(|t| {
                        matches!(
                            t.norm.as_str(),
                            "after"
                                | "before"
                                | "when"
                                | "as"
                                | "since"
                                | "because"
                                | "until"
                                | "while"
                                | "following"
                                | "amid"
                                | "during"
                        )
                    });
                    let with_partner = tokens
                        .get(tr.end)
                        .is_some_and(|t| matches!(t.norm.as_str(), "with" | "between"));
                    if subordinate && !(flags.sym && with_partner) {
                        sources.clear();
                    }
                }
            }
        } else if scope.passive {
            targets = if scope.reduced_relative {
                mentions
                    .iter()
                    .position(|m| m.end == tr.head && !m.actor.code.is_empty())
                    .into_iter()
                    .collect()
            } else {
                subject_left(tokens, mentions, tr.head, scope.taken, scope.barrier)
            };
            sources = by_agent(tokens, mentions, tr.end)
                .or_else(|| {
                    // "dragged from his home by gunmen … and killed": the agent of
                    // the passive this one continues.
                    (tokens[tr.head - 1].norm == "and")
                        .then(|| earlier_agent(tokens, mentions, tr.head))
                        .flatten()
                })
                .into_iter()
                .collect();
        } else {
            sources = subject_left(tokens, mentions, tr.head, scope.taken, scope.barrier);
            // "With the White House demanding that…": the actor after "with" is the
            // subject of the participle that follows it.
            if sources.is_empty() && tokens[tr.head].norm.ends_with("ing") {
                let with_subject = mentions.iter().position(|m| {
                    m.end == tr.head
                        && !m.actor.code.is_empty()
                        && m.start >= 1
                        && (matches!(tokens[m.start - 1].norm.as_str(), "with" | "without")
                            || (m.start >= 2
                                && lexicon::is_determiner(&tokens[m.start - 1].norm)
                                && matches!(tokens[m.start - 2].norm.as_str(), "with" | "without")))
                });
                sources.extend(with_subject);
            }
            if sources.is_empty() {
                // "..., said Lavrov" and reporting clauses after a quote.
                if flags.speech {
                    sources = inverted_speaker(tokens, mentions, tr.head, tr.end)
                        .into_iter()
                        .collect();
                }
            }
        }
        if let Some(t) = tr.target {
            targets = coordinated(tokens, mentions, t);
            targets.retain(|i| *i == t || !sources.contains(i));
        } else if targets.is_empty() && !scope.passive && !flags.speech {
            // An actor inside the matched words ("accused Israel of attacking") is
            // the one acted upon.
            let inside = mentions.iter().enumerate().find(|(i, m)| {
                m.start > tr.head
                    && m.end <= tr.end
                    && !m.actor.code.is_empty()
                    && !sources.contains(i)
                    && !is_possessive_determiner(tokens, m.start)
            });
            if let Some((i, _)) = inside {
                targets = vec![i];
            }
        }
        // A participle clause ("…; easing a ban and singling out China") shares the
        // sentence's subject.
        if sources.is_empty() && !scope.passive && tokens[tr.head].norm.ends_with("ing") {
            sources = first_subject(tokens, mentions, tr.head, scope.taken)
                .into_iter()
                .collect();
        }
        if targets.is_empty() && !scope.passive {
            let reach = if flags.speech {
                SPEECH_REACH
            } else {
                TARGET_REACH
            };
            let mut reach = reach.min(scope.next_head.saturating_sub(tr.end));
            // "In a statement, Zelensky thanked…": a noun's object does not lie past
            // a comma.
            if flags.noun {
                if let Some(c) = tokens[tr.end..(tr.end + reach).min(tokens.len())]
                    .iter()
                    .position(|t| t.norm == ",")
                {
                    reach = c;
                }
            }
            targets = object_right(tokens, mentions, tr.end, reach, &sources, flags.speech)
                .into_iter()
                .collect();
            if flags.speech {
                // A statement's target is its addressee ("told Izvestia", "said to
                // reporters"); after "said" stands the subject of what was said.
                let addressed = is_addressee_verb(&tokens[tr.head].norm)
                    || tokens.get(tr.end).is_some_and(|t| t.norm == "to");
                targets.retain(|&t| {
                    addressed
                        && !matches!(
                            tokens[mentions[t].start].norm.as_str(),
                            "he" | "she" | "it" | "we" | "they"
                        )
                });
            }
            // "feuding over the Iraq war": a mutual event's partner is its object or
            // comes after "with"; another preposition introduces a topic.
            if flags.sym {
                targets.retain(|&t| {
                    let mut p = mentions[t].start;
                    while p > 0 && lexicon::is_determiner(&tokens[p - 1].norm) {
                        p -= 1;
                    }
                    p == 0
                        || !lexicon::is_preposition(&tokens[p - 1].norm)
                        || matches!(tokens[p - 1].norm.as_str(), "with" | "between" | "against")
                });
            }
            // "singling out North Korea and China", "the U.S.-British accord".
            if let Some(&t) = targets.first() {
                targets = coordinated(tokens, mentions, t);
                targets.retain(|i| !sources.contains(i));
            }
        }
        // "ready to resume negotiations after five years with Taiwan": a mutual
        // event's partner may come later in the clause, after "with".
        if flags.sym && targets.is_empty() && sources.len() == 1 {
            let end = (tr.end + 12).min(tokens.len());
            let stop = (tr.end..end)
                .find(|&i| {
                    matches!(
                        tokens[i].norm.as_str(),
                        "," | ";" | "." | "if" | "but" | "while" | "when" | "and" | "said" | "says"
                    )
                })
                .unwrap_or(end);
            let partner = mentions.iter().position(|m| {
                m.start > tr.end
                    && m.start < stop
                    && !m.actor.code.is_empty()
                    && m.kind != MentionKind::Modifier
                    && (tokens[m.start - 1].norm == "with"
                        || (m.start >= 2
                            && tokens[m.start - 2].norm == "with"
                            && lexicon::is_determiner(&tokens[m.start - 1].norm)))
            });
            targets.extend(partner);
        }
        // Mutual relations with two subjects: "Armenia and Azerbaijan clashed"; an object
        // found further on belongs to them only when introduced by "with".
        let with_object = targets.first().is_some_and(|&t| {
            let st = mentions[t].start;
            (st >= 1 && matches!(tokens[st - 1].norm.as_str(), "with" | "between"))
                || (st >= 2
                    && tokens[st - 2].norm == "with"
                    && lexicon::is_determiner(&tokens[st - 1].norm))
        });
        if flags.sym && sources.len() >= 2 && !with_object {
            targets.clear();
        }
        if targets.is_empty() && flags.sym && sources.len() >= 2 {
            let all = std::mem::take(&mut sources);
            return (all[..all.len() - 1].to_vec(), all[1..].to_vec());
        }
        sources.retain(|&i| valid(i) || (flags.noun && !mentions[i].actor.code.is_empty()));
        targets.retain(|&i| !mentions[i].actor.code.is_empty());
        (sources, targets)
    }
}

/// Where a trigger stands in its sentence, for finding its arguments.
struct Scope<'a> {
    /// The verb is passive: the subject is the target.
    passive: bool,
    /// A participle describing the noun just before it: that noun (if an actor) is
    /// the target, and no other.
    reduced_relative: bool,
    /// Mentions already taken as objects of earlier triggers.
    taken: &'a [usize],
    /// The next trigger's head: objects are looked for before it.
    next_head: usize,
    /// Where a reported clause begins: its subject is not the speaker.
    barrier: usize,
    /// The trigger is "the" + noun right after another verb's words.
    object_of_verb: bool,
}

/// One coded event before it is dressed as an [`Event`].
struct Found {
    code: String,
    source: Actor,
    target: Actor,
    trigger_text: String,
    trigger_start: usize,
    trigger_end: usize,
    trigger_token: usize,
    confidence: f32,
    /// A statement coded against what it is about rather than an addressee: kept
    /// only when the sentence reports nothing more specific.
    about: bool,
}

/// The party the actor of mention `of` has dealt with most in the story so far
/// ([`Context::counterpart`]), added as an inferred mention at `at`.
fn counterpart_mention(
    ctx: &Context,
    mentions: &mut Vec<Mention>,
    of: usize,
    at: usize,
) -> Option<usize> {
    let a = mentions[of].actor.root().and_then(|r| ctx.counterpart(r))?;
    Some(place_mention(mentions, at, a))
}

/// The actor at `t` with those listed with it ("Chirac and Schroeder", "North Korea,
/// Iran and China", "the U.S.-British accord"), in order.
fn coordinated(tokens: &[Token], mentions: &[Mention], t: usize) -> Vec<usize> {
    let joined = |a: &Mention, b: &Mention| {
        !b.actor.code.is_empty()
            && (is_coordinated(tokens, a, b, true)
                || (b.start == a.end + 1 && tokens[a.end].norm == "-" && !a.actor.code.is_empty()))
    };
    let mut first = t;
    while first > 0 && joined(&mentions[first - 1], &mentions[first]) {
        first -= 1;
    }
    let mut last = t;
    while last + 1 < mentions.len() && joined(&mentions[last], &mentions[last + 1]) {
        last += 1;
    }
    (first..=last).collect()
}

/// Adds an actor the coder infers rather than reads (a place's authorities, the
/// story's other party) as a mention of no words at `at`; returns its index.
fn place_mention(mentions: &mut Vec<Mention>, at: usize, actor: Actor) -> usize {
    mentions.push(Mention {
        start: at,
        end: at,
        actor,
        kind: MentionKind::State,
        role: None,
        personal: false,
    });
    mentions.len() - 1
}
