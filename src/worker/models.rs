//! Response models in the worker: the shipped ones and the user's (trained or opened, kept
//! beside the session so they outlive a file), which fit the table, and the Score step.

use super::*;

/// Every model on offer and whether it fits `table`.
pub(super) fn model_choices(table: &klaster_engine::Table) -> Vec<ModelChoice> {
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

pub(super) fn find_model(id: &str) -> Option<ModelFile> {
    USER_MODELS
        .with_borrow(|u| u.iter().find(|m| m.id == id).cloned())
        .or_else(|| shipped::by_id(id))
}

/// Scores the derived table with the chosen (or fitting) model: scores, distribution, the top
/// of the ranked list with reasons, and the evaluation when the file carries the target.
pub(super) fn run_score(trained_millis: Option<f64>) -> Result<Response, Msg> {
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
pub(super) fn card_only(id: Option<&str>) -> Option<Response> {
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
pub(super) fn train_model(params: TrainParams) -> Result<Response, Msg> {
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
pub(super) fn import_model(json: &str) -> Result<Response, Msg> {
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
