//! Dialect detection: delimiter, header row and line endings, from the first lines of the text.

use serde::{Deserialize, Serialize};

use super::values;

/// Delimiters we try, in order of preference when two fit equally well.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Line ending convention of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineEnding {
    Lf,
    Crlf,
    Cr,
    Mixed,
    /// A single line without terminator.
    None,
}

/// How the file is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dialect {
    /// The delimiter as a printable name (",", ";", "TAB", "|").
    pub delimiter: String,
    #[serde(skip)]
    pub delimiter_byte: u8,
    pub has_header: bool,
    pub line_ending: LineEnding,
    pub encoding: String,
}

impl Dialect {
    /// The encoding as a person reads it, in the current language ([`Dialect::encoding`]
    /// stays the stable label).
    pub fn encoding_name(&self) -> &str {
        if self.encoding == super::decode::DAMAGED_UTF8 {
            crate::i18n::t(
                super::decode::DAMAGED_UTF8,
                "UTF-8 (dengan byte yang tidak dapat dibaca)",
            )
        } else {
            &self.encoding
        }
    }

    pub fn delimiter_name(b: u8) -> String {
        match b {
            b'\t' => "TAB".to_string(),
            SPACED => "spaces".to_string(),
            other => (other as char).to_string(),
        }
    }

    /// The delimiter as the page names it, in the current language (from the name: the byte
    /// does not travel to the page).
    pub fn delimiter_label(&self) -> String {
        if self.delimiter == Self::delimiter_name(SPACED) {
            crate::i18n::t("space", "spasi").to_string()
        } else {
            self.delimiter.clone()
        }
    }
}

/// How many bytes of the file the sniffer reads.
const SAMPLE_BYTES: usize = 64 * 1024;
/// How many records per candidate delimiter it parses.
const SAMPLE_RECORDS: usize = 60;

fn sample(text: &str) -> &str {
    if text.len() <= SAMPLE_BYTES {
        return text;
    }
    let mut end = SAMPLE_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn sample_records(text: &str, delimiter: u8) -> Vec<csv::StringRecord> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for rec in rdr.records().take(SAMPLE_RECORDS + 1) {
        match rec {
            Ok(r) if r.len() == 1 && r[0].trim().is_empty() => continue,
            Ok(r) => out.push(r),
            Err(_) => break,
        }
    }
    // The sample may cut the last record in half: leave it out unless it is the only one.
    if text.len() >= SAMPLE_BYTES && out.len() > 2 {
        out.pop();
    }
    out
}

/// Picks the delimiter whose records agree best on a field count above one; ties go to the
/// candidate giving more fields (so `;` beats `,` in a `;` file with decimal commas).
pub fn sniff_delimiter(text: &str) -> u8 {
    delimited(text).unwrap_or(b',')
}

/// [`sniff_delimiter`], or `None` when no candidate gives records of two fields or more.
pub fn delimited(text: &str) -> Option<u8> {
    let text = sample(text);
    let mut best = (b',', 0.0f64, 0usize);
    for d in DELIMITERS {
        let recs = sample_records(text, d);
        if recs.is_empty() {
            continue;
        }
        let mut counts = std::collections::HashMap::new();
        for r in &recs {
            *counts.entry(r.len()).or_insert(0usize) += 1;
        }
        let (&fields, &freq) = counts
            .iter()
            .max_by_key(|(&f, &n)| (n, f))
            .unwrap_or((&1, &0));
        if fields < 2 {
            continue;
        }
        let consistency = freq as f64 / recs.len() as f64;
        let better = consistency > best.1 + 1e-9
            || ((consistency - best.1).abs() <= 1e-9 && fields > best.2);
        if better {
            best = (d, consistency, fields);
        }
    }
    (best.2 >= 2).then_some(best.0)
}

/// The delimiter byte a space-aligned file is converted to ([`SpacedLines`]): the ASCII unit
/// separator, which no text file uses, read with quoting off.
pub const SPACED: u8 = 0x1F;

/// How a file without a delimiter lays out its columns with spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spaced {
    /// Aligned columns (fixed-width exports): each column starts at this character position,
    /// found as the positions after a gap that is blank on every sampled line, so a value
    /// with a single space inside (`New York`) stays one value.
    Aligned(Vec<usize>),
    /// Not aligned, but every line has the same number of words: runs of spaces separate.
    Words,
}

/// Lines sampled to find a spaced layout.
const SPACED_LINES: usize = 200;

/// A spaced layout for a file that no delimiter splits, or `None`: at least three lines and two
/// columns, aligned (see [`Spaced::Aligned`]) or with as many words on every line.
pub fn spaced(text: &str) -> Option<Spaced> {
    let lines: Vec<Vec<char>> = sample(text)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(SPACED_LINES)
        .map(|l| l.trim_end().chars().collect())
        .collect();
    // The sample may end inside a line.
    let lines = if text.len() > SAMPLE_BYTES && lines.len() > 3 {
        &lines[..lines.len() - 1]
    } else {
        &lines[..]
    };
    if lines.len() < 3 || lines.iter().any(|l| l.contains(&'\t')) {
        return None;
    }
    let width = lines.iter().map(Vec::len).max().unwrap_or(0);
    let blank: Vec<bool> = (0..width)
        .map(|i| lines.iter().all(|l| l.get(i).is_none_or(|c| *c == ' ')))
        .collect();
    let starts: Vec<usize> = (0..width)
        .filter(|&i| !blank[i] && (i == 0 || blank[i - 1]))
        .collect();
    // Every line has a value in the first column. A gap of one blank position on every line
    // is evidence only over many lines; a short file needs two, so that the words of a few
    // sentences do not pass for columns.
    let gap = if lines.len() >= 10 { 1 } else { 2 };
    // A table fills its columns: every column has a value on most lines (prose with short
    // and indented lines leaves blank positions too, but its "columns" are mostly empty).
    let filled = |i: usize| {
        let end = starts.get(i + 1).copied().unwrap_or(width);
        let full = lines
            .iter()
            .filter(|l| {
                l.get(starts[i]..end.min(l.len()))
                    .is_some_and(|cut| cut.iter().any(|c| *c != ' '))
            })
            .count();
        full * 5 >= lines.len() * 4
    };
    let aligned = starts.len() >= 2
        && starts[0] == 0
        && starts[1..].iter().all(|&s| s >= gap && blank[s - gap])
        && (0..starts.len()).all(filled);
    if aligned {
        return Some(Spaced::Aligned(starts));
    }
    let words = lines[0]
        .iter()
        .collect::<String>()
        .split_whitespace()
        .count();
    (words >= 2
        && lines
            .iter()
            .all(|l| l.iter().collect::<String>().split_whitespace().count() == words))
    .then_some(Spaced::Words)
}

impl Spaced {
    /// One line's values joined by [`SPACED`] (trimmed; the last column takes the rest).
    pub fn convert(&self, line: &str, out: &mut String) {
        match self {
            Spaced::Words => {
                for (i, w) in line.split_whitespace().enumerate() {
                    if i > 0 {
                        out.push(SPACED as char);
                    }
                    out.push_str(w);
                }
            }
            Spaced::Aligned(starts) => {
                let chars: Vec<(usize, char)> = line.char_indices().collect();
                let byte_at = |pos: usize| chars.get(pos).map_or(line.len(), |&(b, _)| b);
                for (i, &start) in starts.iter().enumerate() {
                    if i > 0 {
                        out.push(SPACED as char);
                    }
                    let end = starts.get(i + 1).map_or(line.len(), |&e| byte_at(e));
                    let (a, b) = (byte_at(start), end);
                    if a < b {
                        out.push_str(line[a..b].trim());
                    }
                }
            }
        }
    }
}

/// Reads a spaced file's text as [`SPACED`]-delimited lines, one per line, so that the csv
/// reader (quoting off) reads it like any other file and line numbers stay the file's.
pub struct SpacedLines<R> {
    inner: R,
    layout: Spaced,
    /// One line as read, then as converted (both buffers reused from line to line).
    raw: Vec<u8>,
    line: String,
    pos: usize,
}

impl<R: std::io::BufRead> SpacedLines<R> {
    pub fn new(inner: R, layout: Spaced) -> Self {
        Self {
            inner,
            layout,
            raw: Vec::new(),
            line: String::new(),
            pos: 0,
        }
    }
}

impl<R: std::io::BufRead> std::io::Read for SpacedLines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.pos == self.line.len() {
            self.line.clear();
            self.raw.clear();
            self.pos = 0;
            if self.inner.read_until(b'\n', &mut self.raw)? == 0 {
                return Ok(0);
            }
            let text = String::from_utf8_lossy(&self.raw);
            self.layout
                .convert(text.trim_end_matches(['\n', '\r']), &mut self.line);
            self.line.push('\n');
        }
        let out = self.line.as_bytes();
        let n = buf.len().min(out.len() - self.pos);
        buf[..n].copy_from_slice(&out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// The sample's lines converted by `layout`, for the header sniffer.
pub fn spaced_sample(text: &str, layout: &Spaced) -> String {
    let mut out = String::new();
    for line in sample(text).lines() {
        layout.convert(line, &mut out);
        out.push('\n');
    }
    out
}

/// True unless the first record looks like data. A header is assumed when the first record has
/// no numbers or dates at all, or when some column has a word on top of mostly numbers below;
/// a first record of values like the rows below it is data.
pub fn sniff_header(text: &str, delimiter: u8) -> bool {
    let recs = sample_records(sample(text), delimiter);
    let Some(first) = recs.first() else {
        return true;
    };
    let is_value = |s: &str| {
        values::parse_number(s, values::DecimalStyle::Point).is_some()
            || values::parse_number(s, values::DecimalStyle::Comma).is_some()
            || values::date_parts(s).is_some()
    };
    if !first.iter().any(is_value) {
        return true;
    }
    let rest = &recs[1..];
    first.iter().enumerate().any(|(i, cell)| {
        let below: Vec<&str> = rest
            .iter()
            .filter_map(|r| r.get(i))
            .filter(|s| !values::is_missing(s))
            .collect();
        !is_value(cell)
            && !values::is_missing(cell)
            && !below.is_empty()
            && below.iter().filter(|s| is_value(s)).count() * 2 > below.len()
    })
}

/// Excel's CSV export can start with a `sep=;` line naming the delimiter (any single
/// character). Returns that delimiter and the length of the line with its line break, so that
/// the reader can honour it and skip it instead of taking it for the header.
pub fn sep_line(text: &str) -> Option<(u8, usize)> {
    let rest = text
        .strip_prefix("sep=")
        .or_else(|| text.strip_prefix("SEP="))?;
    let mut chars = rest.chars();
    let c = chars.next()?;
    let after = chars.as_str();
    let ending = if after.starts_with("\r\n") {
        2
    } else if after.starts_with('\n') || after.starts_with('\r') {
        1
    } else if after.is_empty() {
        0
    } else {
        return None;
    };
    (c.is_ascii() && c != '"' && !c.is_ascii_alphanumeric())
        .then(|| (c as u8, "sep=".len() + 1 + ending))
}

/// Classifies the line endings of the sample.
pub fn sniff_line_ending(text: &str) -> LineEnding {
    let s = sample(text).as_bytes();
    let (mut lf, mut crlf, mut cr) = (0, 0, 0);
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'\r' if s.get(i + 1) == Some(&b'\n') => {
                crlf += 1;
                i += 1;
            }
            b'\r' => cr += 1,
            b'\n' => lf += 1,
            _ => {}
        }
        i += 1;
    }
    match (lf > 0, crlf > 0, cr > 0) {
        (false, false, false) => LineEnding::None,
        (true, false, false) => LineEnding::Lf,
        (false, true, false) => LineEnding::Crlf,
        (false, false, true) => LineEnding::Cr,
        _ => LineEnding::Mixed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters() {
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff_delimiter("a;b;c\n1,5;2,5;x\n3,5;4;y\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\n1\t2\n"), b'\t');
        assert_eq!(sniff_delimiter("a|b\n1|2\n"), b'|');
        assert_eq!(
            sniff_delimiter("id,income\n1,\"$84,835.00 \"\n2,\"$5.00\"\n"),
            b','
        );
    }

    #[test]
    fn headers() {
        assert!(sniff_header("age;job\n58;admin\n", b';'));
        assert!(!sniff_header("58;admin\n44;tech\n", b';'));
        assert!(sniff_header("id,score,name\n1,2,x\n", b','));
        assert!(sniff_header("a,b\nx,y\n", b','));
        assert!(!sniff_header("1,2\n3,4\n", b','));
    }

    #[test]
    fn space_aligned_columns() {
        let text = "customer_id  city          amount\n\
                    00001        New York       11.77\n\
                    00002        Jakarta         9.50\n\
                    00003        Kuala Lumpur  120.00\n";
        assert_eq!(delimited(text), None);
        let layout = spaced(text).unwrap();
        assert_eq!(layout, Spaced::Aligned(vec![0, 13, 27]));
        let mut out = String::new();
        layout.convert("00003        Kuala Lumpur  120.00", &mut out);
        assert_eq!(out, "00003\u{1F}Kuala Lumpur\u{1F}120.00");
        // Unaligned, as many words on every line.
        assert_eq!(spaced("a b c\n1 2 3\n44 5 66\n"), Some(Spaced::Words));
        // Prose with indented and short lines is not a table, however many lines (the shape of
        // the UCI bank-names.txt files).
        let prose = "Citation Request:\n\
  This dataset is publicly available for research. The details are described in [Moro et al., 2014].\n\
  Please include this citation if you plan to use this database:\n\
\n\
  [Moro et al., 2014] S. Moro, P. Cortez and P. Rita. A Data-Driven Approach to Predict the Success of Bank Telemarketing.\n\
\n\
  Available at: [pdf] http://dx.doi.org/10.1016/j.dss.2014.03.001\n\
                [bib] http://www3.dsi.uminho.pt/pcortez/bib/2014-dss.txt\n\
1. Title: Bank Marketing (with social/economic context)\n\
2. Sources\n\
   Created by: Sergio Moro (ISCTE-IUL), Paulo Cortez (Univ. Minho) and Paulo Rita (ISCTE-IUL) @ 2014\n\
3. Past Usage:\n\
  The full dataset (bank-additional-full.csv) was described and analyzed in:\n\
4. Relevant Information:\n\
   This dataset is based on the Bank Marketing UCI dataset.\n\
5. Number of Instances: 41188\n\
6. Number of Attributes: 20 + output attribute.\n";
        assert_eq!(spaced(prose), None);
        // Sentences are not columns; delimited files are not spaced.
        assert_eq!(spaced("the cat sat\non the mat today\nand slept\n"), None);
        assert_eq!(delimited("a,b\n1,2\n"), Some(b','));
        assert_eq!(delimited("name\nAnn\nBob\n"), None);
    }

    #[test]
    fn excel_sep_line() {
        assert_eq!(sep_line("sep=;\na;b\n"), Some((b';', 6)));
        assert_eq!(sep_line("sep=,\r\na,b\r\n"), Some((b',', 7)));
        assert_eq!(sep_line("sep=\t\na\tb\n"), Some((b'\t', 6)));
        assert_eq!(sep_line("sep=|"), Some((b'|', 5)));
        // A header that merely starts like one is a header.
        assert_eq!(sep_line("sep=;x\n"), None);
        assert_eq!(sep_line("separator,b\n"), None);
        assert_eq!(sep_line("a;b\n"), None);
    }

    #[test]
    fn line_endings() {
        assert_eq!(sniff_line_ending("a\r\nb\r\n"), LineEnding::Crlf);
        assert_eq!(sniff_line_ending("a\nb\n"), LineEnding::Lf);
        assert_eq!(sniff_line_ending("a\rb\r"), LineEnding::Cr);
        assert_eq!(sniff_line_ending("a\nb\r\n"), LineEnding::Mixed);
    }
}
