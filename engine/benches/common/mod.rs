//! What the scale bench and `examples/scale_timing.rs` share (included by both with `mod`).

use klaster_engine::cluster::kmeans::{self, KMeansFit, KMeansParams};
use klaster_engine::features::{design, Design, FeatureSpec};
use klaster_engine::table::Table;

/// The reference clustering of `bench/scale_reference.py`: the features of every row,
/// standard-scaled (one-hot for categories), labelled by K-Means with k = 4 and one run, so
/// that both sides time and score the same partition.
pub fn reference_k4(table: &Table, features: &[FeatureSpec]) -> (Design, KMeansFit) {
    let d = design(table, features, true).expect("the LRFM features");
    let fit = kmeans::fit(
        d.rows.len(),
        d.dims,
        &d.numeric,
        &KMeansParams {
            n_init: 1,
            ..KMeansParams::new(4)
        },
    )
    .expect("a fit");
    (d, fit)
}
