//! `POST /api/ingest`: documents in over HTTP, guarded by a bearer token.
//!
//! The server does not code or store documents itself: whoever starts it (the
//! `dyad` binary) hands it an [`Ingest`] that runs the coder and the store, so this
//! crate depends on neither and editing the coder does not rebuild the server.
use axum::http::{HeaderMap, StatusCode};
use dyad_core::Document;
use serde::Serialize;

use crate::error::ApiError;

/// Codes and stores documents. Called on a blocking thread.
pub trait Ingest: Send + Sync + 'static {
    /// Codes and stores `docs`, each in its own transaction.
    fn ingest(&self, docs: &[Document]) -> Result<IngestReport, String>;
}

/// What an ingest did.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct IngestReport {
    /// Documents stored.
    pub documents: usize,
    /// Documents already stored (same key or same text), skipped.
    pub duplicates: usize,
    /// Events coded from the stored documents.
    pub events: usize,
}

/// Most documents one request may carry.
pub const MAX_DOCUMENTS: usize = 1000;
/// Largest request body, in bytes.
pub const MAX_BODY: usize = 16 * 1024 * 1024;

/// Checks the `Authorization: Bearer` header against the configured token.
/// Without a token, ingest is off.
pub fn authorize(token: Option<&str>, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = token else {
        return Err(ApiError::status(
            StatusCode::FORBIDDEN,
            "ingest is off: start `dyad serve` with --ingest-token or DYAD_INGEST_TOKEN to turn it on",
        ));
    };
    let given = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(|| {
            ApiError::status(
                StatusCode::UNAUTHORIZED,
                "missing `Authorization: Bearer TOKEN` header",
            )
        })?;
    if !constant_time_eq(given.trim().as_bytes(), token.as_bytes()) {
        return Err(ApiError::status(
            StatusCode::UNAUTHORIZED,
            "wrong ingest token",
        ));
    }
    Ok(())
}

/// Compares without stopping at the first difference, so response time does not
/// tell how much of a guessed token was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Parses a JSON-lines body of `{id, text, title?, date?, url?}` objects.
pub fn parse_body(body: &str) -> Result<Vec<Document>, ApiError> {
    let mut docs = Vec::new();
    for (i, line) in body.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let doc: Document = serde_json::from_str(line).map_err(|e| {
            ApiError::bad_parameter(
                "body",
                format!(
                    "line {}: not a document ({{id, text, title?, date?, url?}}): {e}",
                    i + 1
                ),
            )
        })?;
        if doc.id.trim().is_empty() || doc.text.trim().is_empty() {
            return Err(ApiError::bad_parameter(
                "body",
                format!("line {}: `id` and `text` must not be empty", i + 1),
            ));
        }
        docs.push(doc);
        if docs.len() > MAX_DOCUMENTS {
            return Err(ApiError::bad_parameter(
                "body",
                format!("more than {MAX_DOCUMENTS} documents in one request"),
            ));
        }
    }
    if docs.is_empty() {
        return Err(ApiError::bad_parameter(
            "body",
            "no documents: send JSON lines of {id, text, title?, date?, url?}",
        ));
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_rules() {
        let mut h = HeaderMap::new();
        assert_eq!(
            authorize(None, &h).unwrap_err().status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            authorize(Some("s3cret"), &h).unwrap_err().status,
            StatusCode::UNAUTHORIZED
        );
        h.insert("authorization", "Bearer nope".parse().unwrap());
        assert_eq!(
            authorize(Some("s3cret"), &h).unwrap_err().status,
            StatusCode::UNAUTHORIZED
        );
        h.insert("authorization", "Bearer s3cret".parse().unwrap());
        assert!(authorize(Some("s3cret"), &h).is_ok());
    }

    #[test]
    fn body_lines_name_their_line() {
        let e = parse_body("{\"id\":\"a\",\"text\":\"x\"}\n{oops}\n").unwrap_err();
        assert!(e.message.starts_with("line 2"), "{}", e.message);
        assert_eq!(
            parse_body("{\"id\":\"a\",\"text\":\"x\",\"date\":\"2024-03-05\"}")
                .unwrap()
                .len(),
            1
        );
    }
}
