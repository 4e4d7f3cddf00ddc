//! The worker's answers built from the engine's results: the Prepare step's view, the
//! scoring with its ranked rows and train form, the campaign plan. Host-tested (`cargo test`).

use super::*;

impl Prepared {
    /// Derives and cleans `table` (`clean: None` = the defaults for it) and describes the
    /// result for the page; also returns the derived and cleaned tables, which the worker keeps.
    pub fn build(
        table: &Table,
        schema: Schema,
        derive_params: &DeriveParams,
        clean_params: Option<&CleanParams>,
    ) -> (Self, Derived, Cleaned) {
        let (derived, cleaned, params) = prepare(table, &schema, derive_params, clean_params);
        let definitions: Vec<(String, String)> = derived
            .features
            .iter()
            .filter(|f| f.name.starts_with("Conversion_Rate"))
            .map(|f| (f.name.clone(), f.formula.en.clone()))
            .collect();
        let conversion = conversion_analysis(&cleaned.table, &derived.schema, &definitions);
        let derived_names: Vec<&str> = derived.features.iter().map(|f| f.name.as_str()).collect();
        let candidates = cleaned
            .table
            .columns
            .iter()
            .zip(&derived.schema.roles)
            .filter(|(c, r)| {
                !matches!(r, Role::Id | Role::Ignore | Role::Target)
                    && c.inference.distinct > 1
                    && (c.kind.is_quantity() || c.kind == ColumnType::Categorical)
            })
            .map(|(c, _)| Candidate {
                column: c.name.clone(),
                categorical: !c.kind.is_quantity(),
                derived: derived_names.contains(&c.name.as_str()),
                skew: c
                    .kind
                    .is_quantity()
                    .then(|| {
                        klaster_engine::profile::NumericStats::of(
                            &klaster_engine::profile::stat_values(c),
                        )
                    })
                    .flatten()
                    .and_then(|st| st.skew),
            })
            .collect();
        let fence_columns = cleaned
            .table
            .columns
            .iter()
            .filter(|c| c.kind.is_quantity())
            .map(|c| c.name.clone())
            .collect();
        let prepared = Prepared {
            derive: derived.report(),
            derive_params: derive_params.clone(),
            clean: params,
            rows_before: cleaned.rows_before,
            rows_after: cleaned.table.n_rows(),
            rules: cleaned.rules.clone(),
            conversion,
            candidates,
            default_features: default_features(&derived),
            fence_columns,
        };
        (prepared, derived, cleaned)
    }
}

/// Score counts in `bins` equal bins over 0..1.
pub fn score_histogram<'a>(scores: impl Iterator<Item = &'a f64>, bins: usize) -> Vec<usize> {
    let mut counts = vec![0; bins];
    for &p in scores {
        let b = ((p * bins as f64) as usize).min(bins - 1);
        counts[b] += 1;
    }
    counts
}

impl TrainOptions {
    /// The train form's choices for the prepared table.
    pub fn for_table(table: &Table, schema: &Schema) -> Self {
        let mut targets: Vec<String> = table
            .columns
            .iter()
            .zip(&schema.roles)
            .filter(|(c, r)| {
                **r != Role::Id && c.inference.distinct == 2 && target_labels(c).is_ok()
            })
            .map(|(c, _)| c.name.clone())
            .collect();
        if let Some(t) = schema.find(Role::Target).and_then(|i| table.columns.get(i)) {
            if let Some(pos) = targets.iter().position(|n| *n == t.name) {
                let name = targets.remove(pos);
                targets.insert(0, name);
            }
        }
        let candidates = table
            .columns
            .iter()
            .zip(&schema.roles)
            .filter(|(c, r)| {
                !matches!(r, Role::Id | Role::Ignore)
                    && c.inference.distinct > 1
                    && (matches!(
                        c.kind,
                        ColumnType::Integer | ColumnType::Decimal | ColumnType::Boolean
                    ) || c.kind == ColumnType::Categorical && c.inference.distinct <= 30)
            })
            .map(|(c, _)| (c.name.clone(), c.kind == ColumnType::Categorical))
            .collect();
        Self {
            defaults: targets
                .first()
                .map(|t| TrainParams::defaults_for(table, schema, t)),
            targets,
            candidates,
        }
    }
}

impl Scoring {
    /// Scores the derived table with `model` and describes the result for the page: the
    /// distribution, the top of the ranked list with reasons and segments, and the evaluation
    /// when the table carries the model's target. Also returns every row's score, which the
    /// worker keeps for the plan and the export. `now` times the scoring itself.
    pub fn build(
        model: ModelFile,
        derived: &Derived,
        cleaned: &Cleaned,
        segmentation: Option<&Segmentation>,
        models: Vec<ModelChoice>,
        train: Option<TrainOptions>,
        now: &dyn Fn() -> f64,
    ) -> Result<(Self, Vec<f64>), L10n<String>> {
        let table = &derived.table;
        let scoring_started = now();
        let scored = model
            .score(table, &derived.schema)
            .map_err(|e| L10n::build(|| e.to_string()))?;
        let score_millis = now() - scoring_started;
        let n = scored.scores.len();
        let outcomes = model.outcomes(table);
        let evaluation = model.evaluate(table, &scored.scores);
        let segments = segmentation.map(|seg| seg.row_labels(&cleaned.kept, n));
        let order = ranking(&scored.scores);
        let top_rows: Vec<usize> = order.iter().take(RANKED_ROWS).copied().collect();
        let reasons = model
            .explain_rows(table, &derived.schema, &top_rows, 3)
            .map_err(|e| L10n::build(|| e.to_string()))?;
        let id_column = derived
            .schema
            .find(Role::Id)
            .and_then(|i| table.columns.get(i));
        let top = top_rows
            .iter()
            .zip(reasons)
            .enumerate()
            .map(|(i, (&r, reasons))| RankedRow {
                rank: i + 1,
                row: r + 1,
                id: id_column.map(|c| c.display(r)),
                score: scored.scores[r],
                segment: segments.as_ref().and_then(|l| l[r]),
                outcome: outcomes.as_ref().and_then(|l| l[r]),
                reasons,
            })
            .collect();
        let histogram_positive = outcomes.as_ref().map(|l| {
            score_histogram(
                scored
                    .scores
                    .iter()
                    .zip(l)
                    .filter(|(_, y)| **y == Some(true))
                    .map(|(p, _)| p),
                20,
            )
        });
        let scoring = Scoring {
            models,
            rows: n,
            mean: scored.scores.iter().sum::<f64>() / n.max(1) as f64,
            histogram: score_histogram(scored.scores.iter(), 20),
            histogram_positive,
            top,
            evaluation,
            imputed: model.by_feature(&scored.imputed),
            unseen: model.by_feature(&scored.unseen),
            millis: score_millis,
            total_millis: 0.0,
            trained_millis: None,
            train,
            model: model.clone(),
        };
        Ok((scoring, scored.scores))
    }
}

/// The campaign plan for the current scores: economics from `params`, else the file's cost and
/// revenue columns, else the example; outcomes when the table carries the model's target;
/// segments when there are some. The flag says whether the economics came from the file.
pub fn plan_for(
    derived: &Derived,
    cleaned: &Cleaned,
    segmentation: Option<&Segmentation>,
    model: &ModelFile,
    scores: &[f64],
    params: Option<PlanParams>,
) -> Result<(Plan, bool), L10n<String>> {
    let (defaults, from_file) = PlanParams::from_table(&derived.table, &derived.schema);
    // Actual gains need every outcome.
    let outcomes: Option<Vec<bool>> = model
        .outcomes(&derived.table)
        .and_then(|l| l.into_iter().collect());
    let labels = segmentation.map(|seg| seg.row_labels(&cleaned.kept, scores.len()));
    let names: Vec<String> = segmentation
        .map(|seg| seg.segments.iter().map(|p| p.name.get().clone()).collect())
        .unwrap_or_default();
    let segments = labels.as_ref().map(|labels| Segments {
        labels,
        names: &names,
    });
    let plan = plan(
        scores,
        outcomes.as_deref(),
        segments,
        &params.unwrap_or(defaults),
    )
    .map_err(|e| L10n::build(|| e.to_string()))?;
    Ok((plan, from_file && params.is_none()))
}
