//! Downloads made in the page: a `Blob` with an object URL clicked through a temporary link.
//! The bytes never leave the browser (a `blob:` URL is local to this tab).

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offers `text` as a file called `name`. Returns false when the browser refused.
pub fn download(name: &str, mime: &str, text: &str) -> bool {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let done = download_url(name, &url);
    // Revoked a little later: revoking at once can cancel the download in some browsers.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    }
    done
}

/// Offers the `blob:` or `data:` URL `url` as a file called `name`.
pub fn download_url(name: &str, url: &str) -> bool {
    let done = (|| {
        let document = web_sys::window()?.document()?;
        let a: HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
        a.set_href(url);
        a.set_download(name);
        a.set_attribute("hidden", "").ok()?;
        document.body()?.append_child(&a).ok()?;
        a.click();
        a.remove();
        Some(())
    })();
    done.is_some()
}
