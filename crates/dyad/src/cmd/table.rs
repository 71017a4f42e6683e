//! Query answers printed the same way whatever they count: aligned columns for
//! reading, CSV for spreadsheets, JSON for programs.
use std::io::Write;

use clap::ValueEnum;
use dyad_store::export::write_record;
use serde::Serialize;

/// How rows are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Aligned columns for reading.
    Table,
    /// CSV with a header.
    Csv,
    /// One JSON array of objects.
    Json,
}

/// A kind of answer row, as tables and CSV show it.
pub trait TableRow: Serialize {
    /// The column names as the CSV header line shows them: comma-separated.
    const HEADER: &'static str;
    /// The row as text, one cell a column, in the order of `HEADER`.
    fn cells(&self) -> Vec<String>;
}

/// Rows as text under their header: what tables and CSV both print.
#[derive(Debug, PartialEq)]
struct Table {
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn of<T: TableRow>(rows: &[T]) -> Self {
        Table {
            header: T::HEADER.split(',').collect(),
            rows: rows.iter().map(T::cells).collect(),
        }
    }
}

/// Prints `rows` in `format`. JSON serialises the rows themselves rather than
/// their cells, so numbers stay numbers and fields not shown as columns stay in.
pub fn print<T: TableRow>(
    out: &mut dyn Write,
    format: OutputFormat,
    rows: &[T],
) -> anyhow::Result<()> {
    match format {
        OutputFormat::Json => write_json(out, rows)?,
        OutputFormat::Csv => write_csv(out, &Table::of(rows))?,
        OutputFormat::Table => write_aligned(out, &Table::of(rows))?,
    }
    Ok(())
}

/// One pretty-printed array, ended by a newline so shells show the prompt apart.
fn write_json<T: Serialize>(out: &mut dyn Write, rows: &[T]) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, rows)?;
    writeln!(out)?;
    Ok(())
}

/// The header line, then a line a row, quoted as the CSV export quotes.
fn write_csv(out: &mut dyn Write, table: &Table) -> std::io::Result<()> {
    let mut line = String::new();
    write_record(&mut line, &table.header);
    out.write_all(line.as_bytes())?;
    for row in &table.rows {
        write_record(&mut line, row);
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// Left-aligned columns, two spaces apart, widths in characters so that
/// non-ASCII names line up.
fn write_aligned(out: &mut dyn Write, table: &Table) -> std::io::Result<()> {
    let widths = column_widths(table);
    write_aligned_line(out, &widths, &table.header)?;
    for row in &table.rows {
        write_aligned_line(out, &widths, row)?;
    }
    Ok(())
}

fn column_widths(table: &Table) -> Vec<usize> {
    let mut widths: Vec<usize> = table.header.iter().map(|h| h.chars().count()).collect();
    for row in &table.rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    widths
}

/// Trailing padding is trimmed: it only shows as noise when a line is copied.
fn write_aligned_line<S: AsRef<str>>(
    out: &mut dyn Write,
    widths: &[usize],
    cells: &[S],
) -> std::io::Result<()> {
    let mut line = String::new();
    for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
        let cell = cell.as_ref();
        if i > 0 {
            line.push_str("  ");
        }
        line.push_str(cell);
        line.extend(std::iter::repeat_n(' ', width - cell.chars().count()));
    }
    writeln!(out, "{}", line.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Actor {
        code: &'static str,
        name: &'static str,
    }

    impl TableRow for Actor {
        const HEADER: &'static str = "actor,name";
        fn cells(&self) -> Vec<String> {
            vec![self.code.to_string(), self.name.to_string()]
        }
    }

    const ACTORS: [Actor; 2] = [
        Actor {
            code: "RUS",
            name: "Россия",
        },
        Actor {
            code: "IGOWSTNAT",
            name: "",
        },
    ];

    fn printed(format: OutputFormat) -> String {
        let mut out = Vec::new();
        print(&mut out, format, &ACTORS).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn tables_align_on_characters_and_trim_the_end() {
        assert_eq!(
            printed(OutputFormat::Table),
            "actor      name\nRUS        Россия\nIGOWSTNAT\n"
        );
    }

    #[test]
    fn csv_has_the_header_and_a_line_a_row() {
        assert_eq!(
            printed(OutputFormat::Csv),
            "actor,name\nRUS,Россия\nIGOWSTNAT,\n"
        );
    }

    #[test]
    fn json_keeps_the_rows_own_field_names() {
        let rows: serde_json::Value = serde_json::from_str(&printed(OutputFormat::Json)).unwrap();
        assert_eq!(rows[0]["code"], "RUS");
        assert_eq!(rows[1]["name"], "");
    }
}
