//! The Segment step's settings and errors: the algorithm, the k range, the minimum segment
//! share, the sweep's sample size.

use super::*;

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

pub(super) fn default_min_share() -> f64 {
    outliers::MIN_SHARE
}

/// [`SegmentParams::sweep_rows`]' default: above bank-full's 45,211 rows, so tables of that
/// size are swept whole; a 50,000-row sweep takes about 2 s in the browser.
pub const SWEEP_ROWS: usize = 50_000;

pub(super) fn default_sweep_rows() -> usize {
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
