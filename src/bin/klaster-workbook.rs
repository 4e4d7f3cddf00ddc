//! Entry point of the workbook reader (built by Trunk as `data-type="worker"`), started by the
//! analysis worker when the first workbook arrives: see `klaster_web::workbook`.
fn main() {
    klaster_web::workbook::start();
}
