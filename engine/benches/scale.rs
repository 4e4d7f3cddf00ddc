//! The page's default flow at scale, natively: generated customer tables of 100,000 and
//! 1,000,000 rows (`klaster sample --rows N --seed 7`, 29 columns), step by step — read and
//! type inference, profile, prepare (derive and clean), the k sweep (on the 50,000-row sample
//! the engine sweeps above that size), silhouette on a 5,000-row sample, K-Prototypes on the
//! LRFM features with Education and Marital_Status, and scoring with the shipped model. The
//! same work in pandas, scikit-learn and kmodes is `bench/scale_reference.py`; scripts/bench.sh
//! runs both and the README's "A million rows" table holds the figures.
//!
//! Run: `cargo bench -p klaster-engine --bench scale` (about four minutes). The tables are read
//! from `target/klaster-bench/customers_N.tsv`, written here when missing, so that the Python
//! side reads the same bytes. The exact silhouette is O(n²) (10¹⁰ pairs at 100k rows): it is
//! timed once by `examples/scale_timing.rs`, not here.

mod common;

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode};
use klaster_engine::cluster::kprototypes::{self, KPrototypesInit, KPrototypesParams, MixedPoints};
use klaster_engine::cluster::silhouette_sampled;
use klaster_engine::features::{clean, derive, design, CleanParams, DeriveParams, FeatureSpec};
use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
use klaster_engine::model::shipped;
use klaster_engine::profile::profile_with;
use klaster_engine::sample::SampleKind;
use klaster_engine::schema::recognise;
use klaster_engine::segment::{default_features, SegmentParams, SweepPlan};

/// The sizes of the README's scale table and the generator's seed.
const SIZES: [usize; 2] = [100_000, 1_000_000];
const SEED: u64 = 7;

/// The generated table of `rows` rows, from the shared bench folder (written when missing).
fn customers(rows: usize) -> Vec<u8> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/klaster-bench");
    let path = format!("{dir}/customers_{rows}.tsv");
    if let Ok(bytes) = std::fs::read(&path) {
        return bytes;
    }
    let text = SampleKind::Customers.generate(rows, SEED);
    std::fs::create_dir_all(dir).expect("a bench folder");
    std::fs::write(&path, &text).expect("a writable bench folder");
    text.into_bytes()
}

fn bench(c: &mut Criterion) {
    for rows in SIZES {
        let bytes = customers(rows);
        let mut group = c.benchmark_group(format!("customers-{rows}"));
        group.sampling_mode(SamplingMode::Flat);
        group.sample_size(10);
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(if rows > 100_000 { 20 } else { 5 }));
        let opts = ReadOptions::default();
        group.bench_function(BenchmarkId::new("read + infer", rows), |b| {
            b.iter(|| read_table(&bytes, &opts, &mut NoProgress).expect("a table"))
        });
        let table = read_table(&bytes, &opts, &mut NoProgress)
            .expect("a table")
            .table;
        let schema = recognise(&table);
        group.bench_function(BenchmarkId::new("profile", rows), |b| {
            b.iter(|| profile_with(&table, schema.clone()))
        });
        group.bench_function(BenchmarkId::new("prepare", rows), |b| {
            b.iter(|| {
                let d = derive(&table, &schema, &DeriveParams::default());
                let p = CleanParams::defaults_for(&d.table, &d.schema);
                clean(&d.table, &d.schema, &p).table.n_rows()
            })
        });
        let derived = derive(&table, &schema, &DeriveParams::default());
        let params = CleanParams::defaults_for(&derived.table, &derived.schema);
        let cleaned = clean(&derived.table, &derived.schema, &params);
        let seg = SegmentParams::new(default_features(&derived));
        group.bench_function(
            BenchmarkId::new("k sweep 2..10 x 10 (50k sample)", rows),
            |b| {
                b.iter(|| {
                    let plan = SweepPlan::new(&cleaned.table, &seg).expect("a plan");
                    (seg.k_min..=seg.k_max)
                        .filter(|&k| plan.input.fit(k).is_ok())
                        .count()
                })
            },
        );

        // The LRFM features of every row, standard-scaled, labelled by K-Means (k = 4).
        let (d, fit) = common::reference_k4(&cleaned.table, &seg.features);
        let n = d.rows.len();
        group.bench_function(
            BenchmarkId::new("silhouette sampled 5000 (k=4)", rows),
            |b| {
                b.iter(|| {
                    silhouette_sampled(n, d.dims, &d.numeric, &fit.labels, 5_000, 0)
                        .expect("a score")
                        .score
                })
            },
        );

        // K-Prototypes: LRFM and two categories, k = 4, Cao initialisation, one run.
        let mut mixed: Vec<FeatureSpec> = seg.features.clone();
        for name in ["Education", "Marital_Status"] {
            mixed.push(FeatureSpec {
                column: name.into(),
                scaling: mixed[0].scaling,
            });
        }
        let md = design(&cleaned.table, &mixed, false).expect("mixed features");
        let points = MixedPoints {
            rows: md.rows.len(),
            numeric: &md.numeric,
            n_numeric: md.dims,
            categorical: &md.codes,
            n_categorical: md.n_categorical,
        };
        let kp = KPrototypesParams {
            n_init: 1,
            init: KPrototypesInit::Cao,
            ..KPrototypesParams::new(4)
        };
        group.bench_function(
            BenchmarkId::new("kprototypes k=4 (Cao, 1 run)", rows),
            |b| b.iter(|| kprototypes::fit(&points, &kp).expect("a fit").cost),
        );

        if let Some(m) = shipped::for_schema(derived.schema.kind) {
            group.bench_function(BenchmarkId::new("score (shipped model)", rows), |b| {
                b.iter(|| m.score(&derived.table, &derived.schema).is_ok())
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
