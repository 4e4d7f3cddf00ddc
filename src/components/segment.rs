//! The Segment step: feature and algorithm choices, the k sweep (elbow and silhouette), the
//! suggested k, and per segment its name (editable), profile, charts and actions; a form places
//! a new customer in a segment.

use klaster_engine::features::{FeatureSpec, Scaling};
use klaster_engine::segment::{Algorithm, SegmentParams, Segmentation};
use leptos::prelude::*;
use web_sys::{HtmlInputElement, HtmlSelectElement};

use super::EChart;
use crate::app::AppState;
use crate::charts::{
    index_chart, scatter_chart, segment_box_chart, segment_colour, segment_rate_chart,
    segment_value_chart, sweep_chart,
};
use crate::client;
use crate::format::{compact, percent, thousands};
use crate::protocol::{Prepared, Request};

fn scaling_from(label: &str) -> Scaling {
    Scaling::ALL
        .into_iter()
        .find(|s| s.label() == label)
        .unwrap_or(Scaling::Standard)
}

/// The user's choices, kept on the page between runs.
#[derive(Debug, Clone, Copy)]
struct Choices {
    features: RwSignal<Vec<FeatureSpec>>,
    algorithm: RwSignal<Option<Algorithm>>,
    k_min: RwSignal<usize>,
    k_max: RwSignal<usize>,
    restarts: RwSignal<usize>,
    seed: RwSignal<u64>,
    gamma: RwSignal<Option<f64>>,
}

impl Choices {
    fn params(&self, k: Option<usize>) -> SegmentParams {
        SegmentParams {
            algorithm: self.algorithm.get_untracked(),
            k_min: self.k_min.get_untracked(),
            k_max: self.k_max.get_untracked(),
            k,
            n_init: self.restarts.get_untracked(),
            seed: self.seed.get_untracked(),
            gamma: self.gamma.get_untracked(),
            ..SegmentParams::new(self.features.get_untracked())
        }
    }
}

fn run(state: AppState, params: SegmentParams) {
    state.begin("Finding segments");
    client::send(&Request::Segment { params }, None);
}

/// (display name, value) of every segment that has a value.
fn per_segment(
    seg: &Segmentation,
    names: &[String],
    value: impl Fn(&klaster_engine::segment::SegmentProfile) -> Option<f64>,
) -> Vec<(String, f64)> {
    seg.segments
        .iter()
        .zip(names)
        .filter_map(|(s, n)| value(s).map(|v| (n.clone(), v)))
        .collect()
}

/// The display name of segment `i` (the user's, else the engine's).
pub(super) fn name_of(state: AppState, seg: &Segmentation, i: usize) -> String {
    state
        .segment_names
        .with(|n| n.get(i).cloned())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| seg.segments[i].name.clone())
}

#[component]
pub fn SegmentStep(state: AppState) -> impl IntoView {
    let defaults = SegmentParams::new(Vec::new());
    let choices = Choices {
        features: RwSignal::new(Vec::new()),
        algorithm: RwSignal::new(None),
        k_min: RwSignal::new(defaults.k_min),
        k_max: RwSignal::new(defaults.k_max),
        restarts: RwSignal::new(defaults.n_init),
        seed: RwSignal::new(defaults.seed),
        gamma: RwSignal::new(None),
    };
    // A new Prepare result resets the feature choice to its defaults.
    Effect::new(move |_| {
        if let Some(p) = state.prepared.get() {
            choices.features.set(p.default_features.clone());
            choices.gamma.set(None);
        }
    });
    let note = move || {
        state
            .segment_note
            .get()
            .map(|m| view! { <p class="note warn" id="segment-note">"No segments yet: " {m}</p> })
    };
    let controls = move || {
        state
            .prepared
            .get()
            .map(|p| view! { <Controls state=state choices=choices p=p/> })
    };
    let results = move || {
        state
            .segmentation
            .get()
            .map(|seg| view! { <Results state=state choices=choices seg=seg/> })
    };
    view! {
        <section class="step" aria-labelledby="segment-title" id="segment">
            <h1 id="segment-title">"Segment"</h1>
            <p class="lead">
                "Customers grouped by the chosen features. K-Means for numbers; K-Prototypes when "
                "categories are among the features. Every run is seeded: the same file and settings "
                "give the same segments."
            </p>
            {controls}
            {note}
            {results}
        </section>
    }
}

#[component]
fn Controls(state: AppState, choices: Choices, p: Prepared) -> impl IntoView {
    // Wide files: the chosen features and the first LIST_LIMIT others.
    let chosen_now: Vec<String> = choices
        .features
        .with_untracked(|f| f.iter().map(|s| s.column.clone()).collect());
    let picker_note = super::cut_note(
        p.candidates.len(),
        "candidate features (and every chosen one)",
    );
    let rows = p
        .candidates
        .iter()
        .enumerate()
        .filter(|(i, c)| *i < super::LIST_LIMIT || chosen_now.contains(&c.column))
        .map(|(_, c)| {
            let name = c.column.clone();
            let checked = {
                let name = name.clone();
                move || choices.features.with(|f| f.iter().any(|s| s.column == name))
            };
            let scaling = {
                let name = name.clone();
                move || {
                    choices
                        .features
                        .with(|f| f.iter().find(|s| s.column == name).map(|s| s.scaling))
                        .unwrap_or(Scaling::Standard)
                }
            };
            let on_check = {
                let name = name.clone();
                move |ev: leptos::ev::Event| {
                    let on = event_target::<HtmlInputElement>(&ev).checked();
                    choices.features.update(|f| {
                        f.retain(|s| s.column != name);
                        if on {
                            f.push(FeatureSpec {
                                column: name.clone(),
                                scaling: Scaling::Standard,
                            });
                        }
                    });
                }
            };
            let on_scaling = {
                let name = name.clone();
                move |ev: leptos::ev::Event| {
                    let s = scaling_from(&event_target::<HtmlSelectElement>(&ev).value());
                    choices.features.update(|f| {
                        if let Some(spec) = f.iter_mut().find(|x| x.column == name) {
                            spec.scaling = s;
                        }
                    });
                }
            };
            let scaling_select = (!c.categorical).then(|| {
                let options = Scaling::ALL
                    .into_iter()
                    .map(|s| {
                        let scaling = scaling.clone();
                        view! { <option value=s.label() selected=move || scaling() == s>{s.label()}</option> }
                    })
                    .collect_view();
                view! {
                    <select aria-label=format!("Scaling of {name}") on:change=on_scaling>
                        {options}
                    </select>
                }
            });
            let skewed = c
                .skew
                .filter(|s| s.abs() > 1.0)
                .map(|s| view! { <span class="hint" title="Skewed: log1p scaling may suit it">{format!("skew {s:.1}")}</span> });
            view! {
                <li data-feature=name.clone() class:derived=c.derived>
                    <label title=name.clone()>
                        <input type="checkbox" prop:checked=checked on:change=on_check aria-label=format!("Segment on {name}")/>
                        {name.clone()}
                        {c.categorical.then_some(" (category)")}
                    </label>
                    {scaling_select}
                    {skewed}
                </li>
            }
        })
        .collect_view();
    let number = |sig: RwSignal<usize>| {
        move |ev: leptos::ev::Event| {
            if let Ok(v) = event_target::<HtmlInputElement>(&ev)
                .value()
                .parse::<usize>()
            {
                sig.set(v);
            }
        }
    };
    let on_algorithm = move |ev: leptos::ev::Event| {
        choices.algorithm.set(
            match event_target::<HtmlSelectElement>(&ev).value().as_str() {
                "kmeans" => Some(Algorithm::KMeans),
                "kprototypes" => Some(Algorithm::KPrototypes),
                _ => None,
            },
        );
    };
    let on_seed = move |ev: leptos::ev::Event| {
        if let Ok(v) = event_target::<HtmlInputElement>(&ev).value().parse::<u64>() {
            choices.seed.set(v);
        }
    };
    let on_gamma = move |ev: leptos::ev::Event| {
        let v = event_target::<HtmlInputElement>(&ev).value();
        choices
            .gamma
            .set(v.parse::<f64>().ok().filter(|g| *g >= 0.0));
    };
    let gamma_value = move || {
        choices
            .gamma
            .get()
            .or_else(|| {
                state
                    .segmentation
                    .with(|s| s.as_ref().and_then(|s| s.gamma))
            })
            .map(|g| format!("{g:.4}"))
            .unwrap_or_default()
    };
    let on_run = move |_| {
        if choices.features.with_untracked(Vec::is_empty) {
            state
                .error
                .set(Some("Choose at least one feature to segment on.".into()));
            return;
        }
        run(state, choices.params(None));
    };
    view! {
        <section class="card" id="segment-controls" aria-labelledby="segment-controls-title">
            <h2 id="segment-controls-title">"Features and settings"</h2>
            <p class="note">{picker_note}</p>
            <ul class="feature-picker" id="feature-picker">{rows}</ul>
            <div class="fields">
                <label class="field">
                    "Algorithm"
                    <select id="algorithm" on:change=on_algorithm>
                        <option value="auto">"automatic"</option>
                        <option value="kmeans">"K-Means"</option>
                        <option value="kprototypes">"K-Prototypes"</option>
                    </select>
                </label>
                <label class="field">"k from" <input type="number" id="k-min" min="2" max="20" value=choices.k_min.get_untracked() on:change=number(choices.k_min)/></label>
                <label class="field">"to" <input type="number" id="k-max" min="2" max="20" value=choices.k_max.get_untracked() on:change=number(choices.k_max)/></label>
                <label class="field">"Restarts" <input type="number" id="restarts" min="1" max="50" value=choices.restarts.get_untracked() on:change=number(choices.restarts)/></label>
                <label class="field">"Seed" <input type="number" id="seed" min="0" value=choices.seed.get_untracked() on:change=on_seed/></label>
                <label class="field" title="K-Prototypes: weight of a category mismatch against numeric distance (default: half the mean standard deviation of the scaled numbers)">
                    "Gamma (K-Prototypes)"
                    <input type="number" id="gamma" step="0.01" min="0" prop:value=gamma_value on:change=on_gamma/>
                </label>
            </div>
            <button class="button primary" id="run-segments" on:click=on_run disabled=move || state.busy.with(Option::is_some)>
                "Find segments"
            </button>
        </section>
    }
}

#[component]
fn Results(state: AppState, choices: Choices, seg: Segmentation) -> impl IntoView {
    let k = seg.k;
    let what = match seg.algorithm {
        Algorithm::KMeans => "inertia",
        Algorithm::KPrototypes => "cost",
    };
    let names = Signal::derive({
        let seg = seg.clone();
        move || {
            (0..seg.segments.len())
                .map(|i| name_of(state, &seg, i))
                .collect::<Vec<String>>()
        }
    });
    // Above `sweep_rows` the sweep fits a sample, so its costs are the sample's, not the
    // table's (the chosen k's figures elsewhere are on every row).
    let elbow_axis = match seg.sweep_sample {
        Some(n) => format!("{what} (sample of {})", thousands(n as u64)),
        None => what.to_string(),
    };
    let elbow = Signal::derive({
        let sweep = seg.sweep.clone();
        move || Some(sweep_chart(&sweep, k, false, &elbow_axis))
    });
    let sil = Signal::derive({
        let sweep = seg.sweep.clone();
        move || {
            sweep
                .iter()
                .any(|p| p.silhouette.is_some())
                .then(|| sweep_chart(&sweep, k, true, "silhouette"))
        }
    });
    let sweep_label = seg
        .sweep
        .iter()
        .map(|p| {
            format!(
                "k {}: {what} {}{}",
                p.k,
                compact(p.cost),
                p.silhouette
                    .map(|s| format!(", silhouette {s:.2}"))
                    .unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let k_options = seg
        .sweep
        .iter()
        .map(|p| view! { <option value=p.k selected=p.k == k>{p.k}</option> })
        .collect_view();
    let on_k = move |ev: leptos::ev::Event| {
        if let Ok(v) = event_target::<HtmlSelectElement>(&ev)
            .value()
            .parse::<usize>()
        {
            run(state, choices.params(Some(v)));
        }
    };
    let sil_text = seg.silhouette.as_ref().map(|s| {
        let how = match s.seed {
            Some(seed) => format!(
                "on a sample of {} rows (seed {seed})",
                thousands(s.rows_used as u64)
            ),
            None => format!("exact, on all {} rows", thousands(s.rows_used as u64)),
        };
        format!("Silhouette {:.3} ({how}).", s.score)
    });
    let gamma_text = seg.gamma.map(|g| format!(" Gamma {g:.4}."));
    let skipped = (seg.rows_skipped > 0).then(|| {
        format!(
            " {} rows skipped: a chosen feature is empty.",
            thousands(seg.rows_skipped as u64)
        )
    });
    let run = state.segment_run.get_untracked().unwrap_or_default();
    let run_text = format!(
        "Sweep of {} values of k in {:.1} s ({}).",
        seg.sweep.len(),
        run.sweep_millis / 1000.0,
        match run.helpers {
            0 => "one worker".to_string(),
            h => format!("{} workers in parallel", h + 1),
        }
    ) + &seg
        .sweep_sample
        .map(|n| {
            format!(
                " The sweep fitted a random sample of {} of the {} rows; the chosen k was then fitted on every row.",
                thousands(n as u64),
                thousands(seg.rows_used as u64)
            )
        })
        .unwrap_or_default();
    // The sweep as numbers, for tests and for anyone who wants the exact figures behind the
    // charts.
    let sweep_json = serde_json::to_string(&seg.sweep).unwrap_or_default();

    let cards = seg
        .segments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let on_name = move |ev: leptos::ev::Event| {
                let v = event_target::<HtmlInputElement>(&ev).value();
                state.segment_names.update(|n| {
                    if let Some(slot) = n.get_mut(i) {
                        *slot = v;
                    }
                });
            };
            let actions = s.actions.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view();
            let response = s
                .response_rate
                .map(|r| view! { <span class="pill">{format!("{} responded", percent(r))}</span> });
            view! {
                <article class="card segment-card" data-segment=i data-size=s.size style=format!("border-top: 4px solid {}", segment_colour(i))>
                    <input class="segment-name" value=s.name.clone() title=s.name.clone() aria-label=format!("Name of segment {}", i + 1) on:change=on_name/>
                    <p class="segment-size">
                        <strong>{thousands(s.size as u64)}</strong> " customers · " {percent(s.share)}
                        {s.silhouette.map(|x| format!(" · silhouette {x:.2}"))}
                        " " {response}
                    </p>
                    <p class="segment-description">{s.description.clone()}</p>
                    <h3>"Recommended actions"</h3>
                    <ul class="segment-actions">{actions}</ul>
                </article>
            }
        })
        .collect_view();

    let table_head = {
        let seg = seg.clone();
        move || {
            (0..seg.segments.len())
                .map(|i| view! { <th scope="col" class="num">{name_of(state, &seg, i)}</th> })
                .collect_view()
        }
    };
    let table_rows = seg.segments[0]
        .values
        .iter()
        .enumerate()
        .map(|(j, v)| {
            let cells = seg
                .segments
                .iter()
                .map(|s| {
                    let fv = &s.values[j];
                    let text = match (&fv.mode, fv.mean, fv.index) {
                        (Some((m, share)), _, _) => format!("{m} ({})", percent(*share)),
                        (None, Some(m), Some(i)) => {
                            format!("{} ({:.0})", crate::format::amount(m), i)
                        }
                        (None, Some(m), None) => crate::format::amount(m),
                        _ => "–".into(),
                    };
                    view! { <td class="num">{text}</td> }
                })
                .collect_view();
            view! {
                <tr class:used=v.used>
                    <th scope="row">{v.column.clone()} {v.used.then_some(" ●")}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();

    let index = Signal::derive({
        let seg = seg.clone();
        move || Some(index_chart(&seg, &names.get()))
    });
    let response = Signal::derive({
        let seg = seg.clone();
        move || {
            let v = per_segment(&seg, &names.get(), |s| s.response_rate);
            (v.len() == seg.segments.len())
                .then(|| segment_rate_chart(&v, seg.overall_response, "response"))
        }
    });
    let scatter = Signal::derive({
        let seg = seg.clone();
        move || seg.scatter.as_ref().map(|s| scatter_chart(s, &names.get()))
    });
    let boxes = seg
        .boxes
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let b = b.clone();
            let label = format!("{} per segment (box plots)", b.column);
            let chart = Signal::derive(move || Some(segment_box_chart(&b, &names.get())));
            view! { <EChart id=format!("segment-box-{i}") chart=chart label=label/> }
        })
        .collect_view();
    let scatter_note = seg.scatter.as_ref().map(|s| {
        format!(
            "{} of {} customers drawn on the first two principal components.",
            thousands(s.points.len() as u64),
            thousands(s.sampled_from as u64)
        )
    });
    let silhouettes = Signal::derive({
        let seg = seg.clone();
        move || {
            let v = per_segment(&seg, &names.get(), |s| s.silhouette);
            (!v.is_empty()).then(|| {
                segment_value_chart(&v, seg.silhouette.as_ref().map(|s| s.score), "silhouette")
            })
        }
    });
    let silhouette_label = seg
        .segments
        .iter()
        .filter_map(|s| s.silhouette.map(|x| format!("{} {x:.2}", s.name)))
        .collect::<Vec<_>>()
        .join(", ");
    let has_response = seg.segments.iter().all(|s| s.response_rate.is_some());
    let response_label = seg
        .segments
        .iter()
        .filter_map(|s| {
            s.response_rate
                .map(|r| format!("{} {}", s.name, percent(r)))
        })
        .collect::<Vec<_>>()
        .join(", ");

    view! {
        <section class="card" id="segment-results" data-k=k data-algorithm=seg.algorithm.label() data-millis=format!("{:.0}", run.millis)
            data-sweep-millis=format!("{:.0}", run.sweep_millis) data-helpers=run.helpers data-sweep-sample=seg.sweep_sample
            data-sweep=sweep_json aria-labelledby="sweep-title">
            <h2 id="sweep-title">{format!("{}: choosing k", seg.algorithm.label())}</h2>
            <p id="suggestion" class="suggestion" data-k=seg.suggestion.k>{seg.suggestion.reason.clone()}</p>
            <p class="note">
                {format!("{} rows segmented.", thousands(seg.rows_used as u64))}
                {skipped} " " {sil_text} {gamma_text} " " {run_text}
            </p>
            <div class="two-col">
                <EChart id="elbow-chart" chart=elbow label=format!("Elbow chart: {sweep_label}")/>
                <EChart id="silhouette-chart" chart=sil label=format!("Silhouette per k: {sweep_label}")/>
            </div>
            <label class="field">
                "Number of segments"
                <select id="k-choice" on:change=on_k>{k_options}</select>
            </label>
        </section>
        <div class="segment-cards" id="segment-cards">{cards}</div>
        <section class="card" aria-labelledby="segment-profile-title">
            <h2 id="segment-profile-title">"Segment profiles (mean, and index: 100 = average)"</h2>
            <div class="scroll">
                <table class="data" id="segment-profile">
                    <thead><tr><th scope="col">"Feature (● = used)"</th>{table_head}</tr></thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </div>
            <EChart id="index-chart" chart=index label="Index of each feature per segment"/>
        </section>
        <div class="two-col">
            <section class="card" aria-labelledby="scatter-title">
                <h2 id="scatter-title">"Segments on a map (PCA)"</h2>
                <EChart id="scatter-chart" chart=scatter label="Scatter of customers on two principal components, coloured by segment"/>
                <p class="note">{scatter_note}</p>
            </section>
            {has_response.then(|| view! {
                <section class="card" aria-labelledby="response-title">
                    <h2 id="response-title">"Response rate per segment"</h2>
                    <EChart id="response-chart" chart=response label=format!("Response rate per segment: {response_label}")/>
                </section>
            })}
        </div>
        <section class="card" aria-labelledby="segment-silhouette-title">
            <h2 id="segment-silhouette-title">"Silhouette per segment (how well its customers fit it; 1 = perfectly)"</h2>
            <EChart id="segment-silhouette-chart" chart=silhouettes label=format!("Silhouette per segment: {silhouette_label}")/>
        </section>
        <section class="card" aria-labelledby="boxes-title">
            <h2 id="boxes-title">"Distributions per segment"</h2>
            <div class="two-col">{boxes}</div>
        </section>
        <AssignForm state=state seg=seg.clone() names=names/>
    }
}

#[component]
fn AssignForm(state: AppState, seg: Segmentation, names: Signal<Vec<String>>) -> impl IntoView {
    let values: Vec<RwSignal<String>> = seg
        .form
        .iter()
        .map(|f| RwSignal::new(f.typical.clone()))
        .collect();
    let fields = seg
        .form
        .iter()
        .zip(values.iter().copied())
        .map(|(f, value)| {
            let input = if f.choices.is_empty() {
                view! {
                    <input type="text" inputmode="decimal" prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev)) aria-label=f.column.clone()/>
                }
                .into_any()
            } else {
                let options = f
                    .choices
                    .iter()
                    .map(|c| view! { <option value=c.clone() selected=*c == f.typical>{c.clone()}</option> })
                    .collect_view();
                view! {
                    <select on:change=move |ev| value.set(event_target_value(&ev)) aria-label=f.column.clone()>
                        {options}
                    </select>
                }
                .into_any()
            };
            view! { <label class="field">{f.column.clone()} {input}</label> }
        })
        .collect_view();
    let columns: Vec<String> = seg.form.iter().map(|f| f.column.clone()).collect();
    let on_assign = move |_| {
        let pairs: Vec<(String, String)> = columns
            .iter()
            .cloned()
            .zip(values.iter().map(|v| v.get_untracked()))
            .collect();
        state.assigned.set(None);
        state.begin("Placing the customer");
        client::send(&Request::Assign { values: pairs }, None);
    };
    let result = move || {
        state.assigned.get().map(|i| {
            let name = names.with(|n| n.get(i).cloned().unwrap_or_default());
            view! {
                <p id="assign-result" data-segment=i style=format!("border-left: 4px solid {}", segment_colour(i))>
                    "This customer belongs to " <strong>{name}</strong> "."
                </p>
            }
        })
    };
    view! {
        <section class="card" id="assign" aria-labelledby="assign-title">
            <h2 id="assign-title">"Place a new customer"</h2>
            <div class="fields" id="assign-form">{fields}</div>
            <button class="button" id="assign-button" on:click=on_assign>"Find the segment"</button>
            {result}
        </section>
    }
}
