//! Plain-language names, descriptions and recommended actions for segments, from their
//! profiles — the part of the seeds' write-ups an analyst writes by hand after reading the
//! centroid table. Known tables: High value / Potential / Needs attention / Low value from LRFM
//! ranks, the DQLab list's Diamond/Gold/Silver × Young/Senior by spend and age. Any other
//! table: from what its columns' roles mean (spend and purchases against the average, recency,
//! a short customer life), so a valuable segment gone quiet is "High value at risk" with
//! win-back actions. Without such roles a segment is described from its strongest differences
//! and gets no invented action.

use super::{FeatureValue, SegmentProfile};
use crate::features::names as f;
use crate::format::{amount, percent};
use crate::i18n::{lang, t, L10n, Lang};
use crate::schema::{Role, RowKind, Schema};
use crate::table::Table;
use crate::tf;

/// The kind of segment a name stands for; decides the actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    HighValue,
    Potential,
    NewCustomers,
    NeedsAttention,
    /// Valuable, but long since the last purchase: win them back first.
    AtRisk,
    LowValue,
    Tier(usize),
    Other,
}

fn value<'a>(s: &'a SegmentProfile, column: &str) -> Option<&'a FeatureValue> {
    s.values.iter().find(|v| v.column == column)
}

fn index(s: &SegmentProfile, column: Option<&str>) -> Option<f64> {
    value(s, column?).and_then(|v| v.index)
}

fn mean(s: &SegmentProfile, column: Option<&str>) -> Option<f64> {
    value(s, column?).and_then(|v| v.mean)
}

/// The columns playing L, R, F, M and age, when the segment values have them.
struct Columns {
    length: Option<String>,
    /// When the length is a tenure column of the table's own (months, years …), its name:
    /// its unit is not known, so the sentence names the column.
    length_unit: Option<String>,
    recency: Option<String>,
    frequency: Option<String>,
    monetary: Option<String>,
    age: Option<String>,
    children: Option<String>,
}

fn columns(segments: &[SegmentProfile], schema: &Schema, names: &[String]) -> Columns {
    let has = |c: &str| {
        segments
            .first()
            .is_some_and(|s| value(s, c).is_some_and(|v| v.mean.is_some()))
    };
    let pick = |candidates: &[&str]| candidates.iter().find(|c| has(c)).map(|c| c.to_string());
    let by_role = |role: Role| {
        schema
            .find(role)
            .and_then(|i| names.get(i))
            .filter(|c| has(c))
            .cloned()
    };
    let membership = pick(&[f::MEMBERSHIP_DAYS]);
    let tenure = by_role(Role::Tenure).filter(|_| membership.is_none());
    Columns {
        length: membership.or_else(|| tenure.clone()),
        length_unit: tenure,
        recency: by_role(Role::Recency),
        frequency: pick(&[f::TOTAL_PURCHASES]).or_else(|| by_role(Role::Purchases)),
        monetary: pick(&[f::TOTAL_SPENT]).or_else(|| by_role(Role::Spend)),
        age: pick(&[f::AGE]).or_else(|| by_role(Role::Age)),
        children: pick(&[f::CHILDREN]),
    }
}

/// Names every segment (unique names), writes its description and 2–4 actions.
pub fn name_and_advise(
    segments: &mut [SegmentProfile],
    table: &Table,
    schema: &Schema,
    overall_response: Option<f64>,
    target: Option<&str>,
) {
    let k = segments.len();
    if k == 0 {
        return;
    }
    let table_names: Vec<String> = table.columns.iter().map(|c| c.name.clone()).collect();
    let c = columns(segments, schema, &table_names);
    let used_lrfm = [&c.frequency, &c.recency, &c.length].iter().any(|x| {
        x.as_deref()
            .is_some_and(|n| value(&segments[0], n).is_some_and(|v| v.used))
    });
    // Features the user chose that are known only after the outcome (a call's length): a
    // segment's response rate then follows them and is no reason for an action.
    let after: Vec<&str> = table
        .columns
        .iter()
        .zip(&schema.roles)
        .filter(|(col, r)| {
            r.known_after_outcome() && value(&segments[0], &col.name).is_some_and(|v| v.used)
        })
        .map(|(col, _)| col.name.as_str())
        .collect();
    let monetary = c.monetary.as_deref();
    let any_value_role = [&c.monetary, &c.frequency, &c.recency].iter().any(|x| {
        x.as_deref()
            .is_some_and(|n| value(&segments[0], n).is_some_and(|v| v.used))
    });
    let kinds: Vec<Kind> = if schema.kind == crate::schema::SchemaKind::Unknown && any_value_role {
        role_kinds(segments, &c)
    } else if monetary.is_some() && used_lrfm {
        lrfm_kinds(segments, &c)
    } else if monetary.is_some() && c.age.is_some() {
        tier_kinds(segments, monetary)
    } else {
        vec![Kind::Other; k]
    };
    let names = L10n::build(|| {
        let mut names: Vec<String> = segments
            .iter()
            .zip(&kinds)
            .map(|(s, kind)| match kind {
                Kind::HighValue => t("High value", "Nilai tinggi").to_string(),
                Kind::Potential => t("Potential", "Potensial").to_string(),
                Kind::NewCustomers => {
                    let (many, cap) = (schema.row.noun().1, schema.row.plural_capitalised());
                    tf!("New {many}", "{cap} baru")
                }
                Kind::NeedsAttention => t("Needs attention", "Perlu perhatian").to_string(),
                Kind::AtRisk => {
                    t("High value at risk", "Bernilai tinggi, berisiko pergi").to_string()
                }
                Kind::LowValue => t("Low value", "Nilai rendah").to_string(),
                Kind::Tier(t) => {
                    // DQLab's own (English) names, in both languages.
                    let tier = ["Diamond", "Gold", "Silver"][(*t).min(2)];
                    let young = index(s, c.age.as_deref()).is_some_and(|i| i < 100.0);
                    format!("{tier} {} Member", if young { "Young" } else { "Senior" })
                }
                Kind::Other => generic_name(s),
            })
            .collect();
        // Unique names: a repeated name gets a number.
        for i in 0..k {
            let repeats = names[..i].iter().filter(|n| **n == names[i]).count();
            if repeats > 0 {
                names[i] = format!("{} {}", names[i], repeats + 1);
            }
        }
        names
    });
    for (i, (s, kind)) in segments.iter_mut().zip(&kinds).enumerate() {
        s.name = names.map(|n| n[i].clone());
        s.description = L10n::build(|| describe(s, &c, schema.row));
        s.actions =
            L10n::build(|| actions(s, *kind, schema.row, &c, overall_response, target, &after));
    }
}

fn lrfm_kinds(segments: &[SegmentProfile], c: &Columns) -> Vec<Kind> {
    let k = segments.len();
    // Value score: spend and frequency against the average (recency counts against).
    let score = |s: &SegmentProfile| {
        let m = index(s, c.monetary.as_deref()).unwrap_or(100.0);
        let fr = index(s, c.frequency.as_deref()).unwrap_or(m);
        (m + fr) / 2.0
    };
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| score(&segments[b]).total_cmp(&score(&segments[a])));
    let mut kinds = vec![Kind::Other; k];
    for (rank, &i) in order.iter().enumerate() {
        let s = &segments[i];
        kinds[i] = if rank == 0 {
            Kind::HighValue
        } else if rank == k - 1 {
            Kind::LowValue
        } else if index(s, c.recency.as_deref()).is_some_and(|r| r > 115.0) {
            Kind::NeedsAttention
        } else if index(s, c.length.as_deref()).is_some_and(|l| l < 85.0) {
            Kind::NewCustomers
        } else {
            Kind::Potential
        };
    }
    kinds
}

/// For a table we do not know, from what its roles mean rather than from ranks: value is
/// spend and purchase frequency against the average (index ≥ 115 high, ≤ 85 low), recency
/// tells recent from lapsed (index > 115: longer since the last purchase than average), and
/// a short customer life marks the new. Without any of these the segment is described, not
/// named after an invented kind.
fn role_kinds(segments: &[SegmentProfile], c: &Columns) -> Vec<Kind> {
    segments
        .iter()
        .map(|s| {
            let m = index(s, c.monetary.as_deref());
            let fr = index(s, c.frequency.as_deref());
            let value = match (m, fr) {
                (Some(m), Some(fr)) => Some((m + fr) / 2.0),
                (m, fr) => m.or(fr),
            };
            let lapsed = index(s, c.recency.as_deref()).is_some_and(|r| r > 115.0);
            let new = index(s, c.length.as_deref()).is_some_and(|l| l < 85.0);
            match value {
                Some(v) if v >= 115.0 && lapsed => Kind::AtRisk,
                Some(v) if v >= 115.0 => Kind::HighValue,
                _ if new => Kind::NewCustomers,
                Some(v) if v <= 85.0 => Kind::LowValue,
                _ if lapsed => Kind::NeedsAttention,
                Some(_) => Kind::Potential,
                None => Kind::Other,
            }
        })
        .collect()
}

fn tier_kinds(segments: &[SegmentProfile], monetary: Option<&str>) -> Vec<Kind> {
    let k = segments.len();
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| {
        mean(&segments[b], monetary)
            .unwrap_or(0.0)
            .total_cmp(&mean(&segments[a], monetary).unwrap_or(0.0))
    });
    let mut kinds = vec![Kind::Other; k];
    for (rank, &i) in order.iter().enumerate() {
        kinds[i] = Kind::Tier(rank * 3 / k);
    }
    kinds
}

/// "Higher balance, lower age": the two used features furthest from average.
fn generic_name(s: &SegmentProfile) -> String {
    let mut dev: Vec<(&FeatureValue, f64)> = s
        .values
        .iter()
        .filter(|v| v.used)
        .filter_map(|v| v.index.map(|i| (v, (i.max(1.0) / 100.0).ln())))
        .collect();
    dev.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    let parts: Vec<String> = dev
        .iter()
        .take(2)
        .filter(|(_, d)| d.abs() > 0.1)
        .map(|(v, d)| {
            let column = &v.column;
            if *d > 0.0 {
                tf!("high {column}", "{column} tinggi")
            } else {
                tf!("low {column}", "{column} rendah")
            }
        })
        .collect();
    if !parts.is_empty() {
        let mut name = parts.join(", ");
        // Indonesian names start with the column's own name, which keeps its spelling.
        if lang() == Lang::En {
            if let Some(first) = name.get_mut(..1) {
                first.make_ascii_uppercase();
            }
        }
        return name;
    }
    match s.values.iter().find(|v| v.used && v.mode.is_some()) {
        Some(v) => {
            let mode = v.mode.as_ref().map_or("", |m| m.0.as_str());
            tf!("Mostly {mode}", "Sebagian besar {mode}")
        }
        None => t("Average", "Rata-rata").to_string(),
    }
}

fn describe(s: &SegmentProfile, c: &Columns, row: RowKind) -> String {
    let (size, share) = (row.count(s.size), percent(s.share));
    let mut parts = vec![format!("{size} ({share})")];
    let mut say = |col: &Option<String>, text: &dyn Fn(f64) -> String| {
        if let Some(m) = mean(s, col.as_deref()) {
            let i = index(s, col.as_deref());
            parts.push(match i {
                Some(i) => tf!(
                    "{} ({:.0} % of average)",
                    "{} ({:.0} % dari rata-rata)",
                    text(m),
                    i
                ),
                None => text(m),
            });
        }
    };
    say(&c.monetary, &|m| {
        tf!("spend {} on average", "belanja rata-rata {}", amount(m))
    });
    say(&c.frequency, &|m| {
        tf!("{} purchases", "{} pembelian", amount(m))
    });
    say(&c.recency, &|m| {
        tf!(
            "last purchase {} days ago",
            "pembelian terakhir {} hari lalu",
            amount(m)
        )
    });
    say(&c.length, &|m| match &c.length_unit {
        Some(column) => tf!("{column} {}", "{column} {}", amount(m)),
        None if row == RowKind::Customer => tf!(
            "customers for {} days",
            "menjadi pelanggan selama {} hari",
            amount(m)
        ),
        None => tf!(
            "{} days since the start date",
            "{} hari sejak tanggal mulai",
            amount(m)
        ),
    });
    say(&c.age, &|m| {
        tf!("aged {} on average", "berusia rata-rata {}", amount(m))
    });
    if parts.len() == 1 {
        for v in s.values.iter().filter(|v| v.used).take(4) {
            match (&v.mode, v.mean, v.index) {
                (Some((m, share)), _, _) => parts.push(tf!(
                    "{} mostly {m} ({})",
                    "{} sebagian besar {m} ({})",
                    v.column,
                    percent(*share)
                )),
                (None, Some(m), Some(i)) => parts.push(tf!(
                    "{} {} ({:.0} % of average)",
                    "{} {} ({:.0} % dari rata-rata)",
                    v.column,
                    amount(m),
                    i
                )),
                (None, Some(m), None) => parts.push(format!("{} {}", v.column, amount(m))),
                _ => {}
            }
        }
    }
    if let Some(r) = s.response_rate {
        parts.push(tf!("{} responded", "{} merespons", percent(r)));
    }
    let mut text = parts.join("; ");
    text.push('.');
    text
}

/// The actions a kind of customer segment calls for (`recency`: the segment's mean days since
/// the last purchase, for the win-back wording).
fn customer_actions(kind: Kind, recency: Option<f64>) -> Vec<String> {
    match kind {
        Kind::HighValue => vec![
            t("Reward loyalty: a tiered loyalty programme with points on every purchase.", "Hargai loyalitas: program loyalitas bertingkat dengan poin di setiap pembelian.").into(),
            t("Offer exclusive and premium products, early access and priority service.", "Tawarkan produk eksklusif dan premium, akses lebih awal, serta layanan prioritas.").into(),
            t("Cross-sell and up-sell complementary products to raise the order value.", "Lakukan cross-sell dan up-sell produk pelengkap untuk menaikkan nilai pesanan.").into(),
        ],
        Kind::Potential => vec![
            t("Nurture them: personalised recommendations from their purchase history to buy more often.", "Bina mereka: rekomendasi personal dari riwayat pembelian agar lebih sering membeli.").into(),
            t("A time-limited offer on the next purchase (second-order discount, free delivery).", "Penawaran terbatas waktu untuk pembelian berikutnya (diskon pesanan kedua, gratis ongkos kirim).").into(),
            t("Retarget with reminders of products they looked at.", "Lakukan retargeting dengan pengingat produk yang pernah mereka lihat.").into(),
        ],
        Kind::NewCustomers => vec![
            t("Onboard them: a welcome series introducing the product range.", "Sambut mereka: rangkaian pesan selamat datang yang memperkenalkan ragam produk.").into(),
            t("A first-month incentive for a repeat purchase.", "Insentif bulan pertama untuk pembelian ulang.").into(),
        ],
        Kind::NeedsAttention => vec![
            match recency {
                Some(r) => tf!(
                    "Win them back: a personal “we miss you” offer — their last purchase was {} days ago on average.",
                    "Menangkan kembali mereka: penawaran personal “kami rindu Anda” — pembelian terakhir mereka rata-rata {} hari lalu.",
                    amount(r)
                ),
                None => t("Win them back with a personal “we miss you” offer.", "Menangkan kembali mereka dengan penawaran personal “kami rindu Anda”.").into(),
            },
            t("Ask why: a short survey on what keeps them away.", "Tanyakan alasannya: survei singkat tentang apa yang membuat mereka menjauh.").into(),
            t("Reach them on more channels (email, SMS, social media).", "Jangkau mereka lewat lebih banyak saluran (email, SMS, media sosial).").into(),
        ],
        Kind::AtRisk => vec![
            match recency {
                Some(r) => tf!(
                    "Win them back first: they are worth more than most, but their last purchase was {} days ago on average.",
                    "Menangkan kembali mereka lebih dulu: nilai mereka di atas kebanyakan pelanggan, tetapi pembelian terakhir mereka rata-rata {} hari lalu.",
                    amount(r)
                ),
                None => t("Win them back first: they are worth more than most, but have not bought for a while.", "Menangkan kembali mereka lebih dulu: nilai mereka di atas kebanyakan pelanggan, tetapi sudah lama tidak membeli.").into(),
            },
            t("A personal contact (a call or a message from their account manager) with an offer on what they used to buy.", "Kontak personal (telepon atau pesan dari pengelola akun mereka) dengan penawaran atas produk yang dulu mereka beli.").into(),
            t("Ask what changed: a short survey or a call.", "Tanyakan apa yang berubah: survei singkat atau telepon.").into(),
        ],
        Kind::LowValue => vec![
            t("Keep contact cheap: email and web only, no call-centre time.", "Jaga biaya kontak tetap rendah: hanya email dan web, tanpa waktu call center.").into(),
            t("Entry-level bundles and discounts to trigger a first larger purchase.", "Paket dan diskon tingkat awal untuk memicu pembelian besar pertama.").into(),
            t("Leave them out of paid campaigns until their activity rises.", "Keluarkan mereka dari kampanye berbayar sampai aktivitas mereka meningkat.").into(),
        ],
        Kind::Tier(0) => vec![
            t("Keep them: exclusive offers, a premium loyalty tier and personal service.", "Pertahankan mereka: penawaran eksklusif, tingkat loyalitas premium, dan layanan personal.").into(),
            t("Cross-sell premium products that match their profession and residence.", "Tawarkan produk premium yang sesuai dengan profesi dan tempat tinggal mereka.").into(),
        ],
        Kind::Tier(1) => vec![
            t("Upgrade them: offers that move their yearly spend towards the top tier.", "Naikkan tingkat mereka: penawaran yang mendorong belanja tahunan mereka ke tingkat teratas.").into(),
            t("Bundles of products they already buy, with a loyalty bonus.", "Paket produk yang sudah mereka beli, dengan bonus loyalitas.").into(),
        ],
        Kind::Tier(_) => vec![
            t("Activate them: discounts and promotions on entry products.", "Aktifkan mereka: diskon dan promosi untuk produk tingkat awal.").into(),
            t("Low-cost channels (email, social media) rather than personal visits.", "Saluran berbiaya rendah (email, media sosial), bukan kunjungan personal.").into(),
        ],
        // No role says what these differences mean: no invented action (the page says how
        // roles would give some).
        Kind::Other => Vec::new(),
    }
}

/// The actions for a group of shops or branches: what to learn from, support or review.
fn shop_actions(kind: Kind) -> Vec<String> {
    let l = |en: &'static str, id: &'static str| t(en, id).to_string();
    match kind {
        Kind::HighValue | Kind::Tier(0) => vec![
            l("Learn from them: what these branches do (range, staffing, opening hours, location) is worth copying at the others.", "Belajar dari mereka: apa yang dilakukan cabang-cabang ini (ragam produk, staf, jam buka, lokasi) layak ditiru oleh cabang lain."),
            l("Protect their stock and staffing first in busy periods.", "Utamakan stok dan staf mereka pada masa ramai."),
        ],
        Kind::AtRisk | Kind::NeedsAttention => vec![
            l("Visit these branches: their activity is below what they used to do. Find out why (competition, staffing, stock).", "Kunjungi cabang-cabang ini: aktivitasnya di bawah biasanya. Cari tahu sebabnya (pesaing, staf, stok)."),
        ],
        Kind::Potential | Kind::NewCustomers | Kind::Tier(1) => vec![
            l("Support them with stock and local promotions to reach the level of the best branches.", "Dukung mereka dengan stok dan promosi lokal agar mencapai tingkat cabang terbaik."),
        ],
        Kind::LowValue | Kind::Tier(_) => vec![
            l("Review range, staffing and local demand before investing more here.", "Tinjau ragam produk, staf, dan permintaan setempat sebelum berinvestasi lebih jauh di sini."),
        ],
        Kind::Other => Vec::new(),
    }
}

fn actions(
    s: &SegmentProfile,
    kind: Kind,
    row: RowKind,
    c: &Columns,
    overall_response: Option<f64>,
    target: Option<&str>,
    after: &[&str],
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // Evidence first: what the data says about this segment's response.
    if let (Some(r), Some(o)) = (s.response_rate, overall_response) {
        let target = target.unwrap_or(t("the target", "target"));
        let (r_text, o_text) = (percent(r), percent(o));
        let telling = o > 0.0 && (r >= 1.25 * o || r <= 0.6 * o);
        if telling && !after.is_empty() {
            let cols = after.join(", ");
            out.push(tf!(
                "Their rate of {target} = yes ({r_text} against {o_text} overall) follows {cols}, which is known only after the outcome: no reason to contact them first or last. Segment without it to plan a campaign.",
                "Tingkat {target} = ya mereka ({r_text} dibandingkan {o_text} secara keseluruhan) mengikuti {cols}, yang baru diketahui setelah hasilnya: bukan alasan untuk menghubungi mereka lebih dulu atau paling akhir. Buat segmen tanpanya untuk merencanakan kampanye."
            ));
        } else if o > 0.0 && r >= 1.25 * o {
            out.push(tf!(
                "Put them first in the next campaign: {r_text} of them have {target} = yes against {o_text} overall.",
                "Prioritaskan mereka di kampanye berikutnya: {r_text} dari mereka memiliki {target} = ya, dibandingkan {o_text} secara keseluruhan."
            ));
        } else if o > 0.0 && r <= 0.6 * o {
            out.push(tf!(
                "Contact them last or with a different offer: only {r_text} have {target} = yes against {o_text} overall.",
                "Hubungi mereka paling akhir atau dengan penawaran lain: hanya {r_text} yang memiliki {target} = ya, dibandingkan {o_text} secara keseluruhan."
            ));
        }
    }
    let recency = mean(s, c.recency.as_deref());
    let standard: Vec<String> = match row {
        // Customer marketing does not apply to a group of shops or of single purchases.
        RowKind::Shop => shop_actions(kind),
        RowKind::Purchase => Vec::new(),
        _ => customer_actions(kind, recency),
    };
    out.extend(standard);
    if matches!(kind, Kind::Tier(_)) && !matches!(row, RowKind::Shop | RowKind::Purchase) {
        let young = index(s, c.age.as_deref()).is_some_and(|i| i < 100.0);
        out.push(if young {
            t(
                "Younger members: reach them on social media and mobile.",
                "Anggota muda: jangkau mereka lewat media sosial dan ponsel.",
            )
            .into()
        } else {
            t(
                "Older members: personal contact by phone or in the branch.",
                "Anggota senior: kontak personal lewat telepon atau di kantor cabang.",
            )
            .into()
        });
    }
    if index(s, c.children.as_deref()).is_some_and(|i| i > 130.0) {
        out.push(
            t(
                "Family bundles: they have more children at home than average.",
                "Paket keluarga: mereka memiliki lebih banyak anak di rumah daripada rata-rata.",
            )
            .into(),
        );
    }
    out.truncate(4);
    out
}

#[cfg(test)]
mod tests {
    use crate::i18n::{with_lang, Lang};
    use crate::segment::i18n_tests::prepared;
    use crate::segment::{default_features, segment_table, SegmentParams};

    /// Row `i` of three planted groups: big recent buyers, big buyers gone quiet, small
    /// buyers (sales, orders, days since the last order).
    fn three_groups(i: usize) -> (f64, f64, f64) {
        let j = ((i * 7919) % 100) as f64 / 100.0;
        match i % 3 {
            0 => (5_000.0 + 500.0 * j, 40.0 + 5.0 * j, 10.0 + 10.0 * j),
            1 => (4_800.0 + 500.0 * j, 38.0 + 5.0 * j, 300.0 + 30.0 * j),
            _ => (300.0 + 100.0 * j, 3.0 + 2.0 * j, 60.0 + 40.0 * j),
        }
    }

    #[test]
    fn a_table_we_do_not_know_gets_names_and_actions_from_its_roles() {
        let mut text = String::from("cust_no,total_sales,orders,days_since_last_order,kota\n");
        for i in 0..600 {
            let (sales, orders, days) = three_groups(i);
            let city = ["Jakarta", "Medan"][i % 2];
            text.push_str(&format!(
                "C{i:05},{sales:.2},{orders:.0},{days:.0},{city}\n"
            ));
        }
        let (derived, cleaned) = prepared(&text);
        let params = SegmentParams {
            k_min: 3,
            k_max: 3,
            n_init: 3,
            ..SegmentParams::new(default_features(&derived))
        };
        let seg = segment_table(&cleaned, &derived.schema, &params).unwrap();
        // Money and counts that are not heavy-tailed keep the standard scaling.
        assert!(seg
            .features
            .iter()
            .all(|f| f.scaling == crate::features::Scaling::Standard));
        let mut names: Vec<&str> = seg.segments.iter().map(|s| s.name.en.as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, ["High value", "High value at risk", "Low value"]);
        let at_risk = seg
            .segments
            .iter()
            .find(|s| s.name.en == "High value at risk")
            .unwrap();
        assert!(
            at_risk.actions.en[0].starts_with("Win them back first"),
            "{:?}",
            at_risk.actions.en
        );
        assert_eq!(at_risk.name.id, "Bernilai tinggi, berisiko pergi");
        assert!(seg.segments.iter().all(|s| !s.actions.en.is_empty()));
        with_lang(Lang::Id, || {
            assert!(at_risk.actions.id[0].starts_with("Menangkan kembali"));
        });
    }

    #[test]
    fn the_answer_to_what_one_row_is_sets_the_nouns_and_the_actions() {
        use crate::schema::RowKind;
        let mut text = String::from("branch,total_sales,orders,days_since_last_order\n");
        for i in 0..600 {
            let (sales, orders, days) = three_groups(i);
            text.push_str(&format!("B{i:04},{sales:.2},{orders:.0},{days:.0}\n"));
        }
        let (derived, cleaned) = prepared(&text);
        assert_eq!(derived.schema.row, RowKind::Shop, "branch codes, each once");
        let run = |row: RowKind| {
            let schema = derived.schema.clone().with_row(Some(row));
            let params = SegmentParams {
                k_min: 3,
                k_max: 3,
                n_init: 3,
                ..SegmentParams::new(default_features(&derived))
            };
            segment_table(&cleaned, &schema, &params).unwrap()
        };
        let shops = run(RowKind::Shop);
        for s in &shops.segments {
            assert!(s.description.en.starts_with(&format!("{} shops (", s.size)));
            assert!(s.description.id.contains(" toko ("), "{}", s.description.id);
            assert!(!s.actions.en.is_empty());
            // Branch actions, not customer marketing.
            assert!(
                s.actions
                    .en
                    .iter()
                    .all(|a| !a.contains("loyalty") && !a.contains("offer")),
                "{:?}",
                s.actions.en
            );
        }
        let best = shops
            .segments
            .iter()
            .find(|s| s.name.en == "High value")
            .unwrap();
        assert!(best.actions.en[0].starts_with("Learn from them"));
        let purchases = run(RowKind::Purchase);
        for s in &purchases.segments {
            assert!(s
                .description
                .en
                .starts_with(&format!("{} purchases (", s.size)));
            assert!(
                s.actions.en.is_empty(),
                "campaign actions are for customers"
            );
        }
        let customers = run(RowKind::Customer);
        assert!(customers
            .segments
            .iter()
            .all(|s| s.description.en.contains(" customers (")));
    }

    #[test]
    fn heavy_tailed_money_and_counts_are_log_scaled_by_default_in_tables_we_do_not_know() {
        let mut text = String::from("customer,total_sales,orders,age\n");
        for i in 0..500u32 {
            let u = ((i * 7919) % 1000) as f64 / 1000.0;
            // Most customers buy little, a few a lot: a long right tail.
            let sales = 20.0 * (6.0 * u * u * u).exp();
            let orders = 1.0 + (u * u * u * 60.0).floor();
            text.push_str(&format!("C{i},{sales:.2},{orders},{}\n", 20 + i % 50));
        }
        let (derived, _) = prepared(&text);
        let scaling: Vec<(String, crate::features::Scaling)> = default_features(&derived)
            .into_iter()
            .map(|f| (f.column, f.scaling))
            .collect();
        use crate::features::Scaling::{Log1p, Standard};
        assert_eq!(
            scaling,
            [
                ("total_sales".to_string(), Log1p),
                ("orders".to_string(), Log1p),
                ("age".to_string(), Standard)
            ]
        );
    }

    #[test]
    fn columns_without_roles_are_described_and_given_no_invented_action() {
        let mut text = String::from("a,b,c\n");
        for i in 0..300 {
            let g = (i % 3) as f64;
            text.push_str(&format!(
                "{:.2},{:.2},{:.2}\n",
                g * 10.0 + (i % 7) as f64 / 7.0,
                g * 5.0,
                (i % 5) as f64
            ));
        }
        let (derived, cleaned) = prepared(&text);
        let params = SegmentParams {
            k_min: 3,
            k_max: 3,
            n_init: 2,
            ..SegmentParams::new(default_features(&derived))
        };
        let seg = segment_table(&cleaned, &derived.schema, &params).unwrap();
        for s in &seg.segments {
            assert!(s.actions.en.is_empty(), "{:?}", s.actions.en);
            assert!(
                s.name.en.starts_with("High ") || s.name.en.starts_with("Low "),
                "{}",
                s.name.en
            );
            assert!(
                s.description.en.contains("% of average"),
                "{}",
                s.description.en
            );
        }
    }
}
