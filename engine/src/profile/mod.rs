//! The profile of a table (EDA): per-column statistics, category shares, target rates,
//! correlations and a plain-language summary computed from them. What the Profile step shows and
//! `klaster profile --json` prints.

pub mod correlation;
pub mod histogram;
pub mod stats;
pub mod summary;
pub mod target;

use serde::{Deserialize, Serialize};

pub use correlation::{correlation, Correlation};
pub use histogram::{chartable_columns, default_chart_column, histogram, Histogram};
pub use stats::{category_shares, quantile_sorted, stat_values, CategoryShare, NumericStats};
pub use target::{target_rates, GroupRate, Grouping, RateBreakdown, TargetRates};

use crate::i18n::L10n;
use crate::ingest::Sentinel;
use crate::schema::{recognise, Role, Schema};
use crate::table::{ColumnType, Table};

/// Everything the profile says about one column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnProfile {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: ColumnType,
    pub role: Role,
    /// Present values (excluding missing; including sentinel codes).
    pub count: usize,
    pub missing: usize,
    pub distinct: usize,
    /// Numeric columns (integers, decimals, booleans as 0/1, dates as days since 1970), without
    /// sentinel codes.
    pub stats: Option<NumericStats>,
    /// Categorical and boolean columns: the most frequent values with their shares.
    pub top: Vec<CategoryShare>,
    /// Count of values in categories beyond `top`.
    pub other: usize,
    pub sentinel: Option<Sentinel>,
}

/// The profile of a whole table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub rows: usize,
    pub schema: Schema,
    pub columns: Vec<ColumnProfile>,
    pub target: Option<TargetRates>,
    pub correlation: Correlation,
    /// Sentences for the top of the page, most important first, in both languages.
    pub summary: L10n<Vec<String>>,
}

/// Profiles `table` with the schema recognised from it.
pub fn profile(table: &Table) -> Profile {
    profile_with(table, recognise(table))
}

/// Profiles `table` with the given schema (e.g. after the user changed roles).
pub fn profile_with(table: &Table, schema: Schema) -> Profile {
    let columns: Vec<ColumnProfile> = table
        .columns
        .iter()
        .zip(&schema.roles)
        .map(|(c, &role)| {
            let stats = if c.kind.is_numeric_storage() {
                NumericStats::of(&stat_values(c))
            } else {
                None
            };
            let (top, other) = category_shares(c);
            let missing = c.data.missing();
            ColumnProfile {
                name: c.name.clone(),
                kind: c.kind,
                role,
                count: table.n_rows() - missing,
                missing,
                distinct: c.inference.distinct,
                stats,
                top,
                other,
                sentinel: c.inference.sentinel.clone(),
            }
        })
        .collect();
    let target = target_rates(table, &schema);
    let correlation = correlation(table, &schema);
    let mut p = Profile {
        rows: table.n_rows(),
        schema,
        columns,
        target,
        correlation,
        summary: L10n::default(),
    };
    p.summary = L10n::build(|| summary::sentences(&p));
    p
}
