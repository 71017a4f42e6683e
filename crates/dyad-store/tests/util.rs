//! Small builders shared by the tests.
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use dyad_core::{Actor, Event, Evidence};
use dyad_store::{Clock, NewDocument, Store};

/// A day.
pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A fixed instant, `secs` after 2024-06-01T00:00:00Z.
pub fn at(secs: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 6, 1, 0, 0, 0).unwrap() + chrono::Duration::seconds(secs)
}

/// A store in a temp dir, with a fixed clock.
pub fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("dyad.db"))
        .unwrap()
        .with_clock(Clock::Fixed(at(0)));
    (dir, store)
}

/// An actor from its code: a country code's first block is the country, `NAT` and
/// `UNO` codes are known groups.
pub fn actor(code: &str) -> Actor {
    if code.is_empty() {
        return Actor::default();
    }
    let (country, group) = if code.starts_with("IGO") {
        (None, Some(code[code.len() - 3..].to_string()))
    } else {
        (Some(code[..3].to_string()), None)
    };
    Actor {
        code: code.into(),
        country,
        group,
        role: code
            .get(3..6)
            .filter(|_| !code.starts_with("IGO"))
            .map(Into::into),
        name: format!("Name of {code}"),
        text: format!("{code} words"),
    }
}

/// An event `source → target` with `code`, on `date`, reported by sentence
/// `sentence` of its document.
pub fn event(
    source: &str,
    target: &str,
    code: &str,
    date: Option<NaiveDate>,
    sentence: usize,
) -> Event {
    let root = &code[..2];
    let quad = match root.parse::<u8>().unwrap() {
        1..=5 => 1,
        6..=9 => 2,
        10..=14 => 3,
        _ => 4,
    };
    let s = actor(source);
    let t = actor(target);
    let text = format!("{} {} {}.", s.text, code, t.text);
    Event {
        doc_id: String::new(),
        event_code: code.into(),
        root_code: root.into(),
        base_code: code[..code.len().min(3)].into(),
        quad_class: quad,
        goldstein: goldstein(code),
        date,
        source: s.clone(),
        target: t.clone(),
        evidence: Evidence {
            sentence: text.clone(),
            sentence_index: sentence,
            start: sentence * 100,
            end: sentence * 100 + text.chars().count(),
            trigger: code.into(),
            trigger_start: sentence * 100 + s.text.len() + 1,
            trigger_end: sentence * 100 + s.text.len() + 1 + code.len(),
        },
        confidence: 0.9,
        is_root_event: sentence == 0,
    }
}

/// Goldstein values of the codes the tests use.
pub fn goldstein(code: &str) -> f64 {
    match code {
        "036" => 4.0,
        "042" => 1.9,
        "057" => 8.0,
        "112" => -2.0,
        "173" => -5.0,
        "190" => -10.0,
        "1951" => -10.0,
        _ => 0.0,
    }
}

/// A document with `text`, from outlet `source`, published on `published`.
pub fn doc(
    key: &str,
    text: &str,
    source: Option<&str>,
    published: Option<NaiveDate>,
) -> NewDocument {
    NewDocument {
        key: key.into(),
        url: Some(format!("https://{}/{key}", source.unwrap_or("example.org"))),
        canonical_url: None,
        title: Some(format!("Title {key}")),
        published,
        source_name: source.map(Into::into),
        text: text.into(),
    }
}
