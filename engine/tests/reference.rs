//! The engine reproduces scikit-learn's figures, committed in reference/expected.json by
//! reference/sklearn_reference.py (see that script for how each case's data is built).

use klaster_engine::cluster::silhouette;
use klaster_engine::features::scale::fit_numeric;
use klaster_engine::features::Scaling;
use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
use serde_json::Value;

fn expected() -> Value {
    serde_json::from_str(include_str!("../../reference/expected.json")).unwrap()
}

#[test]
fn silhouette_small_case_matches_scikit_learn() {
    let e = &expected()["small"];
    let data: Vec<f64> = e["data"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()))
        .collect();
    let labels: Vec<usize> = e["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as usize)
        .collect();
    let s = silhouette(labels.len(), 2, &data, &labels).unwrap();
    assert!((s.score - e["silhouette"].as_f64().unwrap()).abs() < 1e-12);
}

#[test]
fn silhouette_on_bank_full_matches_scikit_learn() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/data/bank-full.csv"
    );
    let Ok(bytes) = std::fs::read(path) else {
        eprintln!("skipping: {path} not present");
        return;
    };
    let e = &expected()["bank_full_age_groups"];
    let t = read_table(&bytes, &ReadOptions::default(), &mut NoProgress)
        .unwrap()
        .table;
    let cols: Vec<&str> = e["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let rows = e["rows"].as_u64().unwrap() as usize;
    // Standard scaling over all rows with the population std (StandardScaler), raw values
    // (pdays' -1 code included, as the reference does).
    let scaled: Vec<Vec<f64>> = cols
        .iter()
        .map(|c| {
            let v = t.column(c).unwrap().data.valid_numbers();
            fit_numeric(c, Scaling::Standard, &v).unwrap().1
        })
        .collect();
    let data: Vec<f64> = (0..rows)
        .flat_map(|r| scaled.iter().map(move |c| c[r]))
        .collect();
    let ages = t.column("age").unwrap().data.valid_numbers();
    let labels: Vec<usize> = ages[..rows]
        .iter()
        .map(|&a| {
            if a < 33.0 {
                0
            } else if a < 48.0 {
                1
            } else {
                2
            }
        })
        .collect();
    let s = silhouette(rows, cols.len(), &data, &labels).unwrap();
    assert!(
        (s.score - e["silhouette"].as_f64().unwrap()).abs() < 1e-6,
        "{} vs {}",
        s.score,
        e["silhouette"]
    );
    for (c, want) in e["per_cluster"].as_array().unwrap().iter().enumerate() {
        assert!((s.per_cluster[c].unwrap() - want.as_f64().unwrap()).abs() < 1e-6);
    }
}
