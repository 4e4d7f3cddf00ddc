//! The Load and Profile steps' charts: histograms, box plots, category bars, target rates and
//! the correlation heat map.

use super::*;

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
