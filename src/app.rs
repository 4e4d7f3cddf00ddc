//! The root component and the page state. Worker answers flow into [`AppState::apply`]; the
//! components only read the signals.

use klaster_engine::profile::{Histogram, Profile};
use klaster_engine::schema::RowKind;
use klaster_engine::segment::Segmentation;
use klaster_engine::InspectReport;
use leptos::prelude::*;

use crate::components::language::LanguagePicker;
use crate::components::{
    ColumnExplorer, ColumnTable, CorrelationCard, ErrorBanner, FileSummary, LoadPanel,
    PreviewTable, ProfileSummary, ProgressBar, StatsTable, TargetCard,
};
use crate::components::{Later, PlanStep, ScoreStep, Stepper, ThemeToggle};
use crate::components::{PrepareStep, SegmentStep};
use crate::components::{RememberControls, RestoreBanner};
use crate::protocol::{
    progress_label, ModelChoice, Prepared, Response, Scoring, SegmentRun, TrainOptions,
};
use klaster_engine::campaign::Plan;
use klaster_engine::i18n::{t, L10n, Lang};
use klaster_engine::model::ModelFile;
use klaster_engine::tf;

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
        keep_focus();
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

/// Gives the focus back to the element with the id that has it now, if an update replaces it
/// (the focus then falls to the page's body).
fn keep_focus() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(id) = doc
        .active_element()
        .map(|e| e.id())
        .filter(|id| !id.is_empty())
    else {
        return;
    };
    let restore = move || {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let lost = doc
            .active_element()
            .is_none_or(|e| e.tag_name().eq_ignore_ascii_case("body"));
        if lost {
            focus_id(&id);
        }
    };
    set_timeout(restore, std::time::Duration::from_millis(50));
}

/// The page: header, the load panel, progress and errors, then what was loaded.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    state.lang.set(crate::components::language::initial());
    let dark = crate::components::theme::initial_dark();
    crate::components::theme::apply(dark);
    state.dark.set(dark);
    if crate::remember::enabled() {
        state.remember.set(true);
        wasm_bindgen_futures::spawn_local(async move {
            match crate::remember::load().await {
                Ok(saved) => state.saved.set(saved),
                Err(e) => leptos::logging::warn!("saved session: {e}"),
            }
        });
    }
    provide_context(state);
    crate::client::start(move |resp| state.apply(resp));
    Effect::new(move |_| {
        if state.ready.get() {
            crate::components::chart::warm_up();
        }
    });
    // The whole page is drawn anew when the language changes: every component reads the
    // ambient language once as it builds (no reactive closure per phrase), and the results it
    // shows live in `state`, with their prose in both languages. The picker keeps the focus.
    let mut first = true;
    move || {
        let lang = state.lang.get();
        crate::components::language::apply(lang);
        if !std::mem::take(&mut first) {
            refocus("lang-select");
        }
        view! {
            <header class="topbar">
                <div class="brand">
                    <span class="logo" aria-hidden="true">"◆"</span>
                    <span class="name">"Klaster"</span>
                    <span class="tagline">{t("Customer segments and response scores, in your browser", "Segmen pelanggan dan skor respons, di peramban Anda")}</span>
                </div>
                <div class="top-right">
                <span class="privacy" title=t("No data is uploaded: all analysis runs inside this browser tab.", "Tidak ada data yang diunggah: semua analisis berjalan di dalam tab peramban ini.")>
                    <svg class="lock" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
                        <path d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 0 0-4 0v2z" fill="currentColor"></path>
                    </svg>
                    {t("Your data never leaves this tab", "Data Anda tidak pernah keluar dari tab ini")}
                </span>
                <LanguagePicker lang=state.lang/>
                <ThemeToggle dark=state.dark/>
                </div>
            </header>
            <Stepper state=state/>
            <main class="page" data-ready=move || state.ready.get().to_string() data-wasm-memory=move || state.memory.get().map(|b| b.to_string())>
                <Workspace state=state/>
            </main>
        }
    }
}

/// Gives the focus to the element with this id once the page has been drawn.
fn refocus(id: &'static str) {
    request_animation_frame(move || focus_id(id));
}

/// Puts the keyboard focus on the element with `id`, if there is one.
fn focus_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The Load step's content for a given state (separate from [`App`] so tests can mount it
/// without a worker).
#[component]
pub fn Workspace(state: AppState) -> impl IntoView {
    let has_report = move || state.report.with(Option::is_some);
    view! {
        <section class="step" id="load" aria-labelledby="load-title">
            <h1 id="load-title">{t("Load your customer data", "Muat data pelanggan Anda")}</h1>
            <p class="lead">
                {t(
                    "Drop a table of customers, purchases, calls or shops: CSV, text, or an Excel or OpenDocument workbook. Klaster recognises the sheet, the delimiter, the encoding and the column types by itself.",
                    "Letakkan tabel pelanggan, pembelian, panggilan, atau toko: CSV, teks, atau buku kerja Excel atau OpenDocument. Klaster mengenali lembar, pemisah, pengodean, dan tipe kolom dengan sendirinya.",
                )}
            </p>
            <RestoreBanner state=state/>
            <LoadPanel state=state/>
            <RememberControls state=state/>
            <ProgressBar busy=state.busy notice=state.notice/>
            <ErrorBanner error=state.error/>
        </section>
        <Show when=has_report fallback=|| view! { <p class="empty-hint">{t("No data loaded yet.", "Belum ada data yang dimuat.")}</p> }>
            <FileSummary state=state/>
            <div class="two-col">
                <ColumnTable state=state/>
                <Later><PreviewTable report=state.report/></Later>
            </div>
            <section class="step" id="profile" aria-labelledby="profile-title">
                <h1 id="profile-title">{t("Profile", "Profil")}</h1>
                <ProfileSummary state=state/>
                <Later>
                    <div class="two-col">
                        <ColumnExplorer state=state/>
                        <TargetCard profile=state.profile/>
                    </div>
                </Later>
                <Later><CorrelationCard profile=state.profile/></Later>
                <Later><StatsTable profile=state.profile/></Later>
            </section>
            <Later><PrepareStep state=state/></Later>
            <Later><SegmentStep state=state/></Later>
            <Later><ScoreStep state=state/></Later>
            <Later><PlanStep state=state/></Later>
        </Show>
    }
}
