//! Workbooks read as a person reads them: the sheet that holds the table, the header below a
//! title block, Excel dates as dates, codes with leading zeros as text, the same table as the
//! same data in CSV. The workbooks are written here (rust_xlsxwriter, and a hand-made
//! OpenDocument file), plus the committed e2e fixture.

#[path = "common/workbook.rs"]
mod writer;

use std::io::Write;

use klaster_engine::ingest::workbook::{read_workbook, sheet_text};
use klaster_engine::ingest::{read_table, Loaded, NoProgress, ReadOptions};
use klaster_engine::sample::SampleKind;
use klaster_engine::{ColumnType, IngestError};
use writer::{xlsx, DATA_SHEET, HEADER_ROW, TITLE};

fn csv(text: &str) -> Loaded {
    read_table(text.as_bytes(), &ReadOptions::default(), &mut NoProgress).unwrap()
}

fn book(bytes: &[u8], sheet: Option<&str>) -> Result<Loaded, IngestError> {
    read_workbook(bytes, sheet, &ReadOptions::default(), &mut NoProgress)
}

fn column_names(l: &Loaded) -> Vec<&str> {
    l.table.columns.iter().map(|c| c.name.as_str()).collect()
}

/// The same cells, column by column, as the page shows them.
fn assert_same_table(a: &Loaded, b: &Loaded) {
    assert_eq!(a.table.n_rows(), b.table.n_rows());
    assert_eq!(a.table.n_cols(), b.table.n_cols());
    for (x, y) in a.table.columns.iter().zip(&b.table.columns) {
        assert_eq!(x.name, y.name);
        assert_eq!(x.kind, y.kind, "{}", x.name);
        for row in 0..a.table.n_rows() {
            assert_eq!(x.display(row), y.display(row), "{} row {row}", x.name);
        }
    }
}

#[test]
fn a_sample_as_a_workbook_reads_as_the_same_table_as_its_csv() {
    for kind in SampleKind::ALL {
        let from_csv = csv(&kind.generate(300, 11));
        let bytes = xlsx(&from_csv.table).unwrap();
        let from_book = book(&bytes, None).unwrap();
        assert_same_table(&from_csv, &from_book);
        let read = from_book.report.workbook.as_ref().unwrap();
        // "Read me" holds no table and "Lookup" is hidden: the data sheet is chosen.
        assert_eq!(read.sheets, ["Read me", DATA_SHEET]);
        assert_eq!(read.sheet, DATA_SHEET);
        assert_eq!(read.header_row, HEADER_ROW);
        assert_eq!(read.skipped_above, TITLE);
        assert_eq!(read.error_cells, 0);
    }
}

#[test]
fn dates_numbers_and_codes_keep_their_meaning() {
    let from_csv = csv("code,joined,spend,visits,member\n\
         00042,2024-03-05,10.5,3,yes\n\
         00107,2023-12-31,1200,1,no\n\
         01000,2022-01-15,,7,yes\n");
    let from_book = book(&xlsx(&from_csv.table).unwrap(), Some(DATA_SHEET)).unwrap();
    let kinds: Vec<ColumnType> = from_book.table.columns.iter().map(|c| c.kind).collect();
    assert_eq!(kinds[0], from_csv.table.columns[0].kind);
    assert_ne!(
        kinds[0],
        ColumnType::Integer,
        "codes with leading zeros stay text"
    );
    assert_eq!(kinds[1], ColumnType::Date);
    assert_eq!(
        from_book.table.column("joined").unwrap().display(0),
        "2024-03-05"
    );
    assert_eq!(from_book.table.column("code").unwrap().display(2), "01000");
    assert_eq!(from_book.table.column("spend").unwrap().display(2), "");
    assert_same_table(&from_csv, &from_book);
}

#[test]
fn another_sheet_by_name_and_clear_messages() {
    let table = csv("a,b\n1,2\n3,4\n").table;
    let bytes = xlsx(&table).unwrap();
    let e = book(&bytes, Some("Sheet9")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "The workbook has no sheet called \"Sheet9\"."
    );
    let e = book(&bytes, Some("Read me")).unwrap_err();
    assert!(
        matches!(&e, IngestError::NoTable { sheet } if sheet == "Read me"),
        "{e}"
    );
    assert!(e.to_string().contains("holds no table"), "{e}");

    // A ZIP that is not a workbook says so.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("photo.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"hello").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let e = book(&bytes, None).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("This looks like a ZIP archive, not"),
        "{e}"
    );
    // A damaged workbook: the reader's reason and what to do.
    let mut cut = xlsx(&table).unwrap();
    cut.truncate(cut.len() / 2);
    let e = book(&cut, None).unwrap_err();
    assert!(
        e.to_string().starts_with("The workbook could not be read"),
        "{e}"
    );
}

/// A minimal OpenDocument spreadsheet (content.xml in a ZIP, as LibreOffice writes it): a title
/// row, a blank row, the header, dates, floats, a string code with leading zeros, an empty
/// column, and an error-free second sheet.
fn ods() -> Vec<u8> {
    let cell = |t: &str| {
        format!("<table:table-cell office:value-type=\"string\"><text:p>{t}</text:p></table:table-cell>")
    };
    let num = |v: f64| {
        format!("<table:table-cell office:value-type=\"float\" office:value=\"{v}\"><text:p>{v}</text:p></table:table-cell>")
    };
    let date = |d: &str| {
        format!("<table:table-cell office:value-type=\"date\" office:date-value=\"{d}\"><text:p>{d}</text:p></table:table-cell>")
    };
    let empty = "<table:table-cell/>";
    let row = |cells: &[String]| format!("<table:table-row>{}</table:table-row>", cells.concat());
    let mut rows = vec![
        row(&[cell("Pelanggan toko — Maret 2024")]),
        row(&[empty.to_string()]),
        row(&[
            cell("kode"),
            cell("tanggal_daftar"),
            cell("belanja"),
            empty.into(),
            cell("kota"),
        ]),
    ];
    let cities = ["Bandung", "Jakarta", "Surabaya"];
    for i in 0..30 {
        rows.push(row(&[
            cell(&format!("{:05}", i * 7)),
            date(&format!("2024-01-{:02}T00:00:00", 1 + i % 28)),
            num(1000.0 + 12.5 * f64::from(i)),
            empty.into(),
            cell(cities[i as usize % 3]),
        ]));
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
<office:body><office:spreadsheet>\
<table:table table:name=\"Data\">{}</table:table>\
<table:table table:name=\"Ringkasan\"><table:table-row>{}{}</table:table-row><table:table-row>{}{}</table:table-row></table:table>\
</office:spreadsheet></office:body></office:document-content>",
        rows.concat(),
        cell("total"),
        cell("n"),
        num(1.0),
        num(2.0),
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
</manifest:manifest>";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn an_opendocument_sheet_reads_like_an_excel_one() {
    let bytes = ods();
    let loaded = book(&bytes, None).unwrap();
    let read = loaded.report.workbook.as_ref().unwrap();
    assert_eq!(read.sheets, ["Data", "Ringkasan"]);
    assert_eq!(read.sheet, "Data");
    assert_eq!(read.header_row, 3);
    assert_eq!(read.skipped_above, ["Pelanggan toko — Maret 2024"]);
    assert_eq!(read.empty_columns, 1);
    let names = column_names(&loaded);
    assert_eq!(names, ["kode", "tanggal_daftar", "belanja", "kota"]);
    assert_eq!(loaded.table.n_rows(), 30);
    let t = &loaded.table;
    assert_eq!(t.column("tanggal_daftar").unwrap().kind, ColumnType::Date);
    assert_eq!(t.column("tanggal_daftar").unwrap().display(3), "2024-01-04");
    assert_ne!(t.column("kode").unwrap().kind, ColumnType::Integer);
    assert_eq!(t.column("kode").unwrap().display(1), "00007");
    assert_eq!(t.column("belanja").unwrap().number(2), Some(1025.0));
    // The second sheet, by name.
    let other = sheet_text(&bytes, Some("Ringkasan")).unwrap();
    assert_eq!(String::from_utf8(other.csv).unwrap(), "total,n\n1,2\n");
}

/// The workbook the browser e2e suite uploads (tests/fixtures/customers.xlsx, written by
/// `cargo run -p klaster-engine --example workbook -- --rows 600 --out tests/fixtures/customers.xlsx`)
/// still reads as the generated customers it was made from.
#[test]
fn the_committed_e2e_workbook_reads_as_its_table() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/customers.xlsx"
    );
    let bytes = std::fs::read(path).unwrap();
    let from_book = book(&bytes, None).unwrap();
    let from_csv = csv(&SampleKind::Customers.generate(600, klaster_engine::sample::DEFAULT_SEED));
    assert_same_table(&from_csv, &from_book);
}

/// A header written by hand: a merged title cell over two columns, an empty header cell, and
/// formulas whose cached results are Excel errors.
#[test]
fn merged_and_empty_header_cells_and_error_cells() {
    use rust_xlsxwriter::{Format, Formula, Workbook};
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet().set_name("Data").unwrap();
    sheet
        .merge_range(0, 0, 0, 1, "Spend", &Format::new())
        .unwrap();
    sheet.write_string(0, 3, "city").unwrap();
    for r in 1..=20u32 {
        sheet.write_number(r, 0, f64::from(r) * 10.0).unwrap();
        sheet.write_number(r, 1, f64::from(r) * 2.5).unwrap();
        sheet
            .write_string(r, 3, if r % 2 == 0 { "Medan" } else { "Depok" })
            .unwrap();
        if r % 5 == 0 {
            sheet
                .write_formula(r, 2, Formula::new("=1/0").set_result("#DIV/0!"))
                .unwrap();
        } else {
            sheet.write_number(r, 2, f64::from(r)).unwrap();
        }
    }
    let bytes = wb.save_to_buffer().unwrap();
    let loaded = book(&bytes, None).unwrap();
    let names = column_names(&loaded);
    assert_eq!(names, ["Spend", "unnamed_2", "unnamed_3", "city"]);
    let read = loaded.report.workbook.as_ref().unwrap();
    assert_eq!((read.header_row, read.error_cells), (1, 4));
    assert_eq!(read.error_example.as_deref(), Some("#DIV/0!"));
    assert!(read
        .describe()
        .ends_with("4 cell(s) with an Excel error (e.g. #DIV/0!) read as missing."));
    let c = loaded.table.column("unnamed_3").unwrap();
    assert_eq!((c.kind, c.data.missing()), (ColumnType::Integer, 4));
    assert_eq!(
        loaded.report.renamed_headers.len(),
        2,
        "the renames are reported as for CSV"
    );
}
