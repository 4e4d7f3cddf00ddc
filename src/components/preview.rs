//! The first rows of the loaded table, as read (dates normalised, missing cells blank) or, at
//! the user's choice, exactly as the file writes them. A cell whose reading differs from its
//! text carries the text in its tooltip; a value that could not be read is marked.

use klaster_engine::i18n::t;
use klaster_engine::ingest::values::is_missing;
use klaster_engine::InspectReport;
use leptos::prelude::*;

#[component]
pub fn PreviewTable(report: RwSignal<Option<InspectReport>>) -> impl IntoView {
    let as_written = RwSignal::new(false);
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
                let written = as_written.get();
                let body = r
                    .preview
                    .iter()
                    .enumerate()
                    .map(|(i, row)| {
                        let original = r.load.written.get(i);
                        let cells = row
                            .iter()
                            .enumerate()
                            .take(super::LIST_LIMIT)
                            .map(|(j, read)| {
                                let text = original.and_then(|o| o.get(j)).map(String::as_str);
                                cell(read, text, written)
                            })
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
                        <label class="toggle">
                            <input
                                type="checkbox"
                                id="preview-as-written"
                                prop:checked=written
                                on:change=move |ev| as_written.set(event_target_checked(&ev))
                            />
                            {t(" Show the text as written in the file", " Tampilkan teks seperti tertulis di berkas")}
                        </label>
                        <div class="scroll" tabindex="0">
                            <table class="data preview" data-as-written=written.to_string()>
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

/// One preview cell: the value as read, or the text as written (`written`). Where they differ
/// the other one is the tooltip; a written value that became missing is marked unreadable.
fn cell(read: &str, text: Option<&str>, written: bool) -> impl IntoView {
    let text = text.unwrap_or(read);
    let unreadable = read.is_empty() && !is_missing(text);
    let differs = text.trim() != read;
    let (shown, other) = if written { (text, read) } else { (read, text) };
    let title = differs.then(|| {
        if unreadable {
            klaster_engine::tf!("“{text}” could not be read", "“{text}” tidak dapat dibaca")
        } else if written {
            klaster_engine::tf!("read as {other}", "dibaca sebagai {other}")
        } else {
            klaster_engine::tf!("written “{other}”", "tertulis “{other}”")
        }
    });
    view! {
        <td class:unreadable-cell=unreadable title=title>{shown.to_string()}</td>
    }
}
