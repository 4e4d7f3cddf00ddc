//! The page's side of the worker: spawns it, queues requests until it says it is ready, hands
//! every answer to one handler, and restarts it if it dies (the page keeps what it shows).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, File, MessageEvent, Worker};

use crate::protocol::{Request, Response};

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

struct Client {
    worker: Worker,
    ready: bool,
    queue: Vec<JsValue>,
    handler: Handler,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
}

/// Starts the worker; `handler` receives every answer (also a failure if the worker dies).
pub fn start(handler: impl Fn(Response) + 'static) {
    spawn(Rc::new(handler));
}

fn spawn(handler: Handler) {
    let worker = match Worker::new(&worker_url()) {
        Ok(w) => w,
        Err(_) => {
            handler(Response::Failed {
                message: "This browser could not start Klaster's background worker.".into(),
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
            Ok(resp) => h(resp),
            Err(e) => h(Response::Failed {
                message: format!("internal error: unreadable answer ({e})"),
            }),
        }
    });
    let h = handler.clone();
    let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |ev: ErrorEvent| {
        ev.prevent_default();
        h(Response::Failed {
            message: format!(
                "The analysis stopped unexpectedly ({}). What you see is kept; load the file again to continue.",
                ev.message()
            ),
        });
        restart();
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    CLIENT.with_borrow_mut(|c| {
        *c = Some(Client {
            worker,
            ready: false,
            queue: Vec::new(),
            handler,
            _on_message: on_message,
            _on_error: on_error,
        })
    });
}

fn restart() {
    let old = CLIENT.with_borrow_mut(Option::take);
    if let Some(old) = old {
        old.worker.terminate();
        spawn(old.handler);
    }
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

/// Sends a request (and the file it concerns) to the worker, or queues it until the worker is
/// ready.
pub fn send(request: &Request, file: Option<&File>) {
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"json".into(), &request.to_json().into());
    if let Some(f) = file {
        let _ = js_sys::Reflect::set(&msg, &"file".into(), f);
    }
    let msg: JsValue = msg.into();
    CLIENT.with_borrow_mut(|c| match c {
        Some(c) if c.ready => {
            let _ = c.worker.post_message(&msg);
        }
        Some(c) => c.queue.push(msg),
        None => {}
    });
}
