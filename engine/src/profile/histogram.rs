//! Histograms of numeric columns.

use serde::{Deserialize, Serialize};

use super::stats::{quantile_sorted, stat_values, NumericStats};
use crate::table::{Column, ColumnData, ColumnType, Table};

/// Counts of a numeric column's values in equal-width bins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    pub column: String,
    pub kind: ColumnType,
    /// `counts.len() + 1` bin edges; bin i is `[edges[i], edges[i+1])`, the last one closed.
    pub edges: Vec<f64>,
    pub counts: Vec<u64>,
    /// True when every bin holds exactly one integer value (labels can be the values).
    pub integer_bins: bool,
    pub missing: usize,
    pub min: f64,
    pub max: f64,
    /// Values left out below and above the bins: when far outliers would squeeze every other
    /// value into one bar, the bins span only the box-plot whiskers.
    pub clipped_low: usize,
    pub clipped_high: usize,
}

/// The most bins a histogram gets.
pub const MAX_BINS: usize = 60;

/// Histogram of a numeric column. Bin count follows numpy's `auto` rule (the larger of Sturges
/// and Freedman–Diaconis, capped at [`MAX_BINS`]); integer columns with a small range get one bin
/// per value so that counts like "number of children" read naturally.
pub fn histogram(column: &Column) -> Option<Histogram> {
    let ColumnData::Numeric { .. } = &*column.data else {
        return None;
    };
    // Sentinel codes (pdays = -1) are not values: leave them out as the statistics do.
    let mut v = stat_values(column);
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let (min, max) = (v[0], v[v.len() - 1]);
    let total = v.len();
    // Far outliers (range over 4× the whisker span): bin the whisker range, count the rest.
    let (mut clipped_low, mut clipped_high) = (0, 0);
    if let Some(s) = NumericStats::of_sorted(&v) {
        let span = s.whisker_high - s.whisker_low;
        if span > 0.0 && max - min > 4.0 * span {
            clipped_low = s.outliers_low;
            clipped_high = s.outliers_high;
            v = v[clipped_low..total - clipped_high].to_vec();
        }
    }
    let (lo_v, hi_v) = (v[0], v[v.len() - 1]);
    let n = v.len();
    let integer = matches!(
        column.kind,
        ColumnType::Integer | ColumnType::Boolean | ColumnType::Date
    ) && v.iter().all(|x| x.fract() == 0.0);
    let range = hi_v - lo_v;
    let (edges, integer_bins) = if integer && range < MAX_BINS as f64 {
        let k = range as usize + 1;
        (
            (0..=k).map(|i| lo_v - 0.5 + i as f64).collect::<Vec<_>>(),
            true,
        )
    } else if range == 0.0 {
        (vec![lo_v - 0.5, hi_v + 0.5], false)
    } else {
        let sturges = (n as f64).log2() + 1.0;
        let iqr = quantile_sorted(&v, 0.75) - quantile_sorted(&v, 0.25);
        let fd = if iqr > 0.0 {
            range / (2.0 * iqr / (n as f64).cbrt())
        } else {
            0.0
        };
        let k = sturges.max(fd).ceil().clamp(1.0, MAX_BINS as f64) as usize;
        let w = range / k as f64;
        ((0..=k).map(|i| lo_v + w * i as f64).collect(), false)
    };
    let k = edges.len() - 1;
    let mut counts = vec![0u64; k];
    let (lo, width) = (edges[0], (edges[k] - edges[0]) / k as f64);
    for x in &v {
        let i = (((x - lo) / width) as usize).min(k - 1);
        counts[i] += 1;
    }
    Some(Histogram {
        column: column.name.clone(),
        kind: column.kind,
        edges,
        counts,
        integer_bins,
        missing: column.data.len() - total,
        min,
        max,
        clipped_low,
        clipped_high,
    })
}

/// Columns whose distribution is a histogram: quantities with more than one value.
fn quantities(table: &Table) -> impl Iterator<Item = &Column> {
    table
        .columns
        .iter()
        .filter(|c| c.kind.is_quantity() && c.inference.distinct > 1)
}

/// The column the Load step charts first: a money column if there is one, else the first
/// quantity with more than one value.
pub fn default_chart_column(table: &Table) -> Option<&Column> {
    let preferred = ["income", "balance", "nilaibelanjasetahun", "total_spent"];
    quantities(table)
        .find(|c| preferred.contains(&c.name.to_ascii_lowercase().as_str()))
        .or_else(|| quantities(table).next())
}

/// Every column that can be shown as a histogram, the default one first.
pub fn chartable_columns(table: &Table) -> Vec<&Column> {
    let default = default_chart_column(table);
    default
        .into_iter()
        .chain(quantities(table).filter(|c| default.is_none_or(|d| d.name != c.name)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_table, NoProgress, ReadOptions};

    fn table(s: &str) -> Table {
        read_table(s.as_bytes(), &ReadOptions::default(), &mut NoProgress)
            .unwrap()
            .table
    }

    #[test]
    fn integer_bins_per_value() {
        let t = table("k,x\n0,1.5\n1,2.5\n1,3.5\n2,10.25\n,4\n");
        let h = histogram(&t.columns[0]).unwrap();
        assert!(h.integer_bins);
        assert_eq!(h.counts, vec![1, 2, 1]);
        assert_eq!(h.missing, 1);
        let h = histogram(&t.columns[1]).unwrap();
        assert_eq!(h.counts.iter().sum::<u64>(), 5);
        assert_eq!(h.edges.len(), h.counts.len() + 1);
        assert_eq!(h.max, 10.25);
    }

    #[test]
    fn far_outliers_are_counted_not_binned() {
        let mut text = String::from("id,balance\n");
        for i in 0..200 {
            text.push_str(&format!("{i},{}\n", 100 + i % 50));
        }
        text.push_str("200,100000\n201,-90000\n");
        let t = table(&text);
        let h = histogram(&t.columns[1]).unwrap();
        assert_eq!((h.clipped_low, h.clipped_high), (1, 1));
        assert_eq!(h.counts.iter().sum::<u64>(), 200);
        assert_eq!((h.min, h.max), (-90000.0, 100000.0));
    }

    #[test]
    fn chartable_columns_put_the_default_first() {
        let t = table(
            "ID,Year_Birth,Kids,Income,Z\n1,1957,0,58138,3\n2,1954,1,46344,3\n3,1965,2,71613,3\n",
        );
        let names: Vec<&str> = chartable_columns(&t)
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(names, vec!["Income", "Year_Birth", "Kids"]);
    }

    #[test]
    fn default_column_prefers_income() {
        let t = table("ID,Year_Birth,Income\n1,1957,58138\n2,1954,46344\n3,1965,71613\n");
        assert_eq!(default_chart_column(&t).unwrap().name, "Income");
    }
}
