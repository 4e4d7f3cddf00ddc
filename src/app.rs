//! The root component: the page's header, the Load step and the steps after it, over the
//! state in [`crate::state`].

use klaster_engine::i18n::t;
use leptos::prelude::*;

use crate::components::language::LanguagePicker;
use crate::components::{
    ColumnExplorer, ColumnTable, CorrelationCard, ErrorBanner, FileSummary, LoadPanel,
    PreviewTable, ProfileSummary, ProgressBar, StatsTable, TargetCard,
};
use crate::components::{Later, PlanStep, ScoreStep, Stepper, ThemeToggle};
use crate::components::{PrepareStep, SegmentStep};
use crate::components::{RememberControls, RestoreBanner};
use crate::focus::refocus;
use crate::state::AppState;

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
