//! The suggested k: the sharpest bend of the cost curve, with the reason in words.

use super::*;

/// A bend of the cost curve: at `k` (`segments` of them left once small groups are set apart),
/// the drops before and after it, and the next k of the curve.
pub(crate) struct Bend {
    pub k: usize,
    pub segments: usize,
    pub bend: f64,
    pub before: f64,
    pub after: f64,
    pub next: usize,
}

/// The suggested k: the sharpest bend of the cost curve (largest second difference), which
/// is what "the elbow" means when read off a chart; the reason quotes the figures.
pub fn suggest(sweep: &[SweepPoint], algorithm: Algorithm, min_share: f64) -> Suggestion {
    let best_sil = sweep
        .iter()
        .filter_map(|p| p.silhouette.map(|s| (p.k, s)))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    if sweep.len() < 3 {
        let k = best_sil.map_or(sweep[0].k, |(k, _)| k);
        let reason = L10n::build(|| {
            let why = match best_sil {
                Some((_, s)) => {
                    let s = decimal(format!("{s:.2}"));
                    tf!("the highest silhouette ({s})", "siluet tertinggi ({s})")
                }
                None => t(
                    "the only k that could be computed",
                    "satu-satunya k yang dapat dihitung",
                )
                .to_string(),
            };
            tf!(
                "k = {k}: {why}; widen the k range for an elbow",
                "k = {k}: {why}; perlebar rentang k untuk menemukan siku"
            )
        });
        return Suggestion { k, reason };
    }
    // The sharpest bend among the ks whose segments are all at least `min_share`; among all
    // ks when none is.
    let elbow = |eligible: &dyn Fn(&SweepPoint) -> bool| {
        let mut best: Option<Bend> = None;
        for w in sweep.windows(3).filter(|w| eligible(&w[1])) {
            let before = w[0].cost - w[1].cost;
            let after = w[1].cost - w[2].cost;
            let bend = before - after;
            if best.as_ref().is_none_or(|b| bend > b.bend) {
                best = Some(Bend {
                    k: w[1].k,
                    segments: w[1].k,
                    bend,
                    before,
                    after,
                    next: w[2].k,
                });
            }
        }
        best
    };
    let any = elbow(&|_| true).unwrap_or(Bend {
        k: sweep[1].k,
        segments: sweep[1].k,
        bend: 0.0,
        before: 0.0,
        after: 0.0,
        next: sweep[1].k + 1,
    });
    let chosen = elbow(&|p| !outliers::too_small(&p.sizes, min_share))
        .or_else(|| outliers::elbow_without_small(sweep, min_share));
    let avoided = chosen
        .as_ref()
        .and_then(|c| (any.k != c.k).then_some(any.k));
    let Bend {
        k,
        segments,
        before,
        after,
        next,
        ..
    } = chosen.unwrap_or(any);
    let at = |k: usize| sweep.iter().find(|p| p.k == k);
    let pct = |drop: f64, k: usize| {
        at(k).map_or(0.0, |p| {
            100.0 * drop / (p.cost + drop).max(f64::MIN_POSITIVE)
        })
    };
    let reason = L10n::build(|| {
        let what = match algorithm {
            Algorithm::KMeans => t("inertia", "inersia"),
            Algorithm::KPrototypes => t("cost", "biaya"),
        };
        let (prev, down, next) = (segments - 1, pct(before, k), pct(after, next));
        let mut reason = if segments == k {
            tf!(
                "k = {k}: the elbow of the {what} curve — going from {prev} to {k} segments lowers it by {down:.0} %, one more segment only by {next:.0} %",
                "k = {k}: siku kurva {what} — dari {prev} ke {k} segmen menurunkannya {down:.0} %, satu segmen lagi hanya {next:.0} %"
            )
        } else {
            // Every k has a group under the minimum share: the curve is read in the segments
            // that remain once those groups are set apart as outliers.
            let (groups, pct) = (k - segments, crate::format::percent(min_share));
            tf!(
                "k = {k}, {segments} segments once the {groups} group(s) under {pct} of the rows (at every k) are set apart as outliers: the elbow of the {what} curve — going from {prev} to {segments} segments lowers it by {down:.0} %, one more segment only by {next:.0} %",
                "k = {k}, {segments} segmen setelah {groups} kelompok di bawah {pct} baris (pada setiap k) dipisahkan sebagai pencilan: siku kurva {what} — dari {prev} ke {segments} segmen menurunkannya {down:.0} %, satu segmen lagi hanya {next:.0} %"
            )
        };
        if let Some(s) = at(k).and_then(|p| p.silhouette) {
            let s = decimal(format!("{s:.2}"));
            reason.push_str(&tf!("; silhouette {s}", "; siluet {s}"));
        }
        if let Some((bk, bs)) = best_sil {
            if bk != k {
                let bs = decimal(format!("{bs:.2}"));
                let but = if bk == 2 {
                    t(
                        ", but two segments seldom give separate actions",
                        ", tetapi dua segmen jarang menghasilkan tindakan yang berbeda",
                    )
                } else {
                    ""
                };
                reason.push_str(&tf!(
                    " (highest silhouette: {bs} at k = {bk}{but})",
                    " (siluet tertinggi: {bs} pada k = {bk}{but})"
                ));
            }
        }
        if let Some(sharper) = avoided {
            let pct = crate::format::percent(min_share);
            reason.push_str(&tf!(
                "; the curve bends more at k = {sharper}, but a segment there is under {pct} of the rows",
                "; kurva lebih menekuk pada k = {sharper}, tetapi salah satu segmennya di bawah {pct} baris"
            ));
        }
        reason
    });
    Suggestion { k, reason }
}
