//! `dyad export`: the stored events, or their mentions, as GDELT 2.0 TSV, JSON
//! lines or CSV, to a file or stdout.
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use clap::ValueEnum;
use dyad_store::export::{export_events, export_mentions, ExportFormat};
use dyad_store::{EventFilter, Store};

/// Arguments of `dyad export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The event database.
    #[arg(long, default_value = "dyad.db")]
    db: PathBuf,
    /// Output format: GDELT 2.0 TSV (61 columns; 16 with --mentions), JSON lines,
    /// CSV, or Parquet (only in builds with the `parquet` feature).
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Write the mentions (one row per report of an event) instead of the events.
    #[arg(long)]
    mentions: bool,
    /// Output file (written whole, then renamed into place); stdout if absent.
    #[arg(short = 'o', long)]
    output: Option<PathBuf>,
    /// Only events on or after this day (YYYY-MM-DD).
    #[arg(long)]
    from: Option<NaiveDate>,
    /// Only events on or before this day (YYYY-MM-DD).
    #[arg(long)]
    to: Option<NaiveDate>,
    /// Only events with this actor on either side (root or code).
    #[arg(long)]
    actor: Option<String>,
    /// Only events with this code or code prefix.
    #[arg(long)]
    code: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Gdelt,
    Jsonl,
    Csv,
    Parquet,
}

/// Runs `dyad export`.
pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let format = match args.format {
        Format::Gdelt => ExportFormat::Gdelt,
        Format::Jsonl => ExportFormat::Jsonl,
        Format::Csv => ExportFormat::Csv,
        #[cfg(feature = "parquet")]
        Format::Parquet => ExportFormat::Parquet,
        #[cfg(not(feature = "parquet"))]
        Format::Parquet => anyhow::bail!(
            "this dyad was built without Parquet support (cargo feature `parquet`); \
             use --format csv or jsonl (DuckDB, pandas and Spark read both)"
        ),
    };
    let store = Store::open_read_only(&args.db)?;
    let filter = EventFilter {
        actor: args.actor,
        code: args.code,
        from: args.from,
        to: args.to,
        ..Default::default()
    };
    let what = if args.mentions { "mentions" } else { "events" };
    let write = |out: &mut dyn Write, target: &str| {
        if args.mentions {
            export_mentions(&store, &filter, format, out, target)
        } else {
            export_events(&store, &filter, format, out, target)
        }
    };
    let n = match &args.output {
        None => {
            let stdout = std::io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            write(&mut out, "stdout")?
        }
        Some(path) => write_file(path, |out| Ok(write(out, &path.display().to_string())?))?,
    };
    if let Some(path) = &args.output {
        eprintln!("dyad export: {n} {what} written to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes to a temporary file beside `path` and renames it into place, so a
/// failed or interrupted export never leaves a truncated file under the name.
fn write_file(
    path: &Path,
    f: impl FnOnce(&mut dyn Write) -> anyhow::Result<u64>,
) -> anyhow::Result<u64> {
    let mut tmp_name = path.as_os_str().to_owned();
    tmp_name.push(".partial");
    let tmp = PathBuf::from(tmp_name);
    let file = File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    let mut out = BufWriter::new(file);
    let result = f(&mut out).and_then(|n| {
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        Ok(n)
    });
    match result {
        Ok(n) => {
            std::fs::rename(&tmp, path)
                .with_context(|| format!("cannot move {} to {}", tmp.display(), path.display()))?;
            Ok(n)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e).with_context(|| format!("exporting to {}", path.display()))
        }
    }
}
