//! The parts of the Load step, one module each.

pub mod chart;
pub mod columns;
pub mod load;
pub mod plan;
pub mod prepare;
pub mod preview;
pub mod profile;
pub mod score;
pub mod segment;
pub mod status;
pub mod summary;

pub use chart::{ColumnExplorer, EChart};

/// At most this many columns are listed in one table (a file can have 10,000 columns: listing
/// them all would freeze the page for tens of seconds); the column table finds others by name.
pub const LIST_LIMIT: usize = 100;

/// "Showing the first 100 of 10,000 …" when a list was cut at [`LIST_LIMIT`].
pub fn cut_note(total: usize, what: &str) -> Option<String> {
    (total > LIST_LIMIT).then(|| {
        format!(
            "Showing the first {LIST_LIMIT} of {} {what}.",
            crate::format::thousands(total as u64)
        )
    })
}
pub use columns::ColumnTable;
pub use load::LoadPanel;
pub use plan::PlanStep;
pub use prepare::PrepareStep;
pub use preview::PreviewTable;
pub use profile::{CorrelationCard, ProfileSummary, StatsTable, TargetCard};
pub use score::ScoreStep;
pub use segment::SegmentStep;
pub use status::{ErrorBanner, ProgressBar};
pub use summary::FileSummary;
