//! Errors: [`Error`] for starting the server, [`ApiError`] for answering a request.
use std::path::PathBuf;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// Why the server could not start or a query could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The database file could not be opened read-only.
    #[error("cannot open the event database {path}")]
    Open {
        /// The file given with `--db`.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// The file opened but has no dyad schema.
    #[error("{path} is not a dyad event database (no events table)")]
    NotADatabase {
        /// The file given with `--db`.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// A query failed.
    #[error("database query failed")]
    Query(#[from] rusqlite::Error),
    /// The events could not be read into the aggregate at start.
    #[error("cannot read the events of {path}: {message}")]
    Load {
        /// The file given with `--db`.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The address could not be bound.
    #[error("cannot listen on {addr}")]
    Bind {
        /// The address asked for.
        addr: String,
        /// What the OS said.
        source: std::io::Error,
    },
    /// Serving stopped on an I/O error.
    #[error("server stopped")]
    Serve(#[source] std::io::Error),
}

/// Crate-wide result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error answer of the JSON API: `{"error": "...", "parameter": "..."}`.
#[derive(Debug)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// What went wrong, for a person.
    pub message: String,
    /// The query or path parameter at fault, for a 400.
    pub parameter: Option<String>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parameter: Option<&'a str>,
}

impl ApiError {
    /// A 400 that names the parameter and says why it is wrong.
    pub fn bad_parameter(parameter: &str, message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
            parameter: Some(parameter.to_string()),
        }
    }

    /// A 404 for a missing event, document or page.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::status(StatusCode::NOT_FOUND, message)
    }

    /// Any other status with a message.
    pub fn status(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
            parameter: None,
        }
    }
}

impl From<Error> for ApiError {
    fn from(err: Error) -> Self {
        let cause = std::error::Error::source(&err)
            .map(|e| e.to_string())
            .unwrap_or_default();
        tracing::error!(error = %err, cause = %cause, "Request failed.");
        Self::status(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error: the database query failed",
        )
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(err: rusqlite::Error) -> Self {
        Error::Query(err).into()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: &self.message,
            parameter: self.parameter.as_deref(),
        };
        let mut resp = (self.status, Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            resp.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        resp
    }
}
