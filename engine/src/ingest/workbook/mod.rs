//! Workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) → the text of one sheet as CSV, which then goes
//! through the same reader as any CSV file ([`super::read_table`]): one type inference, one set
//! of load problems, one preview, whatever the file's format.
//!
//! A sheet is read as a person reads it: blank rows and a title block above the header are
//! skipped (and named in [`SheetRead`]), columns empty from the header down are dropped, cells
//! formatted as dates become ISO dates (`2024-03-05`, with the time when there is one), whole
//! numbers lose Excel's `.0`, and error cells (`#DIV/0!`) become missing values and are counted.
//! Empty or merged header cells get the names any CSV header gets (`unnamed_3`).
//!
//! Which sheet: the one asked for by name, else the first visible worksheet that holds a table
//! (at least two columns and a data row); every sheet's name is listed so the page can offer
//! the others. calamine reads the whole sheet into memory: workbooks are bounded by Excel's
//! own limit (1,048,576 rows), and the converted text is about the size of the same CSV.

use std::io::Cursor;

use calamine::{
    open_workbook_auto_from_rs, CellErrorType, CellType, Data, DataRef, ExcelDateTime, Range,
    Reader, SheetType, SheetVisible,
};
use serde::{Deserialize, Serialize};

use super::{Loaded, Progress, ReadOptions};
use csv_text::CsvText;

mod csv_text;
mod parts;
mod stream;
mod xlsx;
mod xml;
use crate::error::{BinaryKind, IngestError};
use crate::tf;

/// File signatures of workbooks: a ZIP container (.xlsx, .xlsm, .xlsb, .ods) or an OLE
/// compound file (.xls).
const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = b"\xD0\xCF\x11\xE0";

/// Rows at the top of a sheet searched for the header.
const HEADER_SEARCH_ROWS: usize = 30;

/// Whether a file should be read as a workbook, from its first bytes. Cheap (no parsing), so
/// the browser can decide where to send the file before loading the workbook reader.
pub fn is_workbook(head: &[u8]) -> bool {
    head.starts_with(ZIP) || head.starts_with(OLE)
}

/// How a sheet was turned into a table, for the page and the CLI to say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetRead {
    /// The workbook's worksheets, in order (hidden ones and chart sheets left out).
    pub sheets: Vec<String>,
    /// The sheet that was read.
    pub sheet: String,
    /// The sheet's row (1-based, as Excel numbers it) that was taken for the header.
    pub header_row: u32,
    /// Text of the non-blank rows above the header (a title, a date of export), each row's
    /// cells joined with " · ".
    pub skipped_above: Vec<String>,
    /// Columns left out because they were empty from the header down.
    pub empty_columns: usize,
    /// Cells holding an Excel error (`#DIV/0!`, `#N/A` …), read as missing.
    pub error_cells: usize,
    /// Example of an error cell's text.
    pub error_example: Option<String>,
}

impl SheetRead {
    /// The read in one or two sentences, as the page and the CLI say it: which sheet, where
    /// the header was found, what was skipped or read as missing.
    pub fn describe(&self) -> String {
        let sheet = &self.sheet;
        let row = self.header_row;
        let mut parts = vec![if self.sheets.len() > 1 {
            let n = self.sheets.len();
            let all = self.sheets.join(", ");
            tf!(
                "Sheet “{sheet}” of {n} ({all}), header on row {row}.",
                "Lembar “{sheet}” dari {n} ({all}), baris judul di baris {row}."
            )
        } else {
            tf!(
                "Sheet “{sheet}”, header on row {row}.",
                "Lembar “{sheet}”, baris judul di baris {row}."
            )
        }];
        if !self.skipped_above.is_empty() {
            let text = self
                .skipped_above
                .iter()
                .map(|r| format!("“{}”", crate::format::shorten(r, 80)))
                .collect::<Vec<_>>()
                .join(", ");
            parts.push(tf!(
                "Skipped above the header: {text}.",
                "Dilewati di atas baris judul: {text}."
            ));
        }
        if self.empty_columns > 0 {
            let n = self.empty_columns;
            parts.push(tf!(
                "{n} empty column(s) left out.",
                "{n} kolom kosong tidak diikutkan."
            ));
        }
        if self.error_cells > 0 {
            let n = self.error_cells;
            let e = self.error_example.as_deref().unwrap_or("#N/A");
            parts.push(tf!(
                "{n} cell(s) with an Excel error (e.g. {e}) read as missing.",
                "{n} sel berisi galat Excel (mis. {e}) dibaca sebagai kosong."
            ));
        }
        parts.join(" ")
    }
}

/// One sheet as CSV text (UTF-8, comma-separated, quoted where needed), and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetText {
    pub csv: Vec<u8>,
    pub read: SheetRead,
}

/// Opens a workbook held in memory and converts one sheet: `sheet` by name, or the first that
/// holds a table. An .xlsx or .xlsm file is read by the fast reader ([`xlsx`]) when it can
/// read it exactly as calamine would; anything else, and any file it cannot, by calamine.
pub fn sheet_text(bytes: &[u8], sheet: Option<&str>) -> Result<SheetText, IngestError> {
    match fast_sheet_text(bytes, sheet) {
        Ok(text) => Ok(text),
        Err(Failure::Read(e)) => Err(e),
        Err(Failure::Unsupported) => calamine_sheet_text(bytes, sheet),
    }
}

/// Why the fast reader gave no sheet: an answer for the user (no such sheet, no table), or a
/// file to leave to calamine.
enum Failure {
    Read(IngestError),
    Unsupported,
}

impl From<IngestError> for Failure {
    fn from(e: IngestError) -> Self {
        Failure::Read(e)
    }
}

/// Errors of reading a sheet, of which only "this sheet holds no table" lets [`pick`] go on
/// to the next sheet.
trait SheetError: From<IngestError> {
    fn no_table(&self) -> bool;
}

impl SheetError for IngestError {
    fn no_table(&self) -> bool {
        matches!(self, IngestError::NoTable { .. })
    }
}

impl SheetError for Failure {
    fn no_table(&self) -> bool {
        matches!(self, Failure::Read(e) if e.no_table())
    }
}

impl From<xml::Unsupported> for Failure {
    fn from(_: xml::Unsupported) -> Self {
        Failure::Unsupported
    }
}

/// The fast reader alone, for the tests that hold it to calamine's results and for the
/// benchmark: `None` when it leaves the file to calamine.
pub fn fast_sheet_text_only(
    bytes: &[u8],
    sheet: Option<&str>,
) -> Option<Result<SheetText, IngestError>> {
    match fast_sheet_text(bytes, sheet) {
        Ok(text) => Some(Ok(text)),
        Err(Failure::Read(e)) => Some(Err(e)),
        Err(Failure::Unsupported) => None,
    }
}

/// A sheet converted as its rows are read ([`stream`]), or, where that steps aside (rows out
/// of order, a column first used far below the header, no table), from its cells laid out
/// whole.
fn fast_sheet_text(bytes: &[u8], sheet: Option<&str>) -> Result<SheetText, Failure> {
    let mut book = xlsx::Book::open(bytes)?;
    let sheets = book.sheet_names();
    pick(&sheets, sheet, |name| {
        let mut writer = stream::SheetWriter::default();
        if book.scan(name, &mut writer).is_ok() {
            if let Ok(text) = writer.finish(name, &sheets) {
                return Ok(text);
            }
        }
        Ok(convert(&book.sheet_cells(name)?, name, &sheets)?)
    })
}

/// The sheet as calamine reads it: .xls, .xlsb, .ods, and what the fast reader leaves.
pub fn calamine_sheet_text(bytes: &[u8], sheet: Option<&str>) -> Result<SheetText, IngestError> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        if bytes.starts_with(ZIP) && !looks_like_office_zip(bytes) {
            IngestError::Binary {
                kind: BinaryKind::Zip,
            }
        } else {
            IngestError::Workbook(e.to_string())
        }
    })?;
    let sheets: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    pick(&sheets, sheet, |name| {
        let range = book
            .worksheet_range(name)
            .map_err(|e| IngestError::Workbook(e.to_string()))?;
        convert(&range, name, &sheets)
    })
}

/// Converts the sheet `wanted`, or else the first of `sheets` that holds a table (if none
/// does, the first sheet's own message), with `read` converting a sheet by name.
fn pick<E: SheetError>(
    sheets: &[String],
    wanted: Option<&str>,
    mut read: impl FnMut(&str) -> Result<SheetText, E>,
) -> Result<SheetText, E> {
    if sheets.is_empty() {
        return Err(IngestError::NoSheet { wanted: None }.into());
    }
    match wanted {
        Some(wanted) => {
            if !sheets.iter().any(|s| s == wanted) {
                return Err(IngestError::NoSheet {
                    wanted: Some(wanted.to_string()),
                }
                .into());
            }
            read(wanted)
        }
        None => {
            let mut first_error = None;
            for name in sheets {
                match read(name) {
                    Ok(text) => return Ok(text),
                    Err(e) if e.no_table() => {
                        first_error.get_or_insert(e);
                    }
                    Err(e) => return Err(e),
                }
            }
            Err(first_error.unwrap_or_else(|| IngestError::Empty.into()))
        }
    }
}

/// Reads one sheet of a workbook held in memory into a table, as [`super::read_table`] reads a
/// CSV file, with [`LoadReport::workbook`](super::LoadReport::workbook) set.
pub fn read_workbook(
    bytes: &[u8],
    sheet: Option<&str>,
    opts: &ReadOptions,
    progress: &mut dyn Progress,
) -> Result<Loaded, IngestError> {
    read_sheet(&sheet_text(bytes, sheet)?, opts, progress)
}

/// Reads a converted sheet (e.g. one converted by another worker) into a table.
pub fn read_sheet(
    sheet: &SheetText,
    opts: &ReadOptions,
    progress: &mut dyn Progress,
) -> Result<Loaded, IngestError> {
    let mut loaded = super::read_table(&sheet.csv, opts, progress)?;
    loaded.report.workbook = Some(sheet.read.clone());
    Ok(loaded)
}

/// A ZIP that is an Office or OpenDocument file names its parts near the start.
fn looks_like_office_zip(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    has(b"[Content_Types].xml") || has(b"mimetype") || has(b"xl/") || has(b"META-INF")
}

/// A cell as the converter sees it, whichever reader gave it: calamine's owned cells (`Data`)
/// or the fast reader's, which borrow the shared strings (`DataRef`).
enum View<'a> {
    Empty,
    Text(&'a str),
    /// OpenDocument durations (`PT1H30M`), kept as written.
    Duration(&'a str),
    Int(i64),
    Float(f64),
    Bool(bool),
    DateTime(&'a ExcelDateTime),
    /// OpenDocument dates: `2024-03-05` or `2024-03-05T14:30:00`.
    DateTimeIso(&'a str),
    Error(&'a CellErrorType),
}

trait SheetCell: CellType {
    fn view(&self) -> View<'_>;
}

impl SheetCell for Data {
    fn view(&self) -> View<'_> {
        match self {
            Data::Empty => View::Empty,
            Data::String(s) => View::Text(s),
            Data::DurationIso(s) => View::Duration(s),
            Data::Int(i) => View::Int(*i),
            Data::Float(f) => View::Float(*f),
            Data::Bool(b) => View::Bool(*b),
            Data::DateTime(d) => View::DateTime(d),
            Data::DateTimeIso(s) => View::DateTimeIso(s),
            Data::Error(e) => View::Error(e),
        }
    }
}

impl SheetCell for DataRef<'_> {
    fn view(&self) -> View<'_> {
        match self {
            DataRef::Empty => View::Empty,
            DataRef::String(s) => View::Text(s),
            DataRef::DurationIso(s) => View::Duration(s),
            DataRef::SharedString(s) => View::Text(s),
            DataRef::Int(i) => View::Int(*i),
            DataRef::Float(f) => View::Float(*f),
            DataRef::Bool(b) => View::Bool(*b),
            DataRef::DateTime(d) => View::DateTime(d),
            DataRef::DateTimeIso(s) => View::DateTimeIso(s),
            DataRef::Error(e) => View::Error(e),
        }
    }
}

/// Non-empty cells of a row.
fn filled<T: SheetCell>(row: &[T]) -> usize {
    row.iter().filter(|c| !is_blank(*c)).count()
}

fn is_blank<T: SheetCell>(c: &T) -> bool {
    match c.view() {
        View::Empty => true,
        View::Text(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// The header's index among the range's rows, from how many cells each of the first
/// [`HEADER_SEARCH_ROWS`] rows fills: the first row filled at least half as wide as the widest
/// (and at least two cells), as a person would find it below a title or a note. `None` when no
/// row has two cells.
fn header_index(filled: &[usize]) -> Option<usize> {
    let filled = &filled[..filled.len().min(HEADER_SEARCH_ROWS)];
    let widest = *filled.iter().max()?;
    if widest < 2 {
        return None;
    }
    let need = widest.div_ceil(2).max(2);
    filled.iter().position(|&n| n >= need)
}

fn convert<T: SheetCell>(
    range: &Range<T>,
    name: &str,
    sheets: &[String],
) -> Result<SheetText, IngestError> {
    let no_table = || IngestError::NoTable {
        sheet: name.to_string(),
    };
    let rows: Vec<&[T]> = range.rows().collect();
    let first_filled: Vec<usize> = rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .map(|r| filled(r))
        .collect();
    let header = header_index(&first_filled).ok_or_else(no_table)?;
    let (top, _) = range.start().unwrap_or((0, 0));
    let mut text = Vec::new();
    let skipped_above: Vec<String> = rows[..header]
        .iter()
        .filter(|r| filled(r) > 0)
        .map(|r| {
            skipped_row(r.iter().filter(|c| !is_blank(*c)).map(|c| {
                text.clear();
                write_cell(c, &mut text);
                String::from_utf8_lossy(&text).into_owned()
            }))
        })
        .collect();
    let body = &rows[header..];
    let width = range.width();
    // Columns with a header or at least one value; trailing and leading empty ones go.
    let mut used = vec![false; width];
    for row in body {
        mark_used(row, &mut used);
    }
    let keep: Vec<usize> = (0..width).filter(|&j| used[j]).collect();
    if keep.len() < 2 || body.len() < 2 {
        return Err(no_table());
    }
    let mut errors = ErrorCells::default();
    let mut out = CsvText::with_capacity(body.len() * keep.len() * 8);
    let mut ends: Vec<usize> = Vec::with_capacity(keep.len());
    for row in body {
        if filled(row) > 0 {
            write_row(row, &keep, &mut text, &mut ends, &mut out, &mut errors);
        }
    }
    Ok(SheetText {
        csv: out.into_inner(),
        read: SheetRead {
            sheets: sheets.to_vec(),
            sheet: name.to_string(),
            header_row: top + header as u32 + 1,
            skipped_above,
            empty_columns: width - keep.len(),
            error_cells: errors.count,
            error_example: errors.example,
        },
    })
}

/// A row above the header as [`SheetRead::skipped_above`] names it: its cells' text.
fn skipped_row(cells: impl Iterator<Item = String>) -> String {
    cells.collect::<Vec<_>>().join(" · ")
}

/// Error cells met so far, and the first one's text.
#[derive(Default)]
struct ErrorCells {
    count: usize,
    example: Option<String>,
}

impl ErrorCells {
    /// Counts an error cell whose text (`#DIV/0!`) is `text`.
    fn note(&mut self, text: &[u8]) {
        self.count += 1;
        self.example
            .get_or_insert_with(|| String::from_utf8_lossy(text).into_owned());
    }
}

/// Marks the columns in which `row` has a value. Not inlined, as the functions of the row
/// loops of the fast reader (see `xlsx::Values::scan`).
#[inline(never)]
fn mark_used<T: SheetCell>(row: &[T], used: &mut [bool]) {
    for (j, c) in row.iter().enumerate() {
        if !is_blank(c) {
            used[j] = true;
        }
    }
}

/// Writes the `keep` columns of `row` as a CSV record, its fields written one after the other
/// into `text`, ending at `ends`; error cells are written empty and counted.
#[inline(never)]
fn write_row<T: SheetCell>(
    row: &[T],
    keep: &[usize],
    text: &mut Vec<u8>,
    ends: &mut Vec<usize>,
    out: &mut CsvText,
    errors: &mut ErrorCells,
) {
    text.clear();
    ends.clear();
    for &j in keep {
        if let Some(c) = row.get(j) {
            let start = text.len();
            if write_cell(c, text) {
                errors.note(&text[start..]);
                text.truncate(start);
            }
        }
        ends.push(text.len());
    }
    let fields = ends.iter().scan(0, |start, &end| {
        Some(&text[std::mem::replace(start, end)..end])
    });
    out.record(fields);
}

/// Appends a cell as the text a CSV export would hold; `true` for an error cell (its text,
/// `#DIV/0!`, is appended too, for the message).
fn write_cell<T: SheetCell>(c: &T, out: &mut Vec<u8>) -> bool {
    use std::io::Write;
    // Writing into a Vec cannot fail.
    let _ = match c.view() {
        View::Empty => Ok(()),
        View::Text(s) | View::Duration(s) => out.write_all(s.as_bytes()),
        View::Int(i) => {
            write_integer(i, out);
            Ok(())
        }
        View::Float(f) => write_number(f, out),
        View::Bool(b) => out.write_all(if b { b"true" } else { b"false" }),
        View::DateTime(d) if d.is_duration() => write_number(d.as_f64(), out),
        View::DateTime(d) => {
            let (y, mo, day, h, mi, s, ms) = d.to_ymd_hms_milli();
            if d.as_f64() < 1.0 {
                // A time of day without a date.
                write!(out, "{h:02}:{mi:02}:{s:02}")
            } else if (h, mi, s, ms) == (0, 0, 0, 0) {
                write!(out, "{y:04}-{mo:02}-{day:02}")
            } else {
                write!(out, "{y:04}-{mo:02}-{day:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        View::DateTimeIso(s) => match s.split_once('T') {
            Some((date, "00:00:00")) => out.write_all(date.as_bytes()),
            Some((date, time)) => write!(out, "{date} {time}"),
            None => out.write_all(s.as_bytes()),
        },
        View::Error(e) => {
            let _ = write!(out, "{e}");
            return true;
        }
    };
    false
}

/// An integer in decimal, without the formatting machinery: most cells of a sheet are whole
/// numbers.
fn write_integer(i: i64, out: &mut Vec<u8>) {
    if i < 0 {
        out.push(b'-');
    }
    let mut n = i.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// Excel keeps every number as a float: a whole number is written without its `.0`, as the
/// sheet shows it; any other in the shortest form that reads back to the same float.
fn write_number(f: f64, out: &mut Vec<u8>) -> std::io::Result<()> {
    use std::io::Write;
    if f.fract() == 0.0 && f.abs() < 1e15 {
        write_integer(f as i64, out);
        Ok(())
    } else {
        write!(out, "{f}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_lose_the_excel_point_zero() {
        let number = |f: f64| {
            let mut out = Vec::new();
            write_number(f, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(number(42.0), "42");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(number(0.1), "0.1");
        assert_eq!(number(1234.5678), "1234.5678");
        assert_eq!(number(1e20), "100000000000000000000");
        assert_eq!(number(-1e14), "-100000000000000");
        let mut out = Vec::new();
        write_integer(i64::MIN, &mut out);
        assert_eq!(out, i64::MIN.to_string().as_bytes());
    }

    #[test]
    fn the_header_is_found_below_a_title_block() {
        let s = |t: &str| Data::String(t.into());
        let title = [s("Customer list"), Data::Empty, Data::Empty, Data::Empty];
        let blank = [Data::Empty, Data::Empty, Data::Empty, Data::Empty];
        let note = [
            s("Exported 2024-03-01"),
            Data::Empty,
            Data::Empty,
            Data::Empty,
        ];
        let header = [s("id"), s("name"), s("spend"), Data::Empty];
        let data = [Data::Int(1), s("A"), Data::Float(2.5), Data::Empty];
        let counts = |rows: &[&[Data]]| rows.iter().map(|r| filled(r)).collect::<Vec<_>>();
        let rows: Vec<&[Data]> = vec![&title, &blank, &note, &header, &data];
        assert_eq!(counts(&rows), [1, 0, 1, 3, 3]);
        assert_eq!(header_index(&counts(&rows)), Some(3));
        let only: Vec<&[Data]> = vec![&title, &note];
        assert_eq!(header_index(&counts(&only)), None);
        // Only the first rows are searched.
        let mut late = vec![1; HEADER_SEARCH_ROWS];
        late.push(3);
        assert_eq!(header_index(&late), None);
    }

    #[test]
    fn workbook_signatures() {
        assert!(is_workbook(b"PK\x03\x04rest"));
        assert!(is_workbook(b"\xD0\xCF\x11\xE0\xA1\xB1"));
        assert!(!is_workbook(b"id,name\n"));
    }
}
