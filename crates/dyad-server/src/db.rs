//! Read-only SQLite connections, used from tokio through `spawn_blocking`.
//!
//! The server never writes through these: they are opened with
//! `SQLITE_OPEN_READ_ONLY` and `PRAGMA query_only`, so a bug in a query cannot
//! change the analysts' data. Writes (POST /api/ingest) go through [`crate::Ingest`].
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::{ApiError, Error, Result};

/// A small pool of read-only connections to one database file.
#[derive(Debug, Clone)]
pub struct ReadPool {
    inner: Arc<PoolInner>,
}

#[derive(Debug)]
struct PoolInner {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    max_idle: usize,
}

impl ReadPool {
    /// Opens one connection to check the file is a dyad database, and keeps it.
    pub fn open(path: &Path) -> Result<Self> {
        let conn = open_read_only(path)?;
        conn.query_row(
            "SELECT count(*) FROM (SELECT 1 FROM events LIMIT 1)",
            [],
            |_| Ok(()),
        )
        .map_err(|source| Error::NotADatabase {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(ReadPool {
            inner: Arc::new(PoolInner {
                path: path.to_path_buf(),
                idle: Mutex::new(vec![conn]),
                max_idle: 8,
            }),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// Runs `f` on a pooled connection on tokio's blocking threads.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, ApiError> + Send + 'static,
    {
        let pool = self.clone();
        tokio::task::spawn_blocking(move || pool.run_blocking(f))
            .await
            .map_err(|e| {
                ApiError::status(
                    axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                    format!("query task failed: {e}"),
                )
            })?
    }

    /// Runs `f` on a pooled connection on the current thread.
    pub fn run_blocking<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let conn = self.inner.idle.lock().expect("pool lock").pop();
        let conn = match conn {
            Some(c) => c,
            None => open_read_only(&self.inner.path).map_err(ApiError::from)?,
        };
        let out = f(&conn);
        let mut idle = self.inner.idle.lock().expect("pool lock");
        if idle.len() < self.inner.max_idle {
            idle.push(conn);
        }
        out
    }
}

fn open_read_only(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let open_err = |source| Error::Open {
        path: path.to_path_buf(),
        source,
    };
    let conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
    conn.busy_timeout(Duration::from_secs(5))
        .map_err(open_err)?;
    conn.pragma_update(None, "query_only", true)
        .map_err(open_err)?;
    conn.set_prepared_statement_cache_capacity(32);
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pooled_connections_cannot_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let rw = Connection::open(&path).unwrap();
        rw.execute_batch(
            "CREATE TABLE events (id INTEGER PRIMARY KEY); INSERT INTO events VALUES (1);",
        )
        .unwrap();
        drop(rw);
        let pool = ReadPool::open(&path).unwrap();
        let n: i64 = pool
            .run_blocking(|c| Ok(c.query_row("SELECT count(*) FROM events", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(n, 1);
        assert!(pool
            .run_blocking(|c| Ok(c.execute("DELETE FROM events", [])?))
            .is_err());
        assert!(ReadPool::open(&dir.path().join("missing.db")).is_err());
    }
}
