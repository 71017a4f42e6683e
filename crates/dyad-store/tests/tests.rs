//! Integration tests of dyad-store, one binary: deduplication, crash safety,
//! queries and exports, each in its own module.
mod concurrent;
mod crash;
mod dedup;
mod export;
mod props;
mod query;
mod util;
