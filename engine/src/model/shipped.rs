//! The models shipped with the app, and the presets the trainer (`klaster train --preset`)
//! builds them from. The model files live in `engine/models/` and are embedded at build time;
//! `scripts/train-models.sh` regenerates them from ../shared/data.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::{train, Excluded, ModelError, ModelFeature, ModelFile, TrainParams};
use crate::features::{prepare, DeriveParams};
use crate::i18n::{t, L10n};
use crate::schema::{Schema, SchemaKind};
use crate::table::Table;

/// A shipped model's definition: what it is trained on and what its card says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// bank-full.csv → `y` (term deposit), without `duration`.
    Bank,
    /// marketing_campaign.csv → `Response`, on the segmentation features.
    Personality,
}

impl Preset {
    pub const ALL: [Preset; 2] = [Preset::Bank, Preset::Personality];

    pub fn id(self) -> &'static str {
        match self {
            Self::Bank => "bank",
            Self::Personality => "personality",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.id() == id)
    }

    /// The schemas the model is offered for.
    pub fn schemas(self) -> Vec<SchemaKind> {
        match self {
            Self::Bank => vec![SchemaKind::BankMarketing],
            Self::Personality => vec![
                SchemaKind::CustomerPersonality,
                SchemaKind::CustomerPersonalityIndonesian,
                SchemaKind::MarketingAnalytics,
            ],
        }
    }

    pub fn params(self) -> TrainParams {
        match self {
            Self::Bank => TrainParams::new(
                "y",
                &["age", "balance", "day", "campaign", "pdays", "previous"],
                &[
                    "job",
                    "marital",
                    "education",
                    "default",
                    "housing",
                    "loan",
                    "contact",
                    "month",
                    "poutcome",
                ],
            ),
            Self::Personality => TrainParams::new(
                "Response",
                &[
                    "Age",
                    "Income",
                    "Children",
                    "Total_Spent",
                    "Total_Purchases",
                    "Total_Day_Membership",
                    "Recency",
                    "Total_Accepted",
                ],
                &["Education", "Marital_Status"],
            ),
        }
    }

    /// Derives, cleans (the Prepare step's defaults) and trains; returns the model with its
    /// card text filled in. `file` is the training file's name as the card shows it.
    pub fn train(
        self,
        table: &Table,
        schema: &Schema,
        file: &str,
    ) -> Result<ModelFile, ModelError> {
        let (derived, cleaned, _) = prepare(table, schema, &DeriveParams::default(), None);
        let mut model = train(&cleaned.table, &derived.schema, &self.params())?;
        model.id = self.id().to_string();
        model.schemas = self.schemas();
        model.training.record_cleaning(file, &cleaned);
        self.card(&mut model);
        if self == Self::Personality {
            for f in &mut model.features {
                if let ModelFeature::Categorical {
                    column, aliases, ..
                } = f
                {
                    *aliases = indonesian_aliases(column);
                }
            }
        }
        Ok(model)
    }

    /// Writes the card text (name, description, meaning, period, exclusions, limits) in both
    /// languages. Shipped model files hold the English text; [`with_card`] adds the
    /// Indonesian side when they are read.
    pub fn card(self, model: &mut ModelFile) {
        match self {
            Self::Bank => {
                model.name = L10n::build(|| {
                    t(
                        "Bank telemarketing: who subscribes to a term deposit",
                        "Telemarketing bank: siapa yang membuka deposito berjangka",
                    )
                    .to_string()
                });
                model.description = L10n::build(|| {
                    t(
                        "Scores a call list before calling: the probability that the \
                         client subscribes a term deposit, from who the client is and the contact \
                         history. Trained on the UCI Bank Marketing calls (bank-full.csv).",
                        "Memberi skor daftar panggilan sebelum menelepon: peluang nasabah \
                         membuka deposito berjangka, berdasarkan profil nasabah dan riwayat \
                         kontaknya. Dilatih pada data panggilan UCI Bank Marketing (bank-full.csv).",
                    )
                    .to_string()
                });
                model.target.meaning = L10n::build(|| {
                    t("subscribed a term deposit", "membuka deposito berjangka").to_string()
                });
                model.training.period = Some(L10n::build(|| {
                    t("May 2008 – November 2010", "Mei 2008 – November 2010").to_string()
                }));
                model.excluded = vec![Excluded {
                    column: "duration".to_string(),
                    reason: L10n::build(|| {
                        t(
                            "the call's length is only known after the call: a model that \
                             decides whom to call cannot use it (with it the AUC would look \
                             like 0.9, and be useless)",
                            "lama panggilan baru diketahui setelah panggilan: model yang \
                             memutuskan siapa yang dihubungi tidak dapat memakainya (dengan kolom \
                             ini AUC akan tampak 0,9, dan tidak berguna)",
                        )
                        .to_string()
                    }),
                }];
                model.limits = L10n::build(|| {
                    vec![
                        t(
                            "One Portuguese bank, May 2008 – November 2010: the month effects reflect that \
                             campaign's calendar and the financial crisis, not a law of nature.",
                            "Satu bank di Portugal, Mei 2008 – November 2010: pengaruh bulan mencerminkan \
                             kalender kampanye itu dan krisis keuangan, bukan hukum alam.",
                        )
                        .to_string(),
                        t(
                            "pdays = −1 means never contacted; it enters as a number, with previous and \
                             poutcome carrying the history.",
                            "pdays = −1 berarti belum pernah dihubungi; kolom ini masuk sebagai angka, \
                             sedangkan previous dan poutcome membawa riwayatnya.",
                        )
                        .to_string(),
                        t(
                            "Probabilities are calibrated to this data's 11.7 % subscription rate; a \
                             campaign with another base rate shifts them, the ranking stays useful.",
                            "Peluang dikalibrasi pada tingkat pembukaan deposito data ini sebesar 11,7 %; \
                             kampanye dengan tingkat dasar lain menggesernya, tetapi peringkatnya tetap berguna.",
                        )
                        .to_string(),
                        t(
                            "Associations, not causes: a factor that raises the odds goes with \
                             subscribing; it does not make people subscribe.",
                            "Asosiasi, bukan sebab: faktor yang menaikkan peluang menyertai pembukaan \
                             deposito; faktor itu tidak membuat orang membuka deposito.",
                        )
                        .to_string(),
                    ]
                });
            }
            Self::Personality => {
                model.name = L10n::build(|| {
                    t(
                        "Customer personality: who responds to the next campaign",
                        "Kepribadian pelanggan: siapa yang merespons kampanye berikutnya",
                    )
                    .to_string()
                });
                model.description = L10n::build(|| {
                    t(
                        "Scores every customer for the next campaign: the \
                         probability of accepting the offer, from age, income, family, spending, \
                         purchases, membership length, recency, past acceptances, education and \
                         marital status. Trained on the Kaggle Customer Personality Analysis data \
                         (marketing_campaign.csv).",
                        "Memberi skor setiap pelanggan untuk kampanye berikutnya: peluang \
                         menerima penawaran, berdasarkan usia, pendapatan, keluarga, belanja, \
                         pembelian, lama keanggotaan, kebaruan (recency), penerimaan sebelumnya, \
                         pendidikan, dan status pernikahan. Dilatih pada data Kaggle Customer \
                         Personality Analysis (marketing_campaign.csv).",
                    )
                    .to_string()
                });
                model.target.meaning = L10n::build(|| {
                    t(
                        "accepted the offer of the last campaign",
                        "menerima penawaran kampanye terakhir",
                    )
                    .to_string()
                });
                model.training.period = Some(L10n::build(|| {
                    t(
                        "customers who joined July 2012 – June 2014",
                        "pelanggan yang bergabung Juli 2012 – Juni 2014",
                    )
                    .to_string()
                }));
                model.excluded = vec![
                    Excluded {
                        column: "Conversion_Rate".to_string(),
                        reason: L10n::build(|| {
                            t(
                                "computed from Response itself: it would leak the answer",
                                "dihitung dari Response itu sendiri: kolom ini akan membocorkan jawabannya",
                            )
                            .to_string()
                        }),
                    },
                    Excluded {
                        column: "AcceptedCmp1 … AcceptedCmp5".to_string(),
                        reason: L10n::build(|| {
                            t(
                                "summarised in Total_Accepted",
                                "dirangkum dalam Total_Accepted",
                            )
                            .to_string()
                        }),
                    },
                    Excluded {
                        column: "Z_CostContact, Z_Revenue".to_string(),
                        reason: L10n::build(|| {
                            t(
                                "constants of the campaign, used by the Plan step",
                                "konstanta kampanye, dipakai di langkah Rencana",
                            )
                            .to_string()
                        }),
                    },
                ];
                model.limits = L10n::build(|| {
                    vec![
                        t(
                            "2,205 customers of one retailer after cleaning (missing income, impossible \
                             ages, income outliers): a small sample, so the card's figures carry a few \
                             points of uncertainty.",
                            "2.205 pelanggan dari satu peritel setelah pembersihan (pendapatan kosong, usia \
                             yang mustahil, pencilan pendapatan): sampel kecil, sehingga angka pada kartu ini \
                             memiliki ketidakpastian beberapa poin.",
                        )
                        .to_string(),
                        t(
                            "Age and membership length are counted to the last join date of the scored \
                             file, as in training.",
                            "Usia dan lama keanggotaan dihitung sampai tanggal bergabung terakhir di berkas \
                             yang diberi skor, sama seperti saat pelatihan.",
                        )
                        .to_string(),
                        t(
                            "Money is in the original currency units; the Indonesian variant (×1000, \
                             Indonesian categories) is converted before scoring.",
                            "Uang dalam satuan mata uang aslinya; varian Indonesia (×1000, kategori \
                             berbahasa Indonesia) dikonversi sebelum diberi skor.",
                        )
                        .to_string(),
                        t("Associations, not causes.", "Asosiasi, bukan sebab.").to_string(),
                    ]
                });
            }
        }
    }
}

/// A model file as read: a shipped preset's card gets its text in both languages (the files
/// in `engine/models/`, and copies of them, hold the English text only); any other model is
/// returned as it is.
pub(crate) fn with_card(mut model: ModelFile) -> ModelFile {
    if let Some(preset) = Preset::from_id(&model.id) {
        // Only a card that still says what the preset's says: a user's edited copy keeps its text.
        let mut card = model.clone();
        preset.card(&mut card);
        if card.name.en == model.name.en {
            preset.card(&mut model);
        }
    }
    model
}

/// The Indonesian variant's spellings of the personality model's categories (checked by ID
/// against marketing_campaign.csv: every customer maps to the same original value).
fn indonesian_aliases(column: &str) -> BTreeMap<String, String> {
    let pairs: &[(&str, &str)] = match column {
        "Education" => &[
            ("S1", "Graduation"),
            ("S2", "Master"),
            ("S3", "PhD"),
            ("D3", "2n Cycle"),
            ("SMA", "Basic"),
        ],
        "Marital_Status" => &[
            ("Menikah", "Married"),
            ("Bertunangan", "Together"),
            ("Lajang", "Single"),
            ("Cerai", "Divorced"),
            ("Janda", "Widow"),
            ("Duda", "Alone"),
        ],
        _ => &[],
    };
    pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// The shipped model files, embedded at build time.
const EMBEDDED: &[&str] = &[
    include_str!("../../models/bank.json"),
    include_str!("../../models/personality.json"),
];

/// Every shipped model, parsed once (the worker asks on every scoring). A file that fails to
/// parse is a build defect caught by the tests, so it is skipped here rather than taking the
/// app down.
pub fn models() -> &'static [ModelFile] {
    static MODELS: OnceLock<Vec<ModelFile>> = OnceLock::new();
    MODELS.get_or_init(|| {
        EMBEDDED
            .iter()
            .filter_map(|text| ModelFile::from_json(text).ok())
            .collect()
    })
}

pub fn by_id(id: &str) -> Option<ModelFile> {
    models().iter().find(|m| m.id == id).cloned()
}

/// The shipped model meant for a recognised schema.
pub fn for_schema(kind: SchemaKind) -> Option<ModelFile> {
    models().iter().find(|m| m.schemas.contains(&kind)).cloned()
}
