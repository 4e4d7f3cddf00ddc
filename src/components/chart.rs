//! ECharts rendering (through charming) and the distribution card of the Load step.

use charming::Chart;
use klaster_engine::profile::Histogram;
use klaster_engine::ColumnType;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlSelectElement;

use klaster_engine::i18n::t;
use klaster_engine::tf;

use crate::charts::{bin_labels, boxplot_chart, category_chart, count, histogram_chart};
use crate::client;
use crate::format::{compact, percent};
use crate::protocol::Request;
use crate::state::AppState;

#[wasm_bindgen]
extern "C" {
    /// `echarts.dispose(element)`: frees the chart previously drawn in an element, if any.
    #[wasm_bindgen(js_namespace = echarts, js_name = dispose, catch)]
    fn echarts_dispose(el: &web_sys::Element) -> Result<(), JsValue>;

    /// `echarts.init(element, theme)`: a new chart in an element (`null` = the default
    /// theme, `"dark"` = ECharts' built-in dark one).
    #[wasm_bindgen(js_namespace = echarts, js_name = init, catch)]
    fn echarts_init(el: &web_sys::Element, theme: &JsValue) -> Result<JsValue, JsValue>;

    /// `echarts.getInstanceByDom(element)`: the chart drawn in an element (undefined if none).
    #[wasm_bindgen(js_namespace = echarts, js_name = getInstanceByDom, catch)]
    fn echarts_instance(el: &web_sys::Element) -> Result<JsValue, JsValue>;
}

/// The chart in element `id` as a PNG data URL (twice the screen resolution, white ground).
fn png_url(id: &str) -> Option<String> {
    if !echarts_loaded() {
        return None;
    }
    let el = document().get_element_by_id(id)?;
    let chart = echarts_instance(&el).ok()?;
    let get = js_sys::Reflect::get(&chart, &"getDataURL".into()).ok()?;
    let get: js_sys::Function = get.dyn_into().ok()?;
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"type".into(), &"png".into()).ok()?;
    js_sys::Reflect::set(&options, &"pixelRatio".into(), &2.into()).ok()?;
    // The page's own ground, so that the dark theme's light text stays readable.
    let ground = if super::theme::page_is_dark() {
        DARK_GROUND
    } else {
        "#ffffff"
    };
    js_sys::Reflect::set(&options, &"backgroundColor".into(), &ground.into()).ok()?;
    get.call1(&chart, &options).ok()?.as_string()
}

/// The dark theme's card colour (`--surface` in style/main.css), behind exported PNGs.
const DARK_GROUND: &str = "#1b2230";

fn echarts_loaded() -> bool {
    js_sys::Reflect::has(&js_sys::global(), &"echarts".into()).unwrap_or(false)
}

/// A number as ECharts shows it, in the page's language: `1.234`, `0,25` in Indonesian.
/// Text (category names, "-" for no value) is left as it is; ECharts escapes it.
fn readable(v: &JsValue) -> JsValue {
    match v.as_f64() {
        Some(n) => crate::format::number(n).into(),
        None if js_sys::Array::is_array(v) => js_sys::Array::from(v)
            .iter()
            .map(|x| readable(&x))
            .collect::<js_sys::Array>()
            .into(),
        None => v.clone(),
    }
}

/// A label's number: a point's value, the last of a list (a heatmap cell is `[x, y, r]`).
fn label_text(params: JsValue) -> String {
    let value = js_sys::Reflect::get(&params, &"value".into()).unwrap_or(JsValue::UNDEFINED);
    let value = if js_sys::Array::is_array(&value) {
        js_sys::Array::from(&value).pop()
    } else {
        value
    };
    match value.as_f64() {
        Some(n) => crate::format::number(n),
        None => value.as_string().filter(|s| s != "-").unwrap_or_default(),
    }
}

/// ECharts writes numbers with English marks (`100,000`, `0.25`) wherever it formats them
/// itself — value axes, tooltips, value labels, mark-line labels, the heatmap's scale — and a
/// JSON option cannot hold a function. In Indonesian each of those gets a formatter that writes
/// the page's marks (`100.000`, `0,25`); a formatter the chart already has is kept. Category
/// axes show the data's labels as they are.
fn localise_numbers(option: &JsValue) {
    use js_sys::{Array, Object, Reflect};
    use klaster_engine::i18n::{lang, Lang};
    use wasm_bindgen::closure::Closure;
    if lang() == Lang::En {
        return;
    }
    thread_local! {
        /// One function of each kind for every chart (made once, kept for the page's life).
        static AXIS: JsValue =
            Closure::<dyn Fn(f64) -> String>::new(crate::format::number).into_js_value();
        static VALUE: JsValue =
            Closure::<dyn Fn(JsValue) -> JsValue>::new(|v: JsValue| readable(&v)).into_js_value();
        static LABEL: JsValue = Closure::<dyn Fn(JsValue) -> String>::new(label_text).into_js_value();
        /// The heatmap's scale runs over correlations: two decimals.
        static SCALE: JsValue = Closure::<dyn Fn(f64) -> String>::new(|v: f64| {
            crate::format::number((v * 100.0).round() / 100.0)
        })
        .into_js_value();
    }
    /// The components under `key` (ECharts accepts one or a list).
    fn components(parent: &JsValue, key: &str) -> Vec<JsValue> {
        match Reflect::get(parent, &key.into()) {
            Ok(v) if Array::is_array(&v) => Array::from(&v).iter().collect(),
            Ok(v) if v.is_object() => vec![v],
            _ => vec![],
        }
    }
    /// `object[key]`, made an empty object if it is not one.
    fn child(object: &JsValue, key: &str) -> JsValue {
        match Reflect::get(object, &key.into()) {
            Ok(c) if c.is_object() => c,
            _ => {
                let c: JsValue = Object::new().into();
                let _ = Reflect::set(object, &key.into(), &c);
                c
            }
        }
    }
    /// Sets `object[key] = f` unless the chart set one already.
    fn keep_or_set(object: &JsValue, key: &str, f: &'static std::thread::LocalKey<JsValue>) {
        if !Reflect::has(object, &key.into()).unwrap_or(true) {
            f.with(|f| {
                let _ = Reflect::set(object, &key.into(), f);
            });
        }
    }
    for key in ["xAxis", "yAxis"] {
        for axis in components(option, key) {
            let kind = Reflect::get(&axis, &"type".into())
                .ok()
                .and_then(|t| t.as_string());
            let numeric = match kind.as_deref() {
                Some("value" | "log") => true,
                None => key == "yAxis",
                Some(_) => false,
            };
            if numeric {
                keep_or_set(&child(&axis, "axisLabel"), "formatter", &AXIS);
            }
        }
    }
    for tooltip in components(option, "tooltip") {
        if !Reflect::has(&tooltip, &"formatter".into()).unwrap_or(true) {
            keep_or_set(&tooltip, "valueFormatter", &VALUE);
        }
    }
    for series in components(option, "series") {
        if let Ok(label) = Reflect::get(&series, &"label".into()) {
            if label.is_object() {
                keep_or_set(&label, "formatter", &LABEL);
            }
        }
        if let Ok(mark) = Reflect::get(&series, &"markLine".into()) {
            if mark.is_object() {
                keep_or_set(&child(&mark, "label"), "formatter", &LABEL);
            }
        }
    }
    for scale in components(option, "visualMap") {
        keep_or_set(&scale, "formatter", &SCALE);
    }
}

/// Draws `chart` into the element with `id`, replacing what was drawn there.
pub fn draw(id: &str, chart: &Chart) -> Result<(), String> {
    if !echarts_loaded() {
        return Err(t(
            "Charts are unavailable: echarts.min.js did not load.",
            "Grafik tidak tersedia: echarts.min.js tidak termuat.",
        )
        .into());
    }
    let el = document()
        .get_element_by_id(id)
        .ok_or_else(|| format!("no element #{id}"))?;
    echarts_dispose(&el).map_err(|e| format!("{e:?}"))?;
    // charming's own renderer cannot set options it does not model (the large scatter mode):
    // the option goes over as JSON, completed by `charts::echarts_option`.
    let option = crate::charts::echarts_option(chart).map_err(|e| e.to_string())?;
    let option = js_sys::JSON::parse(&option).map_err(|e| format!("{e:?}"))?;
    localise_numbers(&option);
    let dark = super::theme::page_is_dark();
    let theme = if dark {
        JsValue::from_str("dark")
    } else {
        JsValue::NULL
    };
    // Which theme the chart was drawn in, for the tests.
    let _ = el.set_attribute("data-theme", if dark { "dark" } else { "light" });
    let instance = echarts_init(&el, &theme).map_err(|e| format!("{e:?}"))?;
    let set: js_sys::Function = js_sys::Reflect::get(&instance, &"setOption".into())
        .map_err(|e| format!("{e:?}"))?
        .dyn_into()
        .map_err(|_| "setOption is not a function".to_string())?;
    set.call1(&instance, &option)
        .map(|_| ())
        .map_err(|e| format!("{e:?}"))
}

/// Draws two throw-away charts off screen, one per task, once the worker is ready. ECharts
/// compiles its code on first use: the first real chart took 110–170 ms of main thread on a
/// million-row file (Long Tasks API). Done while the user is still choosing a file, each stage
/// costs about as much as a later chart, and the first real chart no longer carries it.
pub fn warm_up() {
    const ID: &str = "echarts-warm-up";
    let Some(body) = document().body() else {
        return;
    };
    if !echarts_loaded() || document().get_element_by_id(ID).is_some() {
        return;
    }
    let Ok(el) = document().create_element("div") else {
        return;
    };
    el.set_id(ID);
    let _ = el.set_attribute("aria-hidden", "true");
    let _ = el.set_attribute("class", "warm-up");
    if body.append_child(&el).is_err() {
        return;
    }
    let stages = crate::charts::warm_up_charts();
    fn stage(mut rest: Vec<Chart>) {
        set_timeout(
            move || {
                if rest.is_empty() {
                    if let Some(el) = document().get_element_by_id(ID) {
                        let _ = echarts_dispose(&el);
                        el.remove();
                    }
                    return;
                }
                let chart = rest.remove(0);
                if let Err(e) = draw(ID, &chart) {
                    leptos::logging::warn!("chart warm-up: {e}");
                }
                stage(rest);
            },
            std::time::Duration::from_millis(50),
        );
    }
    stage(stages);
}

thread_local! {
    /// Charts waiting to be drawn, by element id (a newer chart for the same id replaces one
    /// still waiting).
    static PENDING: std::cell::RefCell<Vec<(String, Chart)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Queues a draw. Charts are drawn one per browser task: a step's results bring up to a dozen
/// charts at once, and drawing them in one go held the main thread for 0.5 s on a million-row
/// file (measured with the Long Tasks API); one at a time, each stays well under 100 ms and
/// the page keeps responding in between.
fn schedule(id: String, chart: Chart) {
    let start = PENDING.with_borrow_mut(|p| {
        p.retain(|(i, _)| *i != id);
        p.push((id, chart));
        p.len() == 1
    });
    if start {
        draw_next();
    }
}

fn draw_next() {
    set_timeout(
        || {
            let next = PENDING.with_borrow_mut(|p| (!p.is_empty()).then(|| p.remove(0)));
            if let Some((id, chart)) = next {
                // The element may have gone with a newer result: nothing to draw then.
                if document().get_element_by_id(&id).is_some() {
                    if let Err(e) = draw(&id, &chart) {
                        leptos::logging::warn!("chart {id}: {e}");
                    }
                }
                if PENDING.with_borrow(|p| !p.is_empty()) {
                    draw_next();
                }
            }
        },
        std::time::Duration::ZERO,
    );
}

/// A chart container that redraws whenever `chart` or the theme changes. `label` is its text
/// alternative in a sentence; "Data table" under it opens the figures behind the chart
/// ([`crate::charts::chart_table`]), built only when opened.
#[component]
pub fn EChart(
    #[prop(into)] id: String,
    chart: Signal<Option<Chart>>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    let target = id.clone();
    let dark = use_context::<AppState>().map(|s| s.dark);
    Effect::new(move |_| {
        if let Some(d) = dark {
            d.track();
        }
        if let Some(c) = chart.get() {
            schedule(target.clone(), c);
        }
    });
    let open = RwSignal::new(false);
    let on_toggle = move |ev: leptos::ev::Event| {
        let now = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
        open.set(now);
    };
    let table = move || {
        if !open.get() {
            return None;
        }
        let t = chart.with(|c| c.as_ref().map(crate::charts::chart_table))?;
        let head = t
            .columns
            .iter()
            .map(|c| view! { <th scope="col">{c.clone()}</th> })
            .collect_view();
        let cut = (t.total_rows > t.rows.len()).then(|| {
            tf!(
                "The first {} of {} rows.",
                "{} baris pertama dari {}.",
                t.rows.len(),
                crate::format::thousands(t.total_rows as u64)
            )
        });
        let rows = t
            .rows
            .into_iter()
            .map(|r| {
                let mut cells = r.into_iter();
                let first = cells.next().unwrap_or_default();
                let rest = cells.map(|c| view! { <td>{c}</td> }).collect_view();
                view! { <tr><th scope="row">{first}</th>{rest}</tr> }
            })
            .collect_view();
        Some(view! {
            <div class="scroll chart-table" tabindex="0">
                <table class="data">
                    <caption class="visually-hidden">{move || label.get()}</caption>
                    <thead><tr>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="note">{cut}</p>
        })
    };
    let table_id = format!("{id}-data");
    let png = id.clone();
    let on_png = move |_| {
        let saved = png_url(&png)
            .is_some_and(|url| crate::download::download_url(&format!("{png}.png"), &url));
        if !saved {
            leptos::logging::warn!("chart {png}: no image to save");
        }
    };
    view! {
        <div class="chart-box">
            <div id=id class="chart" role="img" aria-label=move || label.get()></div>
            <button type="button" class="chart-png" title=t("Download this chart as PNG", "Unduh grafik ini sebagai PNG")
                aria-label=move || tf!("Download as PNG: {}", "Unduh sebagai PNG: {}", label.get())
                on:click=on_png>"PNG"</button>
            <details class="chart-data" id=table_id on:toggle=on_toggle>
                <summary>{t("Data table", "Tabel data")}</summary>
                {table}
            </details>
        </div>
    }
}

/// One column at a time: a histogram and box plot for numbers (the histogram comes from the
/// worker, which holds the data), a bar chart of category shares for categories.
#[component]
pub fn ColumnExplorer(state: AppState) -> impl IntoView {
    let column = move || {
        let name = state.selected.get()?;
        state
            .profile
            .with(|p| p.as_ref()?.columns.iter().find(|c| c.name == name).cloned())
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let name = event_target::<HtmlSelectElement>(&ev).value();
        let numeric = state.chartable.with(|c| c.contains(&name));
        state.selected.set(Some(name.clone()));
        if numeric {
            state.begin(|| t("Computing the distribution", "Menghitung distribusi"));
            client::send(&Request::Histogram { column: name }, None);
        }
    };
    let options = move || {
        let current = state.selected.get();
        state.profile.with(|p| {
            p.iter()
                .flat_map(|p| p.columns.iter())
                .filter(|c| c.stats.is_some() || !c.top.is_empty())
                .filter(|c| c.kind != ColumnType::Identifier)
                .map(|c| {
                    let selected = current.as_deref() == Some(c.name.as_str());
                    view! { <option value=c.name.clone() selected=selected>{c.name.clone()}</option> }
                })
                .collect_view()
        })
    };
    let histogram = Signal::derive(move || {
        let name = state.selected.get()?;
        state.histogram.get().filter(|h| h.column == name)
    });
    let hist_chart = Signal::derive(move || histogram.get().as_ref().map(histogram_chart));
    let hist_label =
        Signal::derive(move || histogram.with(|h| h.as_ref().map(describe).unwrap_or_default()));
    let box_chart = Signal::derive(move || {
        let c = column()?;
        c.stats
            .as_ref()
            .filter(|_| c.kind.is_quantity())
            .map(|s| boxplot_chart(&c.name, s))
    });
    let cat_chart = Signal::derive(move || {
        let c = column()?;
        (!c.kind.is_quantity() && !c.top.is_empty())
            .then(|| category_chart(&c.name, &c.top, c.other))
    });
    let cat_label = Signal::derive(move || {
        column()
            .map(|c| {
                let parts: Vec<String> = c
                    .top
                    .iter()
                    .take(5)
                    .map(|t| format!("{} {}", t.value, percent(t.share)))
                    .collect();
                tf!(
                    "Shares of {}: {}.",
                    "Porsi {}: {}.",
                    c.name,
                    parts.join(", ")
                )
            })
            .unwrap_or_default()
    });
    let box_label = Signal::derive(move || {
        column()
            .and_then(|c| {
                let s = c.stats?;
                Some(tf!(
                    "Box plot of {}: median {}, middle half {}–{}, {} outliers.",
                    "Diagram kotak {}: median {}, separuh tengah {}–{}, {} pencilan.",
                    c.name,
                    compact(s.median),
                    compact(s.q1),
                    compact(s.q3),
                    count(s.outliers_low + s.outliers_high)
                ))
            })
            .unwrap_or_default()
    });
    view! {
        <section id="distribution" class="card" aria-labelledby="distribution-title">
            <div class="card-head">
                <h2 id="distribution-title">{t("Column explorer", "Penjelajah kolom")}</h2>
                <label class="picker">
                    {t("Column ", "Kolom ")}
                    <select id="chart-column" on:change=on_pick>{options}</select>
                </label>
            </div>
            <Show when=move || hist_chart.with(Option::is_some)>
                <EChart id="load-chart" chart=hist_chart label=hist_label/>
                <p class="chart-note">{move || hist_label.get()}</p>
            </Show>
            <Show when=move || box_chart.with(Option::is_some)>
                <div class="chart-small">
                    <EChart id="box-chart" chart=box_chart label=box_label/>
                </div>
                <p class="chart-note">{move || box_label.get()}</p>
            </Show>
            <Show when=move || cat_chart.with(Option::is_some)>
                <EChart id="category-chart" chart=cat_chart label=cat_label/>
                <p class="chart-note">{move || cat_label.get()}</p>
            </Show>
        </section>
    }
}

/// The text alternative of a histogram: what the chart shows, in a sentence.
pub fn describe(h: &Histogram) -> String {
    let labels = bin_labels(h);
    let (peak, peak_rows) = h
        .counts
        .iter()
        .enumerate()
        .max_by_key(|(_, c)| **c)
        .map(|(i, c)| (labels[i].clone(), *c))
        .unwrap_or_default();
    let clipped = h.clipped_low + h.clipped_high;
    let total = h.counts.iter().sum::<u64>() as usize + clipped;
    let missing = if h.missing > 0 {
        tf!(", {} missing", ", {} kosong", count(h.missing))
    } else {
        String::new()
    };
    let beyond = if clipped > 0 {
        tf!(
            " {} far outliers lie beyond the bars (see the box plot).",
            " {} pencilan jauh berada di luar batang (lihat diagram kotak).",
            count(clipped)
        )
    } else {
        String::new()
    };
    tf!(
        "Histogram of {}: {} values from {} to {}{}; most common range {} ({} rows).{}",
        "Histogram {}: {} nilai dari {} sampai {}{}; rentang tersering {} ({} baris).{}",
        h.column,
        count(total),
        compact(h.min),
        compact(h.max),
        missing,
        peak,
        count(peak_rows as usize),
        beyond
    )
}
