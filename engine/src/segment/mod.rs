//! Segment: runs the chosen algorithm over a k sweep, suggests a k, and profiles the segments of
//! the chosen k in original units — sizes, index vs the overall mean, box plots, response and
//! conversion per segment, a 2-D PCA scatter — with names and recommended actions
//! ([`names`]). The fitted [`SegmentModel`] assigns a new customer typed into a form.
//!
//! One concept per file: `params` (settings, errors), `defaults` (the features chosen for the
//! user), `sweep` (the points and one fit per k), `suggest` (the k), `outliers` (small groups
//! set apart), `profile` (the segments in original units), `names` and `caution` (words),
//! `model` (placing a new row), `file` (the segmentation file). This file holds the result
//! types the page and the CLI read.

pub mod caution;
mod defaults;
mod model;
pub mod names;
pub mod outliers;
mod params;
mod profile;
mod suggest;
mod sweep;

pub use defaults::*;
pub use model::*;
pub use params::*;
use profile::*;
pub use suggest::*;
pub use sweep::*;

use serde::{Deserialize, Serialize};

use crate::i18n::{t, L10n};
use crate::tf;

use crate::cluster::kprototypes::{self, KPrototypesParams, MixedPoints};
use crate::cluster::pca::pca2;
use crate::cluster::{kmeans, silhouette_sampled, ClusterError};
use crate::features::scale::FeatureError;
use crate::features::{design, names as f, Derived, FeatureSpec, Scaling, Transform};
use crate::profile::stats::NumericStats;
use crate::schema::{Role, Schema, SchemaKind};
use crate::table::{ColumnData, ColumnType, Table};

use crate::format::decimal;

/// One k of the sweep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepPoint {
    pub k: usize,
    /// Inertia (K-Means) or cost (K-Prototypes).
    pub cost: f64,
    pub silhouette: Option<f64>,
    pub sizes: Vec<usize>,
}

/// The suggested k and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub k: usize,
    pub reason: L10n<String>,
}

/// A feature's value in one segment, in original units, and its index vs all rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureValue {
    pub column: String,
    /// Mean (numbers) of the segment's rows.
    pub mean: Option<f64>,
    /// 100 × segment mean ÷ overall mean (`None` when the overall mean is not positive).
    pub index: Option<f64>,
    /// Most frequent category and its share in the segment (categories).
    pub mode: Option<(String, f64)>,
    /// Whether the segmentation used this column.
    pub used: bool,
}

/// Box-plot figures of one column in one segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentBox {
    pub column: String,
    pub stats: Vec<Option<NumericStats>>,
}

/// One segment's profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentProfile {
    pub id: usize,
    /// The suggested name (the user's names are kept by the page, see
    /// [`Segmentation::names_with`]).
    pub name: L10n<String>,
    pub size: usize,
    pub share: f64,
    pub silhouette: Option<f64>,
    pub values: Vec<FeatureValue>,
    /// Target positive rate in the segment (Response, subscribed).
    pub response_rate: Option<f64>,
    pub conversion: Option<f64>,
    /// One sentence describing the segment.
    pub description: L10n<String>,
    pub actions: L10n<Vec<String>>,
}

/// A field of the new-customer form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormField {
    pub column: String,
    /// Choices for a category; empty for a number.
    pub choices: Vec<String>,
    /// A typical value to prefill (median or most frequent).
    pub typical: String,
}

/// A 2-D projection of (a sample of) the rows, for the scatter plot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scatter {
    pub explained: [f64; 2],
    /// (x, y, segment)
    pub points: Vec<(f32, f32, u16)>,
    /// Rows drawn (a seeded sample above [`SCATTER_POINTS`]).
    pub sampled_from: usize,
}

/// At most this many points in the scatter.
pub const SCATTER_POINTS: usize = 2_000;

/// The outcome shown on the Segment page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segmentation {
    pub algorithm: Algorithm,
    pub features: Vec<FeatureSpec>,
    pub rows_used: usize,
    /// Rows left out because a feature is missing.
    pub rows_skipped: usize,
    pub sweep: Vec<SweepPoint>,
    pub suggestion: Suggestion,
    pub k: usize,
    pub gamma: Option<f64>,
    /// Silhouette of the chosen k (rows used and seed say whether it was sampled).
    pub silhouette: Option<crate::cluster::Silhouette>,
    /// Rows set apart because their group was under the minimum share ([`outliers`]).
    #[serde(default)]
    pub outliers: Option<outliers::Outliers>,
    /// Set when the segments are weak ([`caution::caution`]): what is wrong and what to try.
    #[serde(default)]
    pub caution: Option<L10n<String>>,
    pub segments: Vec<SegmentProfile>,
    pub boxes: Vec<SegmentBox>,
    pub scatter: Option<Scatter>,
    pub overall_response: Option<f64>,
    pub overall_conversion: Option<f64>,
    /// Rows the k sweep fitted when it used a sample of `rows_used` (see
    /// [`SegmentParams::sweep_rows`]); the chosen k was then refined on every row.
    #[serde(default)]
    pub sweep_sample: Option<usize>,
    pub model: SegmentModel,
    pub form: Vec<FormField>,
    /// Segment of every used row (parallel to `rows`), not sent to the page.
    #[serde(skip)]
    pub labels: Vec<usize>,
    #[serde(skip)]
    pub rows: Vec<usize>,
}

impl Segmentation {
    /// The segments' names: the user's where given (not blank), else the suggested ones.
    pub fn names_with(&self, user: &[String]) -> Vec<String> {
        self.segments
            .iter()
            .enumerate()
            .map(|(i, p)| match user.get(i).map(|n| n.trim()) {
                Some(n) if !n.is_empty() => n.to_string(),
                _ => p.name.get().clone(),
            })
            .collect()
    }

    /// One row per segment as spreadsheet-safe CSV: size, share, response rate, the mean score
    /// of its customers (`scores` by row of the table `labels` is over), each feature's mean
    /// and index vs all customers (or its most frequent category), the description and the
    /// actions.
    pub fn summary_csv(
        &self,
        names: &[String],
        labels: &[Option<usize>],
        scores: Option<&[f64]>,
    ) -> String {
        use crate::format::csv_cell;
        let names = self.names_with(names);
        let mut sums = vec![(0.0, 0usize); self.segments.len()];
        if let Some(scores) = scores {
            for (label, score) in labels.iter().zip(scores) {
                if let Some(slot) = label.and_then(|l| sums.get_mut(l)) {
                    slot.0 += score;
                    slot.1 += 1;
                }
            }
        }
        let columns: Vec<&FeatureValue> = self
            .segments
            .first()
            .map(|p| p.values.iter().collect())
            .unwrap_or_default();
        let mut header = vec![
            "segment".to_string(),
            "name".to_string(),
            "customers".to_string(),
            "share".to_string(),
            "response_rate".to_string(),
            "mean_score".to_string(),
        ];
        for v in &columns {
            if v.mode.is_some() {
                header.push(format!("{} (most frequent)", v.column));
            } else {
                header.push(format!("{} (mean)", v.column));
                header.push(format!("{} (index)", v.column));
            }
        }
        header.extend(["description".to_string(), "actions".to_string()]);
        let mut out = header
            .iter()
            .map(|h| csv_cell(h))
            .collect::<Vec<_>>()
            .join(",");
        out.push('\n');
        let number = |v: Option<f64>| v.map(|x| format!("{x}")).unwrap_or_default();
        for (i, p) in self.segments.iter().enumerate() {
            let mean_score = (sums[i].1 > 0).then(|| sums[i].0 / sums[i].1 as f64);
            let mut row = vec![
                (i + 1).to_string(),
                csv_cell(&names[i]),
                p.size.to_string(),
                format!("{}", p.share),
                number(p.response_rate),
                number(mean_score),
            ];
            for c in &columns {
                let v = p.values.iter().find(|v| v.column == c.column);
                if c.mode.is_some() {
                    row.push(csv_cell(
                        &v.and_then(|v| v.mode.as_ref())
                            .map(|(m, _)| m.clone())
                            .unwrap_or_default(),
                    ));
                } else {
                    row.push(number(v.and_then(|v| v.mean)));
                    row.push(number(v.and_then(|v| v.index)));
                }
            }
            row.push(csv_cell(p.description.get()));
            row.push(csv_cell(&p.actions.get().join(" · ")));
            out.push_str(&row.join(","));
            out.push('\n');
        }
        out
    }
    /// The segment of every row of the table the cleaning started from (`rows` of them), given
    /// the cleaning's kept rows; rows the cleaning removed, or that lacked a feature, are `None`.
    pub fn row_labels(&self, kept: &[usize], rows: usize) -> Vec<Option<usize>> {
        let mut out = vec![None; rows];
        for (&r, &label) in self.rows.iter().zip(&self.labels) {
            if let Some(&original) = kept.get(r) {
                if let Some(slot) = out.get_mut(original) {
                    *slot = Some(label);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod i18n_tests {
    use super::*;
    use crate::features::{prepare, DeriveParams};
    use crate::i18n::{with_lang, Lang};
    use crate::ingest::{read_table, NoProgress, ReadOptions};

    /// English function words that must not appear in Indonesian prose.
    fn no_english(text: &str) {
        let padded = format!(" {} ", text.to_lowercase());
        for word in [
            " the ",
            " of ",
            " and ",
            " with ",
            " their ",
            " on average ",
        ] {
            assert!(!padded.contains(word), "{word:?} in {text:?}");
        }
    }

    fn segmentation(k_min: usize, k_max: usize) -> Segmentation {
        let (derived, cleaned) = prepared(&crate::sample::customer_personality_csv(600, 3));
        let mut params = SegmentParams::new(default_features(&derived));
        params.k_min = k_min;
        params.k_max = k_max;
        params.n_init = 2;
        segment_table(&cleaned, &derived.schema, &params).unwrap()
    }

    #[test]
    fn segments_and_the_suggestion_speak_indonesian() {
        let seg = segmentation(2, 6);
        let reason = &seg.suggestion.reason;
        assert!(reason.en.contains("segments"), "{}", reason.en);
        assert!(reason.id.contains("segmen"), "{}", reason.id);
        no_english(&reason.id);
        let known = [
            "Nilai tinggi",
            "Potensial",
            "Pelanggan baru",
            "Perlu perhatian",
            "Nilai rendah",
        ];
        for s in &seg.segments {
            assert_ne!(s.name.en, s.name.id);
            assert!(
                known.iter().any(|k| s.name.id.starts_with(k)),
                "{}",
                s.name.id
            );
            assert!(
                s.description.id.contains(" pelanggan ("),
                "{}",
                s.description.id
            );
            no_english(&s.description.id);
            assert_eq!(s.actions.en.len(), s.actions.id.len());
            for a in &s.actions.id {
                no_english(a);
            }
        }
        // The page's names follow the language unless the user typed one.
        let user = vec!["VIP".to_string(), String::new()];
        let names = with_lang(Lang::Id, || seg.names_with(&user));
        assert_eq!(names[0], "VIP");
        assert_eq!(names[1], seg.segments[1].name.id);
        let csv = with_lang(Lang::Id, || seg.summary_csv(&user, &[], None));
        assert!(
            csv.starts_with("segment,name,customers,"),
            "CSV headers stay"
        );
        assert!(csv.contains(&seg.segments[1].actions.id[0]));
    }

    /// A CSV text loaded, recognised and prepared as the page does: (derived, cleaned table).
    pub(crate) fn prepared(text: &str) -> (crate::features::Derived, Table) {
        let loaded = read_table(text.as_bytes(), &ReadOptions::default(), &mut NoProgress).unwrap();
        let schema = crate::schema::recognise(&loaded.table);
        let (derived, cleaned, _) = prepare(&loaded.table, &schema, &DeriveParams::default(), None);
        (derived, cleaned.table)
    }

    /// The bank sample, prepared.
    fn bank() -> (crate::features::Derived, Table) {
        prepared(&crate::sample::bank_csv(3_000, 5))
    }

    #[test]
    fn what_is_known_only_after_the_call_never_drives_a_segment_or_an_action() {
        let (derived, cleaned) = bank();
        let defaults = default_features(&derived);
        assert!(!defaults.is_empty());
        assert!(
            defaults.iter().all(|f| f.column != "duration"),
            "duration is not a default feature: {defaults:?}"
        );
        // A user may still choose it; the actions then do not rank segments by a response
        // that the call's length explains.
        let mut features = defaults.clone();
        features.push(FeatureSpec {
            column: "duration".into(),
            scaling: Scaling::Standard,
        });
        let params = SegmentParams {
            k_min: 4,
            k_max: 4,
            n_init: 2,
            ..SegmentParams::new(features)
        };
        let seg = segment_table(&cleaned, &derived.schema, &params).unwrap();
        let all: Vec<&String> = seg.segments.iter().flat_map(|s| &s.actions.en).collect();
        assert!(
            all.iter()
                .all(|a| !a.starts_with("Put them first") && !a.starts_with("Contact them last")),
            "{all:#?}"
        );
        assert!(
            all.iter()
                .any(|a| a.contains("follows duration, which is known only after the outcome")),
            "the segment whose response follows duration says so: {all:#?}"
        );
        let id: Vec<&String> = seg.segments.iter().flat_map(|s| &s.actions.id).collect();
        assert!(id
            .iter()
            .any(|a| a.contains("baru diketahui setelah hasilnya")));
    }

    #[test]
    fn errors_and_form_messages_in_indonesian() {
        let seg = segmentation(3, 3);
        let field = &seg.form[0];
        let err = seg
            .model
            .assign(&[(field.column.clone(), "  ".to_string())])
            .unwrap_err();
        assert_eq!(err.to_string(), format!("{}: enter a value", field.column));
        assert_eq!(
            with_lang(Lang::Id, || err.to_string()),
            format!("{}: isi sebuah nilai", field.column)
        );
        let range = SegmentError::BadRange { k_min: 5, k_max: 3 };
        let id = with_lang(Lang::Id, || range.to_string());
        assert_eq!(id, "rentang k 5–3 kosong atau dimulai di bawah 2");
        let cluster: SegmentError = ClusterError::TooFewRows { rows: 2, k: 3 }.into();
        let id = with_lang(Lang::Id, || cluster.to_string());
        assert!(id.contains("baris") && id.contains("pembersihan"), "{id}");
        no_english(&id);
    }
}
