//! The Segment step: feature and algorithm choices, the k sweep (elbow and silhouette), the
//! suggested k, and per segment its name (editable), profile, charts and actions; a form places
//! a new customer in a segment.

use klaster_engine::features::{FeatureSpec, Scaling};
use klaster_engine::schema::RowKind;
use klaster_engine::segment::{Algorithm, SegmentParams, Segmentation};
use leptos::prelude::*;
use web_sys::{HtmlInputElement, HtmlSelectElement};

use klaster_engine::i18n::t;
use klaster_engine::tf;

use super::EChart;
use crate::charts::{
    index_chart, scatter_chart, segment_box_chart, segment_colour, segment_rate_chart,
    segment_value_chart, sweep_chart,
};
use crate::client;
use crate::format::fixed;
use crate::format::{compact, percent, thousands};
use crate::protocol::{Prepared, Request};
use crate::state::AppState;

fn scaling_from(label: &str) -> Scaling {
    Scaling::ALL
        .into_iter()
        .find(|s| s.label() == label)
        .unwrap_or(Scaling::Standard)
}

/// A scaling's name as the picker shows it (its English label stays the option's value).
fn scaling_text(s: Scaling) -> &'static str {
    match s {
        Scaling::None => t("none", "tanpa"),
        Scaling::Standard => t("standard", "standar"),
        Scaling::MinMax => t("min-max", "min-maks"),
        Scaling::Log1p => t("log1p + standard", "log1p + standar"),
    }
}

/// The user's choices, kept on the page between runs.
#[derive(Debug, Clone, Copy)]
struct Choices {
    features: RwSignal<Vec<FeatureSpec>>,
    algorithm: RwSignal<Option<Algorithm>>,
    k_min: RwSignal<usize>,
    k_max: RwSignal<usize>,
    restarts: RwSignal<usize>,
    /// The smallest segment in percent of the rows (`SegmentParams::min_share`).
    min_share: RwSignal<usize>,
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
            min_share: self.min_share.get_untracked() as f64 / 100.0,
            seed: self.seed.get_untracked(),
            gamma: self.gamma.get_untracked(),
            ..SegmentParams::new(self.features.get_untracked())
        }
    }
}

fn run(state: AppState, params: SegmentParams) {
    state.begin(|| t("Finding segments", "Mencari segmen"));
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
        .unwrap_or_else(|| seg.segments[i].name.get().clone())
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
        min_share: RwSignal::new((defaults.min_share * 100.0).round() as usize),
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
            .map(|m| view! { <p class="note warn" id="segment-note">{t("No segments yet: ", "Belum ada segmen: ")} {m.get().clone()}</p> })
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
            <h1 id="segment-title">{t("Segment", "Segmen")}</h1>
            <p class="lead">
                {t(
                    "Customers grouped by the chosen features. K-Means for numbers; K-Prototypes when categories are among the features. Every run is seeded: the same file and settings give the same segments.",
                    "Pelanggan dikelompokkan menurut fitur yang dipilih. K-Means untuk angka; K-Prototypes bila ada kategori di antara fitur. Setiap proses memakai seed: berkas dan pengaturan yang sama menghasilkan segmen yang sama.",
                )}
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
        t(
            "candidate features (and every chosen one)",
            "kandidat fitur (dan setiap fitur yang dipilih)",
        ),
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
                        view! { <option value=s.label() selected=move || scaling() == s>{scaling_text(s)}</option> }
                    })
                    .collect_view();
                view! {
                    <select aria-label=tf!("Scaling of {name}", "Penskalaan {name}") on:change=on_scaling>
                        {options}
                    </select>
                }
            });
            let skewed = c
                .skew
                .filter(|s| s.abs() > klaster_engine::profile::stats::SKEWED)
                .map(|s| {
                    view! {
                        <span class="hint" title=t("Skewed: log1p scaling may suit it", "Miring: penskalaan log1p mungkin cocok")>
                            {tf!("skew {}", "kemiringan {}", fixed(s, 1))}
                        </span>
                    }
                });
            view! {
                <li data-feature=name.clone() class:derived=c.derived>
                    <label title=name.clone()>
                        <input type="checkbox" prop:checked=checked on:change=on_check aria-label=tf!("Segment on {name}", "Segmentasi menurut {name}")/>
                        {name.clone()}
                        {c.categorical.then(|| t(" (category)", " (kategori)"))}
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
            state.error.set(Some(klaster_engine::i18n::L10n::build(|| {
                t(
                    "Choose at least one feature to segment on.",
                    "Pilih setidaknya satu fitur untuk segmentasi.",
                )
                .into()
            })));
            return;
        }
        run(state, choices.params(None));
    };
    view! {
        <section class="card" id="segment-controls" aria-labelledby="segment-controls-title">
            <h2 id="segment-controls-title">{t("Features and settings", "Fitur dan pengaturan")}</h2>
            <p class="note">{picker_note}</p>
            <ul class="feature-picker" id="feature-picker">{rows}</ul>
            <div class="fields">
                <label class="field">
                    {t("Algorithm", "Algoritma")}
                    <select id="algorithm" on:change=on_algorithm>
                        <option value="auto">{t("automatic", "otomatis")}</option>
                        <option value="kmeans">"K-Means"</option>
                        <option value="kprototypes">"K-Prototypes"</option>
                    </select>
                </label>
                <label class="field">{t("k from", "k dari")} <input type="number" id="k-min" min="2" max="20" value=choices.k_min.get_untracked() on:change=number(choices.k_min)/></label>
                <label class="field">{t("to", "sampai")} <input type="number" id="k-max" min="2" max="20" value=choices.k_max.get_untracked() on:change=number(choices.k_max)/></label>
                <label class="field">{t("Restarts", "Pengulangan")} <input type="number" id="restarts" min="1" max="50" value=choices.restarts.get_untracked() on:change=number(choices.restarts)/></label>
                <label class="field" title=t(
                    "Smaller groups are set apart as outliers, not made a segment of their own",
                    "Kelompok yang lebih kecil dipisahkan sebagai pencilan, bukan dijadikan segmen tersendiri",
                )>
                    {t("Smallest segment (%)", "Segmen terkecil (%)")}
                    <input type="number" id="min-share" min="0" max="20" value=choices.min_share.get_untracked() on:change=number(choices.min_share)/>
                </label>
                <label class="field">"Seed" <input type="number" id="seed" min="0" value=choices.seed.get_untracked() on:change=on_seed/></label>
                <label class="field" title=t(
                    "K-Prototypes: weight of a category mismatch against numeric distance (default: half the mean standard deviation of the scaled numbers)",
                    "K-Prototypes: bobot ketidakcocokan kategori terhadap jarak numerik (bawaan: separuh rata-rata simpangan baku angka yang telah diskalakan)",
                )>
                    "Gamma (K-Prototypes)"
                    <input type="number" id="gamma" step="0.01" min="0" prop:value=gamma_value on:change=on_gamma/>
                </label>
            </div>
            <button class="button primary" id="run-segments" on:click=on_run disabled=move || state.busy.with(Option::is_some)>
                {t("Find segments", "Cari segmen")}
            </button>
        </section>
    }
}

#[component]
fn Results(state: AppState, choices: Choices, seg: Segmentation) -> impl IntoView {
    // The k of the sweep that was fitted (the charts' mark and the picker): with outliers set
    // apart, fewer segments remain (`seg.k`), which the outlier note says.
    let k = seg.outliers.as_ref().map_or(seg.k, |o| o.fitted_k);
    let what = match seg.algorithm {
        Algorithm::KMeans => t("inertia", "inersia"),
        Algorithm::KPrototypes => t("cost", "biaya"),
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
        Some(n) => tf!(
            "{what} (sample of {})",
            "{what} (sampel {})",
            thousands(n as u64)
        ),
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
                .then(|| sweep_chart(&sweep, k, true, t("silhouette", "siluet")))
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
                    .map(|s| tf!(", silhouette {}", ", siluet {}", fixed(s, 2)))
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
            Some(seed) => tf!(
                "on a sample of {} rows (seed {seed})",
                "pada sampel {} baris (seed {seed})",
                thousands(s.rows_used as u64)
            ),
            None => tf!(
                "exact, on all {} rows",
                "tepat, pada semua {} baris",
                thousands(s.rows_used as u64)
            ),
        };
        tf!(
            "Silhouette {} ({how}).",
            "Siluet {} ({how}).",
            fixed(s.score, 3)
        )
    });
    let gamma_text = seg.gamma.map(|g| format!(" Gamma {}.", fixed(g, 4)));
    let skipped = (seg.rows_skipped > 0).then(|| {
        tf!(
            " {} rows skipped: a chosen feature is empty.",
            " {} baris dilewati: ada fitur terpilih yang kosong.",
            thousands(seg.rows_skipped as u64)
        )
    });
    let run = state.segment_run.get_untracked().unwrap_or_default();
    let run_text = tf!(
        "Sweep of {} values of k in {} s ({}).",
        "Penelusuran {} nilai k dalam {} detik ({}).",
        seg.sweep.len(),
        fixed(run.sweep_millis / 1000.0, 1),
        match run.helpers {
            0 => t("one worker", "satu worker").to_string(),
            h => tf!("{} workers in parallel", "{} worker paralel", h + 1),
        }
    ) + &seg
        .sweep_sample
        .map(|n| {
            tf!(
                " The sweep fitted a random sample of {} of the {} rows; the chosen k was then fitted on every row.",
                " Penelusuran memakai sampel acak {} dari {} baris; k terpilih lalu dihitung pada semua baris.",
                thousands(n as u64),
                thousands(seg.rows_used as u64)
            )
        })
        .unwrap_or_default();
    // The sweep as numbers, for tests and for anyone who wants the exact figures behind the
    // charts.
    let sweep_json = serde_json::to_string(&seg.sweep).unwrap_or_default();

    let noun = move |n: usize| {
        let (one, many) = untrack(|| state.row()).noun();
        if n == 1 {
            one
        } else {
            many
        }
    };
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
            let actions = s.actions.get().iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view();
            let response = s
                .response_rate
                .map(|r| view! { <span class="pill">{tf!("{} responded", "{} merespons", percent(r))}</span> });
            view! {
                <article class="card segment-card" data-segment=i data-size=s.size style=format!("border-top: 4px solid {}", segment_colour(i))>
                    <input class="segment-name" value=state.segment_names.with_untracked(|n| n.get(i).filter(|n| !n.trim().is_empty()).cloned()).unwrap_or_else(|| klaster_engine::format::shown(s.name.get()).into_owned()) title=s.name.get().clone() aria-label=tf!("Name of segment {}", "Nama segmen {}", i + 1) on:change=on_name/>
                    <p class="segment-size">
                        <strong>{thousands(s.size as u64)}</strong> " " {noun(s.size)} " · " {percent(s.share)}
                        {s.silhouette.map(|x| tf!(" · silhouette {}", " · siluet {}", fixed(x, 2)))}
                        " " {response}
                    </p>
                    <p class="segment-description">{s.description.get().clone()}</p>
                    <h3>{t("Recommended actions", "Tindakan yang disarankan")}</h3>
                    {if s.actions.get().is_empty() {
                        view! {
                            <p class="note no-actions">{if untrack(|| state.row()) == RowKind::Purchase {
                                t(
                                    "None: one row is a purchase, and campaign actions are for customers. Load one row per customer to get actions.",
                                    "Tidak ada: satu baris adalah satu pembelian, sedangkan tindakan kampanye ditujukan untuk pelanggan. Muat satu baris per pelanggan untuk mendapat tindakan.",
                                )
                            } else {
                                t(
                                    "None: no column role says what sets them apart (spend, purchases, recency …). Give the columns their roles in Load to get actions.",
                                    "Tidak ada: tidak ada peran kolom yang menjelaskan pembeda mereka (belanja, pembelian, kebaruan …). Beri kolom perannya di langkah Muat untuk mendapat tindakan.",
                                )
                            }}</p>
                        }.into_any()
                    } else {
                        view! { <ul class="segment-actions">{actions}</ul> }.into_any()
                    }}
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
                .then(|| segment_rate_chart(&v, seg.overall_response, t("response", "respons")))
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
            let label = tf!(
                "{} per segment (box plots)",
                "{} per segmen (diagram kotak)",
                b.column
            );
            let chart = Signal::derive(move || Some(segment_box_chart(&b, &names.get())));
            view! { <EChart id=format!("segment-box-{i}") chart=chart label=label/> }
        })
        .collect_view();
    let scatter_note = seg.scatter.as_ref().map(|s| {
        let many = untrack(|| state.row()).noun().1;
        tf!(
            "{} of {} {many} drawn on the first two principal components.",
            "{} dari {} {many} digambar pada dua komponen utama pertama.",
            thousands(s.points.len() as u64),
            thousands(s.sampled_from as u64)
        )
    });
    let silhouettes = Signal::derive({
        let seg = seg.clone();
        move || {
            let v = per_segment(&seg, &names.get(), |s| s.silhouette);
            (!v.is_empty()).then(|| {
                segment_value_chart(
                    &v,
                    seg.silhouette.as_ref().map(|s| s.score),
                    t("silhouette", "siluet"),
                )
            })
        }
    });
    let silhouette_label = seg
        .segments
        .iter()
        .filter_map(|s| s.silhouette.map(|x| format!("{} {}", s.name, fixed(x, 2))))
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
            <h2 id="sweep-title">{tf!("{}: choosing k", "{}: memilih k", seg.algorithm.label())}</h2>
            <p id="suggestion" class="suggestion" data-k=seg.suggestion.k>{seg.suggestion.reason.get().clone()}</p>
            {seg.outliers.as_ref().map(|o| {
                let (n, share, min) = (thousands(o.count as u64), percent(o.share), percent(o.min_share));
                let (fitted, kept) = (o.fitted_k, seg.k);
                let mut rows = o.examples.iter().map(|r| thousands(*r as u64 + 1)).collect::<Vec<_>>().join(", ");
                if o.count > o.examples.len() {
                    rows.push_str(" …");
                }
                view! {
                    <p class="note" id="segment-outliers" data-count=o.count>
                        {tf!(
                            "At k = {fitted}, {n} rows ({share}) formed groups under {min} of the rows: they are listed as outliers, not made a segment, leaving {kept} segments. Rows {rows}.",
                            "Pada k = {fitted}, {n} baris ({share}) membentuk kelompok di bawah {min} baris: dicatat sebagai pencilan, bukan dijadikan segmen, sehingga tersisa {kept} segmen. Baris {rows}."
                        )}
                    </p>
                }
            })}
            {seg.caution.as_ref().map(|c| view! { <p class="warning" id="segment-caution" role="note">{c.get().clone()}</p> })}
            <p class="note">
                {tf!("{} rows segmented.", "{} baris disegmentasi.", thousands(seg.rows_used as u64))}
                {skipped} " " {sil_text} {gamma_text} " " {run_text}
            </p>
            <div class="two-col">
                <EChart id="elbow-chart" chart=elbow label=tf!("Elbow chart: {sweep_label}", "Grafik siku: {sweep_label}")/>
                <EChart id="silhouette-chart" chart=sil label=tf!("Silhouette per k: {sweep_label}", "Siluet per k: {sweep_label}")/>
            </div>
            <label class="field">
                {t("Number of segments", "Jumlah segmen")}
                <select id="k-choice" on:change=on_k>{k_options}</select>
            </label>
        </section>
        <div class="segment-cards" id="segment-cards">{cards}</div>
        <section class="card" aria-labelledby="segment-profile-title">
            <h2 id="segment-profile-title">
                {t(
                    "Segment profiles (mean, and index: 100 = average)",
                    "Profil segmen (rata-rata, dan indeks: 100 = rata-rata)",
                )}
            </h2>
            <div class="scroll" tabindex="0">
                <table class="data" id="segment-profile">
                    <thead><tr><th scope="col">{t("Feature (● = used)", "Fitur (● = dipakai)")}</th>{table_head}</tr></thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </div>
            <EChart id="index-chart" chart=index label=t("Index of each feature per segment", "Indeks setiap fitur per segmen")/>
        </section>
        <div class="two-col">
            <section class="card" aria-labelledby="scatter-title">
                <h2 id="scatter-title">{t("Segments on a map (PCA)", "Segmen pada peta (PCA)")}</h2>
                <EChart id="scatter-chart" chart=scatter label={
                    let many = untrack(|| state.row()).noun().1;
                    tf!(
                        "Scatter of {many} on two principal components, coloured by segment",
                        "Sebaran {many} pada dua komponen utama, diwarnai menurut segmen",
                    )
                }/>
                <p class="note">{scatter_note}</p>
            </section>
            {has_response.then(|| view! {
                <section class="card" aria-labelledby="response-title">
                    <h2 id="response-title">{t("Response rate per segment", "Tingkat respons per segmen")}</h2>
                    <EChart id="response-chart" chart=response label=tf!(
                        "Response rate per segment: {response_label}",
                        "Tingkat respons per segmen: {response_label}",
                    )/>
                </section>
            })}
        </div>
        <section class="card" aria-labelledby="segment-silhouette-title">
            <h2 id="segment-silhouette-title">
                {t(
                    "Silhouette per segment (how well its members fit it; 1 = perfectly)",
                    "Siluet per segmen (seberapa cocok anggotanya; 1 = sempurna)",
                )}
            </h2>
            <EChart id="segment-silhouette-chart" chart=silhouettes label=tf!(
                "Silhouette per segment: {silhouette_label}",
                "Siluet per segmen: {silhouette_label}",
            )/>
        </section>
        <section class="card" aria-labelledby="boxes-title">
            <h2 id="boxes-title">{t("Distributions per segment", "Distribusi per segmen")}</h2>
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
        state.begin(|| {
            let one = untrack(|| state.row()).noun().0;
            tf!("Placing the {one}", "Menempatkan {one}")
        });
        client::send(&Request::Assign { values: pairs }, None);
    };
    let result = move || {
        state.assigned.get().map(|i| {
            let name = names.with(|n| n.get(i).cloned().unwrap_or_default());
            view! {
                <p id="assign-result" data-segment=i style=format!("border-left: 4px solid {}", segment_colour(i))>
                    {
                        let one = untrack(|| state.row()).noun().0;
                        let cap = klaster_engine::format::capitalise(one);
                        tf!("This {one} belongs to ", "{cap} ini termasuk dalam ")
                    } <strong>{name}</strong> "."
                </p>
            }
        })
    };
    view! {
        <section class="card" id="assign" aria-labelledby="assign-title">
            <h2 id="assign-title">{move || {
                let one = state.row().noun().0;
                tf!("Place a new {one}", "Tempatkan {one} baru")
            }}</h2>
            <div class="fields" id="assign-form">{fields}</div>
            <button class="button" id="assign-button" on:click=on_assign>{t("Find the segment", "Cari segmennya")}</button>
            {result}
        </section>
    }
}
