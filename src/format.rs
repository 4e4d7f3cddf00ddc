//! Display formatting: the engine's, so that the page and the engine's sentences agree.

pub use klaster_engine::format::*;
