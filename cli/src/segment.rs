//! `klaster segment FILE`: the Prepare and Segment steps of the page on the command line —
//! recognise the schema, derive features, apply the cleaning rules, run the k sweep and profile
//! the chosen k — as JSON (`--json`) or a readable report.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use klaster_engine::features::{
    clean, derive, AgeGroups, CleanParams, DeriveParams, DeriveReport, FeatureSpec, RuleOutcome,
    Scaling,
};
use klaster_engine::format::{amount, fixed, percent, thousands};
use klaster_engine::i18n::{t, with_lang, L10n, Lang};
use klaster_engine::schema::{RowKind, SchemaKind};
use klaster_engine::segment::{
    default_features, segment_table, Algorithm, SegmentError, SegmentParams, SegmentProfile,
    Suggestion, SweepPoint,
};
use klaster_engine::segments_file::SegmentsFile;
use klaster_engine::table::{ColumnData, Table};
use klaster_engine::tf;
use serde::Serialize;

/// Options of `klaster segment`.
#[derive(Args)]
pub struct SegmentArgs {
    pub file: PathBuf,
    /// Print JSON instead of the report.
    #[arg(long)]
    pub json: bool,

    // Derive.
    /// The "today" of the data (ages, membership length); default: the last join date.
    #[arg(long, value_name = "YYYY-MM-DD", help_heading = "Derive")]
    pub reference_date: Option<String>,
    /// Age groups: "Young" below this age.
    #[arg(long, value_name = "N", help_heading = "Derive")]
    pub young_below: Option<f64>,
    /// Age groups: "Senior" from this age.
    #[arg(long, value_name = "N", help_heading = "Derive")]
    pub senior_from: Option<f64>,

    // Clean.
    /// Rows without income: drop them, impute the median, or keep them.
    #[arg(long, value_enum, value_name = "RULE", help_heading = "Clean")]
    pub missing_income: Option<MissingIncomeArg>,
    /// Keep rows with impossible ages (born before 1900, 100 or older).
    #[arg(long, help_heading = "Clean")]
    pub no_impossible_ages: bool,
    /// Drop rows outside the 1.5 × IQR fences of COL (repeatable; replaces the default, income).
    #[arg(
        long,
        value_name = "COL",
        help_heading = "Clean",
        conflicts_with = "no_iqr"
    )]
    pub iqr: Vec<String>,
    /// No IQR fence rule at all.
    #[arg(long, help_heading = "Clean")]
    pub no_iqr: bool,
    /// Drop rows that repeat an earlier row (identifiers ignored).
    #[arg(long, help_heading = "Clean")]
    pub drop_duplicates: bool,

    // Segment.
    /// The algorithm; default: K-Prototypes when a feature is a category, K-Means otherwise.
    #[arg(long, value_enum, help_heading = "Segment")]
    pub algorithm: Option<AlgorithmArg>,
    /// Features to segment on, comma-separated; default: LRFM when derivable.
    #[arg(
        long,
        value_name = "COL[,COL…]",
        value_delimiter = ',',
        help_heading = "Segment"
    )]
    pub features: Vec<String>,
    /// Scaling of every numeric feature (default: standard, and log1p for heavy-tailed money
    /// and count columns of a table Klaster does not know, as the page does).
    #[arg(long, value_enum, help_heading = "Segment")]
    pub scaling: Option<ScalingArg>,
    /// The number of segments to profile (alone: fit only this k).
    #[arg(long, value_name = "N", help_heading = "Segment")]
    pub k: Option<usize>,
    /// The k sweep, inclusive (default 2..10, or N..N with --k N alone).
    #[arg(long, value_name = "A..B", help_heading = "Segment")]
    pub sweep: Option<String>,
    /// Restarts per k (the lowest cost wins).
    #[arg(long, value_name = "N", help_heading = "Segment")]
    pub restarts: Option<usize>,
    /// Seed of every random draw.
    #[arg(long, value_name = "N", help_heading = "Segment")]
    pub seed: Option<u64>,
    /// K-Prototypes: weight of a category mismatch (default: half the mean numeric std).
    #[arg(
        long,
        value_name = "X",
        allow_negative_numbers = true,
        help_heading = "Segment"
    )]
    pub gamma: Option<f64>,
    /// Add the segment of every input row.
    #[arg(long, help_heading = "Segment")]
    pub assignments: bool,
    /// Write the segmentation file (JSON: the segments, how to place a customer, and what
    /// `klaster sql` needs to know about the data).
    #[arg(long, value_name = "PATH", help_heading = "Segment")]
    pub save: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum MissingIncomeArg {
    Drop,
    Impute,
    Keep,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum AlgorithmArg {
    Kmeans,
    Kprototypes,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ScalingArg {
    Standard,
    Minmax,
    Log1p,
    None,
}

impl From<ScalingArg> for Scaling {
    fn from(s: ScalingArg) -> Self {
        match s {
            ScalingArg::Standard => Scaling::Standard,
            ScalingArg::Minmax => Scaling::MinMax,
            ScalingArg::Log1p => Scaling::Log1p,
            ScalingArg::None => Scaling::None,
        }
    }
}

/// `klaster segment --json`.
#[derive(Serialize)]
struct SegmentOutput<'a> {
    file: &'a str,
    /// Data rows read from the file.
    rows: usize,
    schema: SchemaOut,
    derived: DeriveReport,
    cleaning: CleaningOut<'a>,
    algorithm: Algorithm,
    algorithm_label: &'static str,
    features: &'a [FeatureSpec],
    rows_used: usize,
    rows_skipped: usize,
    sweep: &'a [SweepPoint],
    suggestion: &'a Suggestion,
    k: usize,
    gamma: Option<f64>,
    silhouette: Option<SilhouetteOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outliers: Option<&'a klaster_engine::segment::outliers::Outliers>,
    #[serde(skip_serializing_if = "Option::is_none")]
    caution: Option<&'a L10n<String>>,
    overall_response: Option<f64>,
    segments: &'a [SegmentProfile],
    #[serde(skip_serializing_if = "Option::is_none")]
    assignments: Option<Vec<Assignment>>,
}

#[derive(Serialize)]
struct SchemaOut {
    kind: SchemaKind,
    label: &'static str,
    /// What one row is (`--row`, else the guess).
    row: RowKind,
}

#[derive(Serialize)]
struct CleaningOut<'a> {
    rules: &'a [RuleOutcome],
    rows_before: usize,
    rows_kept: usize,
}

#[derive(Serialize)]
struct SilhouetteOut {
    score: f64,
    /// Rows it was computed on (a seeded sample of large tables).
    rows_used: usize,
    sampled: bool,
}

/// The segment of one data row of the file.
#[derive(Serialize)]
struct Assignment {
    /// 1-based data row of the file (header and blank lines not counted).
    row: usize,
    segment: Option<usize>,
    name: Option<String>,
    /// Why the row has no segment.
    #[serde(skip_serializing_if = "Option::is_none")]
    excluded: Option<&'static str>,
}

/// Parses `2..10` (also `2..=10`, `2-10`) into an inclusive range.
fn parse_sweep(text: &str) -> Result<(usize, usize), String> {
    let bad = || {
        tf!(
            "--sweep {text}: expected a range like 2..10",
            "--sweep {text}: diharapkan rentang seperti 2..10"
        )
    };
    let (a, b) = text
        .split_once("..=")
        .or_else(|| text.split_once(".."))
        .or_else(|| text.split_once('-'))
        .ok_or_else(bad)?;
    let a: usize = a.trim().parse().map_err(|_| bad())?;
    let b: usize = b.trim().parse().map_err(|_| bad())?;
    if a < 2 {
        return Err(tf!(
            "--sweep {text}: k starts at 2 (one segment is no segmentation)",
            "--sweep {text}: k dimulai dari 2 (satu segmen bukanlah segmentasi)"
        ));
    }
    if b < a {
        return Err(tf!(
            "--sweep {text}: the range is empty",
            "--sweep {text}: rentangnya kosong"
        ));
    }
    Ok((a, b))
}

fn parse_date(text: &str) -> Result<i64, String> {
    use klaster_engine::ingest::values::{days_from_civil, valid_ymd};
    let bad = || {
        tf!(
            "--reference-date {text}: expected a date like 2014-12-31",
            "--reference-date {text}: diharapkan tanggal seperti 2014-12-31"
        )
    };
    let mut parts = text.trim().splitn(3, '-');
    let y: i32 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    let m: u32 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    let d: u32 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    if !valid_ymd(y, m, d) {
        return Err(tf!(
            "--reference-date {text}: no such date",
            "--reference-date {text}: tanggal itu tidak ada"
        ));
    }
    Ok(days_from_civil(y, m, d))
}

/// Column names for an error message, shortened.
fn column_list(table: &Table) -> String {
    let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    if names.len() > 12 {
        tf!(
            "{}, … ({} in all)",
            "{}, … ({} seluruhnya)",
            names[..12].join(", "),
            names.len()
        )
    } else {
        names.join(", ")
    }
}

pub fn run(args: SegmentArgs) -> Result<(), String> {
    // Options that need no data first, so a typo fails fast.
    let (k_min, k_max) = match (&args.sweep, args.k) {
        (Some(s), _) => parse_sweep(s)?,
        (None, Some(k)) => (k, k),
        (None, None) => (2, 10),
    };
    if let Some(k) = args.k {
        if k < 2 {
            return Err(tf!(
                "--k {k}: at least 2 segments are needed",
                "--k {k}: diperlukan minimal 2 segmen"
            ));
        }
        if !(k_min..=k_max).contains(&k) {
            return Err(tf!(
                "--k {k} is outside the sweep {k_min}..{k_max}",
                "--k {k} berada di luar rentang sweep {k_min}..{k_max}"
            ));
        }
    }
    if args.restarts == Some(0) {
        return Err(t("--restarts must be at least 1", "--restarts minimal 1").into());
    }
    if let Some(g) = args.gamma {
        if !(g.is_finite() && g >= 0.0) {
            return Err(tf!(
                "--gamma {g}: must be a number ≥ 0",
                "--gamma {g}: harus berupa angka ≥ 0"
            ));
        }
        if matches!(args.algorithm, Some(AlgorithmArg::Kmeans)) {
            return Err(t(
                "--gamma applies to K-Prototypes only, not K-Means",
                "--gamma hanya berlaku untuk K-Prototypes, bukan K-Means",
            )
            .into());
        }
    }
    let reference_date = args.reference_date.as_deref().map(parse_date).transpose()?;
    let mut age_groups = AgeGroups::default();
    if let Some(y) = args.young_below {
        age_groups.young_below = y;
    }
    if let Some(s) = args.senior_from {
        age_groups.senior_from = s;
    }
    if !(age_groups.young_below.is_finite()
        && age_groups.senior_from.is_finite()
        && age_groups.young_below < age_groups.senior_from)
    {
        return Err(tf!(
            "--young-below ({}) must be below --senior-from ({})",
            "--young-below ({}) harus di bawah --senior-from ({})",
            age_groups.young_below,
            age_groups.senior_from
        ));
    }

    let (name, _, loaded) = crate::load(&args.file)?;
    let table = &loaded.table;
    let schema = crate::schema_of(table);
    let derived = derive(
        table,
        &schema,
        &DeriveParams {
            reference_date,
            age_groups,
        },
    );

    let mut clean_params = CleanParams::defaults_for(&derived.table, &derived.schema);
    if let Some(m) = args.missing_income {
        clean_params.missing_income = match m {
            MissingIncomeArg::Drop => klaster_engine::features::MissingIncome::Drop,
            MissingIncomeArg::Impute => klaster_engine::features::MissingIncome::ImputeMedian,
            MissingIncomeArg::Keep => klaster_engine::features::MissingIncome::Keep,
        };
    }
    clean_params.impossible_ages = !args.no_impossible_ages;
    if args.no_iqr {
        clean_params.iqr_columns.clear();
    } else if !args.iqr.is_empty() {
        for c in &args.iqr {
            match derived.table.column(c) {
                None => {
                    return Err(tf!(
                        "--iqr: no column called {c} (columns: {})",
                        "--iqr: tidak ada kolom bernama {c} (kolom: {})",
                        column_list(&derived.table)
                    ))
                }
                Some(col) if !col.kind.is_quantity() => {
                    return Err(tf!(
                        "--iqr {c}: not a numeric column",
                        "--iqr {c}: bukan kolom numerik"
                    ))
                }
                Some(_) => {}
            }
        }
        clean_params.iqr_columns = args.iqr.clone();
    }
    clean_params.duplicates = args.drop_duplicates;
    let cleaned = clean(&derived.table, &derived.schema, &clean_params);

    let chosen = args.scaling.map(Scaling::from);
    let scaling = chosen.unwrap_or(Scaling::Standard);
    let features: Vec<FeatureSpec> = if args.features.is_empty() {
        default_features(&derived)
            .into_iter()
            .map(|s| FeatureSpec {
                scaling: chosen.unwrap_or(s.scaling),
                ..s
            })
            .collect()
    } else {
        let mut out: Vec<FeatureSpec> = Vec::new();
        for c in args
            .features
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
        {
            if cleaned.table.column(c).is_none() {
                return Err(tf!(
                    "--features: no column called {c} (columns: {})",
                    "--features: tidak ada kolom bernama {c} (kolom: {})",
                    column_list(&cleaned.table)
                ));
            }
            if out.iter().any(|s| s.column == c) {
                return Err(tf!(
                    "--features: {c} is listed twice",
                    "--features: {c} tercantum dua kali"
                ));
            }
            out.push(FeatureSpec {
                column: c.to_string(),
                scaling,
            });
        }
        out
    };
    if features.is_empty() {
        return Err(t(
            "no feature to segment on: this table has no LRFM or numeric columns with a \
             meaning; choose some with --features",
            "tidak ada fitur untuk segmentasi: tabel ini tidak memiliki kolom LRFM atau kolom \
             numerik yang bermakna; pilih beberapa dengan --features",
        )
        .into());
    }
    if args.gamma.is_some() && args.algorithm.is_none() {
        let has_category = features.iter().any(|s| {
            cleaned
                .table
                .column(&s.column)
                .is_some_and(|c| matches!(*c.data, ColumnData::Categorical { .. }))
        });
        if !has_category {
            return Err(t(
                "--gamma applies to K-Prototypes only; the features are all numbers (K-Means)",
                "--gamma hanya berlaku untuk K-Prototypes; semua fiturnya angka (K-Means)",
            )
            .into());
        }
    }

    let mut params = SegmentParams::new(features);
    params.algorithm = args.algorithm.map(|a| match a {
        AlgorithmArg::Kmeans => Algorithm::KMeans,
        AlgorithmArg::Kprototypes => Algorithm::KPrototypes,
    });
    params.k_min = k_min;
    params.k_max = k_max;
    params.k = args.k;
    if let Some(n) = args.restarts {
        params.n_init = n;
    }
    if let Some(s) = args.seed {
        params.seed = s;
    }
    params.gamma = args.gamma;
    let seg = segment_table(&cleaned.table, &derived.schema, &params).map_err(|e| match e {
        SegmentError::WrongAlgorithm => t(
            "K-Prototypes needs at least one category and one number \
             among the features: add one to --features, or use --algorithm kmeans (categories \
             one-hot encoded)",
            "K-Prototypes memerlukan setidaknya satu kategori dan satu angka di antara fitur: \
             tambahkan satu ke --features, atau gunakan --algorithm kmeans (kategori dienkode \
             one-hot)",
        )
        .to_string(),
        e => e.to_string(),
    })?;
    if let Some(k) = args.k {
        if seg.k != k {
            let last = seg.sweep.last().map_or(k_min, |p| p.k);
            return Err(tf!(
                "k = {k} could not be fitted: the sweep stopped at k = {last} (too few different rows)",
                "k = {k} tidak dapat dibentuk: sweep berhenti di k = {last} (terlalu sedikit baris yang berbeda)"
            ));
        }
    }

    let assignments = args.assignments.then(|| {
        let rows = table.n_rows();
        let mut out: Vec<Assignment> = (0..rows)
            .map(|r| Assignment {
                row: r + 1,
                segment: None,
                name: None,
                excluded: Some("cleaned out"),
            })
            .collect();
        for &orig in &cleaned.kept {
            out[orig].excluded = Some("missing a feature");
        }
        for (&pos, &label) in seg.rows.iter().zip(&seg.labels) {
            if let Some(a) = cleaned.kept.get(pos).and_then(|&o| out.get_mut(o)) {
                a.segment = Some(label);
                // Machine output: the English name, whatever --lang says.
                a.name = seg.segments.get(label).map(|s| s.name.en.clone());
                a.excluded = None;
            }
        }
        out
    });

    if let Some(path) = &args.save {
        let file = SegmentsFile::new(&name, &seg, &[], &derived);
        std::fs::write(path, file.to_json()).map_err(|e| {
            tf!(
                "cannot write {}: {e}",
                "tidak dapat menulis {}: {e}",
                path.display()
            )
        })?;
    }

    let out = SegmentOutput {
        file: &name,
        rows: table.n_rows(),
        schema: SchemaOut {
            kind: derived.schema.kind,
            // Machine output: the same in every language.
            label: with_lang(Lang::En, || derived.schema.kind.label()),
            row: derived.schema.row,
        },
        derived: derived.report(),
        cleaning: CleaningOut {
            rules: &cleaned.rules,
            rows_before: cleaned.rows_before,
            rows_kept: cleaned.kept.len(),
        },
        algorithm: seg.algorithm,
        algorithm_label: seg.algorithm.label(),
        features: &seg.features,
        rows_used: seg.rows_used,
        rows_skipped: seg.rows_skipped,
        sweep: &seg.sweep,
        suggestion: &seg.suggestion,
        k: seg.k,
        gamma: seg.gamma,
        silhouette: seg.silhouette.as_ref().map(|s| SilhouetteOut {
            score: s.score,
            rows_used: s.rows_used,
            sampled: s.seed.is_some(),
        }),
        outliers: seg.outliers.as_ref(),
        caution: seg.caution.as_ref(),
        overall_response: seg.overall_response,
        segments: &seg.segments,
        assignments,
    };
    if args.json {
        let text = serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?;
        crate::emit(&text)
    } else {
        crate::emit(&report(&out))
    }
}

/// The readable report.
fn report(o: &SegmentOutput) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let n = |v: usize| thousands(v as u64);
    let _ = writeln!(
        s,
        "{}",
        tf!(
            "{} — {} ({} rows)",
            "{} — {} ({} baris)",
            o.file,
            o.schema.kind.label(),
            n(o.rows)
        )
    );
    if !o.derived.features.is_empty() {
        let names: Vec<&str> = o.derived.features.iter().map(|f| f.name.as_str()).collect();
        let names = names.join(", ");
        let _ = writeln!(s, "{}", tf!("Derived: {names}", "Fitur turunan: {names}"));
        if let (Some(d), Some(src)) = (&o.derived.reference_date, &o.derived.reference_source) {
            let _ = writeln!(
                s,
                "  {}",
                tf!("reference date {d} ({src})", "tanggal acuan {d} ({src})")
            );
        }
    }
    let _ = writeln!(s, "{}", t("Cleaning:", "Pembersihan:"));
    for r in o.cleaning.rules {
        let what = if r.imputed > 0 {
            tf!("{} filled in", "{} diisi", n(r.imputed))
        } else if r.enabled {
            tf!("{} rows removed", "{} baris dihapus", n(r.rows))
        } else {
            tf!(
                "off (would remove {})",
                "nonaktif (akan menghapus {})",
                n(r.rows)
            )
        };
        let _ = writeln!(
            s,
            "  [{}] {} — {what}",
            if r.enabled { "x" } else { " " },
            r.label
        );
    }
    let _ = writeln!(
        s,
        "  {}",
        tf!(
            "{} of {} rows kept",
            "{} dari {} baris dipertahankan",
            n(o.cleaning.rows_kept),
            n(o.cleaning.rows_before)
        )
    );
    let mixed = o
        .features
        .iter()
        .any(|f| f.scaling != o.features[0].scaling);
    let feats: Vec<String> = o
        .features
        .iter()
        .map(|f| match mixed {
            true => format!("{} ({})", f.column, f.scaling.label()),
            false => f.column.clone(),
        })
        .collect();
    let scaling = match mixed {
        true => t("per feature", "per fitur"),
        false => o.features.first().map_or("", |f| f.scaling.label()),
    };
    let _ = writeln!(
        s,
        "\n{}",
        tf!(
            "{} on {} (numbers scaled: {scaling}): {} rows used, {} skipped (a feature missing)",
            "{} pada {} (penskalaan angka: {scaling}): {} baris dipakai, {} dilewati (ada fitur yang kosong)",
            o.algorithm_label,
            feats.join(", "),
            n(o.rows_used),
            n(o.rows_skipped)
        )
    );
    let cost = match o.algorithm {
        Algorithm::KMeans => t("inertia", "inersia"),
        Algorithm::KPrototypes => t("cost", "biaya"),
    };
    let _ = writeln!(
        s,
        "  {:>3}  {:>14}  {:>10}",
        "k",
        cost,
        t("silhouette", "siluet")
    );
    for p in o.sweep {
        let _ = writeln!(
            s,
            "  {:>3}  {:>14}  {:>10}{}",
            p.k,
            amount(p.cost),
            p.silhouette.map_or("–".into(), |x| fixed(x, 3)),
            if p.k == o.k { "  ←" } else { "" }
        );
    }
    let _ = writeln!(
        s,
        "{}",
        tf!("Suggested: {}", "Saran: {}", o.suggestion.reason)
    );
    let mut chosen = format!("k = {}", o.k);
    if let Some(sil) = &o.silhouette {
        let score = fixed(sil.score, 3);
        let _ = write!(
            chosen,
            "{}",
            tf!(", silhouette {score}", ", siluet {score}")
        );
        if sil.sampled {
            let _ = write!(
                chosen,
                "{}",
                tf!(
                    " (on a sample of {} rows)",
                    " (pada sampel {} baris)",
                    n(sil.rows_used)
                )
            );
        }
    }
    if let Some(g) = o.gamma {
        let _ = write!(chosen, ", gamma {}", fixed(g, 3));
    }
    let _ = writeln!(s, "{}", tf!("Chosen: {chosen}", "Terpilih: {chosen}"));
    if let Some(out) = o.outliers {
        let (count, share, min) = (n(out.count), percent(out.share), percent(out.min_share));
        let (fitted, kept) = (out.fitted_k, o.k);
        let rows: Vec<String> = out.examples.iter().map(|r| n(r + 1)).collect();
        let rows = rows.join(", ");
        let _ = writeln!(
            s,
            "{}",
            tf!(
                "At k = {fitted}, {count} rows ({share}) formed groups under {min} of the rows: set apart as outliers, leaving {kept} segments. Rows {rows}",
                "Pada k = {fitted}, {count} baris ({share}) membentuk kelompok di bawah {min} baris: dipisahkan sebagai pencilan, tersisa {kept} segmen. Baris {rows}"
            )
        );
    }
    if let Some(caution) = o.caution {
        let _ = writeln!(s, "{caution}");
    }
    for seg in o.segments {
        let mut head = format!(
            "\n{}. {} — {} ({})",
            seg.id,
            seg.name,
            o.schema.row.count(seg.size),
            percent(seg.share)
        );
        if let Some(r) = seg.response_rate {
            let _ = write!(head, "{}", tf!(", response {}", ", respons {}", percent(r)));
        }
        let _ = writeln!(s, "{head}");
        if !seg.description.get().is_empty() {
            let _ = writeln!(s, "   {}", seg.description);
        }
        let values: Vec<String> = seg
            .values
            .iter()
            .filter_map(|v| {
                if let Some(m) = v.mean {
                    Some(match v.index {
                        Some(i) => tf!(
                            "{} {} (index {:.0})",
                            "{} {} (indeks {:.0})",
                            v.column,
                            amount(m),
                            i
                        ),
                        None => format!("{} {}", v.column, amount(m)),
                    })
                } else {
                    v.mode
                        .as_ref()
                        .map(|(c, share)| format!("{} {} ({})", v.column, c, percent(*share)))
                }
            })
            .collect();
        if !values.is_empty() {
            let _ = writeln!(s, "   {}", values.join("; "));
        }
        for a in seg.actions.get() {
            let _ = writeln!(s, "   - {a}");
        }
    }
    if let Some(assignments) = &o.assignments {
        let _ = writeln!(s, "\n{}", t("row\tsegment\tname", "baris\tsegmen\tnama"));
        // The report's names are in the reader's language (the JSON's in English).
        let names: Vec<&str> = o.segments.iter().map(|p| p.name.get().as_str()).collect();
        for a in assignments {
            let why = a.excluded.map(|why| match why {
                "cleaned out" => t("cleaned out", "dibuang saat pembersihan"),
                "missing a feature" => t("missing a feature", "ada fitur yang kosong"),
                other => other,
            });
            let name = a.segment.and_then(|x| names.get(x).copied());
            let _ = writeln!(
                s,
                "{}\t{}\t{}",
                a.row,
                a.segment.map_or("–".into(), |x| x.to_string()),
                name.or(a.name.as_deref()).or(why).unwrap_or("")
            );
        }
    }
    s.pop();
    s
}
