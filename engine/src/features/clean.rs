//! Cleaning rules, applied in a fixed order, each switchable and each reporting how many rows it
//! removes (or, when switched off, would remove) from the rows the earlier rules left — the
//! numbers a notebook user reads off `df.shape` after every `dropna` and filter.

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use crate::i18n::{t, L10n};
use crate::profile::stats::quantile_sorted;
use crate::schema::{Role, Schema};
use crate::table::{Column, ColumnData, ColumnType, Table};
use crate::tf;

use super::names;

/// What to do with rows whose income is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingIncome {
    Drop,
    /// Fill with the median income of the other rows.
    ImputeMedian,
    Keep,
}

/// The cleaning rules and their switches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CleanParams {
    pub missing_income: MissingIncome,
    /// Drop birth years before 1900 and ages of 100 or more.
    pub impossible_ages: bool,
    /// Columns whose values outside Tukey's fences (q1 − 1.5·IQR, q3 + 1.5·IQR) drop the row.
    pub iqr_columns: Vec<String>,
    /// Drop rows equal to an earlier row in every column except identifiers.
    pub duplicates: bool,
}

impl CleanParams {
    /// The defaults for a table: drop missing income, drop impossible ages, fences on income
    /// (the seeds removed the 666,666 income this way), keep duplicates.
    pub fn defaults_for(table: &Table, schema: &Schema) -> Self {
        let income = schema
            .find(Role::Income)
            .and_then(|i| table.columns.get(i))
            .filter(|c| c.kind.is_quantity())
            .map(|c| c.name.clone());
        Self {
            missing_income: MissingIncome::Drop,
            impossible_ages: true,
            iqr_columns: income.into_iter().collect(),
            duplicates: false,
        }
    }
}

/// Which rule an outcome is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    MissingIncome,
    ImpossibleAges,
    Iqr,
    Duplicates,
}

/// What one rule did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleOutcome {
    pub rule: Rule,
    /// The column a fence rule is about.
    pub column: Option<String>,
    /// The rule in words, with its thresholds, in both languages.
    pub label: L10n<String>,
    pub enabled: bool,
    /// Rows it removed (enabled) or would remove (disabled), counted on the rows left by the
    /// rules before it.
    pub rows: usize,
    /// Cells filled in (imputation).
    pub imputed: usize,
}

/// The cleaned table.
#[derive(Debug, Clone, PartialEq)]
pub struct Cleaned {
    pub table: Table,
    /// Row numbers of the input table that were kept, in order.
    pub kept: Vec<usize>,
    pub rules: Vec<RuleOutcome>,
    pub rows_before: usize,
}

/// Applies the rules in order: missing income, impossible ages, fences, duplicates.
pub fn clean(table: &Table, schema: &Schema, params: &CleanParams) -> Cleaned {
    let rows_before = table.n_rows();
    let mut kept: Vec<usize> = (0..rows_before).collect();
    let mut rules = Vec::new();
    // Borrowed unless a rule changes values (imputation): a copy of a million-row table costs
    // more than every rule together.
    let mut table = std::borrow::Cow::Borrowed(table);

    // 1. Missing income.
    if let Some(ix) = schema.find(Role::Income) {
        let income = &table.columns[ix];
        let missing: Vec<usize> = kept
            .iter()
            .copied()
            .filter(|&r| income.number(r).is_none())
            .collect();
        let mut outcome = RuleOutcome {
            rule: Rule::MissingIncome,
            column: Some(income.name.clone()),
            label: L10n::default(),
            enabled: params.missing_income != MissingIncome::Keep,
            rows: missing.len(),
            imputed: 0,
        };
        match params.missing_income {
            MissingIncome::Drop | MissingIncome::Keep => {
                outcome.label = L10n::build(|| {
                    tf!("Drop rows without {}", "Hapus baris tanpa {}", income.name)
                });
                if params.missing_income == MissingIncome::Drop {
                    let drop: FxHashSet<usize> = missing.iter().copied().collect();
                    kept.retain(|r| !drop.contains(r));
                }
            }
            MissingIncome::ImputeMedian => {
                let mut v: Vec<f64> = kept.iter().filter_map(|&r| income.number(r)).collect();
                v.sort_by(f64::total_cmp);
                let median = quantile_sorted(&v, 0.5);
                outcome.label = L10n::build(|| {
                    tf!(
                        "Fill missing {} with the median ({})",
                        "Isi {} yang kosong dengan median ({})",
                        income.name,
                        crate::format::amount(median)
                    )
                });
                outcome.rows = 0;
                if median.is_finite() {
                    outcome.imputed = missing.len();
                    let filled = impute(income, &missing, median);
                    table.to_mut().columns[ix] = filled;
                }
            }
        }
        rules.push(outcome);
    }

    // 2. Impossible ages.
    let birth = schema.find(Role::BirthYear).map(|i| &table.columns[i]);
    let age = table
        .column(names::AGE)
        .or_else(|| schema.find(Role::Age).map(|i| &table.columns[i]));
    if birth.is_some() || age.is_some() {
        let bad: FxHashSet<usize> = kept
            .iter()
            .copied()
            .filter(|&r| {
                birth.and_then(|b| b.number(r)).is_some_and(|y| y < 1900.0)
                    || age
                        .and_then(|a| a.number(r))
                        .is_some_and(|a| !(0.0..100.0).contains(&a))
            })
            .collect();
        rules.push(RuleOutcome {
            rule: Rule::ImpossibleAges,
            column: None,
            label: L10n::build(|| {
                t(
                    "Drop impossible ages (born before 1900, 100 or older, or negative)",
                    "Hapus usia yang mustahil (lahir sebelum 1900, 100 tahun atau lebih, atau negatif)",
                )
                .to_string()
            }),
            enabled: params.impossible_ages,
            rows: bad.len(),
            imputed: 0,
        });
        if params.impossible_ages {
            kept.retain(|r| !bad.contains(r));
        }
    }

    // 3. Fences, per chosen column, on the rows left so far.
    for name in &params.iqr_columns {
        let Some(col) = table.column(name).filter(|c| c.kind.is_quantity()) else {
            continue;
        };
        let mut v: Vec<f64> = kept.iter().filter_map(|&r| col.number(r)).collect();
        if v.len() < 4 {
            continue;
        }
        v.sort_by(f64::total_cmp);
        let (q1, q3) = (quantile_sorted(&v, 0.25), quantile_sorted(&v, 0.75));
        let (lo, hi) = (q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1));
        let before = kept.len();
        kept.retain(|&r| col.number(r).is_none_or(|x| (lo..=hi).contains(&x)));
        rules.push(RuleOutcome {
            rule: Rule::Iqr,
            column: Some(name.clone()),
            label: L10n::build(|| {
                tf!(
                    "Drop {} outside {} … {} (1.5 × IQR fences)",
                    "Hapus {} di luar {} … {} (batas 1,5 × IQR)",
                    name,
                    crate::format::amount(lo),
                    crate::format::amount(hi)
                )
            }),
            enabled: true,
            rows: before - kept.len(),
            imputed: 0,
        });
    }

    // 4. Duplicates, ignoring identifier columns.
    let compare: Vec<&Column> = table
        .columns
        .iter()
        .zip(&schema.roles)
        .filter(|(c, &role)| {
            role != Role::Id && !matches!(c.kind, ColumnType::Identifier) && c.name != names::AGE
        })
        .map(|(c, _)| c)
        .collect();
    let dup = duplicate_rows(&compare, &kept);
    rules.push(RuleOutcome {
        rule: Rule::Duplicates,
        column: None,
        label: L10n::build(|| {
            t(
                "Drop rows that repeat an earlier row (identifiers ignored)",
                "Hapus baris yang mengulang baris sebelumnya (pengenal diabaikan)",
            )
            .to_string()
        }),
        enabled: params.duplicates,
        rows: dup.len(),
        imputed: 0,
    });
    if params.duplicates {
        kept.retain(|r| !dup.contains(r));
    }

    Cleaned {
        table: table.select_rows(&kept),
        kept,
        rules,
        rows_before,
    }
}

/// The rows of `rows` that repeat an earlier one on `columns`. Each row is hashed once; only
/// rows with a hash already seen are compared value by value, and the rare rows whose hash
/// collides with a different row fall back to a set of whole keys. (A set of whole keys for
/// every row allocated a vector per row: 3 s of a million rows' cleaning.)
fn duplicate_rows(columns: &[&Column], rows: &[usize]) -> FxHashSet<usize> {
    use std::collections::hash_map::Entry;
    use std::hash::Hasher;
    let mut first: rustc_hash::FxHashMap<u64, usize> = rustc_hash::FxHashMap::default();
    first.reserve(rows.len());
    let mut collided: FxHashSet<Vec<u64>> = FxHashSet::default();
    let mut dup = FxHashSet::default();
    for &r in rows {
        let mut h = rustc_hash::FxHasher::default();
        columns.iter().for_each(|c| h.write_u64(key_part(c, r)));
        let repeated = match first.entry(h.finish()) {
            Entry::Vacant(e) => {
                e.insert(r);
                false
            }
            Entry::Occupied(e) => {
                let earlier = *e.get();
                columns
                    .iter()
                    .all(|c| key_part(c, earlier) == key_part(c, r))
                    || !collided.insert(columns.iter().map(|c| key_part(c, r)).collect())
            }
        };
        if repeated {
            dup.insert(r);
        }
    }
    dup
}

/// One value of a row as comparable bits (missing distinct from every value).
fn key_part(c: &Column, row: usize) -> u64 {
    match &*c.data {
        ColumnData::Numeric { values, valid } => {
            if valid[row] {
                (values[row] + 0.0).to_bits()
            } else {
                u64::MAX
            }
        }
        ColumnData::Categorical { codes, .. } => u64::from(codes[row]),
        ColumnData::Text { values, valid } => {
            if valid[row] {
                // FxHash of the text: collisions between different texts are harmless
                // here only if rare; 64 bits make them negligible.
                use std::hash::{Hash, Hasher};
                let mut h = rustc_hash::FxHasher::default();
                values.get(row).hash(&mut h);
                h.finish()
            } else {
                u64::MAX
            }
        }
    }
}

fn impute(col: &Column, rows: &[usize], value: f64) -> Column {
    let mut out = col.clone();
    if let ColumnData::Numeric { values, valid } = std::sync::Arc::make_mut(&mut out.data) {
        for &r in rows {
            values[r] = value;
            valid[r] = true;
        }
    }
    out.inference.missing = out.inference.missing.saturating_sub(rows.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::{derive, DeriveParams};
    use crate::ingest::{read_table, NoProgress, ReadOptions};
    use crate::schema::recognise;

    const TEXT: &str = "ID,Year_Birth,Income,Dt_Customer,Recency\n\
        1,1980,50000,2014-01-01,10\n\
        2,1990,,2013-01-01,50\n\
        3,1893,52000,2014-06-30,5\n\
        4,1970,51000,2014-02-01,7\n\
        5,1975,666666,2014-03-01,9\n\
        6,1980,50000,2014-01-01,10\n\
        7,1985,53000,2014-01-05,20\n";

    fn setup() -> (Table, Schema) {
        let t = read_table(TEXT.as_bytes(), &ReadOptions::default(), &mut NoProgress)
            .unwrap()
            .table;
        let s = recognise(&t);
        let d = derive(&t, &s, &DeriveParams::default());
        (d.table, d.schema)
    }

    fn params() -> CleanParams {
        CleanParams {
            missing_income: MissingIncome::Drop,
            impossible_ages: true,
            iqr_columns: vec!["Income".into()],
            duplicates: true,
        }
    }

    #[test]
    fn each_rule_counts_its_rows() {
        let (t, s) = setup();
        assert_eq!(
            CleanParams::defaults_for(&t, &s).iqr_columns,
            vec!["Income"]
        );
        let c = clean(&t, &s, &params());
        let rows: Vec<(Rule, usize)> = c.rules.iter().map(|r| (r.rule, r.rows)).collect();
        assert_eq!(
            rows,
            vec![
                (Rule::MissingIncome, 1),
                (Rule::ImpossibleAges, 1),
                (Rule::Iqr, 1),
                (Rule::Duplicates, 1)
            ]
        );
        assert_eq!(c.kept, vec![0, 3, 6]);
        assert_eq!(c.table.n_rows(), 3);
        assert_eq!(c.rows_before, 7);
    }

    #[test]
    fn switched_off_rules_still_say_what_they_would_remove() {
        let (t, s) = setup();
        let p = CleanParams {
            missing_income: MissingIncome::Keep,
            impossible_ages: false,
            iqr_columns: vec![],
            duplicates: false,
        };
        let c = clean(&t, &s, &p);
        assert_eq!(c.kept.len(), 7);
        assert!(c.rules.iter().all(|r| !r.enabled));
        assert_eq!(c.rules[0].rows, 1);
        assert_eq!(c.rules[1].rows, 1);
        assert_eq!(c.rules[2].rows, 1, "{:?}", c.rules);
    }

    #[test]
    fn median_imputation() {
        let (t, s) = setup();
        let p = CleanParams {
            missing_income: MissingIncome::ImputeMedian,
            ..params()
        };
        let c = clean(&t, &s, &p);
        assert_eq!(c.rules[0].imputed, 1);
        assert!(
            c.rules[0].label.en.contains("51,500"),
            "{}",
            c.rules[0].label.en
        );
        assert_eq!(
            c.rules[0].label.id,
            "Isi Income yang kosong dengan median (51.500)"
        );
        // Row 2 (index 1) is kept with the median.
        assert!(c.kept.contains(&1));
        let inc = c.table.column("Income").unwrap();
        let pos = c.kept.iter().position(|&r| r == 1).unwrap();
        assert_eq!(inc.number(pos), Some(51_500.0));
    }
}
