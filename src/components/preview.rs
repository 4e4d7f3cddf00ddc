//! The first rows of the loaded table, as read (dates normalised, missing cells blank).

use klaster_engine::i18n::t;
use klaster_engine::InspectReport;
use leptos::prelude::*;

#[component]
pub fn PreviewTable(report: RwSignal<Option<InspectReport>>) -> impl IntoView {
    move || {
        report.with(|r| {
            r.as_ref().map(|r| {
                // The first LIST_LIMIT columns (a file can have thousands).
                let head = r
                    .column_info
                    .iter()
                    .take(super::LIST_LIMIT)
                    .map(|c| view! { <th scope="col">{c.name.clone()}</th> })
                    .collect_view();
                let body = r
                    .preview
                    .iter()
                    .map(|row| {
                        let cells = row
                            .iter()
                            .take(super::LIST_LIMIT)
                            .map(|v| view! { <td>{v.clone()}</td> })
                            .collect_view();
                        view! { <tr>{cells}</tr> }
                    })
                    .collect_view();
                let (shown, rows) = (r.preview.len(), crate::format::thousands(r.rows as u64));
                let cut = super::cut_note(r.column_info.len(), t("columns", "kolom"))
                    .map(|n| format!(". {n}"))
                    .unwrap_or_default();
                let caption = klaster_engine::tf!(
                    "First {shown} of {rows} rows{cut}",
                    "{shown} baris pertama dari {rows}{cut}"
                );
                view! {
                    <section id="preview" class="card" aria-labelledby="preview-title">
                        <h2 id="preview-title">{t("Preview", "Pratinjau")}</h2>
                        <div class="scroll" tabindex="0">
                            <table class="data preview">
                                <caption>{caption}</caption>
                                <thead><tr>{head}</tr></thead>
                                <tbody>{body}</tbody>
                            </table>
                        </div>
                    </section>
                }
            })
        })
    }
}
