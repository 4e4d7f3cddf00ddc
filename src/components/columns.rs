//! Each column's inferred type, with the evidence (agreement, missing, unreadable values).

use klaster_engine::InspectReport;
use leptos::prelude::*;

use crate::format::{percent, thousands};

#[component]
pub fn ColumnTable(report: RwSignal<Option<InspectReport>>) -> impl IntoView {
    let rows = move || {
        report.with(|r| {
            r.as_ref().map(|r| {
                r.column_info
                    .iter()
                    .map(|c| {
                        let i = &c.inference;
                        let kind = c.kind.label();
                        let unreadable = (i.unreadable > 0).then(|| {
                            let example = i.unreadable_examples.first().cloned().unwrap_or_default();
                            view! {
                                <div class="unreadable">
                                    {format!("{} unreadable, e.g. “{example}”", thousands(i.unreadable as u64))}
                                </div>
                            }
                        });
                        view! {
                            <tr data-column=c.name.clone() data-type=kind>
                                <th scope="row" class="col-name">{c.name.clone()}</th>
                                <td><span class=format!("badge type-{kind}")>{kind}</span></td>
                                <td class="num">{thousands(i.missing as u64)}</td>
                                <td class="num">{thousands(i.distinct as u64)}</td>
                                <td class="num">{percent(i.share)} {unreadable}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <section id="columns" class="card" aria-labelledby="columns-title">
            <h2 id="columns-title">"Columns and their types"</h2>
            <div class="scroll">
                <table class="data">
                    <thead>
                        <tr>
                            <th scope="col">"Column"</th>
                            <th scope="col">"Type"</th>
                            <th scope="col" class="num">"Missing"</th>
                            <th scope="col" class="num">"Distinct"</th>
                            <th scope="col" class="num" title="Share of the present values that fit the type">"Agree"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
