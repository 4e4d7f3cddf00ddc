//! Deterministic synthetic data shaped like the customer-personality table (Kaggle "Customer
//! Personality Analysis"): the same 29 columns, realistic distributions tied together by a latent
//! wealth and age, about 1 % missing income, and a planted response signal. It is the demo's
//! "Try sample data" and the fixture of tests that must not depend on downloaded data.

use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

use crate::ingest::values::{civil_from_days, days_from_civil};

/// The header of the customer-personality table, in its original order.
pub const CUSTOMER_COLUMNS: [&str; 29] = [
    "ID",
    "Year_Birth",
    "Education",
    "Marital_Status",
    "Income",
    "Kidhome",
    "Teenhome",
    "Dt_Customer",
    "Recency",
    "MntWines",
    "MntFruits",
    "MntMeatProducts",
    "MntFishProducts",
    "MntSweetProducts",
    "MntGoldProds",
    "NumDealsPurchases",
    "NumWebPurchases",
    "NumCatalogPurchases",
    "NumStorePurchases",
    "NumWebVisitsMonth",
    "AcceptedCmp3",
    "AcceptedCmp4",
    "AcceptedCmp5",
    "AcceptedCmp1",
    "AcceptedCmp2",
    "Complain",
    "Z_CostContact",
    "Z_Revenue",
    "Response",
];

/// Default seed of the demo data.
pub const DEFAULT_SEED: u64 = 2240;

struct Gen(Xoshiro256PlusPlus);

impl Gen {
    fn uniform(&mut self) -> f64 {
        self.0.gen::<f64>()
    }

    /// Standard normal by Box–Muller (one value per call keeps the stream simple).
    fn normal(&mut self) -> f64 {
        let u1 = self.uniform().max(f64::MIN_POSITIVE);
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    fn bernoulli(&mut self, p: f64) -> bool {
        self.uniform() < p
    }

    fn pick<'a>(&mut self, items: &[(&'a str, f64)]) -> &'a str {
        let mut u = self.uniform() * items.iter().map(|(_, w)| w).sum::<f64>();
        for (s, w) in items {
            if u < *w {
                return s;
            }
            u -= w;
        }
        items[items.len() - 1].0
    }

    /// Poisson by inversion (means here are small).
    fn poisson(&mut self, mean: f64) -> u32 {
        let l = (-mean.max(0.0)).exp();
        let (mut k, mut p) = (0u32, 1.0);
        loop {
            p *= self.uniform();
            if p <= l || k > 200 {
                return k;
            }
            k += 1;
        }
    }
}

fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// A customer-personality-shaped table with `rows` customers as tab-separated text (the
/// original file's dialect), the same for the same `seed`.
pub fn customer_personality_csv(rows: usize, seed: u64) -> String {
    let mut g = Gen(Xoshiro256PlusPlus::seed_from_u64(seed));
    let mut out = String::with_capacity(rows * 110 + 400);
    out.push_str(&CUSTOMER_COLUMNS.join("\t"));
    out.push('\n');
    let first_day = days_from_civil(2012, 7, 30);
    let last_day = days_from_civil(2014, 6, 29);
    let education = [
        ("Graduation", 50.3),
        ("PhD", 21.7),
        ("Master", 16.5),
        ("2n Cycle", 9.1),
        ("Basic", 2.4),
    ];
    let marital = [
        ("Married", 38.6),
        ("Together", 25.9),
        ("Single", 21.4),
        ("Divorced", 10.4),
        ("Widow", 3.4),
    ];
    for i in 0..rows {
        // Ids are unique and look like the original's (not a plain 1..n sequence).
        let id = i * 5 + (g.uniform() * 5.0) as usize;
        let year_birth = (1969.0 + 11.9 * g.normal()).round().clamp(1940.0, 1996.0) as i32;
        let edu = g.pick(&education);
        let edu_bonus = match edu {
            "PhD" => 0.35,
            "Master" => 0.2,
            "Basic" => -1.2,
            "2n Cycle" => -0.15,
            _ => 0.0,
        };
        let age_effect = (1990.0 - f64::from(year_birth)) / 40.0;
        let wealth = 0.8 * g.normal() + edu_bonus + 0.3 * age_effect;
        let income = (52_000.0 + 21_000.0 * wealth)
            .clamp(1_730.0, 160_000.0)
            .round();
        let kid_p = logistic(-0.3 - 1.2 * wealth);
        let kidhome = u32::from(g.bernoulli(kid_p)) + u32::from(g.bernoulli(kid_p * 0.05));
        let teen_p = logistic(-1.2 + 2.5 * age_effect);
        let teenhome = u32::from(g.bernoulli(teen_p)) + u32::from(g.bernoulli(teen_p * 0.05));
        let joined = first_day + (g.uniform() * (last_day - first_day + 1) as f64) as i64;
        let (jy, jm, jd) = civil_from_days(joined);
        let recency = (g.uniform() * 100.0) as u32;
        let kids = f64::from(kidhome + teenhome);
        let tenure = (last_day - joined) as f64 / 700.0;
        let appetite = wealth - 0.45 * kids + 0.3 * tenure + 0.4 * g.normal();
        let spend = |g: &mut Gen, base: f64, slope: f64, cap: f64| {
            (base * (slope * appetite + 0.5 * g.normal()).exp())
                .round()
                .clamp(0.0, cap)
        };
        let wines = spend(&mut g, 180.0, 1.5, 1_493.0);
        let fruits = spend(&mut g, 12.0, 1.3, 199.0);
        let meat = spend(&mut g, 80.0, 1.6, 1_725.0);
        let fish = spend(&mut g, 18.0, 1.3, 259.0);
        let sweets = spend(&mut g, 12.0, 1.3, 263.0);
        let gold = spend(&mut g, 28.0, 0.9, 362.0);
        let total = wines + fruits + meat + fish + sweets + gold;
        let deals = g
            .poisson((2.3 + 1.2 * kids - 0.6 * wealth).max(0.3))
            .min(15);
        let web = g.poisson((1.0 + total / 250.0).min(11.0)).min(27);
        let catalog = g.poisson(total / 380.0).min(28);
        let store = g.poisson((2.5 + total / 220.0).min(12.0)).min(13);
        let visits = g
            .poisson((6.5 - 2.0 * wealth + 0.8 * kids).clamp(0.5, 12.0))
            .min(20);
        let accept = |g: &mut Gen, shift: f64| g.bernoulli(logistic(-3.4 + shift + 1.1 * appetite));
        let cmp3 = accept(&mut g, 0.4 - 0.8 * appetite);
        let cmp4 = accept(&mut g, 0.0);
        let cmp5 = accept(&mut g, -0.2 + 0.6 * appetite);
        let cmp1 = accept(&mut g, 0.0 + 0.4 * appetite);
        let cmp2 = accept(&mut g, -2.0);
        let accepted = [cmp1, cmp2, cmp3, cmp4, cmp5]
            .iter()
            .filter(|&&a| a)
            .count() as f64;
        let complain = g.bernoulli(0.01);
        let response_logit = -2.6 + 0.9 * accepted + 0.45 * appetite
            - 0.022 * (f64::from(recency) - 50.0)
            + 0.5 * tenure
            - 0.3 * f64::from(teenhome)
            + if matches!(g.pick(&[("single", 1.0), ("not", 2.0)]), "single") {
                0.2
            } else {
                0.0
            };
        let response = g.bernoulli(logistic(response_logit));
        let status = g.pick(&marital);
        let income_cell = if g.bernoulli(0.011) {
            String::new()
        } else {
            format!("{income}")
        };
        let b = |x: bool| if x { "1" } else { "0" };
        let cells: [String; 29] = [
            id.to_string(),
            year_birth.to_string(),
            edu.to_string(),
            status.to_string(),
            income_cell,
            kidhome.to_string(),
            teenhome.to_string(),
            format!("{jd:02}-{jm:02}-{jy}"),
            recency.to_string(),
            wines.to_string(),
            fruits.to_string(),
            meat.to_string(),
            fish.to_string(),
            sweets.to_string(),
            gold.to_string(),
            deals.to_string(),
            web.to_string(),
            catalog.to_string(),
            store.to_string(),
            visits.to_string(),
            b(cmp3).into(),
            b(cmp4).into(),
            b(cmp5).into(),
            b(cmp1).into(),
            b(cmp2).into(),
            b(complain).into(),
            "3".into(),
            "11".into(),
            b(response).into(),
        ];
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A bank-telemarketing-shaped table with `rows` calls as semicolon-separated, quoted text
/// (bank-full.csv's dialect), the same for the same `seed`. The marginals follow bank-full
/// (age, job mix, balance with its long tail and overdrafts, the May peak of calls, durations,
/// `pdays = -1` for customers never contacted before); missing values are the file's own
/// "unknown" categories plus about 0.3 % blank balances. The planted response (about 12 % yes)
/// rises with call duration, a previous success, retirees and students, the quiet months and
/// cellular contact, and falls with housing loans and repeated calls — the same directions as
/// in the real data, so the shipped bank model ranks these calls well.
pub fn bank_csv(rows: usize, seed: u64) -> String {
    let mut g = Gen(Xoshiro256PlusPlus::seed_from_u64(seed));
    let mut out = String::with_capacity(rows * 120 + 200);
    let quoted: Vec<String> = crate::schema::BANK_COLUMNS
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect();
    out.push_str(&quoted.join(";"));
    out.push('\n');
    let jobs = [
        ("blue-collar", 21.5),
        ("management", 20.9),
        ("technician", 16.8),
        ("admin.", 11.4),
        ("services", 9.2),
        ("retired", 5.0),
        ("self-employed", 3.5),
        ("entrepreneur", 3.3),
        ("unemployed", 2.9),
        ("housemaid", 2.7),
        ("student", 2.1),
        ("unknown", 0.6),
    ];
    let month_weights = [
        3.1, 5.9, 1.1, 6.5, 30.4, 11.8, 15.3, 13.8, 1.3, 1.6, 8.8, 0.5,
    ];
    let months: Vec<(&str, f64)> = MONTHS.iter().copied().zip(month_weights).collect();
    for _ in 0..rows {
        let job = g.pick(&jobs);
        let age = match job {
            "retired" => 61.0 + 8.0 * g.normal(),
            "student" => 26.0 + 4.0 * g.normal(),
            _ => 40.0 + 9.5 * g.normal(),
        }
        .round()
        .clamp(18.0, 95.0);
        let marital = if age < 30.0 {
            g.pick(&[("single", 60.0), ("married", 37.0), ("divorced", 3.0)])
        } else {
            g.pick(&[("married", 64.0), ("single", 22.0), ("divorced", 14.0)])
        };
        let education = match job {
            "management" => g.pick(&[
                ("tertiary", 82.0),
                ("secondary", 13.0),
                ("primary", 2.0),
                ("unknown", 3.0),
            ]),
            "blue-collar" | "housemaid" => g.pick(&[
                ("primary", 40.0),
                ("secondary", 54.0),
                ("tertiary", 2.0),
                ("unknown", 4.0),
            ]),
            _ => g.pick(&[
                ("secondary", 60.0),
                ("tertiary", 22.0),
                ("primary", 13.0),
                ("unknown", 5.0),
            ]),
        };
        let default = g.bernoulli(0.018);
        let wealth =
            g.normal() + if education == "tertiary" { 0.4 } else { 0.0 } + (age - 40.0) / 40.0;
        let balance = if g.bernoulli(0.083) {
            -(50.0 * (1.1 * g.normal()).exp()).round().min(8_019.0)
        } else {
            (450.0 * (0.9 * wealth + 0.6 * g.normal()).exp() - 100.0)
                .round()
                .clamp(0.0, 102_127.0)
        };
        let housing = g.bernoulli(logistic(
            0.25 - 0.05 * (age - 40.0) + if job == "blue-collar" { 0.8 } else { 0.0 },
        ));
        let loan = g.bernoulli(if default { 0.4 } else { 0.155 });
        let contact = g.pick(&[("cellular", 64.8), ("unknown", 28.8), ("telephone", 6.4)]);
        let month = g.pick(&months);
        let day = 1 + (g.uniform() * 31.0) as u32;
        let duration = (170.0 * (0.85 * g.normal()).exp())
            .round()
            .clamp(0.0, 4_918.0);
        let campaign = (1 + g.poisson(1.7) + u32::from(g.bernoulli(0.05)) * g.poisson(8.0)).min(63);
        let contacted = g.bernoulli(0.18);
        let (pdays, previous, poutcome) = if contacted {
            let pdays = (1.0 + 240.0 * (0.8 * g.normal()).exp()).round().min(871.0);
            let previous = (1 + g.poisson(1.6)).min(275);
            let outcome = g.pick(&[("failure", 60.0), ("other", 22.0), ("success", 18.0)]);
            (pdays, previous, outcome)
        } else {
            (-1.0, 0, "unknown")
        };
        let quiet = matches!(month, "mar" | "sep" | "oct" | "dec");
        let logit = -1.6
            + 0.0015 * duration
            + if poutcome == "success" { 2.5 } else { 0.0 }
            + if quiet { 1.8 } else { 0.0 }
            + match month {
                "may" => -0.5,
                "aug" | "jul" => -0.6,
                _ => 0.0,
            }
            + if matches!(job, "retired" | "student") {
                0.7
            } else {
                0.0
            }
            + if contact == "unknown" { -1.5 } else { 0.0 }
            + if housing { -0.9 } else { 0.0 }
            + if loan { -0.5 } else { 0.0 }
            - 0.15 * f64::from(campaign - 1)
            + 0.1 * wealth;
        let y = g.bernoulli(logistic(logit));
        let balance_cell = if g.bernoulli(0.003) {
            String::new()
        } else {
            balance.to_string()
        };
        let yn = |x: bool| if x { "\"yes\"" } else { "\"no\"" };
        let q = |s: &str| format!("\"{s}\"");
        let cells: [String; 17] = [
            age.to_string(),
            q(job),
            q(marital),
            q(education),
            yn(default).into(),
            balance_cell,
            yn(housing).into(),
            yn(loan).into(),
            q(contact),
            day.to_string(),
            q(month),
            duration.to_string(),
            campaign.to_string(),
            pdays.to_string(),
            previous.to_string(),
            q(poutcome),
            yn(y).into(),
        ];
        out.push_str(&cells.join(";"));
        out.push('\n');
    }
    out
}

/// The built-in sample tables, one per kind of data the page recognises: the page's one-click
/// samples and `klaster sample --kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SampleKind {
    /// Customer personality (Kaggle shape, 29 columns).
    Customers,
    /// Bank telemarketing calls (UCI bank-full shape, 17 columns).
    Bank,
    /// A small customer list of mixed types (the DQLab shape, Indonesian column names).
    CustomerList,
}

impl SampleKind {
    pub const ALL: [SampleKind; 3] = [Self::Customers, Self::Bank, Self::CustomerList];

    /// Rows of the page's one-click sample: the size of the public file each imitates.
    pub fn page_rows(self) -> usize {
        match self {
            Self::Customers => 2_240,
            Self::Bank => 45_211,
            Self::CustomerList => 50,
        }
    }

    /// The file name the page shows for the sample.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Customers => "klaster-sample-customers.tsv",
            Self::Bank => "klaster-sample-bank-calls.csv",
            Self::CustomerList => "klaster-sample-customer-list.tsv",
        }
    }

    /// The table as text, the same for the same `seed`.
    pub fn generate(self, rows: usize, seed: u64) -> String {
        match self {
            Self::Customers => customer_personality_csv(rows, seed),
            Self::Bank => bank_csv(rows, seed),
            Self::CustomerList => customer_list_csv(rows, seed),
        }
    }
}

impl std::str::FromStr for SampleKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "customers" => Ok(Self::Customers),
            "bank" => Ok(Self::Bank),
            "list" | "customer-list" => Ok(Self::CustomerList),
            _ => Err(format!("unknown sample \"{s}\": customers, bank or list")),
        }
    }
}

/// The columns of the DQLab-shaped customer list.
pub const CUSTOMER_LIST_COLUMNS: [&str; 7] = [
    "Customer_ID",
    "Nama Pelanggan",
    "Jenis Kelamin",
    "Umur",
    "Profesi",
    "Tipe Residen",
    "NilaiBelanjaSetahun",
];

/// A small customer list of mixed types shaped like the DQLab exercise file (tab-separated,
/// Indonesian column names and categories): an id, a generated name, gender, age, profession,
/// residence type and yearly spend in rupiah. Professions come with plausible ages (students
/// 12–18, university students 18–25, homemakers women) and spending levels (entrepreneurs spend
/// most), so K-Prototypes finds the profession-and-spend groups the exercise finds.
pub fn customer_list_csv(rows: usize, seed: u64) -> String {
    const MEN: [&str; 12] = [
        "Budi", "Agus", "Andi", "Joko", "Eko", "Ahmad", "Rudi", "Hendra", "Bayu", "Wahyu",
        "Taufik", "Rizky",
    ];
    const WOMEN: [&str; 12] = [
        "Siti", "Dewi", "Rina", "Sri", "Putri", "Nur", "Lestari", "Yanti", "Dian", "Fitri",
        "Intan", "Maya",
    ];
    const FAMILY: [&str; 12] = [
        "Santoso", "Wijaya", "Saputra", "Hidayat", "Pratama", "Kusuma", "Nugroho", "Halim",
        "Gunawan", "Setiawan", "Susanto", "Ratuwati",
    ];
    // (profession, weight, age range, mean yearly spend in rupiah)
    const JOBS: [(&str, f64, (f64, f64), f64); 5] = [
        ("Wiraswasta", 0.3, (25.0, 65.0), 9_300_000.0),
        ("Professional", 0.3, (25.0, 60.0), 5_300_000.0),
        ("Ibu Rumah Tangga", 0.15, (25.0, 60.0), 6_000_000.0),
        ("Mahasiswa", 0.13, (18.0, 25.0), 3_500_000.0),
        ("Pelajar", 0.12, (12.0, 18.0), 2_700_000.0),
    ];
    let mut g = Gen(Xoshiro256PlusPlus::seed_from_u64(seed));
    let mut out = String::with_capacity(rows * 70 + 100);
    out.push_str(&CUSTOMER_LIST_COLUMNS.join("\t"));
    out.push('\n');
    let weights: Vec<(&str, f64)> = JOBS.iter().map(|j| (j.0, j.1)).collect();
    for i in 1..=rows {
        let job = g.pick(&weights);
        let &(_, _, (lo, hi), spend) = JOBS.iter().find(|j| j.0 == job).unwrap_or(&JOBS[0]);
        let woman = job == "Ibu Rumah Tangga" || g.bernoulli(0.5);
        let first = if woman { WOMEN } else { MEN }[(g.uniform() * 12.0) as usize % 12];
        let family = FAMILY[(g.uniform() * 12.0) as usize % 12];
        let age = (lo + g.uniform() * (hi - lo)).round() as u32;
        let residence = if g.bernoulli(0.6) {
            "Cluster"
        } else {
            "Sector"
        };
        let yearly = (spend * (1.0 + 0.12 * g.normal())).max(500_000.0).round() as u64;
        let gender = if woman { "Wanita" } else { "Pria" };
        out.push_str(&format!(
            "CUST-{i:03}\t{first} {family}\t{gender}\t{age}\t{job}\t{residence}\t{yearly}\n"
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_table, NoProgress, ReadOptions};
    use crate::table::ColumnType;

    #[test]
    fn customer_list_is_a_mixed_dqlab_shaped_table() {
        let a = customer_list_csv(50, DEFAULT_SEED);
        assert_eq!(a, customer_list_csv(50, DEFAULT_SEED));
        let l = read_table(a.as_bytes(), &ReadOptions::default(), &mut NoProgress).unwrap();
        assert_eq!((l.table.n_rows(), l.table.n_cols()), (50, 7));
        let kinds: Vec<ColumnType> = l.table.columns.iter().map(|c| c.kind).collect();
        assert_eq!(kinds[3], ColumnType::Integer, "Umur");
        assert_eq!(kinds[4], ColumnType::Categorical, "Profesi");
        assert_eq!(kinds[6], ColumnType::Integer, "NilaiBelanjaSetahun");
        let schema = crate::schema::recognise(&l.table);
        assert_eq!(schema.kind, crate::schema::SchemaKind::DqlabCustomers);
        // Students are young and spend least; entrepreneurs spend most.
        let rows: Vec<Vec<&str>> = a.lines().skip(1).map(|l| l.split('\t').collect()).collect();
        let mean = |job: &str| {
            let v: Vec<f64> = rows
                .iter()
                .filter(|r| r[4] == job)
                .map(|r| r[6].parse().unwrap())
                .collect();
            v.iter().sum::<f64>() / v.len().max(1) as f64
        };
        assert!(mean("Wiraswasta") > mean("Professional"));
        assert!(mean("Professional") > mean("Pelajar"));
        assert!(rows
            .iter()
            .filter(|r| r[4] == "Pelajar")
            .all(|r| r[3].parse::<u32>().unwrap() <= 18));
        for kind in SampleKind::ALL {
            let name = format!("{kind:?}").to_lowercase();
            let parsed: SampleKind = match kind {
                SampleKind::CustomerList => "list".parse().unwrap(),
                _ => name.parse().unwrap(),
            };
            assert_eq!(parsed, kind);
        }
        assert!("calls".parse::<SampleKind>().is_err());
    }

    #[test]
    fn deterministic_and_shaped_like_the_original() {
        let a = customer_personality_csv(500, 7);
        assert_eq!(a, customer_personality_csv(500, 7));
        assert_ne!(a, customer_personality_csv(500, 8));
        let l = read_table(a.as_bytes(), &ReadOptions::default(), &mut NoProgress).unwrap();
        assert_eq!((l.table.n_rows(), l.table.n_cols()), (500, 29));
        assert_eq!(l.report.dialect.delimiter, "TAB");
        let kind = |n: &str| l.table.column(n).unwrap().kind;
        assert_eq!(kind("ID"), ColumnType::Identifier);
        assert_eq!(kind("Income"), ColumnType::Integer);
        assert_eq!(kind("Dt_Customer"), ColumnType::Date);
        assert_eq!(kind("Education"), ColumnType::Categorical);
        assert_eq!(kind("Response"), ColumnType::Boolean);
        assert_eq!(kind("Z_Revenue"), ColumnType::Integer);
    }

    #[test]
    fn bank_calls_are_shaped_like_bank_full_and_score_well() {
        let text = bank_csv(20_000, 11);
        assert_eq!(text, bank_csv(20_000, 11));
        let l = read_table(text.as_bytes(), &ReadOptions::default(), &mut NoProgress).unwrap();
        assert_eq!((l.table.n_rows(), l.table.n_cols()), (20_000, 17));
        assert_eq!(l.report.dialect.delimiter, ";");
        let kind = |n: &str| l.table.column(n).unwrap().kind;
        assert_eq!(kind("age"), ColumnType::Integer);
        assert_eq!(kind("job"), ColumnType::Categorical);
        assert_eq!(kind("y"), ColumnType::Boolean);
        let mean = |n: &str| {
            let v = l.table.column(n).unwrap().data.valid_numbers();
            v.iter().sum::<f64>() / v.len() as f64
        };
        let yes = mean("y");
        assert!((0.08..0.16).contains(&yes), "response rate {yes}");
        assert!((38.0..44.0).contains(&mean("age")), "age {}", mean("age"));
        assert!(
            (180.0..330.0).contains(&mean("duration")),
            "duration {}",
            mean("duration")
        );
        let balance = l.table.column("balance").unwrap();
        assert!((30..100).contains(&balance.data.missing()));
        let negative = balance
            .data
            .valid_numbers()
            .iter()
            .filter(|&&b| b < 0.0)
            .count();
        assert!((1_200..2_200).contains(&negative), "overdrafts {negative}");
        let never = l
            .table
            .column("pdays")
            .unwrap()
            .data
            .valid_numbers()
            .iter()
            .filter(|&&p| p == -1.0)
            .count();
        assert!((15_500..17_200).contains(&never), "never contacted {never}");
        // The planted signal: the shipped bank model (trained on the real file) ranks it.
        let schema = crate::schema::recognise(&l.table);
        let d =
            crate::features::derive(&l.table, &schema, &crate::features::DeriveParams::default());
        let m = crate::model::shipped::by_id("bank").unwrap();
        let scores = m.score(&d.table, &d.schema).unwrap().scores;
        let labels: Vec<bool> = (0..l.table.n_rows())
            .map(|r| l.table.column("y").unwrap().number(r) == Some(1.0))
            .collect();
        let auc = crate::model::metrics::roc_auc(&scores, &labels).unwrap();
        assert!(auc > 0.72, "AUC {auc}");
    }

    #[test]
    fn realistic_rates() {
        let text = customer_personality_csv(5_000, DEFAULT_SEED);
        let l = read_table(text.as_bytes(), &ReadOptions::default(), &mut NoProgress).unwrap();
        let mean = |n: &str| {
            let v = l.table.column(n).unwrap().data.valid_numbers();
            v.iter().sum::<f64>() / v.len() as f64
        };
        let response = mean("Response");
        assert!((0.08..0.25).contains(&response), "response rate {response}");
        let income = mean("Income");
        assert!((40_000.0..65_000.0).contains(&income), "income {income}");
        let missing = l.table.column("Income").unwrap().data.missing();
        assert!((20..90).contains(&missing), "missing income {missing}");
        assert!((150.0..500.0).contains(&mean("MntWines")));
    }
}
