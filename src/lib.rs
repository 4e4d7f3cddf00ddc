//! Klaster's web app: a thin Leptos UI over the engine, which runs in a Web Worker.
//!
//! - [`app`]: the root component; [`state`]: the page state that worker answers update;
//!   [`focus`]: the keyboard focus kept when the page is drawn anew.
//! - [`components`]: one module per part of the Load step.
//! - [`charts`]: engine results → charming (ECharts) options; pure, tested natively.
//! - [`bidi`]: users' strings shown in stored order (bidi controls as visible marks).
//! - [`download`]: files offered to the user (exports), made in the page.
//! - [`client`] (page side) and [`worker`] (worker side) speak [`protocol`]; the worker spreads
//!   the k sweep over helper workers ([`pool`]) and hands workbooks to the workbook reader, a
//!   worker of its own started on first use ([`workbook`]).

pub mod app;
pub mod bidi;
pub mod charts;
pub mod client;
pub mod components;
pub mod download;
pub mod focus;
pub mod format;
pub mod pool;
pub mod protocol;
pub mod remember;
pub mod state;
pub mod workbook;
pub mod worker;

pub use app::App;
