//! The small parts of an .xlsx workbook, read once when it opens, as calamine reads them: the
//! ZIP container's parts (`part`), the workbook's relationships and sheet list, the shared
//! strings (and inline ones: `read_string`), and each cell style's number format, with
//! calamine's rules for which formats show dates and times. The sheet itself is scanned by
//! [`super::xlsx`].

use std::borrow::Cow;
use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::xml::{decode, decode_text, Fast, Tags, Unsupported};

/// How a cell style shows a number: calamine's `CellFormat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NumberFormat {
    Other,
    DateTime,
    TimeDelta,
}

/// A sheet as the workbook lists it.
pub(super) struct SheetEntry {
    pub(super) name: String,
    /// Its part in the ZIP container (`xl/worksheets/sheet2.xml`).
    pub(super) path: String,
    /// A visible worksheet (not hidden, not a chart or dialog sheet).
    pub(super) listed: bool,
}

/// A part of the ZIP container, inflated.
pub(super) fn part(zip: &mut ZipArchive<Cursor<&[u8]>>, path: &str) -> Fast<Vec<u8>> {
    optional_part(zip, path)?.ok_or(Unsupported)
}

pub(super) fn optional_part(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    path: &str,
) -> Fast<Option<Vec<u8>>> {
    let mut file = match zip.by_name(path) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => return Err(Unsupported),
    };
    let mut out = Vec::with_capacity(usize::try_from(claimed_size(&file)).unwrap_or(0));
    file.read_to_end(&mut out).map_err(|_| Unsupported)?;
    Ok(Some(out))
}

/// The size a part says it inflates to, within what its compressed size can honestly inflate
/// to (a forged size must not reserve gigabytes).
pub(super) fn claimed_size<R: Read>(part: &zip::read::ZipFile<'_, R>) -> u64 {
    part.size()
        .min(part.compressed_size().saturating_mul(64) + (1 << 20))
}

/// The workbook's relationships: id → (target part, type's last word).
pub(super) fn read_relationships(xml: &[u8]) -> Fast<Vec<(String, String, String)>> {
    let mut tags = Tags::new(xml);
    let mut out = Vec::new();
    while let Some(tag) = tags.next_tag()? {
        if tag.name == b"Relationship" && !tag.closing {
            let (Some(id), Some(target), Some(kind)) =
                (tag.attr(b"Id")?, tag.attr(b"Target")?, tag.attr(b"Type")?)
            else {
                continue;
            };
            let kind = decode(kind)?;
            let last = kind.rsplit('/').next().unwrap_or_default().to_string();
            out.push((decode(id)?.into_owned(), decode(target)?.into_owned(), last));
        }
    }
    Ok(out)
}

/// The sheets in `workbook.xml`, and whether dates count from 1904.
pub(super) fn read_workbook(
    xml: &[u8],
    rels: &[(String, String, String)],
) -> Fast<(Vec<SheetEntry>, bool)> {
    let mut tags = Tags::new(xml);
    let mut sheets = Vec::new();
    let mut is_1904 = false;
    while let Some(tag) = tags.next_tag()? {
        if tag.closing {
            continue;
        }
        match tag.name {
            b"sheet" => {
                let name = decode(tag.attr(b"name")?.ok_or(Unsupported)?)?.into_owned();
                let visible = match tag.attr(b"state")? {
                    None | Some(b"visible") => true,
                    Some(b"hidden" | b"veryHidden") => false,
                    Some(_) => return Err(Unsupported),
                };
                let id = decode(tag.attr_local(b"id")?.ok_or(Unsupported)?)?;
                let (_, target, kind) = rels.iter().find(|(i, ..)| *i == id).ok_or(Unsupported)?;
                let worksheet = match kind.as_str() {
                    "worksheet" => true,
                    "chartsheet" | "dialogsheet" => false,
                    _ => return Err(Unsupported),
                };
                let path = match target.strip_prefix('/') {
                    Some(absolute) => absolute.to_string(),
                    None => format!("xl/{target}"),
                };
                sheets.push(SheetEntry {
                    name,
                    path,
                    listed: worksheet && visible,
                });
            }
            b"workbookPr" => {
                if let Some(v) = tag.attr(b"date1904")? {
                    is_1904 = v == b"1" || v == b"true";
                }
            }
            _ => {}
        }
    }
    Ok((sheets, is_1904))
}

/// The shared strings, in order (calamine's `read_shared_strings`).
pub(super) fn read_strings(xml: &[u8]) -> Fast<Vec<String>> {
    let mut tags = Tags::new(xml);
    let mut strings = Vec::new();
    while let Some(tag) = tags.next_tag()? {
        if tag.name == b"si" && !tag.closing {
            strings.push(if tag.empty {
                String::new()
            } else {
                read_string(&mut tags, b"si")?
            });
        }
    }
    Ok(strings)
}

/// One string up to the closing tag `end`: a shared string (`<si>`) or an inline one (`<is>`).
/// Its `<t>` texts are joined (rich text runs), phonetic runs (`<rPh>`) left out, each text
/// trimmed of ASCII white space unless `xml:space="preserve"` (calamine's `read_string`).
#[inline(never)]
pub(super) fn read_string(tags: &mut Tags<'_>, end: &[u8]) -> Fast<String> {
    let mut out = String::new();
    let mut phonetic = false;
    loop {
        let tag = tags.next_tag()?.ok_or(Unsupported)?;
        match (tag.name, tag.closing) {
            (name, true) if name == end => return Ok(out),
            (b"rPh", closing) => phonetic = !closing && !tag.empty,
            (b"t", false) if !phonetic => {
                if tag.empty {
                    continue;
                }
                let preserve = tag.attr(b"xml:space")? == Some(b"preserve");
                let raw = tags.text();
                let end = tags.next_tag()?.ok_or(Unsupported)?;
                if end.name != b"t" || !end.closing {
                    return Err(Unsupported);
                }
                let text = decode_text(raw)?;
                let text = if preserve {
                    &text[..]
                } else {
                    text.trim_matches([' ', '\t', '\r', '\n'])
                };
                out.push_str(&excel_text(Cow::Borrowed(text))?);
            }
            _ => {}
        }
    }
}

/// Text as a cell holds it, unless it holds Excel's own escapes (`_x000D_`), which calamine
/// resolves.
pub(super) fn excel_text(text: Cow<'_, str>) -> Fast<String> {
    if text.contains("_x") {
        return Err(Unsupported);
    }
    Ok(text.into_owned())
}

/// Each cell style's number format, by style index (calamine's `read_styles`: the `<xf>`
/// records of `<cellXfs>`, custom formats from `<numFmts>`).
pub(super) fn read_formats(xml: &[u8]) -> Fast<Vec<NumberFormat>> {
    let mut tags = Tags::new(xml);
    let mut custom: Vec<(Vec<u8>, String)> = Vec::new();
    let mut formats = Vec::new();
    let (mut in_num_fmts, mut in_cell_xfs) = (false, false);
    while let Some(tag) = tags.next_tag()? {
        match (tag.name, tag.closing) {
            (b"numFmts", closing) => in_num_fmts = !closing && !tag.empty,
            (b"numFmt", false) if in_num_fmts => {
                if let (Some(id), Some(code)) = (tag.attr(b"numFmtId")?, tag.attr(b"formatCode")?) {
                    let code = decode(code)?.into_owned();
                    custom.retain(|(i, _)| i != id);
                    custom.push((id.to_vec(), code));
                }
            }
            (b"cellXfs", closing) => in_cell_xfs = !closing && !tag.empty,
            (b"xf", false) if in_cell_xfs => {
                formats.push(match tag.attr(b"numFmtId")? {
                    None => NumberFormat::Other,
                    Some(id) => match custom.iter().find(|(i, _)| i == id) {
                        Some((_, code)) => custom_format(code),
                        None => builtin_format(id),
                    },
                });
            }
            _ => {}
        }
    }
    Ok(formats)
}

/// Whether a custom number format shows a date or time (calamine's
/// `detect_custom_number_format`, itself ported from openpyxl).
pub(super) fn custom_format(format: &str) -> NumberFormat {
    let mut escaped = false;
    let mut is_quote = false;
    let mut brackets = 0u8;
    let mut prev = ' ';
    let mut hms = false;
    let mut ap = false;
    for s in format.chars() {
        match (s, escaped, is_quote, ap, brackets) {
            (_, true, ..) => escaped = false,
            ('_' | '\\' | '*', ..) => escaped = true,
            ('"', _, true, _, _) => is_quote = false,
            (_, _, true, _, _) => (),
            ('"', _, _, _, _) => is_quote = true,
            (';', ..) => return NumberFormat::Other,
            ('[', ..) => brackets += 1,
            (']', .., 1) if hms => return NumberFormat::TimeDelta,
            (']', ..) => brackets = brackets.saturating_sub(1),
            ('a' | 'A', _, _, false, 0) => ap = true,
            ('p' | 'm' | '/' | 'P' | 'M', _, _, true, 0) => return NumberFormat::DateTime,
            ('d' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S', _, _, false, 0) => {
                return NumberFormat::DateTime
            }
            _ => {
                if !(hms && s.eq_ignore_ascii_case(&prev)) {
                    hms = prev == '[' && matches!(s, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                }
            }
        }
        prev = s;
    }
    NumberFormat::Other
}

/// Built-in number formats that show dates and times (ECMA-376 18.8.30, and the East Asian
/// ones), as calamine's `builtin_format_by_id`.
pub(super) fn builtin_format(id: &[u8]) -> NumberFormat {
    match id {
        b"14" | b"15" | b"16" | b"17" | b"18" | b"19" | b"20" | b"21" | b"22" | b"45" | b"47"
        | b"27" | b"28" | b"29" | b"30" | b"31" | b"32" | b"33" | b"34" | b"35" | b"36" | b"50"
        | b"51" | b"52" | b"53" | b"54" | b"55" | b"56" | b"57" | b"58" => NumberFormat::DateTime,
        b"46" => NumberFormat::TimeDelta,
        _ => NumberFormat::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_formats_as_calamine_detects_them() {
        use NumberFormat::*;
        for (code, want) in [
            ("dd/mm/yyyy", DateTime),
            ("H:MM:SS;@", DateTime),
            ("[h]:mm:ss", TimeDelta),
            ("#,##0.00", Other),
            ("\"Qty\" 0", Other),
            ("0.00_);[Red](0.00)", Other),
            ("[$-409]mmmm d, yyyy", DateTime),
        ] {
            assert_eq!(custom_format(code), want, "{code}");
        }
        assert_eq!(builtin_format(b"14"), DateTime);
        assert_eq!(builtin_format(b"46"), TimeDelta);
        assert_eq!(builtin_format(b"4"), Other);
    }
}
