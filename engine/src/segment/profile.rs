//! The chosen k's segments in original units: sizes, index against the overall mean, box
//! plots, response and conversion, the PCA scatter and the new-row form.

use super::*;

/// The chosen k's profiles, box plots, scatter and form.
pub(super) fn profile_segments(
    table: &Table,
    schema: &Schema,
    params: &SegmentParams,
    input: SweepInput,
    mut d: crate::features::Design,
    chosen: Chosen,
) -> Result<Segmentation, SegmentError> {
    let Chosen {
        sweep,
        suggestion,
        fit,
        sweep_sample,
    } = chosen;
    let (input, fit, outliers) = match outliers::set_aside(&input, &d.rows, &fit, params.min_share)
    {
        Some((kept, rows, fit, outliers)) => {
            d.rows = rows;
            (kept, fit, Some(outliers))
        }
        None => (input, fit, None),
    };
    let algorithm = input.algorithm;
    let n = input.rows;
    let k = fit.k;
    let silhouette = input.silhouette(&fit.labels, params.silhouette_sample.max(5_000));

    // Profiles in original units.
    let rows = d.rows.clone();
    let labels = fit.labels.clone();
    let target = schema
        .find(Role::Target)
        .and_then(|i| table.columns.get(i))
        .filter(|c| c.kind == ColumnType::Boolean);
    let conversion = table
        .column(f::CONVERSION)
        .or(table.column(f::CONVERSION_PURCHASES));
    let rate = |col: Option<&crate::table::Column>, seg: Option<usize>| -> Option<f64> {
        let col = col?;
        let v: Vec<f64> = rows
            .iter()
            .zip(&labels)
            .filter(|(_, &l)| seg.is_none_or(|s| s == l))
            .filter_map(|(&r, _)| col.number(r))
            .collect();
        (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
    };
    let overall_response = rate(target, None);
    let overall_conversion = rate(conversion, None);
    let described = described_columns(table, schema, &params.features);
    let mut segments: Vec<SegmentProfile> = (0..k)
        .map(|s| {
            let values = described
                .iter()
                .map(|(name, used)| feature_value(table, name, *used, &rows, &labels, s))
                .collect();
            SegmentProfile {
                id: s,
                name: L10n::default(),
                size: fit.sizes[s],
                share: fit.sizes[s] as f64 / n as f64,
                silhouette: silhouette
                    .as_ref()
                    .and_then(|x| x.per_cluster.get(s).copied().flatten()),
                values,
                response_rate: rate(target, Some(s)),
                conversion: rate(conversion, Some(s)),
                description: L10n::default(),
                actions: L10n::default(),
            }
        })
        .collect();
    names::name_and_advise(
        &mut segments,
        table,
        schema,
        overall_response,
        target.map(|c| c.name.as_str()),
    );

    let boxes = box_columns(table, schema)
        .into_iter()
        .map(|column| {
            let col = table.column(&column);
            let stats = (0..k)
                .map(|s| {
                    let v: Vec<f64> = rows
                        .iter()
                        .zip(&labels)
                        .filter(|(_, &l)| l == s)
                        .filter_map(|(&r, _)| col.and_then(|c| c.number(r)))
                        .collect();
                    NumericStats::of(&v).map(|mut st| {
                        st.outlier_sample.truncate(20);
                        st
                    })
                })
                .collect();
            SegmentBox { column, stats }
        })
        .collect();

    let (space, space_dims) = (input.space(), input.space_dims);
    let scatter = pca2(n, space_dims, space).map(|p| {
        let pick = sample_rows(n, SCATTER_POINTS, params.seed);
        Scatter {
            explained: p.explained_ratio,
            points: pick
                .iter()
                .map(|&i| {
                    let [x, y] = p.project(&space[i * space_dims..(i + 1) * space_dims]);
                    (x as f32, y as f32, labels[i] as u16)
                })
                .collect(),
            sampled_from: n,
        }
    });

    let form = form_fields(table, &d.transforms, &rows);
    let caution = caution::caution(
        table,
        silhouette.as_ref(),
        &segments,
        &sweep,
        k,
        &params.features,
    );
    Ok(Segmentation {
        algorithm,
        features: params.features.clone(),
        rows_used: n,
        rows_skipped: d.skipped,
        sweep,
        suggestion,
        k,
        gamma: fit.gamma,
        silhouette,
        outliers,
        caution,
        segments,
        boxes,
        scatter,
        overall_response,
        overall_conversion,
        sweep_sample,
        model: SegmentModel {
            algorithm,
            transforms: d.transforms,
            dims: d.dims,
            centroids: fit.centroids,
            modes: fit.modes,
            n_categorical: d.n_categorical,
            gamma: fit.gamma,
        },
        form,
        labels,
        rows,
    })
}

/// Columns described per segment: the features, then the usual descriptors when present.
pub(super) fn described_columns(
    table: &Table,
    schema: &Schema,
    features: &[FeatureSpec],
) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = features.iter().map(|s| (s.column.clone(), true)).collect();
    let mut extra: Vec<String> = Vec::new();
    for role in [Role::Income, Role::Age, Role::Recency] {
        if let Some(i) = schema.find(role) {
            extra.push(table.columns[i].name.clone());
        }
    }
    for name in [
        f::AGE,
        f::CHILDREN,
        f::TOTAL_SPENT,
        f::TOTAL_PURCHASES,
        f::MEMBERSHIP_DAYS,
        f::TOTAL_ACCEPTED,
        f::CONVERSION,
    ] {
        if table.column(name).is_some() {
            extra.push(name.to_string());
        }
    }
    for name in extra {
        if !out.iter().any(|(n, _)| *n == name) {
            out.push((name, false));
        }
    }
    out
}

pub(super) fn feature_value(
    table: &Table,
    name: &str,
    used: bool,
    rows: &[usize],
    labels: &[usize],
    seg: usize,
) -> FeatureValue {
    let mut fv = FeatureValue {
        column: name.to_string(),
        mean: None,
        index: None,
        mode: None,
        used,
    };
    let Some(col) = table.column(name) else {
        return fv;
    };
    match &*col.data {
        ColumnData::Numeric { .. } => {
            let (mut s_sum, mut s_n, mut a_sum, mut a_n) = (0.0, 0usize, 0.0, 0usize);
            for (&r, &l) in rows.iter().zip(labels) {
                if let Some(v) = col.number(r) {
                    a_sum += v;
                    a_n += 1;
                    if l == seg {
                        s_sum += v;
                        s_n += 1;
                    }
                }
            }
            if s_n > 0 {
                let mean = s_sum / s_n as f64;
                fv.mean = Some(mean);
                let overall = a_sum / a_n as f64;
                fv.index = (overall > 0.0 && mean >= 0.0).then(|| 100.0 * mean / overall);
            }
        }
        ColumnData::Categorical { codes, dictionary } => {
            let mut counts = vec![0usize; dictionary.len()];
            let mut total = 0usize;
            for (&r, &l) in rows.iter().zip(labels) {
                if l == seg {
                    if let Some(c) = counts.get_mut(codes[r] as usize) {
                        *c += 1;
                        total += 1;
                    }
                }
            }
            if let Some((i, &c)) = counts
                .iter()
                .enumerate()
                .max_by_key(|(i, &c)| (c, usize::MAX - i))
            {
                if total > 0 {
                    fv.mode = Some((dictionary[i].clone(), c as f64 / total as f64));
                }
            }
        }
        ColumnData::Text { .. } => {}
    }
    fv
}

/// Columns drawn as box plots per segment: income, spend and conversion (what the seeds drew).
pub(super) fn box_columns(table: &Table, schema: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(i) = schema.find(Role::Income) {
        out.push(table.columns[i].name.clone());
    }
    if table.column(f::TOTAL_SPENT).is_some() {
        out.push(f::TOTAL_SPENT.to_string());
    } else if let Some(i) = schema.find(Role::Spend) {
        out.push(table.columns[i].name.clone());
    }
    if table.column(f::CONVERSION).is_some() {
        out.push(f::CONVERSION.to_string());
    }
    if out.is_empty() {
        // Bank calls: balance and age.
        for role in [Role::Age, Role::Measure] {
            if let Some(i) = schema.find(role) {
                out.push(table.columns[i].name.clone());
            }
        }
    }
    out.retain(|c| table.column(c).is_some_and(|c| c.kind.is_quantity()));
    out
}

/// A seeded sample of row positions, sorted (all rows when `n <= size`).
pub(super) fn sample_rows(n: usize, size: usize, seed: u64) -> Vec<usize> {
    if n <= size {
        return (0..n).collect();
    }
    use rand::SeedableRng;
    let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut v = rand::seq::index::sample(&mut rng, n, size).into_vec();
    v.sort_unstable();
    v
}

pub(super) fn form_fields(
    table: &Table,
    transforms: &[Transform],
    rows: &[usize],
) -> Vec<FormField> {
    transforms
        .iter()
        .filter_map(|t| {
            let col = table.column(t.column())?;
            Some(match t {
                Transform::Numeric { .. } => {
                    let v: Vec<f64> = rows.iter().filter_map(|&r| col.number(r)).collect();
                    let typical = NumericStats::of(&v).map_or(0.0, |s| s.median);
                    FormField {
                        column: col.name.clone(),
                        choices: Vec::new(),
                        typical: crate::table::format_number(typical.round()),
                    }
                }
                Transform::OneHot { categories, .. } | Transform::Codes { categories, .. } => {
                    let mut counts = vec![0usize; categories.len()];
                    if let ColumnData::Categorical { codes, .. } = &*col.data {
                        rows.iter().for_each(|&r| {
                            if let Some(c) = counts.get_mut(codes[r] as usize) {
                                *c += 1;
                            }
                        });
                    }
                    let top = counts
                        .iter()
                        .enumerate()
                        .max_by_key(|(_, &c)| c)
                        .map(|(i, _)| categories[i].clone())
                        .unwrap_or_default();
                    FormField {
                        column: col.name.clone(),
                        choices: categories.clone(),
                        typical: top,
                    }
                }
            })
        })
        .collect()
}
