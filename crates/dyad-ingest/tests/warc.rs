//! A WARC.gz written here, one gzip member per record as CC-NEWS ships it.
use std::io::Write;

use dyad_ingest::{Body, IngestError, ReaderConfig, SkipReason, SourceReader};

use crate::http::{article, read_all};

fn member(out: &mut Vec<u8>, record: &[u8]) {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(record).unwrap();
    out.extend(gz.finish().unwrap());
}

fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Date: 2024-03-05T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{}>\r\n\
         Content-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut b = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    b.extend_from_slice(body);
    b
}

#[test]
fn warc_gz_written_by_the_test() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("news.warc.gz");
    let mut data = Vec::new();
    let info = b"software: dyad-test\r\n";
    let mut warcinfo = format!(
        "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Type: application/warc-fields\r\n\
         Content-Length: {}\r\n\r\n",
        info.len()
    )
    .into_bytes();
    warcinfo.extend_from_slice(info);
    warcinfo.extend_from_slice(b"\r\n\r\n");
    member(&mut data, &warcinfo);
    member(
        &mut data,
        &record("request", "http://n.example/a", b"GET /a HTTP/1.1\r\n\r\n"),
    );
    let a = article(
        "Talks resume",
        "Russia accused Armenia of distorting history.",
    );
    member(
        &mut data,
        &record(
            "response",
            "http://n.example/a",
            &http(
                "200 OK",
                "Content-Type: text/html; charset=UTF-8\r\n",
                a.as_bytes(),
            ),
        ),
    );
    // Chunked and gzipped as the server sent it.
    let b = article(
        "Aid pledged",
        "Japan pledged aid to Kenya after the floods.",
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(b.as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    let mut chunked = format!("{:x}\r\n", gz.len()).into_bytes();
    chunked.extend(&gz);
    chunked.extend(b"\r\n0\r\n\r\n");
    member(
        &mut data,
        &record(
            "response",
            "http://n.example/b",
            &http(
                "200 OK",
                "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
                &chunked,
            ),
        ),
    );
    member(
        &mut data,
        &record(
            "response",
            "http://n.example/gone",
            &http("404 Not Found", "Content-Type: text/html\r\n", b"no"),
        ),
    );
    member(
        &mut data,
        &record(
            "response",
            "http://n.example/logo.png",
            &http("200 OK", "Content-Type: image/png\r\n", b"\x89PNG"),
        ),
    );
    member(
        &mut data,
        &record(
            "response",
            "http://n.example/big",
            &http(
                "200 OK",
                "Content-Type: text/html\r\n",
                &vec![b'x'; 300_000],
            ),
        ),
    );
    member(
        &mut data,
        &record("metadata", "http://n.example/a", b"fetchTimeMs: 12\r\n"),
    );
    std::fs::write(&path, &data).unwrap();

    let config = ReaderConfig {
        max_warc_record_bytes: 100_000,
        ..ReaderConfig::default()
    };
    let out = read_all(&SourceReader::new(config.clone()), path.to_str().unwrap());
    assert!(out.failed.is_empty(), "{:?}", out.failed);
    assert_eq!(
        out.doc_urls(),
        vec!["http://n.example/a", "http://n.example/b"]
    );
    let b_doc = &out.docs[1];
    assert_eq!(b_doc.source_name, "n.example");
    assert_eq!(b_doc.fetched_at.to_rfc3339(), "2024-03-05T10:00:00+00:00");
    let Body::Html(html) = &b_doc.body else {
        panic!()
    };
    assert!(String::from_utf8_lossy(html).contains("pledged aid to Kenya"));
    let reasons: Vec<_> = out
        .skipped
        .iter()
        .map(|(s, r)| (s.as_str(), r.label()))
        .collect();
    assert_eq!(
        reasons,
        vec![
            ("http://n.example/gone", "HTTP status"),
            ("http://n.example/logo.png", "not HTML"),
            ("http://n.example/big", "too large"),
        ]
    );

    // A truncated archive: what came before is kept, the break is named.
    let cut = dir.path().join("cut.warc.gz");
    let mut plain = Vec::new();
    flate2::read::MultiGzDecoder::new(&data[..]).read_to_end_into(&mut plain);
    let half = plain.len() * 2 / 3;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&plain[..half]).unwrap();
    std::fs::write(&cut, gz.finish().unwrap()).unwrap();
    let out = read_all(&SourceReader::new(config), cut.to_str().unwrap());
    assert_eq!(out.docs.len(), 2);
    assert_eq!(out.failed.len(), 1);
    assert!(matches!(&out.failed[0], IngestError::Warc { record, .. } if *record > 0));
    assert!(out.failed[0].subject().starts_with(cut.to_str().unwrap()));
    let _ = SkipReason::Empty;
}

trait ReadToEndInto {
    fn read_to_end_into(self, out: &mut Vec<u8>);
}

impl<R: std::io::Read> ReadToEndInto for R {
    fn read_to_end_into(mut self, out: &mut Vec<u8>) {
        self.read_to_end(out).unwrap();
    }
}
