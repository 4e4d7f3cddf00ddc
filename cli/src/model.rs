//! `klaster train`, `klaster score` and `klaster plan`: the Score and Plan steps of the page on the command line, and the
//! trainer of the shipped models (`--preset bank|personality`, see scripts/train-models.sh).

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use klaster_engine::campaign::{plan, ranking, Plan, PlanParams, Segments};
use klaster_engine::features::{clean, derive, prepare, CleanParams, DeriveParams};
use klaster_engine::format::{amount, decimal, fixed, percent, thousands};
use klaster_engine::i18n::{t, with_lang, Lang};
use klaster_engine::ingest::{read_chunks, NoProgress, ReadOptions};
use klaster_engine::model::shipped::{self, Preset};
use klaster_engine::model::{train, Metrics, ModelFile, Reason, TrainParams};

use klaster_engine::segment::{default_features, segment_table, SegmentParams};
use klaster_engine::segments_file::SegmentsFile;
use klaster_engine::tf;
use klaster_engine::warehouse::{scoring_sql, Dialect, Query, Source};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::{emit, load};

#[derive(Clone, Copy, ValueEnum)]
pub enum PresetArg {
    Bank,
    Personality,
}

/// Options of `klaster train`.
#[derive(Args)]
pub struct TrainArgs {
    pub file: PathBuf,
    /// Train one of the shipped models (fixed features and card text).
    #[arg(long, value_enum, conflicts_with_all = ["target", "numeric", "categorical"])]
    pub preset: Option<PresetArg>,
    /// The column to predict (two values: yes/no, 1/0 …).
    #[arg(long, required_unless_present = "preset")]
    pub target: Option<String>,
    /// Numeric features, comma-separated (default: every sensible number).
    #[arg(long, value_delimiter = ',')]
    pub numeric: Option<Vec<String>>,
    /// Categorical features, comma-separated (default: every category with ≤ 30 levels).
    #[arg(long, value_delimiter = ',')]
    pub categorical: Option<Vec<String>>,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Share of rows held out for the card's metrics.
    #[arg(long, default_value_t = 0.2)]
    pub test_share: f64,
    /// Cross-validation folds for choosing C.
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    /// Where to write the model file (default: <file stem>.model.json).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Print the card as JSON instead of a summary.
    #[arg(long)]
    pub json: bool,
}

/// Options of `klaster score`.
#[derive(Args)]
pub struct ScoreArgs {
    pub file: PathBuf,
    /// A shipped model (bank, personality) or a model file.
    #[arg(long, default_value = "auto")]
    pub model: String,
    #[arg(long)]
    pub json: bool,
    /// Include every row's score, rank and top three reasons.
    #[arg(long)]
    pub rows: bool,
    /// Score a file larger than memory: read it in chunks and print `row,score` as CSV for
    /// every row (a summary goes to stderr). No ranking or evaluation, which need every row.
    #[arg(long, conflicts_with_all = ["json", "rows"])]
    pub stream: bool,
    /// Rows per chunk with --stream; the first chunk also fixes the column types.
    #[arg(long, default_value_t = 100_000, requires = "stream")]
    pub chunk_rows: usize,
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn run_train(args: TrainArgs) -> Result<(), String> {
    let (name, _, loaded) = load(&args.file)?;
    let bytes = std::fs::read(&args.file).map_err(|e| e.to_string())?;
    let schema = crate::schema_of(&loaded.table);
    let model = match args.preset {
        Some(p) => {
            let preset = match p {
                PresetArg::Bank => Preset::Bank,
                PresetArg::Personality => Preset::Personality,
            };
            preset
                .train(&loaded.table, &schema, &name)
                .map_err(|e| e.to_string())?
        }
        None => {
            let target = args.target.clone().unwrap_or_default();
            let (derived, cleaned, _) =
                prepare(&loaded.table, &schema, &DeriveParams::default(), None);
            let mut params = TrainParams::defaults_for(&cleaned.table, &derived.schema, &target);
            if let Some(n) = &args.numeric {
                params.numeric = n.clone();
            }
            if let Some(c) = &args.categorical {
                params.categorical = c.clone();
            }
            params.seed = args.seed;
            params.test_share = args.test_share;
            params.folds = args.folds;
            let mut m =
                train(&cleaned.table, &derived.schema, &params).map_err(|e| e.to_string())?;
            m.training.record_cleaning(&name, &cleaned);
            m
        }
    };
    let mut model = model;
    model.training.sha256 = Some(sha256(&bytes));
    let out = args.out.clone().unwrap_or_else(|| {
        let stem = args
            .file
            .file_stem()
            .map_or_else(|| "model".into(), |s| s.to_string_lossy().into_owned());
        PathBuf::from(format!("{stem}.model.json"))
    });
    std::fs::write(&out, model.to_json() + "\n").map_err(|e| {
        tf!(
            "cannot write {}: {e}",
            "tidak dapat menulis {}: {e}",
            out.display()
        )
    })?;
    if args.json {
        emit(&serde_json::to_string_pretty(&model).map_err(|e| e.to_string())?)?;
    } else {
        print_card(&model);
        println!(
            "{}",
            tf!("model written to {}", "model ditulis ke {}", out.display())
        );
    }
    Ok(())
}

fn print_card(m: &ModelFile) {
    let t = &m.training;
    let x = &m.metrics;
    println!("{} ({})", m.name, m.id);
    println!(
        "{}",
        tf!(
            "trained on {}: {} rows used, {} train / {} test, C = {} (5-fold CV AUC {})",
            "dilatih pada {}: {} baris dipakai, {} latih / {} uji, C = {} (AUC validasi silang 5 lipatan {})",
            t.file,
            thousands(t.rows_used as u64),
            thousands(t.train_rows as u64),
            thousands(t.test_rows as u64),
            decimal(t.c.to_string()),
            fixed(
                t.cv.iter().find(|p| p.c == t.c).map_or(f64::NAN, |p| p.auc),
                4
            )
        )
    );
    println!(
        "{}",
        tf!(
            "held out: ROC AUC {}, PR AUC {}, base rate {}; at threshold {}: accuracy {}, precision {}, recall {}, F1 {}",
            "data uji: ROC AUC {}, PR AUC {}, tingkat dasar {}; pada ambang batas {}: akurasi {}, presisi {}, recall {}, F1 {}",
            fixed(x.roc_auc, 4),
            fixed(x.pr_auc, 4),
            percent(x.base_rate),
            fixed(x.threshold, 3),
            fixed(x.accuracy, 3),
            fixed(x.precision, 3),
            fixed(x.recall, 3),
            fixed(x.f1, 3)
        )
    );
}

/// Resolves `--model`: a shipped id, "auto" (the shipped model for the recognised schema) or
/// a path to a model file.
fn resolve(spec: &str, kind: klaster_engine::schema::SchemaKind) -> Result<ModelFile, String> {
    if spec == "auto" {
        return shipped::for_schema(kind).ok_or_else(|| {
            tf!(
                "no shipped model for this table ({}); pass --model PATH",
                "tidak ada model bawaan untuk tabel ini ({}); berikan --model PATH",
                kind.label()
            )
        });
    }
    if let Some(m) = shipped::by_id(spec) {
        return Ok(m);
    }
    let text = std::fs::read_to_string(spec).map_err(|e| {
        tf!(
            "cannot read model {spec}: {e}",
            "tidak dapat membaca model {spec}: {e}"
        )
    })?;
    ModelFile::from_json(&text).map_err(|e| format!("{spec}: {e}"))
}

#[derive(Serialize)]
struct RowScore {
    row: usize,
    rank: usize,
    score: f64,
    reasons: Vec<Reason>,
}

#[derive(Serialize)]
struct ScoreOutput {
    file: String,
    model: String,
    rows: usize,
    mean_score: f64,
    imputed: Vec<(String, usize)>,
    unseen: Vec<(String, usize)>,
    /// When the file carries the model's target.
    evaluation: Option<Metrics>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    scores: Vec<RowScore>,
}

pub fn run_score(args: ScoreArgs) -> Result<(), String> {
    if args.stream {
        return stream_score(&args);
    }
    let (name, _, loaded) = load(&args.file)?;
    let schema = crate::schema_of(&loaded.table);
    let model = resolve(&args.model, schema.kind)?;
    let derived = derive(&loaded.table, &schema, &DeriveParams::default());
    let scored = model
        .score(&derived.table, &derived.schema)
        .map_err(|e| e.to_string())?;
    let evaluation = model.evaluate(&derived.table, &scored.scores);
    let n = scored.scores.len();
    let mut scores = Vec::new();
    if args.rows {
        let order = ranking(&scored.scores);
        let mut rank = vec![0; n];
        for (i, &r) in order.iter().enumerate() {
            rank[r] = i + 1;
        }
        for (r, &rank) in rank.iter().enumerate() {
            let mut reasons = model
                .explain(&derived.table, &derived.schema, r)
                .map_err(|e| e.to_string())?;
            reasons.truncate(3);
            scores.push(RowScore {
                row: r + 1,
                rank,
                score: scored.scores[r],
                reasons,
            });
        }
    }
    let out = ScoreOutput {
        file: name,
        model: model.id.clone(),
        rows: n,
        mean_score: scored.scores.iter().sum::<f64>() / n.max(1) as f64,
        imputed: model.by_feature(&scored.imputed),
        unseen: model.by_feature(&scored.unseen),
        evaluation,
        scores,
    };
    if args.json {
        emit(&serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?)?;
    } else {
        println!(
            "{}",
            tf!(
                "{}: {} rows scored with {} — mean score {}",
                "{}: {} baris diskor dengan {} — skor rata-rata {}",
                out.file,
                thousands(n as u64),
                model.name,
                percent(out.mean_score)
            )
        );
        for (c, k) in &out.imputed {
            println!("  {}", imputed_line(c, *k));
        }
        for (c, k) in &out.unseen {
            println!("  {}", unseen_line(c, *k));
        }
        if let Some(e) = &out.evaluation {
            println!(
                "{}",
                tf!(
                    "evaluated on the file's {}: ROC AUC {}, PR AUC {}",
                    "dievaluasi terhadap kolom {} berkas: ROC AUC {}, PR AUC {}",
                    model.target.column,
                    fixed(e.roc_auc, 4),
                    fixed(e.pr_auc, 4)
                )
            );
        }
        let mut top: Vec<&RowScore> = out.scores.iter().filter(|s| s.rank <= 20).collect();
        top.sort_by_key(|s| s.rank);
        for s in top {
            let why: Vec<&str> = s.reasons.iter().map(|r| r.text.get().as_str()).collect();
            println!(
                "{}",
                tf!(
                    "#{:<3} row {:<6} {}  {}",
                    "#{:<3} baris {:<6} {}  {}",
                    s.rank,
                    s.row,
                    fixed(s.score, 3),
                    why.join("; ")
                )
            );
        }
    }
    Ok(())
}

/// "Income: 24 missing values took the training median".
fn imputed_line(column: &str, k: usize) -> String {
    tf!(
        "{column}: {k} missing values took the training median",
        "{column}: {k} nilai kosong diisi dengan median data latih"
    )
}

/// "Education: 3 values the model never saw (no effect)".
fn unseen_line(column: &str, k: usize) -> String {
    tf!(
        "{column}: {k} values the model never saw (no effect)",
        "{column}: {k} nilai yang belum pernah dilihat model (tanpa pengaruh)"
    )
}

/// Reads `file` chunk by chunk (see [`read_chunks`]), calling `each` with every chunk's table.
fn each_chunk(
    file: &std::path::Path,
    chunk_rows: usize,
    each: &mut dyn FnMut(klaster_engine::ingest::Loaded) -> Result<(), String>,
) -> Result<(), String> {
    let handle = std::fs::File::open(file).map_err(|e| {
        tf!(
            "cannot read {}: {e}",
            "tidak dapat membaca {}: {e}",
            file.display()
        )
    })?;
    let mut failed = None;
    read_chunks(
        std::io::BufReader::with_capacity(1 << 20, handle),
        &ReadOptions::default(),
        chunk_rows,
        &mut NoProgress,
        &mut |chunk| match each(chunk) {
            Ok(()) => true,
            Err(e) => {
                failed = Some(e);
                false
            }
        },
    )
    .map_err(|e| e.to_string())?;
    failed.map_or(Ok(()), Err)
}

/// `klaster score --stream`: scores a file of any size holding one chunk in memory at a time.
/// Derived features that depend on the whole table (the customer's tenure counts to the last
/// join date in the file) take that date from a first pass over the file, so every row gets the
/// score it gets when the file is scored whole.
fn stream_score(args: &ScoreArgs) -> Result<(), String> {
    use std::io::Write;
    let mut model: Option<ModelFile> = None;
    let mut params = DeriveParams::default();
    let mut needs_reference = false;
    // Pass 1, only when a derived feature counts days to the last date of the file.
    let mut latest: Option<i64> = None;
    let mut first = true;
    each_chunk(&args.file, args.chunk_rows, &mut |chunk| {
        let schema = crate::schema_of(&chunk.table);
        let date = derive(&chunk.table, &schema, &params).reference_date;
        if first {
            first = false;
            model = Some(resolve(&args.model, schema.kind)?);
            needs_reference = date.is_some();
            if !needs_reference {
                return Err(String::new());
            }
        }
        latest = latest.max(date);
        Ok(())
    })
    .or_else(|e| if e.is_empty() { Ok(()) } else { Err(e) })?;
    let model = model.ok_or(t("the file has no rows", "berkas tidak memiliki baris"))?;
    if needs_reference {
        params.reference_date = latest;
    }

    // Pass 2: score and print.
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let closed = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            String::new()
        } else {
            e.to_string()
        }
    };
    writeln!(out, "row,score").map_err(closed)?;
    let mut rows = 0usize;
    let mut sum = 0.0;
    let mut imputed = vec![0; model.features.len()];
    let mut unseen = vec![0; model.features.len()];
    let done = each_chunk(&args.file, args.chunk_rows, &mut |chunk| {
        let schema = crate::schema_of(&chunk.table);
        let derived = derive(&chunk.table, &schema, &params);
        let scored = model
            .score(&derived.table, &derived.schema)
            .map_err(|e| e.to_string())?;
        for (i, s) in scored.scores.iter().enumerate() {
            writeln!(out, "{},{s}", rows + i + 1).map_err(closed)?;
        }
        rows += scored.scores.len();
        sum += scored.scores.iter().sum::<f64>();
        for (total, n) in imputed.iter_mut().zip(&scored.imputed) {
            *total += n;
        }
        for (total, n) in unseen.iter_mut().zip(&scored.unseen) {
            *total += n;
        }
        Ok(())
    })
    .and_then(|()| out.flush().map_err(closed));
    match done {
        Err(e) if e.is_empty() => return Ok(()), // the reader closed the pipe
        other => other?,
    }
    eprintln!(
        "{}",
        tf!(
            "{} rows scored with {} in chunks of {} — mean score {}",
            "{} baris diskor dengan {} dalam potongan {} baris — skor rata-rata {}",
            thousands(rows as u64),
            model.name,
            thousands(args.chunk_rows as u64),
            percent(sum / rows.max(1) as f64)
        )
    );
    for (c, k) in model.by_feature(&imputed) {
        eprintln!("  {}", imputed_line(&c, k));
    }
    for (c, k) in model.by_feature(&unseen) {
        eprintln!("  {}", unseen_line(&c, k));
    }
    Ok(())
}

/// Options of `klaster plan`.
#[derive(Args)]
pub struct PlanArgs {
    pub file: PathBuf,
    /// A shipped model (bank, personality), a model file, or "auto".
    #[arg(long, default_value = "auto")]
    pub model: String,
    /// Cost of one contact (default: the file's Z_CostContact, else 3).
    #[arg(long)]
    pub cost: Option<f64>,
    /// Revenue of one response (default: the file's Z_Revenue, else 11).
    #[arg(long)]
    pub revenue: Option<f64>,
    /// Also segment the customers (the Segment step's defaults) and plan per segment.
    #[arg(long)]
    pub segments: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct PlanOutput {
    file: String,
    model: String,
    /// "file" when cost and revenue came from the file's columns, "example" or "options".
    economics: &'static str,
    #[serde(flatten)]
    plan: Plan,
}

pub fn run_plan(args: PlanArgs) -> Result<(), String> {
    let (name, _, loaded) = load(&args.file)?;
    let schema = crate::schema_of(&loaded.table);
    let model = resolve(&args.model, schema.kind)?;
    let derived = derive(&loaded.table, &schema, &DeriveParams::default());
    let (mut params, from_file) = PlanParams::from_table(&derived.table, &derived.schema);
    let mut economics = if from_file { "file" } else { "example" };
    if let Some(c) = args.cost {
        params.cost = c;
        economics = "options";
    }
    if let Some(r) = args.revenue {
        params.revenue = r;
        economics = "options";
    }
    let scored = model
        .score(&derived.table, &derived.schema)
        .map_err(|e| e.to_string())?;
    let outcomes: Option<Vec<bool>> = model
        .outcomes(&derived.table)
        .and_then(|l| l.into_iter().collect());
    let segmentation = if args.segments {
        let cleaned = clean(
            &derived.table,
            &derived.schema,
            &CleanParams::defaults_for(&derived.table, &derived.schema),
        );
        let params = SegmentParams::new(default_features(&derived));
        let s =
            segment_table(&cleaned.table, &derived.schema, &params).map_err(|e| e.to_string())?;
        let labels = s.row_labels(&cleaned.kept, derived.table.n_rows());
        // The plan's JSON carries the English names (machine output never follows --lang);
        // the text report shows them in the reader's language.
        let names: Vec<String> = s.segments.iter().map(|p| p.name.en.clone()).collect();
        let shown: Vec<String> = s.segments.iter().map(|p| p.name.get().clone()).collect();
        Some((labels, names, shown))
    } else {
        None
    };
    let segments = segmentation
        .as_ref()
        .map(|(labels, names, _)| Segments { labels, names });
    let plan =
        plan(&scored.scores, outcomes.as_deref(), segments, &params).map_err(|e| e.to_string())?;
    let out = PlanOutput {
        file: name,
        model: model.id.clone(),
        economics,
        plan,
    };
    if args.json {
        return emit(&serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
    }
    let p = &out.plan;
    let source = match economics {
        "file" => t("file", "berkas"),
        "example" => t("example", "contoh"),
        _ => t("options", "opsi"),
    };
    println!(
        "{}",
        tf!(
            "{}: {} customers scored with {}; cost {} per contact, revenue {} per response ({})",
            "{}: {} pelanggan diskor dengan {}; biaya {} per kontak, pendapatan {} per respons ({})",
            out.file,
            thousands(p.rows as u64),
            model.name,
            amount(p.params.cost),
            amount(p.params.revenue),
            source
        )
    );
    for g in &p.table {
        println!(
            "{}",
            tf!(
                "contact the top {} → reach {} of the expected responders, lift {}",
                "hubungi {} teratas → jangkau {} perkiraan responden, lift {}",
                percent(g.share),
                percent(g.responder_share),
                fixed(g.lift.unwrap_or(f64::NAN), 2)
            )
        );
    }
    println!("{}", tf!("best: {}", "terbaik: {}", p.best.recommendation));
    if let Some(s) = &p.segments {
        let shown = segmentation.as_ref().map(|(_, _, shown)| shown);
        for seg in &s.segments {
            let name = shown
                .and_then(|names| names.get(seg.id))
                .unwrap_or(&seg.name);
            println!("  {name}: {}", seg.recommendation);
        }
    }
    Ok(())
}

/// Options of `klaster sql`.
#[derive(Args)]
pub struct SqlArgs {
    /// The data file (or a sample of it) when no --segments file says what the data looks like.
    pub file: Option<PathBuf>,
    /// A shipped model (bank, personality), a model file, or "auto" (needs FILE).
    #[arg(long)]
    pub model: Option<String>,
    /// A segmentation file written by `klaster segment --save` or the page's export.
    #[arg(long, value_name = "PATH")]
    pub segments: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "duckdb")]
    pub dialect: DialectArg,
    /// The table the query reads, as written after FROM (`project.dataset.customers`).
    #[arg(long, default_value = "customers")]
    pub table: String,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum DialectArg {
    Duckdb,
    Spark,
    Bigquery,
}

/// `klaster sql`: the warehouse scoring query for a model and/or a segmentation.
pub fn run_sql(args: SqlArgs) -> Result<(), String> {
    let dialect = match args.dialect {
        DialectArg::Duckdb => Dialect::DuckDb,
        DialectArg::Spark => Dialect::Spark,
        DialectArg::Bigquery => Dialect::BigQuery,
    };
    if args.model.is_none() && args.segments.is_none() {
        return Err(t(
            "give --model, --segments, or both",
            "berikan --model, --segments, atau keduanya",
        )
        .into());
    }
    let segments = args
        .segments
        .as_ref()
        .map(|p| {
            let text = std::fs::read_to_string(p).map_err(|e| {
                tf!(
                    "cannot read {}: {e}",
                    "tidak dapat membaca {}: {e}",
                    p.display()
                )
            })?;
            SegmentsFile::from_json(&text).map_err(|e| format!("{}: {e}", p.display()))
        })
        .transpose()?;
    let data = args
        .file
        .as_ref()
        .map(|f| -> Result<_, String> {
            let (_, _, loaded) = crate::load(f)?;
            let schema = crate::schema_of(&loaded.table);
            // The query needs the derivation only; cleaning decides nothing in it.
            Ok(derive(&loaded.table, &schema, &DeriveParams::default()))
        })
        .transpose()?;
    let source = match (&segments, &data) {
        (_, Some(d)) => Source::of(d),
        (Some(s), None) => s.source.clone(),
        (None, None) => {
            return Err(t(
                "pass the data file (or --segments saved from it): the query reads \
                        its columns the way the engine read them",
                "berikan berkas datanya (atau --segments yang disimpan darinya): kueri \
                        membaca kolomnya seperti mesin membacanya",
            )
            .into())
        }
    };
    let model = args
        .model
        .as_deref()
        .map(|spec| {
            let kind = data.as_ref().map(|d| d.schema.kind);
            match (spec, kind) {
                ("auto", None) => Err(t(
                    "--model auto needs the data file",
                    "--model auto memerlukan berkas data",
                )
                .to_string()),
                (_, Some(kind)) => resolve(spec, kind),
                (_, None) => resolve(spec, klaster_engine::schema::SchemaKind::Unknown),
            }
        })
        .transpose()?;
    // SQL is machine output: the segments' names and the comments are the same (English) in
    // every language.
    let names = segments
        .as_ref()
        .map(|s| with_lang(Lang::En, || s.names()))
        .unwrap_or_default();
    let query = Query {
        table: &args.table,
        source: &source,
        model: model.as_ref(),
        segments: segments.as_ref().map(|s| (&s.model, names.as_slice())),
    };
    let sql = with_lang(Lang::En, || scoring_sql(&query, dialect)).map_err(|e| e.to_string())?;
    crate::emit(sql.trim_end())
}
