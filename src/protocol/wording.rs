//! The words of the load's progress line, in the current language.

use super::*;

/// Progress as the page words it.
pub fn stage_label(stage: Stage) -> &'static str {
    match stage {
        Stage::Read => t("Reading the file", "Membaca berkas"),
        Stage::Parse => t("Parsing rows", "Mengurai baris"),
        Stage::Infer => t("Recognising column types", "Mengenali tipe kolom"),
    }
}

/// The progress line of a load: the stage with its counts ("Parsing rows: 412,000 read",
/// "Recognising column types: 12 of 29 columns").
pub fn progress_label(stage: Stage, done: u64, total: u64, rows: u64) -> String {
    let name = stage_label(stage);
    match stage {
        Stage::Parse if rows > 0 => {
            let rows = crate::format::thousands(rows);
            klaster_engine::tf!("{name}: {rows} read", "{name}: {rows} terbaca")
        }
        Stage::Infer if total > 0 => {
            let (done, total) = (
                crate::format::thousands(done),
                crate::format::thousands(total),
            );
            klaster_engine::tf!(
                "{name}: {done} of {total} columns",
                "{name}: {done} dari {total} kolom"
            )
        }
        _ => name.to_string(),
    }
}
