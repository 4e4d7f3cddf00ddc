//! From table columns to the matrix an algorithm reads: per-feature scaling (none, standard,
//! min-max, log1p) and one-hot encoding of categories. The fitted transforms are kept, so a new
//! customer typed into the form is placed in the same space, and centroids can be turned back
//! into original units.

use serde::{Deserialize, Serialize};

use crate::i18n::t;
use crate::tf;

use crate::table::{Column, ColumnData, Table, MISSING_CODE};

/// How a numeric feature is scaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scaling {
    None,
    /// (x − mean) / standard deviation (population, as scikit-learn's StandardScaler).
    Standard,
    /// (x − min) / (max − min).
    MinMax,
    /// ln(1 + x), then standardised: for skewed money columns.
    Log1p,
}

impl Scaling {
    pub const ALL: [Scaling; 4] = [Self::Standard, Self::MinMax, Self::Log1p, Self::None];

    /// The scaling's name in the current language (the scaling picker lists these).
    pub fn label(self) -> &'static str {
        match self {
            Self::None => t("none", "tidak ada"),
            Self::Standard => t("standard", "standar"),
            Self::MinMax => "min-max",
            Self::Log1p => t("log1p + standard", "log1p + standar"),
        }
    }
}

/// One feature the user chose, and its scaling (ignored for categories, which are one-hot
/// encoded or, for K-Prototypes, matched as categories).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureSpec {
    pub column: String,
    pub scaling: Scaling,
}

/// Why a design matrix cannot be built.
#[derive(Debug, Clone, PartialEq)]
pub enum FeatureError {
    UnknownColumn(String),
    Empty(String),
    NotAFeature(String),
    LogDomain { column: String, value: f64 },
    AllMissing { missing: String },
}

impl std::fmt::Display for FeatureError {
    /// The message in the current language.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = match self {
            Self::UnknownColumn(c) => tf!("no column called {c}", "tidak ada kolom bernama {c}"),
            Self::Empty(c) => tf!("{c} has no values", "{c} tidak memiliki nilai"),
            Self::NotAFeature(c) => tf!(
                "{c} is text or an identifier: choose a number or a category",
                "{c} berupa teks atau pengenal: pilih angka atau kategori"
            ),
            Self::LogDomain { column, value } => {
                let value = match crate::i18n::lang() {
                    crate::i18n::Lang::En => value.to_string(),
                    crate::i18n::Lang::Id => crate::format::amount(*value),
                };
                tf!(
                    "{column} has values below −1 ({value}); log1p needs values of −1 or more",
                    "{column} memiliki nilai di bawah −1 ({value}); log1p memerlukan nilai −1 atau lebih"
                )
            }
            Self::AllMissing { missing } => tf!(
                "every row misses at least one of the chosen features ({missing}): choose others or impute",
                "setiap baris tidak memiliki sedikitnya satu fitur yang dipilih ({missing}): pilih fitur lain atau isi nilai kosongnya"
            ),
        };
        f.write_str(&s)
    }
}

impl std::error::Error for FeatureError {}

/// How one feature was turned into numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Transform {
    /// `scaled = (f(x) − shift) / scale`, with `f` = ln(1 + x) when `log`.
    Numeric {
        column: String,
        scaling: Scaling,
        log: bool,
        shift: f64,
        scale: f64,
    },
    /// One 0/1 column per category, in dictionary order.
    OneHot {
        column: String,
        categories: Vec<String>,
    },
    /// Category codes kept as they are (K-Prototypes).
    Codes {
        column: String,
        categories: Vec<String>,
    },
}

impl Transform {
    pub fn column(&self) -> &str {
        match self {
            Self::Numeric { column, .. }
            | Self::OneHot { column, .. }
            | Self::Codes { column, .. } => column,
        }
    }

    /// Scales one value.
    pub fn apply(&self, x: f64) -> f64 {
        match self {
            Self::Numeric {
                log, shift, scale, ..
            } => {
                let v = if *log { x.ln_1p() } else { x };
                (v - shift) / scale
            }
            _ => x,
        }
    }

    /// Back to original units.
    pub fn invert(&self, y: f64) -> f64 {
        match self {
            Self::Numeric {
                log, shift, scale, ..
            } => {
                let v = y * scale + shift;
                if *log {
                    v.exp_m1()
                } else {
                    v
                }
            }
            _ => y,
        }
    }
}

/// The scaled numeric matrix, the categorical codes, and how they were made.
#[derive(Debug, Clone, PartialEq)]
pub struct Design {
    /// Rows used (table row numbers): those with every chosen feature present.
    pub rows: Vec<usize>,
    /// Row-major `rows × dims` numbers (scaled numerics, then one-hot columns).
    pub numeric: Vec<f64>,
    pub dims: usize,
    /// Names of the numeric dimensions ("Income", "Education=PhD" …).
    pub names: Vec<String>,
    /// Row-major `rows × n_categorical` codes (only with `one_hot == false`).
    pub codes: Vec<u32>,
    pub n_categorical: usize,
    pub transforms: Vec<Transform>,
    /// Rows left out because a chosen feature is missing.
    pub skipped: usize,
}

fn numeric_column<'a>(table: &'a Table, name: &str) -> Result<&'a Column, FeatureError> {
    table
        .column(name)
        .ok_or_else(|| FeatureError::UnknownColumn(name.to_string()))
}

/// Builds the design matrix of `specs` over `table`. Categories are one-hot encoded when
/// `one_hot`, otherwise kept as codes (for K-Prototypes). Rows missing any feature are left out
/// and counted.
pub fn design(table: &Table, specs: &[FeatureSpec], one_hot: bool) -> Result<Design, FeatureError> {
    let cols: Vec<&Column> = specs
        .iter()
        .map(|s| numeric_column(table, &s.column))
        .collect::<Result<_, _>>()?;
    for c in &cols {
        if c.kind == crate::table::ColumnType::Empty {
            return Err(FeatureError::Empty(c.name.clone()));
        }
        if matches!(*c.data, ColumnData::Text { .. }) {
            return Err(FeatureError::NotAFeature(c.name.clone()));
        }
    }
    let rows: Vec<usize> = (0..table.n_rows())
        .filter(|&r| {
            cols.iter().all(|c| match &*c.data {
                ColumnData::Numeric { .. } => c.raw_number(r).is_some_and(f64::is_finite),
                ColumnData::Categorical { codes, .. } => codes[r] != MISSING_CODE,
                ColumnData::Text { .. } => false,
            })
        })
        .collect();
    if rows.is_empty() && table.n_rows() > 0 {
        return Err(FeatureError::AllMissing {
            missing: specs
                .iter()
                .map(|s| s.column.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        });
    }

    let mut transforms = Vec::new();
    let mut names = Vec::new();
    let mut num_cols: Vec<Vec<f64>> = Vec::new();
    let mut cat_cols: Vec<Vec<u32>> = Vec::new();
    for (spec, col) in specs.iter().zip(&cols) {
        match &*col.data {
            ColumnData::Numeric { .. } => {
                // Sentinel codes (pdays = -1: never contacted) stay as numbers here, as they do
                // in scikit-learn: dropping them would drop most bank customers.
                let raw: Vec<f64> = rows.iter().filter_map(|&r| col.raw_number(r)).collect();
                let (t, scaled) = fit_numeric(&col.name, spec.scaling, &raw)?;
                names.push(col.name.clone());
                num_cols.push(scaled);
                transforms.push(t);
            }
            ColumnData::Categorical { codes, dictionary } => {
                let categories = dictionary.clone();
                if one_hot {
                    for (code, cat) in categories.iter().enumerate() {
                        names.push(format!("{}={}", col.name, cat));
                        num_cols.push(
                            rows.iter()
                                .map(|&r| f64::from(u8::from(codes[r] == code as u32)))
                                .collect(),
                        );
                    }
                    transforms.push(Transform::OneHot {
                        column: col.name.clone(),
                        categories,
                    });
                } else {
                    cat_cols.push(rows.iter().map(|&r| codes[r]).collect());
                    transforms.push(Transform::Codes {
                        column: col.name.clone(),
                        categories,
                    });
                }
            }
            // Rejected before the loop.
            ColumnData::Text { .. } => {}
        }
    }
    let n = rows.len();
    let dims = num_cols.len();
    let mut numeric = vec![0.0; n * dims];
    for (j, c) in num_cols.iter().enumerate() {
        for (i, v) in c.iter().enumerate() {
            numeric[i * dims + j] = *v;
        }
    }
    let n_categorical = cat_cols.len();
    let mut codes = vec![0u32; n * n_categorical];
    for (j, c) in cat_cols.iter().enumerate() {
        for (i, v) in c.iter().enumerate() {
            codes[i * n_categorical + j] = *v;
        }
    }
    Ok(Design {
        skipped: table.n_rows() - n,
        rows,
        numeric,
        dims,
        names,
        codes,
        n_categorical,
        transforms,
    })
}

/// Fits a numeric scaler on `raw` and returns it with the scaled values.
pub fn fit_numeric(
    column: &str,
    scaling: Scaling,
    raw: &[f64],
) -> Result<(Transform, Vec<f64>), FeatureError> {
    let log = scaling == Scaling::Log1p;
    if log {
        if let Some(&bad) = raw.iter().find(|&&x| x < -1.0) {
            return Err(FeatureError::LogDomain {
                column: column.to_string(),
                value: bad,
            });
        }
    }
    let v: Vec<f64> = if log {
        raw.iter().map(|x| x.ln_1p()).collect()
    } else {
        raw.to_vec()
    };
    let n = v.len().max(1) as f64;
    let (shift, scale) = match scaling {
        Scaling::None => (0.0, 1.0),
        Scaling::Standard | Scaling::Log1p => {
            let mean = v.iter().sum::<f64>() / n;
            let var = v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
            // A constant column scales by 1, as scikit-learn does, instead of dividing by 0.
            let sd = var.sqrt();
            (mean, if sd > 0.0 { sd } else { 1.0 })
        }
        Scaling::MinMax => {
            let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let range = hi - lo;
            (
                if lo.is_finite() { lo } else { 0.0 },
                if range > 0.0 { range } else { 1.0 },
            )
        }
    };
    let t = Transform::Numeric {
        column: column.to_string(),
        scaling,
        log,
        shift,
        scale,
    };
    let scaled = v.iter().map(|x| (x - shift) / scale).collect();
    Ok((t, scaled))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_table, NoProgress, ReadOptions};

    fn table() -> Table {
        read_table(
            b"a,b,c,t\n1,10,x,hello there\n2,,y,general kenobi\n3,30,x,you are a bold one\n5,50,y,kill him\n",
            &ReadOptions::default(),
            &mut NoProgress,
        )
        .unwrap()
        .table
    }

    fn spec(c: &str, s: Scaling) -> FeatureSpec {
        FeatureSpec {
            column: c.into(),
            scaling: s,
        }
    }

    #[test]
    fn standard_matches_scikit_learn() {
        // StandardScaler().fit_transform([[1],[2],[3],[5]]): mean 2.75, std 1.479019945774904
        let (t, v) = fit_numeric("a", Scaling::Standard, &[1.0, 2.0, 3.0, 5.0]).unwrap();
        assert!((v[0] + 1.183_215_956_619_923).abs() < 1e-12, "{v:?}");
        assert!((t.invert(v[3]) - 5.0).abs() < 1e-12);
        let (_, m) = fit_numeric("a", Scaling::MinMax, &[1.0, 2.0, 3.0, 5.0]).unwrap();
        assert_eq!(m, vec![0.0, 0.25, 0.5, 1.0]);
        let (t, l) = fit_numeric("a", Scaling::Log1p, &[0.0, 1.0, 10.0]).unwrap();
        assert!((t.invert(l[2]) - 10.0).abs() < 1e-9);
        assert!(matches!(
            fit_numeric("a", Scaling::Log1p, &[-2.0]),
            Err(FeatureError::LogDomain { .. })
        ));
        // Constant column: scaled to zeros, not NaN.
        let (_, c) = fit_numeric("a", Scaling::Standard, &[4.0, 4.0]).unwrap();
        assert_eq!(c, vec![0.0, 0.0]);
        let (_, c) = fit_numeric("a", Scaling::MinMax, &[4.0, 4.0]).unwrap();
        assert_eq!(c, vec![0.0, 0.0]);
    }

    #[test]
    fn design_skips_missing_and_one_hot_encodes() {
        let t = table();
        let d = design(
            &t,
            &[
                spec("a", Scaling::None),
                spec("b", Scaling::None),
                spec("c", Scaling::None),
            ],
            true,
        )
        .unwrap();
        assert_eq!(d.rows, vec![0, 2, 3]);
        assert_eq!(d.skipped, 1);
        assert_eq!(d.names, vec!["a", "b", "c=x", "c=y"]);
        assert_eq!(
            d.numeric,
            vec![1.0, 10.0, 1.0, 0.0, 3.0, 30.0, 1.0, 0.0, 5.0, 50.0, 0.0, 1.0]
        );
        let k = design(
            &t,
            &[spec("a", Scaling::None), spec("c", Scaling::None)],
            false,
        )
        .unwrap();
        assert_eq!((k.dims, k.n_categorical), (1, 1));
        assert_eq!(k.codes, vec![0, 1, 0, 1]);
    }

    #[test]
    fn bad_choices_are_errors() {
        let t = table();
        assert_eq!(
            design(&t, &[spec("zz", Scaling::None)], true),
            Err(FeatureError::UnknownColumn("zz".into()))
        );
        let blank = read_table(b"a,b\n1,\n2,\n", &ReadOptions::default(), &mut NoProgress)
            .unwrap()
            .table;
        assert_eq!(
            design(&blank, &[spec("b", Scaling::None)], true),
            Err(FeatureError::Empty("b".into()))
        );
        assert_eq!(
            design(&t, &[spec("t", Scaling::None)], true),
            Err(FeatureError::NotAFeature("t".into()))
        );
        let empty = read_table(
            b"a,b\n1,\n,x\n2,\n,x\n3,\n,x\n",
            &ReadOptions::default(),
            &mut NoProgress,
        )
        .unwrap()
        .table;
        assert!(matches!(
            design(
                &empty,
                &[spec("a", Scaling::None), spec("b", Scaling::None)],
                true
            ),
            Err(FeatureError::AllMissing { .. })
        ));
    }
}
