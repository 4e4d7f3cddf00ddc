//! The page state: every signal the components read, and [`AppState::apply`], through which
//! the worker's answers update them. Below the components (which receive it) and above the
//! client (which it calls).

use klaster_engine::campaign::Plan;
use klaster_engine::i18n::{t, L10n, Lang};
use klaster_engine::model::ModelFile;
use klaster_engine::profile::{Histogram, Profile};
use klaster_engine::schema::RowKind;
use klaster_engine::segment::Segmentation;
use klaster_engine::tf;
use klaster_engine::InspectReport;
use leptos::prelude::*;

use crate::protocol::{
    progress_label, ModelChoice, Prepared, Response, Scoring, SegmentRun, TrainOptions,
};

/// A long step under way, as the progress bar shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Busy {
    /// In both languages, so that a language switch mid-step rewords the line at once.
    pub label: L10n<String>,
    /// 0.0–1.0, or `None` while the amount of work is unknown.
    pub fraction: Option<f64>,
}

impl Busy {
    /// A step whose line `label` words (called once per language).
    pub fn new<S: Into<String>>(mut label: impl FnMut() -> S, fraction: Option<f64>) -> Self {
        Busy {
            label: L10n::build(|| label().into()),
            fraction,
        }
    }
}

/// Why nothing is scored, the models on offer, and the train form's choices.
pub type ScoreNote = (L10n<String>, Vec<ModelChoice>, Option<TrainOptions>);

/// A model shown by its card alone, the models on offer, and the columns it lacks.
pub type CardOnly = (ModelFile, Vec<ModelChoice>, Vec<String>);

/// Everything the page shows. `Copy` handles to signals, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    pub report: RwSignal<Option<InspectReport>>,
    pub profile: RwSignal<Option<Profile>>,
    /// The column shown in the column explorer.
    pub selected: RwSignal<Option<String>>,
    pub chartable: RwSignal<Vec<String>>,
    pub histogram: RwSignal<Option<Histogram>>,
    pub busy: RwSignal<Option<Busy>>,
    /// The last error, in both languages (the page may switch while it shows).
    pub error: RwSignal<Option<L10n<String>>>,
    /// A short message about the session (e.g. where a cancelled run stopped).
    pub notice: RwSignal<Option<L10n<String>>>,
    pub load_millis: RwSignal<Option<f64>>,
    /// The worker has started (and warmed up) and takes requests.
    pub ready: RwSignal<bool>,
    /// The analysis worker's memory (bytes), as last reported.
    pub memory: RwSignal<Option<u64>>,
    pub prepared: RwSignal<Option<Prepared>>,
    pub segmentation: RwSignal<Option<Segmentation>>,
    /// Why there is no segmentation (shown in the Segment step).
    pub segment_note: RwSignal<Option<L10n<String>>>,
    /// How the last segmentation ran (times, helper workers).
    pub segment_run: RwSignal<Option<SegmentRun>>,
    /// Names the user gave the segments (empty = the engine's).
    pub segment_names: RwSignal<Vec<String>>,
    /// The segment of the customer typed into the form.
    pub assigned: RwSignal<Option<usize>>,
    pub scoring: RwSignal<Option<Scoring>>,
    /// Why nothing is scored, the models on offer and the train form (Score step).
    pub score_note: RwSignal<Option<ScoreNote>>,
    /// A model shown by its card alone (it cannot score this table), with what it needs.
    pub card_only: RwSignal<Option<CardOnly>>,
    pub plan: RwSignal<Option<Plan>>,
    /// The plan's cost and revenue came from the file.
    pub plan_from_file: RwSignal<bool>,
    /// The language of the page (the engine's ambient language follows it).
    pub lang: RwSignal<Lang>,
    /// The dark theme is on (charts redraw in its colours when it changes).
    pub dark: RwSignal<bool>,
    /// The user chose to remember sessions in this browser.
    pub remember: RwSignal<bool>,
    /// A saved session the user may restore (it holds a `File`: local to this thread).
    pub saved: RwSignal<Option<crate::remember::Saved>, LocalStorage>,
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

impl AppState {
    /// What one row of the loaded table is (the user's answer or the guess): the nouns of
    /// every sentence follow it. Tracked, so views that read it follow a new answer.
    pub fn row(&self) -> RowKind {
        self.profile
            .with(|p| p.as_ref().map(|p| p.schema.row))
            .unwrap_or_default()
    }

    pub fn new() -> Self {
        Self {
            report: RwSignal::new(None),
            profile: RwSignal::new(None),
            selected: RwSignal::new(None),
            chartable: RwSignal::new(Vec::new()),
            histogram: RwSignal::new(None),
            busy: RwSignal::new(None),
            notice: RwSignal::new(None),
            error: RwSignal::new(None),
            load_millis: RwSignal::new(None),
            ready: RwSignal::new(false),
            memory: RwSignal::new(None),
            prepared: RwSignal::new(None),
            segmentation: RwSignal::new(None),
            segment_note: RwSignal::new(None),
            segment_run: RwSignal::new(None),
            segment_names: RwSignal::new(Vec::new()),
            assigned: RwSignal::new(None),
            scoring: RwSignal::new(None),
            score_note: RwSignal::new(None),
            card_only: RwSignal::new(None),
            plan: RwSignal::new(None),
            plan_from_file: RwSignal::new(false),
            lang: RwSignal::new(Lang::default()),
            dark: RwSignal::new(false),
            remember: RwSignal::new(false),
            saved: RwSignal::new_local(None),
        }
    }

    /// Marks the start of a request; the previous results stay visible until new ones arrive.
    /// `label` words the step (called once per language).
    pub fn begin<S: Into<String>>(&self, label: impl FnMut() -> S) {
        self.error.set(None);
        self.notice.set(None);
        self.busy.set(Some(Busy::new(label, None)));
    }

    /// Applies a worker answer to the page state. A control that had the keyboard focus and is
    /// drawn anew by the answer (the k picker inside the segment results, say) gets it back, so
    /// that a keyboard user is not sent to the top of the page.
    pub fn apply(&self, resp: Response) {
        crate::focus::keep_focus();
        if !matches!(
            resp,
            Response::Progress { .. } | Response::SegmentProgress { .. } | Response::Memory { .. }
        ) {
            // The client has journaled the answer: the session is saved as it now stands, if
            // the user asked for that.
            crate::remember::persist();
        }
        self.apply_answer(resp);
    }

    fn apply_answer(&self, resp: Response) {
        match resp {
            Response::Ready => self.ready.set(true),
            Response::Progress {
                stage,
                done,
                total,
                rows,
            } => self.busy.set(Some(Busy::new(
                || progress_label(stage, done, total, rows),
                (total > 0).then(|| done as f64 / total as f64),
            ))),
            Response::Loaded {
                report,
                profile,
                chartable,
                histogram,
                millis,
            } => {
                // The worker goes on to the Prepare step by itself (or says where it stopped):
                // on a million rows that takes a second or two, shown, not silent.
                let n = report.rows as u64;
                self.busy.set(Some(Busy::new(
                    || {
                        let rows = crate::format::thousands(n);
                        tf!(
                            "Preparing the features of {rows} rows",
                            "Menyiapkan fitur dari {rows} baris"
                        )
                    },
                    None,
                )));
                self.error.set(None);
                // Keep the explorer on the user's column when it survives a re-read.
                let kept = self
                    .selected
                    .get_untracked()
                    .filter(|name| profile.columns.iter().any(|c| &c.name == name));
                match kept {
                    Some(name)
                        if chartable.contains(&name)
                            && histogram.as_ref().is_none_or(|h| h.column != name) =>
                    {
                        let request = crate::protocol::Request::Histogram { column: name };
                        crate::client::send(&request, None);
                    }
                    Some(_) => {}
                    None => self
                        .selected
                        .set(histogram.as_ref().map(|h| h.column.clone())),
                }
                self.report.set(Some(*report));
                self.profile.set(Some(*profile));
                self.chartable.set(chartable);
                self.histogram.set(histogram);
                self.load_millis.set(Some(millis));
            }
            Response::Histogram { histogram } => {
                self.busy.set(None);
                self.histogram.set(Some(histogram));
            }
            Response::Prepared { prepared } => {
                self.prepared.set(Some(*prepared));
                self.busy.set(Some(Busy::new(
                    || t("Finding segments", "Mencari segmen"),
                    None,
                )));
            }
            Response::SegmentProgress { done, total } => self.busy.set(Some(Busy::new(
                || {
                    tf!(
                        "Finding segments: {done} of {total} values of k fitted",
                        "Mencari segmen: {done} dari {total} nilai k sudah dicocokkan"
                    )
                },
                (total > 0).then(|| done as f64 / total as f64),
            ))),
            Response::Segmented { segmentation, run } => {
                self.busy.set(None);
                self.segment_note.set(None);
                // Empty = the engine's name, in the language the page speaks at the time.
                self.segment_names
                    .set(vec![String::new(); segmentation.segments.len()]);
                self.assigned.set(None);
                self.segmentation.set(Some(*segmentation));
                self.segment_run.set(Some(run));
            }
            Response::SegmentUnavailable { message } => {
                self.busy.set(None);
                self.segmentation.set(None);
                self.segment_note.set(Some(message));
            }
            Response::Assigned { segment } => {
                self.busy.set(None);
                self.assigned.set(Some(segment));
            }
            Response::CardOnly {
                model,
                models,
                missing,
            } => {
                self.busy.set(None);
                self.card_only.set(Some((*model, models, missing)));
            }
            Response::Scored { scoring } => {
                self.busy.set(None);
                self.card_only.set(None);
                self.score_note.set(None);
                self.scoring.set(Some(*scoring));
            }
            Response::ScoreUnavailable {
                message,
                models,
                train,
            } => {
                self.busy.set(None);
                self.card_only.set(None);
                self.scoring.set(None);
                self.plan.set(None);
                self.score_note.set(Some((message, models, train)));
            }
            Response::Planned { plan, from_file } => {
                self.busy.set(None);
                self.plan_from_file.set(from_file);
                self.plan.set(Some(*plan));
            }
            Response::Export { name, mime, text } => {
                self.busy.set(None);
                if !crate::download::download(&name, &mime, &text) {
                    self.error.set(Some(L10n {
                        en: "The browser refused to save the file.".into(),
                        id: "Peramban menolak menyimpan berkas.".into(),
                    }));
                }
            }
            Response::Failed { message } => {
                self.busy.set(None);
                self.error.set(Some(message));
            }
            Response::Memory { bytes } => self.memory.set(Some(bytes)),
            Response::Stopped { step } => {
                self.busy.set(None);
                let step = crate::protocol::Step::from_label(&step);
                self.notice.set(Some(L10n::build(|| {
                    let name = step.map_or("", |s| s.name());
                    tf!(
                        "Stopped before the {name} step. The file and your choices are kept; run it again when you are ready.",
                        "Berhenti sebelum langkah {name}. Berkas dan pilihan Anda tetap tersimpan; jalankan lagi saat Anda siap."
                    )
                })));
            }
        }
    }
}
