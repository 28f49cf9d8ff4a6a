//! A round's UCServer folder in one of the hostile layouts the seed picks: plain; `config/` a
//! symbolic link to a folder elsewhere; the root reached through a second path (a bind mount in a
//! mount namespace of its own when `unshare -rm` works, else a symbolic link); a FIFO or a folder
//! where a file belongs. Every folder starts from the consented template (msteams.cfg and the
//! secrets file) and a Windows-1252, semicolon-separated usermatching.csv with a header.

use std::path::{Path, PathBuf};

/// Lines of the seeded usermatching.csv besides its header: large enough that a save takes some
/// milliseconds (the losses grew with the file).
pub const SEED_LINES: usize = 50_000;
/// The header `matching fix --remove-header` removes.
pub const HEADER: &str = "Azure AD;UCServer";

/// Which file a FIFO or a folder stands in for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Usermatching,
    AuditTrail,
    ConfigBackup,
}

impl Target {
    fn path(self, root: &Path) -> PathBuf {
        match self {
            Target::Usermatching => root.join("ExternalServiceProvider/usermatching.csv"),
            Target::AuditTrail => root.join("config/teams-presence-admin-audit.jsonl"),
            Target::ConfigBackup => root.join("config/msteams.cfg.bak"),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Target::Usermatching => "usermatching.csv",
            Target::AuditTrail => "the audit trail",
            Target::ConfigBackup => "msteams.cfg.bak",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Plain,
    /// `config/` is a symbolic link to a folder outside the root.
    ConfigLink,
    /// The root is also reached as `alt`: a bind mount (`bind`) or a symbolic link.
    SecondPath {
        bind: bool,
    },
    Fifo(Target),
    FolderInPlace(Target),
}

impl Layout {
    /// Round `round`'s layout: the rounds go through every layout in turn (so that a bounded run
    /// sees each), from a place the seed decides; the seed picks the file a FIFO or a folder
    /// stands in for. Without bind mounts the bind-mount turn is a symbolic link.
    pub fn pick(rng: &mut fastrand::Rng, seed: u64, round: u64, bind_works: bool) -> Layout {
        let turn = (round + seed % 8) % 8;
        match turn {
            0 | 4 => Layout::Plain,
            1 | 5 => Layout::ConfigLink,
            2 => Layout::SecondPath { bind: bind_works },
            3 => Layout::FolderInPlace(
                *rng.choice(&[
                    Target::Usermatching,
                    Target::AuditTrail,
                    Target::ConfigBackup,
                ])
                .unwrap(),
            ),
            6 => Layout::SecondPath { bind: false },
            _ => Layout::Fifo(
                *rng.choice(&[Target::Usermatching, Target::AuditTrail])
                    .unwrap(),
            ),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Layout::Plain => "plain",
            Layout::ConfigLink => "config/ a symlink",
            Layout::SecondPath { bind: true } => "root via a bind mount",
            Layout::SecondPath { bind: false } => "root via a symlink",
            Layout::Fifo(_) => "a FIFO for a file",
            Layout::FolderInPlace(_) => "a folder for a file",
        }
    }

    pub fn describe(self) -> String {
        match self {
            Layout::Fifo(t) => format!("a FIFO as {}", t.name()),
            Layout::FolderInPlace(t) => format!("a folder as {}", t.name()),
            other => other.name().to_owned(),
        }
    }
}

/// A round's folder: the root and its second path, a link to usermatching.csv, a place for
/// support bundles outside it.
pub struct Folder {
    pub root: PathBuf,
    /// The second path of the root (`SecondPath` only).
    pub alt: Option<PathBuf>,
    /// Mounted in each command's own mount namespace (`unshare -rm`): `alt` is an empty folder
    /// outside those.
    pub bind: bool,
    /// A symbolic link outside the root to `ExternalServiceProvider/usermatching.csv`.
    pub link: PathBuf,
    pub outside: PathBuf,
}

impl Folder {
    pub fn cfg(&self) -> PathBuf {
        self.root.join("config/msteams.cfg")
    }
    pub fn secrets(&self) -> PathBuf {
        self.root.join("config/msteams.secrets.json")
    }
    pub fn csv(&self) -> PathBuf {
        self.root.join("ExternalServiceProvider/usermatching.csv")
    }
}

/// The seeded usermatching.csv: Windows-1252 (`ü` as one byte), semicolons, CRLF, a header.
pub fn seed_csv() -> Vec<u8> {
    let mut out = Vec::with_capacity(SEED_LINES * 32);
    out.extend_from_slice(HEADER.as_bytes());
    out.extend_from_slice(b"\r\n");
    for i in 0..SEED_LINES {
        out.extend_from_slice(format!("seed{i}.m").as_bytes());
        out.push(0xfc);
        out.extend_from_slice(format!("ller@firma.de;seed{i}\r\n").as_bytes());
    }
    out
}

pub fn build(work: &Path, template: &Path, layout: Layout) -> Folder {
    let _ = std::fs::remove_dir_all(work);
    let root = work.join("ucserver");
    let config = root.join("config");
    std::fs::create_dir_all(&root).unwrap();
    if layout == Layout::ConfigLink {
        let real = work.join("elsewhere/config");
        std::fs::create_dir_all(&real).unwrap();
        std::os::unix::fs::symlink(&real, &config).unwrap();
    } else {
        std::fs::create_dir_all(&config).unwrap();
    }
    for name in ["msteams.cfg", "msteams.secrets.json"] {
        std::fs::copy(template.join("config").join(name), config.join(name)).unwrap();
    }
    std::fs::create_dir_all(root.join("ExternalServiceProvider")).unwrap();
    std::fs::write(
        root.join("ExternalServiceProvider/usermatching.csv"),
        seed_csv(),
    )
    .unwrap();
    let links = work.join("links");
    std::fs::create_dir_all(&links).unwrap();
    let link = links.join("um.csv");
    std::os::unix::fs::symlink(root.join("ExternalServiceProvider/usermatching.csv"), &link)
        .unwrap();
    let outside = work.join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    let (alt, bind) = match layout {
        Layout::SecondPath { bind } => {
            let alt = work.join("alt");
            if bind {
                std::fs::create_dir_all(&alt).unwrap();
            } else {
                std::os::unix::fs::symlink(&root, &alt).unwrap();
            }
            (Some(alt), bind)
        }
        _ => (None, false),
    };
    match layout {
        Layout::Fifo(t) => {
            let p = t.path(&root);
            let _ = std::fs::remove_file(&p);
            mkfifo(&p);
        }
        Layout::FolderInPlace(t) => {
            let p = t.path(&root);
            let _ = std::fs::remove_file(&p);
            std::fs::create_dir_all(&p).unwrap();
        }
        _ => {}
    }
    Folder {
        root,
        alt,
        bind,
        link,
        outside,
    }
}

fn mkfifo(p: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(p.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    let r = unsafe { libc::mkfifo(c.as_ptr(), 0o644) };
    assert_eq!(r, 0, "mkfifo {}", p.display());
}

/// Whether a bind mount in a user and mount namespace of its own works here (`unshare -rm`).
pub fn bind_mount_works(work: &Path) -> bool {
    let (a, b) = (work.join("bind-probe-a"), work.join("bind-probe-b"));
    let _ = std::fs::create_dir_all(&a);
    let _ = std::fs::create_dir_all(&b);
    let _ = std::fs::write(a.join("x"), b"x");
    let ok = std::process::Command::new("unshare")
        .args([
            "-rm",
            "sh",
            "-c",
            "mount --bind \"$0\" \"$1\" && test -f \"$1/x\"",
        ])
        .arg(&a)
        .arg(&b)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let _ = std::fs::remove_dir_all(&a);
    let _ = std::fs::remove_dir_all(&b);
    ok
}
