//! Large tables: above `SegmentParams::sweep_rows` the k sweep fits a seeded sample and the
//! chosen k is refined on every row. These tests check that the result is as good as fitting
//! every row with all the restarts (the engine's full fit, itself checked against
//! scikit-learn and kmodes in `segment_reference.rs` / `kprototypes_reference.rs`).
use klaster_engine::cluster::kmeans::{self, KMeansParams};
use klaster_engine::cluster::kprototypes::{self, KPrototypesParams, MixedPoints};
use klaster_engine::features::{prepare, DeriveParams, FeatureSpec, Scaling};
use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
use klaster_engine::sample::customer_personality_csv;
use klaster_engine::schema::recognise;
use klaster_engine::segment::{
    default_features, segment_table, Algorithm, SegmentParams, SweepPlan, SWEEP_ROWS,
};

const ROWS: usize = 200_000;

fn prepared() -> (
    klaster_engine::features::Derived,
    klaster_engine::features::Cleaned,
) {
    let text = customer_personality_csv(ROWS, 5);
    let table = read_table(text.as_bytes(), &ReadOptions::default(), &mut NoProgress)
        .unwrap()
        .table;
    let schema = recognise(&table);
    let (d, c, _) = prepare(&table, &schema, &DeriveParams::default(), None);
    (d, c)
}

/// Sum over `rows × dims` points of the squared distance to the nearest of `centres`.
fn inertia(points: &[f64], dims: usize, centres: &[f64]) -> f64 {
    points
        .chunks_exact(dims)
        .map(|p| {
            centres
                .chunks_exact(dims)
                .map(|c| p.iter().zip(c).map(|(a, b)| (a - b) * (a - b)).sum::<f64>())
                .fold(f64::INFINITY, f64::min)
        })
        .sum()
}

#[test]
fn sampled_kmeans_sweep_then_refined_matches_the_full_fit() {
    let (d, c) = prepared();
    let params = SegmentParams::new(default_features(&d));
    let seg = segment_table(&c.table, &d.schema, &params).unwrap();
    assert_eq!(seg.algorithm, Algorithm::KMeans);
    assert_eq!(seg.sweep_sample, Some(SWEEP_ROWS));
    assert!(seg.rows_used > 190_000);
    // Every row has a segment and the sizes add up.
    assert_eq!(seg.labels.len(), seg.rows_used);
    assert_eq!(
        seg.segments.iter().map(|s| s.size).sum::<usize>(),
        seg.rows_used
    );

    // The same points, whole: the plan of a sweep that does not sample.
    let whole = SweepPlan::new(
        &c.table,
        &SegmentParams {
            sweep_rows: usize::MAX,
            ..params.clone()
        },
    )
    .unwrap();
    let points = &whole.input;
    assert_eq!(points.rows, seg.rows_used);
    let full = kmeans::fit(
        points.rows,
        points.dims,
        &points.numeric,
        &KMeansParams {
            n_init: 10,
            ..KMeansParams::new(seg.k)
        },
    )
    .unwrap();
    let refined = inertia(&points.numeric, points.dims, &seg.model.centroids);
    assert!(
        refined <= full.inertia * 1.001,
        "k = {}: refined inertia {refined} vs the full fit's {}",
        seg.k,
        full.inertia
    );
}

#[test]
fn sampled_kprototypes_sweep_then_refined_matches_the_full_fit() {
    let (_, c) = prepared();
    let schema = recognise(&c.table);
    let spec = |column: &str| FeatureSpec {
        column: column.into(),
        scaling: Scaling::Standard,
    };
    let params = SegmentParams {
        features: vec![spec("Income"), spec("Recency"), spec("Education")],
        k_min: 3,
        k_max: 5,
        n_init: 3,
        ..SegmentParams::new(Vec::new())
    };
    let seg = segment_table(&c.table, &schema, &params).unwrap();
    assert_eq!(seg.algorithm, Algorithm::KPrototypes);
    assert_eq!(seg.sweep_sample, Some(SWEEP_ROWS));
    let whole = SweepPlan::new(
        &c.table,
        &SegmentParams {
            sweep_rows: usize::MAX,
            ..params.clone()
        },
    )
    .unwrap();
    let p = &whole.input;
    let points = MixedPoints {
        rows: p.rows,
        numeric: &p.numeric,
        n_numeric: p.dims,
        categorical: &p.codes,
        n_categorical: p.n_categorical,
    };
    let gamma = seg.gamma.unwrap();
    let full = kprototypes::fit(
        &points,
        &KPrototypesParams {
            gamma: Some(gamma),
            n_init: 3,
            ..KPrototypesParams::new(seg.k)
        },
    )
    .unwrap();
    // The refined prototypes' cost on every row: one K-Prototypes pass from them changes
    // nothing more than rounding, so refine with 0 further passes and read its cost.
    let refined = kprototypes::refine(
        &points,
        gamma,
        &seg.model.centroids,
        &seg.model.modes,
        &KPrototypesParams {
            max_iter: 0,
            ..KPrototypesParams::new(seg.k)
        },
    )
    .unwrap();
    assert!(
        refined.cost <= full.cost * 1.005,
        "k = {}: refined cost {} vs the full fit's {}",
        seg.k,
        refined.cost,
        full.cost
    );
    assert_eq!(
        seg.segments.iter().map(|s| s.size).sum::<usize>(),
        seg.rows_used
    );
}

#[test]
fn small_tables_are_swept_whole() {
    let text = customer_personality_csv(3_000, 5);
    let table = read_table(text.as_bytes(), &ReadOptions::default(), &mut NoProgress)
        .unwrap()
        .table;
    let schema = recognise(&table);
    let (d, c, _) = prepare(&table, &schema, &DeriveParams::default(), None);
    let seg = segment_table(
        &c.table,
        &d.schema,
        &SegmentParams::new(default_features(&d)),
    )
    .unwrap();
    assert_eq!(seg.sweep_sample, None);
}
