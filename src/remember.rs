//! "Remember this session": off by default. When the user turns it on, the session's journal
//! (the last load, with its file, and every choice made after it: the requests
//! [`crate::client`] would replay after a crash) is kept in this browser's IndexedDB, so that the
//! next visit can restore it. "Forget everything" deletes the database and every preference
//! Klaster stored (`localStorage`). Nothing leaves the browser either way.
//!
//! Layout of the object store: `count` = the number of entries; entry `i` = `{json, file}`,
//! the request's JSON and the `File` sent with it, if any. An entry is rewritten only when its
//! request changed, so a large file is written once, not at every step.

use klaster_engine::i18n::t;
use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, IdbDatabase, IdbRequest, IdbTransactionMode};

use crate::protocol::Request;

const DB: &str = "klaster";
const STORE: &str = "session";
/// The `localStorage` key of the user's choice (set = remember).
const FLAG: &str = "klaster-remember";
/// The `localStorage` key of the colour theme chosen (`components::theme`).
pub const THEME_KEY: &str = "klaster-theme";
/// The `localStorage` key of the language chosen (`components::language`).
pub const LANGUAGE_KEY: &str = "klaster-lang";
/// Every `localStorage` key Klaster writes, for "Forget everything".
const KEYS: [&str; 3] = [FLAG, THEME_KEY, LANGUAGE_KEY];

thread_local! {
    /// The requests (JSON) of the entries stored now, to write only what changed.
    static STORED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// A saved session, as the restore banner describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// The requests in order, each with its file.
    pub entries: Vec<(Request, Option<File>)>,
    /// When it was last written (ms since 1970).
    pub saved_at: f64,
}

impl Saved {
    /// What was loaded: the file's name, or the sample's.
    pub fn source(&self) -> String {
        match self.entries.first().map(|(r, _)| r) {
            Some(Request::LoadFile { name, .. }) => name.clone(),
            Some(Request::LoadSample { kind, .. }) => kind.file_name().to_string(),
            _ => t("a session", "sebuah sesi").to_string(),
        }
    }
}

fn js_err(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{e:?}"))
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The user chose to remember sessions in this browser.
pub fn enabled() -> bool {
    storage().is_some_and(|s| s.get_item(FLAG).ok().flatten().is_some())
}

/// An IndexedDB request as a future of its result.
async fn done(req: &IdbRequest) -> Result<JsValue, String> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let request = req.clone();
        let ok = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &request.result().unwrap_or_default());
        });
        let failed = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = reject.call1(
                &JsValue::NULL,
                &t(
                    "the browser's database refused",
                    "basis data peramban menolak",
                )
                .into(),
            );
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(failed.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(js_err)
}

async fn open() -> Result<IdbDatabase, String> {
    let factory = web_sys::window()
        .ok_or(t("no window", "tidak ada jendela"))?
        .indexed_db()
        .map_err(js_err)?
        .ok_or(t(
            "this browser keeps no local database here (a private window?)",
            "peramban ini tidak menyediakan basis data lokal di sini (jendela pribadi?)",
        ))?;
    let req = factory.open_with_u32(DB, 1).map_err(js_err)?;
    let upgrade = Closure::once_into_js(move |ev: web_sys::Event| {
        let db = ev
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|d| d.dyn_into::<IdbDatabase>().ok());
        if let Some(db) = db {
            let _ = db.create_object_store(STORE);
        }
    });
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    done(&req)
        .await?
        .dyn_into()
        .map_err(|_| t("no database", "tidak ada basis data").into())
}

/// Writes the journal's entries that changed since the last write, and the count.
async fn write(entries: Vec<(String, JsValue)>) -> Result<(), String> {
    let db = open().await?;
    let tx = db
        .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
        .map_err(js_err)?;
    let store = tx.object_store(STORE).map_err(js_err)?;
    let stored = STORED.with_borrow(Clone::clone);
    for (i, (json, file)) in entries.iter().enumerate() {
        if stored.get(i) == Some(json) {
            continue;
        }
        let record = js_sys::Object::new();
        js_sys::Reflect::set(&record, &"json".into(), &json.into()).map_err(js_err)?;
        js_sys::Reflect::set(&record, &"file".into(), file).map_err(js_err)?;
        done(
            &store
                .put_with_key(&record, &(i as u32).into())
                .map_err(js_err)?,
        )
        .await?;
    }
    let count = js_sys::Object::new();
    js_sys::Reflect::set(&count, &"count".into(), &(entries.len() as u32).into())
        .map_err(js_err)?;
    js_sys::Reflect::set(&count, &"saved".into(), &js_sys::Date::now().into()).map_err(js_err)?;
    done(
        &store
            .put_with_key(&count, &"count".into())
            .map_err(js_err)?,
    )
    .await?;
    db.close();
    STORED.with_borrow_mut(|s| *s = entries.into_iter().map(|(j, _)| j).collect());
    Ok(())
}

/// Saves the session's journal if the user asked for it (called after each answer of the
/// worker; reads the journal only then, and writes nothing when nothing changed).
pub fn persist() {
    if !enabled() {
        return;
    }
    let journal = crate::client::journal();
    let same = STORED.with_borrow(|s| {
        s.len() == journal.len() && s.iter().zip(&journal).all(|(a, (b, _))| a == b)
    });
    if same || journal.is_empty() {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = write(journal).await {
            leptos::logging::warn!("remember this session: {e}");
        }
    });
}

/// The saved session, if there is one.
pub async fn load() -> Result<Option<Saved>, String> {
    let db = open().await?;
    let tx = db.transaction_with_str(STORE).map_err(js_err)?;
    let store = tx.object_store(STORE).map_err(js_err)?;
    let head = done(&store.get(&"count".into()).map_err(js_err)?).await?;
    if head.is_undefined() || head.is_null() {
        db.close();
        return Ok(None);
    }
    let get = |k: &str| {
        js_sys::Reflect::get(&head, &k.into())
            .ok()
            .and_then(|v| v.as_f64())
    };
    let count = get("count").unwrap_or(0.0) as u32;
    let saved_at = get("saved").unwrap_or(0.0);
    let mut entries = Vec::new();
    let mut jsons = Vec::new();
    for i in 0..count {
        let rec = done(&store.get(&i.into()).map_err(js_err)?).await?;
        let json = js_sys::Reflect::get(&rec, &"json".into())
            .ok()
            .and_then(|j| j.as_string())
            .ok_or(t(
                "a saved step is unreadable",
                "sebuah langkah tersimpan tidak terbaca",
            ))?;
        let request: Request = serde_json::from_str(&json).map_err(|e| e.to_string())?;
        let file = js_sys::Reflect::get(&rec, &"file".into())
            .ok()
            .and_then(|f| f.dyn_into::<File>().ok());
        jsons.push(json);
        entries.push((request, file));
    }
    db.close();
    STORED.with_borrow_mut(|s| *s = jsons);
    Ok((!entries.is_empty()).then_some(Saved { entries, saved_at }))
}

/// Turns remembering on (saving the current session at once) or off (deleting what was saved).
pub async fn set_enabled(on: bool, journal: Vec<(String, JsValue)>) -> Result<(), String> {
    let store = storage().ok_or(t(
        "this browser keeps no local storage here",
        "peramban ini tidak menyediakan penyimpanan lokal di sini",
    ))?;
    if on {
        store.set_item(FLAG, "1").map_err(js_err)?;
        STORED.with_borrow_mut(Vec::clear);
        if !journal.is_empty() {
            write(journal).await?;
        }
        Ok(())
    } else {
        store.remove_item(FLAG).map_err(js_err)?;
        delete_database().await
    }
}

async fn delete_database() -> Result<(), String> {
    STORED.with_borrow_mut(Vec::clear);
    let factory = web_sys::window()
        .ok_or(t("no window", "tidak ada jendela"))?
        .indexed_db()
        .map_err(js_err)?
        .ok_or(t("no local database", "tidak ada basis data lokal"))?;
    let req = factory.delete_database(DB).map_err(js_err)?;
    done(&req).await.map(|_| ())
}

/// Deletes everything Klaster keeps in this browser: the saved session and the preferences.
pub async fn forget_everything() -> Result<(), String> {
    if let Some(s) = storage() {
        for k in KEYS {
            let _ = s.remove_item(k);
        }
    }
    delete_database().await
}
