//! The Score step's charts: ROC, calibration, odds ratios and the score histogram, with the
//! curve helpers the Plan step's charts share.

use super::*;

/// Colour of a second series compared with the first (Okabe–Ito bluish green).
pub const SECOND: &str = "#009E73";

/// `[x, y]` points for a value-axis line.
pub(super) fn xy(points: impl IntoIterator<Item = (f64, f64)>, places: i32) -> Vec<DataPoint> {
    points
        .into_iter()
        .map(|(x, y)| point(vec![round(x, places).into(), round(y, places).into()]))
        .collect()
}

/// A plain coloured line without symbols: the curves of the model charts.
pub(super) fn curve(name: &str, colour: &str, data: Vec<DataPoint>) -> Line {
    Line::new()
        .name(name)
        .symbol_size(0)
        .item_style(ItemStyle::new().color(colour))
        .line_style(LineStyle::new().color(colour))
        .data(data)
}

/// A dashed grey reference line (chance, perfect calibration, random contact order).
pub(super) fn reference_line(name: &str, points: Vec<(f64, f64)>) -> Line {
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

pub(super) fn unit_axes(chart: Chart, x: &str, y: &str) -> Chart {
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
