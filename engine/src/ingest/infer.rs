//! Column type inference by majority vote. Every non-missing cell votes for the kinds it can be
//! read as; the column takes the kind with the most votes when it reaches the threshold (90 % by
//! default, Datawrapper's rule) and keeps the counts so that the UI can say "98 % numeric,
//! 3 values unreadable". Cells that disagree with the chosen type become missing and are counted.

use rustc_hash::FxHashMap;

use serde::{Deserialize, Serialize};

use super::values::{self, DateOrder, DecimalStyle};
use crate::i18n::{t, L10n};
use crate::table::{BoolLabels, ColumnData, ColumnType, NumberFormat, StrColumn, MISSING_CODE};
pub use crate::table::{DateReading, Inference, Sentinel, TypeVotes};
use crate::tf;

/// Settings of the inference.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct InferOptions {
    /// Share of non-missing cells that must agree on a type (0.5–1.0).
    pub threshold: f64,
    /// A text column with at most this many distinct values may be categorical.
    pub max_categories: usize,
}

impl Default for InferOptions {
    fn default() -> Self {
        Self {
            threshold: 0.9,
            max_categories: 100,
        }
    }
}

impl DateReading {
    /// Counts one distinct year-last value seen `n` times.
    fn count(&mut self, p: values::DateParts, cell: &str, n: usize) {
        let (count, example) = match (p.a > 12, p.b > 12) {
            (true, false) => (&mut self.day_first_only, &mut self.day_first_example),
            (false, true) => (&mut self.month_first_only, &mut self.month_first_example),
            (false, false) => (&mut self.either, &mut self.either_example),
            (true, true) => return,
        };
        *count += n;
        // The smallest text, so that the example does not depend on hashing order.
        if example.as_deref().is_none_or(|e| cell < e) {
            *example = Some(cell.to_string());
        }
    }

    /// The order the evidence asks for; `None` when it does not tell (no value, or as many
    /// each way).
    pub fn evidence(&self) -> Option<DateOrder> {
        match self.day_first_only.cmp(&self.month_first_only) {
            std::cmp::Ordering::Greater => Some(DateOrder::DayMonthYear),
            std::cmp::Ordering::Less => Some(DateOrder::MonthDayYear),
            std::cmp::Ordering::Equal => None,
        }
    }

    /// The choice in words, in the current language: the order, why, what the other order
    /// would have read and was left missing, and how an ambiguous value was read.
    pub fn explain(&self, order: DateOrder) -> String {
        let day_first = order != DateOrder::MonthDayYear;
        let name = if day_first {
            t("day/month/year", "hari/bulan/tahun")
        } else {
            t("month/day/year", "bulan/hari/tahun")
        };
        let (ours, our_example, theirs, their_example) = if day_first {
            (
                self.day_first_only,
                &self.day_first_example,
                self.month_first_only,
                &self.month_first_example,
            )
        } else {
            (
                self.month_first_only,
                &self.month_first_example,
                self.day_first_only,
                &self.day_first_example,
            )
        };
        let mut out = vec![if ours > theirs {
            let e = our_example.as_deref().unwrap_or_default();
            let n = crate::format::thousands(ours as u64);
            tf!(
                "Dates read as {name}: {n} can only be read that way (e.g. “{e}”).",
                "Tanggal dibaca sebagai {name}: {n} hanya dapat dibaca demikian (mis. “{e}”)."
            )
        } else if day_first {
            tf!(
                "Dates read as {name}: no value tells the order, and day first is the usual one.",
                "Tanggal dibaca sebagai {name}: tidak ada nilai yang menunjukkan urutannya, dan hari lebih dulu adalah yang lazim."
            )
        } else {
            tf!(
                "Dates read as {name}: no value tells the order, and slashes usually put the month first.",
                "Tanggal dibaca sebagai {name}: tidak ada nilai yang menunjukkan urutannya, dan garis miring biasanya mendahulukan bulan."
            )
        }];
        if theirs > 0 {
            let e = their_example.as_deref().unwrap_or_default();
            let n = crate::format::thousands(theirs as u64);
            out.push(tf!(
                "{n} can only be read the other way (e.g. “{e}”): left missing.",
                "{n} hanya dapat dibaca dengan urutan lain (mis. “{e}”): dibiarkan kosong."
            ));
        }
        if let Some(e) = self.either_example.as_deref().filter(|_| self.either > 0) {
            let n = crate::format::thousands(self.either as u64);
            let read = values::date_parts(e)
                .and_then(|p| values::date_to_days(p, order))
                .map(|days| {
                    let (y, m, d) = values::civil_from_days(days);
                    crate::format::date(y, m, d)
                })
                .unwrap_or_default();
            out.push(tf!(
                "{n} fit either order (e.g. “{e}”, read as {read}).",
                "{n} cocok dengan kedua urutan (mis. “{e}”, dibaca sebagai {read})."
            ));
        }
        out.join(" ")
    }
}

/// Finds a sentinel code: -1 in a column otherwise never negative, or 999 / 9999 far above every
/// other value, standing for at least a fifth of the values.
pub fn detect_sentinel(name: &str, values: &[f64], valid: &[bool]) -> Option<Sentinel> {
    let present: Vec<f64> = values
        .iter()
        .zip(valid)
        .filter_map(|(&v, &ok)| ok.then_some(v))
        .collect();
    let n = present.len();
    if n < 5 {
        return None;
    }
    [-1.0, 999.0, 9999.0].into_iter().find_map(|code: f64| {
        let count = present.iter().filter(|&&v| v == code).count();
        let others = present.iter().copied().filter(|&v| v != code);
        let (lo, hi) = others.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
        let fits = if code < 0.0 {
            lo >= 0.0
        } else {
            hi < code / 2.0 && lo >= 0.0
        };
        (count * 5 >= n && count < n && fits).then(|| {
            let lname = name.to_ascii_lowercase();
            let never = lname.contains("pdays") || lname.contains("since");
            let meaning = L10n::build(|| {
                if never {
                    t("never contacted", "belum pernah dihubungi")
                } else {
                    t("no value (code)", "tanpa nilai (kode)")
                }
                .to_string()
            });
            Sentinel {
                value: code,
                count,
                meaning,
            }
        })
    })
}

/// Names that mark an integer column unique per row as an identifier rather than a quantity.
fn is_id_like(name: &str) -> bool {
    let n = name.trim().to_ascii_lowercase();
    n == "id"
        || n.starts_with("unnamed")
        || n.ends_with("_id")
        || n.ends_with(" id")
        || n.starts_with("id_")
        || n.ends_with("id") && n.len() > 2 && !n.as_bytes()[n.len() - 3].is_ascii_alphabetic()
        || ["customerid", "custid", "clientid", "index", "no", "nomor"].contains(&n.as_str())
}

/// True for a header that names a code rather than a quantity: an identifier's name, or
/// `…_no`, `…_code`, `…_number`, `kode…`, `nomor…`, `no_…` (customer numbers, order numbers,
/// postal codes). Whole numbers under such a name that repeat are codes, not amounts.
fn is_code_name(name: &str) -> bool {
    let n = name
        .trim()
        .to_ascii_lowercase()
        .replace([' ', '-', '.'], "_");
    is_id_like(name)
        || ["_no", "_code", "_number", "_nr", "_num", "code", "kode"]
            .iter()
            .any(|end| n.ends_with(end))
        || ["kode", "nomor", "no_", "id_", "zip", "postcode", "kodepos"]
            .iter()
            .any(|start| n.starts_with(start))
}

/// A value written with a leading zero (`00042`, `0812…`): only a code is written so.
fn leading_zero(cell: &str) -> bool {
    cell.len() >= 2 && cell.starts_with('0') && cell.bytes().all(|b| b.is_ascii_digit())
}

/// Infers the type of `raw` (or takes `forced`, the user's choice) and converts the values into
/// typed storage. Values that do not fit the type become missing and are counted as unreadable.
pub fn infer_column(
    name: &str,
    raw: &StrColumn,
    opts: &InferOptions,
    forced: Option<ColumnType>,
) -> (ColumnType, ColumnData, Inference) {
    let rows = raw.len();
    let mut inf = Inference::default();
    let mut point_evidence = 0usize;
    let mut comma_evidence = 0usize;
    let mut true_label: Option<&str> = None;
    let mut false_label: Option<&str> = None;
    let mut reading = DateReading::default();
    let mut leading_zeros = 0usize;
    let mut year_last = 0usize;
    let mut slash = 0usize;
    let mut distinct: FxHashMap<&str, u32> = FxHashMap::default();

    // Per cell only the cheap part: missing or not, and the distinct-value count. Everything
    // else is evidence per distinct value, weighted by its count.
    for cell in raw.iter() {
        if values::is_missing(cell) {
            inf.missing += 1;
            continue;
        }
        *distinct.entry(values::clean(cell)).or_insert(0) += 1;
    }
    let mut true_count = 0u32;
    let mut false_count = 0u32;
    for (&c, &n) in &distinct {
        let n_us = n as usize;
        match values::decimal_evidence(c) {
            Some(DecimalStyle::Point) => point_evidence += n_us,
            Some(DecimalStyle::Comma) => comma_evidence += n_us,
            None => {}
        }
        if let Some(b) = values::parse_bool(c) {
            inf.votes.boolean += n_us;
            // The most frequent spelling labels the value ("yes" over "Yes"); ties by text.
            let (slot, best) = if b {
                (&mut true_label, &mut true_count)
            } else {
                (&mut false_label, &mut false_count)
            };
            if n > *best || (n == *best && slot.is_none_or(|s| c < s)) {
                *slot = Some(c);
                *best = n;
            }
        }
        if leading_zero(c) {
            leading_zeros += n_us;
        }
        if let Some(p) = values::date_parts(c) {
            inf.votes.date += n_us;
            if !p.year_first {
                year_last += n_us;
                reading.count(p, c, n_us);
                slash += if p.separator == '/' { n_us } else { 0 };
            }
        }
    }
    inf.distinct = distinct.len();
    // The decimal separator that reads more of the values wins ("Rp 1.000.000" only reads with
    // dots as thousands); the separators' evidence ("1,5" vs "1.5") breaks ties.
    let parses = |style| {
        distinct
            .iter()
            .filter(|(c, _)| values::parse_number(c, style).is_some())
            .map(|(_, &n)| n as usize)
            .sum::<usize>()
    };
    let (by_point, by_comma) = (parses(DecimalStyle::Point), parses(DecimalStyle::Comma));
    let style = if by_comma > by_point || (by_comma == by_point && comma_evidence > point_evidence)
    {
        DecimalStyle::Comma
    } else {
        DecimalStyle::Point
    };
    let mut format = NumberFormat {
        decimal: style.decimal_char(),
        thousands: None,
        currency: None,
        percent: false,
    };
    let mut only_01 = true;
    for (cell, _) in distinct.iter() {
        if let Some(p) = values::parse_number(cell, style) {
            let n = distinct[cell] as usize;
            if p.integral && !p.percent {
                inf.votes.integer += n;
            } else {
                inf.votes.decimal += n;
            }
            only_01 &= p.value == 0.0 || p.value == 1.0;
            format.thousands = format.thousands.or(p.thousands);
            if format.currency.is_none() {
                format.currency = p.currency;
            }
            format.percent |= p.percent;
        }
    }
    let present = rows - inf.missing;
    let numeric = inf.votes.integer + inf.votes.decimal;
    inf.votes.text = present.saturating_sub(numeric.max(inf.votes.boolean).max(inf.votes.date));
    let two_valued_01 = only_01 && inf.distinct == 2 && numeric == present;
    // The order more values can only be read in; when nothing tells, the US habit of slashes
    // puts the month first, and the rest of the world the day.
    let date_order = if year_last == 0 {
        DateOrder::YearMonthDay
    } else if let Some(order) = reading.evidence() {
        order
    } else if slash * 2 > year_last {
        DateOrder::MonthDayYear
    } else {
        DateOrder::DayMonthYear
    };

    // Decide (unless the user did), then convert: one conversion path for both.
    let kind = forced.unwrap_or_else(|| {
        let needed = (opts.threshold * present as f64).ceil() as usize;
        let best = numeric.max(inf.votes.boolean).max(inf.votes.date);
        let avg_len = distinct.keys().map(|k| k.len()).sum::<usize>() / inf.distinct.max(1);
        // Codes stay codes: whole numbers written with a leading zero, or whole numbers that
        // repeat under a code's name (a purchase log's customer number), are read as text.
        let code = inf.votes.decimal == 0
            && numeric == present
            && (leading_zeros > 0 || (inf.distinct < present && is_code_name(name)));
        if present == 0 {
            ColumnType::Empty
        } else if best >= needed && best == numeric && !code {
            if inf.votes.decimal > 0 {
                ColumnType::Decimal
            } else if two_valued_01 {
                ColumnType::Boolean
            } else if inf.distinct == present && inf.missing == 0 && is_id_like(name) {
                ColumnType::Identifier
            } else {
                ColumnType::Integer
            }
        } else if inf.votes.boolean == present && !code {
            // Boolean only when every present value is a yes/no token: a third value such as
            // the bank data's "unknown" is a real category, not an unreadable boolean.
            ColumnType::Boolean
        } else if best >= needed && best == inf.votes.date {
            ColumnType::Date
        } else if inf.distinct == present && present > 1 && avg_len <= 40 {
            ColumnType::Identifier
        } else if inf.distinct <= opts.max_categories
            && (inf.distinct * 2 <= present || (inf.distinct < present && inf.distinct <= 10))
        {
            ColumnType::Categorical
        } else {
            ColumnType::Text
        }
    });

    let data = match kind {
        ColumnType::Integer | ColumnType::Decimal => {
            inf.number_format = Some(format);
            let data = numeric_data(raw, &mut inf, |c| {
                values::parse_number(c, style).map(|p| p.value)
            });
            if kind == ColumnType::Integer {
                if let ColumnData::Numeric { values, valid } = &data {
                    inf.sentinel = detect_sentinel(name, values, valid);
                }
            }
            data
        }
        ColumnType::Boolean => {
            inf.bool_labels = Some(match (false_label, true_label) {
                (None, None) => BoolLabels {
                    false_label: "0".into(),
                    true_label: "1".into(),
                },
                (f, t) => BoolLabels {
                    false_label: f.unwrap_or("no").to_string(),
                    true_label: t.unwrap_or("yes").to_string(),
                },
            });
            numeric_data(raw, &mut inf, |c| match values::parse_bool(c) {
                Some(b) => Some(if b { 1.0 } else { 0.0 }),
                None => values::parse_number(c, style)
                    .map(|p| p.value)
                    .filter(|&v| v == 0.0 || v == 1.0),
            })
        }
        ColumnType::Date => {
            inf.date_order = Some(date_order);
            inf.date_reading = (year_last > 0).then_some(reading);
            numeric_data(raw, &mut inf, |c| {
                values::date_parts(c)
                    .and_then(|p| values::date_to_days(p, date_order))
                    .map(|d| d as f64)
            })
        }
        ColumnType::Categorical => {
            // Dictionary in order of first appearance: stable and matches how people read it.
            let mut dictionary: Vec<String> = Vec::with_capacity(inf.distinct);
            let mut index: FxHashMap<&str, u32> = FxHashMap::default();
            let codes = raw
                .iter()
                .map(|cell| {
                    if values::is_missing(cell) {
                        return MISSING_CODE;
                    }
                    let c = values::clean(cell);
                    *index.entry(c).or_insert_with(|| {
                        dictionary.push(c.to_string());
                        (dictionary.len() - 1) as u32
                    })
                })
                .collect();
            ColumnData::Categorical { codes, dictionary }
        }
        ColumnType::Identifier | ColumnType::Text | ColumnType::Empty => text_data(raw),
    };
    inf.share = if present == 0 {
        0.0
    } else {
        (present - inf.unreadable) as f64 / present as f64
    };
    (kind, data, inf)
}

fn text_data(raw: &StrColumn) -> ColumnData {
    let mut values = StrColumn::with_capacity(raw.len(), 0);
    let mut valid = Vec::with_capacity(raw.len());
    for cell in raw.iter() {
        let missing = values::is_missing(cell);
        values.push(if missing { "" } else { values::clean(cell) });
        valid.push(!missing);
    }
    ColumnData::Text { values, valid }
}

fn numeric_data(
    raw: &StrColumn,
    inf: &mut Inference,
    parse: impl Fn(&str) -> Option<f64>,
) -> ColumnData {
    let mut values = Vec::with_capacity(raw.len());
    let mut valid = Vec::with_capacity(raw.len());
    for cell in raw.iter() {
        if values::is_missing(cell) {
            values.push(f64::NAN);
            valid.push(false);
            continue;
        }
        match parse(cell) {
            Some(v) => {
                values.push(v);
                valid.push(true);
            }
            None => {
                inf.unreadable += 1;
                if inf.unreadable_examples.len() < 3 {
                    inf.unreadable_examples.push(cell.to_string());
                }
                values.push(f64::NAN);
                valid.push(false);
            }
        }
    }
    ColumnData::Numeric { values, valid }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(cells: &[&str]) -> StrColumn {
        let mut c = StrColumn::default();
        cells.iter().for_each(|s| c.push(s));
        c
    }

    fn kind(name: &str, cells: &[&str]) -> (ColumnType, Inference) {
        let (k, _, inf) = infer_column(name, &col(cells), &InferOptions::default(), None);
        (k, inf)
    }

    #[test]
    fn integers_decimals_booleans() {
        assert_eq!(
            kind("age", &["58", "44", "33", "44"]).0,
            ColumnType::Integer
        );
        assert_eq!(
            kind("rate", &["1.1", "-0.1", "1.4", "1.1"]).0,
            ColumnType::Decimal
        );
        assert_eq!(kind("y", &["no", "yes", "no", "no"]).0, ColumnType::Boolean);
        assert_eq!(
            kind("Response", &["0", "1", "0", "0"]).0,
            ColumnType::Boolean
        );
        assert_eq!(
            kind("Kidhome", &["0", "1", "2", "0"]).0,
            ColumnType::Integer
        );
        assert_eq!(kind("Z", &["3", "3", "3"]).0, ColumnType::Integer);
        let mut housing = vec!["yes"; 50];
        housing.extend(vec!["no"; 48]);
        housing.push("unknown");
        assert_eq!(kind("housing", &housing).0, ColumnType::Categorical);
    }

    #[test]
    fn majority_vote_keeps_counts() {
        let mut cells = vec!["10"; 97];
        cells.extend(["abc", "x", "?"]);
        let (k, inf) = kind("n", &cells);
        assert_eq!(k, ColumnType::Integer);
        assert_eq!(inf.unreadable, 3);
        assert_eq!(inf.unreadable_examples, vec!["abc", "x", "?"]);
        assert!((inf.share - 0.97).abs() < 1e-12);
        // Below the threshold: text.
        let mut cells = vec!["10"; 80];
        cells.extend(vec!["abc"; 20]);
        assert_eq!(kind("n", &cells).0, ColumnType::Categorical);
    }

    #[test]
    fn currency_income_with_missing() {
        let (k, inf) = kind(
            " Income ",
            &["$84,835.00 ", "$57,091.00 ", "", "$1,730.00 "],
        );
        assert_eq!(k, ColumnType::Integer);
        assert_eq!(inf.missing, 1);
        let f = inf.number_format.unwrap();
        assert_eq!(f.currency.as_deref(), Some("$"));
        assert_eq!(f.thousands, Some(','));
    }

    #[test]
    fn decimal_comma_column() {
        let raw = col(&["1,5", "2,25", "1.234,5"]);
        let (k, data, _) = infer_column("x", &raw, &InferOptions::default(), None);
        assert_eq!(k, ColumnType::Decimal);
        assert_eq!(data.valid_numbers(), vec![1.5, 2.25, 1234.5]);
    }

    #[test]
    fn dates_day_and_month_first() {
        let (k, inf) = kind("Dt", &["04-09-2012", "08-03-2014", "21-08-2013"]);
        assert_eq!(k, ColumnType::Date);
        assert_eq!(inf.date_order, Some(DateOrder::DayMonthYear));
        let (_, inf) = kind("Dt", &["6/16/14", "11/2/2013", "1/3/14"]);
        assert_eq!(inf.date_order, Some(DateOrder::MonthDayYear));
        let (_, inf) = kind("Dt", &["2014-06-29", "2012-07-30"]);
        assert_eq!(inf.date_order, Some(DateOrder::YearMonthDay));
    }

    #[test]
    fn mixed_date_orders_are_decided_by_evidence_and_explained() {
        let (k, inf) = kind(
            "Dt",
            &[
                "04-09-2012",
                "2013-03-08",
                "8/21/13",
                "31/12/2013",
                "25/01/2014",
                "13/2/2014",
            ],
        );
        assert_eq!(k, ColumnType::Date);
        assert_eq!(inf.date_order, Some(DateOrder::DayMonthYear));
        let r = inf.date_reading.clone().unwrap();
        assert_eq!((r.day_first_only, r.month_first_only, r.either), (3, 1, 1));
        assert_eq!(r.month_first_example.as_deref(), Some("8/21/13"));
        assert_eq!(
            (inf.unreadable, inf.unreadable_examples.clone()),
            (1, vec!["8/21/13".to_string()])
        );
        let words =
            crate::i18n::with_lang(crate::i18n::Lang::En, || r.explain(DateOrder::DayMonthYear));
        assert_eq!(
            words,
            "Dates read as day/month/year: 3 can only be read that way (e.g. “13/2/2014”). \
             1 can only be read the other way (e.g. “8/21/13”): left missing. \
             1 fit either order (e.g. “04-09-2012”, read as 4 Sep 2012)."
        );
        // More values that only month-first reads win, whatever the largest day.
        let (_, inf) = kind(
            "Dt",
            &["12/13/2014", "12/14/2014", "11/30/2014", "31/12/2014"],
        );
        assert_eq!(inf.date_order, Some(DateOrder::MonthDayYear));
        assert_eq!(inf.unreadable, 1);
        // Nothing tells: the habit decides, and says so.
        let (_, inf) = kind("Dt", &["01.02.2014", "03.04.2014"]);
        assert_eq!(inf.date_order, Some(DateOrder::DayMonthYear));
        let words = crate::i18n::with_lang(crate::i18n::Lang::En, || {
            inf.date_reading.unwrap().explain(DateOrder::DayMonthYear)
        });
        assert!(words.contains("no value tells the order"), "{words}");
        // Year-first columns need no explanation.
        assert_eq!(
            kind("Dt", &["2014-06-29", "2012-07-30"]).1.date_reading,
            None
        );
    }

    #[test]
    fn codes_stay_codes() {
        // Leading zeros: a code, whatever the name.
        let (k, _) = kind("kode_pos", &["01234", "40115", "01234", "60111"]);
        assert_eq!(k, ColumnType::Categorical);
        let (k, _) = kind("member", &["00042", "00043", "00044", "00045"]);
        assert_eq!(k, ColumnType::Identifier);
        let (_, data, _) = infer_column(
            "member",
            &col(&["00042", "00043", "00044", "00045"]),
            &InferOptions::default(),
            None,
        );
        assert!(matches!(data, ColumnData::Text { ref values, .. } if values.get(0) == "00042"));
        // A customer number that repeats (one line per purchase) is a code, not an amount.
        let ids: Vec<String> = (0..300).map(|i| (1000 + i % 120).to_string()).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        for name in [
            "customer_id",
            "cust_no",
            "Customer Code",
            "kode_pelanggan",
            "order_number",
        ] {
            let k = kind(name, &refs).0;
            assert!(
                matches!(k, ColumnType::Categorical | ColumnType::Text),
                "{name}: {k:?}"
            );
        }
        // The same numbers under a quantity's name stay numbers; so do unique ids and zero.
        assert_eq!(kind("orders", &refs).0, ColumnType::Integer);
        assert_eq!(
            kind("amount", &["0", "10", "0", "25"]).0,
            ColumnType::Integer
        );
        assert_eq!(kind("price", &["0.50", "1.25"]).0, ColumnType::Decimal);
        assert_eq!(kind("ID", &["1", "2", "3"]).0, ColumnType::Identifier);
    }

    #[test]
    fn text_kinds() {
        assert_eq!(
            kind("job", &["admin.", "blue-collar", "admin.", "admin."]).0,
            ColumnType::Categorical
        );
        assert_eq!(
            kind("name", &["Budi", "Ani", "Citra"]).0,
            ColumnType::Identifier
        );
        assert_eq!(
            kind("ID", &["5524", "2174", "4141"]).0,
            ColumnType::Identifier
        );
        assert_eq!(kind("e", &["", "NA", ""]).0, ColumnType::Empty);
        let many: Vec<String> = (0..300).map(|i| format!("v{}", i % 150)).collect();
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(kind("t", &refs).0, ColumnType::Text);
    }

    #[test]
    fn forced_types_convert_and_count_misfits() {
        let raw = col(&["3", "x", "5", ""]);
        let (k, data, inf) = infer_column(
            "n",
            &raw,
            &InferOptions::default(),
            Some(ColumnType::Integer),
        );
        assert_eq!(k, ColumnType::Integer);
        assert_eq!(data.valid_numbers(), vec![3.0, 5.0]);
        assert_eq!((inf.unreadable, inf.missing), (1, 1));
        // Numbers as categories (e.g. a postcode or a rating scale).
        let raw = col(&["1", "2", "1", "3"]);
        let (k, data, _) = infer_column(
            "rating",
            &raw,
            &InferOptions::default(),
            Some(ColumnType::Categorical),
        );
        assert_eq!(k, ColumnType::Categorical);
        assert!(
            matches!(data, ColumnData::Categorical { ref dictionary, .. } if dictionary.len() == 3)
        );
        let (k, _, inf) = infer_column(
            "y",
            &col(&["yes", "no", "1"]),
            &InferOptions::default(),
            Some(ColumnType::Boolean),
        );
        assert_eq!((k, inf.unreadable), (ColumnType::Boolean, 0));
    }

    #[test]
    fn sentinels() {
        let mut pdays = vec!["-1"; 80];
        pdays.extend(["100", "200", "35", "3", "92"]);
        let (_, inf) = kind("pdays", &pdays);
        let s = inf.sentinel.unwrap();
        assert_eq!(
            (s.value, s.count, s.meaning.en.as_str()),
            (-1.0, 80, "never contacted")
        );
        assert_eq!(s.meaning.id, "belum pernah dihubungi");
        let mut pdays = vec!["999"; 90];
        pdays.extend(["6", "3", "27"]);
        assert_eq!(kind("pdays", &pdays).1.sentinel.unwrap().value, 999.0);
        // A balance that is sometimes -1 among other negatives is not coded.
        let mut balance = vec!["-1"; 30];
        balance.extend(["-5", "100", "7", "2000"]);
        assert!(kind("balance", &balance).1.sentinel.is_none());
        assert!(kind("age", &["30", "40", "50", "60", "70"])
            .1
            .sentinel
            .is_none());
    }

    #[test]
    fn id_like_names() {
        assert!(is_id_like("ID"));
        assert!(is_id_like("Customer_ID"));
        assert!(is_id_like("unnamed_1"));
        assert!(!is_id_like("Paid"));
        assert!(!is_id_like("Income"));
    }
}
