//! Drop zone, file picker and the sample button.

use klaster_engine::sample::DEFAULT_SEED;
use leptos::prelude::*;
use web_sys::{DragEvent, File, HtmlInputElement};

use crate::app::AppState;
use crate::client;
use crate::protocol::{Request, SAMPLE_ROWS};

fn load_file(state: AppState, file: File) {
    state.begin(format!("Reading {}", file.name()));
    let request = Request::LoadFile {
        name: file.name(),
        size: file.size() as u64,
    };
    client::send(&request, Some(&file));
}

#[component]
pub fn LoadPanel(state: AppState) -> impl IntoView {
    let dragging = RwSignal::new(false);
    let on_pick = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            load_file(state, file);
        }
        // Allow picking the same file again after fixing it.
        input.set_value("");
    };
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            load_file(state, file);
        }
    };
    let on_sample = move |_| {
        state.begin("Generating the sample customers");
        client::send(
            &Request::LoadSample {
                rows: SAMPLE_ROWS,
                seed: DEFAULT_SEED,
            },
            None,
        );
    };
    let busy = move || state.busy.with(Option::is_some);
    view! {
        <div
            class="dropzone"
            class:dragging=move || dragging.get()
            on:dragover=move |ev: DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <p class="drop-title">"Drag a file here"</p>
            <p class="drop-sub">"CSV, TSV or TXT · comma, semicolon, tab or pipe separated"</p>
            <div class="actions">
                <label class="button primary" for="file-input">"Choose a file…"</label>
                <input
                    id="file-input"
                    class="visually-hidden"
                    type="file"
                    accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
                    on:change=on_pick
                />
                <button id="sample-button" class="button" on:click=on_sample disabled=busy>
                    "Try sample data"
                </button>
            </div>
            <p class="drop-note">
                "The sample is a generated table of 2,240 customers shaped like the public "
                "“Customer Personality Analysis” data."
            </p>
        </div>
    }
}
