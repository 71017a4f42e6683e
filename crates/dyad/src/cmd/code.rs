//! `dyad code`.
use std::process::ExitCode;

/// Arguments of `dyad code`.
#[derive(Debug, clap::Args)]
pub struct CodeArgs {}

/// Runs `dyad code`.
pub fn run(_args: CodeArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("dyad code is not built yet")
}
