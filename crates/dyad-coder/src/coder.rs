//! The event coder: for each sentence, actor mentions and event triggers, then who
//! is the source and who the target of each trigger, whether it happened, and when.
use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use dyad_core::cameo::EventCodes;
use dyad_core::{Actor, Document, Event, Evidence};

use crate::actors::{ActorIndex, Mention, MentionKind};
use crate::clean::Cleaner;
use crate::dict::Dictionaries;
use crate::error::DictError;
use crate::lexicon::{self, Inflector, Modality, ModalityWords, PronounKind};
use crate::patterns::{PatternSet, Trigger};
use crate::sentences;
use crate::tokens::{tokenize, Token};

/// Sentences a "he" or "she" may look back for its person.
const PERSON_LOOKBACK: usize = 5;
/// Sentences an "it" or "the country" may look back for its state.
const STATE_LOOKBACK: usize = 2;
/// Farthest a target may stand after its trigger, in tokens.
const TARGET_REACH: usize = 14;
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
    codes: EventCodes,
    /// Print each sentence's mentions and triggers to stderr (`DYAD_TRACE=1`).
    trace: bool,
}

/// What the coder remembers across sentences for pronouns.
#[derive(Debug, Default)]
struct Context {
    last_person: Option<(Actor, usize)>,
    /// States and organisations named so far, latest last.
    states: Vec<Named>,
    last_speaker: Option<(Actor, usize)>,
    /// The country of a dateline ("KABUL, Afghanistan -"): where bare roles
    /// ("police", "authorities") belong when nothing else says.
    dateline: Option<Actor>,
}

/// A state or organisation as named in the text.
#[derive(Debug, Clone)]
struct Named {
    actor: Actor,
    sentence: usize,
    /// Named as a subject (not after a preposition, not a possessor).
    subject: bool,
}

impl Context {
    /// The state or organisation an "it" (or, with `country_only`, "the country")
    /// most likely stands for: the latest named as a subject, else the latest.
    fn antecedents(&self, si: usize, country_only: bool) -> Vec<Actor> {
        let fits = |n: &&Named| {
            si - n.sentence <= STATE_LOOKBACK
                && (!country_only || n.actor.group.is_none() && n.actor.country.is_some())
        };
        let mut out: Vec<Actor> = Vec::new();
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
            let nominal = is_nominal(tokens, &mentions, h);
            if let Some(t) = self.patterns.match_at(tokens, h, &mention_at, nominal) {
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
                s.or_else(|| inverted_speaker(tokens, &mentions, t.end))
            });
        if si == 0 {
            ctx.dateline = dateline(&self.actors, tokens, &mut mentions);
        }
        let mut alternatives: HashMap<usize, Vec<Actor>> = HashMap::new();
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
                        let mut cands = ctx.antecedents(si, tokens[m.start].norm == "the");
                        let first = (!cands.is_empty()).then(|| cands.remove(0));
                        alternatives.insert(i, cands);
                        first
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
                    definite
                        .then(|| ctx.antecedents(si, true).into_iter().next())
                        .flatten()
                        // A dateline's country only when the sentence names no other.
                        .or_else(|| {
                            ctx.dateline
                                .clone()
                                .filter(|d| countries.iter().all(|c| Some(c) == d.country.as_ref()))
                        })
                        .or_else(|| {
                            sole_country.clone().filter(|_| {
                                is_collective(&tokens[m.end - 1])
                                    || (m.end - m.start >= 2
                                        && tokens[m.start].is_capitalized()
                                        && tokens[m.end - 1].is_capitalized())
                            })
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
        for tr in &triggers {
            let pat = self.patterns.get(tr.pattern);
            let in_nofact_scope =
                nofact_from.is_some_and(|from| !scope_ends(&norms[from.min(tr.head)..tr.head]));
            // "The invite comes…": a verb's pattern used as a noun opens no complement.
            let opens_complement = pat.flags.noun || !is_nominal(tokens, &mentions, tr.head);
            if pat.flags.nofact && !in_nofact_scope && opens_complement {
                nofact_from = Some(tr.end);
            }
            let Some(code) = pat.code.clone() else {
                continue;
            };
            if in_nofact_scope {
                continue;
            }
            let mut modality = self.modality_before(&norms, tr.head);
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
            if is_infinitive(&norms, tr.head) && !pat.flags.speech {
                // "ready to resume negotiations", "agreed to send aid": an intention to
                // cooperate (03); any other aim is not a deed.
                match intent_code(&norms, tr.head, &code) {
                    Some(c) => code = c,
                    None => continue,
                }
            }
            let passive = !pat.flags.noun && is_passive(&norms, tr.head);
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
                    t.head < tr.head
                        && t.end <= tr.head
                        && f.speech
                        && !f.noun
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
                taken: &targets_taken,
                next_head,
                barrier,
                object_of_verb,
            };
            let (mut sources, mut targets) =
                self.arguments(tokens, &mentions, tr, pat.flags, &scope);
            // "A Hong Kong carpenter was arrested in the Thai town": arrests and the
            // like with no agent named are the doing of the place's authorities.
            if sources.is_empty() && passive && code.starts_with("17") && !targets.is_empty() {
                let place = place_after(tokens, &mentions, tr.end, next_head)
                    .or_else(|| ctx.dateline.clone());
                if let Some(a) = place {
                    mentions.push(Mention {
                        start: tr.head,
                        end: tr.head,
                        actor: a,
                        kind: MentionKind::State,
                        role: None,
                        personal: false,
                    });
                    sources.push(mentions.len() - 1);
                }
            }
            // Force used in a place with no one named as its target ("destroyed
            // buildings in a Gaza camp", "bombs around Madrid") is used against that
            // place's country.
            let mut place_target: Option<Actor> = None;
            if targets.is_empty() && !sources.is_empty() && is_forceful(&code) && !object_of_verb {
                place_target = place_after(tokens, &mentions, tr.end, next_head);
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
            let placed = place_target.map(|a| {
                mentions.push(Mention {
                    start: tr.end,
                    end: tr.end,
                    actor: a,
                    kind: MentionKind::State,
                    role: None,
                    personal: false,
                });
                mentions.len() - 1
            });
            if let Some(p) = placed {
                targets.push(p);
            }
            targets_taken.extend(targets.iter().copied());
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
                    mentions.push(Mention {
                        start: tr.end,
                        end: tr.end,
                        actor: a,
                        kind: MentionKind::State,
                        role: None,
                        personal: false,
                    });
                    targets.push(mentions.len() - 1);
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
            }
            for &s in &sources {
                for &t in &targets {
                    if s == t {
                        continue;
                    }
                    let sa = &mentions[s].actor;
                    let mut ta = &mentions[t].actor;
                    // "Washington invaded the country": a pronoun naming the source
                    // again stands for the next candidate.
                    if sa.root() == ta.root() {
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
                        || (sa.code == ta.code && !two_people)
                    {
                        continue;
                    }
                    // "called upon India and Russia to work together": the source's own
                    // country in a list of targets is a partner, not a target; and no
                    // state visits or hosts itself.
                    if sa.root() == ta.root()
                        && ((targets.len() > 1 && mentions[s].kind != MentionKind::Person)
                            || matches!(code.as_str(), "042" | "043" | "044" | "036"))
                    {
                        continue;
                    }
                    // Mutual relations among several subjects: each pair once.
                    if pat.flags.sym && s > t && !passive {
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
                    let code = if code.starts_with("19") && is_irregular_force(sa) {
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
                    out.push(Found {
                        code,
                        source: sa.clone(),
                        target: ta.clone(),
                        trigger_text,
                        trigger_start: tokens[first].start,
                        trigger_end: tokens[last].end,
                        trigger_token: tr.head,
                        confidence,
                    });
                }
            }
        }
        out
    }

    /// The modality word governing a head: looked for in the few words before it,
    /// within its clause. A clause opened by "if", "unless" or "whether" is
    /// hypothetical.
    fn modality_before(&self, norms: &[&str], head: usize) -> Option<Modality> {
        let lo = head.saturating_sub(6);
        for i in (lo..head).rev() {
            if let Some(m) = self.modality.ending_at(norms, i) {
                return Some(m);
            }
            let w = norms[i];
            if matches!(w, "if" | "unless" | "whether") {
                return Some(Modality::Hypothetical);
            }
            if lexicon::is_clause_boundary(w) || w == "," || w == "." {
                break;
            }
        }
        // "sent no troops"
        if norms.get(head + 1) == Some(&"no") {
            return Some(Modality::Negation);
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
                && (flags.sym || !after_preposition(tokens, tr.head))
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
                    if subordinate && !flags.sym {
                        sources.clear();
                    }
                }
            }
        } else if scope.passive {
            targets = subject_left(tokens, mentions, tr.head, scope.taken, scope.barrier);
            sources = by_agent(tokens, mentions, tr.end).into_iter().collect();
        } else {
            sources = subject_left(tokens, mentions, tr.head, scope.taken, scope.barrier);
            if sources.is_empty() {
                // "..., said Lavrov" and reporting clauses after a quote.
                if flags.speech {
                    sources = inverted_speaker(tokens, mentions, tr.end)
                        .into_iter()
                        .collect();
                }
            }
        }
        if let Some(t) = tr.target {
            targets = vec![t];
        } else if targets.is_empty() && !scope.passive && !flags.speech {
            // An actor inside the matched words ("accused Israel of attacking") is
            // the one acted upon.
            let inside = mentions.iter().enumerate().find(|(i, m)| {
                m.start > tr.head
                    && m.end <= tr.end
                    && !m.actor.code.is_empty()
                    && !sources.contains(i)
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
            let reach = reach.min(scope.next_head.saturating_sub(tr.end));
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
            // "singling out North Korea and China", "the U.S.-British accord".
            if let Some(&t) = targets.first() {
                let mut j = t;
                while j + 1 < mentions.len() {
                    let (m, n) = (&mentions[j], &mentions[j + 1]);
                    let joiner = matches!(tokens[m.end].norm.as_str(), "and" | "," | "-" | "&");
                    let adjacent = n.start == m.end + 1
                        || (n.start == m.end + 2
                            && lexicon::is_determiner(&tokens[m.end + 1].norm));
                    if joiner && adjacent && !n.actor.code.is_empty() {
                        targets.push(j + 1);
                        j += 1;
                    } else {
                        break;
                    }
                }
            }
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
}

/// Codes of force and coercion, which a place can suffer (14 protest to 20).
fn is_forceful(code: &str) -> bool {
    matches!(code.get(..2), Some("14" | "15" | "17" | "18" | "19" | "20"))
}

/// The country of the first place named after a deed ("in Gaza", "around Madrid",
/// "near British waters"), before the next trigger.
fn place_after(tokens: &[Token], mentions: &[Mention], from: usize, until: usize) -> Option<Actor> {
    let limit = until.min(from + TARGET_REACH + 6).min(tokens.len());
    let stop = (from..limit)
        .find(|&i| {
            matches!(
                tokens[i].norm.as_str(),
                ";" | "." | "said" | "says" | "who" | "which"
            )
        })
        .unwrap_or(limit);
    let m = mentions.iter().find(|m| {
        m.start >= from
            && m.start < stop
            && m.kind != MentionKind::Pronoun
            && !m.actor.code.is_empty()
    })?;
    let c = m.actor.country.clone()?;
    Some(Actor {
        code: c.clone(),
        country: Some(c),
        group: None,
        role: None,
        name: m.actor.name.clone(),
        text: m.actor.text.clone(),
    })
}

/// Plural or collective role words ("police", "protesters", "the government"), which a
/// sentence naming one country places there; a lone "court" or "King" it does not.
fn is_collective(t: &Token) -> bool {
    !t.is_capitalized()
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
            ))
}

fn is_irregular_force(a: &Actor) -> bool {
    let blocks: Vec<&str> = (0..a.code.len() / 3)
        .map(|i| &a.code[i * 3..i * 3 + 3])
        .collect();
    blocks
        .iter()
        .any(|b| matches!(*b, "REB" | "INS" | "SEP" | "UAF" | "CRM" | "IMG"))
}

fn recent(slot: &Option<(Actor, usize)>, si: usize, lookback: usize) -> Option<Actor> {
    slot.as_ref()
        .filter(|(_, s)| si - *s <= lookback)
        .map(|(a, _)| a.clone())
}

fn remember(ctx: &mut Context, m: &Mention, si: usize, subject: bool) {
    let a = &m.actor;
    if a.code.is_empty() || m.kind == MentionKind::Pronoun {
        return;
    }
    if m.personal || m.kind == MentionKind::Person {
        ctx.last_person = Some((a.clone(), si));
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
    ctx.states.push(Named {
        actor: state,
        sentence: si,
        subject,
    });
    if ctx.states.len() > 32 {
        ctx.states.remove(0);
    }
}

/// A dateline opening the first sentence ("KABUL, Afghanistan -", "BAGHDAD
/// (Reuters) -"): its place names are where the story was filed, not actors.
fn dateline(actors: &ActorIndex, tokens: &[Token], mentions: &mut [Mention]) -> Option<Actor> {
    let shouted = |t: &Token| {
        t.is_word
            && t.surface.chars().any(char::is_alphabetic)
            && !t.surface.chars().any(char::is_lowercase)
    };
    // "KABUL, Afghanistan -", "BAGHDAD (Reuters) -", "ISLAMABAD, Oct 5:", "GAZA CITY --".
    if !tokens.first().is_some_and(shouted) {
        return None;
    }
    let end = tokens
        .iter()
        .take(8)
        .position(|t| matches!(t.norm.as_str(), "-" | "(" | ":"))?;
    if end == 0
        || tokens[..end]
            .iter()
            .any(|t| t.is_word && t.surface.chars().next().is_some_and(char::is_lowercase))
    {
        return None;
    }
    let place_len = tokens[..end].iter().take_while(|t| shouted(t)).count();
    let place: Vec<&str> = tokens[..place_len]
        .iter()
        .map(|t| t.surface.as_str())
        .collect();
    // The country named after the place, else the place's own country.
    let country = mentions
        .iter()
        .filter(|m| m.start < end)
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

fn add_pronouns(tokens: &[Token], mentions: &mut Vec<Mention>) {
    let covered: HashSet<usize> = mentions.iter().flat_map(|m| m.start..m.end).collect();
    for (i, t) in tokens.iter().enumerate() {
        if covered.contains(&i) {
            continue;
        }
        let is_np = lexicon::pronoun_kind(&t.norm).is_some()
            || (t.norm == "the"
                && tokens
                    .get(i + 1)
                    .is_some_and(|n| matches!(n.norm.as_str(), "country" | "nation")));
        if !is_np {
            continue;
        }
        let end = if t.norm == "the" { i + 2 } else { i + 1 };
        mentions.push(Mention {
            start: i,
            end,
            actor: Actor::default(),
            kind: MentionKind::Pronoun,
            role: None,
            personal: matches!(t.norm.as_str(), "he" | "she" | "him"),
        });
    }
    mentions.sort_by_key(|m| m.start);
}

fn pronoun_kind_of(tokens: &[Token], m: &Mention) -> Option<PronounKind> {
    let w = tokens[m.start].norm.as_str();
    if w == "the" {
        return Some(PronounKind::Thing);
    }
    lexicon::pronoun_kind(w)
}

/// True when the words before `h` make it read as a noun ("the talks", "Russia's
/// attack", "new sanctions").
fn is_nominal(tokens: &[Token], mentions: &[Mention], h: usize) -> bool {
    let Some(prev) = h.checked_sub(1).map(|p| tokens[p].norm.as_str()) else {
        return false;
    };
    // "Russian strikes": a demonym before the word makes it a noun; a subject
    // before it ("Armenian troops clashed") does not.
    if mentions
        .iter()
        .any(|m| m.end == h && m.kind == MentionKind::Modifier)
    {
        return true;
    }
    lexicon::is_determiner(prev)
        || prev == "'s"
        || prev.bytes().all(|b| b.is_ascii_digit())
        || matches!(
            prev,
            "new"
                | "fresh"
                | "further"
                | "more"
                | "joint"
                | "military"
                | "border"
                | "economic"
                | "trade"
                | "peace"
                | "air"
                | "missile"
                | "drone"
                | "deadly"
                | "heavy"
                | "recent"
                | "latest"
                | "bilateral"
                | "direct"
                | "diplomatic"
                | "western"
                | "no"
                | "any"
                | "of"
                | "-"
                | "renewed"
                | "massive"
                | "major"
                | "high-level"
                | "talks"
        )
}

/// Verbs that only carry an event noun ("held the talks", "launched the strikes"):
/// their subject is the noun's actor.
fn is_light_verb(w: &str) -> bool {
    matches!(
        w,
        "held"
            | "hold"
            | "holds"
            | "holding"
            | "launched"
            | "launch"
            | "launches"
            | "carried"
            | "carry"
            | "staged"
            | "stage"
            | "conducted"
            | "conduct"
            | "began"
            | "begin"
            | "begins"
            | "started"
            | "start"
            | "made"
            | "make"
            | "makes"
            | "announced"
            | "announce"
            | "announces"
            | "opened"
            | "open"
            | "resumed"
            | "resume"
            | "continued"
            | "continue"
            | "stepped"
            | "imposed"
            | "impose"
            | "signed"
            | "sign"
            | "agreed"
            | "reached"
            | "reach"
    )
}

/// Reporting verbs whose object is the person spoken to.
fn is_addressee_verb(w: &str) -> bool {
    matches!(
        w,
        "told"
            | "tell"
            | "tells"
            | "telling"
            | "informed"
            | "inform"
            | "informs"
            | "briefed"
            | "brief"
            | "briefs"
            | "assured"
            | "assure"
            | "assures"
            | "reassured"
            | "wrote"
            | "writes"
    )
}

/// Words after which "to" + a cooperative verb states an intention.
fn is_intent_word(w: &str) -> bool {
    matches!(
        w,
        "ready"
            | "willing"
            | "prepared"
            | "agreed"
            | "agree"
            | "agrees"
            | "offered"
            | "offers"
            | "offer"
            | "pledged"
            | "pledges"
            | "vowed"
            | "vows"
            | "promised"
            | "promises"
            | "plans"
            | "planned"
            | "plan"
            | "intends"
            | "intended"
            | "decided"
            | "decides"
            | "hopes"
            | "hoped"
            | "wants"
            | "wanted"
            | "seeks"
            | "sought"
            | "expected"
            | "set"
            | "due"
            | "eager"
            | "keen"
            | "committed"
    )
}

/// The CAMEO intent code (03x) for a cooperative event stated as an aim after an
/// intent word, or `None`.
fn intent_code(norms: &[&str], head: usize, code: &str) -> Option<String> {
    let lo = head.saturating_sub(4);
    if !norms[lo..head].iter().any(|w| is_intent_word(w)) {
        return None;
    }
    intention_of(code).or_else(|| code.starts_with("03").then(|| code.to_string()))
}

/// The CAMEO "express intent" code (03x) of a cooperative deed announced for later.
fn intention_of(code: &str) -> Option<String> {
    let c = match code {
        "057" => "037",
        c if c.starts_with("04") => "036",
        c if c.starts_with("05") => "032",
        c if c.starts_with("06") => "031",
        "0841" | "0842" | "084" => "0353",
        c if c.starts_with("07") => "033",
        c if c.starts_with("08") => "035",
        _ => return None,
    };
    Some(c.to_string())
}

/// True when a speech verb stands before `head` in the sentence.
fn speech_before(norms: &[&str], head: usize, triggers: &[Trigger], patterns: &PatternSet) -> bool {
    let _ = norms;
    triggers
        .iter()
        .any(|t| t.head < head && patterns.get(t.pattern).flags.speech)
}

/// "to" right before the head (or "to try and"): an aim, not a deed.
fn is_infinitive(norms: &[&str], head: usize) -> bool {
    let prev = head.checked_sub(1).map(|p| norms[p]);
    prev == Some("to")
        && !matches!(
            head.checked_sub(2).map(|p| norms[p]),
            Some("due" | "according" | "close")
        )
        || (prev == Some("and") && head >= 3 && norms[head - 2] == "try" && norms[head - 3] == "to")
}

/// A past participle after a form of "to be": "was attacked by".
fn is_passive(norms: &[&str], head: usize) -> bool {
    let w = norms[head];
    if !(w.ends_with("ed") || w.ends_with("en") || w.ends_with('n') || w.ends_with('t')) {
        return false;
    }
    // "Israel, backed by the US, said…": a participle right after a comma, with its
    // agent, is passive without "to be".
    if head >= 1 && norms[head - 1] == "," && norms.get(head + 1) == Some(&"by") {
        return true;
    }
    let mut i = head;
    for _ in 0..3 {
        let Some(p) = i.checked_sub(1) else {
            return false;
        };
        let prev = norms[p];
        if lexicon::is_passive_auxiliary(prev) {
            return prev != "'s" || w.ends_with("ed");
        }
        if !(prev.ends_with("ly")
            || matches!(
                prev,
                "also" | "not" | "been" | "being" | "then" | "later" | "now" | "never"
            ))
        {
            return false;
        }
        i = p;
    }
    false
}

/// The subject of a verb at `head`: the nearest actor to its left in the same
/// clause that is not inside a prepositional phrase nor already the object of an
/// earlier verb; with its partner when coordinated ("Armenia and Azerbaijan").
fn subject_left(
    tokens: &[Token],
    mentions: &[Mention],
    head: usize,
    taken: &[usize],
    barrier: usize,
) -> Vec<usize> {
    let mut out = Vec::new();
    // What is reported after "X said" has its own subject: never X.
    let mut boundary = barrier;
    for i in (0..head).rev() {
        let w = tokens[i].norm.as_str();
        if matches!(
            w,
            ";" | ":"
                | "but"
                | "while"
                | "whereas"
                | "although"
                | "though"
                | "because"
                | "if"
                | "unless"
                | "so"
                | "yet"
                | "whether"
        ) {
            boundary = boundary.max(i + 1);
            break;
        }
    }
    for (idx, m) in mentions.iter().enumerate().rev() {
        if m.end > head || m.start < boundary {
            continue;
        }
        // A demonym is a subject only right before its verb with a few plain words
        // between ("the Syrian defence ministries accused").
        let modifier_subject = m.kind == MentionKind::Modifier
            && head - m.end <= 3
            && tokens[m.end..head].iter().all(|t| {
                t.is_word
                    && !t.is_capitalized()
                    && !lexicon::is_preposition(&t.norm)
                    && !lexicon::is_determiner(&t.norm)
                    && !lexicon::is_passive_auxiliary(&t.norm)
            });
        if m.actor.code.is_empty()
            || (m.kind == MentionKind::Modifier && !modifier_subject)
            || taken.contains(&idx)
        {
            continue;
        }
        if after_preposition(tokens, m.start) {
            continue;
        }
        // A possessor of some other noun is not the subject ("Armenia's interests
        // were…"), unless that noun is an organ of it ("the UN's Global Fund meets",
        // "the Council's resolution threatening").
        if tokens.get(m.end).is_some_and(|t| t.norm == "'s")
            && m.end + 2 < head
            && !mentions.iter().any(|n| n.start == m.end + 1)
            && !tokens.get(m.end + 1).is_some_and(|t| t.is_capitalized())
        {
            continue;
        }
        out.push(idx);
        // Coordination: "X and Y", "X, Y and Z".
        let mut j = idx;
        while j > 0 {
            let before = mentions[j]
                .start
                .checked_sub(1)
                .map(|p| tokens[p].norm.as_str());
            let prev = &mentions[j - 1];
            let gap = mentions[j].start - prev.end.min(mentions[j].start);
            let joined = match gap {
                1 => matches!(before, Some("and" | "," | "&")),
                2 => {
                    lexicon::is_determiner(before.unwrap_or(""))
                        && matches!(tokens[prev.end].norm.as_str(), "and" | ",")
                }
                _ => false,
            };
            if joined && !prev.actor.code.is_empty() {
                out.insert(0, j - 1);
                j -= 1;
            } else {
                break;
            }
        }
        // "deal with Iran, Iraq and China": a list after a preposition is no subject.
        if out.len() > 1 && after_preposition(tokens, mentions[out[0]].start) {
            out.clear();
            continue;
        }
        break;
    }
    out
}

/// The first subject of the sentence before `head`, across clause boundaries.
fn first_subject(
    tokens: &[Token],
    mentions: &[Mention],
    head: usize,
    taken: &[usize],
) -> Option<usize> {
    mentions.iter().enumerate().find_map(|(i, m)| {
        (m.end <= head
            && !m.actor.code.is_empty()
            && m.kind != MentionKind::Modifier
            && !taken.contains(&i)
            && !after_preposition(tokens, m.start))
        .then_some(i)
    })
}

fn after_preposition(tokens: &[Token], start: usize) -> bool {
    let mut i = start;
    for _ in 0..3 {
        let Some(p) = i.checked_sub(1) else {
            return false;
        };
        let w = tokens[p].norm.as_str();
        if lexicon::is_preposition(w) {
            return true;
        }
        let adjective = tokens[p].is_word
            && w.chars().all(char::is_alphabetic)
            && !tokens[p].is_capitalized()
            && w.len() > 3
            && !w.ends_with("ed")
            && !w.ends_with('s');
        if !(lexicon::is_determiner(w) || adjective) {
            return false;
        }
        i = p;
    }
    false
}

/// The first actor after `from`, within `reach` tokens and the same clause.
fn object_right(
    tokens: &[Token],
    mentions: &[Mention],
    from: usize,
    reach: usize,
    sources: &[usize],
    speech: bool,
) -> Option<usize> {
    let limit = (from + reach).min(tokens.len());
    let mut stop = limit;
    for (i, t) in tokens.iter().enumerate().take(limit).skip(from) {
        let w = t.norm.as_str();
        // ", and Estonia signed…": a new clause begins.
        if w == ","
            && tokens
                .get(i + 1)
                .is_some_and(|n| matches!(n.norm.as_str(), "and" | "but" | "while" | "as"))
        {
            stop = i;
            break;
        }
        // What is said runs on past quotes.
        if speech && w == "\"" {
            continue;
        }
        if lexicon::is_clause_boundary(w) && w != "\""
            || matches!(w, "said" | "says" | "." | "that")
        {
            stop = i;
            break;
        }
    }
    mentions
        .iter()
        .enumerate()
        .filter(|(i, m)| {
            m.start >= from && m.start < stop && !m.actor.code.is_empty() && !sources.contains(i)
        })
        // A state after "in" is a place ("signed in Nigeria"); an organisation after
        // "in" is a membership ("participation in the CSTO").
        .find(|(_, m)| {
            let placed = (m.start > 0 && lexicon::is_locative(&tokens[m.start - 1].norm))
                || (m.start > 1
                    && lexicon::is_determiner(&tokens[m.start - 1].norm)
                    && lexicon::is_locative(&tokens[m.start - 2].norm));
            !placed || m.kind == MentionKind::Org
        })
        .map(|(i, _)| i)
}

/// The agent of a passive: "by X" after the verb.
fn by_agent(tokens: &[Token], mentions: &[Mention], from: usize) -> Option<usize> {
    let limit = (from + TARGET_REACH).min(tokens.len());
    let by = (from..limit).find(|&i| tokens[i].norm == "by")?;
    if (from..by).any(|i| lexicon::is_clause_boundary(&tokens[i].norm)) {
        return None;
    }
    mentions
        .iter()
        .position(|m| m.start > by && m.start <= by + 3 && !m.actor.code.is_empty())
}

/// The actor owning an event noun: "Russia's attack", "Russian strikes", "US-led talks".
fn possessor(tokens: &[Token], mentions: &[Mention], head: usize) -> Option<usize> {
    for (idx, m) in mentions.iter().enumerate().rev() {
        if m.end > head {
            continue;
        }
        if head - m.end > 3 || m.actor.code.is_empty() {
            return None;
        }
        let between = &tokens[m.end..head];
        let ok = between.iter().all(|t| {
            t.norm == "'s"
                || t.norm == "'"
                || t.norm == "-"
                || is_led(&t.norm)
                // Adjectives only ("Russia's new attack", "Russian air strikes"): a
                // determiner or a verb between starts another phrase ("Sharif
                // condemned the attack").
                || (t.is_word
                    && !t.is_capitalized()
                    && !lexicon::is_preposition(&t.norm)
                    && !lexicon::is_clause_boundary(&t.norm)
                    && !lexicon::is_determiner(&t.norm)
                    && !lexicon::is_passive_auxiliary(&t.norm)
                    && !t.norm.ends_with("ed")
                    && !matches!(t.norm.as_str(), "and" | "has" | "have" | "had" | "will" | "would"))
        });
        // "X-Y talks": the first of two joined actors owns it.
        if ok {
            if idx > 0 && mentions[idx - 1].end + 1 == m.start && tokens[m.start - 1].norm == "-" {
                return Some(idx - 1);
            }
            return Some(idx);
        }
        return None;
    }
    None
}

fn is_led(w: &str) -> bool {
    matches!(w, "led" | "backed" | "brokered" | "sponsored")
}

/// "between X and Y" (or "X-Y") right after an event noun.
fn between_pair(tokens: &[Token], mentions: &[Mention], from: usize) -> Option<(usize, usize)> {
    let w = tokens.get(from)?.norm.as_str();
    if !matches!(w, "between" | "among") {
        return None;
    }
    let a = mentions
        .iter()
        .position(|m| m.start > from && m.start <= from + 2)?;
    let b = a + 1;
    let mb = mentions.get(b)?;
    (tokens[mentions[a].end].norm == "and" && mb.start == mentions[a].end + 1).then_some((a, b))
}

/// "…, said X" / "…,\" X said": the speaker right after (or before) a reporting verb.
fn inverted_speaker(tokens: &[Token], mentions: &[Mention], from: usize) -> Option<usize> {
    mentions
        .iter()
        .position(|m| m.start >= from && m.start <= from + 2 && !m.actor.code.is_empty())
        .or_else(|| {
            let _ = tokens;
            None
        })
}

/// True when something between a "nofact" verb and a later trigger ends the verb's
/// complement ("called on X for help during clashes with Y").
fn scope_ends(between: &[&str]) -> bool {
    // "… and has accused Beijing": a coordinated verb starts a new deed, but "to try
    // and break off" continues the aim.
    let coordinated = between
        .iter()
        .enumerate()
        .any(|(i, w)| *w == "and" && (i == 0 || between[i - 1] != "try"));
    coordinated
        || between.iter().any(|w| {
            matches!(
                *w,
                ";" | "during"
                    | "amid"
                    | "after"
                    | "as"
                    | "when"
                    | "while"
                    | "since"
                    | "despite"
                    | "but"
                    | "following"
                    | "before"
                    | "."
            )
        })
}
