//! What one row of the table is: a customer, a purchase, a call, a shop or branch, or something
//! else. The answer sets the nouns of every sentence ("45,211 calls", "12 shops (3 %)") and
//! which derived features make sense (a purchase's date is not a sign-up date). It is guessed
//! from the columns and asked once on the page, with the guess pre-selected; the user's answer
//! wins.

use serde::{Deserialize, Serialize};

use super::dictionary::{self, Concept};
use super::{Role, SchemaKind};
use crate::i18n::t;
use crate::table::{ColumnType, Table};

/// What one row of the table stands for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    Customer,
    /// One purchase, order or order line: customers appear on several rows.
    Purchase,
    /// One call or contact of a campaign.
    Call,
    /// One shop, store, branch or outlet.
    Shop,
    /// Anything else: sentences say "rows".
    #[default]
    Other,
}

impl RowKind {
    /// Every answer, in the order the question lists them.
    pub const ALL: [RowKind; 5] = [
        Self::Customer,
        Self::Purchase,
        Self::Call,
        Self::Shop,
        Self::Other,
    ];

    /// The answer's name for the machine (option values, `--row`, `data-row`).
    pub fn id(self) -> &'static str {
        match self {
            Self::Customer => "customer",
            Self::Purchase => "purchase",
            Self::Call => "call",
            Self::Shop => "shop",
            Self::Other => "other",
        }
    }

    /// The answer read back from [`Self::id`].
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.id() == id.trim())
    }

    /// The answer as the question lists it, in the current language.
    pub fn label(self) -> &'static str {
        match self {
            Self::Customer => t("A customer", "Seorang pelanggan"),
            Self::Purchase => t(
                "A purchase or order line",
                "Sebuah pembelian atau baris pesanan",
            ),
            Self::Call => t("A call or contact", "Sebuah panggilan atau kontak"),
            Self::Shop => t("A shop or branch", "Sebuah toko atau cabang"),
            Self::Other => t("Something else", "Hal lain"),
        }
    }

    /// One row and several, for sentences, in the current language (Indonesian has one form).
    pub fn noun(self) -> (&'static str, &'static str) {
        match self {
            Self::Customer => (t("customer", "pelanggan"), t("customers", "pelanggan")),
            Self::Purchase => (t("purchase", "pembelian"), t("purchases", "pembelian")),
            Self::Call => (t("call", "panggilan"), t("calls", "panggilan")),
            Self::Shop => (t("shop", "toko"), t("shops", "toko")),
            Self::Other => (t("row", "baris"), t("rows", "baris")),
        }
    }

    /// "1 customer", "2,240 customers", "12 toko".
    pub fn count(self, n: usize) -> String {
        let (one, many) = self.noun();
        let noun = if n == 1 { one } else { many };
        format!("{} {noun}", crate::format::thousands(n as u64))
    }

    /// The plural with a capital, to start a name ("New customers", "Toko baru" starts with
    /// the noun in Indonesian as well).
    pub fn plural_capitalised(self) -> String {
        crate::format::capitalise(self.noun().1)
    }

    /// Whether a date column can stand for when a row's subject joined: not for a purchase
    /// (the date is when it was bought) nor a call (when it was made).
    pub fn has_join_date(self) -> bool {
        !matches!(self, Self::Purchase | Self::Call)
    }
}

/// Header words that name a shop, store, branch or outlet.
const SHOP: &[&str] = &[
    "shop",
    "store",
    "branch",
    "outlet",
    "toko",
    "cabang",
    "gerai",
    "kios",
    "warung",
    "site",
    "dealer",
    "agen",
    "agent",
    "franchise",
    "merchant",
    "restaurant",
    "restoran",
];
/// Header words that name one purchase or order.
const ORDER: &[&str] = &[
    "order",
    "invoice",
    "transaction",
    "trx",
    "receipt",
    "nota",
    "faktur",
    "transaksi",
    "pesanan",
    "basket",
];
/// Header words of a call or a contact.
const CALL: &[&str] = &["call", "calls", "panggilan", "telepon", "telp", "dial"];

/// The row kind the columns suggest. The known tables say it by name; for any other table:
/// a purchase log has a customer code that repeats (or an order number) beside a date; a shop
/// table names shops in a column whose values are all different; a call table speaks of
/// calls; a customer table has a customer code or columns about a person (age, income,
/// gender, sign-up …). Otherwise "something else", and sentences say "rows".
///
/// `concepts`: each column's [`dictionary::concept_of`], computed once by the caller.
pub fn guess(
    table: &Table,
    kind: SchemaKind,
    roles: &[Role],
    concepts: &[Option<Concept>],
) -> RowKind {
    match kind {
        SchemaKind::BankMarketing | SchemaKind::BankMarketingAdditional => return RowKind::Call,
        SchemaKind::Unknown => {}
        _ => return RowKind::Customer,
    }
    let rows = table.n_rows();
    let unique = |i: usize| {
        let c = &table.columns[i];
        let present = rows - c.inference.missing;
        present > 0 && c.inference.distinct == present
    };
    let repeats = |i: usize| {
        let c = &table.columns[i];
        let present = rows - c.inference.missing;
        present > 1 && c.inference.distinct * 10 < present * 9
    };
    let words: Vec<Vec<String>> = table
        .columns
        .iter()
        .map(|c| dictionary::words(&c.name))
        .collect();
    // A header word from `set`, or its plural ("stores", "invoices").
    let names = |i: usize, set: &[&str]| {
        words[i].iter().any(|w| {
            set.contains(&w.as_str()) || w.strip_suffix('s').is_some_and(|b| set.contains(&b))
        })
    };
    let concept = |i: usize| concepts.get(i).copied().flatten();
    // A column of amounts, counts or dates ("store_sales", "order_value", "last_order_date"),
    // not a code naming one.
    let is_value = |i: usize| {
        matches!(
            table.columns[i].kind,
            ColumnType::Decimal | ColumnType::Date | ColumnType::Boolean
        ) || matches!(
            concept(i),
            Some(Concept::Spend | Concept::Orders | Concept::Visits | Concept::Income)
        )
    };
    let n = table.columns.len();
    // A date column, or one named as a date whose values were not read as dates (date-times
    // such as `12/1/2010 8:26`, or `19970101` read as a number).
    let has_date = table.columns.iter().any(|c| c.kind == ColumnType::Date)
        || (0..n).any(|i| names(i, dictionary::DATE));
    let customer_code = (0..n).find(|&i| concept(i) == Some(Concept::CustomerId));
    let order_code = (0..n).any(|i| names(i, ORDER) && !is_value(i) && unique(i));
    if has_date && (customer_code.is_some_and(repeats) || order_code) {
        return RowKind::Purchase;
    }
    let shop_code = (0..n).any(|i| names(i, SHOP) && !is_value(i) && unique(i));
    if shop_code && customer_code.is_none() {
        return RowKind::Shop;
    }
    if (0..n).any(|i| names(i, CALL)) && customer_code.is_none() {
        return RowKind::Call;
    }
    let person = roles.iter().any(|r| {
        matches!(
            r,
            Role::Age
                | Role::BirthYear
                | Role::BirthDate
                | Role::Income
                | Role::Children
                | Role::JoinDate
                | Role::Tenure
                | Role::Recency
                | Role::LastPurchaseDate
        )
    }) || (0..n).any(|i| concept(i) == Some(Concept::Gender));
    if customer_code.is_some() || person {
        RowKind::Customer
    } else {
        RowKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{with_lang, Lang};
    use crate::ingest::{read_table, NoProgress, ReadOptions};
    use crate::schema::recognise;

    fn row_of(csv: &str) -> RowKind {
        let t = read_table(csv.as_bytes(), &ReadOptions::default(), &mut NoProgress)
            .unwrap()
            .table;
        recognise(&t).row
    }

    #[test]
    fn guesses_what_a_row_is() {
        // A purchase log: the customer code repeats, there is a date.
        assert_eq!(
            row_of(
                "customer_id,order_date,amount\nC1,2024-01-02,10\nC1,2024-02-03,12\nC2,2024-01-05,7\nC3,2024-03-01,9\nC2,2024-03-04,8\n"
            ),
            RowKind::Purchase
        );
        // Date-times not read as dates, and dates written as numbers, still make a log.
        assert_eq!(
            row_of("InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n536365,85123A,6,12/1/2010 8:26,2.55,17850\n536365,71053,6,12/1/2010 8:26,3.39,17850\n536366,22633,6,12/1/2010 8:28,1.85,17850\n536367,84879,32,12/1/2010 8:34,1.69,13047\n"),
            RowKind::Purchase
        );
        assert_eq!(
            row_of("customer_id date number_of_cds dollar_value\n00001 19970101 1 11.77\n00002 19970112 1 12.00\n00002 19970112 5 77.00\n00003 19970102 2 20.76\n00003 19970330 2 20.76\n"),
            RowKind::Purchase
        );
        // An order number that is unique, beside a date, also makes a log.
        assert_eq!(
            row_of(
                "no_transaksi,tanggal,nilai\nT1,2024-01-02,10\nT2,2024-01-03,12\nT3,2024-01-04,9\n"
            ),
            RowKind::Purchase
        );
        // One row per customer.
        assert_eq!(
            row_of("cust_no,age,total_sales\n00001,34,100\n00002,45,80\n00003,29,120\n"),
            RowKind::Customer
        );
        // Shops, each once.
        assert_eq!(
            row_of(
                "store_id,region,tsales,hoursw\nS1,north,100,40\nS2,south,80,38\nS3,east,90,41\n"
            ),
            RowKind::Shop
        );
        assert_eq!(
            row_of("nama_toko,kota,omzet\nToko A,Bandung,100\nToko B,Depok,80\nToko C,Bogor,90\n"),
            RowKind::Shop
        );
        // Calls.
        assert_eq!(
            row_of("call_date,call_minutes,outcome\n2024-01-01,3,yes\n2024-01-02,5,no\n2024-01-03,1,no\n"),
            RowKind::Call
        );
        // A customer table with a last order date and an order count is still customers.
        assert_eq!(
            row_of("customer_id,last_order_date,orders\nC1,2024-01-02,3\nC2,2024-02-03,5\nC3,2024-03-01,1\n"),
            RowKind::Customer
        );
        // Nothing to go on: rows.
        assert_eq!(
            row_of("tsales,hoursw,margin\n100,40,0.3\n80,38,0.2\n90,41,0.25\n"),
            RowKind::Other
        );
    }

    #[test]
    fn nouns_in_both_languages() {
        assert_eq!(RowKind::Shop.count(1), "1 shop");
        assert_eq!(RowKind::Purchase.count(2240), "2,240 purchases");
        assert_eq!(RowKind::Shop.plural_capitalised(), "Shops");
        with_lang(Lang::Id, || {
            assert_eq!(RowKind::Call.count(45211), "45.211 panggilan");
            assert_eq!(RowKind::Shop.plural_capitalised(), "Toko");
            assert_eq!(RowKind::Customer.label(), "Seorang pelanggan");
        });
        for r in RowKind::ALL {
            assert_eq!(RowKind::from_id(r.id()), Some(r));
        }
        assert_eq!(RowKind::from_id("planet"), None);
    }
}
