//! dyad's dashboard and JSON API over the event database (`dyad serve`).
//!
//! - [`api`]: the JSON API under `/api`, described by `openapi.json` (served at
//!   `/api/openapi.json`).
//! - [`pages`]: server-rendered HTML (askama, escaped by default) and the vendored
//!   uPlot chart library, embedded in the binary: pages need nothing outside the
//!   machine.
//! - [`aggregate`]: an in-memory per-day aggregate that makes a pair's timeline
//!   answer in milliseconds over millions of events.
//! - Reads use read-only SQLite connections ([`db`]); the only write path is
//!   `POST /api/ingest`, off unless a token is configured, and done by the
//!   [`Ingest`] the caller wires in.
//!
//! ```no_run
//! # async fn demo() -> Result<(), dyad_server::Error> {
//! let config = dyad_server::ServerConfig::new("events.db".into());
//! let server = dyad_server::Server::bind(config).await?;
//! println!("listening on http://{}", server.local_addr());
//! server.run(std::future::pending()).await
//! # }
//! ```
#![deny(missing_docs)]

pub mod aggregate;
pub mod api;
pub mod db;
pub mod error;
pub mod ingest;
pub mod model;
pub mod pages;
pub mod params;
pub mod query;
pub mod timeline;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub use aggregate::Aggregate;
pub use db::ReadPool;
pub use error::{ApiError, Error, Result};
pub use ingest::{Ingest, IngestReport};

/// How to start the server.
#[derive(Clone)]
pub struct ServerConfig {
    /// The event database (opened read-only).
    pub db: PathBuf,
    /// Address to listen on; port 0 picks a free one.
    pub bind: SocketAddr,
    /// Token that `POST /api/ingest` requires; none turns ingest off.
    pub ingest_token: Option<String>,
    /// What codes and stores ingested documents; none answers 501.
    pub ingestor: Option<Arc<dyn Ingest>>,
}

impl ServerConfig {
    /// Serves `db` on 127.0.0.1:8080 with ingest off.
    pub fn new(db: PathBuf) -> Self {
        ServerConfig {
            db,
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            ingest_token: None,
            ingestor: None,
        }
    }
}

impl std::fmt::Debug for ServerConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerConfig")
            .field("db", &self.db)
            .field("bind", &self.bind)
            .field("ingest_token", &self.ingest_token.as_ref().map(|_| "<set>"))
            .field("ingestor", &self.ingestor.is_some())
            .finish()
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// Read-only connections.
    pub pool: ReadPool,
    /// The per-day aggregate.
    pub agg: Arc<Aggregate>,
    /// Token for ingest.
    pub ingest_token: Option<String>,
    /// Ingest implementation.
    pub ingestor: Option<Arc<dyn Ingest>>,
}

impl AppState {
    /// Refreshes the aggregate if due, then runs `f` on it, on a blocking thread.
    pub async fn fresh<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Aggregate) -> Result<T, ApiError> + Send + 'static,
    {
        let agg = self.agg.clone();
        self.pool
            .run(move |c| {
                agg.refresh(c, false)?;
                f(&agg)
            })
            .await
    }
}

/// Content-Security-Policy of every answer: scripts and styles only from this
/// server, no inline script, no plugins, no framing. A script injected through
/// news text could not run even if escaping failed.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The whole application: API, pages and static files.
pub fn router(state: AppState) -> Router {
    let mut app = Router::new();
    for (_, path, handler) in api::routes() {
        app = app.route(path, handler);
    }
    app.merge(pages::routes())
        .fallback(pages::not_found)
        .with_state(state)
        .layer(DefaultBodyLimit::max(ingest::MAX_BODY))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
}

/// A bound, ready server.
pub struct Server {
    listener: tokio::net::TcpListener,
    app: Router,
}

impl Server {
    /// Opens the database, loads the aggregate and binds the address.
    pub async fn bind(config: ServerConfig) -> Result<Server> {
        let pool = ReadPool::open(&config.db)?;
        let agg = Arc::new(Aggregate::new());
        let loaded = {
            let agg = agg.clone();
            pool.run(move |c| agg.refresh(c, true))
                .await
                .map_err(|e| Error::Load {
                    path: config.db.clone(),
                    message: e.message,
                })?
        };
        tracing::info!(events = loaded, db = %config.db.display(), "Loaded the event aggregate.");
        let state = AppState {
            pool,
            agg,
            ingest_token: config.ingest_token,
            ingestor: config.ingestor,
        };
        let listener = tokio::net::TcpListener::bind(config.bind)
            .await
            .map_err(|source| Error::Bind {
                addr: config.bind.to_string(),
                source,
            })?;
        Ok(Server {
            listener,
            app: router(state),
        })
    }

    /// The address actually bound (the real port when 0 was asked).
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Serves until `shutdown` completes.
    pub async fn run(self, shutdown: impl Future<Output = ()> + Send + 'static) -> Result<()> {
        axum::serve(self.listener, self.app)
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(Error::Serve)
    }
}
