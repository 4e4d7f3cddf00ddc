//! Times the default segmentation of a file natively: `cargo run --release -p klaster-engine
//! --example segment_timing -- FILE [RESTARTS] [SILHOUETTE_SAMPLE]`.
use klaster_engine::features::{clean, derive, CleanParams, DeriveParams};
use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
use klaster_engine::schema::recognise;
use klaster_engine::segment::{default_features, segment_table, SegmentParams};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("FILE");
    let restarts: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let sample: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(2500);
    let bytes = std::fs::read(&path).expect("readable file");
    let t = read_table(&bytes, &ReadOptions::default(), &mut NoProgress)
        .expect("table")
        .table;
    let s = recognise(&t);
    let start = std::time::Instant::now();
    let d = derive(&t, &s, &DeriveParams::default());
    let c = clean(
        &d.table,
        &d.schema,
        &CleanParams::defaults_for(&d.table, &d.schema),
    );
    let prepared = start.elapsed();
    let params = SegmentParams {
        n_init: restarts,
        silhouette_sample: sample,
        ..SegmentParams::new(default_features(&d))
    };
    let seg = segment_table(&c.table, &d.schema, &params).expect("segments");
    println!(
        "prepare {prepared:?}, segment {:?}, k = {}, rows {}",
        start.elapsed() - prepared,
        seg.k,
        seg.rows_used
    );
}
