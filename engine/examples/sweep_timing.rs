use klaster_engine::cluster::kmeans::{fit, KMeansParams};
use klaster_engine::features::{scale::fit_numeric, Scaling};
use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
fn main() {
    let n_init: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(4);
    let bytes = std::fs::read("../shared/data/bank-full.csv").unwrap();
    let t = read_table(&bytes, &ReadOptions::default(), &mut NoProgress)
        .unwrap()
        .table;
    let cols = [
        "age", "balance", "duration", "campaign", "pdays", "previous",
    ];
    let scaled: Vec<Vec<f64>> = cols
        .iter()
        .map(|c| {
            fit_numeric(
                c,
                Scaling::Standard,
                &t.column(c).unwrap().data.valid_numbers(),
            )
            .unwrap()
            .1
        })
        .collect();
    let n = t.n_rows();
    let data: Vec<f64> = (0..n)
        .flat_map(|r| scaled.iter().map(move |c| c[r]))
        .collect();
    let start = std::time::Instant::now();
    for k in 2..=10 {
        let s = std::time::Instant::now();
        let f = fit(
            n,
            6,
            &data,
            &KMeansParams {
                n_init,
                tolerance: std::env::args()
                    .nth(2)
                    .and_then(|a| a.parse().ok())
                    .unwrap_or(1e-4),
                max_iter: std::env::args()
                    .nth(3)
                    .and_then(|a| a.parse().ok())
                    .unwrap_or(300),
                ..KMeansParams::new(k)
            },
        )
        .unwrap();
        println!(
            "k={k} inertia={:.1} it={} {:?}",
            f.inertia,
            f.iterations,
            s.elapsed()
        );
    }
    println!("total {:?}", start.elapsed());
}
