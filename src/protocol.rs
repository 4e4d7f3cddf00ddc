//! Messages between the page and the analysis worker. Both sides serialise them as JSON strings;
//! a file travels beside the JSON as a `File` object (structured clone, no copy of its bytes).

use klaster_engine::ingest::Stage;
use klaster_engine::profile::{Histogram, Profile};
use klaster_engine::schema::Role;
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
