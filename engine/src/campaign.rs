//! Plan: whom to contact in a campaign and how many. Given every customer's response
//! probability (from a calibrated model), the cost of a contact and the revenue of a response,
//! it ranks the customers, draws the gains, lift and expected-profit curves, finds the
//! profit-maximising number of contacts exactly, and breaks the plan down by segment.
//!
//! Everything comes from one sort of the customers by score followed by running sums, so a
//! million rows cost one `O(n log n)` sort and a few linear passes. With calibrated scores a
//! contact pays when `revenue × p > cost`, so the best cut-off sits at the break-even score
//! `cost / revenue`; the plan still finds it by trying every number of contacts, because the
//! scores may not be perfectly calibrated and because ties and rounding decide the exact count.

use serde::{Deserialize, Serialize};

use crate::format;
use crate::i18n::{t, L10n};
use crate::schema::{Role, Schema};
use crate::table::Table;
use crate::tf;

/// Points of the gains and profit curves after the leading 0 %: contact the top 1 %, 2 %, …
/// 100 %.
pub const CURVE_POINTS: usize = 100;

/// The percentages of the summary table ("contact the top 10 % → reach …").
pub const TABLE_PERCENTS: [usize; 4] = [10, 20, 30, 50];

/// The economics of one contact.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PlanParams {
    /// Cost of contacting one customer (a call, a mailing), whether or not they respond.
    pub cost: f64,
    /// Revenue (or margin) of one response.
    pub revenue: f64,
}

impl PlanParams {
    /// Checks that the figures can be used: a free contact is allowed (everyone with a chance of
    /// responding is then worth contacting), a response worth nothing is not (no contact could
    /// ever pay, and the break-even score would divide by zero).
    pub fn validate(&self) -> Result<(), CampaignError> {
        if !self.cost.is_finite() || self.cost < 0.0 {
            let cost = self.cost;
            return Err(CampaignError::BadParams(L10n::build(|| {
                tf!(
                    "the cost per contact must be a number of 0 or more (got {cost})",
                    "biaya per kontak harus berupa angka 0 atau lebih (diberikan {cost})"
                )
            })));
        }
        if !self.revenue.is_finite() || self.revenue <= 0.0 {
            let revenue = self.revenue;
            return Err(CampaignError::BadParams(L10n::build(|| {
                tf!(
                    "the revenue per response must be a number above 0 (got {revenue})",
                    "pendapatan per respons harus berupa angka di atas 0 (diberikan {revenue})"
                )
            })));
        }
        Ok(())
    }

    /// The example economics when a file carries none: the customer-personality campaign's
    /// (3 per contact, 11 per response).
    pub const EXAMPLE: PlanParams = PlanParams {
        cost: 3.0,
        revenue: 11.0,
    };

    /// Prefilled from the file's cost-per-contact and revenue-per-response columns
    /// (Z_CostContact, Z_Revenue: the median of each, they are constants) when present, else
    /// [`PlanParams::EXAMPLE`]. The flag says whether the file supplied them.
    pub fn from_table(table: &Table, schema: &Schema) -> (Self, bool) {
        let median = |role: Role| {
            let col = schema.find(role).and_then(|i| table.columns.get(i))?;
            let mut v: Vec<f64> = (0..table.n_rows()).filter_map(|r| col.number(r)).collect();
            v.sort_by(f64::total_cmp);
            v.get(v.len() / 2).copied().filter(|x| x.is_finite())
        };
        match (
            median(Role::CostPerContact),
            median(Role::RevenuePerResponse),
        ) {
            (Some(cost), Some(revenue)) if cost >= 0.0 && revenue > 0.0 => {
                (Self { cost, revenue }, true)
            }
            _ => (Self::EXAMPLE, false),
        }
    }

    /// The score at which a contact is expected to just pay for itself: `cost / revenue`.
    pub fn break_even_score(&self) -> f64 {
        self.cost / self.revenue
    }

    /// Expected (or actual) profit of `contacts` contacts reaching `responders` responders. The
    /// one formula for every figure, so that the best cut-off and the curve points compare
    /// exactly.
    fn profit(&self, responders: f64, contacts: usize) -> f64 {
        self.revenue * responders - self.cost * contacts as f64
    }
}

/// Why a plan cannot be made.
#[derive(Debug, Clone, PartialEq)]
pub enum CampaignError {
    NoRows,
    /// `row` is the 0-based position in the scores.
    BadScore {
        row: usize,
        value: f64,
    },
    /// Why, in both languages.
    BadParams(L10n<String>),
    /// `what` is "outcomes" or "segment labels".
    LengthMismatch {
        what: &'static str,
        expected: usize,
        got: usize,
    },
    /// `row` is the 0-based position in the labels.
    BadSegment {
        row: usize,
        label: usize,
        segments: usize,
    },
}

impl std::fmt::Display for CampaignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Self::NoRows => t(
                "there are no customers to plan a campaign for",
                "tidak ada pelanggan untuk direncanakan kampanyenya",
            )
            .to_string(),
            Self::BadScore { row, value } => tf!(
                "row {row} has a response probability of {value}: scores must be numbers from 0 to 1",
                "baris {row} memiliki peluang respons {value}: skor harus berupa angka dari 0 sampai 1"
            ),
            Self::BadParams(why) => why.get().clone(),
            Self::LengthMismatch {
                what,
                expected,
                got,
            } => {
                let what = match *what {
                    "outcomes" => t("outcomes", "hasil"),
                    "segment labels" => t("segment labels", "label segmen"),
                    other => other,
                };
                tf!(
                    "{got} {what} given for {expected} scored customers",
                    "{got} {what} diberikan untuk {expected} pelanggan yang diberi skor"
                )
            }
            Self::BadSegment {
                row,
                label,
                segments,
            } => tf!(
                "row {row} is in segment {label}, but only {segments} segment names are given",
                "baris {row} ada di segmen {label}, tetapi hanya {segments} nama segmen yang diberikan"
            ),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for CampaignError {}

/// The segment of each customer, for the per-segment breakdown.
#[derive(Debug, Clone, Copy)]
pub struct Segments<'a> {
    /// One label per row, an index into `names`; `None` = the row is in no segment (e.g. it was
    /// removed by cleaning before the segmentation).
    pub labels: &'a [Option<usize>],
    pub names: &'a [String],
}

/// One point of the gains curve: contact the top `share` of the customers by score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GainPoint {
    /// The nominal share, 0.00, 0.01, … 1.00.
    pub share: f64,
    /// `ceil(share × rows)`, at least 1 above 0 %.
    pub contacts: usize,
    /// `contacts / rows`: the share actually contacted (differs from `share` on small files);
    /// the lift divides by this one.
    pub contact_share: f64,
    /// The lowest score contacted; `None` at 0 %.
    pub threshold: Option<f64>,
    /// Sum of the contacted customers' probabilities.
    pub expected_responders: f64,
    /// Their share of all expected responders (0 when no one is expected to respond).
    pub responder_share: f64,
    /// `responder_share / contact_share`: how many times better than contacting at random.
    /// `None` at 0 % and when no one is expected to respond.
    pub lift: Option<f64>,
    /// With outcomes: the responders actually among the contacted.
    pub actual_responders: Option<usize>,
    /// With outcomes that include at least one responder: their share of all responders.
    pub actual_share: Option<f64>,
    /// With outcomes that include at least one responder, above 0 %.
    pub actual_lift: Option<f64>,
}

/// One point of the profit curve (same shares as the gains curve).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfitPoint {
    pub share: f64,
    pub contacts: usize,
    /// `revenue × expected responders reached − cost × contacts`.
    pub expected_profit: f64,
    /// The same with the responders actually reached (when outcomes are given).
    pub actual_profit: Option<f64>,
}

/// The profit-maximising number of contacts, over every count from 0 to all rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BestCut {
    /// 0 when no number of contacts is expected to make a profit. Among equally profitable
    /// counts the smallest (a contact expected to earn exactly its cost is not made).
    pub contacts: usize,
    /// `contacts / rows`.
    pub share: f64,
    /// The lowest score contacted; `None` when no one is.
    pub threshold: Option<f64>,
    /// `cost / revenue`: with calibrated scores the threshold lies just above it.
    pub break_even_score: f64,
    pub expected_responders: f64,
    pub expected_profit: f64,
    /// With outcomes: what the same contacts actually gave.
    pub actual_responders: Option<usize>,
    pub actual_profit: Option<f64>,
    /// Expected profit of contacting everyone.
    pub profit_all: f64,
    /// Profit of contacting no one: always 0, carried so that charts and tables have the three
    /// options side by side.
    pub profit_none: f64,
    /// Expected profit ÷ cost of the contacts; `None` when nothing is spent (no contacts, or
    /// free contacts).
    pub roi: Option<f64>,
    /// Whether any contact is worth making (`expected_profit > 0`).
    pub profitable: bool,
    /// The plan in one sentence.
    pub recommendation: L10n<String>,
}

/// One segment's part of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentPlan {
    pub id: usize,
    pub name: String,
    pub rows: usize,
    /// `None` for an empty segment.
    pub mean_score: Option<f64>,
    pub expected_responders: f64,
    /// Its rows within the overall best cut-off.
    pub contacts: usize,
    /// Expected profit of those contacts.
    pub expected_profit: f64,
    /// The profit-maximising count when the segment is planned alone (its own ranking, the
    /// same rule as [`BestCut::contacts`]).
    pub best_contacts: usize,
    pub best_profit: f64,
    /// The lowest score contacted in the segment's own best; `None` when no one is.
    pub best_threshold: Option<f64>,
    /// The segment's own best in one sentence.
    pub recommendation: L10n<String>,
}

/// The plan per segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentBreakdown {
    /// One per segment name, in id order (empty segments included).
    pub segments: Vec<SegmentPlan>,
    /// Rows without a segment.
    pub unsegmented: usize,
    /// Of those, how many are within the overall best cut-off.
    pub unsegmented_contacts: usize,
}

/// The answer to "whom to contact and how many".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub rows: usize,
    pub params: PlanParams,
    /// Sum of all probabilities.
    pub expected_responders: f64,
    /// Mean probability.
    pub base_rate: f64,
    pub actual_responders: Option<usize>,
    pub actual_rate: Option<f64>,
    /// 0 %, 1 %, … 100 % ([`CURVE_POINTS`] + 1 points).
    pub gains: Vec<GainPoint>,
    /// The gains points at [`TABLE_PERCENTS`].
    pub table: Vec<GainPoint>,
    /// Expected profit at the same shares as `gains`.
    pub profit: Vec<ProfitPoint>,
    pub best: BestCut,
    pub segments: Option<SegmentBreakdown>,
}

/// Running sums at one number of contacts.
#[derive(Debug, Clone, Copy, Default)]
struct Cut {
    contacts: usize,
    reached: f64,
    actual: usize,
    threshold: Option<f64>,
}

/// A segment's running sums during the pass over the ranking.
#[derive(Debug, Clone, Copy, Default)]
struct SegmentRun {
    rows: usize,
    sum: f64,
    best: Cut,
    best_profit: f64,
    in_best: usize,
    in_best_sum: f64,
}

/// Makes the plan. `outcomes` (whether each customer actually responded, e.g. in a past
/// campaign) and `segments` are optional; when given, they have one entry per score.
pub fn plan(
    scores: &[f64],
    outcomes: Option<&[bool]>,
    segments: Option<Segments<'_>>,
    params: &PlanParams,
) -> Result<Plan, CampaignError> {
    params.validate()?;
    let rows = scores.len();
    if rows == 0 {
        return Err(CampaignError::NoRows);
    }
    if let Some(o) = outcomes {
        check_len("outcomes", rows, o.len())?;
    }
    if let Some(s) = segments {
        check_len("segment labels", rows, s.labels.len())?;
        if let Some((row, label)) = s
            .labels
            .iter()
            .enumerate()
            .find_map(|(row, l)| l.filter(|&l| l >= s.names.len()).map(|l| (row, l)))
        {
            return Err(CampaignError::BadSegment {
                row,
                label,
                segments: s.names.len(),
            });
        }
    }
    let order = rank(scores)?;

    // Contacts at each curve point, by integer arithmetic: `0.07 * 100.0` is not 7.
    let at = |k: usize| -> usize {
        if k == 0 {
            0
        } else {
            (((k as u64) * (rows as u64)).div_ceil(CURVE_POINTS as u64) as usize).max(1)
        }
    };

    // One pass down the ranking: the curve points, the overall best and each segment's best.
    let mut cuts = Vec::with_capacity(CURVE_POINTS + 1);
    cuts.push(Cut::default());
    let mut next = 1;
    let mut run = Cut::default();
    let mut best = Cut::default();
    let mut best_profit = 0.0;
    let mut seg_runs = vec![SegmentRun::default(); segments.map_or(0, |s| s.names.len())];
    for &(p, row) in &order {
        run.contacts += 1;
        run.reached += p;
        run.threshold = Some(p);
        if outcomes.is_some_and(|o| o[row]) {
            run.actual += 1;
        }
        let profit = params.profit(run.reached, run.contacts);
        if profit > best_profit {
            best_profit = profit;
            best = run;
        }
        while next <= CURVE_POINTS && at(next) == run.contacts {
            cuts.push(run);
            next += 1;
        }
        if let Some(seg) = segments.and_then(|s| s.labels[row]) {
            let s = &mut seg_runs[seg];
            s.rows += 1;
            s.sum += p;
            let profit = params.profit(s.sum, s.rows);
            if profit > s.best_profit {
                s.best_profit = profit;
                s.best = Cut {
                    contacts: s.rows,
                    reached: s.sum,
                    actual: 0,
                    threshold: Some(p),
                };
            }
        }
    }
    let total = run.reached;
    let actual_total = outcomes.map(|_| run.actual);

    let gains: Vec<GainPoint> = cuts
        .iter()
        .enumerate()
        .map(|(k, c)| gain_point(k, c, rows, total, actual_total))
        .collect();
    let profit = cuts
        .iter()
        .enumerate()
        .map(|(k, c)| ProfitPoint {
            share: k as f64 / CURVE_POINTS as f64,
            contacts: c.contacts,
            expected_profit: params.profit(c.reached, c.contacts),
            actual_profit: actual_total.map(|_| params.profit(c.actual as f64, c.contacts)),
        })
        .collect();
    let table = TABLE_PERCENTS
        .iter()
        .filter_map(|&k| gains.get(k).cloned())
        .collect();

    let spent = params.cost * best.contacts as f64;
    let best_cut = BestCut {
        contacts: best.contacts,
        share: best.contacts as f64 / rows as f64,
        threshold: best.threshold,
        break_even_score: params.break_even_score(),
        expected_responders: best.reached,
        expected_profit: best_profit,
        actual_responders: actual_total.map(|_| best.actual),
        actual_profit: actual_total.map(|_| params.profit(best.actual as f64, best.contacts)),
        profit_all: params.profit(total, rows),
        profit_none: 0.0,
        roi: (spent > 0.0).then(|| best_profit / spent),
        profitable: best_profit > 0.0,
        recommendation: recommendation(best.contacts, rows, best_profit, params),
    };

    let segments = segments.map(|s| {
        let mut unsegmented = 0;
        let mut unsegmented_contacts = 0;
        for (i, &(p, row)) in order.iter().enumerate() {
            match s.labels[row] {
                Some(seg) if i < best.contacts => {
                    seg_runs[seg].in_best += 1;
                    seg_runs[seg].in_best_sum += p;
                }
                Some(_) => {}
                None => {
                    unsegmented += 1;
                    unsegmented_contacts += usize::from(i < best.contacts);
                }
            }
        }
        SegmentBreakdown {
            segments: s
                .names
                .iter()
                .zip(&seg_runs)
                .enumerate()
                .map(|(id, (name, r))| segment_plan(id, name, r, params))
                .collect(),
            unsegmented,
            unsegmented_contacts,
        }
    });

    Ok(Plan {
        rows,
        params: *params,
        expected_responders: total,
        base_rate: total / rows as f64,
        actual_responders: actual_total,
        actual_rate: actual_total.map(|a| a as f64 / rows as f64),
        gains,
        table,
        profit,
        best: best_cut,
        segments,
    })
}

fn check_len(what: &'static str, expected: usize, got: usize) -> Result<(), CampaignError> {
    if got == expected {
        Ok(())
    } else {
        Err(CampaignError::LengthMismatch {
            what,
            expected,
            got,
        })
    }
}

/// Row numbers by score, highest first, ties in row order: the one ranking of customers that
/// the plan, the ranked list and its export share. −0.0 ranks as 0.0 (`total_cmp` alone would
/// put it below).
pub fn ranking(scores: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    // Row order as the explicit tie-break makes the unstable (faster) sort deterministic.
    order.sort_unstable_by(|&a, &b| scores[b].abs().total_cmp(&scores[a].abs()).then(a.cmp(&b)));
    order
}

/// (score, row) in [`ranking`] order; rejects scores that are not probabilities.
fn rank(scores: &[f64]) -> Result<Vec<(f64, usize)>, CampaignError> {
    if let Some((row, &value)) = scores
        .iter()
        .enumerate()
        .find(|(_, v)| !(0.0..=1.0).contains(*v))
    {
        return Err(CampaignError::BadScore { row, value });
    }
    Ok(ranking(scores)
        .into_iter()
        .map(|row| (scores[row].abs(), row))
        .collect())
}

fn gain_point(
    k: usize,
    c: &Cut,
    rows: usize,
    total: f64,
    actual_total: Option<usize>,
) -> GainPoint {
    let contact_share = c.contacts as f64 / rows as f64;
    let responder_share = if total > 0.0 { c.reached / total } else { 0.0 };
    let actual_share = actual_total
        .filter(|&t| t > 0)
        .map(|t| c.actual as f64 / t as f64);
    let lift = |share: f64| (c.contacts > 0).then(|| share / contact_share);
    GainPoint {
        share: k as f64 / CURVE_POINTS as f64,
        contacts: c.contacts,
        contact_share,
        threshold: c.threshold,
        expected_responders: c.reached,
        responder_share,
        lift: if total > 0.0 {
            lift(responder_share)
        } else {
            None
        },
        actual_responders: actual_total.map(|_| c.actual),
        actual_share,
        actual_lift: actual_share.and_then(lift),
    }
}

fn segment_plan(id: usize, name: &str, r: &SegmentRun, params: &PlanParams) -> SegmentPlan {
    SegmentPlan {
        id,
        name: name.to_string(),
        rows: r.rows,
        mean_score: (r.rows > 0).then(|| r.sum / r.rows as f64),
        expected_responders: r.sum,
        contacts: r.in_best,
        expected_profit: params.profit(r.in_best_sum, r.in_best),
        best_contacts: r.best.contacts,
        best_profit: r.best_profit,
        best_threshold: r.best.threshold,
        recommendation: recommendation(r.best.contacts, r.rows, r.best_profit, params),
    }
}

/// "Contact 312 of 540 (57.8 %): expected profit 1,204", or why no one should be contacted.
fn recommendation(contacts: usize, rows: usize, profit: f64, params: &PlanParams) -> L10n<String> {
    L10n::build(|| {
        if rows == 0 {
            t(
                "No customers in this segment",
                "Tidak ada pelanggan di segmen ini",
            )
            .to_string()
        } else if contacts == 0 && params.cost > 0.0 {
            t(
                "Do not contact: each call costs more than it is expected to earn",
                "Jangan hubungi: setiap panggilan lebih mahal daripada pendapatan yang diharapkan",
            )
            .to_string()
        } else if contacts == 0 {
            t(
                "Do not contact: no customer here is expected to respond",
                "Jangan hubungi: tidak ada pelanggan di sini yang diharapkan merespons",
            )
            .to_string()
        } else {
            let (c, n) = (
                format::thousands(contacts as u64),
                format::thousands(rows as u64),
            );
            let (share, profit) = (
                format::percent(contacts as f64 / rows as f64),
                format::amount(profit),
            );
            tf!(
                "Contact {c} of {n} ({share}): expected profit {profit}",
                "Hubungi {c} dari {n} ({share}): perkiraan laba {profit}"
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Binary fractions, so every sum below is exact. Rows 2 and 4 tie at 0.5; row 3 sits exactly
    /// on the break-even score 1/4 of [`params`].
    const SCORES: [f64; 10] = [
        0.875, 0.125, 0.5, 0.25, 0.5, 0.0625, 0.75, 0.1875, 0.0, 0.375,
    ];
    /// Rows 0, 2 and 7 responded.
    const OUTCOMES: [bool; 10] = [
        true, false, true, false, false, false, false, true, false, false,
    ];

    fn params() -> PlanParams {
        PlanParams {
            cost: 1.0,
            revenue: 4.0,
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
    }

    #[test]
    fn hand_computed_gains_and_best_cut() {
        // Ranking: rows 0 (.875), 6 (.75), 2 (.5), 4 (.5), 9 (.375), 3 (.25), 7 (.1875),
        // 1 (.125), 5 (.0625), 8 (0). Running sums: .875 1.625 2.125 2.625 3 3.25 3.4375 3.5625
        // 3.625 3.625. Profit 4·S − n: 0 2.5 4.5 5.5 6.5 7 7 6.75 6.25 5.5 4.5.
        let p = plan(&SCORES, None, None, &params()).unwrap();
        assert_eq!(p.rows, 10);
        assert_eq!(p.expected_responders, 3.625);
        assert_eq!(p.base_rate, 0.3625);
        assert_eq!((p.actual_responders, p.actual_rate), (None, None));
        assert_eq!(p.gains.len(), CURVE_POINTS + 1);
        assert_eq!(p.profit.len(), CURVE_POINTS + 1);

        let zero = &p.gains[0];
        assert_eq!((zero.contacts, zero.threshold, zero.lift), (0, None, None));
        assert_eq!(zero.expected_responders, 0.0);
        // 1 % of 10 rows is still one contact; 7 % must not become 8 through 0.07 × 100.
        assert_eq!(p.gains[1].contacts, 1);
        assert_eq!(p.gains[7].contacts, 1);
        assert_eq!(p.gains[10].contacts, 1);
        assert_eq!(p.gains[11].contacts, 2);
        let g10 = &p.gains[10];
        assert_eq!(g10.share, 0.1);
        assert_eq!(g10.threshold, Some(0.875));
        assert_eq!(g10.responder_share, 0.875 / 3.625);
        assert!(close(g10.lift.unwrap(), 0.875 / 3.625 / 0.1));
        let g30 = &p.gains[30];
        assert_eq!((g30.contacts, g30.threshold), (3, Some(0.5)));
        assert_eq!(g30.expected_responders, 2.125);
        assert!(close(g30.lift.unwrap(), 2.125 / 3.625 / 0.3));
        let g100 = &p.gains[100];
        assert_eq!((g100.contacts, g100.threshold), (10, Some(0.0)));
        assert_eq!(g100.responder_share, 1.0);
        assert!(close(g100.lift.unwrap(), 1.0));
        assert!(g100.actual_responders.is_none() && g100.actual_lift.is_none());

        let table: Vec<usize> = p.table.iter().map(|g| g.contacts).collect();
        assert_eq!(table, [1, 2, 3, 5]);
        assert_eq!(p.table[3], p.gains[50]);

        assert_eq!(p.profit[0].expected_profit, 0.0);
        assert_eq!(p.profit[30].expected_profit, 5.5);
        assert_eq!(p.profit[50].expected_profit, 7.0);
        assert_eq!(p.profit[100].expected_profit, 4.5);
        assert!(p.profit[50].actual_profit.is_none());

        let b = &p.best;
        // 5 and 6 contacts both give 7: the sixth (score .25 = break-even) earns exactly its cost.
        assert_eq!((b.contacts, b.share, b.threshold), (5, 0.5, Some(0.375)));
        assert_eq!(b.break_even_score, 0.25);
        assert_eq!((b.expected_responders, b.expected_profit), (3.0, 7.0));
        assert_eq!((b.profit_all, b.profit_none), (4.5, 0.0));
        assert!(close(b.roi.unwrap(), 7.0 / 5.0));
        assert!(b.profitable);
        assert_eq!(
            b.recommendation.en,
            "Contact 5 of 10 (50 %): expected profit 7"
        );
        assert!(p.segments.is_none());
    }

    #[test]
    fn ties_keep_row_order() {
        // At 30 % the third contact is row 2, not row 4 (same score, later row): only row 2
        // responded, so the actual count tells them apart.
        let p = plan(&SCORES, Some(&OUTCOMES), None, &params()).unwrap();
        assert_eq!(p.gains[30].actual_responders, Some(2));
        assert_eq!(p.gains[40].actual_responders, Some(2));
        let all_equal = plan(
            &[0.5; 4],
            Some(&[false, true, false, false]),
            None,
            &params(),
        )
        .unwrap();
        assert_eq!(all_equal.gains[25].actual_responders, Some(0));
        assert_eq!(all_equal.gains[50].actual_responders, Some(1));
    }

    #[test]
    fn outcomes_beside_expectations() {
        let p = plan(&SCORES, Some(&OUTCOMES), None, &params()).unwrap();
        assert_eq!((p.actual_responders, p.actual_rate), (Some(3), Some(0.3)));
        let g10 = &p.gains[10];
        assert_eq!(g10.actual_responders, Some(1));
        assert!(close(g10.actual_share.unwrap(), 1.0 / 3.0));
        assert!(close(g10.actual_lift.unwrap(), (1.0 / 3.0) / 0.1));
        assert_eq!(p.gains[0].actual_share, Some(0.0));
        assert_eq!(p.gains[0].actual_lift, None);
        assert_eq!(p.gains[100].actual_share, Some(1.0));
        // Rows 0 and 2 of the best five responded: 4·2 − 5.
        assert_eq!(p.best.actual_responders, Some(2));
        assert_eq!(p.best.actual_profit, Some(3.0));
        assert_eq!(p.profit[100].actual_profit, Some(4.0 * 3.0 - 10.0));
        // Expected figures are unchanged by the outcomes.
        let without = plan(&SCORES, None, None, &params()).unwrap();
        assert_eq!(p.best.expected_profit, without.best.expected_profit);
        assert_eq!(
            p.gains[30].expected_responders,
            without.gains[30].expected_responders
        );

        let none_responded = plan(&SCORES, Some(&[false; 10]), None, &params()).unwrap();
        assert_eq!(none_responded.actual_responders, Some(0));
        assert_eq!(none_responded.gains[50].actual_share, None);
        assert_eq!(none_responded.gains[50].actual_lift, None);
        assert_eq!(none_responded.gains[50].actual_responders, Some(0));
    }

    #[test]
    fn segments_with_one_not_worth_contacting() {
        let names: Vec<String> = ["A", "B", "C"].map(String::from).to_vec();
        // A: rows 0, 4; B: rows 2, 6, 9; C: rows 1, 3, 5, 8 (all at or below break-even);
        // row 7 in none.
        let labels = [
            Some(0),
            Some(2),
            Some(1),
            Some(2),
            Some(0),
            Some(2),
            Some(1),
            None,
            Some(2),
            Some(1),
        ];
        let segs = Segments {
            labels: &labels,
            names: &names,
        };
        let p = plan(&SCORES, None, Some(segs), &params()).unwrap();
        let b = p.segments.as_ref().unwrap();
        assert_eq!((b.unsegmented, b.unsegmented_contacts), (1, 0));
        let [a, bb, c] = &b.segments[..] else {
            panic!("three segments expected")
        };
        assert_eq!((a.id, a.name.as_str(), a.rows), (0, "A", 2));
        assert_eq!(a.mean_score, Some(0.6875));
        assert_eq!(a.expected_responders, 1.375);
        assert_eq!((a.contacts, a.expected_profit), (2, 3.5));
        assert_eq!((a.best_contacts, a.best_profit), (2, 3.5));
        assert_eq!(a.best_threshold, Some(0.5));
        assert_eq!(
            a.recommendation.en,
            "Contact 2 of 2 (100 %): expected profit 3.5"
        );
        assert_eq!((bb.rows, bb.contacts, bb.expected_profit), (3, 3, 3.5));
        assert_eq!((bb.best_contacts, bb.best_threshold), (3, Some(0.375)));
        assert_eq!((c.rows, c.contacts, c.expected_profit), (4, 0, 0.0));
        assert_eq!(
            (c.best_contacts, c.best_profit, c.best_threshold),
            (0, 0.0, None)
        );
        assert_eq!(
            c.recommendation.en,
            "Do not contact: each call costs more than it is expected to earn"
        );
        // The segments' parts of the best cut-off add up to it.
        let contacts: usize = b.segments.iter().map(|s| s.contacts).sum();
        assert_eq!(contacts + b.unsegmented_contacts, p.best.contacts);
        let profit: f64 = b.segments.iter().map(|s| s.expected_profit).sum();
        assert_eq!(profit, p.best.expected_profit);

        // An empty segment is listed, with nothing to plan.
        let four: Vec<String> = ["A", "B", "C", "D"].map(String::from).to_vec();
        let segs = Segments {
            labels: &labels,
            names: &four,
        };
        let p = plan(&SCORES, None, Some(segs), &params()).unwrap();
        let d = &p.segments.unwrap().segments[3];
        assert_eq!((d.rows, d.mean_score, d.best_contacts), (0, None, 0));
        assert_eq!(d.recommendation.en, "No customers in this segment");
    }

    #[test]
    fn one_row_and_equal_scores() {
        let p = plan(&[0.5], None, None, &params()).unwrap();
        assert!(p.gains[1..]
            .iter()
            .all(|g| g.contacts == 1 && g.lift == Some(1.0)));
        assert_eq!((p.best.contacts, p.best.expected_profit), (1, 1.0));

        let p = plan(&[0.3; 5], None, None, &params()).unwrap();
        assert!(p.gains[1..].iter().all(|g| close(g.lift.unwrap(), 1.0)));
        assert_eq!(p.best.contacts, 5, "each contact earns 4·0.3 − 1 > 0");
        let p = plan(&[0.2; 5], None, None, &params()).unwrap();
        assert_eq!(
            (p.best.contacts, p.best.threshold, p.best.roi),
            (0, None, None)
        );
        assert!(!p.best.profitable);
        assert!(p.best.profit_all < 0.0);
        assert_eq!(
            p.best.recommendation.en,
            "Do not contact: each call costs more than it is expected to earn"
        );

        // No one is expected to respond: shares are 0 and lifts undefined.
        let p = plan(&[0.0; 3], None, None, &params()).unwrap();
        assert_eq!((p.gains[50].responder_share, p.gains[50].lift), (0.0, None));
        assert_eq!(p.best.contacts, 0);
    }

    #[test]
    fn free_contacts_reach_everyone_with_a_chance() {
        let free = PlanParams {
            cost: 0.0,
            revenue: 4.0,
        };
        let p = plan(&[0.2, 0.0, 0.5, -0.0], None, None, &free).unwrap();
        assert_eq!((p.best.contacts, p.best.threshold), (2, Some(0.2)));
        assert!(close(p.best.expected_profit, 2.8));
        assert_eq!(p.best.break_even_score, 0.0);
        assert_eq!(p.best.roi, None, "nothing spent");
        let p = plan(&[0.0, 0.0], None, None, &free).unwrap();
        assert_eq!(
            p.best.recommendation.en,
            "Do not contact: no customer here is expected to respond"
        );
    }

    #[test]
    fn rejects_bad_input() {
        let bad = |cost: f64, revenue: f64| {
            matches!(
                plan(&SCORES, None, None, &PlanParams { cost, revenue }),
                Err(CampaignError::BadParams(_))
            )
        };
        assert!(bad(1.0, 0.0));
        assert!(bad(1.0, -2.0));
        assert!(bad(1.0, f64::NAN));
        assert!(bad(1.0, f64::INFINITY));
        assert!(bad(-1.0, 4.0));
        assert!(bad(f64::NAN, 4.0));
        assert_eq!(
            plan(
                &SCORES,
                None,
                None,
                &PlanParams {
                    cost: 1.0,
                    revenue: 0.0
                }
            )
            .unwrap_err()
            .to_string(),
            "the revenue per response must be a number above 0 (got 0)"
        );

        assert_eq!(plan(&[], None, None, &params()), Err(CampaignError::NoRows));
        assert_eq!(
            plan(&SCORES, Some(&[true; 3]), None, &params()),
            Err(CampaignError::LengthMismatch {
                what: "outcomes",
                expected: 10,
                got: 3
            })
        );
        let names = vec!["A".to_string()];
        let labels = [Some(0), None];
        let short = Segments {
            labels: &labels,
            names: &names,
        };
        let e = plan(&SCORES, None, Some(short), &params()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "2 segment labels given for 10 scored customers"
        );
        let labels = [Some(0), Some(1)];
        let out_of_range = Segments {
            labels: &labels,
            names: &names,
        };
        assert_eq!(
            plan(&[0.1, 0.2], None, Some(out_of_range), &params()),
            Err(CampaignError::BadSegment {
                row: 1,
                label: 1,
                segments: 1
            })
        );

        let e = plan(&[0.1, f64::NAN], None, None, &params()).unwrap_err();
        assert!(matches!(e, CampaignError::BadScore { row: 1, .. }));
        assert_eq!(
            plan(&[1.5], None, None, &params()),
            Err(CampaignError::BadScore { row: 0, value: 1.5 })
        );
        assert!(plan(&[-0.1], None, None, &params()).is_err());
    }

    #[test]
    fn serialises_and_reads_back() {
        let p = plan(&SCORES, Some(&OUTCOMES), None, &params()).unwrap();
        let json = serde_json::to_string(&p).unwrap();
        let back: Plan = serde_json::from_str(&json).unwrap();
        // serde_json's default float parser may miss the last bit of a lift, so compare the
        // figures that are exact binary fractions and the shape.
        assert_eq!(back.best, p.best);
        assert_eq!(back.profit, p.profit);
        assert_eq!(back.gains.len(), p.gains.len());
        assert_eq!(back.table.len(), p.table.len());
        assert!(back
            .gains
            .iter()
            .zip(&p.gains)
            .all(|(a, b)| a.contacts == b.contacts
                && close(a.lift.unwrap_or(0.0), b.lift.unwrap_or(0.0))));
    }

    #[test]
    fn a_million_rows() {
        // A linear congruential sequence: deterministic, no dependency.
        let mut x: u64 = 42;
        let scores: Vec<f64> = (0..1_000_000)
            .map(|_| {
                x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                ((x >> 11) as f64 / (1u64 << 53) as f64).powi(3)
            })
            .collect();
        let p = plan(&scores, None, None, &params()).unwrap();
        let expected: f64 = scores.iter().map(|&s| (4.0 * s - 1.0).max(0.0)).sum();
        assert!(close(p.best.expected_profit, expected));
        assert_eq!(
            p.best.contacts,
            scores.iter().filter(|&&s| s > 0.25).count()
        );
        assert_eq!(p.gains[1].contacts, 10_000);
    }

    #[test]
    fn recommendations_and_errors_in_indonesian() {
        use crate::i18n::{with_lang, Lang};
        let p = plan(&SCORES, None, None, &params()).unwrap();
        assert_eq!(
            p.best.recommendation.id,
            "Hubungi 5 dari 10 (50 %): perkiraan laba 7"
        );
        let free = PlanParams {
            cost: 5.0,
            revenue: 1.0,
        };
        let none = plan(&SCORES, None, None, &free).unwrap();
        assert!(none.best.recommendation.id.starts_with("Jangan hubungi"));
        let bad = PlanParams {
            cost: 1.0,
            revenue: 0.0,
        };
        let e = plan(&SCORES, None, None, &bad).unwrap_err();
        assert_eq!(
            with_lang(Lang::Id, || e.to_string()),
            "pendapatan per respons harus berupa angka di atas 0 (diberikan 0)"
        );
        let e = CampaignError::LengthMismatch {
            what: "segment labels",
            expected: 10,
            got: 2,
        };
        assert_eq!(
            with_lang(Lang::Id, || e.to_string()),
            "2 label segmen diberikan untuk 10 pelanggan yang diberi skor"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn best_beats_every_curve_point(
            // Scores in sixteenths so that ties are common.
            raw in prop::collection::vec(0u8..=16, 1..300),
            cost in 0.0f64..5.0,
            revenue in 0.01f64..10.0,
        ) {
            let scores: Vec<f64> = raw.iter().map(|&r| f64::from(r) / 16.0).collect();
            let params = PlanParams { cost, revenue };
            let labels: Vec<Option<usize>> =
                (0..scores.len()).map(|i| (i % 4 != 3).then_some(i % 3)).collect();
            let names: Vec<String> = ["x", "y", "z"].map(String::from).to_vec();
            let segs = Segments { labels: &labels, names: &names };
            let p = plan(&scores, None, Some(segs), &params).unwrap();
            for point in &p.profit {
                prop_assert!(p.best.expected_profit >= point.expected_profit);
            }
            prop_assert!(p.best.expected_profit >= p.best.profit_all);
            prop_assert!(p.best.expected_profit >= 0.0);
            // Contacting exactly those worth more than they cost is the optimum.
            let expected: f64 = scores.iter().map(|&s| (revenue * s - cost).max(0.0)).sum();
            prop_assert!(close(p.best.expected_profit, expected));
            // Each segment alone reaches the same optimum as its part of the overall plan.
            for s in &p.segments.as_ref().unwrap().segments {
                prop_assert!(s.best_profit >= s.expected_profit - 1e-9);
            }
            prop_assert!(p.gains.windows(2).all(|w| w[0].contacts <= w[1].contacts));
        }
    }
}
