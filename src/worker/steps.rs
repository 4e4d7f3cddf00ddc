//! The steps after a load — Prepare, Segment, Plan — and the chain that runs them after
//! every change, each with the current settings.

use super::*;

/// Runs the steps after a change, each with the current settings, so that every step shows a
/// result without a click. A step that cannot run with the defaults (too few rows to segment,
/// no model for the table) says why in its place on the page, and the later steps still run.
pub(super) async fn follow(from: Option<Step>, limit: Option<Step>) {
    follow_before(from, limit).await;
    stopped(limit);
}

/// In a replay, tells the page where it stopped.
pub(super) fn stopped(limit: Option<Step>) {
    if let Some(step) = limit {
        post(&Response::Stopped {
            step: step.label().into(),
        });
    }
}

/// [`follow`]'s steps from `from`, those before `limit`.
pub(super) async fn follow_before(from: Option<Step>, limit: Option<Step>) {
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

/// The campaign plan from the current scores, segments and outcomes.
pub(super) fn run_plan() -> Result<Response, Msg> {
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
pub(super) fn prepare(
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
pub(super) async fn run_segment(params: Option<SegmentParams>) -> Result<Response, Msg> {
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
