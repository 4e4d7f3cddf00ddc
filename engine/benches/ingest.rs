//! Load + type inference + profile, natively. The synthetic customer table always; bank-full.csv
//! and marketing_campaign.csv from ../shared/data when present. Run: `cargo bench -p klaster-engine`
//! (or `scripts/bench.sh` for the table beside pandas and the browser).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
use klaster_engine::profile::profile;
use klaster_engine::sample::customer_personality_csv;

fn cases() -> Vec<(String, Vec<u8>)> {
    let mut out = vec![(
        "synthetic_45k".to_string(),
        customer_personality_csv(45_000, 1).into_bytes(),
    )];
    for name in ["bank-full.csv", "marketing_campaign.csv"] {
        let path = format!("{}/../../shared/data/{name}", env!("CARGO_MANIFEST_DIR"));
        match std::fs::read(&path) {
            Ok(bytes) => out.push((name.to_string(), bytes)),
            Err(_) => eprintln!("skipping {name}: not present in ../shared/data"),
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    for (name, bytes) in cases() {
        let mut group = c.benchmark_group(name.as_str());
        group.sample_size(20);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function("load+infer", |b| {
            b.iter(|| read_table(&bytes, &ReadOptions::default(), &mut NoProgress).unwrap())
        });
        let loaded = read_table(&bytes, &ReadOptions::default(), &mut NoProgress).unwrap();
        group.bench_function("profile", |b| b.iter(|| profile(&loaded.table)));
        group.bench_function("load+infer+profile", |b| {
            b.iter(|| {
                let l = read_table(&bytes, &ReadOptions::default(), &mut NoProgress).unwrap();
                profile(&l.table)
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
