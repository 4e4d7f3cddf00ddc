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
