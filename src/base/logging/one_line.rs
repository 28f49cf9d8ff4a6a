//! Each event one line in the log file, whatever its values hold: a line break or another control
//! character inside a message (a path, a name from a file, Microsoft's text) is written as `\xNN`,
//! so no value can forge a line of its own or steer the terminal of whoever reads the file.

use std::io::{self, Write};

/// Wraps the file's writer; tracing's fmt layer writes each event (ending in `\n`) in one call.
#[derive(Clone)]
pub struct OneLine<W>(pub W);

/// `event` with every control character but the tab and the final line break escaped.
fn escaped(event: &[u8]) -> Option<Vec<u8>> {
    let hidden = |b: &u8| b.is_ascii_control() && *b != b'\t';
    let body = event.strip_suffix(b"\n").unwrap_or(event);
    if !body.iter().any(hidden) {
        return None;
    }
    let mut out = Vec::with_capacity(event.len() + 16);
    for b in body {
        if hidden(b) {
            let _ = write!(out, "\\x{b:02x}");
        } else {
            out.push(*b);
        }
    }
    if body.len() < event.len() {
        out.push(b'\n');
    }
    Some(out)
}

impl<W: Write> Write for OneLine<W> {
    fn write(&mut self, event: &[u8]) -> io::Result<usize> {
        match escaped(event) {
            Some(out) => self.0.write_all(&out)?,
            None => self.0.write_all(event)?,
        }
        Ok(event.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_with_a_line_break_stays_on_its_line() {
        let mut w = OneLine(Vec::new());
        w.write_all(b"INFO saved C:\\x\n2026-12-02 ERROR forged\x1b[2J\n")
            .unwrap();
        w.write_all(b"INFO plain\n").unwrap();
        assert_eq!(
            String::from_utf8(w.0).unwrap(),
            "INFO saved C:\\x\\x0a2026-12-02 ERROR forged\\x1b[2J\nINFO plain\n"
        );
    }
}
