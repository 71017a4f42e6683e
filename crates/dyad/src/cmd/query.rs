//! `dyad query` (being written).
use std::process::ExitCode;

/// Arguments of `dyad query`.
#[derive(Debug, clap::Args)]
pub struct QueryArgs {}

/// Runs `dyad query`.
pub fn run(_args: QueryArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("dyad query is not built yet")
}
