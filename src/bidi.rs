//! Bidi safety for every string the page shows. A right-to-left override (U+202E) in a cell or a
//! column name makes "evil" display as "live", and can reorder the page's own words around it.
//! Two parts, each in one place instead of one call per view:
//! - `style/main.css` isolates the elements that hold users' strings (`unicode-bidi: isolate`
//!   on table cells, list items, options, names), so a right-to-left name never reorders the
//!   text beside it;
//! - [`watch`] writes bidi control characters as visible marks ([`format::shown`]) wherever
//!   they reach the document — text nodes and the `title`, `aria-label` and `placeholder`
//!   attributes — whichever component rendered them. Charts get the same rule in
//!   [`crate::charts::echarts_option`] (ECharts draws on a canvas).
//!
//! Display only: the worker's table, the exports and the SQL keep the original characters.

use klaster_engine::format::{self, is_bidi_control};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, MutationObserver, MutationObserverInit, MutationRecord, Node};

/// Attributes a person reads (or hears from a screen reader).
const ATTRIBUTES: [&str; 3] = ["title", "aria-label", "placeholder"];

/// Rewrites one text node if it holds a bidi control.
fn fix_text(node: &Node) {
    if let Some(text) = node.node_value() {
        if let std::borrow::Cow::Owned(shown) = format::shown(&text) {
            node.set_node_value(Some(&shown));
        }
    }
}

fn fix_attribute(element: &Element, name: &str) {
    if let Some(value) = element.get_attribute(name) {
        if let std::borrow::Cow::Owned(shown) = format::shown(&value) {
            // Setting an attribute cannot fail for these names.
            let _ = element.set_attribute(name, &shown);
        }
    }
}

/// Rewrites a node and everything below it. One serialisation decides whether there is
/// anything to do, so the common case (no control character) costs a string copy, not a walk.
fn fix_subtree(node: &Node) {
    if node.node_type() == Node::TEXT_NODE {
        fix_text(node);
        return;
    }
    let Some(element) = node.dyn_ref::<Element>() else {
        return;
    };
    if !element.outer_html().contains(is_bidi_control) {
        return;
    }
    walk(node);
}

fn walk(node: &Node) {
    match node.node_type() {
        Node::TEXT_NODE => fix_text(node),
        Node::ELEMENT_NODE => {
            if let Some(element) = node.dyn_ref::<Element>() {
                for name in ATTRIBUTES {
                    fix_attribute(element, name);
                }
            }
            let children = node.child_nodes();
            for i in 0..children.length() {
                if let Some(child) = children.item(i) {
                    walk(&child);
                }
            }
        }
        _ => {}
    }
}

fn on_mutations(records: js_sys::Array) {
    for record in records.iter() {
        let Ok(record) = record.dyn_into::<MutationRecord>() else {
            continue;
        };
        match record.type_().as_str() {
            "childList" => {
                let added = record.added_nodes();
                for i in 0..added.length() {
                    if let Some(node) = added.item(i) {
                        fix_subtree(&node);
                    }
                }
            }
            "characterData" => {
                if let Some(node) = record.target() {
                    fix_text(&node);
                }
            }
            "attributes" => {
                if let (Some(element), Some(name)) = (
                    record.target().and_then(|t| t.dyn_into::<Element>().ok()),
                    record.attribute_name(),
                ) {
                    fix_attribute(&element, &name);
                }
            }
            _ => {}
        }
    }
}

/// Watches `root` and everything that is ever put below it, for the life of the page.
pub fn watch(root: &Node) -> Result<(), JsValue> {
    fix_subtree(root);
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(on_mutations);
    let observer = MutationObserver::new(callback.as_ref().unchecked_ref())?;
    // The page lives as long as the observer: nothing ever releases it.
    callback.forget();
    let options = MutationObserverInit::new();
    options.set_subtree(true);
    options.set_child_list(true);
    options.set_character_data(true);
    options.set_attributes(true);
    options.set_attribute_filter(
        &ATTRIBUTES
            .iter()
            .map(|a| JsValue::from_str(a))
            .collect::<js_sys::Array>(),
    );
    observer.observe_with_options(root, &options)
}
