//! K-Prototypes (Huang 1998): segmentation of customers described by numbers *and* categories.
//!
//! Each segment has a prototype made of a mean (the numeric part, as in k-means) and a mode (the
//! categorical part, as in k-modes). A row's distance to a prototype is the squared Euclidean
//! distance on the numeric columns plus `gamma` times the number of categorical columns that
//! differ from the mode; the cost of a segmentation is the sum of each row's distance to its
//! nearest prototype.
//!
//! The algorithm follows the Python package `kmodes` (de Vos, version 0.12.2, class
//! `KPrototypes`) step by step, because that is what analysts — and the DQLab tutorial this app
//! reproduces — use, and users compare our segments with theirs:
//!
//! 1. **gamma** defaults to half the mean population standard deviation of the numeric columns.
//! 2. **Initial modes** by Cao et al. (2009, density and distance; deterministic) or Huang (1998,
//!    values drawn by frequency, then moved to the nearest row not already a mode). Initial
//!    **means** are drawn from a normal distribution with each column's mean and std.
//! 3. **Initial assignment** of every row to its nearest initial prototype, then one update of the
//!    prototypes. If a segment is left empty the initialisation is drawn again; after 20 tries
//!    the modes are drawn from random rows instead.
//! 4. **Iterations** move one row at a time: each row goes to its nearest prototype and the two
//!    prototypes concerned are updated at once from running sums and per-segment frequency
//!    tables (Huang's online update), so later rows of the same pass already see the change.
//!    After each pass the labels and cost are recomputed against the prototypes; the run stops
//!    when no row moved, the cost did not decrease, or `max_iter` passes were made.
//! 5. The best of `n_init` runs (lowest cost) is kept.
//!
//! Deliberate differences from `kmodes`, each for a reason:
//! - Random numbers come from `Xoshiro256PlusPlus` seeded by [`KPrototypesParams::seed`], not
//!   numpy, so draws differ; on well-posed data the best of `n_init` runs is the same partition
//!   (checked on the DQLab data by `engine/tests/kprototypes_reference.rs`).
//! - **All-numeric or all-categorical data is accepted** (kmodes refuses both): with no
//!   categorical column this is online k-means (prefer `cluster::kmeans`, whose k-means++
//!   start is better), with no numeric column it is k-modes with the cost counted as
//!   `gamma` × mismatches (the default gamma is then 1, so the cost is kmodes' `KModes` cost).
//!   The UI can then offer one algorithm for any choice of columns.
//! - **Too few distinct rows is an error** ([`ClusterError::TooFewDistinct`]) rather than a
//!   silent smaller k; with exactly k distinct rows the prototypes are those rows (as kmodes).
//!   Rows count as distinct on the columns the distance sees: on the numeric ones only when
//!   `gamma` is 0.
//! - **A segment that empties during a pass** is re-seeded as kmodes does, with a random row of
//!   the largest segment, but both prototypes are then recomputed (kmodes leaves the re-seeded
//!   mean at 0 and the donor's mean stale until their next move).
//! - If 100 initialisations still leave a segment empty, kmodes raises an error; we re-seed the
//!   empty segments the same way instead, so a fit on valid data never fails at this step.
//! - Huang's "nearest row" takes the first row on ties (numpy's `argsort` is not stable, so
//!   kmodes' choice among tied rows is arbitrary anyway).
//! - `max_iter` 0 returns the labels of the initial assignment (kmodes returns none).
//!
//! Speed: a pass allocates nothing; distances to a block of prototypes are computed together,
//! and per-row bounds (see `Model`) skip the rows whose nearest prototype provably has not
//! changed, with results identical to the bit. Memory: the caller's data, a rank copy of the
//! categorical codes and ~50 bytes per row, plus k × (numeric + levels) for the prototypes.

use rand::{Rng, RngCore, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use serde::{Deserialize, Serialize};

mod model;
mod prepared;

use model::*;
use prepared::*;

use super::{check_points, ClusterError};

/// Initialisations drawn before falling back to random rows as modes (kmodes' `MAX_INIT_TRIES`).
const MAX_INIT_TRIES: usize = 20;
/// Initialisations drawn before empty segments are re-seeded by force (where kmodes gives up).
const RAISE_INIT_TRIES: usize = 100;

/// How the categorical modes are first chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KPrototypesInit {
    /// Huang (1998): each mode's values drawn with probability proportional to their frequency,
    /// then replaced by the nearest row that is not already a mode. Random per run.
    Huang,
    /// Cao, Liang & Bai (2009): the densest row first, then rows far from the chosen modes and
    /// dense. Deterministic, so runs differ only by their random initial means. kmodes' default.
    Cao,
}

/// Parameters of a K-Prototypes fit. Defaults are kmodes' (`KPrototypesParams::new`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KPrototypesParams {
    /// Number of segments (at least 2).
    pub k: usize,
    /// Weight of one categorical mismatch against squared numeric distance; `None` for
    /// [`default_gamma`]. Must be finite and ≥ 0.
    pub gamma: Option<f64>,
    pub init: KPrototypesInit,
    /// Runs with different random starts; the lowest cost wins (at least 1).
    pub n_init: usize,
    /// Passes per run at most (0 keeps the initial assignment).
    pub max_iter: usize,
    /// Seed of all random draws: the same seed and data give the same segments.
    pub seed: u64,
}

impl KPrototypesParams {
    /// kmodes' defaults: gamma from the data, Cao initialisation, 10 runs of up to 100 passes.
    pub fn new(k: usize) -> Self {
        Self {
            k,
            gamma: None,
            init: KPrototypesInit::Cao,
            n_init: 10,
            max_iter: 100,
            seed: 0,
        }
    }
}

/// Rows to segment, in two row-major blocks so that neither part is converted or copied:
/// `numeric` is `rows × n_numeric`, already scaled by the caller (the distance is plain squared
/// Euclidean, so values must stay far below 1e150 for their squares to be finite);
/// `categorical` is `rows × n_categorical` dictionary codes, missing values imputed or filtered
/// by the caller (any `u32` is accepted: codes are only compared and ordered).
#[derive(Debug, Clone, Copy)]
pub struct MixedPoints<'a> {
    pub rows: usize,
    pub numeric: &'a [f64],
    pub n_numeric: usize,
    pub categorical: &'a [u32],
    pub n_categorical: usize,
}

/// kmodes' default gamma: 0.5 × the mean of the numeric columns' population standard deviations
/// (Huang suggests a weight of the order of the numeric spread, so that neither part dominates).
/// With no numeric value it is 1.0, so that the cost counts categorical mismatches (kmodes would
/// refuse such data). Columns are read from the rows actually present in `numeric`.
pub fn default_gamma(points: &MixedPoints) -> f64 {
    let nn = points.n_numeric;
    let rows = points
        .numeric
        .len()
        .checked_div(nn)
        .map_or(0, |full| full.min(points.rows));
    if rows == 0 {
        return 1.0;
    }
    let (_, std) = column_mean_std(&points.numeric[..rows * nn], rows, nn);
    0.5 * std.iter().sum::<f64>() / nn as f64
}

/// Result of a fit: the best run's segments and prototypes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KPrototypesFit {
    /// Number of segments (rows of `centroids` and `modes`).
    pub k: usize,
    /// Segment of each row: its nearest final prototype (as kmodes' `labels_`). A segment can,
    /// rarely, end with no row labelled, when the last pass moved its members' nearest prototype.
    pub labels: Vec<usize>,
    /// Numeric part of the prototypes, `k × n_numeric`, in the caller's (scaled) units.
    pub centroids: Vec<f64>,
    /// Categorical part of the prototypes, `k × n_categorical`, in the caller's codes. Ties
    /// between equally frequent values go to the smallest code (kmodes: smallest encoded value).
    pub modes: Vec<u32>,
    /// Sum over rows of the distance to their prototype.
    pub cost: f64,
    /// The gamma used (given or [`default_gamma`]).
    pub gamma: f64,
    /// Passes made by the best run.
    pub iterations: usize,
    /// Runs made (1 when there are exactly k distinct rows and nothing to search).
    pub n_init: usize,
}

impl KPrototypesFit {
    /// Segment of one row (numeric values scaled as the fitted data, categorical codes of the same
    /// dictionaries): the nearest prototype, lowest index on ties. A code never seen in fitting
    /// simply mismatches every mode. Rows of another width are compared on the common columns
    /// rather than rejected, so this never panics.
    pub fn predict(&self, numeric: &[f64], categorical: &[u32]) -> usize {
        if self.k == 0 {
            return 0;
        }
        let nn = self.centroids.len() / self.k;
        let nc = self.modes.len() / self.k;
        let mut best = 0;
        let mut best_d = f64::INFINITY;
        for c in 0..self.k {
            let d = distance(
                numeric,
                categorical,
                &self.centroids[c * nn..(c + 1) * nn],
                &self.modes[c * nc..(c + 1) * nc],
                self.gamma,
            );
            if c == 0 || d < best_d {
                best = c;
                best_d = d;
            }
        }
        best
    }
}

/// Segments `points` into `params.k` segments. See the module documentation for the algorithm.
///
/// Errors: [`ClusterError::BadK`] (k < 2), [`ClusterError::NoFeatures`] (no column),
/// [`ClusterError::Shape`] (a block of the wrong length), [`ClusterError::NonFinite`],
/// [`ClusterError::BadParameter`] (`n_init` 0, gamma negative or not finite),
/// [`ClusterError::TooFewRows`] (rows < k), [`ClusterError::TooFewDistinct`].
pub fn fit(
    points: &MixedPoints,
    params: &KPrototypesParams,
) -> Result<KPrototypesFit, ClusterError> {
    let (rows, k) = (points.rows, params.k);
    check_blocks(points, k)?;
    if params.n_init == 0 {
        return Err(ClusterError::BadParameter {
            name: "n_init",
            rule: "at least 1",
            value: 0.0,
        });
    }
    let gamma = match params.gamma {
        Some(g) if !g.is_finite() || g < 0.0 => {
            return Err(ClusterError::BadParameter {
                name: "gamma",
                rule: "a finite number ≥ 0",
                value: g,
            })
        }
        Some(g) => g,
        None => default_gamma(points),
    };
    if rows < k {
        return Err(ClusterError::TooFewRows { rows, k });
    }

    let data = Prepared::new(points, gamma);
    let reps = data.distinct_rows(k + 1);
    if reps.len() < k {
        return Err(ClusterError::TooFewDistinct {
            distinct: reps.len(),
            k,
        });
    }
    if reps.len() == k {
        return Ok(data.fit_distinct(&reps));
    }

    let cao = (params.init == KPrototypesInit::Cao).then(|| data.init_cao(k));
    let mut master = Xoshiro256PlusPlus::seed_from_u64(params.seed);
    let mut labels = vec![0usize; rows];
    let mut one_run = || {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(master.next_u64());
        data.run(k, params, cao.as_deref(), &mut rng, &mut labels)
    };
    // The first lowest cost wins, as numpy's argmin over the runs.
    let mut best = one_run();
    for _ in 1..params.n_init {
        let run = one_run();
        if run.cost < best.cost {
            best = run;
        }
    }
    Ok(data.finish(best, params.n_init))
}

/// kmodes' passes on every row of `points` from given prototypes (`centroids` `k × n_numeric`,
/// `modes` `k × n_categorical` in the caller's codes) with a fixed `gamma`. A segmentation of a
/// very large table fits its k sweep on a sample, then moves the chosen k's prototypes to the
/// optimum of all rows with this (the cost of one run). `params.k`, `max_iter` and `seed` are
/// used; `init`, `n_init` and `gamma` are not.
pub fn refine(
    points: &MixedPoints,
    gamma: f64,
    centroids: &[f64],
    modes: &[u32],
    params: &KPrototypesParams,
) -> Result<KPrototypesFit, ClusterError> {
    let (rows, nn, nc, k) = (
        points.rows,
        points.n_numeric,
        points.n_categorical,
        params.k,
    );
    check_blocks(points, k)?;
    if centroids.len() != k * nn || centroids.iter().any(|c| !c.is_finite()) {
        return Err(shape(k, nn, centroids.len()));
    }
    if modes.len() != k * nc {
        return Err(shape(k, nc, modes.len()));
    }
    if !gamma.is_finite() || gamma < 0.0 {
        return Err(ClusterError::BadParameter {
            name: "gamma",
            rule: "a finite number ≥ 0",
            value: gamma,
        });
    }
    if rows < k {
        return Err(ClusterError::TooFewRows { rows, k });
    }
    let data = Prepared::new(points, gamma);
    let mut m = Model::new(&data, k);
    for c in 0..k {
        for j in 0..nn {
            m.centroids[j * m.kp + c] = centroids[c * nn + j];
        }
        for a in 0..nc {
            let code = modes[c * nc + a];
            let rank =
                data.levels[a]
                    .binary_search(&code)
                    .map_err(|_| ClusterError::BadParameter {
                        name: "modes",
                        rule: "categories the rows have",
                        value: f64::from(code),
                    })?;
            m.modes[a * m.kp + c] = rank as u32;
        }
    }
    m.assign_all(&data);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(params.seed);
    let mut labels = vec![0usize; rows];
    let run = data.descend(m, params.max_iter, &mut rng, &mut labels);
    Ok(data.finish(run, 1))
}

/// The checks [`fit`] and [`refine`] share: k, at least one column, finite numbers, blocks of
/// the right length.
fn check_blocks(points: &MixedPoints, k: usize) -> Result<(), ClusterError> {
    let (rows, nn, nc) = (points.rows, points.n_numeric, points.n_categorical);
    if k < 2 {
        return Err(ClusterError::BadK { k });
    }
    if nn + nc == 0 {
        return Err(ClusterError::NoFeatures);
    }
    if nn > 0 {
        check_points(rows, nn, points.numeric)?;
    } else if !points.numeric.is_empty() {
        return Err(shape(rows, 0, points.numeric.len()));
    }
    if rows.checked_mul(nc) != Some(points.categorical.len()) {
        return Err(shape(rows, nc, points.categorical.len()));
    }
    Ok(())
}

fn shape(rows: usize, dims: usize, len: usize) -> ClusterError {
    ClusterError::Shape { rows, dims, len }
}

/// Column means and population standard deviations (numpy's two-pass `mean` / `std`).
fn column_mean_std(data: &[f64], rows: usize, dims: usize) -> (Vec<f64>, Vec<f64>) {
    let mut mean = vec![0.0; dims];
    for row in data.chunks_exact(dims) {
        mean.iter_mut().zip(row).for_each(|(m, x)| *m += x);
    }
    mean.iter_mut().for_each(|m| *m /= rows as f64);
    let mut var = vec![0.0; dims];
    for row in data.chunks_exact(dims) {
        for ((v, x), m) in var.iter_mut().zip(row).zip(&mean) {
            *v += (x - m) * (x - m);
        }
    }
    let std = var.iter().map(|v| (v / rows as f64).sqrt()).collect();
    (mean, std)
}

/// Distance of a row to a prototype: squared Euclidean + gamma × mismatches, summed in kmodes'
/// order so that ties resolve the same way.
#[inline]
fn distance(x: &[f64], q: &[u32], centroid: &[f64], mode: &[u32], gamma: f64) -> f64 {
    let mut d = 0.0;
    for (a, b) in x.iter().zip(centroid) {
        let t = a - b;
        d += t * t;
    }
    d + gamma * mismatches(q, mode) as f64
}

#[inline]
fn mismatches(a: &[u32], b: &[u32]) -> usize {
    a.iter().zip(b).filter(|(x, y)| x != y).count()
}

/// Index of the first largest value (numpy's `argmax`).
fn argmax(values: &[f64]) -> usize {
    let mut best = 0;
    for (i, &v) in values.iter().enumerate() {
        if v > values[best] {
            best = i;
        }
    }
    best
}

/// A standard normal draw (Marsaglia's polar method), for the random initial means.
fn standard_normal(rng: &mut Xoshiro256PlusPlus) -> f64 {
    loop {
        let u = 2.0 * rng.gen::<f64>() - 1.0;
        let v = 2.0 * rng.gen::<f64>() - 1.0;
        let s = u * u + v * v;
        if s > 0.0 && s < 1.0 {
            return u * (-2.0 * s.ln() / s).sqrt();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points<'a>(num: &'a [f64], nn: usize, cat: &'a [u32], nc: usize) -> MixedPoints<'a> {
        let rows = num.len().checked_div(nn).unwrap_or_else(|| cat.len() / nc);
        MixedPoints {
            rows,
            numeric: num,
            n_numeric: nn,
            categorical: cat,
            n_categorical: nc,
        }
    }

    /// Same partition up to relabelling.
    fn same_partition(a: &[usize], b: &[usize]) -> bool {
        a.len() == b.len()
            && (0..a.len()).all(|i| (0..a.len()).all(|j| (a[i] == a[j]) == (b[i] == b[j])))
    }

    #[test]
    fn tiny_case_by_hand() {
        // x = 0, 1, 2 with values A, A, B and x = 10, 11, 12 with C, C, C (codes 7, 7, 42 and
        // 1000, chosen sparse on purpose). With gamma = 1: means 1 and 11, modes A and C, cost
        // (1 + 0 + 1) + 1 × 1 mismatch + (1 + 0 + 1) = 5.
        let num = [0.0, 1.0, 2.0, 10.0, 11.0, 12.0];
        let cat = [7, 7, 42, 1000, 1000, 1000];
        let p = points(&num, 1, &cat, 1);
        for init in [KPrototypesInit::Cao, KPrototypesInit::Huang] {
            let params = KPrototypesParams {
                gamma: Some(1.0),
                init,
                ..KPrototypesParams::new(2)
            };
            let f = fit(&p, &params).unwrap();
            assert!(same_partition(&f.labels, &[0, 0, 0, 1, 1, 1]), "{init:?}");
            let (a, b) = (f.labels[0], f.labels[3]);
            assert_eq!((f.centroids[a], f.centroids[b]), (1.0, 11.0));
            assert_eq!((f.modes[a], f.modes[b]), (7, 1000));
            assert_eq!((f.k, f.gamma, f.n_init), (2, 1.0, 10));
            assert!((f.cost - 5.0).abs() < 1e-12, "{}", f.cost);
            for i in 0..6 {
                assert_eq!(f.predict(&num[i..=i], &cat[i..=i]), f.labels[i]);
            }
            // An unseen code mismatches every mode; the numbers decide.
            assert_eq!(f.predict(&[10.5], &[5]), b);
        }
    }

    #[test]
    fn default_gamma_is_half_the_mean_std() {
        // Columns [0, 2] and [0, 4]: population stds 1 and 2, mean 1.5, gamma 0.75.
        let num = [0.0, 0.0, 2.0, 4.0];
        assert_eq!(default_gamma(&points(&num, 2, &[1, 2], 1)), 0.75);
        // No numeric column: 1, so the cost counts mismatches.
        assert_eq!(default_gamma(&points(&[], 0, &[1, 2], 1)), 1.0);
        let f = fit(&points(&num, 2, &[1, 2], 1), &KPrototypesParams::new(2)).unwrap();
        assert_eq!(f.gamma, 0.75);
    }

    #[test]
    fn bad_k_rows_and_features_are_errors() {
        let num = [0.0, 1.0, 2.0];
        let cat = [0, 1, 2];
        let p = points(&num, 1, &cat, 1);
        for k in [0, 1] {
            assert_eq!(
                fit(&p, &KPrototypesParams::new(k)),
                Err(ClusterError::BadK { k })
            );
        }
        assert_eq!(
            fit(&p, &KPrototypesParams::new(4)),
            Err(ClusterError::TooFewRows { rows: 3, k: 4 })
        );
        let none = MixedPoints {
            rows: 3,
            numeric: &[],
            n_numeric: 0,
            categorical: &[],
            n_categorical: 0,
        };
        assert_eq!(
            fit(&none, &KPrototypesParams::new(2)),
            Err(ClusterError::NoFeatures)
        );
    }

    #[test]
    fn shapes_and_non_finite_values_are_errors() {
        let cat = [0, 1, 2];
        let wrong = MixedPoints {
            rows: 3,
            numeric: &[0.0, 1.0],
            n_numeric: 1,
            categorical: &cat,
            n_categorical: 1,
        };
        assert!(matches!(
            fit(&wrong, &KPrototypesParams::new(2)),
            Err(ClusterError::Shape { len: 2, .. })
        ));
        let wrong = MixedPoints {
            rows: 3,
            numeric: &[0.0, 1.0, 2.0],
            n_numeric: 1,
            categorical: &cat[..2],
            n_categorical: 1,
        };
        assert!(matches!(
            fit(&wrong, &KPrototypesParams::new(2)),
            Err(ClusterError::Shape {
                dims: 1,
                len: 2,
                ..
            })
        ));
        for bad in [f64::NAN, f64::INFINITY] {
            let num = [0.0, 1.0, 2.0, bad, 4.0, 5.0];
            assert_eq!(
                fit(&points(&num, 2, &cat, 1), &KPrototypesParams::new(2)),
                Err(ClusterError::NonFinite { feature: 1, row: 1 })
            );
        }
    }

    #[test]
    fn bad_parameters_are_errors() {
        let num = [0.0, 1.0, 2.0];
        let p = points(&num, 1, &[0, 1, 2], 1);
        for g in [-1.0, f64::NAN, f64::INFINITY] {
            let params = KPrototypesParams {
                gamma: Some(g),
                ..KPrototypesParams::new(2)
            };
            assert!(matches!(
                fit(&p, &params),
                Err(ClusterError::BadParameter { name: "gamma", .. })
            ));
        }
        let params = KPrototypesParams {
            n_init: 0,
            ..KPrototypesParams::new(2)
        };
        assert!(matches!(
            fit(&p, &params),
            Err(ClusterError::BadParameter { name: "n_init", .. })
        ));
    }

    #[test]
    fn too_few_distinct_rows() {
        // Five copies of one customer and one other: 2 distinct rows for 3 segments.
        let num = [1.0, 1.0, 1.0, 1.0, 1.0, 2.0];
        let cat = [3, 3, 3, 3, 3, 3];
        assert_eq!(
            fit(&points(&num, 1, &cat, 1), &KPrototypesParams::new(3)),
            Err(ClusterError::TooFewDistinct { distinct: 2, k: 3 })
        );
        // gamma 0 hides the categories: rows differing only there are the same customer.
        let num = [1.0; 4];
        let cat = [0, 1, 2, 3];
        let params = KPrototypesParams {
            gamma: Some(0.0),
            ..KPrototypesParams::new(2)
        };
        assert_eq!(
            fit(&points(&num, 1, &cat, 1), &params),
            Err(ClusterError::TooFewDistinct { distinct: 1, k: 2 })
        );
        // Constant numbers make the default gamma 0, with the same outcome.
        assert_eq!(
            fit(&points(&num, 1, &cat, 1), &KPrototypesParams::new(2)),
            Err(ClusterError::TooFewDistinct { distinct: 1, k: 2 })
        );
    }

    #[test]
    fn exactly_k_distinct_rows_are_the_prototypes() {
        let num = [1.0, 5.0, 1.0, 5.0, 1.0];
        let cat = [0, 9, 0, 9, 0];
        let f = fit(&points(&num, 1, &cat, 1), &KPrototypesParams::new(2)).unwrap();
        assert_eq!(f.labels, vec![0, 1, 0, 1, 0]);
        assert_eq!(
            (f.centroids.as_slice(), f.modes.as_slice()),
            (&[1.0, 5.0][..], &[0, 9][..])
        );
        assert_eq!((f.cost, f.iterations, f.n_init), (0.0, 0, 1));
    }

    #[test]
    fn numeric_only_is_online_k_means() {
        let num: Vec<f64> = (0..40)
            .map(|i| (i % 10) as f64 * 0.1 + if i < 20 { 0.0 } else { 50.0 })
            .collect();
        let f = fit(&points(&num, 1, &[], 0), &KPrototypesParams::new(2)).unwrap();
        let truth: Vec<usize> = (0..40).map(|i| usize::from(i >= 20)).collect();
        assert!(same_partition(&f.labels, &truth));
        assert!(f.modes.is_empty());
        assert_eq!(f.predict(&[49.0], &[]), f.labels[39]);
    }

    #[test]
    fn categorical_only_is_k_modes() {
        // Two groups of three columns; the cost is the number of mismatches (gamma 1).
        let cat = [
            0, 0, 0, 0, 0, 1, 0, 0, 0, 5, 5, 5, 5, 5, 5, 5, 4, 5, //
        ];
        let f = fit(&points(&[], 0, &cat, 3), &KPrototypesParams::new(2)).unwrap();
        assert!(same_partition(&f.labels, &[0, 0, 0, 1, 1, 1]));
        assert_eq!((f.gamma, f.cost), (1.0, 2.0));
        let a = f.labels[0];
        assert_eq!(&f.modes[a * 3..a * 3 + 3], &[0, 0, 0]);
        assert!(f.centroids.is_empty());
    }

    #[test]
    fn emptied_segment_is_reseeded_from_the_largest() {
        // Segments {0, 0.1}, {5, 5.1}, {100}; then segment 2's prototype is moved far away, so
        // row 4 leaves it during the pass and it must be re-seeded from segment 1 (the largest
        // after the move).
        let num = [0.0, 0.1, 5.0, 5.1, 100.0];
        let cat = [0, 0, 1, 1, 2];
        let p = points(&num, 1, &cat, 1);
        let data = Prepared::new(&p, 1.0);
        let mut m = Model::new(&data, 3);
        // One column: prototype c is at index c (the stride is padded to a block).
        m.centroids[..3].copy_from_slice(&[0.0, 5.0, 100.0]);
        m.modes[..3].copy_from_slice(&[0, 1, 2]);
        m.assign_all(&data);
        assert_eq!(m.sizes, vec![2, 2, 1]);
        for c in 0..3 {
            m.refresh_centroid(c);
        }
        m.centroids[2] = -1000.0;
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(1);
        let moves = m.iterate(&data, &mut rng);
        assert!(moves >= 1);
        assert!(m.sizes.iter().all(|&s| s > 0), "{:?}", m.sizes);
        assert_eq!(m.sizes.iter().sum::<usize>(), 5);
        // Every running total agrees with the membership, and every prototype with its members.
        for c in 0..3 {
            let members: Vec<usize> = (0..5).filter(|&i| m.assign[i] == c).collect();
            assert_eq!(members.len(), m.sizes[c]);
            let mean = members.iter().map(|&i| num[i]).sum::<f64>() / members.len() as f64;
            assert!((m.centroids[c] - mean).abs() < 1e-12, "segment {c}");
            for v in 0..3usize {
                let n = members.iter().filter(|&&i| cat[i] as usize == v).count();
                assert_eq!(m.freq[c * data.width + v] as usize, n);
            }
            assert_eq!(m.modes[c], m.recompute_mode(&data, c, 0));
        }
        // The re-seeded segment holds one row of the donor, and the prototype is that row.
        assert_eq!(m.sizes[2], 1);
        let row = (0..5).find(|&i| m.assign[i] == 2).unwrap();
        assert!(num[row] >= 5.0);
        assert_eq!(m.centroids[2], num[row]);
    }

    #[test]
    fn bounds_change_nothing() {
        // Overlapping random segments, so that many rows sit near a boundary and prototypes keep
        // moving: with and without the bounds, every run is the same to the bit.
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(5);
        let rows = 3000;
        let num: Vec<f64> = (0..rows * 3).map(|_| standard_normal(&mut rng)).collect();
        let cat: Vec<u32> = (0..rows * 2).map(|_| rng.gen_range(0..3)).collect();
        let p = points(&num, 3, &cat, 2);
        for (k, init) in [
            (2, KPrototypesInit::Cao),
            (5, KPrototypesInit::Huang),
            (9, KPrototypesInit::Cao),
        ] {
            let params = KPrototypesParams {
                init,
                ..KPrototypesParams::new(k)
            };
            let mut data = Prepared::new(&p, default_gamma(&p));
            let cao = data.init_cao(k);
            let mut runs = Vec::new();
            for use_bounds in [true, false] {
                data.use_bounds = use_bounds;
                let mut rng = Xoshiro256PlusPlus::seed_from_u64(11);
                let mut labels = vec![0; rows];
                let cao = (init == KPrototypesInit::Cao).then_some(cao.as_slice());
                runs.push(data.run(k, &params, cao, &mut rng, &mut labels));
            }
            let (a, b) = (&runs[0], &runs[1]);
            assert!(a.iterations > 3, "k = {k}: {} passes", a.iterations);
            assert_eq!(a.labels, b.labels, "k = {k}");
            assert_eq!(a.cost.to_bits(), b.cost.to_bits(), "k = {k}");
            assert_eq!(a.modes, b.modes, "k = {k}");
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&a.centroids), bits(&b.centroids), "k = {k}");
        }
    }

    #[test]
    fn seeded_deterministic_and_serialisable() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(3);
        let num: Vec<f64> = (0..400).map(|_| standard_normal(&mut rng)).collect();
        let cat: Vec<u32> = (0..400).map(|_| rng.gen_range(0..4)).collect();
        let p = points(&num, 2, &cat, 2);
        for init in [KPrototypesInit::Cao, KPrototypesInit::Huang] {
            let params = KPrototypesParams {
                init,
                seed: 9,
                ..KPrototypesParams::new(4)
            };
            let a = fit(&p, &params).unwrap();
            assert_eq!(a, fit(&p, &params).unwrap());
            assert!(a.cost.is_finite() && a.cost > 0.0);
            for i in 0..200 {
                assert_eq!(
                    a.predict(&num[i * 2..i * 2 + 2], &cat[i * 2..i * 2 + 2]),
                    a.labels[i]
                );
            }
            // JSON keeps every field (floats to the last bit or so).
            let back: KPrototypesFit =
                serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
            assert_eq!(
                (&back.labels, &back.modes, back.k),
                (&a.labels, &a.modes, a.k)
            );
            assert!((back.cost - a.cost).abs() <= 1e-12 * a.cost);
        }
        let json = serde_json::to_string(&KPrototypesParams::new(3)).unwrap();
        assert!(json.contains(r#""init":"cao""#), "{json}");
        let back: KPrototypesParams = serde_json::from_str(&json.replace("cao", "huang")).unwrap();
        assert_eq!(back.init, KPrototypesInit::Huang);
    }

    #[test]
    fn max_iter_zero_keeps_the_initial_assignment() {
        let num = [0.0, 1.0, 2.0, 10.0, 11.0, 12.0];
        let cat = [0, 0, 1, 2, 2, 2];
        let params = KPrototypesParams {
            max_iter: 0,
            ..KPrototypesParams::new(2)
        };
        let f = fit(&points(&num, 1, &cat, 1), &params).unwrap();
        assert_eq!((f.iterations, f.labels.len()), (0, 6));
        assert!(f.cost.is_finite());
    }

    /// Timing of the size the app must handle: 100,000 rows × (6 numeric + 4 categorical), k = 5,
    /// n_init = 10. Run with
    /// `cargo test --release -p klaster-engine kprototypes_timing -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn kprototypes_timing_100k_rows() {
        let (rows, nn, nc, k) = (100_000, 6, 4, 5);
        let levels = [3u32, 5, 8, 12];
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(42);
        let mut num = Vec::with_capacity(rows * nn);
        let mut cat = Vec::with_capacity(rows * nc);
        for _ in 0..rows {
            let seg = rng.gen_range(0..k);
            for j in 0..nn {
                num.push(((seg * (j + 1)) % 3) as f64 + standard_normal(&mut rng));
            }
            for &l in &levels {
                // The segment's favourite value half the time, any value otherwise.
                let v = if rng.gen::<bool>() {
                    seg as u32 % l
                } else {
                    rng.gen_range(0..l)
                };
                cat.push(v);
            }
        }
        let p = MixedPoints {
            rows,
            numeric: &num,
            n_numeric: nn,
            categorical: &cat,
            n_categorical: nc,
        };
        for init in [KPrototypesInit::Cao, KPrototypesInit::Huang] {
            let params = KPrototypesParams {
                init,
                ..KPrototypesParams::new(k)
            };
            let start = std::time::Instant::now();
            let f = fit(&p, &params).unwrap();
            let checksum: usize = f.labels.iter().enumerate().map(|(i, &l)| i * l).sum();
            eprintln!(
                "{init:?}: {rows} rows × ({nn} + {nc}), k = {k}, n_init = {}: {:.2?}, \
                 cost {:?}, {} passes in the best run, labels checksum {checksum}",
                params.n_init,
                start.elapsed(),
                f.cost,
                f.iterations
            );
        }
    }
}
