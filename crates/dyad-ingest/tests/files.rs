//! Folders, single files and JSON lines through the reader.
use dyad_ingest::{Body, IngestError, ReaderConfig, SourceReader};

use crate::http::read_all;

#[test]
fn folder_file_and_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    std::fs::create_dir(&news).unwrap();
    std::fs::write(
        news.join("a.html"),
        "<html><body><p>Chad met Niger.</p></body></html>",
    )
    .unwrap();
    std::fs::write(news.join("b.txt"), "Peru protested to Bolivia.").unwrap();
    let reader = SourceReader::new(ReaderConfig::default());

    let out = read_all(&reader, news.to_str().unwrap());
    assert_eq!(out.docs.len(), 2);
    assert!(out
        .docs
        .iter()
        .all(|d| d.key.starts_with("file:") && d.source_name == "news"));

    let out = read_all(&reader, news.join("b.txt").to_str().unwrap());
    assert_eq!(
        out.docs[0].body,
        Body::Text("Peru protested to Bolivia.".into())
    );

    let jsonl = dir.path().join("docs.jsonl");
    std::fs::write(
        &jsonl,
        "{\"id\":\"1\",\"text\":\"Iran warned Iraq.\"}\n{\"id\":\n{\"id\":\"3\",\"html\":\"<p>Cuba thanked Spain.</p>\"}\n",
    )
    .unwrap();
    let out = read_all(&reader, jsonl.to_str().unwrap());
    assert_eq!(out.docs.len(), 2);
    assert_eq!(out.failed.len(), 1);
    assert!(matches!(
        out.failed[0],
        IngestError::JsonLine { line: 2, .. }
    ));
}
