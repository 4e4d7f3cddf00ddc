//! The segmentation file, the segment summary and the warehouse query on a generated customer
//! table (the DuckDB run of the query is in tests/sql/, against the command line).

use klaster_engine::features::{prepare, DeriveParams, Recipe};
use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
use klaster_engine::model::shipped;
use klaster_engine::schema::recognise;
use klaster_engine::segment::{default_features, segment_table, SegmentError, SegmentParams};
use klaster_engine::segments_file::SegmentsFile;
use klaster_engine::warehouse::{scoring_sql, Dialect, Query, Source, SqlError, SqlType};

fn session() -> (
    klaster_engine::features::Derived,
    klaster_engine::features::Cleaned,
    klaster_engine::segment::Segmentation,
) {
    let text = klaster_engine::sample::customer_personality_csv(800, 7);
    let loaded = read_table(text.as_bytes(), &ReadOptions::default(), &mut NoProgress).unwrap();
    let schema = recognise(&loaded.table);
    let (derived, cleaned, _) = prepare(&loaded.table, &schema, &DeriveParams::default(), None);
    let mut params = SegmentParams::new(default_features(&derived));
    params.k = Some(3);
    params.k_min = 3;
    params.k_max = 3;
    let seg = segment_table(&cleaned.table, &derived.schema, &params).unwrap();
    (derived, cleaned, seg)
}

#[test]
fn source_lists_loaded_columns_and_recipes() {
    let (derived, _, _) = session();
    let source = Source::of(&derived);
    assert_eq!(source.columns.len(), 29, "the sample's own columns");
    let kind = |n: &str| &source.columns.iter().find(|c| c.name == n).unwrap().kind;
    assert_eq!(kind("Dt_Customer"), &SqlType::Date);
    assert_eq!(kind("Education"), &SqlType::Text);
    assert_eq!(kind("Income"), &SqlType::Number);
    // Every derived column has its recipe, in the order derived.
    assert_eq!(source.derived.len(), derived.features.len());
    let age = &source.derived[0];
    assert_eq!(age.name, "Age");
    assert!(matches!(age.recipe, Recipe::YearsBefore { .. }));
    assert!(source.derived.iter().any(|d| d.name == "Total_Spent"
        && matches!(&d.recipe, Recipe::Sum { parts } if parts.len() == 6)));
}

#[test]
fn segmentation_file_round_trips_with_the_users_names() {
    let (derived, _, seg) = session();
    let names = vec!["Loyal big spenders".to_string(), " ".to_string()];
    let file = SegmentsFile::new("sample.csv", &seg, &names, &derived);
    assert_eq!(file.names()[0], "Loyal big spenders");
    assert_eq!(
        file.names()[1],
        seg.segments[1].name.en,
        "a blank name keeps the suggested one"
    );
    let back = SegmentsFile::from_json(&file.to_json()).unwrap();
    assert_eq!(back, file);
    for bad in ["{}", "[1]", r#"{"format":"klaster-logistic"}"#, "not json"] {
        assert!(matches!(
            SegmentsFile::from_json(bad),
            Err(SegmentError::NotASegmentation(_))
        ));
    }
    let newer = file.to_json().replace("\"version\": 1", "\"version\": 9");
    assert!(SegmentsFile::from_json(&newer).is_err());
    let mut broken = file.clone();
    broken.model.centroids.pop();
    assert!(SegmentsFile::from_json(&broken.to_json()).is_err());
}

#[test]
fn summary_has_one_row_per_segment_with_mean_scores() {
    let (derived, cleaned, seg) = session();
    let labels = seg.row_labels(&cleaned.kept, derived.table.n_rows());
    let scores: Vec<f64> = (0..derived.table.n_rows())
        .map(|r| labels[r].map_or(0.0, |l| 0.1 * (l + 1) as f64))
        .collect();
    let csv = seg.summary_csv(&["=SUM(A1)".to_string()], &labels, Some(&scores));
    let lines: Vec<&str> = csv.trim_end().lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with("segment,name,customers,share,response_rate,mean_score,"));
    // The user's name is made safe for spreadsheets.
    assert!(lines[1].starts_with("1,'=SUM(A1),"));
    for (i, line) in lines[1..].iter().enumerate() {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells[2], seg.segments[i].size.to_string());
        let mean: f64 = cells[5].parse().unwrap();
        assert!((mean - 0.1 * (i + 1) as f64).abs() < 1e-12);
    }
}

#[test]
fn the_query_names_every_step_and_refuses_nothing_to_do() {
    let (derived, _, seg) = session();
    let source = Source::of(&derived);
    let names = seg.names_with(&[]);
    let model = shipped::by_id("personality").unwrap();
    let query = Query {
        table: "crm.customers",
        source: &source,
        model: Some(&model),
        segments: Some((&seg.model, &names)),
    };
    for d in Dialect::ALL {
        let sql = scoring_sql(&query, d).unwrap();
        for step in [
            "k_input",
            "k_derive1",
            "k_scaled",
            "k_distance",
            "k_segment",
        ] {
            assert!(sql.contains(&format!("{step} AS (")), "{d:?}: {step}");
        }
        assert!(sql.contains("FROM crm.customers"));
        assert!(sql.contains("klaster_score") && sql.contains("klaster_segment_name"));
    }
    let nothing = Query {
        model: None,
        segments: None,
        ..query
    };
    assert_eq!(
        scoring_sql(&nothing, Dialect::DuckDb),
        Err(SqlError::Nothing)
    );
    let mut missing = source.clone();
    missing.columns.retain(|c| c.name != "Income");
    let lacking = Query {
        source: &missing,
        segments: None,
        ..nothing
    };
    let lacking = Query {
        model: Some(&model),
        ..lacking
    };
    assert_eq!(
        scoring_sql(&lacking, Dialect::DuckDb),
        Err(SqlError::MissingColumn("Income".into()))
    );
}
