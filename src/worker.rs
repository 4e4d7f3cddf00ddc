//! The analysis worker: owns the loaded table and runs the engine, so that the page's thread only
//! renders. Started by `src/bin/klaster-worker.rs`; speaks [`crate::protocol`].

use std::cell::RefCell;

use klaster_engine::ingest::{read_table, Loaded, ReadOptions, Stage};
use klaster_engine::profile::{default_chart_column, histogram, profile};
use klaster_engine::{sample, InspectReport};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

use crate::protocol::{Request, Response, PREVIEW_ROWS, SAMPLE_NAME};

/// Files are read in slices of this size so that progress can be shown while reading.
const READ_CHUNK: f64 = 8.0 * 1024.0 * 1024.0;

thread_local! {
    static TABLE: RefCell<Option<Loaded>> = const { RefCell::new(None) };
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(resp: &Response) {
    // Posting a string cannot fail on a live worker scope; nothing else could be done about it.
    let _ = scope().post_message(&JsValue::from_str(&resp.to_json()));
}

/// Installs the message handler and tells the page the worker is ready.
pub fn start() {
    console_error_panic_hook::set_once();
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(on_message);
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    post(&Response::Ready);
}

fn on_message(ev: MessageEvent) {
    let data = ev.data();
    let json = js_sys::Reflect::get(&data, &"json".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let request: Request = match serde_json::from_str(&json) {
        Ok(r) => r,
        Err(e) => {
            return post(&Response::Failed {
                message: format!("internal error: bad request ({e})"),
            })
        }
    };
    let response = match request {
        Request::LoadFile { name, size } => {
            let file = js_sys::Reflect::get(&data, &"file".into())
                .ok()
                .and_then(|f| f.dyn_into::<File>().ok());
            match file {
                Some(file) => read_file(&file, size).and_then(|bytes| load(&name, &bytes)),
                None => Err("internal error: no file was sent".to_string()),
            }
        }
        Request::LoadSample { rows, seed } => {
            let text = sample::customer_personality_csv(rows, seed);
            load(SAMPLE_NAME, text.as_bytes())
        }
        Request::Histogram { column } => TABLE.with_borrow(|t| {
            t.as_ref()
                .and_then(|l| l.table.column(&column))
                .and_then(histogram)
                .map(|h| Response::Histogram { histogram: h })
                .ok_or_else(|| format!("The column \"{column}\" has no numbers to chart."))
        }),
    };
    post(&response.unwrap_or_else(|message| Response::Failed { message }));
}

fn read_file(file: &File, size: u64) -> Result<Vec<u8>, String> {
    let reader = FileReaderSync::new()
        .map_err(|_| "This browser cannot read files in a worker.".to_string())?;
    let total = file.size();
    let mut bytes = Vec::with_capacity(size as usize);
    let mut start = 0.0;
    while start < total {
        let end = (start + READ_CHUNK).min(total);
        let blob = file
            .slice_with_f64_and_f64(start, end)
            .map_err(|_| "The file could not be read.".to_string())?;
        let buf = reader
            .read_as_array_buffer(&blob)
            .map_err(|_| "The file could not be read (was it moved or deleted?).".to_string())?;
        bytes.extend_from_slice(&js_sys::Uint8Array::new(&buf).to_vec());
        start = end;
        post(&Response::Progress {
            stage: Stage::Read,
            done: end as u64,
            total: total as u64,
        });
    }
    Ok(bytes)
}

fn now() -> f64 {
    scope().performance().map_or(0.0, |p| p.now())
}

fn load(name: &str, bytes: &[u8]) -> Result<Response, String> {
    let started = now();
    let mut last_post = started;
    let mut progress = |stage: Stage, done: u64, total: u64| {
        let t = now();
        if t - last_post > 50.0 || done == total {
            last_post = t;
            post(&Response::Progress { stage, done, total });
        }
        true
    };
    let loaded =
        read_table(bytes, &ReadOptions::default(), &mut progress).map_err(|e| e.to_string())?;
    let report = InspectReport::new(name, bytes.len() as u64, &loaded, PREVIEW_ROWS);
    let profile = profile(&loaded.table);
    let default = default_chart_column(&loaded.table);
    let hist = default.and_then(histogram);
    let mut chartable: Vec<String> = loaded
        .table
        .columns
        .iter()
        .filter(|c| c.kind.is_quantity() && c.inference.distinct > 1)
        .map(|c| c.name.clone())
        .collect();
    if let Some(d) = default {
        chartable.retain(|n| n != &d.name);
        chartable.insert(0, d.name.clone());
    }
    TABLE.with_borrow_mut(|t| *t = Some(loaded));
    Ok(Response::Loaded {
        report: Box::new(report),
        profile: Box::new(profile),
        chartable,
        histogram: hist,
        millis: now() - started,
    })
}
