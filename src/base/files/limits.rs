//! How large a text the pane takes in, and what it refuses (issue 23 §5). Each kind of input has
//! a maximum size and line length far above real use at 100,000 users; a text with NUL bytes is no
//! text file (UTF-16 is named as such). Checked before anything is parsed — a file's size before
//! it is read, and no more than the maximum is ever read — so the memory of a read stays a small
//! multiple of the largest allowed input. The refusal travels inside an `io::Error`
//! ([`Refused::of`]) and reads as "the file: what is wrong, how to fix it" (`i18n::refused`).

use std::io::{self, Read as _};
use std::path::Path;

const KIB: u64 = 1024;
const MIB: u64 = 1024 * KIB;

/// What a text is, for its limits and its name in a refusal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextKind {
    /// msteams.cfg: about 2 KB in use; the activation lists of 100,000 users about 4 MB.
    Config,
    /// usermatching.csv: about 6 MB with 100,000 lines; a line is two names (each at most 256
    /// characters as Entra ID and the UCServer allow).
    Matching,
    /// msteams.secrets.json: tokens and a certificate, a few KB.
    Secrets,
    /// A UCServer user export: about 20 MB with 100,000 users and their groups.
    UserExport,
    /// Lines pasted into the usermatching editor.
    Paste,
    /// The pane's own settings file (log level).
    Settings,
    /// One file of the audit trail: the pane starts a new one at 1 MB.
    Audit,
}

/// The most a text of a kind may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub max_bytes: u64,
    /// The longest line, in bytes.
    pub max_line: usize,
}

impl TextKind {
    pub const fn limit(self) -> Limit {
        let (max_bytes, max_line) = match self {
            TextKind::Config => (16 * MIB, 16 * MIB),
            TextKind::Matching => (64 * MIB, 4 * KIB),
            TextKind::Secrets => (MIB, MIB),
            TextKind::UserExport => (256 * MIB, 64 * KIB),
            TextKind::Paste => (64 * MIB, 4 * KIB),
            TextKind::Settings => (64 * KIB, 64 * KIB),
            TextKind::Audit => (8 * MIB, MIB),
        };
        Limit {
            max_bytes,
            max_line: max_line as usize,
        }
    }

    /// The kind of a file the pane keeps, by its name: `*.csv` usermatching.csv,
    /// `*secrets.json` the secrets file, `teams-presence-admin.json` the pane's settings, any
    /// other msteams.cfg (what [`super::Snapshot::read`] reads).
    pub fn of_file(path: &Path) -> TextKind {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if name.ends_with(".csv") {
            TextKind::Matching
        } else if name.ends_with("secrets.json") {
            TextKind::Secrets
        } else if name == "teams-presence-admin.json" {
            TextKind::Settings
        } else {
            TextKind::Config
        }
    }

    /// The Fluent id of the kind's name ("der Benutzerexport").
    pub fn label_id(self) -> &'static str {
        match self {
            TextKind::Config => "text-kind-config",
            TextKind::Matching => "text-kind-matching",
            TextKind::Secrets => "text-kind-secrets",
            TextKind::UserExport => "text-kind-user-export",
            TextKind::Paste => "text-kind-paste",
            TextKind::Settings => "text-kind-settings",
            TextKind::Audit => "text-kind-audit",
        }
    }
}

/// Why a text is not taken in.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("{size} bytes, more than the {max} allowed for {kind:?}")]
    TooLarge { kind: TextKind, size: u64, max: u64 },
    #[error("line {line} has {len} bytes, more than the {max} allowed for {kind:?}")]
    LineTooLong {
        kind: TextKind,
        line: usize,
        len: usize,
        max: usize,
    },
    #[error("not a text file ({kind:?}: a NUL byte at offset {offset})")]
    NotText {
        kind: TextKind,
        offset: usize,
        utf16: bool,
    },
}

impl Refused {
    /// This refusal inside an `io::Error`, for the readers that return one.
    pub fn into_io(self) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, self)
    }

    /// The refusal inside `e`, if it is one.
    pub fn of(e: &io::Error) -> Option<&Refused> {
        e.get_ref()
            .and_then(|inner| inner.downcast_ref::<Refused>())
    }
}

/// Megabytes, rounded up (a refusal never says "0 MB").
pub fn mb(bytes: u64) -> u64 {
    bytes.div_ceil(MIB)
}

/// Checks text already in memory (a paste, a file read by someone else).
pub fn check(bytes: &[u8], kind: TextKind) -> Result<(), Refused> {
    let limit = kind.limit();
    if bytes.len() as u64 > limit.max_bytes {
        return Err(Refused::TooLarge {
            kind,
            size: bytes.len() as u64,
            max: limit.max_bytes,
        });
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") || offset < 2;
        return Err(Refused::NotText {
            kind,
            offset,
            utf16,
        });
    }
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.len() > limit.max_line {
            return Err(Refused::LineTooLong {
                kind,
                line: i + 1,
                len: line.len(),
                max: limit.max_line,
            });
        }
    }
    Ok(())
}

/// Reads the file at `path` as a text of `kind` (`None`: it does not exist). Its size is looked
/// at before it is read and never more than the maximum is read, even of a file that grows
/// meanwhile.
pub fn read(path: &Path, kind: TextKind) -> io::Result<Option<Vec<u8>>> {
    let Some(file) = super::open_regular(path)? else {
        return Ok(None);
    };
    read_open(file, kind).map(Some)
}

/// Reads an open file as a text of `kind`, within its limits (see [`read`]).
pub fn read_open(file: std::fs::File, kind: TextKind) -> io::Result<Vec<u8>> {
    let max = kind.limit().max_bytes;
    let size = file.metadata()?.len();
    if size > max {
        return Err(Refused::TooLarge { kind, size, max }.into_io());
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(max + 1).read_to_end(&mut bytes)?;
    check(&bytes, kind).map_err(Refused::into_io)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_its_maximum_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secrets.json");
        let f = std::fs::File::create(&path).unwrap();
        // A sparse file: its size says enough, nothing of it is read.
        f.set_len(2 * MIB).unwrap();
        let e = read(&path, TextKind::Secrets).unwrap_err();
        assert_eq!(
            Refused::of(&e),
            Some(&Refused::TooLarge {
                kind: TextKind::Secrets,
                size: 2 * MIB,
                max: MIB
            })
        );
    }

    #[test]
    fn a_missing_file_is_none_and_a_text_under_the_limits_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("usermatching.csv");
        assert_eq!(read(&path, TextKind::Matching).unwrap(), None);
        std::fs::write(&path, "a@firma.de,a\r\n").unwrap();
        assert_eq!(
            read(&path, TextKind::Matching).unwrap().as_deref(),
            Some(&b"a@firma.de,a\r\n"[..])
        );
    }

    #[test]
    fn nul_bytes_are_no_text_and_utf16_is_named() {
        let utf16: Vec<u8> = "\u{feff}a,b"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(matches!(
            check(&utf16, TextKind::UserExport),
            Err(Refused::NotText { utf16: true, .. })
        ));
        assert!(matches!(
            check(b"PK\x03\x04\x14\x00\x00", TextKind::Matching),
            Err(Refused::NotText {
                utf16: false,
                offset: 5,
                ..
            })
        ));
    }

    #[test]
    fn a_line_over_its_maximum_is_named_by_its_number() {
        let text = format!("a,b\n{}\n", "x".repeat(5000));
        assert_eq!(
            check(text.as_bytes(), TextKind::Matching),
            Err(Refused::LineTooLong {
                kind: TextKind::Matching,
                line: 2,
                len: 5000,
                max: 4096
            })
        );
    }
}
