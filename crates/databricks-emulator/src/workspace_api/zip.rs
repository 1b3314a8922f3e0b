//! A minimal ZIP archive writer and reader (PKWARE APPNOTE), enough for DBC and source
//! archives: names are UTF-8 (flag bit 11), no ZIP64 (archives under 4 GiB). The writer
//! stores entries (method 0); the reader takes stored and deflated (method 8) entries, as
//! archives exported by Databricks and made by common tools are, and refuses an archive
//! that expands past [`MAX_EXPANDED_BYTES`] (a "zip bomb").

/// One archive entry: a file with content, or a directory (name ending in `/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Path inside the archive, `/`-separated.
    pub(crate) name: String,
    /// Content (empty for directories).
    pub(crate) data: Vec<u8>,
}

impl Entry {
    /// Whether the entry is a directory.
    pub(crate) fn is_dir(&self) -> bool {
        self.name.ends_with('/')
    }
}

const LOCAL: u32 = 0x0403_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;
const UTF8: u16 = 1 << 11;

fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *slot = c;
    }
    table
}

/// CRC-32 (IEEE), as ZIP uses it.
pub(crate) fn crc32(data: &[u8]) -> u32 {
    let table = crc_table();
    let mut c = 0xFFFF_FFFFu32;
    for b in data {
        c = table[((c ^ u32::from(*b)) & 0xFF) as usize] ^ (c >> 8);
    }
    c ^ 0xFFFF_FFFF
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Writes a stored ZIP archive of `entries`, in order.
pub(crate) fn write(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for entry in entries {
        let offset = out.len() as u32;
        let crc = crc32(&entry.data);
        let size = entry.data.len() as u32;
        let name = entry.name.as_bytes();
        // DOS time 00:00, date 1980-01-01.
        let (time, date) = (0u16, (1 << 5) | 1);
        put32(&mut out, LOCAL);
        put16(&mut out, 20);
        put16(&mut out, UTF8);
        put16(&mut out, 0);
        put16(&mut out, time);
        put16(&mut out, date);
        put32(&mut out, crc);
        put32(&mut out, size);
        put32(&mut out, size);
        put16(&mut out, name.len() as u16);
        put16(&mut out, 0);
        out.extend_from_slice(name);
        out.extend_from_slice(&entry.data);

        put32(&mut central, CENTRAL);
        put16(&mut central, 20);
        put16(&mut central, 20);
        put16(&mut central, UTF8);
        put16(&mut central, 0);
        put16(&mut central, time);
        put16(&mut central, date);
        put32(&mut central, crc);
        put32(&mut central, size);
        put32(&mut central, size);
        put16(&mut central, name.len() as u16);
        put16(&mut central, 0);
        put16(&mut central, 0);
        put16(&mut central, 0);
        put16(&mut central, 0);
        put32(&mut central, if entry.is_dir() { 0x10 } else { 0 });
        put32(&mut central, offset);
        central.extend_from_slice(name);
    }
    let central_offset = out.len() as u32;
    let central_size = central.len() as u32;
    out.extend_from_slice(&central);
    put32(&mut out, END);
    put16(&mut out, 0);
    put16(&mut out, 0);
    put16(&mut out, entries.len() as u16);
    put16(&mut out, entries.len() as u16);
    put32(&mut out, central_size);
    put32(&mut out, central_offset);
    put16(&mut out, 0);
    out
}

/// Whether `data` starts like a ZIP archive.
pub(crate) fn looks_like_zip(data: &[u8]) -> bool {
    data.starts_with(&LOCAL.to_le_bytes()) || data.starts_with(&END.to_le_bytes())
}

fn get16(data: &[u8], at: usize) -> Result<u16, String> {
    data.get(at..at + 2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
        .ok_or_else(|| "truncated archive".to_owned())
}

fn get32(data: &[u8], at: usize) -> Result<u32, String> {
    data.get(at..at + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or_else(|| "truncated archive".to_owned())
}

/// The most an archive may expand to, all entries together.
pub(crate) const MAX_EXPANDED_BYTES: usize = 64 * 1024 * 1024;

/// The content of an entry: `raw` as stored, or inflated to exactly `size` bytes.
fn content(name: &str, method: u16, raw: &[u8], size: usize) -> Result<Vec<u8>, String> {
    match method {
        0 if raw.len() == size => Ok(raw.to_vec()),
        0 => Err(format!("entry {name}: inconsistent sizes")),
        8 => {
            let data = miniz_oxide::inflate::decompress_to_vec_with_limit(raw, size)
                .map_err(|e| format!("entry {name}: cannot inflate it ({e})"))?;
            if data.len() == size {
                Ok(data)
            } else {
                Err(format!("entry {name}: inconsistent sizes"))
            }
        }
        other => Err(format!(
            "entry {name} uses compression method {other}; only stored (0) and deflated (8) \
             entries are supported"
        )),
    }
}

/// Reads every entry of a ZIP archive through its central directory.
pub(crate) fn read(data: &[u8]) -> Result<Vec<Entry>, String> {
    if data.len() < 22 {
        return Err("not a ZIP archive".to_owned());
    }
    let lowest = data.len().saturating_sub(22 + 65_535);
    let end = (lowest..=data.len() - 22)
        .rev()
        .find(|&i| get32(data, i).ok() == Some(END))
        .ok_or_else(|| "not a ZIP archive (no end of central directory)".to_owned())?;
    let count = usize::from(get16(data, end + 10)?);
    let mut at = get32(data, end + 16)? as usize;
    let mut entries = Vec::with_capacity(count);
    let mut expanded = 0usize;
    for _ in 0..count {
        if get32(data, at)? != CENTRAL {
            return Err("corrupt central directory".to_owned());
        }
        let method = get16(data, at + 10)?;
        let crc = get32(data, at + 16)?;
        let compressed = get32(data, at + 20)? as usize;
        let size = get32(data, at + 24)? as usize;
        let name_len = usize::from(get16(data, at + 28)?);
        let extra_len = usize::from(get16(data, at + 30)?);
        let comment_len = usize::from(get16(data, at + 32)?);
        let local = get32(data, at + 42)? as usize;
        let name = data
            .get(at + 46..at + 46 + name_len)
            .ok_or_else(|| "truncated archive".to_owned())?;
        let name = String::from_utf8(name.to_vec()).map_err(|_| "entry name is not UTF-8")?;
        at += 46 + name_len + extra_len + comment_len;
        expanded = expanded.saturating_add(size);
        if expanded > MAX_EXPANDED_BYTES {
            return Err(format!(
                "the archive expands to more than {MAX_EXPANDED_BYTES} bytes"
            ));
        }
        if get32(data, local)? != LOCAL {
            return Err(format!("entry {name}: bad local header"));
        }
        let start = local
            + 30
            + usize::from(get16(data, local + 26)?)
            + usize::from(get16(data, local + 28)?);
        let raw = start
            .checked_add(compressed)
            .and_then(|end| data.get(start..end))
            .ok_or_else(|| format!("entry {name}: truncated"))?;
        let content = content(&name, method, raw, size)?;
        if crc32(&content) != crc {
            return Err(format!("entry {name}: CRC mismatch"));
        }
        entries.push(Entry {
            name,
            data: content,
        });
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A DBC archive exported by the emulator and re-compressed by Python's `zipfile`
    /// (deflated, level 9): one notebook entry, `d/nb.python`, 361 bytes.
    const DEFLATED: &[u8] = include_bytes!("../../tests/fixtures/deflated.dbc");

    /// `DEFLATED` with its central directory's uncompressed size set to `size`.
    fn declaring(size: u32) -> Vec<u8> {
        let mut archive = DEFLATED.to_vec();
        let at = archive
            .windows(4)
            .position(|w| w == CENTRAL.to_le_bytes())
            .unwrap();
        archive[at + 24..at + 28].copy_from_slice(&size.to_le_bytes());
        archive
    }

    #[test]
    fn deflated_entries_are_inflated() {
        let entries = read(DEFLATED).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].name, "d/nb.python");
        assert_eq!(entries[0].data.len(), 361);
        let text = String::from_utf8(entries[0].data.clone()).unwrap();
        assert!(
            text.contains("deflated") && text.contains("x = 1 + 1"),
            "{text}"
        );
    }

    #[test]
    fn deflated_entries_that_lie_about_their_size_are_refused() {
        // Inflates past its declared size: stopped at the declared size.
        assert!(
            read(&declaring(100))
                .unwrap_err()
                .contains("cannot inflate")
        );
        // Inflates short of it.
        assert!(
            read(&declaring(400))
                .unwrap_err()
                .contains("inconsistent sizes")
        );
        // Declares more than any archive may expand to: refused before inflating.
        let bomb = declaring(u32::try_from(MAX_EXPANDED_BYTES).unwrap() + 1);
        assert!(read(&bomb).unwrap_err().contains("expands to more than"));
    }

    #[test]
    fn other_compression_methods_are_named() {
        let mut archive = DEFLATED.to_vec();
        let at = archive
            .windows(4)
            .position(|w| w == CENTRAL.to_le_bytes())
            .unwrap();
        archive[at + 10..at + 12].copy_from_slice(&12u16.to_le_bytes());
        assert!(read(&archive).unwrap_err().contains("method 12"));
    }

    #[test]
    fn crc_of_known_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn round_trip() {
        let entries = vec![
            Entry {
                name: "etl/".into(),
                data: vec![],
            },
            Entry {
                name: "etl/nb.python".into(),
                data: b"{\"x\":1}".to_vec(),
            },
            Entry {
                name: "etl/é.sql".into(),
                data: vec![0, 1, 2, 255],
            },
        ];
        let archive = write(&entries);
        assert!(looks_like_zip(&archive));
        assert_eq!(read(&archive).unwrap(), entries);
        assert!(read(b"definitely not a zip archive at all").is_err());
        let mut corrupt = archive.clone();
        let at = archive.windows(7).position(|w| w == b"{\"x\":1}").unwrap();
        corrupt[at + 1] ^= 0xFF;
        assert!(read(&corrupt).unwrap_err().contains("CRC"));
    }
}
