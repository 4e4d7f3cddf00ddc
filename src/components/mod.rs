//! The parts of the Load step, one module each.

pub mod chart;
pub mod columns;
pub mod language;
pub mod load;
pub mod plan;
pub mod prepare;
pub mod preview;
pub mod profile;
pub mod row_kind;
pub mod score;
pub mod segment;
pub mod session;
pub mod status;
pub mod stepper;
pub mod summary;
pub mod theme;

pub use chart::{ColumnExplorer, EChart};

/// At most this many columns are listed in one table (a file can have 10,000 columns: listing
/// them all would freeze the page for tens of seconds); the column table finds others by name.
pub const LIST_LIMIT: usize = 100;

/// "Showing the first 100 of 10,000 …" when a list was cut at [`LIST_LIMIT`].
pub fn cut_note(total: usize, what: &str) -> Option<String> {
    (total > LIST_LIMIT).then(|| {
        let total = crate::format::thousands(total as u64);
        klaster_engine::tf!(
            "Showing the first {LIST_LIMIT} of {total} {what}.",
            "Menampilkan {LIST_LIMIT} pertama dari {total} {what}."
        )
    })
}
/// Mounts its content one browser task later. A loaded file brings a dozen cards at once;
/// mounting them in one task held the main thread for ~150 ms on a million-row file (Long Tasks
/// API). Each card wrapped in `Later` mounts in its own task, in page order, and the page keeps
/// responding in between.
#[leptos::component]
pub fn Later(children: leptos::prelude::ChildrenFn) -> impl leptos::IntoView {
    use leptos::prelude::*;
    let shown = RwSignal::new(false);
    set_timeout(
        move || {
            // The card may be gone already (a newer file): nothing to show then.
            let _ = shown.try_set(true);
        },
        std::time::Duration::ZERO,
    );
    move || shown.get().then(|| children())
}

pub use columns::ColumnTable;
pub use load::LoadPanel;
pub use plan::PlanStep;
pub use prepare::PrepareStep;
pub use preview::PreviewTable;
pub use profile::{CorrelationCard, ProfileSummary, StatsTable, TargetCard};
pub use score::ScoreStep;
pub use segment::SegmentStep;
pub use session::{RememberControls, RestoreBanner};
pub use status::{ErrorBanner, ProgressBar};
pub use stepper::Stepper;
pub use summary::FileSummary;
pub use theme::ThemeToggle;
