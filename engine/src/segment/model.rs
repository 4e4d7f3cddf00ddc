//! The fitted segmentation as a model: how a new row is placed in a segment (the form of the
//! Segment step, the exported file, the warehouse query).

use super::*;

/// How to place a new customer: the transforms, and the centroids in the fitted space.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentModel {
    pub algorithm: Algorithm,
    pub transforms: Vec<Transform>,
    pub dims: usize,
    /// Row-major `k × dims` (numbers and one-hot columns).
    pub centroids: Vec<f64>,
    /// Row-major `k × n_categorical` category codes (K-Prototypes).
    pub modes: Vec<u32>,
    pub n_categorical: usize,
    pub gamma: Option<f64>,
}

impl SegmentModel {
    /// The segment of a new customer given as (column, text) pairs, one per feature.
    pub fn assign(&self, values: &[(String, String)]) -> Result<usize, SegmentError> {
        let get = |column: &str| -> Result<&str, SegmentError> {
            values
                .iter()
                .find(|(c, _)| c == column)
                .map(|(_, v)| v.trim())
                .filter(|v| !v.is_empty())
                .ok_or_else(|| SegmentError::BadValue {
                    column: column.to_string(),
                    message: L10n::build(|| t("enter a value", "isi sebuah nilai").to_string()),
                })
        };
        let mut numeric = Vec::with_capacity(self.dims);
        let mut codes = Vec::with_capacity(self.n_categorical);
        for tr in &self.transforms {
            let text = get(tr.column())?;
            match tr {
                Transform::Numeric { column, log, .. } => {
                    use crate::ingest::values::{parse_number, DecimalStyle};
                    let x = parse_number(text, DecimalStyle::Point)
                        .or_else(|| parse_number(text, DecimalStyle::Comma))
                        .map(|p| p.value)
                        .ok_or_else(|| SegmentError::BadValue {
                            column: column.clone(),
                            message: L10n::build(|| {
                                tf!("“{text}” is not a number", "“{text}” bukan angka")
                            }),
                        })?;
                    if *log && x < -1.0 {
                        return Err(SegmentError::BadValue {
                            column: column.clone(),
                            message: L10n::build(|| {
                                t(
                                    "must be −1 or more (log scale)",
                                    "harus −1 atau lebih (skala log)",
                                )
                                .to_string()
                            }),
                        });
                    }
                    numeric.push(tr.apply(x));
                }
                Transform::OneHot { column, categories }
                | Transform::Codes { column, categories } => {
                    let code = categories.iter().position(|c| c == text).ok_or_else(|| {
                        SegmentError::BadValue {
                            column: column.clone(),
                            message: L10n::build(|| {
                                let list = categories.join(", ");
                                tf!("choose one of {list}", "pilih salah satu dari {list}")
                            }),
                        }
                    })?;
                    if matches!(tr, Transform::OneHot { .. }) {
                        numeric
                            .extend((0..categories.len()).map(|i| f64::from(u8::from(i == code))));
                    } else {
                        codes.push(code as u32);
                    }
                }
            }
        }
        self.nearest(&numeric, &codes)
            .ok_or(SegmentError::Cluster(ClusterError::NoFeatures))
    }

    /// Number of segments.
    pub fn k(&self) -> usize {
        self.centroids
            .len()
            .checked_div(self.dims)
            .or_else(|| self.modes.len().checked_div(self.n_categorical))
            .unwrap_or(0)
    }

    /// The segment nearest to a point (scaled numbers, category codes): squared distance plus
    /// gamma per mismatched category, the lowest segment on ties.
    pub fn nearest(&self, numeric: &[f64], codes: &[u32]) -> Option<usize> {
        let gamma = self.gamma.unwrap_or(0.0);
        (0..self.k())
            .map(|c| {
                let num: f64 = numeric
                    .iter()
                    .zip(self.centroids.get(c * self.dims..(c + 1) * self.dims)?)
                    .map(|(a, b)| (a - b) * (a - b))
                    .sum();
                let cat = codes
                    .iter()
                    .zip(
                        self.modes
                            .get(c * self.n_categorical..(c + 1) * self.n_categorical)?,
                    )
                    .filter(|(a, b)| a != b)
                    .count() as f64;
                Some((c, num + gamma * cat))
            })
            .collect::<Option<Vec<_>>>()?
            .into_iter()
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(c, _)| c)
    }
}
