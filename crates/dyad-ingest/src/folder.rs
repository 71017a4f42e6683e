//! Files on disk: folders of `.html`, `.htm` and `.txt` files (each may be gzipped),
//! read recursively in name order, and single files.
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{IngestError, Result};
use crate::source::{extension, file_name_lower, Body, Item, RawDocument, SkipReason};

/// Reads at most `cap` bytes; `None` when there is more.
pub(crate) fn read_capped(reader: impl Read, cap: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    reader.take(cap.saturating_add(1)).read_to_end(&mut buf)?;
    Ok((buf.len() as u64 <= cap).then_some(buf))
}

/// Opens a file for reading, gunzipping it when it starts with the gzip magic, and
/// reads at most `cap` bytes of its (decompressed) content.
pub(crate) fn read_file_capped(path: &Path, cap: u64) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| IngestError::io(path, e))?;
    let mut reader = std::io::BufReader::new(file);
    let gz = {
        use std::io::BufRead;
        let head = reader.fill_buf().map_err(|e| IngestError::io(path, e))?;
        head.starts_with(&[0x1f, 0x8b])
    };
    let got = if gz {
        read_capped(flate2::read::MultiGzDecoder::new(reader), cap)
    } else {
        read_capped(reader, cap)
    };
    got.map_err(|e| IngestError::io(path, e))?
        .ok_or_else(|| IngestError::TooLarge {
            what: path.display().to_string(),
            limit: cap,
        })
}

/// What kind of document a file name says it holds.
fn kind_of(path: &Path) -> Option<bool> {
    let name = file_name_lower(path);
    let stem = name.strip_suffix(".gz").unwrap_or(&name);
    match extension(stem) {
        "html" | "htm" | "xhtml" => Some(true),
        "txt" => Some(false),
        _ => None,
    }
}

/// Reads one file into a document named after `source_name`.
pub(crate) fn read_document(path: &Path, source_name: &str, cap: u64) -> Item {
    let Some(is_html) = kind_of(path) else {
        return Item::skipped(path.display().to_string(), SkipReason::UnsupportedFile);
    };
    let bytes = match read_file_capped(path, cap) {
        Ok(b) => b,
        Err(e) => return Item::Failed(e),
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Item::skipped(path.display().to_string(), SkipReason::Empty);
    }
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let body = if is_html {
        Body::Html(bytes)
    } else {
        Body::Text(String::from_utf8_lossy(&bytes).into_owned())
    };
    let mut doc = RawDocument::new(
        format!("file:{}", abs.display()),
        body,
        source_name.to_string(),
    );
    if let Ok(modified) = std::fs::metadata(path).and_then(|m| m.modified()) {
        doc.fetched_at = modified.into();
    }
    Item::Document(doc)
}

/// Lists the files under `root`, depth first in name order; hidden entries are left out.
pub(crate) fn list_files(root: &Path, emit: &mut dyn FnMut(Item)) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) => {
                emit(Item::Failed(IngestError::io(&dir, e)));
                continue;
            }
        };
        let mut children: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        children.sort();
        let mut subdirs = Vec::new();
        for child in children {
            if child.is_dir() {
                subdirs.push(child);
            } else {
                files.push(child);
            }
        }
        // Reversed so that the stack pops them in name order.
        stack.extend(subdirs.into_iter().rev());
    }
    files
}

/// Reads every file of a folder.
pub(crate) fn read_folder(root: &Path, cap: u64, emit: &mut dyn FnMut(Item)) {
    let source_name = std::path::absolute(root)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| root.display().to_string());
    for path in list_files(root, emit) {
        emit(read_document(&path, &source_name, cap));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn reads_html_text_and_gzip_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("news");
        std::fs::create_dir_all(root.join("b")).unwrap();
        std::fs::write(root.join("a.html"), b"<html><p>One.</p></html>").unwrap();
        std::fs::write(root.join("b/c.txt"), b"Two.").unwrap();
        std::fs::write(root.join("notes.md"), b"x").unwrap();
        std::fs::write(root.join(".hidden.html"), b"x").unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"Three.").unwrap();
        std::fs::write(root.join("d.txt.gz"), gz.finish().unwrap()).unwrap();

        let mut items = Vec::new();
        read_folder(&root, 1 << 20, &mut |i| items.push(i));
        let mut docs = Vec::new();
        let mut skipped = 0;
        for item in items {
            match item {
                Item::Document(d) => docs.push(d),
                Item::Skipped { .. } => skipped += 1,
                Item::Failed(e) => panic!("{e}"),
            }
        }
        assert_eq!(skipped, 1);
        assert_eq!(docs.len(), 3);
        assert!(docs[0].key.ends_with("news/a.html"));
        assert!(matches!(docs[0].body, Body::Html(_)));
        assert_eq!(docs[1].body, Body::Text("Three.".into()));
        assert_eq!(docs[2].body, Body::Text("Two.".into()));
        assert_eq!(docs[0].source_name, "news");
    }

    #[test]
    fn caps_decompressed_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bomb.txt.gz");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&vec![b'a'; 1 << 20]).unwrap();
        std::fs::write(&path, gz.finish().unwrap()).unwrap();
        let item = read_document(&path, "x", 1000);
        assert!(matches!(item, Item::Failed(IngestError::TooLarge { .. })));
    }
}
