//! Training: a stratified holdout, cross-validated regularisation, a final fit on the training
//! rows and the held-out card.
//!
//! The split and the folds come from a hash of the row position (splitmix64), not from a
//! random-number stream, so that the reference script (`reference/logistic_reference.py`)
//! reproduces the very same split in a few lines of Python.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::logistic::{self, Fit, Sparse};
use super::metrics::{best_f1_threshold, log_loss, roc_auc, Metrics};
use super::{
    CvPoint, Level, ModelError, ModelFeature, ModelFile, TargetSpec, TrainingInfo, FORMAT, VERSION,
};
use crate::features::names as derived;
use crate::i18n::{t, L10n};
use crate::profile::stats::quantile_sorted;
use crate::schema::{Role, Schema};
use crate::table::{Column, ColumnData, ColumnType, Table};
use crate::tf;

/// What to train on and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainParams {
    pub target: String,
    pub numeric: Vec<String>,
    pub categorical: Vec<String>,
    pub seed: u64,
    /// Share of each class held out for the card's metrics.
    pub test_share: f64,
    /// Cross-validation folds on the training rows for choosing C.
    pub folds: usize,
    /// Values of C tried (scikit-learn's inverse regularisation strength).
    pub grid: Vec<f64>,
}

impl TrainParams {
    pub const DEFAULT_GRID: [f64; 11] = [
        0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0,
    ];

    pub fn new(target: &str, numeric: &[&str], categorical: &[&str]) -> Self {
        Self {
            target: target.to_string(),
            numeric: numeric.iter().map(|s| s.to_string()).collect(),
            categorical: categorical.iter().map(|s| s.to_string()).collect(),
            seed: 42,
            test_share: 0.2,
            folds: 5,
            grid: Self::DEFAULT_GRID.to_vec(),
        }
    }

    /// Sensible features for predicting `target` in any table: every number and every
    /// category with at most 30 levels, except identifiers, dates, the target itself, what is
    /// only known afterwards (call duration), campaign constants, and derived columns computed
    /// from the target (Conversion_Rate would leak the answer).
    pub fn defaults_for(table: &Table, schema: &Schema, target: &str) -> Self {
        let mut numeric = Vec::new();
        let mut categorical = Vec::new();
        for (c, r) in table.columns.iter().zip(&schema.roles) {
            if c.name == target || c.inference.distinct < 2 {
                continue;
            }
            if r.known_after_outcome()
                || matches!(
                    r,
                    Role::Id
                        | Role::Target
                        | Role::CostPerContact
                        | Role::RevenuePerResponse
                        | Role::Ignore
                        | Role::JoinDate
                        | Role::BirthYear
                )
                || c.name == derived::CONVERSION
                || c.name == derived::CONVERSION_PURCHASES
                || c.name == derived::AGE_GROUP
                || c.name == derived::INCOME_GROUP
            {
                continue;
            }
            match c.kind {
                ColumnType::Integer | ColumnType::Decimal | ColumnType::Boolean => {
                    numeric.push(c.name.clone())
                }
                ColumnType::Categorical if c.inference.distinct <= 30 => {
                    categorical.push(c.name.clone())
                }
                _ => {}
            }
        }
        let mut p = Self::new(target, &[], &[]);
        p.numeric = numeric;
        p.categorical = categorical;
        p
    }
}

/// splitmix64: a fixed, well-mixed hash of a 64-bit value.
pub fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn key(seed: u64, i: usize) -> u64 {
    splitmix64((seed << 32) ^ i as u64)
}

/// Stratified holdout: per class, rows ordered by (hash, position); the first
/// round(share · class size) are the test rows. Returns (train, test), each ascending.
pub fn split(labels: &[bool], seed: u64, share: f64) -> (Vec<usize>, Vec<usize>) {
    let mut train = Vec::new();
    let mut test = Vec::new();
    for class in [false, true] {
        let mut rows: Vec<usize> = (0..labels.len()).filter(|&i| labels[i] == class).collect();
        rows.sort_by_key(|&i| (key(seed, i), i));
        let take = (share * rows.len() as f64 + 0.5).floor() as usize;
        test.extend_from_slice(&rows[..take.min(rows.len())]);
        train.extend_from_slice(&rows[take.min(rows.len())..]);
    }
    train.sort_unstable();
    test.sort_unstable();
    (train, test)
}

/// Stratified folds of `rows` (positions into `labels`): fold = rank within its class
/// (ordered by a second hash) modulo `folds`.
fn fold_of(rows: &[usize], labels: &[bool], seed: u64, folds: usize) -> Vec<usize> {
    let mut fold = vec![0; rows.len()];
    for class in [false, true] {
        let mut members: Vec<usize> = (0..rows.len())
            .filter(|&k| labels[rows[k]] == class)
            .collect();
        members.sort_by_key(|&k| (key(seed ^ 0x5EED_F01D, rows[k]), rows[k]));
        for (rank, &k) in members.iter().enumerate() {
            fold[k] = rank % folds;
        }
    }
    fold
}

/// The target as booleans (None = missing) and how a positive is written.
pub fn target_labels(column: &Column) -> Result<(Vec<Option<bool>>, String), ModelError> {
    let n = column.data.len();
    match &*column.data {
        ColumnData::Numeric { .. } => {
            let mut distinct: Vec<f64> = (0..n).filter_map(|r| column.raw_number(r)).collect();
            distinct.sort_by(f64::total_cmp);
            distinct.dedup();
            if distinct.len() != 2 {
                return Err(ModelError::TargetNotBinary {
                    column: column.name.clone(),
                    distinct: distinct.len(),
                });
            }
            let hi = distinct[1];
            let label = match (&column.inference.bool_labels, column.kind) {
                (Some(l), ColumnType::Boolean) => l.true_label.clone(),
                _ => crate::table::format_number(hi),
            };
            Ok((
                (0..n)
                    .map(|r| column.raw_number(r).map(|v| v == hi))
                    .collect(),
                label,
            ))
        }
        ColumnData::Categorical { codes, dictionary } => {
            let mut counts = vec![0usize; dictionary.len()];
            for &c in codes {
                if let Some(slot) = counts.get_mut(c as usize) {
                    *slot += 1;
                }
            }
            let used: Vec<usize> = (0..dictionary.len()).filter(|&i| counts[i] > 0).collect();
            if used.len() != 2 {
                return Err(ModelError::TargetNotBinary {
                    column: column.name.clone(),
                    distinct: used.len(),
                });
            }
            let yes = |s: &str| {
                matches!(
                    s.trim().to_lowercase().as_str(),
                    "yes" | "y" | "true" | "1" | "ya" | "positive" | "subscribed"
                )
            };
            // The "yes" level when there is one, else the rarer one.
            let positive = used
                .iter()
                .copied()
                .find(|&i| yes(&dictionary[i]))
                .unwrap_or_else(|| {
                    if counts[used[0]] <= counts[used[1]] {
                        used[0]
                    } else {
                        used[1]
                    }
                });
            Ok((
                codes
                    .iter()
                    .map(|&c| dictionary.get(c as usize).map(|_| c as usize == positive))
                    .collect(),
                dictionary[positive].clone(),
            ))
        }
        ColumnData::Text { .. } => Err(ModelError::TargetNotBinary {
            column: column.name.clone(),
            distinct: column.inference.distinct,
        }),
    }
}

fn is_money(table: &Table, schema: &Schema, name: &str) -> bool {
    name == derived::TOTAL_SPENT
        || table
            .position(name)
            .and_then(|i| schema.roles.get(i))
            .is_some_and(|r| matches!(r, Role::Income | Role::Spend))
}

/// Fits the feature spec (medians, means, standard deviations, levels) on `rows`.
fn fit_features(
    table: &Table,
    schema: &Schema,
    params: &TrainParams,
    rows: &[usize],
) -> Result<Vec<ModelFeature>, ModelError> {
    let scale = if schema.money_scale > 0.0 {
        schema.money_scale
    } else {
        1.0
    };
    let mut features = Vec::new();
    let mut missing = Vec::new();
    for name in &params.numeric {
        let Some(col) = table.column(name) else {
            missing.push(name.clone());
            continue;
        };
        if !matches!(*col.data, ColumnData::Numeric { .. }) {
            return Err(ModelError::WrongType {
                column: name.clone(),
                expected: "a number",
            });
        }
        let money = is_money(table, schema, name);
        let values: Vec<Option<f64>> = rows
            .iter()
            .map(|&r| col.raw_number(r).map(|v| if money { v / scale } else { v }))
            .collect();
        let mut known: Vec<f64> = values.iter().flatten().copied().collect();
        known.sort_by(f64::total_cmp);
        let median = if known.is_empty() {
            0.0
        } else {
            quantile_sorted(&known, 0.5)
        };
        let filled: Vec<f64> = values.iter().map(|v| v.unwrap_or(median)).collect();
        let n = filled.len().max(1) as f64;
        let mean = filled.iter().sum::<f64>() / n;
        let var = filled.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
        features.push(ModelFeature::Numeric {
            column: name.clone(),
            money,
            median,
            mean,
            std: var.sqrt(),
            coef: 0.0,
        });
    }
    for name in &params.categorical {
        let Some(col) = table.column(name) else {
            missing.push(name.clone());
            continue;
        };
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for &r in rows {
            let v = col.display(r);
            if !v.is_empty() {
                *counts.entry(v).or_default() += 1;
            }
        }
        let n = rows.len().max(1) as f64;
        features.push(ModelFeature::Categorical {
            column: name.clone(),
            levels: counts
                .into_iter()
                .map(|(label, c)| Level {
                    label,
                    coef: 0.0,
                    share: c as f64 / n,
                })
                .collect(),
            aliases: BTreeMap::new(),
        });
    }
    if !missing.is_empty() {
        return Err(ModelError::MissingColumns(missing));
    }
    if features.is_empty() {
        return Err(ModelError::NoFeatures);
    }
    Ok(features)
}

/// Writes fitted weights into the feature spec.
fn set_coefficients(features: &mut [ModelFeature], w: &[f64]) {
    let mut j = 0;
    for f in features {
        match f {
            ModelFeature::Numeric { coef, .. } => {
                *coef = w[j];
                j += 1;
            }
            ModelFeature::Categorical { levels, .. } => {
                for l in levels {
                    l.coef = w[j];
                    j += 1;
                }
            }
        }
    }
}

fn predict(x: &Sparse, fit: &Fit) -> Vec<f64> {
    (0..x.rows())
        .map(|i| logistic::sigmoid(x.dot(i, &fit.weights, fit.intercept)))
        .collect()
}

/// Trains a model on `table` (already derived and cleaned) and fills in its held-out card.
/// The caller names it and adds what only it knows (file hash, period, limits).
pub fn train(
    table: &Table,
    schema: &Schema,
    params: &TrainParams,
) -> Result<ModelFile, ModelError> {
    let target = table
        .column(&params.target)
        .ok_or_else(|| ModelError::NoTarget(params.target.clone()))?;
    if params
        .numeric
        .iter()
        .chain(&params.categorical)
        .any(|f| f == &params.target)
    {
        let target = &params.target;
        return Err(ModelError::Invalid(L10n::build(|| {
            tf!(
                "{target} is the target: it cannot also be a feature",
                "{target} adalah target: kolom ini tidak bisa sekaligus menjadi fitur"
            )
        })));
    }
    if !(params.test_share > 0.0 && params.test_share < 1.0) || params.folds < 2 {
        return Err(ModelError::Invalid(L10n::build(|| {
            t(
                "the test share must be between 0 and 1 and there must be at least 2 folds",
                "porsi uji harus antara 0 dan 1 dan harus ada minimal 2 lipatan (fold)",
            )
            .to_string()
        })));
    }
    let mut grid: Vec<f64> = params
        .grid
        .iter()
        .copied()
        .filter(|c| c.is_finite() && *c > 0.0)
        .collect();
    grid.sort_by(f64::total_cmp);
    grid.dedup();
    if grid.is_empty() {
        return Err(ModelError::Invalid(L10n::build(|| {
            t(
                "no valid value of C to try",
                "tidak ada nilai C yang valid untuk dicoba",
            )
            .to_string()
        })));
    }
    let (labels, positive) = target_labels(target)?;
    let used: Vec<usize> = (0..table.n_rows())
        .filter(|&r| labels[r].is_some())
        .collect();
    let y: Vec<bool> = used.iter().map(|&r| labels[r] == Some(true)).collect();
    let positives = y.iter().filter(|&&v| v).count();
    let per_fold = params.folds.max((1.0 / params.test_share).ceil() as usize);
    if used.len() < 20 || positives < per_fold || y.len() - positives < per_fold {
        return Err(ModelError::TooFewRows {
            rows: used.len(),
            positives,
        });
    }
    let (train_pos, test_pos) = split(&y, params.seed, params.test_share);
    let train_rows: Vec<usize> = train_pos.iter().map(|&i| used[i]).collect();
    let test_rows: Vec<usize> = test_pos.iter().map(|&i| used[i]).collect();

    let features = fit_features(table, schema, params, &train_rows)?;
    let mut model = ModelFile {
        format: FORMAT.to_string(),
        version: VERSION,
        id: "custom".to_string(),
        name: L10n::build(|| {
            let target = &params.target;
            tf!("Your model: {target}", "Model Anda: {target}")
        }),
        description: L10n::default(),
        target: TargetSpec {
            column: params.target.clone(),
            positive,
            meaning: L10n::build(|| {
                let target = &params.target;
                tf!("{target} is positive", "{target} bernilai positif")
            }),
        },
        schemas: Vec::new(),
        features,
        intercept: 0.0,
        threshold: 0.5,
        training: TrainingInfo {
            file: String::new(),
            sha256: None,
            period: None,
            rows: table.n_rows(),
            rows_used: used.len(),
            train_rows: train_rows.len(),
            test_rows: test_rows.len(),
            train_positives: train_pos.iter().filter(|&&i| y[i]).count(),
            test_positives: test_pos.iter().filter(|&&i| y[i]).count(),
            seed: params.seed,
            test_share: params.test_share,
            folds: params.folds,
            cv: Vec::new(),
            c: 1.0,
            iterations: 0,
            cleaning: L10n::default(),
            trained_with: format!("klaster {}", env!("CARGO_PKG_VERSION")),
        },
        metrics: empty_metrics(),
        excluded: Vec::new(),
        limits: L10n::default(),
    };
    let x_train = model.encode(table, schema, &train_rows)?;
    let y_train: Vec<bool> = train_pos.iter().map(|&i| y[i]).collect();

    // Cross-validation along the C path (ascending C, warm-started).
    let fold = fold_of(&train_pos, &y, params.seed, params.folds);
    let mut auc_sum = vec![0.0; grid.len()];
    let mut loss_sum = vec![0.0; grid.len()];
    let mut oof = vec![vec![0.0; train_rows.len()]; grid.len()];
    for f in 0..params.folds {
        let fit_idx: Vec<usize> = (0..train_rows.len()).filter(|&k| fold[k] != f).collect();
        let val_idx: Vec<usize> = (0..train_rows.len()).filter(|&k| fold[k] == f).collect();
        let x_fit = x_train.subset(&fit_idx);
        let y_fit: Vec<bool> = fit_idx.iter().map(|&k| y_train[k]).collect();
        let x_val = x_train.subset(&val_idx);
        let y_val: Vec<bool> = val_idx.iter().map(|&k| y_train[k]).collect();
        let mut previous: Option<Fit> = None;
        for (g, &c) in grid.iter().enumerate() {
            let fit = logistic::fit_to(&x_fit, &y_fit, c, previous.as_ref(), logistic::LOOSE)?;
            let p = predict(&x_val, &fit);
            auc_sum[g] += roc_auc(&p, &y_val).unwrap_or(0.5);
            loss_sum[g] += log_loss(&p, &y_val) * p.len() as f64;
            for (&k, &pk) in val_idx.iter().zip(&p) {
                oof[g][k] = pk;
            }
            previous = Some(fit);
        }
    }
    let cv: Vec<CvPoint> = grid
        .iter()
        .zip(auc_sum.iter().zip(&loss_sum))
        .map(|(&c, (&a, &l))| CvPoint {
            c,
            auc: a / params.folds as f64,
            log_loss: l / train_rows.len() as f64,
        })
        .collect();
    // Lowest out-of-fold log-loss: the Plan step spends money on these probabilities, so the
    // criterion is the one that rewards calibration, not only the ranking (AUC). On a tie the
    // stronger regularisation (smaller C).
    let best = (0..cv.len()).fold(0, |b, g| {
        if cv[g].log_loss < cv[b].log_loss - 1e-12 {
            g
        } else {
            b
        }
    });
    let c = grid[best];
    let threshold = best_f1_threshold(&oof[best], &y_train);

    let fit = logistic::fit(&x_train, &y_train, c, None)?;
    set_coefficients(&mut model.features, &fit.weights);
    model.intercept = fit.intercept;
    model.threshold = threshold;
    model.training.cv = cv;
    model.training.c = c;
    model.training.iterations = fit.iterations;

    let x_test = model.encode(table, schema, &test_rows)?;
    let y_test: Vec<bool> = test_pos.iter().map(|&i| y[i]).collect();
    let p_test = predict(&x_test, &fit);
    model.metrics = Metrics::compute(&p_test, &y_test, threshold).ok_or_else(|| {
        ModelError::Invalid(L10n::build(|| {
            t(
                "the test rows hold only one outcome",
                "baris uji hanya memiliki satu hasil",
            )
            .to_string()
        }))
    })?;
    Ok(model)
}

fn empty_metrics() -> Metrics {
    Metrics {
        rows: 0,
        positives: 0,
        base_rate: 0.0,
        roc_auc: 0.5,
        pr_auc: 0.0,
        log_loss: 0.0,
        brier: 0.0,
        threshold: 0.5,
        confusion: Default::default(),
        accuracy: 0.0,
        precision: 0.0,
        recall: 0.0,
        f1: 0.0,
        calibration: Vec::new(),
        roc: Vec::new(),
    }
}
