//! Where the keyboard focus goes when the page is drawn anew: a keyboard or screen-reader
//! user keeps their place when an answer of the worker replaces the element they were on.

use leptos::prelude::*;

/// Gives the focus back to the element with the id that has it now, if an update replaces it
/// (the focus then falls to the page's body).
pub fn keep_focus() {
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

/// Gives the focus to the element with this id once the page has been drawn.
pub fn refocus(id: &'static str) {
    request_animation_frame(move || focus_id(id));
}

/// Puts the keyboard focus on the element with `id`, if there is one.
pub fn focus_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
