//! ECharts rendering (through charming) and the distribution card of the Load step.

use charming::{Chart, WasmRenderer};
use klaster_engine::profile::Histogram;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlSelectElement;

use crate::app::AppState;
use crate::charts::{bin_labels, histogram_chart};
use crate::client;
use crate::protocol::Request;

#[wasm_bindgen]
extern "C" {
    /// `echarts.dispose(element)`: frees the chart previously drawn in an element, if any.
    #[wasm_bindgen(js_namespace = echarts, js_name = dispose, catch)]
    fn echarts_dispose(el: &web_sys::Element) -> Result<(), JsValue>;
}

fn echarts_loaded() -> bool {
    js_sys::Reflect::has(&js_sys::global(), &"echarts".into()).unwrap_or(false)
}

/// Draws `chart` into the element with `id`, replacing what was drawn there.
pub fn draw(id: &str, chart: &Chart) -> Result<(), String> {
    if !echarts_loaded() {
        return Err("Charts are unavailable: echarts.min.js did not load.".into());
    }
    let el = document()
        .get_element_by_id(id)
        .ok_or_else(|| format!("no element #{id}"))?;
    echarts_dispose(&el).map_err(|e| format!("{e:?}"))?;
    WasmRenderer::new_opt(None, None)
        .render(id, chart)
        .map(|_| ())
        .map_err(|e| format!("{e:?}"))
}

/// A chart container that redraws whenever `chart` changes. `label` is its text alternative.
#[component]
pub fn EChart(
    #[prop(into)] id: String,
    chart: Signal<Option<Chart>>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    let target = id.clone();
    Effect::new(move |_| {
        if let Some(c) = chart.get() {
            if let Err(e) = draw(&target, &c) {
                leptos::logging::warn!("chart {target}: {e}");
            }
        }
    });
    view! { <div id=id class="chart" role="img" aria-label=move || label.get()></div> }
}

/// The distribution of one numeric column, with a picker for the column.
#[component]
pub fn HistogramCard(state: AppState) -> impl IntoView {
    let chart = Signal::derive(move || state.histogram.get().as_ref().map(histogram_chart));
    let label = Signal::derive(move || {
        state
            .histogram
            .with(|h| h.as_ref().map(describe).unwrap_or_default())
    });
    let on_pick = move |ev: leptos::ev::Event| {
        let select: HtmlSelectElement = event_target(&ev);
        state.begin("Computing the distribution");
        client::send(
            &Request::Histogram {
                column: select.value(),
            },
            None,
        );
    };
    let options = move || {
        let current = state
            .histogram
            .with(|h| h.as_ref().map(|h| h.column.clone()));
        state
            .chartable
            .get()
            .into_iter()
            .map(|name| {
                let selected = current.as_deref() == Some(name.as_str());
                view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
            })
            .collect_view()
    };
    view! {
        <section id="distribution" class="card" aria-labelledby="distribution-title">
            <div class="card-head">
                <h2 id="distribution-title">"Distribution"</h2>
                <label class="picker">
                    "Column "
                    <select id="chart-column" on:change=on_pick>{options}</select>
                </label>
            </div>
            <Show
                when=move || state.histogram.with(Option::is_some)
                fallback=|| view! { <p class="empty-hint">"This file has no numeric column to chart."</p> }
            >
                <EChart id="load-chart" chart=chart label=label/>
                <p class="chart-note">{move || label.get()}</p>
            </Show>
        </section>
    }
}

/// The text alternative of a histogram: what the chart shows, in a sentence.
pub fn describe(h: &Histogram) -> String {
    let labels = bin_labels(h);
    let (peak, count) = h
        .counts
        .iter()
        .enumerate()
        .max_by_key(|(_, c)| **c)
        .map(|(i, c)| (labels[i].clone(), *c))
        .unwrap_or_default();
    let total: u64 = h.counts.iter().sum();
    let missing = if h.missing > 0 {
        format!(", {} missing", h.missing)
    } else {
        String::new()
    };
    format!(
        "Histogram of {}: {} values from {} to {}{}; most common range {} ({} rows).",
        h.column,
        total,
        crate::format::compact(h.min),
        crate::format::compact(h.max),
        missing,
        peak,
        count
    )
}
