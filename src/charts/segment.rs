//! The Segment step's charts: the k sweep, the index per feature, rates and values per
//! segment, the PCA scatter and the box plots per segment.

use super::*;

/// Segment colours: the Okabe–Ito palette (colour-blind safe), then two greys.
pub const SEGMENT_COLOURS: [&str; 10] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000",
    "#999999", "#666666",
];

/// The colour of segment `i`.
pub fn segment_colour(i: usize) -> &'static str {
    SEGMENT_COLOURS[i % SEGMENT_COLOURS.len()]
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
