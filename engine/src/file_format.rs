//! The header every Klaster JSON file starts with (`format`, `version`), checked in one place
//! for the model files and the segmentation files.

use serde::de::DeserializeOwned;

/// Why a text is not a readable file of the expected kind.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum HeaderError {
    /// Not JSON, or not the expected fields: the parser's message.
    Parse(String),
    /// `format` is missing or another kind of file.
    Format,
    /// Written by a newer app.
    Newer(u32),
}

/// Parses `text` as a file of `format` at most `version` (a missing version counts as 0).
pub(crate) fn read<T: DeserializeOwned>(
    text: &str,
    format: &str,
    version: u32,
) -> Result<T, HeaderError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| HeaderError::Parse(e.to_string()))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(format) {
        return Err(HeaderError::Format);
    }
    let found = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if found > u64::from(version) {
        return Err(HeaderError::Newer(u32::try_from(found).unwrap_or(u32::MAX)));
    }
    serde_json::from_value(value).map_err(|e| HeaderError::Parse(e.to_string()))
}
