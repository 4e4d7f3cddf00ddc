//! The Plan step's charts: cumulative gains, lift and profit against the share contacted.

use super::*;

pub(super) fn share_axis_chart(y_name: &str) -> Chart {
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

/// The curve the model expects over the share contacted and, when the file has outcomes, the
/// actual one (`actual`: its name and points): the shape gains, lift and profit share.
fn expected_and_actual(
    y_name: &str,
    expected: Line,
    actual: Option<(&str, Vec<(f64, f64)>)>,
    places: i32,
) -> Chart {
    let chart = share_axis_chart(y_name).series(expected);
    match actual {
        Some((name, points)) => chart.series(curve(name, SECOND, xy(points, places))),
        None => chart,
    }
}

/// Cumulative gains: share of (expected, and actual) responders reached vs share contacted.
pub fn gains_chart(plan: &Plan) -> Chart {
    let expected = plan
        .gains
        .iter()
        .map(|g| (g.share * 100.0, g.responder_share * 100.0));
    let actual = plan.actual_responders.is_some().then(|| {
        let points = plan
            .gains
            .iter()
            .filter_map(|g| g.actual_share.map(|a| (g.share * 100.0, a * 100.0)));
        (
            t("actual (this file)", "aktual (berkas ini)"),
            points.collect(),
        )
    });
    expected_and_actual(
        t("responders reached %", "responden terjangkau %"),
        curve(
            t("expected (model)", "perkiraan (model)"),
            PRIMARY,
            xy(expected, 1),
        ),
        actual,
        1,
    )
    .series(reference_line(
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
    let actual = plan.actual_responders.is_some().then(|| {
        let points = plan
            .gains
            .iter()
            .filter_map(|g| g.actual_lift.map(|l| (g.share * 100.0, l)));
        (
            t("actual (this file)", "aktual (berkas ini)"),
            points.collect(),
        )
    });
    expected_and_actual(
        t("lift (× the average rate)", "lift (× tingkat rata-rata)"),
        curve(
            t("expected (model)", "perkiraan (model)"),
            PRIMARY,
            xy(expected, 2),
        ),
        actual,
        2,
    )
    .series(reference_line(
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
    let expected = curve(
        t("expected profit", "laba perkiraan"),
        PRIMARY,
        xy(expected, 1),
    )
    .mark_line(
        MarkLine::new()
            .line_style(LineStyle::new().color(ACCENT))
            .data(vec![MarkLineVariant::Simple(
                MarkLineData::new()
                    .name(t("best cut-off", "titik potong terbaik"))
                    .x_axis(best_share),
            )]),
    );
    let actual = plan.actual_responders.is_some().then(|| {
        let points = plan
            .profit
            .iter()
            .filter_map(|p| p.actual_profit.map(|a| (p.share * 100.0, a)));
        (
            t("actual profit (this file)", "laba aktual (berkas ini)"),
            points.collect(),
        )
    });
    expected_and_actual(t("profit", "laba"), expected, actual, 1)
}
