//! Fuzzes `dyad_extract::extract` on arbitrary bytes, asserting its contract rather than
//! just "does not crash": text within the size limit, no empty article, no date after the
//! reference day.
//!
//! Run (stable toolchain, no sanitizer), from `fuzz/`:
//! `cargo fuzz run -s none extract_html corpus/extract_html ../crates/dyad-extract/tests/data -- -max_total_time=600`
//! (the second folder seeds the run with the hand-made test pages; new inputs go to the first).
#![no_main]

use dyad_extract::{extract, Day, ExtractOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = ExtractOptions {
        max_input_bytes: 1 << 20,
        max_bytes: 256 * 1024,
        max_depth: 64,
        max_elements: 20_000,
        reference_day: Day::new(2024, 6, 30),
    };
    if let Ok(article) = extract(data, Some("https://example.com/2024/01/02/story"), &opts) {
        assert!(!article.text.trim().is_empty(), "an article without text");
        assert!(article.text.len() <= opts.max_bytes, "text longer than the page limit");
        if let Some(date) = article.date {
            assert!(date.day <= opts.reference_day.unwrap(), "a date after the reference day");
        }
    }
});
