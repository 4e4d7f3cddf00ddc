//! Prepare: the derived features of the seed write-ups (Age, Children, Total_Spent, LRFM …),
//! cleaning rules, scaling and encoding.
//!
//! Derived features are appended to the table as ordinary columns, so the profile, the charts
//! and the segment pages treat them exactly like loaded ones. Each comes with its formula in
//! words and the number of rows where it could not be computed (and why).

pub mod clean;
pub mod conversion;
pub mod scale;

use serde::{Deserialize, Serialize};

use crate::i18n::{t, L10n};
use crate::ingest::values::format_days;
use crate::profile::stats::quantile_sorted;
use crate::schema::{Role, Schema};
use crate::table::{Column, ColumnData, ColumnType, Table};
use crate::tf;

pub use clean::{clean, CleanParams, Cleaned, MissingIncome, RuleOutcome};
pub use scale::{design, Design, FeatureSpec, Scaling, Transform};

/// Names of the derived columns (as the seeds' notebooks spell them).
pub mod names {
    pub const AGE: &str = "Age";
    pub const CHILDREN: &str = "Children";
    pub const TOTAL_SPENT: &str = "Total_Spent";
    pub const TOTAL_PURCHASES: &str = "Total_Purchases";
    pub const MEMBERSHIP_DAYS: &str = "Total_Day_Membership";
    pub const DAYS_SINCE_LAST_PURCHASE: &str = "Days_Since_Last_Purchase";
    pub const TOTAL_ACCEPTED: &str = "Total_Accepted";
    pub const CONVERSION: &str = "Conversion_Rate";
    pub const CONVERSION_PURCHASES: &str = "Conversion_Rate_Purchases";
    pub const AGE_GROUP: &str = "Age_Group";
    pub const INCOME_GROUP: &str = "Income_Group";
    pub const CONTACTED_BEFORE: &str = "Contacted_Before";
    pub const PREVIOUS_SUCCESS: &str = "Previous_Success";
}

/// Age bands: young below `young_below`, senior from `senior_from`, adult in between.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AgeGroups {
    pub young_below: f64,
    pub senior_from: f64,
}

impl Default for AgeGroups {
    fn default() -> Self {
        Self {
            young_below: 35.0,
            senior_from: 60.0,
        }
    }
}

impl AgeGroups {
    pub const LABELS: [&'static str; 3] = ["Young", "Adult", "Senior"];

    fn group(&self, age: f64) -> usize {
        if age < self.young_below {
            0
        } else if age < self.senior_from {
            1
        } else {
            2
        }
    }
}

/// The income groups, lowest tercile first.
const INCOME_LABELS: [&str; 3] = ["Low", "Middle", "High"];

/// What the user may change about derivation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeriveParams {
    /// The "today" of the data, in days since 1970-01-01; `None` = the last join date.
    pub reference_date: Option<i64>,
    pub age_groups: AgeGroups,
}

/// One derived column and how it was computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DerivedFeature {
    pub name: String,
    /// The formula in words, with the source columns ("Kidhome + Teenhome"), in both languages.
    pub formula: L10n<String>,
    /// Rows where it could not be computed.
    pub missing: usize,
    /// Why some rows have no value, or another caveat (division by zero …).
    pub note: Option<L10n<String>>,
    /// The formula as data, for the warehouse query ([`crate::warehouse`]) that recomputes
    /// this column where the table lives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipe: Option<Recipe>,
}

/// A number read from a column as the derivation reads it: missing when the cell is missing
/// or holds the column's sentinel code (bank `pdays` = −1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Input {
    pub column: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentinel: Option<f64>,
}

impl Input {
    fn of(column: &Column) -> Self {
        Self {
            column: column.name.clone(),
            sentinel: column.inference.sentinel.as_ref().map(|s| s.value),
        }
    }
}

/// How one derived column is computed, as data. [`derive`] computes the values in Rust; the
/// warehouse query writes the same computation in SQL, so the two must change together
/// (`engine/tests/warehouse_sql.rs` runs both on the same files).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Recipe {
    /// `year − column` (age from the birth year).
    YearsBefore { column: Input, year: f64 },
    /// Days from the date in `column` to `reference` (days since 1970-01-01).
    DaysBefore { column: String, reference: i64 },
    /// `year − the year of the date in column` (age from a birth date).
    YearsBeforeDate { column: String, year: f64 },
    /// The sum of the parts; missing when any part is.
    Sum { parts: Vec<Input> },
    /// `numerator ÷ denominator`; missing when either is, or the denominator is 0.
    Ratio {
        numerator: Input,
        denominator: Input,
    },
    /// `labels[i]` for the first `bounds[i]` the value is below, else the last label.
    Bands {
        column: Input,
        bounds: Vec<f64>,
        labels: Vec<String>,
    },
    /// 1 when `previous` > 0 or `days` holds a value (not the never-contacted code), else 0.
    Contacted {
        previous: Option<Input>,
        days: Option<Input>,
    },
    /// 1 when the category equals `value` (ASCII case ignored), 0 for another category.
    Equals { column: String, value: String },
}

/// The LRFM feature set (Length, Recency, Frequency, Monetary) as column names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lrfm {
    pub length: String,
    pub recency: String,
    pub frequency: String,
    pub monetary: String,
}

impl Lrfm {
    pub fn columns(&self) -> [&str; 4] {
        [&self.length, &self.recency, &self.frequency, &self.monetary]
    }
}

/// The table with its derived columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    pub table: Table,
    /// Roles of every column, derived ones included.
    pub schema: Schema,
    pub features: Vec<DerivedFeature>,
    /// The reference date used, in days since 1970-01-01.
    pub reference_date: Option<i64>,
    /// Where the reference date came from, in words.
    pub reference_source: Option<L10n<String>>,
    pub age_groups: AgeGroups,
    /// Income terciles used for the income groups (low below the first, high from the second).
    pub income_bounds: Option<(f64, f64)>,
    pub lrfm: Option<Lrfm>,
}

/// Serialisable summary of [`Derived`] for the UI and the command line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeriveReport {
    pub features: Vec<DerivedFeature>,
    /// ISO date.
    pub reference_date: Option<String>,
    pub reference_source: Option<L10n<String>>,
    pub age_groups: AgeGroups,
    pub income_bounds: Option<(f64, f64)>,
    pub lrfm: Option<Lrfm>,
}

impl Derived {
    pub fn report(&self) -> DeriveReport {
        DeriveReport {
            features: self.features.clone(),
            reference_date: self.reference_date.map(format_days),
            reference_source: self.reference_source.clone(),
            age_groups: self.age_groups,
            income_bounds: self.income_bounds,
            lrfm: self.lrfm.clone(),
        }
    }
}

/// Builds one derived column, skipping names the table already has.
struct Builder<'a> {
    table: &'a Table,
    schema: &'a Schema,
    columns: Vec<Column>,
    roles: Vec<Role>,
    features: Vec<DerivedFeature>,
}

impl<'a> Builder<'a> {
    fn rows(&self) -> usize {
        self.table.n_rows()
    }

    fn exists(&self, name: &str) -> bool {
        let n = crate::schema::normalise(name);
        self.table
            .columns
            .iter()
            .chain(&self.columns)
            .any(|c| crate::schema::normalise(&c.name) == n)
    }

    /// A loaded or already derived column by name.
    fn get(&self, name: &str) -> Option<&Column> {
        self.table
            .columns
            .iter()
            .chain(&self.columns)
            .find(|c| c.name == name)
    }

    fn cols(&self, role: Role) -> Vec<&'a Column> {
        self.schema
            .all(role)
            .filter_map(|i| self.table.columns.get(i))
            .filter(|c| matches!(*c.data, ColumnData::Numeric { .. }))
            .collect()
    }

    fn push(
        &mut self,
        column: Column,
        role: Role,
        formula: L10n<String>,
        note: Option<L10n<String>>,
        recipe: Recipe,
    ) {
        self.features.push(DerivedFeature {
            name: column.name.clone(),
            formula,
            missing: column.inference.missing,
            note,
            recipe: Some(recipe),
        });
        self.columns.push(column);
        self.roles.push(role);
    }

    /// Sum of several numeric columns (missing if any part is missing).
    fn sum(&mut self, name: &str, parts: &[&Column], role: Role) {
        if parts.is_empty() || self.exists(name) {
            return;
        }
        let cells: Vec<Option<f64>> = (0..self.rows())
            .map(|r| parts.iter().map(|c| c.number(r)).sum::<Option<f64>>())
            .collect();
        let formula = L10n::same(
            parts
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join(" + "),
        );
        let kind = integer_or_decimal(&cells);
        let note = missing_note(&cells, || t("a part is missing", "ada bagian yang kosong"));
        let recipe = Recipe::Sum {
            parts: parts.iter().map(|c| Input::of(c)).collect(),
        };
        self.push(
            Column::numeric(name, kind, cells),
            role,
            formula,
            note,
            recipe,
        );
    }

    /// Days from the dates of `date` to `reference` (membership from a join date, recency from
    /// a last purchase).
    fn days_before(
        &mut self,
        name: &str,
        date: &Column,
        reference: i64,
        role: Role,
        missing: impl Fn() -> &'static str,
    ) {
        let cells: Vec<Option<f64>> = (0..self.rows())
            .map(|r| date.number(r).map(|d| reference as f64 - d))
            .collect();
        let note = missing_note(&cells, missing);
        self.push(
            Column::numeric(name, ColumnType::Integer, cells),
            role,
            L10n::build(|| {
                tf!(
                    "reference date − {} (days)",
                    "tanggal acuan − {} (hari)",
                    date.name
                )
            }),
            note,
            Recipe::DaysBefore {
                column: date.name.clone(),
                reference,
            },
        );
    }

    /// `num ÷ den`, missing where the denominator is zero (stated in the note).
    fn ratio(&mut self, name: &str, num: &Column, den: &Column, formula: String) {
        let formula = L10n::same(formula);
        if self.exists(name) {
            return;
        }
        let mut zero = 0usize;
        let cells: Vec<Option<f64>> = (0..self.rows())
            .map(|r| match (num.number(r), den.number(r)) {
                (Some(_), Some(0.0)) => {
                    zero += 1;
                    None
                }
                (Some(n), Some(d)) => Some(n / d),
                _ => None,
            })
            .collect();
        let other = cells.iter().filter(|c| c.is_none()).count() - zero;
        let note = (zero > 0 || other > 0).then(|| {
            L10n::build(|| {
                let mut notes = Vec::new();
                if zero > 0 {
                    notes.push(tf!(
                        "{} rows have {} = 0: division by zero, left empty",
                        "{} baris memiliki {} = 0: pembagian dengan nol, dibiarkan kosong",
                        crate::format::thousands(zero as u64),
                        den.name
                    ));
                }
                if other > 0 {
                    notes.push(tf!(
                        "{} rows miss {} or {}",
                        "{} baris tidak memiliki {} atau {}",
                        crate::format::thousands(other as u64),
                        num.name,
                        den.name
                    ));
                }
                notes.join("; ")
            })
        });
        let recipe = Recipe::Ratio {
            numerator: Input::of(num),
            denominator: Input::of(den),
        };
        self.push(
            Column::numeric(name, ColumnType::Decimal, cells),
            Role::Measure,
            formula,
            note,
            recipe,
        );
    }
}

fn integer_or_decimal(cells: &[Option<f64>]) -> ColumnType {
    if cells.iter().flatten().all(|v| v.fract() == 0.0) {
        ColumnType::Integer
    } else {
        ColumnType::Decimal
    }
}

/// "N rows left empty: why", in both languages; `why` is a phrase in the current language.
fn missing_note(cells: &[Option<f64>], why: impl Fn() -> &'static str) -> Option<L10n<String>> {
    let n = cells.iter().filter(|c| c.is_none()).count();
    (n > 0).then(|| {
        L10n::build(|| {
            let why = why();
            tf!(
                "{} rows left empty: {why}",
                "{} baris dibiarkan kosong: {why}",
                crate::format::thousands(n as u64)
            )
        })
    })
}

/// The last date of the join-date column, the default "today" of the data.
fn latest_date<'a>(columns: impl Iterator<Item = &'a Column>) -> Option<(i64, &'a str)> {
    columns
        .filter_map(|col| {
            (0..col.data.len())
                .filter_map(|r| col.number(r))
                .map(|v| v as i64)
                .max()
                .map(|d| (d, col.name.as_str()))
        })
        .max_by_key(|(d, _)| *d)
}

/// Civil year of a day count.
fn year_of(days: i64) -> f64 {
    f64::from(crate::ingest::values::civil_from_days(days).0)
}

/// The Prepare step in one call: derive, then clean with `clean_params` (`None` = the
/// defaults for the derived table). Returns the cleaning settings used with the result, as
/// the page, the trainer and the command line all run it.
pub fn prepare(
    table: &Table,
    schema: &Schema,
    derive_params: &DeriveParams,
    clean_params: Option<&CleanParams>,
) -> (Derived, Cleaned, CleanParams) {
    let derived = derive(table, schema, derive_params);
    let params = clean_params
        .cloned()
        .unwrap_or_else(|| CleanParams::defaults_for(&derived.table, &derived.schema));
    let cleaned = clean(&derived.table, &derived.schema, &params);
    (derived, cleaned, params)
}

/// Appends every derived feature whose source roles exist.
pub fn derive(table: &Table, schema: &Schema, params: &DeriveParams) -> Derived {
    let mut b = Builder {
        table,
        schema,
        columns: Vec::new(),
        roles: Vec::new(),
        features: Vec::new(),
    };
    let rows = table.n_rows();
    // A date column stands for a sign-up only when a row is someone who signs up: a
    // purchase's or a call's date is when it happened.
    let date_of = |role: Role| {
        schema
            .find(role)
            .and_then(|i| table.columns.get(i))
            .filter(|c| c.kind == ColumnType::Date)
    };
    let join = date_of(Role::JoinDate).filter(|_| schema.row.has_join_date());
    let last_purchase = date_of(Role::LastPurchaseDate);
    let birth_date = date_of(Role::BirthDate);
    let (reference_date, reference_source) = match params.reference_date {
        Some(d) => (
            Some(d),
            Some(L10n::build(|| {
                t("set by you", "ditetapkan oleh Anda").to_string()
            })),
        ),
        None => match latest_date([join, last_purchase].into_iter().flatten()) {
            Some((d, column)) => (
                Some(d),
                Some(L10n::build(|| {
                    tf!("the last {} in the data", "{} terakhir dalam data", column)
                })),
            ),
            None => (None, None),
        },
    };

    // Age from birth year, else from a birth date (the year of the reference date minus the
    // year of birth, as the seeds compute it from Year_Birth).
    let birth_year = b.cols(Role::BirthYear).first().copied();
    let birth_date = birth_date.filter(|_| schema.find(Role::Age).is_none());
    if let (Some(reference), false) = (reference_date, b.exists(names::AGE)) {
        let year = year_of(reference);
        let age = match (birth_year, birth_date) {
            (Some(birth), _) => Some((
                birth,
                (0..rows)
                    .map(|r| birth.number(r).map(|y| year - y))
                    .collect::<Vec<_>>(),
                // Read when the note is built, in each language.
                (|| t("birth year missing", "tahun lahir kosong")) as fn() -> &'static str,
                Recipe::YearsBefore {
                    column: Input::of(birth),
                    year,
                },
            )),
            (None, Some(birth)) => Some((
                birth,
                (0..rows)
                    .map(|r| birth.number(r).map(|d| year - year_of(d as i64)))
                    .collect(),
                (|| t("birth date missing", "tanggal lahir kosong")) as fn() -> &'static str,
                Recipe::YearsBeforeDate {
                    column: birth.name.clone(),
                    year,
                },
            )),
            (None, None) => None,
        };
        if let Some((birth, cells, missing, recipe)) = age {
            let note = missing_note(&cells, missing);
            let of_date = matches!(recipe, Recipe::YearsBeforeDate { .. });
            b.push(
                Column::numeric(names::AGE, ColumnType::Integer, cells),
                Role::Age,
                L10n::build(|| match of_date {
                    false => tf!(
                        "{year} (year of the reference date) − {}",
                        "{year} (tahun tanggal acuan) − {}",
                        birth.name
                    ),
                    true => tf!(
                        "{year} (year of the reference date) − year of {}",
                        "{year} (tahun tanggal acuan) − tahun {}",
                        birth.name
                    ),
                }),
                note,
                recipe,
            );
        }
    }
    // Days since the last purchase, from its date (when the table has no recency of its own).
    if let (Some(last), Some(reference)) = (last_purchase, reference_date) {
        if !b.exists(names::DAYS_SINCE_LAST_PURCHASE) && schema.find(Role::Recency).is_none() {
            b.days_before(
                names::DAYS_SINCE_LAST_PURCHASE,
                last,
                reference,
                Role::Recency,
                || {
                    t(
                        "last purchase date missing",
                        "tanggal pembelian terakhir kosong",
                    )
                },
            );
        }
    }
    let children = b.cols(Role::Children);
    if children.len() > 1 {
        b.sum(names::CHILDREN, &children, Role::Measure);
    }
    let spend = b.cols(Role::Spend);
    if spend.len() > 1 {
        b.sum(names::TOTAL_SPENT, &spend, Role::Measure);
    }
    let purchases = b.cols(Role::Purchases);
    if purchases.len() > 1 {
        b.sum(names::TOTAL_PURCHASES, &purchases, Role::Measure);
    }
    let accepted = b.cols(Role::PastAcceptance);
    if !accepted.is_empty() {
        b.sum(names::TOTAL_ACCEPTED, &accepted, Role::Measure);
    }
    if let (Some(join), Some(reference)) = (join, reference_date) {
        if !b.exists(names::MEMBERSHIP_DAYS) {
            b.days_before(
                names::MEMBERSHIP_DAYS,
                join,
                reference,
                Role::Measure,
                || t("join date missing", "tanggal bergabung kosong"),
            );
        }
    }

    // Conversion rates (seed 001: response ÷ visits; seed 002: purchases ÷ visits).
    let visits = b.cols(Role::WebVisits).first().copied();
    let target = schema
        .find(Role::Target)
        .and_then(|i| table.columns.get(i))
        .filter(|c| c.kind == ColumnType::Boolean);
    if let (Some(visits), Some(target)) = (visits, target) {
        b.ratio(
            names::CONVERSION,
            target,
            visits,
            format!("{} ÷ {}", target.name, visits.name),
        );
    }
    if let Some(visits) = visits {
        if let Some(total) = b.get(names::TOTAL_PURCHASES).cloned() {
            b.ratio(
                names::CONVERSION_PURCHASES,
                &total,
                visits,
                format!("{} ÷ {}", names::TOTAL_PURCHASES, visits.name),
            );
        }
    }

    // Age and income groups.
    let age = b
        .get(names::AGE)
        .or_else(|| b.cols(Role::Age).first().copied())
        .cloned();
    if let Some(age) = age {
        if !b.exists(names::AGE_GROUP) {
            let g = params.age_groups;
            let cells: Vec<Option<usize>> = (0..rows)
                .map(|r| age.number(r).map(|a| g.group(a)))
                .collect();
            b.push(
                Column::categorical(names::AGE_GROUP, &AgeGroups::LABELS, &cells),
                Role::Attribute,
                L10n::build(|| {
                    tf!(
                        "{}: Young under {}, Adult {}–{}, Senior {} and over",
                        "{}: Young di bawah {}, Adult {}–{}, Senior {} ke atas",
                        age.name,
                        g.young_below,
                        g.young_below,
                        g.senior_from - 1.0,
                        g.senior_from
                    )
                }),
                None,
                Recipe::Bands {
                    column: Input::of(&age),
                    bounds: vec![g.young_below, g.senior_from],
                    labels: AgeGroups::LABELS.map(str::to_string).to_vec(),
                },
            );
        }
    }
    let income = b.cols(Role::Income).first().copied();
    let mut income_bounds = None;
    if let Some(income) = income {
        let mut v: Vec<f64> = (0..rows).filter_map(|r| income.number(r)).collect();
        v.sort_by(f64::total_cmp);
        if v.len() >= 2 && !b.exists(names::INCOME_GROUP) {
            let (lo, hi) = (
                quantile_sorted(&v, 1.0 / 3.0),
                quantile_sorted(&v, 2.0 / 3.0),
            );
            income_bounds = Some((lo, hi));
            let cells: Vec<Option<usize>> = (0..rows)
                .map(|r| {
                    income.number(r).map(|x| {
                        if x < lo {
                            0
                        } else if x < hi {
                            1
                        } else {
                            2
                        }
                    })
                })
                .collect();
            b.push(
                Column::categorical(names::INCOME_GROUP, &INCOME_LABELS, &cells),
                Role::Attribute,
                L10n::build(|| {
                    tf!(
                        "{} terciles: Low under {}, High from {}",
                        "Tersil {}: Low di bawah {}, High mulai {}",
                        income.name,
                        crate::format::amount(lo),
                        crate::format::amount(hi)
                    )
                }),
                None,
                Recipe::Bands {
                    column: Input::of(income),
                    bounds: vec![lo, hi],
                    labels: INCOME_LABELS.map(str::to_string).to_vec(),
                },
            );
        }
    }

    // Bank calls: contacted before, previous success.
    let pdays = schema
        .find(Role::DaysSinceContact)
        .map(|i| &table.columns[i]);
    let previous = b.cols(Role::PreviousContacts).first().copied();
    if (pdays.is_some() || previous.is_some()) && !b.exists(names::CONTACTED_BEFORE) {
        let cells: Vec<Option<f64>> = (0..rows)
            .map(|r| {
                let by_prev = previous.and_then(|p| p.number(r)).map(|p| p > 0.0);
                let by_days = pdays.map(|p| p.number(r).is_some());
                match (by_prev, by_days) {
                    (Some(a), Some(b)) => Some(f64::from(u8::from(a || b))),
                    (Some(a), None) | (None, Some(a)) => Some(f64::from(u8::from(a))),
                    (None, None) => None,
                }
            })
            .collect();
        let formula = L10n::build(|| match (pdays, previous) {
            (Some(d), Some(p)) => tf!(
                "{} > 0 or {} is not the never-contacted code",
                "{} > 0 atau {} bukan kode belum pernah dihubungi",
                p.name,
                d.name
            ),
            (Some(d), None) => tf!(
                "{} is not the never-contacted code",
                "{} bukan kode belum pernah dihubungi",
                d.name
            ),
            (None, Some(p)) => format!("{} > 0", p.name),
            (None, None) => String::new(),
        });
        b.push(
            Column::numeric(names::CONTACTED_BEFORE, ColumnType::Boolean, cells),
            Role::Attribute,
            formula,
            None,
            Recipe::Contacted {
                previous: previous.map(Input::of),
                days: pdays.map(Input::of),
            },
        );
    }
    let outcome = schema
        .find(Role::PreviousOutcome)
        .and_then(|i| table.columns.get(i));
    if let Some(outcome) = outcome {
        if outcome.kind == ColumnType::Categorical && !b.exists(names::PREVIOUS_SUCCESS) {
            let cells: Vec<Option<f64>> = (0..rows)
                .map(|r| {
                    outcome
                        .category(r)
                        .map(|c| f64::from(u8::from(c.eq_ignore_ascii_case("success"))))
                })
                .collect();
            b.push(
                Column::numeric(names::PREVIOUS_SUCCESS, ColumnType::Boolean, cells),
                Role::Attribute,
                L10n::same(format!("{} = success", outcome.name)),
                None,
                Recipe::Equals {
                    column: outcome.name.clone(),
                    value: "success".to_string(),
                },
            );
        }
    }

    // LRFM, when all four exist (derived or loaded).
    let recency = schema
        .find(Role::Recency)
        .map(|i| table.columns[i].name.clone());
    let has = |n: &str| b.get(n).is_some();
    let lrfm = match recency {
        Some(r)
            if has(names::MEMBERSHIP_DAYS)
                && has(names::TOTAL_PURCHASES)
                && has(names::TOTAL_SPENT) =>
        {
            Some(Lrfm {
                length: names::MEMBERSHIP_DAYS.into(),
                recency: r,
                frequency: names::TOTAL_PURCHASES.into(),
                monetary: names::TOTAL_SPENT.into(),
            })
        }
        _ => None,
    };

    let Builder {
        columns,
        roles,
        features,
        ..
    } = b;
    let mut all = table.columns.clone();
    all.extend(columns);
    let mut schema = schema.clone();
    schema.roles.extend(roles);
    Derived {
        table: Table::new(all, rows),
        schema,
        features,
        reference_date,
        reference_source,
        age_groups: params.age_groups,
        income_bounds,
        lrfm,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_table, NoProgress, ReadOptions};
    use crate::schema::{recognise, RowKind};

    fn load(text: &str) -> (Table, Schema) {
        let t = read_table(text.as_bytes(), &ReadOptions::default(), &mut NoProgress)
            .unwrap()
            .table;
        let s = recognise(&t);
        (t, s)
    }

    const CUSTOMERS: &str = "ID\tYear_Birth\tIncome\tKidhome\tTeenhome\tDt_Customer\tRecency\tMntWines\tMntFruits\tNumWebPurchases\tNumStorePurchases\tNumWebVisitsMonth\tAcceptedCmp1\tAcceptedCmp2\tResponse\n\
1\t1980\t50000\t1\t0\t2014-01-01\t10\t100\t20\t2\t3\t5\t0\t1\t1\n\
2\t1990\t\t0\t2\t2013-01-01\t50\t0\t5\t1\t0\t0\t0\t0\t0\n\
3\t1950\t80000\t0\t0\t2014-06-30\t5\t300\t0\t4\t6\t2\t1\t1\t0\n";

    fn col(d: &Derived, name: &str) -> Vec<Option<f64>> {
        let c = d.table.column(name).unwrap();
        (0..d.table.n_rows()).map(|r| c.number(r)).collect()
    }

    #[test]
    fn customer_formulas() {
        let (t, s) = load(CUSTOMERS);
        let d = derive(&t, &s, &DeriveParams::default());
        // Reference = last Dt_Customer = 2014-06-30.
        assert_eq!(d.report().reference_date.as_deref(), Some("2014-06-30"));
        assert_eq!(col(&d, "Age"), vec![Some(34.0), Some(24.0), Some(64.0)]);
        assert_eq!(col(&d, "Children"), vec![Some(1.0), Some(2.0), Some(0.0)]);
        assert_eq!(
            col(&d, "Total_Spent"),
            vec![Some(120.0), Some(5.0), Some(300.0)]
        );
        assert_eq!(
            col(&d, "Total_Purchases"),
            vec![Some(5.0), Some(1.0), Some(10.0)]
        );
        assert_eq!(
            col(&d, "Total_Accepted"),
            vec![Some(1.0), Some(0.0), Some(2.0)]
        );
        // 2014-01-01 → 2014-06-30 = 180 days; 2013-01-01 → 545.
        assert_eq!(
            col(&d, "Total_Day_Membership"),
            vec![Some(180.0), Some(545.0), Some(0.0)]
        );
        assert_eq!(col(&d, "Conversion_Rate"), vec![Some(0.2), None, Some(0.0)]);
        assert_eq!(
            col(&d, "Conversion_Rate_Purchases"),
            vec![Some(1.0), None, Some(5.0)]
        );
        let conv = d
            .features
            .iter()
            .find(|f| f.name == "Conversion_Rate")
            .unwrap();
        assert_eq!(conv.missing, 1);
        assert!(
            conv.note
                .as_ref()
                .unwrap()
                .en
                .contains("NumWebVisitsMonth = 0: division by zero"),
            "{:?}",
            conv.note
        );
        // Indonesian: formulas and notes, with Indonesian numbers.
        assert_eq!(
            conv.note.as_ref().unwrap().id,
            "1 baris memiliki NumWebVisitsMonth = 0: pembagian dengan nol, dibiarkan kosong"
        );
        let formula = |name: &str| {
            let f = d.features.iter().find(|f| f.name == name).unwrap();
            f.formula.clone()
        };
        assert_eq!(formula("Age").id, "2014 (tahun tanggal acuan) − Year_Birth");
        assert_eq!(
            formula("Total_Day_Membership").id,
            "tanggal acuan − Dt_Customer (hari)"
        );
        assert!(formula("Income_Group")
            .id
            .starts_with("Tersil Income: Low di bawah "));
        assert_eq!(formula("Children").id, formula("Children").en);
        for f in &d.features {
            let padded = format!(" {} ", f.formula.id);
            for w in [" the ", " of ", " and ", " under ", " or "] {
                assert!(!padded.contains(w), "{w:?} in {}", f.formula.id);
            }
        }
        let ag = d.table.column("Age_Group").unwrap();
        assert_eq!(
            (0..3).map(|r| ag.category(r).unwrap()).collect::<Vec<_>>(),
            vec!["Young", "Young", "Senior"]
        );
        let ig = d.table.column("Income_Group").unwrap();
        assert_eq!(ig.category(1), None, "missing income has no group");
        let lrfm = d.lrfm.unwrap();
        assert_eq!(
            lrfm.columns(),
            [
                "Total_Day_Membership",
                "Recency",
                "Total_Purchases",
                "Total_Spent"
            ]
        );
        assert_eq!(d.schema.roles.len(), d.table.n_cols());
    }

    #[test]
    fn birth_and_last_purchase_dates_give_age_and_recency() {
        let (t, s) = load(
            "customer_id,date_of_birth,last_order_date,signup_date\n\
             C1,1990-05-01,2024-03-01,2020-01-01\n\
             C2,,2024-01-01,2021-06-30\n\
             C3,1960-12-31,2023-03-31,2019-01-01\n",
        );
        assert_eq!(s.row, RowKind::Customer);
        let d = derive(&t, &s, &DeriveParams::default());
        // Reference = the last date among the join and last-purchase dates.
        assert_eq!(d.report().reference_date.as_deref(), Some("2024-03-01"));
        assert_eq!(col(&d, "Age"), vec![Some(34.0), None, Some(64.0)]);
        assert_eq!(
            col(&d, names::DAYS_SINCE_LAST_PURCHASE),
            vec![Some(0.0), Some(60.0), Some(336.0)]
        );
        let recency = d
            .table
            .columns
            .iter()
            .position(|c| c.name == names::DAYS_SINCE_LAST_PURCHASE);
        assert_eq!(recency.map(|i| d.schema.roles[i]), Some(Role::Recency));
        assert!(col(&d, names::MEMBERSHIP_DAYS)[0].is_some());
        // One row per purchase: its dates are not sign-ups, no membership length.
        let as_purchases = derive(
            &t,
            &s.clone().with_row(Some(RowKind::Purchase)),
            &DeriveParams::default(),
        );
        assert!(as_purchases.table.column(names::MEMBERSHIP_DAYS).is_none());
        assert!(as_purchases
            .table
            .column(names::DAYS_SINCE_LAST_PURCHASE)
            .is_some());
    }

    #[test]
    fn reference_date_and_age_groups_are_editable() {
        let (t, s) = load(CUSTOMERS);
        let params = DeriveParams {
            reference_date: Some(crate::ingest::values::days_from_civil(2020, 1, 1)),
            age_groups: AgeGroups {
                young_below: 30.0,
                senior_from: 40.0,
            },
        };
        let d = derive(&t, &s, &params);
        assert_eq!(col(&d, "Age"), vec![Some(40.0), Some(30.0), Some(70.0)]);
        let ag = d.table.column("Age_Group").unwrap();
        assert_eq!(ag.category(0), Some("Senior"));
        assert_eq!(ag.category(1), Some("Adult"));
        assert_eq!(
            d.reference_source.as_ref().map(|s| s.en.as_str()),
            Some("set by you")
        );
        assert_eq!(
            d.reference_source.as_ref().map(|s| s.id.as_str()),
            Some("ditetapkan oleh Anda")
        );
    }

    #[test]
    fn bank_flags() {
        let (t, s) = load(
            "age;job;marital;education;default;balance;housing;loan;contact;day;month;duration;campaign;pdays;previous;poutcome;y\n\
             30;admin.;single;tertiary;no;10;yes;no;cellular;5;may;100;1;-1;0;unknown;no\n\
             40;admin.;single;tertiary;no;10;yes;no;cellular;5;may;100;2;90;3;success;yes\n\
             50;admin.;single;tertiary;no;10;yes;no;cellular;5;may;100;1;-1;0;unknown;no\n\
             35;admin.;single;tertiary;no;10;yes;no;cellular;5;may;100;1;-1;0;unknown;no\n\
             45;admin.;single;tertiary;no;10;yes;no;cellular;5;may;100;3;100;1;failure;no\n",
        );
        let d = derive(&t, &s, &DeriveParams::default());
        assert_eq!(
            col(&d, "Contacted_Before"),
            vec![Some(0.0), Some(1.0), Some(0.0), Some(0.0), Some(1.0)]
        );
        assert_eq!(
            col(&d, "Previous_Success"),
            vec![Some(0.0), Some(1.0), Some(0.0), Some(0.0), Some(0.0)]
        );
        assert!(d.features.iter().all(|f| f.name != "Age"), "age is loaded");
        assert!(d.lrfm.is_none());
        assert!(
            d.table.column("Age_Group").is_some(),
            "groups from the loaded age"
        );
    }

    #[test]
    fn nothing_to_derive_is_fine() {
        let (t, s) = load("a,b\n1,x\n2,y\n");
        let d = derive(&t, &s, &DeriveParams::default());
        assert!(d.features.is_empty());
        assert_eq!(d.table.n_cols(), 2);
    }
}
