//! One run's state: prototypes laid out for the blocked distance loop, frequency tables, and
//! the distance bounds that skip computations without changing any decision.

use super::*;

/// Prototypes of one run with the running sums that update them in O(columns) per move, and
/// per-row distance bounds that let most rows skip the distance computation.
///
/// The bounds (Hamerly 2010, adapted to prototypes that move after every single move): the
/// distance is a squared Euclidean distance once each categorical value is embedded as a one-hot
/// vector scaled by √(gamma/2) (a mismatch then costs exactly gamma), so its square root δ obeys
/// the triangle inequality. Each row keeps δ to its nearest prototype (an upper bound) and to
/// the second nearest (a lower bound for all others), and each prototype accumulates how far it
/// has moved (`drift`). When the upper bound, grown by the nearest's drift since, is still below
/// the lower bound, shrunk by the others' drift since, the nearest prototype has not changed
/// and no distance is computed. The decisions, labels and cost are exactly those of computing
/// every distance (a safety margin covers rounding), so this is only faster.
pub(super) struct Model {
    pub(super) k: usize,
    pub(super) nn: usize,
    pub(super) nc: usize,
    pub(super) width: usize,
    /// `k` rounded up to a multiple of [`BLOCK`]: the stride of `centroids` and `modes`.
    pub(super) kp: usize,
    /// Means, `nn × kp`, column by column, so that the distance loop runs over a block of
    /// segments at once with the sums in registers. The padding segments are never read as
    /// results.
    pub(super) centroids: Vec<f64>,
    /// Modes (ranks), `nc × kp`, laid out likewise.
    pub(super) modes: Vec<u32>,
    /// `k × nn` sums of the members' numeric values.
    pub(super) sums: Vec<f64>,
    /// Members per segment.
    pub(super) sizes: Vec<usize>,
    /// `k × width` member counts of each categorical value, column after column.
    pub(super) freq: Vec<u32>,
    /// Current segment of each row (kmodes' `membship`).
    pub(super) assign: Vec<usize>,
    /// Per row: the nearest prototype when last computed, δ to it (upper bound) and to the second
    /// nearest (lower bound), and the drift of that prototype and the total drift at that time.
    pub(super) near: Vec<u32>,
    pub(super) upper: Vec<f64>,
    pub(super) lower: Vec<f64>,
    pub(super) seen_own: Vec<f64>,
    pub(super) seen_total: Vec<f64>,
    /// Distance each prototype moved since the bounds were last rebased, and their sum.
    pub(super) drift: Vec<f64>,
    pub(super) total_drift: f64,
    pub(super) use_bounds: bool,
}

/// Segments whose distances to a row are computed together (see `Model::centroids`).
pub(super) const BLOCK: usize = 4;

/// Relative safety margin of the bounds: far above the rounding of the sums involved (~1e-13).
pub(super) const BOUND_MARGIN: f64 = 1e-9;

impl Model {
    pub(super) fn new(data: &Prepared, k: usize) -> Self {
        let kp = k.div_ceil(BLOCK) * BLOCK;
        let rows = data.rows;
        Self {
            k,
            kp,
            nn: data.nn,
            nc: data.nc,
            width: data.width,
            centroids: vec![0.0; kp * data.nn],
            modes: vec![0; kp * data.nc],
            sums: vec![0.0; k * data.nn],
            sizes: vec![0; k],
            freq: vec![0; k * data.width],
            assign: vec![0; rows],
            near: vec![0; rows],
            upper: vec![0.0; rows],
            lower: vec![f64::NEG_INFINITY; rows],
            seen_own: vec![0.0; rows],
            seen_total: vec![0.0; rows],
            drift: vec![0.0; k],
            total_drift: 0.0,
            use_bounds: data.use_bounds,
        }
    }

    /// Prototypes row by row (`k × nn` means, `k × nc` modes).
    pub(super) fn prototypes(&self) -> (Vec<f64>, Vec<u32>) {
        let (k, kp) = (self.k, self.kp);
        let centroids = (0..k * self.nn)
            .map(|i| self.centroids[(i % self.nn) * kp + i / self.nn])
            .collect();
        let modes = (0..k * self.nc)
            .map(|i| self.modes[(i % self.nc) * kp + i / self.nc])
            .collect();
        (centroids, modes)
    }

    /// Distance of row `i` to every prototype: the nearest (first on ties, as numpy's
    /// `argmin`), its distance and the second smallest distance. Each distance is summed column
    /// by column in the order of [`distance`] and `distance_to`, so all agree to the bit.
    #[inline]
    pub(super) fn nearest(&self, data: &Prepared, i: usize) -> (usize, f64, f64) {
        let (k, kp) = (self.k, self.kp);
        let x = data.num_row(i);
        let q = data.cat_row(i);
        let mut best = 0;
        let mut best_d = f64::INFINITY;
        let mut second_d = f64::INFINITY;
        for b in (0..kp).step_by(BLOCK) {
            let mut sq = [0.0f64; BLOCK];
            for (j, &xj) in x.iter().enumerate() {
                let column = &self.centroids[j * kp + b..j * kp + b + BLOCK];
                for (s, &c) in sq.iter_mut().zip(column) {
                    let t = xj - c;
                    *s += t * t;
                }
            }
            let mut miss = [0u32; BLOCK];
            for (a, &v) in q.iter().enumerate() {
                let column = &self.modes[a * kp + b..a * kp + b + BLOCK];
                for (m, &c) in miss.iter_mut().zip(column) {
                    *m += u32::from(c != v);
                }
            }
            for (l, (&s, &m)) in sq.iter().zip(&miss).enumerate().take(k - b) {
                let d = s + data.gamma * f64::from(m);
                if b + l == 0 || d < best_d {
                    second_d = best_d;
                    best = b + l;
                    best_d = d;
                } else if d < second_d {
                    second_d = d;
                }
            }
        }
        (best, best_d, second_d)
    }

    /// Distance of row `i` to prototype `c` alone, bit for bit as [`Model::nearest`] computes it.
    #[inline]
    pub(super) fn distance_to(&self, data: &Prepared, i: usize, c: usize) -> f64 {
        let kp = self.kp;
        let mut s = 0.0;
        for (j, &xj) in data.num_row(i).iter().enumerate() {
            let t = xj - self.centroids[j * kp + c];
            s += t * t;
        }
        let mut m = 0u32;
        for (a, &v) in data.cat_row(i).iter().enumerate() {
            m += u32::from(self.modes[a * kp + c] != v);
        }
        s + data.gamma * f64::from(m)
    }

    /// The nearest prototype of row `i` if the bounds prove it, without computing a distance.
    #[inline]
    pub(super) fn proven_nearest(&self, i: usize) -> Option<usize> {
        if !self.use_bounds {
            return None;
        }
        let b = self.near[i] as usize;
        let own = self.drift[b] - self.seen_own[i];
        let others = (self.total_drift - self.seen_total[i]) - own;
        let (u, l) = (self.upper[i], self.lower[i]);
        let margin = BOUND_MARGIN * (u + l.abs() + own.abs() + others.abs()) + f64::MIN_POSITIVE;
        (u + own + margin < l - others).then_some(b)
    }

    /// All distances of row `i`, refreshing its bounds; returns the nearest and its distance.
    pub(super) fn measure(&mut self, data: &Prepared, i: usize) -> (usize, f64) {
        let (c, d, second) = self.nearest(data, i);
        self.near[i] = c as u32;
        self.upper[i] = d.sqrt();
        self.lower[i] = second.sqrt();
        self.seen_own[i] = self.drift[c];
        self.seen_total[i] = self.total_drift;
        (c, d)
    }

    /// Starts the drift from zero again, folding what has accumulated into every row's bounds,
    /// so that the drift sums stay small and their rounding negligible. O(rows), once per pass.
    pub(super) fn rebase_bounds(&mut self) {
        for i in 0..self.assign.len() {
            let own = self.drift[self.near[i] as usize] - self.seen_own[i];
            let others = (self.total_drift - self.seen_total[i]) - own;
            self.upper[i] += own;
            self.lower[i] -= others;
            // Rounding of the two differences, kept on the safe side.
            let slack = BOUND_MARGIN * (own.abs() + others.abs());
            self.upper[i] += slack;
            self.lower[i] -= slack;
        }
        self.seen_own.fill(0.0);
        self.seen_total.fill(0.0);
        self.drift.fill(0.0);
        self.total_drift = 0.0;
    }

    /// Forgets all bounds (after the prototypes were set other than by moves).
    pub(super) fn invalidate_bounds(&mut self) {
        self.lower.fill(f64::NEG_INFINITY);
        self.drift.fill(0.0);
        self.total_drift = 0.0;
        self.seen_own.fill(0.0);
        self.seen_total.fill(0.0);
    }

    pub(super) fn add_drift(&mut self, c: usize, squared: f64) {
        let d = squared.sqrt();
        self.drift[c] += d;
        self.total_drift += d;
    }

    /// Assigns every row to its nearest prototype, without updating the prototypes meanwhile,
    /// and rebuilds sizes, sums and frequencies from scratch.
    pub(super) fn assign_all(&mut self, data: &Prepared) {
        self.sizes.iter_mut().for_each(|s| *s = 0);
        self.sums.iter_mut().for_each(|s| *s = 0.0);
        self.freq.iter_mut().for_each(|f| *f = 0);
        for i in 0..data.rows {
            let (c, _, _) = self.nearest(data, i);
            self.assign[i] = c;
            self.add(data, i, c);
        }
        self.invalidate_bounds();
    }

    pub(super) fn add(&mut self, data: &Prepared, i: usize, c: usize) {
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

    /// Every mode from the frequency tables.
    pub(super) fn recompute_modes(&mut self, data: &Prepared) {
        for c in 0..self.k {
            for a in 0..self.nc {
                self.modes[a * self.kp + c] = self.recompute_mode(data, c, a);
            }
        }
        self.invalidate_bounds();
    }

    /// Most frequent value of column `a` in segment `c`, the smallest rank on ties (kmodes'
    /// `get_max_value_key`).
    pub(super) fn recompute_mode(&self, data: &Prepared, c: usize, a: usize) -> u32 {
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
    /// segment is re-seeded at once). Returns how far the mean moved, squared.
    pub(super) fn refresh_centroid(&mut self, c: usize) -> f64 {
        let n = self.sizes[c];
        let mut moved = 0.0;
        for j in 0..self.nn {
            let new = if n > 0 {
                self.sums[c * self.nn + j] / n as f64
            } else {
                0.0
            };
            let old = &mut self.centroids[j * self.kp + c];
            moved += (new - *old) * (new - *old);
            *old = new;
        }
        moved
    }

    /// Moves row `i` from segment `from` to `to` and updates both prototypes, incrementally
    /// exactly as kmodes' `_move_point_num` / `_move_point_cat` and the centroid update of
    /// `_k_prototypes_iter`: the new segment's mode changes only if the moved value becomes
    /// strictly more frequent, the old segment's mode is recomputed only if the moved value
    /// was it. The prototypes' movements go to their drift.
    pub(super) fn relocate(&mut self, data: &Prepared, i: usize, to: usize, from: usize) {
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
        let (mut to_changed, mut from_changed) = (0u32, 0u32);
        for (a, &v) in data.cat_row(i).iter().enumerate() {
            let off = data.offsets[a];
            let to_base = to * self.width + off;
            self.freq[to_base + v as usize] += 1;
            let mode = &mut self.modes[a * self.kp + to];
            if self.freq[to_base + *mode as usize] < self.freq[to_base + v as usize] {
                *mode = v;
                to_changed += 1;
            }
            self.freq[from * self.width + off + v as usize] -= 1;
            if self.modes[a * self.kp + from] == v {
                let mode = self.recompute_mode(data, from, a);
                if mode != v {
                    from_changed += 1;
                }
                self.modes[a * self.kp + from] = mode;
            }
        }
        let to_moved = self.refresh_centroid(to) + data.gamma * f64::from(to_changed);
        let from_moved = self.refresh_centroid(from) + data.gamma * f64::from(from_changed);
        self.add_drift(to, to_moved);
        self.add_drift(from, from_moved);
    }

    /// Re-seeds the empty segment `empty` with a random member of the largest segment (kmodes),
    /// recomputing both prototypes (kmodes leaves the means stale; see the module
    /// documentation). With rows ≥ k and a segment empty, the largest has at least two members,
    /// so the donor is never emptied.
    pub(super) fn reseed(&mut self, data: &Prepared, empty: usize, rng: &mut Xoshiro256PlusPlus) {
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
        self.relocate(data, row, empty, donor);
    }

    /// One pass of kmodes' `_k_prototypes_iter`; returns the number of rows moved.
    pub(super) fn iterate(&mut self, data: &Prepared, rng: &mut Xoshiro256PlusPlus) -> usize {
        self.rebase_bounds();
        let mut moves = 0;
        for i in 0..data.rows {
            let to = match self.proven_nearest(i) {
                Some(c) => c,
                None => self.measure(data, i).0,
            };
            let from = self.assign[i];
            if to == from {
                continue;
            }
            moves += 1;
            self.relocate(data, i, to, from);
            if self.sizes[from] == 0 {
                self.reseed(data, from, rng);
            }
        }
        moves
    }

    /// Labels every row with its nearest prototype and returns the total distance (kmodes'
    /// `labels_cost`; the membership used for the online updates is left as it is).
    pub(super) fn labels_cost(&mut self, data: &Prepared, labels: &mut [usize]) -> f64 {
        self.rebase_bounds();
        let mut cost = 0.0;
        for (i, l) in labels.iter_mut().enumerate() {
            let (c, d) = match self.proven_nearest(i) {
                Some(c) => {
                    // The prototypes stand still during this pass: tighten the upper bound.
                    let d = self.distance_to(data, i, c);
                    self.upper[i] = d.sqrt();
                    self.seen_own[i] = self.drift[c];
                    (c, d)
                }
                None => self.measure(data, i),
            };
            *l = c;
            cost += d;
        }
        cost
    }
}
