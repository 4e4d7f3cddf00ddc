//! Every chart as a table (the data behind it, for screen readers and for anyone who wants
//! the exact figures), read back from the option JSON.

use super::*;

/// The data behind a chart as a table: its text alternative for screen readers and for anyone
/// who wants the figures (the page shows it under each chart, on request).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartTable {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Rows the chart has in all; more than `rows.len()` when the table was cut at
    /// [`TABLE_ROWS`] (a scatter of thousands of points).
    pub total_rows: usize,
}

/// At most this many rows in a chart's data table.
pub const TABLE_ROWS: usize = 200;

/// An axis of the option (ECharts accepts one axis or a list).
pub(super) fn first_axis(option: &serde_json::Value, key: &str) -> Option<serde_json::Value> {
    match option.get(key)? {
        serde_json::Value::Array(a) => a.first().cloned(),
        v => Some(v.clone()),
    }
}

/// A data point as text: numbers as written, `{value: …}` objects by their value, lists
/// joined; ECharts' "-" (no value) as an empty cell.
pub(super) fn point_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Number(n) => match lang() {
            Lang::En => n.to_string(),
            Lang::Id => n.to_string().replace('.', ","),
        },
        serde_json::Value::String(s) if s == "-" => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(a) => a.iter().map(point_text).collect::<Vec<_>>().join(", "),
        serde_json::Value::Object(o) => o.get("value").map(point_text).unwrap_or_default(),
        _ => String::new(),
    }
}

/// The values of a point given as a list (`[x, y]`, `[x, y, v]`), possibly inside `{value}`.
pub(super) fn point_values(v: &serde_json::Value) -> Vec<serde_json::Value> {
    match v {
        serde_json::Value::Array(a) => a.clone(),
        serde_json::Value::Object(o) => o.get("value").map(point_values).unwrap_or_default(),
        other => vec![other.clone()],
    }
}

/// A series' data points (none if it has no `data` list).
pub(super) fn series_points(s: &serde_json::Value) -> &[serde_json::Value] {
    s.get("data")
        .and_then(|d| d.as_array())
        .map_or(&[], Vec::as_slice)
}

pub(super) fn texts(v: Option<&serde_json::Value>) -> Vec<String> {
    v.and_then(|d| d.as_array())
        .map(|d| d.iter().map(point_text).collect())
        .unwrap_or_default()
}

/// The table behind `chart`: one row per category (a column per series) for bar, line and box
/// charts on a category axis; a grid for a heatmap; one row per point (series, x, y) otherwise.
pub fn chart_table(chart: &Chart) -> ChartTable {
    let Ok(option) = serde_json::to_value(chart) else {
        return ChartTable::default();
    };
    let series: Vec<serde_json::Value> = option
        .get("series")
        .and_then(|s| s.as_array())
        .cloned()
        .unwrap_or_default();
    let x = first_axis(&option, "xAxis");
    let y = first_axis(&option, "yAxis");
    let axis_name = |a: &Option<serde_json::Value>| {
        a.as_ref()
            .and_then(|a| a.get("name"))
            .map(point_text)
            .unwrap_or_default()
    };
    let x_cats = texts(x.as_ref().and_then(|a| a.get("data")));
    let y_cats = texts(y.as_ref().and_then(|a| a.get("data")));
    let kind = |s: &serde_json::Value| {
        s.get("type")
            .and_then(|t| t.as_str())
            .unwrap_or("")
            .to_string()
    };
    let name_of = |i: usize, s: &serde_json::Value| {
        s.get("name")
            .map(point_text)
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| tf!("series {}", "seri {}", i + 1))
    };
    let mut t = ChartTable::default();
    if let Some(h) = series.iter().find(|s| kind(s) == "heatmap") {
        // The corner names what the cells hold ("Pearson r").
        t.columns = std::iter::once(name_of(0, h))
            .chain(x_cats.iter().cloned())
            .collect();
        let mut grid = vec![vec![String::new(); x_cats.len()]; y_cats.len()];
        for p in series_points(h) {
            let v = point_values(p);
            let (Some(xi), Some(yi)) = (
                v.first().and_then(|x| x.as_u64()),
                v.get(1).and_then(|y| y.as_u64()),
            ) else {
                continue;
            };
            if let Some(cell) = grid
                .get_mut(yi as usize)
                .and_then(|r| r.get_mut(xi as usize))
            {
                *cell = v.get(2).map(point_text).unwrap_or_default();
            }
        }
        t.rows = y_cats
            .iter()
            .zip(grid)
            .map(|(name, r)| std::iter::once(name.clone()).chain(r).collect())
            .collect();
    } else if !x_cats.is_empty() || !y_cats.is_empty() {
        let (cats, axis) = if x_cats.is_empty() {
            (&y_cats, &y)
        } else {
            (&x_cats, &x)
        };
        t.columns.push(axis_name(axis));
        let mut cols: Vec<Vec<String>> = Vec::new();
        for (i, s) in series.iter().enumerate() {
            let data = series_points(s);
            if kind(s) == "boxplot" {
                for (j, part) in [
                    "minimum",
                    "Q1",
                    "median",
                    "Q3",
                    klaster_engine::i18n::t("maximum", "maksimum"),
                ]
                .iter()
                .enumerate()
                {
                    t.columns.push(part.to_string());
                    cols.push(
                        data.iter()
                            .map(|p| point_values(p).get(j).map(point_text).unwrap_or_default())
                            .collect(),
                    );
                }
            } else {
                t.columns.push(name_of(i, s));
                cols.push(data.iter().map(point_text).collect());
            }
        }
        t.rows = cats
            .iter()
            .enumerate()
            .map(|(r, c)| {
                std::iter::once(c.clone())
                    .chain(
                        cols.iter()
                            .map(|col| col.get(r).cloned().unwrap_or_default()),
                    )
                    .collect()
            })
            .collect();
    } else {
        t.columns = vec![
            klaster_engine::i18n::t("series", "seri").into(),
            axis_name(&x),
            axis_name(&y),
        ];
        for (i, s) in series.iter().enumerate() {
            let name = name_of(i, s);
            for p in series_points(s) {
                let v = point_values(p);
                t.rows.push(vec![
                    name.clone(),
                    v.first().map(point_text).unwrap_or_default(),
                    v.get(1).map(point_text).unwrap_or_default(),
                ]);
            }
        }
    }
    // Every header has text, for screen readers: an unnamed category axis is "category", and
    // the one unnamed row of a box plot is its series (the column).
    if t.columns.first().is_some_and(String::is_empty) {
        t.columns[0] = klaster_engine::i18n::t("category", "kategori").into();
    }
    if let ([row], Some(s)) = (t.rows.as_mut_slice(), series.first()) {
        if row.first().is_some_and(String::is_empty) {
            row[0] = name_of(0, s);
        }
    }
    t.total_rows = t.rows.len();
    t.rows.truncate(TABLE_ROWS);
    t
}
