//! `dyad code` and `dyad eval` end to end: the binary on files of our own, good and bad.
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn run(args: &[&str]) -> Output {
    dyad().args(args).output().expect("dyad runs")
}

fn temp(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

fn events(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/article.txt")
}

#[test]
fn codes_the_bundled_example_with_evidence() {
    let out = run(&["code", "--date", "2025-09-22", example().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ev = events(&out);
    let has = |s: &str, code: &str, t: &str| {
        ev.iter().any(|e| {
            e["source"]["country"] == s
                && e["event_code"].as_str().unwrap().starts_with(code)
                && (e["target"]["country"] == t || e["target"]["group"] == t)
        })
    };
    assert!(has("EST", "11", "RUS"), "{ev:#?}");
    assert!(has("LVA", "02", "NAT"));
    // Russia's denial answers Estonia's accusation; the teaser lines and the negated,
    // hypothetical sentences ("did not send", "could retaliate") give nothing.
    assert!(has("RUS", "016", "EST"), "{ev:#?}");
    assert!(
        ev.iter()
            .filter(|e| e["source"]["country"] == "RUS")
            .all(|e| e["event_code"] == "016"),
        "{ev:#?}"
    );
    for e in &ev {
        for key in [
            "doc_id",
            "event_code",
            "root_code",
            "quad_class",
            "goldstein",
            "date",
            "source",
            "target",
            "evidence",
        ] {
            assert!(!e[key].is_null(), "{key} missing in {e}");
        }
        assert!(e["evidence"]["sentence"].as_str().unwrap().contains(
            e["evidence"]["trigger"]
                .as_str()
                .unwrap()
                .split(' ')
                .next()
                .unwrap()
        ));
    }
}

#[test]
fn gdelt_output_has_61_columns() {
    let out = run(&[
        "code",
        "--output",
        "gdelt",
        "--date",
        "2025-09-22",
        example().to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().count() >= 3);
    for line in text.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 61, "{line}");
        assert!(
            cols[1].len() == 8 && cols[1].starts_with("2025"),
            "day column: {line}"
        );
        assert!(cols[26].len() >= 3, "event code column: {line}");
    }
}

#[test]
fn json_lines_from_stdin_with_a_malformed_line() {
    let input =
        "{\"id\":\"a\",\"text\":\"Russia accused Armenia of lying.\",\"date\":\"2024-03-14\"}\n\
                 {\"id\":\"b\",\"text\": oops}\n\
                 \n\
                 {\"id\":\"c\",\"text\":\"France expelled two Iranian diplomats.\"}\n";
    let mut child = dyad()
        .args(["code", "--input", "jsonl", "--output", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "some input failed");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("<stdin>, line 2") && err.contains("not a JSON document"),
        "{err}"
    );
    let ids: Vec<String> = events(&out)
        .iter()
        .map(|e| e["doc_id"].as_str().unwrap().to_string())
        .collect();
    assert!(
        ids.contains(&"a".to_string()) && ids.contains(&"c".to_string()),
        "{ids:?}"
    );
}

#[test]
fn empty_binary_and_non_utf8_files_are_refused_by_name() {
    let (_d1, empty) = temp("empty.txt", b"");
    let (_d2, binary) = temp("blob.txt", b"\x7fELF\x00\x00\x01binary");
    let (_d3, latin1) = temp("latin1.txt", b"Fran\xe7ois said hello.");
    for (path, says) in [
        (&empty, "empty input"),
        (&binary, "binary data"),
        (&latin1, "not UTF-8"),
    ] {
        let out = run(&["code", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "the whole run failed");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(path.to_str().unwrap()) && err.contains(says),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_huge_single_line_document_is_refused_in_bounded_memory() {
    // 50 MB on one line, then a good document: the big one is refused with its line
    // number, the next is coded.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    f.write_all(b"{\"id\":\"big\",\"text\":\"").unwrap();
    let chunk = "Russia accused Armenia. ".repeat(1000);
    while f.metadata().unwrap().len() < 50 * 1024 * 1024 {
        f.write_all(chunk.as_bytes()).unwrap();
    }
    f.write_all(b"\"}\n{\"id\":\"small\",\"text\":\"Russia accused Armenia of lying.\"}\n")
        .unwrap();
    drop(f);
    let out = dyad()
        .args(["code", "--input", "jsonl", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 1") && err.contains("byte limit"),
        "{err}"
    );
    let ev = events(&out);
    assert!(ev.iter().all(|e| e["doc_id"] == "small") && !ev.is_empty());
}

#[test]
fn unknown_dictionary_directory_is_a_clear_error() {
    let out = run(&[
        "code",
        "--dict",
        "/nonexistent/dict",
        example().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/dict: not a directory"));
}

#[test]
fn eval_scores_coded_items_against_gold() {
    let dir = tempfile::tempdir().unwrap();
    let items = dir.path().join("items.jsonl");
    let gold = dir.path().join("gold.jsonl");
    std::fs::write(&items, "{\"id\":\"x\",\"text\":\"Russia accused Armenia of lying.\",\"date\":\"2024-03-14\"}\n{\"id\":\"y\",\"text\":\"Germany praised Poland.\"}\n").unwrap();
    std::fs::write(&gold, "{\"id\":\"x\",\"events\":[{\"source\":\"RUS\",\"target\":\"ARM\",\"root\":[\"11\"]}],\"acceptable\":[]}\n{\"id\":\"y\",\"events\":[{\"source\":\"POL\",\"target\":\"DEU\",\"root\":[\"05\"]}],\"acceptable\":[]}\n").unwrap();
    let out = run(&[
        "eval",
        "--gold",
        gold.to_str().unwrap(),
        "--items",
        items.to_str().unwrap(),
        "--details",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8(out.stdout).unwrap();
    // One of two expected found; the reversed praise is a false alarm and a miss.
    assert!(report.contains("expected 2  found 1"), "{report}");
    assert!(report.contains("MISS   POL -> DEU"), "{report}");
    assert!(report.contains("FALSE  DEU -> POL 05"), "{report}");
}

#[test]
fn html_pages_go_through_article_extraction() {
    let page = "<html><head><title>Estonia accuses Russia</title>\
        <meta property=\"article:published_time\" content=\"2025-09-22T10:00:00+03:00\"></head>\
        <body><nav>Home | World | Russia attacks Georgia in a teaser</nav><article><h1>Estonia accuses Russia</h1>\
        <p>Estonia accused Russia on Monday of violating its airspace with two fighter jets, its foreign ministry said.</p>\
        <p>Latvia called on NATO to strengthen air policing over the Baltic states after the incident.</p></article>\
        <footer>Share this article</footer></body></html>";
    let (_dir, path) = temp("page.html", page.as_bytes());
    let out = run(&["code", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ev = events(&out);
    assert!(
        ev.iter().any(|e| e["source"]["country"] == "EST"
            && e["root_code"] == "11"
            && e["target"]["country"] == "RUS"),
        "{ev:#?}"
    );
    // The page's own date anchors the events; the menu teaser is not coded.
    assert!(ev.iter().all(|e| e["date"] == "2025-09-22"), "{ev:#?}");
    assert!(!ev.iter().any(|e| e["target"]["country"] == "GEO"));
}
