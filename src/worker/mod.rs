//! The analysis worker: owns the loaded data and runs the engine, so that the page's thread only
//! renders. Started by `src/bin/klaster-worker.rs`; speaks [`crate::protocol`].

mod export;
mod file_source;

use export::*;
use file_source::*;

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

/// The loaded file and the user's choices about it.
struct Session {
    name: String,
    source: FileSource,
    options: ReadOptions,
    roles: Vec<(String, Role)>,
    /// The user's answer to "What is one row?" (`None`: the guess).
    row: Option<RowKind>,
    loaded: Loaded,
    derive_params: DeriveParams,
    clean_params: Option<CleanParams>,
    prepared: Option<(Derived, Cleaned)>,
    segmentation: Option<Segmentation>,
    /// The model the user picked (`None` = the one that fits).
    model_id: Option<String>,
    /// The current model and every row's score (rows of the derived table).
    scored: Option<(ModelFile, Vec<f64>)>,
    /// The user's cost and revenue (`None` = from the file, else the example).
    plan_params: Option<PlanParams>,
}

impl Session {
    /// The loaded table's schema with the user's roles and answer applied.
    fn schema(&self) -> Schema {
        let table = &self.loaded.table;
        recognise(table)
            .with_overrides(table, &self.roles)
            .with_row(self.row)
    }

    /// The file name without its extension, for the names of exported files.
    fn stem(&self) -> &str {
        self.name
            .rsplit_once('.')
            .map_or(self.name.as_str(), |(a, _)| a)
    }
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

/// Runs the steps after a change, each with the current settings, so that every step shows a
/// result without a click. A step that cannot run with the defaults (too few rows to segment,
/// no model for the table) says why in its place on the page, and the later steps still run.
async fn follow(from: Option<Step>, limit: Option<Step>) {
    follow_before(from, limit).await;
    stopped(limit);
}

/// In a replay, tells the page where it stopped.
fn stopped(limit: Option<Step>) {
    if let Some(step) = limit {
        post(&Response::Stopped {
            step: step.label().into(),
        });
    }
}

/// [`follow`]'s steps from `from`, those before `limit`.
async fn follow_before(from: Option<Step>, limit: Option<Step>) {
    let runs = |step: Step| from.is_some_and(|f| f <= step) && limit.is_none_or(|l| step < l);
    if runs(Step::Prepare) {
        let prepared = prepare(None, None);
        let ok = prepared.is_ok();
        post(&prepared.unwrap_or_else(|message| Response::Failed { message }));
        if !ok {
            return;
        }
    }
    if runs(Step::Segment) {
        post(
            &run_segment(None)
                .await
                .unwrap_or_else(|message| Response::SegmentUnavailable { message }),
        );
    }
    if runs(Step::Score) {
        match run_score(None) {
            Ok(r) => post(&r),
            Err(message) => post(&Response::Failed { message }),
        }
    }
    if runs(Step::Plan) {
        if let Ok(r) = run_plan() {
            post(&r);
        }
    }
}

/// Every model on offer and whether it fits `table`.
fn model_choices(table: &klaster_engine::Table) -> Vec<ModelChoice> {
    let shipped = shipped::models().iter().cloned().map(|m| (m, false));
    let user = USER_MODELS
        .with_borrow(|u| u.clone())
        .into_iter()
        .map(|m| (m, true));
    shipped
        .chain(user)
        .map(|(m, user)| ModelChoice {
            missing: m.missing_columns(table),
            id: m.id,
            name: m.name,
            user,
        })
        .collect()
}

fn find_model(id: &str) -> Option<ModelFile> {
    USER_MODELS
        .with_borrow(|u| u.iter().find(|m| m.id == id).cloned())
        .or_else(|| shipped::by_id(id))
}

/// Scores the derived table with the chosen (or fitting) model: scores, distribution, the top
/// of the ranked list with reasons, and the evaluation when the file carries the target.
fn run_score(trained_millis: Option<f64>) -> Result<Response, Msg> {
    let started = now();
    SESSION.with_borrow_mut(|s| {
        let s = s.as_mut().ok_or_else(no_file)?;
        let (derived, cleaned) = s.prepared.as_ref().ok_or_else(not_prepared)?;
        let table = &derived.table;
        let models = model_choices(table);
        let train = Some(TrainOptions::for_table(&cleaned.table, &derived.schema));
        let fits = |m: &ModelFile| m.missing_columns(table).is_empty();
        let model = s
            .model_id
            .as_deref()
            .and_then(find_model)
            .filter(fits)
            .or_else(|| shipped::for_schema(derived.schema.kind).filter(fits))
            .or_else(|| USER_MODELS.with_borrow(|u| u.iter().rev().find(|m| fits(m)).cloned()));
        let Some(model) = model else {
            s.scored = None;
            return Ok(Response::ScoreUnavailable {
                message: msg(
                    "No shipped model fits this table (they need the columns of the bank \
                     calls or the customer-personality data). Train one on a labelled \
                     column below.",
                    "Tidak ada model bawaan yang cocok untuk tabel ini (model bawaan memerlukan \
                     kolom data panggilan bank atau data customer personality). Latih model \
                     sendiri pada kolom berlabel di bawah.",
                ),
                models,
                train,
            });
        };
        let (scoring, scores) = Scoring::build(
            model.clone(),
            derived,
            cleaned,
            s.segmentation.as_ref(),
            models,
            train,
            &now,
        )?;
        let scoring = Scoring {
            total_millis: now() - started,
            trained_millis,
            ..scoring
        };
        s.scored = Some((model, scores));
        Ok(Response::Scored {
            scoring: Box::new(scoring),
        })
    })
}

/// A picked model that cannot score the table is shown by its card alone; the current scores
/// stay. `None` when the model fits (or there is no table to check).
fn card_only(id: Option<&str>) -> Option<Response> {
    let model = find_model(id?)?;
    SESSION.with_borrow(|s| {
        let (derived, _) = s.as_ref()?.prepared.as_ref()?;
        let missing = model.missing_columns(&derived.table);
        (!missing.is_empty()).then(|| Response::CardOnly {
            models: model_choices(&derived.table),
            model: Box::new(model),
            missing,
        })
    })
}

/// Trains on the prepared (cleaned) table, adds the model to the user's, and scores with it.
fn train_model(params: TrainParams) -> Result<Response, Msg> {
    let started = now();
    let model = SESSION.with_borrow(|s| {
        let s = s.as_ref().ok_or_else(no_file)?;
        let (derived, cleaned) = s.prepared.as_ref().ok_or_else(not_prepared)?;
        let mut m = train(&cleaned.table, &derived.schema, &params).map_err(err)?;
        m.training.record_cleaning(&s.name, cleaned);
        m.schemas = vec![derived.schema.kind];
        Ok::<_, Msg>(m)
    })?;
    let trained = now() - started;
    let id = USER_MODELS.with_borrow_mut(|u| {
        let id = format!("custom-{}", u.len() + 1);
        let mut m = model;
        m.id = id.clone();
        let (n, target) = (u.len() + 1, &params.target);
        m.name = L10n::build(|| tf!("Your model {n}: {target}", "Model Anda {n}: {target}"));
        u.push(m);
        id
    });
    SESSION.with_borrow_mut(|s| {
        if let Some(s) = s.as_mut() {
            s.model_id = Some(id);
        }
    });
    run_score(Some(trained))
}

/// Adds an opened model file to the user's models and scores with it when it fits.
fn import_model(json: &str) -> Result<Response, Msg> {
    let mut model = ModelFile::from_json(json).map_err(|e| {
        L10n::build(|| {
            tf!(
                "This model file cannot be used: {e}.",
                "Berkas model ini tidak dapat digunakan: {e}."
            )
        })
    })?;
    let id = USER_MODELS.with_borrow_mut(|u| {
        let taken = |id: &str| shipped::by_id(id).is_some() || u.iter().any(|m| m.id == id);
        if taken(&model.id) {
            let base = model.id.clone();
            let mut i = 2;
            while taken(&format!("{base} ({i})")) {
                i += 1;
            }
            model.id = format!("{base} ({i})");
            model.name = L10n {
                en: format!("{} (opened)", model.name.en),
                id: format!("{} (dibuka)", model.name.id),
            };
        }
        let id = model.id.clone();
        u.push(model.clone());
        id
    });
    let missing = SESSION.with_borrow_mut(|s| {
        let s = s.as_mut()?;
        let (derived, _) = s.prepared.as_ref()?;
        let missing = model.missing_columns(&derived.table);
        if missing.is_empty() {
            s.model_id = Some(id);
        }
        Some(missing)
    });
    match missing {
        Some(m) if !m.is_empty() => {
            let (name, needs) = (&model.name, m.join(", "));
            Err(L10n::build(|| {
                tf!(
                    "The model \"{name}\" was opened, but it cannot score this table: it needs {needs}.",
                    "Model \"{name}\" sudah dibuka, tetapi tidak dapat memberi skor pada tabel ini: model memerlukan {needs}."
                )
            }))
        }
        _ => run_score(None),
    }
}

/// The campaign plan from the current scores, segments and outcomes.
fn run_plan() -> Result<Response, Msg> {
    SESSION.with_borrow(|s| {
        let s = s.as_ref().ok_or_else(no_file)?;
        let (derived, cleaned) = s.prepared.as_ref().ok_or_else(not_prepared)?;
        let (model, scores) = s.scored.as_ref().ok_or_else(not_scored)?;
        let (plan, from_file) = plan_for(
            derived,
            cleaned,
            s.segmentation.as_ref(),
            model,
            scores,
            s.plan_params,
        )?;
        Ok(Response::Planned {
            plan: Box::new(plan),
            from_file,
        })
    })
}

/// Derives and cleans the session's table; `None` keeps the session's settings.
fn prepare(
    derive_params: Option<DeriveParams>,
    clean_params: Option<Option<CleanParams>>,
) -> Result<Response, Msg> {
    SESSION.with_borrow_mut(|s| {
        let s = s.as_mut().ok_or_else(no_file)?;
        if let Some(d) = derive_params {
            s.derive_params = d;
        }
        if let Some(c) = clean_params {
            s.clean_params = c;
        }
        let schema = s.schema();
        let (prepared, derived, cleaned) = Prepared::build(
            &s.loaded.table,
            schema,
            &s.derive_params,
            s.clean_params.as_ref(),
        );
        s.prepared = Some((derived, cleaned));
        s.segmentation = None;
        Ok(Response::Prepared {
            prepared: Box::new(prepared),
        })
    })
}

/// Segments the prepared table; `None` = the default features and settings. The ks of the
/// sweep are fitted in parallel by this worker and its helpers ([`pool`]).
async fn run_segment(params: Option<SegmentParams>) -> Result<Response, Msg> {
    let started = now();
    let (plan, params) = SESSION.with_borrow(|s| {
        let s = s.as_ref().ok_or_else(no_file)?;
        let (derived, cleaned) = s.prepared.as_ref().ok_or_else(not_prepared)?;
        let mut params = params.unwrap_or_else(|| SegmentParams::new(Vec::new()));
        if params.features.is_empty() {
            params.features = default_features(derived);
        }
        let plan = SweepPlan::new(&cleaned.table, &params).map_err(err)?;
        Ok::<_, Msg>((plan, params))
    })?;
    let last = Cell::new(now());
    let progress = Rc::new(move |done: usize, total: usize| {
        let t = now();
        if t - last.get() > 50.0 {
            last.set(t);
            post(&Response::SegmentProgress { done, total });
        }
    });
    let ks: Vec<usize> = (params.k_min..=params.k_max).collect();
    let swept = now();
    let (fits, helpers) = pool::sweep(&plan.input, &ks, progress).await;
    let sweep_millis = now() - swept;
    SESSION.with_borrow_mut(|s| {
        let s = s.as_mut().ok_or_else(no_file)?;
        let (derived, cleaned) = s.prepared.as_ref().ok_or_else(not_prepared)?;
        let seg = plan
            .finish(&cleaned.table, &derived.schema, &params, fits)
            .map_err(err)?;
        let response = Response::Segmented {
            segmentation: Box::new(seg.clone()),
            run: SegmentRun {
                millis: now() - started,
                sweep_millis,
                helpers,
            },
        };
        s.segmentation = Some(seg);
        Ok(response)
    })
}

fn now() -> f64 {
    scope().performance().map_or(0.0, |p| p.now())
}

/// The load's progress messages to the page: at most one every 50 ms, with the rows parsed.
struct PageProgress {
    last_post: f64,
    rows: u64,
}

impl klaster_engine::Progress for PageProgress {
    fn report(&mut self, stage: Stage, done: u64, total: u64) -> bool {
        let t = now();
        if t - self.last_post > 50.0 || done == total {
            self.last_post = t;
            post(&Response::Progress {
                stage,
                done,
                total,
                rows: self.rows,
            });
        }
        true
    }

    fn rows(&mut self, rows: u64) {
        self.rows = rows;
    }
}

/// Parses with progress messages.
fn parse(source: &FileSource, options: &ReadOptions) -> Result<Loaded, Msg> {
    let mut progress = PageProgress {
        last_post: now(),
        rows: 0,
    };
    match source {
        FileSource::File(f) => read_table_from(FileStream::new(f)?, options, &mut progress),
        FileSource::Text(t) => read_table(t, options, &mut progress),
        FileSource::Sheet { text, .. } => workbook::read_sheet(text, options, &mut progress),
    }
    .map_err(err)
}

/// Loads a new file; on failure the previous session stays.
/// `started`: when the request began, so that the time shown includes a workbook's conversion.
fn open(name: String, source: FileSource, started: f64) -> Result<Response, Msg> {
    let options = ReadOptions {
        max_cells: Some(BROWSER_MAX_CELLS),
        ..ReadOptions::default()
    };
    let loaded = parse(&source, &options)?;
    let session = Session {
        name,
        source,
        options,
        roles: Vec::new(),
        row: None,
        loaded,
        derive_params: DeriveParams::default(),
        clean_params: None,
        prepared: None,
        segmentation: None,
        model_id: None,
        scored: None,
        plan_params: None,
    };
    let response = answer(&session, started);
    SESSION.with_borrow_mut(|s| *s = Some(session));
    Ok(response)
}

/// Applies a change to the current session and answers with the new state. A failed change
/// leaves the session as it was.
fn change(f: impl FnOnce(&mut Session) -> Result<(), Msg>) -> Result<Response, Msg> {
    let started = now();
    SESSION.with_borrow_mut(|s| {
        let s = s.as_mut().ok_or_else(no_file)?;
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
    let report = InspectReport::new(&s.name, s.source.size(), &s.loaded, PREVIEW_ROWS);
    let profile = profile_with(table, s.schema());
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
