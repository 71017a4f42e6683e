//! The `dyad` command: news in, CAMEO-coded political events out.
//!
//! Exit codes: 0 success; 1 the run finished but some inputs failed (each reported on
//! stderr); 2 the run failed as a whole (bad arguments, unreadable input, no database).
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;

/// Who did what to whom, when: news in, CAMEO-coded political events out.
#[derive(Debug, Parser)]
#[command(name = "dyad", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Code events in articles (text, HTML or JSON lines) and print them.
    Code(cmd::code::CodeArgs),
    /// Score coded events against gold annotations.
    Eval(cmd::eval::EvalArgs),
    /// Extract the article (text, title, date) from web pages.
    Extract(cmd::extract::ExtractArgs),
    /// Read feeds, pages, WARC files, folders or JSON lines into the event database.
    Ingest(cmd::ingest::IngestArgs),
    /// Poll feeds on a schedule and ingest what is new.
    Watch(cmd::ingest::WatchArgs),
    /// Ask the event database: events, pair timelines, top actors.
    Query(cmd::query::QueryArgs),
    /// Write the stored events as GDELT TSV, JSON lines, CSV or Parquet.
    Export(cmd::export::ExportArgs),
    /// Serve the dashboard and the JSON API.
    Serve(cmd::serve::ServeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(a) => cmd::code::run(a),
        Command::Eval(a) => cmd::eval::run(a),
        Command::Extract(a) => cmd::extract::run(a),
        Command::Ingest(a) => cmd::ingest::run(a),
        Command::Watch(a) => cmd::ingest::run_watch(a),
        Command::Query(a) => cmd::query::run(a),
        Command::Export(a) => cmd::export::run(a),
        Command::Serve(a) => cmd::serve::run(a),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("dyad: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// A closed pipe (`dyad code … | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
