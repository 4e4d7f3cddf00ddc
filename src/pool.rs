//! Helper workers for the k sweep. The analysis worker starts one helper per spare core (the
//! same wasm, told apart by the worker name [`HELPER_NAME`]); a sweep hands each helper a copy of
//! the points ([`SweepInput`]) and a share of the ks, fits its own share meanwhile, and collects
//! the fits. Every k is seeded alike, so the sweep is the one [`segment_table`] computes
//! sequentially (tested in `tests/e2e/segment.test.mjs` against the native CLI's figures).
//!
//! Robust by construction: a helper that has not said it is ready gets no work, and a k a helper
//! could not fit (an error, or the helper died) is fitted here, so the worst case is the
//! sequential sweep.
//!
//! [`segment_table`]: klaster_engine::segment::segment_table

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use js_sys::{Array, Float64Array, Object, Reflect, Uint32Array};
use klaster_engine::cluster::{kmeans, silhouette_sampled};
use klaster_engine::segment::{KFit, SegmentError, SweepInput};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, ErrorEvent, MessageEvent, Worker, WorkerOptions};

/// The `name` a helper is started with; the worker's entry point checks it.
pub const HELPER_NAME: &str = "klaster-fit";

/// At most this many helpers, whatever the machine reports.
const MAX_HELPERS: usize = 7;

/// A helper's state: it takes work only once its message handler is installed (a message sent
/// earlier would be dropped).
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Starting,
    Ready,
    Dead,
}

struct Helper {
    worker: Worker,
    state: Rc<Cell<State>>,
}

/// How long a sweep waits for helpers that are still starting (loading their wasm) before it
/// goes on without them.
const START_WAIT_MS: i32 = 3_000;

/// The sweep in progress: what came back and what is still out.
struct Collector {
    job: u32,
    fits: BTreeMap<usize, KFit>,
    /// ks a helper could not deliver: fitted here afterwards.
    retry: Vec<usize>,
    /// ks handed out, by helper.
    out: Vec<Vec<usize>>,
    resolve: Option<js_sys::Function>,
    /// Called with every fit that arrives (progress).
    arrived: Rc<dyn Fn()>,
}

impl Collector {
    fn outstanding(&self) -> usize {
        self.out.iter().map(Vec::len).sum()
    }

    fn settle(&mut self, helper: usize, k: usize, fit: Option<KFit>) {
        let Some(pos) = self
            .out
            .get(helper)
            .and_then(|o| o.iter().position(|&x| x == k))
        else {
            return;
        };
        self.out[helper].remove(pos);
        match fit {
            Some(f) => {
                self.fits.insert(k, f);
            }
            None => self.retry.push(k),
        }
        (self.arrived)();
        if self.outstanding() == 0 {
            if let Some(resolve) = self.resolve.take() {
                let _ = resolve.call0(&JsValue::NULL);
            }
        }
    }

    /// A helper died: everything it held is fitted here.
    fn abandon(&mut self, helper: usize) {
        for k in self.out.get(helper).cloned().unwrap_or_default() {
            self.settle(helper, k, None);
        }
    }
}

thread_local! {
    static HELPERS: RefCell<Vec<Helper>> = const { RefCell::new(Vec::new()) };
    static CURRENT: RefCell<Option<Collector>> = const { RefCell::new(None) };
    static NEXT_JOB: Cell<u32> = const { Cell::new(0) };
    /// Sweeps waiting for the helpers to finish starting.
    static WAITING: RefCell<Vec<js_sys::Function>> = const { RefCell::new(Vec::new()) };
}

/// Wakes the sweeps waiting for helpers once none is starting.
fn wake_if_started() {
    let starting = HELPERS.with_borrow(|h| h.iter().any(|h| h.state.get() == State::Starting));
    if !starting {
        for resolve in WAITING.with_borrow_mut(std::mem::take) {
            let _ = resolve.call0(&JsValue::NULL);
        }
    }
}

/// The worker's own global scope (this module's and the workbook reader's glue use it).
pub(crate) fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

pub(crate) fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

pub(crate) fn set(obj: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &key.into(), value);
}

/// Starts one helper per core beyond the first (none on a single core, or where workers cannot
/// start workers). Called once by the analysis worker.
pub fn spawn_helpers() {
    let cores = scope().navigator().hardware_concurrency() as usize;
    let wanted = cores.saturating_sub(1).min(MAX_HELPERS);
    let url = scope().location().href();
    for index in 0..wanted {
        let options = WorkerOptions::new();
        options.set_name(HELPER_NAME);
        let Ok(worker) = Worker::new_with_options(&url, &options) else {
            return;
        };
        let state = Rc::new(Cell::new(State::Starting));
        let flag = state.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let data = ev.data();
            match get(&data, "kind").as_string().as_deref() {
                Some("ready") => {
                    flag.set(State::Ready);
                    wake_if_started();
                }
                Some("fit") => receive(index, &data),
                _ => {}
            }
        });
        let dead = state.clone();
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |_: ErrorEvent| {
            dead.set(State::Dead);
            CURRENT.with_borrow_mut(|c| {
                if let Some(c) = c.as_mut() {
                    c.abandon(index);
                }
            });
            wake_if_started();
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_message.forget();
        on_error.forget();
        HELPERS.with_borrow_mut(|h| h.push(Helper { worker, state }));
    }
}

/// Waits until no helper is starting any more, at most [`START_WAIT_MS`]: a file dropped the
/// moment the page opens still gets the helpers.
async fn helpers_started() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        WAITING.with_borrow_mut(|w| w.push(resolve.clone()));
        let _ =
            scope().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, START_WAIT_MS);
    });
    wake_if_started();
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A fit (or a failure) from helper `index`.
fn receive(index: usize, data: &JsValue) {
    let job = get(data, "job").as_f64().unwrap_or(-1.0) as i64;
    let k = get(data, "k").as_f64().unwrap_or(0.0) as usize;
    let fit = get(data, "json")
        .as_string()
        .and_then(|j| serde_json::from_str::<KFit>(&j).ok())
        .map(|mut f| {
            let labels: Uint32Array = get(data, "labels").unchecked_into();
            f.labels = labels.to_vec().into_iter().map(|l| l as usize).collect();
            f
        });
    CURRENT.with_borrow_mut(|c| {
        if let Some(c) = c.as_mut().filter(|c| c.job as i64 == job) {
            c.settle(index, k, fit);
        }
    });
}

/// Splits the ks over `workers` (0 = this worker), longest first onto the least loaded: the
/// cost of a fit grows about linearly with k.
fn share(ks: &[usize], workers: usize) -> Vec<Vec<usize>> {
    let mut shares = vec![Vec::new(); workers.max(1)];
    let mut load = vec![0usize; workers.max(1)];
    let mut sorted = ks.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    for k in sorted {
        // Ties go to the later worker, so that this one (which also posts messages) is lightest.
        let w = (0..load.len()).rev().min_by_key(|&w| load[w]).unwrap_or(0);
        load[w] += k;
        shares[w].push(k);
    }
    shares
}

/// Fits every k of `ks`, spread over the helpers and this worker; `progress(done, total)` after
/// each fit. Returns the fits in k order, as [`SweepPlan::finish`] expects, and how many helpers
/// took part.
///
/// [`SweepPlan::finish`]: klaster_engine::segment::SweepPlan::finish
pub async fn sweep(
    input: &SweepInput,
    ks: &[usize],
    progress: Rc<dyn Fn(usize, usize)>,
) -> (Vec<Result<KFit, SegmentError>>, usize) {
    helpers_started().await;
    let total = ks.len();
    let done = Rc::new(Cell::new(0usize));
    let tick: Rc<dyn Fn()> = {
        let (done, progress) = (done.clone(), progress.clone());
        Rc::new(move || {
            done.set(done.get() + 1);
            progress(done.get(), total);
        })
    };
    let ready: Vec<usize> = HELPERS.with_borrow(|h| {
        h.iter()
            .enumerate()
            .filter(|(_, h)| h.state.get() == State::Ready)
            .map(|(i, _)| i)
            .collect()
    });
    let shares = share(ks, ready.len() + 1);
    let job = NEXT_JOB.with(|j| {
        j.set(j.get().wrapping_add(1));
        j.get()
    });
    let mut out = vec![Vec::new(); HELPERS.with_borrow(Vec::len)];
    if !ready.is_empty() {
        let message = job_message(job, input);
        HELPERS.with_borrow(|helpers| {
            for (share, &h) in shares[1..].iter().zip(&ready) {
                if share.is_empty() {
                    continue;
                }
                let ks = Array::new();
                share.iter().for_each(|&k| {
                    ks.push(&JsValue::from(k as u32));
                });
                set(&message, "ks", &ks);
                if helpers[h].worker.post_message(&message).is_ok() {
                    out[h] = share.clone();
                }
            }
        });
    }
    // ks that could not be posted are fitted here too.
    let mut local = shares[0].clone();
    for (share, &h) in shares[1..].iter().zip(&ready) {
        if out[h].is_empty() {
            local.extend(share);
        }
    }
    let helped = out.iter().filter(|o| !o.is_empty()).count();
    CURRENT.with_borrow_mut(|c| {
        *c = Some(Collector {
            job,
            fits: BTreeMap::new(),
            retry: Vec::new(),
            out,
            resolve: None,
            arrived: tick.clone(),
        })
    });
    let mut results: BTreeMap<usize, Result<KFit, SegmentError>> = BTreeMap::new();
    for k in local {
        results.insert(k, input.fit(k));
        tick();
    }
    // Wait for the helpers (their answers are handled while this task is suspended).
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        CURRENT.with_borrow_mut(|c| match c.as_mut() {
            Some(c) if c.outstanding() > 0 => c.resolve = Some(resolve),
            _ => {
                let _ = resolve.call0(&JsValue::NULL);
            }
        })
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    let collector = CURRENT.with_borrow_mut(Option::take);
    if let Some(c) = collector {
        for (k, fit) in c.fits {
            results.insert(k, Ok(fit));
        }
        for k in c.retry {
            results.insert(k, input.fit(k));
        }
    }
    (results.into_values().collect(), helped)
}

/// The message that hands a sweep to a helper: the settings as JSON (the point arrays are not
/// serialised), the points as typed arrays (copied once by the browser; JSON would be 20 times larger and slow to parse).
fn job_message(job: u32, input: &SweepInput) -> Object {
    let message = Object::new();
    set(&message, "job", &JsValue::from(job));
    set(
        &message,
        "json",
        &JsValue::from_str(&serde_json::to_string(input).unwrap_or_default()),
    );
    set(
        &message,
        "numeric",
        &Float64Array::from(input.numeric.as_slice()),
    );
    set(
        &message,
        "codes",
        &Uint32Array::from(input.codes.as_slice()),
    );
    set(
        &message,
        "space",
        &Float64Array::from(input.space.as_slice()),
    );
    message
}

/// The helper's side: announce readiness, then fit the ks of every job that arrives.
pub fn start_helper() {
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| {
        let data = ev.data();
        let job = get(&data, "job");
        let input = get(&data, "json")
            .as_string()
            .and_then(|j| serde_json::from_str::<SweepInput>(&j).ok())
            .map(|mut input| {
                input.numeric = get(&data, "numeric")
                    .dyn_into::<Float64Array>()
                    .map(|a| a.to_vec())
                    .unwrap_or_default();
                input.codes = get(&data, "codes")
                    .dyn_into::<Uint32Array>()
                    .map(|a| a.to_vec())
                    .unwrap_or_default();
                input.space = get(&data, "space")
                    .dyn_into::<Float64Array>()
                    .map(|a| a.to_vec())
                    .unwrap_or_default();
                input
            });
        let ks: Vec<usize> = Array::from(&get(&data, "ks"))
            .iter()
            .filter_map(|k| k.as_f64())
            .map(|k| k as usize)
            .collect();
        for k in ks {
            let reply = Object::new();
            set(&reply, "kind", &"fit".into());
            set(&reply, "job", &job);
            set(&reply, "k", &JsValue::from(k as u32));
            // A failed fit goes back without a result: the analysis worker fits that k itself
            // and so reports the error in its own words.
            if let Some(Ok(mut fit)) = input.as_ref().map(|i| i.fit(k)) {
                let labels: Vec<u32> = std::mem::take(&mut fit.labels)
                    .into_iter()
                    .map(|l| l as u32)
                    .collect();
                set(&reply, "labels", &Uint32Array::from(labels.as_slice()));
                if let Ok(json) = serde_json::to_string(&fit) {
                    set(&reply, "json", &JsValue::from_str(&json));
                }
            }
            let _ = scope().post_message(&reply);
        }
    });
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    // Ready as soon as messages are received; a job that arrives during the warm-up waits for
    // it in the queue.
    let ready = Object::new();
    set(&ready, "kind", &"ready".into());
    let _ = scope().post_message(&ready);
    warm_up();
}

/// Runs K-Means and the silhouette on small generated points of every width the fits
/// specialise (1–8 features), so that the browser compiles them with its optimising tier before
/// the first real sweep: a one-shot long loop otherwise runs to its end in baseline code.
pub fn warm_up() {
    for dims in 1..=9 {
        let rows = 600;
        let data: Vec<f64> = (0..rows * dims)
            .map(|i| ((i * 7919) % 1009) as f64 / 97.0)
            .collect();
        for seed in 0..3 {
            let p = kmeans::KMeansParams {
                n_init: 2,
                seed,
                ..kmeans::KMeansParams::new(3)
            };
            if let Ok(fit) = kmeans::fit(rows, dims, &data, &p) {
                let _ = silhouette_sampled(rows, dims, &data, &fit.labels, 300, seed);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::share;

    #[test]
    fn shares_balance_the_ks_and_cover_each_once() {
        let ks: Vec<usize> = (2..=10).collect();
        let s = share(&ks, 2);
        let mut all: Vec<usize> = s.concat();
        all.sort_unstable();
        assert_eq!(all, ks);
        let loads: Vec<usize> = s.iter().map(|s| s.iter().sum()).collect();
        assert!(loads[0].abs_diff(loads[1]) <= 2, "{loads:?}");
        assert!(loads[0] <= loads[1], "{loads:?}");
        assert_eq!(share(&ks, 1), vec![vec![10, 9, 8, 7, 6, 5, 4, 3, 2]]);
        let four = share(&ks, 4);
        assert!(four.iter().all(|s| !s.is_empty()));
    }
}
