//! The fast way through an .xlsx or .xlsm workbook: its parts read straight from their XML
//! ([`super::xml`]), about three times as fast as calamine, because a sheet of 50,000 rows ×
//! 29 columns is 44 MB of XML and calamine builds an XML event per tag. The sheet's cells go,
//! in the order of the XML, to a [`Sink`]: the CSV writer of [`super::stream`], which converts
//! the rows as they are read, or [`Cells`], which lays them out as calamine's own cells
//! (`Range<DataRef>`) where the writer steps aside.
//!
//! The cells are calamine's, value for value: shared strings (rich text joined, phonetic runs
//! left out, text trimmed unless `xml:space="preserve"`), numbers as floats, numbers whose
//! style has a date or time format as `ExcelDateTime` (1900 or 1904 based, as the workbook
//! says), booleans, error cells, formula cells as their cached value, `t="str"` and `t="d"`
//! text; empty cells left out, as `worksheet_range` leaves them out. The rules for date
//! formats are calamine's (`formats.rs`, private there), ported below.
//!
//! Anything this reader does not handle exactly as calamine does — Excel's `_x000D_` escapes, an unexpected element in a cell, a number it would parse differently,
//! a part not where it is expected — is [`Unsupported`], and the whole workbook is then read
//! by calamine: this path only makes common files faster, never different. The test
//! `the_fast_reader_gives_calamines_cells` compares the two on every workbook the tests write.

use std::io::{Cursor, Read};

use calamine::{CellErrorType, DataRef, ExcelDateTime, ExcelDateTimeType, Range};
use zip::ZipArchive;

use super::parts::{
    claimed_size, excel_text, optional_part, part, read_formats, read_relationships, read_string,
    read_strings, read_workbook, NumberFormat, SheetEntry,
};
use super::xml::{decode_text, Fast, Tags, Unsupported};

/// An open .xlsx workbook: its shared strings, cell formats and sheets, read once.
pub struct Book<'b> {
    zip: ZipArchive<Cursor<&'b [u8]>>,
    values: Values,
    sheets: Vec<SheetEntry>,
}

/// What a cell's `<v>` is read against: the shared strings, each cell style's number format,
/// and the date system.
struct Values {
    strings: Vec<String>,
    formats: Vec<NumberFormat>,
    is_1904: bool,
}

/// Where the workbook's parts are: calamine's default layout, which every writer we know uses.
const WORKBOOK: &str = "xl/workbook.xml";
const WORKBOOK_RELS: &str = "xl/_rels/workbook.xml.rels";
const STRINGS: &str = "xl/sharedStrings.xml";
const STYLES: &str = "xl/styles.xml";

impl<'b> Book<'b> {
    /// Opens an .xlsx or .xlsm workbook held in memory; [`Unsupported`] for anything else
    /// (.xlsb and .ods are ZIP files too) or any surprise.
    pub fn open(bytes: &'b [u8]) -> Fast<Self> {
        let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|_| Unsupported)?;
        let rels = part(&mut zip, WORKBOOK_RELS)?;
        let workbook = part(&mut zip, WORKBOOK)?;
        let (sheets, is_1904) = read_workbook(&workbook, &read_relationships(&rels)?)?;
        let strings = match optional_part(&mut zip, STRINGS)? {
            Some(xml) => read_strings(&xml)?,
            None => Vec::new(),
        };
        let formats = match optional_part(&mut zip, STYLES)? {
            Some(xml) => read_formats(&xml)?,
            None => Vec::new(),
        };
        Ok(Book {
            zip,
            values: Values {
                strings,
                formats,
                is_1904,
            },
            sheets,
        })
    }

    /// The visible worksheets' names, in order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets
            .iter()
            .filter(|s| s.listed)
            .map(|s| s.name.clone())
            .collect()
    }

    /// The sheet's non-empty cells as calamine's `worksheet_range` gives them, read as its
    /// part inflates ([`Values::scan`]).
    pub fn sheet_cells(&mut self, name: &str) -> Fast<Range<DataRef<'_>>> {
        let mut cells = Cells::default();
        self.scan(name, &mut cells)?;
        cells.into_range()
    }

    /// The sheet's cells, as its part inflates, into `sink`, in the order of the XML.
    pub(super) fn scan<'s>(&'s mut self, name: &str, sink: &mut impl Sink<'s>) -> Fast<()> {
        let Book {
            zip,
            values,
            sheets,
        } = self;
        let path = &sheets
            .iter()
            .find(|s| s.name == name)
            .ok_or(Unsupported)?
            .path;
        let part = match zip.by_name(path) {
            Ok(part) => part,
            Err(_) => return Err(Unsupported),
        };
        let size = claimed_size(&part);
        values.scan(part, size, SHEET_READ, sink)
    }
}

/// Where a sheet's cells go as they are read, in the order of its XML: laid out as calamine
/// lays them out ([`Cells`]), or written as CSV row by row ([`super::stream::SheetWriter`]).
pub(super) trait Sink<'s> {
    /// Before anything: `size` is what the sheet's part inflates to.
    fn begin(&mut self, _size: u64) {}
    /// The sheet's `<dimension ref>` (`A1:AC50005`), when it has one, before any cell; `size`
    /// is what the part inflates to.
    fn dimension(&mut self, _reference: &[u8], _size: u64) {}
    /// A cell with a value (empty cells are not put), at its 0-based (row, column).
    fn put(&mut self, pos: (u32, u32), value: Value<'s, '_>) -> Fast<()>;
}

/// A cell's value: as calamine reads it, or a number whose `<v>` text is what the sheet
/// shows ([`shown_as_written`]), kept as text so that a CSV writer copies it through instead
/// of reading and formatting a float.
pub(super) enum Value<'s, 'x> {
    Data(DataRef<'s>),
    Number(&'x [u8]),
}

impl<'s> Value<'s, '_> {
    fn is_empty(&self) -> bool {
        matches!(self, Value::Data(DataRef::Empty))
    }

    /// The value as calamine reads it.
    pub(super) fn data(self) -> Fast<DataRef<'s>> {
        match self {
            Value::Data(data) => Ok(data),
            Value::Number(text) => float(text).map(DataRef::Float),
        }
    }
}

/// A number's `<v>` text that is exactly how the converter writes the number read from it
/// (`write_number`: a whole number without `.0`, any other in the shortest form that reads
/// back to the same float): an optional minus, no leading zero but the one before a point, no
/// trailing zero after it, no exponent, at most 15 digits (so no shorter decimal reads back
/// to the same float), and not `-0`.
pub(super) fn shown_as_written(text: &[u8]) -> bool {
    let digits = text.strip_prefix(b"-").unwrap_or(text);
    let (whole, fraction) = match memchr::memchr(b'.', digits) {
        Some(point) => (&digits[..point], Some(&digits[point + 1..])),
        None => (digits, None),
    };
    let all_digits = |part: &[u8]| !part.is_empty() && part.iter().all(u8::is_ascii_digit);
    if !all_digits(whole) || (whole.len() > 1 && whole[0] == b'0') {
        return false;
    }
    let fraction_len = match fraction {
        None => 0,
        Some(f) if all_digits(f) && f.last() != Some(&b'0') => f.len(),
        Some(_) => return false,
    };
    let zero = whole == b"0" && fraction.is_none();
    whole.len() + fraction_len <= 15 && !(zero && digits.len() < text.len())
}

/// Inflated bytes read at a time from a sheet's part. The sheet is read as it inflates, a run
/// of whole rows at a time, so that its XML (44 MB for 50,000 rows × 29 columns) is never held
/// whole: in a browser's fresh worker each new megabyte of memory costs about a millisecond
/// (measured: touching 200 MB took 150–250 ms), and the buffer, reused, stays in the cache.
const SHEET_READ: usize = 1 << 20;

/// A sheet's part as it inflates: the bytes read and not yet scanned.
struct Inflating<R> {
    part: R,
    buf: Vec<u8>,
    /// Bytes read at a time ([`SHEET_READ`]; tests read in small steps).
    step: usize,
    done: bool,
}

impl<R: Read> Inflating<R> {
    /// Reads up to `step` more bytes (fewer only at the end of the part).
    fn more(&mut self) -> Fast<()> {
        let start = self.buf.len();
        self.buf.resize(start + self.step, 0);
        let mut filled = start;
        while filled < self.buf.len() {
            match self.part.read(&mut self.buf[filled..]) {
                Ok(0) => {
                    self.done = true;
                    break;
                }
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return Err(Unsupported),
            }
        }
        self.buf.truncate(filled);
        Ok(())
    }
}

/// The end (just after its `>`) of the last `</row>` (or `</x:row>`) in `xml`.
fn last_row_end(xml: &[u8]) -> Option<usize> {
    memchr::memmem::rfind_iter(xml, b"row>").find_map(|at| {
        let mut i = at;
        if xml[..i].ends_with(b":") {
            i -= 1;
            while i > 0 && (xml[i - 1].is_ascii_alphanumeric() || xml[i - 1] == b'_') {
                i -= 1;
            }
        }
        xml[..i].ends_with(b"</").then_some(at + 4)
    })
}

impl Values {
    /// The non-empty cells of a sheet's XML as calamine lays them out, read from `part` as
    /// it inflates (`size`: what the part says it inflates to), `step` bytes at a time.
    #[cfg(test)]
    fn cells_in_steps<'s>(
        &'s self,
        part: impl Read,
        size: u64,
        step: usize,
    ) -> Fast<Range<DataRef<'s>>> {
        let mut cells = Cells::default();
        self.scan(part, size, step, &mut cells)?;
        cells.into_range()
    }

    /// Reads a sheet's XML from `part` as it inflates (`size`: what the part says it inflates
    /// to), `step` bytes and then a run of whole rows at a time, its cells put into `sink`.
    ///
    /// The rows are read by a function that is not inlined ([`Values::row`]), each cell of
    /// the usual shape by [`Tags::plain_cell`]. (In Chromium, eager optimisation,
    /// `--js-flags=--no-liftoff`, did not make the first conversion faster: what a fresh worker
    /// pays for is fresh memory, hence the runs of rows.)
    fn scan<'s>(
        &'s self,
        part: impl Read,
        size: u64,
        step: usize,
        sink: &mut impl Sink<'s>,
    ) -> Fast<()> {
        let mut input = Inflating {
            part,
            buf: Vec::with_capacity(2 * step.min(SHEET_READ)),
            step,
            done: false,
        };
        sink.begin(size);
        // Up to the `<sheetData>` tag (a few hundred bytes into the part, as writers write it).
        loop {
            input.more()?;
            let head = memchr::memmem::find(&input.buf, b"sheetData")
                .is_some_and(|at| memchr::memchr(b'>', &input.buf[at..]).is_some());
            if head || input.done {
                break;
            }
        }
        let mut tags = Tags::new(&input.buf);
        // The cells are inside <sheetData>; the <dimension> before it says what they span.
        loop {
            let tag = tags.next_tag()?.ok_or(Unsupported)?;
            if tag.name == b"dimension" && !tag.closing {
                if let Some(reference) = tag.attr(b"ref")? {
                    sink.dimension(reference, size);
                }
            }
            if tag.name == b"sheetData" && !tag.closing {
                if tag.empty {
                    return Ok(());
                }
                break;
            }
        }
        // The elements open around the rows (`worksheet`, `sheetData`), by name.
        let outer: Vec<Vec<u8>> = tags.open().iter().map(|n| n.to_vec()).collect();
        let scanned = tags.position();
        input.buf.drain(..scanned);
        let mut row = 0u32;
        loop {
            // A run of whole rows (all that is left at the end of the part).
            let end = match last_row_end(&input.buf) {
                Some(end) if !input.done => end,
                _ if input.done => input.buf.len(),
                _ => {
                    input.more()?;
                    continue;
                }
            };
            let mut tags = Tags::inside(&input.buf[..end], outer.iter().map(|n| &n[..]));
            while !tags.at_end() {
                let tag = tags.next_tag()?.ok_or(Unsupported)?;
                match (tag.name, tag.closing) {
                    (b"sheetData", true) => return Ok(()),
                    (b"row", false) => {
                        if let Some(r) = tag.attr(b"r")? {
                            row = row_number(r)?;
                        }
                        if !tag.empty {
                            self.row(&mut tags, row, sink)?;
                        }
                        row += 1;
                    }
                    // A cell outside a row, a row closed twice: calamine's business.
                    (b"c" | b"row", _) => return Err(Unsupported),
                    _ => {}
                }
            }
            // The run must close what it opens (a row cut in two is not a run of rows).
            if tags.open().len() != outer.len() || input.done {
                return Err(Unsupported);
            }
            input.buf.drain(..end);
            input.more()?;
        }
    }
}

impl<'s> Cells<'s> {
    /// The cells as a range: the grid when the dimension was exact, else laid out from the
    /// cells' own corners.
    fn into_range(self) -> Fast<Range<DataRef<'s>>> {
        let mut cells = self;
        let (first, last) = (cells.first, cells.last);
        if let Some(grid) = cells.grid.take() {
            // The dimension was exact (as writers make it): the cells are in place already.
            if cells.list.is_empty() && grid.start() == Some(first) && grid.end() == Some(last) {
                return Ok(grid);
            }
            let (top, left) = grid.start().unwrap_or((0, 0));
            for (r, c, value) in grid.used_cells() {
                cells
                    .list
                    .push(((top + r as u32, left + c as u32), value.clone()));
            }
        }
        if cells.list.is_empty() {
            return Ok(Range::empty());
        }
        let size = u64::from(last.0 - first.0 + 1) * u64::from(last.1 - first.1 + 1);
        if size > MAX_CELLS {
            return Err(Unsupported);
        }
        let mut range = Range::new(first, last);
        for chunk in cells.list.chunks_mut(4096) {
            fill(&mut range, chunk);
        }
        Ok(range)
    }
}

impl Values {
    /// The cells of the row just opened, up to its `</row>`: each read by [`Tags::plain_cell`]
    /// when it has the usual shape, else tag by tag.
    #[inline(never)]
    fn row<'s, 'x>(&'s self, tags: &mut Tags<'x>, row: u32, sink: &mut impl Sink<'s>) -> Fast<()> {
        let mut col = 0u32;
        loop {
            if let Some(cell) = tags.plain_cell() {
                let pos = cell_reference(cell.r)?;
                if let Some(text) = cell.value {
                    let value = self.read(text, cell.s, cell.t)?;
                    if !value.is_empty() {
                        sink.put(pos, value)?;
                    }
                }
                col = pos.1 + 1;
                continue;
            }
            let tag = tags.next_tag()?.ok_or(Unsupported)?;
            match (tag.name, tag.closing) {
                (b"row", true) => return Ok(()),
                (b"c", false) => {
                    let [r, style, kind] = tag.attrs([b"r", b"s", b"t"])?;
                    let pos = match r {
                        Some(r) => cell_reference(r)?,
                        None => (row, col),
                    };
                    let value = if tag.empty {
                        None
                    } else if let Some(text) = tags.plain_value() {
                        Some(self.read(text, style, kind)?)
                    } else {
                        Some(Value::Data(self.cell_value(tags, style, kind)?))
                    };
                    if let Some(value) = value.filter(|v| !v.is_empty()) {
                        sink.put(pos, value)?;
                    }
                    col = pos.1 + 1;
                }
                (b"row" | b"sheetData", _) => return Err(Unsupported),
                _ => {}
            }
        }
    }

    /// A `<v>` text as a value: a number shown as written kept as its text, anything else as
    /// calamine reads it ([`Values::value`]).
    fn read<'s, 'x>(
        &'s self,
        text: &'x [u8],
        style: Option<&[u8]>,
        kind: Option<&[u8]>,
    ) -> Fast<Value<'s, 'x>> {
        if matches!(kind, None | Some(b"n"))
            && shown_as_written(text)
            && self.date_kind(style)?.is_none()
        {
            return Ok(Value::Number(text));
        }
        self.value(text, style, kind).map(Value::Data)
    }

    /// Whether a cell's style shows its number as a date or a duration, and which.
    fn date_kind(&self, style: Option<&[u8]>) -> Fast<Option<ExcelDateTimeType>> {
        let format = match style {
            Some(s) => self.formats.get(whole_number(s)? as usize).copied(),
            None => None,
        };
        Ok(match format {
            Some(NumberFormat::DateTime) => Some(ExcelDateTimeType::DateTime),
            Some(NumberFormat::TimeDelta) => Some(ExcelDateTimeType::TimeDelta),
            _ => None,
        })
    }

    /// The value of the cell whose `<c>` tag was just read: the value of its last child
    /// element (`<v>`, or `<f>`, which holds no value), as calamine takes it. The usual
    /// `<v>…</v></c>` is read before this is needed ([`Tags::plain_value`]); kept out of line so
    /// that the row loop stays small for the browser's optimising compiler.
    #[cold]
    #[inline(never)]
    fn cell_value<'s>(
        &'s self,
        tags: &mut Tags<'_>,
        style: Option<&[u8]>,
        kind: Option<&[u8]>,
    ) -> Fast<DataRef<'s>> {
        let mut value = DataRef::Empty;
        loop {
            let tag = tags.next_tag()?.ok_or(Unsupported)?;
            match (tag.name, tag.closing) {
                (b"c", true) => return Ok(value),
                // An inline string's `<v>` is ignored, as calamine ignores it.
                (b"v", false) if matches!(kind, Some(b"inlineStr" | b"is")) => {
                    if !tag.empty {
                        tags.skip_element(b"v")?;
                    }
                    value = DataRef::Empty;
                }
                (b"v", false) => {
                    value = if tag.empty {
                        DataRef::Empty
                    } else {
                        let text = tags.text();
                        let end = tags.next_tag()?.ok_or(Unsupported)?;
                        if end.name != b"v" || !end.closing {
                            return Err(Unsupported);
                        }
                        self.value(text, style, kind)?
                    };
                }
                (b"f", false) => {
                    if !tag.empty {
                        tags.skip_element(b"f")?;
                    }
                    value = DataRef::Empty;
                }
                // An inline string (openpyxl, and so pandas, writes every text cell so): read
                // as a shared string is.
                (b"is", false) => {
                    value = DataRef::String(if tag.empty {
                        String::new()
                    } else {
                        read_string(tags, b"is")?
                    });
                }
                // Anything else: calamine's business.
                _ => return Err(Unsupported),
            }
        }
    }

    /// A `<v>` text as a value, by the cell's type and style (calamine's `read_v`).
    fn value<'s>(
        &'s self,
        text: &[u8],
        style: Option<&[u8]>,
        kind: Option<&[u8]>,
    ) -> Fast<DataRef<'s>> {
        Ok(match kind {
            Some(b"s") => {
                if text.is_empty() {
                    return Ok(DataRef::Empty);
                }
                let i = whole_number(text)? as usize;
                DataRef::SharedString(self.strings.get(i).ok_or(Unsupported)?)
            }
            Some(b"b") => match plain(text)?.trim() {
                "" => DataRef::Empty,
                "0" => DataRef::Bool(false),
                "1" => DataRef::Bool(true),
                t if t.eq_ignore_ascii_case("false") => DataRef::Bool(false),
                t if t.eq_ignore_ascii_case("true") => DataRef::Bool(true),
                _ => return Err(Unsupported),
            },
            Some(b"e") => DataRef::Error(
                plain(text)?
                    .parse::<CellErrorType>()
                    .map_err(|_| Unsupported)?,
            ),
            Some(b"str") => DataRef::String(excel_text(decode_text(text)?)?),
            Some(b"d") => DataRef::DateTimeIso(decode_text(text)?.into_owned()),
            Some(b"n") | None => {
                if text.is_empty() {
                    return Ok(DataRef::Empty);
                }
                let number = float(text)?;
                match self.date_kind(style)? {
                    Some(when) => DataRef::DateTime(ExcelDateTime::new(number, when, self.is_1904)),
                    None => DataRef::Float(number),
                }
            }
            Some(_) => return Err(Unsupported),
        })
    }
}

/// Cells read so far, and the corners of the range they span: in place in `grid` (laid out
/// from the sheet's `<dimension>`, which saves a second copy of every cell) when they fall in
/// it, else in `list`.
struct Cells<'s> {
    grid: Option<Range<DataRef<'s>>>,
    list: Vec<((u32, u32), DataRef<'s>)>,
    first: (u32, u32),
    last: (u32, u32),
}

impl Default for Cells<'_> {
    fn default() -> Self {
        Cells {
            grid: None,
            list: Vec::new(),
            first: (u32::MAX, u32::MAX),
            last: (0, 0),
        }
    }
}

impl<'s> Sink<'s> for Cells<'s> {
    fn dimension(&mut self, reference: &[u8], size: u64) {
        // Each cell takes at least ~20 bytes of XML: a dimension far larger than the XML could
        // fill (formatting applied to whole columns) is not laid out.
        self.grid = laid_out(reference, size / 4).ok();
        if self.grid.is_none() {
            // About one cell per 30 bytes of XML (`<c r="B7" s="1"><v>42</v></c>`).
            self.list.reserve(usize::try_from(size / 30).unwrap_or(0));
        }
    }

    fn put(&mut self, pos: (u32, u32), value: Value<'s, '_>) -> Fast<()> {
        let value = value.data()?;
        self.first = (self.first.0.min(pos.0), self.first.1.min(pos.1));
        self.last = (self.last.0.max(pos.0), self.last.1.max(pos.1));
        match &mut self.grid {
            Some(grid) if grid.start().is_some_and(|s| s.0 <= pos.0 && s.1 <= pos.1) => {
                grid.set_value(pos, value)
            }
            _ => self.list.push((pos, value)),
        }
        Ok(())
    }
}

/// The largest range the fast reader lays out (rows × columns from the first cell to the
/// last): a sheet that spans more, mostly empty, is left to calamine.
const MAX_CELLS: u64 = 1 << 26;

/// An empty range laid out as a `<dimension ref="A1:AC50005">` says, when it spans at most
/// `max_cells`.
fn laid_out<'s>(reference: &[u8], max_cells: u64) -> Fast<Range<DataRef<'s>>> {
    let colon = memchr::memchr(b':', reference).ok_or(Unsupported)?;
    let first = cell_reference(&reference[..colon])?;
    let last = cell_reference(&reference[colon + 1..])?;
    if first.0 > last.0 || first.1 > last.1 {
        return Err(Unsupported);
    }
    let size = u64::from(last.0 - first.0 + 1) * u64::from(last.1 - first.1 + 1);
    if size > max_cells.min(MAX_CELLS) {
        return Err(Unsupported);
    }
    Ok(Range::new(first, last))
}

/// Puts cells in their places (a later cell at the same place wins, as in calamine).
#[inline(never)]
fn fill<'s>(range: &mut Range<DataRef<'s>>, cells: &mut [((u32, u32), DataRef<'s>)]) {
    for (pos, value) in cells {
        range.set_value(*pos, std::mem::take(value));
    }
}

pub(super) fn plain(text: &[u8]) -> Fast<&str> {
    let text = std::str::from_utf8(text).map_err(|_| Unsupported)?;
    if text.contains(['&', '\r']) {
        return Err(Unsupported);
    }
    Ok(text)
}

/// A style or shared-string index.
fn whole_number(text: &[u8]) -> Fast<u64> {
    if text.is_empty() || text.len() > 18 || !text.iter().all(u8::is_ascii_digit) {
        return Err(Unsupported);
    }
    Ok(text.iter().fold(0u64, |n, d| n * 10 + u64::from(d - b'0')))
}

/// A number as Excel writes one (`-12`, `3.25`, `1.5E-3`); any other spelling is left to
/// calamine, whose parser may accept more. Both round correctly, so they agree on these.
fn float(text: &[u8]) -> Fast<f64> {
    let mut i = usize::from(text.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < text.len() && text[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > start
    };
    if !digits(&mut i) {
        return Err(Unsupported);
    }
    if text.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return Err(Unsupported);
        }
    }
    if matches!(text.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(text.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return Err(Unsupported);
        }
    }
    if i != text.len() {
        return Err(Unsupported);
    }
    // ASCII by construction.
    std::str::from_utf8(text)
        .ok()
        .and_then(|t| t.parse().ok())
        .ok_or(Unsupported)
}

/// A row attribute (`5`) as a 0-based row.
fn row_number(r: &[u8]) -> Fast<u32> {
    let n = whole_number(r)?;
    u32::try_from(n)
        .ok()
        .and_then(|n| n.checked_sub(1))
        .ok_or(Unsupported)
}

/// A cell reference (`AB12`) as a 0-based (row, column). One pass over its bytes: it is read
/// for every cell. Columns up to `ZZZ`, rows up to nine digits (Excel's last is 1,048,576);
/// anything else is left to calamine.
fn cell_reference(r: &[u8]) -> Fast<(u32, u32)> {
    let mut col = 0u32;
    let mut i = 0;
    while let Some(letter) = r.get(i).map(u8::to_ascii_uppercase) {
        if !letter.is_ascii_uppercase() {
            break;
        }
        col = col * 26 + u32::from(letter - b'A') + 1;
        i += 1;
    }
    let digits = &r[i..];
    if i == 0 || i > 3 || digits.is_empty() || digits.len() > 9 {
        return Err(Unsupported);
    }
    let mut row = 0u32;
    for &d in digits {
        if !d.is_ascii_digit() {
            return Err(Unsupported);
        }
        row = row * 10 + u32::from(d - b'0');
    }
    Ok((row.checked_sub(1).ok_or(Unsupported)?, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sheet read as it inflates, in steps of any size, gives the cells it gives read whole:
    /// the runs of rows are cut anywhere a row ends, whatever the shape around the cut.
    #[test]
    fn a_sheet_read_in_steps_gives_the_same_cells() {
        let values = Values {
            strings: vec!["name".into(), "city".into(), "Jakarta".into()],
            formats: vec![NumberFormat::Other, NumberFormat::DateTime],
            is_1904: false,
        };
        let rows: String = (1..=40)
            .map(|r| match r % 4 {
                0 => format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>2</v></c><c r="B{r}" s="1"><v>4540{r}</v></c></row>"#),
                1 => format!("<row>\n  <c t=\"s\"><v>0</v></c><c><v>{r}.5</v></c>\n</row><!-- note -->"),
                2 => format!(r#"<row r="{r}"><c r="B{r}" t="inlineStr"><is><t>in {r}</t></is></c><c r="C{r}"><f>A1</f><v>1</v></c><c r="D{r}" s="1"/></row>"#),
                _ => format!(r#"<x:row r="{r}"><x:c r="A{r}" t="s"><x:v>1</x:v></x:c></x:row>"#),
            })
            .collect();
        let xml = format!(
            r#"<?xml version="1.0"?><worksheet xmlns:x="x"><dimension ref="A1:D40"/><sheetData>{rows}</sheetData><pageMargins/></worksheet>"#
        );
        let whole = values
            .cells_in_steps(xml.as_bytes(), xml.len() as u64, xml.len() + 1)
            .unwrap();
        assert_eq!(
            whole.get_value((39, 1)),
            Some(&DataRef::DateTime(ExcelDateTime::new(
                454040.0,
                ExcelDateTimeType::DateTime,
                false
            )))
        );
        assert_eq!(
            whole.get_value((1, 1)),
            Some(&DataRef::String("in 2".into()))
        );
        for step in (1..=97).chain([500, 4096]) {
            let stepped = values
                .cells_in_steps(xml.as_bytes(), xml.len() as u64, step)
                .unwrap();
            assert!(stepped == whole, "step {step}");
        }
        // A sheet cut short, or with a row left open, is left to calamine however it is read.
        let cut = &xml[..xml.len() - 40];
        let open = xml.replacen("</row>", "", 1);
        for step in [1, 7, 4096] {
            assert!(values.cells_in_steps(cut.as_bytes(), 0, step).is_err());
            assert!(values.cells_in_steps(open.as_bytes(), 0, step).is_err());
        }
    }

    #[test]
    fn references_and_numbers() {
        assert_eq!(cell_reference(b"A1"), Ok((0, 0)));
        assert_eq!(cell_reference(b"AC50005"), Ok((50004, 28)));
        assert_eq!(cell_reference(b"ab3"), Ok((2, 27)));
        assert!(cell_reference(b"A0").is_err());
        assert!(cell_reference(b"12").is_err());
        for odd in [
            &b"A"[..],
            b"ABCD1",
            b"A1B",
            b"A-1",
            b"A1234567890",
            b"",
            b"A 1",
        ] {
            assert!(cell_reference(odd).is_err(), "{odd:?}");
        }
        assert_eq!(cell_reference(b"ZZZ1048576"), Ok((1048575, 18277)));
        assert_eq!(float(b"-1.5E-3"), Ok(-0.0015));
        assert_eq!(float(b"41405"), Ok(41405.0));
        for odd in [&b"inf"[..], b".5", b"5.", b" 5", b"1e", b"+1", b""] {
            assert!(float(odd).is_err(), "{odd:?}");
        }
    }

    /// A number's text shown as written is what the converter writes for the float read from
    /// it, so copying it through changes nothing.
    #[test]
    fn numbers_shown_as_written_are_written_so() {
        let written = |text: &[u8]| {
            let mut out = Vec::new();
            super::super::write_number(float(text).unwrap(), &mut out).unwrap();
            out
        };
        for text in [
            &b"0"[..],
            b"42",
            b"-7",
            b"2.5",
            b"-0.001",
            b"0.1",
            b"123456789012345",
        ] {
            assert!(shown_as_written(text), "{text:?}");
            assert_eq!(written(text), text);
        }
        for text in [
            &b"-0"[..],
            b"007",
            b"2.50",
            b"1.",
            b".5",
            b"1E3",
            b"1234567890123456",
            b"0.30000000000000004",
            b"",
            b"-",
            b"1.2.3",
        ] {
            assert!(!shown_as_written(text), "{text:?}");
        }
        let mut rng = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..200_000 {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let digits = format!("{}", rng % 10u64.pow(1 + (rng >> 60) as u32 % 15));
            let point = (rng >> 40) as usize % (digits.len() + 1);
            let text = match point {
                0 => digits,
                p => format!(
                    "{}.{}",
                    &digits[..digits.len() - p + 1],
                    &digits[digits.len() - p + 1..]
                ),
            };
            let text = if rng & 1 == 1 {
                format!("-{text}")
            } else {
                text
            };
            if shown_as_written(text.as_bytes()) {
                assert_eq!(written(text.as_bytes()), text.as_bytes(), "{text}");
            }
        }
    }

    #[test]
    fn rich_and_phonetic_shared_strings() {
        let xml = br#"<sst><si><t xml:space="preserve"> a </t></si><si><r><t>b</t></r><r><rPr/><t> c</t></r><rPh><t>x</t></rPh></si><si/><si><t>  d&amp;e </t></si></sst>"#;
        assert_eq!(read_strings(xml).unwrap(), vec![" a ", "bc", "", "d&e"]);
        assert!(read_strings(b"<sst><si><t>a_x000D_b</t></si></sst>").is_err());
    }
}
