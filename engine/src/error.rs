//! Typed errors. Every message is a sentence a marketing analyst can act on: the UI shows
//! `to_string()` as is, in the current language (see [`crate::i18n`]).

use crate::i18n::t;
use crate::tf;

/// What a file that is not text looks like, named in [`IngestError::Binary`] (the ingest
/// layer recognises it by its signature).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryKind {
    /// A ZIP that could be an .xlsx workbook (said when workbooks are not read).
    ZipOrXlsx,
    /// A ZIP that is no Office or OpenDocument file.
    Zip,
    OldExcel,
    Png,
    Jpeg,
    Gif,
    Pdf,
    Gzip,
    Program,
    /// Anything else with bytes no text has.
    Other,
}

impl BinaryKind {
    /// How a sentence names it, in the current language.
    pub fn name(self) -> &'static str {
        match self {
            Self::ZipOrXlsx => t(
                "a ZIP archive (or an .xlsx workbook)",
                "arsip ZIP (atau buku kerja .xlsx)",
            ),
            Self::Zip => t("a ZIP archive", "arsip ZIP"),
            Self::OldExcel => t(
                "an old Excel (.xls) workbook",
                "buku kerja Excel lama (.xls)",
            ),
            Self::Png => t("a PNG image", "gambar PNG"),
            Self::Jpeg => t("a JPEG image", "gambar JPEG"),
            Self::Gif => t("a GIF image", "gambar GIF"),
            Self::Pdf => t("a PDF document", "dokumen PDF"),
            Self::Gzip => t("a gzip-compressed file", "berkas terkompresi gzip"),
            Self::Program => t("a program file", "berkas program"),
            Self::Other => t("a binary file", "berkas biner"),
        }
    }
}

/// Why a file could not be read as a table at all. Problems that affect only some rows
/// (ragged rows, unreadable cells) are not errors: they are reported in
/// [`crate::ingest::LoadReport`] and the rest of the file loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestError {
    Empty,
    HeaderOnly {
        columns: usize,
    },
    /// A file that is not text; `kind` is what it looks like.
    Binary {
        kind: BinaryKind,
    },
    SingleColumn {
        header: String,
    },
    TooManyColumns {
        columns: usize,
        max: usize,
    },
    /// The csv reader's own message (English, from the library).
    Csv(String),
    /// The source could not be read (the system's message).
    Read(String),
    /// A workbook the workbook reader could not open (its own message, English).
    Workbook(String),
    /// The workbook has no visible worksheet, or none of the name asked for.
    NoSheet {
        wanted: Option<String>,
    },
    /// No row of the sheet has two filled cells, or there is no data row below the header.
    NoTable {
        sheet: String,
    },
    Cancelled,
}

impl std::fmt::Display for IngestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // English keeps its plain numbers (as before the Indonesian interface).
        let thousands = |n: u64| match crate::i18n::lang() {
            crate::i18n::Lang::En => n.to_string(),
            crate::i18n::Lang::Id => crate::format::thousands(n),
        };
        let s = match self {
            Self::Empty => t("The file is empty.", "Berkas ini kosong.").to_string(),
            Self::HeaderOnly { columns } => {
                let columns = thousands(*columns as u64);
                tf!(
                    "The file only contains a header row ({columns} columns) and no data rows.",
                    "Berkas ini hanya berisi baris judul ({columns} kolom) tanpa baris data."
                )
            }
            Self::Binary { kind } => {
                let kind = kind.name();
                tf!(
                    "This looks like {kind}, not a CSV text file. Export the data as CSV (comma, semicolon or tab separated) and try again.",
                    "Berkas ini tampaknya {kind}, bukan berkas teks CSV. Ekspor data sebagai CSV (dipisahkan koma, titik koma, atau tab), lalu coba lagi."
                )
            }
            Self::SingleColumn { header } => tf!(
                "Only one column was found (\"{header}\"). Klaster needs a table with at least two columns: check that the values are separated by commas, semicolons, tabs or pipes.",
                "Hanya satu kolom yang ditemukan (\"{header}\"). Klaster memerlukan tabel dengan sedikitnya dua kolom: periksa apakah nilai-nilainya dipisahkan koma, titik koma, tab, atau garis tegak (|)."
            ),
            Self::TooManyColumns { columns, max } => {
                let (columns, max) = (thousands(*columns as u64), thousands(*max as u64));
                tf!(
                    "The file has {columns} columns; Klaster reads at most {max}.",
                    "Berkas ini memiliki {columns} kolom; Klaster membaca paling banyak {max}."
                )
            }
            Self::Csv(e) => tf!(
                "The file could not be parsed as CSV: {e}",
                "Berkas ini tidak dapat diurai sebagai CSV: {e}"
            ),
            Self::Read(e) => tf!(
                "The file could not be parsed as CSV: the file could not be read: {e}",
                "Berkas ini tidak dapat diurai sebagai CSV: berkas tidak dapat dibaca: {e}"
            ),
            Self::Workbook(e) => tf!(
                "The workbook could not be read: {e}. If it opens in Excel or LibreOffice, save the sheet as CSV and load that.",
                "Buku kerja ini tidak dapat dibaca: {e}. Jika dapat dibuka di Excel atau LibreOffice, simpan lembarnya sebagai CSV lalu muat berkas itu."
            ),
            Self::NoSheet { wanted: Some(name) } => tf!(
                "The workbook has no sheet called \"{name}\".",
                "Buku kerja ini tidak memiliki lembar bernama \"{name}\"."
            ),
            Self::NoSheet { wanted: None } => t(
                "The workbook has no visible worksheet (only hidden sheets or charts).",
                "Buku kerja ini tidak memiliki lembar kerja yang terlihat (hanya lembar tersembunyi atau grafik).",
            )
            .to_string(),
            Self::NoTable { sheet } => tf!(
                "The sheet \"{sheet}\" holds no table: Klaster needs a header row with at least two columns and data rows below it.",
                "Lembar \"{sheet}\" tidak berisi tabel: Klaster memerlukan baris judul dengan sedikitnya dua kolom dan baris data di bawahnya."
            ),
            Self::Cancelled => t("Loading was cancelled.", "Pemuatan dibatalkan.").to_string(),
        };
        f.write_str(&s)
    }
}

impl std::error::Error for IngestError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{with_lang, Lang};

    #[test]
    fn messages_in_both_languages() {
        let e = IngestError::HeaderOnly { columns: 3 };
        assert_eq!(
            e.to_string(),
            "The file only contains a header row (3 columns) and no data rows."
        );
        let id = with_lang(Lang::Id, || e.to_string());
        assert!(id.contains("baris judul"), "{id}");
        let binary = IngestError::Binary {
            kind: BinaryKind::ZipOrXlsx,
        };
        let id = with_lang(Lang::Id, || binary.to_string());
        assert!(id.contains("arsip ZIP") && !id.contains(" archive"), "{id}");
        let big = IngestError::TooManyColumns {
            columns: 12_000,
            max: 10_000,
        };
        assert_eq!(
            with_lang(Lang::Id, || big.to_string()),
            "Berkas ini memiliki 12.000 kolom; Klaster membaca paling banyak 10.000."
        );
        for e in [
            IngestError::Empty,
            IngestError::Cancelled,
            IngestError::Csv("x".into()),
        ] {
            let id = with_lang(Lang::Id, || e.to_string());
            assert!(id != e.to_string() && !id.contains(" the "), "{id}");
        }
    }
}
