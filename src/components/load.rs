//! Drop zone, file picker and the sample button.

use klaster_engine::i18n::t;
use klaster_engine::sample::{SampleKind, DEFAULT_SEED};
use klaster_engine::tf;
use leptos::prelude::*;
use web_sys::{DragEvent, File, HtmlInputElement};

use crate::client;
use crate::protocol::Request;
use crate::state::AppState;

/// Loads a file the user picked or dropped; for a workbook, `sheet` (else the first sheet that
/// holds a table).
pub fn load_file(state: AppState, file: File, sheet: Option<String>) {
    let name = file.name();
    state.begin(|| tf!("Reading {name}", "Membaca {name}"));
    let request = Request::LoadFile {
        name: file.name(),
        size: file.size() as u64,
        sheet,
    };
    client::send(&request, Some(&file));
}

#[component]
pub fn LoadPanel(state: AppState) -> impl IntoView {
    let dragging = RwSignal::new(false);
    let on_pick = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            load_file(state, file, None);
        }
        // Allow picking the same file again after fixing it.
        input.set_value("");
    };
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            load_file(state, file, None);
        }
    };
    let sample = move |kind: SampleKind| {
        state.begin(|| {
            let what = sample_label(kind).to_lowercase();
            tf!("Generating {what}", "Membuat {what}")
        });
        client::send(
            &Request::LoadSample {
                kind,
                rows: kind.page_rows(),
                seed: DEFAULT_SEED,
            },
            None,
        );
    };
    let busy = move || state.busy.with(Option::is_some);
    view! {
        <div
            class="dropzone"
            class:dragging=move || dragging.get()
            on:dragover=move |ev: DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <p class="drop-title">{t("Drag a file here", "Seret berkas ke sini")}</p>
            <p class="drop-sub">{t(
                "CSV, TSV or TXT (comma, semicolon, tab, pipe or space separated) · Excel or OpenDocument workbooks",
                "CSV, TSV, atau TXT (dipisahkan koma, titik koma, tab, garis tegak, atau spasi) · buku kerja Excel atau OpenDocument",
            )}</p>
            <div class="actions">
                <label class="button primary" for="file-input">{t("Choose a file…", "Pilih berkas…")}</label>
                <input
                    id="file-input"
                    class="visually-hidden"
                    type="file"
                    accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xlsb,.xls,.ods,text/csv,text/tab-separated-values,text/plain"
                    on:change=on_pick
                />
            </div>
            <div class="samples" role="group" aria-labelledby="samples-title">
                <p id="samples-title" class="drop-note">
                    {t(
                        "Or try generated sample data, shaped like the public files (made up by Klaster, no real customers):",
                        "Atau coba data contoh buatan, berbentuk seperti berkas publik (dibuat oleh Klaster, bukan pelanggan sungguhan):",
                    )}
                </p>
                <div class="actions">
                    <button id="sample-button" class="button" disabled=busy
                        on:click=move |_| sample(SampleKind::Customers)
                        title=t(
                            "2,240 customers: demographics, purchases by product line, campaign responses (Kaggle Customer Personality Analysis)",
                            "2.240 pelanggan: demografi, pembelian per lini produk, respons kampanye (Kaggle Customer Personality Analysis)",
                        )>
                        {t("Customer personality", "Kepribadian pelanggan")}
                    </button>
                    <button id="sample-bank" class="button" disabled=busy
                        on:click=move |_| sample(SampleKind::Bank)
                        title=t(
                            "45,211 telemarketing calls with their outcome (UCI Bank Marketing)",
                            "45.211 panggilan telemarketing beserta hasilnya (UCI Bank Marketing)",
                        )>
                        {t("Bank calls", "Panggilan bank")}
                    </button>
                    <button id="sample-list" class="button" disabled=busy
                        on:click=move |_| sample(SampleKind::CustomerList)
                        title=t(
                            "50 customers with numbers and categories, Indonesian column names (DQLab exercise)",
                            "50 pelanggan dengan angka dan kategori, nama kolom berbahasa Indonesia (latihan DQLab)",
                        )>
                        {t("Small mixed list", "Daftar campuran kecil")}
                    </button>
                </div>
            </div>
        </div>
    }
}

/// The sample's name in the progress bar ("Generating the bank calls").
fn sample_label(kind: SampleKind) -> &'static str {
    match kind {
        SampleKind::Customers => t("The sample customers", "Pelanggan contoh"),
        SampleKind::Bank => t("The sample bank calls", "Panggilan bank contoh"),
        SampleKind::CustomerList => t(
            "The small mixed customer list",
            "Daftar pelanggan campuran kecil",
        ),
    }
}
