//! Arbitrary bytes through the page's load pipeline (decode, sniff, parse, infer, summary,
//! profile, histograms, Prepare), with the checks of `klaster_engine::selfcheck::load_pipeline`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    klaster_engine::selfcheck::load_pipeline(data);
});
