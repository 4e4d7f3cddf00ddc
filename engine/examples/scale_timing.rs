//! Times every step of the page's default flow natively, one by one, on a file:
//! `cargo run --release -p klaster-engine --example scale_timing -- FILE`.
//! It is how the 1M-row budget of DESIGN §4 was split between the steps.
#[path = "../benches/common/mod.rs"]
mod common;

use std::time::Instant;

use klaster_engine::cluster::silhouette;
use klaster_engine::features::conversion::conversion_analysis;
use klaster_engine::features::{clean, derive, CleanParams, DeriveParams};
use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
use klaster_engine::model::shipped;
use klaster_engine::profile::profile_with;
use klaster_engine::schema::recognise;
use klaster_engine::segment::{default_features, SegmentParams, SweepPlan};

fn main() {
    let path = std::env::args().nth(1).expect("FILE");
    let t = Instant::now();
    let lap = |what: &str, t: &mut Instant| {
        println!(
            "{what:<28} {:>8.0} ms   rss {:>5} MB, peak {:>5} MB",
            t.elapsed().as_secs_f64() * 1e3,
            memory("VmRSS:"),
            memory("VmHWM:")
        );
        *t = Instant::now();
    };
    let mut t0 = t;
    let bytes = std::fs::read(&path).expect("readable file");
    lap("read file", &mut t0);
    let loaded = read_table(&bytes, &ReadOptions::default(), &mut NoProgress).expect("table");
    lap("parse + infer", &mut t0);
    let table = loaded.table;
    let schema = recognise(&table);
    lap("recognise", &mut t0);
    let _profile = profile_with(&table, schema.clone());
    lap("profile", &mut t0);
    let derived = derive(&table, &schema, &DeriveParams::default());
    lap("derive", &mut t0);
    let clean_params = CleanParams::defaults_for(&derived.table, &derived.schema);
    lap("clean: defaults", &mut t0);
    let cleaned = clean(&derived.table, &derived.schema, &clean_params);
    lap("clean", &mut t0);
    let _ = conversion_analysis(&cleaned.table, &derived.schema, &[]);
    lap("conversion analysis", &mut t0);
    let params = SegmentParams::new(default_features(&derived));
    let plan = SweepPlan::new(&cleaned.table, &params).expect("plan");
    lap("segment: plan", &mut t0);
    let fits: Vec<_> = (params.k_min..=params.k_max)
        .map(|k| plan.input.fit(k))
        .collect();
    lap("segment: sweep", &mut t0);
    let seg = plan
        .finish(&cleaned.table, &derived.schema, &params, fits)
        .expect("segments");
    lap("segment: finish (profiles)", &mut t0);
    // The exact silhouette is O(n²): timed once here, on tables up to 200,000 rows (10¹⁰ pairs
    // at 100k; a million rows would take about an hour). K = 4 on the LRFM features, as
    // bench/scale_reference.py.
    if cleaned.table.n_rows() <= 200_000 {
        let (d, fit) = common::reference_k4(&cleaned.table, &params.features);
        let n = d.rows.len();
        lap("k = 4 on every row (1 run)", &mut t0);
        let exact = silhouette(n, d.dims, &d.numeric, &fit.labels).expect("a score");
        lap("silhouette exact (k = 4)", &mut t0);
        println!("silhouette exact {:.4} on {n} rows", exact.score);
    }
    if let Some(m) = shipped::for_schema(derived.schema.kind) {
        let _ = m.score(&derived.table, &derived.schema);
        lap("score", &mut t0);
    }
    println!(
        "total {:.0} ms; k = {}, rows {}",
        t.elapsed().as_secs_f64() * 1e3,
        seg.k,
        seg.rows_used
    );
}

/// A memory figure of this process from /proc/self/status, in MB (0 where there is none).
fn memory(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}
