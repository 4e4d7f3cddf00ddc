//! Browser tests (wasm-bindgen-test in headless Chromium): real components mounted in a real DOM,
//! fed by the real engine. Run with `cargo test -p klaster-web --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use klaster_engine::i18n::L10n;
use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
use klaster_engine::profile::{default_chart_column, histogram};
use klaster_engine::InspectReport;
use klaster_web::app::Workspace;
use klaster_web::protocol::{Response, SegmentRun};
use klaster_web::state::AppState;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Lets Leptos' scheduled effects and re-renders run.
async fn tick() {
    for _ in 0..3 {
        let p = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
    }
}

fn loaded(name: &str, text: &str) -> Response {
    let l = read_table(text.as_bytes(), &ReadOptions::default(), &mut NoProgress).unwrap();
    let hist = default_chart_column(&l.table).and_then(histogram);
    let chartable = hist.iter().map(|h| h.column.clone()).collect();
    Response::Loaded {
        report: Box::new(InspectReport::new(name, text.len() as u64, &l, 20)),
        profile: Box::new(klaster_engine::profile::profile(&l.table)),
        chartable,
        histogram: hist,
        millis: 1.0,
    }
}

/// Mounts the Load step into a fresh container and returns it with the state driving it.
fn mount() -> (web_sys::HtmlElement, AppState) {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let state = AppState::new();
    leptos::mount::mount_to(host.clone(), move || view! { <Workspace state=state/> }).forget();
    (host, state)
}

fn text(host: &web_sys::HtmlElement, selector: &str) -> Option<String> {
    host.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
}

#[wasm_bindgen_test]
async fn shows_counts_types_and_preview_of_a_loaded_file() {
    let (host, state) = mount();
    tick().await;
    assert_eq!(
        text(&host, ".empty-hint").as_deref(),
        Some("No data loaded yet.")
    );
    state.apply(loaded(
        "calls.csv",
        "age;job;y\n58;admin.;no\n44;admin.;yes\n33;technician;no\n",
    ));
    tick().await;
    assert_eq!(text(&host, "#row-count").as_deref(), Some("3"));
    assert_eq!(text(&host, "#col-count").as_deref(), Some("3"));
    let types: Vec<String> = (0..3)
        .map(|i| {
            host.query_selector(&format!("#columns tbody tr:nth-child({})", i + 1))
                .unwrap()
                .unwrap()
                .get_attribute("data-type")
                .unwrap()
        })
        .collect();
    assert_eq!(types, vec!["integer", "categorical", "boolean"]);
    assert_eq!(
        host.query_selector_all("#preview tbody tr")
            .unwrap()
            .length(),
        3
    );
    assert_eq!(text(&host, "#preview tbody tr td").as_deref(), Some("58"));
    assert!(text(&host, ".chart-note")
        .unwrap()
        .contains("Histogram of age"));
}

#[wasm_bindgen_test]
async fn a_failed_load_shows_the_message_and_keeps_the_data() {
    let (host, state) = mount();
    state.apply(loaded("a.csv", "a,b\n1,2\n3,4\n"));
    state.begin(|| "Reading b.csv");
    tick().await;
    assert!(
        host.query_selector("#status").unwrap().is_some(),
        "progress is shown"
    );
    state.apply(Response::Failed {
        message: L10n::same("The file is empty.".into()),
    });
    tick().await;
    assert!(host.query_selector("#status").unwrap().is_none());
    assert!(text(&host, "#error")
        .unwrap()
        .contains("The file is empty."));
    assert_eq!(
        text(&host, "#row-count").as_deref(),
        Some("2"),
        "the previous table is kept"
    );
}

#[wasm_bindgen_test]
async fn hostile_headers_and_cells_render_as_text() {
    let (host, state) = mount();
    let evil = "<img src=x onerror=alert(1)>";
    state.apply(loaded(
        "evil.csv",
        &format!("\"{evil}\",b\n\"{evil}\",1\nx,2\n"),
    ));
    tick().await;
    assert!(
        host.query_selector("img").unwrap().is_none(),
        "no element was injected"
    );
    assert_eq!(text(&host, "#columns tbody th").as_deref(), Some(evil));
}

#[wasm_bindgen_test]
async fn profile_step_shows_summary_stats_and_roles() {
    let (host, state) = mount();
    let mut text = String::from("age;job;pdays;y\n");
    for i in 0..40 {
        let job = ["student", "admin."][i % 2];
        let pdays = if i % 4 == 0 {
            "-1".to_string()
        } else {
            (i + 3).to_string()
        };
        let y = if job == "student" && i % 4 != 2 {
            "yes"
        } else {
            "no"
        };
        text.push_str(&format!("{};{job};{pdays};{y}\n", 20 + i));
    }
    state.apply(loaded("calls.csv", &text));
    tick().await;
    assert_eq!(
        text_of(&host, "#profile-summary li"),
        "40 customers, 25 % have y = “yes”."
    );
    assert!(host.query_selector("#role-hint").unwrap().is_some());
    let pdays = text_of(&host, "#numeric-stats tr[data-column=\"pdays\"]");
    assert!(pdays.contains("10 × -1 = never contacted"), "{pdays}");
    assert!(text_of(&host, "#categorical-stats tr[data-column=\"job\"]").contains("student 50 %"));
    let y_row = host
        .query_selector("#columns tr[data-column=\"y\"]")
        .unwrap()
        .unwrap();
    assert_eq!(y_row.get_attribute("data-role").as_deref(), Some("target"));
    assert_eq!(text_of(&host, "#target-table tbody tr th"), "student");
}

fn text_of(host: &web_sys::HtmlElement, selector: &str) -> String {
    text(host, selector).unwrap_or_else(|| panic!("nothing at {selector}"))
}

/// The Prepare and Segment steps render what the engine computes: derived features, cleaning
/// counts, the sweep's suggestion, one named card per segment with its actions; a table the
/// defaults cannot segment shows a note instead of an error.
#[wasm_bindgen_test]
async fn prepare_and_segment_steps_render_engine_results() {
    let (host, state) = mount();
    let csv = klaster_engine::sample::customer_personality_csv(400, 3);
    state.apply(loaded("sample.tsv", &csv));
    let (prepared, _, _, seg) = segmented_sample(400, 3);
    let k = seg.k;
    let names: Vec<String> = seg.segments.iter().map(|s| s.name.en.clone()).collect();
    state.apply(Response::Prepared {
        prepared: Box::new(prepared),
    });
    state.apply(Response::Segmented {
        segmentation: Box::new(seg),
        run: SegmentRun {
            millis: 1.0,
            sweep_millis: 1.0,
            helpers: 0,
        },
    });
    tick().await;

    let features = host
        .query_selector_all("#derived-features tbody tr")
        .unwrap()
        .length();
    assert!(features >= 8, "{features} derived features");
    assert!(text(&host, "#lrfm")
        .unwrap()
        .contains("Total_Day_Membership"));
    assert!(host.query_selector("#rows-after").unwrap().is_some());
    assert!(text(&host, "#suggestion").unwrap().starts_with("k = "));
    let cards = host
        .query_selector_all("#segment-cards .segment-card")
        .unwrap();
    assert_eq!(cards.length() as usize, k);
    let first: web_sys::HtmlInputElement = host
        .query_selector(".segment-card .segment-name")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(first.value(), names[0]);
    assert!(
        host.query_selector_all(".segment-actions li")
            .unwrap()
            .length() as usize
            >= 2 * k
    );
    // Renaming a segment renames its column in the profile table.
    state.segment_names.update(|n| n[0] = "Champions".into());
    tick().await;
    assert!(text(&host, "#segment-profile thead")
        .unwrap()
        .contains("Champions"));
    assert!(!text(&host, "#segment-profile").unwrap().contains("NaN"));

    state.apply(Response::SegmentUnavailable {
        message: L10n::same(
            "3 segments need at least 3 rows; only 2 are left after cleaning".into(),
        ),
    });
    tick().await;
    assert!(text(&host, "#segment-note")
        .unwrap()
        .contains("only 2 are left"));
    assert!(host.query_selector("#segment-cards").unwrap().is_none());
}

/// A generated customer table prepared and segmented (k 3..4, 2 restarts) as the worker does.
fn segmented_sample(
    rows: usize,
    seed: u64,
) -> (
    klaster_web::protocol::Prepared,
    klaster_engine::features::Derived,
    klaster_engine::features::Cleaned,
    klaster_engine::segment::Segmentation,
) {
    use klaster_engine::schema::recognise;
    use klaster_engine::segment::{segment_table, SegmentParams};
    use klaster_web::protocol::Prepared;

    let csv = klaster_engine::sample::customer_personality_csv(rows, seed);
    let l = read_table(csv.as_bytes(), &ReadOptions::default(), &mut NoProgress).unwrap();
    let (prepared, derived, cleaned) =
        Prepared::build(&l.table, recognise(&l.table), &Default::default(), None);
    let params = SegmentParams {
        k_min: 3,
        k_max: 4,
        n_init: 2,
        ..SegmentParams::new(prepared.default_features.clone())
    };
    let seg = segment_table(&cleaned.table, &derived.schema, &params).unwrap();
    (prepared, derived, cleaned, seg)
}

/// The sample table prepared, segmented, scored and planned as the worker does it.
fn scored_sample() -> (
    klaster_web::protocol::Prepared,
    klaster_engine::segment::Segmentation,
    klaster_web::protocol::Scoring,
    klaster_engine::campaign::Plan,
) {
    use klaster_engine::model::shipped;
    use klaster_web::protocol::{plan_for, Scoring, TrainOptions};

    let (prepared, derived, cleaned, seg) = segmented_sample(600, 11);
    let model = shipped::for_schema(derived.schema.kind).unwrap();
    let train = TrainOptions::for_table(&cleaned.table, &derived.schema);
    let (scoring, scores) = Scoring::build(
        model.clone(),
        &derived,
        &cleaned,
        Some(&seg),
        vec![],
        Some(train),
        &|| 0.0,
    )
    .unwrap();
    let (plan, from_file) =
        plan_for(&derived, &cleaned, Some(&seg), &model, &scores, None).unwrap();
    assert!(from_file, "Z_CostContact / Z_Revenue are in the sample");
    (prepared, seg, scoring, plan)
}

#[wasm_bindgen_test]
fn scores_in_wasm_equal_the_native_engine() {
    // tests/fixtures/sample_scores.json is written by the native engine
    // (engine/tests/logistic_reference.rs) for the same generated file and model.
    let native: Vec<f64> =
        serde_json::from_str(include_str!("fixtures/sample_scores.json")).unwrap();
    let csv = klaster_engine::sample::customer_personality_csv(600, 11);
    let t = read_table(csv.as_bytes(), &ReadOptions::default(), &mut NoProgress)
        .unwrap()
        .table;
    let s = klaster_engine::schema::recognise(&t);
    let d = klaster_engine::features::derive(&t, &s, &Default::default());
    let wasm = klaster_engine::model::shipped::by_id("personality")
        .unwrap()
        .score(&d.table, &d.schema)
        .unwrap()
        .scores;
    assert_eq!(wasm.len(), native.len());
    let worst = wasm
        .iter()
        .zip(&native)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    assert!(worst < 1e-9, "largest difference {worst}");
}

#[wasm_bindgen_test]
async fn score_and_plan_steps_render_engine_results() {
    let (host, state) = mount();
    let csv = klaster_engine::sample::customer_personality_csv(600, 11);
    state.apply(loaded("sample.tsv", &csv));
    let (prepared, seg, scoring, plan) = scored_sample();
    let k = seg.k;
    let best = plan.best.contacts;
    state.apply(Response::Prepared {
        prepared: Box::new(prepared),
    });
    state.apply(Response::Segmented {
        segmentation: Box::new(seg),
        run: SegmentRun {
            millis: 1.0,
            sweep_millis: 1.0,
            helpers: 0,
        },
    });
    state.apply(Response::Scored {
        scoring: Box::new(scoring),
    });
    state.apply(Response::Planned {
        plan: Box::new(plan),
        from_file: true,
    });
    tick().await;

    let card = host.query_selector("#model-card").unwrap().unwrap();
    assert_eq!(
        card.get_attribute("data-model").as_deref(),
        Some("personality")
    );
    assert!(text_of(&host, "#card-metrics").contains("ROC AUC"));
    assert!(text_of(&host, "#model-limits").contains("Associations"));
    assert!(host
        .query_selector("#confusion [data-cell=tp]")
        .unwrap()
        .is_some());
    // The file carries Response: the card shows the evaluation on it.
    assert!(text_of(&host, "#evaluation").starts_with("On this file"));
    let ranked = host.query_selector_all("#ranked-list tbody tr").unwrap();
    assert_eq!(ranked.length(), 100);
    assert_eq!(
        host.query_selector_all("#ranked-list tbody tr:first-child .reasons li")
            .unwrap()
            .length(),
        3
    );
    assert!(text_of(&host, "#score-summary").contains("600 customers scored"));
    let cutoff = host.query_selector("#best-cutoff").unwrap().unwrap();
    assert_eq!(
        cutoff.get_attribute("data-contacts"),
        Some(best.to_string())
    );
    assert!(text_of(&host, "#best-cutoff").starts_with("Best: Contact"));
    assert_eq!(
        host.query_selector_all("#gains-table tbody tr")
            .unwrap()
            .length(),
        4
    );
    assert_eq!(
        host.query_selector_all("#segment-plan tbody tr")
            .unwrap()
            .length() as usize,
        k
    );
    // A renamed segment is renamed in the ranked list and the per-segment plan too.
    state.segment_names.update(|n| n[0] = "Champions".into());
    tick().await;
    assert!(text_of(&host, "#segment-plan").contains("Champions"));
    let train = host
        .query_selector_all("#train-features li")
        .unwrap()
        .length();
    assert!(train >= 10, "{train} candidate features");
    assert!(!text_of(&host, "#score").contains("NaN"));
    assert!(!text_of(&host, "#plan").contains("NaN"));

    // No model for a table: a note and the train form, and the plan says what it needs.
    state.apply(Response::ScoreUnavailable {
        message: L10n::same("No shipped model fits this table".into()),
        models: vec![],
        train: None,
    });
    tick().await;
    assert!(text_of(&host, "#score-note").contains("No shipped model"));
    assert!(host.query_selector("#ranked-list").unwrap().is_none());
    assert!(text_of(&host, "#plan-note").contains("needs scores"));
}

#[wasm_bindgen_test]
fn progress_lines_are_kept_in_both_languages() {
    use klaster_engine::ingest::Stage;
    // A switch mid-step redraws the bar from the same answer: both wordings must be there.
    let state = AppState::new();
    state.apply(Response::Progress {
        stage: Stage::Parse,
        done: 10,
        total: 100,
        rows: 412_000,
    });
    let busy = state.busy.get_untracked().unwrap();
    assert_eq!(busy.label.en, "Parsing rows: 412,000 read");
    assert_eq!(busy.label.id, "Mengurai baris: 412.000 terbaca");
    state.begin(|| klaster_engine::i18n::t("Finding segments", "Mencari segmen"));
    let busy = state.busy.get_untracked().unwrap();
    assert_eq!(
        (busy.label.en.as_str(), busy.label.id.as_str()),
        ("Finding segments", "Mencari segmen")
    );
}

#[wasm_bindgen_test]
fn the_load_step_speaks_indonesian_with_english_machine_attributes() {
    use klaster_engine::i18n::{with_lang, Lang};
    // Synchronous on purpose: the ambient language is the thread's, and an `await` would let
    // the other (English) tests run in between.
    let host = with_lang(Lang::Id, || {
        let document = web_sys::window().unwrap().document().unwrap();
        let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
        document.body().unwrap().append_child(&host).unwrap();
        let state = AppState::new();
        state.apply(loaded("a.csv", "age,city\n31,Bandung\n45,Medan\n"));
        state.error.set(Some(L10n::build(|| {
            klaster_engine::i18n::t("The file is empty.", "Berkasnya kosong.").to_string()
        })));
        leptos::mount::mount_to(host.clone(), move || view! { <Workspace state=state/> }).forget();
        host
    });
    assert_eq!(
        text(&host, "#load-title").as_deref(),
        Some("Muat data pelanggan Anda")
    );
    let error = text(&host, "#error").unwrap();
    assert!(error.contains("Berkasnya kosong."), "{error}");
    assert!(!error.contains("The file"), "{error}");
    let columns = text(&host, "#columns thead").unwrap();
    assert!(
        columns.contains("Kolom") && columns.contains("Peran"),
        "{columns}"
    );
    let summary = text(&host, "#summary").unwrap();
    assert!(
        summary.contains("Baris") && !summary.contains("Rows"),
        "{summary}"
    );
    // The machine's names of types stay English (tests, styles and the picker's values).
    let row = host
        .query_selector("#columns tr[data-column='age']")
        .unwrap()
        .unwrap();
    assert_eq!(row.get_attribute("data-type").as_deref(), Some("integer"));
}
