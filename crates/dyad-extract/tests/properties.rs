//! Property tests: extraction never panics, terminates, and respects its limits, whatever
//! the input.
use dyad_extract::{extract, ExtractOptions};
use proptest::prelude::*;

fn small_limits() -> ExtractOptions {
    ExtractOptions {
        max_input_bytes: 64 * 1024,
        max_bytes: 16 * 1024,
        max_depth: 32,
        max_elements: 2_000,
        reference_day: None,
    }
}

/// Bits of HTML to build hostile pages from.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<div>".to_string()),
        Just("</div>".to_string()),
        Just("<p>".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("<a href='x'>".to_string()),
        Just("<b><i><u>".to_string()),
        Just("<script>var x = '</p>';</script>".to_string()),
        Just("<meta property='article:published_time' content='2024-13-45T99:99'>".to_string()),
        Just("<time datetime='9999-01-01'>".to_string()),
        Just("<!--".to_string()),
        Just("<![CDATA[".to_string()),
        "[a-zA-Z0-9 .,äöü€]{0,40}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = extract(&bytes, None, &small_limits());
    }

    #[test]
    fn html_soup_never_panics_and_respects_limits(parts in proptest::collection::vec(fragment(), 0..200)) {
        let html = parts.concat();
        let opts = small_limits();
        if let Ok(article) = extract(html.as_bytes(), Some("https://example.com/2024/01/02/x"), &opts) {
            prop_assert!(article.text.len() <= opts.max_bytes);
            if html.len() > opts.max_bytes {
                prop_assert!(article.truncated);
            }
        }
    }
}

#[test]
fn very_deep_nesting_is_cut_not_overflowed() {
    let depth = 100_000usize;
    let html = format!(
        "<html><body>{}<p>deep text</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let opts = ExtractOptions {
        max_input_bytes: 4 << 20,
        ..ExtractOptions::default()
    };
    match extract(html.as_bytes(), None, &opts) {
        Ok(article) => assert!(article.truncated),
        Err(e) => assert_eq!(e, dyad_extract::ExtractError::NoText),
    }
}

#[test]
fn oversized_input_is_refused() {
    let opts = ExtractOptions {
        max_input_bytes: 1000,
        ..ExtractOptions::default()
    };
    let html = format!("<p>{}</p>", "word ".repeat(1000));
    assert_eq!(
        extract(html.as_bytes(), None, &opts),
        Err(dyad_extract::ExtractError::TooLarge { limit: 1000 })
    );
}

#[test]
fn long_page_is_cut_and_flagged() {
    let opts = ExtractOptions {
        max_bytes: 20_000,
        ..ExtractOptions::default()
    };
    let para = "<p>The delegations met again on Tuesday and said the talks would continue next week in the capital.</p>";
    let html = format!(
        "<html><body><article>{}</article></body></html>",
        para.repeat(1000)
    );
    let article = extract(html.as_bytes(), None, &opts).unwrap();
    assert!(article.truncated);
    assert!(article.text.len() < 20_000);
}
