//! The seam to the system browser: the pane opens Microsoft's pages with the `open` crate; the
//! tests put a stand-in there that walks the emulator's pages over HTTP.

/// Something that shows a URL to the administrator.
pub trait Browser: Send + Sync + std::fmt::Debug {
    fn open(&self, url: &str) -> std::io::Result<()>;
}

/// The operating system's default browser.
#[derive(Debug)]
pub struct SystemBrowser;

impl Browser for SystemBrowser {
    fn open(&self, url: &str) -> std::io::Result<()> {
        open::that_detached(url)
    }
}
