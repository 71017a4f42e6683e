//! `dyad extract`: web pages in, articles (title, date, text) out.
//!
//! Input is HTML files (gzip-compressed too) or JSON lines `{"id", "url", "html"}`; output
//! is one JSON line per document, in input order, with the same `id`. A document that
//! cannot be extracted gets an output line with an `"error"` field and a message on stderr
//! naming its file, line and id, and the run goes on; the exit code is then 1. A run that
//! cannot proceed (unreadable file, bad arguments) exits 2.
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::ValueEnum;
use dyad_extract::{eval, extract, Article, Day, ExtractOptions};
use serde::{Deserialize, Serialize};

/// What the input files hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractInput {
    /// By file name: `.jsonl`/`.ndjson` (also `.gz`) are JSON lines, anything else one page.
    Auto,
    /// One web page per file (HTML, possibly gzip-compressed).
    Html,
    /// One JSON object per line: `{"id", "url", "html"}`.
    Jsonl,
}

/// Output formats of `dyad extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractOutput {
    /// One JSON object per document.
    Jsonl,
    /// The title, a blank line and the text of each document, documents separated by a form feed.
    Text,
}

/// Arguments of `dyad extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Input files; `-` (the default) reads standard input.
    #[arg(default_value = "-")]
    pub files: Vec<PathBuf>,
    /// What the input is.
    #[arg(long, value_enum, default_value_t = ExtractInput::Auto)]
    pub input: ExtractInput,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractOutput::Jsonl)]
    pub output: ExtractOutput,
    /// Address of the page, for HTML file input (JSON lines carry their own `url`).
    #[arg(long)]
    pub url: Option<String>,
    /// The crawl day (YYYY-MM-DD): no publication date after it is returned. Default: today (UTC).
    #[arg(long, value_parser = parse_day_arg)]
    pub reference_day: Option<Day>,
    /// Pages larger than this many bytes (also after gzip decompression) are refused.
    #[arg(long, default_value_t = ExtractOptions::default().max_input_bytes)]
    pub max_input_bytes: usize,
    /// Decoded pages are cut at this many bytes (the output says `"truncated": true`).
    #[arg(long, default_value_t = ExtractOptions::default().max_bytes)]
    pub max_bytes: usize,
    /// Elements nested deeper than this are dropped (the output says `"truncated": true`).
    #[arg(long, default_value_t = ExtractOptions::default().max_depth)]
    pub max_depth: usize,
    /// Instead of extracting, score body text on a benchmark folder (pages.jsonl.gz and
    /// ground-truth.jsonl) and print F1, precision, recall and time per page.
    #[arg(long, value_name = "DIR", conflicts_with = "eval_dates")]
    pub eval_articles: Option<PathBuf>,
    /// Instead of extracting, score publication days on a benchmark folder.
    #[arg(long, value_name = "DIR")]
    pub eval_dates: Option<PathBuf>,
}

fn parse_day_arg(s: &str) -> Result<Day, String> {
    s.parse()
}

/// One line of JSON input.
#[derive(Deserialize)]
struct PageLine {
    #[serde(default)]
    id: serde_json::Value,
    #[serde(default)]
    url: Option<String>,
    html: String,
}

/// One line of output: the article, or the error.
#[derive(Serialize)]
struct OutputLine<'a> {
    id: &'a serde_json::Value,
    url: Option<&'a str>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    article: Option<ArticleFields<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Serialize)]
struct ArticleFields<'a> {
    title: Option<&'a str>,
    date: Option<String>,
    text: &'a str,
    lang: Option<&'a str>,
    canonical_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    site_name: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    truncated: bool,
}

impl<'a> From<&'a Article> for ArticleFields<'a> {
    fn from(a: &'a Article) -> Self {
        ArticleFields {
            title: a.title.as_deref(),
            date: a.date.map(|d| d.to_string()),
            text: &a.text,
            lang: a.lang.as_deref(),
            canonical_url: a.canonical_url.as_deref(),
            byline: a.byline.as_deref(),
            site_name: a.site_name.as_deref(),
            truncated: a.truncated,
        }
    }
}

/// Runs `dyad extract`.
pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let opts = ExtractOptions {
        max_input_bytes: args.max_input_bytes,
        max_bytes: args.max_bytes,
        max_depth: args.max_depth,
        reference_day: Some(args.reference_day.unwrap_or_else(Day::today_utc)),
        ..ExtractOptions::default()
    };
    if let Some(dir) = &args.eval_articles {
        return run_eval_articles(dir, &opts);
    }
    if let Some(dir) = &args.eval_dates {
        return run_eval_dates(dir, &opts);
    }
    let stdout = std::io::stdout();
    let mut out = Output {
        format: args.output,
        writer: BufWriter::new(stdout.lock()),
        failed: 0,
    };
    for path in &args.files {
        let kind = match args.input {
            ExtractInput::Auto if is_jsonl_name(path) => ExtractInput::Jsonl,
            ExtractInput::Auto => ExtractInput::Html,
            k => k,
        };
        match kind {
            ExtractInput::Jsonl => extract_jsonl(path, &opts, &mut out)?,
            _ => extract_file(path, args.url.as_deref(), &opts, &mut out)?,
        }
    }
    out.writer.flush()?;
    Ok(if out.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

struct Output<W: Write> {
    format: ExtractOutput,
    writer: W,
    failed: usize,
}

impl<W: Write> Output<W> {
    /// Writes one document's result; `place` names it in stderr messages.
    fn write(
        &mut self,
        place: &str,
        id: &serde_json::Value,
        url: Option<&str>,
        result: Result<Article, String>,
    ) -> anyhow::Result<()> {
        let (article, error) = match result {
            Ok(a) => (Some(a), None),
            Err(e) => {
                eprintln!("dyad extract: {place} (id {id}): {e}");
                self.failed += 1;
                (None, Some(e))
            }
        };
        if let Some(a) = article.as_ref().filter(|a| a.truncated) {
            eprintln!("dyad extract: {place} (id {id}): page cut at a size or nesting limit; {} bytes of text kept", a.text.len());
        }
        match self.format {
            ExtractOutput::Jsonl => {
                let line = OutputLine {
                    id,
                    url,
                    article: article.as_ref().map(ArticleFields::from),
                    error,
                };
                serde_json::to_writer(&mut self.writer, &line)?;
                self.writer.write_all(b"\n")?;
            }
            ExtractOutput::Text => {
                if let Some(a) = &article {
                    writeln!(
                        self.writer,
                        "{}\n\n{}\n\x0c",
                        a.title.as_deref().unwrap_or(""),
                        a.text
                    )?;
                }
            }
        }
        Ok(())
    }
}

fn is_jsonl_name(path: &Path) -> bool {
    let name = path.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.ends_with(".jsonl") || name.ends_with(".ndjson")
}

/// Opens a file (or stdin for `-`), decompressing `.gz` files.
fn open(path: &Path) -> anyhow::Result<Box<dyn BufRead>> {
    if path == Path::new("-") {
        return Ok(Box::new(BufReader::new(std::io::stdin())));
    }
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    if path.extension().is_some_and(|e| e == "gz") {
        Ok(Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(
            file,
        ))))
    } else {
        Ok(Box::new(BufReader::new(file)))
    }
}

fn extract_file<W: Write>(
    path: &Path,
    url: Option<&str>,
    opts: &ExtractOptions,
    out: &mut Output<W>,
) -> anyhow::Result<()> {
    let name = path.display().to_string();
    let id = serde_json::Value::String(name.clone());
    // The raw bytes go to `extract`, which decompresses gzip itself under its own cap.
    let mut bytes = Vec::new();
    let reader: Box<dyn Read> = if path == Path::new("-") {
        Box::new(std::io::stdin())
    } else {
        Box::new(File::open(path).with_context(|| format!("cannot open {name}"))?)
    };
    reader
        .take(opts.max_input_bytes as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {name}"))?;
    let result = extract(&bytes, url, opts).map_err(|e| e.to_string());
    out.write(&name, &id, url, result)
}

fn extract_jsonl<W: Write>(
    path: &Path,
    opts: &ExtractOptions,
    out: &mut Output<W>,
) -> anyhow::Result<()> {
    let name = if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let mut reader = open(path)?;
    // JSON escaping can double a page; a longer line is refused without being held whole.
    let line_limit = opts.max_input_bytes.saturating_mul(2).saturating_add(4096) as u64;
    let mut line = Vec::new();
    let mut line_no = 0usize;
    loop {
        line.clear();
        let n = (&mut reader)
            .take(line_limit)
            .read_until(b'\n', &mut line)
            .with_context(|| format!("cannot read {name} at line {}", line_no + 1))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let place = format!("{name}:{line_no}");
        if !line.ends_with(b"\n") && n as u64 == line_limit {
            skip_rest_of_line(&mut reader)?;
            out.write(
                &place,
                &serde_json::Value::Null,
                None,
                Err(format!("line longer than {line_limit} bytes")),
            )?;
            continue;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<PageLine>(&line) {
            Ok(page) => {
                let result = extract(page.html.as_bytes(), page.url.as_deref(), opts)
                    .map_err(|e| e.to_string());
                out.write(&place, &page.id, page.url.as_deref(), result)?;
            }
            Err(e) => {
                // Keep the id when the line has one, so the output still lines up.
                let id = serde_json::from_slice::<serde_json::Value>(&line)
                    .ok()
                    .and_then(|v| v.get("id").cloned())
                    .unwrap_or(serde_json::Value::Null);
                out.write(&place, &id, None, Err(format!("bad JSON line: {e}")))?;
            }
        }
    }
    Ok(())
}

fn skip_rest_of_line(reader: &mut Box<dyn BufRead>) -> anyhow::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(i) = buf.iter().position(|&b| b == b'\n') {
            reader.consume(i + 1);
            return Ok(());
        }
        let len = buf.len();
        reader.consume(len);
    }
}

fn run_eval_articles(dir: &Path, opts: &ExtractOptions) -> anyhow::Result<ExitCode> {
    let s =
        eval::score_bodies(dir, opts).with_context(|| format!("cannot score {}", dir.display()))?;
    if s.pages == 0 {
        bail!("no scored pages in {}", dir.display());
    }
    println!(
        "pages {}  F1 {:.4}  P {:.4}  R {:.4}  {:.2} ms/page wall{}",
        s.pages,
        s.f1(),
        s.precision,
        s.recall,
        s.mean_time.as_secs_f64() * 1000.0,
        s.mean_cpu_time.map_or(String::new(), |t| format!(
            ", {:.2} ms/page CPU",
            t.as_secs_f64() * 1000.0
        ))
    );
    Ok(ExitCode::SUCCESS)
}

fn run_eval_dates(dir: &Path, opts: &ExtractOptions) -> anyhow::Result<ExitCode> {
    let s =
        eval::score_dates(dir, opts).with_context(|| format!("cannot score {}", dir.display()))?;
    if s.pages == 0 {
        bail!("no scored pages in {}", dir.display());
    }
    println!(
        "pages {}  right {} ({:.1} %)  wrong {}  missed {}  {:.2} ms/page",
        s.pages,
        s.right,
        100.0 * s.right as f64 / s.pages as f64,
        s.wrong,
        s.missed,
        s.mean_time.as_secs_f64() * 1000.0
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_jsonl(input: &str) -> (Vec<serde_json::Value>, usize) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in.jsonl");
        std::fs::write(&path, input).unwrap();
        let mut out = Output {
            format: ExtractOutput::Jsonl,
            writer: Vec::new(),
            failed: 0,
        };
        extract_jsonl(&path, &ExtractOptions::default(), &mut out).unwrap();
        let lines = String::from_utf8(out.writer).unwrap();
        let values = lines
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (values, out.failed)
    }

    #[test]
    fn one_output_line_per_input_line_with_the_same_id() {
        let page = "<html><body><article><p>The ministers met in the capital on Monday and agreed to resume talks on the border next month, officials said.</p></article></body></html>";
        let input = format!(
            "{}\n{}\nnot json\n{}\n",
            serde_json::json!({"id": "a", "url": "https://x.example/2024/03/05/a", "html": page}),
            serde_json::json!({"id": 2, "html": ""}),
            serde_json::json!({"id": "c", "html": "%PDF-1.7"}),
        );
        let (lines, failed) = run_jsonl(&input);
        assert_eq!(lines.len(), 4);
        assert_eq!(failed, 3);
        assert_eq!(lines[0]["id"], "a");
        assert_eq!(lines[0]["date"], "2024-03-05");
        assert!(lines[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("The ministers met"));
        assert_eq!(lines[1]["id"], 2);
        assert_eq!(lines[1]["error"], "empty document");
        assert!(lines[2]["error"]
            .as_str()
            .unwrap()
            .starts_with("bad JSON line"));
        assert_eq!(lines[3]["id"], "c");
        assert!(lines[3].get("text").is_none());
    }

    #[test]
    fn jsonl_names_are_recognised() {
        assert!(is_jsonl_name(Path::new("pages.jsonl.gz")));
        assert!(is_jsonl_name(Path::new("a.NDJSON")));
        assert!(!is_jsonl_name(Path::new("page.html.gz")));
    }
}
