//! The byte-level style of a text file: UTF-8 BOM and line ends, detected on read and kept on write.

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How a text file was written: with or without a UTF-8 BOM, with CRLF or LF line ends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextStyle {
    pub bom: bool,
    pub crlf: bool,
}

impl TextStyle {
    /// Detects the style and returns the content without the BOM.
    /// Line ends follow the first line end in the file (LF when there is none).
    pub fn detect(bytes: &[u8]) -> (Self, &[u8]) {
        let (bom, body) = match bytes.strip_prefix(BOM) {
            Some(rest) => (true, rest),
            None => (false, bytes),
        };
        let crlf = match memchr_lf(body) {
            Some(i) => i > 0 && body[i - 1] == b'\r',
            None => false,
        };
        (Self { bom, crlf }, body)
    }

    /// The line end to write.
    pub fn newline(&self) -> &'static str {
        if self.crlf { "\r\n" } else { "\n" }
    }

    /// Text whose line ends are already as they should be, as bytes: the BOM added when the
    /// file had one.
    pub fn with_bom(&self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() + 3);
        if self.bom {
            out.extend_from_slice(BOM);
        }
        out.extend_from_slice(text.as_bytes());
        out
    }

    /// Text (with `\n` or `\r\n` line ends) as bytes in this style: BOM added, every lone `\n`
    /// written as `\r\n` when the style is CRLF.
    pub fn encode(&self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() + 3 + text.len() / 32);
        if self.bom {
            out.extend_from_slice(BOM);
        }
        if self.crlf {
            let mut prev = 0u8;
            for &b in text.as_bytes() {
                if b == b'\n' && prev != b'\r' {
                    out.push(b'\r');
                }
                out.push(b);
                prev = b;
            }
        } else {
            out.extend_from_slice(text.as_bytes());
        }
        out
    }
}

fn memchr_lf(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_and_restores_bom_and_crlf() {
        let raw = b"\xEF\xBB\xBF{\r\n  \"a\": 1\r\n}\r\n";
        let (style, body) = TextStyle::detect(raw);
        assert_eq!(
            style,
            TextStyle {
                bom: true,
                crlf: true
            }
        );
        assert_eq!(body, b"{\r\n  \"a\": 1\r\n}\r\n");
        let text = std::str::from_utf8(body).unwrap();
        assert_eq!(style.encode(text), raw.to_vec());
        // A line added with a bare LF is written with CRLF like the rest.
        assert_eq!(style.encode("a\r\nb\n"), b"\xEF\xBB\xBFa\r\nb\r\n".to_vec());
    }

    #[test]
    fn plain_lf_file_stays_plain() {
        let (style, body) = TextStyle::detect(b"x\ny\n");
        assert_eq!(style, TextStyle::default());
        assert_eq!(style.encode("x\ny\n"), body.to_vec());
    }
}
