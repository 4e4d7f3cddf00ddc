//! Progress of long steps and error messages.

use klaster_engine::i18n::{t, L10n};
use leptos::prelude::*;

use crate::state::Busy;

/// The running step with its progress and a Cancel button (the worker is restarted with the
/// file and the user's choices, without the cancelled step: `client::cancel`); otherwise the
/// last notice.
#[component]
pub fn ProgressBar(
    busy: RwSignal<Option<Busy>>,
    notice: RwSignal<Option<L10n<String>>>,
) -> impl IntoView {
    let on_cancel = move |_| {
        busy.set(None);
        if crate::client::cancel() {
            notice.set(Some(L10n {
                en: "Cancelling…".into(),
                id: "Membatalkan…".into(),
            }));
        }
    };
    move || {
        match busy.get() {
        Some(b) => {
            let pct = b.fraction.map(|f| (f * 100.0).clamp(0.0, 100.0));
            view! {
                <div id="status" class="progress" role="status" aria-live="polite">
                    <span class="progress-label">{b.label.get().clone()} "…"</span>
                    <progress max="100" value=pct.map(|p| format!("{p:.0}")) aria-label=b.label.get().clone()></progress>
                    <button id="cancel-button" class="link" on:click=on_cancel>{t("Cancel", "Batal")}</button>
                </div>
            }
            .into_any()
        }
        None => notice
            .get()
            .map(|n| {
                view! {
                    <p id="notice" class="note" role="status">
                        {n.get().clone()} " "
                        <button class="link" on:click=move |_| notice.set(None) aria-label=t("Dismiss the notice", "Tutup pemberitahuan")>
                            {t("Dismiss", "Tutup")}
                        </button>
                    </p>
                }
            })
            .into_any(),
    }
    }
}

#[component]
pub fn ErrorBanner(error: RwSignal<Option<L10n<String>>>) -> impl IntoView {
    move || {
        error.get().map(|msg| {
            view! {
                <div id="error" class="error" role="alert">
                    <strong>{t("This file could not be loaded. ", "Berkas ini tidak dapat dimuat. ")}</strong>
                    <span class="error-message">{msg.get().clone()}</span>
                    <button class="link" on:click=move |_| error.set(None) aria-label=t("Dismiss the message", "Tutup pesan")>
                        {t("Dismiss", "Tutup")}
                    </button>
                </div>
            }
        })
    }
}
