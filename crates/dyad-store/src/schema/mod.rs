//! The database schema: SQL migration files, applied in order, the version kept in
//! SQLite's `PRAGMA user_version`.
//!
//! To change the schema, add `migrations/NNNN_what.sql` and a line to [`MIGRATIONS`];
//! never edit a migration that has shipped.
pub(crate) mod migrate;

pub(crate) use migrate::migrate;

/// One schema step: the SQL that takes a database from `version - 1` to `version`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Migration {
    /// Schema version after this step (1-based, consecutive).
    pub version: u32,
    /// File name under `migrations/`, for error messages.
    pub file: &'static str,
    /// The SQL itself.
    pub sql: &'static str,
}

/// Every migration, oldest first.
pub(crate) const MIGRATIONS: &[Migration] = &[Migration {
    version: 1,
    file: "0001_init.sql",
    sql: include_str!("../../migrations/0001_init.sql"),
}];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS[MIGRATIONS.len() - 1].version;
