//! `klaster segment FILE`: the Prepare and Segment steps of the page on the command line —
//! recognise the schema, derive features, apply the cleaning rules, run the k sweep and profile
//! the chosen k — as JSON (`--json`) or a readable report.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use klaster_engine::features::{
    clean, derive, AgeGroups, CleanParams, DeriveParams, DeriveReport, FeatureSpec, RuleOutcome,
    Scaling,
};
use klaster_engine::format::{amount, percent, thousands};
use klaster_engine::schema::{recognise, SchemaKind};
use klaster_engine::segment::{
    default_features, segment_table, Algorithm, SegmentError, SegmentParams, SegmentProfile,
    SegmentsFile, Suggestion, SweepPoint,
};
use klaster_engine::table::{ColumnData, Table};
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
    /// Scaling of every numeric feature.
    #[arg(long, value_enum, default_value = "standard", help_heading = "Segment")]
    pub scaling: ScalingArg,
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
    overall_response: Option<f64>,
    segments: &'a [SegmentProfile],
    #[serde(skip_serializing_if = "Option::is_none")]
    assignments: Option<Vec<Assignment>>,
}

#[derive(Serialize)]
struct SchemaOut {
    kind: SchemaKind,
    label: &'static str,
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
    let bad = || format!("--sweep {text}: expected a range like 2..10");
    let (a, b) = text
        .split_once("..=")
        .or_else(|| text.split_once(".."))
        .or_else(|| text.split_once('-'))
        .ok_or_else(bad)?;
    let a: usize = a.trim().parse().map_err(|_| bad())?;
    let b: usize = b.trim().parse().map_err(|_| bad())?;
    if a < 2 {
        return Err(format!(
            "--sweep {text}: k starts at 2 (one segment is no segmentation)"
        ));
    }
    if b < a {
        return Err(format!("--sweep {text}: the range is empty"));
    }
    Ok((a, b))
}

fn parse_date(text: &str) -> Result<i64, String> {
    use klaster_engine::ingest::values::{days_from_civil, valid_ymd};
    let bad = || format!("--reference-date {text}: expected a date like 2014-12-31");
    let mut parts = text.trim().splitn(3, '-');
    let y: i32 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    let m: u32 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    let d: u32 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    if !valid_ymd(y, m, d) {
        return Err(format!("--reference-date {text}: no such date"));
    }
    Ok(days_from_civil(y, m, d))
}

/// Column names for an error message, shortened.
fn column_list(table: &Table) -> String {
    let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    if names.len() > 12 {
        format!("{}, … ({} in all)", names[..12].join(", "), names.len())
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
            return Err(format!("--k {k}: at least 2 segments are needed"));
        }
        if !(k_min..=k_max).contains(&k) {
            return Err(format!("--k {k} is outside the sweep {k_min}..{k_max}"));
        }
    }
    if args.restarts == Some(0) {
        return Err("--restarts must be at least 1".into());
    }
    if let Some(g) = args.gamma {
        if !(g.is_finite() && g >= 0.0) {
            return Err(format!("--gamma {g}: must be a number ≥ 0"));
        }
        if matches!(args.algorithm, Some(AlgorithmArg::Kmeans)) {
            return Err("--gamma applies to K-Prototypes only, not K-Means".into());
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
        return Err(format!(
            "--young-below ({}) must be below --senior-from ({})",
            age_groups.young_below, age_groups.senior_from
        ));
    }

    let (name, _, loaded) = crate::load(&args.file)?;
    let table = &loaded.table;
    let schema = recognise(table);
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
                    return Err(format!(
                        "--iqr: no column called {c} (columns: {})",
                        column_list(&derived.table)
                    ))
                }
                Some(col) if !col.kind.is_quantity() => {
                    return Err(format!("--iqr {c}: not a numeric column"))
                }
                Some(_) => {}
            }
        }
        clean_params.iqr_columns = args.iqr.clone();
    }
    clean_params.duplicates = args.drop_duplicates;
    let cleaned = clean(&derived.table, &derived.schema, &clean_params);

    let scaling = Scaling::from(args.scaling);
    let features: Vec<FeatureSpec> = if args.features.is_empty() {
        default_features(&derived)
            .into_iter()
            .map(|s| FeatureSpec { scaling, ..s })
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
                return Err(format!(
                    "--features: no column called {c} (columns: {})",
                    column_list(&cleaned.table)
                ));
            }
            if out.iter().any(|s| s.column == c) {
                return Err(format!("--features: {c} is listed twice"));
            }
            out.push(FeatureSpec {
                column: c.to_string(),
                scaling,
            });
        }
        out
    };
    if features.is_empty() {
        return Err(
            "no feature to segment on: this table has no LRFM or numeric columns with a \
             meaning; choose some with --features"
                .into(),
        );
    }
    if args.gamma.is_some() && args.algorithm.is_none() {
        let has_category = features.iter().any(|s| {
            cleaned
                .table
                .column(&s.column)
                .is_some_and(|c| matches!(*c.data, ColumnData::Categorical { .. }))
        });
        if !has_category {
            return Err(
                "--gamma applies to K-Prototypes only; the features are all numbers (K-Means)"
                    .into(),
            );
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
        SegmentError::WrongAlgorithm => "K-Prototypes needs at least one category and one number \
             among the features: add one to --features, or use --algorithm kmeans (categories \
             one-hot encoded)"
            .to_string(),
        e => e.to_string(),
    })?;
    if let Some(k) = args.k {
        if seg.k != k {
            let last = seg.sweep.last().map_or(k_min, |p| p.k);
            return Err(format!(
                "k = {k} could not be fitted: the sweep stopped at k = {last} (too few different rows)"
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
                a.name = seg.segments.get(label).map(|s| s.name.get().clone());
                a.excluded = None;
            }
        }
        out
    });

    if let Some(path) = &args.save {
        let file = SegmentsFile::new(&name, &seg, &[], &derived);
        std::fs::write(path, file.to_json())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }

    let out = SegmentOutput {
        file: &name,
        rows: table.n_rows(),
        schema: SchemaOut {
            kind: derived.schema.kind,
            label: derived.schema.kind.label(),
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
    let _ = writeln!(s, "{} — {} ({} rows)", o.file, o.schema.label, n(o.rows));
    if !o.derived.features.is_empty() {
        let names: Vec<&str> = o.derived.features.iter().map(|f| f.name.as_str()).collect();
        let _ = writeln!(s, "Derived: {}", names.join(", "));
        if let (Some(d), Some(src)) = (&o.derived.reference_date, &o.derived.reference_source) {
            let _ = writeln!(s, "  reference date {d} ({src})");
        }
    }
    let _ = writeln!(s, "Cleaning:");
    for r in o.cleaning.rules {
        let what = if r.imputed > 0 {
            format!("{} filled in", n(r.imputed))
        } else if r.enabled {
            format!("{} rows removed", n(r.rows))
        } else {
            format!("off (would remove {})", n(r.rows))
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
        "  {} of {} rows kept",
        n(o.cleaning.rows_kept),
        n(o.cleaning.rows_before)
    );
    let feats: Vec<&str> = o.features.iter().map(|f| f.column.as_str()).collect();
    let scaling = o.features.first().map_or("", |f| f.scaling.label());
    let _ = writeln!(
        s,
        "\n{} on {} (numbers scaled: {scaling}): {} rows used, {} skipped (a feature missing)",
        o.algorithm_label,
        feats.join(", "),
        n(o.rows_used),
        n(o.rows_skipped)
    );
    let cost = match o.algorithm {
        Algorithm::KMeans => "inertia",
        Algorithm::KPrototypes => "cost",
    };
    let _ = writeln!(s, "  {:>3}  {:>14}  {:>10}", "k", cost, "silhouette");
    for p in o.sweep {
        let _ = writeln!(
            s,
            "  {:>3}  {:>14}  {:>10}{}",
            p.k,
            amount(p.cost),
            p.silhouette.map_or("–".into(), |x| format!("{x:.3}")),
            if p.k == o.k { "  ←" } else { "" }
        );
    }
    let _ = writeln!(s, "Suggested: {}", o.suggestion.reason);
    let mut chosen = format!("k = {}", o.k);
    if let Some(sil) = &o.silhouette {
        let _ = write!(chosen, ", silhouette {:.3}", sil.score);
        if sil.sampled {
            let _ = write!(chosen, " (on a sample of {} rows)", n(sil.rows_used));
        }
    }
    if let Some(g) = o.gamma {
        let _ = write!(chosen, ", gamma {g:.3}");
    }
    let _ = writeln!(s, "Chosen: {chosen}");
    for seg in o.segments {
        let mut head = format!(
            "\n{}. {} — {} rows ({})",
            seg.id,
            seg.name,
            n(seg.size),
            percent(seg.share)
        );
        if let Some(r) = seg.response_rate {
            let _ = write!(head, ", response {}", percent(r));
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
                        Some(i) => format!("{} {} (index {:.0})", v.column, amount(m), i),
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
        let _ = writeln!(s, "\nrow\tsegment\tname");
        for a in assignments {
            let _ = writeln!(
                s,
                "{}\t{}\t{}",
                a.row,
                a.segment.map_or("–".into(), |x| x.to_string()),
                a.name.as_deref().or(a.excluded).unwrap_or("")
            );
        }
    }
    s.pop();
    s
}
