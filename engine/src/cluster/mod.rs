//! Segmentation algorithms and their quality measures: K-Means (linfa-clustering), K-Prototypes
//! (ours, Huang 1998), the silhouette (exact and sampled), k selection and a 2-D PCA projection.
//!
//! Every algorithm reads points as one row-major `&[f64]` slice (`rows × dims`), the layout the
//! silhouette and the scalers use, so no analysis copies the data into its own shape.

pub mod kmeans;
pub mod kprototypes;
pub mod pca;
pub mod silhouette;

pub use silhouette::{silhouette, silhouette_sampled, Silhouette, SilhouetteError};

use thiserror::Error;

/// Why a segmentation cannot be computed. Every variant is a sentence a user can act on.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum ClusterError {
    #[error("choose at least one feature to segment on")]
    NoFeatures,
    #[error("{k} segments need at least {k} rows; only {rows} are left after cleaning")]
    TooFewRows { rows: usize, k: usize },
    #[error(
        "only {distinct} different customers (after scaling) for {k} segments: choose k ≤ {distinct} or more varied features"
    )]
    TooFewDistinct { distinct: usize, k: usize },
    #[error("k must be at least 2 (got {k})")]
    BadK { k: usize },
    #[error("{name} must be {rule} (got {value})")]
    BadParameter {
        name: &'static str,
        rule: &'static str,
        value: f64,
    },
    #[error("{rows} rows of {dims} numbers expected, but {len} values given")]
    Shape {
        rows: usize,
        dims: usize,
        len: usize,
    },
    #[error("feature {feature} has a missing or non-finite value in row {row}: clean or impute it first")]
    NonFinite { feature: usize, row: usize },
}

/// Squared Euclidean distance of two points of equal length.
pub(crate) fn squared_distance(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

/// Checks the shape of row-major points and that every value is finite.
pub fn check_points(rows: usize, dims: usize, data: &[f64]) -> Result<(), ClusterError> {
    if dims == 0 {
        return Err(ClusterError::NoFeatures);
    }
    if data.len() != rows * dims {
        return Err(ClusterError::Shape {
            rows,
            dims,
            len: data.len(),
        });
    }
    match data.iter().position(|v| !v.is_finite()) {
        Some(i) => Err(ClusterError::NonFinite {
            feature: i % dims,
            row: i / dims,
        }),
        None => Ok(()),
    }
}
