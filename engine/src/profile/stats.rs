//! Descriptive statistics of one column, computed as pandas' `describe()` and `skew()` do
//! (sample standard deviation, linear quantiles, adjusted Fisher–Pearson skewness), so that
//! analysts coming from notebooks see the same figures.

use serde::{Deserialize, Serialize};

use crate::table::{Column, ColumnData, ColumnType};

/// Quantile of sorted values by linear interpolation (numpy's and pandas' default).
pub fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let pos = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// The values statistics are computed on: valid cells, without a sentinel code.
pub fn stat_values(column: &Column) -> Vec<f64> {
    let sentinel = column.inference.sentinel.as_ref().map(|s| s.value);
    match &*column.data {
        ColumnData::Numeric { values, valid } => values
            .iter()
            .zip(valid)
            .filter(|&(&v, &ok)| ok && Some(v) != sentinel)
            .map(|(&v, _)| v)
            .collect(),
        _ => Vec::new(),
    }
}

/// A skewness beyond ±1 calls a column skewed (Bulmer's rule of thumb: highly skewed), where
/// log scaling usually separates segments better than standard scaling.
pub const SKEWED: f64 = 1.0;

/// Summary of a numeric column (dates in days since 1970, booleans as 0/1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumericStats {
    pub count: usize,
    pub mean: f64,
    /// Sample standard deviation (n − 1); `None` for fewer than two values.
    pub std: Option<f64>,
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
    /// Adjusted Fisher–Pearson skewness (pandas `skew`); `None` for fewer than three values or
    /// no spread. Beyond ±[`SKEWED`] the column is called skewed.
    pub skew: Option<f64>,
    /// Tukey's fences: q1 − 1.5·IQR and q3 + 1.5·IQR.
    pub low_fence: f64,
    pub high_fence: f64,
    pub outliers_low: usize,
    pub outliers_high: usize,
    /// Most extreme values inside the fences (box-plot whiskers).
    pub whisker_low: f64,
    pub whisker_high: f64,
    /// Up to [`MAX_OUTLIER_POINTS`] outlying values, most extreme first, for box plots.
    pub outlier_sample: Vec<f64>,
}

/// How many outlying values a profile keeps for drawing.
pub const MAX_OUTLIER_POINTS: usize = 100;

impl NumericStats {
    /// Statistics of `values` (any order); `None` when empty.
    pub fn of(values: &[f64]) -> Option<Self> {
        let mut v = values.to_vec();
        v.sort_by(|a, b| a.total_cmp(b));
        Self::of_sorted(&v)
    }

    /// Statistics of values already sorted ascending (no copy, no second sort).
    pub fn of_sorted(v: &[f64]) -> Option<Self> {
        let n = v.len();
        if n == 0 {
            return None;
        }
        let nf = n as f64;
        let mean = v.iter().sum::<f64>() / nf;
        let (mut m2, mut m3) = (0.0, 0.0);
        for x in v {
            let d = x - mean;
            m2 += d * d;
            m3 += d * d * d;
        }
        let std = (n > 1).then(|| (m2 / (nf - 1.0)).sqrt());
        let (b2, b3) = (m2 / nf, m3 / nf);
        let skew = (n > 2 && b2 > 1e-14 * mean.abs().max(1.0))
            .then(|| (nf * (nf - 1.0)).sqrt() / (nf - 2.0) * b3 / b2.powf(1.5));
        let (q1, median, q3) = (
            quantile_sorted(v, 0.25),
            quantile_sorted(v, 0.5),
            quantile_sorted(v, 0.75),
        );
        let iqr = q3 - q1;
        let (low_fence, high_fence) = (q1 - 1.5 * iqr, q3 + 1.5 * iqr);
        let outliers_low = v.iter().take_while(|&&x| x < low_fence).count();
        let outliers_high = v.iter().rev().take_while(|&&x| x > high_fence).count();
        let whisker_low = v[outliers_low.min(n - 1)];
        let whisker_high = v[n - 1 - outliers_high.min(n - 1)];
        let mut outlier_sample: Vec<f64> = v[..outliers_low].to_vec();
        outlier_sample.extend(v[n - outliers_high..].iter().rev());
        outlier_sample.sort_by(|a, b| (b - median).abs().total_cmp(&(a - median).abs()));
        outlier_sample.truncate(MAX_OUTLIER_POINTS);
        Some(Self {
            count: n,
            mean,
            std,
            min: v[0],
            q1,
            median,
            q3,
            max: v[n - 1],
            skew,
            low_fence,
            high_fence,
            outliers_low,
            outliers_high,
            whisker_low,
            whisker_high,
            outlier_sample,
        })
    }
}

/// A category's count and share of the present values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryShare {
    pub value: String,
    pub count: usize,
    pub share: f64,
}

/// How many categories a profile lists; the rest are summed as "other".
pub const MAX_CATEGORIES: usize = 12;

/// Counts per category, most frequent first (ties in dictionary order), and the count of the
/// categories beyond [`MAX_CATEGORIES`].
pub fn category_shares(column: &Column) -> (Vec<CategoryShare>, usize) {
    let mut counts: Vec<(String, usize)> = match (&*column.data, column.kind) {
        (ColumnData::Categorical { codes, dictionary }, _) => {
            let mut c = vec![0usize; dictionary.len()];
            for &code in codes {
                if let Some(slot) = c.get_mut(code as usize) {
                    *slot += 1;
                }
            }
            dictionary.iter().cloned().zip(c).collect()
        }
        (ColumnData::Numeric { values, valid }, ColumnType::Boolean) => {
            let ones = values
                .iter()
                .zip(valid)
                .filter(|&(&v, &ok)| ok && v != 0.0)
                .count();
            let zeros = valid.iter().filter(|&&ok| ok).count() - ones;
            let labels = column
                .inference
                .bool_labels
                .clone()
                .unwrap_or(crate::table::BoolLabels {
                    false_label: "0".into(),
                    true_label: "1".into(),
                });
            vec![(labels.true_label, ones), (labels.false_label, zeros)]
        }
        _ => return (Vec::new(), 0),
    };
    let total: usize = counts.iter().map(|(_, c)| c).sum();
    counts.sort_by_key(|&(_, c)| std::cmp::Reverse(c));
    let other = counts.iter().skip(MAX_CATEGORIES).map(|(_, c)| c).sum();
    let shares = counts
        .into_iter()
        .take(MAX_CATEGORIES)
        .map(|(value, count)| CategoryShare {
            value,
            count,
            share: count as f64 / total.max(1) as f64,
        })
        .collect();
    (shares, other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_match_numpy_linear() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile_sorted(&v, 0.25), 1.75);
        assert_eq!(quantile_sorted(&v, 0.5), 2.5);
        assert_eq!(quantile_sorted(&v, 1.0), 4.0);
    }

    #[test]
    fn matches_pandas_describe_and_skew() {
        // Expected: pandas pd.Series([1, 2, 2, 3, 4, 7, 9, 30]).describe() and .skew() (ddof=1 std,
        // adjusted Fisher-Pearson skew; recomputed with the same formulas in plain Python).
        let s = NumericStats::of(&[1.0, 2.0, 2.0, 3.0, 4.0, 7.0, 9.0, 30.0]).unwrap();
        assert_eq!(s.count, 8);
        assert!((s.mean - 7.25).abs() < 1e-12);
        assert!(
            (s.std.unwrap() - 9.587_938_851_941_612).abs() < 1e-12,
            "{:?}",
            s.std
        );
        assert_eq!((s.q1, s.median, s.q3), (2.0, 3.5, 7.5));
        assert!(
            (s.skew.unwrap() - 2.406_383_835_832_329).abs() < 1e-12,
            "{:?}",
            s.skew
        );
        assert_eq!(s.high_fence, 15.75);
        assert_eq!((s.outliers_low, s.outliers_high), (0, 1));
        assert_eq!((s.whisker_low, s.whisker_high), (1.0, 9.0));
        assert_eq!(s.outlier_sample, vec![30.0]);
        let one = NumericStats::of(&[5.0]).unwrap();
        assert_eq!((one.std, one.skew), (None, None));
        assert!(NumericStats::of(&[]).is_none());
    }
}
