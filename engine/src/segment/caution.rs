//! A caution for a weak segmentation, in words: a silhouette below [`WEAK_SILHOUETTE`] means
//! the groups overlap, and a segment with a negative silhouette holds rows that are on average
//! closer to another segment than to their own. Segments are then no basis for different
//! campaigns without a look, and the page says so with what to try.

use super::{SegmentProfile, SweepPoint};
use crate::cluster::Silhouette;
use crate::features::{FeatureSpec, Scaling};
use crate::format::fixed;
use crate::i18n::L10n;
use crate::profile::stats::SKEWED;
use crate::table::Table;
use crate::tf;

/// Below this mean silhouette the segments are called weak (Kaufman and Rousseeuw's reading:
/// under 0.25 no substantial structure has been found).
pub const WEAK_SILHOUETTE: f64 = 0.25;

/// A k of the sweep must beat the chosen one's silhouette by this much to be suggested.
const BETTER_BY: f64 = 0.05;

/// The caution for the chosen k, or `None` when the segments hold up.
pub fn caution(
    table: &Table,
    silhouette: Option<&Silhouette>,
    segments: &[SegmentProfile],
    sweep: &[SweepPoint],
    k: usize,
    features: &[FeatureSpec],
) -> Option<L10n<String>> {
    let score = silhouette?.score;
    let negative: Vec<&SegmentProfile> = segments
        .iter()
        .filter(|s| s.silhouette.is_some_and(|x| x < 0.0))
        .collect();
    let weak = score < WEAK_SILHOUETTE;
    if !weak && negative.is_empty() {
        return None;
    }
    let better = sweep
        .iter()
        .filter(|p| p.k != k)
        .filter_map(|p| Some((p.k, p.silhouette?)))
        .filter(|(_, s)| *s >= score + BETTER_BY)
        .max_by(|a, b| a.1.total_cmp(&b.1));
    // Skewed features not yet log-scaled: a few extreme rows then stretch the space.
    let skewed: Vec<&str> = features
        .iter()
        .filter(|f| matches!(f.scaling, Scaling::Standard | Scaling::MinMax))
        .filter(|f| {
            super::quantity_stats(table, &f.column)
                .and_then(|s| s.skew)
                .is_some_and(|s| s.abs() > SKEWED)
        })
        .map(|f| f.column.as_str())
        .collect();
    Some(L10n::build(|| {
        let s = fixed(score, 2);
        let mut out = vec![if weak {
            tf!(
                "Weak segments: the silhouette is {s}, below 0.25, so the groups overlap a lot and many rows sit between two segments.",
                "Segmen lemah: siluetnya {s}, di bawah 0,25, sehingga kelompok-kelompoknya banyak tumpang tindih dan banyak baris berada di antara dua segmen."
            )
        } else {
            tf!(
                "The silhouette ({s}) is fair overall, but not for every segment.",
                "Siluet ({s}) cukup secara keseluruhan, tetapi tidak untuk setiap segmen."
            )
        }];
        for seg in &negative {
            let name = seg.name.get();
            let x = fixed(seg.silhouette.unwrap_or_default(), 2);
            out.push(tf!(
                "“{name}” has a negative silhouette ({x}): its members are on average closer to another segment than to their own.",
                "“{name}” memiliki siluet negatif ({x}): anggotanya rata-rata lebih dekat ke segmen lain daripada ke segmennya sendiri."
            ));
        }
        let mut tries = Vec::new();
        if let Some((bk, bs)) = better {
            let bs = fixed(bs, 2);
            tries.push(tf!(
                "k = {bk} (silhouette {bs} in the sweep)",
                "k = {bk} (siluet {bs} pada sapuan)"
            ));
        } else if !negative.is_empty() && k > 2 {
            let fewer = k - 1;
            tries.push(tf!(
                "a smaller k such as {fewer}, which merges the overlapping segment",
                "k yang lebih kecil, misalnya {fewer}, yang menggabungkan segmen yang tumpang tindih"
            ));
        }
        if features.len() > 4 {
            tries.push(tf!(
                "fewer features: keep those whose index differs most between segments",
                "lebih sedikit fitur: pertahankan yang indeksnya paling berbeda antarsegmen"
            ));
        }
        if !skewed.is_empty() {
            let cols = skewed.join(", ");
            tries.push(tf!(
                "log scaling for the skewed {cols}",
                "penskalaan log untuk {cols} yang miring"
            ));
        }
        tries.push(tf!(
            "or read the segments as a rough guide rather than distinct groups",
            "atau baca segmen sebagai panduan kasar, bukan kelompok yang benar-benar terpisah"
        ));
        let tries = tries.join("; ");
        out.push(tf!("Try {tries}.", "Coba {tries}."));
        out.join(" ")
    }))
}

#[cfg(test)]
mod tests {
    use crate::features::{FeatureSpec, Scaling};
    use crate::i18n::{with_lang, Lang};
    use crate::ingest::{read_table, NoProgress, ReadOptions};
    use crate::segment::{segment_table, SegmentParams, Segmentation};

    /// `rows` rows of `dims` columns: uniform noise, or `blobs` tight groups far apart.
    fn segment(rows: usize, dims: usize, blobs: usize, k: usize) -> Segmentation {
        let mut state = 42u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let header: Vec<String> = (0..dims).map(|d| format!("x{d}")).collect();
        let mut text = header.join(",") + "\n";
        for r in 0..rows {
            let centre = if blobs > 0 {
                (r % blobs) as f64 * 10.0
            } else {
                0.0
            };
            let row: Vec<String> = (0..dims)
                .map(|_| format!("{:.4}", centre + next()))
                .collect();
            text += &(row.join(",") + "\n");
        }
        let table = read_table(text.as_bytes(), &ReadOptions::default(), &mut NoProgress)
            .unwrap()
            .table;
        let schema = crate::schema::recognise(&table);
        let features = header
            .iter()
            .map(|c| FeatureSpec {
                column: c.clone(),
                scaling: Scaling::Standard,
            })
            .collect();
        let params = SegmentParams {
            k_min: 2,
            k_max: 6,
            k: Some(k),
            n_init: 2,
            ..SegmentParams::new(features)
        };
        segment_table(&table, &schema, &params).unwrap()
    }

    #[test]
    fn weak_segments_carry_a_caution_with_what_to_try() {
        let seg = segment(600, 6, 0, 5);
        let score = seg.silhouette.as_ref().unwrap().score;
        assert!(
            score < super::WEAK_SILHOUETTE,
            "noise has no segments: {score}"
        );
        let caution = seg.caution.expect("a caution");
        let en = with_lang(Lang::En, || caution.get().clone());
        assert!(
            en.starts_with("Weak segments: the silhouette is 0."),
            "{en}"
        );
        assert!(en.contains("Try ") && en.contains("fewer features"), "{en}");
        assert!(
            !en.contains("log scaling"),
            "uniform noise is not skewed: {en}"
        );
        assert!(
            caution.id.starts_with("Segmen lemah: siluetnya 0,"),
            "{}",
            caution.id
        );
        assert!(caution.id.contains("Coba "));
    }

    #[test]
    fn clear_segments_carry_none() {
        let seg = segment(600, 3, 3, 3);
        assert!(seg.silhouette.as_ref().unwrap().score > 0.8);
        assert_eq!(seg.caution, None);
    }
}
