//! Properties of the parsers of untrusted input: they never panic on any bytes, and
//! what the WARC reader reads back is what was written.
use dyad_ingest::warc::{parse_http_response, Block, WarcReader};
use dyad_ingest::{parse_opml, Robots};
use proptest::prelude::*;

fn write_record(out: &mut Vec<u8>, kind: &str, uri: &str, block: &[u8]) {
    out.extend(
        format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: <{uri}>\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes(),
    );
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn warc_reader_reads_back_what_was_written(
        records in prop::collection::vec(
            (prop::sample::select(vec!["response", "request", "metadata"]),
             "[a-z]{1,12}",
             prop::collection::vec(any::<u8>(), 0..300)),
            0..8),
        cap in 0u64..400,
    ) {
        let mut data = Vec::new();
        for (kind, path, block) in &records {
            write_record(&mut data, kind, &format!("http://h.example/{path}"), block);
        }
        let mut reader = WarcReader::new(&data[..], cap);
        for (kind, path, block) in &records {
            let rec = reader.next_record().unwrap().unwrap();
            prop_assert_eq!(&rec.header.warc_type, kind);
            let uri = format!("http://h.example/{path}");
            prop_assert_eq!(rec.header.target_uri.as_deref(), Some(uri.as_str()));
            let expected = if *kind != "response" {
                Block::Skipped
            } else if block.len() as u64 > cap {
                Block::TooLarge
            } else {
                Block::Loaded(block.clone())
            };
            prop_assert_eq!(rec.block, expected);
        }
        prop_assert!(reader.next_record().unwrap().is_none());
    }

    #[test]
    fn warc_reader_survives_any_bytes(data in prop::collection::vec(any::<u8>(), 0..2000)) {
        let mut reader = WarcReader::new(&data[..], 1000);
        // Every call consumes input or ends, so this loop is bounded.
        for _ in 0..=data.len() {
            match reader.next_record() {
                Ok(Some(_)) => {}
                Ok(None) | Err(_) => break,
            }
        }
    }

    #[test]
    fn warc_reader_survives_damaged_records(
        block in prop::collection::vec(any::<u8>(), 0..200),
        cut in any::<prop::sample::Index>(),
        flip in any::<prop::sample::Index>(),
    ) {
        let mut data = Vec::new();
        write_record(&mut data, "response", "http://h.example/", &block);
        let i = flip.index(data.len());
        data[i] ^= 0x55;
        let data = &data[..cut.index(data.len() + 1)];
        let mut reader = WarcReader::new(data, 1000);
        for _ in 0..4 {
            if !matches!(reader.next_record(), Ok(Some(_))) {
                break;
            }
        }
    }

    #[test]
    fn http_envelope_parser_survives_any_bytes(data in prop::collection::vec(any::<u8>(), 0..1000)) {
        let _ = parse_http_response(&data, 10_000);
        let mut framed = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        framed.extend(&data);
        let _ = parse_http_response(&framed, 10_000);
    }

    #[test]
    fn robots_never_panics(text in "\\PC{0,400}", path in "/\\PC{0,60}") {
        let robots = Robots::parse(&text, "dyad");
        let _ = robots.allows(&path);
    }

    #[test]
    fn robots_rules_from_lines(lines in prop::collection::vec(
        (prop::sample::select(vec!["User-agent", "Allow", "Disallow", "Crawl-delay", "Sitemap"]), "[*/a-z$.0-9]{0,10}"), 0..20),
        path in "/[a-z/]{0,20}") {
        let text: String = lines.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
        let robots = Robots::parse(&text, "dyad");
        let _ = robots.allows(&path);
        let _ = robots.crawl_delay();
    }

    #[test]
    fn opml_parser_survives_any_text(text in "\\PC{0,300}") {
        let _ = parse_opml(text.as_bytes());
        let _ = parse_opml(format!("<opml><body><outline xmlUrl=\"{text}\"/></body></opml>").as_bytes());
    }
}
