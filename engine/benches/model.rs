//! Response models and the campaign plan, natively, on bank-full.csv: scoring every call with
//! the shipped model, scoring a million rows (bank-full repeated), training as the page does
//! (stratified holdout, 5-fold CV over 11 values of C, final fit), and the plan. The same work
//! in scikit-learn is `bench/model_reference.py`; `scripts/bench.sh` runs both.
//!
//! Run: `cargo bench -p klaster-engine --bench model` (needs ../shared/data/bank-full.csv).

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use klaster_engine::campaign::{plan, PlanParams};
use klaster_engine::features::{derive, DeriveParams, Derived};
use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
use klaster_engine::model::shipped::{self, Preset};
use klaster_engine::model::train;
use klaster_engine::schema::recognise;

fn bank() -> Option<Derived> {
    let path = format!(
        "{}/../../shared/data/bank-full.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("skipping: {path} not present");
        return None;
    };
    let t = read_table(&bytes, &ReadOptions::default(), &mut NoProgress)
        .unwrap()
        .table;
    let s = recognise(&t);
    Some(derive(&t, &s, &DeriveParams::default()))
}

fn model(c: &mut Criterion) {
    let Some(d) = bank() else {
        return;
    };
    let m = shipped::by_id("bank").unwrap();
    let mut g = c.benchmark_group("bank-full model");
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    g.bench_function("score 45,211 rows", |b| {
        b.iter(|| m.score(&d.table, &d.schema).unwrap())
    });
    let million: Vec<usize> = (0..1_000_000).map(|i| i % d.table.n_rows()).collect();
    let big = d.table.select_rows(&million);
    g.bench_function("score 1,000,000 rows", |b| {
        b.iter(|| m.score(&big, &d.schema).unwrap())
    });
    let scores = m.score(&d.table, &d.schema).unwrap().scores;
    let economics = PlanParams::EXAMPLE;
    g.bench_function("plan 45,211 rows (gains, profit, best cut-off)", |b| {
        b.iter(|| plan(&scores, None, None, &economics).unwrap())
    });
    g.bench_function("train (holdout, 5-fold CV × 11 C, final fit)", |b| {
        b.iter(|| train(&d.table, &d.schema, &Preset::Bank.params()).unwrap())
    });
    g.finish();
}

criterion_group!(benches, model);
criterion_main!(benches);
