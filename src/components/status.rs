//! Progress of long steps and error messages.

use leptos::prelude::*;

use crate::app::Busy;

#[component]
pub fn ProgressBar(busy: RwSignal<Option<Busy>>) -> impl IntoView {
    move || {
        busy.get().map(|b| {
            let pct = b.fraction.map(|f| (f * 100.0).clamp(0.0, 100.0));
            view! {
                <div id="status" class="progress" role="status" aria-live="polite">
                    <span class="progress-label">{b.label.clone()} "…"</span>
                    <progress max="100" value=pct.map(|p| format!("{p:.0}")) aria-label=b.label></progress>
                </div>
            }
        })
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
