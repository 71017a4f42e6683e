//! One module per subcommand: its arguments and its `run`.
pub mod code;
pub mod eval;
pub mod export;
pub mod extract;
pub mod html;
pub mod ingest;
pub mod input;
pub mod query;
pub mod serve;
mod table;
