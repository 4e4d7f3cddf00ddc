//! Replays the fuzz corpus' kept cases (`engine/tests/fuzz-corpus/`) through the same checks
//! as the fuzz targets (`klaster_engine::selfcheck`): every case that once crashed the engine,
//! and inputs chosen from the fuzzers' corpora because they reach unusual paths. The file name
//! says which target it belongs to: `load-*` for the whole-file pipeline, `cell-*` for the
//! cell parsers. See `fuzz/README.md` for how to run the fuzzers and add cases.

use klaster_engine::selfcheck::{cell_parsers, load_pipeline};

#[test]
fn every_kept_fuzz_case_passes_the_fuzz_checks() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus");
    let mut load = 0;
    let mut cell = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("the corpus folder exists")
        .map(|e| e.expect("a readable entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let bytes = std::fs::read(&path).expect("a readable case");
        if name.starts_with("load-") {
            load_pipeline(&bytes);
            load += 1;
        } else if name.starts_with("cell-") {
            cell_parsers(&String::from_utf8_lossy(&bytes));
            cell += 1;
        } else {
            panic!("{name}: a corpus case must start with load- or cell-");
        }
    }
    assert!(load >= 10, "only {load} load cases");
    assert!(cell >= 10, "only {cell} cell cases");
}
