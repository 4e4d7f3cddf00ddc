//! Writes a table as an .xlsx workbook shaped like a real export: a notes sheet first, then the
//! data sheet with a title block above the header, dates as Excel date cells, numbers as
//! numbers, and a hidden lookup sheet. Shared by the workbook tests, the committed e2e fixture
//! (`cargo run -p klaster-engine --example workbook`) and the benchmark.

use klaster_engine::ingest::values::civil_from_days;
use klaster_engine::{ColumnType, Table};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

/// The data sheet's name.
pub const DATA_SHEET: &str = "Customers";
/// The title block above the header (rows 1 and 2; row 3 is blank, the header is row 4).
pub const TITLE: [&str; 2] = ["Customer list — export of 1 March 2024", "Source: CRM"];
/// The Excel row of the header.
pub const HEADER_ROW: u32 = 4;

/// The workbook's bytes.
pub fn xlsx(table: &Table) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let notes = book.add_worksheet().set_name("Read me")?;
    notes.write_string(0, 0, "This workbook was exported for the campaign team.")?;
    notes.write_string(1, 0, "The data is on the next sheet.")?;

    let date = Format::new().set_num_format("dd/mm/yyyy");
    let sheet = book.add_worksheet().set_name(DATA_SHEET)?;
    sheet.write_string(0, 0, TITLE[0])?;
    sheet.write_string(1, 0, TITLE[1])?;
    let top = HEADER_ROW - 1;
    for (j, column) in table.columns.iter().enumerate() {
        let col = j as u16;
        sheet.write_string(top, col, &column.name)?;
        for row in 0..table.n_rows() {
            let at = top + 1 + row as u32;
            match column.kind {
                ColumnType::Integer | ColumnType::Decimal => {
                    if let Some(v) = column.raw_number(row) {
                        sheet.write_number(at, col, v)?;
                    }
                }
                ColumnType::Date => {
                    if let Some(days) = column.raw_number(row) {
                        let (y, m, d) = civil_from_days(days as i64);
                        let when = ExcelDateTime::from_ymd(y as u16, m as u8, d as u8)?;
                        sheet.write_datetime_with_format(at, col, &when, &date)?;
                    }
                }
                _ => {
                    let text = column.display(row);
                    if !text.is_empty() {
                        sheet.write_string(at, col, &text)?;
                    }
                }
            }
        }
    }
    let lookup = book.add_worksheet().set_name("Lookup")?;
    lookup.write_string(0, 0, "code")?;
    lookup.write_string(0, 1, "label")?;
    lookup.write_string(1, 0, "A")?;
    lookup.write_string(1, 1, "Active")?;
    lookup.set_hidden(true);
    book.save_to_buffer()
}
