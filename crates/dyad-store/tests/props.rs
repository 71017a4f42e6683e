//! Properties of ingest over random workloads: batching does not change the
//! database, the order of documents does not change the events and their
//! counters, and the counters always agree with the mentions kept.
use std::collections::BTreeMap;

use dyad_core::Event;
use dyad_store::{EventFilter, NewDocument, Store};
use proptest::prelude::*;

use crate::util::{day, doc, event, store};

const ACTORS: [&str; 5] = ["RUS", "UKR", "RUSGOV", "IGOWSTNAT", "USA"];
const CODES: [&str; 4] = ["036", "112", "173", "190"];
const OUTLETS: [Option<&str>; 3] = [Some("reuters.com"), Some("bbc.co.uk"), None];

/// A document by its key number: the same key always has the same text, outlet
/// and events, as a page fetched twice does. No two keys share a text.
fn document(
    key: usize,
    events: &[(usize, usize, usize, Option<u32>, usize)],
) -> (NewDocument, Vec<Event>) {
    let mut d = doc(
        &format!("k{key}"),
        &format!("text of document {key}"),
        OUTLETS[key % 3],
        Some(day(2024, 5, 1)),
    );
    if d.source_name.is_none() {
        d.url = None;
    }
    let evs = events
        .iter()
        .map(|&(s, t, c, date, sentence)| {
            event(
                ACTORS[s],
                ACTORS[t],
                CODES[c],
                date.map(|d| day(2024, 5, d)),
                sentence,
            )
        })
        .collect();
    (d, evs)
}

fn workload() -> impl Strategy<Value = Vec<(NewDocument, Vec<Event>)>> {
    let events = prop::collection::vec(
        (
            0..5usize,
            0..5usize,
            0..4usize,
            prop::option::of(1..4u32),
            0..4usize,
        ),
        0..6,
    );
    // Events per key, then a sequence of keys (with repeats).
    (
        prop::collection::vec(events, 1..12),
        prop::collection::vec(0..12usize, 1..30),
    )
        .prop_map(|(per_key, order)| {
            order
                .into_iter()
                .map(|k| {
                    let k = k % per_key.len();
                    document(k, &per_key[k])
                })
                .collect()
        })
}

/// Events by natural key with their counters.
fn events_by_key(s: &Store) -> BTreeMap<String, (u64, u64, u64)> {
    s.events(&EventFilter::default())
        .unwrap()
        .into_iter()
        .map(|e| {
            (
                format!(
                    "{} {} {} {}",
                    e.day, e.source.code, e.target.code, e.event_code
                ),
                (e.num_mentions, e.num_articles, e.num_sources),
            )
        })
        .collect()
}

/// Counters recomputed from the mentions and documents.
fn counters_agree_with_mentions(s: &Store) -> bool {
    let bad: i64 = s
        .connection()
        .query_row(
            "SELECT COUNT(*) FROM events e WHERE
                num_mentions <> (SELECT COUNT(*) FROM mentions m WHERE m.event_id = e.id)
             OR num_articles <> (SELECT COUNT(DISTINCT m.document_id) FROM mentions m
                                 WHERE m.event_id = e.id)
             OR num_sources <> (SELECT COUNT(DISTINCT COALESCE(d.source_name, 'doc ' || d.id))
                                FROM mentions m JOIN documents d ON d.id = m.document_id
                                WHERE m.event_id = e.id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    bad == 0
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn batching_does_not_change_the_database(docs in workload(), batch in 1..8usize) {
        let (_d1, mut one) = store();
        for (d, e) in &docs {
            one.add_document(d, e).unwrap();
        }
        let (_d2, mut batched) = store();
        for chunk in docs.chunks(batch) {
            batched.add_documents(chunk.iter().map(|(d, e)| (d, e.as_slice()))).unwrap();
        }
        prop_assert_eq!(one.events(&EventFilter::default()).unwrap(),
                        batched.events(&EventFilter::default()).unwrap());
        prop_assert_eq!(one.counts().unwrap(), batched.counts().unwrap());
        prop_assert!(counters_agree_with_mentions(&one));
    }

    #[test]
    fn document_order_does_not_change_events_or_counters(docs in workload()) {
        let (_d1, mut forward) = store();
        for (d, e) in &docs {
            forward.add_document(d, e).unwrap();
        }
        let (_d2, mut backward) = store();
        for (d, e) in docs.iter().rev() {
            backward.add_document(d, e).unwrap();
        }
        prop_assert_eq!(events_by_key(&forward), events_by_key(&backward));
        prop_assert_eq!(forward.counts().unwrap(), backward.counts().unwrap());
        prop_assert!(counters_agree_with_mentions(&backward));
    }
}
