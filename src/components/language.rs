//! English or Bahasa Indonesia. The picker sets the engine's ambient language
//! ([`klaster_engine::i18n`]) and `AppState::lang`; [`crate::app::App`] draws the page anew in
//! the new language (the results stay: they live in signals and carry their prose in both
//! languages). The choice is remembered in `localStorage`, like the theme; without one the
//! browser's preferred languages decide.

use klaster_engine::i18n::{self, t, Lang};
use leptos::prelude::*;

/// Where the choice is kept in `localStorage`.
pub const KEY: &str = crate::remember::LANGUAGE_KEY;

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The language at start: the remembered choice, else the first of the browser's preferred
/// languages that Klaster speaks, else English.
pub fn initial() -> Lang {
    if let Some(l) = storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|c| Lang::from_code(&c))
    {
        return l;
    }
    let nav = window().navigator();
    nav.languages()
        .iter()
        .filter_map(|v| v.as_string())
        .chain(nav.language())
        .find_map(|tag: String| Lang::from_code(&tag))
        .unwrap_or_default()
}

/// Makes `lang` the page's language: the engine's ambient language (sentences and number
/// formats) and `<html lang>` (screen readers' pronunciation).
pub fn apply(lang: Lang) {
    i18n::set_lang(lang);
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang.code());
    }
}

/// The picker in the top bar.
#[component]
pub fn LanguagePicker(lang: RwSignal<Lang>) -> impl IntoView {
    let on_change = move |ev: leptos::ev::Event| {
        let Some(next) = Lang::from_code(&event_target_value(&ev)) else {
            return;
        };
        if let Some(s) = storage() {
            let _ = s.set_item(KEY, next.code());
        }
        apply(next);
        lang.set(next);
    };
    let current = lang.get_untracked();
    let options = Lang::ALL
        .iter()
        .map(|l| {
            view! { <option value=l.code() selected=*l == current lang=l.code()>{l.name()}</option> }
        })
        .collect_view();
    view! {
        <label class="top-toggle lang-picker">
            <span aria-hidden="true">"🌐 "</span>
            <span class="visually-hidden">{t("Language", "Bahasa")}</span>
            <select id="lang-select" on:change=on_change
                title=t("Language of the page (remembered in this browser)", "Bahasa halaman (diingat di peramban ini)")>
                {options}
            </select>
        </label>
    }
}
