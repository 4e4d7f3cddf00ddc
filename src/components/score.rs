//! The Score step: the model that fits the file (or the user's pick), its card (held-out
//! metrics, confusion matrix, ROC, calibration, the factors that decide, limits), the score of
//! every customer with a ranked list and reasons, the evaluation on this file when it carries
//! the target, and training or opening a model.

use klaster_engine::model::{Metrics, ModelFile, TrainParams};
use leptos::prelude::*;
use web_sys::{HtmlInputElement, HtmlSelectElement};

use super::EChart;
use crate::app::AppState;
use crate::charts::{calibration_chart, odds_chart, roc_chart, score_histogram_chart};
use crate::client;
use crate::format::{percent, thousands};
use crate::protocol::{ModelChoice, Request, Scoring, TrainOptions};

/// The display name of segment `i` of the current segmentation (the Segment step's rule).
pub fn segment_name(state: AppState, i: usize) -> String {
    state
        .segmentation
        .with(|s| {
            s.as_ref()
                .filter(|s| i < s.segments.len())
                .map(|s| super::segment::name_of(state, s, i))
        })
        .unwrap_or_else(|| format!("Segment {}", i + 1))
}

#[component]
pub fn ScoreStep(state: AppState) -> impl IntoView {
    let note = move || {
        state.score_note.get().map(|(message, models, train)| {
            view! {
                <p class="note warn" id="score-note">{message}</p>
                <ModelPicker models=models current=None/>
                {train.map(|t| view! { <TrainForm state=state options=t/> })}
            }
        })
    };
    let results = move || {
        if let Some((model, models, missing)) = state.card_only.get() {
            let back = state
                .scoring
                .with(|s| s.as_ref().map(|s| s.model.name.clone()))
                .map(|n| format!(" The scores below the card are still those of “{n}”: pick it again to see them."))
                .unwrap_or_default();
            return Some(
                view! {
                    <ModelPicker models=models current=Some(model.clone())/>
                    <p class="note warn" id="card-only-note">
                        {format!("“{}” cannot score this table: it needs {}. Here is its card.{back}", model.name, missing.join(", "))}
                    </p>
                    <ModelCard model=model evaluation=None/>
                }
                .into_any(),
            );
        }
        state
            .scoring
            .get()
            .map(|s| view! { <Results state=state scoring=s/> }.into_any())
    };
    view! {
        <section class="step" aria-labelledby="score-title" id="score">
            <h1 id="score-title">"Score"</h1>
            <p class="lead">
                "A response probability for every customer from a logistic model: one shipped "
                "with Klaster when your file matches it, or one you train here on your own "
                "labelled data. Each score comes with its reasons."
            </p>
            {note}
            {results}
        </section>
    }
}

/// Model choice, opening a model file, saving the current one.
#[component]
fn ModelPicker(models: Vec<ModelChoice>, current: Option<ModelFile>) -> impl IntoView {
    let current_id = current.as_ref().map(|m| m.id.clone());
    let options = models
        .into_iter()
        .map(|m| {
            let fits = m.missing.is_empty();
            let label = if fits {
                m.name.clone()
            } else {
                format!("{} — card only, needs {}", m.name, m.missing.join(", "))
            };
            let selected = current_id.as_deref() == Some(m.id.as_str());
            view! { <option value=m.id.clone() selected=selected>{label}</option> }
        })
        .collect_view();
    let on_pick = move |ev: leptos::ev::Event| {
        let id = event_target::<HtmlSelectElement>(&ev).value();
        client::send(&Request::Score { model: Some(id) }, None);
    };
    let on_open = move |ev: leptos::ev::Event| {
        let input = event_target::<HtmlInputElement>(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            client::send(&Request::ImportModel { json: None }, Some(&file));
        }
        input.set_value("");
    };
    let save = current.map(|m| {
        let on_save = move |_| {
            let name = format!("klaster-model-{}.json", m.id);
            crate::download::download(&name, "application/json", &m.to_json());
        };
        view! { <button type="button" class="button" id="export-model" on:click=on_save>"Save this model (JSON)"</button> }
    });
    view! {
        <div class="controls model-picker">
            <label class="field">
                "Model"
                <select id="model-select" on:change=on_pick>{options}</select>
            </label>
            <label class="button file-button">
                "Open a model file…"
                <input type="file" id="import-model" accept=".json,application/json" on:change=on_open/>
            </label>
            {save}
        </div>
    }
}

fn metric_rows(m: &Metrics) -> impl IntoView {
    let rows = [
        (
            "ROC AUC",
            format!("{:.3}", m.roc_auc),
            "How well the scores rank responders above non-responders (0.5 = chance, 1 = perfect).",
        ),
        (
            "PR AUC",
            format!("{:.3}", m.pr_auc),
            "Average precision: how pure the top of the list is (the base rate = chance).",
        ),
        ("Base rate", percent(m.base_rate), "Share of positives."),
        (
            "Threshold",
            format!("{:.3}", m.threshold),
            "Scores at or above count as predicted positives below.",
        ),
        (
            "Accuracy",
            format!("{:.3}", m.accuracy),
            "Share of rows predicted right at the threshold.",
        ),
        (
            "Precision",
            format!("{:.3}", m.precision),
            "Of those predicted positive, the share that were.",
        ),
        (
            "Recall",
            format!("{:.3}", m.recall),
            "Of the positives, the share found.",
        ),
        (
            "F1",
            format!("{:.3}", m.f1),
            "Harmonic mean of precision and recall.",
        ),
        (
            "Brier score",
            format!("{:.4}", m.brier),
            "Mean squared error of the probabilities (lower is better).",
        ),
    ];
    rows.into_iter()
        .map(|(k, v, help)| {
            view! { <tr data-metric=k><th scope="row" title=help>{k}</th><td class="num">{v}</td></tr> }
        })
        .collect_view()
}

fn confusion(m: &Metrics, positive: &str) -> impl IntoView {
    let c = m.confusion;
    view! {
        <table class="data confusion" id="confusion">
            <caption>{format!("Confusion matrix at threshold {:.3} ({} rows)", m.threshold, thousands(m.rows as u64))}</caption>
            <thead><tr><th></th><th scope="col">"predicted: no"</th><th scope="col">{format!("predicted: {positive}")}</th></tr></thead>
            <tbody>
                <tr><th scope="row">"actual: no"</th><td class="num" data-cell="tn">{thousands(c.tn as u64)}</td><td class="num" data-cell="fp">{thousands(c.fp as u64)}</td></tr>
                <tr><th scope="row">{format!("actual: {positive}")}</th><td class="num" data-cell="fn">{thousands(c.fn_ as u64)}</td><td class="num" data-cell="tp">{thousands(c.tp as u64)}</td></tr>
            </tbody>
        </table>
    }
}

/// The model card: what it is, how good it is on held-out rows, what decides, its limits.
#[component]
fn ModelCard(model: ModelFile, evaluation: Option<Metrics>) -> impl IntoView {
    let t = &model.training;
    let m = &model.metrics;
    let cv =
        t.cv.iter()
            .find(|p| p.c == t.c)
            .map(|p| {
                format!(
                    " (5-fold cross-validation on the training rows: AUC {:.3})",
                    p.auc
                )
            })
            .unwrap_or_default();
    let data_line = format!(
        "Trained on {}{}: {} rows used of {}; stratified holdout of {} — {} training rows ({} positive), {} test rows ({} positive). Regularisation C = {}{}.",
        t.file,
        t.period.as_ref().map(|p| format!(" ({p})")).unwrap_or_default(),
        thousands(t.rows_used as u64),
        thousands(t.rows as u64),
        percent(t.test_share),
        thousands(t.train_rows as u64),
        thousands(t.train_positives as u64),
        thousands(t.test_rows as u64),
        thousands(t.test_positives as u64),
        t.c,
        cv
    );
    let features = model
        .features
        .iter()
        .map(|f| f.column().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let excluded = model
        .excluded
        .iter()
        .map(|e| view! { <li><strong>{e.column.clone()}</strong>": "{e.reason.clone()}</li> })
        .collect_view();
    let limits = model
        .limits
        .iter()
        .map(|l| view! { <li>{l.clone()}</li> })
        .collect_view();
    let cleaning = (!t.cleaning.is_empty()).then(|| {
        view! { <p class="note">"Cleaning before training: " {t.cleaning.join("; ")} "."</p> }
    });
    let ratios = model.odds_ratios();
    let odds_label = {
        let mut r = ratios.clone();
        r.sort_by(|a, b| b.1.ln().abs().total_cmp(&a.1.ln().abs()));
        r.iter()
            .take(8)
            .map(|(n, v)| format!("{n} ×{v:.2}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let odds = Signal::derive(move || Some(odds_chart(&ratios, 15)));
    let roc = Signal::derive({
        let held = m.roc.clone();
        let this = evaluation.as_ref().map(|e| e.roc.clone());
        move || Some(roc_chart(&held, this.as_deref()))
    });
    let calibration = Signal::derive({
        let held = m.calibration.clone();
        let this = evaluation.as_ref().map(|e| e.calibration.clone());
        move || Some(calibration_chart(&held, this.as_deref()))
    });
    let calibration_label = m
        .calibration
        .iter()
        .map(|b| {
            format!(
                "predicted {:.2} → observed {:.2} ({} rows)",
                b.mean_predicted, b.observed, b.count
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let eval = evaluation.as_ref().map(|e| {
        view! {
            <p class="note" id="evaluation" data-auc=format!("{:.4}", e.roc_auc)>
                {format!(
                    "On this file ({} rows with the target): ROC AUC {:.3}, PR AUC {:.3}, base rate {}, at the threshold precision {:.3} and recall {:.3}. Its curves are drawn beside the held-out ones.",
                    thousands(e.rows as u64), e.roc_auc, e.pr_auc, percent(e.base_rate), e.precision, e.recall
                )}
            </p>
        }
    });
    let positive = model.target.positive.clone();
    view! {
        <section class="card" id="model-card" data-model=model.id.clone() aria-labelledby="model-card-title">
            <h2 id="model-card-title">{format!("Model card: {}", model.name)}</h2>
            <p>{model.description.clone()}</p>
            <p class="note">{format!("Predicts: {} = {} ({}).", model.target.column, model.target.positive, model.target.meaning)}</p>
            <p class="note">{data_line}</p>
            {cleaning}
            <p class="note">"Features: " {features}</p>
            {eval}
            <div class="two-col">
                <table class="data" id="card-metrics">
                    <caption>"Held-out test rows"</caption>
                    <tbody>{metric_rows(m)}</tbody>
                </table>
                {confusion(m, &positive)}
            </div>
            <div class="two-col">
                <EChart id="roc-chart" chart=roc label=format!("ROC curve, held-out AUC {:.3}", m.roc_auc)/>
                <EChart id="calibration-chart" chart=calibration label=format!("Calibration: {calibration_label}")/>
            </div>
            <h3>"Which factors decide"</h3>
            <p class="note">
                "Odds ratios: for a number, the change of the odds per standard deviation more; for a "
                "category, that value vs the average customer. Above 1 raises the chance, below 1 lowers it."
            </p>
            <EChart id="odds-chart" chart=odds label=format!("Odds ratios of the strongest factors: {odds_label}")/>
            {(!model.excluded.is_empty()).then(|| view! { <h3>"Left out"</h3><ul class="limits">{excluded}</ul> })}
            <h3>"Limits"</h3>
            <ul class="limits" id="model-limits">{limits}</ul>
        </section>
    }
}

#[component]
fn Results(state: AppState, scoring: Scoring) -> impl IntoView {
    let model = scoring.model.clone();
    let what = model.target.meaning.clone();
    let hist = Signal::derive({
        let all = scoring.histogram.clone();
        let pos = scoring.histogram_positive.clone();
        let what = what.clone();
        move || Some(score_histogram_chart(&all, pos.as_deref(), &what))
    });
    let hist_label = scoring
        .histogram
        .iter()
        .enumerate()
        .filter(|(_, &c)| c > 0)
        .map(|(b, c)| format!("{}–{} %: {c}", b * 5, b * 5 + 5))
        .collect::<Vec<_>>()
        .join(", ");
    let filled = scoring
        .imputed
        .iter()
        .map(|(c, k)| format!("{c}: {k} missing values took the training median"))
        .chain(
            scoring
                .unseen
                .iter()
                .map(|(c, k)| format!("{c}: {k} values the model never saw count as neutral")),
        )
        .collect::<Vec<_>>();
    let filled = (!filled.is_empty())
        .then(|| view! { <p class="note" id="score-filled">{filled.join("; ")}"."</p> });
    let trained = scoring.trained_millis.map(|ms| {
        view! { <p class="note ok" id="trained-note">{format!("Trained in {} ms on your data.", ms.round())}</p> }
    });
    let has_outcome = scoring.top.iter().any(|r| r.outcome.is_some());
    let has_id = scoring.top.iter().any(|r| r.id.is_some());
    let rows = scoring
        .top
        .iter()
        .map(|r| {
            let reasons = r
                .reasons
                .iter()
                .map(|x| {
                    let class = if x.effect >= 0.0 { "up" } else { "down" };
                    view! { <li class=class>{x.text.clone()}</li> }
                })
                .collect_view();
            let segment = r.segment;
            view! {
                <tr data-rank=r.rank>
                    <td class="num">{r.rank}</td>
                    <td class="num">{r.row}</td>
                    {has_id.then(|| view! { <td>{r.id.clone().unwrap_or_default()}</td> })}
                    <td class="num score">{format!("{:.1} %", r.score * 100.0)}</td>
                    <td>{move || segment.map(|s| segment_name(state, s)).unwrap_or_default()}</td>
                    {has_outcome.then(|| view! { <td>{match r.outcome { Some(true) => "yes", Some(false) => "no", None => "" }}</td> })}
                    <td><ul class="reasons">{reasons}</ul></td>
                </tr>
            }
        })
        .collect_view();
    // "calls" for the bank data, "customers" otherwise: the schema's word for a row.
    let noun = state
        .profile
        .with_untracked(|p| p.as_ref().map(|p| p.schema.kind.row_noun().1))
        .unwrap_or("rows");
    view! {
        <ModelPicker models=scoring.models.clone() current=Some(model.clone())/>
        <section class="card" id="score-results" data-model=model.id.clone() data-rows=scoring.rows
            data-millis=format!("{:.1}", scoring.millis) data-total-millis=format!("{:.1}", scoring.total_millis)
            aria-labelledby="scores-title">
            <h2 id="scores-title">"Scores"</h2>
            {trained}
            <p class="summary-line" id="score-summary">
                {format!(
                    "{} {noun} scored with “{}” in {:.0} ms. Mean probability {} ({}).",
                    thousands(scoring.rows as u64), model.name, scoring.millis.max(1.0), percent(scoring.mean), what
                )}
            </p>
            {filled}
            <EChart id="score-histogram" chart=hist label=format!("Distribution of scores: {hist_label}")/>
            <h3>{format!("Top {} by score, with the reasons", scoring.top.len())}</h3>
            <div class="scroll ranked">
                <table class="data" id="ranked-list">
                    <thead><tr>
                        <th scope="col">"Rank"</th><th scope="col">"Row"</th>
                        {has_id.then(|| view! { <th scope="col">"ID"</th> })}
                        <th scope="col">"Score"</th><th scope="col">"Segment"</th>
                        {has_outcome.then(|| view! { <th scope="col">"Outcome"</th> })}
                        <th scope="col">"Why (vs the average customer)"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
        <ModelCard model=model evaluation=scoring.evaluation.clone()/>
        {scoring.train.clone().map(|t| view! { <TrainForm state=state options=t/> })}
    }
}

/// Train a logistic model on the user's own labelled column.
#[component]
fn TrainForm(state: AppState, options: TrainOptions) -> impl IntoView {
    if options.targets.is_empty() {
        return view! {
            <section class="card" id="train-form">
                <h2>"Train your own model"</h2>
                <p class="note">"No column with exactly two values (yes/no, 1/0) to predict."</p>
            </section>
        }
        .into_any();
    }
    let defaults = options.defaults.clone();
    let target = RwSignal::new(options.targets[0].clone());
    let chosen: RwSignal<Vec<String>> = RwSignal::new(
        defaults
            .as_ref()
            .map(|d| d.numeric.iter().chain(&d.categorical).cloned().collect())
            .unwrap_or_default(),
    );
    let candidates = options.candidates.clone();
    let targets = options
        .targets
        .iter()
        .map(|t| view! { <option value=t.clone()>{t.clone()}</option> })
        .collect_view();
    // Wide files: the default features and the first LIST_LIMIT others.
    let chosen_now = chosen.get_untracked();
    let boxes = candidates
        .iter()
        .enumerate()
        .filter(|(i, (name, _))| *i < super::LIST_LIMIT || chosen_now.contains(name))
        .map(|(_, (name, categorical))| {
            let n = name.clone();
            let checked = {
                let n = n.clone();
                move || chosen.with(|c| c.contains(&n))
            };
            let disabled = {
                let n = n.clone();
                move || target.with(|t| *t == n)
            };
            let on_change = {
                let n = n.clone();
                move |ev: leptos::ev::Event| {
                    let on = event_target::<HtmlInputElement>(&ev).checked();
                    chosen.update(|c| {
                        c.retain(|x| *x != n);
                        if on {
                            c.push(n.clone());
                        }
                    });
                }
            };
            let kind = if *categorical { "category" } else { "number" };
            view! {
                <li data-feature=n.clone()>
                    <label>
                        <input type="checkbox" prop:checked=checked prop:disabled=disabled on:change=on_change
                            aria-label=format!("Use {n} as a feature")/>
                        {n.clone()} <span class="hint">{kind}</span>
                    </label>
                </li>
            }
        })
        .collect_view();
    let on_train = move |_| {
        let t = target.get_untracked();
        let features = chosen.get_untracked();
        let mut params = TrainParams::new(&t, &[], &[]);
        for (name, categorical) in &candidates {
            if *name == t || !features.contains(name) {
                continue;
            }
            if *categorical {
                params.categorical.push(name.clone());
            } else {
                params.numeric.push(name.clone());
            }
        }
        state.begin("Training a model");
        client::send(&Request::Train { params }, None);
    };
    view! {
        <section class="card" id="train-form" aria-labelledby="train-title">
            <h2 id="train-title">"Train your own model"</h2>
            <p class="note">
                "L2-regularised logistic regression on the prepared rows: a stratified 20 % holdout "
                "for the card, 5-fold cross-validation to choose the regularisation, seeded."
            </p>
            <label class="field">
                "Predict"
                <select id="train-target" on:change=move |ev| target.set(event_target::<HtmlSelectElement>(&ev).value())>
                    {targets}
                </select>
            </label>
            <ul class="feature-list" id="train-features">{boxes}</ul>
            <button type="button" id="train-button" class="button primary" on:click=on_train>"Train and score"</button>
        </section>
    }
    .into_any()
}
