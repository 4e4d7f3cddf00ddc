//! The Prepare step: derived features with their formulas, the reference date and age bands,
//! cleaning rules with the rows each removes, and the conversion-rate analysis.

use klaster_engine::features::clean::Rule;
use klaster_engine::features::{CleanParams, DeriveParams, MissingIncome};
use klaster_engine::ingest::values::days_from_civil;
use leptos::prelude::*;
use web_sys::{HtmlInputElement, HtmlSelectElement};

use klaster_engine::i18n::t;
use klaster_engine::tf;

use super::EChart;
use crate::charts::{correlation_bar_chart, count, group_mean_chart};
use crate::client;
use crate::format::fixed;
use crate::format::{percent, thousands};
use crate::protocol::{Prepared, Request};
use crate::state::AppState;

/// Sends new settings; the worker answers with the Prepare result and a fresh segmentation.
fn send(state: AppState, derive: DeriveParams, clean: Option<CleanParams>) {
    state.begin(|| t("Preparing features", "Menyiapkan fitur"));
    client::send(&Request::Prepare { derive, clean }, None);
}

fn current(state: AppState) -> Option<(DeriveParams, CleanParams)> {
    state.prepared.with_untracked(|p| {
        p.as_ref()
            .map(|p| (p.derive_params.clone(), p.clean.clone()))
    })
}

/// Parses `yyyy-mm-dd` from a date input into days since 1970.
fn parse_date(text: &str) -> Option<i64> {
    let mut it = text.split('-').map(|p| p.parse::<u32>().ok());
    let (y, m, d) = (it.next()??, it.next()??, it.next()??);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| days_from_civil(y as i32, m, d))
}

#[component]
pub fn PrepareStep(state: AppState) -> impl IntoView {
    let body = move || {
        state
            .prepared
            .get()
            .map(|p| view! { <PrepareBody state=state p=p/> })
    };
    view! {
        <section class="step" aria-labelledby="prepare-title" id="prepare">
            <h1 id="prepare-title">{t("Prepare", "Siapkan")}</h1>
            <p class="lead">
                {t(
                    "Features derived from the columns' roles, and the cleaning rules applied before segmenting. Change any of them; the segments follow.",
                    "Fitur yang diturunkan dari peran kolom, dan aturan pembersihan yang diterapkan sebelum segmentasi. Ubah salah satunya; segmen akan mengikuti.",
                )}
            </p>
            {body}
        </section>
    }
}

#[component]
fn PrepareBody(state: AppState, p: Prepared) -> impl IntoView {
    let features = p
        .derive
        .features
        .iter()
        .map(|f| {
            view! {
                <tr data-feature=f.name.clone()>
                    <th scope="row">{f.name.clone()}</th>
                    <td>{f.formula.get().clone()}</td>
                    <td class="num">{thousands(f.missing as u64)}</td>
                    <td class="note-cell">{f.note.as_ref().map(|n| n.get().clone()).unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    let no_features = p.derive.features.is_empty().then(|| {
        view! {
            <p class="note">
                {t(
                    "No derived features: set roles such as spend, purchases, birth year or join date in the column table.",
                    "Tidak ada fitur turunan: atur peran seperti belanja, pembelian, tahun lahir, atau tanggal bergabung di tabel kolom.",
                )}
            </p>
        }
    });
    let lrfm = p.derive.lrfm.as_ref().map(|l| {
        view! {
            <p class="note" id="lrfm">
                {t("LRFM: Length = ", "LRFM: Lama (Length) = ")} {l.length.clone()}
                {t(", Recency = ", ", Kebaruan (Recency) = ")} {l.recency.clone()}
                {t(", Frequency = ", ", Frekuensi = ")} {l.frequency.clone()}
                {t(", Monetary = ", ", Nilai uang (Monetary) = ")} {l.monetary.clone()} "."
            </p>
        }
    });
    let reference = p.derive.reference_date.clone().unwrap_or_default();
    let source = p
        .derive
        .reference_source
        .as_ref()
        .map(|s| s.get().clone())
        .unwrap_or_default();
    let groups = p.derive.age_groups;
    let on_date = move |ev: leptos::ev::Event| {
        let text = event_target::<HtmlInputElement>(&ev).value();
        if let (Some(days), Some((mut d, c))) = (parse_date(&text), current(state)) {
            d.reference_date = Some(days);
            send(state, d, Some(c));
        }
    };
    let on_age = move |young: bool| {
        move |ev: leptos::ev::Event| {
            let Ok(v) = event_target::<HtmlInputElement>(&ev).value().parse::<f64>() else {
                return;
            };
            if let Some((mut d, c)) = current(state) {
                if young {
                    d.age_groups.young_below = v;
                } else {
                    d.age_groups.senior_from = v;
                }
                if d.age_groups.young_below < d.age_groups.senior_from {
                    send(state, d, Some(c));
                } else {
                    state.error.set(Some(klaster_engine::i18n::L10n::build(|| {
                        t(
                            "The young band must end before the senior band starts.",
                            "Kelompok usia muda harus berakhir sebelum kelompok senior dimulai.",
                        )
                        .into()
                    })));
                }
            }
        }
    };
    let date_control = p.derive.reference_date.is_some().then(|| {
        view! {
            <label class="field">
                {t("Reference date (“today” of the data)", "Tanggal acuan (“hari ini” pada data)")}
                <input type="date" id="reference-date" value=reference on:change=on_date/>
                <span class="hint">{source}</span>
            </label>
        }
    });

    view! {
        <div class="two-col">
            <section class="card" id="derived" aria-labelledby="derived-title">
                <h2 id="derived-title">{t("Derived features", "Fitur turunan")}</h2>
                {no_features}
                <div class="scroll" tabindex="0">
                    <table class="data" id="derived-features">
                        <thead>
                            <tr>
                                <th scope="col">{t("Feature", "Fitur")}</th>
                                <th scope="col">{t("Formula", "Rumus")}</th>
                                <th scope="col" class="num">{t("Empty", "Kosong")}</th>
                                <th scope="col">{t("Note", "Catatan")}</th>
                            </tr>
                        </thead>
                        <tbody>{features}</tbody>
                    </table>
                </div>
                {lrfm}
                <div class="fields">
                    {date_control}
                    <label class="field">
                        {t("Young below age", "Muda di bawah usia")}
                        <input type="number" id="young-below" min="1" max="120" value=groups.young_below on:change=on_age(true)/>
                    </label>
                    <label class="field">
                        {t("Senior from age", "Senior mulai usia")}
                        <input type="number" id="senior-from" min="1" max="120" value=groups.senior_from on:change=on_age(false)/>
                    </label>
                </div>
            </section>
            <CleaningCard state=state p=p.clone()/>
        </div>
        <ConversionCard state=state p=p/>
    }
}

#[component]
fn CleaningCard(state: AppState, p: Prepared) -> impl IntoView {
    let update = move |f: Box<dyn Fn(&mut CleanParams)>| {
        if let Some((d, mut c)) = current(state) {
            f(&mut c);
            send(state, d, Some(c));
        }
    };
    let rows = p
        .rules
        .iter()
        .map(|r| {
            let removed = if r.imputed > 0 {
                tf!("{} filled", "{} diisi", thousands(r.imputed as u64))
            } else if r.enabled {
                format!("−{}", thousands(r.rows as u64))
            } else {
                tf!("({} if on)", "({} jika aktif)", thousands(r.rows as u64))
            };
            let control = match r.rule {
                Rule::MissingIncome => {
                    let current = p.clean.missing_income;
                    let on_change = move |ev: leptos::ev::Event| {
                        let v = match event_target::<HtmlSelectElement>(&ev).value().as_str() {
                            "impute" => MissingIncome::ImputeMedian,
                            "keep" => MissingIncome::Keep,
                            _ => MissingIncome::Drop,
                        };
                        update(Box::new(move |c| c.missing_income = v));
                    };
                    view! {
                        <select aria-label=t("Missing income", "Pendapatan kosong") id="missing-income" on:change=on_change>
                            <option value="drop" selected=current == MissingIncome::Drop>{t("drop rows", "hapus baris")}</option>
                            <option value="impute" selected=current == MissingIncome::ImputeMedian>{t("fill with median", "isi dengan median")}</option>
                            <option value="keep" selected=current == MissingIncome::Keep>
                                {t(
                                    "keep (rows without it are skipped when it is a feature)",
                                    "pertahankan (baris tanpa nilai ini dilewati bila kolom ini menjadi fitur)",
                                )}
                            </option>
                        </select>
                    }
                    .into_any()
                }
                Rule::ImpossibleAges | Rule::Duplicates => {
                    let rule = r.rule;
                    let on = r.enabled;
                    let on_change = move |ev: leptos::ev::Event| {
                        let checked = event_target::<HtmlInputElement>(&ev).checked();
                        update(Box::new(move |c| match rule {
                            Rule::ImpossibleAges => c.impossible_ages = checked,
                            _ => c.duplicates = checked,
                        }));
                    };
                    view! { <input type="checkbox" checked=on aria-label=r.label.get().clone() on:change=on_change/> }
                        .into_any()
                }
                Rule::Iqr => {
                    let column = r.column.clone().unwrap_or_default();
                    let on_change = move |_| {
                        let column = column.clone();
                        update(Box::new(move |c| c.iqr_columns.retain(|x| *x != column)));
                    };
                    view! { <input type="checkbox" checked=true aria-label=r.label.get().clone() on:change=on_change/> }
                        .into_any()
                }
            };
            view! {
                <tr data-rule=format!("{:?}", r.rule) data-rows=r.rows data-enabled=r.enabled.to_string()>
                    <td>{control}</td>
                    <td>{r.label.get().clone()}</td>
                    <td class="num">{removed}</td>
                </tr>
            }
        })
        .collect_view();
    let fence_options = p
        .fence_columns
        .iter()
        .filter(|c| !p.clean.iqr_columns.contains(c))
        .take(super::LIST_LIMIT)
        .map(|c| view! { <option value=c.clone()>{c.clone()}</option> })
        .collect_view();
    let on_fence = move |ev: leptos::ev::Event| {
        let v = event_target::<HtmlSelectElement>(&ev).value();
        if !v.is_empty() {
            update(Box::new(move |c| c.iqr_columns.push(v.clone())));
        }
    };
    let kept_share = if p.rows_before > 0 {
        p.rows_after as f64 / p.rows_before as f64
    } else {
        0.0
    };
    view! {
        <section class="card" id="cleaning" aria-labelledby="cleaning-title">
            <h2 id="cleaning-title">{t("Cleaning", "Pembersihan")}</h2>
            <p id="rows-after" data-value=p.rows_after data-before=p.rows_before>
                <strong>{thousands(p.rows_after as u64)}</strong>
                {t(" of ", " dari ")} {thousands(p.rows_before as u64)}
                {t(" rows kept (", " baris dipertahankan (")} {percent(kept_share)} ")"
            </p>
            <table class="data" id="cleaning-rules">
                <thead>
                    <tr>
                        <th scope="col">{t("On", "Aktif")}</th>
                        <th scope="col">{t("Rule", "Aturan")}</th>
                        <th scope="col" class="num">{t("Rows", "Baris")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <label class="field">
                {t("Add outlier fences on", "Tambahkan batas pencilan pada")}
                <select id="add-fence" on:change=on_fence>
                    <option value="">{t("choose a column…", "pilih kolom…")}</option>
                    {fence_options}
                </select>
            </label>
        </section>
    }
}

#[component]
fn ConversionCard(state: AppState, p: Prepared) -> impl IntoView {
    let cards = p
        .conversion
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let corr: Vec<(String, f64)> = a
                .associations
                .iter()
                .filter_map(|x| x.r.map(|r| (x.column.clone(), r)))
                .collect();
            let groups: Vec<(String, f64)> =
                a.by_age_group.iter().map(|g| (format!("{} ({})", g.label, count(g.count)), g.mean)).collect();
            let corr_label = tf!(
                "Correlation of {} with {}",
                "Korelasi {} dengan {}",
                a.column,
                corr.iter()
                    .map(|(c, r)| format!("{c} {}", fixed(*r, 2)))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let group_label = tf!(
                "Mean {} by age group: {}",
                "Rata-rata {} menurut kelompok usia: {}",
                a.column,
                groups
                    .iter()
                    .map(|(g, m)| format!("{g} {}", fixed(*m, 3)))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let corr_chart = Signal::derive({
                let corr = corr.clone();
                move || Some(correlation_bar_chart(&corr, "Pearson r"))
            });
            let group_chart = Signal::derive({
                let groups = groups.clone();
                let name = a.column.clone();
                move || (!groups.is_empty()).then(|| group_mean_chart(&groups, &name))
            });
            view! {
                <div class="conversion" data-column=a.column.clone()>
                    <h3>{a.column.clone()} " = " {a.definition.clone()}</h3>
                    <p class="note">
                        {
                            let many = untrack(|| state.row()).noun().1;
                            tf!(
                                "Mean {} over {} {many} with web visits.",
                                "Rata-rata {} dari {} {many} dengan kunjungan web.",
                                fixed(a.mean, 3),
                                thousands(a.rows as u64)
                            )
                        }
                    </p>
                    <div class="two-col">
                        <EChart id=format!("conversion-corr-{i}") chart=corr_chart label=corr_label/>
                        <EChart id=format!("conversion-age-{i}") chart=group_chart label=group_label/>
                    </div>
                </div>
            }
        })
        .collect_view();
    (!p.conversion.is_empty()).then(|| {
        view! {
            <section class="card" id="conversion" aria-labelledby="conversion-title">
                <h2 id="conversion-title">{t("Conversion rate: what goes with it", "Tingkat konversi: apa yang menyertainya")}</h2>
                {cards}
            </section>
        }
    })
}
