//! Times training on bank-full.csv (the in-browser "train your own model" target: ≤ 2 s).
//! `cargo run --release -p klaster-engine --example train_timing`
use std::time::Instant;

use klaster_engine::features::{clean, derive, CleanParams, DeriveParams};
use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
use klaster_engine::model::shipped::Preset;
use klaster_engine::model::{train, TrainParams};
use klaster_engine::schema::recognise;

fn main() {
    let path = format!(
        "{}/../../shared/data/bank-full.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(path).expect("../shared/data/bank-full.csv");
    let t = read_table(&bytes, &ReadOptions::default(), &mut NoProgress)
        .unwrap()
        .table;
    let s = recognise(&t);
    let d = derive(&t, &s, &DeriveParams::default());
    let c = clean(
        &d.table,
        &d.schema,
        &CleanParams::defaults_for(&d.table, &d.schema),
    );
    for (label, params) in [
        ("bank preset, 5 folds × 11 C", Preset::Bank.params()),
        (
            "page defaults (all columns but duration)",
            TrainParams::defaults_for(&c.table, &d.schema, "y"),
        ),
    ] {
        let mut best = f64::MAX;
        for _ in 0..3 {
            let start = Instant::now();
            let m = train(&c.table, &d.schema, &params).unwrap();
            best = best.min(start.elapsed().as_secs_f64());
            assert!(m.metrics.roc_auc > 0.7);
        }
        println!("{label}: {:.0} ms (best of 3)", best * 1000.0);
    }
}
