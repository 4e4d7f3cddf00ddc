//! Known-dataset recognition and column roles. A role says what a column *means* to the analyses
//! (income, a spend column, the response target …), independent of its type. Known schemas get
//! exact roles; any other file gets guesses from the column names and types, which the user can
//! override.

pub mod dictionary;
pub mod row;

pub use row::RowKind;

use serde::{Deserialize, Serialize};

use crate::i18n::t;
use crate::table::{Column, ColumnType, Table};

/// What a column means to the analyses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Id,
    Age,
    BirthYear,
    /// A birth date (a date column): the age is derived from it.
    BirthDate,
    Income,
    /// Money spent on a product line (MntWines …, NilaiBelanjaSetahun).
    Spend,
    /// Number of purchases through a channel.
    Purchases,
    WebVisits,
    /// Days since the last purchase.
    Recency,
    /// The date of the last purchase (a date column): the days since it are derived.
    LastPurchaseDate,
    JoinDate,
    /// How long the row's subject has been a customer, as a number (months, days or years).
    Tenure,
    Children,
    /// The outcome to explain and predict (bank `y`, customer `Response`).
    Target,
    /// Accepted an earlier campaign (AcceptedCmp1..5).
    PastAcceptance,
    Complaint,
    /// Contacts during this campaign (bank `campaign`).
    Contacts,
    /// Days since the previous campaign's contact (bank `pdays`; sentinel = never).
    DaysSinceContact,
    /// Contacts before this campaign (bank `previous`).
    PreviousContacts,
    /// Outcome of the previous campaign (bank `poutcome`).
    PreviousOutcome,
    /// Known only after the call (bank `duration`): never a predictor.
    CallDuration,
    CostPerContact,
    RevenuePerResponse,
    /// A descriptive category (job, education, country …).
    Attribute,
    /// A number with no special meaning.
    Measure,
    /// Not used by the analyses.
    Ignore,
}

impl Role {
    /// True for what is known only after the outcome it would explain (a call's length is
    /// known when the call ends, with its answer): never a predictor, never a default segment
    /// feature, never the reason for an action.
    pub fn known_after_outcome(self) -> bool {
        matches!(self, Self::CallDuration)
    }

    /// Every role, in the order the role picker lists them.
    pub const ALL: [Role; 26] = [
        Self::Id,
        Self::Target,
        Self::Age,
        Self::BirthYear,
        Self::BirthDate,
        Self::Income,
        Self::Spend,
        Self::Purchases,
        Self::WebVisits,
        Self::Recency,
        Self::LastPurchaseDate,
        Self::JoinDate,
        Self::Tenure,
        Self::Children,
        Self::PastAcceptance,
        Self::Complaint,
        Self::Contacts,
        Self::DaysSinceContact,
        Self::PreviousContacts,
        Self::PreviousOutcome,
        Self::CallDuration,
        Self::CostPerContact,
        Self::RevenuePerResponse,
        Self::Attribute,
        Self::Measure,
        Self::Ignore,
    ];

    /// The role's name in the current language (the role picker lists these).
    pub fn label(self) -> &'static str {
        match self {
            Self::Id => t("id", "id"),
            Self::Age => t("age", "usia"),
            Self::BirthYear => t("birth year", "tahun lahir"),
            Self::BirthDate => t("birth date", "tanggal lahir"),
            Self::Income => t("income", "pendapatan"),
            Self::Spend => t("spend", "belanja"),
            Self::Purchases => t("purchases", "pembelian"),
            Self::WebVisits => t("web visits", "kunjungan web"),
            Self::Recency => t("recency", "kebaruan"),
            Self::LastPurchaseDate => t("last purchase date", "tanggal pembelian terakhir"),
            Self::JoinDate => t("join date", "tanggal bergabung"),
            Self::Tenure => t("tenure", "lama berlangganan"),
            Self::Children => t("children", "anak"),
            Self::Target => t("target", "target"),
            Self::PastAcceptance => t("past acceptance", "penerimaan sebelumnya"),
            Self::Complaint => t("complaint", "keluhan"),
            Self::Contacts => t("contacts this campaign", "kontak kampanye ini"),
            Self::DaysSinceContact => t("days since last contact", "hari sejak kontak terakhir"),
            Self::PreviousContacts => t("previous contacts", "kontak sebelumnya"),
            Self::PreviousOutcome => t("previous outcome", "hasil sebelumnya"),
            Self::CallDuration => t("call duration", "durasi panggilan"),
            Self::CostPerContact => t("cost per contact", "biaya per kontak"),
            Self::RevenuePerResponse => t("revenue per response", "pendapatan per respons"),
            Self::Attribute => t("attribute", "atribut"),
            Self::Measure => t("measure", "ukuran"),
            Self::Ignore => t("ignore", "abaikan"),
        }
    }
}

/// The datasets Klaster knows by their columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SchemaKind {
    /// UCI Bank Marketing (bank-full.csv, bank.csv).
    BankMarketing,
    /// UCI Bank Marketing with economic indicators (bank-additional*.csv).
    BankMarketingAdditional,
    /// Kaggle Customer Personality Analysis (marketing_campaign.csv).
    CustomerPersonality,
    /// The Indonesian bootcamp variant: money ×1000, MntCoke, Indonesian categories.
    CustomerPersonalityIndonesian,
    /// Kaggle Marketing Analytics (marketing_data.csv, with Country).
    MarketingAnalytics,
    /// The DQLab customer list (Indonesian column names).
    DqlabCustomers,
    /// Anything else: roles are guesses.
    Unknown,
}

impl SchemaKind {
    /// What the table is, in the current language.
    pub fn label(self) -> &'static str {
        match self {
            Self::BankMarketing => t(
                "Bank telemarketing calls (UCI Bank Marketing)",
                "Panggilan telemarketing bank (UCI Bank Marketing)",
            ),
            Self::BankMarketingAdditional => t(
                "Bank telemarketing calls with economic indicators (UCI Bank Marketing, additional)",
                "Panggilan telemarketing bank dengan indikator ekonomi (UCI Bank Marketing, additional)",
            ),
            Self::CustomerPersonality => t(
                "Customer personality (Kaggle)",
                "Kepribadian pelanggan (Kaggle)",
            ),
            Self::CustomerPersonalityIndonesian => t(
                "Customer personality, Indonesian variant (money ×1000)",
                "Kepribadian pelanggan, varian Indonesia (uang ×1000)",
            ),
            Self::MarketingAnalytics => t(
                "Marketing analytics (Kaggle, with country)",
                "Analitik pemasaran (Kaggle, dengan negara)",
            ),
            Self::DqlabCustomers => t("DQLab customer list", "Daftar pelanggan DQLab"),
            Self::Unknown => t(
                "Unrecognised table: roles are guessed from column names",
                "Tabel tidak dikenali: peran ditebak dari nama kolom",
            ),
        }
    }

    /// What a positive target means, for sentences ("11.7 % subscribed").
    pub fn positive_verb(self) -> &'static str {
        match self {
            Self::BankMarketing | Self::BankMarketingAdditional => {
                t("subscribed", "membuka deposito")
            }
            Self::Unknown | Self::DqlabCustomers => t("positive", "positif"),
            _ => t(
                "responded to the last campaign",
                "merespons kampanye terakhir",
            ),
        }
    }
}

/// A recognised schema and the role of every column (in table order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Schema {
    pub kind: SchemaKind,
    pub roles: Vec<Role>,
    /// Money columns are in thousands of the original currency unit (Indonesian variant): the
    /// analyses divide them by this to compare with the original data.
    pub money_scale: f64,
    /// What one row is: guessed by [`row::guess`], or the user's answer.
    #[serde(default)]
    pub row: RowKind,
}

impl Schema {
    /// Applies the user's role choices (by column name) on top of the recognised roles.
    pub fn with_overrides(mut self, table: &Table, overrides: &[(String, Role)]) -> Self {
        for (name, role) in overrides {
            if let Some(i) = table.columns.iter().position(|c| &c.name == name) {
                if let Some(slot) = self.roles.get_mut(i) {
                    *slot = *role;
                }
            }
        }
        self
    }

    /// The user's answer to "What is one row?" (`None` keeps the guess).
    pub fn with_row(mut self, row: Option<RowKind>) -> Self {
        if let Some(row) = row {
            self.row = row;
        }
        self
    }

    /// Index of the first column with `role`.
    pub fn find(&self, role: Role) -> Option<usize> {
        self.roles.iter().position(|&r| r == role)
    }

    pub fn all(&self, role: Role) -> impl Iterator<Item = usize> + '_ {
        self.roles
            .iter()
            .enumerate()
            .filter(move |(_, &r)| r == role)
            .map(|(i, _)| i)
    }
}

/// Lower-case letters and digits only: "Year_Birth" and "year birth" compare equal.
pub fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The columns of the bank-marketing table (UCI bank-full.csv), in order; also the header of
/// the generated bank calls (`sample::bank_csv`).
pub const BANK_COLUMNS: [&str; 17] = [
    "age",
    "job",
    "marital",
    "education",
    "default",
    "balance",
    "housing",
    "loan",
    "contact",
    "day",
    "month",
    "duration",
    "campaign",
    "pdays",
    "previous",
    "poutcome",
    "y",
];
const BANK_ADDITIONAL: [&str; 6] = [
    "dayofweek",
    "empvarrate",
    "conspriceidx",
    "consconfidx",
    "euribor3m",
    "nremployed",
];
const CUSTOMER: [&str; 16] = [
    "id",
    "yearbirth",
    "education",
    "maritalstatus",
    "income",
    "kidhome",
    "teenhome",
    "dtcustomer",
    "recency",
    "mntfruits",
    "mntmeatproducts",
    "mntfishproducts",
    "mntsweetproducts",
    "mntgoldprods",
    "numwebvisitsmonth",
    "response",
];
const DQLAB: [&str; 6] = [
    "namapelanggan",
    "jeniskelamin",
    "umur",
    "profesi",
    "tiperesiden",
    "nilaibelanjasetahun",
];

fn share_present(names: &[String], signature: &[&str]) -> f64 {
    signature
        .iter()
        .filter(|s| names.iter().any(|n| n == *s))
        .count() as f64
        / signature.len() as f64
}

/// Recognises the table's schema and assigns roles.
pub fn recognise(table: &Table) -> Schema {
    let names: Vec<String> = table.columns.iter().map(|c| normalise(&c.name)).collect();
    let has = |n: &str| names.iter().any(|x| x == n);
    let kind = if share_present(&names, &BANK_COLUMNS[..15]) >= 0.8
        || share_present(&names, &BANK_COLUMNS) >= 0.8
    {
        if share_present(&names, &BANK_ADDITIONAL) >= 0.5 {
            SchemaKind::BankMarketingAdditional
        } else {
            SchemaKind::BankMarketing
        }
    } else if share_present(&names, &CUSTOMER) >= 0.8 {
        if has("mntcoke") {
            SchemaKind::CustomerPersonalityIndonesian
        } else if has("country") {
            SchemaKind::MarketingAnalytics
        } else {
            SchemaKind::CustomerPersonality
        }
    } else if share_present(&names, &DQLAB) >= 0.8 {
        SchemaKind::DqlabCustomers
    } else {
        SchemaKind::Unknown
    };
    // Each column's concept, once: the roles and the row kind both read it (it sorts the
    // values of a column named like an age). The bank tables' roles are known by name.
    let bank = matches!(
        kind,
        SchemaKind::BankMarketing | SchemaKind::BankMarketingAdditional
    );
    let concepts: Vec<Option<dictionary::Concept>> = if bank {
        vec![None; table.columns.len()]
    } else {
        table.columns.iter().map(dictionary::concept_of).collect()
    };
    let roles = table
        .columns
        .iter()
        .zip(&names)
        .zip(&concepts)
        .map(|((c, n), concept)| role_of(kind, n, c, *concept))
        .collect();
    let roles = if kind == SchemaKind::Unknown {
        one_sum_per_role(table, roles)
    } else {
        roles
    };
    let row = row::guess(table, kind, &roles, &concepts);
    Schema {
        kind,
        roles,
        row,
        money_scale: if kind == SchemaKind::CustomerPersonalityIndonesian {
            1000.0
        } else {
            1.0
        },
    }
}

/// In a table we do not know, several money (or count) columns are seldom parts of one total
/// as the Kaggle table's `Mnt*` are: `total_sales` beside `avg_order_value` must not be added
/// up. One column keeps the role (the one called a total, else the first), the others become
/// measures.
fn one_sum_per_role(table: &Table, mut roles: Vec<Role>) -> Vec<Role> {
    for role in [Role::Spend, Role::Purchases] {
        let of: Vec<usize> = (0..roles.len()).filter(|&i| roles[i] == role).collect();
        if of.len() < 2 {
            continue;
        }
        // Siblings share their first or last word (MntWines, MntFruits; NumWebPurchases,
        // NumStorePurchases; sales_jan, sales_feb): parts of one total, kept.
        let words: Vec<Vec<String>> = of
            .iter()
            .map(|&i| dictionary::words(&table.columns[i].name))
            .collect();
        let shared = |pick: fn(&Vec<String>) -> Option<&String>| {
            words
                .iter()
                .all(|w| pick(w).is_some() && pick(w) == pick(&words[0]))
        };
        if shared(|w| w.first()) || shared(|w| w.last()) {
            continue;
        }
        let keep = of
            .iter()
            .copied()
            .find(|&i| {
                let w = dictionary::words(&table.columns[i].name);
                w.iter()
                    .any(|x| ["total", "sum", "jumlah"].contains(&x.as_str()))
            })
            .unwrap_or(of[0]);
        for &i in &of {
            if i != keep {
                roles[i] = Role::Measure;
            }
        }
    }
    roles
}

/// The role of a column from its normalised name, type and values, given the schema
/// (`concept`: its [`dictionary::concept_of`]).
fn role_of(
    kind: SchemaKind,
    n: &str,
    column: &Column,
    concept: Option<dictionary::Concept>,
) -> Role {
    let t = column.kind;
    let bank = matches!(
        kind,
        SchemaKind::BankMarketing | SchemaKind::BankMarketingAdditional
    );
    if bank {
        let r = match n {
            "age" => Role::Age,
            "balance" => Role::Measure,
            "duration" => Role::CallDuration,
            "campaign" => Role::Contacts,
            "pdays" => Role::DaysSinceContact,
            "previous" => Role::PreviousContacts,
            "poutcome" => Role::PreviousOutcome,
            "y" => Role::Target,
            "day" => Role::Measure,
            _ if t == ColumnType::Decimal => Role::Measure,
            _ => Role::Attribute,
        };
        return r;
    }
    // Names shared by the customer tables and good guesses for anything else.
    match n {
        "id" | "customerid" | "custid" | "clientid" => return Role::Id,
        "yearbirth" | "birthyear" | "tahunlahir" => return Role::BirthYear,
        "age" | "umur" | "usia" => return Role::Age,
        "income" | "pendapatan" | "salary" | "gaji" | "annualincome" => return Role::Income,
        "kidhome" | "teenhome" | "children" | "kids" => return Role::Children,
        "recency" | "dayssincelastpurchase" => return Role::Recency,
        "dtcustomer" | "joindate" | "customersince" | "signupdate" => return Role::JoinDate,
        "numwebvisitsmonth" | "webvisits" => return Role::WebVisits,
        "response" | "y" | "target" | "converted" | "subscribed" | "churn" | "label"
            if t == ColumnType::Boolean =>
        {
            return Role::Target;
        }
        "complain" | "complaint" => return Role::Complaint,
        "zcostcontact" | "costpercontact" => return Role::CostPerContact,
        "zrevenue" | "revenueperresponse" => return Role::RevenuePerResponse,
        "nilaibelanjasetahun" => return Role::Spend,
        _ => {}
    }
    if n.starts_with("mnt") || n.contains("spend") || n.contains("belanja") || n.contains("amount")
    {
        return Role::Spend;
    }
    if n.starts_with("num") && n.ends_with("purchases") || n.contains("purchases") {
        return Role::Purchases;
    }
    if n.starts_with("acceptedcmp") {
        return Role::PastAcceptance;
    }
    if let Some(concept) = concept {
        return dictionary::role_for(concept, t);
    }
    match t {
        ColumnType::Identifier | ColumnType::Text | ColumnType::Empty => {
            if n.contains("id") || t == ColumnType::Identifier {
                Role::Id
            } else {
                Role::Ignore
            }
        }
        ColumnType::Categorical | ColumnType::Boolean => Role::Attribute,
        ColumnType::Date => Role::JoinDate,
        ColumnType::Integer | ColumnType::Decimal => Role::Measure,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_table, NoProgress, ReadOptions};
    use crate::sample::customer_personality_csv;

    #[test]
    fn recognises_the_sample_as_customer_personality() {
        let text = customer_personality_csv(50, 1);
        let t = read_table(text.as_bytes(), &ReadOptions::default(), &mut NoProgress)
            .unwrap()
            .table;
        let s = recognise(&t);
        assert_eq!(s.kind, SchemaKind::CustomerPersonality);
        let role = |name: &str| s.roles[t.columns.iter().position(|c| c.name == name).unwrap()];
        assert_eq!(role("ID"), Role::Id);
        assert_eq!(role("Income"), Role::Income);
        assert_eq!(role("MntWines"), Role::Spend);
        assert_eq!(role("NumStorePurchases"), Role::Purchases);
        assert_eq!(role("NumDealsPurchases"), Role::Purchases);
        assert_eq!(role("AcceptedCmp3"), Role::PastAcceptance);
        assert_eq!(role("Response"), Role::Target);
        assert_eq!(role("Dt_Customer"), Role::JoinDate);
        assert_eq!(role("Education"), Role::Attribute);
        assert_eq!(s.all(Role::Spend).count(), 6);
    }

    #[test]
    fn bank_roles_and_unknown_guesses() {
        let t = read_table(
            b"age;job;balance;duration;pdays;poutcome;y\n30;admin.;10;100;-1;unknown;no\n40;admin.;5;50;3;success;yes\n",
            &ReadOptions::default(),
            &mut NoProgress,
        )
        .unwrap()
        .table;
        // Too few bank columns: not the bank schema, but good guesses.
        let s = recognise(&t);
        assert_eq!(s.kind, SchemaKind::Unknown);
        assert_eq!(s.roles[0], Role::Age);
        assert_eq!(s.roles[6], Role::Target);
        assert_eq!(normalise(" Year_Birth "), "yearbirth");
    }

    #[test]
    fn labels_in_indonesian() {
        use crate::i18n::{with_lang, Lang};
        assert_eq!(Role::Income.label(), "income");
        with_lang(Lang::Id, || {
            assert_eq!(Role::Income.label(), "pendapatan");
            assert_eq!(Role::DaysSinceContact.label(), "hari sejak kontak terakhir");
            // Every role keeps a distinct name: the role picker finds a role by it.
            let mut names: Vec<_> = Role::ALL.iter().map(|r| r.label()).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), Role::ALL.len());
            assert_eq!(
                SchemaKind::BankMarketing.positive_verb(),
                "membuka deposito"
            );
            assert!(SchemaKind::Unknown
                .label()
                .starts_with("Tabel tidak dikenali"));
            assert_eq!(ColumnType::Integer.name(), "bilangan bulat");
            assert_eq!(ColumnType::Integer.label(), "integer", "the key stays");
        });
    }
}
