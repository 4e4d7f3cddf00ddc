//! The loaded file at a glance: name, size, rows, columns, dialect, problems.

use klaster_engine::i18n::t;
use klaster_engine::tf;
use leptos::prelude::*;

use crate::client;
use crate::components::load::load_file;
use crate::format::{bytes, thousands};
use crate::state::AppState;

#[component]
pub fn FileSummary(state: AppState) -> impl IntoView {
    move || {
        state.report.get().map(|r| {
            let d = &r.load.dialect;
            let header = if d.has_header {
                t("header row", "ada baris judul")
            } else {
                t("no header row", "tanpa baris judul")
            };
            let (delimiter, encoding) = (d.delimiter_label(), &d.encoding);
            // A workbook has no delimiter or encoding of its own: say which sheet was read.
            let dialect = match &r.load.workbook {
                Some(w) => w.describe(),
                None => tf!(
                    "{delimiter} separated · {encoding} · {header}",
                    "dipisahkan {delimiter} · {encoding} · {header}"
                ),
            };
            let sheets = r
                .load
                .workbook
                .as_ref()
                .filter(|w| w.sheets.len() > 1)
                .map(|w| sheet_picker(state, &w.sheets, &w.sheet));
            let problems = (r.load.problem_count > 0).then(|| {
                let first = r.load.problems.iter().take(3).map(|p| p.message.get().clone()).collect::<Vec<_>>();
                view! {
                    <div class="warning" id="load-problems" role="note">
                        <strong>{
                            let n = thousands(r.load.problem_count as u64);
                            tf!(
                                "{n} problems were found while reading; the rest of the file loaded. ",
                                "{n} masalah ditemukan saat membaca; bagian lain berkas berhasil dimuat. "
                            )
                        }</strong>
                        <ul>{first.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                    </div>
                }
            });
            let truncated = r.load.truncated.as_ref().map(|cut| {
                let share = cut.bytes_read as f64 / cut.total_bytes.max(1) as f64;
                view! {
                    <div class="warning" id="load-truncated" role="alert" data-rows=cut.rows>
                        <strong>{
                            let rows = thousands(cut.rows as u64);
                            let pct = share * 100.0;
                            tf!(
                                "This file is too large to analyse whole in a browser tab: its first {rows} rows ({pct:.0} % of the file) were loaded, and every step below uses them.",
                                "Berkas ini terlalu besar untuk dianalisis utuh di tab peramban: {rows} baris pertamanya ({pct:.0} % dari berkas) dimuat, dan setiap langkah di bawah memakainya."
                            )
                        }</strong>
                        {t(
                            " The first rows are not a random sample. For a fair picture, load a random sample of the file (for example ",
                            " Baris-baris pertama bukan sampel acak. Untuk gambaran yang adil, muat sampel acak dari berkas (misalnya ",
                        )}
                        <code>"shuf -n 1000000"</code>
                        {t(
                            " on the data rows, keeping the header), or score the whole table in your database with the warehouse query of the Plan step.",
                            " pada baris data, dengan tetap menyertakan baris judul), atau beri skor seluruh tabel di basis data Anda dengan kueri gudang data dari langkah Rencana.",
                        )}
                    </div>
                }
            });
            let renamed = (!r.load.renamed_headers.is_empty()).then(|| {
                let items = r
                    .load
                    .renamed_headers
                    .iter()
                    .map(|(i, from, to)| tf!("column {} “{}” → “{}”", "kolom {} “{}” → “{}”", i + 1, from, to))
                    .collect::<Vec<_>>()
                    .join("; ");
                view! { <p class="note">{t("Renamed empty or repeated headers: ", "Judul kolom kosong atau berulang yang diganti namanya: ")} {items}</p> }
            });
            let millis = state
                .load_millis
                .get()
                .map(|m| tf!("loaded in {m:.0} ms", "dimuat dalam {m:.0} ms"));
            view! {
                <section id="summary" class="card summary" aria-label=t("Loaded file", "Berkas yang dimuat")>
                    <div class="file-name" title=r.file_name.clone()>{r.file_name.clone()}</div>
                    <dl class="stats">
                        <div><dt>{t("Rows", "Baris")}</dt><dd id="row-count" data-value=r.rows>{thousands(r.rows as u64)}</dd></div>
                        <div><dt>{t("Columns", "Kolom")}</dt><dd id="col-count" data-value=r.columns>{thousands(r.columns as u64)}</dd></div>
                        <div><dt>{t("Size", "Ukuran")}</dt><dd>{bytes(r.bytes)}</dd></div>
                    </dl>
                    <p id="dialect" class="dialect" data-delimiter=d.delimiter.clone() data-millis=state.load_millis.get().map(|m| format!("{m:.1}"))>{dialect} " · " {millis}</p>
                    {sheets}
                    {truncated}
                    {problems}
                    {renamed}
                </section>
            }
        })
    }
}

/// Another sheet of the workbook: the file is loaded again with that sheet (a new table, so
/// the steps after Load start over).
fn sheet_picker(state: AppState, sheets: &[String], current: &str) -> impl IntoView {
    let on_change = move |ev: leptos::ev::Event| {
        let sheet = event_target_value(&ev);
        if let Some(file) = client::loaded_file() {
            load_file(state, file, Some(sheet));
        }
    };
    let options = sheets
        .iter()
        .map(|s| {
            let shown = klaster_engine::format::shown(s).into_owned();
            view! { <option value=s.clone() selected=s == current>{shown}</option> }
        })
        .collect_view();
    view! {
        <p class="sheet-choice">
            <label>{t("Sheet ", "Lembar ")}
                <select id="sheet-picker" on:change=on_change>{options}</select>
            </label>
        </p>
    }
}
