//! Just enough XML for the parts of an .xlsx file that the fast sheet reader ([`super::xlsx`])
//! reads: tags with their attributes, the text between them, the five predefined entities and
//! character references. A generic XML parser (quick-xml, under calamine) builds an event per
//! tag and copies each into a buffer; a sheet of 50,000 rows holds millions of tags, so this
//! scanner looks at the bytes in place instead.
//!
//! Anything outside that subset (CDATA, a DOCTYPE, a line ending that XML would normalise,
//! an unknown entity, bytes that are not UTF-8) is [`Unsupported`]: the caller then reads the
//! workbook with calamine, so such files are still read, only not by this path.

use std::borrow::Cow;

/// The fast path cannot read this part exactly as calamine would; read it with calamine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsupported;

/// What the fast path returns: a value, or a request to fall back.
pub type Fast<T> = Result<T, Unsupported>;

/// Whether a byte may be part of a tag or attribute name (the ASCII part of XML's rule; names
/// in spreadsheet parts are ASCII).
fn name_byte(b: &u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'.' | b'-')
}

/// One tag: its local name (any `prefix:` removed), whether it closes (`</c>`), whether it is
/// self-closing (`<c/>`, which XML treats as an opening and a closing tag), and its attributes.
#[derive(Debug, Clone, Copy)]
pub struct Tag<'a> {
    pub name: &'a [u8],
    pub closing: bool,
    pub empty: bool,
    attrs: &'a [u8],
}

impl<'a> Tag<'a> {
    /// The raw value of the attribute named exactly `key` (`r`, `xml:space`).
    pub fn attr(&self, key: &[u8]) -> Fast<Option<&'a [u8]>> {
        self.find_attr(|k, _| k == key)
    }

    /// The raw values of the attributes named `keys`, in one pass over the tag.
    pub fn attrs<const N: usize>(&self, keys: [&[u8]; N]) -> Fast<[Option<&'a [u8]>; N]> {
        let mut out = [None; N];
        self.find_attr(|k, v| {
            if let Some(i) = keys.iter().position(|key| *key == k) {
                out[i] = Some(v);
            }
            false
        })?;
        Ok(out)
    }

    /// The raw value of the attribute whose local name is `local` (`id` matches `r:id`).
    pub fn attr_local(&self, local: &[u8]) -> Fast<Option<&'a [u8]>> {
        self.find_attr(|k, _| {
            k == local || (k.ends_with(local) && k[..k.len() - local.len()].ends_with(b":"))
        })
    }

    /// The value of the first attribute for which `wanted(key, value)` holds. All attributes
    /// are read, so that a malformed one anywhere in the tag is [`Unsupported`].
    fn find_attr(&self, mut wanted: impl FnMut(&[u8], &'a [u8]) -> bool) -> Fast<Option<&'a [u8]>> {
        let a = self.attrs;
        let mut i = 0;
        let mut found = None;
        loop {
            while i < a.len() && a[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= a.len() {
                return Ok(found);
            }
            let key_start = i;
            while i < a.len() && a[i] != b'=' && !a[i].is_ascii_whitespace() {
                i += 1;
            }
            let key = &a[key_start..i];
            while i < a.len() && a[i].is_ascii_whitespace() {
                i += 1;
            }
            if a.get(i) != Some(&b'=') {
                return Err(Unsupported);
            }
            i += 1;
            while i < a.len() && a[i].is_ascii_whitespace() {
                i += 1;
            }
            let quote = *a.get(i).ok_or(Unsupported)?;
            if quote != b'"' && quote != b'\'' {
                return Err(Unsupported);
            }
            let start = i + 1;
            let len = memchr::memchr(quote, &a[start..]).ok_or(Unsupported)?;
            let value = &a[start..start + len];
            if key.is_empty() || !key.iter().all(name_byte) || value.contains(&b'<') {
                return Err(Unsupported);
            }
            if found.is_none() && wanted(key, value) {
                found = Some(value);
            }
            i = start + len + 1;
        }
    }
}

/// A cell read by [`Tags::plain_cell`]: its raw `r`, `s` and `t` attributes and the raw text of
/// its `<v>` (`None` for a cell with no content).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlainCell<'a> {
    pub r: &'a [u8],
    pub s: Option<&'a [u8]>,
    pub t: Option<&'a [u8]>,
    pub value: Option<&'a [u8]>,
}

/// The tags of a document, in order. Each closing tag must close the element open last (a
/// reader that tolerates a document that is not well formed reads it its own way, so such a
/// document is [`Unsupported`]).
pub struct Tags<'a> {
    xml: &'a [u8],
    pos: usize,
    /// The names (with any prefix) of the elements open at `pos`.
    open: Vec<&'a [u8]>,
}

impl<'a> Tags<'a> {
    pub fn new(xml: &'a [u8]) -> Self {
        Tags {
            xml,
            pos: 0,
            open: Vec::new(),
        }
    }

    /// The tags of a piece of a document that starts inside the elements `open` (by name,
    /// outermost first): a run of a sheet's rows, inside `worksheet` and `sheetData`.
    pub fn inside(xml: &'a [u8], open: impl IntoIterator<Item = &'a [u8]>) -> Self {
        Tags {
            xml,
            pos: 0,
            open: open.into_iter().collect(),
        }
    }

    /// The names (with any prefix) of the elements open here, outermost first.
    pub fn open(&self) -> &[&'a [u8]] {
        &self.open
    }

    /// How far the tags read so far reach into the document.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Whether only text (no tag) is left.
    pub fn at_end(&self) -> bool {
        memchr::memchr(b'<', &self.xml[self.pos..]).is_none()
    }

    /// The next tag, skipping text, the XML declaration and comments; `None` at the end.
    pub fn next_tag(&mut self) -> Fast<Option<Tag<'a>>> {
        loop {
            let Some(lt) = memchr::memchr(b'<', &self.xml[self.pos..]) else {
                self.pos = self.xml.len();
                return if self.open.is_empty() {
                    Ok(None)
                } else {
                    Err(Unsupported)
                };
            };
            let start = self.pos + lt + 1;
            let rest = &self.xml[start..];
            match rest.first() {
                Some(b'?') => {
                    let end = memchr::memmem::find(rest, b"?>").ok_or(Unsupported)?;
                    self.pos = start + end + 2;
                }
                Some(b'!') if rest.starts_with(b"!--") => {
                    let end = memchr::memmem::find(rest, b"-->").ok_or(Unsupported)?;
                    self.pos = start + end + 3;
                }
                Some(b'!') | None => return Err(Unsupported),
                Some(_) => return self.tag_at(start).map(Some),
            }
        }
    }

    /// Reads the tag whose name starts at `start` (just after its `<`).
    fn tag_at(&mut self, start: usize) -> Fast<Tag<'a>> {
        let xml = self.xml;
        let closing = xml[start] == b'/';
        let name_start = start + usize::from(closing);
        let mut i = name_start;
        while i < xml.len() && !matches!(xml[i], b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n') {
            i += 1;
        }
        let qname = &xml[name_start..i];
        if qname.is_empty() || !qname.iter().all(name_byte) {
            return Err(Unsupported);
        }
        let name = match memchr::memrchr(b':', qname) {
            Some(colon) => &qname[colon + 1..],
            None => qname,
        };
        let attrs_start = i;
        // The closing `>`, skipping quoted attribute values (they may hold a `>`). A `/` other
        // than the one of `/>` (`<numFmts/ count="5">`) is not XML: calamine reads such a tag
        // by a name of its own, so leave it to calamine.
        loop {
            match xml.get(i) {
                Some(b'>') => break,
                Some(&q @ (b'"' | b'\'')) => {
                    i += 2 + memchr::memchr(q, &xml[i + 1..]).ok_or(Unsupported)?;
                }
                Some(b'/') if xml.get(i + 1) != Some(&b'>') => return Err(Unsupported),
                Some(_) => i += 1,
                None => return Err(Unsupported),
            }
        }
        let empty = !closing && xml[i - 1] == b'/';
        // `</t x>` is not XML; what a reader makes of it is its own, so leave it to calamine.
        if closing && !xml[attrs_start..i].iter().all(u8::is_ascii_whitespace) {
            return Err(Unsupported);
        }
        self.pos = i + 1;
        if closing {
            if self.open.pop() != Some(qname) {
                return Err(Unsupported);
            }
        } else if !empty {
            self.open.push(qname);
        }
        Ok(Tag {
            name,
            closing,
            empty,
            attrs: &xml[attrs_start..i - usize::from(empty)],
        })
    }

    /// The cell that comes next when it has the shape writers give most cells,
    /// `<c r="B7" s="3" t="s"><v>12</v></c>` (attributes `r`, then optionally `s` and `t`, in
    /// that order, double-quoted, their values letters and digits; a `<v>` with no markup in
    /// it, or no content at all: `<c r="B7" s="3"/>`), consumed whole; else `None`, nothing
    /// consumed, and [`Tags::next_tag`] reads it the general way. A few comparisons per cell
    /// instead of the general scan: a sheet of 50,000 rows holds over a million cells.
    pub fn plain_cell(&mut self) -> Option<PlainCell<'a>> {
        let xml = self.xml;
        let mut i = self.pos;
        let attr = |i: &mut usize, key: &[u8]| -> Option<&'a [u8]> {
            let rest = &xml[*i..];
            if rest.first() != Some(&b' ')
                || !rest[1..].starts_with(key)
                || !rest[1 + key.len()..].starts_with(b"=\"")
            {
                return None;
            }
            let start = *i + key.len() + 3;
            let len = xml[start..]
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())?;
            if xml[start + len] != b'"' || len == 0 {
                return None;
            }
            *i = start + len + 1;
            Some(&xml[start..start + len])
        };
        if !xml[i..].starts_with(b"<c") {
            return None;
        }
        i += 2;
        let r = attr(&mut i, b"r")?;
        let s = attr(&mut i, b"s");
        let t = attr(&mut i, b"t");
        let rest = &xml[i..];
        let (value, end) = if rest.starts_with(b"/>") {
            (None, i + 2)
        } else {
            let text = rest.strip_prefix(b"><v>")?;
            let len = memchr::memchr(b'<', text)?;
            if !text[len..].starts_with(b"</v></c>") {
                return None;
            }
            (Some(&text[..len]), i + 4 + len + 8)
        };
        self.pos = end;
        Some(PlainCell { r, s, t, value })
    }

    /// The text of `<v>text</v></c>` when that is what comes next (the usual shape of a cell,
    /// read without the general loop), consumed; else `None`, and nothing is consumed.
    pub fn plain_value(&mut self) -> Option<&'a [u8]> {
        let rest = &self.xml[self.pos..];
        let text = rest.strip_prefix(b"<v>")?;
        let len = memchr::memchr(b'<', text)?;
        if !text[len..].starts_with(b"</v></c>") || self.open.last() != Some(&&b"c"[..]) {
            return None;
        }
        self.open.pop();
        self.pos += 3 + len + 8;
        Some(&text[..len])
    }

    /// The raw text from here to the next tag, which is not consumed.
    pub fn text(&mut self) -> &'a [u8] {
        let rest = &self.xml[self.pos..];
        let len = memchr::memchr(b'<', rest).unwrap_or(rest.len());
        self.pos += len;
        &rest[..len]
    }

    /// Skips everything up to and including the closing tag of the element just opened,
    /// whose local name is `name` (elements of the same name may nest).
    pub fn skip_element(&mut self, name: &[u8]) -> Fast<()> {
        let mut depth = 1usize;
        while depth > 0 {
            let tag = self.next_tag()?.ok_or(Unsupported)?;
            if tag.name == name && !tag.empty {
                if tag.closing {
                    depth -= 1;
                } else {
                    depth += 1;
                }
            }
        }
        Ok(())
    }
}

/// Text or an attribute value with its entities resolved (`&amp;`, `&#10;` …), as UTF-8.
/// Borrowed when there is nothing to resolve.
pub fn decode(raw: &[u8]) -> Fast<Cow<'_, str>> {
    let text = std::str::from_utf8(raw).map_err(|_| Unsupported)?;
    if !text.contains('&') {
        return Ok(Cow::Borrowed(text));
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';').ok_or(Unsupported)?;
        let entity = &after[..semi];
        match entity {
            "lt" => out.push('<'),
            "gt" => out.push('>'),
            "amp" => out.push('&'),
            "apos" => out.push('\''),
            "quot" => out.push('"'),
            _ => {
                let code = if let Some(hex) = entity.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16).ok()
                } else if let Some(dec) = entity.strip_prefix('#') {
                    dec.parse::<u32>().ok()
                } else {
                    None
                };
                out.push(code.and_then(char::from_u32).ok_or(Unsupported)?);
            }
        }
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Ok(Cow::Owned(out))
}

/// Element text as calamine reads it: as [`decode`], but a carriage return (which XML turns
/// into a line feed) is left to calamine.
pub fn decode_text(raw: &[u8]) -> Fast<Cow<'_, str>> {
    if raw.contains(&b'\r') {
        return Err(Unsupported);
    }
    decode(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(xml: &str) -> Vec<(String, bool, bool)> {
        let mut t = Tags::new(xml.as_bytes());
        let mut out = vec![];
        while let Some(tag) = t.next_tag().unwrap() {
            out.push((
                String::from_utf8(tag.name.to_vec()).unwrap(),
                tag.closing,
                tag.empty,
            ));
        }
        out
    }

    #[test]
    fn tags_with_prefixes_comments_and_quoted_brackets() {
        let xml = r#"<?xml version="1.0"?><!-- a > comment --><x:row r="1"><c r="A1" t='s' f="a>b"/></x:row>"#;
        assert_eq!(
            tags(xml),
            vec![
                ("row".into(), false, false),
                ("c".into(), false, true),
                ("row".into(), true, false)
            ]
        );
        let mut t = Tags::new(xml.as_bytes());
        t.next_tag().unwrap();
        let c = t.next_tag().unwrap().unwrap();
        assert_eq!(c.attr(b"r").unwrap(), Some(&b"A1"[..]));
        assert_eq!(c.attr(b"t").unwrap(), Some(&b"s"[..]));
        assert_eq!(c.attr(b"f").unwrap(), Some(&b"a>b"[..]));
        assert_eq!(c.attr(b"s").unwrap(), None);
    }

    #[test]
    fn local_attribute_names_and_cdata_falls_back() {
        let mut t = Tags::new(br#"<sheet name="A &amp; B" sheetId="2" r:id="rId3"/>"#);
        let s = t.next_tag().unwrap().unwrap();
        assert_eq!(s.attr_local(b"id").unwrap(), Some(&b"rId3"[..]));
        assert_eq!(decode(s.attr(b"name").unwrap().unwrap()).unwrap(), "A & B");
        let mut cdata = Tags::new(b"<t><![CDATA[x]]></t>");
        cdata.next_tag().unwrap();
        assert_eq!(cdata.next_tag().unwrap_err(), Unsupported);
    }

    #[test]
    fn plain_cells_are_read_whole_and_anything_else_left_alone() {
        let xml = br#"<c r="B7" s="3" t="s"><v>12</v></c><c r="C7" s="1"/><c r="D7"><v>-1.5E-3</v></c><c r="E7" t="s" s="2"><v>1</v></c>"#;
        let mut t = Tags::new(xml);
        let cell = |r, s, t, value| PlainCell { r, s, t, value };
        assert_eq!(
            t.plain_cell(),
            Some(cell(
                b"B7",
                Some(&b"3"[..]),
                Some(&b"s"[..]),
                Some(&b"12"[..])
            ))
        );
        assert_eq!(
            t.plain_cell(),
            Some(cell(b"C7", Some(&b"1"[..]), None, None))
        );
        assert_eq!(
            t.plain_cell(),
            Some(cell(b"D7", None, None, Some(&b"-1.5E-3"[..])))
        );
        // Attributes in another order: read by the general scan, from where it stands.
        let at = t.position();
        assert_eq!(t.plain_cell(), None);
        assert_eq!(t.position(), at);
        assert_eq!(t.next_tag().unwrap().unwrap().name, b"c");
        for other in [
            &br#"<c r="A1"><f>B1</f><v>2</v></c>"#[..],
            br#"<c r="A1" t="inlineStr"><is><t>x</t></is></c>"#,
            br#"<c r='A1'><v>2</v></c>"#,
            br#"<c r="A1" cm="1"><v>2</v></c>"#,
            br#"<c r="A1"><v>2</v></c "#,
            br#" <c r="A1"><v>2</v></c>"#,
            br#"<col r="A1"/>"#,
        ] {
            assert_eq!(
                Tags::new(other).plain_cell(),
                None,
                "{:?}",
                std::str::from_utf8(other)
            );
        }
    }

    #[test]
    fn entities_and_character_references() {
        assert_eq!(decode(b"a &lt;b&gt; &#233;&#xE9;").unwrap(), "a <b> éé");
        assert!(decode(b"&nbsp;").is_err());
        assert!(decode_text(b"a\r\nb").is_err());
        assert!(matches!(decode(b"plain").unwrap(), Cow::Borrowed(_)));
    }
}
