//! K-Means, the silhouette of its partitions and the PCA agree with scikit-learn on the real
//! datasets (figures in reference/expected.json, made by reference/sklearn_reference.py), and
//! the whole Prepare → Segment path gives named segments on marketing_campaign.csv.

mod common;
use common::shared;
use klaster_engine::cluster::kmeans::{fit, KMeansParams};
use klaster_engine::cluster::pca::pca2;
use klaster_engine::cluster::silhouette;
use klaster_engine::features::{
    clean, derive, design, CleanParams, DeriveParams, FeatureSpec, MissingIncome, Scaling,
};
use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
use klaster_engine::schema::recognise;
use klaster_engine::segment::{default_features, segment_table, SegmentParams};
use serde_json::Value;

fn expected() -> Value {
    serde_json::from_str(include_str!("../../reference/expected.json")).unwrap()
}

/// A public dataset read, recognised and derived (features with the default settings).
fn derived(name: &str) -> Option<klaster_engine::features::Derived> {
    let bytes = shared(name)?;
    let t = read_table(&bytes, &ReadOptions::default(), &mut NoProgress)
        .unwrap()
        .table;
    let s = recognise(&t);
    Some(derive(&t, &s, &DeriveParams::default()))
}

fn sizes_desc(sizes: &[usize]) -> Vec<usize> {
    let mut s = sizes.to_vec();
    s.sort_unstable_by(|a, b| b.cmp(a));
    s
}

fn as_sizes(v: &Value) -> Vec<usize> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap() as usize)
        .collect()
}

/// The LRFM matrix of the reference: missing income and impossible ages dropped, no fences.
fn lrfm_marketing() -> Option<(klaster_engine::features::Design, usize)> {
    let d = derived("marketing_campaign.csv")?;
    assert_eq!(d.report().reference_date.as_deref(), Some("2014-06-29"));
    let params = CleanParams {
        missing_income: MissingIncome::Drop,
        impossible_ages: true,
        iqr_columns: vec![],
        duplicates: false,
    };
    let c = clean(&d.table, &d.schema, &params);
    let lrfm = d.lrfm.clone().unwrap();
    let specs: Vec<FeatureSpec> = lrfm
        .columns()
        .iter()
        .map(|c| FeatureSpec {
            column: c.to_string(),
            scaling: Scaling::Standard,
        })
        .collect();
    let rows = c.table.n_rows();
    Some((design(&c.table, &specs, true).unwrap(), rows))
}

#[test]
fn lrfm_kmeans_matches_scikit_learn() {
    let Some((d, kept)) = lrfm_marketing() else {
        return;
    };
    let e = &expected()["kmeans_lrfm_marketing"];
    assert_eq!(kept as u64, e["rows"].as_u64().unwrap());
    assert_eq!(d.rows.len(), kept);
    let n = d.rows.len();
    for (k, want) in e["per_k"].as_object().unwrap() {
        let k: usize = k.parse().unwrap();
        let f = fit(n, 4, &d.numeric, &KMeansParams::new(k)).unwrap();
        let sk = want["inertia"].as_f64().unwrap();
        assert!(
            f.inertia <= sk * 1.005,
            "k = {k}: inertia {} vs scikit-learn {sk}",
            f.inertia
        );
        // Where we found scikit-learn's partition, the exact silhouette must equal its value.
        if sizes_desc(&f.sizes) == as_sizes(&want["sizes"]) && (f.inertia - sk).abs() < 1e-6 * sk {
            let s = silhouette(n, 4, &d.numeric, &f.labels).unwrap();
            let want_s = want["silhouette"].as_f64().unwrap();
            assert!(
                (s.score - want_s).abs() < 1e-6,
                "k = {k}: {} vs {want_s}",
                s.score
            );
        }
    }
}

#[test]
fn lrfm_pca_matches_scikit_learn() {
    let Some((d, _)) = lrfm_marketing() else {
        return;
    };
    let e = &expected()["pca_lrfm_marketing"];
    let p = pca2(d.rows.len(), 4, &d.numeric).unwrap();
    for (a, want) in e["explained_variance_ratio"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        assert!((p.explained_ratio[a] - want.as_f64().unwrap()).abs() < 1e-9);
    }
    for (a, row) in e["components_abs"].as_array().unwrap().iter().enumerate() {
        for (j, want) in row.as_array().unwrap().iter().enumerate() {
            let got = p.components[a * 4 + j].abs();
            assert!(
                (got - want.as_f64().unwrap()).abs() < 1e-6,
                "{a},{j}: {got} vs {want}"
            );
        }
    }
}

#[test]
fn bank_full_sweep_matches_scikit_learn() {
    let Some(bytes) = shared("bank-full.csv") else {
        return;
    };
    let e = &expected()["kmeans_bank_full"];
    let t = read_table(&bytes, &ReadOptions::default(), &mut NoProgress)
        .unwrap()
        .table;
    // Raw values, pdays' -1 code included, as the reference reads them.
    let cols: Vec<&str> = e["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let scaled: Vec<Vec<f64>> = cols
        .iter()
        .map(|c| {
            let v = t.column(c).unwrap().data.valid_numbers();
            klaster_engine::features::scale::fit_numeric(c, Scaling::Standard, &v)
                .unwrap()
                .1
        })
        .collect();
    let n = t.n_rows();
    let data: Vec<f64> = (0..n)
        .flat_map(|r| scaled.iter().map(move |c| c[r]))
        .collect();
    for (k, want) in e["per_k"].as_object().unwrap() {
        let k: usize = k.parse().unwrap();
        let f = fit(n, cols.len(), &data, &KMeansParams::new(k)).unwrap();
        let sk = want["inertia"].as_f64().unwrap();
        assert!(
            f.inertia <= sk * 1.005,
            "k = {k}: inertia {} vs scikit-learn {sk} ({:?} vs {:?})",
            f.inertia,
            sizes_desc(&f.sizes),
            want["sizes"]
        );
    }
}

#[test]
fn marketing_campaign_gives_named_segments_with_actions() {
    let Some(d) = derived("marketing_campaign.csv") else {
        return;
    };
    let c = clean(
        &d.table,
        &d.schema,
        &CleanParams::defaults_for(&d.table, &d.schema),
    );
    let seg = segment_table(
        &c.table,
        &d.schema,
        &SegmentParams::new(default_features(&d)),
    )
    .unwrap();
    assert_eq!(seg.sweep.len(), 9);
    assert!(
        (3..=6).contains(&seg.k),
        "suggested {} ({})",
        seg.k,
        seg.suggestion.reason
    );
    let names: Vec<&str> = seg.segments.iter().map(|s| s.name.en.as_str()).collect();
    assert!(
        names.contains(&"High value") && names.contains(&"Low value"),
        "{names:?}"
    );
    for s in &seg.segments {
        assert!(
            (2..=4).contains(&s.actions.en.len()),
            "{}: {:?}",
            s.name,
            s.actions.en
        );
        assert!(!s.description.en.contains("NaN"));
    }
    eprintln!("{}", seg.suggestion.reason);
    for s in &seg.segments {
        eprintln!("{} — {} {:?}", s.name, s.description, s.actions.en);
    }
    // A new customer like the high-value centroid lands in the high-value segment.
    let high = seg
        .segments
        .iter()
        .find(|s| s.name.en == "High value")
        .unwrap();
    let form: Vec<(String, String)> = high
        .values
        .iter()
        .filter(|v| v.used)
        .map(|v| (v.column.clone(), format!("{}", v.mean.unwrap())))
        .collect();
    assert_eq!(seg.model.assign(&form).unwrap(), high.id);
}

#[test]
fn bank_full_default_segmentation_keeps_every_call() {
    let Some(d) = derived("bank-full.csv") else {
        return;
    };
    let features: Vec<String> = default_features(&d).into_iter().map(|f| f.column).collect();
    assert_eq!(
        features,
        vec!["age", "balance", "campaign", "pdays", "previous"],
        "duration is known only after the call"
    );
    let c = clean(
        &d.table,
        &d.schema,
        &CleanParams::defaults_for(&d.table, &d.schema),
    );
    let params = SegmentParams {
        k_min: 3,
        k_max: 4,
        ..SegmentParams::new(default_features(&d))
    };
    let seg = segment_table(&c.table, &d.schema, &params).unwrap();
    // pdays' never-contacted code (-1) is a value for clustering, as in scikit-learn: no call
    // is dropped.
    assert_eq!(seg.rows_used, 45_211);
    assert_eq!(seg.rows_skipped, 0);
    let sil = seg.silhouette.unwrap();
    assert_eq!(
        (sil.rows_used, sil.seed),
        (5_000, Some(0)),
        "sampled above the threshold"
    );
    // Bank columns say nothing about spend or recency: every action rests on the response
    // evidence, none is invented, and a segment that responds much like the rest gets none.
    let actions: Vec<&String> = seg.segments.iter().flat_map(|s| &s.actions.en).collect();
    assert!(!actions.is_empty());
    assert!(
        actions.iter().all(|a| a.contains("y = yes")),
        "{actions:#?}"
    );
    assert!(seg
        .overall_response
        .is_some_and(|r| (r - 0.117).abs() < 0.001));
}
