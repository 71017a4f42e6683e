//! POST /api/ingest: off without a token, then guarded by it.
use std::sync::{Arc, Mutex};

use dyad_coder::Coder;
use dyad_core::Document;
use dyad_server::{Ingest, IngestReport};
use dyad_store::{AddOutcome, NewDocument, Store};

use crate::fixture::{event, filled_db, start, start_on, start_with};
use crate::http::{get, request};

const LINE: &str = r#"{"id":"http-1","text":"Russia praised Armenia.","title":"Praise","date":"2024-03-02","url":"https://news.test/p"}"#;

/// Codes with the real coder, then adds one known event so the test does not
/// depend on the coder's dictionaries; stores through the store's ingest path.
struct TestIngest {
    store: Mutex<Store>,
}

impl Ingest for TestIngest {
    fn ingest(&self, docs: &[Document]) -> Result<IngestReport, String> {
        let mut report = IngestReport::default();
        let mut store = self.store.lock().unwrap();
        for d in docs {
            // The real coder runs (its events are not asserted on: its
            // dictionaries are another crate's business).
            let _coded = Coder::builtin().code(d);
            let day = d.date.unwrap().to_string();
            let ev = event(
                &d.text,
                &d.text,
                "praised",
                "051",
                ("RUS", "Russia"),
                ("ARM", "Armenia"),
                &day,
            );
            let new = NewDocument {
                key: d.id.clone(),
                url: d.url.clone(),
                title: d.title.clone(),
                published: d.date,
                text: d.text.clone(),
                ..Default::default()
            };
            match store.add_document(&new, &[ev]).map_err(|e| e.to_string())? {
                AddOutcome::Inserted { .. } => {
                    report.documents += 1;
                    report.events += 1;
                }
                AddOutcome::Duplicate { .. } => report.duplicates += 1,
            }
        }
        Ok(report)
    }
}

#[test]
fn ingest_is_off_without_a_token() {
    let s = start();
    let r = request(
        s.addr,
        "POST",
        "/api/ingest",
        &[("Authorization", "Bearer anything")],
        LINE,
    );
    assert_eq!(r.status, 403);
    assert!(r.json()["error"]
        .as_str()
        .unwrap()
        .contains("--ingest-token"));
}

#[test]
fn ingest_needs_the_right_bearer_token() {
    let s = start_with(Some("s3cret-token"), None);
    let r = request(s.addr, "POST", "/api/ingest", &[], LINE);
    assert_eq!(r.status, 401);
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
    let r = request(
        s.addr,
        "POST",
        "/api/ingest",
        &[("Authorization", "Bearer wrong")],
        LINE,
    );
    assert_eq!(r.status, 401);
    let r = request(
        s.addr,
        "POST",
        "/api/ingest",
        &[("Authorization", "Basic czNjcmV0LXRva2Vu")],
        LINE,
    );
    assert_eq!(r.status, 401);
    // Right token, but no coder/store wired in.
    let r = request(
        s.addr,
        "POST",
        "/api/ingest",
        &[("Authorization", "Bearer s3cret-token")],
        LINE,
    );
    assert_eq!(r.status, 501);
    assert!(r.json()["error"].is_string());
    assert_eq!(get(s.addr, "/api/ingest").status, 405, "GET is not ingest");
}

#[test]
fn ingest_stores_documents_and_the_api_sees_them_at_once() {
    let (_dir, db) = filled_db();
    let ingestor: Arc<dyn Ingest> = Arc::new(TestIngest {
        store: Mutex::new(Store::open(&db).unwrap()),
    });
    let s = start_on(&db, Some("tok"), Some(ingestor));
    let auth = [("Authorization", "Bearer tok")];
    let before = get(s.addr, "/api/pairs/RUS/ARM/timeline").json()["periods"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(before, 2);
    let r = request(s.addr, "POST", "/api/ingest", &auth, &format!("{LINE}\n\n"));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        r.json(),
        serde_json::json!({"documents": 1, "duplicates": 0, "events": 1})
    );
    let t = get(s.addr, "/api/pairs/RUS/ARM/timeline").json();
    let p = t["periods"].as_array().unwrap();
    assert_eq!(p.len(), 3, "March appears at once: {t}");
    assert_eq!(p[2]["a_to_b"]["q1"], 1);
    let r = request(s.addr, "POST", "/api/ingest", &auth, LINE);
    assert_eq!(r.json()["duplicates"], 1);
    // Bad bodies name the line.
    let r = request(
        s.addr,
        "POST",
        "/api/ingest",
        &auth,
        &format!("{LINE}\nnot json\n"),
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["parameter"], "body");
    assert!(r.json()["error"].as_str().unwrap().starts_with("line 2"));
    let r = request(s.addr, "POST", "/api/ingest", &auth, "");
    assert_eq!(r.status, 400);
}
