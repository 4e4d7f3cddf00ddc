//! The `klaster` binary itself, on the project's fixtures.

use std::process::Command;

fn klaster(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_klaster"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures"))
        .output()
        .expect("klaster runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
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
    assert_eq!(p["summary"][0], "10 rows, 20 % have y = “yes”.");
    assert_eq!(p["columns"][0]["stats"]["median"], 42.5);
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
