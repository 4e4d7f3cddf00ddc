//! The plain-language summary at the top of the Profile step, computed from the profile (never
//! written by hand): size and target rate, the factor that separates the target most, the
//! previous campaign, and data-quality notes.

use super::target::{min_group, Grouping, RateBreakdown};
use super::Profile;
use crate::format::{percent, thousands};
use crate::schema::{Role, SchemaKind};

fn group_list(b: &RateBreakdown, min: usize) -> Option<String> {
    let trusted: Vec<_> = b.groups.iter().filter(|g| g.count >= min).collect();
    if trusted.len() < 2 {
        return None;
    }
    let (hi, lo) = (trusted[0], trusted[trusted.len() - 1]);
    let second = trusted
        .get(1)
        .filter(|g| trusted.len() > 2 && g.rate > lo.rate + (hi.rate - lo.rate) * 0.6);
    let top = match second {
        Some(s) => format!(
            "“{}” ({}) and “{}” ({})",
            hi.label,
            percent(hi.rate),
            s.label,
            percent(s.rate)
        ),
        None => format!("“{}” ({})", hi.label, percent(hi.rate)),
    };
    Some(format!(
        "by {}, the rate is highest for {top} and lowest for “{}” ({})",
        b.column,
        lo.label,
        percent(lo.rate)
    ))
}

/// The summary sentences of a profile.
pub fn sentences(p: &Profile) -> Vec<String> {
    let kind = p.schema.kind;
    let (one, many) = kind.row_noun();
    let noun = if p.rows == 1 { one } else { many };
    let mut out = Vec::new();
    let min = min_group(p.rows);
    match &p.target {
        Some(t) => {
            let what = if kind == SchemaKind::Unknown || kind == SchemaKind::DqlabCustomers {
                format!("have {} = “{}”", t.column, t.positive_label)
            } else {
                kind.positive_verb().to_string()
            };
            out.push(format!("{} {noun}, {} {what}.", thousands(p.rows as u64), percent(t.rate)));
            // The two descriptive attributes (job, month, education …) that separate the target
            // most; past campaigns and outcomes get their own sentences below.
            let role_of = |name: &str| p.columns.iter().find(|c| c.name == name).map(|c| c.role);
            let factors: Vec<String> = t
                .by_column
                .iter()
                .filter(|b| b.grouping == Grouping::Category && role_of(&b.column) == Some(Role::Attribute))
                .filter_map(|b| group_list(b, min))
                .take(2)
                .collect();
            for f in factors {
                out.push(capitalise(&f) + ".");
            }
            if let Some(prev) = p.schema.find(Role::PreviousOutcome) {
                let name = &p.columns[prev].name;
                let success = t
                    .by_column
                    .iter()
                    .find(|b| &b.column == name)
                    .and_then(|b| b.groups.iter().find(|g| g.label.eq_ignore_ascii_case("success")));
                if let Some(g) = success {
                    out.push(format!(
                        "After a successful previous campaign, {} {} ({} of {} {many}).",
                        percent(g.rate),
                        kind.positive_verb(),
                        thousands(g.positives as u64),
                        thousands(g.count as u64)
                    ));
                }
            }
            let accepted: Vec<_> = p.schema.all(Role::PastAcceptance).map(|i| p.columns[i].name.clone()).collect();
            if let Some(first) = accepted.first() {
                if let Some(b) = t.by_column.iter().find(|b| &b.column == first) {
                    let yes = b.groups.iter().find(|g| g.label == "1" || g.label.eq_ignore_ascii_case("yes"));
                    let no = b.groups.iter().find(|g| g.label == "0" || g.label.eq_ignore_ascii_case("no"));
                    if let (Some(y), Some(n)) = (yes, no) {
                        out.push(format!(
                            "{noun_cap} who accepted {first} responded at {} against {} for the others.",
                            percent(y.rate),
                            percent(n.rate),
                            noun_cap = capitalise(many)
                        ));
                    }
                }
            }
        }
        None => out.push(format!(
            "{} {noun} with {} columns; no yes/no target column was found, so response rates are not shown.",
            thousands(p.rows as u64),
            p.columns.len()
        )),
    }
    for c in &p.columns {
        if let Some(s) = &c.sentinel {
            out.push(format!(
                "{} uses {} for “{}” in {} {noun}; those are left out of its statistics.",
                c.name,
                crate::table::format_number(s.value),
                s.meaning,
                thousands(s.count as u64)
            ));
        }
    }
    let mut missing: Vec<_> = p.columns.iter().filter(|c| c.missing > 0).collect();
    missing.sort_by_key(|c| std::cmp::Reverse(c.missing));
    if !missing.is_empty() {
        let list: Vec<String> = missing
            .iter()
            .take(3)
            .map(|c| format!("{} ({})", c.name, thousands(c.missing as u64)))
            .collect();
        out.push(format!("Missing values: {}.", list.join(", ")));
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}
