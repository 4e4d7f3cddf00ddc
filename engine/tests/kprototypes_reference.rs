//! The engine's K-Prototypes reproduces the Python package `kmodes` on the DQLab customer list,
//! whose figures reference/kmodes_reference.py commits in reference/kprototypes.json (see that
//! script for how the data is built). The inputs are rebuilt here without Python; skips (with a
//! message) when ../shared/data is absent.
//!
//! Random draws differ from numpy's, so segments are compared up to relabelling, and the elbow
//! costs (k = 2..8) are compared with the spread of kmodes' own costs over 100 random states
//! (see `check_elbow`).

use std::collections::BTreeMap;

use klaster_engine::cluster::kprototypes::{
    fit, KPrototypesFit, KPrototypesInit, KPrototypesParams, MixedPoints,
};
use serde_json::Value;

const NUMERIC: [&str; 2] = ["Umur", "NilaiBelanjaSetahun"];
const CATEGORICAL: [&str; 3] = ["Jenis Kelamin", "Profesi", "Tipe Residen"];

fn expected() -> Value {
    serde_json::from_str(include_str!("../../reference/kprototypes.json")).unwrap()
}

/// The model inputs of the DQLab tutorial, row-major.
struct Inputs {
    rows: usize,
    numeric: Vec<f64>,
    categorical: Vec<u32>,
    /// Each categorical column's values by code.
    levels: Vec<Vec<String>>,
}

/// Numeric columns standard-scaled (population std, as StandardScaler), categorical columns
/// label-encoded (code = rank among the sorted distinct values, as LabelEncoder).
fn dqlab_inputs() -> Option<Inputs> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/data/customer_segments.txt"
    );
    let Ok(bytes) = std::fs::read(path) else {
        eprintln!("skipping: {path} not present");
        return None;
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .from_reader(bytes.as_slice());
    let headers = reader.headers().unwrap().clone();
    let index = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let rows = records.len();

    let scaled: Vec<Vec<f64>> = NUMERIC
        .iter()
        .map(|name| {
            let i = index(name);
            let v: Vec<f64> = records.iter().map(|r| r[i].parse().unwrap()).collect();
            let n = v.len() as f64;
            let mean = v.iter().sum::<f64>() / n;
            let sd = (v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n).sqrt();
            v.iter().map(|x| (x - mean) / sd).collect()
        })
        .collect();
    let numeric = (0..rows)
        .flat_map(|r| scaled.iter().map(move |c| c[r]))
        .collect();

    let mut levels = Vec::new();
    let mut codes = Vec::new();
    for name in CATEGORICAL {
        let i = index(name);
        let mut distinct: Vec<String> = records.iter().map(|r| r[i].to_string()).collect();
        distinct.sort();
        distinct.dedup();
        codes.push(
            records
                .iter()
                .map(|r| distinct.binary_search(&r[i].to_string()).unwrap() as u32)
                .collect::<Vec<_>>(),
        );
        levels.push(distinct);
    }
    let categorical = (0..rows)
        .flat_map(|r| codes.iter().map(move |c| c[r]))
        .collect();
    Some(Inputs {
        rows,
        numeric,
        categorical,
        levels,
    })
}

fn fit_k(
    rows: usize,
    numeric: &[f64],
    categorical: &[u32],
    k: usize,
    init: KPrototypesInit,
    seed: u64,
) -> KPrototypesFit {
    let points = MixedPoints {
        rows,
        numeric,
        n_numeric: NUMERIC.len(),
        categorical,
        n_categorical: CATEGORICAL.len(),
    };
    let params = KPrototypesParams {
        init,
        seed,
        ..KPrototypesParams::new(k)
    };
    fit(&points, &params).unwrap()
}

fn as_usizes(v: &Value) -> Vec<usize> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap() as usize)
        .collect()
}

/// Our segment → kmodes' segment, when the two labelings are the same partition.
fn relabelling(ours: &[usize], theirs: &[usize]) -> BTreeMap<usize, usize> {
    let mut map = BTreeMap::new();
    for (&a, &b) in ours.iter().zip(theirs) {
        assert_eq!(
            *map.entry(a).or_insert(b),
            b,
            "our segment {a} is split by kmodes"
        );
    }
    let mut targets: Vec<usize> = map.values().copied().collect();
    targets.sort_unstable();
    targets.dedup();
    assert_eq!(
        targets.len(),
        map.len(),
        "two of our segments are one for kmodes: {map:?}"
    );
    map
}

fn check_case(name: &str, init: KPrototypesInit) {
    let Some(Inputs {
        rows,
        numeric,
        categorical,
        levels,
    }) = dqlab_inputs()
    else {
        return;
    };
    let e = &expected()[name];
    let k = e["k"].as_u64().unwrap() as usize;
    let got = fit_k(rows, &numeric, &categorical, k, init, 0);

    let gamma = e["gamma"].as_f64().unwrap();
    assert!(
        (got.gamma - gamma).abs() < 1e-9,
        "gamma {} vs {gamma}",
        got.gamma
    );
    let cost = e["cost"].as_f64().unwrap();
    assert!(
        ((got.cost - cost) / cost).abs() < 1e-6,
        "{name}: cost {} vs kmodes {cost}",
        got.cost
    );

    let theirs = as_usizes(&e["labels"]);
    let map = relabelling(&got.labels, &theirs);
    let mut sizes = vec![0; k];
    got.labels.iter().for_each(|&l| sizes[map[&l]] += 1);
    assert_eq!(sizes, as_usizes(&e["sizes"]));

    // Prototypes of the same segments agree: means to rounding, modes exactly (as names).
    for (&ours, &kc) in &map {
        let want = e["centroids"][kc].as_array().unwrap();
        for (j, w) in want.iter().enumerate() {
            let g = got.centroids[ours * NUMERIC.len() + j];
            assert!(
                (g - w.as_f64().unwrap()).abs() < 1e-9,
                "{name}: centroid {kc}"
            );
        }
        let names: Vec<&str> = (0..CATEGORICAL.len())
            .map(|a| levels[a][got.modes[ours * CATEGORICAL.len() + a] as usize].as_str())
            .collect();
        let want: Vec<&str> = e["mode_names"][kc]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(names, want, "{name}: mode of kmodes' segment {kc}");
    }

    check_elbow(name, init, e, rows, &numeric, &categorical);
}

/// The elbow (k = 2..8). kmodes' best of 10 runs at k ≥ 6 (and now and then at k = 2, 3) is a
/// local optimum that depends on the random draws: over random_state 0..99 its cost spreads by
/// several percent (`elbow_spread` in the JSON). So, with kmodes' own setup (n_init 10):
/// - over seeds 0..99, our mean cost is no worse than kmodes' mean by more than 0.5 % beyond
///   sampling error (3 standard errors), and our best is kmodes' best (same search, same
///   quality; on 10,000 single runs at k = 7 the two cost distributions are indistinguishable);
/// - our default fit (seed 0) is within kmodes' own range, and equals the tutorial's figure
///   (random_state 75) wherever kmodes always finds the same optimum.
fn check_elbow(
    name: &str,
    init: KPrototypesInit,
    e: &Value,
    rows: usize,
    numeric: &[f64],
    categorical: &[u32],
) {
    let seeds = e["elbow_spread_random_states"].as_u64().unwrap();
    for (kk, tutorial) in e["elbow"].as_object().unwrap() {
        let spread = &e["elbow_spread"][kk];
        let stat = |s: &str| spread[s].as_f64().unwrap();
        let tutorial = tutorial.as_f64().unwrap();
        let kk: usize = kk.parse().unwrap();
        let costs: Vec<f64> = (0..seeds)
            .map(|seed| fit_k(rows, numeric, categorical, kk, init, seed).cost)
            .collect();
        let n = costs.len() as f64;
        let mean = costs.iter().sum::<f64>() / n;
        let var = costs.iter().map(|c| (c - mean) * (c - mean)).sum::<f64>() / (n - 1.0);
        // Three standard errors of the difference of the two means: both are samples of 100.
        let noise = 3.0 * ((var + stat("std").powi(2)) / n).sqrt();
        let min = costs.iter().copied().fold(f64::INFINITY, f64::min);
        let ours = costs[0];
        eprintln!(
            "{name} k={kk}: seed 0 {ours:.4} (kmodes random_state 75: {tutorial:.4}); \
             mean {mean:.4} ± {noise:.4} (kmodes {:.4}); min {min:.4} (kmodes {:.4}); kmodes max {:.4}",
            stat("mean"),
            stat("min"),
            stat("max")
        );
        assert!(
            mean <= stat("mean") * 1.005 + noise,
            "{name} k={kk}: mean {mean} ± {noise}"
        );
        assert!(
            min <= stat("min") * (1.0 + 1e-9),
            "{name} k={kk}: best {min}"
        );
        assert!(ours <= stat("max") * 1.005, "{name} k={kk}: seed 0 {ours}");
        if stat("max") - stat("min") < 1e-9 * stat("min") {
            assert!(((ours - tutorial) / tutorial).abs() < 1e-6, "{name} k={kk}");
        }
    }
}

#[test]
fn kprototypes_cao_matches_kmodes_on_dqlab_customers() {
    check_case("cao", KPrototypesInit::Cao);
}

#[test]
fn kprototypes_huang_matches_kmodes_on_dqlab_customers() {
    check_case("huang", KPrototypesInit::Huang);
}
