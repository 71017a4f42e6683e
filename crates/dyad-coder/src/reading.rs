//! How a trigger reads in its sentence: noun or verb, passive or active, an aim
//! ("to attack"), an intention ("ready to resume talks"), a reported clause, a
//! refusal; and what kind of deed its code is.
use dyad_core::Actor;

use crate::actors::{Mention, MentionKind};
use crate::lexicon;
use crate::patterns::{PatternSet, Trigger};
use crate::tokens::Token;

/// Codes of force and coercion, which a place can suffer (14 protest to 20).
pub(crate) fn is_forceful(code: &str) -> bool {
    matches!(code.get(..2), Some("14" | "15" | "17" | "18" | "19" | "20"))
}

pub(crate) fn is_irregular_force(a: &Actor) -> bool {
    let blocks: Vec<&str> = (0..a.code.len() / 3)
        .map(|i| &a.code[i * 3..i * 3 + 3])
        .collect();
    blocks
        .iter()
        .any(|b| matches!(*b, "REB" | "INS" | "SEP" | "UAF" | "CRM" | "IMG"))
}

/// True when the words before `h` make it read as a noun ("the talks", "Russia's
/// attack", "new sanctions").
pub(crate) fn is_nominal(tokens: &[Token], mentions: &[Mention], h: usize) -> bool {
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
    // "the 7 October attacks", "the September 11 attacks": a date names the event.
    let dated = crate::dates::is_date_word(prev)
        && h >= 2
        && (tokens[h - 2].norm.bytes().all(|b| b.is_ascii_digit())
            || lexicon::is_determiner(&tokens[h - 2].norm));
    dated
        || lexicon::is_determiner(prev)
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
pub(crate) fn is_light_verb(w: &str) -> bool {
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
pub(crate) fn is_addressee_verb(w: &str) -> bool {
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
pub(crate) fn is_intent_word(w: &str) -> bool {
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
pub(crate) fn intent_code(norms: &[&str], head: usize, code: &str) -> Option<String> {
    let lo = head.saturating_sub(4);
    if !norms[lo..head].iter().any(|w| is_intent_word(w)) {
        return None;
    }
    intention_of(code).or_else(|| code.starts_with("03").then(|| code.to_string()))
}

/// The CAMEO "express intent" code (03x) of a cooperative deed announced for later.
pub(crate) fn intention_of(code: &str) -> Option<String> {
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
pub(crate) fn speech_before(
    norms: &[&str],
    head: usize,
    triggers: &[Trigger],
    patterns: &PatternSet,
) -> bool {
    let _ = norms;
    triggers
        .iter()
        .any(|t| t.head < head && patterns.get(t.pattern).flags.speech)
}

/// "to" right before the head (or "to try and"): an aim, not a deed.
pub(crate) fn is_infinitive(norms: &[&str], head: usize) -> bool {
    let prev = head.checked_sub(1).map(|p| norms[p]);
    prev == Some("to")
        && !matches!(
            head.checked_sub(2).map(|p| norms[p]),
            Some("due" | "according" | "close")
        )
        || (prev == Some("and") && head >= 3 && norms[head - 2] == "try" && norms[head - 3] == "to")
}

/// A past participle after a form of "to be": "was attacked by".
pub(crate) fn is_passive(norms: &[&str], head: usize) -> bool {
    let w = norms[head];
    // Participles of irregular verbs that the endings below miss.
    let irregular = matches!(
        w,
        "found" | "held" | "struck" | "hung" | "sold" | "told" | "bound" | "stuck" | "fled"
    );
    if w.len() < 4
        || !(irregular
            || w.ends_with("ed")
            || w.ends_with("en")
            || w.ends_with('n')
            || w.ends_with('t'))
    {
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

/// "He was dragged from his home … and killed": a participle right after "and" that
/// continues a passive verb earlier in the clause is passive too.
pub(crate) fn continues_passive(norms: &[&str], head: usize) -> bool {
    let w = norms[head];
    let participle = w.ends_with("ed") || w.ends_with("en") || matches!(w, "held" | "shot" | "hit");
    participle
        && head >= 2
        && norms[head - 1] == "and"
        && (head.saturating_sub(12)..head - 1)
            .rev()
            .take_while(|&k| !matches!(norms[k], ";" | "." | "but"))
            .any(|k| is_passive(norms, k))
}

/// True when something between a "nofact" verb and a later trigger ends the verb's
/// complement ("called on X for help during clashes with Y").
pub(crate) fn scope_ends(between: &[&str]) -> bool {
    // "… and has accused Beijing": a coordinated verb starts a new deed, but "to try
    // and break off" continues the aim.
    let coordinated = between
        .iter()
        .enumerate()
        .any(|(i, w)| *w == "and" && (i == 0 || between[i - 1] != "try"));
    // ", something Kigali denies", ", a charge Kigali denies": a comment on the
    // accusation, not part of it.
    let comment = between.windows(3).any(|w| {
        w[0] == ","
            && (w[1] == "something"
                || (matches!(w[1], "a" | "an" | "which")
                    && matches!(
                        w[2],
                        "charge" | "claim" | "accusation" | "allegation" | "charges" | "claims"
                    )))
    });
    coordinated
        || comment
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

/// True when the verb at `head` follows "and", "but" or "and then" directly, with no
/// subject of its own between ("… and said", "but later rejected").
pub(crate) fn follows_conjunction(norms: &[&str], head: usize) -> bool {
    let before = |k: usize| head.checked_sub(k).map(|i| norms[i]);
    match before(1) {
        Some("and" | "but") => true,
        Some("then" | "also" | "later" | "swiftly" | "quickly") => {
            matches!(before(2), Some("and" | "but"))
        }
        _ => false,
    }
}
