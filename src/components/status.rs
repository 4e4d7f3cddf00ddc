//! Progress of long steps and error messages.

use leptos::prelude::*;

use crate::app::Busy;

/// The running step with its progress and a Cancel button (the worker is restarted with the
/// file and the user's choices, without the cancelled step: `client::cancel`); otherwise the
/// last notice.
#[component]
pub fn ProgressBar(
    busy: RwSignal<Option<Busy>>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let on_cancel = move |_| {
        busy.set(None);
        if crate::client::cancel() {
            notice.set(Some("Cancelling…".into()));
        }
    };
    move || {
        match busy.get() {
        Some(b) => {
            let pct = b.fraction.map(|f| (f * 100.0).clamp(0.0, 100.0));
            view! {
                <div id="status" class="progress" role="status" aria-live="polite">
                    <span class="progress-label">{b.label.clone()} "…"</span>
                    <progress max="100" value=pct.map(|p| format!("{p:.0}")) aria-label=b.label></progress>
                    <button id="cancel-button" class="link" on:click=on_cancel>"Cancel"</button>
                </div>
            }
            .into_any()
        }
        None => notice
            .get()
            .map(|n| {
                view! {
                    <p id="notice" class="note" role="status">
                        {n} " "
                        <button class="link" on:click=move |_| notice.set(None) aria-label="Dismiss the notice">
                            "Dismiss"
                        </button>
                    </p>
                }
            })
            .into_any(),
    }
    }
}

#[component]
pub fn ErrorBanner(error: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        error.get().map(|msg| {
            view! {
                <div id="error" class="error" role="alert">
                    <strong>"This file could not be loaded. "</strong>
                    <span class="error-message">{msg}</span>
                    <button class="link" on:click=move |_| error.set(None) aria-label="Dismiss the message">
                        "Dismiss"
                    </button>
                </div>
            }
        })
    }
}
