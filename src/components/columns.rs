//! Each column's type and role, with the evidence for the type, and pickers to change both.

use klaster_engine::i18n::{t, with_lang, Lang};
use klaster_engine::schema::Role;
use klaster_engine::tf;
use klaster_engine::ColumnType;
use leptos::prelude::*;
use web_sys::HtmlSelectElement;

use crate::client;
use crate::format::{percent, thousands};
use crate::protocol::Request;
use crate::state::AppState;

/// A type's name for the machine (option values, `data-type`, CSS class): the English label,
/// whatever the page's language.
fn type_id(kind: ColumnType) -> &'static str {
    with_lang(Lang::En, || kind.label())
}

/// A role's name for the machine (option values, `data-role`).
fn role_id(role: Role) -> &'static str {
    with_lang(Lang::En, || role.label())
}

fn type_from(id: &str) -> Option<ColumnType> {
    ColumnType::CHOICES.into_iter().find(|t| type_id(*t) == id)
}

fn role_from(id: &str) -> Option<Role> {
    Role::ALL.into_iter().find(|r| role_id(*r) == id)
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
                                    {
                                        let n = thousands(inf.unreadable as u64);
                                        tf!("{n} unreadable, e.g. “{example}”", "{n} tak terbaca, mis. “{example}”")
                                    }
                                </div>
                            }
                        });
                        let date_reading = inf
                            .date_reading
                            .as_ref()
                            .zip(inf.date_order)
                            .map(|(r, order)| view! {
                                <tr class="column-note" data-note-for=c.name.clone()>
                                    <td colspan="6"><p class="date-reading">{r.explain(order)}</p></td>
                                </tr>
                            });
                        let name = c.name.clone();
                        let on_type = {
                            let name = name.clone();
                            move |ev: leptos::ev::Event| {
                                if let Some(kind) = type_from(&event_target::<HtmlSelectElement>(&ev).value()) {
                                    state.begin(|| {
                                        let label = kind.label();
                                        tf!("Re-reading {name} as {label}", "Membaca ulang {name} sebagai {label}")
                                    });
                                    client::send(&Request::SetType { column: name.clone(), kind }, None);
                                }
                            }
                        };
                        let on_role = {
                            let name = name.clone();
                            move |ev: leptos::ev::Event| {
                                if let Some(role) = role_from(&event_target::<HtmlSelectElement>(&ev).value()) {
                                    state.begin(|| t("Updating the profile", "Memperbarui profil"));
                                    client::send(&Request::SetRole { column: name.clone(), role }, None);
                                }
                            }
                        };
                        let type_options = ColumnType::CHOICES
                            .into_iter()
                            .chain((kind == ColumnType::Empty).then_some(ColumnType::Empty))
                            .map(|t| view! { <option value=type_id(t) selected=t == kind>{t.label()}</option> })
                            .collect_view();
                        let role_options = Role::ALL
                            .into_iter()
                            .map(|r| view! { <option value=role_id(r) selected=r == role>{r.label()}</option> })
                            .collect_view();
                        view! {
                            <tr data-column=name.clone() data-type=type_id(kind) data-role=role_id(role)>
                                <th scope="row" class="col-name" title=name.clone()>{name.clone()}</th>
                                <td>
                                    <select
                                        class=format!("badge-select type-{}", type_id(kind))
                                        aria-label=tf!("Type of {name}", "Tipe {name}")
                                        on:change=on_type
                                    >
                                        {type_options}
                                    </select>
                                </td>
                                <td>
                                    <select class="role-select" aria-label=tf!("Role of {name}", "Peran {name}") on:change=on_role>
                                        {role_options}
                                    </select>
                                </td>
                                <td class="num">{thousands(inf.missing as u64)}</td>
                                <td class="num">{thousands(inf.distinct as u64)}</td>
                                <td class="num">{percent(inf.share)} {unreadable}</td>
                            </tr>
                            {date_reading}
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <section id="columns" class="card" aria-labelledby="columns-title">
            <h2 id="columns-title">{t("Columns: type and role", "Kolom: tipe dan peran")}</h2>
            <p class="note">{t(
                "Types and roles are recognised automatically; change any of them here.",
                "Tipe dan peran dikenali secara otomatis; ubah yang mana pun di sini.",
            )}</p>
            <Show when=move || { total() > super::LIST_LIMIT }>
                <label class="field">
                    {move || {
                        let (n, limit) = (thousands(total() as u64), super::LIST_LIMIT);
                        tf!(
                            "{n} columns: the first {limit} are listed. Find a column by name",
                            "{n} kolom: {limit} yang pertama ditampilkan. Cari kolom berdasarkan nama"
                        )
                    }}
                    <input id="column-filter" type="search" prop:value=move || filter.get()
                        on:input=move |ev| filter.set(event_target_value(&ev)) />
                </label>
            </Show>
            <div class="scroll">
                <table class="data">
                    <thead>
                        <tr>
                            <th scope="col">{t("Column", "Kolom")}</th>
                            <th scope="col">{t("Type", "Tipe")}</th>
                            <th scope="col">{t("Role", "Peran")}</th>
                            <th scope="col" class="num">{t("Missing", "Kosong")}</th>
                            <th scope="col" class="num">{t("Distinct", "Unik")}</th>
                            <th scope="col" class="num" title=t("Share of the present values that fit the type", "Porsi nilai yang ada yang sesuai dengan tipe")>{t("Agree", "Sesuai")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
