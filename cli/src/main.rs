//! `klaster`: the engine on the command line, so that every figure the page shows can be checked
//! (and scripted) from a shell. Each capability adds a subcommand with `--json` output.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
use klaster_engine::InspectReport;

#[derive(Parser)]
#[command(
    name = "klaster",
    version,
    about = "Customer segmentation and response scoring, on the command line"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print a file's dialect, row and column counts and the inferred type of every column.
    Inspect {
        file: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Rows of the file to include in the output (JSON only).
        #[arg(long, default_value_t = 0)]
        preview: usize,
    },
    /// Write the built-in synthetic customer table (the demo's sample data) to stdout.
    Sample {
        #[arg(long, default_value_t = 2240)]
        rows: usize,
        #[arg(long, default_value_t = klaster_engine::sample::DEFAULT_SEED)]
        seed: u64,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("klaster: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Inspect {
            file,
            json,
            preview,
        } => {
            let bytes =
                std::fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            let loaded = read_table(&bytes, &ReadOptions::default(), &mut NoProgress)
                .map_err(|e| e.to_string())?;
            let name = file
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let report = InspectReport::new(&name, bytes.len() as u64, &loaded, preview);
            if json {
                let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
                println!("{text}");
            } else {
                print_table(&report);
            }
        }
        Command::Sample { rows, seed } => {
            print!(
                "{}",
                klaster_engine::sample::customer_personality_csv(rows, seed)
            );
        }
    }
    Ok(())
}

fn print_table(r: &InspectReport) {
    let d = &r.load.dialect;
    println!(
        "{}: {} rows × {} columns, delimiter {}, {}, header {}",
        r.file_name,
        r.rows,
        r.columns,
        d.delimiter,
        d.encoding,
        if d.has_header { "yes" } else { "no" }
    );
    let width = r
        .column_info
        .iter()
        .map(|c| c.name.chars().count())
        .max()
        .unwrap_or(4)
        .max(6);
    println!(
        "{:<width$}  {:<12} {:>8} {:>9} {:>7}",
        "column", "type", "missing", "distinct", "agree"
    );
    for c in &r.column_info {
        let i = &c.inference;
        println!(
            "{:<width$}  {:<12} {:>8} {:>9} {:>6.1}%",
            c.name,
            c.kind.label(),
            i.missing + i.unreadable,
            i.distinct,
            i.share * 100.0
        );
    }
    if r.load.problem_count > 0 {
        println!(
            "{} rows had problems; first: {}",
            r.load.problem_count, r.load.problems[0].message
        );
    }
}
