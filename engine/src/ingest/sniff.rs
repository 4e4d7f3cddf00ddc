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
            other => (other as char).to_string(),
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
    best.0
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
