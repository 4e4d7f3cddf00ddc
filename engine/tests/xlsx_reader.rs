//! The fast .xlsx reader gives calamine's cells: on every workbook these tests write (the
//! generated samples as real exports, the committed e2e fixture, a sheet of every cell kind
//! rust_xlsxwriter writes, 1904 dates, hand-edited XML), the sheet converted by the fast reader
//! is byte for byte the one converted from calamine's cells, with the same account of how it
//! was read. Where the fast reader cannot promise that (Excel's `_x000D_` escapes, an .ods
//! file), it steps aside and calamine reads the file.

#[path = "common/workbook.rs"]
mod writer;

use std::io::{Cursor, Read, Write};

use klaster_engine::ingest::workbook::{calamine_sheet_text, fast_sheet_text_only, sheet_text};
use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
use klaster_engine::sample::SampleKind;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

/// The fast reader reads `bytes` (it does not step aside) exactly as calamine does, for the
/// first sheet with a table and for each sheet by name.
fn assert_fast_is_calamine(bytes: &[u8], sheets: &[&str]) {
    let wanted = std::iter::once(None).chain(sheets.iter().map(|s| Some(*s)));
    for sheet in wanted {
        let fast = fast_sheet_text_only(bytes, sheet).expect("the fast reader read the file");
        let slow = calamine_sheet_text(bytes, sheet);
        match (&fast, &slow) {
            (Ok(f), Ok(s)) => {
                assert_eq!(f.read, s.read, "sheet {sheet:?}");
                assert_eq!(
                    String::from_utf8_lossy(&f.csv),
                    String::from_utf8_lossy(&s.csv),
                    "sheet {sheet:?}"
                );
            }
            (Err(f), Err(s)) => assert_eq!(f.to_string(), s.to_string()),
            _ => panic!("sheet {sheet:?}: fast {fast:?}, calamine {slow:?}"),
        }
    }
}

/// `bytes` with one part of the ZIP container changed by `edit`.
fn edit_part(bytes: &[u8], part: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut found = false;
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut text = Vec::new();
        file.read_to_end(&mut text).unwrap();
        if name == part {
            found = true;
            text = edit(String::from_utf8(text).unwrap()).into_bytes();
        }
        out.start_file(name, options).unwrap();
        out.write_all(&text).unwrap();
    }
    assert!(found, "{part} is in the workbook");
    out.finish().unwrap().into_inner()
}

/// A sheet with every kind of cell: text with entities, spaces and non-ASCII letters, rich
/// text, numbers large and small, booleans, dates, date-times, times of day, durations,
/// formulas with number, text, boolean and error results, blank and styled-empty cells, a
/// blank row, and cells with custom and built-in number formats.
fn every_kind_of_cell() -> Vec<u8> {
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet().set_name("Kinds & more").unwrap();
    let headers = [
        "text", "number", "flag", "date", "when", "time", "hours", "formula", "rich", "money",
    ];
    for (j, h) in headers.iter().enumerate() {
        sheet.write_string(0, j as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let when = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let time = Format::new().set_num_format("hh:mm");
    let hours = Format::new().set_num_format("[h]:mm:ss");
    let builtin_date = Format::new().set_num_format_index(14);
    let money = Format::new().set_num_format("\"Rp\" #,##0.00;[Red]-\"Rp\" #,##0.00");
    let bold = Format::new().set_bold();
    let texts = [
        "Tom & Jerry",
        "  padded  ",
        "<b>not bold</b>",
        "Jl. Sudirman \"No. 1\"",
        "café ünïcødé 東京",
        "O'Brien",
        "two\nlines",
        "",
    ];
    let numbers = [0.0, -3.0, 2.5, 1e20, 1.5e-7, 123456789.125, -0.001, 42.0];
    for r in 1..=40u32 {
        if r == 20 {
            continue; // a blank row inside the table
        }
        let i = r as usize % 8;
        let text = texts[i];
        if !text.is_empty() {
            sheet.write_string(r, 0, text).unwrap();
        }
        sheet.write_number(r, 1, numbers[i] * f64::from(r)).unwrap();
        sheet.write_boolean(r, 2, r % 3 == 0).unwrap();
        let day = ExcelDateTime::from_ymd(
            2020 + (r % 5) as u16,
            1 + (r % 12) as u8,
            1 + (r % 28) as u8,
        )
        .unwrap();
        if r % 2 == 0 {
            sheet.write_datetime_with_format(r, 3, &day, &date).unwrap();
        } else {
            sheet
                .write_datetime_with_format(r, 3, &day, &builtin_date)
                .unwrap();
        }
        let moment = ExcelDateTime::from_ymd(2024, 3, 5)
            .unwrap()
            .and_hms((r % 24) as u16, ((r * 7) % 60) as u8, (r * 13) % 60)
            .unwrap();
        sheet
            .write_datetime_with_format(r, 4, &moment, &when)
            .unwrap();
        let clock = ExcelDateTime::from_hms((r % 24) as u16, (r % 60) as u8, 0).unwrap();
        sheet
            .write_datetime_with_format(r, 5, &clock, &time)
            .unwrap();
        sheet
            .write_number_with_format(r, 6, f64::from(r) * 1.25, &hours)
            .unwrap();
        let formula = match r % 4 {
            0 => Formula::new("=B2*2").set_result("5"),
            1 => Formula::new("=A2&\"x\"").set_result("text & result"),
            2 => Formula::new("=TRUE()").set_result("TRUE"),
            _ => Formula::new("=NA()").set_result("#N/A"),
        };
        sheet.write_formula(r, 7, formula).unwrap();
        let plain = Format::new();
        sheet
            .write_rich_string(r, 8, &[(&bold, "Big "), (&plain, "deal")])
            .unwrap();
        if r % 5 == 0 {
            sheet.write_blank(r, 9, &money).unwrap();
        } else {
            sheet
                .write_number_with_format(r, 9, f64::from(r) * 1000.5, &money)
                .unwrap();
        }
    }
    let notes = wb.add_worksheet().set_name("Notes").unwrap();
    notes.write_string(0, 0, "only a note").unwrap();
    let hidden = wb.add_worksheet().set_name("Hidden").unwrap();
    hidden.write_string(0, 0, "a").unwrap();
    hidden.write_string(0, 1, "b").unwrap();
    hidden.set_hidden(true);
    wb.save_to_buffer().unwrap()
}

#[test]
fn the_fast_reader_gives_calamines_cells() {
    for kind in SampleKind::ALL {
        let table = read_table(
            kind.generate(500, 3).as_bytes(),
            &ReadOptions::default(),
            &mut NoProgress,
        )
        .unwrap()
        .table;
        let bytes = writer::xlsx(&table).unwrap();
        assert_fast_is_calamine(&bytes, &["Read me", writer::DATA_SHEET]);
    }
    // A sheet of several megabytes of XML, read by the fast reader in runs of rows as it
    // inflates (one megabyte at a time), the runs cut wherever the megabytes end.
    let big = read_table(
        SampleKind::Customers.generate(3_000, 5).as_bytes(),
        &ReadOptions::default(),
        &mut NoProgress,
    )
    .unwrap()
    .table;
    assert_fast_is_calamine(&writer::xlsx(&big).unwrap(), &[]);
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/customers.xlsx"
    );
    assert_fast_is_calamine(&std::fs::read(fixture).unwrap(), &[]);
    assert_fast_is_calamine(&every_kind_of_cell(), &["Kinds & more", "Notes", "Hidden"]);
}

#[test]
fn dates_counted_from_1904() {
    let bytes = edit_part(&every_kind_of_cell(), "xl/workbook.xml", |xml| {
        xml.replace("<workbookPr ", "<workbookPr date1904=\"1\" ")
    });
    // The same serial numbers are 1,462 days later from 1904: 5 March 2024 reads as 6 March 2028.
    let csv = fast_sheet_text_only(&bytes, None).unwrap().unwrap().csv;
    let csv = String::from_utf8_lossy(&csv);
    assert!(csv.contains("2028-03-06") && !csv.contains("2024-03-05"));
    assert_fast_is_calamine(&bytes, &[]);
}

/// Hand-edited sheet XML, as other writers make it: cells without references, rows without
/// numbers, `t="n"` and `t="str"`, white space between elements, a prefixed namespace.
#[test]
fn sheets_written_by_other_tools() {
    let base = every_kind_of_cell();
    let sheet = "xl/worksheets/sheet1.xml";
    let unreferenced = edit_part(&base, sheet, |xml| {
        let mut out = String::new();
        // Drop every `r="B7"` of a cell (not of a row): positions then follow the order.
        let mut rest = xml.as_str();
        while let Some(i) = rest.find("<c r=\"") {
            out.push_str(&rest[..i]);
            out.push_str("<c");
            let after = &rest[i + 6..];
            rest = &after[after.find('"').unwrap() + 1..];
        }
        out.push_str(rest);
        out.replace("<c>", "<c t=\"n\">")
            .replace("</c>", "</c>\n  ")
    });
    assert_fast_is_calamine(&unreferenced, &[]);
    let strs = edit_part(&base, sheet, |xml| {
        xml.replace(
            "<sheetData>",
            "<sheetData>\n<row r=\"45\"><c r=\"A45\" t=\"str\"><v>Rock &amp; roll</v></c><c r=\"B45\" t=\"n\"><v>7</v></c></row>",
        )
        .replace("<row r=\"45\">", "<row r=\"45\" spans=\"1:2\">")
    });
    // Row 45 comes first in the file: calamine places cells by their references.
    assert_fast_is_calamine(&strs, &[]);
    let prefixed = edit_part(&base, sheet, |xml| {
        xml.replace("<sheetData>", "<x:sheetData xmlns:x=\"urn:x\">")
            .replace("</sheetData>", "</x:sheetData>")
            .replace("<row ", "<x:row ")
            .replace("</row>", "</x:row>")
    });
    assert_fast_is_calamine(&prefixed, &[]);
    // The cells are laid out from the sheet's <dimension>: right, wrong either way, or absent.
    let dimension = |new: &str| {
        let new = new.to_string();
        edit_part(&base, sheet, move |xml| {
            let start = xml.find("<dimension").unwrap();
            let end = start + xml[start..].find("/>").unwrap() + 2;
            format!("{}{}{}", &xml[..start], new, &xml[end..])
        })
    };
    for wrong in [
        "<dimension ref=\"B2:C3\"/>",
        "<dimension ref=\"A1:ZZ9999\"/>",
        "<dimension ref=\"D5:D5\"/>",
        "<dimension ref=\"A1\"/>",
        "",
    ] {
        assert_fast_is_calamine(&dimension(wrong), &[]);
    }
}

/// Inline strings are read; what the fast reader leaves to calamine, calamine then reads.
#[test]
fn unusual_files_are_left_to_calamine() {
    let base = every_kind_of_cell();
    let inline = edit_part(&base, "xl/worksheets/sheet1.xml", |xml| {
        xml.replacen(
            "<c r=\"A2\" t=\"s\"><v>",
            "<c r=\"A2\" t=\"inlineStr\"><is><t>inline</t></is></c><c r=\"Z99\" t=\"s\"><v>",
            1,
        )
    });
    let escaped = edit_part(&base, "xl/sharedStrings.xml", |xml| {
        xml.replacen("Tom &amp; Jerry", "Tom_x000D_Jerry", 1)
    });
    // Inline strings, as openpyxl (and so pandas) writes every text cell, are the fast reader's.
    assert_fast_is_calamine(&inline, &[]);
    assert!(String::from_utf8_lossy(&sheet_text(&inline, None).unwrap().csv).contains("inline"));
    let inline_escaped = edit_part(&inline, "xl/worksheets/sheet1.xml", |xml| {
        xml.replacen("<is><t>inline</t></is>", "<is><t>in_x000D_line</t></is>", 1)
    });
    for bytes in [&escaped, &inline_escaped] {
        assert!(fast_sheet_text_only(bytes, None).is_none());
        assert_eq!(
            sheet_text(bytes, None).unwrap(),
            calamine_sheet_text(bytes, None).unwrap()
        );
    }
    // Not an .xlsx at all: text, and a ZIP without a workbook.
    assert!(fast_sheet_text_only(b"id,name\n1,a\n", None).is_none());
}

/// A damaged style sheet the property test below found (`<numFmts/ count="5">`, a `/` put
/// into styles.xml): calamine reads that tag by another name and so no custom formats; the
/// fast reader must leave such a file to calamine rather than read the formats.
#[test]
fn a_tag_with_a_stray_slash_is_left_to_calamine() {
    let bytes = edit_part(&every_kind_of_cell(), "xl/styles.xml", |xml| {
        xml.replacen("<numFmts count", "<numFmts/ count", 1)
    });
    assert_ne!(bytes, every_kind_of_cell());
    assert!(fast_sheet_text_only(&bytes, None).is_none());
    assert_eq!(
        sheet_text(&bytes, None).unwrap(),
        calamine_sheet_text(&bytes, None).unwrap()
    );
}

mod damaged {
    use super::*;
    use proptest::prelude::*;

    /// Bytes that change the structure of XML when put in a random place.
    const XML_BYTES: &[u8] = b"<>/\"'=&;: \nvcrts0123456789.-E#x_";

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

        /// A damaged part never makes the fast reader panic, and whenever both readers read
        /// the damaged file, they read the same sheet.
        #[test]
        fn damaged_parts_never_panic_and_agree_when_read(
            part in prop::sample::select(vec!["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml"]),
            edits in prop::collection::vec((0.0f64..1.0, 0usize..4, prop::sample::select(XML_BYTES.to_vec())), 1..6),
        ) {
            let bytes = edit_part(&every_kind_of_cell(), part, |xml| {
                let mut b = xml.into_bytes();
                for &(at, cut, byte) in &edits {
                    let i = ((b.len() as f64) * at) as usize;
                    let end = (i + cut).min(b.len());
                    b.splice(i..end, [byte]);
                }
                String::from_utf8_lossy(&b).into_owned()
            });
            if let Some(Ok(fast)) = fast_sheet_text_only(&bytes, None) {
                if let Ok(slow) = calamine_sheet_text(&bytes, None) {
                    prop_assert_eq!(fast, slow);
                }
            }
        }
    }
}
