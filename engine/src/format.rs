//! Number formatting for people: the engine's sentences (summaries, messages) and the UI use
//! the same functions. They follow the ambient language ([`crate::i18n::lang`]): English writes
//! `45,211.5` and `97.6 %`, Indonesian `45.211,5` and `97,6 %`. Machine output (CSV, SQL) never
//! uses them; the one CSV quoting rule of machine output ([`write_csv_field`], and [`csv_cell`]
//! for the exports) lives here too.

use crate::i18n::{lang, Lang};

/// The thousands separator and the decimal mark of the current language.
fn marks() -> (char, char) {
    match lang() {
        Lang::En => (',', '.'),
        Lang::Id => ('.', ','),
    }
}

/// A number already written with `.` as its decimal mark (`format!("{:.3}", x)`), in the
/// current language's mark: `0.912` / `0,912`.
pub fn decimal(s: String) -> String {
    match marks().1 {
        '.' => s,
        mark => s.replace('.', &mark.to_string()),
    }
}

/// The text with its first letter in upper case, to start a sentence or a name.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

/// `45211` → `45,211`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(marks().0);
        }
        out.push(ch);
    }
    out
}

/// A figure in original units for tables and sentences: `51381.7` → `51,382`, `-1234` →
/// `-1,234`, `0.2534` → `0.25`, `3.5` → `3.5`.
pub fn amount(v: f64) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    if v.abs() >= 100.0 {
        let r = v.round();
        let sign = if r < 0.0 { "-" } else { "" };
        return format!("{sign}{}", thousands(r.abs() as u64));
    }
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        decimal(s.to_string())
    }
}

/// File sizes: `4610348` → `4.6 MB`.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KB", "MB", "GB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1000.0 && u < UNITS.len() - 1 {
        v /= 1000.0;
        u += 1;
    }
    if u == 0 {
        crate::tf!("{n} bytes", "{n} bita")
    } else {
        decimal(format!("{v:.1} {}", UNITS[u]))
    }
}

/// Short axis labels: `84835` → `84.8k`, `1250000` → `1.25M`, `0.126` → `0.13`.
pub fn compact(v: f64) -> String {
    let a = v.abs();
    let trim = |s: String| {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    };
    // Indonesian: ribu (rb), juta (jt), miliar (M).
    let (k, m, b) = match lang() {
        Lang::En => ("k", "M", "B"),
        Lang::Id => (" rb", " jt", " M"),
    };
    let s = if a >= 1e9 {
        trim(format!("{:.2}", v / 1e9)) + b
    } else if a >= 1e6 {
        trim(format!("{:.2}", v / 1e6)) + m
    } else if a >= 1e4 {
        trim(format!("{:.1}", v / 1e3)) + k
    } else if a >= 100.0 || v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        trim(format!("{v:.2}"))
    };
    decimal(s)
}

/// `0.976` → `97.6 %`; whole percentages without a decimal.
pub fn percent(share: f64) -> String {
    let p = share * 100.0;
    if (p - p.round()).abs() < 0.05 {
        format!("{p:.0} %")
    } else {
        decimal(format!("{p:.1} %"))
    }
}

/// A number as short as it can be written exactly, with the current language's marks, as a
/// chart axis shows it: `100000` → `100,000` / `100.000`, `0.25` → `0.25` / `0,25`,
/// `1234.5` → `1,234.5` / `1.234,5`.
pub fn number(v: f64) -> String {
    if !v.is_finite() || v.abs() >= 1e15 {
        return decimal(format!("{v}"));
    }
    let sign = if v < 0.0 { "-" } else { "" };
    let digits = format!("{}", v.abs());
    let (whole, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
    let whole = thousands(whole.parse().unwrap_or(0));
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}{}{fraction}", marks().1)
    }
}

/// `v` with `places` decimals: `0.25` / `0,25`.
pub fn fixed(v: f64, places: usize) -> String {
    decimal(format!("{v:.places$}"))
}

/// A calendar date for people: `6 Dec 2014` / `6 Des 2014` (ISO `2014-12-06` stays the form of
/// inputs and files). `month` is 1–12; anything else is written in ISO form.
pub fn date(year: i32, month: u32, day: u32) -> String {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const ID: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
    ];
    let names = match lang() {
        Lang::En => EN,
        Lang::Id => ID,
    };
    match month.checked_sub(1).and_then(|m| names.get(m as usize)) {
        Some(name) => format!("{day} {name} {year}"),
        None => format!("{year:04}-{month:02}-{day:02}"),
    }
}

/// An ISO `YYYY-MM-DD` date for people ([`date`]); any other text is returned as it is.
pub fn iso_date(iso: &str) -> String {
    let mut parts = iso.splitn(3, '-');
    let parsed = (|| {
        let y = parts.next()?.parse().ok()?;
        let m = parts.next()?.parse().ok()?;
        let d = parts.next()?.get(..2)?.parse().ok()?;
        Some((y, m, d))
    })();
    match parsed {
        Some((y, m, d)) if (1..=12).contains(&m) && (1..=31).contains(&d) => date(y, m, d),
        _ => iso.to_string(),
    }
}

/// `text` cut to at most `max` characters, the last one "…" when cut: for previews, where a
/// 50 MB cell would otherwise travel to the page and into the DOM whole.
pub fn shorten(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(text),
        Some(_) => {
            let end = text
                .char_indices()
                .nth(max.saturating_sub(1))
                .map_or(text.len(), |(i, _)| i);
            std::borrow::Cow::Owned(format!("{}…", &text[..end]))
        }
    }
}

/// The Unicode characters that change the display order of the text around them: embeddings
/// and overrides (U+202A–U+202E) and isolates (U+2066–U+2069). A right-to-left override in a
/// cell makes "evil" display as "live" (the "Trojan Source" problem, CVE-2021-42574).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A user's string as the page shows it: every bidi control character ([`is_bidi_control`]) is
/// written as a visible mark (`[U+202E]`) instead of being obeyed, so text reads in the order
/// its characters are stored. Display only: the data, the exports and the SQL keep the
/// original characters. Right-to-left scripts (Arabic, Hebrew) need no control characters and
/// are unchanged.
pub fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(is_bidi_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_bidi_control(c) {
            out.push_str(&format!("[U+{:04X}]", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Makes a cell safe to open in a spreadsheet: a leading `=`, `+`, `-`, `@` (or tab / carriage
/// return) would start a formula, so such cells get a leading apostrophe; then CSV quoting
/// ([`write_csv_field`]).
pub fn csv_cell(text: &str) -> String {
    let safe = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if !needs_csv_quotes(safe.as_bytes()) {
        return safe;
    }
    let mut out = Vec::with_capacity(safe.len() + 2);
    write_csv_field(safe.as_bytes(), &mut out);
    // Quotes added around and inside valid UTF-8 keep it valid.
    String::from_utf8(out).unwrap_or(safe)
}

/// Bytes that make a CSV field quoted: the delimiter, the quote and line breaks (`\r` too, as
/// the csv crate's writer quotes it).
const CSV_SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    t[b',' as usize] = true;
    t[b'"' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t
};

/// Whether a CSV field must be quoted: eight bytes at a time, as the csv crate looks (a plain
/// byte loop ran slower in the browser before its optimising tier took over).
pub fn needs_csv_quotes(field: &[u8]) -> bool {
    let mut chunks = field.chunks_exact(8);
    let any8 = chunks.any(|c| c.iter().fold(false, |a, &b| a | CSV_SPECIAL[b as usize]));
    any8 || chunks.remainder().iter().any(|&b| CSV_SPECIAL[b as usize])
}

/// Appends one comma-separated CSV field to `out` as the csv crate's writer writes it: as it
/// is, or quoted with its quotes doubled where [`needs_csv_quotes`]. Machine output: the
/// exports ([`csv_cell`]) and a workbook sheet's text (`ingest::workbook`).
pub fn write_csv_field(field: &[u8], out: &mut Vec<u8>) {
    if !needs_csv_quotes(field) {
        out.extend_from_slice(field);
        return;
    }
    out.push(b'"');
    for part in field.split_inclusive(|&b| b == b'"') {
        out.extend_from_slice(part);
        if part.last() == Some(&b'"') {
            out.push(b'"');
        }
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests {

    #[test]
    fn bidi_controls_are_shown_not_obeyed() {
        assert_eq!(shown("\u{202E}evil\u{202C}"), "[U+202E]evil[U+202C]");
        assert_eq!(shown("a\u{2067}b\u{2069}"), "a[U+2067]b[U+2069]");
        // Right-to-left scripts and ordinary text pass through untouched (and unallocated).
        assert!(matches!(shown("مرحبا Ann"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(shown("\u{200F}x"), "\u{200F}x");
    }

    #[test]
    fn shorten_cuts_on_characters() {
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("abcd", 3), "ab…");
        assert_eq!(shorten("ééééé", 4), "ééé…");
        assert_eq!(shorten(&"x".repeat(1_000_000), 200).chars().count(), 200);
        assert_eq!(shorten("", 0), "");
    }

    use super::*;

    #[test]
    fn amounts() {
        assert_eq!(amount(51381.7), "51,382");
        assert_eq!(amount(-1234.0), "-1,234");
        assert_eq!(amount(0.2534), "0.25");
        assert_eq!(amount(3.5), "3.5");
        assert_eq!(amount(-0.001), "0");
        assert_eq!(amount(f64::NAN), "–");
    }

    #[test]
    fn formats() {
        assert_eq!(thousands(45_211), "45,211");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(percent(0.976), "97.6 %");
        assert_eq!(percent(1.0), "100 %");
        assert_eq!(bytes(4_610_348), "4.6 MB");
        assert_eq!(bytes(512), "512 bytes");
        assert_eq!(compact(84_835.0), "84.8k");
        assert_eq!(compact(1_250_000.0), "1.25M");
        assert_eq!(compact(0.126), "0.13");
        assert_eq!(compact(-12.0), "-12");
    }

    #[test]
    fn indonesian_marks() {
        use crate::i18n::{with_lang, Lang};
        with_lang(Lang::Id, || {
            assert_eq!(thousands(45_211), "45.211");
            assert_eq!(amount(51381.7), "51.382");
            assert_eq!(amount(0.2534), "0,25");
            assert_eq!(percent(0.976), "97,6 %");
            assert_eq!(bytes(4_610_348), "4,6 MB");
            assert_eq!(compact(84_835.0), "84,8 rb");
            assert_eq!(compact(1_250_000.0), "1,25 jt");
            assert_eq!(date(2014, 12, 6), "6 Des 2014");
            assert_eq!(iso_date("2014-05-08"), "8 Mei 2014");
            assert_eq!(number(100_000.0), "100.000");
            assert_eq!(number(-2500.0), "-2.500");
            assert_eq!(number(0.25), "0,25");
            assert_eq!(number(1234.5), "1.234,5");
            assert_eq!(number(-0.37), "-0,37");
        });
        assert_eq!(date(2014, 12, 6), "6 Dec 2014");
        assert_eq!(number(100_000.0), "100,000");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(-1234.5), "-1,234.5");
        assert_eq!(number(0.0), "0");
        assert_eq!(iso_date("2014-12-06"), "6 Dec 2014");
        assert_eq!(iso_date("not a date"), "not a date");
        assert_eq!(date(2014, 13, 1), "2014-13-01");
    }

    #[test]
    fn csv_cells_are_spreadsheet_safe() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("@SUM"), "'@SUM");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
    }
}
