//! Columnar storage. Numbers (including dates and booleans) live as `f64` with a validity mask,
//! categoricals are dictionary-encoded, free text and identifiers keep their strings in one
//! compact buffer per column. Analyses read columns, never rows, so this layout is what they want
//! and it keeps a 45k-row file to a few megabytes.

use serde::{Deserialize, Serialize};

use crate::dates::DateOrder;
use crate::i18n::L10n;

/// The inferred (or user-chosen) type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnType {
    /// Whole numbers (counts, years, amounts without decimals).
    Integer,
    /// Numbers with decimals, currency amounts, percentages.
    Decimal,
    /// Two-valued: yes/no, true/false, y/n, ya/tidak, or 0/1 when only those occur.
    Boolean,
    /// Calendar dates, stored as days since 1970-01-01.
    Date,
    /// Text with few distinct values (job, marital status, country).
    Categorical,
    /// A value unique per row (customer id, row index, name).
    Identifier,
    /// Free text with many distinct values.
    Text,
    /// Every value is missing.
    Empty,
}

impl ColumnType {
    /// The types a user may choose for a column.
    pub const CHOICES: [ColumnType; 7] = [
        Self::Integer,
        Self::Decimal,
        Self::Boolean,
        Self::Date,
        Self::Categorical,
        Self::Identifier,
        Self::Text,
    ];

    /// True for types stored as numbers ([`ColumnData::Numeric`]).
    pub fn is_numeric_storage(self) -> bool {
        matches!(
            self,
            Self::Integer | Self::Decimal | Self::Boolean | Self::Date
        )
    }

    /// True for types whose distribution is meaningful as a histogram.
    pub fn is_quantity(self) -> bool {
        matches!(self, Self::Integer | Self::Decimal)
    }

    /// The type's key: stable across languages (CSS classes, `data-type`, the command line).
    /// [`ColumnType::name`] is the word a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::Integer => "integer",
            Self::Decimal => "decimal",
            Self::Boolean => "boolean",
            Self::Date => "date",
            Self::Categorical => "categorical",
            Self::Identifier => "identifier",
            Self::Text => "text",
            Self::Empty => "empty",
        }
    }

    /// The type's name in the current language.
    pub fn name(self) -> &'static str {
        use crate::i18n::t;
        match self {
            Self::Integer => t("integer", "bilangan bulat"),
            Self::Decimal => t("decimal", "desimal"),
            Self::Boolean => t("boolean", "boolean"),
            Self::Date => t("date", "tanggal"),
            Self::Categorical => t("categorical", "kategori"),
            Self::Identifier => t("identifier", "pengenal"),
            Self::Text => t("text", "teks"),
            Self::Empty => t("empty", "kosong"),
        }
    }
}

/// Strings of one column in a single buffer with end offsets: one allocation per column instead
/// of one per cell. Missing cells are stored as empty strings and flagged by the caller.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StrColumn {
    buf: String,
    ends: Vec<usize>,
}

impl StrColumn {
    pub fn with_capacity(rows: usize, bytes: usize) -> Self {
        Self {
            buf: String::with_capacity(bytes),
            ends: Vec::with_capacity(rows),
        }
    }

    pub fn push(&mut self, s: &str) {
        self.buf.push_str(s);
        self.ends.push(self.buf.len());
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The cell at `row`; empty when out of range so that callers never index past the end.
    pub fn get(&self, row: usize) -> &str {
        let Some(&end) = self.ends.get(row) else {
            return "";
        };
        let start = if row == 0 { 0 } else { self.ends[row - 1] };
        &self.buf[start..end]
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(move |i| self.get(i))
    }

    /// Bytes held, for memory accounting.
    pub fn heap_bytes(&self) -> usize {
        self.buf.capacity() + self.ends.capacity() * std::mem::size_of::<usize>()
    }
}

/// Marker code for a missing categorical cell.
pub const MISSING_CODE: u32 = u32::MAX;

/// The values of one column.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnData {
    /// Integer, decimal, boolean (0/1) and date (days since epoch) columns.
    Numeric { values: Vec<f64>, valid: Vec<bool> },
    /// Dictionary-encoded text; `codes[i] == MISSING_CODE` marks a missing cell.
    Categorical {
        codes: Vec<u32>,
        dictionary: Vec<String>,
    },
    /// Identifiers and free text; `valid[i] == false` marks a missing cell.
    Text { values: StrColumn, valid: Vec<bool> },
}

impl ColumnData {
    pub fn len(&self) -> usize {
        match self {
            Self::Numeric { values, .. } => values.len(),
            Self::Categorical { codes, .. } => codes.len(),
            Self::Text { values, .. } => values.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn is_valid(&self, row: usize) -> bool {
        match self {
            Self::Numeric { valid, .. } | Self::Text { valid, .. } => {
                valid.get(row).copied().unwrap_or(false)
            }
            Self::Categorical { codes, .. } => codes.get(row).is_some_and(|&c| c != MISSING_CODE),
        }
    }

    /// Number of missing cells.
    pub fn missing(&self) -> usize {
        (0..self.len()).filter(|&i| !self.is_valid(i)).count()
    }

    /// Valid numeric values, in row order; empty for non-numeric columns.
    pub fn valid_numbers(&self) -> Vec<f64> {
        match self {
            Self::Numeric { values, valid } => values
                .iter()
                .zip(valid)
                .filter_map(|(&v, &ok)| ok.then_some(v))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Bytes held, for memory accounting.
    pub fn heap_bytes(&self) -> usize {
        match self {
            Self::Numeric { values, valid } => values.capacity() * 8 + valid.capacity(),
            Self::Categorical { codes, dictionary } => {
                codes.capacity() * 4 + dictionary.iter().map(|s| s.capacity() + 24).sum::<usize>()
            }
            Self::Text { values, valid } => values.heap_bytes() + valid.capacity(),
        }
    }
}

/// Everything the engine knows about how a column's values were read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberFormat {
    /// Decimal separator that was used ('.' or ',').
    pub decimal: char,
    /// Thousands separator seen in the values, if any.
    pub thousands: Option<char>,
    /// Currency symbol or code seen in the values (`$`, `Rp`, `€` …), if any.
    pub currency: Option<String>,
    /// True when the values carried a `%` sign (stored as the number before the sign).
    pub percent: bool,
}

/// How a boolean column's two values were written, so that the UI shows them as in the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoolLabels {
    pub false_label: String,
    pub true_label: String,
}

/// One column: its name, type, values and how it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub kind: ColumnType,
    /// Shared between tables: the derived table of the Prepare step holds the loaded table's
    /// columns without copying them (a copy of a million-row table is hundreds of megabytes);
    /// a change goes through `Arc::make_mut`, which copies only a shared column.
    pub data: std::sync::Arc<ColumnData>,
    pub inference: Inference,
}

impl Column {
    /// The cell at `row` as the UI should print it (dates as yyyy-mm-dd, booleans with their
    /// original labels, missing as an empty string).
    pub fn display(&self, row: usize) -> String {
        if !self.data.is_valid(row) {
            return String::new();
        }
        match &*self.data {
            ColumnData::Numeric { values, .. } => {
                let v = values[row];
                match self.kind {
                    ColumnType::Date => crate::dates::format_days(v as i64),
                    ColumnType::Boolean => match &self.inference.bool_labels {
                        Some(l) if v != 0.0 => l.true_label.clone(),
                        Some(l) => l.false_label.clone(),
                        None => format_number(v),
                    },
                    _ => format_number(v),
                }
            }
            ColumnData::Categorical { codes, dictionary } => dictionary
                .get(codes[row] as usize)
                .cloned()
                .unwrap_or_default(),
            ColumnData::Text { values, .. } => values.get(row).to_string(),
        }
    }
}

impl Column {
    /// A computed numeric column (`None` = missing). Its inference record says how many values
    /// are missing and distinct, as a loaded column's does, so every analysis treats it alike.
    pub fn numeric(name: &str, kind: ColumnType, cells: Vec<Option<f64>>) -> Self {
        let valid: Vec<bool> = cells.iter().map(Option::is_some).collect();
        let values: Vec<f64> = cells.iter().map(|c| c.unwrap_or(0.0)).collect();
        let mut present: Vec<u64> = cells
            .iter()
            .flatten()
            .map(|v| (v + 0.0).to_bits())
            .collect();
        present.sort_unstable();
        present.dedup();
        let missing = valid.iter().filter(|&&ok| !ok).count();
        Self {
            name: name.to_string(),
            kind,
            inference: Inference {
                missing,
                share: 1.0,
                distinct: present.len(),
                bool_labels: (kind == ColumnType::Boolean).then(|| BoolLabels {
                    false_label: "no".into(),
                    true_label: "yes".into(),
                }),
                ..Default::default()
            },
            data: ColumnData::Numeric { values, valid }.into(),
        }
    }

    /// A computed categorical column from labels (`None` = missing); the dictionary keeps the
    /// order of `categories`, so groups list in their natural order (young, adult, senior).
    pub fn categorical(name: &str, categories: &[&str], cells: &[Option<usize>]) -> Self {
        let codes: Vec<u32> = cells
            .iter()
            .map(|c| c.map_or(MISSING_CODE, |i| i as u32))
            .collect();
        let missing = codes.iter().filter(|&&c| c == MISSING_CODE).count();
        let mut used = vec![false; categories.len()];
        cells.iter().flatten().for_each(|&i| {
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
        });
        Self {
            name: name.to_string(),
            kind: ColumnType::Categorical,
            inference: Inference {
                missing,
                share: 1.0,
                distinct: used.iter().filter(|&&u| u).count(),
                ..Default::default()
            },
            data: ColumnData::Categorical {
                codes,
                dictionary: categories.iter().map(|s| s.to_string()).collect(),
            }
            .into(),
        }
    }

    /// The number in `row`: `None` when missing, not numeric, or the column's sentinel code.
    pub fn number(&self, row: usize) -> Option<f64> {
        match &*self.data {
            ColumnData::Numeric { values, valid } if valid.get(row) == Some(&true) => {
                let v = values[row];
                match &self.inference.sentinel {
                    Some(s) if s.value == v => None,
                    _ => Some(v),
                }
            }
            _ => None,
        }
    }

    /// The number in `row` even when it is the sentinel code; `None` when missing.
    pub fn raw_number(&self, row: usize) -> Option<f64> {
        match &*self.data {
            ColumnData::Numeric { values, valid } if valid.get(row) == Some(&true) => {
                Some(values[row])
            }
            _ => None,
        }
    }

    /// The category label in `row`, for categorical columns.
    pub fn category(&self, row: usize) -> Option<&str> {
        match &*self.data {
            ColumnData::Categorical { codes, dictionary } => codes
                .get(row)
                .and_then(|&c| dictionary.get(c as usize))
                .map(String::as_str),
            _ => None,
        }
    }

    /// The same column restricted to `rows` (in that order).
    pub fn select(&self, rows: &[usize]) -> Self {
        let data = match &*self.data {
            ColumnData::Numeric { values, valid } => ColumnData::Numeric {
                values: rows.iter().map(|&r| values[r]).collect(),
                valid: rows.iter().map(|&r| valid[r]).collect(),
            },
            ColumnData::Categorical { codes, dictionary } => ColumnData::Categorical {
                codes: rows.iter().map(|&r| codes[r]).collect(),
                dictionary: dictionary.clone(),
            },
            ColumnData::Text { values, valid } => {
                let mut out = StrColumn::with_capacity(rows.len(), 0);
                rows.iter().for_each(|&r| out.push(values.get(r)));
                ColumnData::Text {
                    values: out,
                    valid: rows.iter().map(|&r| valid[r]).collect(),
                }
            }
        };
        let mut inference = self.inference.clone();
        inference.missing = (0..rows.len()).filter(|&i| !data.is_valid(i)).count();
        Self {
            name: self.name.clone(),
            kind: self.kind,
            data: data.into(),
            inference,
        }
    }
}

/// Shortest faithful text for a number: integers without a decimal point.
pub fn format_number(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// A loaded table: equally long columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    rows: usize,
}

impl Table {
    /// Builds a table; columns must all have `rows` values (the ingest guarantees it).
    pub fn new(columns: Vec<Column>, rows: usize) -> Self {
        debug_assert!(columns.iter().all(|c| c.data.len() == rows));
        Self { columns, rows }
    }

    pub fn n_rows(&self) -> usize {
        self.rows
    }

    pub fn n_cols(&self) -> usize {
        self.columns.len()
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// Index of the column called `name`.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    /// The rows `rows` of every column (indices must be in range: callers pass row numbers of
    /// this table).
    pub fn select_rows(&self, rows: &[usize]) -> Self {
        // Every row in order: the columns are shared, not copied.
        if rows.len() == self.rows && rows.iter().enumerate().all(|(i, &r)| i == r) {
            return self.clone();
        }
        Self {
            columns: self.columns.iter().map(|c| c.select(rows)).collect(),
            rows: rows.len(),
        }
    }

    /// Approximate bytes held by the table.
    pub fn heap_bytes(&self) -> usize {
        self.columns.iter().map(|c| c.data.heap_bytes()).sum()
    }
}

// The record of how a column's type was decided, kept with the column ([`Column::inference`]).
// Decided by the reader ([`crate::ingest::infer`], which also explains a date reading in words);
// defined here so that the table does not depend on the reader.

/// How many non-missing cells could be read as each kind. A cell may count for several kinds
/// only where the kinds overlap (a 0/1 value is a number; the column decides boolean).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TypeVotes {
    pub integer: usize,
    pub decimal: usize,
    pub boolean: usize,
    pub date: usize,
    pub text: usize,
}

/// The record of how a column's type was decided.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Inference {
    pub votes: TypeVotes,
    /// Cells that were empty or a missing-value token.
    pub missing: usize,
    /// Cells that were present but could not be read as the chosen type (now missing).
    pub unreadable: usize,
    /// Up to three such cells, as written.
    pub unreadable_examples: Vec<String>,
    /// Share of non-missing cells that agree with the chosen type.
    pub share: f64,
    /// Distinct non-missing values (exact).
    pub distinct: usize,
    pub number_format: Option<NumberFormat>,
    pub date_order: Option<DateOrder>,
    /// For dates written with the year last, why day or month came first.
    #[serde(default)]
    pub date_reading: Option<DateReading>,
    pub bool_labels: Option<BoolLabels>,
    /// A code that stands for "no value" in an otherwise numeric column (bank `pdays` = -1 or
    /// 999: never contacted). Kept in the data, left out of statistics.
    pub sentinel: Option<Sentinel>,
}

/// How the order of day and month was chosen for a date column written with the year last
/// (`04-09-2012`): the values only one order can read are the evidence, the values either order
/// reads follow the choice. Shown beside the column, so that no date changes silently.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DateReading {
    /// Values only day-first can read (first field above 12: `31/12/2013`), and one of them.
    pub day_first_only: usize,
    pub day_first_example: Option<String>,
    /// Values only month-first can read (second field above 12: `8/21/13`), and one of them.
    pub month_first_only: usize,
    pub month_first_example: Option<String>,
    /// Values both orders read (both fields 12 or below: `04-09-2012`), and one of them.
    pub either: usize,
    pub either_example: Option<String>,
}

/// A numeric code meaning "not applicable".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentinel {
    pub value: f64,
    pub count: usize,
    /// What the code means, in words ("never contacted").
    pub meaning: L10n<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn str_column_round_trips_cells() {
        let mut c = StrColumn::default();
        for s in ["a", "", "héllo", "x,y"] {
            c.push(s);
        }
        assert_eq!(c.len(), 4);
        assert_eq!(c.iter().collect::<Vec<_>>(), vec!["a", "", "héllo", "x,y"]);
        assert_eq!(c.get(99), "");
    }

    #[test]
    fn format_number_drops_trailing_zero() {
        assert_eq!(format_number(3.0), "3");
        assert_eq!(format_number(-2.5), "-2.5");
    }
}
