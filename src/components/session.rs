//! The Load step's "Remember this session" switch, "Forget everything", and the banner that
//! offers to restore a saved session ([`crate::remember`]).

use leptos::prelude::*;

use crate::app::AppState;
use crate::remember;

fn saved_when(ms: f64) -> String {
    js_sys::Date::new(&ms.into())
        .to_locale_string("en-GB", &wasm_bindgen::JsValue::UNDEFINED)
        .into()
}

/// Deletes the saved session and the preferences; the theme falls back to the system's.
fn forget(state: AppState) {
    wasm_bindgen_futures::spawn_local(async move {
        match remember::forget_everything().await {
            Ok(()) => {
                state.remember.set(false);
                state.saved.set(None);
                let dark = super::theme::initial_dark();
                super::theme::apply(dark);
                state.dark.set(dark);
                state.notice.set(Some(
                    "Everything Klaster kept in this browser is deleted: the saved session and your preferences."
                        .into(),
                ));
            }
            Err(e) => state
                .error
                .set(Some(format!("Could not delete the saved session: {e}."))),
        }
    });
}

/// The switch (off by default) and "Forget everything".
#[component]
pub fn RememberControls(state: AppState) -> impl IntoView {
    let on_change = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        state.remember.set(on);
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(e) = remember::set_enabled(on, crate::client::journal()).await {
                state.remember.set(!on);
                state
                    .error
                    .set(Some(format!("This browser cannot keep the session: {e}.")));
            }
        });
    };
    view! {
        <div class="remember">
            <label class="check">
                <input type="checkbox" id="remember" prop:checked=move || state.remember.get() on:change=on_change/>
                " Remember this session in this browser"
            </label>
            <span class="hint">"Off by default. The file and your choices stay on this computer, in this browser's storage."</span>
            <button type="button" id="forget" class="link" on:click=move |_| forget(state)>"Forget everything"</button>
        </div>
    }
}

/// "Your last session is saved…": restore it or forget it.
#[component]
pub fn RestoreBanner(state: AppState) -> impl IntoView {
    let restore = move |_| {
        let Some(saved) = state.saved.get_untracked() else {
            return;
        };
        state.saved.set(None);
        state.begin(format!("Restoring your last session ({})", saved.source()));
        for (request, file) in &saved.entries {
            crate::client::send(request, file.as_ref());
        }
    };
    move || {
        state.saved.get().map(|s| {
            let text = format!(
                "Your last session is saved in this browser: {}, {} step{}, saved {}.",
                s.source(),
                s.entries.len(),
                if s.entries.len() == 1 { "" } else { "s" },
                saved_when(s.saved_at)
            );
            view! {
                <div class="notice restore" id="restore-banner" role="status">
                    <span>{text}</span>
                    <button type="button" id="restore-session" class="button primary" on:click=restore>"Restore it"</button>
                    <button type="button" class="link" on:click=move |_| forget(state)>"Forget everything"</button>
                </div>
            }
        })
    }
}
