//! The data of one fit, prepared once for all runs (dense category ranks, standardised
//! means for the initialisation), the initialisations (Huang, Cao) and the runs.

use super::*;

/// The data of one fit, prepared once for all runs.
pub(super) struct Prepared<'a> {
    pub(super) rows: usize,
    pub(super) nn: usize,
    pub(super) nc: usize,
    pub(super) num: &'a [f64],
    /// Categorical codes replaced by their rank among the column's distinct codes, so that the
    /// frequency tables are dense and small whatever the caller's codes (ranks keep the order,
    /// hence the smallest-code tie rule).
    pub(super) cat: Vec<u32>,
    /// Distinct codes of each categorical column, by rank.
    pub(super) levels: Vec<Vec<u32>>,
    /// Offset of each categorical column in a segment's frequency table, and the table's width.
    pub(super) offsets: Vec<usize>,
    pub(super) width: usize,
    pub(super) gamma: f64,
    pub(super) mean: Vec<f64>,
    pub(super) std: Vec<f64>,
    /// Skip distances the bounds make unnecessary (always, except in the test that checks
    /// the bounds change nothing).
    pub(super) use_bounds: bool,
}

/// Result of one run, modes still in ranks.
pub(super) struct Run {
    pub(super) k: usize,
    pub(super) labels: Vec<usize>,
    pub(super) centroids: Vec<f64>,
    pub(super) modes: Vec<u32>,
    pub(super) cost: f64,
    pub(super) iterations: usize,
}

impl<'a> Prepared<'a> {
    pub(super) fn new(points: &MixedPoints<'a>, gamma: f64) -> Self {
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
            use_bounds: true,
        }
    }

    pub(super) fn num_row(&self, i: usize) -> &[f64] {
        &self.num[i * self.nn..(i + 1) * self.nn]
    }

    pub(super) fn cat_row(&self, i: usize) -> &[u32] {
        &self.cat[i * self.nc..(i + 1) * self.nc]
    }

    /// First occurrences of distinct rows, at most `limit` of them (so the scan is O(rows·limit)
    /// and stops early on varied data). Rows are compared on what the distance sees: the
    /// categorical columns only count when gamma > 0.
    pub(super) fn distinct_rows(&self, limit: usize) -> Vec<usize> {
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
    pub(super) fn fit_distinct(&self, reps: &[usize]) -> KPrototypesFit {
        let k = reps.len();
        let mut m = Model::new(self, k);
        for (c, &r) in reps.iter().enumerate() {
            for (j, &x) in self.num_row(r).iter().enumerate() {
                m.centroids[j * m.kp + c] = x;
            }
            for (a, &v) in self.cat_row(r).iter().enumerate() {
                m.modes[a * m.kp + c] = v;
            }
        }
        m.assign_all(self);
        m.recompute_modes(self);
        let mut labels = vec![0; self.rows];
        let cost = m.labels_cost(self, &mut labels);
        let (centroids, modes) = m.prototypes();
        let run = Run {
            k,
            labels,
            centroids,
            modes,
            cost,
            iterations: 0,
        };
        self.finish(run, 1)
    }

    /// Converts a run's modes back to the caller's codes.
    pub(super) fn finish(&self, run: Run, n_init: usize) -> KPrototypesFit {
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
    pub(super) fn init_cao(&self, k: usize) -> Vec<u32> {
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
    pub(super) fn init_huang(&self, k: usize, rng: &mut Xoshiro256PlusPlus, modes: &mut [u32]) {
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
    pub(super) fn run(
        &self,
        k: usize,
        params: &KPrototypesParams,
        cao: Option<&[u32]>,
        rng: &mut Xoshiro256PlusPlus,
        labels: &mut [usize],
    ) -> Run {
        let (nn, nc) = (self.nn, self.nc);
        let mut m = Model::new(self, k);
        // Initial modes, one row per segment (the Model keeps them column by column).
        let mut modes = vec![0u32; k * nc];
        let mut random_modes = false;
        for tries in 1..=RAISE_INIT_TRIES {
            match (random_modes, cao) {
                (false, Some(cao)) => modes.copy_from_slice(cao),
                (false, None) => self.init_huang(k, rng, &mut modes),
                (true, _) => {
                    for c in 0..k {
                        let r = rng.gen_range(0..self.rows);
                        modes[c * nc..(c + 1) * nc].copy_from_slice(self.cat_row(r));
                    }
                }
            }
            for c in 0..k {
                for a in 0..nc {
                    m.modes[a * m.kp + c] = modes[c * nc + a];
                }
                // Drawn in numpy's `randn(k, n_numeric)` order.
                for j in 0..nn {
                    m.centroids[j * m.kp + c] = self.mean[j] + standard_normal(rng) * self.std[j];
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
        self.descend(m, params.max_iter, rng, labels)
    }

    /// From an assignment of every row: the prototypes become their members' means and modes,
    /// then kmodes' passes until no row moves or the cost stops falling.
    pub(super) fn descend(
        &self,
        mut m: Model,
        max_iter: usize,
        rng: &mut Xoshiro256PlusPlus,
        labels: &mut [usize],
    ) -> Run {
        for c in 0..m.k {
            m.refresh_centroid(c);
        }
        m.recompute_modes(self);

        let mut cost = m.labels_cost(self, labels);
        let mut iterations = 0;
        while iterations < max_iter {
            iterations += 1;
            let moves = m.iterate(self, rng);
            let new_cost = m.labels_cost(self, labels);
            let converged = moves == 0 || new_cost >= cost;
            cost = new_cost;
            if converged {
                break;
            }
        }
        let (centroids, modes) = m.prototypes();
        Run {
            k: m.k,
            labels: labels.to_vec(),
            centroids,
            modes,
            cost,
            iterations,
        }
    }
}
