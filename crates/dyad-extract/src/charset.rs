//! From the bytes of a fetched page to text: gzip, binary sniffing, character set.
//!
//! The character set comes from a byte-order mark, else a `<meta>` declaration near the
//! top, else UTF-8 if the bytes are valid UTF-8, else chardetng's guess.

use std::borrow::Cow;
use std::io::Read;

use encoding_rs::{Encoding, UTF_8};

use crate::error::{ExtractError, Result};
use crate::options::ExtractOptions;

/// The page as text, and whether `max_bytes` cut it.
pub(crate) struct DecodedPage<'a> {
    /// Borrowed from the input when it is UTF-8 already (most pages): the markup is
    /// copied once anyway, as it is prepared for parsing.
    pub html: Cow<'a, str>,
    pub truncated: bool,
}

/// Decompresses (if gzip), sniffs and decodes a page.
pub(crate) fn decode<'a>(
    input: &'a [u8],
    url: Option<&str>,
    opts: &ExtractOptions,
) -> Result<DecodedPage<'a>> {
    if input.len() > opts.max_input_bytes {
        return Err(ExtractError::TooLarge {
            limit: opts.max_input_bytes,
        });
    }
    if input.starts_with(&[0x1f, 0x8b]) {
        let bytes = gunzip(input, opts.max_input_bytes)?;
        let page = decode_bytes(&bytes, url, opts)?;
        return Ok(DecodedPage {
            html: Cow::Owned(page.html.into_owned()),
            truncated: page.truncated,
        });
    }
    decode_bytes(input, url, opts)
}

/// Sniffs and decodes the bytes of a page (not compressed).
fn decode_bytes<'a>(
    bytes: &'a [u8],
    url: Option<&str>,
    opts: &ExtractOptions,
) -> Result<DecodedPage<'a>> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ExtractError::Empty);
    }
    let encoding_from_bom = Encoding::for_bom(bytes);
    if encoding_from_bom.is_none() {
        if let Some(kind) = binary_kind(bytes) {
            return Err(ExtractError::Binary(kind));
        }
    }
    let (bytes, truncated) = if bytes.len() > opts.max_bytes {
        (&bytes[..opts.max_bytes], true)
    } else {
        (bytes, false)
    };
    let (encoding, body) = match encoding_from_bom {
        Some((enc, bom_len)) => (enc, &bytes[bom_len..]),
        None => (sniff_encoding(bytes, url), bytes),
    };
    let (mut html, _) = encoding.decode_without_bom_handling(body);
    let mut truncated = truncated;
    // Decoding can lengthen the text (one Latin-1 byte becomes two in UTF-8): cut again.
    if html.len() > opts.max_bytes {
        let mut cut = opts.max_bytes;
        while !html.is_char_boundary(cut) {
            cut -= 1;
        }
        html.to_mut().truncate(cut);
        truncated = true;
    }
    if !has_markup(&html) {
        return Err(ExtractError::NotHtml);
    }
    Ok(DecodedPage { html, truncated })
}

fn gunzip(input: &[u8], limit: usize) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len().saturating_mul(4).min(limit));
    let mut decoder = flate2::read::MultiGzDecoder::new(input).take(limit as u64 + 1);
    decoder
        .read_to_end(&mut out)
        .map_err(|e| ExtractError::Gzip(e.to_string()))?;
    if out.len() > limit {
        return Err(ExtractError::TooLarge { limit });
    }
    Ok(out)
}

/// Names the kind of a binary file, from its magic number or from NUL bytes near the top.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "PDF"),
        (b"\x89PNG", "PNG image"),
        (b"GIF8", "GIF image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"RIFF", "RIFF media"),
        (b"OggS", "Ogg media"),
        (b"ID3", "MP3 audio"),
        (b"7z\xbc\xaf", "7z archive"),
        (b"Rar!", "RAR archive"),
        (b"\x00asm", "WebAssembly"),
        (b"\x7fELF", "executable"),
        (b"BZh", "bzip2 data"),
        (b"\xfd7zXZ", "xz data"),
        (b"\x28\xb5\x2f\xfd", "zstd data"),
    ];
    for (magic, kind) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(kind);
        }
    }
    let head = &bytes[..bytes.len().min(1024)];
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x09) || (0x0e..0x1a).contains(&b))
        .count();
    if head.contains(&0) || controls * 10 > head.len() {
        return Some("control bytes");
    }
    None
}

/// The declared encoding (a `<meta>` in the first 4 KiB), else UTF-8 when the bytes are
/// valid UTF-8, else chardetng's guess.
fn sniff_encoding(bytes: &[u8], url: Option<&str>) -> &'static Encoding {
    // A cut page may end inside a character: that still counts as valid. (encoding_rs
    // validates faster than the standard library.)
    let valid_up_to = Encoding::utf8_valid_up_to(bytes);
    let tail = &bytes[valid_up_to..];
    let valid_utf8 = tail.is_empty()
        || (tail.len() < 4 && std::str::from_utf8(tail).is_err_and(|e| e.error_len().is_none()));
    if let Some(enc) = declared_encoding(&bytes[..bytes.len().min(4096)]) {
        // A page declared UTF-8 whose bytes are not is usually windows-1252 or similar.
        if enc != UTF_8 || valid_utf8 || utf8_mostly_valid(bytes) {
            return enc;
        }
    } else if valid_utf8 {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let tld = url.and_then(top_level_domain);
    detector.guess(tld.as_deref().map(str::as_bytes), true)
}

/// True when invalid sequences are rare (a few stray bytes in an otherwise UTF-8 page).
fn utf8_mostly_valid(bytes: &[u8]) -> bool {
    let (_, had_errors) = UTF_8.decode_without_bom_handling(&bytes[..bytes.len().min(1 << 16)]);
    if !had_errors {
        return true;
    }
    let mut bad = 0usize;
    let mut rest = bytes;
    while let Err(e) = std::str::from_utf8(rest) {
        bad += 1;
        if bad > 8 {
            return false;
        }
        let skip = e.valid_up_to() + e.error_len().unwrap_or(1);
        rest = &rest[skip.min(rest.len())..];
    }
    true
}

/// Finds `charset=NAME` inside a `<meta` tag.
fn declared_encoding(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let mut rest = &tag[c + 7..];
            while let [b' ' | b'=' | b'"' | b'\'' | b'\t', tail @ ..] = rest {
                rest = tail;
            }
            let name_len = rest
                .iter()
                .position(|b| !(b.is_ascii_alphanumeric() || b"-_:.".contains(b)))
                .unwrap_or(rest.len());
            if let Some(enc) = Encoding::for_label(&rest[..name_len]) {
                // The HTML standard reads a UTF-16 declaration in ASCII-compatible bytes as UTF-8.
                return Some(
                    if enc.is_single_byte() || enc == UTF_8 || enc.output_encoding() == UTF_8 {
                        enc.output_encoding()
                    } else {
                        enc
                    },
                );
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

fn top_level_domain(url: &str) -> Option<String> {
    let host = url
        .split("://")
        .nth(1)?
        .split(['/', '?', '#', ':'])
        .next()?;
    let tld = host.rsplit('.').next()?;
    (tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| tld.to_ascii_lowercase())
}

/// True when the text holds at least one tag-like `<x`.
fn has_markup(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'!'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> ExtractOptions {
        ExtractOptions::default()
    }

    #[test]
    fn meta_charset_is_honoured() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9</body></html>";
        let d = decode(page, None, &opts()).unwrap();
        assert!(d.html.contains("café"));
    }

    #[test]
    fn http_equiv_charset_is_honoured() {
        let page = b"<meta http-equiv=Content-Type content='text/html; charset=ISO-8859-2'><p>\xb3\xf3d\xbc</p>";
        let d = decode(page, None, &opts()).unwrap();
        assert!(d.html.contains("łódź"), "{}", d.html);
    }

    #[test]
    fn undeclared_latin1_is_guessed() {
        let page = "<p>Der Bundesrat hat am Montag über die Änderung der Straßenverkehrsordnung beraten, für die Länder.</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
        let d = decode(&bytes, Some("https://example.de/x"), &opts()).unwrap();
        assert!(d.html.contains("Straßenverkehrsordnung"));
    }

    #[test]
    fn page_cut_inside_a_character_is_still_utf8() {
        let page = "<p>Grüße aus Köln</p>";
        let cut = &page.as_bytes()[..page.find('ö').unwrap() + 1];
        assert!(std::str::from_utf8(cut).is_err());
        assert_eq!(sniff_encoding(cut, None), UTF_8);
        // An invalid byte before the end is not a cut.
        let latin1 = b"<p>Gr\xfc\xdfe aus K\xf6ln und Umgebung</p>";
        assert_ne!(sniff_encoding(latin1, Some("https://example.de/")), UTF_8);
    }

    #[test]
    fn errors_for_empty_binary_and_text() {
        assert_eq!(
            decode(b"  \n", None, &opts()).err(),
            Some(ExtractError::Empty)
        );
        assert_eq!(
            decode(b"%PDF-1.4 ...", None, &opts()).err(),
            Some(ExtractError::Binary("PDF"))
        );
        assert_eq!(
            decode(b"just some words", None, &opts()).err(),
            Some(ExtractError::NotHtml)
        );
    }

    #[test]
    fn gzip_is_decompressed_with_a_cap() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&vec![b' '; 100_000]).unwrap();
        enc.write_all(b"<p>hi</p>").unwrap();
        let gz = enc.finish().unwrap();
        assert!(decode(&gz, None, &opts())
            .unwrap()
            .html
            .ends_with("<p>hi</p>"));
        let small = ExtractOptions {
            max_input_bytes: 50_000,
            ..opts()
        };
        assert_eq!(
            decode(&gz, None, &small).err(),
            Some(ExtractError::TooLarge { limit: 50_000 })
        );
    }
}
