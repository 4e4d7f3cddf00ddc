//! The analysis worker: owns the loaded data and runs the engine, so that the page's thread only
//! renders. Started by `src/bin/klaster-worker.rs`; speaks [`crate::protocol`].

mod export;
mod file_source;
mod models;
mod session;
mod steps;

use export::*;
use file_source::*;
use models::*;
use session::*;
use steps::*;

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use klaster_engine::features::{CleanParams, Cleaned, DeriveParams, Derived};
use klaster_engine::ingest::workbook::{self, SheetText};
use klaster_engine::ingest::{
    read_table, read_table_from, Loaded, NoProgress, ReadOptions, Stage, BROWSER_MAX_CELLS,
};
use klaster_engine::profile::{chartable_columns, histogram, profile_with};
use klaster_engine::schema::{recognise, Role, RowKind, Schema};
use klaster_engine::segment::{default_features, SegmentParams, Segmentation, SweepPlan};
use klaster_engine::segments_file::SegmentsFile;
use klaster_engine::warehouse::{scoring_sql, Query, Source};
use klaster_engine::{sample, InspectReport};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

use klaster_engine::campaign::{ranking, PlanParams};
use klaster_engine::format::csv_cell;
use klaster_engine::i18n::{with_lang, L10n};
use klaster_engine::model::shipped;
use klaster_engine::model::{train, ModelFile, TrainParams};
use klaster_engine::tf;

use crate::pool;
use crate::protocol::{
    plan_for, ExportKind, ModelChoice, Prepared, Request, Response, Scoring, SegmentRun, Step,
    TrainOptions, PREVIEW_ROWS,
};

/// A message to the page, in both languages (the page shows the one it speaks).
type Msg = L10n<String>;

/// A fixed message in both languages.
fn msg(en: &str, id: &str) -> Msg {
    L10n {
        en: en.to_string(),
        id: id.to_string(),
    }
}

/// An error's message in both languages (the engine's errors follow the ambient language).
fn err(e: impl std::fmt::Display) -> Msg {
    L10n::build(|| e.to_string())
}

fn no_file() -> Msg {
    msg("Load a file first.", "Muat berkas terlebih dahulu.")
}

fn not_prepared() -> Msg {
    msg("Prepare the data first.", "Siapkan data terlebih dahulu.")
}

fn not_scored() -> Msg {
    msg(
        "Score the customers first.",
        "Beri skor pelanggan terlebih dahulu.",
    )
}

fn not_segmented() -> Msg {
    msg(
        "Segment the customers first.",
        "Buat segmen pelanggan terlebih dahulu.",
    )
}

fn no_file_sent() -> Msg {
    msg(
        "internal error: no file was sent",
        "kesalahan internal: tidak ada berkas yang dikirim",
    )
}

thread_local! {
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
    /// Models trained or opened by the user: they outlive the file they came from.
    static USER_MODELS: RefCell<Vec<ModelFile>> = const { RefCell::new(Vec::new()) };
    /// Requests not yet handled: one at a time, in order, while a sweep waits for its helpers.
    static QUEUE: RefCell<VecDeque<JsValue>> = const { RefCell::new(VecDeque::new()) };
    static PUMPING: Cell<bool> = const { Cell::new(false) };
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(resp: &Response) {
    // Posting a string cannot fail on a live worker scope; nothing else could be done about it.
    let _ = scope().post_message(&JsValue::from_str(&resp.to_json()));
}

/// Installs the message handler, starts the sweep helpers and tells the page the worker is
/// ready. Started as a helper (by name), it becomes one instead.
pub fn start() {
    console_error_panic_hook::set_once();
    if scope().name() == pool::HELPER_NAME {
        return pool::start_helper();
    }
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(on_message);
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    pool::spawn_helpers();
    warm_up();
    post(&Response::Ready);
}

/// Runs the load and profile code on a small generated table so that the browser compiles it
/// with its optimising tier before the user's file arrives: the first, one-shot call of a long
/// loop otherwise runs to its end in baseline code. Measured on bank-full: worker time 290 ms →
/// 170 ms, for about 100 ms spent here while the user is still choosing a file.
fn warm_up() {
    let text = sample::customer_personality_csv(1_500, 1);
    let personality = shipped::by_id("personality");
    for _ in 0..3 {
        if let Ok(l) = read_table(text.as_bytes(), &ReadOptions::default(), &mut NoProgress) {
            let schema = recognise(&l.table);
            let _ = profile_with(&l.table, schema.clone());
            // Scoring too: its loop is the same for every model.
            if let Some(m) = &personality {
                let d =
                    klaster_engine::features::derive(&l.table, &schema, &DeriveParams::default());
                let _ = m.score(&d.table, &d.schema);
            }
        }
    }
    pool::warm_up();
}

/// Queues the request; one task handles the queue in order. A request that arrives while a
/// sweep waits for its helpers is handled after it, as it would be by a busy worker.
fn on_message(ev: MessageEvent) {
    QUEUE.with_borrow_mut(|q| q.push_back(ev.data()));
    if !PUMPING.replace(true) {
        wasm_bindgen_futures::spawn_local(async {
            while let Some(data) = QUEUE.with_borrow_mut(VecDeque::pop_front) {
                handle(data).await;
            }
            PUMPING.set(false);
        });
    }
}

/// The step a replayed request stops before (the `upto` field the client adds when it restores
/// a session after Cancel or a crash), so that the step that was cancelled does not run again.
fn upto(data: &JsValue) -> Option<Step> {
    js_sys::Reflect::get(data, &"upto".into())
        .ok()
        .and_then(|v| v.as_string())
        .and_then(|l| Step::from_label(&l))
}

async fn handle(data: JsValue) {
    let limit = upto(&data);
    let json = js_sys::Reflect::get(&data, &"json".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let request: Request = match serde_json::from_str(&json) {
        Ok(r) => r,
        Err(e) => {
            return post(&Response::Failed {
                message: L10n::build(|| {
                    tf!(
                        "internal error: bad request ({e})",
                        "kesalahan internal: permintaan tidak valid ({e})"
                    )
                }),
            })
        }
    };
    // In a replay, a request of the step that was cancelled (or of a later one) is skipped.
    let own = request.step();
    if own.zip(limit).is_some_and(|(o, l)| o >= l) {
        stopped(limit);
        return;
    }
    let response = match request {
        Request::LoadFile { name, sheet, .. } => {
            let file = js_sys::Reflect::get(&data, &"file".into())
                .ok()
                .and_then(|f| f.dyn_into::<File>().ok());
            let started = now();
            match file {
                Some(file) => match FileSource::of(file, sheet.as_deref()).await {
                    Ok(source) => open(name, source, started),
                    Err(e) => Err(e),
                },
                None => Err(no_file_sent()),
            }
        }
        Request::LoadSample { kind, rows, seed } => open(
            kind.file_name().to_string(),
            FileSource::Text(kind.generate(rows, seed).into_bytes()),
            now(),
        ),
        Request::Histogram { column } => SESSION.with_borrow(|s| {
            s.as_ref()
                .and_then(|s| s.loaded.table.column(&column))
                .and_then(histogram)
                .map(|h| Response::Histogram { histogram: h })
                .ok_or_else(|| {
                    L10n::build(|| {
                        tf!(
                            "The column \"{column}\" has no numbers to chart.",
                            "Kolom \"{column}\" tidak berisi angka untuk digrafikkan."
                        )
                    })
                })
        }),
        Request::SetType { column, kind } => change(|s| {
            s.options.types.retain(|(n, _)| *n != column);
            s.options.types.push((column, kind));
            s.loaded = parse(&s.source, &s.options)?;
            Ok(())
        }),
        Request::SetRole { column, role } => change(|s| {
            s.roles.retain(|(n, _)| *n != column);
            s.roles.push((column, role));
            Ok(())
        }),
        Request::SetRow { row } => change(|s| {
            s.row = Some(row);
            Ok(())
        }),
        Request::Prepare { derive, clean } => prepare(Some(derive), Some(clean)),
        Request::Segment { params } => run_segment(Some(params)).await,
        Request::Assign { values } => SESSION.with_borrow(|s| {
            let seg = s
                .as_ref()
                .and_then(|s| s.segmentation.as_ref())
                .ok_or_else(|| msg("Find segments first.", "Temukan segmen terlebih dahulu."))?;
            seg.model
                .assign(&values)
                .map(|segment| Response::Assigned { segment })
                .map_err(err)
        }),
        Request::Score { model } => match card_only(model.as_deref()) {
            Some(r) => Ok(r),
            None => {
                SESSION.with_borrow_mut(|s| {
                    if let Some(s) = s.as_mut() {
                        s.model_id = model;
                    }
                });
                run_score(None)
            }
        },
        Request::Train { params } => train_model(params),
        Request::ImportModel { json } => {
            let text = match json {
                Some(t) => Ok(t),
                None => js_sys::Reflect::get(&data, &"file".into())
                    .ok()
                    .and_then(|f| f.dyn_into::<File>().ok())
                    .ok_or_else(no_file_sent)
                    .and_then(|f| {
                        // A model file is a few kilobytes; anything large is not one.
                        if f.size() > 5e6 {
                            return Err(msg(
                                "This is not a model file: it is far too large.",
                                "Ini bukan berkas model: ukurannya terlalu besar.",
                            ));
                        }
                        let mut text = Vec::new();
                        FileStream::new(&f).and_then(|mut r| {
                            std::io::Read::read_to_end(&mut r, &mut text).map_err(|e| {
                                L10n::build(|| {
                                    tf!(
                                        "The model file could not be read: {e}.",
                                        "Berkas model tidak dapat dibaca: {e}."
                                    )
                                })
                            })
                        })?;
                        Ok(String::from_utf8_lossy(&text).into_owned())
                    }),
            };
            text.and_then(|t| import_model(&t))
        }
        Request::Plan { params } => {
            SESSION.with_borrow_mut(|s| {
                if let Some(s) = s.as_mut() {
                    s.plan_params = Some(params);
                }
            });
            run_plan()
        }
        Request::Export {
            what,
            segment_names,
            lang,
        } => with_lang(lang, || export(&what, &segment_names)),
    };
    let ok = response.is_ok();
    post(&response.unwrap_or_else(|message| Response::Failed { message }));
    if ok {
        follow(own.and_then(Step::next), limit).await;
    }
    post(&Response::Memory {
        bytes: memory_bytes(),
    });
}

/// Size of this worker's WebAssembly linear memory.
fn memory_bytes() -> u64 {
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as u64
}

fn now() -> f64 {
    scope().performance().map_or(0.0, |p| p.now())
}
