//! Engine results → ECharts options (via charming). Pure functions, tested natively; the
//! [`crate::components::chart`] component renders them.

use charming::component::{Axis, Grid, Legend, VisualMap};
use charming::datatype::{CompositeValue, DataPoint};
use charming::element::{
    AxisLabel, AxisType, ItemStyle, Label, LabelPosition, LineStyle, MarkLine, MarkLineData,
    MarkLineVariant, NameLocation, Orient, Tooltip, Trigger,
};
use charming::series::{Bar, Boxplot, Heatmap, Line, Scatter};
use charming::Chart;
use klaster_engine::campaign::Plan;
use klaster_engine::ingest::values::format_days;
use klaster_engine::model::CalibrationBin;
use klaster_engine::profile::{CategoryShare, Correlation, Histogram, NumericStats, RateBreakdown};
use klaster_engine::segment::{Scatter as SegmentScatter, SegmentBox, Segmentation, SweepPoint};
use klaster_engine::ColumnType;

use klaster_engine::i18n::{lang, t, Lang};
use klaster_engine::tf;

use crate::format::compact;

/// A count written as the English text always wrote it (`1234`), with the thousands separator
/// in Indonesian (`1.234`).
pub fn count(n: usize) -> String {
    match lang() {
        Lang::En => n.to_string(),
        Lang::Id => crate::format::thousands(n as u64),
    }
}

/// The colour of single-series charts (blue of the colour-blind-safe Okabe–Ito palette).
pub const PRIMARY: &str = "#0072B2";

/// At most this many characters of a name from the user's file on a chart axis (a header or a
/// cell can be thousands of characters long and would push the plot out of its box; the tables
/// beside the charts show it whole).
pub const LABEL_CHARS: usize = 40;

/// A name from the user's file, shortened for a chart axis: its start and its end with "…"
/// between, so that "feature = level" labels keep both the feature and the level.
pub fn short_label(name: &str) -> String {
    let n = name.chars().count();
    if n <= LABEL_CHARS {
        return name.to_string();
    }
    let head = (LABEL_CHARS - 1) / 2;
    let tail = LABEL_CHARS - 1 - head;
    let mut short: String = name.chars().take(head).collect();
    short.push('…');
    short.extend(name.chars().skip(n - tail));
    short
}

fn short_labels(names: Vec<String>) -> Vec<String> {
    names.iter().map(|n| short_label(n)).collect()
}
/// Accent for markers and outliers (Okabe–Ito vermillion).
pub const ACCENT: &str = "#D55E00";

/// An array-valued data point such as `[low, q1, median, q3, high]`.
fn point(values: Vec<CompositeValue>) -> DataPoint {
    DataPoint::from(CompositeValue::from(values))
}

/// A box plot of one column: whiskers at the most extreme values inside Tukey's fences, the
/// outliers (up to the profile's sample) as points. Horizontal, one row.
pub fn boxplot_chart(column: &str, s: &NumericStats) -> Chart {
    let five = vec![s.whisker_low, s.q1, s.median, s.q3, s.whisker_high];
    let outliers: Vec<DataPoint> = s
        .outlier_sample
        .iter()
        .map(|&v| point(vec![v.into(), CompositeValue::from(0)]))
        .collect();
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .grid(Grid::new().left(64).right(24).top(8).bottom(40))
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(short_label(column))
                .name_location(NameLocation::Middle)
                .name_gap(26),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(vec![String::new()]),
        )
        .series(
            Boxplot::new()
                .name(short_label(column))
                .item_style(ItemStyle::new().color("#e1f0f9").border_color(PRIMARY))
                .data(vec![point(
                    five.into_iter().map(CompositeValue::from).collect(),
                )]),
        )
        .series(
            Scatter::new()
                .name(t("outliers", "pencilan"))
                .symbol_size(6)
                .item_style(ItemStyle::new().color(ACCENT))
                .data(outliers),
        )
}

/// Shares of a categorical column's values, largest first, as horizontal bars.
pub fn category_chart(column: &str, top: &[CategoryShare], other: usize) -> Chart {
    let mut labels: Vec<String> = top.iter().map(|c| c.value.clone()).collect();
    let mut counts: Vec<i64> = top.iter().map(|c| c.count as i64).collect();
    if other > 0 {
        labels.push(t("(other)", "(lainnya)").into());
        counts.push(other as i64);
    }
    labels.reverse();
    counts.reverse();
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(Grid::new().left(120).right(48).top(8).bottom(32))
        .x_axis(Axis::new().type_(AxisType::Value).name(t("rows", "baris")))
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(short_labels(labels))
                .name(short_label(column)),
        )
        .series(
            Bar::new()
                .name(t("rows", "baris"))
                .item_style(ItemStyle::new().color(PRIMARY))
                .label(Label::new().show(true).position(LabelPosition::Right))
                .data(counts),
        )
}

/// Target rate (in %) per group of a column, with the overall rate as a dashed line.
pub fn rate_chart(b: &RateBreakdown, overall: f64) -> Chart {
    let labels: Vec<String> = b.groups.iter().map(|g| g.label.get().clone()).collect();
    let rates: Vec<f64> = b
        .groups
        .iter()
        .map(|g| (g.rate * 1000.0).round() / 10.0)
        .collect();
    let overall_pct = (overall * 1000.0).round() / 10.0;
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(Grid::new().left(56).right(24).top(24).bottom(72))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(short_labels(labels))
                .axis_label(AxisLabel::new().rotate(30).interval(0)),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(t("rate %", "tingkat %")),
        )
        .series(
            Bar::new()
                .name(t("rate %", "tingkat %"))
                .item_style(ItemStyle::new().color(PRIMARY))
                .mark_line(
                    MarkLine::new()
                        .line_style(LineStyle::new().color(ACCENT))
                        .data(vec![MarkLineVariant::Simple(
                            MarkLineData::new()
                                .name(t("overall", "keseluruhan"))
                                .y_axis(overall_pct),
                        )]),
                )
                .data(rates),
        )
}

/// Pearson correlations as a heatmap, −1 (blue) to +1 (vermillion); empty cells have no value.
pub fn heatmap_chart(c: &Correlation) -> Chart {
    let k = c.columns.len();
    // One data frame per cell: [x, y, r].
    let mut data: Vec<Vec<DataPoint>> = Vec::with_capacity(k * k);
    for (i, row) in c.matrix.iter().enumerate() {
        for (j, r) in row.iter().enumerate() {
            let v = r.map_or(CompositeValue::from("-"), |r| {
                CompositeValue::from((r * 100.0).round() / 100.0)
            });
            data.push(vec![
                DataPoint::from(j as i64),
                DataPoint::from(i as i64),
                DataPoint::from(v),
            ]);
        }
    }
    let show_labels = k <= 12;
    // Up to 900 cells: drawn without the entry animation, which took ~100 ms of main thread.
    Chart::new()
        .animation(false)
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .grid(Grid::new().left(140).right(24).top(8).bottom(120))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(short_labels(c.columns.clone()))
                .axis_label(AxisLabel::new().rotate(45).interval(0)),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(short_labels(c.columns.clone()))
                .axis_label(AxisLabel::new().interval(0)),
        )
        .visual_map(
            VisualMap::new()
                .min(-1.0)
                .max(1.0)
                .calculable(true)
                .orient(Orient::Horizontal)
                .left("center")
                .bottom(0)
                // visualMap colours run from high to low.
                .color(vec!["#D55E00", "#f7f7f7", "#0072B2"]),
        )
        .series(
            Heatmap::new()
                .name("Pearson r")
                .label(Label::new().show(show_labels))
                .data(data),
        )
}

/// Scatter series with more points than this are drawn in ECharts' large mode, and heatmaps
/// with more cells progressively.
const LARGE_SCATTER: usize = 200;

/// Cells of a large heatmap drawn per frame.
const HEATMAP_CHUNK: usize = 150;

/// The ECharts option of `chart` as JSON, with what charming 0.6 cannot say: scatter series of
/// many points use ECharts' large mode (one path for all points instead of one element each;
/// the 2,000-point PCA scatter took 140–260 ms of main thread without it).
pub fn echarts_option(chart: &Chart) -> Result<String, serde_json::Error> {
    let mut option = serde_json::to_value(chart)?;
    // The card shows through (ECharts' dark theme would paint its own ground).
    if let Some(o) = option.as_object_mut() {
        o.entry("backgroundColor").or_insert("transparent".into());
    }
    if let Some(series) = option.get_mut("series").and_then(|s| s.as_array_mut()) {
        for s in series {
            let many = s
                .get("data")
                .and_then(|d| d.as_array())
                .is_some_and(|d| d.len() > LARGE_SCATTER);
            let kind = s.get("type").and_then(|t| t.as_str()).map(str::to_string);
            if many && kind.as_deref() == Some("scatter") {
                s["large"] = true.into();
                s["largeThreshold"] = LARGE_SCATTER.into();
            }
            // A heatmap of 29 columns (841 cells) took 75–85 ms of main thread in one draw;
            // drawn progressively, its cells go in chunks over several frames.
            if many && kind.as_deref() == Some("heatmap") {
                s["progressive"] = HEATMAP_CHUNK.into();
                s["progressiveThreshold"] = LARGE_SCATTER.into();
            }
        }
    }
    show_strings(&mut option);
    serde_json::to_string(&option)
}

/// Every string of a chart option as the page shows users' strings ([`format::shown`]): axis
/// labels, series names and tooltips carry category values and column names, and ECharts draws
/// them on a canvas, where no markup can isolate them.
fn show_strings(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) => {
            if let std::borrow::Cow::Owned(shown) = klaster_engine::format::shown(s) {
                *s = shown;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(show_strings),
        serde_json::Value::Object(map) => map.values_mut().for_each(show_strings),
        _ => {}
    }
}

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
fn first_axis(option: &serde_json::Value, key: &str) -> Option<serde_json::Value> {
    match option.get(key)? {
        serde_json::Value::Array(a) => a.first().cloned(),
        v => Some(v.clone()),
    }
}

/// A data point as text: numbers as written, `{value: …}` objects by their value, lists
/// joined; ECharts' "-" (no value) as an empty cell.
fn point_text(v: &serde_json::Value) -> String {
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
fn point_values(v: &serde_json::Value) -> Vec<serde_json::Value> {
    match v {
        serde_json::Value::Array(a) => a.clone(),
        serde_json::Value::Object(o) => o.get("value").map(point_values).unwrap_or_default(),
        other => vec![other.clone()],
    }
}

/// A series' data points (none if it has no `data` list).
fn series_points(s: &serde_json::Value) -> &[serde_json::Value] {
    s.get("data")
        .and_then(|d| d.as_array())
        .map_or(&[], Vec::as_slice)
}

fn texts(v: Option<&serde_json::Value>) -> Vec<String> {
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

/// Small charts of every kind the page draws (bars and lines with a legend, a scatter, a box
/// plot, a heatmap with its colour scale), drawn off screen once so that ECharts compiles its
/// code before the first real chart (see `components::chart::warm_up`).
pub fn warm_up_charts() -> Vec<Chart> {
    let labels: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
    let axes = || {
        Chart::new()
            .grid(Grid::new().left(40).right(8).top(24).bottom(24))
            .x_axis(Axis::new().type_(AxisType::Category).data(labels.clone()))
            .y_axis(Axis::new().type_(AxisType::Value).name("n"))
    };
    // Small steps, one per task: the first chart alone compiled for ~190 ms.
    vec![
        Chart::new(),
        axes(),
        axes().series(Bar::new().name("bar").data(vec![1.0, 3.0, 2.0])),
        axes()
            .tooltip(Tooltip::new().trigger(Trigger::Axis))
            .legend(Legend::new().top(0))
            .series(Line::new().name("line").data(vec![2.0, 1.0, 3.0])),
        Chart::new()
            .x_axis(Axis::new().type_(AxisType::Value))
            .y_axis(Axis::new().type_(AxisType::Value))
            .series(Scatter::new().name("points").symbol_size(5).data(vec![
                vec![0.0, 1.0],
                vec![1.0, 0.5],
                vec![2.0, 2.0],
            ])),
        axes().series(Boxplot::new().data(vec![vec![0.0, 1.0, 2.0, 3.0, 4.0]])),
        Chart::new()
            .animation(false)
            .x_axis(Axis::new().type_(AxisType::Category).data(labels.clone()))
            .y_axis(Axis::new().type_(AxisType::Category).data(labels.clone()))
            .visual_map(VisualMap::new().min(-1.0).max(1.0).calculable(true))
            .series(Heatmap::new().data(vec![
                vec![DataPoint::from(0), DataPoint::from(0), DataPoint::from(1.0)],
                vec![
                    DataPoint::from(1),
                    DataPoint::from(2),
                    DataPoint::from(-0.5),
                ],
            ])),
    ]
}

/// Category labels of a histogram's bins: the value itself for one-value integer bins (dates as
/// yyyy-mm-dd), else the bin's range.
pub fn bin_labels(h: &Histogram) -> Vec<String> {
    let label = |v: f64| {
        if h.kind == ColumnType::Date {
            format_days(v.round() as i64)
        } else {
            compact(v)
        }
    };
    (0..h.counts.len())
        .map(|i| {
            if h.integer_bins {
                label(h.edges[i] + 0.5)
            } else {
                format!("{}–{}", label(h.edges[i]), label(h.edges[i + 1]))
            }
        })
        .collect()
}

/// A bar chart of a histogram: one bar per bin, bars touching, the column name under the axis.
pub fn histogram_chart(h: &Histogram) -> Chart {
    let counts: Vec<i64> = h.counts.iter().map(|&c| c as i64).collect();
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(Grid::new().left(64).right(24).top(24).bottom(64))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(bin_labels(h))
                .name(h.column.clone())
                .name_location(NameLocation::Middle)
                .name_gap(40),
        )
        .y_axis(Axis::new().type_(AxisType::Value).name(t("rows", "baris")))
        .series(
            Bar::new()
                .name(t("rows", "baris"))
                .bar_width("92%")
                .item_style(ItemStyle::new().color(PRIMARY))
                .data(counts),
        )
}

/// Segment colours: the Okabe–Ito palette (colour-blind safe), then two greys.
pub const SEGMENT_COLOURS: [&str; 10] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000",
    "#999999", "#666666",
];

/// The colour of segment `i`.
pub fn segment_colour(i: usize) -> &'static str {
    SEGMENT_COLOURS[i % SEGMENT_COLOURS.len()]
}

fn round(v: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (v * f).round() / f
}

/// One value per k as a line, the chosen k marked: the elbow (cost) or silhouette chart.
pub fn sweep_chart(sweep: &[SweepPoint], chosen: usize, silhouette: bool, what: &str) -> Chart {
    let ks: Vec<String> = sweep.iter().map(|p| p.k.to_string()).collect();
    let values: Vec<DataPoint> = sweep
        .iter()
        .map(|p| {
            let v = if silhouette {
                p.silhouette
            } else {
                Some(p.cost)
            };
            v.map_or(DataPoint::from(CompositeValue::from("-")), |v| {
                DataPoint::from(round(v, if silhouette { 3 } else { 1 }))
            })
        })
        .collect();
    let colour = if silhouette { "#009E73" } else { PRIMARY };
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(Grid::new().left(72).right(24).top(24).bottom(40))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(ks)
                .name("k")
                .name_location(NameLocation::Middle)
                .name_gap(26),
        )
        .y_axis(Axis::new().type_(AxisType::Value).name(what).scale(true))
        .series(
            Line::new()
                .name(what)
                .symbol_size(8)
                .item_style(ItemStyle::new().color(colour))
                .line_style(LineStyle::new().color(colour))
                .mark_line(
                    MarkLine::new()
                        .line_style(LineStyle::new().color(ACCENT))
                        .data(vec![MarkLineVariant::Simple(
                            MarkLineData::new()
                                .name(t("chosen k", "k terpilih"))
                                .x_axis(chosen.to_string()),
                        )]),
                )
                .data(values),
        )
}

/// Each feature's index (segment mean ÷ overall mean × 100) per segment, as grouped bars with
/// the average (100) marked.
pub fn index_chart(seg: &Segmentation, names: &[String]) -> Chart {
    let features: Vec<String> = seg.segments[0]
        .values
        .iter()
        .filter(|v| v.index.is_some())
        .map(|v| v.column.clone())
        .collect();
    let mut chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(0))
        .grid(Grid::new().left(56).right(24).top(40).bottom(80))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(short_labels(features.clone()))
                .axis_label(AxisLabel::new().rotate(30).interval(0)),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(t("index (100 = average)", "indeks (100 = rata-rata)")),
        );
    for (i, s) in seg.segments.iter().enumerate() {
        let data: Vec<DataPoint> = features
            .iter()
            .map(|f| {
                s.values
                    .iter()
                    .find(|v| &v.column == f)
                    .and_then(|v| v.index)
                    .map_or(DataPoint::from(CompositeValue::from("-")), |x| {
                        DataPoint::from(x.round())
                    })
            })
            .collect();
        let mut bar = Bar::new()
            .name(
                names
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| s.name.get().clone()),
            )
            .item_style(ItemStyle::new().color(segment_colour(i)))
            .data(data);
        if i == 0 {
            bar = bar.mark_line(
                MarkLine::new()
                    .line_style(LineStyle::new().color("#555555"))
                    .data(vec![MarkLineVariant::Simple(
                        MarkLineData::new()
                            .name(t("average", "rata-rata"))
                            .y_axis(100),
                    )]),
            );
        }
        chart = chart.series(bar);
    }
    chart
}

/// A per-segment share (response or conversion rate, in %), one bar per segment, with the
/// overall rate as a dashed line.
pub fn segment_rate_chart(values: &[(String, f64)], overall: Option<f64>, what: &str) -> Chart {
    let pct: Vec<(String, f64)> = values.iter().map(|(n, v)| (n.clone(), v * 100.0)).collect();
    segment_value_chart(&pct, overall.map(|o| o * 100.0), &format!("{what} %"))
}

/// One value per segment as bars in the segment colours, with an overall value as a dashed
/// line (silhouette per segment, rates).
pub fn segment_value_chart(values: &[(String, f64)], overall: Option<f64>, what: &str) -> Chart {
    let labels: Vec<String> = values.iter().map(|(n, _)| n.clone()).collect();
    let data: Vec<DataPoint> = values
        .iter()
        .enumerate()
        .map(|(i, (_, v))| {
            DataPoint::Item(
                charming::datatype::DataPointItem::new(round(*v, 3))
                    .item_style(ItemStyle::new().color(segment_colour(i))),
            )
        })
        .collect();
    let mut bar = Bar::new()
        .name(what)
        .label(Label::new().show(true).position(LabelPosition::Top))
        .data(data);
    if let Some(o) = overall {
        bar = bar.mark_line(
            MarkLine::new()
                .line_style(LineStyle::new().color(ACCENT))
                .data(vec![MarkLineVariant::Simple(
                    MarkLineData::new()
                        .name(t("overall", "keseluruhan"))
                        // In the bars' unit (the caller scaled rates to % already).
                        .y_axis(round(o, 3)),
                )]),
        );
    }
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(Grid::new().left(56).right(24).top(24).bottom(72))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(short_labels(labels))
                .axis_label(AxisLabel::new().rotate(20).interval(0)),
        )
        .y_axis(Axis::new().type_(AxisType::Value).name(what))
        .series(bar)
}

/// The 2-D PCA scatter, one series (colour) per segment.
pub fn scatter_chart(s: &SegmentScatter, names: &[String]) -> Chart {
    let k = names.len();
    // No entry animation: animating 2,000 points held the main thread for ~300 ms over two
    // tasks on a million-row file (Long Tasks API); drawn at once they take a fraction.
    let mut chart = Chart::new()
        .animation(false)
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .legend(Legend::new().top(0))
        .grid(Grid::new().left(56).right(24).top(40).bottom(48))
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(tf!(
                    "PC1 ({:.0} % of variance)",
                    "PC1 ({:.0} % dari varians)",
                    s.explained[0] * 100.0
                ))
                .name_location(NameLocation::Middle)
                .name_gap(28),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(format!("PC2 ({:.0} %)", s.explained[1] * 100.0)),
        );
    for (i, name) in names.iter().enumerate().take(k) {
        let pts: Vec<DataPoint> = s
            .points
            .iter()
            .filter(|p| p.2 as usize == i)
            .map(|p| {
                point(vec![
                    round(p.0 as f64, 3).into(),
                    round(p.1 as f64, 3).into(),
                ])
            })
            .collect();
        chart = chart.series(
            Scatter::new()
                .name(name.clone())
                .symbol_size(5)
                // Opaque: large mode fills all points as one path, so translucent points
                // would not darken where they overlap and the segments' colours would wash out.
                .item_style(ItemStyle::new().color(segment_colour(i)))
                .data(pts),
        );
    }
    chart
}

/// Box plots of one column, one box per segment.
pub fn segment_box_chart(b: &SegmentBox, names: &[String]) -> Chart {
    let data: Vec<DataPoint> = b
        .stats
        .iter()
        .enumerate()
        .map(|(i, st)| match st {
            Some(s) => DataPoint::Item(
                charming::datatype::DataPointItem::new(CompositeValue::from(vec![
                    CompositeValue::from(s.whisker_low),
                    s.q1.into(),
                    s.median.into(),
                    s.q3.into(),
                    s.whisker_high.into(),
                ]))
                .item_style(
                    ItemStyle::new()
                        .color("#ffffff")
                        .border_color(segment_colour(i)),
                ),
            ),
            None => DataPoint::from(CompositeValue::from("-")),
        })
        .collect();
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Item))
        .grid(Grid::new().left(72).right(24).top(24).bottom(72))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(short_labels(names.to_vec()))
                .axis_label(AxisLabel::new().rotate(20).interval(0)),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(b.column.clone())
                .scale(true),
        )
        .series(Boxplot::new().name(b.column.clone()).data(data))
}

/// Horizontal bars of values between −1 and 1 (correlations), labelled.
pub fn correlation_bar_chart(items: &[(String, f64)], what: &str) -> Chart {
    let labels: Vec<String> = items.iter().rev().map(|(n, _)| n.clone()).collect();
    let values: Vec<f64> = items.iter().rev().map(|(_, v)| round(*v, 2)).collect();
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(Grid::new().left(130).right(48).top(8).bottom(32))
        .x_axis(Axis::new().type_(AxisType::Value).min(-1).max(1).name(what))
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(short_labels(labels)),
        )
        .series(
            Bar::new()
                .name(what)
                .item_style(ItemStyle::new().color(PRIMARY))
                .label(Label::new().show(true).position(LabelPosition::Right))
                .data(values),
        )
}

/// Mean of a value per group as bars (conversion by age group).
pub fn group_mean_chart(groups: &[(String, f64)], what: &str) -> Chart {
    let labels: Vec<String> = groups.iter().map(|(n, _)| n.clone()).collect();
    let values: Vec<f64> = groups.iter().map(|(_, v)| round(*v, 3)).collect();
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(Grid::new().left(56).right(24).top(24).bottom(40))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(short_labels(labels)),
        )
        .y_axis(Axis::new().type_(AxisType::Value).name(what))
        .series(
            Bar::new()
                .name(what)
                .item_style(ItemStyle::new().color(PRIMARY))
                .label(Label::new().show(true).position(LabelPosition::Top))
                .data(values),
        )
}

/// Colour of a second series compared with the first (Okabe–Ito bluish green).
pub const SECOND: &str = "#009E73";

/// `[x, y]` points for a value-axis line.
fn xy(points: impl IntoIterator<Item = (f64, f64)>, places: i32) -> Vec<DataPoint> {
    points
        .into_iter()
        .map(|(x, y)| point(vec![round(x, places).into(), round(y, places).into()]))
        .collect()
}

/// A plain coloured line without symbols: the curves of the model charts.
fn curve(name: &str, colour: &str, data: Vec<DataPoint>) -> Line {
    Line::new()
        .name(name)
        .symbol_size(0)
        .item_style(ItemStyle::new().color(colour))
        .line_style(LineStyle::new().color(colour))
        .data(data)
}

/// A dashed grey reference line (chance, perfect calibration, random contact order).
fn reference_line(name: &str, points: Vec<(f64, f64)>) -> Line {
    Line::new()
        .name(name)
        .symbol_size(0)
        .item_style(ItemStyle::new().color("#999999"))
        .line_style(
            LineStyle::new()
                .color("#999999")
                .type_(charming::element::LineStyleType::Dashed),
        )
        .data(xy(points, 3))
}

fn unit_axes(chart: Chart, x: &str, y: &str) -> Chart {
    chart
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .min(0)
                .max(1)
                .name(x)
                .name_location(NameLocation::Middle)
                .name_gap(26),
        )
        .y_axis(Axis::new().type_(AxisType::Value).min(0).max(1).name(y))
}

/// ROC curves: the model's held-out curve and, when the file carries the target, this file's.
pub fn roc_chart(held_out: &[(f64, f64)], this_file: Option<&[(f64, f64)]>) -> Chart {
    let mut chart = unit_axes(
        Chart::new()
            .tooltip(Tooltip::new().trigger(Trigger::Item))
            .legend(Legend::new().top(0))
            .grid(Grid::new().left(48).right(24).top(36).bottom(44)),
        t("false positive rate", "tingkat positif palsu"),
        t("true positive rate", "tingkat positif benar"),
    )
    .series(curve(
        t("held-out test rows", "baris uji yang disisihkan"),
        PRIMARY,
        xy(held_out.iter().copied(), 3),
    ));
    if let Some(f) = this_file {
        chart = chart.series(curve(
            t("this file", "berkas ini"),
            SECOND,
            xy(f.iter().copied(), 3),
        ));
    }
    chart.series(reference_line(
        t("chance", "acak"),
        vec![(0.0, 0.0), (1.0, 1.0)],
    ))
}

/// Reliability chart: mean predicted vs observed rate per bin, the diagonal for perfect
/// calibration.
pub fn calibration_chart(
    held_out: &[CalibrationBin],
    this_file: Option<&[CalibrationBin]>,
) -> Chart {
    let series = |name: &str, bins: &[CalibrationBin], colour: &str| {
        Line::new()
            .name(name)
            .symbol_size(7)
            .item_style(ItemStyle::new().color(colour))
            .line_style(LineStyle::new().color(colour))
            .data(xy(bins.iter().map(|b| (b.mean_predicted, b.observed)), 3))
    };
    let mut chart = unit_axes(
        Chart::new()
            .tooltip(Tooltip::new().trigger(Trigger::Item))
            .legend(Legend::new().top(0))
            .grid(Grid::new().left(48).right(24).top(36).bottom(44)),
        t("predicted probability", "probabilitas prediksi"),
        t("observed rate", "tingkat teramati"),
    )
    .series(series(
        t("held-out test rows", "baris uji yang disisihkan"),
        held_out,
        PRIMARY,
    ));
    if let Some(f) = this_file {
        chart = chart.series(series(t("this file", "berkas ini"), f, SECOND));
    }
    chart.series(reference_line(
        t("perfect calibration", "kalibrasi sempurna"),
        vec![(0.0, 0.0), (1.0, 1.0)],
    ))
}

/// Odds ratios of the strongest factors as horizontal bars on a log axis, raising (blue) and
/// lowering (vermillion) the odds.
pub fn odds_chart(ratios: &[(String, f64)], top: usize) -> Chart {
    let mut items: Vec<&(String, f64)> = ratios
        .iter()
        .filter(|(_, r)| r.is_finite() && *r > 0.0)
        .collect();
    items.sort_by(|a, b| b.1.ln().abs().total_cmp(&a.1.ln().abs()));
    items.truncate(top);
    items.reverse();
    let labels: Vec<String> = items.iter().map(|(n, _)| n.clone()).collect();
    let data: Vec<DataPoint> = items
        .iter()
        .map(|(_, r)| {
            DataPoint::Item(
                charming::datatype::DataPointItem::new(round(*r, 2))
                    .item_style(ItemStyle::new().color(if *r >= 1.0 { PRIMARY } else { ACCENT })),
            )
        })
        .collect();
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(Grid::new().left(190).right(56).top(8).bottom(40))
        .x_axis(
            Axis::new()
                .type_(AxisType::Log)
                .name(t(
                    "odds ratio (1 = no effect)",
                    "rasio odds (1 = tanpa pengaruh)",
                ))
                .name_location(NameLocation::Middle)
                .name_gap(26),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(short_labels(labels)),
        )
        .series(
            Bar::new()
                .name(t("odds ratio", "rasio odds"))
                .label(Label::new().show(true).position(LabelPosition::Right))
                .data(data),
        )
}

/// The score distribution in 5-point bins; with outcomes, the responders' share stacked apart.
pub fn score_histogram_chart(all: &[usize], positive: Option<&[usize]>, what: &str) -> Chart {
    let bins = all.len().max(1);
    let labels: Vec<String> = (0..bins)
        .map(|b| format!("{}–{} %", b * 100 / bins, (b + 1) * 100 / bins))
        .collect();
    let mut chart = Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(0))
        .grid(Grid::new().left(64).right(24).top(36).bottom(64))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(short_labels(labels))
                .name(t("score", "skor"))
                .axis_label(AxisLabel::new().rotate(40)),
        )
        .y_axis(Axis::new().type_(AxisType::Value).name(t("rows", "baris")));
    match positive {
        Some(pos) => {
            let neg: Vec<i64> = all
                .iter()
                .zip(pos)
                .map(|(a, p)| a.saturating_sub(*p) as i64)
                .collect();
            chart = chart
                .series(
                    Bar::new()
                        .name(tf!("not {what}", "tidak {what}"))
                        .stack("rows")
                        .item_style(ItemStyle::new().color("#9ecae1"))
                        .data(neg),
                )
                .series(
                    Bar::new()
                        .name(what.to_string())
                        .stack("rows")
                        .item_style(ItemStyle::new().color(PRIMARY))
                        .data(pos.iter().map(|&p| p as i64).collect::<Vec<_>>()),
                );
        }
        None => {
            chart = chart.series(
                Bar::new()
                    .name(t("rows", "baris"))
                    .item_style(ItemStyle::new().color(PRIMARY))
                    .data(all.iter().map(|&c| c as i64).collect::<Vec<_>>()),
            );
        }
    }
    chart
}

fn share_axis_chart(y_name: &str) -> Chart {
    Chart::new()
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().top(0).right(8))
        .grid(Grid::new().left(64).right(24).top(48).bottom(44))
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .min(0)
                .max(100)
                .name(t(
                    "customers contacted (top %, by score)",
                    "pelanggan dihubungi (% teratas, menurut skor)",
                ))
                .name_location(NameLocation::Middle)
                .name_gap(26),
        )
        .y_axis(Axis::new().type_(AxisType::Value).name(y_name))
}

/// Cumulative gains: share of (expected, and actual) responders reached vs share contacted.
pub fn gains_chart(plan: &Plan) -> Chart {
    let expected = plan
        .gains
        .iter()
        .map(|g| (g.share * 100.0, g.responder_share * 100.0));
    let mut chart =
        share_axis_chart(t("responders reached %", "responden terjangkau %")).series(curve(
            t("expected (model)", "perkiraan (model)"),
            PRIMARY,
            xy(expected, 1),
        ));
    if plan.actual_responders.is_some() {
        let actual = plan
            .gains
            .iter()
            .filter_map(|g| g.actual_share.map(|a| (g.share * 100.0, a * 100.0)));
        chart = chart.series(curve(
            t("actual (this file)", "aktual (berkas ini)"),
            SECOND,
            xy(actual, 1),
        ));
    }
    chart.series(reference_line(
        t("random order", "urutan acak"),
        vec![(0.0, 0.0), (100.0, 100.0)],
    ))
}

/// Lift: responder rate of the contacted top share ÷ the overall rate.
pub fn lift_chart(plan: &Plan) -> Chart {
    let expected = plan
        .gains
        .iter()
        .filter_map(|g| g.lift.map(|l| (g.share * 100.0, l)));
    let mut chart = share_axis_chart(t("lift (× the average rate)", "lift (× tingkat rata-rata)"))
        .series(curve(
            t("expected (model)", "perkiraan (model)"),
            PRIMARY,
            xy(expected, 2),
        ));
    if plan.actual_responders.is_some() {
        let actual = plan
            .gains
            .iter()
            .filter_map(|g| g.actual_lift.map(|l| (g.share * 100.0, l)));
        chart = chart.series(curve(
            t("actual (this file)", "aktual (berkas ini)"),
            SECOND,
            xy(actual, 2),
        ));
    }
    chart.series(reference_line(
        t("random order", "urutan acak"),
        vec![(0.0, 1.0), (100.0, 1.0)],
    ))
}

/// Expected (and actual) profit over the share contacted, the best cut-off marked.
pub fn profit_chart(plan: &Plan) -> Chart {
    let expected = plan
        .profit
        .iter()
        .map(|p| (p.share * 100.0, p.expected_profit));
    let best_share = round(plan.best.share * 100.0, 1);
    let mut chart = share_axis_chart(t("profit", "laba")).series(
        curve(
            t("expected profit", "laba perkiraan"),
            PRIMARY,
            xy(expected, 1),
        )
        .mark_line(
            MarkLine::new()
                .line_style(LineStyle::new().color(ACCENT))
                .data(vec![MarkLineVariant::Simple(
                    MarkLineData::new()
                        .name(t("best cut-off", "batas terbaik"))
                        .x_axis(best_share),
                )]),
        ),
    );
    if plan.actual_responders.is_some() {
        let actual = plan
            .profit
            .iter()
            .filter_map(|p| p.actual_profit.map(|a| (p.share * 100.0, a)));
        chart = chart.series(curve(
            t("actual profit (this file)", "laba aktual (berkas ini)"),
            SECOND,
            xy(actual, 1),
        ));
    }
    chart
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `yAxis` of a series' first mark line.
    fn mark_line_y(chart: &Chart) -> f64 {
        let option = serde_json::to_value(chart).unwrap();
        option["series"][0]["markLine"]["data"][0]["yAxis"]
            .as_f64()
            .unwrap()
    }

    #[test]
    fn every_header_of_a_chart_table_has_text() {
        // Screen readers announce a header by its text: none may be empty (axe's
        // empty-table-header rule, run on every step by the e2e accessibility audit).
        let stats = NumericStats::of(&[1.0, 2.0, 3.0, 4.0, 100.0]).unwrap();
        let t = chart_table(&boxplot_chart("Income", &stats));
        assert_eq!(t.columns[0], "category");
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0][0], "Income");
        let rates = [("A".to_string(), 0.1)];
        let t = chart_table(&segment_rate_chart(&rates, None, "response"));
        assert!(t.columns.iter().all(|c| !c.is_empty()), "{t:?}");
        assert!(t.rows.iter().all(|r| !r[0].is_empty()), "{t:?}");
    }

    #[test]
    fn the_overall_line_is_drawn_in_the_bars_unit() {
        // Response rates are shown in %: the overall 20 % line sits at 20, between the bars.
        let rates = [("A".to_string(), 0.1), ("B".to_string(), 0.3)];
        let chart = segment_rate_chart(&rates, Some(0.2), "response");
        let option = serde_json::to_value(&chart).unwrap();
        let bars: Vec<f64> = option["series"][0]["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["value"].as_f64().unwrap())
            .collect();
        assert_eq!(bars, vec![10.0, 30.0]);
        assert_eq!(mark_line_y(&chart), 20.0);
        // Silhouettes stay in their own unit (−1 to 1).
        let s = [("A".to_string(), 0.31), ("B".to_string(), 0.18)];
        assert_eq!(
            mark_line_y(&segment_value_chart(&s, Some(0.254), "silhouette")),
            0.254
        );
    }

    fn hist(kind: ColumnType, integer_bins: bool, edges: Vec<f64>, counts: Vec<u64>) -> Histogram {
        Histogram {
            column: "Income".into(),
            kind,
            min: edges[0],
            max: edges[edges.len() - 1],
            edges,
            counts,
            integer_bins,
            missing: 0,
            clipped_low: 0,
            clipped_high: 0,
        }
    }

    #[test]
    fn long_names_are_cut_on_chart_axes() {
        assert_eq!(short_label("Income"), "Income");
        let exact = "é".repeat(LABEL_CHARS);
        assert_eq!(short_label(&exact), exact);
        let long = format!("Note = {}", "x".repeat(20_000));
        let cut = short_label(&long);
        assert_eq!(cut.chars().count(), LABEL_CHARS);
        assert!(cut.starts_with("Note = xxx") && cut.contains('…'), "{cut}");
        let level = short_label(&format!("Plan {} = Gold", "<img src=x>".repeat(9)));
        assert!(
            level.starts_with("Plan <img") && level.ends_with("= Gold"),
            "{level}"
        );
        // The odds chart of a model with a 20,000-character level keeps its labels short.
        let json =
            odds_chart(&[(long.clone(), 2.0), ("Income (+1 sd)".into(), 0.5)], 10).to_string();
        assert!(!json.contains(&"x".repeat(LABEL_CHARS)), "label cut");
        assert!(json.contains("Income (+1 sd)"));
    }

    #[test]
    fn labels_for_ranges_values_and_dates() {
        let h = hist(
            ColumnType::Decimal,
            false,
            vec![0.0, 50_000.0, 100_000.0],
            vec![3, 4],
        );
        assert_eq!(bin_labels(&h), vec!["0–50k", "50k–100k"]);
        let h = hist(ColumnType::Integer, true, vec![-0.5, 0.5, 1.5], vec![3, 4]);
        assert_eq!(bin_labels(&h), vec!["0", "1"]);
        let d = 15_000.0;
        let h = hist(ColumnType::Date, true, vec![d - 0.5, d + 0.5], vec![2]);
        assert_eq!(bin_labels(&h), vec!["2011-01-26"]);
    }

    #[test]
    fn profile_charts_carry_their_data() {
        let s = NumericStats::of(&[1.0, 2.0, 2.0, 3.0, 4.0, 7.0, 9.0, 30.0]).unwrap();
        let json = boxplot_chart("balance", &s).to_string();
        assert!(
            json.contains("\"boxplot\"") && json.contains("30"),
            "{json}"
        );
        let top = vec![CategoryShare {
            value: "admin.".into(),
            count: 5,
            share: 0.5,
        }];
        assert!(category_chart("job", &top, 5)
            .to_string()
            .contains("(other)"));
        let c = Correlation {
            columns: vec!["a".into(), "b".into()],
            matrix: vec![vec![Some(1.0), None], vec![None, Some(1.0)]],
        };
        let json = heatmap_chart(&c).to_string();
        assert!(
            json.contains("\"heatmap\"") && json.contains("\"-\""),
            "{json}"
        );
    }

    #[test]
    fn bidi_controls_in_chart_strings_are_shown_not_obeyed() {
        let top = vec![CategoryShare {
            value: "\u{202E}evil".into(),
            count: 3,
            share: 1.0,
        }];
        let json = echarts_option(&category_chart("plan\u{202E}", &top, 0)).unwrap();
        assert!(!json.contains('\u{202E}'), "{json}");
        assert!(json.contains("[U+202E]evil"), "{json}");
        assert!(json.contains("plan[U+202E]"), "{json}");
    }

    #[test]
    fn chart_carries_counts_and_column_name() {
        let h = hist(
            ColumnType::Integer,
            true,
            vec![-0.5, 0.5, 1.5, 2.5],
            vec![5, 0, 7],
        );
        let json = histogram_chart(&h).to_string();
        assert!(json.contains("\"Income\""), "{json}");
        assert!(json.contains("[5,0,7]") || json.contains("[\n"), "{json}");
        assert!(json.contains("\"bar\""));
    }

    /// k = 2..4, the silhouette missing at k = 3.
    fn small_sweep() -> Vec<SweepPoint> {
        (2..=4)
            .map(|k| SweepPoint {
                k,
                cost: 100.0 / k as f64,
                silhouette: (k != 3).then_some(0.3),
                sizes: vec![],
            })
            .collect()
    }

    #[test]
    fn sweep_chart_marks_the_chosen_k() {
        let sweep = small_sweep();
        let json = sweep_chart(&sweep, 3, false, "inertia")
            .to_string()
            .replace([' ', '\n'], "");
        assert!(json.contains("\"xAxis\":\"3\""), "{json}");
        // A k without a silhouette is a gap, not a zero.
        let sil = sweep_chart(&sweep, 3, true, "silhouette")
            .to_string()
            .replace([' ', '\n'], "");
        assert!(sil.contains("\"-\""), "{sil}");
    }

    #[test]
    fn large_scatters_use_the_large_mode() {
        let points = |n: usize| SegmentScatter {
            explained: [0.5, 0.25],
            points: (0..n).map(|i| (i as f32, 1.0, (i % 2) as u16)).collect(),
            sampled_from: n,
        };
        let names = ["A".to_string(), "B".to_string()];
        let big: serde_json::Value =
            serde_json::from_str(&echarts_option(&scatter_chart(&points(2000), &names)).unwrap())
                .unwrap();
        for s in big["series"].as_array().unwrap() {
            assert_eq!(s["large"], true);
            assert_eq!(s["data"].as_array().unwrap().len(), 1000);
        }
        assert_eq!(big["animation"], false);
        let small = echarts_option(&scatter_chart(&points(100), &names)).unwrap();
        assert!(!small.contains("\"large\""));
        // A large heatmap is drawn progressively.
        let names: Vec<String> = (0..20).map(|i| format!("c{i}")).collect();
        let c = Correlation {
            columns: names.clone(),
            matrix: vec![vec![Some(0.5); 20]; 20],
        };
        let heat: serde_json::Value =
            serde_json::from_str(&echarts_option(&heatmap_chart(&c)).unwrap()).unwrap();
        assert_eq!(heat["series"][0]["progressive"], HEATMAP_CHUNK);
        // Charts without scatters pass through unchanged, but for a transparent ground.
        let chart = warm_up_charts().remove(3);
        let plain: serde_json::Value =
            serde_json::from_str(&echarts_option(&chart).unwrap()).unwrap();
        let mut expected = serde_json::to_value(&chart).unwrap();
        expected["backgroundColor"] = "transparent".into();
        assert_eq!(plain, expected);
    }

    #[test]
    fn scatter_has_one_series_per_segment() {
        let s = SegmentScatter {
            explained: [0.5, 0.25],
            points: vec![(0.0, 1.0, 0), (1.0, 0.0, 1), (2.0, 2.0, 1)],
            sampled_from: 3,
        };
        let json = scatter_chart(&s, &["A".into(), "B".into()])
            .to_string()
            .replace([' ', '\n'], "");
        assert_eq!(json.matches("\"type\":\"scatter\"").count(), 2);
        assert!(json.contains("PC1(50%ofvariance)"));
    }

    #[test]
    fn every_chart_has_its_data_as_a_table() {
        let sweep = small_sweep();
        let t = chart_table(&sweep_chart(&sweep, 3, true, "silhouette"));
        assert_eq!(t.columns, ["k", "silhouette"]);
        assert_eq!(t.rows, [["2", "0.3"], ["3", ""], ["4", "0.3"]]);

        let h = hist(
            ColumnType::Integer,
            true,
            vec![-0.5, 0.5, 1.5, 2.5],
            vec![5, 0, 7],
        );
        let t = chart_table(&histogram_chart(&h));
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[2][1], "7");

        let c = Correlation {
            columns: vec!["a".into(), "b".into()],
            matrix: vec![vec![Some(1.0), Some(-0.25)], vec![Some(-0.25), Some(1.0)]],
        };
        let t = chart_table(&heatmap_chart(&c));
        assert_eq!(t.columns, ["Pearson r", "a", "b"]);
        assert_eq!(t.rows.len(), 2);
        assert!(t.rows.iter().all(|r| r.len() == 3));
        assert!(t.rows.iter().flatten().any(|c| c == "-0.25"), "{t:?}");

        let points: Vec<(f32, f32, u16)> =
            (0..450).map(|i| (i as f32, 1.0, (i % 2) as u16)).collect();
        let s = SegmentScatter {
            explained: [0.5, 0.25],
            points,
            sampled_from: 450,
        };
        let t = chart_table(&scatter_chart(&s, &["A".into(), "B".into()]));
        assert_eq!(t.columns[0], "series");
        assert_eq!(t.total_rows, 450);
        assert_eq!(t.rows.len(), TABLE_ROWS);
        assert_eq!(t.rows[0][0], "A");
    }

    #[test]
    fn model_and_plan_charts_carry_their_data() {
        let roc = roc_chart(&[(0.0, 0.0), (0.5, 0.8), (1.0, 1.0)], None)
            .to_string()
            .replace([' ', '\n'], "");
        assert!(
            roc.contains("[0.5,0.8]") && roc.contains("\"chance\""),
            "{roc}"
        );
        let odds = odds_chart(
            &[("a".into(), 2.0), ("b".into(), 0.25), ("c".into(), 1.01)],
            2,
        )
        .to_string()
        .replace([' ', '\n'], "");
        // The two strongest factors only, on a log axis; b lowers the odds.
        assert!(
            odds.contains("\"log\"") && !odds.contains("\"c\""),
            "{odds}"
        );
        assert!(odds.contains(ACCENT));
        let h = score_histogram_chart(&[5, 3], Some(&[1, 2]), "subscribed")
            .to_string()
            .replace([' ', '\n'], "");
        assert!(h.contains("[4,1]") && h.contains("[1,2]"), "{h}");
        let plan = small_plan();
        let p = profit_chart(&plan).to_string().replace([' ', '\n'], "");
        assert!(
            p.contains("\"bestcut-off\"") && p.contains("actualprofit"),
            "{p}"
        );
        assert!(gains_chart(&plan).to_string().contains("random order"));
        assert!(lift_chart(&plan).to_string().contains("actual (this file)"));
    }

    /// A plan of four customers, two of them responders.
    fn small_plan() -> klaster_engine::campaign::Plan {
        klaster_engine::campaign::plan(
            &[0.9, 0.6, 0.2, 0.1],
            Some(&[true, false, true, false]),
            None,
            &klaster_engine::campaign::PlanParams {
                cost: 1.0,
                revenue: 3.0,
            },
        )
        .unwrap()
    }

    #[test]
    fn charts_speak_indonesian() {
        use klaster_engine::i18n::{with_lang, Lang};
        let h = hist(
            ColumnType::Decimal,
            false,
            vec![0.0, 50_000.0, 100_000.0],
            vec![3, 4],
        );
        let (axis, labels, table) = with_lang(Lang::Id, || {
            let json: serde_json::Value =
                serde_json::from_str(&echarts_option(&histogram_chart(&h)).unwrap()).unwrap();
            (
                first_axis(&json, "yAxis").unwrap()["name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                bin_labels(&h),
                chart_table(&sweep_chart(&small_sweep(), 3, true, "siluet")),
            )
        });
        assert_eq!(axis, "baris");
        assert_eq!(labels, vec!["0–50 rb", "50 rb–100 rb"]);
        assert_eq!(table.rows[0], ["2", "0,3"]);
        // The same chart in English is unchanged.
        let json = serde_json::to_value(histogram_chart(&h)).unwrap();
        assert_eq!(first_axis(&json, "yAxis").unwrap()["name"], "rows");

        let plan = small_plan();
        with_lang(Lang::Id, || {
            for chart in [
                gains_chart(&plan),
                lift_chart(&plan),
                profit_chart(&plan),
                roc_chart(&[(0.0, 0.0), (1.0, 1.0)], Some(&[(0.0, 0.0)])),
                odds_chart(&[("a".into(), 2.0)], 2),
            ] {
                let json = chart.to_string();
                for english in [" the ", " of ", "rows", "file", "expected", "chance"] {
                    assert!(!json.contains(english), "{english:?} in {json}");
                }
            }
            let points = SegmentScatter {
                explained: [0.5, 0.25],
                points: vec![(0.0, 1.0, 0)],
                sampled_from: 1,
            };
            let t = chart_table(&scatter_chart(&points, &["A".into()]));
            assert_eq!(t.columns[0], "seri");
            assert_eq!(t.columns[1], "PC1 (50 % dari varians)");
        });
    }
}
