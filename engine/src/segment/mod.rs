//! Segment: runs the chosen algorithm over a k sweep, suggests a k, and profiles the segments of
//! the chosen k in original units — sizes, index vs the overall mean, box plots, response and
//! conversion per segment, a 2-D PCA scatter — with names and recommended actions
//! ([`names`]). The fitted [`SegmentModel`] assigns a new customer typed into a form.

pub mod caution;
pub mod names;
pub mod outliers;

use serde::{Deserialize, Serialize};

use crate::i18n::{lang, t, L10n, Lang};
use crate::tf;

use crate::cluster::kprototypes::{self, KPrototypesParams, MixedPoints};
use crate::cluster::pca::pca2;
use crate::cluster::{kmeans, silhouette_sampled, ClusterError};
use crate::features::scale::FeatureError;
use crate::features::{design, names as f, Derived, FeatureSpec, Scaling, Transform};
use crate::profile::stats::NumericStats;
use crate::schema::{Role, Schema, SchemaKind};
use crate::table::{ColumnData, ColumnType, Table};

/// The segmentation algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Algorithm {
    KMeans,
    /// Numbers and categories together (Huang): offered when the features include categories.
    KPrototypes,
}

impl Algorithm {
    pub fn label(self) -> &'static str {
        match self {
            Self::KMeans => "K-Means",
            Self::KPrototypes => "K-Prototypes",
        }
    }
}

/// Everything the user can choose for a segmentation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentParams {
    /// `None`: K-Prototypes when a chosen feature is a category, K-Means otherwise.
    pub algorithm: Option<Algorithm>,
    pub features: Vec<FeatureSpec>,
    /// The k sweep, inclusive.
    pub k_min: usize,
    pub k_max: usize,
    /// The k to profile; `None` = the suggested one.
    pub k: Option<usize>,
    pub n_init: usize,
    pub seed: u64,
    /// K-Prototypes' weight of a category mismatch; `None` = half the mean numeric std.
    pub gamma: Option<f64>,
    /// Above this many rows the sweep's silhouettes use a seeded sample of this size (the
    /// chosen k's at least 5,000 rows), as scikit-learn's `sample_size` does.
    pub silhouette_sample: usize,
    /// Above this many rows the k sweep fits a seeded sample of this size and the chosen k is
    /// then refined on every row ([`SweepPlan`]): a million rows segment in seconds, and the
    /// shape of the cost curve, hence the suggested k, is that of the whole table.
    #[serde(default = "default_sweep_rows")]
    pub sweep_rows: usize,
    /// The smallest segment, as a share of the rows segmented: smaller groups of the chosen k
    /// are set apart as outliers, and the suggested k avoids them ([`outliers`]).
    #[serde(default = "default_min_share")]
    pub min_share: f64,
}

fn default_min_share() -> f64 {
    outliers::MIN_SHARE
}

/// [`SegmentParams::sweep_rows`]' default: above bank-full's 45,211 rows, so tables of that
/// size are swept whole; a 50,000-row sweep takes about 2 s in the browser.
pub const SWEEP_ROWS: usize = 50_000;

fn default_sweep_rows() -> usize {
    SWEEP_ROWS
}

impl SegmentParams {
    pub fn new(features: Vec<FeatureSpec>) -> Self {
        Self {
            algorithm: None,
            features,
            k_min: 2,
            k_max: 10,
            k: None,
            n_init: 10,
            seed: 0,
            gamma: None,
            silhouette_sample: 2_500,
            sweep_rows: SWEEP_ROWS,
            min_share: outliers::MIN_SHARE,
        }
    }
}

/// Why a segmentation cannot run.
#[derive(Debug, Clone, PartialEq)]
pub enum SegmentError {
    Feature(FeatureError),
    Cluster(ClusterError),
    BadRange {
        k_min: usize,
        k_max: usize,
    },
    WrongAlgorithm,
    /// `message` says what is wrong with the value typed for `column` (both languages).
    BadValue {
        column: String,
        message: L10n<String>,
    },
    NotASegmentation(L10n<String>),
}

impl std::fmt::Display for SegmentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Feature(e) => e.fmt(f),
            Self::Cluster(e) => e.fmt(f),
            Self::BadRange { k_min, k_max } => f.write_str(&tf!(
                "the k range {k_min}–{k_max} is empty or starts below 2",
                "rentang k {k_min}–{k_max} kosong atau dimulai di bawah 2"
            )),
            Self::WrongAlgorithm => f.write_str(t(
                "K-Means needs numbers or one-hot categories; K-Prototypes needs at least one category and one number",
                "K-Means memerlukan angka atau kategori one-hot; K-Prototypes memerlukan minimal satu kategori dan satu angka",
            )),
            Self::BadValue { column, message } => write!(f, "{column}: {message}"),
            Self::NotASegmentation(why) => f.write_str(&tf!(
                "this is not a Klaster segmentation file ({why})",
                "ini bukan berkas segmentasi Klaster ({why})"
            )),
        }
    }
}

impl std::error::Error for SegmentError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Feature(e) => Some(e),
            Self::Cluster(e) => Some(e),
            _ => None,
        }
    }
}

impl From<FeatureError> for SegmentError {
    fn from(e: FeatureError) -> Self {
        Self::Feature(e)
    }
}

impl From<ClusterError> for SegmentError {
    fn from(e: ClusterError) -> Self {
        Self::Cluster(e)
    }
}

/// A number already written with `.` as its decimal mark, in the current language's mark
/// (`0.45` / `0,45`).
pub(crate) fn decimal(text: String) -> String {
    match lang() {
        Lang::En => text,
        Lang::Id => text.replace('.', ","),
    }
}

/// The default features: LRFM (standard-scaled) when derivable, the DQLab list's own columns,
/// otherwise the numeric columns with a meaning. In a table we do not know, a heavy-tailed
/// money or count column (skew beyond [`crate::profile::stats::SKEWED`], no negative value) is
/// log-scaled, so that a few big customers do not stretch the space for everyone; the page
/// shows the scaling and the user can change it.
pub fn default_features(derived: &Derived) -> Vec<FeatureSpec> {
    let mut features = known_default_features(derived);
    if derived.schema.kind == SchemaKind::Unknown {
        for spec in &mut features {
            if heavy_tailed(&derived.table, &spec.column) {
                spec.scaling = Scaling::Log1p;
            }
        }
    }
    features
}

/// True for a column of non-negative numbers skewed to the right beyond
/// [`crate::profile::stats::SKEWED`].
fn heavy_tailed(table: &Table, column: &str) -> bool {
    quantity_stats(table, column)
        .is_some_and(|s| s.min >= 0.0 && s.skew.is_some_and(|k| k > crate::profile::stats::SKEWED))
}

/// The statistics of a numeric column of `table` (`None` for a missing or non-numeric one):
/// what the defaults and the caution read its skew from.
fn quantity_stats(table: &Table, column: &str) -> Option<NumericStats> {
    table
        .column(column)
        .filter(|c| c.kind.is_quantity())
        .and_then(|c| NumericStats::of(&c.data.valid_numbers()))
}

/// [`default_features`] before the scaling of heavy tails.
fn known_default_features(derived: &Derived) -> Vec<FeatureSpec> {
    let spec = |c: &str| FeatureSpec {
        column: c.to_string(),
        scaling: Scaling::Standard,
    };
    if let Some(l) = &derived.lrfm {
        return l.columns().iter().map(|c| spec(c)).collect();
    }
    let table = &derived.table;
    let schema = &derived.schema;
    if schema.kind == SchemaKind::DqlabCustomers {
        return table
            .columns
            .iter()
            .zip(&schema.roles)
            .filter(|(c, r)| {
                matches!(c.kind, ColumnType::Categorical | ColumnType::Boolean)
                    && **r == Role::Attribute
                    || matches!(r, Role::Age | Role::Spend)
            })
            .filter(|(c, _)| c.name != f::AGE_GROUP && c.name != f::INCOME_GROUP)
            .map(|(c, _)| spec(&c.name))
            .collect();
    }
    let bank = matches!(
        schema.kind,
        SchemaKind::BankMarketing | SchemaKind::BankMarketingAdditional
    );
    table
        .columns
        .iter()
        .zip(&schema.roles)
        .filter(|(c, r)| {
            c.kind.is_quantity()
                && c.inference.distinct > 1
                // Day of the month is a calendar position, not a customer trait.
                && !(bank && crate::schema::normalise(&c.name) == "day")
                && matches!(
                    r,
                    Role::Age
                        | Role::Income
                        | Role::Spend
                        | Role::Purchases
                        | Role::Recency
                        | Role::Tenure
                        | Role::Contacts
                        | Role::DaysSinceContact
                        | Role::PreviousContacts
                        | Role::Measure
                )
                // A call's length describes the answer, not the customer (bank `duration`).
                && !r.known_after_outcome()
        })
        .take(8)
        .map(|(c, _)| spec(&c.name))
        .collect()
}

/// One k of the sweep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepPoint {
    pub k: usize,
    /// Inertia (K-Means) or cost (K-Prototypes).
    pub cost: f64,
    pub silhouette: Option<f64>,
    pub sizes: Vec<usize>,
}

/// The suggested k and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub k: usize,
    pub reason: L10n<String>,
}

/// A feature's value in one segment, in original units, and its index vs all rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureValue {
    pub column: String,
    /// Mean (numbers) of the segment's rows.
    pub mean: Option<f64>,
    /// 100 × segment mean ÷ overall mean (`None` when the overall mean is not positive).
    pub index: Option<f64>,
    /// Most frequent category and its share in the segment (categories).
    pub mode: Option<(String, f64)>,
    /// Whether the segmentation used this column.
    pub used: bool,
}

/// Box-plot figures of one column in one segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentBox {
    pub column: String,
    pub stats: Vec<Option<NumericStats>>,
}

/// One segment's profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentProfile {
    pub id: usize,
    /// The suggested name (the user's names are kept by the page, see
    /// [`Segmentation::names_with`]).
    pub name: L10n<String>,
    pub size: usize,
    pub share: f64,
    pub silhouette: Option<f64>,
    pub values: Vec<FeatureValue>,
    /// Target positive rate in the segment (Response, subscribed).
    pub response_rate: Option<f64>,
    pub conversion: Option<f64>,
    /// One sentence describing the segment.
    pub description: L10n<String>,
    pub actions: L10n<Vec<String>>,
}

/// How to place a new customer: the transforms, and the centroids in the fitted space.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentModel {
    pub algorithm: Algorithm,
    pub transforms: Vec<Transform>,
    pub dims: usize,
    /// Row-major `k × dims` (numbers and one-hot columns).
    pub centroids: Vec<f64>,
    /// Row-major `k × n_categorical` category codes (K-Prototypes).
    pub modes: Vec<u32>,
    pub n_categorical: usize,
    pub gamma: Option<f64>,
}

/// A field of the new-customer form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormField {
    pub column: String,
    /// Choices for a category; empty for a number.
    pub choices: Vec<String>,
    /// A typical value to prefill (median or most frequent).
    pub typical: String,
}

/// A 2-D projection of (a sample of) the rows, for the scatter plot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scatter {
    pub explained: [f64; 2],
    /// (x, y, segment)
    pub points: Vec<(f32, f32, u16)>,
    /// Rows drawn (a seeded sample above [`SCATTER_POINTS`]).
    pub sampled_from: usize,
}

/// At most this many points in the scatter.
pub const SCATTER_POINTS: usize = 2_000;

/// The outcome shown on the Segment page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segmentation {
    pub algorithm: Algorithm,
    pub features: Vec<FeatureSpec>,
    pub rows_used: usize,
    /// Rows left out because a feature is missing.
    pub rows_skipped: usize,
    pub sweep: Vec<SweepPoint>,
    pub suggestion: Suggestion,
    pub k: usize,
    pub gamma: Option<f64>,
    /// Silhouette of the chosen k (rows used and seed say whether it was sampled).
    pub silhouette: Option<crate::cluster::Silhouette>,
    /// Rows set apart because their group was under the minimum share ([`outliers`]).
    #[serde(default)]
    pub outliers: Option<outliers::Outliers>,
    /// Set when the segments are weak ([`caution::caution`]): what is wrong and what to try.
    #[serde(default)]
    pub caution: Option<L10n<String>>,
    pub segments: Vec<SegmentProfile>,
    pub boxes: Vec<SegmentBox>,
    pub scatter: Option<Scatter>,
    pub overall_response: Option<f64>,
    pub overall_conversion: Option<f64>,
    /// Rows the k sweep fitted when it used a sample of `rows_used` (see
    /// [`SegmentParams::sweep_rows`]); the chosen k was then refined on every row.
    #[serde(default)]
    pub sweep_sample: Option<usize>,
    pub model: SegmentModel,
    pub form: Vec<FormField>,
    /// Segment of every used row (parallel to `rows`), not sent to the page.
    #[serde(skip)]
    pub labels: Vec<usize>,
    #[serde(skip)]
    pub rows: Vec<usize>,
}

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

    fn silhouette(&self, labels: &[usize], sample: usize) -> Option<crate::cluster::Silhouette> {
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
    fn subset(&self, rows: &[usize]) -> SweepInput {
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
struct Chosen {
    sweep: Vec<SweepPoint>,
    suggestion: Suggestion,
    fit: KFit,
    sweep_sample: Option<usize>,
}

/// The chosen k's profiles, box plots, scatter and form.
fn profile_segments(
    table: &Table,
    schema: &Schema,
    params: &SegmentParams,
    input: SweepInput,
    mut d: crate::features::Design,
    chosen: Chosen,
) -> Result<Segmentation, SegmentError> {
    let Chosen {
        sweep,
        suggestion,
        fit,
        sweep_sample,
    } = chosen;
    let (input, fit, outliers) = match outliers::set_aside(&input, &d.rows, &fit, params.min_share)
    {
        Some((kept, rows, fit, outliers)) => {
            d.rows = rows;
            (kept, fit, Some(outliers))
        }
        None => (input, fit, None),
    };
    let algorithm = input.algorithm;
    let n = input.rows;
    let k = fit.k;
    let silhouette = input.silhouette(&fit.labels, params.silhouette_sample.max(5_000));

    // Profiles in original units.
    let rows = d.rows.clone();
    let labels = fit.labels.clone();
    let target = schema
        .find(Role::Target)
        .and_then(|i| table.columns.get(i))
        .filter(|c| c.kind == ColumnType::Boolean);
    let conversion = table
        .column(f::CONVERSION)
        .or(table.column(f::CONVERSION_PURCHASES));
    let rate = |col: Option<&crate::table::Column>, seg: Option<usize>| -> Option<f64> {
        let col = col?;
        let v: Vec<f64> = rows
            .iter()
            .zip(&labels)
            .filter(|(_, &l)| seg.is_none_or(|s| s == l))
            .filter_map(|(&r, _)| col.number(r))
            .collect();
        (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
    };
    let overall_response = rate(target, None);
    let overall_conversion = rate(conversion, None);
    let described = described_columns(table, schema, &params.features);
    let mut segments: Vec<SegmentProfile> = (0..k)
        .map(|s| {
            let values = described
                .iter()
                .map(|(name, used)| feature_value(table, name, *used, &rows, &labels, s))
                .collect();
            SegmentProfile {
                id: s,
                name: L10n::default(),
                size: fit.sizes[s],
                share: fit.sizes[s] as f64 / n as f64,
                silhouette: silhouette
                    .as_ref()
                    .and_then(|x| x.per_cluster.get(s).copied().flatten()),
                values,
                response_rate: rate(target, Some(s)),
                conversion: rate(conversion, Some(s)),
                description: L10n::default(),
                actions: L10n::default(),
            }
        })
        .collect();
    names::name_and_advise(
        &mut segments,
        table,
        schema,
        overall_response,
        target.map(|c| c.name.as_str()),
    );

    let boxes = box_columns(table, schema)
        .into_iter()
        .map(|column| {
            let col = table.column(&column);
            let stats = (0..k)
                .map(|s| {
                    let v: Vec<f64> = rows
                        .iter()
                        .zip(&labels)
                        .filter(|(_, &l)| l == s)
                        .filter_map(|(&r, _)| col.and_then(|c| c.number(r)))
                        .collect();
                    NumericStats::of(&v).map(|mut st| {
                        st.outlier_sample.truncate(20);
                        st
                    })
                })
                .collect();
            SegmentBox { column, stats }
        })
        .collect();

    let (space, space_dims) = (input.space(), input.space_dims);
    let scatter = pca2(n, space_dims, space).map(|p| {
        let pick = sample_rows(n, SCATTER_POINTS, params.seed);
        Scatter {
            explained: p.explained_ratio,
            points: pick
                .iter()
                .map(|&i| {
                    let [x, y] = p.project(&space[i * space_dims..(i + 1) * space_dims]);
                    (x as f32, y as f32, labels[i] as u16)
                })
                .collect(),
            sampled_from: n,
        }
    });

    let form = form_fields(table, &d.transforms, &rows);
    let caution = caution::caution(
        table,
        silhouette.as_ref(),
        &segments,
        &sweep,
        k,
        &params.features,
    );
    Ok(Segmentation {
        algorithm,
        features: params.features.clone(),
        rows_used: n,
        rows_skipped: d.skipped,
        sweep,
        suggestion,
        k,
        gamma: fit.gamma,
        silhouette,
        outliers,
        caution,
        segments,
        boxes,
        scatter,
        overall_response,
        overall_conversion,
        sweep_sample,
        model: SegmentModel {
            algorithm,
            transforms: d.transforms,
            dims: d.dims,
            centroids: fit.centroids,
            modes: fit.modes,
            n_categorical: d.n_categorical,
            gamma: fit.gamma,
        },
        form,
        labels,
        rows,
    })
}

/// Numbers then one-hot categories scaled by √(γ/2).
fn embed(d: &crate::features::Design, gamma: f64) -> (Vec<f64>, usize) {
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

/// A bend of the cost curve: at `k` (`segments` of them left once small groups are set apart),
/// the drops before and after it, and the next k of the curve.
pub(crate) struct Bend {
    pub k: usize,
    pub segments: usize,
    pub bend: f64,
    pub before: f64,
    pub after: f64,
    pub next: usize,
}

/// The suggested k: the sharpest bend of the cost curve (largest second difference), which
/// is what "the elbow" means when read off a chart; the reason quotes the figures.
pub fn suggest(sweep: &[SweepPoint], algorithm: Algorithm, min_share: f64) -> Suggestion {
    let best_sil = sweep
        .iter()
        .filter_map(|p| p.silhouette.map(|s| (p.k, s)))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    if sweep.len() < 3 {
        let k = best_sil.map_or(sweep[0].k, |(k, _)| k);
        let reason = L10n::build(|| {
            let why = match best_sil {
                Some((_, s)) => {
                    let s = decimal(format!("{s:.2}"));
                    tf!("the highest silhouette ({s})", "siluet tertinggi ({s})")
                }
                None => t(
                    "the only k that could be computed",
                    "satu-satunya k yang dapat dihitung",
                )
                .to_string(),
            };
            tf!(
                "k = {k}: {why}; widen the k range for an elbow",
                "k = {k}: {why}; perlebar rentang k untuk menemukan siku"
            )
        });
        return Suggestion { k, reason };
    }
    // The sharpest bend among the ks whose segments are all at least `min_share`; among all
    // ks when none is.
    let elbow = |eligible: &dyn Fn(&SweepPoint) -> bool| {
        let mut best: Option<Bend> = None;
        for w in sweep.windows(3).filter(|w| eligible(&w[1])) {
            let before = w[0].cost - w[1].cost;
            let after = w[1].cost - w[2].cost;
            let bend = before - after;
            if best.as_ref().is_none_or(|b| bend > b.bend) {
                best = Some(Bend {
                    k: w[1].k,
                    segments: w[1].k,
                    bend,
                    before,
                    after,
                    next: w[2].k,
                });
            }
        }
        best
    };
    let any = elbow(&|_| true).unwrap_or(Bend {
        k: sweep[1].k,
        segments: sweep[1].k,
        bend: 0.0,
        before: 0.0,
        after: 0.0,
        next: sweep[1].k + 1,
    });
    let chosen = elbow(&|p| !outliers::too_small(&p.sizes, min_share))
        .or_else(|| outliers::elbow_without_small(sweep, min_share));
    let avoided = chosen
        .as_ref()
        .and_then(|c| (any.k != c.k).then_some(any.k));
    let Bend {
        k,
        segments,
        before,
        after,
        next,
        ..
    } = chosen.unwrap_or(any);
    let at = |k: usize| sweep.iter().find(|p| p.k == k);
    let pct = |drop: f64, k: usize| {
        at(k).map_or(0.0, |p| {
            100.0 * drop / (p.cost + drop).max(f64::MIN_POSITIVE)
        })
    };
    let reason = L10n::build(|| {
        let what = match algorithm {
            Algorithm::KMeans => t("inertia", "inersia"),
            Algorithm::KPrototypes => t("cost", "biaya"),
        };
        let (prev, down, next) = (segments - 1, pct(before, k), pct(after, next));
        let mut reason = if segments == k {
            tf!(
                "k = {k}: the elbow of the {what} curve — going from {prev} to {k} segments lowers it by {down:.0} %, one more segment only by {next:.0} %",
                "k = {k}: siku kurva {what} — dari {prev} ke {k} segmen menurunkannya {down:.0} %, satu segmen lagi hanya {next:.0} %"
            )
        } else {
            // Every k has a group under the minimum share: the curve is read in the segments
            // that remain once those groups are set apart as outliers.
            let (groups, pct) = (k - segments, crate::format::percent(min_share));
            tf!(
                "k = {k}, {segments} segments once the {groups} group(s) under {pct} of the rows (at every k) are set apart as outliers: the elbow of the {what} curve — going from {prev} to {segments} segments lowers it by {down:.0} %, one more segment only by {next:.0} %",
                "k = {k}, {segments} segmen setelah {groups} kelompok di bawah {pct} baris (pada setiap k) dipisahkan sebagai pencilan: siku kurva {what} — dari {prev} ke {segments} segmen menurunkannya {down:.0} %, satu segmen lagi hanya {next:.0} %"
            )
        };
        if let Some(s) = at(k).and_then(|p| p.silhouette) {
            let s = decimal(format!("{s:.2}"));
            reason.push_str(&tf!("; silhouette {s}", "; siluet {s}"));
        }
        if let Some((bk, bs)) = best_sil {
            if bk != k {
                let bs = decimal(format!("{bs:.2}"));
                let but = if bk == 2 {
                    t(
                        ", but two segments seldom give separate actions",
                        ", tetapi dua segmen jarang menghasilkan tindakan yang berbeda",
                    )
                } else {
                    ""
                };
                reason.push_str(&tf!(
                    " (highest silhouette: {bs} at k = {bk}{but})",
                    " (siluet tertinggi: {bs} pada k = {bk}{but})"
                ));
            }
        }
        if let Some(sharper) = avoided {
            let pct = crate::format::percent(min_share);
            reason.push_str(&tf!(
                "; the curve bends more at k = {sharper}, but a segment there is under {pct} of the rows",
                "; kurva lebih menekuk pada k = {sharper}, tetapi salah satu segmennya di bawah {pct} baris"
            ));
        }
        reason
    });
    Suggestion { k, reason }
}

/// Columns described per segment: the features, then the usual descriptors when present.
fn described_columns(
    table: &Table,
    schema: &Schema,
    features: &[FeatureSpec],
) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = features.iter().map(|s| (s.column.clone(), true)).collect();
    let mut extra: Vec<String> = Vec::new();
    for role in [Role::Income, Role::Age, Role::Recency] {
        if let Some(i) = schema.find(role) {
            extra.push(table.columns[i].name.clone());
        }
    }
    for name in [
        f::AGE,
        f::CHILDREN,
        f::TOTAL_SPENT,
        f::TOTAL_PURCHASES,
        f::MEMBERSHIP_DAYS,
        f::TOTAL_ACCEPTED,
        f::CONVERSION,
    ] {
        if table.column(name).is_some() {
            extra.push(name.to_string());
        }
    }
    for name in extra {
        if !out.iter().any(|(n, _)| *n == name) {
            out.push((name, false));
        }
    }
    out
}

fn feature_value(
    table: &Table,
    name: &str,
    used: bool,
    rows: &[usize],
    labels: &[usize],
    seg: usize,
) -> FeatureValue {
    let mut fv = FeatureValue {
        column: name.to_string(),
        mean: None,
        index: None,
        mode: None,
        used,
    };
    let Some(col) = table.column(name) else {
        return fv;
    };
    match &*col.data {
        ColumnData::Numeric { .. } => {
            let (mut s_sum, mut s_n, mut a_sum, mut a_n) = (0.0, 0usize, 0.0, 0usize);
            for (&r, &l) in rows.iter().zip(labels) {
                if let Some(v) = col.number(r) {
                    a_sum += v;
                    a_n += 1;
                    if l == seg {
                        s_sum += v;
                        s_n += 1;
                    }
                }
            }
            if s_n > 0 {
                let mean = s_sum / s_n as f64;
                fv.mean = Some(mean);
                let overall = a_sum / a_n as f64;
                fv.index = (overall > 0.0 && mean >= 0.0).then(|| 100.0 * mean / overall);
            }
        }
        ColumnData::Categorical { codes, dictionary } => {
            let mut counts = vec![0usize; dictionary.len()];
            let mut total = 0usize;
            for (&r, &l) in rows.iter().zip(labels) {
                if l == seg {
                    if let Some(c) = counts.get_mut(codes[r] as usize) {
                        *c += 1;
                        total += 1;
                    }
                }
            }
            if let Some((i, &c)) = counts
                .iter()
                .enumerate()
                .max_by_key(|(i, &c)| (c, usize::MAX - i))
            {
                if total > 0 {
                    fv.mode = Some((dictionary[i].clone(), c as f64 / total as f64));
                }
            }
        }
        ColumnData::Text { .. } => {}
    }
    fv
}

/// Columns drawn as box plots per segment: income, spend and conversion (what the seeds drew).
fn box_columns(table: &Table, schema: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(i) = schema.find(Role::Income) {
        out.push(table.columns[i].name.clone());
    }
    if table.column(f::TOTAL_SPENT).is_some() {
        out.push(f::TOTAL_SPENT.to_string());
    } else if let Some(i) = schema.find(Role::Spend) {
        out.push(table.columns[i].name.clone());
    }
    if table.column(f::CONVERSION).is_some() {
        out.push(f::CONVERSION.to_string());
    }
    if out.is_empty() {
        // Bank calls: balance and age.
        for role in [Role::Age, Role::Measure] {
            if let Some(i) = schema.find(role) {
                out.push(table.columns[i].name.clone());
            }
        }
    }
    out.retain(|c| table.column(c).is_some_and(|c| c.kind.is_quantity()));
    out
}

/// A seeded sample of row positions, sorted (all rows when `n <= size`).
fn sample_rows(n: usize, size: usize, seed: u64) -> Vec<usize> {
    if n <= size {
        return (0..n).collect();
    }
    use rand::SeedableRng;
    let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut v = rand::seq::index::sample(&mut rng, n, size).into_vec();
    v.sort_unstable();
    v
}

fn form_fields(table: &Table, transforms: &[Transform], rows: &[usize]) -> Vec<FormField> {
    transforms
        .iter()
        .filter_map(|t| {
            let col = table.column(t.column())?;
            Some(match t {
                Transform::Numeric { .. } => {
                    let v: Vec<f64> = rows.iter().filter_map(|&r| col.number(r)).collect();
                    let typical = NumericStats::of(&v).map_or(0.0, |s| s.median);
                    FormField {
                        column: col.name.clone(),
                        choices: Vec::new(),
                        typical: crate::table::format_number(typical.round()),
                    }
                }
                Transform::OneHot { categories, .. } | Transform::Codes { categories, .. } => {
                    let mut counts = vec![0usize; categories.len()];
                    if let ColumnData::Categorical { codes, .. } = &*col.data {
                        rows.iter().for_each(|&r| {
                            if let Some(c) = counts.get_mut(codes[r] as usize) {
                                *c += 1;
                            }
                        });
                    }
                    let top = counts
                        .iter()
                        .enumerate()
                        .max_by_key(|(_, &c)| c)
                        .map(|(i, _)| categories[i].clone())
                        .unwrap_or_default();
                    FormField {
                        column: col.name.clone(),
                        choices: categories.clone(),
                        typical: top,
                    }
                }
            })
        })
        .collect()
}

impl Segmentation {
    /// The segments' names: the user's where given (not blank), else the suggested ones.
    pub fn names_with(&self, user: &[String]) -> Vec<String> {
        self.segments
            .iter()
            .enumerate()
            .map(|(i, p)| match user.get(i).map(|n| n.trim()) {
                Some(n) if !n.is_empty() => n.to_string(),
                _ => p.name.get().clone(),
            })
            .collect()
    }

    /// One row per segment as spreadsheet-safe CSV: size, share, response rate, the mean score
    /// of its customers (`scores` by row of the table `labels` is over), each feature's mean
    /// and index vs all customers (or its most frequent category), the description and the
    /// actions.
    pub fn summary_csv(
        &self,
        names: &[String],
        labels: &[Option<usize>],
        scores: Option<&[f64]>,
    ) -> String {
        use crate::format::csv_cell;
        let names = self.names_with(names);
        let mut sums = vec![(0.0, 0usize); self.segments.len()];
        if let Some(scores) = scores {
            for (label, score) in labels.iter().zip(scores) {
                if let Some(slot) = label.and_then(|l| sums.get_mut(l)) {
                    slot.0 += score;
                    slot.1 += 1;
                }
            }
        }
        let columns: Vec<&FeatureValue> = self
            .segments
            .first()
            .map(|p| p.values.iter().collect())
            .unwrap_or_default();
        let mut header = vec![
            "segment".to_string(),
            "name".to_string(),
            "customers".to_string(),
            "share".to_string(),
            "response_rate".to_string(),
            "mean_score".to_string(),
        ];
        for v in &columns {
            if v.mode.is_some() {
                header.push(format!("{} (most frequent)", v.column));
            } else {
                header.push(format!("{} (mean)", v.column));
                header.push(format!("{} (index)", v.column));
            }
        }
        header.extend(["description".to_string(), "actions".to_string()]);
        let mut out = header
            .iter()
            .map(|h| csv_cell(h))
            .collect::<Vec<_>>()
            .join(",");
        out.push('\n');
        let number = |v: Option<f64>| v.map(|x| format!("{x}")).unwrap_or_default();
        for (i, p) in self.segments.iter().enumerate() {
            let mean_score = (sums[i].1 > 0).then(|| sums[i].0 / sums[i].1 as f64);
            let mut row = vec![
                (i + 1).to_string(),
                csv_cell(&names[i]),
                p.size.to_string(),
                format!("{}", p.share),
                number(p.response_rate),
                number(mean_score),
            ];
            for c in &columns {
                let v = p.values.iter().find(|v| v.column == c.column);
                if c.mode.is_some() {
                    row.push(csv_cell(
                        &v.and_then(|v| v.mode.as_ref())
                            .map(|(m, _)| m.clone())
                            .unwrap_or_default(),
                    ));
                } else {
                    row.push(number(v.and_then(|v| v.mean)));
                    row.push(number(v.and_then(|v| v.index)));
                }
            }
            row.push(csv_cell(p.description.get()));
            row.push(csv_cell(&p.actions.get().join(" · ")));
            out.push_str(&row.join(","));
            out.push('\n');
        }
        out
    }
    /// The segment of every row of the table the cleaning started from (`rows` of them), given
    /// the cleaning's kept rows; rows the cleaning removed, or that lacked a feature, are `None`.
    pub fn row_labels(&self, kept: &[usize], rows: usize) -> Vec<Option<usize>> {
        let mut out = vec![None; rows];
        for (&r, &label) in self.rows.iter().zip(&self.labels) {
            if let Some(&original) = kept.get(r) {
                if let Some(slot) = out.get_mut(original) {
                    *slot = Some(label);
                }
            }
        }
        out
    }
}

/// The `format` field of a segmentation file.
pub const SEGMENTS_FORMAT: &str = "klaster-segments";
/// The segmentation-file version this build reads and writes.
pub const SEGMENTS_VERSION: u32 = 1;

/// A segmentation saved as JSON: the segments as the page shows them (with the user's names),
/// how to place a customer, and what the warehouse query needs to know about the data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentsFile {
    pub format: String,
    pub version: u32,
    /// The data file the segments were found in.
    pub file: String,
    pub algorithm: Algorithm,
    pub features: Vec<FeatureSpec>,
    pub k: usize,
    pub rows_used: usize,
    pub rows_skipped: usize,
    pub silhouette: Option<crate::cluster::Silhouette>,
    pub segments: Vec<SegmentProfile>,
    pub model: SegmentModel,
    pub source: crate::warehouse::Source,
}

impl SegmentsFile {
    /// `names`: the user's names by segment (empty or blank = the suggested name).
    pub fn new(file: &str, seg: &Segmentation, names: &[String], derived: &Derived) -> Self {
        let mut segments = seg.segments.clone();
        // A name the user typed is the same in both languages.
        for (p, n) in segments.iter_mut().zip(names) {
            if !n.trim().is_empty() {
                p.name = L10n::same(n.trim().to_string());
            }
        }
        Self {
            format: SEGMENTS_FORMAT.to_string(),
            version: SEGMENTS_VERSION,
            file: file.to_string(),
            algorithm: seg.algorithm,
            features: seg.features.clone(),
            k: seg.k,
            rows_used: seg.rows_used,
            rows_skipped: seg.rows_skipped,
            silhouette: seg.silhouette.clone(),
            segments,
            model: seg.model.clone(),
            source: crate::warehouse::Source::of(derived),
        }
    }

    pub fn names(&self) -> Vec<String> {
        self.segments.iter().map(|p| p.name.get().clone()).collect()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Result<Self, SegmentError> {
        use crate::file_format::{read, HeaderError};
        let file: Self = read(text, SEGMENTS_FORMAT, SEGMENTS_VERSION).map_err(|e| {
            SegmentError::NotASegmentation(match e {
                HeaderError::Parse(message) => L10n::same(message),
                HeaderError::Format => L10n::build(|| {
                    tf!(
                        "its \"format\" is not \"{SEGMENTS_FORMAT}\"",
                        "\"format\"-nya bukan \"{SEGMENTS_FORMAT}\""
                    )
                }),
                HeaderError::Newer(found) => L10n::build(|| {
                    tf!(
                        "version {found} is newer than this app understands",
                        "versi {found} lebih baru daripada yang dipahami aplikasi ini"
                    )
                }),
            })
        })?;
        let m = &file.model;
        let k = m.k();
        if k == 0
            || m.centroids.len() != k * m.dims
            || m.modes.len() != k * m.n_categorical
            || m.centroids.iter().any(|v| !v.is_finite())
        {
            return Err(SegmentError::NotASegmentation(L10n::build(|| {
                t(
                    "its centroids do not fit its dimensions",
                    "pusat segmennya tidak sesuai dengan dimensinya",
                )
                .to_string()
            })));
        }
        Ok(file)
    }
}

impl SegmentModel {
    /// The segment of a new customer given as (column, text) pairs, one per feature.
    pub fn assign(&self, values: &[(String, String)]) -> Result<usize, SegmentError> {
        let get = |column: &str| -> Result<&str, SegmentError> {
            values
                .iter()
                .find(|(c, _)| c == column)
                .map(|(_, v)| v.trim())
                .filter(|v| !v.is_empty())
                .ok_or_else(|| SegmentError::BadValue {
                    column: column.to_string(),
                    message: L10n::build(|| t("enter a value", "isi sebuah nilai").to_string()),
                })
        };
        let mut numeric = Vec::with_capacity(self.dims);
        let mut codes = Vec::with_capacity(self.n_categorical);
        for tr in &self.transforms {
            let text = get(tr.column())?;
            match tr {
                Transform::Numeric { column, log, .. } => {
                    use crate::ingest::values::{parse_number, DecimalStyle};
                    let x = parse_number(text, DecimalStyle::Point)
                        .or_else(|| parse_number(text, DecimalStyle::Comma))
                        .map(|p| p.value)
                        .ok_or_else(|| SegmentError::BadValue {
                            column: column.clone(),
                            message: L10n::build(|| {
                                tf!("“{text}” is not a number", "“{text}” bukan angka")
                            }),
                        })?;
                    if *log && x < -1.0 {
                        return Err(SegmentError::BadValue {
                            column: column.clone(),
                            message: L10n::build(|| {
                                t(
                                    "must be −1 or more (log scale)",
                                    "harus −1 atau lebih (skala log)",
                                )
                                .to_string()
                            }),
                        });
                    }
                    numeric.push(tr.apply(x));
                }
                Transform::OneHot { column, categories }
                | Transform::Codes { column, categories } => {
                    let code = categories.iter().position(|c| c == text).ok_or_else(|| {
                        SegmentError::BadValue {
                            column: column.clone(),
                            message: L10n::build(|| {
                                let list = categories.join(", ");
                                tf!("choose one of {list}", "pilih salah satu dari {list}")
                            }),
                        }
                    })?;
                    if matches!(tr, Transform::OneHot { .. }) {
                        numeric
                            .extend((0..categories.len()).map(|i| f64::from(u8::from(i == code))));
                    } else {
                        codes.push(code as u32);
                    }
                }
            }
        }
        self.nearest(&numeric, &codes)
            .ok_or(SegmentError::Cluster(ClusterError::NoFeatures))
    }

    /// Number of segments.
    pub fn k(&self) -> usize {
        self.centroids
            .len()
            .checked_div(self.dims)
            .or_else(|| self.modes.len().checked_div(self.n_categorical))
            .unwrap_or(0)
    }

    /// The segment nearest to a point (scaled numbers, category codes): squared distance plus
    /// gamma per mismatched category, the lowest segment on ties.
    pub fn nearest(&self, numeric: &[f64], codes: &[u32]) -> Option<usize> {
        let gamma = self.gamma.unwrap_or(0.0);
        (0..self.k())
            .map(|c| {
                let num: f64 = numeric
                    .iter()
                    .zip(self.centroids.get(c * self.dims..(c + 1) * self.dims)?)
                    .map(|(a, b)| (a - b) * (a - b))
                    .sum();
                let cat = codes
                    .iter()
                    .zip(
                        self.modes
                            .get(c * self.n_categorical..(c + 1) * self.n_categorical)?,
                    )
                    .filter(|(a, b)| a != b)
                    .count() as f64;
                Some((c, num + gamma * cat))
            })
            .collect::<Option<Vec<_>>>()?
            .into_iter()
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(c, _)| c)
    }
}

#[cfg(test)]
mod i18n_tests {
    use super::*;
    use crate::features::{prepare, DeriveParams};
    use crate::i18n::with_lang;
    use crate::ingest::{read_table, NoProgress, ReadOptions};

    /// English function words that must not appear in Indonesian prose.
    fn no_english(text: &str) {
        let padded = format!(" {} ", text.to_lowercase());
        for word in [
            " the ",
            " of ",
            " and ",
            " with ",
            " their ",
            " on average ",
        ] {
            assert!(!padded.contains(word), "{word:?} in {text:?}");
        }
    }

    fn segmentation(k_min: usize, k_max: usize) -> Segmentation {
        let (derived, cleaned) = prepared(&crate::sample::customer_personality_csv(600, 3));
        let mut params = SegmentParams::new(default_features(&derived));
        params.k_min = k_min;
        params.k_max = k_max;
        params.n_init = 2;
        segment_table(&cleaned, &derived.schema, &params).unwrap()
    }

    #[test]
    fn segments_and_the_suggestion_speak_indonesian() {
        let seg = segmentation(2, 6);
        let reason = &seg.suggestion.reason;
        assert!(reason.en.contains("segments"), "{}", reason.en);
        assert!(reason.id.contains("segmen"), "{}", reason.id);
        no_english(&reason.id);
        let known = [
            "Nilai tinggi",
            "Potensial",
            "Pelanggan baru",
            "Perlu perhatian",
            "Nilai rendah",
        ];
        for s in &seg.segments {
            assert_ne!(s.name.en, s.name.id);
            assert!(
                known.iter().any(|k| s.name.id.starts_with(k)),
                "{}",
                s.name.id
            );
            assert!(
                s.description.id.contains(" pelanggan ("),
                "{}",
                s.description.id
            );
            no_english(&s.description.id);
            assert_eq!(s.actions.en.len(), s.actions.id.len());
            for a in &s.actions.id {
                no_english(a);
            }
        }
        // The page's names follow the language unless the user typed one.
        let user = vec!["VIP".to_string(), String::new()];
        let names = with_lang(Lang::Id, || seg.names_with(&user));
        assert_eq!(names[0], "VIP");
        assert_eq!(names[1], seg.segments[1].name.id);
        let csv = with_lang(Lang::Id, || seg.summary_csv(&user, &[], None));
        assert!(
            csv.starts_with("segment,name,customers,"),
            "CSV headers stay"
        );
        assert!(csv.contains(&seg.segments[1].actions.id[0]));
    }

    /// A CSV text loaded, recognised and prepared as the page does: (derived, cleaned table).
    pub(crate) fn prepared(text: &str) -> (crate::features::Derived, Table) {
        let loaded = read_table(text.as_bytes(), &ReadOptions::default(), &mut NoProgress).unwrap();
        let schema = crate::schema::recognise(&loaded.table);
        let (derived, cleaned, _) = prepare(&loaded.table, &schema, &DeriveParams::default(), None);
        (derived, cleaned.table)
    }

    /// The bank sample, prepared.
    fn bank() -> (crate::features::Derived, Table) {
        prepared(&crate::sample::bank_csv(3_000, 5))
    }

    #[test]
    fn what_is_known_only_after_the_call_never_drives_a_segment_or_an_action() {
        let (derived, cleaned) = bank();
        let defaults = default_features(&derived);
        assert!(!defaults.is_empty());
        assert!(
            defaults.iter().all(|f| f.column != "duration"),
            "duration is not a default feature: {defaults:?}"
        );
        // A user may still choose it; the actions then do not rank segments by a response
        // that the call's length explains.
        let mut features = defaults.clone();
        features.push(FeatureSpec {
            column: "duration".into(),
            scaling: Scaling::Standard,
        });
        let params = SegmentParams {
            k_min: 4,
            k_max: 4,
            n_init: 2,
            ..SegmentParams::new(features)
        };
        let seg = segment_table(&cleaned, &derived.schema, &params).unwrap();
        let all: Vec<&String> = seg.segments.iter().flat_map(|s| &s.actions.en).collect();
        assert!(
            all.iter()
                .all(|a| !a.starts_with("Put them first") && !a.starts_with("Contact them last")),
            "{all:#?}"
        );
        assert!(
            all.iter()
                .any(|a| a.contains("follows duration, which is known only after the outcome")),
            "the segment whose response follows duration says so: {all:#?}"
        );
        let id: Vec<&String> = seg.segments.iter().flat_map(|s| &s.actions.id).collect();
        assert!(id
            .iter()
            .any(|a| a.contains("baru diketahui setelah hasilnya")));
    }

    #[test]
    fn errors_and_form_messages_in_indonesian() {
        let seg = segmentation(3, 3);
        let field = &seg.form[0];
        let err = seg
            .model
            .assign(&[(field.column.clone(), "  ".to_string())])
            .unwrap_err();
        assert_eq!(err.to_string(), format!("{}: enter a value", field.column));
        assert_eq!(
            with_lang(Lang::Id, || err.to_string()),
            format!("{}: isi sebuah nilai", field.column)
        );
        let range = SegmentError::BadRange { k_min: 5, k_max: 3 };
        let id = with_lang(Lang::Id, || range.to_string());
        assert_eq!(id, "rentang k 5–3 kosong atau dimulai di bawah 2");
        let cluster: SegmentError = ClusterError::TooFewRows { rows: 2, k: 3 }.into();
        let id = with_lang(Lang::Id, || cluster.to_string());
        assert!(id.contains("baris") && id.contains("pembersihan"), "{id}");
        no_english(&id);
        let bad = SegmentsFile::from_json(r#"{"format":"klaster-logistic"}"#).unwrap_err();
        let id = with_lang(Lang::Id, || bad.to_string());
        assert!(
            id.starts_with("ini bukan berkas segmentasi Klaster"),
            "{id}"
        );
    }
}
