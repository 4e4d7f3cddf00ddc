//! The features segmented on when the user has not chosen: LRFM when derivable, the DQLab
//! list's own columns, otherwise the numeric columns with a meaning, heavy tails log-scaled.

use super::*;

/// The default features: LRFM (standard-scaled) when derivable, the DQLab list's own columns,
/// otherwise the numeric columns with a meaning. In a table we do not know, a heavy-tailed
/// money or count column (skew beyond [`crate::profile::stats::SKEWED`], no negative value) is
/// log-scaled, so that a few big customers do not stretch the space for everyone; the page
/// shows the scaling and the user can change it.
pub fn default_features(derived: &Derived) -> Vec<FeatureSpec> {
    let mut features = known_default_features(derived);
    if derived.schema.kind == SchemaKind::Unknown {
        for spec in &mut features {
            if heavy_tailed(&derived.table, &spec.column) {
                spec.scaling = Scaling::Log1p;
            }
        }
    }
    features
}

/// True for a column of non-negative numbers skewed to the right beyond
/// [`crate::profile::stats::SKEWED`].
pub(super) fn heavy_tailed(table: &Table, column: &str) -> bool {
    quantity_stats(table, column)
        .is_some_and(|s| s.min >= 0.0 && s.skew.is_some_and(|k| k > crate::profile::stats::SKEWED))
}

/// The statistics of a numeric column of `table` (`None` for a missing or non-numeric one):
/// what the defaults and the caution read its skew from.
pub(super) fn quantity_stats(table: &Table, column: &str) -> Option<NumericStats> {
    table
        .column(column)
        .filter(|c| c.kind.is_quantity())
        .and_then(|c| NumericStats::of(&c.data.valid_numbers()))
}

/// [`default_features`] before the scaling of heavy tails.
pub(super) fn known_default_features(derived: &Derived) -> Vec<FeatureSpec> {
    let spec = |c: &str| FeatureSpec {
        column: c.to_string(),
        scaling: Scaling::Standard,
    };
    if let Some(l) = &derived.lrfm {
        return l.columns().iter().map(|c| spec(c)).collect();
    }
    let table = &derived.table;
    let schema = &derived.schema;
    if schema.kind == SchemaKind::DqlabCustomers {
        return table
            .columns
            .iter()
            .zip(&schema.roles)
            .filter(|(c, r)| {
                matches!(c.kind, ColumnType::Categorical | ColumnType::Boolean)
                    && **r == Role::Attribute
                    || matches!(r, Role::Age | Role::Spend)
            })
            .filter(|(c, _)| c.name != f::AGE_GROUP && c.name != f::INCOME_GROUP)
            .map(|(c, _)| spec(&c.name))
            .collect();
    }
    let bank = matches!(
        schema.kind,
        SchemaKind::BankMarketing | SchemaKind::BankMarketingAdditional
    );
    table
        .columns
        .iter()
        .zip(&schema.roles)
        .filter(|(c, r)| {
            c.kind.is_quantity()
                && c.inference.distinct > 1
                // Day of the month is a calendar position, not a customer trait.
                && !(bank && crate::schema::normalise(&c.name) == "day")
                && matches!(
                    r,
                    Role::Age
                        | Role::Income
                        | Role::Spend
                        | Role::Purchases
                        | Role::Recency
                        | Role::Tenure
                        | Role::Contacts
                        | Role::DaysSinceContact
                        | Role::PreviousContacts
                        | Role::Measure
                )
                // A call's length describes the answer, not the customer (bank `duration`).
                && !r.known_after_outcome()
        })
        .take(8)
        .map(|(c, _)| spec(&c.name))
        .collect()
}
