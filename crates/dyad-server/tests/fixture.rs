//! A small event database filled through `dyad_store::Store::add_document` (the
//! store's ingest path), and a server started on it.
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use dyad_core::cameo::EventCodes;
use dyad_core::{Actor, Event, Evidence};
use dyad_server::{Ingest, Server, ServerConfig};
use dyad_store::{NewDocument, Store};

pub const XSS_TITLE: &str = "<script>alert(\"title-xss\")</script>";
pub const XSS_SENTENCE: &str = "<img src=x onerror=alert(1)> Russia met Armenia.";

fn actor(code: &str, name: &str) -> Actor {
    let country = &code[..3];
    let (country, group) = if country == "NAT" {
        (None, Some("NAT".into()))
    } else {
        (Some(country.to_string()), None)
    };
    Actor {
        code: code.into(),
        country,
        group,
        role: (code.len() > 3).then(|| code[3..6].to_string()),
        name: name.into(),
        text: name.into(),
    }
}

fn chars_at(text: &str, needle: &str) -> usize {
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
    text[..byte].chars().count()
}

/// An event coded from `sentence` of `text`, triggered by `trigger`.
pub fn event(
    text: &str,
    sentence: &str,
    trigger: &str,
    code: &str,
    src: (&str, &str),
    tgt: (&str, &str),
    day: &str,
) -> Event {
    let info = EventCodes::builtin().get(code).unwrap().clone();
    let start = chars_at(text, sentence);
    let t = start + chars_at(sentence, trigger);
    Event {
        doc_id: String::new(),
        event_code: code.into(),
        root_code: info.root,
        base_code: info.base,
        quad_class: info.quad_class,
        goldstein: info.goldstein,
        date: Some(day.parse().unwrap()),
        source: actor(src.0, src.1),
        target: actor(tgt.0, tgt.1),
        evidence: Evidence {
            sentence: sentence.into(),
            sentence_index: text[..text.find(sentence).unwrap()].matches(". ").count(),
            start,
            end: start + sentence.chars().count(),
            trigger: trigger.into(),
            trigger_start: t,
            trigger_end: t + trigger.chars().count(),
        },
        confidence: 0.9,
        is_root_event: true,
    }
}

/// (sentence, trigger, event code, source (code, name), target (code, name)).
pub type FixtureEvent = (
    &'static str,
    &'static str,
    &'static str,
    (&'static str, &'static str),
    (&'static str, &'static str),
);

pub struct Doc {
    pub key: &'static str,
    pub title: &'static str,
    pub url: &'static str,
    pub day: &'static str,
    pub text: &'static str,
    /// (sentence, trigger, code, source, target)
    pub events: Vec<FixtureEvent>,
}

const RUS: (&str, &str) = ("RUS", "Russia");
const RUSGOV: (&str, &str) = ("RUSGOV", "Russian government");
const ARM: (&str, &str) = ("ARM", "Armenia");
const USA: (&str, &str) = ("USA", "United States");
const CHN: (&str, &str) = ("CHN", "China");

pub fn documents() -> Vec<Doc> {
    vec![
        Doc {
            key: "d1",
            title: "Russia and Armenia talk",
            url: "https://news.test/ru-am-1",
            day: "2024-01-10",
            text: "Russia praised Armenia on Monday. Armenia accused Russia of delays.",
            events: vec![
                (
                    "Russia praised Armenia on Monday.",
                    "praised",
                    "051",
                    RUS,
                    ARM,
                ),
                (
                    "Armenia accused Russia of delays.",
                    "accused",
                    "112",
                    ARM,
                    RUS,
                ),
            ],
        },
        Doc {
            key: "d2",
            title: "Tension rises",
            url: "https://news.test/ru-am-2",
            day: "2024-02-15",
            text: "The Russian government threatened Armenia. Russia attacked Armenia.",
            events: vec![
                (
                    "The Russian government threatened Armenia.",
                    "threatened",
                    "130",
                    RUSGOV,
                    ARM,
                ),
                ("Russia attacked Armenia.", "attacked", "190", RUS, ARM),
            ],
        },
        Doc {
            key: "xss",
            title: XSS_TITLE,
            url: "javascript:alert(1)",
            day: "2024-02-20",
            text: XSS_SENTENCE,
            events: vec![(XSS_SENTENCE, "met", "040", RUS, ARM)],
        },
        Doc {
            key: "d4",
            title: "Trade talks",
            url: "https://news.test/us-cn",
            day: "2024-02-03",
            text: "The United States criticized China. China hosted the United States.",
            events: vec![
                (
                    "The United States criticized China.",
                    "criticized",
                    "111",
                    USA,
                    CHN,
                ),
                ("China hosted the United States.", "hosted", "042", CHN, USA),
            ],
        },
    ]
}

/// Writes the fixture documents through the store's ingest path.
pub fn fill(path: &Path) {
    let mut store = Store::open(path).expect("store opens");
    for d in documents() {
        let events: Vec<Event> = d
            .events
            .iter()
            .map(|&(s, t, c, src, tgt)| event(d.text, s, t, c, src, tgt, d.day))
            .collect();
        let doc = NewDocument {
            key: d.key.into(),
            url: Some(d.url.into()),
            title: Some(d.title.into()),
            published: Some(d.day.parse::<NaiveDate>().unwrap()),
            text: d.text.into(),
            ..Default::default()
        };
        store.add_document(&doc, &events).expect("document stored");
    }
}

/// A running server; dropping it stops the server and removes its database.
pub struct TestServer {
    pub addr: SocketAddr,
    _rt: tokio::runtime::Runtime,
    _dir: Option<tempfile::TempDir>,
}

/// A temporary database filled with the fixture documents.
pub fn filled_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("events.db");
    fill(&db);
    (dir, db)
}

/// A server on an existing database file, on 127.0.0.1 port 0.
pub fn start_on(db: &Path, token: Option<&str>, ingestor: Option<Arc<dyn Ingest>>) -> TestServer {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let config = ServerConfig {
        db: db.to_path_buf(),
        bind: "127.0.0.1:0".parse().unwrap(),
        ingest_token: token.map(str::to_string),
        ingestor,
    };
    let server = rt.block_on(Server::bind(config)).expect("server binds");
    let addr = server.local_addr();
    assert_ne!(addr.port(), 0, "the real port is reported");
    rt.spawn(server.run(std::future::pending()));
    TestServer {
        addr,
        _rt: rt,
        _dir: None,
    }
}

/// A server on a fresh fixture database.
pub fn start_with(token: Option<&str>, ingestor: Option<Arc<dyn Ingest>>) -> TestServer {
    let (dir, db) = filled_db();
    let mut s = start_on(&db, token, ingestor);
    s._dir = Some(dir);
    s
}

pub fn start() -> TestServer {
    start_with(None, None)
}
