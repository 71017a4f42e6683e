//! Applies pending migrations, each in its own transaction together with the new
//! `user_version`, so a crash leaves the database at a whole version.
use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use super::{Migration, MIGRATIONS, SCHEMA_VERSION};
use crate::error::{AtPath, Result, StoreError};

/// Brings the database up to [`SCHEMA_VERSION`] and returns the version it had.
///
/// Two processes opening a new file at once are safe: the version is read again
/// inside an immediate (write-locking) transaction before each step.
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<u32> {
    let before = user_version(conn, path)?;
    check_not_newer(before, path)?;
    for m in MIGRATIONS.iter().filter(|m| m.version > before) {
        apply(conn, path, m)?;
    }
    Ok(before)
}

/// Reads `PRAGMA user_version`.
pub(crate) fn user_version(conn: &Connection, path: &Path) -> Result<u32> {
    conn.pragma_query_value(None, "user_version", |r| r.get::<_, u32>(0))
        .at(path)
}

fn check_not_newer(found: u32, path: &Path) -> Result<()> {
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            known: SCHEMA_VERSION,
        });
    }
    Ok(())
}

fn apply(conn: &mut Connection, path: &Path, m: &Migration) -> Result<()> {
    let fail = |source| StoreError::Migrate {
        path: path.to_path_buf(),
        version: m.version,
        file: m.file,
        source,
    };
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(fail)?;
    let current = tx
        .pragma_query_value(None, "user_version", |r| r.get::<_, u32>(0))
        .map_err(fail)?;
    if current >= m.version {
        // Another process got here first.
        return Ok(());
    }
    tx.execute_batch(m.sql).map_err(fail)?;
    tx.pragma_update(None, "user_version", m.version)
        .map_err(fail)?;
    tx.commit().map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_consecutive_from_one() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version as usize, i + 1, "{}", m.file);
            assert!(m.file.starts_with(&format!("{:04}_", m.version)));
        }
    }

    #[test]
    fn migrating_twice_is_a_no_op() {
        let mut conn = Connection::open_in_memory().unwrap();
        let p = Path::new(":memory:");
        assert_eq!(migrate(&mut conn, p).unwrap(), 0);
        assert_eq!(migrate(&mut conn, p).unwrap(), SCHEMA_VERSION);
        assert_eq!(user_version(&conn, p).unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn a_newer_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        let err = migrate(&mut conn, Path::new("x.db")).unwrap_err();
        assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
        assert!(err.to_string().contains("x.db"));
    }
}
