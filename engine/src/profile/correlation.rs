//! Pearson correlation between numeric and boolean columns, pairwise-complete like pandas'
//! `DataFrame.corr()` (sentinel codes count as missing).

use serde::{Deserialize, Serialize};

use crate::schema::{Role, Schema};
use crate::table::{ColumnData, Table};

/// A symmetric correlation matrix; `None` where a pair has fewer than two common values or no
/// spread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correlation {
    pub columns: Vec<String>,
    pub matrix: Vec<Vec<Option<f64>>>,
}

/// The most columns in the matrix (the first ones in table order).
pub const MAX_COLUMNS: usize = 30;

/// Pearson r of two columns over the rows where both are present.
pub fn pearson(x: &[Option<f64>], y: &[Option<f64>]) -> Option<f64> {
    let pairs = x.iter().zip(y).filter_map(|(a, b)| Some(((*a)?, (*b)?)));
    let (mut n, mut sx, mut sy) = (0.0, 0.0, 0.0);
    for (a, b) in pairs.clone() {
        n += 1.0;
        sx += a;
        sy += b;
    }
    if n < 2.0 {
        return None;
    }
    let (mx, my) = (sx / n, sy / n);
    let (mut cxy, mut cxx, mut cyy) = (0.0, 0.0, 0.0);
    for (a, b) in pairs {
        let (dx, dy) = (a - mx, b - my);
        cxy += dx * dy;
        cxx += dx * dx;
        cyy += dy * dy;
    }
    (cxx > 0.0 && cyy > 0.0).then(|| (cxy / (cxx * cyy).sqrt()).clamp(-1.0, 1.0))
}

/// Correlation of the table's numeric and boolean columns that mean something (not ids).
pub fn correlation(table: &Table, schema: &Schema) -> Correlation {
    let mut columns = Vec::new();
    let mut series: Vec<Vec<Option<f64>>> = Vec::new();
    for (col, role) in table.columns.iter().zip(&schema.roles) {
        let usable = col.kind.is_numeric_storage()
            && col.kind != crate::table::ColumnType::Date
            && !matches!(role, Role::Id | Role::Ignore)
            && col.inference.distinct > 1;
        if !usable || columns.len() >= MAX_COLUMNS {
            continue;
        }
        let ColumnData::Numeric { values, valid } = &*col.data else {
            continue;
        };
        let sentinel = col.inference.sentinel.as_ref().map(|s| s.value);
        columns.push(col.name.clone());
        series.push(
            values
                .iter()
                .zip(valid)
                .map(|(&v, &ok)| (ok && Some(v) != sentinel).then_some(v))
                .collect(),
        );
    }
    let k = columns.len();
    let mut matrix = vec![vec![None; k]; k];
    for i in 0..k {
        matrix[i][i] = pearson(&series[i], &series[i]).map(|_| 1.0);
        for j in i + 1..k {
            let r = pearson(&series[i], &series[j]);
            matrix[i][j] = r;
            matrix[j][i] = r;
        }
    }
    Correlation { columns, matrix }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pearson_known_values() {
        let x: Vec<Option<f64>> = [1.0, 2.0, 3.0, 4.0, 5.0].map(Some).to_vec();
        let y: Vec<Option<f64>> = [2.0, 4.0, 5.0, 4.0, 5.0].map(Some).to_vec();
        // numpy.corrcoef([1,2,3,4,5],[2,4,5,4,5])[0,1] = 0.7745966692414834
        assert!((pearson(&x, &y).unwrap() - 0.774_596_669_241_483_4).abs() < 1e-12);
        let mut y2 = y.clone();
        y2[4] = None;
        // pairwise complete: the last pair is dropped → corrcoef([1,2,3,4],[2,4,5,4]) = 0.7181848464596079
        assert!((pearson(&x, &y2).unwrap() - 0.718_184_846_459_607_9).abs() < 1e-12);
        assert_eq!(pearson(&x, &[Some(1.0); 5]), None);
    }
}
