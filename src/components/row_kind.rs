//! The question "What is one row?": a customer, a purchase, a call, a shop or branch, or
//! something else. The engine's guess is pre-selected; an answer re-profiles the table with
//! its nouns ("12 shops") and the derived features that make sense for it.

use klaster_engine::i18n::t;
use klaster_engine::schema::RowKind;
use leptos::prelude::*;

use crate::client;
use crate::protocol::Request;
use crate::state::AppState;

#[component]
pub fn RowQuestion(state: AppState) -> impl IntoView {
    move || {
        let current = state.row();
        let options = RowKind::ALL
            .into_iter()
            .map(|r| {
                let on_change = move |_| {
                    state.begin(|| t("Updating the profile", "Memperbarui profil"));
                    client::send(&Request::SetRow { row: r }, None);
                };
                view! {
                    <label class="choice">
                        <input type="radio" name="row-kind" value=r.id() checked=r == current on:change=on_change/>
                        " " {r.label()}
                    </label>
                }
            })
            .collect_view();
        // One row per purchase: the segments group purchases, and nothing reads a sign-up
        // from a purchase date. Said here, where the user answers.
        let purchase = (current == RowKind::Purchase).then(|| {
            view! {
                <p class="note" id="row-kind-note">{t(
                    "Each row is one purchase, so segments and scores describe purchases, not customers, and no membership length is derived from the dates. To segment customers, load one row per customer.",
                    "Setiap baris adalah satu pembelian, jadi segmen dan skor menggambarkan pembelian, bukan pelanggan, dan lama keanggotaan tidak diturunkan dari tanggal. Untuk menyegmentasi pelanggan, muat satu baris per pelanggan.",
                )}</p>
            }
        });
        view! {
            <fieldset id="row-kind" class="row-kind" data-row=current.id()>
                <legend>{t("What is one row?", "Satu baris mewakili apa?")}</legend>
                <div class="choices">{options}</div>
                {purchase}
            </fieldset>
        }
    }
}
