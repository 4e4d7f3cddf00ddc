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
//!
//! Memory is O(rows + k·(numeric + levels)); a pass is O(rows·k·columns) with no allocation.

use rand::{Rng, RngCore, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use serde::{Deserialize, Serialize};

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
/// `numeric` is `rows × n_numeric` (already scaled by the caller — the distance is plain squared
/// Euclidean), `categorical` is `rows × n_categorical` dictionary codes (missing values imputed
/// or filtered by the caller; any `u32` is accepted, codes are only compared and ordered).
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
    let rows = if nn == 0 {
        0
    } else {
        points.rows.min(points.numeric.len() / nn)
    };
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
    let (rows, nn, nc, k) = (
        points.rows,
        points.n_numeric,
        points.n_categorical,
        params.k,
    );
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

/// The data of one fit, prepared once for all runs.
struct Prepared<'a> {
    rows: usize,
    nn: usize,
    nc: usize,
    num: &'a [f64],
    /// Categorical codes replaced by their rank among the column's distinct codes, so that the
    /// frequency tables are dense and small whatever the caller's codes (ranks keep the order,
    /// hence the smallest-code tie rule).
    cat: Vec<u32>,
    /// Distinct codes of each categorical column, by rank.
    levels: Vec<Vec<u32>>,
    /// Offset of each categorical column in a segment's frequency table, and the table's width.
    offsets: Vec<usize>,
    width: usize,
    gamma: f64,
    mean: Vec<f64>,
    std: Vec<f64>,
}

/// Result of one run, modes still in ranks.
struct Run {
    k: usize,
    labels: Vec<usize>,
    centroids: Vec<f64>,
    modes: Vec<u32>,
    cost: f64,
    iterations: usize,
}

impl<'a> Prepared<'a> {
    fn new(points: &MixedPoints<'a>, gamma: f64) -> Self {
        let (rows, nn, nc) = (points.rows, points.n_numeric, points.n_categorical);
        let mut levels = Vec::with_capacity(nc);
        let mut cat = vec![0u32; rows * nc];
        let mut column = Vec::with_capacity(rows);
        for a in 0..nc {
            column.clear();
            column.extend((0..rows).map(|i| points.categorical[i * nc + a]));
            column.sort_unstable();
            column.dedup();
            for i in 0..rows {
                let code = points.categorical[i * nc + a];
                // Every code is in `column`, so the search always succeeds.
                cat[i * nc + a] = column.binary_search(&code).unwrap_or(0) as u32;
            }
            levels.push(column.clone());
        }
        let mut offsets = Vec::with_capacity(nc);
        let mut width = 0;
        for l in &levels {
            offsets.push(width);
            width += l.len();
        }
        let (mean, std) = if nn > 0 {
            column_mean_std(points.numeric, rows, nn)
        } else {
            (Vec::new(), Vec::new())
        };
        Self {
            rows,
            nn,
            nc,
            num: points.numeric,
            cat,
            levels,
            offsets,
            width,
            gamma,
            mean,
            std,
        }
    }

    fn num_row(&self, i: usize) -> &[f64] {
        &self.num[i * self.nn..(i + 1) * self.nn]
    }

    fn cat_row(&self, i: usize) -> &[u32] {
        &self.cat[i * self.nc..(i + 1) * self.nc]
    }

    /// First occurrences of distinct rows, at most `limit` of them (so the scan is O(rows·limit)
    /// and stops early on varied data). Rows are compared on what the distance sees: the
    /// categorical columns only count when gamma > 0.
    fn distinct_rows(&self, limit: usize) -> Vec<usize> {
        let with_cat = self.gamma > 0.0;
        let mut reps: Vec<usize> = Vec::with_capacity(limit);
        for i in 0..self.rows {
            let same = |&r: &usize| {
                self.num_row(r) == self.num_row(i)
                    && (!with_cat || self.cat_row(r) == self.cat_row(i))
            };
            if !reps.iter().any(same) {
                reps.push(i);
                if reps.len() == limit {
                    break;
                }
            }
        }
        reps
    }

    /// Exactly k distinct rows: they are the prototypes (kmodes does the same and skips the
    /// iterations). Modes are taken from the members, which only matters when gamma is 0.
    fn fit_distinct(&self, reps: &[usize]) -> KPrototypesFit {
        let k = reps.len();
        let mut m = Model::new(self, k);
        for (c, &r) in reps.iter().enumerate() {
            m.centroids[c * self.nn..(c + 1) * self.nn].copy_from_slice(self.num_row(r));
            m.modes[c * self.nc..(c + 1) * self.nc].copy_from_slice(self.cat_row(r));
        }
        m.assign_all(self);
        for c in 0..k {
            for a in 0..self.nc {
                m.modes[c * self.nc + a] = m.recompute_mode(self, c, a);
            }
        }
        let mut labels = vec![0; self.rows];
        let cost = m.labels_cost(self, &mut labels);
        let run = Run {
            k,
            labels,
            centroids: m.centroids,
            modes: m.modes,
            cost,
            iterations: 0,
        };
        self.finish(run, 1)
    }

    /// Converts a run's modes back to the caller's codes.
    fn finish(&self, run: Run, n_init: usize) -> KPrototypesFit {
        let modes = run
            .modes
            .iter()
            .enumerate()
            .map(|(j, &r)| self.levels[j % self.nc][r as usize])
            .collect();
        KPrototypesFit {
            k: run.k,
            labels: run.labels,
            centroids: run.centroids,
            modes,
            cost: run.cost,
            gamma: self.gamma,
            iterations: run.iterations,
            n_init,
        }
    }

    /// Cao's initial modes (kmodes' `init_cao`): the row of highest average value frequency,
    /// then each next mode is the row maximising density × mismatches to its nearest chosen mode.
    /// The density is accumulated in kmodes' order so that its ties, and so its choices, match.
    fn init_cao(&self, k: usize) -> Vec<u32> {
        let (rows, nc) = (self.rows, self.nc);
        let mut modes = vec![0u32; k * nc];
        if nc == 0 {
            return modes;
        }
        let mut dens = vec![0.0f64; rows];
        let mut counts = Vec::new();
        for a in 0..nc {
            counts.clear();
            counts.resize(self.levels[a].len(), 0usize);
            for i in 0..rows {
                counts[self.cat[i * nc + a] as usize] += 1;
            }
            for (i, d) in dens.iter_mut().enumerate() {
                *d += counts[self.cat[i * nc + a] as usize] as f64 / rows as f64 / nc as f64;
            }
        }
        let first = argmax(&dens);
        modes[..nc].copy_from_slice(self.cat_row(first));
        let mut nearest = vec![f64::INFINITY; rows];
        for ik in 1..k {
            let prev = &modes[(ik - 1) * nc..ik * nc];
            for (i, n) in nearest.iter_mut().enumerate() {
                *n = n.min(mismatches(self.cat_row(i), prev) as f64 * dens[i]);
            }
            let next = argmax(&nearest);
            modes[ik * nc..(ik + 1) * nc].copy_from_slice(self.cat_row(next));
        }
        modes
    }

    /// Huang's initial modes (kmodes' `init_huang`): each column's values drawn with probability
    /// proportional to their frequency (a random row's value), then each mode replaced by the
    /// nearest row equal to none of the current modes (the farthest row if every row is one).
    fn init_huang(&self, k: usize, rng: &mut Xoshiro256PlusPlus, modes: &mut [u32]) {
        let (rows, nc) = (self.rows, self.nc);
        if nc == 0 {
            return;
        }
        for a in 0..nc {
            for c in 0..k {
                modes[c * nc + a] = self.cat[rng.gen_range(0..rows) * nc + a];
            }
        }
        for ik in 0..k {
            let mut best: Option<(usize, usize)> = None;
            let mut farthest = (0, 0);
            for i in 0..rows {
                let row = self.cat_row(i);
                let d = mismatches(row, &modes[ik * nc..(ik + 1) * nc]);
                if d >= farthest.0 {
                    farthest = (d, i);
                }
                if best.is_none_or(|(bd, _)| d < bd) && !modes.chunks_exact(nc).any(|m| m == row) {
                    best = Some((d, i));
                    if d <= 1 {
                        break; // 0 is impossible (the row would equal mode ik), 1 is the best.
                    }
                }
            }
            let pick = best.map_or(farthest.1, |(_, i)| i);
            let (from, to) = (pick * nc, (pick + 1) * nc);
            modes[ik * nc..(ik + 1) * nc].copy_from_slice(&self.cat[from..to]);
        }
    }

    /// One run of kmodes' `_k_prototypes_single`. `labels` is scratch space of `rows` entries.
    fn run(
        &self,
        k: usize,
        params: &KPrototypesParams,
        cao: Option<&[u32]>,
        rng: &mut Xoshiro256PlusPlus,
        labels: &mut [usize],
    ) -> Run {
        let (nn, nc) = (self.nn, self.nc);
        let mut m = Model::new(self, k);
        let mut random_modes = false;
        for tries in 1..=RAISE_INIT_TRIES {
            match (random_modes, cao) {
                (false, Some(cao)) => m.modes.copy_from_slice(cao),
                (false, None) => self.init_huang(k, rng, &mut m.modes),
                (true, _) => {
                    for c in 0..k {
                        let r = rng.gen_range(0..self.rows);
                        m.modes[c * nc..(c + 1) * nc].copy_from_slice(self.cat_row(r));
                    }
                }
            }
            for c in 0..k {
                for j in 0..nn {
                    m.centroids[c * nn + j] = self.mean[j] + standard_normal(rng) * self.std[j];
                }
            }
            m.assign_all(self);
            if m.sizes.iter().all(|&s| s > 0) {
                break;
            }
            if tries == MAX_INIT_TRIES {
                random_modes = true;
            } else if tries == RAISE_INIT_TRIES {
                for c in 0..k {
                    if m.sizes[c] == 0 {
                        m.reseed(self, c, rng);
                    }
                }
            }
        }
        for c in 0..k {
            m.refresh_centroid(c);
            for a in 0..nc {
                m.modes[c * nc + a] = m.recompute_mode(self, c, a);
            }
        }

        let mut cost = m.labels_cost(self, labels);
        let mut iterations = 0;
        while iterations < params.max_iter {
            iterations += 1;
            let moves = m.iterate(self, rng);
            let new_cost = m.labels_cost(self, labels);
            let converged = moves == 0 || new_cost >= cost;
            cost = new_cost;
            if converged {
                break;
            }
        }
        Run {
            k,
            labels: labels.to_vec(),
            centroids: m.centroids,
            modes: m.modes,
            cost,
            iterations,
        }
    }
}

/// Prototypes of one run with the running sums that update them in O(columns) per move.
struct Model {
    k: usize,
    nn: usize,
    nc: usize,
    width: usize,
    /// `k × nn` means.
    centroids: Vec<f64>,
    /// `k × nc` modes (ranks).
    modes: Vec<u32>,
    /// `k × nn` sums of the members' numeric values.
    sums: Vec<f64>,
    /// Members per segment.
    sizes: Vec<usize>,
    /// `k × width` member counts of each categorical value, column after column.
    freq: Vec<u32>,
    /// Current segment of each row.
    assign: Vec<usize>,
}

impl Model {
    fn new(data: &Prepared, k: usize) -> Self {
        Self {
            k,
            nn: data.nn,
            nc: data.nc,
            width: data.width,
            centroids: vec![0.0; k * data.nn],
            modes: vec![0; k * data.nc],
            sums: vec![0.0; k * data.nn],
            sizes: vec![0; k],
            freq: vec![0; k * data.width],
            assign: vec![0; data.rows],
        }
    }

    /// Nearest prototype of row `i` and its distance (first on ties, as numpy's `argmin`).
    #[inline]
    fn nearest(&self, data: &Prepared, i: usize) -> (usize, f64) {
        let (nn, nc) = (self.nn, self.nc);
        let x = data.num_row(i);
        let q = data.cat_row(i);
        let mut best = 0;
        let mut best_d = f64::INFINITY;
        for c in 0..self.k {
            let d = distance(
                x,
                q,
                &self.centroids[c * nn..(c + 1) * nn],
                &self.modes[c * nc..(c + 1) * nc],
                data.gamma,
            );
            if c == 0 || d < best_d {
                best = c;
                best_d = d;
            }
        }
        (best, best_d)
    }

    /// Assigns every row to its nearest prototype, without updating the prototypes meanwhile,
    /// and rebuilds sizes, sums and frequencies from scratch.
    fn assign_all(&mut self, data: &Prepared) {
        self.sizes.iter_mut().for_each(|s| *s = 0);
        self.sums.iter_mut().for_each(|s| *s = 0.0);
        self.freq.iter_mut().for_each(|f| *f = 0);
        for i in 0..data.rows {
            let (c, _) = self.nearest(data, i);
            self.assign[i] = c;
            self.add(data, i, c);
        }
    }

    fn add(&mut self, data: &Prepared, i: usize, c: usize) {
        self.sizes[c] += 1;
        for (s, x) in self.sums[c * self.nn..(c + 1) * self.nn]
            .iter_mut()
            .zip(data.num_row(i))
        {
            *s += x;
        }
        for (a, &v) in data.cat_row(i).iter().enumerate() {
            self.freq[c * self.width + data.offsets[a] + v as usize] += 1;
        }
    }

    /// Most frequent value of column `a` in segment `c`, the smallest rank on ties (kmodes'
    /// `get_max_value_key`).
    fn recompute_mode(&self, data: &Prepared, c: usize, a: usize) -> u32 {
        let start = c * self.width + data.offsets[a];
        let counts = &self.freq[start..start + data.levels[a].len()];
        let mut best = 0;
        for (v, &n) in counts.iter().enumerate() {
            if n > counts[best] {
                best = v;
            }
        }
        best as u32
    }

    /// Mean of segment `c` from its running sums; 0 when empty, as kmodes (transient: an empty
    /// segment is re-seeded at once).
    fn refresh_centroid(&mut self, c: usize) {
        let n = self.sizes[c];
        for j in 0..self.nn {
            self.centroids[c * self.nn + j] = if n > 0 {
                self.sums[c * self.nn + j] / n as f64
            } else {
                0.0
            };
        }
    }

    /// Moves row `i` from segment `from` to `to`, updating sums, frequencies and modes
    /// incrementally exactly as kmodes' `_move_point_num` / `_move_point_cat`: the new segment's
    /// mode changes only if the moved value becomes strictly more frequent, the old segment's mode
    /// is recomputed only if the moved value was it.
    fn move_point(&mut self, data: &Prepared, i: usize, to: usize, from: usize) {
        let nn = self.nn;
        self.assign[i] = to;
        self.sizes[to] += 1;
        self.sizes[from] -= 1;
        for (j, x) in data.num_row(i).iter().enumerate() {
            self.sums[to * nn + j] += x;
            self.sums[from * nn + j] -= x;
        }
        if self.sizes[from] == 0 {
            // Exact zero rather than rounding residue, so a re-seeded mean is its row.
            self.sums[from * nn..(from + 1) * nn].fill(0.0);
        }
        for (a, &v) in data.cat_row(i).iter().enumerate() {
            let off = data.offsets[a];
            let to_base = to * self.width + off;
            self.freq[to_base + v as usize] += 1;
            let mode = &mut self.modes[to * self.nc + a];
            if self.freq[to_base + *mode as usize] < self.freq[to_base + v as usize] {
                *mode = v;
            }
            self.freq[from * self.width + off + v as usize] -= 1;
            if self.modes[from * self.nc + a] == v {
                self.modes[from * self.nc + a] = self.recompute_mode(data, from, a);
            }
        }
    }

    /// Re-seeds the empty segment `empty` with a random member of the largest segment (kmodes),
    /// then recomputes both means (kmodes leaves them stale; see the module documentation).
    /// With rows ≥ k and a segment empty, the largest has at least two members, so the donor is
    /// never emptied.
    fn reseed(&mut self, data: &Prepared, empty: usize, rng: &mut Xoshiro256PlusPlus) {
        let donor = (0..self.k)
            .max_by(|&a, &b| self.sizes[a].cmp(&self.sizes[b]).then(b.cmp(&a)))
            .unwrap_or(0);
        if self.sizes[donor] < 2 {
            return;
        }
        let pick = rng.gen_range(0..self.sizes[donor]);
        let Some(row) = self
            .assign
            .iter()
            .enumerate()
            .filter(|&(_, &c)| c == donor)
            .nth(pick)
            .map(|(i, _)| i)
        else {
            return;
        };
        self.move_point(data, row, empty, donor);
        self.refresh_centroid(empty);
        self.refresh_centroid(donor);
    }

    /// One pass of kmodes' `_k_prototypes_iter`; returns the number of rows moved.
    fn iterate(&mut self, data: &Prepared, rng: &mut Xoshiro256PlusPlus) -> usize {
        let mut moves = 0;
        for i in 0..data.rows {
            let (to, _) = self.nearest(data, i);
            let from = self.assign[i];
            if to == from {
                continue;
            }
            moves += 1;
            self.move_point(data, i, to, from);
            self.refresh_centroid(to);
            self.refresh_centroid(from);
            if self.sizes[from] == 0 {
                self.reseed(data, from, rng);
            }
        }
        moves
    }

    /// Labels every row with its nearest prototype and returns the total distance (kmodes'
    /// `labels_cost`; the membership used for the online updates is left as it is).
    fn labels_cost(&self, data: &Prepared, labels: &mut [usize]) -> f64 {
        let mut cost = 0.0;
        for (i, l) in labels.iter_mut().enumerate() {
            let (c, d) = self.nearest(data, i);
            *l = c;
            cost += d;
        }
        cost
    }
}

#[cfg(test)]
mod tests {
    use super::*;
}
