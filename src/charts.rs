//! Engine results → ECharts options (via charming). Pure functions, tested natively; the
//! [`crate::components::chart`] component renders them.

use charming::component::{Axis, Grid};
use charming::element::{AxisType, ItemStyle, NameLocation, Tooltip, Trigger};
use charming::series::Bar;
use charming::Chart;
use klaster_engine::ingest::values::format_days;
use klaster_engine::profile::Histogram;
use klaster_engine::ColumnType;

use crate::format::compact;

/// The colour of single-series charts (blue of the colour-blind-safe Okabe–Ito palette).
pub const PRIMARY: &str = "#0072B2";

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
        .y_axis(Axis::new().type_(AxisType::Value).name("rows"))
        .series(
            Bar::new()
                .name("rows")
                .bar_width("92%")
                .item_style(ItemStyle::new().color(PRIMARY))
                .data(counts),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

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
        }
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
}
