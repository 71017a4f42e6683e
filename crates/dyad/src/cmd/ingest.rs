//! `dyad ingest` and `dyad watch` (being written).
use std::process::ExitCode;

/// Arguments of `dyad ingest`.
#[derive(Debug, clap::Args)]
pub struct IngestArgs {}

/// Arguments of `dyad watch`.
#[derive(Debug, clap::Args)]
pub struct WatchArgs {}

/// Runs `dyad ingest`.
pub fn run(_args: IngestArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("dyad ingest is not built yet")
}

/// Runs `dyad watch`.
pub fn run_watch(_args: WatchArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("dyad watch is not built yet")
}
