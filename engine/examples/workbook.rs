//! Writes a generated sample table as an .xlsx workbook shaped like a real export (see
//! `tests/common/workbook.rs`), and optionally the same table as CSV: the e2e fixture and the
//! benchmark's workbook-vs-CSV pair.
//!
//! cargo run -p klaster-engine --example workbook -- [--sample customers|bank|list]
//!     [--rows N] [--seed S] --out FILE.xlsx [--csv FILE.csv]

#[path = "../tests/common/workbook.rs"]
mod workbook;

use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
use klaster_engine::sample::{SampleKind, DEFAULT_SEED};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut kind = SampleKind::Customers;
    let mut rows = 600;
    let mut seed = DEFAULT_SEED;
    let mut out = None;
    let mut csv_out = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--sample" => {
                kind = match value()?.as_str() {
                    "customers" => SampleKind::Customers,
                    "bank" => SampleKind::Bank,
                    "list" => SampleKind::CustomerList,
                    other => return Err(format!("unknown sample {other}").into()),
                }
            }
            "--rows" => rows = value()?.parse()?,
            "--seed" => seed = value()?.parse()?,
            "--out" => out = Some(value()?),
            "--csv" => csv_out = Some(value()?),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let out = out.ok_or("--out FILE.xlsx is required")?;
    let text = kind.generate(rows, seed);
    let loaded = read_table(text.as_bytes(), &ReadOptions::default(), &mut NoProgress)?;
    std::fs::write(&out, workbook::xlsx(&loaded.table)?)?;
    if let Some(path) = csv_out {
        std::fs::write(path, &text)?;
    }
    Ok(())
}
