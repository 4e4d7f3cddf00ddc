//! Runs what the page runs on a dropped file, on arbitrary bytes, and checks that the results
//! hold together. It is the body of the fuzz targets (`fuzz/`, run with cargo-fuzz) and of the
//! corpus regression test (`engine/tests/fuzz_corpus.rs`), so that a case the fuzzer found is
//! replayed by the ordinary test suite with exactly the same checks.
//!
//! Failures are panics on purpose: a panic is what the fuzzer looks for. Nothing in the app
//! calls this module.

use crate::features::{prepare, DeriveParams};
use crate::ingest::{read_chunks, read_table, values, NoProgress, ReadOptions};
use crate::inspect::InspectReport;
use crate::profile::{chartable_columns, histogram, profile_with};
use crate::schema::recognise;

/// Loads `bytes` as the page does (decode, sniff, parse, infer; then the summary, the profile,
/// every histogram and the Prepare step with its defaults) and checks:
/// - every column holds one cell per row, its numbers are finite, and the header names are
///   unique and non-empty;
/// - the summary counts the rows and columns of the table;
/// - the profile and summary serialise to JSON (the worker sends them as JSON);
/// - reading the same bytes in chunks of 7 rows gives the same number of rows;
/// - a load capped at a few cells stops at whole rows and says so.
///
/// Errors are fine (they are the clear messages the user sees); panics are not.
pub fn load_pipeline(bytes: &[u8]) {
    let opts = ReadOptions::default();
    let Ok(loaded) = read_table(bytes, &opts, &mut NoProgress) else {
        return;
    };
    let table = &loaded.table;
    let rows = table.n_rows();
    let mut names = std::collections::HashSet::new();
    for c in &table.columns {
        assert_eq!(
            c.data.len(),
            rows,
            "column {:?} has the wrong length",
            c.name
        );
        assert!(!c.name.is_empty(), "an empty column name");
        assert!(names.insert(c.name.as_str()), "duplicate name {:?}", c.name);
        assert!(
            c.data.valid_numbers().iter().all(|v| v.is_finite()),
            "column {:?} holds a non-finite number",
            c.name
        );
        for r in 0..rows.min(50) {
            let _ = c.display(r);
        }
    }
    let report = InspectReport::new("fuzz.csv", bytes.len() as u64, &loaded, 20);
    assert_eq!(report.rows, rows);
    assert_eq!(report.columns, table.n_cols());
    assert_eq!(report.column_info.len(), table.n_cols());
    assert!(serde_json::to_string(&report).is_ok());

    let schema = recognise(table);
    let profile = profile_with(table, schema.clone());
    assert!(serde_json::to_string(&profile).is_ok());
    for c in chartable_columns(table) {
        let _ = histogram(c);
    }
    let (derived, cleaned, _) = prepare(table, &schema, &DeriveParams::default(), None);
    assert_eq!(derived.table.n_rows(), rows);
    assert!(cleaned.table.n_rows() <= rows);

    let mut chunked = 0;
    let chunks = read_chunks(
        std::io::Cursor::new(bytes),
        &opts,
        7,
        &mut NoProgress,
        &mut |chunk| {
            for c in &chunk.table.columns {
                assert_eq!(c.data.len(), chunk.table.n_rows());
            }
            chunked += chunk.table.n_rows();
            true
        },
    );
    if chunks.is_ok() {
        assert_eq!(chunked, rows, "chunks of 7 rows lost or added rows");
    }

    let cols = table.n_cols().max(1);
    let capped = ReadOptions {
        max_cells: Some(cols * 2),
        ..ReadOptions::default()
    };
    if let Ok(first) = read_table(bytes, &capped, &mut NoProgress) {
        assert!(first.table.n_rows() <= rows);
        if let Some(t) = &first.report.truncated {
            assert_eq!(t.rows, first.table.n_rows());
        }
    }
}

/// The cell-level parsers on one arbitrary string: no panic, and what they accept is sane
/// (finite numbers, valid calendar dates that survive a round trip).
pub fn cell_parsers(cell: &str) {
    let cleaned = values::clean(cell);
    let _ = values::is_missing(cleaned);
    let _ = values::parse_bool(cleaned);
    let _ = values::decimal_evidence(cleaned);
    for style in [values::DecimalStyle::Point, values::DecimalStyle::Comma] {
        if let Some(n) = values::parse_number(cleaned, style) {
            assert!(n.value.is_finite(), "{cleaned:?} parsed to {}", n.value);
        }
    }
    if let Some(parts) = values::date_parts(cleaned) {
        for order in [
            values::DateOrder::YearMonthDay,
            values::DateOrder::DayMonthYear,
            values::DateOrder::MonthDayYear,
        ] {
            if let Some(days) = values::date_to_days(parts, order) {
                let (y, m, d) = values::civil_from_days(days);
                assert!(values::valid_ymd(y, m, d));
                assert_eq!(values::days_from_civil(y, m, d), days);
            }
        }
    }
}
