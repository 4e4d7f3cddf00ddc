//! Where a workbook's reading time goes, natively: inflating the data sheet's XML alone, the
//! sheet converted to CSV text (`fast_sheet_text_only`: inflating, scanning, writing), and that
//! text read as a table (parse and type inference), each timed three times.
//!
//! cargo run --release -p klaster-engine --example workbook_timing -- FILE.xlsx
//! (e.g. the benchmark's workbook: `--example workbook -- --rows 50000 --out FILE.xlsx`)

use std::io::Read;
use std::time::Instant;

use klaster_engine::ingest::workbook::fast_sheet_text_only;
use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: workbook_timing FILE.xlsx")?;
    let bytes = std::fs::read(&path)?;
    let text = fast_sheet_text_only(&bytes, None)
        .ok_or("the fast reader leaves this file to calamine")??;
    // The largest part is the data sheet.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..]))?;
    let mut largest = (0, String::new());
    for i in 0..zip.len() {
        let part = zip.by_index(i)?;
        if part.size() > largest.0 {
            largest = (part.size(), part.name()?.to_string());
        }
    }
    let largest = largest.1;
    for _ in 0..3 {
        let t = Instant::now();
        let mut part = zip.by_name(&largest)?;
        let mut buf = vec![0u8; 1 << 20];
        let mut xml = 0;
        loop {
            let n = part.read(&mut buf)?;
            if n == 0 {
                break;
            }
            xml += n;
        }
        drop(part);
        let inflate = t.elapsed();
        let t = Instant::now();
        let converted = fast_sheet_text_only(&bytes, None).ok_or("left to calamine")??;
        let convert = t.elapsed();
        let t = Instant::now();
        let loaded = read_table(&converted.csv, &ReadOptions::default(), &mut NoProgress)?;
        let parse = t.elapsed();
        println!(
            "{largest}: {xml} bytes of XML inflated in {inflate:.0?}; converted in {convert:.0?} \
             ({} bytes of CSV); read as {} rows in {parse:.0?}",
            text.csv.len(),
            loaded.table.n_rows()
        );
    }
    Ok(())
}
