//! Queries on a small hand-built database whose answers are worked out by hand.
use dyad_store::query::{ActorLevel, Bucket, TimelineQuery, TopQuery};
use dyad_store::{EventFilter, Store};

use crate::util::{day, doc, event, store};

/// RUS→UKR: 112 on Jan 3 (2 mentions), 173 on Jan 10, 036 on Feb 2.
/// UKR→RUS: 112 on Jan 4. USA→CHN: 042 on Jan 3. IGOWSTNAT→RUSGOV: 112 on Jan 5.
fn fixture() -> (tempfile::TempDir, Store) {
    let (dir, mut s) = store();
    let d = |m, dd| Some(day(2024, m, dd));
    s.add_document(
        &doc("a", "text a", Some("reuters.com"), None),
        &[
            event("RUS", "UKR", "112", d(1, 3), 0),
            event("RUS", "UKR", "112", d(1, 3), 1),
            event("USA", "CHN", "042", d(1, 3), 2),
        ],
    )
    .unwrap();
    s.add_document(
        &doc("b", "text b", Some("bbc.co.uk"), None),
        &[
            event("UKR", "RUS", "112", d(1, 4), 0),
            event("RUS", "UKR", "173", d(1, 10), 1),
            event("RUS", "UKR", "036", d(2, 2), 2),
            event("IGOWSTNAT", "RUSGOV", "112", d(1, 5), 3),
        ],
    )
    .unwrap();
    (dir, s)
}

fn codes(s: &Store, f: &EventFilter) -> Vec<String> {
    s.events(f)
        .unwrap()
        .into_iter()
        .map(|e| format!("{}>{}:{}", e.source.code, e.target.code, e.event_code))
        .collect()
}

#[test]
fn events_by_actor_pair_code_and_days() {
    let (_dir, s) = fixture();
    let all = codes(&s, &EventFilter::default());
    assert_eq!(all.len(), 6);

    // A root matches every actor of that country, on either side.
    let rus = EventFilter {
        actor: Some("rus".into()),
        ..Default::default()
    };
    assert_eq!(codes(&s, &rus).len(), 5);
    // A full code matches only that actor (and its more specific codes).
    let gov = EventFilter {
        actor: Some("RUSGOV".into()),
        ..Default::default()
    };
    assert_eq!(codes(&s, &gov), ["IGOWSTNAT>RUSGOV:112"]);
    // A known group is a root too.
    let nato = EventFilter {
        source: Some("NAT".into()),
        ..Default::default()
    };
    assert_eq!(codes(&s, &nato).len(), 1);

    let pair = EventFilter {
        source: Some("RUS".into()),
        target: Some("UKR".into()),
        ..Default::default()
    };
    assert_eq!(
        codes(&s, &pair),
        ["RUS>UKR:112", "RUS>UKR:173", "RUS>UKR:036"]
    );
    let both = EventFilter {
        both_directions: true,
        ..pair.clone()
    };
    assert_eq!(codes(&s, &both).len(), 4);
    let in_january = EventFilter {
        from: Some(day(2024, 1, 4)),
        to: Some(day(2024, 1, 31)),
        ..both.clone()
    };
    assert_eq!(codes(&s, &in_january), ["UKR>RUS:112", "RUS>UKR:173"]);

    let root_11 = EventFilter {
        code: Some("11".into()),
        ..Default::default()
    };
    assert_eq!(codes(&s, &root_11).len(), 3);
    let conflict = EventFilter {
        quad_class: Some(4),
        ..Default::default()
    };
    assert_eq!(codes(&s, &conflict), ["RUS>UKR:173"]);
    let paged = EventFilter {
        limit: Some(2),
        offset: Some(1),
        ..Default::default()
    };
    assert_eq!(codes(&s, &paged), ["USA>CHN:042", "UKR>RUS:112"]);

    let bad = EventFilter {
        actor: Some("R'".into()),
        ..Default::default()
    };
    assert!(s.events(&bad).is_err());
}

#[test]
fn timeline_per_month_both_directions_by_quad_class() {
    let (_dir, s) = fixture();
    let q = TimelineQuery {
        a: "RUS".into(),
        b: "UKR".into(),
        both_directions: true,
        bucket: Bucket::Month,
        code: None,
        from: None,
        to: None,
    };
    let rows = s.timeline(&q).unwrap();
    let got: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r.period.to_string(),
                format!("{}>{}", r.source, r.target),
                r.quad_class,
                r.events,
                r.mentions,
                r.goldstein_sum,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("2024-01-01".into(), "RUS>UKR".into(), 3, 1, 2, -2.0),
            ("2024-01-01".into(), "RUS>UKR".into(), 4, 1, 1, -5.0),
            ("2024-01-01".into(), "UKR>RUS".into(), 3, 1, 1, -2.0),
            ("2024-02-01".into(), "RUS>UKR".into(), 1, 1, 1, 4.0),
        ]
    );

    let weekly = s
        .timeline(&TimelineQuery {
            bucket: Bucket::Week,
            both_directions: false,
            ..q.clone()
        })
        .unwrap();
    // 2024-01-03 is a Wednesday: its week starts on Monday 2024-01-01; Jan 10 on Jan 8.
    let weeks: Vec<_> = weekly.iter().map(|r| r.period.to_string()).collect();
    assert_eq!(weeks, ["2024-01-01", "2024-01-08", "2024-01-29"]);

    let daily = s
        .timeline(&TimelineQuery {
            bucket: Bucket::Day,
            code: Some("11".into()),
            ..q
        })
        .unwrap();
    assert_eq!(daily.len(), 2);
    assert_eq!(daily[0].goldstein_mean, -2.0);
}

#[test]
fn top_actors_and_pairs() {
    let (_dir, s) = fixture();
    let top = s.top_actors(&TopQuery::default()).unwrap();
    assert_eq!(top[0].actor, "RUS");
    assert_eq!(
        (top[0].events, top[0].as_source, top[0].as_target),
        (5, 3, 2)
    );
    assert_eq!(top[0].name.as_deref(), Some("Name of RUS"));
    assert_eq!(top[1].actor, "UKR");
    assert_eq!(top[1].events, 4);

    let by_code = s
        .top_actors(&TopQuery {
            level: ActorLevel::Code,
            ..Default::default()
        })
        .unwrap();
    assert!(by_code.iter().any(|a| a.actor == "RUSGOV" && a.events == 1));

    let pairs = s.top_pairs(&TopQuery::default()).unwrap();
    assert_eq!(
        (pairs[0].source.as_str(), pairs[0].target.as_str()),
        ("RUS", "UKR")
    );
    assert_eq!(pairs[0].events, 3);
    assert_eq!(pairs[0].goldstein_sum, -3.0);
    let undirected = s
        .top_pairs(&TopQuery {
            undirected: true,
            limit: 1,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(undirected.len(), 1);
    assert_eq!(undirected[0].events, 4);
}
