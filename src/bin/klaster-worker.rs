//! Entry point of the analysis Web Worker (built by Trunk as `data-type="worker"`).
fn main() {
    klaster_web::worker::start();
}
