//! A sheet converted to CSV as its rows are read, exactly as [`super::convert`] converts the
//! sheet's cells laid out whole, without ever holding them: 50,000 rows × 29 columns are about
//! 45 MB as calamine's cells, and in a browser's fresh worker each new megabyte costs about a
//! millisecond. Numbers shown as written are copied through as text
//! ([`super::xlsx::shown_as_written`]) instead of read and formatted again.
//!
//! The header is looked for among the first [`HEADER_SEARCH_ROWS`] rows, which are held until
//! then; every row after is written as it ends. Where the result could differ from
//! `convert`'s, the writer steps aside ([`Unsupported`]) and the sheet is laid out whole: rows
//! or cells out of order (a later cell at the same place wins in a laid-out range), a column
//! first used below the held rows (the CSV's columns are fixed by then), or no table.

use calamine::DataRef;

use super::csv_text::CsvText;
use super::xlsx::{Sink, Value};
use super::xml::{Fast, Unsupported};
use super::{
    header_index, is_blank, skipped_row, write_cell, ErrorCells, SheetRead, SheetText,
    HEADER_SEARCH_ROWS,
};

/// A cell of a row: its column, where its text ends in the row's text, and what it holds.
struct Field {
    col: u32,
    end: usize,
    /// Empty or white space only: not a value (see `is_blank`).
    blank: bool,
    /// An error cell (`#N/A`), whose text is its error's.
    error: bool,
}

/// A row's cells, their text one after the other as the converter writes each cell.
#[derive(Default)]
struct Row {
    index: u32,
    text: Vec<u8>,
    fields: Vec<Field>,
}

impl Row {
    /// Its cells with their text.
    fn cells(&self) -> impl Iterator<Item = (&Field, &[u8])> {
        let mut start = 0;
        self.fields.iter().map(move |f| {
            let text = &self.text[start..f.end];
            start = f.end;
            (f, text)
        })
    }

    /// How many cells hold a value (`filled`).
    fn filled(&self) -> usize {
        self.fields.iter().filter(|f| !f.blank).count()
    }
}

/// The header once found: its row, and the columns written (those with a header or a value
/// below it), in order.
struct Header {
    row: u32,
    keep: Vec<u32>,
    skipped_above: Vec<String>,
}

/// Writes a sheet's rows as CSV as its cells arrive ([`Sink`]); [`SheetWriter::finish`] gives
/// the text.
pub(super) struct SheetWriter {
    /// The row being read.
    row: Row,
    /// The last cell's place, to check the order.
    last: Option<(u32, u32)>,
    /// The corners of the cells read: first and last row, first and last column.
    top: u32,
    bottom: u32,
    left: u32,
    right: u32,
    /// The first rows, held while the header is not found.
    held: Vec<Row>,
    header: Option<Header>,
    out: CsvText,
    /// Each kept column's text in the row being written.
    record: Vec<(usize, usize)>,
    errors: ErrorCells,
}

impl Default for SheetWriter {
    fn default() -> Self {
        SheetWriter {
            row: Row::default(),
            last: None,
            top: 0,
            bottom: 0,
            left: u32::MAX,
            right: 0,
            held: Vec::new(),
            header: None,
            out: CsvText::default(),
            record: Vec::new(),
            errors: ErrorCells::default(),
        }
    }
}

impl<'s> Sink<'s> for SheetWriter {
    fn begin(&mut self, size: u64) {
        // The CSV is about a ninth of the sheet's XML (5 MB of 44 MB for the benchmark's); a
        // claimed size is not trusted with more than 64 MB.
        self.out = CsvText::with_capacity(usize::try_from((size / 8).min(64 << 20)).unwrap_or(0));
    }

    fn put(&mut self, pos: (u32, u32), value: Value<'s, '_>) -> Fast<()> {
        match self.last {
            Some(last) if pos <= last => return Err(Unsupported),
            Some(last) if pos.0 != last.0 => self.end_row()?,
            Some(_) => {}
            None => self.top = pos.0,
        }
        self.last = Some(pos);
        self.row.index = pos.0;
        self.bottom = pos.0;
        self.left = self.left.min(pos.1);
        self.right = self.right.max(pos.1);
        let row = &mut self.row;
        let (blank, error) = match value {
            Value::Number(text) => {
                row.text.extend_from_slice(text);
                (false, false)
            }
            Value::Data(data) => {
                let error = write_cell(&data, &mut row.text);
                (is_blank::<DataRef>(&data), error)
            }
        };
        row.fields.push(Field {
            col: pos.1,
            end: row.text.len(),
            blank,
            error,
        });
        Ok(())
    }
}

impl SheetWriter {
    /// The sheet as CSV text, once all its cells are put; [`Unsupported`] where `convert`
    /// must decide (no table).
    pub(super) fn finish(mut self, name: &str, sheets: &[String]) -> Fast<SheetText> {
        if self.last.is_none() {
            return Err(Unsupported);
        }
        self.end_row()?;
        if self.header.is_none() {
            self.find_header()?;
        }
        let header = self.header.take().ok_or(Unsupported)?;
        if header.keep.len() < 2 || self.bottom - header.row < 1 {
            return Err(Unsupported);
        }
        let csv = self.out.into_inner();
        Ok(SheetText {
            csv,
            read: SheetRead {
                sheets: sheets.to_vec(),
                sheet: name.to_string(),
                header_row: header.row + 1,
                skipped_above: header.skipped_above,
                empty_columns: (self.right - self.left + 1) as usize - header.keep.len(),
                error_cells: self.errors.count,
                error_example: self.errors.example,
            },
        })
    }

    /// The row just read is complete: held while the header is not found, else written.
    fn end_row(&mut self) -> Fast<()> {
        if self.header.is_none() {
            if self.row.index < self.top + HEADER_SEARCH_ROWS as u32 {
                self.held.push(std::mem::take(&mut self.row));
                return Ok(());
            }
            self.find_header()?;
        }
        // Written, and its buffers kept for the next row.
        let mut row = std::mem::take(&mut self.row);
        self.write(&row)?;
        row.text.clear();
        row.fields.clear();
        self.row = row;
        Ok(())
    }

    /// Finds the header among the held rows, names the rows above it, fixes the columns and
    /// writes the held rows below it.
    fn find_header(&mut self) -> Fast<()> {
        let span = (self.bottom - self.top + 1) as usize;
        let mut filled = vec![0; span.min(HEADER_SEARCH_ROWS)];
        for row in &self.held {
            filled[(row.index - self.top) as usize] = row.filled();
        }
        let row = self.top + header_index(&filled).ok_or(Unsupported)? as u32;
        let (above, below): (Vec<Row>, Vec<Row>) = std::mem::take(&mut self.held)
            .into_iter()
            .partition(|r| r.index < row);
        let skipped_above = above
            .iter()
            .filter(|r| r.filled() > 0)
            .map(|r| {
                skipped_row(
                    r.cells()
                        .filter(|(f, _)| !f.blank)
                        .map(|(_, text)| String::from_utf8_lossy(text).into_owned()),
                )
            })
            .collect();
        let mut keep: Vec<u32> = below
            .iter()
            .flat_map(|r| r.fields.iter().filter(|f| !f.blank).map(|f| f.col))
            .collect();
        keep.sort_unstable();
        keep.dedup();
        self.header = Some(Header {
            row,
            keep,
            skipped_above,
        });
        for r in &below {
            self.write(r)?;
        }
        Ok(())
    }

    /// Writes a row below the header as a CSV record of the kept columns (error cells empty
    /// and counted; rows with no value left out), or steps aside if it has a value in another
    /// column.
    fn write(&mut self, row: &Row) -> Fast<()> {
        let Some(header) = &self.header else {
            return Err(Unsupported);
        };
        if row.filled() == 0 {
            return Ok(());
        }
        // Where each kept column's text is in the row's text (none: `0..0`).
        self.record.clear();
        self.record.resize(header.keep.len(), (0, 0));
        let mut kept = header.keep.iter().enumerate().peekable();
        let mut start = 0;
        for field in &row.fields {
            while kept.next_if(|(_, &c)| c < field.col).is_some() {}
            match kept.peek() {
                Some(&(i, &c)) if c == field.col => {
                    if field.error {
                        self.errors.note(&row.text[start..field.end]);
                    } else {
                        self.record[i] = (start, field.end);
                    }
                }
                _ if !field.blank => return Err(Unsupported),
                _ => {}
            }
            start = field.end;
        }
        let fields = self
            .record
            .iter()
            .map(|&(start, end)| &row.text[start..end]);
        self.out.record(fields);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::{convert, xlsx::Book};
    use super::*;
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

    /// The sheet `name` of `bytes` written as it is read, or `None` where the writer steps
    /// aside; and as `convert` converts its cells laid out whole.
    fn both(bytes: &[u8], name: &str) -> (Option<SheetText>, SheetText) {
        let mut book = Book::open(bytes).unwrap();
        let sheets = book.sheet_names();
        let mut writer = SheetWriter::default();
        let streamed = book
            .scan(name, &mut writer)
            .and_then(|()| writer.finish(name, &sheets))
            .ok();
        let whole = convert(&book.sheet_cells(name).unwrap(), name, &sheets).unwrap();
        (streamed, whole)
    }

    /// A sheet as real exports make them: a title block (one cell far to the right), a blank
    /// row, a header with an empty cell whose column has values, error cells above and below
    /// the rows held for the header search, blank rows, cells of white space (one in a column
    /// of its own, far below), numbers of every shape and dates.
    fn export(rows: u32, late_value: Option<&str>) -> Vec<u8> {
        let mut wb = Workbook::new();
        let sheet = wb.add_worksheet().set_name("Data").unwrap();
        sheet.write_string(0, 0, "Customer export").unwrap();
        sheet.write_string(1, 6, "   ").unwrap();
        sheet.write_string(2, 0, "As of 1 March").unwrap();
        for (j, h) in ["id", "name", "", "spend", "joined"].iter().enumerate() {
            if !h.is_empty() {
                sheet.write_string(4, j as u16 + 1, *h).unwrap();
            }
        }
        let date = Format::new().set_num_format("dd/mm/yyyy");
        let numbers = [
            0.0,
            -3.0,
            2.5,
            1e20,
            1.5e-7,
            123456789.125,
            -0.001,
            0.1 + 0.2,
        ];
        for r in 5..5 + rows {
            if r % 11 == 0 {
                continue;
            }
            sheet.write_number(r, 1, f64::from(r)).unwrap();
            if r % 7 == 0 {
                sheet.write_string(r, 2, "  ").unwrap();
            } else {
                sheet.write_string(r, 2, format!("name {r}")).unwrap();
            }
            if r % 3 == 0 {
                sheet.write_number(r, 3, f64::from(r) / 4.0).unwrap();
            }
            if r % 13 == 0 {
                sheet
                    .write_formula(
                        r,
                        4,
                        rust_xlsxwriter::Formula::new("=1/0").set_result("#DIV/0!"),
                    )
                    .unwrap();
            } else {
                sheet
                    .write_number(r, 4, numbers[r as usize % 8] * f64::from(r))
                    .unwrap();
            }
            let day = ExcelDateTime::from_ymd(2020, 1 + (r % 12) as u8, 1).unwrap();
            sheet.write_datetime_with_format(r, 5, &day, &date).unwrap();
        }
        sheet.write_string(rows + 2, 9, " ").unwrap();
        if let Some(text) = late_value {
            sheet.write_string(rows + 3, 8, text).unwrap();
        }
        wb.save_to_buffer().unwrap()
    }

    #[test]
    fn rows_written_as_read_are_the_sheet_converted_whole() {
        for rows in [2, 20, 25, 26, 40, 300] {
            let (streamed, whole) = both(&export(rows, None), "Data");
            let streamed = streamed.unwrap_or_else(|| panic!("{rows} rows: stepped aside"));
            assert_eq!(streamed.read, whole.read, "{rows} rows");
            assert_eq!(
                String::from_utf8_lossy(&streamed.csv),
                String::from_utf8_lossy(&whole.csv),
                "{rows} rows"
            );
            assert!(whole.read.error_cells > 0 || rows < 8, "{rows} rows");
        }
    }

    #[test]
    fn it_steps_aside_where_the_result_could_differ() {
        // A value in a column first used below the rows held for the header.
        let (streamed, whole) = both(&export(300, Some("late")), "Data");
        assert!(streamed.is_none());
        assert!(String::from_utf8_lossy(&whole.csv).contains("late"));
        // ... but white space there is no value.
        assert!(both(&export(300, Some("  ")), "Data").0.is_some());
        // No table: `convert` says why.
        let mut wb = Workbook::new();
        wb.add_worksheet()
            .set_name("Notes")
            .unwrap()
            .write_string(0, 0, "only a note")
            .unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let mut book = Book::open(&bytes).unwrap();
        let mut writer = SheetWriter::default();
        book.scan("Notes", &mut writer).unwrap();
        assert!(writer.finish("Notes", &["Notes".into()]).is_err());
        // Cells out of order.
        let mut writer = SheetWriter::default();
        writer.put((3, 1), Value::Number(b"1")).unwrap();
        assert!(writer.put((2, 5), Value::Number(b"2")).is_err());
        let mut writer = SheetWriter::default();
        writer.put((3, 1), Value::Number(b"1")).unwrap();
        assert!(writer.put((3, 1), Value::Number(b"2")).is_err());
    }
}
