//! The hand-written fixtures in tests/fixtures (the same files the browser e2e suite uploads).

use std::path::PathBuf;

use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
use klaster_engine::{ColumnType::*, IngestError};

fn load(name: &str) -> Result<klaster_engine::ingest::Loaded, IngestError> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(name);
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    read_table(&bytes, &ReadOptions::default(), &mut NoProgress)
}

fn kinds(l: &klaster_engine::ingest::Loaded) -> Vec<klaster_engine::ColumnType> {
    l.table.columns.iter().map(|c| c.kind).collect()
}

#[test]
fn comma_with_currency_and_iso_dates() {
    let l = load("customers_comma.csv").unwrap();
    assert_eq!((l.table.n_rows(), l.table.n_cols()), (12, 9));
    assert_eq!(l.report.dialect.delimiter, ",");
    assert_eq!(
        kinds(&l),
        vec![
            Identifier,
            Integer,
            Categorical,
            Categorical,
            Integer,
            Boolean,
            Date,
            Integer,
            Boolean
        ]
    );
    let income = l.table.column("Income").unwrap();
    assert_eq!(income.display(0), "84835");
    assert_eq!(income.data.missing(), 1);
}

#[test]
fn semicolon_with_decimal_commas() {
    let l = load("bank_semicolon.csv").unwrap();
    assert_eq!((l.table.n_rows(), l.table.n_cols()), (10, 7));
    assert_eq!(l.report.dialect.delimiter, ";");
    assert_eq!(
        kinds(&l),
        vec![
            Integer,
            Categorical,
            Categorical,
            Integer,
            Decimal,
            Boolean,
            Boolean
        ]
    );
    assert_eq!(l.table.column("rate").unwrap().data.valid_numbers()[0], 1.5);
}

#[test]
fn tab_with_crlf_and_indonesian_text() {
    let l = load("customers_tab.tsv").unwrap();
    assert_eq!((l.table.n_rows(), l.table.n_cols()), (10, 7));
    assert_eq!(l.report.dialect.delimiter, "TAB");
    assert_eq!(
        kinds(&l),
        vec![
            Identifier,
            Identifier,
            Categorical,
            Integer,
            Categorical,
            Categorical,
            Integer
        ]
    );
    assert_eq!(
        l.table.column("Nama Pelanggan").unwrap().display(6),
        "Cahyono, Agus"
    );
}

#[test]
fn bad_files() {
    assert_eq!(load("empty.csv").unwrap_err(), IngestError::Empty);
    assert!(matches!(
        load("single_column.csv").unwrap_err(),
        IngestError::SingleColumn { .. }
    ));
    assert_eq!(
        load("header_only.csv").unwrap_err(),
        IngestError::HeaderOnly { columns: 3 }
    );
}
