//! Warehouse scoring SQL: one query, written from the current model and segmentation, that
//! recomputes the derived features, the scaling, the logistic score and the nearest segment
//! for every row of a table — for teams whose table outgrows the browser and who run the
//! scoring in the engine they already have (DuckDB, Spark SQL, BigQuery).
//!
//! The query expects the table as a warehouse stores it: numbers as numbers (or text that casts
//! to a number), dates as dates, categories as text. It reads every cell the way the engine's
//! ingest does — the missing-value tokens, yes/no spellings, sentinel codes — so the scores
//! and segments agree with the page's to rounding (`engine/tests/warehouse_sql.rs` and the
//! DuckDB test in `tests/sql/` run both on the same files).
//!
//! Everything the query needs from the data is in [`Source`] (column kinds and the derivation
//! recipes); it travels in the segmentation file ([`crate::segments_file::SegmentsFile`]), so the
//! command line can write the query without the data.

use std::cell::RefCell;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::features::{Derived, Input, Recipe, Transform};
use crate::ingest::values::format_days;
use crate::model::{ModelFeature, ModelFile};
use crate::segment::SegmentModel;
use crate::table::{ColumnData, ColumnType};

/// The SQL flavours the query is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    DuckDb,
    Spark,
    BigQuery,
}

impl Dialect {
    pub const ALL: [Dialect; 3] = [Dialect::DuckDb, Dialect::Spark, Dialect::BigQuery];

    pub fn id(self) -> &'static str {
        match self {
            Self::DuckDb => "duckdb",
            Self::Spark => "spark",
            Self::BigQuery => "bigquery",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::DuckDb => "DuckDB",
            Self::Spark => "Spark SQL",
            Self::BigQuery => "BigQuery",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.id() == id)
    }

    /// A quoted identifier.
    fn ident(self, name: &str) -> String {
        match self {
            Self::DuckDb => format!("\"{}\"", name.replace('"', "\"\"")),
            Self::Spark => format!("`{}`", name.replace('`', "``")),
            Self::BigQuery => format!("`{}`", name.replace('\\', "\\\\").replace('`', "\\`")),
        }
    }

    /// A string literal.
    fn string(self, text: &str) -> String {
        match self {
            Self::DuckDb => format!("'{}'", text.replace('\'', "''")),
            // Both read backslash escapes in string literals.
            Self::Spark | Self::BigQuery => {
                let mut out = String::with_capacity(text.len() + 2);
                out.push('\'');
                for c in text.chars() {
                    match c {
                        '\\' => out.push_str("\\\\"),
                        '\'' => out.push_str("\\'"),
                        '\n' => out.push_str("\\n"),
                        '\r' => out.push_str("\\r"),
                        c => out.push(c),
                    }
                }
                out.push('\'');
                out
            }
        }
    }

    fn double(self) -> &'static str {
        match self {
            Self::DuckDb | Self::Spark => "DOUBLE",
            Self::BigQuery => "FLOAT64",
        }
    }

    fn text_type(self) -> &'static str {
        match self {
            Self::DuckDb => "VARCHAR",
            Self::Spark | Self::BigQuery => "STRING",
        }
    }

    /// A cast that gives NULL instead of failing.
    fn try_cast(self, expr: &str, ty: &str) -> String {
        match self {
            Self::DuckDb => format!("TRY_CAST({expr} AS {ty})"),
            Self::Spark => format!("try_cast({expr} AS {ty})"),
            Self::BigQuery => format!("SAFE_CAST({expr} AS {ty})"),
        }
    }

    /// The calendar year of the date `expr`, as a double.
    fn year_of(self, expr: &str) -> String {
        let date = self.try_cast(expr, "DATE");
        let double = match self {
            Self::BigQuery => "FLOAT64",
            Self::DuckDb | Self::Spark => "DOUBLE",
        };
        format!("CAST(EXTRACT(YEAR FROM {date}) AS {double})")
    }

    /// Days from the date `expr` to the date literal `reference`.
    fn days_before(self, expr: &str, reference: &str) -> String {
        let date = self.try_cast(expr, "DATE");
        match self {
            Self::DuckDb => format!("CAST(date_diff('day', {date}, DATE '{reference}') AS DOUBLE)"),
            Self::Spark => format!("CAST(datediff(DATE '{reference}', {date}) AS DOUBLE)"),
            Self::BigQuery => {
                format!("CAST(DATE_DIFF(DATE '{reference}', {date}, DAY) AS FLOAT64)")
            }
        }
    }
}

/// A number literal that every dialect reads as a double and that round-trips exactly
/// (scientific notation: DuckDB reads `0.25` as a DECIMAL, `2.5e-1` as a DOUBLE).
fn num(x: f64) -> String {
    format!("{x:e}")
}

#[derive(Debug, PartialEq)]
pub enum SqlError {
    Nothing,
    MissingColumn(String),
    NoSegments,
}

impl std::fmt::Display for SqlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::{i18n::t, tf};
        let text = match self {
            Self::Nothing => t(
                "nothing to score: give a model, a segmentation, or both",
                "tidak ada yang diberi skor: berikan model, segmentasi, atau keduanya",
            )
            .to_string(),
            Self::MissingColumn(column) => tf!(
                "the query needs column {column}, which the data does not have",
                "kueri memerlukan kolom {column}, yang tidak ada di data"
            ),
            Self::NoSegments => t(
                "the segmentation has no segments",
                "segmentasi tidak memiliki segmen",
            )
            .to_string(),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for SqlError {}

/// How the query reads a loaded column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SqlType {
    Number,
    /// Yes/no tokens (or 0/1); shown as these labels where a category is expected.
    Boolean {
        true_label: String,
        false_label: String,
    },
    Date,
    Text,
}

/// A loaded column of the table the query runs on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceColumn {
    pub name: String,
    #[serde(flatten)]
    pub kind: SqlType,
}

/// A derived column and how to compute it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Derivation {
    pub name: String,
    pub recipe: Recipe,
}

/// What the query needs to know about the data: its columns, the derived ones in order, and
/// the money scale of the schema (the Indonesian variant stores amounts ×1000).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub columns: Vec<SourceColumn>,
    pub derived: Vec<Derivation>,
    pub money_scale: f64,
}

impl Source {
    /// The loaded table's columns (those before the derived ones) and the derivation.
    pub fn of(derived: &Derived) -> Self {
        let loaded = derived.table.columns.len() - derived.features.len();
        let columns = derived.table.columns[..loaded]
            .iter()
            .map(|c| SourceColumn {
                name: c.name.clone(),
                kind: match (&*c.data, c.kind) {
                    (ColumnData::Numeric { .. }, ColumnType::Date) => SqlType::Date,
                    (ColumnData::Numeric { .. }, ColumnType::Boolean) => {
                        match &c.inference.bool_labels {
                            Some(l) => SqlType::Boolean {
                                true_label: l.true_label.clone(),
                                false_label: l.false_label.clone(),
                            },
                            None => SqlType::Number,
                        }
                    }
                    (ColumnData::Numeric { .. }, _) => SqlType::Number,
                    _ => SqlType::Text,
                },
            })
            .collect();
        let derived_list = derived
            .features
            .iter()
            .filter_map(|f| {
                Some(Derivation {
                    name: f.name.clone(),
                    recipe: f.recipe.clone()?,
                })
            })
            .collect();
        Self {
            columns,
            derived: derived_list,
            money_scale: if derived.schema.money_scale > 0.0 {
                derived.schema.money_scale
            } else {
                1.0
            },
        }
    }
}

/// What to write a query for.
pub struct Query<'a> {
    /// The table (or view) the query reads, as written after FROM (not quoted: it may be
    /// `project.dataset.table`).
    pub table: &'a str,
    pub source: &'a Source,
    pub model: Option<&'a ModelFile>,
    /// The segmentation and the segments' names (index = segment).
    pub segments: Option<(&'a SegmentModel, &'a [String])>,
}

/// The missing-value tokens of the engine's ingest, upper-cased (`ingest::values`).
const MISSING: [&str; 8] = ["", "NA", "N/A", "NULL", "NAN", "-", "NONE", "#N/A"];
const TRUE_TOKENS: [&str; 7] = ["yes", "true", "y", "ya", "t", "1", "1.0"];
const FALSE_TOKENS: [&str; 7] = ["no", "false", "n", "tidak", "f", "0", "0.0"];

/// How a column is read in an expression.
enum Value {
    /// A number (DOUBLE).
    Number(String),
    /// Text (NULL when missing).
    Text(String),
}

struct Writer<'a> {
    d: Dialect,
    source: &'a Source,
    /// The loaded columns as the engine reads them, computed once in the first step of the
    /// query: (key, column name in the query, expression).
    inputs: RefCell<Vec<(String, String, String)>>,
}

impl Writer<'_> {
    /// A named input column for `expr` (one per key), so the later steps stay readable.
    fn input_column(&self, key: String, expr: String) -> String {
        let mut inputs = self.inputs.borrow_mut();
        if let Some((_, name, _)) = inputs.iter().find(|(k, _, _)| *k == key) {
            return name.clone();
        }
        let name = format!("klaster_in{}", inputs.len() + 1);
        inputs.push((key, name.clone(), expr));
        name
    }

    fn list(&self, items: &[&str]) -> String {
        items
            .iter()
            .map(|t| self.d.string(t))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Column `name` as the engine holds it: a number, or text for categories.
    fn value(&self, name: &str) -> Result<Value, SqlError> {
        let id = self.d.ident(name);
        if let Some(dv) = self.source.derived.iter().find(|d| d.name == name) {
            return Ok(match dv.recipe {
                Recipe::Bands { .. } => Value::Text(id),
                _ => Value::Number(id),
            });
        }
        let column = self
            .source
            .columns
            .iter()
            .find(|c| c.name == name)
            .ok_or_else(|| SqlError::MissingColumn(name.to_string()))?;
        let text = self.cell_text(name);
        Ok(match &column.kind {
            SqlType::Number => Value::Number(self.input_column(
                format!("number {name}"),
                self.d.try_cast(&id, self.d.double()),
            )),
            SqlType::Boolean { .. } => {
                Value::Number(self.input_column(format!("number {name}"), self.boolean(&text)))
            }
            SqlType::Date => Value::Text(id),
            SqlType::Text => Value::Text(self.input_column(
                format!("text {name}"),
                format!(
                    "CASE WHEN UPPER({text}) IN ({}) THEN NULL ELSE {text} END",
                    self.list(&MISSING)
                ),
            )),
        })
    }

    /// The cell of loaded column `name` as trimmed text, whatever type the table gives it.
    fn cell_text(&self, name: &str) -> String {
        format!(
            "TRIM(CAST({} AS {}))",
            self.d.ident(name),
            self.d.text_type()
        )
    }

    /// 1 for a yes token, 0 for a no token (as `ingest::values::parse_bool`, plus 0/1).
    fn boolean(&self, text: &str) -> String {
        format!(
            "CASE WHEN LOWER({text}) IN ({}) THEN 1e0 WHEN LOWER({text}) IN ({}) THEN 0e0 END",
            self.list(&TRUE_TOKENS),
            self.list(&FALSE_TOKENS)
        )
    }

    /// Column `name` as a number (NULL when it is not one).
    fn number(&self, name: &str) -> Result<String, SqlError> {
        Ok(match self.value(name)? {
            Value::Number(e) => e,
            Value::Text(e) => self.d.try_cast(&e, self.d.double()),
        })
    }

    /// An input of a derivation: a number, NULL for the sentinel code.
    fn input(&self, input: &Input) -> Result<String, SqlError> {
        let e = self.number(&input.column)?;
        Ok(match input.sentinel {
            Some(s) => format!("NULLIF({e}, {})", num(s)),
            None => e,
        })
    }

    /// Column `name` compared with category labels: the expression and a function from a
    /// label to its literal (`None`: the label cannot occur in this column).
    fn category(&self, name: &str) -> Result<(String, Category), SqlError> {
        // Derived yes/no columns (Contacted_Before, Previous_Success) read "yes"/"no".
        if let Some(Derivation {
            recipe: Recipe::Contacted { .. } | Recipe::Equals { .. },
            ..
        }) = self.source.derived.iter().find(|d| d.name == name)
        {
            let e = format!(
                "CASE {} WHEN 1e0 THEN 'yes' WHEN 0e0 THEN 'no' END",
                self.d.ident(name)
            );
            return Ok((e, Category::Text));
        }
        if let Some(SourceColumn {
            kind:
                SqlType::Boolean {
                    true_label,
                    false_label,
                },
            ..
        }) = self.source.columns.iter().find(|c| c.name == name)
        {
            // From the cell itself: an input column cannot use another in the same step.
            let n = self.boolean(&self.cell_text(name));
            let e = format!(
                "CASE {n} WHEN 1e0 THEN {} WHEN 0e0 THEN {} END",
                self.d.string(true_label),
                self.d.string(false_label)
            );
            return Ok((
                self.input_column(format!("label {name}"), e),
                Category::Text,
            ));
        }
        Ok(match self.value(name)? {
            Value::Number(e) => (e, Category::Number),
            Value::Text(e) => (e, Category::Text),
        })
    }

    fn label(&self, kind: &Category, label: &str) -> Option<String> {
        match kind {
            Category::Text => Some(self.d.string(label)),
            Category::Number => label.trim().parse::<f64>().ok().map(num),
        }
    }

    fn derivation(&self, recipe: &Recipe) -> Result<String, SqlError> {
        Ok(match recipe {
            Recipe::YearsBefore { column, year } => {
                format!("{} - {}", num(*year), self.input(column)?)
            }
            Recipe::DaysBefore { column, reference } => {
                let e = match self.value(column)? {
                    Value::Text(e) | Value::Number(e) => e,
                };
                self.d.days_before(&e, &format_days(*reference))
            }
            Recipe::YearsBeforeDate { column, year } => {
                let e = match self.value(column)? {
                    Value::Text(e) | Value::Number(e) => e,
                };
                format!("{} - {}", num(*year), self.d.year_of(&e))
            }
            Recipe::Sum { parts } => {
                let parts = parts
                    .iter()
                    .map(|p| self.input(p))
                    .collect::<Result<Vec<_>, _>>()?;
                format!("({})", parts.join(" + "))
            }
            Recipe::Ratio {
                numerator,
                denominator,
            } => {
                let (n, d) = (self.input(numerator)?, self.input(denominator)?);
                format!("CASE WHEN {d} = 0e0 THEN NULL ELSE {n} / {d} END")
            }
            Recipe::Bands {
                column,
                bounds,
                labels,
            } => {
                let v = self.input(column)?;
                let mut e = format!("CASE WHEN {v} IS NULL THEN NULL");
                for (b, l) in bounds.iter().zip(labels) {
                    let _ = write!(e, " WHEN {v} < {} THEN {}", num(*b), self.d.string(l));
                }
                if let Some(last) = labels.get(bounds.len()) {
                    let _ = write!(e, " ELSE {}", self.d.string(last));
                }
                e.push_str(" END");
                e
            }
            Recipe::Contacted { previous, days } => {
                let p = previous.as_ref().map(|p| self.input(p)).transpose()?;
                let d = days.as_ref().map(|d| self.input(d)).transpose()?;
                match (p, d) {
                    (Some(p), Some(d)) => {
                        format!("CASE WHEN {p} > 0e0 OR {d} IS NOT NULL THEN 1e0 ELSE 0e0 END")
                    }
                    (Some(p), None) => {
                        format!(
                            "CASE WHEN {p} IS NULL THEN NULL WHEN {p} > 0e0 THEN 1e0 ELSE 0e0 END"
                        )
                    }
                    (None, Some(d)) => format!("CASE WHEN {d} IS NOT NULL THEN 1e0 ELSE 0e0 END"),
                    (None, None) => "CAST(NULL AS DOUBLE)".to_string(),
                }
            }
            Recipe::Equals { column, value } => {
                let (t, _) = self.category(column)?;
                format!(
                    "CASE WHEN {t} IS NULL THEN NULL WHEN LOWER({t}) = {} THEN 1e0 ELSE 0e0 END",
                    self.d.string(&value.to_ascii_lowercase())
                )
            }
        })
    }

    /// The model's log-odds, as `ModelFile::score` computes it.
    fn logit(&self, model: &ModelFile) -> Result<String, SqlError> {
        let mut terms = vec![num(model.intercept)];
        for f in &model.features {
            match f {
                ModelFeature::Numeric {
                    column,
                    money,
                    median,
                    mean,
                    std,
                    coef,
                } => {
                    let mut v = self.number(column)?;
                    if *money && self.source.money_scale != 1.0 {
                        v = format!("({v} / {})", num(self.source.money_scale));
                    }
                    let centred = format!("(COALESCE({v}, {}) - {})", num(*median), num(*mean));
                    let z = if *std > 0.0 {
                        format!("{centred} / {}", num(*std))
                    } else {
                        centred
                    };
                    terms.push(format!("{} * ({z})", num(*coef)));
                }
                ModelFeature::Categorical {
                    column,
                    levels,
                    aliases,
                } => {
                    let (t, kind) = self.category(column)?;
                    let mut e = format!("CASE {t}");
                    let mut any = false;
                    for level in levels {
                        let spellings = std::iter::once(level.label.as_str()).chain(
                            aliases
                                .iter()
                                .filter(|(_, to)| **to == level.label)
                                .map(|(from, _)| from.as_str()),
                        );
                        for s in spellings {
                            if let Some(lit) = self.label(&kind, s) {
                                let _ = write!(e, " WHEN {lit} THEN {}", num(level.coef));
                                any = true;
                            }
                        }
                    }
                    e.push_str(" ELSE 0e0 END");
                    if any {
                        terms.push(e);
                    }
                }
            }
        }
        Ok(terms.join("\n      + "))
    }

    /// Per transform of the segmentation: scaled numbers (one per one-hot column) or category
    /// codes compared with the modes.
    fn scaled(&self, model: &SegmentModel) -> Result<Scaled, SqlError> {
        let mut numeric = Vec::new();
        let mut codes = Vec::new();
        for t in &model.transforms {
            match t {
                Transform::Numeric {
                    column,
                    log,
                    shift,
                    scale,
                    ..
                } => {
                    let v = self.number(column)?;
                    let f = if *log {
                        format!("CASE WHEN {v} > -1e0 THEN LN(1e0 + {v}) END")
                    } else {
                        v
                    };
                    numeric.push(format!("({f} - {}) / {}", num(*shift), num(*scale)));
                }
                Transform::OneHot { column, categories } => {
                    let (t, kind) = self.category(column)?;
                    let known: Vec<String> = categories
                        .iter()
                        .filter_map(|c| self.label(&kind, c))
                        .collect();
                    for c in categories {
                        let hit = self
                            .label(&kind, c)
                            .map(|l| format!("WHEN {t} = {l} THEN 1e0 "))
                            .unwrap_or_default();
                        numeric.push(format!(
                            "CASE {hit}WHEN {t} IN ({}) THEN 0e0 END",
                            known.join(", ")
                        ));
                    }
                }
                Transform::Codes { column, categories } => {
                    let (t, kind) = self.category(column)?;
                    let literals: Vec<Option<String>> =
                        categories.iter().map(|c| self.label(&kind, c)).collect();
                    codes.push((t, literals));
                }
            }
        }
        Ok(Scaled { numeric, codes })
    }
}

enum Category {
    Text,
    Number,
}

struct Scaled {
    numeric: Vec<String>,
    /// Per categorical feature: the expression and the literal of each category code.
    codes: Vec<(String, Vec<Option<String>>)>,
}

/// The query, with a header saying what it computes and what it expects.
pub fn scoring_sql(q: &Query, dialect: Dialect) -> Result<String, SqlError> {
    if q.model.is_none() && q.segments.is_none() {
        return Err(SqlError::Nothing);
    }
    let w = Writer {
        d: dialect,
        source: q.source,
        inputs: RefCell::new(Vec::new()),
    };
    let id = |n: &str| dialect.ident(n);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "-- Klaster warehouse scoring ({}), written by klaster {}.",
        dialect.label(),
        env!("CARGO_PKG_VERSION")
    );
    if let Some(m) = q.model {
        let _ = writeln!(
            out,
            "-- Model: {} ({}); klaster_score = probability that the customer {}.",
            m.name.en.replace('\n', " "),
            m.id.replace('\n', " "),
            m.target.meaning.en.replace('\n', " ")
        );
    }
    if let Some((s, names)) = q.segments {
        let k = s.k();
        let _ = writeln!(
            out,
            "-- Segments: {k} ({}); klaster_segment = 1..{k} (NULL when a feature is missing).",
            names
                .iter()
                .map(|n| n.replace('\n', " "))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    out.push_str(
        "-- Expects numbers as numbers, dates as DATE, categories as text, as the file had them.\n",
    );

    let mut ctes = Vec::new();
    let mut last = "k_input".to_string();
    for (i, dv) in q.source.derived.iter().enumerate() {
        let name = format!("k_derive{}", i + 1);
        ctes.push(format!(
            "{name} AS (\n  SELECT *, {} AS {}\n  FROM {last}\n)",
            w.derivation(&dv.recipe)?,
            id(&dv.name)
        ));
        last = name;
    }

    let mut results = Vec::new();
    let mut computed = Vec::new();
    if let Some(m) = q.model {
        computed.push(format!("    {} AS klaster_logit", w.logit(m)?));
        results.push(
            "CASE WHEN klaster_logit >= 0e0 THEN 1e0 / (1e0 + EXP(-klaster_logit))\n         \
             ELSE EXP(klaster_logit) / (1e0 + EXP(klaster_logit)) END AS klaster_score"
                .to_string(),
        );
    }
    let mut segment_ctes = Vec::new();
    if let Some((s, names)) = q.segments {
        let scaled = w.scaled(s)?;
        let dims = scaled.numeric.len();
        let nc = scaled.codes.len();
        let k = s.k();
        if k == 0 || s.centroids.len() != k * dims || s.modes.len() != k * nc {
            return Err(SqlError::NoSegments);
        }
        for (j, e) in scaled.numeric.iter().enumerate() {
            computed.push(format!("    {e} AS klaster_z{}", j + 1));
        }
        for (j, (e, _)) in scaled.codes.iter().enumerate() {
            computed.push(format!("    {e} AS klaster_c{}", j + 1));
        }
        let gamma = s.gamma.unwrap_or(0.0);
        let mut distances = Vec::new();
        for c in 0..k {
            let mut terms: Vec<String> = (0..dims)
                .map(|j| {
                    let diff = format!("(klaster_z{} - {})", j + 1, num(s.centroids[c * dims + j]));
                    format!("{diff} * {diff}")
                })
                .collect();
            for (j, (_, literals)) in scaled.codes.iter().enumerate() {
                let mode = literals
                    .get(s.modes[c * nc + j] as usize)
                    .cloned()
                    .flatten();
                let known: Vec<&str> = literals.iter().flatten().map(String::as_str).collect();
                let z = format!("klaster_c{}", j + 1);
                // A category the segmentation never saw leaves the row without a segment.
                let mismatch = match mode {
                    Some(m) => format!(
                        "CASE WHEN {z} = {m} THEN 0e0 WHEN {z} IN ({}) THEN 1e0 END",
                        known.join(", ")
                    ),
                    None => format!("CASE WHEN {z} IN ({}) THEN 1e0 END", known.join(", ")),
                };
                terms.push(format!("{} * {mismatch}", num(gamma)));
            }
            distances.push(format!("    {} AS klaster_d{}", terms.join(" + "), c + 1));
        }
        // The nearest segment, the lowest number on ties (as the engine).
        let mut argmin = "CASE WHEN klaster_d1 IS NULL THEN NULL".to_string();
        for c in 0..k.saturating_sub(1) {
            let conds: Vec<String> = (c + 1..k)
                .map(|o| format!("klaster_d{} <= klaster_d{}", c + 1, o + 1))
                .collect();
            let _ = write!(
                argmin,
                "\n         WHEN {} THEN {}",
                conds.join(" AND "),
                c + 1
            );
        }
        let _ = write!(argmin, "\n         ELSE {} END", k);
        segment_ctes.push(format!(
            "k_distance AS (\n  SELECT *,\n{}\n  FROM k_scaled\n)",
            distances.join(",\n")
        ));
        segment_ctes.push(format!(
            "k_segment AS (\n  SELECT *,\n    {argmin} AS klaster_segment\n  FROM k_distance\n)"
        ));
        results.push("klaster_segment".to_string());
        let mut name = "CASE klaster_segment".to_string();
        for c in 0..k {
            let label = names
                .get(c)
                .filter(|n| !n.trim().is_empty())
                .cloned()
                .unwrap_or_else(|| format!("segment {}", c + 1));
            let _ = write!(name, " WHEN {} THEN {}", c + 1, dialect.string(&label));
        }
        name.push_str(" END AS klaster_segment_name");
        results.push(name);
    }
    ctes.push(format!(
        "k_scaled AS (\n  SELECT *,\n{}\n  FROM {last}\n)",
        computed.join(",\n")
    ));
    // The inputs are known once every step is written; they come first.
    let inputs: Vec<String> = w
        .inputs
        .borrow()
        .iter()
        .map(|(_, name, expr)| format!(",\n    {expr} AS {name}"))
        .collect();
    ctes.insert(
        0,
        format!(
            "k_input AS (\n  SELECT *{}\n  FROM {}\n)",
            inputs.concat(),
            q.table
        ),
    );
    ctes.extend(segment_ctes);
    let from = if q.segments.is_some() {
        "k_segment"
    } else {
        "k_scaled"
    };
    let columns: Vec<String> = q
        .source
        .columns
        .iter()
        .map(|c| id(&c.name))
        .chain(q.source.derived.iter().map(|d| id(&d.name)))
        .chain(results)
        .collect();
    let _ = write!(
        out,
        "WITH\n{}\nSELECT\n  {}\nFROM {from};\n",
        ctes.join(",\n"),
        columns.join(",\n  ")
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_and_identifiers_escape() {
        assert_eq!(Dialect::DuckDb.ident("a\"b"), "\"a\"\"b\"");
        assert_eq!(Dialect::Spark.ident("a`b"), "`a``b`");
        assert_eq!(Dialect::BigQuery.ident("a`b"), "`a\\`b`");
        assert_eq!(Dialect::DuckDb.string("it's"), "'it''s'");
        assert_eq!(Dialect::Spark.string("it's \\"), "'it\\'s \\\\'");
        assert_eq!(Dialect::BigQuery.string("a\nb"), "'a\\nb'");
        for x in [0.1, -2.5e-300, 1e300, 0.0, 123_456_789.123_456_78] {
            assert_eq!(num(x).parse::<f64>().unwrap(), x);
            assert!(num(x).contains('e'));
        }
    }

    #[test]
    fn dialect_ids_round_trip() {
        for d in Dialect::ALL {
            assert_eq!(Dialect::from_id(d.id()), Some(d));
        }
        assert_eq!(Dialect::from_id("oracle"), None);
    }
}
