//! `dyad serve` (being written).
use std::process::ExitCode;

/// Arguments of `dyad serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {}

/// Runs `dyad serve`.
pub fn run(_args: ServeArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("dyad serve is not built yet")
}
