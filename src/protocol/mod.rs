//! Messages between the page and the analysis worker. Both sides serialise them as JSON strings;
//! a file travels beside the JSON as a `File` object (structured clone, no copy of its bytes).

mod build;
mod wording;

pub use build::*;
pub use wording::*;

use klaster_engine::campaign::{plan, ranking, Plan, PlanParams, Segments};
use klaster_engine::features::clean::RuleOutcome;
use klaster_engine::features::conversion::conversion_analysis;
use klaster_engine::features::conversion::ConversionAnalysis;
use klaster_engine::features::{
    prepare, CleanParams, Cleaned, DeriveParams, DeriveReport, Derived, FeatureSpec,
};
use klaster_engine::i18n::{t, L10n, Lang};
use klaster_engine::ingest::Stage;
use klaster_engine::model::train::target_labels;
use klaster_engine::model::{Metrics, ModelFile, Reason, TrainParams};
use klaster_engine::profile::{Histogram, Profile};
use klaster_engine::schema::Schema;
use klaster_engine::schema::{Role, RowKind};
use klaster_engine::segment::default_features;
use klaster_engine::segment::{SegmentParams, Segmentation};
use klaster_engine::Table;
use klaster_engine::{ColumnType, InspectReport};
use serde::{Deserialize, Serialize};

/// Rows of a loaded file sent to the page for the preview table.
pub const PREVIEW_ROWS: usize = 20;

/// What the page asks of the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Load the `File` sent alongside this message; for a workbook, `sheet` by name (else the
    /// first sheet that holds a table).
    LoadFile {
        name: String,
        size: u64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sheet: Option<String>,
    },
    /// Generate and load one of the built-in sample tables.
    LoadSample {
        kind: klaster_engine::sample::SampleKind,
        rows: usize,
        seed: u64,
    },
    /// Histogram of a numeric column of the loaded table.
    Histogram { column: String },
    /// Re-read the loaded file with the user's type for a column.
    SetType { column: String, kind: ColumnType },
    /// Re-profile with the user's role for a column.
    SetRole { column: String, role: Role },
    /// Re-profile with the user's answer to "What is one row?".
    SetRow { row: RowKind },
    /// Derive features and clean with these settings (`clean: None` = the defaults).
    Prepare {
        derive: DeriveParams,
        clean: Option<CleanParams>,
    },
    /// Segment the prepared table (`features` empty = the defaults).
    Segment { params: SegmentParams },
    /// The segment of a new customer: (column, value) per feature.
    Assign { values: Vec<(String, String)> },
    /// Score every row with this model (a shipped or user model id; `None` = the one that
    /// fits the table).
    Score { model: Option<String> },
    /// Train a logistic model on the prepared (cleaned) table and score with it.
    Train { params: TrainParams },
    /// A model file the user opened: its JSON text, or `None` when the `File` travels beside
    /// the message (read in the worker).
    ImportModel { json: Option<String> },
    /// Plan the campaign with this cost and revenue.
    Plan { params: PlanParams },
    /// A file to download, made from the session; `segment_names` are the user's names. The
    /// prose in it (segment names and actions, reasons) is written in `lang`; its machine parts
    /// (numbers, SQL) are the same in every language.
    Export {
        what: ExportKind,
        segment_names: Vec<String>,
        #[serde(default)]
        lang: Lang,
    },
}

/// The files the Export card offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ExportKind {
    /// Every customer ranked by score, with segment and reasons (CSV).
    Ranked,
    /// One row per segment: size, share, response rate, score, profile in original units (CSV).
    Summary,
    /// The segmentation file (JSON, `klaster-segments`).
    Segments,
    /// The warehouse scoring query reading `table`.
    Sql {
        dialect: klaster_engine::warehouse::Dialect,
        table: String,
    },
}

/// A feature the user may segment on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub column: String,
    pub categorical: bool,
    pub derived: bool,
    /// Skewness (numbers), to suggest log scaling for skewed money.
    pub skew: Option<f64>,
}

/// The Prepare step's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prepared {
    pub derive: DeriveReport,
    pub derive_params: DeriveParams,
    pub clean: CleanParams,
    pub rules: Vec<RuleOutcome>,
    pub rows_before: usize,
    pub rows_after: usize,
    pub conversion: Vec<ConversionAnalysis>,
    pub candidates: Vec<Candidate>,
    pub default_features: Vec<FeatureSpec>,
    /// Number columns a fence rule can use.
    pub fence_columns: Vec<String>,
}

/// What the worker answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Response {
    /// The worker has started and takes requests.
    Ready,
    Progress {
        stage: Stage,
        done: u64,
        total: u64,
        /// Rows parsed so far (the parse stage's `done` and `total` are bytes).
        #[serde(default)]
        rows: u64,
    },
    Loaded {
        report: Box<InspectReport>,
        profile: Box<Profile>,
        /// Columns that can be charted as a histogram, default first.
        chartable: Vec<String>,
        histogram: Option<Histogram>,
        millis: f64,
    },
    Histogram {
        histogram: Histogram,
    },
    Prepared {
        prepared: Box<Prepared>,
    },
    /// `done` of the sweep's `total` values of k fitted.
    SegmentProgress {
        done: usize,
        total: usize,
    },
    Segmented {
        segmentation: Box<Segmentation>,
        run: SegmentRun,
    },
    Assigned {
        segment: usize,
    },
    /// No segmentation with the default settings (shown in the Segment step, not as an error).
    SegmentUnavailable {
        message: L10n<String>,
    },
    Scored {
        scoring: Box<Scoring>,
    },
    /// The user picked a model that cannot score this table: its card, and what it needs.
    CardOnly {
        model: Box<ModelFile>,
        models: Vec<ModelChoice>,
        missing: Vec<String>,
    },
    /// No model can score this table (shown in the Score step, not as an error).
    ScoreUnavailable {
        message: L10n<String>,
        models: Vec<ModelChoice>,
        train: Option<TrainOptions>,
    },
    Planned {
        plan: Box<Plan>,
        /// Cost and revenue came from the file's columns.
        from_file: bool,
    },
    /// A file for the page to offer as a download.
    Export {
        name: String,
        mime: String,
        text: String,
    },
    /// The request failed; the previously loaded data is kept.
    /// A replay after Cancel (or after a crash) stopped before `step`: the page shows what it has
    /// up to there, and the user runs the step again when ready.
    Stopped {
        step: String,
    },
    Failed {
        message: L10n<String>,
    },
    /// The analysis worker's WebAssembly memory after a request: linear memory only grows, so
    /// this is the peak so far (the page shows it in `data-wasm-memory`; the 1M-row e2e test
    /// checks it).
    Memory {
        bytes: u64,
    },
}

/// How a segmentation ran, in the worker.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct SegmentRun {
    /// The whole step: sweep, then the chosen k's profiles.
    pub millis: f64,
    /// The k sweep alone (every k fitted with its restarts and sampled silhouette).
    pub sweep_millis: f64,
    /// Helper workers that shared the sweep (0: the analysis worker alone).
    pub helpers: usize,
}

impl Response {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| {
            let text = serde_json::to_string(&L10n::build(|| {
                klaster_engine::tf!(
                    "internal error: could not encode the answer ({e})",
                    "kesalahan internal: jawaban tidak dapat dikodekan ({e})"
                )
            }))
            .unwrap_or_default();
            format!(r#"{{"type":"failed","message":{text}}}"#)
        })
    }
}

impl Request {
    pub fn to_json(&self) -> String {
        // A request holds only strings and numbers: encoding cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The step this request runs (`None`: it changes nothing later steps depend on —
    /// histograms, assignments, exports). The worker runs the steps after it; the client knows
    /// from it what a Cancel stops.
    pub fn step(&self) -> Option<Step> {
        Some(match self {
            Request::LoadFile { .. }
            | Request::LoadSample { .. }
            | Request::SetType { .. }
            | Request::SetRole { .. }
            | Request::SetRow { .. } => Step::Load,
            Request::Prepare { .. } => Step::Prepare,
            Request::Segment { .. } => Step::Segment,
            Request::Score { .. } | Request::Train { .. } | Request::ImportModel { .. } => {
                Step::Score
            }
            Request::Plan { .. } => Step::Plan,
            Request::Histogram { .. } | Request::Assign { .. } | Request::Export { .. } => {
                return None
            }
        })
    }
}

/// The worker's chain of steps, in order: each change runs its step and the ones after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Load,
    Prepare,
    Segment,
    Score,
    Plan,
}

impl Step {
    const ALL: [Step; 5] = [
        Step::Load,
        Step::Prepare,
        Step::Segment,
        Step::Score,
        Step::Plan,
    ];

    /// The step's name in the current language, as the page shows it ([`Step::label`] is the
    /// machine's).
    pub fn name(self) -> &'static str {
        match self {
            Step::Load => t("Load", "Muat"),
            Step::Prepare => t("Prepare", "Siapkan"),
            Step::Segment => t("Segment", "Segmen"),
            Step::Score => t("Score", "Skor"),
            Step::Plan => t("Plan", "Rencana"),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Step::Load => "Load",
            Step::Prepare => "Prepare",
            Step::Segment => "Segment",
            Step::Score => "Score",
            Step::Plan => "Plan",
        }
    }

    /// The step after this one in the chain.
    pub fn next(self) -> Option<Step> {
        Self::ALL.get(self as usize + 1).copied()
    }

    /// From [`Step::label`] (the `upto` field of a replayed message).
    pub fn from_label(label: &str) -> Option<Step> {
        Self::ALL.into_iter().find(|s| s.label() == label)
    }
}

/// Rows of the ranked customer list sent to the page (the export has them all).
pub const RANKED_ROWS: usize = 100;

/// A model the user can pick, and whether it fits the loaded table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelChoice {
    pub id: String,
    pub name: L10n<String>,
    /// Trained or opened by the user in this session.
    pub user: bool,
    /// Feature columns the table lacks (empty = it can score the table).
    pub missing: Vec<String>,
}

/// What the "train your own model" form offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainOptions {
    /// Columns with exactly two values, the recognised target first.
    pub targets: Vec<String>,
    /// Defaults for the first target.
    pub defaults: Option<TrainParams>,
    /// Every column that can be a feature: (name, categorical).
    pub candidates: Vec<(String, bool)>,
}

/// One row of the ranked list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedRow {
    pub rank: usize,
    /// 1-based row of the file.
    pub row: usize,
    /// The row's identifier (ID column), when the table has one.
    pub id: Option<String>,
    pub score: f64,
    pub segment: Option<usize>,
    /// The actual outcome, when the file carries it.
    pub outcome: Option<bool>,
    pub reasons: Vec<Reason>,
}

/// The Score step's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scoring {
    pub model: ModelFile,
    pub models: Vec<ModelChoice>,
    pub rows: usize,
    pub mean: f64,
    /// Counts of scores in 20 bins of 5 percentage points.
    pub histogram: Vec<usize>,
    /// The same bins, rows with a positive outcome only (when the file carries it).
    pub histogram_positive: Option<Vec<usize>>,
    pub top: Vec<RankedRow>,
    /// The model's card metrics recomputed on this file, when it carries the target.
    pub evaluation: Option<Metrics>,
    /// (feature, cells) that took the training median / were categories the model never saw.
    pub imputed: Vec<(String, usize)>,
    pub unseen: Vec<(String, usize)>,
    /// Time to score every row.
    pub millis: f64,
    /// Everything the step did (scores, evaluation, ranking, reasons of the top rows).
    pub total_millis: f64,
    /// Training time, when this model was just trained.
    pub trained_millis: Option<f64>,
    pub train: Option<TrainOptions>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_line_counts_rows_and_columns() {
        assert_eq!(
            progress_label(Stage::Parse, 10, 100, 412_000),
            "Parsing rows: 412,000 read"
        );
        assert_eq!(progress_label(Stage::Parse, 10, 100, 0), "Parsing rows");
        assert_eq!(
            progress_label(Stage::Infer, 12, 29, 0),
            "Recognising column types: 12 of 29 columns"
        );
        assert_eq!(progress_label(Stage::Read, 1, 2, 0), "Reading the file");
    }

    #[test]
    fn the_progress_line_in_indonesian() {
        use klaster_engine::i18n::with_lang;
        with_lang(Lang::Id, || {
            assert_eq!(
                progress_label(Stage::Parse, 10, 100, 412_000),
                "Mengurai baris: 412.000 terbaca"
            );
            assert_eq!(
                progress_label(Stage::Infer, 12, 29, 0),
                "Mengenali tipe kolom: 12 dari 29 kolom"
            );
            assert_eq!(Step::Plan.name(), "Rencana");
            assert_eq!(
                Step::Plan.label(),
                "Plan",
                "the machine label does not change"
            );
        });
    }

    /// The exports' prose follows the user's language (the worker writes them inside
    /// `with_lang`); their machine parts — header, numbers, the SQL itself — do not.
    #[test]
    fn exports_keep_their_machine_parts_in_every_language() {
        use klaster_engine::format::csv_cell;
        use klaster_engine::i18n::with_lang;
        use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
        use klaster_engine::model::shipped;
        use klaster_engine::schema::recognise;
        use klaster_engine::segment::segment_table;
        use klaster_engine::warehouse::{scoring_sql, Dialect, Query, Source};

        let csv = klaster_engine::sample::customer_personality_csv(400, 11);
        let l = read_table(csv.as_bytes(), &ReadOptions::default(), &mut NoProgress).unwrap();
        let (prepared, derived, cleaned) =
            Prepared::build(&l.table, recognise(&l.table), &Default::default(), None);
        let params = SegmentParams {
            k_min: 3,
            k_max: 3,
            n_init: 2,
            ..SegmentParams::new(prepared.default_features.clone())
        };
        let seg = segment_table(&cleaned.table, &derived.schema, &params).unwrap();
        let model = shipped::for_schema(derived.schema.kind).unwrap();
        let (_, scores) = Scoring::build(
            model.clone(),
            &derived,
            &cleaned,
            Some(&seg),
            vec![],
            None,
            &|| 0.0,
        )
        .unwrap();
        let labels = seg.row_labels(&cleaned.kept, derived.table.n_rows());
        let user = vec![String::new(); seg.segments.len()];
        let source = Source::of(&derived);
        // Each export in `lang`, with its prose (names, descriptions, actions, comments) cut out.
        let export = |lang: Lang| {
            with_lang(lang, || {
                let names = seg.names_with(&user);
                let mut prose: Vec<String> = names.iter().map(|n| csv_cell(n)).collect();
                for p in &seg.segments {
                    prose.push(csv_cell(p.description.get()));
                    prose.push(csv_cell(&p.actions.get().join(" · ")));
                }
                let mut summary = seg.summary_csv(&user, &labels, Some(&scores));
                for p in &prose {
                    summary = summary.replace(p.as_str(), "");
                }
                let sql: Vec<String> = Dialect::ALL
                    .into_iter()
                    .map(|d| {
                        let query = Query {
                            table: "customers",
                            source: &source,
                            model: Some(&model),
                            segments: Some((&seg.model, names.as_slice())),
                        };
                        let mut sql = scoring_sql(&query, d).unwrap();
                        for n in &names {
                            sql = sql.replace(n.as_str(), "");
                        }
                        sql.lines()
                            .filter(|l| !l.trim_start().starts_with("--"))
                            .collect::<Vec<_>>()
                            .join("\n")
                    })
                    .collect();
                (summary, sql, names)
            })
        };
        let (en, id) = (export(Lang::En), export(Lang::Id));
        assert_ne!(en.2, id.2, "the segment names are in the user's language");
        assert_eq!(en.0, id.0, "the summary CSV's header and numbers");
        assert_eq!(en.1, id.1, "the scoring SQL");
    }

    #[test]
    fn an_export_request_without_a_language_is_english() {
        let old = r#"{"type":"export","what":"Summary","segment_names":[]}"#;
        let r: Request = serde_json::from_str(old).unwrap();
        assert!(matches!(r, Request::Export { lang: Lang::En, .. }));
    }
}
