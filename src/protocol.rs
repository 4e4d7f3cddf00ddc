//! Messages between the page and the analysis worker. Both sides serialise them as JSON strings;
//! a file travels beside the JSON as a `File` object (structured clone, no copy of its bytes).

use klaster_engine::features::clean::RuleOutcome;
use klaster_engine::features::conversion::conversion_analysis;
use klaster_engine::features::conversion::ConversionAnalysis;
use klaster_engine::features::{
    clean, derive, CleanParams, Cleaned, DeriveParams, DeriveReport, Derived, FeatureSpec,
};
use klaster_engine::ingest::Stage;
use klaster_engine::profile::{Histogram, Profile};
use klaster_engine::schema::Role;
use klaster_engine::schema::Schema;
use klaster_engine::segment::default_features;
use klaster_engine::segment::{SegmentParams, Segmentation};
use klaster_engine::Table;
use klaster_engine::{ColumnType, InspectReport};
use serde::{Deserialize, Serialize};

/// Rows of the built-in sample table (as many as the original customer-personality file).
pub const SAMPLE_ROWS: usize = 2_240;
/// File name shown for the built-in sample.
pub const SAMPLE_NAME: &str = "klaster-sample-customers.tsv";
/// Rows of a loaded file sent to the page for the preview table.
pub const PREVIEW_ROWS: usize = 20;

/// What the page asks of the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Load the `File` sent alongside this message.
    LoadFile { name: String, size: u64 },
    /// Generate and load the synthetic customer table.
    LoadSample { rows: usize, seed: u64 },
    /// Histogram of a numeric column of the loaded table.
    Histogram { column: String },
    /// Re-read the loaded file with the user's type for a column.
    SetType { column: String, kind: ColumnType },
    /// Re-profile with the user's role for a column.
    SetRole { column: String, role: Role },
    /// Derive features and clean with these settings (`clean: None` = the defaults).
    Prepare {
        derive: DeriveParams,
        clean: Option<CleanParams>,
    },
    /// Segment the prepared table (`features` empty = the defaults).
    Segment { params: SegmentParams },
    /// The segment of a new customer: (column, value) per feature.
    Assign { values: Vec<(String, String)> },
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

impl Prepared {
    /// Derives and cleans `table` (`clean: None` = the defaults for it) and describes the
    /// result for the page; also returns the derived and cleaned tables, which the worker keeps.
    pub fn build(
        table: &Table,
        schema: Schema,
        derive_params: &DeriveParams,
        clean_params: Option<&CleanParams>,
    ) -> (Self, Derived, Cleaned) {
        let derived = derive(table, &schema, derive_params);
        let params = clean_params
            .cloned()
            .unwrap_or_else(|| CleanParams::defaults_for(&derived.table, &derived.schema));
        let cleaned = clean(&derived.table, &derived.schema, &params);
        let definitions: Vec<(String, String)> = derived
            .features
            .iter()
            .filter(|f| f.name.starts_with("Conversion_Rate"))
            .map(|f| (f.name.clone(), f.formula.clone()))
            .collect();
        let conversion = conversion_analysis(&cleaned.table, &derived.schema, &definitions);
        let derived_names: Vec<&str> = derived.features.iter().map(|f| f.name.as_str()).collect();
        let candidates = cleaned
            .table
            .columns
            .iter()
            .zip(&derived.schema.roles)
            .filter(|(c, r)| {
                !matches!(r, Role::Id | Role::Ignore | Role::Target)
                    && c.inference.distinct > 1
                    && (c.kind.is_quantity() || c.kind == ColumnType::Categorical)
            })
            .map(|(c, _)| Candidate {
                column: c.name.clone(),
                categorical: !c.kind.is_quantity(),
                derived: derived_names.contains(&c.name.as_str()),
                skew: c
                    .kind
                    .is_quantity()
                    .then(|| {
                        klaster_engine::profile::NumericStats::of(
                            &klaster_engine::profile::stat_values(c),
                        )
                    })
                    .flatten()
                    .and_then(|st| st.skew),
            })
            .collect();
        let fence_columns = cleaned
            .table
            .columns
            .iter()
            .filter(|c| c.kind.is_quantity())
            .map(|c| c.name.clone())
            .collect();
        let prepared = Prepared {
            derive: derived.report(),
            derive_params: derive_params.clone(),
            clean: params,
            rows_before: cleaned.rows_before,
            rows_after: cleaned.table.n_rows(),
            rules: cleaned.rules.clone(),
            conversion,
            candidates,
            default_features: default_features(&derived),
            fence_columns,
        };
        (prepared, derived, cleaned)
    }
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
    /// Fitting k of the sweep (up to `k_max`).
    SegmentProgress {
        k: usize,
        k_max: usize,
    },
    Segmented {
        segmentation: Box<Segmentation>,
        millis: f64,
    },
    Assigned {
        segment: usize,
    },
    /// No segmentation with the default settings (shown in the Segment step, not as an error).
    SegmentUnavailable {
        message: String,
    },
    /// The request failed; the previously loaded data is kept.
    Failed {
        message: String,
    },
}

impl Response {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| {
            format!(r#"{{"type":"failed","message":"internal error: could not encode the answer ({e})"}}"#)
        })
    }
}

impl Request {
    pub fn to_json(&self) -> String {
        // A request holds only strings and numbers: encoding cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Progress as the page words it.
pub fn stage_label(stage: Stage) -> &'static str {
    match stage {
        Stage::Read => "Reading the file",
        Stage::Parse => "Parsing rows",
        Stage::Infer => "Recognising column types",
    }
}
