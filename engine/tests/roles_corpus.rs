//! Column roles from real-world header names, in English and Indonesian: a list of more than
//! 200 header variants with the concept each names, and a corpus of 33 generated tables with
//! the role each column should get. Both print their recognition rate and must reach 95 %.

use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
use klaster_engine::schema::dictionary::{concept_of_name, Concept};
use klaster_engine::schema::{recognise, Role, RowKind};

use Concept::*;

/// Header variants seen in exports (CRMs, e-commerce back offices, spreadsheets, bank and
/// retail extracts), written as people write them.
const VARIANTS: &[(&str, Concept)] = &[
    // Customer id
    ("customer_id", CustomerId),
    ("CustomerID", CustomerId),
    ("Customer ID", CustomerId),
    ("cust_id", CustomerId),
    ("cust_no", CustomerId),
    ("customer_no", CustomerId),
    ("customer number", CustomerId),
    ("customer_code", CustomerId),
    ("client_id", CustomerId),
    ("clientId", CustomerId),
    ("member_id", CustomerId),
    ("MemberNo", CustomerId),
    ("account_id", CustomerId),
    ("account_no", CustomerId),
    ("id_pelanggan", CustomerId),
    ("kode_pelanggan", CustomerId),
    ("no_pelanggan", CustomerId),
    ("ID Pelanggan", CustomerId),
    ("nomor_pelanggan", CustomerId),
    ("id_nasabah", CustomerId),
    ("no_anggota", CustomerId),
    ("user_id", CustomerId),
    ("userId", CustomerId),
    ("buyer_id", CustomerId),
    ("id", CustomerId),
    ("ID", CustomerId),
    ("kode_konsumen", CustomerId),
    ("pelanggan", CustomerId),
    ("customer", CustomerId),
    ("contact_id", CustomerId),
    // Gender
    ("gender", Gender),
    ("Gender", Gender),
    ("sex", Gender),
    ("Sex", Gender),
    ("jenis_kelamin", Gender),
    ("Jenis Kelamin", Gender),
    ("jk", Gender),
    ("JenisKelamin", Gender),
    ("customer_gender", Gender),
    ("kelamin", Gender),
    // Age
    ("age", Age),
    ("Age", Age),
    ("umur", Age),
    ("Umur", Age),
    ("usia", Age),
    ("customer_age", Age),
    ("age_years", Age),
    ("AgeYears", Age),
    ("usia_pelanggan", Age),
    ("umur_nasabah", Age),
    // Birth date or year
    ("birth_date", BirthDate),
    ("date_of_birth", BirthDate),
    ("dob", BirthDate),
    ("DOB", BirthDate),
    ("birthday", BirthDate),
    ("Year_Birth", BirthDate),
    ("birth_year", BirthDate),
    ("tanggal_lahir", BirthDate),
    ("tgl_lahir", BirthDate),
    ("tahun_lahir", BirthDate),
    ("TanggalLahir", BirthDate),
    ("year of birth", BirthDate),
    // City / region
    ("city", Region),
    ("City", Region),
    ("kota", Region),
    ("Kota", Region),
    ("region", Region),
    ("wilayah", Region),
    ("province", Region),
    ("provinsi", Region),
    ("state", Region),
    ("country", Region),
    ("negara", Region),
    ("area", Region),
    ("daerah", Region),
    ("kabupaten", Region),
    ("location", Region),
    ("lokasi", Region),
    ("domisili", Region),
    ("customer_city", Region),
    ("kota_domisili", Region),
    ("sales_region", Region),
    ("shipping_city", Region),
    ("district", Region),
    ("kecamatan", Region),
    // Income
    ("income", Income),
    ("Income", Income),
    ("annual_income", Income),
    ("AnnualIncome", Income),
    ("monthly_income", Income),
    ("pendapatan", Income),
    ("pendapatan_bulanan", Income),
    ("penghasilan", Income),
    ("salary", Income),
    ("gaji", Income),
    ("gaji_per_bulan", Income),
    ("household_income", Income),
    ("earnings", Income),
    ("Income (USD)", Income),
    // Spend
    ("total_spend", Spend),
    ("total_spent", Spend),
    ("TotalSpent", Spend),
    ("spend", Spend),
    ("amount", Spend),
    ("total_amount", Spend),
    ("revenue", Spend),
    ("total_revenue", Spend),
    ("sales", Spend),
    ("total_sales", Spend),
    ("tsales", Spend),
    ("belanja", Spend),
    ("total_belanja", Spend),
    ("nilai_belanja", Spend),
    ("Nilai Belanja Setahun", Spend),
    ("omzet", Spend),
    ("penjualan", Spend),
    ("total_penjualan", Spend),
    ("monetary", Spend),
    ("customer_value", Spend),
    ("lifetime_value", Spend),
    ("order_value", Spend),
    ("avg_order_value", Spend),
    ("pengeluaran", Spend),
    ("total_bayar", Spend),
    ("jumlah_pembayaran", Spend),
    ("payment_amount", Spend),
    ("MntWines", Spend),
    ("gmv", Spend),
    ("nominal_transaksi", Spend),
    ("total_rp", Spend),
    ("sales_amount", Spend),
    ("spending_score", Spend),
    ("Total", Spend),
    // Orders / transactions / frequency
    ("orders", Orders),
    ("total_orders", Orders),
    ("num_orders", Orders),
    ("n_orders", Orders),
    ("order_count", Orders),
    ("OrderCount", Orders),
    ("transactions", Orders),
    ("num_transactions", Orders),
    ("transaction_count", Orders),
    ("frequency", Orders),
    ("freq", Orders),
    ("purchases", Orders),
    ("NumStorePurchases", Orders),
    ("jumlah_transaksi", Orders),
    ("jml_transaksi", Orders),
    ("transaksi", Orders),
    ("frekuensi", Orders),
    ("frekuensi_belanja", Orders),
    ("jumlah_pesanan", Orders),
    ("pembelian", Orders),
    ("jumlah_pembelian", Orders),
    ("trx_count", Orders),
    ("invoices", Orders),
    ("number_of_purchases", Orders),
    ("purchase_count", Orders),
    // Visits
    ("visits", Visits),
    ("web_visits", Visits),
    ("NumWebVisitsMonth", Visits),
    ("site_visits", Visits),
    ("sessions", Visits),
    ("jumlah_kunjungan", Visits),
    ("kunjungan", Visits),
    ("store_visits", Visits),
    ("logins", Visits),
    ("visit_count", Visits),
    // Last purchase (date)
    ("last_purchase_date", LastPurchase),
    ("last_order_date", LastPurchase),
    ("LastOrderDate", LastPurchase),
    ("last_purchase", LastPurchase),
    ("last_order", LastPurchase),
    ("last_transaction_date", LastPurchase),
    ("tanggal_transaksi_terakhir", LastPurchase),
    ("tgl_belanja_terakhir", LastPurchase),
    ("pembelian_terakhir", LastPurchase),
    ("last_visit", LastPurchase),
    ("latest_order_date", LastPurchase),
    ("transaksi_terakhir", LastPurchase),
    // Days since
    ("recency", DaysSince),
    ("Recency", DaysSince),
    ("days_since_last_purchase", DaysSince),
    ("days_since_last_order", DaysSince),
    ("DaysSinceLastOrder", DaysSince),
    ("days_since_purchase", DaysSince),
    ("hari_sejak_belanja", DaysSince),
    ("hari_sejak_transaksi_terakhir", DaysSince),
    ("recency_days", DaysSince),
    ("days_ago", DaysSince),
    ("kebaruan", DaysSince),
    ("last_purchase_days", DaysSince),
    // First purchase / sign-up
    ("signup_date", FirstPurchase),
    ("sign_up_date", FirstPurchase),
    ("registration_date", FirstPurchase),
    ("join_date", FirstPurchase),
    ("joined", FirstPurchase),
    ("Dt_Customer", FirstPurchase),
    ("customer_since", FirstPurchase),
    ("member_since", FirstPurchase),
    ("first_purchase_date", FirstPurchase),
    ("first_order_date", FirstPurchase),
    ("first_order", FirstPurchase),
    ("tanggal_daftar", FirstPurchase),
    ("tgl_daftar", FirstPurchase),
    ("tanggal_bergabung", FirstPurchase),
    ("tgl_registrasi", FirstPurchase),
    ("created_at", FirstPurchase),
    ("account_opened", FirstPurchase),
    ("pembelian_pertama", FirstPurchase),
    ("start_date", FirstPurchase),
    // Tenure
    ("tenure", Tenure),
    ("Tenure", Tenure),
    ("tenure_months", Tenure),
    ("months_as_customer", Tenure),
    ("years_as_customer", Tenure),
    ("customer_months", Tenure),
    ("lama_berlangganan", Tenure),
    ("masa_keanggotaan", Tenure),
    ("lama_menjadi_pelanggan", Tenure),
    ("membership_years", Tenure),
    ("seniority", Tenure),
    // Channel
    ("channel", Channel),
    ("sales_channel", Channel),
    ("Channel", Channel),
    ("acquisition_channel", Channel),
    ("saluran", Channel),
    ("saluran_pembelian", Channel),
    ("kanal", Channel),
    ("source", Channel),
    ("platform", Channel),
    ("order_channel", Channel),
    ("marketing_channel", Channel),
    ("medium", Channel),
    // Target
    ("response", Target),
    ("Response", Target),
    ("responded", Target),
    ("churn", Target),
    ("Churn", Target),
    ("churned", Target),
    ("is_churned", Target),
    ("converted", Target),
    ("conversion", Target),
    ("subscribed", Target),
    ("y", Target),
    ("target", Target),
    ("label", Target),
    ("outcome", Target),
    ("berhenti", Target),
    ("berlangganan", Target),
    ("respon", Target),
    ("konversi", Target),
    ("Exited", Target),
    ("attrition", Target),
    ("accepted_offer", Target),
    ("is_interested", Target),
    ("tertarik", Target),
    ("campaign_response", Target),
];

#[test]
fn header_variants_name_their_concept() {
    assert!(VARIANTS.len() >= 200, "{} variants", VARIANTS.len());
    let misses: Vec<String> = VARIANTS
        .iter()
        .filter(|(name, want)| concept_of_name(name) != Some(*want))
        .map(|(name, want)| format!("{name}: want {want:?}, got {:?}", concept_of_name(name)))
        .collect();
    let rate = 1.0 - misses.len() as f64 / VARIANTS.len() as f64;
    println!(
        "header variants: {} of {} recognised ({:.1} %)",
        VARIANTS.len() - misses.len(),
        VARIANTS.len(),
        rate * 100.0
    );
    for m in &misses {
        println!("  miss: {m}");
    }
    assert!(rate >= 0.95, "{rate:.3}: {misses:#?}");
}

/// A column of a corpus table: its header, how its values are generated, the role it must get.
struct Col(&'static str, Values, Role);

#[derive(Clone, Copy)]
enum Values {
    Code,
    Int(u32, u32),
    Money,
    Year,
    Date,
    Cat(&'static [&'static str]),
    YesNo,
}

fn cell(v: Values, row: usize) -> String {
    let h = (row as u64).wrapping_mul(2654435761) % 1000;
    match v {
        Values::Code => format!("C{:05}", row + 1),
        Values::Int(lo, hi) => (lo as u64 + h % (hi - lo + 1) as u64).to_string(),
        Values::Money => format!("{}.{:02}", 10 + h * 7 % 5000, h % 100),
        Values::Year => (1950 + h % 55).to_string(),
        Values::Date => format!("20{:02}-{:02}-{:02}", 15 + h % 9, 1 + h % 12, 1 + h % 28),
        Values::Cat(levels) => levels[(h as usize) % levels.len()].to_string(),
        Values::YesNo => if h.is_multiple_of(3) { "yes" } else { "no" }.to_string(),
    }
}

const CITIES: &[&str] = &["Jakarta", "Bandung", "Surabaya", "Medan"];
const GENDERS: &[&str] = &["M", "F"];
const GENDERS_ID: &[&str] = &["Laki-laki", "Perempuan"];
const CHANNELS: &[&str] = &["web", "store", "app"];
const PLANS: &[&str] = &["basic", "plus", "pro"];

fn corpus() -> Vec<(&'static str, Vec<Col>)> {
    use Role as R;
    use Values as V;
    vec![
        (
            "crm export",
            vec![
                Col("customer_id", V::Code, R::Id),
                Col("gender", V::Cat(GENDERS), R::Attribute),
                Col("age", V::Int(18, 80), R::Age),
                Col("city", V::Cat(CITIES), R::Attribute),
                Col("annual_income", V::Money, R::Income),
                Col("total_spend", V::Money, R::Spend),
            ],
        ),
        (
            "toko online",
            vec![
                Col("id_pelanggan", V::Code, R::Id),
                Col("jenis_kelamin", V::Cat(GENDERS_ID), R::Attribute),
                Col("umur", V::Int(17, 70), R::Age),
                Col("kota", V::Cat(CITIES), R::Attribute),
                Col("total_belanja", V::Money, R::Spend),
                Col("jumlah_transaksi", V::Int(1, 40), R::Purchases),
            ],
        ),
        (
            "rfm table",
            vec![
                Col("CustomerID", V::Code, R::Id),
                Col("Recency", V::Int(1, 365), R::Recency),
                Col("Frequency", V::Int(1, 50), R::Purchases),
                Col("Monetary", V::Money, R::Spend),
            ],
        ),
        (
            "churn",
            vec![
                Col("customerId", V::Code, R::Id),
                Col("tenure", V::Int(1, 72), R::Tenure),
                Col("MonthlyCharges", V::Money, R::Measure),
                Col("contract", V::Cat(PLANS), R::Attribute),
                Col("Churn", V::YesNo, R::Target),
            ],
        ),
        (
            "bank retail",
            vec![
                Col("no_nasabah", V::Code, R::Id),
                Col("usia", V::Int(20, 75), R::Age),
                Col("penghasilan", V::Money, R::Income),
                Col("provinsi", V::Cat(CITIES), R::Attribute),
                Col("tertarik", V::YesNo, R::Target),
            ],
        ),
        (
            "loyalty",
            vec![
                Col("member_no", V::Code, R::Id),
                Col("member_since", V::Date, R::JoinDate),
                Col("visits", V::Int(0, 60), R::WebVisits),
                Col("points", V::Int(0, 9000), R::Measure),
                Col("channel", V::Cat(CHANNELS), R::Attribute),
            ],
        ),
        (
            "ecommerce",
            vec![
                Col("user_id", V::Code, R::Id),
                Col("signup_date", V::Date, R::JoinDate),
                Col("last_order_date", V::Date, R::LastPurchaseDate),
                Col("orders", V::Int(1, 30), R::Purchases),
                Col("revenue", V::Money, R::Spend),
                Col("source", V::Cat(CHANNELS), R::Attribute),
            ],
        ),
        (
            "kartu anggota",
            vec![
                Col("kode_pelanggan", V::Code, R::Id),
                Col("tanggal_daftar", V::Date, R::JoinDate),
                Col("tanggal_lahir", V::Date, R::BirthDate),
                Col("domisili", V::Cat(CITIES), R::Attribute),
                Col("nilai_belanja", V::Money, R::Spend),
            ],
        ),
        (
            "campaign list",
            vec![
                Col("contact_id", V::Code, R::Id),
                Col("age", V::Int(18, 90), R::Age),
                Col("income", V::Money, R::Income),
                Col("responded", V::YesNo, R::Target),
            ],
        ),
        (
            "kaggle-like",
            vec![
                Col("ID", V::Code, R::Id),
                Col("Year_Birth", V::Year, R::BirthYear),
                Col("Income", V::Money, R::Income),
                Col("Recency", V::Int(0, 99), R::Recency),
                Col("NumWebVisitsMonth", V::Int(0, 20), R::WebVisits),
                Col("Response", V::YesNo, R::Target),
            ],
        ),
        (
            "shop panel",
            vec![
                Col("cust_no", V::Code, R::Id),
                Col("Sex", V::Cat(GENDERS), R::Attribute),
                Col("Age", V::Int(16, 85), R::Age),
                Col("days_since_last_purchase", V::Int(0, 400), R::Recency),
                Col("num_transactions", V::Int(1, 80), R::Purchases),
            ],
        ),
        (
            "subscription",
            vec![
                Col("account_id", V::Code, R::Id),
                Col("tenure_months", V::Int(1, 60), R::Tenure),
                Col("plan", V::Cat(PLANS), R::Attribute),
                Col("converted", V::YesNo, R::Target),
            ],
        ),
        (
            "retail id",
            vec![
                Col("no_pelanggan", V::Code, R::Id),
                Col("usia_pelanggan", V::Int(18, 70), R::Age),
                Col("frekuensi", V::Int(1, 30), R::Purchases),
                Col("pengeluaran", V::Money, R::Spend),
                Col("saluran_pembelian", V::Cat(CHANNELS), R::Attribute),
            ],
        ),
        (
            "telco",
            vec![
                Col("client_id", V::Code, R::Id),
                Col("age_years", V::Int(18, 80), R::Age),
                Col("region", V::Cat(CITIES), R::Attribute),
                Col("monthly_income", V::Money, R::Income),
                Col("subscribed", V::YesNo, R::Target),
            ],
        ),
        (
            "marketplace",
            vec![
                Col("buyer_id", V::Code, R::Id),
                Col("first_order_date", V::Date, R::JoinDate),
                Col("order_count", V::Int(1, 25), R::Purchases),
                Col("gmv", V::Money, R::Spend),
                Col("platform", V::Cat(CHANNELS), R::Attribute),
            ],
        ),
        (
            "koperasi",
            vec![
                Col("no_anggota", V::Code, R::Id),
                Col("gaji", V::Money, R::Income),
                Col("umur", V::Int(20, 65), R::Age),
                Col("kabupaten", V::Cat(CITIES), R::Attribute),
                Col("berhenti", V::YesNo, R::Target),
            ],
        ),
        (
            "b2c survey",
            vec![
                Col("respondent", V::Code, R::Id),
                Col("gender", V::Cat(GENDERS), R::Attribute),
                Col("age", V::Int(18, 70), R::Age),
                Col("household_income", V::Money, R::Income),
                Col("store_visits", V::Int(0, 30), R::WebVisits),
            ],
        ),
        (
            "fashion",
            vec![
                Col("Customer ID", V::Code, R::Id),
                Col("Gender", V::Cat(GENDERS), R::Attribute),
                Col("Age", V::Int(16, 70), R::Age),
                Col("Purchase Amount (USD)", V::Money, R::Spend),
                Col("Location", V::Cat(CITIES), R::Attribute),
                Col("Previous Purchases", V::Int(1, 50), R::Purchases),
            ],
        ),
        (
            "apotek",
            vec![
                Col("ID Pelanggan", V::Code, R::Id),
                Col("Jenis Kelamin", V::Cat(GENDERS_ID), R::Attribute),
                Col("Kota", V::Cat(CITIES), R::Attribute),
                Col("Total Penjualan", V::Money, R::Spend),
                Col("Jumlah Pesanan", V::Int(1, 20), R::Purchases),
            ],
        ),
        (
            "gym",
            vec![
                Col("member_id", V::Code, R::Id),
                Col("membership_years", V::Int(1, 10), R::Tenure),
                Col("sessions", V::Int(0, 200), R::WebVisits),
                Col("age", V::Int(16, 70), R::Age),
                Col("churned", V::YesNo, R::Target),
            ],
        ),
        (
            "insurance",
            vec![
                Col("policy_holder_id", V::Code, R::Id),
                Col("dob", V::Date, R::BirthDate),
                Col("state", V::Cat(CITIES), R::Attribute),
                Col("annual_premium", V::Money, R::Measure),
                Col("response", V::YesNo, R::Target),
            ],
        ),
        (
            "coffee app",
            vec![
                Col("userId", V::Code, R::Id),
                Col("lastOrderDate", V::Date, R::LastPurchaseDate),
                Col("totalOrders", V::Int(1, 90), R::Purchases),
                Col("totalSpent", V::Money, R::Spend),
                Col("acquisitionChannel", V::Cat(CHANNELS), R::Attribute),
            ],
        ),
        (
            "bengkel",
            vec![
                Col("kode_konsumen", V::Code, R::Id),
                Col("kunjungan", V::Int(1, 20), R::WebVisits),
                Col("total_bayar", V::Money, R::Spend),
                Col("wilayah", V::Cat(CITIES), R::Attribute),
            ],
        ),
        (
            "wholesale",
            vec![
                Col("customer_code", V::Code, R::Id),
                Col("country", V::Cat(CITIES), R::Attribute),
                Col("invoices", V::Int(1, 120), R::Purchases),
                Col("sales_amount", V::Money, R::Spend),
                Col("customer_since", V::Date, R::JoinDate),
            ],
        ),
        (
            "bank deposit",
            vec![
                Col("account_no", V::Code, R::Id),
                Col("age", V::Int(18, 90), R::Age),
                Col("salary", V::Money, R::Income),
                Col("seniority", V::Int(0, 30), R::Tenure),
                Col("y", V::YesNo, R::Target),
            ],
        ),
        (
            "edu",
            vec![
                Col("student_id", V::Code, R::Id),
                Col("umur", V::Int(15, 40), R::Age),
                Col("kota_domisili", V::Cat(CITIES), R::Attribute),
                Col("tgl_registrasi", V::Date, R::JoinDate),
                Col("konversi", V::YesNo, R::Target),
            ],
        ),
        (
            "hotel",
            vec![
                Col("guest_id", V::Code, R::Id),
                Col("country", V::Cat(CITIES), R::Attribute),
                Col("stays", V::Int(1, 20), R::Measure),
                Col("revenue", V::Money, R::Spend),
                Col("booking_channel", V::Cat(CHANNELS), R::Attribute),
            ],
        ),
        (
            "grocery",
            vec![
                Col("CustID", V::Code, R::Id),
                Col("Age", V::Int(18, 85), R::Age),
                Col("Income", V::Money, R::Income),
                Col("Spending Score", V::Int(1, 100), R::Spend),
                Col("Gender", V::Cat(GENDERS), R::Attribute),
            ],
        ),
        (
            "pulsa",
            vec![
                Col("nomor_pelanggan", V::Code, R::Id),
                Col("jumlah_pembelian", V::Int(1, 60), R::Purchases),
                Col("nominal_transaksi", V::Money, R::Spend),
                Col("kanal", V::Cat(CHANNELS), R::Attribute),
                Col("hari_sejak_transaksi_terakhir", V::Int(0, 200), R::Recency),
            ],
        ),
        (
            "saas",
            vec![
                Col("account_id", V::Code, R::Id),
                Col("created_at", V::Date, R::JoinDate),
                Col("logins", V::Int(0, 500), R::WebVisits),
                Col("plan", V::Cat(PLANS), R::Attribute),
                Col("Exited", V::YesNo, R::Target),
            ],
        ),
        (
            "restoran",
            vec![
                Col("id_member", V::Code, R::Id),
                Col("jk", V::Cat(GENDERS_ID), R::Attribute),
                Col("usia", V::Int(17, 70), R::Age),
                Col("total_rp", V::Money, R::Spend),
                Col("jml_transaksi", V::Int(1, 40), R::Purchases),
            ],
        ),
        (
            "dealer",
            vec![
                Col("client_no", V::Code, R::Id),
                Col("date_of_birth", V::Date, R::BirthDate),
                Col("city", V::Cat(CITIES), R::Attribute),
                Col("lifetime_value", V::Money, R::Spend),
                Col("last_purchase_date", V::Date, R::LastPurchaseDate),
            ],
        ),
        (
            "shop report",
            vec![
                Col("kode_toko", V::Code, R::Id),
                Col("total_sales", V::Money, R::Spend),
                Col("avg_order_value", V::Money, R::Measure),
                Col("orders", V::Int(1, 400), R::Purchases),
                Col("kota", V::Cat(CITIES), R::Attribute),
            ],
        ),
    ]
}

#[test]
fn a_corpus_of_real_world_tables_gets_its_roles() {
    let corpus = corpus();
    assert!(corpus.len() >= 30, "{} tables", corpus.len());
    let (mut right, mut total) = (0, 0);
    let mut misses = Vec::new();
    let mut row_misses = Vec::new();
    for (name, cols) in &corpus {
        let header: Vec<&str> = cols.iter().map(|c| c.0).collect();
        let mut text = header.join(",") + "\n";
        for row in 0..200 {
            let cells: Vec<String> = cols.iter().map(|c| cell(c.1, row)).collect();
            text += &(cells.join(",") + "\n");
        }
        let table = read_table(text.as_bytes(), &ReadOptions::default(), &mut NoProgress)
            .unwrap()
            .table;
        let schema = recognise(&table);
        // What one row is: every table here has one row per customer, but the shop report.
        let row = if *name == "shop report" {
            RowKind::Shop
        } else {
            RowKind::Customer
        };
        if schema.row != row {
            row_misses.push(format!(
                "{name}: one row is a {:?}, not a {row:?}",
                schema.row
            ));
        }
        for (i, c) in cols.iter().enumerate() {
            total += 1;
            if schema.roles[i] == c.2 {
                right += 1;
            } else {
                misses.push(format!(
                    "{name}: {} want {:?}, got {:?} ({:?})",
                    c.0, c.2, schema.roles[i], table.columns[i].kind
                ));
            }
        }
    }
    let rate = right as f64 / total as f64;
    println!(
        "corpus: {right} of {total} columns get their role ({:.1} %) in {} tables",
        rate * 100.0,
        corpus.len()
    );
    for m in &misses {
        println!("  miss: {m}");
    }
    assert!(rate >= 0.95, "{rate:.3}: {misses:#?}");
    assert!(row_misses.is_empty(), "{row_misses:#?}");
}
