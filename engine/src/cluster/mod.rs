//! Segmentation algorithms and their quality measures. So far: the silhouette (exact and
//! sampled); K-Means, K-Prototypes and k selection join here (issue #4).

pub mod silhouette;

pub use silhouette::{silhouette, silhouette_sampled, Silhouette, SilhouetteError};
