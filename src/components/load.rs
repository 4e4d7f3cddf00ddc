//! Drop zone, file picker and the sample button.

use klaster_engine::sample::{SampleKind, DEFAULT_SEED};
use leptos::prelude::*;
use web_sys::{DragEvent, File, HtmlInputElement};

use crate::app::AppState;
use crate::client;
use crate::protocol::Request;

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
    let sample = move |kind: SampleKind| {
        state.begin(format!("Generating {}", sample_label(kind).to_lowercase()));
        client::send(
            &Request::LoadSample {
                kind,
                rows: kind.page_rows(),
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
            </div>
            <div class="samples" role="group" aria-labelledby="samples-title">
                <p id="samples-title" class="drop-note">
                    "Or try generated sample data, shaped like the public files (made up by "
                    "Klaster, no real customers):"
                </p>
                <div class="actions">
                    <button id="sample-button" class="button" disabled=busy
                        on:click=move |_| sample(SampleKind::Customers)
                        title="2,240 customers: demographics, purchases by product line, campaign responses (Kaggle Customer Personality Analysis)">
                        "Customer personality"
                    </button>
                    <button id="sample-bank" class="button" disabled=busy
                        on:click=move |_| sample(SampleKind::Bank)
                        title="45,211 telemarketing calls with their outcome (UCI Bank Marketing)">
                        "Bank calls"
                    </button>
                    <button id="sample-list" class="button" disabled=busy
                        on:click=move |_| sample(SampleKind::CustomerList)
                        title="50 customers with numbers and categories, Indonesian column names (DQLab exercise)">
                        "Small mixed list"
                    </button>
                </div>
            </div>
        </div>
    }
}

/// The sample's name in the progress bar ("Generating the bank calls").
fn sample_label(kind: SampleKind) -> &'static str {
    match kind {
        SampleKind::Customers => "The sample customers",
        SampleKind::Bank => "The sample bank calls",
        SampleKind::CustomerList => "The small mixed customer list",
    }
}
