//! A reader (the web server, `dyad query`) running while an ingest writes sees
//! whole documents only: never an event without its mentions, never a counter
//! ahead of or behind the mentions it counts.
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use dyad_store::Store;

use crate::util::{day, doc, event};

fn consistent(s: &Store) -> bool {
    let (bad, orphans): (i64, i64) = s
        .connection()
        .query_row(
            "SELECT
                (SELECT COUNT(*) FROM events e WHERE num_mentions <>
                    (SELECT COUNT(*) FROM mentions m WHERE m.event_id = e.id)),
                (SELECT COUNT(*) FROM documents d WHERE d.doc_key LIKE 'doc-%' AND NOT EXISTS
                    (SELECT 1 FROM mentions m WHERE m.document_id = d.id))",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    bad == 0 && orphans == 0
}

#[test]
fn readers_see_whole_documents_while_an_ingest_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dyad.db");
    let mut writer = Store::open(&path).unwrap();
    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let (path, done) = (path.clone(), done.clone());
        std::thread::spawn(move || {
            let store = Store::open_read_only(&path).unwrap();
            let mut reads = 0;
            let mut seen = 0;
            loop {
                let finished = done.load(Ordering::Relaxed);
                assert!(consistent(&store), "a read saw half a document");
                seen = seen.max(store.counts().unwrap().documents);
                reads += 1;
                if finished {
                    break;
                }
            }
            (reads, seen)
        })
    };
    for i in 0..300 {
        let evs: Vec<_> = (0..4)
            .map(|s| {
                let code = ["036", "112", "173", "190"][(i + s) % 4];
                event(
                    "RUS",
                    "UKR",
                    code,
                    Some(day(2024, 1, 1 + (i % 28) as u32)),
                    s,
                )
            })
            .collect();
        writer
            .add_document(
                &doc(&format!("doc-{i}"), &format!("text {i}"), None, None),
                &evs,
            )
            .unwrap();
    }
    done.store(true, Ordering::Relaxed);
    let (reads, seen) = reader.join().unwrap();
    eprintln!("{reads} consistent reads during the ingest");
    assert_eq!(seen, 300, "the last read sees every document");
}
