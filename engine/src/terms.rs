//! The glossary: terms that recur across the page, the CLI and the engine's sentences, each with
//! the one Indonesian translation every sentence uses. A sentence is still written whole in both
//! languages where it is built ([`crate::i18n`]); this list is what keeps a term from being
//! translated two ways in two places ("best cut-off" was "titik potong terbaik" in the Plan
//! step and "batas terbaik" on its chart). `engine/tests/terms.rs` reads every `t` / `tf!` pair
//! in the workspace's sources and fails when a sentence uses a term here in English without
//! its Indonesian translation.

/// A term and its one Indonesian translation (lower case; matched case-insensitively, the
/// English as whole words, the Indonesian anywhere in the sentence).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub en: &'static str,
    pub id: &'static str,
}

/// Terms of the product's vocabulary. Words whose translation depends on the sentence are left
/// out: "customer" is "pelanggan", but a bank's customers are "nasabah".
pub const GLOSSARY: &[Term] = &[
    Term {
        en: "best cut-off",
        id: "titik potong terbaik",
    },
    Term {
        en: "cut-off",
        id: "titik potong",
    },
    Term {
        en: "cost per contact",
        id: "biaya per kontak",
    },
    Term {
        en: "reference date",
        id: "tanggal acuan",
    },
    Term {
        en: "response rate",
        id: "tingkat respons",
    },
    Term {
        en: "model card",
        id: "kartu model",
    },
    Term {
        en: "silhouette",
        id: "siluet",
    },
    Term {
        en: "outlier",
        id: "pencilan",
    },
    Term {
        en: "outliers",
        id: "pencilan",
    },
    Term {
        en: "revenue",
        id: "pendapatan",
    },
    Term {
        en: "profit",
        id: "laba",
    },
    Term {
        en: "threshold",
        id: "ambang",
    },
    Term {
        en: "segment",
        id: "segmen",
    },
    Term {
        en: "segments",
        id: "segmen",
    },
    Term {
        en: "feature",
        id: "fitur",
    },
    Term {
        en: "features",
        id: "fitur",
    },
    Term {
        en: "workbook",
        id: "buku kerja",
    },
    Term {
        en: "sheet",
        id: "lembar",
    },
    Term {
        en: "missing",
        id: "kosong",
    },
];
