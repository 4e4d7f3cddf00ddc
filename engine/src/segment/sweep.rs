//! The k sweep: the points built once ([`SweepInput`]), each k fitted alike on any worker
//! ([`SweepInput::fit`]), and the plan that turns the fits into a [`Segmentation`].

use super::*;

/// One fitted k of the sweep, in a common shape for both algorithms, with the sampled
/// silhouette the sweep chart shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KFit {
    pub k: usize,
    pub labels: Vec<usize>,
    /// Inertia (K-Means) or cost (K-Prototypes).
    pub cost: f64,
    pub centroids: Vec<f64>,
    pub modes: Vec<u32>,
    pub sizes: Vec<usize>,
    pub gamma: Option<f64>,
    pub silhouette: Option<f64>,
}

impl KFit {
    fn of_kmeans(f: kmeans::KMeansFit) -> Self {
        KFit {
            k: f.k,
            labels: f.labels,
            cost: f.inertia,
            centroids: f.centroids,
            modes: Vec::new(),
            sizes: f.sizes,
            gamma: None,
            silhouette: None,
        }
    }

    fn of_kprototypes(f: kprototypes::KPrototypesFit) -> Self {
        let mut sizes = vec![0; f.k];
        f.labels.iter().for_each(|&l| sizes[l] += 1);
        KFit {
            k: f.k,
            labels: f.labels,
            cost: f.cost,
            centroids: f.centroids,
            modes: f.modes,
            sizes,
            gamma: Some(f.gamma),
            silhouette: None,
        }
    }
}

/// Everything a fit of one k needs, without the table: the points in the algorithm's space and
/// the settings. Each k depends only on this (every k is seeded with the same seed), so the ks
/// can be fitted in any order or in parallel — the browser worker hands a copy to helper
/// workers — and give the same sweep as [`segment_table`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepInput {
    pub algorithm: Algorithm,
    pub rows: usize,
    /// Numeric features (scaled), row-major `rows × dims`. The three point arrays are not
    /// serialised: they travel as typed arrays between workers.
    #[serde(skip)]
    pub numeric: Vec<f64>,
    pub dims: usize,
    /// Category codes, row-major `rows × n_categorical` (K-Prototypes).
    #[serde(skip)]
    pub codes: Vec<u32>,
    pub n_categorical: usize,
    pub gamma: Option<f64>,
    /// The points the silhouette and the scatter measure: for K-Prototypes the numbers and the
    /// categories one-hot scaled by √(γ/2), so that squared distances equal the K-Prototypes
    /// dissimilarity; empty for K-Means, whose space is `numeric`.
    #[serde(skip)]
    pub space: Vec<f64>,
    pub space_dims: usize,
    pub n_init: usize,
    pub seed: u64,
    pub silhouette_sample: usize,
}

impl SweepInput {
    /// The points of the silhouette and the scatter.
    pub fn space(&self) -> &[f64] {
        if self.space.is_empty() {
            &self.numeric
        } else {
            &self.space
        }
    }

    pub(super) fn silhouette(
        &self,
        labels: &[usize],
        sample: usize,
    ) -> Option<crate::cluster::Silhouette> {
        silhouette_sampled(
            self.rows,
            self.space_dims,
            self.space(),
            labels,
            sample,
            self.seed,
        )
        .ok()
    }

    /// Fits one k (and its sampled silhouette).
    pub fn fit(&self, k: usize) -> Result<KFit, SegmentError> {
        let n = self.rows;
        let mut fit = match self.algorithm {
            Algorithm::KMeans => {
                let p = kmeans::KMeansParams {
                    n_init: self.n_init,
                    seed: self.seed,
                    ..kmeans::KMeansParams::new(k)
                };
                KFit::of_kmeans(kmeans::fit(n, self.dims, &self.numeric, &p)?)
            }
            Algorithm::KPrototypes => {
                let p = KPrototypesParams {
                    gamma: self.gamma,
                    n_init: self.n_init.max(1),
                    seed: self.seed,
                    ..KPrototypesParams::new(k)
                };
                KFit::of_kprototypes(kprototypes::fit(&self.points(), &p)?)
            }
        };
        fit.silhouette = self
            .silhouette(&fit.labels, self.silhouette_sample)
            .map(|s| s.score);
        Ok(fit)
    }

    /// The same points restricted to `rows` (indices in this input).
    pub(super) fn subset(&self, rows: &[usize]) -> SweepInput {
        let pick = |data: &[f64], width: usize| -> Vec<f64> {
            rows.iter()
                .flat_map(|&r| &data[r * width..(r + 1) * width])
                .copied()
                .collect()
        };
        SweepInput {
            rows: rows.len(),
            numeric: pick(&self.numeric, self.dims),
            codes: rows
                .iter()
                .flat_map(|&r| &self.codes[r * self.n_categorical..(r + 1) * self.n_categorical])
                .copied()
                .collect(),
            space: if self.space.is_empty() {
                Vec::new()
            } else {
                pick(&self.space, self.space_dims)
            },
            ..self.clone_settings()
        }
    }

    /// The settings without the points.
    fn clone_settings(&self) -> SweepInput {
        SweepInput {
            algorithm: self.algorithm,
            rows: 0,
            numeric: Vec::new(),
            dims: self.dims,
            codes: Vec::new(),
            n_categorical: self.n_categorical,
            gamma: self.gamma,
            space: Vec::new(),
            space_dims: self.space_dims,
            n_init: self.n_init,
            seed: self.seed,
            silhouette_sample: self.silhouette_sample,
        }
    }

    /// Moves a fit of a sample of these points (the sweep's) to the optimum of all of them:
    /// one Lloyd descent (K-Means) or one K-Prototypes run from its prototypes.
    fn refine(&self, fit: KFit) -> Result<KFit, SegmentError> {
        let k = fit.k;
        let mut refined = match self.algorithm {
            Algorithm::KMeans => {
                let p = kmeans::KMeansParams {
                    seed: self.seed,
                    ..kmeans::KMeansParams::new(k)
                };
                KFit::of_kmeans(kmeans::refine(
                    self.rows,
                    self.dims,
                    &self.numeric,
                    fit.centroids,
                    &p,
                )?)
            }
            Algorithm::KPrototypes => {
                let p = KPrototypesParams {
                    seed: self.seed,
                    ..KPrototypesParams::new(k)
                };
                let gamma = fit.gamma.or(self.gamma).unwrap_or(1.0);
                KFit::of_kprototypes(kprototypes::refine(
                    &self.points(),
                    gamma,
                    &fit.centroids,
                    &fit.modes,
                    &p,
                )?)
            }
        };
        refined.silhouette = self
            .silhouette(&refined.labels, self.silhouette_sample)
            .map(|s| s.score);
        Ok(refined)
    }

    fn points(&self) -> MixedPoints<'_> {
        MixedPoints {
            rows: self.rows,
            numeric: &self.numeric,
            n_numeric: self.dims,
            categorical: &self.codes,
            n_categorical: self.n_categorical,
        }
    }
}

/// A segmentation between its two halves: the points to fit ([`SweepPlan::input`]) and what the
/// profiles need afterwards. [`segment_table_with`] is `SweepPlan::new`, a fit per k, then
/// [`SweepPlan::finish`]; the browser worker spreads the middle over several workers.
///
/// Above [`SegmentParams::sweep_rows`] rows, `input` is a seeded uniform sample of that many
/// rows and the full points wait in `full`: the sweep (k × restarts fits) runs on the sample,
/// and `finish` refines the chosen k on every row, from the sample's centres. The sample's
/// centres are already close to the optimum (for K-Means on the engine's generated 200,000-row
/// table the refined inertia is within 0.1 % of the full sweep's, `engine/tests/large.rs`), so
/// the one descent on every row is short.
#[derive(Debug, Clone)]
pub struct SweepPlan {
    pub input: SweepInput,
    full: Option<SweepInput>,
    design: crate::features::Design,
}

impl SweepPlan {
    /// Checks the settings, chooses the algorithm and builds the points.
    pub fn new(table: &Table, params: &SegmentParams) -> Result<Self, SegmentError> {
        if params.features.is_empty() {
            return Err(ClusterError::NoFeatures.into());
        }
        if params.k_min < 2 || params.k_max < params.k_min {
            return Err(SegmentError::BadRange {
                k_min: params.k_min,
                k_max: params.k_max,
            });
        }
        let has_category = params.features.iter().any(|s| {
            table
                .column(&s.column)
                .is_some_and(|c| matches!(*c.data, ColumnData::Categorical { .. }))
        });
        let algorithm = params.algorithm.unwrap_or(if has_category {
            Algorithm::KPrototypes
        } else {
            Algorithm::KMeans
        });
        let mut d = design(table, &params.features, algorithm == Algorithm::KMeans)?;
        if algorithm == Algorithm::KPrototypes && (d.n_categorical == 0 || d.dims == 0) {
            return Err(SegmentError::WrongAlgorithm);
        }
        let n = d.rows.len();
        let gamma = (algorithm == Algorithm::KPrototypes).then(|| {
            params.gamma.unwrap_or_else(|| {
                kprototypes::default_gamma(&MixedPoints {
                    rows: n,
                    numeric: &d.numeric,
                    n_numeric: d.dims,
                    categorical: &d.codes,
                    n_categorical: d.n_categorical,
                })
            })
        });
        let (space, space_dims) = match gamma {
            Some(g) => embed(&d, g),
            None => (Vec::new(), d.dims),
        };
        let input = SweepInput {
            algorithm,
            rows: n,
            numeric: std::mem::take(&mut d.numeric),
            dims: d.dims,
            codes: std::mem::take(&mut d.codes),
            n_categorical: d.n_categorical,
            gamma,
            space,
            space_dims,
            n_init: params.n_init,
            seed: params.seed,
            silhouette_sample: params.silhouette_sample,
        };
        let size = params.sweep_rows.max(params.k_max.saturating_mul(10));
        if n > size {
            let sample = input.subset(&sample_rows(n, size, params.seed));
            return Ok(Self {
                input: sample,
                full: Some(input),
                design: d,
            });
        }
        Ok(Self {
            input,
            full: None,
            design: d,
        })
    }

    /// Picks k from the fits of the sweep (in k order; the first failure ends the sweep, as a k
    /// beyond the data — too few rows or distinct points — fails and so would every larger k)
    /// and profiles it.
    pub fn finish(
        self,
        table: &Table,
        schema: &Schema,
        params: &SegmentParams,
        fits: Vec<Result<KFit, SegmentError>>,
    ) -> Result<Segmentation, SegmentError> {
        let mut sweep = Vec::new();
        let mut kept = Vec::new();
        let mut first_error = None;
        for fit in fits {
            match fit {
                Ok(fit) => {
                    let mut sizes = fit.sizes.clone();
                    sizes.sort_unstable_by(|a, b| b.cmp(a));
                    sweep.push(SweepPoint {
                        k: fit.k,
                        cost: fit.cost,
                        silhouette: fit.silhouette,
                        sizes,
                    });
                    kept.push(fit);
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                    break;
                }
            }
        }
        if sweep.is_empty() {
            return Err(first_error.unwrap_or(ClusterError::NoFeatures.into()));
        }
        let Self {
            input,
            full,
            design: d,
        } = self;
        let sweep_sample = full.is_some().then_some(input.rows);
        let input = full.unwrap_or(input);
        let suggestion = suggest(&sweep, input.algorithm, params.min_share);
        let k = params
            .k
            .filter(|k| kept.iter().any(|f| f.k == *k))
            .unwrap_or(suggestion.k);
        let Some(mut fit) = kept.into_iter().find(|f| f.k == k) else {
            return Err(ClusterError::BadK { k }.into());
        };
        if sweep_sample.is_some() {
            fit = input.refine(fit)?;
        }
        let chosen = Chosen {
            sweep,
            suggestion,
            fit,
            sweep_sample,
        };
        profile_segments(table, schema, params, input, d, chosen)
    }
}

/// Runs the sweep, picks k and profiles it.
pub fn segment(derived: &Derived, params: &SegmentParams) -> Result<Segmentation, SegmentError> {
    segment_table(&derived.table, &derived.schema, params)
}

/// [`segment`] on any table and schema (the cleaned table of the Prepare step).
pub fn segment_table(
    table: &Table,
    schema: &Schema,
    params: &SegmentParams,
) -> Result<Segmentation, SegmentError> {
    segment_table_with(table, schema, params, &mut |_, _| {})
}

/// [`segment_table`], calling `progress(k, k_max)` before fitting each k of the sweep.
pub fn segment_table_with(
    table: &Table,
    schema: &Schema,
    params: &SegmentParams,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Segmentation, SegmentError> {
    let plan = SweepPlan::new(table, params)?;
    let mut fits = Vec::new();
    for k in params.k_min..=params.k_max {
        progress(k, params.k_max);
        let fit = plan.input.fit(k);
        let failed = fit.is_err();
        fits.push(fit);
        if failed {
            break;
        }
    }
    plan.finish(table, schema, params, fits)
}

/// The sweep and the k chosen from it, fitted on every row.
pub(super) struct Chosen {
    pub(super) sweep: Vec<SweepPoint>,
    pub(super) suggestion: Suggestion,
    pub(super) fit: KFit,
    pub(super) sweep_sample: Option<usize>,
}

/// Numbers then one-hot categories scaled by √(γ/2).
pub(super) fn embed(d: &crate::features::Design, gamma: f64) -> (Vec<f64>, usize) {
    let cats: Vec<usize> = d
        .transforms
        .iter()
        .filter_map(|t| match t {
            Transform::Codes { categories, .. } => Some(categories.len()),
            _ => None,
        })
        .collect();
    let dims = d.dims + cats.iter().sum::<usize>();
    let w = (gamma / 2.0).max(0.0).sqrt();
    let n = d.rows.len();
    let mut out = vec![0.0; n * dims];
    for i in 0..n {
        let row = &mut out[i * dims..(i + 1) * dims];
        row[..d.dims].copy_from_slice(&d.numeric[i * d.dims..(i + 1) * d.dims]);
        let mut offset = d.dims;
        for (j, &len) in cats.iter().enumerate() {
            let code = d.codes[i * d.n_categorical + j] as usize;
            if code < len {
                row[offset + code] = w;
            }
            offset += len;
        }
    }
    (out, dims)
}
