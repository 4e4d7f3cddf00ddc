//! Response models: a versioned logistic-regression model file ([`ModelFile`]) that carries
//! its own feature spec (imputation, scaling, one-hot levels, category aliases), coefficients,
//! held-out metrics and limits; scoring and per-row explanations ([`ModelFile::score`],
//! [`ModelFile::explain`]); training with a stratified holdout and cross-validated
//! regularisation ([`train`]); and the two models shipped with the app ([`shipped`]).
//!
//! Scoring works on the derived table of the Prepare step (Age, Total_Spent … are features of
//! the customer model), never on the cleaned one: every uploaded row gets a score, missing
//! values take the training median as the model file says.

pub mod logistic;
pub mod metrics;
pub mod shipped;
pub mod train;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::features::Cleaned;
use crate::format;
use crate::i18n::{t, L10n, Lang};
use crate::schema::{Schema, SchemaKind};
use crate::table::{Column, ColumnData, Table};
use crate::tf;

pub use logistic::{sigmoid, Sparse};
pub use metrics::{CalibrationBin, Confusion, Metrics};
pub use train::{train, TrainParams};

/// The `format` field of every model file.
pub const FORMAT: &str = "klaster-logistic";
/// The model-file version this build reads and writes.
pub const VERSION: u32 = 1;

#[derive(Debug, PartialEq)]
pub enum ModelError {
    NotAModel(L10n<String>),
    Version {
        found: u32,
    },
    MissingColumns(Vec<String>),
    /// `expected` is "a number".
    WrongType {
        column: String,
        expected: &'static str,
    },
    NoTarget(String),
    TargetNotBinary {
        column: String,
        distinct: usize,
    },
    Fit(logistic::FitError),
    TooFewRows {
        rows: usize,
        positives: usize,
    },
    NoFeatures,
    /// Why, in both languages.
    Invalid(L10n<String>),
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Self::NotAModel(why) => tf!(
                "this is not a Klaster model file ({why})",
                "ini bukan berkas model Klaster ({why})"
            ),
            Self::Version { found } => tf!(
                "model file version {found} is newer than this app understands (up to {VERSION})",
                "versi berkas model {found} lebih baru daripada yang dipahami aplikasi ini (hingga {VERSION})"
            ),
            Self::MissingColumns(columns) => {
                let list = columns.join(", ");
                tf!(
                    "the model needs columns this table does not have: {list}",
                    "model memerlukan kolom yang tidak ada di tabel ini: {list}"
                )
            }
            Self::WrongType { column, expected } => {
                let expected = match *expected {
                    "a number" => t("a number", "angka"),
                    other => other,
                };
                tf!(
                    "column {column} must be {expected} for this model",
                    "kolom {column} harus berupa {expected} untuk model ini"
                )
            }
            Self::NoTarget(column) => tf!(
                "the target column {column} is not in the table",
                "kolom target {column} tidak ada di tabel"
            ),
            Self::TargetNotBinary { column, distinct } => tf!(
                "the target column {column} must have exactly two values (it has {distinct})",
                "kolom target {column} harus memiliki tepat dua nilai (kolom ini memiliki {distinct})"
            ),
            Self::Fit(e) => e.to_string(),
            Self::TooFewRows { rows, positives } => tf!(
                "too few rows to train and test a model: {rows} rows with {positives} positives (at least 20 rows and 5 of each outcome are needed)",
                "baris terlalu sedikit untuk melatih dan menguji model: {rows} baris dengan {positives} positif (diperlukan minimal 20 baris dan 5 dari setiap hasil)"
            ),
            Self::NoFeatures => t("choose at least one feature", "pilih minimal satu fitur").to_string(),
            Self::Invalid(why) => why.get().clone(),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ModelError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Fit(e) => Some(e),
            _ => None,
        }
    }
}

impl From<logistic::FitError> for ModelError {
    fn from(e: logistic::FitError) -> Self {
        Self::Fit(e)
    }
}

/// One input of the model, with everything needed to turn a cell into the model's number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ModelFeature {
    Numeric {
        column: String,
        /// Money, in original units: divided by the schema's money scale before use (the
        /// Indonesian variant stores amounts ×1000).
        #[serde(default)]
        money: bool,
        /// Used for missing cells (the training median).
        median: f64,
        mean: f64,
        /// Population standard deviation on the training rows (0 → the value is only centred).
        std: f64,
        coef: f64,
    },
    Categorical {
        column: String,
        levels: Vec<Level>,
        /// Other spellings of the levels (Indonesian variant: "S1" → "Graduation").
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        aliases: BTreeMap<String, String>,
    },
}

/// One level of a one-hot encoded category. A level the model never saw, or a missing cell,
/// contributes nothing (all indicators zero, as scikit-learn's `handle_unknown="ignore"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Level {
    pub label: String,
    pub coef: f64,
    /// Share of training rows at this level: the "average customer" of the explanations.
    pub share: f64,
}

impl ModelFeature {
    pub fn column(&self) -> &str {
        match self {
            Self::Numeric { column, .. } | Self::Categorical { column, .. } => column,
        }
    }

    /// Design columns this feature occupies.
    pub fn width(&self) -> usize {
        match self {
            Self::Numeric { .. } => 1,
            Self::Categorical { levels, .. } => levels.len(),
        }
    }

    /// The feature's mean contribution over the training rows (0 for a standardised number).
    fn baseline(&self) -> f64 {
        match self {
            Self::Numeric { .. } => 0.0,
            Self::Categorical { levels, .. } => levels.iter().map(|l| l.share * l.coef).sum(),
        }
    }
}

/// What the target column is and what a positive means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetSpec {
    pub column: String,
    /// How a positive is written in the training file ("yes", "1").
    pub positive: String,
    /// What a positive means, for sentences ("subscribed a term deposit").
    pub meaning: L10n<String>,
}

/// One value of the cross-validated regularisation search.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CvPoint {
    pub c: f64,
    /// Mean ROC AUC over the folds.
    pub auc: f64,
    /// Mean log-loss of the out-of-fold predictions (the selection criterion).
    #[serde(default)]
    pub log_loss: f64,
}

/// How and on what the model was trained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingInfo {
    /// File name the model was trained on.
    pub file: String,
    /// SHA-256 of the training file (the native trainer fills it in).
    #[serde(default)]
    pub sha256: Option<String>,
    /// The period the data covers, in words.
    #[serde(default)]
    pub period: Option<L10n<String>>,
    /// Rows in the file, and rows used (after cleaning and dropping rows without a label).
    pub rows: usize,
    pub rows_used: usize,
    pub train_rows: usize,
    pub test_rows: usize,
    pub train_positives: usize,
    pub test_positives: usize,
    pub seed: u64,
    pub test_share: f64,
    pub folds: usize,
    pub cv: Vec<CvPoint>,
    /// The chosen inverse regularisation strength (scikit-learn's `C`).
    pub c: f64,
    /// Newton iterations of the final fit.
    pub iterations: usize,
    /// Cleaning applied before training, in words.
    #[serde(default)]
    pub cleaning: L10n<Vec<String>>,
    /// "klaster 0.1.0".
    pub trained_with: String,
}

impl TrainingInfo {
    /// Records the training file and what the cleaning did before training (the rules that
    /// removed or filled in rows).
    pub fn record_cleaning(&mut self, file: &str, cleaned: &Cleaned) {
        self.file = file.to_string();
        self.rows = cleaned.rows_before;
        self.cleaning = L10n::build(|| {
            cleaned
                .rules
                .iter()
                .filter(|r| r.enabled && (r.rows > 0 || r.imputed > 0))
                .map(|r| tf!("{}: {} rows", "{}: {} baris", r.label, r.rows))
                .collect()
        });
    }
}

/// A column left out of the model and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Excluded {
    pub column: String,
    pub reason: L10n<String>,
}

/// A trained logistic model with its card: everything needed to score, explain and judge it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelFile {
    pub format: String,
    pub version: u32,
    /// Short identifier ("bank", "personality", or one made up for a user's model).
    pub id: String,
    pub name: L10n<String>,
    pub description: L10n<String>,
    pub target: TargetSpec,
    /// The datasets this model is meant for (used to offer it automatically).
    #[serde(default)]
    pub schemas: Vec<SchemaKind>,
    pub features: Vec<ModelFeature>,
    pub intercept: f64,
    /// The operating point for the confusion matrix: the F1-maximising threshold on
    /// out-of-fold predictions of the training rows.
    pub threshold: f64,
    pub training: TrainingInfo,
    /// On the held-out test rows.
    pub metrics: Metrics,
    #[serde(default)]
    pub excluded: Vec<Excluded>,
    #[serde(default)]
    pub limits: L10n<Vec<String>>,
}

/// Per-row scores and what had to be filled in to compute them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    /// Response probability of every row.
    pub scores: Vec<f64>,
    /// Per feature (model order): cells that were missing and took the training median.
    pub imputed: Vec<usize>,
    /// Per feature: cells with a category the model never saw (or missing), scored as zero.
    pub unseen: Vec<usize>,
}

/// One feature's part in a row's score, relative to the average training customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    pub feature: String,
    /// The row's value as written ("success", "12,500").
    pub value: L10n<String>,
    /// Contribution to the log-odds (coefficient × scaled value, centred).
    pub effect: f64,
    /// The sentence: "poutcome success raises the odds ×6.2".
    pub text: L10n<String>,
}

/// The columns a model reads, resolved against one table.
struct Bound<'a> {
    columns: Vec<&'a Column>,
    money_scale: f64,
    /// Per categorical feature: table dictionary code → level index (None = unseen).
    codes: Vec<Vec<Option<usize>>>,
}

impl ModelFile {
    /// Parses and validates a model file (JSON).
    pub fn from_json(text: &str) -> Result<Self, ModelError> {
        use crate::file_format::{read, HeaderError};
        let model: Self = read(text, FORMAT, VERSION).map_err(|e| match e {
            HeaderError::Parse(message) => ModelError::NotAModel(L10n::same(message)),
            HeaderError::Format => ModelError::NotAModel(L10n::build(|| {
                tf!(
                    "its \"format\" is not \"{FORMAT}\"",
                    "\"format\"-nya bukan \"{FORMAT}\""
                )
            })),
            HeaderError::Newer(found) => ModelError::Version { found },
        })?;
        model.validate()?;
        Ok(shipped::with_card(model))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    fn validate(&self) -> Result<(), ModelError> {
        if self.features.is_empty() {
            return Err(ModelError::NoFeatures);
        }
        let finite = |v: f64| v.is_finite();
        let ok = finite(self.intercept)
            && self.features.iter().all(|f| match f {
                ModelFeature::Numeric {
                    median,
                    mean,
                    std,
                    coef,
                    ..
                } => {
                    finite(*median) && finite(*mean) && finite(*std) && *std >= 0.0 && finite(*coef)
                }
                ModelFeature::Categorical { levels, .. } => {
                    levels.iter().all(|l| finite(l.coef) && finite(l.share))
                }
            });
        if ok {
            Ok(())
        } else {
            Err(ModelError::Invalid(L10n::build(|| {
                t(
                    "the model file holds a number that is not finite",
                    "berkas model berisi angka yang tidak hingga",
                )
                .to_string()
            })))
        }
    }

    /// Number of design columns.
    pub fn dims(&self) -> usize {
        self.features.iter().map(ModelFeature::width).sum()
    }

    /// Feature columns the table lacks (empty = the model can score it).
    pub fn missing_columns(&self, table: &Table) -> Vec<String> {
        self.features
            .iter()
            .map(ModelFeature::column)
            .filter(|c| table.column(c).is_none())
            .map(str::to_string)
            .collect()
    }

    fn bind<'a>(&self, table: &'a Table, schema: &Schema) -> Result<Bound<'a>, ModelError> {
        let missing = self.missing_columns(table);
        if !missing.is_empty() {
            return Err(ModelError::MissingColumns(missing));
        }
        let mut columns = Vec::with_capacity(self.features.len());
        let mut codes = Vec::new();
        for f in &self.features {
            let Some(col) = table.column(f.column()) else {
                return Err(ModelError::MissingColumns(vec![f.column().to_string()]));
            };
            match (f, &*col.data) {
                (ModelFeature::Numeric { column, .. }, data) => {
                    if !matches!(data, ColumnData::Numeric { .. }) {
                        return Err(ModelError::WrongType {
                            column: column.clone(),
                            expected: "a number",
                        });
                    }
                }
                (
                    ModelFeature::Categorical {
                        levels, aliases, ..
                    },
                    data,
                ) => {
                    // A category written as numbers (0/1 flags, codes) or text has no
                    // dictionary: its cells are matched by their text when encoded.
                    let dictionary: &[String] = match data {
                        ColumnData::Categorical { dictionary, .. } => dictionary,
                        ColumnData::Numeric { .. } | ColumnData::Text { .. } => &[],
                    };
                    let lookup = |label: &str| {
                        let label = aliases.get(label).map(String::as_str).unwrap_or(label);
                        levels.iter().position(|l| l.label == label)
                    };
                    codes.push(dictionary.iter().map(|d| lookup(d)).collect());
                }
            }
            columns.push(col);
        }
        Ok(Bound {
            columns,
            money_scale: if schema.money_scale > 0.0 {
                schema.money_scale
            } else {
                1.0
            },
            codes,
        })
    }

    /// The encoded row `r`: (design column, value) pairs, and per feature whether a value was
    /// imputed / unseen.
    fn encode_row(
        &self,
        bound: &Bound<'_>,
        r: usize,
        out: &mut Vec<(usize, f64)>,
        flags: &mut [(bool, bool)],
    ) {
        out.clear();
        let mut offset = 0;
        let mut cat = 0;
        for (k, (f, col)) in self.features.iter().zip(&bound.columns).enumerate() {
            flags[k] = (false, false);
            match f {
                ModelFeature::Numeric {
                    money,
                    median,
                    mean,
                    std,
                    ..
                } => {
                    let v = match col.raw_number(r) {
                        Some(v) if *money => v / bound.money_scale,
                        Some(v) => v,
                        None => {
                            flags[k].0 = true;
                            *median
                        }
                    };
                    let z = if *std > 0.0 {
                        (v - mean) / std
                    } else {
                        v - mean
                    };
                    out.push((offset, z));
                }
                ModelFeature::Categorical {
                    levels, aliases, ..
                } => {
                    let level = match &*col.data {
                        ColumnData::Categorical { codes, .. } => codes
                            .get(r)
                            .and_then(|&c| bound.codes[cat].get(c as usize).copied().flatten()),
                        _ => {
                            let text = col.display(r);
                            let text = aliases.get(&text).cloned().unwrap_or(text);
                            levels.iter().position(|l| l.label == text)
                        }
                    };
                    match level {
                        Some(l) => out.push((offset + l, 1.0)),
                        None => flags[k].1 = true,
                    }
                    cat += 1;
                }
            }
            offset += f.width();
        }
    }

    fn coefficients(&self) -> Vec<f64> {
        let mut w = Vec::with_capacity(self.dims());
        for f in &self.features {
            match f {
                ModelFeature::Numeric { coef, .. } => w.push(*coef),
                ModelFeature::Categorical { levels, .. } => w.extend(levels.iter().map(|l| l.coef)),
            }
        }
        w
    }

    /// Response probability of every row of `table` (the derived table of the Prepare step).
    pub fn score(&self, table: &Table, schema: &Schema) -> Result<Scored, ModelError> {
        let bound = self.bind(table, schema)?;
        let w = self.coefficients();
        let n = table.n_rows();
        let mut scores = Vec::with_capacity(n);
        let mut imputed = vec![0; self.features.len()];
        let mut unseen = vec![0; self.features.len()];
        let mut entries = Vec::with_capacity(self.dims());
        let mut flags = vec![(false, false); self.features.len()];
        for r in 0..n {
            self.encode_row(&bound, r, &mut entries, &mut flags);
            let s = self.intercept + entries.iter().map(|&(j, v)| w[j] * v).sum::<f64>();
            scores.push(sigmoid(s));
            for (k, &(i, u)) in flags.iter().enumerate() {
                imputed[k] += usize::from(i);
                unseen[k] += usize::from(u);
            }
        }
        Ok(Scored {
            scores,
            imputed,
            unseen,
        })
    }

    /// The design matrix of `rows` (for training and evaluation).
    pub fn encode(
        &self,
        table: &Table,
        schema: &Schema,
        rows: &[usize],
    ) -> Result<Sparse, ModelError> {
        let bound = self.bind(table, schema)?;
        let mut x = Sparse::new(self.dims());
        let mut entries = Vec::with_capacity(self.dims());
        let mut flags = vec![(false, false); self.features.len()];
        for &r in rows {
            self.encode_row(&bound, r, &mut entries, &mut flags);
            x.push_row(entries.iter().copied());
        }
        Ok(x)
    }

    /// Every feature's contribution to row `r`'s log-odds relative to the average training
    /// customer, largest first. The contributions plus [`ModelFile::baseline`] sum to the
    /// row's log-odds.
    pub fn explain(
        &self,
        table: &Table,
        schema: &Schema,
        r: usize,
    ) -> Result<Vec<Reason>, ModelError> {
        Ok(self
            .explain_rows(table, schema, &[r], usize::MAX)?
            .remove(0))
    }

    /// [`ModelFile::explain`] for many rows (the columns are resolved once), keeping the `top`
    /// largest reasons of each.
    pub fn explain_rows(
        &self,
        table: &Table,
        schema: &Schema,
        rows: &[usize],
        top: usize,
    ) -> Result<Vec<Vec<Reason>>, ModelError> {
        let bound = self.bind(table, schema)?;
        let w = self.coefficients();
        let mut entries = Vec::new();
        let mut flags = vec![(false, false); self.features.len()];
        let mut out = Vec::with_capacity(rows.len());
        for &r in rows {
            self.encode_row(&bound, r, &mut entries, &mut flags);
            let mut effects: Vec<(usize, f64)> = Vec::with_capacity(self.features.len());
            let mut offset = 0;
            for (k, f) in self.features.iter().enumerate() {
                let width = f.width();
                let raw: f64 = entries
                    .iter()
                    .filter(|(j, _)| (offset..offset + width).contains(j))
                    .map(|&(j, v)| w[j] * v)
                    .sum();
                effects.push((k, raw - f.baseline()));
                offset += width;
            }
            effects.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
            effects.truncate(top);
            let reasons = effects
                .into_iter()
                .map(|(k, effect)| {
                    let (f, col) = (&self.features[k], bound.columns[k]);
                    let value = L10n::build(|| match f {
                        ModelFeature::Numeric { money, .. } => match col.raw_number(r) {
                            Some(v) if *money => format::amount(v / bound.money_scale),
                            Some(v) => format::amount(v),
                            None => t("missing", "kosong").to_string(),
                        },
                        ModelFeature::Categorical { .. } => {
                            let v = col.display(r);
                            if v.is_empty() {
                                t("missing", "kosong").to_string()
                            } else if flags[k].1 {
                                tf!(
                                    "{v} (not seen in training)",
                                    "{v} (tidak ada saat pelatihan)"
                                )
                            } else {
                                v
                            }
                        }
                    });
                    Reason {
                        feature: f.column().to_string(),
                        text: L10n {
                            en: reason_text(f, &value.en, effect, Lang::En),
                            id: reason_text(f, &value.id, effect, Lang::Id),
                        },
                        value,
                        effect,
                    }
                })
                .collect();
            out.push(reasons);
        }
        Ok(out)
    }

    /// The table's outcomes for this model's target (`None` per missing cell), when the table
    /// carries the target column with two values.
    pub fn outcomes(&self, table: &Table) -> Option<Vec<Option<bool>>> {
        let column = table.column(&self.target.column)?;
        train::target_labels(column).ok().map(|(labels, _)| labels)
    }

    /// The card's metrics recomputed on `scores` of a table that carries the target (rows
    /// with a missing outcome left out); `None` without the target or with one outcome only.
    pub fn evaluate(&self, table: &Table, scores: &[f64]) -> Option<Metrics> {
        let labels = self.outcomes(table)?;
        let (p, y): (Vec<f64>, Vec<bool>) = labels
            .iter()
            .zip(scores)
            .filter_map(|(l, &p)| l.map(|l| (p, l)))
            .unzip();
        Metrics::compute(&p, &y, self.threshold)
    }

    /// (feature column, count) for the non-zero per-feature counts of a [`Scored`].
    pub fn by_feature(&self, counts: &[usize]) -> Vec<(String, usize)> {
        self.features
            .iter()
            .zip(counts)
            .filter(|(_, &c)| c > 0)
            .map(|(f, &c)| (f.column().to_string(), c))
            .collect()
    }

    /// The log-odds of the average training customer (intercept plus the mean contribution of
    /// every category).
    pub fn baseline(&self) -> f64 {
        self.intercept
            + self
                .features
                .iter()
                .map(ModelFeature::baseline)
                .sum::<f64>()
    }

    /// Odds ratio per design column, for the "which factors decide" chart: for a number, the
    /// change of the odds per one standard deviation; for a level, vs the average customer.
    pub fn odds_ratios(&self) -> Vec<(String, f64)> {
        let mut out = Vec::with_capacity(self.dims());
        for f in &self.features {
            match f {
                ModelFeature::Numeric { column, coef, .. } => {
                    out.push((
                        tf!("{column} (+1 sd)", "{column} (+1 simpangan baku)"),
                        coef.exp(),
                    ));
                }
                ModelFeature::Categorical { column, levels, .. } => {
                    let base = f.baseline();
                    for l in levels {
                        out.push((format!("{column} = {}", l.label), (l.coef - base).exp()));
                    }
                }
            }
        }
        out
    }
}

/// "balance 12,500 raises the odds ×1.3" / "contact unknown lowers the odds ×0.4", in `lang`.
fn reason_text(f: &ModelFeature, value: &str, effect: f64, lang: Lang) -> String {
    crate::i18n::with_lang(lang, || {
        let ratio = effect.exp();
        let verb = if effect >= 0.0 {
            t("raises", "menaikkan")
        } else {
            t("lowers", "menurunkan")
        };
        let shown = if ratio >= 10.0 {
            format!("{ratio:.0}")
        } else {
            crate::format::decimal(format!("{ratio:.2}"))
        };
        match f {
            ModelFeature::Numeric { column, .. } => {
                tf!(
                    "{column} {value} {verb} the odds ×{shown}",
                    "{column} {value} {verb} peluang ×{shown}"
                )
            }
            ModelFeature::Categorical { column, .. } => {
                tf!(
                    "{column} = {value} {verb} the odds ×{shown}",
                    "{column} = {value} {verb} peluang ×{shown}"
                )
            }
        }
    })
}

#[cfg(test)]
mod tests;
