//! Load + type inference benchmarks: the synthetic customer table always, and bank-full.csv from
//! ../shared/data when it is present. Run with `cargo bench -p klaster-engine`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
use klaster_engine::sample::customer_personality_csv;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("load+infer");
    group.sample_size(10);
    let synthetic = customer_personality_csv(45_000, 1);
    group.throughput(Throughput::Bytes(synthetic.len() as u64));
    group.bench_function("synthetic_customers_45k", |b| {
        b.iter(|| {
            read_table(
                synthetic.as_bytes(),
                &ReadOptions::default(),
                &mut NoProgress,
            )
            .unwrap()
        })
    });
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/data/bank-full.csv"
    );
    match std::fs::read(path) {
        Ok(bank) => {
            group.throughput(Throughput::Bytes(bank.len() as u64));
            group.bench_function("bank_full", |b| {
                b.iter(|| read_table(&bank, &ReadOptions::default(), &mut NoProgress).unwrap())
            });
        }
        Err(_) => eprintln!("skipping bank_full: ../shared/data/bank-full.csv not present"),
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
