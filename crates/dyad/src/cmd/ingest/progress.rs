//! The progress bar (stderr, only on a terminal) and the log subscriber (text or
//! JSON on stderr), which prints above the bar without tearing it.
use std::io::{IsTerminal, Write};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::EnvFilter;

use super::summary::Summary;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Lines for people.
    Text,
    /// One JSON object per line, for machines.
    Json,
}

/// The bar; a hidden one when quiet, logging JSON, or stderr is not a terminal.
pub fn progress_bar(quiet: bool, format: LogFormat) -> ProgressBar {
    if quiet || format == LogFormat::Json || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {elapsed_precise} {pos} docs {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// Shows the counters on the bar.
pub fn show(bar: &ProgressBar, s: &Summary) {
    bar.set_position(s.read as u64);
    let rate = s.read as f64 / bar.elapsed().as_secs_f64().max(0.001);
    bar.set_message(format!(
        "({rate:.0}/s) · {} stored · {} events · {} errors",
        s.stored,
        s.events(),
        s.errors.len()
    ));
}

/// Writes each log line to stderr with the bar hidden meanwhile.
#[derive(Clone)]
struct AboveBar(ProgressBar);

impl<'a> MakeWriter<'a> for AboveBar {
    type Writer = AboveBarWriter;
    fn make_writer(&'a self) -> Self::Writer {
        AboveBarWriter(self.0.clone(), Vec::new())
    }
}

struct AboveBarWriter(ProgressBar, Vec<u8>);

impl Write for AboveBarWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.1.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for AboveBarWriter {
    fn drop(&mut self) {
        let line = std::mem::take(&mut self.1);
        self.0.suspend(|| {
            let _ = std::io::stderr().write_all(&line);
        });
    }
}

/// Installs the log subscriber: warnings (each failed input) and up by default,
/// info too in JSON (each stored document); `RUST_LOG` overrides.
pub fn init_logging(format: LogFormat, bar: &ProgressBar) {
    let default = match format {
        LogFormat::Text => "warn",
        LogFormat::Json => "info",
    };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(AboveBar(bar.clone()))
        .with_target(false)
        .with_ansi(std::io::stderr().is_terminal());
    // A second init (tests running several commands in one process) keeps the first.
    let _ = match format {
        LogFormat::Text => builder.without_time().try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}
