//! `dyad eval`: accuracy against gold annotations.
use std::collections::HashMap;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use dyad_eval::{load_gold, read_triples, render, Scorer, Triple};

use crate::cmd::code::load_coder;
use crate::cmd::input::{DocumentReader, InputKind, DEFAULT_MAX_DOC_BYTES};

/// Arguments of `dyad eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Gold file: `gold.jsonl` (one document a line) or a single `gold.json`.
    #[arg(long)]
    pub gold: PathBuf,
    /// Code these documents (JSON lines, or one text file for a single-document
    /// gold) and score the result.
    #[arg(long, conflicts_with = "events")]
    pub items: Option<PathBuf>,
    /// Score these already coded events (`dyad code` JSON lines).
    #[arg(long)]
    pub events: Option<PathBuf>,
    /// Publication date for a text item without one (YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<String>,
    /// Extra dictionary directory (repeatable).
    #[arg(long = "dict", value_name = "DIR")]
    pub dicts: Vec<PathBuf>,
    /// List each document's misses, false alarms and forbidden events.
    #[arg(long)]
    pub details: bool,
}

/// Runs `dyad eval`.
pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let gold = load_gold(&args.gold)?;
    let output: HashMap<String, Vec<Triple>> = match (&args.items, &args.events) {
        (Some(items), _) => code_items(&args, items, &gold)?,
        (None, Some(events)) => {
            let f = std::fs::File::open(events).with_context(|| events.display().to_string())?;
            read_triples(BufReader::new(f)).with_context(|| events.display().to_string())?
        }
        (None, None) => bail!("give --items to code and score, or --events to score coded events"),
    };
    let mut scorer = Scorer::default();
    for g in &gold {
        let out = output.get(&g.doc_id).map(Vec::as_slice).unwrap_or(&[]);
        scorer.add(g, out);
    }
    print!("{}", render(&scorer, args.details));
    Ok(ExitCode::SUCCESS)
}

fn code_items(
    args: &EvalArgs,
    items: &Path,
    gold: &[dyad_eval::Gold],
) -> anyhow::Result<HashMap<String, Vec<Triple>>> {
    let coder = load_coder(&args.dicts)?;
    let date = match &args.date {
        Some(d) => Some(
            dyad_core::parse_day(d).with_context(|| format!("--date {d:?} is not YYYY-MM-DD"))?,
        ),
        None => None,
    };
    let mut out: HashMap<String, Vec<Triple>> = HashMap::new();
    for doc in DocumentReader::open(items, InputKind::Auto, date, DEFAULT_MAX_DOC_BYTES)? {
        let mut doc = doc?;
        // A single text article scored against a single-document gold takes its id.
        if gold.len() == 1 && items.extension().is_none_or(|e| e != "jsonl") {
            doc.id = gold[0].doc_id.clone();
        }
        let coded = coder.code(&doc);
        let entry = out.entry(doc.id.clone()).or_default();
        for e in coded.events {
            if let (Some(s), Some(t)) = (e.source.root(), e.target.root()) {
                entry.push(Triple::new(s, t, &e.root_code));
            }
        }
    }
    Ok(out)
}
