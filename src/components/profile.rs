//! The Profile step: plain-language summary, target rates, correlations and column statistics.
//! Everything here renders a [`Profile`] computed by the engine in the worker.

use klaster_engine::i18n::t;
use klaster_engine::profile::{Profile, RateBreakdown};
use klaster_engine::tf;
use klaster_engine::ColumnType;
use leptos::prelude::*;
use web_sys::HtmlSelectElement;

use super::row_kind::RowQuestion;
use super::EChart;
use crate::charts::{heatmap_chart, rate_chart};
use crate::format::{compact, percent, thousands};
use crate::state::AppState;

/// The schema that was recognised and the summary sentences.
#[component]
pub fn ProfileSummary(state: AppState) -> impl IntoView {
    let profile = state.profile;
    move || {
        profile.with(|p| {
            p.as_ref().map(|p| {
                let items = p.summary.get().iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view();
                let unknown = (p.schema.kind == klaster_engine::schema::SchemaKind::Unknown).then(|| {
                    view! {
                        <p class="note" id="role-hint">
                            {t(
                                "This table was not recognised, so the roles in the column table are guesses. Check them: mark the yes/no outcome as “target” to see response rates.",
                                "Tabel ini tidak dikenali, jadi peran di tabel kolom hanyalah tebakan. Periksalah: tandai hasil ya/tidak sebagai “target” untuk melihat tingkat respons.",
                            )}
                        </p>
                    }
                });
                view! {
                    <section id="profile-summary" class="card summary-card" aria-label=t("Summary", "Ringkasan")>
                        <p class="schema" data-schema=format!("{:?}", p.schema.kind)>{p.schema.kind.label()}</p>
                        <ul class="sentences">{items}</ul>
                        <RowQuestion state=state/>
                        {unknown}
                    </section>
                }
            })
        })
    }
}

fn rate_label(b: &RateBreakdown, target: &str) -> String {
    let parts: Vec<String> = b
        .groups
        .iter()
        .take(6)
        .map(|g| format!("{} {}", g.label, percent(g.rate)))
        .collect();
    let (column, parts) = (&b.column, parts.join(", "));
    tf!(
        "Rate of {target} by {column}: {parts}.",
        "Tingkat {target} menurut {column}: {parts}."
    )
}

/// Target rate by the chosen column, with the overall rate as a reference line.
#[component]
pub fn TargetCard(profile: RwSignal<Option<Profile>>) -> impl IntoView {
    let chosen = RwSignal::new(None::<String>);
    // A new file starts with its strongest descriptive factor.
    Effect::new(move |_| {
        let first = profile.with(|p| {
            let p = p.as_ref()?;
            let t = p.target.as_ref()?;
            let role = |name: &str| p.columns.iter().find(|c| c.name == name).map(|c| c.role);
            t.by_column
                .iter()
                .find(|b| role(&b.column) == Some(klaster_engine::schema::Role::Attribute))
                .or(t.by_column.first())
                .map(|b| b.column.clone())
        });
        chosen.set(first);
    });
    let breakdown = move || {
        let name = chosen.get()?;
        profile.with(|p| {
            p.as_ref()?
                .target
                .as_ref()?
                .by_column
                .iter()
                .find(|b| b.column == name)
                .cloned()
        })
    };
    let chart = Signal::derive(move || {
        let overall =
            profile.with(|p| p.as_ref().and_then(|p| p.target.as_ref()).map(|t| t.rate))?;
        breakdown().map(|b| rate_chart(&b, overall))
    });
    let label = Signal::derive(move || {
        let target = profile.with(|p| {
            p.as_ref()
                .and_then(|p| p.target.as_ref())
                .map(|t| t.column.clone())
        });
        breakdown()
            .zip(target)
            .map(|(b, t)| rate_label(&b, &t))
            .unwrap_or_default()
    });
    let options = move || {
        let current = chosen.get();
        profile.with(|p| {
            p.iter()
                .flat_map(|p| p.target.iter())
                .flat_map(|t| t.by_column.iter())
                .map(|b| {
                    let selected = current.as_deref() == Some(b.column.as_str());
                    view! { <option value=b.column.clone() selected=selected>{b.column.clone()}</option> }
                })
                .collect_view()
        })
    };
    let table = move || {
        breakdown().map(|b| {
            let rows = b
                .groups
                .iter()
                .take(12)
                .map(|g| {
                    view! {
                        <tr>
                            <th scope="row">{g.label.get().clone()}</th>
                            <td class="num">{thousands(g.count as u64)}</td>
                            <td class="num">{thousands(g.positives as u64)}</td>
                            <td class="num">{percent(g.rate)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="data compact" id="target-table">
                    <thead>
                        <tr>
                            <th scope="col">{b.column.clone()}</th>
                            <th scope="col" class="num">{t("Rows", "Baris")}</th>
                            <th scope="col" class="num">{t("Positive", "Positif")}</th>
                            <th scope="col" class="num">{t("Rate", "Tingkat")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
    };
    let has_target = move || profile.with(|p| p.as_ref().is_some_and(|p| p.target.is_some()));
    let title = move || {
        profile.with(|p| {
            p.as_ref()
                .and_then(|p| p.target.as_ref())
                .map(|x| {
                    let (column, label) = (&x.column, &x.positive_label);
                    tf!(
                        "Rate of {column} = “{label}”",
                        "Tingkat {column} = “{label}”"
                    )
                })
                .unwrap_or_else(|| t("Response rate", "Tingkat respons").into())
        })
    };
    view! {
        <section id="target" class="card" aria-labelledby="target-title">
            <div class="card-head">
                <h2 id="target-title">{title}</h2>
                <Show when=has_target>
                    <label class="picker">
                        {t("By ", "Menurut ")}
                        <select
                            id="target-column"
                            on:change=move |ev| chosen.set(Some(event_target::<HtmlSelectElement>(&ev).value()))
                        >
                            {options}
                        </select>
                    </label>
                </Show>
            </div>
            <Show
                when=has_target
                fallback=|| {
                    view! {
                        <p class="empty-hint">
                            {t(
                                "No yes/no target column (such as y or Response) was found, so rates are not shown.",
                                "Tidak ditemukan kolom target ya/tidak (seperti y atau Response), jadi tingkat tidak ditampilkan.",
                            )}
                        </p>
                    }
                }
            >
                <EChart id="target-chart" chart=chart label=label/>
                <p class="chart-note">{move || label.get()}</p>
                <div class="scroll short" tabindex="0">{table}</div>
            </Show>
        </section>
    }
}

/// The strongest correlations, in words (the heatmap's text alternative).
fn strongest_pairs(p: &Profile, n: usize) -> String {
    let c = &p.correlation;
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for i in 0..c.columns.len() {
        for j in i + 1..c.columns.len() {
            if let Some(r) = c.matrix[i][j] {
                pairs.push((r, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
    let list: Vec<String> = pairs
        .iter()
        .take(n)
        .map(|(r, i, j)| {
            let r = crate::format::decimal(format!("{r:+.2}"));
            format!("{} – {} ({r})", c.columns[*i], c.columns[*j])
        })
        .collect();
    if list.is_empty() {
        t(
            "Not enough numeric columns for correlations.",
            "Kolom numerik tidak cukup untuk menghitung korelasi.",
        )
        .into()
    } else {
        let list = list.join("; ");
        tf!(
            "Strongest correlations: {list}.",
            "Korelasi terkuat: {list}."
        )
    }
}

/// Pearson correlations of the numeric and yes/no columns.
#[component]
pub fn CorrelationCard(profile: RwSignal<Option<Profile>>) -> impl IntoView {
    let chart = Signal::derive(move || {
        profile.with(|p| {
            p.as_ref()
                .filter(|p| p.correlation.columns.len() >= 2)
                .map(|p| heatmap_chart(&p.correlation))
        })
    });
    let label = Signal::derive(move || {
        profile.with(|p| {
            p.as_ref()
                .map(|p| strongest_pairs(p, 5))
                .unwrap_or_default()
        })
    });
    view! {
        <section id="correlation" class="card" aria-labelledby="correlation-title">
            <h2 id="correlation-title">{t("Correlations (Pearson)", "Korelasi (Pearson)")}</h2>
            <Show
                when=move || chart.with(Option::is_some)
                fallback=|| view! { <p class="empty-hint">{t("Not enough numeric columns for correlations.", "Kolom numerik tidak cukup untuk menghitung korelasi.")}</p> }
            >
                <div class="chart-tall">
                    <EChart id="correlation-chart" chart=chart label=label/>
                </div>
            </Show>
            <p class="chart-note">{move || label.get()}</p>
        </section>
    }
}

fn opt(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), |v| crate::format::fixed(v, 2))
}

/// Statistics per numeric column and shares per categorical column.
#[component]
pub fn StatsTable(profile: RwSignal<Option<Profile>>) -> impl IntoView {
    let numeric = move || {
        profile.with(|p| {
            p.iter()
                .flat_map(|p| p.columns.iter())
                .filter(|c| c.kind.is_quantity())
                .filter_map(|c| c.stats.as_ref().map(|s| (c, s)))
                .take(super::LIST_LIMIT)
                .map(|(c, s)| {
                    let sentinel = c.sentinel.as_ref().map(|x| {
                        format!(
                            "{} × {} = {}",
                            thousands(x.count as u64),
                            compact(x.value),
                            x.meaning
                        )
                    });
                    let outliers = s.outliers_low + s.outliers_high;
                    view! {
                        <tr data-column=c.name.clone()>
                            <th scope="row">{c.name.clone()}</th>
                            <td>{c.role.label()}</td>
                            <td class="num">{thousands(s.count as u64)}</td>
                            <td class="num">{thousands(c.missing as u64)}</td>
                            <td class="num mean">{compact(s.mean)}</td>
                            <td class="num">{s.std.map_or_else(|| "–".into(), compact)}</td>
                            <td class="num">{compact(s.min)}</td>
                            <td class="num">{compact(s.q1)}</td>
                            <td class="num">{compact(s.median)}</td>
                            <td class="num">{compact(s.q3)}</td>
                            <td class="num">{compact(s.max)}</td>
                            <td class="num">{opt(s.skew)}</td>
                            <td class="num" title={
                                let (low, high) = (compact(s.low_fence), compact(s.high_fence));
                                tf!("fences {low} – {high}", "pagar {low} – {high}")
                            }>
                                {thousands(outliers as u64)}
                            </td>
                            <td class="detail">{sentinel}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let categorical = move || {
        profile.with(|p| {
            p.iter()
                .flat_map(|p| p.columns.iter())
                .filter(|c| matches!(c.kind, ColumnType::Categorical | ColumnType::Boolean))
                .take(super::LIST_LIMIT)
                .map(|c| {
                    let top: Vec<String> = c
                        .top
                        .iter()
                        .take(4)
                        .map(|t| format!("{} {}", t.value, percent(t.share)))
                        .collect();
                    view! {
                        <tr data-column=c.name.clone()>
                            <th scope="row">{c.name.clone()}</th>
                            <td>{c.role.label()}</td>
                            <td class="num">{thousands(c.count as u64)}</td>
                            <td class="num">{thousands(c.missing as u64)}</td>
                            <td class="num">{thousands(c.distinct as u64)}</td>
                            <td class="detail">{top.join(" · ")}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let count = move |numeric: bool| {
        profile.with(|p| {
            p.iter()
                .flat_map(|p| p.columns.iter())
                .filter(|c| {
                    if numeric {
                        c.kind.is_quantity() && c.stats.is_some()
                    } else {
                        matches!(c.kind, ColumnType::Categorical | ColumnType::Boolean)
                    }
                })
                .count()
        })
    };
    view! {
        <section id="stats" class="card" aria-labelledby="stats-title">
            <h2 id="stats-title">{t("Numeric columns", "Kolom numerik")}</h2>
            <p class="note">{move || super::cut_note(count(true), t("numeric columns", "kolom numerik"))}</p>
            <Show when=move || { count(true) > 0 }
                fallback=|| view! { <p class="note" id="no-numeric">{t("No numeric columns in this file.", "Tidak ada kolom numerik dalam berkas ini.")}</p> }>
            <div class="scroll" tabindex="0">
                <table class="data" id="numeric-stats">
                    <thead>
                        <tr>
                            <th scope="col">{t("Column", "Kolom")}</th>
                            <th scope="col">{t("Role", "Peran")}</th>
                            <th scope="col" class="num">{t("Count", "Jumlah")}</th>
                            <th scope="col" class="num">{t("Missing", "Kosong")}</th>
                            <th scope="col" class="num">{t("Mean", "Rata-rata")}</th>
                            <th scope="col" class="num">{t("Std", "Simp. baku")}</th>
                            <th scope="col" class="num">{t("Min", "Min")}</th>
                            <th scope="col" class="num">"25 %"</th>
                            <th scope="col" class="num">{t("Median", "Median")}</th>
                            <th scope="col" class="num">"75 %"</th>
                            <th scope="col" class="num">{t("Max", "Maks")}</th>
                            <th scope="col" class="num">{t("Skew", "Kemiringan")}</th>
                            <th scope="col" class="num" title=t("Values outside Tukey's fences (1.5 × IQR)", "Nilai di luar pagar Tukey (1,5 × IQR)")>{t("Outliers", "Pencilan")}</th>
                            <th scope="col">{t("Codes", "Kode")}</th>
                        </tr>
                    </thead>
                    <tbody>{numeric}</tbody>
                </table>
            </div>
            </Show>
            <h2 class="spaced">{t("Categorical and yes/no columns", "Kolom kategorikal dan ya/tidak")}</h2>
            <p class="note">{move || super::cut_note(count(false), t("categorical and yes/no columns", "kolom kategorikal dan ya/tidak"))}</p>
            <Show when=move || { count(false) > 0 }
                fallback=|| view! { <p class="note" id="no-categorical">{t("No categorical or yes/no columns in this file.", "Tidak ada kolom kategorikal atau ya/tidak dalam berkas ini.")}</p> }>
            <div class="scroll" tabindex="0">
                <table class="data" id="categorical-stats">
                    <thead>
                        <tr>
                            <th scope="col">{t("Column", "Kolom")}</th>
                            <th scope="col">{t("Role", "Peran")}</th>
                            <th scope="col" class="num">{t("Count", "Jumlah")}</th>
                            <th scope="col" class="num">{t("Missing", "Kosong")}</th>
                            <th scope="col" class="num">{t("Distinct", "Unik")}</th>
                            <th scope="col">{t("Most frequent", "Paling sering")}</th>
                        </tr>
                    </thead>
                    <tbody>{categorical}</tbody>
                </table>
            </div>
            </Show>
        </section>
    }
}
