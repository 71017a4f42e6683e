//! Finding a trigger's source and target in its sentence: the subject to its left,
//! the object to its right, the agent of a passive, the owner of an event noun,
//! "between X and Y", and places as targets of force.
use dyad_core::Actor;

use crate::actors::{Mention, MentionKind};
use crate::coder::TARGET_REACH;
use crate::lexicon;
use crate::tokens::Token;

/// The country of the first place named after a deed ("in Gaza", "around Madrid",
/// "near British waters"), before the next trigger.
pub(crate) fn place_after(
    tokens: &[Token],
    mentions: &[Mention],
    from: usize,
    until: usize,
) -> Option<Actor> {
    let limit = until.min(from + TARGET_REACH + 6).min(tokens.len());
    let stop = (from..limit)
        .find(|&i| {
            matches!(
                tokens[i].norm.as_str(),
                ";" | "." | "said" | "says" | "who" | "which"
            )
        })
        .unwrap_or(limit);
    let stop = (from..stop)
        .find(|&i| {
            tokens[i].norm == ","
                && tokens[i + 1..tokens.len().min(i + 6)]
                    .iter()
                    .any(|n| matches!(n.norm.as_str(), "said" | "says" | "added" | "told"))
        })
        .unwrap_or(stop);
    // A place: a town or country named as such, or a state after "in", "near"…
    let placed = |m: &Mention| {
        m.kind == MentionKind::Modifier
            || (m.start >= 1 && lexicon::is_locative(&tokens[m.start - 1].norm))
            || (m.start >= 2
                && lexicon::is_determiner(&tokens[m.start - 1].norm)
                && lexicon::is_locative(&tokens[m.start - 2].norm))
    };
    let m = mentions.iter().find(|m| {
        m.start >= from
            && m.start < stop
            && m.kind != MentionKind::Pronoun
            && !m.actor.code.is_empty()
            && placed(m)
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

/// The subject of a verb at `head`: the nearest actor to its left in the same
/// clause that is not inside a prepositional phrase nor already the object of an
/// earlier verb; with its partner when coordinated ("Armenia and Azerbaijan").
pub(crate) fn subject_left(
    tokens: &[Token],
    mentions: &[Mention],
    head: usize,
    taken: &[usize],
    barrier: usize,
) -> Vec<usize> {
    let mut out = Vec::new();
    if has_unnamed_subject(tokens, mentions, head) {
        return out;
    }
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
            // "While tensions between A and B are strained, experts say…": a clause
            // opening the sentence ends at its comma; the verb after it belongs to
            // the main clause.
            let opens_sentence = i == 0 || matches!(tokens[i - 1].norm.as_str(), "\"" | "“");
            if opens_sentence && !matches!(w, ";" | ":" | "but" | "so" | "yet") {
                if let Some(c) = (i + 1..head).find(|&k| tokens[k].norm == ",") {
                    boundary = boundary.max(c + 1);
                }
            }
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
        // An appositive (", Bujumbura,") renames the noun before it: prefer what
        // it renames, if that is an actor too.
        let appositive = m.start > 0
            && tokens[m.start - 1].norm == ","
            && tokens.get(m.end).is_some_and(|t| t.norm == ",")
            && mentions[..idx].iter().any(|p| {
                !p.actor.code.is_empty() && p.kind != MentionKind::Modifier && p.end < m.start
            });
        if appositive {
            continue;
        }
        out.push(idx);
        // Coordination: "X and Y", "X, Y and Z".
        let mut j = idx;
        // A comma joins only inside a list that ends in "and" ("X, Y and Z"):
        // "at the Security Council, the US worked" closes an opening phrase.
        while j > 0 && is_coordinated(tokens, &mentions[j - 1], &mentions[j], j < idx) {
            out.insert(0, j - 1);
            j -= 1;
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

/// Whether `next` is joined to `prev` in a list of actors: "X and Y", "X, Y and Z"
/// (commas only when `in_list`), "X and the Y", "X and Democratic challenger Y".
pub(crate) fn is_coordinated(
    tokens: &[Token],
    prev: &Mention,
    next: &Mention,
    in_list: bool,
) -> bool {
    if prev.actor.code.is_empty() || next.start <= prev.end {
        return false;
    }
    let joiner = tokens[prev.end].norm.as_str();
    let between = &tokens[prev.end + 1..next.start];
    match between.len() {
        0 => matches!(joiner, "and" | "&") || (joiner == "," && in_list),
        1 => {
            lexicon::is_determiner(&between[0].norm)
                && (joiner == "and" || (joiner == "," && in_list))
        }
        // "US forces and radical Shiite cleric Muqtada al-Sadr('s militia)": a title
        // of a few words between "and" and a name.
        2..=5 => joiner == "and" && between.iter().all(is_title_word),
        _ => false,
    }
}

/// A word of a title or description before a name ("Democratic challenger", "radical
/// Shiite cleric"): no verb form, preposition, determiner or clause word.
fn is_title_word(t: &Token) -> bool {
    let w = t.norm.as_str();
    if t.is_capitalized() {
        t.is_word && !lexicon::is_determiner(w) && !lexicon::is_clause_boundary(w)
    } else {
        crate::actors::is_descriptive_word(t) && !w.ends_with("ing") && !w.ends_with('s')
    }
}

/// People acted upon but named by no actor word, in the words after a verb of
/// coercion: a counted group ("nearly 30 outsiders", "two students") right after it,
/// or a crowd further on in its clause ("used tear gas to break up a demonstration").
/// Returns their token span.
pub(crate) fn people_object(tokens: &[Token], from: usize, limit: usize) -> Option<(usize, usize)> {
    let limit = limit.min(tokens.len());
    let mut i = from;
    while i < limit
        && matches!(
            tokens[i].norm.as_str(),
            "nearly"
                | "about"
                | "some"
                | "at"
                | "least"
                | "more"
                | "than"
                | "up"
                | "to"
                | "over"
                | "almost"
                | "around"
                | "roughly"
                | "another"
        )
    {
        i += 1;
    }
    let counted = i < limit
        && (lexicon::is_number_word(&tokens[i].norm)
            || tokens[i].norm.chars().all(|c| c.is_ascii_digit()))
        && tokens
            .get(i + 1)
            .is_some_and(|t| t.is_word && !t.is_capitalized());
    if counted {
        let mut end = i + 1;
        while end + 1 < limit && tokens[end].is_word && !tokens[end].norm.ends_with('s') {
            end += 1;
        }
        if tokens[end].norm.ends_with('s') && !lexicon::is_preposition(&tokens[end].norm) {
            return Some((i, end + 1));
        }
    }
    (from..limit)
        .take_while(|&k| tokens[k].is_word && !lexicon::is_clause_boundary(&tokens[k].norm))
        .find(|&k| is_crowd(&tokens[k].norm))
        .map(|k| (k, k + 1))
}

/// The words of a passive verb's subject ("A gunman … was captured"): the noun
/// phrase just before its auxiliaries, as a token span (empty if none).
pub(crate) fn passive_subject(tokens: &[Token], head: usize) -> (usize, usize) {
    let mut end = head;
    while end > 0 && {
        let w = tokens[end - 1].norm.as_str();
        lexicon::is_passive_auxiliary(w)
            || matches!(
                w,
                "been" | "being" | "also" | "not" | "has" | "have" | "had"
            )
            || w.ends_with("ly")
    } {
        end -= 1;
    }
    // "A gunman being hunted on the North Shore was captured": the subject is
    // before the clause that describes it.
    if let Some(k) = (end.saturating_sub(10)..end)
        .rev()
        .find(|&k| matches!(tokens[k].norm.as_str(), "being" | "who" | "which" | "that"))
    {
        end = k;
    }
    let mut start = end;
    while start > 0
        && end - start < 6
        && tokens[start - 1].is_word
        && !lexicon::is_clause_boundary(&tokens[start - 1].norm)
        && !lexicon::is_preposition(&tokens[start - 1].norm)
    {
        start -= 1;
    }
    (start, end)
}

/// Nouns for people gathered or protesting, whose country is where they are.
fn is_crowd(w: &str) -> bool {
    matches!(
        w,
        "protesters"
            | "protestors"
            | "demonstrators"
            | "demonstration"
            | "demonstrations"
            | "protest"
            | "protests"
            | "crowd"
            | "crowds"
            | "rally"
            | "rallies"
            | "marchers"
            | "mourners"
            | "rioters"
            | "students"
            | "activists"
            | "strikers"
    )
}

/// The first subject of the sentence before `head`, across clause boundaries.
pub(crate) fn first_subject(
    tokens: &[Token],
    mentions: &[Mention],
    head: usize,
    taken: &[usize],
) -> Option<usize> {
    mentions.iter().enumerate().find_map(|(i, m)| {
        // "An earthquake rocked Indonesia's island, killing…": an actor after the
        // main verb is its object, not the subject.
        let after_verb = tokens[..m.start].iter().any(|t| {
            t.is_word && !t.is_capitalized() && t.norm.len() > 3 && t.norm.ends_with("ed")
        });
        (m.end <= head
            && !m.actor.code.is_empty()
            && m.kind != MentionKind::Modifier
            && !taken.contains(&i)
            && !after_verb
            && !after_preposition(tokens, m.start))
        .then_some(i)
    })
}

pub(crate) fn after_preposition(tokens: &[Token], start: usize) -> bool {
    let head = &tokens[start];
    let common_noun =
        head.is_word && !head.is_capitalized() && lexicon::pronoun_kind(&head.norm).is_none();
    let mut i = start;
    for _ in 0..4 {
        let Some(mut p) = i.checked_sub(1) else {
            return false;
        };
        // "of Russia's full-scale invasion": a hyphenated compound is one adjective.
        while p >= 2 && tokens[p - 1].norm == "-" {
            p -= 2;
        }
        let w = tokens[p].norm.as_str();
        // "hundreds of police", "members of the opposition": a quantity, not a place.
        if w == "of" && p >= 1 && is_quantity(&tokens[p - 1].norm) {
            return false;
        }
        // "needed to ensure Russian President Putin ends": "to" before a plain word
        // opens an infinitive, not a phrase.
        let infinitive = w == "to"
            && !common_noun
            && p + 1 < start
            && tokens[p + 1].is_word
            && !tokens[p + 1].is_capitalized()
            && !lexicon::is_determiner(&tokens[p + 1].norm)
            && !lexicon::is_number_word(&tokens[p + 1].norm);
        if lexicon::is_preposition(w) && !infinitive {
            return true;
        }
        // "in the 7 October attacks": a date inside the phrase describes an event
        // noun (but "said on Saturday it would" ends the phrase before "it").
        let dated =
            common_noun && (w.chars().all(|c| c.is_ascii_digit()) || crate::dates::is_date_word(w));
        let number = lexicon::is_number_word(w) || dated;
        let adjective = number
            || tokens[p].is_word
                && !lexicon::is_clause_boundary(w)
                && !matches!(w, "that" | "then" | "also" | "than" | "there" | "this")
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

/// Nouns of number and membership that take "of" before the people they count.
fn is_quantity(w: &str) -> bool {
    matches!(
        w,
        "hundreds"
            | "thousands"
            | "dozens"
            | "scores"
            | "millions"
            | "tens"
            | "some"
            | "many"
            | "most"
            | "group"
            | "groups"
            | "members"
            | "member"
            | "supporters"
            | "units"
            | "unit"
            | "crowds"
            | "crowd"
            | "number"
            | "team"
            | "delegation"
            | "contingent"
            | "round"
            | "rounds"
            | "series"
            | "spate"
            | "wave"
    )
}

/// The first actor after `from`, within `reach` tokens and the same clause.
pub(crate) fn object_right(
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
        // "After the summit, the UK and France…", ", and Estonia signed…": past a
        // comma a new phrase begins.
        if w == ","
            && tokens
                .get(i + 1)
                .is_some_and(|n| matches!(n.norm.as_str(), "and" | "but" | "while" | "as"))
        {
            stop = i;
            break;
        }
        // ", an Indian official said": the reporting clause after what was said.
        if w == ","
            && tokens[i + 1..tokens.len().min(i + 6)]
                .iter()
                .any(|n| matches!(n.norm.as_str(), "said" | "says" | "added" | "told" | "say"))
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
            m.start >= from
                && m.start < stop
                && !m.actor.code.is_empty()
                && !sources.contains(i)
                && !is_possessive_determiner(tokens, m.start)
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
pub(crate) fn by_agent(tokens: &[Token], mentions: &[Mention], from: usize) -> Option<usize> {
    let limit = (from + TARGET_REACH).min(tokens.len());
    let by = (from..limit).find(|&i| tokens[i].norm == "by")?;
    if (from..by).any(|i| lexicon::is_clause_boundary(&tokens[i].norm)) {
        return None;
    }
    mentions
        .iter()
        .position(|m| m.start > by && m.start <= by + 3 && !m.actor.code.is_empty())
}

/// The agent of an earlier passive in the clause before `head` ("by Palestinian
/// gunmen"), for a passive that continues it after "and".
pub(crate) fn earlier_agent(tokens: &[Token], mentions: &[Mention], head: usize) -> Option<usize> {
    let by = (head.saturating_sub(12)..head)
        .rev()
        .take_while(|&i| !matches!(tokens[i].norm.as_str(), ";" | "." | "but"))
        .find(|&i| tokens[i].norm == "by")?;
    mentions.iter().position(|m| {
        m.start > by && m.start <= by + 3 && m.end <= head && !m.actor.code.is_empty()
    })
}

/// The actor owning an event noun: "Russia's attack", "Russian strikes", "US-led talks".
pub(crate) fn possessor(tokens: &[Token], mentions: &[Mention], head: usize) -> Option<usize> {
    for (idx, m) in mentions.iter().enumerate().rev() {
        if m.end > head {
            continue;
        }
        let between = &tokens[m.end..head];
        // A hyphenated compound ("full-scale") counts as one word.
        let words = between
            .iter()
            .enumerate()
            .filter(|&(i, t)| t.norm != "-" && (i == 0 || between[i - 1].norm != "-"))
            .count();
        if words > 3 || m.actor.code.is_empty() {
            return None;
        }
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

pub(crate) fn is_led(w: &str) -> bool {
    matches!(w, "led" | "backed" | "brokered" | "sponsored")
}

/// "between X and Y" (or "X-Y") right after an event noun.
pub(crate) fn between_pair(
    tokens: &[Token],
    mentions: &[Mention],
    from: usize,
) -> Option<(usize, usize)> {
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

/// "…, said X" / "…,\" X said": the speaker right after (or before) a reporting verb
/// at `head..from`. Only after a comma or quote, or when nothing more is said of X:
/// in "he says Lord Goldsmith warned Blair", Goldsmith is what was said.
pub(crate) fn inverted_speaker(
    tokens: &[Token],
    mentions: &[Mention],
    head: usize,
    from: usize,
) -> Option<usize> {
    let after_quote = head > 0
        && matches!(
            tokens[head - 1].norm.as_str(),
            "," | "\"" | "”" | "'" | "’" | "“"
        );
    mentions.iter().position(|m| {
        m.start >= from
            && m.start <= from + 2
            && !m.actor.code.is_empty()
            && (after_quote
                || tokens.get(m.end).is_none_or(|t| {
                    matches!(
                        t.norm.as_str(),
                        "." | "," | ";" | "on" | "in" | "at" | "after" | "when" | "told" | "who"
                    )
                }))
    })
}

/// What a statement is about, when its verb names no addressee: the first actor of
/// another country in what was said ("Hoon said the talks between Pakistan and India
/// …" is Britain → Pakistan 01). The content follows the verb, or precedes it when the
/// speaker comes last ("An Afghan court acted properly, a US official said").
pub(crate) fn statement_subject(
    tokens: &[Token],
    mentions: &[Mention],
    verb_end: usize,
    next_verb: usize,
    sources: &[usize],
) -> Option<usize> {
    let speaker_start = sources.iter().map(|&s| mentions[s].start).min()?;
    let roots: Vec<Option<&str>> = sources.iter().map(|&s| mentions[s].actor.root()).collect();
    let candidate = |m: &Mention| {
        // A region ("the Mideast peace plan") is seldom what a statement is about,
        // nor is a bare "it" in a quote, nor a place ("a body found in Iraq").
        let named = !m.actor.code.is_empty() && m.actor.root().is_some() && !m.actor.is_region();
        let bare_it = m.kind == MentionKind::Pronoun && tokens[m.start].norm == "it";
        let placed = m.start > 0 && lexicon::is_locative(&tokens[m.start - 1].norm);
        named
            && !bare_it
            && !placed
            && m.kind != MentionKind::Modifier
            && !roots.contains(&m.actor.root())
    };
    let after = mentions
        .iter()
        .enumerate()
        .find(|(_, m)| m.start >= verb_end && m.start < next_verb && candidate(m));
    if let Some((i, _)) = after {
        return Some(i);
    }
    // Else another actor of the speaker's own country, named as such ("said the
    // government's move was wrong").
    let codes: Vec<&str> = sources
        .iter()
        .map(|&s| mentions[s].actor.code.as_str())
        .collect();
    let domestic = mentions.iter().enumerate().find(|(_, m)| {
        m.start >= verb_end
            && m.start < next_verb
            && !m.actor.code.is_empty()
            && matches!(
                m.kind,
                MentionKind::State | MentionKind::Person | MentionKind::RoleOnly | MentionKind::Org
            )
            && m.actor.role.is_some()
            && !codes.contains(&m.actor.code.as_str())
    });
    if let Some((i, _)) = domestic {
        return Some(i);
    }
    let mut lead = speaker_start;
    while lead > 0 && lexicon::is_determiner(&tokens[lead - 1].norm) {
        lead -= 1;
    }
    let quoted_before = lead
        .checked_sub(1)
        .is_some_and(|i| matches!(tokens[i].norm.as_str(), "," | "\"" | "”" | "'" | "’"));
    if quoted_before {
        return mentions
            .iter()
            .enumerate()
            .find(|(_, m)| m.end <= speaker_start && candidate(m))
            .map(|(i, _)| i);
    }
    None
}

/// The topic of a statement given after "on" or "about" right after its verb
/// ("commented on events in Washington", "spoke about Iran's programme"): the
/// country of the first actor or place named there.
pub(crate) fn statement_topic(
    tokens: &[Token],
    mentions: &[Mention],
    verb_end: usize,
    sources: &[usize],
) -> Option<usize> {
    let mut i = verb_end;
    // ", though," and the like between the verb and its topic.
    while i < tokens.len()
        && matches!(
            tokens[i].norm.as_str(),
            "," | "though" | "also" | "again" | "publicly"
        )
    {
        i += 1;
    }
    if !tokens
        .get(i)
        .is_some_and(|t| matches!(t.norm.as_str(), "on" | "about" | "upon"))
    {
        return None;
    }
    // "said on Friday", "said on 3 March": when, not what about.
    if tokens.get(i + 1).is_some_and(|t| {
        crate::dates::is_date_word(&t.norm)
            || t.norm.chars().next().is_some_and(|c| c.is_ascii_digit())
    }) {
        return None;
    }
    let roots: Vec<Option<&str>> = sources.iter().map(|&s| mentions[s].actor.root()).collect();
    let stop = (i + 1..(i + 7).min(tokens.len()))
        .find(|&k| !tokens[k].is_word || lexicon::is_clause_boundary(&tokens[k].norm))
        .unwrap_or((i + 7).min(tokens.len()));
    mentions.iter().position(|m| {
        m.start > i
            && m.start < stop
            && m.actor.country.is_some()
            && m.actor.root().is_some()
            && !roots.contains(&m.actor.root())
    })
}

/// What an actor is said to have to do, right after its name: "must" or "needs to"
/// is a demand (100), "should" an appeal (020).
pub(crate) fn obligation_after(tokens: &[Token], end: usize) -> Option<&'static str> {
    let mut i = end;
    // "Washington first needed to", "Russia now must".
    while tokens.get(i).is_some_and(|t| {
        matches!(t.norm.as_str(), "first" | "now" | "also" | "still" | "too")
            || t.norm.ends_with("ly")
    }) {
        i += 1;
    }
    let w = |k: usize| tokens.get(k).map_or("", |t| t.norm.as_str());
    // "Russia needs to be stopped", "must be punished": what others must do to it.
    if w(i + 1) == "be" || w(i + 2) == "be" {
        return None;
    }
    match (w(i), w(i + 1)) {
        ("must", _) | ("need" | "needs" | "needed" | "has" | "have", "to") => Some("100"),
        ("should", _) | ("ought", "to") => Some("020"),
        _ => None,
    }
}

/// The other party of an intention ("offered to send troops to help Indonesia",
/// "agreed to begin talks with Pakistan"): the first actor of another country in the
/// verb's complement, up to the end of its clause. A country after "in" counts only
/// with `places_ok` (help offered to a place goes to it).
pub(crate) fn complement_target(
    tokens: &[Token],
    mentions: &[Mention],
    from: usize,
    clause_end: usize,
    sources: &[usize],
    places_ok: bool,
) -> Option<usize> {
    let roots: Vec<Option<&str>> = sources.iter().map(|&s| mentions[s].actor.root()).collect();
    let limit = (from + 20).min(tokens.len()).min(clause_end);
    let end = (from..limit)
        .find(|&i| {
            matches!(
                tokens[i].norm.as_str(),
                ";" | "." | "but" | "while" | "although"
            ) || (tokens[i].norm == ","
                && tokens[i + 1..tokens.len().min(i + 6)]
                    .iter()
                    .any(|n| matches!(n.norm.as_str(), "said" | "says" | "added" | "told")))
        })
        .unwrap_or(limit);
    let codes: Vec<&str> = sources
        .iter()
        .map(|&s| mentions[s].actor.code.as_str())
        .collect();
    let candidate = |m: &Mention| {
        m.start >= from
            && m.start < end
            && !m.actor.code.is_empty()
            && m.actor.root().is_some()
            && m.kind != MentionKind::Modifier
            // "the elimination of missiles in Europe": a place, not a party.
            && !(!places_ok
                && m.kind == MentionKind::State
                && m.start >= 1
                && lexicon::is_locative(&tokens[m.start - 1].norm))
    };
    // Another country first; else another actor of the same one ("opposition
    // parties threatened to boycott proceedings chaired by him").
    mentions
        .iter()
        .position(|m| candidate(m) && !roots.contains(&m.actor.root()))
        .or_else(|| {
            mentions.iter().position(|m| {
                candidate(m)
                    && !codes.contains(&m.actor.code.as_str())
                    && (m.kind != MentionKind::Pronoun || m.personal)
            })
        })
}

/// "its participation", "their demands": a possessive pronoun before a noun owns the
/// object; it is not the object itself.
pub(crate) fn is_possessive_determiner(tokens: &[Token], i: usize) -> bool {
    match tokens[i].norm.as_str() {
        "its" | "their" | "his" | "our" => true,
        "her" => tokens
            .get(i + 1)
            .is_some_and(|t| t.is_word && !t.is_capitalized() && !lexicon::is_preposition(&t.norm)),
        _ => false,
    }
}

/// ", analysts warned", "Experts say": the verb's own subject is a plain noun right
/// before it, opening its clause, and it names no actor; an actor further left is
/// not the subject.
fn has_unnamed_subject(tokens: &[Token], mentions: &[Mention], head: usize) -> bool {
    let mut i = head;
    while i > 0 {
        let w = tokens[i - 1].norm.as_str();
        if w.ends_with("ly")
            || matches!(
                w,
                "also"
                    | "not"
                    | "has"
                    | "have"
                    | "had"
                    | "will"
                    | "would"
                    | "again"
                    | "then"
                    | "later"
            )
        {
            i -= 1;
        } else {
            break;
        }
    }
    let Some(n) = i.checked_sub(1) else {
        return false;
    };
    let noun = &tokens[n];
    let plain_noun = noun.is_word
        && noun.norm.len() > 2
        && noun.norm.chars().all(char::is_alphabetic)
        && !lexicon::is_determiner(&noun.norm)
        && !lexicon::is_preposition(&noun.norm)
        && !lexicon::is_clause_boundary(&noun.norm)
        && !mentions.iter().any(|m| m.start <= n && n < m.end);
    if !plain_noun {
        return false;
    }
    // Back over the noun's determiner, numbers and a modifier or two ("a rocket
    // attack killed").
    let mut b = n;
    let mut modifiers = 0;
    while b > 0 {
        let w = &tokens[b - 1];
        if lexicon::is_determiner(&w.norm) || lexicon::is_number_word(&w.norm) {
            b -= 1;
        } else if modifiers < 2
            && w.is_word
            && !w.is_capitalized()
            && w.norm.chars().all(char::is_alphabetic)
            && !lexicon::is_preposition(&w.norm)
            && !lexicon::is_clause_boundary(&w.norm)
            && !lexicon::is_passive_auxiliary(&w.norm)
            && tokens
                .get(b.wrapping_sub(2))
                .is_some_and(|t| lexicon::is_determiner(&t.norm))
        {
            modifiers += 1;
            b -= 1;
        } else {
            break;
        }
    }
    // "…, which competitors say": a relative clause with a subject of its own.
    b == 0
        || matches!(
            tokens[b - 1].norm.as_str(),
            "," | ";"
                | ":"
                | "\""
                | "”"
                | "which"
                | "that"
                | "whom"
                | "after"
                | "before"
                | "when"
                | "as"
                | "while"
                | "because"
                | "since"
                | "until"
        )
}
