//! Serves the integration tests' fixture database, plus a year of generated events
//! between Russia and Armenia, for the browser tests (`tests/browser/`).
//!
//! ```text
//! cargo run -p dyad-server --example fixture_server
//! ```
//!
//! Prints `listening on http://ADDR` (127.0.0.1, a free port) and serves until its
//! standard input closes or it is killed. The database lives in a temporary folder
//! removed on exit.
use std::io::Read;

use chrono::NaiveDate;
use dyad_store::{NewDocument, Store};

#[path = "../tests/fixture.rs"]
#[allow(dead_code)]
mod fixture;

/// Two to five events a month, the mood turning sour mid-year.
fn add_year(path: &std::path::Path) {
    let mut store = Store::open(path).expect("store opens");
    let talks = [
        (
            "Russia praised Armenia.",
            "praised",
            "051",
            ("RUS", "Russia"),
            ("ARM", "Armenia"),
        ),
        (
            "Armenia hosted Russia.",
            "hosted",
            "042",
            ("ARM", "Armenia"),
            ("RUS", "Russia"),
        ),
        (
            "Russia accused Armenia.",
            "accused",
            "112",
            ("RUS", "Russia"),
            ("ARM", "Armenia"),
        ),
        (
            "Armenia threatened Russia.",
            "threatened",
            "130",
            ("ARM", "Armenia"),
            ("RUS", "Russia"),
        ),
        (
            "Russia attacked Armenia.",
            "attacked",
            "190",
            ("RUS", "Russia"),
            ("ARM", "Armenia"),
        ),
    ];
    for month in 1..=12u32 {
        let sour = month > 6;
        for k in 0..(2 + month % 4) {
            let day = NaiveDate::from_ymd_opt(2023, month, 3 + k * 6)
                .unwrap()
                .to_string();
            let pick = if sour {
                2 + (k as usize % 3)
            } else {
                k as usize % 2
            };
            let (sentence, trigger, code, src, tgt) = talks[pick];
            let text = format!("{sentence} Reported on {day}.");
            let ev = fixture::event(&text, sentence, trigger, code, src, tgt, &day);
            let doc = NewDocument {
                key: format!("gen-{month}-{k}"),
                url: Some(format!("https://news.test/gen/{month}/{k}")),
                title: Some(format!("Report {month}/{k}")),
                published: Some(day.parse().unwrap()),
                text,
                ..Default::default()
            };
            store.add_document(&doc, &[ev]).expect("stored");
        }
    }
}

fn main() {
    let (dir, db) = fixture::filled_db();
    add_year(&db);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut config = dyad_server::ServerConfig::new(db);
        config.bind = "127.0.0.1:0".parse().unwrap();
        let server = dyad_server::Server::bind(config)
            .await
            .expect("server starts");
        println!("listening on http://{}", server.local_addr());
        let stdin_closed = async {
            let _ =
                tokio::task::spawn_blocking(|| std::io::stdin().read_to_end(&mut Vec::new())).await;
        };
        server.run(stdin_closed).await.expect("server runs");
    });
    drop(dir);
}
