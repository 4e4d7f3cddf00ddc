//! From the bytes of a file to a typed, columnar [`Table`]: decode → sniff → parse → infer.
//!
//! Problems that affect only some rows (ragged rows, unreadable cells) are reported in the
//! [`LoadReport`] and the rest of the file still loads; only a file that cannot be a table at
//! all is an [`IngestError`].

pub mod decode;
pub mod infer;
pub mod sniff;
pub mod values;
pub mod workbook;

use std::io::{BufRead, Read, Seek, SeekFrom};

use serde::{Deserialize, Serialize};

pub use infer::{InferOptions, Inference, Sentinel, TypeVotes};
pub use sniff::{Dialect, LineEnding};

use crate::error::IngestError;
use crate::i18n::{t, L10n};
use crate::table::{Column, ColumnType, StrColumn, Table};
use crate::tf;

/// The most columns a file may have.
pub const MAX_COLUMNS: usize = 10_000;
/// How many row problems are kept with their line numbers (the total is always counted).
const MAX_PROBLEMS_KEPT: usize = 20;
/// Progress is reported every this many records.
const PROGRESS_EVERY: usize = 16_384;

/// Settings of [`read_table`]; `Default` sniffs everything.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadOptions {
    /// Force a delimiter instead of sniffing it.
    pub delimiter: Option<u8>,
    /// Force the presence or absence of a header row.
    pub has_header: Option<bool>,
    pub infer: InferOptions,
    /// Column types chosen by the user, by column name (after header clean-up).
    pub types: Vec<(String, ColumnType)>,
    /// Stop reading once the table holds this many cells (rows × columns) and say so in
    /// [`LoadReport::truncated`]; `None` reads everything. The browser sets
    /// [`BROWSER_MAX_CELLS`]: a tab's memory is bounded, the command line's is not.
    #[serde(default)]
    pub max_cells: Option<usize>,
}

/// The most cells the page loads: 40 million, e.g. 1.3 million rows of 30 columns. A million
/// rows of the customer-personality shape (29 columns) peak at about 0.8 GB in the worker
/// through every step; beyond this the next steps' copies would approach the 4 GB a
/// WebAssembly memory can have.
pub const BROWSER_MAX_CELLS: usize = 40_000_000;

/// A load that stopped at [`ReadOptions::max_cells`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Truncated {
    /// Rows loaded: the file's first rows.
    pub rows: usize,
    /// Bytes of the file read to get them, of `total_bytes`.
    pub bytes_read: u64,
    pub total_bytes: u64,
}

/// The step a long load is in, for progress bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Read,
    Parse,
    Infer,
}

/// Receives progress; returning `false` cancels the load.
pub trait Progress {
    fn report(&mut self, stage: Stage, done: u64, total: u64) -> bool;

    /// Rows parsed so far, told just before each [`Stage::Parse`] report (whose `done` and
    /// `total` are bytes), so that the page can say how many rows it has read.
    fn rows(&mut self, _rows: u64) {}
}

impl<F: FnMut(Stage, u64, u64) -> bool> Progress for F {
    fn report(&mut self, stage: Stage, done: u64, total: u64) -> bool {
        self(stage, done, total)
    }
}

/// A progress sink that never cancels.
pub struct NoProgress;

impl Progress for NoProgress {
    fn report(&mut self, _: Stage, _: u64, _: u64) -> bool {
        true
    }
}

/// A field spanning this many lines at the end of the file is taken for an unterminated quote
/// even when its lines do not look like the table's records.
const RUNAWAY_LINES: usize = 20;

/// Accumulates parsed records into raw columns, padding or truncating ragged rows and keeping
/// the first problems with their line numbers.
struct Rows {
    has_header: bool,
    text_len: usize,
    columns: Vec<StrColumn>,
    header: Option<Vec<String>>,
    width: usize,
    rows: usize,
    problems: Vec<RowProblem>,
    problem_count: usize,
    blank: usize,
}

impl Rows {
    fn new(has_header: bool, text_len: usize) -> Self {
        Self {
            has_header,
            text_len,
            columns: Vec::new(),
            header: None,
            width: 0,
            rows: 0,
            problems: Vec::new(),
            problem_count: 0,
            blank: 0,
        }
    }

    /// Hands over the rows so far and starts an empty chunk with the same header and width
    /// (see [`read_chunks`]).
    fn take_chunk(&mut self, capacity: usize) -> Rows {
        let columns = (0..self.width)
            .map(|_| StrColumn::with_capacity(capacity, capacity * 8))
            .collect();
        let next = Rows {
            has_header: self.has_header,
            text_len: self.text_len,
            columns,
            header: self.header.clone(),
            width: self.width,
            rows: 0,
            problems: Vec::new(),
            problem_count: 0,
            blank: 0,
        };
        std::mem::replace(self, next)
    }

    /// Counts a problem; the first ones keep their message, written in both languages.
    fn problem(&mut self, line: u64, message: impl FnMut() -> String) {
        self.problem_count += 1;
        if self.problems.len() < MAX_PROBLEMS_KEPT {
            self.problems.push(RowProblem {
                line,
                message: L10n::build(message),
            });
        }
    }

    /// Takes one record (the first one is the header, or fixes the width).
    fn push(&mut self, record: &csv::StringRecord, line: u64) -> Result<(), IngestError> {
        if record.len() == 1 && record[0].trim().is_empty() {
            self.blank += 1;
            return Ok(());
        }
        if self.header.is_none() {
            let width = record.len();
            if width > MAX_COLUMNS {
                return Err(IngestError::TooManyColumns {
                    columns: width,
                    max: MAX_COLUMNS,
                });
            }
            self.width = width;
            let est_rows = (self.text_len / (record.as_slice().len() + width).max(1)).min(1 << 24);
            self.columns = (0..width)
                .map(|_| StrColumn::with_capacity(est_rows, self.text_len / width.max(1)))
                .collect();
            if self.has_header {
                self.header = Some((0..width).map(|i| field(record, i).to_string()).collect());
                return Ok(());
            }
            self.header = Some((1..=width).map(|i| format!("column_{i}")).collect());
        }
        let width = self.width;
        if record.len() != width {
            let got = record.len();
            self.problem(line, || {
                let what = if got > width {
                    t(
                        "the extra values were ignored",
                        "nilai yang berlebih diabaikan",
                    )
                } else {
                    t(
                        "the missing values were left empty",
                        "nilai yang kurang dibiarkan kosong",
                    )
                };
                tf!(
                    "line {line} has {got} values, the header has {width}: {what}",
                    "baris {line} berisi {got} nilai, baris judul berisi {width}: {what}"
                )
            });
        }
        for (i, col) in self.columns.iter_mut().enumerate() {
            col.push(field(record, i));
        }
        self.rows += 1;
        Ok(())
    }
}

/// The `i`th value of a record ("" past its end). Records end at `\n` (see [`csv_reader`]), so
/// the `\r` of a CRLF line is taken off the last value here.
fn field(record: &csv::StringRecord, i: usize) -> &str {
    let value = record.get(i).unwrap_or("");
    if i + 1 == record.len() {
        value.strip_suffix('\r').unwrap_or(value)
    } else {
        value
    }
}

/// A row-level problem, with the 1-based line where the record starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    pub line: u64,
    pub message: L10n<String>,
}

/// What happened while loading, beyond the table itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoadReport {
    pub dialect: Dialect,
    /// Rows whose field count differed from the header (padded or truncated), first few kept.
    pub problems: Vec<RowProblem>,
    pub problem_count: usize,
    /// Header names that were empty or repeated and were renamed: (position, original, new).
    pub renamed_headers: Vec<(usize, String, String)>,
    pub blank_lines_skipped: usize,
    /// Set when the file was too large to load whole (see [`ReadOptions::max_cells`]).
    #[serde(default)]
    pub truncated: Option<Truncated>,
    /// The first [`WRITTEN_ROWS`] rows exactly as the file writes them (each cell cut to
    /// [`WRITTEN_CHARS`] characters), so that the preview can show the original text beside
    /// what was read (a date read day-first, a value that could not be read).
    #[serde(default)]
    pub written: Vec<Vec<String>>,
    /// Set when the table came from a workbook: which sheet, and what was skipped above it.
    #[serde(default)]
    pub workbook: Option<workbook::SheetRead>,
}

/// Rows kept as written for the preview ([`LoadReport::written`]).
pub const WRITTEN_ROWS: usize = 50;
/// Characters kept of each written cell.
const WRITTEN_CHARS: usize = 500;

/// A loaded table and how it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub table: Table,
    pub report: LoadReport,
}

/// Makes header names usable: trimmed, never empty, unique. Returns the renames.
fn clean_headers(raw: &[String]) -> (Vec<String>, Vec<(usize, String, String)>) {
    let mut names: Vec<String> = Vec::with_capacity(raw.len());
    let mut renamed = Vec::new();
    for (i, h) in raw.iter().enumerate() {
        let trimmed = values::clean(h);
        let mut name = if trimmed.is_empty() {
            format!("unnamed_{}", i + 1)
        } else {
            trimmed.to_string()
        };
        if names.contains(&name) {
            let base = name.clone();
            let mut k = 2;
            while names.contains(&name) {
                name = format!("{base}_{k}");
                k += 1;
            }
        }
        if name != *h {
            // Trimming alone is not worth a notice; emptiness and duplicates are.
            if name != trimmed {
                renamed.push((i, h.clone(), name.clone()));
            }
        }
        names.push(name);
    }
    (names, renamed)
}

/// Reads a whole file held in memory. See the module documentation for the steps.
pub fn read_table(
    bytes: &[u8],
    opts: &ReadOptions,
    progress: &mut dyn Progress,
) -> Result<Loaded, IngestError> {
    read_table_from(std::io::Cursor::new(bytes), opts, progress)
}

/// Counts the bytes read from the file, for progress.
struct Counted<R> {
    inner: R,
    read: std::rc::Rc<std::cell::Cell<u64>>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

/// The csv reader's buffer: large reads keep the per-call cost of the source (a browser `File`
/// slice) negligible.
const CSV_BUFFER: usize = 1 << 20;

/// Reads a file from any seekable source, in one pass over buffers: the file is never held
/// whole, only the table being built (the browser worker reads a `File` slice by slice, the
/// CLI a file from disk). The first megabyte chooses the encoding and the dialect. The source is
/// read again from the start only to recover from an unterminated quote.
pub fn read_table_from<R: Read + Seek>(
    source: R,
    opts: &ReadOptions,
    progress: &mut dyn Progress,
) -> Result<Loaded, IngestError> {
    let mut whole = None;
    read_source(source, opts, None, progress, &mut |loaded| {
        whole = Some(loaded);
        true
    })?;
    whole.ok_or(IngestError::Empty)
}

/// Reads a file in chunks of `chunk_rows` rows and hands each to `on_chunk` as a typed table,
/// for work that goes row by row (scoring) on files larger than memory: only one chunk is held
/// at a time. The first chunk's column types are imposed on the later ones, so a column never
/// changes type half way (a chunk whose incomes happen to be all missing stays numeric);
/// `opts.types` still wins where given. `on_chunk` returns `false` to stop. Returns the number
/// of chunks handed over. `opts.max_cells` does not apply.
pub fn read_chunks<R: Read + Seek>(
    source: R,
    opts: &ReadOptions,
    chunk_rows: usize,
    progress: &mut dyn Progress,
    on_chunk: &mut dyn FnMut(Loaded) -> bool,
) -> Result<usize, IngestError> {
    let mut chunks = 0;
    read_source(
        source,
        opts,
        Some(chunk_rows.max(1)),
        progress,
        &mut |loaded| {
            chunks += 1;
            on_chunk(loaded)
        },
    )?;
    Ok(chunks)
}

/// The reader behind [`read_table_from`] (one table) and [`read_chunks`] (`chunk_rows` rows at
/// a time).
fn read_source<R: Read + Seek>(
    mut source: R,
    opts: &ReadOptions,
    chunk_rows: Option<usize>,
    progress: &mut dyn Progress,
    on_table: &mut dyn FnMut(Loaded) -> bool,
) -> Result<(), IngestError> {
    let io = |e: std::io::Error| IngestError::Read(e.to_string());
    let total = source.seek(SeekFrom::End(0)).map_err(io)?;
    source.rewind().map_err(io)?;
    let mut head = Vec::with_capacity(decode::HEAD_BYTES.min(total as usize));
    (&mut source)
        .take(decode::HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(io)?;
    let detected = decode::detect(&head, head.len() as u64 >= total)?;
    let head_text = detected.head_text(&head);
    drop(head);
    // Excel's CSV export may start with a `sep=;` line: it names the delimiter and is skipped.
    let sep = sniff::sep_line(&head_text);
    let sniffed = sep.map_or(head_text.as_str(), |(_, len)| &head_text[len..]);
    // A file that no delimiter splits may have its columns separated by spaces.
    let spaced = (opts.delimiter.is_none() && sep.is_none())
        .then(|| {
            sniff::delimited(sniffed)
                .is_none()
                .then(|| sniff::spaced(sniffed))
        })
        .flatten()
        .flatten();
    let delimiter = match spaced {
        Some(_) => sniff::SPACED,
        None => opts
            .delimiter
            .or(sep.map(|(d, _)| d))
            .unwrap_or_else(|| sniff::sniff_delimiter(sniffed)),
    };
    let has_header = opts.has_header.unwrap_or_else(|| match &spaced {
        Some(layout) => sniff::sniff_header(&sniff::spaced_sample(sniffed, layout), delimiter),
        None => sniff::sniff_header(sniffed, delimiter),
    });
    let line_ending = sniff::sniff_line_ending(sniffed);
    drop(head_text);
    let dialect = |damaged: bool| Dialect {
        delimiter: Dialect::delimiter_name(delimiter),
        delimiter_byte: delimiter,
        has_header,
        line_ending,
        encoding: if damaged {
            decode::DAMAGED_UTF8
        } else {
            detected.label
        }
        .to_string(),
    };
    // Chunks after the first take its column types (see `read_chunks`).
    let mut chunk_opts: Option<ReadOptions> = None;
    let mut delivered = 0usize;

    let read = std::rc::Rc::new(std::cell::Cell::new(0u64));
    // The csv reader reads the text from `base.byte` on, whose first line is line
    // `base.line + 1` of the file; it restarts after each unterminated quote.
    let mut base = Restart {
        byte: sep.map_or(0, |(_, len)| len as u64),
        line: u64::from(sep.is_some()),
    };
    let mut restarts = 0usize;
    let mut rdr = csv_reader(
        laid_out(
            open_text(&mut source, &detected, base.byte, &read).map_err(io)?,
            &spaced,
        ),
        delimiter,
        spaced.is_none(),
        line_ending,
    );
    let mut bytes = csv::ByteRecord::new();
    let mut acc = Rows::new(has_header, total as usize);
    let mut damaged = detected.label == decode::DAMAGED_UTF8;
    let mut truncated = None;
    // A record read ahead (to learn whether the one before it ended the file).
    let mut pending: Option<csv::ByteRecord> = None;
    loop {
        if let Some(next) = pending.take() {
            bytes = next;
        } else {
            match rdr.read_byte_record(&mut bytes) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => return Err(IngestError::Csv(e.to_string())),
            }
        }
        let line = base.line + bytes.position().map_or(0, |p| p.line());
        let record = match csv::StringRecord::from_byte_record(std::mem::take(&mut bytes)) {
            Ok(r) => r,
            Err(e) => {
                damaged = true;
                acc.problem(line, || {
                    tf!(
                        "line {line}: bytes that are not valid UTF-8 were replaced with the \u{FFFD} sign",
                        "baris {line}: byte yang bukan UTF-8 yang sah diganti dengan tanda \u{FFFD}"
                    )
                });
                csv::StringRecord::from_byte_record_lossy(e.into_byte_record())
            }
        };
        // An unterminated quote makes the csv reader swallow the following lines into one
        // field (up to the next quote, or the end of the file). Report it, read its line with
        // the quote taken literally, and read on from the next line.
        if record.as_slice().contains('\n') {
            let shape = Swallowed::of(&record, acc.width, delimiter);
            let mut runaway = shape.record_lines >= 2;
            if !runaway && (shape.record_lines == 1 || shape.newlines >= RUNAWAY_LINES) {
                let mut next = csv::ByteRecord::new();
                match rdr.read_byte_record(&mut next) {
                    Ok(false) => runaway = true,
                    Ok(true) => pending = Some(next),
                    Err(e) => return Err(IngestError::Csv(e.to_string())),
                }
            }
            if runaway {
                restarts += 1;
                let quoting = restarts <= MAX_RESTARTS;
                acc.problem(line, || {
                    if quoting {
                        tf!(
                            "line {line}: a quote opened here is never closed; this line was read with its quotes taken literally",
                            "baris {line}: tanda kutip yang dibuka di sini tidak pernah ditutup; baris ini dibaca dengan tanda kutip apa adanya"
                        )
                    } else {
                        tf!(
                            "line {line}: a quote opened here is never closed; this line and the rest of the file were read with quotes taken literally",
                            "baris {line}: tanda kutip yang dibuka di sini tidak pernah ditutup; baris ini dan sisa berkas dibaca dengan tanda kutip apa adanya"
                        )
                    }
                });
                let start = base.byte + record.position().map_or(0, |p| p.byte());
                drop(rdr);
                pending = None;
                let mut text = open_text(&mut source, &detected, start, &read).map_err(io)?;
                base = Restart { byte: start, line };
                if quoting {
                    let mut first = Vec::new();
                    let end = if line_ending == LineEnding::Cr {
                        b'\r'
                    } else {
                        b'\n'
                    };
                    text.read_until(end, &mut first).map_err(io)?;
                    let mut literal = csv_reader(first.as_slice(), delimiter, false, line_ending);
                    let mut one = csv::ByteRecord::new();
                    if literal
                        .read_byte_record(&mut one)
                        .map_err(|e| IngestError::Csv(e.to_string()))?
                    {
                        acc.push(&csv::StringRecord::from_byte_record_lossy(one), line)?;
                    }
                    base = Restart {
                        byte: start + first.len() as u64,
                        line,
                    };
                } else {
                    base.line = line - 1;
                }
                rdr = csv_reader(laid_out(text, &spaced), delimiter, quoting, line_ending);
                continue;
            }
        }
        acc.push(&record, line)?;
        bytes = record.into_byte_record();
        if let Some(n) = chunk_rows.filter(|&n| acc.rows >= n && pending.is_none()) {
            let chunk = acc.take_chunk(n);
            let use_opts = chunk_opts.as_ref().unwrap_or(opts);
            let loaded = finish(chunk, dialect(damaged), use_opts, None, progress)?;
            if chunk_opts.is_none() {
                let mut fixed = opts.clone();
                for c in &loaded.table.columns {
                    if !fixed.types.iter().any(|(name, _)| *name == c.name) {
                        fixed.types.push((c.name.clone(), c.kind));
                    }
                }
                chunk_opts = Some(fixed);
            }
            delivered += 1;
            if !on_table(loaded) {
                return Ok(());
            }
        }
        if chunk_rows.is_none()
            && opts
                .max_cells
                .is_some_and(|max| acc.rows.saturating_mul(acc.width) >= max)
        {
            let mut next = csv::ByteRecord::new();
            if rdr
                .read_byte_record(&mut next)
                .map_err(|e| IngestError::Csv(e.to_string()))?
            {
                truncated = Some(Truncated {
                    rows: acc.rows,
                    bytes_read: read.get(),
                    total_bytes: total,
                });
                break;
            }
        }
        if acc.rows > 0 && acc.rows.is_multiple_of(PROGRESS_EVERY) {
            progress.rows(acc.rows as u64);
            if !progress.report(Stage::Parse, read.get(), total) {
                return Err(IngestError::Cancelled);
            }
        }
    }
    drop(rdr);
    if delivered > 0 && acc.rows == 0 {
        // The last chunk ended with the file.
        return Ok(());
    }
    progress.report(Stage::Parse, total, total);
    let use_opts = chunk_opts.as_ref().unwrap_or(opts);
    let loaded = finish(acc, dialect(damaged), use_opts, truncated, progress)?;
    on_table(loaded);
    Ok(())
}

/// Where the csv reader (re)starts: after `byte` bytes of the file's text, which end line
/// `line` of the file.
#[derive(Clone, Copy)]
struct Restart {
    byte: u64,
    line: u64,
}

/// After this many unterminated quotes, the rest of the file is read with quotes taken
/// literally (each restart reads the file again from its start).
const MAX_RESTARTS: usize = 20;

/// The file's text from `skip` bytes on (the source rewound and converted again; `read`
/// counts the file's bytes read, for progress).
fn open_text<'a, R: Read + Seek>(
    source: &'a mut R,
    detected: &decode::Detected,
    skip: u64,
    read: &std::rc::Rc<std::cell::Cell<u64>>,
) -> std::io::Result<std::io::BufReader<decode::TextReader<Counted<&'a mut R>>>> {
    source.rewind()?;
    read.set(0);
    let counted = Counted {
        inner: source,
        read: read.clone(),
    };
    let mut text =
        std::io::BufReader::with_capacity(64 * 1024, decode::TextReader::new(counted, detected));
    std::io::copy(&mut (&mut text).take(skip), &mut std::io::sink())?;
    Ok(text)
}

/// The text as the csv reader reads it: as it is, or a spaced file's lines converted to
/// [`sniff::SPACED`]-delimited ones.
fn laid_out<'a, T: BufRead + 'a>(text: T, spaced: &Option<sniff::Spaced>) -> Box<dyn Read + 'a> {
    match spaced {
        Some(layout) => Box::new(sniff::SpacedLines::new(text, layout.clone())),
        None => Box::new(text),
    }
}

/// The csv reader over the text; `quoting: false` takes quotes as ordinary characters.
/// Records end at `\n` alone (a CRLF line keeps its `\r`, which [`field`] takes off): with the
/// csv crate's default terminator a CRLF record is reported one line too early and its
/// position points at the `\n`. Files whose lines end in a bare `\r` keep the default.
fn csv_reader<T: Read>(
    text: T,
    delimiter: u8,
    quoting: bool,
    line_ending: LineEnding,
) -> csv::Reader<T> {
    let terminator = if line_ending == LineEnding::Cr {
        csv::Terminator::CRLF
    } else {
        csv::Terminator::Any(b'\n')
    };
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .terminator(terminator)
        .has_headers(false)
        .flexible(true)
        .quoting(quoting)
        .buffer_capacity(CSV_BUFFER)
        .from_reader(text)
}

/// The shape of a record's multi-line fields, which tells a swallowed run of lines (an
/// unterminated quote) from a text that has line breaks of its own.
#[derive(Debug, Default, PartialEq, Eq)]
struct Swallowed {
    /// Inner lines of one field (neither its first nor its last) that all look like records
    /// of the table: no quote, exactly one delimiter fewer than the table has columns.
    record_lines: usize,
    /// The most line breaks in one field.
    newlines: usize,
}

impl Swallowed {
    fn of(record: &csv::StringRecord, width: usize, delimiter: u8) -> Self {
        let mut out = Swallowed::default();
        for field in record.iter().filter(|f| f.contains('\n')) {
            let lines: Vec<&str> = field.split('\n').collect();
            out.newlines = out.newlines.max(lines.len() - 1);
            let inner = &lines[1..lines.len() - 1];
            let count = |l: &str| l.bytes().filter(|&b| b == delimiter).count();
            // Before the header is known, the first inner line sets the expected shape.
            let expected = match width {
                0 => inner.first().map_or(0, |l| count(l)),
                w => w - 1,
            };
            let all_records = expected > 0
                && inner
                    .iter()
                    .all(|l| !l.contains('"') && count(l.trim_end_matches('\r')) == expected);
            if all_records {
                out.record_lines = out.record_lines.max(inner.len());
            }
        }
        out
    }
}

/// Raw columns → a typed table with its load report: header clean-up and type inference.
fn finish(
    acc: Rows,
    dialect: Dialect,
    opts: &ReadOptions,
    truncated: Option<Truncated>,
    progress: &mut dyn Progress,
) -> Result<Loaded, IngestError> {
    let Rows {
        columns,
        header,
        width,
        rows,
        problems,
        problem_count,
        blank,
        ..
    } = acc;
    let Some(raw_header) = header else {
        return Err(IngestError::Empty);
    };
    if width == 1 {
        return Err(IngestError::SingleColumn {
            header: values::clean(&raw_header[0]).chars().take(60).collect(),
        });
    }
    if rows == 0 {
        return Err(IngestError::HeaderOnly { columns: width });
    }

    let written = (0..rows.min(WRITTEN_ROWS))
        .map(|r| {
            columns
                .iter()
                .map(|c| crate::format::shorten(c.get(r), WRITTEN_CHARS).into_owned())
                .collect()
        })
        .collect();
    let (names, renamed_headers) = clean_headers(&raw_header);
    let mut typed = Vec::with_capacity(width);
    for (i, (name, raw)) in names.into_iter().zip(columns).enumerate() {
        let forced = opts.types.iter().find(|(n, _)| *n == name).map(|&(_, t)| t);
        let (kind, data, inference) = infer::infer_column(&name, &raw, &opts.infer, forced);
        drop(raw);
        typed.push(Column {
            name,
            kind,
            data: data.into(),
            inference,
        });
        if !progress.report(Stage::Infer, i as u64 + 1, width as u64) {
            return Err(IngestError::Cancelled);
        }
    }
    Ok(Loaded {
        table: Table::new(typed, rows),
        report: LoadReport {
            dialect,
            problems,
            problem_count,
            renamed_headers,
            blank_lines_skipped: blank,
            truncated,
            written,
            workbook: None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(s: &str) -> Result<Loaded, IngestError> {
        read_table(s.as_bytes(), &ReadOptions::default(), &mut NoProgress)
    }

    /// The chunks of `text`, `n` rows each: (rows, each column's type, the cells as shown).
    fn chunks(text: &str, n: usize) -> Vec<(usize, Vec<ColumnType>, Vec<Vec<String>>)> {
        let mut out = Vec::new();
        let count = read_chunks(
            std::io::Cursor::new(text.as_bytes()),
            &ReadOptions::default(),
            n,
            &mut NoProgress,
            &mut |l| {
                let t = &l.table;
                let cells = t
                    .columns
                    .iter()
                    .map(|c| (0..t.n_rows()).map(|r| c.display(r)).collect())
                    .collect();
                out.push((
                    t.n_rows(),
                    t.columns.iter().map(|c| c.kind).collect(),
                    cells,
                ));
                true
            },
        )
        .unwrap();
        assert_eq!(count, out.len());
        out
    }

    #[test]
    fn chunks_cover_the_file_with_the_first_chunks_types() {
        // Ten rows; rows 7–10 have no income, which alone would not read as a number.
        let mut text = String::from("id,income,segment\n");
        for i in 1..=10 {
            let income = if i <= 6 {
                format!("{}", i * 1000)
            } else {
                String::new()
            };
            text.push_str(&format!("{i},{income},s{}\n", i % 3));
        }
        let whole = load(&text).unwrap().table;
        for n in [3, 5, 10, 64] {
            let got = chunks(&text, n);
            let sizes: Vec<usize> = got.iter().map(|c| c.0).collect();
            let expected: Vec<usize> = (0..10).step_by(n).map(|s| n.min(10 - s)).collect();
            assert_eq!(sizes, expected, "chunk sizes for {n}");
            // Every chunk has the first chunk's types (three rows of "s1, s2, s0" read as an
            // identifier; the whole file's repeats make it a category).
            for (rows, kinds, cells) in &got {
                assert_eq!(kinds, &got[0].1, "{rows} rows of {n}");
                assert_eq!(kinds[1], ColumnType::Integer, "incomes in chunks of {n}");
                assert_eq!(cells.len(), 3);
            }
            if n >= 10 {
                let all: Vec<ColumnType> = whole.columns.iter().map(|c| c.kind).collect();
                assert_eq!(got[0].1, all);
            }
            // The cells, chunk after chunk, are the whole table's.
            for (c, col) in whole.columns.iter().enumerate() {
                let joined: Vec<String> = got.iter().flat_map(|g| g.2[c].clone()).collect();
                let all: Vec<String> = (0..10).map(|r| col.display(r)).collect();
                assert_eq!(joined, all, "column {} in chunks of {n}", col.name);
            }
        }
        assert_eq!(whole.columns[1].kind, ColumnType::Integer);
        // A stop after the first chunk reads no further.
        let mut seen = 0;
        let n = read_chunks(
            std::io::Cursor::new(text.as_bytes()),
            &ReadOptions::default(),
            4,
            &mut NoProgress,
            &mut |_| {
                seen += 1;
                false
            },
        )
        .unwrap();
        assert_eq!((n, seen), (1, 1));
    }

    #[test]
    fn chunked_reading_reports_the_errors_of_whole_reading() {
        for (text, what) in [
            ("", "empty"),
            ("a,b\n", "header only"),
            ("a\n1\n", "one column"),
        ] {
            let whole = load(text).unwrap_err();
            let chunked = read_chunks(
                std::io::Cursor::new(text.as_bytes()),
                &ReadOptions::default(),
                2,
                &mut NoProgress,
                &mut |_| true,
            )
            .unwrap_err();
            assert_eq!(format!("{whole}"), format!("{chunked}"), "{what}");
        }
    }

    #[test]
    fn semicolon_quoted_bank_shape() {
        let l = load("\"age\";\"job\";\"y\"\n58;\"management\";\"no\"\n44;\"technician\";\"yes\"\n33;\"management\";\"no\"\n").unwrap();
        assert_eq!(l.report.dialect.delimiter, ";");
        assert_eq!(l.table.n_rows(), 3);
        let kinds: Vec<_> = l.table.columns.iter().map(|c| c.kind).collect();
        assert_eq!(
            kinds,
            vec![
                ColumnType::Integer,
                ColumnType::Categorical,
                ColumnType::Boolean
            ]
        );
        assert_eq!(l.table.columns[1].display(1), "technician");
        assert_eq!(l.table.columns[2].display(1), "yes");
    }

    #[test]
    fn blank_lines_crlf_and_headers() {
        let l = load("\r\n a ,,a\r\n1,2,3\r\n\r\n4,5,6\r\n\r\n").unwrap();
        assert_eq!(l.table.n_rows(), 2);
        let names: Vec<_> = l.table.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, vec!["a", "unnamed_2", "a_2"]);
        assert_eq!(l.report.renamed_headers.len(), 2);
        assert_eq!(l.report.dialect.line_ending, LineEnding::Crlf);
    }

    #[test]
    fn ragged_rows_are_reported_not_fatal() {
        let l = load("a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n").unwrap();
        assert_eq!(l.table.n_rows(), 4);
        assert_eq!(l.report.problem_count, 2);
        assert_eq!(l.report.problems[0].line, 3);
        let p = &l.report.problems[0].message;
        assert_eq!(
            p.en,
            "line 3 has 2 values, the header has 3: the missing values were left empty"
        );
        assert_eq!(
            p.id,
            "baris 3 berisi 2 nilai, baris judul berisi 3: nilai yang kurang dibiarkan kosong"
        );
        assert!(!l.table.columns[2].data.is_valid(1));
    }

    #[test]
    fn unterminated_quote_is_reported_and_the_rest_still_loads() {
        let mut text = String::from("id,name,score\n1,\"Ann,10\n");
        for i in 2..40 {
            text.push_str(&format!("{i},Bob{i},{i}\n"));
        }
        let l = load(&text).unwrap();
        assert_eq!(l.table.n_rows(), 39);
        assert_eq!(l.report.problems[0].line, 2);
        assert!(l.report.problems[0].message.en.contains("never closed"));
        assert_eq!(l.table.columns[1].display(1), "Bob2");
        assert_eq!(l.table.columns[2].display(38), "39");
    }

    #[test]
    fn a_short_unterminated_quote_does_not_swallow_the_rows_below() {
        for text in [
            "a,b\n1,\"hello\n2,world\n3,ok\n",
            "a,b\n1,\"hello\n2,world\n3,ok",
            "a,b\r\n1,\"hello\r\n2,world\r\n3,ok\r\n",
        ] {
            let l = load(text).unwrap();
            assert_eq!(l.table.n_rows(), 3, "{text:?}");
            assert_eq!(l.report.problem_count, 1);
            assert_eq!(l.report.problems[0].line, 2);
            assert!(l.report.problems[0].message.en.contains("never closed"));
            assert_eq!(l.table.columns[1].display(0), "\"hello");
            assert_eq!(l.table.columns[1].display(2), "ok");
        }
    }

    #[test]
    fn an_unterminated_quote_mid_file_loses_no_row_and_later_quotes_still_work() {
        let mut text = String::from("id,name,amount\n");
        for i in 0..50_000 {
            match i {
                1_000 => text.push_str(&format!("{i},\"Budi,{i}.5\n")),
                i if i % 5_000 == 7 => text.push_str(&format!("{i},\"Sari, A\",{i}.5\n")),
                _ => text.push_str(&format!("{i},Name{i},{i}.5\n")),
            }
        }
        for l in [load(&text).unwrap(), streamed(text.as_bytes())] {
            assert_eq!(l.table.n_rows(), 50_000);
            assert_eq!(l.report.problem_count, 1);
            assert_eq!(l.report.problems[0].line, 1_002);
            assert_eq!(l.table.columns[1].display(1_000), "\"Budi");
            assert_eq!(l.table.columns[2].number(1_000), Some(1_000.5));
            assert_eq!(l.table.columns[1].display(5_007), "Sari, A");
            assert_eq!(l.table.columns[2].number(5_007), Some(5_007.5));
            assert_eq!(l.table.columns[2].number(49_999), Some(49_999.5));
        }
    }

    #[test]
    fn text_with_line_breaks_of_its_own_is_not_a_runaway_quote() {
        let text = "id,address,city\n1,\"Jl. Sudirman 5,\nRT 02, RW 07\nKebayoran\",Jakarta\n2,\"one\ntwo\",Bandung\n";
        let l = load(text).unwrap();
        assert_eq!(l.report.problem_count, 0);
        assert_eq!(l.table.n_rows(), 2);
        assert_eq!(
            l.table.columns[1].display(0),
            "Jl. Sudirman 5,\nRT 02, RW 07\nKebayoran"
        );
    }

    #[test]
    fn crlf_lines_are_numbered_as_a_person_counts_them() {
        let l = load("a,b\r\n1,\"x\"\r\n2,\"y\r\nz\"\r\n3\r\n4,w\r\n").unwrap();
        assert_eq!(l.table.n_rows(), 4);
        assert_eq!(l.table.columns[1].name, "b");
        assert_eq!(l.table.columns[1].display(0), "x");
        assert_eq!(l.table.columns[1].display(1), "y\r\nz");
        assert_eq!(l.table.columns[1].display(3), "w");
        assert_eq!(l.report.problems[0].line, 5);
    }

    #[test]
    fn a_space_aligned_export_reads_as_columns() {
        let mut text = String::from("customer_id  city          amount  joined\n");
        let cities = ["New York", "Jakarta", "Kuala Lumpur", "Bandung"];
        for i in 0..40 {
            text.push_str(&format!(
                "{:05}        {:<12}  {:>6.2}  2024-01-{:02}\n",
                i + 1,
                cities[i % 4],
                i as f64 * 3.25,
                i % 28 + 1
            ));
        }
        for l in [load(&text).unwrap(), streamed(text.as_bytes())] {
            assert_eq!(l.report.dialect.delimiter, "spaces");
            assert!(l.report.dialect.has_header);
            assert_eq!(l.table.n_rows(), 40);
            let names: Vec<&str> = l.table.columns.iter().map(|c| c.name.as_str()).collect();
            assert_eq!(names, ["customer_id", "city", "amount", "joined"]);
            assert_eq!(l.table.columns[0].display(0), "00001");
            assert_eq!(l.table.columns[1].display(2), "Kuala Lumpur");
            assert_eq!(l.table.columns[2].number(39), Some(126.75));
            assert_eq!(l.table.columns[3].kind, ColumnType::Date);
            assert_eq!(l.report.problem_count, 0);
        }
        // A comma file with spaces in its values stays a comma file.
        let l =
            load("name,city\nAnn Lee,New York\nBob Kim,Kuala Lumpur\nCid Wu,Jakarta\n").unwrap();
        assert_eq!(l.report.dialect.delimiter, ",");
        assert_eq!(l.table.columns[1].display(1), "Kuala Lumpur");
    }

    #[test]
    fn an_excel_sep_line_names_the_delimiter_and_is_skipped() {
        let l = load("sep=;\nname;amount;city\nAnn;1,5;Jakarta\nBob;2,5;Bandung\n").unwrap();
        assert_eq!(l.report.dialect.delimiter, ";");
        assert!(l.report.dialect.has_header);
        assert_eq!(l.table.columns[0].name, "name");
        assert_eq!(l.table.n_rows(), 2);
        assert_eq!(l.report.problem_count, 0);
        // Line numbers still count the sep= line.
        let l = load("sep=,\r\na,b\r\n1,2\r\n3\r\n").unwrap();
        assert_eq!(l.report.problems[0].line, 4);
    }

    #[test]
    fn undecodable_bytes_are_located() {
        let mut bytes = "name;city\nAnn;Zürich\nBob;Köln\nCid;Genève\n"
            .as_bytes()
            .to_vec();
        bytes.extend(b"Dan;Br\xFCssel\n");
        let l = read_table(&bytes, &ReadOptions::default(), &mut NoProgress).unwrap();
        assert_eq!(l.report.dialect.encoding, decode::DAMAGED_UTF8);
        assert_eq!(l.report.problems[0].line, 5);
        assert_eq!(l.table.columns[1].display(2), "Genève");
        assert_eq!(l.table.columns[1].display(3), "Br\u{FFFD}ssel");
    }

    #[test]
    fn quoted_newlines_and_no_header() {
        let l = load("1,\"two\nlines\",3\n4,\"x\",6\n").unwrap();
        assert!(!l.report.dialect.has_header);
        assert_eq!(l.table.n_rows(), 2);
        assert_eq!(l.table.columns[0].name, "column_1");
    }

    #[test]
    fn bad_inputs_have_clear_errors() {
        assert_eq!(load(""), Err(IngestError::Empty));
        assert_eq!(load("a,b,c\n"), Err(IngestError::HeaderOnly { columns: 3 }));
        assert!(
            matches!(load("name\nx\ny\n"), Err(IngestError::SingleColumn { header }) if header == "name")
        );
        let e = read_table(
            b"PK\x03\x04\x14\0\0",
            &ReadOptions::default(),
            &mut NoProgress,
        )
        .unwrap_err();
        assert!(e.to_string().contains("ZIP"));
    }

    /// A source that hands out at most 7 bytes per read, as a worst case of slice-by-slice
    /// reading.
    struct Trickle<'a>(std::io::Cursor<&'a [u8]>);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(7);
            self.0.read(&mut buf[..n])
        }
    }

    impl Seek for Trickle<'_> {
        fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
            self.0.seek(pos)
        }
    }

    fn streamed(bytes: &[u8]) -> Loaded {
        read_table_from(
            Trickle(std::io::Cursor::new(bytes)),
            &ReadOptions::default(),
            &mut NoProgress,
        )
        .unwrap()
    }

    /// `rows` lines of `name;city;n` with accented names, past the encoding sniffer's head.
    fn big_text(rows: usize) -> String {
        let mut text = String::from("name;city;n\n");
        for i in 0..rows {
            text.push_str(&format!("Zoë {i};Genève;{i}\n"));
        }
        text
    }

    #[test]
    fn streaming_reads_every_encoding_past_the_head() {
        let text = big_text(60_000);
        assert!(text.len() > decode::HEAD_BYTES);
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let bom: Vec<u8> = b"\xEF\xBB\xBF"
            .iter()
            .chain(text.as_bytes())
            .copied()
            .collect();
        for (bytes, label) in [
            (text.as_bytes().to_vec(), "UTF-8"),
            (bom, "UTF-8 with BOM"),
            (cp1252.into_owned(), "windows-1252"),
            (utf16, "UTF-16LE"),
        ] {
            let l = streamed(&bytes);
            assert_eq!(l.report.dialect.encoding, label);
            assert_eq!(l.report.dialect.delimiter, ";");
            assert_eq!(l.table.n_rows(), 60_000, "{label}");
            assert_eq!(l.table.columns[0].display(59_999), "Zoë 59999", "{label}");
            assert_eq!(l.table.columns[1].display(30_000), "Genève", "{label}");
            assert_eq!(l.table.columns[2].number(59_999), Some(59_999.0));
            assert_eq!(
                l,
                read_table(&bytes, &ReadOptions::default(), &mut NoProgress).unwrap()
            );
        }
    }

    #[test]
    fn damage_after_the_head_is_repaired_and_located() {
        let mut bytes = big_text(60_000).into_bytes();
        bytes.extend(b"Br\xFCssel;x;1\n");
        let l = streamed(&bytes);
        assert_eq!(l.report.dialect.encoding, decode::DAMAGED_UTF8);
        assert_eq!(l.report.problem_count, 1);
        assert_eq!(l.report.problems[0].line, 60_002);
        assert_eq!(l.table.columns[0].display(60_000), "Br\u{FFFD}ssel");
    }

    #[test]
    fn unterminated_quote_past_the_head_in_utf16() {
        let mut text = big_text(60_000);
        text.push_str("\"Ann;x;1\n");
        for i in 0..30 {
            text.push_str(&format!("Bob{i};y;{i}\n"));
        }
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let l = streamed(&utf16);
        assert_eq!(l.table.n_rows(), 60_031);
        assert!(l.report.problems[0].message.en.contains("never closed"));
        assert_eq!(l.report.problems[0].line, 60_002);
        assert_eq!(l.table.columns[0].display(60_000), "\"Ann");
        assert_eq!(l.table.columns[0].display(60_030), "Bob29");
    }

    #[test]
    fn a_cell_budget_loads_the_first_rows_and_says_so() {
        let text = big_text(10_000);
        let opts = ReadOptions {
            max_cells: Some(3 * 4_000),
            ..ReadOptions::default()
        };
        let l = read_table(text.as_bytes(), &opts, &mut NoProgress).unwrap();
        assert_eq!(l.table.n_rows(), 4_000);
        let t = l.report.truncated.unwrap();
        assert_eq!(t.rows, 4_000);
        assert_eq!(t.total_bytes, text.len() as u64);
        assert!(t.bytes_read > 0 && t.bytes_read <= t.total_bytes);
        assert_eq!(l.table.columns[2].number(3_999), Some(3_999.0));
        // A budget the file fits in exactly is not a truncation.
        let fits = ReadOptions {
            max_cells: Some(3 * 10_000),
            ..ReadOptions::default()
        };
        let l = read_table(text.as_bytes(), &fits, &mut NoProgress).unwrap();
        assert_eq!((l.table.n_rows(), l.report.truncated), (10_000, None));
    }

    #[test]
    fn cancel_stops_the_load() {
        let mut text = String::from("a,b\n");
        for i in 0..40_000 {
            text.push_str(&format!("{i},{i}\n"));
        }
        let mut cancel = |_: Stage, _: u64, _: u64| false;
        assert_eq!(
            read_table(text.as_bytes(), &ReadOptions::default(), &mut cancel),
            Err(IngestError::Cancelled)
        );
    }
}
