//! The page's side of the worker: spawns it, queues requests until it says it is ready, hands
//! every answer to one handler. It keeps a journal of the requests that shape the session (the
//! last load and every change after it) and knows which step is running, so that [`cancel`]
//! — and a crash — restart the worker and replay the journal up to, not including, that step:
//! the loaded file and the user's choices survive, the cancelled (or failing) step does not
//! run again until asked.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, File, MessageEvent, Worker};

use klaster_engine::i18n::L10n;
use klaster_engine::tf;

use crate::protocol::{Request, Response, Step};

/// The worker script Trunk writes next to index.html (`data-loader-shim`).
pub const WORKER_SCRIPT: &str = "klaster-worker_loader.js";

/// The worker script's URL: beside `boot.js` (the script tag Trunk writes with the app's public
/// URL), so that the page works under a sub-path and from a deep link answered by 404.html,
/// where the page's own URL is not the app's folder. Relative to the page when there is no
/// such tag (the browser tests mount components without it).
pub fn worker_url() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("script[data-wasm]").ok().flatten())
        .and_then(|tag| {
            let src = js_sys::Reflect::get(&tag, &"src".into())
                .ok()?
                .as_string()?;
            web_sys::Url::new_with_base(WORKER_SCRIPT, &src).ok()
        })
        .map(|u| u.href())
        .unwrap_or_else(|| format!("./{WORKER_SCRIPT}"))
}

type Handler = Rc<dyn Fn(Response)>;

/// The step running after `response`, given the one running before (the worker's chain
/// Load → Prepare → Segment → Score → Plan; `None`: idle).
fn running_after(running: Option<Step>, response: &Response) -> Option<Step> {
    match response {
        Response::Progress { .. } => Some(Step::Load),
        Response::Loaded { .. } => Some(Step::Prepare),
        Response::Prepared { .. } | Response::SegmentProgress { .. } => Some(Step::Segment),
        Response::Segmented { .. } | Response::SegmentUnavailable { .. } => Some(Step::Score),
        Response::Scored { .. } | Response::ScoreUnavailable { .. } | Response::CardOnly { .. } => {
            Some(Step::Plan)
        }
        Response::Planned { .. } | Response::Stopped { .. } | Response::Failed { .. } => None,
        _ => running,
    }
}

/// One journaled request: whether it loads a file (the journal starts at the last load).
struct Entry {
    load: bool,
    message: JsValue,
}

struct Client {
    worker: Worker,
    ready: bool,
    queue: Vec<JsValue>,
    journal: Vec<Entry>,
    /// The step in progress (`None`: idle).
    running: Option<Step>,
    handler: Handler,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
}

/// Starts the worker; `handler` receives every answer (also a failure if the worker dies).
pub fn start(handler: impl Fn(Response) + 'static) {
    spawn(Rc::new(handler), Vec::new(), Vec::new());
}

/// Starts a worker with `queue` to send once it is ready and `journal` to keep.
fn spawn(handler: Handler, queue: Vec<JsValue>, journal: Vec<Entry>) {
    let worker = match Worker::new(&worker_url()) {
        Ok(w) => w,
        Err(_) => {
            handler(Response::Failed {
                message: L10n {
                    en: "This browser could not start Klaster's background worker.".into(),
                    id: "Peramban ini tidak dapat memulai worker latar belakang Klaster.".into(),
                },
            });
            return;
        }
    };
    let h = handler.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let text = ev.data().as_string().unwrap_or_default();
        match serde_json::from_str::<Response>(&text) {
            Ok(Response::Ready) => {
                flush();
                h(Response::Ready);
            }
            Ok(resp) => {
                track(&resp);
                h(resp)
            }
            Err(e) => h(Response::Failed {
                message: L10n::build(|| {
                    tf!(
                        "internal error: unreadable answer ({e})",
                        "kesalahan internal: jawaban tidak terbaca ({e})"
                    )
                }),
            }),
        }
    });
    let h = handler.clone();
    let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |ev: ErrorEvent| {
        ev.prevent_default();
        let why = ev.message();
        h(Response::Failed {
            message: L10n::build(|| {
                tf!(
                    "The analysis stopped unexpectedly ({why}). The step that failed was skipped; your file and choices are loaded again.",
                    "Analisis berhenti secara tak terduga ({why}). Langkah yang gagal dilewati; berkas dan pilihan Anda dimuat kembali."
                )
            }),
        });
        replay();
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    CLIENT.with_borrow_mut(|c| {
        *c = Some(Client {
            worker,
            ready: false,
            queue,
            journal,
            running: None,
            handler,
            _on_message: on_message,
            _on_error: on_error,
        })
    });
}

/// Follows the worker's progress through the steps; keeps the journal starting at the last
/// load once a load succeeded, and drops a load that failed (the worker kept the previous file).
fn track(response: &Response) {
    CLIENT.with_borrow_mut(|c| {
        let Some(c) = c else { return };
        if matches!(response, Response::Loaded { .. }) {
            if let Some(last) = c.journal.iter().rposition(|e| e.load) {
                c.journal.drain(..last);
            }
        }
        if matches!(response, Response::Failed { .. }) && c.running == Some(Step::Load) {
            if let Some(last) = c.journal.iter().rposition(|e| e.load) {
                if last > 0 {
                    c.journal.truncate(last);
                }
            }
        }
        c.running = running_after(c.running, response);
    });
}

/// Stops whatever the worker is doing: a new worker gets the journal replayed up to the step
/// that was running (a cancelled load goes back to the previous file). Does nothing when idle.
/// Returns whether something was cancelled.
pub fn cancel() -> bool {
    let busy = CLIENT.with_borrow(|c| c.as_ref().is_some_and(|c| c.running.is_some()));
    if busy {
        replay();
    }
    busy
}

fn replay() {
    let Some(old) = CLIENT.with_borrow_mut(Option::take) else {
        return;
    };
    old.worker.terminate();
    let mut journal = old.journal;
    if old.running == Some(Step::Load) {
        // The load (or re-read) in progress is abandoned: back to the previous file.
        if let Some(last) = journal.iter().rposition(|e| e.load) {
            journal.truncate(last);
        }
    }
    // A cancelled load goes back to the previous file, prepared but not segmented again.
    let upto = match old.running {
        Some(Step::Load) => Step::Segment.label(),
        Some(step) => step.label(),
        None => "",
    };
    let queue = journal
        .iter()
        .map(|e| {
            let _ = js_sys::Reflect::set(&e.message, &"upto".into(), &upto.into());
            e.message.clone()
        })
        .collect();
    spawn(old.handler, queue, journal);
}

fn flush() {
    CLIENT.with_borrow_mut(|c| {
        if let Some(c) = c {
            c.ready = true;
            for msg in c.queue.drain(..) {
                let _ = c.worker.post_message(&msg);
            }
        }
    });
}

/// The file of the session's last load: a workbook's sheet picker loads it again.
pub fn loaded_file() -> Option<File> {
    CLIENT.with_borrow(|c| {
        let entry = c.as_ref()?.journal.iter().rev().find(|e| e.load)?;
        js_sys::Reflect::get(&entry.message, &"file".into())
            .ok()?
            .dyn_into::<File>()
            .ok()
    })
}

/// The session's journal: each request's JSON and the file sent with it (`undefined` if none).
pub fn journal() -> Vec<(String, JsValue)> {
    CLIENT.with_borrow(|c| {
        c.iter()
            .flat_map(|c| c.journal.iter())
            .map(|e| {
                let get = |k: &str| js_sys::Reflect::get(&e.message, &k.into()).unwrap_or_default();
                (get("json").as_string().unwrap_or_default(), get("file"))
            })
            .collect()
    })
}

/// Sends a request (and the file it concerns) to the worker, or queues it until the worker is
/// ready.
pub fn send(request: &Request, file: Option<&File>) {
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"json".into(), &request.to_json().into());
    if let Some(f) = file {
        let _ = js_sys::Reflect::set(&msg, &"file".into(), f);
    }
    let msg: JsValue = msg.into();
    let step = request.step();
    CLIENT.with_borrow_mut(|c| {
        let Some(c) = c else { return };
        if let Some(step) = step {
            c.journal.push(Entry {
                load: matches!(
                    request,
                    Request::LoadFile { .. } | Request::LoadSample { .. }
                ),
                message: msg.clone(),
            });
            c.running = Some(step);
        }
        if c.ready {
            let _ = c.worker.post_message(&msg);
        } else {
            c.queue.push(msg);
        }
    });
}
