//! The Windows Event Log (`RegisterEventSourceW`, `ReportEventW`): an event of the pane's source
//! in the Application log. Elsewhere [`report`] answers that there is no Event Log.

/// An event's type in the log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Information,
    Warning,
    Error,
}

/// Writes one event: `text` as its one string, `id` as its event id, `level` as its type.
#[cfg(windows)]
pub fn report(source: &str, id: u32, level: Level, text: &str) -> Result<(), String> {
    use windows_sys::Win32::System::EventLog::{
        DeregisterEventSource, EVENTLOG_ERROR_TYPE, EVENTLOG_INFORMATION_TYPE,
        EVENTLOG_WARNING_TYPE, RegisterEventSourceW, ReportEventW,
    };
    let wide = |s: &str| s.encode_utf16().chain(Some(0)).collect::<Vec<u16>>();
    let source = wide(source);
    let text = wide(text);
    let kind = match level {
        Level::Information => EVENTLOG_INFORMATION_TYPE,
        Level::Warning => EVENTLOG_WARNING_TYPE,
        Level::Error => EVENTLOG_ERROR_TYPE,
    };
    // SAFETY: NUL-terminated UTF-16 strings that outlive the calls; the handle is closed below.
    unsafe {
        let h = RegisterEventSourceW(std::ptr::null(), source.as_ptr());
        if h.is_null() {
            return Err(std::io::Error::last_os_error().to_string());
        }
        let strings = [text.as_ptr()];
        let ok = ReportEventW(
            h,
            kind,
            0,
            id,
            std::ptr::null_mut(),
            1,
            0,
            strings.as_ptr(),
            std::ptr::null(),
        );
        let err = std::io::Error::last_os_error();
        DeregisterEventSource(h);
        if ok == 0 {
            return Err(err.to_string());
        }
    }
    Ok(())
}

/// There is no Event Log here.
#[cfg(not(windows))]
pub fn report(_source: &str, _id: u32, _level: Level, _text: &str) -> Result<(), String> {
    Err("there is no Windows Event Log on this system".into())
}
