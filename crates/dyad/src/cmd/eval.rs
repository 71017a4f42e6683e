//! `dyad eval`.
use std::process::ExitCode;

/// Arguments of `dyad eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {}

/// Runs `dyad eval`.
pub fn run(_args: EvalArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("dyad eval is not built yet")
}
