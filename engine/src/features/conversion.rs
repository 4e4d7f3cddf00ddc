//! The conversion-rate analysis of seeds 001 and 002: how conversion goes with income,
//! spending, purchases and age, and the mean conversion per age and income group.

use serde::{Deserialize, Serialize};

use super::names;
use crate::profile::correlation::pearson;
use crate::schema::{Role, Schema};
use crate::table::Table;

/// Pearson r between the conversion rate and one other feature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Association {
    pub column: String,
    /// `None` when fewer than two rows have both values or one has no spread.
    pub r: Option<f64>,
}

/// Mean conversion within one group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupMean {
    pub label: String,
    pub count: usize,
    pub mean: f64,
}

/// The analysis for one definition of the conversion rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConversionAnalysis {
    pub column: String,
    /// The formula, as derived ("Response ÷ NumWebVisitsMonth").
    pub definition: String,
    pub rows: usize,
    pub mean: f64,
    pub associations: Vec<Association>,
    pub by_age_group: Vec<GroupMean>,
    pub by_income_group: Vec<GroupMean>,
}

fn values(table: &Table, name: &str) -> Option<Vec<Option<f64>>> {
    let c = table.column(name)?;
    Some((0..table.n_rows()).map(|r| c.number(r)).collect())
}

fn group_means(table: &Table, group: &str, conv: &[Option<f64>]) -> Vec<GroupMean> {
    let Some(g) = table.column(group) else {
        return Vec::new();
    };
    let crate::table::ColumnData::Categorical { dictionary, .. } = &*g.data else {
        return Vec::new();
    };
    dictionary
        .iter()
        .filter_map(|label| {
            let v: Vec<f64> = (0..table.n_rows())
                .filter(|&r| g.category(r) == Some(label.as_str()))
                .filter_map(|r| conv[r])
                .collect();
            (!v.is_empty()).then(|| GroupMean {
                label: label.clone(),
                count: v.len(),
                mean: v.iter().sum::<f64>() / v.len() as f64,
            })
        })
        .collect()
}

/// One analysis per conversion definition present in the (derived) table.
pub fn conversion_analysis(
    table: &Table,
    schema: &Schema,
    definitions: &[(String, String)],
) -> Vec<ConversionAnalysis> {
    let income = schema
        .find(Role::Income)
        .and_then(|i| table.columns.get(i))
        .map(|c| c.name.clone());
    let age = table
        .column(names::AGE)
        .map(|c| c.name.clone())
        .or_else(|| {
            schema
                .find(Role::Age)
                .map(|i| table.columns[i].name.clone())
        });
    let others: Vec<String> = [
        income,
        Some(names::TOTAL_SPENT.to_string()),
        Some(names::TOTAL_PURCHASES.to_string()),
        age,
    ]
    .into_iter()
    .flatten()
    .filter(|n| table.column(n).is_some())
    .collect();
    definitions
        .iter()
        .filter_map(|(column, definition)| {
            let conv = values(table, column)?;
            let present: Vec<f64> = conv.iter().flatten().copied().collect();
            if present.is_empty() {
                return None;
            }
            let associations = others
                .iter()
                .filter_map(|o| {
                    let v = values(table, o)?;
                    Some(Association {
                        column: o.clone(),
                        r: pearson(&conv, &v),
                    })
                })
                .collect();
            Some(ConversionAnalysis {
                column: column.clone(),
                definition: definition.clone(),
                rows: present.len(),
                mean: present.iter().sum::<f64>() / present.len() as f64,
                associations,
                by_age_group: group_means(table, names::AGE_GROUP, &conv),
                by_income_group: group_means(table, names::INCOME_GROUP, &conv),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::{derive, DeriveParams};
    use crate::ingest::{read_table, NoProgress, ReadOptions};
    use crate::schema::recognise;

    #[test]
    fn correlations_and_group_means() {
        let text = "ID\tYear_Birth\tIncome\tDt_Customer\tRecency\tMntWines\tMntFruits\tNumWebPurchases\tNumStorePurchases\tNumWebVisitsMonth\tResponse\n\
            1\t1990\t30000\t2014-01-01\t10\t10\t5\t1\t1\t4\t0\n\
            2\t1985\t60000\t2014-01-01\t10\t100\t5\t3\t3\t2\t1\n\
            3\t1950\t90000\t2014-01-01\t10\t300\t5\t6\t4\t1\t1\n\
            4\t1960\t40000\t2014-01-01\t10\t20\t5\t1\t2\t0\t0\n";
        let t = read_table(text.as_bytes(), &ReadOptions::default(), &mut NoProgress)
            .unwrap()
            .table;
        let s = recognise(&t);
        let d = derive(&t, &s, &DeriveParams::default());
        let defs: Vec<(String, String)> = d
            .features
            .iter()
            .filter(|f| f.name.starts_with("Conversion"))
            .map(|f| (f.name.clone(), f.formula.en.clone()))
            .collect();
        let a = conversion_analysis(&d.table, &d.schema, &defs);
        assert_eq!(a.len(), 2);
        let cvr = &a[0];
        assert_eq!(cvr.column, "Conversion_Rate");
        assert_eq!(cvr.rows, 3, "the row with 0 visits has no rate");
        // Rates 0, 0.5, 1 → mean 0.5; income 30k, 60k, 90k → r = 1.
        assert!((cvr.mean - 0.5).abs() < 1e-12);
        let inc = cvr
            .associations
            .iter()
            .find(|x| x.column == "Income")
            .unwrap();
        assert!((inc.r.unwrap() - 1.0).abs() < 1e-12);
        let cols: Vec<&str> = cvr.associations.iter().map(|x| x.column.as_str()).collect();
        assert_eq!(
            cols,
            vec!["Income", "Total_Spent", "Total_Purchases", "Age"]
        );
        // Ages at 2014: 24, 29 (young), 64 (senior).
        let groups: Vec<(&str, usize)> = cvr
            .by_age_group
            .iter()
            .map(|g| (g.label.as_str(), g.count))
            .collect();
        assert_eq!(groups, vec![("Young", 2), ("Senior", 1)]);
        assert!((cvr.by_age_group[0].mean - 0.25).abs() < 1e-12);
    }
}
