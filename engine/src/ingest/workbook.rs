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

use calamine::{open_workbook_auto_from_rs, Data, Range, Reader, SheetType, SheetVisible};
use serde::{Deserialize, Serialize};

use super::{Loaded, Progress, ReadOptions};
use crate::error::IngestError;
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
#[derive(Debug, Clone)]
pub struct SheetText {
    pub csv: Vec<u8>,
    pub read: SheetRead,
}

/// Opens a workbook held in memory and converts one sheet: `sheet` by name, or the first that
/// holds a table.
pub fn sheet_text(bytes: &[u8], sheet: Option<&str>) -> Result<SheetText, IngestError> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        if bytes.starts_with(ZIP) && !looks_like_office_zip(bytes) {
            IngestError::Binary {
                kind: "a ZIP archive",
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
    if sheets.is_empty() {
        return Err(IngestError::NoSheet { wanted: None });
    }
    let mut read_sheet = |name: &str| {
        book.worksheet_range(name)
            .map_err(|e| IngestError::Workbook(e.to_string()))
    };
    match sheet {
        Some(wanted) => {
            if !sheets.iter().any(|s| s == wanted) {
                return Err(IngestError::NoSheet {
                    wanted: Some(wanted.to_string()),
                });
            }
            let range = read_sheet(wanted)?;
            convert(&range, wanted, &sheets)
        }
        None => {
            // The first sheet with a table; if none has one, the first sheet's own message.
            let mut first_error = None;
            for name in &sheets {
                let range = read_sheet(name)?;
                match convert(&range, name, &sheets) {
                    Ok(text) => return Ok(text),
                    Err(e) => {
                        first_error.get_or_insert(e);
                    }
                }
            }
            Err(first_error.unwrap_or(IngestError::Empty))
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

/// Non-empty cells of a row.
fn filled(row: &[Data]) -> usize {
    row.iter().filter(|c| !is_blank(c)).count()
}

fn is_blank(c: &Data) -> bool {
    match c {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// The header's index among the range's rows: the first row filled at least half as wide as
/// the widest of the first rows (and at least two cells), as a person would find it below a
/// title or a note. `None` when no row has two cells.
fn header_index(rows: &[&[Data]]) -> Option<usize> {
    let widest = rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .map(|r| filled(r))
        .max()?;
    if widest < 2 {
        return None;
    }
    let need = widest.div_ceil(2).max(2);
    rows.iter()
        .take(HEADER_SEARCH_ROWS)
        .position(|r| filled(r) >= need)
}

fn convert(range: &Range<Data>, name: &str, sheets: &[String]) -> Result<SheetText, IngestError> {
    let no_table = || IngestError::NoTable {
        sheet: name.to_string(),
    };
    let rows: Vec<&[Data]> = range.rows().collect();
    let header = header_index(&rows).ok_or_else(no_table)?;
    let (top, _) = range.start().unwrap_or((0, 0));
    let skipped_above: Vec<String> = rows[..header]
        .iter()
        .filter(|r| filled(r) > 0)
        .map(|r| {
            r.iter()
                .filter(|c| !is_blank(c))
                .map(|c| cell_text(c).0)
                .collect::<Vec<_>>()
                .join(" · ")
        })
        .collect();
    let body = &rows[header..];
    let width = range.width();
    // Columns with a header or at least one value; trailing and leading empty ones go.
    let mut used = vec![false; width];
    for row in body {
        for (j, c) in row.iter().enumerate() {
            if !is_blank(c) {
                used[j] = true;
            }
        }
    }
    let keep: Vec<usize> = (0..width).filter(|&j| used[j]).collect();
    if keep.len() < 2 || body.len() < 2 {
        return Err(no_table());
    }
    let mut error_cells = 0;
    let mut error_example = None;
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::with_capacity(body.len() * keep.len() * 8));
    let mut record: Vec<String> = Vec::with_capacity(keep.len());
    for row in body {
        if filled(row) == 0 {
            continue;
        }
        record.clear();
        for &j in &keep {
            let (text, error) = row.get(j).map_or((String::new(), false), cell_text);
            if error {
                error_cells += 1;
                error_example.get_or_insert_with(|| text.clone());
                record.push(String::new());
            } else {
                record.push(text);
            }
        }
        out.write_record(&record)
            .map_err(|e| IngestError::Workbook(e.to_string()))?;
    }
    let csv = out
        .into_inner()
        .map_err(|e| IngestError::Workbook(e.to_string()))?;
    Ok(SheetText {
        csv,
        read: SheetRead {
            sheets: sheets.to_vec(),
            sheet: name.to_string(),
            header_row: top + header as u32 + 1,
            skipped_above,
            empty_columns: width - keep.len(),
            error_cells,
            error_example,
        },
    })
}

/// A cell as the text a CSV export would hold, and whether it is an error cell.
fn cell_text(c: &Data) -> (String, bool) {
    let text = match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => if *b { "true" } else { "false" }.to_string(),
        Data::DateTime(d) if d.is_duration() => number(d.as_f64()),
        Data::DateTime(d) => {
            let (y, mo, day, h, mi, s, ms) = d.to_ymd_hms_milli();
            if d.as_f64() < 1.0 {
                // A time of day without a date.
                format!("{h:02}:{mi:02}:{s:02}")
            } else if (h, mi, s, ms) == (0, 0, 0, 0) {
                format!("{y:04}-{mo:02}-{day:02}")
            } else {
                format!("{y:04}-{mo:02}-{day:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        // OpenDocument dates: `2024-03-05` or `2024-03-05T14:30:00`.
        Data::DateTimeIso(s) => match s.split_once('T') {
            Some((date, "00:00:00")) => date.to_string(),
            Some((date, time)) => format!("{date} {time}"),
            None => s.clone(),
        },
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => return (e.to_string(), true),
    };
    (text, false)
}

/// Excel keeps every number as a float: a whole number is written without its `.0`, as the
/// sheet shows it; any other in the shortest form that reads back to the same float.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_lose_the_excel_point_zero() {
        assert_eq!(number(42.0), "42");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(number(0.1), "0.1");
        assert_eq!(number(1234.5678), "1234.5678");
        assert_eq!(number(1e20), "100000000000000000000");
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
        let rows: Vec<&[Data]> = vec![&title, &blank, &note, &header, &data];
        assert_eq!(header_index(&rows), Some(3));
        let only: Vec<&[Data]> = vec![&title, &note];
        assert_eq!(header_index(&only), None);
    }

    #[test]
    fn workbook_signatures() {
        assert!(is_workbook(b"PK\x03\x04rest"));
        assert!(is_workbook(b"\xD0\xCF\x11\xE0\xA1\xB1"));
        assert!(!is_workbook(b"id,name\n"));
    }
}
