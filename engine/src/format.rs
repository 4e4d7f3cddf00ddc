//! Number formatting for people: the engine's sentences (summaries, messages) and the UI use
//! the same functions. (Locale-aware formatting arrives with the Indonesian UI.)

/// `45211` → `45,211`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
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
        s.to_string()
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
        format!("{n} bytes")
    } else {
        format!("{v:.1} {}", UNITS[u])
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
    if a >= 1e9 {
        trim(format!("{:.2}", v / 1e9)) + "B"
    } else if a >= 1e6 {
        trim(format!("{:.2}", v / 1e6)) + "M"
    } else if a >= 1e4 {
        trim(format!("{:.1}", v / 1e3)) + "k"
    } else if a >= 100.0 || v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        trim(format!("{v:.2}"))
    }
}

/// `0.976` → `97.6 %`; whole percentages without a decimal.
pub fn percent(share: f64) -> String {
    let p = share * 100.0;
    if (p - p.round()).abs() < 0.05 {
        format!("{p:.0} %")
    } else {
        format!("{p:.1} %")
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

/// Makes a cell safe to open in a spreadsheet: a leading `=`, `+`, `-`, `@` (or tab / carriage
/// return) would start a formula, so such cells get a leading apostrophe; then CSV quoting.
pub fn csv_cell(text: &str) -> String {
    let safe = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

#[cfg(test)]
mod tests {

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
    fn csv_cells_are_spreadsheet_safe() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("@SUM"), "'@SUM");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
    }
}
