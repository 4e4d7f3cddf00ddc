//! Target rates: how often the target is positive per category and per numeric bin — "which
//! factors go with a positive response" (subscription rate by job, month, previous outcome …).

use serde::{Deserialize, Serialize};

use super::stats::{quantile_sorted, stat_values};
use crate::i18n::L10n;
use crate::schema::{Role, Schema};
use crate::table::{Column, ColumnData, ColumnType, Table, MISSING_CODE};

/// The positive rate within one group of rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupRate {
    /// The category or bin as in the data; a sentinel code's group is named in both languages.
    pub label: L10n<String>,
    pub count: usize,
    pub positives: usize,
    pub rate: f64,
}

/// How a column's groups were formed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    Category,
    /// Quantile bins of a numeric column.
    Bins,
}

/// The target rate across the groups of one column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RateBreakdown {
    pub column: String,
    pub grouping: Grouping,
    /// Groups in display order: categories by rate (highest first), bins in value order.
    pub groups: Vec<GroupRate>,
    /// Highest minus lowest rate among groups large enough to trust (see [`min_group`]).
    pub spread: f64,
}

/// The target and its rate, overall and per column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetRates {
    pub column: String,
    /// How the positive value is written in the file ("yes", "1").
    pub positive_label: String,
    pub count: usize,
    pub positives: usize,
    pub rate: f64,
    /// Breakdowns, strongest spread first.
    pub by_column: Vec<RateBreakdown>,
}

/// Groups smaller than this are shown but not used to rank columns or in sentences.
pub fn min_group(rows: usize) -> usize {
    (rows / 100).clamp(5, 30)
}

/// Number of quantile bins for numeric columns.
const BINS: usize = 5;
/// Categorical columns with more categories than this are not broken down.
const MAX_GROUPS: usize = 40;

/// 1/0 per row for the target column, `None` where missing.
fn target_flags(col: &Column) -> Option<Vec<Option<bool>>> {
    match &*col.data {
        ColumnData::Numeric { values, valid } if col.kind == ColumnType::Boolean => Some(
            values
                .iter()
                .zip(valid)
                .map(|(&v, &ok)| ok.then_some(v != 0.0))
                .collect(),
        ),
        _ => None,
    }
}

fn finish(
    column: &str,
    grouping: Grouping,
    mut groups: Vec<GroupRate>,
    rows: usize,
) -> Option<RateBreakdown> {
    groups.retain(|g| g.count > 0);
    if groups.len() < 2 {
        return None;
    }
    if grouping == Grouping::Category {
        groups.sort_by(|a, b| b.rate.total_cmp(&a.rate).then(b.count.cmp(&a.count)));
    }
    let trusted: Vec<f64> = groups
        .iter()
        .filter(|g| g.count >= min_group(rows))
        .map(|g| g.rate)
        .collect();
    let spread = if trusted.len() >= 2 {
        trusted.iter().cloned().fold(f64::MIN, f64::max)
            - trusted.iter().cloned().fold(f64::MAX, f64::min)
    } else {
        0.0
    };
    Some(RateBreakdown {
        column: column.to_string(),
        grouping,
        groups,
        spread,
    })
}

fn group(label: L10n<String>, count: usize, positives: usize) -> GroupRate {
    GroupRate {
        label,
        count,
        positives,
        rate: if count > 0 {
            positives as f64 / count as f64
        } else {
            0.0
        },
    }
}

/// Maps a row to its group, `None` where the column is missing.
type GroupOf<'a> = Box<dyn Fn(usize) -> Option<usize> + 'a>;

/// Target rate per category of a categorical or boolean column.
fn by_category(col: &Column, flags: &[Option<bool>], rows: usize) -> Option<RateBreakdown> {
    let (labels, code_of): (Vec<String>, GroupOf) = match &*col.data {
        ColumnData::Categorical { codes, dictionary } => {
            if dictionary.len() > MAX_GROUPS {
                return None;
            }
            (
                dictionary.clone(),
                Box::new(move |r| (codes[r] != MISSING_CODE).then_some(codes[r] as usize)),
            )
        }
        ColumnData::Numeric { values, valid } if col.kind == ColumnType::Boolean => {
            let l = col.inference.bool_labels.clone()?;
            (
                vec![l.false_label, l.true_label],
                Box::new(move |r| valid[r].then_some(usize::from(values[r] != 0.0))),
            )
        }
        _ => return None,
    };
    let mut counts = vec![(0usize, 0usize); labels.len()];
    for (r, f) in flags.iter().enumerate() {
        if let (Some(f), Some(c)) = (f, code_of(r)) {
            counts[c].0 += 1;
            counts[c].1 += usize::from(*f);
        }
    }
    let groups = labels
        .into_iter()
        .zip(counts)
        .map(|(l, (n, p))| group(L10n::same(l), n, p))
        .collect();
    finish(&col.name, Grouping::Category, groups, rows)
}

/// Target rate per quantile bin of a numeric column (or per value when it has few values).
fn by_bins(col: &Column, flags: &[Option<bool>], rows: usize) -> Option<RateBreakdown> {
    let ColumnData::Numeric { values, valid } = &*col.data else {
        return None;
    };
    let sentinel = col.inference.sentinel.as_ref();
    let mut all = stat_values(col);
    all.sort_by(|a, b| a.total_cmp(b));
    let mut sorted = all.clone();
    sorted.dedup();
    if sorted.len() < 2 {
        return None;
    }
    let fmt = |v: f64| crate::table::format_number((v * 100.0).round() / 100.0);
    // Few distinct values: one group per value. Otherwise quantile edges, deduplicated.
    let edges: Vec<f64> = if sorted.len() <= 8 {
        sorted.clone()
    } else {
        let mut e: Vec<f64> = (0..=BINS)
            .map(|i| quantile_sorted(&all, i as f64 / BINS as f64))
            .collect();
        e.dedup();
        e
    };
    let per_value = sorted.len() <= 8;
    let k = if per_value {
        edges.len()
    } else {
        edges.len() - 1
    };
    if k < 2 {
        return None;
    }
    let mut counts = vec![(0usize, 0usize); k + usize::from(sentinel.is_some())];
    for (r, f) in flags.iter().enumerate() {
        let (Some(f), true) = (f, valid[r]) else {
            continue;
        };
        let v = values[r];
        let slot = if sentinel.is_some_and(|s| s.value == v) {
            k
        } else if per_value {
            edges.iter().position(|&e| e == v).unwrap_or(0)
        } else {
            // Bins are [e_i, e_{i+1}), the last one closed.
            edges[1..k].iter().take_while(|&&e| v >= e).count()
        };
        counts[slot].0 += 1;
        counts[slot].1 += usize::from(*f);
    }
    let mut groups: Vec<GroupRate> = (0..k)
        .map(|i| {
            let label = if per_value {
                fmt(edges[i])
            } else {
                format!("{}–{}", fmt(edges[i]), fmt(edges[i + 1]))
            };
            group(L10n::same(label), counts[i].0, counts[i].1)
        })
        .collect();
    if let Some(s) = sentinel {
        groups.push(group(s.meaning.clone(), counts[k].0, counts[k].1));
    }
    finish(&col.name, Grouping::Bins, groups, rows)
}

/// Target rates for the schema's target column, or `None` when there is no boolean target.
pub fn target_rates(table: &Table, schema: &Schema) -> Option<TargetRates> {
    let ti = schema.find(Role::Target)?;
    let target = &table.columns[ti];
    let flags = target_flags(target)?;
    let count = flags.iter().flatten().count();
    let positives = flags.iter().flatten().filter(|&&f| f).count();
    if count == 0 {
        return None;
    }
    let rows = table.n_rows();
    let mut by_column: Vec<RateBreakdown> = table
        .columns
        .iter()
        .zip(&schema.roles)
        .enumerate()
        .filter(|(i, (_, role))| *i != ti && !matches!(role, Role::Id | Role::Ignore))
        .filter_map(|(_, (col, _))| match col.kind {
            ColumnType::Categorical | ColumnType::Boolean => by_category(col, &flags, rows),
            ColumnType::Integer | ColumnType::Decimal => by_bins(col, &flags, rows),
            _ => None,
        })
        .collect();
    by_column.sort_by(|a, b| b.spread.total_cmp(&a.spread));
    Some(TargetRates {
        column: target.name.clone(),
        positive_label: target
            .inference
            .bool_labels
            .as_ref()
            .map_or("1".into(), |l| l.true_label.clone()),
        count,
        positives,
        rate: positives as f64 / count as f64,
        by_column,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_table, NoProgress, ReadOptions};
    use crate::schema::recognise;

    #[test]
    fn rates_by_category_and_bins() {
        let mut text = String::from("job,pdays,age,y\n");
        for i in 0..60 {
            let job = ["student", "admin", "retired"][i % 3];
            let pdays = if i % 4 == 0 { -1 } else { (i % 9 + 1) as i64 };
            let y = if job == "student" || i % 10 == 0 {
                "yes"
            } else {
                "no"
            };
            text.push_str(&format!("{job},{pdays},{},{y}\n", 20 + i));
        }
        let t = read_table(text.as_bytes(), &ReadOptions::default(), &mut NoProgress)
            .unwrap()
            .table;
        let s = recognise(&t);
        let r = target_rates(&t, &s).unwrap();
        assert_eq!(r.column, "y");
        assert_eq!(r.positive_label, "yes");
        assert_eq!(r.count, 60);
        let job = r.by_column.iter().find(|b| b.column == "job").unwrap();
        assert_eq!(job.groups[0].label, L10n::same("student".to_string()));
        assert_eq!(job.groups[0].rate, 1.0);
        assert!(
            r.by_column.windows(2).all(|w| w[0].spread >= w[1].spread),
            "strongest first"
        );
        assert!(job.spread > 0.8);
        let pdays = r.by_column.iter().find(|b| b.column == "pdays").unwrap();
        let never = pdays.groups.last().unwrap();
        assert_eq!(
            (never.label.en.as_str(), never.count),
            ("never contacted", 15)
        );
        assert_eq!(never.label.id, "belum pernah dihubungi");
        let age = r.by_column.iter().find(|b| b.column == "age").unwrap();
        assert_eq!(age.grouping, Grouping::Bins);
        assert_eq!(age.groups.len(), 5);
        assert_eq!(age.groups.iter().map(|g| g.count).sum::<usize>(), 60);
    }
}
