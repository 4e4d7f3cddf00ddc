//! Entry point of the page: mounts the app, nothing else.
fn main() {
    console_error_panic_hook::set_once();
    // Before the app mounts, so its first render is already watched.
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        // MutationObserver exists in every browser that runs WebAssembly; without it the
        // page still works, showing bidi controls as the browser does.
        let _ = klaster_web::bidi::watch(&body);
    }
    leptos::mount::mount_to_body(klaster_web::App);
}
