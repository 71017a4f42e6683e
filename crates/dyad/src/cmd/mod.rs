//! One module per subcommand: its arguments and its `run`.
pub mod code;
pub mod eval;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod query;
pub mod serve;
