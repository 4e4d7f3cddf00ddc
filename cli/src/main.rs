//! `klaster`: the engine on the command line, so that every figure the page shows can be checked
//! (and scripted) from a shell. Each capability adds a subcommand with `--json` output.

mod model;
mod segment;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use klaster_engine::i18n::{set_lang, t, Lang};
use klaster_engine::ingest::{read_table_from, workbook, Loaded, NoProgress, ReadOptions};
use klaster_engine::profile::Profile;
use klaster_engine::sample::SampleKind;
use klaster_engine::schema::{RowKind, Schema};
use klaster_engine::tf;
use klaster_engine::InspectReport;
use serde::Serialize;

#[derive(Parser)]
#[command(
    name = "klaster",
    version,
    about = "Customer segmentation and response scoring, on the command line"
)]
struct Cli {
    /// Language of the text reports and messages (default: from LANGUAGE, LC_ALL, LC_MESSAGES
    /// or LANG). JSON, CSV and SQL output are the same in every language.
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    lang: Option<LangArg>,
    /// The sheet to read when FILE is a workbook (.xlsx, .xlsm, .xlsb, .xls, .ods); by default
    /// the first visible sheet that holds a table.
    #[arg(long, global = true, value_name = "NAME")]
    sheet: Option<String>,
    /// What one row of FILE is: customer, purchase, call, shop or other (by default guessed
    /// from the columns). Sets the nouns of the reports and the derived features that make
    /// sense (a purchase's date is not a sign-up date).
    #[arg(long, global = true, value_name = "KIND", value_parser = parse_row)]
    row: Option<RowKind>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    /// English.
    En,
    /// Bahasa Indonesia.
    Id,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::En => Lang::En,
            LangArg::Id => Lang::Id,
        }
    }
}

/// The language of the text output without `--lang`, read from the environment as gettext
/// reads it: the first of `LANGUAGE` (its first entry), `LC_ALL`, `LC_MESSAGES` and `LANG`
/// that is set and not empty. `id`, `id_ID.UTF-8` and `in` are Indonesian; anything else
/// (`C`, `POSIX`, other languages, nothing set) is English. `var` looks a variable up (pure, so
/// the tests do not touch the process environment).
fn env_lang(var: impl Fn(&str) -> Option<String>) -> Lang {
    ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(&var)
        .map(|value| {
            // `id_ID.UTF-8@variant` → `id_ID`; LANGUAGE is a list, `id:en`.
            let first = value.split(':').next().unwrap_or("").trim();
            first.split(['.', '@']).next().unwrap_or("").to_string()
        })
        .find(|tag| !tag.is_empty())
        .and_then(|tag| Lang::from_code(&tag))
        .unwrap_or(Lang::En)
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
    /// Print the recognised schema with column roles, each column's statistics, the target rates
    /// and correlations, and the plain-language summary.
    Profile {
        file: PathBuf,
        /// Print JSON (the full profile plus the load report) instead of the summary.
        #[arg(long)]
        json: bool,
    },
    /// Print the table with the derived features of the Prepare step (Age, Total_Spent, LRFM …)
    /// as CSV, every row, before cleaning; `--json`: the derived columns only, by name.
    Derive {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Derive features, clean, run the k sweep and profile the segments of the chosen k: the
    /// Prepare and Segment steps of the page.
    Segment(Box<segment::SegmentArgs>),
    /// Train an L2-regularised logistic model (stratified holdout, cross-validated C) and write
    /// its model file with the held-out card; `--preset` trains a shipped model.
    Train(Box<model::TrainArgs>),
    /// Score every row with a shipped model or a model file; evaluates the model when the file
    /// carries its target.
    Score(Box<model::ScoreArgs>),
    /// Rank the customers by score: gains and lift, the expected profit for a cost per contact
    /// and a revenue per response, the profit-maximising cut-off (per segment with --segments).
    Plan(Box<model::PlanArgs>),
    /// Print the warehouse scoring query (DuckDB, Spark SQL, BigQuery): derived features,
    /// scaling, the model's score and the nearest segment for every row of a table.
    Sql(Box<model::SqlArgs>),
    /// Write a built-in synthetic table to stdout: customers (the customer-personality shape),
    /// bank calls (the bank-full shape) or a small mixed-type customer list (the DQLab shape),
    /// as the page's sample buttons load them. Deterministic per seed.
    Sample {
        /// customers, bank or list (the small mixed-type customer list).
        #[arg(long, default_value = "customers")]
        kind: SampleKind,
        #[arg(long, default_value_t = 2240)]
        rows: usize,
        #[arg(long, default_value_t = klaster_engine::sample::DEFAULT_SEED)]
        seed: u64,
    },
}

fn main() -> ExitCode {
    // Rust ignores SIGPIPE, so printing into a closed pipe (`| head`) would panic; with the
    // default action the process ends quietly instead.
    #[cfg(unix)]
    // SAFETY: called first thing, before any thread exists; only resets a signal disposition.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    set_lang(
        cli.lang
            .map_or_else(|| env_lang(|name| std::env::var(name).ok()), Lang::from),
    );
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("klaster: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// The `--sheet` asked for (read by [`load`], which every subcommand calls).
static SHEET: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();

/// The `--row` answer (read by [`schema_of`]).
static ROW: std::sync::OnceLock<Option<RowKind>> = std::sync::OnceLock::new();

fn parse_row(id: &str) -> Result<RowKind, String> {
    RowKind::from_id(id).ok_or_else(|| {
        let all: Vec<&str> = RowKind::ALL.iter().map(|r| r.id()).collect();
        format!("“{id}” is not one of {}", all.join(", "))
    })
}

/// The table's schema, with the `--row` answer applied: every subcommand reads it from here.
pub fn schema_of(table: &klaster_engine::Table) -> Schema {
    klaster_engine::schema::recognise(table).with_row(ROW.get().copied().flatten())
}

fn run(cli: Cli) -> Result<(), String> {
    let _ = SHEET.set(cli.sheet);
    let _ = ROW.set(cli.row);
    match cli.command {
        Command::Inspect {
            file,
            json,
            preview,
        } => {
            let (name, size, loaded) = load(&file)?;
            let report = InspectReport::new(&name, size as u64, &loaded, preview);
            if json {
                let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
                emit(&text)?;
            } else {
                print_table(&report);
            }
        }
        Command::Profile { file, json } => {
            let (name, bytes, loaded) = load(&file)?;
            let profile =
                klaster_engine::profile::profile_with(&loaded.table, schema_of(&loaded.table));
            if json {
                let out = ProfileOutput {
                    inspect: InspectReport::new(&name, bytes as u64, &loaded, 0),
                    profile: &profile,
                };
                let text = serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?;
                emit(&text)?;
            } else {
                println!("{} — {}", name, profile.schema.kind.label());
                for s in profile.summary.get() {
                    println!("- {s}");
                }
            }
        }
        Command::Derive { file, json } => derive_table(&file, json)?,
        Command::Segment(args) => segment::run(*args)?,
        Command::Train(args) => model::run_train(*args)?,
        Command::Score(args) => model::run_score(*args)?,
        Command::Plan(args) => model::run_plan(*args)?,
        Command::Sql(args) => model::run_sql(*args)?,
        Command::Sample { kind, rows, seed } => {
            print!("{}", kind.generate(rows, seed));
        }
    }
    Ok(())
}

/// `klaster derive`: the derived table as CSV (numbers in full precision, dates ISO, text
/// spreadsheet-safe), or the
/// derived columns as JSON (numbers or null; categories as text).
fn derive_table(file: &Path, json: bool) -> Result<(), String> {
    use klaster_engine::features::{derive, DeriveParams};
    use klaster_engine::format::csv_cell;
    use klaster_engine::table::ColumnData;
    let (_, _, loaded) = load(file)?;
    let schema = schema_of(&loaded.table);
    let derived = derive(&loaded.table, &schema, &DeriveParams::default());
    let table = &derived.table;
    let cell = |c: &klaster_engine::Column, r: usize| -> serde_json::Value {
        match (&*c.data, c.raw_number(r)) {
            (ColumnData::Numeric { .. }, Some(v)) => serde_json::json!(v),
            (ColumnData::Numeric { .. }, None) => serde_json::Value::Null,
            _ if c.data.is_valid(r) => serde_json::json!(c.display(r)),
            _ => serde_json::Value::Null,
        }
    };
    if json {
        let first = table.columns.len() - derived.features.len();
        let columns: serde_json::Map<String, serde_json::Value> = table.columns[first..]
            .iter()
            .map(|c| {
                let values = (0..table.n_rows()).map(|r| cell(c, r)).collect();
                (c.name.clone(), serde_json::Value::Array(values))
            })
            .collect();
        let text = serde_json::to_string(&columns).map_err(|e| e.to_string())?;
        return emit(&text);
    }
    let mut out = String::new();
    let names: Vec<String> = table.columns.iter().map(|c| csv_cell(&c.name)).collect();
    out.push_str(&names.join(","));
    out.push('\n');
    for r in 0..table.n_rows() {
        let cells: Vec<String> = table
            .columns
            .iter()
            .map(|c| match &*c.data {
                // Numbers and dates as the page shows them, in full precision.
                ColumnData::Numeric { .. } if c.kind != klaster_engine::ColumnType::Boolean => {
                    c.display(r)
                }
                _ => csv_cell(&c.display(r)),
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    emit(out.trim_end())
}

/// Writes to stdout; a closed pipe (`klaster … | head`) ends the output quietly.
fn emit(text: &str) -> Result<(), String> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out
        .write_all(text.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.to_string()),
        _ => Ok(()),
    }
}

/// Reads and parses a file as it streams from disk (the file is never held whole, only the
/// table; a workbook is read whole, its format needs it): its name, size and the loaded table.
fn load(file: &Path) -> Result<(String, usize, Loaded), String> {
    use std::io::Read;
    let cannot = |e: std::io::Error| {
        tf!(
            "cannot read {}: {e}",
            "tidak dapat membaca {}: {e}",
            file.display()
        )
    };
    let mut handle = std::fs::File::open(file).map_err(cannot)?;
    let size = handle.metadata().map_err(cannot)?.len() as usize;
    let mut head = [0u8; 8];
    let n = handle.read(&mut head).map_err(cannot)?;
    let loaded = if workbook::is_workbook(&head[..n]) {
        let mut bytes = head[..n].to_vec();
        handle.read_to_end(&mut bytes).map_err(cannot)?;
        let sheet = SHEET.get().and_then(Option::as_deref);
        workbook::read_workbook(&bytes, sheet, &ReadOptions::default(), &mut NoProgress)
    } else {
        use std::io::Seek;
        handle.rewind().map_err(cannot)?;
        read_table_from(
            std::io::BufReader::with_capacity(1 << 20, handle),
            &ReadOptions::default(),
            &mut NoProgress,
        )
    }
    .map_err(|e| e.to_string())?;
    let name = file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    Ok((name, size, loaded))
}

/// `klaster profile --json`: everything `inspect --json` prints, plus the profile.
#[derive(Serialize)]
struct ProfileOutput<'a> {
    #[serde(flatten)]
    inspect: InspectReport,
    profile: &'a Profile,
}

fn print_table(r: &InspectReport) {
    let d = &r.load.dialect;
    if let Some(w) = &r.load.workbook {
        println!(
            "{}",
            tf!(
                "{}: {} rows × {} columns. {}",
                "{}: {} baris × {} kolom. {}",
                r.file_name,
                r.rows,
                r.columns,
                w.describe()
            )
        );
    } else {
        println!(
            "{}",
            tf!(
                "{}: {} rows × {} columns, delimiter {}, {}, header {}",
                "{}: {} baris × {} kolom, pemisah {}, {}, baris judul {}",
                r.file_name,
                r.rows,
                r.columns,
                d.delimiter,
                d.encoding,
                if d.has_header {
                    t("yes", "ya")
                } else {
                    t("no", "tidak")
                }
            )
        );
    }
    let width = r
        .column_info
        .iter()
        .map(|c| c.name.chars().count())
        .max()
        .unwrap_or(4)
        .max(6);
    println!(
        "{:<width$}  {:<12} {:>8} {:>9} {:>7}",
        t("column", "kolom"),
        t("type", "tipe"),
        t("missing", "kosong"),
        t("distinct", "unik"),
        t("agree", "sesuai")
    );
    for c in &r.column_info {
        let i = &c.inference;
        println!(
            "{:<width$}  {:<12} {:>8} {:>9} {:>6}%",
            c.name,
            c.kind.name(),
            i.missing + i.unreadable,
            i.distinct,
            klaster_engine::format::fixed(i.share * 100.0, 1)
        );
    }
    if r.load.problem_count > 0 {
        println!(
            "{}",
            tf!(
                "{} rows had problems; first: {}",
                "{} baris bermasalah; yang pertama: {}",
                r.load.problem_count,
                r.load.problems[0].message
            )
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> Lang {
        env_lang(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn the_language_follows_the_environment_like_gettext() {
        assert_eq!(env(&[]), Lang::En);
        for id in ["id", "id_ID.UTF-8", "in", "in_ID", "id_ID@latin", "id-ID"] {
            assert_eq!(env(&[("LANG", id)]), Lang::Id, "{id}");
        }
        for en in ["C", "POSIX", "C.UTF-8", "en_US.UTF-8", "fr_FR.UTF-8", "de"] {
            assert_eq!(env(&[("LANG", en)]), Lang::En, "{en}");
        }
        // The first variable that is set and not empty wins.
        assert_eq!(env(&[("LANGUAGE", "id:en"), ("LANG", "C")]), Lang::Id);
        assert_eq!(env(&[("LANGUAGE", "en:id"), ("LANG", "id_ID")]), Lang::En);
        assert_eq!(env(&[("LANGUAGE", ""), ("LANG", "id_ID.UTF-8")]), Lang::Id);
        assert_eq!(env(&[("LC_ALL", "C"), ("LANG", "id_ID.UTF-8")]), Lang::En);
        assert_eq!(env(&[("LC_ALL", "id_ID"), ("LANG", "en_US")]), Lang::Id);
        assert_eq!(
            env(&[("LC_MESSAGES", "id_ID.UTF-8"), ("LANG", "en_US")]),
            Lang::Id
        );
        assert_eq!(
            env(&[("LC_ALL", ""), ("LC_MESSAGES", "en_GB"), ("LANG", "id")]),
            Lang::En
        );
    }
}
