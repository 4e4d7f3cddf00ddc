//! Property test: random tables written with the csv writer in every dialect we sniff (four
//! delimiters, LF/CRLF, minimal or full quoting, optional BOM) are read back with the same shape,
//! types and values, with zero settings.

use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
use klaster_engine::ColumnType;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Col {
    Int(Vec<i64>),
    Dec(Vec<f64>),
    Cat(Vec<usize>),
}

const WORDS: [&str; 5] = [
    "admin.",
    "blue-collar",
    "Graduation",
    "Cerai, Hidup",
    "say \"hi\"",
];

fn column(rows: usize) -> impl Strategy<Value = Col> {
    prop_oneof![
        // Two fixed values guarantee two distinct ones (no accidental constant or 0/1 column).
        prop::collection::vec(-50_000i64..50_000, rows - 2).prop_map(|mut v| {
            v.extend([123_456, 7]);
            Col::Int(v)
        }),
        prop::collection::vec(-1e6f64..1e6, rows - 1).prop_map(|mut v| {
            v.push(0.5);
            Col::Dec(
                v.into_iter()
                    .map(|x| (x * 100.0).round() / 100.0 + 0.25)
                    .collect(),
            )
        }),
        prop::collection::vec(0usize..WORDS.len(), rows - 2).prop_map(|mut v| {
            v.extend([0, 1]);
            Col::Cat(v)
        }),
    ]
}

fn table() -> impl Strategy<Value = (usize, Vec<Col>)> {
    (24usize..80).prop_flat_map(|rows| (Just(rows), prop::collection::vec(column(rows), 2..7)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn written_tables_read_back(
        (rows, cols) in table(),
        delimiter in prop::sample::select(vec![b',', b';', b'\t', b'|']),
        crlf in any::<bool>(),
        quote_all in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') })
            .quote_style(if quote_all { csv::QuoteStyle::Always } else { csv::QuoteStyle::Necessary })
            .from_writer(Vec::new());
        let header: Vec<String> = (0..cols.len()).map(|i| format!("col {i}")).collect();
        w.write_record(&header).unwrap();
        for r in 0..rows {
            let rec: Vec<String> = cols.iter().map(|c| match c {
                Col::Int(v) => v[r].to_string(),
                Col::Dec(v) => v[r].to_string(),
                Col::Cat(v) => WORDS[v[r]].to_string(),
            }).collect();
            w.write_record(&rec).unwrap();
        }
        let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
        bytes.extend(w.into_inner().unwrap());

        let l = read_table(&bytes, &ReadOptions::default(), &mut NoProgress).unwrap();
        prop_assert_eq!((l.table.n_rows(), l.table.n_cols()), (rows, cols.len()));
        prop_assert_eq!(l.report.dialect.delimiter_byte, delimiter);
        prop_assert_eq!(l.report.problem_count, 0);
        for (i, (c, got)) in cols.iter().zip(&l.table.columns).enumerate() {
            prop_assert_eq!(&got.name, &header[i]);
            match c {
                Col::Int(v) => {
                    prop_assert_eq!(got.kind, ColumnType::Integer);
                    let expect: Vec<f64> = v.iter().map(|&x| x as f64).collect();
                    prop_assert_eq!(got.data.valid_numbers(), expect);
                }
                Col::Dec(v) => {
                    prop_assert_eq!(got.kind, ColumnType::Decimal);
                    prop_assert_eq!(got.data.valid_numbers(), v.clone());
                }
                Col::Cat(v) => {
                    prop_assert_eq!(got.kind, ColumnType::Categorical);
                    for (r, &k) in v.iter().enumerate() {
                        prop_assert_eq!(got.display(r), WORDS[k]);
                    }
                }
            }
        }
    }
}
