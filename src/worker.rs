//! The analysis worker: owns the loaded data and runs the engine, so that the page's thread only
//! renders. Started by `src/bin/klaster-worker.rs`; speaks [`crate::protocol`].

use std::cell::RefCell;

use klaster_engine::ingest::{read_table, Loaded, NoProgress, ReadOptions, Stage};
use klaster_engine::profile::{chartable_columns, histogram, profile_with};
use klaster_engine::schema::{recognise, Role};
use klaster_engine::{sample, InspectReport};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

use crate::protocol::{Request, Response, PREVIEW_ROWS, SAMPLE_NAME};

/// Files are read in slices of this size so that progress can be shown while reading.
const READ_CHUNK: f64 = 8.0 * 1024.0 * 1024.0;

/// The loaded file and the user's choices about it. The bytes are kept so that a changed column
/// type re-reads the file exactly as the first load did.
struct Session {
    name: String,
    bytes: Vec<u8>,
    options: ReadOptions,
    roles: Vec<(String, Role)>,
    loaded: Loaded,
}

thread_local! {
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
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
    warm_up();
    post(&Response::Ready);
}

/// Runs the load and profile code on a small generated table so that the browser compiles it
/// with its optimising tier before the user's file arrives: the first, one-shot call of a long
/// loop otherwise runs to its end in baseline code. Measured on bank-full: worker time 290 ms →
/// 170 ms, for about 100 ms spent here while the user is still choosing a file.
fn warm_up() {
    let text = sample::customer_personality_csv(1_500, 1);
    for _ in 0..3 {
        if let Ok(l) = read_table(text.as_bytes(), &ReadOptions::default(), &mut NoProgress) {
            let _ = profile_with(&l.table, recognise(&l.table));
        }
    }
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
                Some(file) => read_file(&file, size).and_then(|bytes| open(name, bytes)),
                None => Err("internal error: no file was sent".to_string()),
            }
        }
        Request::LoadSample { rows, seed } => open(
            SAMPLE_NAME.to_string(),
            sample::customer_personality_csv(rows, seed).into_bytes(),
        ),
        Request::Histogram { column } => SESSION.with_borrow(|s| {
            s.as_ref()
                .and_then(|s| s.loaded.table.column(&column))
                .and_then(histogram)
                .map(|h| Response::Histogram { histogram: h })
                .ok_or_else(|| format!("The column \"{column}\" has no numbers to chart."))
        }),
        Request::SetType { column, kind } => change(|s| {
            s.options.types.retain(|(n, _)| *n != column);
            s.options.types.push((column, kind));
            s.loaded = parse(&s.bytes, &s.options)?;
            Ok(())
        }),
        Request::SetRole { column, role } => change(|s| {
            s.roles.retain(|(n, _)| *n != column);
            s.roles.push((column, role));
            Ok(())
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

/// Parses with progress messages (at most every 50 ms).
fn parse(bytes: &[u8], options: &ReadOptions) -> Result<Loaded, String> {
    let mut last_post = now();
    let mut progress = |stage: Stage, done: u64, total: u64| {
        let t = now();
        if t - last_post > 50.0 || done == total {
            last_post = t;
            post(&Response::Progress { stage, done, total });
        }
        true
    };
    read_table(bytes, options, &mut progress).map_err(|e| e.to_string())
}

/// Loads a new file; on failure the previous session stays.
fn open(name: String, bytes: Vec<u8>) -> Result<Response, String> {
    let started = now();
    let options = ReadOptions::default();
    let loaded = parse(&bytes, &options)?;
    let session = Session {
        name,
        bytes,
        options,
        roles: Vec::new(),
        loaded,
    };
    let response = answer(&session, started);
    SESSION.with_borrow_mut(|s| *s = Some(session));
    Ok(response)
}

/// Applies a change to the current session and answers with the new state. A failed change
/// leaves the session as it was.
fn change(f: impl FnOnce(&mut Session) -> Result<(), String>) -> Result<Response, String> {
    let started = now();
    SESSION.with_borrow_mut(|s| {
        let s = s.as_mut().ok_or("Load a file first.")?;
        let (options, roles) = (s.options.clone(), s.roles.clone());
        if let Err(e) = f(s) {
            s.options = options;
            s.roles = roles;
            return Err(e);
        }
        Ok(answer(s, started))
    })
}

/// Everything the page shows about a session: summary, profile and the default histogram.
fn answer(s: &Session, started: f64) -> Response {
    let table = &s.loaded.table;
    let report = InspectReport::new(&s.name, s.bytes.len() as u64, &s.loaded, PREVIEW_ROWS);
    let schema = recognise(table).with_overrides(table, &s.roles);
    let profile = profile_with(table, schema);
    let chartable = chartable_columns(table);
    let hist = chartable.first().and_then(|c| histogram(c));
    let chartable = chartable.iter().map(|c| c.name.clone()).collect();
    Response::Loaded {
        report: Box::new(report),
        profile: Box::new(profile),
        chartable,
        histogram: hist,
        millis: now() - started,
    }
}
