//! What a column is, from header names people actually write: a bilingual (English and
//! Indonesian) dictionary of concepts — customer id, gender, age, birth date, city or region,
//! income, spend, orders, visits, last purchase, days since, first purchase or sign-up,
//! tenure, channel, target — matched on the header's words (snake_case, camelCase, spaces
//! and dots all split alike), then checked against the column's type and values, so that a
//! `page` column is not an age and a yes/no `status` can be a target while a text one cannot.
//!
//! The rules are ordered from the most specific (`days_since_last_order` is a recency before it
//! is an order count) to the most general (`total` alone is spend).

use crate::table::{Column, ColumnType};

/// What a column stands for, before it is given a [`super::Role`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Concept {
    CustomerId,
    Gender,
    Age,
    BirthDate,
    Region,
    Income,
    Spend,
    Orders,
    Visits,
    LastPurchase,
    DaysSince,
    FirstPurchase,
    Tenure,
    Channel,
    Target,
}

/// The header's words, lower case: `lastOrderDate`, `last_order_date`, `Last Order Date` all
/// give `["last", "order", "date"]`.
pub fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

const CUSTOMER: &[&str] = &[
    "customer",
    "cust",
    "client",
    "member",
    "pelanggan",
    "nasabah",
    "konsumen",
    "anggota",
    "user",
    "buyer",
    "pembeli",
    "account",
    "akun",
    "contact",
    "guest",
    "tamu",
    "patient",
    "pasien",
    "subscriber",
    "student",
    "siswa",
    "respondent",
];
const CODE: &[&str] = &[
    "id", "no", "nr", "num", "number", "code", "kode", "nomor", "key", "ref",
];
const GENDER: &[&str] = &["gender", "sex", "kelamin", "jk", "gend", "sexe"];
const AGE: &[&str] = &["age", "umur", "usia", "ages"];
const BIRTH: &[&str] = &[
    "birth",
    "dob",
    "lahir",
    "birthday",
    "birthdate",
    "tgllahir",
    "born",
];
const REGION: &[&str] = &[
    "city",
    "kota",
    "region",
    "wilayah",
    "province",
    "provinsi",
    "state",
    "country",
    "negara",
    "area",
    "daerah",
    "kabupaten",
    "kab",
    "location",
    "lokasi",
    "domisili",
    "town",
    "district",
    "kecamatan",
    "territory",
    "prov",
];
const INCOME: &[&str] = &[
    "income",
    "pendapatan",
    "penghasilan",
    "salary",
    "gaji",
    "earnings",
    "wage",
    "wages",
    "upah",
];
const MONEY: &[&str] = &[
    "spend",
    "spent",
    "spending",
    "amount",
    "amt",
    "revenue",
    "sales",
    "sale",
    "belanja",
    "nilai",
    "omzet",
    "omset",
    "penjualan",
    "monetary",
    "value",
    "pengeluaran",
    "bayar",
    "pembayaran",
    "payment",
    "payments",
    "turnover",
    "gmv",
    "billing",
    "tagihan",
    "nominal",
    "rupiah",
    "rp",
    "idr",
    "usd",
    "money",
    "uang",
    "mnt",
];
const ORDERS: &[&str] = &[
    "orders",
    "order",
    "transactions",
    "transaction",
    "trx",
    "trans",
    "frequency",
    "freq",
    "purchases",
    "purchase",
    "pesanan",
    "transaksi",
    "frekuensi",
    "pembelian",
    "invoices",
    "baskets",
    "receipts",
    "nota",
    "buys",
    "bought",
];
const VISITS: &[&str] = &[
    "visits",
    "visit",
    "kunjungan",
    "sessions",
    "session",
    "logins",
    "login",
];
const LAST: &[&str] = &["last", "terakhir", "latest", "recent", "akhir", "lst"];
const FIRST: &[&str] = &["first", "pertama", "awal", "earliest"];
const SIGNUP: &[&str] = &[
    "signup",
    "registered",
    "registration",
    "registrasi",
    "join",
    "joined",
    "joindate",
    "daftar",
    "gabung",
    "bergabung",
    "since",
    "enrolled",
    "enrollment",
    "onboarded",
    "opened",
    "dtcustomer",
    "created",
    "start",
];
const DAYS: &[&str] = &["days", "day", "hari", "weeks", "months", "bulan", "minggu"];
const SINCE: &[&str] = &["since", "sejak", "ago", "lalu"];
const RECENCY: &[&str] = &["recency", "kebaruan", "dayssincelastpurchase"];
const TENURE: &[&str] = &[
    "tenure",
    "lama",
    "masa",
    "longevity",
    "membership",
    "seniority",
];
const CHANNEL: &[&str] = &[
    "channel",
    "saluran",
    "kanal",
    "source",
    "medium",
    "platform",
    "via",
    "sumber",
    "touchpoint",
];
const TARGET: &[&str] = &[
    "response",
    "responded",
    "respon",
    "respons",
    "churn",
    "churned",
    "converted",
    "conversion",
    "konversi",
    "subscribed",
    "subscribe",
    "berlangganan",
    "target",
    "label",
    "y",
    "outcome",
    "berhenti",
    "attrition",
    "attrited",
    "exited",
    "left",
    "retained",
    "accepted",
    "hasil",
    "purchased",
    "buy",
    "responsif",
    "tertarik",
    "interested",
];
/// Header words of a date or a time (also what [`super::row::guess`] takes for a date column
/// whose values were not read as dates).
pub(crate) const DATE: &[&str] = &[
    "date",
    "tanggal",
    "tgl",
    "dt",
    "time",
    "datetime",
    "timestamp",
    "waktu",
    "at",
    "on",
];

fn any(words: &[String], set: &[&str]) -> bool {
    words.iter().any(|w| set.contains(&w.as_str()))
}

fn joined_has(words: &[String], stems: &[&str]) -> bool {
    let j = words.concat();
    stems.iter().any(|s| j.contains(s))
}

/// The concept a header names, from its words alone (no value check).
pub fn concept_of_name(name: &str) -> Option<Concept> {
    let w = words(name);
    if w.is_empty() {
        return None;
    }
    let joined = w.concat();
    // Recency first: "days since last order" is about time, not orders.
    if any(&w, RECENCY)
        || joined_has(&w, &["dayssince", "harisejak", "daysago"])
        || (any(&w, DAYS) && (any(&w, SINCE) || any(&w, LAST)))
    {
        return Some(Concept::DaysSince);
    }
    if any(&w, LAST) && (any(&w, ORDERS) || any(&w, VISITS) || any(&w, MONEY) || any(&w, DATE))
        || joined_has(
            &w,
            &["lastpurchase", "lastorder", "lastvisit", "terakhirbeli"],
        )
    {
        return Some(Concept::LastPurchase);
    }
    if any(&w, FIRST) && (any(&w, ORDERS) || any(&w, DATE) || any(&w, VISITS))
        || any(&w, SIGNUP)
        || joined_has(
            &w,
            &[
                "customersince",
                "membersince",
                "tanggaldaftar",
                "tglgabung",
                "signup",
                "dtcustomer",
            ],
        )
    {
        return Some(Concept::FirstPurchase);
    }
    if any(&w, BIRTH) || joined_has(&w, &["tahunlahir", "tanggallahir", "yearbirth"]) {
        return Some(Concept::BirthDate);
    }
    if any(&w, TENURE)
        || (any(&w, DAYS) || any(&w, &["years", "tahun", "yrs"]))
            && (any(&w, CUSTOMER) || any(&w, &["as", "with", "menjadi", "berlangganan"]))
    {
        return Some(Concept::Tenure);
    }
    if any(&w, GENDER) || joined.contains("jeniskelamin") {
        return Some(Concept::Gender);
    }
    if any(&w, AGE) {
        return Some(Concept::Age);
    }
    if any(&w, INCOME) {
        return Some(Concept::Income);
    }
    if any(&w, VISITS) {
        return Some(Concept::Visits);
    }
    // The head noun decides between two concepts: the last word in English ("sales region"
    // is a region), the first in Indonesian ("frekuensi belanja" is a count).
    let (first, last) = (w[0].as_str(), w[w.len() - 1].as_str());
    if w.len() > 1 && REGION.contains(&last) {
        return Some(Concept::Region);
    }
    if w.len() > 1 && (CHANNEL.contains(&last) || ["saluran", "kanal"].contains(&first)) {
        return Some(Concept::Channel);
    }
    if w.len() > 1 && ["frekuensi", "frequency", "freq"].contains(&first) {
        return Some(Concept::Orders);
    }
    // Money before counts: "order value" is money, "orders" a count.
    if any(&w, MONEY)
        || w.iter()
            .any(|x| x.starts_with("mnt") || x.ends_with("sales"))
    {
        return Some(Concept::Spend);
    }
    if any(&w, ORDERS) || joined_has(&w, &["numpurchases", "jumlahtransaksi"]) {
        return Some(Concept::Orders);
    }
    if any(&w, CHANNEL) {
        return Some(Concept::Channel);
    }
    if any(&w, REGION) {
        return Some(Concept::Region);
    }
    if any(&w, CUSTOMER) && (any(&w, CODE) || w.len() == 1)
        || w.len() == 1
            && ["id", "custid", "customerid", "clientid", "idpelanggan"].contains(&joined.as_str())
        || joined_has(
            &w,
            &[
                "customerid",
                "custid",
                "idpelanggan",
                "kodepelanggan",
                "nopelanggan",
            ],
        )
    {
        return Some(Concept::CustomerId);
    }
    if any(&w, TARGET) {
        return Some(Concept::Target);
    }
    if any(&w, &["total"]) && w.len() == 1 {
        return Some(Concept::Spend);
    }
    None
}

/// Whether the column's type and values fit the concept its name suggests.
fn fits(concept: Concept, column: &Column) -> bool {
    let t = column.kind;
    let numeric = t.is_quantity();
    let median = || {
        let mut v = column.data.valid_numbers();
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied()
    };
    match concept {
        Concept::CustomerId => matches!(
            t,
            ColumnType::Identifier
                | ColumnType::Text
                | ColumnType::Categorical
                | ColumnType::Integer
        ),
        Concept::Gender | Concept::Region | Concept::Channel => {
            matches!(t, ColumnType::Categorical | ColumnType::Boolean)
        }
        Concept::Age => numeric && median().is_some_and(|m| (10.0..=100.0).contains(&m)),
        Concept::BirthDate => {
            t == ColumnType::Date
                || numeric && median().is_some_and(|m| (1900.0..=2025.0).contains(&m))
        }
        Concept::LastPurchase | Concept::FirstPurchase => t == ColumnType::Date || numeric,
        Concept::Income | Concept::Spend | Concept::Orders | Concept::Visits => numeric,
        Concept::DaysSince | Concept::Tenure => numeric,
        Concept::Target => t == ColumnType::Boolean,
    }
}

/// The concept of a column: its name's, when its type and values agree.
pub fn concept_of(column: &Column) -> Option<Concept> {
    concept_of_name(&column.name).filter(|&c| fits(c, column))
}

/// The role a concept gives a column of this type. A last-purchase *date* and a birth *date*
/// get their own roles (the days since and the age are derived from them), never the join
/// date's: membership days computed from a purchase would be wrong.
pub fn role_for(concept: Concept, t: ColumnType) -> super::Role {
    use super::Role;
    let date = t == ColumnType::Date;
    match concept {
        Concept::CustomerId => Role::Id,
        Concept::Gender | Concept::Region | Concept::Channel => Role::Attribute,
        Concept::Age => Role::Age,
        Concept::BirthDate if date => Role::BirthDate,
        Concept::BirthDate => Role::BirthYear,
        Concept::Income => Role::Income,
        Concept::Spend => Role::Spend,
        Concept::Orders => Role::Purchases,
        Concept::Visits => Role::WebVisits,
        Concept::LastPurchase if date => Role::LastPurchaseDate,
        Concept::LastPurchase | Concept::DaysSince => Role::Recency,
        Concept::FirstPurchase if date => Role::JoinDate,
        Concept::FirstPurchase => Role::Measure,
        Concept::Tenure => Role::Tenure,
        Concept::Target => Role::Target,
    }
}
