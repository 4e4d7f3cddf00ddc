use super::train::{split, splitmix64, target_labels};
use super::*;
use crate::schema::Role;
use crate::table::ColumnType;

fn schema(kind: SchemaKind, roles: Vec<Role>) -> Schema {
    Schema {
        kind,
        roles,
        money_scale: 1.0,
        row: Default::default(),
    }
}

/// A hand-made two-feature model: income (money, mean 50, sd 10) and colour (red/blue).
fn toy_model() -> ModelFile {
    let mut aliases = BTreeMap::new();
    aliases.insert("merah".to_string(), "red".to_string());
    ModelFile {
        format: FORMAT.to_string(),
        version: VERSION,
        id: "toy".to_string(),
        name: L10n::same("Toy".to_string()),
        description: L10n::default(),
        target: TargetSpec {
            column: "y".to_string(),
            positive: "1".to_string(),
            meaning: L10n::same("bought".to_string()),
        },
        schemas: vec![],
        features: vec![
            ModelFeature::Numeric {
                column: "income".to_string(),
                money: true,
                median: 40.0,
                mean: 50.0,
                std: 10.0,
                coef: 0.8,
            },
            ModelFeature::Categorical {
                column: "colour".to_string(),
                levels: vec![
                    Level {
                        label: "blue".to_string(),
                        coef: -0.5,
                        share: 0.6,
                    },
                    Level {
                        label: "red".to_string(),
                        coef: 1.0,
                        share: 0.4,
                    },
                ],
                aliases,
            },
        ],
        intercept: -1.0,
        threshold: 0.5,
        training: TrainingInfo {
            file: "toy.csv".to_string(),
            sha256: None,
            period: None,
            rows: 10,
            rows_used: 10,
            train_rows: 8,
            test_rows: 2,
            train_positives: 4,
            test_positives: 1,
            seed: 42,
            test_share: 0.2,
            folds: 5,
            cv: vec![],
            c: 1.0,
            iterations: 3,
            cleaning: L10n::default(),
            trained_with: "test".to_string(),
        },
        metrics: Metrics::compute(&[0.9, 0.1], &[true, false], 0.5).unwrap(),
        excluded: vec![],
        limits: L10n::default(),
    }
}

fn toy_table() -> Table {
    Table::new(
        vec![
            Column::numeric(
                "income",
                ColumnType::Decimal,
                vec![Some(70.0), None, Some(50.0), Some(30.0)],
            ),
            Column::categorical(
                "colour",
                &["red", "blue", "green", "merah"],
                &[Some(0), Some(1), Some(2), Some(3)],
            ),
        ],
        4,
    )
}

#[test]
fn scores_equal_a_hand_computed_example() {
    let m = toy_model();
    let s = schema(SchemaKind::Unknown, vec![Role::Income, Role::Attribute]);
    let scored = m.score(&toy_table(), &s).unwrap();
    // Row 0: −1 + 0.8·(70−50)/10 + 1.0 (red) = 1.6.
    // Row 1: income missing → median 40: −1 + 0.8·(−1) − 0.5 = −2.3.
    // Row 2: green never seen → no category term: −1 + 0 = −1.
    // Row 3: "merah" is an alias of red: −1 + 0.8·(−2) + 1 = −1.6.
    let expected = [1.6f64, -2.3, -1.0, -1.6].map(|l| 1.0 / (1.0 + (-l).exp()));
    for (a, b) in scored.scores.iter().zip(expected) {
        assert!((a - b).abs() < 1e-12, "{a} vs {b}");
    }
    assert_eq!(scored.imputed, vec![1, 0]);
    assert_eq!(scored.unseen, vec![0, 1]);
}

#[test]
fn money_is_converted_with_the_schema_scale() {
    let m = toy_model();
    let mut s = schema(SchemaKind::Unknown, vec![Role::Income, Role::Attribute]);
    s.money_scale = 1000.0;
    let t = Table::new(
        vec![
            Column::numeric("income", ColumnType::Decimal, vec![Some(70_000.0)]),
            Column::categorical("colour", &["red"], &[Some(0)]),
        ],
        1,
    );
    let p = m.score(&t, &s).unwrap().scores[0];
    assert!((p - 1.0 / (1.0 + (-1.6f64).exp())).abs() < 1e-12);
}

#[test]
fn explanations_sum_to_the_log_odds() {
    let m = toy_model();
    let s = schema(SchemaKind::Unknown, vec![Role::Income, Role::Attribute]);
    let t = toy_table();
    let scored = m.score(&t, &s).unwrap();
    for r in 0..4 {
        let reasons = m.explain(&t, &s, r).unwrap();
        let logit = m.baseline() + reasons.iter().map(|x| x.effect).sum::<f64>();
        let p = scored.scores[r];
        assert!((logit - (p / (1.0 - p)).ln()).abs() < 1e-9);
        // Sorted by size of effect.
        assert!(reasons[0].effect.abs() >= reasons[1].effect.abs());
    }
    let reasons = m.explain(&t, &s, 0).unwrap();
    // income +2 sd → +1.6; red vs average (0.6·−0.5 + 0.4·1 = 0.1) → +0.9.
    assert_eq!(reasons[0].feature, "income");
    assert!((reasons[0].effect - 1.6).abs() < 1e-12);
    assert_eq!(reasons[0].text.en, "income 70 raises the odds ×4.95");
    assert!(reasons[1].text.en.starts_with("colour = red raises"));
    let unseen = m.explain(&t, &s, 2).unwrap();
    let colour = unseen.iter().find(|r| r.feature == "colour").unwrap();
    assert_eq!(colour.value.en, "green (not seen in training)");
    assert!(colour.text.en.contains("lowers"));
}

#[test]
fn json_round_trip_and_validation() {
    let m = toy_model();
    let back = ModelFile::from_json(&m.to_json()).unwrap();
    assert_eq!(back, m);
    assert!(matches!(
        ModelFile::from_json("{\"format\": \"other\"}"),
        Err(ModelError::NotAModel(_))
    ));
    assert!(matches!(
        ModelFile::from_json("not json"),
        Err(ModelError::NotAModel(_))
    ));
    let newer = m.to_json().replace("\"version\": 1", "\"version\": 99");
    assert_eq!(
        ModelFile::from_json(&newer),
        Err(ModelError::Version { found: 99 })
    );
    let broken = m
        .to_json()
        .replace("\"intercept\": -1.0", "\"intercept\": 1e999");
    assert!(ModelFile::from_json(&broken).is_err());
}

#[test]
fn missing_and_mistyped_columns_are_reported() {
    let m = toy_model();
    let s = schema(SchemaKind::Unknown, vec![Role::Income]);
    let t = Table::new(
        vec![Column::numeric(
            "income",
            ColumnType::Decimal,
            vec![Some(1.0)],
        )],
        1,
    );
    assert_eq!(
        m.score(&t, &s),
        Err(ModelError::MissingColumns(vec!["colour".to_string()]))
    );
    let t = Table::new(
        vec![
            Column::categorical("income", &["a"], &[Some(0)]),
            Column::categorical("colour", &["red"], &[Some(0)]),
        ],
        1,
    );
    assert!(matches!(m.score(&t, &s), Err(ModelError::WrongType { .. })));
}

#[test]
fn split_is_stratified_and_reproducible() {
    assert_eq!(splitmix64(0), 0xE220_A839_7B1D_CDAF);
    let labels: Vec<bool> = (0..1000).map(|i| i % 10 == 0).collect();
    let (train, test) = split(&labels, 42, 0.2);
    assert_eq!(train.len() + test.len(), 1000);
    assert_eq!(test.iter().filter(|&&i| labels[i]).count(), 20);
    assert_eq!(test.len(), 200);
    assert_eq!(split(&labels, 42, 0.2).1, test);
    assert_ne!(split(&labels, 43, 0.2).1, test);
}

#[test]
fn targets_of_every_shape() {
    let yes_no = Column::categorical("y", &["no", "yes"], &[Some(0), Some(1), None]);
    let (labels, positive) = target_labels(&yes_no).unwrap();
    assert_eq!(labels, vec![Some(false), Some(true), None]);
    assert_eq!(positive, "yes");
    let rare = Column::categorical("t", &["a", "b"], &[Some(0), Some(0), Some(1)]);
    assert_eq!(target_labels(&rare).unwrap().1, "b");
    let numeric = Column::numeric("r", ColumnType::Integer, vec![Some(0.0), Some(1.0)]);
    assert_eq!(
        target_labels(&numeric).unwrap().0,
        vec![Some(false), Some(true)]
    );
    let three = Column::numeric(
        "r",
        ColumnType::Integer,
        vec![Some(0.0), Some(1.0), Some(2.0)],
    );
    assert!(matches!(
        target_labels(&three),
        Err(ModelError::TargetNotBinary { distinct: 3, .. })
    ));
}

/// A planted signal: y depends on x (strongly) and on the colour (red more likely).
fn planted(n: usize) -> (Table, Schema) {
    let mut xs = Vec::new();
    let mut noise = Vec::new();
    let mut colour = Vec::new();
    let mut y = Vec::new();
    for i in 0..n {
        let u = (splitmix64(i as u64) >> 11) as f64 / (1u64 << 53) as f64;
        let v = (splitmix64(i as u64 + 7_000_000) >> 11) as f64 / (1u64 << 53) as f64;
        let x = (i % 100) as f64 / 10.0;
        let c = i % 3;
        let logit = -3.0 + 0.6 * x + if c == 0 { 1.0 } else { 0.0 };
        xs.push(Some(x));
        noise.push(Some(v * 5.0));
        colour.push(Some(c));
        y.push(Some(if u < 1.0 / (1.0 + (-logit).exp()) {
            1.0
        } else {
            0.0
        }));
    }
    let t = Table::new(
        vec![
            Column::numeric("x", ColumnType::Decimal, xs),
            Column::numeric("noise", ColumnType::Decimal, noise),
            Column::categorical("colour", &["red", "green", "blue"], &colour),
            Column::numeric("y", ColumnType::Integer, y),
        ],
        n,
    );
    let s = schema(
        SchemaKind::Unknown,
        vec![Role::Measure, Role::Measure, Role::Attribute, Role::Target],
    );
    (t, s)
}

#[test]
fn training_recovers_a_planted_signal() {
    let (t, s) = planted(3000);
    let params = TrainParams::new("y", &["x", "noise"], &["colour"]);
    let m = train(&t, &s, &params).unwrap();
    assert!(m.metrics.roc_auc > 0.75, "{}", m.metrics.roc_auc);
    assert_eq!(m.training.test_rows + m.training.train_rows, 3000);
    assert_eq!(m.training.cv.len(), TrainParams::DEFAULT_GRID.len());
    let coef = |name: &str| match m.features.iter().find(|f| f.column() == name).unwrap() {
        ModelFeature::Numeric { coef, std, .. } => coef / std,
        _ => unreachable!(),
    };
    // Per unit of x: about 0.6, the noise near 0.
    assert!((coef("x") - 0.6).abs() < 0.15, "{}", coef("x"));
    assert!(coef("noise").abs() < 0.1);
    let ModelFeature::Categorical { levels, .. } = &m.features[2] else {
        unreachable!()
    };
    let red = levels.iter().find(|l| l.label == "red").unwrap().coef;
    let blue = levels.iter().find(|l| l.label == "blue").unwrap().coef;
    assert!(red - blue > 0.5);
    // Retraining gives the same model (deterministic split, folds and solver).
    assert_eq!(train(&t, &s, &params).unwrap(), m);
    // The trained model scores the table it came from.
    let scored = m.score(&t, &s).unwrap();
    assert_eq!(scored.scores.len(), 3000);
    assert!(scored.scores.iter().all(|p| (0.0..=1.0).contains(p)));
}

#[test]
fn training_errors_are_clear() {
    let (t, s) = planted(3000);
    let p = TrainParams::new("nope", &["x"], &[]);
    assert_eq!(
        train(&t, &s, &p),
        Err(ModelError::NoTarget("nope".to_string()))
    );
    let p = TrainParams::new("y", &["y"], &[]);
    assert!(matches!(train(&t, &s, &p), Err(ModelError::Invalid(_))));
    let p = TrainParams::new("y", &[], &[]);
    assert_eq!(train(&t, &s, &p), Err(ModelError::NoFeatures));
    let p = TrainParams::new("y", &["x", "missing"], &[]);
    assert_eq!(
        train(&t, &s, &p),
        Err(ModelError::MissingColumns(vec!["missing".to_string()]))
    );
    let p = TrainParams::new("x", &["noise"], &[]);
    assert!(matches!(
        train(&t, &s, &p),
        Err(ModelError::TargetNotBinary { .. })
    ));
    let (small, s2) = planted(12);
    let p = TrainParams::new("y", &["x"], &[]);
    assert!(matches!(
        train(&small, &s2, &p),
        Err(ModelError::TooFewRows { .. })
    ));
}

#[test]
fn default_features_leave_out_leaks_and_identifiers() {
    let t = Table::new(
        vec![
            Column::numeric("ID", ColumnType::Integer, vec![Some(1.0), Some(2.0)]),
            Column::numeric("income", ColumnType::Decimal, vec![Some(1.0), Some(2.0)]),
            Column::numeric("duration", ColumnType::Integer, vec![Some(1.0), Some(9.0)]),
            Column::numeric(
                crate::features::names::CONVERSION,
                ColumnType::Decimal,
                vec![Some(0.1), Some(0.2)],
            ),
            Column::categorical("job", &["a", "b"], &[Some(0), Some(1)]),
            Column::numeric("y", ColumnType::Integer, vec![Some(0.0), Some(1.0)]),
        ],
        2,
    );
    let mut t = t;
    for c in &mut t.columns {
        c.inference.distinct = 2;
    }
    let s = schema(
        SchemaKind::Unknown,
        vec![
            Role::Id,
            Role::Income,
            Role::CallDuration,
            Role::Measure,
            Role::Attribute,
            Role::Target,
        ],
    );
    let p = TrainParams::defaults_for(&t, &s, "y");
    assert_eq!(p.numeric, vec!["income".to_string()]);
    assert_eq!(p.categorical, vec!["job".to_string()]);
}

#[test]
fn explanations_cards_and_errors_in_indonesian() {
    use crate::i18n::with_lang;
    let m = toy_model();
    let s = schema(SchemaKind::Unknown, vec![Role::Income, Role::Attribute]);
    let t = toy_table();
    let reasons = m.explain(&t, &s, 0).unwrap();
    assert_eq!(reasons[0].text.id, "income 70 menaikkan peluang ×4,95");
    let unseen = m.explain(&t, &s, 2).unwrap();
    let colour = unseen.iter().find(|r| r.feature == "colour").unwrap();
    assert_eq!(colour.value.id, "green (tidak ada saat pelatihan)");
    assert!(
        colour.text.id.contains("menurunkan peluang"),
        "{}",
        colour.text.id
    );

    // The shipped cards: English as in the committed files, Indonesian from the presets.
    for model in shipped::models() {
        assert_ne!(model.name.en, model.name.id);
        assert_ne!(model.description.en, model.description.id);
        assert_ne!(model.target.meaning.en, model.target.meaning.id);
        assert_eq!(model.limits.en.len(), model.limits.id.len());
        for text in model
            .limits
            .id
            .iter()
            .chain(model.excluded.iter().map(|e| &e.reason.id))
            .chain([&model.description.id, &model.name.id])
        {
            let padded = format!(" {text} ");
            for word in [" the ", " of ", " and ", " with "] {
                assert!(!padded.contains(word), "{word:?} in {text:?}");
            }
        }
    }
    let bank = shipped::by_id("bank").unwrap();
    assert_eq!(bank.target.meaning.id, "membuka deposito berjangka");
    // An old model file with plain strings still loads, the same text in both languages.
    let old = toy_model().to_json().replace(
        r#""name": {
    "en": "Toy",
    "id": "Toy"
  }"#,
        r#""name": "Toy""#,
    );
    assert!(old.contains(r#""name": "Toy""#), "{old}");
    assert_eq!(ModelFile::from_json(&old).unwrap().name.id, "Toy");

    let e = ModelError::TargetNotBinary {
        column: "y".into(),
        distinct: 3,
    };
    assert_eq!(
        with_lang(crate::i18n::Lang::Id, || e.to_string()),
        "kolom target y harus memiliki tepat dua nilai (kolom ini memiliki 3)"
    );
    let p = TrainParams::new("y", &["y"], &[]);
    let err = train(&t, &s, &p).unwrap_err();
    assert_eq!(
        with_lang(crate::i18n::Lang::Id, || err.to_string()),
        "kolom target y tidak ada di tabel"
    );
    let e = ModelError::Invalid(L10n::build(|| {
        crate::i18n::t(
            "the test rows hold only one outcome",
            "baris uji hanya memiliki satu hasil",
        )
        .to_string()
    }));
    assert_eq!(
        with_lang(crate::i18n::Lang::Id, || e.to_string()),
        "baris uji hanya memiliki satu hasil"
    );
}
