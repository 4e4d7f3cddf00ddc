//! Engine results → ECharts options (via charming). Pure functions, tested natively; the
//! [`crate::components::chart`] component renders them.

mod model;
mod plan;
mod profile;
mod segment;
mod table;

pub use model::*;
pub use plan::*;
pub use profile::*;
pub use segment::*;
pub use table::*;

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

fn round(v: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (v * f).round() / f
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
