//! `dyad code`: articles in, coded events out.
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use dyad_coder::{Coder, Dictionaries};
use dyad_core::gdelt::{event_row, write_row, EventRow, RowContext};
use dyad_core::{parse_day, Document, Event};

use crate::cmd::input::{self, InputKind};

/// Output formats of `dyad code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON object per event.
    Jsonl,
    /// GDELT 2.0 event rows (61 tab-separated columns).
    Gdelt,
}

/// Arguments of `dyad code`.
#[derive(Debug, clap::Args)]
pub struct CodeArgs {
    /// Input files; `-` (the default) reads standard input.
    #[arg(default_value = "-")]
    pub files: Vec<PathBuf>,
    /// What the input is; `auto` goes by the file extension (.jsonl, .html, else text).
    #[arg(long, value_enum, default_value_t = InputKind::Auto)]
    pub input: InputKind,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    pub output: OutputFormat,
    /// Extra dictionary directory, added on top of the built-in one (repeatable).
    #[arg(long = "dict", value_name = "DIR")]
    pub dicts: Vec<PathBuf>,
    /// Publication date of text and HTML input (YYYY-MM-DD), to anchor relative dates.
    #[arg(long, value_parser = parse_date_arg)]
    pub date: Option<chrono::NaiveDate>,
    /// Documents larger than this many bytes are refused with an error.
    #[arg(long, default_value_t = input::DEFAULT_MAX_DOC_BYTES)]
    pub max_doc_bytes: usize,
}

fn parse_date_arg(s: &str) -> Result<chrono::NaiveDate, String> {
    parse_day(s).ok_or_else(|| format!("{s:?} is not a date (YYYY-MM-DD)"))
}

/// Builds the coder from the built-in dictionaries and any `--dict` directories.
pub fn load_coder(dirs: &[PathBuf]) -> anyhow::Result<Coder> {
    let mut dicts = Dictionaries::builtin();
    for d in dirs {
        dicts = dicts.with_dir(d)?;
    }
    Ok(Coder::new(&dicts)?)
}

/// Runs `dyad code`.
pub fn run(args: CodeArgs) -> anyhow::Result<ExitCode> {
    let coder = load_coder(&args.dicts)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failures = 0usize;
    let mut documents = 0usize;
    let mut next_id = 1u64;
    let date_added = chrono::Utc::now();
    for file in &args.files {
        let reader = input::DocumentReader::open(file, args.input, args.date, args.max_doc_bytes);
        let reader = match reader {
            Ok(r) => r,
            Err(e) => {
                eprintln!("dyad: {e:#}");
                failures += 1;
                continue;
            }
        };
        for item in reader {
            match item {
                Ok(doc) => {
                    documents += 1;
                    let coded = coder.code(&doc);
                    write_events(
                        &mut out,
                        &coded.events,
                        args.output,
                        &doc,
                        &mut next_id,
                        date_added,
                    )?;
                }
                Err(e) => {
                    eprintln!("dyad: {e:#}");
                    failures += 1;
                }
            }
        }
    }
    out.flush()?;
    Ok(if failures == 0 {
        ExitCode::SUCCESS
    } else if documents == 0 {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    })
}

fn write_events(
    out: &mut impl Write,
    events: &[Event],
    format: OutputFormat,
    doc: &Document,
    next_id: &mut u64,
    date_added: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    let mut line = String::new();
    for e in events {
        match format {
            OutputFormat::Jsonl => {
                serde_json::to_writer(&mut *out, e)?;
                out.write_all(b"\n")?;
            }
            OutputFormat::Gdelt => {
                let url = doc.url.as_deref().unwrap_or(&doc.id);
                let ctx = RowContext {
                    global_id: *next_id,
                    counts: (1, 1, 1),
                    date_added,
                    source_url: url,
                };
                *next_id += 1;
                write_row(&mut line, &event_row(&EventRow::coded(e, &ctx)));
                out.write_all(line.as_bytes())?;
            }
        }
    }
    Ok(())
}
