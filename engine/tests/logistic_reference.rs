//! Our logistic regression agrees with scikit-learn on the real datasets (figures in
//! reference/logistic.json, made by reference/logistic_reference.py): the same split, and at
//! every C of the grid the same coefficients and the same held-out AUC. The shipped model files
//! are reproduced by retraining, and they load and score without the data.

mod common;
use common::shared;
use klaster_engine::features::{derive, prepare, DeriveParams};
use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
use klaster_engine::model::shipped::{self, Preset};
use klaster_engine::model::train::{split, target_labels};
use klaster_engine::model::{train, ModelFeature, ModelFile};
use klaster_engine::schema::{recognise, SchemaKind};
use klaster_engine::table::Table;
use serde_json::Value;

fn expected() -> Value {
    serde_json::from_str(include_str!("../../reference/logistic.json")).unwrap()
}

fn file_of(preset: Preset) -> &'static str {
    match preset {
        Preset::Bank => "bank-full.csv",
        Preset::Personality => "marketing_campaign.csv",
    }
}

/// The raw table and its schema.
fn raw(preset: Preset) -> Option<(Table, klaster_engine::schema::Schema)> {
    let bytes = shared(file_of(preset))?;
    let t = read_table(&bytes, &ReadOptions::default(), &mut NoProgress)
        .unwrap()
        .table;
    let s = recognise(&t);
    Some((t, s))
}

/// The training table exactly as `Preset::train` builds it (derived, default cleaning).
fn prepared(preset: Preset) -> Option<(Table, klaster_engine::schema::Schema)> {
    let (t, s) = raw(preset)?;
    let (d, c, _) = prepare(&t, &s, &DeriveParams::default(), None);
    Some((c.table, d.schema))
}

/// Our coefficients by scikit-learn's feature names ("age", "job=admin.").
fn coefficients(m: &ModelFile) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    for f in &m.features {
        match f {
            ModelFeature::Numeric { column, coef, .. } => out.push((column.clone(), *coef)),
            ModelFeature::Categorical { column, levels, .. } => {
                for l in levels {
                    out.push((format!("{column}={}", l.label), l.coef));
                }
            }
        }
    }
    out
}

fn check_split(preset: Preset, e: &Value) {
    let Some((t, _)) = prepared(preset) else {
        return;
    };
    let target = t.column(&preset.params().target).unwrap();
    let (labels, _) = target_labels(target).unwrap();
    let y: Vec<bool> = labels.iter().map(|l| l.unwrap()).collect();
    let (train_rows, test_rows) = split(&y, 42, 0.2);
    assert_eq!(t.n_rows(), e["rows"].as_u64().unwrap() as usize);
    assert_eq!(train_rows.len(), e["train_rows"].as_u64().unwrap() as usize);
    assert_eq!(test_rows.len(), e["test_rows"].as_u64().unwrap() as usize);
    let first: Vec<u64> = test_rows[..20].iter().map(|&i| i as u64).collect();
    let want: Vec<u64> = e["test_positions_first20"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(first, want);
    assert_eq!(
        test_rows.iter().map(|&i| i as u64).sum::<u64>(),
        e["test_positions_sum"].as_u64().unwrap()
    );
    assert_eq!(
        test_rows.iter().filter(|&&i| y[i]).count(),
        e["test_positives"].as_u64().unwrap() as usize
    );
}

/// At every C: the same optimum as scikit-learn (newton-cholesky, tol 1e-12).
fn check_path(preset: Preset, e: &Value) {
    let Some((t, s)) = prepared(preset) else {
        return;
    };
    for point in e["per_C"].as_array().unwrap() {
        let c = point["C"].as_f64().unwrap();
        let mut params = preset.params();
        params.grid = vec![c];
        params.folds = 2;
        let m = train(&t, &s, &params).unwrap();
        let want = point["coefficients"].as_object().unwrap();
        let ours = coefficients(&m);
        assert_eq!(ours.len(), want.len(), "{preset:?} feature count");
        for (name, value) in &ours {
            let w = want[name.as_str()].as_f64().unwrap();
            assert!(
                (value - w).abs() <= 1e-6 * w.abs().max(1.0),
                "{preset:?} C={c} {name}: ours {value}, sklearn {w}"
            );
        }
        let b = point["intercept"].as_f64().unwrap();
        assert!(
            (m.intercept - b).abs() <= 1e-6 * b.abs().max(1.0),
            "C={c} intercept"
        );
        let auc = point["test"]["roc_auc"].as_f64().unwrap();
        assert!(
            (m.metrics.roc_auc - auc).abs() < 1e-6,
            "{preset:?} C={c}: AUC {} vs {auc}",
            m.metrics.roc_auc
        );
        let ap = point["test"]["average_precision"].as_f64().unwrap();
        assert!((m.metrics.pr_auc - ap).abs() < 1e-6, "C={c}: AP");
        let brier = point["test"]["brier"].as_f64().unwrap();
        assert!((m.metrics.brier - brier).abs() < 1e-9, "C={c}: Brier");
    }
}

/// The shipped model's held-out AUC against scikit-learn's untuned and tuned models.
fn check_shipped(preset: Preset, e: &Value) {
    let m = shipped::by_id(preset.id()).expect("shipped model parses");
    let default_auc = e["sklearn_default"]["roc_auc"].as_f64().unwrap();
    let cv_auc = e["cv"]["roc_auc"].as_f64().unwrap();
    // Same C → same AUC (checked above). Our C is chosen by 5-fold out-of-fold log-loss;
    // scikit-learn's default C = 1 and LogisticRegressionCV's C come from other rules and, on
    // the personality data's 441 test rows, land 0.0008 higher by chance (the AUC's standard
    // error there is about 0.02). The bound states that difference instead of hiding it.
    let slack = match preset {
        Preset::Bank => 0.0,
        Preset::Personality => 0.001,
    };
    assert!(
        m.metrics.roc_auc >= default_auc.min(cv_auc) - slack,
        "{preset:?}: {} vs sklearn {default_auc} / CV {cv_auc}",
        m.metrics.roc_auc
    );
}

#[test]
fn bank_matches_scikit_learn() {
    let e = &expected()["bank"];
    check_split(Preset::Bank, e);
    check_path(Preset::Bank, e);
    check_shipped(Preset::Bank, e);
}

#[test]
fn personality_matches_scikit_learn() {
    let e = &expected()["personality"];
    check_split(Preset::Personality, e);
    check_path(Preset::Personality, e);
    check_shipped(Preset::Personality, e);
}

/// Float-tolerant equality of two JSON values, ignoring the fields that name the machine.
fn same(a: &Value, b: &Value, path: &str) {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            assert!(
                (x - y).abs() <= 1e-9 * x.abs().max(1.0),
                "{path}: {x} vs {y}"
            );
        }
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                if k == "trained_with" {
                    continue;
                }
                same(v, &y[k], &format!("{path}.{k}"));
            }
            assert_eq!(x.len(), y.len(), "{path}: keys");
        }
        (Value::Array(x), Value::Array(y)) => {
            assert_eq!(x.len(), y.len(), "{path}: length");
            for (i, (u, v)) in x.iter().zip(y).enumerate() {
                same(u, v, &format!("{path}[{i}]"));
            }
        }
        _ => assert_eq!(a, b, "{path}"),
    }
}

#[test]
fn retraining_reproduces_the_shipped_models() {
    for preset in Preset::ALL {
        let Some((t, s)) = raw(preset) else {
            return;
        };
        let mut fresh = preset.train(&t, &s, file_of(preset)).unwrap();
        let shipped = shipped::by_id(preset.id()).unwrap();
        // The hash is the trainer binary's business (and is checked by the CLI test).
        fresh.training.sha256 = shipped.training.sha256.clone();
        same(
            &serde_json::to_value(&fresh).unwrap(),
            &serde_json::to_value(&shipped).unwrap(),
            preset.id(),
        );
    }
}

#[test]
fn shipped_models_load_score_and_are_offered() {
    // Needs no data: CI checks the committed files on any machine.
    let models = shipped::models();
    assert_eq!(models.len(), 2);
    for m in models {
        assert!(m.metrics.roc_auc > 0.7, "{}", m.id);
        assert!(m.metrics.calibration.len() >= 5);
        assert!(!m.limits.en.is_empty() && !m.limits.id.is_empty());
        assert!(m.training.sha256.as_ref().is_some_and(|h| h.len() == 64));
    }
    let bank = shipped::for_schema(SchemaKind::BankMarketing).unwrap();
    assert_eq!(bank.id, "bank");
    assert!(bank.excluded.iter().any(|x| x.column == "duration"));
    assert!(bank.features.iter().all(|f| f.column() != "duration"));
    assert_eq!(
        shipped::for_schema(SchemaKind::CustomerPersonalityIndonesian).map(|m| m.id),
        Some("personality".to_string())
    );
    assert!(shipped::for_schema(SchemaKind::DqlabCustomers).is_none());

    // The bank model scores calls written by hand (no data needed): a previous success in
    // March on a mobile phone ranks far above a first call in May on an unknown line.
    let calls = "age;job;marital;education;default;balance;housing;loan;contact;day;month;duration;campaign;pdays;previous;poutcome;y\n\
                 30;student;single;tertiary;no;5000;no;no;cellular;10;mar;100;1;90;2;success;yes\n\
                 45;blue-collar;married;primary;no;0;yes;yes;unknown;5;may;100;6;-1;0;unknown;no\n\
                 50;astronaut;married;secondary;no;100;no;no;cellular;5;jun;100;1;-1;0;unknown;no\n";
    let t = read_table(calls.as_bytes(), &ReadOptions::default(), &mut NoProgress)
        .unwrap()
        .table;
    let s = recognise(&t);
    assert_eq!(s.kind, SchemaKind::BankMarketing);
    let d = derive(&t, &s, &DeriveParams::default());
    let scored = bank.score(&d.table, &d.schema).unwrap();
    assert!(scored.scores[0] > 0.7, "{:?}", scored.scores);
    assert!(scored.scores[1] < 0.05, "{:?}", scored.scores);
    // A job the model never saw counts as neutral, and is counted.
    let job = bank
        .features
        .iter()
        .position(|f| f.column() == "job")
        .unwrap();
    assert_eq!(scored.unseen[job], 1);
    assert!(bank.evaluate(&d.table, &scored.scores).is_some());
}

/// The Indonesian variant (money ×1000, Indonesian categories) scores like the original file.
#[test]
fn indonesian_variant_scores_like_the_original() {
    let (Some(a), Some(b)) = (
        shared("marketing_campaign.csv"),
        shared("marketing_campaign_data.csv"),
    ) else {
        return;
    };
    let score = |bytes: &[u8]| {
        let t = read_table(bytes, &ReadOptions::default(), &mut NoProgress)
            .unwrap()
            .table;
        let s = recognise(&t);
        let d = derive(&t, &s, &DeriveParams::default());
        let m = shipped::for_schema(s.kind).unwrap();
        let scored = m.score(&d.table, &d.schema).unwrap();
        let id = d.table.column("ID").unwrap();
        let mut by_id: Vec<(i64, f64)> = (0..d.table.n_rows())
            .map(|r| (id.display(r).parse::<i64>().unwrap(), scored.scores[r]))
            .collect();
        by_id.sort_by_key(|p| p.0);
        (by_id, scored.unseen)
    };
    let (original, _) = score(&a);
    let (indonesian, unseen) = score(&b);
    assert_eq!(original.len(), indonesian.len());
    // "Lajang" stands for Single, Absurd and YOLO alike: those four customers differ.
    let differing = original
        .iter()
        .zip(&indonesian)
        .filter(|(x, y)| (x.1 - y.1).abs() > 1e-9)
        .count();
    assert!(differing <= 4, "{differing} customers score differently");
    assert!(unseen.iter().all(|&u| u == 0), "{unseen:?}");
}

/// Scores of the demo's synthetic customers (600 rows, seed 11) by the personality model: the
/// fixture the browser test compares its WASM scores with (tests/web.rs, to 1e-9). Regenerate
/// with `KLASTER_UPDATE_FIXTURES=1 cargo test -p klaster-engine --test logistic_reference`.
#[test]
fn sample_scores_fixture_is_current() {
    let csv = klaster_engine::sample::customer_personality_csv(600, 11);
    let t = read_table(csv.as_bytes(), &ReadOptions::default(), &mut NoProgress)
        .unwrap()
        .table;
    let s = recognise(&t);
    let d = derive(&t, &s, &DeriveParams::default());
    let scores = shipped::by_id("personality")
        .unwrap()
        .score(&d.table, &d.schema)
        .unwrap()
        .scores;
    let path = format!(
        "{}/../tests/fixtures/sample_scores.json",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::env::var_os("KLASTER_UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, serde_json::to_string(&scores).unwrap()).unwrap();
    }
    let fixture: Vec<f64> = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(fixture.len(), 600);
    for (a, b) in scores.iter().zip(&fixture) {
        assert!((a - b).abs() < 1e-12, "{a} vs {b}: regenerate the fixture");
    }
}
