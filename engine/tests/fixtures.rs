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

#[test]
fn pipe_delimited() {
    let l = load("pipe.psv").unwrap();
    assert_eq!(l.report.dialect.delimiter, "|");
    assert_eq!(kinds(&l), vec![Identifier, Categorical, Decimal, Date]);
}

#[test]
fn windows_1252_with_crlf_and_decimal_commas() {
    let l = load("latin1_semicolon.csv").unwrap();
    assert_eq!(l.report.dialect.encoding, "windows-1252");
    assert_eq!(l.report.dialect.delimiter, ";");
    assert_eq!(
        l.report.dialect.line_ending,
        klaster_engine::ingest::LineEnding::Crlf
    );
    assert_eq!(l.table.column("Nama").unwrap().display(0), "Bjørn");
    assert_eq!(l.table.column("Kota").unwrap().display(1), "São Paulo");
    assert_eq!(
        l.table.column("Omzet").unwrap().data.valid_numbers(),
        vec![1234.5, 987.25, 12.0, 3000.75, 45.1]
    );
}

#[test]
fn utf16_with_bom() {
    let l = load("utf16_tab.tsv").unwrap();
    assert_eq!(l.report.dialect.encoding, "UTF-16LE");
    assert_eq!(l.report.dialect.delimiter, "TAB");
    assert_eq!((l.table.n_rows(), l.table.n_cols()), (5, 4));
    assert_eq!(l.table.column("Nama").unwrap().display(2), "Zoë");
}

#[test]
fn old_mac_cr_line_endings() {
    let l = load("cr_only.csv").unwrap();
    assert_eq!(
        l.report.dialect.line_ending,
        klaster_engine::ingest::LineEnding::Cr
    );
    assert_eq!((l.table.n_rows(), l.table.n_cols()), (3, 3));
}

#[test]
fn type_rules() {
    let l = load("type_rules.csv").unwrap();
    let col = |n: &str| l.table.column(n).unwrap();
    assert_eq!(
        kinds(&l),
        vec![Identifier, Decimal, Integer, Decimal, Date, Date, Boolean, Boolean, Integer]
    );
    // Percentages keep the number before the sign.
    assert!(
        col("rate")
            .inference
            .number_format
            .as_ref()
            .unwrap()
            .percent
    );
    assert_eq!(col("rate").data.valid_numbers()[0], 12.5);
    // Rupiah with dots as thousands.
    assert_eq!(col("price_idr").data.valid_numbers()[0], 1_000_000.0);
    assert_eq!(
        col("price_idr")
            .inference
            .number_format
            .as_ref()
            .unwrap()
            .currency
            .as_deref(),
        Some("Rp")
    );
    // Decimal comma with dots as thousands, inside quotes in a comma file.
    assert_eq!(col("amount_eu").data.valid_numbers()[3], 1_000_000.0);
    // Month-first dates mixing m/d/yy and mm/dd/yyyy; ISO dates.
    assert_eq!(col("joined").display(0), "2014-04-01");
    assert_eq!(col("joined").display(2), "2014-04-03");
    assert_eq!(col("joined").display(3), "2013-12-25");
    assert_eq!(col("seen").display(4), "2014-01-31");
    // y/n and ya/tidak booleans keep their spelling.
    assert_eq!(
        (col("active").display(0), col("aktif").display(1)),
        ("y".to_string(), "tidak".to_string())
    );
    // NA, N/A, -, null are missing.
    assert_eq!(col("score").data.missing(), 4);
}

#[test]
fn bom_blank_lines_unnamed_index_and_duplicate_headers() {
    let l = load("bom_index_blanks.csv").unwrap();
    assert_eq!(l.report.dialect.encoding, "UTF-8 with BOM");
    assert_eq!((l.table.n_rows(), l.table.n_cols()), (4, 5));
    let names: Vec<&str> = l.table.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        vec!["unnamed_1", "Name", "Income", "Income_2", "unnamed_5"]
    );
    assert_eq!(
        l.report.renamed_headers.len(),
        3,
        "empty and repeated names are renamed visibly"
    );
    assert_eq!(
        kinds(&l),
        vec![Identifier, Identifier, Decimal, Integer, Categorical]
    );
    assert_eq!(l.table.column("Income").unwrap().data.missing(), 1);
    assert_eq!(l.report.problem_count, 0);
}
