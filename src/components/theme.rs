//! Light and dark themes. The stylesheet follows the system's choice by itself (CSS
//! `light-dark()`, so there is no flash before the app starts); the toggle overrides it, sets
//! `data-theme` on the root element and remembers the choice in `localStorage` (a preference,
//! not data: nothing about the user's file is stored).

use klaster_engine::i18n::t;
use leptos::prelude::*;

/// Where the choice is kept in `localStorage`.
pub const KEY: &str = crate::remember::THEME_KEY;

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The system asks for dark colours.
fn system_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// The theme in effect at start: the remembered choice, else the system's.
pub fn initial_dark() -> bool {
    match storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .as_deref()
    {
        Some("dark") => true,
        Some("light") => false,
        _ => system_dark(),
    }
}

/// Puts the theme on the root element (the stylesheet's switch).
pub fn apply(dark: bool) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-theme", if dark { "dark" } else { "light" });
    }
}

/// The theme now on the page, as the charts read it when they draw.
pub fn page_is_dark() -> bool {
    document()
        .document_element()
        .and_then(|r| r.get_attribute("data-theme"))
        .map_or_else(system_dark, |t| t == "dark")
}

/// The toggle in the top bar. Charts redraw in the new colours (they read `dark`).
#[component]
pub fn ThemeToggle(dark: RwSignal<bool>) -> impl IntoView {
    let on_click = move |_| {
        let next = !dark.get_untracked();
        apply(next);
        if let Some(s) = storage() {
            let _ = s.set_item(KEY, if next { "dark" } else { "light" });
        }
        dark.set(next);
    };
    view! {
        <button type="button" id="theme-toggle" class="top-toggle" on:click=on_click
            aria-pressed=move || dark.get().to_string()
            title=t(
                "Switch between light and dark colours (remembered in this browser)",
                "Beralih antara warna terang dan gelap (diingat di peramban ini)",
            )>
            <span aria-hidden="true">{move || if dark.get() { "☀ " } else { "☾ " }}</span>
            {t("Dark theme", "Tema gelap")}
        </button>
    }
}
