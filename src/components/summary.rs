//! The loaded file at a glance: name, size, rows, columns, dialect, problems.

use leptos::prelude::*;

use crate::app::AppState;
use crate::format::{bytes, thousands};

#[component]
pub fn FileSummary(state: AppState) -> impl IntoView {
    move || {
        state.report.get().map(|r| {
            let d = &r.load.dialect;
            let header = if d.has_header { "header row" } else { "no header row" };
            let dialect = format!("{} separated · {} · {}", d.delimiter, d.encoding, header);
            let problems = (r.load.problem_count > 0).then(|| {
                let first = r.load.problems.iter().take(3).map(|p| p.message.clone()).collect::<Vec<_>>();
                view! {
                    <div class="warning" id="load-problems" role="note">
                        <strong>{format!("{} problems were found while reading; the rest of the file loaded. ", thousands(r.load.problem_count as u64))}</strong>
                        <ul>{first.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                    </div>
                }
            });
            let truncated = r.load.truncated.as_ref().map(|t| {
                let share = t.bytes_read as f64 / t.total_bytes.max(1) as f64;
                view! {
                    <div class="warning" id="load-truncated" role="alert" data-rows=t.rows>
                        <strong>{format!(
                            "This file is too large to analyse whole in a browser tab: its first {} rows ({:.0} % of the file) were loaded, and every step below uses them.",
                            thousands(t.rows as u64),
                            share * 100.0
                        )}</strong>
                        " The first rows are not a random sample. For a fair picture, load a random sample of the file (for example "
                        <code>"shuf -n 1000000"</code>
                        " on the data rows, keeping the header), or score the whole table in your database with the warehouse query of the Plan step."
                    </div>
                }
            });
            let renamed = (!r.load.renamed_headers.is_empty()).then(|| {
                let items = r
                    .load
                    .renamed_headers
                    .iter()
                    .map(|(i, from, to)| format!("column {} “{}” → “{}”", i + 1, from, to))
                    .collect::<Vec<_>>()
                    .join("; ");
                view! { <p class="note">"Renamed empty or repeated headers: " {items}</p> }
            });
            let millis = state.load_millis.get().map(|m| format!("loaded in {m:.0} ms"));
            view! {
                <section id="summary" class="card summary" aria-label="Loaded file">
                    <div class="file-name" title=r.file_name.clone()>{r.file_name.clone()}</div>
                    <dl class="stats">
                        <div><dt>"Rows"</dt><dd id="row-count" data-value=r.rows>{thousands(r.rows as u64)}</dd></div>
                        <div><dt>"Columns"</dt><dd id="col-count" data-value=r.columns>{thousands(r.columns as u64)}</dd></div>
                        <div><dt>"Size"</dt><dd>{bytes(r.bytes)}</dd></div>
                    </dl>
                    <p id="dialect" class="dialect" data-delimiter=d.delimiter.clone() data-millis=state.load_millis.get().map(|m| format!("{m:.1}"))>{dialect} " · " {millis}</p>
                    {truncated}
                    {problems}
                    {renamed}
                </section>
            }
        })
    }
}
