//! Klaster's analysis engine: everything that turns the bytes of a customer file into numbers,
//! with no dependency on the browser so that it is tested and benchmarked natively and shared by
//! the web worker and the `klaster` command line.
//!
//! Data flow: [`ingest::read_table`] (decode → sniff → parse → infer) gives a [`table::Table`];
//! [`inspect::InspectReport`] summarises it; [`schema`] recognises known datasets and column
//! roles; [`profile`] computes the EDA (statistics, target rates, correlations, summary);
//! [`sample`] generates the demo data.
//! [`campaign::plan`] turns response probabilities into whom to contact and how many.

pub mod campaign;
pub mod cluster;
pub mod dates;
pub mod error;
pub mod features;
mod file_format;
pub mod format;
pub mod i18n;
pub mod ingest;
pub mod inspect;
pub mod model;
pub mod profile;
pub mod sample;
pub mod schema;
pub mod segment;
pub mod segments_file;
#[doc(hidden)]
pub mod selfcheck;
pub mod table;
pub mod terms;
pub mod warehouse;

pub use error::IngestError;
pub use ingest::{read_table, Progress, ReadOptions, Stage};
pub use inspect::InspectReport;
pub use table::{Column, ColumnData, ColumnType, Table};
