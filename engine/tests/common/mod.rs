//! Helpers shared by the tests that read the public datasets.

/// The bytes of `../shared/data/NAME`, or `None` (with a note) when the folder is absent, so
/// that the tests skip on machines without the data.
pub fn shared(name: &str) -> Option<Vec<u8>> {
    let path = format!("{}/../../shared/data/{name}", env!("CARGO_MANIFEST_DIR"));
    match std::fs::read(&path) {
        Ok(b) => Some(b),
        Err(_) => {
            eprintln!("skipping: {path} not present");
            None
        }
    }
}
