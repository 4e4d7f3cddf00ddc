//! Extreme rows never make a segment of their own. A segment smaller than the minimum share
//! ([`MIN_SHARE`], 2 % by default, shown and editable) is not a group to plan a campaign for:
//! its rows are set apart and reported as outliers, and the suggested k prefers a k whose
//! segments are all at least that large.
//!
//! Setting a segment apart keeps the other segments' centres: every remaining row was nearest
//! to its own centre before and still is, so no refit is needed and the sweep's figures stay
//! those of the fit.

use serde::{Deserialize, Serialize};

use super::{Bend, KFit, SweepInput, SweepPoint};

/// The default smallest segment, as a share of the rows segmented.
pub const MIN_SHARE: f64 = 0.02;

/// Rows set apart because their segment was smaller than the minimum share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outliers {
    /// Rows set apart, and their share of the rows fitted.
    pub count: usize,
    pub share: f64,
    /// The minimum share they fell under.
    pub min_share: f64,
    /// How many would-be segments they formed, at which k.
    pub groups: usize,
    pub fitted_k: usize,
    /// The first rows set apart (table row numbers, from 0), for the page to list.
    pub examples: Vec<usize>,
}

/// Rows listed by [`Outliers::examples`].
const EXAMPLES: usize = 20;

/// True when the smallest of `sizes` is under `min_share` of their sum.
pub fn too_small(sizes: &[usize], min_share: f64) -> bool {
    let n: usize = sizes.iter().sum();
    sizes
        .iter()
        .any(|&s| n > 0 && (s as f64) < min_share * n as f64)
}

/// The elbow read in the segments that remain once the groups under `min_share` are set
/// apart, for a sweep where every k has such a group (extreme rows that make a group at every
/// k): each k counts as its segments left (k − small groups), the first k of each count is
/// kept, and the sharpest bend among three consecutive counts (at least 2 segments each) wins.
/// The result is the elbow the sweep would show without the extreme rows, with no refit.
/// `None` when no three consecutive counts exist.
pub(super) fn elbow_without_small(sweep: &[SweepPoint], min_share: f64) -> Option<Bend> {
    let mut left: Vec<(usize, &SweepPoint)> = Vec::new();
    for p in sweep {
        let n: usize = p.sizes.iter().sum();
        let small = p
            .sizes
            .iter()
            .filter(|&&s| (s as f64) < min_share * n as f64)
            .count();
        let segments = p.k.saturating_sub(small);
        if segments >= 2 && left.last().is_none_or(|&(last, _)| segments > last) {
            left.push((segments, p));
        }
    }
    let mut best: Option<Bend> = None;
    for w in left.windows(3) {
        if w[1].0 != w[0].0 + 1 || w[2].0 != w[1].0 + 1 {
            continue;
        }
        let before = w[0].1.cost - w[1].1.cost;
        let after = w[1].1.cost - w[2].1.cost;
        let bend = before - after;
        if best.as_ref().is_none_or(|b| bend > b.bend) {
            best = Some(Bend {
                k: w[1].1.k,
                segments: w[1].0,
                bend,
                before,
                after,
                next: w[2].1.k,
            });
        }
    }
    best
}

/// The fit without its segments under `min_share`: the points and table rows kept (`rows`
/// parallel to the points), the fit relabelled, and what was set apart. `None` when every
/// segment is large enough, or when fewer than two segments would remain.
pub(super) fn set_aside(
    input: &SweepInput,
    rows: &[usize],
    fit: &KFit,
    min_share: f64,
) -> Option<(SweepInput, Vec<usize>, KFit, Outliers)> {
    let n = input.rows;
    let small: Vec<bool> = fit
        .sizes
        .iter()
        .map(|&s| (s as f64) < min_share * n as f64)
        .collect();
    let groups = small.iter().filter(|&&s| s).count();
    if groups == 0 || fit.k - groups < 2 {
        return None;
    }
    // Old label → new label for the segments kept.
    let mut renumber = vec![usize::MAX; fit.k];
    let mut next = 0;
    for (c, &is_small) in small.iter().enumerate() {
        if !is_small {
            renumber[c] = next;
            next += 1;
        }
    }
    let (mut keep, mut apart) = (Vec::new(), Vec::new());
    for (i, &l) in fit.labels.iter().enumerate() {
        if small[l] {
            apart.push(rows[i]);
        } else {
            keep.push(i);
        }
    }
    let per = |data_len: usize| data_len / fit.k.max(1);
    let kept_blocks = |data: &[f64]| -> Vec<f64> {
        let w = per(data.len());
        (0..fit.k)
            .filter(|&c| !small[c])
            .flat_map(|c| data[c * w..(c + 1) * w].iter().copied())
            .collect()
    };
    let w_modes = per(fit.modes.len());
    let kept = KFit {
        k: fit.k - groups,
        labels: keep.iter().map(|&i| renumber[fit.labels[i]]).collect(),
        cost: fit.cost,
        centroids: kept_blocks(&fit.centroids),
        modes: (0..fit.k)
            .filter(|&c| !small[c])
            .flat_map(|c| fit.modes[c * w_modes..(c + 1) * w_modes].iter().copied())
            .collect(),
        sizes: (0..fit.k)
            .filter(|&c| !small[c])
            .map(|c| fit.sizes[c])
            .collect(),
        gamma: fit.gamma,
        silhouette: None,
    };
    let outliers = Outliers {
        count: apart.len(),
        share: apart.len() as f64 / n.max(1) as f64,
        min_share,
        groups,
        fitted_k: fit.k,
        examples: apart.iter().take(EXAMPLES).copied().collect(),
    };
    let kept_rows = keep.iter().map(|&i| rows[i]).collect();
    Some((input.subset(&keep), kept_rows, kept, outliers))
}

#[cfg(test)]
mod tests {
    use crate::features::{FeatureSpec, Scaling};
    use crate::ingest::{read_table, NoProgress, ReadOptions};
    use crate::segment::{segment_table, SegmentParams, Segmentation};

    /// 600 shops in three groups and four extreme ones far from all of them.
    fn shops(k: Option<usize>, min_share: f64) -> Segmentation {
        let mut text = String::from("shop,sales,staff\n");
        for i in 0..600 {
            let g = (i % 3) as f64;
            let jitter = ((i * 7919) % 100) as f64 / 100.0;
            text.push_str(&format!(
                "{i},{:.2},{:.2}\n",
                100.0 + g * 50.0 + jitter * 10.0,
                5.0 + g * 4.0 + jitter
            ));
        }
        for j in 0..4 {
            text.push_str(&format!("{},{},{}\n", 600 + j, 5_000 + j * 10, 90 + j));
        }
        let table = read_table(text.as_bytes(), &ReadOptions::default(), &mut NoProgress)
            .unwrap()
            .table;
        let schema = crate::schema::recognise(&table);
        let features = ["sales", "staff"]
            .iter()
            .map(|c| FeatureSpec {
                column: c.to_string(),
                scaling: Scaling::Standard,
            })
            .collect();
        let params = SegmentParams {
            k_min: 2,
            k_max: 6,
            k,
            n_init: 3,
            min_share,
            ..SegmentParams::new(features)
        };
        segment_table(&table, &schema, &params).unwrap()
    }

    #[test]
    fn extreme_rows_are_listed_apart_never_a_segment() {
        // The user asks for 4: the three groups, and the four extreme shops set apart.
        let seg = shops(Some(4), 0.02);
        let o = seg.outliers.clone().expect("outliers");
        assert_eq!((o.count, o.groups, o.fitted_k), (4, 1, 4));
        assert_eq!(o.examples, vec![600, 601, 602, 603]);
        assert_eq!(seg.k, 3);
        assert_eq!(seg.segments.len(), 3);
        assert_eq!(seg.rows_used, 600);
        assert!(
            seg.segments.iter().all(|s| s.share >= 0.02),
            "{:?}",
            seg.segments.iter().map(|s| s.share).collect::<Vec<_>>()
        );
        assert_eq!(seg.rows.len(), 600);
        assert!(!seg.rows.contains(&601));
        assert!(seg.model.centroids.len() == 3 * seg.model.dims);
        // The suggested k never leaves a segment under the minimum share, and reads the curve
        // in the segments left: the extreme shops make a group at every k, so k = 4 fits the
        // three groups plus theirs (the plain elbow would say 3, leaving two segments).
        let seg = shops(None, 0.02);
        assert!(seg.segments.iter().all(|s| s.share >= 0.02));
        assert_eq!(seg.suggestion.k, 4, "{}", seg.suggestion.reason.get());
        assert_eq!(seg.segments.len(), 3);
        assert_eq!(seg.outliers.as_ref().map(|o| o.count), Some(4));
        assert!(
            seg.suggestion
                .reason
                .get()
                .starts_with("k = 4, 3 segments once the 1 group(s) under 2 % of the rows"),
            "{}",
            seg.suggestion.reason.get()
        );
        // A minimum of 0 keeps every group a segment, however small.
        let seg = shops(Some(4), 0.0);
        assert_eq!((seg.segments.len(), seg.outliers), (4, None));
    }
}
