//! Workbooks in the browser, kept off the first visit: the workbook reader (calamine, ~0.2 MB of
//! WebAssembly) is its own worker, `klaster-workbook`, which the analysis worker starts only
//! when the first workbook arrives. It reads the `File`, converts the sheet to CSV text
//! ([`sheet_text`]) and hands the text back (transferred, not copied); the analysis worker then
//! reads it like any CSV file. The page and the analysis worker never link calamine: the code
//! below that calls it is reachable only from the `klaster-workbook` binary.

use std::cell::RefCell;

use js_sys::{Array, Object, Uint8Array};
use klaster_engine::i18n::L10n;
use klaster_engine::ingest::workbook::{sheet_text, SheetRead, SheetText};
use klaster_engine::tf;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, File, FileReaderSync, MessageEvent, Worker};

use crate::pool::{get, scope, set};

/// The workbook worker's script, beside the analysis worker's (`data-loader-shim`).
const SCRIPT: &str = "klaster-workbook_loader.js";

type Msg = L10n<String>;

/// Entry point of the `klaster-workbook` worker: answers each `{file, sheet}` with `{csv, read}`
/// or `{error}` (a message in both languages, as JSON).
pub fn start() {
    console_error_panic_hook::set_once();
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| {
        let data = ev.data();
        let file = get(&data, "file").dyn_into::<File>().ok();
        let sheet = get(&data, "sheet").as_string();
        let answer = Object::new();
        let result = file
            .ok_or_else(|| L10n::build(|| "no file".to_string()))
            .and_then(|f| read_all(&f))
            .and_then(|bytes| {
                sheet_text(&bytes, sheet.as_deref()).map_err(|e| L10n::build(|| e.to_string()))
            });
        match result {
            Ok(text) => {
                let csv = Uint8Array::from(text.csv.as_slice());
                set(&answer, "csv", &csv);
                let read = serde_json::to_string(&text.read).unwrap_or_default();
                set(&answer, "read", &read.into());
                let transfer = Array::of1(&csv.buffer());
                let _ = scope().post_message_with_transfer(&answer, &transfer);
            }
            Err(message) => {
                let json = serde_json::to_string(&message).unwrap_or_default();
                set(&answer, "error", &json.into());
                let _ = scope().post_message(&answer);
            }
        }
    });
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    let ready = Object::new();
    set(&ready, "ready", &JsValue::TRUE);
    let _ = scope().post_message(&ready);
}

/// The whole file: a workbook is a ZIP (or OLE) container, read at random places.
fn read_all(file: &File) -> Result<Vec<u8>, Msg> {
    let unreadable = || {
        L10n::build(|| {
            tf!(
                "The workbook could not be read (was it moved or deleted?).",
                "Buku kerja ini tidak dapat dibaca (apakah dipindahkan atau dihapus?)."
            )
        })
    };
    let reader = FileReaderSync::new().map_err(|_| unreadable())?;
    let buffer = reader
        .read_as_array_buffer(file)
        .map_err(|_| unreadable())?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

thread_local! {
    /// The workbook worker once started (it stays for the next workbook or sheet), and whether
    /// it has said it is ready: a message sent before its handler is installed would be lost.
    static READER: RefCell<Option<(Worker, bool)>> = const { RefCell::new(None) };
}

fn could_not_start() -> Msg {
    L10n::build(|| {
        tf!(
            "The workbook reader could not start in this browser. Save the sheet as CSV and load that.",
            "Pembaca buku kerja tidak dapat berjalan di peramban ini. Simpan lembarnya sebagai CSV lalu muat berkas itu."
        )
    })
}

/// The workbook worker and whether it is ready, started on first use.
fn reader() -> Result<(Worker, bool), Msg> {
    READER.with_borrow_mut(|r| {
        if let Some(w) = r {
            return Ok(w.clone());
        }
        let url = web_sys::Url::new_with_base(SCRIPT, &scope().location().href())
            .map_err(|_| could_not_start())?;
        let worker = Worker::new(&url.href()).map_err(|_| could_not_start())?;
        *r = Some((worker.clone(), false));
        Ok((worker, false))
    })
}

/// Converts a sheet of `file` in the workbook worker (started on first use): `sheet` by name,
/// else the first that holds a table.
pub async fn convert(file: &File, sheet: Option<&str>) -> Result<SheetText, Msg> {
    let (worker, ready) = reader()?;
    let message = Object::new();
    set(&message, "file", file);
    if let Some(s) = sheet {
        set(&message, "sheet", &s.into());
    }
    let message: JsValue = message.into();
    // The job is posted now if the worker is ready, else when it says so.
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let target = worker.clone();
        let job = message.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let data = ev.data();
            if get(&data, "ready").is_truthy() {
                READER.with_borrow_mut(|r| {
                    if let Some((_, ready)) = r {
                        *ready = true;
                    }
                });
                if target.post_message(&job).is_err() {
                    let _ = resolve.call1(&JsValue::NULL, &JsValue::UNDEFINED);
                }
                return;
            }
            let _ = resolve.call1(&JsValue::NULL, &data);
        });
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |_: ErrorEvent| {
            let _ = reject.call0(&JsValue::NULL);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_message.forget();
        on_error.forget();
    });
    if ready && worker.post_message(&message).is_err() {
        return Err(could_not_start());
    }
    let data = match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(d) if d.is_object() => d,
        _ => {
            // A worker that failed to start, or stopped on this file, is of no further use.
            READER.with_borrow_mut(|r| *r = None);
            worker.terminate();
            return Err(L10n::build(|| {
                tf!(
                    "The workbook reader stopped on this file (it may be damaged, or use a feature the reader does not know). Save the sheet as CSV and load that.",
                    "Pembaca buku kerja berhenti pada berkas ini (mungkin rusak, atau memakai fitur yang tidak dikenal pembaca). Simpan lembarnya sebagai CSV lalu muat berkas itu."
                )
            }));
        }
    };
    if let Some(e) = get(&data, "error").as_string() {
        return Err(serde_json::from_str(&e).unwrap_or_else(|_| L10n::build(|| e.clone())));
    }
    let read: SheetRead = get(&data, "read")
        .as_string()
        .and_then(|j| serde_json::from_str(&j).ok())
        .ok_or_else(could_not_start)?;
    let csv = get(&data, "csv")
        .dyn_into::<Uint8Array>()
        .map_err(|_| could_not_start())?;
    Ok(SheetText {
        csv: csv.to_vec(),
        read,
    })
}
