//! Reading single cells: missing-value tokens, numbers in the ways spreadsheets write them,
//! booleans and dates. Column-level decisions (which decimal separator, day- or month-first)
//! are made in [`super::infer`] from the evidence these functions report.

pub use crate::dates::{
    civil_from_days, date_to_days, days_from_civil, format_days, valid_ymd, DateOrder, DateParts,
};

/// Tokens that mean "no value" (compared case-insensitively after trimming).
const MISSING_TOKENS: [&str; 8] = ["", "na", "n/a", "null", "nan", "-", "none", "#n/a"];

/// Trims ASCII and Unicode white space, including the no-break space spreadsheets emit.
pub fn clean(cell: &str) -> &str {
    cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// True when the cell is empty or a missing-value token.
pub fn is_missing(cell: &str) -> bool {
    let c = clean(cell);
    c.len() <= 4 && MISSING_TOKENS.iter().any(|t| c.eq_ignore_ascii_case(t))
}

/// A boolean token and its value, e.g. "Yes" → true. 0/1 are numbers here; a column of only
/// 0 and 1 becomes boolean in the column-level inference.
pub fn parse_bool(cell: &str) -> Option<bool> {
    let c = clean(cell);
    const TRUE: [&str; 5] = ["yes", "true", "y", "ya", "t"];
    const FALSE: [&str; 5] = ["no", "false", "n", "tidak", "f"];
    if TRUE.iter().any(|t| c.eq_ignore_ascii_case(t)) {
        Some(true)
    } else if FALSE.iter().any(|t| c.eq_ignore_ascii_case(t)) {
        Some(false)
    } else {
        None
    }
}

/// Decimal separator convention of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalStyle {
    /// `1,234.5`
    Point,
    /// `1.234,5`
    Comma,
}

impl DecimalStyle {
    pub fn decimal_char(self) -> char {
        match self {
            Self::Point => '.',
            Self::Comma => ',',
        }
    }
}

/// A number read from a cell, with what was seen around it.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedNumber {
    pub value: f64,
    /// No fractional part was written (`12`, `1,000`), so the column may be integer.
    pub integral: bool,
    pub thousands: Option<char>,
    pub currency: Option<String>,
    pub percent: bool,
}

/// Currency symbols and codes recognised before or after a number.
const CURRENCIES: [&str; 9] = ["Rp.", "Rp", "IDR", "USD", "EUR", "$", "€", "£", "¥"];

fn strip_currency(s: &str) -> (&str, Option<&'static str>) {
    for cur in CURRENCIES {
        if let Some(rest) = s.strip_prefix(cur) {
            return (rest.trim_start(), Some(cur.trim_end_matches('.')));
        }
        if let Some(rest) = s.strip_suffix(cur) {
            return (rest.trim_end(), Some(cur.trim_end_matches('.')));
        }
    }
    (s, None)
}

/// Parses a number written with `style`'s decimal separator, optional thousands separators
/// (in valid groups of three), a currency symbol or code, a sign, and a `%` suffix.
/// Returns `None` for anything else, so "12abc" or "1,2,3" is text, not a number.
pub fn parse_number(cell: &str, style: DecimalStyle) -> Option<ParsedNumber> {
    let mut s = clean(cell);
    if s.is_empty() {
        return None;
    }
    // Fast path for the common case, plain `-12` or `3.25`, without building a digit string.
    let b = s.as_bytes();
    let body = b.strip_prefix(b"-").unwrap_or(b);
    let dots = body.iter().filter(|&&c| c == b'.').count();
    let plain = !body.is_empty()
        && body.iter().all(|&c| c.is_ascii_digit() || c == b'.')
        && body.first().is_some_and(u8::is_ascii_digit)
        && (dots == 0 || (dots == 1 && style == DecimalStyle::Point));
    if plain {
        // More than 308 digits overflow to infinity: such a cell is text, not a number (found
        // by the fuzzer: one 400-digit cell made a column's mean and scaling infinite).
        let value: f64 = s.parse().ok().filter(|v: &f64| v.is_finite())?;
        let frac = s.split_once('.').map_or("", |(_, f)| f);
        return Some(ParsedNumber {
            value,
            integral: frac.bytes().all(|c| c == b'0'),
            thousands: None,
            currency: None,
            percent: false,
        });
    }
    let mut negative = false;
    if let Some(rest) = s.strip_prefix('-') {
        negative = true;
        s = rest.trim_start();
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest.trim_start();
    }
    let (rest, currency) = strip_currency(s);
    s = rest;
    if !negative {
        if let Some(rest) = s.strip_prefix('-') {
            negative = true;
            s = rest;
        }
    }
    let mut percent = false;
    if let Some(rest) = s.strip_suffix('%') {
        percent = true;
        s = rest.trim_end();
    }
    if s.is_empty() {
        return None;
    }
    // Scientific notation: only with the point style and no grouping, as Rust parses it.
    if style == DecimalStyle::Point && s.contains(['e', 'E']) {
        let v: f64 = s.parse().ok()?;
        if !v.is_finite() || !s.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
            return None;
        }
        return Some(ParsedNumber {
            value: if negative { -v } else { v },
            integral: false,
            thousands: None,
            currency: currency.map(str::to_string),
            percent,
        });
    }
    let dec = style.decimal_char();
    let (int_part, frac_part) = match s.find(dec) {
        Some(i) => (&s[..i], Some(&s[i + dec.len_utf8()..])),
        None => (s, None),
    };
    if let Some(f) = frac_part {
        if f.is_empty() && int_part.is_empty() {
            return None;
        }
        if !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    // Integer part: plain digits, or digit groups separated by one consistent separator.
    let mut thousands = None;
    let mut digits = String::with_capacity(int_part.len() + 8);
    if int_part.bytes().all(|b| b.is_ascii_digit()) {
        digits.push_str(int_part);
    } else {
        let sep = int_part.chars().find(|c| !c.is_ascii_digit())?;
        let allowed = match style {
            DecimalStyle::Point => [',', ' ', '\u{a0}', '\''],
            DecimalStyle::Comma => ['.', ' ', '\u{a0}', '\''],
        };
        if !allowed.contains(&sep) {
            return None;
        }
        let groups: Vec<&str> = int_part.split(sep).collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
        if !first_ok || !rest_ok || !groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        thousands = Some(sep);
        for g in groups {
            digits.push_str(g);
        }
    }
    if digits.is_empty() {
        digits.push('0');
    }
    let integral = frac_part.is_none_or(|f| f.bytes().all(|b| b == b'0'));
    if let Some(f) = frac_part {
        digits.push('.');
        digits.push_str(f);
    }
    let v: f64 = digits.parse().ok().filter(|v: &f64| v.is_finite())?;
    Some(ParsedNumber {
        value: if negative { -v } else { v },
        integral,
        thousands,
        currency: currency.map(str::to_string),
        percent,
    })
}

/// Evidence about the decimal separator a cell gives: `1,5` or `1.234,56` say "comma";
/// `1.5` or `1,234.56` say "point"; `1,234` or `12` say nothing.
pub fn decimal_evidence(cell: &str) -> Option<DecimalStyle> {
    let s = clean(cell);
    let last_dot = s.rfind('.');
    let last_comma = s.rfind(',');
    let digits_after = |i: usize| {
        s[i + 1..]
            .bytes()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(if d > c {
            DecimalStyle::Point
        } else {
            DecimalStyle::Comma
        }),
        (Some(d), None) => {
            let multiple = s.matches('.').count() > 1;
            (!multiple && digits_after(d) != 3).then_some(DecimalStyle::Point)
        }
        (None, Some(c)) => {
            let multiple = s.matches(',').count() > 1;
            (!multiple && digits_after(c) != 3).then_some(DecimalStyle::Comma)
        }
        (None, None) => None,
    }
}

/// Splits `2012-09-04`, `04-09-2012`, `6/16/14`, `16.06.2014` (optionally followed by a time)
/// into parts. Does not decide the order of day and month when the year is last.
pub fn date_parts(cell: &str) -> Option<DateParts> {
    let s = clean(cell);
    let date = s.split([' ', 'T']).next()?;
    if date.len() < 6 || date.len() > 10 {
        return None;
    }
    let separator = date.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = date.split(separator).collect();
    if parts.len() != 3
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n = |p: &str| p.parse::<u32>().ok();
    if parts[0].len() == 4 {
        let (y, m, d) = (n(parts[0])?, n(parts[1])?, n(parts[2])?);
        if parts[1].len() > 2 || parts[2].len() > 2 || !valid_ymd(y as i32, m, d) {
            return None;
        }
        return Some(DateParts {
            year_first: true,
            a: m,
            b: d,
            year: y as i32,
            separator,
        });
    }
    if parts[0].len() > 2 || parts[1].len() > 2 || !(parts[2].len() == 2 || parts[2].len() == 4) {
        return None;
    }
    let (a, b, y) = (n(parts[0])?, n(parts[1])?, n(parts[2])?);
    let year = if parts[2].len() == 2 {
        // As strptime's %y: 69–99 → 1900s, 00–68 → 2000s.
        if y >= 69 {
            1900 + y as i32
        } else {
            2000 + y as i32
        }
    } else {
        y as i32
    };
    if a == 0 || b == 0 || a > 31 || b > 31 || (a > 12 && b > 12) {
        return None;
    }
    Some(DateParts {
        year_first: false,
        a,
        b,
        year,
        separator,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<f64> {
        parse_number(s, DecimalStyle::Point).map(|p| p.value)
    }

    #[test]
    fn missing_tokens() {
        for s in ["", "  ", "NA", "n/a", "NULL", "NaN", "-", "#N/A"] {
            assert!(is_missing(s), "{s:?}");
        }
        for s in ["0", "no", "unknown", "--"] {
            assert!(!is_missing(s), "{s:?}");
        }
    }

    #[test]
    fn numbers_too_large_for_a_float_are_text() {
        let nines = "9".repeat(400);
        assert_eq!(num(&nines), None);
        assert_eq!(num(&format!("{nines}.5")), None);
        assert_eq!(
            parse_number(&format!("1{}", ".000".repeat(110)), DecimalStyle::Comma),
            None
        );
        assert_eq!(num(&"9".repeat(300)), Some(1e300));
    }

    #[test]
    fn plain_and_grouped_numbers() {
        assert_eq!(num("58138"), Some(58138.0));
        assert_eq!(num("-1"), Some(-1.0));
        assert_eq!(num("4.857"), Some(4.857));
        assert_eq!(num("1,234,567.5"), Some(1_234_567.5));
        assert_eq!(num(".5"), Some(0.5));
        assert_eq!(num("1e3"), Some(1000.0));
        assert_eq!(num("1,23"), None);
        assert_eq!(num("12abc"), None);
        assert_eq!(num("1.2.3"), None);
        assert_eq!(num("e5"), None);
        assert_eq!(num("inf"), None);
    }

    #[test]
    fn currency_and_percent() {
        let p = parse_number("\"$84,835.00 \"".trim_matches('"'), DecimalStyle::Point).unwrap();
        assert_eq!(p.value, 84_835.0);
        assert!(p.integral);
        assert_eq!(p.currency.as_deref(), Some("$"));
        assert_eq!(p.thousands, Some(','));
        let rp = parse_number("Rp 1.000.000", DecimalStyle::Comma).unwrap();
        assert_eq!(rp.value, 1_000_000.0);
        assert_eq!(rp.currency.as_deref(), Some("Rp"));
        let pct = parse_number("12.5 %", DecimalStyle::Point).unwrap();
        assert!(pct.percent);
        assert_eq!(pct.value, 12.5);
        assert_eq!(num("-$5"), Some(-5.0));
        assert_eq!(num("$-5"), Some(-5.0));
    }

    #[test]
    fn decimal_comma() {
        let p = |s| parse_number(s, DecimalStyle::Comma).map(|p| p.value);
        assert_eq!(p("1,5"), Some(1.5));
        assert_eq!(p("1.234,56"), Some(1234.56));
        assert_eq!(p("1 234,5"), Some(1234.5));
        assert_eq!(decimal_evidence("1,5"), Some(DecimalStyle::Comma));
        assert_eq!(decimal_evidence("1.5"), Some(DecimalStyle::Point));
        assert_eq!(decimal_evidence("1,234"), None);
        assert_eq!(decimal_evidence("1.234,5"), Some(DecimalStyle::Comma));
    }

    #[test]
    fn booleans() {
        assert_eq!(parse_bool("Yes"), Some(true));
        assert_eq!(parse_bool("tidak"), Some(false));
        assert_eq!(parse_bool("maybe"), None);
        assert_eq!(parse_bool("1"), None);
    }

    #[test]
    fn dates_parts_and_days() {
        let p = date_parts("2012-09-04").unwrap();
        assert!(p.year_first);
        assert_eq!(
            date_to_days(p, DateOrder::YearMonthDay),
            Some(days_from_civil(2012, 9, 4))
        );
        let p = date_parts("04-09-2012").unwrap();
        assert_eq!(
            date_to_days(p, DateOrder::DayMonthYear),
            Some(days_from_civil(2012, 9, 4))
        );
        let p = date_parts("6/16/14").unwrap();
        assert_eq!(p.year, 2014);
        assert_eq!(
            date_to_days(p, DateOrder::MonthDayYear),
            Some(days_from_civil(2014, 6, 16))
        );
        assert_eq!(date_to_days(p, DateOrder::DayMonthYear), None);
        assert!(date_parts("1957").is_none());
        assert!(date_parts("13/13/2014").is_none());
        assert!(date_parts("2014-02-30").is_none());
        assert_eq!(date_parts("2014-06-29 00:00:00").map(|p| p.b), Some(29));
    }

    #[test]
    fn civil_round_trip() {
        for days in [-800_000, -1, 0, 1, 15_000, 20_000, 2_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(format_days(0), "1970-01-01");
        assert_eq!(format_days(days_from_civil(2012, 7, 30)), "2012-07-30");
    }
}
