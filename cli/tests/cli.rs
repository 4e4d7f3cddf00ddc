//! The `klaster` binary itself, on the project's fixtures.

use std::process::Command;

/// The variables `klaster` reads its language from when `--lang` is not given.
const LOCALE_VARS: [&str; 4] = ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"];

/// Runs `klaster` in `dir`: (success, stdout, stderr).
fn klaster_in(dir: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    klaster_env(dir, args, &[])
}

/// Runs `klaster` in `dir` with the locale variables `env` (and no others, so the tests do
/// not depend on the locale of the machine): (success, stdout, stderr).
fn klaster_env(
    dir: &std::path::Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> (bool, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_klaster"));
    for var in LOCALE_VARS {
        command.env_remove(var);
    }
    let out = command
        .args(args)
        .envs(env.iter().copied())
        .current_dir(dir)
        .output()
        .expect("klaster runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// Runs `klaster` in the fixtures folder: (success, stdout, stderr).
fn klaster(args: &[&str]) -> (bool, String, String) {
    klaster_in(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures")),
        args,
    )
}

#[test]
fn a_workbook_is_read_from_its_data_sheet_or_the_sheet_asked_for() {
    let (ok, out, err) = klaster(&["inspect", "customers.xlsx"]);
    assert!(ok, "{err}");
    let first = out.lines().next().unwrap();
    assert_eq!(
        first,
        "customers.xlsx: 600 rows × 29 columns. Sheet “Customers” of 2 (Read me, Customers), \
         header on row 4. Skipped above the header: “Customer list — export of 1 March 2024”, \
         “Source: CRM”."
    );
    let (ok, out, _) = klaster(&["inspect", "customers.xlsx", "--json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["workbook"]["sheet"], "Customers");
    assert_eq!(v["workbook"]["header_row"], 4);
    let (ok, _, err) = klaster(&[
        "--lang",
        "id",
        "inspect",
        "--sheet",
        "Read me",
        "customers.xlsx",
    ]);
    assert!(!ok);
    assert!(
        err.contains("Lembar \"Read me\" tidak berisi tabel"),
        "{err}"
    );
    // The flow runs on a workbook as on a CSV file.
    let (ok, out, err) = klaster(&["segment", "customers.xlsx", "--json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        v["segments"].as_array().is_some_and(|s| s.len() >= 2),
        "{out}"
    );
}

#[test]
fn inspect_json_has_dialect_counts_and_types() {
    let (ok, out, _) = klaster(&["inspect", "bank_semicolon.csv", "--json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["dialect"]["delimiter"], ";");
    assert_eq!(
        (v["rows"].as_u64(), v["columns"].as_u64()),
        (Some(10), Some(7))
    );
    assert_eq!(v["column_info"][4]["name"], "rate");
    assert_eq!(v["column_info"][4]["type"], "decimal");
    assert_eq!(v["column_info"][0]["inference"]["votes"]["integer"], 10);
}

#[test]
fn profile_json_adds_schema_roles_stats_and_summary() {
    let (ok, out, _) = klaster(&["profile", "bank_semicolon.csv", "--json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["rows"], 10);
    let p = &v["profile"];
    assert_eq!(p["schema"]["kind"], "unknown");
    assert_eq!(p["schema"]["roles"][6], "target");
    assert_eq!(p["target"]["rate"], 0.2);
    // Ages and a yes/no answer, no shop or purchase columns: one row is guessed a customer.
    assert_eq!(p["schema"]["row"], "customer");
    assert_eq!(p["summary"]["en"][0], "10 customers, 20 % have y = “yes”.");
    assert_eq!(p["columns"][0]["stats"]["median"], 42.5);
    // The user's answer wins, in both languages.
    let (ok, out, _) = klaster(&["profile", "bank_semicolon.csv", "--json", "--row", "call"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["profile"]["schema"]["row"], "call");
    assert_eq!(
        v["profile"]["summary"]["en"][0],
        "10 calls, 20 % have y = “yes”."
    );
    assert_eq!(
        v["profile"]["summary"]["id"][0],
        "10 panggilan, 20 % memiliki y = “yes”."
    );
    let (ok, _, err) = klaster(&["profile", "bank_semicolon.csv", "--row", "planet"]);
    assert!(!ok);
    assert!(
        err.contains("customer, purchase, call, shop, other"),
        "{err}"
    );
}

#[test]
fn bad_files_fail_with_one_sentence() {
    let (ok, out, err) = klaster(&["inspect", "single_column.csv"]);
    assert!(!ok);
    assert!(out.is_empty());
    assert!(
        err.starts_with("klaster: Only one column was found"),
        "{err}"
    );
}

/// A file of its own in the temp directory (absolute path), removed when dropped.
struct TempFile(String);

impl std::ops::Deref for TempFile {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn temp_file(name: &str, text: &str) -> TempFile {
    let path = std::env::temp_dir().join(format!("klaster-cli-{}-{name}", std::process::id()));
    std::fs::write(&path, text).unwrap();
    TempFile(path.to_string_lossy().into_owned())
}

/// The demo's sample data (`klaster sample`), written to a temp file.
fn sample_file(name: &str, rows: usize) -> TempFile {
    let (ok, text, _) = klaster(&["sample", "--rows", &rows.to_string()]);
    assert!(ok);
    temp_file(name, &text)
}

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[test]
fn segment_json_has_derive_clean_sweep_and_profiles() {
    let file = sample_file("segment.tsv", 400);
    let (ok, out, err) = klaster(&["segment", &file, "--json", "--k", "3", "--seed", "7"]);
    assert!(ok, "{err}");
    let v = json(&out);
    assert_eq!(v["rows"], 400);
    assert_eq!(v["schema"]["kind"], "customer_personality");
    assert!(v["derived"]["features"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["name"] == "Total_Spent" && f["formula"]["en"].as_str().unwrap().contains('+')));
    // Default cleaning: missing income dropped, impossible ages, income fences, no duplicates.
    let rules = v["cleaning"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 4);
    assert!(rules
        .iter()
        .all(|r| r["label"]["en"].is_string() && r["rows"].is_u64()));
    assert_eq!(rules[0]["rule"], "missing_income");
    assert_eq!(rules[3]["enabled"], false);
    let removed: u64 = rules
        .iter()
        .filter(|r| r["enabled"] == true)
        .map(|r| r["rows"].as_u64().unwrap())
        .sum();
    assert_eq!(v["cleaning"]["rows_kept"].as_u64().unwrap() + removed, 400);
    // LRFM, K-Means, only k = 3 fitted.
    assert_eq!(v["algorithm"], "k_means");
    let features: Vec<&str> = v["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["column"].as_str().unwrap())
        .collect();
    assert_eq!(
        features,
        [
            "Total_Day_Membership",
            "Recency",
            "Total_Purchases",
            "Total_Spent"
        ]
    );
    assert_eq!(v["sweep"].as_array().unwrap().len(), 1);
    assert_eq!(v["sweep"][0]["k"], 3);
    assert!(v["sweep"][0]["cost"].as_f64().unwrap() > 0.0);
    assert_eq!(v["k"], 3);
    assert!(v["gamma"].is_null());
    assert!(v["suggestion"]["reason"]["en"].is_string());
    let s = v["silhouette"]["score"].as_f64().unwrap();
    assert!((-1.0..=1.0).contains(&s));
    let segments = v["segments"].as_array().unwrap();
    assert_eq!(segments.len(), 3);
    let used = v["rows_used"].as_u64().unwrap();
    assert_eq!(
        segments
            .iter()
            .map(|s| s["size"].as_u64().unwrap())
            .sum::<u64>(),
        used
    );
    for (i, seg) in segments.iter().enumerate() {
        assert_eq!(seg["id"], i);
        assert!(!seg["name"]["en"].as_str().unwrap().is_empty());
        assert!(!seg["description"]["id"].as_str().unwrap().is_empty());
        assert!(!seg["actions"]["en"].as_array().unwrap().is_empty());
        assert!(seg["response_rate"].is_f64());
        let spent = seg["values"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["column"] == "Total_Spent")
            .unwrap();
        assert_eq!(spent["used"], true);
        assert!(spent["mean"].as_f64().unwrap() > 0.0, "original units");
        assert!(spent["index"].is_f64());
    }
    assert!(v.get("assignments").is_none(), "only with --assignments");
}

#[test]
fn segment_default_sweep_is_2_to_10_and_picks_the_suggestion() {
    let file = sample_file("sweep.tsv", 300);
    let (ok, out, err) = klaster(&["segment", &file, "--json", "--restarts", "2"]);
    assert!(ok, "{err}");
    let v = json(&out);
    let ks: Vec<u64> = v["sweep"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["k"].as_u64().unwrap())
        .collect();
    assert_eq!(ks, (2..=10).collect::<Vec<u64>>());
    assert_eq!(v["k"], v["suggestion"]["k"]);
    assert_eq!(
        v["segments"].as_array().unwrap().len() as u64,
        v["k"].as_u64().unwrap()
    );
}

#[test]
fn segment_assignments_cover_every_input_row() {
    let file = sample_file("assign.tsv", 250);
    let (ok, out, err) = klaster(&[
        "segment",
        &file,
        "--json",
        "--sweep",
        "2..4",
        "--k",
        "4",
        "--assignments",
    ]);
    assert!(ok, "{err}");
    let v = json(&out);
    let a = v["assignments"].as_array().unwrap();
    assert_eq!(a.len(), 250);
    assert!(a.iter().enumerate().all(|(i, x)| x["row"] == i + 1));
    let assigned: Vec<&serde_json::Value> = a.iter().filter(|x| !x["segment"].is_null()).collect();
    assert_eq!(assigned.len() as u64, v["rows_used"].as_u64().unwrap());
    assert!(assigned.len() < 250, "the sample has rows without income");
    for x in &assigned {
        let id = x["segment"].as_u64().unwrap() as usize;
        assert!(id < 4);
        assert_eq!(x["name"], v["segments"][id]["name"]["en"]);
    }
    for x in a.iter().filter(|x| x["segment"].is_null()) {
        assert!(x["name"].is_null());
        assert_eq!(x["excluded"], "cleaned out");
    }
    // Sizes agree with the assignments.
    for seg in v["segments"].as_array().unwrap() {
        let n = assigned
            .iter()
            .filter(|x| x["segment"] == seg["id"])
            .count();
        assert_eq!(seg["size"].as_u64().unwrap() as usize, n);
    }
}

#[test]
fn segment_options_reach_the_engine() {
    let file = sample_file("options.tsv", 300);
    let (ok, out, err) = klaster(&[
        "segment",
        &file,
        "--json",
        "--k",
        "2",
        "--features",
        "Income,Education",
        "--scaling",
        "minmax",
        "--gamma",
        "0.5",
        "--missing-income",
        "impute",
        "--no-iqr",
        "--drop-duplicates",
    ]);
    assert!(ok, "{err}");
    let v = json(&out);
    assert_eq!(v["algorithm"], "k_prototypes");
    assert_eq!(v["gamma"], 0.5);
    assert_eq!(v["features"][0]["scaling"], "min_max");
    let rules = v["cleaning"]["rules"].as_array().unwrap();
    assert!(rules[0]["imputed"].as_u64().unwrap() > 0);
    assert!(rules.iter().all(|r| r["rule"] != "iqr"));
    assert_eq!(rules.last().unwrap()["enabled"], true);
    let income = &v["segments"][0]["values"][0];
    assert_eq!(income["column"], "Income");
    assert!(income["mean"].as_f64().unwrap() > 1000.0, "original units");
    let education = &v["segments"][0]["values"][1];
    assert!(education["mode"][0].is_string());

    // The readable report.
    let (ok, out, _) = klaster(&["segment", &file, "--k", "3"]);
    assert!(ok);
    assert!(out.contains("K-Means on Total_Day_Membership"), "{out}");
    assert!(out.contains("Chosen: k = 3"), "{out}");
}

#[test]
fn segment_bad_options_fail_with_one_sentence() {
    let file = sample_file("bad.tsv", 120);
    let same = temp_file("same.csv", "a,b,c\n1,2,x\n1,2,x\n1,2,x\n1,2,x\n");
    let cases: &[(&[&str], &str)] = &[
        (&["--k", "1"], "at least 2 segments"),
        (&["--features", "Nope"], "no column called Nope"),
        (&["--features", "ID"], "choose a number or a category"),
        (&["--sweep", "1..4"], "k starts at 2"),
        (&["--sweep", "2..x"], "expected a range"),
        (&["--sweep", "2..4", "--k", "6"], "outside the sweep"),
        (&["--restarts", "0"], "at least 1"),
        (&["--algorithm", "kprototypes"], "K-Prototypes needs"),
        (
            &["--algorithm", "kmeans", "--gamma", "1"],
            "K-Prototypes only",
        ),
        (&["--iqr", "Nope"], "no column called Nope"),
        (&["--reference-date", "2014-02-30"], "no such date"),
        (&["--young-below", "70"], "must be below"),
    ];
    for (args, message) in cases {
        let mut all = vec!["segment", &*file, "--json"];
        all.extend_from_slice(args);
        let (ok, out, err) = klaster(&all);
        assert!(!ok, "{args:?} should fail");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(err.starts_with("klaster: "), "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    }
    // One distinct row: nothing to segment, said in a sentence, no panic.
    for args in [
        vec!["segment", &*same],
        vec!["segment", &*same, "--features", "a,b"],
        vec!["segment", &*same, "--features", "a,c", "--k", "3"],
    ] {
        let (ok, _, err) = klaster(&args);
        assert!(!ok);
        assert!(err.starts_with("klaster: "), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let (ok, _, err) = klaster(&["segment", &*same, "--features", "a,b"]);
    assert!(!ok);
    assert!(err.contains("only 1 different"), "{err}");
    // Unknown values of an option are clap's errors (exit 2).
    let (ok, _, err) = klaster(&["segment", &file, "--scaling", "log"]);
    assert!(!ok);
    assert!(err.contains("possible values"), "{err}");
}

#[test]
fn segment_dqlab_customers_auto_selects_k_prototypes() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/data/customer_segments.txt"
    );
    if !std::path::Path::new(path).exists() {
        eprintln!("skipping: {path} not present");
        return;
    }
    let (ok, out, err) = klaster(&["segment", path, "--json", "--k", "5", "--assignments"]);
    assert!(ok, "{err}");
    let v = json(&out);
    assert_eq!(v["schema"]["kind"], "dqlab_customers");
    assert_eq!(v["algorithm"], "k_prototypes");
    assert!(v["gamma"].as_f64().unwrap() > 0.0);
    let features: Vec<&str> = v["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["column"].as_str().unwrap())
        .collect();
    for c in [
        "Jenis Kelamin",
        "Profesi",
        "Tipe Residen",
        "Umur",
        "NilaiBelanjaSetahun",
    ] {
        assert!(features.contains(&c), "{features:?}");
    }
    assert_eq!(v["segments"].as_array().unwrap().len(), 5);
    assert_eq!(v["assignments"].as_array().unwrap().len(), 50);
    // Categories are described by their mode.
    let profesi = v["segments"][0]["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["column"] == "Profesi")
        .unwrap();
    assert!(profesi["mode"][0].is_string());
}

/// A private working directory with the demo's synthetic customers in it.
fn sample_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("klaster-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (ok, csv, _) = klaster(&["sample", "--rows", "3000"]);
    assert!(ok);
    std::fs::write(dir.join("customers.csv"), csv).unwrap();
    dir
}

#[test]
fn train_writes_a_model_that_score_and_plan_read() {
    let dir = sample_dir("train");
    let (ok, out, err) = klaster_in(
        &dir,
        &[
            "train",
            "customers.csv",
            "--target",
            "Response",
            "--out",
            "m.json",
            "--json",
        ],
    );
    assert!(ok, "{err}");
    let card: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(card["format"], "klaster-logistic");
    assert!(card["metrics"]["roc_auc"].as_f64().unwrap() > 0.65);
    assert_eq!(card["training"]["sha256"].as_str().unwrap().len(), 64);
    let features: Vec<&str> = card["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["column"].as_str().unwrap())
        .collect();
    // The target and what is computed from it never become features.
    assert!(!features.contains(&"Response") && !features.contains(&"Conversion_Rate"));
    assert!(features.contains(&"Education"));
    let written = std::fs::read_to_string(dir.join("m.json")).unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&written).unwrap(),
        card
    );

    let (ok, out, err) = klaster_in(
        &dir,
        &[
            "score",
            "customers.csv",
            "--model",
            "m.json",
            "--json",
            "--rows",
        ],
    );
    assert!(ok, "{err}");
    let s: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["rows"], 3000);
    assert_eq!(s["scores"].as_array().unwrap().len(), 3000);
    assert_eq!(s["scores"][0]["reasons"].as_array().unwrap().len(), 3);
    assert!(s["evaluation"]["roc_auc"].as_f64().unwrap() > 0.65);
    let ranks: std::collections::BTreeSet<u64> = s["scores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rank"].as_u64().unwrap())
        .collect();
    assert_eq!(
        (ranks.len(), ranks.first(), ranks.last()),
        (3000, Some(&1), Some(&3000))
    );

    let (ok, out, err) = klaster_in(
        &dir,
        &[
            "plan",
            "customers.csv",
            "--model",
            "m.json",
            "--segments",
            "--json",
        ],
    );
    assert!(ok, "{err}");
    let p: serde_json::Value = serde_json::from_str(&out).unwrap();
    // Z_CostContact = 3 and Z_Revenue = 11 come from the file.
    assert_eq!(p["economics"], "file");
    assert_eq!(p["params"]["cost"], 3.0);
    assert_eq!(p["gains"].as_array().unwrap().len(), 101);
    assert!(p["best"]["expected_profit"].as_f64().unwrap() > 0.0);
    assert!(p["segments"]["segments"].as_array().unwrap().len() >= 2);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn score_uses_the_shipped_model_and_explains_bad_requests() {
    let dir = sample_dir("score");
    let (ok, out, err) = klaster_in(&dir, &["score", "customers.csv", "--json"]);
    assert!(ok, "{err}");
    let s: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["model"], "personality");
    // The synthetic file has missing incomes: they take the training median.
    assert!(s["imputed"][0][1].as_u64().unwrap() > 0);

    let (ok, _, err) = klaster_in(&dir, &["score", "customers.csv", "--model", "bank"]);
    assert!(!ok);
    assert!(
        err.contains("needs columns this table does not have"),
        "{err}"
    );
    let (ok, _, err) = klaster_in(&dir, &["train", "customers.csv", "--target", "Income"]);
    assert!(!ok);
    assert!(err.contains("exactly two values"), "{err}");
    let (ok, _, err) = klaster_in(&dir, &["plan", "customers.csv", "--revenue", "0"]);
    assert!(!ok);
    assert!(err.contains("revenue per response"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

/// Output into a pipe that closes early (`klaster sample | head -1`) ends the program quietly,
/// as Unix tools do, instead of a panic on the closed pipe.
#[cfg(unix)]
#[test]
fn a_closed_pipe_is_not_a_panic() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_klaster"))
        .args(["sample", "--rows", "200000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("klaster runs");
    let mut first = [0u8; 64];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("some output");
    // stdout is dropped here: the pipe is closed while klaster is still writing.
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr");
    child.wait().expect("klaster ends");
    assert!(!err.contains("panicked"), "{err}");
}

/// `score --stream` reads the file in chunks and gives every row the score of the whole-file
/// run: the customer table's tenure counts to the last join date of the whole file (a first
/// pass finds it), and later chunks keep the first chunk's column types.
#[test]
fn streamed_scores_equal_whole_file_scores() {
    for (kind, rows) in [("customers", 2500), ("bank", 3000)] {
        let (ok, text, _) = klaster(&["sample", "--kind", kind, "--rows", &rows.to_string()]);
        assert!(ok);
        let file = temp_file(&format!("stream-{kind}.csv"), &text);
        let (ok, out, err) = klaster(&["score", &file, "--json", "--rows"]);
        assert!(ok, "{err}");
        let whole = json(&out);
        let mut expected = vec![0.0; rows];
        for s in whole["scores"].as_array().unwrap() {
            expected[s["row"].as_u64().unwrap() as usize - 1] = s["score"].as_f64().unwrap();
        }
        let (ok, out, err) = klaster(&["score", &file, "--stream", "--chunk-rows", "700"]);
        assert!(ok, "{err}");
        assert!(err.contains("rows scored with"), "{err}");
        let mut lines = out.lines();
        assert_eq!(lines.next(), Some("row,score"));
        let streamed: Vec<(usize, f64)> = lines
            .map(|l| {
                let (r, s) = l.split_once(',').unwrap();
                (r.parse().unwrap(), s.parse().unwrap())
            })
            .collect();
        assert_eq!(streamed.len(), rows, "{kind}");
        for (i, (row, score)) in streamed.iter().enumerate() {
            assert_eq!(*row, i + 1);
            assert!(
                (score - expected[i]).abs() < 1e-12,
                "{kind} row {row}: {score} streamed, {} whole",
                expected[i]
            );
        }
        let mean = whole["mean_score"].as_f64().unwrap();
        let shown = klaster_engine::format::percent(mean);
        assert!(
            err.contains(&format!("mean score {shown}")),
            "{err} vs {mean}"
        );
    }
    let (ok, _, err) = klaster(&["score", "x.csv", "--stream", "--json"]);
    assert!(!ok);
    assert!(err.contains("cannot be used with"), "{err}");
}

/// English function words that must not appear in an Indonesian report.
fn assert_indonesian(out: &str) {
    assert!(!out.trim().is_empty());
    for word in [" the ", " of ", " and ", " with ", " rows ", " on "] {
        assert!(
            !out.to_lowercase().contains(word),
            "{word:?} in an Indonesian report:\n{out}"
        );
    }
}

#[test]
fn text_reports_follow_lang_id() {
    let dir = sample_dir("lang-id");
    let id = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--lang", "id"]);
        let (ok, out, err) = klaster_in(&dir, &all);
        assert!(ok, "{args:?}: {err}");
        out
    };

    // Each report: its Indonesian phrases, and no English function word.
    let says = |args: &[&str], phrases: &[&str]| {
        let out = id(args);
        for phrase in phrases {
            assert!(out.contains(phrase), "{phrase:?} missing:\n{out}");
        }
        assert_indonesian(&out);
        out
    };
    says(&["profile", "customers.csv"], &["Kepribadian pelanggan"]);
    says(
        &["inspect", "customers.csv"],
        &["3000 baris ×", "bilangan bulat"],
    );

    // --lang is global: also before the subcommand.
    let (ok, before, _) = klaster_in(
        &dir,
        &["--lang", "id", "segment", "customers.csv", "--k", "3"],
    );
    assert!(ok);
    let out = says(
        &["segment", "customers.csv", "--k", "3"],
        &[
            "Pembersihan:",
            "baris dipertahankan",
            "K-Means pada Total_Day_Membership",
            "inersia",
            "Saran: ",
            "Terpilih: k = 3",
            "respons ",
        ],
    );
    assert_eq!(before, out);
    says(
        &["score", "customers.csv"],
        &["baris diskor dengan", "skor rata-rata"],
    );
    says(
        &["plan", "customers.csv", "--segments"],
        &["pelanggan diskor dengan", "hubungi ", "terbaik: "],
    );

    // Messages too.
    let (ok, _, err) = klaster_in(
        &dir,
        &["segment", "customers.csv", "--k", "1", "--lang", "id"],
    );
    assert!(!ok);
    assert!(err.contains("diperlukan minimal 2 segmen"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_language_comes_from_the_environment_unless_lang_is_given() {
    let dir = sample_dir("lang-env");
    let profile = ["profile", "customers.csv"];
    let (_, english, _) = klaster_in(&dir, &profile);
    assert!(english.contains("Customer personality"), "{english}");
    let (_, indonesian, _) = klaster_in(&dir, &["profile", "customers.csv", "--lang", "id"]);
    assert_ne!(english, indonesian);
    for (env, expected) in [
        (vec![("LANG", "id_ID.UTF-8")], &indonesian),
        (vec![("LANGUAGE", "id:en"), ("LANG", "C")], &indonesian),
        (
            vec![("LC_ALL", "in_ID"), ("LANG", "en_US.UTF-8")],
            &indonesian,
        ),
        (vec![("LANG", "C")], &english),
        (vec![("LANG", "fr_FR.UTF-8")], &english),
        (vec![("LC_ALL", "C"), ("LANG", "id_ID.UTF-8")], &english),
    ] {
        let (ok, out, err) = klaster_env(&dir, &profile, &env);
        assert!(ok, "{err}");
        assert_eq!(&out, expected, "{env:?}");
    }
    // --lang wins over the environment.
    let (_, out, _) = klaster_env(
        &dir,
        &["profile", "customers.csv", "--lang", "en"],
        &[("LANG", "id_ID.UTF-8")],
    );
    assert_eq!(out, english);
    let (ok, _, err) = klaster_in(&dir, &["profile", "customers.csv", "--lang", "fr"]);
    assert!(!ok);
    assert!(err.contains("possible values"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

/// Machine output (JSON, CSV, SQL, the files written) never changes with the language.
#[test]
fn machine_output_is_the_same_in_every_language() {
    let dir = sample_dir("lang-json");
    let runs: &[&[&str]] = &[
        &["inspect", "customers.csv", "--json", "--preview", "5"],
        &["profile", "customers.csv", "--json"],
        &["derive", "customers.csv"],
        &["derive", "customers.csv", "--json"],
        &[
            "segment",
            "customers.csv",
            "--json",
            "--k",
            "3",
            "--assignments",
            "--save",
            "seg.json",
        ],
        &["score", "customers.csv", "--json", "--rows"],
        &["score", "customers.csv", "--stream"],
        &["plan", "customers.csv", "--json", "--segments"],
        &[
            "train",
            "customers.csv",
            "--target",
            "Response",
            "--out",
            "m.json",
            "--json",
        ],
        &[
            "sql",
            "customers.csv",
            "--model",
            "auto",
            "--segments",
            "seg.json",
        ],
        &["sample", "--kind", "bank", "--rows", "50"],
    ];
    for args in runs {
        let mut outputs = Vec::new();
        for lang in ["en", "id"] {
            let mut all = args.to_vec();
            all.extend(["--lang", lang]);
            let (ok, out, err) = klaster_in(&dir, &all);
            assert!(ok, "{all:?}: {err}");
            let written: Vec<String> = ["seg.json", "m.json"]
                .iter()
                .map(|f| std::fs::read_to_string(dir.join(f)).unwrap_or_default())
                .collect();
            outputs.push((out, written));
        }
        assert!(!outputs[0].0.is_empty(), "{args:?}");
        assert!(
            outputs[0] == outputs[1],
            "{args:?} differs between en and id"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}
