//! The segmentation file (`klaster-segments` JSON): what the page exports and the CLI and the
//! warehouse query read back. A file format, so it sits above both the segmentation and the
//! warehouse query it carries the data description for (layers: segment → warehouse → files).

use serde::{Deserialize, Serialize};

use crate::features::{Derived, FeatureSpec};
use crate::i18n::{t, L10n};
use crate::segment::{Algorithm, SegmentError, SegmentModel, SegmentProfile, Segmentation};
use crate::tf;

/// The `format` field of a segmentation file.
pub const SEGMENTS_FORMAT: &str = "klaster-segments";
/// The segmentation-file version this build reads and writes.
pub const SEGMENTS_VERSION: u32 = 1;

/// A segmentation saved as JSON: the segments as the page shows them (with the user's names),
/// how to place a customer, and what the warehouse query needs to know about the data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentsFile {
    pub format: String,
    pub version: u32,
    /// The data file the segments were found in.
    pub file: String,
    pub algorithm: Algorithm,
    pub features: Vec<FeatureSpec>,
    pub k: usize,
    pub rows_used: usize,
    pub rows_skipped: usize,
    pub silhouette: Option<crate::cluster::Silhouette>,
    pub segments: Vec<SegmentProfile>,
    pub model: SegmentModel,
    pub source: crate::warehouse::Source,
}

impl SegmentsFile {
    /// `names`: the user's names by segment (empty or blank = the suggested name).
    pub fn new(file: &str, seg: &Segmentation, names: &[String], derived: &Derived) -> Self {
        let mut segments = seg.segments.clone();
        // A name the user typed is the same in both languages.
        for (p, n) in segments.iter_mut().zip(names) {
            if !n.trim().is_empty() {
                p.name = L10n::same(n.trim().to_string());
            }
        }
        Self {
            format: SEGMENTS_FORMAT.to_string(),
            version: SEGMENTS_VERSION,
            file: file.to_string(),
            algorithm: seg.algorithm,
            features: seg.features.clone(),
            k: seg.k,
            rows_used: seg.rows_used,
            rows_skipped: seg.rows_skipped,
            silhouette: seg.silhouette.clone(),
            segments,
            model: seg.model.clone(),
            source: crate::warehouse::Source::of(derived),
        }
    }

    pub fn names(&self) -> Vec<String> {
        self.segments.iter().map(|p| p.name.get().clone()).collect()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Result<Self, SegmentError> {
        use crate::file_format::{read, HeaderError};
        let file: Self = read(text, SEGMENTS_FORMAT, SEGMENTS_VERSION).map_err(|e| {
            SegmentError::NotASegmentation(match e {
                HeaderError::Parse(message) => L10n::same(message),
                HeaderError::Format => L10n::build(|| {
                    tf!(
                        "its \"format\" is not \"{SEGMENTS_FORMAT}\"",
                        "\"format\"-nya bukan \"{SEGMENTS_FORMAT}\""
                    )
                }),
                HeaderError::Newer(found) => L10n::build(|| {
                    tf!(
                        "version {found} is newer than this app understands",
                        "versi {found} lebih baru daripada yang dipahami aplikasi ini"
                    )
                }),
            })
        })?;
        let m = &file.model;
        let k = m.k();
        if k == 0
            || m.centroids.len() != k * m.dims
            || m.modes.len() != k * m.n_categorical
            || m.centroids.iter().any(|v| !v.is_finite())
        {
            return Err(SegmentError::NotASegmentation(L10n::build(|| {
                t(
                    "its centroids do not fit its dimensions",
                    "pusat segmennya tidak sesuai dengan dimensinya",
                )
                .to_string()
            })));
        }
        Ok(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{with_lang, Lang};

    #[test]
    fn another_format_is_refused_in_both_languages() {
        let bad = SegmentsFile::from_json(r#"{"format":"klaster-logistic"}"#).unwrap_err();
        let id = with_lang(Lang::Id, || bad.to_string());
        assert!(
            id.starts_with("ini bukan berkas segmentasi Klaster"),
            "{id}"
        );
    }
}
