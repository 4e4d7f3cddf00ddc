//! Segmentation, natively: K-Means sweep, silhouette (exact and sampled) on bank-full.csv's six
//! numeric columns, and K-Prototypes on 100,000 generated mixed rows. The same work in
//! scikit-learn and kmodes is `bench/segment_reference.py`; `scripts/bench.sh` runs both.
//!
//! Run: `cargo bench -p klaster-engine --bench segment`. The bank-full cases need
//! ../shared/data/bank-full.csv (skipped otherwise). The mixed rows are written to
//! `target/klaster-bench/mixed_100k.csv` so that the Python side reads exactly the same values.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use klaster_engine::cluster::kmeans::{self, KMeansParams};
use klaster_engine::cluster::kprototypes::{self, KPrototypesParams, MixedPoints};
use klaster_engine::cluster::{silhouette, silhouette_sampled};
use klaster_engine::features::{design, FeatureSpec, Scaling};
use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// bank-full's numeric columns, as the Python side selects them.
const BANK_NUMERIC: [&str; 6] = [
    "age", "balance", "duration", "campaign", "pdays", "previous",
];
/// Rows of the generated mixed table and its seed.
const MIXED_ROWS: usize = 100_000;
const MIXED_SEED: u64 = 42;
/// Distinct values of the four categorical columns.
const LEVELS: [usize; 4] = [3, 4, 5, 8];

fn specs(columns: &[&str]) -> Vec<FeatureSpec> {
    columns
        .iter()
        .map(|c| FeatureSpec {
            column: c.to_string(),
            scaling: Scaling::Standard,
        })
        .collect()
}

/// The six numeric columns of bank-full, standard-scaled (population std, as StandardScaler),
/// raw values: pdays' −1 "never contacted" code is kept as a number, as pandas reads it.
fn bank_points() -> Option<(usize, Vec<f64>)> {
    let path = format!(
        "{}/../../shared/data/bank-full.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("skipping the bank-full cases: {path} not present");
        return None;
    };
    let mut table = read_table(&bytes, &ReadOptions::default(), &mut NoProgress)
        .unwrap()
        .table;
    for c in &mut table.columns {
        c.inference.sentinel = None;
    }
    let d = design(&table, &specs(&BANK_NUMERIC), true).unwrap();
    assert_eq!((d.dims, d.skipped), (6, 0));
    Some((d.rows.len(), d.numeric))
}

/// 100,000 rows, 6 numbers (on different scales) and 4 categories, from 5 planted groups of
/// unequal size; written as CSV (`x1..x6,c1..c4`) and returned as text.
fn mixed_csv() -> String {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(MIXED_SEED);
    let scales = [1.0, 10.0, 100.0, 1000.0, 0.1, 5.0];
    let weights = [0.35, 0.25, 0.2, 0.12, 0.08];
    let mut out = String::with_capacity(MIXED_ROWS * 64);
    out.push_str("x1,x2,x3,x4,x5,x6,c1,c2,c3,c4\n");
    for _ in 0..MIXED_ROWS {
        let u: f64 = rng.gen();
        let mut g = 0;
        let mut acc = weights[0];
        while u >= acc && g < weights.len() - 1 {
            g += 1;
            acc += weights[g];
        }
        for (j, s) in scales.iter().enumerate() {
            // Box–Muller normal around the group's centre.
            let (u1, u2): (f64, f64) = (rng.gen::<f64>().max(f64::MIN_POSITIVE), rng.gen());
            let z = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
            let centre = ((g * 7 + j * 3) % 5) as f64 * 1.5;
            out.push_str(&format!("{:.4},", (centre + z) * s));
        }
        for (c, &levels) in LEVELS.iter().enumerate() {
            let v = if rng.gen::<f64>() < 0.6 {
                (g + c) % levels
            } else {
                rng.gen_range(0..levels)
            };
            out.push(char::from(b'a' + v as u8));
            out.push(if c + 1 < LEVELS.len() { ',' } else { '\n' });
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    if let Some((n, data)) = bank_points() {
        let mut group = c.benchmark_group("bank-full-6-numeric");
        // Seconds per iteration: one iteration per sample, ten samples.
        group.sampling_mode(SamplingMode::Flat);
        group.sample_size(10);
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(5));
        group.bench_function("kmeans sweep k=2..10 (n_init=10)", |b| {
            b.iter(|| {
                (2..=10)
                    .map(|k| {
                        kmeans::fit(n, 6, &data, &KMeansParams::new(k))
                            .unwrap()
                            .inertia
                    })
                    .sum::<f64>()
            })
        });
        let fit4 = kmeans::fit(n, 6, &data, &KMeansParams::new(4)).unwrap();
        let labels = fit4.labels;
        eprintln!(
            "bank-full: k = 4 inertia {:.1}, sampled silhouette {:.4}",
            fit4.inertia,
            silhouette_sampled(n, 6, &data, &labels, 5_000, 0)
                .unwrap()
                .score
        );
        group.bench_function("silhouette sampled 5000 (k=4)", |b| {
            b.iter(|| {
                silhouette_sampled(n, 6, &data, &labels, 5_000, 0)
                    .unwrap()
                    .score
            })
        });
        group.bench_function("silhouette exact (k=4)", |b| {
            b.iter(|| silhouette(n, 6, &data, &labels).unwrap().score)
        });
        group.finish();
    }

    let csv = mixed_csv();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/klaster-bench");
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(format!("{dir}/mixed_100k.csv"), &csv).unwrap();
    let table = read_table(csv.as_bytes(), &ReadOptions::default(), &mut NoProgress)
        .unwrap()
        .table;
    let columns = ["x1", "x2", "x3", "x4", "x5", "x6", "c1", "c2", "c3", "c4"];
    let d = design(&table, &specs(&columns), false).unwrap();
    assert_eq!((d.rows.len(), d.dims, d.n_categorical), (MIXED_ROWS, 6, 4));
    let points = MixedPoints {
        rows: MIXED_ROWS,
        numeric: &d.numeric,
        n_numeric: d.dims,
        categorical: &d.codes,
        n_categorical: d.n_categorical,
    };
    let fit = kprototypes::fit(&points, &KPrototypesParams::new(5)).unwrap();
    eprintln!(
        "mixed-100k: k = 5 cost {:.1}, gamma {:.4}",
        fit.cost, fit.gamma
    );
    let mut group = c.benchmark_group("mixed-100k");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("kprototypes k=5 (Cao, n_init=10)", |b| {
        b.iter(|| {
            kprototypes::fit(&points, &KPrototypesParams::new(5))
                .unwrap()
                .cost
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
