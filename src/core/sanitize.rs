//! The one sanitiser for text that came from a file or the log on its way
//! to a terminal: routine titles and texts, ids, notes, paths, source lines.
//!
//! A terminal obeys some characters instead of showing them: ESC starts
//! sequences that move the cursor, recolour, rename the window or tmux pane
//! (OSC), BEL rings, the C1 controls are ESC's one-byte twins, and the bidi
//! overrides and isolates reorder what follows so a line reads other than
//! it is. Each is shown instead, as text anyone can read: C0, DEL and C1 as
//! `\x1b`, the bidi controls as `U+202E`. Everything else, CJK, emoji and
//! combining accents included, passes as it is.
//!
//! CSV and JSON stay exact (their readers are programs); HTML and Markdown
//! get this and their own escaping.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Bidi formatting characters: LRM/RLM, ALM, the embeddings and overrides
/// U+202A–U+202E, and the isolates U+2066–U+2069.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` must not reach a terminal as it is; `keep_newline` lets
/// `\n` through for callers that print several lines.
fn is_unsafe(c: char, keep_newline: bool) -> bool {
    (c.is_control() && !(keep_newline && c == '\n')) || is_bidi_control(c)
}

fn escape(text: &str, keep_newline: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c, keep_newline)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !is_unsafe(c, keep_newline) {
            out.push(c);
        } else if is_bidi_control(c) {
            let _ = write!(out, "U+{:04X}", u32::from(c));
        } else {
            let _ = write!(out, "\\x{:02x}", u32::from(c));
        }
    }
    Cow::Owned(out)
}

/// `text` on one line with every control character (line breaks too) and
/// bidi control made visible.
pub fn visible(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// Like [`visible`], but line breaks (`\n`) are kept, for text printed as
/// several lines. A `\r` before one is shown, as it could hide the line.
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_are_shown_not_obeyed() {
        assert_eq!(
            visible("a\x1b]2;pwned\x07b"),
            "a\\x1b]2;pwned\\x07b",
            "OSC and BEL"
        );
        assert_eq!(
            visible("\x7f\u{9b}31m"),
            "\\x7f\\x9b31m",
            "DEL and CSI (C1)"
        );
        assert_eq!(visible("abc\u{202E}fed"), "abcU+202Efed");
        assert_eq!(visible("\u{2066}x\u{2069}\u{200F}"), "U+2066xU+2069U+200F");
        assert_eq!(visible("two\nlines\t"), "two\\x0alines\\x09");
        assert_eq!(visible_lines("two\r\nlines\n"), "two\\x0d\nlines\n");
    }

    #[test]
    fn ordinary_text_is_borrowed_as_it_is() {
        for text in [
            "Piriformis stretch",
            "梨状筋 e\u{301} 🧘",
            "Растяжка — 30 с",
            "",
        ] {
            assert!(matches!(visible(text), Cow::Borrowed(t) if t == text));
        }
    }
}
