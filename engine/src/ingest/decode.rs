//! Bytes → text. Recognises byte-order marks (UTF-8, UTF-16LE/BE), refuses files that are
//! clearly not text (archives, images, spreadsheets in binary form) with a sentence naming what
//! they look like, and falls back to Windows-1252 for legacy exports that are not valid UTF-8.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16LE, UTF_8, WINDOWS_1252};

use crate::error::IngestError;

/// Known binary signatures and what to call them in a message.
const MAGIC: [(&[u8], &str); 8] = [
    (b"PK\x03\x04", "a ZIP archive (or an .xlsx workbook)"),
    (b"\xD0\xCF\x11\xE0", "an old Excel (.xls) workbook"),
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"\x1F\x8B", "a gzip-compressed file"),
    (b"\x7FELF", "a program file"),
];

/// The encoding label of a UTF-8 file with some invalid bytes (replaced with U+FFFD).
pub const DAMAGED_UTF8: &str = "UTF-8 (with undecodable bytes)";

/// Decodes `bytes` to text and names the encoding that was used.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, &'static str), IngestError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let label = match enc.name() {
            "UTF-8" => "UTF-8 with BOM",
            "UTF-16LE" => "UTF-16LE",
            _ => "UTF-16BE",
        };
        return Ok((text, label));
    }
    for (magic, kind) in MAGIC {
        if bytes.starts_with(magic) {
            return Err(IngestError::Binary { kind });
        }
    }
    let head = &bytes[..bytes.len().min(8192)];
    let nuls = head.iter().filter(|&&b| b == 0).count();
    if nuls > 0 {
        // UTF-16LE without a BOM: ASCII text with every second byte zero.
        let odd_nuls = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
        if odd_nuls * 2 >= head.len() / 2 && nuls == odd_nuls {
            let (text, _) = UTF_16LE.decode_without_bom_handling(bytes);
            return Ok((text, "UTF-16LE"));
        }
        return Err(IngestError::Binary {
            kind: "a binary file",
        });
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    if controls * 10 > head.len() {
        return Err(IngestError::Binary {
            kind: "a binary file",
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((Cow::Borrowed(s), UTF_8.name())),
        Err(_) => {
            let (invalid, valid_multibyte) = utf8_damage(bytes);
            if valid_multibyte > invalid.len() {
                // Mostly UTF-8 with a few broken bytes: keep UTF-8, mark the damage with U+FFFD.
                Ok((
                    String::from_utf8_lossy(bytes).into_owned().into(),
                    DAMAGED_UTF8,
                ))
            } else {
                let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
                Ok((text, "windows-1252"))
            }
        }
    }
}

/// Byte offsets of invalid UTF-8 sequences (all of them) and the number of valid multi-byte
/// characters: many valid ones and few invalid ones mean a damaged UTF-8 file, not a legacy one.
pub fn utf8_damage(bytes: &[u8]) -> (Vec<usize>, usize) {
    let mut invalid = Vec::new();
    let mut multibyte = 0usize;
    let mut pos = 0;
    while pos < bytes.len() {
        match std::str::from_utf8(&bytes[pos..]) {
            Ok(s) => {
                multibyte += s.chars().filter(|c| c.len_utf8() > 1).count();
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                // Only the valid prefix is counted; it is valid by construction.
                if let Ok(s) = std::str::from_utf8(&bytes[pos..pos + good]) {
                    multibyte += s.chars().filter(|c| c.len_utf8() > 1).count();
                }
                invalid.push(pos + good);
                pos += good + e.error_len().unwrap_or(bytes.len() - pos - good).max(1);
            }
        }
    }
    (invalid, multibyte)
}

/// 1-based line number of a byte offset.
pub fn line_of(bytes: &[u8], offset: usize) -> u64 {
    1 + bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_and_legacy() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFa,b\n").unwrap(),
            (Cow::from("a,b\n"), "UTF-8 with BOM")
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("a;b\n".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16).unwrap(), (Cow::from("a;b\n"), "UTF-16LE"));
        assert_eq!(
            decode(b"caf\xE9,x\n").unwrap(),
            (Cow::from("café,x\n"), "windows-1252")
        );
        assert_eq!(decode(b"plain,x").unwrap().1, "UTF-8");
        // Mostly UTF-8 with one broken byte stays UTF-8; the damage is located.
        let mut bytes = "naïve,café\nrésumé,x\n".as_bytes().to_vec();
        bytes.extend(b"bad\xFF,y\n");
        let (text, label) = decode(&bytes).unwrap();
        assert_eq!(label, DAMAGED_UTF8);
        assert!(text.contains("café") && text.contains("bad\u{FFFD}"));
        let (invalid, _) = utf8_damage(&bytes);
        assert_eq!(
            invalid
                .iter()
                .map(|&o| line_of(&bytes, o))
                .collect::<Vec<_>>(),
            vec![3]
        );
    }

    #[test]
    fn refuses_binary_and_empty() {
        assert_eq!(decode(b""), Err(IngestError::Empty));
        assert_eq!(decode(b" \n\r\n"), Err(IngestError::Empty));
        assert!(
            matches!(decode(b"PK\x03\x04rest"), Err(IngestError::Binary { kind }) if kind.contains("ZIP"))
        );
        assert!(matches!(
            decode(b"\x89PNG\r\n"),
            Err(IngestError::Binary { .. })
        ));
        assert!(matches!(
            decode(&[1, 2, 3, 0, 0, 5, 200, 7]),
            Err(IngestError::Binary { .. })
        ));
    }
}
