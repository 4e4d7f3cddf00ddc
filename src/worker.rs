//! The analysis worker: owns the loaded data and runs the engine, so that the page's thread only
//! renders. Started by `src/bin/klaster-worker.rs`; speaks [`crate::protocol`].

use std::cell::RefCell;

use klaster_engine::features::{CleanParams, Cleaned, DeriveParams, Derived};
use klaster_engine::ingest::{read_table, Loaded, NoProgress, ReadOptions, Stage};
use klaster_engine::profile::{chartable_columns, histogram, profile_with};
use klaster_engine::schema::{recognise, Role};
use klaster_engine::segment::{default_features, segment_table_with, SegmentParams, Segmentation};
use klaster_engine::{sample, InspectReport};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

use crate::protocol::{Prepared, Request, Response, PREVIEW_ROWS, SAMPLE_NAME};

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
    derive_params: DeriveParams,
    clean_params: Option<CleanParams>,
    prepared: Option<(Derived, Cleaned)>,
    segmentation: Option<Segmentation>,
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
        Request::Prepare { derive, clean } => {
            let r = prepare(Some(derive), Some(clean));
            if r.is_ok() {
                post(&r.unwrap_or_else(|message| Response::Failed { message }));
                Ok(run_segment(None)
                    .unwrap_or_else(|message| Response::SegmentUnavailable { message }))
            } else {
                r
            }
        }
        Request::Segment { params } => run_segment(Some(params)),
        Request::Assign { values } => SESSION.with_borrow(|s| {
            let seg = s
                .as_ref()
                .and_then(|s| s.segmentation.as_ref())
                .ok_or("Find segments first.")?;
            seg.model
                .assign(&values)
                .map(|segment| Response::Assigned { segment })
                .map_err(|e| e.to_string())
        }),
    };
    let loaded = matches!(response, Ok(Response::Loaded { .. }));
    post(&response.unwrap_or_else(|message| Response::Failed { message }));
    // A new or re-read table flows on through Prepare and Segment with the current settings,
    // so every step shows a result without a click.
    if loaded {
        let prepared = prepare(None, None);
        let ok = prepared.is_ok();
        post(&prepared.unwrap_or_else(|message| Response::Failed { message }));
        if ok {
            // A table the defaults cannot segment (too few rows or features) is not an error:
            // the Segment step says why.
            post(
                &run_segment(None)
                    .unwrap_or_else(|message| Response::SegmentUnavailable { message }),
            );
        }
    }
}

/// Derives and cleans the session's table; `None` keeps the session's settings.
fn prepare(
    derive_params: Option<DeriveParams>,
    clean_params: Option<Option<CleanParams>>,
) -> Result<Response, String> {
    SESSION.with_borrow_mut(|s| {
        let s = s.as_mut().ok_or("Load a file first.")?;
        if let Some(d) = derive_params {
            s.derive_params = d;
        }
        if let Some(c) = clean_params {
            s.clean_params = c;
        }
        let table = &s.loaded.table;
        let schema = recognise(table).with_overrides(table, &s.roles);
        let (prepared, derived, cleaned) =
            Prepared::build(table, schema, &s.derive_params, s.clean_params.as_ref());
        s.prepared = Some((derived, cleaned));
        s.segmentation = None;
        Ok(Response::Prepared {
            prepared: Box::new(prepared),
        })
    })
}

/// Segments the prepared table; `None` = the default features and settings.
fn run_segment(params: Option<SegmentParams>) -> Result<Response, String> {
    let started = now();
    SESSION.with_borrow_mut(|s| {
        let s = s.as_mut().ok_or("Load a file first.")?;
        let (derived, cleaned) = s.prepared.as_ref().ok_or("Prepare the data first.")?;
        let mut params = params.unwrap_or_else(|| SegmentParams::new(Vec::new()));
        if params.features.is_empty() {
            params.features = default_features(derived);
        }
        let mut last = now();
        let mut progress = |k: usize, k_max: usize| {
            let t = now();
            if t - last > 50.0 {
                last = t;
                post(&Response::SegmentProgress { k, k_max });
            }
        };
        let seg = segment_table_with(&cleaned.table, &derived.schema, &params, &mut progress)
            .map_err(|e| e.to_string())?;
        let response = Response::Segmented {
            segmentation: Box::new(seg.clone()),
            millis: now() - started,
        };
        s.segmentation = Some(seg);
        Ok(response)
    })
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
        derive_params: DeriveParams::default(),
        clean_params: None,
        prepared: None,
        segmentation: None,
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
