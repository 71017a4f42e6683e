//! Loading the dictionaries: the built-in data files under `dict/`, plus a user's
//! directory of the same files (`--dict DIR`) whose rows are added on top.
//!
//! This module only reads rows; each stage compiles the rows it needs
//! ([`crate::actors::ActorIndex`], [`crate::patterns::PatternSet`], ...).
use std::path::{Path, PathBuf};

use crate::error::DictError;

/// One dictionary file's name and text.
#[derive(Debug, Clone)]
pub struct DictFile {
    /// Path relative to the dictionary root (`actors/countries.tsv`).
    pub name: &'static str,
    /// Where it was read from, for error messages.
    pub origin: String,
    /// The file's text.
    pub text: String,
}

/// Every dictionary file dyad reads, relative to the dictionary root.
pub const FILES: &[&str] = &[
    "actors/countries.tsv",
    "actors/organisations.tsv",
    "actors/roles.tsv",
    "actors/people.tsv",
    "actors/places.tsv",
    "events/patterns.tsv",
    "text/irregular_verbs.tsv",
    "text/modality.tsv",
    "text/appraisal.tsv",
    "text/boilerplate.tsv",
];

fn builtin_text(name: &str) -> &'static str {
    match name {
        "actors/countries.tsv" => include_str!("../../../dict/actors/countries.tsv"),
        "actors/organisations.tsv" => include_str!("../../../dict/actors/organisations.tsv"),
        "actors/roles.tsv" => include_str!("../../../dict/actors/roles.tsv"),
        "actors/people.tsv" => include_str!("../../../dict/actors/people.tsv"),
        "actors/places.tsv" => include_str!("../../../dict/actors/places.tsv"),
        "events/patterns.tsv" => include_str!("../../../dict/events/patterns.tsv"),
        "text/irregular_verbs.tsv" => include_str!("../../../dict/text/irregular_verbs.tsv"),
        "text/modality.tsv" => include_str!("../../../dict/text/modality.tsv"),
        "text/appraisal.tsv" => include_str!("../../../dict/text/appraisal.tsv"),
        "text/boilerplate.tsv" => include_str!("../../../dict/text/boilerplate.tsv"),
        _ => "",
    }
}

/// The raw dictionary files: the built-in ones, then any user directories in order.
#[derive(Debug, Clone)]
pub struct Dictionaries {
    files: Vec<DictFile>,
}

impl Dictionaries {
    /// The dictionaries compiled into dyad.
    pub fn builtin() -> Self {
        let files = FILES
            .iter()
            .map(|&name| DictFile {
                name,
                origin: format!("built-in dict/{name}"),
                text: builtin_text(name).to_string(),
            })
            .collect();
        Dictionaries { files }
    }

    /// Adds the files found in `dir` (any subset of [`FILES`]). A directory holding
    /// none of them is an error: it is almost certainly a wrong path.
    pub fn with_dir(mut self, dir: &Path) -> Result<Self, DictError> {
        if !dir.is_dir() {
            return Err(DictError::NotADirectory(dir.to_path_buf()));
        }
        let mut found = 0;
        for &name in FILES {
            let path: PathBuf = dir.join(name);
            let flat = dir.join(Path::new(name).file_name().unwrap_or_default());
            let path = if path.is_file() { path } else { flat };
            if !path.is_file() {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|source| DictError::Io {
                path: path.clone(),
                source,
            })?;
            found += 1;
            self.files.push(DictFile {
                name,
                origin: path.display().to_string(),
                text,
            });
        }
        if found == 0 {
            return Err(DictError::NoFiles(dir.to_path_buf()));
        }
        Ok(self)
    }

    /// The files named `name`, built-in first.
    pub fn files(&self, name: &str) -> impl Iterator<Item = &DictFile> {
        let name = name.to_string();
        self.files.iter().filter(move |f| f.name == name)
    }

    /// Every data row of the files named `name`: (origin, 1-based line, cells).
    /// Comment lines (`#`), blank lines and each file's header row are skipped.
    pub fn rows(&self, name: &str) -> Vec<Row<'_>> {
        let mut out = Vec::new();
        for f in self.files(name) {
            let mut header_seen = false;
            for (i, line) in f.text.lines().enumerate() {
                let trimmed = line.trim();
                if trimmed.is_empty() || trimmed.starts_with('#') {
                    header_seen = true;
                    continue;
                }
                if !header_seen {
                    // A header row without '#': its first cell is a column name.
                    header_seen = true;
                    if is_header(line) {
                        continue;
                    }
                }
                out.push(Row {
                    origin: &f.origin,
                    line: i + 1,
                    cells: line.split('\t').map(str::trim).collect(),
                });
            }
        }
        out
    }
}

fn is_header(line: &str) -> bool {
    let first = line.split('\t').next().unwrap_or("").trim();
    matches!(first, "code" | "phrase" | "names" | "kind" | "lemma")
}

/// One data row of a dictionary file.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    /// Where the row comes from.
    pub origin: &'a str,
    /// 1-based line number.
    pub line: usize,
    /// Its cells, trimmed.
    pub cells: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// Cell `i`, or "" when the row is shorter.
    pub fn cell(&self, i: usize) -> &'a str {
        self.cells.get(i).copied().unwrap_or("")
    }

    /// The `|`-separated items of cell `i`, blanks dropped.
    pub fn list(&self, i: usize) -> impl Iterator<Item = &'a str> {
        self.cell(i)
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    /// An error about this row.
    pub fn error(&self, message: impl Into<String>) -> DictError {
        DictError::BadRow {
            origin: self.origin.to_string(),
            line: self.line,
            message: message.into(),
        }
    }
}
