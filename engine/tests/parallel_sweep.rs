//! The k sweep split as the browser worker splits it (settings as JSON, points carried
//! separately, ks fitted in any order, then `SweepPlan::finish`) gives exactly the sequential
//! segmentation. Also writes the fixture the end-to-end test compares the page's parallel sweep
//! with (`tests/fixtures/bank_sweep.json`; regenerate with `KLASTER_UPDATE_FIXTURES=1 cargo
//! test -p klaster-engine --test parallel_sweep`).

mod common;

use klaster_engine::features::{prepare, DeriveParams};
use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
use klaster_engine::schema::recognise;
use klaster_engine::segment::{
    default_features, segment_table, KFit, SegmentParams, Segmentation, SweepInput, SweepPlan,
    SweepPoint,
};
use klaster_engine::Table;

/// The page's default segmentation of a file: prepare with the defaults, default features.
fn page_default(bytes: &[u8]) -> (Table, klaster_engine::schema::Schema, SegmentParams) {
    let t = read_table(bytes, &ReadOptions::default(), &mut NoProgress)
        .unwrap()
        .table;
    let s = recognise(&t);
    let (derived, cleaned, _) = prepare(&t, &s, &DeriveParams::default(), None);
    let params = SegmentParams::new(default_features(&derived));
    (cleaned.table, derived.schema, params)
}

/// What a helper worker receives: the settings through JSON, the points copied beside them.
fn as_helper_sees_it(input: &SweepInput) -> SweepInput {
    let mut copy: SweepInput =
        serde_json::from_str(&serde_json::to_string(input).unwrap()).unwrap();
    assert!(copy.numeric.is_empty() && copy.space.is_empty() && copy.codes.is_empty());
    copy.numeric = input.numeric.clone();
    copy.codes = input.codes.clone();
    copy.space = input.space.clone();
    copy
}

/// The sweep fitted largest k first, half of it by a "helper", then finished.
fn split(
    table: &Table,
    schema: &klaster_engine::schema::Schema,
    params: &SegmentParams,
) -> Segmentation {
    let plan = SweepPlan::new(table, params).unwrap();
    let helper = as_helper_sees_it(&plan.input);
    let mut fits: Vec<(usize, Result<KFit, _>)> = (params.k_min..=params.k_max)
        .rev()
        .map(|k| {
            let by = if k % 2 == 0 { &helper } else { &plan.input };
            (k, by.fit(k))
        })
        .collect();
    fits.sort_by_key(|(k, _)| *k);
    plan.finish(
        table,
        schema,
        params,
        fits.into_iter().map(|(_, f)| f).collect(),
    )
    .unwrap()
}

fn assert_same(a: &Segmentation, b: &Segmentation) {
    assert_eq!(a.sweep, b.sweep);
    assert_eq!(a.k, b.k);
    assert_eq!(a.labels, b.labels);
    assert_eq!(a.segments, b.segments);
    assert_eq!(a.silhouette, b.silhouette);
}

#[test]
fn split_sweep_equals_the_sequential_one_on_the_demo_data() {
    let csv = klaster_engine::sample::customer_personality_csv(800, 3);
    let (table, schema, params) = page_default(csv.as_bytes());
    assert_same(
        &segment_table(&table, &schema, &params).unwrap(),
        &split(&table, &schema, &params),
    );
}

#[test]
fn split_sweep_equals_the_sequential_one_for_k_prototypes() {
    let csv = klaster_engine::sample::customer_personality_csv(500, 5);
    let (table, schema, mut params) = page_default(csv.as_bytes());
    params.features.push(klaster_engine::features::FeatureSpec {
        column: "Education".into(),
        scaling: klaster_engine::features::Scaling::Standard,
    });
    params.k_max = 6;
    params.n_init = 3;
    let seq = segment_table(&table, &schema, &params).unwrap();
    assert_eq!(
        seq.algorithm,
        klaster_engine::segment::Algorithm::KPrototypes
    );
    assert_same(&seq, &split(&table, &schema, &params));
}

#[test]
fn a_failed_k_ends_the_sweep_as_before() {
    // 6 distinct customers: k = 7.. cannot be fitted, in any order.
    let mut csv = String::from("ID,Income,Recency\n");
    for i in 0..60 {
        csv.push_str(&format!("{i},{},{}\n", 1000 * (i % 6), i % 6));
    }
    let t = read_table(csv.as_bytes(), &ReadOptions::default(), &mut NoProgress)
        .unwrap()
        .table;
    let s = recognise(&t);
    let params = SegmentParams {
        n_init: 2,
        ..SegmentParams::new(vec![
            klaster_engine::features::FeatureSpec {
                column: "Income".into(),
                scaling: klaster_engine::features::Scaling::Standard,
            },
            klaster_engine::features::FeatureSpec {
                column: "Recency".into(),
                scaling: klaster_engine::features::Scaling::Standard,
            },
        ])
    };
    let seq = segment_table(&t, &s, &params).unwrap();
    let par = split(&t, &s, &params);
    assert_eq!(seq.sweep.last().map(|p| p.k), Some(6));
    assert_same(&seq, &par);
}

/// bank-full's default segmentation (the one the page runs after an upload): the split sweep
/// equals the sequential one, and the fixture holds its sweep and chosen k.
#[test]
fn bank_full_sweep_fixture_is_current() {
    let Some(bytes) = common::shared("bank-full.csv") else {
        return;
    };
    let (table, schema, params) = page_default(&bytes);
    let seq = segment_table(&table, &schema, &params).unwrap();
    assert_same(&seq, &split(&table, &schema, &params));
    let path = format!(
        "{}/../tests/fixtures/bank_sweep.json",
        env!("CARGO_MANIFEST_DIR")
    );
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Fixture {
        k: usize,
        sweep: Vec<SweepPoint>,
    }
    let now = Fixture {
        k: seq.k,
        sweep: seq.sweep.clone(),
    };
    if std::env::var_os("KLASTER_UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, serde_json::to_string_pretty(&now).unwrap()).unwrap();
    }
    let fixture: Fixture = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(fixture.k, now.k, "regenerate the fixture");
    for (a, b) in fixture.sweep.iter().zip(&now.sweep) {
        assert_eq!((a.k, &a.sizes), (b.k, &b.sizes));
        assert!(
            (a.cost - b.cost).abs() <= 1e-9 * b.cost,
            "k {}: {} vs {}",
            a.k,
            a.cost,
            b.cost
        );
        let (sa, sb) = (a.silhouette.unwrap(), b.silhouette.unwrap());
        assert!((sa - sb).abs() < 1e-12, "k {}: {sa} vs {sb}", a.k);
    }
}
