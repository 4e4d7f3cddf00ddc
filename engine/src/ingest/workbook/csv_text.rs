//! The CSV text a sheet becomes, written here rather than by the csv crate's writer: byte for
//! byte what that writer writes with the settings the reader expects (comma-separated, `\n`
//! line ends, quoted only where a field holds a comma, a quote or a line break, quotes
//! doubled), without its per-byte state machine, which took about a tenth of a sheet's
//! conversion in the browser. Each field is written by [`crate::format::write_csv_field`], as
//! the exports' cells are.

use crate::format::write_csv_field;

/// A sheet's CSV text being written.
#[derive(Default)]
pub(super) struct CsvText {
    text: Vec<u8>,
}

impl CsvText {
    pub(super) fn with_capacity(capacity: usize) -> Self {
        CsvText {
            text: Vec::with_capacity(capacity),
        }
    }

    /// Writes one record. A record of one empty field is written `""`, as `csv::Writer` does,
    /// so that it is not read as a blank line.
    pub(super) fn record<'a>(&mut self, fields: impl IntoIterator<Item = &'a [u8]>) {
        let start = self.text.len();
        for (i, field) in fields.into_iter().enumerate() {
            if i > 0 {
                self.text.push(b',');
            }
            write_csv_field(field, &mut self.text);
        }
        if self.text.len() == start {
            self.text.extend_from_slice(b"\"\"");
        }
        self.text.push(b'\n');
    }

    pub(super) fn into_inner(self) -> Vec<u8> {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the csv crate's writer writes for `records` with the settings sheets used to be
    /// written with.
    fn csv_crate(records: &[Vec<Vec<u8>>]) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .flexible(true)
            .from_writer(Vec::new());
        for r in records {
            w.write_record(r).unwrap();
        }
        w.into_inner().unwrap()
    }

    fn ours(records: &[Vec<Vec<u8>>]) -> Vec<u8> {
        let mut t = CsvText::default();
        for r in records {
            t.record(r.iter().map(Vec::as_slice));
        }
        t.into_inner()
    }

    #[test]
    fn fields_are_quoted_as_the_csv_crate_quotes_them() {
        let records: Vec<Vec<Vec<u8>>> = [
            vec!["a", "b,c", "say \"hi\"", ""],
            vec![""],
            vec!["", ""],
            vec!["line\nbreak", "cr\r", "é ü 字", " spaced "],
            vec!["\"", "\"\"", "x\"", ","],
        ]
        .iter()
        .map(|r| r.iter().map(|f| f.as_bytes().to_vec()).collect())
        .collect();
        assert_eq!(
            String::from_utf8(ours(&records)).unwrap(),
            String::from_utf8(csv_crate(&records)).unwrap()
        );
    }

    proptest! {
        #[test]
        fn any_records_are_written_as_the_csv_crate_writes_them(
            records in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::collection::vec(
                        prop_oneof![Just(b','), Just(b'"'), Just(b'\n'), Just(b'\r'), Just(b' '), Just(b'a'), any::<u8>()],
                        0..6,
                    ),
                    1..5,
                ),
                0..8,
            )
        ) {
            prop_assert_eq!(ours(&records), csv_crate(&records));
        }
    }
}
