//! The plain-language summary at the top of the Profile step, computed from the profile (never
//! written by hand): size and target rate, the factor that separates the target most, the
//! previous campaign, and data-quality notes.

use super::target::{min_group, Grouping, RateBreakdown};
use super::Profile;
use crate::format::{percent, thousands};
use crate::i18n::t;
use crate::schema::{Role, SchemaKind};
use crate::tf;

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
        Some(s) => tf!(
            "“{}” ({}) and “{}” ({})",
            "“{}” ({}) dan “{}” ({})",
            hi.label.get(),
            percent(hi.rate),
            s.label.get(),
            percent(s.rate)
        ),
        None => format!("“{}” ({})", hi.label.get(), percent(hi.rate)),
    };
    Some(tf!(
        "by {}, the rate is highest for {top} and lowest for “{}” ({})",
        "menurut {}, tingkatnya tertinggi untuk {top} dan terendah untuk “{}” ({})",
        b.column,
        lo.label.get(),
        percent(lo.rate)
    ))
}

/// The summary sentences of a profile, in the current language (the profile keeps them in
/// both, see [`super::Profile::summary`]).
pub fn sentences(p: &Profile) -> Vec<String> {
    let kind = p.schema.kind;
    let (one, many) = p.schema.row.noun();
    let noun = if p.rows == 1 { one } else { many };
    let mut out = Vec::new();
    let min = min_group(p.rows);
    match &p.target {
        Some(t) => {
            let what = if kind == SchemaKind::Unknown || kind == SchemaKind::DqlabCustomers {
                tf!(
                    "have {} = “{}”",
                    "memiliki {} = “{}”",
                    t.column,
                    t.positive_label
                )
            } else {
                kind.positive_verb().to_string()
            };
            out.push(format!(
                "{} {noun}, {} {what}.",
                thousands(p.rows as u64),
                percent(t.rate)
            ));
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
                out.push(crate::format::capitalise(&f) + ".");
            }
            if let Some(prev) = p.schema.find(Role::PreviousOutcome) {
                let name = &p.columns[prev].name;
                let success = t
                    .by_column
                    .iter()
                    .find(|b| &b.column == name)
                    .and_then(|b| {
                        b.groups
                            .iter()
                            .find(|g| g.label.en.eq_ignore_ascii_case("success"))
                    });
                if let Some(g) = success {
                    out.push(tf!(
                        "After a successful previous campaign, {} {} ({} of {} {many}).",
                        "Setelah kampanye sebelumnya berhasil, {} {} ({} dari {} {many}).",
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
                    let yes = b
                        .groups
                        .iter()
                        .find(|g| g.label.en == "1" || g.label.en.eq_ignore_ascii_case("yes"));
                    let no = b
                        .groups
                        .iter()
                        .find(|g| g.label.en == "0" || g.label.en.eq_ignore_ascii_case("no"));
                    if let (Some(y), Some(n)) = (yes, no) {
                        out.push(tf!(
                            "{noun_cap} who accepted {first} responded at {} against {} for the others.",
                            "{noun_cap} yang menerima {first} merespons sebesar {}, dibandingkan {} pada yang lainnya.",
                            percent(y.rate),
                            percent(n.rate),
                            noun_cap = crate::format::capitalise(many)
                        ));
                    }
                }
            }
        }
        None => out.push(tf!(
            "{} {noun} with {} columns; no yes/no target column was found, so response rates are not shown.",
            "{} {noun} dengan {} kolom; kolom target ya/tidak tidak ditemukan, sehingga tingkat respons tidak ditampilkan.",
            thousands(p.rows as u64),
            p.columns.len()
        )),
    }
    for c in &p.columns {
        if let Some(s) = &c.sentinel {
            out.push(tf!(
                "{} uses {} for “{}” in {} {noun}; those are left out of its statistics.",
                "{} memakai {} untuk “{}” pada {} {noun}; nilai tersebut tidak diikutkan dalam statistiknya.",
                c.name,
                crate::table::format_number(s.value),
                s.meaning.get(),
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
        out.push(format!(
            "{}: {}.",
            t("Missing values", "Nilai kosong"),
            list.join(", ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::i18n::{with_lang, Lang};
    use crate::ingest::{read_table, NoProgress, ReadOptions};
    use crate::sample::{bank_csv, customer_personality_csv};

    fn profile_of(text: &str) -> super::Profile {
        let t = read_table(text.as_bytes(), &ReadOptions::default(), &mut NoProgress)
            .unwrap()
            .table;
        crate::profile::profile(&t)
    }

    /// English function words that must not appear in an Indonesian sentence.
    fn assert_indonesian(s: &str) {
        let padded = format!(" {} ", s.to_lowercase());
        for w in [
            " the ", " of ", " and ", " with ", " for ", " in ", " rows ", " who ",
        ] {
            assert!(!padded.contains(w), "English {w:?} in {s:?}");
        }
    }

    #[test]
    fn bank_summary_in_both_languages() {
        let p = profile_of(&bank_csv(3_000, 7));
        let (en, id) = (&p.summary.en, &p.summary.id);
        assert_eq!(en.len(), id.len());
        assert!(en[0].ends_with("subscribed."), "{}", en[0]);
        assert!(id[0].contains(" panggilan, "), "{}", id[0]);
        assert!(id[0].ends_with("membuka deposito."), "{}", id[0]);
        // Indonesian numbers: 3.000 and a decimal comma.
        assert!(id[0].starts_with("3.000 "), "{}", id[0]);
        for s in id {
            assert_indonesian(s);
        }
        let all = id.join(" ");
        assert!(all.contains("tingkatnya tertinggi untuk"), "{all}");
        assert!(all.contains("belum pernah dihubungi"), "{all}");
        // The page reads the current language.
        assert_eq!(with_lang(Lang::Id, || p.summary.get().clone()), *id);
    }

    #[test]
    fn customer_summary_in_indonesian() {
        let p = profile_of(&customer_personality_csv(500, 3));
        let id = &p.summary.id;
        assert!(id[0].contains("pelanggan"), "{}", id[0]);
        assert!(id[0].ends_with("merespons kampanye terakhir."), "{}", id[0]);
        for s in id {
            assert_indonesian(s);
        }
    }

    #[test]
    fn no_target_in_indonesian() {
        let p = profile_of("a,b\n1,x\n2,y\n3,z\n");
        assert_eq!(
            p.summary.id[0],
            "3 baris dengan 2 kolom; kolom target ya/tidak tidak ditemukan, sehingga tingkat respons tidak ditampilkan."
        );
        assert!(p.summary.en[0].starts_with("3 rows with 2 columns; no yes/no target"));
    }
}
