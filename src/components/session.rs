//! The Load step's "Remember this session" switch, "Forget everything", and the banner that
//! offers to restore a saved session ([`crate::remember`]).

use klaster_engine::i18n::{t, L10n, Lang};
use klaster_engine::tf;
use leptos::prelude::*;

use crate::remember;
use crate::state::AppState;

fn saved_when(ms: f64) -> String {
    js_sys::Date::new(&ms.into())
        .to_locale_string(
            match klaster_engine::i18n::lang() {
                Lang::En => "en-GB",
                Lang::Id => "id-ID",
            },
            &wasm_bindgen::JsValue::UNDEFINED,
        )
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
                state.notice.set(Some(L10n {
                    en: "Everything Klaster kept in this browser is deleted: the saved session and your preferences.".into(),
                    id: "Semua yang disimpan Klaster di peramban ini sudah dihapus: sesi tersimpan dan preferensi Anda.".into(),
                }));
            }
            Err(e) => state.error.set(Some(L10n::build(|| {
                tf!(
                    "Could not delete the saved session: {e}.",
                    "Sesi tersimpan tidak dapat dihapus: {e}."
                )
            }))),
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
                state.error.set(Some(L10n::build(|| {
                    tf!(
                        "This browser cannot keep the session: {e}.",
                        "Peramban ini tidak dapat menyimpan sesi: {e}."
                    )
                })));
            }
        });
    };
    view! {
        <div class="remember">
            <label class="check">
                <input type="checkbox" id="remember" prop:checked=move || state.remember.get() on:change=on_change/>
                {t(" Remember this session in this browser", " Ingat sesi ini di peramban ini")}
            </label>
            <span class="hint">{t(
                "Off by default. The file and your choices stay on this computer, in this browser's storage.",
                "Mati secara bawaan. Berkas dan pilihan Anda tetap di komputer ini, di penyimpanan peramban ini.",
            )}</span>
            <button type="button" id="forget" class="link" on:click=move |_| forget(state)>{t("Forget everything", "Lupakan semuanya")}</button>
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
        state.begin(|| {
            let source = saved.source();
            tf!(
                "Restoring your last session ({source})",
                "Memulihkan sesi terakhir Anda ({source})"
            )
        });
        for (request, file) in &saved.entries {
            crate::client::send(request, file.as_ref());
        }
    };
    move || {
        state.saved.get().map(|s| {
            let (source, n, when) = (s.source(), s.entries.len(), saved_when(s.saved_at));
            let text = if n == 1 {
                tf!(
                    "Your last session is saved in this browser: {source}, {n} step, saved {when}.",
                    "Sesi terakhir Anda tersimpan di peramban ini: {source}, {n} langkah, disimpan {when}."
                )
            } else {
                tf!(
                    "Your last session is saved in this browser: {source}, {n} steps, saved {when}.",
                    "Sesi terakhir Anda tersimpan di peramban ini: {source}, {n} langkah, disimpan {when}."
                )
            };
            view! {
                <div class="notice restore" id="restore-banner" role="status">
                    <span>{text}</span>
                    <button type="button" id="restore-session" class="button primary" on:click=restore>{t("Restore it", "Pulihkan")}</button>
                    <button type="button" class="link" on:click=move |_| forget(state)>{t("Forget everything", "Lupakan semuanya")}</button>
                </div>
            }
        })
    }
}
