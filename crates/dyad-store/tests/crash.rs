//! kill -9 at any moment during an ingest, then a restart, builds the same
//! database as an uninterrupted run.
//!
//! The test executable plays the ingesting process itself: run with
//! `DYAD_STORE_CRASH_CHILD=<db>`, the test [`child_ingests_the_workload`] writes the
//! whole workload into `<db>`, skipping what is already there, as `dyad ingest` does
//! on a restart. The parent kills it with SIGKILL at random moments, then lets a
//! last run finish, and compares a canonical dump with a database built in one go.
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dyad_core::Event;
use dyad_store::rusqlite::types::Value;
use dyad_store::{Clock, NewDocument, Store};

use crate::util::{at, day, doc, event};

const CHILD_ENV: &str = "DYAD_STORE_CRASH_CHILD";
const DOCUMENTS: usize = 400;

/// splitmix64: a deterministic generator, so the workload is the same in every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Documents with about five events each over a small world, so that events merge
/// often; every tenth document is a syndicated copy of an earlier one and every
/// fifteenth repeats an earlier key.
fn workload() -> Vec<(NewDocument, Vec<Event>)> {
    let actors = [
        "RUS",
        "UKR",
        "USA",
        "CHN",
        "RUSGOV",
        "UKRMIL",
        "IGOWSTNAT",
        "FRA",
    ];
    let codes = ["036", "042", "057", "112", "173", "190"];
    let outlets = ["reuters.com", "bbc.co.uk", "apnews.com", "aljazeera.com"];
    let mut rng = Rng(42);
    let mut docs: Vec<(NewDocument, Vec<Event>)> = Vec::new();
    for i in 0..DOCUMENTS {
        if i > 0 && i.is_multiple_of(10) {
            let (orig, evs) = docs[rng.below(docs.len())].clone();
            let mut copy = orig.clone();
            copy.key = format!("copy-{i}");
            copy.text = format!("  {}  ", orig.text.replace(' ', "\n"));
            docs.push((copy, evs));
            continue;
        }
        if i > 0 && i.is_multiple_of(15) {
            let again = docs[rng.below(docs.len())].clone();
            docs.push(again);
            continue;
        }
        let published = day(2024, 1 + rng.below(3) as u32, 1 + rng.below(28) as u32);
        let n = 3 + rng.below(5);
        let mut evs = Vec::with_capacity(n);
        for s in 0..n {
            let a = actors[rng.below(actors.len())];
            let mut b = actors[rng.below(actors.len())];
            if a == b {
                b = "CHN";
            }
            let date =
                (rng.below(3) > 0).then(|| published - chrono::Duration::days(rng.below(2) as i64));
            evs.push(event(a, b, codes[rng.below(codes.len())], date, s));
        }
        let outlet = outlets[rng.below(outlets.len())];
        let text = format!("Document {i} text {}", rng.next());
        docs.push((
            doc(&format!("doc-{i}"), &text, Some(outlet), Some(published)),
            evs,
        ));
    }
    docs
}

/// Writes the workload, one transaction per document except every fifth run of
/// seven documents, which goes as one batch. The clock advances one second per
/// document, so the times recorded are the same in every run.
fn ingest(path: &Path) {
    let mut store = Store::open(path).unwrap();
    let docs = workload();
    let mut i = 0;
    while i < docs.len() {
        store.set_clock(Clock::Fixed(at(i as i64)));
        if i.is_multiple_of(35) && i + 7 <= docs.len() {
            let batch = &docs[i..i + 7];
            store
                .add_documents(batch.iter().map(|(d, e)| (d, e.as_slice())))
                .unwrap();
            i += 7;
        } else {
            store.add_document(&docs[i].0, &docs[i].1).unwrap();
            i += 1;
        }
    }
}

#[test]
fn child_ingests_the_workload() {
    // Only does something when the crash test runs this executable as its child.
    if let Ok(path) = std::env::var(CHILD_ENV) {
        ingest(Path::new(&path));
    }
}

/// Every row of every table, in a stable order, as text; ids included, since
/// GlobalEventIDs must not change either.
fn dump(path: &Path) -> String {
    let store = Store::open(path).unwrap();
    let conn = store.connection();
    let mut out = String::new();
    for sql in [
        "SELECT * FROM documents ORDER BY id",
        "SELECT * FROM events ORDER BY id",
        "SELECT * FROM mentions ORDER BY id",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for i in 0..n {
                let v: Value = r.get(i).unwrap();
                out.push_str(&format!("{v:?}\t"));
            }
            out.push('\n');
        }
    }
    out
}

/// The store's own consistency: SQLite's integrity check, and counters that agree
/// with the mentions kept.
fn check_invariants(path: &Path) {
    let store = Store::open(path).unwrap();
    let conn = store.connection();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let bad: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM events e WHERE num_mentions <>
                (SELECT COUNT(*) FROM mentions m WHERE m.event_id = e.id)
             OR num_articles <>
                (SELECT COUNT(DISTINCT document_id) FROM mentions m WHERE m.event_id = e.id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 0, "events whose counters disagree with their mentions");
}

/// Documents committed so far, read while the child writes; 0 while the file or
/// its schema is not there yet.
fn documents_so_far(path: &Path) -> u64 {
    Store::open_read_only(path)
        .and_then(|s| s.counts())
        .map_or(0, |c| c.documents)
}

fn documents_in(path: &Path) -> u64 {
    Store::open(path).unwrap().counts().unwrap().documents
}

#[test]
fn kill_9_during_ingest_then_restart_gives_the_same_database() {
    let dir = tempfile::tempdir().unwrap();
    let reference = dir.path().join("reference.db");
    ingest(&reference);
    let expected = dump(&reference);
    let total = documents_in(&reference);
    check_invariants(&reference);

    let crashed = dir.path().join("crashed.db");
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    eprintln!("kill -9 test: seed {seed}");
    let mut rng = Rng(seed);

    // The first kill lands within the first milliseconds (creating the file,
    // migrating the schema); the others once a random number of further documents
    // is committed, plus up to 3 ms, so that they fall anywhere in a transaction.
    // Timing alone would not do: a loaded machine runs the child at any speed.
    let mut interrupted = 0;
    let mut stored = 0;
    for round in 0..8 {
        let mut process = child(&crashed).spawn().unwrap();
        if round == 0 {
            std::thread::sleep(Duration::from_micros(rng.below(20_000) as u64));
        } else {
            let room = (total - 20).saturating_sub(stored);
            let target = stored + 1 + rng.below(room as usize / 3 + 1) as u64;
            let deadline = Instant::now() + Duration::from_secs(60);
            while process.try_wait().unwrap().is_none()
                && documents_so_far(&crashed) < target
                && Instant::now() < deadline
            {
                std::thread::sleep(Duration::from_millis(1));
            }
            std::thread::sleep(Duration::from_micros(rng.below(3_000) as u64));
        }
        let finished = process.try_wait().unwrap().is_some();
        process.kill().unwrap_or(()); // SIGKILL
        process.wait().unwrap();
        check_invariants(&crashed);
        stored = documents_in(&crashed);
        eprintln!("kill {round}: {stored} of {total} documents stored");
        if !finished && stored < total {
            interrupted += 1;
        }
    }
    eprintln!("{interrupted} of 8 kills landed before the ingest was done");
    assert!(
        interrupted >= 4,
        "too few kills landed in the middle of an ingest"
    );

    assert!(child(&crashed).status().unwrap().success());
    check_invariants(&crashed);
    assert_eq!(documents_in(&crashed), total);
    let got = dump(&crashed);
    assert!(
        got == expected,
        "the database after kills differs from an uninterrupted run"
    );
}

/// This test executable, running only the child test, writing into `db`.
fn child(db: &Path) -> Command {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "--exact",
        "crash::child_ingests_the_workload",
        "--test-threads",
        "1",
    ])
    .env(CHILD_ENV, db)
    .stdout(Stdio::null())
    .stderr(Stdio::null());
    cmd
}
