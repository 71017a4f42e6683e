//! `dyad extract` (being written).
use std::process::ExitCode;

/// Arguments of `dyad extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {}

/// Runs `dyad extract`.
pub fn run(_args: ExtractArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("dyad extract is not built yet")
}
