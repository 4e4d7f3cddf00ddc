//! The files the Export card offers, made from the session: the ranked list, the segment
//! summary, the segmentation file and the warehouse query.

use super::*;

/// Every row ranked by score with its segment and top three reasons, as spreadsheet-safe CSV.
pub(super) fn export_ranked(segment_names: &[String]) -> Result<Response, Msg> {
    SESSION.with_borrow(|s| {
        let s = s.as_ref().ok_or_else(no_file)?;
        let (derived, cleaned) = s.prepared.as_ref().ok_or_else(not_prepared)?;
        let (model, scores) = s.scored.as_ref().ok_or_else(not_scored)?;
        let table = &derived.table;
        let n = scores.len();
        let order = ranking(scores);
        let reasons = model
            .explain_rows(table, &derived.schema, &order, 3)
            .map_err(err)?;
        let labels = s
            .segmentation
            .as_ref()
            .map(|seg| seg.row_labels(&cleaned.kept, n));
        let names = s
            .segmentation
            .as_ref()
            .map(|seg| seg.names_with(segment_names))
            .unwrap_or_default();
        let id_column = derived
            .schema
            .find(Role::Id)
            .and_then(|i| table.columns.get(i));
        let mut out = String::with_capacity(n * 160);
        out.push_str("rank,row,");
        if let Some(c) = id_column {
            out.push_str(&csv_cell(&c.name));
            out.push(',');
        }
        out.push_str("score,segment,reason_1,reason_2,reason_3\n");
        for (i, (&r, why)) in order.iter().zip(&reasons).enumerate() {
            out.push_str(&format!("{},{},", i + 1, r + 1));
            if let Some(c) = id_column {
                out.push_str(&csv_cell(&c.display(r)));
                out.push(',');
            }
            out.push_str(&format!("{:.6},", scores[r]));
            if let Some(seg) = labels.as_ref().and_then(|l| l[r]) {
                let name = names
                    .get(seg)
                    .cloned()
                    .unwrap_or_else(|| tf!("segment {}", "segmen {}", seg + 1));
                out.push_str(&csv_cell(&name));
            }
            for k in 0..3 {
                out.push(',');
                if let Some(reason) = why.get(k) {
                    out.push_str(&csv_cell(reason.text.get()));
                }
            }
            out.push('\n');
        }
        Ok(Response::Export {
            name: format!("{}-ranked.csv", s.stem()),
            mime: "text/csv".to_string(),
            text: out,
        })
    })
}

/// A file of the Export card.
pub(super) fn export(what: &ExportKind, segment_names: &[String]) -> Result<Response, Msg> {
    SESSION.with_borrow(|s| {
        let s = s.as_ref().ok_or_else(no_file)?;
        let (derived, cleaned) = s.prepared.as_ref().ok_or_else(not_prepared)?;
        let seg = s.segmentation.as_ref();
        let model = s.scored.as_ref().map(|(m, _)| m);
        let (name, mime, text) = match what {
            // A shared borrow inside a shared borrow: fine.
            ExportKind::Ranked => return export_ranked(segment_names),
            ExportKind::Summary => {
                let seg = seg.ok_or_else(not_segmented)?;
                let labels = seg.row_labels(&cleaned.kept, derived.table.n_rows());
                let scores = s.scored.as_ref().map(|(_, sc)| sc.as_slice());
                (
                    format!("{}-segments.csv", s.stem()),
                    "text/csv",
                    seg.summary_csv(segment_names, &labels, scores),
                )
            }
            ExportKind::Segments => {
                let seg = seg.ok_or_else(not_segmented)?;
                let file = SegmentsFile::new(&s.name, seg, segment_names, derived);
                (
                    format!("{}-segments.json", s.stem()),
                    "application/json",
                    file.to_json(),
                )
            }
            ExportKind::Sql { dialect, table } => {
                let names = seg.map(|g| g.names_with(segment_names)).unwrap_or_default();
                let source = Source::of(derived);
                let table = if table.trim().is_empty() {
                    "customers"
                } else {
                    table.trim()
                };
                let query = Query {
                    table,
                    source: &source,
                    model,
                    segments: seg.map(|g| (&g.model, names.as_slice())),
                };
                let sql = scoring_sql(&query, *dialect).map_err(err)?;
                (
                    format!("{}-scoring-{}.sql", s.stem(), dialect.id()),
                    "application/sql",
                    sql,
                )
            }
        };
        Ok(Response::Export {
            name,
            mime: mime.to_string(),
            text,
        })
    })
}
