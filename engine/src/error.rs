//! Typed errors. Every message is a sentence a marketing analyst can act on: the UI shows
//! `to_string()` as is.

use thiserror::Error;

/// Why a file could not be read as a table at all. Problems that affect only some rows
/// (ragged rows, unreadable cells) are not errors: they are reported in
/// [`crate::ingest::LoadReport`] and the rest of the file loads.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum IngestError {
    #[error("The file is empty.")]
    Empty,
    #[error("The file only contains a header row ({columns} columns) and no data rows.")]
    HeaderOnly { columns: usize },
    #[error("This looks like {kind}, not a CSV text file. Export the data as CSV (comma, semicolon or tab separated) and try again.")]
    Binary { kind: &'static str },
    #[error("Only one column was found (\"{header}\"). Klaster needs a table with at least two columns: check that the values are separated by commas, semicolons, tabs or pipes.")]
    SingleColumn { header: String },
    #[error("The file has {columns} columns; Klaster reads at most {max}.")]
    TooManyColumns { columns: usize, max: usize },
    #[error("The file could not be parsed as CSV: {0}")]
    Csv(String),
    #[error("Loading was cancelled.")]
    Cancelled,
}
