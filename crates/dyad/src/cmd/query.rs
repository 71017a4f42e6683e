//! `dyad query`: events, pair timelines, top actors and pairs from the event
//! database, as a table, CSV or JSON.
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use clap::{Subcommand, ValueEnum};
use dyad_store::export::write_record;
use dyad_store::query::{ActorLevel, Bucket, TimelineQuery, TopQuery};
use dyad_store::{EventFilter, Store};
use serde::Serialize;

/// Arguments of `dyad query`.
#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// The event database.
    #[arg(long, global = true, default_value = "dyad.db")]
    db: PathBuf,
    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = OutputFormat::Table)]
    format: OutputFormat,
    /// What to ask.
    #[command(subcommand)]
    question: Question,
}

/// How rows are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// Aligned columns for reading.
    Table,
    /// CSV with a header.
    Csv,
    /// One JSON array of objects.
    Json,
}

#[derive(Debug, Subcommand)]
enum Question {
    /// Events for an actor, a pair, a code, a date range.
    Events {
        /// An actor on either side: a root (RUS, NAT) or a code (RUSGOV).
        #[arg(long)]
        actor: Option<String>,
        /// Source and target actors.
        #[arg(long, num_args = 2, value_names = ["SOURCE", "TARGET"])]
        pair: Option<Vec<String>>,
        /// With --pair: events in both directions.
        #[arg(long)]
        both: bool,
        /// Event code or prefix: 19 (root), 190 (base), 1951.
        #[arg(long)]
        code: Option<String>,
        /// QuadClass, 1 to 4.
        #[arg(long)]
        quad: Option<u8>,
        #[command(flatten)]
        days: DayRange,
        /// At most this many events.
        #[arg(long, default_value_t = 100)]
        limit: u64,
        /// Skip this many first.
        #[arg(long, default_value_t = 0)]
        offset: u64,
    },
    /// Events, mentions and Goldstein sums per period for a pair, by QuadClass.
    Timeline {
        /// First actor (root or code).
        a: String,
        /// Second actor (root or code).
        b: String,
        /// Count both directions (each reported separately).
        #[arg(long)]
        both: bool,
        /// Period.
        #[arg(long, value_enum, default_value_t = Period::Month)]
        by: Period,
        /// Only this event code or prefix.
        #[arg(long)]
        code: Option<String>,
        #[command(flatten)]
        days: DayRange,
    },
    /// The actors in most events.
    TopActors {
        #[command(flatten)]
        top: TopArgs,
    },
    /// The pairs with most events.
    TopPairs {
        #[command(flatten)]
        top: TopArgs,
        /// Count A→B and B→A together.
        #[arg(long)]
        undirected: bool,
    },
}

#[derive(Debug, clap::Args)]
struct DayRange {
    /// First day (YYYY-MM-DD), inclusive.
    #[arg(long)]
    from: Option<NaiveDate>,
    /// Last day (YYYY-MM-DD), inclusive.
    #[arg(long)]
    to: Option<NaiveDate>,
}

#[derive(Debug, clap::Args)]
struct TopArgs {
    /// Count full actor codes instead of roots.
    #[arg(long)]
    full_codes: bool,
    /// Only this event code or prefix.
    #[arg(long)]
    code: Option<String>,
    #[command(flatten)]
    days: DayRange,
    /// How many rows.
    #[arg(long, default_value_t = 20)]
    limit: u64,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Period {
    Day,
    Week,
    Month,
}

impl TopArgs {
    fn query(&self, undirected: bool) -> TopQuery {
        TopQuery {
            level: if self.full_codes {
                ActorLevel::Code
            } else {
                ActorLevel::Root
            },
            undirected,
            code: self.code.clone(),
            from: self.days.from,
            to: self.days.to,
            limit: self.limit,
        }
    }
}

/// Rows ready to print: typed values for JSON, text cells for tables and CSV.
struct Output<T> {
    rows: Vec<T>,
    header: &'static [&'static str],
    cells: fn(&T) -> Vec<String>,
}

/// Runs `dyad query`.
pub fn run(args: QueryArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open_read_only(&args.db)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.question {
        Question::Events {
            actor,
            pair,
            both,
            code,
            quad,
            days,
            limit,
            offset,
        } => {
            let (source, target) = match pair {
                Some(p) => (p.first().cloned(), p.get(1).cloned()),
                None => (None, None),
            };
            let filter = EventFilter {
                actor,
                source,
                target,
                both_directions: both,
                code,
                quad_class: quad,
                from: days.from,
                to: days.to,
                limit: Some(limit),
                offset: Some(offset),
            };
            let rows = store.events(&filter)?;
            print(
                &mut out,
                args.format,
                Output {
                    rows,
                    header: &[
                        "id",
                        "day",
                        "source",
                        "target",
                        "code",
                        "quad",
                        "goldstein",
                        "mentions",
                        "sources",
                        "articles",
                        "source_url",
                    ],
                    cells: |e| {
                        vec![
                            e.id.to_string(),
                            e.day.to_string(),
                            e.source.code.clone(),
                            e.target.code.clone(),
                            e.event_code.clone(),
                            e.quad_class.to_string(),
                            e.goldstein.to_string(),
                            e.num_mentions.to_string(),
                            e.num_sources.to_string(),
                            e.num_articles.to_string(),
                            e.source_url.clone().unwrap_or_default(),
                        ]
                    },
                },
            )?;
        }
        Question::Timeline {
            a,
            b,
            both,
            by,
            code,
            days,
        } => {
            let q = TimelineQuery {
                a,
                b,
                both_directions: both,
                bucket: match by {
                    Period::Day => Bucket::Day,
                    Period::Week => Bucket::Week,
                    Period::Month => Bucket::Month,
                },
                code,
                from: days.from,
                to: days.to,
            };
            let rows = store.timeline(&q)?;
            print(
                &mut out,
                args.format,
                Output {
                    rows,
                    header: &[
                        "period",
                        "source",
                        "target",
                        "quad",
                        "events",
                        "mentions",
                        "goldstein_sum",
                        "goldstein_mean",
                    ],
                    cells: |r| {
                        vec![
                            r.period.to_string(),
                            r.source.clone(),
                            r.target.clone(),
                            r.quad_class.to_string(),
                            r.events.to_string(),
                            r.mentions.to_string(),
                            format!("{:.1}", r.goldstein_sum),
                            format!("{:.2}", r.goldstein_mean),
                        ]
                    },
                },
            )?;
        }
        Question::TopActors { top } => {
            let rows = store.top_actors(&top.query(false))?;
            print(
                &mut out,
                args.format,
                Output {
                    rows,
                    header: &[
                        "actor",
                        "name",
                        "events",
                        "as_source",
                        "as_target",
                        "mentions",
                    ],
                    cells: |r| {
                        vec![
                            r.actor.clone(),
                            r.name.clone().unwrap_or_default(),
                            r.events.to_string(),
                            r.as_source.to_string(),
                            r.as_target.to_string(),
                            r.mentions.to_string(),
                        ]
                    },
                },
            )?;
        }
        Question::TopPairs { top, undirected } => {
            let rows = store.top_pairs(&top.query(undirected))?;
            print(
                &mut out,
                args.format,
                Output {
                    rows,
                    header: &[
                        "source",
                        "target",
                        "events",
                        "mentions",
                        "goldstein_sum",
                        "goldstein_mean",
                    ],
                    cells: |r| {
                        vec![
                            r.source.clone(),
                            r.target.clone(),
                            r.events.to_string(),
                            r.mentions.to_string(),
                            format!("{:.1}", r.goldstein_sum),
                            format!("{:.2}", r.goldstein_mean),
                        ]
                    },
                },
            )?;
        }
    }
    out.flush().context("writing to stdout")?;
    Ok(ExitCode::SUCCESS)
}

fn print<T: Serialize>(
    out: &mut dyn Write,
    format: OutputFormat,
    o: Output<T>,
) -> anyhow::Result<()> {
    match format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &o.rows)?;
            writeln!(out)?;
        }
        OutputFormat::Csv => {
            let mut line = String::new();
            write_record(&mut line, o.header);
            out.write_all(line.as_bytes())?;
            for r in &o.rows {
                write_record(&mut line, &(o.cells)(r));
                out.write_all(line.as_bytes())?;
            }
        }
        OutputFormat::Table => {
            let cells: Vec<Vec<String>> = o.rows.iter().map(o.cells).collect();
            write_table(out, o.header, &cells)?;
        }
    }
    Ok(())
}

/// Left-aligned columns, two spaces apart, widths in characters.
fn write_table(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> std::io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |out: &mut dyn Write, cells: &mut dyn Iterator<Item = &str>| {
        let mut s = String::new();
        for (i, (c, w)) in cells.zip(&widths).enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(c);
            s.extend(std::iter::repeat_n(' ', w - c.chars().count()));
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(out, &mut header.iter().copied())?;
    for row in rows {
        line(out, &mut row.iter().map(String::as_str))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_on_characters_and_trim_the_end() {
        let mut out = Vec::new();
        let rows = vec![
            vec!["RUS".to_string(), "Россия".to_string()],
            vec!["IGOWSTNAT".to_string(), String::new()],
        ];
        write_table(&mut out, &["actor", "name"], &rows).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "actor      name\nRUS        Россия\nIGOWSTNAT\n");
    }
}
