//! Calendar dates as day numbers (days since 1970-01-01, as the table stores them) and the
//! order of day and month: arithmetic only, below the table and the reader, which both use it.
//! Reading a date out of a cell is the reader's ([`crate::ingest::values::date_parts`]).

/// Field order of a date written with three parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// yyyy-mm-dd
    YearMonthDay,
    /// dd-mm-yyyy
    DayMonthYear,
    /// mm/dd/yyyy
    MonthDayYear,
}

/// A cell that looks like a date, before the column decides day- or month-first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateParts {
    /// True when the year came first (yyyy-mm-dd).
    pub year_first: bool,
    /// For year-last dates, the first and second fields; for year-first, month and day.
    pub a: u32,
    pub b: u32,
    pub year: i32,
    pub separator: char,
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

pub fn valid_ymd(y: i32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// Days since 1970-01-01 of a valid civil date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number (inverse of [`days_from_civil`]).
pub fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

/// `yyyy-mm-dd` of a day number.
pub fn format_days(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Day number of parsed date parts under a column's order; `None` when the parts are not a
/// real date in that order (e.g. 31/02).
pub fn date_to_days(p: DateParts, order: DateOrder) -> Option<i64> {
    let (m, d) = if p.year_first {
        (p.a, p.b)
    } else {
        match order {
            DateOrder::DayMonthYear | DateOrder::YearMonthDay => (p.b, p.a),
            DateOrder::MonthDayYear => (p.a, p.b),
        }
    };
    valid_ymd(p.year, m, d).then(|| days_from_civil(p.year, m, d))
}
