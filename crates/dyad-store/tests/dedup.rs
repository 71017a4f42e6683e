//! Documents and events are stored once, however often they are reported.
use dyad_store::{AddOutcome, Clock, DuplicateReason, EventFilter};

use crate::util::{at, day, doc, event, store};

fn inserted(new: usize, merged: usize, mentions: usize) -> AddOutcome {
    AddOutcome::Inserted {
        events_new: new,
        events_merged: merged,
        mentions,
    }
}

#[test]
fn one_event_across_reports_with_gdelt_counters() {
    let (_dir, mut s) = store();
    let d = Some(day(2024, 3, 5));
    // Two sentences of one Reuters article report the same event.
    let a = [
        event("RUS", "UKR", "112", d, 0),
        event("RUS", "UKR", "112", d, 3),
    ];
    assert_eq!(
        s.add_document(&doc("a", "Reuters text one", Some("reuters.com"), None), &a)
            .unwrap(),
        inserted(1, 0, 2)
    );
    s.set_clock(Clock::Fixed(at(60)));
    let b = [
        event("RUS", "UKR", "112", d, 1),
        event("UKR", "RUS", "112", d, 1),
    ];
    assert_eq!(
        s.add_document(&doc("b", "BBC text", Some("bbc.co.uk"), None), &b)
            .unwrap(),
        inserted(1, 1, 2)
    );
    s.set_clock(Clock::Fixed(at(120)));
    let c = [event("RUS", "UKR", "112", d, 2)];
    assert_eq!(
        s.add_document(&doc("c", "Reuters text two", Some("reuters.com"), None), &c)
            .unwrap(),
        inserted(0, 1, 1)
    );

    let events = s.events(&EventFilter::default()).unwrap();
    assert_eq!(events.len(), 2);
    let rus_ukr = events.iter().find(|e| e.source.code == "RUS").unwrap();
    assert_eq!(rus_ukr.num_mentions, 4);
    assert_eq!(rus_ukr.num_articles, 3);
    assert_eq!(rus_ukr.num_sources, 2);
    assert_eq!(rus_ukr.first_seen, at(0));
    assert_eq!(rus_ukr.last_seen, at(120));
    assert!(rus_ukr.is_root_event, "taken from the first report");
    assert_eq!(rus_ukr.source_url.as_deref(), Some("https://reuters.com/a"));
    let mentions = s.mentions(rus_ukr.id).unwrap();
    assert_eq!(mentions.len(), 4);
    assert_eq!(
        mentions
            .iter()
            .map(|m| m.document_key.as_str())
            .collect::<Vec<_>>(),
        ["a", "a", "b", "c"]
    );
    assert_eq!(mentions[1].sentence_index, 3);
    assert_eq!(s.counts().unwrap().mentions, 5);
}

#[test]
fn the_day_is_the_events_else_the_documents_else_today() {
    let (_dir, mut s) = store();
    let evs = [
        event("RUS", "UKR", "112", Some(day(2024, 1, 2)), 0),
        event("RUS", "UKR", "112", None, 1),
    ];
    s.add_document(&doc("a", "text a", None, Some(day(2024, 1, 3))), &evs)
        .unwrap();
    s.add_document(&doc("b", "text b", None, None), &evs[1..])
        .unwrap();
    let days: Vec<_> = s
        .events(&EventFilter::default())
        .unwrap()
        .iter()
        .map(|e| e.day)
        .collect();
    assert_eq!(days, [day(2024, 1, 2), day(2024, 1, 3), at(0).date_naive()]);
}

#[test]
fn same_key_twice_adds_nothing() {
    let (_dir, mut s) = store();
    let evs = [event("USA", "CHN", "036", Some(day(2024, 2, 1)), 0)];
    let d = doc("https://x.org/1", "Some text.", None, None);
    s.add_document(&d, &evs).unwrap();
    let before = s.counts().unwrap();
    let again = s.add_document(&d, &evs).unwrap();
    assert_eq!(
        again,
        AddOutcome::Duplicate {
            reason: DuplicateReason::SameKey
        }
    );
    assert_eq!(s.counts().unwrap(), before);
    assert!(s.contains_document("https://x.org/1").unwrap());
    assert_eq!(
        s.events(&EventFilter::default()).unwrap()[0].num_mentions,
        1
    );
}

#[test]
fn a_syndicated_copy_adds_nothing() {
    let (_dir, mut s) = store();
    let evs = [event("USA", "CHN", "036", Some(day(2024, 2, 1)), 0)];
    s.add_document(
        &doc(
            "ap-1",
            "The U.S. offered talks to China, officials said.",
            Some("apnews.com"),
            None,
        ),
        &evs,
    )
    .unwrap();
    let before = s.counts().unwrap();
    // The same wire story at another outlet, reflowed, with typographic quotes.
    let copy = doc(
        "local-7",
        "  The U.S. offered talks to China,\n\u{201c}officials\u{201d} said ",
        Some("localpaper.com"),
        None,
    );
    assert_eq!(
        s.add_document(&copy, &evs).unwrap(),
        AddOutcome::Duplicate {
            reason: DuplicateReason::SameContent {
                existing_key: "ap-1".into()
            }
        }
    );
    assert_eq!(s.counts().unwrap(), before);
    assert_eq!(s.events(&EventFilter::default()).unwrap()[0].num_sources, 1);
}

#[test]
fn a_batch_finds_duplicates_within_itself() {
    let (_dir, mut s) = store();
    let evs = vec![event("USA", "CHN", "036", Some(day(2024, 2, 1)), 0)];
    let a = doc("a", "Same words here", None, None);
    let b = doc("b", "same words, here!", None, None);
    let out = s
        .add_documents([
            (&a, evs.as_slice()),
            (&a, evs.as_slice()),
            (&b, evs.as_slice()),
        ])
        .unwrap();
    assert_eq!(out[0], inserted(1, 0, 1));
    assert_eq!(
        out[1],
        AddOutcome::Duplicate {
            reason: DuplicateReason::SameKey
        }
    );
    assert!(matches!(
        &out[2],
        AddOutcome::Duplicate {
            reason: DuplicateReason::SameContent { existing_key }
        } if existing_key == "a"
    ));
}

#[test]
fn a_failing_batch_stores_nothing() {
    let (_dir, mut s) = store();
    let good = vec![event("USA", "CHN", "036", Some(day(2024, 2, 1)), 0)];
    let mut bad = good.clone();
    // NaN is stored as NULL, which the NOT NULL goldstein column refuses.
    bad[0].goldstein = f64::NAN;
    bad[0].event_code = "042".into();
    let (a, b) = (
        doc("a", "text a", None, None),
        doc("b", "text b", None, None),
    );
    let err = s
        .add_documents([(&a, good.as_slice()), (&b, bad.as_slice())])
        .unwrap_err();
    assert!(err.to_string().contains("dyad.db"), "{err}");
    assert_eq!(s.counts().unwrap().documents, 0);
    assert_eq!(s.counts().unwrap().events, 0);
    // The store is still usable.
    s.add_document(&a, &good).unwrap();
    assert_eq!(s.counts().unwrap().events, 1);
}

#[test]
fn the_same_mention_twice_in_a_document_counts_once() {
    let (_dir, mut s) = store();
    let e = event("USA", "CHN", "036", Some(day(2024, 2, 1)), 0);
    let out = s
        .add_document(&doc("a", "text", None, None), &[e.clone(), e])
        .unwrap();
    assert_eq!(out, inserted(1, 0, 1));
    assert_eq!(
        s.events(&EventFilter::default()).unwrap()[0].num_mentions,
        1
    );
}

#[test]
fn documents_without_outlet_count_as_their_host() {
    let (_dir, mut s) = store();
    let e = [event("USA", "CHN", "036", Some(day(2024, 2, 1)), 0)];
    let mut a = doc("a", "text a", None, None);
    a.url = Some("https://www.example.org/a".into());
    let mut b = doc("b", "text b", None, None);
    b.url = Some("https://example.org/b".into());
    let mut c = doc("c", "text c", None, None);
    c.url = None;
    s.add_document(&a, &e).unwrap();
    s.add_document(&b, &e).unwrap();
    s.add_document(&c, &e).unwrap();
    let ev = &s.events(&EventFilter::default()).unwrap()[0];
    assert_eq!((ev.num_articles, ev.num_sources), (3, 2));
}
