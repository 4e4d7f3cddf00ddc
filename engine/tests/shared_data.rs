//! Every public dataset in ../shared/data loads with zero settings: right row and column counts,
//! delimiter, encoding and column types. Skips (with a message) when the folder is absent.

use std::path::PathBuf;

use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
use klaster_engine::ColumnType::{self, *};

fn data(name: &str) -> Option<Vec<u8>> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data")
        .join(name);
    match std::fs::read(&p) {
        Ok(b) => Some(b),
        Err(_) => {
            eprintln!("skipping: {} not present", p.display());
            None
        }
    }
}

fn check(
    name: &str,
    rows: usize,
    delimiter: &str,
    encoding: &str,
    types: &[(&str, ColumnType)],
    cols: usize,
) {
    let Some(bytes) = data(name) else { return };
    let l = read_table(&bytes, &ReadOptions::default(), &mut NoProgress).unwrap();
    assert_eq!((l.table.n_rows(), l.table.n_cols()), (rows, cols), "{name}");
    assert_eq!(l.report.dialect.delimiter, delimiter, "{name}");
    assert_eq!(l.report.dialect.encoding, encoding, "{name}");
    assert_eq!(l.report.problem_count, 0, "{name}");
    for (col, kind) in types {
        let c = l
            .table
            .column(col)
            .unwrap_or_else(|| panic!("{name}: no column {col}"));
        assert_eq!(c.kind, *kind, "{name}: {col}");
    }
}

const BANK: [(&str, ColumnType); 17] = [
    ("age", Integer),
    ("job", Categorical),
    ("marital", Categorical),
    ("education", Categorical),
    ("default", Boolean),
    ("balance", Integer),
    ("housing", Boolean),
    ("loan", Boolean),
    ("contact", Categorical),
    ("day", Integer),
    ("month", Categorical),
    ("duration", Integer),
    ("campaign", Integer),
    ("pdays", Integer),
    ("previous", Integer),
    ("poutcome", Categorical),
    ("y", Boolean),
];

const BANK_ADDITIONAL: [(&str, ColumnType); 21] = [
    ("age", Integer),
    ("job", Categorical),
    ("marital", Categorical),
    ("education", Categorical),
    ("default", Categorical),
    ("housing", Categorical),
    ("loan", Categorical),
    ("contact", Categorical),
    ("month", Categorical),
    ("day_of_week", Categorical),
    ("duration", Integer),
    ("campaign", Integer),
    ("pdays", Integer),
    ("previous", Integer),
    ("poutcome", Categorical),
    ("emp.var.rate", Decimal),
    ("cons.price.idx", Decimal),
    ("cons.conf.idx", Decimal),
    ("euribor3m", Decimal),
    ("nr.employed", Decimal),
    ("y", Boolean),
];

/// Columns shared by the three customer-personality files (MntWines is MntCoke in one).
const CUSTOMER: [(&str, ColumnType); 27] = [
    ("ID", Identifier),
    ("Year_Birth", Integer),
    ("Education", Categorical),
    ("Marital_Status", Categorical),
    ("Income", Integer),
    ("Kidhome", Integer),
    ("Teenhome", Integer),
    ("Dt_Customer", Date),
    ("Recency", Integer),
    ("MntFruits", Integer),
    ("MntMeatProducts", Integer),
    ("MntFishProducts", Integer),
    ("MntSweetProducts", Integer),
    ("MntGoldProds", Integer),
    ("NumDealsPurchases", Integer),
    ("NumWebPurchases", Integer),
    ("NumCatalogPurchases", Integer),
    ("NumStorePurchases", Integer),
    ("NumWebVisitsMonth", Integer),
    ("AcceptedCmp3", Boolean),
    ("AcceptedCmp4", Boolean),
    ("AcceptedCmp5", Boolean),
    ("AcceptedCmp1", Boolean),
    ("AcceptedCmp2", Boolean),
    ("Complain", Boolean),
    ("Response", Boolean),
    ("Income", Integer),
];

#[test]
fn bank_files() {
    check("bank-full.csv", 45_211, ";", "UTF-8", &BANK, 17);
    check("bank.csv", 4_521, ";", "UTF-8", &BANK, 17);
    check(
        "bank-additional-full.csv",
        41_188,
        ";",
        "UTF-8",
        &BANK_ADDITIONAL,
        21,
    );
    check(
        "bank-additional.csv",
        4_119,
        ";",
        "UTF-8",
        &BANK_ADDITIONAL,
        21,
    );
}

#[test]
fn customer_personality_files() {
    let mut kaggle = CUSTOMER.to_vec();
    kaggle.extend([
        ("MntWines", Integer),
        ("Z_CostContact", Integer),
        ("Z_Revenue", Integer),
    ]);
    check("marketing_campaign.csv", 2_240, "TAB", "UTF-8", &kaggle, 29);
    let mut indonesian = CUSTOMER.to_vec();
    indonesian.extend([
        ("unnamed_1", Identifier),
        ("MntCoke", Integer),
        ("Z_Revenue", Integer),
    ]);
    check(
        "marketing_campaign_data.csv",
        2_240,
        ",",
        "UTF-8",
        &indonesian,
        30,
    );
    let mut analytics = CUSTOMER.to_vec();
    analytics.extend([("MntWines", Integer), ("Country", Categorical)]);
    check(
        "marketing_data.csv",
        2_240,
        ",",
        "UTF-8 with BOM",
        &analytics,
        28,
    );
}

#[test]
fn marketing_data_income_and_month_first_dates() {
    let Some(bytes) = data("marketing_data.csv") else {
        return;
    };
    let l = read_table(&bytes, &ReadOptions::default(), &mut NoProgress).unwrap();
    let income = l
        .table
        .column("Income")
        .expect("' Income ' is trimmed to 'Income'");
    assert_eq!(income.data.missing(), 24);
    assert_eq!(income.display(0), "84835");
    let dt = l.table.column("Dt_Customer").unwrap();
    assert_eq!(
        dt.inference.date_order,
        Some(klaster_engine::ingest::values::DateOrder::MonthDayYear)
    );
    assert_eq!(dt.display(0), "2014-06-16");
}

#[test]
fn dqlab_list() {
    let types = [
        ("Customer_ID", Identifier),
        ("Jenis Kelamin", Categorical),
        ("Umur", Integer),
        ("Profesi", Categorical),
        ("Tipe Residen", Categorical),
        ("NilaiBelanjaSetahun", Integer),
    ];
    check("customer_segments.txt", 50, "TAB", "UTF-8", &types, 7);
}

fn profile_of(name: &str) -> Option<klaster_engine::profile::Profile> {
    let bytes = data(name)?;
    let l = read_table(&bytes, &ReadOptions::default(), &mut NoProgress).unwrap();
    Some(klaster_engine::profile::profile(&l.table))
}

#[test]
fn schemas_are_recognised() {
    use klaster_engine::schema::SchemaKind::*;
    for (file, kind) in [
        ("bank-full.csv", BankMarketing),
        ("bank.csv", BankMarketing),
        ("bank-additional-full.csv", BankMarketingAdditional),
        ("marketing_campaign.csv", CustomerPersonality),
        ("marketing_campaign_data.csv", CustomerPersonalityIndonesian),
        ("marketing_data.csv", MarketingAnalytics),
        ("customer_segments.txt", DqlabCustomers),
    ] {
        let Some(p) = profile_of(file) else { return };
        assert_eq!(p.schema.kind, kind, "{file}");
    }
}

#[test]
fn bank_full_profile_answers_the_seed_questions() {
    let Some(p) = profile_of("bank-full.csv") else {
        return;
    };
    let t = p.target.as_ref().unwrap();
    assert_eq!(
        (t.column.as_str(), t.positives, t.count),
        ("y", 5289, 45_211)
    );
    assert_eq!(p.summary.en[0], "45,211 calls, 11.7 % subscribed.");
    let text = p.summary.en.join(" ");
    assert!(
        text.contains("“student” (28.7 %) and “retired” (22.8 %)"),
        "{text}"
    );
    assert!(
        text.contains(
            "After a successful previous campaign, 64.7 % subscribed (978 of 1,511 calls)."
        ),
        "{text}"
    );
    // pdays: -1 means never contacted and is not averaged.
    let pdays = p.columns.iter().find(|c| c.name == "pdays").unwrap();
    assert_eq!(pdays.sentinel.as_ref().unwrap().count, 36_954);
    let s = pdays.stats.as_ref().unwrap();
    assert_eq!(s.count, 45_211 - 36_954);
    assert!(s.min >= 1.0);
    // pandas: df.age.describe() → mean 40.936210, std 10.618762, 25 % 33, 50 % 39, 75 % 48.
    let age = p
        .columns
        .iter()
        .find(|c| c.name == "age")
        .unwrap()
        .stats
        .clone()
        .unwrap();
    assert!((age.mean - 40.936_210).abs() < 1e-6);
    assert!((age.std.unwrap() - 10.618_762).abs() < 1e-6);
    assert_eq!((age.q1, age.median, age.q3), (33.0, 39.0, 48.0));
}

#[test]
fn customer_personality_profile() {
    let Some(p) = profile_of("marketing_campaign.csv") else {
        return;
    };
    assert_eq!(
        p.summary.en[0],
        "2,240 customers, 14.9 % responded to the last campaign."
    );
    let income = p.columns.iter().find(|c| c.name == "Income").unwrap();
    assert_eq!(income.missing, 24);
    assert_eq!(income.stats.as_ref().unwrap().max, 666_666.0);
    assert!(p.correlation.columns.iter().any(|c| c == "MntWines"));
}
