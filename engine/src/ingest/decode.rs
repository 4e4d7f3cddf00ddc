//! Bytes → text. Recognises byte-order marks (UTF-8, UTF-16LE/BE), refuses files that are
//! clearly not text (archives, images, spreadsheets in binary form) with a sentence naming what
//! they look like, and falls back to Windows-1252 for legacy exports that are not valid UTF-8.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16LE, UTF_8, WINDOWS_1252};

use crate::error::{BinaryKind, IngestError};

/// Known binary signatures and what they are.
const MAGIC: [(&[u8], BinaryKind); 8] = [
    (b"PK\x03\x04", BinaryKind::ZipOrXlsx),
    (b"\xD0\xCF\x11\xE0", BinaryKind::OldExcel),
    (b"\x89PNG", BinaryKind::Png),
    (b"\xFF\xD8\xFF", BinaryKind::Jpeg),
    (b"GIF8", BinaryKind::Gif),
    (b"%PDF", BinaryKind::Pdf),
    (b"\x1F\x8B", BinaryKind::Gzip),
    (b"\x7FELF", BinaryKind::Program),
];

/// The encoding label of a UTF-8 file with some invalid bytes (replaced with U+FFFD).
pub const DAMAGED_UTF8: &str = "UTF-8 (with undecodable bytes)";

/// Decodes a whole file to text and names the encoding that was used ([`detect`] on all of
/// it).
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, &'static str), IngestError> {
    let detected = detect(bytes, true)?;
    let body = &bytes[detected.skip..];
    let text = match detected.encoding {
        Some(enc) => enc.decode_without_bom_handling(body).0,
        None => String::from_utf8_lossy(body),
    };
    Ok((text, detected.label))
}

/// How much of a file [`detect`] looks at to choose its encoding (and the sniffer its dialect).
pub const HEAD_BYTES: usize = 1 << 20;

/// How a file's bytes become UTF-8 text, chosen by [`detect`] from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    /// Bytes of byte-order mark to skip.
    pub skip: usize,
    /// `None`: the bytes are UTF-8 and pass through (records with invalid bytes are repaired
    /// one by one); otherwise the encoding they are converted from.
    pub encoding: Option<&'static Encoding>,
    pub label: &'static str,
}

impl Detected {
    /// The text of `head` (the file's first bytes) in this encoding; a character cut at the
    /// end is dropped.
    pub fn head_text(&self, head: &[u8]) -> String {
        let body = &head[self.skip.min(head.len())..];
        match self.encoding {
            Some(enc) => enc.decode_without_bom_handling(body).0.into_owned(),
            None => {
                let cut = match std::str::from_utf8(body) {
                    Ok(_) => body.len(),
                    // An incomplete character at the very end is the cut, not damage.
                    Err(e) if e.error_len().is_none() => e.valid_up_to(),
                    Err(_) => body.len(),
                };
                String::from_utf8_lossy(&body[..cut]).into_owned()
            }
        }
    }
}

/// Chooses the encoding of a file from its first bytes (`whole`: `head` is the whole file),
/// refusing what is clearly not text. The same rules as [`decode`], on at most
/// [`HEAD_BYTES`]: a file whose first megabyte is valid UTF-8 is read as UTF-8, and a later
/// invalid byte is repaired (U+FFFD) and reported with its line.
pub fn detect(head: &[u8], whole: bool) -> Result<Detected, IngestError> {
    if whole && head.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(head) {
        let (encoding, label) = match enc.name() {
            "UTF-8" => (None, "UTF-8 with BOM"),
            "UTF-16LE" => (Some(enc), "UTF-16LE"),
            _ => (Some(enc), "UTF-16BE"),
        };
        return Ok(Detected {
            skip: bom_len,
            encoding,
            label,
        });
    }
    for (magic, kind) in MAGIC {
        if head.starts_with(magic) {
            return Err(IngestError::Binary { kind });
        }
    }
    let sample = &head[..head.len().min(8192)];
    let nuls = sample.iter().filter(|&&b| b == 0).count();
    if nuls > 0 {
        // UTF-16LE without a BOM: ASCII text with every second byte zero.
        let odd_nuls = sample
            .iter()
            .skip(1)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count();
        if odd_nuls * 2 >= sample.len() / 2 && nuls == odd_nuls {
            return Ok(Detected {
                skip: 0,
                encoding: Some(UTF_16LE),
                label: "UTF-16LE",
            });
        }
        return Err(IngestError::Binary {
            kind: BinaryKind::Other,
        });
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    if controls * 10 > sample.len() {
        return Err(IngestError::Binary {
            kind: BinaryKind::Other,
        });
    }
    let utf8 = Detected {
        skip: 0,
        encoding: None,
        label: UTF_8.name(),
    };
    match std::str::from_utf8(head) {
        Ok(_) => Ok(utf8),
        Err(e) if !whole && e.error_len().is_none() => Ok(utf8),
        Err(_) => {
            let (invalid, valid_multibyte) = utf8_damage(head);
            if valid_multibyte > invalid.len() {
                // Mostly UTF-8 with a few broken bytes: keep UTF-8, mark the damage.
                Ok(Detected {
                    label: DAMAGED_UTF8,
                    ..utf8
                })
            } else {
                Ok(Detected {
                    skip: 0,
                    encoding: Some(WINDOWS_1252),
                    label: "windows-1252",
                })
            }
        }
    }
}

/// Reads a file's bytes as UTF-8 text, converting on the fly ([`Detected`]): the file is never
/// held whole, only a buffer of each.
pub struct TextReader<R> {
    inner: R,
    skip: usize,
    decoder: Option<encoding_rs::Decoder>,
    input: Vec<u8>,
    in_pos: usize,
    in_len: usize,
    output: Vec<u8>,
    out_pos: usize,
    out_len: usize,
    eof: bool,
    done: bool,
}

/// Buffer size of the conversion.
const CONVERT_BUFFER: usize = 64 * 1024;

impl<R: std::io::Read> TextReader<R> {
    /// `inner` positioned at the start of the file.
    pub fn new(inner: R, detected: &Detected) -> Self {
        let converting = detected.encoding.is_some();
        Self {
            inner,
            skip: detected.skip,
            decoder: detected
                .encoding
                .map(|e| e.new_decoder_without_bom_handling()),
            input: if converting {
                vec![0; CONVERT_BUFFER]
            } else {
                Vec::new()
            },
            in_pos: 0,
            in_len: 0,
            output: if converting {
                vec![0; CONVERT_BUFFER]
            } else {
                Vec::new()
            },
            out_pos: 0,
            out_len: 0,
            eof: false,
            done: false,
        }
    }
}

impl<R: std::io::Read> std::io::Read for TextReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.skip > 0 {
            let mut bom = [0u8; 4];
            let n = self.inner.read(&mut bom[..self.skip.min(4)])?;
            if n == 0 {
                return Ok(0);
            }
            self.skip -= n;
        }
        let Some(decoder) = self.decoder.as_mut() else {
            return self.inner.read(buf);
        };
        loop {
            if self.out_pos < self.out_len {
                let n = buf.len().min(self.out_len - self.out_pos);
                buf[..n].copy_from_slice(&self.output[self.out_pos..self.out_pos + n]);
                self.out_pos += n;
                return Ok(n);
            }
            if self.done {
                return Ok(0);
            }
            if self.in_pos == self.in_len && !self.eof {
                self.in_len = self.inner.read(&mut self.input)?;
                self.in_pos = 0;
                self.eof = self.in_len == 0;
            }
            let (result, read, written, _) = decoder.decode_to_utf8(
                &self.input[self.in_pos..self.in_len],
                &mut self.output,
                self.eof,
            );
            self.in_pos += read;
            self.out_pos = 0;
            self.out_len = written;
            if self.eof && result == encoding_rs::CoderResult::InputEmpty {
                self.done = true;
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
        assert!(matches!(
            decode(b"PK\x03\x04rest"),
            Err(IngestError::Binary {
                kind: BinaryKind::ZipOrXlsx
            })
        ));
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
