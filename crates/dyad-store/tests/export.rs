//! Exports have the right shape and carry the stored values unchanged.
use dyad_core::gdelt::{event_row, write_row, EventRow, RowContext};
use dyad_core::Event;
use dyad_store::export::{export_events, export_mentions, ExportFormat};
use dyad_store::export::{GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS};
use dyad_store::{EventFilter, EventRecord, Store};

use crate::util::{day, doc, event, store};

/// Two events, one reported twice, with tabs and quotes in the text to escape.
fn fixture() -> (tempfile::TempDir, Store, Vec<Event>) {
    let (dir, mut s) = store();
    let mut e1 = event("RUSGOV", "UKRMIL", "112", Some(day(2024, 3, 5)), 0);
    e1.evidence.sentence = "Russia's \"government\"\taccused, Ukraine's army.".into();
    e1.source.text = "Russia's \"government\"".into();
    e1.evidence.start = 0;
    let e2 = event("IGOWSTNAT", "RUS", "1951", None, 2);
    s.add_document(
        &doc("a", "text a", Some("reuters.com"), Some(day(2024, 3, 6))),
        &[e1.clone(), e2.clone()],
    )
    .unwrap();
    s.add_document(&doc("b", "text b", Some("bbc.co.uk"), None), &[e1.clone()])
        .unwrap();
    (dir, s, vec![e1, e2])
}

fn export(s: &Store, format: ExportFormat, mentions: bool) -> String {
    let mut out = Vec::new();
    let f = EventFilter::default();
    if mentions {
        export_mentions(s, &f, format, &mut out, "test").unwrap();
    } else {
        export_events(s, &f, format, &mut out, "test").unwrap();
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn gdelt_events_have_61_columns_and_round_trip() {
    let (_dir, s, _) = fixture();
    let text = export(&s, ExportFormat::Gdelt, false);
    let events: Vec<EventRecord> = s.events(&EventFilter::default()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), events.len());
    for (line, e) in lines.iter().zip(&events) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), GDELT_EVENT_COLUMNS);
        assert_eq!(f[0].parse::<i64>().unwrap(), e.id);
        assert_eq!(f[1], e.day.format("%Y%m%d").to_string());
        assert_eq!(f[2], e.day.format("%Y%m").to_string());
        assert_eq!(f[3], e.day.format("%Y").to_string());
        assert_eq!(f[5], e.source.code);
        assert_eq!(
            f[6],
            e.source.name.to_uppercase(),
            "GDELT's names are upper case"
        );
        assert_eq!(f[15], e.target.code);
        assert_eq!(f[25], if e.is_root_event { "1" } else { "0" });
        assert_eq!(
            (f[26], f[27], f[28]),
            (&*e.event_code, &*e.base_code, &*e.root_code)
        );
        assert_eq!(f[29].parse::<u8>().unwrap(), e.quad_class);
        assert_eq!(f[30].parse::<f64>().unwrap(), e.goldstein);
        assert_eq!(f[31].parse::<u64>().unwrap(), e.num_mentions);
        assert_eq!(f[32].parse::<u64>().unwrap(), e.num_sources);
        assert_eq!(f[33].parse::<u64>().unwrap(), e.num_articles);
        assert_eq!(f[34], "0");
        for place in f[35..59].chunks(8) {
            assert_eq!(place[0], "0", "Geo_Type of a place not matched");
            assert!(place[1..].iter().all(|g| g.is_empty()));
        }
        assert_eq!(f[59], e.first_seen.format("%Y%m%d%H%M%S").to_string());
        assert_eq!(Some(f[60].to_string()), e.source_url);
    }
    // RUSGOV: country RUS, type GOV; IGOWSTNAT: group NAT, type IGO.
    let first: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!((first[7], first[8], first[12]), ("RUS", "", "GOV"));
    assert_eq!((first[17], first[22]), ("UKR", "MIL"));
    assert_eq!((first[31], first[32], first[33]), ("2", "2", "2"));
    let second: Vec<&str> = lines[1].split('\t').collect();
    assert_eq!((second[7], second[8], second[12]), ("", "NAT", "IGO"));
    assert_eq!((second[26], second[27], second[28]), ("1951", "195", "19"));
    assert_eq!(
        second[1], "20240306",
        "the publication day stands in for a missing date"
    );
}

/// `dyad code --output gdelt` builds its row from the coded event; the export
/// from the stored one. Given the stored id, counters, first sighting and URL,
/// both give the same line.
#[test]
fn gdelt_export_row_is_the_coded_events_row() {
    let (_dir, s, originals) = fixture();
    let exported = export(&s, ExportFormat::Gdelt, false);
    let stored = &s.events(&EventFilter::default()).unwrap()[0];
    let coded = &originals[0];
    assert_eq!(stored.event_code, coded.event_code);
    let context = RowContext {
        global_id: stored.id as u64,
        counts: (stored.num_mentions, stored.num_sources, stored.num_articles),
        date_added: stored.first_seen,
        source_url: stored.source_url.as_deref().unwrap(),
    };
    let mut line = String::new();
    write_row(&mut line, &event_row(&EventRow::coded(coded, &context)));
    let first_exported = exported.split_inclusive('\n').next().unwrap();
    assert_eq!(line, first_exported);
    assert_eq!(line.split('\t').count(), GDELT_EVENT_COLUMNS);
}

#[test]
fn gdelt_mentions_have_16_columns() {
    let (_dir, s, _) = fixture();
    let text = export(&s, ExportFormat::Gdelt, true);
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|f| f.len() == GDELT_MENTION_COLUMNS));
    let m = &lines[0];
    assert_eq!(m[3], "1");
    assert_eq!((m[4], m[5]), ("reuters.com", "https://reuters.com/a"));
    assert_eq!(m[6], "1", "SentenceID is 1-based");
    assert_eq!(
        m[7], "0",
        "Actor1CharOffset: the source's words open the sentence"
    );
    assert_eq!(
        m[8], "-1",
        "Actor2CharOffset: the target's words are not in the sentence"
    );
    assert_eq!(m[11], "90");
    assert_eq!(m[12], "6", "MentionDocLen in characters");
}

#[test]
fn jsonl_is_the_coders_event_plus_counters() {
    let (_dir, s, originals) = fixture();
    let text = export(&s, ExportFormat::Jsonl, false);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    for key in [
        "num_mentions",
        "num_sources",
        "num_articles",
        "first_seen",
        "last_seen",
    ] {
        assert!(lines[0].get(key).is_some(), "{key}");
    }
    assert_eq!(lines[0]["num_mentions"], 2);
    // The event object reads back as the coder's Event, equal to what was stored.
    let back: Event = serde_json::from_value(lines[0].clone()).unwrap();
    let mut expected = originals[0].clone();
    expected.doc_id = "a".into();
    assert_eq!(back, expected);
    let back: Event = serde_json::from_value(lines[1].clone()).unwrap();
    assert_eq!(back.date, Some(day(2024, 3, 6)));
    assert_eq!(back.evidence, originals[1].evidence);
}

#[test]
fn csv_has_a_header_and_quotes_what_needs_it() {
    let (_dir, s, _) = fixture();
    let text = export(&s, ExportFormat::Csv, false);
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header[0], "event_id");
    assert_eq!(header.len(), 26);
    assert_eq!(lines.count(), 2);

    let mentions = export(&s, ExportFormat::Csv, true);
    assert!(mentions.starts_with("mention_id,event_id,"));
    assert!(mentions.contains("\"Russia's \"\"government\"\"\taccused, Ukraine's army.\""));
}
