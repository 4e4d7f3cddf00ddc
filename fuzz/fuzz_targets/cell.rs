//! Arbitrary text through the cell parsers (numbers in both decimal styles, booleans, dates in
//! every order), with the checks of `klaster_engine::selfcheck::cell_parsers`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(cell) = std::str::from_utf8(data) {
        klaster_engine::selfcheck::cell_parsers(cell);
    }
});
