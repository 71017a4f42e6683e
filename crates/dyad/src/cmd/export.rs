//! `dyad export` (being written).
use std::process::ExitCode;

/// Arguments of `dyad export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {}

/// Runs `dyad export`.
pub fn run(_args: ExportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("dyad export is not built yet")
}
