//! The summary of a loaded file that the Load step shows and `klaster inspect` prints:
//! dialect, counts, each column's inferred type with its votes, and the first rows.

use serde::{Deserialize, Serialize};

use crate::ingest::{Inference, LoadReport, Loaded};
use crate::table::ColumnType;

/// At most this many characters of a cell in the preview.
pub const PREVIEW_CHARS: usize = 200;

/// One column's name, type and the evidence for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnInfo {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: ColumnType,
    pub inference: Inference,
}

/// What a file turned out to be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InspectReport {
    pub file_name: String,
    pub bytes: u64,
    pub rows: usize,
    pub columns: usize,
    #[serde(flatten)]
    pub load: LoadReport,
    pub column_info: Vec<ColumnInfo>,
    /// The first rows as the UI prints them (see [`crate::table::Column::display`]); the
    /// same rows as the file writes them are in `load.written`.
    pub preview: Vec<Vec<String>>,
    /// Approximate memory held by the loaded table.
    pub table_bytes: usize,
}

impl InspectReport {
    /// Summarises `loaded`, keeping `preview_rows` rows for display.
    pub fn new(file_name: &str, bytes: u64, loaded: &Loaded, preview_rows: usize) -> Self {
        let t = &loaded.table;
        let preview: Vec<Vec<String>> = (0..t.n_rows().min(preview_rows))
            .map(|r| {
                t.columns
                    .iter()
                    .map(|c| crate::format::shorten(&c.display(r), PREVIEW_CHARS).into_owned())
                    .collect()
            })
            .collect();
        let mut load = loaded.report.clone();
        load.written.truncate(preview.len());
        for row in &mut load.written {
            for cell in row.iter_mut() {
                if let std::borrow::Cow::Owned(cut) = crate::format::shorten(cell, PREVIEW_CHARS) {
                    *cell = cut;
                }
            }
        }
        Self {
            file_name: file_name.to_string(),
            bytes,
            rows: t.n_rows(),
            columns: t.n_cols(),
            load,
            column_info: t
                .columns
                .iter()
                .map(|c| ColumnInfo {
                    name: c.name.clone(),
                    kind: c.kind,
                    inference: c.inference.clone(),
                })
                .collect(),
            preview,
            table_bytes: t.heap_bytes(),
        }
    }
}
