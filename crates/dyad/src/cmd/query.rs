//! `dyad query`: events, pair timelines, top actors and pairs from the event
//! database, as a table, CSV or JSON.
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use clap::{Subcommand, ValueEnum};
use dyad_store::query::{
    ActorCount, ActorLevel, Bucket, PairCount, TimelineQuery, TimelineRow, TopQuery,
};
use dyad_store::{EventFilter, EventRecord, Store};

use super::table::{print, OutputFormat, TableRow};

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

#[derive(Debug, Subcommand)]
enum Question {
    /// Events for an actor, a pair, a code, a date range.
    Events(EventsArgs),
    /// Events, mentions and Goldstein sums per period for a pair, by QuadClass.
    Timeline(TimelineArgs),
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
struct EventsArgs {
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
}

#[derive(Debug, clap::Args)]
struct TimelineArgs {
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

impl EventsArgs {
    fn filter(self) -> EventFilter {
        let (source, target) = match self.pair {
            Some(pair) => (pair.first().cloned(), pair.get(1).cloned()),
            None => (None, None),
        };
        EventFilter {
            actor: self.actor,
            source,
            target,
            both_directions: self.both,
            code: self.code,
            quad_class: self.quad,
            from: self.days.from,
            to: self.days.to,
            limit: Some(self.limit),
            offset: Some(self.offset),
        }
    }
}

impl TimelineArgs {
    fn query(self) -> TimelineQuery {
        TimelineQuery {
            a: self.a,
            b: self.b,
            both_directions: self.both,
            bucket: match self.by {
                Period::Day => Bucket::Day,
                Period::Week => Bucket::Week,
                Period::Month => Bucket::Month,
            },
            code: self.code,
            from: self.days.from,
            to: self.days.to,
        }
    }
}

/// Runs `dyad query`.
pub fn run(args: QueryArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open_read_only(&args.db)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let format = args.format;
    match args.question {
        Question::Events(events) => print(&mut out, format, &store.events(&events.filter())?)?,
        Question::Timeline(timeline) => {
            print(&mut out, format, &store.timeline(&timeline.query())?)?
        }
        Question::TopActors { top } => {
            print(&mut out, format, &store.top_actors(&top.query(false))?)?
        }
        Question::TopPairs { top, undirected } => {
            print(&mut out, format, &store.top_pairs(&top.query(undirected))?)?
        }
    }
    out.flush().context("writing to stdout")?;
    Ok(ExitCode::SUCCESS)
}

impl TableRow for EventRecord {
    const HEADER: &'static str =
        "id,day,source,target,code,quad,goldstein,mentions,sources,articles,source_url";
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.day.to_string(),
            self.source.code.clone(),
            self.target.code.clone(),
            self.event_code.clone(),
            self.quad_class.to_string(),
            self.goldstein.to_string(),
            self.num_mentions.to_string(),
            self.num_sources.to_string(),
            self.num_articles.to_string(),
            self.source_url.clone().unwrap_or_default(),
        ]
    }
}

impl TableRow for TimelineRow {
    const HEADER: &'static str =
        "period,source,target,quad,events,mentions,goldstein_sum,goldstein_mean";
    fn cells(&self) -> Vec<String> {
        let mut cells = vec![
            self.period.to_string(),
            self.source.clone(),
            self.target.clone(),
            self.quad_class.to_string(),
        ];
        cells.extend(totals_cells(&pair_count_of_period(self)));
        cells
    }
}

impl TableRow for ActorCount {
    const HEADER: &'static str = "actor,name,events,as_source,as_target,mentions";
    fn cells(&self) -> Vec<String> {
        vec![
            self.actor.clone(),
            self.name.clone().unwrap_or_default(),
            self.events.to_string(),
            self.as_source.to_string(),
            self.as_target.to_string(),
            self.mentions.to_string(),
        ]
    }
}

impl TableRow for PairCount {
    const HEADER: &'static str = "source,target,events,mentions,goldstein_sum,goldstein_mean";
    fn cells(&self) -> Vec<String> {
        let mut cells = vec![self.source.clone(), self.target.clone()];
        cells.extend(totals_cells(self));
        cells
    }
}

/// A timeline row counts, for one period and QuadClass, what a top pair counts
/// overall; seen as a pair count, it shows its totals as top pairs do.
fn pair_count_of_period(row: &TimelineRow) -> PairCount {
    PairCount {
        source: row.source.clone(),
        target: row.target.clone(),
        events: row.events,
        mentions: row.mentions,
        goldstein_sum: row.goldstein_sum,
        goldstein_mean: row.goldstein_mean,
    }
}

/// One decimal for Goldstein sums and two for means: finer digits are noise on
/// a scale of -10 to +10.
fn totals_cells(pair: &PairCount) -> [String; 4] {
    [
        pair.events.to_string(),
        pair.mentions.to_string(),
        format!("{:.1}", pair.goldstein_sum),
        format!("{:.2}", pair.goldstein_mean),
    ]
}
