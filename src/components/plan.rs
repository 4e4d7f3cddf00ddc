//! The Plan step: whom to contact. Gains and lift of the ranked list, the expected profit for
//! a cost per contact and a revenue per response (prefilled from the file when it has them),
//! the profit-maximising cut-off, the same per segment, and the ranked list as CSV.

use klaster_engine::campaign::{GainPoint, Plan, PlanParams};
use klaster_engine::i18n::t;
use klaster_engine::tf;
use leptos::prelude::*;
use web_sys::{HtmlInputElement, HtmlSelectElement};

use super::score::segment_name;
use super::EChart;
use crate::charts::{gains_chart, lift_chart, profit_chart};
use crate::client;
use crate::format::{amount, decimal, percent, thousands};
use crate::protocol::{ExportKind, Request};
use crate::state::AppState;
use klaster_engine::warehouse::Dialect;

/// The economics inputs: they outlive each plan's view, so that a plan arriving while the user
/// types (or a refused value) does not reset what they typed.
#[derive(Debug, Clone, Copy)]
struct Inputs {
    cost: RwSignal<String>,
    revenue: RwSignal<String>,
    problem: RwSignal<Option<String>>,
}

#[component]
pub fn PlanStep(state: AppState) -> impl IntoView {
    let inputs = Inputs {
        cost: RwSignal::new(String::new()),
        revenue: RwSignal::new(String::new()),
        problem: RwSignal::new(None),
    };
    // A new file (or new preparation) starts from its own economics.
    Effect::new(move |_| {
        state.report.track();
        inputs.problem.set(None);
    });
    // A new plan shows its economics, unless the user is fixing a refused value.
    Effect::new(move |_| {
        if let Some(p) = state.plan.get() {
            if inputs.problem.get_untracked().is_none() {
                // Only a different figure is written: rewriting the same one would reset an
                // input the user has started to edit.
                let sync = |input: RwSignal<String>, value: f64| {
                    let shown = input
                        .get_untracked()
                        .trim()
                        .replace(',', ".")
                        .parse::<f64>();
                    if shown != Ok(value) {
                        input.set(value.to_string());
                    }
                };
                sync(inputs.cost, p.params.cost);
                sync(inputs.revenue, p.params.revenue);
            }
        }
    });
    let body = move || {
        state
            .plan
            .get()
            .map(|plan| view! { <PlanView state=state plan=plan/> })
    };
    let empty = move || {
        (state.plan.with(Option::is_none) && state.score_note.with(Option::is_some)).then(|| {
            view! { <p class="note" id="plan-note">{t(
                "The plan needs scores: train or open a model in the Score step.",
                "Rencana memerlukan skor: latih atau buka model di langkah Skor.",
            )}</p> }
        })
    };
    view! {
        <section class="step" aria-labelledby="plan-title" id="plan">
            <h1 id="plan-title">{t("Plan", "Rencana")}</h1>
            <p class="lead">
                {t(
                    "Whom to contact and how many: customers ranked by score, what each share of the \
                     list reaches, and where the expected profit peaks.",
                    "Siapa yang dihubungi dan berapa banyak: pelanggan diurutkan menurut skor, apa yang \
                     dicapai setiap porsi daftar, dan di mana perkiraan laba mencapai puncaknya.",
                )}
            </p>
            {empty}
            <Show when=move || state.plan.with(Option::is_some)>
                <Economics state=state inputs=inputs/>
            </Show>
            {body}
        </section>
    }
}

#[component]
fn PlanView(state: AppState, plan: Plan) -> impl IntoView {
    let b = plan.best.clone();
    let has_actual = plan.actual_responders.is_some();
    let table_rows = plan
        .table
        .iter()
        .map(|g| {
            view! {
                <tr data-share=format!("{:.0}", g.share * 100.0)>
                    <td>{tf!("top {}", "{} teratas", percent(g.share))}</td>
                    <td class="num">{thousands(g.contacts as u64)}</td>
                    <td class="num">{format!("{} ({})", amount(g.expected_responders), percent(g.responder_share))}</td>
                    <td class="num">{g.lift.map(|l| decimal(format!("{l:.2}"))).unwrap_or_default()}</td>
                    {has_actual.then(|| view! {
                        <td class="num">{format!("{} ({})", thousands(g.actual_responders.unwrap_or(0) as u64), g.actual_share.map(percent).unwrap_or_default())}</td>
                        <td class="num">{g.actual_lift.map(|l| decimal(format!("{l:.2}"))).unwrap_or_default()}</td>
                    })}
                </tr>
            }
        })
        .collect_view();
    let gains_sentence = gains_sentence(&plan.table);
    let segments = plan.segments.clone().map(|s| {
        let rows = s
            .segments
            .iter()
            .map(|p| {
                let id = p.id;
                view! {
                    <tr data-segment=id>
                        <td>{move || segment_name(state, id)}</td>
                        <td class="num">{thousands(p.rows as u64)}</td>
                        <td class="num">{p.mean_score.map(percent).unwrap_or_default()}</td>
                        <td class="num">{thousands(p.contacts as u64)}</td>
                        <td class="num">{amount(p.expected_profit)}</td>
                        <td>{p.recommendation.get().clone()}</td>
                    </tr>
                }
            })
            .collect_view();
        let unsegmented = (s.unsegmented > 0).then(|| {
            view! { <p class="note">{tf!(
                "{} rows have no segment (removed by the cleaning rules); {} of them are in the best cut-off.",
                "{} baris tidak memiliki segmen (dihapus oleh aturan pembersihan); {} di antaranya termasuk dalam titik potong terbaik.",
                thousands(s.unsegmented as u64), thousands(s.unsegmented_contacts as u64)
            )}</p> }
        });
        view! {
            <section class="card" aria-labelledby="segment-plan-title">
                <h2 id="segment-plan-title">{t("Per segment", "Per segmen")}</h2>
                <div class="scroll" tabindex="0">
                    <table class="data" id="segment-plan">
                        <thead><tr>
                            <th scope="col">{t("Segment", "Segmen")}</th><th scope="col">{t("Customers", "Pelanggan")}</th>
                            <th scope="col">{t("Mean score", "Rata-rata skor")}</th>
                            <th scope="col">{t("In the best cut-off", "Dalam titik potong terbaik")}</th>
                            <th scope="col">{t("Their expected profit", "Perkiraan labanya")}</th>
                            <th scope="col">{t("Planned on its own", "Jika direncanakan tersendiri")}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                {unsegmented}
            </section>
        }
    });
    let gains = Signal::derive({
        let p = plan.clone();
        move || Some(gains_chart(&p))
    });
    let lift = Signal::derive({
        let p = plan.clone();
        move || Some(lift_chart(&p))
    });
    let profit = Signal::derive({
        let p = plan.clone();
        move || Some(profit_chart(&p))
    });
    let roi = b
        .roi
        .map(|r| {
            tf!(
                " Return on the contact spend: {}.",
                " Imbal hasil atas biaya kontak: {}.",
                percent(r)
            )
        })
        .unwrap_or_default();
    view! {
        <section class="card" id="plan-best" aria-labelledby="best-title">
            <h2 id="best-title">{t("Best cut-off", "Titik potong terbaik")}</h2>
            <p class="suggestion" id="best-cutoff" data-contacts=b.contacts data-profit=format!("{:.2}", b.expected_profit)>
                {tf!("Best: {}.", "Terbaik: {}.", b.recommendation)}
                {tf!(
                    " A contact pays when its score is above {} (cost ÷ revenue). Contacting everyone would make {}; the best cut-off makes {}.{}",
                    " Sebuah kontak menguntungkan bila skornya di atas {} (biaya ÷ pendapatan). Menghubungi semua pelanggan akan menghasilkan {}; titik potong terbaik menghasilkan {}.{}",
                    percent(b.break_even_score), amount(b.profit_all), amount(b.expected_profit), roi
                )}
            </p>
            {has_actual.then(|| view! {
                <p class="note" id="actual-profit">{tf!(
                    "On this file's actual outcomes the same contacts would have reached {} responders and made {}.",
                    "Berdasarkan hasil aktual berkas ini, kontak yang sama akan menjangkau {} responden dan menghasilkan {}.",
                    thousands(b.actual_responders.unwrap_or(0) as u64), amount(b.actual_profit.unwrap_or(0.0))
                )}</p>
            })}
            <EChart id="profit-chart" chart=profit label=tf!(
                "Expected profit over the share contacted; best at {} contacts",
                "Perkiraan laba menurut porsi yang dihubungi; terbaik pada {} kontak",
                b.contacts
            )/>
        </section>
        <section class="card" aria-labelledby="gains-title">
            <h2 id="gains-title">{t("Gains and lift", "Gain dan lift")}</h2>
            <div class="scroll" tabindex="0"><table class="data" id="gains-table">
                <thead><tr>
                    <th scope="col">{t("Contact", "Hubungi")}</th><th scope="col">{t("Customers", "Pelanggan")}</th>
                    <th scope="col">{t("Expected responders reached", "Perkiraan responden terjangkau")}</th><th scope="col">"Lift"</th>
                    {has_actual.then(|| view! {
                        <th scope="col">{t("Actual responders reached", "Responden aktual terjangkau")}</th>
                        <th scope="col">{t("Actual lift", "Lift aktual")}</th>
                    })}
                </tr></thead>
                <tbody>{table_rows}</tbody>
            </table></div>
            <div class="two-col">
                <EChart id="gains-chart" chart=gains label=tf!("Cumulative gains: {gains_sentence}", "Gain kumulatif: {gains_sentence}")/>
                <EChart id="lift-chart" chart=lift label=format!("Lift: {gains_sentence}")/>
            </div>
        </section>
        {segments}
        <ExportCard state=state/>
    }
}

/// The gains table in one sentence, for the charts' text alternative.
fn gains_sentence(table: &[GainPoint]) -> String {
    table
        .iter()
        .map(|g| {
            tf!(
                "contact the top {} → reach {} of the expected responders (lift {})",
                "hubungi {} teratas → jangkau {} dari perkiraan responden (lift {})",
                percent(g.share),
                percent(g.responder_share),
                decimal(format!("{:.2}", g.lift.unwrap_or(f64::NAN)))
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Asks the worker for one of the Export card's files (it answers with the file).
fn request_export(state: AppState, what: ExportKind, busy: fn() -> &'static str) {
    state.begin(busy);
    client::send(
        &Request::Export {
            what,
            segment_names: state.segment_names.get_untracked(),
            lang: klaster_engine::i18n::lang(),
        },
        None,
    );
}

/// The files to take away: the ranked list, the segments, and the warehouse query.
#[component]
fn ExportCard(state: AppState) -> impl IntoView {
    let dialect = RwSignal::new(Dialect::DuckDb);
    let table = RwSignal::new("customers".to_string());
    let no_segments = move || state.segmentation.with(Option::is_none);
    let on_dialect = move |ev: leptos::ev::Event| {
        let id = event_target::<HtmlSelectElement>(&ev).value();
        if let Some(d) = Dialect::from_id(&id) {
            dialect.set(d);
        }
    };
    let on_sql = move |_| {
        let what = ExportKind::Sql {
            dialect: dialect.get_untracked(),
            table: table.get_untracked(),
        };
        request_export(state, what, || t("Writing the query", "Menulis kueri"));
    };
    let dialects = Dialect::ALL
        .into_iter()
        .map(|d| view! { <option value=d.id()>{d.label()}</option> })
        .collect_view();
    view! {
        <section class="card" id="export" aria-labelledby="export-title">
            <h2 id="export-title">{t("Take it with you", "Bawa hasilnya")}</h2>
            <p class="note">{t(
                "Made in this tab; nothing is uploaded. CSV cells are safe to open in a spreadsheet.",
                "Dibuat di tab ini; tidak ada yang diunggah. Sel CSV aman dibuka di aplikasi lembar kerja.",
            )}</p>
            <div class="actions">
                <button type="button" id="export-ranked" class="button primary"
                    on:click=move |_| request_export(state, ExportKind::Ranked, || t("Preparing the ranked list", "Menyiapkan daftar peringkat"))>
                    {move || {
                        let many = state.row().noun().1;
                        let cap = klaster_engine::format::capitalise(many);
                        tf!("Ranked {many} (CSV)", "{cap} berperingkat (CSV)")
                    }}
                </button>
                <button type="button" id="export-summary" class="button" disabled=no_segments
                    on:click=move |_| request_export(state, ExportKind::Summary, || t("Preparing the segment summary", "Menyiapkan ringkasan segmen"))>
                    {t("Segment summary (CSV)", "Ringkasan segmen (CSV)")}
                </button>
                <button type="button" id="export-segments" class="button" disabled=no_segments
                    on:click=move |_| request_export(state, ExportKind::Segments, || t("Preparing the segmentation file", "Menyiapkan berkas segmentasi"))>
                    {t("Segmentation (JSON)", "Segmentasi (JSON)")}
                </button>
            </div>
            <p class="note">
                {move || {
                    let one = state.row().noun().0;
                    tf!(
                        "Every {one} with score, rank, segment and top three reasons; one row per segment with its profile; the segmentation file (for ",
                        "Setiap {one} dengan skor, peringkat, segmen, dan tiga alasan teratas; satu baris per segmen dengan profilnya; berkas segmentasi (untuk ",
                    )
                }}
                <code>"klaster sql"</code>
                {t(
                    " and to keep). The model file is in the Score step; each chart has its own PNG button.",
                    " dan untuk disimpan). Berkas model ada di langkah Skor; setiap grafik memiliki tombol PNG sendiri.",
                )}
            </p>
            <h3 id="sql-title">{t("Score in your warehouse", "Beri skor di gudang data Anda")}</h3>
            <p class="note">{t(
                "One SQL query that recomputes the derived features, the scaling, the score and the nearest segment for every row of a table — for tables too large for a browser tab. It expects numbers as numbers and dates as dates.",
                "Satu kueri SQL yang menghitung ulang fitur turunan, penskalaan, skor, dan segmen terdekat untuk setiap baris tabel — untuk tabel yang terlalu besar bagi tab peramban. Kueri ini mengharapkan angka bertipe angka dan tanggal bertipe tanggal.",
            )}</p>
            <div class="form-row">
                <label>{t("SQL dialect ", "Dialek SQL ")}
                    <select id="sql-dialect" on:change=on_dialect>{dialects}</select>
                </label>
                <label>{t("Table ", "Tabel ")}
                    <input id="sql-table" type="text" spellcheck="false"
                        prop:value=move || table.get()
                        on:input=move |ev| table.set(event_target_value(&ev))/>
                </label>
                <button type="button" id="export-sql" class="button" on:click=on_sql>{t("Download the query (.sql)", "Unduh kueri (.sql)")}</button>
            </div>
        </section>
    }
}

/// Cost and revenue inputs, rendered once (a new plan must not replace what the user is typing).
#[component]
fn Economics(state: AppState, inputs: Inputs) -> impl IntoView {
    let Inputs {
        cost,
        revenue,
        problem,
    } = inputs;
    let apply = move || {
        let c = cost.get_untracked().trim().replace(',', ".").parse::<f64>();
        let r = revenue
            .get_untracked()
            .trim()
            .replace(',', ".")
            .parse::<f64>();
        match (c, r) {
            (Ok(cost), Ok(revenue)) => {
                let params = PlanParams { cost, revenue };
                match params.validate() {
                    Ok(()) => {
                        problem.set(None);
                        client::send(&Request::Plan { params }, None);
                    }
                    Err(e) => problem.set(Some(e.to_string())),
                }
            }
            _ => problem.set(Some(
                t(
                    "Enter numbers for the cost and the revenue.",
                    "Masukkan angka untuk biaya dan pendapatan.",
                )
                .to_string(),
            )),
        }
    };
    let source = move || {
        if state.plan_from_file.get() {
            t(
                "Prefilled from the file's cost-per-contact and revenue-per-response columns (Z_CostContact, Z_Revenue).",
                "Terisi otomatis dari kolom biaya per kontak dan pendapatan per respons di berkas (Z_CostContact, Z_Revenue).",
            )
        } else {
            t(
                "Example figures: enter your own cost of a contact and revenue of a response.",
                "Angka contoh: masukkan biaya per kontak dan pendapatan per respons Anda sendiri.",
            )
        }
    };
    view! {
        <section class="card" id="plan-economics" aria-labelledby="economics-title">
            <h2 id="economics-title">{t("Economics", "Ekonomi")}</h2>
            <div class="controls">
                <label class="field">{t("Cost per contact", "Biaya per kontak")}
                    <input id="cost" type="number" min="0" step="any" prop:value=move || cost.get()
                        on:change=move |ev| { cost.set(event_target::<HtmlInputElement>(&ev).value()); apply(); }/>
                </label>
                <label class="field">{t("Revenue per response", "Pendapatan per respons")}
                    <input id="revenue" type="number" min="0" step="any" prop:value=move || revenue.get()
                        on:change=move |ev| { revenue.set(event_target::<HtmlInputElement>(&ev).value()); apply(); }/>
                </label>
            </div>
            <p class="note">{source}</p>
            {move || problem.get().map(|p| view! { <p class="note warn" id="plan-problem">{p}</p> })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use klaster_engine::i18n::{with_lang, Lang};

    #[test]
    fn the_gains_sentence_reads_in_indonesian() {
        let point = GainPoint {
            share: 0.1,
            contacts: 10,
            contact_share: 0.1,
            threshold: Some(0.4),
            expected_responders: 3.0,
            responder_share: 0.3,
            lift: Some(3.0),
            actual_responders: None,
            actual_share: None,
            actual_lift: None,
        };
        let table = [point.clone(), point];
        assert_eq!(
            with_lang(Lang::En, || gains_sentence(&table[..1])),
            "contact the top 10 % → reach 30 % of the expected responders (lift 3.00)"
        );
        let id = with_lang(Lang::Id, || gains_sentence(&table));
        assert!(id.starts_with(
            "hubungi 10 % teratas → jangkau 30 % dari perkiraan responden (lift 3,00)"
        ));
        for word in [" the ", " of ", " and ", " to "] {
            assert!(!id.contains(word), "{word:?} in {id:?}");
        }
    }
}
