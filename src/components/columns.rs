//! Each column's type and role, with the evidence for the type, and pickers to change both.

use klaster_engine::schema::Role;
use klaster_engine::ColumnType;
use leptos::prelude::*;
use web_sys::HtmlSelectElement;

use crate::app::AppState;
use crate::client;
use crate::format::{percent, thousands};
use crate::protocol::Request;

fn type_from(label: &str) -> Option<ColumnType> {
    ColumnType::CHOICES.into_iter().find(|t| t.label() == label)
}

fn role_from(label: &str) -> Option<Role> {
    Role::ALL.into_iter().find(|r| r.label() == label)
}

#[component]
pub fn ColumnTable(state: AppState) -> impl IntoView {
    // Part of a column name: wide files list only the matching columns (at most LIST_LIMIT).
    let filter = RwSignal::new(String::new());
    let total = move || {
        state
            .report
            .with(|r| r.as_ref().map_or(0, |r| r.column_info.len()))
    };
    let matching = move |name: &str| {
        filter.with(|f| f.is_empty() || name.to_lowercase().contains(&f.to_lowercase()))
    };
    let rows = move || {
        let roles: Vec<Role> = state.profile.with(|p| {
            p.iter()
                .flat_map(|p| p.columns.iter().map(|c| c.role))
                .collect()
        });
        state.report.with(|r| {
            r.as_ref().map(|r| {
                r.column_info
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| matching(&c.name))
                    .take(super::LIST_LIMIT)
                    .map(|(i, c)| {
                        let inf = &c.inference;
                        let kind = c.kind;
                        let role = roles.get(i).copied().unwrap_or(Role::Ignore);
                        let unreadable = (inf.unreadable > 0).then(|| {
                            let example = inf.unreadable_examples.first().cloned().unwrap_or_default();
                            view! {
                                <div class="unreadable">
                                    {format!("{} unreadable, e.g. “{example}”", thousands(inf.unreadable as u64))}
                                </div>
                            }
                        });
                        let name = c.name.clone();
                        let on_type = {
                            let name = name.clone();
                            move |ev: leptos::ev::Event| {
                                if let Some(kind) = type_from(&event_target::<HtmlSelectElement>(&ev).value()) {
                                    state.begin(format!("Re-reading {name} as {}", kind.label()));
                                    client::send(&Request::SetType { column: name.clone(), kind }, None);
                                }
                            }
                        };
                        let on_role = {
                            let name = name.clone();
                            move |ev: leptos::ev::Event| {
                                if let Some(role) = role_from(&event_target::<HtmlSelectElement>(&ev).value()) {
                                    state.begin("Updating the profile");
                                    client::send(&Request::SetRole { column: name.clone(), role }, None);
                                }
                            }
                        };
                        let type_options = ColumnType::CHOICES
                            .into_iter()
                            .chain((kind == ColumnType::Empty).then_some(ColumnType::Empty))
                            .map(|t| view! { <option value=t.label() selected=t == kind>{t.label()}</option> })
                            .collect_view();
                        let role_options = Role::ALL
                            .into_iter()
                            .map(|r| view! { <option value=r.label() selected=r == role>{r.label()}</option> })
                            .collect_view();
                        view! {
                            <tr data-column=name.clone() data-type=kind.label() data-role=role.label()>
                                <th scope="row" class="col-name" title=name.clone()>{name.clone()}</th>
                                <td>
                                    <select
                                        class=format!("badge-select type-{}", kind.label())
                                        aria-label=format!("Type of {name}")
                                        on:change=on_type
                                    >
                                        {type_options}
                                    </select>
                                </td>
                                <td>
                                    <select class="role-select" aria-label=format!("Role of {name}") on:change=on_role>
                                        {role_options}
                                    </select>
                                </td>
                                <td class="num">{thousands(inf.missing as u64)}</td>
                                <td class="num">{thousands(inf.distinct as u64)}</td>
                                <td class="num">{percent(inf.share)} {unreadable}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <section id="columns" class="card" aria-labelledby="columns-title">
            <h2 id="columns-title">"Columns: type and role"</h2>
            <p class="note">"Types and roles are recognised automatically; change any of them here."</p>
            <Show when=move || { total() > super::LIST_LIMIT }>
                <label class="field">
                    {move || format!(
                        "{} columns: the first {} are listed. Find a column by name",
                        thousands(total() as u64),
                        super::LIST_LIMIT
                    )}
                    <input id="column-filter" type="search" prop:value=move || filter.get()
                        on:input=move |ev| filter.set(event_target_value(&ev)) />
                </label>
            </Show>
            <div class="scroll">
                <table class="data">
                    <thead>
                        <tr>
                            <th scope="col">"Column"</th>
                            <th scope="col">"Type"</th>
                            <th scope="col">"Role"</th>
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
