//! Classification metrics with scikit-learn's definitions, so that a model card's figures mean
//! what an analyst who knows `roc_auc_score`, `average_precision_score` and `calibration_curve`
//! expects.

use serde::{Deserialize, Serialize};

/// Counts at one threshold (a score ≥ the threshold is a predicted positive).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confusion {
    pub tp: usize,
    pub fp: usize,
    pub tn: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Confusion {
    pub fn at(scores: &[f64], labels: &[bool], threshold: f64) -> Self {
        let mut c = Self::default();
        for (&s, &y) in scores.iter().zip(labels) {
            match (s >= threshold, y) {
                (true, true) => c.tp += 1,
                (true, false) => c.fp += 1,
                (false, false) => c.tn += 1,
                (false, true) => c.fn_ += 1,
            }
        }
        c
    }

    pub fn accuracy(&self) -> f64 {
        ratio(self.tp + self.tn, self.tp + self.tn + self.fp + self.fn_)
    }

    /// 0 when nothing is predicted positive (scikit-learn's `zero_division=0`).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// One bin of a reliability chart: predicted vs observed positive rate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CalibrationBin {
    pub lo: f64,
    pub hi: f64,
    pub count: usize,
    pub mean_predicted: f64,
    pub observed: f64,
}

/// Everything a model card or an evaluation shows about a set of scores against outcomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    pub rows: usize,
    pub positives: usize,
    pub base_rate: f64,
    pub roc_auc: f64,
    /// Average precision (scikit-learn's PR AUC).
    pub pr_auc: f64,
    pub log_loss: f64,
    pub brier: f64,
    pub threshold: f64,
    pub confusion: Confusion,
    pub accuracy: f64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Ten equal-width bins over 0..1; empty bins are left out (as `calibration_curve`).
    pub calibration: Vec<CalibrationBin>,
    /// (false positive rate, true positive rate), thinned to at most ~200 points.
    pub roc: Vec<(f64, f64)>,
}

impl Metrics {
    /// `None` when there are no rows or only one class (AUC is undefined then).
    pub fn compute(scores: &[f64], labels: &[bool], threshold: f64) -> Option<Self> {
        let rows = scores.len().min(labels.len());
        let positives = labels[..rows].iter().filter(|&&y| y).count();
        if rows == 0 || positives == 0 || positives == rows {
            return None;
        }
        let (scores, labels) = (&scores[..rows], &labels[..rows]);
        let confusion = Confusion::at(scores, labels, threshold);
        Some(Self {
            rows,
            positives,
            base_rate: positives as f64 / rows as f64,
            roc_auc: roc_auc(scores, labels)?,
            pr_auc: average_precision(scores, labels)?,
            log_loss: log_loss(scores, labels),
            brier: brier(scores, labels),
            threshold,
            confusion,
            accuracy: confusion.accuracy(),
            precision: confusion.precision(),
            recall: confusion.recall(),
            f1: confusion.f1(),
            calibration: calibration(scores, labels, 10),
            roc: thin(roc_curve(scores, labels), 200),
        })
    }
}

/// Row order by descending score (stable).
fn descending(scores: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    order
}

/// (score, positives seen, rows seen) at every distinct score, from the highest down: the
/// counts behind the PR curve, the ROC curve and the F1 threshold.
fn cumulative(scores: &[f64], labels: &[bool]) -> Vec<(f64, usize, usize)> {
    let n = scores.len().min(labels.len());
    let order = descending(&scores[..n]);
    let (mut tp, mut seen) = (0usize, 0usize);
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let s = scores[order[i]];
        while i < n && scores[order[i]] == s {
            tp += usize::from(labels[order[i]]);
            seen += 1;
            i += 1;
        }
        out.push((s, tp, seen));
    }
    out
}

/// Area under the ROC curve as the Mann–Whitney statistic with average ranks for ties — the
/// same number as scikit-learn's trapezoidal `roc_auc_score`. `None` with a single class.
pub fn roc_auc(scores: &[f64], labels: &[bool]) -> Option<f64> {
    let n = scores.len().min(labels.len());
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]));
    let (mut rank_sum, mut pos) = (0.0, 0usize);
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && scores[order[j + 1]] == scores[order[i]] {
            j += 1;
        }
        // Ranks i+1 ..= j+1 share their mean.
        let mean_rank = (i + j) as f64 / 2.0 + 1.0;
        for &r in &order[i..=j] {
            if labels[r] {
                rank_sum += mean_rank;
                pos += 1;
            }
        }
        i = j + 1;
    }
    let neg = n - pos;
    if pos == 0 || neg == 0 {
        return None;
    }
    let p = pos as f64;
    Some((rank_sum - p * (p + 1.0) / 2.0) / (p * neg as f64))
}

/// Average precision: Σ (Rₖ − Rₖ₋₁) Pₖ over distinct score thresholds, high to low
/// (scikit-learn's `average_precision_score`). `None` without positives.
pub fn average_precision(scores: &[f64], labels: &[bool]) -> Option<f64> {
    let n = scores.len().min(labels.len());
    let total = labels[..n].iter().filter(|&&y| y).count();
    if total == 0 {
        return None;
    }
    let (mut ap, mut last_recall) = (0.0, 0.0);
    for (_, tp, seen) in cumulative(scores, labels) {
        let recall = tp as f64 / total as f64;
        ap += (recall - last_recall) * (tp as f64 / seen as f64);
        last_recall = recall;
    }
    Some(ap)
}

/// The ROC curve at every distinct threshold, starting at (0, 0).
pub fn roc_curve(scores: &[f64], labels: &[bool]) -> Vec<(f64, f64)> {
    let n = scores.len().min(labels.len());
    let positives = labels[..n].iter().filter(|&&y| y).count();
    let pos = positives.max(1) as f64;
    let neg = (n - positives).max(1) as f64;
    std::iter::once((0.0, 0.0))
        .chain(
            cumulative(scores, labels)
                .into_iter()
                .map(|(_, tp, seen)| ((seen - tp) as f64 / neg, tp as f64 / pos)),
        )
        .collect()
}

/// At most about `max` points, evenly spaced along the curve, first and last kept.
fn thin(points: Vec<(f64, f64)>, max: usize) -> Vec<(f64, f64)> {
    if points.len() <= max || max < 2 {
        return points;
    }
    let step = (points.len() - 1) as f64 / (max - 1) as f64;
    (0..max)
        .map(|i| points[((i as f64 * step).round() as usize).min(points.len() - 1)])
        .collect()
}

/// The mean of `loss(p, y)` over the rows; NaN without rows.
fn mean_loss(scores: &[f64], labels: &[bool], loss: impl Fn(f64, bool) -> f64) -> f64 {
    let n = scores.len().min(labels.len());
    if n == 0 {
        return f64::NAN;
    }
    scores
        .iter()
        .zip(labels)
        .map(|(&p, &y)| loss(p, y))
        .sum::<f64>()
        / n as f64
}

/// Mean negative log-likelihood, probabilities clipped to [1e-15, 1 − 1e-15].
pub fn log_loss(scores: &[f64], labels: &[bool]) -> f64 {
    mean_loss(scores, labels, |p, y| {
        let p = p.clamp(1e-15, 1.0 - 1e-15);
        if y {
            -p.ln()
        } else {
            -(1.0 - p).ln()
        }
    })
}

pub fn brier(scores: &[f64], labels: &[bool]) -> f64 {
    mean_loss(scores, labels, |p, y| (p - f64::from(u8::from(y))).powi(2))
}

/// `calibration_curve(strategy="uniform")`: bin k holds scores in (k/bins, (k+1)/bins], the
/// first bin also 0.
pub fn calibration(scores: &[f64], labels: &[bool], bins: usize) -> Vec<CalibrationBin> {
    let bins = bins.max(1);
    let mut sum_p = vec![0.0; bins];
    let mut sum_y = vec![0.0; bins];
    let mut count = vec![0usize; bins];
    // numpy's linspace edges (k · step, so 3 · 0.1 = 0.30000000000000004 as in numpy).
    let step = 1.0 / bins as f64;
    let inner: Vec<f64> = (1..bins).map(|k| k as f64 * step).collect();
    for (&p, &y) in scores.iter().zip(labels) {
        // Number of inner edges strictly below p (numpy's searchsorted, side="left").
        let b = inner.partition_point(|&e| e < p);
        sum_p[b] += p;
        sum_y[b] += f64::from(u8::from(y));
        count[b] += 1;
    }
    (0..bins)
        .filter(|&b| count[b] > 0)
        .map(|b| CalibrationBin {
            lo: b as f64 / bins as f64,
            hi: (b + 1) as f64 / bins as f64,
            count: count[b],
            mean_predicted: sum_p[b] / count[b] as f64,
            observed: sum_y[b] / count[b] as f64,
        })
        .collect()
}

/// The threshold that maximises F1 (ties: the higher threshold), used to pick a model's
/// operating point on out-of-fold predictions rather than on the test set.
pub fn best_f1_threshold(scores: &[f64], labels: &[bool]) -> f64 {
    let n = scores.len().min(labels.len());
    let total = labels[..n].iter().filter(|&&y| y).count();
    if n == 0 || total == 0 {
        return 0.5;
    }
    let (mut best, mut best_t) = (-1.0, 0.5);
    for (s, tp, seen) in cumulative(scores, labels) {
        let f1 = 2.0 * tp as f64 / (seen + total) as f64;
        if f1 > best {
            best = f1;
            best_t = s;
        }
    }
    best_t
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: [f64; 8] = [0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.3, 0.1];
    const Y: [bool; 8] = [true, true, false, true, false, false, true, false];

    #[test]
    fn auc_counts_ordered_pairs() {
        // Positives at ranks (ascending) 8, 7, 5, 2; negatives 6, 4, 3, 1.
        // Pairs positive > negative: 4 + 4 + 3 + 1 = 12 of 16.
        assert!((roc_auc(&S, &Y).unwrap() - 0.75).abs() < 1e-12);
        assert_eq!(roc_auc(&S, &[true; 8]), None);
    }

    #[test]
    fn auc_ties_count_half() {
        let s = [0.5, 0.5, 0.5, 0.5];
        let y = [true, false, true, false];
        assert!((roc_auc(&s, &y).unwrap() - 0.5).abs() < 1e-12);
        let s = [0.9, 0.5, 0.5, 0.1];
        let y = [true, true, false, false];
        // (1 + 1) + (0.5 + 1) of 4 pairs.
        assert!((roc_auc(&s, &y).unwrap() - 0.875).abs() < 1e-12);
    }

    #[test]
    fn average_precision_matches_sklearn() {
        // sklearn.metrics.average_precision_score(Y, S) = 0.8041666…
        // precisions at the positives: 1, 1, 3/4, 4/7 → (1 + 1 + 0.75 + 4/7) / 4.
        let expected = (1.0 + 1.0 + 0.75 + 4.0 / 7.0) / 4.0;
        assert!((average_precision(&S, &Y).unwrap() - expected).abs() < 1e-12);
        // Ties collapse to one threshold: precision 1/2 at recall 1.
        assert!((average_precision(&[0.5, 0.5], &[true, false]).unwrap() - 0.5).abs() < 1e-12);
    }

    #[test]
    fn confusion_and_rates() {
        let c = Confusion::at(&S, &Y, 0.5);
        assert_eq!(
            c,
            Confusion {
                tp: 3,
                fp: 2,
                tn: 2,
                fn_: 1
            }
        );
        assert!((c.accuracy() - 5.0 / 8.0).abs() < 1e-12);
        assert!((c.precision() - 0.6).abs() < 1e-12);
        assert!((c.recall() - 0.75).abs() < 1e-12);
        assert!((c.f1() - 6.0 / 9.0).abs() < 1e-12);
        assert_eq!(Confusion::at(&S, &Y, 2.0).precision(), 0.0);
    }

    #[test]
    fn calibration_bins_like_numpy_searchsorted() {
        let s = [0.0, 0.1, 0.15, 0.95, 1.0];
        let y = [false, false, true, true, true];
        let bins = calibration(&s, &y, 10);
        assert_eq!(bins.len(), 3);
        // 0.0 and 0.1 (edge belongs to the lower bin) in the first bin.
        assert_eq!(bins[0].count, 2);
        assert_eq!(bins[0].observed, 0.0);
        assert!((bins[0].mean_predicted - 0.05).abs() < 1e-12);
        assert_eq!((bins[1].lo, bins[1].count, bins[1].observed), (0.1, 1, 1.0));
        assert_eq!((bins[2].hi, bins[2].count), (1.0, 2));
    }

    #[test]
    fn losses() {
        let s = [0.8, 0.3];
        let y = [true, false];
        let ll = -(0.8f64.ln() + 0.7f64.ln()) / 2.0;
        assert!((log_loss(&s, &y) - ll).abs() < 1e-12);
        assert!((brier(&s, &y) - (0.04 + 0.09) / 2.0).abs() < 1e-12);
        assert!(log_loss(&[0.0], &[true]).is_finite());
    }

    #[test]
    fn roc_curve_and_thinning() {
        let c = roc_curve(&S, &Y);
        assert_eq!(c.first(), Some(&(0.0, 0.0)));
        assert_eq!(c.last(), Some(&(1.0, 1.0)));
        assert_eq!(c.len(), 9);
        let long: Vec<(f64, f64)> = (0..1000).map(|i| (i as f64, 0.0)).collect();
        let t = thin(long, 200);
        assert_eq!(t.len(), 200);
        assert_eq!(t[199].0, 999.0);
    }

    #[test]
    fn f1_threshold_and_metrics() {
        // Best F1 on S/Y: top 4 → tp 3 of 4 seen, 4 positives → 6/8 = 0.75 at 0.6;
        // all 8 → 8/12. So 0.6.
        assert_eq!(best_f1_threshold(&S, &Y), 0.6);
        let m = Metrics::compute(&S, &Y, 0.6).unwrap();
        assert_eq!(m.positives, 4);
        assert!((m.f1 - 0.75).abs() < 1e-12);
        assert!(Metrics::compute(&S, &[false; 8], 0.5).is_none());
        assert!(Metrics::compute(&[], &[], 0.5).is_none());
    }
}
