//! dyad's event coder. (Being written: API shape fixed, body pending.)
use dyad_core::{Document, Event};

/// The result of coding one document.
#[derive(Debug, Clone, Default)]
pub struct CodedDocument {
    /// The document's text after boilerplate removal; evidence offsets point into it.
    pub clean_text: String,
    /// Events found, in text order.
    pub events: Vec<Event>,
}

/// Codes documents with a loaded set of dictionaries. Cheap to share across threads.
#[derive(Debug, Clone, Default)]
pub struct Coder {}

impl Coder {
    /// A coder with the built-in dictionaries.
    pub fn builtin() -> Self {
        Coder {}
    }

    /// Codes one document.
    pub fn code(&self, doc: &Document) -> CodedDocument {
        CodedDocument { clean_text: doc.text.clone(), events: Vec::new() }
    }
}
