//! The Score step: the model that fits the file (or the user's pick), its card (held-out
//! metrics, confusion matrix, ROC, calibration, the factors that decide, limits), the score of
//! every customer with a ranked list and reasons, the evaluation on this file when it carries
//! the target, and training or opening a model.

use klaster_engine::i18n::t;
use klaster_engine::model::{Metrics, ModelFile, TrainParams};
use klaster_engine::tf;
use leptos::prelude::*;
use web_sys::{HtmlInputElement, HtmlSelectElement};

use super::EChart;
use crate::charts::{calibration_chart, odds_chart, roc_chart, score_histogram_chart};
use crate::client;
use crate::format::{decimal, percent, thousands};
use crate::protocol::{ModelChoice, Request, Scoring, TrainOptions};
use crate::state::AppState;

/// The display name of segment `i` of the current segmentation (the Segment step's rule).
pub fn segment_name(state: AppState, i: usize) -> String {
    state
        .segmentation
        .with(|s| {
            s.as_ref()
                .filter(|s| i < s.segments.len())
                .map(|s| super::segment::name_of(state, s, i))
        })
        .unwrap_or_else(|| tf!("Segment {}", "Segmen {}", i + 1))
}

#[component]
pub fn ScoreStep(state: AppState) -> impl IntoView {
    let note = move || {
        state.score_note.get().map(|(message, models, train)| {
            view! {
                <p class="note warn" id="score-note">{message.get().clone()}</p>
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
                .map(|n| {
                    tf!(
                        " The scores below the card are still those of “{n}”: pick it again to see them.",
                        " Skor di bawah kartu masih milik “{n}”: pilih model itu lagi untuk melihatnya."
                    )
                })
                .unwrap_or_default();
            return Some(
                view! {
                    <ModelPicker models=models current=Some(model.clone())/>
                    <p class="note warn" id="card-only-note">
                        {tf!(
                            "“{}” cannot score this table: it needs {}. Here is its card.{back}",
                            "“{}” tidak dapat memberi skor pada tabel ini: model ini memerlukan {}. Berikut kartunya.{back}",
                            model.name, missing.join(", ")
                        )}
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
            <h1 id="score-title">{t("Score", "Skor")}</h1>
            <p class="lead">
                {t(
                    "A response probability for every customer from a logistic model: one shipped \
                     with Klaster when your file matches it, or one you train here on your own \
                     labelled data. Each score comes with its reasons.",
                    "Probabilitas respons untuk setiap pelanggan dari model logistik: model bawaan \
                     Klaster bila berkas Anda cocok dengannya, atau model yang Anda latih di sini \
                     dengan data berlabel Anda sendiri. Setiap skor disertai alasannya.",
                )}
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
                m.name.get().clone()
            } else {
                tf!(
                    "{} — card only, needs {}",
                    "{} — hanya kartu, memerlukan {}",
                    m.name,
                    m.missing.join(", ")
                )
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
        view! { <button type="button" class="button" id="export-model" on:click=on_save>{t("Save this model (JSON)", "Simpan model ini (JSON)")}</button> }
    });
    view! {
        <div class="controls model-picker">
            <label class="field">
                "Model"
                <select id="model-select" on:change=on_pick>{options}</select>
            </label>
            <label class="button file-button">
                {t("Open a model file…", "Buka berkas model…")}
                <input type="file" id="import-model" accept=".json,application/json" on:change=on_open/>
            </label>
            {save}
        </div>
    }
}

/// The card's metrics: (key for `data-metric`, always English; label; value; help).
fn metric_list(m: &Metrics) -> [(&'static str, &'static str, String, &'static str); 9] {
    let d = |v: f64| decimal(format!("{v:.3}"));
    [
        (
            "ROC AUC",
            "ROC AUC",
            d(m.roc_auc),
            t(
                "How well the scores rank responders above non-responders (0.5 = chance, 1 = perfect).",
                "Seberapa baik skor menempatkan responden di atas non-responden (0,5 = acak, 1 = sempurna).",
            ),
        ),
        (
            "PR AUC",
            "PR AUC",
            d(m.pr_auc),
            t(
                "Average precision: how pure the top of the list is (the base rate = chance).",
                "Presisi rata-rata: seberapa murni bagian atas daftar (tingkat dasar = acak).",
            ),
        ),
        (
            "Base rate",
            t("Base rate", "Tingkat dasar"),
            percent(m.base_rate),
            t("Share of positives.", "Porsi positif."),
        ),
        (
            "Threshold",
            t("Threshold", "Ambang batas"),
            d(m.threshold),
            t(
                "Scores at or above count as predicted positives below.",
                "Skor yang sama dengan atau di atasnya dihitung sebagai prediksi positif di bawah.",
            ),
        ),
        (
            "Accuracy",
            t("Accuracy", "Akurasi"),
            d(m.accuracy),
            t(
                "Share of rows predicted right at the threshold.",
                "Porsi baris yang diprediksi benar pada ambang batas.",
            ),
        ),
        (
            "Precision",
            t("Precision", "Presisi"),
            d(m.precision),
            t(
                "Of those predicted positive, the share that were.",
                "Dari yang diprediksi positif, porsi yang memang positif.",
            ),
        ),
        (
            "Recall",
            "Recall",
            d(m.recall),
            t(
                "Of the positives, the share found.",
                "Dari yang positif, porsi yang ditemukan.",
            ),
        ),
        (
            "F1",
            "F1",
            d(m.f1),
            t(
                "Harmonic mean of precision and recall.",
                "Rata-rata harmonik presisi dan recall.",
            ),
        ),
        (
            "Brier score",
            t("Brier score", "Skor Brier"),
            decimal(format!("{:.4}", m.brier)),
            t(
                "Mean squared error of the probabilities (lower is better).",
                "Rata-rata kuadrat galat probabilitas (makin rendah makin baik).",
            ),
        ),
    ]
}

fn metric_rows(m: &Metrics) -> impl IntoView {
    metric_list(m)
        .into_iter()
        .map(|(k, label, v, help)| {
            view! { <tr data-metric=k><th scope="row" title=help>{label}</th><td class="num">{v}</td></tr> }
        })
        .collect_view()
}

fn confusion(m: &Metrics, positive: &str) -> impl IntoView {
    let c = m.confusion;
    view! {
        <table class="data confusion" id="confusion">
            <caption>{tf!(
                "Confusion matrix at threshold {} ({} rows)",
                "Matriks konfusi pada ambang batas {} ({} baris)",
                decimal(format!("{:.3}", m.threshold)), thousands(m.rows as u64)
            )}</caption>
            <thead><tr><td></td><th scope="col">{t("predicted: no", "prediksi: tidak")}</th><th scope="col">{tf!("predicted: {positive}", "prediksi: {positive}")}</th></tr></thead>
            <tbody>
                <tr><th scope="row">{t("actual: no", "aktual: tidak")}</th><td class="num" data-cell="tn">{thousands(c.tn as u64)}</td><td class="num" data-cell="fp">{thousands(c.fp as u64)}</td></tr>
                <tr><th scope="row">{tf!("actual: {positive}", "aktual: {positive}")}</th><td class="num" data-cell="fn">{thousands(c.fn_ as u64)}</td><td class="num" data-cell="tp">{thousands(c.tp as u64)}</td></tr>
            </tbody>
        </table>
    }
}

/// The model card: what it is, how good it is on held-out rows, what decides, its limits.
#[component]
fn ModelCard(model: ModelFile, evaluation: Option<Metrics>) -> impl IntoView {
    // `t` is the training record here.
    use klaster_engine::i18n::t as tr;
    let t = &model.training;
    let m = &model.metrics;
    let cv =
        t.cv.iter()
            .find(|p| p.c == t.c)
            .map(|p| {
                tf!(
                    " (5-fold cross-validation on the training rows: AUC {})",
                    " (validasi silang 5-lipatan pada baris latih: AUC {})",
                    decimal(format!("{:.3}", p.auc))
                )
            })
            .unwrap_or_default();
    let data_line = tf!(
        "Trained on {}{}: {} rows used of {}; stratified holdout of {} — {} training rows ({} positive), {} test rows ({} positive). Regularisation C = {}{}.",
        "Dilatih pada {}{}: {} baris dipakai dari {}; holdout terstratifikasi {} — {} baris latih ({} positif), {} baris uji ({} positif). Regularisasi C = {}{}.",
        t.file,
        t.period.as_ref().map(|p| format!(" ({p})")).unwrap_or_default(),
        thousands(t.rows_used as u64),
        thousands(t.rows as u64),
        percent(t.test_share),
        thousands(t.train_rows as u64),
        thousands(t.train_positives as u64),
        thousands(t.test_rows as u64),
        thousands(t.test_positives as u64),
        decimal(t.c.to_string()),
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
        .map(|e| view! { <li><strong>{e.column.clone()}</strong>": "{e.reason.get().clone()}</li> })
        .collect_view();
    let limits = model
        .limits
        .get()
        .iter()
        .map(|l| view! { <li>{l.clone()}</li> })
        .collect_view();
    let cleaning = (!t.cleaning.get().is_empty()).then(|| {
        view! { <p class="note">{tr("Cleaning before training: ", "Pembersihan sebelum pelatihan: ")} {t.cleaning.get().join("; ")} "."</p> }
    });
    let ratios = model.odds_ratios();
    let odds_label = {
        let mut r = ratios.clone();
        r.sort_by(|a, b| b.1.ln().abs().total_cmp(&a.1.ln().abs()));
        r.iter()
            .take(8)
            .map(|(n, v)| format!("{n} ×{}", decimal(format!("{v:.2}"))))
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
            tf!(
                "predicted {} → observed {} ({} rows)",
                "prediksi {} → teramati {} ({} baris)",
                decimal(format!("{:.2}", b.mean_predicted)),
                decimal(format!("{:.2}", b.observed)),
                b.count
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let d3 = |v: f64| decimal(format!("{v:.3}"));
    let eval = evaluation.as_ref().map(|e| {
        view! {
            <p class="note" id="evaluation" data-auc=format!("{:.4}", e.roc_auc)>
                {tf!(
                    "On this file ({} rows with the target): ROC AUC {}, PR AUC {}, base rate {}, at the threshold precision {} and recall {}. Its curves are drawn beside the held-out ones.",
                    "Pada berkas ini ({} baris dengan target): ROC AUC {}, PR AUC {}, tingkat dasar {}, pada ambang batas presisi {} dan recall {}. Kurvanya digambar di samping kurva baris uji yang disisihkan.",
                    thousands(e.rows as u64), d3(e.roc_auc), d3(e.pr_auc), percent(e.base_rate), d3(e.precision), d3(e.recall)
                )}
            </p>
        }
    });
    let positive = model.target.positive.clone();
    view! {
        <section class="card" id="model-card" data-model=model.id.clone() aria-labelledby="model-card-title">
            <h2 id="model-card-title">{tf!("Model card: {}", "Kartu model: {}", model.name)}</h2>
            <p>{model.description.get().clone()}</p>
            <p class="note">{tf!("Predicts: {} = {} ({}).", "Memprediksi: {} = {} ({}).", model.target.column, model.target.positive, model.target.meaning)}</p>
            <p class="note">{data_line}</p>
            {cleaning}
            <p class="note">{tr("Features: ", "Fitur: ")} {features}</p>
            {eval}
            <div class="two-col">
                <table class="data" id="card-metrics">
                    <caption>{tr("Held-out test rows", "Baris uji yang disisihkan")}</caption>
                    <tbody>{metric_rows(m)}</tbody>
                </table>
                {confusion(m, &positive)}
            </div>
            <div class="two-col">
                <EChart id="roc-chart" chart=roc label=tf!("ROC curve, held-out AUC {}", "Kurva ROC, AUC baris uji {}", decimal(format!("{:.3}", m.roc_auc)))/>
                <EChart id="calibration-chart" chart=calibration label=tf!("Calibration: {calibration_label}", "Kalibrasi: {calibration_label}")/>
            </div>
            <h3>{tr("Which factors decide", "Faktor yang menentukan")}</h3>
            <p class="note">
                {tr(
                    "Odds ratios: for a number, the change of the odds per standard deviation more; for a \
                     category, that value vs the average customer. Above 1 raises the chance, below 1 lowers it.",
                    "Rasio odds: untuk angka, perubahan odds per kenaikan satu simpangan baku; untuk \
                     kategori, nilai itu dibandingkan pelanggan rata-rata. Di atas 1 menaikkan peluang, di bawah 1 menurunkannya.",
                )}
            </p>
            <EChart id="odds-chart" chart=odds label=tf!("Odds ratios of the strongest factors: {odds_label}", "Rasio odds faktor terkuat: {odds_label}")/>
            {(!model.excluded.is_empty()).then(|| view! { <h3>{tr("Left out", "Tidak diikutkan")}</h3><ul class="limits">{excluded}</ul> })}
            <h3>{tr("Limits", "Batasan")}</h3>
            <ul class="limits" id="model-limits">{limits}</ul>
        </section>
    }
}

#[component]
fn Results(state: AppState, scoring: Scoring) -> impl IntoView {
    let model = scoring.model.clone();
    let what = model.target.meaning.get().clone();
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
        .map(|(c, k)| {
            tf!(
                "{c}: {k} missing values took the training median",
                "{c}: {k} nilai kosong diisi dengan median data latih"
            )
        })
        .chain(scoring.unseen.iter().map(|(c, k)| {
            tf!(
                "{c}: {k} values the model never saw count as neutral",
                "{c}: {k} nilai yang belum pernah dilihat model dihitung netral"
            )
        }))
        .collect::<Vec<_>>();
    let filled = (!filled.is_empty())
        .then(|| view! { <p class="note" id="score-filled">{filled.join("; ")}"."</p> });
    let trained = scoring.trained_millis.map(|ms| {
        view! { <p class="note ok" id="trained-note">{tf!("Trained in {} ms on your data.", "Dilatih dalam {} ms pada data Anda.", ms.round())}</p> }
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
                    view! { <li class=class>{x.text.get().clone()}</li> }
                })
                .collect_view();
            let segment = r.segment;
            view! {
                <tr data-rank=r.rank>
                    <td class="num">{r.rank}</td>
                    <td class="num">{r.row}</td>
                    {has_id.then(|| view! { <td>{r.id.clone().unwrap_or_default()}</td> })}
                    <td class="num score">{decimal(format!("{:.1} %", r.score * 100.0))}</td>
                    <td>{move || segment.map(|s| segment_name(state, s)).unwrap_or_default()}</td>
                    {has_outcome.then(|| view! { <td>{match r.outcome { Some(true) => t("yes", "ya"), Some(false) => t("no", "tidak"), None => "" }}</td> })}
                    <td><ul class="reasons">{reasons}</ul></td>
                </tr>
            }
        })
        .collect_view();
    // "calls" for the bank data, "customers", "shops" …: what one row is.
    let noun = untrack(|| state.row()).noun().1;
    view! {
        <ModelPicker models=scoring.models.clone() current=Some(model.clone())/>
        <section class="card" id="score-results" data-model=model.id.clone() data-rows=scoring.rows
            data-millis=format!("{:.1}", scoring.millis) data-total-millis=format!("{:.1}", scoring.total_millis)
            aria-labelledby="scores-title">
            <h2 id="scores-title">{t("Scores", "Hasil skor")}</h2>
            {trained}
            <p class="summary-line" id="score-summary">
                {tf!(
                    "{} {noun} scored with “{}” in {:.0} ms. Mean probability {} ({}).",
                    "{} {noun} diberi skor dengan “{}” dalam {:.0} ms. Rata-rata probabilitas {} ({}).",
                    thousands(scoring.rows as u64), model.name, scoring.millis.max(1.0), percent(scoring.mean), what
                )}
            </p>
            {filled}
            <EChart id="score-histogram" chart=hist label=tf!("Distribution of scores: {hist_label}", "Distribusi skor: {hist_label}")/>
            <h3>{tf!("Top {} by score, with the reasons", "{} teratas menurut skor, dengan alasannya", scoring.top.len())}</h3>
            <div class="scroll ranked" tabindex="0">
                <table class="data" id="ranked-list">
                    <thead><tr>
                        <th scope="col">{t("Rank", "Peringkat")}</th><th scope="col">{t("Row", "Baris")}</th>
                        {has_id.then(|| view! { <th scope="col">"ID"</th> })}
                        <th scope="col">{t("Score", "Skor")}</th><th scope="col">{t("Segment", "Segmen")}</th>
                        {has_outcome.then(|| view! { <th scope="col">{t("Outcome", "Hasil")}</th> })}
                        <th scope="col">{
                            let one = untrack(|| state.row()).noun().0;
                            tf!("Why (vs the average {one})", "Alasan (dibandingkan {one} rata-rata)")
                        }</th>
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
                <h2>{t("Train your own model", "Latih model Anda sendiri")}</h2>
                <p class="note">{t(
                    "No column with exactly two values (yes/no, 1/0) to predict.",
                    "Tidak ada kolom dengan tepat dua nilai (ya/tidak, 1/0) untuk diprediksi.",
                )}</p>
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
            let kind = if *categorical {
                t("category", "kategori")
            } else {
                t("number", "angka")
            };
            view! {
                <li data-feature=n.clone()>
                    <label>
                        <input type="checkbox" prop:checked=checked prop:disabled=disabled on:change=on_change
                            aria-label=tf!("Use {n} as a feature", "Gunakan {n} sebagai fitur")/>
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
        state.begin(|| klaster_engine::i18n::t("Training a model", "Melatih model"));
        client::send(&Request::Train { params }, None);
    };
    view! {
        <section class="card" id="train-form" aria-labelledby="train-title">
            <h2 id="train-title">{t("Train your own model", "Latih model Anda sendiri")}</h2>
            <p class="note">
                {t(
                    "L2-regularised logistic regression on the prepared rows: a stratified 20 % holdout \
                     for the card, 5-fold cross-validation to choose the regularisation, seeded.",
                    "Regresi logistik dengan regularisasi L2 pada baris yang telah disiapkan: holdout \
                     terstratifikasi 20 % untuk kartu, validasi silang 5-lipatan untuk memilih \
                     regularisasi, dengan seed tetap.",
                )}
            </p>
            <label class="field">
                {t("Predict", "Prediksi")}
                <select id="train-target" on:change=move |ev| target.set(event_target::<HtmlSelectElement>(&ev).value())>
                    {targets}
                </select>
            </label>
            <ul class="feature-list" id="train-features">{boxes}</ul>
            <button type="button" id="train-button" class="button primary" on:click=on_train>{t("Train and score", "Latih dan beri skor")}</button>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use klaster_engine::i18n::{with_lang, Lang};

    fn metrics() -> Metrics {
        Metrics::compute(&[0.9, 0.8, 0.35, 0.1], &[true, false, true, false], 0.5)
            .expect("two classes")
    }

    #[test]
    fn the_card_metrics_read_in_indonesian_with_english_keys() {
        let m = metrics();
        let en = with_lang(Lang::En, || metric_list(&m));
        let id = with_lang(Lang::Id, || metric_list(&m));
        assert_eq!(en[3].1, "Threshold");
        assert_eq!(en[3].2, "0.500");
        // The keys (`data-metric`) stay English; labels, help and decimal marks follow the language.
        let keys = |rows: &[(&'static str, &str, String, &str)]| {
            rows.iter().map(|r| r.0).collect::<Vec<&'static str>>()
        };
        assert_eq!(keys(&id), keys(&en));
        assert_eq!(id[3].1, "Ambang batas");
        assert_eq!(id[3].2, "0,500");
        assert_eq!(id[8].1, "Skor Brier");
        for (_, label, _, help) in &id {
            let text = format!(" {label} {help} ").to_lowercase();
            for word in [" the ", " of ", " and ", " is ", " at "] {
                assert!(!text.contains(word), "{word:?} in {text:?}");
            }
        }
        assert!(id[0].3.contains("responden"));
    }

    #[test]
    fn decimal_marks_follow_the_language() {
        assert_eq!(with_lang(Lang::En, || decimal("12.5 %".into())), "12.5 %");
        assert_eq!(with_lang(Lang::Id, || decimal("12.5 %".into())), "12,5 %");
    }
}
