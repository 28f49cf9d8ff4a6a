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

/// Opens `url`; where that fails, what the administrator is told: why in words (the launcher's own
/// text, which repeats the address and ends in a Rust debug form, goes to the log) and that the
/// address can be opened by hand.
pub fn open_or_explain(browser: &dyn Browser, url: &str) -> Option<crate::base::i18n::Msg> {
    let e = browser.open(url).err()?;
    tracing::warn!("the browser could not be opened: {e}");
    let reason = match e.kind() {
        std::io::ErrorKind::NotFound => "browser-launcher-missing",
        _ => "browser-launcher-failed",
    };
    Some(crate::base::i18n::Msg::new("consent-no-browser").reference("detail", reason))
}
