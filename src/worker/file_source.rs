//! Where the session's table is read from: the user's `File`, read in slices so that its bytes
//! are never held whole, the generated sample's text, or a workbook sheet's CSV.

use super::*;

/// Files are read in slices of this size: the parser holds one slice at a time, not the file.
pub(super) const READ_CHUNK: f64 = 4.0 * 1024.0 * 1024.0;

/// Where a session's table was read from, kept so that a changed column type re-reads it
/// exactly as the first load did: the user's `File` (a handle; its bytes stay on disk), the
/// generated sample's text, or a workbook's sheet as converted by the workbook reader.
pub(super) enum FileSource {
    File(File),
    Text(Vec<u8>),
    Sheet { text: SheetText, size: u64 },
}

impl FileSource {
    pub(super) fn size(&self) -> u64 {
        match self {
            FileSource::File(f) => f.size() as u64,
            FileSource::Text(t) => t.len() as u64,
            FileSource::Sheet { size, .. } => *size,
        }
    }

    /// A file as the analysis reads it: a workbook (told by its first bytes) converted by the
    /// workbook reader, anything else streamed as text.
    pub(super) async fn of(file: File, sheet: Option<&str>) -> Result<Self, Msg> {
        let mut head = [0u8; 8];
        let n = FileStream::new(&file)
            .and_then(|mut r| std::io::Read::read(&mut r, &mut head).map_err(err))?;
        if !workbook::is_workbook(&head[..n]) {
            return Ok(FileSource::File(file));
        }
        let text = crate::workbook::convert(&file, sheet).await?;
        Ok(FileSource::Sheet {
            text,
            size: file.size() as u64,
        })
    }
}

/// A `File` as a seekable byte stream, read slice by slice with `FileReaderSync` (workers may
/// block): the engine parses as it reads ([`read_table_from`]), so the file's bytes are never
/// held whole in the worker's memory.
pub(super) struct FileStream {
    file: File,
    reader: FileReaderSync,
    size: f64,
    /// Where the next read starts.
    pos: f64,
    chunk: Vec<u8>,
    /// File offset of `chunk[0]`, and the read position inside `chunk`.
    chunk_start: f64,
    chunk_pos: usize,
}

impl FileStream {
    pub(super) fn new(file: &File) -> Result<Self, Msg> {
        let reader = FileReaderSync::new().map_err(|_| {
            msg(
                "This browser cannot read files in a worker.",
                "Peramban ini tidak dapat membaca berkas di dalam worker.",
            )
        })?;
        Ok(Self {
            file: file.clone(),
            reader,
            size: file.size(),
            pos: 0.0,
            chunk: Vec::new(),
            chunk_start: 0.0,
            chunk_pos: 0,
        })
    }
}

impl std::io::Read for FileStream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.chunk_pos >= self.chunk.len() {
            if self.pos >= self.size {
                return Ok(0);
            }
            let end = (self.pos + READ_CHUNK).min(self.size);
            let unreadable =
                || std::io::Error::other("the file could not be read (was it moved or deleted?)");
            let blob = self
                .file
                .slice_with_f64_and_f64(self.pos, end)
                .map_err(|_| unreadable())?;
            let bytes = self
                .reader
                .read_as_array_buffer(&blob)
                .map_err(|_| unreadable())?;
            self.chunk = js_sys::Uint8Array::new(&bytes).to_vec();
            self.chunk_start = self.pos;
            self.chunk_pos = 0;
            self.pos = end;
        }
        let n = buf.len().min(self.chunk.len() - self.chunk_pos);
        buf[..n].copy_from_slice(&self.chunk[self.chunk_pos..self.chunk_pos + n]);
        self.chunk_pos += n;
        Ok(n)
    }
}

impl std::io::Seek for FileStream {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        let target = match to {
            std::io::SeekFrom::Start(p) => p as f64,
            std::io::SeekFrom::End(d) => self.size + d as f64,
            std::io::SeekFrom::Current(d) => self.chunk_start + self.chunk_pos as f64 + d as f64,
        }
        .clamp(0.0, self.size);
        // Inside the current slice: move within it; otherwise the next read fetches a new one.
        let offset = target - self.chunk_start;
        if offset >= 0.0 && (offset as usize) <= self.chunk.len() && !self.chunk.is_empty() {
            self.chunk_pos = offset as usize;
        } else {
            self.chunk.clear();
            self.chunk_pos = 0;
            self.chunk_start = target;
            self.pos = target;
        }
        Ok(target as u64)
    }
}
